"""Continuity claims on pieces with closed ends, and undefined points away from breakpoints
(symact/kernel/continuity_claim.py, symact/decide/gate_certify.py).

``continuous(f) for x >= a`` means: f is defined at every point of [a, oo) and continuous there as a function on
that set, so at a only from the right.  Truths by hand, beside each case:
- relu on [0, 1]: relu = x on [0, 1], continuous.  elu (alpha 1) on [0, oo): elu = x there.  1/x on [1, oo) and
  log on (0, 1]: defined and continuous on those sets.
- Piecewise((1, x < 0), (2, True)) is 2 on [0, oo): continuous there.  Piecewise((1, x <= 0), (2, True)) is 1 at 0
  and 2 just right of it: not continuous on [0, oo), although it is continuous on (-oo, 0].
- elu'(0) (alpha 1) exists: the one-sided derivatives e^0 = 1 and 1 agree; elu' = e^x -> 1 from the left, so
  continuous on (-oo, 0].  relu'(0) does not exist (0 left, 1 right), even for a claim on [0, oo) only: a
  derivative is two-sided, so relu' is undefined at the domain's end 0 and the claim is false.
- sqrt(x) on [0, oo), asin on [-1, 1], sqrt(1 - x^2) on [-1, 1]: roots and asin are continuous on their whole
  domains, ends included (from inside).  1/sqrt(x) is undefined at 0.  Piecewise((sqrt(x), x > 0), (0, True)) is
  sqrt(x) on [0, oo) (0 at 0).
- sqrt(x) on R: undefined at every x < 0 (not a breakpoint), so not continuous on R; on [-1/8, oo) undefined at
  -1/8 itself.  log(x) on (-3, oo): undefined at 0.
"""
from __future__ import annotations

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.parsing import parse_claim

from kernel_rules import assert_decided, rejects_each


def test_the_ground_truth():
    """Independent of symact (mpmath): the one-sided values and difference quotients the cases rest on."""
    with mpmath.workdps(80):
        for eps in (mpmath.mpf(10) ** -10, mpmath.mpf(10) ** -30):
            assert abs((mpmath.exp(-eps) - 1) / -eps - 1) < eps    # elu' from the left at 0 tends to 1
            assert mpmath.exp(-eps) > 1 - 2 * eps                  # elu' = e^x -> 1 from the left
            assert (0 - 0) / -eps == 0 and (eps - 0) / eps == 1    # relu: left quotient 0, right quotient 1
    assert mpmath.sqrt(mpmath.mpf(-1) / 8).imag != 0                  # no real square root of -1/8


@pytest.mark.parametrize("text, verdict", [
    ("continuous(relu(x)) for 0 <= x <= 1", "proved"),
    ("continuous(elu(x)) for x >= 0", "proved"),
    ("continuous(1/x) for x >= 1", "proved"),
    ("continuous(log(x)) for 0 < x <= 1", "proved"),
    ("continuous(Piecewise((1, x < 0), (2, True))) for x >= 0", "proved"),
    ("continuous(Piecewise((1, x <= 0), (2, True))) for x <= 0", "proved"),
    ("continuous(diff(elu(x), x)) for x <= 0", "proved"),
    ("continuous(diff(relu(x), x)) for x >= 0", "refuted"),
    ("continuous(sqrt(x))", "refuted"),
    ("not continuous(sqrt(x))", "proved"),
    ("continuous(sqrt(x)) for x >= -1/8", "refuted"),
    ("continuous(sqrt(x)) for x >= 0", "proved"),
    ("continuous(asin(x)) for -1 <= x <= 1", "proved"),
    ("continuous(sqrt(1 - x**2)) for -1 <= x <= 1", "proved"),
    ("continuous(1/sqrt(x)) for x >= 0", "refuted"),
    ("continuous(Piecewise((sqrt(x), x > 0), (0, True))) for x >= 0", "proved"),
    ("continuous(log(x)) for x > -3", "refuted"),
])
def test_closed_ends_and_undefined_points(text, verdict):
    assert_decided(text, verdict)


def test_a_value_that_drops_at_a_closed_end_is_not_proved_continuous():
    """Piecewise((1, x <= 0), (2, True)) on [0, oo): f(0) = 1, f = 2 just right of 0."""
    assert check_claim(parse_claim("continuous(Piecewise((1, x <= 0), (2, True))) for x >= 0"), 3.0).status != "proved"


test_corruptions_of_a_closed_end_are_rejected = rejects_each(
    "continuous(Piecewise((1, x < 0), (2, True))) for x >= 0", {
        "the value at the end moved": lambda c: c["claim"].update(
            continuous=["pw", [["num", "1"], ["rel", "<=", ["x"], ["num", "0"]]], [["num", "2"], ["true"]]]),
        "the end moved below the join": lambda c: c["claim"].update(domain=[["-1", "oo", True, False]]),
        "a point piece": lambda c: c["claim"].update(domain=[["0", "0", True, True]]),
    })

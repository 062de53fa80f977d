"""The kernel's ``jump`` rule (symact/kernel/continuity_claim.py): f's formulas on both sides of a point c of the
domain are defined in the open sense at c and their values there certainly differ, so f's one-sided limits
differ and f is not continuous at c, whatever f(c) is.  Heaviside(x) (0 left of 0, 1 right of it, 1/2 at 0 in
SymPy), sign(x) (-1, 1) and exp(x) for x < 1 joined to 2 (e = 2.718... left of 1, 2 right of it) jump; relu
(0 and x, both 0 at 0) and |x|^3's derivative (-3x^2 and 3x^2) do not.  Truths by hand, beside each case."""
from __future__ import annotations

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.parsing import parse_claim

from kernel_rules import assert_decided, rejects_each


def test_the_ground_truth():
    """Independent of symact (mpmath): the one-sided values of the jumping functions differ near their point, and
    those of the continuous ones agree."""
    for eps in (mpmath.mpf(10) ** -10, mpmath.mpf(10) ** -30):
        assert mpmath.exp(1 - eps) - 2 > mpmath.mpf("0.7")
        assert mpmath.sign(eps) - mpmath.sign(-eps) == 2
        assert max(abs(3 * x * abs(x)) for x in (eps, -eps)) < eps   # d/dx |x|^3 = 3 x |x|: both sides tend to 0
        assert max(x for x in (-eps, 0)) == 0 and min(x for x in (0, eps)) == 0   # relu: 0 and x meet at 0


@pytest.mark.parametrize("text, verdict", [
    ("continuous(Heaviside(x))", "refuted"),
    ("not continuous(Heaviside(x))", "proved"),
    ("continuous(sign(x)) for x > -1", "refuted"),
    ("continuous(Piecewise((exp(x), x < 1), (2, True)))", "refuted"),
    ("continuous(Piecewise((x, x < 0), (x + 1, True)))", "refuted"),
    ("continuous(relu(x))", "proved"),
    ("continuous(diff(Abs(x)**3, x))", "proved"),
])
def test_jumps_are_refuted_and_continuous_joins_proved(text, verdict):
    assert_decided(text, verdict)


def test_a_jump_outside_the_domain_is_not_a_counterexample():
    """sign is continuous on (0, oo): its jump at 0 is no counterexample there."""
    assert check_claim(parse_claim("continuous(sign(x)) for x > 0"), 2.0).status == "proved"


test_corruptions_of_a_jump_are_rejected = rejects_each("not continuous(Piecewise((exp(x), x < 1), (2, True)))", {
    "the point moved off the join": lambda c: c["proof"].update(at="1/2", left="1/4", right="3/4"),
    "a function that meets there": lambda c: c["claim"].update(
        continuous=["pw", [["fn", "exp", ["x"]], ["rel", "<", ["x"], ["num", "1"]]], [["const", "E"], ["true"]]]),
    "points not increasing": lambda c: c["proof"].update(left="3/2"),
    "a domain without the point": lambda c: c["claim"].update(domain=[["1", "oo", False, False]]),
    "the claim not negated": lambda c: c["claim"].pop("negated"),
})


def test_one_sided_ground_truth():
    """By hand: Heaviside(0) = 1/2 in SymPy (and here), 1 to its right and 0 to its left; sign(0) = 0, 1 to the right;
    thresholded_relu (theta 1) is 0 at 1 (x > theta is strict) and x > 1 just right of it."""
    import sympy as sp

    from symact.catalog import X, get

    assert sp.Heaviside(0) == sp.Rational(1, 2) and sp.sign(0) == 0
    assert get("thresholded_relu").f().subs(X, 1) == 0  # the catalog's convention the case rests on (strict >)


@pytest.mark.parametrize("text, verdict", [
    ("continuous(Heaviside(x)) for x >= 0", "refuted"),
    ("continuous(Heaviside(x)) for x <= 0", "refuted"),
    ("not continuous(Heaviside(x)) for x >= 0", "proved"),
    ("continuous(sign(x)) for 0 <= x <= 1", "refuted"),
    ("continuous(thresholded_relu(x)) for x >= 1", "refuted"),
    ("continuous(Piecewise((1, x <= 0), (2, True))) for x >= 0", "refuted"),
    ("continuous(Piecewise((1, x <= 0), (2, True))) for x <= 0", "proved"),
    ("continuous(Heaviside(x)) for x > 0", "proved"),
])
def test_a_value_off_its_one_sided_limit_is_a_jump(text, verdict):
    """A jump with one neighbour: f(c) differs from f's limit from one side inside the domain (at a closed end of
    the domain, where the other side is outside it)."""
    assert_decided(text, verdict)


test_corruptions_of_a_one_sided_jump_are_rejected = rejects_each("not continuous(Heaviside(x)) for x >= 0", {
    "the point moved off the jump": lambda c: c["proof"].update(at="1/4"),
    "a function that meets its limit": lambda c: c["claim"].update(
        continuous=["pw", [["num", "0"], ["rel", "<", ["x"], ["num", "0"]]], [["x"], ["true"]]]),
    "the neighbour on the wrong side": lambda c: c["proof"].update(right="-1/2"),
    "no neighbour": lambda c: c["proof"].pop("right"),
    "a domain without the point": lambda c: c["claim"].update(domain=[["0", "oo", False, False]]),
    "the claim not negated": lambda c: c["claim"].pop("negated"),
})


#: sqrt(x) for x > 0, 1 at 0: sqrt is continuous on [0, oo) (ends included) with sqrt(0) = 0, so f's limit from
#: the right at 0 is 0, not f(0) = 1.  The formula is undefined left of 0: only its closed domain makes it
#: continuous at 0 from the right.
ROOT = "Piecewise((sqrt(x), x > 0), (1, True))"


def test_root_ground_truth():
    """Near the point, each jumping f stays far from its value there (1 for the roots, 0 for asin at 1)."""
    for eps in (mpmath.mpf(10) ** -12, mpmath.mpf(10) ** -40):
        assert abs(mpmath.sqrt(eps) - 1) > mpmath.mpf("0.99") and abs(mpmath.sqrt(-(-eps)) - 1) > mpmath.mpf("0.99")
        assert mpmath.asin(1 - eps) > mpmath.mpf("1.57")


@pytest.mark.parametrize("text, verdict", [
    (f"continuous({ROOT}) for x >= 0", "refuted"),
    (f"not continuous({ROOT}) for x >= 0", "proved"),
    ("continuous(Piecewise((sqrt(-x), x < 0), (1, True))) for x <= 0", "refuted"),
    ("continuous(Piecewise((asin(x), x < 1), (0, True))) for 0 <= x <= 1", "refuted"),
    ("continuous(Piecewise((sqrt(x), x > 0), (0, True))) for x >= 0", "proved"),
    (f"continuous({ROOT}) for x > 0", "proved"),
])
def test_a_jump_at_the_end_of_a_formula_continuous_on_its_closed_domain(text, verdict):
    """asin(x) tends to asin(1) = pi/2 as x rises to 1, and f(1) = 0."""
    assert_decided(text, verdict)


test_corruptions_of_a_jump_at_a_root_are_rejected = rejects_each(f"not continuous({ROOT}) for x >= 0", {
    "a value that is the formula's limit": lambda c: c["claim"].update(
        continuous=["pw", [["pow", ["x"], "1/2"], ["rel", ">", ["x"], ["num", "0"]]], [["num", "0"], ["true"]]]),
    # x log(x) is undefined at 0 but tends to 0 = f(0) there: f is continuous (log(x) itself, unbounded next to
    # 0, would make a true claim of "not continuous", which the kernel's one-sided limits now show)
    "a formula undefined at the point, tending to the value": lambda c: c["claim"].update(
        continuous=["pw", [["mul", ["x"], ["fn", "log", ["x"]]], ["rel", ">", ["x"], ["num", "0"]]],
                    [["num", "0"], ["true"]]]),
    "the point moved inside": lambda c: c["proof"].update(at="1/4"),
})

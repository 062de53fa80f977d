"""Convexity on a piece with a closed end (symact/kernel/convex_claim.py): the interior by the second-derivative or
kinks node, and at each closed end e the side condition that f is continuous there from inside: one smooth
formula through e, or the formula inside with f(e) its exact value at e.  A function convex inside whose value at
an end drops below the formula's limit there is not convex on the closed piece, and a certificate claiming it is
rejected; so is one whose end is not in the domain.  Truths, worked by hand beside each case."""
from __future__ import annotations

import copy

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

from kernel_rules import assert_decided, assert_rejected, proved_certificate, rejects_each

#: f'' = e^x > 0 on R; one formula through both ends.
EXP = "convex(exp(x)) for -1 <= x <= 1"
#: elu = e^x - 1 for x < 0 and x for x >= 0: f'' = e^x > 0 inside (-oo, 0); at 0 the formula changes, but
#: f(0) = 0 = e^0 - 1, the value of the formula inside, so f is continuous there.
ELU_LEFT = "convex(elu(x)) for x <= 0"
#: -1 at 0, x^2 on (0, 1]: convex inside (f'' = 2), but f(0) = -1 lies below lim x^2 = 0, and the chord from
#: (0, -1) to (1, 1) is 2x - 1, below f(1/2) = 1/4: not convex on [0, 1].
DROP = "Piecewise((-1, x <= 0), (x**2, True))"


def test_the_ground_truth():
    """Independent of symact (mpmath at 30 digits): the chords of each proved case lie above f at sample points
    that include the closed ends, and DROP's chord from its end lies below f."""
    with mpmath.workdps(30):
        def elu(x):
            return mpmath.expm1(x) if x < 0 else x

        for f, pts in ((mpmath.exp, (-1, -mpmath.mpf(1) / 3, 0, mpmath.mpf(1) / 2, 1)),
                       (elu, (-7, -2, -mpmath.mpf(1) / 2, 0))):
            for a in pts:
                for b in pts:
                    for lam in (mpmath.mpf(1) / 4, mpmath.mpf(1) / 2, mpmath.mpf(3) / 4):
                        assert f(lam * a + (1 - lam) * b) <= lam * f(a) + (1 - lam) * f(b) + mpmath.mpf(10) ** -25
        def drop(x):
            return -1 if x <= 0 else x ** 2

        assert drop(mpmath.mpf(1) / 2) > (drop(0) + drop(1)) / 2


@pytest.mark.parametrize("text", [EXP, ELU_LEFT, "convex(x**2) for x >= 0", "concave(log(x)) for 1 <= x <= 2",
                                  "convex(relu(x)) for -1 <= x <= 1"])
def test_convex_on_a_closed_piece_is_proved(text):
    assert_decided(text, "proved")


def test_an_end_value_below_the_formula_inside_is_refuted_and_never_proved(tmp_path):
    assert_decided(f"convex({DROP}) for 0 <= x <= 1", "refuted")
    # the certificate of the open piece, with its end closed: f(0) = -1 is not the formula's 0 there
    cert = proved_certificate(f"convex({DROP}) for 0 < x <= 1")
    cert["claim"]["domain"][0][2] = True
    assert_rejected(cert, tmp_path)


def test_an_end_of_a_function_s_closed_domain(tmp_path):
    """sqrt is concave on [0, oo) and has no formula defined on a neighbourhood of 0, but sqrt is defined on all of
    [0, 1/2) and continuous there (a root is continuous on its domain, 0 included): proved.  On [-1/8, oo) sqrt is
    undefined at -1/8: the certificate with that domain is rejected.  1/sqrt(x) is undefined at 0 itself."""
    assert_decided("concave(sqrt(x)) for x >= 0", "proved")
    cert = proved_certificate("concave(sqrt(x)) for x >= 0")
    cert["claim"]["domain"][0][0] = "-1/8"
    assert_rejected(cert, tmp_path)
    assert check_claim(parse_claim("convex(1/sqrt(x)) for x >= 0"), 2.0).status != "proved"


test_corruptions_of_a_closed_piece_are_rejected = rejects_each(EXP, {
    "a wider piece": lambda c: c["claim"]["domain"][0].__setitem__(1, "2"),
    "the other sense": lambda c: c["claim"].update(sense="concave"),
    "a point piece": lambda c: c["claim"]["domain"][0].__setitem__(1, "-1"),
    "another function": lambda c: c["claim"].update(convex=["fn", "sin", ["x"]]),
})


def test_a_closed_end_outside_the_domain_of_f_is_rejected():
    """x^-2 is convex on (0, oo) but undefined at 0: closing the piece at 0 is rejected."""
    cert = copy.deepcopy(proved_certificate("convex(x**-2) for x > 0"))
    cert["claim"]["domain"][0][2] = True
    with pytest.raises(Rejected):
        check(cert)

"""The kernel's Horner enclosure of a polynomial on a ray (symact/kernel/evaluate.py): x^2 + x = x (x + 1) lies in
(2, oo) for x < -2, where x^2 and x enclosed apart give (-oo, oo), so sqrt(x^2 + x) is certainly defined (and
differentiable) on a ray toward -oo and the conjugate form of sqrt(x^2 + x) + x is checked there (issue 11).
True claims proved, false ones never proved, every corruption of the certificate rejected (also by ``symact
verify``), and the enclosure a true superset of the polynomial's values, however the ray and coefficients fall."""
from __future__ import annotations

from fractions import Fraction

import mpmath
from flint import arb
import pytest

from symact.decide.checked import check_claim
from symact.kernel.evaluate import enclose
from symact.kernel.terms import from_json
from symact.parsing import parse_claim

from kernel_rules import assert_decided, rejects_each


def test_the_ground_truth():
    """Independent of symact (mpmath at 50 digits): for x = -t < -1, sqrt(x^2 + x) + x = sqrt(t^2 - t) - t =
    -t/(sqrt(t^2 - t) + t) = -1/(1 + sqrt(1 - 1/t)), a little below -1/2 (-1/2 - f < 1/(4t) for t >= 2), so the
    limit at -oo is -1/2; sqrt(x^2 + 3x) + x tends to -3/2 alike; x^2 + x > 0 exactly where x < -1 or x > 0."""
    with mpmath.workdps(50):
        for t in (mpmath.mpf(10) ** 6 + mpmath.mpf(1) / 3, mpmath.mpf(10) ** 12 + mpmath.mpf(1) / 7):
            f = mpmath.sqrt(t ** 2 - t) - t
            assert 0 < -mpmath.mpf(1) / 2 - f < 1 / (4 * t)
            assert abs(mpmath.sqrt(t ** 2 - 3 * t) - t + mpmath.mpf(3) / 2) < 3 / t
    assert Fraction("-0.5000001") < Fraction(-1, 2) < Fraction("-0.4999999999999999999999999999990")


@pytest.mark.parametrize("text, verdict", [
    ("limit(sqrt(x**2 + x) + x, x, -oo) == -1/2", "proved"),
    ("limit(sqrt(x**2 + 3*x) + x, x, -oo) == -3/2", "proved"),
    ("limit(sqrt(x**2 + x) + x, x, -oo) > -0.5000001", "proved"),
    ("limit(sqrt(x**2 + x) + x, x, -oo) == 1/2", "refuted"),
    ("limit(sqrt(x**2 + x) + x, x, -oo) < -1/2", "refuted"),
    ("limit(sqrt(x**2 + x) + x, x, -oo) == -0.5000001", "refuted"),
])
def test_conjugate_limits_at_minus_infinity(text, verdict):
    assert_decided(text, verdict)


def test_a_neighbour_1e_30_away_is_never_proved():
    got = check_claim(parse_claim("limit(sqrt(x**2 + x) + x, x, -oo) == -0.4999999999999999999999999999990"), 3.0)
    assert got.status in ("refuted", "unknown")


#: -1/(1 + sqrt(1 + 2/x)): tends to -1/2 as well, but is not f
OTHER_FORM = ["mul", ["num", "-1"], ["pow", ["add", ["num", "1"], ["pow", ["add", ["num", "1"], [
    "mul", ["num", "2"], ["pow", ["x"], "-1"]]], "1/2"]], "-1"]]
CORRUPTIONS = {
    "a ray where x^2 + x < 0 in part": lambda c: c["proof"].update({"from": "-1/2"}),
    "another form with the same limit": lambda c: c["proof"].update({"as": OTHER_FORM}),
    "the other end": lambda c: (c["claim"].update(limit="oo"), c["proof"].update({"from": "2"})),
    "another value": lambda c: c["claim"].update(rhs=["num", "-1/3"]),
}


test_corrupted_certificates_are_rejected = rejects_each(
    "limit(sqrt(x**2 + x) + x, x, -oo) == -1/2", CORRUPTIONS)


X2_PLUS_X = from_json(["add", ["pow", ["x"], "2"], ["x"]])


def test_horner_sees_the_sign_on_a_ray_and_not_beyond_it():
    """x^2 + x > 0 on (-oo, -2) and on (-oo, -1) (x (x + 1), both factors negative), but on (-oo, -1/2) it is
    -3/16 at -3/4: no enclosure there may be positive."""
    assert enclose(X2_PLUS_X, (None, Fraction(-2), False, False)).positive()
    assert enclose(X2_PLUS_X, (None, Fraction(-1), False, False)).positive()
    assert not enclose(X2_PLUS_X, (None, Fraction(-1, 2), False, False)).nonnegative()
    assert Fraction(-3, 4) ** 2 + Fraction(-3, 4) == Fraction(-3, 16)


POLYNOMIALS = [  # coefficients c_0, ..., c_n of c_0 + c_1 x + ... + c_n x^n
    [0, 1, 1], [0, -2, 1], [1, 0, 1], [-5, 3, -1, 1], [7, -3, 0, 0, -2], [Fraction(1, 3), -1, Fraction(5, 2), -1, 1],
]
RAYS = [(None, Fraction(-2), False, False), (None, Fraction(3, 2), False, True), (Fraction(-1), None, True, False),
        (Fraction(5), None, False, False), (None, Fraction(0), False, True)]


def _term(coefficients):
    return from_json(["add", *(["mul", ["num", str(c)], ["pow", ["x"], str(k)]] if k else ["num", str(c)]
                               for k, c in enumerate(coefficients))])


@pytest.mark.parametrize("coefficients", POLYNOMIALS)
def test_the_enclosure_holds_every_value(coefficients):
    """Exact rational values at points of each ray (ends included where closed), far out too, lie in the
    enclosure, with its open ends respected."""
    t = _term(coefficients)
    for lo, hi, lo_closed, hi_closed in RAYS:
        iv = enclose(t, (lo, hi, lo_closed, hi_closed))
        end = lo if hi is None else hi
        points = [end + (1 if hi is None else -1) * Fraction(d) for d in (Fraction(1, 7), 1, 3, 10, 10 ** 6, 10 ** 30)]
        points += [end] if (lo_closed if hi is None else hi_closed) else []
        for x in points:
            exact = sum(Fraction(c) * x ** k for k, c in enumerate(coefficients))
            v = arb(exact.numerator) / exact.denominator  # a ball around the exact value
            assert iv.lo is None or (iv.lo < v if iv.lo_open else iv.lo <= v), (coefficients, x)
            assert iv.hi is None or (v < iv.hi if iv.hi_open else v <= iv.hi), (coefficients, x)

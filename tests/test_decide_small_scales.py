"""Counterexamples at scales a float grid does not see (issue 11, "decide more"): the real zeros of a polynomial
with rational coefficients from python-flint's root isolation (symact/decide/real_zeros.py), and chords ever
shorter around a point where f'' has the wrong sign (symact/decide/gate_certify.py).  (The kernel's reading of a
polynomial term and its rule ``sturm``: tests/test_kernel_sturm.py.)  The truths are reasoned out
beside each case and the counterexamples re-checked here in exact rational arithmetic or with mpmath, apart from
symact; every certificate is re-checked by the kernel."""
from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest

from symact.budget import limit
from symact.decide.checked import check_claim
from flint import fmpq, fmpq_poly

from symact.decide.real_zeros import real_zeros
from symact.kernel import check
from symact.parsing import parse_claim

BUDGET = 10.0
E20, E30 = Fraction(1, 10 ** 20), Fraction(1, 10 ** 30)


def _poly(coeffs) -> fmpq_poly:
    return fmpq_poly([fmpq(Fraction(c).numerator, Fraction(c).denominator) for c in coeffs])


def _mp_real_roots(coeffs):
    """The distinct real zeros at 80 digits (a multiple zero comes out of polyroots as close copies), as floats."""
    with mpmath.workdps(80):
        roots = mpmath.polyroots([mpmath.mpf(c.numerator) / c.denominator for c in reversed(coeffs)],
                                 maxsteps=400, extraprec=800)
        real = sorted(r.real for r in roots if abs(mpmath.im(r)) < mpmath.mpf(10) ** -60)
        distinct = [r for i, r in enumerate(real) if i == 0 or abs(r - real[i - 1]) > mpmath.mpf(10) ** -50]
        return [float(r) for r in distinct]


def _product(*roots):
    out = [Fraction(1)]
    for r in roots:
        out = [Fraction(0)] + out
        for i in range(len(out) - 1):
            out[i] -= r * out[i + 1]
    return out


@pytest.mark.parametrize("coeffs", [
    [0, 0, 0, 3 * E20, 4],                         # 4x^3 + 3e-20 x^2: a double zero at 0 and one at -3/4 10^-20
    _product(Fraction(1), Fraction(1) + E30, Fraction(-5)),   # two zeros 10^-30 apart
    _product(*[Fraction(k) for k in range(1, 11)]),            # 1, 2, ..., 10
    _product(Fraction(2) ** 80, Fraction(-3, 2 ** 70)),        # far out and tiny
])
def test_real_zeros_agree_with_mpmath(coeffs):
    coeffs = [Fraction(c) for c in coeffs]
    found = sorted(real_zeros(_poly(coeffs), None, None))
    truth = _mp_real_roots(coeffs)
    assert len(found) == len(truth)
    for f, t in zip(found, truth):
        assert f == pytest.approx(t, rel=1e-12, abs=0)


def test_real_zeros_keep_only_those_inside_and_real():
    assert real_zeros(_poly([1, 0, 1]), None, None) == []      # x^2 + 1
    assert real_zeros(_poly([5]), None, None) == [] and real_zeros(_poly([]), None, None) == []
    roots = _poly(_product(*[Fraction(k) for k in (-2, 0, 3)]))
    assert sorted(real_zeros(roots, Fraction(0), None)) == [3.0]            # 0 itself is an end
    assert sorted(real_zeros(roots, Fraction(-3), Fraction(3))) == [-2.0, 0.0]


def _decide(text: str):
    with limit(BUDGET):
        v = check_claim(parse_claim(text), BUDGET)
    assert v.certificate is not None, v.reason
    data = v.certificate.data
    assert check(data)[0] == v.status
    return v.status, data["proof"]


@pytest.mark.parametrize("text, f", [
    # f has f'(x) = x^2 (4x + 3 10^-20): its minimum is f(-3/4 10^-20) = (-3/4 10^-20)^3 (1/4 10^-20)
    # = -27/256 10^-80 = -1.0546875e-81 < -1e-81: false, by about 5e-83, 10^-20 from the double critical point 0
    ("x**4 + 1e-20*x**3 >= -1e-81", lambda x: x ** 4 + E20 * x ** 3 + Fraction(1, 10 ** 81)),
    # the minimum of x^2 - 2^60 x is -2^118 at x = 2^59, past the float grid's 2^24: false
    ("x**2 - 2**60*x >= 1 - 2**118", lambda x: x ** 2 - 2 ** 60 * x - 1 + 2 ** 118),
    # x^6 - 1e-10 x^2 has its minimum at x^4 = 1e-10/3, value -2/3 1e-10 (1e-10/3)^(1/2) = -3.8e-16 < -1e-16
    ("x**6 - 1e-10*x**2 >= -1e-16", lambda x: x ** 6 - Fraction(1, 10 ** 10) * x ** 2 + Fraction(1, 10 ** 16)),
    # the quartic above over x^2 + 1 (about 1 there): its minimum near -3/4 1e-20 is still about -1.05e-81
    ("(x**4 + 1e-20*x**3)/(x**2 + 1) >= -1e-81",
     lambda x: (x ** 4 + E20 * x ** 3) / (x ** 2 + 1) + Fraction(1, 10 ** 81)),
])
def test_a_polynomial_minimum_at_a_small_or_far_critical_point_refutes(text, f):
    status, proof = _decide(text)
    assert status == "refuted" and proof["rule"] == "counterexample"
    assert f(Fraction(proof["x"])) < 0            # exact rational arithmetic, apart from symact


def _above_chord(f, a, m, b) -> bool:
    """Whether f(m) lies strictly above the chord from (a, f(a)) to (b, f(b)), a < m < b."""
    return (b - a) * f(m) > (b - m) * f(a) + (m - a) * f(b)


@pytest.mark.parametrize("text, f, sense", [
    # f'' = 12x^2 - 2e-30 < 0 for |x| < 1/sqrt(6) 1e-15: x^4 - 1e-30 x^2 is not convex on R (nor near 0); the fixed
    # chords (widths 1/8 and more) all lie above f
    ("convex(x**4 - 1e-30*x**2)", lambda x: x ** 4 - E30 * x ** 2, 1),
    ("concave(-x**4 + 1e-30*x**2)", lambda x: -x ** 4 + E30 * x ** 2, -1),
    # f'' = cosh x - 1 - 2e-12 < 0 near 0 (|x| < about 2e-6)
    ("convex(cosh(x) - x**2/2 - 1e-12*x**2)", None, 1),
    # f'' = 12x^2 - 6e-60 x < 0 only for 0 < x < 5e-61: a chord there, far shorter than 2^-128
    ("convex(x**4 - 1e-60*x**3)", lambda x: x ** 4 - Fraction(1, 10 ** 60) * x ** 3, 1),
    # f'' = 30x^4 - 2e-39 x^3 < 0 for 0 < x < 6.7e-41
    ("convex(x**6 - 1e-40*x**5)", lambda x: x ** 6 - Fraction(1, 10 ** 40) * x ** 5, 1),
    # f'' = 6x - 2e-30 < 0 on (0, 1/3 1e-30), next to the closed end 0 of [0, oo)
    ("convex(x**3 - 1e-30*x**2) for x >= 0", lambda x: x ** 3 - E30 * x ** 2, 1),
    # f'' = 6x < 0 on (-1e-30, 0): only within 1e-30 of the open end
    ("convex(x**3 - 3*x) for x > -1e-30", lambda x: x ** 3 - 3 * x, 1),
])
def test_a_short_chord_refutes_convexity_where_f2_dips_below_0(text, f, sense):
    status, proof = _decide(text)
    assert status == "refuted" and proof["rule"] == "chord"
    a, m, b = (Fraction(q) for q in proof["points"])
    assert a < m < b
    if f is None:
        with mpmath.workdps(100):
            g = lambda q: mpmath.cosh(mpmath.mpf(q.numerator) / q.denominator) - (
                mpmath.mpf(q.numerator) / q.denominator) ** 2 * (mpmath.mpf(1) / 2 + mpmath.mpf(10) ** -12)
            assert (b - a) * g(m) > (b - m) * g(a) + (m - a) * g(b)
    else:
        assert _above_chord(lambda q: sense * f(q), a, m, b)


def test_the_negated_claim_is_proved_by_the_same_chord():
    status, proof = _decide("not convex(x**4 - 1e-30*x**2)")
    assert status == "proved" and proof["rule"] == "chord"


def test_a_convex_polynomial_with_a_tiny_positive_term_is_still_proved():
    # f'' = 12x^2 + 2e-30 > 0 everywhere: convex
    status, _ = _decide("convex(x**4 + 1e-30*x**2)")
    assert status == "proved"


def test_a_critical_value_past_the_floats_is_no_crash():
    # false: 1/(x^2 - 2)^30 is undefined at sqrt 2 in (1, oo); near the pole the difference at a critical point
    # exceeds the largest float, where the search's bracket width took the logarithm of inf (OverflowError, reported
    # as "the certificate search failed"): now an honest verdict, never proved
    with limit(BUDGET):
        v = check_claim(parse_claim("1/((x**2 - 2)**30) > -exp(-x**2) for x > 1"), BUDGET)
    assert v.status in ("refuted", "unknown") and "search failed" not in (v.reason or ""), v.reason

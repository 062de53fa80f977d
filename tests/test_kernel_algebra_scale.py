"""Rules of the kernel's algebra (:mod:`symact.kernel.algebra`) that ``symact implement --expr`` needs, each
with what violates its side condition rejected:

* log u = log c + log(u/c) for the ratio c > 0 of the contents of u's numerator and denominator (log((e^x + 1)/2)
  = log(e^x + 1) - log 2): a wrong constant, a negative argument or a non-rational coefficient proves nothing;
  likewise log u = m + log(u e^-m) for the power e^m of e = exp(1) that divides u (log(1 + e^(x - 7)));
* exp(q x) = E^(q L) with E = exp(x/L), L = 1/gcd of the slopes where the common denominator would give a power
  above MAX_EXP_POWER (exp(851 x/500), the slope of x*sigmoid(1.702*x)): a slope that is not an integer multiple
  of 1/L, or a multiple above the limit, proves nothing.

And the search's case split at a switch point that is a closed end of the range (|x| == x for x >= 0).
"""
from __future__ import annotations

import sympy as sp

from symact.decide.checked import check_claim
from symact.kernel import algebra
from symact.kernel.ivals import Uncertain
from symact.kernel.terms import from_sympy
from symact.parsing import parse_claim

x = sp.Symbol("x")
E = sp.exp(x)


def zero(e, piece=None) -> bool:
    """Whether the algebra shows e == 0 (no answer, Uncertain, is not shown)."""
    try:
        return algebra.is_zero(from_sympy(e, x), piece)
    except Uncertain:
        return False


def test_log_of_a_rational_multiple_takes_the_constant_out():
    # true identities: log(u) - log(u/c) = log c for c = 2, 1/2, 6/35, with c in the numerator or denominator
    assert zero(sp.log(E / 2 + sp.Rational(1, 2)) - sp.log(E + 1) + sp.log(2))
    assert zero(sp.log(6 * E + 4) - sp.log(3 * E + 2) - sp.log(2))
    assert zero(sp.log((12 * x ** 2 + 6) / (35 * x + 70)) - sp.log((2 * x ** 2 + 1) / (x + 2)) - sp.log(sp.Rational(6, 35)),
                (sp.Integer(1), None, False, False))
    # log(cosh x) = x - log 2 + log(1 + e^(-2x)): the content 1/2 of cosh's (e^2x + 1)/(2 e^x) with the power of E
    assert zero(sp.log(sp.cosh(x)) - x + sp.log(2) - sp.log(1 + sp.exp(-2 * x)))
    # an argument whose normal form is a positive rational: log(1 + e^0) = log 2, log(4 e^0/2) - log(2) = 0; not log 3
    one = sp.exp(sp.Integer(0), evaluate=False)
    assert zero(sp.log(sp.Add(1, one, evaluate=False)) - sp.log(2))
    assert not zero(sp.log(sp.Add(1, one, evaluate=False)) - sp.log(3))
    # a wrong constant: log((e^x + 1)/2) is not log(e^x + 1) - log 3, nor log(e^x + 1)
    assert not zero(sp.log(E / 2 + sp.Rational(1, 2)) - sp.log(E + 1) + sp.log(3))
    assert not zero(sp.log(2 * E + 2) - sp.log(E + 1))
    # the constant is the content's absolute value: -2 e^x - 2 has content 2, and log(-2 e^x - 2) (never defined)
    # is not log(2) + log(e^x + 1) to the algebra (the argument w stays -e^x - 1, another generator)
    assert not zero(sp.log(-2 * E - 2) - sp.log(2) - sp.log(E + 1))
    # a coefficient that is not rational (pi): nothing is taken out, so pi (e^x + 1) is not rewritten as a multiple
    assert not zero(sp.log(sp.pi * E + sp.pi) - sp.log(E + 1) - sp.log(2))


def test_log_takes_out_the_power_of_e_that_divides_its_argument():
    """log u = m v + log(u exp(-m v)) where exp(v)^m (m an integer, v without x) divides u's normal form:
    log(1 + e^(x - 7)) = x - 7 + log(1 + e^(7 - x)), the tail form of a shifted softplus, also for exp(700) and
    exp(1/2) (generators of their own, not powers of e).  A wrong power (6, 8) or a wrong sign is not shown, and
    neither is a power of e that divides only one summand."""
    shifted = sp.log(1 + sp.exp(x - 7))
    assert zero(shifted - (x - 7) - sp.log(1 + sp.exp(7) * sp.exp(-x)))
    assert zero(sp.log(sp.exp(3) + sp.exp(3) * E) - 3 - sp.log(1 + E))
    assert zero(sp.log(sp.exp(-2) * (2 + E)) + 2 - sp.log(2 + E))
    for m in (6, 8):
        assert not zero(shifted - (x - 7) - sp.log(1 + sp.exp(m) * sp.exp(-x)))
    assert not zero(sp.log(sp.exp(3) + sp.exp(3) * E) + 3 - sp.log(1 + E))
    assert not zero(sp.log(sp.exp(3) + E) - 3 - sp.log(1 + E))
    for a in (700, sp.Rational(1, 2)):
        assert zero(sp.log(1 + sp.exp(x - a)) - (x - a) - sp.log(1 + sp.exp(a) * sp.exp(-x)))
        assert not zero(sp.log(1 + sp.exp(x - a)) - (x - a) - sp.log(1 + sp.exp(2 * a) * sp.exp(-x)))
        assert not zero(sp.log(1 + sp.exp(x - a)) - (x + a) - sp.log(1 + sp.exp(a) * sp.exp(-x)))
    assert check_claim(parse_claim("softplus(x - 7) - x + 7 > 0"), 3.0).status == "proved"
    assert check_claim(parse_claim("softplus(x - 700) - x + 700 > 0"), 3.0).status == "proved"
    assert check_claim(parse_claim("softplus(x - 7) - x + 6 > 0"), 3.0).status == "refuted"


def test_exponentials_of_one_large_slope_use_its_own_scale():
    q = sp.Rational(851, 500)
    # exp(-q x) = 1/exp(q x) and exp(2 q x) = exp(q x)^2 with E = exp(q x): provable now (the common denominator
    # 500 made E^851, above MAX_EXP_POWER = 256: no answer before)
    assert zero(x / (1 + sp.exp(-q * x)) - x * sp.exp(q * x) / (sp.exp(q * x) + 1))
    assert zero(sp.exp(2 * q * x) - sp.exp(q * x) ** 2)
    assert zero(sp.log(1 + sp.exp(q * x)) - q * x - sp.log(1 + sp.exp(-q * x)))
    # false ones: exp(q x) is not exp(x)^2, exp(q x/2)^2 is not exp(q x)^(3/2) ...
    assert not zero(sp.exp(q * x) - sp.exp(x) ** 2)
    assert not zero(sp.exp(q * x) - sp.exp(2 * q * x) / sp.exp(q * x / 2))
    assert not zero(sp.exp(q * x) * sp.exp(sp.Rational(1, 1000) * x) - sp.exp(q * x))


def test_the_scale_is_refused_where_a_multiple_exceeds_the_limit():
    """Slopes 851/500 and 1/500 have gcd 1/500: exp(851 x/500) would be E^851, above the limit; each exponential
    is then a generator of its own, so an identity that needs exp(851 x/500) = exp(x/500) exp(850 x/500) is not
    shown (no answer, never a wrong one), while one that holds for independent values still is."""
    assert not algebra.is_zero(from_sympy(sp.exp(sp.Rational(851, 500) * x) + sp.exp(x / 500), x))
    assert algebra.is_zero(from_sympy(sp.exp(sp.Rational(851, 500) * x) * sp.exp(-sp.Rational(851, 500) * x)
                                      + sp.exp(x / 500) - sp.exp(x / 500) - 1, x))
    assert check_claim(parse_claim("exp(851*x/500) + exp(x/500) == exp(x/500)*(1 + exp(850*x/500)) for x > 0"),
                       1.0).status == "unknown"


def test_switch_point_at_a_closed_end_is_a_case_of_its_own():
    """|x| == x for x >= 0, Max(x/5, x) == x for x >= 0: no smooth form on [0, oo), so the search proves x = 0
    and x > 0 apart; the same claims on [-1, oo) are false (x = -1) and refuted (tanh(-1/1000) < 0, and
    sin(x) < 0 on (pi, 4])."""
    for text in ("Abs(x) == x for x >= 0", "Max(x/5, x) == x for x >= 0", "x/(1 + Abs(x)) == x/(1 + x) for x >= 0",
                 "Abs(x) == -x for x <= 0", "Abs(x) + x == 0 for x <= 0",
                 # the switch is at a zero of a transcendental argument (tanh 0 = sin 0 = 0): the closed end is
                 # a case of its own all the same (softsign(tanh(x)) for x >= 0 was NOT PROVED in `implement`)
                 "Abs(tanh(x)) == tanh(x) for x >= 0", "softsign(tanh(x)) == tanh(x)/(tanh(x) + 1) for x >= 0",
                 "Abs(sin(x)) == sin(x) for x >= 0 and x <= 3"):
        assert check_claim(parse_claim(text), 1.0).status == "proved", text
    for text in ("Abs(x) == x for x >= -1", "Max(x/5, x) == x for x >= -1", "Abs(x) + x == 0 for x <= 1/1000",
                 "Abs(tanh(x)) == tanh(x) for x >= -1/1000", "Abs(sin(x)) == sin(x) for x >= 0 and x <= 4"):
        assert check_claim(parse_claim(text), 1.0).status == "refuted", text


def test_exponents_are_compared_modulo_their_radicals():
    """exp(-(x sqrt(2)/2)^2) (the derivative of x erf(x/sqrt 2)/2 as the kernel differentiates it) is 1/exp(x^2/2):
    the exponents' ratio is -1 once sqrt(2)^2 = 2 is used; it is not 1/exp(x^2/3), nor exp(x^2/2)."""
    from fractions import Fraction

    from symact.kernel.terms import add, fn, mul, neg, num

    u = ("pow", mul(num(Fraction(1, 2)), ("x",), ("pow", num(Fraction(2)), Fraction(1, 2))), Fraction(2))
    half_square = mul(num(Fraction(1, 2)), ("pow", ("x",), Fraction(2)))
    third_square = mul(num(Fraction(1, 3)), ("pow", ("x",), Fraction(2)))
    assert algebra.is_zero(add(mul(fn("exp", neg(u)), fn("exp", half_square)), num(Fraction(-1))))
    assert not algebra.is_zero(add(mul(fn("exp", neg(u)), fn("exp", third_square)), num(Fraction(-1))))
    assert not algebra.is_zero(add(fn("exp", neg(u)), neg(fn("exp", half_square))))


def test_root_of_a_quotient_of_positive_polynomials():
    """(N/D)^r = N^r D^-r where N and D are certainly positive on the piece: x/sqrt(x^2 + 1) = 1/sqrt(1 + x^-2) for
    x > 1 (and -1/sqrt(1 + x^-2) for x < -1, where sqrt(x^2) = -x), the form whose limit at +-oo the kernel finds.
    The same identity with the wrong sign is not shown; neither is sqrt(1 - x^-2) = sqrt(x^2 - 1)/x on (1/2, 3),
    where x^2 - 1 is not certainly positive (the rule does not apply: no answer, though it holds where defined)."""
    from fractions import Fraction

    right, left = (Fraction(1), None, False, False), (None, Fraction(-1), False, False)
    form = 1 / sp.sqrt(1 + x ** -2)
    assert zero(x / sp.sqrt(x ** 2 + 1) - form, right)
    assert zero(x / sp.sqrt(x ** 2 + 1) + form, left)
    assert not zero(x / sp.sqrt(x ** 2 + 1) - form, left)
    assert not zero(x / sp.sqrt(x ** 2 + 1) + form, right)
    assert zero(sp.sqrt(1 - x ** -2) - sp.sqrt(x ** 2 - 1) / x, (Fraction(2), None, False, False))
    assert not zero(sp.sqrt(1 - x ** -2) - sp.sqrt(x ** 2 - 1) / x, (Fraction(1, 2), Fraction(3), False, False))
    for text, want in (("limit(x/sqrt(x**2 + 1), x, oo) == 1", "proved"), ("limit(x/sqrt(x**2 + 1), x, -oo) == -1",
                       "proved"), ("limit(x/sqrt(x**2 + 1), x, -oo) == 1", "refuted")):
        assert check_claim(parse_claim(text), 1.0).status == want, text

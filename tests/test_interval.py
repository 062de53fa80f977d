"""Certified interval layer: enclosures checked against mpmath at high precision."""
from __future__ import annotations

import random
from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from flint import arb

from symact.interval import (NotEnclosable, arb_at, arb_constant, arb_function, ball_from_fractions, ball_text,
                             certainly_less, compare_constants, enclose_extremum, exact_ball, isolate_roots,
                             sign_on_interval)

X = sp.Symbol("x", real=True)
SIGMOID = 1 / (1 + sp.exp(-X))
DSIGMOID = sp.diff(SIGMOID, X)
GELU = X / 2 * (1 + sp.erf(X / sp.sqrt(2)))
MP_DPS = 50  # tests here run at this many digits (tests/conftest.py)


def mp_of(q: sp.Rational) -> mpmath.mpf:
    return mpmath.mpf(int(q.p)) / int(q.q)


def ball_contains_mp(ball: arb, value: mpmath.mpf) -> bool:
    """True when the mpmath value (50 digits) lies inside the arb ball (compared through exact ends)."""
    lo, hi = ball.lower(), ball.upper()
    lo_m, lo_e = lo.man_exp()
    hi_m, hi_e = hi.man_exp()
    return mpmath.ldexp(int(lo_m), int(lo_e)) <= value <= mpmath.ldexp(int(hi_m), int(hi_e))


# -- enclosures -------------------------------------------------------------------------------------------------
SOUNDNESS_EXPRS = [
    DSIGMOID, GELU, sp.diff(GELU, X, 2), X * sp.tanh(sp.log(1 + sp.exp(X))), sp.atan(X) * sp.cosh(X / 3),
    sp.sqrt(X**2 + 1) - X, sp.erfc(X) * sp.exp(X**2), sp.LambertW(sp.exp(X)), sp.Abs(X - sp.Rational(1, 3)),
    sp.Max(X, X**2 - 1), sp.Piecewise((sp.exp(X) - 1, X < 0), (X, True)), sp.sin(3 * X) + sp.cos(X),
    2**X - X**3, sp.Heaviside(X - 1) + sp.sign(X), sp.Min(sp.sinh(X), 1), X**sp.Rational(4, 3) * sp.Heaviside(X),
    sp.tan(X / 3) + sp.sec(X / 2), sp.cot(X), sp.sech(X)**2, sp.coth(X) + sp.csch(X), sp.atanh(X / 5),
    sp.asin(X / 4) - sp.acos(X / 5),
]


@pytest.mark.parametrize("expr", SOUNDNESS_EXPRS, ids=lambda e: str(e)[:40])
def test_enclosures_contain_high_precision_values(expr):
    rng = random.Random(12345)
    f = arb_function(expr, X, prec=60)
    mp_f = sp.lambdify(X, expr, modules="mpmath")
    for _ in range(25):
        a = Fraction(rng.randint(-4000, 4000), 1000)
        w = Fraction(rng.choice([0, 1, 7, 100, 2500]), 1000)
        if expr.has(sp.Pow) and any(isinstance(p, sp.Pow) and p.exp == sp.Rational(4, 3) for p in sp.preorder_traversal(expr)):
            a = abs(a)
        ball = ball_from_fractions(a, a + w)
        try:
            enc = f(ball)
        except NotEnclosable:
            continue
        for t in (0, Fraction(1, 3), Fraction(1, 2), 1):
            p = a + w * t
            value = mp_f(mpmath.mpf(p.numerator) / p.denominator)
            if isinstance(value, mpmath.mpc):
                continue
            assert ball_contains_mp(enc, value), (expr, p, enc, value)


def test_float_constant_is_converted_exactly():
    alpha = sp.Float("1.6732632423543772848170429916717", 32)
    v = arb_constant(alpha)
    assert v.is_exact()
    sign, man, exp, _ = alpha._mpf_
    m, e = v.man_exp()
    assert int(m) * mpmath.mpf(2) ** int(e) == (-1) ** sign * man * mpmath.mpf(2) ** exp
    # the exact Float value is not the double nearest to it
    assert not v.contains(arb(float(alpha))) or float(alpha) == alpha


def test_constants_and_comparisons():
    w = arb_constant(-sp.LambertW(sp.exp(-1)), prec=120)
    assert ball_contains_mp(w, -mpmath.lambertw(1 / mpmath.e).real)
    assert w.rad() < arb("1e-30")
    assert ball_contains_mp(arb_constant(sp.sqrt(2)), mpmath.sqrt(2))
    assert compare_constants(sp.sqrt(2), sp.Rational(141421356237, 10**11)) == ">"
    assert compare_constants(sp.pi, sp.Rational(355, 113)) == "<"
    assert compare_constants(sp.pi, sp.pi) is None  # equality is never certified
    # 1 - 1e-60 vs 1 needs more than the default precision
    assert compare_constants(1 - sp.Rational(1, 10**60), 1) == "<"
    assert certainly_less(sp.E, sp.pi) and not certainly_less(sp.pi, sp.E)
    assert compare_constants(X, 1) is None  # not a constant: no claim


def test_wide_balls_stay_finite_and_sound():
    huge = arb(0, 1e30)
    for fn, lo, hi in ((sp.tanh(X), -1, 1), (sp.erf(X), -1, 1), (sp.atan(X), -1.5707963267948966, 1.5707963267948966)):
        v = arb_function(fn, X)(huge)
        # radius rounding (30-bit radii) may widen by a relative 2^-29, never shrink
        assert v.is_finite() and v.lower() >= lo - 1e-8 and v.upper() <= hi + 1e-8
        assert v.lower() <= lo + 1e-8 and v.upper() >= hi - 1e-8
    v = arb_function(sp.erfc(X), X)(arb(10**6))
    assert v.is_finite() and v > 0


def test_domain_errors_raise_not_enclosable():
    ball = ball_from_fractions(Fraction(-1), Fraction(1))
    for expr in (sp.log(X), sp.sqrt(X), 1 / X, X**sp.Rational(1, 3), sp.LambertW(X - 1), 2**X * sp.log(X)):
        with pytest.raises(NotEnclosable):
            arb_function(expr, X)(ball)
    # at the domain boundary: sqrt on [0, 1] is fine (exact lower end), log is not
    unit = ball_from_fractions(Fraction(0), Fraction(1))
    assert arb_function(sp.sqrt(X), X)(unit).upper() >= 1
    with pytest.raises(NotEnclosable):
        arb_function(sp.log(X), X)(unit)


def test_domain_errors_of_trigonometric_and_hyperbolic_functions():
    unit = ball_from_fractions(Fraction(-1), Fraction(1))
    for expr in (sp.atanh(X), sp.coth(X), sp.csch(X), sp.cot(X), sp.asin(2 * X), sp.acos(X + 1), sp.tan(2 * X)):
        with pytest.raises(NotEnclosable):
            arb_function(expr, X)(unit)
    # closed ends of asin / acos are inside the domain; sech is bounded on any ball
    assert ball_contains_mp(arb_function(sp.asin(X), X)(unit), mpmath.pi / 2)
    v = arb_function(sp.sech(X), X)(arb(0, 1e30))
    assert v.is_finite() and v.upper() <= 1 + 1e-8 and v.lower() <= 1e-8


def test_arb_at_exact_ball_and_ball_text():
    # exact points: dyadic rationals and floats exactly (0.1 is its binary value, not 1/10), others enclosed
    assert exact_ball(sp.Rational(1, 4)).is_exact() and exact_ball(Fraction(-3, 8)) == arb(-0.375)
    tenth = exact_ball(0.1)
    assert tenth.is_exact() and tenth == arb(0.1) and not tenth.contains(arb(1) / 10)
    third = exact_ball(sp.Rational(1, 3), prec=128)
    assert ball_contains_mp(third, mpmath.mpf(1) / 3) and third.rad() < arb(2) ** -120
    assert ball_contains_mp(exact_ball(sp.sqrt(2)), mpmath.sqrt(2))
    ball = arb(1) / 7
    assert exact_ball(ball) is ball
    for bad in (sp.oo, sp.nan, X):
        with pytest.raises(NotEnclosable):
            exact_ball(bad)
    # evaluation at a point or on a ball, compiled once per expression
    v = arb_at(sp.exp(X), X, sp.Rational(1, 2), prec=128)
    assert ball_contains_mp(v, mpmath.exp(mpmath.mpf(1) / 2)) and v.rad() < arb(2) ** -110
    step = sp.Piecewise((X, X < 0), (X**2 + 1, True))
    assert arb_at(step, X, 0) == 1 and arb_at(step, X, sp.Rational(-1, 2)) == arb(-0.5)
    on_box = arb_at(step, X, ball_from_fractions(Fraction(-1), Fraction(1)))
    assert on_box.lower() <= -1 and on_box.upper() >= 2
    for _ in range(2):  # refusals are cached and raised again
        with pytest.raises(NotEnclosable):
            arb_at(sp.gamma(X), X, 1)
    with pytest.raises(NotEnclosable):
        arb_at(sp.log(X), X, 0)
    # text: midpoint and radius, exact balls without a radius
    assert ball_text(third, 20).startswith("[0.33333333333333333333 +/- ")
    assert ball_text(exact_ball(sp.Rational(1, 4))) == "0.25000000000000000000"
    assert ball_text(arb_constant(sp.pi), 10).startswith("[3.141592654 +/- ")


def test_unsupported_input_raises_not_enclosable():
    with pytest.raises(NotEnclosable, match="gamma"):
        arb_function(sp.gamma(X), X)
    with pytest.raises(NotEnclosable, match="free symbol"):
        arb_function(X + sp.Symbol("alpha"), X)
    with pytest.raises(NotEnclosable):
        arb_function(sp.LambertW(X, -1), X)
    with pytest.raises(NotEnclosable):
        arb_constant(sp.zoo)
    r = sign_on_interval(sp.gamma(X), X, 1, 2, want=">0")
    assert r.status == "unknown" and "not enclosable" in r.reason


def test_piecewise_enclosure_respects_boundaries():
    step = sp.Piecewise((1, X < 0), (X, True))
    # on [0, 1] the branch "1 if x < 0" is never taken: the enclosure is [0, 1], not [0, 1] union {1} widened
    v = arb_function(step, X)(ball_from_fractions(Fraction(0), Fraction(1, 2)))
    assert v.upper() <= 0.5 + 1e-9 and v.lower() >= 0
    # on [-1, 0] both branches may apply (x = 0 gives 0)
    v = arb_function(step, X)(ball_from_fractions(Fraction(-1), Fraction(0)))
    assert v.contains(0) and v.contains(1)
    # And / Or conditions, first true condition wins
    pw = sp.Piecewise((0, sp.And(X > -1, X < 1)), (2, sp.Or(X < -3, X > 3)), (1, True))
    f = arb_function(pw, X)
    assert f(arb(0)) == 0 and f(arb(5)) == 2 and f(arb(2)) == 1
    v = f(ball_from_fractions(Fraction(1, 2), Fraction(2)))
    assert v.contains(0) and v.contains(1) and not v.contains(2)


def test_piecewise_sign_proofs():
    relu = sp.Piecewise((0, X < 0), (X, True))
    assert sign_on_interval(relu, X, -1, 1, want=">=0").status == "proved"
    r = sign_on_interval(relu, X, -1, 1, want=">0")
    assert r.status == "refuted" and r.counterexample.point <= 0 and r.counterexample.value == 0
    hardswish = sp.Piecewise((0, X < -3), (X * (X + 3) / 6, X < 3), (X, True))
    r = sign_on_interval(hardswish + sp.Rational(3, 8), X, -6, 6, want=">=0")
    assert r.status == "unknown"  # touches 0 at x = -3/2: bisection alone cannot finish
    assert any(a <= sp.Rational(-3, 2) <= b for a, b in r.unsettled)
    assert sign_on_interval(hardswish + sp.Rational(2, 5), X, -6, 6, want=">0").status == "proved"


# -- sign on an interval ------------------------------------------------------------------------------------------
def test_sigmoid_derivative_bound_is_refuted_strictly_and_unknown_non_strictly():
    r = sign_on_interval(DSIGMOID - sp.Rational(1, 4), X, -10, 10, want="<0")
    assert r.status == "refuted"
    assert r.counterexample.point == 0 and r.counterexample.value == 0  # sigmoid'(0) = 1/4 exactly
    cert = r.to_certificate()
    assert cert.kind == "counterexample" and cert.data["point"] == "0"
    r = sign_on_interval(DSIGMOID - sp.Rational(1, 4), X, -10, 10, want="<=0", budget_s=5)
    assert r.status == "unknown" and r.unsettled
    # only tiny regions next to the touching zero x = 0 stay unsettled
    assert any(a <= 0 <= b for a, b in r.unsettled)
    assert all(abs(a) < sp.Rational(1, 10**6) and abs(b) < sp.Rational(1, 10**6) for a, b in r.unsettled)
    assert r.to_certificate().kind == "evidence"


def test_quarter_minus_sigmoid_derivative_positive_is_proved():
    r = sign_on_interval(sp.Rational(1, 4) - DSIGMOID, X, sp.Rational(1, 10), 10, want=">0", budget_s=10)
    assert r.status == "proved", r.reason
    cert = r.to_certificate()
    assert cert.kind == "interval" and cert.data["boxes"] == r.boxes_checked
    # the certified lower bound on the first subinterval is below the true minimum at x = 1/10
    true_min = mpmath.mpf(1) / 4 - mpmath.exp(-mpmath.mpf("0.1")) / (1 + mpmath.exp(-mpmath.mpf("0.1"))) ** 2
    first = mpmath.mpf(cert.data["bounds"][0]["min"])
    assert 0 < first <= true_min


def test_tanh_below_nine_tenths_has_a_certified_counterexample():
    r = sign_on_interval(sp.tanh(X) - sp.Rational(9, 10), X, 0, 5, want="<0")
    assert r.status == "refuted"
    p = r.counterexample.point
    assert 0 <= p <= 5 and mpmath.tanh(mp_of(p)) >= mpmath.mpf("0.9")
    assert r.counterexample.value >= 0


def test_irrational_interval_ends():
    # x^2 - 2 >= 0 on [sqrt(2), 3] touches 0 at the irrational end: never proved, never refuted
    r = sign_on_interval(X**2 - 2, X, sp.sqrt(2), 3, want=">=0", budget_s=3)
    assert r.status == "unknown"
    # strictly positive away from the end
    assert sign_on_interval(X**2 - 2, X, sp.sqrt(3), 3, want=">0").status == "proved"
    # a counterexample must lie inside the true interval
    r = sign_on_interval(X - sp.pi, X, 0, sp.pi, want=">0")
    assert r.status == "refuted" and mp_of(r.counterexample.point) <= mpmath.pi


# -- roots --------------------------------------------------------------------------------------------------------
def test_cube_root_of_two_isolated_and_refined():
    roots = isolate_roots(X**3 - 2, X, -5, 5)
    assert len(roots) == 1 and roots[0].unique and roots[0].converged
    r = roots[0]
    assert mp_of(r.lo) <= mpmath.cbrt(2) <= mp_of(r.hi)
    assert (r.hi - r.lo) / r.lo <= sp.Rational(1, 10**15)
    assert ball_contains_mp(r.ball, mpmath.cbrt(2))


def test_a_wrong_derivative_hint_is_not_trusted():
    roots = isolate_roots(X**3 - 2, X, -5, 5, dexpr=-3 * X**2 + 7)
    assert len(roots) == 1 and roots[0].unique and mp_of(roots[0].lo) <= mpmath.cbrt(2) <= mp_of(roots[0].hi)


def test_gelu_second_derivative_roots_are_plus_minus_sqrt2():
    roots = isolate_roots(sp.diff(GELU, X, 2), X, -6, 6, dexpr=sp.diff(GELU, X, 3))
    assert [r.unique for r in roots] == [True, True]
    for r, s in zip(roots, (-1, 1)):
        assert mp_of(r.lo) <= s * mpmath.sqrt(2) <= mp_of(r.hi)
        assert r.hi - r.lo <= sp.Rational(1, 10**14)


def test_roots_at_round_numbers_and_multiple_roots():
    roots = isolate_roots(X**3 - X, X, -2, 2)
    assert len(roots) == 3 and all(r.unique for r in roots)
    for r, z in zip(roots, (-1, 0, 1)):
        assert r.lo <= z <= r.hi
    double = isolate_roots(X**2, X, -1, 1, budget_s=2)
    assert len(double) == 1 and not double[0].unique and double[0].lo <= 0 <= double[0].hi
    assert isolate_roots(sp.exp(X) + 1, X, -3, 3) == []
    # kinks away from the zeros: one smooth branch per box, so uniqueness is certified
    kinked = isolate_roots(sp.Abs(X) - 1, X, -2, 2, budget_s=2)
    assert [r.unique for r in kinked] == [True, True]
    assert kinked[0].lo <= -1 <= kinked[0].hi and kinked[1].lo <= 1 <= kinked[1].hi
    # a zero at a kink, and a whole interval of zeros, stay unresolved but covered
    at_kink = isolate_roots(sp.Abs(X), X, -1, 2, budget_s=2)
    assert len(at_kink) == 1 and not at_kink[0].unique and at_kink[0].lo <= 0 <= at_kink[0].hi
    hardswish = sp.Piecewise((0, X < -3), (X * (X + 3) / 6, X < 3), (X, True))
    roots = isolate_roots(hardswish, X, -6, 6, budget_s=3)
    assert not roots[0].unique and roots[0].lo <= -6 and roots[0].hi >= -3
    assert roots[-1].unique and roots[-1].lo <= 0 <= roots[-1].hi and roots[-1].hi - roots[-1].lo < 1e-20


# -- extrema ------------------------------------------------------------------------------------------------------
def test_silu_minimum_encloses_lambert_w_value_and_location():
    ext = enclose_extremum(X * SIGMOID, X, -5, 0, "min")
    w = mpmath.lambertw(1 / mpmath.e).real
    assert ext.status == "ok" and ext.at_endpoint is None
    assert ball_contains_mp(ext.value, -w)
    assert ball_contains_mp(ext.location_ball, -1 - w)
    assert ext.digits >= 12
    assert ext.location_hi - ext.location_lo < sp.Rational(1, 10**12)
    assert abs(float(ext.value.mid()) - float(-w)) < 1e-15
    assert ext.to_certificate().kind == "interval"


def test_extremum_at_endpoint_and_branch_and_bound():
    ext = enclose_extremum(sp.tanh(X), X, -5, 5, "max")
    assert ext.at_endpoint == "hi" and ball_contains_mp(ext.value, mpmath.tanh(5))
    ext = enclose_extremum(-X**2, X, 0, 1, "max")  # critical point exactly at the end
    assert ext.at_endpoint == "lo" and ext.value == 0 and ext.location_lo == ext.location_hi == 0
    ext = enclose_extremum(X**2, X, -1, 1, "max")  # attained at both ends
    assert ext.at_endpoint is None and ext.value == 1 and ext.location_lo == -1 and ext.location_hi == 1
    ext = enclose_extremum(X**3, X, -1, 1, "min")  # degenerate critical point: branch and bound fallback
    assert ext.status == "ok" and ext.value.contains(-1) and ext.location_lo == -1
    # Piecewise: branch and bound, still a certified (if wider) enclosure of max x e^-x = 1/e
    pw = sp.Piecewise((0, X < 0), (X * sp.exp(-X), True))
    ext = enclose_extremum(pw, X, -2, 4, "max", budget_s=2, max_boxes=3000)
    assert ext.status == "ok" and ball_contains_mp(ext.value, 1 / mpmath.e)
    assert ext.location_lo <= 1 <= ext.location_hi


def test_catalog_selu_with_float_constants_and_gelu_minimum():
    from symact.catalog import get

    selu = get("selu")
    lam, alpha = selu.param("scale").default, selu.param("alpha").default
    # selu(x) > -scale*alpha everywhere; on [-20, 5] the margin at -20 is only ~ 3.6e-9
    r = sign_on_interval(selu.f() + lam * alpha, X, -20, 5, want=">0")
    assert r.status == "proved"
    r = sign_on_interval(selu.f() + lam * alpha - sp.Rational(1, 10**6), X, -20, 5, want=">0")
    assert r.status == "refuted" and r.counterexample.point < -13
    ext = enclose_extremum(get("gelu").f(), X, -3, 0, "min")
    x_star = mpmath.findroot(lambda t: mpmath.ncdf(t) + t * mpmath.npdf(t), -0.75)
    assert ball_contains_mp(ext.location_ball, x_star)
    assert ball_contains_mp(ext.value, x_star * mpmath.ncdf(x_star)) and ext.digits >= 12

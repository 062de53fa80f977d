"""The mpmath reference: generated from the SymPy expression, correctly rounded, kinks/limits/NaN handled;
and the exact rounding routine and the vectorised special functions it is used to test."""
from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from symact.catalog import X, entries, get
from symact.errors import UnknownActivationError
from symact.numeric import special
from symact.numeric.fp import fmt, round_mpf, supported_dtypes
from symact.numeric.kinks import kink_values
from symact.numeric.reference import Reference, reference, vector_reference


def _mp(s: str) -> mpmath.mpf:
    with mpmath.workprec(200):
        return mpmath.mpf(s) if not s.startswith("2**") else mpmath.mpf(2) ** int(s[3:])


# -- exact rounding ---------------------------------------------------------------------------------------------
def test_round_mpf_ties_subnormals_overflow():
    f64, f32, f16 = fmt(np.float64), fmt(np.float32), fmt(np.float16)
    with mpmath.workprec(300):
        two = mpmath.mpf(2)
        assert round_mpf(1 + two**-53, f64) == 1.0  # tie -> even
        assert round_mpf(1 + 3 * two**-53, f64) == 1 + 2**-51  # tie -> even (up)
        assert round_mpf(1 + two**-53 + two**-200, f64) == 1 + 2**-52  # just above the tie
        assert round_mpf(two**-1075, f64) == 0.0  # half the smallest subnormal: tie -> 0
        assert round_mpf(3 * two**-1076, f64) == 2**-1074
        assert round_mpf(-(two**-1080), f64) == 0.0 and math.copysign(1, round_mpf(-(two**-1080), f64)) == -1
        assert round_mpf(mpmath.mpf(65519), f16) == 65504.0 and round_mpf(mpmath.mpf(65520), f16) == math.inf
        assert round_mpf(mpmath.mpf(2) ** 128, f32) == math.inf
        assert round_mpf(two ** -(10**9), f64) == 0.0  # astronomically small: no huge shifts
        assert round_mpf(mpmath.mpf(1) / 3, f32) == float(np.float32(1 / 3))
    assert math.isnan(round_mpf(mpmath.nan, f64)) and round_mpf(-mpmath.inf, f32) == -math.inf


def test_round_mpf_agrees_with_numpy_on_random_values():
    rng = np.random.default_rng(3)
    for dt in supported_dtypes():
        f = fmt(dt)
        for v in rng.standard_normal(300) * 10.0 ** rng.integers(-6, 6, 300):
            # float64 -> dt by numpy is a single correct rounding when v is a double
            with np.errstate(over="ignore"):
                want = float(np.asarray(v).astype(dt))
            assert round_mpf(mpmath.mpf(float(v)), f) == want, (dt, v)


# -- generated from SymPy ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [e.name for e in entries(scalar_only=True)])
def test_reference_is_the_catalog_expression(name):
    e = get(name)
    assert reference(name).expr == e.f()
    assert sp.simplify(reference(name, order=1).expr - sp.diff(e.f(), X)) == 0
    # agrees with a plain sympy evaluation at a few points away from kinks
    for x in (-2.7, -0.3, 0.7, 4.1):
        want = sp.N(e.f().subs(X, sp.Rational(x)), 40)  # the float's exact binary value
        with mpmath.workdps(40):
            got = reference(name).mp(x, 40)
            assert abs(got - mpmath.mpf(str(want))) <= mpmath.mpf(10) ** -30 * (1 + abs(mpmath.mpf(str(want))))


def test_unknown_and_vector_names():
    with pytest.raises(UnknownActivationError):
        reference("nosuchthing")
    with pytest.raises(UnknownActivationError):
        reference("softmax")
    with pytest.raises(TypeError):
        Reference(get("softmax"))
    assert reference("Logistic") is reference("sigmoid")  # aliases share the cached reference
    assert vector_reference("softmax", 3).n == 3


# -- correct rounding -------------------------------------------------------------------------------------------
def test_float32_sigmoid_17_rounds_correctly():
    xs = np.array([17.0, 17.32, 17.33, 17.34], dtype=np.float32)
    got = reference("sigmoid").rounded(xs, np.float32)
    # e^-17 = 4.14e-8 > 2^-25 = 2.98e-8, so sigmoid(17) rounds to 1 - 2^-24, not 1; 1.0 from 25 ln 2 = 17.3287 on
    assert got.tolist() == [1 - 2**-24, 1 - 2**-24, 1.0, 1.0] and got.dtype == np.float32


def test_rounding_survives_catastrophic_cancellation():
    # the expressions cancel (log(1 + e^x) at x = -700, x - tanh(x) at 1e-100, 1 + erf at -30 / sqrt 2);
    # the reference must still return the correctly rounded float64 value
    xs = np.array([-700.0])
    assert reference("softplus").rounded(xs)[0] == float(mpmath.exp(mpmath.mpf(-700)))
    with mpmath.workprec(2000):
        t = mpmath.mpf(1e-100)
        want = round_mpf(t - mpmath.tanh(t), fmt(np.float64))
        g = mpmath.mpf(-30) / 2 * mpmath.erfc(mpmath.mpf(30) / mpmath.sqrt(2))
    assert reference("tanhshrink").rounded(np.array([1e-100]))[0] == want
    assert reference("gelu").rounded(np.array([-30.0]))[0] == round_mpf(g, fmt(np.float64))


def test_rounding_survives_cancellation_of_terms_growing_like_inverse_powers_of_tiny_x():
    # exp(x)/x - (exp(x) - 1)/x^2 = 1/2 + x/3 + x^2/8 + ... and 1 + (x - sin x)/x^3 = 7/6 - x^2/120 + ...: at
    # |x| <= 1e-20 the correction is below 1e-20, far under half an ulp of 1/2 and 7/6, so the correctly
    # rounded values are those of 1/2 and 7/6.  The cancelling terms are of size 1/x^2 (2^1063 at 1e-160): a
    # precision chosen from |x| alone rounds exp(x) to 1 and returns 1/x.
    from symact.audit.reference.oracle import rounded_expression

    xs = np.array([1e-160, -1e-300, 5e-324, 1e-20])
    derivative = sp.exp(X) / X - (sp.exp(X) - 1) / X**2
    assert list(rounded_expression(derivative, xs, "float64")) == [0.5] * 4
    assert list(rounded_expression(1 + (X - sp.sin(X)) / X**3, xs, "float64")) == [7 / 6] * 4
    assert list(rounded_expression(derivative, np.array([1e-30, -1e-45]), "float32")) == [0.5, 0.5]


def test_against_scipy_where_scipy_is_accurate():
    scipy_special = pytest.importorskip("scipy.special")
    xs = np.linspace(-30, 30, 61)
    np.testing.assert_array_max_ulp(reference("sigmoid").rounded(xs), scipy_special.expit(xs), maxulp=2)
    np.testing.assert_array_max_ulp(reference("logsigmoid").rounded(xs), scipy_special.log_expit(xs), maxulp=2)


@pytest.mark.parametrize("dtype", [d for d in supported_dtypes() if d != np.float64], ids=str)
def test_low_precision_formats(dtype):
    xs = np.array([0.1, 1.0, 2.5, -3.0]).astype(dtype)
    got = reference("tanh").rounded(xs, dtype)
    assert got.dtype == dtype
    want = [round_mpf(mpmath.tanh(mpmath.mpf(float(x))), fmt(dtype)) for x in xs]
    assert got.astype(np.float64).tolist() == want


# -- special points ---------------------------------------------------------------------------------------------
def test_limits_at_infinity_and_nan():
    inf = math.inf
    cases = {("sigmoid", 0): (1, 0), ("relu", 0): (inf, 0), ("logsigmoid", 0): (0, -inf), ("gelu", 0): (inf, 0),
             ("softsign", 0): (1, -1), ("silu", 0): (inf, 0), ("elu", 0): (inf, -1), ("tanh", 1): (0, 0),
             ("softplus", 1): (1, 0), ("relu6", 0): (6, 0), ("mish", 1): (1, 0)}
    for (name, order), (up, down) in cases.items():
        ref = reference(name, order=order)
        got = ref.rounded(np.array([inf, -inf, np.nan]))
        assert got[0] == up and got[1] == down and np.isnan(got[2]), name


def test_values_at_kinks_follow_the_expression():
    assert reference("binary_step").mp(0.0) == 1
    assert reference("hardshrink").mp(0.5) == 0 and reference("hardshrink").mp(-0.5) == 0
    assert reference("softshrink").mp(0.5) == 0
    assert reference("relu6").mp(6.0) == 6 and reference("hardtanh").mp(1.0) == 1


def test_derivatives_at_kinks_use_the_catalog_convention():
    for e in entries(scalar_only=True):
        conv = e.kink_convention("torch")
        table = dict(kink_values(e))
        for point, value in conv.items():
            key = sp.Rational(str(point)) if point.is_Float else point
            if key not in table:  # differentiable there at these parameters: the convention is the derivative
                assert e.derivative().subs(X, key) == value, e.name
                continue
            want = table[key]
            assert abs(sp.N(value - want, 40)) < 1e-30, e.name
            assert reference(e.name, order=1).mp(float(point), 40) == mpmath.mpf(
                round_mpf(_exact(want), fmt(np.float64))) or abs(
                reference(e.name, order=1).mp(float(point), 40) - _exact(want)) < mpmath.mpf(10) ** -35, e.name


def _exact(v):
    with mpmath.workdps(60):
        return mpmath.mpf(sp.Rational(v).p) / sp.Rational(v).q


def test_kink_conventions_carry_to_other_parameters():
    assert dict(kink_values("softshrink", {"lambd": 0.25})) == {sp.Rational(-1, 4): 0, sp.Rational(1, 4): 0}
    assert dict(kink_values("leaky_relu", {"alpha": 0.2})) == {0: sp.Rational(1, 5)}  # torch: x > 0 ? 1 : alpha
    assert dict(kink_values("hardtanh", {"min_val": -2.0, "max_val": 0.5})) == {-2: 0, sp.Rational(1, 2): 0}
    assert dict(kink_values("selu", {"scale": 2.0, "alpha": 1.5}))[0] == 3  # torch: x <= 0 branch, scale*alpha
    assert dict(kink_values("elu", {"alpha": 3.0}))[0] == 3  # torch: x <= 0 branch, alpha e^0


def test_kappa_is_the_condition_number():
    ref = reference("sigmoid")
    k = ref.kappa(np.array([0.0, -700.0, 2.0, np.inf, np.nan]))
    assert k[0] == 0.0 and k[1] == pytest.approx(700.0, rel=1e-9) and k[3] == 1.0 and np.isnan(k[4])
    assert k[2] == pytest.approx(2.0 * (1 - 1 / (1 + math.exp(-2.0))), rel=1e-12)
    assert reference("softshrink").kappa(np.array([0.0, 0.25]))[1] == 0.0  # 0/0 in the dead zone


# -- special functions of the twins vs mpmath --------------------------------------------------------------------
def _ulps(got, exact_fn, xs):
    out = []
    for g, x in zip(got, xs):
        with mpmath.workprec(200):
            e = exact_fn(mpmath.mpf(float(x)))
            out.append(float(abs(mpmath.mpf(float(g)) - e) / mpmath.mpf(np.spacing(abs(float(e))))))
    return np.array(out)


def test_cody_erf_pieces_against_mpmath():
    small = np.linspace(-0.46875, 0.46875, 201)
    assert _ulps(special.erf_small(small), mpmath.erf, small).max() <= 4
    big = np.concatenate([np.linspace(0.47, 4, 200), np.geomspace(4, 1e8, 200)])
    assert _ulps(special.erfcx_large(big), lambda t: mpmath.exp(t * t) * mpmath.erfc(t), big).max() <= 6


def test_normal_cdf_both_tails_against_mpmath():
    xs = np.concatenate([np.linspace(-38, 8, 400), -np.geomspace(1e-12, 1, 50)])
    # the left tail down to Phi(-38) ~ 1e-316 stays within a few ulps although kappa(x) = |x phi/Phi| ~ x^2:
    # exp(-x^2/2) is formed from an exact split of x^2, not from a rounded x/sqrt 2
    assert _ulps(special.std_normal_cdf(xs), mpmath.ncdf, xs).max() <= 8


def test_at_is_one_evaluation_and_none_where_it_fails():
    ref = reference("softplus")
    v = ref.at(1.0, 200)
    with mpmath.workprec(300):
        assert abs(v - mpmath.log(1 + mpmath.e)) < mpmath.mpf(2) ** -190
    assert mpmath.isnan(reference("sigmoid").at(float("nan"), 64))
    assert reference("sigmoid").at(float("inf"), 64) == 1           # the limit


def test_relative_sees_through_cancellation():
    """The two cases its docs name: agreement of two precisions alone would accept 0."""
    with mpmath.workprec(4000):
        want = mpmath.log1p(mpmath.exp(-300))
        got = reference("softplus").relative(-300.0)
        assert abs(got - want) <= abs(want) * mpmath.mpf(2) ** -79
        x = mpmath.mpf(-22.0)
        want = x / 2 * mpmath.erfc(-x / mpmath.sqrt(2))
        got = reference("gelu").relative(-22.0)
        assert got != 0 and abs(got - want) <= abs(want) * mpmath.mpf(2) ** -79


def test_relative_sees_through_cancellation_of_terms_growing_like_inverse_powers_of_tiny_x():
    """The derivative of (exp(x) - 1)/x, exp(x)/x - (exp(x) - 1)/x^2 = 1/2 + x/3 + x^2/8 + x^3/30 + ..., cancels
    two terms of size 1/x^2: at |x| <= 1e-160 exp(x) rounds to 1 at 96 and at 192 bits, which agreed on 1/x (1e300
    at x = 1e-300: the auditor's exact value of a held-out expression's derivative, so a correct module failed
    its audit).  Truth: the series to x^2, whose remainder (below |x|^3/20) is below 2^-500 relative here."""
    from symact.audit.reference.expression import expression_entry

    r = reference(expression_entry("(exp(x) - 1)/x"), None, 1)
    with mpmath.workprec(4000):
        for x in (1e-160, -1e-300, 5e-324, -3e-200):
            t = mpmath.mpf(x)
            want = mpmath.mpf(1) / 2 + t / 3 + t ** 2 / 8
            assert abs(r.relative(x) - want) <= want * mpmath.mpf(2) ** -79, x

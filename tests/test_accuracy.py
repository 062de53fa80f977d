"""The accuracy standard on hand-worked values, and proof that the twin tests can fail: deliberately broken
twins (naive formulas) are rejected by the same check the real twins pass."""
from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from symact.accuracy import Standard, as_dd, tolerance, ulp, ulp_error
from symact.numeric.reference import reference


# -- ulp ---------------------------------------------------------------------------------------------------
def test_ulp_hand_values():
    assert ulp(1.0, np.float32) == 2.0**-23
    assert ulp(1.0, np.float64) == 2.0**-52
    assert ulp(1.0, np.float16) == 2.0**-10
    assert ulp(1.5, np.float32) == 2.0**-23
    assert ulp(2.0, np.float32) == 2.0**-22  # spacing above a power of two
    assert ulp(-3.0, np.float64) == 2.0**-51
    assert ulp(0.0, np.float64) == 2.0**-1074 and ulp(0.0, np.float32) == 2.0**-149
    assert ulp(1e-310, np.float64) == 2.0**-1074  # subnormal range
    assert ulp(np.finfo(np.float32).tiny, np.float32) == 2.0**-149
    assert ulp(math.inf, np.float64) == 2.0**971 and ulp(1e39, np.float32) == 2.0**104
    assert math.isnan(ulp(math.nan, np.float64))
    # an exact value just below 2 (hi = 2, lo < 0) has the spacing below 2
    assert ulp(2.0, np.float64, lo=-1e-20) == 2.0**-52
    assert ulp(mpmath.mpf(1), np.float32) == 2.0**-23
    np.testing.assert_array_equal(ulp(np.array([1.0, 4.0]), np.float32), [2.0**-23, 2.0**-21])


def test_ulp_matches_numpy_spacing():
    rng = np.random.default_rng(0)
    for dt in (np.float16, np.float32, np.float64):
        y = (rng.standard_normal(200) * 10.0 ** rng.integers(-3, 3, 200)).astype(dt)
        np.testing.assert_array_equal(ulp(y.astype(np.float64), dt), np.abs(np.spacing(np.abs(y))).astype(np.float64))


def test_ulp_error_hand_values():
    assert ulp_error(np.float32(1.0), mpmath.mpf(1) + mpmath.mpf(2) ** -23, np.float32) == 1.0
    assert ulp_error(1.0 + 2**-52, 1.0, np.float64) == 1.0
    assert ulp_error(1.0, (1.0, 2.0**-54), np.float64) == 0.25
    one_third = mpmath.mpf(1) / 3
    assert ulp_error(np.float32(1 / 3), one_third, np.float32) < 0.5


def test_tolerance_hand_values():
    assert tolerance(1.0, 1.0, np.float32) == 16 * 2.0**-23
    assert tolerance(1.0, 3.0, np.float32) == 48 * 2.0**-23
    assert tolerance(1.0, 3.0, np.float32, strict=True) == 16 * 2.0**-23
    assert tolerance(1.0, 0.25, np.float32, budget=4) == 4 * 2.0**-23
    assert tolerance(0.0, 5.0, np.float64) == np.finfo(np.float64).tiny  # the floor
    assert tolerance(0.0, math.inf, np.float64) == np.finfo(np.float64).tiny  # exact zero, infinite kappa
    assert tolerance(1e-310, 1.0, np.float64, strict=True) == 16 * 2.0**-1074


# -- Standard ---------------------------------------------------------------------------------------------
def test_standard_pass_fail_boundaries():
    st_ = Standard()
    y = (np.array([1.0, 1.0, 1.0]), np.zeros(3))
    r = np.array([1.0 + 16 * 2**-52, 1.0 + 17 * 2**-52, 1.0 - 8 * 2**-52])
    assert st_.check(np.ones(3), r, y, 1.0, np.float64).tolist() == [True, False, True]
    assert st_.check(np.ones(3), r, y, 2.0, np.float64).tolist() == [True, True, True]
    assert Standard(strict=True).check(np.ones(3), r, y, 2.0, np.float64).tolist() == [True, False, True]


def test_standard_special_values():
    st_ = Standard()
    x = np.array([np.nan, np.inf, np.inf, 1.0, 1.0, 1.0, 1.0])
    y = np.array([np.nan, 1.0, np.inf, np.inf, 2.0, 2.0, 0.0])
    r = np.array([np.nan, 1.0, np.inf, 1e308, np.nan, np.inf, -0.0])
    rep = st_.report(x, r, y, 1.0, np.float64)
    assert rep.passed.tolist() == [True, True, True, False, False, False, True]
    assert rep.zero_sign.tolist() == [False] * 6 + [True]
    assert not Standard(signed_zeros=True).report(x, r, y, 1.0, np.float64).passed[-1]
    # NaN in must give NaN out
    assert not st_.check(np.array([np.nan]), np.array([0.5]), np.array([np.nan]), 1.0, np.float64)[0]
    # a finite exact value that overflows the target format must come back as inf
    assert st_.check(np.array([1.0]), np.array([np.inf], np.float32), np.array([1e39]), 1.0, np.float32)[0]
    assert not st_.check(np.array([1.0]), np.array([3e38], np.float32), np.array([1e39]), 1.0, np.float32)[0]


def test_standard_correctly_rounded_always_passes():
    y = mpmath.mpf(2) / 3
    hi, lo = as_dd([y])
    for dt in (np.float16, np.float32, np.float64):
        r = hi.astype(dt)
        assert Standard(budget=0.0, strict=True).check(np.ones(1), r, (hi, lo), 1.0, dt)[0]


def test_double_double_resolves_float64_errors():
    # the exact value 1 + 2^-60 is 1.0 in float64; a result of 1.0 is 2^-8 ulp away, measured exactly
    with mpmath.workprec(100):
        exact = mpmath.mpf(1) + mpmath.mpf(2) ** -60
    hi, lo = as_dd([exact])
    assert hi[0] == 1.0 and lo[0] == 2.0**-60
    assert ulp_error(np.array([1.0]), (hi, lo), np.float64)[0] == 2.0**-8


# -- the tests can fail: broken twins are caught -------------------------------------------------------------
def _report(name, order, xs, r, dtype=np.float64, params=None):
    xs = np.asarray(xs, dtype=dtype)
    ref = reference(name, params, order)
    hi, lo = ref.exact(xs, dtype)
    return Standard().report(xs, np.asarray(r, dtype=dtype), (hi, lo), ref.kappa(xs, values=hi), dtype)


XS = np.array([-745.0, -700.0, -50.0, -30.0, -5.0, -1.0, 0.0, 1.0, 5.0, 30.0, 50.0, 700.0])


def test_naive_softplus_is_rejected():
    with np.errstate(all="ignore"):
        naive = np.log(1.0 + np.exp(XS))
    rep = _report("softplus", 0, XS, naive)
    assert not rep.ok
    # -745: e^-745 is below the smallest normal, where the absolute floor forgives the naive 0
    assert {-700.0, -50.0, -30.0, -5.0} <= set(XS[~rep.passed].tolist())


def test_textbook_sigmoid_derivative_is_rejected():
    with np.errstate(all="ignore"):
        s = 1.0 / (1.0 + np.exp(-XS))
        naive = s * (1.0 - s)
    rep = _report("sigmoid", 1, XS, naive)
    assert not rep.ok and 30.0 in XS[~rep.passed].tolist() and 50.0 in XS[~rep.passed].tolist()


def test_naive_tanh_derivative_and_tanhshrink_are_rejected():
    xs = np.array([1e-8, 1e-4, 0.01, 20.0])
    assert not _report("tanhshrink", 0, xs, xs - np.tanh(xs)).ok
    assert not _report("tanh", 1, xs, 1.0 - np.tanh(xs) ** 2).ok


def test_naive_gelu_left_tail_is_rejected():
    xs = np.array([-10.0, -20.0, -30.0, -1.0])
    naive = xs / 2 * (1 + np.vectorize(math.erf)(xs / math.sqrt(2)))
    rep = _report("gelu", 0, xs, naive)
    assert rep.passed.tolist() == [False, False, False, True]


def test_float32_cast_of_a_naive_formula_is_still_rejected():
    xs = np.array([-30.0, -20.0], dtype=np.float32)
    with np.errstate(all="ignore"):
        naive = np.log(np.float32(1) + np.exp(xs))  # float32 arithmetic: log(1 + e^-30) = log(1) = 0
    assert not _report("softplus", 0, xs, naive, np.float32).ok


@pytest.mark.parametrize("shift", [1, 40])
def test_off_by_a_few_ulps_is_caught_only_beyond_the_budget(shift):
    xs = np.array([0.5, 1.0, 2.0])
    ref = reference("tanh")
    hi, lo = ref.exact(xs)
    r = hi + shift * np.spacing(hi)
    rep = Standard().report(xs, r, (hi, lo), ref.kappa(xs, values=hi), np.float64)
    assert rep.ok == (shift <= 16)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_ulp_matches_the_binade_definition_over_every_range(dtype):
    """ulp(y) = 2^(e - p + 1) for 2^e <= |y| < 2^(e+1), clamped to the format's normal range, by math.frexp
    per element (an independent computation), on values from far below the subnormals to beyond the max."""
    from symact.numeric.fp import fmt

    f = fmt(dtype)
    rng = np.random.default_rng(3)
    ys = np.ldexp(rng.uniform(-2, 2, 3000), rng.integers(-1080, 1023, 3000))
    ys = np.concatenate([ys, [0.0, -0.0, 5e-324, f.tiny, f.max, np.inf, 1.0, -0.5]])
    got = ulp(ys, dtype)
    for y, u in zip(ys, got):
        a = abs(float(y))
        e = math.frexp(a)[1] - 1 if a else f.emin
        e = f.emax if a > f.max else min(max(e, f.emin), f.emax)
        assert u == 2.0 ** (e - f.p + 1), (y, u)

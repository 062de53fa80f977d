"""The fast reference path is sound: its enclosures contain the certified values, and its roundings agree."""
from __future__ import annotations

import numpy as np
import pytest

from symact.audit.reference import f64
from symact.audit.dtypes import get_format, round_to
from symact.audit.reference.oracle import Oracle, rounded
from symact.catalog import entries
from symact.functions import TanhShrink

NAMES = [e.name for e in entries(scalar_only=True)]


def _sample():
    rng = np.random.default_rng(7)
    mags = np.exp(rng.uniform(np.log(1e-30), np.log(1e6), 60))
    pts = np.concatenate([mags, -mags, [0.0, 3.0, -3.0, 0.5, -0.5, 20.0, -37.5, 88.7, -745.2, 1e300, -1e300]])
    return round_to(pts, get_format("float32"))


def _assert_enclosed(name, order, xs):
    """Every finite fast enclosure at ``xs`` contains the certified value."""
    o = Oracle(name, None, order)
    c = o._compiled()
    if not c:
        pytest.skip("no fast path for this expression")
    lo, hi = f64.enclose(c, xs)
    ok = np.isfinite(lo) & np.isfinite(hi)
    exact_hi, _ = o.exact_at(xs[ok])
    bad = (lo[ok] > exact_hi) | (exact_hi > hi[ok])
    assert not bad.any(), (xs[ok][bad], lo[ok][bad], hi[ok][bad], exact_hi[bad])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("order", [0, 1])
def test_enclosures_contain_certified_values(name, order):
    _assert_enclosed(name, order, _sample())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("order", [0, 1])
def test_enclosures_sound_at_overflow_boundaries(name, order):
    """Around the float64 exp overflow/underflow thresholds (where 1/(1 + exp(-x)) computes 0 but the exact
    value is a subnormal) and the float32 ones."""
    from symact.audit.inputs import neighbours

    fmt64 = get_format("float64")
    marks = [709.782712893384, 745.1332191019412, 708.3964185322641, 88.72283935546875, 103.97, 36.7, 20.0]
    xs = np.unique(np.concatenate([neighbours(s * m, fmt64, 3) for m in marks for s in (1.0, -1.0)]))
    _assert_enclosed(name, order, xs)


def test_rounded_fast_agrees_with_certified_rounding():
    for name in ["gelu", "sigmoid", "softplus", "silu", "tanh", "elu"]:
        o = Oracle(name)
        xs = _sample()
        vals, ok = f64.rounded_fast(o._compiled(), xs, get_format("float32"))
        h, l = o.exact_at(xs[ok])
        assert np.array_equal(vals[ok], round_to(h, get_format("float32"))) or np.allclose(
            vals[ok], round_to(h, get_format("float32")), rtol=0, atol=0)


def test_library_self_check_passes_here():
    assert all(f64._trusted(n) for n in f64.LIBS)


# -- the double-double tier (symact.audit.reference.dd) ---------------------------------------------------------------
import mpmath  # noqa: E402

from symact.audit.reference import dd  # noqa: E402

_PREC = 2400


def _inside(d, i, v, slack=0) -> bool:
    """The certified claim of enclosure ``d`` at point ``i`` holds for the exact value ``v`` (an mpf known to
    ``slack``)."""
    with mpmath.workprec(_PREC):
        if abs(v - mpmath.mpf(float(d.hi[i])) - mpmath.mpf(float(d.lo[i]))) <= mpmath.mpf(float(d.rad[i])) + slack:
            ok = True
        else:
            ok = False
        if d.lg is not None and np.isfinite(d.lg[i]) and v != 0:
            # the log2 bound must hold too (it is what decides values beyond the float64 range)
            ok = ok and mpmath.log(abs(v), 2) <= d.lg[i]
        if d.sg is not None and d.sg[i] != 0:
            # and so must a recorded sign (it gives the sign of values that round to zero)
            ok = ok and mpmath.sign(v) == d.sg[i]
        return ok


def _edge_points(lo, hi):
    rng = np.random.default_rng(11)
    a = rng.uniform(max(lo, -1e3), min(hi, 1e3), 150)
    m = np.exp(rng.uniform(np.log(1e-300), np.log(1e300), 150)) * rng.choice([-1.0, 1.0], 150)
    edge = np.array([0.0, 5e-324, -5e-324, 1e-310, 2.0 ** -1022, 1.0, -1.0, 0.25, 0.35, -0.35, 2.5, -2.5, 3.5,
                     5.0, 8.0, 27.3, 27.5, 709.0, -745.2, -745.0, -708.4, 1e-20, -1e-20, 1e154, -1e154, 1e300])
    pts = np.concatenate([a, m, edge, np.nextafter(edge, np.inf), np.nextafter(edge, -np.inf)])
    return pts[(pts >= lo) & (pts <= hi)]


PRIMITIVES = [
    ("exp", dd.exp, mpmath.exp, (-1e300, 709.0)),
    ("expm1", dd.expm1, mpmath.expm1, (-1e300, 709.0)),
    ("log", dd.log, mpmath.log, (5e-324, 1e300)),
    ("log1p", dd.log1p, mpmath.log1p, (-0.999, 1e300)),
    ("tanh", dd.tanh, mpmath.tanh, (-1e300, 1e300)),
    ("logistic", dd.logistic, lambda x: 1 / (1 + mpmath.exp(-x)), (-1e300, 1e300)),
    ("sech2", dd.sech2, lambda x: mpmath.sech(x) ** 2, (-1e300, 1e300)),
    ("softplus", dd.softplus, lambda x: mpmath.log1p(mpmath.exp(x)), (-1e300, 1e300)),
    ("erf", dd.erf, mpmath.erf, (-1e150, 1e150)),        # mpmath's erfc overflows beyond
    ("erfc", dd.erfc, mpmath.erfc, (-1e150, 1e150)),
    ("cosh", dd.cosh, mpmath.cosh, (-709.0, 709.0)),
]


@pytest.mark.parametrize("name,fn,ref,domain", PRIMITIVES, ids=[p[0] for p in PRIMITIVES])
def test_dd_primitives_enclose_mpmath_and_are_tight(name, fn, ref, domain):
    xs = _edge_points(*domain)
    with np.errstate(all="ignore"):
        d = fn(dd.DD.point(xs))
    usable = np.isfinite(d.hi)
    assert usable.mean() > 0.97, (name, xs[~usable])
    loose = []
    for i in np.flatnonzero(usable):
        with mpmath.workprec(_PREC):
            v = ref(mpmath.mpf(float(xs[i])))
        assert _inside(d, i, v), (name, xs[i], d.hi[i], d.lo[i], d.rad[i], mpmath.nstr(v, 30))
        with mpmath.workprec(64):
            if abs(v) > mpmath.mpf(2) ** -980 and mpmath.mpf(float(d.rad[i])) > abs(v) * mpmath.mpf(2) ** -78:
                loose.append(float(xs[i]))
    # near 1 - erf(2.5) the series loses 11 bits: still about 2^-84
    assert not loose, (name, loose[:5])


def _random_dd(rng, n, scale_exp):
    hi = rng.standard_normal(n) * np.exp2(rng.integers(-scale_exp, scale_exp, n))
    lo = hi * rng.uniform(-1, 1, n) * 2.0 ** -53
    s, e = dd.two_sum(hi, lo)
    return dd.DD(s, e, np.zeros(n))


@pytest.mark.parametrize("op", ["add", "sub", "mul", "div"])
def test_dd_arithmetic_encloses_exact_results(op):
    rng = np.random.default_rng({"add": 1, "sub": 2, "mul": 3, "div": 4}[op])
    n = 400
    a, b = _random_dd(rng, n, 300), _random_dd(rng, n, 300)
    # cancellation: b close to -a (add) or a (sub), on a quarter of the points
    k = n // 4
    sign = -1.0 if op == "add" else 1.0
    b.hi[:k], b.lo[:k] = sign * a.hi[:k], sign * a.lo[:k] * (1 + rng.uniform(-1e-3, 1e-3, k))
    # operands beyond 2^990 (Dekker's split is scaled) and products near the subnormal range
    a.hi[k:k + 20] *= 2.0 ** 700
    b.hi[k + 20:k + 40] *= 2.0 ** -720
    a = dd.DD(*dd.two_sum(a.hi, a.lo), a.rad)
    b = dd.DD(*dd.two_sum(b.hi, b.lo), b.rad)
    with np.errstate(all="ignore"):
        d = getattr(dd, op)(a, b)
    for i in range(n):
        if not np.isfinite(d.hi[i]):
            continue
        with mpmath.workprec(_PREC):
            x = mpmath.mpf(float(a.hi[i])) + mpmath.mpf(float(a.lo[i]))
            y = mpmath.mpf(float(b.hi[i])) + mpmath.mpf(float(b.lo[i]))
            v = {"add": x + y, "sub": x - y, "mul": x * y, "div": x / y}[op]
            assert _inside(d, i, v), (op, i, a.hi[i], b.hi[i], d.hi[i], d.rad[i])
            if abs(v) > mpmath.mpf(2) ** -900:
                assert mpmath.mpf(float(d.rad[i])) <= abs(v) * mpmath.mpf(2) ** -95


ENTRIES = ["gelu", "gelu_tanh", "mish", "silu", "softplus", "sigmoid", "tanh", "tanhshrink"]


@pytest.mark.parametrize("name", ENTRIES)
@pytest.mark.parametrize("order", [0, 1, 2])
def test_dd_tier_encloses_catalog_entries(name, order):
    """Whole expressions (stable forms of f, f', f''), including inputs whose intermediate values leave the
    float64 range (x^2 at 1e200, exp(x) at 1e4): the tier's claims hold against 2400-bit mpmath."""
    o = Oracle(name, None, order)
    c = o._dd_compiled()
    if not c:
        pytest.skip("no double-double evaluator for this expression")
    rng = np.random.default_rng(3)
    mags = np.exp(rng.uniform(np.log(1e-300), np.log(1e300), 24))
    xs = np.concatenate([mags, -mags, rng.uniform(-40, 40, 24),
                         [0.0, 1e154, -1e154, 5.6e102, -5.6e102, 1e308, -1e308, -38.5, -27.0, 710.0, 1e4, -1e4]])
    d = dd.enclose(c, xs)
    hi, lo, rad, ok = dd.values_from(d)
    if name != "tanhshrink":        # x - tanh x cancels for small x: there the tier (soundly) gives up
        assert ok.mean() > 0.8, (name, order, xs[~ok])
    checked = 0
    for i in np.flatnonzero(np.isfinite(d.hi)):
        x = float(xs[i])
        # the truth: an arb ball certain to 2^-150 relative (None where arb cannot certify it, e.g. the
        # cancellation in sympy.diff's form of softplus'' at x = 1e140: such points are not checked)
        v = o._arb(x, 150, (1024, 4096))
        if v is None:
            continue
        checked += 1
        assert _inside(d, i, v, abs(v) * mpmath.mpf(2) ** -149), (name, order, x, d.hi[i], d.lo[i], d.rad[i],
                                                                  mpmath.nstr(v, 25))
    assert checked > 0.6 * xs.size


@pytest.mark.parametrize("name", ["gelu", "gelu_tanh", "mish", "softplus"])
def test_exact_at_from_the_dd_tier_agrees_with_the_slow_path(name):
    for order in (0, 1):
        o = Oracle(name, None, order)
        rng = np.random.default_rng(5)
        xs = np.concatenate([rng.uniform(-30, 30, 40), np.exp(rng.uniform(-600, 600, 40)) * rng.choice([-1, 1], 40)])
        h, l = o.exact_at(xs)
        assert o.dd_points > 0.8 * xs.size
        h2, l2 = o.slow_at(xs)
        assert np.array_equal(h, h2) or np.all((h == h2) | ((h == 0) & (np.abs(h2) < 2.0 ** -1070)))
        with np.errstate(all="ignore"):
            assert np.all(np.abs((h - h2) + (l - l2)) <= np.abs(h2) * 2.0 ** -79 + 2.0 ** -1074)


def test_evaluate_radius_covers_both_ends():
    """Regression: the midpoint-radius form of a wide enclosure lost 2 ulps of the radius (rounded down), so
    [-3.6e-129, 1.3e66] (float64 silu'(448) from (x + e^x + 1) e^x sig(-x)^2) became [2.8e50, 1.3e66],
    excluding the exact value 1: float32 rounds both ends to inf and the judge failed a correct 1.0."""
    xs = np.array([448.0, 1.0, -2.0])
    los, his = np.array([-3.6202832e-129, 0.5, -7.0]), np.array([1.32638755e+66, 0.5000000000000002, 3e-300])
    mid, rad, ok = f64.evaluate(lambda x: (los, his), xs, np.inf)
    assert ok.all()
    assert np.all(mid - rad <= los) and np.all(mid + rad >= his)


@pytest.mark.parametrize("name,fn,ref,domain", PRIMITIVES, ids=[p[0] for p in PRIMITIVES])
def test_dd_primitives_enclose_whole_input_balls(name, fn, ref, domain):
    """Inputs with a radius (as inner nodes produce them): the enclosure holds at both ends and the middle."""
    rng = np.random.default_rng(17)
    lo_d, hi_d = max(domain[0], -60.0), min(domain[1], 60.0)
    xs = rng.uniform(lo_d, hi_d, 30)
    for rel in (2.0 ** -70, 2.0 ** -20):
        rad = np.abs(xs) * rel + (0.25 if rel > 2.0 ** -30 else 0.0)
        with np.errstate(all="ignore"):
            d = fn(dd.DD(xs.copy(), np.zeros_like(xs), rad))
        for i in np.flatnonzero(np.isfinite(d.hi)):
            with mpmath.workprec(1200):          # enough to see 2^-106 of 2 - erfc(15.8)
                for t in (-1, 0, 1):
                    x = mpmath.mpf(float(xs[i])) + t * mpmath.mpf(float(rad[i]))
                    if domain[0] <= x <= domain[1]:
                        assert _inside(d, i, ref(x)), (name, xs[i], rad[i], t)


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16"])
def test_rounded_with_the_dd_tier_agrees_with_the_per_point_reference(dtype):
    from symact.numeric.reference import reference

    rng = np.random.default_rng(23)
    xs = np.concatenate([rng.uniform(-12, 12, 150), rng.choice([-1.0, 1.0], 150) * np.exp(rng.uniform(-30, 6, 150))])
    xs = round_to(xs, get_format(dtype))
    for name in ["gelu", "mish", "gelu_tanh", "softplus"]:
        got = rounded(name, xs, dtype)
        want = reference(name).rounded(xs, np.dtype(dtype)).astype(np.float64)
        # (== ignores the sign of zero: neither side resolves it for values far below the subnormals, e.g.
        # gelu(-325), where mpmath's 1 + erf(-230) is exactly 0 at every precision it tries)
        assert np.array_equal(got, want, equal_nan=True), name


def test_values_far_below_the_subnormals_get_their_certain_sign():
    """gelu(-325) ~ -1e-22940: mpmath's 1 + erf(-230) is 0 at every precision it tries, the dd tier knows
    the value is negative and far below 2^-1076, so it rounds to -0.0 in every format."""
    xs = np.array([-325.0, -125.0, -68.75] * 30)
    for dtype in ("float64", "float32"):
        got = rounded("gelu", xs, dtype)
        assert np.all(got == 0) and np.all(np.signbit(got))
    h, l = Oracle("gelu").exact_at(xs)
    assert np.all(h == 0) and np.all(np.signbit(h)) and np.all(l == 0)


def _tanhshrink_exact(x: float):
    import mpmath

    # x - tanh(x) loses about 2 log2(1/|x|) bits to cancellation: work with that many more
    with mpmath.workprec(200 + 4 * abs(int(np.frexp(x)[1]))):
        v = mpmath.mpf(x) - mpmath.tanh(mpmath.mpf(x))
        return v


def _tanhshrink_points():
    rng = np.random.default_rng(11)
    small = np.ldexp(rng.uniform(1, 2, 400), rng.integers(-330, -3, 400))
    mid = rng.uniform(0.05, 3.0, 200)
    edges = [0.125, np.nextafter(0.125, 0), np.nextafter(0.125, 1), 5e-324, 1e-300, 40.0, 1e300, 0.0]
    pts = np.concatenate([small, mid, edges])
    return np.concatenate([pts, -pts])


def test_tanhshrink_series_node_encloses_the_value_in_both_tiers():
    """u - tanh(u) near 0 comes from its Taylor series with the alternating-series remainder: both tiers'
    enclosures contain the value (checked in mpmath with the precision the cancellation needs) and are
    relatively narrow, where the plain formula's float64 enclosure is wider than the value itself."""
    import mpmath
    import sympy as sp

    from symact.catalog import X, get

    f = get("tanhshrink").f()
    assert isinstance(f64.stable_form(f), TanhShrink)
    xs = _tanhshrink_points()
    lo, hi = f64.enclose(f64.compile_expr(f), xs)
    d = dd.enclose(dd.compile_expr(f), xs)
    for i, x in enumerate(xs):
        e = _tanhshrink_exact(float(x))
        assert lo[i] <= e <= hi[i], x
        with mpmath.workprec(2400):                      # hi + lo - e exactly
            assert abs(mpmath.mpf(d.hi[i]) + mpmath.mpf(d.lo[i]) - e) <= mpmath.mpf(d.rad[i]), x
        if 1e-90 < abs(x) < 1:                            # value well inside the float64 normal range
            assert hi[i] - lo[i] <= 2.0 ** -40 * abs(e), x
            assert d.rad[i] <= 2.0 ** -85 * abs(e), x
    plain = f64._compile(X - sp.tanh(X))
    plo, phi = plain(np.array([1e-10]))
    assert phi[0] - plo[0] > _tanhshrink_exact(1e-10)     # what the series node avoids


def test_tanhshrink_series_coefficients_alternate_and_shrink():
    import sympy as sp

    from symact.catalog import X

    poly, c = f64.tanhshrink_series(6)
    ser = sp.series(X - sp.tanh(X), X, 0, 16).removeO()       # up to x^15
    assert sp.expand(X ** 3 * poly) == ser - ser.coeff(X, 15) * X ** 15
    assert c == abs(ser.coeff(X, 15)) == sp.Rational(929569, 638512875)


def test_small_tanhshrink_values_are_judged_without_the_per_point_path():
    """Float32 judging of tanhshrink near 0 (a quarter of all float32 inputs) stays vectorised."""
    from symact.audit.context import judge_exact
    from symact.audit.standard import Standard

    rng = np.random.default_rng(5)
    xs = round_to(np.ldexp(rng.uniform(1, 2, 4096), rng.integers(-140, -13, 4096)), get_format("float32"))
    o = Oracle("tanhshrink", None, 0)
    r = round_to(xs ** 3 / 3, get_format("float32"))      # |x| < 2^-12: x^3/3 is within an ulp or two
    _, _, ok, _, _ = judge_exact(o, xs, r, None, get_format("float32"), Standard())
    assert ok.all()
    assert o.slow_points == 0


def test_interval_product_and_widening_at_infinities_and_nan():
    """The product of [0, 1] and [1, inf] has a 0 * inf term: no enclosure (NaN ends), never a finite one;
    an overflowed lower end (+inf) becomes the largest double, an infinite end on the outside stays one."""
    big = np.finfo(np.float64).max
    lo, hi = f64._mul2((np.array([0.0, 2.0]), np.array([1.0, 3.0])),
                           (np.array([1.0, -np.inf]), np.array([np.inf, -1.0])))
    assert np.isnan(lo[0]) and np.isnan(hi[0])
    assert lo[1] == -np.inf and -2.0 < hi[1] < -1.99
    a, b = f64._widen(np.array([np.inf, -np.inf, np.nan, 1.0]), np.array([np.inf, -np.inf, np.nan, 1.0]), 1)
    assert a[0] == big and b[0] == np.inf
    assert a[1] == -np.inf and b[1] == -big
    assert np.isnan(a[2]) and np.isnan(b[2])
    assert a[3] < 1.0 < b[3]

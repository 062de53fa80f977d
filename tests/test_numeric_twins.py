"""Every NumPy twin (f and f') agrees with the mpmath reference under the default accuracy standard.

Property tests over the full float64 and float32 ranges (Hypothesis floats with NaN, infinities, subnormals),
explicit edge cases (signed zeros, subnormals, max, inf, NaN, every kink and its neighbours, every internal
threshold of the twins), a sample of float16 / bfloat16 values, default and non-default parameters.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symact.accuracy import Standard
from symact.catalog import entries, get, names
from symact.errors import ParameterError, UnknownActivationError
from symact.numeric.fp import fmt, supported_dtypes
from symact.numeric.kinks import kink_values
from symact.numeric.reference import reference
from symact.numeric.twins import twin

SCALAR = [e.name for e in entries(scalar_only=True)]
NONDEFAULT = {
    "leaky_relu": {"alpha": 0.2},
    "prelu": {"alpha": -0.3},
    "rrelu": {"lower": 0.1, "upper": 0.3},
    "elu": {"alpha": 2.0},
    "selu": {"alpha": 1.5, "scale": 1.1},
    "celu": {"alpha": 0.5},
    "hardtanh": {"min_val": -2.0, "max_val": 0.5},
    "silu": {"beta": 1.7},
    "softplus": {"beta": 0.3},
    "softshrink": {"lambd": 0.1},
    "hardshrink": {"lambd": 0.1},
}
CASES = [(n, {}) for n in SCALAR] + [(n, p) for n, p in NONDEFAULT.items()]
IDS = [n + ("" if not p else "-" + ",".join(f"{k}={v}" for k, v in p.items())) for n, p in CASES]
STANDARD = Standard()
FAST = settings(max_examples=6, deadline=None)


def check(name: str, params: dict, order: int, xs, dtype) -> None:
    xs = np.asarray(xs, dtype=dtype)
    tw = twin(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = (tw.df if order else tw.f)(xs, **params)
    assert r.dtype == xs.dtype and r.shape == xs.shape
    ref = reference(name, params or None, order)
    hi, lo = ref.exact(xs, dtype)
    kappa = ref.kappa(xs, values=hi)
    rep = STANDARD.report(xs, r, (hi, lo), kappa, dtype)
    if not rep.ok:
        bad = rep.failures()[:8]
        lines = [f"x={xs.ravel()[i]!r} got={r.ravel()[i]!r} exact={hi.ravel()[i]!r} ulps={rep.ulps.ravel()[i]:.3g} "
                 f"allowed={rep.allowed.ravel()[i]:.3g}" for i in bad]
        pytest.fail(f"{name}{params} order {order} {np.dtype(dtype)}:\n" + "\n".join(lines))


def edge_cases(name: str, params: dict, dtype) -> np.ndarray:
    """Signed zeros, subnormals, tiny, max, ±inf, NaN, the twins' internal thresholds, and every kink and
    parameter value with its two float neighbours."""
    f = fmt(dtype)
    base = [0.0, f.min_subnormal, f.tiny, f.max, 1e-5, 0.5, 1.0, 2.0, 3.0, 0.6, 0.46875 * math.sqrt(2),
            4 * math.sqrt(2), 17.0, 20.0, 36.0, 40.0, 100.0, 700.0, 745.0, 1e30, 1e300]
    pts = [s * v for v in base for s in (1.0, -1.0)] + [math.inf, -math.inf, math.nan]
    sharp = [float(k) for k, _ in kink_values(get(name), params or None)]
    sharp += [s * float(v) for v in params.values() for s in (1.0, -1.0)]
    with np.errstate(all="ignore"):
        sharp_arr = np.asarray(sharp, dtype=np.float64).astype(dtype)
        return np.concatenate([np.asarray(pts, dtype=np.float64).astype(dtype), sharp_arr,
                               np.nextafter(sharp_arr, np.asarray(np.inf, dtype)),
                               np.nextafter(sharp_arr, np.asarray(-np.inf, dtype))])


@pytest.mark.parametrize("order", [0, 1], ids=["f", "df"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("name, params", CASES, ids=IDS)
def test_edge_cases(name, params, dtype, order):
    check(name, params, order, edge_cases(name, params, dtype), dtype)


def _floats(width):
    return st.lists(st.floats(width=width, allow_nan=True, allow_infinity=True, allow_subnormal=True),
                    min_size=1, max_size=8)


@pytest.mark.parametrize("order", [0, 1], ids=["f", "df"])
@pytest.mark.parametrize("name, params", CASES, ids=IDS)
@pytest.mark.parametrize("width", [64, 32], ids=["f64", "f32"])
@FAST
@given(data=st.data())
def test_property_full_range(width, name, params, order, data):
    xs = data.draw(_floats(width), label="xs")
    check(name, params, order, xs, np.float64 if width == 64 else np.float32)


EXTREME = [("silu", {"beta": 100.0}), ("silu", {"beta": 1e-3}), ("softplus", {"beta": 1e5}),
           ("softplus", {"beta": 1e-3}), ("celu", {"alpha": 1e-3}), ("elu", {"alpha": 1e3}),
           ("leaky_relu", {"alpha": 0.0}), ("prelu", {"alpha": -2.0}), ("hardtanh", {"min_val": 0.1, "max_val": 0.3}),
           ("softshrink", {"lambd": 0.0}), ("softshrink", {"lambd": 1e10}), ("hardshrink", {"lambd": 1e-5})]


@pytest.mark.parametrize("order", [0, 1], ids=["f", "df"])
@pytest.mark.parametrize("name, params", EXTREME, ids=[f"{n}-{p}" for n, p in EXTREME])
def test_extreme_parameters(name, params, order):
    check(name, params, order, edge_cases(name, params, np.float64), np.float64)


@pytest.mark.parametrize("order", [0, 1], ids=["f", "df"])
@FAST
@given(xs=st.lists(st.floats(-60, 60, width=64), min_size=1, max_size=8))
@pytest.mark.parametrize("name", SCALAR)
def test_property_moderate_range(name, order, xs):
    """Where the functions are not saturated (random floats rarely land here)."""
    check(name, {}, order, xs, np.float64)


def _half_sample(dtype) -> np.ndarray:
    bits = np.arange(0, 1 << 16, 509, dtype=np.uint16)
    with np.errstate(all="ignore"):
        return np.concatenate([bits.view(dtype), np.array([np.nan, np.inf, -np.inf, -0.0], dtype=dtype)])


@pytest.mark.parametrize("order", [0, 1], ids=["f", "df"])
@pytest.mark.parametrize("dtype", [d for d in supported_dtypes() if d.itemsize == 2], ids=str)
@pytest.mark.parametrize("name", SCALAR)
def test_half_precision_sample(name, dtype, order):
    check(name, {}, order, _half_sample(dtype), dtype)


# -- API -------------------------------------------------------------------------------------------------------
def test_every_catalog_entry_has_a_twin():
    for n in names():
        tw = twin(n)
        assert tw.name == n and get(n).numpy is tw


def test_aliases_and_unknown_names():
    assert twin("swish").name == "silu" and twin("Logistic").name == "sigmoid"
    with pytest.raises(UnknownActivationError):
        twin("nosuchthing")


def test_parameters_are_keywords_with_catalog_defaults():
    tw = twin("leaky_relu")
    assert tw.defaults == {"alpha": 0.01}
    assert tw.f(-2.0) == pytest.approx(-0.02) and tw.f(-2.0, alpha=0.5) == -1.0
    with pytest.raises(ParameterError):
        tw.f(1.0, beta=2.0)
    with pytest.raises(ParameterError):
        twin("elu").f(1.0, alpha=-1.0)
    with pytest.raises(ParameterError):
        twin("softmax").f(np.ones(3), beta=2.0)
    with pytest.raises(ParameterError):
        tw.f(1.0, alpha=[0.1])
    assert tw.f(-1.0, alpha=np.float32(0.5)) == -0.5 and tw.f(-1.0, alpha="1/4") == -0.25


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_dtype_is_preserved(dtype):
    x = np.linspace(-5, 5, 7).astype(dtype)
    for n in SCALAR:
        tw = twin(n)
        assert tw.f(x).dtype == dtype and tw.df(x).dtype == dtype
    for n in ("softmax", "log_softmax"):
        assert twin(n).f(x).dtype == dtype and twin(n).df(x).dtype == dtype


def test_scalars_and_integers():
    assert isinstance(twin("sigmoid").f(0.0), np.float64) and twin("sigmoid").f(0.0) == 0.5
    assert twin("relu").f(np.array([-1, 2])).dtype == np.float64


def test_special_values():
    s, r, si = twin("sigmoid"), twin("relu"), twin("silu")
    assert s.f(np.inf) == 1.0 and s.f(-np.inf) == 0.0 and r.f(-np.inf) == 0.0
    assert si.f(-np.inf) == 0.0 and si.f(np.inf) == np.inf
    for n in SCALAR:
        assert np.isnan(twin(n).f(np.nan)) and np.isnan(twin(n).df(np.nan))


def test_kink_derivatives_follow_the_catalog_torch_convention():
    for e in entries(scalar_only=True):
        for point, value in e.kink_convention("torch").items():
            got = float(twin(e.name).df(np.float64(float(point))))
            assert got == pytest.approx(float(value), rel=1e-15), e.name


def test_float32_sigmoid_rounding_near_one():
    # the correctly rounded float32 sigmoid(17) is 1 - 2^-24 (1 - e^-17 is below the midpoint 1 - 2^-25);
    # it becomes 1.0 from x = 25 ln 2 = 17.33 on
    got = twin("sigmoid").f(np.array([17.0, 17.32, 17.34], dtype=np.float32))
    assert got.tolist() == [1 - 2**-24, 1 - 2**-24, 1.0]

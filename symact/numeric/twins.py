"""Numerically stable NumPy twins (f and f') of every catalog activation.

``twin(name)`` returns a :class:`Twin` with ``.f(x, **params)`` and ``.df(x, **params)`` (parameters as keyword
arguments, catalog defaults when omitted; floats are read at their decimal value, like the catalog does, so
``lambd=0.1`` means 1/10 and thresholds are compared exactly against it).

Contract (checked against the mpmath reference under :mod:`symact.accuracy`'s default standard by the tests):

* dtype-preserving: float16 / float32 / float64 (and bfloat16 when ml_dtypes is installed) come back in the
  same dtype; integers and Python numbers come back as float64.  Work is done in float64 with formulas that
  neither overflow nor cancel catastrophically (log1p/expm1/stable sigmoid, Cody's erfc for GELU, series for
  tanhshrink near 0), then rounded once to the input dtype.  A 0-d input gives a NumPy scalar.
* no floating-point warnings; NaN in -> NaN out; ±inf in -> the limit of f (or f') where it exists.
* at kinks f' takes the catalog's framework convention (PyTorch's ``kink_derivatives['torch']``; see
  :mod:`symact.numeric.kinks`), applied wherever x equals a kink exactly.
* vector entries act along the last axis: softmax and log_softmax (max-subtracted; a row with exactly one
  +inf gives the one-hot limit, other rows containing ±inf that have no limit give NaN), maxout (max over the
  last axis).  For them ``df(x)`` is the full Jacobian, shape ``x.shape + (n,)`` (maxout: ``x.shape``, the
  one-hot gradient at the first maximum, as ``torch.max(dim)``), and ``jvp(x, v)`` the Jacobian-vector product.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Callable

import numpy as np
import sympy as sp

from symact.catalog import get
from symact.catalog.registry import VectorActivation
from symact.errors import ParameterError
from symact.numeric import special as S
from symact.numeric.fp import supported_dtypes

__all__ = ["Twin", "twin", "names"]


# -- parameters and exact thresholds ------------------------------------------------------------------------
@dataclass(frozen=True)
class _Value:
    """A parameter value: its float64 rounding and the sign of (exact - float) for exact comparisons."""

    f: float
    exact: Fraction

    @property
    def dir(self) -> int:
        d = self.exact - Fraction(self.f)
        return (d > 0) - (d < 0)


def _fraction(v: sp.Expr) -> Fraction:
    v = sp.Rational(str(v)) if v.is_Float else v
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return Fraction(float(v))  # irrational parameter values: their float is the best we can do


@lru_cache(maxsize=1024)
def _params(name: str, items: tuple) -> dict[str, _Value]:
    entry = get(name)
    given = dict(items)
    out: dict[str, _Value] = {}
    for key in given:
        entry.param(key)  # raises ParameterError for unknown names
    for p in entry.params:
        exact = p.validate(given[p.name]) if p.name in given else p.default
        fr = _fraction(exact)
        out[p.name] = _Value(float(fr), fr)
    return out


def _lt(x, t: _Value):
    """x < t exactly (t's decimal value)."""
    return (x < t.f) | ((x == t.f) & (t.dir > 0))


def _le(x, t: _Value):
    return (x < t.f) | ((x == t.f) & (t.dir >= 0))


def _gt(x, t: _Value):
    return (x > t.f) | ((x == t.f) & (t.dir < 0))


# -- dtype plumbing ---------------------------------------------------------------------------------------
def _prep(x) -> tuple[np.ndarray, np.dtype, bool]:
    arr = np.asarray(x)
    dt = arr.dtype
    if dt in supported_dtypes() or dt.kind == "f":
        out = dt
    elif dt.kind in "biu":
        out = np.dtype(np.float64)
    else:
        raise TypeError(f"expected real floating-point input, got dtype {dt}")
    with np.errstate(all="ignore"):  # ml_dtypes warns when casting NaN payloads
        return arr.astype(np.float64), out, arr.ndim == 0


def _finish(y: np.ndarray, x64: np.ndarray, out_dtype: np.dtype, scalar: bool):
    y = np.where(np.isnan(x64), np.nan, y).astype(out_dtype)
    return y[()] if scalar else y


@lru_cache(maxsize=1024)
def _kink_table(name: str, items: tuple) -> tuple[tuple[float, float], ...]:
    from symact.numeric.kinks import exact_fraction, kink_values

    out = []
    for k, v in kink_values(get(name), dict(items)):
        fk = exact_fraction(k)
        if fk is None or Fraction(float(fk)) != fk:
            continue  # a kink no float can hit
        fv = exact_fraction(v)
        out.append((float(fk), float(fv) if fv is not None else float(v)))
    return tuple(out)


# -- the twin object --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Twin:
    """NumPy twin of one catalog entry: ``f(x, **params)``, ``df(x, **params)`` (and ``jvp`` for vectors)."""

    name: str
    kind: str  # "scalar" or "vector"
    _f: Callable = field(repr=False)
    _df: Callable = field(repr=False)
    _jvp: Callable | None = field(default=None, repr=False)
    defaults: dict = field(default_factory=dict)

    def f(self, x, **params):
        return self._f(x, **params)

    def df(self, x, **params):
        return self._df(x, **params)

    def jvp(self, x, v, **params):
        if self._jvp is None:
            raise TypeError(f"{self.name} is scalar: use df(x) * v")
        return self._jvp(x, v, **params)

    __call__ = f


def _items(kw: dict) -> tuple:
    """Keyword parameters as a hashable key (NumPy scalars as Python numbers)."""
    out = []
    for k, v in sorted(kw.items()):
        v = v.item() if isinstance(v, np.generic) else v
        try:
            hash(v)
        except TypeError:
            raise ParameterError(f"parameter {k!r} must be a number, not {type(v).__name__}") from None
        out.append((k, v))
    return tuple(out)


def _scalar_twin(name: str, f: Callable, df: Callable) -> Twin:
    def call_f(x, **kw):
        P = _params(name, _items(kw))
        x64, od, scalar = _prep(x)
        with np.errstate(all="ignore"):
            return _finish(f(x64, P), x64, od, scalar)

    def call_df(x, **kw):
        items = _items(kw)
        P = _params(name, items)
        x64, od, scalar = _prep(x)
        with np.errstate(all="ignore"):
            y = np.asarray(df(x64, P), dtype=np.float64)
            for k, v in _kink_table(name, items):
                y = np.where(x64 == k, v, y)
            return _finish(y, x64, od, scalar)

    entry = get(name)
    defaults = {p.name: float(_fraction(p.default)) for p in entry.params}
    call_f.__name__, call_df.__name__ = name, f"d_{name}"
    return Twin(name, "scalar", call_f, call_df, None, defaults)


# -- scalar formulas (x: float64 array, P: parameters) --------------------------------------------------
def _inf_fix(x, y, at_pos, at_neg):
    """Put the limits at ±inf where the finite formula would give inf*0 or inf-inf."""
    return np.where(x == np.inf, at_pos, np.where(x == -np.inf, at_neg, y))


def _ones(x):
    return np.ones_like(x)


def _zeros(x):
    return np.zeros_like(x)


# tanh series: x - tanh x = sum_{k>=1} c_k x^(2k+1), c_k = -2^(2n)(2^(2n)-1) B_(2n)/(2n)! for n = k+1
def _tanhshrink_coeffs(n_terms: int = 26) -> list[float]:
    import mpmath

    with mpmath.workdps(40):
        out = []
        for n in range(2, n_terms + 2):
            b = mpmath.bernoulli(2 * n)
            c = (2 ** (2 * n)) * (2 ** (2 * n) - 1) * b / mpmath.factorial(2 * n)
            out.append(float(-c))
    return out


_TS = _tanhshrink_coeffs()


def _tanhshrink(x, P):
    u = np.minimum(x * x, 0.36)
    acc = np.zeros_like(x)
    for c in reversed(_TS):
        acc = acc * u + c
    series = x * u * acc
    return np.where(np.abs(x) < 0.6, series, x - np.tanh(x))


def _sech2(x):
    e = np.exp(-2.0 * np.abs(x))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


def _softsign(x, P):
    return _inf_fix(x, x / (1.0 + np.abs(x)), 1.0, -1.0)


def _softsign_d(x, P):
    r = 1.0 / (1.0 + np.abs(x))
    return r * r


def _logsigmoid(x, P):
    return np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))


def _piecewise_linear(slope_name: str | None = None, const_slope: Callable | None = None):
    def f(x, P):
        a = const_slope(P) if const_slope else P[slope_name].f
        y = np.where(x < 0, a * x, x)
        return np.where((x == -np.inf) & (a == 0), 0.0, y)  # slope 0: the limit is 0, not 0 * inf

    def df(x, P):
        a = const_slope(P) if const_slope else P[slope_name].f
        return np.where(x < 0, a, 1.0)
    return f, df


def _rrelu_slope(P):
    return float((P["lower"].exact + P["upper"].exact) / 2)


def _elu(x, P):
    a = P["alpha"].f
    return np.where(x < 0, a * np.expm1(x), x)


def _elu_d(x, P):
    return np.where(x < 0, P["alpha"].f * np.exp(x), 1.0)


def _selu(x, P):
    a, s = P["alpha"].f, P["scale"].f
    return s * np.where(x < 0, a * np.expm1(x), x)


def _selu_d(x, P):
    a, s = P["alpha"].f, P["scale"].f
    return np.where(x < 0, s * a * np.exp(x), s)


def _celu(x, P):
    a = P["alpha"].f
    return np.where(x < 0, a * np.expm1(x / a), x)


def _celu_d(x, P):
    return np.where(x < 0, np.exp(x / P["alpha"].f), 1.0)


def _hardtanh(x, P):
    lo, hi = P["min_val"], P["max_val"]
    return np.where(_lt(x, lo), lo.f, np.where(_lt(x, hi), x, hi.f))


def _hardtanh_d(x, P):
    lo, hi = P["min_val"], P["max_val"]
    return np.where(_gt(x, lo) & _lt(x, hi), 1.0, 0.0)


def _hard_sigmoid(c: float, width: float):
    """clip((x + c)/width, 0, 1) with the breakpoints at -c, c (hardsigmoid: 3, 6; keras: 2.5, 5)."""
    def f(x, P):
        return np.where(x < -c, 0.0, np.where(x < c, (x + c) / width, 1.0))

    def df(x, P):
        return np.where((x > -c) & (x < c), 1.0 / width, 0.0)
    return f, df


def _hardswish(x, P):
    return np.where(x < -3.0, 0.0, np.where(x < 3.0, x * (x + 3.0) / 6.0, x))


def _hardswish_d(x, P):
    return np.where(x < -3.0, 0.0, np.where(x < 3.0, (2.0 * x + 3.0) / 6.0, 1.0))


def _softshrink(x, P):
    lam = P["lambd"]
    return np.where(_lt(x, _neg(lam)), x + lam.f, np.where(_le(x, lam), 0.0, x - lam.f))


def _neg(v: _Value) -> _Value:
    return _Value(-v.f, -v.exact)


def _shrink_d(x, P):
    lam = P["lambd"]
    return np.where(_lt(x, _neg(lam)) | _gt(x, lam), 1.0, 0.0)


def _hardshrink(x, P):
    lam = P["lambd"]
    return np.where(_lt(x, _neg(lam)) | _gt(x, lam), x, 0.0)


def _thresholded_relu(x, P):
    return np.where(_gt(x, P["theta"]), x, 0.0)


def _thresholded_relu_d(x, P):
    return np.where(_gt(x, P["theta"]), 1.0, 0.0)


def _gelu(x, P):
    return _inf_fix(x, x * S.std_normal_cdf(x), np.inf, -0.0)


def _gelu_d(x, P):
    # f' = Phi(x) + x phi(x); for x < 0 in Cody's tail form phi(x) (sqrt(pi/2) erfcx(|x|/sqrt2) + x)
    xc = np.clip(x, -1e4, 1e4)
    phi = S.exp_neg_half_sq(xc) * (1.0 / math.sqrt(2.0 * math.pi))
    u = np.abs(xc) * (1.0 / math.sqrt(2.0))
    big = u > S.THRESH
    tail = phi * (math.sqrt(math.pi / 2.0) * S.erfcx_large(np.where(big, u, 1.0)) + xc)
    direct = S.std_normal_cdf(xc) + xc * phi
    return np.where((xc < 0) & big, tail, direct)


_GT_C1 = math.sqrt(2.0 / math.pi)
_GT_C2 = 0.044715


def _gelu_tanh_t(xc):
    """2 z = 2 sqrt(2/pi) (x + 0.044715 x^3), so 1 + tanh z = 2 sigma(2 z)."""
    return 2.0 * _GT_C1 * (xc + _GT_C2 * (xc * xc * xc))


def _gelu_tanh(x, P):
    xc = np.clip(x, -100.0, 100.0)
    y = x * S.sigmoid(_gelu_tanh_t(xc))
    return _inf_fix(x, y, np.inf, -0.0)


def _gelu_tanh_d(x, P):
    xc = np.clip(x, -100.0, 100.0)
    t = _gelu_tanh_t(xc)
    dt = 2.0 * _GT_C1 * (1.0 + 3.0 * _GT_C2 * (xc * xc))
    return S.sigmoid(t) + xc * dt * S.sigmoid_prime(t)


def _silu(x, P):
    y = x * S.sigmoid(P["beta"].f * x)
    return _inf_fix(x, y, np.inf, -0.0)


def _silu_d(x, P):
    t = np.clip(P["beta"].f * x, -1e4, 1e4)
    s = S.sigmoid(t)
    return s + t * s * S.sigmoid(-t)


def _mish(x, P):
    e = np.exp(np.minimum(x, 20.0))
    n = e * (e + 2.0)
    y = np.where(x > 20.0, x, x * (n / (n + 2.0)))
    return _inf_fix(x, y, np.inf, -0.0)


def _mish_d(x, P):
    xc = np.clip(x, -1e4, 40.0)
    e = np.exp(xc)
    n = e * (e + 2.0)
    tanh_sp = n / (n + 2.0)
    sech2_sp = 4.0 * (n + 1.0) / ((n + 2.0) * (n + 2.0))
    y = tanh_sp + xc * sech2_sp * (e / (1.0 + e))
    return np.where(x > 40.0, 1.0, y)


def _softplus(x, P):
    b = P["beta"].f
    t = b * x
    y = np.where(t > 36.0, x, S.softplus0(t) / b)
    return np.where(x == np.inf, np.inf, y)


def _softplus_d(x, P):
    return S.sigmoid(P["beta"].f * x)


_hs_f, _hs_df = _hard_sigmoid(3.0, 6.0)
_hsk_f, _hsk_df = _hard_sigmoid(2.5, 5.0)

_SCALAR: dict[str, tuple[Callable, Callable]] = {
    "identity": (lambda x, P: x.copy(), lambda x, P: _ones(x)),
    "binary_step": (lambda x, P: np.where(x < 0, 0.0, 1.0), lambda x, P: _zeros(x)),
    "sigmoid": (lambda x, P: S.sigmoid(x), lambda x, P: S.sigmoid_prime(x)),
    "tanh": (lambda x, P: np.tanh(x), lambda x, P: _sech2(x)),
    "softsign": (_softsign, _softsign_d),
    "logsigmoid": (_logsigmoid, lambda x, P: S.sigmoid(-x)),
    "tanhshrink": (_tanhshrink, lambda x, P: np.tanh(x) ** 2),
    "relu": (lambda x, P: np.where(x < 0, 0.0, x), lambda x, P: np.where(x > 0, 1.0, 0.0)),
    "relu6": (lambda x, P: np.where(x < 0, 0.0, np.where(x < 6, x, 6.0)),
              lambda x, P: np.where((x > 0) & (x < 6), 1.0, 0.0)),
    "leaky_relu": _piecewise_linear("alpha"),
    "prelu": _piecewise_linear("alpha"),
    "rrelu": _piecewise_linear(const_slope=_rrelu_slope),
    "elu": (_elu, _elu_d),
    "selu": (_selu, _selu_d),
    "celu": (_celu, _celu_d),
    "thresholded_relu": (_thresholded_relu, _thresholded_relu_d),
    "hardtanh": (_hardtanh, _hardtanh_d),
    "hardsigmoid": (_hs_f, _hs_df),
    "hardsigmoid_keras": (_hsk_f, _hsk_df),
    "hardswish": (_hardswish, _hardswish_d),
    "gelu": (_gelu, _gelu_d),
    "gelu_tanh": (_gelu_tanh, _gelu_tanh_d),
    "silu": (_silu, _silu_d),
    "mish": (_mish, _mish_d),
    "softplus": (_softplus, _softplus_d),
    "softshrink": (_softshrink, _shrink_d),
    "hardshrink": (_hardshrink, _shrink_d),
}


# -- vector twins (last axis) -----------------------------------------------------------------------------
def _vec_prep(x):
    x64, od, _ = _prep(x)
    if x64.ndim == 0:
        raise ValueError("vector activations need at least a 1-d array (they act along the last axis)")
    return x64, od


def _shift(x):
    """(x - max) along the last axis, with the one-+inf row mapped to its limit and other +inf rows to NaN; a
    row with a NaN is NaN, and a length-1 row is [0] whatever its entry (softmax of one entry is 1)."""
    if x.shape[-1] == 1:
        return np.where(np.isnan(x), np.nan, 0.0)
    m = np.max(x, axis=-1, keepdims=True)
    posinf = x == np.inf
    npos = posinf.sum(axis=-1, keepdims=True)
    z = x - np.where(np.isfinite(m), m, 0.0)
    z = np.where(m == np.inf, np.where(npos == 1, np.where(posinf, 0.0, -np.inf), np.nan), z)
    return np.where((m == -np.inf) | np.isnan(m), np.nan, z)


def _softmax64(x):
    z = _shift(x)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)


def _log_softmax64(x):
    # z_max = 0 contributes exactly 1 to the sum: log(1 + rest) = log1p(rest) keeps log-sums near 1 accurate
    z = _shift(x)
    e = np.exp(z)
    top = np.arange(z.shape[-1]) == np.argmax(z, axis=-1)[..., None]
    rest = np.sum(np.where(top, 0.0, e), axis=-1, keepdims=True)
    return z - np.log1p(rest)


def _others(s):
    """sum_{j != i} s_j, summed directly (1 - s_i cancels when s_i is close to 1)."""
    n = s.shape[-1]
    return np.sum(s[..., None, :] * (1.0 - np.eye(n)), axis=-1)


def _vector_op(fn: Callable) -> Callable:
    """Wrap a float64 last-axis kernel: input checks, no warnings, result in the input's dtype."""
    def call(x, *more):
        x64, od = _vec_prep(x)
        more = [np.asarray(m, dtype=np.float64) for m in more]
        with np.errstate(all="ignore"):
            return np.asarray(fn(x64, *more)).astype(od)
    return call


def _softmax_jac64(x):
    s = _softmax64(x)
    J = -s[..., :, None] * s[..., None, :]
    idx = np.arange(s.shape[-1])
    J[..., idx, idx] = s * _others(s)
    return J


def _log_softmax_jac64(x):
    s = _softmax64(x)
    n = s.shape[-1]
    J = np.broadcast_to(np.eye(n), s.shape + (n,)) - s[..., None, :]
    idx = np.arange(n)
    J[..., idx, idx] = _others(s)
    return J


def _softmax_jvp64(x, v):
    s = _softmax64(x)
    return s * (v - np.sum(s * v, axis=-1, keepdims=True))


def _log_softmax_jvp64(x, v):
    return v - np.sum(_softmax64(x) * v, axis=-1, keepdims=True)


def _maxout(x):
    x64, od = _vec_prep(x)
    return np.max(x64, axis=-1).astype(od)


def _maxout_grad(x):
    x64, od = _vec_prep(x)
    n = x64.shape[-1]
    hot = (np.arange(n) == np.argmax(x64, axis=-1)[..., None]).astype(np.float64)
    hot = np.where(np.isnan(x64).any(axis=-1, keepdims=True), np.nan, hot)
    return hot.astype(od)


def _maxout_jvp(x, v):
    g = _maxout_grad(x)
    return np.sum(g.astype(np.float64) * np.asarray(v, dtype=np.float64), axis=-1).astype(g.dtype)


def _no_params(fn):
    def call(*args, **kw):
        if kw:
            raise ParameterError(f"this activation has no parameters (got {', '.join(kw)})")
        return fn(*args)
    return call


_VECTOR: dict[str, tuple[Callable, Callable, Callable]] = {
    "softmax": (_vector_op(_softmax64), _vector_op(_softmax_jac64), _vector_op(_softmax_jvp64)),
    "log_softmax": (_vector_op(_log_softmax64), _vector_op(_log_softmax_jac64), _vector_op(_log_softmax_jvp64)),
    "maxout": (_maxout, _maxout_grad, _maxout_jvp),
}


@lru_cache(maxsize=None)
def _build(name: str) -> Twin:
    entry = get(name)
    if isinstance(entry, VectorActivation):
        f, df, jvp = _VECTOR[name]
        return Twin(name, "vector", _no_params(f), _no_params(df), _no_params(jvp), {})
    f, df = _SCALAR[name]
    return _scalar_twin(name, f, df)


def twin(name: str) -> Twin:
    """The NumPy twin of a catalog entry (name or alias; raises UnknownActivationError otherwise)."""
    entry = get(name)
    if entry.name not in _SCALAR and entry.name not in _VECTOR:  # pragma: no cover - guarded by a test
        raise NotImplementedError(f"no NumPy twin for {entry.name}")
    return _build(entry.name)


def names() -> list[str]:
    return list(_SCALAR) + list(_VECTOR)

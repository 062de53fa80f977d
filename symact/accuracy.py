"""The accuracy standard: when is a floating-point result "right"?

Default standard (the README copies this text)
----------------------------------------------
A result ``r`` computed in a floating-point format (float16, float32, float64, bfloat16) at the input ``x``
that was actually passed (x is exact; errors made *before* the call are not the function's fault) passes when

    |r - y| <= max(B * ulp(y) * max(1, kappa(x)), tiny)

where

* ``y = f(x)`` is the exact value (from :mod:`symact.numeric.reference`, carried as a double-double so float64
  errors can be measured);
* ``ulp(y)`` is the spacing of the target format at ``y``: 2^(e-p+1) for 2^e <= |y| < 2^(e+1) (the spacing
  *above* a power of two), the smallest subnormal below the normal range, and ulp(max) beyond it;
* ``kappa(x) = |x f'(x) / f(x)|`` is the relative condition number, from the exact derivative (for a check of
  f' it is |x f''(x) / f'(x)|).  It lets an implementation lose what the problem itself loses: rounding the
  input by half an ulp moves y by kappa/2 ulps, e.g. sigmoid at x = -700 or softshrink just past lambd.
  When y = 0 exactly and x f'(x) != 0 (kappa = inf) the bound is the floor alone;
* ``tiny`` is the format's smallest positive normal number (absolute floor for results in the subnormal range
  and near zeros of f);
* ``B = 16`` by default (the budget).

A result equal to the correctly rounded ``y`` always passes.  Special values: NaN input must give NaN; a NaN
``y`` (no limit) must give NaN; a NaN result for a non-NaN ``y`` fails; at ±inf inputs ``y`` is the limit and
kappa = 1; an infinite ``y`` must be matched exactly (so must a finite y whose rounding overflows).  The sign of a
zero result is reported separately (``Report.zero_sign``) and is not a failure unless ``signed_zeros=True``.

Strict mode (``Standard(strict=True)``) sets kappa = 1 and drops the floor: |r - y| <= B * ulp(y).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mpmath
import numpy as np

from symact.numeric.fp import Format, fmt, round_mpf, split_dd

__all__ = ["ulp", "ulp_error", "tolerance", "Standard", "Report", "as_dd"]


def as_dd(y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Exact values as a double-double ``(hi, lo)`` pair of float64 arrays.

    Accepts such a pair (tuple), a float/array (lo = 0), an ``mpmath.mpf`` or a sequence/array of them."""
    if isinstance(y, tuple) and len(y) == 2:
        return np.asarray(y[0], dtype=np.float64), np.asarray(y[1], dtype=np.float64)
    if isinstance(y, mpmath.mpf):
        hi, lo = split_dd(y)
        return np.asarray(hi), np.asarray(lo)
    arr = np.asarray(y, dtype=object) if not isinstance(y, np.ndarray) else y
    if arr.dtype == object:
        pairs = [split_dd(v) if isinstance(v, mpmath.mpf) else (float(v), 0.0) for v in arr.ravel()]
        hi = np.array([p[0] for p in pairs], dtype=np.float64).reshape(arr.shape)
        lo = np.array([p[1] for p in pairs], dtype=np.float64).reshape(arr.shape)
        return hi, lo
    hi = np.asarray(arr, dtype=np.float64)
    return hi, np.zeros_like(hi)


def ulp(y: Any, dtype=np.float64, lo: Any = None) -> np.ndarray | float:
    """Spacing of ``dtype`` at ``y`` (see the module docs); ``lo`` refines a double-double value just below a
    power of two.  ``ulp(1.0, np.float32) == 2**-23``; ``ulp(0, dtype)`` is the smallest subnormal."""
    f = fmt(dtype)
    scalar = np.ndim(y) == 0 and not isinstance(y, mpmath.mpf)
    if isinstance(y, mpmath.mpf):
        hi, lo = split_dd(y)
        y = hi
    a = np.abs(np.asarray(y, dtype=np.float64))
    bits = a.view(np.int64)
    E = (bits >> 52) - 1023                      # the binade of a normal float64 (read off its bits)
    with np.errstate(all="ignore"):
        if lo is not None:                       # a power of two with a negative tail: the binade below
            below = ((bits & 0xFFFFFFFFFFFFF) == 0) & (
                np.asarray(lo, dtype=np.float64) * np.sign(np.asarray(y, dtype=np.float64)) < 0)
            E = E - (below & (a > f.tiny))
        # below the format's normal range (float64 subnormals and zero included): emin; beyond max, inf: emax
        # (every value above max lies in binade emax or higher)
        e = np.clip(E, f.emin, f.emax) - (f.p - 1)
        if f.emin - (f.p - 1) >= -1022:          # 2^e is a normal float64: written from its bits
            out = ((e + 1023) << 52).view(np.float64)
        else:
            out = np.ldexp(1.0, e.astype(np.int32))
        out = np.where(np.isnan(a), np.nan, out)
    return float(out) if scalar else out


def ulp_error(r: Any, y: Any, dtype=np.float64) -> np.ndarray | float:
    """Raw error |r - y| in ulps of ``dtype`` at ``y`` (y exact: mpf, float, array or (hi, lo) pair)."""
    if isinstance(y, mpmath.mpf) and np.ndim(r) == 0:
        f = fmt(dtype)
        if mpmath.isnan(y) or np.isnan(float(r)):
            return float("nan")
        diff = abs(mpmath.fsub(mpmath.mpf(float(r)), y, exact=True))
        yr = round_mpf(y, f)
        with mpmath.workprec(64):
            return float(diff / mpmath.mpf(ulp(yr if np.isfinite(yr) else f.max, f)))
    hi, lo = as_dd(y)
    r64 = np.asarray(r).astype(np.float64)
    with np.errstate(all="ignore"):
        err = np.abs((r64 - hi) - lo)
        out = err / ulp(hi, dtype, lo)
    return float(out) if np.ndim(out) == 0 else out


def tolerance(y: Any, kappa: Any = 1.0, dtype=np.float64, budget: float = 16.0, strict: bool = False,
              lo: Any = None, u: Any = None) -> np.ndarray | float:
    """The allowed absolute error at exact value ``y`` with condition number ``kappa`` (module docs); ``u`` is
    ``ulp(y, dtype, lo)`` when the caller has it already."""
    f = fmt(dtype)
    u = ulp(y, f, lo) if u is None else u
    with np.errstate(all="ignore"):
        if strict:
            out = budget * np.asarray(u)
        else:
            k = np.asarray(kappa, dtype=np.float64)
            if k.ndim or not np.isfinite(k):
                yy = np.asarray(y, dtype=np.float64)
                k = np.where(np.isnan(k), 1.0, k)
                k = np.where((yy == 0) & np.isinf(k), 1.0, k)
            out = np.maximum(budget * np.asarray(u) * np.maximum(1.0, k), f.tiny)
    return float(out) if np.ndim(out) == 0 else out


@dataclass
class Report:
    """Per-element outcome of :meth:`Standard.report`."""

    passed: np.ndarray          # bool, per element
    ulps: np.ndarray            # raw ulp error (nan where not meaningful, inf for wrong specials)
    allowed: np.ndarray         # allowed error in ulps at y (budget * max(1, kappa), or the floor)
    zero_sign: np.ndarray       # bool: r and rounded y are zeros of different sign
    special: np.ndarray         # bool: decided by a special-value rule (NaN / inf)

    @property
    def ok(self) -> bool:
        return bool(np.all(self.passed))

    @property
    def worst(self) -> float:
        finite = self.ulps[np.isfinite(self.ulps)]
        return float(finite.max()) if finite.size else 0.0

    def failures(self) -> np.ndarray:
        return np.flatnonzero(~self.passed.ravel())


@dataclass(frozen=True)
class Standard:
    """The accuracy standard: ``budget`` B (16), ``strict`` (kappa = 1, no floor), ``signed_zeros``."""

    budget: float = 16.0
    strict: bool = False
    signed_zeros: bool = False

    def report(self, x: Any, r: Any, y: Any, kappa: Any = 1.0, dtype=None) -> Report:
        r = np.asarray(r)
        dtype = r.dtype if dtype is None else dtype
        f: Format = fmt(dtype)
        x64 = np.asarray(x).astype(np.float64)
        hi, lo = as_dd(y)
        r64 = r.astype(np.float64)
        x64, r64, hi, lo = np.broadcast_arrays(x64, r64, hi, lo)
        kap = np.broadcast_to(np.asarray(kappa, dtype=np.float64), hi.shape)
        with np.errstate(all="ignore"):
            rounded = hi.astype(f.dtype).astype(np.float64)  # correctly rounded y (double rounding aside)
            kap = np.where(np.isinf(x64), 1.0, kap)
            nan_in = np.isnan(x64) | np.isnan(hi)
            special = nan_in | np.isnan(r64) | np.isinf(rounded) | np.isinf(r64)
            same = (r64 == rounded) | (np.isnan(r64) & np.isnan(rounded))
            err = np.abs((r64 - hi) - lo)
            u = ulp(hi, f, lo)
            tol = tolerance(hi, kap, f, self.budget, self.strict, lo, u)
            ulps = np.where(nan_in, np.where(np.isnan(r64), 0.0, np.inf), err / u)
            ulps = np.where(special & ~nan_in, np.where(same, 0.0, np.inf), ulps)
            finite_ok = (err <= tol) | same
            passed = np.where(special, same & (np.isnan(r64) == np.isnan(hi)), finite_ok)
            passed = np.where(nan_in, np.isnan(r64), passed)
            zero_sign = (r64 == 0) & (rounded == 0) & (np.signbit(r64) != np.signbit(rounded))
            if self.signed_zeros:
                passed = passed & ~zero_sign
            allowed = tol / u
        return Report(np.asarray(passed, dtype=bool), np.asarray(ulps), np.asarray(allowed),
                      np.asarray(zero_sign, dtype=bool), np.asarray(special, dtype=bool))

    def check(self, x: Any, r: Any, y: Any, kappa: Any = 1.0, dtype=None) -> np.ndarray:
        """Vectorised pass/fail per element (see the module docs for the rule and the special values)."""
        return self.report(x, r, y, kappa, dtype).passed


DEFAULT = Standard()

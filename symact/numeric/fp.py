"""Floating-point formats and exact rounding of mpmath numbers into them.

Everything here is exact: an mpmath ``mpf`` is ``(-1)^s * man * 2^exp`` with an integer mantissa, so rounding it
to a binary format with ``p`` significand bits is integer arithmetic (round half to even, gradual underflow,
overflow to infinity), never a double rounding through Python's ``float``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import mpmath
import numpy as np

try:  # bfloat16 is optional (ml_dtypes ships with JAX and TensorFlow)
    import ml_dtypes as _ml_dtypes
except ImportError:  # pragma: no cover - depends on the environment
    _ml_dtypes = None


@dataclass(frozen=True)
class Format:
    """A binary floating-point format: ``p`` significand bits (hidden bit included), normal exponents
    ``emin..emax``; ``dtype`` is the NumPy dtype that stores it."""

    name: str
    p: int
    emin: int
    emax: int
    dtype: np.dtype

    @property
    def max(self) -> float:
        return math.ldexp(2.0 - math.ldexp(1.0, 1 - self.p), self.emax)

    @property
    def tiny(self) -> float:
        """Smallest positive normal number."""
        return math.ldexp(1.0, self.emin)

    @property
    def min_subnormal(self) -> float:
        return math.ldexp(1.0, self.emin - self.p + 1)

    @property
    def eps(self) -> float:
        """Machine epsilon 2^(1-p): the spacing of the format just above 1."""
        return math.ldexp(1.0, 1 - self.p)


def supported_dtypes() -> list[np.dtype]:
    out = [np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)]
    if _ml_dtypes is not None:
        out.append(np.dtype(_ml_dtypes.bfloat16))
    return out


@lru_cache(maxsize=None)
def _format_cached(dtype: np.dtype) -> Format:
    if _ml_dtypes is not None and dtype == np.dtype(_ml_dtypes.bfloat16):
        info = _ml_dtypes.finfo(_ml_dtypes.bfloat16)
    elif dtype in (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64)):
        info = np.finfo(dtype)
    else:
        raise TypeError(f"unsupported floating-point dtype {dtype} (float16, float32, float64"
                        f"{', bfloat16' if _ml_dtypes is not None else ''})")
    return Format(str(dtype), int(info.nmant) + 1, int(info.minexp), int(info.maxexp) - 1, dtype)


def fmt(dtype) -> Format:
    """The :class:`Format` of a NumPy dtype (float16, float32, float64, bfloat16 when ml_dtypes is present)."""
    if isinstance(dtype, Format):
        return dtype
    if isinstance(dtype, str) and dtype == "bfloat16" and _ml_dtypes is not None:
        dtype = _ml_dtypes.bfloat16
    return _format_cached(np.dtype(dtype))


def round_mpf(v: mpmath.mpf, f: Format) -> float:
    """Round ``v`` to the nearest number of format ``f`` (ties to even), returned as a Python float
    (exact: every number of a supported format is a double).  Overflow gives ±inf; NaN gives NaN."""
    if not isinstance(v, mpmath.mpf):
        v = mpmath.mpf(v)
    if mpmath.isnan(v):
        return math.nan
    if mpmath.isinf(v):
        return math.inf if v > 0 else -math.inf
    sign, man, exp, bc = v._mpf_
    if man == 0:
        return 0.0
    man = int(man)
    top = exp + bc - 1  # v in [2^top, 2^(top+1))
    if top > f.emax:
        return -math.inf if sign else math.inf
    if top < f.emin - f.p:  # below half the smallest subnormal: rounds to zero
        return -0.0 if sign else 0.0
    q = max(top, f.emin) - (f.p - 1)  # exponent of the last significand bit kept
    if exp >= q:
        n, qq = man, exp
    else:
        shift = q - exp
        n = man >> shift
        rem = man & ((1 << shift) - 1)
        half = 1 << (shift - 1)
        if rem > half or (rem == half and n & 1):
            n += 1
        qq = q
    if n == 0:
        return -0.0 if sign else 0.0
    if n.bit_length() + qq - 1 > f.emax:
        return -math.inf if sign else math.inf
    out = math.ldexp(n, qq)
    return -out if sign else out


def split_dd(v: mpmath.mpf) -> tuple[float, float]:
    """Double-double (hi, lo): hi = v rounded to float64, lo = (v - hi) rounded to float64."""
    f64 = fmt(np.float64)
    hi = round_mpf(v, f64)
    if not math.isfinite(hi) or hi == 0.0:
        return hi, 0.0
    lo = round_mpf(mpmath.fsub(v, mpmath.mpf(hi), exact=True), f64)
    return hi, lo

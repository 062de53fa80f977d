"""Inputs that find the worst case: binade sweeps, points around kinks and thresholds, special values,
exhaustive enumeration of 16-bit formats, and Hypothesis strategies.

All generators return float64 arrays whose values are exactly representable in the audited format.
"""
from __future__ import annotations

import math
from typing import Iterable, Iterator

import numpy as np

from symact.audit.dtypes import Format, get_format, round_to

#: default sweep density (points per binade and sign) per format, scaled by ``effort``
DENSITY = {"float16": 32, "bfloat16": 12, "float32": 16, "float64": 3}
#: float64's binades are many; the central ones (|x| in [2^-40, 2^40]) get this many points each
CENTRAL_DENSITY = 12


def neighbours(x: float, fmt: Format, k: int = 2) -> np.ndarray:
    """``x`` rounded to ``fmt`` and its ``k`` neighbours on each side (steps of one ULP of the format)."""
    c = float(round_to(np.array([x]), fmt)[0])
    if not math.isfinite(c):
        return np.array([])
    out = [c]
    up = down = c
    for _ in range(k):
        up = _step(up, fmt, +1)
        down = _step(down, fmt, -1)
        out += [up, down]
    out = np.array([v for v in out if math.isfinite(v)])
    return out


def _step(v: float, fmt: Format, direction: int) -> float:
    """The next number of ``fmt`` after ``v`` towards ``direction * inf``."""
    u = float(fmt.ulp(np.array([v]))[0])
    # going down across a power of two the spacing halves
    if direction < 0 and v > 0 and math.frexp(v)[0] == 0.5 and abs(v) > fmt.tiny:
        u /= 2
    if direction > 0 and v < 0 and math.frexp(-v)[0] == 0.5 and abs(v) > fmt.tiny:
        u /= 2
    r = v + direction * u
    return r if abs(r) <= fmt.max else math.copysign(math.inf, r)


def binade_sweep(fmt, per_binade: int | None = None, effort: float = 1.0) -> np.ndarray:
    """Both signs of ``per_binade`` evenly spaced significands in every binade, normal and subnormal."""
    fmt = get_format(fmt)
    n = max(2, int(round((per_binade or DENSITY[fmt.name]) * effort)))
    sig = np.unique(np.concatenate([np.linspace(1.0, 2.0, n, endpoint=False), [2.0 - fmt.eps]]))
    exps = np.arange(fmt.emin - fmt.precision + 1, fmt.emax + 1)
    pos = [np.ldexp(sig, e) for e in exps]
    if fmt.name == "float64":
        dense = np.unique(np.concatenate([np.linspace(1.0, 2.0, int(CENTRAL_DENSITY * effort) or 2, endpoint=False)]))
        pos += [np.ldexp(dense, e) for e in range(-40, 41)]
    pos = np.concatenate(pos)
    pos = pos[(pos <= fmt.max)]
    pos = round_to(pos, fmt)
    pos = pos[np.isfinite(pos) & (pos > 0)]
    return np.unique(np.concatenate([-pos, [0.0], pos]))


def special_points(fmt) -> np.ndarray:
    """±0, the smallest subnormal, the smallest normal, the largest finite values and their neighbours."""
    fmt = get_format(fmt)
    vals = [fmt.subnormal_min, 2 * fmt.subnormal_min, fmt.tiny - fmt.subnormal_min, fmt.tiny, fmt.max,
            _step(fmt.max, fmt, -1), 1.0, 0.5, 2.0, fmt.eps, 1 - fmt.eps / 2, 1 + fmt.eps]
    vals = np.array(vals)
    return np.unique(np.concatenate([-vals, [-0.0, 0.0], vals]))


def boundary_points(fmt, breakpoints: Iterable[float] = (), scale: float = 1.0, k: int = 3) -> np.ndarray:
    """Points around the function's breakpoints (kinks, jumps) and around the thresholds where naive code
    overflows, underflows or switches branches: log(max), log(tiny), log(smallest subnormal) of the format and
    of float32/float64 (code often computes in a wider type), sqrt and cbrt of max (x^2, x^3 overflow), the
    float-epsilon scales, and the customary cut-offs 20 (torch softplus threshold), 15, 30, 36.7, 37, 40, 88.7,
    709.8 -- each divided by ``scale`` (e.g. softplus beta) and taken with both signs and ``k`` ULPs around."""
    fmt = get_format(fmt)
    marks: list[float] = []
    for f in {fmt.name: fmt, "float32": get_format("float32"), "float64": get_format("float64")}.values():
        for v in (math.log(f.max), math.log(f.tiny), math.log(f.subnormal_min), math.sqrt(f.max), f.max ** (1 / 3),
                  math.log(2 / f.eps), math.sqrt(f.eps), f.eps ** (1 / 3), f.eps, 1 / f.eps):
            marks.append(v)
    marks += [20.0, 15.0, 30.0, 36.7, 37.0, 40.0, 50.0, 88.7, 709.8, 1e-3, 1e-2, 0.1, 0.5, 1.0, 2.0, 3.0, 6.0]
    out = []
    for m in marks:
        for v in {m, m / scale} if scale not in (0, 1) else {m}:
            for s in (1.0, -1.0):
                if abs(v) <= fmt.max:
                    out.append(neighbours(s * v, fmt, k))
    for b in breakpoints:
        if math.isfinite(b) and abs(b) <= fmt.max:
            out.append(neighbours(b, fmt, k + 3))
    pts = np.concatenate(out) if out else np.array([])
    return np.unique(pts[np.isfinite(pts)])


def exhaustive(fmt) -> np.ndarray:
    """Every finite value of a 16-bit format (float16: 63488, bfloat16: 65280 values besides inf/NaN)."""
    fmt = get_format(fmt)
    bits = np.arange(1 << 16, dtype=np.uint32)
    if fmt.name == "float16":
        vals = bits.astype(np.uint16).view(np.float16).astype(np.float64)
    elif fmt.name == "bfloat16":
        with np.errstate(invalid="ignore"):
            vals = (bits << 16).astype(np.uint32).view(np.float32).astype(np.float64)
    else:
        raise ValueError("exhaustive enumeration is for float16 and bfloat16; use exhaustive_chunks for float32")
    return vals[np.isfinite(vals)]


def exhaustive_chunks(fmt, chunk: int = 1 << 22, patterns: range = range(1 << 32)) -> Iterator[np.ndarray]:
    """All finite values of float16/bfloat16/float32 in chunks (float32: the bit patterns in ``patterns``,
    by default all 2^32, ``chunk`` patterns per chunk)."""
    fmt = get_format(fmt)
    if fmt.name != "float32":
        yield exhaustive(fmt)
        return
    for start in range(patterns.start, patterns.stop, chunk):
        stop = min(start + chunk, patterns.stop)
        bits = np.arange(stop - start, dtype=np.uint32) + np.uint32(start)
        with np.errstate(invalid="ignore"):
            vals = bits.view(np.float32).astype(np.float64)
        # infinities and NaNs: exponent 0xff, the patterns 0x7f800000-0x7fffffff and 0xff800000-0xffffffff
        if any(start < b and stop > a for a, b in ((0x7F800000, 0x80000000), (0xFF800000, 1 << 32))):
            vals = vals[np.isfinite(vals)]
        yield vals


def audit_points(fmt, breakpoints: Iterable[float] = (), scale: float = 1.0, effort: float = 1.0) -> np.ndarray:
    """The deterministic input set of a value audit: sweep + specials + boundaries (finite, sorted, unique)."""
    fmt = get_format(fmt)
    pts = np.concatenate([binade_sweep(fmt, effort=effort), special_points(fmt),
                          boundary_points(fmt, breakpoints, scale)])
    pts = pts[np.isfinite(pts)]
    # keep -0.0 and 0.0 both: unique() merges them, so add -0.0 back
    pts = np.unique(pts)
    return np.concatenate([pts, [-0.0]])


# -- Hypothesis ----------------------------------------------------------------------------------------------
def floats(dtype="float32", allow_nan: bool = False, allow_infinity: bool = False, min_value=None, max_value=None):
    """A Hypothesis strategy for values of ``dtype`` (returned as Python floats, exactly representable)."""
    from hypothesis import strategies as st

    fmt = get_format(dtype)
    width = {"float16": 16, "float32": 32, "float64": 64, "bfloat16": 32}[fmt.name]
    base = st.floats(width=width, allow_nan=allow_nan, allow_infinity=allow_infinity,
                     min_value=min_value, max_value=max_value)
    if fmt.name == "bfloat16":
        def to_bf16(v: float) -> float:
            r = float(round_to(np.array([v]), fmt)[0])
            return r if (allow_infinity or math.isfinite(r)) and (math.isnan(r) <= allow_nan) else math.copysign(fmt.max, v)

        base = base.map(to_bf16)
    return base


def arrays(dtype="float32", min_size: int = 1, max_size: int = 64, **kw):
    """Lists of :func:`floats` as float64 NumPy arrays (values representable in ``dtype``)."""
    from hypothesis import strategies as st

    return st.lists(floats(dtype, **kw), min_size=min_size, max_size=max_size).map(
        lambda v: np.array(v, dtype=np.float64))

"""Where failing inputs are: runs of adjacent binades along the real line that hold any.

A binade index is ``(sign << ebits) | biased exponent`` of the format (for float32 the top 9 bits of the
bit pattern; 0 holds the zeros and subnormals).  The exhaustive check counts its failing inputs per binade
over all 2^32 inputs; the sampled checks (``values``, ``derivative``) count theirs over the points they
judged, and show the worst inputs of every run, so that a second failing region (softplus' underflow as well
as its overflow) is never hidden behind the worst one.
"""
from __future__ import annotations

import numpy as np

from symact.audit.dtypes import Format, get_format

#: failing ranges listed in the report (the rest are counted)
MAX_RANGES = 8
#: worst inputs shown per failing range
PER_RANGE = 2


def ebits(fmt: Format) -> int:
    """Exponent bits of the format (float16 5, bfloat16 and float32 8, float64 11)."""
    return (1 - fmt.emin).bit_length() + 1


def binades(xs: np.ndarray, fmt: Format) -> np.ndarray:
    """The binade index of every value of ``xs`` (finite, representable in ``fmt``)."""
    bits = ebits(fmt)
    a = np.abs(xs)
    _, ex = np.frexp(a)
    e = np.where(a < fmt.tiny, 0, np.clip(ex - 1 - fmt.emin + 1, 1, (1 << bits) - 2))
    return (np.signbit(xs).astype(np.int64) << bits) | e.astype(np.int64)


def _runs(counts: np.ndarray, bits: int) -> list[list[int]]:
    top = (1 << bits) - 2
    order = [(1 << bits) | e for e in range(top, -1, -1)] + list(range(top + 1))   # -max ... -0, +0 ... +max
    runs: list[list[int]] = []
    for k, i in enumerate(order):
        if counts[i]:
            if runs and runs[-1][-1] == order[k - 1]:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def _bounds(i: int, fmt: Format) -> tuple[float, float]:
    bits = ebits(fmt)
    e = i & ((1 << bits) - 1)
    with np.errstate(over="ignore"):                  # the top float64 binade ends at inf
        lo, hi = (0.0, fmt.tiny) if e == 0 else (float(np.ldexp(1.0, e - 1 + fmt.emin)),
                                                 float(np.ldexp(1.0, e + fmt.emin)))
    return (-hi, -lo) if i >> bits else (lo, hi)


def failing_ranges(by_binade: np.ndarray, sizes: np.ndarray | None = None, fmt: Format | str = "float32") -> list[str]:
    """One line per run of binades with failing inputs: its bounds, its failing count and its number of
    inputs (``sizes`` per binade; default every value of the format, 2^(precision-1) a binade); at most
    :data:`MAX_RANGES` lines and one counting the rest."""
    fmt = get_format(fmt)
    runs = _runs(by_binade, ebits(fmt))
    lines = []
    for run in runs[:MAX_RANGES]:
        a, b = _bounds(run[0], fmt)[0], _bounds(run[-1], fmt)[1]
        fail = int(by_binade[run].sum())
        size = int(sizes[run].sum()) if sizes is not None else len(run) << (fmt.precision - 1)
        lines.append(f"failing inputs in {'(' if a < 0 else '['}{a:.6g}, {b:.6g}{')' if b > 0 else ']'}: "
                     f"{fail} of {size} ({100 * fail / size:.3g}%)")
    if len(runs) > MAX_RANGES:
        lines.append(f"... and {len(runs) - MAX_RANGES} more ranges with failing inputs")
    return lines


def worst_by_range(xs: np.ndarray, err: np.ndarray, bad: np.ndarray, fmt: Format) -> tuple[np.ndarray, list[str]]:
    """(indices of the :data:`PER_RANGE` worst failing points of each of the first :data:`MAX_RANGES` failing
    ranges, worst first; the lines of :func:`failing_ranges` over the points ``xs`` judged)."""
    size = 2 << ebits(fmt)
    where = binades(xs, fmt)
    failing = np.bincount(where[bad], minlength=size)
    judged = np.bincount(where, minlength=size)
    idx = np.flatnonzero(bad)
    ranked = idx[np.argsort(-np.nan_to_num(err[idx], nan=np.inf, posinf=np.inf), kind="stable")]
    picked: list[int] = []
    for run in _runs(failing, ebits(fmt))[:MAX_RANGES]:
        inside = ranked[np.isin(where[ranked], run)]
        picked += list(inside[:PER_RANGE])
    picked.sort(key=lambda i: -np.nan_to_num(err[i], nan=np.inf, posinf=np.inf))
    return np.array(picked, dtype=np.int64), failing_ranges(failing, judged, fmt)

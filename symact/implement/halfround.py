"""float16 and bfloat16: the inputs whose float64 value cannot be rounded once to the format safely, with their
correctly rounded values (the module's ``_EXACT`` table).

A 16-bit module computes in float64 and rounds once, but the float64 value is itself a rounding of the exact
one: where it lies within its error of a midpoint of the format (a rounding boundary) the two roundings can
disagree.  That happens: bfloat16 GELU, SiLU and hardswish are x/2 + c x^2 near 0, and for a subnormal x
with an odd last bit x/2 is a midpoint while c x^2 (2^-130 of it) is lost in float64.  The 16-bit formats have
65,536 inputs, so the generator evaluates each function (its NumPy float64 code) on every finite one and puts
into the table every input whose float64 value lies within 2^-40 of a midpoint (relative; the other targets'
float64 libraries differ from NumPy's by far less) and, for a catalog entry, every input where the rounded
float64 value differs from the certified reference's correct rounding
(:func:`symact.audit.reference.oracle.rounded`).  The table's values are certified roundings (for an
expression: :func:`symact.numeric.reference.certain` at rising precision).  A kink's convention is kept.
"""
from __future__ import annotations

from types import ModuleType
from typing import Callable

import numpy as np
import sympy as sp

from symact.catalog.registry import X
from symact.implement.plan import Part, Plan

#: relative distance of a float64 value from a rounding boundary of the format below which its input is in the table
NEAR = 2.0 ** -40


def exact_tables(plan: Plan, dtype: str, float64: Callable[[], ModuleType]) -> dict[str, tuple[list, list]]:
    """part name -> (sorted inputs, their correctly rounded values) for every part with such inputs (kept in
    ``plan.boundaries``: every target's module uses the same); ``float64()`` is the plan's NumPy float64
    module."""
    if dtype not in plan.boundaries:
        plan.boundaries[dtype] = _tables(plan, dtype, float64())
    return plan.boundaries[dtype]


def _tables(plan: Plan, dtype: str, module: ModuleType) -> dict[str, tuple[list, list]]:
    from symact.audit.dtypes import get_format, round_to
    from symact.audit.inputs import exhaustive

    fmt = get_format(dtype)
    xs = exhaustive(fmt)
    tables = {}
    for order, part in enumerate(plan.parts):
        with np.errstate(all="ignore"):
            r = np.asarray(getattr(module, part.name)(xs), dtype=np.float64)
        ulp = fmt.ulp(r)
        off = np.abs(np.abs(r) / ulp % 1.0 - 0.5) * ulp  # the distance from the nearest midpoint
        pick = np.isfinite(r) & (off <= NEAR * np.abs(r)) & (xs != 0)
        want = None
        if plan.params is not None:
            from symact.audit.reference.oracle import rounded
            from symact.catalog import get

            want = rounded(get(plan.name), xs, fmt.name, plan.params, order)
            pick |= (round_to(r, fmt) != want) & np.isfinite(want)
        pick &= ~_conventions(part, xs)
        idx = np.flatnonzero(pick)
        idx = idx[np.argsort(xs[idx])]
        if idx.size:
            values = want[idx] if want is not None else _certified(plan.expr, order, xs[idx], dtype)
            tables[part.name] = (xs[idx].tolist(), values.tolist())
    return tables


def _conventions(part: Part, xs: np.ndarray) -> np.ndarray:
    """The inputs where ``part`` uses a convention (a kink of f'): no exact value to round there."""
    out = np.zeros(xs.shape, bool)
    for b in part.branches:
        if b.kind == "convention":
            out |= xs == float(b.lo)
    return out


def _certified(expr: sp.Expr, order: int, xs: np.ndarray, dtype: str) -> np.ndarray:
    from symact.numeric.fp import fmt, round_mpf
    from symact.numeric.mpcompile import compile_mp
    from symact.numeric.reference import certain

    f = fmt(dtype)
    g = compile_mp(sp.diff(expr, X) if order else expr, [X])
    return np.array([round_mpf(certain(lambda v: g([v]), float(x), f), f) for x in xs])

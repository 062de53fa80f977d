"""float16 and bfloat16: the inputs whose float64 value cannot be rounded once to the format safely, with their
correctly rounded values (the module's ``_EXACT`` table).

A 16-bit module computes in float64 and rounds once, but the float64 value is itself a rounding of the exact
one: where it lies within its error of a midpoint of the format (a rounding boundary) the two roundings can
disagree.  That happens: bfloat16 GELU, SiLU and hardswish are x/2 + c x^2 near 0, and for a subnormal x
with an odd last bit x/2 is a midpoint while c x^2 (2^-130 of it) is lost in float64.  An expression (``--expr``),
computed as written, can be far off anywhere (log(1 + exp(x)) overflows from x = 710).  The 16-bit formats have
65,536 inputs, so the generator evaluates each function on every one (its NumPy float64 code, and the target's own
16-bit module without the table, run here where its library can be imported) and compares the results with the
certified reference's correct rounding (a catalog entry: :func:`symact.audit.reference.oracle.rounded`; an
expression: :func:`symact.audit.reference.oracle.rounded_expression`, arb balls where the vectorised enclosures
leave it open, and its limits at +-inf): the table holds every input where one differs, and every input whose
float64 value lies within 2^-40 (relative) of a midpoint (a margin for other machines' float64 libraries), with
its correctly rounded value.  A kink's convention is kept; an input where the exact value is undefined (NaN) is
not in the table.
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


def exact_tables(plan: Plan, dtype: str, target: str, float64: Callable[[], ModuleType],
                 own: Callable[[], ModuleType | None]) -> tuple[dict[str, tuple[list, list]], bool]:
    """(part name -> (sorted inputs, their correctly rounded values) for every part with such inputs, whether the
    target's own module was compared), kept in ``plan.boundaries`` per format and target; ``float64()`` is the
    plan's NumPy float64 module, ``own()`` the target's 16-bit module without the table (None: its library cannot
    be imported here)."""
    if (dtype, target) not in plan.boundaries:
        plan.boundaries[dtype, target] = _tables(plan, dtype, target, float64(), own())
    return plan.boundaries[dtype, target]


def _tables(plan: Plan, dtype: str, target: str, module: ModuleType,
            own: ModuleType | None) -> tuple[dict[str, tuple[list, list]], bool]:
    from symact.audit.dtypes import get_format, round_to
    from symact.audit.inputs import exhaustive

    fmt = get_format(dtype)
    finite = exhaustive(fmt)
    xs = np.concatenate([[-np.inf], finite, [np.inf]])
    tables = {}
    for order, part in enumerate(plan.parts):
        with np.errstate(all="ignore"):
            r = np.asarray(getattr(module, part.name)(xs), dtype=np.float64)
            ulp = fmt.ulp(r)
            off = np.abs(np.abs(r) / ulp % 1.0 - 0.5) * ulp  # the distance from the nearest midpoint
            near = np.isfinite(r) & (off <= NEAR * np.abs(r)) & (xs != 0)
        if (dtype, order) not in plan.references:
            want = np.concatenate([[np.nan], _reference(plan, order, finite, dtype), [np.nan]])
            # a catalog entry's branches give its limits; an expression as written may not.  SymPy's limit treats
            # x as complex (log x -> oo as x -> -oo): taken only where the function is defined at the last input
            ends = ((0, np.argmin(finite) + 1, -1), (-1, np.argmax(finite) + 1, 1))
            for at, beside, direction in ends if plan.params is None else ():
                if not np.isnan(want[beside]):
                    want[at] = _limit(plan.expr, order, direction, dtype)
            plan.references[dtype, order] = want
        want = plan.references[dtype, order]
        wrong = round_to(r, fmt) != want
        if own is not None:
            wrong |= _outputs(getattr(own, part.name), xs, target, dtype) != want
        pick = (near | wrong) & ~np.isnan(want) & ~_conventions(part, xs)
        idx = np.flatnonzero(pick)
        idx = idx[np.argsort(xs[idx])]
        if idx.size:
            tables[part.name] = (xs[idx].tolist(), want[idx].tolist())
    return tables, own is not None


def _outputs(fn: Callable, xs: np.ndarray, target: str, dtype: str) -> np.ndarray:
    """A generated 16-bit function of ``target`` at ``xs`` (float64 values of ``dtype`` numbers), as float64 (JAX:
    under ``jax.jit``, as the modules are meant to run)."""
    from symact.numeric.fp import fmt

    with np.errstate(all="ignore"):
        if target == "numpy":
            return np.asarray(fn(xs.astype(fmt(dtype).dtype)), dtype=np.float64)
        if target == "torch":
            import torch

            return fn(torch.tensor(xs).to(getattr(torch, dtype))).detach().double().numpy()
        import jax

        return np.asarray(jax.jit(fn)(jax.numpy.asarray(xs.astype(fmt(dtype).dtype)))).astype(np.float64)


def _reference(plan: Plan, order: int, xs: np.ndarray, dtype: str) -> np.ndarray:
    """The certified correct rounding of part ``order`` (f or f') of the plan at every one of ``xs``."""
    if plan.params is not None:
        from symact.audit.reference.oracle import rounded
        from symact.catalog import get

        return rounded(get(plan.name), xs, dtype, plan.params, order)
    from symact.audit.reference.oracle import rounded_expression

    return rounded_expression(sp.diff(plan.expr, X) if order else plan.expr, xs, dtype)


def _limit(expr: sp.Expr, order: int, direction: int, dtype: str) -> float:
    """The correct rounding to ``dtype`` of the limit of ``expr`` (``order`` 1: of its derivative) as x -> direction
    * oo: SymPy's limit (5 CPU seconds at most), rounded through a 256-bit arb ball whose ends round alike; NaN
    where there is none (no limit, not found in time, or not certainly rounded)."""
    from symact.budget import run_with_budget
    from symact.interval import arb_constant
    from symact.numeric.fp import fmt, round_mpf
    from symact.audit.reference.oracle import arb_to_mpf

    e = sp.diff(expr, X) if order else expr
    try:
        done, value = run_with_budget(lambda: sp.limit(e, X, direction * sp.oo), 5.0)
    except Exception:  # noqa: BLE001 - SymPy raises many types: no limit known
        return np.nan
    if not done or not isinstance(value, sp.Expr) or not value.is_extended_real:
        return np.nan
    if value.is_infinite:
        return float(value)
    try:
        ball = arb_constant(value, 256)
    except Exception:  # noqa: BLE001 - a constant arb cannot enclose: no value
        return np.nan
    ends = [round_mpf(arb_to_mpf(end), fmt(dtype)) for end in (ball.lower(), ball.upper())]
    return ends[0] if ends[0] == ends[1] else np.nan


def _conventions(part: Part, xs: np.ndarray) -> np.ndarray:
    """The inputs where ``part`` uses a convention (a kink of f'): no exact value to round there."""
    out = np.zeros(xs.shape, bool)
    for b in part.branches:
        if b.kind == "convention":
            out |= xs == float(b.lo)
    return out

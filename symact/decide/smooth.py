"""Where monotonicity arguments apply: the conditions under which an expression is real and smooth."""
from __future__ import annotations

import sympy as sp

from symact.decide.context import Context
from symact.decide.pattern import Undecided
from symact.decide.structure import structural_sign
from symact.functions import REGISTRY


#: the kernel's functions that are C-infinity on all of R
_SMOOTH_HEADS = tuple(f.head for f in REGISTRY.values() if f.kernel and f.smooth and f.domain is None)
#: those C-infinity where the argument lies above the lower end of their domain: log, LambertW, acosh
_ABOVE = {f.head: f.domain[0] for f in REGISTRY.values()
          if f.kernel and f.smooth and f.domain is not None and f.domain[1] is None}


def smoothness_obligations(expr: sp.Expr, var: sp.Symbol) -> list[tuple[sp.Expr, str]]:
    """What must hold on an interval for ``expr`` to be real and infinitely differentiable there.

    Returns (g, '>0') and (g, '!=0') conditions: bases of fractional powers and arguments of log positive,
    denominators nonzero.  Raises Undecided for a function not known to be smooth (tan, floor, ...): the
    sign engine's monotonicity arguments need f continuous and differentiable on each stretch.
    """
    out: list[tuple[sp.Expr, str]] = []

    def walk(e: sp.Expr) -> None:
        if var not in e.free_symbols:
            return
        if e.is_Symbol:
            return
        if e.is_Add or e.is_Mul:
            for a in e.args:
                walk(a)
            return
        if e.is_Pow:
            base, ex = e.args
            if ex.is_Integer:
                if ex < 0:
                    out.append((base, "!=0"))
                walk(base)
                return
            if var in ex.free_symbols and var not in base.free_symbols and base.is_positive:
                walk(ex)
                return
            out.append((base, ">0"))
            walk(base)
            walk(ex)
            return
        if type(e) in _ABOVE and len(e.args) == 1:
            out.append((e.args[0] - _ABOVE[type(e)], ">0"))
            walk(e.args[0])
            return
        if isinstance(e, _SMOOTH_HEADS):
            walk(e.args[0])
            return
        raise Undecided(f"{e.func.__name__} is not known to be smooth, so monotonicity arguments do not apply")

    walk(sp.sympify(expr, strict=True))
    return out


def smooth_everywhere(expr: sp.Expr, var: sp.Symbol) -> bool:
    """A cheap structural proof that ``expr`` is real and C-infinity on all of R: every smoothness obligation
    holds because its expression is positive by structure or by SymPy's assumptions (False: not shown)."""
    try:
        obligations = smoothness_obligations(expr, var)
    except Undecided:
        return False
    return all(structural_sign(g, var) == "+" or bool(g.is_positive) for g, _ in obligations)


def check_smooth(expr: sp.Expr, interval: sp.Interval, ctx: Context) -> list[str]:
    """Prove the smoothness obligations of ``expr`` on the open interval; returns the reasons, or raises."""
    lo, hi = interval.inf, interval.sup
    notes = []
    for g, kind in smoothness_obligations(expr, ctx.var):
        if kind == ">0" and structural_sign(g, ctx.var) == "+":
            continue
        from symact.decide.analyze import pattern  # the engine calls back into this module's callers

        p = pattern(g, lo, hi, ctx)
        inner = [z for z in p.zeros if not (z.exact is not None and (
            (z.exact == lo and interval.left_open) or (z.exact == hi and interval.right_open)))]
        if p.identically_zero or inner:
            raise Undecided(f"{sp.sstr(g)} vanishes inside {interval}, where the expression is singular")
        if kind == ">0" and any(s < 0 for k, s in enumerate(p.signs) if not p.gap_is_empty(k)):
            raise Undecided(f"{sp.sstr(g)} is negative somewhere in {interval}, where the expression is not real")
        notes.append(f"{sp.sstr(g)} {'> 0' if kind == '>0' else '!= 0'} inside {interval}")
    return notes

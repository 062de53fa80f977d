"""Where f switches from one smooth piece to another (the breakpoints the audit tests around and does not judge f'
at), and f's one-sided derivatives at its kinks (the range a derivative convention there must lie in).

Exact where SymPy solves every switch condition (:func:`symact.calculus.breakpoints`); otherwise by certified
isolation (:func:`symact.interval.isolate_roots`) of the zeros of every switch expression (Max/Min argument
differences, Abs/sign/Heaviside arguments, ``lhs - rhs`` of Piecewise conditions) on [-2^8, 2^8], beyond which
the kernel proves each switch expression of one sign: Max(0, tanh(x) - x/4) switches at 0 exactly and at
+-3.9973..., which SymPy's solve does not find.  Where they cannot all be located (a zero not separated, a tail
not proved), :class:`Unlocated` says why: no derivative value can then be expected anywhere (a kink may lie at
any input).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import sympy as sp

from symact import calculus
from symact.catalog.registry import X

#: the switch expressions' zeros are isolated on [-CORE, CORE]; beyond it, the kernel proves their sign constant
CORE = 2 ** 8
#: CPU seconds for the isolation of one switch expression, and for each of the kernel's claims on the tails
BUDGET_S, CLAIM_S = 5.0, 2.0


class Unlocated(Exception):
    """The switch points could not all be located with certainty (the message says why)."""


@dataclass
class Switches:
    """``points``: the float64 inputs at or next to a switch point (a breakpoint); ``sides``: ``{point: (left
    derivative, right derivative)}`` at each kink; ``enclosed``: ``{point: (f' left of it, f' right of it)}`` (the
    formulas of the pieces beside it) for the points that are only the float64 nearest an irrational switch point
    (f' exists there); ``unlocated``: why the switch points are not known ("" when they are)."""

    points: list[float] = field(default_factory=list)
    sides: dict[float, tuple[float, float]] = field(default_factory=dict)
    enclosed: dict[float, tuple[sp.Expr, sp.Expr]] = field(default_factory=dict)
    unlocated: str = ""


def switches(f: sp.Expr) -> Switches:
    """The switch points of ``f`` (see the module docs); never raises."""
    try:
        points = {as_float(b) for b in calculus.breakpoints(f)}
        sides = {as_float(k): (as_float(a), as_float(b)) for k, (a, b) in calculus.one_sided_derivatives(f).items()}
    except Exception:  # noqa: BLE001 - a condition SymPy does not solve: isolate its zeros instead
        try:
            return _isolated(f)
        except Unlocated as exc:
            return Switches(unlocated=str(exc))
        except Exception as exc:  # noqa: BLE001 - a switch expression the isolation or the kernel cannot read
            return Switches(unlocated=f"{sp.sstr(f)}: {exc}")
    return Switches(sorted(p for p in points if math.isfinite(p)), sides)


def _isolated(f: sp.Expr) -> Switches:
    """The switch points by certified isolation (module docs), with f' just beside each on both sides."""
    from symact.interval import isolate_roots
    from symact.interval.bisect import switch_expressions

    switching = switch_expressions(f)
    if switching is None:
        raise Unlocated(f"a condition of {sp.sstr(f)} is no sign of an expression")
    found = []  # (lo, hi) of every zero, exact or an enclosure far narrower than float64's spacing
    for g in switching:
        if X not in g.free_symbols:
            continue
        for r in isolate_roots(g, X, -CORE, CORE, rtol=1e-20, budget_s=BUDGET_S):
            if not (r.unique and (r.exact or r.converged)):
                raise Unlocated(f"the zeros of {sp.sstr(g)} could not be separated near {float(r.lo):g}")
            found.append((r.lo, r.hi))
        for tail in (f"x >= {CORE}", f"x <= {-CORE}"):
            if not any(_proved(f"{sp.sstr(g)} {sign} 0 for {tail}") for sign in (">", "<")):
                raise Unlocated(f"{sp.sstr(g)} is not proved of one sign for {tail}")
    found = sorted(set(found))  # a zero of two switch expressions (Max(0, x) + Abs(x) at 0) is one switch point
    d = sp.diff(calculus.to_piecewise(f), X)
    out = Switches()
    for i, (lo, hi) in enumerate(found):
        gap = max(hi - lo, max(1, abs(lo)) * sp.Rational(1, 2 ** 200))
        if (i and found[i - 1][1] >= lo - 2 * gap) or (i + 1 < len(found) and found[i + 1][0] <= hi + 2 * gap):
            raise Unlocated(f"two switch points of {sp.sstr(f)} too close together near {float(lo):g}")
        point = as_float((lo + hi) / 2)
        out.points.append(point)
        left, right = _formula_at(d, lo - gap), _formula_at(d, hi + gap)
        out.sides[point] = (slope(left, lo - gap), slope(right, hi + gap))
        if lo != hi or sp.Rational(point) != lo:  # no float64 is the switch point
            out.enclosed[point] = (left, right)
    out.points = sorted(set(p for p in out.points if math.isfinite(p)))
    return out


def _proved(claim: str) -> bool:
    from symact.decide.checked import check_claim
    from symact.parsing import parse_claim

    return check_claim(parse_claim(claim), CLAIM_S).status == "proved"


def _formula_at(d: sp.Expr, x: sp.Rational) -> sp.Expr:
    """The formula of f' (of its piecewise formula ``d``) on the piece that holds at the rational ``x`` beside a
    switch point, from ``x`` to the switch point (within 2^-200 relative of it: its value at ``x`` is the one-sided
    derivative to far beyond float64)."""
    for branch, cond in d.args if isinstance(d, sp.Piecewise) else [(d, sp.true)]:
        holds = cond.subs(X, x)
        if holds is sp.true:
            return branch
        if holds is not sp.false:
            break
    raise Unlocated(f"which piece of f' = {sp.sstr(d)} holds beside a switch point at {float(x):g} is not decided")


def slope(formula: sp.Expr, x) -> float:
    """The value of a piece's formula of f' at the number ``x`` (taken exactly), to 30 digits."""
    v = sp.N(formula.subs(X, sp.Rational(x)), 30)
    if not (v.is_number and v.is_real and v.is_finite):
        raise Unlocated(f"f' = {sp.sstr(formula)} has no value beside a switch point at {float(x):g}")
    return float(v)


def as_float(v) -> float:
    """``v`` as a float; NaN where it is none (an expression in a parameter)."""
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan

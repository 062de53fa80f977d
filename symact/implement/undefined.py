"""The points where a user expression is undefined although its neighbours are not (``symact implement --expr``):
a division by zero, 0/0 included ((exp(x) - 1)/x, sin(x)/x, 1/x, Abs(x)/x at 0).  Real-line semantics: the
expression has no value there, so the module returns NaN there, as ``symact audit --expr`` expects; the
continuous extension (the limit, where it is finite) is named in the module's docstring as information only.

Each such point is a branch of its own of kind ``undefined``: its claim is that the expression is undefined at
that point, which the kernel certifies (:func:`symact.kernel.evaluate.undefined_reason`) before the branch is
made; a point where that is not certain gets no branch.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from symact.catalog.registry import X
from symact.implement.branches import Branch


def poles(expr: sp.Expr) -> list[sp.Rational]:
    """The rational zeros of the polynomial denominators of ``expr`` (the bases of its negative powers), in
    order: the candidates for a division by zero."""
    out: set = set()
    for p in expr.atoms(sp.Pow):
        if not (p.exp.is_number and p.exp.is_negative and p.base.is_polynomial(X) and p.base.has(X)):
            continue
        out |= {r for r in sp.Poly(p.base, X).ground_roots() if r.is_Rational}
    return sorted(out)


def undefined_points(expr: sp.Expr, branches: list[Branch]) -> list[Branch]:
    """``branches`` with each point of :func:`poles` where the kernel proves ``expr`` undefined on a branch of its
    own: NaN, of kind ``undefined`` (its reason, and the finite two-sided limit there if SymPy finds one in 5 CPU
    seconds, information only)."""
    from symact.kernel.evaluate import undefined_reason
    from symact.kernel.terms import TermError
    from symact.sympy_terms import from_sympy

    try:
        term = from_sympy(expr, X)
    except TermError:
        return branches
    for point in poles(expr):
        why = undefined_reason(term, Fraction(int(point.p), int(point.q)))
        if why is not None:
            branches = _cut(branches, point, Branch(point, point, True, True, sp.nan,
                                                    f"the expression is undefined here ({why}): NaN"
                                                    f"{_extension(expr, point)}", "undefined"))
    return branches


def _extension(expr: sp.Expr, point: sp.Rational) -> str:
    """The continuous extension's value at ``point`` as a remark, or '' where SymPy finds no finite two-sided
    limit there."""
    from symact.budget import run_with_budget

    try:
        done, sides = run_with_budget(lambda: [sp.limit(expr, X, point, d) for d in ("-", "+")], 5.0)
    except Exception:  # noqa: BLE001 - SymPy raises many types: no limit known
        return ""
    if not done or sides[0] != sides[1] or not (sides[0].is_number and sides[0].is_finite and sides[0].is_real):
        return ""
    return (f"; its continuous extension would be {sp.sstr(sides[0])} here (the limit, information only: not "
            f"returned)")


def _cut(branches: list[Branch], point: sp.Rational, at: Branch) -> list[Branch]:
    """``branches`` with the one holding ``point`` cut around it and ``at`` in between."""
    out = []
    for b in branches:
        holds = ((b.lo is None or b.lo < point or b.lo == point and b.lo_closed)
                 and (b.hi is None or b.hi > point or b.hi == point and b.hi_closed))
        if not holds:
            out.append(b)
            continue
        if b.lo is not None and b.lo == b.hi:  # a branch at the point itself: replaced
            out.append(at)
            continue
        if b.lo is None or b.lo < point:
            out.append(Branch(b.lo, point, b.lo_closed, False, b.formula, b.why, b.kind, b.bound))
        out.append(at)
        if b.hi is None or b.hi > point:
            out.append(Branch(point, b.hi, False, b.hi_closed, b.formula, b.why, b.kind, b.bound))
    return out

"""Exact calculus on activation expressions: pieces, breakpoints, kinks, one-sided and higher derivatives.

Piecewise structure is explicit: ``Max``, ``Min``, ``Abs``, ``sign`` and ``Heaviside`` are rewritten to a
``Piecewise`` and split into :class:`Piece` objects (an interval of the real line and the smooth expression
that holds there).  Derivatives are taken piece by piece.  At a breakpoint the derivative of a Piecewise is
whatever its defining condition says, which is an accident of how it was written (``diff(Max(0, x))`` is
``Heaviside(x)`` with value 1/2 at 0, a Piecewise gives 0 or 1); so the value there is never read off the
expression: :func:`one_sided_derivatives` gives the left and right limits, and the framework conventions live
as data in the catalog (``Activation.kink_derivatives``).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symact.budget import run_with_budget
from symact.catalog.registry import X

_PIECEWISE_HEADS = (sp.Max, sp.Min, sp.Abs, sp.sign, sp.Heaviside)


@dataclass(frozen=True)
class Piece:
    """``expr`` holds on ``interval`` (a SymPy Interval, possibly a single point Interval(a, a))."""

    interval: sp.Interval
    expr: sp.Expr

    def __repr__(self) -> str:
        return f"Piece({self.interval}: {self.expr})"


def to_piecewise(expr: sp.Expr, var: sp.Symbol = X) -> sp.Expr:
    """Rewrite Max/Min/Abs/sign/Heaviside in ``var`` as one folded Piecewise (unchanged if there are none)."""
    expr = sp.sympify(expr, strict=True)
    heads = [a for a in expr.atoms(*_PIECEWISE_HEADS) if var in a.free_symbols]
    if heads:
        expr = expr.xreplace({a: a.rewrite(sp.Piecewise) for a in heads})
    if expr.has(sp.Piecewise):
        expr = sp.piecewise_fold(expr)
    return expr


def as_intervals(s: sp.Set) -> list[sp.Interval]:
    """Split a union of intervals and points into Intervals (a point p becomes Interval(p, p))."""
    if s is sp.S.EmptySet:
        return []
    if isinstance(s, sp.Interval):
        return [s]
    if isinstance(s, sp.FiniteSet):
        return [sp.Interval(p, p) for p in s]
    if isinstance(s, sp.Union):
        return [iv for part in s.args for iv in as_intervals(part)]
    raise ValueError(f"cannot split {s} into intervals")


def pieces(expr: sp.Expr, var: sp.Symbol = X, domain: sp.Interval = sp.S.Reals) -> list[Piece]:
    """Split ``expr`` into smooth pieces over ``domain``, ordered left to right; each piece holds on one
    Interval (a union domain gives one piece per interval).

    Adjacent pieces with the same expression are merged.  Raises ValueError when a condition is not a set in
    ``var`` (e.g. it still contains a free parameter).
    """
    expr = to_piecewise(expr, var)
    if not isinstance(expr, sp.Piecewise):
        return [Piece(iv, expr) for iv in as_intervals(domain)]
    out: list[Piece] = []
    remaining: sp.Set = domain
    for branch, cond in expr.args:
        where = remaining if cond is sp.true else cond.as_set().intersect(remaining)
        remaining = remaining - where
        for iv in as_intervals(where):
            out.extend(pieces(branch, var, iv))
        if remaining is sp.S.EmptySet:
            break
    out.sort(key=lambda p: (p.interval.inf, p.interval.sup))
    merged: list[Piece] = []
    for piece in out:
        if merged and merged[-1].expr == piece.expr and merged[-1].interval.sup == piece.interval.inf:
            merged[-1] = Piece(sp.Union(merged[-1].interval, piece.interval), piece.expr)
        else:
            merged.append(piece)
    return merged


def breakpoints(expr: sp.Expr, var: sp.Symbol = X) -> list[sp.Expr]:
    """Finite points where one piece ends and another begins (the function may still be smooth there)."""
    points = set()
    for piece in pieces(expr, var):
        for end in (piece.interval.inf, piece.interval.sup):
            if end.is_finite:
                points.add(end)
    return sorted(points, key=lambda p: float(p))


def _side_limit(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, direction: str) -> sp.Expr:
    value = expr.subs(var, point)
    if value.is_finite and not value.has(sp.nan, sp.zoo):
        return sp.simplify(value)
    return sp.limit(expr, var, point, direction)


def _piece_near(all_pieces: list[Piece], point: sp.Expr, side: str) -> Piece | None:
    for piece in all_pieces:
        iv = piece.interval
        if side == "-" and iv.inf < point <= iv.sup and iv.measure > 0:
            return piece
        if side == "+" and iv.inf <= point < iv.sup and iv.measure > 0:
            return piece
    return None


@dataclass(frozen=True)
class Breakpoint:
    """The behaviour of f on both sides of a breakpoint ``point``."""

    point: sp.Expr
    value: sp.Expr
    left_value: sp.Expr
    right_value: sp.Expr
    left_derivative: sp.Expr
    right_derivative: sp.Expr

    @property
    def continuous(self) -> bool:
        return bool(sp.simplify(self.left_value - self.value) == 0 and sp.simplify(self.right_value - self.value) == 0)

    @property
    def is_kink(self) -> bool:
        """Not differentiable here: a jump, or different one-sided derivatives."""
        return not self.continuous or sp.simplify(self.left_derivative - self.right_derivative) != 0


def analyse_breakpoints(expr: sp.Expr, var: sp.Symbol = X) -> list[Breakpoint]:
    all_pieces = pieces(expr, var)
    out = []
    for point in breakpoints(expr, var):
        left, right = _piece_near(all_pieces, point, "-"), _piece_near(all_pieces, point, "+")
        at = next((p.expr for p in all_pieces if p.interval.contains(point) == sp.true), None)
        if left is None or right is None or at is None:
            continue
        out.append(Breakpoint(
            point=point, value=sp.simplify(at.subs(var, point)),
            left_value=_side_limit(left.expr, var, point, "-"),
            right_value=_side_limit(right.expr, var, point, "+"),
            left_derivative=_side_limit(sp.diff(left.expr, var), var, point, "-"),
            right_derivative=_side_limit(sp.diff(right.expr, var), var, point, "+")))
    return out


def kinks(expr: sp.Expr, var: sp.Symbol = X) -> list[sp.Expr]:
    """Points where f is not differentiable (jumps and corners)."""
    return [b.point for b in analyse_breakpoints(expr, var) if b.is_kink]


def one_sided_derivatives(expr: sp.Expr, var: sp.Symbol = X) -> dict[sp.Expr, tuple[sp.Expr, sp.Expr]]:
    """``{kink: (left derivative, right derivative)}`` for every kink."""
    return {b.point: (b.left_derivative, b.right_derivative)
            for b in analyse_breakpoints(expr, var) if b.is_kink}


def _heads(expr: sp.Expr) -> set[type]:
    return {type(f) for f in expr.atoms(sp.Function)}


def _tidy(expr: sp.Expr) -> sp.Expr:
    """The shortest of a few simplifications that introduces no function the input did not use.

    ``simplify`` likes to trade ``exp`` for ``cosh`` (softplus'' becomes 1/(4 cosh(x/2)^2)); a reader who
    wrote the activation with exponentials wants the derivative in exponentials too.
    """
    heads = _heads(expr)
    cancelled = sp.cancel(sp.together(expr))
    candidates = [sp.simplify(expr), sp.factor(cancelled), sp.factor_terms(cancelled), expr]
    allowed = [c for c in candidates if _heads(c) <= heads] or candidates
    return min(allowed, key=sp.count_ops)


def simplify_budgeted(expr: sp.Expr, seconds: float = 3.0) -> sp.Expr:
    """Tidy ``expr`` (see :func:`_tidy`) under a time budget; unchanged if the budget runs out."""
    finished, value = run_with_budget(lambda: _tidy(expr), seconds)
    return value if finished else expr


def simplify_piecewise(expr: sp.Expr, seconds: float = 3.0) -> sp.Expr:
    """Simplify each branch of a Piecewise (or the expression itself) under a time budget."""
    if isinstance(expr, sp.Piecewise):
        return sp.Piecewise(*[(simplify_budgeted(e, seconds), c) for e, c in expr.args])
    return simplify_budgeted(expr, seconds)


def derivative(expr: sp.Expr, order: int = 1, var: sp.Symbol = X) -> sp.Expr:
    """The ``order``-th derivative, simplified branch by branch.

    For piecewise input the result is a Piecewise valid away from the kinks; its value at a kink is not
    meaningful (see :func:`one_sided_derivatives`).
    """
    if not isinstance(order, int) or isinstance(order, bool) or order < 0:
        raise ValueError(f"derivative order must be a non-negative integer, got {order!r}")
    return simplify_piecewise(sp.diff(to_piecewise(expr, var), var, order))


def normal_form(expr: sp.Expr) -> sp.Expr:
    """A normal form for identity checks: hyperbolic and error functions in exponentials, then simplified.

    ``simplify(tanh(x) - (2*sigmoid(2x) - 1))`` is not 0 until it is rewritten in ``exp``.
    """
    rewritten = sp.sympify(expr, strict=True).rewrite(sp.exp)
    return sp.simplify(sp.together(sp.expand(rewritten)))

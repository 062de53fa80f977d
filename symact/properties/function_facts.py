"""Shared analysis of one scalar function f: R -> R, computed once and read by every property.

Facts are lazy: the pieces and breakpoints, the shape of f and of f' on every piece (critical points and
signs, see :mod:`.piece_shape`), the inf / sup of f and of f', the continuity class, the tail limits.  Each is
computed on first use; a failure is remembered as an :class:`Undecided` and re-raised on every later use.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable

import sympy as sp
from sympy.calculus.util import continuous_domain

from symact import calculus
from symact.budget import clock, deadline as decision_deadline
from symact.catalog.registry import X
from symact.decide import balls
from symact.decide.asymptotics import value_at
from symact.decide.common import piece_beside
from symact.decide.context import Context, attempt, same_value
from symact.decide.smooth import smooth_everywhere
from symact.properties.piece_shape import Extreme, Pt, Shape, Undecided, Value, combine, compare, extremes, limit, shape

MAX_ORDER = 8
#: what each stage of the analysis finds, for the reason of an ``unknown`` (stage names are internal)
_STAGES = {
    "pieces": "f was split into its smooth pieces", "singular": "the points where f is undefined were found",
    "defined_everywhere": "the domain of f was checked", "breakpoints": "the breakpoints of f were found",
    "sides": "the one-sided limits at the breakpoints were computed",
    "jumps": "the jumps of f were found", "continuity_order": "the smoothness class of f was found",
    "singular_points": "the points where f' is undefined were found", "kinks": "the kinks of f were found",
    "shapes": "the shape of f (where it rises and falls) was found",
    "dshapes": "the shape of f' (where f curves up or down) was found",
    "f_range": "the range of f was found", "d_range": "the range of f' was found",
    "tail_limits": "the limits of f at ±∞ were computed", "tail_dlimits": "the limits of f' at ±∞ were computed",
}


def _remember(fn: Callable[["Facts"], Any]) -> property:
    name = "_memo_" + fn.__name__

    def get(self: "Facts") -> Any:
        if name not in self.__dict__:
            self.check_deadline(fn.__name__)
            try:
                self.__dict__[name] = ("ok", fn(self))
            except Undecided as exc:
                self.__dict__[name] = ("err", exc)
            except (ValueError, TypeError, NotImplementedError, AttributeError, ZeroDivisionError) as exc:
                text = " ".join(f"{type(exc).__name__}: {exc}".split())
                self.__dict__[name] = ("err", Undecided(f"SymPy failed before {_STAGES.get(fn.__name__, fn.__name__)}: {text}"))
        kind, value = self.__dict__[name]
        if kind == "err":
            raise value
        return value
    get.__doc__ = fn.__doc__
    return property(get)


@dataclass
class Side:
    """f near one breakpoint: value, one-sided limits of f^(k) for k = 0..MAX_ORDER as far as computed."""

    point: sp.Expr
    value: sp.Expr
    left: list[sp.Expr]
    right: list[sp.Expr]


class Facts:
    def __init__(self, expr: sp.Expr, budget: float = 60.0):
        self.expr = sp.sympify(expr, strict=True)
        self.budget = budget
        self.deadline = clock() + budget

    def check_deadline(self, what: str) -> None:
        if clock() > min(self.deadline, decision_deadline()):
            raise Undecided(f"the time budget of {self.budget:g} CPU seconds ran out before {_STAGES.get(what, what)}")

    # ------------------------------------------------------------------ structure
    @_remember
    def pieces(self) -> list[calculus.Piece]:
        extra = self.expr.free_symbols - {X}
        if extra:
            raise Undecided(f"free symbols other than x: {sorted(map(str, extra))}")
        try:
            return calculus.pieces(self.expr)
        except ValueError as exc:
            raise Undecided(f"cannot split into pieces: {exc}") from exc

    @cached_property
    def smooth_pieces(self) -> list[calculus.Piece]:
        """Pieces of positive length."""
        return [p for p in self.pieces if p.interval.measure > 0]

    @_remember
    def singular(self) -> list[str]:
        """Reasons why a piece is not smooth on its interval (empty when every piece is C-infinity there)."""
        out = []
        for p in self.smooth_pieces:
            if smooth_everywhere(p.expr, X):
                continue
            for k, g in enumerate((p.expr, sp.diff(p.expr, X), sp.diff(p.expr, X, 2), sp.diff(p.expr, X, 3))):
                ok, dom = attempt(lambda: continuous_domain(g, X, p.interval), 3.0)
                if not ok:
                    raise Undecided(f"could not determine where {g} is continuous")
                missing = p.interval - dom
                if missing is not sp.S.EmptySet and missing.measure == 0 and not missing.is_empty:
                    out.append((k, missing, p))
                elif missing is not sp.S.EmptySet and not missing.is_empty:
                    out.append((k, missing, p))
        return out

    @_remember
    def defined_everywhere(self) -> bool:
        return not any(k == 0 for k, _, _ in self.singular)

    def require_smooth(self) -> None:
        if self.singular:
            k, missing, p = self.singular[0]
            what = "f" if k == 0 else ("f'" if k == 1 else "f''")
            raise Undecided(f"{what} is not continuous on {missing} (piece {p.expr}); the analysis assumes smooth pieces")

    @_remember
    def breakpoints(self) -> list[calculus.Breakpoint]:
        return calculus.analyse_breakpoints(self.expr)

    def at(self, point: sp.Expr) -> sp.Expr:
        """f(point), exact, from the piece that contains the point."""
        for p in self.pieces:
            if p.interval.contains(point) == sp.true:
                return sp.simplify(p.expr.subs(X, point))
        raise Undecided(f"no piece contains {point}")

    def piece_at(self, point: sp.Expr) -> calculus.Piece:
        for p in self.pieces:
            if p.interval.contains(point) == sp.true:
                return p
        raise Undecided(f"no piece contains {point}")

    @_remember
    def sides(self) -> list[Side]:
        """For each breakpoint, one-sided limits of f, f', ..., up to the first order that differs."""
        out = []
        for b in self.breakpoints:
            left_piece = self._near(b.point, "-")
            right_piece = self._near(b.point, "+")
            lefts, rights = [b.left_value], [b.right_value]
            if _same(b.left_value, b.right_value) and _same(b.left_value, b.value):
                gl, gr = left_piece.expr, right_piece.expr
                for _ in range(MAX_ORDER):
                    gl, gr = sp.diff(gl, X), sp.diff(gr, X)
                    lv, rv = _side_limit(gl, b.point, "-"), _side_limit(gr, b.point, "+")
                    lefts.append(lv)
                    rights.append(rv)
                    if not _same(lv, rv):
                        break
            out.append(Side(b.point, b.value, lefts, rights))
        return out

    def _near(self, point: sp.Expr, side: str) -> calculus.Piece:
        piece = piece_beside(self.smooth_pieces, point, side)
        if piece is None:
            raise Undecided(f"no piece on the {side} side of {point}")
        return piece

    # ------------------------------------------------------------------ continuity
    @_remember
    def jumps(self) -> list[Side]:
        return [s for s in self.sides if not (_same(s.left[0], s.value) and _same(s.right[0], s.value))]

    @_remember
    def continuity_order(self) -> int | None:
        """-1 discontinuous, k for C^k exactly, None for C-infinity."""
        if not self.defined_everywhere:
            return -1
        if self.jumps:
            return -1
        order = None
        if self.singular:
            # f continuous, but its k-th derivative is not continuous (or undefined) somewhere inside a piece
            order = min(k for k, _, _ in self.singular) - 1
        for s in self.sides:
            k = len(s.left) - 1
            if _same(s.left[-1], s.right[-1]):
                raise Undecided(f"derivatives at {s.point} agree up to order {MAX_ORDER}; the class was not decided")
            # orders 0..k-1 agree, order k differs
            k -= 1
            order = k if order is None else min(order, k)
        return order

    @_remember
    def singular_points(self) -> list[sp.Expr]:
        """Points inside pieces where f is continuous but f' is not defined or not continuous."""
        out = []
        for k, missing, _ in self.singular:
            if k == 1:
                if not isinstance(missing, sp.FiniteSet):
                    raise Undecided(f"f' is not continuous on {missing}")
                out.extend(missing)
        return sorted(set(out), key=lambda v: float(v))

    @_remember
    def kinks(self) -> list[Side]:
        """Breakpoints where f is not differentiable (a jump or different one-sided derivatives)."""
        return [s for s in self.sides if len(s.left) < 2 or not _same(s.left[1], s.right[1])]

    # ------------------------------------------------------------------ shapes
    @_remember
    def shapes(self) -> list[tuple[calculus.Piece, Shape]]:
        """Shape of f on each piece: critical points and the sign of f' between them."""
        self.require_smooth()
        out = []
        for p in self.smooth_pieces:
            self.check_deadline("the shape of f")
            out.append((p, shape(p.expr, p.interval.inf, p.interval.sup)))
        return out

    @_remember
    def dshapes(self) -> list[tuple[calculus.Piece, sp.Expr, Shape]]:
        """Shape of f' on each piece: critical points of f' and the sign of f'' between them."""
        self.require_smooth()
        out = []
        for p in self.smooth_pieces:
            self.check_deadline("the shape of f'")
            d = sp.diff(p.expr, X)
            out.append((p, d, shape(d, p.interval.inf, p.interval.sup)))
        return out

    # ------------------------------------------------------------------ ranges
    @_remember
    def f_range(self) -> tuple[Extreme, Extreme]:
        if not self.defined_everywhere:
            raise Undecided("f is not defined on all of R")
        lows, highs = [], []
        for p, shp in self.shapes:
            iv = p.interval
            lo, hi = extremes(p.expr, iv.inf, iv.sup, not iv.left_open, not iv.right_open, shp)
            lows.append(lo)
            highs.append(hi)
        for p in self.pieces:
            if p.interval.measure == 0:
                point = p.interval.inf
                v = Value.of(sp.simplify(p.expr.subs(X, point)))
                e = Extreme(v, True, [Pt.of(point)])
                lows.append(e)
                highs.append(e)
        return combine(lows, -1), combine(highs, 1)

    @_remember
    def d_range(self) -> tuple[Extreme, Extreme]:
        """inf and sup of f' over the points where f is differentiable."""
        lows, highs = [], []
        for p, d, shp in self.dshapes:
            iv = p.interval
            lo, hi = extremes(d, iv.inf, iv.sup, False, False, shp)
            lows.append(lo)
            highs.append(hi)
        kink_points = {s.point for s in self.kinks}
        for s in self.sides:
            if s.point not in kink_points:
                v = Value.of(sp.simplify(s.left[1]))
                e = Extreme(v, True, [Pt.of(s.point)])
                lows.append(e)
                highs.append(e)
        return combine(lows, -1), combine(highs, 1)

    # ------------------------------------------------------------------ tails
    def tail(self, side: int) -> calculus.Piece:
        pieces = self.smooth_pieces
        return pieces[0] if side < 0 else pieces[-1]

    @_remember
    def tail_limits(self) -> dict[str, Value]:
        out = {}
        for side, key, point in ((-1, "-oo", -sp.oo), (1, "oo", sp.oo)):
            p = self.tail(side)
            out[key] = limit(p.expr, point, "+" if side < 0 else "-")
        return out

    @_remember
    def tail_dlimits(self) -> dict[str, Value]:
        out = {}
        for side, key, point in ((-1, "-oo", -sp.oo), (1, "oo", sp.oo)):
            p = self.tail(side)
            out[key] = limit(sp.diff(p.expr, X), point, "+" if side < 0 else "-")
        return out

    # ------------------------------------------------------------------ numerical search (certified)
    def f_ball(self, q: sp.Rational):
        key = ("_fball", q)
        if key not in self.__dict__:
            try:
                piece = self.piece_at(q)
                self.__dict__[key] = balls.enclose(piece.expr, q)
            except Undecided:
                self.__dict__[key] = None
        return self.__dict__[key]

    def probe_points(self) -> list[sp.Rational]:
        pts = {sp.Rational(k, 4) for k in range(-40, 41)}
        marks: list[sp.Rational] = []
        try:
            for s in self.sides:
                if s.point.is_Rational:
                    marks.append(s.point)
                else:
                    marks.append(sp.Rational(str(round(float(s.point), 6))))
        except Undecided:
            pass
        for getter in ("shapes", "dshapes"):
            try:
                for item in getattr(self, getter):
                    for c in item[-1].crit:
                        marks.append(sp.Rational(round(c.float * 1000), 1000))
            except (Undecided, ValueError, TypeError):
                pass
        for m in marks:
            pts.add(m)
            for d in (sp.Rational(1, 1000), sp.Rational(1, 100), sp.Rational(1, 10), sp.Rational(1, 2)):
                pts.add(m - d)
                pts.add(m + d)
        return sorted(pts)


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    """Whether two numbers (+-oo allowed) are equal: exact equality or a certified difference
    (:func:`symact.decide.context.same_value`); raises Undecided when neither is shown."""
    same = same_value(a, b, Context.start(X, 3.0), 3.0)
    if same is None:
        raise Undecided(f"could not decide whether {a} equals {b}")
    return same


def _side_limit(expr: sp.Expr, point: sp.Expr, direction: str) -> sp.Expr:
    """f(point) (simplified) where substitution is finite, else the one-sided limit (a number or +-oo)."""
    value = value_at(expr, X, point, Context.start(X, 6.0), direction, cap=6.0)
    if value.has(sp.oo, -sp.oo):
        return value
    ok, simple = attempt(lambda: sp.simplify(value), 3.0)
    return simple if ok else value


__all__ = ["Facts", "Side", "Undecided", "compare"]

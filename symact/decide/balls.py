"""The door to certified ``arb`` arithmetic for the deciders and the property engine (:mod:`symact.interval`
does the evaluation and caches the compiled functions).

Adds what both need on top: points given as exact SymPy numbers (Rationals, Floats, real algebraic numbers
``CRootOf``) or as balls, boxes with rational ends, and ``None`` instead of an exception where a ball simply
cannot be computed (callers then treat the sign as unknown).
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp
from flint import arb

from symact.catalog.registry import X
from symact.interval import NotEnclosable, arb_at, arb_constant, ball_from_fractions, exact_ball
from symact.interval import ball_text as ball_str
from symact.interval import working_precision as precision

#: raised when an expression has no certified enclosure
ArbUnsupported = NotEnclosable

#: the default working precision (bits)
PREC = 128

#: what a failed enclosure raises (SymPy corner cases included); callers get ``None`` instead
_FAILURES = (NotEnclosable, ValueError, ZeroDivisionError, TypeError, AttributeError)


def _fraction(q: sp.Expr) -> Fraction:
    q = sp.Rational(q)
    return Fraction(int(q.p), int(q.q))


def rational_arb(q: sp.Expr) -> arb:
    """A ball containing the rational ``q`` (exact for dyadic rationals)."""
    f = _fraction(q)
    return ball_from_fractions(f, f)


def to_rational(a: arb, side: str) -> sp.Rational:
    """An exact rational below (``side='lo'``) or above (``'hi'``) every point of the ball ``a``, or its exact
    midpoint (``'mid'``)."""
    end = a.lower() if side == "lo" else a.upper() if side == "hi" else a.mid()
    man, exp = end.man_exp()
    return sp.Rational(int(man)) * sp.Integer(2) ** int(exp)


def interval(lo: sp.Expr, hi: sp.Expr) -> arb:
    """The ball covering [lo, hi] (rational ends)."""
    return ball_from_fractions(_fraction(lo), _fraction(hi))


def _root_ball(root: sp.CRootOf, bits: int) -> arb:
    if not root.is_real:
        raise NotEnclosable(f"{root} is not real")
    (lo, hi), _ = root.poly.intervals(eps=sp.Rational(1, 2 ** (bits + 8)))[root.index]
    return ball_from_fractions(_fraction(lo), _fraction(hi))


def constant(expr: sp.Expr, bits: int = 128) -> arb:
    """Certified ball for a constant expression (raises ``ArbUnsupported``)."""
    expr = sp.sympify(expr, strict=True)
    if expr.is_Rational:
        with precision(bits):
            return rational_arb(expr)
    roots = expr.atoms(sp.CRootOf)
    if not roots:
        return arb_constant(expr, bits)
    if len(roots) > 1:
        raise NotEnclosable("more than one algebraic root in one constant")
    root = roots.pop()
    s = sp.Dummy("r", real=True)
    return arb_at(expr.xreplace({root: s}), s, _root_ball(root, bits), bits)


def _point_ball(point, bits: int) -> arb:
    """A ball for a point: a ball as is, an exact number (Rational, Float, algebraic, ...) enclosed."""
    if isinstance(point, arb):
        return point
    point = sp.sympify(point, strict=True)
    if point.is_Rational or point.is_Float:
        return exact_ball(sp.Rational(point), bits)  # a Float stands for its exact binary value
    return constant(point, bits)


def at_point(expr: sp.Expr, var: sp.Symbol, point, bits: int = PREC) -> arb | None:
    """Certified ball for expr at a point (exact number, or a ball: then for every point in it), or None
    when it cannot be enclosed there."""
    try:
        return arb_at(sp.sympify(expr, strict=True), var, _point_ball(point, bits), bits)
    except _FAILURES:
        return None


def on_interval(expr: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr, bits: int = 64) -> arb | None:
    """A ball containing expr(x) for every x in [lo, hi] (rational ends), or None."""
    try:
        return arb_at(sp.sympify(expr, strict=True), var, interval(lo, hi), bits)
    except _FAILURES:
        return None


def enclose(expr: sp.Expr, point=None, bits: int = PREC, var: sp.Symbol = X) -> arb | None:
    """A ball containing ``expr`` at ``var = point`` (a constant ``expr`` when ``point`` is None), or None."""
    if point is not None:
        return at_point(expr, var, point, bits)
    try:
        return constant(expr, bits)
    except _FAILURES:
        return None


def ball_sign(a: arb | None) -> int | None:
    """+1 / -1 when the ball excludes 0, None otherwise (0 is never certified by a ball)."""
    if a is None or not a.is_finite():
        return None
    if a > 0:
        return 1
    if a < 0:
        return -1
    return None


__all__ = ["ArbUnsupported", "PREC", "constant", "at_point", "on_interval", "enclose", "interval", "ball_sign",
           "ball_str", "to_rational", "rational_arb", "precision"]

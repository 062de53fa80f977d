"""The deciders' door to certified ``arb`` arithmetic (:mod:`symact.interval` does the evaluation).

Adds what the deciders need on top: compiled functions cached per expression, points and boxes given as
exact SymPy numbers, real algebraic numbers (``CRootOf``) as enclosures, and ``None`` instead of an
exception where a ball simply cannot be computed at one point (callers then treat the sign as unknown).
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import sympy as sp
from flint import arb

from symact.interval import NotEnclosable, arb_constant, arb_function, ball_from_fractions
from symact.interval import ball_text as ball_str
from symact.interval import working_precision as precision

#: raised when an expression has no certified enclosure
ArbUnsupported = NotEnclosable


def _fraction(q: sp.Expr) -> Fraction:
    q = sp.Rational(q)
    return Fraction(int(q.p), int(q.q))


def rational_arb(q: sp.Expr) -> arb:
    """A ball containing the rational ``q`` (exact for dyadic rationals)."""
    f = _fraction(q)
    return ball_from_fractions(f, f)


def to_rational(a: arb, side: str) -> sp.Rational:
    """An exact rational below (``side='lo'``) or above (``'hi'``) every point of the ball ``a``."""
    man, exp = (a.lower() if side == "lo" else a.upper()).man_exp()
    return sp.Rational(int(man)) * sp.Integer(2) ** int(exp)


@lru_cache(maxsize=4096)
def _compiled(expr: sp.Expr, var: sp.Symbol, bits: int):
    return arb_function(expr, var, bits)


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
    return _compiled(expr.xreplace({root: s}), s, bits)(_root_ball(root, bits))


def _point_ball(point: sp.Expr, bits: int) -> arb:
    point = sp.sympify(point, strict=True)
    if point.is_Rational:
        return rational_arb(point)
    return constant(point, bits)


def at_point(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, bits: int = 128) -> arb | None:
    """Certified ball for expr at an exact point, or None when it cannot be enclosed there."""
    try:
        return _compiled(sp.sympify(expr, strict=True), var, bits)(_point_ball(point, bits))
    except (NotEnclosable, ValueError, ZeroDivisionError):
        return None


def on_interval(expr: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr, bits: int = 64) -> arb | None:
    """A ball containing expr(x) for every x in [lo, hi] (rational ends), or None."""
    try:
        box = ball_from_fractions(_fraction(lo), _fraction(hi))
        return _compiled(sp.sympify(expr, strict=True), var, bits)(box)
    except (NotEnclosable, ValueError, ZeroDivisionError, TypeError):
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


__all__ = ["ArbUnsupported", "constant", "at_point", "on_interval", "ball_sign", "ball_str", "to_rational",
           "rational_arb", "precision"]

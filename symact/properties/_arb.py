"""The properties engine's door to certified ``arb`` arithmetic; :mod:`symact.interval` does the evaluation.

Points are exact numbers (Rationals and Floats converted exactly, see :func:`symact.interval.exact_ball`) or
balls; a ball that cannot be certified comes back as ``None``, which every caller treats as "unknown".
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import flint
import sympy as sp

from symact.catalog.registry import X
from symact.interval import NotEnclosable, arb_at, ball_from_fractions, exact_ball

PREC = 128


def safe_evaluate(expr: sp.Expr, point: Any = None, prec: int = PREC) -> flint.arb | None:
    """A ball containing ``expr`` at ``x = point`` (a constant ``expr`` when ``point`` is None), or None."""
    try:
        return exact_ball(expr, prec) if point is None else arb_at(expr, X, point, prec)
    except (NotEnclosable, ValueError, ZeroDivisionError, TypeError, AttributeError):
        return None


def ball(lo: sp.Rational, hi: sp.Rational) -> flint.arb:
    """The ball covering the interval [lo, hi] (rational ends)."""
    return ball_from_fractions(*(Fraction(int(q.p), int(q.q)) for q in map(sp.Rational, (lo, hi))))

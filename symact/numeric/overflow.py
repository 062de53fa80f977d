"""Certified overflow: whether the exact value of an expression at a float is certainly beyond 2^1024 in magnitude,
so that it rounds to +-inf in float64 and in every narrower format.

The per-point references (mpmath at doubling precision) would compute exp(exp(x)) at x = 100 with some 10^43
bits, and arb encloses it as [+- inf]; here a lower bound is carried through the expression instead: exp(u) >=
exp(l) for a lower bound l of u (exp(u) >= 2^1024 once u >= 710 > 1024 log 2), a sum's lower bound is the sum of
its terms', c f's is c times f's (or f's upper bound for c < 0), a product of positive factors' the product of
theirs, and any other part's is the lower end of its arb ball (:func:`symact.interval.arb_function`).  Nothing
is claimed where a bound is not certain.
"""
from __future__ import annotations

import math
from functools import lru_cache

import sympy as sp
from flint import arb

from symact.catalog.registry import X
from symact.interval import NotEnclosable, arb_function, exact_ball

#: |value| >= 2^1024 rounds to inf in float64 (round to nearest: from (2 - 2^-53) 2^1023 on)
_HUGE = arb(2) ** 1024
#: exp is evaluated at no more than this: exp(800) > 2^1024 already, and arb keeps it finite
_CAP = arb(800)


@lru_cache(maxsize=4096)
def overflow_sign(expr: sp.Expr, x: float) -> int:
    """+1 where ``expr`` at the float ``x`` (taken exactly) is certainly >= 2^1024, -1 where certainly <= -2^1024,
    0 where that is not certain (or ``expr`` has no exponential: nothing to do).  One arb ball of the whole
    where arb encloses it (the usual case: one evaluation), the bounds through the parts where it does not."""
    if not expr.has(sp.exp) or not math.isfinite(x):
        return 0
    prec = 64 + abs(math.frexp(x)[1])
    ball = exact_ball(x, prec)
    whole = _ball(expr, ball, prec)
    if whole is not None:
        return 1 if whole.lower() >= _HUGE else -1 if whole.upper() <= -_HUGE else 0
    low = _bound(expr, ball, -1, prec)
    if low is not None and low >= _HUGE:
        return 1
    high = _bound(expr, ball, 1, prec)
    return -1 if high is not None and high <= -_HUGE else 0


def _bound(e: sp.Expr, x: arb, side: int, prec: int) -> arb | None:
    """A certified lower (``side`` -1) or upper (+1) bound of ``e`` at the exact ball ``x``, or None."""
    end = arb.lower if side < 0 else arb.upper
    if isinstance(e, sp.exp):
        b = _bound(e.args[0], x, side, prec)
        if b is None or side > 0 and b > _CAP:  # no finite upper bound worth having
            return None
        return end((b if b < _CAP else _CAP).exp())
    if isinstance(e, sp.Add):
        parts = [_bound(a, x, side, prec) for a in e.args]
        return None if any(p is None for p in parts) else end(sum(parts[1:], parts[0]))
    if isinstance(e, sp.Mul):
        coeff, rest = e.as_coeff_Mul()
        if coeff != 1 and coeff.is_real:  # c f: f's bound on the same side for c > 0, the other for c < 0
            c = _ball(coeff, x, prec)
            b = _bound(rest, x, side if coeff > 0 else -side, prec)
            return None if b is None or c is None else end(c * b)
        lows = [_bound(a, x, -1, prec) for a in e.args]
        if all(low is not None and low > 0 for low in lows):  # positive factors: the product of their bounds
            parts = lows if side < 0 else [_bound(a, x, 1, prec) for a in e.args]
            if all(p is not None for p in parts):
                out = parts[0]
                for p in parts[1:]:
                    out = end(out * p)
                return out
    ball = _ball(e, x, prec)
    return None if ball is None else end(ball)


def _ball(e: sp.Expr, x: arb, prec: int) -> arb | None:
    f = _compiled(e)
    if f is None:
        return None
    try:
        v = f(x, prec=prec)
    except (NotEnclosable, ArithmeticError, ValueError):
        return None
    return v if v.is_finite() else None


@lru_cache(maxsize=256)
def _compiled(e: sp.Expr):
    try:
        return arb_function(e, X)
    except Exception:  # noqa: BLE001 - a node arb cannot enclose: no bound
        return None

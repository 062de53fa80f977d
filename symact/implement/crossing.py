"""Max and Min of two expressions that cross at a few irrational points (Min(x, 6*sigmoid(x)) at x ~ 5.98494;
Max(x**2, 1 - x**2) at +-1/sqrt(2)), and |u| where u changes sign there (Abs(x**2 - 1/2), Max(u, -u)): the pieces
with rational ends around the crossings.

A rational interval (p, q) of width 1/1000 holds each crossing, found with mpmath (crossings closer than that share
one); between them the function is one argument, the one it is on that side of the crossing, and on each (p, q)
it is Max, Min or |u| itself, computed at run time (``np.maximum``, ..., ``np.abs``): the greatest of two values
each within e of the truth is within e of the greatest, so no switch point needs to be known exactly.  Each
piece's claim (``Min(a, b) == a for x <= p``, ``Max(a, b) == b for q <= x <= p'``) is the kernel's to prove, from
the sign of a - b on the range; nothing here is trusted but the choice of the ends.  f' on (p, q) is the
derivative of the argument taken at run time, and at the crossing itself, where f' does not exist, the right
argument's (the convention of :func:`symact.implement.branches.derivative_pieces` at a switch point).
"""
from __future__ import annotations

import math

import mpmath
import sympy as sp

from symact.calculus import Piece, pieces, to_piecewise
from symact.catalog.registry import X
from symact.errors import ParameterError
from symact.implement.branches import Branch, from_pieces

#: where the arguments' difference is sampled for sign changes: 0, then +-(2**(k/64) - 1) up to about 2**12
SAMPLES = sorted([0.0] + [s * (2 ** (k / 64) - 1) for k in range(1, 64 * 12 + 1) for s in (-1, 1)])
#: the width of the rational interval around a crossing
WIDTH = sp.Rational(1, 1000)
EPS = sp.Rational(1, 10 ** 30)
#: the most crossings implemented (Max(sin(x), 1/2) crosses infinitely often: refused)
MOST = 8


def split_pieces(expr: sp.Expr) -> tuple[list[Piece], list[Branch] | None]:
    """The pieces of ``expr`` (:func:`symact.calculus.pieces`) when their switch points are rational, else
    those of :func:`crossing` with its branches of f' (None with the former); ValueError or TypeError when
    neither splits it, ParameterError (one line) when its arguments cross more than once."""
    try:
        found = pieces(expr)
        from_pieces(found)  # the ends are rational
        return found, None
    except (TypeError, ValueError, NotImplementedError) as exc:  # an irrational end; a condition not a set
        crossed = crossing(expr)
        if crossed is None:
            raise ValueError(str(exc)) from None
        return crossed


def crossing(expr: sp.Expr) -> tuple[list[Piece], list[Branch]] | None:
    """The pieces of f and the branches of f' (without their domain and NaN handling) when ``expr`` is Max or
    Min of two expressions, or |u|, without switch points of their own, whose arguments cross at 1 to
    :data:`MOST` points; None when it is not such a Max, Min or |u|; ParameterError (one line) when its arguments
    cross nowhere or more often."""
    if isinstance(expr, sp.Abs):
        a, b = expr.args[0], -expr.args[0]  # |u| = Max(u, -u)
    elif isinstance(expr, (sp.Min, sp.Max)) and len(expr.args) == 2:
        a, b = expr.args
    else:
        return None
    if any(to_piecewise(u).has(sp.Piecewise) for u in (a, b)):
        return None
    h = sp.lambdify(X, a - b, "mpmath")
    with mpmath.workdps(50):
        xs = [mpmath.mpf(t) for t in SAMPLES]
        try:
            values = [h(t) for t in xs]
        except (ValueError, ZeroDivisionError, TypeError, OverflowError):
            return None
        if any(not isinstance(v, mpmath.mpf) or not mpmath.isfinite(v) for v in values):
            return None
        signed = [(t, v) for t, v in zip(xs, values) if v != 0]  # a zero at a sample lies between two signs
        changes = [i for i in range(len(signed) - 1) if signed[i][1] * signed[i + 1][1] < 0]
        if not changes or len(changes) > MOST:
            raise ParameterError(
                f"cannot split {sp.sstr(expr)} into pieces with rational switch points: its arguments cross "
                f"{'nowhere' if not changes else f'at {len(changes)} or more points'} between about -4095 and "
                f"4095 (implement handles Max, Min and Abs whose arguments cross at 1 to {MOST} points)")
        windows: list[list] = []  # [p, q, the sample after the last crossing inside, the crossings' floats]
        for i in changes:
            root = mpmath.findroot(h, (signed[i][0], signed[i + 1][0]), solver="anderson")
            first = _first_float_after(h, root, signed[i][1])
            # the multiples of 1/1000 next to it on each side: 1/1000 apart, or 2/1000 around a crossing at one
            # (within 1e-30: f' does not exist at a crossing, so it is no end of a closed piece)
            root = sp.Rational(str(mpmath.nstr(root, 40)))
            p, q = sp.floor((root - EPS) / WIDTH) * WIDTH, sp.ceiling((root + EPS) / WIDTH) * WIDTH
            if windows and windows[-1][1] >= p:  # within 1/1000 of the crossing before: one window
                windows[-1][1:] = [max(windows[-1][1], q), signed[i + 1][1], windows[-1][3] + [first]]
            else:
                windows.append([p, q, signed[i + 1][1], [first]])
    maximum = not isinstance(expr, sp.Min)  # |u| = Max(u, -u)

    def taken(sign) -> sp.Expr:  # the argument that is the function where a - b has this sign
        return a if (sign > 0) == maximum else b

    sides = [taken(signed[0][1])] + [taken(w[2]) for w in windows]
    slopes = [sp.diff(side, X) for side in sides]
    ends = [(None, None)] + [(p, q) for p, q, _, _ in windows] + [(None, None)]
    found: list[Piece] = []
    derivative: list[Branch] = []
    for k, side in enumerate(sides):
        lo, hi = ends[k][1], ends[k + 1][0]  # from the window before to the window after
        found.append(Piece(sp.Interval(-sp.oo if lo is None else lo, sp.oo if hi is None else hi), side))
        derivative.append(Branch(lo, hi, lo is not None, hi is not None, slopes[k],
                                 f"the derivative of {sp.sstr(side)}, the function here"))
        if k + 1 < len(sides):
            (p, q), right = ends[k + 1], sides[k + 1]
            found.append(Piece(sp.Interval.open(p, q), expr))
            before = signed[0][1] if k == 0 else windows[k - 1][2]  # the sign of a - b before the window
            turns = [sp.diff(taken(before * (-1) ** j), X) for j in range(len(windows[k][3]) + 1)]
            name = "|u|" if isinstance(expr, sp.Abs) else type(expr).__name__
            derivative.append(Branch(p, q, False, False, _window_slope(windows[k][3], turns, side, right, maximum),
                                     f"the derivative of the argument {name} takes; at a crossing, where f' does not "
                                     f"exist, the right argument's", "convention"))
    return found, derivative


def _first_float_after(h, root, before) -> sp.Rational | None:
    """The least float64 at or after the crossing ``root`` of ``h`` (= a - b, of sign ``before`` just left of it),
    as a Rational, when mpmath at 60 digits confirms it: the float64 just below has h of sign ``before`` and this
    one h of the other sign or 0; None where it does not (a crossing within about 1e-40 of a float64)."""
    c = mpmath.mpf(float(root))
    c = c if c >= root else mpmath.mpf(math.nextafter(float(root), math.inf))
    below = mpmath.mpf(math.nextafter(float(c), -math.inf))
    with mpmath.workdps(60):
        try:
            hb, hc = h(below), h(c)
        except (ValueError, ZeroDivisionError, TypeError, OverflowError):
            return None
    return sp.Rational(float(c)) if hb * before > 0 and hc * before <= 0 else None


def _window_slope(crossings, slopes, a_left, a_right, maximum) -> sp.Expr:
    """f' on a window: ``slopes[j]``, the derivative of the argument that is f after the j-th crossing, split at
    the least float64 at or after each crossing, so that every float64 input gets the argument that is f there
    (and, at a crossing that is a float64, the right one); where a crossing's float is not confirmed, the
    derivative of the argument the run time comparison takes (float64 inputs within about 1e-15 of a crossing
    may then get the other one: both are rounded there)."""
    if None in crossings:
        bigger = sp.StrictGreaterThan(a_left, a_right) if maximum else sp.StrictLessThan(a_left, a_right)
        return sp.Piecewise((slopes[0], bigger), (slopes[-1], True))
    return sp.Piecewise(*[(s, sp.StrictLessThan(X, c)) for s, c in zip(slopes, crossings)], (slopes[-1], True))

"""Max and Min of two expressions that cross at one irrational point (Min(x, 6*sigmoid(x)) at x ~ 5.98494): the
pieces with rational ends around the crossing.

A rational interval (p, q) of width 1/1000 holds the crossing, found with mpmath; the pieces are the argument
that is the function left of it on (-oo, p], the other on [q, oo), and Max or Min itself on (p, q), computed at
run time (``np.minimum``, ...).  Each piece's claim (``Min(a, b) == a for x <= p``) is the kernel's to prove,
from the sign of a - b on the range; nothing here is trusted but the choice of p and q.  f' on (p, q) is the
derivative of the argument taken at run time, and at the crossing itself, where f' does not exist, the right
argument's (the convention of :func:`symact.implement.branches.derivative_pieces` at a switch point).
"""
from __future__ import annotations

import mpmath
import sympy as sp

from symact.calculus import Piece, pieces, to_piecewise
from symact.catalog.registry import X
from symact.errors import ParameterError
from symact.implement.branches import Branch, from_pieces

#: where the arguments' difference is sampled for sign changes: 0, then +-(2**(k/64) - 1) up to about 2**12
SAMPLES = sorted([0.0] + [s * (2 ** (k / 64) - 1) for k in range(1, 64 * 12 + 1) for s in (-1, 1)])
#: the width of the rational interval around the crossing
WIDTH = sp.Rational(1, 1000)


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
    Min of two expressions without switch points of their own that cross once; None when it is not such a
    Max or Min; ParameterError (one line) when its arguments cross more than once."""
    if not isinstance(expr, (sp.Min, sp.Max)) or len(expr.args) != 2:
        return None
    a, b = expr.args
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
        if len(changes) != 1:
            raise ParameterError(
                f"cannot split {sp.sstr(expr)} into pieces with rational switch points: its arguments cross "
                f"{'nowhere' if not changes else f'at {len(changes)} or more points'} between about -4095 and "
                f"4095 (implement handles Max and Min of two expressions that cross once)")
        i = changes[0]
        root = mpmath.findroot(h, (signed[i][0], signed[i + 1][0]), solver="anderson")
        p = sp.floor(sp.Rational(str(mpmath.nstr(root, 40))) / WIDTH) * WIDTH
        q = p + WIDTH
    left, right = (a, b) if (signed[0][1] < 0) == isinstance(expr, sp.Min) else (b, a)
    found = [Piece(sp.Interval(-sp.oo, p), left), Piece(sp.Interval.open(p, q), expr),
             Piece(sp.Interval(q, sp.oo), right)]
    dl, dr = sp.diff(left, X), sp.diff(right, X)
    taken = sp.StrictLessThan(left, right) if isinstance(expr, sp.Min) else sp.StrictGreaterThan(left, right)
    derivative = [Branch(None, p, False, True, dl, "the derivative of the left argument"),
                  Branch(p, q, False, False, sp.Piecewise((dl, taken), (dr, True)),
                         f"the derivative of the argument {'Min' if isinstance(expr, sp.Min) else 'Max'} takes at "
                         f"run time; at their crossing, where f' does not exist, the right argument's (float64 inputs "
                         f"within about 1e-15 of it may get the other argument's: both are rounded there)",
                         "convention"),
                  Branch(q, None, True, False, dr, "the derivative of the right argument")]
    return found, derivative

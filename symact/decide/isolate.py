"""Sign pattern on a bounded interval by certified root isolation (:func:`symact.interval.isolate_roots`).

The last resort for a smooth factor on a bounded piece (trigonometric functions, for instance, whose
derivatives never simplify): every zero in the interval lies in a returned enclosure; the pattern is used
only when each enclosure holds exactly one simple zero.  Zeros are made exact with a verified ``solve``
where possible, and a zero at an interval end is recognised by exact evaluation there.
"""
from __future__ import annotations

import sympy as sp

from symact.decide import balls
from symact.decide.pattern import Pattern, Undecided, Zero, sample_point
from symact.interval import isolate_roots


def _outer(value, side: str) -> sp.Rational:
    if value.is_Rational:
        return sp.Rational(value)
    return balls.to_rational(balls.constant(value, 256), side)


def isolation_pattern(f: sp.Expr, lo, hi, ctx) -> Pattern:
    from symact.decide.analyze import exact_solution
    from symact.decide.context import const_sign

    var = ctx.var
    if not (lo.is_finite and hi.is_finite):
        raise Undecided("root isolation needs a bounded interval")
    a, b = _outer(lo, "lo"), _outer(hi, "hi")
    roots = isolate_roots(f, var, a, b, rtol=1e-20, budget_s=max(0.2, min(3.0, ctx.remaining())))
    if any(not r.unique for r in roots):
        raise Undecided(f"zeros of {sp.sstr(f)} on [{lo}, {hi}] could not be separated")
    end_zero = {}
    for end in (lo, hi):
        v = f.subs(var, end)
        end_zero[end] = v.is_finite is not False and const_sign(v, ctx) == 0
    zeros: list[Zero] = []
    for r in roots:
        z = Zero(sp.Rational(r.lo), sp.Rational(r.hi), sp.Rational(r.lo) if r.exact else None)
        placed = False
        for end in (lo, hi):
            end_lo, end_hi = _outer(end, "lo"), _outer(end, "hi")
            if z.lo <= end_hi and end_lo <= z.hi:  # the enclosure touches this end
                if end_zero[end]:
                    z, placed = Zero.at(end), True
                    break
                raise Undecided("a zero too close to an interval end")
        if not placed:
            if z.hi < _outer(lo, "lo") or z.lo > _outer(hi, "hi"):
                continue  # outside [lo, hi] (the search box was slightly larger)
            if z.exact is None and not r.simple:
                raise Undecided("a zero that is not certified simple")
            exact = exact_solution(f, z.lo, z.hi, ctx) if z.exact is None else z.exact
            z = Zero(z.lo, z.hi, exact)
        if not zeros or not (zeros[-1].exact is not None and z.exact is not None and zeros[-1].exact == z.exact):
            zeros.append(z)
    for end in (lo, hi):
        if end_zero[end] and not any(z.exact == end for z in zeros):
            raise Undecided("an exact zero at an end that the isolation did not report")
    signs = []
    for k in range(len(zeros) + 1):
        left = lo if k == 0 else zeros[k - 1].hi
        right = hi if k == len(zeros) else zeros[k].lo
        if (k == 0 and zeros and zeros[0].exact == lo) or (k == len(zeros) and zeros and zeros[-1].exact == hi):
            signs.append(None)
            continue
        s = balls.ball_sign(balls.at_point(f, var, sample_point(left, right), 256))
        if s is None:
            raise Undecided("cannot certify the sign between two zeros")
        signs.append(s)
    for i, s in enumerate(signs):
        if s is None:
            signs[i] = signs[i + 1] if i + 1 < len(signs) and signs[i + 1] is not None else signs[i - 1]
    out = Pattern(lo, hi, zeros, signs)
    out.why.append(f"{sp.sstr(f)} on [{lo}, {hi}]: zeros isolated in certified arithmetic (each unique)")
    return out

"""Sign pattern of a polynomial whose coefficients are real constants such as sqrt(pi) (not rationals).

Every real zero lies in |x| < B with Cauchy's bound B = 1 + max |a_i / a_n| (computed as a certified upper
bound); beyond it the leading term fixes the sign.  Inside, :func:`symact.interval.isolate_roots` isolates
the zeros in certified arithmetic; the pattern is used only when every zero is certified simple (unique
with a derivative enclosure excluding 0), otherwise the caller falls back to other methods.
"""
from __future__ import annotations

import sympy as sp

from symact.decide import balls
from symact.decide.pattern import Pattern, Undecided, Zero, sample_point
from symact.interval import isolate_roots


def cauchy_bound(poly: sp.Poly) -> sp.Rational:
    coeffs = poly.all_coeffs()
    lead = balls.constant(coeffs[0], 128)
    if balls.ball_sign(lead) is None:
        raise Undecided("the leading coefficient is not certified nonzero")
    worst = sp.Integer(0)
    for c in coeffs[1:]:
        ratio = abs(balls.constant(c, 128) / lead)
        worst = max(worst, balls.to_rational(ratio, "hi"))
    return sp.ceiling(1 + worst)


def irrational_polynomial_pattern(expr: sp.Expr, var: sp.Symbol, lo, hi, ctx) -> Pattern:
    poly = sp.Poly(expr, var)
    if poly.degree() < 1:
        raise Undecided("not a polynomial of positive degree")
    bound = cauchy_bound(poly)
    a = max(-bound, lo) if lo.is_finite else -bound
    b = min(bound, hi) if hi.is_finite else bound
    a = sp.Rational(a) if a.is_Rational else balls.to_rational(balls.constant(a, 256), "lo")
    b = sp.Rational(b) if b.is_Rational else balls.to_rational(balls.constant(b, 256), "hi")
    roots = []
    if a < b:
        roots = isolate_roots(expr, var, a, b, rtol=1e-20, budget_s=max(0.2, min(3.0, ctx.remaining())))
    if any(not r.unique or not r.simple for r in roots):
        raise Undecided("a polynomial zero that is not certified simple")
    zeros = [Zero(sp.Rational(r.lo), sp.Rational(r.hi), sp.Rational(r.lo) if r.exact else None) for r in roots]
    signs = []
    for k in range(len(zeros) + 1):
        left = lo if k == 0 else zeros[k - 1].hi
        right = hi if k == len(zeros) else zeros[k].lo
        if left == right:
            signs.append(signs[-1] if signs else 1)
            continue
        s = balls.ball_sign(balls.at_point(expr, var, sample_point(left, right), 256))
        if s is None:
            raise Undecided("cannot certify a polynomial's sign between its zeros")
        signs.append(s)
    out = Pattern(lo, hi, zeros, signs)
    out.why.append(f"{sp.sstr(expr)}: zeros within Cauchy's bound |x| < {bound} isolated in certified "
                   f"arithmetic (all simple)")
    return out

"""Sign of A + B sqrt(C) (A, B, C free of radicals, C > 0): where A and B sqrt(C) share a sign, that sign;
otherwise the sign of the larger in size, sign(A) when A^2 - B^2 C > 0 and sign(B) when it is < 0.

The cut points are the zeros of A, B and D = A^2 - B^2 C (each found by the sign engine); between them the
signs of A, B, D are constant and certified at one sample point, and at a cut point f is evaluated exactly or
in certified arithmetic.
"""
from __future__ import annotations

import sympy as sp

from symact.decide import balls
from symact.decide.pattern import Pattern, Undecided, multiply, sample_point


def split_radical(f: sp.Expr, var: sp.Symbol):
    """(A, B, C) with f = A + B sqrt(C), or None."""
    roots = [p for p in f.atoms(sp.Pow) if p.exp == sp.Rational(1, 2) and var in p.base.free_symbols]
    if len(roots) != 1:
        return None
    r = roots[0]
    s = sp.Dummy("s")
    g = sp.expand(f.xreplace({r: s}))
    if not g.is_polynomial(s) or sp.degree(g, s) != 1:
        return None
    A, B = g.coeff(s, 0), g.coeff(s, 1)
    if A.has(sp.Pow) and any(p.exp.is_Rational and not p.exp.is_Integer for p in A.atoms(sp.Pow)):
        return None
    return A, B, r.base


def radical_pattern(f: sp.Expr, lo, hi, ctx, depth: int) -> Pattern:
    from symact.decide.analyze import compress, pattern, sign_at_zero

    var = ctx.var
    parts = split_radical(f, var)
    if parts is None:
        raise Undecided("not of the form A + B sqrt(C)")
    A, B, C = parts
    pc = pattern(C, lo, hi, ctx, depth)
    if pc.identically_zero or any(sg < 0 for k, sg in enumerate(pc.signs) if not pc.gap_is_empty(k)) or any(
            z.exact is None or z.exact not in (lo, hi) for z in pc.zeros):
        raise Undecided(f"{sp.sstr(C)} is not shown positive inside the interval")
    D = sp.expand(A**2 - B**2 * C)
    pats = [pattern(g, lo, hi, ctx, depth) for g in (A, B, D)]
    if any(p.identically_zero for p in pats[:1]) and pats[1].identically_zero:
        return Pattern.constant(lo, hi, 0)
    merged = multiply([p for p in pats if not p.identically_zero] or [Pattern.constant(lo, hi, 1)], lo, hi)
    items: list = []
    for k in range(len(merged.zeros) + 1):
        if not merged.gap_is_empty(k):
            left, right = merged.gap_bounds(k)
            p = sample_point(left, right)
            sa, sb, sd = (balls.ball_sign(balls.at_point(g, var, p, 256)) if g != 0 else 0 for g in (A, B, D))
            if None in (sa, sb, sd):
                raise Undecided("cannot certify the signs of A, B, A^2 - B^2 C on a stretch")
            if sb == 0 or sa == sb or sa == 0:
                s = sa if sb == 0 else sb if sa == 0 else sa
            else:
                s = sa if sd > 0 else sb if sd < 0 else 0
            if s == 0:
                raise Undecided("f vanishes on a whole stretch")
            items.append(s)
        if k < len(merged.zeros):
            z = merged.zeros[k]
            s = sign_at_zero(f, z, ctx)
            items.append(z if s == 0 else s)
    zeros, signs = compress(items)
    out = Pattern(lo, hi, zeros, signs)
    out.why.append(f"{sp.sstr(f)} = A + B sqrt(C) with A = {sp.sstr(A)}, B = {sp.sstr(B)}, C = {sp.sstr(C)}: "
                   f"its sign follows from those of A, B and A^2 - B^2 C = {sp.sstr(D)}")
    return out

"""Sign of a two-term exponential polynomial f = P(x) exp(w(x)) + Q(x), w a non-constant polynomial.

Where P and Q have the same strict sign, so has f.  Where they have opposite signs, -Q/P > 0 and

    sign f = sign P * sign h,   h = w - log(-Q/P),

whose derivative h' = (w' P Q - Q' P + P' Q) / (P Q) is a rational function: the sign pattern of the
polynomial R = w' P Q - Q' P + P' Q cuts each such stretch into pieces where h is strictly monotone.  At a
zero of P, h -> -oo; at a zero of Q, h -> +oo; at +-oo, h behaves like w (a polynomial beats the logarithm
of a rational function); inside, h is evaluated in certified arithmetic.  Zeros of h are isolated by
bisection and are exactly the zeros of f there.  GELU's tanh form and its derivatives have this shape, with
exp(w) = exp(2 sqrt(2/pi) (x + 0.044715 x^3)).
"""
from __future__ import annotations

import sympy as sp

from symact.decide import balls
from symact.decide.pattern import Pattern, Undecided, Zero, multiply, sample_point


def split_two_terms(poly_form: sp.Expr, exp_bases: dict, var: sp.Symbol):
    """(P, Q, w) with poly_form = M2 * (P exp(w) + Q) for a positive monomial M2, or None."""
    tsyms = [t for t in poly_form.free_symbols if t in exp_bases]
    if not tsyms:
        return None
    groups: dict[sp.Expr, sp.Expr] = {}
    for term in sp.Add.make_args(sp.expand(poly_form)):
        rest, tpart = term.as_independent(*tsyms, as_Add=False)
        groups[tpart] = groups.get(tpart, 0) + rest
    groups = {k: v for k, v in groups.items() if v != 0}
    if len(groups) != 2:
        return None
    (m1, a1), (m2, a2) = sorted(groups.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    ratio = sp.powsimp(m1 / m2)
    w = sp.Integer(0)
    for base, ex in ratio.as_powers_dict().items():
        if base not in exp_bases or not sp.sympify(ex, strict=True).is_Integer:
            return None
        w += ex * exp_bases[base].args[0]
    w = sp.expand(w)
    if any(t in a1.free_symbols or t in a2.free_symbols for t in tsyms):
        return None
    if not (a1.is_polynomial(var) and a2.is_polynomial(var)) or a1.atoms(sp.Function) or a2.atoms(sp.Function):
        return None
    try:
        wp = sp.Poly(w, var)
    except sp.PolynomialError:
        return None
    if wp.degree() < 1:
        return None
    return a1, a2, w


def two_term_pattern(f: sp.Expr, poly_form: sp.Expr, exp_bases: dict, lo, hi, ctx, depth: int) -> Pattern:
    from symact.decide.analyze import compress, pattern, sign_at_zero

    var = ctx.var
    parts = split_two_terms(poly_form, exp_bases, var)
    if parts is None:
        raise Undecided("not of the form P exp(w) + Q")
    P, Q, w = parts
    g = P * sp.exp(w) + Q  # f divided by a positive factor
    pP, pQ = pattern(P, lo, hi, ctx, depth), pattern(Q, lo, hi, ctx, depth)
    if pP.identically_zero or pQ.identically_zero:
        raise Undecided("a degenerate two-term form")
    both = multiply([pP, pQ], lo, hi)
    cuts = both.zeros
    items: list = []
    for k in range(len(cuts) + 1):
        a = lo if k == 0 else cuts[k - 1]
        b = hi if k == len(cuts) else cuts[k]
        left, right = both.gap_bounds(k)
        if not both.gap_is_empty(k):
            p = sample_point(left, right)
            sp_, sq = balls.ball_sign(balls.at_point(P, var, p, 256)), balls.ball_sign(balls.at_point(Q, var, p, 256))
            if sp_ is None or sq is None:
                raise Undecided("cannot certify the signs of P and Q on a stretch")
            if sp_ == sq:
                items.append(sp_)
            else:
                items.extend(_log_stretch(P, Q, w, a, b, sp_, ctx, depth))
        if k < len(cuts):
            z = cuts[k]
            s = sign_at_zero(g, z, ctx)
            items.append(z if s == 0 else s)

    zeros, signs = compress(items)
    out = Pattern(lo, hi, zeros, signs)
    out.why.append(f"{sp.sstr(f)} has the sign of P exp(w) + Q with P = {sp.sstr(P)}, Q = {sp.sstr(Q)}, "
                   f"w = {sp.sstr(w)}; where P and -Q share a sign it is sign(P) * sign(w - log(-Q/P)), whose "
                   f"derivative is rational")
    return out


def _log_stretch(P, Q, w, a, b, sP: int, ctx, depth: int) -> list:
    """Signs and zeros of P exp(w) + Q on the open stretch between cut points a and b (P, Q opposite signs)."""
    from symact.decide.analyze import DEFAULT_DEPTH, exact_solution, find_zero, pattern

    var = ctx.var
    h = w - sp.log(-Q / P)
    R = sp.expand(sp.diff(w, var) * P * Q - sp.diff(Q, var) * P + sp.diff(P, var) * Q)
    lo = a if not isinstance(a, Zero) else (a.exact if a.exact is not None else a.lo)
    hi = b if not isinstance(b, Zero) else (b.exact if b.exact is not None else b.hi)
    pR = pattern(R, lo, hi, ctx, depth)
    inner_lo = a.hi if isinstance(a, Zero) else lo
    inner_hi = b.lo if isinstance(b, Zero) else hi
    inner = []
    for z in pR.zeros:
        if z.exact is not None and (z.exact == lo or z.exact == hi):
            continue
        if (inner_lo.is_finite and z.lo <= inner_lo) or (inner_hi.is_finite and z.hi >= inner_hi):
            raise Undecided("a critical point of h too close to a zero of P or Q")
        inner.append(z)
    # sign of h at the ends of the stretch
    signs_at = [_h_end_sign(h, P, Q, w, a, lo, +1, ctx)]
    for z in inner:
        if z.exact is not None:
            ball = balls.at_point(h, var, z.exact, 256)
        else:
            ball = balls.on_interval(h, var, z.lo, z.hi, 256)
        s = balls.ball_sign(ball)
        if s is None:
            raise Undecided(f"h may vanish at its critical point {z.describe()}")
        signs_at.append(s)
    signs_at.append(_h_end_sign(h, P, Q, w, b, hi, -1, ctx))
    points = [("end", lo, a)] + [("zero", z, z) for z in inner] + [("end", hi, b)]
    items: list = []
    for k in range(len(points) - 1):
        s1, s2 = signs_at[k], signs_at[k + 1]
        if s1 == s2:
            items.append(sP * s1)
            continue
        left = _inner_rational(h, points[k], _bound(points[k + 1], "lo"), +1, s1, ctx)
        right = _inner_rational(h, points[k + 1], left, -1, s2, ctx)
        z = find_zero(h, left, right, s1, ctx, exact=False)
        if depth >= DEFAULT_DEPTH - 1:
            exact = exact_solution(P * sp.exp(w) + Q, z.lo, z.hi, ctx)
            if exact is not None:
                z = Zero(z.lo, z.hi, exact)
        items += [sP * s1, z, sP * s2]
    return items


def _h_end_sign(h, P, Q, w, cut, end, inward: int, ctx) -> int:
    """Sign of h near an end of the stretch: -1 at a zero of P, +1 at a zero of Q, sign of w at +-oo."""
    var = ctx.var
    if end in (sp.oo, -sp.oo):
        wp = sp.Poly(w, var)
        from symact.decide.context import const_sign

        s = const_sign(wp.LC(), ctx) * (1 if end is sp.oo or wp.degree() % 2 == 0 else -1)
        return s
    if isinstance(cut, Zero) and cut.exact is None:
        p_nonzero = balls.ball_sign(balls.on_interval(P, var, cut.lo, cut.hi, 256)) is not None
        q_nonzero = balls.ball_sign(balls.on_interval(Q, var, cut.lo, cut.hi, 256)) is not None
        if p_nonzero != q_nonzero:
            return 1 if p_nonzero else -1  # the zero is Q's (h -> +oo) or P's (h -> -oo)
        raise Undecided("cannot tell whether a zero belongs to P or to Q")
    if isinstance(cut, Zero):
        pz = _vanishes(P, end, ctx)
        qz = _vanishes(Q, end, ctx)
        if pz and not qz:
            return -1
        if qz and not pz:
            return 1
        raise Undecided("P and Q vanish together")
    s = balls.ball_sign(balls.at_point(h, var, end, 256))
    if s is None:
        pz, qz = _vanishes(P, end, ctx), _vanishes(Q, end, ctx)
        if pz != qz:
            return -1 if pz else 1
        raise Undecided("h may vanish at an end of the interval")
    return s


def _vanishes(p, point, ctx) -> bool:
    from symact.decide.context import exact_zero

    ball = balls.at_point(p, ctx.var, point, 256)
    if balls.ball_sign(ball) is not None:
        return False
    return exact_zero(p.subs(ctx.var, point), ctx, 1.0)


def _bound(point, side: str):
    """A rational (or infinite) bound of a cut point: its enclosure's ``side`` end, or the point itself."""
    kind, where, _ = point
    if kind == "zero":
        return where.lo if side == "lo" else where.hi
    if where in (sp.oo, -sp.oo) or where.is_Rational:
        return where
    return balls.to_rational(balls.constant(where, 256), side)


def _inner_rational(h, point, other, inward: int, want: int, ctx):
    """A rational strictly inside the stretch (between ``point`` and the rational bound ``other``) near
    ``point`` where h has the certified sign ``want``."""
    kind, where, _ = point
    var = ctx.var
    if kind == "zero":
        return where.hi if inward > 0 else where.lo

    def ok(c):
        return balls.ball_sign(balls.at_point(h, var, c, 256)) == want

    if where in (sp.oo, -sp.oo):
        anchor = sp.Integer(0) if other in (sp.oo, -sp.oo) else sp.Rational(other)
        step = sp.Integer(1)
        for _ in range(64):
            cand = anchor + step if where is sp.oo else anchor - step
            if ok(cand):
                return cand
            step *= 2
        raise Undecided("no point with the limiting sign found")
    if where.is_Rational and ok(where):
        return where
    base = _bound(point, "hi" if inward > 0 else "lo")
    step = (abs(sp.Rational(other) - base) / 2) if other not in (sp.oo, -sp.oo) else sp.Integer(1)
    for _ in range(200):
        cand = base + inward * step
        if ok(cand):
            return cand
        step /= 2
    raise Undecided("no point with the limiting sign found near a zero of P or Q")

"""Values at points and limits at the ends of an interval: exact dominance arguments first, SymPy's
Gruntz algorithm (under the budget) otherwise."""
from __future__ import annotations

import sympy as sp

from symact.decide import _arb
from symact.decide.context import Context
from symact.decide.factorize import exp_substitution, rewrite_hyperbolic
from symact.decide.pattern import Undecided


def value_at(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, ctx: Context, direction: str = "+") -> sp.Expr:
    """f(point), or the one-sided limit there when substitution is not finite; +-oo ends use limits."""
    if point in (sp.oo, -sp.oo):
        return limit_value(expr, var, point, ctx, "-" if point is sp.oo else "+")
    v = expr.subs(var, point)
    if v.is_finite and not v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return v
    return limit_value(expr, var, point, ctx, direction)


def limit_value(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, ctx: Context, direction: str = "+") -> sp.Expr:
    key = (expr, var, point, direction)
    if key in _LIMITS:
        return _LIMITS[key]
    simpler = rewrite_hyperbolic(expr)
    value = exp_poly_limit(simpler, var, point) if point in (sp.oo, -sp.oo) else None
    if value is None:
        value = ctx.run(lambda: sp.limit(simpler, var, point, direction), 3.0, f"the limit at {point}")
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds, sp.nan, sp.zoo) or (value.has(sp.I)):
        raise Undecided(f"the limit of {expr} at {point} was not found")
    if len(_LIMITS) > 5000:
        _LIMITS.clear()
    _LIMITS[key] = value
    return value


_LIMITS: dict = {}


def _num_sign(c: sp.Expr) -> int | None:
    if c.is_Rational:
        return int(sp.sign(c))
    try:
        return _arb.ball_sign(_arb.constant(c, 128))
    except _arb.ArbUnsupported:
        return None


def _sign_at(p: sp.Poly, point) -> int | None:
    """Sign of the nonzero polynomial p(x) as x -> point (+-oo): its leading term's."""
    s = _num_sign(p.LC())
    if s is None:
        return None
    return s * (1 if point is sp.oo or p.degree() % 2 == 0 else -1)


def _dominant(e: sp.Expr, var: sp.Symbol, sub: dict, point):
    """(exponent E(x), P(x)) of the term P(x) exp(E(x)) of e = sum P_j(x) exp(E_j(x)) that dominates at
    ``point``: E_i - E_j is a non-constant polynomial for distinct groups, so its leading term decides."""
    ts = list(sub)
    gens = [var] + ts + [1 / t for t in ts]
    try:
        p = sp.Poly(sp.expand(e), *gens)
    except sp.PolynomialError:
        return None
    groups: dict[tuple, sp.Expr] = {}
    for monom, c in p.terms():
        ks = tuple(monom[1 + i] - monom[1 + len(ts) + i] for i in range(len(ts)))
        groups[ks] = groups.get(ks, 0) + c * var ** monom[0]
    groups = {k: v for k, v in groups.items() if v != 0}
    if not groups:
        return None
    best = None
    for ks, coeff in groups.items():
        E = sp.expand(sum(k * sub[t].args[0] for k, t in zip(ks, ts)))
        if best is None:
            best = (E, coeff)
            continue
        diff = sp.expand(E - best[0])
        try:
            dpoly = sp.Poly(diff, var)
        except sp.PolynomialError:
            return None
        if dpoly.degree() < 1:
            return None
        s = _sign_at(dpoly, point)
        if s is None:
            return None
        if s > 0:
            best = (E, coeff)
    return best


def exp_poly_limit(expr: sp.Expr, var: sp.Symbol, point) -> sp.Expr | None:
    """The limit at +-oo of a rational function of x and exponentials exp(c x^k) (numeric coefficients).

    Numerator and denominator are sums of P_j(x) exp(E_j(x)) with polynomial exponents E_j; the term whose
    exponent grows fastest dominates each (E_i - E_j is a non-constant polynomial, and exp of it beats any
    polynomial factor).  The ratio of the two dominant terms then decides: exp(E_N - E_D) -> oo gives +-oo,
    -> 0 gives 0, and equal exponents leave the limit of P_N / P_D (degrees and leading coefficients).
    """
    e, sub = exp_substitution(expr, var)
    if any(not sp.Poly(b.args[0], var).is_monomial if b.args[0].is_polynomial(var) else True
           for b in sub.values()):
        return None
    num, den = sp.fraction(sp.together(e))
    if num == 0:
        return sp.Integer(0)
    dn, dd = _dominant(num, var, sub, point), _dominant(den, var, sub, point)
    if dn is None or dd is None:
        return None
    (en, pn), (ed, pd) = dn, dd
    pn, pd = sp.Poly(pn, var), sp.Poly(pd, var)
    sn, sd = _sign_at(pn, point), _sign_at(pd, point)
    if sn is None or sd is None:
        return None
    net = sp.expand(en - ed)
    if net != 0:
        try:
            npoly = sp.Poly(net, var)
        except sp.PolynomialError:
            return None
        if npoly.degree() < 1:
            return None
        s = _sign_at(npoly, point)
        if s is None:
            return None
        return (sp.oo if sn * sd > 0 else -sp.oo) if s > 0 else sp.Integer(0)
    if pn.degree() > pd.degree():
        return sp.oo if sn * sd > 0 else -sp.oo
    if pn.degree() < pd.degree():
        return sp.Integer(0)
    return sp.simplify(pn.LC() / pd.LC())

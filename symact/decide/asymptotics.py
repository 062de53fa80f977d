"""Behaviour at the ends of an interval: values at points, limits, and the sign of an exponential polynomial
on a whole tail.

Limits at +-oo of rational functions of x and exponentials exp(p(x)) (p a polynomial) come from an exact
dominance argument (:func:`exp_poly_limit`); other limits from SymPy's Gruntz algorithm under the budget.
The tail-dominance certificate (:func:`tail_sign`, :func:`tail_radius`) gives an explicit R beyond which
such a function has a constant, certified sign.  Both read the function as numerator and denominator, each a
sum of terms c x^i exp(p(x)) ordered by growth (:func:`exp_poly_terms`).  The sign engine of
:mod:`symact.decide` and the property engine of :mod:`symact.properties` share all of it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import flint
import sympy as sp

from symact.decide import balls
from symact.decide.context import Context, attempt
from symact.decide.factorize import rewrite_hyperbolic
from symact.decide.pattern import Undecided


# --------------------------------------------------------------------------- values and limits
def value_at(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, ctx: Context, direction: str = "+",
             cap: float = 3.0) -> sp.Expr:
    """f(point), or the one-sided limit there when substitution is not finite; +-oo ends use limits."""
    if point in (sp.oo, -sp.oo):
        return limit_value(expr, var, point, ctx, "-" if point is sp.oo else "+", cap)
    v = expr.subs(var, point)
    if v.is_finite and not v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return v
    return limit_value(expr, var, point, ctx, direction, cap)


def limit_value(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, ctx: Context, direction: str = "+",
                cap: float = 3.0) -> sp.Expr:
    """The exact one-sided limit (``direction`` '+' or '-'; ignored at +-oo), a number or +-oo.

    At +-oo the exact dominance argument of :func:`exp_poly_limit` comes first; otherwise SymPy's ``limit``
    runs for at most ``cap`` seconds of the context's budget.  Raises :class:`Undecided` when no number is
    found (no limit, an oscillation, a timeout).
    """
    key = (expr, var, point, direction)
    if key in _LIMITS:
        return _LIMITS[key]
    value = None
    if point in (sp.oo, -sp.oo):
        value = exp_poly_limit(expr, var, point, max(0.05, min(4.0, ctx.remaining())))
    if value is None:
        simpler = rewrite_hyperbolic(expr)
        value = ctx.run(lambda: sp.limit(simpler, var, point, direction), cap, f"the limit at {point}")
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds, sp.nan, sp.zoo, sp.I) or value.free_symbols:
        raise Undecided(f"the limit of {expr} at {point} was not found or is not a number ({value})")
    if len(_LIMITS) > 5000:
        _LIMITS.clear()
    _LIMITS[key] = value
    return value


def limit_within(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, direction: str = "+",
                 seconds: float = 6.0) -> sp.Expr:
    """:func:`limit_value` with a budget of its own (for callers without a :class:`Context`)."""
    return limit_value(expr, var, point, Context.start(var, seconds), direction, seconds)


_LIMITS: dict = {}


def end_values(f: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr, closed_lo: bool, closed_hi: bool,
               ctx: Context, cap: float = 3.0) -> list[tuple[sp.Expr, sp.Expr, bool]]:
    """What the two ends of an interval contribute to the sup / inf of a continuous f on it: (end, value,
    attained), the value f(end) at a closed finite end, else the one-sided limit from inside (+-oo too)."""
    out = []
    for end, closed, inward in ((lo, closed_lo, "+"), (hi, closed_hi, "-")):
        if end.is_finite and closed:
            out.append((end, f.subs(var, end), True))
        else:
            out.append((end, limit_value(f, var, end, ctx, inward, cap), False))
    return out


# --------------------------------------------------------------------------- exponential polynomials
@dataclass(frozen=True)
class Term:
    """c x^i exp(p(x)): exact coefficient ``c`` (free of x), its ball, the power ``i``, the exponent ``p``
    (a polynomial without constant term; exp(p(0)) is part of ``c``)."""

    c: sp.Expr
    ball: flint.arb
    i: int
    p: sp.Poly


class _NoOrder(Exception):
    """Two terms whose growth could not be compared (a leading coefficient not certified nonzero)."""


def _num_sign(c: sp.Expr) -> int | None:
    """The certified sign of a nonzero constant (None when its ball contains 0 or cannot be computed)."""
    if c.is_Rational:
        return int(sp.sign(c)) or None
    return balls.ball_sign(balls.enclose(c))


def _compare_growth(a: Term, b: Term) -> int:
    """-1, 0, 1 as a grows slower than, like, faster than b at +oo (exact; equal growth means equal
    exponent and power).  Raises :class:`_NoOrder` when the exponents' difference has no certified sign."""
    d = a.p - b.p
    if not d.is_zero:
        s = _num_sign(d.LC())
        if s is None:
            raise _NoOrder(d)
        return s
    return (a.i > b.i) - (a.i < b.i)


def _terms(expr: sp.Expr, var: sp.Symbol) -> list[Term] | None:
    """``expr`` (a polynomial in x and exponentials of polynomials) as merged terms c x^i exp(p(x)), sorted
    by growth at +oo (slowest first), or None."""
    expr = sp.expand(sp.powsimp(sp.expand(expr), combine="exp"))
    merged: dict[tuple, list] = {}
    for term in sp.Add.make_args(expr):
        coeff, i, exponent = sp.Integer(1), 0, sp.Integer(0)
        for factor in sp.Mul.make_args(term):
            if not factor.has(var):
                coeff *= factor
            elif factor == var:
                i += 1
            elif factor.is_Pow and factor.base == var and factor.exp.is_Integer and factor.exp > 0:
                i += int(factor.exp)
            elif isinstance(factor, sp.exp):
                exponent += factor.args[0]
            elif factor.is_Pow and isinstance(factor.base, sp.exp) and factor.exp.is_Integer:
                exponent += factor.base.args[0] * factor.exp
            else:
                return None
        try:
            p = sp.Poly(sp.expand(exponent), var)
        except sp.PolynomialError:
            return None
        if p.TC() != 0:  # exp(p(0)) is a constant factor
            coeff *= sp.exp(p.TC())
            p = p - p.TC()
        key = (i, p.as_expr())
        merged[key] = merged.get(key, sp.Integer(0)) + coeff
    out = []
    for (i, p), c in merged.items():
        p = sp.Poly(p, var)
        if c == 0:
            continue
        if c.has(sp.I) or any(v.has(sp.I) for v in p.all_coeffs()):
            return None
        ball = balls.enclose(c)
        if ball is None:
            return None
        out.append(Term(c, ball, i, p))
    try:
        return sorted(out, key=functools.cmp_to_key(_compare_growth))
    except _NoOrder:
        return None


def _forms(expr: sp.Expr, seconds: float, unfinished: list):
    """Exact rewrites of ``expr`` in exponentials over a common denominator, one at a time: hyperbolic
    functions only, then everything SymPy rewrites in exp (2**x, ...); complex forms are skipped.  A rewrite
    that does not finish in ``seconds`` (or fails) is noted in ``unfinished``."""
    seen = []
    for rewrite in (rewrite_hyperbolic, lambda e: e.rewrite(sp.exp)):
        ok, form = attempt(lambda: sp.together(rewrite(sp.sympify(expr, strict=True))), seconds)
        if not ok:
            unfinished.append(form)
        elif form not in seen and not form.has(sp.I):
            seen.append(form)
            yield form


_TERMS: dict = {}


def exp_poly_terms(expr: sp.Expr, var: sp.Symbol, side: int, seconds: float = 4.0
                   ) -> tuple[list[Term], list[Term]] | None:
    """(numerator, denominator) of expr(side * x), each as terms sorted by growth at +oo; None when expr is
    not a rational function of x and exponentials of polynomials (or its rewriting takes more than
    ``seconds``).  A zero numerator gives ``[]``.  Cached (an unfinished rewrite is not)."""
    key = (expr, var, side)
    if key in _TERMS:
        return _TERMS[key]
    result, unfinished = None, []
    for form in _forms(expr, seconds, unfinished):
        num, den = sp.fraction(form)
        num, den = (sp.expand(e.xreplace({var: side * var})) for e in (num, den))
        tn = [] if num == 0 else _terms(num, var)
        td = _terms(den, var)
        if tn is not None and td:
            result = (tn, td)
            break
    if result is not None or not unfinished:
        if len(_TERMS) > 4096:
            _TERMS.clear()
        _TERMS[key] = result
    return result


def exp_poly_limit(expr: sp.Expr, var: sp.Symbol, point, seconds: float = 4.0) -> sp.Expr | None:
    """The limit at +-oo of a rational function of x and exponentials exp(p(x)) (p polynomials), or None.

    Numerator and denominator are sums of terms c x^i exp(p(x)); the term of fastest growth dominates each
    (two distinct terms differ by exp(q) x^k with q a non-constant polynomial, or by a power of x, and the
    leading coefficient of q is certified).  The ratio of the two dominant terms decides: faster growth of
    the numerator gives +-oo (the sign of c_N / c_D, certified), slower gives 0, equal growth c_N / c_D.
    """
    if point not in (sp.oo, -sp.oo):
        return None
    parts = exp_poly_terms(expr, var, 1 if point == sp.oo else -1, seconds)
    if parts is None:
        return None
    num, den = parts
    if not num:
        return sp.Integer(0)
    if not (_strictly_dominant(num) and _strictly_dominant(den)):
        return None
    top_n, top_d = num[-1], den[-1]
    sn, sd = balls.ball_sign(top_n.ball), balls.ball_sign(top_d.ball)
    if sn is None or sd is None:
        return None
    try:
        order = _compare_growth(top_n, top_d)
    except _NoOrder:
        return None
    if order > 0:
        return sp.oo if sn * sd > 0 else -sp.oo
    if order < 0:
        return sp.Integer(0)
    return sp.simplify(top_n.c / top_d.c)


def _strictly_dominant(terms: list[Term]) -> bool:
    """Whether the last term grows strictly faster than every other (certified)."""
    try:
        return len(terms) < 2 or _compare_growth(terms[-1], terms[-2]) > 0
    except _NoOrder:
        return False


# --------------------------------------------------------------------------- the tail-dominance certificate
def tail_sign(expr: sp.Expr, var: sp.Symbol, side: int, radius: sp.Integer) -> int | None:
    """The sign of expr for side*x >= radius, certified by a dominance bound, or None.

    expr is put over a common denominator N/D; for each of N and D, written as sum c_k x^i_k exp(p_k(x)),
    every term's ratio to the dominant term T, r_k = (c_k/c_T) x^(i_k-i_T) exp(p_k - p_T), is shown to be
    non-increasing in |.| for x >= radius (its log-derivative times x, (i_k-i_T) + x (p_k-p_T)', is <= 0
    there: every coefficient of that polynomial shifted by radius is <= 0); then
    |sum r_k| <= sum |r_k(radius)| < 1 gives sign = sign(c_T).  (The bound holds whatever the order of the
    terms; the order only picks the candidate T.)
    """
    parts = exp_poly_terms(expr, var, side)
    if parts is None or not parts[0]:
        return None
    signs = [_dominant_sign(terms, var, radius) for terms in parts]
    if None in signs:
        return None
    return signs[0] * signs[1]


def _dominant_sign(terms: list[Term], var: sp.Symbol, radius: sp.Integer) -> int | None:
    top = terms[-1]
    s = balls.ball_sign(top.ball)
    if s is None:
        return None
    total = flint.arb(0)
    rad = balls.enclose(radius)
    for t in terms[:-1]:
        q = (t.p - top.p).as_expr()
        k = t.i - top.i
        shifted = sp.Poly(sp.expand((k + var * sp.diff(q, var)).subs(var, var + radius)), var)
        for coeff in shifted.all_coeffs():
            cb = balls.enclose(coeff)
            if cb is None or not cb <= 0:
                return None
        e_q = balls.enclose(sp.exp(q), radius, var=var)
        if e_q is None:
            return None
        total += abs(abs(t.ball / top.ball) * rad ** k * e_q)
    return s if total < 1 else None


def tail_radius(expr: sp.Expr, var: sp.Symbol, side: int) -> sp.Integer:
    """R such that expr has a constant, non-zero sign for side*x >= R (certified by :func:`tail_sign`)."""
    for r in (2, 3, 4, 6, 8, 12, 16, 24, 32, 64):
        if tail_sign(expr, var, side, sp.Integer(r)) is not None:
            return sp.Integer(r)
    raise Undecided(f"no certified sign of {expr} on the {'right' if side > 0 else 'left'} tail")


__all__ = ["value_at", "limit_value", "limit_within", "end_values", "exp_poly_terms", "exp_poly_limit", "tail_sign",
           "tail_radius", "Term"]

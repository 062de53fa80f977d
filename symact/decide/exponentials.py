"""Exponentials of linear functions of x as powers of one generator, for SymPy's ``cancel`` and ``factor`` (search
side: the forms they give are proposals, checked by the kernel).  SymPy writes exp(851 x/500) as exp(x/500)^851, a
polynomial of degree 851 that ``sp.factor`` takes seconds on; :func:`combined` writes it as T = exp(851 x/500)."""
from __future__ import annotations

import math

import sympy as sp

from symact.catalog.registry import X


def linear_exponentials(e: sp.Expr) -> list[tuple]:
    """(exp(c x + d), c, d, rate) for each exponential of a linear function of x in ``e`` (c rational, d a
    number): each is exp(d) T^(+-c/rate) with T = exp(-rate |x|), rate the greatest common divisor g of the
    slopes where each is a small multiple of it (exp(2x) is 1/T^2 with exp(x) = 1/T: cancel then sees their
    common factors), else |c| (one T per slope)."""
    linear = []
    for atom in e.atoms(sp.exp):
        arg = sp.expand(atom.args[0])
        c, d = arg.coeff(X, 1), arg.coeff(X, 0)
        if c.is_Rational and c != 0 and d.is_number and sp.expand(c * X + d - arg) == 0:
            linear.append((atom, c, d))
    if not linear:
        return []
    rates = {abs(c) for _, c, _ in linear}
    g = sp.Rational(math.gcd(*(int(r.p) for r in rates)), math.lcm(*(int(r.q) for r in rates)))
    one = max(rates) / g <= 8
    return [(atom, c, d, g if one else abs(c)) for atom, c, d in linear]


def combined(expr: sp.Expr, combine) -> sp.Expr:
    """``combine(expr)`` (``sp.cancel`` or ``sp.factor``) with each exponential of a linear function of x a power
    of T = exp(rate x) (:func:`linear_exponentials`) where SymPy would take a power of exp(x/L) above 8, L the
    common denominator of the slopes (x*sigmoid(1.702*x): exp(851 x/500) is exp(x/500)^851, a polynomial of
    degree 851 that ``sp.factor`` took seconds on; here it is T)."""
    linear = linear_exponentials(expr)
    den = math.lcm(*(int(c.q) for _, c, _, _ in linear)) if linear else 1
    if all(abs(c) * den <= 8 for _, c, _, _ in linear):
        return combine(expr)
    subs, back = {}, {}
    for atom, c, d, rate in linear:
        subs[atom] = sp.exp(d) * back.setdefault(rate, sp.Dummy("t")) ** int(c / rate)
    return combine(expr.xreplace(subs)).xreplace({t: sp.exp(rate * X) for rate, t in back.items()})

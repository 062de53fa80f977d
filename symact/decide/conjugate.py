"""Conjugate forms of a difference with a square root, for the kernel's ``limit`` rule: proposals only.

sqrt(x^2 + x) - x at +oo is oo - oo to the kernel's calculus; multiplied by its conjugate it is
x/(sqrt(x^2 + x) + x), and with x pulled out of the root (:func:`symact.decide.terms_sympy.limit_forms`)
1/(1 + sqrt(1 + 1/x)), whose limit 1/2 the calculus computes term by term.  Each form comes with factored forms
of the polynomials under its roots (each factor signed to be positive far out toward the end: x (x + 1)), which
the kernel's exact algebra may use to take a root of a product apart; the kernel checks that the form equals f on
the ray, or rejects the node.
"""
from __future__ import annotations

import sympy as sp

from symact.budget import run_with_budget
from symact.decide.terms_sympy import limit_forms, to_sympy
from symact.kernel.terms import TermError, to_json
from symact.sympy_terms import from_sympy

_X = sp.Symbol("x", real=True)
_FAR = 2 ** 20


def conjugate_forms(t, side: int) -> list[tuple]:
    """[(h, factored), ...]: kernel terms h proposed equal to the kernel term t far out toward side * oo, each
    summand with a square root a of t (t = a + b) giving (a^2 - b^2)/(a - b) in the form of ``limit_forms``, with
    the JSON of factored forms of the polynomials under the square roots of t."""
    try:
        e = to_sympy(t)
    except TermError:
        return []
    roots = [a for a in e.atoms(sp.Pow) if a.exp == sp.Rational(1, 2) and a.base.is_polynomial(_X)
             and sp.degree(a.base, _X) >= 1]
    if not roots or not e.is_Add:
        return []
    factored = [f for f in (_factored(a.base, side) for a in roots) if f is not None]
    out = []
    for a in (u for u in e.args if u.has(*roots)):
        b = e - a
        ok, h = run_with_budget(lambda: sp.expand(a ** 2 - b ** 2) / (a - b), 1.0)
        if not ok:
            continue
        try:
            term = from_sympy(h, _X)
        except TermError:
            continue
        out += [(g, factored) for g in [*limit_forms(term, side), term]]
    return list({repr(g): (g, f) for g, f in out}.values())


def _factored(p: sp.Expr, side: int):
    """The JSON of p as a product of its irreducible factors, each signed to be positive at x = side 2^20 (so that
    the root of the product is the product of roots there), or None where p has one factor or a negative constant
    there."""
    try:
        ok, found = run_with_budget(lambda: sp.factor_list(p, _X), 1.0)
        if not ok or sum(k for _, k in found[1]) < 2:
            return None
        c, factors = found
        parts = []
        for f, k in factors:
            s = 1 if f.subs(_X, side * _FAR) > 0 else -1
            c, f = c * s ** k, s * f
            parts.append(f if k == 1 else sp.Pow(f, k, evaluate=False))
        if not c > 0:
            return None
        return to_json(from_sympy(sp.Mul(sp.Rational(c), *parts, evaluate=False) if c != 1
                                  else sp.Mul(*parts, evaluate=False), _X))
    except (TermError, TypeError, ValueError, sp.PolynomialError):
        return None


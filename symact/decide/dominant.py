"""Proposals for limits at +-oo where a sum's terms race (oo - oo): its dominant term pulled out, or half of it as
a bound (search only: the kernel checks every equality and every bound, :mod:`symact.kernel.limit_claim`).

Which term dominates is read off magnitudes far out (at x = +-64), a guess the kernel never trusts: a wrong
guess only gives a form or a bound the kernel rejects."""
from __future__ import annotations

import sympy as sp

from symact.budget import run_with_budget
from symact.decide.factorize import rewrite_hyperbolic
from symact.decide.terms_sympy import proposed_form, to_sympy
from symact.kernel.terms import TermError
from symact.sympy_terms import from_sympy

_X = sp.Symbol("x", real=True)
_FAR = 64
#: how many times larger (far out) the dominant term must be than every other one
_MARGIN = 4


def _size(a: sp.Expr, side: int) -> float | None:
    try:
        value = complex(a.subs(_X, side * _FAR).evalf(20))
    except (TypeError, ValueError, ArithmeticError):
        return None
    return abs(value) if value.imag == 0 else None


def _dominant(terms, side: int):
    """The term of a sum that is far larger than each other one at side * 64 (a sum of one term: that term), or
    None."""
    sizes = [_size(a, side) for a in terms]
    if None in sizes:
        return None
    if len(terms) == 1:
        return terms[0]
    top = max(range(len(terms)), key=sizes.__getitem__)
    rest = [s for i, s in enumerate(sizes) if i != top]
    return terms[top] if sizes[top] > _MARGIN * max(rest) else None


def _pulled(e: sp.Expr, side: int):
    """(D, e / D) for the dominant term D of the expanded sum e (e / D a sum of 1 and ratios that tend to 0, each
    with its exponentials merged: x e^x / e^(2x) = x e^-x); (1, e) when e is no such sum."""
    terms = sp.Add.make_args(sp.expand(e))
    top = _dominant(terms, side)
    if top is None:
        return sp.Integer(1), e
    return top, sp.Add(*(sp.powsimp(a / top, combine="exp") for a in terms))


def dominant_forms(t, side: int) -> list:
    """Kernel terms equal to the kernel term t (hyperbolic functions written in exponentials) with the dominant
    term of its numerator and of its denominator pulled out: exp(x) - 1 - x = e^x (1 - e^-x - x e^-x),
    sinh(x)/cosh(x) = (1 - e^-2x)/(1 + e^-2x), whose limits the kernel's calculus resolves term by term."""
    try:
        e = to_sympy(t)
    except TermError:
        return []

    def form():
        n, d = sp.fraction(sp.together(rewrite_hyperbolic(e)))
        (dn, rn), (dd, rd) = _pulled(n, side), _pulled(d, side)
        return sp.Mul(sp.powsimp(dn / dd, combine="exp"), rn / rd, evaluate=False)

    return proposed_form(form, e)


def bounds(t, side: int) -> list:
    """Bounds of the kernel term t far out toward side * oo, as kernel terms: half its dominant term D (hyperbolic
    functions in exponentials), t >= D/2 where D -> +oo (t <= D/2 where D -> -oo), whose limit the kernel may
    resolve where t's it does not (x - sin(x) >= x/2, log(1 + x) - x <= -x/2); then, where t is far out larger
    than x, the line x/2 with t's sign ((e^x - 1 - x)/x^2 >= x/2 where the kernel has no limit of e^x/x^2)."""
    try:
        e = to_sympy(t)
    except TermError:
        return []

    def proposed():
        top = _dominant(sp.Add.make_args(sp.expand(rewrite_hyperbolic(e))), side)
        far = _size(e, side)
        line = [] if far is None or far < _MARGIN * _FAR else [sp.sign(e.subs(_X, side * _FAR)) * side * _X / 2]
        return ([] if top is None else [top / 2]) + line

    ok, found = run_with_budget(proposed, 1.0)
    out = []
    for h in found if ok else []:
        try:
            out += [g for g in [from_sympy(h, _X)] if g not in out]
        except TermError:
            pass
    return out

"""Kernel terms to SymPy and back, for the search side (factoring proposals the kernel re-checks)."""
from __future__ import annotations

import sympy as sp

from symact.budget import run_with_budget
from symact.kernel.terms import TermError, from_sympy

_X = sp.Symbol("x", real=True)

_FUNCTIONS = {"exp": sp.exp, "log": sp.log, "sin": sp.sin, "cos": sp.cos, "tanh": sp.tanh, "sinh": sp.sinh,
              "cosh": sp.cosh, "atan": sp.atan, "asinh": sp.asinh, "erf": sp.erf, "erfc": sp.erfc,
              "lambertw": sp.LambertW}


def to_sympy(t) -> sp.Expr:
    head = t[0]
    if head == "x":
        return _X
    if head == "num":
        return sp.Rational(t[1].numerator, t[1].denominator)
    if head == "const":
        return sp.pi if t[1] == "pi" else sp.E
    if head == "add":
        return sp.Add(*(to_sympy(a) for a in t[1:]))
    if head == "mul":
        return sp.Mul(*(to_sympy(a) for a in t[1:]))
    if head == "pow":
        return sp.Pow(to_sympy(t[1]), sp.Rational(t[2].numerator, t[2].denominator))
    if head == "powt":
        return sp.Pow(to_sympy(t[1]), to_sympy(t[2]))
    if head == "fn":
        return _FUNCTIONS[t[1]](to_sympy(t[2]))
    raise TermError(f"no SymPy form for {head}")


def factored(t):
    """SymPy's factorisation of a smooth term, as a term (None when it fails or changes nothing)."""
    try:
        e = to_sympy(t)
    except TermError:
        return None
    ok, f = run_with_budget(lambda: sp.factor(sp.together(e)), 1.0)
    if not ok or f == e:
        return None
    try:
        return from_sympy(f, _X)
    except TermError:
        return None

"""Formal derivatives of smooth terms (sum, product, power and chain rules; function derivatives from
:mod:`symact.kernel.functions`).

Only terms without non-smooth nodes are differentiated (the callers resolve Piecewise, |u|, ... into smooth forms first).  The
formula is a term that is defined wherever the input is *openly* defined (positive bases of roots, positive
logarithm arguments, non-zero denominators), and there equals the derivative.  Multiplications by the literal
0 are dropped and sums of literal 0 folded: on that open domain this changes no value.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel.ivals import Uncertain
from symact.kernel.terms import ONE, ZERO, as_exp


def differentiate(t):
    head = t[0]
    if head == "x":
        return ONE
    if head in ("num", "const"):
        return ZERO
    if head == "add":
        return _add([differentiate(a) for a in t[1:]])
    if head == "mul":
        terms = []
        for i, a in enumerate(t[1:]):
            da = differentiate(a)
            if da != ZERO:
                terms.append(_mul([*t[1:i + 1], da, *t[i + 2:]]))
        return _add(terms)
    if head == "pow":
        q = t[2]
        du = differentiate(t[1])
        if q == 0 or du == ZERO:
            return ZERO
        lowered = ONE if q == 1 else ("pow", t[1], q - 1)
        return _mul([("num", Fraction(q)), lowered, du])
    if head == "powt":
        return differentiate(as_exp(t))
    if head == "fn":
        from symact.kernel.functions import FUNCTIONS

        du = differentiate(t[2])
        if du == ZERO:
            return ZERO
        return _mul([FUNCTIONS[t[1]].derivative(t[2]), du])
    raise Uncertain(f"cannot differentiate the non-smooth node {head}")


def _add(terms):
    terms = [a for a in terms if a != ZERO]
    if not terms:
        return ZERO
    return terms[0] if len(terms) == 1 else ("add", *terms)


def _mul(factors):
    if ZERO in factors:
        return ZERO
    factors = [a for a in factors if a != ONE]
    if not factors:
        return ONE
    return factors[0] if len(factors) == 1 else ("mul", *factors)

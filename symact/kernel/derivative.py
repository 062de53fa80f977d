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
from symact.kernel.terms import ONE, ZERO, as_exp, folded


def differentiate(t):
    head = t[0]
    if head == "x":
        return ONE
    if head in ("num", "const"):
        return ZERO
    if head == "add":
        return folded("add", [differentiate(a) for a in t[1:]])
    if head == "mul":
        return folded("add", [folded("mul", [*t[1:i + 1], differentiate(a), *t[i + 2:]]) for i, a in enumerate(t[1:])])
    if head == "pow":
        lowered = ONE if t[2] == 1 else ("pow", t[1], t[2] - 1)
        return ZERO if t[2] == 0 else folded("mul", [("num", Fraction(t[2])), lowered, differentiate(t[1])])
    if head == "powt":
        return differentiate(as_exp(t))
    if head == "fn":
        from symact.kernel.functions import FUNCTIONS

        return folded("mul", [FUNCTIONS[t[1]].derivative(t[2]), differentiate(t[2])])
    raise Uncertain(f"cannot differentiate the non-smooth node {head}")


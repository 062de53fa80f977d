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
        return _node("add", [differentiate(a) for a in t[1:]])
    if head == "mul":
        return _node("add", [_node("mul", [*t[1:i + 1], differentiate(a), *t[i + 2:]]) for i, a in enumerate(t[1:])])
    if head == "pow":
        lowered = ONE if t[2] == 1 else ("pow", t[1], t[2] - 1)
        return ZERO if t[2] == 0 else _node("mul", [("num", Fraction(t[2])), lowered, differentiate(t[1])])
    if head == "powt":
        return differentiate(as_exp(t))
    if head == "fn":
        from symact.kernel.functions import FUNCTIONS

        return _node("mul", [FUNCTIONS[t[1]].derivative(t[2]), differentiate(t[2])])
    raise Uncertain(f"cannot differentiate the non-smooth node {head}")


def _node(head: str, args: list):
    """The sum (``head`` "add") or product ("mul") of args, the literal units (0, 1) left out, a product with a
    literal 0 folded to 0."""
    unit = ZERO if head == "add" else ONE
    if head == "mul" and ZERO in args:
        return ZERO
    args = [a for a in args if a != unit]
    return unit if not args else args[0] if len(args) == 1 else (head, *args)

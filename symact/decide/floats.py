"""Kernel terms (:mod:`symact.kernel.terms`) evaluated in floating point, for the search only: floats find
candidates (sign changes, critical points, plausible relations) and decide nothing.

A term is turned once into nested closures (:func:`evaluator`), its rational constants into floats once, so a grid
of 129 points and the bisections after it walk the closures instead of dispatching on every node's head and
converting every constant at every point (the search's root finding on a degree-16 Taylor bound's derivative
spent a quarter of its decision in that walk).  The values are the same as a walk of the term: the same float
operations in the same order.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable

from symact.functions import REGISTRY

_FUNCTIONS = {f.name: f.math for f in REGISTRY.values() if f.kernel and f.math is not None}

#: what a term's float evaluation may raise where it fails (a value out of range, a pole, an unknown head)
_FAILURES = (ValueError, ZeroDivisionError, OverflowError, KeyError, TypeError)


def evaluator(t) -> Callable[[float], float | None]:
    """The function x -> t(x) in floating point, None where it fails."""
    try:
        f = _compiled(t)
    except _FAILURES:
        return lambda x: None

    def at(x: float) -> float | None:
        try:
            return f(x)
        except _FAILURES:
            return None
    return at


@lru_cache(maxsize=64)
def _compiled(t) -> Callable[[float], float]:
    """A function x -> t(x) in floating point (raises one of :data:`_FAILURES` where it fails, here already
    for a constant out of the float range or a head it does not know)."""
    return _build(t)


def _build(t) -> Callable[[float], float]:
    head = t[0]
    if head == "x":
        return _identity
    if head in ("num", "const"):
        c = float(t[1]) if head == "num" else math.pi if t[1] == "pi" else math.e   # "E"
        return lambda x: c
    if head == "add":
        parts = [_build(a) for a in t[1:]]
        return lambda x: math.fsum([f(x) for f in parts])
    if head == "mul":
        parts = [_build(a) for a in t[1:]]

        def product(x):
            out = 1.0
            for f in parts:
                out *= f(x)
            return out
        return product
    if head == "pow":
        base, q = _build(t[1]), t[2]
        if q.denominator == 1:
            n = q.numerator
            return lambda x: base(x) ** n
        e = float(q)

        def root(x):
            b = base(x)
            if b < 0:
                raise ValueError("a fractional power of a negative number")
            return b ** e
        return root
    if head == "powt":
        base, exponent = _build(t[1]), _build(t[2])
        return lambda x: base(x) ** exponent(x)
    if head == "fn":
        f, arg = _FUNCTIONS[t[1]], _build(t[2])
        return lambda x: f(arg(x))
    raise KeyError(head)


def _identity(x: float) -> float:
    return x

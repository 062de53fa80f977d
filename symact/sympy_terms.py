"""A claim's SymPy expression read into a kernel term, node for node (no simplification): so ``x**2/x`` built
without evaluation stays a quotient with its 0/0 at x = 0.  The kernel's own reader
(:func:`symact.kernel.terms.from_sympy`) takes the nodes of its function records' formulas; this one adds what
claims also hold: quantified parameters, sign, Heaviside, Max, Min, Piecewise with its conditions, derivatives,
and tan(u), read as sin(u) cos(u)^-1: the same value wherever tan(u) is defined, and undefined exactly where tan(u)
is (at the zeros of cos(u)), so the reading preserves both.
The kernel never trusts this reading: a certificate holds the claim's term, and ``verify`` shows it as read.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from symact.kernel import terms
from symact.kernel.terms import TermError


def from_sympy(e, var, params: tuple[str, ...] = ()) -> tuple:
    """The term of a SymPy expression in the symbol ``var``; symbols named in ``params`` (quantified parameters)
    become ``("param", name)``."""
    return terms.from_sympy(e, var, lambda a, read: _claim_node(a, read, var, params))


def _claim_node(e, read, var, params: tuple[str, ...]):
    if isinstance(e, sp.Symbol):
        if e.name in params:
            return ("param", e.name)
        raise TermError(f"free symbol {e} (only {var} may vary)")
    if isinstance(e, sp.Float):
        raise TermError("inexact number in a claim (write decimals as exact numbers)")
    if isinstance(e, sp.sign):
        return ("sign", read(e.args[0]))
    if isinstance(e, sp.Heaviside):
        h0 = e.args[1] if len(e.args) > 1 else sp.Rational(1, 2)
        if not h0.is_Rational:
            raise TermError(f"Heaviside value at 0 must be rational, got {h0}")
        return ("heaviside", read(e.args[0]), Fraction(int(h0.p), int(h0.q)))
    if isinstance(e, (sp.Max, sp.Min)):
        return ("max" if isinstance(e, sp.Max) else "min",) + tuple(read(a) for a in e.args)
    if isinstance(e, sp.Piecewise):
        return ("pw",) + tuple((read(x), _condition(c, read)) for x, c in e.args)
    if isinstance(e, sp.tan):
        u = read(e.args[0])
        return ("mul", ("fn", "sin", u), ("pow", ("fn", "cos", u), Fraction(-1)))
    if isinstance(e, sp.Derivative):
        inner = read(e.expr)
        for sym, count in e.variable_count:
            if sym != var and not (isinstance(sym, sp.Symbol) and sym.name in params):
                raise TermError(f"derivative with respect to {sym}")
            for _ in range(int(count)):
                inner = ("deriv", inner) if sym == var else ("dparam", sym.name, inner)
        return inner
    return None


_RELATIONS = {"StrictLessThan": "<", "LessThan": "<=", "StrictGreaterThan": ">", "GreaterThan": ">=",
              "Equality": "==", "Unequality": "!="}


def _condition(c, read) -> tuple:
    if c is sp.true or c is sp.false:
        return ("true",) if c is sp.true else ("false",)
    op = _RELATIONS.get(type(c).__name__)
    if op is not None:
        return ("rel", op, read(c.lhs), read(c.rhs))
    if isinstance(c, (sp.And, sp.Or)):
        return ("and" if isinstance(c, sp.And) else "or",) + tuple(_condition(a, read) for a in c.args)
    if isinstance(c, sp.Not):
        return ("not", _condition(c.args[0], read))
    if isinstance(c, sp.ITE):  # if a then b else c
        a, b, e = (_condition(arg, read) for arg in c.args)
        return ("or", ("and", a, b), ("and", ("not", a), e))
    raise TermError(f"the kernel does not read the condition {c}")

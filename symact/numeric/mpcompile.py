"""Compile a SymPy expression into an mpmath evaluator (a tree of closures; no code generation, no eval).

The evaluator is generated from the expression itself, node by node, so it computes exactly the function the
catalog defines, including ``Piecewise`` conditions at the kinks.  It runs at the current ``mpmath.mp``
precision; callers choose the precision (see :mod:`symact.numeric.reference`).

Supported nodes: numbers (Integer, Rational, Float taken at its decimal value, pi, E), symbols, Add, Mul, Pow,
the one-argument special functions of :mod:`symact.functions` (exp, log, tanh, erf, ...), Abs, sign, Heaviside,
Max, Min, Piecewise, relations, And/Or/Not and booleans.  ``DiracDelta`` (which appears in second derivatives of ``Abs``) evaluates to 0: the
evaluator computes the pointwise (classical) derivative, which is 0 wherever the delta's support is not hit and
undefined where it is.

A power or function of a real argument whose value is not real (sqrt(x), log(x) at x = -1) raises ValueError:
the expression has no real value there, even where later arithmetic would make the result real again
(log(x)**2 is -pi^2 at x = -1 in complex arithmetic).
"""
from __future__ import annotations

from typing import Callable, Sequence

import mpmath
import sympy as sp
from sympy.logic.boolalg import BooleanFalse, BooleanTrue

from symact.functions import BY_HEAD, mp_exp

Evaluator = Callable[[Sequence[mpmath.mpf]], mpmath.mpf]


class UnsupportedExpression(ValueError):
    """An expression node the mpmath compiler does not know."""


def _const_rational(p: int, q: int) -> Evaluator:
    if q == 1:
        return lambda v: mpmath.mpf(p)
    return lambda v: mpmath.mpf(p) / q


#: every special function's mpmath evaluator (:mod:`symact.functions`), and |x|, sign
_FUNCS: dict[type, Callable[..., mpmath.mpf]] = {**{head: f.mp for head, f in BY_HEAD.items()},
                                                 sp.Abs: abs, sp.sign: mpmath.sign}


def _real(v):
    """``v``, a power's or function's value; ValueError where it is not real (beyond its rounding at the current
    precision: an imaginary part of mpmath's noise is kept, as :meth:`symact.numeric.reference.Reference.at`
    keeps it)."""
    if isinstance(v, mpmath.mpc) and abs(v.imag) > abs(v.real) * mpmath.mpf(2) ** (8 - mpmath.mp.prec):
        raise ValueError("no real value")
    return v


def _heaviside(a, h0):
    if a > 0:
        return mpmath.mpf(1)
    if a < 0:
        return mpmath.mpf(0)
    return h0


def compile_mp(expr: sp.Basic, symbols: Sequence[sp.Symbol]) -> Evaluator:
    """Return ``g`` with ``g([v1, v2, ...]) = expr`` at ``symbols = [v1, v2, ...]`` in mpmath arithmetic."""
    index = {s: i for i, s in enumerate(symbols)}
    return _build(sp.sympify(expr, strict=True), index)


def _build(e: sp.Basic, index: dict) -> Evaluator:  # noqa: C901 - a dispatcher
    if isinstance(e, sp.Symbol):
        if e not in index:
            raise UnsupportedExpression(f"free symbol {e} has no value")
        i = index[e]
        return lambda v: v[i]
    if isinstance(e, (BooleanTrue, BooleanFalse)):
        b = bool(e)
        return lambda v: b
    if e.is_Integer or e.is_Rational:
        return _const_rational(int(e.p), int(e.q))
    if e.is_Float:
        # the decimal value the catalog wrote (e.g. SELU's 32 digits), not the binary approximation
        r = sp.Rational(str(e))
        return _const_rational(int(r.p), int(r.q))
    if e is sp.pi:
        return lambda v: +mpmath.pi
    if e is sp.E:
        return lambda v: +mpmath.e
    if e is sp.oo:
        return lambda v: mpmath.inf
    if e is sp.S.NegativeInfinity:
        return lambda v: -mpmath.inf
    if isinstance(e, sp.Add):
        parts = [_build(a, index) for a in e.args]
        return lambda v: mpmath.fsum([p(v) for p in parts])
    if isinstance(e, sp.Mul):
        parts = [_build(a, index) for a in e.args]

        def mul(v, parts=parts):
            out = parts[0](v)
            for p in parts[1:]:
                out = out * p(v)
            return out
        return mul
    if isinstance(e, sp.Pow):
        base = _build(e.base, index)
        ex = e.exp
        if ex.is_Integer:
            n = int(ex)
            return lambda v: mpmath.power(base(v), n) if n >= 0 else 1 / mpmath.power(base(v), -n)
        if ex == sp.Rational(1, 2):
            return lambda v: _real(mpmath.sqrt(base(v)))
        if ex == sp.Rational(-1, 2):
            return lambda v: 1 / _real(mpmath.sqrt(base(v)))
        if e.base is sp.E:
            arg = _build(ex, index)
            return lambda v: mp_exp(arg(v))
        exf = _build(ex, index)
        return lambda v: _real(mpmath.power(base(v), exf(v)))
    if isinstance(e, sp.DiracDelta):
        return lambda v: mpmath.mpf(0)
    if isinstance(e, sp.Heaviside):
        arg = _build(e.args[0], index)
        h0 = _build(e.args[1], index) if len(e.args) > 1 else (lambda v: mpmath.mpf(0.5))
        return lambda v: _heaviside(arg(v), h0(v))
    if type(e) in _FUNCS and len(e.args) == 1:
        fn = _FUNCS[type(e)]
        arg = _build(e.args[0], index)
        return lambda v: _real(fn(arg(v)))
    if isinstance(e, (sp.Max, sp.Min)):
        parts = [_build(a, index) for a in e.args]
        pick = max if isinstance(e, sp.Max) else min
        return lambda v: pick(p(v) for p in parts)
    if isinstance(e, sp.Piecewise):
        branches = [(_build(c, index), _build(x, index)) for x, c in e.args]

        def piecewise(v, branches=branches):
            for cond, val in branches:
                if cond(v):
                    return val(v)
            return mpmath.nan
        return piecewise
    if isinstance(e, sp.core.relational.Relational):
        lhs, rhs = _build(e.lhs, index), _build(e.rhs, index)
        op = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
              ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}[e.rel_op]
        return lambda v: op(lhs(v), rhs(v))
    if isinstance(e, sp.And):
        parts = [_build(a, index) for a in e.args]
        return lambda v: all(p(v) for p in parts)
    if isinstance(e, sp.Or):
        parts = [_build(a, index) for a in e.args]
        return lambda v: any(p(v) for p in parts)
    if isinstance(e, sp.Not):
        inner = _build(e.args[0], index)
        return lambda v: not inner(v)
    raise UnsupportedExpression(f"cannot evaluate {type(e).__name__} node {e} in mpmath")

"""Certified evaluation of SymPy expressions in ``arb`` ball arithmetic (python-flint).

Used to re-check counterexamples and witnesses: a comparison ``f(a) > f(b)`` counts only when the two balls
are disjoint.  Every number in the expression is converted exactly (Integers, Rationals, and Floats by their
exact binary value), so the balls are rigorous enclosures of the true values.
"""
from __future__ import annotations

from typing import Any

import flint
import sympy as sp

from symact.catalog.registry import X


class ArbError(ValueError):
    """The expression contains something the evaluator does not know, or a branch it cannot decide."""


def _const(num: sp.Expr) -> flint.arb:
    if isinstance(num, sp.Integer):
        return flint.arb(flint.fmpz(int(num)))
    if isinstance(num, sp.Rational):
        return flint.arb(flint.fmpq(int(num.p), int(num.q)))
    if isinstance(num, sp.Float):
        sign, man, exp, _ = num._mpf_
        if not man:
            return flint.arb(0)
        value = flint.arb(flint.fmpz(int(man))) * flint.arb(2) ** int(exp)
        return -value if sign else value
    raise ArbError(f"not an exact number: {num}")


_UNARY = {
    sp.exp: lambda a: a.exp(), sp.log: lambda a: a.log(), sp.tanh: lambda a: a.tanh(),
    sp.sinh: lambda a: a.sinh(), sp.cosh: lambda a: a.cosh(), sp.sin: lambda a: a.sin(),
    sp.cos: lambda a: a.cos(), sp.tan: lambda a: a.tan(), sp.atan: lambda a: a.atan(),
    sp.asinh: lambda a: a.asinh(), sp.erf: lambda a: a.erf(), sp.erfc: lambda a: a.erfc(),
    sp.Abs: lambda a: abs(a), sp.sech: lambda a: a.sech(), sp.sec: lambda a: a.sec(),
    sp.atanh: lambda a: a.atanh(), sp.sqrt: lambda a: a.sqrt(), sp.LambertW: lambda a: a.lambertw(),
    sp.sign: lambda a: a.sgn(), sp.coth: lambda a: a.coth(), sp.csch: lambda a: a.csch(),
    sp.cot: lambda a: a.cot(), sp.asin: lambda a: a.asin(), sp.acos: lambda a: a.acos(),
}


def _power(b: flint.arb, e: sp.Expr, exponent) -> flint.arb:
    """b ** e: exact for integer and half-integer exponents, exp(e log b) otherwise."""
    if e.is_Integer:
        n = int(e)
        return b ** n if n >= 0 else 1 / (b ** (-n))
    if e == sp.S.Half:
        return b.sqrt()
    if e == -sp.S.Half:
        return b.rsqrt()
    return (exponent() * b.log()).exp()


def _ev(expr: sp.Expr, env: dict[sp.Symbol, flint.arb]) -> flint.arb:
    if expr.is_Symbol:
        if expr in env:
            return env[expr]
        raise ArbError(f"free symbol {expr}")
    if expr.is_Number:
        return _const(expr)
    if expr is sp.pi:
        return flint.arb.pi()
    if expr is sp.E:
        return flint.arb(1).exp()
    if expr is sp.EulerGamma:
        return flint.arb.const_euler()
    if isinstance(expr, sp.Add):
        total = flint.arb(0)
        for a in expr.args:
            total += _ev(a, env)
        return total
    if isinstance(expr, sp.Mul):
        total = flint.arb(1)
        for a in expr.args:
            total *= _ev(a, env)
        return total
    if isinstance(expr, sp.Pow):
        return _power(_ev(expr.args[0], env), expr.args[1], lambda: _ev(expr.args[1], env))
    if isinstance(expr, sp.Piecewise):
        for branch, cond in expr.args:
            truth = _truth(cond, env)
            if truth is True:
                return _ev(branch, env)
            if truth is None:
                raise ArbError(f"cannot decide the branch condition {cond}")
        raise ArbError("no Piecewise branch applies")
    if isinstance(expr, (sp.Max, sp.Min)):
        vals = [_ev(a, env) for a in expr.args]
        out = vals[0]
        for v in vals[1:]:
            out = out.max(v) if isinstance(expr, sp.Max) else out.min(v)
        return out
    if isinstance(expr, sp.Heaviside):
        a = _ev(expr.args[0], env)
        if a > 0:
            return flint.arb(1)
        if a < 0:
            return flint.arb(0)
        if a.is_zero() and len(expr.args) > 1:
            return _ev(expr.args[1], env)
        raise ArbError("Heaviside at an undecided argument")
    fn = _UNARY.get(expr.func)
    if fn is not None and len(expr.args) == 1:
        return fn(_ev(expr.args[0], env))
    raise ArbError(f"no ball arithmetic for {expr.func}")


def _truth(cond: Any, env: dict) -> bool | None:
    if cond is sp.true or cond is True:
        return True
    if cond is sp.false or cond is False:
        return False
    if isinstance(cond, sp.And):
        vals = [_truth(c, env) for c in cond.args]
        return False if False in vals else (None if None in vals else True)
    if isinstance(cond, sp.Or):
        vals = [_truth(c, env) for c in cond.args]
        return True if True in vals else (None if None in vals else False)
    if isinstance(cond, sp.Not):
        v = _truth(cond.args[0], env)
        return None if v is None else not v
    if isinstance(cond, sp.core.relational.Relational):
        d = _ev(cond.lhs - cond.rhs, env) if not (cond.lhs - cond.rhs).is_Number else _const(cond.lhs - cond.rhs)
        if isinstance(cond, sp.StrictLessThan):
            return True if d < 0 else (False if d >= 0 else None)
        if isinstance(cond, sp.LessThan):
            return True if d <= 0 else (False if d > 0 else None)
        if isinstance(cond, sp.StrictGreaterThan):
            return True if d > 0 else (False if d <= 0 else None)
        if isinstance(cond, sp.GreaterThan):
            return True if d >= 0 else (False if d < 0 else None)
        if isinstance(cond, sp.Eq):
            return True if d.is_zero() else (False if not d.contains(0) else None)
    return None


_COMPILED: dict[tuple[sp.Expr, sp.Symbol], Any] = {}


def _compile(expr: sp.Expr, var: sp.Symbol):
    """A closure evaluating ``expr`` at an arb value of ``var`` (constants are re-evaluated per call, so the
    working precision applies to them too)."""
    if expr == var:
        return lambda v: v
    if not expr.has(var):
        cache: dict[int, flint.arb] = {}

        def const(v):
            value = cache.get(flint.ctx.prec)
            if value is None:
                value = cache[flint.ctx.prec] = _ev(expr, {})
            return value
        return const
    if isinstance(expr, (sp.Add, sp.Mul)):
        parts = [_compile(a, var) for a in expr.args]
        if isinstance(expr, sp.Add):
            def add(v):
                total = flint.arb(0)
                for p in parts:
                    total += p(v)
                return total
            return add

        def mul(v):
            total = flint.arb(1)
            for p in parts:
                total *= p(v)
            return total
        return mul
    if isinstance(expr, sp.Pow):
        fb, fe = _compile(expr.args[0], var), _compile(expr.args[1], var)
        return lambda v: _power(fb(v), expr.args[1], lambda: fe(v))
    fn = _UNARY.get(expr.func)
    if fn is not None and len(expr.args) == 1:
        inner = _compile(expr.args[0], var)
        return lambda v: fn(inner(v))
    return lambda v: _ev(expr, {var: v})


def compiled(expr: sp.Expr, var: sp.Symbol = X):
    key = (expr, var)
    fn = _COMPILED.get(key)
    if fn is None:
        fn = _compile(expr, var)
        if len(_COMPILED) > 4096:
            _COMPILED.clear()
        _COMPILED[key] = fn
    return fn


def evaluate(expr: sp.Expr, point: Any = None, var: sp.Symbol = X, prec: int = 128) -> flint.arb:
    """A ball containing ``expr`` at ``var = point`` (an exact SymPy number, or an arb ball)."""
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        if point is None:
            return _ev(sp.sympify(expr), {})
        value = point if isinstance(point, flint.arb) else _ev(sp.Rational(point) if isinstance(point, float) else sp.sympify(point), {})
        return compiled(sp.sympify(expr), var)(value)
    except (ZeroDivisionError, ValueError, TypeError, AttributeError) as exc:
        if isinstance(exc, ArbError):
            raise
        raise ArbError(str(exc)) from exc
    finally:
        flint.ctx.prec = old


def safe_evaluate(expr: sp.Expr, point: Any = None, var: sp.Symbol = X, prec: int = 128) -> flint.arb | None:
    try:
        value = evaluate(expr, point, var, prec)
    except ArbError:
        return None
    return value if value.is_finite() else None


def ball(lo: Any, hi: Any) -> flint.arb:
    """The ball covering the interval [lo, hi] (exact SymPy numbers)."""
    a, b = _const(sp.Rational(lo)), _const(sp.Rational(hi))
    return a.union(b)


def ball_text(value: flint.arb, digits: int = 20) -> str:
    return value.str(digits, radius=True)


def ball_float(value: flint.arb) -> float:
    return float(value.mid())

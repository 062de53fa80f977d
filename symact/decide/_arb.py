"""Certified ``arb`` evaluation of SymPy expressions for the deciders.

Every function returns a python-flint ``arb`` ball that is guaranteed to contain the true value (or a ball
of infinite radius / NaN when nothing can be said).  Points and interval ends are exact SymPy numbers turned
into exact ``arb`` values.  ``ArbUnsupported`` is raised for expressions the evaluator does not know; callers
turn that into ``unknown``.
"""
from __future__ import annotations

import contextlib

import sympy as sp
from flint import arb, ctx, fmpq


class ArbUnsupported(Exception):
    """The expression contains a function the certified evaluator does not handle."""


@contextlib.contextmanager
def precision(bits: int):
    old = ctx.prec
    ctx.prec = bits
    try:
        yield
    finally:
        ctx.prec = old


def rational_arb(q: sp.Rational) -> arb:
    q = sp.Rational(q)
    return arb(fmpq(int(q.p), int(q.q)))


def to_rational(a: arb, side: str) -> sp.Rational:
    """An exact rational below (``side='lo'``) or above (``'hi'``) every point of the ball ``a``."""
    end = a.lower() if side == "lo" else a.upper()
    man, exp = end.man_exp()
    man, exp = int(man), int(exp)
    return sp.Rational(man) * sp.Integer(2) ** exp


_UNARY = {
    sp.exp: arb.exp, sp.log: arb.log, sp.tanh: arb.tanh, sp.sinh: arb.sinh, sp.cosh: arb.cosh,
    sp.erf: arb.erf, sp.erfc: arb.erfc, sp.sin: arb.sin, sp.cos: arb.cos, sp.tan: arb.tan,
    sp.atan: arb.atan, sp.asinh: arb.asinh, sp.Abs: lambda a: abs(a),
}


def evaluate(expr: sp.Expr, env: dict[sp.Symbol, arb]) -> arb:
    """Certified ball for ``expr`` with the symbols in ``env`` replaced by the given balls."""
    if expr in env:
        return env[expr]
    if expr.is_Rational:
        return rational_arb(expr)
    if expr.is_Float:
        return rational_arb(sp.Rational(expr))  # the exact binary value the Float stands for
    if expr is sp.pi:
        return arb.pi()
    if expr is sp.E:
        return arb.const_e()
    if expr is sp.EulerGamma:
        return arb.const_euler()
    if isinstance(expr, sp.CRootOf):
        if not expr.is_real:
            raise ArbUnsupported("complex root")
        lo, hi = expr.poly.intervals(eps=sp.Rational(1, 2 ** (ctx.prec + 8)))[expr.index][0]
        return arb.union(rational_arb(lo), rational_arb(hi))
    if expr.is_Add:
        total = arb(0)
        for a in expr.args:
            total += evaluate(a, env)
        return total
    if expr.is_Mul:
        total = arb(1)
        for a in expr.args:
            total *= evaluate(a, env)
        return total
    if expr.is_Pow:
        base, e = expr.args
        if e.is_Integer:
            b = evaluate(base, env)
            n = int(e)
            if n >= 0:
                return b ** n
            return 1 / (b ** (-n))
        if e == sp.Rational(1, 2):
            return evaluate(base, env).sqrt()
        if e == -sp.Rational(1, 2):
            return evaluate(base, env).rsqrt()
        if e.is_Rational and e.q <= 16:
            b = evaluate(base, env)
            r = b.root(int(e.q)) if e.q > 1 else b
            return r ** int(e.p) if e.p >= 0 else 1 / (r ** int(-e.p))
        b, ev = evaluate(base, env), evaluate(e, env)
        return (ev * b.log()).exp()
    if isinstance(expr, sp.LambertW):
        if len(expr.args) != 1:
            raise ArbUnsupported("LambertW branch")
        return evaluate(expr.args[0], env).lambertw()
    head = expr.func
    if head in _UNARY:
        return _UNARY[head](evaluate(expr.args[0], env))
    if head is sp.atan2:
        return arb.atan2(evaluate(expr.args[0], env), evaluate(expr.args[1], env))
    raise ArbUnsupported(f"no certified evaluation for {head}")


def constant(expr: sp.Expr, bits: int = 128) -> arb:
    with precision(bits):
        return evaluate(sp.sympify(expr), {})


def at_point(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, bits: int = 128) -> arb:
    with precision(bits):
        return evaluate(expr, {var: evaluate(sp.sympify(point), {})})


def on_interval(expr: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr, bits: int = 64) -> arb:
    """A ball containing ``expr(x)`` for every x in [lo, hi] (finite ends)."""
    with precision(bits):
        ball = arb.union(evaluate(sp.sympify(lo), {}), evaluate(sp.sympify(hi), {}))
        return evaluate(expr, {var: ball})


def ball_sign(a: arb) -> int | None:
    """+1 / -1 when the ball excludes 0, None otherwise (0 is never certified by a ball)."""
    if not a.is_finite():
        return None
    if a > 0:
        return 1
    if a < 0:
        return -1
    return None


def ball_str(a: arb, digits: int = 20) -> str:
    return a.str(digits, radius=True)


__all__ = ["ArbUnsupported", "evaluate", "constant", "at_point", "on_interval", "ball_sign", "ball_str",
           "to_rational", "rational_arb", "precision"]

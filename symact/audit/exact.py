"""Exact values of an activation (or its derivatives) at float64 inputs, as double-double pairs.

:class:`Oracle` turns the catalog's SymPy expression into values ``hi + lo`` (``hi`` = the float64 nearest
the exact value, ``lo`` the float64 nearest the remainder), good to far better than one float64 ULP, which is
what ULP errors in any of the audited formats need.  Two paths:

* the fast path (:mod:`symact.audit.fastref`): vectorised float64 interval arithmetic on the expression; a
  point is taken from it only when the enclosure is narrow enough (relative width below 2^-60 for float64
  targets, see :func:`fastref.enclose`);
* the certified slow path: a per-point mpmath evaluation, repeated at doubled precision until two successive
  precisions agree to 2^-80 relative (cancellation in the expression, e.g. x - tanh(x) at x = 1e-30, is
  caught by the disagreement and the precision keeps rising, up to 20000 bits).

Values are cached per oracle, keyed by the float64 input, so auditing several implementations of the same
activation on the same inputs evaluates the reference once.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Mapping

import mpmath
import numpy as np
import sympy as sp

from symact.catalog import X, get

_MAX_PREC = 20000


def _freeze(params: Mapping[str, Any] | None) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in (params or {}).items()))


def _expression(entry, params, order: int) -> sp.Expr:
    if order == 0:
        return entry.f(params)
    return entry.derivative(order, params)


class Oracle:
    """Exact values of ``d^order f / dx^order`` for one catalog entry and parameter set."""

    def __init__(self, entry, params: Mapping[str, Any] | None = None, order: int = 0):
        self.entry = get(entry) if isinstance(entry, str) else entry
        self.params = dict(params or {})
        self.order = order
        self.expr = _expression(self.entry, self.params, order)
        self._mp = sp.lambdify(X, stable_form(self.expr), modules="mpmath")
        self._cache: dict[float, tuple[float, float]] = {}
        self._acache: dict[float, float] = {}
        self._fast = None
        self.fast_points = 0
        self.slow_points = 0

    # -- slow, certified path -----------------------------------------------------------------------------
    def _eval(self, x: float, prec: int):
        with mpmath.workprec(prec):
            try:
                v = self._mp(mpmath.mpf(x))
            except (ZeroDivisionError, ValueError, OverflowError):
                return None
            if isinstance(v, (int, float)):
                v = mpmath.mpf(v)
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > abs(v.real) * mpmath.mpf(2) ** (-prec + 8):
                    return None
                v = v.real
            return +v

    def mp(self, x: float):
        """The exact value at ``x`` as an mpmath number, certain to about 2^-80 relative.

        Two successive precisions must agree; an exact zero is only believed once it survives a precision
        of 3 |log2 |x|| + 256 bits (so cancellations like x - tanh(x) = x^3/3 + ... at tiny x are resolved).
        """
        zero_prec = 256 + (3 * abs(math.frexp(x)[1]) if x else 0)
        prec = 96
        prev = self._eval(x, prec)
        cur = prev
        while prec < _MAX_PREC:
            prec *= 2
            cur = self._eval(x, prec)
            if prev is not None and cur is not None:
                if cur == 0 and prev == 0:
                    if prec >= zero_prec:
                        return cur
                elif abs(cur - prev) <= abs(cur) * mpmath.mpf(2) ** -80:
                    return cur
            prev = cur
        return cur if cur is not None else mpmath.nan

    def _dd(self, x: float) -> tuple[float, float]:
        hit = self._cache.get(x)
        if hit is not None:
            return hit
        v = self.mp(x)
        if not mpmath.isfinite(v):
            out = (float(v), 0.0)
        else:
            try:
                hi = float(v)
            except OverflowError:  # pragma: no cover - mpmath returns inf for huge values
                hi = math.copysign(math.inf, v)
            lo = float(v - hi) if math.isfinite(hi) else 0.0
            out = (hi, lo)
        self._cache[x] = out
        self.slow_points += 1
        return out

    # -- public ---------------------------------------------------------------------------------------------
    def dd(self, xs: np.ndarray, need: float = 2.0 ** -60) -> tuple[np.ndarray, np.ndarray]:
        """Exact values at the finite float64 inputs ``xs`` as ``(hi, lo)``; ``need`` is the relative accuracy
        the caller needs (the fast path is used where its enclosure is at least that tight)."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        hi = np.empty_like(xs)
        lo = np.zeros_like(xs)
        todo = np.ones(xs.shape, dtype=bool)
        if self._fast is None:
            from symact.audit import fastref

            self._fast = fastref.compile_expr(self.expr) or False
        if self._fast and xs.size:
            from symact.audit import fastref

            fhi, ok = fastref.evaluate(self._fast, xs, need)
            hi[ok] = fhi[ok]
            todo = ~ok
            self.fast_points += int(ok.sum())
        for i in np.flatnonzero(todo):
            hi[i], lo[i] = self._dd(float(xs[i]))
        return hi, lo

    def approx(self, xs: np.ndarray) -> np.ndarray:
        """Float64 values good to a few digits (for condition numbers): the fast path where it applies, else
        one mpmath evaluation at 64 bits per point (not escalated)."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        out = np.empty_like(xs)
        todo = np.ones(xs.shape, dtype=bool)
        if self._fast is None:
            from symact.audit import fastref

            self._fast = fastref.compile_expr(self.expr) or False
        if self._fast and xs.size:
            from symact.audit import fastref

            fhi, ok = fastref.evaluate(self._fast, xs, 2.0 ** -20)
            out[ok] = fhi[ok]
            todo = ~ok
        for i in np.flatnonzero(todo):
            x = float(xs[i])
            v = self._acache.get(x)
            if v is None:
                hit = self._cache.get(x)
                if hit is not None:
                    v = hit[0]
                else:
                    m = self._eval(x, 64)
                    m2 = self._eval(x, 128)
                    if m is None or m2 is None or abs(m - m2) > abs(m2) * 2.0 ** -30 or (m2 == 0 and x != 0):
                        m = self.mp(x)
                    v = float(m) if m is not None else math.nan
                self._acache[x] = v
            out[i] = v
        return out

    def value(self, x: float) -> float:
        return self._dd(float(x))[0]


@lru_cache(maxsize=256)
def _oracle(name: str, frozen: tuple, order: int) -> Oracle:
    return Oracle(get(name), dict(frozen), order)


def oracle(entry, params: Mapping[str, Any] | None = None, order: int = 0) -> Oracle:
    """A shared (cached) :class:`Oracle`."""
    name = entry if isinstance(entry, str) else entry.name
    return _oracle(get(name).name, _freeze(params), order)


def limit_at(entry, params, direction: int):
    """lim f(x) for x -> direction * oo as a float (nan when it does not exist or cannot be found)."""
    return _limit(get(entry if isinstance(entry, str) else entry.name).name, _freeze(params), direction)


@lru_cache(maxsize=256)
def _limit(name: str, frozen: tuple, direction: int) -> float:
    """Numerically, in mpmath's unbounded exponent range: f at +-10^20 and +-10^40 must agree to 10^-15
    (finite limit; every catalog entry approaches its limits exponentially or like 1/x) or grow past 10^15 with
    one sign (infinite limit)."""
    fn = sp.lambdify(X, stable_form(get(name).f(dict(frozen))), modules="mpmath")
    with mpmath.workprec(256):
        try:
            a = fn(direction * mpmath.mpf(10) ** 20)
            b = fn(direction * mpmath.mpf(10) ** 40)
        except (ZeroDivisionError, ValueError, OverflowError):
            return math.nan
        if not (mpmath.isfinite(a) and mpmath.isfinite(b)):
            return float(b) if a == b else math.nan
        if abs(b) > 1e15 and abs(b) > 10 * abs(a) and mpmath.sign(a) == mpmath.sign(b):
            return math.copysign(math.inf, float(mpmath.sign(a)))
        if abs(a - b) <= mpmath.mpf(10) ** -15 * (1 + abs(b)):
            return float(b)
    return math.nan


def stable_form(expr: sp.Expr) -> sp.Expr:
    """Rewrite cancellation-prone patterns: 1 + erf(z) -> erfc(-z), 1 - erf(z) -> erfc(z), exp(z) - 1 ->
    expm1(z), log(1 + z) -> log1p(z).  Same function, fewer escalations of the slow path's precision."""
    from sympy.codegen.cfunctions import expm1, log1p

    def rw(e):
        if isinstance(e, sp.Add) and len(e.args) > 2:
            # c + c*erf(z) + rest -> c*erfc(-z) + rest
            consts = [a for a in e.args if a.is_number]
            for t in e.args:
                k, f = t.as_coeff_Mul()
                if isinstance(f, sp.erf) and consts:
                    for c in consts:
                        if sp.simplify(c - k) == 0:
                            rest = [a for a in e.args if a is not t and a is not c]
                            return sp.Add(sp.Mul(k, sp.erfc(-f.args[0], evaluate=False), evaluate=False), *rest,
                                          evaluate=False)
        if isinstance(e, sp.Add) and len(e.args) == 2:
            a, b = e.args
            for c, t in ((a, b), (b, a)):
                k, f = t.as_coeff_Mul()
                if c.is_number and isinstance(f, sp.erf) and sp.simplify(c - k) == 0:
                    return sp.Mul(k, sp.erfc(-f.args[0], evaluate=False), evaluate=False)
                if c == 1 and isinstance(t, sp.Mul) and t.args[0] == -1 and len(t.args) == 2 and isinstance(t.args[1], sp.erf):
                    return sp.erfc(t.args[1].args[0], evaluate=False)
                if c == -1 and isinstance(t, sp.exp):
                    return expm1(t.args[0])
                # c*exp(z) - c (a constant distributed over exp(z) - 1)
                if c.is_number and c != 0 and isinstance(t, sp.Mul) and len(t.args) == 2:
                    k, ex = t.args
                    if isinstance(ex, sp.exp) and k.is_number and sp.simplify(k + c) == 0:
                        return sp.Mul(k, expm1(ex.args[0]), evaluate=False)
        if isinstance(e, sp.log) and isinstance(e.args[0], sp.Add) and len(e.args[0].args) == 2:
            a, b = e.args[0].args
            if a == 1:
                return log1p(b)
            if b == 1:
                return log1p(a)
        return e

    def walk(e):
        if not e.args or isinstance(e, (sp.Symbol, sp.Number)):
            return e
        if isinstance(e, sp.Piecewise):
            return sp.Piecewise(*[(walk(v), c) for v, c in e.args], evaluate=False)
        new = e.func(*[walk(a) for a in e.args], evaluate=False) if not isinstance(e, sp.Rel) else e
        return rw(new)

    return walk(expr)

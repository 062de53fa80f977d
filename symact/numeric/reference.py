"""High-precision reference values generated from the catalog's SymPy expressions.

``reference(entry_or_name, params=None, order=0)`` compiles ``f`` (order 0) or its ``order``-th derivative, as
SymPy computes it from the catalog expression, into an mpmath evaluator (:mod:`.mpcompile`; nothing is written
by hand).  Special points:

* **NaN** in gives NaN out.
* **±inf** gives the limit of the expression as x -> ±inf (``Piecewise`` resolved to its outermost branch, then
  SymPy's Gruntz algorithm, falling back to ``sympy.limit``), computed once per (entry, parameters, order, sign) and cached; a limit that does not
  exist is NaN.
* **Kinks** (boundaries of ``Piecewise`` branches): f itself is evaluated by the expression's own definition
  (so ``binary_step(0) = 1``, ``hardshrink(lambd) = 0``).  For ``order=1`` the derivative at a kink is the
  framework convention recorded in the catalog (PyTorch's ``kink_derivatives['torch']``, else the framework
  recorded; see :mod:`.kinks`), so twins and the reference agree on what "the derivative at 0" means.  Higher
  orders use the derivative expression's own ``Piecewise``.

Correct rounding (:meth:`Reference.rounded`): the value is computed at a starting precision large enough that
cancellation between O(|x|)-sized terms cannot hide any number the target format can represent (significand
bits + the format's whole exponent range below 1 + the binary exponent of |x|, whether |x| is large or tiny, + 64 guard bits), then again at twice
that precision; if both round to the same number of the target format it is returned, otherwise precision
keeps doubling (up to 16x the start).  The per-point loop is :meth:`Reference.value`; a vectorised fast path
can replace :meth:`Reference.rounded` / :meth:`Reference.exact` without touching callers.

Relative accuracy (:meth:`Reference.relative`): the value to about 2^-80 relative, whatever the format,
for the auditor's double-double exact values (:mod:`symact.audit.reference.oracle` tries vectorised enclosures and
python-flint balls first and comes here for the rest).  :meth:`Reference.at` is one evaluation at a given
precision, with no claim of accuracy.
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterable, Mapping

import mpmath
import numpy as np
import sympy as sp

from symact.catalog import X, get
from symact.catalog.registry import Activation, VectorActivation
from symact.errors import UnknownActivationError
from symact.numeric.fp import Format, fmt, round_mpf, split_dd
from symact.numeric.kinks import exact_fraction, kink_values, params_key
from symact.numeric.mpcompile import compile_mp
from symact.numeric.overflow import overflow_sign

_MAX_GROWTH = 16
#: the highest precision (bits) :meth:`Reference.relative` tries
_MAX_PREC_RELATIVE = 20000
#: the largest |x| at which a certified ball is tried at a precision in proportion to |x| (:func:`far_bits`)
FAR_LIMIT = 2.0 ** 16


def _ex(x: float) -> int:
    """The binary exponent of |x| in either direction: terms grow like |x|^k for large x and like |x|^-k for
    tiny x (exp(x)/x - (exp(x) - 1)/x^2 cancels two terms of size 1/x^2 at x = 1e-160: at a precision that
    ignores it, exp(x) rounds to 1 at both trial precisions and both agree on 1e160, not 1/2)."""
    return abs(math.frexp(x)[1]) if (x != 0 and math.isfinite(x)) else 0


def _growth(x: float) -> int:
    ex = _ex(x)
    return ex + 2 * min(ex, 64)


def start_bits(f: Format, x: float) -> int:
    """Full-range precision (bits) for correctly rounding a value at input ``x`` into format ``f``: enough that
    absolute cancellation among terms of size up to max(|x|, 1/|x|) (and polynomial factors up to that to the
    third power while it is < 2^64) cannot hide any number the format represents."""
    return 2 * f.p + (f.p - 1 - f.emin) + _growth(x) + 64


def far_bits(x: float) -> int:
    """A ball's precision (bits) in proportion to |x| for a far input, 0 beyond :data:`FAR_LIMIT`: a value that
    is a difference beside a term e^(c x) (1 + tanh x = 2e^(2x)/(1 + e^(2x)) for x -> -oo) needs about
    c |x| / log 2 bits to show; 4 |x| + 2048 covers c up to 2.7 (log(1 + tanh(x)) at x = -20000 in 0.07 s,
    at -2^16 in 0.4 s, at -10^6 it would take 8 s)."""
    return 4 * math.ceil(abs(x)) + 2048 if abs(x) <= FAR_LIMIT else 0


def proved_undefined(expr: sp.Expr, x: float, derivative: bool = False) -> bool:
    """Whether the kernel proves the expression ``expr`` in x undefined at the float ``x``, taken exactly
    (:func:`symact.kernel.evaluate.undefined_reason`; ``derivative``: its derivative, as the kernel reads
    ``diff(expr, x)``: no converging difference quotient there); False where ``expr`` is not a kernel term."""
    from symact.kernel.evaluate import undefined_reason

    term = _kernel_term(expr)
    return term is not None and undefined_reason(("deriv", term) if derivative else term, Fraction(x)) is not None


@lru_cache(maxsize=256)
def _kernel_term(expr: sp.Expr):
    """The kernel's term of ``expr`` in x, or None where it is not one."""
    from symact.kernel.terms import TermError
    from symact.sympy_terms import from_sympy

    try:
        return from_sympy(expr, X)
    except TermError:
        return None


def quick_bits(f: Format, x: float) -> int:
    """Cheap first precision: enough for results that are not tiny compared with the terms involved."""
    return 2 * f.p + _growth(x) + 64


def certain(g, x: float, f: Format) -> mpmath.mpf:
    """Evaluate ``g(x)`` (a function of an mpf, at the current precision) until its rounding to ``f`` is
    certain.  First at :func:`quick_bits` and twice that: accepted when both round alike *and* the value is far
    above the absolute error that cancellation at that precision could cause (|v| > 2^(g + 24 - p + f.p),
    g = :func:`_growth`);
    otherwise from :func:`start_bits` on, doubling until two successive precisions round alike.  An infinite
    value at a finite x is never taken as settled before the highest precision: a real function defined at x has
    a finite value there, and mpmath's infinity is a cancellation the precision did not resolve (log(1 + tanh x)
    at x = -6000, where 1 + tanh x = 2e^(2x)/(1 + e^(2x)) rounds to 0 below about 17,300 bits) or a point
    where the expression is undefined, which stays infinite at every precision."""
    xm = mpmath.mpf(x)
    p1 = quick_bits(f, x)
    with mpmath.workprec(p1):
        a = g(xm)
    with mpmath.workprec(2 * p1):
        b = g(xm)
    ra, rb = round_mpf(a, f), round_mpf(b, f)
    if (ra == rb and b != 0 and mpmath.isfinite(b)
            and int(mpmath.mag(b)) - 1 > _growth(x) + 24 - p1 + f.p):
        return b
    if math.isnan(ra) and math.isnan(rb):
        return b
    bits = start_bits(f, x)
    with mpmath.workprec(bits):
        lo = g(xm)
    hi = lo
    for _ in range(int(math.log2(_MAX_GROWTH)) + 1):
        bits *= 2
        with mpmath.workprec(bits):
            hi = g(xm)
        ra, rb = round_mpf(lo, f), round_mpf(hi, f)
        if (ra == rb and not mpmath.isinf(hi)) or (math.isnan(ra) and math.isnan(rb)):
            return hi
        lo = hi
    return hi


def _to_mpf(v: sp.Expr) -> mpmath.mpf:
    if v is sp.oo:
        return mpmath.inf
    if v is sp.S.NegativeInfinity:
        return -mpmath.inf
    if v.has(sp.nan, sp.zoo, sp.AccumBounds) or not v.is_number:
        return mpmath.nan
    return compile_mp(v, [])([])


@lru_cache(maxsize=None)
def _limit_cached(entry: Activation, pkey: tuple, params_items: tuple, order: int, sign: int) -> sp.Expr:
    expr = entry.f(dict(params_items))
    if order:
        expr = sp.diff(expr, X, order)
    inf = sign * sp.oo

    def outer(*pairs):
        for e, c in pairs:
            if bool(sp.sympify(c, strict=True).subs(X, inf)):
                return e
        return sp.nan

    resolved = expr.replace(lambda e: isinstance(e, sp.Piecewise), lambda pw: outer(*pw.args))
    quick = resolved.subs(X, inf)
    if quick.is_number and not quick.has(sp.nan, sp.zoo, sp.AccumBounds):
        return quick
    try:  # gruntz is the algorithm inside sympy.limit, without limit's slower preliminary heuristics
        from sympy.series.gruntz import gruntz

        value = gruntz(resolved, X, inf)
        if value.is_number and not value.has(sp.nan, sp.zoo, sp.AccumBounds):
            return value
    except Exception:  # noqa: BLE001 - SymPy raises many types; fall back to sympy.limit
        pass
    try:
        return sp.limit(resolved, X, inf)
    except Exception:  # noqa: BLE001 - a failed limit is "does not exist / unknown"
        return sp.nan


class Reference:
    """Reference evaluator for one scalar entry, parameter set and derivative order (see module docs)."""

    def __init__(self, entry: Activation, params: Mapping[str, Any] | None = None, order: int = 0,
                 kink_convention: bool = True):
        if not isinstance(entry, Activation):
            raise TypeError(f"{entry!r} is not a scalar activation; use vector_reference for vector entries")
        self.entry = entry
        self.params = dict(params or {})
        self.order = int(order)
        self._pkey = params_key(entry, self.params)
        expr = entry.f(self.params)
        self.expr = sp.diff(expr, X, self.order) if self.order else expr
        self._g = compile_mp(self.expr, [X])
        self._kinks: dict[Fraction, sp.Expr] = {}
        if self.order == 1 and kink_convention:
            for k, v in kink_values(entry, self.params):
                fk = exact_fraction(k)
                if fk is not None:
                    self._kinks[fk] = v
        self._next: Reference | None = None

    # -- evaluation at the current mpmath precision ------------------------------------------------------
    def _eval(self, x: float) -> mpmath.mpf:
        if math.isnan(x):
            return mpmath.nan
        if math.isinf(x):
            return _to_mpf(_limit_cached(self.entry, self._pkey, tuple(sorted(self.params.items())),
                                         self.order, 1 if x > 0 else -1))
        if self._kinks:
            fx = Fraction(x)
            if fx in self._kinks:
                return _to_mpf(self._kinks[fx])
        beyond = overflow_sign(self.expr, x)  # exp(exp(x)) at x = 100: some 10^43 bits in mpmath
        return beyond * mpmath.inf if beyond else self._g([mpmath.mpf(x)])

    def mp(self, x: float, dps: int = 50) -> mpmath.mpf:
        """The value at ``x`` (a float, taken exactly) computed with ``dps`` decimal digits."""
        with mpmath.workdps(dps):
            return +self._eval(float(x))

    def at(self, x: float, prec: int) -> mpmath.mpf | None:
        """The value at ``x`` (a float, taken exactly) evaluated with ``prec``-bit mpmath arithmetic, or None
        where the evaluation fails there (a division by zero, a domain or overflow error) or comes out complex
        beyond its rounding.  No accuracy is claimed: :meth:`relative` and :meth:`value` escalate it until
        they can claim one."""
        with mpmath.workprec(prec):
            try:
                v = self._eval(float(x))
            except (ZeroDivisionError, ValueError, OverflowError):
                return None
            if isinstance(v, (int, float)):
                v = mpmath.mpf(v)
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > abs(v.real) * mpmath.mpf(2) ** (-prec + 8):
                    return None
                v = v.real
            return +v

    def undefined(self, x: float) -> bool:
        """Whether the kernel proves the value undefined at the float ``x``, taken exactly
        (:func:`symact.kernel.evaluate.undefined_reason`): the expression is undefined there, or (``order`` >= 1)
        no derivative exists there, whatever its formula gives (real-line semantics): the function one order lower
        is undefined there (log(x)' at x < 0, where 1/x is defined), or its formula is undefined there or the
        function one order lower is undefined at a neighbouring float64, and the kernel proves that its
        difference quotient does not converge at x (an end of its domain: x**(3/2)' at 0, where 3 sqrt(x)/2 is
        0; sqrt(x)' at 0).  A formula that is 0/0 at x is no missing derivative (sqrt(x**4 + x**6)' at 0 is 0):
        without the kernel's proof the value there is not known (:meth:`unknown`), not undefined.  False where
        it is not certain or the expression is not a kernel term."""
        if not self.order:
            return self._undefined_term(x)
        lower = reference(self.entry, self.params, self.order - 1)
        if lower.undefined(x):
            return True
        beside = [y for y in (math.nextafter(x, -math.inf), math.nextafter(x, math.inf)) if math.isfinite(y)]
        return ((self._undefined_term(x) or any(map(lower.undefined, beside)))
                and lower._undefined_term(x, derivative=True))

    def unknown(self, x: float) -> bool:
        """Whether the value at the float ``x`` is not known (``order`` >= 1): the kernel proves the derivative's
        formula undefined there (0/0) but neither that the derivative exists nor that it does not
        (:meth:`undefined`), so no reference value is certain there."""
        return bool(self.order) and self._undefined_term(x) and not self.undefined(x)

    def _undefined_term(self, x: float, derivative: bool = False) -> bool:
        """Whether the kernel proves ``self.expr`` itself undefined at ``x`` (``derivative``: its derivative, as
        the kernel reads ``diff(self.expr, x)``: no converging difference quotient there)."""
        return proved_undefined(self.expr, x, derivative)

    def relative(self, x: float, rel_bits: int = 80) -> mpmath.mpf | None:
        """The value at ``x`` certain to about 2^-rel_bits relative (the auditor's exact values: a double-double
        ``hi + lo`` needs 2^-80), by mpmath at doubling precision from 96 + 3 log2|x| bits, up to 20000.

        Accepted when two successive precisions p/2, p agree to 2^-rel_bits *and* the value is far above what
        cancellation at precision p could hide: terms of size up to max(|x|, 1/|x|)^3 lose 2^(3 |log2|x|| - p),
        so |v| must exceed 2^(3 |log2|x|| + rel_bits + 24 - p) (the rule of :func:`certain`; with max(1, |x|)
        alone, the derivative of (exp(x) - 1)/x, exp(x)/x - (exp(x) - 1)/x**2, was 1e300 at x = 1e-300, not 1/2:
        exp(x) rounds to 1 at 96 and at 192 bits, and both agreed on 1/x).  Agreement alone is
        not enough: 1/2 + erf(-15.6)/2 is 0 at 96 and at 192 bits, 1.4e-107 in truth.  An exact zero (or a
        value below 2^-1090) is only believed from :func:`start_bits` for float64 on (no float64 number, down
        to the smallest subnormal, can hide under the cancellation): log(1 + exp(-300)) is 0 at 384 bits and
        5e-131 in truth.  NaN at once where an evaluation fails and the kernel proves the expression undefined at
        x (:meth:`undefined`: log(x) at x < 0).  A failed evaluation alone proves nothing (1/(1 - tanh(x)**2)
        divides by zero below 500 bits at x = 300), nor does an infinite value at a finite x unless it is a
        certified overflow (:func:`symact.numeric.overflow.overflow_sign`: exp(exp(x)) at x = 100; at x = +-inf
        the value is the limit).  Where no precision gives a certain value, the value is NaN if the kernel
        proves the expression undefined at x and None (not known) otherwise: log(1 + tanh(x)) at x = -20000,
        where 1 + tanh x ~ 2e^-40000 rounds to 0 at every precision tried, so that mpmath's log gives -inf and
        the derivative's formula (1 - tanh(x)^2)/(1 + tanh(x)) is 0/0, while the true values are about
        2x + log 2 and 2."""
        x = float(x)
        ex = _ex(x)
        zero_prec = start_bits(fmt(np.float64), x)
        prec = 96 + 3 * ex
        prev = self.at(x, prec)
        cur = prev
        if prev is None and self.undefined(x):
            return mpmath.nan
        while prec < _MAX_PREC_RELATIVE:
            prec *= 2
            cur = self.at(x, prec)
            if prev is not None and cur is not None:
                if (cur == 0 or mpmath.mag(cur) < -1090) and (prev == 0 or mpmath.mag(prev) < -1090):
                    if prec >= zero_prec:   # below every float64 number, and nothing can hide
                        return cur
                elif (abs(cur - prev) <= abs(cur) * mpmath.mpf(2) ** -rel_bits
                      and (not mpmath.isfinite(cur) or cur == 0 or mpmath.mag(cur) > 3 * ex + rel_bits + 24 - prec)):
                    return cur
            prev = cur
        if cur is not None and (not math.isfinite(x) or (mpmath.isinf(cur) and overflow_sign(self.expr, x))):
            return cur
        return mpmath.nan if self.undefined(x) else None

    def value(self, x: float, dtype=np.float64) -> mpmath.mpf:
        """The value at ``x`` at a precision where its rounding to ``dtype`` is certain (see module docs)."""
        f = fmt(dtype)
        x = float(x)
        if not math.isfinite(x):
            with mpmath.workprec(256):
                return self._eval(x)
        if self._kinks and Fraction(x) in self._kinks:
            with mpmath.workprec(start_bits(f, x)):
                return self._eval(x)
        beyond = overflow_sign(self.expr, x)
        return beyond * mpmath.inf if beyond else certain(lambda xm: self._g([xm]), x, f)

    def rounded(self, xs: Iterable[float] | np.ndarray, dtype=np.float64) -> np.ndarray:
        """The exact values at ``xs``, correctly rounded to ``dtype`` (an array of that dtype)."""
        f = fmt(dtype)
        xs = np.asarray(xs)
        flat = xs.astype(np.float64).ravel()
        out = np.array([round_mpf(self.value(x, f), f) for x in flat], dtype=np.float64)
        with np.errstate(all="ignore"):
            return out.reshape(xs.shape).astype(f.dtype)

    def exact(self, xs: Iterable[float] | np.ndarray, dtype=np.float64) -> tuple[np.ndarray, np.ndarray]:
        """The exact values as double-double ``(hi, lo)`` float64 arrays (hi + lo carries ~106 bits), computed
        at a precision that makes their rounding to ``dtype`` certain."""
        f = fmt(dtype)
        xs = np.asarray(xs)
        flat = xs.astype(np.float64).ravel()
        pairs = [split_dd(self.value(x, f)) for x in flat]
        hi = np.array([p[0] for p in pairs], dtype=np.float64).reshape(xs.shape)
        lo = np.array([p[1] for p in pairs], dtype=np.float64).reshape(xs.shape)
        return hi, lo

    def kappa(self, xs: Iterable[float] | np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
        """Condition number |x g'(x) / g(x)| of this reference's function g (f, or f' for order=1, ...),
        from the exact next derivative.  0/0 gives 0, c/0 gives inf; ±inf input gives 1; NaN gives NaN.
        ``values`` (this function's values at ``xs``, e.g. ``exact(xs)[0]``) saves recomputing them."""
        if self._next is None:
            self._next = Reference(self.entry, self.params, self.order + 1, kink_convention=False)
        xs = np.asarray(xs, dtype=np.float64)
        flat = xs.ravel()
        vals = None if values is None else np.asarray(values, dtype=np.float64).ravel()
        out = np.empty(flat.shape, dtype=np.float64)
        f64 = fmt(np.float64)
        for i, x in enumerate(flat):
            x = float(x)
            if math.isnan(x):
                out[i] = math.nan
                continue
            if math.isinf(x):
                out[i] = 1.0
                continue
            d = certain(lambda xm: self._next._g([xm]), x, f64)
            with mpmath.workprec(64):
                y = mpmath.mpf(vals[i]) if vals is not None else self.value(x)
                num = abs(mpmath.mpf(x) * d)
                if y == 0:
                    out[i] = 0.0 if num == 0 else math.inf
                elif mpmath.isnan(num) or mpmath.isnan(y):
                    out[i] = math.inf
                else:
                    k = num / abs(y)
                    out[i] = math.inf if k > 1e300 else float(k)
        return out.reshape(xs.shape)


@lru_cache(maxsize=256)
def _cached_reference(entry: Activation, pkey: tuple, params_items: tuple, order: int) -> Reference:
    return Reference(entry, dict(params_items), order)


def reference(entry_or_name: Activation | str, params: Mapping[str, Any] | None = None,
              order: int = 0) -> Reference:
    """The (cached) :class:`Reference` for a scalar catalog entry (name, alias or entry)."""
    entry = get(entry_or_name) if isinstance(entry_or_name, str) else entry_or_name
    if isinstance(entry, VectorActivation):
        raise UnknownActivationError(f"{entry.name} (vector entry: use vector_reference)", [])
    if not isinstance(entry, Activation):
        raise UnknownActivationError(repr(entry_or_name), [])
    items = tuple(sorted((params or {}).items()))
    return _cached_reference(entry, params_key(entry, params), items, int(order))


class VectorReference:
    """Reference for a vector entry with ``n`` inputs: values and exact Jacobian, from the SymPy matrices."""

    def __init__(self, entry: VectorActivation, n: int):
        self.entry, self.n = entry, n
        syms = entry.inputs(n)
        out = entry.expr(n)
        jac = entry.jacobian(n)
        self._g = [compile_mp(e, syms) for e in out]
        self._j = [[compile_mp(jac[i, j], syms) for j in range(n)] for i in range(out.shape[0])]

    def _row(self, row: np.ndarray, f: Format):
        xs = [float(v) for v in row]
        bits = start_bits(f, max((abs(v) for v in xs if math.isfinite(v)), default=0.0))
        mx = [mpmath.mpf(v) for v in xs]
        prev = None
        for _ in range(int(math.log2(_MAX_GROWTH)) + 1):
            with mpmath.workprec(bits):
                vals = [g(mx) for g in self._g]
            r = [round_mpf(v, f) for v in vals]
            if prev is not None and r == prev:
                return vals
            prev, bits = r, bits * 2
        return vals

    def exact(self, X: np.ndarray, dtype=np.float64) -> tuple[np.ndarray, np.ndarray]:
        """Exact outputs for finite rows ``X`` (shape (m, n)) as double-double (hi, lo) arrays."""
        f = fmt(dtype)
        X = np.asarray(X, dtype=np.float64)
        rows = [[split_dd(v) for v in self._row(r, f)] for r in X]
        hi = np.array([[p[0] for p in r] for r in rows])
        lo = np.array([[p[1] for p in r] for r in rows])
        return hi, lo

    def jacobian(self, X: np.ndarray) -> np.ndarray:
        """The exact Jacobian at each row of ``X`` correctly rounded to float64, shape (m, outputs, n)."""
        X = np.asarray(X, dtype=np.float64)
        f64 = fmt(np.float64)
        out = np.empty((X.shape[0], len(self._j), self.n))
        for r, row in enumerate(X):
            mx = [mpmath.mpf(float(v)) for v in row]
            start = start_bits(f64, float(np.max(np.abs(row))))
            for i, jrow in enumerate(self._j):
                for j, g in enumerate(jrow):
                    bits, prev = start, None
                    for _ in range(int(math.log2(_MAX_GROWTH)) + 1):
                        with mpmath.workprec(bits):
                            v = round_mpf(g(mx), f64)
                        if v == prev:
                            break
                        prev, bits = v, bits * 2
                    out[r, i, j] = v
        return out

    def kappa(self, X: np.ndarray) -> np.ndarray:
        """Componentwise condition numbers sum_j |x_j dF_i/dx_j| / |F_i| (exact, at float64 start precision)."""
        X = np.asarray(X, dtype=np.float64)
        out = np.empty((X.shape[0], len(self._g)))
        f64 = fmt(np.float64)
        for r, row in enumerate(X):
            with mpmath.workprec(start_bits(f64, float(np.max(np.abs(row))))):
                mx = [mpmath.mpf(float(v)) for v in row]
                for i, g in enumerate(self._g):
                    y = g(mx)
                    num = mpmath.fsum(abs(mx[j] * self._j[i][j](mx)) for j in range(self.n))
                    out[r, i] = (0.0 if num == 0 else math.inf) if y == 0 else float(num / abs(y))
        return out


def vector_reference(entry_or_name: VectorActivation | str, n: int) -> VectorReference:
    entry = get(entry_or_name) if isinstance(entry_or_name, str) else entry_or_name
    if not isinstance(entry, VectorActivation):
        raise TypeError(f"{entry.name} is a scalar entry; use reference()")
    return VectorReference(entry, n)

"""Exact values of an activation (or its derivatives) at float64 inputs, as double-double pairs.

:class:`Oracle` turns the catalog's SymPy expression into values ``hi + lo`` (``hi`` = the float64 nearest
the exact value, ``lo`` the float64 nearest the remainder), good to far better than one float64 ULP, which is
what ULP errors in any of the audited formats need (the expression is the catalog's f or a derivative, see
:func:`_expression`).  Three tiers:

* the fast path (:mod:`symact.audit.reference.f64`): vectorised float64 interval arithmetic on the expression; a
  point is taken from it only when the enclosure is narrow enough (relative width below 2^-60 for float64
  targets, see :func:`f64.enclose`);
* its second tier (:mod:`symact.audit.reference.dd`): vectorised double-double interval arithmetic, certain to about
  2^-90 relative, for the points the float64 tier leaves (float64 audits: most of them); a value is taken from
  it when its certified radius is below 2^-80 of it (the slow path's own acceptance level), or when the value
  is certainly below 2^-1076 in magnitude (it rounds to zero);
* the certified slow path, per point: a python-flint ``arb`` ball of the expression (:mod:`symact.interval`)
  at 128, 512, 2048 bits and then, far out, at a precision in proportion to |x|
  (:func:`symact.numeric.reference.far_bits`) until its radius is below 2^-80 of its midpoint, else the
  reference's mpmath escalation (:meth:`symact.numeric.reference.Reference.relative`: doubled precision until
  two successive precisions agree to 2^-80 and the value stands above what cancellation could hide).  Where
  neither certifies a value and the kernel does not prove the expression undefined, the value is not known
  (:meth:`Oracle.unknown`): NaN in the tiers' arrays, and the audit names the input and does not judge it,
  instead of taking mpmath's -inf or NaN of a cancellation as the truth (log(1 + tanh(x)) beyond x = -2^16).

A derivative of an expression (not a catalog entry: those are defined on all of R) is NaN in every tier wherever
the kernel proves f itself undefined or its difference quotient not converging (real-line semantics: log(x)' at
x < 0 and x**(3/2)' at 0, although their formulas 1/x and 3 sqrt(x)/2 have values there; :meth:`Oracle._undefined`).

Values are cached per oracle, keyed by the float64 input, so auditing several implementations of the same
activation on the same inputs evaluates the reference once.

Threads: the vectorised tiers are plain NumPy; every per-point evaluation runs under :data:`PER_POINT`
(mpmath and python-flint keep their working precision in process-wide state, so two threads evaluating at
once could each compute at the other's precision).  An oracle may therefore be used from several threads at
once, as the float32 exhaustive audit (:mod:`symact.audit.stages.exhaustive`) does.
"""
from __future__ import annotations

import math
import sys
import threading
from functools import lru_cache
from typing import Any, Mapping

import mpmath
import numpy as np
import sympy as sp

from symact.audit.reference import dd, f64
from symact.catalog import X, get
from symact.numeric.reference import far_bits

#: held by every per-point (mpmath / python-flint) evaluation: see the module docs
PER_POINT = threading.RLock()
#: below this many points a call goes straight to the per-point slow path (the double-double tier costs 2 to 50
#: milliseconds whatever the number of points; the slow path 0.1 to 1.5 ms a point)
DD_MIN_POINTS = 64


def _freeze(params: Mapping[str, Any] | None) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in (params or {}).items()))


_NONSMOOTH = (sp.Abs, sp.sign, sp.Max, sp.Min, sp.Piecewise, sp.Heaviside)


def _expression(entry, params, order: int, plain: sp.Expr) -> sp.Expr:
    """The expression the oracle encloses: f, or for a derivative of a smooth f the plain derivative
    ``plain`` (sympy.diff, the reference's own; the catalog's simplified one costs seconds of SymPy for
    GELU-tanh and encloses no better once fastref's stable forms are applied), for a piecewise f the
    catalog's branch-by-branch simplified derivative (sympy.diff of softsign gives 1/(1 + |x|) -
    x sign(x)/(1 + |x|)^2, which cancels for large |x|; simplified it is 1/(1 + |x|)^2)."""
    if order == 0:
        return plain
    f = entry.f(params)
    if any(isinstance(node, _NONSMOOTH) for node in sp.preorder_traversal(f)):
        return entry.derivative(order, params)
    return plain


class Oracle:
    """Exact values of ``d^order f / dx^order`` for one catalog entry and parameter set."""

    def __init__(self, entry, params: Mapping[str, Any] | None = None, order: int = 0):
        self.entry = get(entry) if isinstance(entry, str) else entry
        self.params = dict(params or {})
        self.order = order
        from symact.numeric.reference import Reference

        self._ref = Reference(self.entry, self.params, order, kink_convention=False)
        self.expr = _expression(self.entry, self.params, order, self._ref.expr)
        # f' exists only where f does and has a difference quotient on both sides: the oracle of f itself, whose
        # enclosures propose where (:meth:`_undefined`), for an expression's derivative (a catalog entry is defined
        # on all of R)
        from symact.audit.reference.expression import is_expression

        self._base = oracle(self.entry, self.params, 0) if order and is_expression(self.entry) else None
        self._gone: dict[float, bool] = {}
        self._unknown: set[float] = set()   # where the slow path certified no value (:meth:`unknown`)
        self._arbf = None
        self._cache: dict[float, tuple[float, float]] = {}
        self._acache: dict[float, float] = {}
        self._fast = None
        self._ddf = None
        self.fast_points = 0
        self.dd_points = 0
        self.slow_points = 0

    # -- slow, certified path -----------------------------------------------------------------------------
    def mp(self, x: float):
        """The exact value at ``x`` as an mpmath number, certain to about 2^-80 relative: a python-flint arb
        ball (:meth:`_arb`) where arb can enclose it that tightly, else the reference's mpmath escalation
        (:meth:`symact.numeric.reference.Reference.relative`); NaN where the value is undefined, or not known
        (then ``x`` is one of :meth:`unknown`'s)."""
        with PER_POINT:
            v = self._arb(x)
            if v is None:
                v = self._ref.relative(x, 80)
        if v is None:
            self._unknown.add(float(x))
            return mpmath.nan
        if self._undefined(np.array([x], dtype=np.float64), np.array([bool(mpmath.isinf(v))]))[0]:
            return mpmath.nan
        return v

    def _undefined(self, xs: np.ndarray, suspect: np.ndarray | None = None) -> np.ndarray:
        """Where the value is NaN by real-line semantics: where the kernel proves it undefined
        (:meth:`symact.numeric.reference.Reference.undefined`: the expression, or for a derivative f itself or its
        difference quotient; log(x)' at x < 0 and x**(3/2)' at 0, although their formulas 1/x and 3 sqrt(x)/2 are
        defined there).  Only candidates are asked: ``suspect`` (an infinite value at a finite x: log(0), 1/0) and,
        for an expression's derivative, each point where f's float64 enclosure (the fast tier of f's oracle) is no
        finite interval, at the point or at a float64 neighbour (an end of f's domain), or every point where f has
        no fast tier; a failed enclosure alone proves nothing."""
        candidates = np.zeros(xs.shape, dtype=bool) if suspect is None else suspect.copy()
        if self._base is not None and xs.size:
            fast = self._base._compiled()
            for ys in (xs, np.nextafter(xs, -math.inf), np.nextafter(xs, math.inf)) if fast else ():
                lo, hi = f64.enclose(fast, ys)
                with np.errstate(all="ignore"):
                    candidates |= ~(np.isfinite(lo) & np.isfinite(hi) & (lo <= hi))
            candidates |= not fast
        out = np.zeros(xs.shape, dtype=bool)
        for i in np.flatnonzero(candidates):
            x = float(xs[i])
            if math.isfinite(x):
                if x not in self._gone:
                    with PER_POINT:
                        self._gone[x] = self._ref.undefined(x)
                out[i] = self._gone[x]
        return out

    def unknown(self, xs: np.ndarray) -> np.ndarray:
        """Where, among ``xs``, the certified slow path (:meth:`mp`) has found no value and the kernel does not
        prove the expression undefined: a value that cancels below every precision tried (log(1 + tanh(x)) at
        x = -10^6, where 1 + tanh x ~ 2e^(-2 10^6)), or a derivative's formula that is 0/0 where the kernel
        proves neither that the derivative exists nor that it does not (sqrt(x**4 + x**6)' at 0).  Only points
        already computed there count (their values are NaN in what :meth:`enclose`, :meth:`exact_at` gave)."""
        return np.array([float(x) in self._unknown for x in np.ravel(xs)], dtype=bool).reshape(np.shape(xs))

    def why_unknown(self, x: float) -> str:
        """Why the value at ``x``, one of :meth:`unknown`'s, is not known (the audit's note)."""
        with PER_POINT:
            if self.order and self._ref.unknown(float(x)):
                return ("its formula is undefined there and the kernel proves neither that f' exists there nor "
                        "that it does not")
        return ("the reference certified no value there (no precision tried separates it from a cancellation "
                "to 0, and the kernel does not prove it undefined)")

    def _nan_where_undefined(self, xs: np.ndarray, hi: np.ndarray, *rest: np.ndarray) -> None:
        """Set ``hi`` to NaN, and each of ``rest`` (tails, radii) to 0, where the value is undefined
        (:meth:`_undefined`)."""
        gone = self._undefined(xs)
        hi[gone] = math.nan
        for a in rest:
            a[gone] = 0.0

    def _arb(self, x: float, rel_bits: int = 80, precs=None):
        """A certified value from python-flint ``arb`` balls (:mod:`symact.interval.evaluate`), raising the
        precision (by default 128 -> 512 -> 2048 bits -> :func:`far_bits`) until the ball's radius is below
        2^-80 of its midpoint (or it is an exact zero); None when arb cannot enclose it (the mpmath escalation
        takes over)."""
        if not self._arb_compiled():
            return None
        from flint import arb

        far = far_bits(x)
        for prec in precs or (128, 512, 2048, *((far,) if far > 2048 else ())):
            v = self._ball(x, prec)
            if v is None:
                continue
            if v.is_exact():
                return arb_to_mpf(v)
            if v.rad() <= abs(v.mid()) * arb(2) ** -rel_bits and not v.contains(0):
                return arb_to_mpf(v)
        return None

    def _arb_compiled(self) -> bool:
        """Compile the expression once with :func:`symact.interval.arb_function` (False when it has a node
        the interval package cannot enclose: the mpmath path takes over)."""
        if self._arbf is None:
            from symact.interval import arb_function

            try:
                self._arbf = arb_function(self.expr, X)
            except Exception:  # noqa: BLE001 - NotEnclosable or an unexpected node: mpmath only
                self._arbf = False
        return bool(self._arbf)

    def _ball(self, x: float, prec: int):
        """A certified ball around the value at the exact float64 ``x`` at ``prec`` bits, or None (not
        enclosable here, e.g. overflow or an undecided Piecewise condition; a non-finite ball is refused)."""
        from symact.interval import NotEnclosable, exact_ball

        if not math.isfinite(x):
            return None
        try:
            with PER_POINT:
                return self._arbf(exact_ball(x, prec), prec=prec)
        except (NotEnclosable, ArithmeticError, ValueError):
            return None

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
    def _compiled(self):
        if self._fast is None:
            self._fast = f64.compile_expr(self.expr) or False
        return self._fast

    def _dd_compiled(self):
        if self._ddf is None:
            self._ddf = dd.compile_expr(self.expr) or False
        return self._ddf

    def _dd_tier(self, xs: np.ndarray):
        """The double-double tier at ``xs`` as a :class:`dd.DD` (NaN where it gives nothing), or None when
        the expression has no dd evaluator or ``xs`` is too small to be worth its fixed cost."""
        if xs.size < DD_MIN_POINTS or not self._dd_compiled():
            return None
        return dd.enclose(self._ddf, xs)

    def enclose(self, xs: np.ndarray, need: float = 2.0 ** -30) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(mid, lo, rad)``: the exact value lies in [mid + lo - rad, mid + lo + rad].  Points whose float64
        fast enclosure is wider than ``need`` relative are taken from the double-double tier where that one is
        narrow enough, else from the slow path (rad = 0, lo the double-double tail).  With ``need = inf``
        every finite float64 enclosure is returned as it is (the judge's first pass; float32 audits)."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        mid = np.empty_like(xs)
        lo = np.zeros_like(xs)
        rad = np.zeros_like(xs)
        todo = np.ones(xs.shape, dtype=bool)
        fast = self._compiled()
        if fast and xs.size:
            fm, fr, ok = f64.evaluate(fast, xs, need)
            n = int(np.count_nonzero(ok))
            self.fast_points += n
            if n == xs.size:                      # every point from the float64 tier (the usual case)
                self._nan_where_undefined(xs, fm, lo, fr)
                return fm, lo, fr
            mid[ok], rad[ok] = fm[ok], fr[ok]
            todo = ~ok
        idx = np.flatnonzero(todo)
        d = self._dd_tier(xs[idx])
        if d is not None:
            with np.errstate(all="ignore"):
                good = np.isfinite(d.hi) & ((d.rad <= need * np.abs(d.hi)) | (d.rad == 0) | (need == math.inf))
            sel = idx[good]
            mid[sel], lo[sel], rad[sel] = d.hi[good], d.lo[good], d.rad[good]
            self.dd_points += int(good.sum())
            idx = idx[~good]
        for i in idx:
            mid[i], lo[i] = self._dd(float(xs[i]))
        self._nan_where_undefined(xs, mid, lo, rad)
        return mid, lo, rad

    def dd(self, xs: np.ndarray, need: float = 2.0 ** -60) -> tuple[np.ndarray, np.ndarray]:
        """Exact values at the finite float64 inputs ``xs`` as ``(hi, lo)``; points whose fast enclosure is not
        relatively narrower than ``need`` come from the certified slow path (so ``need`` < 2^-52 means every
        point is computed in mpmath)."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        mid, lo, _ = self.enclose(xs, need)
        return mid, lo

    def exact_at(self, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The exact values at ``xs`` as double-double ``(hi, lo)``, certain to 2^-80 relative: from the
        double-double tier where its certified radius is that small (and hi is certainly the float64 nearest
        the exact value), else from the certified slow path (:meth:`slow_at`).  A value certainly below
        2^-1076 in magnitude comes back as a zero (-0.0 where the value is certainly negative, else +0.0)
        with lo = 0: it rounds to a zero in every format."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        hi = np.empty_like(xs)
        lo = np.zeros_like(xs)
        idx = np.arange(xs.size)
        d = self._dd_tier(xs)
        if d is not None:
            h, l, r, ok = dd.values_from(d)
            with np.errstate(all="ignore"):
                # hi must be the float64 nearest the exact value: refuse a tail within the radius of half a
                # spacing of hi (either spacing, hi may be a power of two)
                half = np.spacing(np.abs(h)) / 2
                near = (np.abs(np.abs(l) - half) <= 2 * r) | (np.abs(np.abs(l) - half / 2) <= 2 * r)
            ok &= ~near | (h == 0)
            hi[ok], lo[ok] = h[ok], l[ok]
            self.dd_points += int(ok.sum())
            idx = np.flatnonzero(~ok)
        for i in idx:
            hi[i], lo[i] = self._dd(float(xs[i]))
        self._nan_where_undefined(xs, hi, lo)
        return hi, lo

    def slow_at(self, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The certified per-point slow path (arb, then mpmath) for every point of ``xs``, as ``(hi, lo)``."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        pairs = [self._dd(float(x)) for x in xs]
        return (np.array([p[0] for p in pairs], dtype=np.float64).reshape(xs.shape),
                np.array([p[1] for p in pairs], dtype=np.float64).reshape(xs.shape))

    def approx(self, xs: np.ndarray, negligible: float = 2.0 ** -1000) -> np.ndarray:
        """Float64 values good to a few digits (for condition numbers): the fast path where it applies, else
        mpmath at 64 and 128 bits, escalated to :meth:`mp` when those disagree."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        out = np.empty_like(xs)
        todo = np.ones(xs.shape, dtype=bool)
        fast = self._compiled()
        if fast and xs.size:
            fhi, frad, ok = f64.evaluate(fast, xs, math.inf)
            # a few digits suffice; a wide enclosure of a value far below float64's normal range is as good
            # (the absolute floor of the standard decides there)
            ok &= (frad <= 2.0 ** -8 * np.abs(fhi)) | (np.abs(fhi) + frad < negligible)
            out[ok] = fhi[ok]
            todo = ~ok
        idx = np.flatnonzero(todo)
        d = self._dd_tier(xs[idx])
        if d is not None:
            with np.errstate(all="ignore"):
                good = np.isfinite(d.hi) & ((d.rad <= 2.0 ** -8 * np.abs(d.hi)) | (d.lgeff() < math.log2(negligible)))
            out[idx[good]] = d.hi[good]
            idx = idx[~good]
        for i in idx:
            x = float(xs[i])
            v = self._acache.get(x)
            if v is None:
                hit = self._cache.get(x)
                ex = abs(math.frexp(x)[1]) if x else 0
                a = None if hit is not None else self._arb(x, 12, (64 + ex, 4 * ex + 128))
                if hit is not None:
                    v = hit[0]
                elif a is not None:
                    v = float(a)
                else:
                    with PER_POINT:
                        m = self._ref.at(x, 64)
                        m2 = self._ref.at(x, 128)
                    if m is None or m2 is None or abs(m - m2) > abs(m2) * 2.0 ** -30 or (m2 == 0 and x != 0):
                        m = self.mp(x)
                    v = float(m) if m is not None else math.nan
                self._acache[x] = v
            out[i] = v
        self._nan_where_undefined(xs, out)
        return out

    def upper(self, xs: np.ndarray, enough: np.ndarray | None = None, negligible: float = 2.0 ** -1000) -> np.ndarray:
        """An upper bound U of |value| per point, for condition numbers.  A bound is accepted where it pins the
        value down to a factor of 2, or where U <= ``enough`` (the caller's threshold below which the bound no
        longer matters, e.g. |g| / |x| for kappa = |x g'| / |g| <= 1).  Tried in order: the fast enclosure,
        arb balls at growing precision (a huge |x| needs about log2|x| extra bits), :meth:`approx`."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        enough = np.zeros_like(xs) if enough is None else np.broadcast_to(np.asarray(enough, np.float64), xs.shape)
        out = np.full(xs.shape, np.nan)
        fast = self._compiled()
        if fast and xs.size:
            lo, hi = f64.enclose(fast, xs)
            with np.errstate(all="ignore"):
                u = np.maximum(np.abs(lo), np.abs(hi))
                tight = (np.abs(hi - lo) <= 0.5 * np.minimum(np.abs(lo), np.abs(hi))) & (np.sign(lo) == np.sign(hi))
                good = np.isfinite(u) & (tight | (u <= enough) | (u < negligible))
            out[good] = u[good]
        idx = np.flatnonzero(np.isnan(out))
        d = self._dd_tier(xs[idx])
        if d is not None:
            with np.errstate(all="ignore"):
                u = dd.upper_abs(d)
                tight = (d.rad <= 0.25 * np.abs(d.hi)) & (d.hi != 0)
                good = np.isfinite(u) & (tight | (u <= enough[idx]) | (u < negligible))
            out[idx[good]] = u[good]
            idx = idx[~good]
        for i in idx:
            x = float(xs[i])
            v = self._arb_upper(x, float(enough[i]))
            out[i] = v if v is not None else abs(self.approx(np.array([x]), negligible)[0])
        self._nan_where_undefined(xs, out)
        return out

    def _arb_upper(self, x: float, enough: float):
        if not self._arb_compiled():
            return None
        from flint import arb

        ex = abs(math.frexp(x)[1]) if x else 0
        for prec in (64 + ex, 4 * ex + 128, 8 * ex + 512):
            v = self._ball(x, prec)
            if v is None:
                continue
            m, r = abs(v.mid()), v.rad()
            u = m + r
            if r <= 0.5 * m or u <= arb(enough) or u < arb(2) ** -1000:
                return float(u.upper()) if u < arb(2) ** 1000 else math.inf
        return None

    def value(self, x: float) -> float:
        return self._dd(float(x))[0]


def arb_to_mpf(v):
    """The midpoint of an arb ball as an exact mpmath number."""
    m, e = v.mid().man_exp()
    m, e = int(m), int(e)
    with mpmath.workprec(max(64, m.bit_length() + 8)):
        return mpmath.ldexp(mpmath.mpf(m), e)


@lru_cache(maxsize=256)
def _oracle(entry, frozen: tuple, order: int) -> Oracle:
    return Oracle(entry, dict(frozen), order)


def oracle(entry, params: Mapping[str, Any] | None = None, order: int = 0) -> Oracle:
    """A shared (cached) :class:`Oracle` of a catalog entry (name, alias or entry) or an expression's entry."""
    return _oracle(get(entry), _freeze(params), order)


def rounded(entry, xs: np.ndarray, dtype="float32", params=None, order: int = 0) -> np.ndarray:
    """Correctly rounded values of a catalog entry (or its derivative) at ``xs`` in ``dtype`` (as float64):
    the vectorised float64 enclosure where both ends round alike, then the double-double tier
    (:func:`.dd.rounded`; float64 targets need it), then
    :meth:`symact.numeric.reference.Reference.rounded` (certified per-point mpmath) for the rest."""
    from symact.audit.dtypes import get_format
    from symact.numeric.reference import reference

    fmt = get_format(dtype)
    xs = np.asarray(xs, dtype=np.float64).ravel()
    o = oracle(entry, params, order)
    vals, rest = _vector_tiers(o._compiled(), o._dd_tier, xs, fmt)
    if rest.size:
        vals[rest] = reference(o.entry, params, order).rounded(xs[rest], fmt.numpy_dtype()).astype(np.float64)
    return vals


def rounded_expression(expr: sp.Expr, xs: np.ndarray, dtype="float32") -> np.ndarray:
    """Correctly rounded values of an expression in x (not a catalog entry: ``symact implement --expr``) at
    ``xs`` in ``dtype`` (as float64): the values of :func:`certified_expression`, NaN where it is undefined or
    where no value is known."""
    return certified_expression(expr, xs, dtype)[0]


def certified_expression(expr: sp.Expr, xs: np.ndarray, dtype="float32") -> tuple[np.ndarray, np.ndarray]:
    """(the correctly rounded values of an expression in x at ``xs`` in ``dtype``, as float64; where no value is
    known) : the vectorised float64 and double-double enclosures where both ends round alike, as in
    :func:`rounded`, then per point python-flint ``arb`` balls at 64, 256, 1024, 4096, 16384 bits (plus the
    exponent of x) and, far out, at :func:`symact.numeric.reference.far_bits` until both ends of the ball round
    alike (:func:`_ball_rounded`), and where arb cannot enclose it the reference's mpmath escalation
    (:func:`symact.numeric.reference.certain`).  A value is not known (NaN, and True in the second array) where
    that escalation ends on an infinite or NaN value at a finite x that the kernel does not prove undefined
    (log(1 + tanh(x)) beyond x = -2^16: mpmath's log(0) = -inf of 1 + tanh x ~ 2e^(2x), not the truth 2x + log 2);
    where the kernel proves it undefined the value stays what mpmath gives (NaN; -inf for log(0))."""
    from symact.audit.dtypes import get_format

    fmt = get_format(dtype)
    xs = np.asarray(xs, dtype=np.float64).ravel()
    ddf = dd.compile_expr(expr)
    vals, rest = _vector_tiers(f64.compile_expr(expr), lambda ys: dd.enclose(ddf, ys) if ddf else None, xs, fmt)
    unknown = np.zeros(xs.shape, dtype=bool)
    if rest.size:
        vals[rest], unknown[rest] = _ball_rounded(expr, xs[rest], fmt.name)
    return vals, unknown


def _vector_tiers(fast, dd_tier, xs: np.ndarray, fmt) -> tuple[np.ndarray, np.ndarray]:
    """(the values correctly rounded to ``fmt`` where the float64 enclosures (``fast``, compiled, or None) or then
    the double-double ones (``dd_tier``: inputs -> :class:`dd.DD` or None) make the rounding certain, NaN
    elsewhere; the indices of the rest)."""
    if fast:
        vals, ok = f64.rounded_fast(fast, xs, fmt)
        vals = vals.copy()
    else:
        vals, ok = np.full(xs.shape, np.nan), np.zeros(xs.shape, bool)
    rest = np.flatnonzero(~ok)
    d = dd_tier(xs[rest]) if rest.size else None
    if d is not None:
        v2, ok2 = dd.rounded(d, fmt)
        vals[rest[ok2]] = v2[ok2]
        rest = rest[~ok2]
    return vals, rest


#: the precisions (bits, before the exponent of x is added) of :func:`_ball_rounded`
BALL_PRECISIONS = (64, 256, 1024, 4096, 16384)


def _ball_rounded(expr: sp.Expr, xs: np.ndarray, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    """Per point: the correct rounding of ``expr`` at each of ``xs`` to ``dtype``, certified by an arb ball whose
    two ends round to the same number (and sign), or whose value is exact; where no ball of
    :data:`BALL_PRECISIONS` (nor, far out, of :func:`symact.numeric.reference.far_bits`) decides it (arb cannot
    enclose the expression there, or its value stays within the ball's radius of a rounding boundary),
    :func:`symact.numeric.reference.certain` (mpmath at doubling precisions, from a precision at which
    cancellation cannot hide a number of the format); and where that gives no finite value at a finite x the
    kernel does not prove undefined, not known (NaN, True in the second array: see :func:`certified_expression`)."""
    from flint import ctx

    from symact.interval import NotEnclosable, arb_function, exact_ball
    from symact.numeric.fp import fmt as mp_format, round_mpf
    from symact.numeric.mpcompile import compile_mp
    from symact.numeric.overflow import overflow_sign
    from symact.numeric.reference import certain, proved_undefined

    f = mp_format(dtype)
    try:
        ball = arb_function(expr, X)
    except Exception:  # noqa: BLE001 - a node arb cannot enclose: mpmath for every point
        ball = None
    g = None
    out = np.empty(xs.shape)
    unknown = np.zeros(xs.shape, dtype=bool)
    for i, x in enumerate(xs.tolist()):
        value = None
        far = far_bits(x) if math.isfinite(x) else 0
        for prec in (*BALL_PRECISIONS, *((far,) if far > BALL_PRECISIONS[-1] else ())) if ball is not None else ():
            prec += abs(math.frexp(x)[1])
            try:
                with PER_POINT:
                    v = ball(exact_ball(x, prec), prec=prec)
            except (NotEnclosable, ArithmeticError, ValueError):
                continue    # outside a domain at this precision: undefined there, or a cancellation a higher one
                # resolves ((1 - tanh(x)^2)/(1 + tanh(x)) at x = -758 divides by a ball holding 0 below 4096 bits)
            if not v.is_finite():
                continue
            with ctx.workprec(prec):    # the ends at the ball's precision (at flint's default 53 bits they are
                ends = (v,) if v.is_exact() else (v.lower(), v.upper())     # rounded outwards to a float64 each)
            r = [round_mpf(arb_to_mpf(e), f) for e in ends]
            if r[0] == r[-1] and math.copysign(1, r[0]) == math.copysign(1, r[-1]):
                value = r[0]
                break
        beyond = 0 if value is not None else overflow_sign(expr, x)  # beyond what mpmath can compute
        if beyond:
            value = beyond * math.inf
        elif value is None:
            g = g or _real(compile_mp(expr, [X]))
            with PER_POINT:
                value = round_mpf(certain(g, x, f), f)
                if not math.isfinite(value) and math.isfinite(x) and not proved_undefined(expr, x):
                    value, unknown[i] = math.nan, True
        out[i] = value
    return out, unknown


def _real(g):
    """``g`` (an mpmath function of [x]) as a function of x that gives NaN where g is undefined: a division by
    zero, a domain error, a complex value."""
    def value(t):
        try:
            v = g([t])
        except (ZeroDivisionError, ValueError, OverflowError):
            return mpmath.nan
        if isinstance(v, mpmath.mpc):
            return v.real if v.imag == 0 else mpmath.nan
        return v
    return value


def limit_at(entry, params, direction: int, order: int = 0):
    """lim f(x) (``order`` 1: of f') for x -> direction * oo as a float (nan when it does not exist or cannot
    be found)."""
    return _limit(get(entry), _freeze(params), direction, order)


@lru_cache(maxsize=256)
def _limit(entry, frozen: tuple, direction: int, order: int = 0) -> float:
    """The limit from :mod:`symact.numeric.reference` (outermost Piecewise branch, then sympy.limit); NaN where
    f is undefined towards that end (:func:`undefined_at`: SymPy's limit treats x as complex, log(x) -> oo as
    x -> -oo)."""
    from symact.numeric.reference import reference

    if _undefined_far(entry, frozen, direction, order):
        return math.nan
    v = reference(entry, dict(frozen), order).mp(direction * math.inf, 30)
    return float(v)


def undefined_at(entry, params, direction: int, order: int = 0) -> bool:
    """Whether f (``order`` 1: f') is undefined towards x -> direction * oo: an expression's entry that the
    kernel proves undefined at the largest float64 of that sign (log(x) towards -oo), where an implementation
    must return NaN; a catalog entry is defined on all of R."""
    return _undefined_far(get(entry), _freeze(params), direction, order)


@lru_cache(maxsize=256)
def _undefined_far(entry, frozen: tuple, direction: int, order: int) -> bool:
    from symact.audit.reference.expression import is_expression
    from symact.numeric.reference import reference

    return is_expression(entry) and reference(entry, dict(frozen), order).undefined(direction * sys.float_info.max)

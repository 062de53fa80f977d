"""The fast path of the reference: vectorised float64 interval arithmetic on the SymPy expression.

``compile_expr(expr)`` turns a catalog expression (parameters substituted) into a function mapping float64
inputs ``x`` to an enclosure ``[lo, hi]`` of the exact value f(x) for every element at once.  Soundness:

* ``+ - * /`` are IEEE operations (error <= 1/2 ulp) and every result is widened outward by 2 ulps (plus two
  subnormal units, so the subnormal range is covered);
* library functions (NumPy's exp, expm1, log, log1p, tanh, sqrt, cosh; SciPy's erf, erfc) are widened by an
  assumed error bound (:data:`LIBS`, from :mod:`symact.functions`); at first use every function is checked
  against mpmath on 4000 points spread over its whole domain and dropped from the fast path (its nodes then go
  to the slow path) if it is ever outside its bound;
* monotone functions are evaluated at both ends of the input interval; a function that is not defined on the
  whole input interval (log of an interval touching 0, division by an interval containing 0) and any NaN
  give an unusable enclosure, so that point falls back to the certified slow path; overflow gives infinite
  ends, which is still a valid enclosure;
* ``Piecewise`` conditions are decided with certainty (``lhs.hi < rhs.lo`` ...); a point where a condition
  is uncertain (an inexact threshold such as 1/10 at the float nearest to it) falls back to the slow path;
* cancellation-prone patterns are rewritten to equivalent stable forms first (1 + erf z = erfc(-z),
  exp z - 1 = expm1 z, log(1 + exp u) = max(u, 0) + log1p(exp(-|u|)), c + c tanh z = 2c / (1 + exp(-2z)),
  c - c tanh(z)^2 = c / cosh(z)^2, exp(u)^a (1 + exp(u))^-b = sig(u)^a sig(-u)^(b-a) (also when the power
  was rewritten first), c - c sig(u) = c sig(-u), c - 2c sig(u) = -c tanh(u/2)); a cancellation that is left
  only makes the enclosure wide, never wrong.

``evaluate(compiled, xs, need)`` returns the midpoints, the radii and a mask of the points whose enclosure is
relatively narrower than ``need``; callers take the others from the certified slow path
(:mod:`symact.audit.reference.oracle`, whose ``rounded(entry, xs, dtype)`` returns values correctly rounded to
a format: a point is taken from this tier only when both ends of its enclosure round to the same number).
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable

import mpmath
import numpy as np
import sympy as sp

from symact.catalog import X
from symact.functions import (BY_HEAD, REGISTRY, Expm1, Log1p, Logistic, Sech2, Sigmoid2, Softplus, Special,
                               TanhShrink)

#: the library functions (:class:`symact.functions.Lib`: the assumed maximal error in float64 ulps, checked at
#: first use, see module docs; whether results below the normal range may be flushed, whose enclosures then get
#: an absolute allowance of the smallest normal double; a bound growing with x^2)
LIBS: dict[str, Special] = {f.name: f for f in REGISTRY.values() if f.lib is not None}
_TINY = 2.0 ** -1022


def lib_ulps(name: str, x):
    """Assumed error bound of library function ``name`` at argument(s) ``x``, in ulps."""
    lib = LIBS[name].lib
    if lib.growth is None:
        return lib.ulps
    with np.errstate(all="ignore"):
        # beyond |x| = 27 erfc is saturated (2 in float64) or underflowed: no further growth
        return lib.ulps + lib.growth * np.square(np.minimum(np.abs(x), 27.0))
_U = 2.0 ** -52
_SUB = 2.0 ** -1074
_MAX = float(np.finfo(np.float64).max)
_RECIP_MAX = float(np.nextafter(1.0 / _MAX, np.inf)) * (1 + 2.0 ** -50) + 2 * 2.0 ** -1074


class Unsupported(Exception):
    pass


def _widen(lo, hi, ulps: float):
    """Widen [lo, hi] outward by ``ulps`` float64 ulps (relative) plus two subnormal units."""
    c = (ulps + 1) * _U
    with np.errstate(all="ignore"):
        m = np.abs(lo) * c + 2 * _SUB
        a = lo - m
        b = hi + (m if hi is lo else np.abs(hi) * c + 2 * _SUB)
        # an overflowed end (+inf as a lower bound, -inf as an upper bound; inf - inf made it NaN above) is
        # replaced by the largest finite double: the exact value of a finite expression is finite, and beyond
        # that number; other infinite ends stay infinite (-inf - inf = -inf: a valid, if wide, bound); NaN
        # stays NaN (no enclosure)
        a = np.where(lo == np.inf, _MAX, a)
        b = np.where(hi == -np.inf, -_MAX, b)
        return a, b


# -- library functions and their self-check ---------------------------------------------------------------
def _lib(name: str) -> Callable:
    """The array function of library function ``name``: NumPy's, or SciPy's (erf, erfc)."""
    f = LIBS[name]
    if f.scipy:
        import scipy.special as sc

        return getattr(sc, f.array)
    return getattr(np, f.array)


@lru_cache(maxsize=None)
def _trusted(name: str) -> bool:
    """Check ``name`` against mpmath on 4000 points over its domain (log-spaced magnitudes and a uniform grid)."""
    fn, ref, (a, b) = _lib(name), LIBS[name].mp, LIBS[name].lib.span
    rng = np.random.default_rng(12345)
    pts = [np.linspace(a, b, 1000), rng.uniform(a, b, 1000)]
    for s in (1.0, -1.0):
        mags = np.exp(rng.uniform(-700, math.log(max(abs(a), abs(b), 1.0)), 1000))
        pts.append(np.clip(s * mags, a, b))
    xs = np.unique(np.concatenate(pts))
    with np.errstate(all="ignore"):
        ys = fn(xs)
    bounds = (np.broadcast_to(lib_ulps(name, xs), xs.shape) * _U).tolist()
    with mpmath.workprec(120):
        for x, y, bound in zip(xs.tolist(), ys.tolist(), bounds):
            e = ref(mpmath.mpf(x))
            if not math.isfinite(y):
                if abs(e) < 1.7976931348623157e308:
                    return False
                continue
            if abs(mpmath.mpf(y) - e) > bound * abs(e) + 4 * _SUB + (_TINY if LIBS[name].lib.flush else 0):
                return False
    return True


def _libfn(name: str):
    if not _trusted(name):
        raise Unsupported(f"library {name} outside its assumed error bound")
    lib = LIBS[name].lib
    return _lib(name), ((lambda x, n=name: lib_ulps(n, x)) if lib.growth is not None else lib.ulps)


# -- compiler ---------------------------------------------------------------------------------------------------
Iv = tuple  # (lo, hi) arrays


def _const(v: sp.Expr) -> Callable:
    with mpmath.workprec(160):
        m = mpmath.mpf(sp.N(v, 50)) if not isinstance(v, sp.Rational) else mpmath.mpf(v.p) / v.q
        lo = float(mpmath.mpf(m) - abs(m) * mpmath.mpf(2) ** -60)
        hi = float(mpmath.mpf(m) + abs(m) * mpmath.mpf(2) ** -60)
    lo, hi = _widen(np.float64(lo), np.float64(hi), 0)
    exact = float(m) == m

    def f(x):
        if exact:
            v0 = np.full(x.shape, float(m))
            return v0, v0
        return np.full(x.shape, lo), np.full(x.shape, hi)

    return f


def _monotone(fn, ulps, inner, increasing=True, flush=False):
    def f(x):
        lo, hi = inner(x)
        with np.errstate(all="ignore"):
            a = fn(lo)
            b = a if hi is lo else fn(hi)          # a point argument (the input x itself): one call
        u = ulps(np.maximum(np.abs(lo), np.abs(hi))) if callable(ulps) else ulps
        if not increasing:
            a, b = b, a
        a, b = _widen(a, b, u)
        if flush:
            a, b = a - _TINY, b + _TINY
        return a, b

    return f


def _library(f: Special, inner):
    """A monotone library function of :data:`LIBS` on the enclosure ``inner``: arguments reaching below its
    domain (log of a value <= 0, sqrt of one < 0) give no enclosure."""
    fn, u = _libfn(f.name)
    increasing, flush = f.monotone > 0, f.lib.flush
    if f.domain is None:
        return _monotone(fn, u, inner, increasing, flush)
    floor, closed = f.domain[0], f.domain[2]

    def g(x):
        lo, hi = inner(x)
        lo = np.where(lo < floor if closed else lo <= floor, np.nan, lo)
        return _monotone(fn, u, lambda _: (lo, hi), increasing, flush)(x)

    return g


def _add(parts):
    def f(x):
        lo, hi = parts[0](x)
        for p in parts[1:]:
            l2, h2 = p(x)
            with np.errstate(all="ignore"):
                lo, hi = _widen(lo + l2, hi + h2, 1)
        return lo, hi

    return f


def _mul2(a, b):
    al, ah = a
    bl, bh = b
    with np.errstate(all="ignore"):
        p, q, r, s = al * bl, al * bh, ah * bl, ah * bh
        # np.minimum/np.maximum propagate NaN: 0 * inf = nan makes both ends NaN (unusable), as _widen keeps them
        lo = np.minimum(np.minimum(p, q), np.minimum(r, s))
        hi = np.maximum(np.maximum(p, q), np.maximum(r, s))
    return _widen(lo, hi, 1)


def fold(op, parts):
    """The node evaluating ``op(...op(op(p0(x), p1(x)), p2(x))...)`` (shared with :mod:`.dd`)."""
    def f(x):
        acc = parts[0](x)
        for p in parts[1:]:
            acc = op(acc, p(x))
        return acc

    return f


def _mul(parts):
    return fold(_mul2, parts)


def _recip(a):
    lo, hi = a
    with np.errstate(all="ignore"):
        bad = (lo <= 0) & (hi >= 0)
        rl, rh = 1.0 / hi, 1.0 / lo
    rl, rh = _widen(rl, rh, 1)
    return np.where(bad, np.nan, rl), np.where(bad, np.nan, rh)


def _ipow(inner, n: int):
    def f(x):
        base = inner(x)
        lo, hi = base
        if n == 0:
            one = np.ones(x.shape)
            return one, one
        m = abs(n)
        if m % 2 == 0:
            with np.errstate(all="ignore"):
                alo, ahi = np.abs(lo), np.abs(hi)
                mn = np.where((lo <= 0) & (hi >= 0), 0.0, np.minimum(alo, ahi))
                mx = np.maximum(alo, ahi)
            acc = (mn, mx)
            res = acc
            for _ in range(m - 1):
                res = _mul2(res, acc)
                res = (np.maximum(res[0], 0.0), res[1])
        else:
            res = base
            for _ in range(m - 1):
                res = _mul2(res, base)
        return _recip(res) if n < 0 else res

    return f


def _abs(inner):
    def f(x):
        lo, hi = inner(x)
        mn = np.where((lo <= 0) & (hi >= 0), 0.0, np.minimum(np.abs(lo), np.abs(hi)))
        return mn, np.maximum(np.abs(lo), np.abs(hi))

    return f


def _maxmin(parts, is_max):
    def f(x):
        vals = [p(x) for p in parts]
        los = np.stack([v[0] for v in vals])
        his = np.stack([v[1] for v in vals])
        if is_max:
            return np.max(los, axis=0), np.max(his, axis=0)
        return np.min(los, axis=0), np.min(his, axis=0)

    return f


def _softplus_node(inner):
    """log(1 + exp(u)) = max(u, 0) + log1p(exp(-|u|)), increasing in u."""
    exp_, ue = _libfn("exp")
    log1p_, ul = _libfn("log1p")

    def g(u):
        with np.errstate(all="ignore"):
            return np.maximum(u, 0) + log1p_(exp_(-np.abs(u)))

    # error: exp (ue), log1p (ul) of a value <= 1 (its error relative to the sum is smaller), one addition
    return _monotone(g, ue + ul + 2, inner)


def _logistic(inner, scale: float = 1.0):
    """1 / (1 + exp(-scale u)), increasing in u.  Where exp overflows, the computed 1/(1 + inf) = 0 is only a
    lower bound: the true value lies in (0, 1/MAX], so the upper end is set to 1/MAX (rounded up)."""
    exp_, ue = _libfn("exp")

    def f(x):
        lo, hi = inner(x)
        with np.errstate(all="ignore"):
            if hi is lo:                                 # a point argument (the input x itself)
                ea = eb = exp_(-scale * lo)
                a = b = 1.0 / (1.0 + ea)
            else:
                ea, eb = exp_(-scale * lo), exp_(-scale * hi)
                a, b = 1.0 / (1.0 + ea), 1.0 / (1.0 + eb)     # scale is 1 or 2: -scale*u is exact
        a, b = _widen(a, b, ue + 4)
        over_a = np.isinf(ea)
        b = np.where(over_a if eb is ea else np.isinf(eb), _RECIP_MAX, b)
        a = np.where(over_a, 0.0, a)
        return a, b

    return f


def _sigmoid2(inner, c):
    """c + c tanh(z) = 2c / (1 + exp(-2z)) (increasing in z for c > 0)."""
    base = _logistic(inner, 2.0)
    cc = _const(2 * c)
    return lambda x: _mul2(cc(x), base(x))


def _sech2(inner):
    cosh_, uc = _libfn("cosh")

    def f(x):
        lo, hi = _abs(inner)(x)
        with np.errstate(all="ignore"):
            a, b = cosh_(lo), cosh_(hi)           # increasing on [0, inf)
        a, b = _widen(a, b, uc)
        sq = _mul2((a, b), (a, b))
        return _recip(sq)

    return f


#: terms of the float64 tier's series of u - tanh(u): the remainder is below 2^-60 of the value for |u| <= 1/8
TANHSHRINK_TERMS = 9


#: relative error of the float64 evaluation of u^3 P(u^2) below (2^-48 > 24 u, with u = 2^-53: see _tanhshrink)
_SERIES_REL = 2.0 ** -48


def _tanhshrink(inner):
    """u - tanh(u), increasing in u: the lower end from the value at the interval's lower end, the upper end
    from the value at its upper end.  Where |u| <= 1/8 the value is u^3 P(u^2) evaluated in float64 (s = u*u,
    Horner on s, times s*u) with a rounding error below 24 u relative (Higham's Horner bound gamma_18 times
    sum |c_k| s^k / |P(s)| <= 1.02, the coefficients' own rounding, three more products; P(s) >= 1/3 - 2/(15*64)
    does not cancel), widened by
    2^-48 relative, four subnormal units (underflowing products) and the series remainder; elsewhere the
    formula's interval enclosure."""
    coeffs, _ = tanhshrink_coefficients(TANHSHRINK_TERMS)
    cs = [float(c) for c in coeffs]
    direct = _compile(X - sp.tanh(X))
    small = float(SERIES_RADIUS)

    def ends(u):
        lo, hi = np.empty_like(u), np.empty_like(u)
        near = np.abs(u) <= small
        far = np.flatnonzero(~near)
        if far.size:
            lo[far], hi[far] = direct(u[far])
        idx = np.flatnonzero(near)
        if idx.size:
            v = u[idx]
            with np.errstate(all="ignore"):
                s = v * v
                p = np.full(v.shape, cs[-1])
                for c in reversed(cs[:-1]):
                    p = p * s + c
                val = s * v * p
                err = (np.abs(val) * _SERIES_REL + 4 * _SUB) + tanhshrink_remainder(np.abs(v), TANHSHRINK_TERMS)
            lo[idx], hi[idx] = val - err, val + err
        return lo, hi

    def f(x):
        lo, hi = inner(x)
        if lo is hi:
            return ends(lo)
        return ends(lo)[0], ends(hi)[1]

    return f


def _relation(rel, lhs, rhs):
    """Certain truth of ``lhs rel rhs``: (true_mask, false_mask); the rest is uncertain."""
    def f(x):
        al, ah = lhs(x)
        bl, bh = rhs(x)
        with np.errstate(invalid="ignore"):
            if isinstance(rel, sp.StrictLessThan):
                return ah < bl, al >= bh
            if isinstance(rel, sp.LessThan):
                return ah <= bl, al > bh
            if isinstance(rel, sp.StrictGreaterThan):
                return al > bh, ah <= bl
            if isinstance(rel, sp.GreaterThan):
                return al >= bh, ah < bl
        raise Unsupported(type(rel).__name__)

    return f


def _condition(c):
    if c is sp.true:
        return lambda x: (np.ones(x.shape, bool), np.zeros(x.shape, bool))
    if c is sp.false:
        return lambda x: (np.zeros(x.shape, bool), np.ones(x.shape, bool))
    if isinstance(c, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)):
        return _relation(c, _compile(c.lhs), _compile(c.rhs))
    if isinstance(c, (sp.And, sp.Or)):
        parts = [_condition(a) for a in c.args]
        is_and = isinstance(c, sp.And)

        def f(x):
            res = [p(x) for p in parts]
            if is_and:
                t = np.logical_and.reduce([r[0] for r in res])
                fl = np.logical_or.reduce([r[1] for r in res])
            else:
                t = np.logical_or.reduce([r[0] for r in res])
                fl = np.logical_and.reduce([r[1] for r in res])
            return t, fl

        return f
    raise Unsupported(f"condition {c}")


def _piecewise(pw):
    branches = [(_compile(e), _condition(c)) for e, c in pw.args]

    def f(x):
        lo = np.full(x.shape, np.nan)
        hi = np.full(x.shape, np.nan)
        undecided = np.zeros(x.shape, bool)
        taken = np.zeros(x.shape, bool)
        for val, cond in branches:
            t, fl = cond(x)
            unsure = ~taken & ~t & ~fl
            undecided |= unsure
            sel = ~taken & t & ~undecided
            if sel.any():
                with np.errstate(all="ignore"):
                    l2, h2 = val(x)
                lo = np.where(sel, l2, lo)
                hi = np.where(sel, h2, hi)
            taken |= t
            if taken.all():
                break
        lo = np.where(undecided, np.nan, lo)
        hi = np.where(undecided, np.nan, hi)
        return lo, hi

    return f


def _compile(e: sp.Expr) -> Callable:
    if e == X:
        return lambda x: (x, x)
    if e.is_number:
        return _const(e)
    if isinstance(e, sp.Add):
        return _add([_compile(a) for a in e.args])
    if isinstance(e, sp.Mul):
        return _mul([_compile(a) for a in e.args])
    if isinstance(e, sp.Pow):
        b, p = e.args
        if p.is_Integer:
            return _ipow(_compile(b), int(p))
        if p == sp.Rational(1, 2):
            return _library(LIBS["sqrt"], _compile(b))
        if p == sp.Rational(-1, 2):
            return lambda x, g=_compile(sp.sqrt(b)): _recip(g(x))
        raise Unsupported(f"power {e}")
    lib = BY_HEAD.get(e.func)
    if lib is not None and lib.lib is not None and lib.monotone and len(e.args) == 1:
        return _library(lib, _compile(e.args[0]))      # exp, expm1, log, log1p, tanh, erf, erfc
    if isinstance(e, Softplus):
        return _softplus_node(_compile(e.args[0]))
    if isinstance(e, Sigmoid2):
        return _sigmoid2(_compile(e.args[0]), e.args[1])
    if isinstance(e, Sech2):
        return _sech2(_compile(e.args[0]))
    if isinstance(e, TanhShrink):
        return _tanhshrink(_compile(e.args[0]))
    if isinstance(e, Logistic):
        return _logistic(_compile(e.args[0]))
    if isinstance(e, sp.Abs):
        return _abs(_compile(e.args[0]))
    if isinstance(e, (sp.Max, sp.Min)):
        return _maxmin([_compile(a) for a in e.args], isinstance(e, sp.Max))
    if isinstance(e, sp.Piecewise):
        return _piecewise(e)
    if isinstance(e, sp.sign):
        inner = _compile(e.args[0])
        return lambda x: tuple(np.sign(v) for v in inner(x))
    if isinstance(e, sp.DiracDelta):
        return lambda x: (np.zeros(x.shape), np.zeros(x.shape))
    raise Unsupported(type(e).__name__)


# -- stable rewrites ---------------------------------------------------------------------------------------------
#: |u| <= SERIES_RADIUS: u - tanh(u) from its Taylor series (below), else from the formula
SERIES_RADIUS = sp.Rational(1, 8)


@lru_cache(maxsize=None)
def tanhshrink_coefficients(terms: int) -> tuple[tuple[sp.Rational, ...], sp.Rational]:
    """(c_0 .. c_(terms-1), c): u - tanh(u) = sum_k c_k u^(2k+3) + R with |R| <= c |u|^(2 terms + 3) for
    |u| <= 1/8.

    tanh(u) = sum_n 2^(2n) (2^(2n) - 1) B_2n u^(2n-1) / (2n)! has coefficients of alternating sign (those of
    B_2n) whose ratios stay below 1/2 (they tend to (2/pi)^2), so for |u| <= 1/8 the terms of the series of
    u - tanh(u) alternate and shrink by a factor of at least 128: the remainder is at most the first term left
    out, whose coefficient is c (both facts are checked here on the coefficients SymPy computes)."""
    ser = sp.series(X - sp.tanh(X), X, 0, 2 * terms + 5).removeO()
    coeffs = [ser.coeff(X, 2 * k + 3) for k in range(terms + 1)]
    assert all(c.is_Rational and c != 0 for c in coeffs)
    assert all(coeffs[k] * coeffs[k + 1] < 0 and abs(coeffs[k + 1]) < abs(coeffs[k]) / 2 for k in range(terms))
    return tuple(coeffs[:terms]), abs(coeffs[terms])


def tanhshrink_series(terms: int) -> tuple[sp.Expr, sp.Rational]:
    """(P, c): u - tanh(u) = u^3 P(u^2) + R as in :func:`tanhshrink_coefficients`, P in Horner form in X."""
    coeffs, c = tanhshrink_coefficients(terms)
    poly = coeffs[-1]
    for a in reversed(coeffs[:-1]):
        poly = sp.Add(a, sp.Mul(X ** 2, poly, evaluate=False), evaluate=False)
    return poly, c


def tanhshrink_remainder(mag: np.ndarray, terms: int) -> np.ndarray:
    """An upper bound of |R| for |u| <= ``mag`` (see :func:`tanhshrink_coefficients`), rounded up."""
    _, c = tanhshrink_coefficients(terms)
    with np.errstate(all="ignore"):
        return (float(c) * 1.01) * mag ** (2 * terms + 3) * (1 + 2.0 ** -40) + 2 * _SUB


def stable_form(expr: sp.Expr) -> sp.Expr:
    """Rewrite cancellation-prone patterns into the nodes above (same function, tighter enclosures)."""

    def rw(e):
        if isinstance(e, sp.Mul):
            # exp(u)^a (exp(u) + 1)^(-b), b >= a >= 1  ->  sig(u)^a sig(-u)^(b-a)
            facs = list(e.args)
            for i, f in enumerate(facs):
                base, a = (f, sp.S.One) if isinstance(f, sp.exp) else (f.args if isinstance(f, sp.Pow) else (f, 0))
                if not (isinstance(base, sp.exp) and a.is_Integer and a > 0):
                    continue
                u = base.args[0]
                for j, g in enumerate(facs):
                    gb, b = g.args if isinstance(g, sp.Pow) else (g, sp.S.One)
                    if (j != i and isinstance(gb, sp.Add) and b.is_Integer and -b >= a
                            and set(gb.args) == {sp.S.One, base}):
                        rest = [h for k, h in enumerate(facs) if k not in (i, j)]
                        new = [Logistic(u) ** a] + ([Logistic(-u) ** (-b - a)] if -b - a else [])
                        return sp.Mul(*rest, *new, evaluate=False)
                    # the same after the power was rewritten: exp(u)^a sig(-u)^b = sig(u)^a sig(-u)^(b-a)
                    sb, sexp = g.args if isinstance(g, sp.Pow) else (g, sp.S.One)
                    if (j != i and isinstance(sb, Logistic) and sexp.is_Integer and sexp >= a
                            and (sb.args[0] + u).expand() == 0):
                        rest = [h for k, h in enumerate(facs) if k not in (i, j)]
                        new = [Logistic(u) ** a] + ([Logistic(-u) ** (sexp - a)] if sexp - a else [])
                        return rw(sp.Mul(*rest, *new, evaluate=False))
        if isinstance(e, sp.Pow) and isinstance(e.args[0], sp.Add) and e.args[1].is_Integer and e.args[1] < 0:
            terms = set(e.args[0].args)
            if len(terms) == 2 and sp.S.One in terms:
                (t,) = terms - {sp.S.One}
                if isinstance(t, sp.exp):
                    return Logistic(-t.args[0]) ** (-e.args[1])
        if isinstance(e, sp.log) and isinstance(e.args[0], sp.Add):
            args = e.args[0].args
            if len(args) == 2 and sp.S.One in args:
                other = args[0] if args[1] == 1 else args[1]
                if isinstance(other, sp.exp):
                    return Softplus(other.args[0])
                return Log1p(other)
        if isinstance(e, sp.Add):
            args = list(e.args)
            for t in args:                                   # u - tanh(u)
                k, f = t.as_coeff_Mul()
                if k == -1 and isinstance(f, sp.tanh) and f.args[0] in args:
                    rest = [a for a in args if a is not t and a != f.args[0]]
                    return sp.Add(TanhShrink(f.args[0]), *rest)
            consts = [a for a in args if a.is_number]
            for t in args:
                k, f = t.as_coeff_Mul()
                for c in consts:
                    if isinstance(f, sp.erf) and (c - k).is_zero:
                        rest = [a for a in args if a is not t and a is not c]
                        return sp.Add(sp.Mul(k, sp.erfc(-f.args[0], evaluate=False), evaluate=False), *rest)
                    if isinstance(f, sp.exp) and (c + k).is_zero:
                        rest = [a for a in args if a is not t and a is not c]
                        return sp.Add(sp.Mul(k, Expm1(f.args[0]), evaluate=False), *rest)
                    if isinstance(f, sp.tanh) and (c - k).is_zero and k.is_positive:
                        rest = [a for a in args if a is not t and a is not c]
                        return sp.Add(Sigmoid2(f.args[0], k), *rest)
                    if isinstance(f, Logistic) and (c + k).is_zero:          # c - c sig(u) = c sig(-u)
                        rest = [a for a in args if a is not t and a is not c]
                        return sp.Add(sp.Mul(c, Logistic(-f.args[0]), evaluate=False), *rest)
                    if isinstance(f, Logistic) and (k + 2 * c).is_zero:      # c - 2c sig(u) = -c tanh(u/2)
                        rest = [a for a in args if a is not t and a is not c]
                        return sp.Add(sp.Mul(-c, sp.tanh(f.args[0] / 2), evaluate=False), *rest)
                    if (isinstance(f, sp.Pow) and f.args[1] == 2 and isinstance(f.args[0], sp.tanh)
                            and (c + k).is_zero and c.is_nonzero):
                        rest = [a for a in args if a is not t and a is not c]
                        return sp.Add(sp.Mul(c, Sech2(f.args[0].args[0]), evaluate=False), *rest)
        return e

    def walk(e):
        if not e.args or e.is_Atom:
            return e
        if isinstance(e, sp.Piecewise):
            return sp.Piecewise(*[(walk(v), c) for v, c in e.args], evaluate=False)
        if isinstance(e, (sp.Rel, sp.And, sp.Or)):
            return e
        return rw(e.func(*[walk(a) for a in e.args]))

    return walk(expr)


# -- public -----------------------------------------------------------------------------------------------------
def compile_expr(expr: sp.Expr, compiler: Callable | None = None):
    """The interval evaluator of ``expr`` (in :data:`symact.catalog.X`), or None when a node is unsupported.
    ``compiler`` replaces this module's node compiler (:mod:`.dd` passes its double-double one)."""
    try:
        return (compiler or _compile)(stable_form(expr))
    except Unsupported:
        return None
    except Exception:  # noqa: BLE001 - anything odd: no fast path, the slow path is always available
        return None


def enclose(compiled, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[lo, hi] enclosures of the exact values at float64 ``xs`` (NaN ends: no enclosure)."""
    xs = np.asarray(xs, dtype=np.float64)
    with np.errstate(all="ignore"):
        lo, hi = compiled(xs)
    lo = np.broadcast_to(lo, xs.shape)
    hi = np.broadcast_to(hi, xs.shape)
    return lo, hi


def evaluate(compiled, xs: np.ndarray, need: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(midpoint, radius, ok): ok where the enclosure is finite with radius <= need * |midpoint|, or is the
    single point 0."""
    lo, hi = enclose(compiled, xs)
    with np.errstate(all="ignore"):
        mid = 0.5 * lo + 0.5 * hi
        rad = np.maximum(hi - mid, mid - lo)
        rad = rad + (rad * (2 * _U) + 2 * _SUB)   # rounded up: the upper end of _widen(rad, rad, 1)
        fin = np.isfinite(lo) & np.isfinite(hi) & (lo <= hi)
        ok = fin if need == np.inf else fin & ((rad <= need * np.abs(mid)) | ((lo == 0) & (hi == 0)))
    return mid, np.where(ok, rad, np.inf), ok


def rounded_fast(compiled, xs: np.ndarray, fmt) -> tuple[np.ndarray, np.ndarray]:
    """Values correctly rounded to ``fmt`` where certain: (values, certain mask)."""
    from symact.audit.dtypes import round_to

    lo, hi = enclose(compiled, xs)
    a, b = round_to(lo, fmt), round_to(hi, fmt)
    ok = (a == b) & ~np.isnan(a)
    # a zero enclosure end of either sign rounds alike; keep the sign of the midpoint's side
    return np.where(ok, a, np.nan), ok

"""The second tier of the reference's fast path: vectorised double-double *interval* arithmetic.

:mod:`symact.audit.reference.f64` encloses f(x) with float64 interval arithmetic; its enclosures are some 10 to 30
float64 ulps wide, enough to judge float32 results but not float64 ones against a 16-ulp budget.  This
module encloses the same (stable-form) expression to about 2^-95 relative, vectorised over the inputs, so
float64 audits need the per-point certified path (:mod:`symact.audit.reference.oracle`) only for the few points it
cannot settle.

**Representation.**  A :class:`DD` holds float64 arrays ``hi, lo, rad`` and means: the exact value lies in
``[hi + lo - rad, hi + lo + rad]`` (``hi + lo`` a normalised double-double, |lo| <= ulp(hi)/2).  An optional
array ``lg`` is an upper bound of log2|value| that survives underflow: exp(-1e300) has ``hi = lo = 0`` and a
radius of one subnormal, but ``lg = -1.44e300``, so x * exp(-x) at x = 1e300 is still known to be far below
every float64 number; an optional array ``sg`` records a sign known for certain (exp and erfc are
positive, so x erfc(x) at x = -325 is negative although its enclosure is 0 +- one subnormal).  A *ray*
(hi = +-inf, with ``lr``) stands for a value beyond the float64 range, 2^lr <= |value| <= 2^lg, such as
x^2 at x = 1e200.  NaN anywhere means "no enclosure here" (overflow, a division by an interval
containing 0, log of an interval reaching 0): the caller takes such points from the certified slow path.

**Soundness.**  Every operation adds a bound of its own rounding error to the radius, never relying on a
published constant it cannot check:

* TwoSum (Knuth) and TwoProd (Dekker's splitting, no FMA; operands beyond 2^990 are scaled by 2^-64 first)
  are exact in the normal range; a product below 2^-900 also gets an absolute allowance of 2^-1069 (scaled
  back like the operands) for errors in the subnormal range;
* addition: (sh, sl) = TwoSum(ah, bh), (th, tl) = TwoSum(al, bl), (c, ce) = TwoSum(sl, th),
  (vh, vl) = TwoSum(sh, c), w = (tl + ce) + vl, (zh, zl) = TwoSum(vh, w): exact except the two roundings in
  w, bounded a posteriori by 2u(|tl| + |ce| + |vl|)(1 + u), u = 2^-53;
* multiplication: TwoProd(ah, bh) = p + e exactly, plus ah bl + al bh (two products, two sums) and the
  neglected al bl: at most 8u^2 |ah bh| for normalised operands; 2^-100 |p| is added;
* division: the quotient q is refined once, then certified by its residual a - q b evaluated with the
  operations above: |a/b - q| <= |a - q b| / |b|;
* radii are sums of non-negative terms computed in float64 and multiplied by 1 + 2^-48, which covers their
  own roundings; a radius computed through a product or quotient also gets two subnormal units, in case it
  underflowed;
* exp, expm1, log, log1p, erf and erfc are evaluated *with these interval operations* (argument reduction,
  Taylor or atanh series, Laplace's continued fraction for erfc); the only hand-made bounds are series
  remainders (stated next to each) and the tail of the continued fraction, which starts from the interval
  [0, a_N / z] that provably contains it.  tanh, the logistic function, sech^2 and softplus are built from
  exp, expm1 and log1p by identities valid for every argument (the branch picks the stable one).

Everything runs on whole arrays; branches (series or continued fraction, argument sign) run on the subset of
points they concern.  The tests check every primitive against mpmath on random and edge inputs.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable

import numpy as np
import sympy as sp

from symact.audit.reference import f64 as F
from symact.audit.reference.f64 import Unsupported  # one "node not supported" signal for both tiers
from symact.catalog import X
from symact.functions import Expm1, Log1p, Logistic, Sech2, Sigmoid2, Softplus, TanhShrink, evaluator, register

U = 2.0 ** -53
_SPLIT = 134217729.0                      # 2^27 + 1 (Dekker)
_BIG = 2.0 ** 990                         # split overflows beyond ~2^996: scale such operands
_ALLOW = 2.0 ** -1069                     # absolute error allowance of one product in the subnormal range
_INFL = 1.0 + 2.0 ** -48                  # upward inflation of radii computed in float64
_SUB = 2.0 ** -1074
_LG_FLOOR = -1.0e300                      # log2 bounds are clamped here (2^-1e300 is below everything)
_LOG2E = 1.4426950408889634




# -- error-free transformations ---------------------------------------------------------------------------
def two_sum(a, b):
    """(s, e) with s = fl(a + b) and s + e = a + b exactly (Knuth; no ordering assumption)."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


def split(a):
    """Dekker's splitting a = h + l, h and l with at most 26 significant bits (|a| < 2^996)."""
    c = _SPLIT * a
    h = c - (c - a)
    return h, a - h


def two_prod(a, b):
    """(p, e, allowance): a b = p + e exactly while the partial products are normal, |a b - p - e| <= allowance
    (2^-1069, scaled back like the operands) when they may not be."""
    sa = np.where(np.abs(a) > _BIG, 2.0 ** -64, 1.0)
    sb = np.where(np.abs(b) > _BIG, 2.0 ** -64, 1.0)
    a2, b2 = a * sa, b * sb
    p2 = a2 * b2
    ah, al = split(a2)
    bh, bl = split(b2)
    e2 = ((ah * bh - p2) + ah * bl + al * bh) + al * bl
    s = 1.0 / (sa * sb)
    # the partial products are normal (so e2 is exact) when |p2| >= 2^-900; a zero operand is exact too
    allow = np.where((np.abs(p2) < 2.0 ** -900) & (a2 != 0) & (b2 != 0), _ALLOW, 0.0)
    return p2 * s, e2 * s, allow * s


# -- intervals --------------------------------------------------------------------------------------------
class DD:
    """The exact value lies in [hi + lo - rad, hi + lo + rad]; |value| <= 2^lg when ``lg`` is given.

    A *ray* (beyond the float64 range) has hi = +-inf (its sign), lo = rad = 0, and means
    2^lr <= |value| <= 2^lg (``lr`` set, ``lg`` set); e.g. x^2 at x = 1e200, so that exp(-x^2) is still known
    to underflow and x^3 sech^2(x^3) to be tiny."""

    __slots__ = ("hi", "lo", "rad", "lg", "lr", "sg")

    def __init__(self, hi, lo, rad, lg=None, lr=None, sg=None):
        self.hi, self.lo, self.rad, self.lg, self.lr, self.sg = hi, lo, rad, lg, lr, sg

    @staticmethod
    def point(x) -> "DD":
        x = np.asarray(x, dtype=np.float64)
        z = np.zeros_like(x)
        return DD(x, z, z.copy())

    def take(self, idx) -> "DD":
        return DD(self.hi[idx], self.lo[idx], self.rad[idx], None if self.lg is None else self.lg[idx],
                  None if self.lr is None else self.lr[idx], None if self.sg is None else self.sg[idx])

    def sgn(self):
        """+1 / -1 where the value is certainly positive / negative, 0 where that is not known (``sg``
        records it for values too small for the midpoint to show, e.g. exp(-1e300) > 0)."""
        with np.errstate(invalid="ignore"):
            v = np.where(self.minmag > 0, np.sign(self.hi), 0.0)
        return v if self.sg is None else np.where(self.sg != 0, self.sg, v)

    def _ray_bounds(self):
        """(is ray, lower bound of |value| of a ray, upper bound of it)."""
        ray = np.isinf(self.hi)
        if self.lr is None or not ray.any():
            return ray, None, None
        with np.errstate(all="ignore"):
            small = np.exp2(self.lr) * (1 - 2.0 ** -50)
            big = np.exp2(self.lg) * (1 + 2.0 ** -50) if self.lg is not None else np.inf
        return ray, small, big

    @property
    def mag(self):
        """Upper bound of |value|."""
        m = (np.abs(self.hi) + np.abs(self.lo) + self.rad) * _INFL
        ray, _, big = self._ray_bounds()
        return m if big is None else np.where(ray, big, m)

    @property
    def minmag(self):
        """Lower bound of |value| (0 when the interval may contain 0)."""
        m = np.maximum((np.abs(self.hi) - (np.abs(self.lo) + self.rad) * _INFL) * (1 - 2.0 ** -50), 0.0)
        ray, small, _ = self._ray_bounds()
        return m if small is None else np.where(ray, small, m)

    @property
    def lower(self):
        """Lower bound of the value."""
        v = self.hi - (np.abs(self.lo) + self.rad) * _INFL
        ray, small, big = self._ray_bounds()
        return v if small is None else np.where(ray, np.where(self.hi > 0, small, -big), v)

    @property
    def upper(self):
        """Upper bound of the value."""
        v = self.hi + (np.abs(self.lo) + self.rad) * _INFL
        ray, small, big = self._ray_bounds()
        return v if small is None else np.where(ray, np.where(self.hi > 0, big, -small), v)

    def mid(self):
        return self.hi, self.lo

    def lgeff(self):
        """Upper bound of log2|value| (clamped below at -1e300)."""
        m = (np.abs(self.hi) + np.abs(self.lo) + self.rad) * _INFL
        with np.errstate(divide="ignore", invalid="ignore"):
            g = np.log2(m)
            g = g + np.abs(g) * 2.0 ** -40 + 2.0 ** -30
        g = np.where(np.isnan(m), np.nan, np.maximum(g, _LG_FLOOR))
        if self.lg is not None:
            g = np.fmin(g, self.lg)
        return g

    def lreff(self):
        """Lower bound of log2|value| (-inf when the interval may contain 0)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            g = np.log2(self.minmag)
            g = g - np.abs(g) * 2.0 ** -40 - 2.0 ** -30
        if self.lr is not None:
            g = np.where(np.isinf(self.hi), self.lr, g)
        return g


def _lg_of(*parts: DD) -> bool:
    return any(p.lg is not None for p in parts)


def const(value, shape) -> DD:
    """An enclosure of a constant: a float (exact) or a SymPy number (certified with arb at 256 bits)."""
    if isinstance(value, float):
        return DD(np.full(shape, value), np.zeros(shape), np.zeros(shape))
    hi, lo, rad = _const_parts(value)
    return DD(np.full(shape, hi), np.full(shape, lo), np.full(shape, rad))


@lru_cache(maxsize=512)
def _const_parts(value) -> tuple[float, float, float]:
    import mpmath

    from symact.interval import arb_constant
    from symact.interval.evaluate import NotEnclosable

    try:
        ball = arb_constant(value, 256)
    except NotEnclosable as exc:
        raise Unsupported(str(exc)) from exc
    if not ball.is_finite():
        raise Unsupported(f"constant {value}")
    m, e = ball.mid().man_exp()
    m, e = int(m), int(e)
    with mpmath.workprec(max(64, m.bit_length() + 8)):
        mid = mpmath.ldexp(mpmath.mpf(m), e)
    with mpmath.workprec(400):
        hi = float(mid)
        lo = float(mid - hi)
        rest = abs(mid - hi - lo)
    r = 2.0 * float(ball.rad())            # the radius of a 256-bit ball, doubled for its own rounding
    rad = (r + float(rest)) * (1 + 2.0 ** -40) + (0.0 if (r == 0 and rest == 0) else _SUB)
    return hi, lo, rad


# -- arithmetic ---------------------------------------------------------------------------------------------
def neg(a: DD) -> DD:
    return DD(-a.hi, -a.lo, a.rad, a.lg, a.lr, None if a.sg is None else -a.sg)


def _sg_of(*parts: DD) -> bool:
    return any(p.sg is not None for p in parts)


def _positive(out: DD) -> DD:
    """Mark the results of a function that is positive everywhere (exp, erfc, logistic, ...)."""
    out.sg = np.ones(out.hi.shape)
    return out


def _same_sign(out: DD, a: DD) -> DD:
    """Mark the results of a function with the sign of its argument (tanh, erf, expm1, log1p)."""
    if a.sg is not None:
        out.sg = a.sgn()
    return out


def _has_ray(*parts: DD) -> bool:
    return any(np.isinf(p.hi).any() for p in parts)


def _set_rays(out: DD, where, sign, lr, lg) -> DD:
    """Points ``where`` of ``out`` become rays (sign, 2^lr <= |v| <= 2^lg), tiny values (lg < -1076: midpoint
    0, radius one subnormal) or, when neither can be said, NaN."""
    if not np.any(where):
        return out
    with np.errstate(all="ignore"):
        tiny = where & (lg < -1076.0)
        ray = where & ~tiny & (lr > 1000.0) & (sign != 0) & ~np.isnan(lg)
        bad = where & ~tiny & ~ray
        hi = np.where(ray, np.copysign(np.inf, sign), np.where(tiny, 0.0, out.hi))
        hi = np.where(bad, np.nan, hi)
        lo = np.where(ray | tiny, 0.0, out.lo)
        rad = np.where(ray, 0.0, np.where(tiny, _SUB, out.rad))
        g = out.lgeff() if out.lg is not None else np.full(hi.shape, np.inf)
        g = np.where(ray | tiny, lg, g)
        r = np.where(ray, lr, np.nan if out.lr is None else out.lr)
        sg = np.where(ray | tiny, sign, 0.0 if out.sg is None else out.sg)
    return DD(hi, lo, rad, g, r, sg)


def add(a: DD, b: DD) -> DD:
    sh, sl = two_sum(a.hi, b.hi)
    th, tl = two_sum(a.lo, b.lo)
    c, ce = two_sum(sl, th)
    vh, vl = two_sum(sh, c)
    w = (tl + ce) + vl
    zh, zl = two_sum(vh, w)
    err = 2 * U * (np.abs(tl) + np.abs(ce) + np.abs(vl)) * (1 + 4 * U)
    rad = (a.rad + b.rad + err) * _INFL
    lg = np.maximum(a.lgeff(), b.lgeff()) + 1.0 if _lg_of(a, b) else None
    out = DD(zh, zl, rad, lg)
    if _sg_of(a, b):
        sa, sb = a.sgn(), b.sgn()
        out.sg = np.where(sa == sb, sa, 0.0)
    if _has_ray(a, b):
        # ray + v with |v| <= 2^(lr-1): the same ray, 2^(lr-1) <= |sum|; two rays of one sign: a ray
        ra, rb = np.isinf(a.hi), np.isinf(b.hi)
        with np.errstate(all="ignore"):
            one = (ra & ~rb & (b.mag <= np.exp2(a.lreff() - 1))) | (rb & ~ra & (a.mag <= np.exp2(b.lreff() - 1)))
            both = ra & rb & (np.sign(a.hi) == np.sign(b.hi))
            sign = np.where(ra, np.sign(a.hi), np.sign(b.hi))
            lr = np.where(both, np.fmax(a.lreff(), b.lreff()), np.where(ra, a.lreff(), b.lreff()) - 1)
            lg2 = np.maximum(a.lgeff(), b.lgeff()) + 1.0
        out = _set_rays(out, ra | rb, np.where(one | both, sign, 0.0), lr, lg2)
    return out


def sub(a: DD, b: DD) -> DD:
    return add(a, neg(b))


def mul(a: DD, b: DD) -> DD:
    p, e, allow = two_prod(a.hi, b.hi)
    t = a.hi * b.lo + a.lo * b.hi
    zh, zl = two_sum(p, e + t)
    err = 2.0 ** -100 * np.abs(p) + allow
    am = np.abs(a.hi) + np.abs(a.lo)
    bm = np.abs(b.hi) + np.abs(b.lo)
    rad = (am * b.rad + bm * a.rad + a.rad * b.rad + err) * _INFL
    rad = rad + np.where((a.rad > 0) | (b.rad > 0) | (err > 0), 2 * _SUB, 0.0)    # products may underflow
    lg = a.lgeff() + b.lgeff() + 2.0 ** -30 if _lg_of(a, b) else None
    out = DD(zh, zl, rad, lg, None, a.sgn() * b.sgn() if _sg_of(a, b) else None)
    over = np.isinf(p) & np.isfinite(a.hi) & np.isfinite(b.hi)
    if over.any() or _has_ray(a, b):
        # an overflowing product of finite operands, or a ray times anything: magnitudes multiply
        with np.errstate(all="ignore"):
            lr = a.lreff() + b.lreff()
            lg2 = a.lgeff() + b.lgeff() + 2.0 ** -30
            sign = a.sgn() * b.sgn()
        out = _set_rays(out, over | np.isinf(a.hi) | np.isinf(b.hi), sign, lr, lg2)
    return out


def scale2(a: DD, k) -> DD:
    """a * 2^k (k integer array or int); results near the subnormal range get an allowance."""
    kk = np.asarray(k).astype(np.int32)
    hi = np.ldexp(a.hi, kk)
    lo = np.ldexp(a.lo, kk)
    rad = np.ldexp(a.rad, kk) * _INFL + np.where(a.rad > 0, 2 * _SUB, 0.0)
    small = np.abs(hi) < 2.0 ** -960
    rad = rad + np.where(small, 4 * _SUB, 0.0)
    lg = a.lgeff() + kk if a.lg is not None else None
    out = DD(hi, lo, rad, lg, None if a.lr is None else a.lr + kk, a.sg)
    if np.any(np.isinf(hi) & np.isfinite(a.hi)):                 # overflow: not a ray we can vouch for
        out.hi = np.where(np.isinf(hi) & np.isfinite(a.hi), np.nan, out.hi)
    return out


def div(a: DD, b: DD) -> DD:
    """a / b, certified through the residual of the double-double quotient (NaN where b may be 0)."""
    q1 = a.hi / b.hi
    ap = DD(a.hi, a.lo, np.zeros_like(a.hi))
    bp = DD(b.hi, b.lo, np.zeros_like(b.hi))
    r = sub(ap, mul(bp, DD.point(q1)))
    q2 = r.hi / b.hi
    qh, ql = two_sum(q1, q2)
    q = DD(qh, ql, np.zeros_like(qh))
    res = sub(ap, mul(bp, q))                                   # a - q b, with its rounding bound
    bmid = (np.abs(b.hi) - np.abs(b.lo)) * (1 - 2.0 ** -50)      # lower bound of |b.hi + b.lo|
    bmin = (np.abs(b.hi) - (np.abs(b.lo) + b.rad) * _INFL) * (1 - 2.0 ** -50)
    with np.errstate(all="ignore"):
        err = res.mag / bmid * _INFL
        qm = np.abs(qh) + np.abs(ql)
        rad = ((a.rad + (qm + err) * b.rad) / bmin + err) * _INFL + 2 * _SUB
        bad = ~(bmin > 0) | ~np.isfinite(rad)
        lg = None
        if _lg_of(a, b):
            lg = a.lgeff() - np.log2(bmin) * (1 - 2.0 ** -40) + 2.0 ** -30
    nan = np.where(bad, np.nan, 0.0)
    out = DD(qh + nan, ql + nan, rad + nan, None if lg is None else lg + nan, None,
             a.sgn() * b.sgn() if _sg_of(a, b) else None)
    if _has_ray(a, b):
        ra, rb = np.isinf(a.hi), np.isinf(b.hi)
        with np.errstate(all="ignore"):
            # finite / ray: |q| <= |a| 2^-lr(b), around 0; ray / finite: a ray
            small = rb & ~ra
            lg2 = a.lgeff() - b.lreff()
            rad2 = np.fmax(a.mag * np.exp2(-b.lreff()) * (1 + 2.0 ** -50), _SUB)
            out.hi = np.where(small, 0.0, out.hi)
            out.lo = np.where(small, 0.0, out.lo)
            out.rad = np.where(small, rad2, out.rad)
            out.lg = np.where(small, lg2, out.lgeff() if out.lg is not None else np.inf)
            big = ra & ~rb
            lr = a.lreff() - np.log2(b.mag) * (1 + 2.0 ** -40) - 2.0 ** -30
            lg3 = a.lgeff() - b.lreff()
            sign = a.sgn() * b.sgn()
            out.sg = np.where(small, sign, 0.0 if out.sg is None else out.sg)
            out = _set_rays(out, big | (ra & rb), np.where(big, sign, 0.0), lr, lg3)
    return out


def hull(a: DD, b: DD) -> DD:
    """An interval containing both ``a`` and ``b`` (midpoint of ``a``, radius stretched to cover ``b``)."""
    d = sub(b, a)
    reach = (d.mag + b.rad) * _INFL
    lg = np.fmax(a.lgeff(), b.lgeff()) if _lg_of(a, b) else None
    sg = np.where(a.sgn() == b.sgn(), a.sgn(), 0.0) if _sg_of(a, b) else None
    return DD(a.hi, a.lo, np.fmax(a.rad, reach), lg, None, sg)


def _horner(coeffs: list[DD], s: DD) -> DD:
    """sum coeffs[n] s^n (interval Horner)."""
    p = coeffs[-1]
    for c in reversed(coeffs[:-1]):
        p = add(mul(p, s), c)
    return p


def _widen(a: DD, extra) -> DD:
    """Add a remainder bound (computed in float64: it may have underflowed, hence the subnormal unit)."""
    return DD(a.hi, a.lo, (a.rad + extra) * _INFL + 2 * _SUB, a.lg, a.lr, a.sg)


def _branches(x: DD, cases: list[tuple[np.ndarray, Callable[[DD], DD]]]) -> DD:
    """Evaluate ``fn`` on the points of each boolean ``mask`` (first match wins); NaN elsewhere."""
    n = x.hi.shape
    hi, lo, rad = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    lg = lr = sg = None
    done = np.zeros(n, bool)
    for mask, fn in cases:
        sel = np.flatnonzero(mask & ~done)
        done |= mask
        if sel.size == 0:
            continue
        r = fn(x.take(sel))
        hi[sel], lo[sel], rad[sel] = r.hi, r.lo, r.rad
        if r.lg is not None:
            if lg is None:
                lg = np.full(n, np.inf)
            lg[sel] = r.lg
        if r.lr is not None:
            if lr is None:
                lr = np.full(n, np.nan)
            lr[sel] = r.lr
        if r.sg is not None:
            if sg is None:
                sg = np.zeros(n)
            sg[sel] = r.sg
    if lg is not None:
        lg = np.where(np.isnan(hi), np.nan, lg)
    return DD(hi, lo, rad, lg, lr, sg)


# -- constants of the elementary functions ---------------------------------------------------------------------
@lru_cache(maxsize=None)
def _recip_factorials(n: int) -> tuple:
    return tuple(_const_parts(sp.Rational(1, math.factorial(k))) for k in range(n + 1))


@lru_cache(maxsize=None)
def _recip_odd(n: int) -> tuple:
    return tuple(_const_parts(sp.Rational(1, 2 * k + 1)) for k in range(n + 1))


@lru_cache(maxsize=None)
def _recip_double_factorials(n: int) -> tuple:
    """1 / (2k+1)!! for k = 0..n."""
    out, d = [], 1
    for k in range(n + 1):
        d *= 2 * k + 1
        out.append(_const_parts(sp.Rational(1, d)))
    return tuple(out)


def _cs(parts, shape) -> list[DD]:
    return [DD(np.full(shape, h), np.full(shape, l), np.full(shape, r)) for h, l, r in parts]


def _c(value, shape) -> DD:
    return const(value, shape)


# -- exp, expm1 -----------------------------------------------------------------------------------------------
_EXP_M = 3           # argument reduction r / 2^3, |s| <= 0.0434
_EXP_N = 16          # Taylor degree: |s|^17 / 17! * e^|s| < 2^-124


@register("dd", sp.exp)
def exp(a: DD) -> DD:
    up, low = a.upper, a.lower
    with np.errstate(all="ignore"):
        lg = up * _LOG2E
        lg = lg + np.abs(lg) * 2.0 ** -40 + 2.0 ** -30
        lg = np.where(np.isneginf(up), _LG_FLOOR, np.maximum(lg, _LG_FLOOR))
        lr = low * _LOG2E
        lr = lr - np.abs(lr) * 2.0 ** -40 - 2.0 ** -30
    under = up < -745.2
    finite = (up <= 709.0) & ~np.isnan(up)
    over = low > 709.0                                   # a ray: 2^(low log2 e) <= exp(a) <= 2^(up log2 e)
    out = _branches(a, [(under & finite, _exp_under), (finite, _exp_core)])
    if np.any(up < -700):
        out.lg = np.where(np.isnan(out.hi), np.nan, lg)
    if np.any(over):
        out = _set_rays(out, over, np.ones(over.shape), lr, np.where(np.isinf(lg), np.inf, lg))
    return _positive(out)


def _exp_under(a: DD) -> DD:
    z = np.zeros_like(a.hi)
    return DD(z, z.copy(), np.full(a.hi.shape, _SUB))


def _exp_core(a: DD) -> DD:
    shape = a.hi.shape
    k = np.rint(a.hi * _LOG2E)
    r = sub(a, mul(DD.point(k), _c(sp.log(2), shape)))
    s = scale2(r, -_EXP_M)
    p = _horner(_cs(_recip_factorials(_EXP_N), shape), s)
    sm = s.mag                   # |s| <= 0.0434 for a point input, more for a wide one: e^|s| explicitly
    p = _widen(p, sm ** (_EXP_N + 1) / math.factorial(_EXP_N + 1) * np.exp(sm) * 1.01)
    for _ in range(_EXP_M):
        p = mul(p, p)
    return scale2(p, k.astype(np.int64))


_EXPM1_N = 24        # |a| <= 0.35: remainder |a|^25 / 25! * e^0.35 < 2^-119 |a|


@register("dd", Expm1)
def expm1(a: DD) -> DD:
    small = a.mag <= 0.35
    return _same_sign(_branches(a, [(small, _expm1_series),
                                    (~np.isnan(a.hi), lambda v: add(exp(v), _c(-1.0, v.hi.shape)))]), a)


def _expm1_series(a: DD) -> DD:
    shape = a.hi.shape
    coeffs = _cs(_recip_factorials(_EXPM1_N)[1:], shape)          # 1/1!, 1/2!, ..., 1/24!
    p = _horner(coeffs, a)                                          # sum a^(n-1) / n!
    am = a.mag
    p = _widen(p, am ** _EXPM1_N / math.factorial(_EXPM1_N + 1) * 1.5)
    return mul(p, a)


# -- log, log1p -------------------------------------------------------------------------------------------------
_LOG_N = 22          # |w| <= 0.1716 (+): w2^23 / 47 / (1 - w2) < 2^-120


def _atanh_series(w: DD, n_terms: int) -> DD:
    """2 atanh(w) = 2 sum w^(2j+1) / (2j+1), remainder bound from the geometric tail."""
    shape = w.hi.shape
    w2 = mul(w, w)
    s = _horner(_cs(_recip_odd(n_terms), shape), w2)
    w2m = w2.mag
    with np.errstate(all="ignore"):
        tail = np.where(w2m < 0.5, w2m ** (n_terms + 1) / (2 * n_terms + 3) / (1 - w2m) * 1.01, np.nan)
    s = _widen(s, tail)
    return scale2(mul(w, s), 1)


@register("dd", sp.log)
def log(a: DD) -> DD:
    ok = a.lower > 0
    return _branches(a, [(ok, _log_core)])


def _log_core(a: DD) -> DD:
    shape = a.hi.shape
    m, k = np.frexp(a.hi)
    k = np.where(m < 0.7071067811865476, k - 1, k)
    mm = scale2(a, -k)
    one = _c(1.0, shape)
    w = div(sub(mm, one), add(mm, one))
    lm = _atanh_series(w, _LOG_N)
    return add(lm, mul(DD.point(k.astype(np.float64)), _c(sp.log(2), shape)))


_LOG1P_N = 21        # |a| <= 0.25: |w| <= 1/7, w2^22 / 45 / (1 - w2) < 2^-126


@register("dd", Log1p)
def log1p(a: DD) -> DD:
    small = a.mag <= 0.25
    out = _branches(a, [(small, _log1p_series),
                        (~np.isnan(a.hi), lambda v: log(add(_c(1.0, v.hi.shape), v)))])
    if a.lg is not None:     # |log1p(v)| <= |v| / (1 - |v|) <= 2 |v| for |v| <= 1/2
        out.lg = np.where(a.mag <= 0.5, np.fmin(a.lgeff() + 1.0, out.lgeff()), out.lgeff())
    return _same_sign(out, a)


def _log1p_series(a: DD) -> DD:
    w = div(a, add(_c(2.0, a.hi.shape), a))
    return _atanh_series(w, _LOG1P_N)


# -- functions built from exp / expm1 / log1p ---------------------------------------------------------------
@register("dd", sp.tanh)
def tanh(a: DD) -> DD:
    """tanh a = -t / (2 + t), t = expm1(-2a) (a >= 0 side); = t / (2 + t), t = expm1(2a) (a < 0 side)."""
    def pos(v):
        t = expm1(scale2(neg(v), 1))
        return neg(div(t, add(_c(2.0, v.hi.shape), t)))

    def negs(v):
        t = expm1(scale2(v, 1))
        return div(t, add(_c(2.0, v.hi.shape), t))

    out = _branches(a, [(a.hi >= 0, pos), (a.hi < 0, negs)])
    if a.lg is not None:
        out.lg = np.fmin(a.lgeff(), out.lgeff())        # |tanh v| <= |v|
    return _same_sign(out, a)


@register("dd", Logistic)
def logistic(a: DD) -> DD:
    """1 / (1 + exp(-a)) (a >= 0 side), exp(a) / (1 + exp(a)) (a < 0 side)."""
    def pos(v):
        return div(_c(1.0, v.hi.shape), add(_c(1.0, v.hi.shape), exp(neg(v))))

    def negs(v):
        e = exp(v)
        return div(e, add(_c(1.0, v.hi.shape), e))

    return _positive(_branches(a, [(a.hi >= 0, pos), (a.hi < 0, negs)]))


@register("dd", Sech2)
def sech2(a: DD) -> DD:
    """1 / cosh(a)^2 = 4t / (1 + t)^2 with t = exp(-2|a|) (by the sign of the midpoint)."""
    def f(v, sgn):
        t = exp(scale2(v if sgn < 0 else neg(v), 1))
        d = add(_c(1.0, v.hi.shape), t)
        return div(scale2(t, 2), mul(d, d))

    return _positive(_branches(a, [(a.hi >= 0, lambda v: f(v, 1)), (a.hi < 0, lambda v: f(v, -1))]))


@register("dd", Softplus)
def softplus(a: DD) -> DD:
    """log(1 + exp(a)) = a + log1p(exp(-a)) (a >= 0 side) = log1p(exp(a)) (a < 0 side)."""
    return _positive(_branches(a, [(a.hi >= 0, lambda v: add(v, log1p(exp(neg(v))))),
                                   (a.hi < 0, lambda v: log1p(exp(v)))]))


@register("dd", sp.cosh)
def cosh(a: DD) -> DD:
    return _positive(scale2(add(exp(a), exp(neg(a))), -1))


# -- erf, erfc ------------------------------------------------------------------------------------------------------
_ERF_TERMS = 64      # |z| <= 2.5: y = 2z^2 <= 12.5, the first omitted term y^65 / 131!! < 2^-130
_ERFC_CF_FROM = 2.5
#: continued-fraction depth by z (up to the bound), from the convergence checks: the two ends of the tail
#: interval give values within about 2^-95 of each other
_ERFC_DEPTH = ((3.5, 110), (5.0, 70), (8.0, 45), (math.inf, 30))
_ERFC_ZERO = 27.3    # erfc(z) < 2^-1075 beyond


def _erf_series(z: DD, n_terms: int) -> DD:
    """erf z = 2/sqrt(pi) z exp(-z^2) sum_n (2z^2)^n / (2n+1)!!  (positive terms; the tail after n_terms is
    at most t_(N+1) / (1 - q), q = 2z^2 / (2N+5) < 1)."""
    shape = z.hi.shape
    z2 = mul(z, z)
    y = scale2(z2, 1)
    s = _horner(_cs(_recip_double_factorials(n_terms), shape), y)
    ym = y.mag
    n = n_terms + 1
    with np.errstate(all="ignore"):
        t = np.exp(n * np.log(ym) - _log_double_factorial(2 * n + 1)) * 1.01
        q = ym / (2 * n + 3)
        tail = np.where(q < 0.5, t / (1 - q) * 1.01, np.nan)
        tail = np.where(ym == 0, 0.0, tail)
    s = _widen(s, tail)
    e = exp(neg(z2))
    return mul(mul(mul(z, e), s), _c(2 / sp.sqrt(sp.pi), shape))


@lru_cache(maxsize=None)
def _log_double_factorial(m: int) -> float:
    """A lower bound of log((m)!!) for odd m (used in a remainder bound, so rounded down a little)."""
    return math.fsum(math.log(k) for k in range(1, m + 1, 2)) * (1 - 1e-12) - 1e-9


def _erfc_cf(z: DD) -> DD:
    """erfc z = exp(-z^2) / sqrt(pi) / (z + (1/2) / (z + (2/2) / (z + ...))) for z > 2.5.  The tail after
    ``depth`` terms lies in [0, (depth/2) / z] (all partial numerators and denominators are positive) and the
    backward recurrence t -> a_n / (z + t) is monotone in the tail, so the value lies in the hull of the two
    evaluations started from the ends of that interval (a wide start interval itself would blow up).  Both
    evaluations, and every point with its own depth, run in one loop over stacked arrays."""
    n = z.hi.size
    depth = np.select([z.hi <= b for b, _ in _ERFC_DEPTH], [d for _, d in _ERFC_DEPTH]).astype(np.int64)
    zz = DD(np.concatenate([z.hi, z.hi]), np.concatenate([z.lo, z.lo]), np.concatenate([z.rad, z.rad]))
    d2 = np.concatenate([depth, depth])
    start = np.concatenate([np.zeros(n), (depth / 2.0) / z.lower * (1 + 2.0 ** -50)])
    t = DD(start, np.zeros(2 * n), np.zeros(2 * n))
    for k in range(int(depth.max()) - 1, 0, -1):
        act = k < d2                       # the recurrence of a point starts at k = depth - 1
        nt = div(_c(k / 2.0, (2 * n,)), add(zz, t))
        t = nt if act.all() else _select(act, nt, t)
    kk = div(_c(1.0, (2 * n,)), add(zz, t))
    k = hull(kk.take(slice(0, n)), kk.take(slice(n, 2 * n)))
    e = exp(neg(mul(z, z)))
    return mul(mul(e, k), _c(1 / sp.sqrt(sp.pi), z.hi.shape))


def _select(mask, a: DD, b: DD) -> DD:
    """``a`` where ``mask``, else ``b``."""
    lg = np.where(mask, a.lgeff(), b.lgeff()) if _lg_of(a, b) else None
    lr = None
    if a.lr is not None or b.lr is not None:
        lr = np.where(mask, a.lr if a.lr is not None else np.nan, b.lr if b.lr is not None else np.nan)
    sg = np.where(mask, a.sgn(), b.sgn()) if _sg_of(a, b) else None
    return DD(np.where(mask, a.hi, b.hi), np.where(mask, a.lo, b.lo), np.where(mask, a.rad, b.rad), lg, lr, sg)


def _abs_sign(z: DD) -> tuple[DD, np.ndarray]:
    """(z with the midpoint's sign removed, that sign as +-1)."""
    s = np.where(z.hi < 0, -1.0, 1.0)
    return DD(z.hi * s, z.lo * s, z.rad, z.lg, z.lr, None if z.sg is None else z.sg * s), s


def _erfc_tiny(z: DD) -> DD:
    """z > 27.3: 0 < erfc z <= exp(-z^2) / (z sqrt(pi)) < 2^-1075."""
    zl = z.lower
    with np.errstate(all="ignore"):
        lg = -(zl * zl) * _LOG2E * (1 - 2.0 ** -40) - np.log2(zl) * (1 - 2.0 ** -40) - 0.82
        lg = np.maximum(np.where(np.isnan(lg), _LG_FLOOR, lg), _LG_FLOOR)
    zero = np.zeros_like(z.hi)
    return DD(zero, zero.copy(), np.full(z.hi.shape, _SUB), lg)


def _erfc_pos(z: DD) -> DD:
    """erfc where the midpoint is >= 0: 1 - the series up to 2.5, the continued fraction above, the tiny
    bound past 27.3."""
    zl = z.lower
    return _branches(z, [(zl > _ERFC_ZERO, _erfc_tiny),
                         (zl > _ERFC_CF_FROM * 0.999, _erfc_cf),
                         (z.hi <= _ERFC_CF_FROM, lambda v: sub(_c(1.0, v.hi.shape), _erf_series(v, _ERF_TERMS)))])


@register("dd", sp.erf)
def erf(z: DD) -> DD:
    a, s = _abs_sign(z)
    out = _branches(a, [(a.hi <= _ERFC_CF_FROM, lambda v: _erf_series(v, _ERF_TERMS)),
                        (a.hi > _ERFC_CF_FROM, lambda v: sub(_c(1.0, v.hi.shape), _erfc_pos(v)))])
    out = DD(out.hi * s, out.lo * s, out.rad, out.lg, out.lr)            # erf is odd
    if z.lg is not None:
        out.lg = np.fmin(out.lgeff(), z.lgeff() + 0.18)        # |erf z| <= 2/sqrt(pi) |z|
    return _same_sign(out, z)


@register("dd", sp.erfc)
def erfc(z: DD) -> DD:
    """erfc z, and 2 - erfc(-z) where the midpoint is negative."""
    a, s = _abs_sign(z)
    e = _positive(_erfc_pos(a))
    if not (s < 0).any():
        return e
    return _positive(_select(s < 0, sub(_c(2.0, e.hi.shape), e), e))


# -- compiler ----------------------------------------------------------------------------------------------------
#: terms of this tier's series of u - tanh(u): the remainder is below 2^-100 of the value for |u| <= 1/8
TANHSHRINK_TERMS = 15


def _tanhshrink(inner: Callable[[DD], DD]) -> Callable[[DD], DD]:
    """u - tanh(u): where |u| <= 1/8 for the whole enclosure, u^3 P(u^2) widened by the series remainder
    (:func:`symact.audit.reference.f64.tanhshrink_series`), elsewhere the formula."""
    poly, _ = F.tanhshrink_series(TANHSHRINK_TERMS)
    series = _compile(sp.Mul(X ** 3, poly, evaluate=False))
    direct = _compile(X - sp.tanh(X))
    small = float(F.SERIES_RADIUS)

    def near(v: DD) -> DD:
        return _widen(series(v), F.tanhshrink_remainder(v.mag, TANHSHRINK_TERMS))

    def f(x: DD) -> DD:
        u = inner(x)
        with np.errstate(invalid="ignore"):
            inside = u.mag <= small
        return _same_sign(_branches(u, [(inside, near), (~inside, direct)]), u)    # odd and increasing

    return f


def _compile(e: sp.Expr) -> Callable[[DD], DD]:
    if e == X:
        return lambda x: x
    if e.is_number:
        if e.is_Rational and e.q == 1 and abs(int(e.p)) < 2 ** 53:
            v = float(int(e.p))
            return lambda x: const(v, x.hi.shape)
        _const_parts(e)                      # fails here (Unsupported) when arb cannot enclose it
        return lambda x: const(e, x.hi.shape)
    if isinstance(e, (sp.Add, sp.Mul)):
        return F.fold(add if isinstance(e, sp.Add) else mul, [_compile(a) for a in e.args])
    if isinstance(e, sp.Pow):
        b, p = e.args
        if p.is_Integer and 0 < abs(int(p)) <= 16:
            inner, n = _compile(b), int(p)

            def f(x):
                base = inner(x)
                acc = base
                for _ in range(abs(n) - 1):
                    acc = mul(acc, base)
                return acc if n > 0 else div(const(1.0, x.hi.shape), acc)

            return f
        raise Unsupported(f"power {e}")
    fn = evaluator("dd", e.func)             # the functions registered above
    if fn is not None and len(e.args) == 1:
        inner = _compile(e.args[0])
        return lambda x: fn(inner(x))
    if isinstance(e, TanhShrink):
        return _tanhshrink(_compile(e.args[0]))
    if isinstance(e, Sigmoid2):          # c + c tanh(z) = 2c logistic(2z)
        inner = _compile(e.args[0])
        c2 = _compile(2 * e.args[1])
        return lambda x: mul(c2(x), logistic(scale2(inner(x), 1)))
    raise Unsupported(type(e).__name__)


def compile_expr(expr: sp.Expr):
    """The double-double interval evaluator of ``expr`` (in :data:`symact.catalog.X`), after fastref's
    stable rewrites, or None when it has a node this tier does not support (Piecewise, Abs, Max, non-integer
    powers, ...)."""
    return F.compile_expr(expr, _compile)


def enclose(compiled, xs: np.ndarray) -> DD:
    """The :class:`DD` enclosures at float64 ``xs`` (NaN where this tier gives none)."""
    xs = np.asarray(xs, dtype=np.float64).ravel()
    with np.errstate(all="ignore"):
        out = compiled(DD.point(xs))
        bad = ~np.isfinite(out.hi) | ~np.isfinite(out.lo) | ~np.isfinite(out.rad) | ~np.isfinite(xs)
        nan = np.where(bad, np.nan, 0.0)
        return DD(np.broadcast_to(out.hi, xs.shape) + nan, np.broadcast_to(out.lo, xs.shape) + nan,
                  np.broadcast_to(out.rad, xs.shape) + nan,
                  None if out.lg is None else np.broadcast_to(out.lg, xs.shape) + nan, None,
                  None if out.sg is None else np.where(bad, 0.0, np.broadcast_to(out.sg, xs.shape)))


def values_from(d: DD, rel: float = 2.0 ** -80) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(hi, lo, rad, ok)`` of enclosures ``d``: ok where the value is certain to ``rel`` relative (and at
    least 2^-990 in magnitude, above the subnormal allowances), exact, or certainly below 2^-1076 in magnitude
    (then hi = lo = 0, rad = 2^-1074: the value rounds to a zero in every format)."""
    with np.errstate(all="ignore"):
        fin = np.isfinite(d.hi)
        m = np.abs(d.hi)
        rel_ok = fin & (d.rad <= rel * m) & (m >= 2.0 ** -990)
        exact = fin & (d.rad == 0)
        tiny = fin & ~rel_ok & ~exact & (d.lgeff() < -1076.0)
    zero = np.where(d.sgn() < 0, -0.0, 0.0)               # the sign where it is certain
    hi = np.where(tiny, zero, d.hi)
    lo = np.where(tiny, 0.0, d.lo)
    rad = np.where(tiny, _SUB, d.rad)
    return hi, lo, rad, rel_ok | exact | tiny


def upper_abs(d: DD) -> np.ndarray:
    """An upper bound of |value| per point (using the log2 bound where it is the tighter one)."""
    with np.errstate(all="ignore"):
        via_lg = np.fmax(np.exp2(d.lgeff()) * (1 + 2.0 ** -50), _SUB)
        return np.fmin(d.mag, via_lg)


def rounded(d: DD, fmt) -> tuple[np.ndarray, np.ndarray]:
    """Values correctly rounded to ``fmt`` (a :class:`symact.audit.dtypes.Format`) where the enclosures ``d``
    make the rounding certain: (values as float64, certain mask).  float64: hi itself, when |lo| + rad is
    below half the smaller spacing around hi; narrower formats: both float64 ends of the enclosure, moved one
    float64 ulp outward, round to the same number (and carry the same sign, for zeros); values certainly
    below 2^-1076 in magnitude with a certain sign: the zero of that sign."""
    from symact.audit.dtypes import round_to

    with np.errstate(all="ignore"):
        fin = np.isfinite(d.hi) & np.isfinite(d.lo) & np.isfinite(d.rad)
        if fmt.name == "float64":
            a = np.abs(d.hi)
            up = np.spacing(a)
            m, _ = np.frexp(a)
            down = np.where(m == 0.5, up / 2, up)
            ok = fin & (a >= 2.0 ** -1022) & (a < float(np.finfo(np.float64).max)) & (
                (np.abs(d.lo) + d.rad) * _INFL < down / 2)
            vals = np.where(ok, d.hi, np.nan)
        else:
            lo_end = np.nextafter(d.hi + (d.lo - d.rad), -np.inf)
            hi_end = np.nextafter(d.hi + (d.lo + d.rad), np.inf)
            ra, rb = round_to(lo_end, fmt), round_to(hi_end, fmt)
            ok = fin & (ra == rb) & (np.signbit(lo_end) == np.signbit(hi_end)) & ~np.isnan(ra)
            vals = np.where(ok, ra, np.nan)
        # values certainly below 2^-1076 in magnitude round to a zero in every format, of their certain sign
        sign = d.sgn()
        tiny = fin & ~ok & (d.lgeff() < -1076.0) & (sign != 0)
        vals = np.where(tiny, np.where(sign < 0, -0.0, 0.0), vals)
    return vals, ok | tiny

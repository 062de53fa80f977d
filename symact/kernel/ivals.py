"""Extended real intervals with certified ``arb`` end points, and which ends are attained.

``Iv(lo, hi, lo_open, hi_open)`` encloses a set of reals: every element v satisfies lo <= v <= hi, with
strict inequality at an open end.  ``lo``/``hi`` are exact ``arb`` points (radius 0) or ``None`` for -oo/+oo.
Every operation rounds outward (``arb.lower()``/``arb.upper()`` of a ball), so an enclosure is never too small;
an end stays open only where the operation maps an unattained bound to an unattained bound.  Operations that
cannot be enclosed (a reciprocal of a set that may contain 0, a sign that is not certain) raise
:class:`Uncertain`; the caller then concludes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from flint import arb

from symact.kernel.pieces import NEGATION


class Uncertain(ArithmeticError):
    """The enclosure cannot be computed or a needed sign is not certain."""


def exact(q: Fraction) -> arb:
    """The ball of a rational: exact when representable, else a tight ball."""
    return arb(q.numerator) / arb(q.denominator)


@dataclass(frozen=True)
class Iv:
    lo: arb | None
    hi: arb | None
    lo_open: bool = False
    hi_open: bool = False

    @staticmethod
    def ball(b: arb) -> "Iv":
        if not b.is_finite():
            raise Uncertain("a value is not finite")
        return Iv(b.lower(), b.upper())

    @staticmethod
    def of(lo: Fraction | None, hi: Fraction | None, lo_open: bool, hi_open: bool) -> "Iv":
        """The interval with rational ends (None for an infinite end)."""
        return Iv(None if lo is None else exact(lo).lower(), None if hi is None else exact(hi).upper(),
                  lo_open, hi_open)

    def as_ball(self) -> arb:
        """One ``arb`` ball containing the (bounded) interval."""
        if self.lo is None or self.hi is None:
            raise Uncertain("unbounded interval")
        return self.lo.union(self.hi)

    # certain signs -------------------------------------------------------------------------------------------------
    def positive(self) -> bool:
        return self.lo is not None and (self.lo > 0 or (self.lo == 0 and self.lo_open))

    def negative(self) -> bool:
        return self.hi is not None and (self.hi < 0 or (self.hi == 0 and self.hi_open))

    def nonnegative(self) -> bool:
        return self.lo is not None and self.lo >= 0

    def nonpositive(self) -> bool:
        return self.hi is not None and self.hi <= 0

    def sign(self) -> int:
        """1 or -1 when every element is certainly > 0 or < 0; 0 when neither is certain."""
        return 1 if self.positive() else -1 if self.negative() else 0

    def is_zero(self) -> bool:
        return (self.lo is not None and self.hi is not None and self.lo == 0 and self.hi == 0
                and not self.lo_open and not self.hi_open)

    def satisfies(self, rel: str) -> bool:
        """Certainly every element v of the set has ``v REL 0``."""
        return {">": self.positive, ">=": self.nonnegative, "<": self.negative, "<=": self.nonpositive,
                "==": self.is_zero, "!=": lambda: self.sign() != 0}[rel]()

    def violates(self, rel: str) -> bool:
        """Certainly every element v of the set has ``not (v REL 0)``."""
        return self.satisfies(NEGATION[rel])

    def __str__(self) -> str:
        lo = "-oo" if self.lo is None else self.lo.str(17, radius=False)
        hi = "oo" if self.hi is None else self.hi.str(17, radius=False)
        return f"{'(' if self.lo_open or self.lo is None else '['}{lo}, {hi}{')' if self.hi_open or self.hi is None else ']'}"


# ---------------------------------------------------------------------------------------------------- arithmetic

def add(a: Iv, b: Iv) -> Iv:
    lo = None if a.lo is None or b.lo is None else (a.lo + b.lo).lower()
    hi = None if a.hi is None or b.hi is None else (a.hi + b.hi).upper()
    return Iv(lo, hi, a.lo_open or b.lo_open, a.hi_open or b.hi_open)


def neg(a: Iv) -> Iv:
    return Iv(None if a.hi is None else -a.hi, None if a.lo is None else -a.lo, a.hi_open, a.lo_open)


# an end point for products: (value, open) with value an arb point or +1/-1 standing for +oo/-oo
def _ends(a: Iv):
    return [(a.lo if a.lo is not None else -1, a.lo_open, a.lo is None),
            (a.hi if a.hi is not None else 1, a.hi_open, a.hi is None)]


def _sgn(v: arb) -> int:
    if v > 0:
        return 1
    if v < 0:
        return -1
    if v == 0:
        return 0
    raise Uncertain("sign of an end point")


def mul(a: Iv, b: Iv) -> Iv:
    """Corner products; 0 * oo counts as 0 (the limit of the products along that corner)."""
    cands = []  # (lower, upper, open); lower/upper an arb point, or "-oo"/"+oo" for an infinite corner
    for va, oa, ia in _ends(a):
        for vb, ob, ib in _ends(b):
            zero_closed = (va == 0 and not oa) or (vb == 0 and not ob)  # a factor 0 at a closed end: 0 is attained
            if not ia and not ib:
                p = va * vb
                cands.append((p.lower(), p.upper(), (oa or ob) and not zero_closed))
                continue
            sign = (va if ia else _sgn(va)) * (vb if ib else _sgn(vb))
            if sign == 0:
                cands.append((arb(0), arb(0), not zero_closed))
            else:
                inf = "+oo" if sign > 0 else "-oo"
                cands.append((inf, inf, True))
    return _hull_of(cands)


def _hull_of(cands) -> Iv:
    """The smallest interval containing candidate values (each known to lie in [lower, upper]).

    An end is open only when every candidate that may reach it is open.  The upper end is the negated lower end
    of the negated candidates (negation is exact in ``arb``)."""
    lo, lo_open = _lowest(cands)
    hi, hi_open = _lowest([(_negated(c[1]), _negated(c[0]), c[2]) for c in cands])
    return Iv(lo, None if hi is None else -hi, lo_open, hi_open)


def _negated(v):
    return {"+oo": "-oo", "-oo": "+oo"}[v] if isinstance(v, str) else -v


def _lowest(cands):
    """The lower end of the hull of the candidates and whether it is open (None: -oo)."""
    if any(c[0] == "-oo" for c in cands):
        return None, True
    low = [c for c in cands if c[0] != "+oo"]
    if not low:
        raise Uncertain("no finite product")
    lo, top = min(c[0] for c in low), min(c[1] for c in low)  # exact points: exact comparisons
    return lo, all(c[2] for c in low if not (c[0] > top))


def recip(a: Iv) -> Iv:
    if a.positive():
        lo = arb(0) if a.hi is None else (1 / a.hi).lower()
        hi = None if a.lo == 0 else (1 / a.lo).upper()
        return Iv(lo, hi, a.hi is None or a.hi_open, a.lo_open)
    if a.negative():
        return neg(recip(neg(a)))
    raise Uncertain("a denominator may vanish")


def _increasing(a: Iv, f) -> Iv:
    """Image under a strictly increasing continuous f that tends to -oo and +oo at the infinite ends of a (a power
    u^k, u^q): each finite end maps to an end, open where it is; an infinite end stays infinite."""
    lo = None if a.lo is None else f(a.lo).lower()
    hi = None if a.hi is None else f(a.hi).upper()
    if any(v is not None and not v.is_finite() for v in (lo, hi)):
        raise Uncertain("a value is not finite")
    return Iv(lo, hi, a.lo_open or lo is None, a.hi_open or hi is None)


def power(base: Iv, q: Fraction, strict: bool = False) -> Iv:
    """Image of u -> u^q for a rational q (``strict``: also differentiable, a root only of a positive base): for
    q < 0 the reciprocal of the image under u^|q| (u^q = 1/u^|q|, defined where u^|q| is and nonzero)."""
    if q < 0:
        return recip(power(base, -q, strict))
    if q == 0:
        return Iv.ball(arb(1))
    if q.denominator == 1:  # an even power is increasing in |u|, an odd one in u
        k = q.numerator
        return _increasing(absolute(base) if k % 2 == 0 else base, lambda v: v ** k)
    if strict and not base.positive():
        raise Uncertain("a root is differentiable only at a positive base")
    if not base.nonnegative():
        raise Uncertain("a root of a base that may be negative")
    qa = exact(q)
    return _increasing(base, lambda v: arb(0) if v == 0 else (qa * v.log()).exp())


def absolute(a: Iv) -> Iv:
    if a.nonnegative():
        return a
    if a.nonpositive():
        return neg(a)
    # 0 is inside: [0, max(-lo, hi)]
    return Iv(arb(0), maximum(neg(a), a).hi, False, maximum(neg(a), a).hi_open)


def maximum(a: Iv, b: Iv) -> Iv:
    """Enclosure of max(u, v) for u in a, v in b (max is non-decreasing in both arguments)."""
    lo, lo_open = _larger(a.lo, a.lo_open, b.lo, b.lo_open, infinite_wins=False, tie_open=a.lo_open or b.lo_open)
    hi, hi_open = _larger(a.hi, a.hi_open, b.hi, b.hi_open, infinite_wins=True, tie_open=a.hi_open and b.hi_open)
    return Iv(lo, hi, lo_open, hi_open)


def minimum(a: Iv, b: Iv) -> Iv:
    return neg(maximum(neg(a), neg(b)))


def _larger(u, uo, v, vo, infinite_wins: bool, tie_open: bool):
    """The larger of two ends (None is infinite: -oo for lower ends, +oo for upper ends)."""
    if u is None or v is None:
        if infinite_wins:
            return None, True
        return (v, vo) if u is None else (u, uo)
    if u > v:
        return u, uo
    if v > u:
        return v, vo
    return u, tie_open

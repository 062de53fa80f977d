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

def neg(a: Iv) -> Iv:
    return Iv(None if a.hi is None else -a.hi, None if a.lo is None else -a.lo, a.hi_open, a.lo_open)


#: +oo as an exact arb point (-INF is -oo): ends compare and multiply exactly with it
INF = arb("inf")


def _ends(a: Iv) -> tuple:
    """a's ends as (exact arb point, open), an infinite end as -INF or INF (never attained: open)."""
    return (-INF, True) if a.lo is None else (a.lo, a.lo_open), (INF, True) if a.hi is None else (a.hi, a.hi_open)


def _of_ends(lo: tuple, hi: tuple) -> Iv:
    """The interval with ends (exact arb point or -INF/INF, open) as :func:`_ends` writes them."""
    if lo[0] == INF or hi[0] == -INF:
        raise Uncertain("no finite value")
    return Iv(None if lo[0] == -INF else lo[0], None if hi[0] == INF else hi[0], lo[1] or lo[0] == -INF,
              hi[1] or hi[0] == INF)


def add(a: Iv, b: Iv) -> Iv:
    """The sums of the lower ends and of the upper ends (-oo plus a finite end is exactly -oo)."""
    (alo, ahi), (blo, bhi) = _ends(a), _ends(b)
    return _of_ends(((alo[0] + blo[0]).lower(), alo[1] or blo[1]), ((ahi[0] + bhi[0]).upper(), ahi[1] or bhi[1]))


def mul(a: Iv, b: Iv) -> Iv:
    """The hull of the corner products; 0 * oo counts as 0 (the limit of the products along that corner).  A
    corner is attained where both its ends are, or one of them is a closed 0; an end of the hull is open only
    when every corner that may reach it is open."""
    corners = []  # (lower, upper, open) of each corner's product
    for va, oa in _ends(a):
        for vb, ob in _ends(b):
            v = arb(0) if va == 0 or vb == 0 else va * vb  # exact points: exact tests; oo * c exactly +-oo
            corners.append((v.lower(), v.upper(), (oa or ob) and not ((va == 0 and not oa) or (vb == 0 and not ob))))
    top, bottom = min(c[1] for c in corners), max(c[0] for c in corners)
    return _of_ends((min(c[0] for c in corners), all(c[2] for c in corners if not c[0] > top)),
                    (max(c[1] for c in corners), all(c[2] for c in corners if not c[1] < bottom)))


def recip(a: Iv) -> Iv:
    """1/u for u in a set of one sign: 1/oo is exactly 0, and 1/u tends to oo at an open end 0."""
    if a.negative():
        return neg(recip(neg(a)))
    if not a.positive():
        raise Uncertain("a denominator may vanish")
    (lo, lo_open), (hi, hi_open) = _ends(a)
    return _of_ends(((1 / hi).lower(), hi_open), (INF if lo == 0 else (1 / lo).upper(), lo_open))


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


def meet(a: Iv, b: Iv) -> Iv:
    """The intersection of two enclosures of the same set (each end the tighter one; where they tie, open where
    either is)."""
    (alo, ahi), (blo, bhi) = _ends(a), _ends(b)
    lo = alo if alo[0] > blo[0] else blo if blo[0] > alo[0] else (alo[0], alo[1] or blo[1])
    hi = ahi if ahi[0] < bhi[0] else bhi if bhi[0] < ahi[0] else (ahi[0], ahi[1] or bhi[1])
    return _of_ends(lo, hi)


def absolute(a: Iv) -> Iv:
    if a.nonnegative():
        return a
    if a.nonpositive():
        return neg(a)
    top = maximum(neg(a), a)  # 0 is inside: [0, max(-lo, hi)]
    return Iv(arb(0), top.hi, False, top.hi_open)


def maximum(a: Iv, b: Iv) -> Iv:
    """Enclosure of max(u, v) for u in a, v in b: max is non-decreasing in both arguments, so each end is the
    larger of the two ends, and where they tie, the lower end is attained only where both are, the upper end
    where either is."""
    (alo, ahi), (blo, bhi) = _ends(a), _ends(b)
    lo = alo if alo[0] > blo[0] else blo if blo[0] > alo[0] else (alo[0], alo[1] or blo[1])
    hi = ahi if ahi[0] > bhi[0] else bhi if bhi[0] > ahi[0] else (ahi[0], ahi[1] and bhi[1])
    return _of_ends(lo, hi)


def minimum(a: Iv, b: Iv) -> Iv:
    return neg(maximum(neg(a), neg(b)))

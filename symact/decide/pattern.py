"""Sign patterns: where a function is zero on an interval and its strict sign between the zeros.

A :class:`Pattern` over an interval [lo, hi] (ends may be infinite) lists the zeros left to right -- each
known exactly (a SymPy number) or by a certified enclosure [lo, hi] with rational ends holding exactly one
zero -- and the strict sign (+1 or -1) on each open gap between them.  ``identically_zero`` marks f = 0.
Patterns of factors multiply into the pattern of the product; a pattern is the proof object behind every
sign verdict (each was built from exact algebra, limits, monotonicity or certified arithmetic).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symact.decide import balls


class Undecided(Exception):
    """A sign pattern could not be established; the message says what was missing."""


@dataclass(frozen=True)
class Zero:
    """A zero of the function: ``exact`` when known in closed form; ``lo <= zero <= hi`` (rationals) always."""

    lo: sp.Expr
    hi: sp.Expr
    exact: sp.Expr | None = None

    @staticmethod
    def at(value: sp.Expr) -> "Zero":
        value = sp.sympify(value, strict=True)
        if value.is_Rational:
            return Zero(value, value, value)
        ball = balls.constant(value, 200)
        return Zero(balls.to_rational(ball, "lo"), balls.to_rational(ball, "hi"), value)

    def describe(self) -> str:
        if self.exact is not None:
            return f"x = {sp.sstr(self.exact)}"
        return f"x in [{float(self.lo):.15g}, {float(self.hi):.15g}]"

    def same_as(self, other: "Zero") -> bool:
        if self.exact is not None and other.exact is not None:
            if self.exact == other.exact:
                return True
            if self.hi < other.lo or other.hi < self.lo:
                return False
            diff = sp.simplify(self.exact - other.exact)
            if diff == 0:
                return True
            raise Undecided(f"cannot tell whether {self.exact} and {other.exact} coincide")
        if self.hi < other.lo or other.hi < self.lo:
            return False
        raise Undecided(f"zero enclosures {self.describe()} and {other.describe()} overlap")

    def before(self, other: "Zero") -> bool:
        return self.hi < other.lo


@dataclass
class Pattern:
    """Zeros and gap signs of a function on [lo, hi]; ``signs`` has one entry per gap (len(zeros) + 1)."""

    lo: sp.Expr
    hi: sp.Expr
    zeros: list[Zero] = field(default_factory=list)
    signs: list[int] = field(default_factory=lambda: [1])
    identically_zero: bool = False
    why: list[str] = field(default_factory=list)

    @staticmethod
    def constant(lo, hi, s: int, why: str = "") -> "Pattern":
        if s == 0:
            return Pattern(lo, hi, [], [0], True, [why] if why else [])
        return Pattern(lo, hi, [], [s], False, [why] if why else [])

    def gap_bounds(self, k: int) -> tuple[sp.Expr, sp.Expr]:
        """Rational (or infinite) bounds of the k-th open gap (inner bounds of the neighbouring zeros)."""
        left = self.lo if k == 0 else self.zeros[k - 1].hi
        right = self.hi if k == len(self.zeros) else self.zeros[k].lo
        return left, right

    def gap_is_empty(self, k: int) -> bool:
        left = self.lo if k == 0 else (self.zeros[k - 1].exact if self.zeros[k - 1].exact is not None else None)
        right = self.hi if k == len(self.zeros) else (self.zeros[k].exact if self.zeros[k].exact is not None else None)
        if left is None or right is None:
            return False
        return bool(sp.simplify(right - left) == 0) if left != right else True

    def power(self, n: int) -> "Pattern":
        return Pattern(self.lo, self.hi, list(self.zeros), [s ** n for s in self.signs], self.identically_zero,
                       list(self.why))

    def negate(self) -> "Pattern":
        return Pattern(self.lo, self.hi, list(self.zeros), [-s for s in self.signs], self.identically_zero,
                       list(self.why))


def sample_point(left: sp.Expr, right: sp.Expr) -> sp.Rational:
    """A simple rational strictly between ``left`` < ``right`` (either may be infinite)."""
    if left == -sp.oo and right == sp.oo:
        return sp.Integer(0)
    if left == -sp.oo:
        return sp.Integer(sp.floor(right) - 1)
    if right == sp.oo:
        return sp.Integer(sp.ceiling(left) + 1)
    if not left.is_Rational:
        left = balls.to_rational(balls.constant(left, 200), "hi")
    if not right.is_Rational:
        right = balls.to_rational(balls.constant(right, 200), "lo")
    left, right = sp.Rational(left), sp.Rational(right)
    # the simplest rational in the open interval (Stern-Brocot style), falling back to the midpoint
    for den in (1, 2, 4, 8, 10, 16, 100, 1000):
        cand = sp.ceiling(left * den + sp.Rational(1, 10 ** 9)) / sp.Integer(den)
        if left < cand < right:
            return sp.Rational(cand)
    return (left + right) / 2


def multiply(parts: list[Pattern], lo, hi) -> Pattern:
    """The pattern of a product of factors with the given patterns (all over the same interval)."""
    if any(p.identically_zero for p in parts):
        return Pattern.constant(lo, hi, 0, "a factor vanishes identically")
    merged: list[tuple[Zero, list[int]]] = []
    for idx, part in enumerate(parts):
        for z in part.zeros:
            placed = False
            for pos, (mz, owners) in enumerate(merged):
                if z.same_as(mz):
                    if mz.exact is None and z.exact is not None:
                        merged[pos] = (z, owners)
                    owners.append(idx)
                    placed = True
                    break
            if not placed:
                merged.append((z, [idx]))
    # sort (all pairs are disjoint or identical by now)
    merged.sort(key=lambda item: (item[0].lo, item[0].hi))
    for (a, _), (b, _) in zip(merged, merged[1:]):
        if not a.before(b) and not a.same_as(b):
            raise Undecided("zero enclosures overlap")
    position = [0] * len(parts)
    signs = []
    for k in range(len(merged) + 1):
        s = 1
        for idx, part in enumerate(parts):
            s *= part.signs[position[idx]]
        signs.append(s)
        if k < len(merged):
            for idx in merged[k][1]:
                position[idx] += 1
    why = [w for p in parts for w in p.why]
    return Pattern(lo, hi, [z for z, _ in merged], signs, False, why)

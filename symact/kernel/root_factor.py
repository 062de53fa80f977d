"""A power of a polynomial with an even power of x in every term, as a power of x times a power of the rest.

The smooth forms of :mod:`symact.kernel.evaluate` (and so the kernel's derivatives) use this rewrite:

    (c_1 x^k_1 + ... + c_n x^k_n)^r  =  |x|^(m r) (c_1 x^(k_1 - m) + ... + c_n x^(k_n - m))^r

for a non-integer rational r, n >= 2 terms c_i x^k_i (c_i free of x, integers k_i >= m), m the largest even
integer <= min k_i, m >= 2; |x|^(m r) is written x^(m r) when m r is an even integer.  **Side condition**: the
rest B = sum c_i x^(k_i - m) is certainly > 0 on the set the smooth form is taken on (the caller's certain
sign, an enclosure on a piece or the germ's sign next to a point).

Why it preserves values and domains there: the base is A = x^m B exactly (x^k_i = x^m x^(k_i - m)), and
x^m = |x|^m >= 0 (m even), so A >= 0 wherever B > 0; for a, b >= 0 (a, b > 0 when r < 0) (a b)^r = a^r b^r, and
(x^m)^r = |x|^(m r).  Domains: B^r is defined (B > 0); A^r and |x|^(m r) are both defined at every x when r > 0,
and both exactly where x != 0 when r < 0 (A = 0 only at x = 0 there, as B > 0).

sqrt(x^4 + x^6) = x^2 sqrt(1 + x^2) on all of R is C-infinity, with derivative (2x + 3x^3)/sqrt(1 + x^2) also at
x = 0, where the formula for the derivative of the root itself is 0/0.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel.ivals import Uncertain
from symact.kernel.terms import ONE, X, folded, has_x


def factor_root(t, sign):
    """t rewritten as above when it has that shape and ``sign(B)`` is certainly +1, else t itself; ``sign`` is
    the caller's certain sign of a smooth term (raising Uncertain when it is not certain)."""
    if t[0] != "pow" or t[2].denominator == 1 or t[1][0] != "add":
        return t
    monomials = [_monomial(a) for a in t[1][1:]]
    if None in monomials:
        return t
    m = min(k for k, _ in monomials) // 2 * 2
    if m < 2:
        return t
    rest = ("add", *(folded("mul", [*c, ONE if k == m else X if k == m + 1 else ("pow", X, Fraction(k - m))])
                     for k, c in monomials))
    try:
        if sign(rest) <= 0:
            return t
    except Uncertain:
        return t
    k = m * t[2]
    outside = ("pow", X, k) if k.denominator == 1 and k.numerator % 2 == 0 else ("pow", ("abs", X), k)
    return ("mul", outside, ("pow", rest, t[2]))


def _monomial(a):
    """(k, the factors free of x) when a is c x^k with a positive integer k, else None."""
    factors = list(a[1:]) if a[0] == "mul" else [a]
    powers = [f for f in factors if has_x(f)]
    if len(powers) != 1:
        return None
    p = powers[0]
    k = Fraction(1) if p == X else p[2] if p[0] == "pow" and p[1] == X else None
    if k is None or k.denominator != 1 or k <= 0:
        return None
    return int(k), [f for f in factors if f is not p]


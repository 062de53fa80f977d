"""The real zeros of a kernel term that is a polynomial in x with rational coefficients, from python-flint's
complex root isolation (``fmpq_poly.complex_roots``: arb balls, certified apart, a real zero with an exactly 0
imaginary part), as floats: candidates for the search only.  A counterexample or a cut at such a point is checked
by the kernel like any other; nothing here decides.

A grid of floats misses a zero 1e-20 away from another: x^4 + 1e-20 x^3 has critical points 0 (double) and
-3/4 10^-20, so ``x^4 + 1e-20 x^3 >= -1e-81``, false by about 5e-83 there, had no candidate near it; the grid also
stops at 2^24, where a polynomial's zeros do not.
"""
from __future__ import annotations

import math
from fractions import Fraction

import flint

#: highest degree whose zeros are computed (a higher one: the float grid, as for any other term)
MAX_DEGREE = 64


def coefficients(t) -> list[Fraction] | None:
    """[c0, c1, ..., cn] with t = sum c_k x^k, for a term built from rationals and x by sums, products and natural
    powers (of degree at most :data:`MAX_DEGREE`), else None."""
    head = t[0]
    if head == "x":
        return [Fraction(0), Fraction(1)]
    if head == "num":
        return [t[1]]
    if head == "pow" and t[2].denominator == 1 and t[2] >= 0:
        base = coefficients(t[1])
        if base is None or (len(base) - 1) * t[2] > MAX_DEGREE:
            return None
        out = [Fraction(1)]
        for _ in range(int(t[2])):
            out = _times(out, base)
        return out
    if head in ("add", "mul") and len(t) > 1:
        out = coefficients(t[1])
        for a in t[2:]:
            other = coefficients(a)
            if out is None or other is None or (head == "mul" and len(out) + len(other) - 2 > MAX_DEGREE):
                return None
            out = _times(out, other) if head == "mul" else _plus(out, other)
        return out
    return None


def _times(p: list, q: list) -> list:
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return out


def _plus(p: list, q: list) -> list:
    if len(p) < len(q):
        p, q = q, p
    return [a + (q[i] if i < len(q) else 0) for i, a in enumerate(p)]


def real_zeros(coeffs: list[Fraction], lo: Fraction | None, hi: Fraction | None) -> list[float]:
    """The midpoints, as finite floats, of the real zeros of sum c_k x^k strictly between lo and hi (None: no end
    on that side), each once; [] for the zero polynomial or a nonzero constant."""
    while coeffs and coeffs[-1] == 0:
        coeffs = coeffs[:-1]
    if len(coeffs) < 2:
        return []
    p = flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in coeffs])
    out = []
    for z, _ in p.complex_roots():
        if not z.imag.is_zero():
            continue
        mid = z.real.mid()
        man, exp = mid.man_exp()
        x = Fraction(int(man)) * Fraction(2) ** int(exp)
        try:
            f = float(x)
        except OverflowError:
            continue
        if math.isfinite(f) and (f != 0 or x == 0) and (lo is None or x > lo) and (hi is None or x < hi):
            out.append(f)
    return out

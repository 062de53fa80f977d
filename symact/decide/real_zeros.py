"""The real zeros of a polynomial with rational coefficients (the numerator of a kernel term read by
:func:`symact.kernel.sturm.rational_of`), from python-flint's complex root isolation (``fmpq_poly.complex_roots``:
arb balls, certified apart, a real zero with an exactly 0 imaginary part), as floats: candidates for the search
only.  A counterexample or a cut at such a point is checked by the kernel like any other; nothing here decides.

A grid of floats misses a zero 1e-20 away from another: x^4 + 1e-20 x^3 has critical points 0 (double) and
-3/4 10^-20, so ``x^4 + 1e-20 x^3 >= -1e-81``, false by about 5e-83 there, had no candidate near it; the grid also
stops at 2^24, where a polynomial's zeros do not.
"""
from __future__ import annotations

import math
from fractions import Fraction

from flint import fmpq_poly


def real_zeros(poly: fmpq_poly, lo: Fraction | None, hi: Fraction | None) -> list[float]:
    """The midpoints, as finite floats, of the distinct real zeros of ``poly`` strictly between lo and hi (None: no
    end on that side); [] for the zero polynomial or a nonzero constant."""
    if poly.degree() < 1:
        return []
    out = []
    for z, _ in poly.complex_roots():
        if not z.imag.is_zero():
            continue
        man, exp = z.real.mid().man_exp()
        x = Fraction(int(man)) * Fraction(2) ** int(exp)
        try:
            f = float(x)
        except OverflowError:
            continue
        if math.isfinite(f) and (f != 0 or x == 0) and (lo is None or x > lo) and (hi is None or x < hi):
            out.append(f)
    return out

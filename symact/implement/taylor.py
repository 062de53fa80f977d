"""Taylor branches at a removable 0/0 of a user expression (``symact implement --expr``): near a point a where
the expression is undefined (:mod:`symact.implement.undefined`) but has a finite two-sided limit, its formulas
cancel catastrophically (the derivative of (exp(x) - 1)/x, exp(x)/x - (exp(x) - 1)/x**2, loses every digit for
|x| < 1e-13); the Taylor polynomial T_n of the continuous extension at a does not.

Each side of a within a radius r gets T_n, a ``bound`` branch whose claim ``Abs(f - (T_n)) <= C*(x - a)**(n + 1)``
(``C*(a - x)**(n + 1)`` on the left) the kernel decides like every branch claim: the search writes the error
over one denominator N/D, D^-1 of one sign, N smooth at a with its first n + k derivatives exactly 0 there, so
the remainder rule bounds it (:meth:`symact.decide.certify.Search.try_cleared`).  The point a itself stays NaN
(real-line semantics; the continuous extension is only named there).

The radius is the largest of :data:`RADII` for which a degree n <= :data:`MAX_DEGREE` makes the next
:data:`LOOKAHEAD` terms at the radius smaller than 2^-60 of the first nonzero one, and C is the least power of
2 above four times an estimate of sup |h^(n+k+1)|/(n+k+1)! on the ball, h = (x - a)^k f, k the order of the zero
of f's denominator D at a.  Where D's factor that vanishes at a is no polynomial ((exp(x) - 1)**2), the search
cannot divide it out, and the (n + k + 1)-th derivative of C (x - a)^(n+1) D stays near C (n + k + 1)! only
on a small ball: r (n + k + 2) <= 1/2 there.  The branches replace the formula there only where they measure a smaller error on
sample inputs of the ball than the formula already there, which measures more than one float64 ulp there
(against the certified reference, in float64): the expression (exp(x) - 1)/x itself, written with expm1, keeps
its formula.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from symact.budget import run_with_budget
from symact.catalog.registry import X
from symact.decide.terms_sympy import split_denominator
from symact.functions import elementary
from symact.implement.branches import Branch
from symact.implement.stable import measure, references

#: the radii tried, largest first
RADII = tuple(sp.Rational(1, 2 ** j) for j in range(1, 6))
#: highest degree of a Taylor branch's polynomial
MAX_DEGREE = 16
#: terms after the last one kept that must be negligible at the radius (and enter the estimate of C)
LOOKAHEAD = 12
#: the next terms at the radius are below this fraction of the first nonzero one
TOLERANCE = sp.Rational(1, 2 ** 60)
#: CPU seconds SymPy may take for the series at one point
SERIES_SECONDS = 10.0
#: sample offsets from the point, on each side, as fractions of the radius: from 1e-60 (below float32's least
#: subnormal)
_OFFSETS = np.geomspace(1e-60, 1.0, 121)
#: a formula measuring at most this many float64 ulps on the ball keeps its place
_GOOD = 1.0


def taylor_branches(expr: sp.Expr, branches: list[Branch], at_zero: bool = False) -> list[Branch]:
    """``branches`` with a Taylor branch on each side of every ``undefined`` point of removable 0/0 (and, with
    ``at_zero``, of 0 where ``expr`` is defined and smooth there: exp(x) - 1 - x, log(1 + x) - x and x - sin(x)
    cancel to 0 near it, their Taylor polynomials do not; 0 itself keeps its branch) where the ball around it
    lies in ``exact`` branches and the Taylor branch measures better than the formula there."""
    points = [b.lo for b in branches if b.kind == "undefined"]
    if at_zero and sp.Integer(0) not in points:
        points.append(sp.Integer(0))
    for point in points:
        found = _series(expr, point)
        if found is None or not _inside_exact(branches, point, found[0]):
            continue
        r, poly, bound = found
        for side in (-1, 1):
            branches = _replace(expr, branches, point, r, side, poly, bound(side))
    return branches


def _series(expr: sp.Expr, a: sp.Rational):
    """(r, T_n as a Horner polynomial in x - a, side -> the claim's bound) at a, or None where SymPy finds no
    Taylor series with rational coefficients in time or no radius of :data:`RADII` serves."""
    top = MAX_DEGREE + LOOKAHEAD + 1
    plain = elementary(expr)
    try:
        done, s = run_with_budget(lambda: sp.series(plain, X, a, top).removeO(), SERIES_SECONDS)
    except Exception:  # noqa: BLE001 - SymPy raises many types: no series, no Taylor branch
        return None
    u = sp.Dummy("u")
    try:
        coeffs = sp.Poly(sp.expand(s.subs(X, u + a)), u).all_coeffs()[::-1] if done else None
    except sp.PolynomialError:
        return None
    if not coeffs or not all(c.is_Rational for c in coeffs):
        return None
    coeffs += [sp.Integer(0)] * (top - len(coeffs))
    first = next((m for m, c in enumerate(coeffs) if c != 0), None)
    if first is None or first > MAX_DEGREE:
        return None
    split = split_denominator(plain, X, a) or (plain, 1, 0, 1)  # no denominator: smooth at a, k = 0
    k = split[2] if split[2] is not None else _zero_order(split[1], a)
    for r in RADII:
        n = next((n for n in range(first, MAX_DEGREE + 1) if all(
            abs(c) * r ** (i - first) <= TOLERANCE * abs(coeffs[first])
            for i, c in enumerate(coeffs[n + 1:n + 1 + LOOKAHEAD], n + 1))), None)
        if n is None or split[2] is None and r * (n + k + 2) > sp.Rational(1, 2):
            continue
        estimate = sum(abs(c) * sp.binomial(i + k, n + 1 + k) * r ** (i - n - 1)
                       for i, c in enumerate(coeffs[n + 1:n + 1 + LOOKAHEAD], n + 1))
        if estimate == 0:
            continue
        c = sp.Integer(2) ** math.ceil(math.log2(float(4 * estimate)))
        poly = sp.horner(sp.Add(*(coeffs[i] * u ** i for i in range(n + 1))), u).subs(u, X - a)
        return r, poly, lambda side: c * (side * (X - a)) ** (n + 1)
    return None


def _zero_order(den: sp.Expr, a: sp.Rational) -> int:
    """The order of the zero of ``den`` at a (its first derivative that SymPy does not find 0 there; at most
    8)."""
    for k in range(8):
        if sp.simplify(den.subs(X, a)) != 0:
            return k
        den = sp.diff(den, X)
    return 8


def _inside_exact(branches: list[Branch], a: sp.Rational, r: sp.Rational) -> bool:
    """Every branch meeting [a - r, a + r] but a itself is ``exact``."""
    def meets(b: Branch) -> bool:
        return (b.lo is None or b.lo <= a + r) and (b.hi is None or b.hi >= a - r)

    return all(b.kind == "exact" for b in branches if meets(b) and not (b.lo == a == b.hi))


def _replace(expr, branches: list[Branch], a, r, side: int, poly, bound) -> list[Branch]:
    """``branches`` with the Taylor branch on the side ``side`` of a, where it measures better on sample inputs
    there than the branch it replaces (the one holding a + side r/2)."""
    from symact.implement.undefined import cut, nan_at

    xs = float(a) + side * float(r) * _OFFSETS
    xs = xs[xs != float(a)]
    want = references([(expr, xs)])[0]
    mid = a + side * r / 2
    old = next(b for b in branches if (b.lo is None or b.lo < mid) and (b.hi is None or mid < b.hi))
    if want is None:
        return branches
    error, before = measure(poly, xs, want), measure(old.formula, xs, want)
    if not error < before or before <= _GOOD:
        return branches
    lo, hi = (a - r, a) if side < 0 else (a, a + r)
    where = "its removable 0/0 there" if nan_at(branches, a) else "it"
    why = (f"Taylor polynomial of degree {sp.Poly(poly, X).degree()} at x = {a}: the formula cancels near "
           f"{where} (measured {error:.3g} ulp at most in float64 on {xs.size} sample inputs; the "
           f"formula: {before:.3g})")
    return cut(branches, Branch(lo, hi, side < 0, side > 0, poly, why, "bound", bound,
                                written=(old.formula, old.why)))

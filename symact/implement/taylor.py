"""Taylor branches at a removable 0/0 of a user expression (``symact implement --expr``): near a point a where
the expression is undefined (:mod:`symact.implement.undefined`) but has a finite two-sided limit, its formulas
cancel catastrophically (the derivative of (exp(x) - 1)/x, exp(x)/x - (exp(x) - 1)/x**2, loses every digit for
|x| < 1e-13); the Taylor polynomial T_n of the continuous extension at a does not.

Each side of a within a radius r gets T_n, a ``bound`` branch whose claim ``Abs(f - (T_n)) <= C*(x - a)**(n + 1)``
(``C*(a - x)**(n + 1)`` on the left) the kernel decides like every branch claim: the search writes the error
over one denominator N/D, D^-1 of one sign, N smooth at a with its first n + k derivatives exactly 0 there, so
the remainder rule bounds it (:meth:`symact.decide.certify.Search.try_cleared`).  The point a itself stays NaN
(real-line semantics; the continuous extension is only named there).

Each radius of :data:`RADII` gets the least degree n <= :data:`MAX_DEGREE` (of at most :data:`MAX_TERMS` terms)
that makes the next :data:`LOOKAHEAD` terms at the radius smaller than 2^-56 of the first nonzero one (asinh(x) -
x needs 51 for 1/2), and C, the least power of 2 above four times an estimate of sup |h^(n+k+1)|/(n+k+1)! on
the ball, h = (x - a)^k f, k the order of the zero of f's denominator D at a.
The ball used is the least one outside which (on r < |x - a| <= 4 r) the formula there measures within half
the audit's standard, 16 max(1, kappa) float64 ulp: the formula cancels about log2(its terms / its value) bits,
which falls as |x - a| grows (the derivative of tanh(x)/x was 112 ulp off at x = 0.094, just outside a ball of
1/16: its ball is now 1/2, degree 37); where none does, the largest, and its description states the ratio (and,
with ``symact implement``, says that the formula still cancels outside it where it exceeds the standard).  Where the kernel does not prove the bound of a ball
of a degree above :data:`SURE_DEGREE`, the next smaller ball and the formula beyond it take its place, in turn
(:meth:`symact.implement.plan.Plan.prove`).  Where D's factor that vanishes at a is no polynomial
((exp(x) - 1)**2, sin(x)**2), the search cannot divide it out, so the bound is C |x - a|^(n+1) (x - a)^k/D
(:func:`_weight`; C estimated from the terms of (f - T_n) D/(x - a)^k too): over D its numerator
C (x - a)^(n+k+1) has a constant (n + k + 1)-th derivative (that of C (x - a)^(n+1) D stayed near C (n + k + 1)!
only where r (n + k + 2) <= 1/2, which held the balls of x/sin(x)' and x/tanh(x)' at 1/32: 2900 and 1485 float64
ulp just outside; now 1 and 1/2).  The branches replace the formula there
only where they measure a smaller error on sample inputs of the ball than the formula already there, which
measures more than one float64 ulp there (against the certified reference, in float64): the expression
(exp(x) - 1)/x itself, written with expm1, keeps its formula.
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import sympy as sp

from symact.budget import run_with_budget
from symact.catalog.registry import X
from symact.decide.terms_sympy import split_denominator
from symact.functions import elementary
from symact.implement.branches import MEASURED, Branch, Measured
from symact.implement.stable import errors, known, measure, references

#: the radii tried, largest first
RADII = tuple(sp.Rational(1, 2 ** j) for j in range(0, 6))
#: highest degree of a Taylor branch's polynomial (asinh(x) - x needs 51 for a ball of 1/2: with 27 and 1/4, the
#: formula on (1/4, 1/2) measured 1.3 times the audit's standard)
MAX_DEGREE = 60
#: most nonzero terms of a Taylor branch's polynomial: its Horner form nests one level per term, and the claim's
#: text of log1p(x)/x' at degree 57 (every power) was too deeply nested for SymPy to parse back
MAX_TERMS = 40
#: the highest degree whose bound the kernel is known to prove within the default budget: where the bound of a
#: ball of a higher degree is not proved, the next smaller ball takes its place (and so on down to this degree)
SURE_DEGREE = 16
#: terms after the last one kept that must be negligible at the radius (and enter the estimate of C)
LOOKAHEAD = 12
#: the next terms at the radius are below this fraction of the first nonzero one (an eighth of a float64 ulp)
TOLERANCE = sp.Rational(1, 2 ** 56)
#: CPU seconds SymPy may take for the series at one point
SERIES_SECONDS = 10.0
#: sample offsets from the point, on each side, as fractions of the radius: from 1e-60 (below float32's least
#: subnormal)
_OFFSETS = np.geomspace(1e-60, 1.0, 121)
#: and these offsets themselves: float64 subnormals (from the point 0; next to another point they round to it and
#: are left out), where a formula can lose its digits (erf(x)/x was 1.0 there: erf(x) kept only x's few bits)
_SUBNORMAL = np.array([5e-324, 1.5e-323, 1e-320, 1e-315, 1e-310, 2.2e-308])
#: a formula measuring at most this many float64 ulps on the ball keeps its place
_GOOD = 1.0
#: sample points just outside a ball of radius r, as multiples of r: the formula there is measured (:func:`_chosen`)
_OUTSIDE = np.geomspace(1.0, 4.0, 97)[1:]
#: what the description of a Taylor branch says where the formula just outside it exceeds the standard
CANCELS_OUTSIDE = "THE FORMULA STILL CANCELS OUTSIDE THE BALL"


def taylor_branches(expr: sp.Expr, branches: list[Branch], at_zero: bool = False,
                    primitive: sp.Expr | None = None) -> list[Branch]:
    """``branches`` with a Taylor branch on each side of every ``undefined`` point of removable 0/0 (and, with
    ``at_zero``, of 0 where ``expr`` is defined and smooth there: exp(x) - 1 - x, log(1 + x) - x and x - sin(x)
    cancel to 0 near it, their Taylor polynomials do not; 0 itself keeps its branch) where the ball around it
    lies in ``exact`` branches and the Taylor branch measures better than the formula there; ``primitive``: an
    expression whose derivative ``expr`` is, whose series gives ``expr``'s (:func:`_taylor_coefficients`)."""
    points = [b.lo for b in branches if b.kind == "undefined"]
    if at_zero and sp.Integer(0) not in points:
        points.append(sp.Integer(0))
    for point in points:
        found = [ball for ball in _series(expr, point, primitive) if _inside_exact(branches, point, ball[0])]
        if not found:
            continue
        j, outside = _chosen(expr, branches, point, found)
        for side in (-1, 1):
            branches = _replace(expr, branches, point, side, found[j:], outside[j:])
    return branches


def _degree(ball: tuple) -> int:
    """The degree of a ball's Taylor polynomial."""
    return sp.Poly(ball[1], X).degree()


def _chosen(expr: sp.Expr, branches: list[Branch], a: sp.Rational, balls: list[tuple]) -> tuple:
    """(the index in ``balls`` (largest first) of the ball to use, what the formula measures just outside each
    ball as a fraction of the standard (None: not measured)): the smallest
    one outside which, on r < |x - a| <= 4 r, the formula there measures at most half the audit's standard, 16
    max(1, kappa(x)) float64 ulps (its cancellation costs about log2 of the ratio of its terms to its value in
    bits, which falls as |x - a| grows); else the largest, whose description states the excess."""
    xs = [float(a) + side * float(r) * _OUTSIDE for r, _, _ in balls for side in (-1, 1)]
    h = 2.0 ** -26  # kappa = |x f'/f| from the certified values at x (1 -+ h): its error is far below 1
    wants = references([(expr, v) for x in xs for v in (x, x * (1 - h), x * (1 + h))])
    ratios = []
    for i, x in enumerate(xs):
        got = wants[3 * i:3 * i + 3]
        if any(g is None for g in got):
            return 0, [None] * len(balls)
        certified = ~(got[0][1] | got[1][1] | got[2][1])  # where all three values are known
        x, (want, lo, hi) = x[certified], (g[0][certified] for g in got)
        with np.errstate(all="ignore"):
            kappa = np.abs((hi - lo) / (2 * h * want))
        allowed = 16.0 * np.maximum(1.0, np.where(np.isfinite(kappa), kappa, 1.0))
        ratios.append(max((float(np.max(errors(b.formula, x[mask], want[mask]) / allowed[mask]))
                           for b, mask in _holders(branches, x)), default=0.0))
    worst = [max(ratios[2 * j], ratios[2 * j + 1]) for j in range(len(balls))]
    j = min((j for j, w in enumerate(worst) if w <= 0.5), key=lambda j: balls[j][0], default=0)
    return j, worst


def _holders(branches: list[Branch], xs: np.ndarray) -> list[tuple]:
    """[(branch, mask of the inputs ``xs`` in its range)] for each exact branch holding some of them."""
    return [(b, mask) for b in branches if b.kind == "exact" and (mask := b.holds(xs)).any()]


def _series(expr: sp.Expr, a: sp.Rational, primitive: sp.Expr | None = None) -> list[tuple]:
    """[(r, T_n as a Horner polynomial in x - a, side -> the claim's bound)] at a for each radius r of
    :data:`RADII` (largest first) that a degree n <= :data:`MAX_DEGREE` serves; none where SymPy finds no Taylor
    series with rational coefficients in time (``primitive``: :func:`_taylor_coefficients`)."""
    plain = elementary(expr)
    coeffs = _taylor_coefficients(plain, a, MAX_DEGREE + LOOKAHEAD + 1, primitive)
    first = next((m for m, c in enumerate(coeffs or []) if c != 0), None)
    if first is None or first > MAX_DEGREE:
        return []
    scale = coeffs[first] / coeffs[first].as_coeff_Mul()[0]   # 1, or the constant of erf(x)/x's, 2/sqrt(pi)
    coeffs = [c / scale for c in coeffs]
    if not all(c.is_Rational for c in coeffs) or not scale.is_positive:
        return []
    split = split_denominator(plain, X, a) or (plain, 1, 0, 1)  # no denominator: smooth at a, k = 0
    k = split[2] if split[2] is not None else _zero_order(split[1], a)
    factor = _coefficients(split[1] / (X - a) ** k, a, LOOKAHEAD) if split[2] is None else None
    if split[2] is None and (factor is None or not all(c.is_Rational for c in factor)):
        return []
    out = []
    for r in RADII:
        n = next((n for n in range(first, MAX_DEGREE + 1)
                  if sum(c != 0 for c in coeffs[:n + 1]) <= MAX_TERMS and all(
            abs(c) * r ** (i - first) <= TOLERANCE * abs(coeffs[first])
            for i, c in enumerate(coeffs[n + 1:n + 1 + LOOKAHEAD], n + 1))), None)
        if n is None:
            continue
        tails = [coeffs[n + 1:n + 1 + LOOKAHEAD]]
        if split[2] is None:  # the numerator over D is (f - T_n) D: its terms are the tail's times D/(x - a)^k's
            tails.append([sum(w * coeffs[n + 1 + i - j] for j, w in enumerate(factor[:i + 1]))
                          for i in range(LOOKAHEAD)])
        estimate = max(sum(abs(c) * sp.binomial(i + k, n + 1 + k) * r ** (i - n - 1) for i, c in enumerate(t, n + 1))
                       for t in tails)
        if estimate != 0:
            c = sp.Integer(2) ** math.ceil(math.log2(float(4 * estimate * scale)))
            weight = 1 if split[2] is not None else _weight(split[1], a, k, r)
            out.append(_ball(r, a, coeffs[:n + 1], c, scale, weight))
    return out


def _taylor_coefficients(e: sp.Expr, a: sp.Rational, count: int, primitive: sp.Expr | None) -> list | None:
    """:func:`_coefficients` of ``e``; where ``e`` is the derivative of ``primitive``, those of ``primitive``
    (one more) differentiated term by term where SymPy finds its series: SymPy's series of a quotient's
    derivative takes several times as long as the quotient's (x/(exp(x) - 1): 2 to 3 CPU s, its derivative about
    10, at :data:`SERIES_SECONDS`, so its Taylor branches came and went with the machine's load).  The kernel
    decides each bound made from them, as from any other coefficients."""
    if primitive is not None:
        coeffs = _coefficients(elementary(primitive), a, count + 1)
        if coeffs is not None:
            return [i * c for i, c in enumerate(coeffs)][1:]
    return _coefficients(e, a, count)


def _coefficients(e: sp.Expr, a: sp.Rational, count: int) -> list | None:
    """The first ``count`` Taylor coefficients of ``e`` at a (SymPy's series within :data:`SERIES_SECONDS`), or
    None where SymPy finds no series in time or it is no polynomial in x - a."""
    try:
        done, s = run_with_budget(lambda: sp.series(e, X, a, count).removeO(), SERIES_SECONDS)
    except Exception:  # noqa: BLE001 - SymPy raises many types: no series, no Taylor branch
        return None
    u = sp.Dummy("u")
    try:
        coeffs = sp.Poly(sp.expand(s.subs(X, u + a)), u).all_coeffs()[::-1] if done else None
    except sp.PolynomialError:
        return None
    return None if coeffs is None else coeffs + [sp.Integer(0)] * (count - len(coeffs))


def _weight(den: sp.Expr, a: sp.Rational, k: int, r: sp.Rational):
    """side -> (x - a)^k/D, of the sign that makes it positive on that side of a within r (D: the denominator,
    whose factor that vanishes at a to order k is no polynomial, sin(x)**2): the bound C |x - a|^(n + 1) times it
    is about C |x - a|^(n + 1) near a, and over D the bound's numerator is C (x - a)^(n + k + 1), whose
    (n + k + 1)-th derivative is constant (C |x - a|^(n + 1) itself, C (x - a)^(n + 1) D over D, kept its sign only
    where r (n + k + 2) <= 1/2)."""
    w = (X - a) ** k / den
    return lambda side: w * sp.sign(w.subs(X, a + side * r / 2).evalf())


def _ball(r: sp.Rational, a: sp.Rational, coeffs: list, c: sp.Rational, scale: sp.Expr, weight) -> tuple:
    """(r, ``scale`` times the Horner polynomial of ``coeffs`` in x - a, side -> the claim's bound
    C |x - a|^(n + 1) times ``weight`` (1, or side -> :func:`_weight`))."""
    u, n = sp.Dummy("u"), len(coeffs) - 1
    poly = sp.horner(sp.Add(*(coeffs[i] * u ** i for i in range(n + 1))), u).subs(u, X - a)
    return (r, poly if scale == 1 else scale * poly,
            lambda side: c * (side * (X - a)) ** (n + 1) * (1 if weight == 1 else weight(side)))


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


def _replace(expr, branches: list[Branch], a, side: int, balls: list[tuple], outside: list) -> list[Branch]:
    """``branches`` with the Taylor branch of ``balls[0]`` on the side ``side`` of a, where it measures better on
    sample inputs there than the branch it replaces (the one holding a + side r/2; the branches whose ranges it cuts
    short state their measurement on what is left, :func:`symact.implement.stable.stated`); ``outside``: what the
    formula measures just outside each ball, as a fraction of the standard (:func:`_chosen`; None: not measured)."""
    from symact.implement.undefined import cut, nan_at

    mid = a + side * balls[0][0] / 2
    old = next(b for b in branches if (b.lo is None or b.lo < mid) and (b.hi is None or mid < b.hi))
    taylor = _chain(expr, a, side, balls, old, "its removable 0/0 there" if nan_at(branches, a) else "it", outside)
    if taylor is None:
        return branches
    return cut(branches, taylor)


def _chain(expr, a, side: int, balls: list[tuple], old: Branch, where: str, outside: list) -> Branch | None:
    """The Taylor branch of ``balls[0]`` (:func:`_taylor_branch`); where its degree is above :data:`SURE_DEGREE`,
    the next smaller ball's (in turn) and the formula beyond it take its place where the kernel does not prove its
    bound (``written``)."""
    taylor = _taylor_branch(expr, a, side, balls[0], old, where, outside[0])
    small = (_chain(expr, a, side, balls[1:], old, where, outside[1:])
             if taylor is not None and len(balls) > 1 and _degree(balls[0]) > SURE_DEGREE else None)
    if small is None:
        return taylor
    r = balls[0][0]
    if side < 0:
        return replace(taylor, written=(replace(old, lo=a - r, hi=small.lo, lo_closed=True, hi_closed=False), small))
    return replace(taylor, written=(small, replace(old, lo=small.hi, hi=a + r, lo_closed=False, hi_closed=True)))


def _taylor_branch(expr, a, side: int, ball: tuple, old: Branch, where: str, outside: float | None) -> Branch | None:
    """The Taylor branch of ``ball`` (r, T_n, side -> bound) on the side ``side`` of a, in place of the formula of
    ``old`` there (``written``: ``old`` on the ball), or None where it does not measure better than that formula on
    sample inputs of the ball or that formula measures at most :data:`_GOOD` there; its description states the
    measurement on its final range (:data:`MEASURED`)."""
    r, poly, bound = ball
    xs = float(a) + side * np.concatenate([_SUBNORMAL, float(r) * _OFFSETS])
    xs = xs[xs != float(a)]
    xs, want, lost = known(xs, references([(expr, xs)])[0])
    if want is None or not xs.size:
        return None
    error, before = measure(poly, xs, want), measure(old.formula, xs, want)
    if not error < before or before <= _GOOD:
        return None
    lo, hi = (a - r, a) if side < 0 else (a, a + r)
    why = (f"Taylor polynomial of degree {sp.Poly(poly, X).degree()} at x = {a}: the formula cancels near "
           f"{where} ({MEASURED}){_outside_text(a, r, outside)}")
    ends = (lo, hi, side < 0, side > 0)
    return Branch(*ends, poly, why, "bound", bound(side), written=(replace(old, lo=lo, hi=hi, lo_closed=side < 0,
                                                                          hi_closed=side > 0),),
                  measured=Measured(expr, old.formula, xs, want, ends, taylor=True, lost=lost))


def _outside_text(a: sp.Rational, r: sp.Rational, outside: float | None) -> str:
    """What the description of a Taylor branch of radius r says of the formula just outside it (``outside``: its
    largest error there as a fraction of the standard, :func:`_chosen`)."""
    if outside is None:
        return ""
    distance = "|x|" if a == 0 else f"|x - {a}|"
    text = (f"; just outside, on {r} < {distance} <= {4 * r}, the formula measures at most {outside:.3g} times the "
            f"audit's standard 16 max(1, kappa) float64 ulp")
    return text + ("" if outside <= 1 else f": {CANCELS_OUTSIDE}")

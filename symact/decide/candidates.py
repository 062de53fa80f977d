"""Where a counterexample may hide: forms of a claim that the certificate search's float root finder can use.

Search only: everything here proposes points (or terms whose zeros are points) that the kernel then checks on
the claim itself, so a wrong proposal costs time, never a verdict.

* :func:`branch_variants` -- the smooth terms that a term with |u|, max/min, sign, Heaviside or a Piecewise equals
  on some stretch (one per choice of branch): their critical points are critical points of the term wherever
  that branch is the one taken (|sin x cos x| is largest where sin x cos x is, at pi/4; no smooth form of it
  exists on all of R, where the switches are irrational);
* :func:`reduced_phases` -- the term with each sin/cos argument s x + c (c a huge constant) written
  s x + (c mod 2 pi): floats cannot evaluate sin(x + 10^30), whose maxima lie at pi/2 - (10^30 mod 2 pi) + 2 k pi;
* :data:`DECADES` -- +-10^k for k = 7 .. 40: a minimum at the scale of a parameter 10^30 (silu with beta = 10^30
  dips to -0.28 / beta at x = -1.28 / beta), a polynomial negative only near -10^30;
* :func:`square_factors` -- factors of even multiplicity, whose sign changes are points where a term touches 0
  without crossing it;
* :func:`commensurate_points` -- points where two incommensurate frequencies nearly agree.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

from symact.kernel.terms import ONE, ZERO, X, add, has_x, linear_split, mul, neg, num

#: most variants :func:`branch_variants` returns
MAX_VARIANTS = 8
#: +-10^k for k = 7 .. 40 and k = -40 .. -7 (the quick points already hold 10^-6 .. 10^6)
DECADES = tuple(s * Fraction(10) ** k for k in (*range(7, 41), *range(-40, -6)) for s in (1, -1))
#: bits of the constant c whose residue c mod 2 pi :func:`reduced_phases` computes
PHASE_BITS = 512


def branch_variants(t, limit: int = MAX_VARIANTS) -> list:
    """Up to ``limit`` terms without |.|, max, min, sign, Heaviside or Piecewise nodes, one per choice of branch of
    each (|u| as u or -u, max(a, b) as a or b, sign(u) as 1 or -1, H(u) as 1 or 0, a Piecewise as one of its
    values); t itself alone when it has none of them."""
    head = t[0]
    if head in ("x", "num", "const", "param"):
        return [t]
    if head == "abs":
        return [v for u in branch_variants(t[1], limit) for v in (u, neg(u))][:limit]
    if head == "sign":
        return [ONE, num(-1)]
    if head == "heaviside":
        return [ONE, ZERO]
    if head in ("max", "min"):
        return [v for a in t[1:] for v in branch_variants(a, limit)][:limit]
    if head == "pw":
        return [v for value, _ in t[1:] for v in branch_variants(value, limit)][:limit]
    if head == "fn":
        return [(*t[:2], a) for a in branch_variants(t[2], limit)]
    if head in ("pow", "dparam"):  # the exponent (a rational) or the parameter's name is kept
        index = 1 if head == "pow" else 2
        return [(*t[:index], a, *t[index + 1:]) for a in branch_variants(t[index], limit)]
    children = [branch_variants(a, limit) if isinstance(a, tuple) else [a] for a in t[1:]]
    return [(head, *choice) for choice in itertools.islice(itertools.product(*children), limit)]


def reduced_phases(t):
    """t with every argument s x + c of sin and cos (s rational, c a constant with |c| > 2 pi) written
    s x + r for a rational r within 2^-400 of c mod 2 pi: equal up to that rounding, and within reach of floats."""
    head = t[0]
    if head == "fn" and t[1] in ("sin", "cos"):
        slope, rest = linear_split(t[2])
        residue = _residue(rest) if rest is not None else None
        if residue is not None:
            return ("fn", t[1], add(mul(num(slope), X), num(residue)))
    if head in ("num", "const", "x", "param") or head == "pw":
        return t
    return (head, *(reduced_phases(a) if isinstance(a, tuple) else a for a in t[1:]))


def _residue(c) -> Fraction | None:
    """c mod 2 pi as a rational within 2^-400 (None when c holds x, is no larger than 2 pi in size or cannot be
    enclosed that tightly)."""
    from flint import arb, ctx

    from symact.interval.evaluate import exact_to_fraction
    from symact.kernel.evaluate import enclose, point
    from symact.kernel.ivals import Uncertain

    if has_x(c):
        return None
    with ctx.workprec(PHASE_BITS):
        try:
            value = enclose(c, point(Fraction(0))).as_ball()
        except (Uncertain, ZeroDivisionError):
            return None
        if not value.is_finite() or not abs(value) > 7:
            return None
        turn = 2 * arb.pi()
        residue = value - turn * (value / turn).floor()
        if not residue.rad() < arb(2) ** -400:
            return None
        return exact_to_fraction(residue.mid())


def square_factors(h) -> list[tuple]:
    """Pairs (w, z) of terms with h = w z, w a factor of even multiplicity: where w changes sign, h touches 0
    without crossing it (a denominator (x^2 - 2)^2 at sqrt 2; 1 - cos x = 2 sin(x/2)^2 at 2 pi).  Found by
    SymPy's square-free decomposition of h as a polynomial in x, or in sin(A/2) or cos(A/2) after cos A is written
    1 - 2 sin(A/2)^2 or 2 cos(A/2)^2 - 1 (and sin A, as cos(A - pi/2), in sin(A/2 - pi/4) or cos(A/2 - pi/4));
    the kernel re-checks h = w z by its algebra.  A view whose syntax allows a degree above
    :data:`~symact.decide.terms_sympy.MAX_EXPANDED_DEGREE` is passed over (its expansion may never end:
    (x^1000 + 1)^1000)."""
    import sympy as sp
    from sympy.polys.polyerrors import BasePolynomialError

    from symact.decide.terms_sympy import MAX_EXPANDED_DEGREE, degree_bound, to_sympy
    from symact.kernel.terms import TermError
    from symact.sympy_terms import from_sympy

    x, s = sp.Symbol("x", real=True), sp.Dummy("s")
    try:
        e = to_sympy(h)
    except TermError:  # a node SymPy has no form for (a derivative)
        return []
    views = [(e, x, x)]
    for a in {c.args[0] for c in e.atoms(sp.cos)}:
        views += [(e.subs(sp.cos(a), 1 - 2 * s ** 2), s, sp.sin(a / 2)),
                  (e.subs(sp.cos(a), 2 * s ** 2 - 1), s, sp.cos(a / 2))]
    for a in {c.args[0] for c in e.atoms(sp.sin)}:  # sin A = cos(A - pi/2): 1 - sin x = 2 sin(x/2 - pi/4)^2
        half = a / 2 - sp.pi / 4
        views += [(e.subs(sp.sin(a), 1 - 2 * s ** 2), s, sp.sin(half)),
                  (e.subs(sp.sin(a), 2 * s ** 2 - 1), s, sp.cos(half))]
    out = []
    for form, var, base in views:
        if var is s and form.has(x):
            continue
        degree = degree_bound(form, var)
        if degree is None or degree > MAX_EXPANDED_DEGREE:  # no polynomial (SymPy would say so), or too large
            continue
        try:
            poly = sp.Poly(form, var)
            factors = poly.sqf_list()[1]
            for f, k in factors:
                if k >= 2 and f.degree() >= 1:
                    w, z = f.as_expr().subs(var, base), sp.quo(poly, f).as_expr().subs(var, base)
                    out.append((from_sympy(w, x), from_sympy(z, x)))
        except (BasePolynomialError, TermError, ValueError, TypeError):
            continue
    return out


#: largest denominator of a convergent of the ratio of two frequencies (:func:`commensurate_points`)
MAX_CONVERGENT = 10 ** 8


def commensurate_points(t) -> list[Fraction]:
    """For a term in which x occurs only in sin(k_1 x) and cos(k_2 x) with two frequencies k_1 < k_2 of irrational
    ratio (cos x + cos(sqrt 2 x)): the points x = m q pi / k_1 (m = 1, 2) for each convergent p/q of k_2/k_1 with
    q <= 10^8, where both k_1 x = m q pi and k_2 x = m p pi + small are near multiples of pi: the term's values
    there come close to those it only approaches (cos x + cos(sqrt 2 x) -> -2 near x = 33461 pi, a Pell pair)."""
    from flint import arb, ctx

    from symact.interval.evaluate import exact_to_fraction
    from symact.kernel.evaluate import enclose, point
    from symact.kernel.ivals import Uncertain

    slopes = _frequencies(t)
    if slopes is None:
        return []
    with ctx.workprec(256):
        try:
            balls = sorted({enclose(k, point(Fraction(0))).as_ball().mid() for k in slopes})
        except (Uncertain, ZeroDivisionError):
            return []
        if len(balls) != 2 or not balls[0] > 0:
            return []
        low, high = balls
        ratio = exact_to_fraction((high / low).mid())
        out = []
        for q in convergent_denominators(ratio):
            for m in (1, 2):
                out.append(exact_to_fraction((m * q * arb.pi() / low).mid()))
        return out


def _frequencies(t) -> list | None:
    """The slopes k (terms free of x) of the arguments k x of sin and cos in t, or None when x occurs anywhere
    else (or an argument is not k x)."""
    if t == X:
        return None
    if t[0] == "fn" and t[1] in ("sin", "cos"):
        arg = t[2]
        if arg == X:
            return [("num", Fraction(1))]
        if arg[0] == "mul" and sum(a == X for a in arg[1:]) == 1 and not any(has_x(a) for a in arg[1:] if a != X):
            return [("mul", *(a for a in arg[1:] if a != X))]
        return None
    out = []
    for a in t[1:]:
        if isinstance(a, tuple):
            found = _frequencies(a)
            if found is None:
                return None
            out += found
    return out


def convergent_denominators(r: Fraction) -> list[int]:
    """The denominators q <= MAX_CONVERGENT of the continued-fraction convergents of r."""
    out, (q0, q1) = [], (1, 0)
    while True:
        a = r.numerator // r.denominator
        q0, q1 = q1, a * q1 + q0
        if q1 > MAX_CONVERGENT:
            return out
        out.append(q1)
        frac = r - a
        if frac == 0:
            return out
        r = 1 / frac

"""Taylor's theorem with the Lagrange remainder of any order n: the rule ``remainder`` and the Taylor form of
order n (``eval`` with ``"form": "taylor"`` and ``"order": n``).

The theorem: for g of class C^n on an interval holding a and x,
g(x) = sum_{k<n} g^(k)(a) (x - a)^k / k! + g^(n)(xi) (x - a)^n / n! for some xi strictly between a and x.

Here g is the smooth form of the difference on the piece P (:func:`symact.kernel.evaluate.smooth_form`), smooth
on a neighbourhood of every point of P's closure (its strict enclosure there exists), so a composition of
functions that are C-infinity on their open domains.  Its derivatives are the kernel's formal derivatives
(:func:`symact.kernel.derivative.differentiate`), each brought to its expanded form (:func:`expanded`) so that n
of them stay small: tanh^(n)(x) is a polynomial of degree n + 1 in tanh(x).

``remainder`` (for an inequality, at ``"at": a``, an end of P, with ``"order": n`` and ``"deriv": REL'``):
g^(k)(a) = 0 exactly for every k < n (:func:`vanishes`), so g(x) = g^(n)(xi) (x - a)^n / n! with xi
in the interior of P; the sub-node proves g^(n) REL' 0 on the interior of P; (x - a)^n > 0 for x != a in P,
except when a is the right end and n is odd, where it is < 0 and the relation turns; at x = a (when P holds
it) g = 0, so the claim's relation must allow 0 there.  This bounds a difference that cancels to order n at a,
which no enclosure of the difference itself can (|x - tanh x - P_37(x)| <= c |x|^39 near 0).

The Taylor form of order n at a rational point a of the closure of a bounded P, where g is smooth on P and at a
(so on [a, x] for every x in P), encloses g on P by sum_{k<n} g^(k)(a) (P - a)^k / k! + g^(n)(P) (P - a)^n / n!,
the powers of P - a enclosed exactly.
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache, reduce

from flint import ctx

from symact.kernel import algebra, ivals, poly
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import GermUndefined, enclose, exact_value, point, smooth_on, term_in
from symact.kernel.ivals import Iv, Uncertain
from symact.kernel.pieces import Rejected, holds, piece_text
from symact.kernel.terms import CONVERSE, at, folded, has_x, num, show

#: highest order of either argument
MAX_ORDER = 64
#: most monomials of an expanded derivative
MAX_MONOMIALS = 4000
#: highest integer power of a sum multiplied out (a higher one stays an atom)
MAX_EXPANDED_POWER = 64


def expanded(t):
    """t as a sum of rational multiples of products of atoms (every node but sums, products, numbers and
    positive integer powers), like terms collected: the ring axioms, so it equals t wherever t is defined (each
    atom is a part of t, hence defined there)."""
    return folded("add", [folded("mul", [num(c), *(a if e == 1 else ("pow", a, Fraction(e)) for a, e in mono)])
                          for mono, c in sorted(_poly(t).items(), key=lambda item: repr(item[0]))])


def _poly(t) -> dict:
    """{monomial: coefficient}; a monomial is a tuple of (atom, exponent) sorted by the atom's repr."""
    head = t[0]
    if head == "num":
        return {(): t[1]} if t[1] else {}
    if head == "add":
        return reduce(poly.add, map(_poly, t[1:]), {})
    if head == "mul":
        return reduce(_times, map(_poly, t[1:]), {(): Fraction(1)})
    if head == "pow" and t[2].denominator == 1 and 0 < t[2] <= MAX_EXPANDED_POWER:
        return poly.power(_poly(t[1]), int(t[2]), _times)
    return {((t, 1),): Fraction(1)}


def _times(p: dict, q: dict) -> dict:
    out = poly.mul(p, q, lambda m, n: poly.powers(m, n, key=lambda item: repr(item[0])))
    if len(out) > MAX_MONOMIALS:
        raise Uncertain("the expanded derivative is too large")
    return out


def checked_order(n) -> int:
    """n, when it is an order both arguments accept; else Uncertain."""
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_ORDER:
        raise Uncertain(f"the order must be an integer from 1 to {MAX_ORDER}")
    return n


@lru_cache(maxsize=256)
def derivative(g, k: int):
    """g^(k), expanded (see :func:`expanded`); remembered, as the parts of a cover and the search that proposed
    them share them."""
    return expanded(g) if k == 0 else expanded(differentiate(derivative(g, k - 1)))


def derivatives(g, n: int) -> tuple:
    """(g, g', ..., g^(n)), each expanded."""
    return tuple(derivative(g, k) for k in range(n + 1))


def smooth_on_closure(d, p):
    """d's smooth form on p, checked smooth on a neighbourhood of every point of p's closure."""
    return smooth_on(d, p, (p[0], p[1], p[0] is not None, p[1] is not None))


def zero_derivatives(d, p, a: Fraction, n: int):
    """g^(n) (expanded) for g = d's smooth form on p, after checking g^(k)(a) = 0 exactly for k < n; else
    Uncertain."""
    ds = derivatives(smooth_on_closure(d, p), checked_order(n))
    for k, dk in enumerate(ds[:-1]):
        if not vanishes(dk, a):
            raise Uncertain(f"the derivative of order {k} at x = {a} is not exactly 0")
    return ds[-1]


def stationary_second(d, c, p, rel: str, bits: int = 64) -> tuple:
    """(g'', how) for g = d's smooth form on p, after checking that c is a term without x certainly inside p where
    g' is defined and 0 by exact algebra and g(c) REL 0: 0 by exact algebra (for <= and >=), or its enclosure at
    ``bits`` of precision certainly REL 0 (the rule ``stationary``: g(x) = g(c) + g''(xi) (x - c)^2 / 2); ``how``
    says how g(c) REL 0 is certain; else Rejected or Uncertain."""
    if not term_in(c, p, open_=True):
        raise Rejected(f"the stationary point is not a term without x certainly inside {piece_text(p)}")
    g = smooth_on(d, p)
    dg = differentiate(g)
    enclose(at(dg, c), p, strict=True)  # defined at c, so 0 "wherever defined" (algebra) is 0 there
    if not algebra.is_zero(at(dg, c), p):
        raise Rejected(f"the derivative is not 0 at x = {show(c)} by exact algebra")
    with ctx.workprec(bits):
        box = enclose(at(g, c), p, strict=True)
    if box.satisfies(rel):
        return differentiate(dg), f"{box} (certified ball arithmetic, {bits} bits)"
    if holds(Fraction(0), rel) and algebra.is_zero(at(g, c), p):
        return differentiate(dg), "0 (exact algebra)"
    raise Rejected(f"the difference at x = {show(c)} is {box}, not certainly {rel} 0")


def vanishes(t, a: Fraction) -> bool:
    """Whether the expanded term t, defined at a, is exactly 0 there: each product with a factor exactly 0 at a
    (x^k at 0, tanh(x) at 0) is 0 whatever its other factors (defined at a); each other one is K r, r the exact
    rational value of its factors but its irrational constants (factors without x, pi^(-1/2)) and K the product
    of those, and for each K the r sum to 0 (so the sum is a sum of K times 0: the derivatives of
    erf(x)/x - 2 P(x)/sqrt(pi) at 0, whose terms are rationals times pi^(-1/2))."""
    totals: dict = {}
    for term in (t[1:] if t[0] == "add" else (t,)):
        factors = term[1:] if term[0] == "mul" else (term,)
        if any(exact_value(f, a) == 0 for f in factors):
            continue
        irrational = tuple(sorted((f for f in factors if not has_x(f) and exact_value(f, a) is None), key=repr))
        if not all(_defined_constant(f) for f in irrational):
            return False
        value = exact_value(("mul", num(1), *(f for f in factors if f not in irrational)), a)
        if value is None:
            return False
        totals[irrational] = totals.get(irrational, Fraction(0)) + value
    return all(total == 0 for total in totals.values())


def _defined_constant(c) -> bool:
    """Whether the term c without x has a finite strict enclosure (so it is a real number)."""
    try:
        iv = enclose(c, point(Fraction(0)), strict=True)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return False
    return iv.lo is not None and iv.hi is not None


def remainder_relation(p, a: Fraction, n: int, drel: str) -> str:
    """The relation g REL 0 on p minus {a} that g^(n) REL' 0 on p's interior gives (a an end of p; the order n is
    checked by :func:`zero_derivatives`, which the rule needs too)."""
    if a is None or a not in (p[0], p[1]) or p[0] == p[1]:
        raise Uncertain("the remainder rule expands at a finite end of a proper interval")
    turns = a == p[1] and a != p[0] and n % 2 == 1
    return CONVERSE[drel] if turns else drel


def mean_value_form(p) -> tuple:
    """(a, n) of the mean value form g(m) + g'(P) (P - m): the Taylor form of order 1 at P's midpoint m."""
    if p[0] is None or p[1] is None:
        raise Uncertain("the mean value form needs a bounded piece")
    return (p[0] + p[1]) / 2, 1


def taylor_form(d, p, a: Fraction, n: int) -> Iv:
    """The Taylor form of order n of d at a on the bounded piece p (see the module's docstring), at the working
    precision.  Remembered (a pure function of its arguments and the precision): the kernel's check of a Taylor
    cover in the process whose search found it computes each of its forms once (``symact verify``, in a fresh
    process, computes them all)."""
    return _taylor_form(d, p, a, checked_order(n), ctx.prec)   # the order checked before it is a key


def forget() -> None:
    """Drop the derivatives and Taylor forms remembered here: the next check computes them afresh, as ``symact
    verify`` in a fresh process does (``benchmarks/kernel.py`` times its re-checks so)."""
    derivative.cache_clear()
    _taylor_form.cache_clear()


@lru_cache(maxsize=256)
def _taylor_form(d, p, a: Fraction, n: int, prec: int) -> Iv:
    if p[0] is None or p[1] is None or not p[0] <= a <= p[1]:
        raise Uncertain("the Taylor form needs a bounded piece and a point of its closure")
    g = smooth_on(d, p, (p[0], p[1], p[2] or a == p[0], p[3] or a == p[1]))  # smooth on P and at a
    if n > 2:
        ds = derivatives(g, n)
    else:  # orders 1 and 2 keep the formal derivatives: expanding them costs more than it saves
        ds = (g, differentiate(g), differentiate(differentiate(g)))[:n + 1]
    lo, hi = p[0] - a, p[1] - a
    terms = []
    for k, dk in enumerate(ds):  # g^(k)(a) (P - a)^k / k!, and g^(n)(P) (P - a)^n / n! for the last
        ends = (lo ** k, hi ** k)
        least = min(ends) if k % 2 or not lo <= 0 <= hi or k == 0 else Fraction(0)
        scale = Fraction(1, math.factorial(k))  # exact: (P - a)^k / k! is [least, most] / k! in Q
        terms.append(ivals.mul(enclose(dk, p if k == n else point(a), strict=True),
                               Iv.of(least * scale, max(ends) * scale, False, False)))
    return reduce(ivals.add, terms)


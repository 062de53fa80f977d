"""What the kernel trusts about each one-argument function: domain, enclosure, derivative, rewrite, limits.

Every fact is read from the function's record in :mod:`symact.functions` (so adding a function the kernel reads
is one record there) and checked against its definition by ``tests/test_functions.py``; the record's formulas
(``derivative``, ``rewrite``, limits, domain ends) are SymPy expressions in the placeholder ``U``, read
structurally into terms by :func:`symact.kernel.terms.from_sympy` (no simplification).  Per function:

* ``interval``: the natural domain (lo, hi, lo_closed, hi_closed) with the ends as terms without x (None:
  unbounded; the whole ``interval`` None: all reals): f(u) is defined exactly for u in it, differentiable exactly
  for u inside its interior; the image raises :class:`Uncertain` unless the argument certainly lies in it;
* ``image``: the enclosure of f(u) for u in an interval, by the record's shape: monotone on its domain (ends map
  to ends; at an infinite end the limit there, not attained, so that end is open; an end at an open edge of the
  domain maps to an infinite end), even and increasing in |u| (the image of |u|), else the record's arb
  enclosure of f on the argument's ball cut to the record's bound |f| <= B (for an argument inside the record's
  ``rising`` window, where f is strictly increasing, the image of its ends);
* ``derivative(u)``: f'(u) as a term (the chain rule multiplies by u');
* ``rewrite``: f(U) as a term in X, equal wherever f is defined (tanh, sinh, cosh, erfc, acos), or None;
* ``limits``: at -oo and +oo: None (no limit, or outside the domain), +1/-1 (an infinite limit of that sign) or
  the finite limit as a term without x;
* ``values``: f(u) at the rational points u where it is rational (f(0), log(1) = 0), for exact values;
* ``undoes_on``: (g, interval): f(g(u)) = u for u in the closed interval (ends as terms without x, None:
  unbounded), for the algebra (asin(sin u) = u for -pi/2 <= u <= pi/2, acos(cos u) on [0, pi], acosh(cosh u)
  on [0, oo));
* ``exp_of``: (g, nonzero): exp(j f(v)) = g(v)^j for integers j wherever f(v) is defined (where v is certainly
  non-zero, if nonzero), for the algebra (exp(log v) = v, exp(W(v)) = v/W(v));
* ``decay``: d with 0 < f(u) <= exp(d(u)) for u >= 0, so that on a ray f(w) with w >= 0 is enclosed with the
  exponentials of a product (erfc(w) <= exp(-w^2)).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

import sympy as sp
from flint import arb

from symact.functions import REGISTRY, U, Special
from symact.kernel import ivals
from symact.kernel.ivals import Iv, Uncertain, exact
from symact.kernel.terms import TermError, at, from_sympy


def ball(t) -> arb:
    """An arb ball holding the value of a term without x (a limit or a domain end)."""
    head = t[0]
    if head == "num":
        return exact(t[1])
    if head == "const":
        return arb.pi() if t[1] == "pi" else arb(1).exp()
    if head in ("add", "mul"):
        return (sum if head == "add" else math.prod)(map(ball, t[2:]), start=ball(t[1]))
    if head == "pow" and t[2].denominator == 1:
        return ball(t[1]) ** int(t[2])
    if head == "fn":
        return REGISTRY[t[1]].arb(ball(t[2]))
    raise TermError(f"not a constant: {head}")


def _term(e) -> tuple:
    """A record's formula in U (or a number) as a term in X."""
    return from_sympy(e if isinstance(e, sp.Basic) else sp.Integer(e), U)


def inside(a: Iv, interval: tuple, open_: bool = False) -> bool:
    """Whether every element of a certainly lies in the interval (``open_``: in its interior)."""
    lo, hi, lo_closed, hi_closed = interval
    return ((lo is None or _past(a.lo, a.lo_open, ball(lo), lo_closed and not open_, 1))
            and (hi is None or _past(a.hi, a.hi_open, ball(hi), hi_closed and not open_, -1)))


def _past(end, end_open: bool, edge: arb, edge_closed: bool, direction: int) -> bool:
    """Whether an interval's end (None: infinite) lies certainly on the ``direction`` side of the edge (+1: above,
    -1: below), or on it where the edge belongs to the set or the end is open."""
    return end is not None and ((end - edge) * direction > 0 or (end == edge and (edge_closed or end_open)))


def outside(a: Iv, interval: tuple) -> bool:
    """Whether every element of a certainly lies outside the interval: inside the ray below its finite lower end
    or the one above its finite upper end (each ray closed where the interval is open)."""
    lo, hi, lo_closed, hi_closed = interval
    return ((lo is not None and inside(a, (None, lo, False, not lo_closed)))
            or (hi is not None and inside(a, (hi, None, not hi_closed, False))))


def _monotone(name: str, g: Callable[[arb], arb], up: bool, interval: tuple | None, limits,
              even: bool = False) -> Callable[[Iv], Iv]:
    """The image under a function g monotone on its natural domain (increasing when ``up``); ``even``: g is even
    and increasing in |u|, so the image is that of |u|."""
    def end(v, edge, edge_closed, limit):
        if v is None:  # the limit at an infinite end is not attained
            return (None, True) if limit is None else (ball(limit), True)
        if edge is not None and not edge_closed and v == ball(edge):  # an open edge: no bound (a pole)
            return None, True
        out = g(v)
        if not out.is_finite():
            raise Uncertain("a value is not finite")
        return out, False

    def image(a: Iv) -> Iv:
        a = ivals.absolute(a) if even else a
        if interval is not None and not inside(a, interval):
            raise Uncertain(f"{name} of an argument that may lie outside its domain")
        edges = interval or (None, None, False, False)
        (lo, lo_open), (hi, hi_open) = (end(a.lo, edges[0], edges[2], limits[0]),
                                        end(a.hi, edges[1], edges[3], limits[1]))
        lo_open, hi_open = lo_open or a.lo_open, hi_open or a.hi_open
        if up:
            return Iv(None if lo is None else lo.lower(), None if hi is None else hi.upper(), lo_open, hi_open)
        return Iv(None if hi is None else hi.lower(), None if lo is None else lo.upper(), hi_open, lo_open)
    return image


def _bounded(f: Special) -> Callable[[Iv], Iv]:
    """The arb enclosure on the argument's ball, cut to |f| <= B (all of [-B, B] for a wide argument); where
    the argument lies in the record's ``rising`` window [a, b], the image of its ends, open where they are (sin
    on (0, 1/32] is (0, sin(1/32)], where sin of the ball [0, 1/32] reaches below 0)."""
    bound = ball(_term(f.bound[0]))
    window = None if f.rising is None else tuple(arb(e.p) / e.q for e in f.rising)

    def image(a: Iv) -> Iv:
        if window is not None and a.lo is not None and a.hi is not None and a.lo >= window[0] and a.hi <= window[1]:
            lo, hi = f.arb(a.lo), f.arb(a.hi)
            return Iv(lo.lower(), hi.upper(), a.lo_open, a.hi_open)
        whole = Iv((-bound).lower(), bound.upper(), f.bound[1], f.bound[1])
        if a.lo is None or a.hi is None or (a.hi - a.lo) > 100:
            return whole
        b = Iv.ball(f.arb(a.as_ball()))  # a wide ball's enclosure may pass +-B: the values never do
        return Iv(b.lo if b.lo > whole.lo else whole.lo, b.hi if b.hi < whole.hi else whole.hi,
                  False if b.lo > whole.lo else whole.lo_open, False if b.hi < whole.hi else whole.hi_open)
    return image


@dataclass(frozen=True)
class Function:
    name: str
    interval: tuple | None
    image: Callable[[Iv], Iv]
    template: tuple
    rewrite: tuple | None
    limits: tuple
    values: dict
    exp_of: tuple | None
    decay: tuple | None
    undoes_on: tuple | None

    def derivative(self, u) -> tuple:
        return at(self.template, u)


def _function(f: Special) -> Function:
    interval = None if f.domain is None else tuple(
        None if e is None else _term(e) for e in f.domain[:2]) + f.domain[2:]
    limits = [None if v is None else (1 if v == sp.oo else -1) if v in (sp.oo, -sp.oo) else _term(v)
              for v in f.limits]
    finite = [v if isinstance(v, tuple) else None for v in limits]
    if f.monotone:
        image = _monotone(f.name, f.arb, f.monotone > 0, interval, finite)
    elif f.even_rising:
        image = _monotone(f.name, f.arb, True, None, [None, finite[1]], even=True)
    else:
        image = _bounded(f)
    return Function(f.name, interval, image, _term(f.derivative), None if f.rewrite is None else _term(f.rewrite),
                    tuple(limits), {Fraction(u): Fraction(v) for u, v in f.values},
                    None if f.exp_of is None else (_term(f.exp_of[0]), f.exp_of[1]),
                    None if f.decay is None else _term(f.decay),
                    None if f.undoes_on is None else (f.undoes_on[0], tuple(
                        None if e is None else _term(e) for e in f.undoes_on[1:]) + (True, True)))


FUNCTIONS: dict[str, Function] = {f.name: _function(f) for f in REGISTRY.values() if f.kernel}

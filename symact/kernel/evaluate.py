"""Certified evaluation of terms: enclosures on intervals, exact values, local smooth forms, undefinedness.

A *piece* is ``(lo, hi, lo_closed, hi_closed)`` with rational ends or None for -oo/+oo.

* :func:`enclose` -- an :class:`~symact.kernel.ivals.Iv` containing t(x) for every x in the piece; it raises
  :class:`Uncertain` unless t is certainly defined at every point of the piece.  On a ray, a product's factors
  x^k and exp(v) are enclosed together (:func:`decay_image`), so x e^-x on [8, oo) is not 0 * oo;
* :func:`smooth_form` -- a smooth term equal to t on the piece (``strict``: on a neighbourhood of every point, so
  its formal derivative is t's derivative there): Piecewise branches, |u|, sign, Heaviside, max, min are
  replaced by the branch that certainly holds, a root of an even power by a power of |v| (:func:`even_root`), a
  power of a polynomial with a factor x^m (m even) and a rest certainly > 0 by |x|^(m r) times a power of the rest
  (:func:`symact.kernel.root_factor.factor_root`).
* :func:`germ` -- the smooth term equal to t just left or just right of a point.
* :func:`exact_value` -- the exact rational value at a rational point, when the arithmetic stays in Q.
* :func:`undefined_reason` -- why t is certainly undefined at a point (None when that is not certain); a
  function's argument that is rational there is compared with the rational ends of the function's domain
  exactly (asin at 1 + 10^-19 - 10^-30), else by its enclosure; a derivative at a switch point is undefined
  where the one-sided derivatives of the germs differ, compared exactly where both are rational (slopes
  1 - 10^-25 and 1), else by their enclosures (f is then not differentiable whether or not it is continuous).
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import reduce

from flint import arb, ctx

from symact.kernel import algebra, ivals, meter
from symact.kernel.derivative import differentiate
from symact.kernel.functions import FUNCTIONS, ball, inside
from symact.kernel.ivals import Iv, Uncertain
from symact.kernel.limits import limit_at, limit_value
from symact.kernel.pieces import by_sign, holds
from symact.kernel.root_factor import factor_root
from symact.kernel.shift import shifted
from symact.kernel.terms import (ONE, X, ZERO, affine, as_exp, at, constant_rational, exact_power, has_x, neg, num,
                                 number_text, scaled, show, sub)

Piece = tuple  # (lo, hi, lo_closed, hi_closed)


def point(x0: Fraction) -> Piece:
    return (x0, x0, True, True)


def interior(p: Piece) -> Piece:
    return (p[0], p[1], False, False)


def maps_into(u, p: Piece, q: Piece, open_: bool = False) -> bool:
    """Whether the term u certainly takes its values in the piece q (``open_``: in its interior) at every point of
    the piece p, by its strict enclosure on p (so u is also defined there)."""
    try:
        return inside(enclose(u, p, strict=True), (*(None if e is None else num(e) for e in q[:2]), *q[2:]), open_)
    except (Uncertain, ZeroDivisionError):
        return False


def term_in(c, p: Piece, open_: bool = False) -> bool:
    """Whether the term c without x (perhaps irrational: 1000 log 1000) certainly lies in p (``open_``: in its
    interior)."""
    return not has_x(c) and maps_into(c, p, p, open_)


# ------------------------------------------------------------------------------------------------- enclosures

def enclose(t, p: Piece, strict: bool = False) -> Iv:
    """Enclosure of t on the piece; ``strict`` also demands the open domain (non-integer powers of a
    positive base, function arguments inside their domain's interior) and no non-smooth node, as needed for
    derivatives, of every part with x: a part without x that is defined is a constant, whose formal derivative
    is the literal 0 (:func:`~symact.kernel.derivative.differentiate`), as its derivative is (0^(3/2), asin(1))."""
    meter.add(1)
    head = t[0]
    if strict and head not in ("x", "num", "const", "add", "mul") and not has_x(t):
        strict = False
    if head == "x":
        return Iv.of(p[0], p[1], not p[2], not p[3])
    if head in ("num", "const"):
        return Iv.ball(ball(t))
    if head == "add":
        linear = affine(t)
        if linear is not None:  # exact: no dependency between the x's of a linear form
            return affine_image(*linear, p)
        termwise = reduce(ivals.add, (enclose(a, p, strict) for a in t[1:]))
        coefficients = _coefficients(t) if (p[0] is None) != (p[1] is None) else None
        return termwise if coefficients is None else ivals.meet(termwise, _horner(coefficients, p))
    if head == "mul":
        rest, together = _decay_split(t, p, strict)
        return reduce(ivals.mul, (*together, *(enclose(a, p, strict) for a in rest)))
    if head == "pow":
        return ivals.power(enclose(t[1], p, strict), t[2], strict)
    if head == "powt":  # as exp(e log b), defined where b > 0 as the power is: log's image demands b > 0
        return enclose(as_exp(t), p, strict)
    if head == "fn":
        inner = enclose(t[2], p, strict)
        interval = FUNCTIONS[t[1]].interval
        if strict and interval is not None and not inside(inner, interval, open_=True):
            raise Uncertain(f"{t[1]} is differentiable only inside its domain")
        return FUNCTIONS[t[1]].image(inner)
    if head == "deriv":  # f' by f's smooth form on p, or at a point where f switches form
        return enclose(smooth_form(t, p, strict=False), p)
    if strict and head in ("abs", "sign", "heaviside", "max", "min", "pw"):
        raise Uncertain(f"{head} is not smooth here")
    if head == "abs":
        return ivals.absolute(enclose(t[1], p))
    if head in ("max", "min"):
        return reduce(ivals.maximum if head == "max" else ivals.minimum, (enclose(a, p) for a in t[1:]))
    if head in ("sign", "heaviside"):  # the hull of the values at the signs the argument may have
        u = enclose(t[1], p)
        values = [_switched(t, None, s)[1] for s, possible in
                  ((1, not u.nonpositive()), (-1, not u.nonnegative()), (0, not u.sign())) if possible]
        return Iv.of(min(values), max(values), False, False)
    if head == "pw":
        return enclose(_chosen(t, lambda c: truth(c, p), Uncertain), p)
    raise Uncertain(f"cannot enclose {head}")


def affine_image(slope: Fraction, intercept: Fraction, p: Piece) -> Iv:
    """The image of the piece under x -> slope x + intercept, its ends computed exactly in Q (x - 10^-40 on
    [10^-40, oo) is [0, oo), not a ball around 0), each then rounded outward."""
    if slope == 0:
        return Iv.of(intercept, intercept, False, False)
    ends = [None if e is None else slope * e + intercept for e in p[:2]]
    (lo, hi), (lo_open, hi_open) = (ends, (not p[2], not p[3])) if slope > 0 else (ends[::-1], (not p[3], not p[2]))
    return Iv.of(lo, hi, lo_open, hi_open)


MAX_HORNER_DEGREE = 64


def _coefficients(t) -> list | None:
    """[c_0, ..., c_n] when the sum t is c_0 + c_1 x + ... + c_n x^n term by term (each term a rational times x^k,
    k a natural number, read off the syntax), 2 <= n <= MAX_HORNER_DEGREE; else None."""
    out: dict = {}
    for a in t[1:]:
        c, u = scaled(a)
        k = 1 if u == X else u[2] if u[0] == "pow" and u[1] == X and u[2].denominator == 1 and u[2] > 0 else None
        if k is None:
            k, c = 0, constant_rational(a)
            if c is None:
                return None
        out[int(k)] = out.get(int(k), 0) + c
    n = max(out)
    return [out.get(k, 0) for k in range(n + 1)] if 2 <= n <= MAX_HORNER_DEGREE else None


def _horner(coefficients: list, p: Piece) -> Iv:
    """**Rule (Horner form).**  An enclosure of the polynomial c_0 + c_1 x + ... + c_n x^n on p as
    c_0 + x (c_1 + x (... (c_{n-1} + c_n x))): the same polynomial, each step an interval product and sum, so
    every value at an x of p lies in it.  On a ray toward -oo, x^2 + x = x (x + 1) lies in (2, oo) for x < -2,
    where x^2 and x enclosed apart give (-oo, oo)."""
    acc = affine_image(coefficients[-1], coefficients[-2], p)
    for c in reversed(coefficients[:-2]):
        acc = ivals.add(ivals.mul(acc, enclose(X, p)), Iv.of(c, c, False, False))
    return acc


def _decay_split(t, p: Piece, strict: bool):
    """(the factors of the product t left to enclose one by one, the enclosure of the others or none): on a
    ray, the factors x^k (integer k >= 1) and exp(v) (or exp(v)^q) together, by :func:`decay_image`; a factor
    f(w) with a decay bound d in its record and w >= 0 on the ray counts as exp(d(w)) times a number in (0, 1]
    (erfc(w) as exp(-w^2) erfcx(w))."""
    factors = list(t[1:])
    if (p[0] is None) == (p[1] is None):
        return factors, ()
    while any(a[0] == "mul" for a in factors):  # a product of products is one product
        factors = [b for a in factors for b in (a[1:] if a[0] == "mul" else (a,))]
    k, exponents, rest, scale = 0, [], [], None
    for a in factors:
        base, q = (a[1], a[2]) if a[0] == "pow" else (a, Fraction(1))  # a = base^q
        if a[0] == "fn" and FUNCTIONS[a[1]].decay is not None and enclose(a[2], p, strict).nonnegative():
            exponents.append(at(FUNCTIONS[a[1]].decay, a[2]))  # f(w) = exp(d(w)) c with c in (0, 1]
            scale = Iv(arb(0), arb(1), True, False)
        elif base == ("x",) and q.denominator == 1 and q > 0:
            k += q.numerator
        elif base[0] == "fn" and base[1] == "exp":  # exp(v)^q = exp(q v): exp(v) > 0
            exponents.append(base[2] if q == 1 else ("mul", ("num", q), base[2]))
        else:
            rest.append(a)
    if not k or not exponents:
        return factors, ()
    v = exponents[0] if len(exponents) == 1 else ("add", *exponents)
    try:
        image = decay_image(k, v, p, strict)
    except (Uncertain, ZeroDivisionError):
        return factors, ()
    return rest, (image if scale is None else ivals.mul(image, scale),)


def decay_image(k: int, v, p: Piece, strict: bool = False) -> Iv:
    """**Rule (decay on a ray).**  The image of phi(x) = x^k exp(v(x)) (integer k >= 1, v smooth) on a piece p
    with one infinite end and no point on both sides of 0.  Side condition: K = k + x v'(x) has a certain sign
    on the interior of p (an enclosure; v' the formal derivative of v's smooth form, which must be defined on
    p).  Then phi'(x) = x^(k-1) exp(v) K has one sign and is never 0 inside p (x != 0 there), so phi is strictly
    monotone on p and continuous: its image lies between its value at the finite end (an enclosure at that
    point, also when the end is open) and its limit at the infinite end (:mod:`symact.kernel.limits`), neither
    attained at an open or infinite end.  So x e^-x on [8, oo) lies in (0, 8 e^-8], where interval arithmetic
    gives [8, oo) * (0, e^-8] = [0, oo)."""
    from symact.kernel.limits import limit_at

    lo, hi = p[0], p[1]
    if not ((lo is not None and lo >= 0) or (hi is not None and hi <= 0)):
        raise Uncertain("the piece has points on both sides of 0")
    g = smooth_on(v, p)
    slope = enclose(("add", ("num", Fraction(k)), ("mul", ("x",), differentiate(g))), interior(p))
    if not slope.sign():
        raise Uncertain("x^k exp(v) is not certainly monotone on the piece")
    phi = ("mul", ("pow", ("x",), Fraction(k)), ("fn", "exp", g))
    x_sign = 1 if (lo is not None and lo >= 0) or k % 2 == 1 else -1  # the sign of x^(k-1) inside p
    # the image runs upward from the value at the finite end toward the limit at the infinite end, or downward
    up = (x_sign == slope.sign()) == (hi is None)  # phi increasing and the ray [lo, oo), or decreasing and (-oo, hi]
    at_end = enclose(phi, point(lo if hi is None else hi), strict)
    lim = limit_at(phi, 1 if hi is None else -1)
    end_open = not (p[2] if hi is None else p[3])
    if lim.finite:
        far = lim.value.hi if up else lim.value.lo
    elif lim.sign == (1 if up else -1):
        far = None
    else:
        raise Uncertain("a monotone function tends to an infinity against its direction")
    return Iv(at_end.lo, far, end_open, True) if up else Iv(far, at_end.hi, True, end_open)


# ------------------------------------------------------------------------------------------------ conditions

def _connectives(c, atom) -> bool | None:
    """A condition's truth from that of its comparisons (``atom``; None: unknown), by the connectives."""
    head = c[0]
    if head in ("true", "false"):
        return head == "true"
    if head == "not":
        inner = _connectives(c[1], atom)
        return None if inner is None else not inner
    if head in ("and", "or"):  # from the left, up to the first part that decides (False for and, True for or)
        decides, unknown = head == "or", False
        for a in c[1:]:
            value = _connectives(a, atom)
            if value is decides:
                return decides
            unknown = unknown or value is None
        return None if unknown else not decides
    return atom(c)


def truth(c, p: Piece, strict: bool = False) -> bool | None:
    """Whether the condition holds at every point of the piece (True), at none (False), or unknown (None).

    ``strict``: True/False only when the comparison is strict with a margin, so it holds on a neighbourhood."""
    def comparison(a) -> bool | None:
        op, d = a[1], _image(sub(a[2], a[3]), p, strict)
        if strict:
            return by_sign(op, d.sign()) if d.sign() else None
        return True if d.satisfies(op) else False if d.violates(op) else None
    return _connectives(c, comparison)


def _image(t, p: Piece, strict: bool = False) -> Iv:
    """t's enclosure on p; at a single point (not ``strict``) the point t(x0) itself where it is rational
    (:func:`_at_point`), so that its sign and relations to 0 are exact."""
    return _at_point(t, p[0])[1] if not strict and p[0] is not None and p[0] == p[1] else enclose(t, p, strict)


def _chosen(t, truth_of, none: type):
    """The value of the Piecewise t whose condition is the first to hold by ``truth_of`` (True, False or None:
    unknown, then Uncertain); ``none`` is raised where no condition holds."""
    for value, cond in t[1:]:
        holds = truth_of(cond)
        if holds is None:
            raise Uncertain("a Piecewise condition changes on the interval")
        if holds:
            return value
    raise none("no Piecewise condition holds")


# -------------------------------------------------------------------------------------------------- smooth_form

def smooth_on(t, p: Piece, near: Piece | None = None, known: dict | None = None):
    """t's smooth form g on the piece p (``known`` as in :func:`smooth_form`), checked smooth (g's strict
    enclosure exists) on a neighbourhood of every point of ``near`` (default: p); else Uncertain."""
    g = smooth_form(t, p, strict=True, known=known)
    enclose(g, p if near is None else near, strict=True)
    return g


def smooth_form(t, p: Piece, strict: bool = True, known: dict | None = None):
    """A term without non-smooth nodes or derivative nodes, equal to t on the piece (``strict``: on a
    neighbourhood of each of its points).  ``known``: smooth terms proved < 0 or > 0 at every point of p (term
    -> "<" or ">"), whose signs are taken from it where a switch argument (of |.|, sign, Heaviside, or a
    difference of max/min arguments) is one of them or its negation (with ``strict``, only where p is open: each
    of its points then has a neighbourhood inside p); any other sign by enclosure on p, else
    :class:`SignUnknown`."""
    held = {u: 1 if rel == ">" else -1 for u, rel in (known or {}).items()}
    near = {} if p[2] or p[3] else held  # the signs that hold on a neighbourhood of every point of p
    return _form(t, p, strict, near if strict else held, near)


def switched_form(t, p: Piece, u, s: int):
    """A smooth term equal to t on the interior of the set of points of the piece p where the smooth term u has
    the sign s (+1 or -1): as :func:`smooth_form` (strict), except that a switch (|.|, sign, Heaviside, max, min)
    whose argument is u is taken with u's sign s, and one whose argument is -u (written (-1)*u, or B - A for
    u = A - B) with -s; every other switch's argument must have a certain sign, and every Piecewise condition a
    certain truth, on all of p (else Uncertain)."""
    return _form(t, p, True, {u: s}, {u: s})


def _form(t, p: Piece, strict: bool, signs: dict, near: dict):
    """The smooth form of :func:`smooth_form` and :func:`switched_form`: a switch whose argument is a term of
    ``signs`` (term -> +1 or -1) or its negation (:func:`_negation`) takes that sign, any other the sign of its
    enclosure on p; a derivative node f' is the derivative of f's form with the signs ``near`` (those that hold
    on a neighbourhood of every point), checked smooth on p (a strict enclosure), or, for a form at a single
    point x0 (not ``strict``), f'(x0) where f switches form there (:func:`point_slope`)."""
    def sign(v) -> int:
        for u, s in signs.items():
            if v == u or _negation(v, u):
                return s if v == u else -s
        return _sign_on(v, p, strict)

    def deriv(f):
        try:
            g = _form(f, p, True, near, near)
            enclose(g, p, strict=True)
        except Uncertain:
            if strict or p[0] is None or p[0] != p[1]:
                raise
            return num(point_slope(f, p[0]))
        return differentiate(g)

    return _local_form(t, sign, lambda u: _chosen(u, lambda c: truth(c, p, strict), Uncertain), deriv)


def _negation(v, u) -> bool:
    """Whether v is -u by its syntax: (-1)*u, u = (-1)*v, or v = P + (-1)*Q with u = Q + (-1)*P."""
    minus = ("num", Fraction(-1))
    if v == ("mul", minus, u) or u == ("mul", minus, v):
        return True
    return (v[0] == "add" and len(v) == 3 and v[2][0] == "mul" and len(v[2]) == 3 and v[2][1] == minus
            and u == ("add", v[2][2], ("mul", minus, v[1])))


def _local_form(t, sign, branch, deriv, domain=None):
    """A smooth term equal to t near a set (a piece, or one side of a point): ``sign(u)`` the sign of the
    smooth term u there (0: u is 0 there), ``branch(t)`` the value of the Piecewise t whose condition holds
    there, ``deriv(u)`` a smooth term equal to u's derivative there, and ``domain(t, a)`` (if given) raises
    GermUndefined when the argument a (smooth) of t's root, power or function is outside its domain there."""
    def walk(u):
        return _local_form(u, sign, branch, deriv, domain)

    head = t[0]
    if head in ("x", "num", "const"):
        return t
    if head in ("add", "mul"):
        return (head, *map(walk, t[1:]))
    rewritten = factor_root(even_root(t), sign) if head == "pow" else t  # the same value and domain
    if rewritten is not t:
        return walk(rewritten)
    if head in ("pow", "powt", "fn"):
        i = 2 if head == "fn" else 1  # the argument whose domain is checked: a base or a function's argument
        arg = walk(t[i])
        if domain is not None:
            domain(t, arg)
        return (*t[:i], arg, *(walk(u) if head == "powt" else u for u in t[i + 1:]))
    if head in ("abs", "sign", "heaviside"):
        u = walk(t[1])
        return _switched(t, u, sign(u))
    if head in ("max", "min"):
        return _extreme(head, [walk(a) for a in t[1:]], sign)
    if head == "pw":
        return walk(branch(t))
    if head == "deriv":
        return deriv(t[1])
    raise Uncertain(f"no smooth local form for {head}")


def _switched(t, u, s: int):
    """The switch t (|.|, sign or Heaviside) where its argument, equal to the term u, has the sign s (+1, -1 or 0:
    u is 0), as that term: u, -u or 0; s; 1, 0 or Heaviside's value at 0."""
    if t[0] == "abs":
        return u if s > 0 else neg(u) if s < 0 else ZERO
    return num(s) if t[0] == "sign" else ONE if s > 0 else ZERO if s < 0 else num(t[2])


def even_root(t):
    """(v^m)^r with an even integer m and an integer k = m r as |v|^k (v^k when k is even): the same value and
    the same domain at every x, since v^m = |v|^m >= 0 (sqrt(x^4) = x^2, sqrt(x^6) = |x|^3); t itself otherwise."""
    if t[0] != "pow" or t[1][0] != "pow" or t[1][2].denominator != 1 or t[1][2].numerator % 2:
        return t
    k = t[1][2] * t[2]
    if k.denominator != 1:
        return t
    v = t[1][1]
    return ("pow", v if k.numerator % 2 == 0 else ("abs", v), k)


def _extreme(head: str, args: list, sign_of) -> tuple:
    """The argument of max/min that is the largest/smallest, given the certain sign of differences."""
    best = args[0]
    for a in args[1:]:
        if sign_of(sub(a, best)) == (1 if head == "max" else -1):
            best = a
    return best


def _sign_on(u, p: Piece, strict: bool) -> int:
    """u's sign on p by its enclosure, or exactly at a point where u is rational there."""
    d = _image(u, p)
    if d.sign():
        return d.sign()
    if not strict and d.is_zero():
        return 0
    raise SignUnknown(u)


class SignUnknown(Uncertain):
    """The enclosure on the piece does not settle the sign of the smooth switch argument ``term``."""

    def __init__(self, term):
        super().__init__("a sign changes on the interval")
        self.term = term


# --------------------------------------------------------------------------------------- one-sided local forms

class GermUndefined(Exception):
    """The term is certainly undefined on a one-sided neighbourhood."""


#: highest derivative :func:`germ_sign` looks at
GERM_ORDER = 4


def germ_sign(u, x0: Fraction, side: int) -> int:
    """The sign (+1 or -1) of u on (x0, x0 + d) (side +1) or (x0 - d, x0) (side -1) for small d > 0: by Taylor's
    theorem, where h = u's one-sided form has h(x0) = ... = h^(k-1)(x0) = 0 exactly and h^(k)(x0) != 0 (k <=
    GERM_ORDER, h smooth at x0), the sign of h^(k)(x0) times side^k."""
    h = germ(u, x0, side)
    for k in range(GERM_ORDER + 1):
        s = enclose(h, point(x0), strict=True).sign()
        if s:
            return s * side ** k
        if k == GERM_ORDER or exact_value(h, x0) != 0:
            break
        h = differentiate(h)
    raise Uncertain("the sign next to the point is not certain")


def germ(t, x0: Fraction, side: int):
    """A smooth term equal to t on a one-sided neighbourhood of x0 (raises GermUndefined when t is certainly
    undefined there)."""
    def truth_of(c) -> bool:  # the sign of the germ of a germ: rewritten once more (sqrt(|x|^4 + x^6) at 0)
        return _connectives(c, lambda a: by_sign(a[1], germ_sign(germ(sub(a[2], a[3]), x0, side), x0, side)))

    def domain(u, a) -> None:  # a powt is undefined next to x0 wherever its base is < 0 there
        why = _off_domain(u, a, lambda v, rel: by_sign(rel, germ_sign(v, x0, side)), lambda e: True)
        if why:
            raise GermUndefined(why)
    return _local_form(t, lambda u: germ_sign(u, x0, side), lambda u: _chosen(u, truth_of, GermUndefined),
                       lambda u: differentiate(germ(u, x0, side)), domain)


def point_slope(f, x0: Fraction) -> Fraction:
    """f'(x0) where f switches form at x0: each one-sided form is smooth at x0, its value there equals f(x0)
    exactly (continuity) and the one-sided derivatives are equal exact rationals; otherwise Uncertain."""
    try:
        values, slopes = _sides(f, x0)
    except GermUndefined as exc:
        raise Uncertain(str(exc)) from None
    if len({v for v, _ in values}) != 1 or values[0][0] is None:
        raise Uncertain("continuity at the point is not certain")
    if len({v for v, _ in slopes}) != 1 or slopes[0][0] is None:
        raise Uncertain("the one-sided derivatives are not certainly equal")
    return slopes[0][0]


def _sides(f, x0: Fraction) -> tuple[list, list]:
    """([f(x0), g_L(x0), g_R(x0)], [g_L'(x0), g_R'(x0)]), each as (exact value or None, enclosure) by
    :func:`_at_point`, for f's forms g_L, g_R just left and just right of x0 (:func:`germ`), each checked smooth at
    x0 (a strict enclosure there); GermUndefined, naming the side, where f is certainly undefined on one side."""
    forms = []
    for side, name in ((-1, "left"), (1, "right")):
        try:
            forms.append(germ(f, x0, side))
        except GermUndefined as exc:
            raise GermUndefined(f"the function is undefined just {name} of the point ({exc})") from None
    value = _at_point(f, x0)
    ends, slopes = zip(*(_side(g, x0, side, value) for g, side in zip(forms, (-1, 1))))
    return [value, *ends], list(slopes)


def _side(g, x0: Fraction, side: int, value: tuple) -> tuple:
    """(g(x0), g'(x0)) by :func:`_at_point` where the one-sided form g is smooth at x0 (a strict enclosure there);
    else their one-sided limits (:func:`_side_limits`)."""
    try:
        enclose(g, point(x0), strict=True)
    except Uncertain:
        return _side_limits(g, x0, side, value)
    return _at_point(g, x0), _at_point(differentiate(g), x0)


class NotDifferentiable(Uncertain):
    """f is certainly not differentiable at the point (an Uncertain to every caller that wants a value)."""


#: the rays y >= R on which a one-sided form read at x0 +- 1/y (:mod:`symact.kernel.shift`) is checked smooth
SIDE_RAYS = (Fraction(2 ** 4), Fraction(2 ** 20), Fraction(2 ** 64))


def _side_limits(g, x0: Fraction, side: int, value: tuple) -> tuple:
    """**Rule (one-sided limits).**  f equals g on x0 + side (0, d]; g is not smooth at x0 (|x|^(3/2), sqrt|x|,
    exp(-1/x^2) at 0).  h(y) = g(x0 + side/y) (:func:`~symact.kernel.shift.shifted`) has a strict enclosure on a
    ray y >= R of :data:`SIDE_RAYS`, so g is defined and smooth on x0 + side (0, 1/R], and the calculus of
    :mod:`symact.kernel.limits` gives lim h at +oo, that is lim g(x) as x -> x0 from that side.  An infinite limit:
    f is unbounded next to x0, so not continuous there (NotDifferentiable).  A finite limit L is returned as g's
    value; where L = f(x0) exactly (f continuous from that side), the mean value theorem gives
    (f(x0 + k) - f(x0)) / k = g'(c_k) for some c_k strictly between x0 and x0 + k, so the one-sided derivative is
    the limit of g' (of its shifted form, checked smooth on the same ray): infinite, f is not differentiable at x0
    (NotDifferentiable); finite, it is returned as the slope.  Where continuity is not exact, the slope is unknown
    (the whole line).  Each value is (the limit's exact form where rational, else None; its enclosure)."""
    name = "left" if side < 0 else "right"
    lim, ray = side_limit(g, x0, side)
    if not lim.finite:
        raise NotDifferentiable(f"the function is unbounded just {name} of the point")
    end = (_exact_limit(lim), lim.value)
    if end[0] is None or end[0] != value[0]:
        return end, (None, Iv(None, None))
    slope, _ = side_limit(differentiate(g), x0, side, rays=(ray[0],))   # on the same ray
    if not slope.finite:
        raise NotDifferentiable(f"the {name} derivative is infinite (the function is continuous there and its "
                                f"derivative tends to {'-' if slope.sign < 0 else ''}oo)")
    return end, (_exact_limit(slope), slope.value)


def side_limit(g, x0: Fraction, side: int, rays: tuple = SIDE_RAYS) -> tuple:
    """(lim, ray): the limit (:class:`~symact.kernel.limits.Lim`) of the smooth term g(x) as x -> x0 from the side
    (+1 right, -1 left), with the first ray y >= R (R of ``rays``) on which h(y) = g(x0 + side/y)
    (:func:`~symact.kernel.shift.shifted`) has a strict enclosure, so that g is defined and smooth on
    x0 + side (0, 1/R]; Uncertain where not certain."""
    h = shifted(g, x0, side)
    ray = _smooth_ray(h, rays)
    return limit_at(h, 1), ray


def exact_side_limit(g, x0: Fraction, side: int) -> Fraction | None:
    """lim g(x) as x -> x0 from the side (:func:`side_limit`) where it is finite and rational, else None."""
    try:
        lim, _ = side_limit(g, x0, side)
    except (Uncertain, ZeroDivisionError):
        return None
    return _exact_limit(lim) if lim.finite else None


def _smooth_ray(h, rays: tuple) -> Piece:
    """The first ray y >= R, R of ``rays``, on which h has a strict enclosure (Uncertain if none)."""
    for r in rays:
        ray = (r, None, True, False)
        try:
            enclose(h, ray, strict=True)
            return ray
        except (Uncertain, ZeroDivisionError):
            continue
    raise Uncertain("the one-sided form is not certainly smooth next to the point")


def _exact_limit(lim) -> Fraction | None:
    """A finite limit's exact value where it is rational: its exact form (a term without x) computed in Q
    (:func:`_rational`: tanh(0) + 1 is 1), or 0 by algebra; else None."""
    if lim.term is None:
        return None
    try:
        return _rational(lim.term, Fraction(0))
    except (Uncertain, ZeroDivisionError):
        return Fraction(0) if limit_value(lim).is_zero() else None


# ---------------------------------------------------------------------------------------------- exact values

def exact_value(t, x0: Fraction) -> Fraction | None:
    """t(x0) as an exact rational when every step stays in Q (None otherwise, or where t is undefined): the value
    of t's smooth form at the point x0 (:func:`smooth_form`, its switches and Piecewise conditions decided
    exactly where their arguments are rational there), by exact arithmetic."""
    try:
        return _rational(smooth_form(t, point(x0), strict=False), x0)
    except (Uncertain, ZeroDivisionError, GermUndefined):
        return None


#: the largest power (in bits of its numerator and denominator) that an exact value computes
MAX_EXACT_BITS = 100_000


def _rational(g, x0: Fraction) -> Fraction:
    """The smooth term g at x0 in exact arithmetic; Uncertain where a step leaves Q.  A product with a factor
    exactly 0 is 0 where its other factors are certainly defined at x0 (an enclosure exists), rational or not
    (mish(0) |0| = 0 tanh(log 2) 0)."""
    head = g[0]
    if head == "x":
        return x0
    if head == "num":
        return g[1]
    if head == "add":
        return sum((_rational(a, x0) for a in g[1:]), Fraction(0))
    if head == "mul":
        values = [_rational_or_none(a, x0) for a in g[1:]]
        if None in values and 0 in values:
            for a, v in zip(g[1:], values):
                if v is None:
                    enclose(a, point(x0))  # defined at x0, so 0 times a real number
            return Fraction(0)
        if None in values:
            raise Uncertain("the value is not certainly rational")
        return math.prod(values, start=Fraction(1))
    # (x**1000)**1000 at x = 2**1000 is left to ball arithmetic
    value = (exact_power(_rational(g[1], x0), g[2], MAX_EXACT_BITS) if head == "pow"
             else FUNCTIONS[g[1]].values.get(_rational(g[2], x0)) if head == "fn" else None)
    if value is None:
        raise Uncertain("the value is not certainly rational")
    return value


def _rational_or_none(g, x0: Fraction) -> Fraction | None:
    try:
        return _rational(g, x0)
    except Uncertain:
        return None


# ------------------------------------------------------------------------------------- certain relations at a point

#: working precisions (bits) tried in turn for a certain relation at a point (4096: tanh(500) <= 1 - 10^-400 fails)
PRECISION = (64, 256, 1024, 4096)


def evidence(d, x0: Fraction, precisions: tuple = PRECISION, algebra_zero: bool = False):
    """What is certain of d(x0), in turn, each as (an enclosure, in words): d's exact rational value at x0 (then
    nothing more); 0 where ``algebra_zero`` and exact algebra on d's smooth form at x0 says so (:func:`zero_at`:
    never on d itself, whose d/dx nodes x0 put in place of x would change); a ball at each of the ``precisions``."""
    value = exact_value(d, x0)
    if value is not None:
        yield Iv.of(value, value, False, False), f"{number_text(value)} exactly"
        return
    try:
        if algebra_zero and zero_at(smooth_form(d, point(x0), strict=False), x0):
            yield Iv.of(Fraction(0), Fraction(0), False, False), "0 by exact algebra"
    except (Uncertain, GermUndefined, ZeroDivisionError):
        pass  # no smooth form at x0: a ball may still settle it
    for bits in precisions:
        with ctx.workprec(bits):
            b = enclose(d, point(x0))
        yield b, f"in {b} (certified ball arithmetic, {bits} bits)"


def certain_at(d, x0: Fraction, rel: str, precisions: tuple = PRECISION) -> str | None:
    """How ``d(x0) REL 0`` is certain, in words (:func:`evidence`, 0 by algebra where 0 REL 0), or None."""
    return next((how for b, how in evidence(d, x0, precisions, holds(Fraction(0), rel)) if b.satisfies(rel)), None)


def certain_sign(h, x0: Fraction) -> int:
    """+1 or -1 where h(x0) is certainly > 0 or < 0 (:func:`evidence`), else 0."""
    return next((s for b, _ in evidence(h, x0) if (s := b.sign())), 0)


def zero_at(g, x0: Fraction) -> bool:
    """Whether the smooth term g is certainly defined at x0 (an enclosure exists) and 0 there by exact algebra
    (log(1 + exp(0)) - log(2): no ball of a non-rational value is certainly 0)."""
    try:
        enclose(g, point(x0))
        return algebra.is_zero(at(g, num(x0)), point(x0))
    except (Uncertain, ZeroDivisionError, RecursionError):
        return False


# ------------------------------------------------------------------------------------------------- undefined

def agree_at(c: Fraction, t, *forms) -> bool:
    """Whether t and the terms ``forms`` (its formulas on both sides of c) have one exact value at c."""
    values = {exact_value(u, c) for u in (t, *forms)}
    return len(values) == 1 and None not in values


def undefined_reason(t, x0: Fraction) -> str | None:
    """Why t is certainly undefined at x0, or None when that is not certain."""
    try:
        return _undefined(t, x0)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return None


def _undefined(t, x0: Fraction) -> str | None:
    head = t[0]
    if head in ("x", "num", "const"):
        return None
    if head == "pw":
        for value, cond in t[1:]:
            holds = truth(cond, point(x0))
            if holds is None:
                return None
            if holds:
                return _undefined(value, x0)
        return "no condition of the Piecewise holds"
    if head == "deriv":
        return _not_differentiable(t[1], x0)
    why = next(filter(None, (_undefined(a, x0) for a in (t[2:] if head == "fn" else t[1:]) if isinstance(a, tuple))),
               None)  # the first part certainly undefined, from the left
    if why:
        return why
    if head not in ("pow", "powt", "fn"):
        return None
    # u - e compared with 0 exactly where its value is rational (asin at 1 + 10^-19 - 10^-30, whose 64-bit ball
    # reaches 1), else by its enclosure
    why = _off_domain(t, t[2 if head == "fn" else 1], lambda u, rel: _at_point(u, x0)[1].satisfies(rel),
                      lambda e: _not_integer(e, x0))
    if why and head == "fn":
        value, arg = _at_point(t[2], x0)
        return f"{why} ({show(t[2])} = {arg if value is None else value})"
    return why


def _off_domain(t, a, certain, non_integer) -> str | None:
    """Why the power or function t, whose base or argument is the term a, is certainly undefined on a set (a point
    or one side of it), or None: ``certain(u, rel)`` says whether u REL 0 certainly holds there (an Uncertain or
    ZeroDivisionError from it counts as not certain), ``non_integer(e)`` whether the exponent e of a powt is
    certainly not an integer there.  Undefined: 0 to a negative power (rational, or a powt's exponent certainly
    < 0 there: 0**x at x = -1/2), a non-integer power of a negative base, a
    powt of a negative base with such an exponent, a function's argument below (or at an open) lower end of its
    domain or above (or at an open) upper end."""
    def holds_there(u, rel: str) -> bool:
        try:
            return certain(u, rel)
        except (Uncertain, ZeroDivisionError):
            return False

    if t[0] == "pow" and t[2] < 0 and holds_there(a, "=="):
        return f"division by zero ({show(a)} = 0)"
    if t[0] == "powt" and holds_there(a, "==") and holds_there(t[2], "<"):
        return f"division by zero (0 to a negative power: {show(a)} = 0, {show(t[2])} < 0)"
    if t[0] == "pow" and t[2].denominator != 1 and holds_there(a, "<"):
        return f"a real root of a negative number ({show(a)} < 0)"
    if t[0] == "powt" and holds_there(a, "<") and non_integer(t[2]):
        return "a real power of a negative base with a non-integer exponent"
    interval = FUNCTIONS[t[1]].interval if t[0] == "fn" else None
    if interval is None or not any(end is not None and holds_there(sub(a, end), rel if closed else rel + "=")
                                   for end, closed, rel in ((interval[0], interval[2], "<"),
                                                            (interval[1], interval[3], ">"))):
        return None
    lo, hi = (end if e is None else show(e) for e, end in zip(interval, ("-oo", "oo")))
    return f"{t[1]} of a number outside its domain {'[' if interval[2] else '('}{lo}, {hi}{']' if interval[3] else ')'}"


def _at_point(t, x0: Fraction) -> tuple:
    """(t(x0) where it is rational, else None; an enclosure of t(x0), the point itself where rational): exact where
    a ball cannot tell (sqrt(x - 2) at x = 1.9999999999999999 is below 0 by 10^-16, less than a 53-bit ball of the
    point resolves; log(x - 1) at x = 1 is log of 0, not of a ball around it)."""
    value = exact_value(t, x0)
    return value, enclose(t, point(x0)) if value is None else Iv.of(value, value, False, False)


def _not_integer(t, x0: Fraction) -> bool:
    """t(x0) is certainly not an integer (a negative number has a real power only with an integer exponent)."""
    value, e = _at_point(t, x0)
    if value is not None:
        return value.denominator != 1
    return e.lo is not None and e.hi is not None and bool(e.lo > (k := e.lo.floor().mid()) and e.hi < k + 1)


def _not_differentiable(f, x0: Fraction) -> str | None:
    why = _undefined(f, x0)
    if why:
        return f"the function is undefined at the point ({why})"
    try:
        (value, *ends), ((exact_left, left), (exact_right, right)) = _sides(f, x0)
    except (GermUndefined, NotDifferentiable) as exc:
        return str(exc)
    for (_, end), name in zip(ends, ("left", "right")):
        if ivals.add(end, ivals.neg(value[1])).satisfies("!="):
            return f"the {name} limit differs from the value at the point (a jump)"
    if None not in (exact_left, exact_right) and exact_left != exact_right:  # 1 - 10^-25 against 1: exactly
        return f"the left derivative {exact_left} differs from the right derivative {exact_right} (exactly)"
    if ivals.add(left, ivals.neg(right)).satisfies("!="):
        return f"the left derivative {left} differs from the right derivative {right}"
    return None

"""Limits of smooth terms as x -> +oo or -oo, by an asymptotic calculus with explicit rates.

:func:`limit` returns a :class:`Lim`: a finite limit (an enclosure of its value, and whether the term converges
to it exponentially fast, |t - L| <= C exp(-c|x|) for large |x|, or polynomially fast, |t - L| <= C |x|^-c for
some c > 0), or an infinite one (its sign, and its growth: ``log`` at most a power of log|x|, ``lin`` at least
linear and at most polynomial, ``poly`` at most polynomial, ``big`` unknown).  Every rule is a textbook fact
about limits of sums, products, powers and continuous functions; the one indeterminate form resolved is 0 * oo
where the zero is exponentially fast and the infinity at most polynomial (then the product tends to 0,
exponentially fast), or the zero polynomially fast and the infinity logarithmic (|x|^-c log^m|x| -> 0, so
log1p(x^2)/x -> 0, polynomially fast); a product that meets 0 * oo otherwise is taken once more with each f(u),
f(0) = 0, f'(0) = 1 and u -> 0, as u times f(u)/u -> 1 (:func:`_rewritten`: sin(e^-x) e^x -> 1).  Anything else
(oo - oo, oo/oo, oscillation) raises :class:`Uncertain`.
A function's limits at -oo and +oo, whether a finite one is approached exponentially fast and whether an
infinite one grows at most polynomially (``slow``) are read from its record in :mod:`symact.functions`; log,
log1p, asinh and acosh of an argument that grows at most polynomially grow at most like log|x| (:data:`LOGARITHMIC`).

A finite limit also carries, where every step has one, its exact form: a term without x built by the same rules
(the limit of a sum is the sum of the limits, f(lim u) for a function continuous there, pi/2 for atan at +oo,
1 for tanh, 0 for exp at -oo, ...).  :func:`limit_value` reads a limit whose exact form is 0 by
:mod:`symact.kernel.algebra` as exactly 0 (atan(x) - pi/2 at +oo), which no enclosure shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import reduce

from flint import arb

from symact.functions import REGISTRY
from symact.kernel import ivals
from symact.kernel.functions import FUNCTIONS, ball
from symact.kernel.ivals import Iv, Uncertain
from symact.kernel.terms import linear_split


@dataclass(frozen=True)
class Lim:
    value: Iv | None = None   # finite limit: an enclosure of it
    fast: bool = False        # finite: converges exponentially fast
    sign: int = 0             # infinite: +1 or -1
    growth: str = ""          # infinite: "log", "lin", "poly" or "big"
    term: tuple | None = None  # finite: the limit as a term without x, where known exactly
    poly_rate: bool = False   # finite: converges polynomially fast (also when ``fast``: see :attr:`tame`)

    @property
    def finite(self) -> bool:
        return self.value is not None

    @property
    def tame(self) -> bool:
        """A finite limit approached at least polynomially fast: |t - L| <= C |x|^-c, c > 0, for large |x|."""
        return self.fast or self.poly_rate

    def is_zero(self) -> bool:
        return self.finite and self.value.is_zero()


_ORDER = {"log": -1, "lin": 0, "poly": 1, "big": 2}
#: functions f with |f(u)| <= log(2|u| + 2) for large |u|: of an argument at most polynomial in x, O(log|x|)
LOGARITHMIC = ("log", "log1p", "asinh", "acosh")

_ZERO = Lim(Iv.ball(arb(0)), fast=True, term=("num", Fraction(0)))
_ONE = Lim(Iv.ball(arb(1)), fast=True, term=("num", Fraction(1)))
#: functions f with f(0) = 0 and f'(0) = 1
FIRST_ORDER = ("sin", "asin", "atan", "sinh", "asinh", "tanh", "atanh", "expm1", "log1p", "lambertw")


def limit_value(lim: Lim) -> Iv:
    """The enclosure of a finite limit, or the point 0 when its exact form is 0 by algebra."""
    if lim.term is not None and not lim.value.is_zero():
        from symact.kernel import algebra

        try:
            if algebra.is_zero(lim.term):
                return Iv.ball(arb(0))
        except (Uncertain, ZeroDivisionError, RecursionError):
            pass
    return lim.value


def _joined(head: str, a: Lim, b: Lim):
    return None if a.term is None or b.term is None else (head, a.term, b.term)


def limit_at(t, side: int) -> Lim:
    head = t[0]
    if head == "x":
        return Lim(sign=side, growth="lin")
    if head in ("num", "const"):
        return Lim(Iv.ball(ball(t)), fast=True, term=t)
    if head in ("add", "mul"):
        try:
            return _fold(head, t[1:], side)
        except Uncertain:
            if head == "add":
                raise
            factors, first_order = _rewritten(t, side)
            if not first_order:
                raise
            return reduce(_mul, first_order, _fold("mul", factors, side))
    if head == "pow":
        return _pow(limit_at(t[1], side), t[2])
    if head == "fn":
        return _function(t[1], limit_at(t[2], side))
    raise Uncertain(f"no limit rule for {head}")


def _fold(head: str, args, side: int) -> Lim:
    out = limit_at(args[0], side)
    for a in args[1:]:
        out = (_add if head == "add" else _mul)(out, limit_at(a, side))
    return out


def _rewritten(t, side: int) -> tuple:
    """(factors whose product times the limits ``first_order`` is the product t, first_order): each factor f(u)
    of t with f in :data:`FIRST_ORDER` and lim u = 0 is u h(u), h(u) = f(u)/u (1 at u = 0), which tends to
    f'(0) = 1 as fast as u does (|h(u) - 1| <= C|u| near 0); then the integer powers of x joined into one (x x^-1 is
    x^0 = 1 wherever x != 0, as it is far out), at +oo the rational ones too (x^a x^b = x^(a+b) for x > 0) and the factors exp(v_i) into exp(v_1 + ... + v_m), a sum whose
    linear part is read exactly (exp(-x) exp(x) = exp(0)).  So sin(e^-x) e^x = e^-x e^x h(e^-x) tends to 1 and
    x sin(1/x) = x x^-1 h(1/x) to 1 (first_order empty: nothing rewritten)."""
    factors, exponents, first_order, k = [], [], [], Fraction(0)
    for a in t[1:]:
        if a[0] == "fn" and a[1] in FIRST_ORDER:
            inner = limit_at(a[2], side)
            if inner.is_zero():
                first_order.append(Lim(_ONE.value, inner.fast, term=_ONE.term, poly_rate=inner.tame))
                a = a[2]
        for b in (a[1:] if a[0] == "mul" else (a,)):
            if b[0] == "fn" and b[1] == "exp":
                exponents.append(b[2])
            elif b == ("x",) or (b[0] == "pow" and b[1] == ("x",) and (b[2].denominator == 1 or side > 0)):
                k += 1 if b == ("x",) else b[2]
            else:
                factors.append(b)
    if k:
        factors.append(("pow", ("x",), Fraction(k)))
    if exponents:
        slope, rest = linear_split(("add", *exponents))
        linear = ("mul", ("num", slope), ("x",))
        factors.append(("fn", "exp", linear if rest is None else rest if slope == 0 else ("add", linear, rest)))
    return factors or [_ONE.term], first_order


def _add(a: Lim, b: Lim) -> Lim:
    if a.finite and b.finite:
        return Lim(ivals.add(a.value, b.value), a.fast and b.fast, term=_joined("add", a, b),
                   poly_rate=a.tame and b.tame)
    if a.finite or b.finite:
        return b if a.finite else a
    if a.sign != b.sign:
        raise Uncertain("oo - oo")
    return Lim(sign=a.sign, growth=max(a.growth, b.growth, key=_ORDER.get))


def _mul(a: Lim, b: Lim) -> Lim:
    if a.finite and b.finite:
        return Lim(ivals.mul(a.value, b.value), a.fast and b.fast, term=_joined("mul", a, b),
                   poly_rate=a.tame and b.tame)
    if a.finite != b.finite:
        small, big = (a, b) if a.finite else (b, a)
        if small.value.sign():
            return Lim(sign=small.value.sign() * big.sign, growth=big.growth)
        if small.is_zero() and small.fast and big.growth in ("log", "lin", "poly"):
            return _ZERO
        if small.is_zero() and small.tame and big.growth == "log":  # |x|^-c log^m|x| <= |x|^(-c/2) far out
            return Lim(_ZERO.value, poly_rate=True, term=_ZERO.term)
        raise Uncertain("0 * oo")
    return Lim(sign=a.sign * b.sign, growth=max(a.growth, b.growth, key=_ORDER.get))


def _pow(a: Lim, q) -> Lim:
    if a.finite:  # u -> u^q is continuous where it is defined: lim u^q = (lim u)^q
        if q.denominator != 1 and not (a.value.positive() or a.value.is_zero()):
            raise Uncertain("a root of a limit that may be negative or 0")
        return Lim(ivals.power(a.value, q), a.fast, term=a.term and ("pow", a.term, q), poly_rate=a.tame)
    if q == 0:
        return Lim(Iv.ball(arb(1)), fast=True, term=("num", Fraction(1)))
    if q.denominator != 1 and a.sign < 0:
        raise Uncertain("a root of a negative number")
    if q < 0:  # |u|^q <= (c|x|)^q where |u| >= c|x|
        return Lim(Iv.ball(arb(0)), fast=False, term=_ZERO.term, poly_rate=a.growth == "lin")
    if q.denominator == 1:
        return Lim(sign=a.sign ** q.numerator, growth=a.growth)
    return Lim(sign=1, growth="poly" if a.growth in ("lin", "poly") else "big")


def _function(name: str, a: Lim) -> Lim:
    f = FUNCTIONS[name]
    if a.finite:  # f is continuous on its domain: lim f(u) = f(lim u)
        return Lim(f.image(a.value), a.fast, term=a.term and ("fn", name, a.term), poly_rate=a.tame)
    end = f.limits[0 if a.sign < 0 else 1]
    if end is None:
        raise Uncertain(f"{name} has no limit at {'-oo' if a.sign < 0 else 'oo'}")
    if isinstance(end, int) and name in LOGARITHMIC and a.growth in ("log", "lin", "poly"):
        return Lim(sign=end, growth="log")
    if isinstance(end, int):  # an infinite limit: at most polynomial growth for a slow function
        slow = REGISTRY[name].slow and a.growth in ("lin", "poly")
        return Lim(sign=end, growth="poly" if slow else "big")
    return Lim(Iv.ball(ball(end)), fast=REGISTRY[name].fast and a.growth == "lin", term=end)

"""What the kernel trusts about each one-argument function: domain, enclosure, derivative, exact values.

One record per function of :mod:`symact.functions` the kernel knows; f(0), the natural domains of the inverse
functions, and the monotonicity and limits at +-oo of the functions monotone on R are read from there (and
checked against the definitions by ``tests/test_functions.py``).  Each fact is standard analysis and is checked
against its definition by ``tests/test_kernel.py`` (monotonicity and limits against mpmath on a grid, the derivative against a difference
quotient, the domain against mpmath's real/complex result):

* ``domain``: the open condition on the argument u for the function to be defined (None: all reals;
  "positive": u > 0; "lambertw": u >= -1/e, treated as u > -1/e for derivatives; "interval": the rational
  interval ``interval``);
* ``interval``: for the inverse functions asin, acos ([-1, 1]), atanh ((-1, 1)) and acosh ([1, oo)), the
  natural domain (lo, hi, lo_closed, hi_closed): f(u) is defined exactly for u in it, differentiable exactly
  for u inside its interior; the image raises :class:`Uncertain` unless the argument certainly lies in it;
* ``image``: the enclosure of f(u) for u in an interval (monotone functions map ends to ends; their limits at
  +-oo are not attained, so those ends are open);
* ``derivative(u)``: f'(u) as a term (the chain rule multiplies by u');
* ``exact``: exact rational values at rational points (f(0) = 0 or 1), used for exact zero tests.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from flint import arb

from symact.functions import REGISTRY
from symact.kernel import ivals
from symact.kernel.ivals import Iv, Uncertain
from symact.kernel.terms import fn, mul, num, power, add, neg


def _sincos(a: Iv, f: Callable[[arb], arb]) -> Iv:
    if a.lo is None or a.hi is None or (a.hi - a.lo) > 100:
        return Iv(arb(-1), arb(1))
    ball = Iv.ball(f(a.as_ball()))  # a wide ball's enclosure may pass +-1: the values never do
    return Iv(ball.lo if ball.lo > -1 else arb(-1), ball.hi if ball.hi < 1 else arb(1))


def _monotone(name: str) -> Callable[[Iv], Iv]:
    """The image under a function monotone on R whose limits at -oo and +oo are integers or infinite, from its
    facts in :mod:`symact.functions` (the limits are not attained: those ends are open)."""
    f = REGISTRY[name]
    ends = [arb(v) if isinstance(v, int) else None for v in f.limits]
    image = ivals.increasing if f.monotone > 0 else ivals.decreasing
    return lambda a: image(a, f.arb, *ends)


def _cosh(a: Iv) -> Iv:
    return ivals.increasing(ivals.absolute(a), lambda v: v.cosh(), None, None)


def _lambertw(a: Iv) -> Iv:
    if a.lo is None or not (a.lo >= -arb(-1).exp()):
        raise Uncertain("lambertw argument may be below -1/e")
    return ivals.increasing(a, lambda v: v.lambertw(), None, None)


@dataclass(frozen=True)
class Function:
    name: str
    domain: str | None
    image: Callable[[Iv], Iv]
    derivative: Callable[[tuple], tuple]

    @property
    def zero_value(self) -> Fraction | None:
        """f(0) when it is rational."""
        return REGISTRY[self.name].zero

    @property
    def interval(self) -> tuple | None:
        """The natural domain (lo, hi, lo_closed, hi_closed) of the inverse functions; None: see ``domain``."""
        return REGISTRY[self.name].domain if self.domain == "interval" else None


def _log_image(a: Iv) -> Iv:
    if not a.positive():
        raise Uncertain("log of a value that may be <= 0")
    lo = None if a.lo == 0 else a.lo.log().lower()
    hi = None if a.hi is None else a.hi.log().upper()
    return Iv(lo, hi, a.lo_open or lo is None, a.hi_open or hi is None)


_HALF_PI = arb.pi() / 2


def inside(a: Iv, interval: tuple, open_: bool = False) -> bool:
    """Whether every element of a certainly lies in the interval (``open_``: in its interior)."""
    lo, hi, lo_closed, hi_closed = interval
    if lo is not None:
        edge = arb(lo)  # interval ends are integers: exact balls
        if a.lo is None or not (a.lo > edge or (a.lo == edge and ((lo_closed and not open_) or a.lo_open))):
            return False
    if hi is not None:
        edge = arb(hi)
        if a.hi is None or not (a.hi < edge or (a.hi == edge and ((hi_closed and not open_) or a.hi_open))):
            return False
    return True


def outside(a: Iv, interval: tuple) -> bool:
    """Whether every element of a certainly lies outside the interval."""
    lo, hi, lo_closed, hi_closed = interval
    below = lo is not None and a.hi is not None and (a.hi < lo or (a.hi == lo and (a.hi_open or not lo_closed)))
    above = hi is not None and a.lo is not None and (a.lo > hi or (a.lo == hi and (a.lo_open or not hi_closed)))
    return below or above


def _inverse_image(interval: tuple, f: Callable[[arb], arb], up: bool):
    """The image of a function monotone on its natural domain (increasing when ``up``); at an open end of the
    domain it has a pole (atanh at +-1), so that end maps to an infinite end."""
    def at(v, pole):
        if v is None or pole:
            return None
        out = f(v)
        if not out.is_finite():
            raise Uncertain("a value is not finite")
        return out

    def image(a: Iv) -> Iv:
        if not inside(a, interval):
            raise Uncertain("an argument that may lie outside the function's domain")
        lo = at(a.lo, not interval[2] and a.lo is not None and a.lo == interval[0])
        hi = at(a.hi, not interval[3] and a.hi is not None and a.hi == interval[1])
        if up:
            return Iv(None if lo is None else lo.lower(), None if hi is None else hi.upper(),
                      a.lo_open or lo is None, a.hi_open or hi is None)
        return Iv(None if hi is None else hi.lower(), None if lo is None else lo.upper(),
                  a.hi_open or hi is None, a.lo_open or lo is None)
    return image

FUNCTIONS: dict[str, Function] = {f.name: f for f in [
    Function("exp", None, _monotone("exp"), lambda u: fn("exp", u)),
    Function("log", "positive", _log_image, lambda u: power(u, -1)),
    Function("sin", None, lambda a: _sincos(a, arb.sin), lambda u: fn("cos", u)),
    Function("cos", None, lambda a: _sincos(a, arb.cos), lambda u: neg(fn("sin", u))),
    Function("tanh", None, _monotone("tanh"),
             lambda u: add(num(1), neg(power(fn("tanh", u), 2)))),
    Function("sinh", None, _monotone("sinh"), lambda u: fn("cosh", u)),
    Function("cosh", None, _cosh, lambda u: fn("sinh", u)),
    Function("atan", None, lambda a: ivals.increasing(a, arb.atan, (-_HALF_PI).lower(), _HALF_PI.upper()),
             lambda u: power(add(num(1), power(u, 2)), -1)),
    Function("asinh", None, _monotone("asinh"),
             lambda u: power(add(num(1), power(u, 2)), Fraction(-1, 2))),
    Function("erf", None, _monotone("erf"),
             lambda u: mul(num(2), power(("const", "pi"), Fraction(-1, 2)), fn("exp", neg(power(u, 2))))),
    Function("erfc", None, _monotone("erfc"),
             lambda u: mul(num(-2), power(("const", "pi"), Fraction(-1, 2)), fn("exp", neg(power(u, 2))))),
    # W'(u) = exp(-W(u)) / (1 + W(u)) for u > -1/e
    Function("lambertw", "lambertw", _lambertw,
             lambda u: mul(fn("exp", neg(fn("lambertw", u))), power(add(num(1), fn("lambertw", u)), -1))),
    Function("asin", "interval", _inverse_image(REGISTRY["asin"].domain, arb.asin, True),
             lambda u: power(add(num(1), neg(power(u, 2))), Fraction(-1, 2))),
    Function("acos", "interval", _inverse_image(REGISTRY["acos"].domain, arb.acos, False),
             lambda u: neg(power(add(num(1), neg(power(u, 2))), Fraction(-1, 2)))),
    Function("atanh", "interval", _inverse_image(REGISTRY["atanh"].domain, arb.atanh, True),
             lambda u: power(add(num(1), neg(power(u, 2))), -1)),
    Function("acosh", "interval", _inverse_image(REGISTRY["acosh"].domain, arb.acosh, True),
             lambda u: power(add(power(u, 2), num(-1)), Fraction(-1, 2))),
]}

"""An mpmath mirror of the claims, written independently of symact (nothing here imports symact).

Every case of the soundness suite carries its two sides as Python lambdas over the functions below.  They follow
the real-line semantics of issue 11: an expression is undefined where a denominator is 0, a log argument <= 0, a
square-root argument < 0, a real power has a negative base, a Piecewise has no branch, or a derivative does not
exist (a kink or a jump).  Undefined points raise :class:`Undefined`; a claim "for all real x" is false at such
a point.

Constants are written as decimal or ``p/q`` strings and converted at the working precision (:func:`num`), so the
same lambda can be evaluated at 60 and at 100+ digits: :func:`check_case` uses the two evaluations to tell a
real violation (stable across precisions) from rounding noise.

Activation definitions are the standard ones (PyTorch's conventions at default parameters, as symact's README
states them): sigmoid 1/(1+e^-x), softplus log(1+e^(beta x))/beta, silu x sigmoid(beta x), gelu x Phi(x),
gelu_tanh with 0.044715, mish x tanh(softplus x), elu/celu/selu, the rectifiers and the shrink functions.
Derivatives are written by hand (``d_*``) with the kinks undefined; tests/soundness/test_soundness.py checks
each against mpmath's numerical derivative away from its kinks.
"""
from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Callable

import mpmath
from mpmath import mp, mpf

__all__ = ["Undefined", "num", "point"]


class Undefined(ArithmeticError):
    """The expression has no real value at this point."""


# -- numbers -------------------------------------------------------------------------------------------------------

def num(text: str | int | Fraction) -> mpf:
    """An exact decimal / ``p/q`` / integer constant at the current precision ("1e-310", "11/48", "0.5")."""
    if isinstance(text, Fraction):
        return mpf(text.numerator) / text.denominator
    if isinstance(text, int):
        return mpf(text)
    if "/" in text:
        p, q = text.split("/")
        return mpf(p) / mpf(q)
    return mpf(text)


def point(x: str | int | Fraction | Callable[[], mpf]) -> mpf:
    """A grid point or witness at the current precision (a callable for points like pi/2 or a findroot result)."""
    return x() if callable(x) else num(x)


def const(text: str) -> Callable[[mpf], mpf]:
    """The lambda of a constant side: ``const("0.999999999")``."""
    return lambda x: num(text)


# -- partial elementary functions ----------------------------------------------------------------------------------

def div(a, b):
    if b == 0:
        raise Undefined("division by zero")
    return a / b


def log(u):
    if u <= 0:
        raise Undefined(f"log of {mpmath.nstr(u, 5)} <= 0")
    return mp.log(u)


def sqrt(u):
    if u < 0:
        raise Undefined(f"sqrt of {mpmath.nstr(u, 5)} < 0")
    return mp.sqrt(u)


def rpow(base, p: str):
    """base**p for a non-integer rational exponent p: needs base >= 0 (and base > 0 when p < 0)."""
    e = num(p)
    if base < 0 or (base == 0 and e < 0):
        raise Undefined(f"{mpmath.nstr(base, 5)}**{p} is not real")
    return mpf(0) if base == 0 else mp.power(base, e)


def ipow(base, n: int):
    """base**n for an integer n (0**n undefined for n < 0)."""
    if n < 0:
        return div(1, base ** (-n))
    return base ** n


def asin(u):
    if abs(u) > 1:
        raise Undefined("asin outside [-1, 1]")
    return mp.asin(u)


def acos(u):
    if abs(u) > 1:
        raise Undefined("acos outside [-1, 1]")
    return mp.acos(u)


def real_power(base, e):
    """base**e for a real exponent e: base > 0, or base = 0 with e > 0 (0**0 = 1), or base < 0 with an integer e."""
    if e == int(e):
        return ipow(base, int(e))
    if base < 0 or (base == 0 and e < 0):
        raise Undefined(f"{mpmath.nstr(base, 5)}**{mpmath.nstr(e, 5)} is not real")
    return mpf(0) if base == 0 else mp.power(base, e)


def acosh(u):
    if u < 1:
        raise Undefined("acosh below 1")
    return mp.acosh(u)


def atanh(u):
    if abs(u) >= 1:
        raise Undefined("atanh outside (-1, 1)")
    return mp.atanh(u)


exp, sin, cos, atan = mp.exp, mp.sin, mp.cos, mp.atan
sinh, cosh, tanh, erf, erfc = mp.sinh, mp.cosh, mp.tanh, mp.erf, mp.erfc
pi = lambda: +mp.pi  # noqa: E731  (the value at the current precision)


def Abs(u):
    return abs(u)


def sign(u):
    return mpf(0) if u == 0 else mpf(1 if u > 0 else -1)


def heaviside(u, h0: str = "1/2"):
    """SymPy's Heaviside: H(0) = 1/2 unless given."""
    return num(h0) if u == 0 else mpf(1 if u > 0 else 0)


def undefined(why: str):
    raise Undefined(why)


def Max(*a):
    return max(a)


def Min(*a):
    return min(a)


# -- activations (names and parameters as symact's catalog spells them) ----------------------------------------

def Phi(x):
    """The standard normal distribution function."""
    return (1 + erf(x / mp.sqrt(2))) / 2


def phi(x):
    return exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def sigmoid(x):
    return 1 / (1 + exp(-x))


def softplus(x, beta="1"):
    b = num(beta)
    return mp.log1p(exp(b * x)) / b   # log1p: no spurious log(1) = 0 far left


def logsigmoid(x):
    return -mp.log1p(exp(-x))


def silu(x, beta="1"):
    return x * sigmoid(num(beta) * x)


def gelu(x):
    return x * Phi(x)


def gelu_tanh(x):
    return x / 2 * (1 + tanh(mp.sqrt(2 / mp.pi) * (x + num("0.044715") * x ** 3)))


def mish(x):
    return x * tanh(softplus(x))


def softsign(x):
    return x / (1 + abs(x))


def tanhshrink(x):
    return x - tanh(x)


def relu(x):
    return mpf(0) if x < 0 else x


def relu6(x):
    return mpf(0) if x < 0 else (x if x < 6 else mpf(6))


def leaky_relu(x, alpha="0.01"):
    return num(alpha) * x if x < 0 else x


def prelu(x, alpha="0.25"):
    return leaky_relu(x, alpha)


def rrelu(x, lower="1/8", upper="1/3"):
    return (num(lower) + num(upper)) / 2 * x if x < 0 else x


def elu(x, alpha="1"):
    a = num(alpha)
    return a * (exp(x) - 1) if x < 0 else x


SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"


def selu(x):
    return num(SELU_SCALE) * elu(x, SELU_ALPHA)


def celu(x, alpha="1"):
    a = num(alpha)
    return a * (exp(x / a) - 1) if x < 0 else x


def hardtanh(x, min_val="-1", max_val="1"):
    lo, hi = num(min_val), num(max_val)
    return lo if x < lo else (x if x < hi else hi)


def hardsigmoid(x):
    return mpf(0) if x < -3 else (x / 6 + mpf(1) / 2 if x < 3 else mpf(1))


def hardswish(x):
    return mpf(0) if x < -3 else (x * (x + 3) / 6 if x < 3 else x)


def softshrink(x, lambd="1/2"):
    lam = num(lambd)
    return x + lam if x < -lam else (mpf(0) if x <= lam else x - lam)


def hardshrink(x, lambd="1/2"):
    lam = num(lambd)
    return x if abs(x) > lam else mpf(0)


def binary_step(x):
    return mpf(0) if x < 0 else mpf(1)


# -- derivatives, written by hand (undefined where the difference quotient does not converge) -----------------------

def kink(x, at, left, right):
    """The derivative of a piecewise function at x, given the formulas on each side of the break point ``at``:
    ``left(x)`` for x < at, ``right(x)`` for x > at; at ``at`` itself it exists only if the function is
    continuous there (the caller's duty: pass only continuous breaks) and both one-sided values agree."""
    a = num(at) if isinstance(at, str) else at
    if x < a:
        return left(x)
    if x > a:
        return right(x)
    lv, rv = left(x), right(x)
    if lv != rv:
        raise Undefined(f"kink at {at}: left derivative {mpmath.nstr(lv, 8)}, right {mpmath.nstr(rv, 8)}")
    return lv


def jump(x, at):
    raise Undefined(f"jump at {at}: no derivative")


def d_sigmoid(x):
    s = sigmoid(x)
    return s * (1 - s)


def d_tanh(x):
    return 1 - tanh(x) ** 2


def d_softplus(x, beta="1"):
    return sigmoid(num(beta) * x)


def d_silu(x, beta="1"):
    b = num(beta)
    s = sigmoid(b * x)
    return s + b * x * s * (1 - s)


def d_gelu(x):
    return Phi(x) + x * phi(x)


def d_mish(x):
    sp_ = softplus(x)
    return tanh(sp_) + x * (1 - tanh(sp_) ** 2) * sigmoid(x)


def d_abs(x):
    return kink(x, "0", lambda t: mpf(-1), lambda t: mpf(1))


def d_relu(x):
    return kink(x, "0", lambda t: mpf(0), lambda t: mpf(1))


def d_leaky_relu(x, alpha="0.01"):
    return kink(x, "0", lambda t: num(alpha), lambda t: mpf(1))


def d_elu(x, alpha="1"):
    return kink(x, "0", lambda t: num(alpha) * exp(t), lambda t: mpf(1))


def d_celu(x, alpha="1"):
    return kink(x, "0", lambda t: exp(t / num(alpha)), lambda t: mpf(1))


def d_selu(x):
    return num(SELU_SCALE) * d_elu(x, SELU_ALPHA)


def d_hardtanh(x):
    if x < 0:
        return kink(x, "-1", lambda t: mpf(0), lambda t: mpf(1))
    return kink(x, "1", lambda t: mpf(1), lambda t: mpf(0))


def d_relu6(x):
    if x < 3:
        return kink(x, "0", lambda t: mpf(0), lambda t: mpf(1))
    return kink(x, "6", lambda t: mpf(1), lambda t: mpf(0))


def d_hardsigmoid(x):
    if x < 0:
        return kink(x, "-3", lambda t: mpf(0), lambda t: mpf(1) / 6)
    return kink(x, "3", lambda t: mpf(1) / 6, lambda t: mpf(0))


def d_hardswish(x):
    if x < 0:
        return kink(x, "-3", lambda t: mpf(0), lambda t: (2 * t + 3) / 6)
    return kink(x, "3", lambda t: (2 * t + 3) / 6, lambda t: mpf(1))


def d_softshrink(x, lambd="1/2"):
    lam = num(lambd)
    if x < 0:
        return kink(x, -lam, lambda t: mpf(1), lambda t: mpf(0))
    return kink(x, lam, lambda t: mpf(0), lambda t: mpf(1))


def d_hardshrink(x, lambd="1/2"):
    lam = num(lambd)
    if abs(x) == lam:
        jump(x, f"+-{lambd}")
    return mpf(1) if abs(x) > lam else mpf(0)


def d_step(x):
    """Derivative of binary_step, sign or Heaviside: 0 except at the jump at 0."""
    if x == 0:
        jump(x, "0")
    return mpf(0)


# -- checking a case -----------------------------------------------------------------------------------------------

def _sides(case, x, dps):
    """(lhs, rhs) at ``x`` with ``dps`` digits, or the Undefined raised."""
    with mp.workdps(dps):
        t = point(x)
        if case.domain is not None and not case.domain(t):
            raise AssertionError(f"{x} is outside the claim's domain")
        try:
            return case.lhs(t), case.rhs(t)
        except Undefined as u:
            return u
        except ZeroDivisionError as z:  # mpmath's own division by zero counts as undefined too
            return Undefined(str(z))


def _violates(op: str, d, strict_tie_counts: bool) -> bool:
    """Does the difference d = lhs - rhs violate ``lhs op rhs``?  A tie (d == 0) violates a strict relation only
    when ``strict_tie_counts`` (an exact tie at an exact point)."""
    if op == "==":
        return d != 0
    if op == "!=":
        return d == 0 and strict_tie_counts
    if op in ("<=", "<"):
        return d > 0 or (op == "<" and d == 0 and strict_tie_counts)
    return d < 0 or (op == ">" and d == 0 and strict_tie_counts)


def _stable(d1, d2) -> bool:
    """The two evaluations agree (a real difference, not rounding noise)."""
    if d1 == 0 or d2 == 0:
        return d1 == d2
    return abs(d1 - d2) <= abs(d2) / 1000


#: how many times :func:`decide` doubles the working precision of a point before it gives up
RAISES = 4


def _where(x) -> str:
    return x if not callable(x) else _show(point_at(x))


def _show(v) -> str:
    """A short decimal of an mpf of any precision (nstr of a 5000-digit mantissa hits Python's int-to-str limit)."""
    with mp.workdps(20):
        return mpmath.nstr(+v, 10)


def decide(case, x, ties: bool) -> tuple[str, object] | None:
    """Does the claim fail at ``x``?  None if it holds there, else ``(why, lhs - rhs)`` (``(why, None)`` where a side
    is undefined).  ``ties``: a tie is an exact tie, so it violates a strict relation.

    At p digits (p = the case's dps, then doubled up to :data:`RAISES` times) the point is decided when the claim
    holds at p digits, or by the evaluation at 3p digits: it fails when both are undefined, or when the difference
    is stable across the two and an exact tie or above the floor 10^(-2p); it holds when the difference at 3p
    digits no longer violates the claim, or changed and shrank below the floor (rounding noise).  A stable
    difference below the floor may be a real gap or what is left of O(1) terms cancelling (sigmoid(-1000) against
    (1 + tanh(-500))/2 computes 0 at 60 and at 180 digits); it, a difference that changed but stays above the
    floor, and a side defined at one precision only raise the precision.  A point still undecided at the last one
    is an AssertionError that asks for a higher stated dps (never a silent pass).  The floor takes intermediate
    values below 10^p in magnitude: sinh(-1000) + cosh(-1000) (terms near 10^434) loses e^-1000 at 720 digits
    in a stable way, so such cases bound their grid with xmax.  The same procedure decides a
    false case at its witness and a true case at its points, so a flipped label is always caught."""
    p = case.dps
    for _ in range(RAISES + 1):
        r1 = _sides(case, x, p)
        if not isinstance(r1, Undefined) and not _violates(case.op, r1[0] - r1[1], ties):
            return None
        r2 = _sides(case, x, 3 * p)
        if isinstance(r1, Undefined) and isinstance(r2, Undefined):
            return f"undefined at x = {_where(x)}: {r2}", None
        if not isinstance(r1, Undefined) and not isinstance(r2, Undefined):
            d1, d2 = r1[0] - r1[1], r2[0] - r2[1]
            above = d2 == 0 or abs(d2) > mpf(10) ** (-2 * p)
            if not _violates(case.op, d2, ties) or not _stable(d1, d2) and not above:
                return None
            if _stable(d1, d2) and above:
                return f"fails at x = {_where(x)}: lhs - rhs = {_show(d2)} ({p} digits)", d2
        p *= 2
    raise AssertionError(f"{case.id}: undecided at x = {_where(x)} up to {p // 2} and {3 * p // 2} digits "
                         f"({_account(r1)}; {_account(r2)}): state a higher dps (or bound the grid with xmax)")


def _account(r) -> str:
    return str(r) if isinstance(r, Undefined) else f"lhs - rhs = {_show(r[0] - r[1])}"


def witness_failure(case) -> str:
    """Why the claim fails at the case's witness (raises AssertionError if it does not: it holds there, or an exact
    tie was expected and the difference is not 0)."""
    failure = decide(case, case.witness, case.exact)
    assert failure is not None, f"{case.id}: the claim holds at the witness x = {case.witness}"
    why, d = failure
    if case.exact and d is not None:
        assert d == 0, f"{case.id}: an exact tie was expected at x = {case.witness}: {why}"
    return why


#: the grid every true claim is checked on (plus the case's own points): exact decimals and multiples of pi
GRID: tuple = tuple(
    [Fraction(k, 4) for k in range(-160, 161)]                                  # [-40, 40] step 1/4
    + [Fraction(k, 64) for k in range(-64, 65) if k % 16]                      # near 0
    + [s * Fraction(10) ** e for e in range(-40, 9) for s in (1, -1)]          # 1e-40 .. 1e8, both signs
    + [s * Fraction(3, 2) * Fraction(10) ** e for e in range(-9, 4) for s in (1, -1)]
    + [Fraction(k * 7919 % 20011 - 10005, 97) for k in range(1, 120)]          # scattered in [-103, 103]
    + [Fraction(1) + s * Fraction(10) ** -e for e in (3, 9, 20, 40) for s in (1, -1)]
    + [(lambda k=k: k * mp.pi / 4) for k in range(-24, 25) if k]
)


def first_failure(case) -> str | None:
    """The first of the case's own points, then of the grid points, where a claim said to be true fails, as
    :func:`decide` finds it (a tie counts against a strict relation only at the case's own points of an ``exact``
    case), or None.  This is a necessary check; the case's ``why`` carries the proof."""
    pts = [p for p in GRID if case.xmax is None or abs(float(point_at(p))) <= case.xmax]
    for x, ties in [(x, case.exact) for x in case.points] + [(x, False) for x in pts]:
        if case.domain is not None:
            with mp.workdps(case.dps):
                if not case.domain(point(x)):
                    continue
        failure = decide(case, x, ties)
        if failure is not None:
            return failure[0]
    return None


def check_case(case) -> str:
    """Verify the case's ground truth with mpmath; returns a one-line account, raises AssertionError if wrong."""
    if case.truth_check is not None:   # a limit claim: its own argument along sequences (soundness_hunt.py)
        return case.truth_check(case)
    if case.truth:
        bad = first_failure(case)
        assert bad is None, f"{case.id} is said to be true but {bad}"
        return "holds at every grid point checked"
    account = witness_failure(case)
    if case.op == "!=":  # false for some x as well: the two sides agree on the whole grid
        bad = first_failure(dataclasses.replace(case, op="=="))
        assert bad is None, f"{case.id}: the sides differ somewhere, so '!=' holds for some x: {bad}"
    return account


def point_at(x) -> mpf:
    with mp.workdps(30):
        return point(x)

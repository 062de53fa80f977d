"""The branch table: for each catalog family, a partition of the real line into ranges and, on each range, a
formula that neither cancels nor overflows there.

A :class:`Branch` is data: its range (rational ends, ``None`` for an infinite end), its formula (a SymPy
expression in x with the parameter values substituted) and its kind: ``exact`` (the formula *is* the function
on the range; :mod:`symact.implement.proving` asks the kernel to prove the identity), ``bound`` (the formula is
within ``bound`` of the function on the range: a truncated series, or 0 where the function is below half the
smallest float64 subnormal; the kernel is asked to prove the bound) or ``convention`` (the value a framework
uses at a kink, where the derivative does not exist: nothing to prove, and the module says so).

The table (:data:`FAMILIES`) has rows for sigmoid, tanh, logsigmoid, softplus, silu, mish, gelu, gelu_tanh,
elu, selu, celu, tanhshrink and softsign; every Piecewise entry gets its pieces; any other entry gets its
expression as written on one branch (:func:`as_written`), which the module states (``--expr``: its pieces, or
the forms of :mod:`symact.implement.stable`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import sympy as sp

from symact.catalog.registry import X

#: |value| <= this rounds to 0 in float64 (below half the smallest subnormal, 2**-1075 ~ 2.5e-324);
#: unevaluated, so that the claim reads 10**(-324)
UNDERFLOW = sp.Pow(10, -324, evaluate=False)


#: where a description states the error measured on the branch's range, before it is measured on the final range
#: (:func:`symact.implement.stable.stated`)
MEASURED = "[the measurement on the final range]"


@dataclass(frozen=True, eq=False)
class Measured:
    """What the measurement a branch's description states needs: ``of``, the expression whose certified reference
    it is measured against; ``other``, the formula whose error the description states beside the branch's own (the
    expression as written; for a Taylor branch, the formula it replaced); the sample inputs ``xs`` and the
    reference ``want`` there (None: not computed in time) of the range ``ends`` (lo, hi, lo closed, hi closed)
    they were taken for; ``taylor``: stated as a Taylor branch's (:mod:`symact.implement.taylor`); ``largest``: the
    largest finite input of the module's dtype, beyond which no sample input is taken
    (:mod:`symact.implement.stable`); ``lost``: sample inputs (of any range) where the reference certified no value,
    left out of ``xs`` and counted where the description states the measurement."""

    of: sp.Expr
    other: sp.Expr
    xs: np.ndarray
    want: np.ndarray | None
    ends: tuple
    taylor: bool = False
    largest: float = np.inf
    lost: np.ndarray = field(default_factory=lambda: np.empty(0))


@dataclass(frozen=True)
class Branch:
    """``formula`` on the range (lo, hi) with the given closed ends; ``kind`` in exact, bound, convention,
    ``limit`` (lo = hi = oo or -oo, and ``formula`` is the limit of the function there: the value at that
    infinite input), ``undefined`` (NaN at a point the kernel proved undefined) or ``outside`` (NaN on a range
    where a part's argument is outside its domain: ``bound`` holds that relation, the branch's claim);
    ``expm1`` False: c exp(u) - c is printed as written, not as c expm1(u) (a range where exp is the cheaper and
    the cancellation costs a float32 or 16-bit result nothing); ``written``: (an exact formula, its description)
    for a form chosen by measurement (:mod:`symact.implement.stable`: the function as written), which takes the
    branch's place where the kernel does not prove the form's claim (:meth:`symact.implement.plan.Plan.prove`); a
    third element is that formula's own ``written`` (a chain: the runners-up of the measurement, then the function
    as written); or the branches that do (a Taylor branch, :mod:`symact.implement.taylor`: the branch it replaced,
    on its range; of a high degree: the next smaller ball's and the formula beyond it); ``measured``: where the
    description states a measured error (it then holds :data:`MEASURED` until
    :func:`symact.implement.stable.stated` writes the measurement on the branch's final range in its place), what
    that measurement needs (:class:`Measured`)."""

    lo: sp.Rational | None
    hi: sp.Rational | None
    lo_closed: bool
    hi_closed: bool
    formula: sp.Expr
    why: str
    kind: str = "exact"
    bound: sp.Expr | None = None
    expm1: bool = True
    written: tuple | None = None
    measured: Measured | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        for end in ("lo", "hi"):
            value = getattr(self, end)
            if value is not None and not sp.sympify(value).is_infinite:
                object.__setattr__(self, end, sp.Rational(value))
        object.__setattr__(self, "formula", sp.sympify(self.formula, strict=True))

    def domain_text(self) -> str:
        """The range in the language of ``symact check``'s ``for ...`` (empty for all of R)."""
        lo_op, hi_op = ("<=" if self.lo_closed else "<"), ("<=" if self.hi_closed else "<")
        if self.lo is not None and self.lo == self.hi:  # a point (a limit's: oo or -oo)
            return f"x == {self.lo}"
        if self.lo is None and self.hi is None:
            return ""
        if self.lo is None:
            return f"x {hi_op} {self.hi}"
        if self.hi is None:
            return f"x {'>=' if self.lo_closed else '>'} {self.lo}"
        return f"{self.lo} {lo_op} x {hi_op} {self.hi}"

    def contains(self, point: sp.Rational) -> bool:
        """Whether ``point`` is in the range."""
        return ((self.lo is None or self.lo < point or self.lo == point and self.lo_closed)
                and (self.hi is None or point < self.hi or self.hi == point and self.hi_closed))

    def holds(self, xs: np.ndarray) -> np.ndarray:
        """Which of ``xs`` lie in the range."""
        lo, hi = (-np.inf if self.lo is None else float(self.lo)), (np.inf if self.hi is None else float(self.hi))
        return ((xs > lo) | self.lo_closed & (xs == lo)) & ((xs < hi) | self.hi_closed & (xs == hi))

    def ends(self) -> tuple:
        """(lo, hi, lo closed, hi closed)."""
        return self.lo, self.hi, self.lo_closed, self.hi_closed

    def inner_point(self) -> sp.Rational:
        """A point of the range (where the formula is evaluated for inputs outside it)."""
        if self.lo is None and self.hi is None:
            return sp.Integer(0)
        if self.lo is None:
            return self.hi - 1
        if self.hi is None:
            return self.lo + 1
        return (self.lo + self.hi) / 2


def whole(formula, why: str) -> list[Branch]:
    return [Branch(None, None, False, False, formula, why)]


def split(at, left, right, why_left: str, why_right: str) -> list[Branch]:
    """``left`` on x < at, ``right`` on x >= at."""
    return [Branch(None, at, False, False, left, why_left), Branch(at, None, True, False, right, why_right)]


def underflow_left(at, branches: list[Branch]) -> list[Branch]:
    """0 on x <= at (the function is below :data:`UNDERFLOW` there: a bound the kernel is asked to prove), then
    ``branches`` with their first range cut at ``at``."""
    first = branches[0]
    rest = [Branch(at, first.hi, False, first.hi_closed, first.formula, first.why)] + branches[1:]
    return [Branch(None, at, False, True, sp.Integer(0), "below 1e-324 in absolute value: its float64 rounding is 0",
                   "bound", UNDERFLOW)] + rest


def settles_right(at, value, branches: list[Branch]) -> list[Branch]:
    """``value`` on x >= at (the function is within :data:`UNDERFLOW` of it there, so ``value``, a float there,
    is the correctly rounded result: a bound the kernel is asked to prove), after ``branches`` cut at ``at``."""
    last = branches[-1]
    rest = branches[:-1] + [Branch(last.lo, at, last.lo_closed, False, last.formula, last.why)]
    return rest + [Branch(at, None, True, False, value,
                          "within 1e-324 of this value, so this value is its float64 rounding", "bound", UNDERFLOW)]


def covers_real_line(branches: list[Branch]) -> bool:
    """The ranges, in order, partition R (each end shared with exactly one closed side)."""
    if not branches or branches[0].lo is not None or branches[-1].hi is not None:
        return False
    for a, b in zip(branches, branches[1:]):
        if a.hi is None or a.hi != b.lo or a.hi_closed == b.lo_closed:
            return False
    return True


# -- the families ---------------------------------------------------------------------------------------------

E = sp.exp
LOG = sp.log
#: how a branch of a ``wide`` table (:data:`FAMILIES`) begins its description
WIDE = "one form for float64 arithmetic with a float32 or 16-bit result: "
#: a bound of a tail where the function is within it of x, |x| >= 40 (unevaluated: the claim reads 10**(-17)),
#: and why x is then the rounding: the distance is below 2.5e-19 |x|, far below half a float64 ulp of x
TINY = sp.Pow(10, -17, evaluate=False)
NEAR_X = "within 1e-17 of x, below 2.5e-19 |x| here: x is its rounding (one where-selection, no transcendental)"


def _sigmoid_of(u) -> tuple:
    """(form for u < 0, form for u >= 0) of 1/(1 + exp(-u)): exp never overflows in either."""
    return E(u) / (1 + E(u)), 1 / (1 + E(-u))


def _sigmoid(p, kinks, wide):
    left, right = _sigmoid_of(X)
    f = (whole(right, WIDE + "1/(1 + exp(-x)) on the whole line: 1/inf = 0 at the left") if wide else
         split(0, left, right, "exp(x)/(1 + exp(x)): exp(x) < 1, no overflow", "1/(1 + exp(-x)): no overflow"))
    df = split(0, E(X) / (1 + E(X)) ** 2, E(-X) / (1 + E(-X)) ** 2, "exp(x) <= 1: no overflow", "exp(-x) <= 1")
    return f, df


def _logsigmoid(p, kinks, wide):
    f = ([Branch(None, -40, False, True, X, NEAR_X, "bound", TINY),
          Branch(-40, None, False, False, -LOG(1 + E(-X)), WIDE + "-log1p(exp(-x)), exp(-x) < exp(40)")] if wide else
         split(0, X - LOG(1 + E(X)), -LOG(1 + E(-X)), "x - log1p(exp(x)): exp(x) < 1, no overflow",
               "-log1p(exp(-x)): log1p keeps tiny exp(-x)"))
    df = (whole(1 / (1 + E(X)), WIDE + "1/(1 + exp(x)) on the whole line: 1/inf = 0 at the right") if wide else
          split(0, 1 / (1 + E(X)), E(-X) / (1 + E(-X)), "1/(1 + exp(x))", "exp(-x)/(1 + exp(-x)): no overflow"))
    return f, df


def _softplus(p, kinks, wide):
    b = p["beta"]
    f = ([Branch(None, 40 / b, False, False, LOG(1 + E(b * X)) / b,
                 WIDE + "log1p(exp(beta x))/beta, exp(beta x) < exp(40)"),
          Branch(40 / b, None, True, False, X, NEAR_X.replace("1e-17", "1e-17/beta"), "bound", TINY / b)] if wide else
         split(0, LOG(1 + E(b * X)) / b, X + LOG(1 + E(-b * X)) / b,
               "log1p(exp(beta x))/beta: no overflow, log1p keeps tiny values",
               "x + log1p(exp(-beta x))/beta: no overflow of exp"))
    left, right = _sigmoid_of(b * X)
    df = (whole(right, WIDE + "1/(1 + exp(-beta x)) on the whole line: 1/inf = 0 at the left") if wide else
          split(0, left, right, "sigmoid(beta x), exp(beta x) < 1", "sigmoid(beta x), exp(-beta x) <= 1"))
    return f, df


def _silu(p, kinks, wide):
    b = p["beta"]
    left, right = _sigmoid_of(b * X)
    at = sp.Rational(-800) / b
    f = underflow_left(at, whole(X * right, WIDE + "x/(1 + exp(-beta x)): x/inf = -0 where exp overflows") if wide
                       else split(0, X * left, X * right, "x exp(beta x)/(1 + exp(beta x)): no overflow",
                                  "x/(1 + exp(-beta x)): no overflow"))
    dl = left + b * X * E(b * X) / (1 + E(b * X)) ** 2
    dr = right + b * X * E(-b * X) / (1 + E(-b * X)) ** 2
    df = settles_right(-at, sp.Integer(1), underflow_left(at, split(
        0, dl, dr, "s + beta x s (1 - s) with exp(beta x) < 1", "s + beta x s (1 - s) with exp(-beta x) <= 1")))
    return f, df


def _tanh(p, kinks, wide):
    f = whole(sp.tanh(X), "tanh(x)")
    df = split(0, 4 * E(2 * X) / (1 + E(2 * X)) ** 2, 4 * E(-2 * X) / (1 + E(-2 * X)) ** 2,
               "4 exp(2x)/(1 + exp(2x))**2: no cancellation of 1 - tanh(x)**2", "4 exp(-2x)/(1 + exp(-2x))**2")
    return f, df


def _mish(p, kinks, wide):
    # tanh(log(1 + e)) = n/(n + 2) with n = e (e + 2), e = exp(x): one exponential, no cancellation (n > 0); e**2
    # overflows from x = 355, so x itself from 40, where mish is within 1e-17 of it
    n = E(X) * (E(X) + 2)
    f = underflow_left(-800, [Branch(None, 40, False, False, X * n / (n + 2),
                                     WIDE + "x n/(n + 2), n = exp(x) (exp(x) + 2) < exp(81): tanh(log1p(exp(x))) "
                                            "without its cancellation-free but costly log1p and tanh"),
                              Branch(40, None, True, False, X, NEAR_X, "bound", TINY)] if wide else
                       whole(X * sp.tanh(LOG(1 + E(X))),
                             "x tanh(log1p(exp(x))): log1p keeps tiny exp(x); tanh(inf) = 1 for large x"))
    left_sp, right_sp = LOG(1 + E(X)), X + LOG(1 + E(-X))
    left = sp.tanh(left_sp) + X * E(X) / ((1 + E(X)) * sp.cosh(left_sp) ** 2)
    right = sp.tanh(right_sp) + X / ((1 + E(-X)) * sp.cosh(right_sp) ** 2)
    df = settles_right(800, sp.Integer(1), underflow_left(-800, split(
        0, left, right, "tanh(sp) + x sigmoid(x)/cosh(sp)**2, sp = log1p(exp(x)): no cancellation of 1 - tanh**2",
        "the same with sp = x + log1p(exp(-x)): no overflow")))
    return f, df


def _gelu(p, kinks, wide):
    r2 = sp.sqrt(2)
    left = sp.erfc(-X / r2, evaluate=False)  # SymPy would write erfc(-u) as 2 - erfc(u): the cancellation
    middle = (whole(X * left / 2, WIDE + "x erfc(-x/sqrt 2)/2: erfc(-x/sqrt 2) = 1 + erf(x/sqrt 2) in [1, 2] for "
                                         "x >= 0, no cancellation of 1 + erf for x < 0") if wide else
              split(0, X * left / 2, X - X * sp.erfc(X / r2) / 2, "x erfc(-x/sqrt 2)/2: no cancellation of 1 + erf",
                    "x - x erfc(x/sqrt 2)/2"))
    f = settles_right(40, X, underflow_left(-40, middle))
    d = left / 2 + X * E(-X ** 2 / 2) / sp.sqrt(2 * sp.pi)
    df = settles_right(40, sp.Integer(1), underflow_left(-40, whole(
        d, "Phi(x) + x phi(x) with Phi(x) = erfc(-x/sqrt 2)/2: no cancellation")))
    return f, df


def kink(at, left, right, kinks: dict) -> Branch:
    """The derivative at a switch point ``at`` with one-sided derivatives ``left`` and ``right``: an exact
    branch where they agree, else the framework's value from ``kinks`` (the right one if none is recorded), a
    convention."""
    if sp.sympify(left) == sp.sympify(right):
        return Branch(at, at, True, True, right, "the one-sided derivatives agree here")
    return Branch(at, at, True, True, sp.sympify(kinks.get(sp.Rational(at), right), strict=True),
                  "the framework's value at the kink (f' does not exist here)", "convention")


def _gelu_tanh(p, kinks, wide):
    """x (1 + tanh u)/2 = x sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x**3): no cancellation of 1 + tanh u."""
    c = sp.Rational(8943, 200000)
    u = sp.sqrt(2) * (X + c * X ** 3) / sp.sqrt(sp.pi)
    du = sp.sqrt(2) * (1 + 3 * c * X ** 2) / sp.sqrt(sp.pi)
    left, right = _sigmoid_of(2 * u)
    f = underflow_left(-30, whole(X * right, WIDE + "x/(1 + exp(-2u)): x/inf = -0 where exp overflows") if wide
                       else split(0, X * left, X * right, "x sigmoid(2u) with exp(2u) < 1: no cancellation",
                                  "x sigmoid(2u) with exp(-2u) <= 1"))
    dl = left + 2 * X * du * E(2 * u) / (1 + E(2 * u)) ** 2
    dr = right + 2 * X * du * E(-2 * u) / (1 + E(-2 * u)) ** 2
    df = settles_right(30, sp.Integer(1), underflow_left(-30, split(
        0, dl, dr, "s + 2 x u' s (1 - s), s = sigmoid(2u), exp(2u) < 1", "the same with exp(-2u) <= 1")))
    return f, df


def _elu_like(scale, alpha, rate, kinks):
    """scale * (alpha (exp(rate x) - 1) for x < 0, x for x >= 0): expm1 on the left."""
    f = split(0, scale * alpha * (E(rate * X) - 1), scale * X, "alpha expm1(x): no cancellation near 0", "x")
    df = [Branch(None, 0, False, False, scale * alpha * rate * E(rate * X), "alpha exp(x)"),
          kink(0, scale * alpha * rate, scale, kinks),
          Branch(0, None, False, False, scale, "constant")]
    return f, df


def _elu(p, kinks, wide):
    return _elu_like(1, p["alpha"], 1, kinks)


#: the JAX table of elu-like entries (:data:`JAX_FAMILIES`): x < 0 splits at -2**-20 (times alpha for celu)
ELU_TAYLOR_RADIUS = sp.Rational(1, 2 ** 20)


def _elu_like_jax(scale, alpha, rate, kinks):
    """scale * (alpha (exp(rate x) - 1) for x < 0, x for x >= 0) for float64 arithmetic on XLA with a float32 or
    16-bit result (XLA's float64 expm1 costs a third more than its exp, measured on CPU), with t = rate x:
    exp(t) - 1 for t < -2**-20 (exp's error, below 2**-52, is below 2**-32 of |exp(t) - 1| > 2**-20 (1 - 2**-21)
    there, far below half a float32 ulp), its Taylor polynomial t + t**2/2 on [-2**-20, 0) (within |t|**3/5,
    below 2**-42 of the value: the kernel is asked to prove that bound), scale x for x >= 0; f' as on the other
    targets."""
    c, r, t = scale * alpha, ELU_TAYLOR_RADIUS / rate, rate * X
    f = [Branch(None, -r, False, False, c * (E(t) - 1),
                WIDE + "scale alpha (exp(t) - 1), t = rate x: exp costs less than expm1, its cancellation below "
                       "2**-32 here", expm1=False),
         Branch(-r, 0, True, False, c * (t + t ** 2 / 2),
                "Taylor polynomial of degree 2 of scale alpha expm1(t): exp(t) - 1 cancels near 0", "bound",
                sp.Abs(c) * -t ** 3 / 5),
         Branch(0, None, True, False, scale * X, "scale x")]
    return f, _elu_like(scale, alpha, rate, kinks)[1]


def _selu(p, kinks, wide):
    return _elu_like(p["scale"], p["alpha"], 1, kinks)


def _celu(p, kinks, wide):
    return _elu_like(1, p["alpha"], 1 / p["alpha"], kinks)


#: x - tanh(x) is replaced by its Taylor polynomial of this degree on |x| <= TANHSHRINK_RADIUS
TANHSHRINK_DEGREE = 37
TANHSHRINK_RADIUS = sp.Rational(1, 2)
#: the same for a ``wide`` table: in float64, x - tanh(x) loses below 2**-40 of its value to cancellation for
#: |x| >= 1/16 (a few ulp of x over x**3/3), far below half a float32 ulp (2**-24), so the polynomial serves only
#: |x| < 1/16 (a few per cent of typical inputs), where degree 13 is within 1e-16 of the value
TANHSHRINK_WIDE_DEGREE = 13
TANHSHRINK_WIDE_RADIUS = sp.Rational(1, 16)


def tanh_taylor(degree: int) -> sp.Expr:
    """The Taylor polynomial of tanh at 0 up to x**degree (exact, from the Bernoulli numbers)."""
    terms = []
    for n in range(1, degree // 2 + 2):
        k = 2 * n - 1
        if k > degree:
            break
        coeff = 2 ** (2 * n) * (2 ** (2 * n) - 1) * sp.bernoulli(2 * n) / sp.factorial(2 * n)
        terms.append(coeff * X ** k)
    return sp.Add(*terms)


def _tanhshrink(p, kinks, wide):
    r, deg = (TANHSHRINK_WIDE_RADIUS, TANHSHRINK_WIDE_DEGREE) if wide else (TANHSHRINK_RADIUS, TANHSHRINK_DEGREE)
    series = sp.horner(sp.expand(X - tanh_taylor(deg)), X)
    # the next term of the series is c x**(deg + 2), |c| < 2 (2/pi)**(deg + 1): the bound claimed (and proved
    # or not by the kernel) is twice that at the radius
    bound = 4 * (2 / sp.pi) ** (deg + 1) * X ** (deg + 2)
    naive = X - sp.tanh(X)
    outer = (WIDE + f"x - tanh(x): its cancellation costs below 2**-40 of the value for |x| > {r}" if wide else
             "x - tanh(x): no catastrophic cancellation for |x| > 1/2")
    f = [Branch(None, -r, False, False, naive, outer),
         Branch(-r, r, True, True, series, f"Taylor polynomial of degree {deg}: x - tanh(x) cancels near 0",
                "bound", sp.Abs(bound)),
         Branch(r, None, False, False, naive, "x - tanh(x)")]
    df = whole(sp.tanh(X) ** 2, "tanh(x)**2: no cancellation")
    return f, df


def _softsign(p, kinks, wide):
    if wide:  # x/(1 + |x|) rounds three times in float64: far below half a float32 ulp
        return ([Branch(None, None, False, False, X / (1 + sp.Abs(X)),
                        WIDE + "x/(1 + |x|) on the whole line (inf/inf = NaN only at +-inf: the limits there)"),
                 *_limits(-1, 1)],
                [Branch(None, None, False, False, 1 / (1 + sp.Abs(X)) ** 2,
                        WIDE + "1/(1 + |x|)**2 on the whole line: 1/inf = 0 at +-inf")])
    f = [Branch(None, -1, False, False, 1 / (1 - X) - 1, "1/(1 - x) - 1: exact at -inf"),
         Branch(-1, 0, True, False, X / (1 - X), "x/(1 - x)"),
         Branch(0, 0, True, True, X, "0 (keeps the sign of zero)"),
         Branch(0, 1, False, True, X / (1 + X), "x/(1 + x)"),
         Branch(1, None, False, False, 1 - 1 / (1 + X), "1 - 1/(1 + x): exact at +inf")]
    df = [Branch(None, 0, False, False, 1 / (1 - X) ** 2, "1/(1 - x)**2"),
          kink(0, sp.Integer(1), sp.Integer(1), kinks),
          Branch(0, None, False, False, 1 / (1 + X) ** 2, "1/(1 + x)**2")]
    return f, df


def _limits(left, right) -> list[Branch]:
    """``limit`` branches: the function's values at -inf and +inf (where the table's formula gives NaN)."""
    return [Branch(end, end, True, True, value, "the limit there", "limit")
            for end, value in ((-sp.oo, left), (sp.oo, right))]


#: entry name -> family(parameter values, {kink: f' value} of the target's framework, wide) -> (branches of f,
#: branches of f' or None where there is no table; either may end with ``limit`` branches, the values at -inf and
#: +inf where its formula gives NaN there); ``wide``: the module computes in float64 for a float32 or
#: 16-bit result, so a form that is only safe from overflow and cancellation in float64 (1/(1 + exp(-x)) on the
#: whole line: exp(-x) = inf gives 0, whose float32 rounding is the true value's) serves where a float64 result
#: needs two (fewer branches: fewer masks, gathers and where-selections, the same accuracy in the narrow format)
FAMILIES: dict[str, Callable[[dict, dict, bool], tuple[list[Branch], list[Branch] | None]]] = {
    "sigmoid": _sigmoid, "tanh": _tanh, "logsigmoid": _logsigmoid, "softplus": _softplus, "silu": _silu,
    "mish": _mish, "gelu": _gelu, "gelu_tanh": _gelu_tanh, "elu": _elu, "selu": _selu, "celu": _celu,
    "tanhshrink": _tanhshrink, "softsign": _softsign,
}


#: entry name -> its family on JAX with a float32 or 16-bit result (``wide``), where that table is faster on XLA
#: than the one of :data:`FAMILIES`, which the other targets keep (elu, selu and celu: about 2x with expm1)
JAX_FAMILIES: dict[str, Callable[[dict, dict, bool], tuple[list[Branch], list[Branch] | None]]] = {
    "elu": lambda p, kinks, wide: _elu_like_jax(1, p["alpha"], 1, kinks),
    "selu": lambda p, kinks, wide: _elu_like_jax(p["scale"], p["alpha"], 1, kinks),
    "celu": lambda p, kinks, wide: _elu_like_jax(1, p["alpha"], 1 / p["alpha"], kinks),
}


def as_written(expr: sp.Expr) -> list[Branch]:
    """One branch: the expression as written (no stable form is known for it)."""
    return whole(expr, "the expression as written: no stable branch table for it (its audit measures the error)")


def from_pieces(pieces) -> list[Branch]:
    """A Piecewise entry's pieces (:meth:`symact.catalog.Entry.pieces`) as exact branches (an interval, or a
    single point: SymPy's Interval(0, 0) is FiniteSet(0), the piece of Heaviside(x) at 0)."""
    out = []
    for piece in pieces:
        iv = piece.interval
        if isinstance(iv, sp.FiniteSet) and len(iv) != 1:
            raise ValueError(f"a piece on {iv} is not an interval")
        point = isinstance(iv, sp.FiniteSet)
        lo = None if iv.inf == -sp.oo else sp.Rational(iv.inf)
        hi = None if iv.sup == sp.oo else sp.Rational(iv.sup)
        out.append(Branch(lo, hi, (point or not iv.left_open) and lo is not None,
                          (point or not iv.right_open) and hi is not None, piece.expr, "a piece of the definition"))
    return out


def derivative_pieces(pieces, convention: dict) -> list[Branch]:
    """f' of a Piecewise entry: each piece's derivative on the open range between switch points, and at each
    switch point the value ``convention`` (a framework's) gives there, a ``convention`` branch (f' need not
    exist there; where no convention is recorded, the right piece's derivative at the point)."""
    out: list[Branch] = []
    for b in from_pieces(pieces):
        if b.lo is not None and b.lo == b.hi:
            continue  # a point piece: its point is a switch point, handled with the next piece
        if b.lo is not None:
            d = sp.diff(b.formula, X)
            value = sp.sympify(convention.get(b.lo, d.subs(X, b.lo)), strict=True)
            if b.lo not in convention and not (value.is_real and value.is_finite):  # of log(x)*Heaviside(x) at 0
                raise ValueError(f"f' at the switch point {b.lo} is {value}")
            out.append(Branch(b.lo, b.lo, True, True, value,
                              "the framework's value at the switch point (f' need not exist there)", "convention"))
        out.append(Branch(b.lo, b.hi, False, False, sp.diff(b.formula, X), "the derivative of the piece"))
    return out

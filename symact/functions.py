"""One definition per special function: the registry every other table is a view of.

Each special function has one :class:`Special` record in :data:`REGISTRY`.  For a function SymPy lacks, the
record's head is a public SymPy ``Function`` class defined here (like ``sympy/codegen/cfunctions.py``): its
``fdiff``, its elementary formula (``definition()``, also its ``rewrite(exp)`` or ``rewrite(tanh)`` and what
``evalf`` evaluates), and no ``eval``, so building ``Softplus(0)`` folds nothing and changes neither a value
nor a domain.  For SymPy's own functions (exp, log, tanh, erf, LambertW, ...) the
record carries the same data for SymPy's class.  A record says:

* where it is known: the names the parser accepts (``parse``), whether the kernel knows it (``kernel``);
* its evaluators: mpmath (``mp``: the definition every fact below is tested against), an arb ball function
  (``arb``), a float one for searches (``math``), the float64 library function the auditor widens by an
  assumed error bound (``lib``), the array names code generation uses (``array``, ``torch``, ``scipy``);
* its facts: natural domain, C-infinity on the interior of it (``smooth``), monotonicity, limits at -oo and
  +oo (and whether they are approached exponentially fast, or grow at most polynomially: ``slow``), exact
  rational values (``values``: f(0), log(1)), positivity, a bound on |f|, parity, even and increasing in |u|
  (``even_rising``), the function it undoes (everywhere, or on a closed window: ``undoes_on``), exp(f(u))
  without f (``exp_of``: log, lambertw), a Gaussian decay bound on [0, oo) (``decay``: erfc);
* for a function the kernel reads, its derivative and (for tanh, sinh, cosh, erfc, acos) its rewrite into other
  kernel functions, as SymPy formulas in the placeholder :data:`U` that the kernel reads structurally.

Every fact is checked once against ``mp`` (itself checked against SymPy's function or the class's formula) by
``tests/test_functions.py``.  The kernel reads everything it trusts about a function from here
(:mod:`symact.kernel.functions` builds its table from the records; ``tests/test_kernel.py`` checks the
enclosures and derivatives it builds against the same definitions).  Evaluators that live in upper layers (the
auditor's double-double interval functions) attach themselves to a record with :func:`register`, as mpmath's
``@defun`` does, so this module imports nothing of symact.

Adding a function is one class (if SymPy lacks it) and one record.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import mpmath
import sympy as sp
from flint import arb


def mp_exp(a: mpmath.mpf) -> mpmath.mpf:
    """exp(a), with a fast exact-reduction path for huge |a| (mpmath's own exp gets slow beyond ~2^12 at
    thousands of bits): exp(a) = 2^n exp(r), n = nint(a / ln 2), r = a - n ln 2 computed with mag(a) extra bits."""
    if not a or not mpmath.isfinite(a):
        return mpmath.exp(a)
    m = int(mpmath.mag(a))
    if m < 12:
        return mpmath.exp(a)
    prec = mpmath.mp.prec
    with mpmath.workprec(prec + m + 20):
        l2 = +mpmath.ln2
        n = int(mpmath.nint(a / l2))
        r = a - n * l2
    with mpmath.workprec(prec + 20):
        e = mpmath.exp(r)
    return mpmath.ldexp(e, n)


def mp_lambertw(a: mpmath.mpf):
    """The principal branch W(a): real from -1/e on, complex (as mpmath gives it) below."""
    w = mpmath.lambertw(a)
    return w.real if w.imag == 0 else w


def real_lambertw(v: float) -> float:
    """The principal branch W(v) in floats for v >= -1/e (ValueError below)."""
    if v < -math.exp(-1):
        raise ValueError("lambertw below -1/e")
    return float(mpmath.lambertw(v).real)


# -- the functions SymPy lacks ------------------------------------------------------------------------------------
class _Defined(sp.Function):
    """A function given by an elementary formula (:meth:`definition`) and kept as one node: there is no ``eval``,
    so building it folds nothing; ``evalf`` evaluates the formula, the rewrites return it."""

    def definition(self) -> sp.Expr:
        raise NotImplementedError

    def _eval_evalf(self, prec):
        if all(a.is_number for a in self.args):
            return self.definition().evalf(mpmath.libmp.prec_to_dps(prec))
        return None


class _Named(_Defined):
    """A function the parser reads: printed (``sp.sstr``, the text of claims and certificates) by the name the
    parser accepts, its class name in lower case."""

    def _sympystr(self, printer):
        return f"{type(self).__name__.lower()}({', '.join(printer._print(a) for a in self.args)})"


class Expm1(_Named):
    """exp(u) - 1, without its cancellation near 0."""
    nargs = 1

    def definition(self):
        return sp.exp(self.args[0]) - 1

    def fdiff(self, argindex=1):
        return sp.exp(self.args[0])

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self.definition()


class Log1p(_Named):
    """log(1 + u), without its cancellation near 0; defined for u > -1."""
    nargs = 1

    def definition(self):
        return sp.log(1 + self.args[0])

    def fdiff(self, argindex=1):
        return 1 / (1 + self.args[0])

    def _eval_rewrite_as_log(self, *args, **kwargs):
        return self.definition()


class Softplus(_Defined):
    """log(1 + exp(u))."""
    nargs = 1

    def definition(self):
        return sp.log(1 + sp.exp(self.args[0]))

    def fdiff(self, argindex=1):
        return Logistic(self.args[0])

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self.definition()


class Logistic(_Defined):
    """1 / (1 + exp(-u))."""
    nargs = 1

    def definition(self):
        return 1 / (1 + sp.exp(-self.args[0]))

    def fdiff(self, argindex=1):
        return Logistic(self.args[0]) * Logistic(-self.args[0])

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self.definition()


class Sech2(_Defined):
    """1 - tanh(u)^2 = sech(u)^2."""
    nargs = 1

    def definition(self):
        return 1 - sp.tanh(self.args[0]) ** 2

    def fdiff(self, argindex=1):
        return -2 * sp.tanh(self.args[0]) * Sech2(self.args[0])

    def _eval_rewrite_as_tanh(self, *args, **kwargs):
        return self.definition()

    def _eval_rewrite_as_exp(self, u, **kwargs):
        return 4 / (sp.exp(u) + sp.exp(-u)) ** 2


class TanhShrink(_Defined):
    """u - tanh(u) (which cancels near 0: u - tanh u ~ u^3/3)."""
    nargs = 1

    def definition(self):
        return self.args[0] - sp.tanh(self.args[0])

    def fdiff(self, argindex=1):
        return sp.tanh(self.args[0]) ** 2

    def _eval_rewrite_as_tanh(self, *args, **kwargs):
        return self.definition()


class Sigmoid2(_Defined):
    """c + c tanh(z) (arguments z, c) = 2c logistic(2z)."""
    nargs = 2

    def definition(self):
        z, c = self.args
        return c + c * sp.tanh(z)

    def fdiff(self, argindex=1):
        z, c = self.args
        return c * (1 - sp.tanh(z) ** 2) if argindex == 1 else 1 + sp.tanh(z)

    def _eval_rewrite_as_tanh(self, *args, **kwargs):
        return self.definition()


def elementary(e: sp.Expr) -> sp.Expr:
    """``e`` with every function SymPy lacks (log1p, ...) written as its formula: what SymPy's ``series`` and
    ``limit`` know."""
    return e.replace(lambda a: isinstance(a, _Defined), lambda a: a.definition())


# -- the records ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lib:
    """A float64 library function the auditor's fast path trusts: its assumed error bound in ulps (checked at
    first use against ``mp`` on ``span``), whether results below the normal range may be flushed to 0 (SciPy's
    erfc returns 0 for 1.8e-311), and a bound that grows by ``growth * x^2`` (erfc(x) = exp(-x^2) g(x): the
    rounding of x^2 is amplified by 2x^2)."""
    ulps: float
    span: tuple[float, float]
    flush: bool = False
    growth: float | None = None


@dataclass(frozen=True)
class Special:
    name: str                      # the name in certificates, kernel terms and the float64 library tables
    head: type | None              # the SymPy class (None: SymPy builds it as a power, sqrt)
    mp: Callable                   # mpmath evaluator: the definition every fact is tested against
    parse: tuple[str, ...] = ()    # names the expression parser accepts
    kernel: bool = False           # a kernel term ("fn", name, t)
    arb: Callable | None = None    # arb ball function (an enclosure of f on the ball)
    math: Callable | None = None   # float evaluator (search only)
    domain: tuple | None = None    # natural domain (lo, hi, lo_closed, hi_closed), None ends: unbounded
    smooth: bool = True            # C-infinity on the interior of the domain
    monotone: int = 0              # +1 increasing, -1 decreasing on the domain, 0 neither
    limits: tuple = (None, None)   # limits at -oo and +oo (SymPy numbers, +-oo), None: none or not in domain
    fast: bool = False             # finite limits approached exponentially fast from a linear argument
    values: tuple = ()             # (u, f(u)) at rational points u where f(u) is rational
    positive: bool = False         # f > 0 on the whole real line
    bound: tuple | None = None     # (B, strict): |f| <= B on the domain (< B when strict: a limit not attained)
    parity: int = 0                # -1 odd, +1 even, 0 neither
    undoes: str | None = None      # g with f(g(u)) = u wherever f(g(u)) is defined
    undoes_on: tuple | None = None  # (g, lo, hi): f(g(u)) = u for lo <= u <= hi (asin(sin u) on [-pi/2, pi/2])
    array: str | None = None       # NumPy / JAX (jnp) / PyTorch name
    torch: str | None = None       # PyTorch's name where it differs
    scipy: bool = False            # the array function comes from scipy.special (jax.scipy.special)
    lib: Lib | None = None         # the float64 library function (``array`` in NumPy or SciPy)
    # what the kernel reads, as formulas in the placeholder U (the argument) built from the kernel's functions:
    derivative: sp.Expr | None = None  # f'(U), defined wherever f is differentiable (the kernel's chain rule)
    rewrite: sp.Expr | None = None     # f(U) in other functions, equal and defined wherever f(U) is (the algebra)
    slow: bool = False             # |f(u)| <= |u| for large |u| where a limit is infinite (grows at most polynomially)
    exp_of: tuple | None = None    # (g(U), nonzero): exp(f(U)) = g(U) wherever f(U) is defined (and U != 0, if nonzero)
    decay: sp.Expr | None = None   # d(U) with 0 < f(u) <= exp(d(u)) for every u >= 0
    even_rising: bool = False      # even and increasing in |u| (cosh): the image of u is that of |u|
    rising: tuple | None = None    # (a, b), rationals: f strictly increasing on [a, b] (sin on [-3/2, 3/2])
    tiers: dict = field(default_factory=dict, compare=False)  # upper layers' evaluators, see :func:`register`

    @property
    def build(self) -> Callable:
        """What builds f(args) in SymPy (the class, or ``sqrt``, which SymPy builds as a power)."""
        return sp.sqrt if self.head is None else self.head


_OO = sp.oo
#: the argument in the kernel's formulas (``derivative``, ``rewrite``)
U = sp.Symbol("u")
_POS, _UNIT, _OPEN_UNIT, _FROM_ONE = (0, None, False, False), (-1, 1, True, True), (-1, 1, False, False), \
    (1, None, True, False)

REGISTRY: dict[str, Special] = {s.name: s for s in [
    Special("exp", sp.exp, mp_exp, ("exp",), True, arb.exp, math.exp, monotone=1, limits=(0, _OO), fast=True,
            values=((0, 1),), positive=True, array="exp", lib=Lib(2, (-745, 709.7)), derivative=sp.exp(U)),
    Special("log", sp.log, mpmath.log, ("log",), True, arb.log, math.log, _POS, monotone=1, limits=(None, _OO),
            values=((1, 0),), undoes="exp", array="log", lib=Lib(2, (1e-300, 1e300)), derivative=1 / U,
            slow=True, exp_of=(U, False)),
    Special("sin", sp.sin, mpmath.sin, ("sin",), True, arb.sin, math.sin, values=((0, 0),), bound=(1, False), parity=-1,
            undoes="asin", array="sin", derivative=sp.cos(U), rising=(sp.Rational(-3, 2), sp.Rational(3, 2))),
    Special("cos", sp.cos, mpmath.cos, ("cos",), True, arb.cos, math.cos, values=((0, 1),), bound=(1, False), parity=1,
            undoes="acos", array="cos", derivative=-sp.sin(U)),
    Special("tan", sp.tan, mpmath.tan, ("tan",), arb=arb.tan, math=math.tan, smooth=False, values=((0, 0),),
            parity=-1),
    Special("tanh", sp.tanh, mpmath.tanh, ("tanh",), True, arb.tanh, math.tanh, monotone=1, limits=(-1, 1),
            fast=True, values=((0, 0),), bound=(1, True), parity=-1, undoes="atanh", array="tanh",
            lib=Lib(2, (-30, 30)),
            derivative=1 - sp.tanh(U) ** 2, rewrite=(sp.exp(2 * U) - 1) / (sp.exp(2 * U) + 1)),
    Special("sinh", sp.sinh, mpmath.sinh, ("sinh",), True, arb.sinh, math.sinh, monotone=1, limits=(-_OO, _OO),
            values=((0, 0),), parity=-1, undoes="asinh", array="sinh", derivative=sp.cosh(U),
            rewrite=(sp.exp(U) - sp.exp(-U)) / 2),
    Special("cosh", sp.cosh, mpmath.cosh, ("cosh",), True, arb.cosh, math.cosh, limits=(_OO, _OO),
            values=((0, 1),), positive=True, parity=1, undoes="acosh", array="cosh", lib=Lib(2, (-709, 709)),
            derivative=sp.sinh(U), rewrite=(sp.exp(U) + sp.exp(-U)) / 2, even_rising=True),
    Special("sech", sp.sech, mpmath.sech, arb=arb.sech, limits=(0, 0), fast=True, values=((0, 1),),
            positive=True, parity=1),
    Special("atan", sp.atan, mpmath.atan, ("atan",), True, arb.atan, math.atan, monotone=1,
            limits=(-sp.pi / 2, sp.pi / 2), values=((0, 0),), bound=(sp.pi / 2, True), parity=-1, array="arctan",
            torch="atan",
            derivative=1 / (1 + U ** 2)),
    Special("asinh", sp.asinh, mpmath.asinh, ("asinh",), True, arb.asinh, math.asinh, monotone=1,
            limits=(-_OO, _OO), values=((0, 0),), parity=-1, undoes="sinh", array="arcsinh", torch="asinh",
            derivative=1 / sp.sqrt(1 + U ** 2), slow=True),
    Special("erf", sp.erf, mpmath.erf, ("erf",), True, arb.erf, math.erf, monotone=1, limits=(-1, 1), fast=True,
            values=((0, 0),), bound=(1, True), parity=-1, array="erf", scipy=True, lib=Lib(8, (-50, 50), flush=True),
            derivative=2 / sp.sqrt(sp.pi) * sp.exp(-U ** 2)),
    Special("erfc", sp.erfc, mpmath.erfc, ("erfc",), True, arb.erfc, math.erfc, monotone=-1, limits=(2, 0),
            fast=True, values=((0, 1),), positive=True, bound=(2, True), array="erfc", scipy=True,
            lib=Lib(8, (-50, 50), flush=True, growth=2.0), derivative=-2 / sp.sqrt(sp.pi) * sp.exp(-U ** 2),
            rewrite=1 - sp.erf(U), decay=-U ** 2),  # erfc(u) e^(u^2) decreases from 1 at u = 0
    # W is real from -1/e on, differentiable after it
    Special("lambertw", sp.LambertW, mp_lambertw, ("LambertW", "W"), True, arb.lambertw, real_lambertw,
            domain=(-1 / sp.E, None, True, False), monotone=1, limits=(None, _OO), values=((0, 0),),
            derivative=sp.exp(-sp.LambertW(U)) / (1 + sp.LambertW(U)), slow=True,
            exp_of=(U / sp.LambertW(U), True)),  # W(u) e^W(u) = u; W(u) = 0 only at u = 0
    Special("asin", sp.asin, mpmath.asin, ("asin",), True, arb.asin, math.asin, _UNIT, monotone=1,
            values=((0, 0),), parity=-1, array="arcsin", torch="asin", derivative=1 / sp.sqrt(1 - U ** 2),
            undoes_on=("sin", -sp.pi / 2, sp.pi / 2)),
    Special("acos", sp.acos, mpmath.acos, ("acos",), True, arb.acos, math.acos, _UNIT, monotone=-1,
            array="arccos", torch="acos", derivative=-1 / sp.sqrt(1 - U ** 2), rewrite=sp.pi / 2 - sp.asin(U),
            undoes_on=("cos", 0, sp.pi)),
    Special("atanh", sp.atanh, mpmath.atanh, ("atanh",), True, arb.atanh, math.atanh, _OPEN_UNIT, monotone=1,
            values=((0, 0),), parity=-1, undoes="tanh", array="arctanh", torch="atanh", derivative=1 / (1 - U ** 2)),
    Special("acosh", sp.acosh, mpmath.acosh, ("acosh",), True, arb.acosh, math.acosh, _FROM_ONE, monotone=1,
            limits=(None, _OO), array="arccosh", torch="acosh", derivative=1 / sp.sqrt(U ** 2 - 1), slow=True,
            rewrite=sp.log(U + sp.sqrt(U ** 2 - 1)), undoes_on=("cosh", 0, None)),
    Special("sqrt", None, mpmath.sqrt, ("sqrt",), arb=arb.sqrt, math=math.sqrt, domain=(0, None, True, False),
            monotone=1, limits=(None, _OO), values=((0, 0),), array="sqrt", lib=Lib(1, (0, 1e300))),
    Special("expm1", Expm1, mpmath.expm1, ("expm1",), True, arb.expm1, math.expm1, monotone=1, limits=(-1, _OO),
            fast=True, values=((0, 0),), array="expm1", lib=Lib(2, (-50, 709.7)), derivative=sp.exp(U),
            rewrite=sp.exp(U) - 1),
    Special("log1p", Log1p, mpmath.log1p, ("log1p",), True, arb.log1p, math.log1p, (-1, None, False, False),
            monotone=1, limits=(None, _OO), values=((0, 0),), array="log1p", lib=Lib(2, (-0.999, 1e300)),
            derivative=1 / (1 + U), rewrite=sp.log(1 + U), slow=True),
    Special("softplus", Softplus, lambda v: mpmath.log1p(mp_exp(v)), arb=lambda v: v.exp().log1p(), monotone=1,
            limits=(0, _OO), positive=True),
    Special("logistic", Logistic, lambda v: 1 / (1 + mp_exp(-v)), arb=lambda v: 1 / (1 + (-v).exp()), monotone=1,
            limits=(0, 1), fast=True, positive=True),
    Special("sech2", Sech2, lambda v: mpmath.sech(v) ** 2, arb=lambda v: v.sech() ** 2, limits=(0, 0), fast=True,
            values=((0, 1),), positive=True, parity=1),
    Special("tanhshrink", TanhShrink, lambda v: v - mpmath.tanh(v), arb=lambda v: v - v.tanh(), monotone=1,
            limits=(-_OO, _OO), values=((0, 0),), parity=-1),
    Special("sigmoid2", Sigmoid2, lambda z, c: c + c * mpmath.tanh(z), arb=lambda z, c: c + c * z.tanh()),
]}

#: SymPy class -> record
BY_HEAD: dict[type, Special] = {s.head: s for s in REGISTRY.values() if s.head is not None}


def register(tier: str, *heads: type):
    """Decorator: ``fn`` evaluates each of ``heads`` in the upper layer ``tier`` (e.g. "dd")."""
    def deco(fn):
        for h in heads:
            BY_HEAD[h].tiers[tier] = fn
        return fn
    return deco


def evaluator(tier: str, head: type) -> Callable | None:
    """The evaluator registered for ``head`` in ``tier``, or None."""
    s = BY_HEAD.get(head)
    return None if s is None else s.tiers.get(tier)

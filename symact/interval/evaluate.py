"""Certified interval extensions of SymPy expressions with python-flint ``arb`` balls.

:func:`arb_function` compiles an expression in one real variable into a callable that maps an ``arb`` ball
``X`` to a ball that contains ``f(x)`` for every ``x`` in ``X`` (an *interval extension*).  Every operation is
rounded outward by Arb; on top of that this module

* evaluates monotone functions (exp, log, tanh, erf, atan, LambertW, roots, ...) at the two exact endpoints of
  the input ball, which is tighter than Arb's ball formulas for wide balls and avoids Arb's ``nan`` for
  e.g. ``tanh([0 +/- 1e30])``;
* builds balls from exact endpoints through exact ``(mantissa, exponent)`` data, so an interval such as
  ``[0, 1]`` is represented with lower end exactly 0 (``arb(0).union(1)`` would reach below 0);
* refuses, with :class:`NotEnclosable`, every input that is not certainly inside the real domain of an
  operation (``log`` of a ball touching 0, ``sqrt`` of a ball reaching below 0, division by a ball containing
  0, LambertW below ``-1/e``, non-integer powers of negative bases, which SymPy defines as complex) and every
  expression it does not know.  A non-finite intermediate ball is also refused.

Soundness never depends on the working precision: a lower precision only gives wider balls.
"""
from __future__ import annotations

import contextlib
import math
from fractions import Fraction
from typing import Any, Callable, Iterator

import sympy as sp
from flint import arb, ctx, fmpq, fmpz

from symact.functions import BY_HEAD, Special
from symact.kernel.terms import CONVERSE

DEFAULT_PREC = 80


class NotEnclosable(Exception):
    """The expression (or this input ball) has no certified real enclosure here.

    Raised for unsupported SymPy constructs, free symbols other than the variable, and input balls that are
    not certainly inside the real domain of some operation.  Callers treat it as "unknown", never as a value.
    """


# ---------------------------------------------------------------------------------------------------------
# precision and ball helpers
# ---------------------------------------------------------------------------------------------------------
@contextlib.contextmanager
def working_precision(prec: int) -> Iterator[None]:
    """Set ``flint.ctx.prec`` to ``prec`` bits for the block and restore it afterwards."""
    old = ctx.prec
    ctx.prec = int(prec)
    try:
        yield
    finally:
        ctx.prec = old


def _finite(v: arb, what: str = "intermediate value") -> arb:
    if not v.is_finite():
        raise NotEnclosable(f"{what} is not finite: {v}")
    return v


def exact_to_fraction(v: arb) -> Fraction:
    """The exact value of an exact, finite ``arb`` as a Fraction (a dyadic rational).

    Refuses (NotEnclosable) exponents beyond +-100000 bits, whose Fractions would be impractically large.
    """
    man, exp = v.man_exp()
    man, exp = int(man), int(exp)
    if abs(exp) > 100000:
        raise NotEnclosable(f"number too large or too small for exact conversion: 2^{exp}")
    return Fraction(man * 2**exp) if exp >= 0 else Fraction(man, 2**(-exp))


def fraction_to_arb(q: Fraction) -> arb:
    """An ``arb`` containing ``q``; exact when ``q`` is dyadic (denominator a power of two)."""
    num, den = q.numerator, q.denominator
    if den & (den - 1) == 0:
        return arb((num, -(den.bit_length() - 1)))
    return arb(fmpq(num, den))


def ball_from_fractions(lo: Fraction, hi: Fraction) -> arb:
    """A ball containing ``[lo, hi]``; exact ends when both are dyadic with a short difference.

    The midpoint is set exactly; the radius is rounded up by Arb to its 30-bit precision only when the exact
    half-width needs more bits, so the ball always contains the interval.
    """
    if lo > hi:
        raise ValueError("empty interval")
    mid, rad = (lo + hi) / 2, (hi - lo) / 2
    if mid.denominator & (mid.denominator - 1) == 0 and rad.denominator & (rad.denominator - 1) == 0:
        k = max(mid.denominator.bit_length(), rad.denominator.bit_length()) - 1
        scale = 2**k
        return arb((int(mid * scale), -k), (int(rad * scale), -k))
    # non-dyadic ends: outward enclosure of both ends, then the exact hull of their bounds
    return exact_hull(fraction_to_arb(lo).lower(), fraction_to_arb(hi).upper())


def exact_hull(lo: arb, hi: arb) -> arb:
    """A ball containing ``[lo, hi]`` for exact finite ``arb`` ends (``lo <= hi``).

    Built from exact (mantissa, exponent) data, so e.g. ``[0, 1]`` keeps its lower end at exactly 0; for ends
    of wildly different magnitude (exponents beyond +-4096) it falls back to Arb's (sound, slightly wider)
    union.
    """
    if not (lo.is_finite() and hi.is_finite()):
        raise NotEnclosable("non-finite interval end")
    (m1, e1), (m2, e2) = lo.man_exp(), hi.man_exp()
    m1, e1, m2, e2 = int(m1), int(e1), int(m2), int(e2)
    if max(abs(e1), abs(e2)) > 4096:
        return lo.union(hi)
    e = min(e1, e2)
    A, B = m1 << (e1 - e), m2 << (e2 - e)
    if A > B:
        A, B = B, A
    return arb((A + B, e - 1), (B - A, e - 1))


def ball_from_fractions_dyadic(lo: Fraction, hi: Fraction) -> arb:
    if lo > hi:
        lo, hi = hi, lo
    mid, rad = (lo + hi) / 2, (hi - lo) / 2
    k = max(mid.denominator.bit_length(), rad.denominator.bit_length()) - 1
    scale = 2**k
    return arb((int(mid * scale), -k), (int(rad * scale), -k))


def hull(*balls: arb) -> arb:
    """The smallest (up to radius rounding) ball containing all ``balls``; refuses non-finite ones."""
    lows, highs = [], []
    for b in balls:
        _finite(b)
        lows.append(b.lower())
        highs.append(b.upper())
    lo, hi = lows[0], highs[0]
    for v in lows[1:]:
        if v < lo:
            lo = v
    for v in highs[1:]:
        if v > hi:
            hi = v
    return exact_hull(lo, hi)


def _endpoints(x: arb) -> tuple[arb, arb]:
    _finite(x, "argument")
    return x.lower(), x.upper()


def _increasing(fn: Callable[[arb], arb], x: arb) -> arb:
    if x.is_exact():
        return _finite(fn(x))
    lo, hi = _endpoints(x)
    return hull(fn(lo), fn(hi))


def _decreasing(fn: Callable[[arb], arb], x: arb) -> arb:
    return _increasing(fn, x)  # the hull of the two end values is the same


def _certainly_positive(x: arb) -> bool:
    return x.is_finite() and x > 0


def _certainly_nonnegative(x: arb) -> bool:
    return x.is_finite() and x >= 0


def _nonzero(x: arb) -> bool:
    return x.is_finite() and (x > 0 or x < 0)


# ---------------------------------------------------------------------------------------------------------
# exact constants
# ---------------------------------------------------------------------------------------------------------
def sympy_number_to_arb(value: sp.Basic) -> arb:
    """Enclosure of a SymPy *atomic* number: Integer, Rational, Float (exactly, from its mpf), pi, E, ..."""
    if isinstance(value, sp.Integer):
        return arb(fmpz(int(value)))
    if isinstance(value, sp.Rational):
        return arb(fmpq(int(value.p), int(value.q)))
    if isinstance(value, sp.Float):
        sign, man, exp, _bc = value._mpf_
        if man == 0 and exp != 0:  # +-inf, nan are encoded with man == 0 and a special exponent
            raise NotEnclosable(f"non-finite Float {value}")
        man = int(man)
        return arb((-man if sign else man, int(exp)))
    if value is sp.pi:
        return arb.pi()
    if value is sp.E:
        return arb.const_e()
    if value is sp.EulerGamma:
        return arb.const_euler()
    if value is sp.Catalan:
        return arb.const_catalan()
    if value is sp.GoldenRatio:
        return (1 + arb(5).sqrt()) / 2
    raise NotEnclosable(f"cannot enclose the number {value!r}")


# ---------------------------------------------------------------------------------------------------------
# compilation
# ---------------------------------------------------------------------------------------------------------
Node = Callable[[arb], arb]

#: the special functions monotone on all of R (:mod:`symact.functions`): their arb functions at the ends
_INCREASING: dict[type, Callable[[arb], arb]] = {head: f.arb for head, f in BY_HEAD.items()
                                                 if f.domain is None and f.monotone > 0}
_DECREASING: dict[type, Callable[[arb], arb]] = {head: f.arb for head, f in BY_HEAD.items()
                                                 if f.domain is None and f.monotone < 0}
#: Constructs that are supported but not differentiable everywhere (kinks or jumps).
_NONSMOOTH = (sp.Piecewise, sp.Abs, sp.sign, sp.Heaviside, sp.Max, sp.Min)


def is_smooth(expr: sp.Basic) -> bool:
    """True when ``expr`` is built only from operations that are C^1 wherever :func:`arb_function` accepts them.

    Such expressions may use the mean-value form and derivative-based root uniqueness; kinks and jumps
    (Piecewise, Abs, sign, Heaviside, Max, Min) are excluded.
    """
    return not any(isinstance(node, _NONSMOOTH) for node in sp.preorder_traversal(expr))


class ArbFunction:
    """A compiled interval extension: ``F(X)`` contains ``f(x)`` for every ``x`` in the ball ``X``.

    Call with an ``arb`` (or anything ``arb()`` accepts exactly: int, Fraction via :func:`fraction_to_arb`).
    ``prec`` overrides the working precision for one call.  Raises :class:`NotEnclosable`.
    """

    def __init__(self, expr: sp.Expr, var: sp.Symbol | None, prec: int = DEFAULT_PREC):
        self.expr = sp.sympify(expr, strict=True)
        self.var = var
        self.prec = int(prec)
        self._node = _Compiler(var).compile(self.expr)

    def __call__(self, x: Any = None, prec: int | None = None) -> arb:
        if x is None:
            x = arb(0)
        elif isinstance(x, Fraction):
            x = fraction_to_arb(x)
        elif not isinstance(x, arb):
            x = arb(x)
        with working_precision(prec or self.prec):
            try:
                out = self._node(x)
            except (ValueError, ZeroDivisionError, ArithmeticError) as exc:
                if isinstance(exc, NotEnclosable):
                    raise
                raise NotEnclosable(f"arb evaluation failed: {exc}") from exc
            return _finite(out, "result")

    def __repr__(self) -> str:
        return f"ArbFunction({self.expr}, prec={self.prec})"


def arb_function(expr: sp.Expr, var: sp.Symbol, prec: int = DEFAULT_PREC) -> ArbFunction:
    """Compile ``expr`` (a SymPy expression in ``var``) into a sound ``arb`` interval extension.

    Raises :class:`NotEnclosable` at compile time for unsupported constructs or other free symbols, and at
    call time for input balls outside the certified real domain.
    """
    return ArbFunction(expr, var, prec)


def arb_constant(expr: Any, prec: int = DEFAULT_PREC) -> arb:
    """A certified enclosure of a constant SymPy expression (no free symbols)."""
    expr = sp.sympify(expr, strict=True)
    if expr.free_symbols:
        raise NotEnclosable(f"{expr} is not a constant (free symbols {sorted(map(str, expr.free_symbols))})")
    return ArbFunction(expr, None, prec)(arb(0))


def compare_constants(a: Any, b: Any, *, prec: int = DEFAULT_PREC, max_prec: int = 4096) -> str | None:
    """``'<'`` or ``'>'`` when certified (raising the precision up to ``max_prec`` bits), else ``None``.

    Equality can never be certified numerically; ``None`` means "equal, too close to tell, or not
    enclosable" (e.g. a free symbol or an unsupported function).
    """
    a, b = sp.sympify(a, strict=True), sp.sympify(b, strict=True)
    try:
        fa, fb = ArbFunction(a, None, prec), ArbFunction(b, None, prec)
    except NotEnclosable:
        return None
    p = int(prec)
    while p <= max_prec:
        try:
            va, vb = fa(arb(0), prec=p), fb(arb(0), prec=p)
        except NotEnclosable:
            return None
        with working_precision(p):
            if va < vb:
                return "<"
            if va > vb:
                return ">"
        p *= 2
    return None


def certainly_less(a: Any, b: Any, *, prec: int = DEFAULT_PREC, max_prec: int = 4096) -> bool:
    """True only when ``a < b`` is certified for constants ``a`` and ``b``."""
    return compare_constants(a, b, prec=prec, max_prec=max_prec) == "<"


def exact_ball(value: Any, prec: int = DEFAULT_PREC) -> arb:
    """A certified ball containing an exact number: an ``arb`` (returned as is), an int, a Fraction, a Python
    float (its exact binary value) or a constant SymPy expression.

    Rationals are converted exactly when dyadic and rounded outward at ``prec`` bits otherwise; anything else
    goes through :func:`arb_constant`.  Raises :class:`NotEnclosable`.
    """
    if isinstance(value, arb):
        return value
    if isinstance(value, float):
        value = Fraction(value)
    elif isinstance(value, int):
        value = Fraction(value)
    if not isinstance(value, Fraction):
        value = sp.sympify(value, strict=True)
        if not value.is_Rational:
            return arb_constant(value, prec)
        value = Fraction(int(value.p), int(value.q))
    with working_precision(prec):
        return fraction_to_arb(value)


_COMPILED: dict[tuple[sp.Basic, sp.Symbol], ArbFunction | NotEnclosable] = {}


def arb_at(expr: Any, var: sp.Symbol, point: Any, prec: int = DEFAULT_PREC) -> arb:
    """A certified ball containing ``expr`` at ``var = point`` (or for every ``var`` in ``point`` when it is a
    ball); ``point`` is anything :func:`exact_ball` accepts.

    Compiled functions (and compile-time refusals) are cached per ``(expr, var)``.  Raises
    :class:`NotEnclosable`.
    """
    expr = sp.sympify(expr, strict=True)
    key = (expr, var)
    fn = _COMPILED.get(key)
    if fn is None:
        try:
            fn = ArbFunction(expr, var, prec)
        except NotEnclosable as exc:
            fn = exc
        if len(_COMPILED) > 4096:
            _COMPILED.clear()
        _COMPILED[key] = fn
    if isinstance(fn, NotEnclosable):
        raise NotEnclosable(str(fn))
    return fn(exact_ball(point, prec), prec=prec)


def ball_text(value: arb, digits: int = 20) -> str:
    """Midpoint-radius text of a ball, e.g. ``[0.25000000000000000000 +/- 1.0e-30]`` (exact balls: ``0.25``)."""
    return value.str(digits, radius=True)


class _Compiler:
    def __init__(self, var: sp.Symbol | None):
        self.var = var

    # -- entry ---------------------------------------------------------------------------------------------
    def compile(self, e: sp.Basic) -> Node:
        if e.is_Number or isinstance(e, sp.NumberSymbol):
            if e in (sp.oo, -sp.oo, sp.zoo, sp.nan):
                raise NotEnclosable(f"non-finite constant {e}")
            value = e
            return lambda x: sympy_number_to_arb(value)
        if isinstance(e, sp.Symbol):
            if self.var is not None and e == self.var:
                return lambda x: x
            raise NotEnclosable(f"free symbol {e} (only {self.var} may vary; substitute parameters first)")
        if isinstance(e, sp.Add):
            return self._add(e)
        if isinstance(e, sp.Mul):
            return self._mul(e)
        if isinstance(e, sp.Pow):
            return self._pow(e)
        if isinstance(e, sp.Piecewise):
            return self._piecewise(e)
        func = type(e)
        if func is sp.log and len(e.args) != 1:
            raise NotEnclosable(f"log with a base: {e}")
        if func is sp.LambertW and len(e.args) > 1 and e.args[1] != 0:
            raise NotEnclosable(f"only the principal branch of LambertW is supported: {e}")
        unary = _UNARY.get(func)
        if unary is not None:
            arg = self.compile(e.args[0])
            return lambda x: unary(arg(x))
        if func is sp.Heaviside:
            return self._heaviside(e)
        if func in (sp.Max, sp.Min):
            args = [self.compile(a) for a in e.args]
            pick = _max2 if func is sp.Max else _min2

            def minmax(x: arb) -> arb:
                out = args[0](x)
                for a in args[1:]:
                    out = pick(out, a(x))
                return out
            return minmax
        raise NotEnclosable(f"unsupported construct {func.__name__} in {e}")

    # -- arithmetic ----------------------------------------------------------------------------------------
    def _add(self, e: sp.Add) -> Node:
        terms = [self.compile(a) for a in e.args]

        def add(x: arb) -> arb:
            s = terms[0](x)
            for t in terms[1:]:
                s = s + t(x)
            return _finite(s)
        return add

    def _mul(self, e: sp.Mul) -> Node:
        num: list[Node] = []
        den: list[tuple[Node, int]] = []
        negate = False
        for f in e.args:
            if f is sp.S.NegativeOne:
                negate = True  # exact negation (multiplying by -1 would round the radius up)
            elif isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp < 0:
                den.append((self.compile(f.base), int(-f.exp)))
            else:
                num.append(self.compile(f))

        def mul(x: arb) -> arb:
            p = num[0](x) if num else arb(1)
            for f in num[1:]:
                p = p * f(x)
            for d, n in den:
                dv = _finite(d(x))
                if not _nonzero(dv):
                    raise NotEnclosable(f"division by a ball that may contain 0: {dv}")
                p = p / _int_pow(dv, n)
            return _finite(-p if negate else p)
        return mul

    def _pow(self, e: sp.Pow) -> Node:
        base_e, exp_e = e.base, e.exp
        if base_e is sp.E:
            arg = self.compile(exp_e)
            return lambda x: _increasing(arb.exp, arg(x))
        base = self.compile(base_e)
        if exp_e.is_Integer:
            n = int(exp_e)
            return lambda x: _int_pow(base(x), n)
        if exp_e.is_Rational:
            p, q = int(exp_e.p), int(exp_e.q)
            return lambda x: _rational_pow(base(x), p, q)
        # any other exponent (Float, irrational constant, expression in x): b^e = exp(e log b), b > 0
        expo = self.compile(exp_e)

        def general_pow(x: arb) -> arb:
            b = base(x)
            if not _certainly_positive(b):
                raise NotEnclosable(f"power {e} needs a certainly positive base, got {b}")
            return _increasing(arb.exp, _finite(expo(x) * _increasing(arb.log, b)))
        return general_pow

    def _heaviside(self, e: sp.Heaviside) -> Node:
        arg = self.compile(e.args[0])
        h0 = sp.Heaviside(0, *e.args[1:])
        h0_val = sympy_number_to_arb(h0) if h0.is_Number and h0.is_finite else None

        def heaviside(x: arb) -> arb:
            v = _finite(arg(x))
            if v > 0:
                return arb(1)
            if v < 0:
                return arb(0)
            if h0_val is None:
                raise NotEnclosable(f"Heaviside(0) is undefined in {e}")
            if v.is_exact() and v.is_zero():
                return h0_val
            vals = [h0_val]
            if not (v <= 0):
                vals.append(arb(1))
            if not (v >= 0):
                vals.append(arb(0))
            return hull(*vals)
        return heaviside

    # -- Piecewise -----------------------------------------------------------------------------------------
    def _piecewise(self, e: sp.Piecewise) -> Node:
        branches = [(self.compile(expr), self._condition(cond)) for expr, cond in e.args]

        def piecewise(x: arb) -> arb:
            _finite(x, "argument")
            remaining: tuple[arb, arb] | None = (x.lower(), x.upper())
            values = []
            for node, cond in branches:
                if remaining is None:
                    break
                true_set, false_set = cond(remaining)
                if true_set is not None:
                    values.append(node(exact_hull(*true_set)))
                remaining = false_set
            if remaining is not None:
                raise NotEnclosable(f"Piecewise {e} may be undefined (no condition holds) on part of the ball")
            if not values:  # pragma: no cover - impossible: some branch must hold where defined
                raise NotEnclosable("empty Piecewise enclosure")
            return values[0] if len(values) == 1 else hull(*values)
        return piecewise

    def _condition(self, c: sp.Basic) -> Callable[[tuple[arb, arb]], tuple[Any, Any]]:
        """Compile a condition into a map: interval -> (where it may be true, where it may be false).

        Both parts are over-approximations (intervals ``(lo, hi)`` of exact arbs, or None for empty) of the
        points of the given interval at which the condition holds / fails.
        """
        if c is sp.true:
            return lambda s: (s, None)
        if c is sp.false:
            return lambda s: (None, s)
        if isinstance(c, sp.Not):
            inner = self._condition(c.args[0])
            return lambda s: tuple(reversed(inner(s)))
        if isinstance(c, (sp.And, sp.Or)):
            parts = [self._condition(a) for a in c.args]
            is_and = isinstance(c, sp.And)

            def combo(s):
                results = [p(s) for p in parts]
                trues = [r[0] for r in results]
                falses = [r[1] for r in results]
                if is_and:
                    return _intersect_all(trues), _union_all(falses)
                return _union_all(trues), _intersect_all(falses)
            return combo
        if isinstance(c, sp.core.relational.Relational):
            return self._relational(c)
        raise NotEnclosable(f"unsupported Piecewise condition {c}")

    def _relational(self, c: sp.core.relational.Relational):
        op = c.rel_op  # '<', '<=', '>', '>=', '==', '!='
        lhs, rhs = c.lhs, c.rhs
        if self.var is not None and rhs == self.var and lhs.is_number:
            lhs, rhs = rhs, lhs
            op = CONVERSE[op]
        if self.var is not None and lhs == self.var and rhs.is_number:
            const = self.compile(rhs)

            def simple(s):
                cv = _finite(const(arb(0)))
                cl, cu = cv.lower(), cv.upper()
                lo, hi = s
                # over-approximations of {x in s : x < c} / {x <= c} / {x >= c} / {x > c} (closures)
                lt = None if lo >= cu else (lo, hi if hi <= cu else cu)
                le = None if lo > cu else (lo, hi if hi <= cu else cu)
                ge = None if hi < cl else (lo if lo >= cl else cl, hi)
                gt = None if hi <= cl else (lo if lo >= cl else cl, hi)
                if op == "<":
                    return lt, ge
                if op == "<=":
                    return le, gt
                if op == ">":
                    return gt, le
                if op == ">=":
                    return ge, lt
                at = _clip(s, cl, cu)
                if op == "==":
                    return at, s
                return s, at  # '!='
            return simple
        diff = self.compile(lhs - rhs)

        def general(s):
            v = _finite(diff(exact_hull(*s)))
            holds = {"<": v < 0, "<=": v <= 0, ">": v > 0, ">=": v >= 0,
                     "==": v.is_exact() and v.is_zero(), "!=": v > 0 or v < 0}[op]
            fails = {"<": v >= 0, "<=": v > 0, ">": v <= 0, ">=": v < 0,
                     "==": v > 0 or v < 0, "!=": v.is_exact() and v.is_zero()}[op]
            return (None if fails else s), (None if holds else s)
        return general


# -- interval-set helpers for Piecewise (intervals are (lo, hi) with exact arb ends) ---------------------------
def _clip(s, lo_bound: arb | None, hi_bound: arb | None):
    if s is None:
        return None
    lo, hi = s
    if lo_bound is not None and lo_bound > lo:
        lo = lo_bound
    if hi_bound is not None and hi_bound < hi:
        hi = hi_bound
    return None if lo > hi else (lo, hi)


def _intersect_all(sets):
    out = sets[0]
    for s in sets[1:]:
        if out is None or s is None:
            return None
        out = _clip(out, s[0], s[1])
    return out


def _union_all(sets):
    live = [s for s in sets if s is not None]
    if not live:
        return None
    lo, hi = live[0]
    for a, b in live[1:]:
        if a < lo:
            lo = a
        if b > hi:
            hi = b
    return lo, hi


# -- elementary pieces -------------------------------------------------------------------------------------------
def _cosh(v: arb) -> arb:
    lo, hi = _endpoints(v)
    if lo < 0 < hi:
        return hull(arb(1), lo.cosh(), hi.cosh())
    return hull(lo.cosh(), hi.cosh())


_MINUS_INV_E_CACHE: dict[int, arb] = {}


def _lambertw(v: arb) -> arb:
    p = ctx.prec
    m = _MINUS_INV_E_CACHE.get(p)
    if m is None:
        m = _MINUS_INV_E_CACHE[p] = -(arb(-1).exp())
    if not (v.is_finite() and v >= m):
        raise NotEnclosable(f"LambertW of a ball not certainly >= -1/e: {v}")
    return _increasing(arb.lambertw, v)


def _abs(v: arb) -> arb:
    _finite(v)
    return exact_hull(v.abs_lower(), v.abs_upper())


def _sign(v: arb) -> arb:
    _finite(v)
    if v > 0:
        return arb(1)
    if v < 0:
        return arb(0) - 1
    if v.is_exact() and v.is_zero():
        return arb(0)
    lo = arb(0) if v >= 0 else arb(-1)
    hi = arb(0) if v <= 0 else arb(1)
    return exact_hull(lo, hi)


def _max2(a: arb, b: arb) -> arb:
    (al, ah), (bl, bh) = _endpoints(a), _endpoints(b)
    return exact_hull(al if al >= bl else bl, ah if ah >= bh else bh)


def _min2(a: arb, b: arb) -> arb:
    (al, ah), (bl, bh) = _endpoints(a), _endpoints(b)
    return exact_hull(al if al <= bl else bl, ah if ah <= bh else bh)


def _int_pow(v: arb, n: int) -> arb:
    _finite(v)
    if n == 0:
        return arb(1)
    if n < 0:
        if not _nonzero(v):
            raise NotEnclosable(f"negative power of a ball that may contain 0: {v}")
        return _finite(1 / _int_pow(v, -n))
    if n == 1:
        return v
    if v.is_exact():
        return _finite(v ** n)
    if n % 2 == 1:
        lo, hi = _endpoints(v)
        return hull(lo ** n, hi ** n)
    lo, hi = v.abs_lower(), v.abs_upper()
    return hull(lo ** n, hi ** n)


def _root(v: arb, q: int) -> arb:
    """v^(1/q) for a ball certainly >= 0 (checked by the caller), increasing."""
    def r(t: arb) -> arb:
        if t.is_exact() and t.is_zero():
            return arb(0)
        return t.sqrt() if q == 2 else t.root(q)
    return _increasing(r, v)


def _rational_pow(v: arb, p: int, q: int) -> arb:
    # SymPy's x**(p/q) with q > 1 is the principal (complex for x < 0) power: require x >= 0 (x > 0 if p < 0)
    ok = _certainly_positive(v) if p < 0 else _certainly_nonnegative(v)
    if not ok:
        raise NotEnclosable(f"x**({p}/{q}) needs a certainly {'positive' if p < 0 else 'nonnegative'} base, got {v}")
    return _int_pow(_root(v, q), p)


def _periodic(fn: Callable[[arb], arb]) -> Callable[[arb], arb]:
    """Arb's own ball formula; a ball containing a pole (tan, sec, cot) gives a non-finite ball, refused."""
    return lambda v: _finite(fn(_finite(v)))


def _sech(v: arb) -> arb:
    """Even, decreasing in |x|: the hull of the values at the smallest and largest |x| of the ball."""
    _finite(v)
    if v.is_exact():
        return _finite(v.sech())
    return hull(v.abs_lower().sech(), v.abs_upper().sech())


def _off_zero(fn: Callable[[arb], arb], name: str) -> Callable[[arb], arb]:
    """coth, csch: decreasing on each side of their pole at 0; the ball must exclude 0."""
    def g(v: arb) -> arb:
        if not _nonzero(v):
            raise NotEnclosable(f"{name} of a ball that may contain 0: {v}")
        return _decreasing(fn, v)
    return g


def _on_domain(f: Special) -> Callable[[arb], arb]:
    """A function monotone on its natural domain, an interval with integer ends (log, asin, acos, atanh, acosh,
    log1p; :mod:`symact.functions`): the ball must lie in the domain."""
    lo, hi, lo_closed, hi_closed = f.domain

    def g(v: arb) -> arb:
        inside = v.is_finite() and (lo is None or (v >= lo if lo_closed else v > lo)) and \
            (hi is None or (v <= hi if hi_closed else v < hi))
        if not inside:
            raise NotEnclosable(f"{f.name} of a ball not certainly inside its domain: {v}")
        return _increasing(f.arb, v)  # the hull of the end values serves both directions
    return g


#: One-argument functions: SymPy class -> interval extension of a ball.
_UNARY: dict[type, Callable[[arb], arb]] = {
    **{func: (lambda fn: lambda v: _increasing(fn, v))(fn) for func, fn in _INCREASING.items()},
    **{func: (lambda fn: lambda v: _decreasing(fn, v))(fn) for func, fn in _DECREASING.items()},
    **{head: _on_domain(f) for head, f in BY_HEAD.items() if f.domain is not None and f.monotone
       and all(isinstance(end, (int, type(None))) for end in f.domain[:2])},
    sp.cosh: _cosh, sp.LambertW: _lambertw, sp.Abs: _abs, sp.sign: _sign,
    sp.sin: _periodic(arb.sin), sp.cos: _periodic(arb.cos), sp.tan: _periodic(arb.tan),
    sp.sec: _periodic(arb.sec), sp.cot: _periodic(arb.cot), sp.sech: _sech,
    sp.coth: _off_zero(arb.coth, "coth"), sp.csch: _off_zero(arb.csch, "csch"),
}


def rel_accuracy_digits(v: arb) -> float:
    """Approximate number of correct significant decimal digits of a ball (0 when it contains 0)."""
    bits = v.rel_accuracy_bits()
    return max(0.0, bits * math.log10(2))

"""Certified bisection on top of :mod:`symact.interval.evaluate`: signs, roots, extrema.

All three searches work on boxes with exact dyadic ends (Python ``Fraction``), turned into ``arb`` balls
that contain them exactly, and run under a CPU-time budget and a box cap.  The enclosure of ``f`` over a
box is the natural interval extension, intersected (for smooth expressions, see :func:`is_smooth`) with the
mean-value form ``f(m) + f'(X) (X - m)``.

What they certify:

* :func:`sign_on_interval` -- ``proved`` only when every box of a cover of ``[lo, hi]`` has an enclosure on
  the wanted side; ``refuted`` only with an exact rational point of ``[lo, hi]`` whose value is certainly on
  the wrong side; otherwise ``unknown`` with the unsettled boxes.
* :func:`isolate_roots` -- every zero of ``f`` in ``[lo, hi]`` lies in one of the returned enclosures;
  ``unique=True`` means the enclosure holds exactly one zero (strict monotonicity from a derivative enclosure
  that excludes 0, plus a certified sign change or an exact zero at an end).
* :func:`enclose_extremum` -- a ball that contains ``max f`` (or ``min f``) over ``[lo, hi]``.

Ends that are not dyadic rationals (1/10, sqrt(2)) are rounded outward to dyadic box ends; counterexample
points are always checked to lie in the true ``[lo, hi]``.
"""
from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp
from flint import arb

from symact.budget import clock, deadline as decision_deadline, run_with_budget
from symact.interval.evaluate import (DEFAULT_PREC, ArbFunction, NotEnclosable, arb_constant, ball_from_fractions,
                                      exact_to_fraction, fraction_to_arb, is_smooth, working_precision)
from symact.verdict import Certificate

WANTS = (">0", ">=0", "<0", "<=0")
_OK = {">0": lambda v: v > 0, ">=0": lambda v: v >= 0, "<0": lambda v: v < 0, "<=0": lambda v: v <= 0}
_WRONG = {">0": lambda v: v <= 0, ">=0": lambda v: v < 0, "<0": lambda v: v >= 0, "<=0": lambda v: v > 0}


# ---------------------------------------------------------------------------------------------------------
# shared machinery
# ---------------------------------------------------------------------------------------------------------
def _is_dyadic(q: Fraction) -> bool:
    return q.denominator & (q.denominator - 1) == 0


def _fraction(v: Any) -> Fraction:
    r = sp.Rational(sp.sympify(v, strict=True))
    return Fraction(int(r.p), int(r.q))


def _to_sympy(q: Fraction) -> sp.Rational:
    return sp.Rational(q.numerator, q.denominator)


def decimal_lower(v: arb, digits: int = 10) -> str:
    """A decimal string that is certainly <= every point of ``v``."""
    mid, rad, exp = v.mid_rad_10exp(digits)
    return _sci(int(mid) - int(rad), int(exp))


def decimal_upper(v: arb, digits: int = 10) -> str:
    """A decimal string that is certainly >= every point of ``v``."""
    mid, rad, exp = v.mid_rad_10exp(digits)
    return _sci(int(mid) + int(rad), int(exp))


def _sci(n: int, e: int) -> str:
    """n * 10^e as a plain scientific string (exact: no rounding)."""
    if n == 0:
        return "0"
    sign, digits = ("-" if n < 0 else ""), str(abs(n))
    exp10 = e + len(digits) - 1
    body = digits[0] + ("." + digits[1:].rstrip("0") if digits[1:].rstrip("0") else "")
    return f"{sign}{body}e{exp10}" if exp10 else f"{sign}{body}"


class _Domain:
    """The closed interval [lo, hi] with SymPy ends, and a dyadic outer box [a, b] around it."""

    def __init__(self, lo: Any, hi: Any, prec: int):
        self.lo, self.hi = sp.sympify(lo, strict=True), sp.sympify(hi, strict=True)
        for end in (self.lo, self.hi):
            if not (end.is_number and end.is_finite is not False and end.is_real is not False):
                raise ValueError(f"interval ends must be finite real numbers, got {end}")
        self.lo_exact = self._exact(self.lo)
        self.hi_exact = self._exact(self.hi)
        with working_precision(max(prec, 128)):
            self.lo_ball = arb_constant(self.lo, max(prec, 128))
            self.hi_ball = arb_constant(self.hi, max(prec, 128))
            self.a = self.lo_exact if self.lo_exact is not None and _is_dyadic(self.lo_exact) \
                else exact_to_fraction(self.lo_ball.lower())
            self.b = self.hi_exact if self.hi_exact is not None and _is_dyadic(self.hi_exact) \
                else exact_to_fraction(self.hi_ball.upper())
        if self.a > self.b:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @staticmethod
    def _exact(v: sp.Basic) -> Fraction | None:
        return Fraction(int(v.p), int(v.q)) if isinstance(v, sp.Rational) else None

    def contains(self, p: Fraction) -> bool:
        """Certainly lo <= p <= hi."""
        if self.lo_exact is not None:
            ok_lo = self.lo_exact <= p
        else:
            with working_precision(256):
                ok_lo = bool(self.lo_ball <= fraction_to_arb(p))
        if self.hi_exact is not None:
            ok_hi = p <= self.hi_exact
        else:
            with working_precision(256):
                ok_hi = bool(fraction_to_arb(p) <= self.hi_ball)
        return ok_lo and ok_hi

    def certainly_outside(self, a: Fraction, b: Fraction) -> bool:
        with working_precision(256):
            return bool(fraction_to_arb(b) < self.lo_ball) or bool(fraction_to_arb(a) > self.hi_ball)

    def default_min_width(self, prec: int) -> Fraction:
        span = self.b - self.a
        scale = max(abs(self.a), abs(self.b), Fraction(1, 2**30))
        return max(span / 2**44, scale / 2**max(prec - 16, 20))


def switch_expressions(expr: sp.Expr) -> list[sp.Expr] | None:
    """Expressions whose certain non-vanishing on a box makes ``expr`` a single smooth branch there.

    Abs/sign/Heaviside arguments, pairwise differences of Max/Min arguments, and ``lhs - rhs`` of every
    relational in Piecewise conditions.  None when some construct has no such description.
    """
    out: list[sp.Expr] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
            out.append(node.args[0])
        elif isinstance(node, (sp.Max, sp.Min)):
            args = node.args
            out.extend(args[i] - args[j] for i in range(len(args)) for j in range(i + 1, len(args)))
        elif isinstance(node, sp.Piecewise):
            for _, cond in node.args:
                if not _condition_switches(cond, out):
                    return None
    return out


def _condition_switches(cond: sp.Basic, out: list[sp.Expr]) -> bool:
    if isinstance(cond, sp.logic.boolalg.BooleanAtom):
        return True
    if isinstance(cond, sp.core.relational.Relational):
        out.append(cond.lhs - cond.rhs)
        return True
    if isinstance(cond, (sp.And, sp.Or, sp.Not)):
        return all(_condition_switches(c, out) for c in cond.args)
    return False


class _Enclosure:
    """f compiled, with an optional derivative for the mean-value form.

    For smooth expressions (:func:`is_smooth`) the derivative is valid on every box where it is enclosable.
    For expressions with kinks or jumps it is used only on boxes where every "switch" (Abs argument, Piecewise
    condition ``lhs - rhs``, ...) is certainly nonzero, so that one smooth branch is active on the whole box;
    there ``DiracDelta`` terms of the symbolic derivative vanish and are dropped.
    """

    def __init__(self, expr: sp.Expr, var: sp.Symbol, prec: int, dexpr: sp.Expr | None = None,
                 derivative: bool = True, diff_budget: float = 2.0):
        self.expr = sp.sympify(expr, strict=True)
        self.var = var
        self.prec = prec
        self.f = ArbFunction(self.expr, var, prec)  # NotEnclosable propagates
        self.smooth = is_smooth(self.expr)
        self.df: ArbFunction | None = None
        self.switches: list[ArbFunction] = []
        self.dexpr = dexpr if self.smooth else None
        if not derivative:
            return
        if not self.smooth:
            switch_exprs = switch_expressions(self.expr)
            if switch_exprs is None:
                return
            try:
                self.switches = [ArbFunction(sp.sympify(e, strict=True), var, prec) for e in switch_exprs]
            except NotEnclosable:
                return
        def differentiate():
            d = sp.diff(self.expr, var)
            return d if self.smooth else d.replace(sp.DiracDelta, lambda *args: sp.S.Zero)
        given, self.dexpr = self.dexpr, None
        ok, value = run_with_budget(differentiate, diff_budget)
        if ok:
            self.dexpr = value
            if given is not None:
                # a caller's derivative is only a hint: use it when it provably equals ours
                same, zero = run_with_budget(lambda: sp.simplify(value - sp.sympify(given, strict=True)), diff_budget)
                if same and zero == 0:
                    self.dexpr = given
        if self.dexpr is not None:
            try:
                self.df = ArbFunction(sp.sympify(self.dexpr, strict=True), var, prec)
            except NotEnclosable:
                self.df = None

    def point(self, p: Fraction, prec: int | None = None) -> arb:
        return self.f(fraction_to_arb(p), prec=prec)

    def _single_branch(self, X: arb, prec: int | None) -> bool:
        for s in self.switches:
            try:
                v = s(X, prec=prec)
            except NotEnclosable:
                return False
            if not (v > 0 or v < 0):
                return False
        return True

    def box(self, a: Fraction, b: Fraction, prec: int | None = None) -> arb:
        """Enclosure of f over [a, b]: natural extension, intersected with the mean-value form."""
        if a == b:
            return self.point(a, prec)
        X = ball_from_fractions(a, b)
        v = self.f(X, prec=prec)
        if self.df is not None and self._single_branch(X, prec):
            try:
                d = self.df(X, prec=prec)
                m = (a + b) / 2
                fm = self.point(m, prec)
                with working_precision(prec or self.prec):
                    mv = fm + d * ball_from_fractions(-(b - a) / 2, (b - a) / 2)
                    try:
                        v = v.intersection(mv)
                    except ValueError:  # disjoint cannot happen for sound enclosures; keep the natural one
                        pass
            except NotEnclosable:
                pass
        return v

    def dbox(self, a: Fraction, b: Fraction, prec: int | None = None) -> arb | None:
        """Enclosure of f' over [a, b], only where f is one smooth branch on all of [a, b]; else None."""
        if self.df is None:
            return None
        X = ball_from_fractions(a, b)
        if not self._single_branch(X, prec):
            return None
        try:
            return self.df(X, prec=prec)
        except NotEnclosable:
            return None


def _sign(v: arb) -> int | None:
    """+1 / -1 when certain, 0 for an exact zero, None when uncertain."""
    if v > 0:
        return 1
    if v < 0:
        return -1
    if v.is_exact() and v.is_zero():
        return 0
    return None


def _merge(boxes: list[tuple[Fraction, Fraction]]) -> list[tuple[Fraction, Fraction]]:
    out: list[tuple[Fraction, Fraction]] = []
    for a, b in sorted(boxes):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# ---------------------------------------------------------------------------------------------------------
# sign on an interval
# ---------------------------------------------------------------------------------------------------------
@dataclass
class Counterexample:
    """An exact rational point of [lo, hi] and a certified enclosure of f there (certainly on the wrong side)."""

    point: sp.Rational
    value: arb

    @property
    def value_str(self) -> str:
        return self.value.str(15)

    def to_json(self) -> dict[str, Any]:
        return {"point": str(self.point), "value": self.value_str}


@dataclass
class IntervalResult:
    """Outcome of :func:`sign_on_interval`.

    ``status``: ``proved`` (every box settled), ``refuted`` (``counterexample`` is certified) or ``unknown``
    (``unsettled`` holds the merged boxes nobody could settle, ``reason`` says why).  ``bounds`` lists, for up to
    8 equal subintervals of [lo, hi], a certified decimal bound of f there (a lower bound for '>0'/'>=0', an
    upper bound for '<0'/'<=0'), from the settled boxes.
    """

    status: str
    expr: sp.Expr
    lo: sp.Expr
    hi: sp.Expr
    want: str
    boxes_checked: int = 0
    seconds: float = 0.0
    prec: int = DEFAULT_PREC
    counterexample: Counterexample | None = None
    unsettled: list[tuple[sp.Rational, sp.Rational]] = field(default_factory=list)
    reason: str = ""
    bounds: list[dict[str, str]] = field(default_factory=list)
    method: str = "natural interval extension"

    @property
    def proved(self) -> bool:
        return self.status == "proved"

    @property
    def refuted(self) -> bool:
        return self.status == "refuted"

    def to_certificate(self) -> Certificate:
        base = {"claim": f"{self.expr} {self.want[:-1]} 0 on [{self.lo}, {self.hi}]", "boxes": self.boxes_checked,
                "precision_bits": self.prec, "method": self.method, "seconds": round(self.seconds, 4)}
        if self.status == "refuted" and self.counterexample is not None:
            base.update(point=str(self.counterexample.point), value=self.counterexample.value_str,
                        check="f evaluated in arb at the exact point; the ball lies on the wrong side of 0")
            return Certificate("counterexample", base)
        if self.status == "proved":
            base.update(bounds=self.bounds,
                        check="every box of a cover of the interval has an arb enclosure on the wanted side")
            return Certificate("interval", base)
        base.update(reason=self.reason,
                    unsettled=[[str(a), str(b)] for a, b in self.unsettled[:20]],
                    unsettled_count=len(self.unsettled))
        return Certificate("evidence", base)


def sign_on_interval(expr: sp.Expr, var: sp.Symbol, lo: Any, hi: Any, *, want: str, budget_s: float = 5.0,
                     max_boxes: int = 20000, prec: int = DEFAULT_PREC, min_width: Any = None,
                     derivative: bool = True) -> IntervalResult:
    """Certify ``expr want`` (e.g. ``want='>0'``) for every ``var`` in the closed interval ``[lo, hi]``.

    Bisection (widest box first).  A box is settled when its enclosure is certainly on the wanted side; a box
    certainly on the wrong side, or a box midpoint whose exact value is, gives a certified counterexample.
    Boxes narrower than ``min_width`` that are still undecided (e.g. a touching zero under ``'>=0'``), and all
    boxes left when ``budget_s`` seconds or ``max_boxes`` boxes are spent, make the result ``unknown``.
    """
    if want not in WANTS:
        raise ValueError(f"want must be one of {WANTS}, got {want!r}")
    t0 = clock()
    deadline = min(t0 + budget_s, decision_deadline())
    expr = sp.sympify(expr, strict=True)
    result = IntervalResult("unknown", expr, sp.sympify(lo, strict=True), sp.sympify(hi, strict=True), want, prec=prec)

    def finish(status: str, reason: str = "") -> IntervalResult:
        result.status, result.reason = status, reason
        result.seconds = clock() - t0
        return result

    try:
        enc = _Enclosure(expr, var, prec, derivative=derivative, diff_budget=min(2.0, budget_s / 4))
    except NotEnclosable as exc:
        return finish("unknown", f"not enclosable: {exc}")
    if enc.df is not None:
        result.method = "natural interval extension intersected with the mean-value form"
    dom = _Domain(lo, hi, prec)
    ok, wrong = _OK[want], _WRONG[want]
    width_floor = _fraction(min_width) if min_width is not None else dom.default_min_width(prec)
    a0, b0 = dom.a, dom.b
    undefined_floor = max(width_floor, (b0 - a0) / 2**10)
    nbins = 8 if b0 > a0 else 1
    bins: list[arb | None] = [None] * nbins
    lower_side = want.startswith(">")

    def record(a: Fraction, b: Fraction, v: arb) -> None:
        bound = v.lower() if lower_side else v.upper()
        span = b0 - a0
        if span == 0:
            idx = [0]
        else:
            i0 = min(nbins - 1, int((a - a0) * nbins / span))
            i1 = min(nbins - 1, int((b - a0) * nbins / span))
            idx = range(i0, i1 + 1)
        for i in idx:
            cur = bins[i]
            if cur is None or (bound < cur if lower_side else bound > cur):
                bins[i] = bound

    def try_point(p: Fraction) -> Counterexample | None:
        if not dom.contains(p):
            return None
        try:
            v = enc.point(p)
        except NotEnclosable:
            return None
        return Counterexample(_to_sympy(p), v) if wrong(v) else None

    def refuted(cex: Counterexample) -> IntervalResult:
        result.counterexample = cex
        return finish("refuted", f"f({cex.point}) = {cex.value_str}")

    for p in (dom.lo_exact, dom.hi_exact):
        if p is not None:
            cex = try_point(p)
            if cex is not None:
                result.boxes_checked += 1
                return refuted(cex)

    counter = itertools.count()
    heap: list[tuple[Fraction, int, Fraction, Fraction]] = [(-(b0 - a0), next(counter), a0, b0)]
    unsettled: list[tuple[Fraction, Fraction]] = []
    undefined: list[tuple[Fraction, Fraction]] = []
    stop_reason = ""
    while heap:
        if clock() > deadline:
            stop_reason = f"time budget of {budget_s:g} s spent"
            break
        if result.boxes_checked >= max_boxes:
            stop_reason = f"box cap of {max_boxes} reached"
            break
        _, _, a, b = heapq.heappop(heap)
        result.boxes_checked += 1
        try:
            v = enc.box(a, b)
        except NotEnclosable:
            v = None
        if v is not None and ok(v):
            record(a, b, v)
            continue
        m = (a + b) / 2
        if v is None and b - a <= undefined_floor:
            unsettled.append((a, b))  # f not enclosable here (outside its domain?): do not refine forever
            undefined.append((a, b))
            continue
        if v is not None and wrong(v):
            for p in (m, a, b, (3 * a + b) / 4, (a + 3 * b) / 4):
                cex = try_point(p)
                if cex is not None:
                    return refuted(cex)
        cex = try_point(m)
        if cex is not None:
            return refuted(cex)
        if b - a <= width_floor:
            unsettled.append((a, b))
            continue
        heapq.heappush(heap, (-(m - a), next(counter), a, m))
        heapq.heappush(heap, (-(b - m), next(counter), m, b))
    leftover = unsettled + [(a, b) for _, _, a, b in heap]
    result.bounds = [{"from": f"{float(a0 + (b0 - a0) * i / nbins):.6g}",
                      "to": f"{float(a0 + (b0 - a0) * (i + 1) / nbins):.6g}",
                      ("min" if lower_side else "max"): (decimal_lower(bd) if lower_side else decimal_upper(bd))}
                     for i, bd in enumerate(bins) if bd is not None]
    if not leftover:
        return finish("proved")
    result.unsettled = [(_to_sympy(a), _to_sympy(b)) for a, b in _merge(leftover)]
    if not stop_reason and undefined:
        regions = ", ".join(f"[{float(a):.6g}, {float(b):.6g}]" for a, b in _merge(undefined)[:5])
        stop_reason = f"f has no certified real enclosure on {regions} (outside its domain, or too wide)"
    if not stop_reason:
        stop_reason = (f"{len(result.unsettled)} region(s) could not be settled down to width "
                       f"{float(width_floor):.3g} (e.g. a zero touching the bound)")
    return finish("unknown", stop_reason)


# ---------------------------------------------------------------------------------------------------------
# root isolation
# ---------------------------------------------------------------------------------------------------------
@dataclass
class RootEnclosure:
    """Zeros of f in ``[lo, hi]`` (exact rational ends); ``ball`` is the same enclosure as an arb ball.

    ``unique``: exactly one zero lies here (then ``simple`` says f' certainly != 0 on the enclosure, and
    ``converged`` whether the requested relative width was reached).  ``unique=False`` marks a region where
    zeros could not be resolved (a multiple zero, a cluster, a non-smooth f, or the budget): callers must
    treat it as unknown.
    """

    lo: sp.Rational
    hi: sp.Rational
    ball: arb
    unique: bool
    simple: bool | None = None
    converged: bool = False
    exact: bool = False

    @property
    def width(self) -> sp.Rational:
        return self.hi - self.lo

    def __repr__(self) -> str:
        if not self.unique:
            return f"RootEnclosure([{float(self.lo):.17g}, {float(self.hi):.17g}], unresolved)"
        return f"RootEnclosure({self.ball.str(17)}, unique{', exact' if self.exact else ''})"


def isolate_roots(expr: sp.Expr, var: sp.Symbol, lo: Any, hi: Any, *, dexpr: sp.Expr | None = None,
                  rtol: float = 1e-15, budget_s: float = 5.0, max_boxes: int = 20000,
                  prec: int = DEFAULT_PREC, min_width: Any = None) -> list[RootEnclosure]:
    """Certified isolation of the zeros of ``expr`` on ``[lo, hi]``, sorted by position.

    Every zero in ``[lo, hi]`` lies in one returned enclosure.  ``dexpr`` is a hint for the derivative: it is
    used when ``simplify(diff(expr) - dexpr)`` is 0, otherwise ``sympy.diff(expr)`` is.  Uniqueness needs a
    derivative enclosure that excludes 0 on a box where ``expr`` is one smooth branch.  Unique roots are refined by interval Newton (with bisection fallback) until the
    enclosure's relative width is at most ``rtol``.
    """
    t0 = clock()
    deadline = min(t0 + budget_s, decision_deadline())
    expr = sp.sympify(expr, strict=True)
    dom = _Domain(lo, hi, prec)
    try:
        enc = _Enclosure(expr, var, prec, dexpr=dexpr, diff_budget=min(2.0, budget_s / 4))
    except NotEnclosable:
        return [RootEnclosure(_to_sympy(dom.a), _to_sympy(dom.b), ball_from_fractions(dom.a, dom.b), False)]
    width_floor = _fraction(min_width) if min_width is not None else dom.default_min_width(prec)
    found: list[RootEnclosure] = []
    exact_points: set[Fraction] = set()
    unresolved: list[tuple[Fraction, Fraction]] = []
    refine_prec = max(prec, int(-math.log2(rtol)) + 40) if rtol > 0 else prec
    undefined_floor = max(width_floor, (dom.b - dom.a) / 2**10)

    def point_sign(p: Fraction) -> int | None:
        try:
            return _sign(enc.point(p))
        except NotEnclosable:
            return None

    def classify_monotone(a: Fraction, b: Fraction) -> str:
        """With f' != 0 on [a, b]: 'done' (handled) or 'open' (f not enclosable or end signs uncertain)."""
        try:
            enc.box(a, b)  # f must be defined (hence continuous: smooth class) on all of [a, b]
        except NotEnclosable:
            return "open"
        sa, sb = point_sign(a), point_sign(b)
        if sa is None or sb is None:
            return "open"
        if sa == 0 or sb == 0:
            p = a if sa == 0 else b
            if p not in exact_points:
                exact_points.add(p)
                found.append(RootEnclosure(_to_sympy(p), _to_sympy(p), fraction_to_arb(p), True, True, True, True))
            return "done"
        if sa != sb:
            found.append(refine(a, b, sa, sb))
        return "done"

    def refine(a: Fraction, b: Fraction, sa: int, sb: int) -> RootEnclosure:
        converged = False
        for _ in range(400):
            if a < 0 < b and point_sign(Fraction(0)) == 0:
                a = b = Fraction(0)  # the unique root is exactly 0
                converged = True
                break
            # relative width; absolute 2^-40 rtol for a box still straddling 0
            scale = min(abs(a), abs(b)) if (a > 0 or b < 0) else Fraction(1, 2**40)
            if b - a <= Fraction(rtol) * scale:
                converged = True
                break
            if clock() > deadline:
                break
            m = (a + b) / 2
            try:
                fm = enc.point(m, refine_prec)
                d = enc.dbox(a, b, refine_prec)
            except NotEnclosable:
                break
            sm = _sign(fm)
            if sm == 0:
                a = b = m
                converged = True
                break
            na, nb = a, b
            if d is not None and (d > 0 or d < 0):
                with working_precision(refine_prec):
                    newton = fraction_to_arb(m) - fm / d
                    if newton.is_finite():
                        try:
                            nl, nu = exact_to_fraction(newton.lower()), exact_to_fraction(newton.upper())
                            na, nb = max(a, nl), min(b, nu)
                        except NotEnclosable:  # absurd exponent: skip the Newton step
                            pass
            if sm == sa:
                na = max(na, m)
            elif sm == sb:
                nb = min(nb, m)
            if na > nb or (na == a and nb == b):
                break  # no progress at this precision
            a, b = na, nb
        with working_precision(refine_prec):
            ball = ball_from_fractions(a, b)
        return RootEnclosure(_to_sympy(a), _to_sympy(b), ball, True, True, converged, a == b)

    counter = itertools.count()
    heap: list[tuple[Fraction, int, Fraction, Fraction]] = [(-(dom.b - dom.a), next(counter), dom.a, dom.b)]
    boxes = 0
    if dom.a == dom.b:
        heap = []
        if point_sign(dom.a) != 0 and point_sign(dom.a) is not None:
            return []
        unresolved.append((dom.a, dom.b))
    while heap:
        if clock() > deadline or boxes >= max_boxes:
            break
        _, _, a, b = heapq.heappop(heap)
        boxes += 1
        try:
            v = enc.box(a, b)
        except NotEnclosable:
            v = None
        if v is not None and (v > 0 or v < 0):
            continue
        if v is None and b - a <= undefined_floor:
            unresolved.append((a, b))  # f not enclosable here: do not refine forever
            continue
        d = enc.dbox(a, b) if v is not None else None
        if d is not None and (d > 0 or d < 0):
            if classify_monotone(a, b) == "done":
                continue
        if b - a <= width_floor:
            unresolved.append((a, b))
            continue
        m = a + (b - a) * Fraction(31, 64)  # off-centre split: roots at round numbers rarely hit a box end
        heapq.heappush(heap, (-(m - a), next(counter), a, m))
        heapq.heappush(heap, (-(b - m), next(counter), m, b))
    unresolved.extend((a, b) for _, _, a, b in heap)
    for a, b in _merge(unresolved):
        d = enc.dbox(a, b)
        if d is not None and (d > 0 or d < 0) and classify_monotone(a, b) == "done":
            continue
        found.append(RootEnclosure(_to_sympy(a), _to_sympy(b), ball_from_fractions(a, b), False))
    found = [r for r in found if not dom.certainly_outside(Fraction(int(r.lo.p), int(r.lo.q)),
                                                            Fraction(int(r.hi.p), int(r.hi.q)))]
    found.sort(key=lambda r: (r.lo, r.hi))
    return found


# ---------------------------------------------------------------------------------------------------------
# extrema
# ---------------------------------------------------------------------------------------------------------
@dataclass
class Extremum:
    """A certified enclosure of ``max`` (or ``min``) of f over [lo, hi].

    ``value`` contains the extremum; ``location`` (exact ends ``location_lo``/``location_hi``, ball
    ``location_ball``) contains every point where it can be attained; ``at_endpoint`` is ``'lo'``/``'hi'``
    when it is certainly attained only at that end, ``None`` otherwise.  ``status`` is ``'ok'`` when
    ``value`` is a finite certified enclosure and ``'unknown'`` otherwise; ``converged`` says whether it has
    the requested relative accuracy.
    """

    kind: str
    status: str
    value: arb | None = None
    location_lo: sp.Rational | None = None
    location_hi: sp.Rational | None = None
    location_ball: arb | None = None
    at_endpoint: str | None = None
    converged: bool = False
    method: str = ""
    boxes_checked: int = 0
    seconds: float = 0.0
    reason: str = ""
    candidates: int = 0

    @property
    def location(self) -> arb | None:
        """The location enclosure as an arb ball (same as ``location_ball``)."""
        return self.location_ball

    @property
    def digits(self) -> float:
        if self.value is None:
            return 0.0
        if self.value.is_exact():
            return math.inf
        return max(0.0, self.value.rel_accuracy_bits() * math.log10(2))

    def to_certificate(self) -> Certificate:
        exact = self.value is not None and self.value.is_exact()
        data = {"kind": self.kind, "value": self.value.str(20) if self.value is not None else None,
                "location": [str(self.location_lo), str(self.location_hi)], "at_endpoint": self.at_endpoint,
                "method": self.method, "boxes": self.boxes_checked,
                "digits": "exact" if exact else round(self.digits, 1)}
        return Certificate("interval" if self.status == "ok" else "evidence", data)


def enclose_extremum(expr: sp.Expr, var: sp.Symbol, lo: Any, hi: Any, kind: str = "max", *,
                     rtol: float = 1e-15, budget_s: float = 10.0, max_boxes: int = 20000,
                     prec: int = DEFAULT_PREC) -> Extremum:
    """Certified enclosure of ``max`` (``kind='max'``) or ``min`` of ``expr`` over the closed ``[lo, hi]``.

    Smooth expressions: the zeros of f' are isolated (:func:`isolate_roots` with f''), and the extremum is the
    largest of f at those zeros and at the ends.  Otherwise (or when some zero of f' stays unresolved) a
    branch-and-bound over boxes gives the enclosure.
    """
    if kind not in ("max", "min"):
        raise ValueError("kind must be 'max' or 'min'")
    t0 = clock()
    deadline = min(t0 + budget_s, decision_deadline())
    expr = sp.sympify(expr, strict=True)
    g = expr if kind == "max" else -expr  # maximise g
    out = Extremum(kind, "unknown")

    def done(res: Extremum) -> Extremum:
        res.seconds = clock() - t0
        if kind == "min" and res.value is not None:
            res.value = -res.value
        return res

    try:
        dom = _Domain(lo, hi, prec)
        enc = _Enclosure(g, var, prec, diff_budget=min(2.0, budget_s / 4))
    except NotEnclosable as exc:
        out.reason = f"not enclosable: {exc}"
        return done(out)
    eval_prec = max(prec, int(-math.log2(rtol)) + 40) if rtol > 0 else prec
    if enc.smooth and enc.df is not None and dom.a < dom.b:
        res = _extremum_by_critical_points(enc, var, dom, kind, rtol, deadline, max_boxes, prec, eval_prec)
        if res is not None:
            return done(res)
    res = _extremum_by_branch_and_bound(enc, dom, kind, rtol, deadline, max_boxes, eval_prec)
    return done(res)


def _end_values(enc: _Enclosure, dom: _Domain, eval_prec: int) -> list[tuple[arb, Fraction, Fraction, str | None]]:
    out = []
    for end, exact, side in ((dom.lo, dom.lo_exact, "lo"), (dom.hi, dom.hi_exact, "hi")):
        if exact is not None:
            out.append((enc.point(exact, eval_prec), exact, exact, side))
        else:
            with working_precision(eval_prec):
                ball = arb_constant(end, eval_prec)
                v = enc.f(ball, prec=eval_prec)
                a, b = exact_to_fraction(ball.lower()), exact_to_fraction(ball.upper())
            out.append((v, a, b, side))
    return out


def _pick(cands: list[tuple[arb, Fraction, Fraction, str | None]], res: Extremum, eval_prec: int,
          rtol: float) -> Extremum:
    with working_precision(eval_prec):
        best_lo = cands[0][0].lower()
        for v, *_ in cands[1:]:
            if v.lower() > best_lo:
                best_lo = v.lower()
        best_hi = cands[0][0].upper()
        for v, *_ in cands[1:]:
            if v.upper() > best_hi:
                best_hi = v.upper()
        live = [c for c in cands if c[0].upper() >= best_lo]
        from symact.interval.evaluate import exact_hull
        res.value = exact_hull(best_lo, best_hi)
        la = min(c[1] for c in live)
        lb = max(c[2] for c in live)
        res.location_lo, res.location_hi = _to_sympy(la), _to_sympy(lb)
        res.location_ball = ball_from_fractions(la, lb)
        sides = {c[3] for c in live} - {None}
        # certainly attained only at one end: every live candidate is that exact end point
        res.at_endpoint = sides.pop() if len(sides) == 1 and la == lb else None
        res.status = "ok"
        res.converged = _accurate(res.value, rtol)
        res.candidates = len(cands)
    return res


def _extremum_by_critical_points(enc, var, dom, kind, rtol, deadline, max_boxes, prec, eval_prec):
    dexpr = enc.dexpr
    ok, ddexpr = run_with_budget(lambda: sp.diff(dexpr, var), max(0.1, min(2.0, deadline - clock())))
    if not ok:
        return None
    roots = isolate_roots(dexpr, var, dom.lo, dom.hi, dexpr=ddexpr, rtol=rtol,
                          budget_s=max(0.1, (deadline - clock()) / 2), max_boxes=max_boxes, prec=prec)
    if any(not r.unique for r in roots):
        return None
    if not _defined_everywhere(enc, dom, deadline):
        return None
    try:
        cands = _end_values(enc, dom, eval_prec)
        for r in roots:
            a, b = Fraction(int(r.lo.p), int(r.lo.q)), Fraction(int(r.hi.p), int(r.hi.q))
            if not (dom.contains(a) and dom.contains(b)):
                return None  # a critical point straddles an irrational end
            cands.append((enc.box(a, b, eval_prec), a, b, None))
    except NotEnclosable:
        return None
    res = Extremum(kind, "unknown", method="critical points (isolated zeros of f') and end values")
    return _pick(cands, res, eval_prec, rtol)


def _defined_everywhere(enc: _Enclosure, dom: _Domain, deadline: float, max_boxes: int = 4000) -> bool:
    """Certify that f is enclosable (so defined, and continuous in the smooth class) on a cover of [a, b]."""
    stack = [(dom.a, dom.b)]
    floor = dom.default_min_width(enc.prec)
    count = 0
    while stack:
        a, b = stack.pop()
        count += 1
        if count > max_boxes or clock() > deadline:
            return False
        try:
            enc.f(ball_from_fractions(a, b))
            continue
        except NotEnclosable:
            pass
        if b - a <= floor:
            return False
        m = (a + b) / 2
        stack.extend([(a, m), (m, b)])
    return True


def _extremum_by_branch_and_bound(enc, dom, kind, rtol, deadline, max_boxes, eval_prec):
    res = Extremum(kind, "unknown", method="branch and bound")
    try:
        cands = _end_values(enc, dom, eval_prec)
    except NotEnclosable as exc:
        res.reason = f"not enclosable at an end: {exc}"
        return res
    with working_precision(eval_prec):
        best = max((c[0].lower() for c in cands), key=exact_to_fraction)
    counter = itertools.count()
    heap: list[tuple[Fraction, int, Fraction, Fraction, arb]] = []
    width_floor = dom.default_min_width(eval_prec)
    undefined_floor = max(width_floor, (dom.b - dom.a) / 2**10)

    def push(a: Fraction, b: Fraction) -> None:
        try:
            v = enc.box(a, b, eval_prec)
            key = -exact_to_fraction(v.upper())
        except NotEnclosable:
            v, key = arb.nan(), Fraction(-10**300)
        heapq.heappush(heap, (key, next(counter), a, b, v))

    push(dom.a, dom.b)
    finals: list[tuple[arb, Fraction, Fraction, str | None]] = []
    stopped_early = False
    while heap:
        if clock() > deadline or res.boxes_checked >= max_boxes:
            stopped_early = True
            break
        key, _, a, b, v = heapq.heappop(heap)
        res.boxes_checked += 1
        if v.is_finite() and v.upper() < best:
            continue
        top = -key
        if v.is_finite() and top - exact_to_fraction(best) <= Fraction(rtol) * abs(exact_to_fraction(best)):
            finals.append((v, a, b, None))
            continue
        m = (a + b) / 2
        if dom.contains(m):
            try:
                fm = enc.point(m, eval_prec)
                if fm.lower() > best:
                    best = fm.lower()
            except NotEnclosable:
                pass
        if b - a <= width_floor or (not v.is_finite() and b - a <= undefined_floor):
            finals.append((v, a, b, None))
            if not v.is_finite():
                break  # no finite enclosure here: the result is unknown anyway
            continue
        push(a, m)
        push(m, b)
    remaining = finals + [(v, a, b, None) for _, _, a, b, v in heap]
    if any(not v.is_finite() for v, *_ in remaining):
        res.reason = "some boxes have no finite enclosure"
        return res
    with working_precision(eval_prec):
        live = [c for c in remaining if c[0].upper() >= best] or remaining
        best_hi = max((c[0].upper() for c in live), key=exact_to_fraction) if live else best
        if best_hi < best:
            best_hi = best
        from symact.interval.evaluate import exact_hull
        res.value = exact_hull(best, best_hi)
        if live:
            la, lb = min(c[1] for c in live), max(c[2] for c in live)
            res.location_lo, res.location_hi = _to_sympy(la), _to_sympy(lb)
            res.location_ball = ball_from_fractions(la, lb)
        res.status = "ok"
        res.converged = _accurate(res.value, rtol)
    if not res.converged:
        res.reason = ("budget spent before the requested accuracy" if stopped_early
                      else "the requested accuracy was not reached at the smallest box width")
    return res


def _accurate(value: arb, rtol: float) -> bool:
    """Radius within ``rtol`` relative (absolute 2^-20 rtol for values near 0)."""
    scale = value.abs_upper()
    floor = arb(2) ** -20
    if scale < floor:
        scale = floor
    return bool(value.rad() <= scale * arb(rtol) * 4)

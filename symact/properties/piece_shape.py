"""Certified shape analysis of one smooth piece: all roots of an expression on an open interval, the sign of
the derivative between critical points, and the sup / inf with where they are attained.

The argument behind every answer is complete:

* roots come from ``solveset`` (exact), or from a monotone decomposition (the roots of h' split the interval
  into pieces on which h is strictly monotone, so each piece holds at most one root, located by a certified
  sign change and ``arb`` bisection), or, on a bounded window, from ``arb`` interval subdivision where h' has
  a certified sign; unbounded tails of the window are covered by an explicit dominance bound for
  exponential polynomials (:func:`symact.decide.asymptotics.tail_sign`).
* signs between roots are read at a rational test point in ``arb`` arithmetic (h is continuous and has no
  root there).
* limits at the ends come from :func:`symact.decide.asymptotics.limit_value` (exact dominance for
  exponential polynomials, SymPy's Gruntz algorithm otherwise).

Whatever cannot be completed raises :class:`Undecided` with the reason; callers turn it into ``unknown``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import flint
import sympy as sp

from symact.catalog.registry import X
from symact.decide import balls
from symact.decide.analyze import verified_solution
from symact.decide.asymptotics import end_values, limit_within, tail_radius
from symact.decide.context import Context, attempt, exact_zero, order, simplify_special
from symact.decide.pattern import Undecided
from symact.interval import ball_text, exact_ball

MAX_DEPTH = 2


@dataclass
class Pt:
    """A point: exact when ``exact`` is set; ``ball`` always encloses it."""

    ball: flint.arb
    exact: sp.Expr | None = None

    @classmethod
    def of(cls, value: sp.Expr) -> "Pt":
        v = Value.of(value)
        if v.infinite:
            raise Undecided(f"{value} is not a point of the real line")
        return cls(v.ball, v.exact)

    @property
    def float(self) -> float:
        return float(self.exact) if self.exact is not None and self.exact.is_Rational else float(self.ball.mid())

    def __repr__(self) -> str:
        return f"Pt({self.exact if self.exact is not None else ball_text(self.ball, 15)})"


@dataclass
class Value:
    """A number that is exact (a SymPy expression, possibly +-oo) and/or a certified ball."""

    exact: sp.Expr | None
    ball: flint.arb | None

    @classmethod
    def of(cls, value: sp.Expr) -> "Value":
        value = sp.sympify(value, strict=True)
        if value in (sp.oo, -sp.oo):
            return cls(value, None)
        b = balls.enclose(value)
        if b is None:
            raise Undecided(f"cannot enclose {value}")
        return cls(value, b)

    @property
    def closed_form(self) -> sp.Expr | None:
        """``exact`` where it is a closed form to print as exact: None without one and for a value computed from
        Float constants (Float arithmetic rounds: selu's inf, the product of two 32-digit Floats, is 2e-32 off)."""
        return None if self.exact is None or self.exact.has(sp.Float) else self.exact

    @property
    def infinite(self) -> int:
        return 1 if self.exact == sp.oo else (-1 if self.exact == -sp.oo else 0)

    @property
    def float(self) -> float:
        if self.infinite:
            return math.inf * self.infinite
        return float(self.ball.mid())

    def sign(self) -> int | None:
        if self.infinite:
            return self.infinite
        if self.ball > 0:
            return 1
        if self.ball < 0:
            return -1
        if self.exact is not None and _is_zero(self.exact):
            return 0
        return None


def _budget(seconds: float) -> Context:
    return Context.start(X, seconds)


def _is_zero(expr: sp.Expr, seconds: float = 2.0) -> bool:
    """True only when ``expr`` simplifies exactly to 0 within the time (see :func:`exact_zero`)."""
    try:
        return exact_zero(expr, _budget(seconds), seconds)
    except Undecided:
        return False


def compare(a: Value, b: Value) -> int:
    """-1, 0 or 1 for a < b, a == b, a > b (certified, see :func:`symact.decide.context.order`); raises
    Undecided when it cannot tell."""
    return order(a.exact, a.ball, b.exact, b.ball, _budget(4.0))


# --------------------------------------------------------------------------- limits and evaluation
def limit(expr: sp.Expr, point: sp.Expr, direction: str = "+", seconds: float = 6.0) -> Value:
    """The one-sided limit as a :class:`Value` (see :func:`symact.decide.asymptotics.limit_value`)."""
    return Value.of(_from_floats(expr, limit_within(expr, X, point, direction, seconds)))


def _from_floats(expr: sp.Expr, value: sp.Expr) -> sp.Expr:
    """A limit of an expression with Float constants stays a Float: SymPy's limit replaces Floats by rationals
    (nsimplify), and selu' -> 1.0507... * 1.6732... at 0- came out as the rational product of the rounded
    decimals, 2e-34 below the product of the Floats and no closed form (the kernel refutes it as exact)."""
    return sp.Float(value, 40) if expr.has(sp.Float) and value.is_Rational else value


def value_at(expr: sp.Expr, point: Pt) -> Value:
    """The value of a smooth expression at a point: exact (simplified) for exact points, else a ball."""
    if point.exact is not None:
        raw = expr.subs(X, point.exact)
        ok, simple = attempt(lambda: _simplify_value(raw), 3.0)
        exact = simple if ok else raw
        if exact.has(sp.nan, sp.zoo):
            raise Undecided(f"{expr} is not defined at {point.exact}")
        return Value.of(exact)
    b = balls.enclose(expr, point.ball)
    if b is None:
        raise Undecided(f"cannot enclose {expr} near {point}")
    return Value(None, b)


def _simplify_value(raw: sp.Expr) -> sp.Expr:
    """simplify, and also with exp(b + k W(a)) = exp(b) (a / W(a))^k applied first (:func:`simplify_special`;
    Swish's minimum is -W(1/e)); the shorter form wins."""
    plain = sp.simplify(raw)
    if not raw.has(sp.LambertW):
        return plain
    candidate = sp.simplify(simplify_special(raw))
    return candidate if sp.count_ops(candidate) < sp.count_ops(plain) else plain


def _sign_at(expr: sp.Expr, q: sp.Rational) -> int:
    for prec in (128, 512):
        b = balls.enclose(expr, q, bits=prec)
        if b is None:
            raise Undecided(f"cannot evaluate {expr} at {q}")
        if b > 0:
            return 1
        if b < 0:
            return -1
    if _is_zero(expr.subs(X, q)):
        return 0
    raise Undecided(f"the sign of {expr} at {q} is not decided")


def _rational_between(lo: sp.Expr, hi: sp.Expr, lo_pt: Pt | None = None, hi_pt: Pt | None = None) -> sp.Rational:
    """A simple rational strictly inside (lo, hi); infinite ends allowed."""
    lo_f = None if lo == -sp.oo else (lo_pt.ball.upper() if lo_pt else balls.enclose(lo).upper())
    hi_f = None if hi == sp.oo else (hi_pt.ball.lower() if hi_pt else balls.enclose(hi).lower())
    if lo_f is None and hi_f is None:
        return sp.Integer(0)
    if lo_f is None:
        return sp.floor(balls.to_rational(hi_f, "mid")) - 1
    if hi_f is None:
        return sp.ceiling(balls.to_rational(lo_f, "mid")) + 1
    lq, hq = balls.to_rational(lo_f, "mid"), balls.to_rational(hi_f, "mid")
    if not lq < hq:
        raise Undecided("two critical points could not be separated")
    # prefer a short rational: try denominators 1, 2, 4, ...
    for den in (1, 2, 4, 8, 16, 64, 256, 4096, 2**20, 2**40):
        cand = sp.ceiling(lq * den + sp.Rational(1, 2)) / sp.Integer(den)
        if lq < cand < hq:
            return cand
    return (lq + hq) / 2


def _inside(p: Pt, a: sp.Expr, b: sp.Expr) -> bool:
    lo_ok = a == -sp.oo or p.ball > balls.enclose(a)
    hi_ok = b == sp.oo or p.ball < balls.enclose(b)
    if lo_ok is True and hi_ok is True:
        return True
    if p.exact is not None:
        return bool(sp.Interval.open(a, b).contains(p.exact) == sp.true)
    raise Undecided(f"cannot decide whether {p} lies in ({a}, {b})")


# --------------------------------------------------------------------------- roots
def roots(h: sp.Expr, a: sp.Expr, b: sp.Expr, depth: int = 0, solve: bool = True) -> list[Pt]:
    """Every root of the smooth expression ``h`` on the open interval (a, b), in increasing order."""
    if not h.has(X):
        return [] if not _is_zero(h) else _everywhere(a, b)
    equation = h
    if solve:
        ok, sol = attempt(lambda: sp.solveset(h, X, sp.Interval.open(a, b)), 3.0)
        if ok:
            if sol is sp.S.EmptySet:
                return []
            if isinstance(sol, sp.FiniteSet) and all(s.is_real and s.is_number for s in sol):
                pts = [Pt.of(s) for s in sol]
                pts = [p for p in pts if _inside(p, a, b)]
                return sorted(pts, key=lambda p: p.float)
            if isinstance(sol, sp.ConditionSet) and isinstance(sol.condition, sp.Eq):
                equation = sol.condition.lhs - sol.condition.rhs
            if isinstance(sol, sp.Interval) or sol == sp.Interval.open(a, b):
                return _everywhere(a, b)
            if not isinstance(sol, sp.ConditionSet) and sol.is_finite_set is False:
                raise Undecided(f"{h} has infinitely many roots ({sol})")
    reasons = []
    try:
        return _attach_exact(equation, _roots_by_subdivision(h, a, b))
    except Undecided as exc:
        reasons.append(str(exc))
    if depth < MAX_DEPTH:
        for candidate in dict.fromkeys([h, equation]):
            try:
                return _attach_exact(candidate, _roots_monotone(candidate, a, b, depth))
            except Undecided as exc:
                reasons.append(str(exc))
    raise Undecided(reasons[0] if reasons else f"could not locate the roots of {h}")


def _everywhere(a: sp.Expr, b: sp.Expr) -> list[Pt]:
    raise Undecided(f"the expression vanishes on the whole interval ({a}, {b})")


def _roots_monotone(h: sp.Expr, a: sp.Expr, b: sp.Expr, depth: int) -> list[Pt]:
    dh = sp.diff(h, X)
    crit = roots(dh, a, b, depth + 1)
    ends: list[tuple[sp.Expr, Pt | None]] = [(a, None)] + [(c.exact if c.exact is not None else sp.Float(c.float), c) for c in crit] + [(b, None)]
    found: list[Pt] = []
    # values of h at the segment ends
    vals: list[Value] = []
    for k, (pos, pt) in enumerate(ends):
        if pt is None:
            if pos in (sp.oo, -sp.oo):
                vals.append(limit(h, pos, "-" if pos == sp.oo else "+"))
            else:
                vals.append(limit(h, pos, "+" if k == 0 else "-"))
        else:
            vals.append(value_at(h, pt))
    for k in range(len(ends) - 1):
        (lo, lo_pt), (hi, hi_pt) = ends[k], ends[k + 1]
        s_lo, s_hi = vals[k].sign(), vals[k + 1].sign()
        if s_lo is None or s_hi is None:
            raise Undecided("h at a critical point is too close to 0 to decide")
        if k + 1 < len(ends) - 1 and s_hi == 0:
            found.append(hi_pt)  # h vanishes at its own critical point (a double root)
        if s_lo * s_hi < 0:
            found.append(_bisect(h, lo, hi, lo_pt, hi_pt, s_lo, s_hi))
    return found


def _finite_probe(h: sp.Expr, end: sp.Expr, other: sp.Expr, other_pt: Pt | None, want: int) -> sp.Rational:
    """A rational between ``end`` (infinite) and ``other`` at which h has the sign ``want``."""
    start = _rational_between(*((end, other, None, other_pt) if end == -sp.oo else (other, end, other_pt, None)))
    step = sp.Integer(1)
    q = start
    for _ in range(40):
        if _sign_at(h, q) == want:
            return q
        q = q - step if end == -sp.oo else q + step
        step *= 2
    raise Undecided("could not find a point with the sign of the limit at infinity")


def _end_rational(h: sp.Expr, end: sp.Expr, end_pt: Pt | None, other: sp.Expr, other_pt: Pt | None,
                  want: int, left: bool) -> sp.Rational:
    """A rational inside the segment, next to its ``end``, where h has the sign ``want``."""
    if end in (sp.oo, -sp.oo):
        return _finite_probe(h, end, other, other_pt, want)
    if end_pt is None and end.is_Rational:
        try:
            if _sign_at(h, end) == want:
                return end
        except Undecided:
            pass
    return _shrink_toward(h, end, end_pt, other, other_pt, want, left)


def _bisect(h: sp.Expr, lo: sp.Expr, hi: sp.Expr, lo_pt: Pt | None, hi_pt: Pt | None, s_lo: int, s_hi: int) -> Pt:
    lq = sp.Rational(_end_rational(h, lo, lo_pt, hi, hi_pt, s_lo, left=True))
    hq = sp.Rational(_end_rational(h, hi, hi_pt, lo, lo_pt, s_hi, left=False))
    for _ in range(300):
        if hq - lq <= sp.Rational(1, 2**64) * max(1, abs(lq)):
            break
        mid = sp.Rational(sp.Float((lq + hq) / 2, 40))
        if not lq < mid < hq:
            mid = (lq + hq) / 2
        s = _sign_at(h, mid)
        if s == 0:
            return Pt(exact_ball(mid, balls.PREC), mid)
        if s == s_lo:
            lq = mid
        else:
            hq = mid
    return Pt(balls.interval(lq, hq), None)


def _shrink_toward(h: sp.Expr, end: sp.Expr, end_pt: Pt | None, other: sp.Expr, other_pt: Pt | None,
                   want: int, left: bool) -> sp.Rational:
    """A rational just inside the segment next to ``end`` at which h still has the sign ``want``."""
    base = end_pt.ball if end_pt is not None else balls.enclose(end)
    far = other if other in (sp.oo, -sp.oo) else None
    width = sp.Rational(1, 2)
    if far is None:
        ob = other_pt.ball if other_pt is not None else balls.enclose(other)
        width = abs(balls.to_rational(ob, "mid") - balls.to_rational(base, "mid")) / 2
    edge = balls.to_rational(base, "hi" if left else "lo")
    for _ in range(60):
        q = edge + width if left else edge - width
        try:
            if _sign_at(h, q) == want:
                return q
        except Undecided:
            pass
        width /= 4
    raise Undecided("could not bracket a root next to a critical point")


def _attach_exact(h: sp.Expr, found: list[Pt]) -> list[Pt]:
    """The roots with a closed form from ``solve`` where one lies in the root's enclosure and is verified
    exactly (:func:`symact.decide.analyze.verified_solution`)."""
    if not found or all(p.exact is not None for p in found) or sp.count_ops(h) > 16:
        return found
    ok, sols = attempt(lambda: sp.solve(h, X), 1.5)
    if not ok or not isinstance(sols, list):
        return found
    out = []
    for p in found:
        exact = None
        if p.exact is None:
            exact = verified_solution(h, sols, balls.to_rational(p.ball, "lo"), balls.to_rational(p.ball, "hi"),
                                      _budget(3.0))
        ball = balls.enclose(exact) if exact is not None else None
        out.append(Pt(ball, exact) if ball is not None else p)
    return out


# --------------------------------------------------------------------------- numeric fallback
def _window(a: sp.Expr, b: sp.Expr, h: sp.Expr) -> tuple[sp.Rational, sp.Rational]:
    lo = a if a != -sp.oo else None
    hi = b if b != sp.oo else None
    if lo is None:
        lo = -tail_radius(h, X, -1)
    if hi is None:
        hi = tail_radius(h, X, 1)
    return lo, hi


def _stable(h: sp.Expr) -> sp.Expr:
    """The same function with 1 - tanh(u)^2 written as sech(u)^2 (no cancellation in ball arithmetic)."""
    swap = {t**2: 1 - sp.sech(t.args[0])**2 for t in h.atoms(sp.tanh)}
    return h.xreplace(swap) if swap else h


def _roots_by_subdivision(h: sp.Expr, a: sp.Expr, b: sp.Expr) -> list[Pt]:
    """Roots of h on (a, b) by arb subdivision on a bounded window; the tails by the dominance certificate
    (:func:`symact.decide.asymptotics.tail_radius`)."""
    lo, hi = _window(a, b, h)
    dh = _stable(sp.diff(h, X))
    h = _stable(h)
    found: list[Pt] = []
    stack = [(sp.Rational(lo), sp.Rational(hi))]
    open_lo, open_hi = lo == a, hi == b  # finite ends of the interval itself are excluded
    budget = 4000
    while stack:
        budget -= 1
        if budget < 0:
            raise Undecided("interval subdivision did not isolate the roots")
        u, v = stack.pop()
        box = balls.interval(u, v)
        prec = 128 if v - u > sp.Rational(1, 64) else 512
        val = balls.enclose(h, box, bits=prec)
        if val is not None and (val > 0 or val < 0):
            continue
        dval = balls.enclose(dh, box, bits=prec)
        if dval is not None and (dval > 0 or dval < 0):
            su = _sign_at_end(h, u, open_lo and u == lo)
            sv = _sign_at_end(h, v, open_hi and v == hi)
            if su is not None and sv is not None:
                if su == 0 and not (open_lo and u == lo):
                    found.append(Pt.of(u))
                elif su * sv < 0:
                    found.append(_bisect(h, u, v, None, None, su, sv))
                continue
        if v - u < sp.Rational(1, 2**30):
            raise Undecided("interval subdivision met a root it could not isolate (a double root?)")
        m = (u + v) / 2
        stack.append((m, v))
        stack.append((u, m))
    uniq: list[Pt] = []
    for p in sorted(found, key=lambda p: p.float):
        if not uniq or not uniq[-1].ball.overlaps(p.ball):
            uniq.append(p)
    return uniq


def _sign_at_end(h: sp.Expr, q: sp.Rational, excluded: bool) -> int | None:
    try:
        return _sign_at(h, q)
    except Undecided:
        return None if not excluded else None


# --------------------------------------------------------------------------- shape and extremes
@dataclass
class Shape:
    """The critical points of g on (a, b) and the sign of g' on each open segment between them."""

    a: sp.Expr
    b: sp.Expr
    crit: list[Pt]
    signs: list[int]
    constant: bool = False

    def segments(self) -> list[tuple[sp.Expr, sp.Expr, Pt | None, Pt | None, int]]:
        ends = [(self.a, None)] + [(c.exact if c.exact is not None else sp.Float(c.float, 30), c) for c in self.crit] + [(self.b, None)]
        return [(ends[k][0], ends[k + 1][0], ends[k][1], ends[k + 1][1], self.signs[k]) for k in range(len(self.signs))]


def shape(g: sp.Expr, a: sp.Expr, b: sp.Expr) -> Shape:
    dg = sp.diff(g, X)
    if not dg.has(X) and _is_zero(dg):
        return Shape(a, b, [], [0], constant=True)
    if not g.has(X):
        return Shape(a, b, [], [0], constant=True)
    crit = roots(dg, a, b)
    shp = Shape(a, b, crit, [0] * (len(crit) + 1))
    shp.signs = [_sign_at(dg, _rational_between(lo, hi, lo_pt, hi_pt)) for lo, hi, lo_pt, hi_pt, _ in shp.segments()]
    if any(s == 0 for s in shp.signs):
        if _is_zero(dg):
            return Shape(a, b, [], [0], constant=True)
        raise Undecided("the derivative vanishes at a test point")
    return shp


@dataclass
class Extreme:
    """sup or inf of g over a set: the value, whether it is attained, and where."""

    value: Value
    attained: bool
    at: list[Any] = field(default_factory=list)  # Pt or sp.Interval


def extremes(g: sp.Expr, a: sp.Expr, b: sp.Expr, closed_a: bool, closed_b: bool,
             shp: Shape | None = None) -> tuple[Extreme, Extreme]:
    """(inf, sup) of the smooth g over the interval from a to b (ends closed as given)."""
    shp = shp or shape(g, a, b)
    if shp.constant:
        v = Value.of(sp.simplify(g))
        where = sp.Interval(a, b, not closed_a, not closed_b)
        return Extreme(v, True, [where]), Extreme(v, True, [where])
    cands: list[tuple[Value, bool, Any]] = []
    for k, c in enumerate(shp.crit):
        left, right = shp.signs[k], shp.signs[k + 1]
        if left != right:
            cands.append((value_at(g, c), True, c))
    for end, value, attained in end_values(g, X, a, b, closed_a, closed_b, _budget(12.0), 6.0):
        value = _from_floats(g, value)
        cands.append((Value.of(sp.simplify(value)), True, Pt.of(end)) if attained else (Value.of(value), False, end))
    return _pick(cands, -1), _pick(cands, 1)


def _pick(cands: list[tuple[Value, bool, Any]], want: int) -> Extreme:
    """The largest (want=1) or smallest (want=-1) candidate (value, attained, place), ties merged."""
    best: list[tuple[Value, bool, Any]] = []
    for cand in cands:
        c = compare(cand[0], best[0][0]) if best else want
        if c == want:
            best = [cand]
        elif c == 0:
            best.append(cand)
    value = next((b[0] for b in best if b[0].exact is not None), best[0][0])
    return Extreme(value, any(b[1] for b in best), [b[2] for b in best if b[1]])


def combine(parts: list[Extreme], want: int) -> Extreme:
    """The extreme over a union from the extremes over its parts."""
    best = _pick([(p.value, p.attained, p) for p in parts], want)
    return Extreme(best.value, best.attained, merge_places([w for part in best.at for w in part.at]))


def merge_places(at: list[Any]) -> list[Any]:
    """Join adjacent intervals and exact points where a value is attained: (-oo, -1) and {-1} -> (-oo, -1]."""
    sets = [w for w in at if isinstance(w, sp.Set)] + [sp.FiniteSet(w.exact) for w in at
                                                      if isinstance(w, Pt) and w.exact is not None]
    loose = [w for w in at if isinstance(w, Pt) and w.exact is None]
    if not sets:
        return at
    union = sp.Union(*sets)
    parts = list(union.args) if isinstance(union, sp.Union) else [union]
    out: list[Any] = []
    for part in parts:
        if isinstance(part, sp.FiniteSet):
            out.extend(Pt.of(v) for v in part)
        else:
            out.append(part)
    return out + loose

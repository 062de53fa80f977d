"""The properties of a scalar activation, each decided with a certified verdict.

``analyze(target)`` returns a :class:`PropertyReport` with one :class:`~symact.verdict.Verdict` per key of
:data:`KEYS`; every key also has its own function (``range_``, ``monotonic``, ``convex``, ...) taking the same
arguments.  A target is a catalog name, a catalog :class:`~symact.catalog.Activation`, or a SymPy expression
in ``symact.X``.

Valued properties (``range``, ``continuity``, ``derivative_max``, ...) are ``proved`` when the value is
certified and ``unknown`` otherwise; yes/no properties are ``proved`` when they hold and ``refuted`` (with a
re-checked counterexample or a proof of the negation) when they do not.  All of it rests on the shared facts
of :mod:`.function_facts`: the exact piecewise structure, the certified shape of f and f' on each piece
(:mod:`.piece_shape`), limits at the ends, and one-sided derivatives at the breakpoints.

Convex means f(t a + (1-t) b) <= t f(a) + (1-t) f(b) for all a, b and t in [0, 1]: the U shape (some
textbooks call this "concave up" or, confusingly, "concave").
"""
from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping

import sympy as sp

from symact import calculus
from symact.budget import clock, deadline, limit
from symact.catalog import X, get
from symact.catalog.registry import Activation, VectorActivation
from symact.definitions import DEFINITIONS
from symact import display
from symact.display import formula, set_latex, set_text
from symact.errors import ExpressionError, ParameterError, SymactError, UnknownActivationError
from symact.interval import ball_text, working_precision
from symact.properties.function_facts import Facts
from symact.properties.piece_shape import Extreme, Pt, Undecided, Value
from symact.verdict import Certificate, Derivation, Verdict

#: The property keys, in table order.
KEYS: tuple[str, ...] = ("range", "bounded_above", "bounded_below", "monotonic", "convex", "concave",
                         "continuity", "differentiable", "derivative_max", "derivative_min", "lipschitz",
                         "saturation", "non_saturating", "zero_at_origin", "odd", "range_has_both_signs",
                         "identity_near_origin", "extrema")

#: Keys whose verdict is a yes/no claim (``refuted`` means "does not hold"); the others carry a value.
YES_NO: frozenset[str] = frozenset({"bounded_above", "bounded_below", "monotonic", "convex", "concave",
                                    "differentiable", "non_saturating", "zero_at_origin", "odd",
                                    "range_has_both_signs", "identity_near_origin"})

CONVEX_NOTE = ("convex means f(t a + (1-t) b) <= t f(a) + (1-t) f(b) for all a, b, t in [0, 1] "
               "(the U shape; some textbooks swap the words convex and concave)")
#: what every property is about, said under the text report
REAL_NOTE = "f is a real function of a real x: every property is over all real x"
DEFAULT_BUDGET = 60.0


# ============================================================================ subjects
@dataclass
class Subject:
    name: str
    expr: sp.Expr
    entry: Activation | None = None
    params: dict[str, str] = field(default_factory=dict)
    #: the expression as the user wrote it (``x**2/x`` a quotient, undefined at 0), which the kernel gate checks
    #: the verdicts against; None: ``expr`` itself
    written: sp.Expr | None = None
    #: the expression as the catalog prints it (selu's 32-digit Float constants), which the report shows; None:
    #: ``expr`` itself
    printed: sp.Expr | None = None


def subject(target: Any, params: Mapping[str, Any] | None = None) -> Subject:
    """Resolve a catalog name, catalog entry or SymPy expression in x into a :class:`Subject`."""
    params = dict(params or {})
    if isinstance(target, Subject) and not params:
        return target
    if isinstance(target, str):
        try:
            target = get(target)
        except UnknownActivationError:
            if re.fullmatch(r"[\w\- ]*", target):
                raise
            raise UnknownActivationError(target, [], hint=f"to analyse an expression use "
                                                          f"symact.analyze(expr={target!r})") from None
    if isinstance(target, VectorActivation):
        raise ParameterError(f"{target.name} is a vector activation; properties are defined for scalar ones")
    if isinstance(target, Activation):
        printed = target.f(params)
        expr = decimal_constants(printed)
        shown = {k: str(target.param(k).validate(v)) for k, v in params.items()}
        return Subject(target.name, expr, target, shown, printed=printed if expr != printed else None)
    if params:
        raise ParameterError("parameters apply to catalog activations, not to expressions")
    if isinstance(target, (int, float)):
        target = sp.sympify(target, strict=True)
    if not isinstance(target, sp.Basic):
        raise ExpressionError(f"cannot analyse {type(target).__name__}; give a catalog name or a SymPy expression")
    expr = sp.sympify(target, strict=True)
    stray = [s for s in expr.free_symbols if s != X]
    if stray:
        # accept a plain Symbol('x') by mapping it onto the real X
        mapping = {s: X for s in stray if s.name == "x"}
        expr = expr.xreplace(mapping)
        stray = [s for s in expr.free_symbols if s != X]
    if stray:
        raise ExpressionError(f"the expression may use only the variable x, not {', '.join(sorted(map(str, stray)))}")
    return Subject(str(expr), expr)


def decimal_constants(expr: sp.Expr) -> sp.Expr:
    """``expr`` with each Float constant read as the decimal it prints: a catalog constant given by its digits
    (selu's 32-digit alpha and scale) is that decimal exactly, as a parameter value is
    (:meth:`~symact.catalog.registry.Param.validate`), so selu's inf f = -sup f' = -scale*alpha is their exact
    rational product, not a Float rounding of it."""
    return expr.xreplace({c: sp.Rational(str(c)) for c in expr.atoms(sp.Float)})


_FACTS: dict[tuple[str, float, float], Facts] = {}


def facts_for(expr: sp.Expr, budget: float = DEFAULT_BUDGET) -> Facts:
    """The facts of ``expr``, shared by the properties of one decision (one :func:`analyze`): what they
    remember (an ``unknown`` of a stage that ran out of time included) belongs to that decision's budget, so a
    later decision, or a property decided outside any, starts from fresh facts."""
    if deadline() == math.inf:
        return Facts(expr, budget)
    key = (sp.srepr(expr), budget, deadline())
    f = _FACTS.get(key)
    if f is None:
        if len(_FACTS) > 64:
            _FACTS.clear()
        f = _FACTS[key] = Facts(expr, budget)
    return f


# ============================================================================ JSON helpers
def number_json(value: Value | sp.Expr | None) -> dict[str, Any] | None:
    """``{"exact": "<SymPy string>", "text": "<as read>", "latex", "float": number | "oo" | "-oo"}``, plus
    ``enclosure`` (a certified ball) when the value is not rational; ``exact`` is null without a closed form
    (:attr:`Value.closed_form`)."""
    if value is None:
        return None
    if not isinstance(value, Value):
        value = Value.of(sp.sympify(value, strict=True))
    if value.infinite:
        return {"exact": str(value.exact), "text": formula(value.exact), "latex": sp.latex(value.exact),
                "float": "oo" if value.infinite > 0 else "-oo"}
    out: dict[str, Any] = {"exact": None, "text": None, "latex": None, "float": float(value.float)}
    exact = value.closed_form
    if exact is not None:
        out.update(exact=str(exact), text=formula(exact), latex=sp.latex(exact))
    if exact is None or not (exact.is_Rational or exact.is_Integer):
        out["enclosure"] = ball_text(value.ball, 20)
    return out


def point_json(where: Any) -> dict[str, Any]:
    """A point as a number (see :func:`number_json`), or a stretch ``{"interval": "[0, 6]", "latex"}``."""
    if isinstance(where, Pt):
        out: dict[str, Any] = {"exact": None, "text": None, "latex": None, "float": where.float}
        if where.exact is not None:
            out.update(exact=str(where.exact), text=formula(where.exact), latex=sp.latex(where.exact))
        if where.exact is None or not where.exact.is_Rational:
            out["enclosure"] = ball_text(where.ball, 20)
        return out
    if isinstance(where, sp.Set):
        ends = [{sp.oo: "oo", -sp.oo: "-oo"}.get(v, None) or float(v) for v in (where.inf, where.sup)]
        return {"interval": set_text(where), "latex": set_latex(where), "ends": ends, "float": None}
    return {"exact": str(where), "text": formula(where), "latex": sp.latex(where), "float": float(where)}


def _text_point(where: Any) -> str:
    if isinstance(where, Pt):
        return formula(where.exact) if where.exact is not None else ball_text(where.ball, 16)
    return formula(where)


def extreme_json(e: Extreme) -> dict[str, Any]:
    out = number_json(e.value) or {}
    out["attained"] = bool(e.attained)
    out["at"] = [point_json(w) for w in e.at]
    return out


def _num_text(v: Value) -> str:
    """The exact value, else a ball (12 digits for a value computed from Float constants: the kernel confirms
    those to a relative 10^-12, see kernel_claims.confirmed_end)."""
    if v.closed_form is not None:
        return formula(v.closed_form)
    return ball_text(v.ball, 16 if v.exact is None else 12)


# ============================================================================ verdict helpers
def _verdict(status: str, statement: str, method: str, start: float, *, value: Any = None,
             certificate: Certificate | None = None, derivation: Derivation | None = None, reason: str = "",
             extra: dict[str, Any] | None = None) -> Verdict:
    v = Verdict(status, statement, "", method, certificate, derivation or Derivation(),
                time.perf_counter() - start, reason, value)
    if extra:
        v.evidence.update({"_extra": extra})
    return v


def _unknown(statement: str, start: float, exc: Exception | str, method: str = "") -> Verdict:
    reason = "; ".join(dict.fromkeys(part.strip() for part in str(exc).split(";")))  # no repeated clauses
    return _verdict("unknown", statement, method or "shape analysis", start, reason=reason)


def _guard(key: str, statement: Callable[[Subject], str]):
    """Decorator: resolve the target, time the decision, turn an Undecided into an ``unknown`` verdict."""
    def wrap(fn: Callable[[Subject, Facts, float], Verdict]):
        def public(target: Any, params: Mapping[str, Any] | None = None, budget: float = DEFAULT_BUDGET) -> Verdict:
            subj = target if isinstance(target, Subject) else subject(target, params)
            start = time.perf_counter()
            facts = facts_for(subj.expr, budget)
            try:
                v = fn(subj, facts, start)
            except Undecided as exc:
                v = _unknown(statement(subj), start, exc)
            except (ArithmeticError, ValueError, TypeError, NotImplementedError, AttributeError, RecursionError,
                    KeyError, IndexError) as exc:  # a SymPy corner case: never a traceback, never a guess
                if isinstance(exc, SymactError):
                    raise
                v = _unknown(statement(subj), start, " ".join(f"{type(exc).__name__}: {exc}".split()))
            v.latex = display.latex_statement(key, sp.latex(subj.expr), v.status, v.value)
            return v
        public.__name__ = fn.__name__
        public.__doc__ = fn.__doc__
        public.key = key  # type: ignore[attr-defined]
        public.statement = statement  # type: ignore[attr-defined]
        return public
    return wrap


def _f(subj: Subject) -> str:
    return subj.name if subj.entry is not None else f"f(x) = {subj.name}"


# ============================================================================ counterexample search
def _find_pair(facts: Facts, want: int) -> tuple[sp.Rational, sp.Rational, Any, Any] | None:
    """x1 < x2 with f(x1) < f(x2) (want=1) or f(x1) > f(x2) (want=-1), certified in arb."""
    pts = facts.probe_points()
    vals = [(q, facts.f_ball(q)) for q in pts]
    vals = [(q, b) for q, b in vals if b is not None]
    for (q1, b1), (q2, b2) in zip(vals, vals[1:]):
        if (want > 0 and b1 < b2) or (want < 0 and b1 > b2):
            return q1, q2, b1, b2
    return None


def _find_triple(facts: Facts, want: int) -> tuple[sp.Rational, sp.Rational, sp.Rational] | None:
    """a < b < c with f(b) above the chord (want=1: refutes convexity) or below it (want=-1)."""
    pts = sorted(facts.probe_points(), key=abs)
    for h in (sp.Rational(1, 1000), sp.Rational(1, 100), sp.Rational(1, 10), sp.Rational(1, 2), sp.Integer(2)):
        for b in pts:
            a, c = b - h, b + h
            fa, fb, fc = facts.f_ball(a), facts.f_ball(b), facts.f_ball(c)
            if fa is None or fb is None or fc is None:
                continue
            chord = (fa + fc) / 2
            if (want > 0 and fb > chord) or (want < 0 and fb < chord):
                return a, b, c
    return None


def _chord_certificate(facts: Facts, triple: tuple[sp.Rational, sp.Rational, sp.Rational], want: int) -> Certificate:
    a, b, c = triple
    fa, fb, fc = facts.f_ball(a), facts.f_ball(b), facts.f_ball(c)
    rel = ">" if want > 0 else "<"
    return Certificate("counterexample", {
        "points": [str(a), str(b), str(c)], "lambda": "1/2",
        "f": [ball_text(v, 20) for v in (fa, fb, fc)],
        "check": f"f({b}) {rel} (f({a}) + f({c}))/2, certified in arb ball arithmetic"})


# ============================================================================ the properties
def _extreme_by_decider(expr: sp.Expr, facts: Facts, exc: Exception) -> tuple[Extreme, Extreme]:
    """(inf, sup) of a smooth expression on R from :func:`symact.decide.extremum`, or re-raise ``exc``."""
    import flint

    from symact import decide

    out = []
    for kind in ("inf", "sup"):
        budget = max(1.0, min(10.0, facts.deadline - clock()))
        v = decide.extremum(expr, kind, budget=budget)
        if v.status != "proved" or v.value is None:
            raise Undecided(f"{exc}; the general extremum decider: {v.reason}")
        e = v.value
        with working_precision(256):
            if e.exact is not None:
                value = Value.of(e.exact)
            else:
                value = Value(None, flint.arb(e.enclosure))
            at = []
            for w in e.at:
                if isinstance(w, str):
                    at.append(Pt(flint.arb(w), None))
                elif isinstance(w, sp.Set):
                    at.append(w)
                else:
                    at.append(Pt.of(w))
        out.append(Extreme(value, bool(e.attained), at))
    return out[0], out[1]


def _d_range(facts: Facts) -> tuple[Extreme, Extreme]:
    try:
        return facts.d_range
    except Undecided as exc:
        expr = _smooth_whole_line(facts, exc)
        return _extreme_by_decider(sp.diff(expr, X), facts, exc)


def _range_pair(facts: Facts) -> tuple[Extreme, Extreme]:
    try:
        return facts.f_range
    except Undecided as exc:
        expr = _smooth_whole_line(facts, exc)
        try:
            return _extreme_by_decider(expr, facts, exc)
        except Undecided:
            pass
        # a smooth monotone function on R: the range runs between the limits at -oo and +oo
        signs = _sign_by_decider(sp.diff(expr, X), facts, exc)
        if len(signs) != 1:
            raise
        lims = facts.tail_limits
        lo, hi = (lims["-oo"], lims["oo"]) if 1 in signs else (lims["oo"], lims["-oo"])
        if lo.infinite != -1 or hi.infinite != 1:
            raise
        return Extreme(lo, False, []), Extreme(hi, False, [])


@_guard("range", lambda s: f"the image of R under {_f(s)}")
def range_(subj: Subject, facts: Facts, start: float) -> Verdict:
    """The image f(R) as an interval with exact ends, and whether each end is attained.

    For a discontinuous f the image need not be an interval (binary_step's is {0, 1}): the value is then the
    smallest interval containing f(R), marked ``"hull": true``, and the exact image is added where every piece
    is constant or affine.
    """
    lo, hi = _range_pair(facts)
    value = {"lower": dict(number_json(lo.value), closed=bool(lo.attained)),
             "upper": dict(number_json(hi.value), closed=bool(hi.attained))}
    left = "[" if lo.attained else "("
    right = "]" if hi.attained else ")"
    text = f"{left}{_num_text(lo.value)}, {_num_text(hi.value)}{right}"
    if facts.continuity_order != -1:
        d = Derivation().say(f"f(R) = {text}: the inf and sup of f over each piece, from its critical points "
                             "(roots of f') and the limits at the ends, compared in certified arithmetic; f is "
                             "continuous, so by the intermediate value theorem every value in between is taken")
        return _verdict("proved", f"the range of {_f(subj)} is {text}", "shape analysis + limits", start,
                        value=value, certificate=Certificate("symbolic", {"range": text}), derivation=d)
    image = _piecewise_affine_image(subj.expr)
    value.update(hull=True, image=None if image is None else set_text(image))
    d = Derivation().say(f"inf f and sup f give {text}; f is discontinuous, so {text} is only the smallest "
                         "interval containing f(R)")
    statement = f"the smallest interval containing the range of {_f(subj)} is {text}"
    if image is not None:
        d.say(f"every piece is constant or affine, so f(R) is the union of the images of the pieces: "
              f"{value['image']}")
        statement += f" (the range itself is {value['image']})"
    return _verdict("proved", statement, "shape analysis + limits", start, value=value,
                    certificate=Certificate("symbolic", {"hull": text, "image": value["image"]}), derivation=d)


def _piecewise_affine_image(expr: sp.Expr) -> sp.Set | None:
    """f(R) exactly when every piece of f is constant or affine in x, else None."""
    image: sp.Set = sp.S.EmptySet
    for piece in calculus.pieces(expr):
        poly = sp.Poly(piece.expr, X) if piece.expr.is_polynomial(X) else None
        if poly is None or poly.degree() > 1:
            return None
        image = sp.Union(image, sp.imageset(sp.Lambda(X, piece.expr), piece.interval))
    return image


def _bounded(subj: Subject, facts: Facts, start: float, side: int) -> Verdict:
    lo, hi = _range_pair(facts)
    e = hi if side > 0 else lo
    word = "above" if side > 0 else "below"
    statement = f"{_f(subj)} is bounded {word}"
    if e.value.infinite:
        cert = Certificate("limit", {"sup" if side > 0 else "inf": str(e.value.exact)})
        return _verdict("refuted", statement, "shape analysis + limits", start, value=number_json(e.value),
                        certificate=cert, derivation=Derivation().say(
                            f"{'sup' if side > 0 else 'inf'} f = {e.value.exact}"))
    return _verdict("proved", statement, "shape analysis + limits", start, value=number_json(e.value),
                    certificate=Certificate("symbolic", {"bound": _num_text(e.value)}),
                    derivation=Derivation().say(f"{'sup' if side > 0 else 'inf'} f = {_num_text(e.value)}"))


@_guard("bounded_above", lambda s: f"{_f(s)} is bounded above")
def bounded_above(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f <= M on R for some M (value: the sup)."""
    return _bounded(subj, facts, start, 1)


@_guard("bounded_below", lambda s: f"{_f(s)} is bounded below")
def bounded_below(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f >= m on R for some m (value: the inf)."""
    return _bounded(subj, facts, start, -1)


def _monotone_info(facts: Facts) -> tuple[set[int], list[str], bool]:
    """(signs of f' over all segments, downward/upward jumps, any constant stretch)."""
    signs: set[int] = set()
    constant = False
    for _, shp in facts.shapes:
        signs.update(shp.signs)
        constant = constant or shp.constant
    jumps = []
    for s in facts.sides:
        for a, b in ((s.left[0], s.value), (s.value, s.right[0])):
            va, vb = Value.of(a), Value.of(b)
            c = _cmp(va, vb)
            if c < 0:
                jumps.append("up")
            elif c > 0:
                jumps.append("down")
    return signs, jumps, constant


def _smooth_whole_line(facts: Facts, exc: Exception) -> sp.Expr:
    """The expression when f is one smooth piece on R (the case the general deciders handle), else re-raise."""
    if len(facts.pieces) != 1 or facts.pieces[0].interval != sp.S.Reals or facts.singular:
        raise exc
    return facts.pieces[0].expr


def _sign_by_decider(expr: sp.Expr, facts: Facts, exc: Exception) -> set[int]:
    """The signs taken by ``expr`` on R as far as :func:`symact.decide.sign` proves them: {1}, {-1} or {1, -1}."""
    from symact import decide

    budget = max(1.0, min(10.0, facts.deadline - clock()))
    nonneg = decide.sign(expr, ">=0", budget=budget)
    if nonneg.status == "proved":
        return {1}
    nonpos = decide.sign(expr, "<=0", budget=budget)
    if nonpos.status == "proved":
        return {-1}
    if nonneg.status == "refuted" and nonpos.status == "refuted":
        return {1, -1}
    raise Undecided(f"{exc}; the general sign decider could not settle it either ({nonneg.reason or nonpos.reason})")


def _monotone_by_decider(facts: Facts, exc: Exception) -> tuple[set[int], list[str], bool]:
    expr = _smooth_whole_line(facts, exc)
    d = sp.diff(expr, X)
    if d == 0:
        return {0}, [], True
    return _sign_by_decider(d, facts, exc), [], False


def _cmp(a: Value, b: Value) -> int:
    from symact.properties.piece_shape import compare
    return compare(a, b)


@_guard("monotonic", lambda s: f"{_f(s)} is monotonic on R")
def monotonic(subj: Subject, facts: Facts, start: float) -> Verdict:
    """Non-decreasing or non-increasing on R; ``strictly_monotonic`` is reported alongside."""
    statement = f"{_f(subj)} is monotonic on R"
    try:
        signs, jumps, constant = _monotone_info(facts)
    except Undecided as exc:
        signs, jumps, constant = _monotone_by_decider(facts, exc)
    pos = 1 in signs or "up" in jumps
    neg = -1 in signs or "down" in jumps
    d = Derivation().say(f"signs of f' on the pieces between critical points: {sorted(signs)}; "
                         f"jumps at breakpoints: {jumps or 'none'}")
    if pos and neg:
        up = _find_pair(facts, 1)
        down = _find_pair(facts, -1)
        if up is None or down is None:
            raise Undecided("f' changes sign but no certified counterexample pair was found")
        cert = Certificate("counterexample", {
            "increasing": [str(up[0]), str(up[1]), ball_text(up[2], 16), ball_text(up[3], 16)],
            "decreasing": [str(down[0]), str(down[1]), ball_text(down[2], 16), ball_text(down[3], 16)]})
        d.say(f"f({up[0]}) < f({up[1]}) and f({down[0]}) > f({down[1]}) (certified): neither non-decreasing "
              "nor non-increasing")
        v = _verdict("refuted", statement, "sign of f' + certified counterexample", start, value="neither",
                     certificate=cert, derivation=d)
        v.evidence["_extra"] = {"strictly_monotonic": {"status": "refuted", "value": False}}
        return v
    direction = "constant" if not pos and not neg else ("non-decreasing" if pos else "non-increasing")
    strict = not constant and direction != "constant"
    d.say(f"f' {'>=' if pos else '<='} 0 on every piece and no jump against it: f is {direction}"
          + ("; no piece is constant and the zeros of f' are isolated, so it is strictly monotonic" if strict else
             "; a constant stretch means it is not strictly monotonic"))
    cert = Certificate("symbolic", {"derivative signs": sorted(signs), "jumps": jumps})
    v = _verdict("proved", statement, "sign of f' on every piece", start,
                 value="increasing" if strict and pos else ("decreasing" if strict else direction),
                 certificate=cert, derivation=d)
    v.evidence["_extra"] = {"strictly_monotonic": {"status": "proved" if strict else "refuted", "value": strict}}
    return v


def _curvature_events(facts: Facts) -> list[tuple[Any, Any, int]]:
    """Left-to-right (start, end, sign) of the curvature: f'' segments and kinks (sign of the derivative jump)."""
    events: list[tuple[Any, Any, int]] = []
    kink_at = {s.point: s for s in facts.kinks}
    for p, _, shp in facts.dshapes:
        if p.interval.inf in kink_at:
            s = kink_at.pop(p.interval.inf)
            jump = Value.of(sp.simplify(s.right[1] - s.left[1])) if len(s.left) > 1 else None
            sign = jump.sign() if jump is not None else None
            if sign:
                events.append((s.point, s.point, sign))
        for lo, hi, lo_pt, hi_pt, sign in shp.segments():
            events.append((lo_pt or lo, hi_pt or hi, 0 if shp.constant else sign))
    return events


def _inflections(facts: Facts) -> list[Any]:
    events = [e for e in _curvature_events(facts) if e[2] != 0]
    out: list[Any] = []
    for e1, e2 in zip(events, events[1:]):
        if out and e1[0] is e1[1] and len(out) and out[-1] == e1[0]:
            continue  # a kink counted on both of its sides
        if e1[2] == e2[2]:
            continue
        end, begin = e1[1], e2[0]
        same = end is begin or (not isinstance(end, Pt) and not isinstance(begin, Pt) and end == begin)
        if same:
            out.append(end)
        elif isinstance(end, Pt) and isinstance(begin, Pt) and end.exact is not None and end.exact == begin.exact:
            out.append(end)
        else:
            lo = end.exact if isinstance(end, Pt) and end.exact is not None else (end if not isinstance(end, Pt) else sp.Float(end.float, 20))
            hi = begin.exact if isinstance(begin, Pt) and begin.exact is not None else (begin if not isinstance(begin, Pt) else sp.Float(begin.float, 20))
            out.append(sp.Interval(lo, hi) if lo != hi else lo)
    return out


def _convexity(subj: Subject, facts: Facts, start: float, want: int) -> Verdict:
    word = "convex" if want > 0 else "concave"
    statement = f"{_f(subj)} is {word} on R ({'U' if want > 0 else 'cap'} shape)"
    d = Derivation().say(CONVEX_NOTE)
    bad = None
    if facts.jumps:
        bad = f"f jumps at {facts.jumps[0].point}; a {word} function on R is continuous"
    else:
        try:
            curvature = [(p, set(shp.signs)) for p, _, shp in facts.dshapes]
        except Undecided as exc:
            expr = _smooth_whole_line(facts, exc)
            curvature = [(facts.pieces[0], _sign_by_decider(sp.diff(expr, X, 2), facts, exc))]
        for p, signs in curvature:
            if -want in signs:
                bad = f"f'' {'<' if want > 0 else '>'} 0 somewhere on the piece {p.interval}"
                break
        if bad is None:
            for s in facts.kinks:
                jump = Value.of(sp.simplify(s.right[1] - s.left[1]))
                if jump.sign() == -want:
                    bad = f"at {s.point} the left derivative {s.left[1]} {'>' if want > 0 else '<'} the right derivative {s.right[1]}"
                    break
    if bad is None:
        d.say(f"f'' {'>=' if want > 0 else '<='} 0 on every piece, f is continuous, and at every kink the left "
              f"derivative is {'<=' if want > 0 else '>='} the right one")
        v = _verdict("proved", statement, "sign of f'' on every piece + one-sided derivatives at kinks", start,
                     value=True, certificate=Certificate("symbolic", {"pieces": len(facts.smooth_pieces)}),
                     derivation=d)
        v.evidence["_extra"] = {"note": CONVEX_NOTE}
        return v
    triple = _find_triple(facts, want)
    if triple is None:
        raise Undecided(f"{bad}, but no certified chord counterexample was found")
    d.say(bad).say(f"chord test at {triple[0]}, {triple[1]}, {triple[2]} fails (certified)")
    v = _verdict("refuted", statement, "chord counterexample (arb)", start, value=False,
                 certificate=_chord_certificate(facts, triple, want), derivation=d)
    extra: dict[str, Any] = {"note": CONVEX_NOTE}
    try:
        if _is_neither(facts):
            extra["inflection_points"] = [point_json(p) for p in _inflections(facts)]
    except Undecided as exc:
        extra["inflection_points_reason"] = str(exc)
    v.evidence["_extra"] = extra
    return v


def _is_neither(facts: Facts) -> bool:
    events = [e for e in _curvature_events(facts) if e[2] != 0]
    return bool(facts.jumps) or len({e[2] for e in events}) > 1


@_guard("convex", lambda s: f"{_f(s)} is convex on R")
def convex(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f(ta + (1-t)b) <= t f(a) + (1-t) f(b): the U shape.  Inflection points are listed when neither."""
    return _convexity(subj, facts, start, 1)


@_guard("concave", lambda s: f"{_f(s)} is concave on R")
def concave(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f(ta + (1-t)b) >= t f(a) + (1-t) f(b): the cap shape."""
    return _convexity(subj, facts, start, -1)


@_guard("continuity", lambda s: f"the continuity class of {_f(s)}")
def continuity(subj: Subject, facts: Facts, start: float) -> Verdict:
    """``discontinuous``, ``C0``, ``C1``, ..., or ``Cinf``."""
    order = facts.continuity_order
    d = Derivation()
    if order == -1:
        if facts.defined_everywhere:
            s = facts.jumps[0]
            d.say(f"at {s.point}: left limit {s.left[0]}, value {s.value}, right limit {s.right[0]}")
        else:
            d.say(f"f is not defined on all of R ({facts.singular[0][1]} is missing)")
        value = "discontinuous"
    elif order is None:
        d.say("every piece is C-infinity on its interval and there are no breakpoints where pieces meet"
              if not facts.sides else
              "every piece is C-infinity and all derivatives match where the pieces meet")
        value = "Cinf"
    else:
        for s in facts.sides:
            k = len(s.left) - 1
            d.say(f"at {s.point}: one-sided derivatives agree up to order {k - 1}; order {k}: "
                  f"{s.left[-1]} (left) vs {s.right[-1]} (right)")
        value = f"C{order}"
    return _verdict("proved", f"{_f(subj)} is {value}", "one-sided derivatives at breakpoints", start,
                    value=value, certificate=Certificate("symbolic", {"class": value}), derivation=d)


@_guard("differentiable", lambda s: f"{_f(s)} is differentiable everywhere")
def differentiable(subj: Subject, facts: Facts, start: float) -> Verdict:
    """Differentiable on all of R; the value lists the points where it is not."""
    statement = f"{_f(subj)} is differentiable everywhere"
    if not facts.defined_everywhere:
        _, missing, _ = facts.singular[0]
        return _verdict("refuted", statement, "domain of f", start, value=[str(missing)],
                        certificate=Certificate("symbolic", {"undefined on": str(missing)}))
    bad = facts.kinks
    extra_points = facts.singular_points
    if extra_points:
        pts = sorted({*extra_points, *(s.point for s in bad)}, key=lambda v: float(v))
        return _verdict("refuted", statement, "domain of f'", start, value=[point_json(Pt.of(p)) for p in pts],
                        certificate=Certificate("symbolic", {"f' undefined or discontinuous at": [str(p) for p in pts]}),
                        derivation=Derivation().say(f"f' is not defined (or not continuous) at {extra_points}"))
    facts.require_smooth()
    if not bad:
        return _verdict("proved", statement, "one-sided derivatives at breakpoints", start, value=[],
                        certificate=Certificate("symbolic", {"breakpoints": [str(s.point) for s in facts.sides]}),
                        derivation=Derivation().say("every piece is smooth and the one-sided derivatives agree at "
                                                    "every breakpoint" if facts.sides else "f is smooth on R"))
    d = Derivation()
    data = {}
    for s in bad:
        if len(s.left) < 2:
            d.say(f"f jumps at {s.point}")
            data[str(s.point)] = "jump"
        else:
            d.say(f"at {s.point}: f'(-) = {s.left[1]}, f'(+) = {s.right[1]}")
            data[str(s.point)] = [str(s.left[1]), str(s.right[1])]
    return _verdict("refuted", statement, "one-sided derivatives at breakpoints", start,
                    value=[point_json(Pt.of(s.point)) for s in bad], certificate=Certificate("symbolic", data),
                    derivation=d)


def _derivative_extreme(subj: Subject, facts: Facts, start: float, want: int) -> Verdict:
    lo, hi = _d_range(facts)
    e = hi if want > 0 else lo
    word = "sup" if want > 0 else "inf"
    d = Derivation().say(f"{word} f' over the points where f is differentiable: critical points of f' (roots of "
                         "f'') on every piece, limits at the ends, values at smooth breakpoints")
    return _verdict("proved", f"{word} of f' for {_f(subj)} is {_num_text(e.value)}",
                    "shape analysis of f' + limits", start, value=extreme_json(e),
                    certificate=Certificate("symbolic", {word: _num_text(e.value)}), derivation=d)


@_guard("derivative_max", lambda s: f"sup of f' for {_f(s)}")
def derivative_max(subj: Subject, facts: Facts, start: float) -> Verdict:
    """sup f' over R (away from kinks), with where it is attained."""
    return _derivative_extreme(subj, facts, start, 1)


@_guard("derivative_min", lambda s: f"inf of f' for {_f(s)}")
def derivative_min(subj: Subject, facts: Facts, start: float) -> Verdict:
    """inf f' over R (away from kinks), with where it is attained."""
    return _derivative_extreme(subj, facts, start, -1)


@_guard("lipschitz", lambda s: f"the best Lipschitz constant of {_f(s)}")
def lipschitz(subj: Subject, facts: Facts, start: float) -> Verdict:
    """The best Lipschitz constant sup |f'| (``oo`` when f is not Lipschitz, e.g. discontinuous)."""
    statement = f"the best Lipschitz constant of {_f(subj)}"
    if facts.continuity_order == -1:
        return _verdict("proved", statement + " is oo (not Lipschitz: f is discontinuous)", "continuity", start,
                        value={"exact": "oo", "float": "oo", "attained": False, "at": []},
                        certificate=Certificate("symbolic", {"discontinuous": True}))
    lo, hi = _d_range(facts)
    neg = Extreme(Value(-lo.value.exact if lo.value.exact is not None else None,
                        -lo.value.ball if lo.value.ball is not None else None), lo.attained, lo.at)
    from symact.properties.piece_shape import combine
    best = combine([hi, neg], 1)
    d = Derivation().say("f is continuous and piecewise smooth, so the best constant is sup |f'| = "
                         "max(sup f', -inf f')")
    return _verdict("proved", f"{statement} is {_num_text(best.value)}", "sup |f'|", start,
                    value=extreme_json(best), certificate=Certificate("symbolic", {"L": _num_text(best.value)}),
                    derivation=d)


def _saturation_side(facts: Facts, side: int) -> tuple[str, str]:
    p = facts.tail(side)
    d = sp.diff(p.expr, X)
    if not d.has(X) and Value.of(d).sign() == 0:
        return "hard", f"f is constant on {p.interval}, so f' = 0 there"
    try:
        lim = facts.tail_dlimits["oo" if side > 0 else "-oo"]
    except Undecided:
        from symact.properties.piece_shape import attempt
        ok, raw = attempt(lambda: sp.limit(d, X, sp.oo if side > 0 else -sp.oo), 5.0)
        if ok and isinstance(raw, sp.AccumBounds) and (raw.min < 0 or raw.max > 0):
            return "none", f"f' oscillates in {raw} as x -> {'+' if side > 0 else '-'}oo, it does not tend to 0"
        raise
    if lim.sign() == 0:
        shp = next(s for q, s in facts.shapes if q is p)
    if lim.sign() == 0:
        if shp.constant:
            return "hard", f"f is constant on {p.interval}, so f' = 0 there"
        return "soft", f"f' -> 0 as x -> {'+' if side > 0 else '-'}oo and f' is not 0 beyond its last critical point"
    return "none", f"f' -> {_num_text(lim)} as x -> {'+' if side > 0 else '-'}oo"


@_guard("saturation", lambda s: f"the saturation of {_f(s)}")
def saturation(subj: Subject, facts: Facts, start: float) -> Verdict:
    """left / right: ``hard`` (f' = 0 beyond a point), ``soft`` (f' -> 0, never 0 there) or ``none``."""
    left, why_l = _saturation_side(facts, -1)
    right, why_r = _saturation_side(facts, 1)
    d = Derivation().say(f"left: {why_l}").say(f"right: {why_r}")
    return _verdict("proved", f"{_f(subj)} saturates: left {left}, right {right}", "tail pieces + limits of f'",
                    start, value={"left": left, "right": right},
                    certificate=Certificate("limit", {"left": why_l, "right": why_r}), derivation=d)


@_guard("non_saturating", lambda s: f"{_f(s)} is non-saturating")
def non_saturating(subj: Subject, facts: Facts, start: float) -> Verdict:
    """|f(z)| -> oo as z -> -oo or as z -> +oo (the course-notes definition)."""
    statement = f"{_f(subj)} is non-saturating (|f| -> oo at -oo or at +oo)"
    try:
        lims = facts.tail_limits
    except Undecided:
        from symact.properties.piece_shape import attempt
        found = {}
        for key, point in (("-oo", -sp.oo), ("oo", sp.oo)):
            p = facts.tail(-1 if key == "-oo" else 1)
            ok, raw = attempt(lambda: sp.limit(p.expr, X, point), 5.0)
            if not ok or not (isinstance(raw, sp.AccumBounds) or raw.is_number) or raw.has(sp.oo, -sp.oo):
                raise
            found[key] = str(raw)
        return _verdict("refuted", statement, "limits at +-oo", start, value=found,
                        certificate=Certificate("limit", found),
                        derivation=Derivation().say(f"f stays bounded: limits {found}"))
    value = {"limit_at_-oo": number_json(lims["-oo"]), "limit_at_oo": number_json(lims["oo"])}
    cert = Certificate("limit", {"-oo": str(lims["-oo"].exact), "oo": str(lims["oo"].exact)})
    d = Derivation().say(f"lim f at -oo = {_num_text(lims['-oo'])}, at +oo = {_num_text(lims['oo'])}")
    status = "proved" if lims["-oo"].infinite or lims["oo"].infinite else "refuted"
    return _verdict(status, statement, "limits at +-oo", start, value=value, certificate=cert, derivation=d)


def _at_zero(facts: Facts) -> sp.Expr:
    """f(0), exact; Undecided when f is not defined there."""
    f0 = facts.at(sp.Integer(0))
    if f0.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise Undecided("f is not defined at 0")
    return f0


@_guard("zero_at_origin", lambda s: f"{_f(s)} has f(0) = 0")
def zero_at_origin(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f(0) = 0 (value: f(0), exact)."""
    f0 = _at_zero(facts)
    sign = Value.of(f0).sign()
    if sign is None:
        raise Undecided(f"f(0) = {formula(f0)} could not be compared with 0")
    return _verdict("proved" if sign == 0 else "refuted", f"{_f(subj)} has f(0) = 0", "exact value at 0", start,
                    value={"f(0)": str(f0)}, certificate=Certificate("symbolic", {"f(0)": str(f0)}),
                    derivation=Derivation().show("f(0)", "=", f0))


@_guard("odd", lambda s: f"{_f(s)} is odd")
def odd(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f(-x) = -f(x) for every real x: proved by the identity decider, refuted by a certified point."""
    from symact import decide as deciders

    statement = f"{_f(subj)} is odd: f(-x) = -f(x) for all x in R"
    budget = max(1.0, min(10.0, facts.deadline - time.monotonic()))
    v = deciders.identity(subj.expr.subs(X, -X), -subj.expr, budget=budget)
    if v.status == "unknown":
        raise Undecided(f"f(-x) = -f(x) was not decided: {v.reason}")
    return _verdict(v.status, statement, v.method, start, value=v.status == "proved", certificate=v.certificate,
                    derivation=v.derivation)


@_guard("range_has_both_signs", lambda s: f"the range of {_f(s)} has both signs")
def range_has_both_signs(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f takes a negative and a positive value somewhere (not a statement about the mean of the outputs)."""
    statement = f"the range of {_f(subj)} contains negative and positive values"
    try:
        lo, hi = _range_pair(facts)
    except Undecided:
        witnesses = _sign_witnesses(facts)
        if witnesses is None:
            raise
        (qn, bn), (qp, bp) = witnesses
        cert = Certificate("interval", {"negative": [str(qn), ball_text(bn, 16)],
                                        "positive": [str(qp), ball_text(bp, 16)]})
        return _verdict("proved", statement, "certified witnesses", start, value=True, certificate=cert,
                        derivation=Derivation().say(f"f({qn}) < 0 < f({qp}) (certified)"))
    neg, pos = lo.value.sign(), hi.value.sign()
    if neg is None or pos is None:
        raise Undecided("the sign of an end of the range is not decided")
    d = Derivation().say(f"inf f = {_num_text(lo.value)}, sup f = {_num_text(hi.value)}")
    cert = Certificate("symbolic", {"inf": _num_text(lo.value), "sup": _num_text(hi.value)})
    status = "proved" if neg < 0 < pos else "refuted"
    return _verdict(status, statement, "range", start, value=status == "proved", certificate=cert, derivation=d)


def _sign_witnesses(facts: Facts):
    neg = pos = None
    for q in facts.probe_points():
        b = facts.f_ball(q)
        if b is None:
            continue
        if neg is None and b < 0:
            neg = (q, b)
        if pos is None and b > 0:
            pos = (q, b)
    return (neg, pos) if neg and pos else None


@_guard("identity_near_origin", lambda s: f"{_f(s)} is the identity near the origin")
def identity_near_origin(subj: Subject, facts: Facts, start: float) -> Verdict:
    """f(0) = 0, f is differentiable at 0 and f'(0) = 1."""
    statement = f"{_f(subj)} has f(0) = 0, is differentiable at 0 and f'(0) = 1"
    f0 = _at_zero(facts)
    side = next((s for s in facts.sides if s.point == 0), None)
    d = Derivation().show("f(0)", "=", f0)
    if side is not None:
        if side in facts.kinks:
            d.say(f"0 is a kink: f'(0-) = {side.left[1] if len(side.left) > 1 else 'jump'}, "
                  f"f'(0+) = {side.right[1] if len(side.right) > 1 else 'jump'}")
            return _verdict("refuted", statement, "exact values at 0", start,
                            value={"f(0)": str(f0), "f'(0)": None},
                            certificate=Certificate("symbolic", {"f(0)": str(f0), "differentiable at 0": False}),
                            derivation=d)
        fp0 = sp.simplify(side.left[1])
    else:
        fp0 = sp.simplify(sp.diff(facts.piece_at(sp.Integer(0)).expr, X).subs(X, 0))
    d.show("f'(0)", "=", fp0)
    signs = (Value.of(f0).sign(), Value.of(fp0 - 1).sign())
    if None in signs:
        raise Undecided("f(0) or f'(0) - 1 could not be compared with 0")
    return _verdict("proved" if signs == (0, 0) else "refuted", statement, "exact values at 0", start,
                    value={"f(0)": str(f0), "f'(0)": str(fp0)},
                    certificate=Certificate("symbolic", {"f(0)": str(f0), "f'(0)": str(fp0)}), derivation=d)


@_guard("extrema", lambda s: f"the global extrema of {_f(s)}")
def extrema(subj: Subject, facts: Facts, start: float) -> Verdict:
    """Global min / max values and where they are attained (null when not attained)."""
    lo, hi = _range_pair(facts)

    def one(e: Extreme) -> dict[str, Any] | None:
        if not e.attained:
            return None
        out = number_json(e.value) or {}
        out["at"] = [point_json(w) for w in e.at]
        return out
    value = {"min": one(lo), "max": one(hi)}
    parts = []
    for word, e in (("minimum", lo), ("maximum", hi)):
        if e.attained:
            parts.append(f"global {word} {_num_text(e.value)} at {', '.join(_text_point(w) for w in e.at)}")
        else:
            parts.append(f"no global {word} ({'inf' if word == 'minimum' else 'sup'} {_num_text(e.value)} not attained)")
    return _verdict("proved", f"{_f(subj)}: " + "; ".join(parts), "shape analysis + limits", start, value=value,
                    certificate=Certificate("symbolic", {"min": parts[0], "max": parts[1]}),
                    derivation=Derivation().say("; ".join(parts)))


#: key -> function
PROPERTIES: dict[str, Callable[..., Verdict]] = {
    "range": range_, "bounded_above": bounded_above, "bounded_below": bounded_below, "monotonic": monotonic,
    "convex": convex, "concave": concave, "continuity": continuity, "differentiable": differentiable,
    "derivative_max": derivative_max, "derivative_min": derivative_min, "lipschitz": lipschitz,
    "saturation": saturation, "non_saturating": non_saturating, "zero_at_origin": zero_at_origin, "odd": odd,
    "range_has_both_signs": range_has_both_signs, "identity_near_origin": identity_near_origin,
    "extrema": extrema,
}
assert tuple(PROPERTIES) == KEYS == tuple(DEFINITIONS)


def decide(key: str, target: Any, params: Mapping[str, Any] | None = None, budget: float = DEFAULT_BUDGET) -> Verdict:
    """The verdict for one property key."""
    if key not in PROPERTIES:
        raise ParameterError(f"unknown property {key!r}; properties: {', '.join(KEYS)}")
    return PROPERTIES[key](target, params, budget)


# ============================================================================ the report
@dataclass
class PropertyReport:
    name: str
    expr: sp.Expr
    params: dict[str, str]
    verdicts: dict[str, Verdict]
    seconds: float = 0.0

    def __getitem__(self, key: str) -> Verdict:
        return self.verdicts[key]

    def __iter__(self) -> Iterator[str]:  # the property keys, as for a dict (not integer indexing)
        return iter(self.verdicts)

    def status(self, key: str) -> str:
        return self.verdicts[key].status

    def unknown(self) -> list[str]:
        return [k for k, v in self.verdicts.items() if v.status == "unknown"]

    def property_json(self, key: str) -> dict[str, Any]:
        v = self.verdicts[key]
        out: dict[str, Any] = {"status": v.status, "value": v.value if v.status != "unknown" else None,
                               "method": v.method, "statement": v.statement, "seconds": round(v.seconds, 4),
                               "reason": v.reason or None,
                               "certificate": v.certificate.to_json() if v.certificate else None,
                               "derivation": [step.text_line() for step in v.derivation.steps]}
        extra = v.evidence.get("_extra") if isinstance(v.evidence, dict) else None
        if extra:
            out.update(extra)
        return out

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "expr": str(self.expr), "params": dict(self.params),
                "properties": {k: self.property_json(k) for k in self.verdicts}, "seconds": round(self.seconds, 3)}

    def cell(self, key: str) -> str:
        """A short table cell for the property."""
        return display.cell(key, self.property_json(key))

    def text(self, enclosures: bool = False) -> str:
        """One line per property: exact forms with decimals (``enclosures``: the certified balls too)."""
        return display.report_text(self.to_json(), display.formula(self.expr), enclosures, notes=(REAL_NOTE, CONVEX_NOTE))

    def __repr__(self) -> str:
        return display.report_summary(self.to_json())

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self) if cycle else self.text())

    def _repr_html_(self) -> str:
        from symact.rich import report_html

        return report_html(self)


def expression_target(expr: Any) -> Subject:
    """An expression in x to analyse (text is read by the restricted parser, never evaluated), with the form as
    written for the kernel gate: SymPy's automatic evaluation turns ``x**2/x`` into ``x`` and ``0*log(x)`` into
    0, but the function the user wrote is undefined at 0 (and for x <= 0), so the gate decides nothing of it on
    R.  What is written in x and folds to a constant (``x - x``) is the constant function; text without x
    (``3``) is refused."""
    from symact.parsing import as_expression, parse_expression

    target = as_expression(expr)
    written = parse_expression(expr, as_written=True) if isinstance(expr, str) else target
    if not written.has(X) and not any(s.name == "x" for s in written.free_symbols):
        raise ExpressionError(f"the expression {expr!r} does not depend on x")
    subj = subject(target)
    if isinstance(expr, str):  # the report shows what the user wrote: sqrt(-x**2), not SymPy's I*Abs(x)
        subj.written = subj.printed = written
        subj.name = str(subj.written)
    return subj


def analyze(target: Any = None, params: Mapping[str, Any] | None = None, budget: float = DEFAULT_BUDGET,
            keys: tuple[str, ...] = KEYS, *, expr: Any = None, progress: Any = None,
            on_verdict: Any = None, kernel_checked: bool = True) -> PropertyReport:
    """Decide every property of an activation: ``analyze("silu")``, ``analyze("elu", {"alpha": 2})``,
    ``analyze(expr="x*atan(x)")``.

    ``target`` is a catalog name or alias, a catalog entry, or a SymPy expression in x; ``expr`` is an
    expression in x as text (read by the restricted parser, never evaluated) or SymPy, instead of ``target``.
    ``params`` overrides parameter defaults of a catalog entry; ``budget`` is the time in seconds for the whole
    analysis; ``keys`` selects properties (default all of :data:`KEYS`); ``progress`` is an object with
    ``update(label, done, total)`` (e.g. :class:`symact.progress.Progress`); ``on_verdict(key, verdict)`` is
    called as each property is decided.  The budget counts CPU seconds (:mod:`symact.budget`).  Returns a
    :class:`PropertyReport` whose verdicts are proved, refuted or unknown, never guessed.
    """
    if expr is not None:
        if target is not None:
            raise ParameterError("give an activation name or expr=, not both")
        target = expression_target(expr)
    elif target is None:
        raise ParameterError("give an activation name or expr=")
    subj = subject(target, params)
    start, cpu = time.perf_counter(), clock()
    verdicts = {}
    with limit(budget):
        for i, k in enumerate(keys):
            if progress is not None:
                progress.update(f"{subj.name}: {k}", i, len(keys))
            verdicts[k] = PROPERTIES[k](subj, None, budget)
            if on_verdict is not None:
                on_verdict(k, verdicts[k])
    if not kernel_checked:   # the caller gates the verdicts itself (symact.isolated)
        return PropertyReport(subj.name, subj.printed or subj.expr, subj.params, verdicts,
                              time.perf_counter() - start)
    left = None if budget is None else max(budget - (clock() - cpu), 0.0)
    return checked_report(subj, verdicts, time.perf_counter() - start, left)


def checked_report(subj: Subject, verdicts: dict[str, Verdict], seconds: float,
                   cpu_left: float | None = None) -> PropertyReport:
    """The report of the verdicts, after the kernel's checks of :mod:`symact.properties.kernel_gate`, within
    ``cpu_left`` CPU seconds (what is left of the analysis budget; None: no limit but the per-claim one)."""
    from symact.properties.kernel_gate import gate

    written = subj.expr if subj.written is None else subj.written
    return PropertyReport(subj.name, subj.printed or subj.expr, subj.params, gate(written, verdicts, cpu_left),
                          seconds)


__all__ = ["KEYS", "YES_NO", "PROPERTIES", "PropertyReport", "Subject", "analyze", "decide", "subject",
           "range_", "bounded_above", "bounded_below", "monotonic", "convex", "concave", "continuity",
           "differentiable", "derivative_max", "derivative_min", "lipschitz", "saturation", "non_saturating",
           "zero_at_origin", "odd", "range_has_both_signs", "identity_near_origin", "extrema", "number_json",
           "CONVEX_NOTE", "DEFINITIONS"]

"""``extremum(expr, kind, domain)``: the supremum or infimum over the domain, with where it is attained.

On each smooth piece the sign pattern of f' (:mod:`symact.decide.analyze`) cuts the piece into stretches on
which f is monotone, so the sup/inf over the piece is the largest/smallest of f at the cut points: critical
points (exact when SymPy's solution is verified, else certified enclosures refined to ~1e-21), closed ends
(values, attained), open ends and +-oo (one-sided limits, not attained there).  Candidates from all pieces
are compared in certified arithmetic; exact ties merge the places where the value is attained.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from symact.catalog.registry import X
from symact.decide import balls
from symact.decide.analyze import pattern
from symact.decide.asymptotics import end_values
from symact.decide.context import Context, order, simplify_special
from symact.decide.smooth import check_smooth
from symact.decide.structure import structural_sign
from symact.decide.common import (domain_latex, domain_text, evidence_samples, exact_input, guarded, one_period,
                                  split, unknown)
from symact.decide.pattern import Pattern, Undecided, sample_point
from symact.verdict import Certificate, Derivation, Verdict
from symact.parsing import as_expression

KINDS = ("sup", "inf")


@dataclass
class Extremum:
    """The value of a sup/inf.

    ``exact``: closed form (SymPy; ``oo``/``-oo`` when unbounded) or None; ``enclosure``: certified ``arb``
    ball as a string (always given for finite values); ``float``: nearest float (``inf`` when unbounded);
    ``attained``: whether some point of the domain has this value; ``at``: where (exact points, SymPy
    intervals for flat stretches, or enclosure strings "[lo, hi]" for points known only to lie there).
    """

    kind: str
    exact: sp.Expr | None
    enclosure: str | None
    float: float
    attained: bool
    at: list = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "exact": None if self.exact is None else sp.sstr(self.exact),
                "enclosure": self.enclosure, "float": self.float, "attained": self.attained,
                "at": [p if isinstance(p, str) else sp.sstr(p) for p in self.at]}


# the name the brief also allows
Bound = Extremum


@dataclass
class _Candidate:
    exact: sp.Expr | None
    ball: Any  # arb, or None when infinite
    infinite: int  # +1 / -1 for +-oo, 0 when finite
    attained: bool
    at: list
    origin: str


def _candidate(value: sp.Expr | None, ball, attained: bool, at: list, origin: str, ctx: Context) -> _Candidate:
    if value is not None:
        if value is sp.oo or value is -sp.oo:
            return _Candidate(value, None, 1 if value is sp.oo else -1, False, [], origin)
        value = _tidy(value, ctx)
        ball = balls.constant(value, 256)
    if ball is None or not ball.is_finite():
        raise Undecided(f"no certified value for the candidate at {origin}")
    return _Candidate(value, ball, 0, attained, at if attained else [], origin)


def _tidy(value: sp.Expr, ctx: Context) -> sp.Expr:
    """A short exact form of a value (simplified, and in exponentials when that is shorter)."""
    def work():
        a = sp.simplify(simplify_special(value))
        if a.has(sp.tanh, sp.sinh, sp.cosh, sp.log):
            b = sp.simplify(a.rewrite(sp.exp))
            if sp.count_ops(b) < sp.count_ops(a):
                return b
        return a
    try:
        return ctx.run(work, 2.0, "simplification of a value")
    except Undecided:
        return value


def extremum(expr, kind: str, domain: sp.Set = sp.S.Reals, var: sp.Symbol = X, budget: float = 5.0) -> Verdict:
    if kind not in KINDS:
        raise ValueError(f"kind must be 'sup' or 'inf', got {kind!r}")
    original = as_expression(expr, (str(var),))
    text = f"{kind} of {sp.sstr(original)} over {var} in {domain_text(domain)}"
    tex = rf"\{kind}_{{{sp.latex(var)} \in {domain_latex(domain)}}} {sp.latex(original)}"
    return guarded(lambda: _decide(exact_input(original), kind, domain, var, budget, text, tex),
                   original, var, text, tex, "critical points and limits")


def _decide(e, kind, domain, var, budget, text, tex) -> Verdict:
    ctx = Context.start(var, budget)
    deriv = Derivation().say(f"Find the {kind} of f(x) = {sp.sstr(e)} over {domain_text(domain)}.")
    pieces, periodic = [], None
    try:
        pieces = split(e, var, domain, ctx)
        periodic = one_period(pieces, var, ctx)
        if periodic is not None:
            deriv.say(f"f is periodic with period {sp.sstr(periodic[0])}, so its {kind} over R is its {kind} over "
                      f"[0, {sp.sstr(periodic[0])}], attained again at every shift by a multiple of the period.")
            pieces = [periodic[1]]
        cands = []
        for piece in pieces:
            cands.extend(_piece_candidates(piece, var, ctx, deriv))
        deriv.say("f is monotone between consecutive candidates, so the " + kind + " is the "
                  + ("largest" if kind == "sup" else "smallest") + " of:")
        for c in cands:
            shown = sp.sstr(c.exact) if c.exact is not None else balls.ball_str(c.ball, 15)
            deriv.say(f"  {c.origin}: {shown}" + (" (attained)" if c.attained else ""))
        best = _select(cands, kind, ctx)
    except (Undecided, balls.ArbUnsupported) as exc:
        return unknown(text, tex, "critical points and limits", str(exc), 0.0, deriv,
                       {"samples": evidence_samples(pieces, var)} if pieces else {})
    value = _as_value(best, kind)
    if periodic is not None and value.attained:
        k = sp.Symbol("k", integer=True)
        value.at = [p + k * periodic[0] if isinstance(p, sp.Expr) else p for p in value.at]
    shown = value.exact if value.exact is not None else sp.Symbol(value.enclosure or "?")
    deriv.show(sp.Symbol(kind), "=", shown,
               "largest candidate" if kind == "sup" else "smallest candidate")
    deriv.say(("attained at " + ", ".join(p if isinstance(p, str) else sp.sstr(p) for p in value.at))
              if value.attained else "not attained: approached only in a limit")
    cert = Certificate("symbolic" if value.exact is not None else "interval",
                       {"candidates": [c.origin for c in cands], "winner": best.origin,
                        "enclosure": value.enclosure})
    text = f"{text} = {sp.sstr(value.exact) if value.exact is not None else value.enclosure}"
    return Verdict("proved", text, tex, "critical points and limits", cert, deriv, value=value)


def _piece_candidates(piece, var, ctx: Context, deriv: Derivation) -> list[_Candidate]:
    iv, f = piece.interval, piece.expr
    lo, hi = iv.inf, iv.sup
    if lo == hi:
        return [_candidate(f.subs(var, lo), None, True, [lo], f"the isolated point {lo}", ctx)]
    if var not in f.free_symbols:
        deriv.say(f"On {domain_text(iv)} f is the constant {sp.sstr(f)}.")
        return [_candidate(f, None, True, [iv], f"the constant piece on {domain_text(iv)}", ctx)]
    for note in check_smooth(f, iv, ctx):
        deriv.say(f"Smooth on {domain_text(iv)}: {note}.")
    df = sp.diff(f, var)
    try:
        dpat = pattern(df, lo, hi, ctx)
    except Undecided:
        dpat = _monotone_by_structure(df, lo, hi, var, deriv)
        if dpat is None:
            raise
    deriv.say(f"On {domain_text(iv)}: f'(x) = {sp.sstr(df)}; its zeros there: "
              + (", ".join(z.describe() for z in dpat.zeros) or "none") + ".")
    for why in dpat.why:
        deriv.say("  " + why)
    if dpat.identically_zero:
        value = f.subs(var, lo if lo.is_finite else hi if hi.is_finite else 0)
        return [_candidate(value, None, True, [iv], f"the constant piece on {domain_text(iv)}", ctx)]
    cands = []
    for (end, value, attained), side in zip(end_values(f, var, lo, hi, not iv.left_open, not iv.right_open, ctx),
                                            "+-"):
        origin = f"the end x = {end}" if attained else f"the limit at x -> {end}{side if end.is_finite else ''}"
        cands.append(_candidate(value, None, attained, [end] if attained else [], origin, ctx))
    for z in dpat.zeros:
        if z.exact is not None and (z.exact == lo or z.exact == hi):
            continue
        if z.exact is not None:
            cands.append(_candidate(f.subs(var, z.exact), None, True, [z.exact],
                                    f"the critical point x = {sp.sstr(z.exact)}", ctx))
        else:
            ball = balls.on_interval(f, var, z.lo, z.hi, 256)
            where = balls.ball_str(balls.on_interval(var, var, z.lo, z.hi, 256), 22)
            cands.append(_candidate(None, ball, True, [where], f"the critical point x in {where}", ctx))
    return cands


def _monotone_by_structure(df, lo, hi, var, deriv: Derivation) -> Pattern | None:
    """f' >= 0 (or <= 0) term by term and not identically 0: f is strictly monotone on the piece.

    The piece is real-analytic (its smoothness obligations hold), so a derivative that is >= 0 and nonzero at
    one point has only isolated zeros, and f is strictly increasing; no interior point is an extremum.
    """
    for s, g in ((1, df), (-1, -df)):
        if structural_sign(g, var) in ("+", ">="):
            witness = balls.at_point(df, var, sample_point(lo, hi), 128)
            if balls.ball_sign(witness) == s:
                deriv.say(f"f'(x) = {sp.sstr(df)} is {'>=' if s > 0 else '<='} 0 term by term and nonzero at "
                          f"{sample_point(lo, hi)}, so f is strictly {'increasing' if s > 0 else 'decreasing'}.")
                return Pattern(lo, hi, [], [s])
    return None


def _select(cands: list[_Candidate], kind: str, ctx: Context) -> _Candidate:
    s = 1 if kind == "sup" else -1
    inf_best = [c for c in cands if c.infinite == s]
    if inf_best:
        return inf_best[0]
    finite = [c for c in cands if c.infinite == 0]
    if not finite:
        return [c for c in cands if c.infinite == -s][0]
    best = finite[0]
    for c in finite[1:]:
        try:
            o = s * order(c.exact, c.ball, best.exact, best.ball, ctx)
        except Undecided:
            raise Undecided(f"cannot order the candidates {best.origin} and {c.origin}") from None
        if o > 0:
            best = c
        elif o == 0:
            merged_at = best.at + [p for p in c.at if p not in best.at]
            best = _Candidate(best.exact, best.ball, 0, best.attained or c.attained, merged_at,
                              best.origin + " and " + c.origin)
    return best


def _merge_at(at: list) -> list:
    sets = [p for p in at if isinstance(p, sp.Set)]
    points = [p for p in at if not isinstance(p, (sp.Set, str))]
    strings = [p for p in at if isinstance(p, str)]
    if sets:
        union = sp.Union(*sets, sp.FiniteSet(*points)) if points else sp.Union(*sets)
        out = [union] if not isinstance(union, sp.FiniteSet) else sorted(union, key=lambda p: float(p))
        if isinstance(union, sp.Union):
            out = list(union.args)
        return out + strings
    return sorted(set(points), key=lambda p: float(p)) + strings


def _as_value(best: _Candidate, kind: str) -> Extremum:
    if best.infinite:
        v = sp.oo if best.infinite > 0 else -sp.oo
        return Extremum(kind, v, None, float(best.infinite) * float("inf"), False, [])
    return Extremum(kind, best.exact, balls.ball_str(best.ball, 20), float(best.ball.mid()), best.attained,
                    _merge_at(best.at) if best.attained else [])

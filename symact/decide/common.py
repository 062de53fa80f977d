"""Shared plumbing for the public deciders: input normalisation, pieces, sampling, verdict assembly."""
from __future__ import annotations

import sympy as sp

from symact import calculus
from symact.catalog.registry import X
from symact.decide import balls
from symact.decide.context import Context
from symact.decide.pattern import Undecided, sample_point
from symact.parsing import as_expression
from symact.verdict import Certificate, Derivation, Timer, Verdict

REL_TEXT = {">0": "> 0", ">=0": ">= 0", "<0": "< 0", "<=0": "<= 0", "==0": "= 0"}
REL_LATEX = {">0": "> 0", ">=0": r"\ge 0", "<0": "< 0", "<=0": r"\le 0", "==0": "= 0"}


def exact_input(expr, var: sp.Symbol = X) -> sp.Expr:
    """SymPy expression with every Float replaced by the exact rational it stands for (text is parsed by the
    restricted parser)."""
    expr = as_expression(expr, (str(var),))
    floats = expr.atoms(sp.Float)
    if floats:
        expr = expr.xreplace({f: sp.Rational(f) for f in floats})
    return expr


def domain_text(domain: sp.Set) -> str:
    return "R" if domain == sp.S.Reals else sp.sstr(domain)


def domain_latex(domain: sp.Set) -> str:
    return r"\mathbb{R}" if domain == sp.S.Reals else sp.latex(domain)


def split(expr: sp.Expr, var: sp.Symbol, domain: sp.Set, ctx: Context):
    """Smooth pieces of ``expr`` over ``domain`` (under the time budget), each on one interval or point."""
    return ctx.run(lambda: calculus.pieces(expr, var, domain), 3.0, "the piecewise split")


def sample_points(lo, hi, n: int = 41) -> list[sp.Rational]:
    """Rational sample points in (lo, hi) (a log-spread grid on unbounded sides)."""
    lo_f = float(lo) if lo.is_finite else None
    hi_f = float(hi) if hi.is_finite else None
    pts = set()
    if lo_f is not None and hi_f is not None:
        for k in range(1, n + 1):
            pts.add(sp.Rational(lo) + (sp.Rational(hi) - sp.Rational(lo)) * sp.Rational(k, n + 1)
                    if lo.is_Rational and hi.is_Rational else
                    sp.Rational(round((lo_f + (hi_f - lo_f) * k / (n + 1)) * 1024), 1024))
    else:
        centre = sp.Integer(0) if lo_f is None and hi_f is None else sp.Rational(
            round(lo_f if hi_f is None else hi_f))
        offsets = [sp.Rational(k, 4) for k in range(-16, 17)] + [sp.Integer(2) ** k for k in range(3, 8)] + \
                  [-sp.Integer(2) ** k for k in range(3, 8)]
        for off in offsets:
            p = centre + off
            if (lo_f is None or p > lo) and (hi_f is None or p < hi):
                pts.add(p)
    return sorted(pts, key=lambda q: (abs(q), q))


def point_value(expr: sp.Expr, var: sp.Symbol, p, bits: int = 128):
    try:
        return balls.at_point(expr, var, p, bits)
    except (balls.ArbUnsupported, ZeroDivisionError, ValueError):
        return None


def evidence_samples(pieces, var: sp.Symbol, limit: int = 60) -> dict:
    """Float samples of the function (evidence only)."""
    out = {}
    for piece in pieces:
        iv = piece.interval
        for p in sample_points(iv.inf, iv.sup, 15)[:limit]:
            ball = point_value(piece.expr, var, p, 64)
            if ball is not None and ball.is_finite():
                out[str(p)] = float(ball.mid())
    return out


def unknown(statement: str, latex: str, method: str, reason: str, seconds: float, derivation=None,
            evidence=None, value=None) -> Verdict:
    return Verdict("unknown", statement, latex, method, Certificate("evidence", evidence or {}),
                   derivation or Derivation(), seconds, reason, value, evidence or {})


def piece_beside(pieces, point, side: str):
    """The piece of positive length next to ``point`` on the ``side`` '+' (right) or '-' (left), or the one
    reaching +-oo for an infinite point; None when there is none."""
    for piece in pieces:
        iv = piece.interval
        if iv.inf == iv.sup:
            continue
        if point is sp.oo and iv.sup is sp.oo:
            return piece
        if point is -sp.oo and iv.inf is -sp.oo:
            return piece
        if side == "+" and iv.inf <= point < iv.sup:
            return piece
        if side == "-" and iv.inf < point <= iv.sup:
            return piece
    return None


def one_period(pieces, var: sp.Symbol, ctx: Context):
    """For a single smooth piece on all of R that is periodic: (period P, the piece on [0, P]); else None.

    A P-periodic function takes on R exactly the values it takes on [0, P], so signs and extrema over R
    reduce to a compact interval (where certified root isolation applies)."""
    if len(pieces) != 1 or pieces[0].interval != sp.S.Reals:
        return None
    f = pieces[0].expr
    if not f.has(sp.sin, sp.cos, sp.tan):
        return None
    try:
        period = ctx.run(lambda: sp.periodicity(f, var), 1.0, "the period")
    except Undecided:
        return None
    if period is None or not (period.is_positive and period.is_finite):
        return None
    if not calculus_free_check(f.subs(var, var + period) - f, ctx):
        return None
    return period, calculus.Piece(sp.Interval(0, period), f)


def calculus_free_check(diff: sp.Expr, ctx: Context) -> bool:
    """True only when ``diff`` simplifies exactly to 0 (used to confirm a period)."""
    from symact.decide.context import exact_zero

    try:
        return exact_zero(sp.expand_trig(diff), ctx, 1.5)
    except Undecided:
        return False


def guarded(run, expr: sp.Expr, var: sp.Symbol, text: str, tex: str, method: str) -> Verdict:
    """Run a decision and time it; free symbols other than ``var`` and unexpected failures end as ``unknown``."""
    with Timer() as timer:
        stray = sorted(str(s) for s in sp.sympify(expr, strict=True).free_symbols if s != var)
        if stray:
            verdict = unknown(text, tex, method, f"free symbols {', '.join(stray)} besides {var}: give them values",
                              0.0)
        else:
            try:
                verdict = run()
            except (Undecided, ArithmeticError, ValueError, TypeError, NotImplementedError, RecursionError,
                    AttributeError, KeyError, IndexError) as exc:
                verdict = unknown(text, tex, method, f"internal failure ({type(exc).__name__}: {exc})", 0.0)
    verdict.seconds = timer.seconds
    return verdict


def find_violation(pieces, var: sp.Symbol, bad, ctx: Context):
    """A sample point where a certified ball of f satisfies ``bad(ball) -> True`` (or None)."""
    for piece in pieces:
        iv = piece.interval
        pts = [iv.inf] if iv.inf == iv.sup else sample_points(iv.inf, iv.sup)
        for p in pts:
            if ctx.remaining() <= 0:
                return None
            ball = point_value(piece.expr, var, p)
            if ball is not None and ball.is_finite() and bad(ball):
                return p, piece, ball
    return None


__all__ = ["REL_TEXT", "REL_LATEX", "exact_input", "domain_text", "domain_latex", "split", "sample_points",
           "point_value", "evidence_samples", "unknown", "guarded", "find_violation", "sample_point", "one_period",
           "piece_beside"]

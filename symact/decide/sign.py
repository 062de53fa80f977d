"""``sign(expr, relation, domain)``: the claim "expr REL 0 for every x in the domain".

Piece by piece (:func:`symact.calculus.pieces`), the expression's sign pattern is established
(:mod:`symact.decide.analyze`): zeros and strict signs between them, from exact algebra, limits,
monotonicity and certified ``arb`` arithmetic.  The claim is proved when every piece's pattern satisfies it;
refuted by a counterexample whose value is certified (or an exact zero, or a certified sign change);
otherwise unknown, with the reason and sampled values as evidence.
"""
from __future__ import annotations

import sympy as sp

from symact.budget import clock
from symact.catalog.registry import X
from symact.decide import balls
from symact.decide.analyze import pattern
from symact.decide.context import Context, const_sign, exact_zero
from symact.decide.smooth import check_smooth
from symact.decide.structure import structural_sign
from symact.decide.common import (REL_LATEX, REL_TEXT, domain_latex, domain_text, evidence_samples,
                                  exact_input, find_violation, guarded, one_period, point_value, split,
                                  unknown)
from symact.decide.pattern import Pattern, Undecided, sample_point
from symact.verdict import Certificate, Derivation, Verdict
from symact.parsing import as_expression

RELATIONS = tuple(REL_TEXT)

_BAD_BALL = {
    ">0": lambda b: b < 0, ">=0": lambda b: b < 0, "<0": lambda b: b > 0, "<=0": lambda b: b > 0,
    "==0": lambda b: b < 0 or b > 0,
}


def _sign_ok(relation: str, s: int) -> bool:
    return {">0": s > 0, ">=0": s >= 0, "<0": s < 0, "<=0": s <= 0, "==0": s == 0}[relation]


def statement_of(expr: sp.Expr, relation: str, domain: sp.Set, var: sp.Symbol) -> tuple[str, str]:
    text = f"{sp.sstr(expr)} {REL_TEXT[relation]} for all {var} in {domain_text(domain)}"
    tex = rf"{sp.latex(expr)} {REL_LATEX[relation]} \quad \forall {sp.latex(var)} \in {domain_latex(domain)}"
    return text, tex


def sign(expr, relation: str, domain: sp.Set = sp.S.Reals, var: sp.Symbol = X, budget: float = 5.0,
         statement: tuple[str, str] | None = None) -> Verdict:
    """Decide "expr REL 0 for all var in domain"; relation is one of '>0', '>=0', '<0', '<=0', '==0'."""
    if relation not in RELATIONS:
        raise ValueError(f"relation must be one of {RELATIONS}, got {relation!r}")
    original = as_expression(expr, (str(var),))
    text, tex = statement or statement_of(original, relation, domain, var)
    return guarded(lambda: _decide(exact_input(original), relation, domain, var, budget, text, tex),
                   original, var, text, tex, "sign analysis")


def _decide(expr, relation, domain, var, budget, text, tex) -> Verdict:
    ctx = Context.start(var, budget)
    deriv = Derivation().say(f"Claim: {text}.")
    deriv.say(f"Write f(x) = {sp.sstr(expr)}; the claim is f(x) {REL_TEXT[relation]} on {domain_text(domain)}.")
    try:
        pieces = split(expr, var, domain, ctx)
    except Undecided as exc:
        return unknown(text, tex, "piecewise split", str(exc), 0.0, deriv)
    periodic = one_period(pieces, var, ctx)
    if periodic is not None:
        deriv.say(f"f is periodic with period {sp.sstr(periodic[0])} (f(x + P) - f(x) simplifies to 0), so it "
                  f"takes on R exactly its values on [0, {sp.sstr(periodic[0])}].")
        pieces = [periodic[1]]
    hit = find_violation(pieces, var, _BAD_BALL[relation], ctx)
    if hit is not None:
        return _refuted_at(hit[0], hit[1].expr, hit[2], text, tex, deriv, var, "sampling")
    methods = set()
    for piece in pieces:
        iv = piece.interval
        deriv.say(f"On {domain_text(iv)}: f(x) = {sp.sstr(piece.expr)}.")
        if iv.inf == iv.sup:
            try:
                s = const_sign(piece.expr.subs(var, iv.inf), ctx)
            except Undecided as exc:
                return _unknown(text, tex, deriv, pieces, var, str(exc))
            if not _sign_ok(relation, s):
                return _refuted_exact_point(iv.inf, piece.expr, s, text, tex, deriv, var)
            deriv.show(piece.expr.subs(var, iv.inf), _rel_symbol(s), 0, "exact value at a single point")
            continue
        try:
            for note in check_smooth(piece.expr, iv, ctx):
                deriv.say(f"Smooth there: {note}.")
            shortcut = _structural(piece.expr, relation, var)
            if shortcut:
                deriv.say(shortcut)
                methods.add("structural sign")
                continue
            pat = pattern(piece.expr, iv.inf, iv.sup, ctx)
        except (Undecided, balls.ArbUnsupported) as exc:
            if relation in (">0", "<0"):
                zero = _exact_zero_in(piece.expr, iv, ctx)
                if zero is not None:
                    return _refuted_exact_point(zero, piece.expr, 0, text, tex, deriv, var)
            return _unknown(text, tex, deriv, pieces, var, f"on {domain_text(iv)}: {exc}")
        methods.add("sign pattern")
        for why in pat.why:
            deriv.say(why)
        deriv.say(_describe_pattern(pat))
        bad = _check(pat, iv, relation)
        if bad is not None:
            return _refute_from_pattern(bad, pat, piece.expr, iv, text, tex, deriv, var, ctx, pieces)
    deriv.say("Every piece satisfies the claim, so it holds on the whole domain.")
    cert = Certificate("symbolic", {"pieces": [str(p.interval) for p in pieces], "methods": sorted(methods)})
    return Verdict("proved", text, tex, "sign analysis (" + ", ".join(sorted(methods)) + ")", cert, deriv)


def _exact_zero_in(f, iv: sp.Interval, ctx: Context):
    """A point of ``iv`` where f is exactly 0, from ``solve`` and verified by exact simplification."""
    var = ctx.var
    ctx = Context(var, max(ctx.deadline, clock() + 1.0))
    try:
        sols = ctx.run(lambda: sp.solve(f, var), 1.0, "solve")
    except Exception:  # noqa: BLE001 -- solve raises many kinds of errors; none of them decide anything
        return None
    for sol in sols[:8] if isinstance(sols, list) else []:
        try:
            if sol.is_real and iv.contains(sol) == sp.true and exact_zero(f.subs(var, sol), ctx, 1.0):
                return sol
        except (Undecided, TypeError, ValueError):
            continue
    return None


def _rel_symbol(s: int) -> str:
    return ">" if s > 0 else "<" if s < 0 else "="


def _structural(expr, relation, var) -> str | None:
    if relation in (">0", ">=0"):
        s = structural_sign(expr, var)
        if s == "+" or (s == ">=" and relation == ">=0"):
            return f"{sp.sstr(expr)} {'> 0' if s == '+' else '>= 0'} term by term (exponentials, squares, " \
                   f"bounded oscillations and positive constants)"
    if relation in ("<0", "<=0"):
        s = structural_sign(-expr, var)
        if s == "+" or (s == ">=" and relation == "<=0"):
            return f"-({sp.sstr(expr)}) {'> 0' if s == '+' else '>= 0'} term by term"
    return None


def _describe_pattern(pat: Pattern) -> str:
    if pat.identically_zero:
        return "Sign pattern: identically 0."
    parts = []
    for k, s in enumerate(pat.signs):
        parts.append("+" if s > 0 else "-")
        if k < len(pat.zeros):
            parts.append(f"0 at {pat.zeros[k].describe()}")
    return "Sign pattern, left to right: " + ", ".join(parts) + "."


def _inside(z, iv: sp.Interval) -> bool:
    """Whether the zero z belongs to the piece (zeros at open ends do not)."""
    if z.exact is not None:
        if z.exact == iv.inf:
            return not iv.left_open
        if z.exact == iv.sup:
            return not iv.right_open
    return True


def _check(pat: Pattern, iv: sp.Interval, relation: str):
    """None when the pattern satisfies the relation, else ('gap', k) or ('zero', k) or ('identically', 0)."""
    if pat.identically_zero:
        return None if relation in (">=0", "<=0", "==0") else ("identically", 0)
    for k, s in enumerate(pat.signs):
        if pat.gap_is_empty(k):
            continue
        if not _sign_ok(relation, s):
            return ("gap", k)
    if relation in (">0", "<0"):
        for k, z in enumerate(pat.zeros):
            if _inside(z, iv):
                return ("zero", k)
    return None


def _refute_from_pattern(bad, pat, f, iv, text, tex, deriv, var, ctx, pieces) -> Verdict:
    kind, k = bad
    if kind == "identically":
        p = sample_point(iv.inf, iv.sup)
        return _refuted_exact_point(p, f, 0, text, tex, deriv, var)
    if kind == "gap":
        left, right = pat.gap_bounds(k)
        candidates = [sample_point(left, right)]
        if left.is_finite and right.is_finite:
            candidates += [left + (right - left) * sp.Rational(j, 8) for j in range(1, 8)]
        for p in candidates:
            ball = point_value(f, var, p, 256)
            if ball is not None and balls.ball_sign(ball) == pat.signs[k]:
                return _refuted_at(p, f, ball, text, tex, deriv, var, "sign pattern")
        return _unknown(text, tex, deriv, pieces, var, "the violating stretch has no certified sample point")
    z = pat.zeros[k]
    if z.exact is not None:
        try:
            if exact_zero(f.subs(var, z.exact), ctx, 2.0):
                return _refuted_exact_point(z.exact, f, 0, text, tex, deriv, var)
        except Undecided:
            pass
    a, b = point_value(f, var, z.lo, 256), point_value(f, var, z.hi, 256)
    if not (z.lo > iv.inf and z.hi < iv.sup):
        a = None  # the enclosure reaches past the piece: the zero might be outside the domain
    if a is not None and b is not None:
        sa, sb = balls.ball_sign(a), balls.ball_sign(b)
        if sa is not None and sb is not None and sa != sb:
            deriv.say(f"f({z.lo}) and f({z.hi}) have opposite certified signs, so the continuous f vanishes "
                      f"between them, contradicting the strict inequality.")
            cert = Certificate("interval", {"points": [str(z.lo), str(z.hi)],
                                            "values": [balls.ball_str(a), balls.ball_str(b)],
                                            "argument": "intermediate value theorem"})
            return Verdict("refuted", text, tex, "certified sign change", cert, deriv,
                           value={"zero_enclosure": [str(z.lo), str(z.hi)]})
    return _unknown(text, tex, deriv, pieces, var, f"a zero at {z.describe()} could not be certified")


def _refuted_at(p, f, ball, text, tex, deriv, var, how) -> Verdict:
    deriv.say(f"Counterexample at x = {p}: f({p}) is in {balls.ball_str(ball)} (certified ball arithmetic).")
    cert = Certificate("counterexample", {"point": str(p), "value": balls.ball_str(ball),
                                          "float": float(ball.mid()), "found_by": how})
    return Verdict("refuted", text, tex, "certified counterexample", cert, deriv,
                   value={"counterexample": p})


def _refuted_exact_point(p, f, s, text, tex, deriv, var) -> Verdict:
    value = f.subs(var, p)
    deriv.show(value, _rel_symbol(s), 0, f"exact value at x = {sp.sstr(p)}")
    cert = Certificate("counterexample", {"point": sp.sstr(p), "value": "0" if s == 0 else sp.sstr(value),
                                          "exact": True})
    return Verdict("refuted", text, tex, "exact counterexample", cert, deriv, value={"counterexample": p})


def _unknown(text, tex, deriv, pieces, var, reason) -> Verdict:
    return unknown(text, tex, "sign analysis", reason, 0.0, deriv,
                   {"samples": evidence_samples(pieces, var)})

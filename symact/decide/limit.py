"""``limit(expr, point, direction, expected)``: the exact limit (SymPy's Gruntz algorithm under a budget).

Piecewise input is reduced to the piece next to the point on the requested side.  A certified ``arb``
value near the point is attached as evidence only (and a limit that contradicts it is not trusted).
With ``expected`` the verdict is about "limit == expected": proved by exact equality, refuted when the
computed limit differs from it (certified by ball arithmetic) or when the one-sided limits differ.
"""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import X
from symact.decide import balls
from symact.decide.asymptotics import limit_value
from symact.decide.context import Context, same_value
from symact.decide.common import exact_input, guarded, piece_beside, point_value, split, unknown
from symact.decide.pattern import Undecided
from symact.verdict import Certificate, Derivation, Verdict
from symact.parsing import as_expression


def _near(point, side):
    if point is sp.oo:
        return sp.Integer(10) ** 6
    if point is -sp.oo:
        return -sp.Integer(10) ** 6
    step = sp.Rational(1, 10 ** 12)
    return point + step if side == "+" else point - step


def one_sided(expr, point, side, var, ctx: Context):
    """(limit value, evidence ball string) of expr at point from one side; raises Undecided."""
    pieces = split(expr, var, sp.S.Reals, ctx)
    piece = piece_beside(pieces, point, side)
    if piece is None:
        raise Undecided(f"no piece of the function reaches {point} from the {side} side")
    value = limit_value(piece.expr, var, point, ctx, side if point not in (sp.oo, -sp.oo) else
                        ("-" if point is sp.oo else "+"))
    ball = point_value(piece.expr, var, _near(point, side), 128)
    return value, ball


def limit(expr, point, direction: str = "+-", expected=None, var: sp.Symbol = X,
          budget: float = 5.0) -> Verdict:
    if direction not in ("+-", "+", "-"):
        raise ValueError(f"direction must be '+-', '+' or '-', got {direction!r}")
    original, point = as_expression(expr, (str(var),)), as_expression(point)
    e = exact_input(original)
    arrow = {"+-": "", "+": "^+", "-": "^-"}[direction] if point not in (sp.oo, -sp.oo) else ""
    base_tex = rf"\lim_{{{sp.latex(var)} \to {sp.latex(point)}{arrow}}} {sp.latex(original)}"
    base_txt = f"lim_{{{var} -> {point}{arrow.replace('^', '')}}} {sp.sstr(original)}"
    return guarded(lambda: _decide(e, point, direction, expected, var, budget, base_txt, base_tex),
                   original, var, base_txt, base_tex, "limit")


def _decide(e, point, direction, expected, var, budget, base_txt, base_tex) -> Verdict:
    ctx = Context.start(var, budget)
    if expected is not None:
        expected = exact_input(as_expression(expected))
        text, tex = f"{base_txt} = {sp.sstr(expected)}", f"{base_tex} = {sp.latex(expected)}"
    else:
        text, tex = f"{base_txt} exists", f"{base_tex} \\text{{ exists}}"
    deriv = Derivation().say(f"Claim: {text}.")
    sides = ["+", "-"] if direction == "+-" and point not in (sp.oo, -sp.oo) else [
        direction if point not in (sp.oo, -sp.oo) else ("-" if point is sp.oo else "+")]
    values, evidence = [], {}
    try:
        for side in sides:
            value, ball = one_sided(e, point, side, var, ctx)
            values.append(value)
            if ball is not None and ball.is_finite():
                evidence[f"f near {point} ({side})"] = balls.ball_str(ball, 15)
            deriv.show(sp.Limit(e, var, point, side), "=", value, "SymPy limit (Gruntz algorithm)")
            _sanity(value, ball)
    except (Undecided, balls.ArbUnsupported) as exc:
        return unknown(text, tex, "limit", str(exc), 0.0, deriv, evidence)
    same = same_value(values[0], values[1], ctx) if len(values) == 2 else True
    if not same:
        if same is None:
            return unknown(text, tex, "limit", f"cannot tell whether the one-sided limits {values[0]} and "
                           f"{values[1]} are equal", 0.0, deriv, evidence)
        deriv.say("The one-sided limits differ (certified), so the two-sided limit does not exist.")
        cert = Certificate("limit", {"right": sp.sstr(values[0]), "left": sp.sstr(values[1])})
        return Verdict("refuted", text, tex, "one-sided limits", cert, deriv, value=None, evidence=evidence)
    value = values[0]
    cert = Certificate("limit", {"limit": sp.sstr(value), "sides": sides})
    if expected is None:
        text, tex = f"{base_txt} = {sp.sstr(value)}", f"{base_tex} = {sp.latex(value)}"
        deriv.steps[0] = Derivation().say(f"Claim: {text}.").steps[0]
        return Verdict("proved", text, tex, "exact limit", cert, deriv, value=value, evidence=evidence)
    same = same_value(value, expected, ctx)
    if same:
        deriv.show(value, "=", expected, "exact comparison")
        return Verdict("proved", text, tex, "exact limit", cert, deriv, value=value, evidence=evidence)
    if same is False:
        deriv.show(value, "!=", expected, "certified comparison")
        return Verdict("refuted", text, tex, "exact limit", cert, deriv, value=value, evidence=evidence)
    return unknown(text, tex, "limit", f"cannot compare the limit {value} with {expected}", 0.0, deriv,
                   evidence, value)


def _sanity(value, ball) -> None:
    """Reject a limit that contradicts a certified value near the point by a wide margin (evidence)."""
    if ball is None or not ball.is_finite():
        return
    if value in (sp.oo, -sp.oo):
        if (value is sp.oo and ball < -1) or (value is -sp.oo and ball > 1):
            raise Undecided(f"the computed limit {value} disagrees with a nearby value {ball}")
        return
    try:
        lim_ball = balls.constant(value, 64)
    except balls.ArbUnsupported:
        return
    if abs(float(lim_ball.mid()) - float(ball.mid())) > 0.05 * (1 + abs(float(lim_ball.mid()))):
        raise Undecided(f"the computed limit {value} disagrees with a nearby value {ball}")

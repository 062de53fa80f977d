"""The decision context (variable, deadline, budgeted SymPy steps), exact zero tests and exact signs of
constants."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from symact import budget
from symact.budget import run_with_budget
from symact.decide import balls
from symact.decide.pattern import Undecided


def attempt(fn, seconds: float) -> tuple[bool, Any]:
    """``run_with_budget`` that also turns SymPy's exceptions into a failed attempt: (True, value) or
    (False, reason)."""
    try:
        return run_with_budget(fn, seconds)
    except Exception as exc:  # noqa: BLE001 -- SymPy raises NotImplementedError, ValueError, ... on hard input
        return False, f"{type(exc).__name__}: {exc}"


@dataclass
class Context:
    """A decision in progress: its variable and its deadline, a reading of :func:`symact.budget.clock` (CPU
    seconds), never later than the budget of an enclosing decision (:func:`symact.budget.limit`)."""
    var: sp.Symbol
    deadline: float
    notes: list[str] = field(default_factory=list)

    @staticmethod
    def start(var: sp.Symbol, seconds: float) -> "Context":
        return Context(var, min(budget.clock() + seconds, budget.deadline()))

    def remaining(self) -> float:
        return min(self.deadline, budget.deadline()) - budget.clock()

    def run(self, fn, cap: float = 2.0, what: str = "a SymPy step"):
        left = self.remaining()
        if left <= 0.05:
            raise Undecided(f"time budget exhausted before {what}")
        try:
            finished, value = run_with_budget(fn, min(cap, left))
        except Undecided:
            raise
        except Exception as exc:  # noqa: BLE001 -- a SymPy failure means "not decided here", never more
            raise Undecided(f"{what} failed ({type(exc).__name__}: {exc})") from None
        if not finished:
            raise Undecided(f"{what} did not finish in time ({value})")
        return value

    def check_time(self) -> None:
        if self.remaining() <= 0:
            raise Undecided("time budget exhausted")


def simplify_special(expr: sp.Expr) -> sp.Expr:
    """Exact rewrites SymPy misses: exp(b + k W(a)) = exp(b) (a / W(a))^k for rational k."""
    def fix(e):
        out = sp.Integer(1)
        for term in sp.Add.make_args(sp.expand(e.args[0])):
            coeff, rest = term.as_coeff_Mul()
            if isinstance(rest, sp.LambertW) and coeff.is_Rational and len(rest.args) == 1:
                out *= (rest.args[0] / rest) ** coeff
            else:
                out *= sp.exp(term)
        return out
    return expr.replace(lambda e: isinstance(e, sp.exp) and e.has(sp.LambertW), fix)


def exact_zero(value: sp.Expr, ctx: Context, cap: float = 1.5) -> bool:
    """True only when ``value`` simplifies exactly to 0."""
    value = sp.sympify(value, strict=True)
    if value.is_zero:
        return True

    def work():
        v = simplify_special(value)
        if sp.simplify(v) == 0:
            return True
        return sp.simplify(sp.expand(v.rewrite(sp.exp))) == 0
    return bool(ctx.run(work, cap, "exact simplification"))


def same_value(a: sp.Expr, b: sp.Expr, ctx: Context, cap: float = 1.5) -> bool | None:
    """True when the numbers a and b (+-oo allowed) are equal exactly, False when they certainly differ
    (different infinities, or a certified ball of a - b excluding 0), None when that is not settled."""
    a, b = sp.sympify(a, strict=True), sp.sympify(b, strict=True)
    if a == b:
        return True
    if a in (sp.oo, -sp.oo) or b in (sp.oo, -sp.oo):
        return False
    if a.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.I) or b.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.I):
        return None
    try:
        if balls.ball_sign(balls.constant(a - b, 256)) is not None:
            return False
    except balls.ArbUnsupported:
        pass
    try:
        return True if exact_zero(a - b, ctx, cap) else None
    except Undecided:
        return None


def const_sign(value: sp.Expr, ctx: Context) -> int:
    """The exact sign of a real constant: certified ball or exact zero; raises Undecided otherwise."""
    value = sp.sympify(value, strict=True)
    if value.has(sp.nan, sp.zoo) or value.has(sp.I):
        raise Undecided(f"{value} is not a finite real number")
    if value is sp.oo:
        return 1
    if value is -sp.oo:
        return -1
    if value.is_zero:
        return 0
    for bits in (64, 256, 1024):
        try:
            ball = balls.constant(value, bits)
        except balls.ArbUnsupported as exc:
            raise Undecided(str(exc)) from None
        s = balls.ball_sign(ball)
        if s is not None:
            return s
        if not ball.is_finite():
            break
    if exact_zero(value, ctx):
        return 0
    raise Undecided(f"cannot decide the sign of the constant {value}")


def order(a_exact: sp.Expr | None, a_ball, b_exact: sp.Expr | None, b_ball, ctx: Context) -> int:
    """-1, 0 or 1 for a < b, a = b, a > b, each number given exactly (``+-oo`` allowed, then no ball) and/or
    by a certified ball: infinities first, then the balls, then the exact sign of a - b (:func:`const_sign`,
    so equality only when exact).  Raises Undecided when that does not settle it."""
    ia = 1 if a_exact == sp.oo else (-1 if a_exact == -sp.oo else 0)
    ib = 1 if b_exact == sp.oo else (-1 if b_exact == -sp.oo else 0)
    if ia or ib:
        return (ia > ib) - (ia < ib)
    if a_ball < b_ball:
        return -1
    if a_ball > b_ball:
        return 1
    if a_exact is None or b_exact is None:
        raise Undecided("two values agree to working precision and one of them is not known exactly")
    return const_sign(a_exact - b_exact, ctx)

"""``identity(lhs, rhs)`` and ``inequality(lhs, op, rhs)`` on a domain: both reduce to the sign of lhs - rhs.

An identity is first tried piece by piece with the exact normal form (:func:`symact.calculus.normal_form`:
exponential rewriting then simplification, under the budget); pieces that do not simplify to 0 go through
the sign engine with relation ``==0`` (proof that the difference vanishes identically, or a certified point
where the two sides differ).
"""
from __future__ import annotations

import sympy as sp

from symact import calculus
from symact.catalog.registry import X
from symact.decide.context import Context
from symact.decide.common import domain_latex, domain_text, exact_input, guarded, split
from symact.decide.pattern import Undecided
from symact.decide.sign import sign
from symact.verdict import Certificate, Derivation, Verdict
from symact.parsing import as_expression

OPS = {"<=": ("<=0", r"\le"), "<": ("<0", "<"), ">=": (">=0", r"\ge"), ">": (">0", ">")}


def inequality(lhs, op: str, rhs, domain: sp.Set = sp.S.Reals, var: sp.Symbol = X,
               budget: float = 5.0) -> Verdict:
    """Decide "lhs OP rhs for all var in domain", OP in '<=', '<', '>=', '>'."""
    if op not in OPS:
        raise ValueError(f"op must be one of {tuple(OPS)}, got {op!r}")
    lhs, rhs = as_expression(lhs, (str(var),)), as_expression(rhs, (str(var),))
    rel, op_tex = OPS[op]
    text = f"{sp.sstr(lhs)} {op} {sp.sstr(rhs)} for all {var} in {domain_text(domain)}"
    tex = rf"{sp.latex(lhs)} {op_tex} {sp.latex(rhs)} \quad \forall {sp.latex(var)} \in {domain_latex(domain)}"
    return sign(lhs - rhs, rel, domain, var, budget, statement=(text, tex))


def identity(lhs, rhs, domain: sp.Set = sp.S.Reals, var: sp.Symbol = X, budget: float = 5.0) -> Verdict:
    """Decide "lhs == rhs for all var in domain"."""
    lhs, rhs = as_expression(lhs, (str(var),)), as_expression(rhs, (str(var),))
    text = f"{sp.sstr(lhs)} = {sp.sstr(rhs)} for all {var} in {domain_text(domain)}"
    tex = rf"{sp.latex(lhs)} = {sp.latex(rhs)} \quad \forall {sp.latex(var)} \in {domain_latex(domain)}"
    return guarded(lambda: _decide(lhs, rhs, domain, var, budget, text, tex), lhs - rhs, var, text, tex,
                   "identity")


def _decide(lhs, rhs, domain, var, budget, text, tex) -> Verdict:
    ctx = Context.start(var, budget * 0.5)
    diff = exact_input(lhs - rhs)
    deriv = Derivation().say(f"Claim: {text}.")
    try:
        pieces = split(diff, var, domain, ctx)
        for piece in pieces:
            nf = ctx.run(lambda: calculus.normal_form(piece.expr), 3.0, "the normal form")
            if nf != 0:
                raise Undecided(f"the normal form on {domain_text(piece.interval)} is {sp.sstr(nf)}, not 0")
            deriv.show(piece.expr, "=", 0, f"normal form on {domain_text(piece.interval)} "
                                            "(rewrite in exp, simplify)")
    except Undecided as exc:
        deriv.say(f"Exact simplification did not finish the proof ({exc}); the difference goes through "
                  "the sign analysis.")
        v = sign(diff, "==0", domain, var, max(budget - (budget * 0.5 - ctx.remaining()), 0.5),
                 statement=(text, tex))
        v.derivation = deriv.extend(v.derivation)
        return v
    cert = Certificate("symbolic", {"normal_form": "0", "pieces": [str(p.interval) for p in pieces]})
    return Verdict("proved", text, tex, "exact normal form", cert, deriv)

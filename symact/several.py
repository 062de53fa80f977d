"""Convexity in several variables: ``convex(EXPR, w, b)``, the function (w, b) -> EXPR on all of R^2.

Read by :func:`symact.parsing.parse_claim` when ``convex(...)`` or ``concave(...)`` names variables after the
expression; the claim may start with one quantified parameter (``forall 0 <= y <= 1: ...``) and holds for every
real x as well::

    forall 0 <= y <= 1: convex(-y*log(sigmoid(w*x + b)) - (1 - y)*log(1 - sigmoid(w*x + b)), w, b)

states: for every y in [0, 1] and every real x, (w, b) -> -y ln sigmoid(w x + b) - (1 - y) ln(1 - sigmoid(w x + b))
is convex on R^2.  The language states such a claim for a composition F(A) only: A is a subexpression affine in
the variables, A = c_w w + c_b b + c_1 with coefficients polynomials in x, and F (EXPR with A replaced by a
fresh variable) mentions neither the variables nor x.  :func:`decompose` finds A (the outermost such
subexpression); the kernel's rule ``affine-composition`` (:mod:`symact.kernel.affine_convex`) then needs F
convex on R, for every value of the parameter.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symact.errors import ExpressionError
from symact.stated import StatedClaim


@dataclass(frozen=True, kw_only=True)
class SeveralClaim(StatedClaim):
    """``[forall PARAM in A:] convex(EXPR, v1, ..., vk)``: its text, the expression as written (``raw``), the
    kernel's JSON (``data``) and ``outer``, the claim ``[forall PARAM in A:] convex(F)`` on R (a
    :class:`symact.parsing.Claim`, which the search proves)."""

    source: str  # EXPR as written
    raw: sp.Expr = field(compare=False)
    names: tuple
    outer: object = field(compare=False)

    @classmethod
    def build(cls, text: str, op: str, source: str, raw: sp.Expr, names: tuple, outer: sp.Expr, coefficients: dict, param,
              param_text: str, outer_claim) -> "SeveralClaim":
        """The claim with its kernel JSON (ExpressionError where the kernel cannot read F or a coefficient);
        ``outer`` is F as written."""
        from symact.catalog.registry import X
        from symact.kernel.pieces import piece_json
        from symact.kernel.terms import TermError, to_json
        from symact.sympy_terms import from_sympy

        try:
            data = {"vars": list(names), "sense": op,
                    "map": {n: to_json(from_sympy(c, X)) for n, c in coefficients.items()},
                    "outer": to_json(from_sympy(outer, X, (param[0],) if param else ()))}
        except TermError as exc:
            raise ExpressionError(f"outside what the kernel reads: {exc}") from None
        if param:
            data["param"] = {"name": param[0], "domain": [piece_json(p) for p in param[1]], "text": param_text}
        return cls(text=text, op=op, source=source, raw=raw, names=names, data={"several": data}, outer=outer_claim,
                   params=(param,) if param else ())

    def domain_text(self) -> str:
        return f"every real x and every ({', '.join(self.names)}) in R^{len(self.names)}"

    def statement(self, domain_latex) -> tuple[str, str]:
        """The sentence and its LaTeX (``domain_latex`` writes the parameter's domain)."""
        names = ", ".join(self.names)
        lead = text_lead = ""
        if self.params:
            (name, pieces), = self.params
            lead = rf"{sp.latex(sp.Symbol(name))} \in {domain_latex(pieces)},\ "
            text_lead = f"{name} in {self.data['several']['param']['text']}, "
        tuple_tex = ", ".join(sp.latex(sp.Symbol(n)) for n in self.names)
        body = f"{self.op}({self.source}, {names}) on R^{len(self.names)} for every real x"
        text = f"forall {text_lead.removesuffix(', ')}: {body}" if text_lead else body
        tex = (rf"\forall {lead}x \in \mathbb{{R}}:\ ({tuple_tex}) \mapsto {sp.latex(self.raw)}\ \text{{is {self.op} on "
               rf"}} \mathbb{{R}}^{{{len(self.names)}}}")
        return text, tex


def decompose(expr: sp.Expr, names: tuple, x: sp.Symbol) -> tuple[sp.Expr, sp.Expr, dict]:
    """(F as written, F evaluated by SymPy, both with A replaced by x; {name: coefficient, "1": constant}) for
    EXPR = F(A) as written (``expr`` unevaluated), A the outermost subexpression that is a polynomial as written
    (no division but by numbers) and affine in the variables ``names`` with coefficients polynomial in x, F free of
    the variables and of x as written (SymPy's evaluation would cancel x/x or A/A, which are undefined at 0);
    ExpressionError otherwise."""
    variables = [s for s in expr.free_symbols if s.name in names]
    if {s.name for s in variables} != set(names):
        raise ExpressionError(f"each of {', '.join(names)} occurs in the expression")
    z = sp.Dummy("z")
    for sub in sp.preorder_traversal(expr):
        if not isinstance(sub, sp.Expr) or isinstance(sub, sp.logic.boolalg.Boolean) or not any(
                s in variables for s in sub.free_symbols):
            continue
        try:
            with sp.evaluate(False):
                written = expr.xreplace({sub: z})
            outer = expr.xreplace({sub: z})
        except (TypeError, ValueError):  # a part of a Piecewise that is no expression
            continue
        if any(s in variables or s.name == x.name for s in written.free_symbols):
            continue
        coefficients = _affine(sub, variables, x) if _written_polynomial(sub) else None
        if coefficients is not None:
            by_name = {s.name: s for s in variables}
            with sp.evaluate(False):
                written = written.xreplace({z: x})
            return written, outer.xreplace({z: x}), {**{n: coefficients[by_name[n]] for n in names},
                                                     "1": coefficients[1]}
    raise ExpressionError(f"write the function as F(A): A affine in {', '.join(names)} (coefficients polynomials "
                          f"in x; as written, no division but by numbers), F free of them and of x as written (x/x "
                          f"is undefined at 0), e.g. 'convex(softplus(w*x + b), w, b)'")


def _written_polynomial(e: sp.Expr) -> bool:
    """Whether e as written is built from symbols and rationals by +, * and powers with natural exponents
    (a number may have any integer exponent: w/2), so defined everywhere (w*x/x is not, at x = 0)."""
    return all(isinstance(n, (sp.Add, sp.Mul, sp.Symbol, sp.Rational)) or (
        isinstance(n, sp.Pow) and n.exp.is_Integer and (n.exp >= 0 or (n.base.is_Rational and n.base != 0)))
        for n in sp.preorder_traversal(e))


def _affine(sub: sp.Expr, variables: list, x: sp.Symbol) -> dict | None:
    """{variable: coefficient, 1: constant} when sub is affine in the variables with coefficients polynomial in
    x (by name), else None."""
    xs = [s for s in sub.free_symbols if s.name == x.name]
    try:
        poly = sp.Poly(sp.expand(sub.doit()), *variables)
    except sp.PolynomialError:
        return None
    if poly.total_degree() > 1:
        return None
    out = {v: poly.coeff_monomial(v) for v in variables}
    out[1] = poly.coeff_monomial(1)
    for c in out.values():
        if not c.free_symbols <= set(xs) or (xs and not c.is_polynomial(*xs)) or not (xs or c.is_rational):
            return None
    return {v: c.xreplace({s: x for s in xs}) for v, c in out.items()}

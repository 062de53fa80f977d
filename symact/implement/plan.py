"""What to implement: the function, its branches and their claims, from a catalog entry or an expression."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy as sp

from symact.calculus import to_piecewise
from symact.catalog.registry import X
from symact.errors import ParameterError
from symact.implement.branches import (FAMILIES, JAX_FAMILIES, Branch, as_written, covers_real_line, derivative_pieces,
                                       from_pieces)
from symact.implement.crossing import split_pieces
from symact.implement.emit import Unprintable
from symact.implement.proving import BranchProof, prove_all
from symact.implement.stable import limits, refined, stable_branches, stated
from symact.implement.taylor import taylor_branches
from symact.implement.undefined import (derivative_points, domain_gaps, nan_at, undefined_points,
                                        underivable_points)
from symact.implement.zeros import zero_value


@dataclass
class Part:
    """One function of the module (f or f'): its branches, the claim lhs, and each branch's proof."""

    name: str
    lhs: str
    branches: list[Branch]
    proofs: list[BranchProof] = field(default_factory=list)
    #: the values at -inf and +inf where the branches would not give the limit there (``limit`` branches, after
    #: the branches in ``proofs``)
    limits: list[Branch] = field(default_factory=list)
    #: whether it may be undefined at a finite x (an expression's: log(x) at x < 0, 1/x at 0), where the module
    #: returns NaN (or inf) as NumPy computes it, without a warning
    undefined: bool = False
    #: what it returns at +0 and -0 where the branch formulas would not give that sign (an expression's,
    #: :mod:`symact.implement.zeros`), or None
    zero: str | None = None
    #: an expression's part: the exact function, whose limits are found again where a form at an infinite end
    #: gives way to another (:meth:`Plan.prove`); None for a catalog entry's (its table has its limits)
    expr: sp.Expr | None = None

    def claims(self) -> list[Branch]:
        """The branches, then the limits: what ``proofs`` decides, in order."""
        return self.branches + self.limits

    def unproved(self) -> list[BranchProof]:
        return [p for p in self.proofs if p.status not in ("proved", "convention", "undefined")]


@dataclass
class Plan:
    """The function ``name`` (a Python identifier), its exact expression, and the parts to emit."""

    name: str
    expr: sp.Expr
    source: str  # what the user asked for, for the docstring
    parts: list[Part]
    params: dict | None = None  # a catalog entry's parameters as given (None: an expression)
    #: (dtype, target) -> the 16-bit module's table of inputs at rounding boundaries (:mod:`.halfround`) and
    #: whether it was made from the module's own outputs, computed once
    boundaries: dict = field(default_factory=dict, compare=False, repr=False)
    #: (dtype, part number) -> the certified correct rounding at -inf, every finite input and +inf (:mod:`.halfround`)
    references: dict = field(default_factory=dict, compare=False, repr=False)

    def prove(self, budget: float) -> None:
        """Decide every branch claim of every part (one sandboxed run for all); a form chosen by measurement
        or a Taylor branch whose claim the kernel does not prove gives its place to the formula it replaced on its
        range (``Branch.written``: tanh(x*(erf(sqrt(2)*x/2) + 1)/2) as tanh(x*erf(sqrt(2)*x/2)/2 + x/2), 1 ulp
        against 2, is not proved), whose claim is decided in turn, and the description says which form was not
        proved; a Taylor branch of a high degree gives it to the next smaller ball's Taylor branch and the formula
        beyond it (``written`` of branches: :mod:`symact.implement.taylor`), decided in turn.  Each branch that takes
        another's place states its measurement on its own range (:func:`symact.implement.stable.stated`)."""
        items = [(part.lhs, b) for part in self.parts for b in part.claims()]
        proofs = iter(prove_all(items, budget))
        for part in self.parts:
            part.proofs = [next(proofs) for _ in part.claims()]
        ends = [(part.branches[0].formula, part.branches[-1].formula) for part in self.parts]
        while redo := [(part, i) for part in self.parts for i, (b, p) in enumerate(zip(part.branches, part.proofs))
                       if b.written is not None and p.status not in ("proved", "convention", "undefined")]:
            todo = []
            for part, i in reversed(redo):  # ``written`` of branches (a smaller Taylor ball) holds several
                b, p = part.branches[i], part.proofs[i]
                failed = f"is not proved: {p.status}, {p.reason}"
                if isinstance(b.written[0], Branch):
                    new = [replace(w, why=f"{w.why} (the Taylor polynomial of degree "
                                          f"{sp.Poly(b.formula, X).degree()} on {b.domain_text()} {failed})")
                           for w in stated(list(b.written))]
                else:  # the next form of a chain: a runner-up of the measurement, or the expression as written
                    after = b.written[2] if len(b.written) > 2 else None
                    new = stated([replace(b, formula=b.written[0], written=after, kind="exact", bound=None, why=(
                        f"{b.written[1]} (the form that measured best here, {sp.sstr(b.formula)}, {failed})"))])
                part.branches[i:i + 1], part.proofs[i:i + 1] = new, [None] * len(new)
                todo = [(q, j + len(new) - 1 if q is part and j > i else j) for q, j in todo]
                todo += [(part, i + k) for k in range(len(new))]
            again = prove_all([(part.lhs, part.branches[i]) for part, i in todo], budget)
            for (part, i), proof in zip(todo, again):
                part.proofs[i] = proof
        self._limits_again(ends, budget)

    def _limits_again(self, ends: list[tuple], budget: float) -> None:
        """The limits at -oo and +oo of each expression part whose branch at an infinite end is no longer the
        form they were found for (``ends``: the formulas there before): the expression as written may not give
        the limit where its stable form did (x/(x + 1)**2 is inf/inf = NaN at +inf where 1/(x (1 + 2/x + x**-2)),
        refuted at 0, is 0), so a ``limit`` branch is added there and decided."""
        for part, (first, last) in zip(self.parts, ends):
            if part.expr is None or (part.branches[0].formula, part.branches[-1].formula) == (first, last):
                continue
            fresh = [b for b in limits(part.expr, part.branches) if all(b.lo != old.lo for old in part.limits)]
            if fresh:
                part.limits += fresh
                part.proofs += prove_all([(part.lhs, b) for b in fresh], budget)


def _call(entry, params: dict) -> str:
    given = "".join(f", {k}={sp.sstr(v)}" for k, v in params.items())
    return f"{entry.name}(x{given})"


def plan_entry(entry, params: dict, derivative: bool, framework: str, wide: bool = False) -> Plan:
    """The plan for a scalar catalog entry at ``params`` (validated, exact); ``framework`` names whose
    convention is used at kinks of f'; ``wide``: the module computes in float64 for a float32 or 16-bit result
    (the family's table for that, :data:`symact.implement.branches.FAMILIES`, on JAX its ``JAX_FAMILIES`` table
    where it has one)."""
    # decimals (SELU's constants) as the exact rationals they denote, and every value in the call: the kernel
    # reads no inexact number
    exact = {symbol.name: sp.Rational(str(value)) if isinstance(value, sp.Float) else value
             for symbol, value in entry.param_values(params).items()}
    expr = entry.f(exact)
    call = _call(entry, exact)
    family = (JAX_FAMILIES.get(entry.name) if framework == "jax" and wide else None) or FAMILIES.get(entry.name)
    convention = entry.kink_convention(framework, params) or entry.kink_convention("torch", params)
    if family is not None:
        f_branches, df_branches = family(exact, convention, wide)
    elif expr.has(sp.Piecewise):
        f_branches, df_branches = from_pieces(entry.pieces(params)), None
    else:
        f_branches, df_branches = as_written(expr), None
    parts = [_part(entry.name, call, f_branches)]
    if derivative:
        if df_branches is None and expr.has(sp.Piecewise):
            df_branches = derivative_pieces(entry.pieces(params), convention)
        elif df_branches is None:
            df_branches = as_written(sp.diff(expr, X))
        parts.append(_part(f"{entry.name}_derivative", f"diff({call}, x)", df_branches))
    for part in parts:
        assert covers_real_line(part.branches), f"{part.name}: the branch table does not partition R"
    return Plan(entry.name, expr, call, parts, params)


def _part(name: str, lhs: str, table: list[Branch]) -> Part:
    """The part of a family's table: its ``limit`` branches (the values at -inf and +inf) apart."""
    return Part(name, lhs, [b for b in table if b.kind != "limit"], limits=[b for b in table if b.kind == "limit"])


def plan_expression(expr: sp.Expr, derivative: bool, largest: float = float("inf")) -> Plan:
    """The plan for a user expression: its pieces where it has any (Piecewise, Abs, Max, ...; at a switch point
    f' is the right piece's derivative, a convention), else its stable forms on x < 0 and x >= 0 where they
    measure better than the expression as written, else the expression as written, on one branch
    (:func:`symact.implement.stable.stable_branches`); NaN where it is undefined, with Taylor branches around a
    removable 0/0 (:mod:`symact.implement.taylor`).  Decimals (SELU's constants, in selu(x)*sigmoid(x)) are the
    exact rationals they denote, as for a catalog entry: the kernel refuted f' with them, the product of two of
    them being printed to 32 digits.  The forms are measured at sample inputs of magnitude up to ``largest``, the
    largest finite value of the module's dtype: a float32 module never sees a finite input beyond it."""
    expr = expr.xreplace({v: sp.Rational(str(v)) for v in expr.atoms(sp.Float)})
    text = sp.sstr(expr)
    split = to_piecewise(expr).has(sp.Piecewise)
    d = sp.diff(expr, X)
    try:
        found, crossed = split_pieces(expr) if split else (None, None)
        f_branches = domain_gaps(expr, taylor_branches(expr, undefined_points(
            expr, refined(from_pieces(found), largest) if split else stable_branches(expr, largest)),
            at_zero=not split))
        df_branches = derivative and underivable_points(expr, domain_gaps(expr, domain_gaps(d, derivative_points(
            expr, taylor_branches(d, undefined_points(
                d, refined(crossed or derivative_pieces(found, {}), largest) if split else
                stable_branches(d, largest)), at_zero=not split, primitive=expr))), of_f=True))
    except (Unprintable, ParameterError):  # a function the module cannot compute, Max or Min whose arguments cross
        raise                              # more than once (their own one-line messages)
    except (TypeError, ValueError):  # a switch point that is not rational, a condition that is not a set, f' = 1/0
        raise ParameterError(f"cannot split {text} into pieces with rational switch points") from None
    f_branches = stated(f_branches)  # each measurement on the range its branch serves now
    parts = [Part("f", text, f_branches, limits=limits(expr, f_branches), undefined=True,
                  zero=None if nan_at(f_branches, 0) else zero_value(expr), expr=expr)]
    if derivative:  # f' may be NaN at 0 where its formula is 0 (x**(3/2)')
        df_branches = stated(df_branches)
        parts.append(Part("f_derivative", f"diff({text}, x)", df_branches, limits=limits(d, df_branches),
                          undefined=True, zero=None if nan_at(df_branches, 0) else zero_value(d), expr=d))
    for part in parts:
        if not covers_real_line(part.branches):
            raise ParameterError(f"{text} is not defined by its pieces on all of R; implement needs a function of "
                                 f"every real x")
    return Plan("f", expr, text, parts)

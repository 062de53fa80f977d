"""The proof of a statement of real arithmetic with quantifiers (:mod:`symact.logic`): a search that proposes the
natural-deduction certificate the kernel checks (:mod:`symact.kernel.logic_claim`).

Goals are taken apart by their connectives (``intro``, ``assume``, ``split``, ``suppose``); an atom or a
contradiction is looked for as a ``psatz`` certificate: a linear program (SciPy, floating point) over products
of at most two facts, its solution rounded to small fractions; the kernel then checks it exactly, so a bad
rounding is at worst no proof.  A weak inequality whose difference factors as a positive constant times a square
(h**2/4 - s*(h - s) = (h/2 - s)**2) is proved by that square.  A contradiction may need instances of universal
hypotheses: they are tried at 0 and at plus or minus twice each positive variable in scope, with ``mp`` where the
premise is proved.  A witness for ``exists`` is solved from the implications of its body (the conclusion's
polynomial made equal to the premise's, a linear system in the witnesses), else 0 or 1.  The claim is refuted
by the same search proving its negation.  The search is bounded by the number of linear programs
(:data:`LP_PER_SECOND` per second of budget), so its verdict does not depend on the machine's load.  No proof
either way: unknown.
"""
from __future__ import annotations

import itertools
import json
import time
from fractions import Fraction

import numpy as np
import sympy as sp
from scipy.optimize import linprog

from symact.kernel import Rejected
from symact.kernel import check as kernel_check
from symact.kernel.pieces import FORMAT
from symact.kernel.logic_claim import Context, NEGATION, atom_polynomials, fact, substitute_formula
from symact.kernel.poly import add as p_add, capped_mul as mul, constant_of
from symact.verdict import Certificate, Derivation, Verdict

#: facts above which a psatz search uses single facts only (no products of two)
PAIR_LIMIT = 14
#: psatz linear programs per second of budget
LP_PER_SECOND = 100
#: the most monomials of a difference that the search factors looking for a square
SQUARE_TERMS = 40
#: denominators tried when a floating multiplier is rounded to a fraction
DENOMINATOR = 1000


def check_logic_claim(claim, budget: float) -> Verdict:
    text, tex = claim.statement()
    start = time.process_time()
    reasons = []
    for verdict, goal in (("proved", claim.data), ("refuted", ["not", claim.data])):
        try:
            node = _Prover(int(max(budget, 1.0) * LP_PER_SECOND)).prove(goal, Context(frozenset(), ()))
        except (ValueError, ArithmeticError) as exc:
            node, reasons = None, [*reasons, f"{type(exc).__name__}: {exc}"]
        if node is None:
            continue
        cert = {"format": FORMAT, "claim": {"logic": claim.data, "statement": claim.text}, "verdict": verdict,
                "proof": node}
        try:
            verdict, steps = kernel_check(cert)
        except Rejected as exc:
            reasons.append(f"the kernel rejects the proposed proof: {exc}")
            continue
        deriv = Derivation().say(f"Claim: {text}.")
        for line in steps:
            deriv.say(line)
        method = "kernel-checked proof" if verdict == "proved" else "kernel-checked refutation"
        return Verdict(verdict, text, tex, method, Certificate("kernel", cert), deriv, time.process_time() - start)
    return Verdict("unknown", text, tex, "kernel search", seconds=time.process_time() - start,
                   reason="no proof of the statement or of its negation found" + (
                       f" ({'; '.join(reasons)})" if reasons else ""))


class _Prover:
    def __init__(self, work: int):
        self.work = work  # linear programs left (the search is bounded by work, not by the clock)

    def prove(self, goal, ctx: Context):
        if self.work <= 0:
            return None
        if goal is None:
            return self.contradiction(ctx)
        head = goal[0]
        if head == "atom":
            return self.atom(goal, ctx)
        if head == "forall":
            return _wrap("intro", self.prove(goal[2], ctx.with_vars(goal[1])))
        if head == "implies":
            return _wrap("assume", self.prove(goal[2], ctx.adding(goal[1])))
        if head in ("and", "iff"):
            parts = goal[1:] if head == "and" else [["implies", goal[1], goal[2]], ["implies", goal[2], goal[1]]]
            nodes = []
            for g in parts:
                nodes.append(self.prove(g, ctx))
                if nodes[-1] is None:
                    return None
            return {"rule": "split", "parts": nodes}
        if head == "or":
            for k, g in enumerate(goal[1:], 1):
                node = self.prove(g, ctx)
                if node is not None:
                    return {"rule": "pick", "index": k, "then": node}
            return None
        if head == "exists":
            for at in _witnesses(goal, ctx):
                node = self.prove(substitute_formula(goal[2], at), ctx)
                if node is not None:
                    return {"rule": "witness", "at": at, "then": node}
            return None
        inner = goal[1]
        ctx = ctx.with_vars(inner[1]).adding(inner[2]) if inner[0] == "exists" else ctx.adding(inner)
        return _wrap("suppose", self.contradiction(ctx))

    def atom(self, goal, ctx: Context):
        rel, p, d = atom_polynomials(goal, ctx.scope)
        wrap = None
        if not constant_of(d):
            for sign, poly in ((">", d), ("<", p_add({}, d, -1))):
                by = self.psatz(ctx, (p_add({}, poly, -1), ">="))
                if by is not None:
                    wrap = {"rule": "defined", "sign": sign, "by": by}
                    break
            if wrap is None:
                return None
        if rel == "==":
            node = {"rule": "identity"} if not p else None
        else:
            kind, sign = NEGATION[rel]
            negation = mul({(): Fraction(sign)}, p)
            node = self.psatz(ctx, (negation, kind))
            if node is None and kind == ">":
                node = _square(negation, _atoms(ctx))
        if node is None or wrap is None:
            return node
        return {**wrap, "then": node}

    def psatz(self, ctx: Context, extra):
        facts = [fact(h, ctx.scope) for h in ctx.hyps if h[0] == "atom"]
        if extra is not None:
            facts.append(extra)
        self.work -= 1
        return _psatz(facts) if self.work >= 0 else None

    def contradiction(self, ctx: Context):
        node = self.psatz(ctx, None)
        if node is not None:
            return node
        found = self.expanded(ctx, None)
        if found is None:
            return None
        pruned = self.expanded(ctx, found[1])  # again with only the instances the psatz uses
        return (pruned or found)[0]

    def expanded(self, ctx: Context, keep: set | None):
        """(a proof of false, the keys of the instances and mp steps its psatz uses) after adding the conclusions
        of implications whose premise is proved and instances of universal hypotheses, or None; ``keep``: only
        the steps with these keys."""
        groups = []  # (key, steps, the first and past-the-last index of the facts they add)
        for i, h in enumerate(list(ctx.hyps)):
            points = [None] if h[0] == "implies" else _points(h[1], ctx) if h[0] == "forall" else []
            for at in points:
                key = (i, json.dumps(at))
                if keep is not None and key not in keep:
                    continue
                grown, gained = self.gained(ctx, i, h, at)
                if gained:
                    groups.append((key, gained, _atoms(ctx), _atoms(grown)))
                    ctx = grown
                if self.work <= 0:
                    return None
        node = self.psatz(ctx, None) if groups else None
        if node is None:
            return None
        facts = {i for _, idx in node["products"] for i in idx}
        used = {key for key, _, lo, hi in groups if any(lo <= f < hi for f in facts)}
        for _, gained, _, _ in reversed(groups):
            for step in reversed(gained):
                node = {**step, "then": node}
        return node, used

    def gained(self, ctx: Context, i: int, h, at):
        """The context after using hypothesis i (mp for an implication, else an instance at ``at`` and mp on
        its implications) and the steps, or (ctx, []) when nothing is gained."""
        if at is None:
            premise = self.prove(h[1], ctx)
            return (ctx, []) if premise is None else (ctx.adding(h[2]), [{"rule": "mp", "of": i, "premise": premise}])
        grown = ctx.adding(_instance(h, at))
        steps = [{"rule": "instance", "of": i, "at": at}]
        for j in range(len(ctx.hyps), len(grown.hyps)):
            g = grown.hyps[j]
            if g[0] == "implies":
                premise = self.prove(g[1], grown)
                if premise is not None:
                    steps.append({"rule": "mp", "of": j, "premise": premise})
                    grown = grown.adding(g[2])
        return (grown, steps) if _atoms(grown) > _atoms(ctx) else (ctx, [])


def _square(p: dict, last: int):
    """A psatz node refuting the fact p > 0 (fact ``last``) where -p = c g**2 with c > 0: p + c g**2 = 0, or None."""
    if len(p) > SQUARE_TERMS:
        return None
    c, factors = sp.factor_list(-_to_sympy(p))
    if c <= 0 or not factors or any(e % 2 for _, e in factors):
        return None
    g = sp.Mul(*(f ** (e // 2) for f, e in factors))
    return {"rule": "psatz", "products": [["1", [last]]], "squares": [[str(c), _term(g)]]}


def _atoms(ctx: Context) -> int:
    return sum(h[0] == "atom" for h in ctx.hyps)


def _wrap(rule: str, node):
    return None if node is None else {"rule": rule, "then": node}


def _instance(h, at: dict):
    return substitute_formula(h[2], at)


def _points(names: list, ctx: Context) -> list[dict]:
    """Instances tried for a universal hypothesis: each variable at 0 or at plus or minus twice a variable in
    scope known positive (else at 0, 1, -1)."""
    positive = [h[2][1] for h in ctx.hyps if h[0] == "atom" and h[1] == ">" and h[2][0] == "var"
                and h[3] == ["num", "0"]]
    values = [["num", "0"], *(t for v in positive for t in (["mul", ["num", "2"], ["var", v]],
                                                            ["mul", ["num", "-2"], ["var", v]]))]
    if not positive:
        values += [["num", "1"], ["num", "-1"]]
    return [dict(zip(names, combo)) for combo in itertools.product(values, repeat=len(names))][:64]


def _psatz(facts: list):
    """A psatz node refuting the facts (Q, kind), found by linear programming, or None."""
    n = len(facts)
    singles = [[i] for i in range(n)]
    pairs = [[i, j] for i in range(n) for j in range(i, n)] if n <= PAIR_LIMIT else []
    products = [[], *singles, *pairs]
    polys = []
    for idx in products:
        p = {(): Fraction(1)}
        for i in idx:
            p = mul(p, facts[i][0])
        polys.append(p)
    kinds = [[facts[i][1] for i in idx] for idx in products]
    monomials = sorted({m for p in polys for m in p if m}, key=repr)
    a_eq = np.array([[float(p.get(m, 0)) for p in polys] for m in monomials] or np.zeros((0, len(polys))))
    consts = np.array([float(p.get((), 0)) for p in polys])
    strict = np.array([1.0 if all(k == ">" for k in ks) else 0.0 for ks in kinds])
    bounds = [(None, None) if "==" in ks else (0, None) for ks in kinds]
    attempts = [  # k <= -1; or k == 0 with the strict summands' coefficients summing to at least 1
        (np.array([consts]), np.array([-1.0]), a_eq, np.zeros(len(monomials))),
        (np.array([-strict]), np.array([-1.0]), np.vstack([a_eq, consts]) if len(monomials) else np.array([consts]),
         np.zeros(len(monomials) + 1)),
    ]
    cost = np.array([1e-3 if len(idx) < 2 else 1.0 for idx in products])  # single facts first (Farkas)
    for a_ub, b_ub, a_e, b_e in attempts:
        res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_e if len(a_e) else None,
                      b_eq=b_e if len(a_e) else None, bounds=bounds, method="highs")
        if res.status != 0:
            continue
        items = [[str(Fraction(float(v)).limit_denominator(DENOMINATOR)), idx]
                 for v, idx in zip(res.x, products) if abs(v) > 1e-9]
        items = [it for it in items if Fraction(it[0]) != 0]
        total, any_strict = {}, False
        for c, idx in items:
            total = p_add(total, mul({(): Fraction(c)}, polys[products.index(idx)]))
            any_strict = any_strict or (Fraction(c) > 0 and all(facts[i][1] == ">" for i in idx))
        k = constant_of(total)
        if k is not None and (k < 0 or (k == 0 and any_strict)):
            return {"rule": "psatz", "products": items}
    return None


def _witnesses(goal, ctx: Context) -> list[dict]:
    """Candidate witnesses for ``exists vs: body``: solved from the body's implications, then all 0, all 1."""
    names = goal[1]
    out = []
    solved = _matched(goal, ctx)
    if solved is not None:
        out.append(solved)
    out += [{v: ["num", c] for v in names} for c in ("0", "1")]
    return out


def _matched(goal, ctx: Context) -> dict | None:
    """Witnesses making each conclusion's polynomial equal to its premise's (both read as Q > 0 or Q >= 0), as
    polynomials in the variables bound inside the body: a linear system in the witnesses (SymPy), or None."""
    names = goal[1]
    body, scope = goal[2], ctx.scope | set(names)
    while body[0] == "forall":
        scope, body = scope | set(body[1]), body[2]
    pairs = [body] if body[0] == "implies" else [g for g in body[1:] if g[0] == "implies"] if body[0] == "and" else []
    if not pairs:
        return None
    unknowns = {v: sp.Symbol(v) for v in names}
    inner = [sp.Symbol(v) for v in scope - ctx.scope - set(names)]
    equations = []
    try:
        for imp in pairs:
            if imp[1][0] != "atom" or imp[2][0] != "atom":
                return None
            (p, _), (q, _) = fact(imp[1], scope), fact(imp[2], scope)
            diff = sp.Poly(_to_sympy(p_add(q, p, -1)), *inner) if inner else None
            equations += list(diff.coeffs()) if diff is not None else [_to_sympy(p_add(q, p, -1))]
    except Rejected:
        return None
    solutions = sp.linsolve(equations, list(unknowns.values()))
    for sol in solutions:
        if any(s.free_symbols & set(unknowns.values()) for s in sol):
            return None
        return {v: _term(s) for v, s in zip(names, sol)}
    return None


def _to_sympy(p: dict) -> sp.Expr:
    return sp.Add(*(sp.Rational(c.numerator, c.denominator) * sp.Mul(*(sp.Symbol(v) ** e for v, e in m))
                    for m, c in p.items()))


def _term(e: sp.Expr) -> list:
    """A polynomial with rational coefficients as the kernel's term."""
    e = sp.expand(e)
    if e.is_Rational:
        return ["num", str(e)]
    if e.is_Symbol:
        return ["var", str(e)]
    if e.is_Add:
        return ["add", *(_term(a) for a in e.args)]
    if e.is_Mul:
        return ["mul", *(_term(a) for a in e.args)]
    if e.is_Pow and e.exp.is_Integer and e.exp >= 0:
        return ["pow", _term(e.base), int(e.exp)]
    raise ValueError(f"a witness {e} is not a polynomial")

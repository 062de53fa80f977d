"""Statements of real arithmetic with quantifiers: ``forall``/``exists`` over real variables, ``not``, ``and``,
``or``, ``=>``, ``iff`` and comparisons of rational functions (with exact integrals of polynomials).

The claim's JSON is ``{"logic": F, "statement": text}``; F is a closed formula, every variable bound once
(by a quantifier or an integral; no name bound twice, so substituting a term never captures a variable):

* ``["forall", [v, ...], F]``, ``["exists", [v, ...], F]`` over the reals, ``["not", F]``,
  ``["and", F, ...]``, ``["or", F, ...]``, ``["implies", F, G]``, ``["iff", F, G]``;
* ``["atom", REL, s, t]`` with REL in ``< <= > >= ==``: both terms are defined and the relation holds.

Terms: ``["num", "p/q"]``, ``["var", v]``, ``["add", t, ...]``, ``["mul", t, ...]``, ``["neg", t]``,
``["div", t, u]`` (defined where u is defined and not 0), ``["pow", t, n]`` (0 <= n <= 64) and
``["integral", f, v, lo, hi]``, the integral of f over v from lo to hi (f a polynomial in v, its divisions free
of v).  The kernel reads a term as N / D with N, D polynomials over Q (exact, :class:`fractions.Fraction`
coefficients) where D is the product of every divisor's numerator: the term is defined iff D != 0.  An
integral is computed exactly from the antiderivative: ∫ v^k dv = v^(k+1)/(k+1), evaluated at hi minus at lo
(fundamental theorem of calculus; a polynomial is continuous).  An atom ``s REL t`` reads as
D != 0 and P REL 0 with s - t = N/D and P = N D (the same sign as N/D, as D^2 > 0).

A **proof** is a tree of nodes, each proving its goal from a context (the bound variables in scope and a list
of hypotheses; a conjunction added to the context adds its parts).  The rules (the only ways to conclude):

``intro``     goal ``forall vs: F``: prove F with vs in scope;
``assume``    goal ``A => B``: prove B with A added;
``split``     goal ``A and B ...``: ``parts``, one proof per conjunct; goal ``A iff B``: parts for A => B, B => A;
``pick``      goal ``A or B ...``: ``index`` k and a proof of the k-th disjunct;
``witness``   goal ``exists vs: F``: ``at`` maps each v to a term in the variables in scope, defined everywhere
              (its D a non-zero constant: 1/0 or 1/y is no real number); prove F with every v replaced by its
              term;
``suppose``   goal ``not F``: prove ``false`` with F added (for ``not exists vs: F``, with vs in scope and F
              added); a refutation of a claim is a proof of its negation;
``instance``  hypothesis ``of`` (an index) is ``forall vs: F``: add F with every v replaced by the term
              ``at`` gives it (defined everywhere, as for ``witness``), then ``then`` proves the goal;
``mp``        hypothesis ``of`` is ``A => B``: ``premise`` proves A, then B is added and ``then`` proves the goal;
``defined``   goal an atom s REL t whose D is not a non-zero constant: ``by`` proves the atom ``D REL' 0``
              (REL' is ``<`` or ``>``, given as ``sign``), so the atom is defined; ``then`` proves P REL 0;
``identity``  goal an atom with ``==`` (defined: D a non-zero constant, or under ``defined``): P is the zero
              polynomial;
``psatz``     goal ``false``, or an atom with ``<``, ``<=``, ``>``, ``>=`` (defined as above; its negation
              P >= 0, P > 0, ... is added as the last fact): the facts are the atoms among the hypotheses,
              each read as Q > 0, Q >= 0 or Q == 0 (a hypothesis atom is defined, so P REL 0 holds for it).
              ``products`` lists ``[c, [i, j, ...]]``: a rational c times the product of facts i, j, ...
              (c >= 0 unless a factor is an equality); ``squares`` lists ``[c, t]``: c >= 0 times the square of
              a polynomial term t.  Every summand is >= 0 (a product of facts each > 0 or >= 0, or 0), a
              summand whose facts are all strict (> 0; the empty product is 1) and whose c > 0 is > 0.  The sum
              must be the constant polynomial k (checked exactly, monomial by monomial); k < 0, or k = 0 with
              a strict summand, is a contradiction (a Positivstellensatz certificate of degree given by the
              products; with single facts, Farkas' lemma).
"""
from __future__ import annotations

import functools
from fractions import Fraction

from symact.kernel import poly
from symact.kernel.pieces import CLAIM_RELATIONS, Rejected
from symact.kernel.poly import capped_mul as mul, const, constant_of
from symact.kernel.terms import CONVERSE, parse_rational

MAX_POWER = 64


def substitute(p: dict, v: str, value: tuple[dict, dict]) -> tuple[dict, dict]:
    """The polynomial p with v replaced by the quotient N/D: (sum c m N^k D^(deg-k), D^deg)."""
    n, d = value
    deg = max((dict(m).get(v, 0) for m in p), default=0)
    num: dict = {}
    for m, c in p.items():
        k = dict(m).get(v, 0)
        rest = {tuple((w, e) for w, e in m if w != v): c}
        num = poly.add(num, mul(rest, mul(poly.power(n, k, mul), poly.power(d, deg - k, mul))))
    return num, poly.power(d, deg, mul)


# -- terms and formulas ----------------------------------------------------------------------------------------

def term_quotient(t, scope: frozenset) -> tuple[dict, dict]:
    """(N, D) of a term: N/D its value, D the product of its divisors' numerators (defined iff D != 0)."""
    return poly.quotient(t, lambda u: _leaf(u, scope))


def _leaf(t, scope: frozenset) -> tuple[dict, dict]:
    """(N, D) of a variable, a negation, a power or an integral (:func:`term_quotient`)."""
    head, args = (t[0], t[1:]) if isinstance(t, list) and t else (None, ())
    if head == "var" and len(args) == 1:
        if args[0] not in scope:
            raise Rejected(f"the variable {args[0]!r} is not bound here")
        return {((args[0], 1),): Fraction(1)}, const(1)
    if head == "neg" and len(args) == 1:
        n, d = term_quotient(args[0], scope)
        return poly.add({}, n, -1), d
    if head == "pow" and len(args) == 2 and isinstance(args[1], int) and 0 <= args[1] <= MAX_POWER:
        n, d = term_quotient(args[0], scope)
        return (d, d) if args[1] == 0 else (poly.power(n, args[1], mul), poly.power(d, args[1], mul))  # t^0: 1 where t is defined
    if head == "integral" and len(args) == 4 and isinstance(args[1], str):
        v = args[1]
        if v in scope:
            raise Rejected(f"the integration variable {v!r} is bound twice")
        n, d = term_quotient(args[0], scope | {v})
        if any(dict(m).get(v) for m in d):
            raise Rejected("an integrand's divisions must be free of the integration variable")
        prim = {tuple(sorted({**dict(m), v: dict(m).get(v, 0) + 1}.items())): c / (dict(m).get(v, 0) + 1)
                for m, c in n.items()}  # the antiderivative: v^k -> v^(k+1)/(k+1)
        high, low = term_quotient(args[3], scope), term_quotient(args[2], scope)
        # prim(hi) - prim(lo), divided by d (the quotients' denominators are powers of the bounds'), both sides
        # multiplied by the bounds' denominators, so D != 0 iff the integrand's divisions and both bounds are defined
        n2, d2 = poly.quotient_add(substitute(prim, v, high), substitute(prim, v, low), Fraction(-1), mul)
        bounds = mul(high[1], low[1])
        return mul(n2, bounds), mul(mul(d2, d), bounds)
    raise Rejected(f"malformed term {t!r}")


def atom_polynomials(f: list, scope: frozenset) -> tuple[str, dict, dict]:
    """(REL, P, D) of an atom s REL t: it holds iff D != 0 and P REL 0."""
    if len(f) != 4 or f[1] not in CLAIM_RELATIONS:
        raise Rejected(f"malformed atom {f!r}")
    n, d = poly.quotient_add(term_quotient(f[2], scope), term_quotient(f[3], scope), Fraction(-1), mul)
    return f[1], mul(n, d), d


def substitute_formula(f, values: dict):
    """f (a formula or a term) with each free occurrence of a variable v in values replaced by its term (a
    binder of v hides it: a quantifier in its body, an integral in its integrand)."""
    if not isinstance(f, list) or not f:
        return f
    head = f[0]
    if head == "var":
        return values.get(f[1], f)
    if head in ("forall", "exists"):
        return [head, f[1], substitute_formula(f[2], {k: t for k, t in values.items() if k not in f[1]})]
    if head == "integral":
        return [head, substitute_formula(f[1], {k: t for k, t in values.items() if k != f[2]}),
                *(substitute_formula(g, values) for g in f[2:])]
    return [head, *(substitute_formula(g, values) for g in f[1:])]


def bound_names(f) -> list[str]:
    if not isinstance(f, list) or not f:
        return []
    if f[0] in ("forall", "exists") and len(f) == 3 and isinstance(f[1], list):
        return [*f[1], *bound_names(f[2])]
    return [*([f[2]] if f[0] == "integral" and len(f) == 5 else []), *(n for g in f[1:] for n in bound_names(g))]


def check_closed(f) -> None:
    """Rejected unless f is a well-formed closed formula, every variable bound once."""
    names = bound_names(f)
    if len(names) != len(set(names)) or not all(isinstance(n, str) and n.isidentifier() for n in names):
        raise Rejected("every variable of a statement is bound once, by one quantifier or integral")
    _well_formed(f, frozenset())


def _well_formed(f, scope: frozenset) -> None:
    head = f[0] if isinstance(f, list) and f else None
    if head in ("forall", "exists") and len(f) == 3 and isinstance(f[1], list) and f[1]:
        _well_formed(f[2], scope | set(f[1]))
    elif head == "atom":
        atom_polynomials(f, scope)
    elif head == "not" and len(f) == 2 or head in ("and", "or") and len(f) >= 3 or head in ("implies", "iff") and len(f) == 3:
        for g in f[1:]:
            _well_formed(g, scope)
    else:
        raise Rejected(f"malformed formula {f!r}")


# -- the proof checker -----------------------------------------------------------------------------------------

class Context:
    def __init__(self, scope: frozenset, hyps: tuple):
        self.scope, self.hyps = scope, hyps

    def with_vars(self, names) -> "Context":
        new = set(names)
        if new & self.scope:
            raise Rejected("a variable is already in scope")
        return Context(self.scope | new, self.hyps)

    def adding(self, f) -> "Context":
        if isinstance(f, list) and f and f[0] == "and":
            return functools.reduce(Context.adding, f[1:], self)
        return Context(self.scope, (*self.hyps, f))


def fact(f, scope) -> tuple[dict, str]:
    """A hypothesis atom as (Q, kind): Q > 0, Q >= 0 or Q == 0."""
    rel, p, _ = atom_polynomials(f, scope)
    return (poly.add({}, p, -1), CONVERSE[rel]) if rel[0] == "<" else (p, rel)


NEGATION = {"<": (">=", 1), "<=": (">", 1), ">": (">=", -1), ">=": (">", -1)}  # not (P REL 0) as (sign * P) KIND 0


def _psatz(node: dict, ctx: Context, extra: tuple | None, log: list) -> None:
    facts = [fact(h, ctx.scope) for h in ctx.hyps if isinstance(h, list) and h and h[0] == "atom"]
    if extra is not None:
        facts.append(extra)
    total: dict = {}
    strict = False
    for item in node.get("products", []):
        c, idx = parse_rational(item[0]), item[1]
        if not isinstance(idx, list) or not all(isinstance(i, int) and 0 <= i < len(facts) for i in idx):
            raise Rejected("a psatz product names a fact that is not there")
        kinds = [facts[i][1] for i in idx]
        if c < 0 and "==" not in kinds:
            raise Rejected("a psatz coefficient is negative")
        total = poly.add(total, functools.reduce(mul, (facts[i][0] for i in idx), const(c)))
        strict = strict or (c > 0 and all(k == ">" for k in kinds))
    for item in node.get("squares", []):  # c (N/D)^2 with D a non-zero constant
        c, (n, d) = parse_rational(item[0]), term_quotient(item[1], ctx.scope)
        if c < 0 or not constant_of(d):
            raise Rejected("a psatz square is c >= 0 times the square of a polynomial term")
        total = poly.add(total, mul(const(c / constant_of(d) ** 2), mul(n, n)))
    k = constant_of(total)
    if k is None or not (k < 0 or (k == 0 and strict)):
        raise Rejected("the psatz combination is not a constant < 0 (or 0 with a strict summand): no contradiction")
    summands = [f"{c}*" + "*".join(f"f{i}" for i in idx) if idx else str(c) for c, idx in node.get("products", [])]
    summands += [f"{c}*({term_text(t)})**2" for c, t in node.get("squares", [])]
    log.append(f"psatz: with f0..f{len(facts) - 1} the facts (each > 0, >= 0 or == 0), "
               f"{' + '.join(summands) or '0'} = {k} identically, a contradiction")


def _atom_goal(goal: list, node: dict, ctx: Context, log: list) -> None:
    rel, p, d = atom_polynomials(goal, ctx.scope)
    if node.get("rule") == "defined":
        sign = node.get("sign")
        if sign not in ("<", ">"):
            raise Rejected("a defined node gives the sign '<' or '>' of the denominator")
        log.append(f"defined: the denominator is {sign} 0, so the atom's sides are defined")
        terms = (["mul", ["num", str(c)], *(["pow", ["var", v], e] for v, e in m)] for m, c in d.items())
        prove(["atom", sign, ["add", ["num", "0"], *terms], ["num", "0"]], node.get("by"), ctx, log)
        node = node.get("then")  # not a JSON object: no .get, Rejected by check
    elif not constant_of(d):
        raise Rejected("the atom's denominator is not a non-zero constant: prove its sign with 'defined'")
    if node.get("rule") != ("identity" if rel == "==" else "psatz"):
        raise Rejected(f"an equality is proved by identity, an inequality by psatz, not {node.get('rule')!r}")
    if rel != "==":
        kind, sign = NEGATION[rel]
        return _psatz(node, ctx, (mul(const(sign), p), kind), log)
    if p:
        raise Rejected("identity: the two sides are not equal as rational functions")
    log.append("identity: the sides are equal as rational functions (exact)")


def prove(goal, node, ctx: Context, log: list) -> None:
    """Check that node proves goal (a formula, or None for ``false``) in ctx, or raise Rejected."""
    if not isinstance(node, dict):
        raise Rejected("malformed proof node")
    rule = node.get("rule")
    if rule in ("instance", "mp"):  # a hypothesis "of" (an index) used: forall vs: F, or A => B
        i = node.get("of")
        h = ctx.hyps[i] if isinstance(i, int) and 0 <= i < len(ctx.hyps) else None
        if not (isinstance(h, list) and h[0] == ("forall" if rule == "instance" else "implies")):
            raise Rejected(f"{rule}: the hypothesis is not a {'forall' if rule == 'instance' else 'implication'}")
        if rule == "mp":
            prove(h[1], node.get("premise"), ctx, log)
            return prove(goal, node.get("then"), ctx.adding(h[2]), log)
        at = _values(node.get("at"), h[1], ctx, log, f"instance of hypothesis {i} at")
        return prove(goal, node.get("then"), ctx.adding(substitute_formula(h[2], at)), log)
    if goal is None:
        if rule != "psatz":
            raise Rejected("false is proved by psatz")
        return _psatz(node, ctx, None, log)
    head = goal[0]
    if head == "atom":
        return _atom_goal(goal, node, ctx, log)
    if head == "forall" and rule == "intro":
        log.append(f"intro: {', '.join(goal[1])} arbitrary reals")
        return prove(goal[2], node.get("then"), ctx.with_vars(goal[1]), log)
    if head == "implies" and rule == "assume":
        log.append("assume: the premise of an implication")
        return prove(goal[2], node.get("then"), ctx.adding(goal[1]), log)
    if head in ("and", "iff") and rule == "split":
        parts = goal[1:] if head == "and" else [["implies", goal[1], goal[2]], ["implies", goal[2], goal[1]]]
        given = node.get("parts")
        if not isinstance(given, list) or len(given) != len(parts):
            raise Rejected("split: one proof per part")
        for g, n in zip(parts, given):
            prove(g, n, ctx, log)
        return None
    if head == "or" and rule == "pick":
        k = node.get("index")
        if not (isinstance(k, int) and 1 <= k < len(goal)):
            raise Rejected("pick: no such disjunct")
        return prove(goal[k], node.get("then"), ctx, log)
    if head == "exists" and rule == "witness":
        at = _values(node.get("at"), goal[1], ctx, log, "witness:")
        return prove(substitute_formula(goal[2], at), node.get("then"), ctx, log)
    if head == "not" and rule == "suppose":
        inner = goal[1]
        log.append("suppose: the negated statement, towards a contradiction")
        ctx = ctx.with_vars(inner[1]).adding(inner[2]) if inner[0] == "exists" else ctx.adding(inner)
        return prove(None, node.get("then"), ctx, log)
    raise Rejected(f"the rule {rule!r} does not prove a {head!r} formula")


def _values(at, names: list, ctx: Context, log: list, what: str) -> dict:
    """The terms ``at`` gives the variables names, each defined everywhere; logged after ``what``."""
    if not isinstance(at, dict) or set(at) != set(names):
        raise Rejected("give one term for each quantified variable")
    for t in at.values():
        # well formed, in the variables in scope, and a real number wherever those are: a term undefined somewhere
        # (1/0, 1/y at y = 0) is no real, and its atoms hold nothing, so it may not stand for a quantified variable
        if not constant_of(term_quotient(t, ctx.scope)[1]):
            raise Rejected(f"the term {term_text(t)} is not defined everywhere (its divisions are not by "
                             f"non-zero constants)")
    log.append(f"{what} " + ", ".join(f"{v} = {term_text(t)}" for v, t in at.items()))
    return at


def term_text(t) -> str:
    """A term as text (for the steps shown), every compound part bracketed."""
    if t[0] in ("num", "var"):
        return str(t[1])
    parts = [term_text(a) if isinstance(a, list) else str(a) for a in t[1:]]
    if t[0] in ("add", "mul"):
        return "(" + (" + " if t[0] == "add" else "*").join(parts) + ")"
    return {"neg": "(-{})", "div": "({}/{})", "pow": "({}**{})", "integral": "integrate({}, {}, {}, {})"}[t[0]].format(*parts)


def check_logic(claim: dict, verdict: str, proof) -> list[str]:
    """The steps checked for a proof (or, for ``refuted``, a proof of the negation), or Rejected (a malformed
    statement or proof may raise TypeError, KeyError, ...: :func:`symact.kernel.check.check` rejects it)."""
    f = claim.get("logic")
    check_closed(f)
    log: list[str] = []
    prove(f if verdict == "proved" else ["not", f], proof, Context(frozenset(), ()), log)
    return log

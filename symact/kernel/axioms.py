"""Statements about *every* function with stated axioms (every convex f, every norm N, every continuous
midpoint-convex f), proved by a derivation, or by a dyadic induction and a limit.

The claim's JSON is ``{"axioms": {"symbols": {NAME: "scalar" | "vector"}, "functions": {NAME: "convex" |
"norm" | "midpoint_convex" | "continuous midpoint_convex"}, "hypotheses": [[REL, A, B], ...], "lhs": T, "rel":
REL, "rhs": T, "statement": TEXT}}``: for all real scalars, all vectors of any real vector space V (R itself,
R^n, ...), every function ``f: V -> R`` declared ``convex``, every ``N: V -> R`` declared ``norm``, every
``f: R -> R`` declared ``midpoint_convex`` and every continuous one declared ``continuous midpoint_convex``,
wherever each hypothesis ``A REL B`` holds (REL one of ``<=``, ``<``), lhs REL rhs
(REL one of ``==``, ``<=``, ``>=``).  Terms are JSON lists: ``["num", "p/q"]``, ``["sym", NAME]``, ``["add", ...]``,
``["mul", ...]``, ``["div", A, B]``, ``["abs", A]`` (|A|) and ``["fn", NAME, A]`` (a declared function at A).

**The axioms** (what ``convex`` and ``norm`` mean; the placeholders are substituted by terms):

* ``convex f``, ``f.chord(a, b, l, m)``: f(l a + m b) <= l f(a) + m f(b) whenever l >= 0, m >= 0, l + m = 1
  (a, b vectors, l, m scalars): the chord lies above the graph;
* ``norm N``, ``N.triangle(u, v)``: N(u + v) <= N(u) + N(v) (u, v vectors), and ``N.homogeneity(c, u)``:
  N(c u) = |c| N(u) (c a scalar);
* ``midpoint_convex f`` and ``continuous midpoint_convex f``, ``f.midpoint(x, y)``: f((x + y)/2) <= (f(x) +
  f(y))/2 (x, y scalars); the second kind is also continuous at every real point (rule ``continuous``);
* for every real c, ``nonneg_abs(c)``: |c| = c whenever c >= 0.

**Proof** ``{"rule": "derivation", "steps": [{"rel": REL, "term": T_i, "by": [INSTANCE, ...]}, ...]}``: a chain
lhs = T_0 REL_1 T_1 REL_2 ... T_n.  An INSTANCE is ``{"function": NAME or null, "axiom": NAME, "subst": {VAR:
T}, "times": C}``: the axiom with each placeholder replaced by its term, L R_ax R, multiplied by the term C.
The kernel checks, rule by rule:

* ``types``: a scalar term has no vector outside a norm's argument; a vector term is a sum of products with
  exactly one vector factor (so it is a vector of the space); a substitution gives each placeholder a term of
  its kind, exactly its placeholders;
* ``defined``: every denominator of every term (statement, steps, substitutions, multipliers) is shown > 0 by
  rule ``sign`` (so every term is defined wherever the hypotheses hold); hypotheses have no division;
* ``sign`` (T > 0 or T >= 0 from the hypotheses, by the syntax of T): a positive rational; a term identical
  (rule ``identity``) to a hypothesis's B - A (> 0 for ``<``, >= 0 for ``<=``); |A| >= 0; a product of
  signed factors (all > 0: > 0; all >= 0: >= 0); a quotient of a signed numerator by a positive denominator;
  a sum of terms >= 0, > 0 when one is > 0, or when each summand is W_i S_i (W_i the factors shown >= 0 only,
  S_i those shown > 0) and the sum of the W_i is identical to a positive rational (then some W_i > 0);
* ``identity``: two terms are equal wherever defined when, written N/D by field arithmetic without
  cancellation (every function value |A|, f(A), N(A) a generator, shared by arguments that are identical by
  this same rule), N_1 D_2 - N_2 D_1 expands to the zero polynomial (an identity of polynomials in independent
  generators holds for their actual values; the denominators are > 0 by ``defined``).  Vectors are
  generators too: a vector term's polynomial is linear in them, and equal coefficients mean equal vectors;
* ``instance``: each side condition of the instance holds (``>= 0`` by ``sign``, ``=`` by ``identity``);
* ``link``: T_{i-1} - T_i (for REL ``>=``: T_i - T_{i-1}) is identical to the sum of C (L - R) over the step's
  instances (none: ``algebra``); for REL ``==`` every instance is an equality; otherwise an inequality
  instance's C is >= 0 by ``sign``.  Each C (L - R) is then 0 or <= 0, so T_{i-1} REL T_i;
* ``compose``: T_n is identical to rhs; the links' relations compose to the statement's (``==`` only from ``==``
  links; ``<=`` from ``==`` and ``<=`` links; ``>=`` likewise).

**Proof** ``{"rule": "closure", "var": V, "premise": {"rule": "dyadic", "base": {"0": STEPS, "1": STEPS},
"step": {"points": [P, Q], "steps": STEPS}}}`` (STEPS a chain as above) proves lhs(V) REL rhs(V) for every V in
[0, 1], where lhs(t), rhs(t) are the sides with the scalar V replaced by the term t:

* ``closure`` (under limits): V is a declared scalar; the hypotheses that mention V are exactly 0 <= V and
  V <= 1 (both present), so the claim is, for each value of the other names where the other hypotheses hold, about V in
  [0, 1]; REL is ``==``, ``<=`` or ``>=`` (the language has no strict claim, and none would survive: |3V - 1| > 0
  holds at every dyadic V, not at 1/3); both sides are continuous in V on [0, 1] (rule ``continuous``); and the
  premise (rule ``dyadic``) shows the claim at every dyadic V = k/2^m in [0, 1].  The dyadic rationals are dense
  in [0, 1], and {V in [0, 1]: rhs(V) - lhs(V) >= 0} (``== 0``) is closed in [0, 1] for a continuous difference,
  so it is all of [0, 1];
* ``continuous`` (in V on [0, 1], by the syntax of the term): a term without V (constant in V); a number; V; a
  sum or product of continuous terms; |A| of a continuous A; a quotient of continuous terms (its denominator is
  > 0 on [0, 1] by rule ``defined``); f(A) for f declared ``continuous midpoint_convex`` (continuous at every
  real) and A continuous.  No other function of a term with V (a convex f on a vector space, a merely
  midpoint-convex f, which may be discontinuous, are not);
* ``dyadic``: the *base* chains (rules instance, link, compose, with the names other than V and the hypotheses
  that do not mention V) show lhs(0) REL rhs(0) and lhs(1) REL rhs(1): the keys are exactly ``"0"`` and
  ``"1"``, the dyadic rationals k/2^0 of [0, 1].  The *step* chain shows lhs((P + Q)/2) REL rhs((P + Q)/2) for
  new scalars P, Q (distinct, not declared) with the facts 0 <= P <= 1, 0 <= Q <= 1 (usable by rule ``sign``)
  and the *induction hypothesis* ``ih(V=P)``, ``ih(V=Q)``: lhs(T) REL rhs(T) for the term T, which is the
  name P or the name Q (a ``>=`` hypothesis is used as rhs(T) <= lhs(T)).  Then by induction on m the claim
  holds at every k/2^m, 0 <= k <= 2^m: m = 0 is the base; k/2^(m+1) with k even is k/2/2^m, and with k odd it
  is the midpoint of P = (k - 1)/2^(m+1) and Q = (k + 1)/2^(m+1), of denominator 2^m and in [0, 1], where the
  claim holds.  The step is shown for every P, Q in [0, 1] where it holds, so for these.

Nothing here refutes a claim.
"""
from __future__ import annotations

import re
from fractions import Fraction

from symact.kernel import poly
from symact.kernel.pieces import Rejected
from symact.kernel.terms import occurs

RELATIONS = ("==", "<=", ">=")
KINDS = ("scalar", "vector")
#: the kinds of function and what a function of each kind takes
ARGUMENT = {"convex": "vector", "norm": "vector", "midpoint_convex": "scalar", "continuous midpoint_convex": "scalar"}
FUNCTION_KINDS = tuple(ARGUMENT)
#: the kinds of function continuous at every real point (rule continuous)
CONTINUOUS = ("continuous midpoint_convex",)
#: the most term nodes read and function values normalized in one certificate
MAX_NODES = 200_000
NUMBER = re.compile(r"-?\d+(/[1-9]\d*)?")


def _axioms() -> tuple[dict, dict]:
    """(AXIOMS, BUILTIN): function kind -> axiom -> (placeholders and their kinds, L, relation, R, side
    conditions): the axioms of the module docstring with F the function, and the facts of the real numbers (no
    declared function).  The placeholders are the scalars a, b, c, l, m, u, v, x, y."""
    a, b, c, l, m, u, v, x, y = (["sym", n] for n in "abclmuvxy")

    def f(t):
        return ["fn", "F", t]

    def half(t):
        return ["div", t, ["num", "2"]]
    midpoint = {"midpoint": ({"x": "scalar", "y": "scalar"}, f(half(["add", x, y])), "<=",
                             half(["add", f(x), f(y)]), [])}
    return {"convex": {"chord": ({"a": "vector", "b": "vector", "l": "scalar", "m": "scalar"},
                                 f(["add", ["mul", l, a], ["mul", m, b]]), "<=",
                                 ["add", ["mul", l, f(a)], ["mul", m, f(b)]],
                                 [(">=", l), (">=", m), ("==", ["add", l, m], ["num", "1"])])},
            "norm": {"triangle": ({"u": "vector", "v": "vector"}, f(["add", u, v]), "<=", ["add", f(u), f(v)], []),
                     "homogeneity": ({"c": "scalar", "u": "vector"}, f(["mul", c, u]), "==", ["mul", ["abs", c], f(u)],
                                     [])},
            "midpoint_convex": midpoint, "continuous midpoint_convex": midpoint}, {
        "nonneg_abs": ({"c": "scalar"}, ["abs", c], "==", c, [(">=", c)])}


AXIOMS, BUILTIN = _axioms()


def read_axiom_claim(claim: dict) -> tuple:
    """(context with the hypotheses as facts, lhs, rhs) of a well-formed, well-typed claim (rule types);
    Rejected otherwise."""
    c = claim.get("axioms")
    if not isinstance(c, dict) or not set(c) <= {"symbols", "functions", "hypotheses", "lhs", "rel", "rhs",
                                                  "statement"}:
        raise Rejected("malformed claim about functions with axioms")
    symbols, functions = c.get("symbols"), c.get("functions")
    if not (isinstance(symbols, dict) and isinstance(functions, dict) and all(
            isinstance(n, str) and n.isidentifier() for n in (*symbols, *functions))
            and all(k in KINDS for k in symbols.values()) and all(k in FUNCTION_KINDS for k in functions.values())
            and not set(symbols) & set(functions)):
        raise Rejected(f"the symbols are scalars or vectors and the functions {', '.join(FUNCTION_KINDS)}, all "
                         f"distinct names")
    if c.get("rel") not in RELATIONS:
        raise Rejected(f"the statement's relation is one of {', '.join(RELATIONS)}")
    ctx = _Context(symbols, functions)
    hyps = c.get("hypotheses", [])
    if not (isinstance(hyps, list) and all(isinstance(h, list) and len(h) == 3 and h[0] in ("<=", "<") for h in hyps)):
        raise Rejected("the hypotheses are a list of [REL, A, B] with REL '<=' or '<'")
    for h in hyps:
        a, b = ctx.read(h[1], "scalar"), ctx.read(h[2], "scalar")
        if occurs(["add", a, b], lambda u: u[0] == "div"):
            raise Rejected("a hypothesis has no division")
        ctx.facts.append((_minus(b, a), h[0] == "<"))
    return ctx, ctx.read(c.get("lhs"), "scalar"), ctx.read(c.get("rhs"), "scalar")


def read_derivation(claim: dict, proof: dict) -> None:
    """Rule types for a proof's terms, substitutions and multipliers (nothing else checked); Rejected."""
    for _, ctx, _, steps, _ in _chains(claim, proof)[3]:
        for i, step in enumerate(steps, 1):
            ctx.read(step["term"], "scalar")
            for inst in step["by"]:
                ctx.instance(inst, i, conditions=False)


def check_axioms(claim: dict, verdict, proof) -> list[str]:
    """The steps checked; Rejected when the certificate is not accepted."""
    if verdict != "proved":
        raise Rejected("such a claim is proved by a derivation (or closure) node")
    ctx, lhs, rhs, chains = _chains(claim, proof)
    rel = claim["axioms"]["rel"]
    ctx.defined(["add", lhs, rhs])  # both sides
    out = [f"Hypotheses: {len(ctx.facts)}; every denominator of the statement is > 0 (rules defined, sign)."]
    if proof["rule"] == "derivation":
        return out + _chain(*chains[0][1:], rel)
    var, v = proof["var"], ["sym", proof["var"]]
    about, bounds = [h for h in claim["axioms"].get("hypotheses", []) if _mentions(h, var)], [
        ["<=", ["num", "0"], v], ["<=", v, ["num", "1"]]]
    if not (all(h in bounds for h in about) and all(b in about for b in bounds)):
        raise Rejected(f"the hypotheses that mention {var} are exactly 0 <= {var} and {var} <= 1 (rule closure)")
    if set(proof["premise"]["base"]) != {"0", "1"}:
        raise Rejected(f"the base cases are exactly {var} = 0 and {var} = 1, the dyadic k/2^0 (rule dyadic)")
    if not (ctx.continuous(lhs, var) and ctx.continuous(rhs, var)):
        raise Rejected(f"a side is not shown continuous in {var} on [0, 1] (rule continuous: only functions "
                       f"declared continuous may take a term with {var})")
    out.append(f"Both sides are continuous in {var} on [0, 1] (rule continuous).")
    for where, sub, start, steps, end in chains:
        try:
            out.append(f"{where}: " + " ".join(_chain(sub, start, steps, end, rel)))
        except Rejected as exc:
            raise Rejected(f"{where}: {exc}") from None
    out.append(f"So lhs {rel} rhs at every dyadic {var} = k/2^m in [0, 1] (rule dyadic), and, '{rel}' being "
               f"non-strict and both sides continuous, at every {var} in [0, 1] (rule closure).")
    return out


def _chains(claim: dict, proof: dict) -> tuple:
    """(context, lhs, rhs, [(where, context, start, steps, end), ...]): the chains a proof node has to show, each
    with the names and facts it may use (rules closure and dyadic: their shape, new names and hypotheses)."""
    ctx, lhs, rhs = read_axiom_claim(claim)
    if not isinstance(proof, dict) or proof.get("rule") not in ("derivation", "closure"):
        raise Rejected("such a claim is proved by a derivation (or closure) node")
    if proof["rule"] == "derivation":
        if set(proof) != {"rule", "steps"} or not _steps(proof["steps"]):
            raise Rejected("a derivation node has at least one step")
        return ctx, lhs, rhs, [("", ctx, lhs, proof["steps"], rhs)]
    var, premise = proof.get("var"), proof.get("premise")
    if not (set(proof) == {"rule", "var", "premise"} and ctx.symbols.get(var) == "scalar" and isinstance(premise, dict)
            and set(premise) == {"rule", "base", "step"} and premise["rule"] == "dyadic"
            and isinstance(premise["base"], dict) and isinstance(premise["step"], dict)
            and set(premise["step"]) == {"points", "steps"} and isinstance(premise["step"]["points"], list)):
        raise Rejected("a closure node is {rule, var, premise} with a declared scalar var and a dyadic premise "
                         "{rule, base, step: {points, steps}} (rule closure)")
    if not all(isinstance(k, str) and NUMBER.fullmatch(k) and _steps(s) for k, s in premise["base"].items()):
        raise Rejected(f"a base case is {var} = a number, with a chain (rule dyadic)")
    points, steps = premise["step"]["points"], premise["step"]["steps"]
    if not (len(points) == 2 and all(isinstance(p, str) and p.isidentifier() for p in points)
            and len(set(points)) == 2 and not set(points) & {*ctx.symbols, *ctx.functions} and _steps(steps)):
        raise Rejected("the step names two new scalars and is a chain (rule dyadic)")
    others = {n: k for n, k in ctx.symbols.items() if n != var}
    base = ctx.extended(others, [], var)
    step = ctx.extended({**others, **dict.fromkeys(points, "scalar")},
                        [(t, False) for p in points for t in (["sym", p], _minus(["num", "1"], ["sym", p]))], var)
    rel = claim["axioms"]["rel"]  # the hypothesis of a '>=' claim is used as rhs <= lhs
    step.points, step.builtin = points, {**BUILTIN, "ih": (
        {var: "scalar"}, *((rhs, "<=", lhs) if rel == ">=" else (lhs, rel, rhs)), [])}
    mid = ["div", ["add", ["sym", points[0]], ["sym", points[1]]], ["num", "2"]]
    return ctx, lhs, rhs, [
        *((f"At {var} = {k}", base, _substitute(lhs, {var: ["num", k]}), steps_k, _substitute(rhs, {var: ["num", k]}))
          for k, steps_k in premise["base"].items()),
        (f"At {var} = ({points[0]} + {points[1]})/2, from the claim at {points[0]}, {points[1]} in [0, 1]", step,
         _substitute(lhs, {var: mid}), steps, _substitute(rhs, {var: mid}))]


def _steps(steps) -> bool:
    return isinstance(steps, list) and bool(steps) and all(
        isinstance(s, dict) and set(s) == {"rel", "term", "by"} and s["rel"] in RELATIONS and isinstance(s["by"], list)
        for s in steps)


def _chain(ctx, start, steps: list, end, goal: str) -> list[str]:
    """Rules instance, link and compose for the chain start REL_1 T_1 ... T_n = end; the steps as sentences."""
    out, prev, composed = [], start, "=="
    for i, step in enumerate(steps, 1):
        term = ctx.read(step["term"], "scalar")
        ctx.defined(term)
        rel = step["rel"]
        combination = []
        for inst in step["by"]:
            left, axiom_rel, right, times, name = ctx.instance(inst, i)
            if axiom_rel != "==" and rel == "==":
                raise Rejected(f"step {i}: an equality step uses equality instances only ({name} is '{axiom_rel}')")
            if axiom_rel != "==" and ctx.sign(times) is None:
                raise Rejected(f"step {i}: the multiplier of {name} is not shown >= 0 (rule sign)")
            combination.append(["mul", times, _minus(left, right)])
        if not ctx.identical(_minus(prev, term) if rel != ">=" else _minus(term, prev),
                             ["add", ["num", "0"], *combination]):
            raise Rejected(f"step {i}: the difference of the two sides is not the combination of its "
                             f"instances (rule link)")
        if rel != "==":
            if composed not in ("==", rel):
                raise Rejected(f"step {i}: '<=' and '>=' links do not compose (rule compose)")
            composed = rel
        out.append(f"Step {i}: {rel} by " + (", ".join(_name(x) for x in step["by"]) or "algebra")
                   + " (rules instance, link).")
        prev = term
    if not ctx.identical(prev, end):
        raise Rejected("the last term of the chain is not the statement's right side (rule compose)")
    if composed not in ("==", goal):
        raise Rejected(f"the chain gives '{composed}', the statement says '{goal}' (rule compose)")
    out.append(f"The chain ends at the right side and its links compose to '{goal}' (rule compose).")
    return out


def _minus(a, b) -> list:
    """The term a - b."""
    return ["add", a, ["mul", ["num", "-1"], b]]


def _name(inst) -> str:
    return f"{inst.get('function')}.{inst.get('axiom')}" if inst.get("function") else str(inst.get("axiom"))


def _mentions(t, name: str) -> bool:
    return occurs(t, lambda u: u == ["sym", name])


def _substitute(t, values: dict, function: str | None = None):
    """t with each scalar named in values replaced by its term (and, given ``function``, every function by it)."""
    if t[0] == "sym":
        return values.get(t[1], t)
    if t[0] == "fn" and function is not None:
        return ["fn", function, _substitute(t[2], values, function)]
    return [t[0], *(_substitute(a, values, function) if isinstance(a, list) else a for a in t[1:])]


class _Context:
    def __init__(self, symbols: dict, functions: dict):
        self.symbols, self.functions = symbols, functions
        self.facts: list = []  # (term shown >= 0, strictly > 0?)
        self.atoms: list = []  # (head, name, normal form of the argument, generator)
        self.nodes = 0
        self.points, self.builtin = (), BUILTIN  # in a dyadic step: P, Q and the facts with the hypothesis "ih"

    def extended(self, symbols: dict, facts: list, var: str) -> "_Context":
        """A context with these symbols, the facts that do not mention var and the given ones."""
        ctx = _Context(symbols, self.functions)
        ctx.facts = [f for f in self.facts if not _mentions(f[0], var)] + facts
        return ctx

    def tick(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Rejected("the derivation is too large")

    # -- rule types --
    def read(self, t, kind: str):
        """The term, checked to be of ``kind``."""
        if self.kind(t) != kind:
            raise Rejected(f"a term of kind {kind} was expected")
        return t

    def kind(self, t) -> str:
        self.tick()
        head, args = (t[0], t[1:]) if isinstance(t, list) and t and isinstance(t[0], str) else (None, ())
        if head == "num" and len(args) == 1 and isinstance(args[0], str) and NUMBER.fullmatch(args[0]) and len(
                args[0]) <= 200:
            return "scalar"
        if head == "sym" and len(args) == 1 and args[0] in self.symbols:
            return self.symbols[args[0]]
        if head == "fn" and len(args) == 2 and args[0] in self.functions:
            if self.kind(args[1]) != ARGUMENT[self.functions[args[0]]]:
                raise Rejected(f"{args[0]} takes a {ARGUMENT[self.functions[args[0]]]} (V may be R: declare its "
                               f"arguments vectors)")
            return "scalar"
        if not (head in ("add", "mul") and args or head == "div" and len(args) == 2 or head == "abs" and len(args) == 1):
            raise Rejected(f"malformed term {t!r} (numbers p/q, the declared names, add, mul, div, abs, fn)")
        kinds = [self.kind(a) for a in args]
        vectors = kinds.count("vector")
        for bad, why in ((head == "add" and 0 < vectors < len(kinds), "a sum of a scalar and a vector"),
                         (head == "mul" and vectors > 1, "a product of two vectors"),
                         (head == "div" and kinds[-1] == "vector", "a division by a vector"),
                         (head == "abs" and vectors > 0, "|A| of a vector (use a declared norm)")):
            if bad:
                raise Rejected(why)
        return "vector" if vectors else "scalar"

    # -- rule instance --
    def instance(self, inst, i: int, conditions: bool = True):
        """(L, relation, R, multiplier, name) of an instance whose side conditions hold (``conditions=False``:
        of the right kinds only)."""
        if not (isinstance(inst, dict) and set(inst) == {"function", "axiom", "subst", "times"}
                and isinstance(inst["subst"], dict)):
            raise Rejected(f"step {i}: an instance is {{function, axiom, subst, times}}")
        fname, name = inst["function"], inst["axiom"]
        if fname is None:
            table = self.builtin
        elif fname in self.functions:
            table = AXIOMS[self.functions[fname]]
        else:
            raise Rejected(f"step {i}: {fname!r} is not a declared function")
        if name not in table:
            raise Rejected(f"step {i}: no axiom {name!r} here (known: {', '.join(sorted(table))})")
        places, left, rel, right, sides = table[name]
        if set(inst["subst"]) != set(places):
            raise Rejected(f"step {i}: {_name(inst)} substitutes exactly {', '.join(sorted(places))}")
        subst = {place: self.read(inst["subst"][place], kind) for place, kind in places.items()}
        times = self.read(inst["times"], "scalar")
        if not conditions:
            return None
        for t in (*subst.values(), times):
            self.defined(t)
        if fname is None and name == "ih" and [*subst.values()] not in ([["sym", p]] for p in self.points):
            raise Rejected(f"step {i}: the induction hypothesis holds at {' and '.join(self.points)} only (rule dyadic)")
        for side in sides:
            term = _substitute(side[1], subst, fname)
            if side[0] == ">=" and self.sign(term) is None:
                raise Rejected(f"step {i}: the side condition {_name(inst)}: ... >= 0 is not shown (rule sign)")
            if side[0] == "==" and not self.identical(term, _substitute(side[2], subst, fname)):
                raise Rejected(f"step {i}: the side condition {_name(inst)}: ... == ... does not hold identically")
        return _substitute(left, subst, fname), rel, _substitute(right, subst, fname), times, _name(inst)

    # -- rule continuous --
    def continuous(self, t, var: str) -> bool:
        """Whether t is shown continuous in var on [0, 1] (its denominators are > 0 there by rule defined)."""
        if not _mentions(t, var) or t[0] == "sym":
            return True
        if t[0] == "fn":
            return self.functions[t[1]] in CONTINUOUS and self.continuous(t[2], var)
        return t[0] in ("add", "mul", "div", "abs") and all(self.continuous(a, var) for a in t[1:])

    # -- rule defined --
    def defined(self, t) -> None:
        if occurs(t, lambda u: u[0] == "div" and self.sign(u[2]) != "pos"):
            raise Rejected("a denominator is not shown > 0 from the hypotheses (rules defined, sign)")

    # -- rule sign --
    def sign(self, t) -> str | None:
        """'pos' (shown > 0), 'nonneg' (shown >= 0) or None."""
        self.tick()
        if t[0] == "num":
            q = Fraction(t[1])
            return "pos" if q > 0 else "nonneg" if q == 0 else None
        shown = {"pos" if strict else "nonneg" for fact, strict in self.facts if self.identical(t, fact)}
        if "pos" in shown or t[0] == "abs":
            return "pos" if "pos" in shown else "nonneg"
        if t[0] == "mul":
            signs = [self.sign(a) for a in t[1:]]
            shown.add(None if None in signs else "pos" if all(s == "pos" for s in signs) else "nonneg")
        elif t[0] == "div" and self.sign(t[2]) == "pos":
            shown.add(self.sign(t[1]))
        elif t[0] == "add":
            shown.add(self._sum_sign(t[1:]))
        return "pos" if "pos" in shown else "nonneg" if "nonneg" in shown else None

    def _sum_sign(self, summands) -> str | None:
        signs = [self.sign(a) for a in summands]
        if None in signs:
            return None
        if "pos" in signs:
            return "pos"
        weights = []  # summand = W S, W the factors shown >= 0 only, S those shown > 0
        for a in summands:
            factors = a[1:] if a[0] == "mul" and all(self.sign(f) for f in a[1:]) else [a]
            weights.append(["mul", ["num", "1"], *(f for f in factors if self.sign(f) != "pos")])
        n, d = (poly.constant_of(p) for p in self.normal(["add", *weights]))
        return "pos" if n is not None and d and n / d > 0 else "nonneg"

    # -- rule identity --
    def normal(self, t):
        """(N, D): the term as a quotient of polynomials over Q (:func:`symact.kernel.poly.quotient`) in the
        symbols (vectors too) and a generator ``g:K`` for each function value, without cancellation."""
        return poly.quotient(t, self._generator)

    def _generator(self, t):
        """The generator of a symbol (its name) or of a function value |A|, f(A), N(A) (``g:K``, shared by the
        values of one function at arguments identical by rule identity)."""
        self.tick()
        if t[0] == "sym":
            return {((t[1], 1),): Fraction(1)}, poly.const(1)
        key, arg = (t[0], t[1] if t[0] == "fn" else None), self.normal(t[-1])
        generator = next((g for k, form, g in self.atoms if k == key and _same(form, arg)), None)
        if generator is None:
            generator = {((f"g:{len(self.atoms)}", 1),): Fraction(1)}
            self.atoms.append((key, arg, generator))
        return generator, poly.const(1)

    def identical(self, a, b) -> bool:
        return _same(self.normal(a), self.normal(b))


def _same(f, g) -> bool:
    """Whether N_f D_g - N_g D_f is the zero polynomial."""
    return not poly.quotient_add(f, g, Fraction(-1))[0]


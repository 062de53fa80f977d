"""Mutation testing of the formal claims: a mutated statement that is false is never ``proved``.

For every conjunct of every formal claim (``formal=`` in proofs/*.py) the mutations are: each numeric constant
moved by a relative 1e-9 and by 1% in both directions (exponents excepted), each relation swapped with its
strict/non-strict partner (``==`` with ``!=``), each activation replaced by a sibling (sigmoid<->tanh,
relu<->leaky_relu, silu/swish<->gelu, and relu for the activation of ``smooth(...)``), ``convex`` and ``concave`` swapped
and the domain widened to all of R (under ``forall alpha ...:`` the
claim's relation is the one flipped, ``==`` to ``<`` and ``>``, and the parameter's domain is widened too; the
instances tried for the ground truth include the parameter's domain's ends, or points just inside open ends).  A limit claim
(``limit(f, x, oo) == c``) is shown false when f has settled far out (x = 100, 200, 400) away from c, an integral
claim (``integrate(f, a, lo, hi) == c``) when f is undefined at a grid point of the interval or mpmath's quadrature puts
the integral more than 1e-20 on the wrong side of c.  The ground truth comes from mpmath
at 50 digits, independently of the kernel: both sides on a grid over the domain plus the half-integers (where
the extrema and kinks of these claims lie); a derivative is evaluated from both one-sided difference schemes
and counts as undefined where they disagree.  A statement about matrices (``forall L >= 1, matrices ...``) has
each integer moved by 1, each ordered product reversed (``prod`` <-> ``rprod``), its relation swapped and the activation of a
declared function replaced by a sibling, and its ground truth comes
from exact random integer 2 x 2 matrices (the declared shapes for a fixed statement) at sizes L0, ..., L0 + 3 (a
derivative ``diff(T, x[j])`` by mpmath at 60 digits, a function declared ``differentiable`` taken as x^3 + 2x (the
member k of a family of them as x^3 + 2x + k x^2); a size where a side is undefined, or a hypothesis fails, is
passed over).  Convexity in several variables (``convex(EXPR, w, b)``) is shown false by a
midpoint above a chord (or a point where it is undefined) on an integer grid of (w, b), at a few x and parameter
values.  A
statement of real arithmetic (``forall reals ...``) has its numbers moved (zeros by 1e-9 and 1/100), each relation
flipped, each quantifier's condition dropped and ``forall``/``exists`` swapped; its truth is exact at sample points
(and at points found by linear programming): a ``forall`` is false when a sample falsifies it, an ``exists`` true
when one satisfies it, anything else unknown.  A statement about every convex f, every norm N or every
(continuous) midpoint-convex f (``forall ..., convex f: ... by DERIVATION``) has
each integer of the statement moved by 1, its relation swapped and each hypothesis dropped (the derivation
kept), and is shown false at random points of a rational grid (vectors in R^2) where the hypotheses hold, for a
few convex functions and norms (convex functions on R for a midpoint-convex f).  A mutant the grid shows false
is *tried* and must not be
``proved``; a mutant the grid cannot show false (it may be true) is *skipped*, never guessed.  The counts are
printed in pytest's terminal summary.
"""
from __future__ import annotations

import dataclasses
import itertools
import random
import re
from fractions import Fraction

import mpmath as mp
import pytest
import sympy as sp

from symact.claims import all_claims
from symact.decide.checked import check_claim
from symact.logic import LogicClaim
from symact.parsing import parse_claim, parse_expression
from symact.axioms import AxiomClaim
from symact.several import SeveralClaim
from symact.sized import SizedClaim

X = sp.Symbol("x")
EPS = mp.mpf(10) ** -40
SIBLINGS = {"sigmoid": "tanh", "tanh": "sigmoid", "relu": "leaky_relu", "leaky_relu": "relu",
            "silu": "gelu", "swish": "gelu", "gelu": "silu"}
#: the differentiable function tried for a statement about every differentiable function (differentiable ell)
ELL = X**3 + 2*X
FLIPS = {"<=": "<", "<": "<=", ">=": ">", ">": ">=", "==": "!=", "!=": "=="}
BUDGET = 0.5
COUNTS = {"tried": 0, "survived": 0, "skipped": 0}
SURVIVORS: list[str] = []


#: whether a difference v = lhs - rhs satisfies the relation (with a margin: near-equality fails a strict one)
HOLDS = {"<": lambda v: v < -EPS, "<=": lambda v: v <= EPS, ">": lambda v: v > EPS,
         ">=": lambda v: v >= -EPS, "==": lambda v: abs(v) <= EPS}


class Unsure(Exception):
    pass


def _split(text: str) -> tuple[str, str]:
    body, _, dom = text.partition(" for ")
    return body, (" for " + dom if dom else "")


def mutants(text: str) -> set[str]:
    if isinstance(parse_claim(text), SizedClaim):
        return sized_mutants(text)
    if isinstance(parse_claim(text), LogicClaim):
        return logic_mutants(text)
    if isinstance(parse_claim(text), AxiomClaim):
        return axiom_mutants(text)
    body, dom = _split(text)
    out: set[str] = set()
    for m in re.finditer(r"(?<![\w.*/])(\d+(?:\.\d+)?)(?:/(\d+))?(?![\w.])", text):
        value = Fraction(m.group(1)) / (int(m.group(2)) if m.group(2) else 1)
        if value == 0:
            continue
        for rel in (Fraction(1, 10**9), Fraction(1, 100)):
            for sign in (1, -1):
                moved = value * (1 + sign * rel)
                out.add(f"{text[:m.start()]}({moved.numerator}/{moved.denominator}){text[m.end():]}")
    head = body.index(":") + 1 if body.startswith("forall ") else 0  # the claim's relation, not the quantifier's
    rel = re.search(r"<=|>=|==|!=|<|>", body[head:])
    if rel is not None:  # smooth(EXPR) has no relation
        at, end = head + rel.start(), head + rel.end()
        for flip in (("<", ">") if head and rel.group() == "==" else (FLIPS[rel.group()],)):  # no '!=' under forall
            out.add(body[:at] + flip + body[end:] + dom)
    if head:  # the quantifier's domain widened to all reals
        out.add(f"forall {parse_claim(text).params[0][0]}:{body[head:]}{dom}")
    for name, sibling in SIBLINGS.items():
        if re.search(rf"\b{name}\(", text):
            out.add(re.sub(rf"\b{name}\(", sibling + "(", text))
    if text.startswith("smooth("):  # a function with a kink in place of the smooth one
        out.add(re.sub(r"^smooth\(\w+\(", "smooth(relu(", text))
    for sense, other in (("convex(", "concave("), ("concave(", "convex(")):  # the other sense
        if re.search(rf"(^|: ){re.escape(sense)}", text):
            out.add(re.sub(rf"(^|: ){re.escape(sense)}", rf"\g<1>{other}", text, count=1))
    if dom:
        out.add(body)
    out.discard(text)
    return out


def sized_mutants(text: str) -> set[str]:
    out = {f"{text[:m.start()]}{int(m.group()) + d}{text[m.end():]}"
           for m in re.finditer(r"(?<![\w.])\d+(?![\w.])", text) for d in (1, -1)}
    out |= {f"{text[:m.start()]}{'rprod' if m.group() == 'prod' else 'prod'}{text[m.end():]}"
            for m in re.finditer(r"\br?prod\b", text)}
    for name, sibling in SIBLINGS.items():  # in the declared functions (functions s = diff(sigmoid(x), x))
        if re.search(rf"\b{name}\(", text):
            out.add(re.sub(rf"\b{name}\(", sibling + "(", text))
    head = text.index(":") + 1  # the claim's relation, after the declarations
    rel = re.search(r"<=|>=|==|<|>", text[head:])
    out.add(text[:head + rel.start()] + FLIPS[rel.group()] + text[head + rel.end():])
    out.discard(text)
    return out


def logic_mutants(text: str) -> set[str]:
    """A statement of real arithmetic: each number (not an exponent) moved by a relative 1e-9 and 1% (a zero by
    1e-9 and 1/100), each relation flipped to its strict/non-strict partner (``==`` to ``<`` and ``>``), each
    quantifier's condition dropped (its domain widened to all reals) and ``forall`` <-> ``exists``."""
    out: set[str] = set()
    for m in re.finditer(r"(?<![\w.])(?<!\*\*)(\d+(?:\.\d+)?)(?![\w.])", text):
        value = Fraction(m.group(1))
        for moved in ([value * (1 + s * r) for r in (Fraction(1, 10**9), Fraction(1, 100)) for s in (1, -1)] if value
                      else [s * r for r in (Fraction(1, 10**9), Fraction(1, 100)) for s in (1, -1)]):
            out.add(f"{text[:m.start()]}({moved.numerator}/{moved.denominator}){text[m.end():]}")
    for m in re.finditer(r"<=|>=|==|<|>", text):
        if text[m.start() - 1:m.start()] == "=":  # the '>' of '=>'
            continue
        for flip in (("<", ">") if m.group() == "==" else (FLIPS[m.group()],)):
            out.add(text[:m.start()] + flip + text[m.end():])
    for m in re.finditer(r"(forall|exists) reals ([\w, ]+?)( with [^:]*)?:", text):
        if m.group(3):
            out.add(text[:m.start(3)] + text[m.end(3):])
        other = "exists" if m.group(1) == "forall" else "forall"
        out.add(text[:m.start(1)] + other + text[m.end(1):])
    out.discard(text)
    return out


def axiom_mutants(text: str) -> set[str]:
    """The statement changed, its derivation kept: each integer moved by 1, the relation swapped, each hypothesis
    (each half of a chain) dropped."""
    statement, by, derivation = text.partition(" by ")
    tail = by + derivation
    out = {f"{statement[:m.start()]}{int(m.group()) + d}{statement[m.end():]}{tail}"
           for m in re.finditer(r"(?<![\w.])\d+(?![\w.])", statement) for d in (1, -1)}
    head = statement.index(":") + 1
    rel = re.search(r"<=|>=|==", statement[head:])
    for other in {"<=", ">=", "=="} - {rel.group()}:
        out.add(statement[:head + rel.start()] + other + statement[head + rel.end():] + tail)
    claim, _, hypotheses = statement.partition(" whenever ")
    items = [h.strip() for h in hypotheses.split(",")] if hypotheses else []
    for i, item in enumerate(items):
        rest = items[:i] + items[i + 1:]
        out.add(claim + (" whenever " + ", ".join(rest) if rest else "") + tail)
        chain = re.fullmatch(r"(.+?)\s*(<=|<)\s*(\w+)\s*(<=|<)\s*(.+)", item)
        if chain:
            for half in (f"{chain[1]} {chain[2]} {chain[3]}", f"{chain[3]} {chain[4]} {chain[5]}"):
                out.add(claim + " whenever " + ", ".join(items[:i] + [half] + items[i + 1:]) + tail)
    out.discard(text)
    return out


def _can(f, want: bool) -> bool:
    """Whether the sampling truth of f can ever be ``want`` (a forall is never shown True, an exists never False)."""
    head = f[0]
    if head == "atom":
        return True
    if head in ("forall", "exists"):
        return want == (head == "exists") and _can(f[2], want)
    if head == "not":
        return _can(f[1], not want)
    if head in ("and", "or"):
        parts = [_can(g, want) for g in f[1:]]
        return all(parts) if want == (head == "and") else any(parts)
    a, b = f[1], f[2]
    if head == "implies":
        return (_can(a, False) or _can(b, True)) if want else (_can(a, True) and _can(b, False))
    return any(_can(a, x) and _can(b, x == want) for x in (True, False))


class _Logic:
    """Three-valued truth of a statement of real arithmetic: exact values at sample points; forall is False when
    a sample falsifies its body, exists True when a sample (or a point found by linear programming and then
    checked exactly) satisfies it; otherwise None (never guessed)."""

    BASE = [Fraction(v) for v in ("0", "1", "-1", "1/2", "-1/2", "2", "-2", "3", "1/3", "-3")]
    SAMPLES = 150  # points per quantifier when the grid has more

    def __init__(self, c: LogicClaim):
        consts = {Fraction(m) for m in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?:/\d+)?", c.text)}
        self.values = sorted({*self.BASE, *consts, *(-v for v in consts)})
        self.rng = random.Random(12)

    def value(self, f, env):
        head = f[0]
        if head == "atom":
            try:
                a, b = self.term(f[2], env), self.term(f[3], env)
            except ZeroDivisionError:
                return False
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b}[f[1]]
        if head == "not":
            v = self.value(f[1], env)
            return None if v is None else not v
        if head in ("and", "or"):
            vs = [self.value(g, env) for g in f[1:]]
            stop = head == "or"
            return stop if stop in vs else (not stop) if None not in vs else None
        if head in ("implies", "iff"):
            a, b = self.value(f[1], env), self.value(f[2], env)
            if head == "iff":
                return None if a is None or b is None else a == b
            return True if a is False or b is True else False if (a, b) == (True, False) else None
        want = head == "exists"  # forall: a falsifying sample; exists: a satisfying one
        if not _can(f[2], want):
            return None
        for point in self.samples(f, env):
            if self.value(f[2], {**env, **point}) is want:
                return want
        return None

    def samples(self, f, env):
        names = f[1]
        if len(self.values) ** len(names) <= self.SAMPLES:
            grid = [dict(zip(names, combo)) for combo in itertools.product(self.values, repeat=len(names))]
        else:
            grid = [dict(zip(names, self.rng.choices(self.values, k=len(names)))) for _ in range(self.SAMPLES)]
        return [*self.linear_points(f, env), *grid]

    def linear_points(self, f, env):
        """A point satisfying a conjunction of atoms affine in the quantified variables, by linear programming
        (floating point, rounded; the caller checks it exactly)."""
        from scipy.optimize import linprog

        body = f[2]
        atoms = [g for g in (body[1:] if body[0] == "and" else [body]) if g[0] == "atom"]
        if not atoms or len(atoms) < (len(body) - 1 if body[0] == "and" else 1):
            return []
        syms = [sp.Symbol(n) for n in f[1]]
        rows, rhs = [], []
        for g in atoms:
            e = self.term(g[2], env, symbolic=True) - self.term(g[3], env, symbolic=True)
            e = e if g[1] in (">", ">=") else -e  # e >= 0 (or > 0)
            try:
                poly = sp.Poly(sp.expand(e), *syms)
            except sp.PolynomialError:
                return []
            if poly.total_degree() > 1 or g[1] == "==":
                return []
            coeffs = [float(poly.coeff_monomial(s)) for s in syms]
            strict = 1.0 if g[1] in ("<", ">") else 0.0
            rows.append([-c for c in coeffs] + [strict])
            rhs.append(float(poly.coeff_monomial(1)))
        res = linprog([0.0] * len(syms) + [-1.0], A_ub=rows, b_ub=rhs,
                      bounds=[(-100, 100)] * len(syms) + [(None, 1)], method="highs")
        if res.status != 0:
            return []
        return [{n: Fraction(float(v)).limit_denominator(10**6) for n, v in zip(f[1], res.x)}]

    def term(self, t, env, symbolic=False):
        head, args = t[0], t[1:]
        if head == "num":
            return Fraction(args[0]) if not symbolic else sp.Rational(args[0])
        if head == "var":
            if args[0] in env:
                v = env[args[0]]
                return sp.Rational(v.numerator, v.denominator) if symbolic else v
            return sp.Symbol(args[0])
        if head == "neg":
            return -self.term(args[0], env, symbolic)
        if head in ("add", "mul"):
            vals = [self.term(a, env, symbolic) for a in args]
            out = vals[0]
            for v in vals[1:]:
                out = out + v if head == "add" else out * v
            return out
        if head == "div":
            a, b = self.term(args[0], env, symbolic), self.term(args[1], env, symbolic)
            if b == 0:
                raise ZeroDivisionError
            return a / b
        if head == "pow":
            return self.term(args[0], env, symbolic) ** args[1]
        v = sp.Symbol(args[1])
        integrand = self.term(args[0], {k: w for k, w in env.items() if k != args[1]}, symbolic=True)
        primitive = sp.Poly(integrand, v).integrate()  # the integrand is a polynomial in v
        value = primitive.eval(self.term(args[3], env, True)) - primitive.eval(self.term(args[2], env, True))
        return value if symbolic else Fraction(int(value.p), int(value.q))


#: concrete functions for a statement about every convex f / every norm N, on V = R^2
CONVEX_FUNCTIONS = [lambda z: z[0] ** 2 + z[1] ** 2, lambda z: abs(z[0]) + 3 * abs(z[1]) - z[0],
                    lambda z: max(z[0], 2 * z[1]), lambda z: mp.exp(z[0]) + z[1]]
NORMS = [lambda z: mp.sqrt(z[0] ** 2 + z[1] ** 2), lambda z: abs(z[0]) + abs(z[1]),
         lambda z: max(abs(z[0]), abs(z[1]))]
#: continuous convex functions R -> R: (continuous) midpoint-convex ones
MIDPOINT_CONVEX = [lambda z: z ** 2, lambda z: abs(z - 1) + z / 3, mp.exp, lambda z: max(z, -2 * z)]


def _axiom_truth(c: AxiomClaim) -> bool | None:
    """False when, for one of a few convex functions and norms on R^2 (convex functions on R for a midpoint-convex
    f) and random points of a rational grid where
    the hypotheses hold, a side is undefined or the relation fails; else None."""
    d = c.data["axioms"]
    grid = [mp.mpf(v) for v in (-2, -1, -0.5, 0, 0.25, 0.5, 1, 2, 3)]
    rng = random.Random(0)

    def value(t, env):
        head = t[0]
        if head == "num":
            q = Fraction(t[1])
            return mp.mpf(q.numerator) / q.denominator
        if head == "sym":
            return env[t[1]]
        args = [value(a, env) for a in t[2 if head == "fn" else 1:]]
        if head == "fn":
            return env[t[1]](args[0])
        if head == "abs":
            return abs(args[0])
        if head == "add":
            out = args[0]
            for a in args[1:]:
                out = [p + q for p, q in zip(out, a)] if isinstance(out, list) else out + a
            return out
        if head == "mul":
            out = mp.mpf(1)
            for a in args:
                out = ([a * p for p in out] if isinstance(out, list) else [out * p for p in a]
                       if isinstance(a, list) else out * a)
            return out
        if args[1] == 0:
            raise ZeroDivisionError
        return [p / args[1] for p in args[0]] if isinstance(args[0], list) else args[0] / args[1]

    with mp.workdps(50):
        for trial in range(400):
            env = {n: ([rng.choice(grid), rng.choice(grid)] if k == "vector" else rng.choice(grid))
                   for n, k in d["symbols"].items()}
            env.update({n: rng.choice({"convex": CONVEX_FUNCTIONS, "norm": NORMS}.get(k, MIDPOINT_CONVEX))
                        for n, k in d["functions"].items()})
            if not all(HOLDS[r](value(a, env) - value(b, env)) for r, a, b in d["hypotheses"]):
                continue
            try:
                v = value(d["lhs"], env) - value(d["rhs"], env)
            except ZeroDivisionError:
                return False
            if not HOLDS[d["rel"]](v):
                return False
    return None


def _sized_truth(c: SizedClaim) -> bool | None:
    """False when exact random integer matrices (2 x 2, or the declared shapes) show the identity false at one of
    the sizes L0, ..., L0 + 3; else None."""
    d = c.data
    kinds = {s["name"]: s for s in d["symbols"]}
    # a function declared differentiable (any such function) is tried as one of them, ELL
    functions = {f["name"]: parse_expression(f["text"]) if "text" in f else ELL for f in d.get("functions", [])}
    defs = {s["name"]: s for s in d["sequences"]}
    sizes = [None] if d["size"] is None else range(d["from"], d["from"] + 4)
    for trial in range(12 if d.get("hypotheses") else 2):  # more draws where a hypothesis may fail
        rng = random.Random(trial)
        values: dict = {}

        def value(name, i=None):
            if (name, i) not in values:
                s = kinds[name]
                rows, cols = s.get("shape") or (2, 2)
                values[name, i] = (sp.Integer(rng.randint(-3, 3)) if s["kind"] == "scalar" else
                                   sp.Matrix(rows, cols, lambda *_: rng.randint(-3, 3)))
            return values[name, i]

        def index(i, env):
            return i[0] + sum(a * env[v] for v, a in i[1])

        def ev(t, env):
            head = t[0]
            if head == "num":
                return sp.Rational(t[1])
            if head == "sym":
                return value(t[1])
            if head == "gen":  # one index, or two (x[n, k])
                return value(t[1], index(t[2], env) if len(t) == 3 else tuple(index(i, env) for i in t[2:]))
            if head == "seq":
                n, s = index(t[2], env), defs[t[1]]
                return ev(s["base"], {}) if n == d["from"] else ev(s["step"], {s["var"]: n - 1})
            if head == "add":
                parts = [ev(a, env) for a in t[1:]]
                square = next((p.rows for p in parts if isinstance(p, sp.MatrixBase)), None)
                return sum((p * sp.eye(square) if square and not isinstance(p, sp.MatrixBase) else p
                            for p in parts[1:]), parts[0] * sp.eye(square) if square and not isinstance(
                                parts[0], sp.MatrixBase) else parts[0])
            if head == "mul":
                out = sp.Integer(1)
                for a in t[1:]:
                    out = out * ev(a, env)
                return out
            if head == "exp":
                return sp.exp(ev(t[1], env))
            if head == "abs":
                return sp.Abs(ev(t[1], env))
            if head in ("fn", "dfn"):  # ELL + k x^2 for the member k of a family of differentiable functions
                f = functions[t[1]] + (index(t[3], env) * X**2 if len(t) > 3 else 0)
                f = f if head == "fn" else sp.diff(f, X)
                return f.subs({s: ev(t[2], env) for s in f.free_symbols if s.name == "x"})
            if head == "div":
                return ev(t[1], env) / ev(t[2], env)
            if head == "delta":
                return sp.Integer(int(index(t[1], env) == index(t[2], env)))
            if head == "diff":  # the member (or scalar) as a variable, differentiated by mpmath at 60 digits
                key, at = (t[2][1], index(t[2][2], env) if t[2][0] == "gen" else None), sp.Dummy("member")
                saved, values[key] = value(*key), at
                try:
                    body = ev(t[1], env)
                finally:
                    values[key] = saved
                if body.has(sp.zoo, sp.nan):  # undefined here (an empty sum divides)
                    raise ZeroDivisionError
                f = sp.lambdify(at, body, "mpmath")
                with mp.workdps(60):
                    return sp.Float(mp.diff(f, mp.mpf(int(saved))), 60)
            var, lo, hi, body = t[1:]
            terms = [ev(body, {**env, var: k}) for k in range(index(lo, env), index(hi, env) + 1)]
            if head == "sum":
                return sum(terms[1:], terms[0]) if terms else sp.Integer(0)
            out = sp.Integer(1)
            for f in terms if head == "prod" else reversed(terms):
                out = out * f
            return out

        for n in sizes:
            for env in _index_values({} if n is None else {d["size"]: n}, d["indices"], index):
                if not all(ev(h["term"], {**env, h["var"]: v}) < 0 for h in d.get("hypotheses", [])
                           for v in range(index(h["from"], env), index(h["to"], env) + 1)):
                    continue  # a hypothesis fails here: the statement says nothing
                try:
                    diff = ev(d["lhs"], env) - ev(d["rhs"], env)
                except ZeroDivisionError:  # undefined here: look for a point where both sides differ
                    continue
                values_ = diff if isinstance(diff, sp.MatrixBase) else [diff]
                if d["rel"] != "==":
                    if not HOLDS[d["rel"]](mp.mpf(str(sp.N(diff, 50)))):
                        return False
                elif any(abs(sp.N(v, 50)) > EPS for v in values_):
                    return False
    return None


def _index_values(env: dict, ranges: list, index) -> list[dict]:
    """Every assignment of the claim's indices (``LO <= i <= HI``) in their ranges at the size in env."""
    envs = [env]
    for name, lo, hi in ranges:
        envs = [{**e, name: i} for e in envs for i in range(index(lo, e), index(hi, e) + 1)]
    return envs


def _evaluator(expr: sp.Expr):
    """A function t -> value of ``expr`` (structural, Derivative kept) at t, with mpmath; raises Unsure."""
    derivs = sorted(expr.atoms(sp.Derivative), key=sp.default_sort_key)
    if not derivs:
        f = sp.lambdify(X, expr, "mpmath")
        return lambda t: _real(f(t))
    dummies = sp.symbols(f"d0:{len(derivs)}")
    outer = sp.lambdify([X, *dummies], expr.xreplace(dict(zip(derivs, dummies))), "mpmath")
    inner = [(_evaluator(d.expr), sum(n for _, n in d.variable_count)) for d in derivs]

    def value(t):
        ds = []
        for g, n in inner:
            fwd, bwd = mp.diff(g, t, n, direction=1), mp.diff(g, t, n, direction=-1)
            if abs(fwd - bwd) > mp.mpf(10) ** -10:
                raise ArithmeticError("one-sided derivatives differ: undefined")
            if abs(fwd - bwd) > mp.mpf(10) ** -30 * (1 + abs(fwd)):
                raise Unsure(f"derivative not resolved at {t}")
            ds.append((fwd + bwd) / 2)
        return _real(outer(t, *ds))

    return value


def _real(v):
    v = mp.mpmathify(v)
    if isinstance(v, mp.mpc):
        if abs(v.imag) > EPS:
            raise ArithmeticError("not real")
        v = v.real
    if not mp.isfinite(v):
        raise ArithmeticError("not finite")
    return v


def _points(domain) -> list:
    special = [Fraction(k, 2) for k in range(-16, 17)] + [Fraction(-12785, 10000)]
    pts = []
    for lo, hi, lc, hc in domain:
        a = Fraction(-25) if lo is None else lo
        b = Fraction(25) if hi is None else hi
        if lo is not None and lo == hi:
            pts.append(lo)
            continue
        grid = [a + (b - a) * Fraction(k, 60) for k in range(61)] + special
        pts += [p for p in grid
                if (lo is None or p > lo or (lc and p == lo)) and (hi is None or p < hi or (hc and p == hi))]
    return pts


def _limit_truth(c) -> bool | None:
    """False when f at x = 100, 200, 400 toward the end shows the limit claim false: f has settled (within
    1e-30) at a value that differs from c by more than 1e-20 (or that contradicts c = +-oo), or f grows without
    settling while c is finite; else None."""
    f = _evaluator(c.raw_lhs)
    side = 1 if c.limit == "oo" else -1
    with mp.workdps(50):
        try:
            values = [f(mp.mpf(side * t)) for t in (100, 200, 400)]
        except (ArithmeticError, ValueError, ZeroDivisionError, Unsure):
            return None
        settled = abs(values[2] - values[1]) < mp.mpf(10) ** -30 and abs(values[1] - values[0]) < mp.mpf(10) ** -20
        growing = abs(values[2]) > 1.5 * abs(values[1]) > 2 * abs(values[0]) > 0
        if c.rhs.is_infinite:
            sign = 1 if c.rhs == sp.oo else -1
            return False if settled or (growing and values[2] * sign < 0) else None
        target = mp.mpf(sp.N(c.rhs, 60))
        if growing:
            return False
        if settled:
            gap = values[2] - target
            holds = {"==": abs(gap) <= EPS, "<": gap < -EPS, "<=": gap <= EPS, ">": gap > EPS, ">=": gap >= -EPS}
            if abs(gap) > mp.mpf(10) ** -20 and not holds[c.op]:
                return False
    return None


def _integral_truth(c) -> bool | None:
    """False when the integrand is undefined at a point of a grid on [lo, hi] or mpmath's quadrature (50 digits)
    puts the integral more than 1e-20 on the wrong side of c; True for an '!=' claim more than 1e-20 off; else
    None."""
    _, lo, hi = c.integral
    f = _evaluator(c.raw_lhs)
    with mp.workdps(50):
        a, b = (mp.mpf(q.numerator) / q.denominator for q in (lo, hi))
        try:
            for k in range(61):
                f(a + (b - a) * k / 60)
        except (ArithmeticError, ValueError, ZeroDivisionError):
            return False
        except Unsure:
            return None
        gap = mp.quad(f, [a, b]) - mp.mpf(sp.N(c.rhs, 60))
        if abs(gap) <= mp.mpf(10) ** -20:
            return None
        return True if c.op == "!=" else (None if HOLDS[c.op](gap) else False)


def _convex_truth(c) -> bool | None:
    """False when f is undefined at a grid point of the domain, or the midpoint of two grid points of one interval
    lies above the chord (below it for concave) by more than 1e-40; else None."""
    f = _evaluator(c.raw_lhs)
    sign = 1 if c.op == "convex" else -1
    with mp.workdps(50):
        for piece in c.domain:
            pts = sorted(set(_points((piece,))))[::2]
            try:
                values = {p: f(mp.mpf(p.numerator) / p.denominator) for p in pts}
                for i, a in enumerate(pts):
                    for b in pts[i + 1:]:
                        m = (a + b) / 2
                        gap = (values[a] + values[b]) / 2 - f(mp.mpf(m.numerator) / m.denominator)
                        if sign * gap < -EPS:
                            return False
            except Unsure:
                return None
            except (ArithmeticError, ValueError, ZeroDivisionError):  # f undefined at a point of the domain
                return False
    return None


def ground_truth(text: str) -> bool | None:
    """False when the grid shows the statement false; True when it shows an '!=' claim true; else None."""
    return _truth(parse_claim(text))


def _near_ends(pieces) -> list[Fraction]:
    """Each finite end of the parameter's domain, or just inside it when open (a bound moved by 1e-9 fails there)."""
    out = []
    for lo, hi, lc, hc in pieces:
        inset = Fraction(1, 10**15) * (hi - lo if lo is not None and hi is not None else 1)
        if lo is not None:
            out.append(lo if lc else lo + inset)
        if hi is not None:
            out.append(hi if hc else hi - inset)
    return out


def _differentiates_in(c, name: str) -> bool:
    return any(s.name == name for side in (c.raw_lhs, c.raw_rhs) for d in side.atoms(sp.Derivative)
               for s in d.variables)


def _in_parameter(c, name: str, value):
    """The claim at one value of its parameter, derivatives in the parameter taken first (SymPy's ``doit``; the
    parser cannot build ``diff(f, alpha)`` at a number)."""
    def at(side):
        symbol = next(s for s in side.free_symbols | {sp.Symbol(name, real=True)} if s.name == name)
        return side.doit().subs(symbol, value)

    return dataclasses.replace(c, lhs=at(c.raw_lhs), rhs=at(c.raw_rhs), raw_lhs=at(c.raw_lhs), raw_rhs=at(c.raw_rhs),
                               params=())


def _several_truth(c: SeveralClaim) -> bool | None:
    """False when, at some x (and parameter value) of a small grid, g = the expression as a function of its two
    (or more) variables is undefined at a point of the integer grid [-3, 3]^k or lies above (below, for concave)
    the chord between two of them at their midpoint; else None."""
    names = [next(s for s in c.raw.free_symbols if s.name == n) for n in c.names]
    others = {s.name: s for s in c.raw.free_symbols if s not in names}
    values = [Fraction(v) for v in ("0", "1/4", "1/2", "1", "2", "-1")]
    if c.params:
        (pname, pieces), = c.params
        inside = [v for v in (*values, *_near_ends(pieces)) if any(
            (lo is None or v > lo or (lc and v == lo)) and (hi is None or v < hi or (hc and v == hi))
            for lo, hi, lc, hc in pieces)]
    sign = 1 if c.op == "convex" else -1
    grid = [tuple(p) for p in itertools.product(range(-3, 4), repeat=len(names))]
    with mp.workdps(50):
        for xv in (Fraction(-2), Fraction(1, 2), Fraction(3), Fraction(10)):
            for pv in inside if c.params else [None]:
                at = {others[k]: sp.Rational(v.numerator, v.denominator)
                      for k, v in (("x", xv), *((() if pv is None else ((pname, pv),)))) if k in others}
                g = sp.lambdify(names, c.raw.xreplace(at), "mpmath")
                try:
                    vals = {p: _real(g(*p)) for p in grid}
                    for p, q in itertools.combinations(grid[::3], 2):
                        mid = _real(g(*(mp.mpf(a + b) / 2 for a, b in zip(p, q))))
                        if sign * ((vals[p] + vals[q]) / 2 - mid) < -EPS:
                            return False
                except (ArithmeticError, ValueError, ZeroDivisionError):
                    return False
    return None


def _truth(c) -> bool | None:
    if isinstance(c, SizedClaim):
        return _sized_truth(c)
    if isinstance(c, SeveralClaim):
        return _several_truth(c)
    if isinstance(c, LogicClaim):
        return _Logic(c).value(c.data, {})
    if isinstance(c, AxiomClaim):
        return _axiom_truth(c)
    if c.params:  # forall alpha in A: false when an instance at a value in A is shown false
        (name, pieces), = c.params
        for v in [*(Fraction(k, 4) for k in (0, 1, 2, 4, 6, 8, 12, 40, -1, -2, -4, -8)), *_near_ends(pieces)]:
            if any((lo is None or v > lo or (lc and v == lo)) and (hi is None or v < hi or (hc and v == hi))
                   for lo, hi, lc, hc in pieces):
                try:
                    instance = (_in_parameter(c, name, sp.Rational(v.numerator, v.denominator))
                                if _differentiates_in(c, name) else c.instance(sp.Rational(v.numerator, v.denominator)))
                except Exception:  # outside a catalog parameter's range: no instance
                    continue
                if _truth(instance) is False:
                    return False
        return None
    if c.limit is not None:
        return _limit_truth(c)
    if c.integral is not None:
        return _integral_truth(c)
    if c.op in ("convex", "concave"):
        return _convex_truth(c)
    if c.op.startswith("not "):  # 'not convex': false only if f is convex, which no grid shows
        return None
    lhs, rhs = _evaluator(c.raw_lhs), _evaluator(c.raw_rhs)
    holds = {"continuous": lambda v: True} if c.op == "continuous" else HOLDS  # continuous: false where undefined
    if c.op == "smooth":  # false where f or f' is undefined at a grid point (f' from both one-sided schemes)
        x = [s for s in c.raw_lhs.free_symbols if s.name == "x"]
        rhs = _evaluator(sp.Derivative(c.raw_lhs, *x)) if x else rhs
        holds = {"smooth": lambda v: True}
    with mp.workdps(50):
        for p in _points(c.domain):
            t = mp.mpf(p.numerator) / p.denominator
            try:
                v = lhs(t) - rhs(t)
            except Unsure:
                return None
            except (ArithmeticError, ValueError, ZeroDivisionError):  # a side undefined at t
                if c.op == "!=":
                    return True
                return False
            if c.op == "!=":
                if abs(v) > EPS:
                    return True
            elif not holds[c.op](v):
                return False
    return None


FORMAL = [(c.id, text, c.expected) for c in all_claims() for text in c.formal]


@pytest.fixture(scope="module", autouse=True)
def _summary(summary):
    """The counts, in pytest's terminal summary once the module's tests have run."""
    yield
    summary("claim mutations",
            f"claim mutations: {COUNTS['tried']} tried (ground truth: false), {COUNTS['survived']} survived "
            f"(proved), {COUNTS['skipped']} skipped (not shown false on the grid)"
            + (f"; survivors: {SURVIVORS}" if SURVIVORS else ""))


def test_there_are_formal_claims():
    assert len({cid for cid, _, _ in FORMAL}) >= 10


@pytest.mark.parametrize("claim_id,text,expected", FORMAL)
def test_ground_truth_agrees_with_the_unmutated_statement(claim_id, text, expected):
    """The evaluator itself: it never shows a proved claim's statement false."""
    truth = ground_truth(text)
    if expected == "proved" and parse_claim(text).op != "!=":
        assert truth is not False, text
    if expected == "proved" and parse_claim(text).op == "!=":
        assert truth is True, text


def test_a_refuted_claim_is_shown_false_by_the_ground_truth():
    refuted = [text for cid, text, expected in FORMAL if expected == "refuted"]
    assert refuted and all(ground_truth(t) is False for t in refuted)


@pytest.mark.parametrize("claim_id,text,expected", FORMAL)
def test_false_mutants_are_never_proved(claim_id, text, expected):
    for m in sorted(mutants(text)):
        try:
            truth = ground_truth(m)
        except Exception:  # a mutant the parser rejects (e.g. a sibling without that parameter) is no statement
            truth = None
        if truth is not False:
            COUNTS["skipped"] += 1
            continue
        COUNTS["tried"] += 1
        v = check_claim(parse_claim(m), BUDGET)
        if v.status == "proved":
            COUNTS["survived"] += 1
            SURVIVORS.append(m)
        assert v.status != "proved", f"{claim_id}: the false mutant {m!r} was proved"

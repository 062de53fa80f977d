"""Statements about every function with stated axioms (``convex f``, ``norm N``, ``continuous midpoint_convex f``),
with their derivation.

Read by :func:`symact.parsing.parse_claim` when a ``forall`` declares a function ``convex NAME`` (any
f: V -> R whose chords lie above its graph), ``norm NAME`` (any norm N on a real vector space V),
``midpoint_convex NAME`` (any f: R -> R with f((x + y)/2) <= (f(x) + f(y))/2) or ``continuous midpoint_convex
NAME`` (any such f that is continuous), next to ``scalars`` (reals) and ``vectors`` (elements of V)::

    forall vectors u, v, scalars l, norm N: N(l*u + (1 - l)*v) <= l*N(u) + (1 - l)*N(v) whenever 0 <= l <= 1
        by <= N(l*u) + N((1 - l)*v) from N.triangle(u=l*u, v=(1 - l)*v);
        == abs(l)*N(u) + abs(1 - l)*N(v) from N.homogeneity(c=l, u=u) + N.homogeneity(c=1 - l, u=v);
        == l*N(u) + (1 - l)*N(v) from N(u)*nonneg_abs(c=l) + N(v)*nonneg_abs(c=1 - l)

The claim is ``LEFT REL RIGHT`` (REL ``==``, ``<=`` or ``>=``) for every value where each hypothesis after
``whenever`` holds (comparisons ``<``, ``<=``, ``>``, ``>=``, chains such as ``0 <= l <= 1``, joined by commas).
After ``by`` comes its derivation, steps separated by ``;``: ``REL TERM from JUSTIFICATION`` continues the chain
from the left side; the justification is ``algebra`` (the two terms are identical) or a sum of axiom instances
``NAME.AXIOM(PLACEHOLDER=TERM, ...)`` (``f.chord(a, b, l, m)``, ``N.triangle(u, v)``, ``N.homogeneity(c, u)``,
``f.midpoint(x, y)``) and ``nonneg_abs(c=TERM)`` (|c| = c for c >= 0), each possibly multiplied by a term.
A claim for every l in [0, 1] (``whenever 0 <= l <= 1``) may instead be proved ``by limit of dyadic induction on
l: at l = 0: STEPS; at l = 1: STEPS; at l = (P + Q)/2: STEPS``: chains for l = 0, l = 1 and for the midpoint of
two new names P, Q in [0, 1], where ``ih(l=P)`` and ``ih(l=Q)`` (the claim at P and at Q) may be used; then the
claim holds at every dyadic l in [0, 1], and, both sides being continuous in l, at every l in [0, 1].  The
trusted kernel (:mod:`symact.kernel.axioms`) checks every step; the derivation is not trusted.  Terms are built from the
declared names, integers, ``+ - * /``, ``abs(TERM)`` and the declared functions.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import sympy as sp

from symact.errors import ExpressionError
from symact.sized import REL_TEX, parse_python, split_top, term_tex
from symact.stated import StatedClaim

FUNCTION_WORDS = ("convex", "norm", "midpoint_convex", "continuous midpoint_convex")
DECLARATIONS = {"scalars": "scalar", "vectors": "vector", **{w: w for w in FUNCTION_WORDS}}
STEP_RELATIONS = ("==", "<=", ">=")
_COMPARE = {ast.Eq: "==", ast.LtE: "<=", ast.GtE: ">=", ast.Lt: "<", ast.Gt: ">"}


def declares_axioms(header: str) -> bool:
    """Whether the header of ``forall HEADER: ...`` declares a function with axioms (``convex f``, ``norm N``)."""
    return any(" ".join(item.split()[:-1]) in FUNCTION_WORDS for item in split_top(header, ","))


@dataclass(frozen=True, kw_only=True)
class AxiomClaim(StatedClaim):
    """The statement (``text``, without its derivation), the kernel's JSON of it and of its derivation."""

    proof: dict | None = field(compare=False)

    def domain_text(self) -> str:
        return "every value where the hypotheses hold"

    def statement(self) -> tuple[str, str]:
        d = self.data["axioms"]
        vectors = [n for n, k in d["symbols"].items() if k == "vector"]
        scalars = [n for n, k in d["symbols"].items() if k == "scalar"]
        head = []
        if vectors:
            head.append(", ".join(sp.latex(sp.Symbol(n)) for n in vectors) + r" \in V")
        if scalars:
            head.append(", ".join(sp.latex(sp.Symbol(n)) for n in scalars) + r" \in \mathbb{R}")
        for name, kind in d["functions"].items():
            head.append({"convex": rf"{name}: V \to \mathbb{{R}}\ \text{{convex}}",
                         "norm": rf"{name}\ \text{{a norm on }} V"}.get(
                kind, rf"{name}: \mathbb{{R}} \to \mathbb{{R}}\ \text{{{kind.replace('_', '-')}}}"))
        declared = r",\ ".join(head)
        tex = rf"\forall {declared}:\ {term_tex(d['lhs'], {})} {REL_TEX[d['rel']]} {term_tex(d['rhs'], {})}"
        if d["hypotheses"]:
            tex += r"\quad\text{whenever } " + r",\ ".join(
                rf"{term_tex(a, {})} {REL_TEX[r]} {term_tex(b, {})}" for r, a, b in d["hypotheses"])
        if vectors:
            tex += r"\quad(V\text{ any real vector space, e.g. } \mathbb{R}^n)"
        return self.text, tex


def parse_axioms(text: str) -> AxiomClaim:
    """``forall DECLARATIONS: CLAIM [whenever HYPOTHESES] [by DERIVATION]``; ExpressionError (one line) if
    malformed."""
    stripped = " ".join(text.split())
    parts = split_top(stripped.removeprefix("forall "), ":")
    if not stripped.startswith("forall ") or len(parts) < 2:
        raise ExpressionError("write 'forall DECLARATIONS: CLAIM' (a ':' after the declarations)")
    reader = _Reader(parts[0])
    rest = ":".join(parts[1:])
    statement, _, derivation = rest.partition(" by ")
    claim, _, hypotheses = statement.partition(" whenever ")
    node = parse_python(claim, "the claim")
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1
            and _COMPARE.get(type(node.ops[0])) in STEP_RELATIONS):
        raise ExpressionError("the claim is one comparison 'LEFT == RIGHT' (or <=, >=)")
    rel = _COMPARE[type(node.ops[0])]
    data = {"symbols": reader.symbols, "functions": reader.functions,
            "hypotheses": [h for item in (split_top(hypotheses, ",") if hypotheses else []) for h in reader.hypothesis(item)],
            "lhs": reader.term(node.left), "rel": rel, "rhs": reader.term(node.comparators[0]),
            "statement": f"forall {parts[0].strip()}:{statement}"}
    limit = re.match(r"\s*limit of dyadic induction on (\w+)\s*:(.*)$", derivation)
    proof = (reader.limit(limit[1], limit[2]) if limit else
             {"rule": "derivation", "steps": [reader.step(s) for s in split_top(derivation, ";")]} if derivation
             else None)
    _check_with_kernel_reader({"axioms": data}, proof)
    return AxiomClaim(text=data["statement"], data={"axioms": data}, proof=proof, op=rel)


def _check_with_kernel_reader(claim: dict, proof: dict | None) -> None:
    """The statement and its derivation read back by the kernel (kinds of terms, known axioms and their
    placeholders): what it cannot read is a user error, said in one line."""
    from symact.kernel.axioms import read_axiom_claim, read_derivation
    from symact.kernel.pieces import Rejected

    try:
        read_axiom_claim(claim)
        if proof is not None:
            read_derivation(claim, proof)
    except Rejected as exc:
        raise ExpressionError(f"not a statement about functions with axioms: {exc}") from None


class _Reader:
    def __init__(self, header: str):
        self.symbols: dict[str, str] = {}
        self.functions: dict[str, str] = {}
        kind = None
        for item in split_top(header, ","):
            words = item.split()
            if len(words) > 1 and " ".join(words[:-1]) in DECLARATIONS:
                kind, words = DECLARATIONS[" ".join(words[:-1])], words[-1:]
            if kind is None or len(words) != 1 or not words[0].isidentifier() or words[0] in (
                    *self.symbols, *self.functions, *DECLARATIONS, "continuous", "abs", "Abs", "nonneg_abs", "ih",
                    "algebra"):
                raise ExpressionError(f"declare {item.strip()!r} as 'scalars NAME', 'vectors NAME' or one of "
                                      f"{', '.join(repr(w + ' NAME') for w in FUNCTION_WORDS)} (new names)")
            (self.functions if kind in FUNCTION_WORDS else self.symbols)[words[0]] = kind

    def hypothesis(self, text: str) -> list:
        """[[REL, A, B], ...] with REL '<' or '<=' for a comparison or chain A < B <= C."""
        node = parse_python(text, "a hypothesis")
        if not (isinstance(node, ast.Compare) and all(_COMPARE.get(type(o)) in ("<", "<=", ">", ">=")
                                                      for o in node.ops)):
            raise ExpressionError(f"a hypothesis compares terms with <, <=, >, >=, not {text.strip()!r}")
        terms = [self.term(t) for t in (node.left, *node.comparators)]
        out = []
        for op, a, b in zip(node.ops, terms, terms[1:]):
            rel = _COMPARE[type(op)]
            out.append([rel, a, b] if rel in ("<", "<=") else [rel.replace(">", "<"), b, a])
        return out

    def step(self, text: str) -> dict:
        """``REL TERM from JUSTIFICATION``: one link of the chain."""
        head, _, why = text.partition(" from ")
        match = re.match(r"\s*(==|<=|>=)(.*)$", head)
        if match is None:
            raise ExpressionError(f"a step is 'REL TERM from JUSTIFICATION' (REL ==, <=, >=), not {text.strip()!r}")
        node = parse_python(match.group(2), "a step")
        by = [] if why.strip() in ("", "algebra") else self.instances(parse_python(why, "a justification"), ["num", "1"])
        return {"rel": match.group(1), "term": self.term(node), "by": by}

    def limit(self, var: str, text: str) -> dict:
        """``at VAR = 0: STEPS; at VAR = 1: STEPS; at VAR = (P + Q)/2: STEPS``: the closure node over the dyadic
        induction (the kernel judges the base points and names)."""
        base, step, current, symbols = {}, None, None, self.symbols
        for item in split_top(text, ";"):
            label = re.match(r"\s*at\s+(\w+)\s*=\s*([^:]+):(.*)$", item)
            if label:
                at, item = label[2].strip(), label[3]
                pair = re.fullmatch(r"\(\s*(\w+)\s*\+\s*(\w+)\s*\)\s*/\s*2", at)
                if label[1] != var or not (pair or re.fullmatch(r"\d+(/[1-9]\d*)?", at)) or (
                        step if pair else base.get(at)) is not None:
                    raise ExpressionError(f"a section is 'at {var} = NUMBER:' (a base case) or 'at {var} = (P + Q)/2:' "
                                          f"(the step, P and Q new names), each once, not 'at {label[1]} = {at}'")
                self.symbols = {**symbols, **dict.fromkeys(pair.groups(), "scalar")} if pair else symbols
                current = [] if pair else base.setdefault(at, [])
                step = {"points": list(pair.groups()), "steps": current} if pair else step
            if current is None:
                raise ExpressionError(f"the induction's first section is 'at {var} = 0:'")
            current.append(self.step(item))
        self.symbols = symbols
        return {"rule": "closure", "var": var, "premise": {"rule": "dyadic", "base": base, "step": step}}

    def instances(self, node: ast.AST, times: list) -> list:
        """The axiom instances of a justification, each with its multiplier."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            right = ["mul", ["num", "-1"], times] if isinstance(node.op, ast.Sub) else times
            return self.instances(node.left, times) + self.instances(node.right, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return self.instances(node.operand, ["mul", ["num", "-1"], times])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            call, factor = (node.right, node.left) if _is_instance(node.right) else (node.left, node.right)
            if not _is_instance(call):
                raise ExpressionError("multiply one axiom instance by a term: 'TERM*f.chord(...)'")
            return self.instances(call, ["mul", times, self.term(factor)])
        if not _is_instance(node) or node.args:
            raise ExpressionError(f"a justification is 'algebra' or a sum of instances NAME.AXIOM(VAR=TERM, ...), "
                                  f"nonneg_abs(c=TERM), ih(VAR=TERM), not {ast.unparse(node)!r}")
        if isinstance(node.func, ast.Attribute):
            if node.func.value.id not in self.functions:
                raise ExpressionError(f"{node.func.value.id!r} is not a declared function")
            function, axiom = node.func.value.id, node.func.attr
        else:
            function, axiom = None, node.func.id
        return [{"function": function, "axiom": axiom, "subst": {k.arg: self.term(k.value) for k in node.keywords},
                 "times": times}]

    def term(self, node: ast.AST) -> list:
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            left, right = self.term(node.left), self.term(node.right)
            if isinstance(node.op, ast.Sub):
                return ["add", left, ["mul", ["num", "-1"], right]]
            return [{ast.Add: "add", ast.Mult: "mul", ast.Div: "div"}[type(node.op)], left, right]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.term(node.operand)
            return ["mul", ["num", "-1"], inner] if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.Constant) and type(node.value) is int and abs(node.value) <= 10**6:
            return ["num", str(node.value)]
        if isinstance(node, ast.Name) and node.id in self.symbols:
            return ["sym", node.id]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1 and not node.keywords:
            if node.func.id in ("abs", "Abs"):
                return ["abs", self.term(node.args[0])]
            if node.func.id in self.functions:
                return ["fn", node.func.id, self.term(node.args[0])]
        raise ExpressionError(f"not a term here: {ast.unparse(node)!r} (declared names, integers, + - * /, abs, "
                              f"the declared functions)")


def _is_instance(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name))
        or (isinstance(node.func, ast.Name) and node.func.id in ("nonneg_abs", "ih")))

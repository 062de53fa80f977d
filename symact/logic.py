"""The claim language for statements of real arithmetic with quantifiers over several real variables.

Read by :func:`symact.parsing.parse_claim` when a statement starts with ``forall reals``/``exists reals``
(optionally after ``not``); the expressions are parsed with :func:`ast.parse` and a whitelist (user text never
reaches ``eval``), into the kernel's JSON (:mod:`symact.kernel.logic_claim`), from which the LaTeX is
generated::

    not exists reals w1, w2, b: w2 + b > 0 and w1 + b > 0 and b <= 0 and w1 + w2 + b <= 0
    forall reals l, u, x with l < u and x < 0: integrate(a*x, a, l, u)/(u - l) == (l + u)/2*x

Formulas: ``forall reals V, ... [with CONDITION]: F`` (for every real V with CONDITION, F),
``exists reals V, ... [with CONDITION]: F``, ``not F``, ``F and G``, ``F or G``, ``F => G``, ``F iff G``
(loosest first: a quantifier's body runs to the end of the formula or of its brackets; then ``iff``, ``=>``
(to the right), ``or``, ``and``, ``not``), brackets, and comparisons ``s < t``, ``<=``, ``>``, ``>=``, ``==``
(a chain ``a <= b < c`` is a conjunction).  Terms: numbers (decimals exact), the bound variables, ``+ - * /``,
``**`` with an integer exponent 0..64 and ``integrate(f, v, lo, hi)`` (f a polynomial in v).  Every variable is
bound once.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable

import sympy as sp

from symact.errors import ExpressionError
from symact.sized import parse_python, split_top
from symact.stated import StatedClaim

QUANTIFIED = re.compile(r"\s*(not\s+)*(forall|exists)\s+reals\b")
_REL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "=="}
_REL_TEX = {"<": "<", "<=": r"\le", ">": ">", ">=": r"\ge", "==": "="}
MAX_DEPTH = 100  # brackets, and operators within one comparison
_CONNECTIVES = ((" iff ", "iff"), (" => ", "implies"), (" or ", "or"), (" and ", "and"))


def states_logic(text: str) -> bool:
    """Whether a statement is one of this language (it starts with a quantifier over reals)."""
    return bool(QUANTIFIED.match(text))


@dataclass(frozen=True, kw_only=True)
class LogicClaim(StatedClaim):
    """A statement of real arithmetic: its text and the kernel's JSON of its formula."""

    def domain_text(self) -> str:
        return "the reals"

    def statement(self) -> tuple[str, str]:
        """The sentence and its LaTeX, generated from the parsed formula."""
        return self.text, formula_tex(self.data)


def parse_logic(text: str, number: Callable[[str, str], sp.Expr]) -> LogicClaim:
    """A :class:`LogicClaim`; ``number(text, what)`` reads an exact numeric literal.  ExpressionError (one line)
    if malformed."""
    from symact.kernel.logic_claim import check_closed
    from symact.kernel.pieces import Rejected

    stripped = " ".join(text.split())
    if _bracket_depth(stripped) > MAX_DEPTH:
        raise ExpressionError(f"brackets nested more than {MAX_DEPTH} deep")
    data = _Reader(number).formula(stripped)
    try:
        check_closed(data)
    except Rejected as exc:
        raise ExpressionError(f"not a statement of real arithmetic: {exc}") from None
    return LogicClaim(text=stripped, data=data, op="logic")


class _Reader:
    def __init__(self, number):
        self.number = number

    def formula(self, s: str, depth: int = 0) -> list:
        s = s.strip()
        if depth > MAX_DEPTH:
            raise ExpressionError(f"connectives and quantifiers nested more than {MAX_DEPTH} deep")
        if not s:
            raise ExpressionError("an empty formula")
        m = re.match(r"(forall|exists)\s+reals\s+", s)
        if m:
            return self.quantifier(m.group(1), s[m.end():], depth)
        if re.match(r"not\s+(forall|exists)\s+reals\b", s):
            return ["not", self.formula(s[3:], depth + 1)]
        for sep, head in _CONNECTIVES:
            parts = _split(s, sep)
            if len(parts) > 1:
                if head == "implies":  # to the right: A => B => C is A => (B => C)
                    return ["implies", self.formula(parts[0], depth + 1),
                            self.formula(sep.join(parts[1:]), depth + 1)]
                if head == "iff" and len(parts) > 2:
                    raise ExpressionError("bracket a chain of 'iff'")
                return [head, *(self.formula(p, depth + 1) for p in parts)]
        if s.startswith("not ") or s.startswith("not("):
            return ["not", self.formula(s[3:], depth + 1)]
        if s.startswith("(") and _closing(s) == len(s) - 1:
            return self.formula(s[1:-1], depth + 1)
        return self.comparison(s)

    def quantifier(self, kind: str, rest: str, depth: int) -> list:
        parts = split_top(rest, ":")
        if len(parts) < 2:
            raise ExpressionError(f"write '{kind} reals a, b: FORMULA' (a ':' after the variables)")
        header, body = parts[0], ":".join(parts[1:])
        names_text, _, condition = header.partition(" with ")
        names = [n.strip() for n in names_text.split(",")]
        if not all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", n) for n in names):
            raise ExpressionError(f"the variables of '{kind} reals' are names separated by commas, got "
                                  f"{names_text.strip()!r}")
        inner = self.formula(body, depth + 1)
        if condition.strip():
            cond = self.formula(condition, depth + 1)
            inner = ["implies", cond, inner] if kind == "forall" else ["and", cond, inner]
        return [kind, names, inner]

    def comparison(self, s: str) -> list:
        node = parse_python(s, "a statement")
        if _ast_depth(node) > MAX_DEPTH:
            raise ExpressionError(f"a comparison nested more than {MAX_DEPTH} deep (operators and brackets)")
        if not isinstance(node, ast.Compare):
            raise ExpressionError(f"expected a comparison (<, <=, >, >=, ==), got {s!r}")
        terms = [node.left, *node.comparators]
        atoms = []
        for op, a, b in zip(node.ops, terms, terms[1:]):
            rel = _REL.get(type(op))
            if rel is None:
                raise ExpressionError("comparisons use <, <=, >, >=, == (state != as not ==)")
            atoms.append(["atom", rel, self.term(a, s), self.term(b, s)])
        return atoms[0] if len(atoms) == 1 else ["and", *atoms]

    def term(self, node: ast.AST, source: str) -> list:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ExpressionError(f"not a number: {node.value!r}")
            value = self.number(ast.get_source_segment(source, node) or str(node.value), "a number")
            if not value.is_Rational:
                raise ExpressionError("numbers are rational")
            return ["num", str(value)]
        if isinstance(node, ast.Name):
            return ["var", node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.term(node.operand, source)
            return ["neg", inner] if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow):
                e = node.right
                if not (isinstance(e, ast.Constant) and type(e.value) is int and 0 <= e.value <= 64):
                    raise ExpressionError("an exponent is an integer from 0 to 64")
                return ["pow", self.term(node.left, source), e.value]
            a, b = self.term(node.left, source), self.term(node.right, source)
            if isinstance(node.op, ast.Add):
                return ["add", a, b]
            if isinstance(node.op, ast.Sub):
                return ["add", a, ["neg", b]]
            if isinstance(node.op, ast.Mult):
                return ["mul", a, b]
            if isinstance(node.op, ast.Div):
                return ["div", a, b]
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "integrate"
                and not node.keywords and len(node.args) == 4 and isinstance(node.args[1], ast.Name)):
            f, v, lo, hi = node.args
            return ["integral", self.term(f, source), v.id, self.term(lo, source), self.term(hi, source)]
        raise ExpressionError(f"{ast.get_source_segment(source, node) or 'this term'!r} is not a term of real "
                              f"arithmetic (numbers, variables, + - * /, ** n, integrate(f, v, lo, hi))")


def _bracket_depth(s: str) -> int:
    level = top = 0
    for ch in s:
        level += (ch == "(") - (ch == ")")
        top = max(top, level)
    return top


def _ast_depth(node: ast.AST) -> int:
    """The depth of an expression tree (iteratively, so a deep tree cannot exhaust the stack)."""
    top, stack = 0, [(node, 1)]
    while stack:
        n, d = stack.pop()
        top = max(top, d)
        stack.extend((c, d + 1) for c in ast.iter_child_nodes(n))
    return top


def _split(s: str, sep: str) -> list[str]:
    """s cut at each sep outside brackets and before any quantifier outside brackets (its body runs to the
    end)."""
    depths, level = [], 0
    for ch in s:
        depths.append(level)
        level += (ch == "(") - (ch == ")")
    parts, start = [], 0
    for i, level in enumerate(depths):
        if level:
            continue
        if re.match(r"(forall|exists)\s+reals\b", s[i:]) and (i == 0 or not s[i - 1].isalnum()):
            break
        if s.startswith(sep, i) and i >= start:
            parts.append(s[start:i])
            start = i + len(sep)
    return [*parts, s[start:]]


def _closing(s: str) -> int:
    level = 0
    for i, ch in enumerate(s):
        level += (ch == "(") - (ch == ")")
        if level == 0:
            return i
    return -1


# -- LaTeX --------------------------------------------------------------------------------------------------------

def term_tex(t: list) -> str:
    """A term in LaTeX, in the order written."""
    head, args = t[0], t[1:]
    if head == "num":
        q = sp.Rational(args[0])
        return sp.latex(q) if q.q == 1 else rf"\tfrac{{{abs(q.p)}}}{{{q.q}}}".join(("-" if q < 0 else "", ""))
    if head == "var":
        return sp.latex(sp.Symbol(args[0]))
    if head == "neg":
        return "-" + _factor(args[0])
    if head == "add":
        out = term_tex(args[0])
        for a in args[1:]:
            s = term_tex(a)
            out += f" - {s[1:]}" if s.startswith("-") else f" + {s}"
        return out
    if head == "mul":
        return r" \cdot ".join(_factor(a) if i else _factor(a, lead=True) for i, a in enumerate(args))
    if head == "div":
        return rf"\frac{{{term_tex(args[0])}}}{{{term_tex(args[1])}}}"
    if head == "pow":
        return f"{{{_factor(args[0], power=True)}}}^{{{args[1]}}}"
    return (rf"\int_{{{term_tex(args[2])}}}^{{{term_tex(args[3])}}} {_factor(args[0], lead=True)}\,"
            rf"d{sp.latex(sp.Symbol(args[1]))}")


def _factor(t: list, lead: bool = False, power: bool = False) -> str:
    s = term_tex(t)
    plain = t[0] in ("var", "div") or (t[0] == "num" and not s.startswith("-") and ("frac" not in s or not power))
    if plain or (lead and t[0] in ("num", "neg", "mul", "pow")) or (not power and t[0] in ("pow", "mul")):
        return s
    return rf"\left({s}\right)"


def formula_tex(f: list) -> str:
    head = f[0]
    if head == "atom":
        return f"{term_tex(f[2])} {_REL_TEX[f[1]]} {term_tex(f[3])}"
    if head in ("forall", "exists"):
        q = r"\forall" if head == "forall" else r"\exists"
        names = ", ".join(sp.latex(sp.Symbol(n)) for n in f[1])
        return rf"{q}\, {names} \in \mathbb{{R}}:\ {formula_tex(f[2])}"
    if head == "not":
        return rf"\neg ({formula_tex(f[1])})"
    sep = {"and": r"\ \wedge\ ", "or": r"\ \vee\ ", "implies": r"\ \Rightarrow\ ", "iff": r"\ \Leftrightarrow\ "}[head]
    return sep.join(_wrapped(g) for g in f[1:])


def _wrapped(f: list) -> str:
    return formula_tex(f) if f[0] in ("atom", "not") else f"({formula_tex(f)})"  # plain brackets: TeX may break

"""The claim language for matrices, vectors and scalars of any size, and for every depth (a symbolic size).

Read by :func:`symact.parsing.parse_claim` when a ``forall`` declares matrices, vectors or scalars; like the
rest of the language it is parsed with :func:`ast.parse` and a whitelist (user text never reaches ``eval``),
into the kernel's JSON (:mod:`symact.kernel.sizes`), from which the sentence's LaTeX is generated.

Fixed shapes (``vectors NAME[n]`` is an n x 1 matrix)::

    forall matrices W1[4, 2], W2[2, 4], vectors b1[4], b2[2], x[2]: W2*(W1*x + b1) + b2 == W2*W1*x + W2*b1 + b2

Every depth: a size ``L >= L0``, families ``W[k]`` (members ``W[1]``, ``W[k + 1]``, ...) of any conforming
sizes, sequences defined after ``where`` by a base case at L0 and a step from k to k + 1, and sums and ordered
products over ranges: ``sum(T, k, LO, HI)``, ``prod(T, k, LO, HI)`` (T at k = LO, ..., HI, left to right) and
``rprod(T, k, LO, HI)`` (right to left: ``rprod(W[j], j, 1, L)`` is W_L ... W_1); an empty range gives 0 or
the identity::

    forall L >= 1, matrices W[k], vectors b[k], x: f(L) == rprod(W[j], j, 1, L)*x
        + sum(rprod(W[j], j, k + 1, L)*b[k], k, 1, L) where f(1) = W[1]*x + b[1], f(k + 1) = W[k + 1]*f(k) + b[k + 1]

The claim is ``SEQUENCE(L) == TERM`` (the kernel proves it by induction on L); ``scalars`` are real numbers
(they commute with everything), matrices and vectors never commute.  Numbers are integers or fractions p/q.

Over a size, ``functions s = EXPR`` declares a real function of one real variable by an expression in x of the
claim language (read by the same restricted parser), used as ``s(TERM)`` of a real term; ``Abs(TERM)`` is
|TERM|.  ``diff(TERM, x[j])`` is the partial derivative of a real term in the member x[j] of a family of scalars
and ``delta(i, j)`` the Kronecker delta of two indices (the kernel's rule ``diff``)::

    forall n >= 1, 1 <= i <= n, 1 <= j <= n, scalars x[k]: diff(exp(x[i])/sum(exp(x[k]), k, 1, n), x[j])
        == exp(x[i])/sum(exp(x[k]), k, 1, n)*(delta(i, j) - exp(x[j])/sum(exp(x[k]), k, 1, n))

An inequality ``Abs(f(L)) <= TERM`` about a sequence whose step is a product with f(k) as a factor is
proved by induction (the kernel's bounds of the declared functions come from kernel-checked claims in x)::

    forall L >= 0, scalars w[k], z[k], functions s = diff(sigmoid(x), x):
        Abs(g(L)) <= prod(Abs(w[k])/4, k, 1, L) where g(0) = 1, g(k + 1) = w[k + 1]*s(z[k + 1])*g(k)

``differentiable ell`` declares *any* real function of one real variable that is differentiable at every real
point (the statement is for every such function, e.g. the rest of a network and its loss); ``ell(TERM)`` is its
value and ``D(ell)(TERM)`` its derivative.  A derivative through it is the chain rule (the kernel's rule
``chain``)::

    forall n >= 1, 1 <= i <= n, scalars w[k], a[k], b, differentiable ell:
        diff(ell(sum(w[k]*a[k], k, 1, n) + b), w[i]) == D(ell)(sum(w[k]*a[k], k, 1, n) + b)*a[i]

``differentiable ell[n]`` declares a family of them (``ell[n](TERM)``, ``D(ell[n])(TERM)``); ``scalars x[n, k]``
a family of reals with two indices; ``diff(TERM, b)`` is also the derivative in a scalar b; and ``CLAIM whenever
TERM < 0 for LO <= n <= HI`` states the claim for the values where TERM(n) < 0 for every such n (a declared
function whose derivative the kernel proves 0 on (-oo, 0) then has derivative 0 at such a term: the rule
``flat``)::

    forall S >= 1, 1 <= N <= S, 1 <= m <= S, 1 <= j <= m, scalars w[k], b, x[n, k], functions r = relu(x),
        differentiable ell[n]: diff(sum(ell[n](r(sum(w[k]*x[n, k], k, 1, m) + b)), n, 1, N), w[j]) == 0
        whenever sum(w[k]*x[n, k], k, 1, m) + b < 0 for 1 <= n <= N

(S bounds both N and m, so the claim covers every number N of samples and m of inputs.)
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from fractions import Fraction

from symact.errors import ExpressionError
from symact.stated import StatedClaim

KINDS = {"matrices": "matrix", "vectors": "vector", "scalars": "scalar"}  # declaration word -> kernel kind
FUNCTIONS = "functions"  # the declaration word of functions of one real variable
DIFFERENTIABLE = "differentiable"  # the declaration word of arbitrary functions differentiable everywhere
BINDERS = ("sum", "prod", "rprod")
MAX_INTEGER = 10**6


def declares(header: str) -> bool:
    """Whether the header of ``forall HEADER: ...`` declares matrices, vectors or scalars."""
    return any(re.match(rf"\s*{kind}\b", item) for item in split_top(header, ",") for kind in KINDS)


def split_top(text: str, sep: str) -> list[str]:
    """text cut at each ``sep`` outside brackets."""
    parts, level, start = [], 0, 0
    for i, ch in enumerate(text):
        level += (ch in "([{") - (ch in ")]}")
        if level == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            start = i + len(sep)
    return [*parts, text[start:]]


@dataclass(frozen=True, kw_only=True)
class SizedClaim(StatedClaim):
    """A statement about matrices of any (or fixed) size: its text and the kernel's JSON of it."""

    def domain_text(self) -> str:
        return "every size" if self.data["size"] is None else f"every {self.data['size']} >= {self.data['from']}"

    def statement(self) -> tuple[str, str]:
        """The sentence and its LaTeX, generated from the parsed statement."""
        d = self.data
        names = {s["name"]: s for s in d["symbols"]}
        groups = []
        for kind, title in (("matrix", "matrices"), ("vector", "vectors"), ("scalar", "reals")):
            members = [s for s in d["symbols"] if s["kind"] == kind]
            if members:
                groups.append(", ".join(_decl_tex(s) for s in members) + rf"\ \text{{({title})}}")
        head = r",\ ".join(groups)
        if d["size"] is not None:
            ranges = "".join(rf"{index_tex(lo)} \le {i} \le {index_tex(hi)},\ " for i, lo, hi in d["indices"])
            head = rf"{_sym_tex(d['size'])} \ge {d['from']},\ {ranges}" + head
        tex = rf"\forall {head}:\ {term_tex(d['lhs'], names)} {REL_TEX[d['rel']]} {term_tex(d['rhs'], names)}"
        if d["sequences"]:
            defs = []
            for s in d["sequences"]:
                k = s["var"]
                defs.append(rf"{_sym_tex(s['name'])}_{{{d['from']}}} = {term_tex(s['base'], names)}")
                defs.append(rf"{_sym_tex(s['name'])}_{{{k}+1}} = {term_tex(s['step'], names)}")
            tex += r"\quad\text{where } " + r",\ ".join(defs)
        for h in d.get("hypotheses", []):
            tex += (rf"\quad\text{{whenever }} {term_tex(h['term'], names)} < 0 \text{{ for }} {index_tex(h['from'])} "
                    rf"\le {h['var']} \le {index_tex(h['to'])}")
        if d.get("functions"):
            tex = tex.replace(r":\ ", r",\ " + r",\ ".join(_function_tex(f) for f in d["functions"]) + r":\ ", 1)
        scalars = all(s["kind"] == "scalar" for s in d["symbols"])
        if not scalars and d["size"] is not None:
            tex += r"\quad\text{(any sizes for which the products are defined)}"
        if _has_products(d):
            tex += r"\quad\text{(an empty product is 1)}" if scalars else r"\quad\text{(an empty product is } I\text{)}"
        return self.text, tex


def _function_tex(f: dict) -> str:
    r"""A declared function: ``s(x) = EXPR``, or (declared differentiable) ``\ell\ \text{differentiable on }
    \mathbb{R}``."""
    if f.get("differentiable"):
        return _name_tex(f["name"]) + ("_k" if f.get("indexed") else "") + r"\ \text{differentiable on } \mathbb{R}"
    return rf"{f['name']}(x) = {f['latex']}"


def _name_tex(name: str) -> str:
    """A function's name: ``ell`` is the script letter, as in the loss of a network."""
    return r"\ell" if name == "ell" else _sym_tex(name)


def _has_products(obj) -> bool:
    return obj in ("prod", "rprod") or (isinstance(obj, (list, dict)) and any(
        _has_products(v) for v in (obj.values() if isinstance(obj, dict) else obj)))


def _sym_tex(name: str) -> str:
    m = re.fullmatch(r"([A-Za-z]+)_?(\d+)", name)
    return f"{m.group(1)}_{{{m.group(2)}}}" if m else name


def _decl_tex(s: dict) -> str:
    name = _sym_tex(s["name"]) + ("_{n,k}" if s.get("indices") == 2 else "_k" if s.get("family") else "")
    shp = s.get("shape")
    if shp is None:
        return name
    return name + (rf" \in \mathbb{{R}}^{{{shp[0]}}}" if shp[1] == 1 else rf" \in \mathbb{{R}}^{{{shp[0]}\times {shp[1]}}}")


def index_tex(i: list) -> str:
    parts = []
    for v, a in i[1]:
        parts.append(v if a == 1 else "-" + v if a == -1 else f"{a}{v}")
    if i[0] or not parts:
        parts.append(str(i[0]))
    return "+".join(parts).replace("+-", "-")


def term_tex(t: list, names: dict) -> str:
    head = t[0]
    if head == "num":
        q = Fraction(t[1])
        return str(q) if q.denominator == 1 else rf"\tfrac{{{q.numerator}}}{{{q.denominator}}}"
    if head == "sym":
        return _sym_tex(t[1])
    if head in ("gen", "seq"):
        return f"{_sym_tex(t[1])}_{{{','.join(index_tex(i) for i in t[2:])}}}"
    if head == "add":
        out = term_tex(t[1], names)
        for a in t[2:]:
            s = term_tex(a, names)
            out += f" - {s[1:]}" if s.startswith("-") else f" + {s}"
        return out
    if head == "exp":
        return rf"e^{{{term_tex(t[1], names)}}}"
    if head == "delta":
        return rf"\delta_{{{index_tex(t[1])},{index_tex(t[2])}}}"
    if head == "diff":
        return rf"\frac{{\partial}}{{\partial {term_tex(t[2], names)}}}\left({term_tex(t[1], names)}\right)"
    if head == "abs":
        return rf"\left|{term_tex(t[1], names)}\right|"
    if head in ("fn", "dfn"):
        name = (_name_tex(t[1]) + (f"_{{{index_tex(t[3])}}}" if len(t) > 3 else "")
                + ("'" if head == "dfn" else ""))
        return rf"{name}\left({term_tex(t[2], names)}\right)"
    if head == "div":
        return rf"\frac{{{term_tex(t[1], names)}}}{{{term_tex(t[2], names)}}}"
    if head == "mul":
        factors = [term_tex(a, names) for a in t[1:]]
        last = len(factors) - 1  # a sum or product over a range is bracketed unless it is the last factor
        wrapped = [rf"\left({f}\right)" if a[0] == "add" or (i and f.startswith("-")) or (
            i < last and f.startswith((r"\sum", r"\prod", r"\overleftarrow"))) else f
                   for i, (a, f) in enumerate(zip(t[1:], factors))]
        if t[1] == ["num", "-1"] and len(t) > 2:
            return "-" + r"\,".join(wrapped[1:])
        return r"\,".join(wrapped)
    var, lo, hi, body = t[1:]
    inner = term_tex(body, names)
    if body[0] == "add":
        inner = rf"\left({inner}\right)"
    if head == "sum":
        return rf"\sum_{{{var}={index_tex(lo)}}}^{{{index_tex(hi)}}} {inner}"
    if head == "prod":
        return rf"\prod_{{{var}={index_tex(lo)}}}^{{{index_tex(hi)}}} {inner}"
    if body[0] == "gen" and body[2] == [0, [[var, 1]]]:  # W_HI ... W_LO
        return rf"{_sym_tex(body[1])}_{{{index_tex(hi)}}} \cdots {_sym_tex(body[1])}_{{{index_tex(lo)}}}"
    return rf"\overleftarrow{{\prod}}_{{{var}={index_tex(lo)}}}^{{{index_tex(hi)}}} {inner}"


# -- the parser ---------------------------------------------------------------------------------------------------

def parse_sized(text: str, function=None) -> SizedClaim:
    """``forall [L >= L0,] DECLARATIONS: CLAIM [where DEFINITIONS]``; ExpressionError (one line) if malformed.
    ``function(text)`` reads the expression in x of a declared function: (its kernel term as JSON, its LaTeX)."""
    stripped = " ".join(text.split())
    if not stripped.startswith("forall "):
        raise ExpressionError("a statement about matrices starts with 'forall'")
    parts = split_top(stripped[len("forall "):], ":")
    if len(parts) < 2:
        raise ExpressionError("write 'forall DECLARATIONS: CLAIM' (a ':' after the declarations)")
    header, rest = parts[0], ":".join(parts[1:])
    reader = _Reader(function)
    reader.declarations(header)
    claim_text, _, where = rest.partition(" where ")
    claim_text, _, whenever = claim_text.partition(" whenever ")
    if reader.size is None and (where or whenever):
        raise ExpressionError("'where' and 'whenever' are used over a size: start with 'forall L >= 1, ...'")
    if where:
        reader.definitions(where)
    if whenever:
        reader.hypothesis(whenever)
    lhs, rel, rhs = _compare(claim_text)
    scope = {reader.size, *(i for i, _, _ in reader.indices)} - {None}
    data = {"size": reader.size, "from": reader.start, "symbols": reader.symbol_list(),
            "sequences": [dict(name=n, **s) for n, s in reader.sequences.items()],
            "indices": [list(r) for r in reader.indices], "functions": reader.functions,
            **({"hypotheses": reader.hypotheses} if reader.hypotheses else {}),
            "lhs": reader.term(lhs, scope, "claim"), "rhs": reader.term(rhs, scope, "claim"), "rel": rel,
            "statement": stripped}
    lhs = data["lhs"]
    if reader.sequences and lhs[0] != "seq" and not (lhs[0] == "abs" and lhs[1][0] == "seq"):
        raise ExpressionError(f"the left side is a sequence at the size, e.g. 'f({reader.size}) == ...', or its "
                              f"absolute value 'Abs(f({reader.size})) <= ...'")
    _check_with_kernel_reader(data)
    return SizedClaim(text=stripped, data=data, op=rel)


def _check_with_kernel_reader(data: dict) -> None:
    """The statement read back by the kernel's reader: what it cannot read is a user error, said in one line."""
    from symact.kernel.pieces import Rejected
    from symact.kernel.sizes import read_sized, same_shape

    try:
        c = read_sized(data)
        same = c["size"] is not None or same_shape(c)
    except Rejected as exc:
        raise ExpressionError(f"not a statement about matrices: {exc}") from None
    if not same:
        raise ExpressionError("not a statement about matrices: the two sides have different shapes")


def parse_python(text: str, what: str) -> ast.expr:
    """``text`` as a Python expression tree (never evaluated; the caller whitelists its nodes); a syntax error is
    one :class:`ExpressionError` line naming ``what`` the text is."""
    try:
        return ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise ExpressionError(f"syntax error in {what} {text.strip()!r}: {exc.msg}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ExpressionError(f"cannot parse {what}: {type(exc).__name__}") from None


RELATIONS = {ast.Eq: "==", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
REL_TEX = {"==": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge"}


def _compare(text: str) -> tuple[ast.expr, str, ast.expr]:
    node = parse_python(text, "the claim")
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in RELATIONS):
        raise ExpressionError("a statement about matrices is one comparison 'LEFT == RIGHT' (or <, <=, >, >= "
                              "between reals over a size)")
    return node.left, RELATIONS[type(node.ops[0])], node.comparators[0]


class _Reader:
    def __init__(self, function=None):
        self.size: str | None = None
        self.start = 1
        self.symbols: dict[str, dict] = {}
        self.sequences: dict[str, dict] = {}
        self.indices: list[tuple] = []
        self.functions: list[dict] = []
        self.hypotheses: list[dict] = []
        self.read_function = function

    def symbol_list(self) -> list[dict]:
        return [dict(name=n, **s) for n, s in self.symbols.items() if s["kind"] != "function"]

    def declarations(self, header: str) -> None:
        kind = None
        for i, item in enumerate(split_top(header, ",")):
            item = item.strip()
            m = re.fullmatch(r"(\w+)\s*>=\s*(\d+)", item)
            if i == 0 and m and m.group(1) not in KINDS:
                self.size, self.start = m.group(1), int(m.group(2))
                if self.start > 10:
                    raise ExpressionError("a size starts at most at 10")
                continue
            if kind is None and self.size is not None and "<=" in item:
                self.index_range(item)
                continue
            word = item.split(" ", 1)[0]
            if word == DIFFERENTIABLE or (kind == DIFFERENTIABLE and word not in KINDS and word != FUNCTIONS):
                kind = DIFFERENTIABLE
                self.differentiable(item.removeprefix(DIFFERENTIABLE).strip())
                continue
            if word == FUNCTIONS or (kind == FUNCTIONS and word not in KINDS):
                kind, item = FUNCTIONS, item.removeprefix(FUNCTIONS).strip()
                self.function(item)
                continue
            if word in KINDS:
                kind, item = KINDS[word], item[len(word):].strip()
            if kind is None:
                raise ExpressionError(f"declare {item!r} as one of matrices, vectors, scalars "
                                      f"(e.g. 'forall L >= 1, matrices W[k], vectors x: ...')")
            self.declare(kind, item)
        if not self.symbols:
            raise ExpressionError("declare the matrices, vectors or scalars of the statement")

    def function(self, item: str) -> None:
        """``s = EXPR``: the real function x -> EXPR (over a size only)."""
        name, sep, body = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier() or name in self.symbols or name in KINDS or name == self.size or (
                name in ("Abs", "exp", FUNCTIONS, *BINDERS)):
            raise ExpressionError(f"declare a function as 'functions NAME = EXPRESSION in x', not {item!r}")
        if self.size is None or self.read_function is None:
            raise ExpressionError("functions are declared in a statement over a size ('forall L >= 1, ...')")
        term, tex = self.read_function(body)
        self.symbols[name] = {"kind": "function", "family": False}
        self.functions.append({"name": name, "term": term, "text": body.strip(), "latex": tex})

    def differentiable(self, name: str) -> None:
        """``differentiable NAME``: any real function of one real variable, differentiable at every real point
        (over a size only); ``NAME(TERM)`` is its value and ``D(NAME)(TERM)`` its derivative at TERM;
        ``differentiable NAME[k]`` a family of them, ``NAME[I](TERM)`` and ``D(NAME[I])(TERM)``."""
        indexed = re.fullmatch(r"(\w+)\[\s*[A-Za-z_]\w*\s*\]", name)
        name = indexed.group(1) if indexed else name
        if not name.isidentifier() or name in self.symbols or name in (*KINDS, FUNCTIONS, DIFFERENTIABLE, "D") or (
                name == self.size or name in ("Abs", "exp", *BINDERS)):
            raise ExpressionError(f"declare a differentiable function as 'differentiable NAME', not {name!r}")
        if self.size is None:
            raise ExpressionError("functions are declared in a statement over a size ('forall L >= 1, ...')")
        self.symbols[name] = {"kind": "function", "family": False, "indexed": bool(indexed)}
        self.functions.append({"name": name, "differentiable": True, **({"indexed": True} if indexed else {})})

    def hypothesis(self, text: str) -> None:
        """``TERM < 0 for LO <= v <= HI``: the statement is for the values where TERM(v) < 0 for every such v."""
        body, sep, rng = text.rpartition(" for ")
        node, bounds = parse_python(body or text, "a hypothesis"), parse_python(rng, "a hypothesis's range") if sep else None
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Lt)
                and isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value == 0
                and isinstance(bounds, ast.Compare) and len(bounds.ops) == 2
                and all(isinstance(o, ast.LtE) for o in bounds.ops) and isinstance(bounds.comparators[0], ast.Name)):
            raise ExpressionError("write a hypothesis as 'whenever TERM < 0 for LO <= n <= HI'")
        var = bounds.comparators[0].id
        scope = {self.size, *(i for i, _, _ in self.indices)}
        if var in scope or var in self.symbols:
            raise ExpressionError(f"the hypothesis's variable {var!r} needs a fresh name")
        self.hypotheses.append({"var": var, "from": self.index(bounds.left, scope),
                                "to": self.index(bounds.comparators[1], scope),
                                "term": self.term(node.left, scope | {var}, "inside")})

    def index_range(self, item: str) -> None:
        """``LO <= i <= HI``: the claim holds for every integer i in that range (bounds in the size and earlier
        indices)."""
        node = parse_python(item, "an index range")
        if not (isinstance(node, ast.Compare) and len(node.ops) == 2 and all(isinstance(o, ast.LtE) for o in node.ops)
                and isinstance(node.comparators[0], ast.Name)):
            raise ExpressionError(f"an index ranges as 'LO <= i <= HI', not {item!r}")
        name = node.comparators[0].id
        scope = {self.size, *(i for i, _, _ in self.indices)}
        if name in scope or name in KINDS:
            raise ExpressionError(f"the index {name!r} needs a fresh name")
        self.indices.append((name, self.index(node.left, scope), self.index(node.comparators[1], scope)))

    def declare(self, kind: str, item: str) -> None:
        node = parse_python(item, "the declaration")
        name, dims = node, []
        if isinstance(node, ast.Subscript):
            name = node.value
            inner = node.slice
            dims = list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]
        if not isinstance(name, ast.Name) or name.id in self.symbols or name.id in KINDS or name.id == self.size:
            raise ExpressionError(f"cannot declare {item!r}: a new name, NAME[k] for a family, or a shape "
                                  f"NAME[rows, cols] (matrices) / NAME[n] (vectors)")
        entry = {"kind": kind, "family": False}
        if dims and all(isinstance(d, ast.Name) for d in dims) and len(dims) == 1:
            entry["family"] = True
        elif dims and all(isinstance(d, ast.Name) for d in dims) and len(dims) == 2 and kind == "scalar":
            entry.update(family=True, indices=2)  # x[n, k]: a real number for each pair of indices
        elif dims:
            sizes = [_integer(d, "a size") for d in dims]
            want = {"matrix": 2, "vector": 1}.get(kind)
            if len(sizes) != want or any(n < 1 for n in sizes):
                raise ExpressionError(f"the shape of {name.id}: {'[rows, cols]' if kind == 'matrix' else '[n]'} "
                                      f"with positive integers" if want else f"a scalar {name.id} has no shape")
            entry["shape"] = sizes + [1] if kind == "vector" else sizes
        if (self.size is not None and "shape" in entry) or (self.size is None and (
                entry["family"] or ("shape" not in entry and kind != "scalar"))):
            raise ExpressionError(f"{name.id}: with a size L the symbols have any size (a family NAME[k] or one "
                                  f"NAME); without one, every matrix and vector has a shape")
        self.symbols[name.id] = entry

    def definitions(self, where: str) -> None:
        parsed = []
        for item in split_top(where, ","):
            left, sep, right = item.partition(" = ")
            node = parse_python(left, "a definition")
            if not sep or not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1
                               and not node.keywords):
                raise ExpressionError(f"a definition is 'f(1) = TERM' or 'f(k + 1) = TERM', not {item.strip()!r}")
            name = node.func.id
            if name in self.symbols or name in BINDERS or name == self.size:
                raise ExpressionError(f"{name!r} is already a name of the statement")
            self.sequences.setdefault(name, {})
            parsed.append((name, node.args[0], right))
        for name, arg, right in parsed:
            entry = self.sequences[name]
            if isinstance(arg, ast.Constant):
                if _integer(arg, "a base index") != self.start or "base" in entry:
                    raise ExpressionError(f"the base case of {name} is {name}({self.start}) (the size's least value)")
                entry["base"] = self.term(parse_python(right, "a definition"), set(), "base")
            elif (isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and isinstance(arg.left, ast.Name)
                  and isinstance(arg.right, ast.Constant) and arg.right.value == 1 and "step" not in entry):
                entry["var"] = arg.left.id
                entry["step"] = self.term(parse_python(right, "a definition"), {arg.left.id}, "step", arg.left.id)
            else:
                raise ExpressionError(f"define {name} once by {name}({self.start}) = ... and once by "
                                      f"{name}(k + 1) = ... (k any name)")
        for name, entry in self.sequences.items():
            if "base" not in entry or "step" not in entry:
                raise ExpressionError(f"{name} needs a base case {name}({self.start}) = ... and a step "
                                      f"{name}(k + 1) = ...")

    # -- terms --
    def term(self, node: ast.AST, scope: set, where: str, step_var: str | None = None) -> list:
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            right = self.term(node.right, scope, where, step_var)
            if isinstance(node.op, ast.Sub):
                right = ["mul", ["num", "-1"], right]
            return ["add", self.term(node.left, scope, where, step_var), right]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            return ["mul", self.term(node.left, scope, where, step_var), self.term(node.right, scope, where, step_var)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant):
            q = Fraction(1, _integer(node.right, "a divisor") or _zero())
            return ["mul", ["num", str(q)], self.term(node.left, scope, where, step_var)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return ["div", self.term(node.left, scope, where, step_var), self.term(node.right, scope, where, step_var)]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.term(node.operand, scope, where, step_var)
            return ["mul", ["num", "-1"], inner] if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.Constant):
            return ["num", str(_integer(node, "a number"))]
        if isinstance(node, ast.Name):
            s = self.symbols.get(node.id)
            if s is None or s["family"] or s["kind"] == "function":
                raise ExpressionError(f"{node.id!r} is not a declared symbol" + (
                    f"; a family needs an index, {node.id}[k]" if s else ""))
            return ["sym", node.id]
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            s = self.symbols.get(node.value.id, {})
            if not s.get("family"):
                raise ExpressionError(f"{node.value.id!r} is not a declared family")
            pair = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if len(pair) != s.get("indices", 1):
                raise ExpressionError(f"{node.value.id} has {s.get('indices', 1)} index(es), e.g. "
                                      f"{node.value.id}[{', '.join('nk'[:s.get('indices', 1)])}]")
            return ["gen", node.value.id, *(self.index(i, scope) for i in pair)]
        derivative = _derivative_of(node)
        if derivative is not None:
            if not any(f["name"] == derivative[0] and f.get("differentiable") for f in self.functions):
                raise ExpressionError(f"D({derivative[0]}): {derivative[0]!r} is not declared differentiable "
                                      f"('differentiable {derivative[0]}')")
            return ["dfn", derivative[0], *self.applied(derivative[0], derivative[1], node.args[0], scope, where,
                                                        step_var)]
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Subscript) and isinstance(node.func.value, ast.Name)
                and self.symbols.get(node.func.value.id, {}).get("indexed") and len(node.args) == 1):
            return ["fn", node.func.value.id, *self.applied(node.func.value.id, node.func.slice, node.args[0], scope,
                                                            where, step_var)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            fname = node.func.id
            if fname in self.sequences and len(node.args) == 1:
                i = self.index(node.args[0], scope)
                want = {"claim": self.size, "step": step_var}.get(where)
                if want is None or i != [0, [[want, 1]]]:
                    raise ExpressionError(f"{fname}: a sequence is used in the claim at the size only and in a step "
                                          f"at k only (not in a base case, nor inside sum/prod/rprod)")
                return ["seq", fname, i]
            if fname == "diff" and len(node.args) == 2 and where == "claim":
                var = self.term(node.args[1], scope, where, step_var)
                if var[0] not in ("gen", "sym") or len(var) > 3 or self.symbols[var[1]]["kind"] != "scalar":
                    raise ExpressionError("diff(TERM, x[j]): a derivative in a member of a family of scalars (one "
                                          "index) or in a scalar")
                return ["diff", self.term(node.args[0], scope, "inside", step_var), var]
            if fname == "delta" and len(node.args) == 2:
                return ["delta", self.index(node.args[0], scope), self.index(node.args[1], scope)]
            if fname in ("exp", "Abs") and len(node.args) == 1:
                return [fname.lower(), self.term(node.args[0], scope, where, step_var)]
            if self.symbols.get(fname, {}).get("kind") == "function" and len(node.args) == 1:
                return ["fn", fname, *self.applied(fname, None, node.args[0], scope, where, step_var)]
            if fname in BINDERS and len(node.args) == 4 and isinstance(node.args[1], ast.Name):
                var = node.args[1].id
                lo, hi = self.index(node.args[2], scope), self.index(node.args[3], scope)
                body = self.term(node.args[0], scope | {var}, "inside", step_var)
                return [fname, var, lo, hi, body]
            raise ExpressionError(f"unknown function {fname!r}: the terms here are declared symbols, families "
                                  f"W[k], sequences f(L), exp(TERM), Abs(TERM), declared functions s(TERM), "
                                  f"sum/prod/rprod(TERM, k, LO, HI), diff(TERM, x[j]), delta(i, j)")
        raise ExpressionError(f"not allowed in a statement about matrices: {ast.unparse(node)!r}")

    def applied(self, name: str, at, arg: ast.AST, scope: set, where: str, step_var) -> list:
        """[TERM] for NAME(TERM), [TERM, I] for NAME[I](TERM) of a family of functions; one index exactly there."""
        if (at is not None) != bool(self.symbols[name].get("indexed")):
            raise ExpressionError(f"{name}: a family of functions is written {name}[k](TERM), a function {name}(TERM)")
        return [self.term(arg, scope, where, step_var), *([self.index(at, scope)] if at is not None else [])]

    def index(self, node: ast.AST, scope: set) -> list:
        const, coefs = self.affine(node, scope)
        return [const, [[v, a] for v, a in sorted(coefs.items()) if a]]

    def affine(self, node: ast.AST, scope: set) -> tuple[int, dict]:
        if isinstance(node, ast.Constant):
            return _integer(node, "an index"), {}
        if isinstance(node, ast.Name):
            if node.id not in scope:
                raise ExpressionError(f"the index {node.id!r} is not in scope (the size, a bound variable, or the "
                                      f"step's k)")
            return 0, {node.id: 1}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            c, v = self.affine(node.operand, scope)
            return -c, {k: -a for k, a in v.items()}
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            (c1, v1), (c2, v2) = self.affine(node.left, scope), self.affine(node.right, scope)
            s = 1 if isinstance(node.op, ast.Add) else -1
            out = dict(v1)
            for k, a in v2.items():
                out[k] = out.get(k, 0) + s * a
            return c1 + s * c2, out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and isinstance(node.left, ast.Constant):
            n = _integer(node.left, "an index")
            c, v = self.affine(node.right, scope)
            return n * c, {k: n * a for k, a in v.items()}
        raise ExpressionError(f"an index is an integer combination of the size and bound variables, not "
                              f"{ast.unparse(node)!r}")


def _derivative_of(node: ast.AST) -> tuple | None:
    """``D(NAME)(TERM)`` or ``D(NAME[I])(TERM)``: (NAME, I's node or None), the derivative of a declared function
    at TERM; else None."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords
            and isinstance(node.func, ast.Call) and isinstance(node.func.func, ast.Name) and node.func.func.id == "D"
            and len(node.func.args) == 1 and not node.func.keywords):
        return None
    f = node.func.args[0]
    if isinstance(f, ast.Subscript) and isinstance(f.value, ast.Name):
        return f.value.id, f.slice
    return (f.id, None) if isinstance(f, ast.Name) else None


def _integer(node: ast.AST, what: str) -> int:
    if not (isinstance(node, ast.Constant) and type(node.value) is int and abs(node.value) <= MAX_INTEGER):
        raise ExpressionError(f"{what} here is an integer of at most {MAX_INTEGER}, not {ast.unparse(node)!r}")
    return node.value


def _zero() -> int:
    raise ExpressionError("division by zero")

"""Identities of non-commuting symbols, and induction over a symbolic size.

A **sized claim** (``claim["sizes"]``) states ``lhs REL rhs`` for matrices, vectors and real scalars of any
size for which both sides are defined, either once (fixed shapes) or for every integer ``L >= L0`` (a symbolic
size) and every integer index i in its range:

``{"sizes": {"size": "L" or null, "from": L0, "symbols": [{"name", "kind", "family", "shape"}], "sequences":
[{"name", "var", "base", "step"}], "indices": [[i, LO, HI], ...], "lhs": T, "rel": REL, "rhs": T,
"statement": text}}``  (REL is ``==``, or ``<``, ``<=``, ``>``, ``>=`` between reals over a size).  Every name
(symbol, function, sequence, the size, an index, a bound or step variable) is an identifier and no word of the
terms (``sum``, ``seq``, ...), so none is taken for a variable the kernel names itself (``#k``, ``^k``) nor for a
head.

``kind`` is ``"matrix"``, ``"vector"`` (a matrix of one column) or ``"scalar"`` (a real number); a *family* ``W`` has members ``W[i]`` for
integer indices i; ``shape`` is ``[rows, cols]`` (fixed statements only, then checked by evaluating both sides
at zero matrices of those shapes: every product conforms, every sum adds equal shapes, a number in a sum with a
matrix is a multiple of I of a square one, and the two sides have one shape).  A *sequence* ``f`` is defined
by ``f(L0) = base`` and ``f(k + 1) = step`` for k >= L0, where base mentions no sequence and step mentions
sequences at index k only.

*Functions* (``"functions": [{"name": s, "term": F}]``, over a size only) are real functions of one real
variable given by a kernel term F in x (:mod:`symact.kernel.terms`); ``["fn", s, t]`` is F at the real t.
A function declared ``{"name": s, "differentiable": true}`` (no term) is *any* real function of one real variable
that is differentiable at every real point (the claim is for every such function); ``["dfn", s, t]`` is its
derivative s' at t.  With ``"indexed": true`` it is a family of such functions, one for each integer:
``["fn", s, t, I]`` and ``["dfn", s, t, I]`` are s_I and s_I' at t.  Nothing else is assumed about it: it has no bounds and no exact value (no counterexample).

Terms (JSON): ``["num", "p/q"]``, ``["sym", s]``, ``["gen", W, I]``, ``["seq", f, I]``, ``["add", t, ...]``,
``["mul", t, ...]`` (an *ordered* product), ``["sum", k, LO, HI, t]``, ``["prod", k, LO, HI, t]`` (the factors
for k = LO, LO+1, ..., HI, left to right) and ``["rprod", k, LO, HI, t]`` (the same factors right to left);
a range with HI < LO is empty (a sum is 0, a product 1, i.e. the identity); ``["abs", t]`` (|t|) and
``["fn", s, t]`` take a real t.  An index I is
``[c, [[v, a], ...]]``: c + sum a v, integers, over L and the bound variables in scope.  The claim mentions
sequences at index L only.

What the kernel trusts, rule by rule (each a fact of the ring of matrices; no commutativity of matrices):

``canonical form``  a term is expanded into a sum of monomials: a rational coefficient, a multiset of scalar
    atoms (real numbers commute with everything) and a *word* of matrix atoms (order kept).  Two terms with
    the same canonical form are equal wherever both are defined: distributivity and associativity hold for
    conforming matrices, and every monomial of a defined term is defined.
``ranges``  a sum or product whose length HI - LO + 1 is a constant is empty (length <= 0) or written out;
    one whose length is certainly >= 1 (:func:`least` on the ranges in scope and L >= L0) has its last
    factor or term split off (``sum_{LO}^{HI} = sum_{LO}^{HI-1} + t(HI)``, ``prod = prod_{LO}^{HI-1} t(HI)``,
    ``rprod = t(HI) rprod_{LO}^{HI-1}``), until its length is not certainly >= 1; then it is an atom.
``linearity``  a sum over k of a combination of monomials is the combination of the sums of the monomials;
    factors that do not depend on k are taken out of the sum (to the left and right of a word, and scalar
    atoms), so ``W sum_k M_k = sum_k W M_k``.  A product of commuting factors is one scalar atom whatever the
    order.  A sum or product atom names its bound variable ``^h`` by its own body (h above the names of the
    atoms inside it, :func:`close`), so equal sums at any depth are equal atoms and no inner atom captures it.
``nc-identity``  (fixed statements) both sides have the same canonical form, and the shapes conform.
``counterexample``  (refutes) ``{"at": L or null, "n": n, "values": {name: value or {index: value}}}``: with
    every matrix n x n (or its declared shape), every vector n x 1, every scalar and matrix entry the given
    rational, both sides are defined at the size L >= L0 (exact arithmetic, a number c in a sum is c I of a
    square matrix, sequences by their recursion) and differ.
``nc-identity`` over a size  (no induction) both sides have the same canonical form with L a symbol (L >= L0)
    and each index i of ``"indices"`` (``[i, LO, HI]``: the claim is for every integer LO <= i <= HI) a symbol
    in its range.  Scalar terms also take ``["exp", t]`` (exp(a + b) = exp(a) exp(b), exp(q u) exp(p u) =
    exp((p + q) u)) and ``["div", a, b]`` for b certainly positive (positive coefficients times
    atoms certainly >= 0, one monomial's all certainly > 0, :meth:`Normalizer.sign_of`: such as exp, inverses and
    sums of those over ranges certainly non-empty); 1/b of a monomial inverts each factor (u (1/u) = 1).
``positive``  (``"rel"`` ``<``, ``<=``, ``>``, ``>=``; over a size, no sequences) the difference d of the sides
    (larger minus smaller), in canonical form without splitting ranges and multiplied by its positive
    denominators, has a certain sign (:meth:`Normalizer.sign_of`): >= 0 for a weak, > 0 for a strict relation.
``induction``  on the size L from L0: the *base case* (L = L0, sequences at L0 replaced by their base) has
    equal canonical forms, and the *step*: the claim at L + 1, with every sequence at L + 1 replaced by its step
    at k = L and then the hypothesis (the claim's left side, a sequence at L, replaced by its right side at L),
    has equal canonical forms for every L >= L0 (L stays a symbol, L >= L0 is used by ``ranges``).  Then the
    claim holds for every L >= L0.
``abs``  |c a_1 ... a_m| = |c| |a_1| ... |a_m| for a real monomial (an atom certainly >= 0 is its own absolute
    value); |t| of a sum of several monomials is an atom.  Every |t| is >= 0 (:meth:`Normalizer.sign`), and so
    is a sum or product over a range of terms certainly >= 0 (> 0 if each is > 0, a sum's range certainly
    non-empty).
``diff``  (over a size) ``["diff", t, ["gen", x, J]]`` is the partial derivative of the real term t in the
    member x[J] of a *scalar* family x (t itself is normalised too, so its denominators are certainly positive
    and t is smooth: sums, products, exp and quotients by positive terms over finite ranges).  It is computed
    by the chain rule over the occurrences of x in t: d x[I]/d x[J] = delta(I, J), a sum, product, exp and
    quotient by their rules (d(a/b) = da/b - (a db/b)/b), a sum over k by linearity; and a term
    ``A(k) delta(a k + R, J)`` (a = +-1) of a sum over LO <= k <= HI is *sifted* to A(a (J - R)) when
    LO <= a (J - R) <= HI certainly (:func:`least`) -- for other k the delta is 0.  No rule for |t|, products
    over ranges or sequences inside a derivative.
``chain``  (inside ``diff``) a function s at a term u: if x occurs nowhere in u, s(u) and s'(u) do not depend on
    x[J] (derivative 0, wherever they are defined); else s must be declared differentiable (at every real
    point), u is a smooth term (above), and d s(u)/d x[J] = s'(u) du/d x[J] (the chain rule, s differentiable
    at u and u at x[J]).  s' itself is not assumed differentiable: no rule for s'(u) with x in u.
``flat``  (inside ``diff``) a declared function s = F at a term u with x in u has derivative 0 when a
    *hypothesis* says u < 0, u is a smooth term (as for ``chain``: the chain rule applies to it, so u is
    differentiable, hence continuous, in x[J]; u = g(x[k]) with g = x + 2 sign(x)^2 - 1, -1 at 0 and x + 1
    elsewhere, is not) and the proof gives, in ``"flat": {s: C}``, a kernel certificate C proving the claim
    ``d/dx F == 0 for x < 0`` (checked by the whole kernel: F is differentiable at every point of (-oo, 0) with
    F' = 0 there, an open set, so near a point where u < 0, u stays < 0 and s(u) is constant: derivative 0).  A hypothesis
    (``"hypotheses": [{"var": v, "from": LO, "to": HI, "term": T}]``) states T(v) < 0 for every integer v in
    [LO, HI]: the claim is for the values where every hypothesis holds.  It applies to u inside a sum over
    k in [lo, hi] when u is T with v replaced by k (on the syntax) and LO <= lo, hi <= HI certainly
    (:func:`least`); no other rule uses a hypothesis, and no counterexample refutes a claim that has one.
``diff`` in a scalar  ``["diff", t, ["sym", b]]`` is the derivative in the real b by the same rules
    (d b/d b = 1).  A family of scalars may have two indices (``"indices": 2``, members ``["gen", x, I, J]``),
    a real number for each pair; it is never the variable of a derivative.
``delta``  ``["delta", I, J]`` (the Kronecker delta of two indices) is 1 when I - J = 0, 0 when I - J is a
    non-zero constant, else a commuting scalar atom (its two indices in canonical order), about which nothing
    else is assumed.
``induction`` of an inequality  the claim is ``|f(L)| REL B(L)`` (REL ``<=`` or ``<``; f the only sequence,
    B free of sequences) and f's step is a product ``m(k) f(k)`` with f(k) one factor and m free of f.  *Base*:
    B(L0) - |f(L0)| is certainly >= 0 (> 0 for ``<``); *step*: B(L + 1) - |m(L)| B(L) is certainly >= 0
    (> 0 for ``<``) for every L >= L0, L a symbol.  Then |f(L + 1)| = |m(L)| |f(L)| <= |m(L)| B(L) (the
    hypothesis times |m(L)| >= 0) REL B(L + 1).  "Certainly" may use *bounds*: ``"bounds": {s: {"upper": U,
    "lower": V}}`` with kernel certificates U proving ``F(x) <= u`` (or ``<``) and V proving ``F(x) >= v`` (or
    ``>``) for every real x (F is s's term; the certificates are checked by the whole kernel), so
    |F(t)| <= c = max(u, -v) at every real t.  In a monomial with a negative coefficient whose other atoms are
    certainly >= 0, an atom |s(t)| is replaced by c: the difference only decreases, so if what results is
    certainly >= 0 (> 0), so was it.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel import poly
from symact.kernel.pieces import Rejected, holds, proved_claim
from symact.kernel.terms import from_json, has_param, parse_rational

KINDS = ("matrix", "vector", "scalar")
#: what the difference of the two sides (larger minus smaller) must be: 0 for ==, certainly >= 0 for a weak
#: relation, > 0 for a strict one (the argument ``need`` of :func:`_holds`)
NEED = {"==": 0, "<=": 1, ">=": 1, "<": 2, ">": 2}
#: the most factors or terms a range of constant length is written out to, and splits of one range
MAX_UNROLL = 64
MAX_PEELS = 8
#: the most monomials of a product, and terms expanded in all
MAX_MONOMIALS = 20000
MAX_WORK = 50000


# -- indices: affine integer forms c + sum a v -------------------------------------------------------------------

def index(c: int = 0, /, **coefs: int) -> tuple:
    """c + sum a v over the variables v given with their coefficients a (c positional only: a variable may be
    named c)."""
    return (c, tuple(sorted((v, a) for v, a in coefs.items() if a)))


def read_index(obj) -> tuple:
    if not (isinstance(obj, list) and len(obj) == 2 and _is_int(obj[0]) and isinstance(obj[1], list) and all(
            isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and _is_int(p[1]) for p in obj[1])):
        raise Rejected(f"malformed index {obj!r}")
    return idx_add(index(obj[0]), (0, obj[1]))  # a variable given twice: its coefficients added


def _is_name(v) -> bool:
    """Whether v is a name the claim may give (a symbol, the size, an index, a bound variable): an identifier
    (never ``^k`` or ``#k``, the names :func:`close` and :meth:`Normalizer.binder` give bound variables) that is
    no word of the kernel's terms (so that a term mentions ``"seq"``, say, only as a head)."""
    return isinstance(v, str) and v.isidentifier() and v not in WORDS


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and abs(v) <= 10**6


def idx_add(i: tuple, j: tuple, scale: int = 1) -> tuple:
    coefs = dict(i[1])
    for v, a in j[1]:
        coefs[v] = coefs.get(v, 0) + scale * a
    return index(i[0] + scale * j[0], **coefs)


def idx_sub(i: tuple, var: str, value: tuple) -> tuple:
    """i with the variable var replaced by the index value: i + a (value - var), a the coefficient of var in i."""
    return idx_add(i, idx_add(value, index(**{var: 1}), -1), dict(i[1]).get(var, 0))


def read_scoped(objs, scope: set, what: str) -> list[tuple]:
    """The indices of ``objs``, whose variables must all be in scope (Rejected naming ``what`` otherwise)."""
    out = [read_index(obj) for obj in objs]
    if not {v for i in out for v, _ in i[1]} <= scope:
        raise Rejected(f"{what} uses a variable not in scope")
    return out


def least(e: tuple, scope: list, size: tuple | None) -> int | None:
    """A lower bound of the index e over every choice of the bound variables in scope (``(var, lo, hi)``,
    outermost first: lo <= var <= hi) and of the size (``(L, L0)``: L >= L0), or None when none is found.
    Each variable, innermost first, is replaced by the end of its range that makes e least."""
    for var, lo, hi in reversed(scope):  # (a variable of coefficient 0: e unchanged)
        e = idx_sub(e, var, lo if dict(e[1]).get(var, 0) > 0 else hi)
    rest = dict(e[1])
    a = rest.pop(size[0], 0) if size is not None else 0
    return None if rest or a < 0 else e[0] + (a * size[1] if a else 0)


def certain(scope: list, size: tuple | None, *pairs: tuple, low: int = 0) -> bool:
    """Whether a - b is certainly >= low for every pair (a, b) of indices in pairs (:func:`least`)."""
    return all((e := least(idx_add(a, b, -1), scope, size)) is not None and e >= low for a, b in pairs)


# -- terms ------------------------------------------------------------------------------------------------------

BINDERS = ("sum", "prod", "rprod")
#: heads whose arguments are terms
COMPOUND = ("add", "mul", "exp", "div", "abs", "diff")
ARITY = {"exp": 1, "div": 2, "abs": 1, "diff": 2}
#: the index of a derivative in a scalar b (not a member of a family): d b/d b = delta(0, 0) = 1
NO_INDEX = (0, ())
#: a declared function at a term, and the derivative of a function declared differentiable at a term
FUNCTION_HEADS = ("fn", "dfn")
WORDS = frozenset({*BINDERS, *COMPOUND, *FUNCTION_HEADS, "inv", "recip", "gen", "seq", "sym", "num", "delta"})


def is_index(obj) -> bool:
    """Whether obj, in a term or a canonical form, is an index (c, ((v, a), ...)): a term or an atom starts with a
    word, a monomial with a tuple, a coefficient is a Fraction."""
    return isinstance(obj, tuple) and len(obj) == 2 and type(obj[0]) is int


def subst(t, var: str, value: tuple):
    """The term t with the index variable var replaced by value in each of its indices (bound variables are
    distinct names)."""
    return _rewrite(t, lambda u: idx_sub(u, var, value) if is_index(u) else None)


def _rewrite(t, leaf):
    """t with leaf(u) in place of each part u (a term, an index, ...; outermost first) where it is not None."""
    new = leaf(t) if isinstance(t, tuple) and t else None
    if new is not None:
        return new
    return tuple(_rewrite(a, leaf) for a in t) if isinstance(t, tuple) else t


def read_term(obj, symbols: dict, sequences, scope: set, seq_index=None, reserved: frozenset = frozenset()):
    """A term from JSON (tuples, indices read), checked against the declared names; ``seq_index`` is the only
    index a sequence may have here (None: no sequence allowed; never inside a sum or product), ``reserved``
    the names a bound variable may not take (so no substitution captures a variable)."""
    def read(a, seq=seq_index, inner=scope):
        return read_term(a, symbols, sequences, inner, seq, reserved)
    if not isinstance(obj, list) or not obj or not isinstance(obj[0], str):
        raise Rejected(f"malformed term {obj!r}")
    head, args = obj[0], obj[1:]
    s = symbols.get(args[0], {}) if args and isinstance(args[0], str) else {}
    if head == "num" and len(args) == 1:  # a malformed number: TermError, Rejected by the kernel's check
        return ("num", parse_rational(args[0]))
    if head == "sym" and len(args) == 1:
        if s.get("family", True) or s["kind"] == "function":
            raise Rejected(f"{args[0]!r} is not a declared symbol")
        return ("sym", args[0])
    if head in FUNCTION_HEADS and len(args) in (2, 3):
        if s.get("kind") != "function" or (head == "dfn" and not s.get("differentiable")):
            raise Rejected(f"{args[0]!r} is not a declared {'differentiable ' if head == 'dfn' else ''}function")
        if (len(args) == 3) != bool(s.get("indexed")):
            raise Rejected(f"{args[0]!r}: a family of functions takes an index, a function none")
        return (head, args[0], read(args[1]), *read_scoped(args[2:], scope, f"the index of {args[0]}"))
    if head == "gen" and len(args) in (2, 3):  # a member of a family (of scalars only with two indices)
        if not s.get("family") or s.get("arity", 1) != len(args) - 1:
            raise Rejected(f"{args[0]!r} is not a declared family with {('one index', 'two indices')[len(args) - 2]}")
        return ("gen", args[0], *read_scoped(args[1:], scope, f"an index of {args[0]}"))
    if head == "seq" and len(args) == 2:
        i, = read_scoped(args[1:], scope, f"the index of {args[0]}")
        if args[0] not in sequences or seq_index is None or i != seq_index:
            raise Rejected(f"sequence {args[0]!r} at an index where the claim cannot use it")
        return (head, args[0], i)
    if head == "delta" and len(args) == 2:
        return ("delta", *read_scoped(args, scope, "an index of delta"))
    if head == "diff" and len(args) == 2:
        var = read(args[1], None)
        if var[0] not in ("gen", "sym") or len(var) > 3 or symbols[var[1]]["kind"] != "scalar":  # one index
            raise Rejected("a derivative is in a member x[J] of a family of scalars (one index) or in a scalar")
        return ("diff", read(args[0], None), var)
    if head in COMPOUND and args and len(args) == ARITY.get(head, len(args)):
        return (head, *(read(a) for a in args))
    if head in BINDERS and len(args) == 4:
        var = args[0]
        if not _is_name(var) or var in scope or var in reserved:
            raise Rejected(f"a bound variable must be a fresh name, not {var!r}")
        lo, hi = read_scoped(args[1:3], scope, "a range's end")
        return (head, var, lo, hi, read(args[3], None, scope | {var}))
    raise Rejected(f"malformed term {obj!r}")


# -- canonical forms: {(scalars, word): coefficient} -------------------------------------------------------------

ONE = ((), ())


def p_mul(p: dict, q: dict) -> dict:
    if len(p) * len(q) > MAX_MONOMIALS:
        raise Rejected("the expansion is too large")
    return poly.mul(p, q, lambda m, n: (merge(m[0] + n[0]), m[1] + n[1]))


def merge(scalars: tuple) -> tuple:
    """A multiset of scalar atoms in canonical order: exp(u)^p exp(u)^q = exp(u)^(p+q) (``("exp", u, q)`` is
    exp(q u)), and an atom times its inverse is 1."""
    exps: dict = {}
    rest: list = []
    for a in scalars:
        if a[0] == "exp":
            exps[a[1]] = exps.get(a[1], 0) + a[2]
        elif (partner := a[1] if a[0] == "inv" else ("inv", a)) in rest:
            rest.remove(partner)
        else:
            rest.append(a)
    rest += [("exp", u, q) for u, q in exps.items() if q]
    return tuple(sorted(rest, key=repr))


def atom(a, commutes: bool) -> dict:
    return {((a,), ()) if commutes else ((), (a,)): Fraction(1)}


def without(scalars: tuple, drop) -> tuple:
    """The multiset scalars less the atoms drop (each once)."""
    rest = list(scalars)
    for a in drop:
        rest.remove(a)
    return tuple(rest)


def inverse(p: dict) -> dict:
    """1/p for a positive scalar p: a monomial's atoms inverted one by one (exp(u)^-q, 1/(1/u) = u); a sum of
    monomials has its common atoms and its first coefficient taken out (1/(c m q) = (1/(c m)) (1/q)) and the
    rest q is an atom ``("recip", q)``."""
    items = sorted(p.items(), key=repr)
    common = list(items[0][0][0])
    for (scalars, _), _ in items[1:]:
        rest = list(scalars)
        common = [a for a in common if a in rest and not rest.remove(a)]
    lead = items[0][1]
    inv = tuple(("exp", a[1], -a[2]) if a[0] == "exp" else a[1] if a[0] == "inv" else ("inv", a) for a in common)
    out = {(merge(inv), ()): 1 / lead}
    q = tuple(sorted((((without(scalars, common), word), c / lead) for (scalars, word), c in items), key=repr))
    return p_mul(out, atom(("recip", q), True)) if len(q) > 1 else out


def clear(p: dict) -> dict:
    """p times each positive q whose inverse atom 1/q occurs in p (outside sums), with q (1/q) = 1: zero
    exactly when p is, and of the same sign (q > 0)."""
    for _ in range(MAX_PEELS):
        inv = next((a for (scalars, _), _ in p.items() for a in scalars if a[0] in ("inv", "recip")), None)
        if inv is None:
            return p
        q = atom(inv[1], True) if inv[0] == "inv" else dict(inv[1])  # inv = 1/q, q > 0
        out: dict = {}
        for (scalars, word), c in p.items():  # (1/q) q = 1
            out = poly.add(out, {(without(scalars, [inv]), word): c} if inv in scalars else p_mul({(scalars, word): c}, q))
        p = out
    raise Rejected("too many denominators")


def close(core: tuple, var: str) -> tuple:
    """(name, core) of a sum or product atom: its core (its terms or factors, monomials) with the bound variable var
    renamed ``^h``, h one more than the highest such name in the core (0 if none).  The name depends on the core
    alone, so equal sums at any depth are equal atoms, and it differs from every name an inner atom binds, so no
    inner atom captures it; the atom keeps its name, so it is opened (:func:`subst`) by that name."""
    name = f"^{max((int(v[1:]) + 1 for v in strings(core) if v.startswith('^')), default=0)}"
    return name, subst(core, var, index(**{name: 1}))


def strings(obj) -> set:
    """Every string in obj, a nested tuple (a term or an atom): its heads, names and index variables."""
    if isinstance(obj, tuple):
        return set().union(*map(strings, obj))
    return {obj} if isinstance(obj, str) else set()


class Normalizer:
    """Canonical forms of terms, with the size (``(L, L0)``) or None, and the symbols' kinds."""

    def __init__(self, symbols: dict, size: tuple | None, peel: bool = True, hypotheses: tuple = (),
                 flat: frozenset = frozenset()):
        # peel: split off the last term of ranges certainly non-empty (identities; not inequalities); the rule flat:
        # hypotheses u < 0 and functions flat below 0
        self.symbols, self.size, self.work, self.peel = symbols, size, 0, peel
        self.hypotheses, self.flat = hypotheses, flat

    def norm(self, t, scope: list) -> dict:
        self.work += 1
        if self.work > MAX_WORK:
            raise Rejected("the expansion is too large")
        head = t[0]
        if head == "num":
            return {ONE: t[1]} if t[1] else {}
        if head in ("sym", "gen", "seq"):  # real numbers commute with everything, matrices with nothing
            return atom(t, head != "seq" and self.symbols[t[1]]["kind"] == "scalar")
        if head in ("add", "mul"):
            return combine("sum" if head == "add" else "prod", [self.norm(a, scope) for a in t[1:]])
        if head == "exp":  # exp(c m + ...) = exp(m)^c ...: ("exp", m, c)
            return combine("prod", [atom(("exp", m, c), True) for (m, _), c in self.real(t[1], scope).items()])
        if head == "div":
            den = self.norm(t[2], scope)
            if not (all(c > 0 for c in den.values()) and self.sign_of(den, scope) == 2):  # certainly > 0
                raise Rejected("a denominator that is not certainly positive")
            return p_mul(self.norm(t[1], scope), inverse(den))
        if head in FUNCTION_HEADS:
            return atom((head, t[1], tuple(sorted(self.real(t[2], scope).items(), key=repr)), *t[3:]), True)
        if head == "abs":
            return self.absolute(self.real(t[1], scope), scope)
        if head == "delta":
            gap = idx_add(t[1], t[2], -1)
            if not gap[1]:
                return {} if gap[0] else {ONE: Fraction(1)}
            return atom(("delta", *sorted(t[1:], key=repr)), True)
        if head == "diff":
            self.real(t[1], scope)  # t is defined (positive denominators) and real
            j = t[2][2] if t[2][0] == "gen" else NO_INDEX  # d t/d x[j] = sum A delta(I, j) over the partials
            parts = [a if i == j else ("mul", a, ("delta", i, j)) for a, i in partials(self, t[1], t[2][1], j, scope)]
            return self.real(("add", *parts) if parts else ("num", Fraction(0)), scope)
        return self.binder(t, scope, 0)

    def negative(self, u, scope: list) -> bool:
        """Whether a hypothesis says u < 0: u is its term T with its variable v replaced by a variable k in scope
        (a sum's), and k's range lies in v's range certainly (the rule flat)."""
        return any(subst(term, v, index(**{k: 1})) == u and certain(scope, self.size, (klo, lo), (hi, khi))
                   for v, lo, hi, term in self.hypotheses for k, klo, khi in scope)

    def real(self, t, scope: list) -> dict:
        """The canonical form of a term that must be a real number (no word of matrices)."""
        p = self.norm(t, scope)
        if any(w for (_, w) in p):
            raise Rejected("|t| or a function of a matrix (or of a sequence)")
        return p

    def absolute(self, p: dict, scope: list) -> dict:
        """|p| (the rule ``abs``): of one monomial, |c| times each atom's absolute value (an atom certainly >= 0
        is its own); of several, an atom."""
        if len(p) != 1:
            return atom(("abs", tuple(sorted(p.items(), key=repr))), True) if p else {}
        ((scalars, _), c), = p.items()
        return {(merge(tuple(a if self.sign(a, scope) >= 1 else ("abs", a) for a in scalars)), ()): abs(c)}

    def bounded(self, p: dict, bounds: dict, scope: list) -> dict:
        """p with each atom |s(t)| (s in ``bounds``: |s(t)| <= bounds[s] at every real t) of a monomial with a
        negative coefficient, whose other atoms are certainly >= 0, replaced by its bound: a polynomial <= p at
        every point (the ``induction`` of an inequality)."""
        out: dict = {}
        for (scalars, word), c in p.items():
            hit = [a for a in scalars if a[0] == "abs" and a[1][0] == "fn" and a[1][1] in bounds]
            rest = without(scalars, hit)
            if c < 0 and hit and not word and all(self.sign(a, scope) >= 1 for a in rest):
                for a in hit:
                    c *= bounds[a[1][1]]
                scalars = merge(rest)
            out = poly.add(out, {(scalars, word): c})
        return out

    def sign_of(self, p: dict, scope: list) -> int:
        """2 when the scalar p is certainly > 0, 1 when certainly >= 0, else 0: monomials with positive
        coefficients and atoms of known sign (:meth:`sign`); a monomial -c t(e) is first paired with c' S,
        c' >= c, S = sum_{k=LO}^{HI} t(k) with LO <= e <= HI certainly (e a variable in scope): c' S - c t(e) =
        (c' - c) S + c (S - t(e)), and S - t(e), the other terms, is >= 0 when every term is (> 0 when every term is
        and HI - LO >= 1 certainly)."""
        rest, signs = dict(p), []
        for mono, c in p.items():
            if c < 0 and not mono[1]:
                paired = self.other_terms(mono, -c, rest, scope)
                if paired is None:
                    return 0
                rest = poly.add(rest, {mono: -c, paired[0]: c})  # c' S - c t(e) = (c' - c) S + c (S - t(e))
                signs.append(paired[1])
        if any(c <= 0 or word for (_, word), c in rest.items()):
            return 0
        signs += [min((self.sign(a, scope) for a in scalars), default=2) for scalars, _ in rest]
        return 1 if not signs else 0 if min(signs) == 0 else max(signs)  # no term: p = 0

    def other_terms(self, mono: tuple, c: Fraction, rest: dict, scope: list) -> tuple | None:
        """(S, the sign of its other terms) for a monomial S = c' sum_{k=LO}^{HI} t(k) of rest, c' >= c, with mono
        its term t(e) at a variable e in scope, LO <= e <= HI certainly; None if there is none."""
        for (scalars, word), c2 in rest.items():
            if word or len(scalars) != 1 or scalars[0][0] != "sum" or c2 < c:
                continue
            (lo, hi), name, core = scalars[0][1:]
            ((dep, w), _), = core
            for var, _, _ in scope:
                e = index(**{var: 1})
                if not w and merge(subst(dep, name, e)) == mono[0] and certain(scope, self.size, (e, lo), (hi, e)):
                    several = certain(scope, self.size, (hi, lo), low=1)
                    return (scalars, word), min(self.sign_of(dict(core), scope), 2 if several else 1)
        return None

    def sign(self, a, scope: list) -> int:
        """2 when the scalar atom a is certainly > 0, 1 when certainly >= 0, else 0: exp and the inverses ``inv`` of
        an atom and ``recip`` of a sum (formed of a positive term only) are > 0, |t| >= 0; a sum or product over a
        range of terms (its core, :meth:`sign_of`) >= 0 is >= 0, of terms > 0 is > 0 (a sum when its range is
        certainly non-empty; the empty product is 1).  The core's bound variable is in no scope: nothing is
        certain of it."""
        if a[0] in ("exp", "inv", "recip"):
            return 2
        if a[0] not in ("sum", "prod"):
            return int(a[0] == "abs")
        empty = a[0] == "sum" and not certain(scope, self.size, a[1][::-1])
        return min(self.sign_of(dict(a[3]), scope), 1 if empty else 2)

    def binder(self, t, scope: list, peels: int) -> dict:
        head, var, lo, hi, body = t
        length = idx_add(idx_add(hi, lo, -1), index(1))
        if not length[1]:  # constant length: empty, or written out
            if length[0] > MAX_UNROLL:
                raise Rejected(f"a range of {length[0]} terms is too long to write out")
            parts = [self.norm(subst(body, var, idx_add(lo, index(i))), scope) for i in range(max(length[0], 0))]
            return combine(head, parts)
        # certainly non-empty (length - 1 >= 0): split off the last
        if self.peel and peels < MAX_PEELS and certain(scope, self.size, (length, index(1))):
            rest = self.binder((head, var, lo, idx_add(hi, index(-1)), body), scope, peels + 1)
            last = self.norm(subst(body, var, hi), scope)
            return combine(head, [rest, last])
        depth = f"#{len(scope)}"
        inner = self.norm(subst(body, var, index(**{depth: 1})), [*scope, (depth, lo, hi)])
        if head == "sum":
            return sum_atom((lo, hi), inner, depth)
        commuting = all(not w for (_, w) in inner)  # a product of reals is one atom whatever the order
        return atom(("prod" if commuting else head, (lo, hi), *close(tuple(sorted(inner.items(), key=repr)), depth)),
                    commuting)


def combine(head: str, parts: list) -> dict:
    out = {} if head == "sum" else {ONE: Fraction(1)}
    for p in reversed(parts) if head == "rprod" else parts:
        out = poly.add(out, p) if head == "sum" else p_mul(out, p)
    return out


def sum_atom(key: tuple, inner: dict, var: str) -> dict:
    """sum over var of a combination of monomials: the factors free of var taken out (linearity)."""
    out: dict = {}
    for (scalars, word), c in inner.items():
        dep = tuple(a for a in scalars if var in strings(a))
        free = without(scalars, dep)
        # the word's atoms from the first to the last that mention var
        left = next((i for i, a in enumerate(word) if var in strings(a)), len(word))
        right = len(word) - next((i for i, a in enumerate(word[::-1]) if var in strings(a)), len(word) - left)
        if not dep and left == right:  # nothing depends on var: the monomial stays inside
            free, dep, left, right = (), scalars, 0, len(word)
        summed = atom(("sum", key, *close((((dep, word[left:right]), Fraction(1)),), var)), not word[left:right])
        out = poly.add(out, p_mul(p_mul({(free, word[:left]): c}, summed), {((), word[right:]): Fraction(1)}))
    return out


# -- derivatives in a member of a family of scalars (rule diff) --------------------------------------------------

def partials(n: "Normalizer", t, x: str, j: tuple, scope: list) -> list:
    """The chain rule over the occurrences of x in t: pairs (A, I) with d t/d x[j] = sum A delta(I, j); a sum over
    k of a term A(k) delta(a k + R, j) (a = +-1) becomes A(a (j - R)) with I = j where LO <= a (j - R) <= HI
    certainly; a function s at u by the rules ``chain`` (s declared differentiable) and ``flat`` (the normalizer
    n's flat functions and hypotheses)."""
    def d(u, scope=scope):
        return partials(n, u, x, j, scope)
    head = t[0]
    if head in ("num", "delta"):
        return []
    if head in ("sym", "gen"):  # d x[I]/d x[j] = delta(I, j), d b/d b = 1 (I = j = NO_INDEX)
        return [(("num", Fraction(1)), t[2] if head == "gen" else j)] if t[1] == x and len(t) <= 3 else []
    if head in FUNCTION_HEADS:
        if x not in strings(t[2]):  # constant in every member of x
            return []
        if head == "fn" and n.symbols[t[1]].get("differentiable"):  # d s(u) = s'(u) du, s differentiable everywhere
            return [(("mul", ("dfn", *t[1:]), a), i) for a, i in d(t[2])]
        if head == "fn" and t[1] in n.flat and n.negative(t[2], scope):
            d(t[2])  # u differentiable (so continuous) in x[j], else Rejected
            return []  # s' = 0 on (-oo, 0), which holds u near x[j], so s(u) is constant there
        raise Rejected(f"no chain rule for {t[1]}{chr(39) if head == 'dfn' else ''} at a term with {x}: it is not "
                        f"declared differentiable (nor flat where a hypothesis puts the term)")
    if head == "add":
        return [p for a in t[1:] for p in d(a)]
    if head == "mul":
        return [(("mul", *t[1:k], a, *t[k + 1:]), i) for k in range(1, len(t)) for a, i in d(t[k])]
    if head == "exp":
        return [(("mul", t, a), i) for a, i in d(t[1])]
    if head == "div":
        num, den = t[1], t[2]
        return ([(("div", a, den), i) for a, i in d(num)]
                + [(("mul", ("num", Fraction(-1)), ("div", ("div", ("mul", num, a), den), den)), i) for a, i in d(den)])
    if head == "sum":
        var, lo, hi, body = t[1:]
        out = []
        for a, i in d(body, [*scope, (var, lo, hi)]):
            c = dict(i[1]).get(var, 0)  # i = c var + R: delta(i, j) is 1 at var = c (j - R) only, for c = +-1
            at = idx_add(index(0), idx_add(j, idx_sub(i, var, index(0)), -1), c)
            if c and (abs(c) != 1 or not certain(scope, n.size, (at, lo), (hi, at))):
                raise Rejected(f"no rule sifts delta({i}, {j}) in the sum over {var}: {var} (of coefficient +-1) = "
                               f"{at} is not certainly in its range")
            out.append((subst(a, var, at), j) if c else (("sum", var, lo, hi, a), i))
        return out
    raise Rejected(f"no derivative rule for {head}")


# -- the claim and the rules -------------------------------------------------------------------------------------

def read_sized(c: dict) -> dict:
    """The sized claim, checked and read (terms as tuples); Rejected if malformed (JSON of the wrong type, c not
    an object or a function's term, may instead raise TypeError, AttributeError or TermError, which the kernel's
    :func:`~symact.kernel.check.check` rejects)."""
    size, start = c.get("size"), c.get("from", 1)
    if size is not None and not (_is_name(size) and _is_int(start) and start >= 0):
        raise Rejected("the size is a name and its least value a natural number")
    lists = [c.get(key, []) for key in ("symbols", "functions", "sequences", "indices", "hypotheses")]
    if not all(isinstance(v, list) for v in lists) or (size is None and any(lists[1:])):
        raise Rejected("functions, sequences, indices and hypotheses are lists, over a size only")
    symbols: dict = {}
    for s in lists[0]:
        if not (isinstance(s, dict) and _is_name(s.get("name")) and s.get("kind") in KINDS):
            raise Rejected(f"malformed symbol {s!r}")
        shp = s.get("shape")
        if (shp is not None) != (size is None and s["kind"] != "scalar") or (size is None and s.get("family")):
            raise Rejected("a fixed statement gives every matrix its shape and has no families; a statement over a "
                            "size gives no shapes")
        if shp is not None and not (isinstance(shp, list) and len(shp) == 2 and all(_is_int(n) and n > 0 for n in shp)
                                    and (s["kind"] != "vector" or shp[1] == 1)):
            raise Rejected(f"malformed shape {shp!r} of a {s['kind']}")
        if s.get("indices", 1) != 1 and (s.get("indices") != 2 or s["kind"] != "scalar" or not s.get("family")):
            raise Rejected(f"malformed symbol {s!r}: only a family of scalars has two indices")
        symbols[s["name"]] = {"kind": s["kind"], "family": bool(s.get("family")), "shape": tuple(shp) if shp else None,
                              "arity": s.get("indices", 1)}
    for f in lists[1]:
        if not (isinstance(f, dict) and _is_name(f.get("name"))):
            raise Rejected(f"malformed function {f!r}")
        term = None
        if not (f.get("differentiable") is True and "term" not in f):  # else any function differentiable everywhere
            term = from_json(f.get("term"))
            if has_param(term):
                raise Rejected(f"the function {f['name']} has a quantified parameter")
        symbols[f["name"]] = {"kind": "function", "family": False, "shape": None, "term": term,
                              "differentiable": term is None, "indexed": term is None and f.get("indexed") is True}
    names = [s.get("name") if isinstance(s, dict) else None for s in lists[2]]
    if not all(map(_is_name, names)) or len({size, *symbols, *names}) != 1 + len(lists[0]) + len(lists[1]) + len(names):
        raise Rejected("sequences, symbols and the size need distinct names (identifiers)")
    scope, ranges = ({size} if size is not None else set()), []
    for item in lists[3]:
        if not (isinstance(item, list) and len(item) == 3 and _is_name(item[0])) or item[0] in scope:
            raise Rejected(f"malformed index range {item!r}: an index needs a fresh name")
        lo, hi = read_scoped(item[1:], scope, f"the range of {item[0]} (in the size and earlier indices)")
        ranges.append((item[0], lo, hi))
        scope = scope | {item[0]}
    reserved, sequences, hypotheses = frozenset({*symbols, *names, *scope}), {}, []
    for s in lists[2]:
        var = s.get("var")
        if not _is_name(var) or var in {*symbols, *names, size}:
            raise Rejected("a sequence's step variable needs a fresh name")
        sequences[s["name"]] = (read_term(s.get("base"), symbols, names, set(), None, reserved),
                                (var, read_term(s.get("step"), symbols, names, {var}, index(**{var: 1}), reserved)))
    for h in lists[4]:  # (v, LO, HI, T): T(v) < 0 for every integer LO <= v <= HI (rule flat)
        v = h.get("var") if isinstance(h, dict) else None
        if not _is_name(v) or v in reserved or set(h) != {"var", "from", "to", "term"}:
            raise Rejected(f"malformed hypothesis {h!r}: a fresh variable, its range and a term")
        lo, hi = read_scoped([h["from"], h["to"]], scope, "a hypothesis's range")
        hypotheses.append((v, lo, hi, read_term(h["term"], symbols, names, scope | {v}, None, reserved | {v})))
    at_size = index(**{size: 1}) if size is not None else None
    lhs, rhs = (read_term(c.get(side), symbols, names, scope, at_size, reserved) for side in ("lhs", "rhs"))
    rel = c.get("rel", "==")
    if rel not in NEED or (rel != "==" and (size is None or (sequences and lhs[0] != "abs"))):
        raise Rejected(f"the relation {rel!r}: == for every statement; <, <=, >, >= over a size (about a sequence "
                        f"f: |f(L)| <= or < a term)")
    return {"size": size, "from": start, "symbols": symbols, "sequences": sequences, "lhs": lhs, "rhs": rhs,
            "indices": ranges, "rel": rel, "hypotheses": tuple(hypotheses)}


def check_sized(claim: dict, verdict, proof, check_instance) -> list[str]:
    """The steps checked, or Rejected: the proof (``nc-identity``, ``positive`` or ``induction``) proves the
    claim, or the ``counterexample`` refutes it.  ``check_instance`` is the whole kernel's check of a
    certificate (for the bounds of an inequality's induction and the flat functions)."""
    c = read_sized(claim.get("sizes"))
    rule = proof.get("rule") if isinstance(proof, dict) else None
    if verdict == "refuted" and rule == "counterexample":
        return counterexample(c, proof)
    if verdict != "proved" or rule not in ("nc-identity", "positive", "induction"):
        raise Rejected("a sized claim is proved by an nc-identity, positive or induction node")
    L, L0, symbols, lhs, rhs, rel = (c[k] for k in ("size", "from", "symbols", "lhs", "rhs", "rel"))
    if rule == "induction":
        if L is None or proof.get("on") != L or proof.get("from") != L0 or c["indices"]:
            raise Rejected("induction is on the size from its least value, with no further indices")
        return _induction(c, proof, check_instance)
    if (rule == "positive") == (rel == "==") or c["sequences"]:
        raise Rejected("without sequences an identity is proved by the rule nc-identity, an inequality by positive; "
                        "a statement about a sequence by induction on the size")
    if L is None and not same_shape(c):
        raise Rejected("the two sides have different shapes")
    flat = _flat(symbols, proof.get("flat", {}), check_instance)
    n = Normalizer(symbols, None if L is None else (L, L0), peel=rule != "positive", hypotheses=c["hypotheses"],
                   flat=flat)
    larger, smaller = (rhs, lhs) if rel in ("<", "<=") else (lhs, rhs)
    _holds(n, larger, smaller, c["indices"], NEED[rel], "the two sides" if rel == "==" else "the difference")
    heads = strings((lhs, rhs))
    used = [r for r, head in (("diff", "diff"), ("chain", "dfn")) if head in heads] + ["flat"] * bool(flat)
    over = f"For every {L} >= {L0}{''.join(f', {i} in its range' for i, _, _ in c['indices'])}: " if L else ""
    if rule == "positive":
        return [over + f"the difference of the two sides, times its positive denominators, is certainly "
                       f"{'>' if NEED[rel] == 2 else '>='} 0 (rules positive, abs{''.join(', ' + r for r in used)})."]
    return [over + "both sides are defined and expand to the same sum of ordered products (matrices do not "
                   f"commute){' (rules ' + ', '.join(used) + ')' if used else ''}."]


def _holds(n: Normalizer, a, b, scope: list, need: int, what: str, bounds: dict | None = None) -> None:
    """Rejected (naming ``what``) unless d = a - b, times its positive denominators, expands to 0 (``need`` 0) or
    is certainly >= 0 (``need`` 1) or > 0 (2), with the atoms |s(t)| of ``bounds`` replaced by their bounds where
    that only decreases d (:meth:`Normalizer.bounded`)."""
    d = clear(poly.add(n.norm(a, scope), n.norm(b, scope), Fraction(-1)))  # zero exactly when a - b is, of its sign
    if not need and d:
        raise Rejected(f"{what}: the two sides do not expand to the same sum of ordered products")
    if need and n.sign_of(n.bounded(d, bounds or {}, scope), scope) < need:
        raise Rejected(f"{what} is not certainly {'>' if need == 2 else '>='} 0")


def _induction(c: dict, proof: dict, check_instance) -> list[str]:
    """``f(L) == T(L)`` or ``|f(L)| REL B(L)`` by induction on L from L0 (the rules ``induction`` and ``induction``
    of an inequality in the module docstring): the base case is the claim at L0 with each sequence at its base."""
    L, L0, rel, seqs, lhs, rhs = c["size"], c["from"], c["rel"], c["sequences"], c["lhs"], c["rhs"]
    if rel == "==":
        if lhs[0] != "seq":
            raise Rejected("an identity proved by induction has a sequence at the size on the left")
        # the step L -> L + 1: each sequence at L + 1 by its recursion at k = L, then the hypothesis (lhs at L is rhs)
        step = [_rewrite(_unfold(subst(t, L, index(1, **{L: 1})), seqs, L), lambda u: rhs if u == lhs else None)
                for t in (lhs, rhs)]
        bounds = {}
    else:
        if rel not in ("<=", "<") or len(seqs) != 1:
            raise Rejected("an inequality proved by induction is |f(L)| <= B(L) or |f(L)| < B(L), with one sequence f")
        (name, (_, (var, f_step))), = seqs.items()
        if lhs != ("abs", ("seq", name, index(**{L: 1}))) or "seq" in strings(rhs):
            raise Rejected("an inequality proved by induction has |f(L)| on the left and no sequence on the right")
        factors = f_step[1:] if f_step[0] == "mul" else ()
        others = tuple(f for f in factors if f != ("seq", name, index(**{var: 1})))
        if len(others) != len(factors) - 1 or "seq" in strings(others):
            raise Rejected(f"the step of {name} is a product m(k) {name}(k) with {name}(k) one factor")
        m = subst(("mul", *others), var, index(**{L: 1}))  # B(L + 1) - |m(L)| B(L)
        step = [subst(rhs, L, index(1, **{L: 1})), ("mul", ("abs", m), rhs)]
        bounds = _bounds(c["symbols"], proof.get("bounds", {}), check_instance)
    base = [_unfold(subst(t, L, index(L0)), seqs) for t in (rhs, lhs)]  # B(L0) - |f(L0)| for an inequality
    _holds(Normalizer(c["symbols"], None), *base, [], NEED[rel], f"the base case {L} = {L0}", bounds)
    _holds(Normalizer(c["symbols"], (L, L0)), *step, [], NEED[rel], f"the step {L} -> {L} + 1", bounds)
    if rel == "==":
        return [f"Base case {L} = {L0}: both sides expand to the same sum of ordered products.",
                f"Step {L} -> {L} + 1 for every {L} >= {L0}: with each sequence at {L} + 1 replaced by its recursion "
                f"and the hypothesis at {L}, both sides expand to the same sum of ordered products.",
                f"By induction the identity holds for every {L} >= {L0}."]
    want = "> 0" if rel == "<" else ">= 0"
    used = "".join(f"; |{s}(t)| <= {q} for every real t (kernel-checked bounds of {s})" for s, q in bounds.items())
    return [f"Base case {L} = {L0}: B({L0}) - |{name}({L0})| is certainly {want}{used}.",
            f"Step {L} -> {L} + 1 for every {L} >= {L0}: {name}({L} + 1) = m({L}) {name}({L}), and "
            f"B({L} + 1) - |m({L})| B({L}) is certainly {want}, so |{name}({L} + 1)| = "
            f"|m({L})| |{name}({L})| <= |m({L})| B({L}) {rel} B({L} + 1).",
            f"By induction |{name}({L})| {rel} B({L}) for every {L} >= {L0}."]


def _flat(symbols: dict, given, check_instance) -> frozenset:
    """The declared functions s = F with a kernel certificate of ``d/dx F == 0 for x < 0`` (rule flat; a function
    declared differentiable has no formula F, so no certificate is about it)."""
    for name, s, cert in _certified(symbols, given, check_instance, "flat certificates"):
        want = (("deriv", s["term"]), ("num", Fraction(0)), [(None, Fraction(0), False, False)])
        proved_claim(cert, check_instance, ("==",), lambda *got: got == want, f"d/dx {name}(x) == 0 for x < 0")
    return frozenset(given)


def _bounds(symbols: dict, given, check_instance) -> dict:
    """{function: c} with |F(t)| <= c at every real t, from kernel certificates of F(x) <= u and F(x) >= v for
    every real x (c = max(u, -v))."""
    out = {}
    for name, s, pair in _certified(symbols, given, check_instance, "bounds"):
        def end(role: str, rels: tuple) -> Fraction:
            cert = pair.get(role) if isinstance(pair, dict) else None
            return proved_claim(cert, check_instance, rels, lambda lhs, rhs, pieces: (
                lhs == s["term"] and rhs[0] == "num" and pieces == [(None, None, False, False)]),
                f"the {role} bound {name}(x) {rels[0]} c (a rational) for every real x")[1][1]
        out[name] = max(end("upper", ("<=", "<")), -end("lower", (">=", ">")))
    return out


def _certified(symbols: dict, given, check_instance, what: str) -> list:
    """(name, declaration, certificates) of each entry of ``given``, a dict from declared functions to their
    certificates (checked by ``check_instance``, the whole kernel)."""
    if not isinstance(given, dict) or any(symbols.get(name, {}).get("kind") != "function" for name in given):
        raise Rejected(f"malformed {what}: certificates by the name of a declared function")
    return [(name, symbols[name], cert) for name, cert in given.items()]


def _unfold(t, seqs: dict, size: str | None = None):
    """t with each sequence replaced by its base (``size`` None: t is the claim at the least size) or by its step at
    k = size (t is the claim at size + 1): the claim mentions sequences at the size only (:func:`read_term`)."""
    def leaf(u):
        if u[0] == "seq":
            base, (var, step) = seqs[u[1]]
            return base if size is None else subst(step, var, index(**{size: 1}))
    return _rewrite(t, leaf)


# -- counterexample: exact evaluation ----------------------------------------------------------------------------

MAX_SIZE = 50


def counterexample(c: dict, node: dict) -> list[str]:
    if c["hypotheses"]:
        raise Rejected("a statement with hypotheses is not refuted by a counterexample here")
    L, n, values, given = node.get("at"), node.get("n", 2), node.get("values"), node.get("indices") or {}
    if (L is not None) != (c["size"] is not None) or L is not None and not (_is_int(L) and c["from"] <= L <= MAX_SIZE):
        raise Rejected(f"the size must be an integer from {c['from']} to {MAX_SIZE} (a fixed statement has none)")
    if not (_is_int(n) and 1 <= n <= 8) or not isinstance(values, dict) or not isinstance(given, dict):
        raise Rejected("a counterexample gives n (1 to 8) and the values")
    env = {} if L is None else {c["size"]: L}
    for name, lo, hi in c["indices"]:
        env[name] = given.get(name)
        if not (_is_int(env[name]) and _at(lo, env) <= env[name] <= _at(hi, env)):
            raise Rejected(f"the counterexample gives {name} a value in its range")
    ev = _Evaluator(c, n, values)
    d = _apply("add", ev.value(c["lhs"], env), _apply("mul", Fraction(-1), ev.value(c["rhs"], env)))  # a number is q I
    if c["rel"] != "==" and not isinstance(d, Fraction):
        raise Rejected("an inequality compares numbers")
    if holds(d, c["rel"]) if isinstance(d, Fraction) else not any(any(row) for row in d):
        raise Rejected("the relation holds at the counterexample")
    at = f" at {c['size']} = {L}" if L is not None else ""
    return [f"With the given exact values ({n} x {n} matrices unless a shape is declared){at} both sides are "
            f"defined and {'differ' if c['rel'] == '==' else 'the relation ' + c['rel'] + ' fails'}."]


def same_shape(c: dict) -> bool:
    """Whether the two sides of a fixed statement have one shape; Rejected where a side is not defined for
    matrices of the declared shapes (a product that does not conform, a sum of different shapes, a number, a
    multiple of I, in a sum with a matrix that is not square; exp, |t| and division of a matrix)."""
    ev = _Evaluator(c, 1, None)
    a, b = (ev.value(c[side], {}) for side in ("lhs", "rhs"))
    return isinstance(a, Fraction) == isinstance(b, Fraction) and (
        isinstance(a, Fraction) or (len(a), len(a[0])) == (len(b), len(b[0])))


class _Evaluator:
    """Exact values of terms: a Fraction (a number, c I in a sum) or a matrix (a list of rows of Fractions).  With
    no values (:func:`same_shape`), the zero matrices of the declared shapes, and exp(t) and a/b (t, b numbers)
    have the shapes of a number and of a: only whether a term is defined, and its shape, are of use."""

    def __init__(self, c: dict, n: int, values: dict | None):
        self.c, self.n, self.values, self.memo = c, n, values, {}

    def given(self, name: str, i: str):
        s = self.c["symbols"][name]
        rows, cols = s["shape"] or (self.n, self.n if s["kind"] == "matrix" else 1)
        if self.values is None:  # the shape alone
            return Fraction(0) if s["kind"] == "scalar" else [[Fraction(0)] * cols for _ in range(rows)]
        raw = self.values.get(name)
        if i:
            raw = raw.get(i) if isinstance(raw, dict) else None
        if raw is None:
            raise Rejected(f"no value for {name}" + (f"[{i}]" if i else ""))
        if s["kind"] == "scalar":
            return parse_rational(raw)
        m = [[parse_rational(e) for e in row] for row in raw]
        if len(m) != rows or any(len(row) != cols for row in m):
            raise Rejected(f"the value of {name} is not {rows} x {cols}")
        return m

    def value(self, t, env: dict):
        head = t[0]
        if head == "num":
            return t[1]
        if head in ("sym", "gen"):
            return self.given(t[1], ",".join(str(_at(i, env)) for i in t[2:]))
        if head == "seq":
            return self.sequence(t[1], _at(t[2], env))
        if head == "delta":
            return Fraction(int(_at(t[1], env) == _at(t[2], env)))
        if head in ("abs", "exp", "div"):  # of a number; a quotient of anything by a number
            v = self.value(t[-1], env)
            if not isinstance(v, Fraction):
                raise Rejected("exp, |t| or a division of a matrix")
            if head == "abs":
                return abs(v)
            if self.values is not None:
                raise Rejected("a counterexample is evaluated exactly: no exp or division")
            return self.value(t[1], env) if head == "div" else v
        if head in ("add", "mul"):
            return _fold(head, [self.value(a, env) for a in t[1:]])
        if head not in BINDERS:
            raise Rejected("a counterexample is evaluated exactly: no function or derivative")
        var, lo, hi = t[1], _at(t[2], env), _at(t[3], env)
        if hi - lo + 1 > MAX_UNROLL:
            raise Rejected("a range too long to evaluate")
        parts = [self.value(t[4], {**env, var: k}) for k in range(lo, hi + 1)]
        return _fold("add" if head == "sum" else "mul", parts[::-1] if head == "rprod" else parts)

    def sequence(self, name: str, i: int):
        """f(i) by the recursion (the claim mentions f at the size L0 <= L <= MAX_SIZE only, a step f(k) at k =
        i - 1 >= L0 only)."""
        if (name, i) not in self.memo:
            base, (var, step) = self.c["sequences"][name]
            self.memo[name, i] = self.value(base, {}) if i == self.c["from"] else self.value(step, {var: i - 1})
        return self.memo[name, i]


def _at(i: tuple, env: dict) -> int:
    return i[0] + sum(a * env[v] for v, a in i[1])


def _fold(head: str, parts: list):
    """The sum or the ordered product of the values parts (of none: 0, or the identity 1)."""
    out = parts[0] if parts else Fraction(head == "mul")
    for b in parts[1:]:
        out = _apply(head, out, b)
    return out


def _apply(head: str, a, b):
    """a + b or a b; a number q with a matrix: each entry times q in a product, q I in a sum (of the matrix's rows:
    a sum of q and a matrix that is not square is not defined)."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a + b if head == "add" else a * b
    if isinstance(a, Fraction) or isinstance(b, Fraction):
        q, a = (a, b) if isinstance(a, Fraction) else (b, a)  # q + m = m + q, q m = m q
        if head == "mul":
            return [[q * e for e in row] for row in a]
        b = [[q * (i == j) for j in range(len(a))] for i in range(len(a))]
    if head == "add":
        if (len(a), len(a[0])) != (len(b), len(b[0])):
            raise Rejected("a sum of matrices of different shapes (a number in a sum with a matrix is a multiple of I)")
        return [[x + y for x, y in zip(r, s)] for r, s in zip(a, b)]
    if len(a[0]) != len(b):
        raise Rejected(f"a product of a {len(a)}x{len(a[0])} and a {len(b)}x{len(b[0])} matrix")
    return [[sum((x * y for x, y in zip(row, col)), Fraction(0)) for col in zip(*b)] for row in a]

"""Code emission: a SymPy formula printed as NumPy, PyTorch or JAX code, and the branch table as a chain of
masked evaluations (NumPy) or of ``where`` (PyTorch, JAX).

The printer knows the functions the branch table uses and prints two forms the way a numerical analyst
writes them: ``log(1 + u)`` as ``log1p(u)`` and ``exp(u) - 1`` as ``expm1(u)`` (the same real functions; the
library versions do not cancel), and a negative power of x as divisions, u/x/x for u/x**2 (x**2 overflows from
|x| = 1.3e154, where u/x/x is still finite).  Every branch is evaluated on its own range only (:func:`masked_chain`,
:func:`where_chain`), so an unused branch never overflows, warns or poisons a gradient; NaN in gives NaN out.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import sympy as sp

from symact.catalog.registry import X
from symact.errors import SymactError
from symact.functions import BY_HEAD, REGISTRY
from symact.implement.branches import Branch


@dataclass(frozen=True)
class Backend:
    """How one target spells things: ``ns`` is the array namespace's name in the module."""

    name: str
    ns: str
    imports: str
    special: dict[str, tuple[str, str]]  # function -> (import line, name)

    def fn(self, name: str) -> str:
        return self.special[name][1] if name in self.special else f"{self.ns}.{name}"


def _special(module: str) -> dict[str, tuple[str, str]]:
    """The functions taken from ``module`` (scipy.special or its JAX twin) rather than the array namespace."""
    return {f.array: (f"from {module} import {f.array}", f.array) for f in REGISTRY.values() if f.scipy}


BACKENDS = {
    "numpy": Backend("numpy", "np", "import numpy as np", _special("scipy.special")),
    "torch": Backend("torch", "torch", "import torch", {}),
    "jax": Backend("jax", "jnp", "import jax\nimport jax.numpy as jnp", _special("jax.scipy.special")),
}

#: SymPy head -> array function name (:mod:`symact.functions`), and |x|, sign
_FUNCTIONS = {**{head: f.array for head, f in BY_HEAD.items() if f.array}, sp.Abs: "abs", sp.sign: "sign"}
#: a condition's relation as code
_RELATIONS = {"StrictLessThan": "<", "LessThan": "<=", "StrictGreaterThan": ">", "GreaterThan": ">="}
_TORCH_NAMES = {f.array: f.torch for f in REGISTRY.values() if f.torch}


#: the JAX modules' clamp of a branch's inputs onto its range (:func:`where_chain`), and its code
INTO = "_into"
JAX_INTO = """def _into(m, w, lo, hi):
    \"\"\"w clamped to [lo, hi], a branch's open ends or the float64 numbers next to its closed ends, outside them:
    its inputs (m) lie strictly inside, unchanged; the others are moved onto an end, where the branch's value is
    not used (XLA fuses a clamp into the formula after it; a where on the mask is computed in a pass of its
    own).  Differentiated as w where m, 0 elsewhere (so that a formula's infinite derivative at an end, times 0,
    does not become NaN).\"\"\"
    return jax.lax.clamp(lo, w, hi)


_into = jax.custom_jvp(_into, nondiff_argnums=(2, 3))


@_into.defjvp
def _into_jvp(lo, hi, primals, tangents):
    (m, w), t = primals, tangents[1]
    return _into(m, w, lo, hi), jnp.where(m, t, jnp.zeros_like(t))"""


class Unprintable(SymactError, ValueError):
    """A formula with a node the printer does not know (the command line: one line, exit 2)."""


class Printer:
    """Prints SymPy formulas in x as code of one backend, with ``var`` for x; records the functions used."""

    def __init__(self, backend: Backend, var: str, expm1: bool = True):
        self.backend, self.var, self.used, self.expm1 = backend, var, set(), expm1
        self.shared: dict[sp.Expr, str] = {}  # a subexpression -> the variable that already holds its value

    def call(self, name: str, arg: str) -> str:
        if self.backend.name == "torch":
            name = _TORCH_NAMES.get(name, name)
        self.used.add(name)
        return f"{self.backend.fn(name)}({arg})"

    def __call__(self, e: sp.Expr) -> str:
        if e in self.shared:
            return self.shared[e]
        if e == X:
            return self.var
        if e.is_number:
            return self.number(e)
        if isinstance(e, sp.Add):
            return self.add(e)
        if isinstance(e, sp.Mul):
            return self.mul(e)
        if isinstance(e, sp.Pow):
            return self.power(e)
        if isinstance(e, sp.log) and isinstance(e.args[0], sp.Add) and 1 in e.args[0].args:
            inner = e.args[0] - 1  # log(1 + exp(u)): the backend's own softplus where it has one
            if isinstance(inner, sp.exp) and "softplus" in self.backend.special:
                return self.call("softplus", self(inner.args[0]))
            return self.call("log1p", self(inner))
        if e.func in _FUNCTIONS:
            return self.call(_FUNCTIONS[e.func], self(e.args[0]))
        if isinstance(e, (sp.Min, sp.Max)):  # both arguments computed, the least or greatest taken
            name, (out, *rest) = ("minimum" if isinstance(e, sp.Min) else "maximum"), e.args
            text = self.operand(out)
            for a in rest:
                text = self.call(name, f"{text}, {self.operand(a)}")
            return text
        if isinstance(e, sp.Piecewise) and len(e.args) == 2 and e.args[1][1] is sp.true \
                and type(e.args[0][1]).__name__ in _RELATIONS:  # both values computed, one taken
            (value, cond), (other, _) = e.args
            test = f"({self(cond.lhs)} {_RELATIONS[type(cond).__name__]} {self(cond.rhs)})"
            return self.call("where", f"{test}, {self.operand(value)}, {self.operand(other)}")
        raise Unprintable(f"cannot write {sp.sstr(e)} as {self.backend.name} code (no such function in the printer)")

    def operand(self, e: sp.Expr) -> str:
        """``e`` as an operand of minimum, maximum or where (a number as it is, for NumPy and JAX)."""
        return self(e)

    @staticmethod
    def number(e: sp.Expr) -> str:
        if e is sp.nan:  # where the expression is undefined (:mod:`symact.implement.undefined`)
            return 'float("nan")'
        if e.is_Integer:
            return f"{int(e)}.0" if abs(int(e)) < 2 ** 53 else repr(float(e))
        return f"({float(e)!r})"

    def add(self, e: sp.Add) -> str:
        terms = erfc_terms(list(e.args))
        for t in terms if self.expm1 else ():  # c exp(u) - c -> c expm1(u)
            c, u = scaled_exp(t)
            if u is not None and -c in terms:
                rest = [self(a) for a in terms if a is not t and a != -c]
                head = self.call("expm1", self(u))
                head = head if c == 1 else f"{self.number(c)}*{head}"
                return "(" + " + ".join([head] + rest) + ")"
        return "(" + " + ".join(self(t) for t in terms) + ")"

    def mul(self, e: sp.Mul) -> str:
        coeff = sp.Mul(*[a for a in e.args if a.is_number])
        num = [] if coeff == 1 else [self.number(coeff)]
        den = []
        for a in e.args:
            if a.is_number:
                continue
            if isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp < 0:
                den += ([self(a.base)] * int(-a.exp) if a.base == X or a.exp == -1  # w/x/x: no x**2 to overflow
                        else [self(a.base ** -a.exp)])
            else:
                num.append(self(a))
        text = "*".join(num) if num else "1.0"
        return f"({text}/{'/'.join(den)})" if den else f"({text})"

    def power(self, e: sp.Pow) -> str:
        if e.exp.is_Integer:
            n = int(e.exp)
            if n == -1 or n < 0 and e.base == X:  # 1/x/x, not 1/x**2 (inf from |x| = 1.3e154)
                return f"(1.0/{'/'.join([self(e.base)] * -n)})"
            if abs(n) > 2 and self.backend.name == "numpy":
                return self.product(e.base, n) if n > 0 else f"(1.0/{self.product(e.base, -n)})"
            return f"({self(e.base)}**{n})" if n > 0 else f"(1.0/({self(e.base)}**{-n}))"
        if e.exp == sp.Rational(1, 2):
            return self.call("sqrt", self(e.base))
        if e.exp.is_Rational and e.exp.q == 2:  # u**(k/2): sqrt(u)**k (x/sqrt(1 + x**2) and its derivative)
            root, k = self.call("sqrt", self(e.base)), int(e.exp.p)
            return f"({root}**{k})" if k > 0 else f"(1.0/{root})" if k == -1 else f"(1.0/({root}**{-k}))"
        if e.exp.is_Rational:  # u**(p/q), q > 2: the library's power at the float64 nearest p/q (NaN for u < 0,
            return f"({self(e.base)}**{self.number(e.exp)})"  # where the real power is not taken either)
        raise Unprintable(f"cannot write the power {sp.sstr(e)} as {self.backend.name} code")

    def product(self, base: sp.Expr, n: int) -> str:
        """base**n, n > 2, as NumPy multiplications: u**(n/2) squared or u**(n - 1)*u, a power already in a
        variable read from it.  NumPy squares for **2 but calls the C library's pow for any other integer power:
        about 150 ns a value for x**3 at x of about 1/32 (tanhshrink's Taylor branch), 500 times its two
        multiplications (measured, NumPy 2.4); their n - 1 roundings cost at most about n - 1 units of 2^-53
        (relative), far below a float32 result's half ulp."""
        if n % 2:
            return f"({self(base ** (n - 1))}*{self(base)})"
        return f"({self(base ** (n // 2))}**2)"


def scaled_exp(t: sp.Expr) -> tuple:
    """(c, u) when ``t`` is c exp(u) for a number c and a u that is no number, else (None, None): exp(3) - 1 does
    not cancel, and torch's expm1 takes no number (the torch module of softplus(x - 3) - softplus(-x - 3), whose
    form on x < -1 holds exp(3) - 1, raised TypeError on every call)."""
    if isinstance(t, sp.exp) and not t.args[0].is_number:
        return sp.Integer(1), t.args[0]
    if (isinstance(t, sp.Mul) and len(t.args) == 2 and t.args[0].is_number and isinstance(t.args[1], sp.exp)
            and not t.args[1].args[0].is_number):
        return t.args[0], t.args[1].args[0]
    return None, None


def erfc_terms(terms: list) -> list:
    """The terms of a sum with c + c erf(u), c - c erf(u) and 2c - c erfc(u) (how SymPy writes c erfc(-u)) as
    c erfc(-u), c erfc(u) and c erfc(-u), unevaluated: the same real function, without the cancellation where
    erf(u) is near -1 or 1 (or erfc(u) near 2)."""
    for t in terms:
        c, fn = t.as_coeff_Mul()
        for head, const, scale, sign in ((sp.erf, c, c, -1), (sp.erf, -c, -c, 1), (sp.erfc, -2 * c, -c, -1)):
            if isinstance(fn, head) and const in terms:
                rest = [a for a in terms if a is not t and a != const]
                return [scale * sp.erfc(sign * fn.args[0], evaluate=False)] + rest
    return terms


def branch_value(printer: Printer, formula: sp.Expr, var: str, indent: str,
                 powers: bool = False, expm1: bool = True) -> tuple[list[str], str]:
    """(lines, expression): ``formula`` of ``var`` as code, each function call that occurs more than once in it
    (exp(x) in exp(x)/(1 + exp(x))) computed once, in a variable, before the expression (the same operations
    on the same values: only fewer of them); with ``powers`` each repeated integer power too (x**2 in a Horner
    polynomial in x**2); ``expm1`` False: c exp(u) - c as written (:class:`.branches.Branch`)."""
    sub = Printer(printer.backend, var, expm1)
    lines = []
    for k, e in enumerate(repeated_calls(formula, powers)):
        lines.append(f"{indent}{var}_{k} = {sub(e)}")
        sub.shared[e] = f"{var}_{k}"
    value = sub(formula)
    printer.used |= sub.used
    return lines, value


def repeated_calls(formula: sp.Expr, powers: bool = False) -> list[sp.Expr]:
    """The function calls of x that occur more than once in ``formula``, smallest first (each is computed once);
    with ``powers`` the positive integer powers of x's subexpressions too."""
    counts = Counter(a for a in sp.preorder_traversal(formula) if a.has(X) and (
        isinstance(a, sp.Function) or powers and isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp > 0))
    return sorted((e for e, n in counts.items() if n > 1), key=sp.count_ops)


def masked_chain(printer: Printer, branches: list[Branch], var: str, indent: str = "    ",
                 reuse: bool = False) -> list[str]:
    """NumPy lines computing ``out`` from ``var`` branch by branch (the branches partition R): each
    branch's inputs are found once (the flat indices of its mask) and its formula evaluated on them only (a
    ``take`` and an assignment by index, several times faster than boolean indexing; the assignment three times
    faster than ``put``, which checks each index), so no branch costs time, overflows or warns outside its range,
    except the formula the two unbounded branches share (:func:`outer_formula`), computed on the whole block
    first; a branch whose formula is x costs nothing (``out`` starts as the input: NaN, which no mask holds, stays
    NaN); a branch on the whole line is evaluated on the input itself (NaN in gives NaN out from the formula's own
    arithmetic), and a branch that holds every input is evaluated on the input itself too (no ``take``, no
    assignment).  ``reuse``: ``var`` is a copy that nothing reads afterwards, so
    ``out`` is ``var`` itself (every branch's indices are found before anything is written, and a branch reads
    ``var`` only at its own indices)."""
    whole = [i for i, br in enumerate(branches) if br.lo is None and br.hi is None and not br.formula.is_number]
    if whole and branches[whole[0]].formula != X:
        temps, value = branch_value(printer, branches[whole[0]].formula, var, indent, powers=True)
        return temps + [f"{indent}out = {value}"]
    outer = outer_formula(branches)
    used = [(i, br) for i, br in enumerate(branches) if br.formula not in (X, outer)]
    lines = [f"{indent}k{i} = np.flatnonzero({mask_text(br, var)})" for i, br in used]
    if outer is not None:
        temps, value = branch_value(printer, outer, var, indent, powers=True)
        lines += temps + [f"{indent}out = {value}"]
    else:
        lines.append(f"{indent}out = {var}" if reuse else f"{indent}out = {var}.copy()")
    for i, br in used:
        if br.formula.is_number:
            lines.append(f"{indent}out[k{i}] = {printer.number(br.formula)}")
            continue
        some = f"k{i}.size < {var}.size"  # else every input is in this branch: no take, no put
        lines.append(f"{indent}x{i} = {var}.take(k{i}) if {some} else {var}")
        temps, value = branch_value(printer, br.formula, f"x{i}", indent, powers=True)
        lines += temps + [f"{indent}y{i} = {value}", f"{indent}if {some}:", f"{indent}    out[k{i}] = y{i}",
                          f"{indent}else:", f"{indent}    out = y{i}"]
    return lines


def outer_formula(branches: list[Branch]) -> sp.Expr | None:
    """The formula of both unbounded branches where they share one (tanhshrink's x - tanh(x), a Taylor polynomial
    between them), not a number, and no branch is x (whose values would be the input's, not the formula's): it
    is computed on the whole block (a pass per operation, no mask, gather or scatter for most inputs) and the
    branches between them are written over it by index; else None."""
    first, last = branches[0].formula, branches[-1].formula
    if len(branches) > 2 and first == last and not first.is_number and all(br.formula != X for br in branches):
        return first
    return None


def where_chain(printer: Printer, branches: list[Branch], var: str, indent: str = "    ") -> list[str]:
    """JAX/PyTorch lines computing ``out`` from ``var`` branch by branch with ``where`` (what ``jax.jit`` fuses
    into one pass, where arrays have no data-dependent shapes; PyTorch's boolean indexing is slower than it): each branch is evaluated on inputs outside its
    range replaced by a point inside it, so an unused branch never overflows or poisons a gradient; NaN in gives
    NaN out (no mask holds for it).  On JAX a branch on the whole line whose formula is NaN at NaN
    (:func:`_keeps_nan`) is computed on the input itself: the mask and the where would only keep NaN out of it
    (more work in the loop XLA fuses: 2-5 ms of the float32 sigmoid's 35 on 10^7 values, measured).  A NaN
    branch (the expression undefined there) is its inputs (0 elsewhere) times NaN, so that autograd's gradient
    there is NaN too (a constant's would be 0: the derivative does not exist there) and 0 from it elsewhere."""
    w = f"{printer.backend.ns}.where"
    lines = [f"{indent}out = {var}"]  # the branches whose formula is x: nothing to do
    for i, br in enumerate(branches):
        mask = mask_text(br, var)
        if br.formula is sp.nan:  # undefined there: NaN, and autograd's gradient NaN too (its inputs only)
            nan = printer.number(sp.nan)
            lines += [f"{indent}m = {mask}", f"{indent}out = {w}(m, {w}(m, {var}, 0.0) * {nan}, out)"]
            continue
        if br.formula.is_number:
            lines.append(f"{indent}out = {w}({mask}, {printer.number(br.formula)}, out)")
            continue
        if br.formula == X:
            continue
        if printer.backend.name == "jax" and br.lo is None and br.hi is None and _keeps_nan(br.formula):
            temps, value = branch_value(printer, br.formula, var, indent, expm1=br.expm1)
            lines = temps + [f"{indent}out = {value}"]  # the only branch, and NaN gives NaN: no mask to compute
            continue
        lines += [f"{indent}m = {mask}", f"{indent}x{i} = {_inside(printer, br, var)}"]
        temps, value = branch_value(printer, br.formula, f"x{i}", indent, expm1=br.expm1)
        lines += temps + [f"{indent}out = {w}(m, {value}, out)"]
    return lines


#: the functions whose value at NaN is NaN (IEEE arithmetic and XLA's elementwise functions: no Max, Min, sign)
_NAN_KEEPING = (sp.Add, sp.Mul, sp.Pow, sp.exp, sp.log, sp.tanh, sp.erf, sp.erfc, sp.Abs)


def _keeps_nan(formula: sp.Expr) -> bool:
    """Whether ``formula`` at NaN is NaN, as printed: built of numbers, x and :data:`_NAN_KEEPING` only (so the
    JAX code of a branch on the whole line needs no mask for NaN inputs)."""
    return all(node.is_Atom or isinstance(node, _NAN_KEEPING) for node in sp.preorder_traversal(formula))


def _inside(printer: Printer, br: Branch, var: str) -> str:
    """``var`` with the inputs outside ``br``'s range replaced by a point inside it; on JAX, for a bounded range,
    clamped (``_into``: XLA fuses a clamp into the formula that follows, where a ``where`` on the mask leaves
    its result in memory, a pass more) onto an open end or the float64 number next to a closed end outside it:
    every input of the range lies strictly between the two (a clamp at 0 could turn -0.0 into 0.0), and the
    formula's values there are not used."""
    ns = printer.backend.ns
    if printer.backend.name != "jax" or br.lo is None and br.hi is None:
        return f"{ns}.where(m, {var}, {printer.number(br.inner_point())})"
    printer.used.add(INTO)
    lo = f"-{ns}.inf" if br.lo is None else _end(br.lo, br.lo_closed, -math.inf)
    hi = f"{ns}.inf" if br.hi is None else _end(br.hi, br.hi_closed, math.inf)
    return f"{INTO}(m, {var}, {lo}, {hi})"


def _end(end: sp.Expr, closed: bool, outward: float) -> str:
    """A clamp's bound for a range's end (as :func:`mask_text` compares it: its float64 value)."""
    return Printer.number(end) if not closed else f"({math.nextafter(float(end), outward)!r})"


def mask_text(br: Branch, var: str) -> str:
    if br.lo is not None and br.lo == br.hi:
        return f"({var} == {Printer.number(br.lo)})"
    parts = []
    if br.lo is not None:
        parts.append(f"({var} {'>=' if br.lo_closed else '>'} {Printer.number(br.lo)})")
    if br.hi is not None:
        parts.append(f"({var} {'<=' if br.hi_closed else '<'} {Printer.number(br.hi)})")
    if not parts:
        return f"({var} == {var})"
    return " & ".join(parts)

"""PyTorch code that computes a branch table in place, block by block of the flattened input: every operation
writes into a buffer allocated once per branch and block, or into the temporary that holds its operand, instead
of a fresh float64 tensor, and each branch is evaluated on its own inputs only, gathered by index.

:class:`InplacePrinter` prints a formula as such statements with the same operations, in the same order, on the
same operands as :class:`symact.implement.emit.Printer`'s expression (a sum ((a + b) + c), a product
((c*a)*b)/d, ...): the values are the same, bit for bit (where an operation's operands swap, a + b = b + a and
a*b = b*a exactly).  :func:`indexed_chain` is the table of one block: which branches hold all or none of the
block, from its least and largest values, then every other branch's indices, then each branch's formula on its
gathered inputs, written back by index into the result (the block's float64 copy when it has one).  In-place
operations are not differentiable: the modules call these functions under ``torch.no_grad()`` (their autograd goes through the accurate derivative, or through the ``where`` chain).
"""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import X
from symact.implement.branches import Branch
from symact.implement.emit import Printer, erfc_terms, mask_text, outer_formula, repeated_calls, scaled_exp


class InplacePrinter(Printer):
    """:class:`Printer` whose results are tensor variables (``var``, a shared value, or a buffer ``b{k}`` this
    formula owns and may overwrite) or number literals; the statements accumulate in ``lines``."""

    def __init__(self, backend, var: str, indent: str, first_buffer: int):
        super().__init__(backend, var)
        self.lines: list[str] = []
        self.indent = indent
        self.owned: set[str] = set()
        self.next = first_buffer  # the next buffer of the pool

    def emit(self, line: str) -> None:
        self.lines.append(self.indent + line)

    def buffer(self) -> str:
        name = f"b{self.next}"
        self.next += 1
        self.owned.add(name)
        return name

    def call(self, name: str, arg: str) -> str:
        fn = super().call(name, "")[:-2]  # torch.exp, torch.atan, ...
        if arg in self.owned:
            self.emit(f"{arg}.{fn.split('.')[-1]}_()")
            return arg
        out = self.buffer()
        self.emit(f"{fn}({arg}, out={out})")
        return out

    def operand(self, e: sp.Expr) -> str:
        """``e`` as a tensor: a number in a buffer of its own (torch's minimum, maximum and where with ``out=``
        take no number)."""
        text = self(e)
        if not _is_number(text):
            return text
        out = self.buffer()
        self.emit(f"{out}.fill_({text})")
        return out

    def combine(self, op: str, a: str, b: str, commutes: bool) -> str:
        """a op b (torch.add, torch.mul, torch.div, torch.pow), written into a's buffer, or b's when the
        operation commutes, or a fresh one."""
        if a in self.owned:
            self.emit(f"{a}.{op}_({b})")
            return a
        if commutes and (b in self.owned or _is_number(a)):
            a, b = b, a
            if a in self.owned:
                self.emit(f"{a}.{op}_({b})")
                return a
        out = b if b in self.owned else self.buffer()
        if _is_number(a):  # c/d: the number as a 0-d tensor (the same division)
            a = f"{b}.new_tensor({a})"
        self.emit(f"torch.{op}({a}, {b}, out={out})")
        return out

    def add(self, e: sp.Add) -> str:
        terms = erfc_terms(list(e.args))
        for t in terms:  # c exp(u) - c -> c expm1(u), as the Printer writes it
            c, u = scaled_exp(t)
            if u is not None and -c in terms:
                acc = self.call("expm1", self(u))
                if c != 1:
                    acc = self.combine("mul", acc, self.number(c), True)
                for a in terms:
                    if a is not t and a != -c:
                        acc = self.combine("add", acc, self(a), True)
                return acc
        acc = self(terms[0])
        for t in terms[1:]:
            acc = self.combine("add", acc, self(t), True)
        return acc

    def mul(self, e: sp.Mul) -> str:
        coeff = sp.Mul(*[a for a in e.args if a.is_number])
        acc = None if coeff == 1 else self.number(coeff)
        dens = []
        for a in e.args:
            if a.is_number:
                continue
            if isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp < 0:
                dens.append(a.base ** -a.exp if a.exp != -1 else a.base)
            else:
                value = self(a)
                acc = value if acc is None else self.combine("mul", acc, value, True)
        acc = "1.0" if acc is None else acc
        for d in dens:
            acc = self.combine("div", acc, self(d), False)
        return acc

    def power(self, e: sp.Pow) -> str:
        """The Printer's power in place: u**n, sqrt(u)**k for u**(k/2) (sqrt(u) for k = 1), u**(p/q) for q > 2."""
        if e.exp == sp.Rational(1, 2) or not e.exp.is_Rational:
            return super().power(e)  # sqrt: a call; else Unprintable
        if e.exp.q > 2:
            return self.combine("pow", self(e.base), self.number(e.exp), False)
        base = self(e.base) if e.exp.q == 1 else self.call("sqrt", self(e.base))
        n = int(e.exp.p)
        if n == -1:
            return self.combine("div", "1.0", base, False)
        value = self.combine("pow", base, str(abs(n)), False)
        return value if n > 0 else self.combine("div", "1.0", value, False)


def _is_number(text: str) -> bool:
    return text[0].isdigit() or text[0] in "(-"


def indexed_chain(printer: Printer, branches: list[Branch], var: str, indent: str, keep: bool = False) -> list[str]:
    """The lines computing ``out`` from ``var`` (a block of the input in the working format; ``x``, the block
    itself, where that is the format) branch by branch in place, by index: the block's least and largest values
    (``torch.aminmax``, NaN where the block has one) tell which branches hold every value of the block (then
    evaluated on ``var`` itself, no gather) and which hold none (skipped, no mask); the others' inputs are found
    once, as the indices of their mask (:data:`INDICES`), gathered (``_take``), and their values written back
    (``_put``).  A branch whose formula is x costs nothing; a branch on the whole
    line is evaluated on ``var`` (NaN in gives NaN out from its own arithmetic).  ``out`` is ``var`` when that is
    a copy and ``keep`` (var is read afterwards) is false (every index is found before anything is written)."""
    whole = [br for br in branches if br.lo is None and br.hi is None and not br.formula.is_number]
    if whole and whole[0].formula != X:
        return _evaluate(printer, whole[0].formula, 0, var, indent, ["out = {value}"])
    base = _base(branches)
    used = [(i, br) for i, br in enumerate(branches) if br.formula not in (X, base)]
    lines = [f"{indent}lo, hi = (v.item() for v in torch.aminmax({var}))", f"{indent}h = _host({var})"]
    for i, br in used:
        every, none = _spans(br)
        lines += [f"{indent}a{i} = {every}",
                  f"{indent}k{i} = None if a{i} or {none} else _indices({mask_text(br, 'h')})"]
    if base is not None:
        lines += _evaluate(printer, base, 0, var, indent, ["out = {value}"])
    else:
        lines.append(f"{indent}out = {var}.clone()" if keep else
                     f"{indent}out = {var}.clone() if {var} is x else {var}")
    for i, br in used:
        if br.formula.is_number:
            c = printer.number(br.formula)
            lines += [f"{indent}if a{i}:", f"{indent}    out = torch.full_like({var}, {c})",
                      f"{indent}elif k{i} is not None:", f"{indent}    _put(out, k{i}, {c})"]
            continue
        lines += [f"{indent}if a{i} or k{i} is not None:",
                  f"{indent}    x{i} = {var} if a{i} else _take({var}, k{i})"]
        lines += _evaluate(printer, br.formula, i, f"x{i}", indent + "    ",
                           ["if a{i}:", "    out = {value}", "else:", "    _put(out, k{i}, {value})"])
    return lines


#: the module's helpers that find a mask's indices and gather and scatter by them: on the CPU the mask is NumPy's
#: comparison, its indices NumPy's ``flatnonzero``, the gather ``take`` and the scatter an indexed assignment, all
#: on the tensors' own memory (on one thread torch's comparison of a block takes several times as long as
#: NumPy's, ``torch.nonzero`` several times as long as ``flatnonzero``, more than the rest of a sigmoid, and
#: ``index_select``/``index_copy_`` about twice as long as ``take`` and the assignment)
INDICES = '''

def _host(w):
    """w's values as a NumPy array on the same memory where it is on the CPU (NumPy compares a block several
    times faster than torch on one thread; the same IEEE comparisons), else w itself."""
    if w.device.type == "cpu" and w.dtype in (torch.float64, torch.float32, torch.float16):
        return w.numpy()
    return w


def _indices(mask):
    """The indices of mask's true values (a NumPy mask's by NumPy: several times faster than torch.nonzero)."""
    if isinstance(mask, np.ndarray):
        return np.flatnonzero(mask)
    return torch.nonzero(mask).view(-1)


def _take(w, k):
    """w's values at the indices k (NumPy's: by NumPy, on w's memory)."""
    if isinstance(k, np.ndarray):
        return torch.from_numpy(w.numpy().take(k))
    return torch.index_select(w, 0, k)


def _put(out, k, v):
    """out's values at the indices k set to v, a tensor of them or a number (NumPy's: by NumPy, on out's
    memory)."""
    if isinstance(k, np.ndarray):
        out.numpy()[k] = v.numpy() if isinstance(v, torch.Tensor) else v
    elif isinstance(v, torch.Tensor):
        out.index_copy_(0, k, v)
    else:
        out.index_fill_(0, k, v)'''.splitlines()


#: the most operations (SymPy's ``count_ops``) of a branch that :func:`_base` computes on the whole block
CHEAP_OPS = 3


def _base(branches: list[Branch]) -> sp.Expr | None:
    """The formula computed on the whole block before the other branches' values are written over it by index
    (the mask, gather and scatter of its branches would cost more than it on every value), where no branch is x
    (whose values are the block's own, left in place): the formula both unbounded branches share
    (:func:`symact.implement.emit.outer_formula`: tanhshrink's x - tanh(x)), else the first formula that is
    arithmetic of x, no number, no function and at most :data:`CHEAP_OPS` operations (a few passes over the
    block, not a polynomial of degree 37 on values mostly of other branches; NaN in gives NaN out: NaN is in no
    branch's mask): hardsigmoid's x/6 + 1/2, softshrink's x - 1/2; None where there is none."""
    if any(br.formula == X for br in branches):
        return None
    outer = outer_formula(branches)
    cheap = [br.formula for br in branches if not br.formula.is_number and not br.formula.atoms(sp.Function)
             and sp.count_ops(br.formula) <= CHEAP_OPS]
    return outer if outer is not None else cheap[0] if cheap else None


def _evaluate(printer: Printer, formula: sp.Expr, i: int, var: str, indent: str, then: list[str]) -> list[str]:
    """The lines computing ``formula`` of ``var`` in buffers allocated like it, then the lines ``then``
    (formatted with ``value`` and ``i``)."""
    p = InplacePrinter(printer.backend, var, indent, 0)
    for e in repeated_calls(formula):  # computed once, kept
        p.shared[e] = p(e)
        p.owned.discard(p.shared[e])
    value = p(formula)
    printer.used |= p.used
    buffers = [f"{indent}b{k} = torch.empty_like({var})" for k in range(p.next)]
    return buffers + p.lines + [indent + line.format(value=value, i=i) for line in then]


def _spans(br: Branch) -> tuple[str, str]:
    """(every, none): conditions on the block's least and largest values ``lo`` and ``hi`` under which ``br``'s
    range holds every value of the block, or none of them (both false where the block has a NaN)."""
    if br.lo is not None and br.lo == br.hi:
        c = Printer.number(br.lo)
        return f"lo == {c} and hi == {c}", f"hi < {c} or lo > {c}"
    every, none = [], []
    if br.lo is not None:
        c = Printer.number(br.lo)
        every.append(f"lo {'>=' if br.lo_closed else '>'} {c}")
        none.append(f"hi {'<' if br.lo_closed else '<='} {c}")
    if br.hi is not None:
        c = Printer.number(br.hi)
        every.append(f"hi {'<=' if br.hi_closed else '<'} {c}")
        none.append(f"lo {'>' if br.hi_closed else '>='} {c}")
    if not every:  # the whole line (a number: NaN stays NaN as it is in no mask)
        return "lo == lo", "False"
    return " and ".join(every), " or ".join(none)

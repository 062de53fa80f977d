"""PyTorch code that computes a branch table in place: every operation writes into a buffer allocated once
per call, or into the temporary that holds its operand, instead of a fresh float64 tensor (PyTorch's CPU
allocator does not reuse large blocks: each fresh 80 MB tensor costs page faults, and a formula has ten).

:class:`InplacePrinter` prints a formula as such statements with the same operations, in the same order, on the
same operands as :class:`symact.implement.emit.Printer`'s expression (a sum ((a + b) + c), a product
((c*a)*b)/d, ...): the values are the same, bit for bit (where an operation's operands swap, a + b = b + a and
a*b = b*a exactly).  :func:`inplace_chain` is the table: every mask first (the result is written into the
input's float64 copy when it has one), then each branch's point-replaced input and formula in the buffers, put in
with ``where(..., out=out)``.  In-place operations are not differentiable: the modules call these functions
under ``torch.no_grad()`` (their autograd goes through the accurate derivative, or through the ``where`` chain).
"""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import X
from symact.implement.branches import Branch
from symact.implement.emit import Printer, mask_text, repeated_calls, scaled_exp


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
        terms = list(e.args)
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
        if e.exp.is_Integer:
            n = int(e.exp)
            if n == -1:
                return self.combine("div", "1.0", self(e.base), False)
            value = self.combine("pow", self(e.base), str(abs(n)), False)
            return value if n > 0 else self.combine("div", "1.0", value, False)
        return super().power(e)  # sqrt: a call


def _is_number(text: str) -> bool:
    return text[0].isdigit() or text[0] in "(-"


def inplace_chain(printer: Printer, branches: list[Branch], var: str, indent: str, keep: bool = False) -> list[str]:
    """The lines computing ``out`` from ``var`` (the float64 copy of the input ``x``, or x itself) branch by
    branch in place: ``out`` is ``var`` when that is a copy and ``keep`` (var is read afterwards) is false (every
    mask is computed before anything is written, and a branch reads ``var`` only on its own mask), the buffers
    ``b0, b1, ...`` are allocated once."""
    masks, body, pool = [], [], 0
    for i, br in enumerate(branches):
        if br.formula == X:
            continue
        masks.append(f"{indent}m{i} = {mask_text(br, var)}")
        if br.formula.is_number:
            body.append(f"{indent}out.masked_fill_(m{i}, {printer.number(br.formula)})")
            continue
        p = InplacePrinter(printer.backend, f"x{i}", indent, 1)
        body.append(f"{indent}x{i} = torch.where(m{i}, {var}, {var}.new_tensor({printer.number(br.inner_point())}), "
                    f"out=b0)")
        for e in repeated_calls(br.formula):  # computed once, kept
            p.shared[e] = p(e)
            p.owned.discard(p.shared[e])
        value = p(br.formula)
        body += p.lines + [f"{indent}torch.where(m{i}, {value}, out, out=out)"]
        printer.used |= p.used
        pool = max(pool, p.next)
    buffers = [f"{indent}b{k} = torch.empty_like({var})" for k in range(pool)]
    out = f"{var}.clone()" if keep else f"{var}.clone() if {var} is x else {var}"
    return masks + [f"{indent}out = {out}"] + buffers + body

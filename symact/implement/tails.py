"""Tail forms of an expression: its value far from 0 without an intermediate that overflows (or underflows) where
the value does not.

On a side of 0 (``sign``), an algebraic part A (built from x, numbers, sums, products, rational powers and |x|)
is |x|^k S with k its growth order and S a sum of powers of 1/x, bounded far out (:func:`scaled`); then

* A is computed as |x|^k S (not as (1 + x)/x**2, whose x**2 overflows from |x| = 1.3e154: |x|^-1 (1 + 1/x) is
  about 1/|x| out to the largest float), the code dividing by x once per power of 1/x;
* log A as k log|x| + log S (acosh(1 + x**2) is log(1 + x**2 + |x| sqrt(x**2 + 2)): 2 log|x| +
  log1p(1/x**2 + sqrt(1 + 2/x**2))), and log1p(A) as log(1 + A) alike (log1p(x**2)/x: (2 log|x| + log1p(1/x**2))/x,
  where x**2 overflows from |x| = 1.3e154);
* exp(u) A, in the expression collected by its exponentials (:func:`symact.implement.stable.collected`), as
  exp(u/2) (exp(u/2) |x|^k) S, which is finite out to x = 723 for exp(x)/x**2 where exp(x) overflows at 709.78
  (a few ulps; not where |x|^k overflows and exp(u/2) underflows, x**10 exp(-x) from x = 1e31), or as
  exp(u + k log|x|) S, finite out to the largest float but with an error of about |u|/2 ulps (the rounding of
  the exponent).  Both are held unevaluated (SymPy would write them back as exp(u) |x|^k S); the claim text
  reads back to that same function, which the kernel proves equal to the expression on the range.

Each form is a candidate of :mod:`symact.implement.stable`, chosen by measurement like the others, and its
branch claim is decided by the kernel.
"""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import X
from symact.functions import Log1p


def scaled(e: sp.Expr, sign: int) -> tuple[sp.Rational, sp.Expr] | None:
    """(k, S) with e = |x|^k S on the side ``sign`` of 0, S a bounded combination of powers of 1/x where ``e``
    is algebraic (None where it is not, or its order is not a rational number)."""
    if e == X:
        return sp.Integer(1), sp.Integer(sign)
    if e.is_number:
        return (sp.Integer(0), e) if e.is_real else None
    if isinstance(e, sp.Abs):
        inner = scaled(e.args[0], sign)
        return None if inner is None else (inner[0], sp.Abs(inner[1]))
    if isinstance(e, sp.Pow) and e.exp.is_Rational:
        inner = scaled(e.base, sign)
        if inner is None or inner[1].is_number and inner[1].is_negative and not e.exp.is_Integer:
            return None  # sqrt(x) for x < 0: no real value
        return inner[0] * e.exp, inner[1] ** e.exp
    if isinstance(e, (sp.Add, sp.Mul)):
        parts = [scaled(a, sign) for a in e.args]
        if any(p is None for p in parts):
            return None
        if isinstance(e, sp.Mul):
            return sp.Add(*(k for k, _ in parts)), sp.Mul(*(s for _, s in parts))
        top = max(k for k, _ in parts)
        return top, sp.Add(*(s * (sign * X) ** (k - top) for k, s in parts))
    return None


def tail(expr: sp.Expr, sign: int, exps: sp.Expr | None = None, half: bool = True) -> sp.Expr | None:
    """``expr`` (or ``exps``, the same expression collected by its exponentials) on the side ``sign`` of 0 with
    each algebraic term, each logarithm of an algebraic part and each exponential times an algebraic part in
    its tail form (the module docstring: exp(u/2) (exp(u/2) |x|^k) S where ``half``, else exp(u + k log|x|) S);
    None where nothing changes."""
    far = sign * X

    def log_form(e: sp.Expr) -> sp.Expr:
        found = scaled(e.args[0] + 1 if isinstance(e, Log1p) else e.args[0], sign)
        if found is None or found[0] == 0 or found[1].is_number and not found[1].is_positive:
            return e  # log(x) for x < 0: no real value
        return found[0] * sp.log(far) + sp.log(found[1])

    def term(t: sp.Expr) -> sp.Expr:
        factors = sp.Mul.make_args(t)
        growth = [a for a in factors if isinstance(a, sp.exp) and a.has(X)]
        algebraic = [a for a in factors if a not in growth and scaled(a, sign) is not None]
        found = scaled(sp.Mul(*algebraic), sign)
        if found is None or not algebraic or found[1] == sp.Mul(*algebraic):
            return t
        k, s = found
        s = s * sp.Mul(*(a for a in factors if a not in growth and a not in algebraic))  # other factors: 1/(1 + e^x)
        if not growth or not k:
            return sp.Mul(*growth) * far ** k * s
        u = sp.Add(*(a.args[0] for a in growth))
        parts = ((sp.exp(u / 2), sp.exp(u / 2) * far ** k, s) if half
                 else (sp.exp(u + k * sp.log(far), evaluate=False), s))
        return sp.Mul(*(a for a in parts if a != 1), evaluate=False)

    base = (exps if exps is not None else expr).replace(
        lambda a: isinstance(a, (sp.log, Log1p)), log_form)
    out = sp.Add(*(term(t) for t in sp.Add.make_args(base)))
    return None if out == expr else out

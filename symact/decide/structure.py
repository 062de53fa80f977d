"""Signs read off the structure of an expression: exponentials, squares, sums and products of them, and
bounded oscillations such as 1 + cos(u) >= 0."""
from __future__ import annotations

import sympy as sp

from symact.functions import REGISTRY

#: the kernel's functions positive on all of R (exp, cosh, erfc)
_POSITIVE = tuple(f.head for f in REGISTRY.values() if f.kernel and f.positive)


def structural_sign(e: sp.Expr, var: sp.Symbol) -> str | None:
    """'+' when e > 0 for every real x, '>=' when e >= 0, by structure alone; None when unsure."""
    if var not in e.free_symbols and not any(s.is_positive for s in e.free_symbols):
        if e.is_positive:
            return "+"
        if e.is_nonnegative:
            return ">="
        return None
    if e.is_Symbol:
        return "+" if e.is_positive else None
    if isinstance(e, _POSITIVE):
        return "+" if not isinstance(e, sp.cosh) or e.args[0].is_real else None
    if e.is_Number:
        return "+" if e.is_positive else (">=" if e.is_zero else None)
    if e.is_Pow:
        base, ex = e.args
        sb = structural_sign(base, var)
        if sb == "+" and ex.is_real:
            return "+"
        if ex.is_Integer and ex.is_even and base.is_real:
            return ">="
        if ex.is_Integer and ex > 0 and sb == ">=":
            return ">="
        return None
    if e.is_Add and len(e.args) == 2:
        bounded = _bounded_sum(e, var)
        if bounded is not None:
            return bounded
    if e.is_Add or e.is_Mul:
        signs = [structural_sign(a, var) for a in e.args]
        if any(s is None for s in signs):
            return None
        if e.is_Add:
            return "+" if "+" in signs else ">="
        return "+" if all(s == "+" for s in signs) else ">="
    return None


#: |f(u)| <= bound for real u; True when the bound is never attained (the kernel's functions defined on R)
_BOUNDED = {f.head: f.bound for f in REGISTRY.values() if f.kernel and f.domain is None and f.bound}


def _bounded_sum(e: sp.Expr, var: sp.Symbol) -> str | None:
    """c + k g(u) with g bounded by B: '+' when c > |k| B (or = with B never attained), '>=' when c = |k| B."""
    const = [a for a in e.args if var not in a.free_symbols]
    other = [a for a in e.args if var in a.free_symbols]
    if len(const) != 1 or len(other) != 1:
        return None
    k, g = other[0].as_independent(var, as_Add=False)
    if g.func not in _BOUNDED or not k.is_number or not const[0].is_number:
        return None
    bound, strict = _BOUNDED[g.func]
    margin = sp.nsimplify(const[0]) - abs(k) * bound
    if margin.is_positive or (margin.is_zero and strict):
        return "+"
    if margin.is_zero:
        return ">="
    return None

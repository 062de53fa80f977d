"""Derivative values at kinks, taken from the catalog's framework conventions.

At a kink f' does not exist; frameworks still return a number.  The catalog records each framework's choice as
SymPy data in the parameter symbols (``Activation.kink_convention``); the twins and the reference use PyTorch's
(another framework's when PyTorch has none recorded).  A kink without a recorded value gets the common one-sided
value when both sides agree, and otherwise the value of the derivative expression's own ``Piecewise`` there.
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any, Mapping

import sympy as sp

from symact.catalog import X, get
from symact.catalog.registry import Activation


def framework_for(entry: Activation) -> str | None:
    """The framework whose kink convention is used: torch when recorded, else the first one recorded."""
    if "torch" in entry.kink_derivatives:
        return "torch"
    return next(iter(entry.kink_derivatives), None)


def params_key(entry: Activation, params: Mapping[str, Any] | None) -> tuple:
    values = entry.param_values(params)
    return tuple(sorted((str(k), sp.srepr(v)) for k, v in values.items()))


def _as_number(v: sp.Expr) -> sp.Expr:
    return sp.Rational(str(v)) if v.is_Float else v


@lru_cache(maxsize=None)
def _kink_values_cached(entry: Activation, key: tuple, params_items: tuple) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    params = dict(params_items)
    fw = framework_for(entry)
    recorded = {_as_number(k): v for k, v in entry.kink_convention(fw, params).items()} if fw else {}
    d1 = sp.diff(entry.f(params), X)
    try:
        sides = entry.one_sided_derivatives(params)
    except ValueError:  # a switch condition SymPy does not solve (x <= 6*sigmoid(x), tanh(x) >= x/4 at 0): f' is
        return ()       # taken from its formula, the value a kink without a recorded convention gets below
    out = []
    for point, (left, right) in sides.items():
        point = _as_number(point)
        if point in recorded:
            value = recorded[point]
        elif sp.simplify(left - right) == 0:
            value = left
        else:
            value = d1.subs(X, point)
        out.append((point, _as_number(sp.sympify(value, strict=True))))
    return tuple(out)


def kink_values(entry: Activation | str, params: Mapping[str, Any] | None = None) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    """``((kink point, f' value there), ...)`` for ``entry`` at ``params`` under its framework convention."""
    entry = get(entry) if isinstance(entry, str) else entry
    items = tuple(sorted((params or {}).items()))
    return _kink_values_cached(entry, params_key(entry, params), items)


def exact_fraction(v: sp.Expr) -> Fraction | None:
    """``v`` as a Fraction when it is rational (kinks at irrational points can never be hit by a float)."""
    v = _as_number(sp.sympify(v, strict=True))
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return None

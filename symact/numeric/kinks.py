"""Derivative values at kinks, taken from the catalog's framework conventions.

At a kink (a boundary point of a ``Piecewise`` branch) f' does not exist; frameworks still return a number.
The catalog records PyTorch's choice in ``kink_derivatives['torch']`` (another framework's when torch has none,
e.g. ``hardsigmoid_keras`` -> tensorflow), keyed by the kink position *at the default parameters*.  To carry
that data to other parameter values, each recorded value is classified at the defaults as

* ``left``  - equals the left one-sided derivative (and not the right one), e.g. ReLU at 0;
* ``right`` - equals the right one-sided derivative (and not the left one), e.g. SELU at 0 (``scale``);
* ``value`` - equals both or neither: the recorded expression itself is used (e.g. ELU at 0 -> 1),

and the k-th kink (in increasing order) at other parameter values gets the same rule.  Kinks without recorded
data, and all kinks when the number of kinks changes with the parameters, get the common one-sided value when
both sides agree and otherwise the value of the derivative expression's own ``Piecewise`` at the point.

Recorded values may be strings naming parameters (``"alpha"``, ``"(lower+upper)/2"``); they are read with a
tiny arithmetic reader over the parameter names (``ast`` walk: numbers, names, + - * /), never ``eval``.
"""
from __future__ import annotations

import ast
from fractions import Fraction
from functools import lru_cache
from typing import Any, Mapping

import sympy as sp

from symact.catalog import X, get
from symact.catalog.registry import Activation

_EPS = sp.Symbol("_symact_eps", positive=True)


def framework_for(entry: Activation) -> str | None:
    """The framework whose kink convention is used: torch when recorded, else the first one recorded."""
    kd = dict(entry.kink_derivatives or {})
    if "torch" in kd:
        return "torch"
    return next(iter(kd), None)


def params_key(entry: Activation, params: Mapping[str, Any] | None) -> tuple:
    values = entry.param_values(params)
    return tuple(sorted((str(k), sp.srepr(v)) for k, v in values.items()))


def kink_points(expr: sp.Expr) -> list[sp.Expr]:
    """Boundary points of every Piecewise condition ``x < c``, ``x <= c`` (c a real number), sorted."""
    pts: set[sp.Expr] = set()
    for pw in expr.atoms(sp.Piecewise):
        for _, cond in pw.args:
            for rel in ([cond] if isinstance(cond, sp.core.relational.Relational)
                        else list(cond.atoms(sp.core.relational.Relational))):
                for side, other in ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs)):
                    if side == X and other.is_number and other.is_real:
                        pts.add(sp.Rational(str(other)) if other.is_Float else other)
    return sorted(pts, key=lambda p: float(p))


def one_sided(d1: sp.Expr, k: sp.Expr, side: int) -> sp.Expr:
    """lim_{x -> k^side} d1(x), for a Piecewise-in-x expression (side = -1 left, +1 right)."""
    shifted = d1.subs(X, k + side * _EPS)
    shifted = sp.piecewise_fold(shifted)
    return sp.limit(shifted, _EPS, 0, "+")


def _read_value(raw: Any, entry: Activation, values: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    if not isinstance(raw, str):
        return sp.sympify(raw)
    by_name = {p.name: values[p.symbol] for p in entry.params}

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return sp.Rational(repr(node.value)) if isinstance(node.value, float) else sp.Integer(node.value)
        if isinstance(node, ast.Name) and node.id in by_name:
            return by_name[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = walk(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            a, b = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            return a / b
        raise ValueError(f"{entry.name}: cannot read kink derivative {raw!r}")

    return walk(ast.parse(raw, mode="eval"))


def _as_number(v: sp.Expr) -> sp.Expr:
    return sp.Rational(str(v)) if v.is_Float else v


@lru_cache(maxsize=None)
def _rules(name: str) -> dict[int, str]:
    """Rule per kink index at the default parameters: 'left', 'right' or 'value'."""
    entry = get(name)
    fw = framework_for(entry)
    if fw is None:
        return {}
    f = entry.f()
    d1 = sp.diff(f, X)
    pts = kink_points(f)
    values = entry.param_values(None)
    out: dict[int, str] = {}
    for key, raw in entry.kink_derivatives[fw].items():
        k = sp.sympify(key)
        idx = next((i for i, p in enumerate(pts) if sp.simplify(p - k) == 0), None)
        if idx is None:
            continue
        val = _read_value(raw, entry, values)
        left, right = one_sided(d1, k, -1), one_sided(d1, k, +1)
        is_left = sp.simplify(_as_number(left) - _as_number(val)) == 0
        is_right = sp.simplify(_as_number(right) - _as_number(val)) == 0
        out[idx] = "left" if is_left and not is_right else "right" if is_right and not is_left else "value"
    return out


@lru_cache(maxsize=None)
def _kink_values_cached(name: str, key: tuple, params_items: tuple) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    entry = get(name)
    params = dict(params_items)
    f = entry.f(params)
    d1 = sp.diff(f, X)
    pts = kink_points(f)
    default_pts = kink_points(entry.f())
    rules = _rules(name) if len(pts) == len(default_pts) else {}
    values = entry.param_values(params)
    fw = framework_for(entry)
    raw_by_index: dict[int, Any] = {}
    if fw is not None and rules:
        for rk, raw in entry.kink_derivatives[fw].items():
            kk = sp.sympify(rk)
            for i, p in enumerate(default_pts):
                if sp.simplify(p - kk) == 0:
                    raw_by_index[i] = raw
    out = []
    for i, k in enumerate(pts):
        rule = rules.get(i)
        if rule == "left":
            v = one_sided(d1, k, -1)
        elif rule == "right":
            v = one_sided(d1, k, +1)
        elif rule == "value":
            v = _read_value(raw_by_index[i], entry, values)
        else:
            left, right = one_sided(d1, k, -1), one_sided(d1, k, +1)
            if sp.simplify(_as_number(left) - _as_number(right)) == 0:
                v = left
            else:
                v = d1.subs(X, k)
        out.append((k, _as_number(sp.sympify(v))))
    return tuple(out)


def kink_values(entry: Activation | str, params: Mapping[str, Any] | None = None) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    """``((kink point, f' value there), ...)`` for ``entry`` at ``params`` under its framework convention."""
    entry = get(entry) if isinstance(entry, str) else entry
    items = tuple(sorted((params or {}).items()))
    return _kink_values_cached(entry.name, params_key(entry, params), items)


def exact_fraction(v: sp.Expr) -> Fraction | None:
    """``v`` as a Fraction when it is rational (kinks at irrational points can never be hit by a float)."""
    v = _as_number(sp.sympify(v))
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return None

"""A user expression in x with a catalog entry's interface, so that everything that takes an entry (the
auditor's :class:`~symact.audit.reference.oracle.Oracle`, limits, the reference of :mod:`symact.numeric.reference`)
takes it too: ``symact audit TARGET --expr EXPR [--param k=v]`` and ``symact implement --expr`` read the same
exact expression (:func:`with_params`).

Where the expression is undefined at a real x (log(x) for x <= 0, sqrt(x) for x < 0, 0/0), its reference value
is NaN (a complex or failed evaluation), and an implementation must return NaN there.
"""
from __future__ import annotations

from typing import Any, Mapping

import sympy as sp

from symact.catalog.registry import X, Activation
from symact.errors import ExpressionError, ParameterError

#: the ``family`` of an expression's entry (no catalog entry has it)
EXPRESSION_FAMILY = "expression"


def with_params(expr: str, params: Mapping[str, Any]) -> sp.Expr:
    """The expression ``expr`` in x (text, read by the restricted parser) with each name of ``params`` replaced
    by its value (a number: exact, a decimal as the rational it denotes); every name must occur in ``expr``."""
    from symact.parsing import parse_expression

    parsed = parse_expression(expr, ("x", *params))
    values = {}
    for name, text in params.items():
        value = parse_expression(str(text), ())
        if not (value.is_number and value.is_real and value.is_finite):
            raise ParameterError(f"--param {name}={text}: give a finite real number")
        symbols = [s for s in parsed.free_symbols if s.name == name]
        if not symbols:
            raise ParameterError(f"--param {name}: there is no {name} in {expr}")
        values[symbols[0]] = value
    return sp.sympify(parsed.xreplace(values))


def expression_entry(expr: str, params: Mapping[str, Any] | None = None) -> Activation:
    """The scalar entry of ``expr`` at ``params`` (:func:`with_params`): named by the exact expression, no
    parameters of its own, no kink conventions."""
    f = with_params(expr, params or {})      # the parser allows no name but x and those of params
    if not f.has(X):
        raise ExpressionError(f"the expression {expr!r} does not depend on x")
    return Activation(name=sp.sstr(f), expr=f, description=f"the expression {expr}", family=EXPRESSION_FAMILY)


def is_expression(entry) -> bool:
    """Whether ``entry`` is an expression's (:func:`expression_entry`), not the catalog's."""
    return getattr(entry, "family", None) == EXPRESSION_FAMILY

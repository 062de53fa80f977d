"""The sign of a zero result at x = +-0 (``symact implement --expr``): the branch masks cannot tell -0 from +0,
and a piece's formula may not carry the sign the function has there (Abs(x) is x on x >= 0: -0 at -0; a
piecewise Min(sqrt(x), 1) gave -0 at -0).  Where the expression is 0 at 0, each zero gets the sign of the
certified correct rounding of the expression at the nearest float on its side (the smallest subnormal), or on
the other side where it is undefined on this one: +0 at both zeros (Abs(x), x**2, Max(x, 0)), -0 at both, or
the input's own zero where the sides differ (x*Abs(x), sin(x): -0 stays -0; -x where the signs are reversed)."""
from __future__ import annotations

import math

import numpy as np
import sympy as sp


def zero_value(expr: sp.Expr) -> str | None:
    """What the module returns at x = +-0, as code in the input x ("0.0", "-0.0", "x" or "-x"), or None (the
    expression is not 0 at 0, or undefined on both sides of it)."""
    from symact.audit.reference.oracle import rounded_expression

    tiny = math.ulp(0.0)
    at_zero, left, right = rounded_expression(expr, np.array([0.0, -tiny, tiny]), "float64")
    if at_zero != 0:
        return None
    left = right if math.isnan(left) else left
    right = left if math.isnan(right) else right
    if math.isnan(left):
        return None
    return {(False, False): "0.0", (True, True): "-0.0", (True, False): "x", (False, True): "-x"}[
        (bool(np.signbit(left)), bool(np.signbit(right)))]

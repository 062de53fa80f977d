"""The sign of a zero result at x = +-0 (``symact implement --expr``): the branch masks cannot tell -0 from +0,
and a piece's formula may not carry the sign the function has there (Abs(x) is x on x >= 0: -0 at -0; a
piecewise Min(sqrt(x), 1) gave -0 at -0).  Where the expression is 0 at 0, each zero gets the sign of the
certified correct rounding of the expression at the nearest float on its side (the smallest subnormal), or on
the other side where it is undefined on this one: +0 at both zeros (Abs(x), x**2, Max(x, 0)), -0 at both, or
the input's own zero where the sides differ (x*Abs(x), sin(x): -0 stays -0; -x where the signs are reversed).

On torch and JAX that zero carries the derivative of the branch formula's result there, not its own
(:func:`zero_select`, where the zero is the input's own): autograd's gradient at +-0 is f'(0) (2 for 2*x, not
the input's 1)."""
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


def zero_select(zero: str, ns: str) -> str:
    """The code of the module's result with ``zero`` (:func:`zero_value`) at x = +-0 in place of ``out``, in the
    array namespace ``ns`` (np, torch, jnp).  On torch and JAX where ``zero`` is the input's own (x or -x: f
    changes sign at 0) ``zero' - (out' - out)``, the primes marking values outside the gradient path: its value
    is ``zero`` bit for bit (out is finite there, so out' - out is +0, and z - (+0) is z for either zero z) and
    its derivative is out's, the branch formula's, not that of x (1: autograd's gradient of 2*x at 0 would be
    1).  A constant zero (+0 on both sides: f'(0) is
    0 where it exists) is selected as it is: autograd gives out's derivative times 0 there, 0, or NaN where
    out's is infinite (sqrt(x) at 0, where f' does not exist).  On JAX the test and the input's zero are those of
    w, x's exact float64 value: XLA compares a float32 subnormal x as 0 (x*erfc(x) was 0 at every subnormal)."""
    if ns == "jnp":
        zero = zero.replace("x", "w")
    at = "w" if ns == "jnp" else "x"
    if ns == "np" or zero.endswith("0.0"):
        return f"{ns}.where({at} == 0, {zero}, out)"
    stop = "({}).detach()" if ns == "torch" else "jax.lax.stop_gradient({})"
    return f"{ns}.where({at} == 0, {stop.format(zero)} - ({stop.format('out')} - out), out)"

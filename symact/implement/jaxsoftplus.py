"""JAX float32 modules: log(1 + exp(u)) in float64 arithmetic without XLA's float64 log1p.

XLA on the CPU computes float64 exp and expm1 with vectorised polynomials but float64 log and log1p by a scalar
library call: on 10^7 values log1p(exp(x)) in float64 took about 3 times jax.nn.softplus (float32), the exp
alone a fifth of that (measured, jax 0.8, 2-core x86-64 with AVX-512, by process CPU time).  So the float32
JAX modules print log(1 + exp(u)) as ``_softplus(u)`` (:data:`JAX_SOFTPLUS`): max(u, 0) + v g(2v - 1), v =
exp(-|u|) in [0, 1], g a polynomial for log1p(v)/v; no division (XLA's fused loop with a float64 division and
a long polynomial ran twice as long as either alone, measured), and each exp used once (see _softplus).  Its relative error is a few dozen float64
ulps, far below a float32 result's rounding (2^-24): the module's rounding to float32 is still the only one
that matters, and the exhaustive audit measures it.

The coefficients: the Chebyshev interpolant of g(v) = log1p(v)/v on v in [0, 1] (w = 2v - 1 in [-1, 1]) at 60
nodes, computed with mpmath at 200 bits, truncated at degree 16 and written in powers of w.  The Chebyshev
coefficients of g fall by a factor of about 6 per degree (g's singularity at v = -1, w = -3): those of degree
17 to 59 sum to below 2^-46, and g >= log 2, so the truncation is below 2^-45 relative; the powers of w
decrease from 0.81 by a factor of about 3 (the Taylor coefficients at w = 0), so Horner's rule in w, |w| <= 1,
adds a few ulps.  tests/test_implement_jaxsoftplus.py checks the helper against mpmath.
"""
from __future__ import annotations

from symact.implement.emit import BACKENDS, Backend

#: the float32 JAX modules' backend: ``log(1 + exp(u))`` printed as ``_softplus(u)`` (:data:`JAX_SOFTPLUS`,
#: defined in the module: no import)
JAX32 = Backend("jax", "jnp", BACKENDS["jax"].imports, {**BACKENDS["jax"].special, "softplus": ("", "_softplus")})

JAX_SOFTPLUS = '''#: log1p(v)/v for v in [0, 1] as a polynomial in w = 2v - 1 (the coefficients of w^0, w^1, ...): its
#: Chebyshev interpolant, truncated at degree 16 (below 2^-45 relative; symact.implement.jaxsoftplus)
_LOG1P_OVER = (0.8109302162163304, -0.1442635495494884, 0.03315243843828248, -0.008461080422138334,
               0.002288240914792944, -0.0006421502578688909, 0.0001849029296271901, -5.4261609007200444e-05,
               1.615731520144366e-05, -4.864552919100887e-06, 1.4788312520276908e-06, -4.5781184602100416e-07,
               1.4161078309776575e-07, -3.8944632180599386e-08, 1.1898404670558796e-08, -6.572116432062239e-09,
               2.1252966132504485e-09)


def _softplus(u):
    """log(1 + exp(u)) of float64 u = max(u, 0) + log1p(v), v = exp(-|u|) in [0, 1], log1p(v) = v g(2v - 1)
    with g the polynomial _LOG1P_OVER: float64 arithmetic and XLA's float64 exp, without its float64 log1p (a
    scalar library call); a relative error below 2^-44 (a sum of positive terms).  2v - 1 is computed as
    exp(-|u| + log 2) - 1 and v by an exp of its own: XLA does not fuse an exp that two operations use into
    the loop that follows, and writing it to memory costs more than the second exp (measured); an error of
    2^-53 |u| in 2v - 1 moves g by less than |g'| <= 0.15 times that.  inf: inf, -inf: 0, NaN: NaN.
    Differentiated as t/(1 + exp(-u)) (_softplus_jvp)."""
    a = -jnp.abs(u)
    w = jnp.exp(a + 0.6931471805599453) - 1.0
    g = _LOG1P_OVER[-1]
    for c in _LOG1P_OVER[-2::-1]:
        g = g * w + c
    return jnp.maximum(u, 0.0) + jnp.exp(a) * g


_softplus = jax.custom_jvp(_softplus)


@_softplus.defjvp
def _softplus_jvp(primals, tangents):
    return _softplus(primals[0]), tangents[0] / (1.0 + jnp.exp(-primals[0]))'''


def backend(target: str, dtype: str) -> Backend:
    """The backend that prints ``target``'s code for ``dtype`` inputs: :data:`JAX32` for float32 JAX modules."""
    return JAX32 if target == "jax" and dtype == "float32" else BACKENDS[target]

"""JAX float32 modules: erfc(u) in a value function in float64 arithmetic without XLA's float64 erfc.

XLA on the CPU computes float64 erfc with its float64 exp, which is slow: on 10^7 values the float32 gelu module
x erfc(-x/sqrt 2)/2 (in float64) took about 2.8 times jax.nn.gelu (float32), and the same module with exp in
place of erfc as long; with a polynomial for the exp (below) it took 1.3 to 1.5 times (measured, jax 0.8, 2-core
x86-64 with AVX-512, by process CPU time).  So a float32 JAX module's value function (not its derivative: see
:func:`value_backend`) prints erfc(u) as ``_erfc(u)`` (:data:`JAX_ERFC`): for t = |u|, erfc(t) = exp(-t^2)
erfcx(t), erfcx(t) a polynomial in w = (248/27)/(4 + t) - 35/27 (w in [-1, 1] for t in [0, 27]: 4/(4 + t) mapped
onto [-1, 1]), exp(-t^2) = 2^k p(r), r = -t^2 - k log 2 in [-log(2)/2, log(2)/2] (log 2 in two parts, Cody and
Waite's reduction), p the Taylor polynomial of degree 11 (its remainder below 2^-46 relative), 2^k in two factors
built from their bits (each a normal number, which 2^k is not below 2^-1022), and erfc(-t) = 2 - erfc(t).

The coefficients: the Chebyshev interpolant of erfcx(t(w)) at 100 nodes of w, computed with mpmath at 60 digits,
truncated at degree 18 (the coefficients of degree 19 to 99 sum to below 2^-44 of erfcx's least value there,
erfcx(27) = 0.021) and written in powers of w (they fall from 0.28 to 2.6e-9, so Horner's rule in w adds a few
float64 ulps).  With the exp's 2^-46 and t^2's rounding (relative 2^-53, which moves exp(-t^2) by 2^-53 t^2 <=
2^-43.5 relative for t <= 26.5) the relative error is below 2^-41 for |u| <= 26.5, where erfc(u) >= 2^-1022
(tests/test_implement_jaxerfc.py checks it against mpmath), far below a float32 result's rounding (2^-24): the
module's rounding to float32 is still the only one that matters, and the exhaustive audit measures it.  Beyond,
erfc(u) is below float64's normal numbers, and so is the result (0 where XLA flushes it, as it flushes its own
erfc's), the polynomial taken at 27; erfc(-u) = 2.
"""
from __future__ import annotations

import math

from symact.implement.emit import Backend
from symact.implement.jaxsoftplus import JAX32, backend

#: the float32 JAX modules' backend for a value function: erfc printed as ``_erfc`` (:data:`JAX_ERFC`, defined
#: in the module: no import)
JAX32_VALUE = Backend("jax", "jnp", JAX32.imports, {**JAX32.special, "erfc": ("", "_erfc")})

#: erfcx(t) for t in [0, 27] as a polynomial in w = (248/27)/(4 + t) - 35/27: the coefficients of w^0, w^1, ...
ERFCX = (0.17445461693784733, 0.2828442858795804, 0.22354311245042296, 0.1536013639973729, 0.09123348978706779,
         0.04628376554849569, 0.01961513831161493, 0.006653806404903037, 0.0016361865420870686,
         0.00019861942508077953, -3.9347563288116076e-05, -2.3855055692736204e-05, -2.7920942982939714e-06,
         1.2529501997364854e-06, 4.381305477456271e-07, -4.37045424020608e-08, -4.1136136403735e-08,
         5.593917379729935e-10, 2.629345916032407e-09)


def _tuple(name: str, values) -> str:
    """``name = (v0, v1, ...)`` with the float64 values' repr, four to a line."""
    items = [repr(float(v)) for v in values]
    rows = [", ".join(items[i:i + 4]) for i in range(0, len(items), 4)]
    pad = " " * (len(name) + 4)
    return f"{name} = (" + (",\n" + pad).join(rows) + ")"


JAX_ERFC = f'''#: erfcx(t) = exp(t^2) erfc(t) for t in [0, 27] as a polynomial in w = (248/27)/(4 + t) - 35/27,
#: in [-1, 1] (the coefficients of w^0, w^1, ...): its Chebyshev interpolant, truncated at degree 18 (below
#: 2^-44 relative; symact.implement.jaxerfc)
{_tuple("_ERFCX", ERFCX)}
#: 1/n! for n = 0, ..., 11: exp(r) for |r| <= log(2)/2 by its Taylor polynomial (remainder below 2^-46 relative)
{_tuple("_EXP", (1 / math.factorial(n) for n in range(12)))}


def _erfc(u):
    """erfc(u) of float64 u: for t = |u|, exp(-t^2) times the polynomial _ERFCX in w, exp(-t^2) = 2^k p(r) with
    r = -t^2 - k log 2 (log 2 = 0.6931471803691238 + 1.9082149292705877e-10, the first exact in k times it) and p
    the polynomial _EXP, 2^k as two factors built from their bits; erfc(-t) = 2 - erfc(t).  Float64 arithmetic
    without XLA's float64 erfc and exp (slow); a relative error below 2^-41 for |u| <= 26.5, where erfc(u) >=
    2^-1022; beyond, below 2^-1022 as erfc(u) is (the polynomial taken at 27), and erfc(-u) = 2.  inf: 0,
    -inf: 2, NaN: NaN.  Differentiated as -2 exp(-u^2)/sqrt(pi) (_erfc_jvp).  Compiled as one XLA computation
    (jax.jit) also where the caller runs op by op: some sixty operations, each its own pass over the array and,
    at its first call, its own compilation."""
    t = jnp.abs(u)
    w = 9.185185185185185 / (4.0 + jnp.minimum(t, 27.0)) - 1.2962962962962963
    g = _ERFCX[-1]
    for c in _ERFCX[-2::-1]:
        g = g * w + c
    y = jnp.maximum(-t * t, -1400.0)
    k = jnp.round(y * 1.4426950408889634)
    r = (y - k * 0.6931471803691238) - k * 1.9082149292705877e-10
    p = _EXP[-1]
    for c in _EXP[-2::-1]:
        p = p * r + c
    n = k.astype(jnp.int64)
    h = n >> 1
    e = p * jax.lax.bitcast_convert_type((h + 1023) << 52, jnp.float64) * jax.lax.bitcast_convert_type(
        (n - h + 1023) << 52, jnp.float64) * g
    return jnp.where(u < 0, 2.0 - e, e)


_erfc = jax.custom_jvp(jax.jit(_erfc))


@_erfc.defjvp
def _erfc_jvp(primals, tangents):
    return _erfc(primals[0]), tangents[0] * (-1.1283791670955126 * jnp.exp(-primals[0] ** 2))'''


def value_backend(target: str, dtype: str) -> Backend:
    """The backend that prints ``target``'s value function for ``dtype`` inputs: :data:`JAX32_VALUE` for float32
    JAX modules, else :func:`symact.implement.jaxsoftplus.backend`'s.  A derivative keeps XLA's erfc: gelu's,
    Phi(x) + x phi(x), is 0 near x = -0.7518, where its terms (0.23) cancel to the float32 values next to it
    (5e-9, with ulps of 2^-51): that needs erfc within a few float64 ulps, not 2^-41."""
    return JAX32_VALUE if target == "jax" and dtype == "float32" else backend(target, dtype)

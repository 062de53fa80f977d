"""The generated modules' own rounding code: JAX's reading and rounding of float32/float16/bfloat16 through
their bits (:data:`JAX_BITS`), torch's single rounding to float16/bfloat16 (:data:`TORCH_HALF`), and the table of
inputs at rounding boundaries of a 16-bit format with their correctly rounded values (:func:`exact_table`, from
:func:`symact.implement.halfround.exact_tables`)."""
from __future__ import annotations

import math

from symact.implement.emit import BACKENDS

#: the 16-bit formats: computed in float64 and rounded once, correctly (NumPy's float64 -> float16 and
#: ml_dtypes' float64 -> bfloat16 conversions round once; torch's and XLA's go through float32 and can round
#: twice, so their modules round with :data:`TORCH_HALF` / :data:`JAX_BITS`)
HALF = ("float16", "bfloat16")
#: XLA on CPU flushes float32 subnormals to zero (inputs, results and conversions alike), so the JAX modules read
#: an input's exact value from its bits and build a subnormal result from its bits
JAX_BITS = """#: float32, float16, bfloat16: (the integer type of their bits, significand bits, least normal exponent)
_FORMATS = {jnp.dtype(jnp.float32): (jnp.int32, 24, -126), jnp.dtype(jnp.float16): (jnp.int16, 11, -14),
            jnp.dtype(jnp.bfloat16): (jnp.int16, 8, -126)}


def _widen(x):
    \"\"\"The exact float64 value of each x (XLA reads a float32 subnormal, bfloat16's too, as 0: decoded from its
    bits).  Differentiated as x (_widen_jvp).\"\"\"
    if x.dtype not in _FORMATS:
        return x.astype(jnp.float64)
    ints, p, emin = _FORMATS[x.dtype]
    bits = jax.lax.bitcast_convert_type(x, ints)
    mag = bits & jnp.iinfo(ints).max
    tiny = jnp.where(bits < 0, -1.0, 1.0) * mag.astype(jnp.float64) * 2.0 ** (emin - p + 1)
    return jnp.where(mag < 2 ** (p - 1), tiny, x.astype(jnp.float64))


_widen = jax.custom_jvp(_widen)


@_widen.defjvp
def _widen_jvp(primals, tangents):
    return _widen(primals[0]), tangents[0].astype(jnp.float64)


def _narrow(y, dtype):
    \"\"\"y rounded once to ``dtype`` (to nearest, ties to even).  XLA converts float64 to float16/bfloat16
    through float32, which can round twice: y is first rounded to that format in float64 arithmetic (exact
    scalings by its spacing), which the conversion keeps.  Below the least normal number 2^emin, where XLA
    flushes float32 to 0 (keeping the sign), the result is the conversion's bits with the subnormal's
    significand k set: |y| + 2^(emin - p + 53) lies in a binade of float64 spacing 2^(emin - p + 1), the
    subnormals' own, so the addition rounds |y| to k 2^(emin - p + 1) (ties to even; k = 2^(p - 1) where it
    rounds up to 2^emin) and k is the sum's low bits (a conversion that does not flush holds k already).
    Differentiated as y (_narrow_jvp).\"\"\"
    if dtype not in _FORMATS:
        return y.astype(dtype)
    ints, p, emin = _FORMATS[dtype]
    a = jnp.abs(y)
    if dtype != jnp.float32:
        ulp = jnp.ldexp(1.0, jnp.maximum(jnp.frexp(a)[1] - 1, emin) - (p - 1))
        a = jnp.round(a / ulp) * ulp
        y = jnp.copysign(a, y)
    k = jax.lax.bitcast_convert_type(a + 2.0 ** (emin - p + 53), jnp.int64).astype(ints)
    bits = jax.lax.bitcast_convert_type(y.astype(dtype), ints) | jnp.where(a < 2.0 ** emin, k, ints(0))
    return jax.lax.bitcast_convert_type(bits, dtype)


_narrow = jax.custom_jvp(_narrow, nondiff_argnums=(1,))


@_narrow.defjvp
def _narrow_jvp(dtype, primals, tangents):
    return _narrow(primals[0], dtype), tangents[0].astype(dtype)"""
TORCH_HALF = """#: float16, bfloat16: (significand bits, exponent of the least normal number)
_HALF = {torch.float16: (11, -14), torch.bfloat16: (8, -126)}


def _narrow(y, dtype):
    \"\"\"y rounded once to ``dtype`` (to nearest, ties to even).  torch converts float64 to float16/bfloat16
    through float32, which can round twice: y is first rounded to that format in float64 arithmetic (exact
    scalings by its spacing), which the conversion keeps; autograd differentiates it as y.\"\"\"
    if dtype not in _HALF:
        return y.to(dtype)
    p, emin = _HALF[dtype]
    a = torch.abs(y.detach())
    ulp = torch.ldexp(torch.ones_like(a), torch.clamp(torch.frexp(a).exponent - 1, min=emin) - (p - 1))
    r = torch.copysign(torch.round(a / ulp) * ulp, y.detach())
    # r with the gradient of y: y' - y is +0 for a finite y, and r - (+0) is r, a zero's sign included (r with
    # no gradient where it is 0 gave leaky_relu(alpha=0.2)' = 0 at float16 subnormals whose 0.2 x rounds to -0)
    return torch.where(r == y, y, r - (y.detach() - y)).to(dtype)"""


def exact_table(tables: dict, target: str) -> str:
    """``_EXACT`` (part name -> its sorted inputs and their correctly rounded values, as float64 arrays) and
    ``_exact``, which puts those values in."""
    array = {"numpy": "np.array({})", "torch": "torch.tensor({}, dtype=torch.float64)",
             "jax": "np.array({})"}[target]
    ns = BACKENDS[target].ns
    keys, values = ("keys.to(w.device)", "values.to(w.device)") if target == "torch" else ("keys", "values")
    lines = ["#: part -> (the inputs whose float64 value rounds wrongly or lies within 2^-40 of a rounding boundary of "
             "the", "#: format, sorted; their correctly rounded values, by symact's certified reference)",
             "_EXACT = {"]
    for name, (xs, ys) in tables.items():
        lines += [f"    {name!r}: ({array.format(_numbers(xs))},", f"        {array.format(_numbers(ys))}),"]
    return "\n".join(lines + [
        "}", "", "",
        "def _exact(w, out, table):",
        '    """out with the values of ``table`` at its inputs' + ('."""' if target == "numpy" else
                                                                 ' (differentiated as out)."""'),
        "    keys, values = " + ("map(jnp.asarray, table)  # float64 inside jax.enable_x64" if target == "jax"
                                else "table"),
        f"    i = {ns}.searchsorted({keys}, w).clip(0, len(keys) - 1)",
        f"    return {ns}.where({keys}[i] == w, {_straight(target, values + '[i]')}, out)"])


def _numbers(values: list) -> str:
    """A list of floats as Python text (an overflow's rounding is float('inf'), which has no literal)."""
    return "[" + ", ".join(repr(v) if v not in (math.inf, -math.inf) else f"{'-' if v < 0 else ''}float('inf')"
                           for v in values) + "]"


def _straight(target: str, value: str) -> str:
    """``value`` with the derivative of out on torch and JAX where out is finite (value - out is then exact, as
    value is close to out, or out is an expression's as-written value, far off: its derivative is no worse);
    value itself where out is not (inf - inf would be NaN)."""
    if target == "numpy":
        return value
    ns, keep = ("torch", f"({value} - out).detach()") if target == "torch" else \
        ("jnp", f"jax.lax.stop_gradient({value} - out)")
    return f"{ns}.where({ns}.isfinite(out), out + {keep}, {value})"


def helpers(target: str, dtype: str, wide: bool) -> list[str]:
    """The module's own rounding functions (after its functions): JAX's whenever it computes in float64,
    torch's for the 16-bit formats."""
    if target == "jax" and wide:
        return ["", "", JAX_BITS]
    return ["", "", TORCH_HALF] if target == "torch" and dtype in HALF else []

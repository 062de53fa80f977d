"""The JAX modules' rounding of float64 results (symact.implement.rounding.JAX_BITS, _narrow): round to nearest,
ties to even, subnormal results included although XLA on the CPU flushes float32 subnormals to 0; and the JAX
code of a branch on the whole line (no mask: NaN in gives NaN out by the formula itself)."""
import math
from fractions import Fraction

import numpy as np
import pytest

from symact.implement import implement
from symact.implement.rounding import JAX_BITS

jax = pytest.importorskip("jax")
ml_dtypes = pytest.importorskip("ml_dtypes")
jnp = jax.numpy



def _boundaries(p: int, emin: int) -> np.ndarray:
    """Every subnormal k 2^(emin - p + 1) of a format (k = 0 .. 2^(p - 1), the least normal number last), every
    midpoint between two of them, and the float64 numbers next to each: where a rounding to the format could go
    wrong (it is monotone in between); both signs."""
    k = np.arange(0, 2 ** (p - 1) + 1, dtype=np.float64)
    points = np.concatenate([k, k + 0.5]) * 2.0 ** (emin - p + 1)
    points = np.concatenate([points, np.nextafter(points, 0), np.nextafter(points, 1)])
    return np.concatenate([points, -points])


def _ties_to_even(y: float, p: int, emin: int) -> float:
    """y rounded to nearest, ties to even, on the grid of spacing 2^(max(e, emin) - p + 1) (exact fractions)."""
    if y == 0:
        return y
    e = max(math.frexp(abs(y))[1] - 1, emin)
    q = Fraction(abs(y)) / Fraction(2) ** (e - p + 1)
    n = math.floor(q)
    if q - n > Fraction(1, 2) or q - n == Fraction(1, 2) and n % 2:
        n += 1
    return math.copysign(float(n * Fraction(2) ** (e - p + 1)), y)


def test_narrow_rounds_subnormal_results_to_nearest_even_float32(jax_snippet):
    """At every float32 subnormal, every midpoint between two and the float64 numbers beside them (2^26 points),
    _narrow gives NumPy's float64 -> float32 conversion (IEEE round to nearest even: NumPy does not flush
    subnormals), bit for bit, the sign of a zero too; and on a sample the exact rounding computed with fractions
    here.  Normal results, +-inf and NaN pass through the conversion."""
    narrow = jax_snippet(JAX_BITS, "_narrow")
    grid = _boundaries(24, -126)
    ys = np.concatenate([grid,
                         [2.0 ** -126 * (1 - 2.0 ** -25), 2.0 ** -126 * (1 - 2.0 ** -26), 1.0, -3.5, 1e38, 1e300,
                          -1e300, np.inf, -np.inf, np.nan]])
    with jax.enable_x64(True):
        got = np.asarray(jax.jit(lambda y: narrow(y, jnp.dtype(jnp.float32)))(jnp.asarray(ys)))
    with np.errstate(over="ignore"):
        want = ys.astype(np.float32)
    same = (got.view(np.int32) == want.view(np.int32)) | (np.isnan(got) & np.isnan(want))
    assert same.all(), ys[~same][:5]
    assert got[0] == 0 and got[1] == 2.0 ** -149 and got.view(np.int32)[grid.size // 2] == np.int32(-2 ** 31)  # -0
    sample = np.random.default_rng(3).choice(ys.size - 10, 3000, replace=False)
    for i in sample:
        assert float(got[i]) == _ties_to_even(float(ys[i]), 24, -126), ys[i]


@pytest.mark.parametrize("dtype, p, emin", [("float16", 11, -14), ("bfloat16", 8, -126)])
def test_narrow_rounds_16_bit_subnormal_results_once(dtype, p, emin, jax_snippet):
    """The same for float16 and bfloat16 (XLA converts float64 to them through float32, flushing on the way):
    ml_dtypes' conversion from float64 (one rounding), and the exact rounding at every point of the grid test."""
    narrow = jax_snippet(JAX_BITS, "_narrow")
    ys = np.concatenate([_boundaries(p, emin), np.random.default_rng(4).standard_normal(20000) * 10])
    with jax.enable_x64(True):
        got = np.asarray(jax.jit(lambda y: narrow(y, jnp.dtype(dtype)))(jnp.asarray(ys))).astype(np.float64)
    want = ys.astype(getattr(ml_dtypes, dtype) if dtype == "bfloat16" else np.float16).astype(np.float64)
    assert ((got == want) & (np.signbit(got) == np.signbit(want))).all()
    for y, g in zip(ys[::7], got[::7]):
        assert g == _ties_to_even(float(y), p, emin), y


def test_whole_line_branch_without_mask_keeps_nan():
    """sigmoid's one branch covers the whole line: its float32 JAX code computes the formula on the input with
    no mask (NaN in gives NaN out by IEEE arithmetic), and gives 1/2 at +-0, 1 at +inf, 0 at -inf, and the
    float32 rounding of 1/(1 + e^-x) (Python's float64 math, within half an ulp of float32) elsewhere."""
    source = implement("sigmoid", target="jax", dtype="float32", budget=0.5).source
    value = source[source.index("def sigmoid(x):"):source.index("return _narrow(out, x.dtype)")]
    assert "jnp.where" not in value and "m = " not in value
    scope: dict = {}
    exec(compile(source, "<sigmoid_jax>", "exec"), scope)
    xs = np.array([np.nan, 0.0, -0.0, np.inf, -np.inf, 1.5, -20.0, -100.0], dtype=np.float32)
    got = np.asarray(jax.jit(scope["sigmoid"])(jnp.asarray(xs)))
    assert math.isnan(got[0]) and got[1:5].tolist() == [0.5, 0.5, 1.0, 0.0]
    for x, g in zip(xs[5:], got[5:]):
        assert g == np.float32(1 / (1 + math.exp(-float(x)))), x

"""The float32 JAX value functions' _erfc (symact.implement.jaxerfc): erfc(u) in float64 arithmetic without XLA's
float64 erfc, against mpmath at 100 bits (the ground truth), within its stated 2^-41 relative error for
|u| <= 26.5 (erfc(u) >= 2^-1022) and below 2^-1022 beyond; and the modules that use it (the value only: the derivative keeps XLA's
erfc)."""
import math
import re

import mpmath
import numpy as np
import pytest

from symact.implement import implement
from symact.implement.jaxerfc import JAX_ERFC

jax = pytest.importorskip("jax")
jnp = jax.numpy



def _run(erfc, u):
    with jax.enable_x64(True):
        return np.asarray(jax.jit(erfc)(jnp.asarray(np.asarray(u, dtype=np.float64))))


def test_erfc_helper_against_mpmath(jax_snippet):
    erfc = jax_snippet(JAX_ERFC, "_erfc")
    rng = np.random.default_rng(11)
    # the claimed range |u| <= 26.5 (a gelu module passes u = -x/sqrt 2, |x| < 40), densest near 0, where the
    # exp's reduction changes k (t^2 near multiples of log 2) and near the end
    u = np.concatenate([rng.uniform(-26.5, 26.5, 4000), rng.uniform(-1, 1, 1000), rng.uniform(-1e-6, 1e-6, 200),
                        np.sqrt(np.arange(1, 1014) * math.log(2)), rng.uniform(25, 26.5, 500),
                        [0.0, -0.0, 26.5, -26.5, 0.5, 0.53, -0.53, 1.0, 3.0, 10.5, 5e-324]])
    got = _run(erfc, u)
    mpmath.mp.prec = 100
    for a, g in zip(u, got):
        exact = mpmath.erfc(mpmath.mpf(float(a)))
        assert abs(mpmath.mpf(float(g)) / exact - 1) < mpmath.mpf(2) ** -41, a


def test_erfc_helper_beyond_26_5(jax_snippet):
    """Beyond |u| = 26.5, where erfc(u) < 2^-1022: a result below 2^-1022 too (0 where XLA flushes it), never
    negative (x erfc(-x/sqrt 2)/2 keeps the sign of x), and erfc(-u) = 2."""
    erfc = jax_snippet(JAX_ERFC, "_erfc")
    u = np.concatenate([np.linspace(26.55, 40, 300), [27.0, 1e10, 1e300]])
    got, neg = _run(erfc, u), _run(erfc, -u)
    assert ((got >= 0) & (got < 2.0 ** -1022)).all()
    assert (_run(erfc, u[u > 30]) == 0).all()  # exp(-900): beyond the subnormals too
    assert (neg == 2.0).all()


def test_erfc_helper_special_values_and_derivative(jax_snippet):
    erfc = jax_snippet(JAX_ERFC, "_erfc")
    out = _run(erfc, [np.inf, -np.inf, np.nan])
    assert out[0] == 0.0 and out[1] == 2.0 and math.isnan(out[2])
    with jax.enable_x64(True):
        # d/du erfc(u) = -2 exp(-u^2)/sqrt(pi): -2/sqrt(pi) at 0, -2/(e sqrt(pi)) at 1
        assert abs(float(jax.grad(erfc)(0.0)) + 2 / math.sqrt(math.pi)) < 1e-15
        assert abs(float(jax.grad(erfc)(-1.0)) + 2 / (math.e * math.sqrt(math.pi))) < 1e-15


def test_float32_jax_gelu_value_uses_it():
    """The float32 JAX module's value computes erfc by _erfc, its derivative by XLA's erfc (its zero near
    x = -0.7518 needs erfc within a few float64 ulps); float64's keeps XLA's erfc for both."""
    f32 = implement("gelu", target="jax", dtype="float32", derivative=True, budget=0.5).source
    f64 = implement("gelu", target="jax", dtype="float64", derivative=True, budget=0.5).source
    value, derivative = f32.split("def gelu_derivative(x):")[0], f32.split("def gelu_derivative(x):")[1]
    assert "_erfc(" in value.split("def _gelu_value(x):")[1]
    assert re.search(r"[^_]erfc\(", derivative.split("def _into(")[0]) and "_erfc(" not in derivative.split("def _into(")[0]
    assert "from jax.scipy.special import erfc" in f32
    assert "_erfc(" not in f64 and "erfc(" in f64
    alone = implement("gelu", target="jax", dtype="float32", budget=0.5).source  # no derivative: no XLA erfc
    assert "_erfc(" in alone and "import erfc" not in alone


def test_float32_jax_gelu_module_against_mpmath():
    """The module itself: gelu(x) = x Phi(x) on float32 inputs, within half an ulp plus 2^-16 of one (_erfc's 2^-41 relative is at most 2^-17 of an ulp), and its
    derivative by autograd near its zero."""
    from symact.implement.module import load_source
    module = load_source(implement("gelu", target="jax", dtype="float32", derivative=True, budget=0.5).source,
                         "_test_gelu_jax_f32")
    rng = np.random.default_rng(5)
    x = np.concatenate([rng.standard_normal(1500) * 5, rng.uniform(-14.5, -9, 500),
                        [-14.0, -1.0, -0.75, 0.0, 1e-30, -1e-40, 3.0]]).astype(np.float32)
    got = np.asarray(jax.jit(module.gelu)(jnp.asarray(x)))
    mpmath.mp.prec = 100
    for a, g in zip(x, got):
        exact = mpmath.mpf(float(a)) * mpmath.ncdf(mpmath.mpf(float(a)))
        ulp = float(np.spacing(np.float32(abs(float(exact))))) if exact != 0 else 2.0 ** -149
        assert abs(mpmath.mpf(float(g)) - exact) <= (0.5 + 2.0 ** -16) * ulp, a
        assert g == 0 or math.copysign(1, g) == math.copysign(1, a)
    # the derivative (gelu_derivative, XLA's erfc) at the float32 input next to its zero: within 1 ulp of it
    x0 = np.float32(-0.75179154)
    d = float(jax.grad(module.gelu)(x0))
    exact = mpmath.ncdf(mpmath.mpf(float(x0))) + float(x0) * mpmath.npdf(mpmath.mpf(float(x0)))
    assert abs(mpmath.mpf(d) - exact) <= float(np.spacing(np.float32(abs(float(exact)))))

"""The float32 JAX modules' _softplus (symact.implement.jaxsoftplus): log(1 + exp(u)) in float64 arithmetic
without XLA's float64 log1p, against mpmath at 100 bits (the ground truth), within its stated 2^-44 relative
error; and the modules that use it."""
import math

import mpmath
import numpy as np
import pytest

from symact.implement import implement
from symact.implement.jaxsoftplus import JAX_SOFTPLUS

jax = pytest.importorskip("jax")
jnp = jax.numpy



def test_softplus_helper_against_mpmath(jax_snippet):
    softplus = jax_snippet(JAX_SOFTPLUS, "_softplus")
    rng = np.random.default_rng(7)
    # the whole range a float32 module passes (|u| < 40 there, but the helper claims every u), densest where
    # log1p's argument is near 0 and 1 and where the result is tiny
    u = np.concatenate([rng.uniform(-745, 745, 3000), rng.uniform(-40, 40, 3000), rng.uniform(-1e-6, 1e-6, 500),
                        [0.0, -0.0, 1.0, -1.0, 40.0, -40.0, 700.0, -700.0, 36.7, -36.7]])
    with jax.enable_x64(True):
        got = np.asarray(jax.jit(softplus)(jnp.asarray(u)))
    mpmath.mp.prec = 100
    for a, g in zip(u, got):
        exact = mpmath.log1p(mpmath.exp(mpmath.mpf(float(a))))
        if exact < mpmath.mpf(2) ** -1000:  # below float64's normal range (XLA flushes float64 subnormals)
            assert abs(g) <= 2.0 ** -1000
            continue
        assert abs(mpmath.mpf(float(g)) / exact - 1) < mpmath.mpf(2) ** -44, a


def test_softplus_helper_special_values_and_derivative(jax_snippet):
    softplus = jax_snippet(JAX_SOFTPLUS, "_softplus")
    with jax.enable_x64(True):
        out = np.asarray(softplus(jnp.asarray([np.inf, -np.inf, np.nan])))
        assert out[0] == np.inf and out[1] == 0.0 and math.isnan(out[2])
        # d/du log(1 + e^u) = 1/(1 + e^-u): 1/2 at 0, e/(1 + e) at 1
        assert float(jax.grad(softplus)(0.0)) == 0.5
        assert abs(float(jax.grad(softplus)(1.0)) - math.e / (1 + math.e)) < 1e-15


@pytest.mark.parametrize("name", ["softplus", "logsigmoid", "mish"])
def test_float32_jax_modules_use_it(name):
    """The float32 JAX module computes log(1 + exp(u)) by _softplus, not XLA's float64 log1p; float64's keeps
    jnp.log1p (the helper is accurate to a few dozen float64 ulps only)."""
    f32 = implement(name, target="jax", dtype="float32", derivative=True, budget=0.5).source
    f64 = implement(name, target="jax", dtype="float64", derivative=True, budget=0.5).source
    assert "_softplus(" in f32 and "jnp.log1p" not in f32
    assert "_softplus(" not in f64 and "jnp.log1p" in f64

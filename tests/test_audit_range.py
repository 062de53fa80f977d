"""The audit's ``range`` check on rounded implementations: an output fails only where no value within the accuracy
standard of an exact value in the proved range could be it (the end of the range, less the standard's tolerance
there, translated to the dtype exactly); an output truly outside still fails."""
from __future__ import annotations

import mpmath
import pytest
import numpy as np

from symact.audit import audit
from symact.audit.reference.expression import expression_entry

FAST = dict(hypothesis=0, effort=0.3, derivative=False, isolate=False)
EXPR = "softplus(x, beta=3) - x/2"       # even, minimum log(2)/3 at x = 0 (irrational)


def _checks(report):
    return {c.name: c for c in report.checks}


def _min_value() -> float:
    with mpmath.workdps(50):
        return float(mpmath.log(2) / 3)


def _sp3(x):
    """log(1 + exp(3x))/3 - x/2 = |x|/2 + log1p(exp(-3|x|))/3: correct to a few ulps, rounded as it goes."""
    a = np.abs(x)
    return a / 2 + np.log1p(np.exp(-3 * a)) / 3


def test_outputs_a_few_ulps_below_an_irrational_minimum_pass():
    """log(2)/3 = 0.23104906018664843...; float64 rounds it to m = 0.23104906018664845.  Returning the float two
    below m at x = 0 (2 ulps off, within the default 16 ulp standard, as the generated module did near 0) is a
    value a correct-enough implementation may return: the range check passes it, and the values check too."""
    m = _min_value()
    low = np.nextafter(np.nextafter(m, 0), 0)

    def f(x):
        return np.where(np.abs(x) < 1e-15, low, _sp3(x))

    checks = _checks(audit(f, expression_entry(EXPR, {}), "float64", **FAST))
    assert checks["values"].status == "pass" and checks["range"].status == "pass"


def test_an_output_truly_below_the_minimum_fails():
    """1e-9 below log(2)/3 near 0 is millions of ulps: outside the range by more than any tolerance."""
    def f(x):
        return np.where(np.abs(x) < 1e-15, _min_value() - 1e-9, _sp3(x))

    checks = _checks(audit(f, expression_entry(EXPR, {}), "float64", **FAST))
    assert checks["range"].status == "fail"
    assert all(v.returned < _min_value() - 5e-10 for v in checks["range"].failures)


def _tightest_lower_bound() -> float:
    """The least float64 >= log(2)/3 - 16 ulp: log(2)/3 = 0.2310490601866484... lies in [1/8, 1/4), where a float64
    ulp is 2^-55, and the default standard allows 16 ulps (kappa = |x f'/f| = 0 at the minimum x = 0; the ulp
    doubles only above 1/4, farther out).  Independent of the auditor: mpmath at 50 digits, then the float64
    just above."""
    with mpmath.workdps(50):
        t = mpmath.log(2) / 3 - 16 * mpmath.mpf(2) ** -55
        r = float(t)
        return r if mpmath.mpf(r) >= t else float(np.nextafter(r, np.inf))


@pytest.mark.parametrize("below,fails", [(0, False), (4, True)])
def test_outputs_beyond_the_standard_below_an_irrational_minimum_by_a_few_ulps_fail(below, fails):
    """The range check used the outer edge of the end's enclosure, confirmed only to 10^-12 (log(2)/3 - 6.5e-13),
    so values 4 ulps beyond the tolerance passed; the kernel now proves the end exactly (the extrema's point x = 0
    is computed with the range) and its arb enclosure is refined below the dtype's ulp.  At x = 0 the planted
    target returns the tightest bound (passes) or the float64 ``below`` ulps under it (fails there)."""
    value = _tightest_lower_bound()
    for _ in range(below):
        value = float(np.nextafter(value, 0))

    def f(x):
        return np.where(np.abs(x) < 1e-15, value, _sp3(x))

    rng = _checks(audit(f, expression_entry(EXPR, {}), "float64", **FAST))["range"]
    assert "[log(2)/3, " in rng.detail or rng.failures, rng.detail
    assert (rng.status == "fail") == fails, rng.detail
    if fails:
        assert all(v.returned == value for v in rng.failures)


def _sigmoid32(x):
    return (1 / (1 + np.exp(-x.astype(np.float64)))).astype(np.float32)


def test_float32_sigmoid_reaching_one_passes_and_one_ulp_above_fails():
    """In float32, sigmoid(17) rounds to 1.0 (the open end of (0, 1)): a correctly rounded result, allowed under the
    strict 0.5 ulp standard.  1 + 2^-23, the float32 after 1, is more than half an ulp from any value in (0, 1):
    the strict range check fails it (the values check too)."""
    strict = dict(FAST, strict=True, budget=0.5)
    assert _checks(audit(_sigmoid32, "sigmoid", "float32", **strict))["range"].status == "pass"

    def over(x):
        r = _sigmoid32(x)
        return np.where(r == 1, np.float32(1 + 2 ** -23), r).astype(np.float32)

    rng = _checks(audit(over, "sigmoid", "float32", **strict))["range"]
    assert rng.status == "fail" and all(v.returned == 1 + 2 ** -23 for v in rng.failures)


def test_relu6_one_float32_above_six_fails_under_the_strict_standard():
    """relu6's range [0, 6] has exact ends: 6 + 2^-21 (the next float32) is a whole ulp above, beyond half an ulp."""
    def f(x):
        return np.where(x >= 6, np.float32(6 + 2 ** -21), np.clip(x, 0, 6)).astype(np.float32)

    rng = _checks(audit(f, "relu6", "float32", **dict(FAST, strict=True, budget=0.5)))["range"]
    assert rng.status == "fail" and "6.0]" in rng.detail


def test_a_jax_function_given_numpy_arrays_is_audited_with_jax_arrays(tmp_path):
    """A function that takes NumPy arrays and returns JAX arrays is a JAX function: given a NumPy float64 array,
    JAX computes in float32 unless its 64-bit mode is on (softplus(1/3) came back 0.8736388683319092, 3.6e8 ulps
    from log(1 + e^(1/3)) = 0.87363890802274178...), and the audit failed a correct float64 module.  The audit
    now calls it with JAX arrays, whose backend switches 64-bit mode on for float64."""
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")

    def softplus(x):
        x = jnp.asarray(x)
        return jnp.maximum(x, 0) + jnp.log1p(jnp.exp(-jnp.abs(x)))

    was = jax.config.jax_enable_x64
    try:  # the audit runs in this process (isolate=False): the 64-bit mode it switches on is this process's
        report = audit(softplus, "softplus", "float64", **FAST)
        checks = _checks(report)
        assert checks["values"].status == "pass" and checks["dtype"].status == "pass"
        with mpmath.workdps(50):
            want = float(mpmath.log(1 + mpmath.exp(mpmath.mpf(1) / 3)))
        assert abs(float(softplus(jnp.asarray([1 / 3], dtype=jnp.float64))[0]) - want) <= 2 * np.spacing(want)
    finally:  # later tests of float32 JAX modules expect the default mode
        jax.config.update("jax_enable_x64", was)

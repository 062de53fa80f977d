"""Every defect class of issue 6's first paragraph, planted in a small implementation, is caught by the
default audit; correct implementations pass with defaults (no false alarms)."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.special as sc

from symact.audit import audit

FAST = dict(hypothesis=0, effort=0.5)


def _fails(report, check):
    assert not report.passed, report.text()
    assert check in report.failed_checks(), report.text()
    c = report.check(check)
    assert c.failures, report.text()
    return c


# -- correct implementations --------------------------------------------------------------------------------
def stable_softplus(x):
    return np.logaddexp(0, x)


def stable_gelu(x):
    with np.errstate(invalid="ignore"):
        y = 0.5 * x * sc.erfc(-x / np.sqrt(2).astype(x.dtype))
    return np.where(x == -np.inf, -0.0, y).astype(x.dtype)      # -inf * erfc(inf) would be nan


def stable_elu(x):
    return np.where(x < 0, np.expm1(np.minimum(x, 0)), x).astype(x.dtype)


def stable_leaky(x):
    return np.where(x < 0, x * x.dtype.type(0.01), x)


def stable_silu(x):
    # x e^x / (1 + e^x) computed as -exp(x + log(-x)) / (1 + e^x) far left, where e^x is subnormal
    with np.errstate(all="ignore"):
        far = -np.exp(x + np.log(-x)) / (1 + np.exp(x))
        y = np.where(x < -30, far, x * sc.expit(x))
    return np.where(x == -np.inf, -0.0, y)


def stable_silu_grad(x):
    # s (1 + x (1 - s)) with 1 - s = expit(-x) (no cancellation); far left e^x (1 + x) / (1 + e^x)^2 = -exp(x + log(-(1 + x))) / (1 + e^x)^2
    with np.errstate(all="ignore"):
        s = sc.expit(x)
        far = -np.exp(x + np.log(-(1 + x))) / (1 + np.exp(x)) ** 2
        y = np.where(x < -30, far, s * (1 + x * sc.expit(-x)))
    return np.where(x == -np.inf, -0.0, np.where(x == np.inf, 1.0, y))     # the limits of f' at -inf and +inf


@pytest.mark.parametrize("fn,name,dtype", [
    (sc.expit, "sigmoid", "float32"), (sc.expit, "sigmoid", "float64"),
    (np.tanh, "tanh", "float32"), (np.tanh, "tanh", "float64"),
    (stable_softplus, "softplus", "float32"), (stable_softplus, "softplus", "float64"),
    (stable_gelu, "gelu", "float32"), (stable_elu, "elu", "float32"), (stable_leaky, "leaky_relu", "float32"),
])
def test_correct_implementations_pass(fn, name, dtype):
    r = audit(fn, name, dtype=dtype, **FAST)
    assert r.passed, r.text()


def test_correct_gradient_passes():
    r = audit(stable_silu, "silu", dtype="float64", grad=stable_silu_grad, **FAST)
    assert r.passed, r.text()
    assert r.check("derivative").status == "pass", r.text()


# -- planted defects ----------------------------------------------------------------------------------------
def test_overflow_at_large_x():
    def naive_tanh(x):
        e = np.exp(2 * x)
        return (e - 1) / (e + 1)            # inf/inf = nan for x > 44 (float32)

    r = audit(naive_tanh, "tanh", dtype="float32", **FAST)
    c = _fails(r, "values")
    assert any(np.isnan(f.returned) for f in c.failures) or r.check("warnings").status == "fail"


def test_expm1_cancellation():
    def naive_elu(x):
        return np.where(x < 0, np.exp(x) - 1, x)

    r = audit(naive_elu, "elu", dtype="float32", **FAST)
    c = _fails(r, "values")
    worst = c.worst
    assert -1e-3 < worst.input < 0 and worst.ulp_error > 16


def test_softplus_log1p_exp_underflow():
    def naive_softplus(x):
        with np.errstate(over="ignore"):
            return np.where(x > 40, x, np.log(1 + np.exp(x)))     # no overflow: only the left tail is wrong

    r = audit(naive_softplus, "softplus", dtype="float64", **FAST)
    c = _fails(r, "values")
    assert all(f.input < -30 for f in c.failures) and any(f.returned == 0.0 for f in c.failures), r.text()


def test_softplus_minus_40_is_a_failure():
    r = audit(lambda x: np.where(x < -37, 0.0, np.logaddexp(0, x)), "softplus", dtype="float64", **FAST)
    _fails(r, "values")


def test_tanh_gelu_audited_as_gelu_reports_match():
    def gelu_tanh(x):
        c = np.sqrt(2 / np.pi).astype(x.dtype)
        return (0.5 * x * (1 + np.tanh(c * (x + x.dtype.type(0.044715) * x ** 3)))).astype(x.dtype)

    r = audit(gelu_tanh, "gelu", dtype="float32", **FAST)
    _fails(r, "values")
    assert r.matches == "gelu_tanh", r.text()
    assert "convention" in r.failed_checks()


def test_keras_hardsigmoid_reports_match():
    r = audit(lambda x: np.clip(x * x.dtype.type(0.2) + x.dtype.type(0.5), 0, 1), "hardsigmoid", dtype="float32", **FAST)
    _fails(r, "values")
    assert r.matches == "hardsigmoid_keras", r.text()


def test_truncated_selu_constants():
    def selu_trunc(x):
        return (1.0507 * np.where(x < 0, 1.6733 * np.expm1(np.minimum(x, 0)), x)).astype(x.dtype)

    r = audit(selu_trunc, "selu", dtype="float32", **FAST)
    _fails(r, "values")


def test_wrong_default_leaky_slope():
    r = audit(lambda x: np.where(x < 0, x * x.dtype.type(0.1), x), "leaky_relu", dtype="float32", **FAST)
    _fails(r, "values")
    assert r.matches == "leaky_relu(alpha=0.1)", r.text()


def test_derivative_forgot_product_rule():
    r = audit(stable_silu, "silu", dtype="float64", grad=lambda x: sc.expit(x), **FAST)
    c = _fails(r, "derivative")
    assert c.worst.ulp_error > 16


def test_textbook_sigmoid_derivative_underflows():
    def grad(x):
        s = sc.expit(x)
        return s * (1 - s)                  # 0 for x > 37.4 where the exact value is ~1e-17

    r = audit(sc.expit, "sigmoid", dtype="float64", grad=grad, **FAST)
    c = _fails(r, "derivative")
    assert any(f.input > 37 and f.returned == 0.0 for f in c.failures), r.text()


def test_nan_turned_into_zero():
    r = audit(lambda x: np.nan_to_num(np.tanh(x)), "tanh", dtype="float32", **FAST)
    c = _fails(r, "special_values")
    assert any(f.exact == "nan" and f.returned == 0.0 for f in c.failures)


def test_input_mutated_in_place():
    def tanh_inplace(x):
        np.tanh(x, out=x)
        return x

    r = audit(tanh_inplace, "tanh", dtype="float32", **FAST)
    _fails(r, "mutation")


def test_float32_in_float64_out():
    r = audit(lambda x: np.tanh(x.astype(np.float64)), "tanh", dtype="float32", **FAST)
    c = _fails(r, "dtype")
    assert "float64" in c.detail


def naive_elu(x):
    return np.where(x < 0, np.exp(x) - 1, x)


def test_failure_has_input_returned_exact_ulp_and_reproduction():
    r = audit(naive_elu, "elu", dtype="float32", **FAST)    # importable: a lambda's reproduction says it is not
    f = r.failures[0]
    assert f.input is not None and f.returned is not None and f.exact is not None and f.ulp_error is not None
    assert f.reproduction.startswith("python -c ")
    js = r.to_json()
    assert js["passed"] is False and js["failures"]

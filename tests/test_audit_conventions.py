"""The ``convention`` stage of the auditor: implementations with unusual parameter values are reported as the
reading they do compute (fitted, not from a fixed list); correct implementations, garbage and failing targets
never produce a false match or a crash."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.special as sc

from symact.audit import audit
from symact.audit.stages import convention as conv
from symact.audit.dtypes import get_format
from symact.audit.report import FAIL, NOTE
from symact.catalog import get

FAST = dict(hypothesis=0, effort=0.5, derivative=False, isolate=False)   # some tests monkeypatch the search
NONE = "matches no other catalog entry or parameter value we could fit"


def _c(x, v):
    return x.dtype.type(v)


def leaky(a):
    return lambda x: np.where(x < 0, x * _c(x, a), x)


def elu(a):
    return lambda x: np.where(x < 0, _c(x, a) * np.expm1(np.minimum(x, 0)), x).astype(x.dtype)


def celu(a):
    return lambda x: np.where(x < 0, _c(x, a) * np.expm1(np.minimum(x, 0) / _c(x, a)), x).astype(x.dtype)


def softplus(b):          # the stable form of log(1 + exp(b x)) / b: no overflow, no cancellation
    def f(x):
        with np.errstate(over="ignore"):     # b |x| -> inf for huge x: exp(-inf) = 0 is right
            return (np.maximum(x, 0) + np.log1p(np.exp(-_c(x, b) * np.abs(x))) / _c(x, b)).astype(x.dtype)

    return f


def silu(b):
    return lambda x: (x * sc.expit(_c(x, b) * x)).astype(x.dtype)


def hardtanh(lo, hi):
    return lambda x: np.clip(x, _c(x, lo), _c(x, hi))


def softshrink(lam):
    return lambda x: np.where(x > lam, x - _c(x, lam), np.where(x < -lam, x + _c(x, lam), _c(x, 0))).astype(x.dtype)


def hardshrink(lam):
    return lambda x: np.where(np.abs(x) > lam, x, _c(x, 0)).astype(x.dtype)


PLANTED = [
    ("leaky_relu", leaky(0.15), "leaky_relu(alpha=0.15)", "leaky_relu(alpha=0.01)"),
    ("elu", elu(1.3), "elu(alpha=1.3)", "elu(alpha=1)"),
    ("softplus", softplus(3), "softplus(beta=3)", "softplus(beta=1)"),
    ("silu", silu(1.5), "silu(beta=1.5)", "silu(beta=1)"),
    ("hardtanh", hardtanh(-2, 2), "hardtanh(min_val=-2, max_val=2)", "hardtanh(min_val=-1, max_val=1)"),
    ("softshrink", softshrink(0.3), "softshrink(lambd=0.3)", "softshrink(lambd=0.5)"),
    ("celu", celu(0.7), "celu(alpha=0.7)", "celu(alpha=1)"),
    # parameters that only move a threshold (no slope for Gauss-Newton)
    ("hardshrink", hardshrink(0.3), "hardshrink(lambd=0.3)", "hardshrink(lambd=0.5)"),
    # rrelu's lower and upper only enter through their mean: the fixed slope is a leaky_relu reading
    ("rrelu", leaky(0.2), "leaky_relu(alpha=0.2)", "rrelu(lower=0.125, upper=1/3)"),
    # another entry of the same family with a fitted parameter (formerly a fixed alternative)
    ("gelu", silu(1.702), "silu(beta=1.702)", "gelu"),
    # several parameters at once, fitted to their truncated decimals
    ("selu", lambda x: (1.0507 * np.where(x < 0, 1.6733 * np.expm1(np.minimum(x, 0)), x)).astype(x.dtype),
     "selu(alpha=1.6733, scale=1.0507)",
     "selu(alpha=1.6732632423543772848170429916717, scale=1.0507009873554804934193349852946)"),
]


@pytest.mark.parametrize("name, fn, want, asked", PLANTED, ids=[p[2] for p in PLANTED])
def test_unusual_parameters_are_fitted(name, fn, want, asked):
    r = audit(fn, name, dtype="float32", **FAST)
    assert "values" in r.failed_checks(), r.text()
    c = r.check("convention")
    assert c is not None and c.status == FAIL, r.text()
    assert r.matches == want, r.text()
    assert c.detail == f"the implementation matches {want}, not {asked}"
    assert c.failures and c.failures[0].message == c.detail


@pytest.mark.parametrize("dtype", ["float64", "float16"])
def test_fitting_in_other_formats(dtype):
    r = audit(elu(1.3), "elu", dtype=dtype, **FAST)
    assert r.matches == "elu(alpha=1.3)", r.text()
    r = audit(hardtanh(-2, 2), "hardtanh", dtype=dtype, **FAST)
    assert r.matches == "hardtanh(min_val=-2, max_val=2)", r.text()


def test_the_asked_parameters_are_named_in_the_message():
    r = audit(leaky(0.01), "leaky_relu", dtype="float32", params={"alpha": 0.2}, **FAST)
    assert r.matches == "leaky_relu(alpha=0.01)", r.text()
    assert r.check("convention").detail == "the implementation matches leaky_relu(alpha=0.01), not leaky_relu(alpha=0.2)"


def test_other_entries_at_their_defaults_still_match():
    r = audit(lambda x: np.clip(x * _c(x, 0.2) + _c(x, 0.5), 0, 1), "hardsigmoid", dtype="float32", **FAST)
    assert r.matches == "hardsigmoid_keras", r.text()
    gelu_tanh = get("gelu_tanh").numpy
    r = audit(lambda x: gelu_tanh(x).astype(x.dtype), "gelu", dtype="float32", **FAST)
    assert r.matches == "gelu_tanh", r.text()


@pytest.mark.parametrize("name, fn, params", [
    ("leaky_relu", leaky(0.15), {"alpha": 0.15}),
    ("elu", elu(1.3), {"alpha": "1.3"}),
    ("hardtanh", hardtanh(-2, 2), {"min_val": -2, "max_val": 2}),
    ("softplus", softplus(3), {"beta": 3}),
    ("leaky_relu", leaky(0.01), None),
])
def test_correct_implementations_have_no_convention_failure(name, fn, params):
    r = audit(fn, name, dtype="float32", params=params, **FAST)
    assert r.passed, r.text()
    assert r.check("convention") is None and r.matches is None


@pytest.mark.parametrize("fn", [
    lambda x: (2 * x + 1).astype(x.dtype),
    lambda x: np.random.default_rng(0).normal(size=x.shape).astype(x.dtype),
    lambda x: (np.abs(x) + _c(x, 0.125)).astype(x.dtype),
], ids=["2x+1", "noise", "abs+1/8"])
def test_garbage_matches_nothing(fn):
    r = audit(fn, "leaky_relu", dtype="float32", **FAST)
    assert not r.passed and r.matches is None, r.text()
    c = r.check("convention")
    assert c.status == NOTE and c.detail == NONE and not c.failures


@pytest.mark.parametrize("value", [0.0, 0.5])
def test_a_constant_is_no_reading(value):
    # hardtanh(min_val=c, max_val=c) is constant, but a constant output is not a convention
    r = audit(lambda x: np.full_like(x, value), "leaky_relu", dtype="float32", **FAST)
    c = r.check("convention")
    assert r.matches is None and c.status == NOTE and c.detail == NONE, r.text()
    assert any("at every probe point" in n for n in c.notes)


def test_abs_is_prelu_with_slope_minus_one():
    r = audit(lambda x: np.abs(x), "leaky_relu", dtype="float32", **FAST)
    assert r.matches == "prelu(alpha=-1)", r.text()


def test_failing_targets_do_not_crash_the_stage():
    def raises(x):
        raise RuntimeError("boom")

    r = audit(raises, "leaky_relu", dtype="float32", **FAST)
    assert not r.passed and r.matches is None
    r = audit(lambda x: np.full_like(x, np.nan), "elu", dtype="float32", **FAST)
    assert not r.passed and r.matches is None
    # NaN on part of the inputs: the rest still identifies the reading
    r = audit(lambda x: np.where(x > 5, np.nan, leaky(0.15)(x)).astype(x.dtype), "leaky_relu", dtype="float32", **FAST)
    assert r.matches == "leaky_relu(alpha=0.15)", r.text()


def test_a_fit_that_cannot_be_prepared_degrades(monkeypatch):
    def broken(name):
        raise RuntimeError("lambdify failed")

    monkeypatch.setattr(conv, "_model", broken)
    r = audit(leaky(0.15), "leaky_relu", dtype="float32", **FAST)
    c = r.check("convention")
    assert c is not None and r.matches is None, r.text()
    assert c.status == NOTE and "convention search stopped" in " ".join(c.notes)


def test_the_search_stops_at_its_time_limit(monkeypatch):
    monkeypatch.setattr(conv, "SEARCH_SECONDS", 0.0)
    r = audit(lambda x: (2 * x + 1).astype(x.dtype), "leaky_relu", dtype="float32", **FAST)
    c = r.check("convention")
    assert r.matches is None and c.status == NOTE and c.detail == NONE, r.text()
    assert any("time limit" in n for n in c.notes), c.notes


def test_a_slow_sympy_step_is_abandoned(monkeypatch):
    import time

    import sympy as sp

    conv._MODELS.pop("celu", None)
    monkeypatch.setattr(conv, "PREPARE_SECONDS", 0.05)
    real = sp.lambdify

    def slow(*a, **k):
        end = time.process_time() + 0.3  # the budget counts CPU time: compute, do not sleep
        while time.process_time() < end:
            pass
        return real(*a, **k)

    monkeypatch.setattr(sp, "lambdify", slow)
    assert conv._model("celu") is None          # over budget: no model, and not cached
    assert "celu" not in conv._MODELS


def _data(name, params, fmt="float32"):
    f = get_format(fmt)
    xs = np.concatenate([-np.geomspace(3, 1e-3, 120), [0.0], np.geomspace(1e-3, 8, 180)])
    y = get(name).numpy(xs, **params) if params else get(name).numpy(xs)
    r = y.astype(np.float32).astype(np.float64)
    return conv._Data(xs, r, f, 1024.0, conv.FIT_FLOOR)


def test_fit_directly_and_identifiability():
    f = conv.fit(get("leaky_relu"), _data("leaky_relu", {"alpha": 0.15}))
    assert f is not None and f.params == {"alpha": "0.15"} and abs(f.raw["alpha"] - 0.15) < 1e-6
    f = conv.fit(get("hardtanh"), _data("hardtanh", {"min_val": -2.0, "max_val": 2.0}))
    assert f is not None and f.params == {"min_val": "-2", "max_val": "2"}
    # rrelu's lower and upper are not both determined by the outputs
    assert conv.fit(get("rrelu"), _data("leaky_relu", {"alpha": 0.2})) is None
    # ... one of them is, with the other held
    f = conv.fit(get("rrelu"), _data("leaky_relu", {"alpha": 0.2}), {"upper": "0.3"}, ["lower"])
    assert f is not None and f.params == {"lower": "0.1", "upper": "0.3"}
    # a zero function is softshrink for every lambda beyond the probe range: not a fitted reading
    d = _data("leaky_relu", {"alpha": 0.2})
    d = conv._Data(d.xs, np.zeros_like(d.r), d.fmt, d.budget, d.floor)
    assert conv.fit(get("softshrink"), d) is None


def test_number_formatting():
    import sympy as sp

    assert conv._fmt_number(sp.Rational(1, 100)) == "0.01"
    assert conv._fmt_number(sp.Rational(1, 3)) == "1/3"
    assert conv._fmt_number(sp.Integer(-2)) == "-2"
    assert conv._fmt_number(sp.Rational(3, 2)) == "1.5"
    assert conv.describe("gelu", {}) == "gelu"
    assert conv._decimals(0.15000000596, get("leaky_relu").params[0])[:3] == ["0", "0.2", "0.1"]


def test_every_compiled_model_agrees_with_the_numpy_twin():
    xs = np.linspace(-3, 8, 111)
    from symact.catalog import entries

    for e in entries(scalar_only=True):
        m = conv._model(e.name)
        assert m is not None, e.name
        y = m.value(xs, [float(p.default) for p in e.params])
        assert np.allclose(y, np.asarray(e.numpy(xs), dtype=float), rtol=1e-12, atol=1e-15), e.name


def test_exact_gelu_audited_as_the_tanh_form():
    r = audit(lambda x: (0.5 * x * sc.erfc(-x / np.sqrt(2))).astype(x.dtype), "gelu_tanh", dtype="float32", **FAST)
    assert r.matches == "gelu", r.text()


def test_a_threshold_near_the_asked_one():
    # only the probe points between 0.5 and 0.54 differ (< 3%): the fitted reading must reproduce all of them
    r = audit(hardshrink(0.54), "hardshrink", dtype="float32", **FAST)
    assert r.matches == "hardshrink(lambd=0.54)", r.text()


def test_an_accuracy_defect_on_a_few_points_is_not_a_convention():
    def sloppy(x):
        y = leaky(0.01)(x)
        return np.where((x > 1) & (x < 1.2), y * _c(x, 1.001), y).astype(x.dtype)

    r = audit(sloppy, "leaky_relu", dtype="float32", **FAST)
    assert "values" in r.failed_checks(), r.text()
    assert r.check("convention") is None and r.matches is None, r.text()


def test_float16_parameters_closer_than_the_loose_standard():
    # 0.27 vs 0.25 is 8%, inside 16 x 16 float16 ulps (25%): the loose standard is capped in float16
    r = audit(leaky(0.27), "prelu", dtype="float16", **FAST)
    assert r.matches == "prelu(alpha=0.27)", r.text()


def test_torch_functional_parameters():
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    cases = [(lambda x: F.leaky_relu(x, 0.15), "leaky_relu", "leaky_relu(alpha=0.15)"),
             (lambda x: F.softplus(x, beta=3), "softplus", "softplus(beta=3)"),
             (lambda x: F.hardtanh(x, -2.0, 2.0), "hardtanh", "hardtanh(min_val=-2, max_val=2)"),
             (lambda x: F.rrelu(x, 0.1, 0.3, training=False), "rrelu", "leaky_relu(alpha=0.2)"),
             # torch compares |x| > float32(2.2): the reading is 2.2 as a float32
             (lambda x: F.hardshrink(x, 2.2), "hardshrink", "hardshrink(lambd=2.2)")]
    for fn, name, want in cases:
        r = audit(fn, name, dtype="float32", **FAST)
        assert r.kind == "torch" and r.matches == want, r.text()
    assert torch is not None

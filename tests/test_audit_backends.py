"""`symact audit --framework X --json` for the frameworks of :mod:`symact.audit.backends`, run as a user runs
it (the real CLI in a child process, one modest sweep per framework): the defects found are real (checked
here against mpmath or the library itself), conventions are data and do not fail, each backend's autograd
supplies the derivative.  CI installs every framework (``.[frameworks]`` and clang for tinygrad)."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import mpmath as mp
import numpy as np
import pytest

SWEEP = ["--json", "--effort", "0.1", "--hypothesis", "0"]


def audit_framework(framework: str, *args: str, env: dict | None = None) -> tuple[int, dict]:
    """Run ``symact audit --framework framework --json ...``; (exit status, parsed JSON)."""
    out = subprocess.run([sys.executable, "-m", "symact", "audit", "--framework", framework, *SWEEP, *args],
                         capture_output=True, text=True, timeout=900, env={**os.environ, **(env or {})})
    assert out.returncode in (0, 1), out.stderr[-3000:]
    return out.returncode, json.loads(out.stdout)


def report(data: dict, target_start: str, dtype: str) -> dict:
    found = [r for r in data["reports"] if r["target"].startswith(target_start) and r["dtype"] == dtype]
    assert len(found) == 1, [r["target"] for r in data["reports"]]
    return found[0]


def check(rep: dict, name: str) -> dict:
    return next(c for c in rep["checks"] if c["name"] == name)


def worst(rep: dict, name: str) -> dict:
    c = check(rep, name)
    assert c["status"] == "fail" and c["failures"], c
    return c["failures"][0]


def sigmoid_prime(x: float) -> mp.mpf:
    with mp.workdps(50):
        s = 1 / (1 + mp.exp(-mp.mpf(x)))
        return s * (1 - s)


def test_sklearn_mlp_activations():
    pytest.importorskip("sklearn")
    rc, data = audit_framework("sklearn")
    assert rc == 1 and not data["passed"]
    # the in-place activations are wrapped: the caller's input is never modified, shapes are kept
    for rep in data["reports"]:
        assert check(rep, "mutation")["status"] == "pass" and check(rep, "shape")["status"] == "pass", rep["target"]
    assert all(report(data, "sklearn ACTIVATIONS['identity']", d)["passed"] for d in ("float32", "float64"))
    # DERIVATIVES['logistic'] computes Z (1 - Z) from the output: 0 once sigmoid(x) rounds to 1
    for dtype in ("float32", "float64"):
        f = worst(report(data, "sklearn ACTIVATIONS['logistic']", dtype), "derivative")
        x = float(f["input"])
        assert float(f["returned"]) == 0.0
        assert 1 / (1 + np.exp(-np.asarray(x, dtype=dtype))) == 1.0
        assert sigmoid_prime(x) > np.finfo(dtype).tiny        # the exact derivative is a normal number
    relu = report(data, "sklearn ACTIVATIONS['relu']", "float32")
    assert check(relu, "values")["status"] == "pass"
    assert any(c.startswith("f'(0) = 0") for c in relu["conventions"]), relu["conventions"]


def test_onnxruntime_operators():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    rc, data = audit_framework("onnxruntime")
    assert rc == 1
    dtypes = lambda t: {r["dtype"] for r in data["reports"] if r["target"] == t}  # noqa: E731
    assert dtypes("onnx Relu") == {"float32", "float64"}
    assert dtypes("onnx Elu") == {"float32"}              # ONNX Runtime has no double Elu kernel
    # ONNX's own defaults are data: HardSigmoid alpha 0.2 is Keras 2's hard sigmoid, LeakyRelu alpha 0.01
    hs = report(data, "onnx HardSigmoid", "float32")
    assert hs["activation"] == "hardsigmoid_keras" and check(hs, "values")["status"] == "pass"
    assert report(data, "onnx LeakyRelu", "float32")["passed"]
    assert report(data, "onnx PRelu", "float32")["passed"]
    # ThresholdedRelu with alpha = 0 is relu: its values conform, NaN in gives 0 out (NaN > 0 is false)
    tr = report(data, "onnx ThresholdedRelu (alpha=0.0)", "float32")
    assert tr["activation"] == "relu" and check(tr, "values")["status"] == "pass"
    nan_in = [f for f in check(tr, "special_values")["failures"] if f["input"] == "nan"]
    assert nan_in and float(nan_in[0]["returned"]) == 0.0
    # at its default alpha = 1 it is thresholded_relu (theta = 1): 0 up to and at 1, x beyond
    (trd,) = [r for r in data["reports"] if r["target"] == "onnx ThresholdedRelu" and r["dtype"] == "float32"]
    assert trd["activation"] == "thresholded_relu" and trd["params"] == {}
    assert check(trd, "values")["status"] == "pass" and check(trd, "range")["status"] == "pass"
    # Elu computes exp(x) - 1: 0 for tiny negative x, where the exact value is expm1(x) ~ x
    f = worst(report(data, "onnx Elu", "float32"), "values")
    x = float(f["input"])
    assert float(f["returned"]) == 0.0 and x < 0
    with mp.workdps(50):
        assert abs(mp.expm1(mp.mpf(x)) - x) < 1e-20 * abs(x) + mp.mpf(x) ** 2


def test_tensorflow_ops_and_keras_on_tensorflow():
    pytest.importorskip("tensorflow")
    only = [a for name in ("relu", "leaky_relu", "gelu", "gelu_tanh", "elu", "sigmoid") for a in ("--only", name)]
    rc, data = audit_framework("tensorflow", *only, env={"KERAS_BACKEND": "tensorflow"})
    assert rc == 1
    # tf.nn.leaky_relu's alpha is a 32-bit attribute: float32(0.2) in float64 too, a convention, not a defect
    lr = report(data, "tf.nn.leaky_relu", "float64")
    assert lr["params"]["alpha"] == repr(float(np.float32(0.2))) and check(lr, "values")["status"] == "pass"
    # the defaults: tf.nn.gelu and keras.activations.gelu are the exact (erf) GELU
    for target in ("tf.nn.gelu (approximate=False", "tf.keras.activations.gelu (approximate=False"):
        g = report(data, target, "float32")
        assert g["activation"] == "gelu" and check(g, "values")["status"] == "pass", g["target"]
    # elu: exp(x) - 1 returns 0 for tiny negative x
    f = worst(report(data, "tf.nn.elu", "float32"), "values")
    assert float(f["returned"]) == 0.0 and float(f["input"]) < 0
    # the derivative comes from tf.GradientTape: sigmoid' = y (1 - y) is 0 once y rounds to 1
    f = worst(report(data, "tf.math.sigmoid", "float32"), "derivative")
    assert float(f["returned"]) == 0.0 and sigmoid_prime(float(f["input"])) > np.finfo("float32").tiny
    relu = report(data, "tf.nn.relu", "float32")
    assert any(c.startswith("f'(0) = 0") and "tensorflow" in c for c in relu["conventions"]), relu["conventions"]


@pytest.mark.parametrize("backend", ["numpy", "jax", "torch"])
def test_keras_on_each_backend(backend):
    pytest.importorskip("keras")
    pytest.importorskip(backend)
    only = [a for name in ("relu", "gelu", "gelu_tanh", "hardsigmoid") for a in ("--only", name)]
    rc, data = audit_framework("keras", *only, env={"KERAS_BACKEND": backend})
    assert {r["kind"] for r in data["reports"]} == {backend}
    assert all(r["target"].startswith(f"keras.activations[{backend}].") for r in data["reports"])
    gelu = report(data, f"keras.activations[{backend}].gelu (approximate=False", "float32")
    assert gelu["activation"] == "gelu"
    assert all(c["status"] != "fail" for c in gelu["checks"] if c["name"] == "convention")
    relu64 = report(data, f"keras.activations[{backend}].relu", "float64")
    deriv = check(report(data, f"keras.activations[{backend}].relu", "float32"), "derivative")["status"]
    if backend == "numpy":
        # Keras' NumPy backend returns float32 for float64 input (and has no autograd)
        assert check(relu64, "dtype")["status"] == "fail" and deriv == "skip"
    else:
        # the backend's autograd ran (JAX's fails at subnormal inputs: XLA flushes them to zero on CPU)
        assert check(relu64, "dtype")["status"] == "pass" and deriv in ("pass", "fail")


def test_tinygrad_tensor_methods():
    tinygrad = pytest.importorskip("tinygrad")
    only = [a for name in ("relu", "selu", "gelu_tanh") for a in ("--only", name)]
    rc, data = audit_framework("tinygrad", "--dtype", "float32", *only)
    # tinygrad's selu constants (1.67326, 1.0507) are its convention: audited against them, the values fail
    # only near 0 (exp(x) - 1 without expm1 cancels: 0 where the exact value is about 1.76 x, and a relative error
    # near eps/|x| further out), never from the constants, which would fail far from 0 too
    selu = report(data, "Tensor.selu", "float32")
    assert selu["params"] == {"alpha": "1.67326", "scale": "1.0507"}
    values = check(selu, "values")
    assert values["failures"] and all(abs(float(f["input"])) < 0.25 for f in values["failures"])
    assert all(c["status"] != "fail" for c in selu["checks"] if c["name"] == "convention")
    # gelu's default is the tanh form
    assert report(data, "Tensor.gelu (approximate='tanh'", "float32")["activation"] == "gelu_tanh"
    # relu(NaN) is 0 in tinygrad, as the audit reports
    relu = report(data, "Tensor.relu", "float32")
    nan = [f for f in check(relu, "special_values")["failures"] if f["message"].startswith("NaN in")]
    assert nan and float(nan[0]["returned"]) == 0.0
    assert tinygrad.Tensor([math.nan]).relu().numpy()[0] == 0.0
    # the derivative is tinygrad's own autograd
    assert check(relu, "derivative")["status"] == "pass"
    assert rc == 1

"""Torch and JAX adapters for real (CI installs both): dtypes, autograd derivatives, kink conventions,
downcasting targets, framework maps."""
from __future__ import annotations

import numpy as np
import pytest

from symact.audit import audit
from symact.audit.frameworks import rows

FAST = dict(hypothesis=0, effort=0.3)


def test_torch_relu_conforms_with_kink_convention_reported():
    torch = pytest.importorskip("torch")
    r = audit(torch.relu, "relu", dtype="float32", **FAST)
    assert r.kind == "torch"
    assert r.passed, r.text()
    assert any("f'(0) = 0" in c and "torch" in c for c in r.conventions), r.conventions


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "bfloat16"])
def test_torch_tanh_dtypes(dtype):
    torch = pytest.importorskip("torch")
    r = audit(torch.tanh, "tanh", dtype=dtype, derivative=False, **FAST)
    assert r.check("dtype").status == "pass", r.text()
    assert r.check("values").status == "pass", r.text()


def test_torch_downcast_is_a_dtype_failure():
    torch = pytest.importorskip("torch")
    r = audit(lambda x: torch.tanh(x.float()), "tanh", dtype="float64", derivative=False, **FAST)
    assert "dtype" in r.failed_checks()


def test_torch_gelu_tanh_flag_is_a_convention_not_a_failure():
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    r = audit(lambda x: F.gelu(x, approximate="tanh"), "gelu", dtype="float32", derivative=False, **FAST)
    assert r.matches == "gelu_tanh"


def test_jax_relu_float64_and_autograd():
    jax = pytest.importorskip("jax")
    r = audit(jax.nn.relu, "relu", dtype="float64", **FAST)
    assert r.kind == "jax"
    assert r.check("dtype").status == "pass", r.text()
    assert r.check("values").status == "pass", r.text()
    d = r.check("derivative")
    # XLA on CPU flushes subnormal inputs to zero, so relu'(5e-324) = 0: a genuine (documented) deviation;
    # everywhere else the autograd derivative is right
    assert d.status == "pass" or all(0 < abs(f.input) < 2.3e-308 for f in d.failures), r.text()
    assert "jax.grad" in (d.failures[0].reproduction if d.failures else "jax.grad")


def test_jax_default_gelu_is_the_tanh_form():
    jax = pytest.importorskip("jax")
    r = audit(jax.nn.gelu, "gelu", dtype="float32", derivative=False, **FAST)
    assert not r.passed and r.matches == "gelu_tanh"


@pytest.mark.parametrize("framework", ["numpy", "torch", "jax"])
def test_framework_maps_name_catalog_entries(framework):
    pytest.importorskip({"numpy": "scipy", "torch": "torch", "jax": "jax"}[framework])
    from symact.catalog import get

    rs = rows(framework)
    assert rs
    for r in rs:
        e = get(r.activation)
        e.param_values(r.params)


def test_torch_softplus_threshold_is_a_convention():
    torch = pytest.importorskip("torch")
    row = [r for r in rows("torch") if r.activation == "softplus"][0]
    rep = audit(row.fn, "softplus", dtype="float64", kind="torch", convention_region=row.convention_region,
                **FAST)
    assert rep.check("values").status == "pass", rep.text()
    assert any("threshold" in c for c in rep.conventions)


def test_reproductions_call_the_target_as_the_audit_did():
    """torch 2.13's float32 gelu overflows at x = 2^127 in its vectorised kernel on some CPUs (exact value
    1.7e38; the AVX2 kernel gets it right) but not for a one-element tensor: the audit's reproduction repeats the
    input, so running it shows what the vectorised kernel the audit ran gives on this machine (inf where it
    overflows); the autograd reproduction prints the gradient, with the target's keyword arguments passed to the
    call."""
    import subprocess
    import sys

    torch = pytest.importorskip("torch")
    import torch.nn.functional as F
    from symact.audit.adapters import REPRO_COPIES, Target

    x = 2.0 ** 127
    one = F.gelu(torch.tensor([x], dtype=torch.float32)).item()
    cmd = Target(F.gelu, kind="torch").reproduction(x, "float32")
    out = subprocess.run(cmd.replace("python -c", f"{sys.executable} -c", 1), shell=True, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    block = F.gelu(torch.full((REPRO_COPIES,), x, dtype=torch.float32))[0]  # the vectorised kernel, here
    assert one == x and out.stdout.strip() == repr(block)

    grad = Target(lambda v: v, kind="torch")
    grad.grad_of = Target(F.gelu, kind="torch", kwargs={"approximate": "tanh"})
    cmd = grad.reproduction(-3.0, "float32")
    out = subprocess.run(cmd.replace("python -c", f"{sys.executable} -c", 1), shell=True, capture_output=True,
                         text=True, timeout=120)
    t = torch.tensor([-3.0], requires_grad=True)
    F.gelu(t, approximate="tanh").sum().backward()
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == repr(t.grad[0])


def test_a_device_is_named_in_the_report_and_used_by_its_reproductions():
    """With --device the report's header and JSON name the device and each reproduction puts its tensor there
    (CPU here: CI has no GPU; the CUDA reports in docs/audits were made this way on a lent GPU)."""
    import subprocess
    import sys

    torch = pytest.importorskip("torch")
    from symact.audit.adapters import Target

    r = audit(torch.nn.functional.silu, "silu", dtype="float32", device="cpu", isolate=False, **FAST)
    assert r.device == "cpu" and r.to_json()["device"] == "cpu"
    assert r.text().splitlines()[0].startswith("symact audit: ") and "float32 (torch, cpu): FAILS" in r.text()
    cmd = Target(torch.nn.functional.silu, kind="torch", device="cpu").reproduction(-88.72283935546875, "float32")
    assert ".to('cpu')" in cmd
    out = subprocess.run(cmd.replace("python -c", f"{sys.executable} -c", 1), shell=True, capture_output=True,
                         text=True, timeout=120)
    want = torch.nn.functional.silu(torch.tensor([-88.72283935546875] * 64, dtype=torch.float32))[0]
    assert out.returncode == 0 and out.stdout.strip() == repr(want), out.stderr

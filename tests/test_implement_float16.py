"""``symact implement --expr "log1p(x**2)/x"`` (issue 15): the generated module's branches are kernel claims, and
the module passes the real audit of the expression, on every float16 input (exhaustive) and in float64 out to the
largest float, where x**2 overflows.

The function is odd, undefined at 0 (0/0: NaN by real-line semantics), about x - x**3/2 near 0 (a Taylor branch,
as the formula cancels there) and 2 log|x|/x far out, so its limits at +-inf are 0: the kernel's limit calculus
proves them (a logarithm of an at most polynomial argument grows at most like log|x|, and a zero polynomially
fast times it tends to 0), so every claim of the module is decided, which the audit checks at +-inf too."""
from __future__ import annotations

import subprocess
import sys

import mpmath
import numpy as np

from symact.implement import implement
from symact.implement.module import load_source

TEXT = "log1p(x**2)/x"
#: CPU seconds per branch claim: the Taylor bounds near 0 take a few seconds each on the 2-core machine
BUDGET = 30.0


def _claims(result) -> dict:
    return {p.claim: p.status for part in result.plan.parts for p in part.proofs}


def _decided(result, claims: dict) -> None:
    """Every claim is decided (proved; the NaN at 0 proved undefined), the limits at +-inf among them, and the
    module's docstring says so, with no NOT PROVED claim and no WARNING."""
    assert {f"limit({TEXT}, x, -oo) == 0", f"limit({TEXT}, x, oo) == 0"} <= set(claims), claims
    assert set(claims.values()) == {"proved", "undefined"}, claims
    doc = " ".join(load_source(result.source, f"f16_doc_{abs(hash(result.source))}").__doc__.split())
    assert "NOT PROVED" not in doc and "WARNING" not in doc
    assert result.unproved == []


def test_float16_module_is_decided_and_correctly_rounded_on_every_input(tmp_path):
    result = implement(expr=TEXT, target="numpy", dtype="float16", budget=BUDGET)
    claims = _claims(result)
    _decided(result, claims)
    path = tmp_path / "m16.py"
    path.write_text(result.source)
    module = load_source(result.source, "f16_log1p_sq")
    got = module.f(np.array([np.inf, -np.inf, 0.0, -0.0, np.nan], dtype=np.float16))
    assert got.dtype == np.float16 and list(got[:2]) == [0.0, 0.0] and np.isnan(got[2:]).all()
    audit = subprocess.run([sys.executable, "-m", "symact", "audit", f"{path}:f", "--expr", TEXT, "--dtype",
                            "float16", "--exhaustive", "--strict"], capture_output=True, text=True, timeout=300)
    assert audit.returncode == 0 and "CONFORMS" in audit.stdout, audit.stdout + audit.stderr
    assert "points max 0.5 ulp" in audit.stdout, audit.stdout  # correctly rounded: within half an ulp everywhere


def test_float64_tails_do_not_overflow():
    """x**2 overflows float64 from |x| = 1.3e154, so the formula as written gives +-inf there (the audit failed
    4102 of its 18612 float64 points); the tail forms (2 log|x| + log1p(x**-2))/x for x > 1, and its mirror for
    x < -1, are claims the kernel proves, and the module's values far out agree with mpmath at 60 digits."""
    result = implement(expr=TEXT, target="numpy", dtype="float64", budget=BUDGET)
    claims = _claims(result)
    _decided(result, claims)
    assert claims.get(f"{TEXT} == (2*log(x) + log(1 + x**(-2)))/x for x > 1") == "proved", claims
    assert claims.get(f"{TEXT} == -(-2*log(-x) - log(1 + x**(-2)))/x for x < -1") == "proved", claims
    xs = np.array([1e154, 2e154, 1e200, 1e300, np.finfo(np.float64).max, 3.0, 1e-3])
    xs = np.concatenate([xs, -xs])
    got = load_source(result.source, "f64_log1p_sq").f(xs)
    with mpmath.workdps(60):
        want = np.array([float(mpmath.log1p(mpmath.mpf(v) ** 2) / mpmath.mpf(v)) for v in xs])
    assert np.all(np.abs(got - want) <= 4 * np.spacing(np.abs(want))), (got, want)

"""``symact implement --expr`` just outside a Taylor ball (held-out hunt, float64): the formula there still cancels
(its terms are about 1/|x| or |x| while its value is |x|^3/6 or |x|/3), so the ball must reach where the
formula's loss, about log2 of that ratio in bits, is within the audit's standard 16 max(1, kappa) ulp.  Before,
the derivative of tanh(x)/x was 112 to 409 ulp off at x = 0.094 (ball 1/16), asinh(x) - x 1679 ulp at 0.042
(ball 1/32), and log((1 + x)/(1 - x)) fell back to the formula as written on (-1, 1) (its Taylor bound hit the
prover's CPU limit): 0.0 for |x| < 1e-16.  Now the ball of tanh(x)/x' is 1/2 (degree 37), asinh(x) - x's 1/4
(degree 27; it says that the formula cancels beyond) and log((1 + x)/(1 - x)) is log1p(2x/(1 - x)) on [0, 1)
and -log1p(-2x/(1 + x)) on (-1, 0), every claim proved.  x/sin(x)' keeps a small ball (its denominator sin(x)**2 is no polynomial: the proved ball is 1/32)
and its docstring says that the formula cancels outside it; its float32 module passes the strict audit.

Ground truths: mpmath at 50 digits from closed forms written out by hand (tests/conftest.py sets the digits):
(tanh(x)/x)' = (x sech(x)^2 - tanh(x))/x^2, (x/sin(x))' = (sin(x) - x cos(x))/sin(x)^2, and asinh(x) - x and
log((1 + x)/(1 - x)) as written; each loses at most 4 of the 50 digits to cancellation at |x| >= 1e-3, and at
1e-20 asinh(x) - x ~ -x^3/6 is computed from mpmath's asinh at 50 digits, which keeps 10 of them.  kappa(x) =
|x f'(x)/f(x)| by mpmath's numerical derivative, as the audit's standard uses it."""
from __future__ import annotations

import subprocess
import sys

import mpmath
import numpy as np
import pytest

from symact.implement import implement
from symact.implement.module import load_source
from symact.implement.taylor import CANCELS_OUTSIDE

TANH_D = ("tanh(x)/x", True, lambda x: (x / mpmath.cosh(x) ** 2 - mpmath.tanh(x)) / x ** 2)
ASINH = ("asinh(x) - x", False, lambda x: mpmath.asinh(x) - x)
LOGQ = ("log((1+x)/(1-x))", False, lambda x: mpmath.log((1 + x) / (1 - x)))
SIN_D = ("x/sin(x)", True, lambda x: (mpmath.sin(x) - x * mpmath.cos(x)) / mpmath.sin(x) ** 2)

#: the failing points of the hunt, and inputs across the range where the formula cancelled (1/64 to 0.99: 1 is a
#: pole of log((1 + x)/(1 - x)))
POINTS = {"tanh(x)/x": [0.094], "asinh(x) - x": [0.042], "log((1+x)/(1-x))": [1e-20, 1e-17, 0.03, -0.99]}
ACROSS = np.geomspace(1 / 64, 0.99, 41)
MP_DPS = 50  # tests here run at this many digits (tests/conftest.py)


def _within_standard(fn, truth, xs: np.ndarray) -> list:
    """The inputs of ``xs`` where ``fn`` is off by more than 16 max(1, kappa) float64 ulp of the truth."""
    got = fn(xs)
    bad = []
    for x, y in zip(xs, got):
        t = mpmath.mpf(float(x))
        want = truth(t)
        kappa = abs(t * mpmath.diff(truth, t) / want)
        allowed = 16 * max(1.0, float(kappa)) * np.spacing(abs(float(want)))
        if not abs(mpmath.mpf(float(y)) - want) <= allowed:
            bad.append((float(x), float(y), float(want)))
    return bad


@pytest.mark.parametrize("text,derivative,truth", [TANH_D, LOGQ])
def test_the_float64_module_is_within_the_standard_where_the_formula_cancelled(text, derivative, truth):
    result = implement(expr=text, target="numpy", dtype="float64", derivative=derivative, budget=5.0)
    assert not result.unproved, [(p.claim, p.reason) for p in result.unproved]
    module = load_source(result.source, f"cancel_{abs(hash(text))}")
    fn = module.f_derivative if derivative else module.f
    xs = np.concatenate([POINTS[text], ACROSS, -ACROSS])
    assert _within_standard(fn, truth, xs) == []
    assert result.cancels_outside == []


def test_asinh_minus_x_is_within_the_standard_on_its_ball_and_says_where_it_is_not():
    """asinh(x) - x: the ball of radius 1/4 (degree 27, proved) holds the hunt's failing point 0.042; on
    (1/4, 1/2) the formula still loses up to about 1.3 times the standard (64 ulp against 48: kappa is 3), and a
    ball of 1/2 needs degree 51, whose bound the kernel does not prove in the budget: the docstring says so."""
    text, _, truth = ASINH
    result = implement(expr=text, target="numpy", dtype="float64", budget=5.0)
    assert not result.unproved, [(p.claim, p.reason) for p in result.unproved]
    inside = ACROSS[ACROSS <= 0.25]
    xs = np.concatenate([POINTS[text], inside, -inside])
    assert _within_standard(load_source(result.source, "cancel_asinh").f, truth, xs) == []
    assert result.cancels_outside == ["f on -1/4 <= x < 0", "f on 0 < x <= 1/4"]
    assert all(CANCELS_OUTSIDE in b.why for b in result.plan.parts[0].branches if b.kind == "bound")


def test_a_ball_that_cannot_reach_far_enough_says_so_and_float32_is_not_affected(tmp_path):
    """x/sin(x)': the formula is 2900 float64 ulp off at x = 0.036, just outside the proved ball of radius 1/32;
    the float64 module's docstring and ``symact implement`` say that it still cancels there (never silently);
    the float32 module, where that loss is far below half an ulp, passes the strict audit."""
    text, _, truth = SIN_D
    f64 = implement(expr=text, target="numpy", dtype="float64", derivative=True, budget=5.0)
    assert f64.cancels_outside == ["f_derivative on -1/32 <= x < 0", "f_derivative on 0 < x <= 1/32"]
    assert _within_standard(load_source(f64.source, "cancel_sin64").f_derivative, truth, np.array([0.036])) != []
    path = tmp_path / "s.py"
    made = subprocess.run([sys.executable, "-m", "symact", "implement", "--expr", text, "--target", "numpy",
                           "--dtype", "float32", "--derivative", "-o", str(path)], capture_output=True, text=True,
                          timeout=900)
    assert path.exists(), made.stderr
    audit = subprocess.run([sys.executable, "-m", "symact", "audit", f"{path}:f", "--expr", text, "--dtype",
                            "float32", "--strict", "--grad", f"{path}:f_derivative"], capture_output=True,
                           text=True, timeout=900)
    assert "PASS     derivative" in audit.stdout, audit.stdout + audit.stderr


@pytest.mark.parametrize("text,derivative", [("tanh(x)/x", True), ("log((1+x)/(1-x))", False)])
def test_the_commands_of_the_hunt_pass_the_float64_audit(tmp_path, text, derivative):
    path = tmp_path / "m.py"
    flag = ["--derivative"] if derivative else []
    made = subprocess.run([sys.executable, "-m", "symact", "implement", "--expr", text, "--target", "numpy",
                           "--dtype", "float64", *flag, "-o", str(path)], capture_output=True, text=True, timeout=900)
    assert made.returncode == 0 and path.exists(), made.stderr
    grad = ["--grad", f"{path}:f_derivative"] if derivative else []
    audit = subprocess.run([sys.executable, "-m", "symact", "audit", f"{path}:f", "--expr", text, "--dtype",
                            "float64", *grad], capture_output=True, text=True, timeout=900)
    assert audit.returncode == 0, audit.stdout + audit.stderr

"""``symact implement --expr`` for a dtype below float64 measures its branch forms only at sample inputs that dtype
holds (|x| at most its largest finite value; +-inf is the limits').  x/(1 + |x|)**2 is x/(1 + x)**2 for x >= 0:
(1 + x)**2 overflows float64 from x = 2**512 = 1.34e154, so every form tried there is 0 or NaN where the value is
about 1/x, finite; softsign(x)**2 = x**2/(1 + |x|)**2 is inf/inf = NaN there; mish(x) - silu(x) has a derivative
whose forms fail likewise far out.  No float32 input reaches 1.34e154 (the largest is 3.4e38), yet the float32
modules said NO STABLE FORM FOUND for x >= 0 while they pass the strict audit.  A failure inside float32's range
is still reported: sin(x + 1) - sin(x) at x = 2**70, a float32 value, where x + 1 rounds to x in float64.

Each test runs the real generator, and the real audit of its module."""
from __future__ import annotations

import os
import subprocess
import sys

import mpmath
import numpy as np
import pytest

from symact.implement import implement
from symact.implement.module import load_source
from symact.implement.stable import UNSTABLE

BUDGET = 5.0


def _symact(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "symact", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": os.getcwd()}, timeout=900)


@pytest.mark.parametrize("text", ["x/(1 + abs(x))**2", "softsign(x)**2", "mish(x) - silu(x)"])
def test_a_form_failing_only_beyond_float32_is_no_unstable_range_of_a_float32_module(tmp_path, text):
    made = _symact("implement", "--expr", text, "--target", "numpy", "--dtype", "float32", "--derivative", "-o",
                   str(tmp_path / "m.py"))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "no stable form" not in made.stderr, made.stderr
    assert UNSTABLE not in (tmp_path / "m.py").read_text()
    audit = _symact("audit", "m.py:f", "--expr", text, "--dtype", "float32", "--strict", "--effort", "0.3",
                    "--grad", "m.py:f_derivative", cwd=tmp_path)
    assert audit.returncode == 0 and "CONFORMS" in audit.stdout, audit.stdout + audit.stderr
    assert "PASS     derivative" in audit.stdout


def test_a_float64_module_still_says_where_every_form_fails_beyond_float32():
    """A float64 module is given x = 1e200, where x/(1 + x)**2 is about 1e-200 but (1 + x)**2 is inf in float64:
    the range x >= 0 keeps its NO STABLE FORM FOUND, and the module's value there is not the true one."""
    result = implement(expr="x/(1 + abs(x))**2", target="numpy", dtype="float64", budget=BUDGET)
    assert "f on x >= 0" in result.unstable, result.unstable
    module = load_source(result.source, "dtype_range_f64")
    got = float(module.f(np.array([1e200]))[0])
    with mpmath.workdps(50):
        want = mpmath.mpf(1e200) / (1 + mpmath.mpf(1e200)) ** 2
    assert abs(got - float(want)) > 1e-3 * float(want)


def test_a_failure_inside_float32s_range_still_says_no_stable_form():
    """sin(x + 1) - sin(x) = 2 sin(1/2) cos(x + 1/2): at x = 2**70 (a float32 value) x + 1 rounds to x in float64
    (its spacing there is 2**18), so sin(x + 1) - sin(x) is 0 there, and the true value (mpmath at 50 digits) is
    not (|cos(2**70 + 1/2)| is far from 0)."""
    result = implement(expr="sin(x + 1) - sin(x)", target="numpy", dtype="float32", budget=BUDGET)
    assert result.unstable == ["f on all of R"], result.unstable
    module = load_source(result.source, "dtype_range_sin")
    x = np.float32(2.0 ** 70)
    with mpmath.workdps(50):
        want = float(mpmath.sin(mpmath.mpf(2) ** 70 + 1) - mpmath.sin(mpmath.mpf(2) ** 70))
    assert abs(want) > 0.1
    got = float(module.f(np.array([x]))[0])
    assert abs(got - want) > 0.1 * abs(want)

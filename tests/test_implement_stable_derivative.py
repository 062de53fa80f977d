"""``symact implement --expr EXPR --derivative`` on x > 1: the derivative of (exp(x) - 1)/x as SymPy writes it,
exp(x)/x - (exp(x) - 1)/x**2, is inf - inf = NaN from x = 709.78 where exp(x) overflows float64; the generator's
form collected by the exponentials, (x - 1) exp(x)/x**2 + 1/x**2, is inf there (the float32 value), and its tail
form (:mod:`symact.implement.tails`), exp(x/2) (exp(x/2)/x) (1 - 1/x) + 1/x**2, is inf there and beyond M (M the
largest float32, where x**2 overflows from 1.3e154 and the collected form is inf/inf): it is used on all of x > 1,
its claim proved by the kernel."""
from __future__ import annotations

import subprocess
import sys

import mpmath
import numpy as np

from symact.implement.module import load_source


def test_derivative_of_expm1_over_x_does_not_overflow_to_nan(tmp_path):
    path = tmp_path / "m.py"
    made = subprocess.run([sys.executable, "-m", "symact", "implement", "--expr", "(exp(x) - 1)/x", "--target",
                           "numpy", "--derivative", "--budget", "2", "-o", str(path)],
                          capture_output=True, text=True, timeout=600)
    assert path.exists(), made.stderr
    source = path.read_text()
    # the branch's claim, proved (the module's PROOFS)
    module = load_source(source, "stable_derivative_expm1")
    claims = {p["claim"]: p["status"] for p in module.PROOFS}
    assert claims["diff((exp(x) - 1)/x, x) == (exp(x/2)/x)*(1 - 1/x)*exp(x/2) + x**(-2) for x > 1"] == "proved"
    xs = np.array([1.5, 30.0, 88.0, 95.0, 700.0, 709.75, 709.8, 750.0, 1e5, 1e30, 3.4e38], dtype=np.float32)
    got = module.f_derivative(xs)
    with mpmath.workdps(50), np.errstate(over="ignore"):  # the float32 cast of a huge value is inf: expected
        # f'(x) = (x e^x - e^x + 1)/x^2 exactly; its float32 rounding (inf from about x = 93, where e^x/x passes
        # the largest float32)
        want = np.array([float((x * mpmath.exp(x) - mpmath.exp(x) + 1) / x ** 2)
                         for x in (mpmath.mpf(float(v)) for v in xs)]).astype(np.float32)
    assert np.isinf(want[3:]).all() and np.isfinite(want[:3]).all()
    assert (got[3:] == np.inf).all(), got
    np.testing.assert_array_max_ulp(got[:3], want[:3], maxulp=1)

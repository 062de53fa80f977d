"""``symact implement --expr`` far out in the tails, in float64 (:mod:`symact.implement.tails`): held-out
expressions whose modules overflowed or gave NaN where the value is finite (or inf where it is not), each
implemented (every claim proved by the kernel) and evaluated at the inputs that failed, and one audited in full.

Ground truths: mpmath at 50 digits at the float input, rounded to float64 (inf where beyond the largest float);
the reasoning beside each case:

* (exp(x) - 1 - x)/x**2 ~ exp(x)/x**2 for large x: finite while x - 2 log x < log(max float) = 709.78, that is
  up to x = 723.1 (the module returned inf from 709.78, where exp(x) overflows, and NaN from 1.3e154, inf/inf
  where x**2 overflows); for x -> -oo it is (-x - 1)/x**2 ~ 1/|x| (the module returned 0 at -7.5e168, where x**2
  overflows);
* (1 - exp(-x))/x ~ exp(-x)/(-x) for x -> -oo: finite while -x - log(-x) < 709.78, that is down to x = -716.4
  (the module returned inf from -709.78);
* acosh(1 + x**2) = log(1 + x**2 + |x| sqrt(x**2 + 2)) ~ 2 log|x| + log 2: finite for every float (the module
  returned inf from |x| = 1.3e154, where x**2 overflows);
* the derivative of x**3/(1 + x**2) is (x**4 + 3 x**2)/(1 + x**2)**2 -> 1 far out (its fraction as SymPy
  cancels it is inf/inf = NaN from |x| = 1.8e77, where x**4 overflows; its tail form in powers of 1/x is
  (1 + 3/x**2)/(1 + 2/x**2 + 1/x**4));
* softplus(x)**2 = log(1 + exp(x))**2 ~ x**2, beyond the largest float from x = 1.34e154: inf (its expanded
  decaying form x**2 + 2x log1p(exp(-x)) + ... was inf*0 = NaN at 1.7e308, where 2x overflows);
* the derivative of log(cosh(x)) is tanh(x), +-1 far out (sinh(x)/cosh(x) as written is inf/inf = NaN from
  |x| = 710: the certified reference of its far range, 3 CPU seconds, must be measured for the stable form to be
  chosen).
"""
from __future__ import annotations

import subprocess
import sys

import mpmath
import numpy as np
import pytest

from symact.implement import implement
from symact.implement.module import load_source

BUDGET = 5.0
MP_DPS = 50


def _truth(f, xs) -> np.ndarray:
    with mpmath.workdps(MP_DPS):
        return np.array([float(f(mpmath.mpf(x))) for x in xs])


def _module(expr: str, derivative: bool = False, dtype: str = "float64"):
    result = implement(expr=expr, target="numpy", dtype=dtype, derivative=derivative, budget=BUDGET)
    assert not result.unproved, [(p.claim, p.status, p.reason) for p in result.unproved]
    return load_source(result.source, f"tails_{abs(hash((expr, derivative, dtype)))}"), result


def _ulps(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Float64 ulps between got and want; 0 where they are the same infinity, inf where one only is inf or NaN."""
    same = got == want
    with np.errstate(invalid="ignore"):
        err = np.abs(got - want) / np.spacing(np.abs(want))
    return np.where(same, 0.0, np.where(np.isfinite(err), err, np.inf))


CASES = [
    ("(exp(x)-1-x)/x**2", lambda x: (mpmath.exp(x) - 1 - x) / x ** 2,
     [709.78, 710.0, 715.0, 722.0, 723.0, 723.5, 1e3, 1.3e154, 1e300, 1.7e308, -709.8, -7.5e168, -1e300, -1.7e308,
      1.5, 50.0, -2.0]),
    ("(1-exp(-x))/x", lambda x: (1 - mpmath.exp(-x)) / x,
     [-709.8, -712.0, -716.0, -716.5, -720.0, -1e10, -1e300, 709.8, 1e300, -2.0, 3.0]),
    ("acosh(1 + x**2)", lambda x: mpmath.acosh(1 + x ** 2),
     [1.3e154, -1.3e154, 1e200, -1e300, 1.7e308, -1.79e308, 1e10, -3.0]),
    ("x**3/(1 + x**2)'", lambda x: (x ** 4 + 3 * x ** 2) / (1 + x ** 2) ** 2,
     [1e77, 1.8e77, -1e100, 1.3e154, -1e200, 1.7e308, -1.79e308, 3.0, -40.0]),
    ("log(1 + exp(x))**2", lambda x: mpmath.log1p(mpmath.exp(x)) ** 2,
     [1e3, 1e150, 1.3e154, 1.4e154, 1e300, 1.7e308, 1.79e308, -40.0, -700.0, 2.0]),
]


@pytest.mark.parametrize("expr,exact,points", CASES, ids=[c[0] for c in CASES])
def test_tail_values_are_finite_where_the_value_is(expr, exact, points):
    derivative = expr.endswith("'")
    module, _ = _module(expr.rstrip("'"), derivative)
    xs = np.array(points)
    want = _truth(exact, xs)
    got = (module.f_derivative if derivative else module.f)(xs)
    # within the audit's 16 ulps, inf exactly where the value exceeds the largest float
    assert np.all(_ulps(got, want) <= 16), list(zip(xs, got, want))


def test_gaussian_derivative_is_zero_not_nan_far_out():
    """d/dx x exp(-x**2) = (1 - 2x**2) exp(-x**2): (1 - inf) * 0 = NaN as written from |x| = 1.3e154, where x**2
    overflows; its value there is -0 (it underflows from |x| = 27.3).  Near that, the rounding of x**2 costs up to
    about x**2/2 ulps in every form (the condition number |x f''/f'| = |4x**4 - 6x**2|/|1 - 2x**2| ~ 2x**2), so
    the standard's 16 max(1, kappa) ulps."""
    module, _ = _module("x*exp(-x**2)", derivative=True)
    xs = np.array([2.0, -5.0, 10.0, 20.0, 26.0, 27.5, 1e5, 1.3e154, -1e200, 1e300, -1.79e308])
    want = _truth(lambda x: (1 - 2 * x ** 2) * mpmath.exp(-x ** 2), xs)
    with np.errstate(over="ignore", invalid="ignore"):  # inf/inf = NaN far out, where want is 0
        kappa = np.abs(4 * xs ** 4 - 6 * xs ** 2) / np.abs(1 - 2 * xs ** 2)
    allowed = 16 * np.fmax(1.0, np.nan_to_num(kappa, nan=1.0))
    got = module.f_derivative(xs)
    assert not np.isnan(got).any(), got
    assert np.all(_ulps(got, want) <= allowed), list(zip(xs, got, want))


def test_log_cosh_derivative_is_measured_and_plus_minus_one_far_out():
    module, result = _module("log(cosh(x))", derivative=True)
    derivative = result.plan.parts[1]
    assert not any("not measured" in b.why for b in derivative.branches), [b.why for b in derivative.branches]
    xs = np.array([710.0, 1e3, 1e300, 1.7e308, -710.0, -1e300, 0.5, -20.0])
    want = _truth(mpmath.tanh, xs)
    assert np.all(_ulps(module.f_derivative(xs), want) <= 2), list(zip(xs, module.f_derivative(xs), want))


def test_the_audit_passes_far_out(tmp_path):
    """The float64 audit (its sweep reaches 709.8 and 1e300) of (exp(x) - 1 - x)/x**2, which failed at 10 inputs
    in [512, 1024) with the log-domain form exp(x - 2 log x) (246 ulps: the rounding of the exponent) and
    everywhere beyond 709.78 before."""
    _, result = _module("(exp(x)-1-x)/x**2")
    path = tmp_path / "tails_expm1.py"
    path.write_text(result.source)
    out = subprocess.run([sys.executable, "-m", "symact", "audit", f"{path}:f", "--expr", "(exp(x)-1-x)/x**2",
                          "--dtype", "float64", "--hypothesis", "0"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "PASS     values" in out.stdout, out.stdout

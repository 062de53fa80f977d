"""The certified overflow short-cut of the references (:mod:`symact.numeric.overflow`): exp(exp(x)) at large x
is +inf after rounding, decided in a few CPU milliseconds (mpmath would need some 10^43 bits at x = 100)."""
from __future__ import annotations

import time

import mpmath
import numpy as np
import sympy as sp

from symact.audit.reference.expression import expression_entry
from symact.audit.reference.oracle import Oracle, rounded_expression
from symact.catalog.registry import X
from symact.numeric.overflow import overflow_sign

E = sp.exp


def test_overflow_is_certified_on_the_right_side_of_the_threshold():
    # 2^1024 = e^709.78...: e^(e^6.56) = e^706.0 is below it, e^(e^6.57) = e^713.5 above (mpmath, 50 digits)
    with mpmath.workdps(50):
        assert mpmath.exp(6.56) < 1024 * mpmath.log(2) < mpmath.exp(6.57)
    assert overflow_sign(E(E(X)), 6.56) == 0 and overflow_sign(E(E(X)), 6.57) == 1
    assert overflow_sign(-3 * X ** 2 * E(E(X)) + 1, 100.0) == -1
    assert overflow_sign(E(X) * E(E(X)), 1e300) == 1
    assert overflow_sign(E(X), 709.0) == 0 and overflow_sign(E(X), 711.0) == 1
    # exp(exp(x)) * exp(-exp(x)) is 1: no part of it may be taken for the whole
    assert overflow_sign(E(E(X)) - E(E(X) + 1), 100.0) == 0


def test_references_of_exp_exp_overflow_within_a_cpu_bound():
    xs = np.array([100.0, 1e30, 3e38, 1e300])
    start = time.process_time()
    assert np.isinf(rounded_expression(E(E(X)), xs, "float32")).all()
    oracle = Oracle(expression_entry("exp(exp(x))"))
    assert np.isinf(oracle.slow_at(xs)[0]).all() and np.isinf(oracle.approx(xs)).all()
    derivative = Oracle(expression_entry("exp(exp(x))"), order=1)
    assert np.isinf(derivative.approx(xs)).all() and np.isinf(derivative.slow_at(xs)[0]).all()
    assert time.process_time() - start < 5.0


def test_audit_of_exp_exp_finishes_within_a_cpu_bound(tmp_path):
    """The whole audit (a child process and its workers) of a correct exp(exp(x)) conforms: it used to hang in
    the reference's mpmath escalation at x >= 6.57, where the value is beyond float64."""
    import resource
    import subprocess
    import sys

    (tmp_path / "ee.py").write_text("import numpy as np\n\n\ndef f(x):\n    with np.errstate(over='ignore'):\n"
                                    "        return np.exp(np.exp(x.astype(np.float64))).astype(x.dtype)\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "symact", "audit", f"{tmp_path / 'ee.py'}:f", "--expr",
                           "exp(exp(x))"], capture_output=True, text=True, timeout=900)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert done.returncode == 0, done.stdout + done.stderr
    assert cpu < 120, cpu

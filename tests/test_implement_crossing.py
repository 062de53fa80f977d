"""``symact implement --expr`` for Max and Min of two expressions that cross at one irrational point
(:mod:`symact.implement.crossing`): Min(x, 6*sigmoid(x)) switches where x = 6 sigmoid(x), x ~ 5.98494 (5.9849397...).

Ground truth: mpmath at 50 digits.  The crossing r solves x = 6/(1 + e^-x); left of it x < 6 sigmoid(x) (at x = 0:
0 < 3), right of it 6 sigmoid(x) < x (at x = 10: 5.9997 < 10), so Min is x on x <= r and 6 sigmoid(x) on x >= r,
and f' is 1 left of r and 6 sigmoid(x)(1 - sigmoid(x)) right of it (f' does not exist at r itself, no float)."""
from __future__ import annotations

import os
import subprocess
import sys

import mpmath
import numpy as np
import pytest
import sympy as sp

from symact.decide.checked import check_claim
from symact.implement import implement
from symact.implement.module import load_source
from symact.kernel import check
from symact.parsing import parse_claim

BUDGET = 5.0
MP_DPS = 50  # tests here run at this many digits (tests/conftest.py)
SIGMOID = lambda t: 1 / (1 + mpmath.exp(-t))  # noqa: E731 - the truth's own formula
with mpmath.workdps(MP_DPS):
    ROOT = mpmath.findroot(lambda t: t - 6 * SIGMOID(t), 6)
XS = np.concatenate([np.linspace(-40, 40, 801), np.linspace(5.98, 5.99, 401),
                     [float(ROOT) + k * 2.0 ** -50 for k in range(-20, 21)], [-1e300, 1e300, 0.0]])


def _truth(x: float, derivative: bool) -> float:
    t = mpmath.mpf(x)
    s = SIGMOID(t)
    if derivative:
        return float(1 if t < ROOT else 6 * s * (1 - s))
    return float(min(t, 6 * s))


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "symact", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": os.getcwd()}, timeout=900)


def test_the_crossing_is_inside_the_middle_range():
    assert mpmath.mpf(5984) / 1000 < ROOT < mpmath.mpf(5985) / 1000  # 5.98493970457...: inside (5.984, 5.985)


@pytest.mark.parametrize("claim,status", [
    ("Min(x, 6*sigmoid(x)) == x for x <= 5984/1000", "proved"),            # 5.984 < ROOT
    ("Min(x, 6*sigmoid(x)) == 6*sigmoid(x) for x >= 5985/1000", "proved"),  # 5.985 > ROOT
    ("Min(x, 6*sigmoid(x)) == x for x <= 5985/1000", "refuted"),            # at 5.985 6 sigmoid(x) < x
    ("diff(Min(x, 6*sigmoid(x)), x) == 1 for x <= 5984/1000", "proved"),
    ("Min(x, 6*sigmoid(x)) == Min(x, 6*sigmoid(x)) for 5984/1000 < x < 5985/1000", "proved"),
    ("Min(x, 6*sigmoid(x)) == Min(x, 6*sigmoid(x)) + 1/10**9 for 5984/1000 < x < 5985/1000", "refuted"),
])
def test_kernel_decides_the_branch_claims(claim, status):
    verdict = check_claim(parse_claim(claim), BUDGET)
    assert verdict.status == status, (claim, verdict.reason)
    assert check(verdict.certificate.to_json()["data"])[0] == status


@pytest.mark.parametrize("target", ["numpy", "torch"])
def test_min_of_crossing_arguments_is_proved_and_matches_mpmath(target):
    result = implement(expr="Min(x, 6*sigmoid(x))", target=target, dtype="float64", derivative=True, budget=BUDGET)
    assert not result.unproved
    f = result.plan.parts[0]
    p, q = sp.Rational(5984, 1000), sp.Rational(5985, 1000)
    assert [(b.lo, b.hi) for b in f.branches] == [(None, p), (p, q), (q, None)]
    module = load_source(result.source, f"crossing_{target}")
    for fn, derivative in ((module.f, False), (module.f_derivative, True)):
        if target == "torch":
            import torch

            got = fn(torch.from_numpy(XS)).numpy()
        else:
            got = np.asarray(fn(XS), dtype=np.float64)
        want = np.array([_truth(x, derivative) for x in XS])
        # f' within 1e-14 of the crossing: the run-time comparison of x with 6 sigmoid(x), both rounded to
        # float64, may take the other side (documented); float32 inputs are checked there below
        far = np.abs(XS - float(ROOT)) > 1e-14 if derivative else np.full(XS.shape, True)
        assert np.allclose(got[far], want[far], rtol=1e-15, atol=0), (target, derivative)


@pytest.mark.parametrize("target", ["numpy", "jax"])
def test_float32_derivative_takes_the_right_side_at_the_crossing(target):
    """The float32 inputs nearest the crossing are at least 2e-7 from it, far beyond float64 rounding: f' is 1
    left of it and 6 sigmoid(x)(1 - sigmoid(x)) right of it, within 1 ulp (f computes in float64 and rounds
    once); f likewise."""
    result = implement(expr="Min(x, 6*sigmoid(x))", target=target, dtype="float32", derivative=True,
                       budget=BUDGET)
    module = load_source(result.source, f"crossing_float32_{target}")
    r32 = np.float32(float(ROOT))
    xs = np.array([np.nextafter(r32, np.float32(k * np.inf), dtype=np.float32) if k else r32 for k in (-1, 0, 1)]
                  + [r32 + np.float32(2.0 ** -21) * k for k in range(-16, 17)], dtype=np.float32)
    for fn, derivative in ((module.f, False), (module.f_derivative, True)):
        want = np.array([_truth(float(x), derivative) for x in xs], dtype=np.float32)
        assert np.allclose(np.asarray(fn(xs)), want, rtol=2.0 ** -23, atol=0), derivative


def test_a_number_argument_in_torch_and_max():
    """Max(exp(x), 2) crosses at log 2: a number operand of torch's in-place maximum; values against mpmath."""
    import torch

    result = implement(expr="Max(exp(x), 2)", target="torch", dtype="float64", budget=BUDGET)
    assert not result.unproved
    module = load_source(result.source, "crossing_max_torch")
    xs = np.concatenate([np.linspace(-5, 5, 101), float(mpmath.log(2)) + np.arange(-8, 9) * 2.0 ** -52])
    got = module.f(torch.from_numpy(xs)).numpy()
    want = np.array([float(max(mpmath.exp(mpmath.mpf(x)), 2)) for x in xs])
    assert np.allclose(got, want, rtol=4e-16, atol=0)


@pytest.mark.parametrize("text,crossings", [
    ("Max(sin(x), x/20)", "at 11 or more points"),  # x/20 = sin(x) at 13 points of [-20, 20]: more than 8
    ("Max(sin(x), 1/2)", "at 399 or more points"),  # sin(x) = 1/2 twice a period: infinitely many
])
def test_many_crossings_are_refused_in_one_line(tmp_path, text, crossings):
    run = _run("implement", "--expr", text, "--target", "numpy", "-o", str(tmp_path / "m.py"))
    assert run.returncode == 2 and not (tmp_path / "m.py").exists()
    assert len(run.stderr.strip().splitlines()) == 1 and crossings in run.stderr and "Traceback" not in run.stderr


def test_the_module_passes_a_strict_audit_of_f_and_its_gradient(tmp_path):
    made = _run("implement", "--expr", "Min(x, 6*sigmoid(x))", "--target", "numpy", "--derivative", "-o",
                str(tmp_path / "m.py"))
    assert made.returncode == 0, made.stdout + made.stderr
    audit = _run("audit", "m.py:f", "--expr", "Min(x, 6*sigmoid(x))", "--strict", "--grad", "m.py:f_derivative",
                 cwd=tmp_path)
    assert audit.returncode == 0 and "CONFORMS" in audit.stdout, audit.stdout + audit.stderr
    assert "PASS     derivative" in audit.stdout


@pytest.mark.parametrize("lhs,rhs", [
    ("Derivative(Max(x, 0), x)", "Derivative(Max(x, 0), x)"),  # the same term, undefined at 0 (a kink)
    ("log(x)", "log(x)"),                                      # the same term, undefined for x <= 0
    ("x", "2*x"),                                              # not the same term
])
def test_the_kernel_rule_same_needs_the_same_term_defined_on_the_whole_piece(lhs, rhs):
    """A certificate ``same`` on [-1, 1] for t == t is rejected where t is not defined at every point of it (or
    the two sides differ): t - t is 0 only where t is defined."""
    from symact.kernel import Rejected
    from symact.kernel.terms import to_json
    from symact.sympy_terms import from_sympy

    x = sp.Symbol("x", real=True)
    term = {side: to_json(from_sympy(sp.sympify(text, locals={"x": x}), x))  # test-owned text, not user input
            for side, text in (("l", lhs), ("r", rhs))}
    cert = check_claim(parse_claim("Min(x, 6*sigmoid(x)) == Min(x, 6*sigmoid(x)) for -1 <= x <= 1"),
                       BUDGET).certificate.to_json()["data"]
    cert["proof"] = [{"rule": "same"}]
    assert check(cert)[0] == "proved"  # Min(x, 6 sigmoid(x)) is defined on all of [-1, 1]
    cert["claim"].update(lhs=term["l"], rhs=term["r"])
    with pytest.raises(Rejected):
        check(cert)

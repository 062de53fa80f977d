"""The audit's exact reference never gives a wrong value: far left, log(1 + tanh(x)) and its derivative are exact
where a ball at a precision in proportion to |x| holds 1 + tanh x, and not known (the input named, not judged)
beyond, where mpmath's log(0) = -inf and 0/0 = NaN of a cancellation used to be taken as the truth; a point
where the expression is undefined (log(0), 1/0, sqrt(-1)) stays NaN, not unknown.

The truth is computed here with mpmath, independently of symact: 1 + tanh x = 2 e^(2x) / (1 + e^(2x)), so
log(1 + tanh x) = log 2 + 2x - log(1 + e^(2x)) and its derivative 1 - tanh x = 2 / (1 + e^(2x)), finite at every
real x (about 2x + log 2 and 2 for x -> -oo); at x = -20000 the direct formula at 64,000 bits agrees.
"""
from __future__ import annotations

import re
import runpy
import textwrap

import mpmath
import numpy as np
import pytest

from symact.audit.context import judge_exact
from symact.audit.dtypes import get_format
from symact.audit.reference.expression import expression_entry
from symact.audit.reference.oracle import Oracle
from symact.numeric.reference import FAR_LIMIT
from symact.audit.standard import Standard
from symact.cli import main

EXPR = "log(1 + tanh(x))"
#: certified (a ball at 4|x| + 2048 bits holds 1 + tanh x) down to -FAR_LIMIT; not known beyond
CERTIFIED = [-3.0, -20000.0, -FAR_LIMIT]
BEYOND = [-1e6, -3.0e38]


def _truth(x: float, order: int) -> mpmath.mpf:
    with mpmath.workdps(60):
        t = mpmath.mpf(x)
        if order:
            return 2 / (1 + mpmath.exp(2 * t))
        return mpmath.log(2) + 2 * t - mpmath.log1p(mpmath.exp(2 * t))


def test_the_rewritten_truth_is_the_direct_formula_at_enough_precision():
    with mpmath.workprec(64000):       # 1 + tanh(-20000) ~ 2^-57708
        t = mpmath.mpf(-20000)
        direct = mpmath.log(1 + mpmath.tanh(t))
        slope = (1 - mpmath.tanh(t) ** 2) / (1 + mpmath.tanh(t))
        assert abs(direct - _truth(-20000.0, 0)) < mpmath.mpf(10) ** -40
        assert abs(slope - _truth(-20000.0, 1)) < mpmath.mpf(10) ** -40


@pytest.mark.parametrize("order", [0, 1])
def test_far_left_values_are_exact_or_unknown(order):
    o = Oracle(expression_entry(EXPR), None, order)
    xs = np.array(CERTIFIED + BEYOND)
    hi, lo = o.exact_at(xs)
    for x, h, l in zip(CERTIFIED, hi, lo):
        want = _truth(x, order)
        with mpmath.workdps(60):
            assert abs(mpmath.mpf(h) + mpmath.mpf(l) - want) <= abs(want) * mpmath.mpf(2) ** -80, (order, x)
    assert np.isnan(hi[len(CERTIFIED):]).all()
    assert o.unknown(xs).tolist() == [False] * len(CERTIFIED) + [True] * len(BEYOND)
    assert "certified no value" in o.why_unknown(-1e6)


@pytest.mark.parametrize("text, x", [("log(x)", 0.0), ("1/x", 0.0), ("sqrt(x)", -1.0), ("log(x)", -2.0)])
def test_an_undefined_value_stays_undefined_not_unknown(text, x):
    o = Oracle(expression_entry(text), None, 0)
    xs = np.array([x, 4.0])
    hi, _ = o.exact_at(xs)
    assert np.isnan(hi[0]) and hi[1] > 0 and not o.unknown(xs).any()


@pytest.fixture(scope="module")
def module(tmp_path_factory):
    path = tmp_path_factory.mktemp("far") / "far.py"
    path.write_text(textwrap.dedent("""
        import numpy as np

        def stable(x):
            t = x.astype(np.float64)
            with np.errstate(all="ignore"):
                out = np.where(t < -1, 2 * t + np.log(2) - np.log1p(np.exp(2 * t)),
                               np.where(t > 1, np.log(2) - np.log1p(np.exp(-2 * t)), np.log1p(np.tanh(t))))
                return out.astype(x.dtype)

        def stable_derivative(x):
            with np.errstate(all="ignore"):
                return (2 / (1 + np.exp(2 * x.astype(np.float64)))).astype(x.dtype)

        def naive(x):
            with np.errstate(all="ignore"):
                return np.log1p(np.tanh(x))
    """))
    return path


def test_judge_passes_a_correct_module_and_fails_a_wrong_one_where_the_reference_is_certified(module):
    fmt = get_format("float32")
    xs = np.array(CERTIFIED + BEYOND, dtype=np.float32)
    o = Oracle(expression_entry(EXPR), None, 0)
    good = runpy.run_path(str(module))["stable"](xs).astype(np.float64)
    xs = xs.astype(np.float64)
    err, _, ok, _, _ = judge_exact(o, xs, good, None, fmt, Standard())
    assert ok.all() and (err[len(CERTIFIED):] == 0).all()
    wrong = good.copy()
    wrong[1:] = -np.inf                     # -inf from x = -20000 on, as log1p(tanh(x)) in float32 gives
    _, _, ok, _, _ = judge_exact(o, xs, wrong, None, fmt, Standard())
    assert ok.tolist() == [True, False, False, True, True]   # failing where certified, not judged beyond


ARGS = ["--in-process", "--hypothesis", "0", "--effort", "0.1"]


def test_the_audit_of_a_correct_module_conforms_and_names_the_unknown_inputs(module, capsys):
    code = main(["audit", f"{module}:stable", "--expr", EXPR, "--grad", f"{module}:stable_derivative", *ARGS])
    out = capsys.readouterr().out
    assert code == 0 and "CONFORMS" in out, out
    for label in ("f", "f'"):
        m = re.search(rf"{re.escape(label)}\(x\) not checked at (\d+) inputs from (\S+) to (\S+) ", out)
        assert m and float(m.group(2)) < float(m.group(3)) < -FAR_LIMIT, out


def test_the_audit_of_a_wrong_module_fails_at_a_certified_input(module, capsys):
    code = main(["audit", f"{module}:naive", "--expr", EXPR, "--no-derivative", *ARGS])
    out = capsys.readouterr().out
    assert code == 1 and re.search(r"FAIL\s+values", out)
    failing = [float(x) for x in re.findall(r"- x = (\S+); returned -inf;", out)]
    assert failing and all(-FAR_LIMIT <= x < -1 for x in failing), out
    for x in failing:                       # a real failure: the exact value there is finite
        assert mpmath.isfinite(_truth(x, 0))

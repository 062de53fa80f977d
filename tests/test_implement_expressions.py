"""Held-out ``symact implement --expr`` inputs (not the catalog's families): compositions and user formulas that
cancel or overflow as written get stable forms on x < 0 and x >= 0, limits at +-inf, and erfc for 1 + erf; each
module's float32 values are compared with the certified correct rounding of the expression
(:func:`symact.audit.reference.oracle.rounded_expression`), its infinities with SymPy's limits."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symact.accuracy import ulp
from symact.audit.reference.oracle import rounded_expression
from symact.catalog.registry import X
from symact.implement import implement
from symact.implement.module import load_source
from symact.parsing import parse_expression

BUDGET = 2.0
RNG = np.random.default_rng(7)
XS = np.concatenate([m := 10.0 ** RNG.uniform(-44, 38, 300), -m, RNG.normal(0, 8, 200), [0.0, 1.0, -1.0]]
                    ).astype(np.float32)

CASES = [  # (expression, target, what goes wrong as written)
    ("sigmoid(x)*(1 - sigmoid(x))", "numpy"),  # 1 - sigmoid(x) cancels: 0 from x = 37
    ("log(sigmoid(x))", "torch"),              # log(1/(1 + exp(-x))) is -inf from x = -710, 0 from x = 37
    ("x*erfc(-x)", "numpy"),                   # SymPy writes 2 - erfc(x): 0 for x < -6
    ("1 - tanh(x)**2", "numpy"),               # 0 from |x| = 19
    ("x*exp(x)/(1 + exp(x))", "torch"),        # inf/inf from x = 710, -inf*0 at -inf
    ("x - softplus(x)", "numpy"),              # inf - inf from x = 710
]


def _call(fn, xs, target):
    if target == "torch":
        import torch

        return fn(torch.from_numpy(xs)).numpy().astype(np.float64)
    return np.asarray(fn(xs), dtype=np.float64)


@pytest.mark.parametrize("text,target", CASES)
def test_held_out_expression_is_within_one_ulp_with_its_limits(text, target):
    result = implement(expr=text, target=target, dtype="float32", budget=BUDGET)
    module = load_source(result.source, f"held_out_{abs(hash(text))}")
    expr = parse_expression(text)
    want = rounded_expression(expr, XS.astype(np.float64), "float32")
    with np.errstate(all="ignore"):
        got = _call(module.f, XS, target)
        err = np.where(got == want, 0.0, np.abs(got - want) / ulp(want, np.float32))
    assert np.all(np.isfinite(want)) and np.nanmax(np.where(np.isnan(err), np.inf, err)) <= 1, text
    ends = _call(module.f, np.array([-np.inf, np.inf, np.nan], dtype=np.float32), target)
    assert [ends[0], ends[1]] == [float(sp.limit(expr, X, -sp.oo)), float(sp.limit(expr, X, sp.oo))], text
    assert np.isnan(ends[2])


def test_removable_point_is_nan_and_the_cancelling_derivative_gets_taylor_branches_around_it():
    """(exp(x) - 1)/x is 0/0 at 0: real-line semantics, no value there, so the module returns NaN (f' too) and
    names the continuous extension (1; f' 1/2, the Taylor coefficients of (e^x - 1)/x = 1 + x/2 + ...) as
    information only; f' = exp(x)/x - (exp(x) - 1)/x**2 cancels near 0 in every form as written, so a Taylor
    polynomial serves on each side (tests/test_implement_taylor.py checks its values), while f keeps
    expm1(x)/x there (f(2^-30) is 1 in float32)."""
    result = implement(expr="(exp(x) - 1)/x", target="numpy", derivative=True, budget=BUDGET)
    module = load_source(result.source, "held_out_removable")
    xs = np.array([-0.0, 0.0, 2.0 ** -30, 1.0], dtype=np.float32)
    np.testing.assert_array_equal(module.f(xs), np.float32([np.nan, np.nan, 1, np.e - 1]))
    assert np.isnan(module.f_derivative(xs[:2])).all()
    doc = " ".join(result.source.split('"""')[1].split())
    assert "its continuous extension would be 1 here (the limit, information only: not returned)" in doc
    assert "its continuous extension would be 1/2 here" in doc
    assert doc.count("Taylor polynomial of degree") == 2  # f' on each side of 0; f as written


def test_expression_parameters_are_exact_values():
    """--param with --expr: the name is replaced by the exact value (0.5 as 1/2) before anything else."""
    result = implement(expr="x*sigmoid(a*x)", params={"a": "0.5"}, target="numpy", budget=BUDGET)
    assert result.plan.expr == parse_expression("x*sigmoid(x/2)")
    xs = np.array([-3.0, 0.5, 40.0])
    np.testing.assert_allclose(load_source(result.source, "held_out_param").f(xs), xs / (1 + np.exp(-0.5 * xs)),
                               rtol=1e-7)


def test_pieces_get_their_best_form_and_half_powers_are_printed():
    """x/(1 + |x|): its pieces' derivative 1/(1 + x) - x/(1 + x)^2 cancelled to 0 from x = 1e16 (the exact value
    is 1/(1 + x)^2), and its value at +-inf was inf/inf; x/sqrt(1 + x^2)' has (1 + x^2)**(-3/2), which the printer
    writes as 1/sqrt(1 + x^2)**3."""
    module = load_source(implement(expr="x/(1 + abs(x))", target="numpy", derivative=True, budget=BUDGET).source,
                         "held_out_softsign")
    xs = np.array([-1e30, -1e17, 1e17, 1e30, -np.inf, np.inf], dtype=np.float32)
    want = rounded_expression(sp.diff(parse_expression("x/(1 + abs(x))"), X), xs[:4].astype(np.float64), "float32")
    np.testing.assert_array_equal(module.f_derivative(xs[:4]), want.astype(np.float32))
    np.testing.assert_array_equal(module.f(xs[4:]), [-1.0, 1.0])
    module = load_source(implement(expr="x/sqrt(1 + x**2)", target="numpy", dtype="float64", derivative=True,
                                   budget=BUDGET).source, "held_out_half_power")
    np.testing.assert_allclose(module.f_derivative(np.array([0.5, 3.0])), [1.25 ** -1.5, 10.0 ** -1.5], rtol=1e-15)


PROVED_CASES = [  # (expression, --derivative): every claim of each was NOT PROVED before (why, on the right)
    ("x*sigmoid(1.702*x)", True),     # exp(851x/500): E = exp(x/500) made E^851, past the algebra's power limit
    ("log(1 + exp(x)) - log(2)", False),  # log1p(expm1(x)/2): log((e^x + 1)/2) = log(e^x + 1) - log 2
    ("log(cosh(x))", False),          # x + log(1 + e^-2x) - log 2 for x > 1: cosh's content 1/2
    ("Max(0.2*x, x)", True),          # Max(x/5, x) == x for x >= 0: no smooth form on [0, oo) as one piece
    ("x/(1 + Abs(x))", True),         # the same at 0, and its limits +-1 (oo/oo was 0 * oo to the kernel)
    ("x**2/(1 + x**2)", False),       # the limits 1 at +-oo (oo/oo)
    ("0.5*x*(1 + erf(x/sqrt(2)))", True),  # f': exp(-(x sqrt(2)/2)^2) against exp(x^2/2) needs sqrt(2)^2 = 2
    ("x/sqrt(1 + x**2)", False),      # the limits +-1 at +-oo: 1/sqrt(1 + x^-2) there, (N/D)^r = N^r D^-r
    ("softsign(tanh(x))", True),      # |tanh x| == tanh x for x >= 0: the end 0, a zero of tanh, is a case apart
]


@pytest.mark.parametrize("text,derivative", PROVED_CASES)
def test_held_out_expression_claims_are_all_proved_by_the_command(tmp_path, text, derivative):
    """The real command exits 0 (it exits 1 where a claim is not proved); every claim in PROOFS is proved and
    its certificate re-checked here by the kernel, about the claim the docstring shows; and the module's float32
    values are within 1 ulp of the certified correct rounding of the expression (the claims are about the
    formulas it prints)."""
    import os
    import subprocess
    import sys

    from symact.kernel import check

    out = tmp_path / "mod.py"
    run = subprocess.run([sys.executable, "-m", "symact", "implement", "--expr", text, "--target", "numpy", "-o",
                          str(out), *(["--derivative"] if derivative else [])], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": os.getcwd()}, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    source = out.read_text()
    module = load_source(source, f"held_out_proved_{abs(hash(text))}")
    assert "NOT PROVED" not in source and "Every branch claim above is proved." in module.__doc__
    assert {p["function"] for p in module.PROOFS} == ({"f", "f_derivative"} if derivative else {"f"})
    doc = " ".join(module.__doc__.split())
    for proof in module.PROOFS:
        assert proof["status"] == "proved" and check(proof["certificate"])[0] == "proved", proof["claim"]
        assert f"claim: {' '.join(proof['claim'].split())} proved by the kernel, certificate {proof['id']}" in doc
    want = rounded_expression(parse_expression(text), XS.astype(np.float64), "float32")
    with np.errstate(all="ignore"):
        got = np.asarray(module.f(XS), dtype=np.float64)
    err = np.where(got == want, 0.0, np.abs(got - want) / ulp(want, np.float32))
    assert np.nanmax(np.where(np.isnan(err), np.inf, err)) <= 1, text


ZERO_SLOPES = [  # (expression, f'(0) by hand: the derivative of the formula at 0, sign of f(+-tiny))
    ("2*x", 2.0),           # f(-tiny) < 0 < f(tiny): the module returns the input's zero
    ("sin(x)/2", 0.5),      # cos(0)/2
    ("-3*x", -3.0),         # f(-tiny) > 0 > f(tiny): the module returns -x at +-0
    ("tanh(x)", 1.0),       # 1 - tanh(0)**2
    ("x**2", 0.0),          # 2*0; f(+-tiny) rounds to +0 on both sides
]


@pytest.mark.parametrize("target", ["torch", "jax"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_autograd_gradient_at_signed_zeros_is_the_derivative_not_the_zero_steps(target, dtype):
    """A module made without --derivative returns the correctly signed zero at +-0 with a where-selection
    (:mod:`symact.implement.zeros`); autograd differentiates through it, and its gradient there must be f'(0)
    (the hand-derived values above), not the derivative of the input x that gives the sign (1).  The values at
    +-0 keep their signs: sign(f(+-0)) = sign(f'(0)) * sign(+-0) where f'(0) != 0, +0 for x**2."""
    for text, slope in ZERO_SLOPES:
        module = load_source(implement(expr=text, target=target, dtype=dtype, budget=BUDGET).source,
                             f"zero_slope_{target}_{dtype}_{abs(hash(text))}")
        for zero in (0.0, -0.0):
            value, grad = _value_and_grad(module.f, zero, target, dtype)
            want_sign = np.signbit(slope * zero) if slope else False
            assert value == 0 and bool(np.signbit(value)) == want_sign, (text, target, dtype, zero, value)
            assert grad == slope, (text, target, dtype, zero, grad)


def _value_and_grad(fn, x0: float, target: str, dtype: str) -> tuple[float, float]:
    """fn at x0 (a one-element array of ``dtype``) and autograd's derivative there."""
    if target == "torch":
        import torch

        x = torch.tensor([x0], dtype=getattr(torch, dtype), requires_grad=True)
        y = fn(x)
        y.sum().backward()
        return float(y.detach()[0]), float(x.grad[0])
    import jax
    import jax.numpy as jnp

    with jax.enable_x64(True):
        x = jnp.array([x0], dtype=dtype)
        return float(fn(x)[0]), float(jax.grad(lambda v: fn(v).sum())(x)[0])

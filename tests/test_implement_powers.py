"""NumPy modules write an integer power beyond 2 as multiplications (``Printer.product``): NumPy squares for
``**2`` but calls the C library's pow for ``**3`` and beyond, about 150 ns a value, which made tanhshrink's
Taylor branch (x**3 times a polynomial in x**2) and gelu_tanh's x**3 the slowest parts of their modules.  The
products round n - 1 times instead of once, at most about (n - 1) 2^-53 relative: the results below must stay
as accurate as the correct rounding allows.  Truths: mpmath at 120 digits (x - tanh(x) cancels about
2 log10(1/|x|) digits: 80 at x = 1e-40)."""
from __future__ import annotations

from pathlib import Path

import mpmath
import numpy as np
import sympy as sp
import pytest

from symact.catalog.registry import X
from symact.implement import implement
from symact.implement.emit import BACKENDS, Printer
from symact.implement.module import load_source

DOCS = Path(__file__).resolve().parent.parent / "docs" / "implementations"


def ulps(r: float, exact: mpmath.mpf) -> float:
    """|r - exact| in units of the float32 spacing at exact (2^(e - 23) for 2^e <= |exact| < 2^(e + 1), the
    subnormal spacing 2^-149 below 2^-126), computed in mpmath."""
    e = max(int(mpmath.floor(mpmath.log(abs(exact), 2))), -126) if exact else -126
    return float(abs(mpmath.mpf(float(r)) - exact) / mpmath.mpf(2) ** (e - 23))


@pytest.mark.parametrize("n", [3, 4, 5, 7, 13, -3, -6])
def test_numpy_prints_an_integer_power_beyond_2_as_multiplications_and_other_backends_keep_theirs(n):
    u = sp.sin(X)  # x itself to a negative power is divided by once per power on every backend (below)
    text = Printer(BACKENDS["numpy"], "x")(u ** n)
    assert f"**{abs(n)}" not in text and text.count("*") >= 2
    assert Printer(BACKENDS["torch"], "x")(u ** n).endswith(f"**{abs(n)})" if n > 0 else f"**{-n}))")


@pytest.mark.parametrize("backend", ["numpy", "torch", "jax"])
def test_a_negative_power_of_x_is_divided_by_once_per_power(backend):
    # 1/x**2 is inf/0 from |x| = 1.3e154 where x**2 overflows; 1/x/x is not
    assert Printer(BACKENDS[backend], "x")(X ** -3) == "(1.0/x/x/x)"


def test_a_power_already_in_a_variable_is_read_from_it():
    printer = Printer(BACKENDS["numpy"], "x")
    printer.shared[X ** 2] = "x_0"
    assert printer(X ** 3) == "(x_0*x)"
    assert printer(X ** 5) == "((x_0**2)*x)"


def test_a_polynomial_module_with_high_powers_is_within_a_few_float64_roundings_of_the_exact_value():
    # a sum of positive terms for x > 0 and of negative ones for x < 0: no cancellation anywhere
    result = implement(expr="x**7 + x**5 + x**3", target="numpy", dtype="float64", budget=2.0)
    code = result.source[result.source.index("def _f_block"):]  # the docstring shows the formula as written
    assert "**7" not in code and "**5" not in code and "**3" not in code
    module = load_source(result.source, "powers_poly")
    xs = np.array([0.3, 0.7, 1.1, 1.9, 2.5, 3.7, 12.5, 1e10, -0.4, -2.2, -1e20])
    got = module.f(xs)
    with mpmath.workdps(60):
        for x, r in zip(xs, got):
            v = mpmath.mpf(float(x))
            exact = v ** 7 + v ** 5 + v ** 3
            # x**7's four roundings, x**5's three, x**3's two and the two additions: under 16 units of 2^-53
            assert abs(mpmath.mpf(float(r)) - exact) <= 16 * mpmath.mpf(2) ** -53 * abs(exact), x


def test_the_tanhshrink_module_is_correctly_rounded_on_its_taylor_branch():
    source = (DOCS / "tanhshrink_numpy.py").read_text(encoding="utf-8")
    assert "x1**3" not in source and "(x1_0*x1)" in source  # the branch's cube: x**2 (held in x1_0) times x
    module = load_source(source, "tanhshrink_numpy_powers")
    rng = np.random.default_rng(15)
    # float32 inputs of the Taylor branch |x| <= 1/16 across its binades, its ends, and the tiny ones whose
    # cube is subnormal or underflows
    mags = np.concatenate([2.0 ** rng.uniform(-40, -4, 600), [1 / 16, 0.0624999, 2.0 ** -42, 1e-40, 1e-45]])
    xs = (mags * rng.choice([-1.0, 1.0], mags.size)).astype(np.float32)
    got = module.tanhshrink(xs)
    assert got.dtype == np.float32
    worst = 0.0
    with mpmath.workdps(120):
        for x, r in zip(xs, got):
            v = mpmath.mpf(float(x))
            exact = v - mpmath.tanh(v)
            worst = max(worst, ulps(float(r), exact))
    # the Taylor remainder (2^-40 relative, proved) and float64 evaluation leave the result at the correct
    # rounding but within a hair of a midpoint: above 0.5 + 2^-10 ulp, a product or a coefficient is wrong
    assert worst <= 0.5 + 2.0 ** -10, worst

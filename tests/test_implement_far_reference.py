"""``symact implement``'s own reference far left (issue #15): log(1 + tanh(x)) and its derivative are exact where
an arb ball at a precision in proportion to |x| holds 1 + tanh x (down to x = -2^16), and not known beyond, where
mpmath's log(0) = -inf and 0/0 = NaN of a cancellation used to be the values every form was measured against
(float64: NO STABLE FORM FOUND on x < -1, every form inf ulp off, and f' kept (1 - tanh(x)^2)/(1 + tanh(x)),
NaN from x = -19).  A point where the expression is undefined stays so (log(0) = -inf, log(-1) NaN), not unknown.

The truth is computed here with mpmath at 60 digits, independently of symact: 1 + tanh x = 2 e^(2x)/(1 + e^(2x)),
so log(1 + tanh x) = log 2 + 2x - log1p(e^(2x)) and its derivative 1 - tanh x = 2/(1 + e^(2x)), finite at every
real x (about 2x + log 2 and 2 far left; tests/test_audit_unknown_reference.py checks the identity against the
direct formula at 64,000 bits)."""
from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

from symact.audit.reference.oracle import certified_expression
from symact.catalog import X
from symact.implement import implement
from symact.implement.module import load_source
from symact.numeric.reference import FAR_LIMIT

EXPR = "log(1 + tanh(x))"
FAR = [-20000.0, -60000.0, -FAR_LIMIT]


def _truth(x: float, order: int) -> float:
    with mpmath.workdps(60):
        t = mpmath.mpf(x)
        return float(2 / (1 + mpmath.exp(2 * t)) if order else mpmath.log(2) + 2 * t - mpmath.log1p(mpmath.exp(2 * t)))


@pytest.mark.parametrize("order", [0, 1])
def test_the_reference_is_correctly_rounded_far_left_and_unknown_beyond(order):
    expr = sp.log(1 + sp.tanh(X))
    xs = np.array([-3.0, *FAR, -1e6, -1e300])
    got, unknown = certified_expression(sp.diff(expr, X) if order else expr, xs, "float64")
    assert got[:4].tolist() == [_truth(x, order) for x in xs[:4]], order
    assert unknown.tolist() == [False] * 4 + [True] * 2 and np.isnan(got[4:]).all()


def test_an_undefined_point_is_not_unknown():
    got, unknown = certified_expression(sp.log(X), np.array([0.0, -1.0, 1.0]), "float64")
    assert got[0] == -np.inf and np.isnan(got[1]) and got[2] == 0.0 and not unknown.any()


@pytest.fixture(scope="module")
def made():
    return implement(expr=EXPR, target="numpy", dtype="float64", derivative=True, budget=5)


def test_far_left_is_measured_on_known_values_and_stable(made):
    assert made.unstable == [] and made.unproved == []
    far = [b for part in made.plan.parts for b in part.branches if b.holds(np.array([-2.0]))[0]]
    assert len(far) == 2
    for b in far:  # measured on the points with a known value, the others counted, not taken as inf or 0 ulp
        assert "ulp at most in float64" in b.why and "more left out: the reference certified no value there" in b.why
        assert b.measured.lost.size and (b.measured.lost < -FAR_LIMIT).all() and (b.measured.xs >= -FAR_LIMIT).all()


def test_the_module_is_within_one_ulp_far_left(made):
    module = load_source(made.source, "far_reference")
    xs = np.array([-19.5, -1000.0, *FAR])
    for fn, order in ((module.f, 0), (module.f_derivative, 1)):
        got = fn(xs)
        want = np.array([_truth(x, order) for x in xs])
        assert np.all(np.abs(got - want) <= np.spacing(np.abs(want))), (order, got, want)

"""The audit's exact reference where a value cancels below every trial precision of the ball stage.

log(1 + tanh x) far left: 1 + tanh x = 2 e^(2x) / (1 + e^(2x)), so the value is log 2 + 2x - log(1 + e^(2x)),
finite at every real x.  arb's balls up to 16,384 bits cannot separate 1 + tanh(-6000) ~ 2e^-12000 from 0, and
mpmath at the precisions that used to settle it computed log(0) = -inf twice and took that as the exact value,
so an audit called a correct module's finite 2x + log 2 infinitely wrong (and a naive module's -inf right).
The truth here is computed from the rewritten form with mpmath, independently of symact.
"""
from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from symact.audit.reference.oracle import rounded_expression
from symact.catalog import X


def _truth(x: float) -> float:
    with mpmath.workdps(60):
        t = mpmath.mpf(x)
        return float(mpmath.log(2) + 2 * t - mpmath.log1p(mpmath.exp(2 * t)))


def test_a_finite_value_that_cancels_to_zero_is_not_taken_as_infinite():
    xs = np.array([-6000.0, -10000.0, -3.0])
    got = rounded_expression(sp.log(1 + sp.tanh(X)), xs, "float64")
    assert got.tolist() == [_truth(x) for x in xs]


def test_a_point_where_the_expression_is_undefined_stays_so():
    # mpmath's log(0) is -inf at every precision: the doubling runs to its highest precision and ends with the
    # answer it gave before
    got = rounded_expression(sp.log(X), np.array([0.0, 1.0]), "float64")
    assert got[0] == -np.inf and got[1] == 0.0

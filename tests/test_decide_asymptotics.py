"""The one implementation of limits of exponential polynomials and of the tail-dominance certificate
(symact.decide.asymptotics), shared by the deciders and the property engine."""
from __future__ import annotations

import pytest
import sympy as sp

from symact.catalog import X
from symact.decide import balls
from symact.decide.asymptotics import exp_poly_limit, exp_poly_terms, limit_within, tail_radius, tail_sign
from symact.decide.pattern import Undecided
from symact.properties import piece_shape

x = X
oo = sp.oo


@pytest.mark.parametrize("expr, point, expected", [
    (sp.tanh(x), oo, 1),
    (sp.tanh(x), -oo, -1),
    (x / (1 + sp.exp(-x)), -oo, 0),
    (x ** 2 * sp.exp(-x), -oo, oo),
    (sp.exp(x ** 2) / (x ** 5 + 1), -oo, -oo),
    (x * sp.exp(x) - sp.exp(2 * x), oo, -oo),
    (sp.exp(x + x ** 2) / sp.exp(x ** 2), -oo, 0),
    ((x ** 3 - x) / (2 * x ** 3 + 1), -oo, sp.Rational(1, 2)),
    (sp.pi * sp.exp(x) / (sp.E * sp.exp(x) + x), oo, sp.pi / sp.E),
    (sp.Integer(0), oo, 0),  # (the decide side's case)
    (2 ** x / (1 + x ** 2), oo, oo),  # (the property engine's case: 2**x only rewrites in exp)
    (2 ** x / (1 + x ** 2), -oo, 0),
    (sp.exp(sp.sqrt(2) * x) / sp.exp(x), oo, oo),
])
def test_exp_poly_limit(expr, point, expected):
    assert sp.simplify(exp_poly_limit(expr, x, point) - expected) == 0 if expected not in (oo, -oo) else \
        exp_poly_limit(expr, x, point) == expected


@pytest.mark.parametrize("expr", [
    x * sp.erf(x), sp.sin(x) / x, sp.log(1 + sp.exp(x)), sp.sqrt(1 + x ** 2) - x,
    # exponents equal in value but not certified equal: no order, no answer
    sp.exp((sp.cos(1) ** 2 + sp.sin(1) ** 2) * x) / (sp.exp(x) + 1),
    # the fastest term's coefficient is exactly 0 but not certified nonzero: no answer (the limit is 1)
    ((sp.cos(1) ** 2 + sp.sin(1) ** 2 - 1) * sp.exp(2 * x) + sp.exp(x)) / sp.exp(x),
])
def test_exp_poly_limit_declines(expr):
    assert exp_poly_limit(expr, x, oo) is None


def test_terms_are_sorted_by_growth_and_merged():
    num, den = exp_poly_terms(x * sp.exp(x) + 3 * sp.exp(x) * x + sp.exp(x ** 2) - x ** 5, x, 1)
    assert den[0].c == 1 and len(den) == 1
    assert [(t.i, t.p.as_expr()) for t in num] == [(5, 0), (1, x), (0, x ** 2)]
    assert num[1].c == 4


@pytest.mark.parametrize("expr, side, sign", [
    (x - sp.tanh(x), 1, 1), (x - sp.tanh(x), -1, -1),
    (sp.sinh(x) - x ** 7, 1, 1), (sp.sinh(x) - x ** 7, -1, -1),
    (x * sp.exp(x) - sp.exp(2 * x), 1, -1),
    (sp.tanh(x) + sp.Rational(1, 2), -1, -1),
])
def test_tail_certificate(expr, side, sign):
    r = tail_radius(expr, x, side)
    assert tail_sign(expr, x, side, r) == sign
    for k in (0, 1, 3, 10, 40):
        ball = balls.at_point(expr, x, side * (r + k), 256)
        assert balls.ball_sign(ball) == sign


def test_tail_certificate_refuses():
    with pytest.raises(Undecided):
        tail_radius(x * sp.erf(x), x, 1)
    assert tail_sign(sp.Integer(0), x, 1, sp.Integer(2)) is None
    # sinh(x) - x^7 changes sign near x = 23.3: no certificate below that radius
    assert tail_sign(sp.sinh(x) - x ** 7, x, 1, sp.Integer(16)) is None


def test_limits_shared_by_both_engines():
    assert limit_within(sp.sin(x) / x, x, 0, "+") == 1
    with pytest.raises(Undecided):
        limit_within(sp.sin(x), x, oo, "-")
    assert piece_shape.limit(sp.tanh(x), -oo, "+").exact == -1
    assert piece_shape.Undecided is Undecided


def test_points_enclosed_at_the_requested_precision():
    ball = balls.at_point(x, x, sp.Rational(1, 3), 128)
    assert float(ball.rad()) < 2.0 ** -120
    assert balls.enclose(sp.pi) is not None and balls.enclose(x) is None
    assert balls.to_rational(balls.interval(sp.Rational(1, 4), sp.Rational(3, 4)), "mid") == sp.Rational(1, 2)


def test_same_value_is_exact_or_certified():
    import time

    from symact.decide.context import Context, same_value

    ctx = Context(x, time.monotonic() + 5)
    assert same_value(sp.cos(1) ** 2 + sp.sin(1) ** 2, 1, ctx) is True
    assert same_value(sp.pi, sp.Rational(355, 113), ctx) is False
    assert same_value(sp.oo, 10 ** 9, ctx) is False and same_value(-sp.oo, -sp.oo, ctx) is True
    assert same_value(sp.zoo, 1, ctx) is None


def test_smooth_everywhere_is_structural():
    from symact.decide.smooth import smooth_everywhere

    assert smooth_everywhere(x * sp.tanh(sp.log(1 + sp.exp(x))), x)
    assert smooth_everywhere(sp.sqrt(1 + x ** 2) / (2 + sp.sin(x)), x)
    assert not smooth_everywhere(sp.sqrt(x), x)
    assert not smooth_everywhere(sp.Abs(x), x)
    assert not smooth_everywhere(1 / x, x)


def test_piece_beside():
    from symact import calculus
    from symact.decide.common import piece_beside

    pieces = calculus.pieces(sp.Max(x, 0))
    assert piece_beside(pieces, sp.Integer(0), "+").expr == x
    assert piece_beside(pieces, sp.Integer(0), "-").expr == 0
    assert piece_beside(pieces, sp.oo, "-").expr == x


def test_an_unfinished_rewrite_is_not_remembered(monkeypatch):
    from symact.decide import asymptotics

    e = sp.exp(x) / (sp.exp(x) + x ** 3 + 7)
    asymptotics._TERMS.pop((e, x, 1), None)
    with monkeypatch.context() as m:
        m.setattr(asymptotics, "attempt", lambda fn, seconds: (False, "time budget exceeded"))
        assert exp_poly_limit(e, x, oo) is None
    assert exp_poly_limit(e, x, oo) == 1

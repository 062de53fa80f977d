"""Pieces, breakpoints, kinks and one-sided derivatives of expressions written with Max/Min/Abs/Heaviside."""
import sympy as sp

from symact import calculus
from symact.catalog import X


def test_max_is_split_into_pieces_and_its_kink_found():
    expr = sp.Max(X, X / 3)
    ps = calculus.pieces(expr)
    assert [p.expr for p in ps] == [X / 3, X]
    assert calculus.kinks(expr) == [0]
    assert calculus.one_sided_derivatives(expr) == {0: (sp.Rational(1, 3), 1)}


def test_abs_kink_and_smooth_breakpoint_are_told_apart():
    assert calculus.kinks(sp.Abs(X)) == [0]
    smooth_relu = sp.Piecewise((0, X < 0), (X**2 / 2, X < 1), (X - sp.Rational(1, 2), True))
    assert calculus.breakpoints(smooth_relu) == [0, 1]
    assert calculus.kinks(smooth_relu) == []          # C1: value and slope match at both ends


def test_a_jump_is_a_kink_and_not_continuous():
    step = sp.Heaviside(X - 1)
    (bp,) = calculus.analyse_breakpoints(step)
    assert bp.point == 1 and not bp.continuous and bp.is_kink


def test_derivative_of_piecewise_is_taken_piece_by_piece():
    d = calculus.derivative(sp.Piecewise((sp.exp(X) - 1, X < 0), (X, True)))
    assert d.subs(X, -1) == sp.exp(-1) and d.subs(X, 2) == 1


def test_derivative_rejects_bad_order():
    import pytest

    with pytest.raises(ValueError):
        calculus.derivative(X, -1)


def test_normal_form_proves_tanh_sigmoid_identity_that_plain_simplify_misses():
    sigmoid2 = 1 / (1 + sp.exp(-2 * X))
    assert calculus.normal_form(sp.tanh(X) - (2 * sigmoid2 - 1)) == 0


def test_simplification_keeps_exponentials_for_exponential_input():
    d2 = calculus.derivative(sp.log(1 + sp.exp(X)), 2)
    assert not d2.has(sp.cosh)
    assert sp.simplify(d2 - sp.exp(X) / (1 + sp.exp(X)) ** 2) == 0

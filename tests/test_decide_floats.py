"""The search's float evaluation of kernel terms (symact/decide/floats.py), against mpmath at 30 digits: a value
close to the true one where the term is defined and representable, None where it fails (a pole, a logarithm or a
fractional power of a negative number, an overflow, a constant beyond the float range)."""
from __future__ import annotations

import math

import mpmath
import pytest

from symact.decide.floats import evaluator
from symact.kernel.terms import from_json

X = ["x"]


def num(q: str) -> list:
    return ["num", q]


# (term as JSON, the same function in mpmath)
DEFINED = [
    (["add", ["mul", num("3"), ["pow", X, "2"]], num("-1/7")], lambda x: 3 * x ** 2 - mpmath.mpf(1) / 7),
    (["mul", ["fn", "exp", X], ["fn", "sin", ["mul", num("5"), X]]], lambda x: mpmath.exp(x) * mpmath.sin(5 * x)),
    (["pow", ["add", X, num("3")], "1/2"], lambda x: mpmath.sqrt(x + 3)),
    (["pow", ["add", ["pow", X, "2"], num("1")], "-3"], lambda x: (x ** 2 + 1) ** -3),
    (["powt", ["add", ["pow", X, "2"], num("2")], ["fn", "tanh", X]],
     lambda x: (x ** 2 + 2) ** mpmath.tanh(x)),
    (["add", ["const", "pi"], ["mul", num("-1"), ["fn", "atan", X]]], lambda x: mpmath.pi - mpmath.atan(x)),
    (["mul", ["const", "E"], ["fn", "erf", ["mul", num("1/3"), X]]], lambda x: mpmath.e * mpmath.erf(x / 3)),
]


def _horner(coefficients: list[str]) -> list:
    t = num(coefficients[-1])
    for c in reversed(coefficients[:-1]):
        t = ["add", num(c), ["mul", X, t]]
    return t


HORNER = [str(k) + "/" + str(k + 3) for k in range(13)]   # nested 12 deep, as a Taylor bound's derivative is
DEFINED.append((_horner(HORNER), lambda x: sum(mpmath.mpf(k) / (k + 3) * x ** k for k in range(13))))


@pytest.mark.parametrize("term,truth", DEFINED, ids=[str(i) for i in range(len(DEFINED))])
@pytest.mark.parametrize("x", [-0.75, 0.0, 0.3125, 1.5, 2.0 ** -30])
def test_values_agree_with_mpmath(term, truth, x):
    with mpmath.workdps(30):
        exact = truth(mpmath.mpf(x))
    got = evaluator(from_json(term))(x)
    assert got is not None and math.isfinite(got)
    assert abs(got - float(exact)) <= 1e-13 * max(1.0, abs(float(exact)))


def test_one_term_at_many_points_is_the_value_at_each():
    t = from_json(_horner(HORNER))
    at = evaluator(t)
    xs = [k / 64 for k in range(-64, 65)]
    with mpmath.workdps(30):
        truth = [float(sum(mpmath.mpf(k) / (k + 3) * mpmath.mpf(x) ** k for k in range(13))) for x in xs]
    assert all(abs(at(x) - v) <= 1e-13 * max(1.0, abs(v)) for x, v in zip(xs, truth))


@pytest.mark.parametrize("term,x", [
    (["pow", X, "-1"], 0.0),                                    # a pole
    (["fn", "log", X], -1.0),                                   # log of a negative number
    (["pow", X, "1/2"], -2.0),                                  # a square root of a negative number
    (["fn", "exp", X], 1000.0),                                 # exp overflows
    (["pow", ["fn", "exp", ["mul", num("10"), X]], "40"], 2.0),  # a power overflows
], ids=["pole", "log", "sqrt", "exp-overflow", "pow-overflow"])
def test_failures_are_none(term, x):
    at = evaluator(from_json(term))
    assert at(x) is None
    assert at(0.5) is not None   # defined there: the failure was the point's, not the term's


def test_a_constant_beyond_the_float_range_fails_everywhere():
    at = evaluator(from_json(["add", X, num("1" + "0" * 400)]))
    assert [at(x) for x in (-1.0, 0.0, 1.0)] == [None, None, None]

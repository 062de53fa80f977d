"""The general deciders: verdicts checked against independent mpmath computations at high precision."""
from __future__ import annotations

import time

import mpmath as mp
import pytest
import sympy as sp

from symact import catalog
from symact.decide import Extremum, extremum, identity, inequality, limit, sign

X = catalog.X
MP_DPS = 40  # tests here run at this many digits (tests/conftest.py)


def f(name, order=0):
    e = catalog.get(name).f()
    return sp.diff(e, X, order) if order else e


def sigmoid_mp(t):
    return 1 / (1 + mp.exp(-t))


# ------------------------------------------------------------------------------------------------ sign
@pytest.mark.parametrize("expr, rel, status", [
    (f("sigmoid", 1) - sp.Rational(1, 4), "<=0", "proved"),
    (sp.Rational(1, 4) - f("sigmoid", 1), ">0", "refuted"),
    (f("sigmoid") - sp.Rational(1, 2), "<=0", "refuted"),
    (f("silu", 1), ">0", "refuted"),
    (f("sigmoid", 1), ">0", "proved"),
    (f("tanh", 1), ">0", "proved"),
    (f("softplus"), ">0", "proved"),
    (f("logsigmoid"), "<0", "proved"),
    (f("elu", 1), ">0", "proved"),
    (f("relu"), ">=0", "proved"),
    (f("relu"), ">0", "refuted"),
    (X / (1 + X**2) - sp.Rational(1, 2), "<=0", "proved"),
    (X * sp.atan(X), ">=0", "proved"),
    (sp.exp(-sp.Abs(X)), ">0", "proved"),
    (sp.Max(X, X / 3), ">=0", "refuted"),
    (1 + sp.cos(X), ">=0", "proved"),          # x + sin(x) is non-decreasing
    (1 + sp.cos(X), ">0", "refuted"),          # touching zeros at odd multiples of pi
    (sp.tanh(X) - (2 * f("sigmoid").subs(X, 2 * X) - 1), "==0", "proved"),
])
def test_sign_claims(expr, rel, status):
    v = sign(expr, rel)
    assert v.status == status, v.summary() + "\n" + v.derivation.text()
    if status == "refuted":
        assert v.certificate.kind in ("counterexample", "interval")


def test_refutation_point_is_a_real_counterexample():
    v = sign(f("silu", 1), ">0")
    p = v.value["counterexample"]
    t = mp.mpf(sp.Rational(p).p) / sp.Rational(p).q
    value = sigmoid_mp(t) * (1 + t * (1 - sigmoid_mp(t)))
    assert value < 0


def test_touching_zero_is_an_exact_counterexample():
    v = sign(sp.Rational(1, 4) - f("sigmoid", 1), ">0")
    assert v.certificate.data["exact"] and v.certificate.data["point"] == "0"


def test_sign_on_a_subinterval():
    assert sign(f("silu", 1), ">0", sp.Interval(-1, sp.oo)).status == "proved"
    assert sign(f("silu", 1), "<0", sp.Interval.open(-sp.oo, -2)).status == "proved"
    assert sign(X**2 - 2, ">=0", sp.Interval(sp.sqrt(2), 5)).status == "proved"


def test_runaway_expression_ends_unknown_within_budget():
    """The budget is CPU time (the process's, every thread's), so the bound holds under any load; the wall time
    is not bounded (at load 35 it was 12 s)."""
    nasty = sp.sin(sp.exp(X) * sp.cos(X**3 + sp.exp(sp.sin(X)))) + sp.Rational(1, 10**6)
    cpu = time.process_time()
    v = sign(nasty, ">=0", budget=1.0)
    assert v.status in ("unknown", "refuted")
    assert time.process_time() - cpu < 4.0


def test_unknown_is_never_a_guess():
    v = sign(X + sp.sin(X) * sp.exp(-X**2) - sp.Rational(1, 10**30), ">0", sp.Interval(0, 1), budget=2.0)
    assert v.status in ("unknown", "refuted")  # refuted at x = 0 is fine; proved would be wrong


# ------------------------------------------------------------------------------------------------ extremum
def _close(a, b, tol=1e-25):
    return abs(mp.mpf(a) - mp.mpf(b)) <= tol * (1 + abs(mp.mpf(b)))


def _value(v):
    assert v.status == "proved", v.summary()
    assert isinstance(v.value, Extremum)
    return v.value


def test_sigmoid_derivative_sup_is_a_quarter_at_0():
    e = _value(extremum(f("sigmoid", 1), "sup"))
    assert e.exact == sp.Rational(1, 4) and e.attained and e.at == [0]


def test_silu_minimum_is_minus_lambert_w():
    e = _value(extremum(f("silu"), "inf"))
    w = mp.lambertw(mp.exp(-1)).real
    assert e.attained
    assert sp.simplify(e.exact + sp.LambertW(sp.exp(-1))) == 0
    assert _close(sp.N(e.exact, 40), -w)
    assert sp.simplify(e.at[0] - (-1 - sp.LambertW(sp.exp(-1)))) == 0
    # independent: minimise x sigmoid(x) with mpmath
    xm = mp.findroot(lambda t: sigmoid_mp(t) * (1 + t * (1 - sigmoid_mp(t))), -1.3)
    assert _close(xm * sigmoid_mp(xm), -w)


def test_gelu_derivative_peak_at_sqrt2():
    e = _value(extremum(f("gelu", 1), "sup"))
    assert e.attained and e.at == [sp.sqrt(2)]
    expected = mp.mpf(1) / 2 + mp.erf(1) / 2 + mp.exp(-1) / mp.sqrt(mp.pi)
    assert _close(sp.N(e.exact, 40), expected)
    d_gelu = lambda t: (1 + mp.erf(t / mp.sqrt(2))) / 2 + t * mp.exp(-t * t / 2) / mp.sqrt(2 * mp.pi)
    assert _close(d_gelu(mp.sqrt(2)), expected)
    assert d_gelu(mp.sqrt(2) + mp.mpf("1e-5")) < expected and d_gelu(mp.sqrt(2) - mp.mpf("1e-5")) < expected


def test_tanh_range_not_attained():
    hi, lo = _value(extremum(f("tanh"), "sup")), _value(extremum(f("tanh"), "inf"))
    assert (hi.exact, hi.attained, lo.exact, lo.attained) == (1, False, -1, False)


def test_relu_inf_attained_on_half_line():
    e = _value(extremum(f("relu"), "inf"))
    assert e.exact == 0 and e.attained and e.at == [sp.Interval(-sp.oo, 0)]
    assert _value(extremum(f("relu"), "sup")).exact == sp.oo


def test_mish_minimum_enclosure_has_12_digits():
    e = _value(extremum(f("mish"), "inf"))
    mish = lambda t: t * mp.tanh(mp.log1p(mp.exp(t)))
    xm = mp.findroot(lambda t: mp.diff(mish, t), -1.19)
    assert e.exact is None and e.attained
    assert abs(e.float - float(mish(xm))) < 1e-14
    mid, rad = e.enclosure.strip("[]").split("+/-")
    assert abs(mp.mpf(mid) - mish(xm)) <= mp.mpf(rad) + mp.mpf("1e-30")
    assert mp.mpf(rad) < 1e-13


def test_rational_sup():
    e = _value(extremum(X / (1 + X**2), "sup"))
    assert (e.exact, e.attained, e.at) == (sp.Rational(1, 2), True, [1])


def test_hardswish_min_and_constant_pieces():
    e = _value(extremum(f("hardswish"), "inf"))
    assert e.exact == sp.Rational(-3, 8) and e.at == [sp.Rational(-3, 2)]
    e = _value(extremum(f("relu6"), "sup"))
    assert e.exact == 6 and e.at == [sp.Interval(6, sp.oo)]


# ------------------------------------------------------------------------------------------------ limit
def test_limits():
    assert limit(f("sigmoid"), sp.oo).value == 1
    assert limit(f("sigmoid"), -sp.oo, expected=0).status == "proved"
    assert limit(f("tanh"), sp.oo, expected=2).status == "refuted"
    assert limit(f("binary_step"), 0).status == "refuted"
    assert limit(f("binary_step"), 0, "+").value == 1
    assert limit(sp.sin(X) / X, 0, expected=1).status == "proved"
    assert limit(f("silu", 1), -sp.oo).value == 0
    assert limit(f("softsign"), -sp.oo).value == -1


# ------------------------------------------------------------------------------------------------ identity / inequality
def test_identities():
    sig = catalog.get("sigmoid")
    assert identity(sp.tanh(X), 2 * sig(2 * X) - 1).status == "proved"
    v = identity(sp.tanh(X), 2 * sig(X) - 1)
    assert v.status == "refuted" and v.certificate.kind == "counterexample"
    assert identity(sp.Max(X, 0), (X + sp.Abs(X)) / 2).status == "proved"
    assert identity(f("softplus", 1), f("sigmoid")).status == "proved"


def test_inequalities():
    assert inequality(f("silu"), ">=", sp.Rational(-28, 100)).status == "proved"
    assert inequality(f("silu"), ">=", sp.Rational(-27, 100)).status == "refuted"
    assert inequality(f("sigmoid", 1), "<=", sp.Rational(1, 4)).status == "proved"
    assert inequality(f("sigmoid", 1), "<", sp.Rational(1, 4)).status == "refuted"
    assert inequality(X / (1 + X**2), "<=", sp.Rational(1, 2)).status == "proved"


# ------------------------------------------------------------------------------------------------ user expressions
def test_user_expressions_extrema():
    e = _value(extremum(X * sp.atan(X), "inf"))
    assert (e.exact, e.attained, e.at) == (0, True, [0])
    e = _value(extremum(X / sp.sqrt(1 + X**2), "sup"))
    assert (e.exact, e.attained) == (1, False)
    e = _value(extremum(sp.diff(sp.tanh(X) ** 2, X), "sup"))
    t = mp.atanh(1 / mp.sqrt(3))
    assert _close(sp.N(e.exact, 40), 2 * mp.tanh(t) / mp.cosh(t) ** 2)
    c1 = sp.Piecewise((0, X < 0), (X**2, X < 1), (2 * X - 1, True))  # C1, not C2
    e = _value(extremum(sp.diff(c1, X), "sup"))
    assert (e.exact, e.attained) == (2, True)
    e = _value(extremum(sp.exp(-sp.Abs(X)), "inf"))
    assert (e.exact, e.attained) == (0, False)


def test_user_expressions_signs():
    assert sign(sp.sqrt(X**2 + 1) - X, ">0").status == "proved"
    assert sign(sp.log(X) - X, "<0", sp.Interval.open(0, sp.oo)).status == "proved"
    assert sign(sp.tan(X) - 100, "<=0", sp.Interval.open(0, 3)).status == "unknown"  # never a wrong proof
    assert sign(sp.diff(X * sp.atan(X), X, 2), ">0").status == "proved"
    assert sign(sp.diff(sp.Max(X, X / 3), X), ">0").status == "proved"


def test_monotone_by_structure_and_trigonometric_pieces():
    e = _value(extremum(X + sp.sin(X), "sup"))
    assert (e.exact, e.attained) == (sp.oo, False)
    e = _value(extremum(sp.sin(X), "sup", sp.Interval(0, sp.pi)))
    assert (e.exact, e.attained, e.at) == (1, True, [sp.pi / 2])
    e = _value(extremum(sp.sin(X), "inf", sp.Interval.open(0, sp.pi)))
    assert (e.exact, e.attained) == (0, False)
    assert sign(sp.cos(X), ">0", sp.Interval.open(-sp.pi / 2, sp.pi / 2)).status == "proved"
    assert sign(sp.sin(X), ">0", sp.Interval(0, sp.pi)).status == "refuted"
    e = _value(extremum(sp.sin(X) + sp.cos(2 * X), "sup", sp.Interval(0, 3), budget=30.0))
    assert e.exact == sp.Rational(9, 8)


def test_free_parameters_are_unknown_not_guessed():
    alpha = sp.Symbol("alpha", positive=True)
    v = sign(alpha * X**2, ">=0")
    assert v.status == "unknown" and "alpha" in v.reason


def test_union_domains_are_split_into_intervals():
    D = sp.Union(sp.Interval(-5, -2), sp.Interval(2, 5))
    assert sign(X**2 - 2, ">0", D).status == "proved"
    v = sign(X**2 - 5, ">0", D)
    assert v.status == "refuted" and D.contains(v.value["counterexample"]) == sp.true
    e = _value(extremum(sp.Abs(X), "inf", sp.Union(sp.Interval.open(-5, -2), sp.Interval(2, 5))))
    assert (e.exact, e.attained, e.at) == (2, True, [2])


def test_periodic_functions_reduce_to_one_period():
    e = _value(extremum(sp.sin(X), "sup"))
    k = sp.Symbol("k", integer=True)
    assert (e.exact, e.attained, e.at) == (1, True, [sp.pi / 2 + 2 * sp.pi * k])
    e = _value(extremum(sp.sin(X) + sp.cos(2 * X), "sup", budget=30.0))
    assert e.exact == sp.Rational(9, 8)
    assert sign(sp.sin(X) ** 2 + sp.cos(X), ">=0").status == "refuted"

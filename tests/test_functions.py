"""Every fact :mod:`symact.functions` states about a special function, checked once against its definition: the
record's mpmath evaluator, which is itself checked against SymPy's function (or, for the classes defined there,
against their rewrite into elementary functions)."""
from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from flint import arb, ctx

from symact.functions import BY_HEAD, REGISTRY, U, Special, evaluator

_X = sp.Symbol("x", real=True)
_GRID = sorted([Fraction(k, 8) for k in range(-48, 49)] + [Fraction(k) for k in (-30, -12, 9, 20)])
_OUTSIDE = [Fraction(k, 8) for k in range(-80, 81, 3)]


def _mpf(q: Fraction) -> mpmath.mpf:
    return mpmath.mpf(q.numerator) / q.denominator


def _tight(v: mpmath.mpf) -> arb:
    """A ball of radius about 10^-40 |v| around v."""
    prec = ctx.prec
    ctx.prec = 200
    try:
        return arb(mpmath.nstr(v, 40))
    finally:
        ctx.prec = prec


def _in_domain(f: Special, q: Fraction, interior: bool = False) -> bool:
    if f.domain is None:
        return True
    lo, hi, lo_closed, hi_closed = f.domain
    above = lo is None or q > lo or (q == lo and lo_closed and not interior)
    below = hi is None or q < hi or (q == hi and hi_closed and not interior)
    return bool(above and below)


def _args(f: Special, v):
    """The arguments at v: Sigmoid2's second one is the constant 3/2 (as an mpf, an arb or a SymPy number)."""
    if f.name != "sigmoid2":
        return (v,)
    return v, (arb(3) / 2 if isinstance(v, arb) else sp.Rational(3, 2) if isinstance(v, sp.Basic) else v * 0 + 1.5)


def _value(f: Special, q: Fraction):
    """mpmath's value at q, or None where it is not a finite real number (outside the domain)."""
    try:
        v = f.mp(*_args(f, _mpf(q)))
    except (ValueError, ZeroDivisionError):
        return None
    return v if isinstance(v, mpmath.mpf) and mpmath.isfinite(v) else None


def _at(formula: sp.Expr, q: Fraction) -> mpmath.mpf:
    """A record's formula in U at u = q, to 35 digits."""
    return mpmath.mpf(str(sp.N(formula.subs(U, sp.Rational(q.numerator, q.denominator)), 35)))


def _definition(f: Special) -> sp.Expr:
    """f(x) in SymPy's own functions: the class itself, or the formula of a class SymPy lacks, which must also be
    each of its rewrites."""
    e = f.build(*_args(f, _X))
    if f.head is None or f.head.__module__ != "symact.functions":
        return e
    for target in (sp.exp, sp.tanh, sp.log):
        r = e.rewrite(target)
        assert r == e or sp.simplify(r - e.definition()) == 0, (f.name, target)
    return e.definition()


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_facts_against_the_definition(name):
    f = REGISTRY[name]
    with mpmath.workdps(40):
        inside = [q for q in _GRID if _in_domain(f, q)]
        if f.domain is not None:  # defined exactly on the natural domain: mpmath's value is real there only
            for q in sorted(set(_OUTSIDE + [Fraction(-1), Fraction(0), Fraction(1)])):
                assert (_value(f, q) is not None) == _in_domain(f, q), (name, q)
                if not _in_domain(f, q):
                    assert not f.arb(arb(q.numerator) / q.denominator).is_finite(), (name, q)
        definition = _definition(f)
        slope = sp.diff(f.build(*_args(f, _X)), _X)  # through fdiff
        values = []
        for q in inside:
            v = _value(f, q)
            assert v is not None, (name, q)
            values.append(v)
            # the record's mpmath evaluator is the SymPy function (or the rewrite of the class)
            exact = sp.N(definition.subs(_X, sp.Rational(q.numerator, q.denominator)), 35)
            assert abs(v - mpmath.mpf(str(exact))) <= mpmath.mpf(10) ** -30 * max(1, abs(v)), (name, q)
            # the arb enclosure holds it
            ball = f.arb(*_args(f, arb(q.numerator) / q.denominator))
            assert ball.is_finite(), (name, q)
            assert ball.contains(_tight(v)), (name, q, ball)
            if f.math is not None:
                assert abs(f.math(float(q)) - float(v)) <= 1e-13 * max(1.0, abs(float(v))), (name, q)
            if f.positive:
                assert v > 0, (name, q)
            if _in_domain(f, q, interior=True) and abs(v) < mpmath.mpf(10) ** 30:
                # fdiff (through SymPy's chain rule) against a central difference quotient
                h, c = mpmath.mpf(10) ** -15, _mpf(q)
                dq = (f.mp(*_args(f, c + h)) - f.mp(*_args(f, c - h))) / (2 * h)
                d = sp.N(slope.subs(_X, sp.Rational(q.numerator, q.denominator)), 35)
                if d is not sp.nan:  # (LambertW's formula W/(x (1 + W)) is 0/0 at 0)
                    assert abs(mpmath.mpf(str(d)) - dq) <= mpmath.mpf(10) ** -12 * max(1, abs(dq)), (name, q)
                if f.derivative is not None:  # the kernel's derivative formula, defined inside the domain
                    d = _at(f.derivative, q)
                    assert abs(d - dq) <= mpmath.mpf(10) ** -12 * max(1, abs(dq)), (name, q)
            if f.rewrite is not None:  # the kernel's rewrite: the same value, defined wherever f is
                assert abs(_at(f.rewrite, q) - v) <= mpmath.mpf(10) ** -30 * max(1, abs(v)), (name, q)
        if f.rising is not None:  # the window where f strictly increases: f' > 0 on it (sin' = cos > 0 on
            # (-pi/2, pi/2), and pi/2 = 1.5707... > 3/2), at 201 points, its ends included
            a, b = (Fraction(int(e.p), int(e.q)) for e in f.rising)
            assert all(_at(f.derivative, a + (b - a) * Fraction(k, 200)) > 0 for k in range(201)), name
        if f.monotone:  # strictly (at 300 digits: erf(12) and erf(20) agree to 64)
            with mpmath.workdps(300):
                values = [f.mp(*_args(f, _mpf(q))) for q in inside]
            assert all(f.monotone * (b - a) > 0 for a, b in zip(values, values[1:])), name
        for u, value in f.values:  # exactly
            assert f.mp(*_args(f, mpmath.mpf(u))) == value, (name, u)
        if f.exp_of is not None:  # exp(f(u)) = g(u) wherever f(u) is defined (and u != 0 where g needs it)
            g, nonzero = f.exp_of
            for q, v in zip(inside, values):
                if q or not nonzero:
                    assert abs(_at(g, q) - mpmath.exp(v)) <= mpmath.mpf(10) ** -30 * mpmath.exp(v), (name, q)
        if f.decay is not None:  # 0 < f(u) <= exp(d(u)) on [0, oo), at 300 digits far out (erfc(20) ~ 1e-176)
            with mpmath.workdps(300):
                for q in [q for q in inside if q >= 0] + [Fraction(10) ** k for k in (2, 3, 4)]:
                    v = f.mp(_mpf(q))
                    assert 0 < v <= mpmath.exp(mpmath.mpf(str(sp.N(f.decay.subs(U, sp.Rational(q)), 320)))), (name, q)
        for side, limit in zip((-1, 1), f.limits):
            if limit is None:
                continue
            if limit in (sp.oo, -sp.oo):
                big = [f.mp(*_args(f, mpmath.mpf(side) * mpmath.mpf(10) ** k)) for k in (10, 50, 100)]
                s = 1 if limit == sp.oo else -1
                assert all(s * a < s * b for a, b in zip(big, big[1:])) and s * big[-1] > 100, (name, side)
                continue
            target = mpmath.mpf(str(sp.N(limit, 40)))
            gap = [abs(f.mp(*_args(f, mpmath.mpf(side * t))) - target) for t in (20, 40, 10 ** 12)]
            assert gap[2] < 1e-11, (name, side)
            if f.fast:  # |f - L| <= C exp(-c|x|): from 20 to 40 it shrinks at least e^10-fold
                near, farther = gap[:2]
                assert farther <= near * mpmath.exp(-10) or farther == 0, (name, side)
        if f.slow:  # |f(u)| <= |u| for large |u| where the limit is infinite
            for side in [s for s, limit in zip((-1, 1), f.limits) if limit in (sp.oo, -sp.oo)]:
                assert all(abs(f.mp(mpmath.mpf(side) * 10 ** k)) <= 10 ** k for k in (2, 5, 10, 50, 300)), name
        if f.even_rising:  # even (below), strictly increasing on [0, oo)
            assert f.parity == 1 and not f.monotone, name
            rising = [f.mp(_mpf(q)) for q in inside if q >= 0]
            assert all(a < b for a, b in zip(rising, rising[1:])), name
        if f.bound is not None:  # |f| <= B, and < B when the bound is a limit that is not attained
            bound, strict = mpmath.mpf(str(sp.N(f.bound[0], 40))), f.bound[1]
            assert all(abs(v) <= bound for v in values), name
            assert not strict or (f.monotone and bound in [abs(mpmath.mpf(str(sp.N(v, 40))))
                                                           for v in f.limits if v is not None]), name
        for q in inside:
            if f.parity and _in_domain(f, -q):
                assert abs(f.mp(-_mpf(q)) - f.parity * f.mp(_mpf(q))) <= mpmath.mpf(10) ** -35, (name, q)
            if f.undoes and _value(REGISTRY[f.undoes], q) is not None:  # f(g(q)) = q wherever it is defined
                g = REGISTRY[f.undoes].mp(_mpf(q))
                if _in_domain(f, Fraction(str(g))):
                    assert abs(f.mp(g) - _mpf(q)) <= mpmath.mpf(10) ** -30 * max(1, abs(q)), (name, q)
        if f.undoes_on is not None:  # f(g(u)) = u on the window, ends included, and not just past a finite end
            g, lo, hi = REGISTRY[f.undoes_on[0]], *(None if e is None else mpmath.mpf(str(sp.N(e, 40)))
                                                   for e in f.undoes_on[1:])
            a, b = (lo if lo is not None else -mpmath.mpf(50)), (hi if hi is not None else mpmath.mpf(50))
            for u in [a + (b - a) * k / 40 for k in range(41)]:
                assert abs(f.mp(g.mp(u)) - u) <= mpmath.mpf(10) ** -30 * max(1, abs(u)), (name, u)
            for u in [e + s * mpmath.mpf(10) ** -3 for e, s in ((lo, -1), (hi, 1)) if e is not None]:
                assert abs(f.mp(g.mp(u)) - u) > mpmath.mpf(10) ** -4, (name, u)
        assert not f.fast or any(v is not None and v not in (sp.oo, -sp.oo) for v in f.limits), name


def _sympy_name(f: Special) -> str:
    return "sqrt" if f.head is None else f.head.__name__


def test_views_and_names():
    from symact.kernel.functions import FUNCTIONS
    from symact.kernel.terms import from_sympy
    from symact.parsing import parse_expression

    assert set(FUNCTIONS) == {f.name for f in REGISTRY.values() if f.kernel}
    # every function the kernel reads has its derivative formula and one image shape
    assert all(f.derivative is not None and (f.monotone or f.even_rising or f.bound) for f in REGISTRY.values()
               if f.kernel)
    for f in REGISTRY.values():
        if f.kernel:  # the kernel reads the SymPy class structurally under the record's name
            assert from_sympy(f.build(_X), _X) == ("fn", f.name, ("x",)), f.name
        for word in f.parse:  # the parser builds the record's function under every name it accepts
            assert parse_expression(f"{word}(x + 2)").func in ((f.head,) if f.head else (sp.Pow,)), word
        assert BY_HEAD.get(f.head) is f or f.head is None
    with np.errstate(all="ignore"):
        for f in REGISTRY.values():
            if f.array is None:
                continue
            import scipy.special as sc

            fn = getattr(sc if f.scipy else np, f.array)
            for q in (Fraction(-7, 4), Fraction(1, 3), Fraction(5, 2)):
                if _in_domain(f, q, interior=True):
                    assert math.isclose(float(fn(float(q))), float(f.mp(_mpf(q))), rel_tol=1e-14), f.name


def test_array_names_exist_in_every_backend():
    torch = pytest.importorskip("torch")
    jnp = pytest.importorskip("jax.numpy")
    import jax.scipy.special as jsc

    for f in REGISTRY.values():
        if f.array is not None:
            assert callable(getattr(torch, f.torch or f.array)), f.name
            assert callable(getattr(jsc if f.scipy else jnp, f.array)), f.name


def test_upper_layers_register_their_evaluators():
    from symact.audit.reference import dd

    assert evaluator("dd", sp.erfc) is dd.erfc and evaluator("dd", REGISTRY["softplus"].head) is dd.softplus
    assert evaluator("dd", sp.sin) is None and evaluator("dd", sp.Abs) is None


def test_classes_fold_nothing():
    # building a node never evaluates it: the auditor's rewrites keep exactly the structure they build
    for f in REGISTRY.values():
        if f.head is not None and f.head.__module__ == "symact.functions":
            e = f.build(*_args(f, sp.Integer(0)))
            assert isinstance(e, f.head), f.name


def test_expm1_and_log1p_identities_are_proved_and_wrong_ones_refuted():
    from symact.decide.checked import check_claim
    from symact.parsing import parse_claim

    def status(text):
        return check_claim(parse_claim(text), 5.0).status

    assert status("expm1(x) == exp(x) - 1") == "proved"
    assert status("log1p(x) == log(1 + x) for x > -1") == "proved"
    assert status("diff(log1p(x), x) == 1/(1 + x) for x > -1") == "proved"
    assert status("expm1(x) == exp(x)") == "refuted"
    assert status("log1p(x) == log(1 + x)") == "refuted"  # log1p(-1) is undefined: the claim is on all of R

"""Every catalog scalar activation: sup/inf of f and f' decided, checked against mpmath on a dense grid;
signs of f' and f'' never contradict sampled values; limits at +-oo agree with values far out."""
from __future__ import annotations

import mpmath as mp
import pytest
import sympy as sp

from symact import calculus, catalog
from symact.decide import extremum, limit, sign
from symact.decide.pattern import sample_point

X = catalog.X
MP_DPS = 30  # tests here run at this many digits (tests/conftest.py)
with mp.workdps(MP_DPS):
    GRID = [mp.mpf(k) / 20 for k in range(-400, 401)]
NAMES = [e.name for e in catalog.entries(scalar_only=True)]


def _numeric(expr):
    fn = sp.lambdify(X, expr, "mpmath")
    return lambda t: mp.mpf(fn(t))


def _expr(name, order):
    f = catalog.get(name).f()
    return f if order == 0 else calculus.derivative(f, order)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("order", [0, 1])
def test_sup_and_inf_against_mpmath(name, order):
    expr = _expr(name, order)
    fn = _numeric(expr)
    values = [fn(t) for t in GRID]
    for kind, best in (("sup", max(values)), ("inf", min(values))):
        v = extremum(expr, kind, budget=20.0)
        assert v.status == "proved", v.summary()
        e = v.value
        sgn = 1 if kind == "sup" else -1
        if e.exact in (sp.oo, -sp.oo):
            assert e.exact == sgn * sp.oo and not e.attained
            far = [fn(mp.mpf(t)) for t in (-1000, 1000)]
            assert sgn * max(far, key=lambda u: sgn * u) > sgn * best  # it keeps growing
            continue
        value = mp.mpf(sp.N(e.exact, 30)) if e.exact is not None else mp.mpf(e.enclosure.strip("[]").split("+/-")[0])
        # no grid value beyond the sup / inf
        assert sgn * (best - value) <= 1e-12 * (1 + abs(value)), (kind, best, value)
        if e.attained:
            for p in e.at:
                if isinstance(p, str):
                    mid = mp.mpf(p.strip("[]").split("+/-")[0])
                    assert abs(fn(mid) - value) < 1e-12
                elif isinstance(p, sp.Set):
                    inner = sample_point(p.inf, p.sup)
                    assert abs(fn(mp.mpf(sp.N(inner, 30))) - value) < 1e-20
                else:
                    assert abs(fn(mp.mpf(sp.N(p, 30))) - value) < 1e-20
        else:
            # approached in a limit: some far-out or near-kink value gets close
            kinks = [mp.mpf(sp.N(b, 30)) + d for b in calculus.breakpoints(expr) for d in (-1e-12, 1e-12)]
            near = [fn(mp.mpf(t)) for t in (-10**8, -60, 60, 10**8)] + [fn(t) for t in kinks] + values
            assert min(abs(u - value) for u in near) < 1e-6


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("order", [1, 2])
def test_derivative_signs_never_contradict_samples(name, order):
    expr = _expr(name, order)
    fn = _numeric(expr)
    values = [fn(t) for t in GRID[::4]]
    for rel, ok in ((">=0", lambda u: u >= -1e-25), ("<=0", lambda u: u <= 1e-25)):
        v = sign(expr, rel, budget=10.0)
        assert v.status != "unknown", v.summary()
        if v.status == "proved":
            assert all(ok(u) for u in values), (name, order, rel)
        else:
            p = v.certificate.data.get("point")
            if p is not None and v.certificate.kind == "counterexample":
                assert not ok(fn(mp.mpf(sp.N(sp.sympify(p), 30))))


@pytest.mark.parametrize("name", NAMES)
def test_limits_at_infinity(name):
    expr = _expr(name, 0)
    fn = _numeric(expr)
    for point, far in ((sp.oo, 10**8), (-sp.oo, -10**8)):
        v = limit(expr, point)
        assert v.status == "proved", v.summary()
        if v.value in (sp.oo, -sp.oo):
            assert (fn(far) > 50) if v.value == sp.oo else (fn(far) < -50)
        else:
            assert abs(fn(far) - mp.mpf(sp.N(v.value, 30))) < 1e-6

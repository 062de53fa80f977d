"""The interval operations of symact.kernel.ivals against exact rational arithmetic on sampled points.

Each operation's result must contain the exact value at every sampled point of its arguments (closed ends
included, and points approaching an open or infinite end), and an end it calls open must not be attained.  The
ground truth is Fraction arithmetic on the points, independent of arb and of the corner rules.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from symact.kernel import ivals
from symact.kernel.ivals import Iv, Uncertain

ENDS = [None, Fraction(-3), Fraction(-1), Fraction(-1, 3), Fraction(0), Fraction(1, 3), Fraction(1), Fraction(2)]
TINY = Fraction(1, 10 ** 9)
HUGE = Fraction(10 ** 9)


def _intervals():
    """Intervals (lo, hi, lo_open, hi_open) with the ends above, open or closed where finite."""
    out = []
    for lo, hi in itertools.product(ENDS, repeat=2):
        if lo is not None and hi is not None and lo > hi:
            continue
        for lo_open, hi_open in itertools.product((False, True), repeat=2):
            if lo is not None and lo == hi and (lo_open or hi_open):
                continue
            out.append((lo, hi, lo_open or lo is None, hi_open or hi is None))
    return out


def _points(spec) -> list[Fraction]:
    """Points of the interval: its closed ends, points just inside each end (far out at an infinite end), and its
    midpoint."""
    lo, hi, lo_open, hi_open = spec
    inner_lo = -HUGE if lo is None else lo + (TINY if lo_open or lo != hi else 0)
    inner_hi = HUGE if hi is None else hi - (TINY if hi_open or lo != hi else 0)
    pts = [inner_lo, inner_hi, (inner_lo + inner_hi) / 2]
    pts += [e for e, is_open in ((lo, lo_open), (hi, hi_open)) if e is not None and not is_open]
    return pts


def _exact(v) -> Fraction:
    """An exact arb point as a Fraction."""
    m, e = v.mid().man_exp()
    return Fraction(int(m)) * Fraction(2) ** int(e)


def _contains(iv: Iv, q: Fraction) -> bool:
    lo_ok = iv.lo is None or (_exact(iv.lo) < q if iv.lo_open else _exact(iv.lo) <= q)
    hi_ok = iv.hi is None or (q < _exact(iv.hi) if iv.hi_open else q <= _exact(iv.hi))
    return lo_ok and hi_ok


SPECS = _intervals()


@pytest.mark.parametrize("name, f", [("add", lambda u, v: u + v), ("mul", lambda u, v: u * v),
                                     ("maximum", max), ("minimum", min)])
def test_binary_operations_contain_every_sampled_value(name, f):
    op = getattr(ivals, name)
    for a, b in itertools.product(SPECS, repeat=2):
        try:
            got = op(Iv.of(*a), Iv.of(*b))
        except Uncertain:
            continue
        for u, v in itertools.product(_points(a), _points(b)):
            assert _contains(got, f(u, v)), (name, a, b, u, v, str(got))


@pytest.mark.parametrize("name, f", [("neg", lambda u: -u), ("absolute", abs), ("recip", lambda u: 1 / u)])
def test_unary_operations_contain_every_sampled_value(name, f):
    op = getattr(ivals, name)
    for a in SPECS:
        try:
            got = op(Iv.of(*a))
        except Uncertain:
            assert name == "recip" and (a[0] is None or a[0] <= 0) and (a[1] is None or a[1] >= 0), a
            continue
        for u in _points(a):
            assert _contains(got, f(u)), (name, a, u, str(got))


def test_products_attain_a_closed_zero_and_not_an_open_one():
    # [0, 1] * (-oo, -1]: 0 = 0 * (-1) is attained; (0, 1] * (-oo, -1]: every product is < 0
    closed = ivals.mul(Iv.of(Fraction(0), Fraction(1), False, False), Iv.of(None, Fraction(-1), True, False))
    assert closed.hi == 0 and not closed.hi_open and closed.lo is None
    half = ivals.mul(Iv.of(Fraction(0), Fraction(1), True, False), Iv.of(None, Fraction(-1), True, False))
    assert half.hi == 0 and half.hi_open and half.lo is None
    # the reciprocal of (0, 2] is [1/2, oo); of [1, oo) it is (0, 1]
    r = ivals.recip(Iv.of(Fraction(0), Fraction(2), True, False))
    assert _exact(r.lo) == Fraction(1, 2) and not r.lo_open and r.hi is None
    s = ivals.recip(Iv.of(Fraction(1), None, False, True))
    assert s.lo == 0 and s.lo_open and s.hi == 1 and not s.hi_open
    # max of [0, 1) and (0, 1): the upper end 1 is attained by neither; the lower end 0 is not attained by max
    m = ivals.maximum(Iv.of(Fraction(0), Fraction(1), False, True), Iv.of(Fraction(0), Fraction(1), True, True))
    assert m.lo == 0 and m.lo_open and m.hi == 1 and m.hi_open

"""The fast reference path is sound: its enclosures contain the certified values, and its roundings agree."""
from __future__ import annotations

import numpy as np
import pytest

from symact.audit import fastref
from symact.audit.dtypes import get_format, round_to
from symact.audit.exact import Oracle
from symact.catalog import entries

NAMES = [e.name for e in entries(scalar_only=True)]


def _sample():
    rng = np.random.default_rng(7)
    mags = np.exp(rng.uniform(np.log(1e-30), np.log(1e6), 60))
    pts = np.concatenate([mags, -mags, [0.0, 3.0, -3.0, 0.5, -0.5, 20.0, -37.5, 88.7, -745.2, 1e300, -1e300]])
    return round_to(pts, get_format("float32"))


def _assert_enclosed(name, order, xs):
    """Every finite fast enclosure at ``xs`` contains the certified value."""
    o = Oracle(name, None, order)
    c = o._compiled()
    if not c:
        pytest.skip("no fast path for this expression")
    lo, hi = fastref.enclose(c, xs)
    ok = np.isfinite(lo) & np.isfinite(hi)
    exact_hi, _ = o.exact_at(xs[ok])
    bad = (lo[ok] > exact_hi) | (exact_hi > hi[ok])
    assert not bad.any(), (xs[ok][bad], lo[ok][bad], hi[ok][bad], exact_hi[bad])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("order", [0, 1])
def test_enclosures_contain_certified_values(name, order):
    _assert_enclosed(name, order, _sample())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("order", [0, 1])
def test_enclosures_sound_at_overflow_boundaries(name, order):
    """Around the float64 exp overflow/underflow thresholds (where 1/(1 + exp(-x)) computes 0 but the exact
    value is a subnormal) and the float32 ones."""
    from symact.audit.inputs import neighbours

    f64 = get_format("float64")
    marks = [709.782712893384, 745.1332191019412, 708.3964185322641, 88.72283935546875, 103.97, 36.7, 20.0]
    xs = np.unique(np.concatenate([neighbours(s * m, f64, 3) for m in marks for s in (1.0, -1.0)]))
    _assert_enclosed(name, order, xs)


def test_rounded_fast_agrees_with_certified_rounding():
    for name in ["gelu", "sigmoid", "softplus", "silu", "tanh", "elu"]:
        o = Oracle(name)
        xs = _sample()
        vals, ok = fastref.rounded_fast(o._compiled(), xs, get_format("float32"))
        h, l = o.exact_at(xs[ok])
        assert np.array_equal(vals[ok], round_to(h, get_format("float32"))) or np.allclose(
            vals[ok], round_to(h, get_format("float32")), rtol=0, atol=0)


def test_library_self_check_passes_here():
    assert all(fastref._trusted(n) for n in fastref.LIB_ULPS)

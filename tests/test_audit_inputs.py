"""Input generation (sweeps, boundaries, exhaustive 16-bit formats) and exhaustive audits."""
from __future__ import annotations

import numpy as np
import pytest

from symact.audit import audit
from symact.audit import inputs as gen
from symact.audit.dtypes import get_format, round_to


@pytest.mark.parametrize("fmt", ["float16", "bfloat16", "float32", "float64"])
def test_sweep_values_are_representable_and_cover_every_binade(fmt):
    f = get_format(fmt)
    xs = gen.binade_sweep(fmt, effort=0.2)
    assert np.array_equal(round_to(xs, f), xs)
    pos = xs[xs > 0]
    exps = set(np.frexp(pos)[1])
    assert len(exps) >= f.emax - f.emin + f.precision      # every normal and subnormal binade
    assert f.max in pos and f.subnormal_min in pos or f.subnormal_min in gen.special_points(fmt)


def test_boundaries_include_overflow_thresholds_and_kinks():
    pts = gen.boundary_points("float32", breakpoints=[-3.0, 3.0])
    assert np.any(np.abs(pts - np.log(np.finfo(np.float32).max)) < 1e-5)
    assert 3.0 in pts and -3.0 in pts
    assert np.any((pts > 3.0) & (pts < 3.0001))


@pytest.mark.parametrize("fmt,count", [("float16", 63488), ("bfloat16", 65280)])
def test_exhaustive_enumerates_every_finite_value(fmt, count):
    xs = gen.exhaustive(fmt)
    assert xs.size == count and np.all(np.isfinite(xs))
    assert np.array_equal(round_to(xs, get_format(fmt)), xs)


def test_exhaustive_float16_audit_runs_in_seconds():
    import time

    t = time.perf_counter()
    r = audit(np.tanh, "tanh", dtype="float16", exhaustive=True, hypothesis=0, derivative=False)
    assert r.passed, r.text()
    assert r.check("values").points == 63488
    assert time.perf_counter() - t < 30


def test_bfloat16_numpy_audit():
    pytest.importorskip("ml_dtypes")
    r = audit(np.tanh, "tanh", dtype="bfloat16", hypothesis=0, effort=0.3)
    assert r.check("dtype").status == "pass" and r.check("values").status == "pass", r.text()

"""softmax / log_softmax / maxout twins: accuracy against the mpmath reference with huge inputs,
normalisation, Jacobians, special values."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symact.accuracy import Standard
from symact.numeric.reference import vector_reference
from symact.numeric.twins import twin

ROWS = st.integers(1, 5).flatmap(lambda n: st.lists(
    st.lists(st.floats(-1e308, 1e308, width=64), min_size=n, max_size=n), min_size=1, max_size=3))
FAST = settings(max_examples=10, deadline=None)


def _check_rows(name, X, dtype):
    X = np.asarray(X, dtype=dtype)
    out = twin(name).f(X)
    assert out.dtype == X.dtype
    ref = vector_reference(name, X.shape[1])
    hi, lo = ref.exact(X, dtype)
    rep = Standard().report(np.broadcast_to(X, hi.shape), out, (hi, lo), ref.kappa(X), dtype)
    assert rep.ok, (X, out, hi, rep.ulps)
    return out


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@FAST
@given(rows=ROWS)
def test_matches_reference_and_normalises(rows, dtype, name):
    with np.errstate(over="ignore"):
        X = np.asarray(rows, dtype=np.float64).astype(dtype)
    if not np.all(np.isfinite(X)):
        return
    out = _check_rows(name, X, dtype)
    probs = out.astype(np.float64) if name == "softmax" else np.exp(out.astype(np.float64))
    assert np.all(np.isfinite(out)) and np.all(probs >= 0)
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0, rtol=0, atol=8 * X.shape[1] * np.finfo(dtype).eps)


def test_huge_inputs_explicitly():
    X = np.array([[1e308, -1e308, 0.0], [1e308, 1e308, 1e308], [1e300, 1e300 - 1e285, 5.0],
                  [-1e308, -1e308 + 1e292, -1e308], [700.0, 710.0, 720.0], [-745.0, 0.0, 745.0]])
    s = _check_rows("softmax", X, np.float64)
    np.testing.assert_allclose(s[1], [1 / 3] * 3, rtol=1e-15)
    _check_rows("log_softmax", X, np.float64)


def test_special_values():
    sm, lsm = twin("softmax"), twin("log_softmax")
    X = np.array([[np.inf, 1.0, -np.inf], [np.inf, np.inf, 0.0], [np.nan, 1.0, 2.0], [-np.inf, -np.inf, -np.inf],
                  [-np.inf, 0.0, 1.0]])
    s, ls = sm.f(X), lsm.f(X)
    assert s[0].tolist() == [1.0, 0.0, 0.0] and ls[0].tolist() == [0.0, -np.inf, -np.inf]
    assert np.isnan(s[1]).all() and np.isnan(s[2]).all() and np.isnan(s[3]).all()
    assert s[4][0] == 0.0 and ls[4][0] == -np.inf and np.isfinite(ls[4][1:]).all()


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_jacobian_and_jvp(name):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((4, 5)) * np.array([[1], [10], [100], [1e5]])
    tw = twin(name)
    J = tw.df(X)
    assert J.shape == (4, 5, 5)
    exact = vector_reference(name, 5).jacobian(X)
    np.testing.assert_allclose(J, exact, rtol=1e-13, atol=1e-300)
    v = rng.standard_normal((4, 5))
    np.testing.assert_allclose(tw.jvp(X, v), np.einsum("mij,mj->mi", J, v), rtol=1e-12, atol=1e-15)
    assert tw.df(X.astype(np.float32)).dtype == np.float32


def test_maxout():
    tw = twin("maxout")
    X = np.array([[1.0, 3.0, 3.0, -2.0], [-np.inf, -1.0, -5.0, -np.inf], [np.nan, 1.0, 2.0, 0.0]])
    assert tw.f(X)[:2].tolist() == [3.0, -1.0] and np.isnan(tw.f(X)[2])
    g = tw.df(X)
    assert g[0].tolist() == [0.0, 1.0, 0.0, 0.0] and g[1].tolist() == [0.0, 1.0, 0.0, 0.0]  # first maximum
    assert np.isnan(g[2]).all()
    assert tw.jvp(X[:2], np.ones((2, 4))).tolist() == [1.0, 1.0]
    exact = vector_reference("maxout", 4).jacobian(X[:1] + np.array([[0, 0, -1, 0]]))
    np.testing.assert_array_equal(tw.df(X[:1] + np.array([[0, 0, -1, 0]])), exact[:, 0, :])


def test_vector_twins_need_an_axis():
    with pytest.raises(ValueError):
        twin("softmax").f(1.0)

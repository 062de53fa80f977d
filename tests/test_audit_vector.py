"""The auditor on vector activations (symact.audit.stages.vector): exact values, planted defects, real libraries."""
from __future__ import annotations

import json
import textwrap

import mpmath
import numpy as np
import pytest
import sympy as sp

from symact.audit import audit
from symact.audit.stages.vector import exact_jacobian, exact_row, vector_rows, vec_text
from symact.audit.dtypes import get_format, round_to

FAST = dict(hypothesis=20)


# -- planted defects (each must be caught by the default audit) ---------------------------------------------
def naive_softmax(x):
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def naive_log_softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return np.log(e / np.sum(e, axis=-1, keepdims=True))


def wrong_axis_softmax(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def float64_softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def mutating_softmax(x):
    x -= x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def keepdims_maxout(x):
    return np.max(x, axis=-1, keepdims=True)


def test_naive_softmax_overflows_at_equal_large_entries():
    rep = audit(naive_softmax, "softmax", dtype="float32", **FAST)
    assert not rep.passed
    vals = rep.check("values")
    assert vals.status == "fail"
    assert any(f.input == "[1000.0, 1000.0]" and f.returned == "[float('nan'), float('nan')]"
               for f in vals.failures), rep.text()
    assert "np.array([1000.0, 1000.0], dtype=np.float32)" in vals.failures[0].reproduction


def test_naive_log_softmax_returns_minus_inf_where_exact_is_finite():
    rep = audit(naive_log_softmax, "log_softmax", dtype="float32", **FAST)
    vals = rep.check("values")
    assert vals.status == "fail"
    worst = vals.failures[0]
    assert "-float('inf')" in worst.returned and "inf" not in worst.exact, rep.text()


def test_wrong_axis_is_caught_by_the_batch_check_only():
    rep = audit(wrong_axis_softmax, "softmax", dtype="float32", **FAST)
    assert rep.check("values").status == "pass"      # 1-D vectors: axis 0 is the last axis
    assert rep.check("batch").status == "fail"
    assert "batch of shape" in rep.check("batch").failures[0].message


def test_float64_result_for_float32_input_is_a_dtype_failure():
    rep = audit(float64_softmax, "softmax", dtype="float32", **FAST)
    assert rep.check("dtype").status == "fail" and "float64" in rep.check("dtype").detail
    assert rep.check("values").status == "pass"


def test_in_place_max_subtraction_is_a_mutation_failure():
    rep = audit(mutating_softmax, "softmax", dtype="float32", **FAST)
    assert rep.check("mutation").status == "fail"
    assert rep.check("values").status == "pass"


def test_maxout_keepdims_is_a_shape_failure():
    rep = audit(keepdims_maxout, "maxout", dtype="float32", hypothesis=0)
    assert rep.kind == "numpy"
    assert rep.check("calls").status == "fail" and "returned shape (1,)" in rep.check("calls").failures[0].message
    assert rep.check("shape").status == "fail"


# -- exact values against the catalog's SymPy matrices --------------------------------------------------------
ROWS = [[0.0, -30.0], [1000.0, 1000.0, 999.0], [2.5, -1.0, 0.125], [88.0, -88.0, 3.0]]


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_exact_rows_match_vector_reference(name):
    from symact.numeric.reference import vector_reference

    for row in ROWS:
        ref = vector_reference(name, len(row))
        X = np.array([row])
        hi, lo = ref.exact(X, np.float64)
        h2, l2, kappa, _ = exact_row(name, row)
        assert np.array_equal(hi[0], h2), (row, hi, h2)
        assert np.allclose(ref.kappa(X)[0], kappa, rtol=1e-12), row
        J = ref.jacobian(X)[0]
        jh, jl, _ = exact_jacobian(name, row)
        assert np.array_equal(J, jh), (row, J, jh)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_jacobian_condition_numbers_match_sympy(name):
    from symact.catalog import get

    entry = get(name)
    xs = entry.inputs(3)
    J = entry.jacobian(3)
    row = [0.75, -2.0, 1.5]
    point = dict(zip(xs, [sp.Float(v, 50) for v in row]))
    _, _, kap = exact_jacobian(name, row)
    for i in range(3):
        for j in range(3):
            num = sum(abs(row[k] * sp.diff(J[i, j], xs[k]).evalf(40, subs=point)) for k in range(3))
            want = float(num / abs(J[i, j].evalf(40, subs=point)))
            assert kap[i, j] == pytest.approx(want, rel=1e-12), (i, j)


def test_rows_are_representable_and_cover_the_families():
    for dt in ("float16", "bfloat16", "float32", "float64"):
        fmt = get_format(dt)
        rows = vector_rows(fmt)
        fams = {f for f, _ in rows}
        assert {"large equal entries", "very negative entries", "one dominant entry", "ties", "length 1",
                "mixed signs", "entries near log(max)", "entries over many binades"} <= fams
        for _, r in rows:
            assert np.array_equal(round_to(r, fmt), r) and np.all(np.isfinite(r))


def test_vec_text_round_trips_and_compresses():
    fmt = get_format("float32")
    x = round_to(np.array([0.1, -2.5e-40, 1000.0, 3.4028234663852886e38]), fmt)
    text = vec_text(x, fmt)
    assert text == "[0.1, -2.5e-40, 1000.0, 3.4028235e+38]"
    assert np.array_equal(np.array(json.loads(text), dtype=np.float32).astype(np.float64), x)
    assert vec_text(np.array([0.0, 0.0, 0.0, 1.0, -np.inf]), fmt) == "[0.0]*3 + [1.0, -float('inf')]"


# -- correct implementations: everything passes except the documented defects ---------------------------------
def _special_inputs(rep):
    c = rep.check("special_values")
    return {f.input for f in c.failures} if c.status == "fail" else set()


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "maxout"])
def test_symact_twins_conform(name, dtype):
    from symact.numeric.twins import twin

    t = twin(name)
    rep = audit(t.f, name, dtype=dtype, grad=t.df, **FAST)
    assert rep.passed, rep.text()
    assert rep.check("special_values").status == "pass" and rep.check("derivative").status == "pass"
    if name == "maxout":
        assert any("first maximum" in c for c in rep.conventions)


PLUS_INF = {"[float('inf'), 0.0]", "[0.0, float('inf'), -1.0]", "[float('inf'), -float('inf')]",
            "[float('inf'), 0.0, -float('inf')]", "[float('inf')]", "[-float('inf')]"}


def _dominant_only(check):
    """log(sum) without log1p: the dominant component of log_softmax comes back as 0 (documented defect)."""
    return all(f.returned is not None and "= 0.0)" in f.returned or f.message.split("returned ")[-1].startswith("0.0")
               for f in check.failures)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_scipy_softmax_and_log_softmax(dtype):
    pytest.importorskip("scipy")
    from symact.audit.backends.numpy import scipy_log_softmax, scipy_softmax

    rep = audit(scipy_softmax, "softmax", dtype=dtype, **FAST)
    assert set(rep.failed_checks()) <= {"special_values", "warnings"}, rep.text()
    assert _special_inputs(rep) <= PLUS_INF
    assert all("overflow encountered in subtract" in f.message for f in rep.check("warnings").failures)
    rep = audit(scipy_log_softmax, "log_softmax", dtype=dtype, **FAST)
    assert set(rep.failed_checks()) <= {"values", "special_values", "warnings"}, rep.text()
    assert _dominant_only(rep.check("values")), rep.text()


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_torch_softmax_log_softmax_amax(dtype):
    pytest.importorskip("torch")
    from symact.audit.backends.torch import torch_amax, torch_log_softmax, torch_softmax

    rep = audit(torch_softmax, "softmax", dtype=dtype, kind="torch", **FAST)
    assert set(rep.failed_checks()) <= {"special_values", "derivative"}, rep.text()
    assert _special_inputs(rep) <= PLUS_INF
    assert "torch autograd" in rep.check("derivative").detail
    # autograd's backward s * (g - <g, s>) from the rounded s: 0 where s rounds to 1 (exact s (1 - s) > 0)
    for f in rep.check("derivative").failures:
        assert f.message.split("returned ")[1].startswith(("0.0", "-0.0")), f.line()
    rep = audit(torch_log_softmax, "log_softmax", dtype=dtype, kind="torch", **FAST)
    assert set(rep.failed_checks()) <= {"values", "special_values", "derivative"}, rep.text()
    assert _dominant_only(rep.check("values")), rep.text()
    rep = audit(torch_amax, "maxout", dtype=dtype, kind="torch", **FAST)
    assert rep.passed, rep.text()
    assert any("split evenly" in c for c in rep.conventions)


def test_jax_softmax_float32_and_log_softmax_float64():
    pytest.importorskip("jax")
    import jax

    rep = audit(jax.nn.softmax, "softmax", dtype="float32", kind="jax", **FAST)
    assert set(rep.failed_checks()) <= {"special_values", "derivative"}, rep.text()
    assert _special_inputs(rep) <= PLUS_INF
    assert rep.check("derivative").points > 0 and "jacrev" in rep.check("derivative").detail
    rep = audit(jax.nn.log_softmax, "log_softmax", dtype="float64", kind="jax", **FAST)
    assert set(rep.failed_checks()) <= {"values", "special_values", "derivative"}, rep.text()
    assert _dominant_only(rep.check("values")), rep.text()


# -- API, CLI, JSON, frameworks table -------------------------------------------------------------------------
def test_parameters_and_exhaustive_are_usage_errors():
    from symact.errors import ParameterError

    with pytest.raises(ParameterError):
        audit(naive_softmax, "softmax", params={"a": 1})
    with pytest.raises(ParameterError):
        audit(naive_softmax, "softmax", dtype="float16", exhaustive=True)


def test_cli_json_for_a_vector_target(tmp_path, capsys):
    from symact.cli import main

    p = tmp_path / "acts.py"
    p.write_text(textwrap.dedent("""
        import numpy as np

        def softmax(x):
            e = np.exp(x)
            return e / e.sum(axis=-1, keepdims=True)
    """))
    code = main(["audit", f"{p}:softmax", "--activation", "softmax", "--json", "--hypothesis", "0"])
    assert code == 1
    out = json.loads(capsys.readouterr().out)
    assert out["activation"] == "softmax" and not out["passed"]
    names = [c["name"] for c in out["checks"]]
    assert {"values", "batch", "sum", "shift", "permutation", "mutation"} <= set(names)
    assert any(f["input"] == "[1000.0, 1000.0]" for f in out["failures"])


def test_framework_rows_map_vector_entries():
    pytest.importorskip("scipy")
    from symact.audit.frameworks import rows

    acts = {r.activation for r in rows("numpy")}
    assert {"softmax", "log_softmax", "maxout"} <= acts


def test_mpmath_precision_is_restored():
    before = mpmath.mp.prec
    exact_row("log_softmax", [1.0, -2.0, 3.0])
    exact_jacobian("softmax", [1.0, -2.0, 3.0])
    assert mpmath.mp.prec == before

"""symact audit CLI: exit codes 0/1/2, --json shape, file and module targets."""
from __future__ import annotations

import json
import textwrap

import pytest

from symact.cli import main


@pytest.fixture
def target_file(tmp_path):
    p = tmp_path / "acts.py"
    p.write_text(textwrap.dedent("""
        import numpy as np

        def tanh(x):
            return np.tanh(x)

        def leaky(x):
            return np.where(x < 0, x * x.dtype.type(0.1), x)

        def scalar_tanh(x):
            import math
            return math.tanh(x)

        def raises(x):
            raise RuntimeError("boom")

        def returns_list(x):
            return [1.0]
    """))
    return p


ARGS = ["--hypothesis", "0", "--effort", "0.3"]


def test_conforming_target_exits_0(target_file, capsys):
    assert main(["audit", f"{target_file}:tanh", "--activation", "tanh", *ARGS]) == 0
    assert "CONFORMS" in capsys.readouterr().out


def test_failing_target_exits_1_and_json_has_passed_and_failures(target_file, capsys):
    code = main(["audit", f"{target_file}:leaky", "--activation", "leaky_relu", "--json", *ARGS])
    out = capsys.readouterr().out
    assert code == 1
    d = json.loads(out)
    assert d["passed"] is False and d["failures"]
    assert d["matches"] == "leaky_relu(alpha=0.1)"
    f = d["failures"][0]
    assert {"input", "returned", "exact", "ulp_error", "reproduction"} <= set(f)


def test_param_makes_it_conform(target_file):
    assert main(["audit", f"{target_file}:leaky", "-a", "leaky_relu", "--param", "alpha=0.1", *ARGS]) == 0


def test_scalar_callable_is_detected(target_file, capsys):
    code = main(["audit", f"{target_file}:scalar_tanh", "-a", "tanh", "--dtype", "float64", "--json",
                 "--hypothesis", "0", "--effort", "0.05"])
    d = json.loads(capsys.readouterr().out)
    assert d["kind"] == "scalar"
    assert code == 0, d


@pytest.mark.parametrize("fn", ["raises", "returns_list"])
def test_bad_targets_are_reported_not_crashes(target_file, capsys, fn):
    code = main(["audit", f"{target_file}:{fn}", "-a", "tanh", "--json", *ARGS])
    d = json.loads(capsys.readouterr().out)
    assert code == 1 and d["passed"] is False


@pytest.mark.parametrize("argv", [
    ["audit", "nosuch.module:f", "-a", "tanh"],
    ["audit", "{file}:tanh", "-a", "no_such_activation"],
    ["audit", "{file}:tanh", "-a", "tanh", "--dtype", "float8"],
    ["audit", "{file}:missing", "-a", "tanh"],
    ["audit", "{file}:tanh"],
    ["audit", "{file}:tanh", "-a", "leaky_relu", "--param", "slope=2"],
    ["audit"],
])
def test_usage_errors_exit_2(target_file, argv, capsys):
    argv = [a.replace("{file}", str(target_file)) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err


def test_module_target(capsys):
    assert main(["audit", "numpy:tanh", "-a", "tanh", *ARGS]) == 0


def test_hanging_target_is_a_reported_failure():
    import time

    from symact.audit import audit

    def slow(x):
        time.sleep(5)
        return x

    r = audit(slow, "identity", call_seconds=0.2, hypothesis=0, effort=0.1)
    assert not r.passed
    assert any("within" in (f.message or "") for f in r.failures) or r.check("calls").status == "fail"

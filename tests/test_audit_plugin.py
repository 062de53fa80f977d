"""The pytest plugin (--symact-target) and symact.testing."""
from __future__ import annotations

import textwrap

import numpy as np
import pytest

pytest_plugins = ["pytester"]


def test_plugin_runs_one_test_per_function_and_check(pytester):
    pytester.makepyfile(mytarget=textwrap.dedent("""
        import numpy as np
        import scipy.special as sc

        def sigmoid(x):
            return sc.expit(x)

        def tanh(x):
            return np.nan_to_num(np.tanh(x))

        def not_an_activation(x):
            return x
    """))
    from importlib.metadata import entry_points

    registered = any(ep.value == "symact.audit.pytest_plugin" for ep in entry_points(group="pytest11"))
    load = [] if registered else ["-p", "symact.audit.pytest_plugin"]   # the pytest11 entry point loads it
    res = pytester.runpytest_subprocess(*load, "--symact-target", str(pytester.path / "mytarget.py"),
                                        "--symact-effort", "0.2", "-q")
    res.assert_outcomes(failed=1, passed=20, skipped=5)
    res.stdout.fnmatch_lines(["*test_symact*tanh-float32-special_values*"])


def test_assert_conforms():
    from symact.testing import assert_conforms

    assert_conforms(np.tanh, "tanh", hypothesis=0, effort=0.2)
    with pytest.raises(AssertionError, match="special_values"):
        assert_conforms(lambda x: np.nan_to_num(np.tanh(x)), "tanh", hypothesis=0, effort=0.2)


def test_strategies_give_values_of_the_format():
    from hypothesis import given, settings

    from symact.audit.dtypes import get_format, round_to
    from symact.testing import floats

    @settings(max_examples=50, database=None)
    @given(floats("bfloat16"))
    def check(v):
        assert round_to(np.array([v]), get_format("bfloat16"))[0] == v

    check()

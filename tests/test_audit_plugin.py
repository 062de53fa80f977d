"""The pytest plugin (--symact-target) and symact.testing."""
from __future__ import annotations

import textwrap

import numpy as np
import pytest

pytest_plugins = ["pytester"]


TARGET = textwrap.dedent("""
    import numpy as np
    import scipy.special as sc

    import symact.testing

    def linear(x):                 # a helper named like the alias of identity: not declared, not audited
        return 2 * x

    def step(state):               # an optimizer step named like binary_step: not declared, not audited
        return state + 1

    @symact.testing.conforms("sigmoid")
    def my_sigmoid(x):
        return sc.expit(x)

    def my_tanh(x):
        return np.nan_to_num(np.tanh(x))   # NaN in, 0 out: fails special_values

    __symact__ = {"tanh": my_tanh}
""")


def _plugin_args() -> list[str]:
    from importlib.metadata import entry_points

    registered = any(ep.value == "symact.audit.pytest_plugin" for ep in entry_points(group="pytest11"))
    return [] if registered else ["-p", "symact.audit.pytest_plugin"]   # the pytest11 entry point loads it


def test_plugin_audits_what_the_module_declares_with_readable_ids(pytester):
    pytester.makepyfile(mytarget=TARGET)
    res = pytester.runpytest_subprocess(*_plugin_args(), "--symact-target", "mytarget.py", "--symact-effort", "0.2",
                                        "-v")
    res.assert_outcomes(failed=1, passed=22, skipped=5)   # 14 checks for each of tanh and my_sigmoid
    res.stdout.fnmatch_lines(["mytarget.py::tanh[[]float32-values[]] PASSED*",
                              "mytarget.py::my_sigmoid[[]float32-values[]] PASSED*",
                              "*NaN in must give NaN out*",
                              "*repro: python -c *f = m.my_tanh;*",       # the reproduction calls the real function
                              "FAILED mytarget.py::tanh[[]float32-special_values[]]*"])
    assert "linear" not in res.stdout.str() and "step" not in res.stdout.str()


def test_plugin_matches_names_only_when_asked(pytester):
    pytester.makepyfile(mytarget=TARGET)
    res = pytester.runpytest_subprocess(*_plugin_args(), "--symact-target", "mytarget.py", "--symact-match-names",
                                        "--collect-only", "-q")
    out = res.stdout.str()
    assert "mytarget.py::linear[float32-values]" in out      # audited as identity, as asked
    assert "mytarget.py::step[float32-values]" in out        # as binary_step
    assert "mytarget.py::my_tanh" not in out                 # declared as tanh: one audit under its declared name


def test_plugin_declared_parameters_and_dotted_targets(pytester):
    pytester.makepyfile(leaky=textwrap.dedent("""
        import numpy as np

        def leaky(x):
            return np.where(x < 0, 0.1 * x, x).astype(x.dtype)

        __symact__ = {"leaky_relu": (leaky, {"alpha": "0.1"})}
    """))
    res = pytester.runpytest_subprocess(*_plugin_args(), "--symact-target", "leaky", "--symact-effort", "0.2",
                                        "--symact-dtype", "float64", "-v", "-k", "float64-values")
    res.assert_outcomes(passed=1)     # alpha = 0.1 as declared: at the default 0.01 it would fail
    res.stdout.fnmatch_lines(["leaky.py::leaky_relu[[]float64-values[]] PASSED*"])


@pytest.mark.parametrize("args, message", [
    (["--symact-target", "mytarget.py", "--symact-dtype", "float8"], "--symact-dtype: unknown dtype 'float8'"),
    (["--symact-target", "mytarget.py", "--symact-effort", "0"], "--symact-effort must be a positive number"),
    (["--symact-target", "no_such_module"], "cannot import it: ModuleNotFoundError"),
    (["--symact-target", "helpers.py"], "declares no activation to audit"),
    (["--symact-target", "bad.py"], "bad.py: unknown activation 'gleu'; did you mean gelu"),
])
def test_plugin_option_errors_are_one_usage_error(pytester, args, message):
    pytester.makepyfile(mytarget=TARGET, helpers="def linear(x):\n    return x\n",
                        bad="__symact__ = {'gleu': abs}\n")
    res = pytester.runpytest_subprocess(*_plugin_args(), *args)
    assert res.ret == pytest.ExitCode.USAGE_ERROR                       # 4
    errors = [line for line in res.stderr.lines if line.startswith("ERROR")]
    assert len(errors) == 1 and message in errors[0], res.stderr.str()
    assert "Traceback" not in res.stderr.str() + res.stdout.str()


def test_conforms_decorator_checks_its_arguments():
    from symact.errors import ParameterError, UnknownActivationError
    from symact.testing import conforms

    def f(x):
        return x

    assert conforms("swish", beta=2)(f) is f and f.__symact__ == ("silu", {"beta": 2})
    with pytest.raises(UnknownActivationError):
        conforms("gleu")
    with pytest.raises(ParameterError):
        conforms("elu", alpha=-1)


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

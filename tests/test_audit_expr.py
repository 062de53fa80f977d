"""``symact audit TARGET --expr EXPR``: a module that ``symact implement --expr`` writes conforms to the exact
expression; the naive formula fails with its failing input printed; NaN is expected where the expression is
undefined; bad input is one line and exit 2."""
from __future__ import annotations

import re
import textwrap

import numpy as np
import pytest

from symact.cli import main

SOFTPLUS = "log(1 + exp(x))"
ARGS = ["--in-process", "--hypothesis", "0", "--effort", "0.3"]


@pytest.fixture(scope="module")
def modules(tmp_path_factory):
    """The module ``symact implement --expr`` writes for SOFTPLUS (with its derivative), and hand-written ones."""
    from symact.implement import implement

    d = tmp_path_factory.mktemp("expr")
    (d / "gen.py").write_text(implement(expr=SOFTPLUS, target="numpy", derivative=True).source)
    (d / "hand.py").write_text(textwrap.dedent("""
        import numpy as np

        def naive(x):
            return np.log(1 + np.exp(x))

        def log_nan(x):                 # NaN where log is undefined: x < 0 and -inf
            with np.errstate(all="ignore"):
                return np.log(x)

        def log_zero(x):                # 0 where log is undefined
            with np.errstate(all="ignore"):
                return np.where(x < 0, x.dtype.type(0), np.log(x)).astype(x.dtype)
    """))
    return d


def test_generated_module_conforms_strictly_with_its_derivative(modules, capsys):
    assert main(["audit", f"{modules / 'gen.py'}:f", "--expr", SOFTPLUS, "--strict",
                 "--grad", f"{modules / 'gen.py'}:f_derivative", *ARGS]) == 0
    out = capsys.readouterr().out
    assert "CONFORMS" in out and re.search(r"PASS\s+derivative", out)


def test_naive_formula_fails_with_the_failing_input_printed(modules, capsys):
    assert main(["audit", f"{modules / 'hand.py'}:naive", "--expr", SOFTPLUS, *ARGS]) == 1
    out = capsys.readouterr().out
    assert re.search(r"FAIL\s+values", out)
    x = float(re.search(r"- x = (\S+); returned inf;", out).group(1))
    # the printed input is a real failure: exp overflows float32 there, while log(1 + e^x) ~ x is finite
    with np.errstate(over="ignore"):
        assert np.isinf(np.log(1 + np.exp(np.float32(x)))) and x < 1e38


def test_undefined_inputs_must_be_nan(modules, capsys):
    assert main(["audit", f"{modules / 'hand.py'}:log_nan", "--expr", "log(x)", "--no-derivative", *ARGS]) == 0
    capsys.readouterr()
    assert main(["audit", f"{modules / 'hand.py'}:log_zero", "--expr", "log(x)", "--no-derivative", *ARGS]) == 1
    out = capsys.readouterr().out
    x = float(re.search(r"- x = (\S+); returned 0\.0; exact nan", out).group(1))
    assert x < 0


@pytest.mark.parametrize("extra, message", [
    (["--expr", "log(1 +"], "syntax error"),
    (["--expr", "__import__('os')"], "unknown function"),
    (["--expr", "x", "-a", "softplus"], "one of them"),
    ([], "one of them"),
    (["--expr", "3"], "does not depend on x"),
    (["--expr", "x", "--param", "a=1"], "no a in x"),
    (["--framework", "numpy", "--expr", "x"], "--expr"),
])
def test_bad_input_is_one_line_and_exit_2(modules, capsys, extra, message):
    target = [] if "--framework" in extra else [f"{modules / 'hand.py'}:naive"]
    assert main(["audit", *target, *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err

"""`symact list` and `symact show`, including every bad-input path (one-line error, exit code 2)."""
import json
import shutil
import subprocess
import sys

import pytest

import symact
from symact.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_activation_and_its_aliases(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    for entry in symact.entries():
        assert entry.name in out
        for alias in entry.aliases:
            assert alias in out


def test_list_json(capsys):
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["name"] for r in rows} == set(symact.names())


def test_show_gelu_prints_exact_derivative_and_latex(capsys):
    code, out, _ = run(capsys, "show", "gelu")
    assert code == 0
    assert "f'(x)  = sqrt(2)*x*exp(-x**2/2)/(2*sqrt(pi)) + erf(sqrt(2)*x/2)/2 + 1/2" in out
    assert r"LaTeX f':  \frac{\sqrt{2} x e^{- \frac{x^{2}}{2}}}{2 \sqrt{\pi}}" in out


def test_show_sigmoid_gives_the_self_form(capsys):
    _, out, _ = run(capsys, "show", "logistic")
    assert "self-form: f'(x) = f(x)*(1 - f(x))" in out


def test_show_relu_reports_kink_and_conventions(capsys):
    _, out, _ = run(capsys, "show", "relu")
    assert "kink at x = 0: left derivative 0, right derivative 1" in out
    assert "convention torch: f'(0) := 0" in out


def test_show_with_param_json(capsys):
    code, out, _ = run(capsys, "show", "leaky_relu", "--param", "alpha=0.2", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["params"][0]["value"] == "1/5"
    assert info["kinks"] == [{"at": "0", "left_derivative": "1/5", "right_derivative": "1"}]


def test_show_softmax_gives_jacobian(capsys):
    code, out, _ = run(capsys, "show", "softmax")
    assert code == 0 and "diag(s) - s s^T" in out


@pytest.mark.parametrize("argv,message", [
    (["show", "gleu"], "unknown activation 'gleu'; did you mean gelu"),
    (["show", "elu", "--param", "alpha=-1"], "must be a positive real number"),
    (["show", "elu", "--param", "alpha=abc"], "alpha"),
    (["show", "elu", "--param", "beta=2"], "elu has no parameter 'beta'"),
    (["show", "elu", "--param", "alpha"], "alpha"),
    (["show", "elu", "--param", "alpha=1", "--param", "alpha=2"], "given twice"),
    (["show", "softmax", "--param", "alpha=1"], "takes no parameters"),
    (["show", "elu", "--param", "alpha=__import__('os').system('true')"], "alpha"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run_or_exit(capsys, argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def run_or_exit(capsys, argv):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_console_script_runs():
    exe = shutil.which("symact")
    cmd = [exe] if exe else [sys.executable, "-m", "symact"]
    done = subprocess.run(cmd + ["show", "silu"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "swish" in done.stdout
    done = subprocess.run(cmd + ["show", "nosuch"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.startswith("symact: error: unknown activation")

"""Options at the edge of their range, a folder for a file and Ctrl-C of `symact table`, through the real command
line in a subprocess: a number too large to be honoured is one line and exit 2 (never a traceback, never a
failing audit of a good target), and the largest allowed value works."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
TANH = "numpy:tanh"
QUICK = ["-a", "tanh", "--effort", "0.1", "--hypothesis", "0", "--no-derivative"]


def symact(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "symact", *args], cwd=ROOT, env=ENV, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("args, words", [
    (["audit", TANH, *QUICK, "--timeout", "1e308"], "--timeout must be"),
    (["audit", TANH, *QUICK, "--import-timeout", "1e300"], "--import-timeout must be"),
    (["audit", TANH, *QUICK, "--memory-limit", "1e300"], "--memory-limit must be"),
    (["audit", TANH, "-a", "tanh", "--hypothesis", "99999999999999999999"], "--hypothesis must be"),
    (["check", "tanh(x) == 2*sigmoid(2*x) - 1", "--budget", "1e300"], "--budget must be"),
    (["analyze", "relu", "--budget", "1e300"], "--budget must be"),
    (["audit", "tests/:f", *QUICK], "is a folder"),
])
def test_a_value_beyond_what_can_be_honoured_is_one_line_and_exit_2(args, words):
    res = symact(*args)
    assert res.returncode == 2, res.stdout + res.stderr
    assert res.stderr.count("\n") == 1 and words in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("option, value", [("--timeout", "604800"), ("--import-timeout", "604800"),
                                           ("--memory-limit", "4294967296")])
def test_the_largest_allowed_limits_still_pass_a_good_target(option, value):
    # numpy.tanh is within 16 ulp of tanh in float32 everywhere: the audit passes whatever the (long) limit
    res = symact("audit", TANH, *QUICK, option, value)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "CONFORMS" in res.stdout


def test_ctrl_c_of_table_is_one_line_without_the_workers_tracebacks(tmp_path):
    # SIGINT as at a terminal: a test runner started in the background ignores it, and the command inherits that
    proc = subprocess.Popen([sys.executable, "-m", "symact", "table", "--no-cache", "--jobs", "2"], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as at a terminal
    time.sleep(6)                                     # the workers are starting or deciding rows
    os.killpg(proc.pid, signal.SIGINT)                # the terminal's Ctrl-C reaches the whole process group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "symact: interrupted", err

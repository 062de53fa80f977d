"""A KeyboardInterrupt or a signal that comes from the target is the target's failure, never taken for the user's
Ctrl-C (exit 130) and never a pass; the user's Ctrl-C still stops the audit with what was found so far.  Run
through the real `symact audit` command in a subprocess, isolated (the default) and --in-process."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QUICK = ["--hypothesis", "0", "--effort", "0.1", "--no-derivative"]
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))

TARGETS = textwrap.dedent("""
    import os, signal, time
    import numpy as np

    def raises(x):                       # in the call itself
        raise KeyboardInterrupt

    class _Result:
        def __array__(self, dtype=None, copy=None):
            raise KeyboardInterrupt      # outside the call: while the auditor reads what it returned

    def result_raises(x):
        return _Result()

    def signals_itself(x):
        os.kill(os.getpid(), signal.SIGINT)
        return np.tanh(x)

    def terminates_auditor(x):
        os.kill(os.getppid(), signal.SIGTERM)
        return np.tanh(x)

    def kills_auditor(x):
        os.kill(os.getppid(), signal.SIGKILL)
        return np.tanh(x)

    def slow(x):
        open(os.environ["SYMACT_TEST_MARK"], "a").close()
        time.sleep(0.3)
        return np.tanh(x)
""")


@pytest.fixture
def targets(tmp_path):
    p = tmp_path / "targets.py"
    p.write_text(TARGETS)
    return p


def audit(path: Path, fn: str, *extra: str, env=ENV) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "symact", "audit", f"{path}:{fn}", "-a", "tanh", *QUICK, *extra],
                          capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)


@pytest.mark.parametrize("mode", [[], ["--in-process"]])
def test_a_keyboard_interrupt_raised_in_a_call_is_a_failed_call(targets, mode):
    res = audit(targets, "raises", *mode)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "FAILS" in res.stdout and "INTERRUPTED" not in res.stdout
    assert "KeyboardInterrupt" in res.stdout


@pytest.mark.parametrize("mode", [[], ["--in-process"]])
def test_a_keyboard_interrupt_raised_outside_a_call_fails_the_target(targets, mode):
    res = audit(targets, "result_raises", *mode)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "the target interrupted its own audit" in res.stdout and "INTERRUPTED" not in res.stdout


def test_a_sigint_the_target_sends_its_own_process_fails_the_target(targets):
    res = audit(targets, "signals_itself")      # the parent forwarded no Ctrl-C: not the user's
    assert res.returncode == 1, res.stdout + res.stderr
    assert "the target interrupted its own audit" in res.stdout


@pytest.mark.parametrize("fn", ["terminates_auditor", "kills_auditor"])
def test_a_target_that_signals_the_auditor_never_passes(targets, fn):
    res = audit(targets, fn)
    assert res.returncode not in (0, 1, 2) and "CONFORMS" not in res.stdout, res.stdout + res.stderr


@pytest.mark.parametrize("mode", [[], ["--in-process"]])
def test_the_users_ctrl_c_still_interrupts(targets, tmp_path, mode):
    mark = tmp_path / "called"
    # SIGINT as at a terminal: a test runner started in the background ignores it, and the command inherits that
    proc = subprocess.Popen([sys.executable, "-m", "symact", "audit", f"{targets}:slow", "-a", "tanh", *mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(ENV, SYMACT_TEST_MARK=str(mark)), cwd=ROOT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as at a terminal
    deadline = time.monotonic() + 240
    while not mark.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    time.sleep(1.0)                               # the audit is under way (each call takes 0.3 s)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert "INTERRUPTED" in out


def test_the_api_takes_a_lambdas_keyboard_interrupt_for_its_failure():
    # a lambda cannot reach a fresh interpreter: the audit runs in a fork of the caller (symact.audit.target)
    code = textwrap.dedent("""
        import symact

        class Result:
            def __array__(self, dtype=None, copy=None):
                raise KeyboardInterrupt

        r = symact.audit(lambda x: Result(), "tanh", hypothesis=0, effort=0.1)
        print("still here", r.interrupted, r.passed, r.failed_checks())
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=ENV)
    assert res.returncode == 0, res.stderr
    assert "still here False False ['calls']" in res.stdout, res.stdout

"""A KeyboardInterrupt or a signal that comes from the target is the target's failure, never taken for the user's
Ctrl-C (exit 130) and never a pass; the user's Ctrl-C still stops the audit with what was found so far, and the
user's SIGTERM still ends it.  Run through the real `symact audit` command in a subprocess (isolated, the
default, and --in-process; with --json; with a progress bar on a pseudo-terminal), under the pytest plugin and
through the API, with real signals: the target's come from its own process, the user's from this test's."""
from __future__ import annotations

import json
import os
import pty
import re
import select
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

    def interrupts_auditor(x):           # the target's process signals the auditor that started it
        os.kill(os.getppid(), signal.SIGINT)
        return np.tanh(x)

    def terminates_auditor(x):
        os.kill(os.getppid(), signal.SIGTERM)
        return np.tanh(x)

    def has_a_child_interrupt_the_auditor(x):     # ... or a process it starts does
        import subprocess, sys
        if not os.path.exists(os.environ["SYMACT_TEST_MARK"]):
            open(os.environ["SYMACT_TEST_MARK"], "w").close()
            # it stays a moment: one that has ended and been reaped before the auditor looks cannot be told
            code = f"import os, signal, time; os.kill({os.getppid()}, signal.SIGINT); time.sleep(2)"
            subprocess.run([sys.executable, "-c", code], check=True)
        return np.tanh(x)

    def lists_the_auditors_threads(x):   # the auditor's threads, other than its main one, that take SIGINT/SIGTERM
        parent = os.getppid()
        masks = {t: open(f"/proc/{parent}/task/{t}/status").read().split("SigBlk:")[1].split()[0]
                 for t in os.listdir(f"/proc/{parent}/task")}
        taking = [t for t, m in masks.items() if int(t) != parent and int(m, 16) & 0x4002 != 0x4002]
        with open(os.environ["SYMACT_TEST_MARK"], "w") as f:
            f.write(f"{len(masks)} {' '.join(taking)}")
        return np.tanh(x)

    def kills_auditor(x):
        os.kill(os.getppid(), signal.SIGKILL)
        return np.tanh(x)

    def slow(x):
        with open(os.environ["SYMACT_TEST_MARK"], "w") as f:
            f.write(str(os.getpid()))    # the process that calls the target
        time.sleep(0.3)
        return np.tanh(x)

    __symact__ = {"tanh": interrupts_auditor}   # for the pytest plugin: its process is the auditor's
""")


@pytest.fixture
def targets(tmp_path):
    p = tmp_path / "targets.py"
    p.write_text(TARGETS)
    return p


def as_at_a_terminal() -> None:
    """SIGINT as at a terminal: a test runner started in the background ignores it, and a command inherits that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def audit(path: Path, fn: str, *extra: str, env=ENV, tty: bool = False) -> subprocess.CompletedProcess:
    """``symact audit`` of ``path:fn`` as tanh; ``tty``: its standard error is a pseudo-terminal, so it draws
    a progress bar (what it wrote there is the result's ``stderr``)."""
    argv = [sys.executable, "-m", "symact", "audit", f"{path}:{fn}", "-a", "tanh", *QUICK, *extra]
    if not tty:
        return subprocess.run(argv, capture_output=True, text=True, timeout=300, env=env, cwd=ROOT,
                              preexec_fn=as_at_a_terminal)
    proc, master = start_on_a_pty(argv, env)
    out, err = finish_on_a_pty(proc, master, 300)
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def start_on_a_pty(argv: list[str], env) -> tuple[subprocess.Popen, int]:
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=slave, text=True, env=env, cwd=ROOT,
                            preexec_fn=as_at_a_terminal)
    os.close(slave)
    return proc, master


def finish_on_a_pty(proc: subprocess.Popen, master: int, timeout: float) -> tuple[str, str]:
    """(stdout, what was drawn on the terminal) of ``proc``, reading the terminal as it writes (a full one
    would block it)."""
    drawn = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:                 # the last writer closed it
                chunk = b""
            if not chunk:
                break
            drawn += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    out = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))[0]
    return out, drawn.decode(errors="replace")


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


@pytest.mark.parametrize("mode", [[], ["--in-process"]])
def test_no_thread_of_the_auditor_but_its_main_one_takes_sigint_or_sigterm(targets, tmp_path, mode):
    """A signal goes to any thread that does not block it; only the main thread's ``sigtimedwait`` learns its
    sender, so a target's signal taken by another thread (OpenBLAS's, started when NumPy is imported) would
    pass for the user's Ctrl-C.  The target reads the auditor's threads' masks in /proc (bits 2 and 15)."""
    mark = tmp_path / "threads"
    res = audit(targets, "lists_the_auditors_threads", *mode, env=dict(ENV, SYMACT_TEST_MARK=str(mark)))
    assert res.returncode == 0, res.stdout + res.stderr
    threads, *taking = mark.read_text().split()
    assert taking == [], mark.read_text()
    assert int(threads) > 1 or mode, threads     # isolated: NumPy's pool is there (and blocks both)


#: how the command runs: its argv, and whether its standard error is a (pseudo-)terminal with a progress bar
MODES = {"isolated": ([], False), "json": (["--json"], False), "in-process": (["--in-process"], False),
         "progress bar": ([], True), "in-process, progress bar": (["--in-process"], True)}


def signalled(res: subprocess.CompletedProcess, json_mode: bool) -> str:
    """The failure that says the target signalled the auditor (the report must not be an interruption)."""
    if json_mode:
        d = json.loads(res.stdout)
        assert d["passed"] is False and d["interrupted"] is False
        found = [f["message"] for f in d["failures"] if "signalled the auditor" in f["message"]]
    else:
        assert "FAILS" in res.stdout and "INTERRUPTED" not in res.stdout
        found = [ln for ln in res.stdout.splitlines() if "signalled the auditor's process" in ln]
    assert found, res.stdout + res.stderr
    return found[0]


@pytest.mark.parametrize("fn, sig", [("interrupts_auditor", "SIGINT"), ("terminates_auditor", "SIGTERM")])
@pytest.mark.parametrize("mode", MODES)
def test_a_signal_the_target_sends_the_auditor_fails_the_target(targets, fn, sig, mode):
    extra, tty = MODES[mode]
    res = audit(targets, fn, *extra, tty=tty)
    assert res.returncode == 1, res.stdout + res.stderr     # neither 130 (Ctrl-C) nor 143 (terminated)
    message = signalled(res, "--json" in extra)
    auditor, sender = (int(n) for n in re.search(r"auditor's process (\d+): SIG\w+ from pid (\d+)", message).groups())
    assert f"{sig} from pid" in message and sender != auditor and os.getpid() not in (sender, auditor)
    if tty:
        assert "%" in res.stderr and "calls" in res.stderr, res.stderr[-500:]     # the bar was drawn


def test_a_process_the_target_starts_counts_as_the_target(targets, tmp_path):
    res = audit(targets, "has_a_child_interrupt_the_auditor",
                env=dict(ENV, SYMACT_TEST_MARK=str(tmp_path / "once")))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "SIGINT from pid" in signalled(res, False)


def test_a_target_that_kills_the_auditor_never_passes(targets):
    res = audit(targets, "kills_auditor")                  # SIGKILL cannot be caught: the auditor just ends
    assert res.returncode == -signal.SIGKILL and "CONFORMS" not in res.stdout, res.stdout + res.stderr


def start_slow(targets: Path, mark: Path, mode: str) -> tuple[subprocess.Popen, int | None]:
    """The audit of a target whose calls take 0.3 s, under way (it has called the target for a second)."""
    extra, tty = MODES[mode]
    argv = [sys.executable, "-m", "symact", "audit", f"{targets}:slow", "-a", "tanh", *extra]
    env = dict(ENV, SYMACT_TEST_MARK=str(mark))
    if tty:
        proc, master = start_on_a_pty(argv, env)
    else:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                                preexec_fn=as_at_a_terminal)
        master = None
    deadline = time.monotonic() + 240
    while not mark.exists() and time.monotonic() < deadline and proc.poll() is None:
        if master is not None and select.select([master], [], [], 0.2)[0]:
            os.read(master, 1 << 16)
        else:
            time.sleep(0.2)
    time.sleep(1.0)
    return proc, master


def finish(proc: subprocess.Popen, master: int | None) -> tuple[str, str]:
    return finish_on_a_pty(proc, master, 120) if master is not None else proc.communicate(timeout=120)


@pytest.mark.parametrize("mode", MODES)
def test_the_users_ctrl_c_still_interrupts(targets, tmp_path, mode):
    proc, master = start_slow(targets, tmp_path / "called", mode)
    proc.send_signal(signal.SIGINT)                # from this test's process: not the target's
    sent = time.monotonic()
    out, err = finish(proc, master)
    assert proc.returncode == 130, out + err
    assert time.monotonic() - sent < 60            # promptly: the stage under way stops, the report is printed
    if MODES[mode][0] == ["--json"]:
        assert json.loads(out)["interrupted"] is True
    else:
        assert "INTERRUPTED" in out and "signalled the auditor" not in out


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie no longer does)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except OSError:
        return False


@pytest.mark.parametrize("mode", ["isolated", "in-process"])
def test_the_users_sigterm_still_ends_the_audit_and_the_targets_process(targets, tmp_path, mode):
    mark = tmp_path / "called"
    proc, master = start_slow(targets, mark, mode)
    caller = int(mark.read_text())                # the process that calls the target (not the auditor)
    assert caller != proc.pid and alive(caller)
    proc.send_signal(signal.SIGTERM)
    finish(proc, master)
    assert proc.returncode == -signal.SIGTERM     # ended by the signal, as without the auditor's watch
    deadline = time.monotonic() + 10
    while alive(caller) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(caller)


def test_under_the_pytest_plugin_a_target_that_interrupts_pytest_fails(targets, tmp_path):
    from importlib.metadata import entry_points

    registered = any(ep.value == "symact.audit.pytest_plugin" for ep in entry_points(group="pytest11"))
    load = [] if registered else ["-p", "symact.audit.pytest_plugin"]
    res = subprocess.run([sys.executable, "-m", "pytest", *load, "-q", "--symact-target", str(targets),
                          "--symact-effort", "0.1", "-p", "no:cacheprovider"], capture_output=True, text=True,
                         timeout=600, env=ENV, cwd=tmp_path, preexec_fn=as_at_a_terminal)
    assert res.returncode == 1, res.stdout[-3000:]          # failed tests, not an interrupted session (2)
    assert re.search(r"FAILED .*targets\.py::tanh\[float32-calls\]", res.stdout)
    assert "signalled the auditor's process" in res.stdout and "KeyboardInterrupt" not in res.stdout


def test_the_api_fails_a_target_that_signals_its_caller(targets):
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(targets.parent)!r})
        from symact.sigmask import blocked
        # importing NumPy starts OpenBLAS's threads; started inside blocked() they never take SIGINT or SIGTERM,
        # which otherwise one of them may take in the instant the main thread is between two waits (README)
        with blocked():
            import symact, targets

        fresh = symact.audit(targets.interrupts_auditor, "tanh", hypothesis=0, effort=0.1, derivative=False)
        fork = symact.audit(lambda x: targets.terminates_auditor(x), "tanh", hypothesis=0, effort=0.1,
                            derivative=False)
        for r in (fresh, fork):
            print(r.passed, r.interrupted, [f.message[:120] for f in r.failures if "signalled" in f.message])
        import signal
        print("blocked after:", sorted(signal.pthread_sigmask(signal.SIG_BLOCK, [])))   # the mask is restored
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=ENV,
                         preexec_fn=as_at_a_terminal)
    assert res.returncode == 0, res.stderr
    fresh, fork, mask = res.stdout.splitlines()[-3:]
    assert mask == "blocked after: []", res.stdout
    assert fresh.startswith("False False [") and "SIGINT from pid" in fresh, res.stdout
    assert fork.startswith("False False [") and "SIGTERM from pid" in fork, res.stdout


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


def test_a_ctrl_c_that_a_callback_swallowed_still_interrupts_at_the_end_of_the_stage():
    """Python ignores an exception raised in a callback ("Exception ignored in: gc_callback", Hypothesis' gc
    timer): the SIGINT handler's KeyboardInterrupt never reached the audit, which ran on and passed (seen in CI).
    The SIGINT is counted all the same: the audit stops after the stage under way, marked interrupted."""
    from symact.audit.context import run_stages
    from symact.audit.report import AuditReport
    from symact.progress import Progress

    ran = []

    def swallowing(ctx, report, opts):
        ran.append("first")
        try:
            signal.raise_signal(signal.SIGINT)   # the handler runs here and raises KeyboardInterrupt ...
        except KeyboardInterrupt:
            pass                                 # ... which the callback's caller drops, as Python does

    def second(ctx, report, opts):
        ran.append("second")

    report = AuditReport(target="t", activation="tanh", dtype="float32")
    run_stages([("first", swallowing), ("second", second)], None, report, None, Progress(enabled=False), "audit",
               lambda: None, lambda label: False)
    assert ran == ["first"] and report.interrupted

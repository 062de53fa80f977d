"""What counts as a hang (symact.audit.hang): a call whose thread burns its limit of CPU time (a busy loop) or
uses no CPU for the limit stretched by the load (asleep, deadlocked) is hung, within WALL_CAP times the limit;
a correct call that a loaded machine merely slows is not.  Everything runs in real subprocesses: the probe
processes call a target through the auditor's calling thread (``call_with_limit``) and say what happened; the
load is real too, busy processes that the test starts on one CPU, next to the probe, and kills."""
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cpuload import hog, one_cpu, pinned
from symact.audit.hang import WALL_CAP

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
pytestmark = pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or not hasattr(time, "pthread_getcpuclockid"),
                                reason="needs Linux: CPU affinity and per-thread CPU clocks")

#: source of ``spend(seconds)``: computes for that much of its own thread's CPU time (load cannot change how
#: much it computes, only how long that takes)
SPENDS = """
import time
def spend(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
"""
#: the CPU time a correct target computes for in its slow call: (HOGS + 1) × SPEND > 1 s, the limit of the tests,
#: and SPEND × (threads sharing the CPU) under the cap, WALL_CAP × 1 s, while fewer than 40 threads share it
SPEND = 0.25
#: why a call is hung after WALL_CAP × its limit (the load kept its thread from being judged sooner)
CAPPED = "of wall-clock time"


def probe(body: str, limit: float, cpu: int | None = None) -> dict:
    """Run ``f`` (defined by ``body``) once through the auditor's calling thread in a fresh process (pinned to
    ``cpu`` if given) with the limit ``limit``: {status, why, wall} as that process saw them."""
    code = textwrap.dedent(f"""
        import json, os, time
        from symact.audit.adapters import call_with_limit
        {textwrap.indent(SPENDS, "        ").strip()}
        {textwrap.indent(textwrap.dedent(body), "        ").strip()}
        start = time.monotonic()
        status, out = call_with_limit(f, {limit!r})
        print(json.dumps({{"status": status, "why": out if status == "timeout" else None,
                           "wall": time.monotonic() - start}}), flush=True)
        os._exit(0)                          # a hung call's thread may still run: do not wait for it
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=300,
                         preexec_fn=pinned(cpu) if cpu is not None else None)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_a_busy_loop_is_hung_by_its_cpu_time():
    got = probe("def f():\n    while True:\n        pass\n", 1.0)
    # the busy loop, or (a load above 10 × CPUs slowing it) the cap; never "no CPU time"
    assert got["status"] == "timeout" and ("1 s of CPU time (a busy loop)" in got["why"] or CAPPED in got["why"])
    # its thread's CPU time never exceeds the wall-clock time: not judged sooner than 1 s; bound WALL_CAP s
    assert 1.0 <= got["wall"] <= WALL_CAP * 1.0 + 5


@pytest.mark.parametrize("body", [
    "def f():\n    time.sleep(3600)\n",
    "import threading\nlock = threading.Lock()\ndef f():\n    lock.acquire()\n    lock.acquire()\n",   # a deadlock
], ids=["sleeps", "deadlocks"])
def test_a_call_that_uses_no_cpu_is_hung_within_the_bound(body):
    got = probe(body, 1.0)
    # no CPU time for 1 s × max(1, load/CPUs), or (a load above 10 × CPUs) the cap first; never a busy loop
    assert got["status"] == "timeout" and ("used no CPU time" in got["why"] and "asleep or blocked" in got["why"]
                                           or CAPPED in got["why"])
    assert 1.0 <= got["wall"] <= WALL_CAP * 1.0 + 5


def test_a_busy_loop_and_a_sleeper_are_hung_on_a_loaded_cpu_too():
    cpu = one_cpu()
    with hog(cpu):
        busy = probe("def f():\n    while True:\n        pass\n", 1.0, cpu)
        asleep = probe("def f():\n    time.sleep(3600)\n", 1.0, cpu)
    for got in (busy, asleep):
        assert got["status"] == "timeout" and 1.0 <= got["wall"] <= WALL_CAP * 1.0 + 5


def test_a_correct_call_slowed_by_load_is_not_hung():
    """SPEND s of computing under the limit 1 s: on a CPU shared with HOGS busy processes it takes at least
    (HOGS + 1) × SPEND = 1.75 s of wall-clock time, which a wall-clock limit of 1 s called a hang."""
    cpu = one_cpu()
    with hog(cpu):
        got = probe(f"def f():\n    spend({SPEND})\n    return 1.0\n", 1.0, cpu)
    assert got["status"] == "ok", got
    assert got["wall"] > 1.0            # the load really stretched it past the limit (it is not a test of nothing)


def _audit_cli(tmp_path, body: str, cpu: int | None = None, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    src = tmp_path / "act.py"
    src.write_text("import numpy as np\n" + SPENDS + textwrap.dedent(body))
    start = time.monotonic()
    res = subprocess.run([sys.executable, "-m", "symact", "audit", f"{src}:f", "-a", "tanh", "--json", "--hypothesis",
                          "0", "--effort", "0.1", "--no-derivative", *args], capture_output=True, text=True,
                         env=ENV, cwd=ROOT, timeout=600, preexec_fn=pinned(cpu) if cpu is not None else None)
    return res, time.monotonic() - start


def _call_failures(res: subprocess.CompletedProcess) -> list[str]:
    return [f["message"] for c in json.loads(res.stdout)["checks"] for f in c["failures"]
            if "did not return within" in (f["message"] or "")]


def test_a_correct_target_audited_on_a_loaded_cpu_passes(tmp_path):
    """A target that computes for SPEND s on its first call (a library compiling its kernel) and is right: the
    whole audit (its child process too) on one CPU shared with HOGS busy processes, limit 1 s per call."""
    body = f"""
        compiled = []
        def f(x):
            if not compiled:
                spend({SPEND})
                compiled.append(True)
            return np.tanh(x)
    """
    cpu = one_cpu()
    with hog(cpu):
        res, _ = _audit_cli(tmp_path, body, cpu, "--timeout", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    assert not _call_failures(res)


@pytest.mark.parametrize("body, why", [
    ("def f(x):\n    while True:\n        pass\n", "(a busy loop)"),
    ("import time\ndef f(x):\n    time.sleep(3600)\n", "(asleep or blocked)"),
], ids=["busy", "sleeps"])
def test_the_audit_reports_a_hung_target_and_why(tmp_path, body, why):
    res, wall = _audit_cli(tmp_path, body, None, "--timeout", "1")
    assert res.returncode == 1, res.stdout + res.stderr
    messages = _call_failures(res)
    # the calls after the hung one are skipped, and say why: what the hung call was told
    assert messages and all("call did not return within 1 s: " in m and (m.endswith(why) or CAPPED in m)
                            for m in messages)
    assert wall < 120                   # one hung call, then the target is called no more

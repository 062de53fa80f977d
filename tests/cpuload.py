"""Real load for the tests that show a verdict does not depend on it: busy processes pinned to one CPU, next to
the process under test pinned there too (tests/test_audit_hang.py, tests/test_sandbox.py, tests/test_budget.py)."""
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager

#: the busy processes per probe CPU: the probe's thread then gets at most 1/(HOGS + 1) of that CPU
HOGS = 6


def one_cpu() -> int:
    return min(os.sched_getaffinity(0))


def pinned(cpu: int):
    return lambda: os.sched_setaffinity(0, {cpu})


@contextmanager
def hog(cpu: int | None = None, count: int = HOGS):
    """``count`` processes looping, on ``cpu`` (None: wherever the system puts them), for the block (each killed by
    its pid afterwards)."""
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"],
                              preexec_fn=None if cpu is None else pinned(cpu)) for _ in range(count)]
    try:
        time.sleep(0.5)                      # every hog has started looping
        yield
    finally:
        for p in procs:
            p.kill()
            p.wait()


def run_pinned(code: str, cpu: int) -> dict:
    """Run ``code`` (Python text that prints one JSON object last) in a fresh interpreter pinned to ``cpu``, with
    this checkout's symact: that object."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300,
                         preexec_fn=pinned(cpu))
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.splitlines()[-1])

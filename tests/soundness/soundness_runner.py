"""Run many claims through ``symact check`` in a small pool of worker processes, surviving their deaths.

Each worker (soundness_worker.py) is a fresh interpreter that imports symact once and answers claims one at a
time.  A worker that dies on a claim (SIGFPE, SIGSEGV, out of memory) or does not answer within ``hard_limit``
seconds is replaced, and that claim is recorded as ``crash`` or ``timeout``: a claim never takes pytest down.

``hard_limit`` counts the CPU time of the worker and of the processes it started (symact's budgets count CPU
time, so a verdict does not depend on the machine's load; under load a claim gets less CPU per wall second), with
a wall-clock backstop of :data:`WALL_FACTOR` times it for a worker that waits without computing.
"""
from __future__ import annotations

import json
import os
import queue
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
STARTUP_LIMIT = 180.0
#: the wall-clock backstop of a limit counted in CPU seconds
WALL_FACTOR = 20
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds used so far by ``pid``, its reaped children and its live children (Linux's /proc; None
    elsewhere)."""
    def times(stat: list[bytes], reaped: bool) -> int:      # utime stime (cutime cstime), fields 14-17
        return sum(int(v) for v in stat[11:15 if reaped else 13])

    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            total = times(f.read().rsplit(b")", 1)[1].split(), True)
    except (OSError, ValueError):
        return None
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                total += times(stat, False)
    return total / _TICK


def _env() -> dict[str, str]:
    env = dict(os.environ)
    parts = [str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(parts)
    return env


class _Worker:
    def __init__(self) -> None:
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([sys.executable, str(HERE / "soundness_worker.py")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, env=_env(), cwd=str(ROOT))
        self.buffer = b""
        self.timed_out = False
        ready = self._read_line(STARTUP_LIMIT)
        if ready is None or not json.loads(ready).get("ready"):
            raise RuntimeError(f"the soundness worker did not start: {self._last_words()}")

    def _read_line(self, limit: float) -> str | None:
        """One line from the worker, or None if it died or used ``limit`` CPU seconds (or its wall-clock
        backstop) without answering (then it is killed)."""
        start = _cpu_seconds(self.proc.pid)
        wall = 1 if start is None else WALL_FACTOR
        deadline = time.monotonic() + wall * limit
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            used = _cpu_seconds(self.proc.pid) if start is not None else None
            if left <= 0 or used is not None and used - start >= limit:
                self.kill()
                self.timed_out = True
                return None
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.proc.wait()
                    return None
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def _last_words(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace").strip()[-400:]

    def ask(self, case_id: str, claim: str | dict, budget: float, hard_limit: float) -> dict:
        """``claim``: the claim's text, or the request's other keys (see soundness_worker.py)."""
        start = time.monotonic()
        request = {"id": case_id, "budget": budget, **(claim if isinstance(claim, dict) else {"claim": claim})}
        try:
            self.proc.stdin.write((json.dumps(request) + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass
        line = self._read_line(hard_limit)
        seconds = round(time.monotonic() - start, 3)
        if line is not None:
            return json.loads(line)
        code = self.proc.returncode
        if code is None or self.timed_out:
            return {"id": case_id, "status": "timeout", "exit": None, "seconds": seconds,
                    "detail": f"no answer within {hard_limit:.0f} s of CPU for a budget of {budget} s"}
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        return {"id": case_id, "status": "crash", "exit": code, "seconds": seconds,
                "detail": f"the interpreter died ({how}): {self._last_words()}"}

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def close(self) -> None:
        try:
            self.proc.stdin.close()  # a live worker ends at the end of its input
        except BrokenPipeError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc.stdout.close()
        self.log.close()


def domain_syntax_parses() -> bool:
    """Does symact accept a claim with a stated domain (``CLAIM for x > 0``) yet?  (The parser only.)"""
    from symact.errors import SymactError
    from symact.parsing import parse_claim

    try:
        parse_claim("x > 0 for x > 0")
    except SymactError:
        return False
    return True


def run_claims(claims: list[tuple[str, str | dict]], budget: float, jobs: int = 2, hard_limit: float = 120.0,
               log_path: str | None = None) -> dict:
    """``{id: answer}`` for ``[(id, claim text), ...]``; answers carry ``status`` (proved, refuted, unknown, or
    no-verdict / crash / timeout), ``exit``, ``seconds`` and ``detail``.  A claim may also be a dict of request
    keys (``{"claim": ..., "verify": True}`` or ``{"analyze": [...]}``, see soundness_worker.py).  With
    ``log_path``, each answer is also appended to that file as one JSON line as soon as it arrives (to watch a
    long run)."""
    todo: queue.Queue = queue.Queue()
    for item in claims:
        todo.put(item)
    results: dict = {}
    failures: list[BaseException] = []
    lock = threading.Lock()
    log = open(log_path, "a") if log_path else None  # noqa: SIM115  closed below

    def serve() -> None:
        worker = None
        try:
            while True:
                try:
                    case_id, claim = todo.get_nowait()
                except queue.Empty:
                    return
                if worker is None or not worker.alive:
                    if worker is not None:
                        worker.close()
                    worker = _Worker()
                results[case_id] = answer = worker.ask(case_id, claim, budget, hard_limit)
                if log is not None:
                    with lock:
                        log.write(json.dumps({**answer, "claim": claim}) + "\n")
                        log.flush()
        except BaseException as exc:  # noqa: BLE001  re-raised in the caller's thread
            failures.append(exc)
        finally:
            if worker is not None:
                worker.close()

    threads = [threading.Thread(target=serve, daemon=True) for _ in range(max(1, min(jobs, len(claims))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if log is not None:
        log.close()
    if failures:
        raise failures[0]
    return results

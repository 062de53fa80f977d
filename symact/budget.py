"""Budgets: how much a decision may compute, counted in CPU seconds, and enforced.

What a budget means (``--budget S`` on the command line, ``budget=`` in the Python API):

* **CPU seconds of the decision, not wall-clock seconds.**  :func:`clock` is the CPU time (user + system) of
  the process, all its threads included (the worker threads below do the work while the caller waits).  A busy
  machine therefore delays an answer but does not change it: the same input gets the same verdict on an idle
  machine and under full load.  The command line runs each decision in a child process of its own
  (:mod:`symact.sandbox`), so there this clock is exactly the decision's CPU time; in a Python session it also
  counts whatever other threads of the session compute meanwhile.
* **The decision's budget caps every step inside it.**  :func:`limit` sets it (the worker threads started under
  it inherit it); every :func:`run_with_budget` below it is cut to what is left, so a step with a cap or floor
  of its own (``max(1, ...)`` seconds, a fixed 2 s for one simplification) cannot overrun the whole.
* **Hard limits.**  Work that never passes through here (one long C call, a loop that does not look at the
  clock) is stopped by the child process's limits: a CPU limit a little above the budget and a wall-clock
  ceiling of ``WALL_FACTOR`` times that (see :mod:`symact.sandbox`).  Only the ceiling depends on load,
  and only on a machine ``WALL_FACTOR`` times slower than idle.

``run_with_budget(fn, seconds)`` runs ``fn`` in a daemon worker thread and returns ``(True, result)``, or
``(False, reason)`` once ``seconds`` CPU seconds (or the decision's budget) are spent; a step that waits instead
of computing is given up after ``WALL_FACTOR * seconds + WALL_SLACK`` wall-clock seconds.

A timed-out worker is also *stopped*: left alone it would keep computing in the background and, sharing the
GIL, slow every later decision several-fold (and, here, spend their CPU budget).  An exception is raised inside
it with ``PyThreadState_SetAsyncExc`` (pure-Python SymPy code sees it at its next bytecode).  An exception can
land where Python swallows it (a weakref callback, a ``__del__``), so this is repeated a few times; a worker
that still runs after that (stuck in C code) is abandoned, and dies with the process.
"""
from __future__ import annotations

import contextlib
import ctypes
import math
import threading
import time
from typing import Any, Callable, Iterator

DEFAULT_SECONDS = 5.0
#: a step (or, in symact.sandbox, a decision) that has not ended after WALL_FACTOR * budget + WALL_SLACK
#: wall-clock seconds is stopped even if it has not spent its CPU budget (it waits, or the machine is that busy)
WALL_FACTOR = 10.0
WALL_SLACK = 5.0

_local = threading.local()


def clock() -> float:
    """The budget clock: CPU seconds used by this process (all threads)."""
    return time.process_time()


def deadline() -> float:
    """The :func:`clock` reading at which the decision in progress (in this thread) must end; inf outside one."""
    return getattr(_local, "deadline", math.inf)


def left() -> float:
    """CPU seconds left to the decision in progress (inf outside one)."""
    return deadline() - clock()


@contextlib.contextmanager
def limit(seconds: float) -> Iterator[None]:
    """Run the body as a decision of at most ``seconds`` CPU seconds (never more than an enclosing one)."""
    before = deadline()
    _local.deadline = min(before, clock() + seconds)
    try:
        yield
    finally:
        _local.deadline = before


class _Stop(BaseException):
    """Raised inside a worker whose time is up."""


def _interrupt(thread: threading.Thread) -> bool:
    ident = thread.ident
    if ident is None:
        return False
    done = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Stop))
    if done > 1:  # more than one thread state matched: undo, as the CPython docs prescribe
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
        return False
    return done == 1


def run_with_budget(fn: Callable[[], Any], seconds: float | None = DEFAULT_SECONDS) -> tuple[bool, Any]:
    if seconds is None:
        return True, fn()
    outer = deadline()
    if outer - clock() <= 0:
        return False, "the decision's time budget is spent"
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            _local.deadline = outer
            try:
                box["value"] = fn()
            except _Stop:
                box["stopped"] = True
            except BaseException as exc:  # re-raised in the caller's thread
                box["error"] = exc
        except _Stop:  # a repeated stop that landed in the handlers above
            box["stopped"] = True
        finally:
            box["ended"] = True

    worker = threading.Thread(target=work, daemon=True, name="symact-budget")
    cpu_end = min(clock() + max(seconds, 0.0), outer)
    wall_end = time.monotonic() + WALL_FACTOR * max(seconds, 0.0) + WALL_SLACK
    worker.start()
    while True:
        # the process cannot spend CPU faster than wall time while one thread computes, so waiting ``cpu_left``
        # wall-clock seconds never overshoots by much (the GIL keeps the work to one thread at a time)
        cpu_left, wall_left = cpu_end - clock(), wall_end - time.monotonic()
        if cpu_left <= 0 or wall_left <= 0:
            break
        worker.join(max(min(cpu_left, wall_left), 0.001))
        if not worker.is_alive():
            break
    if worker.is_alive():
        for _ in range(20):
            if "ended" in box or not worker.is_alive() or not _interrupt(worker):
                break
            worker.join(0.05)
        if "ended" in box and worker.is_alive():  # withdraw a stop not yet delivered to a thread that
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), None)  # has ended its work
        if wall_left <= 0 < cpu_left:
            return False, f"the wall-clock ceiling of {WALL_FACTOR * seconds + WALL_SLACK:.3g} s was reached"
        if cpu_end < outer or seconds <= 0:
            return False, f"time budget of {seconds:.3g} s (CPU) exceeded"
        return False, "the decision's time budget is spent"
    if "error" in box:
        raise box["error"]
    if "stopped" in box:
        return False, "stopped"
    return True, box["value"]

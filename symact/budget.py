"""Budgets: how much a decision may compute, counted in CPU seconds, and enforced.

What a budget means (``--budget S`` on the command line, ``budget=`` in the Python API):

* **CPU seconds of the decision, not wall-clock seconds.**  :func:`clock` counts the CPU time (user + system) of
  the threads of the decision: the thread that computes, and the worker threads that :func:`run_with_budget`
  starts from it (and theirs), each from its start until it ends or is abandoned (below).  A busy machine
  therefore delays an answer but does not change it: the same input gets the same verdict on an idle machine
  and under full load, and in a Python session whatever else the session runs meanwhile does not count (a
  worker abandoned by an earlier decision, another thread of the caller).  Where a thread's CPU clock cannot
  be read (no ``time.pthread_getcpuclockid``: macOS, Windows) the process's CPU time stands in.
* **A step's cap counts the step's own work.**  ``run_with_budget(fn, seconds)`` stops ``fn`` once the CPU
  time of its worker thread (and the workers it starts) reaches ``seconds``, whatever other threads do.
* **The decision's budget caps every step inside it.**  :func:`limit` sets it (the worker threads started under
  it inherit it); every :func:`run_with_budget` below it is cut to what is left, so a step with a cap or floor
  of its own (``max(1, ...)`` seconds, a fixed 2 s for one simplification) cannot overrun the whole.
* **Hard limits.**  Work that never passes through here (one long C call, a loop that does not look at the
  clock) is stopped by the child process's limits: a CPU limit a little above the budget, and a child that
  uses no CPU time at all for ``IDLE_FACTOR`` times that (stretched by the load) is stopped too (see
  :mod:`symact.sandbox`).  None of these depends on load: work that computes keeps using CPU time, however
  busy the machine.

``run_with_budget(fn, seconds)`` runs ``fn`` in a daemon worker thread and returns ``(True, result)``, or
``(False, reason)`` once ``seconds`` CPU seconds (or the decision's budget) are spent; a step that waits instead
of computing is given up once its threads have used no CPU time for ``IDLE_FACTOR * seconds + IDLE_SLACK``
wall-clock seconds × max(1, load/CPUs) in a row (:class:`symact.cputime.Stall`: a step that computes is never
judged so, however loaded the machine).

A timed-out worker is also *stopped*: left alone it would keep computing in the background and, sharing the
GIL, slow every later decision several-fold (in wall-clock time: their CPU is theirs).  An exception is
raised inside it with ``PyThreadState_SetAsyncExc`` (pure-Python SymPy code sees it at its next bytecode).  An
exception can land where Python swallows it (a weakref callback, a ``__del__``), so this is repeated a few
times; a worker that still runs after that (stuck in C code) is abandoned, and dies with the process.  What it
used up to then (its cap) is charged to its decision; what it computes afterwards is charged to nothing, so it
cannot shorten a later step or decision, whose verdicts stay those of a fresh process.  The process's CPU time,
the abandoned workers' included, stays bounded by the hard limits of :mod:`symact.sandbox` on the command line.
A forked child (:mod:`symact.sandbox`) goes on counting its one thread on the same timeline.
"""
from __future__ import annotations

import contextlib
import ctypes
import math
import os
import threading
import time
from typing import Any, Callable, Iterator

from symact.cputime import Stall
from symact.sigmask import blocked

DEFAULT_SECONDS = 5.0
#: a step (or, in symact.sandbox, a decision) whose CPU time has not advanced for IDLE_FACTOR * budget +
#: IDLE_SLACK wall-clock seconds × max(1, load/CPUs) in a row is stopped (it waits: asleep or blocked)
IDLE_FACTOR = 10.0
IDLE_SLACK = 5.0

_local = threading.local()
_lock = threading.Lock()
_PER_THREAD = hasattr(time, "pthread_getcpuclockid")


def _cpu(clock_id: int) -> float:
    return time.clock_gettime(clock_id)


class _Account:
    """The CPU seconds used by a group of threads: a thread that computes and the workers started under it.

    A live member is counted by reading its CPU clock (``live``: ident -> [clock id, reading when it joined,
    last reading]); a member that ended or was abandoned is folded into ``settled``.  The account of a step is
    a child of the account it was started in, and every member joins the account chain up to its root."""

    def __init__(self, parent: "_Account | None") -> None:
        self.parent = parent
        self.settled = 0.0
        self.live: dict[int, list[float]] = {}
        self.closed = False   # its worker was abandoned: threads it still starts join nothing
        self.started = time.process_time()

    def chain(self) -> list["_Account"]:
        out, account = [], self
        while account is not None:
            out.append(account)
            account = account.parent
        return out

    def used(self) -> float:
        if not _PER_THREAD:
            return time.process_time() - self.started
        with _lock:
            total = self.settled
            for member in self.live.values():
                try:
                    member[2] = _cpu(int(member[0]))
                except OSError:   # the thread is gone without settling (cannot happen in run_with_budget)
                    pass
                total += member[2] - member[1]
            return total


def _join(account: _Account) -> None:
    """Make the calling thread a member of ``account`` and of the accounts above it (one record, shared)."""
    _local.account = account
    chain = account.chain()
    if not _PER_THREAD or any(a.closed for a in chain):
        return
    clock_id = time.pthread_getcpuclockid(threading.get_ident())
    now = _cpu(clock_id)
    member = [clock_id, now, now]
    with _lock:
        for a in chain:
            a.live[threading.get_ident()] = member


def _settle(account: _Account, ident: int) -> None:
    """Fold what thread ``ident`` used into ``account`` and the accounts above it; it counts no more."""
    with _lock:
        for a in account.chain():
            member = a.live.pop(ident, None)
            if member is not None:
                try:
                    member[2] = _cpu(int(member[0]))
                except OSError:
                    pass
                a.settled += member[2] - member[1]


def _before_fork() -> None:
    account = getattr(_local, "account", None)
    if account is not None:
        account.chain()[-1].used()   # every member's last reading, fresh


def _after_fork_in_child() -> None:
    """The child has only the forking thread, under a new thread id: what the members used up to the fork is
    settled, and the thread counts on from its new clock, on the same timeline (a deadline stays valid)."""
    global _lock
    _lock = threading.Lock()   # a thread that held it is gone
    account = getattr(_local, "account", None)
    if account is None:
        return
    for a in account.chain():
        a.settled += sum(member[2] - member[1] for member in a.live.values())
        a.live.clear()
    _join(account)


if _PER_THREAD:
    os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)


def _account() -> _Account:
    """The calling thread's account; a thread outside any (not a worker) starts its own."""
    account = getattr(_local, "account", None)
    if account is None:
        account = _Account(None)
        _join(account)
    return account


def clock() -> float:
    """The budget clock: CPU seconds used by the threads of the calling thread's decision (see above), a
    reading on a timeline that all of them share."""
    return _account().chain()[-1].used()


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
    step = _Account(_account())

    def work() -> None:
        try:
            _local.deadline = outer
            _join(step)
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
            _settle(step, threading.get_ident())

    worker = threading.Thread(target=work, daemon=True, name="symact-budget")
    with blocked():                    # SIGINT and SIGTERM stay the main thread's (symact.sigmask)
        worker.start()
    try:
        return _wait(worker, box, step, seconds, outer)
    finally:   # an abandoned worker and the workers it started, or a worker whose own settling a late stop
        for ident in list(step.live):   # interrupted, are settled here (nothing is left otherwise)
            _settle(step, ident)


def _wait(worker: threading.Thread, box: dict[str, Any], step: _Account, seconds: float,
          outer: float) -> tuple[bool, Any]:
    cap, root = max(seconds, 0.0), step.chain()[-1]
    stall, idle = Stall(step.used), IDLE_FACTOR * cap + IDLE_SLACK
    while True:
        # the process cannot spend CPU faster than wall time while one thread computes, so waiting ``cpu_left``
        # wall-clock seconds never overshoots by much (the GIL keeps the work to one thread at a time)
        cpu_left = min(cap - step.used(), outer - root.used())
        stalled = stall.stalled(idle)
        if cpu_left <= 0 or stalled:
            break
        worker.join(max(min(cpu_left, stall.left(idle)), 0.001))
        if not worker.is_alive():
            break
    if worker.is_alive():
        for _ in range(20):
            if "ended" in box or not worker.is_alive() or not _interrupt(worker):
                break
            worker.join(0.05)
        if "ended" in box and worker.is_alive():  # withdraw a stop not yet delivered to a thread that
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), None)  # has ended its work
        if worker.is_alive():   # abandoned: what it computes from now on is no decision's (settled by the caller)
            step.closed = True
        if stalled and cpu_left > 0:
            return False, f"it used no CPU time for {idle:.3g} s × max(1, load/CPUs) (asleep or blocked)"
        if cap - step.used() <= outer - root.used() or seconds <= 0:
            return False, f"time budget of {seconds:.3g} s (CPU) exceeded"
        return False, "the decision's time budget is spent"
    if "error" in box:
        raise box["error"]
    if "stopped" in box:
        return False, "stopped"
    return True, box["value"]

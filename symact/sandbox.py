"""Decisions in a child process, so that a crash of the symbolic engine is a reason, never the end of symact.

Some SymPy steps take the interpreter down where Python cannot catch anything: SymPy's heuristic gcd on a
polynomial of degree 2^52 stops the process with SIGFPE inside its integer arithmetic
(``tanh(0.4999999999999999*x) == tanh(x/2)`` did); a deep recursion can overflow the C stack (SIGSEGV); an
allocation can exhaust memory (``MemoryError``, or an abort inside a C library).  :func:`run` runs the work in a
forked child process (cheap after the imports: the pages are shared until written) and turns each of these into
an :class:`Outcome` that is not ``ok`` and says why, so the caller reports ``unknown`` with that reason.

The work is a sequence of ``count`` items (one claim; the properties of one analysis; the claims of ``prove``),
computed in order by ``work(channel, start)`` in the child, which reports each result with
``channel.done(i, value)`` as soon as it has it (the value travels back pickled).  When the child dies at item
``i``, item ``i`` gets the reason and a fresh child continues from ``i + 1``; ``channel.spent`` tells it the CPU
seconds its predecessors used, so a shared budget stays shared.

Limits of the child, the hard limits behind the CPU budgets of :mod:`symact.budget`:

* ``channel.begin(i, seconds)`` announces that items from ``i`` on may use ``seconds`` CPU seconds.  The child
  is then stopped by the kernel once it has used ``seconds + hard_slack(seconds)`` more CPU seconds (SIGPROF from
  a CPU-time interval timer; ``RLIMIT_CPU``, whole seconds, one more, behind it), or what is left of a shared
  budget's hard limit (``begin``'s ``hard``), and by the parent once the child has used no CPU time for
  ``IDLE_FACTOR * (seconds + hard_slack(seconds)) + IDLE_SLACK`` wall-clock seconds × max(1, load/CPUs) in a
  row (a child that waits: asleep or blocked; :class:`symact.cputime.Stall` on its CPU clock, read from
  ``/proc``; where that cannot be read, counted from its last message).  A child that computes is never
  judged so however loaded the machine, so load delays a verdict but does not change it.
* Its address space may grow by ``memory`` bytes (``RLIMIT_AS``; default :data:`MEMORY_BYTES`), so a runaway
  allocation fails in the child (``MemoryError``) instead of swapping the machine; core dumps are off.
* It ignores SIGINT: Ctrl-C is the parent's, which stops the child and reports the interruption.

Where ``os.fork`` does not exist (Windows) the work runs in this process, without these protections.
"""
from __future__ import annotations

import faulthandler
import math
import os
import pickle
import select
import signal
import struct
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

from symact.budget import IDLE_FACTOR, IDLE_SLACK
from symact.cputime import Stall, process_cpu_clock

#: how much the child's address space may grow (half the machine's memory, at most 4 GiB)
MEMORY_BYTES = 4 << 30
#: wall-clock seconds the child may use no CPU time before its first ``begin`` (× max(1, load/CPUs))
_START_SECONDS = 60.0
_HEADER = struct.Struct("!Q")

_SIGNALS = {
    "SIGFPE": "an arithmetic fault (SIGFPE)",
    "SIGSEGV": "a memory fault (SIGSEGV, e.g. a C stack overflow from deep recursion)",
    "SIGBUS": "a bus error (SIGBUS)",
    "SIGABRT": "an abort in C code (SIGABRT, e.g. an allocation that failed)",
    "SIGILL": "an illegal instruction (SIGILL)",
}


def hard_slack(seconds: float) -> float:
    """CPU seconds a decision of ``seconds`` may run past its budget before the kernel stops it."""
    return max(1.0, 0.1 * seconds)


@dataclass
class Outcome:
    """One item's result: ``ok`` and the value, or not ``ok`` and the reason (a sentence fragment)."""

    ok: bool
    value: Any


class Channel:
    """The child's side: report progress and results to the parent."""

    def __init__(self, fd: int | None, spent: float, sink: dict[int, Outcome] | None = None):
        self._fd = fd
        self._sink = sink
        self.spent = spent
        self.current = 0

    def begin(self, index: int, seconds: float, hard: float | None = None) -> None:
        """Items from ``index`` on may use ``seconds`` CPU seconds; the child is stopped once they have used
        ``hard`` (default ``seconds + hard_slack(seconds)``; less for what is left of a budget that earlier
        children shared)."""
        self.current = index
        if self._fd is None:
            return
        hard = seconds + hard_slack(seconds) if hard is None else hard
        # SIGPROF after `hard` CPU seconds of this process (user + system, all threads), to the microsecond;
        # behind it RLIMIT_CPU (SIGXCPU), which counts whole seconds, rounded up so the timer comes first
        signal.setitimer(signal.ITIMER_PROF, max(hard, 1e-3))
        limit = max(1, math.ceil(time.process_time() + hard) + 1)
        try:
            import resource
            _, top = resource.getrlimit(resource.RLIMIT_CPU)
            resource.setrlimit(resource.RLIMIT_CPU, (limit if top == resource.RLIM_INFINITY else min(limit, top), top))
        except (ImportError, ValueError, OSError):
            pass
        self._send(("begin", index, seconds))

    def done(self, index: int, value: Any) -> None:
        self.current = index + 1
        if self._sink is not None:
            self._sink[index] = Outcome(True, value)
            return
        try:
            data = pickle.dumps(("done", index, value))
        except Exception as exc:  # noqa: BLE001 -- an unpicklable result is lost, and says so
            data = pickle.dumps(("lost", index, f"its result could not be passed back ({type(exc).__name__})"))
        self._write(data)

    def _send(self, message: tuple) -> None:
        self._write(pickle.dumps(message))

    def _write(self, data: bytes) -> None:
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            view = view[os.write(self._fd, view):]


class Outcomes(list):
    """The outcomes of :func:`run`, item by item, and ``cpu``: the CPU seconds the work took in all."""

    def __init__(self, items, cpu: float):
        super().__init__(items)
        self.cpu = cpu


def run(work: Callable[[Channel, int], None], count: int, what: Callable[[int], str],
        memory: int | None = None, on_begin: Callable[[int], None] | None = None) -> Outcomes:
    """The outcomes of items ``0 .. count-1`` computed by ``work`` in child processes (see the module text).

    ``what(i)`` describes item ``i`` for the reasons ("deciding the claim", "deciding convex").  Exceptions
    raised by ``work`` come back: ``MemoryError`` and ``RecursionError`` as a failed item, any other one is
    re-raised here (a bug is not a verdict).  ``on_begin(i)`` is called here, in this process, as the child
    starts item ``i`` (a progress line).
    """
    if not hasattr(os, "fork"):
        return _in_process(work, count, what)
    outcomes: dict[int, Outcome] = {}
    spent = 0.0
    start = 0
    while start < count:
        failed, cpu = _one_child(work, start, count, spent, what, memory, outcomes, on_begin)
        spent += cpu
        if failed is None:
            break
        start = failed + 1
    missing = "the child process ended before this item"
    return Outcomes((outcomes.get(i, Outcome(False, missing)) for i in range(count)), spent)


def _in_process(work, count, what) -> Outcomes:
    sink: dict[int, Outcome] = {}
    channel = Channel(None, 0.0, sink)
    started = time.process_time()
    try:
        work(channel, 0)
    except (MemoryError, RecursionError) as exc:
        sink[channel.current] = Outcome(False, _exception_reason(exc, what(channel.current)))
    return Outcomes((sink.get(i, Outcome(False, "not reached")) for i in range(count)),
                    time.process_time() - started)


def _exception_reason(exc: BaseException, what: str) -> str:
    if isinstance(exc, MemoryError):
        return f"the symbolic engine ran out of memory (MemoryError) while {what}"
    return f"the symbolic engine recursed too deeply (RecursionError) while {what}"


def _memory_cap(memory: int | None) -> None:
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory is None:
            memory = min(MEMORY_BYTES, os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2)
        with open("/proc/self/statm", encoding="ascii") as fh:
            mapped = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = mapped + memory
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no resource module: the child runs without a memory cap


def _child(work, start: int, spent: float, memory: int | None, fd: int) -> None:
    """The child's whole life; never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        faulthandler.disable()  # a crash is reported by the parent as a reason, not dumped as a traceback
        _memory_cap(memory)
        channel = Channel(fd, spent)
        channel.current = start
        try:
            work(channel, start)
        except BaseException as exc:  # noqa: BLE001 -- every exception goes back to the parent
            try:
                channel._send(("raise", channel.current, exc))
            except Exception:  # noqa: BLE001 -- unpicklable: send its text
                channel._send(("raise", channel.current, RuntimeError(f"{type(exc).__name__}: {exc}")))
    except BaseException:  # noqa: BLE001 -- the parent is gone (broken pipe): nothing to report to
        code = 1
    finally:
        os._exit(code)


def _one_child(work, start, count, spent, what, memory, outcomes, on_begin=None) -> tuple[int | None, float]:
    """Run one child from item ``start``; (the item it died at or None, the CPU seconds it used)."""
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
        os.close(read_fd)
        _child(work, start, spent, memory, write_fd)
    os.close(write_fd)
    current, stall, idle = start, Stall(process_cpu_clock(pid)), _START_SECONDS
    buffer = bytearray()
    killed = None
    raised = None
    reaped = False
    try:
        while True:
            if stall.stalled(idle):
                killed = f"it used no CPU time for {idle:.3g} s × max(1, load/CPUs) (asleep or blocked)"
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([read_fd], [], [], stall.left(idle))
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            stall.renew()
            buffer += chunk
            while len(buffer) >= _HEADER.size:
                size = _HEADER.unpack_from(buffer)[0]
                if len(buffer) < _HEADER.size + size:
                    break
                kind, index, payload = pickle.loads(bytes(buffer[_HEADER.size:_HEADER.size + size]))
                del buffer[:_HEADER.size + size]
                if kind == "begin":
                    current = index
                    if on_begin is not None:
                        on_begin(index)
                    idle = IDLE_FACTOR * (payload + hard_slack(payload)) + IDLE_SLACK
                elif kind == "done":
                    outcomes[index] = Outcome(True, payload)
                    current = index + 1
                elif kind == "lost":
                    outcomes[index] = Outcome(False, payload)
                    current = index + 1
                else:  # "raise"
                    current, raised = index, payload
        _, status, usage = os.wait4(pid, 0)
        reaped = True
    finally:
        os.close(read_fd)
        if not reaped:  # an interruption (Ctrl-C) or a bug here: the child must not outlive the parent
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    cpu = usage.ru_utime + usage.ru_stime
    if raised is not None:
        if isinstance(raised, (MemoryError, RecursionError)):
            outcomes[current] = Outcome(False, _exception_reason(raised, what(current)))
            return current, cpu
        raise raised
    if current >= count and not killed:
        return None, cpu
    outcomes[current] = Outcome(False, _death_reason(status, killed, what(current)))
    return current, cpu


def _death_reason(status: int, killed: str | None, what: str) -> str:
    if killed:
        return f"the decision was stopped while {what}: {killed}"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        if name in ("SIGXCPU", "SIGPROF"):
            return f"the decision was stopped while {what}: it reached its hard CPU-time limit"
        if name == "SIGKILL":
            return f"the decision process was killed (SIGKILL, perhaps for lack of memory) while {what}"
        return f"the symbolic engine crashed with {_SIGNALS.get(name, name)} while {what}"
    return f"the decision process ended unexpectedly (exit status {os.WEXITSTATUS(status)}) while {what}"

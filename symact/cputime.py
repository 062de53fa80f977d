"""CPU clocks of a thread or a process, the machine's load, and when watched work has *stalled*.

Work is stalled once its CPU clock has not advanced for ``seconds × max(1, load / CPUs)`` wall-clock seconds in
a row (:class:`Stall`), where *load* is the larger of the 1-minute load average and the number of threads
runnable at that moment (``/proc/loadavg``) and *CPUs* the processors this process may run on.  Work that
computes, however loaded the machine, keeps being scheduled, so its clock keeps advancing and it never stalls;
work that sleeps, deadlocks or waits on a lock, a pipe or a process does.  Where the clock cannot be read, the
wait counts from the start (or the last :meth:`Stall.renew`): a wall-clock limit stretched by the load.

Users: the auditor's calls of a target (:mod:`symact.audit.hang`), the steps of a budget
(:func:`symact.budget.run_with_budget`) and the child processes of :mod:`symact.sandbox`.
"""
from __future__ import annotations

import os
import threading
import time
from typing import Callable

Clock = Callable[[], "float | None"]


def thread_cpu_clock(thread: threading.Thread) -> Clock:
    """A function giving the CPU time (seconds) that the started ``thread`` has used; it gives None where the
    clock cannot be read (a platform without per-thread CPU clocks, a thread that has ended)."""
    try:
        clock = time.pthread_getcpuclockid(thread.ident)
    except (AttributeError, OSError, TypeError):
        return lambda: None

    def used() -> float | None:
        try:
            return time.clock_gettime(clock)
        except OSError:
            return None
    return used


def process_cpu_clock(pid: int) -> Clock:
    """A function giving the CPU time (user + system, seconds, to the clock tick) that process ``pid`` (a child
    of this one) has used, all its threads; None where it cannot be read (no ``/proc``, a process reaped)."""
    path = f"/proc/{pid}/stat"
    try:
        tick = os.sysconf("SC_CLK_TCK")
    except (AttributeError, OSError, ValueError):
        return lambda: None

    def used() -> float | None:
        try:
            with open(path, "rb") as f:
                fields = f.read().rpartition(b")")[2].split()   # after the name, which may hold spaces
            return (int(fields[11]) + int(fields[12])) / tick     # utime, stime: fields 14 and 15 of stat
        except (OSError, IndexError, ValueError):
            return None
    return used


def cpus() -> int:
    """The processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def load() -> float:
    """The larger of the 1-minute load average and the threads runnable now (0 where neither can be read)."""
    try:
        with open("/proc/loadavg", "rb") as f:
            fields = f.read().split()
        return max(float(fields[0]), float(fields[3].split(b"/")[0]))
    except (OSError, IndexError, ValueError):
        pass
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def stretch() -> float:
    """max(1, load / CPUs): how many times longer than on a free CPU a thread of this process waits its turn."""
    return max(1.0, load() / cpus())


class Stall:
    """Work watched from now through its CPU clock ``cpu`` (module docs)."""

    def __init__(self, cpu: Clock):
        self.cpu = cpu
        self.first = self.last = cpu()
        self.start = self.active = time.monotonic()

    def used(self) -> float | None:
        """The CPU seconds the work used from the start to the last look (None without a clock)."""
        return None if self.first is None or self.last is None else self.last - self.first

    def renew(self) -> None:
        """The work made progress that the clock may not show (a message): the wait counts from now."""
        self.active = time.monotonic()

    def idle(self) -> float:
        """Look at the clock: the wall-clock seconds since it last advanced (since the start, or the last
        renewal, where it cannot be read)."""
        now, used = time.monotonic(), self.cpu()
        if used is not None and used != self.last:
            self.last, self.active = used, now
        return now - self.active

    def stalled(self, seconds: float) -> bool:
        """Look at the clock: has it not advanced for ``seconds × max(1, load / CPUs)``?"""
        idle = self.idle()
        return idle >= seconds and idle >= seconds * stretch()

    def left(self, seconds: float) -> float:
        """Wall-clock seconds to wait before the next look at the clock that could find the work stalled (as of
        the last look; a tenth of ``seconds`` once it has been idle that long, the load not yet passed)."""
        wait = self.active + seconds - time.monotonic()
        return wait if wait > 0 else seconds / 10

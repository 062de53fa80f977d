"""What counts as a hang: when the auditor stops waiting for a call of the target (README, Audit, "Hangs").

A call with the limit T seconds (``--timeout``, default 10 s; the convention stage's probes 5 s) is *hung* as
soon as one of these holds:

1. **busy**: the thread that calls the target has used T seconds of CPU time since the call began (a loop that
   never ends: T seconds on a free CPU, longer when other processes share it);
2. **stalled**: that thread has used no CPU time for T × max(1, load / CPUs) seconds in a row (a target that
   sleeps, deadlocks, or waits on a lock, a pipe or a process), where *load* is the larger of the 1-minute load
   average and the number of threads runnable at that moment (``/proc/loadavg``) and *CPUs* the processors this
   process may run on;
3. **capped**: the call has lasted :data:`WALL_CAP` × T seconds of wall-clock time, whatever the load.

So a hung call -- busy or asleep -- is reported within ``WALL_CAP × T`` of wall-clock time, and within T on a
machine with a CPU free (load <= CPUs).  No call is judged hung sooner than before this rule (a wall-clock
limit of T): a thread's CPU time never exceeds the wall-clock time of the call.  A correct call, whose thread
computes for less than T seconds of CPU time, keeps being scheduled however loaded the machine is, so neither
rule 1 nor rule 2 can hold for it: load decides its verdict only through rule 3, when it stretches the call
beyond ``WALL_CAP × T``.  Where the thread's CPU clock cannot be read (no ``pthread_getcpuclockid``), rule 1
is off and rule 2 counts from the start of the call: a wall-clock limit of T stretched by the load.  Rule 2 is
:class:`symact.cputime.Stall`, shared with the budgets of symact's own decisions.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from symact.cputime import Stall

#: a call is hung once it has lasted this many times its limit of wall-clock time, whatever the load
WALL_CAP = 10
#: seconds between two looks at a call that has not returned (at most; a tenth of a shorter limit)
POLL_SECONDS = 0.1


class CallWatch:
    """One call of the target, watched from its start (made just before the call is handed to its thread,
    whose CPU time ``cpu`` gives)."""

    def __init__(self, cpu: Callable[[], float | None]):
        self.stall = Stall(cpu)

    def wait(self, done: threading.Event, seconds: float | None) -> str | None:
        """Wait until ``done`` is set (the call returned): None; or until the call is hung under the limit
        ``seconds`` (module docs; None: no limit): why, one clause."""
        if seconds is None:
            done.wait()
            return None
        poll = min(POLL_SECONDS, seconds / 10)
        while not done.wait(poll):
            stalled = self.stall.stalled(seconds)
            used = self.stall.used()
            if used is not None and used >= seconds:
                return f"its thread used {seconds:g} s of CPU time (a busy loop)"
            if stalled:
                return f"its thread used no CPU time for {seconds:g} s × max(1, load/CPUs) (asleep or blocked)"
            if time.monotonic() - self.stall.start >= WALL_CAP * seconds:
                return f"it ran {WALL_CAP} × {seconds:g} s of wall-clock time"
        return None

"""Signals to the auditor told apart by their sender: the user's Ctrl-C or ``kill``, or the target's process.

While the auditor waits for the process that runs the target (:class:`Watch`), its main thread blocks SIGINT
and SIGTERM and takes them with ``signal.sigtimedwait``, which says who sent each (``si_pid``: 0 for the
terminal's Ctrl-C, which the kernel sends, else the sending process).  A signal sent by the target's process,
or by a process it started (a descendant, or one of its session or process group), is recorded in ``sent``: a
failure of the target, which the report names; the audit goes on.  Any other signal is delivered as it would
have been (the mask restored, the signal raised again: Ctrl-C raises ``KeyboardInterrupt``; a SIGTERM left at
its default ends the process, after the target's processes are killed).

Where this cannot be done (not the main thread, a platform without ``sigtimedwait``, a signal whose handler is
``SIG_IGN``) the wait is a plain one and every signal keeps its usual effect.  A signal that another thread of
this process takes has no sender to tell (the command line keeps every other thread from taking them:
:mod:`symact.sigmask`; a program that calls the Python API may have threads that do), and a sender that has ended
and been reaped before it is looked up in /proc cannot be placed: either is the user's.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable

from symact.sigmask import WATCHED

#: seconds between two looks at whether the awaited thing is ready
POLL = 0.05


@dataclass(frozen=True)
class Sent:
    """A signal the target's process (or one it started) sent the auditor."""

    signal: str
    pid: int


def describe(sent: list[Sent]) -> str:
    """Why signals the target sent (``sent``, not empty) fail it: one sentence."""
    pids: dict[str, list[int]] = {}
    for s in sent:
        pids.setdefault(s.signal, []).append(s.pid)
    said = "; ".join(f"{name} from pid {got[0]}" + (f" and {len(set(got)) - 1} other processes" if len(set(got)) > 1
                                                    else "") + (f", {len(got)} times" if len(got) > 1 else "")
                     for name, got in pids.items())
    return (f"the target's process (or one it started) signalled the auditor's process {os.getpid()}: {said}; a "
            f"target must not signal the process that calls it (not taken for the user's Ctrl-C or kill)")


def watched() -> set[int]:
    """The signals :class:`Watch` takes here (none outside the main thread or without ``sigtimedwait``)."""
    if not hasattr(signal, "sigtimedwait") or threading.current_thread() is not threading.main_thread():
        return set()
    return {s for s in WATCHED if signal.getsignal(s) is not signal.SIG_IGN}


def descends(pid: int, roots: set[int]) -> bool:
    """Whether process ``pid`` is one of ``roots``, was started by one (however deep), or is in the session or
    process group one of them leads (Linux's /proc; elsewhere only ``pid`` itself is compared)."""
    seen = 0
    while pid > 1 and seen < 64:
        if pid in roots:
            return True
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            ppid, group, session = int(fields[1]), int(fields[2]), int(fields[3])
        except (OSError, IndexError, ValueError):
            return False
        if group in roots or session in roots:
            return True
        pid, seen = ppid, seen + 1
    return False


class Watch:
    """Waits in the main thread for the target's processes (``pids()``), telling the signals that arrive
    meanwhile apart by their sender (module docs); ``sent`` lists the target's."""

    def __init__(self, pids: Callable[[], Iterable[int]]):
        self.pids = pids
        self.sent: list[Sent] = []

    def take(self) -> list[Sent]:
        """The signals the target sent since the last call (and forget them)."""
        sent, self.sent = self.sent, []
        return sent

    def wait(self, ready: Callable[[float | None], bool], timeout: float | None = None) -> bool:
        """Whether ``ready`` is true within ``timeout`` seconds (None: wait for it); ``ready(s)`` waits up to
        ``s`` seconds (None: for ever) and says whether the awaited thing is ready.  A signal from elsewhere is
        delivered here (Ctrl-C: ``KeyboardInterrupt``)."""
        sigs = watched()
        if not sigs:
            return ready(timeout)
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            done, foreign = self._wait_blocked(sigs, ready, end)
            if foreign is not None:
                self._deliver(foreign)       # Ctrl-C raises here; a handler that returns: go on
            if done or foreign is None:
                return done

    def _wait_blocked(self, sigs: set[int], ready, end: float | None) -> tuple[bool, int | None]:
        """(ready, the first signal from elsewhere or None), waiting with ``sigs`` blocked."""
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
        done, foreign = False, None
        try:
            while foreign is None and not done:
                done = ready(0)
                left = POLL if end is None else min(POLL, end - time.monotonic())
                if done or left <= 0:
                    break
                info = signal.sigtimedwait(sigs, left)
                if info is not None:
                    foreign = self._sorted(info)
            while foreign is None:           # what arrived since the last look is sorted too, not lost
                info = signal.sigtimedwait(sigs, 0)
                if info is None:
                    break
                foreign = self._sorted(info)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        return done, foreign

    def _sorted(self, info) -> int | None:
        """Record a signal of the target's; the number of any other."""
        if info.si_pid > 0 and descends(info.si_pid, set(self.pids())):
            self.sent.append(Sent(signal.Signals(info.si_signo).name, info.si_pid))
            return None
        return info.si_signo

    def _deliver(self, signum: int) -> None:
        """Raise ``signum`` again with its handler in place; before a default action that ends this process,
        the target's processes are killed (none outlives the auditor)."""
        if signal.getsignal(signum) is signal.SIG_DFL:
            for pid in self.pids():
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        signal.raise_signal(signum)

"""SIGINT and SIGTERM belong to the main thread: a thread started inside :func:`blocked` never takes them.

A signal sent to the process goes to one of its threads that does not block it.  Python runs its handlers in the
main thread whichever thread took the signal, but :mod:`symact.audit.senders` can tell who sent a signal only when
the main thread takes it itself (``signal.sigtimedwait``), so every other thread must block these two signals.  A
thread inherits the mask of the thread that starts it: Python threads and native ones alike (OpenBLAS starts its
pool when NumPy is imported), so the command line imports its libraries, and symact starts its threads, inside
:func:`blocked`.
"""
from __future__ import annotations

import signal
from contextlib import contextmanager

#: the signals kept for the main thread
WATCHED = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def blocked():
    """Block :data:`WATCHED` in this thread for the block; threads started in it inherit the mask.  A signal that
    arrives meanwhile stays pending and is delivered when the block ends."""
    sigs = set(WATCHED) if hasattr(signal, "pthread_sigmask") else set()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs) if sigs else None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

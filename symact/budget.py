"""One time-budget helper for every symbolic step that can run away.

``run_with_budget(fn, seconds)`` runs ``fn`` in a daemon worker thread and returns ``(True, result)`` or
``(False, reason)`` when the budget is spent; the caller turns the timeout into an ``unknown`` verdict and never
waits much longer than the budget.

A timed-out worker is also *stopped*: left alone it would keep computing in the background and, sharing the
GIL, slow every later decision several-fold.  An exception is raised inside it with
``PyThreadState_SetAsyncExc`` (pure-Python SymPy code sees it at its next bytecode).  An exception can land where
Python swallows it (a weakref callback, a ``__del__``), so this is repeated a few times; a worker that still
runs after that (stuck in C code) is abandoned, and dies with the process.
"""
from __future__ import annotations

import ctypes
import threading
from typing import Any, Callable

DEFAULT_SECONDS = 5.0


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
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except _Stop:
            box["stopped"] = True
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True, name="symact-budget")
    worker.start()
    worker.join(max(seconds, 0.0))
    if worker.is_alive():
        for _ in range(20):
            if not worker.is_alive() or not _interrupt(worker):
                break
            worker.join(0.05)
        return False, f"time budget of {seconds:.3g} s exceeded"
    if "error" in box:
        raise box["error"]
    if "stopped" in box:
        return False, "stopped"
    return True, box["value"]

"""Run one SymPy step under a time limit and stop it when the limit passes.

:func:`symact.budget.run_with_budget` abandons a timed-out worker thread, which keeps computing in the
background and slows every later decision (the GIL is shared).  Deciders make many small SymPy calls, so
here a timed-out worker is also *stopped*: an exception is raised inside it with
``PyThreadState_SetAsyncExc`` (pure-Python SymPy code sees it at the next bytecode), and the caller waits a
moment for it to unwind.  The result contract is the budget module's: ``(True, value)`` or
``(False, reason)``.
"""
from __future__ import annotations

import ctypes
import threading
from typing import Any, Callable

from symact.budget import run_with_budget


class _Stop(BaseException):
    """Raised inside a worker whose time is up."""


def _interrupt(thread: threading.Thread) -> bool:
    ident = thread.ident
    if ident is None:
        return False
    done = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Stop))
    if done > 1:  # should not happen; undo
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
        return False
    return done == 1


def run_stoppable(fn: Callable[[], Any], seconds: float) -> tuple[bool, Any]:
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except _Stop:
            box["stopped"] = True
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True, name="symact-decide-step")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        # an exception can land where Python swallows it (a weakref callback, a __del__): insist a few times;
        # a worker that still runs after that is abandoned, as with the project's budget helper
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


__all__ = ["run_stoppable", "run_with_budget"]

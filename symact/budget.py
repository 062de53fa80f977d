"""One time-budget helper for every symbolic step that can run away.

``run_with_budget(fn, seconds)`` runs ``fn`` in a daemon worker thread and returns ``(True, result)`` or
``(False, reason)`` when the budget is spent.  A runaway SymPy computation cannot be interrupted from Python,
so on a timeout the worker is abandoned (it is a daemon thread and dies with the process); the caller turns the
timeout into an ``unknown`` verdict and never waits longer than the budget.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

DEFAULT_SECONDS = 5.0


class BudgetExceeded(Exception):
    """Raised by :func:`within_budget` when a step did not finish in time."""


def run_with_budget(fn: Callable[[], Any], seconds: float | None = DEFAULT_SECONDS) -> tuple[bool, Any]:
    if seconds is None:
        return True, fn()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        return False, f"time budget of {seconds:g} s exceeded"
    if "error" in box:
        raise box["error"]
    return True, box["value"]


def within_budget(fn: Callable[[], Any], seconds: float | None = DEFAULT_SECONDS) -> Any:
    """Like :func:`run_with_budget` but raises :class:`BudgetExceeded` on a timeout."""
    finished, value = run_with_budget(fn, seconds)
    if not finished:
        raise BudgetExceeded(value)
    return value

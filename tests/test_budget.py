"""The time-budget helper: results pass through, errors re-raise, runaway steps are stopped."""
import threading
import time

import pytest

from symact.budget import run_with_budget


def test_result_and_errors_pass_through():
    assert run_with_budget(lambda: 6 * 7, 5) == (True, 42)
    with pytest.raises(ZeroDivisionError):
        run_with_budget(lambda: 1 / 0, 5)


def test_a_runaway_step_ends_within_budget_and_is_stopped():
    state = {"iterations": 0}

    def spin():
        while True:
            state["iterations"] += 1

    start = time.perf_counter()
    finished, reason = run_with_budget(spin, 0.2)
    assert not finished and "time budget" in reason
    assert time.perf_counter() - start < 3
    time.sleep(0.2)
    before = state["iterations"]
    time.sleep(0.2)
    assert state["iterations"] == before  # the worker no longer runs
    assert not any(t.name == "symact-budget" and t.is_alive() for t in threading.enumerate())

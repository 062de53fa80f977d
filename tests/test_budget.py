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


def test_the_budget_counts_cpu_time_not_waiting():
    # a step that waits uses no CPU, so a 0.1 s budget does not stop a 0.3 s sleep (the wall-clock ceiling is
    # WALL_FACTOR * 0.1 + WALL_SLACK seconds)
    assert run_with_budget(lambda: time.sleep(0.3) or "woke", 0.1) == (True, "woke")


def test_a_step_that_waits_forever_meets_the_wall_clock_ceiling():
    from symact import budget

    start = time.perf_counter()
    finished, reason = run_with_budget(lambda: threading.Event().wait(), 0.1)
    seconds = time.perf_counter() - start
    assert not finished and "wall-clock ceiling" in reason
    ceiling = budget.WALL_FACTOR * 0.1 + budget.WALL_SLACK
    assert ceiling <= seconds < ceiling + 3


def test_the_decision_budget_caps_every_step_inside_it():
    from symact.budget import clock, left, limit

    def spin():
        while True:
            pass

    start = clock()
    with limit(0.3):
        assert 0 < left() <= 0.3
        # the step asks for 30 s, the decision has 0.3 s: the step ends with the decision's budget
        finished, reason = run_with_budget(spin, 30)
        assert not finished and "decision's time budget" in reason
        # a step that starts after the budget is spent does not run at all
        ran = []
        assert run_with_budget(lambda: ran.append(1), 30) == (False, "the decision's time budget is spent")
        assert ran == []
    assert clock() - start < 1.5
    assert left() == float("inf")


def test_worker_threads_inherit_the_decision_budget_and_contexts_respect_it():
    import sympy as sp

    from symact.budget import left, limit
    from symact.decide.context import Context

    with limit(2.0):
        finished, inside = run_with_budget(left, 5)
        assert finished and 0 < inside <= 2.0
        ctx = Context.start(sp.Symbol("x"), 60.0)   # asks for 60 s inside a 2 s decision
        assert 0 < ctx.remaining() <= 2.0

"""The command line's decisions, each run in a child process (:mod:`symact.sandbox`) under a hard budget.

A crash of the symbolic engine (SIGFPE, SIGSEGV, an abort), ``MemoryError``, ``RecursionError``, or a decision
that overruns its hard limits becomes an ``unknown`` verdict whose reason says so; the other verdicts are
exactly those of the same decision run in this process.

* :func:`verdict` — one claim (``symact check``).
* :func:`analyze` — every property of one activation (``symact analyze``, each row of ``symact table``); the
  properties come back one by one, so a crash loses only the property being decided, and the rest of the
  analysis continues in a fresh child with what is left of the budget.
* :func:`claims` — the claims of ``symact prove``, in one child (each under its own budget).
"""
from __future__ import annotations

import time
from typing import Any, Mapping, Sequence

from symact import sandbox
from symact.budget import limit
from symact.verdict import Verdict


def verdict(claim: Any, budget: float, statement: str, latex: str = "") -> Verdict:
    """The kernel's verdict on the parsed ``claim`` (:func:`symact.decide.checked.check_claim`), decided in a child
    process within ``budget`` CPU seconds.  The engine is loaded here, before the child starts, as
    :func:`analyze` loads its own: loading code is no part of a decision (it took 0.35 s of CPU, a large and
    load-dependent share of a small budget, so that a claim proved on an idle machine ended unknown under load)."""
    from symact.decide.checked import check_claim

    def work(channel: sandbox.Channel, start: int) -> None:
        channel.begin(0, budget)
        with limit(budget):
            channel.done(0, check_claim(claim, budget))

    started = time.perf_counter()
    [out] = sandbox.run(work, 1, lambda i: "deciding the claim")
    if out.ok:
        return out.value
    return Verdict("unknown", statement, latex, method="none", seconds=time.perf_counter() - started,
                   reason=out.value)


def analyze(target: Any, params: Mapping[str, Any] | None = None, budget: float = 60.0, progress: Any = None):
    """:func:`symact.properties.analyze` in child processes, within ``budget`` CPU seconds in all; ``progress``
    (a :class:`symact.progress.Progress`, drawn by this process) shows the property being decided."""
    from symact.properties import KEYS, PROPERTIES, checked_report, subject

    subj = subject(target, params)  # bad names and parameters are reported here, before any child starts

    def work(channel: sandbox.Channel, start: int) -> None:
        from symact.properties import analyze as analyze_here

        left = max(budget - channel.spent, 0.0)
        hard = budget + sandbox.hard_slack(budget) - channel.spent   # the hard limit is the whole analysis's
        channel.begin(start, left, hard)
        if hard <= 0 or left <= 0:   # an earlier child spent it all
            for i in range(start, len(KEYS)):
                channel.done(i, Verdict("unknown", PROPERTIES[KEYS[i]].statement(subj), method="none",
                                        reason="the analysis budget was spent before this property"))
            return
        analyze_here(target, params, budget=left, keys=KEYS[start:], kernel_checked=False,
                     on_verdict=lambda key, v: channel.done(KEYS.index(key), v))

    def shown(i: int) -> None:
        if progress is not None:
            progress.update(f"{subj.name}: {KEYS[i]}", i, len(KEYS))

    started = time.perf_counter()
    outcomes = sandbox.run(work, len(KEYS), lambda i: f"deciding {KEYS[i]}", on_begin=shown)
    verdicts = {key: out.value if out.ok else
                Verdict("unknown", PROPERTIES[key].statement(subj), method="none", reason=out.value)
                for key, out in zip(KEYS, outcomes)}
    left = max(budget - outcomes.cpu, 0.0)   # the kernel's checks share the budget
    return checked_report(subj, verdicts, time.perf_counter() - started, left)


def claims(todo: Sequence[Any], progress: Any = None) -> list[Verdict]:
    """The verdicts of the :class:`symact.claims.Claim` objects ``todo`` (each within its own budget);
    ``progress`` (drawn by this process) shows the claim being settled."""
    def work(channel: sandbox.Channel, start: int) -> None:
        for i in range(start, len(todo)):
            channel.begin(i, todo[i].budget)
            with limit(todo[i].budget):
                channel.done(i, todo[i].run())

    def shown(i: int) -> None:
        if progress is not None:
            progress.update(f"claim {i + 1}/{len(todo)}: {todo[i].id}", i, len(todo))

    outcomes = sandbox.run(work, len(todo), lambda i: f"settling {todo[i].id}", on_begin=shown)
    return [out.value if out.ok else
            Verdict("unknown", c.statement, c.latex, method="none", reason=out.value)
            for c, out in zip(todo, outcomes)]

"""The soundness suite's session: run the selected claims through ``symact check`` once, report the totals.

The verdicts are computed by one session fixture for every selected ``test_verdict`` case (``-k`` selects fewer),
in a pool of worker processes (soundness_runner.py), and the summary line

    soundness: N cases, P proved, R refuted, U unknown, W wrong (K listed in known_wrong.txt), C no verdict; T s

is printed in pytest's terminal summary (tests/conftest.py ``summary``: also under pytest-xdist), with the wrong
and unknown verdicts by class.
The claims run interleaved by class, so that an interrupted run has seen every class.
Environment: SYMACT_SOUNDNESS_BUDGET (--budget per claim, default 3 s), SYMACT_SOUNDNESS_HARD_LIMIT (seconds after
which a claim without an answer is a failure, default 10 x budget), SYMACT_SOUNDNESS_JOBS (workers, default the
number of CPUs up to 4),
SYMACT_SOUNDNESS_LOG (a file that receives each verdict as a JSON line as soon as it is known),
SYMACT_SOUNDNESS_ANALYZE_BUDGET (--budget of each held-out ``analyze``, default 10 s).
"""
from __future__ import annotations

import collections
import itertools
import os
import time

import pytest

from soundness_cases import known_wrong
from soundness_runner import domain_syntax_parses, run_claims

BUDGET = float(os.environ.get("SYMACT_SOUNDNESS_BUDGET", "3"))
JOBS = int(os.environ.get("SYMACT_SOUNDNESS_JOBS", min(4, os.cpu_count() or 2)))
#: a claim that has not answered after this many seconds is a failure (budgets are hard limits, issue 11)
HARD_LIMIT = float(os.environ.get("SYMACT_SOUNDNESS_HARD_LIMIT", 10 * BUDGET))
VERDICTS = ("proved", "refuted", "unknown")
#: --budget of each held-out ``analyze`` (SYMACT_SOUNDNESS_ANALYZE_BUDGET, default 10 s)
ANALYZE_BUDGET = float(os.environ.get("SYMACT_SOUNDNESS_ANALYZE_BUDGET", "10"))


def wrong(case, answer: dict) -> bool:
    """A verdict that contradicts the ground truth."""
    return answer["status"] == ("refuted" if case.truth else "proved")


@pytest.fixture(scope="session")
def verdicts(request, summary) -> dict:
    tests = ("test_verdict", "test_verdict_with_domain") if domain_syntax_parses() else ("test_verdict",)
    selected = [item.callspec.params["case"] for item in request.session.items
                if getattr(item, "originalname", "") in tests and hasattr(item, "callspec")]
    by_class = collections.defaultdict(list)
    for c in selected:
        by_class[c.cls].append(c)
    order = [c for group in itertools.zip_longest(*by_class.values()) for c in group if c is not None]
    start = time.monotonic()
    answers = run_claims([(c.id, {"claim": c.claim, "verify": True} if c.verify else c.claim) for c in order],
                         budget=BUDGET, jobs=JOBS, hard_limit=HARD_LIMIT,
                         log_path=os.environ.get("SYMACT_SOUNDNESS_LOG"))
    for line in summary_lines({c.id: c for c in selected}, answers, time.monotonic() - start):
        summary("soundness suite", line)
    return answers


@pytest.fixture(scope="session")
def analyses(request) -> dict:
    """``symact analyze --json`` of every selected held-out analysis case (soundness_heldout.ANALYZE_CASES), each
    decided property's certificate re-checked by the kernel's verifier."""
    selected = [item.callspec.params["case"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_analysis_verdict" and hasattr(item, "callspec")]
    return run_claims([(c.id, {"analyze": [c.expr, *c.params], "verify": True, "budget": ANALYZE_BUDGET})
                       for c in selected], budget=ANALYZE_BUDGET, jobs=JOBS, hard_limit=10 * ANALYZE_BUDGET + 30,
                      log_path=os.environ.get("SYMACT_SOUNDNESS_LOG"))


def summary_lines(cases: dict, answers: dict, seconds: float) -> list[str]:
    """The soundness suite's terminal summary: the totals, the totals by class, each wrong or missing verdict."""
    count = collections.Counter(a["status"] for a in answers.values())
    bad = [cid for cid, a in answers.items() if wrong(cases[cid], a)]
    none = [cid for cid, a in answers.items() if a["status"] not in VERDICTS]
    lines = [f"soundness: {len(answers)} cases, {count['proved']} proved, {count['refuted']} refuted, "
             f"{count['unknown']} unknown ({100 * count['unknown'] / max(1, len(answers)):.0f}%), {len(bad)} wrong "
             f"({sum(c in known_wrong() for c in bad)} listed in known_wrong.txt), {len(none)} no verdict "
             f"(crash/timeout/error); {seconds:.0f} s with budget {BUDGET:g} s and {JOBS} workers"]
    by_class = collections.defaultdict(collections.Counter)
    for cid, a in answers.items():
        by_class[cases[cid].cls][a["status"] if a["status"] in VERDICTS else "no verdict"] += 1
        by_class[cases[cid].cls]["wrong"] += cid in bad
    for cls, c in sorted(by_class.items()):
        lines.append(f"  {cls:14s} {sum(c[s] for s in (*VERDICTS, 'no verdict')):4d} cases: {c['proved']} proved, "
                     f"{c['refuted']} refuted, {c['unknown']} unknown, {c['wrong']} wrong, {c['no verdict']} no "
                     f"verdict")
    for cid in sorted(bad + none):
        a = answers[cid]
        lines.append(f"  {a['status'].upper():10s} {cid}: {cases[cid].claim}  (truth: {cases[cid].truth}) "
                     f"{a['detail']}")
    return lines

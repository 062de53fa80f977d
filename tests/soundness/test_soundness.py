"""The adversarial soundness suite of issue 11: `symact check` must never contradict the truth.

Two tests per case (the cases and their reasoning are in soundness_cases.py):

* ``test_ground_truth``: the truth is right, checked with mpmath (soundness_mp.py), independently of symact:
  a false claim fails at its witness (or a side is undefined there), a true claim holds on a dense grid and at
  its critical points, each point decided at a precision that separates it (soundness_mp.decide);
  ``test_the_ground_truth_check_can_fail``: with its truth label flipped, every case fails that check.
* ``test_verdict``: ``symact check`` (the CLI, in a worker process, so that a crash of the interpreter is a failed
  case and not a dead pytest) says ``proved`` only of true claims and ``refuted`` only of false ones, and always
  gives a verdict.  ``unknown`` is allowed; the terminal summary counts it (conftest.py).  The held-out cases
  (soundness_heldout.py) also need the kernel's verifier to accept the certificate of each proved/refuted verdict.
* ``test_analysis_ground_truth`` / ``test_analysis_verdict``: the held-out ``symact analyze --expr`` cases, each
  property's truth checked with mpmath, then every decided property of the real analysis against it.

Cases listed in known_wrong.txt are wrong today and marked xfail(strict=True), so a fixed one must be removed
(timeouts are xfail(strict=False): whether a runaway answers within the hard limit depends on the machine).
"""
from __future__ import annotations

import mpmath
import pytest

import soundness_mp as M
from soundness_cases import CLASSES, all_cases, domain_syntax_cases, known_wrong
from soundness_flip import accepted
from soundness_heldout import analyze_cases, check_analysis, check_analysis_truth
from soundness_mp import check_case
from soundness_runner import domain_syntax_parses

CASES = all_cases()
WITH_DOMAIN = domain_syntax_cases()
KNOWN_WRONG = known_wrong()
ANALYSES = analyze_cases()


def _params(cases):
    """Cases known to be wrong today are xfail, strict (a fixed case must leave known_wrong.txt) except timeouts,
    whose outcome depends on the machine's speed."""
    return [pytest.param(c, id=c.id, marks=[pytest.mark.xfail(
        strict=not KNOWN_WRONG[c.id].startswith("timeout"),
        reason=f"wrong verdict today: {KNOWN_WRONG[c.id]} (issue 11 kernel)")] if c.id in KNOWN_WRONG else [])
        for c in cases]


def test_the_suite_is_large_and_covers_every_class():
    assert len(CASES) >= 300
    assert len({c.id for c in CASES + WITH_DOMAIN}) == len(CASES) + len(WITH_DOMAIN)
    per_class = {cls: [c for c in CASES if c.cls == cls] for cls in CLASSES}
    for cls, cases in per_class.items():
        assert len(cases) >= 20, cls
        assert any(c.truth for c in cases) and any(not c.truth for c in cases), cls


def test_known_wrong_names_real_cases():
    ids = {c.id for c in CASES + WITH_DOMAIN}
    assert not set(KNOWN_WRONG) - ids, "known_wrong.txt lists cases that do not exist"


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "silu", "gelu", "mish"])
def test_hand_written_derivatives_match_mpmath(name):
    f, d = getattr(M, name), getattr(M, f"d_{name}")
    with mpmath.mp.workdps(40):
        for x in ("-7.5", "-1.25", "-0.1", "0.3", "1", "2.5", "9"):
            assert abs(d(mpmath.mpf(x)) - mpmath.diff(f, mpmath.mpf(x))) < mpmath.mpf(10) ** -30


@pytest.mark.parametrize("name, breaks", [
    ("relu", ("0",)), ("leaky_relu", ("0",)), ("selu", ("0",)), ("hardtanh", ("-1", "1")), ("relu6", ("0", "6")),
    ("hardsigmoid", ("-3", "3")), ("hardswish", ("-3", "3")), ("softshrink", ("-0.5", "0.5")),
    ("hardshrink", ("-0.5", "0.5")), ("elu", ()), ("celu", ())])
def test_hand_written_piecewise_derivatives(name, breaks):
    """Away from the breaks they match mpmath's derivative; at each break they are undefined (one-sided
    derivatives differ, or the function jumps); elu is C1 for alpha = 1 only, celu for every alpha."""
    f, d = getattr(M, name), getattr(M, f"d_{name}")
    with mpmath.mp.workdps(40):
        for x in ("-7.5", "-2.25", "-0.2", "0.3", "2", "4.5", "9"):
            assert abs(d(mpmath.mpf(x)) - mpmath.diff(f, mpmath.mpf(x))) < mpmath.mpf(10) ** -30, x
        for b in breaks:
            with pytest.raises(M.Undefined):
                d(mpmath.mpf(b))
        if name == "elu":  # C1 only for alpha = 1
            assert d(mpmath.mpf(0)) == 1
            with pytest.raises(M.Undefined):
                d(mpmath.mpf(0), "1.000000000001")
        if name == "celu":  # C1 for every alpha
            assert d(mpmath.mpf(0)) == d(mpmath.mpf(0), "2") == 1


@pytest.mark.parametrize("case", CASES + WITH_DOMAIN, ids=lambda c: c.id)
def test_the_ground_truth_check_can_fail(case):
    """The checker is not vacuous: with its truth label flipped (soundness_flip.py), every case fails the
    ground-truth check."""
    assert accepted(case) is None, f"{case.id}: the checker accepts the case with its truth label flipped"


@pytest.mark.parametrize("case", CASES + WITH_DOMAIN, ids=lambda c: c.id)
def test_ground_truth(case):
    check_case(case)


def _judge(case, answer):
    assert answer["status"] in ("proved", "refuted", "unknown"), (
        f"no verdict ({answer['status']}, exit {answer['exit']}) on {case.claim!r}: {answer['detail']}")
    if case.verify and answer["status"] != "unknown":
        assert answer.get("verified") == 0, (
            f"the certificate of {answer['status']} {case.claim!r} is not accepted by the kernel's verifier: "
            f"{answer.get('verify_detail')}")
    if answer["status"] == "proved":
        assert case.truth, f"PROVED a false claim: {case.claim!r}; witness x = {case.witness}: {case.why}"
    if answer["status"] == "refuted":
        assert not case.truth, f"REFUTED a true claim: {case.claim!r}; {case.why}"


@pytest.mark.parametrize("case", _params(CASES))
def test_verdict(case, verdicts):
    _judge(case, verdicts[case.id])


@pytest.mark.parametrize("case", _params(WITH_DOMAIN))
def test_verdict_with_domain(case, verdicts):
    if not domain_syntax_parses():
        pytest.skip("symact does not parse 'CLAIM for x > 0' yet")
    _judge(case, verdicts[case.id])


@pytest.mark.parametrize("case", ANALYSES, ids=lambda c: c.id)
def test_analysis_ground_truth(case):
    check_analysis_truth(case)


@pytest.mark.parametrize("case", ANALYSES, ids=lambda c: c.id)
def test_analysis_verdict(case, analyses):
    """``symact analyze`` proves or refutes only what is true of f (soundness_heldout.check_analysis), always
    answers, and the kernel's verifier accepts every decided property's certificate."""
    answer = analyses[case.id]
    assert answer["status"] == "analyzed", (f"no analysis ({answer['status']}, exit {answer['exit']}) of "
                                            f"{case.expr!r}: {answer['detail']}")
    wrong = check_analysis(case, answer["properties"])
    rejected = [f"{name}: {p.get('verify_detail')}" for name, p in answer["properties"].items()
                if p.get("verified") not in (None, 0)]
    assert not wrong, f"WRONG properties of {case.expr} {case.params}: {wrong} ({case.why})"
    assert not rejected, f"certificates rejected by the verifier: {rejected}"

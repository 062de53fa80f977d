"""Statements about every convex function and every norm (rule derivation, symact.kernel.axioms): the kernel
accepts the derivations of proofs/convexity.py and rejects corrupted ones; malformed statements are one-line
user errors."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from symact.axioms import AxiomClaim
from symact.cli import main
from symact.decide.checked import check_claim
from symact.errors import ExpressionError
from symact.kernel import FORMAT, Rejected, check
from symact.parsing import parse_claim

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from convexity import NORM_CONVEX, PERSPECTIVE  # noqa: E402

T = "(l*t1 + (1 - l)*t2)"


def cert_of(text: str) -> dict:
    c = parse_claim(text)
    assert isinstance(c, AxiomClaim)
    return {"format": FORMAT, "claim": c.data, "verdict": "proved", "proof": c.proof}


def test_the_two_derivations_are_kernel_checked():
    for text in (PERSPECTIVE, NORM_CONVEX):
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and v.method == "kernel-checked proof", v.reason
        verdict, steps = check(cert_of(text))
        assert verdict == "proved" and "rule compose" in steps[-1]


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


CORRUPTED_TEXTS = [
    # a wrong substitution: the weights no longer sum to 1 (side condition l + m == 1)
    _with(PERSPECTIVE, f"l=l*t1/{T}", "l=l*t1"),
    # a wrong point of the chord: the argument is not x/t
    _with(PERSPECTIVE, "a=x1/t1", "a=x1/t2"),
    # a dropped hypothesis: t2 > 0 is needed for the denominators
    _with(PERSPECTIVE, " t2 > 0,", ""),
    # a dropped hypothesis: l <= 1 is needed for m = (1 - l) t2/t >= 0 (side condition)
    _with(PERSPECTIVE, "0 <= l <= 1", "0 <= l"),
    # the multiplier of the chord made negative
    _with(PERSPECTIVE, f"from {T}*f.chord", f"from -{T}*f.chord"),
    # a swapped relation of the statement and of a link
    _with(PERSPECTIVE, "<= l*(t1*f(x1/t1))", ">= l*(t1*f(x1/t1))"),
    _with(PERSPECTIVE, f"by <= {T}", f"by >= {T}"),
    _with(PERSPECTIVE, f"by <= {T}", f"by == {T}"),
    # an 'algebra' step that is not an identity
    _with(PERSPECTIVE, "== l*(t1*f(x1/t1)) + (1 - l)*(t2*f(x2/t2)) from algebra",
          "== l*(t1*f(x1/t1)) + (1 - l)*(t1*f(x2/t2)) from algebra"),
    # a dropped instance
    _with(NORM_CONVEX, " + N.homogeneity(c=1 - l, u=v)", ""),
    # |c| = c without c >= 0 (the hypothesis l <= 1 dropped)
    _with(NORM_CONVEX, "whenever 0 <= l <= 1", "whenever 0 <= l"),
    # the chain does not end at the right side
    _with(NORM_CONVEX, "<= l*N(u) + (1 - l)*N(v) whenever", "<= l*N(u) + (1 - l)*N(u) whenever"),
    # an inequality instance in an equality step
    _with(NORM_CONVEX, "by <= N(l*u)", "by == N(l*u)"),
    # no derivation at all
    NORM_CONVEX.partition(" by ")[0],
]


@pytest.mark.parametrize("text", CORRUPTED_TEXTS)
def test_corrupted_derivations_are_not_proved(text):
    claim = parse_claim(text)
    assert check_claim(claim, 1.0).status == "unknown"
    if claim.proof is not None:
        with pytest.raises(Rejected):
            check(cert_of(text))


def test_corrupted_certificates_are_rejected():
    good = cert_of(PERSPECTIVE)
    corruptions = []
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["by"][0]["subst"].pop("m")  # a placeholder left out
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["by"][0]["axiom"] = "triangle"  # an axiom of another kind of function
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["hypotheses"][0][0] = "=="  # a hypothesis that is no inequality
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["functions"]["f"] = "norm"  # f is not a norm
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"].update({"var": "x", "integral": ["x"], "lo": "0", "hi": "1", "rel": "==", "rhs": ["num", "5"]})  # a false integral claim beside it: one kind only
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["symbols"]["t1"] = "vector"  # a division by a vector
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["term"] = ["pow", ["sym", "t1"], 2]  # an unknown term
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["by"][0]["times"] = ["num", "1e999999999"]  # a number that is no p/q (and huge)
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["verdict"] = "refuted"
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["hypotheses"].append(["<", ["num", "0"], ["div", ["num", "1"], ["sym", "l"]]])
    corruptions.append(c)  # a division in a hypothesis
    for bad in corruptions:
        with pytest.raises(Rejected):
            check(bad)


def test_the_sign_rule_needs_weights_that_sum_to_a_positive_constant():
    # t = l t1 + (1 - l) t2 > 0 needs 0 <= l <= 1; with l >= 0 only, m = l t2 and l + m != 1
    base = ("forall vectors x, scalars t1, t2, l, norm N: N(x/(l*t1 + l*t2)) == N(x/(l*t1 + l*t2)) "
            "whenever t1 > 0, t2 > 0, 0 <= l <= 1 by == N(x/(l*t1 + l*t2)) from algebra")
    assert check_claim(parse_claim(base), 1.0).status == "unknown"
    good = base.replace("l*t1 + l*t2", "l*t1 + (1 - l)*t2")
    assert check_claim(parse_claim(good), 1.0).status == "proved"


@pytest.mark.parametrize("text", [
    "forall vectors u, norm N: N(u) <= N(u) by <= N(u*u) from algebra",
    "forall scalars a, convex f: f(a) <= f(a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from f.nope(a=a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from f.chord(a=a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from g.chord(a=a)",
    "forall vectors a, convex f: f(a) <= f(a) by f(a)",
    "forall vectors a, convex f: f(a) <= f(a) whenever a by <= f(a)",
    "forall vectors a, convex f: f(a) < f(a) by <= f(a)",
    "forall vectors a, convex f, norm f: f(a) <= f(a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from 2*3",
    "forall vectors a, convex f: f(a) <= f(a)**2",
])
def test_malformed_statements_are_one_line_errors(text):
    with pytest.raises(ExpressionError) as info:
        parse_claim(text)
    assert "\n" not in str(info.value)


def test_cli_checks_the_statement_and_rejects_bad_input_with_exit_2(capsys):
    assert main(["check", NORM_CONVEX]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PROVED") and "rule compose" in out
    assert main(["check", "forall vectors a, convex f: f(a) <= f(a)**2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err

"""The kernel's rule ``branches`` (symact/kernel/branches.py): a claim about a Piecewise whose conditions
certainly cover the piece, from the claim for each branch value; every corruption of its side conditions is
rejected, by ``check`` and by ``symact verify``; and the search finds it where a condition changes at an
irrational point."""
from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

R = ["-oo", "oo", False, False]
X = ["x"]
SIN = ["fn", "sin", X]
X2 = ["pow", X, "2"]


def num(q):
    return ["num", q]


def pw(*branches):
    return ["pw", *[[v, c] for v, c in branches]]


def proof(lhs, node, rel=">=", rhs=None):
    return {"format": "symact-kernel/1", "verdict": "proved", "proof": [node],
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs or num("1"), "domain": [R]}}


EVAL2 = {"rule": "branches", "by": [{"rule": "eval"}, {"rule": "eval"}]}
# Piecewise((1, sin x > 0), (2, sin x <= 0)) >= 1: a branch at every x (the conditions are complementary), each
# value >= 1; and Piecewise((1, x^2 <= 2), (2, x^2 > 1.9999999999999999999)): every real x^2 is <= 2 or > 1.99..
COMPLEMENT = pw((num("1"), ["rel", ">", SIN, num("0")]), (num("2"), ["rel", "<=", SIN, num("0")]))
OVERLAP = pw((num("1"), ["rel", "<=", X2, num("2")]),
             (num("2"), ["rel", ">", X2, num("19999999999999999999/10000000000000000000")]))


def test_covering_conditions_and_each_branch():
    for lhs in (COMPLEMENT, OVERLAP):
        verdict, steps = check(proof(lhs, EVAL2))
        assert verdict == "proved" and any("some condition" in s for s in steps)
    # a right side with x: Piecewise(...) >= sin(x)^2, as 1 - sin(x)^2 >= 0 and 2 - sin(x)^2 >= 0
    assert check(proof(COMPLEMENT, EVAL2, rhs=["pow", SIN, "2"]))[0] == "proved"
    # sin x == 0 / sin x != 0: every real x satisfies one (the relations are each other's negation)
    assert check(proof(pw((num("1"), ["rel", "==", SIN, num("0")]), (num("2"), ["rel", "!=", SIN, num("0")])),
                       EVAL2))[0] == "proved"
    # the last condition True covers everything
    assert check(proof(pw((num("1"), ["rel", ">", SIN, num("0")]), (num("3"), ["true"])), EVAL2))[0] == "proved"


@pytest.mark.parametrize("lhs, why", [
    # sin x > 0 / sin x < 0: no branch at x = pi k (Piecewise undefined there)
    (pw((num("1"), ["rel", ">", SIN, num("0")]), (num("2"), ["rel", "<", SIN, num("0")])), "a gap at sin x = 0"),
    # x^2 < 2 / x^2 > 2: a gap at sqrt 2
    (pw((num("1"), ["rel", "<", X2, num("2")]), (num("2"), ["rel", ">", X2, num("2")])), "a gap at x^2 = 2"),
    # sin x == 0 / sin x == 1: both false where sin x = 1/2
    (pw((num("1"), ["rel", "==", SIN, num("0")]), (num("2"), ["rel", "==", SIN, num("1")])), "equal, not negated"),
    # x^2 <= 2 / x^2 > 2.0000001: a gap
    (pw((num("1"), ["rel", "<=", X2, num("2")]), (num("2"), ["rel", ">", X2, num("20000001/10000000")])), "a gap"),
    # different terms compared
    (pw((num("1"), ["rel", ">", SIN, num("0")]), (num("2"), ["rel", "<=", ["fn", "cos", X], num("0")])), "other term"),
    # a condition undefined on part of R: log x > 0 / log x <= 0 (both false for x <= 0)
    (pw((num("1"), ["rel", ">", ["fn", "log", X], num("0")]), (num("2"), ["rel", "<=", ["fn", "log", X], num("0")])),
     "log x undefined for x <= 0"),
    # a branch value that fails the claim: 0 >= 1
    (pw((num("0"), ["rel", ">", SIN, num("0")]), (num("2"), ["rel", "<=", SIN, num("0")])), "a branch fails"),
    # not a Piecewise
    (SIN, "no Piecewise"),
])
def test_corruptions_are_rejected(lhs, why):
    with pytest.raises(Rejected):
        check(proof(lhs, EVAL2))


def test_malformed_nodes_are_rejected():
    for node in ({"rule": "branches", "by": [{"rule": "eval"}]}, {"rule": "branches"},
                 {"rule": "branches", "by": [{"rule": "eval"}, None]}):
        with pytest.raises(Rejected):
            check(proof(COMPLEMENT, node))


def test_symact_verify_rejects_a_gap(tmp_path):
    path = tmp_path / "c.json"
    cert = proof(COMPLEMENT, EVAL2)
    path.write_text(json.dumps(cert))
    ok = subprocess.run([sys.executable, "-m", "symact", "verify", str(path)], capture_output=True, text=True,
                        timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = copy.deepcopy(cert)
    bad["claim"]["lhs"][2][1][1] = "<"  # sin x <= 0 becomes sin x < 0: no branch at pi k
    path.write_text(json.dumps(bad))
    res = subprocess.run([sys.executable, "-m", "symact", "verify", str(path)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 1 and res.stdout.startswith("REJECTED"), res.stdout + res.stderr


@pytest.mark.parametrize("text, want", [
    ("Piecewise((1, sin(x) > 0), (2, sin(x) <= 0)) >= 1", "proved"),
    ("Piecewise((1, x**2 <= 2), (2, x**2 > 1.9999999999999999999)) >= 1", "proved"),
    ("Piecewise((1, sin(x) > 0), (2, sin(x) < 0)) >= 1", "refuted"),    # undefined at x = 0
    ("Piecewise((1, sin(x) > 0), (2, sin(x) <= 0)) > 1", "refuted"),    # 1 at x = 1
])
def test_the_search(text, want):
    """Ground truth by hand: the first two have a branch at every x with values 1 and 2; sin(0) = 0 meets
    neither condition of the third; the fourth is 1 at x = 1 (sin 1 > 0)."""
    v = check_claim(parse_claim(text), 10.0)
    assert v.status == want, v.reason
    assert check(v.certificate.data)[0] == want

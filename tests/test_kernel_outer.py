"""The kernel's rule ``outer`` (symact/kernel/outer.py): f(u) - f(v) REL 0 from u - v REL 0 for a strictly
monotone f (the converse relation for a decreasing one); every corruption of its side conditions is rejected,
by ``check`` and by ``symact verify``; and the search finds it for claims no enclosure settles."""
from __future__ import annotations

import json
import subprocess
import sys

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

R = ["-oo", "oo", False, False]
POS = ["0", "oo", False, False]
X = ["x"]


def fn(name, arg):
    return ["fn", name, arg]


def times(q, t):
    return ["mul", ["num", q], t]


def proof(lhs, rhs, rel, node, domain=(POS,)):
    return {"format": "symact-kernel/1", "verdict": "proved", "proof": [node],
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs, "domain": [list(p) for p in domain]}}


# x/3 - x/2 = -x/6: the kernel's rewrite of the inner difference, which its enclosure then settles on (0, oo)
MINUS_SIXTH = {"rule": "rewrite", "as": times("-1/6", X), "by": {"rule": "eval"}}
PLUS_SIXTH = {"rule": "rewrite", "as": times("1/6", X), "by": {"rule": "eval"}}


def tanh_thirds(**node):
    """tanh(x/3) < tanh(x/2) on x > 0 (tanh is increasing and x/3 < x/2 there)."""
    return proof(fn("tanh", times("1/3", X)), fn("tanh", times("1/2", X)), "<",
                 {"rule": "outer", "fn": "tanh", "u": times("1/3", X), "v": times("1/2", X), "by": MINUS_SIXTH,
                  **node})


def test_ground_truths_by_mpmath():
    """The claims proved below hold (mpmath at 30 digits on a grid): tanh(x/3) < tanh(x/2) and
    erfc(x/3) > erfc(x/2) for x > 0, tanh(sin x) >= -tanh(1) with equality at x = -pi/2."""
    with mpmath.workdps(30):
        for k in range(1, 400):
            x = mpmath.mpf(k) / 16
            assert mpmath.tanh(x / 3) < mpmath.tanh(x / 2) and mpmath.erfc(x / 3) > mpmath.erfc(x / 2)
            assert mpmath.tanh(mpmath.sin(x - 12)) >= -mpmath.tanh(1)
        assert abs(mpmath.tanh(mpmath.sin(-mpmath.pi / 2)) + mpmath.tanh(1)) < mpmath.mpf(10) ** -28


def test_an_increasing_function_keeps_the_relation():
    verdict, steps = check(tanh_thirds())
    assert verdict == "proved" and any("strictly increasing" in s for s in steps)


def test_a_decreasing_function_reverses_it():
    """erfc(x/3) > erfc(x/2) on x > 0: erfc decreases, so x/3 - x/2 < 0 is what the sub-node proves."""
    cert = proof(fn("erfc", times("1/3", X)), fn("erfc", times("1/2", X)), ">",
                 {"rule": "outer", "fn": "erfc", "u": times("1/3", X), "v": times("1/2", X), "by": MINUS_SIXTH})
    verdict, steps = check(cert)
    assert verdict == "proved" and any("strictly decreasing" in s for s in steps)
    cert["proof"][0]["by"] = PLUS_SIXTH  # the relation the node's author might wrongly expect: not x/3 - x/2 > 0
    with pytest.raises(Rejected):
        check(cert)


def test_a_constant_side_by_the_algebra_of_an_odd_function():
    """tanh(sin x) >= -tanh(1) = tanh(-1) on [0, 7]: sin x + 1 >= 0 (enclosure [0, 2])."""
    lhs, rhs = fn("tanh", fn("sin", X)), ["mul", ["num", "-1"], fn("tanh", ["num", "1"])]
    node = {"rule": "outer", "fn": "tanh", "u": fn("sin", X), "v": ["num", "-1"], "by": {"rule": "eval"}}
    assert check(proof(lhs, rhs, ">=", node, domain=(["0", "7", True, True],)))[0] == "proved"
    with pytest.raises(Rejected, match="not tanh"):  # tanh(1) is not the right side
        check(proof(lhs, rhs, ">=", {**node, "v": ["num", "1"]}, domain=(["0", "7", True, True],)))


@pytest.mark.parametrize("change, why", [
    ({"fn": "sin"}, "sin is not monotone"),
    ({"fn": "cosh"}, "cosh is not monotone on its domain"),
    ({"fn": "nosuch"}, "no such function"),
    ({"fn": ["tanh"]}, "a name is a string"),
    ({"u": times("1/4", X)}, "the difference is not tanh(x/4) - tanh(x/2)"),
    ({"u": times("1/2", X), "v": times("1/3", X)}, "the arguments swapped"),
    ({"u": ["param", "a"]}, "a quantified parameter"),
    ({"by": PLUS_SIXTH}, "the sub-node proves the wrong relation"),
    ({"by": None}, "no sub-node"),
])
def test_corrupted_nodes_are_rejected(change, why):
    cert = tanh_thirds()
    cert["proof"][0].update(change)
    with pytest.raises(Rejected):
        check(cert)


def test_arguments_outside_the_domain_are_rejected():
    """log(x - 1) < log(x) on (0, 2): log(x - 1) is undefined for x <= 1, so no outer node proves it;
    atanh(x/2) < atanh(x) on (0, 2): atanh(x) is undefined for x >= 1."""
    for name, shift in (("log", ["add", X, ["num", "-1"]]), ("atanh", times("1/2", X))):
        u, v = (shift, X)
        cert = proof(fn(name, u), fn(name, v), "<",
                     {"rule": "outer", "fn": name, "u": u, "v": v, "by": {"rule": "eval"}},
                     domain=(["0", "2", False, False],))
        with pytest.raises(Rejected):
            check(cert)


def test_symact_verify_rejects_a_corrupted_outer_certificate(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(tanh_thirds()))
    ok = subprocess.run([sys.executable, "-m", "symact", "verify", str(path)], capture_output=True, text=True,
                        timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    path.write_text(json.dumps(tanh_thirds(fn="sin")))
    bad = subprocess.run([sys.executable, "-m", "symact", "verify", str(path)], capture_output=True, text=True,
                         timeout=300)
    assert bad.returncode == 1 and bad.stdout.startswith("REJECTED"), bad.stdout + bad.stderr


@pytest.mark.parametrize("text", [
    "tanh(0.4999999999999999*x) < tanh(x/2) for x > 0",   # slopes 10^-16 apart: the enclosure of the difference
    "exp(0.9999999999999999999*x) <= exp(x) for x >= 0",  # settles nothing near 0 nor far out
    "tanh(sin(x)) >= -tanh(1)",                           # attained at the irrational points -pi/2 + 2 pi k
])
def test_the_search_finds_outer(text):
    v = check_claim(parse_claim(text), 10.0)
    assert v.status == "proved", v.reason
    assert '"outer"' in json.dumps(v.certificate.data) and check(v.certificate.data)[0] == "proved"


def test_the_search_does_not_prove_a_false_outer_claim():
    """tanh(0.5000000000000001 x) < tanh(x/2) fails at every x > 0 (tanh is increasing): never proved."""
    v = check_claim(parse_claim("tanh(0.5000000000000001*x) < tanh(x/2) for x > 0"), 10.0)
    assert v.status != "proved"

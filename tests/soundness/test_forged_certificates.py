"""Forged certificates (issue 11): hand-edited JSON that states something false, or that makes the kernel hang
or crash, must be rejected by ``symact verify`` (the kernel alone) with one line, quickly.

Each forgery below was accepted, crashed the kernel or hung it before it was fixed; beside each, why the claim
it would establish is false or what went wrong.  The kernel and verify's reader are called in-process (cheap;
tests/test_kernel.py runs the real ``symact verify`` in its fresh interpreter).
"""
from __future__ import annotations

import copy
import json
import time

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.kernel.verify import main as verify_main
from symact.parsing import parse_claim

FORMAT = "symact-kernel/1"
R = ["-oo", "oo", False, False]
X = ["x"]
SIN = ["fn", "sin", X]


def ordinary(lhs, rel, rhs, verdict, proof, domain=(R,)):
    return {"format": FORMAT, "verdict": verdict, "proof": proof,
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs, "domain": [list(p) for p in domain]}}


@pytest.fixture(scope="module")
def forall_cert() -> dict:
    """A true quantified claim's certificate, from the search: forall alpha >= 0: alpha x^2 >= 0."""
    v = check_claim(parse_claim("forall alpha >= 0: alpha*x**2 >= 0"), 5.0)
    assert v.status == "proved"
    return v.certificate.data


def beside(cert: dict, **keys) -> dict:
    out = copy.deepcopy(cert)
    out["claim"].update(keys)
    return out


FALSE_SIN = {"var": "x", "lhs": SIN, "rel": "<=", "rhs": ["num", "0"]}  # sin(1) > 0: false on any piece holding 1
SMOOTH_SIN = {"format": FORMAT, "verdict": "proved", "proof": [{"rule": "smooth"}],
              "claim": {"var": "x", "smooth": SIN, "domain": [R]}}
LIMIT_TANH = {"format": FORMAT, "verdict": "proved", "proof": {"rule": "limit", "from": "1"},
              "claim": {"var": "x", "lhs": ["fn", "tanh", X], "rel": "==", "rhs": ["num", "1"], "limit": "oo",
                        "domain": []}}
#: Piecewise((1, x < 0), (2, x)): a term where a condition belongs has no truth value (crashed with IndexError)
TERM_AS_CONDITION = ["pw", [["num", "1"], ["rel", "<", X, ["num", "0"]]], [["num", "2"], X]]


def forgeries(forall_cert):
    """(what, certificate): each must be rejected."""
    assert check(forall_cert)[0] == "proved" and check(SMOOTH_SIN)[0] == "proved" and check(LIMIT_TANH)[0] == "proved"
    return [
        # a claim of one kind with the keys of an ordinary claim beside it: `verify` printed "claim: sin(x) <= 0 on
        # (0, oo)" as ACCEPTED (the forall rule read its own keys, the display read the others)
        ("false ordinary claim beside a forall claim", beside(forall_cert, **FALSE_SIN)),
        ("false ordinary claim beside a smoothness claim", beside(SMOOTH_SIN, lhs=SIN, rel="<=", rhs=["num", "0"])),
        ("a domain beside a limit claim", beside(LIMIT_TANH, domain=[R])),
        ("a limit claim in the variable y", beside(LIMIT_TANH, var="y")),
        ("a false integral claim beside a smoothness claim",
         beside(SMOOTH_SIN, integral=X, lo="0", hi="1", rel="==", rhs=["num", "5"])),
        ("a term as a Piecewise condition",
         ordinary(TERM_AS_CONDITION, ">", ["num", "0"], "proved", [{"rule": "eval"}])),
        ("a term as a Piecewise condition, refuted",
         ordinary(TERM_AS_CONDITION, "<", ["num", "0"], "refuted", {"rule": "counterexample", "x": "1"})),
        # shapes: a list where a name belongs (TypeError: unhashable), a number where a list belongs
        ("sense is a list", {"format": FORMAT, "verdict": "proved", "proof": [{"rule": "second-derivative"}],
                             "claim": {"var": "x", "convex": X, "sense": ["convex"], "domain": [R]}}),
        ("cases parts is a number", ordinary(SIN, "<=", ["num", "1"], "proved", [{"rule": "cases", "parts": 5}])),
        ("bits is NaN", ordinary(SIN, "<=", ["num", "1"], "proved", [{"rule": "eval", "bits": float("nan")}])),
        ("a float where a rational belongs", ordinary(X, "<=", ["num", 1e300], "proved", [{"rule": "eval"}],
                                                     domain=(["0", "0", True, True],))),
        # numbers: an exponent in a rational (Fraction('1e10000000') takes 14 s, its str raised ValueError)
        ("a rational with an exponent", ordinary(X, "<=", ["num", "1e10000000"], "proved", [{"rule": "eval"}],
                                                domain=(["0", "0", True, True],))),
        ("a decimal rational", ordinary(X, "<=", ["num", "0.5"], "proved", [{"rule": "eval"}],
                                        domain=(["0", "0", True, True],))),
        ("a rational of 5000 digits", ordinary(X, "<=", ["num", "9" * 5000], "proved", [{"rule": "eval"}],
                                               domain=(["0", "0", True, True],))),
        # `verify` printed "claim: sin(x) <= 0 on " (nothing after "on"): true of no x, and read as a claim
        ("an empty domain", ordinary(SIN, "<=", ["num", "0"], "proved", [], domain=())),
        ("1/0", ordinary(X, "<=", ["num", "1/0"], "proved", [{"rule": "eval"}], domain=(["0", "0", True, True],))),
    ]


def test_forgeries_are_rejected(forall_cert):
    for what, cert in forgeries(forall_cert):
        with pytest.raises(Rejected):
            check(json.loads(json.dumps(cert)))
            pytest.fail(f"accepted: {what}")


def test_huge_exponents_are_checked_quickly():
    """True certificates whose numbers are huge: 2**(1/10^12) > 0 at x = 0 (the exact root 2**(1/n) was searched
    by forming 2**n), the limit of (1 + e^-x)**(10^12) at oo is 1 (the power was formed by 10^12 products of
    intervals), and (123456789)**1000 >= 0 (an exact value of 8092 digits, which Python refuses to write):
    each is checked within a second, and the message writes the long value rounded."""
    root = ordinary(["pow", ["num", "2"], "1/1000000000000"], "<=", ["num", "0"], "refuted",
                    {"rule": "counterexample", "x": "0"})
    power = ["pow", ["add", ["num", "1"], ["fn", "exp", ["mul", ["num", "-1"], X]]], "1000000000000"]
    limit = {"format": FORMAT, "verdict": "proved", "proof": {"rule": "limit", "from": "1"},
             "claim": {"var": "x", "lhs": power, "rel": "==", "rhs": ["num", "1"], "limit": "oo", "domain": []}}
    big = ordinary(["pow", X, "1000"], ">=", ["num", "0"], "proved", [{"rule": "eval"}],
                   domain=(["123456789", "123456789", True, True],))
    with mpmath.workdps(30):  # the truths, independently of symact
        assert mpmath.mpf(2) ** (mpmath.mpf(10) ** -12) > 0
        assert abs((1 + mpmath.exp(-mpmath.mpf(60))) ** (10 ** 12) - 1) < mpmath.mpf(10) ** -10
    for cert, verdict in ((root, "refuted"), (limit, "proved"), (big, "proved")):
        start = time.process_time()
        got, steps = check(cert)
        assert got == verdict and time.process_time() - start < 5
    assert "rounded" in " ".join(check(big)[1])


def test_verify_answers_forgeries_in_one_line(tmp_path, capsys, forall_cert):
    """`symact verify`'s reader and printer (in-process: the CLI runs the same function in a fresh interpreter):
    a forged quantified certificate is rejected (exit 1, one line); JSON nested deeper than Python's decoder
    goes (a RecursionError before) is an unreadable file (exit 2, one line)."""
    forged, deep = tmp_path / "forged.json", tmp_path / "deep.json"
    forged.write_text(json.dumps(beside(forall_cert, **FALSE_SIN)))
    deep.write_text('{"format": "%s", "claim": %s}' % (FORMAT, "[" * 100_000 + "]" * 100_000))
    assert verify_main([str(forged)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("REJECTED") and len(out.strip().splitlines()) == 1
    assert verify_main([str(deep)]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and len(err.strip().splitlines()) == 1

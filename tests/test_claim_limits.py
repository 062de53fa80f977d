"""Limit claims (``limit(f, x, oo) == c``) and values that are 0 by exact algebra, in the parser and the kernel."""
from __future__ import annotations

import copy

import pytest

from symact.decide.checked import check_claim
from symact.errors import ExpressionError
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

CASES = [  # (statement, verdict): the truth from the textbook limits
    ("limit(sigmoid(x), x, oo) == 1", "proved"),
    ("limit(sigmoid(x), x, -oo) == 0", "proved"),
    ("limit(sigmoid(x), x, oo) == 1 - 1/10**9", "refuted"),
    ("limit(sigmoid(x), x, oo) < 1", "refuted"),          # the limit is 1, not below it
    ("limit(tanh(x), x, -oo) >= -1", "proved"),
    ("limit(relu(x), x, oo) == oo", "proved"),
    ("limit(relu(x), x, oo) == -oo", "refuted"),
    ("limit(relu(x), x, -oo) == 0", "proved"),
    ("limit(tanh(x), x, oo) == oo", "refuted"),
    ("limit(diff(sigmoid(x), x), x, -oo) == 0", "proved"),  # needs the equal form e^x/(e^x + 1)^2
    ("limit(silu(x), x, oo) == oo", "proved"),
    ("limit(1/(1 - 2*sigmoid(x)), x, oo) == -1", "proved"),
    ("limit(sin(x), x, oo) == 0", "refuted"),                # no limit: sin(x) = 1 along x = pi/2 + 2 pi k
    ("limit(sin(x**2), x, oo) == 0", "unknown"),             # no limit either, but no period (never a guess)
    # a limit within 1e-16 .. 1e-25 of the constant: its exact form in ball arithmetic at rising precision
    ("limit(atan(x), x, oo) == 1.5707963267948966", "refuted"),   # pi/2 = 1.5707963267948966192...
    ("limit(atan(x), x, oo) > 1.5707963267948966", "proved"),
    ("limit(atan(x), x, oo) <= 1.5707963267948966", "refuted"),
    ("limit(atan(x), x, oo) < 1.5707963267948967", "proved"),     # the double above pi/2
    ("limit(sigmoid(-x)*exp(x), x, oo) == 0.9999999999999999999999999", "refuted"),   # e^x/(1 + e^x) -> 1
    ("limit(sigmoid(-x)*exp(x), x, oo) > 0.9999999999999999999999999", "proved"),
    ("limit(atan(x) - pi/2, x, oo) < 0", "refuted"),         # exactly 0 in the limit (the exact form, by algebra)
    ("limit(atan(x) - pi/2, x, oo) >= 0", "proved"),
    # a value 0 by exact algebra (no ball of log(2) - log(2) is certainly 0)
    ("log(1 + exp(x)) - relu(x) <= log(2)", "proved"),
    ("log(1 + exp(x)) - relu(x) < log(2) for x != 0", "proved"),
    ("log(1 + exp(x)) - relu(x) < log(2)", "refuted"),      # equality at 0
]


@pytest.mark.parametrize("text,status", CASES)
def test_verdicts(text, status):
    v = check_claim(parse_claim(text), 3.0)
    assert v.status == status, (text, v.reason)
    if status != "unknown":
        assert check(v.certificate.data)[0] == status


def test_corrupted_limit_certificates_are_rejected():
    v = check_claim(parse_claim("limit(sigmoid(x), x, oo) == 1"), 3.0)
    cert = v.certificate.data
    flipped = dict(cert, verdict="refuted")
    moved = copy.deepcopy(cert)
    moved["claim"]["rhs"] = ["num", "999999999/1000000000"]
    side = copy.deepcopy(cert)
    side["claim"]["limit"] = "-oo"
    with_domain = copy.deepcopy(cert)
    with_domain["claim"]["domain"] = [["0", "oo", True, False]]
    wrong_form = copy.deepcopy(cert)
    wrong_form["proof"]["as"] = ["num", "1"]
    for bad in (flipped, moved, side, with_domain, wrong_form):
        with pytest.raises(Rejected):
            check(bad)


def test_a_limit_near_its_constant_is_decided_only_by_a_ball_that_excludes_it():
    """The exact form of a limit (pi/2 for atan at oo) is evaluated at up to 4096 bits: a certificate that calls
    the limit equal to (or below) a constant its ball excludes is rejected, at every precision."""
    v = check_claim(parse_claim("limit(atan(x), x, oo) > 1.5707963267948966"), 3.0)
    assert v.status == "proved"
    cert = v.certificate.data
    for rel in ("==", "<", "<="):
        with pytest.raises(Rejected):
            check(dict(cert, claim=dict(cert["claim"], rel=rel)))
    with pytest.raises(Rejected):
        check(dict(cert, verdict="refuted"))
    def near(k: int) -> dict:   # the claim limit(atan(x), x, oo) > pi/2 - 10^-k
        out = copy.deepcopy(cert)
        out["claim"]["rhs"] = ["add", ["mul", ["num", "1/2"], ["const", "pi"]], ["num", f"-1/{10 ** k}"]]
        return out

    assert check(near(1000))[0] == "proved"   # 4096 bits hold 1233 digits
    for verdict in ("proved", "refuted"):     # beyond them no ball tells pi/2 - 10^-1300 from pi/2
        with pytest.raises(Rejected, match="not certainly > 0 or not"):
            check(dict(near(1300), verdict=verdict))


def test_zero_by_algebra_needs_the_point_to_be_defined():
    # log(x - 1) - log(x - 1) is 0 as algebra but undefined at x = 0: the claim "<= 0 at x = 0" is false
    claim = {"var": "x", "rel": "<=", "rhs": ["num", "0"], "domain": [["0", "0", True, True]],
             "lhs": ["add", ["fn", "log", ["add", ["x"], ["num", "-1"]]],
                     ["mul", ["num", "-1"], ["fn", "log", ["add", ["x"], ["num", "-1"]]]]]}
    with pytest.raises(Rejected):
        check({"format": "symact-kernel/1", "claim": claim, "verdict": "proved", "proof": [{"rule": "eval"}]})
    assert check({"format": "symact-kernel/1", "claim": claim, "verdict": "refuted",
                  "proof": {"rule": "counterexample", "x": "0"}})[0] == "refuted"


@pytest.mark.parametrize("text", ["limit(sigmoid(x), x, oo) == 1 for x > 0", "limit(sigmoid(x), x, oo) != 1",
                                  "limit(sigmoid(x), x, 3) == 1", "limit(sigmoid(x), x, oo) == x",
                                  "limit(relu(x), x, oo) > oo", "limit(sigmoid(x), y, oo) == 1"])
def test_malformed_limit_claims_are_one_line_errors(text):
    with pytest.raises(ExpressionError):
        parse_claim(text)

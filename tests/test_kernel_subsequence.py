"""The kernel's ``subsequence`` refutation of limit claims (symact/kernel/limit_claim.py): the limit along
x_k = a + t pi k (integers k) of a term whose sines and cosines repeat along it; one sequence whose limit violates
the claim, or two with different limits, refute it (a claim about a limit says the limit exists).  Every side
condition, every corruption (rejected by ``symact verify``), and true claims that no such certificate refutes."""
from __future__ import annotations

import copy
import json

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.kernel.verify import main as verify_main
from symact.parsing import parse_claim

X = ["x"]
ONE, ZERO = ["num", "1"], ["num", "0"]
SIN = ["fn", "sin", X]


def pi_times(q: str):
    return ["mul", ["num", q], ["const", "pi"]]


PEAK, TROUGH = pi_times("1/2"), pi_times("-1/2")     # sin = 1, sin = -1
X_SIN = ["mul", X, SIN]                               # x sin x
X_ONE_SIN = ["mul", X, ["add", ONE, SIN]]             # x (1 + sin x)


def claim(lhs, rel, rhs, end="oo"):
    return {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs, "domain": [], "limit": end}


def refutation(c, *along, period="2", start="0", verdict="refuted"):
    return {"format": "symact-kernel/1", "claim": c, "verdict": verdict,
            "proof": {"rule": "subsequence", "from": start, "period": period, "along": list(along)}}


def seq(at, start="1", **more):
    return {"at": at, "from": start, **more}


def test_the_limits_do_not_exist():
    """Ground truth, independent of symact (mpmath at 50 digits): x sin x is 0 at k pi and x at pi/2 + 2 k pi;
    x (1 + sin x) is 0 at -pi/2 + 2 k pi and 2x at pi/2 + 2 k pi; e^x sin x is -e^x at -pi/2 + 2 k pi;
    1/(2 + sin x) is 1/2 at k pi and 1/3 at the peaks; x sin(2x + 1) is x where 2x + 1 = pi/2 + 2 k pi and 0 where
    it is k pi; at -oo, x sin(x + pi/3) is -x -> oo where x + pi/3 = -pi/2 - 2 k pi and 0 where it is -k pi: along
    the second sequence each grows past every bound (or stays 1/6 away), so none of these has a limit, and no
    claim about its limit holds.  sin(x)/x and x + sin x
    do have limits (|sin x / x| <= 1/x; x + sin x >= x - 1)."""
    with mpmath.workdps(50):
        pi = mpmath.pi
        for k in (10 ** 3, 10 ** 6):
            peak, trough = pi / 2 + 2 * k * pi, -pi / 2 + 2 * k * pi
            assert abs(k * pi * mpmath.sin(k * pi)) < 1e-30 and peak * mpmath.sin(peak) > 1000
            assert abs(trough * (1 + mpmath.sin(trough))) < 1e-30 and peak * (1 + mpmath.sin(peak)) > 1000
            assert mpmath.exp(trough) * mpmath.sin(trough) < -1000
            assert abs(1 / (2 + mpmath.sin(peak)) - mpmath.mpf(1) / 3) < 1e-30
            x = mpmath.mpf(k) + mpmath.mpf(1) / 3
            assert abs(mpmath.sin(x) / x) <= 1 / x and x + mpmath.sin(x) >= x - 1
            top = (pi / 2 - 1) / 2 + k * pi        # 2 x + 1 = pi/2 + 2 k pi: x sin(2 x + 1) = x
            assert top * mpmath.sin(2 * top + 1) > 1000
            low = -pi / 2 - pi / 3 - 2 * k * pi    # x + pi/3 = -pi/2 - 2 k pi -> -oo: x sin(x + pi/3) = -x
            assert low * mpmath.sin(low + pi / 3) > 1000 and abs(k * pi * mpmath.sin(-k * pi)) < 1e-30


@pytest.mark.parametrize("c, along, period", [
    (claim(X_SIN, "==", ZERO), [seq(PEAK)], "2"),                                   # -> oo along the peaks
    (claim(X_SIN, "==", "oo"), [seq(ZERO)], "2"),                                   # sin(0) = 0 exactly: h = 0
    (claim(X_ONE_SIN, "==", "oo"), [seq(TROUGH, **{"as": ZERO})], "2"),            # 0 by exact algebra
    (claim(X_ONE_SIN, ">=", ZERO), [seq(TROUGH, **{"as": ZERO}), seq(PEAK)], "2"),  # 0 and oo: no limit at all
    (claim(["mul", ["fn", "exp", X], SIN], "==", "oo"), [seq(TROUGH)], "2"),       # -oo
    (claim(["pow", ["add", ["num", "2"], SIN], "-1"], "==", ["num", "1/2"]), [seq(PEAK)], "2"),   # 1/3
    (claim(X_SIN, "==", ZERO, "-oo"), [seq(TROUGH)], "2"),                          # x_k = -pi/2 - 2 k pi: -oo
    (claim(["mul", X, ["fn", "cos", ["mul", ["num", "1/2"], X]]], "<", ["num", "5"]), [seq(ZERO)], "4"),  # oo
])
def test_a_sequence_refutes_a_limit_claim(c, along, period):
    verdict, steps = check(refutation(c, *along, period=period))
    assert verdict == "refuted"
    assert any("sin" in s or "cos" in s for s in steps)


def test_one_sequence_whose_limit_satisfies_the_claim_refutes_nothing():
    """x (1 + sin x) >= 0 along both sequences: each limit (0, oo) is >= 0; only the two together refute."""
    for item in (seq(TROUGH, **{"as": ZERO}), seq(PEAK)):
        with pytest.raises(Rejected, match="no sequence's limit violates"):
            check(refutation(claim(X_ONE_SIN, ">=", ZERO), item))
    with pytest.raises(Rejected, match="no sequence's limit violates"):   # two sequences with the same limit
        check(refutation(claim(X_ONE_SIN, ">=", ZERO), seq(PEAK), seq(ZERO)))


@pytest.mark.parametrize("lhs, why", [
    (["add", SIN, ["fn", "sin", ["mul", ["pow", ["num", "2"], "1/2"], X]]], "sqrt(2) x: no rational slope"),
    (["fn", "sin", ["pow", X, "2"]], "x^2: not affine"),
    (["fn", "sin", ["add", X, SIN]], "x + sin x: not affine"),
    (["fn", "sin", ["mul", ["const", "pi"], X]], "pi x: the slope is no rational"),
])
def test_incommensurable_or_not_affine_arguments_are_rejected(lhs, why):
    """Each of these has no limit at oo either, but the rewriting sin(q x_k + r) = sin(q a + r) is not valid for
    them: the certificate must be rejected, whatever it shows."""
    for period in ("2", "4", "2/3"):
        with pytest.raises(Rejected, match="does not have period"):
            check(refutation(claim(lhs, "==", ZERO), seq(PEAK), period=period))


def test_the_period_must_shift_every_argument_by_a_multiple_of_2pi():
    """x_k = pi/2 + pi k (t = 1) shifts sin x by pi per step: sin(x_k) = (-1)^k, not 1; sin(x/2) needs t = 4.
    Integer steps only: t = 0 gives no sequence that goes to the end, a negative t goes the other way."""
    for lhs, period in ((X_SIN, "1"), (X_SIN, "3"), (["mul", X, ["fn", "sin", ["mul", ["num", "1/2"], X]]], "2")):
        with pytest.raises(Rejected, match="does not have period"):
            check(refutation(claim(lhs, "==", ZERO), seq(PEAK), period=period))
    for period in ("0", "-2"):
        with pytest.raises(Rejected, match="period t > 0"):
            check(refutation(claim(X_SIN, "==", ZERO), seq(PEAK), period=period))
    assert check(refutation(claim(["mul", X, ["fn", "sin", ["mul", ["num", "1/2"], X]]], "==", ZERO),
                            seq(pi_times("1")), period="4"))[0] == "refuted"


def test_the_rule_only_refutes_and_needs_a_constant_phase():
    with pytest.raises(Rejected, match="only refutes"):
        check(refutation(claim(X_SIN, "==", ZERO), seq(PEAK), verdict="proved"))
    with pytest.raises(Rejected, match="phase"):
        check(refutation(claim(X_SIN, "==", ZERO), seq(["add", PEAK, X])))
    with pytest.raises(Rejected, match="one or two"):
        check(refutation(claim(X_SIN, "==", ZERO)))
    with pytest.raises(Rejected, match="one or two"):
        check(refutation(claim(X_SIN, "==", ZERO), seq(PEAK), seq(PEAK), seq(PEAK)))


TRUE_CLAIMS = [  # (text, its claim data): the limits exist (see test_the_limits_do_not_exist)
    ("limit(sin(x)/x, x, oo) == 0", claim(["mul", SIN, ["pow", X, "-1"]], "==", ZERO)),
    ("limit(x + sin(x), x, oo) == oo", claim(["add", X, SIN], "==", "oo")),
    ("limit(exp(-x)*sin(x), x, oo) == 0", claim(["mul", ["fn", "exp", ["mul", ["num", "-1"], X]], SIN], "==", ZERO)),
    ("limit(x*(2 + sin(x)), x, -oo) == -oo", claim(["mul", X, ["add", ["num", "2"], SIN]], "==", "-oo", "-oo")),
    ("limit(cos(x)**2 + sin(x)**2, x, oo) == 1",
     claim(["add", ["pow", ["fn", "cos", X], "2"], ["pow", SIN, "2"]], "==", ONE)),
]


@pytest.mark.parametrize("text, data", TRUE_CLAIMS, ids=[t for t, _ in TRUE_CLAIMS])
def test_true_limit_claims_are_never_refuted(text, data):
    """True claims (|sin x / x| <= 1/x, x + sin x >= x - 1, |e^-x sin x| <= e^-x, x (2 + sin x) <= x for x < 0,
    cos^2 + sin^2 = 1): the search does not refute them, and no subsequence certificate does, at any phase, period
    or equal form offered."""
    assert check_claim(parse_claim(text), 3.0).status != "refuted"
    for at in (ZERO, PEAK, TROUGH, pi_times("1"), pi_times("3/4")):
        for period in ("2", "4", "8"):
            for item in (seq(at), seq(at, **{"as": ZERO}), seq(at, "64")):
                for along in ([item], [item, seq(PEAK)]):
                    with pytest.raises(Rejected):
                        check(refutation(data, *along, period=period))


def test_symact_verify_rejects_every_corruption(tmp_path):
    """The searched certificate of x (1 + sin x) == oo (the troughs, where f is 0) is accepted; moving its phase
    (to a peak, where the limit is oo; or by 10^-6, where the equal form 0 is wrong), its period (pi: sin x_k
    alternates) or the claimed value (to 0, the limit along the troughs), or dropping the equal form (the
    calculus cannot see that 1 + sin(3 pi/2) is exactly 0), is rejected."""
    v = check_claim(parse_claim("limit(x*(1 + sin(x)), x, oo) == oo"), 3.0)
    assert v.status == "refuted"
    cert = v.certificate.data
    assert cert["proof"]["rule"] == "subsequence"
    path = tmp_path / "good.json"
    path.write_text(json.dumps({"status": "refuted", "certificate": {"kind": "kernel", "data": cert}}))
    assert verify_main([str(path)]) == 0
    item = cert["proof"]["along"][0]
    assert "as" in item and len(cert["proof"]["along"]) == 1
    plain = {k: v for k, v in item.items() if k != "as"}
    nudged = ["add", item["at"], ["num", "1/1000000"]]   # 1 + sin there is 5e-13, not 0: the form is wrong
    corruptions = {"phase to a peak": dict(plain, at=PEAK), "phase nudged": dict(item, at=nudged),
                   "no form": plain, "period": "1", "value": ZERO}
    for what, change in corruptions.items():
        bad = copy.deepcopy(cert)
        if what == "period":
            bad["proof"]["period"] = change
        elif what == "value":
            bad["claim"]["rhs"] = change
        else:
            bad["proof"]["along"] = [change]
        path = tmp_path / f"{what}.json"
        path.write_text(json.dumps({"status": "refuted", "certificate": {"kind": "kernel", "data": bad}}))
        assert verify_main([str(path)]) == 1, what


def test_the_search_refutes_the_hunts_claims_without_a_limit():
    for text in ("limit(x*sin(x), x, oo) == oo", "limit(x*sin(x), x, oo) == 0", "limit(exp(x)*sin(x), x, oo) == oo",
                 "limit(x*(1 + sin(x)), x, oo) >= 0", "limit(sin(x)**2, x, oo) == 0",
                 "limit(sin(x), x, oo) == 0", "limit(x*sin(x), x, -oo) == 0",
                 "limit(x*sin(2*x + 1), x, oo) == 0", "limit(sin(x + pi/3)*x, x, -oo) == oo"):   # phases with r
        v = check_claim(parse_claim(text), 3.0)
        assert v.status == "refuted", (text, v.reason)
        assert check(v.certificate.data)[0] == "refuted"
    for text in ("limit(sin(x) + sin(sqrt(2)*x), x, oo) == 0", "limit(sin(x**2), x, oo) == 0"):
        assert check_claim(parse_claim(text), 3.0).status == "unknown"   # false, but outside the rule

"""The kernel's ``undefined-between`` refutation (symact/kernel/between.py): a side undefined at an irrational
point of the domain, found by the intermediate value theorem; and every corruption of its side conditions."""
from __future__ import annotations

import json
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.kernel.evaluate import enclose, point
from symact.kernel.verify import main as verify_main
from symact.parsing import parse_claim
from symact.sympy_terms import from_sympy

R = ["-oo", "oo", False, False]
X = ["x"]
ONE = ["num", "1"]


def fn(name, arg):
    return ["fn", name, arg]


def refutation(lhs, node, domain=(R,), rhs=ONE, rel="<="):
    return {"format": "symact-kernel/1", "verdict": "refuted", "proof": {"rule": "undefined-between", **node},
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs, "domain": [list(p) for p in domain]}}


SEC = ["pow", fn("cos", X), "-1"]                       # 1/cos x: undefined at pi/2 = 1.5707...
SEC_PLUS_X = ["add", X, SEC]                            # x + 1/cos x: the part at path [2]
X2_MINUS_2 = ["add", ["pow", X, "2"], ["num", "-2"]]   # x^2 - 2: zero at sqrt 2 = 1.4142...


def test_a_denominator_that_changes_sign_refutes_a_claim_on_R():
    # cos 1 = 0.54 > 0 > cos 2 = -0.42, cos continuous: 1/cos x is undefined at pi/2 in (1, 2)
    assert check(refutation(SEC_PLUS_X, {"side": "left", "path": [2], "a": "1", "b": "2"}))[0] == "refuted"
    assert check(refutation(ONE, {"side": "right", "path": [], "a": "1", "b": "2"}, rhs=SEC))[0] == "refuted"
    # 1 - 2 < 0 < 4 - 2: 1/(x^2 - 2) at sqrt 2, and log(x^2 - 2) there (log's open end 0)
    assert check(refutation(["pow", X2_MINUS_2, "-1"], {"side": "left", "path": [], "a": "1", "b": "2"}))[0] \
        == "refuted"
    assert check(refutation(fn("log", X2_MINUS_2), {"side": "left", "path": [], "a": "1", "b": "2"}))[0] \
        == "refuted"
    # atanh's domain (-1, 1) has two open ends: x/2 crosses 1 at 2 (also a rational point, but the rule
    # needs none)
    assert check(refutation(fn("atanh", ["mul", ["num", "1/2"], X]), {"side": "left", "path": [], "a": "3/2",
                                                                      "b": "5/2"}))[0] == "refuted"


@pytest.mark.parametrize("node, domain, why", [
    ({"side": "left", "path": [2], "a": "2", "b": "1"}, (R,), "a > b"),
    ({"side": "left", "path": [2], "a": "1", "b": "1"}, (R,), "a = b"),
    ({"side": "left", "path": [2], "a": "1", "b": "3/2"}, (R,), "cos 1, cos 3/2 > 0: same signs"),
    ({"side": "left", "path": [2], "a": "1", "b": "2"}, (["0", "3/2", True, True],), "b outside the domain"),
    ({"side": "left", "path": [2], "a": "1", "b": "2"}, (["0", "3/2", True, True], ["3/2", "3", False, True]),
     "a and b in two pieces (pi/2 could lie in the gap)"),
    ({"side": "right", "path": [2], "a": "1", "b": "2"}, (R,), "the right side is 1"),
    ({"side": "left", "path": [1], "a": "1", "b": "2"}, (R,), "the path leads to x"),
    ({"side": "left", "path": [2, 1], "a": "1", "b": "2"}, (R,), "cos x itself is defined everywhere"),
    ({"side": "left", "path": [3], "a": "1", "b": "2"}, (R,), "no such child"),
    ({"side": "left", "path": [True], "a": "1", "b": "2"}, (R,), "an index is an integer"),
    ({"side": "left", "path": [2], "a": 1.0, "b": "2"}, (R,), "a float is not an exact point"),
    ({"side": "middle", "path": [2], "a": "1", "b": "2"}, (R,), "no such side"),
])
def test_corrupted_nodes_are_rejected(node, domain, why):
    with pytest.raises(Rejected):
        check(refutation(SEC_PLUS_X, node, domain))


def test_a_discontinuous_denominator_is_rejected():
    """1/(1/x) changes sign across 0 but never vanishes (it is undefined at 0 for another reason: the rule must
    not accept the crossing); sin x / cos x (tan) changes sign across its pole pi/2 in (1, 2) without a zero."""
    recip = ["pow", ["pow", X, "-1"], "-1"]
    with pytest.raises(Rejected, match="not certain"):
        check(refutation(recip, {"side": "left", "path": [], "a": "-1", "b": "1"}))
    tan = ["mul", fn("sin", X), ["pow", fn("cos", X), "-1"]]
    with pytest.raises(Rejected, match="not certain"):
        check(refutation(["pow", tan, "-1"], {"side": "left", "path": [], "a": "1", "b": "2"}))
    step = ["pw", [["num", "-1"], ["rel", "<", X, ["num", "0"]]], [ONE, ["true"]]]  # a jump from -1 to 1 at 0, no zero
    with pytest.raises(Rejected, match="not certain"):
        check(refutation(["pow", step, "-1"], {"side": "left", "path": [], "a": "-1", "b": "1"}))


def test_only_parts_every_value_needs_and_only_open_ends():
    # Piecewise((1/cos x, x < 0), (0, True)): the branch 1/cos x is never evaluated on (1, 2)
    guarded = ["pw", [SEC, ["rel", "<", X, ["num", "0"]]], [["num", "0"], ["true"]]]
    with pytest.raises(Rejected, match="path does not lead"):
        check(refutation(guarded, {"side": "left", "path": [1, 0], "a": "1", "b": "2"}))
    # sqrt(x^2 - 2) is defined at sqrt 2 (a positive power); acosh(x^2 - 1) is defined where x^2 - 1 = 1
    # (its domain [1, oo) is closed)
    for t in (["pow", X2_MINUS_2, "1/2"], fn("acosh", ["add", ["pow", X, "2"], ["num", "-1"]])):
        with pytest.raises(Rejected, match="neither a negative power"):
            check(refutation(t, {"side": "left", "path": [], "a": "1", "b": "2"}))
    # x^2 + 1 never crosses 0
    with pytest.raises(Rejected, match="does not certainly cross"):
        check(refutation(["pow", ["add", ["pow", X, "2"], ONE], "-1"], {"side": "left", "path": [], "a": "-1",
                                                                     "b": "1"}))


def test_a_piecewise_gap_at_an_irrational_point():
    """Piecewise((1, x^2 < 2), (2, x^2 > 2)) has no branch at sqrt 2 in (1, 2); with x^2 <= 2 the gap is closed,
    and a condition on another term (x < 2) is not the same crossing."""
    def pw(op1, op2, second=None):
        cond2 = second or ["rel", op2, ["pow", X, "2"], ["num", "2"]]
        return ["pw", [ONE, ["rel", op1, ["pow", X, "2"], ["num", "2"]]], [["num", "2"], cond2]]

    node = {"side": "left", "path": [], "a": "1", "b": "2"}
    assert check(refutation(pw("<", ">"), node, rel=">="))[0] == "refuted"
    # the same condition written 2 < x^2
    assert check(refutation(pw("<", ">", ["rel", "<", ["num", "2"], ["pow", X, "2"]]), node, rel=">="))[0] \
        == "refuted"
    for bad in (pw("<=", ">"), pw("<", ">", ["rel", ">", X, ["num", "2"]]), pw("<", ">", ["true"])):
        with pytest.raises(Rejected, match="neither"):
            check(refutation(bad, node, rel=">="))


@pytest.mark.parametrize("text", ["1/cos(x) >= -10**9", "x/(x**2 - 2) == x/(x**2 - 2)",
                                  "Piecewise((1, x**2 < 2), (2, x**2 > 2)) >= 1",
                                  # pi/2 = 1.57079632679489661923... lies 8e-17 inside the domain's end
                                  "1/cos(x) > 0 for 0 < x < 1.5707963267948967"])
def test_the_search_finds_the_crossing(text):
    """Each claim fails only at an irrational point (pi/2, sqrt 2); the decision refutes it with this rule.  With
    the domain's end at 1.5707963267948966 < pi/2 (float pi/2) the claim is true and is not refuted."""
    v = check_claim(parse_claim(text), 10.0)
    assert v.status == "refuted", v.reason
    assert v.certificate.data["proof"]["rule"] == "undefined-between"
    assert check(v.certificate.data)[0] == "refuted"


def test_a_claim_that_stops_just_before_the_pole_is_not_refuted():
    # 1.5707963267948966 < pi/2 = 1.57079632679489661923...: cos > 0 on the whole domain
    assert check_claim(parse_claim("1/cos(x) > 0 for 0 < x < 1.5707963267948966"), 10.0).status != "refuted"


def test_tan_is_read_as_sine_over_cosine():
    """tan(u) becomes sin(u) cos(u)^-1 (symact/sympy_terms.py): equal where tan is defined, undefined exactly at
    the zeros of cos(u); its value at 1 and 1/2 matches mpmath's tan at 50 digits, its identities on (-1, 1) are
    proved, and on R they are refuted at the pole pi/2 (no rational point is a pole)."""
    x = sp.Symbol("x")
    t = from_sympy(sp.tan(2 * x), x)
    with mpmath.workdps(50):
        for q in (Fraction(1, 2), Fraction(1, 4)):
            b = enclose(t, point(q)).as_ball()  # 64-bit balls: ~1e-18 relative
            truth = mpmath.tan(2 * mpmath.mpf(q.numerator) / q.denominator)
            assert abs(mpmath.mpf(b.mid().str(30, radius=False)) - truth) < mpmath.mpf(10) ** -15
    for text in ("sin(x)/cos(x) == tan(x) for -1 < x < 1", "diff(tan(x), x) == 1 + tan(x)**2 for -1 < x < 1"):
        assert check_claim(parse_claim(text), 10.0).status == "proved", text
    v = check_claim(parse_claim("tan(x)*cos(x) == sin(x)"), 10.0)
    assert v.status == "refuted" and v.certificate.data["proof"]["rule"] == "undefined-between"


# -- the factor form: u - v = w z, w changes sign (u touches v without crossing it) -----------------------------

VERSINE = ["add", ONE, ["mul", ["num", "-1"], fn("cos", X)]]    # 1 - cos x = 2 sin(x/2)^2: 0 at 2 pi, never < 0
HALF_SIN = fn("sin", ["mul", ["num", "1/2"], X])               # sin(x/2): changes sign at 2 pi = 6.283...
SIN2_OVER_VERSINE = ["mul", ["pow", fn("sin", X), "2"], ["pow", VERSINE, "-1"]]
ON_0_7 = (["0", "7", False, False],)
AT_2PI = {"side": "left", "path": [2], "a": "6", "b": "13/2", "factor": HALF_SIN,
          "cofactor": ["mul", ["num", "2"], HALF_SIN]}


def test_a_denominator_that_touches_0_refutes_with_a_factor(tmp_path):
    """sin(x)^2/(1 - cos x) == 1 + cos x on (0, 7): equal wherever the left side is defined, which it is not at
    2 pi (mpmath: 1 - cos(2 pi) = 0 at 50 digits; sin(3) > 0 > sin(13/4), so sin(x/2) vanishes in (6, 13/2) and
    1 - cos x with it), and 1/(x^2 - 2)^2 at sqrt 2."""
    with mpmath.workdps(50):
        assert 1 - mpmath.cos(2 * mpmath.pi) == 0 and mpmath.sin(3) > 0 > mpmath.sin(mpmath.mpf(13) / 4)
    cert = refutation(SIN2_OVER_VERSINE, AT_2PI, ON_0_7, rhs=["add", ONE, fn("cos", X)], rel="==")
    assert check(cert)[0] == "refuted"
    path = tmp_path / "touch.json"
    path.write_text(json.dumps({"status": "refuted", "certificate": {"kind": "kernel", "data": cert}}))
    assert verify_main([str(path)]) == 0
    square = ["pow", X2_MINUS_2, "2"]
    assert check(refutation(["pow", square, "-1"], {"side": "left", "path": [], "a": "1", "b": "2",
                                                    "factor": X2_MINUS_2, "cofactor": X2_MINUS_2}, rel=">"))[0] \
        == "refuted"


@pytest.mark.parametrize("change, why", [
    ({"cofactor": ["mul", ["num", "3"], HALF_SIN]}, "1 - cos x is not 3 sin(x/2)^2"),
    ({"a": "5", "b": "6"}, "sin(x/2) > 0 on [5, 6]: no zero of the factor"),
    ({"cofactor": None}, "no cofactor"),
    ({"factor": ["sin", X]}, "the factor is not a term"),
    ({"factor": ["mul", ["param", "alpha"], HALF_SIN]}, "a parameter"),
    ({"factor": ["pow", ["add", X, ["num", "-25/4"]], "-1"],
      "cofactor": ["mul", ["add", X, ["num", "-25/4"]], VERSINE]},
     "1/(x - 25/4) changes sign across a pole, not a zero (the product is 1 - cos x only where it is defined)"),
    ({"b": "8"}, "b outside the domain"),
])
def test_corrupted_factor_nodes_are_rejected(change, why, tmp_path):
    cert = refutation(SIN2_OVER_VERSINE, {**AT_2PI, **change}, ON_0_7, rhs=["add", ONE, fn("cos", X)], rel="==")
    with pytest.raises(Rejected):
        check(cert)
    path = tmp_path / "forged.json"
    path.write_text(json.dumps({"status": "refuted", "certificate": {"kind": "kernel", "data": cert}}))
    assert verify_main([str(path)]) == 1, why


@pytest.mark.parametrize("text", ["sin(x)**2/(1 - cos(x)) == 1 + cos(x) for 0 < x < 7", "1/(x**2 - 2)**2 > 0",
                                  # 1 - sin x = 2 sin(x/2 - pi/4)^2 touches 0 at pi/2 (1 + sin x at -pi/2)
                                  "1/(1 - sin(x)) >= 1/2", "(sin(x) - 1)/(sin(x) - 1) == 1",
                                  "1/(1 + sin(x)) > 0 for -2 <= x <= 0"])
def test_the_search_finds_the_touching_point(text):
    v = check_claim(parse_claim(text), 5.0)
    assert v.status == "refuted", v.reason
    assert "factor" in v.certificate.data["proof"]
    assert check(v.certificate.data)[0] == "refuted"


def test_a_claim_that_stops_before_the_touching_point_is_proved_or_open():
    # (0, 6): 1 - cos x > 0 there (2 pi = 6.28... is outside); [-1, 1]: 1 - sin x > 0 there (pi/2 = 1.57... is
    # outside), and 1/(1 - sin x) >= 1/2 as 1 - sin x <= 2
    assert check_claim(parse_claim("sin(x)**2/(1 - cos(x)) == 1 + cos(x) for 0 < x < 6"), 5.0).status != "refuted"
    assert check_claim(parse_claim("1/(1 - sin(x)) >= 1/2 for -1 <= x <= 1"), 5.0).status != "refuted"


def test_the_touching_points_of_one_minus_sine():
    """mpmath at 40 digits: 1 - sin x = 0 at pi/2 and 1 + sin x = 0 at -pi/2, and both are >= 0 everywhere (no
    crossing: the refutations above need the factor), positive on [-1, 1] and on [-2, 0] respectively only away
    from those points."""
    with mpmath.workdps(40):
        assert abs(1 - mpmath.sin(mpmath.pi / 2)) < mpmath.mpf(10) ** -35
        assert abs(1 + mpmath.sin(-mpmath.pi / 2)) < mpmath.mpf(10) ** -35
        assert -2 < -mpmath.pi / 2 < 0 and not -1 <= mpmath.pi / 2 <= 1
        for k in range(-200, 201):
            x = mpmath.mpf(k) / 20
            assert 1 - mpmath.sin(x) >= 0 and 1 + mpmath.sin(x) >= 0
            assert abs(1 - mpmath.sin(x) - 2 * mpmath.sin(x / 2 - mpmath.pi / 4) ** 2) < mpmath.mpf(10) ** -35

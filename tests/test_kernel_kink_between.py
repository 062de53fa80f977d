"""The kernel's ``kink-between`` refutation (symact/kernel/kink_between.py): a derivative that does not exist at an
irrational point of the domain, where the function switches form with a jump in slope; and every corruption of
its side conditions, rejected by the kernel and by ``symact verify``."""
from __future__ import annotations

import json

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.kernel.verify import main as verify_main
from symact.parsing import parse_claim

R = ["-oo", "oo", False, False]
X = ["x"]
ONE = ["num", "1"]
MINUS = ["num", "-1"]


def fn(name, arg):
    return ["fn", name, arg]


def minus(a, b):
    return ["add", a, ["mul", MINUS, b]]


SIN, COS = fn("sin", X), fn("cos", X)
D_MIN = ["deriv", ["min", SIN, COS]]                    # d/dx min(sin x, cos x): a corner at pi/4 = 0.7853...
X2_MINUS_2 = ["add", ["pow", X, "2"], ["num", "-2"]]   # zero at sqrt 2 = 1.4142...
AT_PI_4 = {"side": "left", "path": [], "switch": minus(COS, SIN), "a": "3/4", "b": "4/5"}


def refutation(lhs, node, domain=(R,), rhs=ONE, rel="<="):
    return {"format": "symact-kernel/1", "verdict": "refuted", "proof": {"rule": "kink-between", **node},
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs, "domain": [list(p) for p in domain]}}


def test_the_corner_is_real():
    """Ground truth, independent of symact: at pi/4 the difference quotients of min(sin x, cos x) from the left
    tend to cos(pi/4) = 0.7071... and from the right to -sin(pi/4) = -0.7071... (mpmath at 50 digits), so the
    derivative does not exist there; likewise |x^2 - 2| at sqrt 2 has slopes -2 sqrt 2 and 2 sqrt 2."""
    with mpmath.workdps(50):
        c, h = mpmath.pi / 4, mpmath.mpf(10) ** -20
        f = lambda x: min(mpmath.sin(x), mpmath.cos(x))  # noqa: E731
        assert abs((f(c) - f(c - h)) / h - mpmath.sqrt(2) / 2) < 1e-15
        assert abs((f(c + h) - f(c)) / h + mpmath.sqrt(2) / 2) < 1e-15
        r, g = mpmath.sqrt(2), (lambda x: abs(x * x - 2))
        assert abs((g(r) - g(r - h)) / h + 2 * mpmath.sqrt(2)) < 1e-15
        assert abs((g(r + h) - g(r)) / h - 2 * mpmath.sqrt(2)) < 1e-15


def test_a_corner_at_an_irrational_point_refutes_a_claim():
    assert check(refutation(D_MIN, AT_PI_4))[0] == "refuted"
    # the switch written the other way round (sin - cos), and on the right side of a claim
    assert check(refutation(D_MIN, {**AT_PI_4, "switch": minus(SIN, COS)}))[0] == "refuted"
    assert check(refutation(ONE, {**AT_PI_4, "side": "right"}, rhs=D_MIN, rel=">="))[0] == "refuted"
    # x + d/dx |x^2 - 2|: the derivative at path [2], its corner at sqrt 2 in (7/5, 3/2)
    lhs = ["add", X, ["deriv", ["abs", X2_MINUS_2]]]
    node = {"side": "left", "path": [2], "switch": X2_MINUS_2, "a": "7/5", "b": "3/2"}
    assert check(refutation(lhs, node, rel="<"))[0] == "refuted"
    # on a domain piece that holds [a, b]
    assert check(refutation(D_MIN, AT_PI_4, domain=(["0", "1", False, False],)))[0] == "refuted"


@pytest.mark.parametrize("node, domain, why", [
    ({**AT_PI_4, "a": "4/5", "b": "3/4"}, (R,), "a > b"),
    ({**AT_PI_4, "b": "3/4"}, (R,), "a = b"),
    ({**AT_PI_4, "b": "7/9"}, (R,), "pi/4 = 0.785... is not in [3/4, 7/9 = 0.777...]: no sign change"),
    (AT_PI_4, (["0", "79/100", True, True],), "b outside the domain"),
    (AT_PI_4, (["0", "39/50", True, True], ["39/50", "1", False, True]), "a and b in two pieces"),
    ({**AT_PI_4, "side": "right"}, (R,), "the right side is 1, no derivative"),
    ({**AT_PI_4, "side": "middle"}, (R,), "no such side"),
    ({**AT_PI_4, "path": [1]}, (R,), "the path leads into the derivative"),
    ({**AT_PI_4, "path": "0"}, (R,), "a path is a list"),
    ({**AT_PI_4, "switch": minus(SIN, ["num", "1/2"])}, (R,), "sin x - 1/2 does not vanish in [3/4, 4/5]"),
    ({**AT_PI_4, "switch": minus(SIN, X), "a": "-1/10", "b": "1/10"}, (R,), "a switch that is not f's: sin x - x "
                                                                           "(also: its slope vanishes at 0)"),
    ({**AT_PI_4, "switch": minus(fn("sin", ["mul", X, ["num", "2"]]), ONE), "a": "3/4", "b": "4/5"}, (R,),
     "sin 2x - 1 touches 0 at pi/4 without a sign change"),
    ({**AT_PI_4, "switch": ["param", "alpha"]}, (R,), "a parameter is no switch"),
    ({**AT_PI_4, "switch": ["nope"]}, (R,), "not a term"),
    ({**AT_PI_4, "a": 0.75}, (R,), "a float is not an exact point"),
])
def test_corrupted_nodes_are_rejected(node, domain, why, tmp_path):
    cert = refutation(D_MIN, node, domain)
    with pytest.raises(Rejected):
        check(cert)
    path = tmp_path / "forged.json"
    path.write_text(json.dumps({"status": "refuted", "certificate": {"kind": "kernel", "data": cert}}))
    assert verify_main([str(path)]) == 1, why  # 1: rejected (2 would be unreadable input)


def test_verify_accepts_the_uncorrupted_node(tmp_path):
    path = tmp_path / "kink.json"
    path.write_text(json.dumps({"status": "refuted", "certificate": {"kind": "kernel",
                                                                     "data": refutation(D_MIN, AT_PI_4)}}))
    assert verify_main([str(path)]) == 0


def test_a_switch_with_several_zeros_or_equal_slopes_is_rejected():
    """x^3 - x/100 changes sign over [-1, 1] but has three zeros (its slope vanishes inside), so the side of each
    form is not known; |x^2 - 2|^2 = (x^2 - 2)^2 and |x^2 - 2| (x^2 - 2) have no corner at sqrt 2 (the
    forms' slopes agree there: the latter's derivative 4 x |x^2 - 2| exists everywhere)."""
    cubic = ["add", ["pow", X, "3"], ["mul", ["num", "-1/100"], X]]
    with pytest.raises(Rejected, match="not certainly nonzero"):
        check(refutation(["deriv", ["abs", cubic]], {"side": "left", "path": [], "switch": cubic, "a": "-1",
                                                     "b": "1"}))
    node = {"side": "left", "path": [], "switch": X2_MINUS_2, "a": "7/5", "b": "3/2"}
    for f in (["pow", ["abs", X2_MINUS_2], "2"], ["mul", ["abs", X2_MINUS_2], X2_MINUS_2]):
        with pytest.raises(Rejected, match="slopes"):
            check(refutation(["deriv", f], node))


def test_another_switch_must_keep_its_sign():
    """d/dx (min(sin x, cos x) + |x - 0.78|): the corner of |x - 0.78| lies in [3/4, 4/5] too, and the rule
    knows only the side of the named switch: rejected (the ordinary counterexample serves at 0.78)."""
    lhs = ["deriv", ["add", ["min", SIN, COS], ["abs", minus(X, ["num", "39/50"])]]]
    with pytest.raises(Rejected):
        check(refutation(lhs, AT_PI_4))


@pytest.mark.parametrize("text", ["diff(Min(sin(x), cos(x)), x) <= 1", "diff(Max(sin(x), cos(x)), x) >= -1",
                                  "diff(Abs(x**2 - 2), x) == 2*x*sign(x**2 - 2) for x > 0"])
def test_the_search_finds_the_corner(text):
    """Each derivative exists everywhere but at an irrational corner (pi/4, 5 pi/4, sqrt 2), and satisfies the
    relation wherever it exists; the decision refutes the claim with this rule."""
    v = check_claim(parse_claim(text), 5.0)
    assert v.status == "refuted", v.reason
    assert v.certificate.data["proof"]["rule"] == "kink-between"
    assert check(v.certificate.data)[0] == "refuted"


def test_no_corner_no_refutation():
    # |x^2 - 2| (x^2 - 2) is C^1: its derivative 4 x |x^2 - 2| exists at sqrt 2
    v = check_claim(parse_claim("diff(Abs(x**2 - 2)*(x**2 - 2), x) == 4*x*Abs(x**2 - 2)"), 5.0)
    assert v.status != "refuted"

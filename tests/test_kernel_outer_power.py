"""The kernel's rule ``outer`` over a power t^k (symact/kernel/outer.py): u^k - v^k REL 0 from u - v REL' 0 where
u and v are certainly > 0 (t^k increases on (0, oo) for k > 0 and decreases for k < 0), so that sigmoid claims
(sigmoid(u) = (1 + e^-u)^-1) are decided by their arguments; and the algebra that checks the inner difference
when the slopes of x in the exponentials share no small common denominator (e^(0.9999999999 x) against e^x: each
a generator of its own).  Truths by hand: sigmoid is strictly increasing, so sigmoid(a x) < sigmoid(x) for x > 0
exactly when a < 1, and the reverse for x < 0; mpmath checks them on a grid below."""
from __future__ import annotations

import mpmath
import pytest

from kernel_rules import assert_decided, assert_rejected, proved_certificate, rejects_each
from symact.kernel import algebra

PROVED = ["sigmoid(0.99*x) <= sigmoid(x) for x > 0", "sigmoid(0.9999999999*x) < sigmoid(x) for x > 0",
          "sigmoid(0.99*x) >= sigmoid(x) for x < 0", "sigmoid(x - 1e-30) < sigmoid(x)",
          "1/(1 + exp(-x)) <= 1/(1 + exp(-2*x)) for x >= 0", "sqrt(x**2 + 1) < sqrt(x**2 + 2)",
          "(1 + exp(x))**(1/3) < (2 + exp(x))**(1/3)"]
REFUTED = ["sigmoid(0.99*x) <= sigmoid(x)", "sigmoid(1.01*x) < sigmoid(x) for x > 0",
           "sigmoid(0.9999999999*x) >= sigmoid(x) for x > 0", "sqrt(x**2 + 1) > sqrt(x**2 + 2)"]


def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def test_the_ground_truth():
    with mpmath.workdps(40):
        for k in range(1, 200):
            x = mpmath.mpf(k) / 8
            a = mpmath.mpf("0.9999999999")
            assert sigmoid(a * x) < sigmoid(x) and sigmoid(-a * x) > sigmoid(-x)
            assert sigmoid(mpmath.mpf("0.99") * x) < sigmoid(x) < sigmoid(mpmath.mpf("1.01") * x)
    with mpmath.workdps(80):  # sigmoid(x - 10^-30) differs from sigmoid(x) by about 10^-30 sigmoid'(x)
        for k in range(-80, 80):
            x = mpmath.mpf(k) / 8
            assert sigmoid(x - mpmath.mpf(10) ** -30) < sigmoid(x)
        assert sigmoid(mpmath.mpf("0.99") * -1) > sigmoid(-1)  # the claim on all of R fails for x < 0


@pytest.mark.parametrize("text", PROVED)
def test_proved(text):
    assert_decided(text, "proved")


def test_the_power_node_is_used():
    proof = proved_certificate("sigmoid(0.99*x) <= sigmoid(x) for x > 0")["proof"][0]
    assert proof["rule"] == "outer" and proof["fn"] == "pow" and proof["power"] == "-1"


@pytest.mark.parametrize("text", REFUTED)
def test_refuted(text):
    assert_decided(text, "refuted")


def _outer(cert):
    return cert["proof"][0]


test_corruptions_are_rejected = rejects_each("sigmoid(0.99*x) <= sigmoid(x) for x > 0", {
    "power 0": lambda c: _outer(c).update(power="0"),
    "another power": lambda c: _outer(c).update(power="-2"),
    "power as a number": lambda c: _outer(c).update(power=-1),
    "a float power": lambda c: _outer(c).update(power="-1.0"),
    "arguments swapped": lambda c: _outer(c).update(u=_outer(c)["v"], v=_outer(c)["u"]),
    "increasing read for decreasing": lambda c: _outer(c).update(fn="exp"),
    "the domain reaching x < 0": lambda c: c["claim"].update(domain=[["-1", "oo", False, False]]),
    "the converse relation": lambda c: c["claim"].update(rel=">="),
})


def test_a_base_that_is_not_certainly_positive_is_rejected(tmp_path):
    """x^2 - (x - 1)^2 = 2x - 1 and t^2 is not monotone on R: (u^2 - v^2 >= 0 from u - v = 1 >= 0 is false at
    x = 0, where 0 < 1); the kernel refuses the node because x and x - 1 are not certainly > 0 on [-1, 1]."""
    u, v = ["x"], ["add", ["x"], ["num", "-1"]]
    cert = {"format": "symact-kernel/1", "verdict": "proved",
            "claim": {"var": "x", "lhs": ["pow", u, "2"], "rel": ">=", "rhs": ["pow", v, "2"],
                      "domain": [["-1", "1", True, True]]},
            "proof": [{"rule": "outer", "fn": "pow", "power": "2", "u": u, "v": v, "by": {"rule": "eval"}}]}
    assert_rejected(cert, tmp_path)
    cert["claim"]["domain"] = [["2", "3", True, True]]  # both bases > 0 there: accepted
    from symact.kernel import check
    assert check(cert)[0] == "proved"


def _term(text):
    import sympy as sp

    from symact.kernel.terms import from_sympy
    from symact.parsing import parse_expression
    return from_sympy(parse_expression(text), sp.Symbol("x", real=True))


@pytest.mark.parametrize("text, zero", [
    ("exp(0.9999999999*x)*exp(-0.9999999999*x) - 1", True),
    ("(1 + exp(-0.9999999999*x)) - (1 + exp(-x)) - (exp(-0.9999999999*x) - exp(-x))", True),
    ("exp(0.9999999999*x)**2 - exp(1.9999999998*x)", True),
    ("exp(0.9999999999*x) - exp(x)", False),
    ("exp(0.9999999999*x)*exp(x) - exp(2*x)", False),
])
def test_exponentials_of_incommensurable_slopes(text, zero):
    """e^(0.9999999999 x) and e^x are independent generators: identities that hold for independent values are
    proved; e^(0.9999999999 x) e^x = e^(1.9999999999 x), which needs the sum of slopes, is not (left open)."""
    assert algebra.is_zero(_term(text)) is zero
    if not zero:
        with mpmath.workdps(30):
            x = mpmath.mpf(5)
            a = mpmath.mpf("0.9999999999")
            assert abs(mpmath.exp(a * x) - mpmath.exp(x)) > 10 ** -12

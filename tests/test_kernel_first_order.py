"""The kernel's limit calculus on a product with f(u), u -> 0, f(0) = 0 and f'(0) = 1 (symact/kernel/limits.py):
f(u) = u h(u) with h(u) -> 1, the integer powers of x and the exponentials of the product joined, so
sin(e^-x) e^x = e^-x e^x h(e^-x) -> 1 and x sin(1/x) -> 1 (issue 11).  True claims proved, false ones never
proved, every corruption of the certificate rejected (also by ``symact verify``), and a function whose slope at 0
is not 1 (erf) or whose argument does not tend to 0 left to the other rules."""
from __future__ import annotations


import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel.ivals import Uncertain
from symact.kernel.limits import limit_at
from symact.kernel.terms import from_json
from symact.parsing import parse_claim

from kernel_rules import assert_decided, assert_rejected, proved_certificate, rejects_each


def test_the_ground_truth():
    """Independent of symact (mpmath at 50 digits): u - u^3/6 <= sin(u) <= u for u >= 0, so with u = e^-x,
    |sin(e^-x) e^x - 1| <= e^(-2x)/6; x sin(1/x) alike within 1/(6x^2); e^x expm1(e^-x) = (e^u - 1)/u is within u of
    1; e^x erf(e^-x) tends to erf'(0) = 2/sqrt(pi) = 1.128..., not 1; e^(2x) sin(e^-x) ~ e^x grows without bound."""
    with mpmath.workdps(50):
        for x in (mpmath.mpf(20) + mpmath.mpf(1) / 3, mpmath.mpf(60) + mpmath.mpf(1) / 7):
            u = mpmath.exp(-x)
            assert abs(mpmath.sin(u) * mpmath.exp(x) - 1) <= mpmath.exp(-2 * x) / 6
            assert abs(x * mpmath.sin(1 / x) - 1) <= 1 / (6 * x ** 2)
            assert abs(-x * mpmath.sin(-1 / x) - 1) <= 1 / (6 * x ** 2)
            assert abs(mpmath.expm1(u) / u - 1) <= u
            assert abs(mpmath.erf(u) / u - 2 / mpmath.sqrt(mpmath.pi)) <= u
            assert mpmath.sin(u) * mpmath.exp(2 * x) > mpmath.exp(x) / 2
            assert abs(-x * mpmath.log1p(-2 / x) - 2) <= 4 / x


@pytest.mark.parametrize("text, verdict", [
    ("limit(sin(exp(-x))*exp(x), x, oo) == 1", "proved"),
    ("limit(exp(x)*expm1(exp(-x)), x, oo) == 1", "proved"),
    ("limit(x*sin(1/x), x, oo) == 1", "proved"),
    ("limit(x*sin(1/x), x, -oo) == 1", "proved"),
    ("limit(x*log1p(2/x), x, -oo) == 2", "proved"),
    ("limit(sin(exp(-x))*exp(x), x, oo) == 1.0000001", "refuted"),
    ("limit(sin(exp(-x))*exp(x), x, oo) == 1/2", "refuted"),
    ("limit(sin(exp(-x))*exp(2*x), x, oo) == 1", "refuted"),
])
def test_first_order_limits_through_check(text, verdict):
    assert_decided(text, verdict)


@pytest.mark.parametrize("text", ["limit(sin(exp(-x))*exp(x), x, oo) == 1.000000000000000000000000000001",
                                  "limit(erf(exp(-x))*exp(x), x, oo) == 1"])
def test_false_neighbours_are_never_proved(text):
    assert check_claim(parse_claim(text), 3.0).status in ("refuted", "unknown")


@pytest.mark.parametrize("term", [
    ["mul", ["fn", "erf", ["fn", "exp", ["mul", ["num", "-1"], ["x"]]]], ["fn", "exp", ["x"]]],  # slope 2/sqrt(pi)
    ["mul", ["fn", "sin", ["add", ["fn", "atan", ["x"]], ["mul", ["num", "-1/2"], ["const", "pi"]]]], ["x"]],
])
def test_the_rule_leaves_other_products_open(term):
    """erf is not in the rule's list (its slope at 0 is not 1); atan(x) - pi/2 tends to 0 by algebra only, which
    the enclosure of its limit does not show (the limit of x sin(atan(x) - pi/2) is -1 all the same)."""
    with pytest.raises(Uncertain):
        limit_at(from_json(term), 1)


EXP_X = ["fn", "exp", ["x"]]
CORRUPTIONS = {
    "another value": lambda c: c["claim"].update(rhs=["num", f"{10 ** 30 + 1}/{10 ** 30}"]),
    "a function with another slope at 0": lambda c: c["claim"].update(
        lhs=["mul", ["fn", "erf", ["fn", "exp", ["mul", ["num", "-1"], ["x"]]]], EXP_X]),
    "an exponential that grows faster": lambda c: c["claim"].update(
        lhs=["mul", ["fn", "sin", ["fn", "exp", ["mul", ["num", "-1"], ["x"]]]],
             ["fn", "exp", ["mul", ["num", "2"], ["x"]]]]),
}


test_corrupted_certificates_are_rejected = rejects_each(
    "limit(sin(exp(-x))*exp(x), x, oo) == 1", CORRUPTIONS)


def test_a_ray_through_0_is_rejected(tmp_path):
    """x sin(1/x) is undefined at 0: a ray toward -oo that reaches past 0 is no ray where f is defined."""
    cert = proved_certificate("limit(x*sin(1/x), x, -oo) == 1")
    cert["proof"]["from"] = "1"
    assert_rejected(cert, tmp_path)

"""The refutation of a smoothness claim (symact/kernel/continuity_claim.py): an ``undefined`` node, a point c of the
domain where a derivative of some order (0 to MAX_ORDER) of f is certainly undefined, so f is not C-infinity on
any neighbourhood of c.  Truths by hand, beside each case:
- |x|^3: f'' = 6|x|, whose one-sided slopes at 0 are -6 and 6, so f''' does not exist at 0.  |x|^5: f'''' = 120|x|;
  |x|^7: f^(6) = 7!|x|, so f^(7) does not exist at 0 (slopes -5040 and 5040); |x|^11 likewise at order 11.
- elu (alpha 1): f' = e^x left of 0, 1 right; f'' = e^x and 0, so f''(0) does not exist.  relu: f'(0) does not.
- sqrt(x) for x >= 0: undefined left of 0, so not C-infinity on a neighbourhood of 0 (the claim's sense).
- x^2 sin(1/x): undefined at 0 as written (a division by zero), whatever its limit there.
- x^2, sqrt(x^4 + x^6) = x^2 sqrt(1 + x^2) and gelu are C-infinity on R; sqrt(x) is on (0, oo).
- mish(x)|x|: mish(x) = x m(x) with m(x) = tanh(log(1 + e^x)), m(0) = tanh(log 2) = 3/5, so f = x|x| m(x) and
  f' = 2|x| m(x) + x|x| m'(x), whose one-sided slopes at 0 are -2 m(0) and 2 m(0) = -6/5 and 6/5: f'' does not
  exist at 0, though f(0) = 0 tanh(log 2) 0 has no rational factor but the 0.
"""
from __future__ import annotations

import copy

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel.continuity_claim import MAX_DERIVATIVE_NODES, MAX_ORDER
from symact.parsing import parse_claim

from kernel_rules import assert_decided, assert_rejected


def test_the_ground_truth():
    """Independent of symact (mpmath at 60 digits): the one-sided difference quotients the cases rest on."""
    with mpmath.workdps(60):
        for h in (mpmath.mpf(10) ** -10, mpmath.mpf(10) ** -25):
            second = lambda x: 6 * abs(x)  # noqa: E731  (|x|^3)'' away from 0 and at 0
            assert (second(h) - second(0)) / h == 6 and (second(-h) - second(0)) / -h == -6
            elu2 = lambda x: mpmath.exp(x) if x < 0 else 0  # noqa: E731  elu'' off 0
            assert abs((mpmath.exp(-h) - 1) / -h - 1) < h           # elu' = e^x has slope 1 from the left...
            assert elu2(h) == 0                                        # ...and 0 from the right
            assert abs(mpmath.sqrt(h ** 4 + h ** 6) - h ** 2 * mpmath.sqrt(1 + h ** 2)) < h ** 8
            d = mpmath.diff(lambda x: x * mpmath.tanh(mpmath.log1p(mpmath.exp(x))) * abs(x), h)  # f'(h), h > 0
            assert abs(d / h - mpmath.mpf(6) / 5) < 10 * h and abs(mpmath.tanh(mpmath.log(2)) - mpmath.mpf(3) / 5) < h


@pytest.mark.parametrize("text, verdict", [
    ("smooth(Abs(x)**3)", "refuted"),
    ("smooth(Abs(x)**5)", "refuted"),
    ("smooth(Abs(x)**7)", "refuted"),
    ("smooth(Abs(x)**11)", "refuted"),
    ("smooth(elu(x))", "refuted"),
    ("smooth(relu(x))", "refuted"),
    ("smooth(sqrt(x)) for x >= 0", "refuted"),
    ("smooth(x**2*sin(1/x))", "refuted"),
    ("smooth(mish(x)*Abs(x))", "refuted"),
    ("continuous(diff(diff(mish(x)*Abs(x), x), x))", "refuted"),
    ("continuous(diff(mish(x)*Abs(x), x))", "proved"),
    ("continuous(x*log(x)) for x >= 0", "refuted"),
    ("smooth(x**2)", "proved"),
    ("smooth(sqrt(x**4 + x**6))", "proved"),
    ("smooth(gelu(x))", "proved"),
    ("smooth(sqrt(x)) for x > 0", "proved"),
])
def test_smoothness_is_proved_or_refuted(text, verdict):
    assert_decided(text, verdict)


def _refutation() -> dict:
    got = check_claim(parse_claim("smooth(Abs(x)**3)"), 3.0)
    assert got.status == "refuted", got.reason
    return got.certificate.data


CORRUPTIONS = {
    "an order where the derivative exists": lambda c: c["proof"].update(order=2),
    "a point where f is smooth": lambda c: c["proof"].update(at="1/2"),
    "an order beyond the kernel's": lambda c: c["proof"].update(order=MAX_ORDER + 1),
    "a negative order": lambda c: c["proof"].update(order=-1),
    "an order that is not an integer": lambda c: c["proof"].update(order=True),
    "no order": lambda c: c["proof"].pop("order"),
    "another rule": lambda c: c["proof"].update(rule="jump"),
    "a domain without the point": lambda c: c["claim"].update(domain=[["0", "oo", False, False]]),
    "the other verdict": lambda c: c.update(verdict="proved"),
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_corruptions_of_a_refutation_are_rejected(name, tmp_path):
    cert = copy.deepcopy(_refutation())
    assert cert["proof"] == {"rule": "undefined", "at": "0", "order": 3}
    CORRUPTIONS[name](cert)
    assert_rejected(cert, tmp_path)


def test_a_product_with_a_zero_factor_is_zero_only_where_the_others_are_defined():
    """The exact value of a product with a factor 0 (the kernel's exact_value): 0 where the other factors are
    defined at the point (x tanh(log(1 + e^x)) at 0), none where one is not (x log x and x / x at 0)."""
    from fractions import Fraction

    from symact.kernel.evaluate import exact_value

    x, zero = ("x",), Fraction(0)
    assert exact_value(("mul", x, ("fn", "tanh", ("fn", "log", ("add", ("num", Fraction(1)), ("fn", "exp", x))))),
                       zero) == 0
    assert exact_value(("mul", x, ("fn", "log", x)), zero) is None
    assert exact_value(("mul", x, ("pow", x, Fraction(-1))), zero) is None
    assert exact_value(("mul", ("add", x, ("num", Fraction(-1))), ("fn", "tanh", x)), Fraction(1)) == 0


def test_an_order_where_the_product_is_still_differentiable_is_rejected(tmp_path):
    got = check_claim(parse_claim("smooth(mish(x)*Abs(x))"), 3.0)
    cert = copy.deepcopy(got.certificate.data)
    assert cert["proof"] == {"rule": "undefined", "at": "0", "order": 2}
    cert["proof"]["order"] = 1
    assert_rejected(cert, tmp_path)


def test_a_derivative_too_large_to_check_is_rejected_by_its_size():
    """gelu(x)|x|^7 = sign(x) x^8 Phi(x): its 7th derivative has slopes -8!/2 and 8!/2 at 0 (Phi(0) = 1/2), so the
    8th does not exist there and the claim is false; but that derivative's formula has about 350,000 nodes, more
    than the kernel encloses (MAX_DERIVATIVE_NODES): it rejects the true refutation by the count, and the search
    leaves the claim unknown (never proved)."""
    from fractions import Fraction

    from symact.kernel import Rejected, check
    from symact.kernel.derivative import differentiate
    from symact.kernel.evaluate import germ
    from symact.kernel.terms import subterms, to_json
    from symact.parsing import parse_expression
    from symact.sympy_terms import from_sympy

    e = parse_expression("gelu(x)*Abs(x)**7")
    t = from_sympy(e, next(iter(e.free_symbols)))
    g = germ(t, Fraction(0), 1)
    for _ in range(8):
        g = differentiate(g)
    assert sum(1 for _ in subterms(g)) > MAX_DERIVATIVE_NODES
    cert = {"format": "symact-kernel/1", "verdict": "refuted", "proof": {"rule": "undefined", "at": "0", "order": 8},
            "claim": {"var": "x", "smooth": to_json(t), "domain": [["-oo", "oo", False, False]]}}
    with pytest.raises(Rejected, match="nodes"):
        check(cert)
    assert check_claim(parse_claim("smooth(gelu(x)*Abs(x)**7)"), 30.0).status == "unknown"

"""The kernel's ``no-ray`` refutation of limit claims (symact/kernel/limit_claim.py): f is undefined on a whole ray
toward the end, or at a + t pi k for every integer k beyond a bound, so it is defined on no ray there (a limit
claim says it is).  Its verdicts through ``symact check``, true claims never refuted, and forged certificates
rejected."""
from __future__ import annotations

import copy

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

X = ["x"]
SIN = ["fn", "sin", X]
HALF_PI = ["mul", ["num", "1/2"], ["const", "pi"]]


def test_the_ground_truth():
    """Independent of symact (mpmath at 50 digits): log(x) and log(1 + x) are undefined (complex) for x < -1 and
    sqrt(-x) for x > 0, at any distance; sin(k pi) = 0, so 1/sin(x) and log(sin(x)) are undefined at every k pi; at
    x = 3 pi/2 + 2 k pi, x sin(x) = -x < 0, so sqrt(x sin(x)) is undefined there.  log(x) at +oo, sqrt(x^2 - 4) at
    -oo and 1/(x + sin(x)) at +oo are defined on the whole ray (x > 1, x < -2, x > 1: x + sin(x) >= x - 1 > 0)."""
    with mpmath.workdps(50):
        for k in (10 ** 3, 10 ** 9):
            assert mpmath.log(mpmath.mpf(-k)).imag != 0 and mpmath.sqrt(mpmath.mpf(-k)).imag != 0
            assert abs(mpmath.sin(k * mpmath.pi)) < mpmath.mpf(10) ** -30
            x = 3 * mpmath.pi / 2 + 2 * k * mpmath.pi
            assert x * mpmath.sin(x) < -k
            y = mpmath.mpf(k) + mpmath.mpf(1) / 3
            assert y + mpmath.sin(y) > 0 and (-y) ** 2 - 4 > 0


@pytest.mark.parametrize("text", ["limit(log(x), x, -oo) == oo", "limit(sqrt(-x), x, oo) == 0",
                                  "limit(log(1 + x) - x, x, -oo) == oo", "limit(1/sin(x), x, oo) == 0",
                                  "limit(log(sin(x)), x, oo) == 0", "limit(sqrt(x*sin(x)), x, oo) == oo"])
def test_functions_defined_on_no_ray_are_refuted(text):
    got = check_claim(parse_claim(text), 3.0)
    assert got.status == "refuted" and got.certificate.data["proof"]["rule"] == "no-ray", (text, got.reason)
    assert check(got.certificate.data)[0] == "refuted"


@pytest.mark.parametrize("text", ["limit(log(x), x, oo) == oo", "limit(sqrt(x**2 - 4), x, -oo) == oo",
                                  "limit(1/(x + sin(x)), x, oo) == 0"])
def test_true_claims_are_not_refuted(text):
    assert check_claim(parse_claim(text), 3.0).status != "refuted"


def _claim(lhs, end="oo"):
    return {"var": "x", "lhs": lhs, "rel": "==", "rhs": ["num", "0"], "domain": [], "limit": end}


def _cert(lhs, end="oo", **node):
    return {"format": "symact-kernel/1", "claim": _claim(lhs, end), "verdict": "refuted",
            "proof": {"rule": "no-ray", **node}}


INV_SIN = ["pow", SIN, "-1"]
SQRT_X_SIN = ["pow", ["mul", X, SIN], "1/2"]


@pytest.mark.parametrize("cert", [
    _cert(["fn", "log", X], **{"from": "1"}),                          # log is defined on (1, oo)
    _cert(["fn", "log", X], "-oo", **{"from": "1"}),                   # (-oo, 1) holds points where log is defined
    _cert(["pw", [["fn", "log", X], ["rel", "<", X, ["num", "0"]]], [X, ["true"]]], "oo", **{"from": "1"}),
    _cert(INV_SIN, **{"from": "1", "period": "2", "at": HALF_PI}),     # sin = 1 there: 1/sin is defined
    _cert(INV_SIN, **{"from": "1", "period": "1", "at": ["num", "0"]}),  # a period of pi: no multiple of 2 pi
    _cert(INV_SIN, **{"from": "1", "period": "2", "at": ["num", "1/1000000"]}),  # sin(10^-6) != 0
    _cert(INV_SIN, **{"from": "1", "period": "2", "at": X}),           # a phase with x
    # a period 0: every x_k is the phase 0, where 1/x is undefined, though 1/x -> 0 at oo
    _cert(["pow", X, "-1"], **{"from": "1", "period": "0", "at": ["num", "0"]}),
    _cert(SQRT_X_SIN, **{"from": "1", "period": "2", "at": HALF_PI}),  # x sin x = x > 0 there
    _cert(["pow", ["fn", "sin", ["pow", X, "2"]], "-1"], **{"from": "1", "period": "2", "at": ["num", "0"]}),
    # log(d/dx cos x) = log(-sin x) is log(1) = 0 at -pi/2 + 2 k pi: along x_k, cos(-pi/2) would be a constant
    # whose derivative is 0
    _cert(["fn", "log", ["deriv", ["fn", "cos", X]]], **{"from": "1", "period": "2",
                                                         "at": ["mul", ["num", "-1/2"], ["const", "pi"]]}),
])
def test_forged_certificates_are_rejected(cert):
    with pytest.raises(Rejected):
        check(cert)


def test_a_refutation_does_not_prove():
    cert = copy.deepcopy(_cert(INV_SIN, **{"from": "1", "period": "2", "at": ["num", "0"]}))
    assert check(cert)[0] == "refuted"
    cert["verdict"] = "proved"
    with pytest.raises(Rejected):
        check(cert)

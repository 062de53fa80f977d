"""The kernel's ``squeeze`` rule for limit claims (symact/kernel/limit_claim.py): f -> L at an end where a kernel
certificate proves |f - L| <= g on a ray there and the calculus sends g to 0.  Its verdicts through ``symact
check``, true claims never refuted and false ones never proved, every side condition, and every corruption of a
certificate rejected (also by ``symact verify``)."""
from __future__ import annotations

import copy
import json

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.kernel.verify import main as verify_main
from symact.parsing import parse_claim

from kernel_rules import assert_decided, assert_rejected


def test_the_ground_truth():
    """Independent of symact (mpmath at 50 digits): sin(x)/x, cos(x) e^-x, sin(x^2)/x and tanh(x) cos(3x)/sqrt(x)
    are at most 1/x, e^-x, 1/x, x^(-1/2) in absolute value for x > 1 (|sin|, |cos|, |tanh| <= 1), and those bounds
    tend to 0: each limit at oo is 0 (sin(x)/x at -oo too: |sin x / x| <= -1/x), so that of sin(x)/x + 1 is 1;
    cos(x)^2 + sin(x)^2 - 1 is 0 (to 45 digits here).  Far out sin(x)/x is not near 1/100 or 1 (its size is below
    10^-6 at 10^6 + 1/3)."""
    with mpmath.workdps(50):
        for x in (mpmath.mpf(10) ** 6 + mpmath.mpf(1) / 3, mpmath.mpf(10) ** 12 + mpmath.mpf(1) / 7):
            assert abs(mpmath.sin(x) / x) <= 1 / x < mpmath.mpf(10) ** -6
            assert abs(mpmath.cos(x) * mpmath.exp(-x)) <= mpmath.exp(-x)
            assert abs(mpmath.sin(x ** 2) / x) <= 1 / x
            assert abs(mpmath.tanh(x) * mpmath.cos(3 * x) / mpmath.sqrt(x)) <= 1 / mpmath.sqrt(x)
            assert abs(mpmath.sin(-x) / -x) <= 1 / x
            assert abs(mpmath.cos(x) ** 2 + mpmath.sin(x) ** 2 - 1) < mpmath.mpf(10) ** -45


@pytest.mark.parametrize("text, verdict", [
    ("limit(sin(x)/x, x, oo) == 0", "proved"),
    ("limit(sin(x)/x, x, -oo) == 0", "proved"),
    ("limit(cos(x)*exp(-x), x, oo) == 0", "proved"),
    ("limit(sin(x**2)/x, x, oo) == 0", "proved"),
    ("limit(tanh(x)*cos(3*x)/sqrt(x), x, oo) == 0", "proved"),
    ("limit(sin(x)/x + 1, x, oo) >= 1", "proved"),
    ("limit(cos(x)**2 + sin(x)**2, x, oo) == 1", "proved"),   # |f - 1| <= 0
    ("limit(sin(x)/x + 1, x, oo) > 1", "refuted"),     # the limit is 1, not above it
    ("limit(sin(x)/x, x, oo) == 1/100", "refuted"),
    ("limit(sin(x)/x, x, oo) == 1", "refuted"),
    ("limit(sin(x)/x, x, oo) == oo", "refuted"),       # a finite limit
    ("limit(sin(x)/x, x, oo) < 0", "refuted"),
])
def test_squeezed_limits_through_check(text, verdict):
    assert_decided(text, verdict)


def _certificate(text="limit(sin(x)/x, x, oo) == 0"):
    got = check_claim(parse_claim(text), 3.0)
    assert got.status == "proved" and got.certificate.data["proof"]["rule"] == "squeeze"
    return got.certificate.data


def test_the_certificate_is_what_verify_accepts(tmp_path):
    cert = _certificate()
    path = tmp_path / "cert.json"
    path.write_text(json.dumps({"status": "proved", "certificate": {"kind": "kernel", "data": cert}}))
    assert verify_main([str(path)]) == 0


def _bound_claim(cert):
    return cert["proof"]["certificate"]["claim"]


CORRUPTIONS = {
    "a bound that does not tend to 0": lambda c: c["proof"].update(bound=["num", "1"]),
    "another bound than the certificate's": lambda c: c["proof"].update(bound=["pow", ["x"], "-2"]),
    "the bound's certificate dropped": lambda c: c["proof"].pop("certificate"),
    "another value": lambda c: c["proof"].update(value=["num", "1/100"]),
    "a value with x": lambda c: c["proof"].update(value=["pow", ["x"], "-1"]),
    "another ray": lambda c: c["proof"].update({"from": "1/2"}),
    "the other end": lambda c: c["claim"].update(limit="-oo"),
    "the certificate about another ray": lambda c: _bound_claim(c).update(domain=[["2", "oo", False, False]]),
    "the certificate's relation turned": lambda c: _bound_claim(c).update(rel=">="),
    "the other verdict": lambda c: c.update(verdict="refuted"),
    "another function": lambda c: c["claim"].update(lhs=["mul", ["fn", "cos", ["x"]], ["pow", ["x"], "-1"]]),
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_corrupted_certificates_are_rejected(name, tmp_path):
    cert = copy.deepcopy(_certificate())
    CORRUPTIONS[name](cert)
    assert_rejected(cert, tmp_path)


def test_a_true_bound_on_a_false_limit_is_rejected():
    """|sin(x)/x - 1/100| <= 1/x + 1/100 is true on (1, oo) and provable, but the bound tends to 1/100, not 0:
    the rule must not conclude that the limit is 1/100."""
    got = check_claim(parse_claim("abs(sin(x)/x - 1/100) <= 1/x + 1/100 for x > 1"), 3.0)
    assert got.status == "proved"
    cert = _certificate()
    inner = got.certificate.data
    cert["proof"].update(value=["num", "1/100"],
                         bound=inner["claim"]["rhs"], certificate=inner)
    with pytest.raises(Rejected, match="does not tend to 0"):
        check(cert)

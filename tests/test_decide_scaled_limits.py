"""Limits of a product whose factors tend to 0 and to oo (issue 11: atan tails, x (pi/2 - atan x) -> 1), decided by the
kernel's ``squeeze`` rule with |f - L| <= g proposed by symact/decide/squeeze.py (g = |x|^-k or exp(-k|x|)) and
certified by the search's scaled split (symact/decide/certify.py ``try_scaled``: g = m q, m = x^k or exp(v), the
signs multiplied by the kernel's ``product`` rule after its algebra checks the ``rewrite``).  True claims proved,
false ones refuted, and every corruption of such a certificate rejected (also by ``symact verify``)."""
from __future__ import annotations

import copy

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.parsing import parse_claim

from kernel_rules import assert_decided, assert_rejected


def test_the_ground_truth():
    """Independent of symact (mpmath at 50 digits): pi/2 - atan x = atan(1/x) = 1/x - 1/(3x^3) + ... for x > 0, so
    x (pi/2 - atan x) = x atan(1/x) lies within 1/(2 x^2) of 1 (it is 1 - 1/(3x^2) + O(x^-4)); at -oo
    x (atan x + pi/2) = -|x| atan(1/|x|) -> -1 alike; x^2 (pi/2 - atan x) - x = -1/(3x) + ... -> 0."""
    with mpmath.workdps(50):
        for x in (mpmath.mpf(10) ** 3 + mpmath.mpf(1) / 3, mpmath.mpf(10) ** 9 + mpmath.mpf(1) / 7):
            f = x * (mpmath.pi / 2 - mpmath.atan(x))
            assert abs(f - 1) < 1 / (2 * x ** 2) and abs(f - (1 - 1 / (3 * x ** 2))) < 1 / x ** 4
            assert abs(x * mpmath.atan(1 / x) - 1) < 1 / (2 * x ** 2)
            assert abs(-x * (mpmath.atan(-x) + mpmath.pi / 2) + 1) < 1 / (2 * x ** 2)
            assert abs(x ** 2 * (mpmath.pi / 2 - mpmath.atan(x)) - x) < 1 / x


@pytest.mark.parametrize("text, verdict", [
    ("limit(x*(pi/2 - atan(x)), x, oo) == 1", "proved"),
    ("limit(x*atan(1/x), x, oo) == 1", "proved"),
    ("limit(x*(atan(x) + pi/2), x, -oo) == -1", "proved"),
    ("limit(x*(pi/2 - atan(x)), x, oo) < 1.0000001", "proved"),
    ("limit(x*(pi/2 - atan(x)), x, oo) == 2", "refuted"),
    ("limit(x*(pi/2 - atan(x)), x, oo) < 1", "refuted"),
    ("limit(x*(pi/2 - atan(x)), x, oo) == oo", "refuted"),
])
def test_scaled_limits_through_check(text, verdict):
    assert_decided(text, verdict)


@pytest.mark.parametrize("text", ["x*(pi/2 - atan(x)) <= 1 for x > 1", "x*(pi/2 - atan(x)) >= 1 - 1/x**2 for x > 1"])
def test_the_scaled_split_proves_an_ordinary_claim(text):
    """x (pi/2 - atan x) - 1 = x (pi/2 - atan x - 1/x): the second factor tends to 0 (which the calculus sees) and
    is monotone, so a tail argument gives its sign; as written, the calculus meets 0 * oo."""
    assert_decided(text, "proved")


def _certificate():
    got = check_claim(parse_claim("limit(x*(pi/2 - atan(x)), x, oo) == 1"), 3.0)
    assert got.status == "proved" and got.certificate.data["proof"]["rule"] == "squeeze"
    return got.certificate.data


def _scaled(cert):
    """The first ``rewrite`` node of the squeeze's certificate whose sub-node is a ``product`` (the scaled split)."""
    def walk(node):
        if isinstance(node, dict):
            if node.get("rule") == "rewrite" and node["by"].get("rule") == "product":
                return node
            for v in node.values():
                found = walk(v)
                if found:
                    return found
        if isinstance(node, list):
            return next((f for f in map(walk, node) if f), None)
        return None
    return walk(cert["proof"]["certificate"])


def _flip(node):
    node["by"]["factors"][0]["rel"] = "<"


CORRUPTIONS = {
    "the scale's factor doubled": lambda c: _scaled(c)["as"].__setitem__(1, ["mul", ["num", "2"], ["x"]]),
    "the scale's sign flipped": lambda c: _flip(_scaled(c)),
    "a factor's node dropped": lambda c: _scaled(c)["by"]["factors"].pop(),
    "a tighter bound": lambda c: c["proof"].update(bound=["pow", ["x"], "-3"]),
    "another value": lambda c: c["proof"].update(value=["num", "9/10"]),
    "another claimed value": lambda c: c["claim"].update(rhs=["num", "9/10"]),
    "the other verdict": lambda c: c.update(verdict="refuted"),
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_corrupted_certificates_are_rejected(name, tmp_path):
    cert = copy.deepcopy(_certificate())
    assert _scaled(cert) is not None
    CORRUPTIONS[name](cert)
    assert_rejected(cert, tmp_path)

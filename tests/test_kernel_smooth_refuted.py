"""The refutation of a smoothness claim (symact/kernel/continuity_claim.py): an ``undefined`` node, a point c of the
domain where a derivative of some order (0 to MAX_ORDER) of f is certainly undefined, so f is not C-infinity on
any neighbourhood of c.  Truths by hand, beside each case:
- |x|^3: f'' = 6|x|, whose one-sided slopes at 0 are -6 and 6, so f''' does not exist at 0.  |x|^5: f'''' = 120|x|.
- elu (alpha 1): f' = e^x left of 0, 1 right; f'' = e^x and 0, so f''(0) does not exist.  relu: f'(0) does not.
- sqrt(x) for x >= 0: undefined left of 0, so not C-infinity on a neighbourhood of 0 (the claim's sense).
- x^2 sin(1/x): undefined at 0 as written (a division by zero), whatever its limit there.
- x^2, sqrt(x^4 + x^6) = x^2 sqrt(1 + x^2) and gelu are C-infinity on R; sqrt(x) is on (0, oo).
"""
from __future__ import annotations

import copy

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel.continuity_claim import MAX_ORDER
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


@pytest.mark.parametrize("text, verdict", [
    ("smooth(Abs(x)**3)", "refuted"),
    ("smooth(Abs(x)**5)", "refuted"),
    ("smooth(elu(x))", "refuted"),
    ("smooth(relu(x))", "refuted"),
    ("smooth(sqrt(x)) for x >= 0", "refuted"),
    ("smooth(x**2*sin(1/x))", "refuted"),
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

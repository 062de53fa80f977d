"""Limits of a difference with a square root (issue 11): the kernel's ``limit`` rule with an equal form ``as`` and the
factored forms ``factored`` of the polynomials under its roots (symact/kernel/limit_claim.py), proposed by the
conjugate (symact/decide/conjugate.py).  True claims proved, false ones never proved, and every corruption of a
certificate rejected (also by ``symact verify``)."""
from __future__ import annotations

import copy
import json
from fractions import Fraction

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.kernel.algebra import is_zero
from symact.kernel.terms import from_json, sub
from symact.kernel.verify import main as verify_main
from symact.parsing import parse_claim

from kernel_rules import assert_decided, assert_rejected


def test_the_ground_truth():
    """Independent of symact (mpmath at 50 digits): sqrt(x^2 + x) - x = x/(sqrt(x^2 + x) + x) = 1/(sqrt(1 + 1/x) + 1)
    for x > 0, which tends to 1/2 from below (|f - 1/2| < 1/(8x)); sqrt(x^2 + 1) - x = 1/(sqrt(x^2 + 1) + x) lies in
    (0, 1/(2x)); sqrt(x + 1) - sqrt(x) = 1/(sqrt(x + 1) + sqrt(x)) in (0, 1/(2 sqrt(x))); x - sqrt(x^2 - 1) =
    1/(x + sqrt(x^2 - 1)) in (0, 1/x); so the limits at oo are 1/2, 0, 0, 0, and 1/2 is 1e-7 below 0.5000001."""
    with mpmath.workdps(50):
        for x in (mpmath.mpf(10) ** 6 + mpmath.mpf(1) / 3, mpmath.mpf(10) ** 12 + mpmath.mpf(1) / 7):
            f = mpmath.sqrt(x ** 2 + x) - x
            assert 0 < mpmath.mpf(1) / 2 - f < 1 / (8 * x)
            assert 0 < mpmath.sqrt(x ** 2 + 1) - x < 1 / (2 * x)
            assert 0 < mpmath.sqrt(x + 1) - mpmath.sqrt(x) < 1 / (2 * mpmath.sqrt(x))
            assert 0 < x - mpmath.sqrt(x ** 2 - 1) < 1 / x
            assert abs(f - mpmath.mpf("0.5000001")) > mpmath.mpf(10) ** -8


@pytest.mark.parametrize("text, verdict", [
    ("limit(sqrt(x**2 + x) - x, x, oo) == 1/2", "proved"),
    ("limit(sqrt(x**2 + 1) - x, x, oo) == 0", "proved"),
    ("limit(sqrt(x + 1) - sqrt(x), x, oo) == 0", "proved"),
    ("limit(x - sqrt(x**2 - 1), x, oo) == 0", "proved"),
    ("limit(sqrt(x**2 + x) - x, x, oo) < 0.5000001", "proved"),
    ("limit(sqrt(x**2 + x) - x, x, oo) == 0.5000001", "refuted"),
    ("limit(sqrt(x**2 + 1) - x, x, oo) > 0", "refuted"),      # f > 0 everywhere, but its limit is 0
    ("limit(x - sqrt(x**2 - 1), x, oo) == oo", "refuted"),
])
def test_conjugate_limits_through_check(text, verdict):
    assert_decided(text, verdict)


def _certificate(text="limit(sqrt(x**2 + x) - x, x, oo) == 1/2"):
    got = check_claim(parse_claim(text), 3.0)
    assert got.status == "proved" and "factored" in got.certificate.data["proof"]
    return got.certificate.data


def test_the_certificate_is_what_verify_accepts(tmp_path):
    path = tmp_path / "cert.json"
    path.write_text(json.dumps({"status": "proved", "certificate": {"kind": "kernel", "data": _certificate()}}))
    assert verify_main([str(path)]) == 0


#: 1/(1 + sqrt(1 + 1/x)) with 1/x turned into 2/x: tends to 1/2 as well, but is not f
OTHER_FORM = ["pow", ["add", ["num", "1"], ["pow", ["add", ["num", "1"], ["mul", ["num", "2"], ["pow", ["x"], "-1"]]],
                                            "1/2"]], "-1"]
CORRUPTIONS = {
    "another form with the same limit": lambda c: c["proof"].update({"as": OTHER_FORM}),
    "the factored forms dropped": lambda c: c["proof"].pop("factored"),
    "a factored form of another polynomial": lambda c: c["proof"].update(
        factored=[["mul", ["x"], ["add", ["x"], ["num", "2"]]]]),
    "a ray where f is partly undefined": lambda c: c["proof"].update({"from": "-1/2"}),
    "the other end": lambda c: c["claim"].update(limit="-oo"),
    "the other end and a ray there": lambda c: (c["claim"].update(limit="-oo"), c["proof"].update({"from": "-2"})),
    "the other verdict": lambda c: c.update(verdict="refuted"),
    "another value": lambda c: c["claim"].update(rhs=["num", "1/3"]),
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_corrupted_certificates_are_rejected(name, tmp_path):
    cert = copy.deepcopy(_certificate())
    CORRUPTIONS[name](cert)
    assert_rejected(cert, tmp_path)


def test_a_factored_form_does_not_take_a_root_apart_where_a_factor_is_negative():
    """At -oo sqrt(x^2 + x) - x tends to +oo (both terms grow), not 1/2: on (-oo, -2) x and x + 1 are negative, so
    sqrt(x (x + 1)) is not sqrt(x) sqrt(x + 1) (neither is defined) and the form 1/(1 + sqrt(1 + 1/x)) of the ray
    (1, oo) must not be accepted there, whatever factored forms the certificate gives."""
    cert = copy.deepcopy(_certificate())
    cert["claim"]["limit"] = "-oo"
    cert["proof"]["from"] = "-2"
    for factored in ([["mul", ["x"], ["add", ["x"], ["num", "1"]]]],
                     [["mul", ["mul", ["num", "-1"], ["x"]], ["add", ["mul", ["num", "-1"], ["x"]], ["num", "-1"]]]]):
        cert["proof"]["factored"] = factored
        with pytest.raises(Rejected):
            check(cert)
    with mpmath.workdps(50):  # the truth there, independently of symact: f(-10^6) is about 2 10^6
        assert mpmath.sqrt(mpmath.mpf(10) ** 12 - 10 ** 6) + 10 ** 6 > 10 ** 6


def test_the_ground_truth_at_minus_infinity():
    """Independent of symact (mpmath at 50 digits): for x = -t < 0, sqrt(x^2 - 2x) + x = sqrt(t^2 + 2t) - t =
    2t/(sqrt(t^2 + 2t) + t), which tends to 1 from below (1 - f < 1/(2t)); sqrt(x^2 - 3x) + x tends to 3/2 alike."""
    with mpmath.workdps(50):
        for t in (mpmath.mpf(10) ** 6 + mpmath.mpf(1) / 3, mpmath.mpf(10) ** 12 + mpmath.mpf(1) / 7):
            x = -t
            assert 0 < 1 - (mpmath.sqrt(x ** 2 - 2 * x) + x) < 1 / (2 * t)
            assert 0 < mpmath.mpf(3) / 2 - (mpmath.sqrt(x ** 2 - 3 * x) + x) < 2 / t


@pytest.mark.parametrize("text, verdict", [
    ("limit(sqrt(x**2 - 2*x) + x, x, -oo) == 1", "proved"),
    ("limit(sqrt(x**2 - 3*x) + x, x, -oo) == 3/2", "proved"),
    ("limit(sqrt(x**2 - 2*x) + x, x, -oo) == 1/2", "refuted"),
    ("limit(sqrt(x**2 - 2*x) + x, x, -oo) < 1", "refuted"),
])
def test_conjugate_limits_at_minus_infinity(text, verdict):
    """At -oo the conjugate form has sqrt(1 - 2/x), whose base (x - 2)/x the kernel's exact algebra takes apart as
    (2 - x)^(1/2) (-x)^(-1/2): both parts negative on the ray (symact/kernel/algebra.py)."""
    assert_decided(text, verdict)


def test_a_root_of_a_quotient_is_not_taken_apart_where_its_parts_have_other_signs():
    """sqrt((x - 2)/x) = sqrt(2 - x)/sqrt(-x) for x < 0 (both parts negative), but on (0, 2) the base is negative
    and sqrt(2 - x)/sqrt(-x) undefined, and for x > 2 sqrt(2 - x) is undefined: the rule applies on (-oo, -1) only,
    and the other pairing sqrt(x - 2)/sqrt(x), undefined for x < 0, is no form of the root there."""
    root = ["pow", ["add", ["num", "1"], ["mul", ["num", "-2"], ["pow", ["x"], "-1"]]], "1/2"]
    apart = ["mul", ["pow", ["add", ["num", "2"], ["mul", ["num", "-1"], ["x"]]], "1/2"],
             ["pow", ["mul", ["num", "-1"], ["x"]], "-1/2"]]
    other = ["mul", ["pow", ["add", ["x"], ["num", "-2"]], "1/2"], ["pow", ["x"], "-1/2"]]
    ray = (None, Fraction(-1), False, False)
    assert is_zero(sub(from_json(root), from_json(apart)), ray)
    assert not is_zero(sub(from_json(root), from_json(other)), ray)
    assert not is_zero(sub(from_json(root), from_json(apart)), (Fraction(3), None, False, False))
    with mpmath.workdps(30):  # the identity at x = -7, independently
        assert mpmath.almosteq(mpmath.sqrt(1 + mpmath.mpf(2) / 7), mpmath.sqrt(9) / mpmath.sqrt(7))

"""Bounds touched at an irrational point (issue 11, "decide more, soundly"): the kernel's rule ``stationary`` (g and
g' exactly 0 at a point c given as a term without x, g'' of one sign: g = g''(xi) (x - c)^2/2) proves them, and the
refutation ``zero-at`` (lhs - rhs exactly 0 at such a c) refutes their strict versions, where no rational point
does.  The ground truth is mpmath's; every corruption of the certificates is rejected, also by ``symact verify``.
Also the search's other way to a tie: a cut at a far critical point where g' is exactly 0 (x = 3000)."""
from __future__ import annotations

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

from kernel_rules import assert_decided, assert_rejected, rejects_each

EXPMIN = "exp(-x/1000) + x/1000000 >= (1 + log(1000))/1000"
GAUSS = "exp(-x**2) + x**2/10**12 >= (1 + 12*log(10))/10**12"
NEAR = "exp(-x/1000) + x/1000000 > (1 + log(1000))/1000 - 1/10**40"


def test_the_ground_truth():
    """Independent of symact (mpmath at 60 digits): exp(-x/1000) + x/10^6 has its minimum (1 + log 1000)/1000 at
    1000 log 1000 (its derivative is 0 there and its second derivative e^(-x/1000)/10^6 > 0 everywhere), and
    exp(-x^2) + x^2/10^12 has its minimum (1 + 12 log 10)/10^12 at +-sqrt(12 log 10); a hair away from the point
    both are above the bound, so the non-strict claims hold and the strict ones fail only at the point; and the
    maximum of tanh(x) - tanh(x - sqrt 2), at sqrt(2)/2."""
    with mpmath.workdps(60):
        c = 1000 * mpmath.log(1000)
        f = lambda x: mpmath.exp(-x / 1000) + x / 10 ** 6  # noqa: E731
        low = (1 + mpmath.log(1000)) / 1000
        assert abs(f(c) - low) < mpmath.mpf(10) ** -55 and mpmath.diff(f, c) < mpmath.mpf(10) ** -40
        assert f(c + mpmath.mpf(10) ** -3) > low and f(c - mpmath.mpf(10) ** -3) > low
        c = mpmath.sqrt(12 * mpmath.log(10))
        h = lambda x: mpmath.exp(-x ** 2) + x ** 2 / mpmath.mpf(10) ** 12  # noqa: E731
        low = (1 + 12 * mpmath.log(10)) / mpmath.mpf(10) ** 12
        assert abs(h(c) - low) < mpmath.mpf(10) ** -55 and abs(h(-c) - low) < mpmath.mpf(10) ** -55
        assert min(h(mpmath.mpf(k) / 100) for k in range(-1000, 1001)) > low
        # tanh(x) - tanh(x - sqrt 2) is even about sqrt(2)/2, its maximum, and within 10^-40 of the bounds below
        c = mpmath.sqrt(2) / 2
        bump = lambda x: mpmath.tanh(x) - mpmath.tanh(x - 2 * c)  # noqa: E731
        top = bump(c)
        assert abs(top - mpmath.mpf("1.21771873002782762077189042800224841037678662")) < mpmath.mpf(10) ** -44
        assert abs(mpmath.diff(bump, c)) < mpmath.mpf(10) ** -40 and bump(c + mpmath.mpf(10) ** -5) < top


@pytest.mark.parametrize("text, verdict", [
    (EXPMIN, "proved"),
    ("exp(-x/10000) + x/100000000 >= (1 + log(10000))/10000", "proved"),
    (GAUSS, "proved"),
    ("exp(-x/1000) + x/1000000 > (1 + log(1000))/1000", "refuted"),
    ("exp(-x**2) + x**2/10**12 > (1 + 12*log(10))/10**12", "refuted"),
    ("exp(-x/1000) + x/1000000 >= (1 + log(1000))/1000 + 1e-30", "refuted"),
    ("-exp(-x/1000) - x/1000000 <= -(1 + log(1000))/1000", "proved"),
    # ties at rational far critical points: cut at the point itself
    ("x*exp(-x/1000) <= 1000*exp(-1)", "proved"),
    ("x**3*exp(-x/1000) <= 27000000000*exp(-3)", "proved"),
    ("x*exp(-x/1000) <= 999*exp(-1)", "refuted"),
    # the minimum -1/e of x log x at 1/e, the second derivative 1/x by sturm
    ("x*log(x) >= -exp(-1) for x > 0", "proved"),
    ("x*log(x) > -exp(-1) for x > 0", "refuted"),
    # bounds 10^-40 from the minimum: g(c) certain by a ball at the point, g'(c) = 0 exactly
    (NEAR, "proved"),
    ("x*log(x) > -exp(-1) - 1/10**40 for x > 0", "proved"),
])
def test_ties_are_decided(text, verdict):
    assert_decided(text, verdict)


def _stationary(cert):
    return cert["proof"][0]


def _at_1000_log_999(cert):
    _stationary(cert)["at"] = ["mul", ["num", "1000"], ["fn", "log", ["num", "999"]]]


def _at_x(cert):
    _stationary(cert)["at"] = ["x"]


def _domain_left_of_the_point(cert):
    cert["claim"]["domain"] = [["-oo", "6000", False, True]]  # the point 6907.8 is outside


def _strict(cert):
    cert["claim"]["rel"] = ">"


def _bound_raised(cert):
    cert["claim"]["rhs"] = ["add", cert["claim"]["rhs"], ["num", "1/1000000000000000000000000000000"]]


def _concave_claim(cert):
    """The mirrored claim -f <= -bound, whose second derivative is < 0, with the rule's relation flipped: the
    sub-node's eval of -f'' >= 0 fails."""
    claim = cert["claim"]
    claim["lhs"], claim["rhs"] = ["mul", ["num", "-1"], claim["lhs"]], ["mul", ["num", "-1"], claim["rhs"]]
    claim["rel"] = ">="


test_corrupted_stationary_certificates_are_rejected = rejects_each(EXPMIN, {
    "another point": _at_1000_log_999,
    "a point with x": _at_x,
    "a point outside the piece": _domain_left_of_the_point,
    "a strict claim": _strict,
    "a raised bound": _bound_raised,
    "the wrong convexity": _concave_claim,
})


def _low_precision(cert):
    _stationary(cert)["bits"] = 64  # g(c) = 10^-40 is not certainly > 0 in a 64-bit ball


def _near_bound_raised(cert):
    cert["claim"]["rhs"] = ["add", cert["claim"]["rhs"], ["num", "1/" + "5" + "0" * 39]]  # 2 10^-40: 10^-40 above


test_corrupted_near_certificates_are_rejected = rejects_each(NEAR, {
    "too few bits": _low_precision,
    "a bound above the minimum": _near_bound_raised,
    "another point": _at_1000_log_999,
})


@pytest.mark.parametrize("text", ["exp(-x/1000) + x/1000000 > (1 + log(1000))/1000 + 1/10**40",
                                  "exp(-x/1000) + x/1000000 >= (1 + log(1000))/1000 + 1/10**40",
                                  "tanh(x) - tanh(x - sqrt(2)) < 1.21771873002782762077189042800224841037668662"])
def test_bounds_past_the_extremum_are_never_proved(text):
    """Each bound is 10^-40 past the extremum (mpmath: the maximum of tanh(x) - tanh(x - sqrt 2), at sqrt(2)/2, is
    1.21771873002782762077189042800224841037678662...)."""
    assert check_claim(parse_claim(text), 3.0).status in ("refuted", "unknown")


def _refutation(text: str) -> dict:
    got = check_claim(parse_claim(text), 3.0)
    assert got.status == "refuted", (text, got.reason)
    assert check(got.certificate.data)[0] == "refuted"
    return got.certificate.data


@pytest.mark.parametrize("name", ["non-strict", "another point", "outside the domain", "a point with x",
                                  "lowered bound"])
def test_corrupted_zero_at_refutations_are_rejected(name, tmp_path):
    cert = _refutation("exp(-x/1000) + x/1000000 > (1 + log(1000))/1000")
    assert cert["proof"]["rule"] == "zero-at"
    if name == "non-strict":  # the claim >= holds (it is proved above): 0 satisfies it
        cert["claim"]["rel"] = ">="
    elif name == "another point":
        cert["proof"]["at"] = ["mul", ["num", "2999"], ["fn", "log", ["num", "10"]]]
    elif name == "outside the domain":
        cert["claim"]["domain"] = [["-oo", "6000", False, True]]
    elif name == "a point with x":
        cert["proof"]["at"] = ["x"]
    else:  # lhs - rhs is 10^-30 at the point, not 0
        cert["claim"]["rhs"] = ["add", cert["claim"]["rhs"], ["num", "-1/1000000000000000000000000000000"]]
    assert_rejected(cert, tmp_path)


def test_a_zero_at_point_where_a_side_is_undefined_is_rejected():
    """log(x - c) - log(x - c) > 0 at x = c (c = 3000 log 10): lhs - rhs is 0 by algebra wherever it is defined,
    but at c neither side is, so the claim does not fail there by a tie (it fails as undefined, another
    refutation)."""
    c = ["mul", ["num", "3000"], ["fn", "log", ["num", "10"]]]
    side = ["fn", "log", ["add", ["x"], ["mul", ["num", "-1"], c]]]
    cert = {"format": "symact-kernel/1", "verdict": "refuted", "proof": {"rule": "zero-at", "at": c},
            "claim": {"var": "x", "lhs": side, "rel": ">", "rhs": side, "domain": [["-oo", "oo", False, False]]}}
    with pytest.raises(Rejected):
        check(cert)


def test_a_zero_at_point_inside_a_derivative_is_rejected():
    """d/dx[e^x] > 0 holds everywhere; with log 2 put for x inside the derivative node, d/dx[e^(log 2)] would read
    as the derivative of a constant, 0: the rule refuses sides with derivatives."""
    cert = {"format": "symact-kernel/1", "verdict": "refuted",
            "proof": {"rule": "zero-at", "at": ["fn", "log", ["num", "2"]]},
            "claim": {"var": "x", "lhs": ["deriv", ["fn", "exp", ["x"]]], "rel": ">", "rhs": ["num", "0"],
                      "domain": [["-oo", "oo", False, False]]}}
    with pytest.raises(Rejected, match="without derivatives"):
        check(cert)


def test_a_symbolic_power_of_x_is_no_scale_for_the_search():
    """x**x has the exponent x: the search's scaled forms (x^k pulled out for a rational k > 0) asked SymPy
    whether x > 0 and failed with "cannot determine truth value" (reported as an internal error, not a verdict);
    the claim is true (x^x >= e^(-1/e) > 0.6922 for x > 0), so it is proved or left unknown, without an error."""
    got = check_claim(parse_claim("x**x > 0.6922 for x > 0"), 3.0)
    assert got.status in ("proved", "unknown") and "report" not in (got.reason or ""), got.reason

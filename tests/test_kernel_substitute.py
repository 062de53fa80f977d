"""The kernel's rule ``substitute`` (issue 11, "decide more, soundly"): a difference d = h(u) on P by exact algebra,
u's values on P certainly in a piece Q, and h REL 0 proved on Q.  With u = e^x, claims about softplus, sigmoid and
tanh tails become claims about a function of u on (0, oo): softplus(-x) < e^-x is log(1 + 1/u) - 1/u < 0, and
1 - tanh x >= 2e^-2x - 2e^-4x is a rational function of u, which ``sturm`` decides.  The ground truth is mpmath's;
false claims are never proved; every corruption of a certificate is rejected, also by ``symact verify``.  Also
the algebra's log u = m v + log(u e^(-m v)) for a power e^(m v) dividing u (softplus(x - 7) - x + 7 > 0)."""
from __future__ import annotations

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.parsing import parse_claim

from kernel_rules import assert_decided, rejects_each

SOFTPLUS_BELOW_EXP = "softplus(-x) < exp(-x)"


def test_the_ground_truth():
    """Independent of symact (mpmath at 200 digits, enough for 1 - tanh(40)), with u = e^-x > 0: log(1 + u) < u
    and log(1 + u) >= u - u^2/2 at points from x = -30 to 40, 1 - tanh x >= 2e^-2x - 2e^-4x there, and
    log(1 + u) < u - u^2/2 + u^3/2 for a small u (so that claim is false)."""
    with mpmath.workdps(200):
        for x in (mpmath.mpf(-30), mpmath.mpf(-1) / 3, mpmath.mpf(0), mpmath.mpf(2), mpmath.mpf(40)):
            u = mpmath.exp(-x)
            assert mpmath.log1p(u) < u and mpmath.log1p(u) >= u - u ** 2 / 2
            assert 1 - mpmath.tanh(x) >= 2 * mpmath.exp(-2 * x) - 2 * mpmath.exp(-4 * x)
            assert mpmath.exp(-x) * mpmath.log1p(mpmath.exp(x)) > 0
        u = mpmath.exp(-mpmath.mpf(10))
        assert mpmath.log1p(u) < u - u ** 2 / 2 + u ** 3 / 2
        assert mpmath.log1p(mpmath.exp(3 - 7)) - 3 + 7 > 0
        for x in (mpmath.mpf(-40), mpmath.mpf(0), mpmath.mpf(40)):  # softplus(2x) - 2 softplus(x) < 0, -> 0 at +-oo
            gap = mpmath.log1p(mpmath.exp(2 * x)) - 2 * mpmath.log1p(mpmath.exp(x))
            assert -mpmath.log(2) <= gap < 0 and (abs(gap) < mpmath.mpf(10) ** -17 or x == 0)


@pytest.mark.parametrize("text, verdict", [
    (SOFTPLUS_BELOW_EXP, "proved"),
    ("softplus(-x) >= exp(-x) - exp(-2*x)/2", "proved"),
    ("1 - tanh(x) >= 2*exp(-2*x) - 2*exp(-4*x)", "proved"),
    ("exp(x)*softplus(-x) < 1", "proved"),
    ("log(1 + exp(x)) - x <= exp(-x)", "proved"),
    ("softplus(x) - relu(x) <= exp(-Abs(x))", "proved"),
    ("softplus(x - 1000) <= exp(x - 1000)", "proved"),
    # log(1 + u^2) - 2 log(1 + u) = log((1 + u^2)(1 + u)^-2) < 0 as (1 + u^2)(1 + u)^-2 < 1 (sturm) for u > 0
    ("softplus(2*x) <= 2*softplus(x)", "proved"),
    ("softplus(2*x) < 2*softplus(x)", "proved"),
    ("softplus(-x) < exp(-x) - exp(-2*x)/3", "refuted"),
    ("softplus(-x) < exp(-x)/2", "refuted"),
    ("softplus(x - 7) - x + 7 > 0", "proved"),
    ("softplus(x - 700) - x + 700 > 0", "proved"),
    ("softplus(x - 7) - x + 6 > 0", "refuted"),
])
def test_claims_about_exponentials_are_decided(text, verdict):
    assert_decided(text, verdict)


@pytest.mark.parametrize("text", ["softplus(-x) > exp(-x) - exp(-2*x)/2 + exp(-3*x)/2",
                                  "softplus(2*x) <= 2*softplus(x) - 1/1000",  # the gap tends to 0 at +-oo
                                  "1 - tanh(x) > 2*exp(-2*x)", "exp(x)*softplus(-x) < 1 - exp(-x)/1000"])
def test_false_claims_are_never_proved(text):
    assert check_claim(parse_claim(text), 3.0).status in ("refuted", "unknown")


def _node(cert):
    return cert["proof"][0]


def _u_doubled(cert):
    _node(cert)["u"] = ["fn", "exp", ["mul", ["num", "2"], ["x"]]]


def _h_shifted(cert):
    _node(cert)["h"] = ["add", _node(cert)["h"], ["pow", ["x"], "-2"]]


def _image_too_small(cert):
    _node(cert)["on"] = ["1", "oo", False, False]  # e^x < 1 for x < 0


def _image_elsewhere(cert):
    _node(cert)["on"] = ["-oo", "0", False, False]


def _non_strict_flipped(cert):
    cert["claim"]["rel"] = ">="


def _h_log(cert):
    _node(cert)["h"] = ["add", ["fn", "log", ["x"]], ["num", "-1000"]]  # h(e^x) = x - 1000 < 0 only for x < 1000


test_corrupted_substitutions_are_rejected = rejects_each(SOFTPLUS_BELOW_EXP, {
    "another u": _u_doubled,
    "another h": _h_shifted,
    "an image that misses values of u": _image_too_small,
    "an image u never reaches": _image_elsewhere,
    "the converse relation": _non_strict_flipped,
    "an h that is not the difference": _h_log,
})

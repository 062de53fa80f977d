"""Inverse functions on a window (symact/kernel/algebra.py, the records' ``undoes_on``): asin(sin u) = u only for
u in [-pi/2, pi/2], acos(cos u) = u only for u in [0, pi], acosh(cosh u) = u only for u >= 0; cos and cosh are
even, so acos(cos u) = -u for u in [-pi, 0] and acosh(cosh u) = -u for u <= 0.  The algebra uses the rule where
the enclosure of u (or of -u) on the piece lies in the window, so an identity is proved on a domain inside it and
a certificate whose domain reaches past the window is rejected.  Truths, by hand: sin is increasing on
[-pi/2, pi/2] and asin is its inverse there; past pi/2, asin(sin u) = pi - u, not u (pi/2 = 1.5707963...)."""
from __future__ import annotations

import mpmath
import pytest

from kernel_rules import assert_decided, assert_rejected, proved_certificate

PROVED = ["asin(sin(x)) == x for -1 <= x <= 1", "asin(sin(x)) == x for 0 <= x <= 1.5707",
          "acos(cos(x)) == x for 0 <= x <= 3", "acos(cos(x)) == x for 3 <= x <= 3.1415",
          "acosh(cosh(x)) == x for x >= 0", "asin(sin(x**2)) == x**2 for -1 <= x <= 1",
          "asin(sin(2*x)) - 2*x == 0 for -3/4 <= x <= 3/4",
          # the reflected window, and ends within 10^-16 of it (the float nearest pi/2 lies 6e-17 below it)
          "acos(cos(x)) == -x for -3 <= x <= 0", "acos(cos(x)) == Abs(x) for -3 <= x <= 3", "acosh(cosh(x)) == Abs(x)",
          "acosh(cosh(x - 1)) == 1 - x for x <= 1", "acos(cos(2*x)) == -2*x for -1.5 <= x <= -0.1",
          "asin(sin(x)) == x for -1.5707963267948966 <= x <= 1.5707963267948966",
          "acos(cos(x)) == Abs(x) for -3.1415926535897932 <= x <= 3.1415926535897932"]
REFUTED = ["asin(sin(x)) == x", "asin(sin(x)) == x for 0 <= x <= 1.5708", "acos(cos(x)) == x for -1/1000 <= x <= 1",
           "acos(cos(x)) == x for 3 <= x <= 3.1416", "acosh(cosh(x)) == x", "asin(sin(x**2)) == x**2 for -2 <= x <= 2",
           "acos(cos(x)) == -x for -3.2 <= x <= 0", "acosh(cosh(x)) == -x for x <= 1/1000",
           "asin(sin(x)) == -x for -1 <= x <= 0",  # sin is odd, not even: asin(sin(-u)) = -u, so this is x = -x
           "asin(sin(x)) == x for -1 <= x <= 1.5707963267948967",
           "acos(cos(x)) == Abs(x) for -3.1415926535897932385 <= x <= 3"]


def test_the_ground_truth():
    """At 40 digits: each identity holds at the ends of its window (and between), and fails just past them."""
    with mpmath.workdps(40):
        pi = mpmath.pi
        for f, g, lo, hi in ((mpmath.asin, mpmath.sin, -pi / 2, pi / 2), (mpmath.acos, mpmath.cos, 0, pi),
                             (mpmath.acosh, mpmath.cosh, 0, 30)):
            for k in range(21):
                u = lo + (hi - lo) * k / 20
                assert abs(f(g(u)) - u) < mpmath.mpf(10) ** -30
        assert abs(mpmath.asin(mpmath.sin(mpmath.mpf("1.5708"))) - mpmath.mpf("1.5708")) > 10 ** -6
        assert abs(mpmath.acos(mpmath.cos(mpmath.mpf("3.1416"))) - mpmath.mpf("3.1416")) > 10 ** -6
        assert abs(mpmath.acos(mpmath.cos(mpmath.mpf("-0.001"))) + mpmath.mpf("0.001")) > 10 ** -4
        assert abs(mpmath.acosh(mpmath.cosh(-1)) - 1) < 10 ** -30  # acosh(cosh(-1)) = 1, not -1
        assert abs(mpmath.asin(mpmath.sin(4)) - (pi - 4)) < 10 ** -30  # x = 2: asin(sin 4) = pi - 4, not 4
        # the decimal ends: 1.5707963267948966 < pi/2 < 1.5707963267948967, and 3.1415926535897932 < pi <
        # 3.1415926535897932385 (pi = 3.14159265358979323846...), so past them the identity fails
        assert mpmath.mpf("1.5707963267948966") < pi / 2 < mpmath.mpf("1.5707963267948967")
        assert mpmath.mpf("3.1415926535897932") < pi < mpmath.mpf("3.1415926535897932385")
        u = mpmath.mpf("3.1415926535897932385")
        assert abs(mpmath.acos(mpmath.cos(-u)) - u) > 10 ** -20  # acos(cos(-u)) = 2 pi - u there, not |x| = u
        for u in (-3, -1, -mpmath.mpf("0.1")):
            assert abs(mpmath.acos(mpmath.cos(u)) + u) < 10 ** -30 and abs(mpmath.acosh(mpmath.cosh(u)) + u) < 10 ** -30
        assert abs(mpmath.acos(mpmath.cos(-mpmath.mpf("3.2"))) - mpmath.mpf("3.2")) > 10 ** -3  # -3.2 < -pi


@pytest.mark.parametrize("text", PROVED)
def test_an_identity_inside_the_window_is_proved(text):
    assert_decided(text, "proved")


@pytest.mark.parametrize("text", REFUTED)
def test_an_identity_past_the_window_is_refuted(text):
    assert_decided(text, "refuted")


@pytest.mark.parametrize("text, domain", [("asin(sin(x)) == x for -1 <= x <= 1", ["-1", "2", True, True]),
                                          ("acos(cos(x)) == x for 0 <= x <= 3", ["-1/10", "3", True, True]),
                                          ("acosh(cosh(x)) == x for x >= 0", ["-1", None, True, False]),
                                          ("asin(sin(x**2)) == x**2 for -1 <= x <= 1", ["-3/2", "1", True, True]),
                                          ("acos(cos(x)) == -x for -3 <= x <= 0", ["-16/5", "0", True, True]),
                                          ("acos(cos(x)) == -x for -3 <= x <= 0", ["-3", "1/1000", True, True]),
                                          ("acosh(cosh(x)) == -x for x <= 0", [None, "1/10", False, True])])
def test_a_certificate_whose_domain_leaves_the_window_is_rejected(text, domain, tmp_path):
    cert = proved_certificate(text)
    cert["claim"]["domain"] = [domain]
    assert_rejected(cert, tmp_path)


@pytest.mark.parametrize("text", ["asin(sin(x)) <= x for -1 <= x <= 1", "acosh(cosh(x)) >= x for x >= 0",
                                  "log(exp(x)) >= x", "tanh(x) <= (exp(2*x) - 1)/(exp(2*x) + 1)"])
def test_a_non_strict_inequality_that_is_an_identity_is_proved_by_algebra(text):
    """d = 0 on the domain satisfies d <= 0 and d >= 0: the rule algebra proves both (and == as before)."""
    assert proved_certificate(text)["proof"] == [{"rule": "algebra"}]  # one node per piece of the domain


@pytest.mark.parametrize("rel, domain", [("<", ["-1", "1", True, True]), (">", ["-1", "1", True, True]),
                                         ("<=", ["-1", "2", True, True])])
def test_algebra_never_proves_a_strict_inequality_or_a_window_it_leaves(rel, domain, tmp_path):
    cert = proved_certificate("asin(sin(x)) <= x for -1 <= x <= 1")
    cert["claim"].update(rel=rel, domain=[domain])
    assert_rejected(cert, tmp_path)

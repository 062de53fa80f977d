"""The kernel's limit calculus with logarithmic growth (symact/kernel/limits.py): log, log1p, asinh and acosh of
an argument at most polynomial in x grow at most like log|x|, a power |u|^-c of an at least linear u tends to 0
polynomially fast, and such a zero times such an infinity tends to 0 (issue 11: log1p(x^2)/x at +-oo).  True
claims proved, false ones never proved, every corruption of the certificate rejected (also by ``symact verify``),
and the products the rule must leave open (a zero that is not polynomially fast, an infinity that is not
logarithmic) stay open."""
from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel.ivals import Uncertain
from symact.kernel.limits import limit_at
from symact.kernel.terms import from_json
from symact.parsing import parse_claim

from kernel_rules import assert_decided, rejects_each


def test_the_ground_truth():
    """Independent of symact (mpmath at 50 digits): for |x| >= 1, 0 < log1p(x^2) <= log(2 x^2) = log 2 + 2 log|x|,
    and log|x| <= |x|^(1/2) (for |x| >= 1), so |log1p(x^2)/x| <= (1 + 2 |x|^(1/2))/|x| -> 0, with the sign of x;
    log(e^x)/x = 1 and log(x)/log(x) = 1, whose limits are 1, not 0."""
    with mpmath.workdps(50):
        for t in (mpmath.mpf(10) ** 6 + mpmath.mpf(1) / 3, mpmath.mpf(10) ** 9 + mpmath.mpf(1) / 7):
            for x in (t, -t):
                f = mpmath.log1p(x ** 2) / x
                assert 0 < f * mpmath.sign(x) <= (1 + 2 * mpmath.sqrt(t)) / t
            assert mpmath.almosteq(mpmath.log(mpmath.exp(t)) / t, 1) and mpmath.log(t) / mpmath.log(t) == 1
    assert Fraction("1e-30") > 0


@pytest.mark.parametrize("text, verdict", [
    ("limit(log1p(x**2)/x, x, oo) == 0", "proved"),
    ("limit(log1p(x**2)/x, x, -oo) == 0", "proved"),
    ("limit(log(x)/x, x, oo) == 0", "proved"),
    ("limit(asinh(x)/x**2, x, -oo) == 0", "proved"),
    ("limit(log1p(x**2)/x, x, oo) == 1e-30", "refuted"),
    ("limit(log1p(x**2)/x, x, -oo) == 1/2", "refuted"),
    ("limit(log1p(x**2)/x, x, oo) == oo", "refuted"),
])
def test_logarithmic_limits_through_check(text, verdict):
    assert_decided(text, verdict)


@pytest.mark.parametrize("text", ["limit(log(exp(x))/x, x, oo) == 0", "limit(log(x)*log(x)**(-1), x, oo) == 0"])
def test_false_zero_limits_are_never_proved(text):
    """Both limits are 1: log(e^x) grows linearly (its argument is no polynomial), and 1/log(x) tends to 0 too
    slowly to beat log(x)."""
    assert check_claim(parse_claim(text), 3.0).status in ("refuted", "unknown")


@pytest.mark.parametrize("term", [
    ["mul", ["fn", "log", ["fn", "exp", ["x"]]], ["pow", ["x"], "-1"]],     # log(e^x) is x: not logarithmic
    ["mul", ["fn", "log", ["x"]], ["pow", ["fn", "log", ["x"]], "-1"]],    # 1/log x: not polynomially fast
    ["mul", ["fn", "log", ["x"]], ["add", ["fn", "atan", ["x"]], ["mul", ["num", "-1"], ["pow", ["x"], "-1"]],
                                   ["mul", ["num", "-1/2"], ["const", "pi"]]]],  # atan's rate is not read
])
def test_the_rule_leaves_other_products_open(term):
    with pytest.raises(Uncertain):
        limit_at(from_json(term), 1)


CORRUPTIONS = {
    "a ray through 0, where f is undefined": lambda c: c["proof"].update({"from": "1"}),
    "another value": lambda c: c["claim"].update(rhs=["num", "1/1000000000000000000000000000000"]),
    "a function of linear growth": lambda c: c["claim"].update(
        lhs=["mul", ["fn", "log", ["fn", "exp", ["mul", ["num", "-1"], ["x"]]]], ["pow", ["x"], "-1"]]),
}


test_corrupted_certificates_are_rejected = rejects_each(
    "limit(log1p(x**2)/x, x, -oo) == 0", CORRUPTIONS)

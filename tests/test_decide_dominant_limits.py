"""Limits at +-oo of sums whose terms race (oo - oo) or oscillate: the search pulls the dominant term out
(:mod:`symact.decide.dominant`) or proposes half of it as a bound that the kernel checks by comparison
(:mod:`symact.kernel.limit_claim`, ``bound``).  The truths are textbook facts, also checked with mpmath far out."""
from __future__ import annotations

import copy

import mpmath
import numpy as np
import pytest

from symact.decide.checked import check_claim
from symact.implement import implement
from symact.implement.module import load_source
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

#: (expression, end, limit, the mpmath function): e^x outgrows 1 + x; sinh(x) ~ e^|x|/2 outgrows x; log(1 + x)
#: and asinh(x) ~ log(2x) grow slower than x; |sin(x)| <= 1 beside x; e^x outgrows x^3; tanh = sinh/cosh =
#: (log cosh)' -> +-1
TRUE = [("exp(x)-1-x", "oo", "oo", lambda x: mpmath.exp(x) - 1 - x),
        ("sinh(x)-x", "oo", "oo", lambda x: mpmath.sinh(x) - x),
        ("sinh(x)-x", "-oo", "-oo", lambda x: mpmath.sinh(x) - x),
        ("log(1+x)-x", "oo", "-oo", lambda x: mpmath.log(1 + x) - x),
        ("asinh(x)-x", "oo", "-oo", lambda x: mpmath.asinh(x) - x),
        ("x-sin(x)", "oo", "oo", lambda x: x - mpmath.sin(x)),
        ("x-sin(x)", "-oo", "-oo", lambda x: x - mpmath.sin(x)),
        ("(exp(x)-1-x)/x**2", "oo", "oo", lambda x: (mpmath.exp(x) - 1 - x) / x ** 2),
        ("sinh(x)/cosh(x)", "oo", "1", lambda x: mpmath.sinh(x) / mpmath.cosh(x)),
        ("sinh(x)/cosh(x)", "-oo", "-1", lambda x: mpmath.sinh(x) / mpmath.cosh(x)),
        ("diff(log(cosh(x)), x)", "oo", "1", lambda x: mpmath.diff(lambda t: mpmath.log(mpmath.cosh(t)), x)),
        ("diff(log(cosh(x)), x)", "-oo", "-1", lambda x: mpmath.diff(lambda t: mpmath.log(mpmath.cosh(t)), x))]


def _far(fn, end: str):
    """fn at x = +-10^6, with 50 digits."""
    with mpmath.workdps(50):
        return fn(mpmath.mpf(10) ** 6 * (1 if end == "oo" else -1))


@pytest.mark.parametrize("expr,end,value,fn", TRUE)
def test_racing_and_oscillating_sums_have_their_limits_proved(expr, end, value, fn):
    far = _far(fn, end)
    if value in ("oo", "-oo"):  # the independent check: far out the function is huge with the limit's sign
        assert abs(far) > 10 ** 5 and (far > 0) == (value == "oo")
    else:
        assert abs(far - int(value)) < mpmath.mpf(10) ** -20
    v = check_claim(parse_claim(f"limit({expr}, x, {end}) == {value}"), 3.0)
    assert v.status == "proved", v.reason
    assert check(v.certificate.data)[0] == "proved"
    wrong = {"oo": "-oo", "-oo": "oo"}.get(value, "0")
    assert check_claim(parse_claim(f"limit({expr}, x, {end}) == {wrong}"), 3.0).status == "refuted"


def _bound_certificate():
    cert = check_claim(parse_claim("limit(x - sin(x), x, oo) == oo"), 3.0).certificate.data
    assert "bound" in cert["proof"], cert["proof"]
    return cert


def test_a_corrupted_bound_is_rejected():
    cert = _bound_certificate()
    flipped = dict(cert, verdict="refuted")
    other_end = copy.deepcopy(cert)
    other_end["claim"]["limit"] = "-oo"
    to_minus = copy.deepcopy(cert)  # f >= h with h -> +oo says nothing about f -> -oo
    to_minus["claim"]["rhs"] = "-oo"
    finite = copy.deepcopy(cert)  # a bound with a finite limit shows nothing
    finite["proof"]["bound"] = ["num", "1"]
    other_lhs = copy.deepcopy(cert)  # the bound's certificate is about another function
    other_lhs["claim"]["lhs"] = ["add", ["x"], ["mul", ["num", "-2"], ["fn", "sin", ["x"]]]]
    other_ray = copy.deepcopy(cert)  # the bound is proved on another ray
    other_ray["proof"]["from"] = "1"
    unproved = copy.deepcopy(cert)  # the bound's certificate does not prove its claim
    unproved["proof"]["certificate"]["verdict"] = "refuted"
    both = copy.deepcopy(cert)
    both["proof"]["as"] = cert["claim"]["lhs"]
    for bad in (flipped, other_end, to_minus, finite, other_lhs, other_ray, unproved, both):
        with pytest.raises(Rejected):
            check(bad)


def test_a_bound_that_goes_the_wrong_way_is_rejected():
    """x - sin(x) <= 2x holds on (8, oo) and 2x -> +oo, but an upper bound tending to +oo proves nothing."""
    good = check_claim(parse_claim("x - sin(x) <= 2*x for x > 8"), 3.0)
    assert good.status == "proved"
    cert = copy.deepcopy(_bound_certificate())
    cert["proof"]["bound"] = good.certificate.data["claim"]["rhs"]
    cert["proof"]["certificate"] = good.certificate.data
    with pytest.raises(Rejected):
        check(cert)


#: (expression, its limits at the ends where it is defined): e^x - 1 - x ~ e^x at +oo and ~ -x at -oo; x - sin(x) ~ x;
#: log(1 + x) - x ~ -x (undefined for x <= -1); (e^x - 1 - x)/x^2 ~ e^x/x^2 at +oo and ~ -1/x -> 0 at -oo
IMPLEMENTED = [("exp(x)-1-x", {"oo": np.inf, "-oo": np.inf}), ("x-sin(x)", {"oo": np.inf, "-oo": -np.inf}),
               ("log(1+x)-x", {"oo": -np.inf}), ("(exp(x)-1-x)/x**2", {"oo": np.inf, "-oo": 0.0})]
_MPMATH = {e: f for e, _, _, f in TRUE}


@pytest.mark.parametrize("expr,ends", IMPLEMENTED)
def test_implement_returns_the_limits_exactly(expr, ends):
    """Before, the limit claims at +-oo stayed unproved (oo - oo, sin without a limit) and implement exited 1."""
    fn = _MPMATH[expr]
    for end, want in ends.items():  # the table against mpmath at x = +-10^6
        far = _far(fn, end)
        assert abs(far) > 10 ** 5 and (far > 0) == (want > 0) if want else abs(far) < 10 ** -5
    result = implement(expr=expr, target="numpy", dtype="float64", budget=3.0)
    assert not result.unproved, [(p.claim, p.reason) for p in result.unproved]
    module = load_source(result.source, "dominant_" + "".join(c for c in expr if c.isalnum()))
    for end, want in ends.items():
        got = module.f(np.array([np.inf if end == "oo" else -np.inf]))
        assert got[0] == want, (end, got)

"""One-sided limits at a point (symact/kernel/shift.py and the rule in evaluate._side_limits): a derivative at a
point where the one-sided form g of f is not smooth (|x|^(3/2), sqrt|x|, exp(-1/x^2) at 0) is the limit of g'
there when f is continuous, by the mean value theorem; an infinite limit of g' or of g means no derivative.

The shifted form h(y) = g(x0 + s/y) is compared with g at 50 digits by a small mpmath evaluator written here (not
the kernel's), also where both are undefined; the verdicts with the reasoning beside each claim; and certificates
that say a derivative is undefined where it exists (or the reverse) must be rejected."""
from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest

from symact.decide.checked import check_claim
from symact.kernel import FORMAT, Rejected, check, claim_json
from symact.kernel.evaluate import point_slope, undefined_reason
from symact.kernel.shift import shifted
from symact.kernel.terms import X, fn, num
from symact.parsing import parse_claim


def _value(t, x):
    """t at x in mpmath, None where a part is undefined on the real line (a root of a negative number, 1/0, log
    of a number <= 0)."""
    head = t[0]
    if head == "x":
        return x
    if head == "num":
        return mpmath.mpf(t[1].numerator) / t[1].denominator
    parts = [_value(a, x) for a in t[1:] if isinstance(a, tuple)]
    if None in parts:
        return None
    if head == "add":
        return mpmath.fsum(parts)
    if head == "mul":
        return mpmath.fprod(parts)
    if head == "pow":
        (b,), q = parts, t[2]
        if (b < 0 and q.denominator != 1) or (b == 0 and q < 0):
            return None
        return mpmath.sign(b) ** q.numerator * abs(b) ** q if b < 0 else b ** q
    if head == "powt":   # b^e for b > 0 only (the shifted form reads it as exp(e log b))
        b, e = parts
        return b ** e if b > 0 else None
    if head == "fn":
        (a,) = parts
        if t[1] == "log" and a <= 0:
            return None
        return {"exp": mpmath.exp, "log": mpmath.log, "sin": mpmath.sin}[t[1]](a)
    raise ValueError(head)


def _pow(t, q):
    return ("pow", t, Fraction(q))


SQUARE = ("add", _pow(X, 2), ("mul", num(2), X), num(1))   # (x + 1)^2, zero of order 2 at -1


@pytest.mark.parametrize("g, x0, side", [
    (("mul", X, _pow(X, Fraction(1, 2))), 0, 1),                       # x sqrt(x): y^(-3/2)
    (_pow(SQUARE, Fraction(1, 2)), -1, -1),                            # |x + 1| written as a root
    (_pow(SQUARE, Fraction(-1, 2)), -1, 1),
    (fn("exp", ("mul", num(-1), _pow(X, -2))), 0, -1),                 # exp(-1/x^2)
    (("mul", ("add", X, num(-3)), fn("log", ("add", X, num(-3)))), 3, 1),
    (("mul", num(0), fn("log", X)), 0, -1),                            # 0 log(x): undefined left of 0
    (_pow(("add", X, num(Fraction(-1, 3))), Fraction(3, 2)), Fraction(1, 3), -1),   # undefined left of 1/3
    (fn("sin", ("mul", _pow(X, 3), _pow(("add", X, num(2)), Fraction(1, 3)))), 0, 1),
    (("powt", X, X), 0, 1),                                            # x^x = exp(x log x)
])
def test_the_shifted_form_has_the_value_and_the_domain_of_the_term(g, x0, side):
    x0 = Fraction(x0)
    h = shifted(g, x0, side)
    with mpmath.workdps(50):
        _compare(g, h, x0, side)


def _compare(g, h, x0: Fraction, side: int) -> None:
    for y in (mpmath.mpf(3), mpmath.mpf(10), mpmath.mpf(1000), mpmath.mpf(10) ** 6, mpmath.mpf(7) / 2):
        want = _value(g, mpmath.mpf(x0.numerator) / x0.denominator + side / y)
        got = _value(h, y)
        assert (want is None) == (got is None), (y, want, got)
        if want is not None:
            assert mpmath.almosteq(want, got, rel_eps=mpmath.mpf(10) ** -30, abs_eps=mpmath.mpf(10) ** -40)


def _claim(text: str) -> str:
    return check_claim(parse_claim(text), 3).status


@pytest.mark.parametrize("text, truth", [
    # |x|^(3/2): f'(0) = lim 3/2 |x|^(1/2) sign(x) = 0 from both sides, f continuous; the formula holds everywhere
    ("diff(Abs(x)**1.5, x) == 1.5*sign(x)*Abs(x)**0.5", True),
    # (3/2 |x|^(1/2))^2 = 9/4 |x| exactly, and 0 <= 0 at 0
    ("diff(Abs(x)**1.5, x)**2 <= 2.25*Abs(x)", True),
    # relu(x)^(3/2): 0 on the left (0^(3/2) is a constant), 3/2 x^(1/2) on the right, 0 at 0
    ("diff(relu(x)**1.5, x) >= 0", True),
    # sqrt|x|: the difference quotient |h|^(1/2)/h is unbounded at 0, so no derivative there
    ("diff(sqrt(Abs(x)), x)**2 >= 0", False),
    # sqrt((x + 1)^2) = |x + 1|: one-sided derivatives -1 and 1 at -1; sign(0) = 0 does not save the claim
    ("diff(sqrt(x**2 + 2*x + 1), x) == sign(x + 1)", False),
    # exp(-1/x^2) patched by 0: f'(0) = lim 2 exp(-1/x^2)/x^3 = 0, as the right side's value at 0
    ("diff(Piecewise((exp(-1/x**2), x != 0), (0, True)), x) == Piecewise((2*exp(-1/x**2)/x**3, x != 0), (0, True))",
     True),
    # sin(x)/x patched by 2 at 0: the limit 1 is not the value 2, so f is not continuous, not differentiable at 0
    ("diff(Piecewise((sin(x)/x, x != 0), (2, True)), x) <= 1", False),
    # exp(1/x) for x < 0 tends to 0 at 0, not to the value 1
    ("diff(Piecewise((exp(1/x), x < 0), (1, True)), x) >= 0", False),
    # x log|x| patched by 0 is continuous at 0, but its difference quotient log|h| tends to -oo
    ("diff(Piecewise((x*log(Abs(x)), x != 0), (0, True)), x) <= 5 for -1 <= x <= 1", False),
    # sqrt(x) sin(x) for x > 0, 0 for x <= 0: f'(0) = lim (sin x/(2 sqrt x) + sqrt x cos x) = 0, and f' >= 0 on
    # (0, 1] (sin, cos >= 0 there): the limit joins x^(-1) from sin(1/y) ~ 1/y with y^(1/2)
    ("diff(Piecewise((sqrt(x)*sin(x), x > 0), (0, True)), x) >= -1 for -1 <= x <= 1", True),
    # at +oo, x^a x^b = x^(a+b) for rational a, b (x > 0): sqrt(x) sin(1/x) ~ x^(-1/2) -> 0, x^(3/2) sin(1/x) -> oo
    ("limit(sqrt(x)*sin(1/x), x, oo) == 0", True),
    ("limit(x**(3/2)*sin(1/x), x, oo) == 0", False),
    # x (x + 1)^(1/2) for x >= -1: the point -1 is an end of the domain, so no two-sided derivative there
    ("diff(x*sqrt(x + 1), x) >= -10 for x >= -1", False),
])
def test_verdicts(text, truth):
    assert _claim(text) in (("proved", "unknown") if truth else ("refuted", "unknown"))
    assert _claim(text) != "unknown", "decided since one-sided limits were added"


def _deriv(g):
    return ("deriv", g)


def _counterexample_at_0(term) -> dict:
    """A refutation of ``term <= 10`` for all x by the point 0."""
    return {"format": FORMAT, "claim": claim_json(term, "<=", num(10), [(None, None, False, False)]),
            "verdict": "refuted", "proof": {"rule": "counterexample", "x": "0"}}


def test_an_infinite_derivative_and_a_jump_are_reasons():
    root = ("abs", X)
    assert "infinite" in undefined_reason(_deriv(_pow(root, Fraction(1, 2))), Fraction(0))
    step = ("pw", (fn("exp", _pow(X, -1)), ("rel", "<", X, num(0))), (num(1), ("true",)))
    assert "jump" in undefined_reason(_deriv(step), Fraction(0))


@pytest.mark.parametrize("g, slope", [
    (_pow(("abs", X), Fraction(3, 2)), 0),
    (("mul", X, _pow(("abs", X), Fraction(1, 2))), 0),
    (("pw", (fn("exp", ("mul", num(-1), _pow(X, -2))), ("rel", "!=", X, num(0))), (num(0), ("true",))), 0),
    # x^2 log|x| patched by 0: f'(0) = lim (2x log|x| + x) = 0 from both sides
    (("pw", (("mul", _pow(X, 2), fn("log", ("abs", X))), ("rel", "!=", X, num(0))), (num(0), ("true",))), 0),
])
def test_a_derivative_that_exists_has_its_value_and_is_not_called_undefined(g, slope):
    assert point_slope(g, Fraction(0)) == slope
    assert undefined_reason(_deriv(g), Fraction(0)) is None


def test_x2_sin_1_over_x_is_not_called_undefined():
    # f(x) = x^2 sin(1/x), f(0) = 0: f'(0) = 0 exists though f'(x) = 2x sin(1/x) - cos(1/x) has no limit at 0;
    # the rule finds no limit of g' and concludes nothing (never "undefined")
    g = ("pw", (("mul", _pow(X, 2), fn("sin", _pow(X, -1))), ("rel", "!=", X, num(0))), (num(0), ("true",)))
    assert undefined_reason(_deriv(g), Fraction(0)) is None


def test_a_counterexample_at_a_point_where_the_derivative_exists_is_rejected():
    # d/dx |x|^(3/2) = 0 at 0, and 0 <= 10: "undefined at 0" would be a false refutation
    cert = _counterexample_at_0(_deriv(_pow(("abs", X), Fraction(3, 2))))
    with pytest.raises(Rejected):
        check(cert)
    cert = _counterexample_at_0(_deriv(_pow(("abs", X), Fraction(1, 2))))
    assert check(cert)[0] == "refuted"


# ------------------------------------------------------------------------------------------- continuity claims

@pytest.mark.parametrize("text, truth", [
    ("continuous(Piecewise((x*log(Abs(x)), x != 0), (0, True)))", True),      # x log|x| -> 0 = f(0)
    ("continuous(Piecewise((exp(-1/x), x > 0), (0, True)))", True),           # exp(-1/x) -> 0+ from the right
    ("continuous(Piecewise((sin(x)/x, x != 0), (1, True)))", True),           # sin(x)/x -> 1 = f(0)
    ("continuous(Piecewise((exp(1/x), x < 0), (0, True)))", True),            # exp(1/x) -> 0 from the left
    ("continuous(Piecewise((x*log(x), x > 0), (0, True))) for x >= 0", True),  # from inside at the closed end 0
    ("continuous(Piecewise((sin(x)/x, x != 0), (2, True)))", False),          # limit 1, value 2
    ("continuous(Piecewise((exp(1/x), x < 0), (1, True)))", False),           # limits 0 (left) and 1 (right)
    ("continuous(Piecewise((1/x, x > 0), (0, True)))", False),                # unbounded to the right of 0
    ("continuous(Piecewise((exp(-1/x), x > 0), (1, True)))", False),          # limits 1 (left) and 0 (right)
    # x^x = exp(x log x) -> exp(0) = 1 as x -> 0+ (a real power, read as exp(e log b) where b > 0)
    ("continuous(Piecewise((x**x, x > 0), (1, True))) for x >= 0", True),
    ("continuous(Piecewise((x**x, x > 0), (0, True))) for x >= 0", False),
])
def test_continuity_verdicts(text, truth):
    assert _claim(text) == ("proved" if truth else "refuted")


def _continuity_cert(term, verdict: str, node: dict) -> dict:
    from symact.kernel.pieces import piece_json
    from symact.kernel.terms import to_json

    return {"format": FORMAT, "claim": {"var": "x", "continuous": to_json(term),
                                        "domain": [piece_json((None, None, False, False))]},
            "verdict": verdict, "proof": [node] if verdict == "proved" else node}


SINC_2 = ("pw", (("mul", fn("sin", X), _pow(X, -1)), ("rel", "!=", X, num(0))), (num(2), ("true",)))
HALF_FLAT = ("pw", (fn("exp", ("mul", num(-1), _pow(X, -1))), ("rel", ">", X, num(0))), (num(0), ("true",)))


def test_continuity_certificates_for_the_wrong_side_are_rejected():
    # sin(x)/x patched by 2 jumps at 0: a continuity proof with the cut 0 must fail; both one-sided limits are 1,
    # so a two-sided jump node fails too, and the one-sided jump (value 2, limit 1) passes
    with pytest.raises(Rejected):
        check(_continuity_cert(SINC_2, "proved", {"rule": "continuity", "at": ["0"]}))
    with pytest.raises(Rejected):
        check(_continuity_cert(SINC_2, "refuted", {"rule": "jump", "at": "0", "left": "-1", "right": "1"}))
    assert check(_continuity_cert(SINC_2, "refuted", {"rule": "jump", "at": "0", "right": "1"}))[0] == "refuted"
    # exp(-1/x) patched by 0 is continuous: the jump node is rejected, the proof accepted
    with pytest.raises(Rejected):
        check(_continuity_cert(HALF_FLAT, "refuted", {"rule": "jump", "at": "0", "left": "-1", "right": "1"}))
    with pytest.raises(Rejected):
        check(_continuity_cert(HALF_FLAT, "refuted", {"rule": "jump", "at": "0", "right": "1"}))
    assert check(_continuity_cert(HALF_FLAT, "proved", {"rule": "continuity", "at": ["0"]}))[0] == "proved"

"""Claims over a quantified parameter (``forall alpha > 0: ...``): parsed, displayed, refuted by a kernel-checked
instance, proved by the kernel's affine rule when alpha enters affinely, otherwise unknown."""
from __future__ import annotations

import copy
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from symact.decide.checked import check_claim
from symact.errors import ExpressionError, ParameterError
from symact.kernel import Rejected, check
from symact.parsing import parse_claim


def test_parse_and_display():
    c = parse_claim("forall alpha > 0: elu(x, alpha=alpha) >= -alpha for x < 0")
    assert c.params[0][0] == "alpha" and str(c.rhs) == "-alpha"
    v = check_claim(c, 1.0)
    assert v.statement.startswith("forall alpha in (0, oo): ") and v.latex.startswith(r"\forall \alpha \in (0, \infty)")
    assert str(c.instance(2).rhs) == "-2"
    with pytest.raises(ParameterError):  # instances validate the catalog's range for the parameter
        c.instance(-1)


@pytest.mark.parametrize("text", [
    "forall alpha > 0: elu(x, alpha=alpha) >= -alpha/2 for x < 0",       # false at alpha = 1, x = -1
    "forall alpha: leaky_relu(x, alpha=alpha) <= x",                     # false at alpha = 2, x = -1
    "forall alpha > 0: limit(elu(x, alpha=alpha), x, -oo) == -1",        # the limit is -alpha
])
def test_refuted_by_a_kernel_checked_instance(text):
    v = check_claim(parse_claim(text), 2.0)
    assert v.status == "refuted" and check(v.certificate.data)[0] == "refuted"
    cert = v.certificate.data
    outside = copy.deepcopy(cert)
    outside["claim"]["domain"] = [["1000", "oo", False, False]]
    proved = dict(cert, verdict="proved")
    inner_proof = copy.deepcopy(cert)
    inner_proof["proof"]["certificate"]["verdict"] = "proved"
    other = copy.deepcopy(cert)  # a refutation of another claim offered as the instance's
    other["proof"]["certificate"] = check_claim(parse_claim("x <= 0"), 1.0).certificate.data
    moved = copy.deepcopy(cert)  # the instance at one value, claimed at another
    moved["proof"]["at"] = "3" if moved["proof"]["at"] != "3" else "5"
    unstated = copy.deepcopy(cert)  # no quantified claim to instantiate
    del unstated["claim"]["claim"]
    for bad in (outside, proved, inner_proof, other, moved, unstated):
        with pytest.raises(Rejected):
            check(bad)


PROVED = [  # true, and affine in alpha: base instance + slope, both proved by the kernel
    "forall alpha > 0: elu(x, alpha=alpha) > -alpha for x < 0",          # base 0 >= 0, slope e^x > 0, 0 not in A
    "forall alpha > 0: elu(x, alpha=alpha) < 0 for x < 0",
    "forall 0 <= alpha <= 1: leaky_relu(x, alpha=alpha) <= relu(x)",
    "forall alpha: leaky_relu(x, alpha=alpha) == relu(x) for x >= 0",   # A = R: the slope is 0
    "forall alpha > 0: limit(elu(x, alpha=alpha), x, -oo) == -alpha",
    "forall -4 < w < 4: w*diff(sigmoid(x), x) < 1",                   # ends: < at w = -4, <= at w = 4 (x = 0)
]


@pytest.mark.parametrize("text", PROVED)
def test_proved_for_every_alpha_by_the_affine_rule(text):
    # budget 3: 90,000 units of the kernel's work meter, shared by the searches for the claims at the ends (w
    # sigmoid' < 1 needs about 64,000 for w = -4 and w = 4)
    v = check_claim(parse_claim(text), 3.0)
    assert v.status == "proved", v.reason
    assert check(v.certificate.data)[0] == "proved"


def test_corrupted_affine_certificates_are_rejected():
    cert = check_claim(parse_claim(PROVED[0]), 2.0).certificate.data
    closed = copy.deepcopy(cert)          # alpha >= 0: at alpha = 0 the claim is 0 > 0, false
    closed["claim"]["domain"] = [["0", "oo", True, False]]
    swapped = copy.deepcopy(cert)         # the base certificate offered as the slope's
    swapped["proof"]["slope"] = swapped["proof"]["base"]
    squared = copy.deepcopy(cert)         # alpha**2 instead of alpha: not affine
    squared["claim"]["claim"]["rhs"] = ["mul", ["num", "-1"], ["param", "alpha"], ["param", "alpha"]]
    inside = copy.deepcopy(cert)          # alpha inside exp: not affine
    inside["claim"]["claim"]["rhs"] = ["fn", "exp", ["param", "alpha"]]
    stray = copy.deepcopy(cert["proof"]["base"])   # a parameter outside a forall claim
    stray["claim"]["rhs"] = ["param", "alpha"]
    for bad in (closed, swapped, squared, inside, stray, dict(cert, verdict="refuted")):
        with pytest.raises(Rejected):
            check(bad)


def test_corrupted_ends_certificates_are_rejected():
    cert = check_claim(parse_claim("forall 0 <= w < 4: w*diff(sigmoid(x), x) < 1"), 2.0).certificate.data
    assert cert["proof"]["rule"] == "ends" and check(cert)[0] == "proved"
    closed = copy.deepcopy(cert)          # w <= 4: at w = 4, x = 0 the claim is 1 < 1, false
    closed["claim"]["domain"] = [["0", "4", True, True]]
    wider = copy.deepcopy(cert)           # w < 5: the ends' certificates are about w = 0 and w = 4
    wider["claim"]["domain"] = [["0", "5", True, False]]
    swapped = copy.deepcopy(cert)
    swapped["proof"]["low"], swapped["proof"]["high"] = cert["proof"]["high"], cert["proof"]["low"]
    squared = copy.deepcopy(cert)         # w**2 instead of w: not affine
    squared["claim"]["claim"]["lhs"] = ["mul", ["param", "w"], cert["claim"]["claim"]["lhs"]]
    ray = copy.deepcopy(cert)             # w >= 0: no high end
    ray["claim"]["domain"] = [["0", "oo", True, False]]
    for bad in (closed, wider, swapped, squared, ray):
        with pytest.raises(Rejected):
            check(bad)


def test_derivative_in_the_parameter():
    """d/dalpha of a term affine in alpha is f(1) - f(0): PReLU's is x on x < 0 and 0 on x >= 0; a wrong value, a
    domain reaching across the kink, or a term not affine in alpha is never proved."""
    text = "forall alpha: diff(prelu(x, alpha=alpha), alpha) == x for x < 0"
    v = check_claim(parse_claim(text), 1.0)
    assert v.status == "proved" and check(v.certificate.data)[0] == "proved", v.reason
    assert check_claim(parse_claim("forall alpha: diff(elu(x, alpha=alpha), alpha) == exp(x) - 1 for x < 0"),
                       1.0).status == "proved"
    for wrong in (text.replace("== x", "== 2*x"), text.replace("x < 0", "x <= 1"),
                  "forall alpha: diff(prelu(x, alpha=alpha), alpha) == 0 for x <= 0"):
        assert check_claim(parse_claim(wrong), 1.0).status != "proved", wrong
    cert = v.certificate.data
    lhs = cert["claim"]["claim"]["lhs"]
    assert lhs[0] == "dparam"
    squared = copy.deepcopy(cert)         # d/dalpha of prelu * alpha: not affine in alpha
    squared["claim"]["claim"]["lhs"] = ["dparam", "alpha", ["mul", ["param", "alpha"], lhs[2]]]
    other = copy.deepcopy(cert)           # d/dbeta of a term in alpha
    other["claim"]["claim"]["lhs"] = ["dparam", "beta", lhs[2]]
    wider = copy.deepcopy(cert)           # x <= 1: across the kink the derivative is 0 on (0, 1]
    wider["claim"]["claim"]["domain"] = [["-oo", "1", False, True]]
    stray = copy.deepcopy(cert["proof"]["base"])   # d/dalpha outside a forall claim
    stray["claim"]["lhs"] = lhs
    for bad in (squared, other, wider, stray):
        with pytest.raises(Rejected):
            check(bad)


def test_convexity_for_every_alpha():
    """ELU is convex for every 0 < alpha <= 1 (convex at both ends, affine in alpha) and not convex for every
    alpha > 1 (the kink gap alpha - 1 at 0, affine in alpha, is > 0 there); wider ranges are not proved."""
    convex = check_claim(parse_claim("forall 0 < alpha <= 1: convex(elu(x, alpha=alpha))"), 2.0)
    concave_not = check_claim(parse_claim("forall alpha > 1: not convex(elu(x, alpha=alpha))"), 2.0)
    for v in (convex, concave_not):
        assert v.status == "proved" and check(v.certificate.data)[0] == "proved", v.reason
    for text in ("forall 0 < alpha <= 2: convex(elu(x, alpha=alpha))", "forall alpha >= 1: not convex(elu(x, alpha=alpha))",
                 "forall alpha > 1/2: not convex(elu(x, alpha=alpha))"):
        assert check_claim(parse_claim(text), 2.0).status != "proved", text
    wider = copy.deepcopy(convex.certificate.data)    # alpha up to 2: the high end's certificate is about 1
    wider["claim"]["domain"] = [["0", "2", False, True]]
    closed = copy.deepcopy(concave_not.certificate.data)  # alpha >= 1: at alpha = 1 the gap is 0
    closed["claim"]["domain"] = [["1", "oo", True, False]]
    squared = copy.deepcopy(concave_not.certificate.data)  # alpha^2: not affine in alpha
    inner = squared["claim"]["claim"]
    inner["convex"] = ["mul", ["param", "alpha"], inner["convex"]]
    swapped = copy.deepcopy(concave_not.certificate.data)
    swapped["claim"]["claim"]["sense"] = "concave"
    two_kinds = copy.deepcopy(convex.certificate.data)  # a continuity key beside: the ends' claims are of two kinds
    two_kinds["claim"]["claim"]["continuous"] = ["x"]
    for role in ("low", "high"):
        two_kinds["proof"][role]["claim"]["continuous"] = ["x"]
    for bad in (wider, closed, squared, swapped, two_kinds):
        with pytest.raises(Rejected):
            check(bad)


def test_a_derivative_discontinuous_for_every_alpha():
    """ELU' is undefined at 0 for every alpha != 1: the kink gap alpha - 1 has one sign on (0, 1) (ends) and on
    (1, oo) (affine); a range holding alpha = 1 is never proved, and a certificate moved onto it is rejected."""
    for text in ("forall 0 < alpha < 1: not continuous(diff(elu(x, alpha=alpha), x))",
                 "forall alpha > 1: not continuous(diff(elu(x, alpha=alpha), x))"):
        v = check_claim(parse_claim(text), 2.0)
        assert v.status == "proved" and check(v.certificate.data)[0] == "proved", v.reason
        bad = copy.deepcopy(v.certificate.data)
        bad["claim"]["domain"] = [["1/2", "2", False, False]]
        with pytest.raises(Rejected):
            check(bad)
    for text in ("forall 0 < alpha <= 1: not continuous(diff(elu(x, alpha=alpha), x))",
                 "forall alpha >= 1: not continuous(diff(elu(x, alpha=alpha), x))"):
        assert check_claim(parse_claim(text), 2.0).status != "proved", text


def test_ends_relations():
    from symact.kernel.quantified import ends_allowed

    assert ends_allowed("<", "<", "<=", True, False) and ends_allowed("<", "<=", "<", False, True)
    assert not ends_allowed("<", "<", "<=", True, True)     # t = 1 occurs: the high end must be strict
    assert not ends_allowed("<", "<=", "<=", False, False)  # no strict end: only <= follows
    assert ends_allowed("<=", "<=", "==", True, True) and not ends_allowed("<=", "<=", ">=", True, True)
    assert ends_allowed("==", "==", "==", True, True) and not ends_allowed("==", "<=", "==", True, True)


def test_the_affine_table_follows_from_the_values_it_combines():
    """The affine rule's table against its meaning, by exhaustion: d(alpha) = B + t S with B base_rel 0, S
    slope_rel 0 and t >= 0 (t = 0 only where alpha = a lies in A; t of any sign for A = R, e = 0).  Every
    relation the table allows holds at every sample, and each entry the samples do not refute is allowed
    (the samples B, S in {-1, 0, 1} of each relation and t in {0, 1/2, 2}, or {-2, 0, 2} for e = 0, decide it)."""
    from fractions import Fraction

    from symact.kernel.pieces import holds
    from symact.kernel.quantified import allowed

    rels = ("<", "<=", ">", ">=", "==")
    values = (Fraction(-1), Fraction(0), Fraction(1))
    for rel, base_rel, slope_rel, e, a_in in itertools.product(rels, rels, rels, (-1, 0, 1), (False, True)):
        ts = (Fraction(-2), Fraction(0), Fraction(2)) if e == 0 else (
            (Fraction(0),) if a_in else ()) + (Fraction(1, 2), Fraction(2))
        follows = all(holds(b + t * s, rel) for b in values if holds(b, base_rel)
                      for s in values if holds(s, slope_rel) for t in ts)
        assert allowed(rel, base_rel, slope_rel, e, a_in) == follows, (rel, base_rel, slope_rel, e, a_in)


@pytest.mark.parametrize("text", [
    "forall alpha >= 0: elu(x, alpha=alpha) > -alpha for x < 0",        # false at alpha = 0 (no catalog instance)
    "forall alpha > 0: exp(alpha*x) > 0",                               # true, but alpha inside exp
    "forall alpha > 0: alpha**2*x**2 >= 0",                             # true, but of degree 2 in alpha
])
def test_otherwise_unknown_never_proved(text):
    v = check_claim(parse_claim(text), 2.0)
    assert v.status == "unknown" and "affine" in v.reason


@pytest.mark.parametrize("text", ["forall alpha > 0 elu(x) > 0", "forall alpha, beta: x > 0", "forall x > 0: x > 0",
                                  "forall alpha > 0: x != alpha", "forall a: forall b: x > a"])
def test_malformed_quantifiers_are_one_line_errors(text):
    with pytest.raises(ExpressionError):
        parse_claim(text)


def test_check_plot_draws_the_refuted_instance(tmp_path):
    from symact.plotting import claim_plot

    claim = parse_claim("forall alpha > 0: elu(x, alpha=alpha) >= -alpha/2 for x < 0")
    out = claim_plot(claim, check_claim(claim, 2.0), tmp_path / "c.svg")
    assert out.exists() and "counterexample: at x = -1" in out.read_text()


def test_an_instance_with_parameters_out_of_order_refutes_nothing():
    # hardtanh needs min_val < max_val.  For every valid w in [0, 1), hardtanh(x, min_val=w, max_val=1) =
    # max(w, min(1, x)) <= 1, so the claim holds at every instance; w = 2 (and w = 1) are no instances.
    v = check_claim(parse_claim("forall 0 <= w <= 2: hardtanh(x, min_val=w, max_val=1) <= 1"), 2.0)
    assert v.status != "refuted"
    assert "w = 2: no instance (hardtanh needs min_val < max_val" in v.reason


def test_the_order_is_checked_with_the_quantified_value_not_the_default():
    # max_val = w in (2, 3) is above min_val = 3/2 at every w (the default max_val = 1 is not used)
    claim = parse_claim("forall 2 < w < 3: hardtanh(x, min_val=3/2, max_val=w) >= 3/2")
    assert claim.params[0][0] == "w"
    with pytest.raises(ParameterError, match="min_val < max_val"):
        claim.instance(1)
    res = subprocess.run([sys.executable, "-m", "symact", "check", claim.text], capture_output=True, text=True,
                         timeout=300, env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1])))
    assert res.returncode in (0, 1) and "Traceback" not in res.stderr and "error" not in res.stderr, res.stderr

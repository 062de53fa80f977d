"""Claims over a quantified parameter (``forall alpha > 0: ...``): parsed, displayed, refuted by a kernel-checked
instance, never proved (the kernel has no rule for every value of a parameter)."""
from __future__ import annotations

import copy

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
    for bad in (outside, proved, inner_proof):
        with pytest.raises(Rejected):
            check(bad)


@pytest.mark.parametrize("text", [
    "forall alpha > 0: elu(x, alpha=alpha) >= -alpha for x < 0",         # true: every instance tried is proved
    "forall 0 <= alpha <= 1: leaky_relu(x, alpha=alpha) <= relu(x)",
])
def test_a_true_quantified_claim_is_unknown_never_proved(text):
    v = check_claim(parse_claim(text), 2.0)
    assert v.status == "unknown" and "not a kernel rule" in v.reason


@pytest.mark.parametrize("text", ["forall alpha > 0 elu(x) > 0", "forall alpha, beta: x > 0", "forall x > 0: x > 0",
                                  "forall alpha > 0: x != alpha", "forall a: forall b: x > a"])
def test_malformed_quantifiers_are_one_line_errors(text):
    with pytest.raises(ExpressionError):
        parse_claim(text)

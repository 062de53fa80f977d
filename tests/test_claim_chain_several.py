"""The chain rule through any differentiable function (``differentiable ell``, the kernel's rule ``chain``) and
convexity in several variables of a convex function of an affine map (``convex(EXPR, w, b)``, the rule
``affine-composition``): true statements proved, false ones not, corrupted certificates rejected, malformed
statements one line."""
from __future__ import annotations

import copy

import pytest

from symact.decide.checked import check_claim
from symact.errors import ExpressionError
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

GRADIENT = ("forall n >= 1, 1 <= i <= n, scalars w[k], u[k], b, functions s = sigmoid(x), differentiable ell: "
            "diff(ell(sum(w[k]*s(u[k]), k, 1, n) + b), w[i]) == D(ell)(sum(w[k]*s(u[k]), k, 1, n) + b)*s(u[i])")
LOGISTIC = "forall 0 <= y <= 1: convex(-y*log(sigmoid(w*x + b)) - (1 - y)*log(1 - sigmoid(w*x + b)), w, b)"


def _corrupted(cert: dict, edit) -> dict:
    bad = copy.deepcopy(cert)
    edit(bad)
    return bad


def test_the_chain_rule_through_any_differentiable_function():
    """d ell(u)/d w[i] = ell'(u) du/d w[i] for ell declared differentiable; a function of a term free of w has
    derivative 0; no rule for a declared function (sigmoid) or for ell' at a term with w."""
    proved = (GRADIENT,
              "forall n >= 1, 1 <= i <= n, scalars w[k], differentiable ell, g: "
              "diff(g(ell(w[i])*w[i]), w[i]) == D(g)(ell(w[i])*w[i])*(D(ell)(w[i])*w[i] + ell(w[i]))")
    for text in proved:
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and check(v.certificate.data)[0] == "proved", (text, v.reason)
    not_proved = {
        GRADIENT.replace("*s(u[i])", "*s(u[i + 1])"): "do not expand",
        GRADIENT.replace("*s(u[i])", ""): "do not expand",
        GRADIENT.replace("== D(ell)(", "== D(ell)(2*"): "do not expand",
        "forall n >= 1, 1 <= i <= n, scalars w[k], functions s = sigmoid(x): diff(s(w[i]), w[i]) == "
        "s(w[i])*(1 - s(w[i]))": "no chain rule",  # true, but no rule differentiates a declared formula
        "forall n >= 1, 1 <= i <= n, scalars w[k], differentiable ell: diff(D(ell)(w[i]), w[i]) == 0":
            "no chain rule",  # ell' need not be differentiable
    }
    for text, why in not_proved.items():
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "unknown" and why in v.reason, (text, v.reason)
    _, tex = parse_claim(GRADIENT).statement()
    assert r"\ell\ \text{differentiable on } \mathbb{R}" in tex and r"\ell'\left(" in tex
    cert = check_claim(parse_claim(GRADIENT), 1.0).certificate.data
    data = cert["claim"]["sizes"]
    ell = next(f for f in data["functions"] if f["name"] == "ell")
    edits = {
        "ell not differentiable": lambda c: c["claim"]["sizes"]["functions"][1].pop("differentiable"),
        "ell given a formula": lambda c: c["claim"]["sizes"]["functions"][1].update(term=["x"]),
        "s' written for sigmoid": lambda c: c["claim"]["sizes"]["rhs"][1].__setitem__(1, "s"),
        "a counterexample about every ell": lambda c: c.update(verdict="refuted", proof={
            "rule": "counterexample", "at": 1, "n": 2, "values": {"w": {"1": "0"}, "u": {"1": "0"}, "b": "0"},
            "indices": {"i": 1}}),
    }
    assert ell == {"name": "ell", "differentiable": True} and data["rhs"][1][0] == "dfn"
    for what, edit in edits.items():
        with pytest.raises(Rejected):
            check(_corrupted(cert, edit))
            pytest.fail(what)


@pytest.mark.parametrize("text,message", [
    ("forall n >= 1, scalars w[k], differentiable D: D(w[n]) == 0", "differentiable NAME"),
    ("forall n >= 1, scalars w[k], differentiable 2ell: w[n] == 0", "differentiable NAME"),
    ("forall scalars w, differentiable ell: ell(w) == ell(w)", "over a size"),
    ("forall n >= 1, scalars w[k], functions s = sigmoid(x): D(s)(w[n]) == 0", "not declared differentiable"),
])
def test_malformed_chain_statements_give_one_line_errors(text, message):
    with pytest.raises(ExpressionError, match=message) as info:
        parse_claim(text)
    assert "\n" not in str(info.value)


@pytest.fixture(scope="module")
def logistic():
    """The verdict on LOGISTIC (about 3 s: F convex at y = 0 and y = 1), shared by the tests below."""
    return check_claim(parse_claim(LOGISTIC), 2.0)


def test_convexity_in_several_variables_of_a_convex_function_of_an_affine_map(logistic):
    assert logistic.status == "proved" and check(logistic.certificate.data)[0] == "proved", logistic.reason
    for text in ("convex(softplus(w*x + b), w, b)", "convex(abs(2*u - v + x**2), u, v)",
                 "concave(-relu(w - b), w, b)"):
        v = check_claim(parse_claim(text), 2.0)
        assert v.status == "proved" and check(v.certificate.data)[0] == "proved", (text, v.reason)
    for text in ("convex(sigmoid(w*x + b), w, b)", "concave(softplus(w*x + b), w, b)",
                 LOGISTIC.replace("1 - sigmoid", "1/2 - sigmoid"), "forall y: convex(y*softplus(w + b), w, b)"):
        assert check_claim(parse_claim(text), 1.0).status == "unknown", text
    text, tex = parse_claim(LOGISTIC).statement(lambda pieces: "[0, 1]")
    assert text == "forall y in [0, 1]: " + LOGISTIC.split(": ", 1)[1] + " on R^2 for every real x"
    assert tex.startswith(r"\forall y \in [0, 1],\ x \in \mathbb{R}:\ (w, b) \mapsto") and r"\mathbb{R}^{2}" in tex


@pytest.mark.parametrize("text,message", [
    ("convex(relu(w*b), w, b)", "affine in w, b"),                    # not affine
    ("convex(x*relu(w + b), w, b)", "affine in w, b"),                # F depends on x
    ("convex(relu(w/x + b), w, b)", "affine in w, b"),                # a coefficient not a polynomial in x
    ("convex(relu(w), w, b)", "each of w, b occurs"),
    ("convex(relu(w + x), w, x)", "distinct names other than x"),
    ("convex(relu(w + b), w, w)", "distinct names"),
    # as written, undefined at x = 0 (SymPy's evaluation would cancel x/x): not a claim for every real x
    ("convex(softplus(w*x/x + b), w, b)", "no division but by numbers"),
    ("convex(softplus(w*x + b)*x/x, w, b)", "x/x is undefined at 0"),
])
def test_malformed_several_variable_statements_give_one_line_errors(text, message):
    with pytest.raises(ExpressionError, match=message) as info:
        parse_claim(text)
    assert "\n" not in str(info.value)


def test_f_is_convex_as_written():
    """softplus(A)*A/A is undefined where A = w*x + b = 0, so not convex on R^2: F as written (z*softplus(z)/z,
    undefined at 0) goes to the kernel, not SymPy's softplus(z)."""
    claim = parse_claim("convex(softplus(w*x + b)*(w*x + b)/(w*x + b), w, b)")
    plain = check_claim(parse_claim("convex(softplus(w*x + b), w, b)"), 1.0).certificate.data
    assert claim.data["several"]["outer"] != plain["claim"]["several"]["outer"]
    with pytest.raises(Rejected):  # softplus's certificate is not about F as written
        check(dict(plain, claim=claim.data))
    assert parse_claim("convex(softplus(w*x/2 - b/3 + (x + 1)**2*b), w, b)").data["several"]["map"]["w"] == [
        "mul", ["num", "1/2"], ["x"]]


def test_corrupted_affine_composition_certificates_are_rejected(logistic):
    cert = logistic.certificate.data
    assert cert["proof"]["rule"] == "affine-composition" and check(cert)[0] == "proved"
    other = check_claim(parse_claim("convex(softplus(w*x + b), w, b)"), 1.0).certificate.data
    edits = {
        "a coefficient that is not a polynomial": lambda c: c["claim"]["several"]["map"].update(
            w=["pow", ["x"], "-1"]),
        "a coefficient missing": lambda c: c["claim"]["several"]["map"].pop("b"),
        "another F": lambda c: c["claim"]["several"].update(outer=["fn", "exp", ["x"]]),
        "concave claimed": lambda c: c["claim"]["several"].update(sense="concave"),
        "a wider parameter domain": lambda c: c["claim"]["several"]["param"].update(domain=[["0", "2", True, True]]),
        "no parameter": lambda c: c["claim"]["several"].pop("param"),
        "x as a variable": lambda c: c["claim"]["several"].update(vars=["x", "b"]),
        "refuted": lambda c: c.update(verdict="refuted"),
        "another rule": lambda c: c["proof"].update(rule="ends"),
        "a false integral claim beside it": lambda c: c["claim"].update({"var": "x", "integral": ["x"], "lo": "0", "hi": "1", "rel": "==", "rhs": ["num", "5"]}),
        "F proved on (0, oo) only": lambda c: c["proof"]["certificate"]["claim"]["claim"].update(
            domain=[["0", "oo", False, False]]),
        "the certificate of another F": lambda c: c["proof"].update(certificate=other["proof"]["certificate"]),
        "the ends swapped": lambda c: c["proof"]["certificate"]["proof"].update(
            low=cert["proof"]["certificate"]["proof"]["high"]),
    }
    for what, edit in edits.items():
        with pytest.raises(Rejected):
            check(_corrupted(cert, edit))
            pytest.fail(what)


DEAD = ("forall S >= 1, 1 <= N <= S, 1 <= m <= S, 1 <= j <= m, scalars w[k], b, x[n, k], functions r = relu(x), "
        "differentiable ell[n]: diff(sum(ell[n](r(sum(w[k]*x[n, k], k, 1, m) + b)), n, 1, N), w[j]) == 0 "
        "whenever sum(w[k]*x[n, k], k, 1, m) + b < 0 for 1 <= n <= N")


def test_a_function_flat_below_zero_at_a_term_a_hypothesis_puts_below_zero():
    """Rule flat: relu' = 0 on (-oo, 0) (a kernel certificate) and the hypothesis w.x_n + b < 0 for every sample
    n make the gradient 0, through any per-sample differentiable loss ell_n; in w_j and in b."""
    for text in (DEAD, DEAD.replace("1 <= j <= m, ", "").replace("w[j]) == 0", "b) == 0"),
                 DEAD.replace("r = relu(x)", "r = relu(x - 1)")):  # flat on (-oo, 1)
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and check(v.certificate.data)[0] == "proved", (text, v.reason)
    not_proved = {  # each false for some data, differentiable ell_n and point
        DEAD.replace("for 1 <= n <= N", "for 1 <= n <= N - 1"): "no chain rule",  # sample N unconstrained
        DEAD.replace("+ b < 0", "< 0"): "no chain rule",  # another term
        DEAD.replace("r = relu(x)", "r = leaky_relu(x)"): "no chain rule",  # slope 1/100 below 0
        DEAD.replace("r = relu(x)", "r = relu(x + 1)"): "no chain rule",
        DEAD.replace(" whenever sum(w[k]*x[n, k], k, 1, m) + b < 0 for 1 <= n <= N", ""): "no chain rule",
        DEAD.replace("== 0", "== 1"): "do not expand",
    }
    for text, why in not_proved.items():
        assert text != DEAD
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "unknown" and why in v.reason, (text, v.reason)
    _, tex = parse_claim(DEAD).statement()
    assert r"x_{n,k}" in tex and r"\ell_{n}\left(" in tex and r"\text{whenever }" in tex
    cert = check_claim(parse_claim(DEAD), 1.0).certificate.data
    flat = cert["proof"]["flat"]["r"]
    wider = copy.deepcopy(flat)  # relu' = 0 claimed on (-oo, 1): not what the rule needs (and false)
    wider["claim"]["domain"] = [["-oo", "1", False, False]]
    edits = {
        "no flat certificate": lambda c: c["proof"].pop("flat"),
        "a flat certificate on another interval": lambda c: c["proof"]["flat"].update(r=wider),
        "a flat certificate for ell": lambda c: c["proof"]["flat"].update(ell=flat),
        "the hypothesis for fewer samples": lambda c: c["claim"]["sizes"]["hypotheses"][0].update(
            to=[-1, [["N", 1]]]),
        "the hypothesis about another term": lambda c: c["claim"]["sizes"]["hypotheses"][0].update(
            term=c["claim"]["sizes"]["hypotheses"][0]["term"][1]),
        "x with one index": lambda c: c["claim"]["sizes"]["symbols"][2].pop("indices"),
        "a vector family with two indices": lambda c: c["claim"]["sizes"]["symbols"][0].update(
            kind="vector", indices=2),
        "ell without its index": lambda c: c["claim"]["sizes"]["functions"][1].pop("indexed"),
        "a counterexample under a hypothesis": lambda c: c.update(verdict="refuted", proof={
            "rule": "counterexample", "at": 1, "n": 2, "values": {}, "indices": {"N": 1, "m": 1, "j": 1}}),
    }
    for what, edit in edits.items():
        with pytest.raises(Rejected):
            check(_corrupted(cert, edit))
            pytest.fail(what)


def test_flat_needs_the_term_continuous_where_it_is_below_zero():
    """g(w) = w + 2 sign(w)^2 - 1 is -1 at 0 (so the hypothesis g(w[n]) < 0 holds at w = 0) and w + 1 elsewhere;
    s is 0 below 0 and x - 1 from 0 on: s(g(w)) = w near 0, derivative 1, not 0.  The kernel's rule flat needs
    g(w[k]) differentiable in w, which it is not (no chain rule for g)."""
    text = ("forall S >= 1, 1 <= j <= S, scalars w[k], functions s = Piecewise((0, x < 0), (x - 1, True)), "
            "g = x + 2*sign(x)**2 - 1: diff(sum(s(g(w[k])), k, 1, S), w[j]) == 0 whenever g(w[n]) < 0 for "
            "1 <= n <= S")
    v = check_claim(parse_claim(text), 1.0)
    assert v.status == "unknown" and "the kernel rejects" in v.reason and "no chain rule for g" in v.reason


@pytest.mark.parametrize("text,message", [
    (DEAD.replace("x[n, k], k, 1, m) + b < 0", "x[n], k, 1, m) + b < 0"), "2 index"),
    (DEAD.replace("ell[n](r(", "ell(r("), "family of functions"),
    (DEAD.replace("+ b < 0 for", "+ b <= 0 for"), "whenever TERM < 0 for"),
    (DEAD.replace("for 1 <= n <= N", "for 1 <= N <= N"), "fresh name"),
    ("forall scalars w: w == w whenever w < 0 for 1 <= n <= 2", "over a size"),
])
def test_malformed_hypotheses_and_families_give_one_line_errors(text, message):
    with pytest.raises(ExpressionError, match=message) as info:
        parse_claim(text)
    assert "\n" not in str(info.value)

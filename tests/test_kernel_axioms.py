"""Statements about every convex function, every norm and every continuous midpoint-convex function (rules
derivation, dyadic, limit, continuous: symact.kernel.axioms): the kernel accepts the derivations of
proofs/convexity.py and rejects corrupted ones; malformed statements are one-line user errors."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from symact.axioms import AxiomClaim
from symact.cli import main
from symact.decide.checked import check_claim
from symact.errors import ExpressionError
from symact.kernel import FORMAT, Rejected, check
from symact.kernel.check import claim_text
from symact.parsing import parse_claim

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from convexity import CONVEX_MIDPOINT, MIDPOINT_CONVEX, NORM_CONVEX, PERSPECTIVE  # noqa: E402

T = "(l*t1 + (1 - l)*t2)"


def cert_of(text: str) -> dict:
    c = parse_claim(text)
    assert isinstance(c, AxiomClaim)
    return {"format": FORMAT, "claim": c.data, "verdict": "proved", "proof": c.proof}


#: (M) => (C) written as a '>=' claim: the induction hypothesis is used as rhs <= lhs
MIDPOINT_CONVEX_GE = (
    "forall scalars a, b, l, continuous midpoint_convex f: l*f(a) + (1 - l)*f(b) >= f(l*a + (1 - l)*b) "
    "whenever 0 <= l <= 1 by limit of dyadic induction on l: at l = 0: == f(b) from algebra; "
    "at l = 1: == f(a) from algebra; "
    "at l = (p + q)/2: == (p*f(a) + (1 - p)*f(b) + q*f(a) + (1 - q)*f(b))/2 from algebra; "
    ">= (f(p*a + (1 - p)*b) + f(q*a + (1 - q)*b))/2 from 1/2*ih(l=p) + 1/2*ih(l=q); "
    ">= f((p + q)/2*a + (1 - (p + q)/2)*b) from f.midpoint(x=p*a + (1 - p)*b, y=q*a + (1 - q)*b)")


#: (M) => (C) with the weight's interval written otherwise (reversed, and a hypothesis twice): the same claim
MIDPOINT_CONVEX_REWORDED = MIDPOINT_CONVEX.replace("whenever 0 <= l <= 1", "whenever 1 >= l, l >= 0, 0 <= l")


def test_the_derivations_are_kernel_checked():
    for text in (PERSPECTIVE, NORM_CONVEX, CONVEX_MIDPOINT, MIDPOINT_CONVEX, MIDPOINT_CONVEX_GE,
                 MIDPOINT_CONVEX_REWORDED):
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and v.method == "kernel-checked proof", v.reason
        verdict, steps = check(cert_of(text))
        assert verdict == "proved" and ("rule compose" in steps[-1] or "rule closure" in steps[-1])


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


CORRUPTED_TEXTS = [
    # a wrong substitution: the weights no longer sum to 1 (side condition l + m == 1)
    _with(PERSPECTIVE, f"l=l*t1/{T}", "l=l*t1"),
    # a wrong point of the chord: the argument is not x/t
    _with(PERSPECTIVE, "a=x1/t1", "a=x1/t2"),
    # a dropped hypothesis: t2 > 0 is needed for the denominators
    _with(PERSPECTIVE, " t2 > 0,", ""),
    # a dropped hypothesis: l <= 1 is needed for m = (1 - l) t2/t >= 0 (side condition)
    _with(PERSPECTIVE, "0 <= l <= 1", "0 <= l"),
    # the multiplier of the chord made negative
    _with(PERSPECTIVE, f"from {T}*f.chord", f"from -{T}*f.chord"),
    # a swapped relation of the statement and of a link
    _with(PERSPECTIVE, "<= l*(t1*f(x1/t1))", ">= l*(t1*f(x1/t1))"),
    _with(PERSPECTIVE, f"by <= {T}", f"by >= {T}"),
    _with(PERSPECTIVE, f"by <= {T}", f"by == {T}"),
    # an 'algebra' step that is not an identity
    _with(PERSPECTIVE, "== l*(t1*f(x1/t1)) + (1 - l)*(t2*f(x2/t2)) from algebra",
          "== l*(t1*f(x1/t1)) + (1 - l)*(t1*f(x2/t2)) from algebra"),
    # a dropped instance
    _with(NORM_CONVEX, " + N.homogeneity(c=1 - l, u=v)", ""),
    # |c| = c without c >= 0 (the hypothesis l <= 1 dropped)
    _with(NORM_CONVEX, "whenever 0 <= l <= 1", "whenever 0 <= l"),
    # the chain does not end at the right side
    _with(NORM_CONVEX, "<= l*N(u) + (1 - l)*N(v) whenever", "<= l*N(u) + (1 - l)*N(u) whenever"),
    # an inequality instance in an equality step
    _with(NORM_CONVEX, "by <= N(l*u)", "by == N(l*u)"),
    # no derivation at all
    NORM_CONVEX.partition(" by ")[0],
    # (C) => (M): weights that do not sum to 1
    _with(CONVEX_MIDPOINT, "m=1/2", "m=1/3"),
    # (M) => (C) for a midpoint-convex f not declared continuous: true at the dyadic l only (rule continuous)
    _with(MIDPOINT_CONVEX, "continuous midpoint_convex f", "midpoint_convex f"),
    # a wrong induction step: the hypothesis at a point other than l1, l2; twice at l1; a wrong midpoint instance
    _with(MIDPOINT_CONVEX, "1/2*ih(l=l1)", "1/2*ih(l=l1/2)"),
    _with(MIDPOINT_CONVEX, "1/2*ih(l=l2)", "1/2*ih(l=l1)"),
    _with(MIDPOINT_CONVEX, "y=l2*a + (1 - l2)*b", "y=l2*a + (1 - l1)*b"),
    # the weights do not average to the midpoint's
    _with(MIDPOINT_CONVEX, "(1 - (l1 + l2)/2)*f(b) from", "(1 - (l1 + l2)/3)*f(b) from"),
    # a non-dyadic base case, a missing one, a wrong one
    _with(MIDPOINT_CONVEX, "at l = 1: == f(a)", "at l = 1/3: == f(a)"),
    _with(MIDPOINT_CONVEX, "at l = 1: == f(a) from algebra; ", ""),
    _with(MIDPOINT_CONVEX, "at l = 0: == f(b)", "at l = 0: == f(a)"),
    # the weight's interval not [0, 1]: a hypothesis dropped or widened
    _with(MIDPOINT_CONVEX, "0 <= l <= 1", "l <= 1"),
    _with(MIDPOINT_CONVEX, "0 <= l <= 1", "0 <= l <= 2"),
    # ... or narrowed: a strict end, a further hypothesis on l (the claim is then about a smaller set)
    _with(MIDPOINT_CONVEX, "0 <= l <= 1", "0 <= l < 1"),
    _with(MIDPOINT_CONVEX, "0 <= l <= 1", "0 <= l <= 1, 1 <= 2*l"),
    # a side undefined at l = 1/3 (the identity rule needs no cancellation): rule defined, before closure
    "forall scalars l, midpoint_convex g: (3*l - 1)/(3*l - 1) == 1 whenever 0 <= l <= 1 by limit of dyadic "
    "induction on l: at l = 0: == 1 from algebra; at l = 1: == 1 from algebra; at l = (p + q)/2: == 1 from algebra",
    # a convex f on a vector space taking a term with l: not declared continuous (rule continuous)
    "forall vectors u, scalars l, convex f: f(l*u) <= l*f(u) + (1 - l)*f(0*u) whenever 0 <= l <= 1 by limit of "
    "dyadic induction on l: at l = 0: == f(0*u) from algebra; at l = 1: == f(u) from algebra; at l = (p + q)/2: "
    "<= (f(p*u) + f(q*u))/2 from f.chord(a=p*u, b=q*u, l=1/2, m=1/2); <= (p*f(u) + (1 - p)*f(0*u) + q*f(u) + "
    "(1 - q)*f(0*u))/2 from 1/2*ih(l=p) + 1/2*ih(l=q); == (p + q)/2*f(u) + (1 - (p + q)/2)*f(0*u) from algebra",
    # the '>=' form with the hypothesis in the wrong direction (a '<=' link where '>=' is needed)
    _with(MIDPOINT_CONVEX_GE, ">= (f(p*a", "<= (f(p*a"),
]


@pytest.mark.parametrize("text", CORRUPTED_TEXTS)
def test_corrupted_derivations_are_not_proved(text):
    claim = parse_claim(text)
    assert check_claim(claim, 1.0).status == "unknown"
    if claim.proof is not None:
        with pytest.raises(Rejected):
            check(cert_of(text))


def test_corrupted_certificates_are_rejected():
    good = cert_of(PERSPECTIVE)
    corruptions = []
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["by"][0]["subst"].pop("m")  # a placeholder left out
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["by"][0]["axiom"] = "triangle"  # an axiom of another kind of function
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["hypotheses"][0][0] = "=="  # a hypothesis that is no inequality
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["functions"]["f"] = "norm"  # f is not a norm
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"].update({"var": "x", "integral": ["x"], "lo": "0", "hi": "1", "rel": "==", "rhs": ["num", "5"]})  # a false integral claim beside it: one kind only
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["symbols"]["t1"] = "vector"  # a division by a vector
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["term"] = ["pow", ["sym", "t1"], 2]  # an unknown term
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["proof"]["steps"][0]["by"][0]["times"] = ["num", "1e999999999"]  # a number that is no p/q (and huge)
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["verdict"] = "refuted"
    corruptions.append(c)
    c = copy.deepcopy(good)  # an induction hypothesis outside the step of a dyadic induction
    c["proof"]["steps"][0]["by"][0].update(function=None, axiom="ih", subst={"l": ["sym", "l"]})
    corruptions.append(c)
    c = copy.deepcopy(good)
    c["claim"]["axioms"]["hypotheses"].append(["<", ["num", "0"], ["div", ["num", "1"], ["sym", "l"]]])
    corruptions.append(c)  # a division in a hypothesis
    for bad in corruptions:
        with pytest.raises(Rejected):
            check(bad)


def test_corrupted_dyadic_limit_certificates_are_rejected():
    good = cert_of(MIDPOINT_CONVEX)
    assert check(good)[0] == "proved"
    changes = [
        ("claim", lambda c: c["axioms"].update(rel="<")),  # a strict inequality through the limit
        ("claim", lambda c: c["axioms"]["functions"].update(f="midpoint_convex")),  # no continuity
        ("claim", lambda c: c["axioms"]["functions"].update(f="convex")),  # f of a vector space: no scalars
        ("proof", lambda p: p["premise"]["base"].update({"1/3": p["premise"]["base"].pop("1")})),  # non-dyadic
        ("proof", lambda p: p["premise"]["base"].pop("0")),  # a base case missing
        ("proof", lambda p: p["premise"]["step"].update(points=["l1", "l1"])),  # one point twice
        ("proof", lambda p: p["premise"]["step"].update(points=["a", "l2"])),  # a declared name as a point
        ("proof", lambda p: p.update(var="a")),  # a weight with no hypothesis 0 <= a <= 1
        ("proof", lambda p: p["premise"].update(rule="derivation")),  # no dyadic induction under the limit
        ("proof", lambda p: p.pop("premise")),
        ("proof", lambda p: p["premise"]["base"]["0"].insert(0, {  # the induction hypothesis in a base case
            "rel": "<=", "term": ["fn", "f", ["sym", "b"]],
            "by": [{"function": None, "axiom": "ih", "subst": {"l": ["num", "0"]}, "times": ["num", "1"]}]})),
        ("claim", lambda c: c["axioms"]["hypotheses"].append(["<=", ["mul", ["sym", "l"], ["sym", "l"]],
                                                              ["sym", "l"]])),  # a further hypothesis on l
        ("claim", lambda c: c["axioms"]["symbols"].update(l="vector")),  # the weight a vector
        ("proof", lambda p: p["premise"]["step"].update(points=["l", "l2"])),  # the weight itself as a point
        ("proof", lambda p: p["premise"]["base"].update({"1/2": p["premise"]["base"]["1"]})),  # a base case more
        # the induction hypothesis at a term equal to l1 but not the name l1, at the midpoint itself, as an axiom of f
        ("proof", lambda p: p["premise"]["step"]["steps"][1]["by"][0]["subst"].update(
            l=["add", ["sym", "l1"], ["num", "0"]])),
        ("proof", lambda p: p["premise"]["step"]["steps"][1]["by"][0]["subst"].update(
            l=["div", ["add", ["sym", "l1"], ["sym", "l2"]], ["num", "2"]])),
        ("proof", lambda p: p["premise"]["step"]["steps"][1]["by"][0].update(function="f")),
    ]
    for where, change in changes:
        bad = copy.deepcopy(good)
        change(bad[where])
        with pytest.raises(Rejected):
            check(bad)


def test_verify_shows_the_claim_without_its_statement_label():
    # a hand-edited label saying the opposite is not what `symact verify` shows as the claim it checked
    cert = cert_of(CONVEX_MIDPOINT)
    cert["claim"]["axioms"]["statement"] = "forall vectors a, b, convex f: f((a + b)/2) >= (f(a) + f(b))/2"
    assert check(cert)[0] == "proved"
    shown = claim_text(cert["claim"])
    assert ">=" not in shown and "statement" not in shown and '"rel":"<="' in shown


def test_the_sign_rule_needs_weights_that_sum_to_a_positive_constant():
    # t = l t1 + (1 - l) t2 > 0 needs 0 <= l <= 1; with l >= 0 only, m = l t2 and l + m != 1
    base = ("forall vectors x, scalars t1, t2, l, norm N: N(x/(l*t1 + l*t2)) == N(x/(l*t1 + l*t2)) "
            "whenever t1 > 0, t2 > 0, 0 <= l <= 1 by == N(x/(l*t1 + l*t2)) from algebra")
    assert check_claim(parse_claim(base), 1.0).status == "unknown"
    good = base.replace("l*t1 + l*t2", "l*t1 + (1 - l)*t2")
    assert check_claim(parse_claim(good), 1.0).status == "proved"


@pytest.mark.parametrize("text", [
    "forall vectors u, norm N: N(u) <= N(u) by <= N(u*u) from algebra",
    "forall scalars a, convex f: f(a) <= f(a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from f.nope(a=a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from f.chord(a=a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from g.chord(a=a)",
    "forall vectors a, convex f: f(a) <= f(a) by f(a)",
    "forall vectors a, convex f: f(a) <= f(a) whenever a by <= f(a)",
    "forall vectors a, convex f: f(a) < f(a) by <= f(a)",
    "forall vectors a, convex f, norm f: f(a) <= f(a)",
    "forall vectors a, convex f: f(a) <= f(a) by <= f(a) from 2*3",
    "forall vectors a, convex f: f(a) <= f(a)**2",
    # a strict claim, a step that is not at a midpoint, step names already declared, no section, no such kind
    _with(MIDPOINT_CONVEX, "f(l*a + (1 - l)*b) <= l*f(a)", "f(l*a + (1 - l)*b) < l*f(a)"),
    _with(MIDPOINT_CONVEX, "(l1 + l2)/2:", "(l1 + l2)/3:"),
    MIDPOINT_CONVEX.replace("l1", "a"),
    _with(MIDPOINT_CONVEX, "at l = 0: ", ""),
    _with(MIDPOINT_CONVEX, "continuous midpoint_convex f", "continuous convex f"),
    "forall scalars a, ih, midpoint_convex f: f(a) <= f(a)",
])
def test_malformed_statements_are_one_line_errors(text):
    with pytest.raises(ExpressionError) as info:
        parse_claim(text)
    assert "\n" not in str(info.value)


def test_cli_checks_the_statement_and_rejects_bad_input_with_exit_2(capsys):
    assert main(["check", NORM_CONVEX]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PROVED") and "rule compose" in out
    assert main(["check", "forall vectors a, convex f: f(a) <= f(a)**2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err

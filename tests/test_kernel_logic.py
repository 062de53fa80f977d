"""Statements of real arithmetic with quantifiers (symact.logic, symact.kernel.logic_claim): parsed, proved or
refuted through the kernel, and a corrupted certificate rejected."""
from __future__ import annotations

import copy

import pytest

from symact.decide.checked import check_claim
from symact.errors import ExpressionError
from symact.kernel import Rejected
from symact.kernel import check as kernel_check
from symact.logic import LogicClaim
from symact.parsing import parse_claim

XOR = ("not exists reals w1, w2, b: w1*0 + w2*1 + b > 0 and w1*1 + w2*0 + b > 0 and w1*0 + w2*0 + b <= 0 "
       "and w1*1 + w2*1 + b <= 0")
MEAN = "forall reals l, u, x with l < u and x < 0: integrate(a*x, a, l, u)/(u - l) == (l + u)/2*x"
AFTER = ("forall reals r with r > 0: exists reals w1, w2, c: forall reals x, y: "
         "(x**2 + y**2 < r**2 => w1*x**2 + w2*y**2 + c < 0) and (x**2 + y**2 > r**2 => w1*x**2 + w2*y**2 + c > 0)")
BEFORE = ("forall reals r with r > 0: not exists reals w1, w2, c: forall reals x, y: "
          "(x**2 + y**2 < r**2 => w1*x + w2*y + c < 0) and (x**2 + y**2 > r**2 => w1*x + w2*y + c > 0)")


def _verdict(text: str):
    return check_claim(parse_claim(text), 1.0)


def test_true_statements_are_proved_and_false_ones_refuted_or_left_open():
    for text in (XOR, MEAN, AFTER, BEFORE, "forall reals l, u: integrate(a**2, a, l, u) == (u**3 - l**3)/3",
                 "forall reals t, h with 0 <= t <= h: 0 <= t*(h - t) <= h*t",
                 "forall reals x: x**2 - 2*x + 1 >= 0 iff x*x + 1 >= 2*x"):
        v = _verdict(text)
        assert v.status == "proved" and v.method == "kernel-checked proof", (text, v.reason)
    assert _verdict("exists reals x: x > 1 and x < 0").status == "refuted"
    assert _verdict("forall reals x with x > 0: x >= 1").status != "proved"
    assert _verdict("forall reals l, u: integrate(a**2, a, l, u) == (u**3 - l**3)/2").status != "proved"
    # the value at l = u is 0/0: the identity does not hold there (undefined), so it is not proved for l <= u
    assert _verdict(MEAN.replace("l < u", "l <= u")).status != "proved"


def _cert(text: str) -> dict:
    v = _verdict(text)
    assert v.status == "proved"
    return v.certificate.data


def _psatz_nodes(node, out):
    if isinstance(node, dict):
        if node.get("rule") == "psatz":
            out.append(node)
        for value in node.values():
            _psatz_nodes(value, out)
    elif isinstance(node, list):
        for value in node:
            _psatz_nodes(value, out)
    return out


def _find(node, rule):
    if isinstance(node, dict):
        if node.get("rule") == rule:
            return node
        for value in node.values():
            found = _find(value, rule)
            if found is not None:
                return found
    if isinstance(node, list):
        for value in node:
            found = _find(value, rule)
            if found is not None:
                return found
    return None


def _edited(cert: dict, edit) -> dict:
    out = copy.deepcopy(cert)
    edit(out)
    return out


def test_corrupted_certificates_are_rejected():
    xor, after, before, mean = _cert(XOR), _cert(AFTER), _cert(BEFORE), _cert(MEAN)
    edits = [
        (xor, lambda c: _psatz_nodes(c["proof"], [])[0]["products"][0].__setitem__(0, "2")),   # a multiplier
        (xor, lambda c: _psatz_nodes(c["proof"], [])[0]["products"].pop()),                    # a row dropped
        (xor, lambda c: _psatz_nodes(c["proof"], [])[0]["products"].append(["-1", [0]])),      # negative
        (xor, lambda c: _psatz_nodes(c["proof"], [])[0]["products"].append(["1", [99]])),      # no such fact
        (xor, lambda c: c["claim"]["logic"][1][2][4].__setitem__(1, ">=")),    # the claim: w1 + w2 + b >= 0
        (xor, lambda c: c["claim"]["logic"][1][2][3][3].__setitem__(1, "1")),  # b <= 1
        (xor, lambda c: c.__setitem__("verdict", "refuted")),
        (after, lambda c: _find(c["proof"], "witness")["at"].__setitem__("c", ["num", "-1"])),  # a wrong witness
        (after, lambda c: _find(c["proof"], "witness")["at"].__setitem__("c", ["var", "x"])),   # not in scope
        (after, lambda c: _find(c["proof"], "witness")["at"].pop("c")),
        (before, lambda c: _find(c["proof"], "instance")["at"].__setitem__("x", ["num", "5"])),  # another point
        (before, lambda c: _find(c["proof"], "instance").__setitem__("of", 0)),    # not a forall
        (before, lambda c: _find(c["proof"], "mp").__setitem__("premise", {"rule": "identity"})),
        (mean, lambda c: _find(c["proof"], "defined").__setitem__("sign", "<")),   # the denominator's sign
        (mean, lambda c: _find(c["proof"], "defined").__setitem__("rule", "identity")),
        (mean, lambda c: c["claim"]["logic"][2][2][3][1].__setitem__(0, "add")),   # (l + u)/2 -> (l + u) + 2
        (mean, lambda c: c["claim"]["logic"][2][2][2][1].__setitem__(2, "x")),     # integrate over x, bound twice
        (mean, lambda c: c["claim"]["logic"].__setitem__(0, "exists")),
        # a false integral claim beside the true statement: a claim is of one kind
        (mean, lambda c: c["claim"].update({"var": "x", "integral": ["x"], "lo": "0", "hi": "1", "rel": "==", "rhs": ["num", "5"]})),
    ]
    for cert, edit in edits:
        bad = _edited(cert, edit)
        assert bad != cert
        with pytest.raises(Rejected):
            kernel_check(bad)
    for cert in (xor, after, before, mean):  # the unedited certificates pass
        assert kernel_check(cert)[0] == "proved"


def test_a_weak_inequality_is_proved_by_a_square():
    text = "forall reals h, t with 0 <= t <= h: t*(h - t) <= h**2/4"   # h**2/4 - t*(h - t) = (h/2 - t)**2
    cert = _cert(text)

    def square(c):
        return next(n for n in _psatz_nodes(c["proof"], []) if n.get("squares"))["squares"][0]

    assert kernel_check(cert)[0] == "proved" and square(cert)
    for edit in (lambda c: square(c).__setitem__(0, "3"), lambda c: square(c).__setitem__(1, ["var", "t"]),
                 lambda c: square(c).__setitem__(0, "-4")):
        with pytest.raises(Rejected):
            kernel_check(_edited(cert, edit))
    assert _verdict(text.replace("<= h**2/4", "< h**2/4")).status != "proved"   # equality at t = h/2
    assert _verdict(text.replace("h**2/4", "h**2/5")).status != "proved"


def test_the_statement_is_generated_from_the_parse():
    c = parse_claim(MEAN)
    assert isinstance(c, LogicClaim)
    text, tex = c.statement()
    assert text == MEAN
    assert tex == (r"\forall\, l, u, x \in \mathbb{R}:\ (l < u\ \wedge\ x < 0)\ \Rightarrow\ "
                   r"\frac{\int_{l}^{u} a \cdot x\,da}{u - l} = \frac{l + u}{2} \cdot x")
    assert parse_claim("exists reals x: x > 0.1").data == ["exists", ["x"], ["atom", ">", ["var", "x"],
                                                                              ["num", "1/10"]]]


@pytest.mark.parametrize("text,message", [
    ("forall reals x: x > y", "not bound"),
    ("forall reals x: exists reals x: x > 0", "bound once"),
    ("forall reals x: x**y > 0", "exponent"),
    ("forall reals x: sigmoid(x) > 0", "not a term of real arithmetic"),
    ("forall reals x: x > 0 =>", "syntax error"),
    ("forall reals x x > 0", "':'"),
    ("forall reals 1x: x > 0", "names separated by commas"),
    ("forall reals x: x != 0", "not =="),
    ("forall reals x: integrate(x/a, a, 1, 2) > 0", "free of the integration variable"),
    ("forall reals x: " + "(" * 101 + "x > 0" + ")" * 101, "nested more than 100"),
    ("forall reals x: x > " + "x + " * 120 + "1", "nested more than 100"),
    ("forall reals x: " + "not " * 120 + "x > 0", "nested more than 100"),
    ("forall reals x, y: ((x + y + 1)**64)**64 > 0", "size limit"),
])
def test_malformed_statements_give_one_line_errors(text, message):
    with pytest.raises(ExpressionError) as info:
        parse_claim(text)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_definedness_and_binders_are_respected():
    # false where a denominator inside vanishes (z = 0): never proved; true once z > 0
    for text in ("forall reals z: (1/z)**0 == 1", "forall reals z: 1/(1/z) == z",
                 "forall reals z: integrate(0*a, a, 1/z, 1) == 0"):
        assert _verdict(text).status != "proved", text
    assert _verdict("forall reals z with z > 0: 1/(1/z) == z").status == "proved"
    # a witness holding an integral over w keeps its value under a later witness for another w (no capture)
    cert = {"format": "symact-kernel/1", "verdict": "proved",
            "claim": {"logic": parse_claim("exists reals z: z == 1/2 and (exists reals w: w == 5 and z == 5)").data},
            "proof": {"rule": "witness", "at": {"z": ["integral", ["var", "w"], "w", ["num", "0"], ["num", "1"]]},
                      "then": {"rule": "split", "parts": [
                          {"rule": "identity"},
                          {"rule": "witness", "at": {"w": ["num", "5"]},
                           "then": {"rule": "split", "parts": [{"rule": "identity"}, {"rule": "identity"}]}}]}}}
    with pytest.raises(Rejected):
        kernel_check(cert)


def test_a_witness_or_an_instance_is_a_real_number():
    """1/0 is no real: its atoms hold nothing (x*0 > -1 is false there), so it may not witness an exists nor
    instantiate a forall; both certificates below prove false statements if it could."""
    undefined = ["div", ["num", "1"], ["num", "0"]]
    refute_atom = {"rule": "psatz", "products": [["1", [0]]]}
    for text, proof in (
            ("exists reals x: not x*0 > -1",
             {"rule": "witness", "at": {"x": undefined}, "then": {"rule": "suppose", "then": refute_atom}}),
            ("not forall reals x: x*0 < 1",
             {"rule": "suppose", "then": {"rule": "instance", "of": 0, "at": {"x": undefined},
                                          "then": refute_atom}})):
        cert = {"format": "symact-kernel/1", "verdict": "proved", "claim": {"logic": parse_claim(text).data},
                "proof": proof}
        with pytest.raises(Rejected, match="not defined everywhere"):
            kernel_check(cert)
        assert _verdict(text).status != "proved"


def test_a_system_with_a_solution_is_never_proved_infeasible():
    """Random linear and quadratic systems built to hold at a known point: 'not exists' is false, so never proved."""
    import random
    from fractions import Fraction

    rng = random.Random(7)
    for _ in range(25):
        point = {v: Fraction(rng.randint(-4, 4), rng.choice((1, 2))) for v in ("a", "b")}
        atoms = []
        for _ in range(rng.randint(2, 4)):
            c = [rng.randint(-3, 3) for _ in range(4)]
            term = f"{c[0]}*a + {c[1]}*b + {c[2]}*a*b + {c[3]}"
            value = c[0] * point["a"] + c[1] * point["b"] + c[2] * point["a"] * point["b"] + c[3]
            rel = rng.choice([r for r, ok in ((">", value > 0), (">=", value >= 0), ("<", value < 0),
                                              ("<=", value <= 0), ("==", value == 0)) if ok])
            atoms.append(f"{term} {rel} 0")
        text = "not exists reals a, b: " + " and ".join(atoms)
        assert _verdict(text).status != "proved", (text, point)


def test_check_from_the_command_line(tmp_path, capsys):
    from symact.cli import main

    assert main(["check", MEAN]) == 0
    assert capsys.readouterr().out.startswith(f"PROVED   {MEAN}  [kernel-checked proof")
    out = tmp_path / "p.svg"  # a refuted statement of several variables has no curve to draw
    assert main(["check", "exists reals x: x > 1 and x < 0", "--plot", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("REFUTED") and "no plot" in captured.err and not out.exists()


def test_a_bound_name_that_is_a_node_name_is_substituted_as_a_name():
    """A quantifier's names are names, never a term: substituting for c in 'forall var: var*var + c >= 0' leaves
    the binder list ["var"] alone (true: var^2 >= 0 at c = 0), and at c = -1 the same proof is rejected (false
    at var = 0)."""
    claim = {"logic": ["exists", ["c"], ["forall", ["var"], ["atom", ">=", ["add", ["mul", ["var", "var"],
                                                                                     ["var", "var"]], ["var", "c"]],
                                                             ["num", "0"]]]]}
    proof = {"rule": "witness", "at": {"c": ["num", "0"]}, "then": {"rule": "intro", "then": {
        "rule": "psatz", "products": [["1", [0]]], "squares": [["1", ["var", "var"]]]}}}
    cert = {"format": "symact-kernel/1", "verdict": "proved", "claim": claim, "proof": proof}
    assert kernel_check(cert)[0] == "proved"
    with pytest.raises(Rejected):
        kernel_check(_edited(cert, lambda c: c["proof"]["at"].__setitem__("c", ["num", "-1"])))


def test_identity_proves_equalities_only():
    """x < x and x > x have P = x - x = 0 identically, the premise of the identity rule: were identity read for
    an inequality it would prove them, and both are false at every real x."""
    for rel in ("<", ">"):
        cert = {"format": "symact-kernel/1", "verdict": "proved",
                "claim": {"logic": ["forall", ["x"], ["atom", rel, ["var", "x"], ["var", "x"]]]},
                "proof": {"rule": "intro", "then": {"rule": "identity"}}}
        with pytest.raises(Rejected, match="inequality by psatz"):
            kernel_check(cert)
    equal = {"format": "symact-kernel/1", "verdict": "proved",
             "claim": {"logic": ["forall", ["x"], ["atom", "==", ["var", "x"], ["var", "x"]]]},
             "proof": {"rule": "intro", "then": {"rule": "identity"}}}
    assert kernel_check(equal)[0] == "proved"

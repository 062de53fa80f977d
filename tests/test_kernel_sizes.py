"""Statements about matrices of any size: the kernel's nc-identity and induction rules, and their language."""
from __future__ import annotations

import copy
import json

import pytest

from symact.decide.checked import check_claim
from symact.errors import ExpressionError
from symact.kernel import Rejected
from symact.kernel import check as kernel_check
from symact.parsing import parse_claim

DEPTH = ("forall L >= 1, matrices W[k], vectors b[k], x: f(L) == rprod(W[j], j, 1, L)*x "
         "+ sum(rprod(W[j], j, k + 1, L)*b[k], k, 1, L) where f(1) = W[1]*x + b[1], f(k + 1) = W[k + 1]*f(k) + b[k + 1]")
WITNESS = ("forall L >= 1, matrices W[k], vectors b[k], x: f(L) == A(L)*x + c(L) where f(1) = W[1]*x + b[1], "
           "f(k + 1) = W[k + 1]*f(k) + b[k + 1], A(1) = W[1], A(k + 1) = W[k + 1]*A(k), c(1) = b[1], "
           "c(k + 1) = W[k + 1]*c(k) + b[k + 1]")
FIXED = "forall matrices W1[4, 2], W2[2, 4], vectors b1[4], b2[2], x[2]: W2*(W1*x + b1) + b2 == W2*W1*x + W2*b1 + b2"
CHAIN = "forall L >= 0, scalars w[k], x: a(L) == prod(w[k], k, 1, L)*x where a(0) = x, a(k + 1) = w[k + 1]*a(k)"


def test_true_statements_are_proved_by_the_kernel():
    for text in (DEPTH, WITNESS, FIXED, CHAIN,
                 # a sum of constant length is written out; (1/2)*2 x = x; products of scalars in any order
                 "forall L >= 1, scalars w[k], x: a(L) == rprod(w[k], k, 1, L)*x where a(1) = w[1]*x, "
                 "a(k + 1) = a(k)*w[k + 1]",
                 "forall L >= 1, matrices W[k]: f(L) == sum(W[L]/2, k, L, L + 1) where f(1) = W[1], f(k + 1) = W[k + 1]"):
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and v.certificate.kind == "kernel", (text, v.reason)
        assert kernel_check(v.certificate.data)[0] == "proved"


@pytest.mark.parametrize("text", [
    DEPTH.replace("rprod(W[j], j, 1, L)", "prod(W[j], j, 1, L)"),  # W_1 ... W_L: true only if matrices commute
    DEPTH.replace("rprod(W[j], j, k + 1, L)", "prod(W[j], j, k + 1, L)"),
    DEPTH.replace(", k, 1, L)", ", k, 2, L)"),  # a dropped term b_1
    DEPTH.replace("*b[k], k", "*b[k]*2, k"),  # a changed constant
    DEPTH.replace("rprod(W[j], j, k + 1, L)*b[k]", "rprod(W[j], j, k, L)*b[k]"),  # an extra factor W_k
    DEPTH.replace("f(1) = W[1]*x + b[1]", "f(1) = W[1]*x"),  # the base case changed
    DEPTH.replace("*f(k) + b[k + 1]", "*f(k) + b[k]"),  # the recursion's index
    CHAIN.replace("scalars w[k], x", "matrices w[k], vectors x"),  # prod(w) x needs commuting w
    WITNESS.replace("A(k + 1) = W[k + 1]*A(k)", "A(k + 1) = A(k)*W[k + 1]"),
    "forall L >= 1, matrices W[k]: f(L) == W[L] where f(1) = W[1], f(k + 1) = f(k)",  # true at L = 1 only
])
def test_false_statements_are_refuted_by_an_exact_counterexample(text):
    v = check_claim(parse_claim(text), 1.0)
    assert v.status == "refuted" and kernel_check(v.certificate.data)[0] == "refuted", v.reason
    node = v.certificate.data["proof"]
    assert node["rule"] == "counterexample"
    # every entry 0 makes the two sides equal; a size below the least one is no instance of the claim
    start = v.certificate.data["claim"]["sizes"]["from"]
    for edit in ({"values": _zeros(node["values"])}, {"at": start - 1}):
        with pytest.raises(Rejected):
            kernel_check(dict(v.certificate.data, proof=dict(node, **edit)))


def test_a_statement_defined_only_for_commuting_sizes_is_not_proved():
    # f(k)*W[k + 1] with a vector f(k) is defined only when W[k + 1] is 1 x 1: no 2 x 2 counterexample exists
    v = check_claim(parse_claim(DEPTH.replace("W[k + 1]*f(k)", "f(k)*W[k + 1]")), 1.0)
    assert v.status == "unknown" and "step" in v.reason


def _zeros(values):
    if isinstance(values, dict):
        return {k: _zeros(v) for k, v in values.items()}
    if isinstance(values, list):
        return [_zeros(v) for v in values]
    return "0"


SHIFT = ("forall n >= 1, 1 <= i <= n, scalars x[k], c: exp(x[i] + c)/sum(exp(x[k] + c), k, 1, n) "
         "== exp(x[i])/sum(exp(x[k]), k, 1, n)")
SIMPLEX = "forall n >= 1, scalars x[k]: sum(exp(x[i])/sum(exp(x[k]), k, 1, n), i, 1, n) == 1"


def test_softmax_identities_for_every_n():
    for text in (SHIFT, SIMPLEX, SHIFT.replace("n >= 1", "n >= 3"),
                 "forall n >= 1, 1 <= i <= n, scalars x[k]: exp(2*x[i])/exp(x[i]) == exp(x[i])"):
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and kernel_check(v.certificate.data)[0] == "proved", (text, v.reason)
    not_proved = {
        SHIFT.replace("== exp(x[i])/", "== exp(x[i] + c)/"): "do not expand",  # e^c not cancelled
        SHIFT.replace("n >= 1", "n >= 0"): "not certainly positive",  # the sum may be empty
        SHIFT.replace("k, 1, n) ==", "k, 2, n) =="): "not certainly positive",
        "forall n >= 1, 1 <= i <= n, scalars x[k]: x[i]/x[i] == 1": "not certainly positive",  # x_i may be 0
    }
    for text, why in not_proved.items():
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "unknown" and why in v.reason, (text, v.reason)
    # the inner sum is certainly non-empty only for k in 1..m; taken out of the sum over k it may be empty
    empty = "forall m >= 0, scalars x[k]: sum(exp(x[k])/sum(exp(x[j]), j, 1, m), k, 1, m) == 1"
    assert check_claim(parse_claim(empty), 1.0).status == "refuted"  # 0 == 1 at m = 0
    # a counterexample where the claim's sums are empty: no exp to evaluate
    v = check_claim(parse_claim(SIMPLEX.replace("n >= 1", "n >= 0")), 1.0)
    assert v.status == "refuted" and v.certificate.data["proof"]["at"] == 0
    cert = _cert(SHIFT)
    cert["claim"]["sizes"]["indices"][0][1] = [0, []]  # i from 0: still true, x[0] is a member of the family
    assert kernel_check(cert)[0] == "proved"
    cert["claim"]["sizes"]["rhs"][1] = ["sym", "c"]  # c/sum(...): false
    with pytest.raises(Rejected):
        kernel_check(cert)


def test_inequalities_over_a_size():
    below_one = "forall n >= 2, 1 <= i <= n, scalars x[k]: exp(x[i])/sum(exp(x[k]), k, 1, n) < 1"
    for text in (below_one, below_one.replace("< 1", "> 0"), below_one.replace("n >= 2", "n >= 1").replace("< 1", "<= 1")):
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and kernel_check(v.certificate.data)[0] == "proved", (text, v.reason)
    for text, status in ((below_one.replace("n >= 2", "n >= 1"), "unknown"),  # n = 1: softmax is 1
                         (below_one.replace("exp(x[i])/", "2*exp(x[i])/"), "unknown"),  # false at n = 2, x = 0
                         ("forall n >= 1, 1 <= i <= n, scalars x[k]: x[i] > 0", "refuted")):
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == status, (text, v.reason)
    cert = _cert(below_one)
    cert["claim"]["sizes"]["from"] = 1  # the range of the other terms may be empty
    with pytest.raises(Rejected, match="not certainly > 0"):
        kernel_check(cert)


JACOBIAN = ("forall n >= 1, 1 <= i <= n, 1 <= j <= n, scalars x[k]: diff(exp(x[i])/sum(exp(x[k]), k, 1, n), x[j]) "
            "== exp(x[i])/sum(exp(x[k]), k, 1, n)*(delta(i, j) - exp(x[j])/sum(exp(x[k]), k, 1, n))")


def test_derivatives_in_a_member_of_a_family():
    """Rule diff: the chain rule with d x[i]/d x[j] = delta(i, j), a sum's delta sifted only where the index is
    certainly in its range."""
    for text in (JACOBIAN, "forall n >= 1, 1 <= j <= n, scalars x[k]: diff(sum(x[k]*x[k], k, 1, n), x[j]) == 2*x[j]",
                 "forall n >= 1, 1 <= i <= n, 1 <= j <= n, scalars x[k]: diff(x[i], x[j]) == delta(i, j)",
                 "forall n >= 1, 1 <= i <= n, scalars x[k]: delta(i, i + 1) + delta(i, i) == 1"):
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and kernel_check(v.certificate.data)[0] == "proved", (text, v.reason)
    not_proved = {
        JACOBIAN.replace("(delta(i, j) -", "(1 -"): "do not expand",  # the off-diagonal entries are not s_i(1 - s_j)
        JACOBIAN.replace("(delta(i, j) -", "(delta(i, j) +"): "do not expand",
        "forall n >= 1, 1 <= i <= n, 1 <= j <= n, scalars x[k]: diff(x[i], x[j]) == 1": "do not expand",
        # false at j = n + 1 (the sum does not mention x[n + 1]): the delta is not sifted
        "forall n >= 1, 1 <= j <= n + 1, scalars x[k]: diff(sum(x[k], k, 1, n), x[j]) == 1": "not certainly in",
        "forall n >= 1, 1 <= i <= n, scalars x[k], c: diff(c/c, x[i]) == 0": "not certainly positive",  # c = 0
        "forall n >= 1, 1 <= i <= n, scalars x[k]: diff(Abs(x[i]), x[i]) == 1": "no derivative rule",
    }
    for text, why in not_proved.items():
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "unknown" and why in v.reason, (text, v.reason)
    with pytest.raises(ExpressionError, match="family of scalars"):
        parse_claim("forall n >= 1, 1 <= j <= n, scalars x[k], matrices c: diff(x[j], c) == 0")
    scalar = "forall n >= 1, 1 <= j <= n, scalars x[k], c: diff(c*x[j] + c*c, c) == x[j] + 2*c"  # in a scalar c
    assert check_claim(parse_claim(scalar), 1.0).status == "proved"
    assert check_claim(parse_claim(scalar.replace("+ 2*c", "+ c")), 1.0).status == "unknown"
    cert = _cert(JACOBIAN)
    rhs = cert["claim"]["sizes"]["rhs"]
    edits = {
        "delta(i, i)": lambda c, p: c["rhs"][2][1].__setitem__(2, [0, [["i", 1]]]),
        "in x[i]": lambda c, p: c["lhs"][2].__setitem__(2, [0, [["i", 1]]]),
        "j up to n + 1": lambda c, p: c["indices"][1].__setitem__(2, [1, [["n", 1]]]),
        "a matrix family": lambda c, p: c["symbols"][0].update(kind="matrix"),
        "no size": lambda c, p: c.update(size=None, indices=[]),
    }
    assert rhs[2][1][0] == "delta" and kernel_check(cert)[0] == "proved"
    for what, edit in edits.items():
        with pytest.raises(Rejected):
            kernel_check(_corrupt(cert, edit))
            pytest.fail(what)


def test_fixed_shapes_are_checked():
    with pytest.raises(ExpressionError, match="4x4 and a 2x1"):
        parse_claim(FIXED.replace("== W2*W1*x", "== W1*W2*x"))
    with pytest.raises(ExpressionError, match="different shapes"):
        parse_claim("forall matrices A[2, 3], B[3, 2]: A*B == B*A")


def _cert(text: str) -> dict:
    return check_claim(parse_claim(text), 1.0).certificate.data


def _corrupt(cert: dict, edit) -> dict:
    bad = copy.deepcopy(cert)
    edit(bad["claim"]["sizes"], bad["proof"])
    return bad


def test_corrupted_certificates_are_rejected():
    cert = _cert(DEPTH)
    seq = cert["claim"]["sizes"]["sequences"][0]
    x_term = seq["base"][1][2]  # W[1]*x + b[1] is ["add", ["mul", W1, x], b1]
    edits = {
        "wrong base case": lambda c, p: c["sequences"][0].update(base=["add", ["mul", ["gen", "W", [1, []]], x_term],
                                                                          ["gen", "b", [2, []]]]),
        "commuted product": lambda c, p: c["rhs"][1][1].__setitem__(0, "prod"),
        "dropped term": lambda c, p: c.update(rhs=c["rhs"][1]),
        "induction from 0": lambda c, p: p.update({"from": 0}),
        "induction on another size": lambda c, p: p.update(on="n"),
        "a fixed-statement rule": lambda c, p: p.update(rule="nc-identity"),
        "a sequence inside a sum": lambda c, p: c["rhs"][2].__setitem__(4, ["seq", "f", [0, [["L", 1]]]]),
        "a bound variable named like the size": lambda c, p: c["rhs"][2].__setitem__(1, "L"),
        "an undeclared family": lambda c, p: c["symbols"].pop(0),
        "a shape over a size": lambda c, p: c["symbols"][0].update(shape=[2, 2]),
    }
    assert kernel_check(cert)[0] == "proved"
    for what, edit in edits.items():
        with pytest.raises(Rejected):
            kernel_check(_corrupt(cert, edit))
            pytest.fail(what)
    fixed = _cert(FIXED)
    with pytest.raises(Rejected, match="4x3 and a 2x1"):  # W1 of shape 4 x 3 does not take x in R^2
        kernel_check(_corrupt(fixed, lambda c, p: c["symbols"][0].update(shape=[4, 3])))
    beside = dict(cert, claim={**cert["claim"], **{"var": "x", "integral": ["x"], "lo": "0", "hi": "1", "rel": "==", "rhs": ["num", "5"]}})
    with pytest.raises(Rejected, match="one kind"):  # a false integral claim beside it
        kernel_check(beside)


def test_verify_rechecks_an_induction_with_the_kernel_alone(tmp_path, capsys):
    import ast
    from pathlib import Path

    from symact.kernel import sizes
    from symact.kernel.verify import main

    path = tmp_path / "c.json"
    path.write_text(json.dumps(_cert(DEPTH)))
    assert main([str(path), "--json"]) == 0 and json.loads(capsys.readouterr().out)["verdict"] == "proved"
    path.write_text(json.dumps(_corrupt(_cert(DEPTH), lambda c, p: c["rhs"][1][1].__setitem__(0, "prod"))))
    assert main([str(path)]) == 1 and capsys.readouterr().out.startswith("REJECTED  the step L -> L + 1")
    tree = ast.parse(Path(sizes.__file__).read_text())  # `symact verify` imports symact.kernel alone
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert all(m == "__future__" or m in ("fractions",) or m.startswith("symact.kernel") for m in imported)


@pytest.mark.parametrize("text,message", [
    ("forall L >= 1, matrices W[k]: f(L) == W[L]", "unknown function .f."),
    ("forall L >= 1, matrices W[k]: f(L) == W[L] where f(2) = W[1], f(k + 1) = W[k + 1]", "base case"),
    ("forall L >= 1, matrices W[k]: f(L) == W[L] where f(1) = W[1]", "step"),
    ("forall L >= 1, matrices W[k]: f(L) == W[L/2] where f(1) = W[1], f(k + 1) = W[k + 1]", "index"),
    ("forall L >= 1, matrices W[k]: f(L) == W[L] where f(1) = W[1], f(k + 1) = __import__('os')", "unknown function"),
    ("forall L >= 1, matrices W[k]: f(L) == W[m] where f(1) = W[1], f(k + 1) = W[k + 1]", "not in scope"),
    ("forall L >= 1, matrices W[k]: f(L) == f(L - 1) where f(1) = W[1], f(k + 1) = W[k + 1]", "sequence"),
    ("forall L >= 1, matrices W[k]: W[L] == f(L) where f(1) = W[1], f(k + 1) = W[k + 1]", "left side"),
    ("forall L >= 1, matrices W[k]: f(L) != W[L] where f(1) = W[1], f(k + 1) = W[k + 1]", "one comparison"),
    ("forall L >= 1, matrices W[k]: f(L) < W[L] where f(1) = W[1], f(k + 1) = W[k + 1]", "relation"),
    ("forall matrices W: W == W", "shape"),
    ("forall matrices W[2, 2]: W == W.T", "not allowed"),
    ("forall matrices W[2, 2]: W == 0.5*W + W/2", "integer"),
    ("forall L >= 1, vectors x[2]: f(L) == x where f(1) = x, f(k + 1) = x", "any size"),
    ("forall L >= 1, scalars w[k], functions s = __import__('os'): s(w[L]) <= 1", "unknown function"),
    ("forall scalars w, functions s = sigmoid(x): s(w) == s(w)", "over a size"),
    ("forall L >= 1, scalars w[k], functions s = sigmoid(x): s <= 1", "not a declared symbol"),
])
def test_malformed_statements_give_one_line_errors(text, message):
    with pytest.raises(ExpressionError, match=message) as info:
        parse_claim(text)
    assert "\n" not in str(info.value)


def test_the_displayed_statement_is_generated_from_the_parse():
    text, tex = parse_claim(DEPTH).statement()
    assert text == DEPTH
    assert r"W_{L} \cdots W_{1}\,x + \sum_{k=1}^{L} W_{L} \cdots W_{k+1}\,b_{k}" in tex
    assert r"f_{k+1} = W_{k+1}\,f_{k} + b_{k+1}" in tex
    _, fixed = parse_claim(FIXED).statement()
    assert r"W_{1} \in \mathbb{R}^{4\times 2}" in fixed and r"b_{1} \in \mathbb{R}^{4}" in fixed


def test_what_the_kernel_accepts_after_random_edits_is_never_refuted_by_exact_matrices():
    """Soundness, sampled: structure-preserving edits of proved claims (an index moved by 1, a product's order
    reversed, a term dropped, factors swapped, a constant changed); every edited claim the kernel still proves
    has no counterexample among exact random integer matrices (the kernel's exact evaluation, another code path
    than its canonical forms)."""
    import random

    from symact.decide.induction import find_counterexample

    rng = random.Random(0)

    def edit(o):
        if isinstance(o, dict):
            kids = [v for k, v in o.items() if isinstance(v, (list, dict)) and k != "symbols"]
            return edit(rng.choice(kids)) if kids else None
        if o and o[0] in ("prod", "rprod") and rng.random() < 0.3:
            o[0] = "rprod" if o[0] == "prod" else "prod"
        elif len(o) == 2 and isinstance(o[0], int) and rng.random() < 0.5:
            o[0] += rng.choice((-1, 1))
        elif o and o[0] == "num" and rng.random() < 0.5:
            o[1] = str(rng.randint(-2, 3))
        elif o and o[0] in ("add", "mul") and len(o) > 2 and rng.random() < 0.3:
            o[1:] = o[2:] if rng.random() < 0.5 else o[:0:-1]
        elif any(isinstance(x, (list, dict)) for x in o):
            edit(rng.choice([x for x in o if isinstance(x, (list, dict))]))

    proved = refutable = 0
    for text in (DEPTH, WITNESS, CHAIN, FIXED):
        cert = _cert(text)
        for _ in range(40):
            bad = copy.deepcopy(cert)
            edit(bad["claim"])
            try:
                kernel_check(bad)
            except Rejected:
                refutable += find_counterexample(bad["claim"]["sizes"]) is not None
                continue
            proved += 1
            assert find_counterexample(bad["claim"]["sizes"]) is None, json.dumps(bad["claim"])
    assert proved > 15 and refutable > 15  # both outcomes occur: the edits are neither all harmless nor all fatal


CHAIN_BOUND = ("forall L >= 0, scalars w[k], z[k], functions s = diff(sigmoid(x), x): Abs(g(L)) <= "
               "prod(Abs(w[k])/4, k, 1, L) where g(0) = 1, g(k + 1) = w[k + 1]*s(z[k + 1])*g(k)")


def test_an_inequality_by_induction_with_the_bounds_of_a_function():
    """|g(L)| <= prod |w_k|/4: the step uses |sigmoid'| <= 1/4 from kernel certificates of sigmoid' <= 1/4 and
    sigmoid' >= 0; a larger weight factor, a sibling activation or a strict relation is not proved."""
    v = check_claim(parse_claim(CHAIN_BOUND), 1.0)
    assert v.status == "proved", v.reason
    cert = v.certificate.data
    bounds = cert["proof"]["bounds"]["s"]
    assert bounds["upper"]["claim"]["rhs"] == ["num", "1/4"] and bounds["lower"]["claim"]["rhs"] == ["num", "0"]
    for text, status in ((CHAIN_BOUND.replace("/4", "/5"), "unknown"), (CHAIN_BOUND.replace("sigmoid", "tanh"), "unknown"),
                         (CHAIN_BOUND.replace("<=", "<"), "refuted"),  # L = 0: 1 < 1 fails
                         (CHAIN_BOUND.replace("g(0) = 1", "g(0) = 2"), "refuted"),
                         (CHAIN_BOUND.replace("/4", "/3"), "proved")):
        assert check_claim(parse_claim(text), 1.0).status == status, text
    upper = bounds["upper"]
    edits = {
        "a tighter bound than proved": lambda c, p: p["bounds"]["s"]["upper"]["claim"].update(rhs=["num", "1/5"]),
        "a bound of another function": lambda c, p: p["bounds"]["s"]["upper"]["claim"].update(
            lhs=["deriv", ["fn", "tanh", ["x"]]]),
        "a bound on a half-line only": lambda c, p: p["bounds"]["s"]["upper"]["claim"].update(
            domain=[["0", "oo", False, False]]),
        "the relation of a bound swapped": lambda c, p: p["bounds"]["s"]["upper"]["claim"].update(rel=">="),
        "a dropped lower bound": lambda c, p: p["bounds"]["s"].pop("lower"),
        "no bounds": lambda c, p: p.pop("bounds"),
        "a limit claim as a bound": lambda c, p: p["bounds"]["s"]["upper"]["claim"].update(limit="oo"),
        "a weight factor changed": lambda c, p: c["rhs"][4].__setitem__(1, ["num", "1/5"]),
        "a strict relation": lambda c, p: c.update(rel="<"),
        "the factor dropped from the step": lambda c, p: c["sequences"][0].update(step=["mul", ["seq", "g", [0, [["k", 1]]]]]),
        "the base case changed": lambda c, p: c["sequences"][0].update(base=["num", "2"]),
        "the sequence on the left without Abs": lambda c, p: c.update(lhs=c["lhs"][1]),
        "the bounds of s given for the scalars w": lambda c, p: p.update(bounds={"w": p["bounds"]["s"]}),
        "the bounds as a list": lambda c, p: p.update(bounds=[p["bounds"]["s"]]),
    }
    assert kernel_check(cert)[0] == "proved" and kernel_check(copy.deepcopy(upper))[0] == "proved"
    for what, edit in edits.items():
        with pytest.raises(Rejected):
            kernel_check(_corrupt(cert, edit))
            pytest.fail(what)


def _halving(var: str, size: str, at: list) -> dict:
    """|f(size)| <= 2^(1 - size) for f(1) = 1, f(var + 1) = f(at)/2, by induction on the size from 1."""
    from symact.kernel.pieces import FORMAT

    half = ["num", "1/2"]
    return {"format": FORMAT, "verdict": "proved", "proof": {"rule": "induction", "on": size, "from": 1},
            "claim": {"sizes": {"size": size, "from": 1, "symbols": [], "statement": "halving",
                                "sequences": [{"name": "f", "var": var, "base": ["num", "1"],
                                               "step": ["mul", half, ["seq", "f", at]]}],
                                "lhs": ["abs", ["seq", "f", [0, [[size, 1]]]]], "rel": "<=",
                                "rhs": ["prod", "j", [1, []], [-1, [[size, 1]]], half]}}}


@pytest.mark.parametrize("var,size", [("k", "L"), ("c", "L"), ("k", "c")])
def test_a_variable_named_c_is_a_variable_not_the_constant_of_an_index(var, size):
    # f(k + 1) = f(k)/2 from f(1) = 1 is 2^(1 - L) at L: the bound holds with equality, whatever the names
    assert kernel_check(_halving(var, size, [0, [[var, 1]]]))[0] == "proved"
    # f(k + 1) = f(1)/2 is 1/2 at every L >= 2, above 2^(1 - L) = 1/4 at L = 3: a step at the constant index 1
    # is not the recursion f(k + 1) = m(k) f(k) (the kernel once read the index of a variable named c as 1)
    with pytest.raises(Rejected, match="an index where the claim cannot use it"):
        kernel_check(_halving(var, size, [1, []]))


def test_declared_names_are_identifiers_never_the_names_of_bound_variables():
    # sum_{j=1}^{L-1} |x[j] + a| == sum_{j=1}^{L-1} |x[j] + b| is false for distinct scalars a, b (L = 2, x[1] = 0,
    # a = 0, b = 1: 0 != 1); a scalar named #0 (the name the normalizer gives the sum's variable) was read as j, and
    # one named ^0 (the name of a bound variable in a sum's atom) as the same atom, and the identity was proved
    from symact.kernel.pieces import FORMAT

    def cert(a, b, s=None, same=False):
        def side(name):
            return ["sum", "j", [1, []], [-1, [["L", 1]]], ["abs", ["add", ["gen", "x", [0, [["j", 1]]]], ["sym", name]]]]
        seqs = [{"name": s, "var": "k", "base": ["num", "1"], "step": ["num", "1"]}] if s else []
        return {"format": FORMAT, "verdict": "proved", "proof": {"rule": "nc-identity"},
                "claim": {"sizes": {"size": "L", "from": 1, "statement": "sums", "sequences": seqs,
                                    "symbols": [{"name": "x", "kind": "scalar", "family": True},
                                                {"name": a, "kind": "scalar"}, {"name": b, "kind": "scalar"}],
                                    "lhs": side(a), "rel": "==", "rhs": side(a if same else b)}}}
    assert kernel_check(cert("a", "b", same=True))[0] == "proved"
    with pytest.raises(Rejected, match="do not expand to the same"):
        kernel_check(cert("a", "b"))
    with pytest.raises(Rejected, match="malformed symbol"):
        kernel_check(cert("#0", "^0"))
    with pytest.raises(Rejected, match="identifiers"):
        kernel_check(cert("a", "b", s="^1", same=True))
    # nor a word of the kernel's terms: a scalar named seq, or a sum's variable named seq, would make a term mention
    # "seq" (a sequence, to the rule induction of an inequality) where it has none
    with pytest.raises(Rejected, match="malformed symbol"):
        kernel_check(cert("seq", "b", same=True))
    bound_seq = cert("a", "b", same=True)
    for side in ("lhs", "rhs"):
        bound_seq["claim"]["sizes"][side][1] = "seq"
        bound_seq["claim"]["sizes"][side][4][1][1][2] = [0, [["seq", 1]]]
    with pytest.raises(Rejected, match="fresh name"):
        kernel_check(bound_seq)


def test_signs_of_sums_and_products_over_ranges_of_any_terms():
    """A sum or product over a range of terms >= 0 is >= 0 (of terms > 0, > 0; a sum only over a range certainly
    non-empty), and a sum less one of its own terms is its other terms, whatever the terms' sign rule (|t| here,
    not only exp)."""
    proved = ("forall n >= 1, 1 <= i <= n, scalars x[k]: Abs(x[i]) <= sum(Abs(x[k]), k, 1, n)",
              "forall n >= 1, scalars x[k]: prod(Abs(x[k]), k, 1, n) >= 0",
              "forall n >= 0, scalars x[k]: prod(exp(x[k]), k, 1, n) > 0")  # the empty product is 1
    for text in proved:
        v = check_claim(parse_claim(text), 1.0)
        assert v.status == "proved" and kernel_check(v.certificate.data)[0] == "proved", (text, v.reason)
    not_proved = (
        # false: with x[k] = 0 for every k != i both sides are |x[i]|
        "forall n >= 2, 1 <= i <= n, scalars x[k]: Abs(x[i]) < sum(Abs(x[k]), k, 1, n)",
        # false: at i = j, 2 exp(x[i]) > exp(x[i]) + exp(x[k]) for the other k when x[k] < x[i]
        "forall n >= 2, 1 <= i <= n, 1 <= j <= n, scalars x[k]: exp(x[i]) + exp(x[j]) <= sum(exp(x[k]), k, 1, n)",
        "forall n >= 1, scalars x[k]: prod(Abs(x[k]), k, 1, n) > 0",  # false at x[1] = 0
        "forall n >= 0, scalars x[k]: sum(exp(x[k]), k, 1, n) > 0")  # false at n = 0: the empty sum is 0
    for text in not_proved:
        assert check_claim(parse_claim(text), 1.0).status != "proved", text


def test_a_number_in_a_sum_with_a_square_matrix_of_a_fixed_shape_is_a_multiple_of_the_identity():
    # (W + 1) x = W x + I x = W x + x for every 2 x 2 W and x in R^2; 2 x is not x (x = (1, 0))
    proved = "forall matrices W[2, 2], vectors x[2]: (W + 1)*x == W*x + x"
    v = check_claim(parse_claim(proved), 1.0)
    assert v.status == "proved" and kernel_check(v.certificate.data)[0] == "proved", v.reason
    assert check_claim(parse_claim(proved.replace("+ x", "+ 2*x")), 1.0).status == "refuted"
    with pytest.raises(ExpressionError, match="different shapes"):  # W + I for a 2 x 3 W is not defined
        parse_claim("forall matrices W[2, 3]: W + 1 == 1 + W")


def _vector_claim(lhs: list, rhs: list, proof: dict, verdict: str = "refuted") -> dict:
    """A certificate about one vector x (n x 1) of any size L >= 1, written by hand (the parser gives vectors over
    a size no shape, and does not check that a number added to one is undefined)."""
    from symact.kernel.pieces import FORMAT

    return {"format": FORMAT, "verdict": verdict, "proof": proof,
            "claim": {"sizes": {"size": "L", "from": 1, "statement": "vectors",
                                "symbols": [{"name": "x", "kind": "vector"}], "lhs": lhs, "rel": "==", "rhs": rhs}}}


def test_a_counterexample_is_defined_at_its_sizes():
    """A number q in a sum with a matrix is q I, defined only for a square matrix: x + 1 with x in R^2 is not
    defined, so no 2 x 1 counterexample refutes x + 1 == x + 2; at n = 1 it is [x + 1] != [x + 2] for every x.
    A number times a vector, on either side, is defined at every n: 2 x == x 3 fails at x = (1, 0) (2 != 3)."""
    x, one, two = ["sym", "x"], ["num", "1"], ["num", "2"]
    plus = (["add", x, one], ["add", x, two])
    with pytest.raises(Rejected, match="different shapes"):
        kernel_check(_vector_claim(*plus, {"rule": "counterexample", "at": 1, "n": 2, "values": {"x": [["0"], ["0"]]}}))
    assert kernel_check(_vector_claim(*plus, {"rule": "counterexample", "at": 1, "n": 1, "values": {"x": [["5"]]}}))[0] \
        == "refuted"
    scaled = (["mul", two, x], ["mul", x, ["num", "3"]])
    for values, refuted in (([["1"], ["0"]], True), ([["0"], ["0"]], False)):  # at x = 0 both sides are 0
        cert = _vector_claim(*scaled, {"rule": "counterexample", "at": 3, "n": 2, "values": {"x": values}})
        if refuted:
            assert kernel_check(cert)[0] == "refuted"
        else:
            with pytest.raises(Rejected, match="relation holds"):
                kernel_check(cert)


@pytest.mark.parametrize("number", [0.5, "1/0", "0.5", 1, None])
def test_a_malformed_number_or_function_term_is_rejected(number):
    """Numbers in a sized claim are strings p/q: a float, a zero denominator, a decimal or an integer that is not a
    string is rejected (x == x + q is false for every q != 0, so reading one as a number could refute or prove
    nothing sound); so is a function whose term the kernel cannot read."""
    x = ["sym", "x"]
    with pytest.raises(Rejected, match="rational"):
        kernel_check(_vector_claim(x, ["add", x, ["num", number]], {"rule": "counterexample", "at": 1, "n": 1,
                                                                       "values": {"x": [["0"]]}}))
    cert = _vector_claim(x, x, {"rule": "nc-identity"}, "proved")
    assert kernel_check(cert)[0] == "proved"
    cert["claim"]["sizes"]["functions"] = [{"name": "s", "term": ["fn", "no_such_function", ["x"]]}]
    with pytest.raises(Rejected, match="unknown name"):
        kernel_check(cert)

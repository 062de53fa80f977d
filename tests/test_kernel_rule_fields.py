"""The checker's per-rule relations and node fields: a hand-written certificate that the kernel accepts, and the
same certificate with one relation or one field changed, which it must reject (each change would otherwise let
a false claim through, or read a field the rule does not define)."""
from __future__ import annotations

import copy

import pytest

from symact.kernel import Rejected, check

X = ["x"]
UNIT = ["0", "1", True, True]


def num(q: str) -> list:
    return ["num", q]


def cert(lhs, rel, rhs, proof, domain=UNIT) -> dict:
    return {"format": "symact-kernel/1", "verdict": "proved", "proof": [proof],
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs, "domain": [domain]}}


def changed(c: dict, rel: str | None = None, **fields) -> dict:
    """c with the claim's relation and fields of its proof node replaced (None: the field removed)."""
    out = copy.deepcopy(c)
    if rel is not None:
        out["claim"]["rel"] = rel
    for key, value in fields.items():
        if value is None:
            out["proof"][0].pop(key)
        else:
            out["proof"][0][key] = value
    return out


def accepted_then_rejected(good: dict, *bad: dict) -> None:
    assert check(good)[0] == "proved"
    for c in bad:
        with pytest.raises(Rejected):
            check(c)


def test_a_monotone_function_from_a_negative_end_is_not_identically_zero():
    # -1 - x on [0, 1]: -1 at the left end, decreasing; so it is < 0 there, and certainly not == 0 or >= 0
    good = cert(["add", num("-1"), ["mul", num("-1"), X]], "<", num("0"),
                {"rule": "monotone", "from": "left", "deriv": "<", "by": {"rule": "eval"}})
    accepted_then_rejected(good, changed(good, "=="), changed(good, ">="), changed(good, deriv="=="),
                           changed(good, deriv=None), changed(good, deriv=["<"]), changed(good, **{"from": "middle"}),
                           changed(good, **{"from": None}))


def test_a_tail_or_remainder_node_proves_no_identity():
    # -1/x -> 0 at +oo from below, increasing: -1/x < 0 on [1, oo); it is not == 0
    tail = cert(["mul", num("-1"), ["pow", X, "-1"]], "<", num("0"), {"rule": "tail", "deriv": ">", "by": {"rule": "eval"}},
                domain=["1", "oo", True, False])
    accepted_then_rejected(tail, changed(tail, "=="), changed(tail, deriv="<="), changed(tail, deriv="!="))
    # x^2 on [0, 1]: 0 and its first derivative 0 at x = 0, the second derivative 2 > 0, so x^2 >= 0 (not == 0)
    rem = cert(["pow", X, "2"], ">=", num("0"),
               {"rule": "remainder", "at": "0", "order": 2, "deriv": ">", "by": {"rule": "eval"}})
    accepted_then_rejected(rem, changed(rem, "=="), changed(rem, deriv="=="), changed(rem, deriv=None))


def test_the_identity_rules_prove_no_strict_inequality():
    zero = ["add", X, ["mul", num("-1"), X]]  # x - x: 0 wherever it is defined, so x - x < 0 is false
    algebra = cert(zero, "==", num("0"), {"rule": "algebra"})
    constant = cert(zero, "==", num("0"), {"rule": "constant", "at": "1/2"})
    accepted_then_rejected(algebra, changed(algebra, "<"), changed(algebra, ">"))
    accepted_then_rejected(constant, changed(constant, "<"), changed(constant, ">"))
    # x - x <= 0 and x - x >= 0 are true: a difference that is 0 satisfies both non-strict relations
    for c in (changed(algebra, "<="), changed(algebra, ">="), changed(constant, "<="), changed(constant, ">=")):
        assert check(c)[0] == "proved"
    same = cert(X, "<=", X, {"rule": "same"})  # x <= x holds, x < x never does
    accepted_then_rejected(same, changed(same, "<"), changed(same, ">"))


def test_the_abs_rule_proves_only_an_upper_bound():
    # |x| < 2 on [0, 1] from x - 2 < 0 and -x - 2 < 0
    good = cert(["abs", X], "<", num("2"),
                {"rule": "abs", "plus": {"rule": "eval"}, "minus": {"rule": "eval"}})
    flipped = changed(good, ">")
    flipped["claim"]["rhs"] = num("-1")  # |x| > -1 is true, yet abs reads only upper bounds
    accepted_then_rejected(good, flipped, changed(good, "=="))


def test_a_factor_or_nonzero_item_needs_a_strict_or_weak_sign():
    # x (x + 1) > 0 on [1, 2]: both factors > 0 (rewrite reaches the product: the difference is x (x + 1) - 0)
    product = ["mul", X, ["add", X, num("1")]]

    def factors(first) -> dict:
        return cert(product, ">", num("0"), {"rule": "rewrite", "as": product, "by": {
            "rule": "product", "factors": [first, {"rel": ">", "by": {"rule": "eval"}}]}}, domain=["1", "2", True, True])
    accepted_then_rejected(factors({"rel": ">", "by": {"rule": "eval"}}), factors(">"),
                           *(factors({"rel": rel, "by": {"rule": "eval"}}) for rel in ("==", "!=", None, [">"])))
    # x/x == 1 on [1, 2] with x listed as > 0
    item = {"term": X, "rel": ">", "by": {"rule": "eval"}}
    ratio = cert(["mul", X, ["pow", X, "-1"]], "==", num("1"), {"rule": "algebra", "nonzero": [item]},
                 domain=["1", "2", True, True])
    accepted_then_rejected(ratio, *(changed(ratio, nonzero=[dict(item, rel=rel)]) for rel in (">=", "==", None)),
                           changed(ratio, nonzero=[X]), changed(ratio, nonzero=item))


def test_an_enclosure_form_is_one_of_three():
    good = cert(["pow", X, "2"], "<=", num("2"), {"rule": "eval", "form": "mean-value"})
    accepted_then_rejected(good, changed(good, form="best"), changed(good, form=["natural"]),
                           changed(good, bits=True), changed(good, bits=64.0), changed(good, bits=16))

"""The refutation ``undefined-between``: a side of a claim is undefined at an irrational point of its domain.

A claim ``lhs REL rhs for all x in D`` says both sides are defined at every x in D.  A side undefined only at an
irrational point (1/cos(x) at pi/2, log(x^2 - 2) at sqrt 2) has no rational counterexample; this rule finds the
point by the intermediate value theorem instead of naming it.

The node is ``{"rule": "undefined-between", "side": "left" | "right", "path": [i_1, ..., i_k], "a": p, "b": q}``
with rationals a < b (an empty path names the side itself).  What is checked (each a side condition; anything
else is Rejected):

* **[a, b] lies in D**: a and b lie in one piece of D (a piece is an interval, so every point between them does);
* **the path reaches a part every value of the side needs**: from the side's term, each index i_j picks a child
  (a term) of an ``add``, ``mul``, ``pow``, ``powt``, ``fn`` (its argument), ``abs``, ``sign``, ``heaviside``,
  ``max`` or ``min`` node.  Each of these is defined at x only where all its children are (real-line semantics,
  :mod:`symact.kernel.terms`), so the side is undefined wherever the reached part is.  A ``pw`` (whose branches
  are evaluated only where chosen) or a ``deriv`` node on the way is refused;
* **the reached part is undefined where its argument u takes a value v**: a power u^r with a negative rational r
  (v = 0: division by zero), or a function whose natural domain (:mod:`symact.kernel.functions`) has an *open*
  finite end e, with v = e (log at 0, atanh at +-1), or a Piecewise whose every condition is ``A < B``, ``A > B``
  or ``A != B`` of the same two terms A, B in either order (u = A - B, v = 0: where A = B no condition holds, so
  no branch is chosen).  A closed end is refused: there the function is defined;
* **u is continuous on [a, b]**: u has one smooth form g on [a, b], equal to u and defined on a neighbourhood
  of every point of [a, b] (:func:`~symact.kernel.evaluate.smooth_on`: a composition of functions continuous
  where defined, the same check the continuity rule trusts);
* **u - v changes sign**: u(a) - v and u(b) - v are certainly of opposite strict signs for one such v (the exact
  rational values, or ``arb`` balls at 64 to 4096 bits that exclude 0).

Then by the intermediate value theorem u(c) = v for some c in (a, b), the reached part and so the side are
undefined at c, and c is in D: the claim is false.

A value that u reaches without crossing it (1 - cos x touches 0 at 2 pi from above) needs a **factor**: the node
also gives terms ``"factor": w`` and ``"cofactor": z``, and then the last condition is replaced by

* **u - v = w z, and w changes sign**: u, w and z have smooth forms on [a, b], defined on a neighbourhood of
  every point (so g_u - v - g_w g_z is defined on all of [a, b]); g_u - v - g_w g_z is 0 there by ``algebra``
  (:func:`symact.kernel.algebra.is_zero`, for one of the values v); g_w(a) and g_w(b) are certainly of opposite
  strict signs (as above).

Then g_w(c) = 0 for some c in (a, b), so u(c) - v = g_w(c) g_z(c) = 0: u(c) = v, and the side is undefined at c
as before (1 - cos x = sin(x/2) (2 sin(x/2)), and sin(x/2) changes sign across 2 pi).

A function whose argument must stay *inside* an interval (sqrt, asin) is undefined on a whole stretch where the argument leaves it, which holds rational points, so the
ordinary ``counterexample`` serves there and this rule is not needed.
"""
from __future__ import annotations

from symact.kernel import algebra
from symact.kernel.evaluate import certain_sign, smooth_on
from symact.kernel.functions import FUNCTIONS
from symact.kernel.pieces import Rejected, contains, piece_text
from symact.kernel.terms import ZERO, TermError, from_json, has_param, mul, parse_rational, show, sub

#: the nodes that are defined only where every child is, and the indices of their children (terms)
STRICT = {"add": None, "mul": None, "max": None, "min": None, "pow": (1,), "powt": (1, 2), "fn": (2,),
           "abs": (1,), "sign": (1,), "heaviside": (1,)}


def check_between(node: dict, lhs, rhs, domain) -> list[str]:
    """The steps checked of an ``undefined-between`` refutation of ``lhs REL rhs on domain``, or Rejected."""
    a, b, side, part = read_bracket(node, lhs, rhs, domain, "undefined-between")
    u, values, what = boundary(part)
    g = smooth_on(u, (a, b, True, True))  # Uncertain (rejected by the caller) unless continuous on [a, b]
    if "factor" in node or "cofactor" in node:
        return _factored(node, part, u, g, values, what, side, a, b)
    v = next((v for v in values if certain_sign(sub(g, v), a) * certain_sign(sub(g, v), b) == -1), None)
    if v is None:
        raise Rejected(f"{show(u)} does not certainly cross {' or '.join(map(show, values))} between x = {a} "
                       f"and x = {b}")
    return [f"On {piece_text((a, b, True, True))} (in the claim's domain) {show(u)} is continuous and "
            f"{show(u)} - ({show(v)}) changes sign, so it equals {show(v)} at some point c between them "
            f"(intermediate value theorem), where {show(part)} is undefined ({what}): the {side} side is "
            f"undefined at c."]


def _factored(node, part, u, g, values, what, side, a, b) -> list[str]:
    """The factor form: u - v = w z by algebra on [a, b] and w changes sign there."""
    closed = (a, b, True, True)
    w, z = (node_term(node, key, "undefined-between") for key in ("factor", "cofactor"))
    gw, gz = smooth_on(w, closed), smooth_on(z, closed)
    v = next((v for v in values if algebra.is_zero(sub(sub(g, v), mul(gw, gz)), closed)), None)
    if v is None:
        raise Rejected(f"{show(u)} minus {' or '.join(map(show, values))} is not {show(w)} times {show(z)} by algebra")
    if certain_sign(gw, a) * certain_sign(gw, b) != -1:
        raise Rejected(f"{show(w)} does not certainly change sign between x = {a} and x = {b}")
    return [f"On {piece_text(closed)} (in the claim's domain) {show(u)} - ({show(v)}) = {show(w)} * {show(z)} by "
            f"exact algebra, all three continuous, and {show(w)} changes sign, so it vanishes at some point c "
            f"between them (intermediate value theorem), where {show(u)} = {show(v)} and {show(part)} is "
            f"undefined ({what}): the {side} side is undefined at c."]


def read_bracket(node: dict, lhs, rhs, domain, rule: str) -> tuple:
    """(a, b, side, part) of an ``undefined-between`` or ``kink-between`` node: rationals a < b with [a, b] in one
    piece of the domain, the side named (left or right) and the part of it that the node's path leads to
    (:func:`follow`); or Rejected."""
    a, b = parse_rational(node.get("a")), parse_rational(node.get("b"))
    if not a < b:
        raise Rejected(f"{rule} needs a < b")
    if not any(contains(p, a) and contains(p, b) for p in domain):
        raise Rejected(f"[{a}, {b}] does not lie in one piece of the claim's domain")
    side = node.get("side")
    if side not in ("left", "right"):
        raise Rejected(f"{rule} names the side: left or right")
    return a, b, side, follow(lhs if side == "left" else rhs, node.get("path"))


def node_term(node: dict, key: str, rule: str):
    """The term (without a parameter) that a ``rule`` node gives under ``key``, or Rejected."""
    try:
        t = from_json(node.get(key))
    except TermError as exc:
        raise Rejected(f"{rule}'s {key} is not a term: {exc}") from None
    if has_param(t):
        raise Rejected(f"{rule}'s {key} has a parameter")
    return t


def follow(t, path):
    if not isinstance(path, list):
        raise Rejected("the refutation needs a path (a list of indices) to the undefined part")
    for i in path:
        allowed = STRICT.get(t[0], ())
        if not isinstance(i, int) or isinstance(i, bool) or not 1 <= i < len(t) \
                or (allowed is not None and i not in allowed) or not isinstance(t[i], tuple):
            raise Rejected(f"the path does not lead through a part every value needs (at {t[0]!r}, index {i!r})")
        t = t[i]
    return t


def boundary(t):
    """(u, the values v, why): t is undefined where its argument u equals one of the v."""
    if t[0] == "pow" and t[2] < 0:
        return t[1], [ZERO], "division by zero"
    if t[0] == "pw":
        conditions = [c for _, c in t[1:]]
        a, b = conditions[0][2:] if conditions[0][0] == "rel" else (None, None)
        if a is not None and all(c[0] == "rel" and c[1] in ("<", ">", "!=") and c[2:] in ((a, b), (b, a))
                                 for c in conditions):
            return sub(a, b), [ZERO], "no condition of the Piecewise holds"
    interval = FUNCTIONS[t[1]].interval if t[0] == "fn" else None
    ends = [] if interval is None else [e for e, closed in zip(interval[:2], interval[2:]) if e is not None
                                        and not closed]
    if not ends:
        raise Rejected(f"{show(t)} is neither a negative power, a function with an open end of its domain nor a "
                       f"Piecewise with a gap")
    return t[2], ends, f"{t[1]} at an open end of its domain"

"""The proof rule ``branches``: a claim about a Piecewise from a claim about each branch value, where the
conditions certainly cover the piece.

Piecewise((1, sin(x) > 0), (2, sin(x) <= 0)) >= 1 on R has a branch at every x, but the condition changes at
the irrational points pi k, so no piece on which one branch holds has rational ends; likewise
Piecewise((1, x^2 <= 2), (2, x^2 > 1.9999999999999999999)) at sqrt 2.

The node is ``{"rule": "branches", "by": [N_1, ..., N_n]}`` for a difference d = W + r (W = Piecewise((v_1, c_1),
..., (v_n, c_n)) the first term of the sum, or d = W with r = 0), one node per branch.  What is checked on the
piece P:

* **every comparison in every condition is defined on P** (the kernel's enclosure of A - B exists for each
  ``A op B``), so each condition is true or false at every x in P;
* **the conditions cover P**, syntactically: one condition is ``true``, or two conditions compare the same terms
  A and B with complementary relations (``A > B`` and ``A <= B``, ``A >= B`` and ``A < B``, ``A == B`` and
  ``A != B``), or compare the same
  term A with rational constants b, c so that every real A satisfies one of them (``A <= b`` or ``A > c`` with
  c < b, or c = b when one of the two includes equality; and the same with the sides of the order swapped);
  at every x in P some condition then holds, so W picks a branch there;
* **node N_i proves v_i + r REL 0 on all of P** (so v_i and r are defined on P).

At each x in P, W(x) = v_j(x) for the first branch j whose condition holds (there is one), so d(x) =
v_j(x) + r(x), which is REL 0 by N_j: d REL 0 on P.
"""
from __future__ import annotations

from itertools import combinations

from symact.kernel.evaluate import enclose
from symact.kernel.pieces import NEGATION, Rejected, piece_text
from symact.kernel.terms import constant_rational, sub



def branch_claims(node: dict, d, p) -> list:
    """The term v_i + r of each branch, once the side conditions above hold (Rejected otherwise); the caller
    proves ``v_i + r REL 0`` on p by node["by"][i]."""
    if d[0] == "pw":
        pw, rest = d, []
    elif d[0] == "add" and d[1][0] == "pw":
        pw, rest = d[1], list(d[2:])
    else:
        raise Rejected("branches needs a Piecewise as the difference or its first term")
    nodes = node.get("by")
    if not isinstance(nodes, list) or len(nodes) != len(pw) - 1:
        raise Rejected("branches needs one node per branch")
    conditions = [c for _, c in pw[1:]]
    for c in conditions:
        for a, b in _comparisons(c):
            enclose(sub(a, b), p)
    if not _covers(conditions):
        raise Rejected(f"the Piecewise conditions do not certainly cover {piece_text(p)}")
    return [v if not rest else ("add", v, *rest) for v, _ in pw[1:]]


def _comparisons(c) -> list:
    """The (A, B) of every comparison in the condition c."""
    if c[0] == "rel":
        return [(c[2], c[3])]
    if c[0] in ("and", "or", "not"):
        return [pair for a in c[1:] for pair in _comparisons(a)]
    return []


def _covers(conditions) -> bool:
    atoms = [c for c in conditions if c[0] == "rel"]
    return ("true",) in conditions or any(a == a2 and (b == b2 and op2 == NEGATION[op] or _covers_line(op, b, op2, b2))
                                          for (_, op, a, b), (_, op2, a2, b2) in combinations(atoms, 2))


def _covers_line(op: str, b, op2: str, c) -> bool:
    """Whether every real A satisfies ``A op b`` or ``A op2 c`` (b, c rational constants)."""
    b, c = constant_rational(b), constant_rational(c)
    if b is None or c is None:
        return False
    if op in (">", ">="):  # written the other way round: A op2 c or A op b
        op, b, op2, c = op2, c, op, b
    if op not in ("<", "<=") or op2 not in (">", ">="):
        return False
    return c < b or (c == b and "=" in op + op2)


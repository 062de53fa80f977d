"""The refutation ``kink-between``: a derivative in a side of a claim does not exist at an irrational point.

A claim says both sides are defined at every x of its domain D, and d/dx f is defined only where f's difference
quotient converges (:mod:`symact.kernel.terms`).  Where f switches form at an irrational point (min(sin x, cos x)
at pi/4, |x^2 - 2| at sqrt 2) and the two forms' slopes differ there, no rational counterexample exists; this
rule finds the point by the intermediate value theorem, as :mod:`symact.kernel.between` does for a denominator.

The node is ``{"rule": "kink-between", "side": "left" | "right", "path": [i_1, ..., i_k], "switch": u,
"a": p, "b": q}`` with rationals a < b and a term u (JSON).  What is checked (each a side condition; anything
else is Rejected):

* **[a, b] lies in D**: a and b lie in one piece of D;
* **the path reaches a derivative every value of the side needs**: through ``add``, ``mul``, ``pow``, ``powt``,
  ``fn``, ``abs``, ``sign``, ``heaviside``, ``max``, ``min`` nodes only (each defined only where all its
  children are, :func:`symact.kernel.between.follow`), to a node ``("deriv", f)``;
* **u has exactly one zero c in (a, b), a simple one**: u has a smooth form g_u on [a, b], defined on a
  neighbourhood of each of its points (:func:`~symact.kernel.evaluate.smooth_on`); g_u(a) and g_u(b) are
  certainly of opposite strict signs s_a and s_b (exact rationals or ``arb`` balls); g_u' is certainly nonzero
  on all of [a, b] (an enclosure), so g_u is strictly monotone there, with sign s_a on [a, c) and s_b on (c, b];
* **f has one smooth form on each side of c**: g_1 and g_2, the forms of f where u has the sign s_a and s_b
  (:func:`~symact.kernel.evaluate.switched_form`: a switch |.|, sign, Heaviside, max or min whose argument is
  g_u or its negation takes that sign, every other switch's argument has a certain sign and every Piecewise
  condition a certain truth on all of [a, b]), so f = g_1 on (a, c) and f = g_2 on (c, b); each g_i is smooth
  on [a, b] (a strict enclosure: defined in the open sense on a neighbourhood of every point);
* **the forms' slopes differ at c**: the derivative of g_1 - g_2 is certainly nonzero on all of [a, b]
  (an enclosure), so g_1'(c) != g_2'(c).

Then f is not differentiable at c: if f(c) differs from g_1(c) (or from g_2(c)) the difference quotient from
that side diverges; otherwise the quotients from the left and the right tend to g_1'(c) and g_2'(c), which
differ.  The derivative, so the reached part and the side, are undefined at c, a point of D: the claim is false.
A kink at a rational point needs no such rule: the ordinary ``counterexample`` compares the one-sided
derivatives there.
"""
from __future__ import annotations

from symact.kernel.between import node_term, read_bracket
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import certain_sign, enclose, smooth_on, switched_form
from symact.kernel.pieces import Rejected, piece_text
from symact.kernel.terms import show, sub


def check_kink_between(node: dict, lhs, rhs, domain) -> list[str]:
    """The steps checked of a ``kink-between`` refutation of ``lhs REL rhs on domain``, or Rejected (Uncertain
    from an enclosure is rejected by the caller)."""
    a, b, side, part = read_bracket(node, lhs, rhs, domain, "kink-between")
    if part[0] != "deriv":
        raise Rejected(f"the path leads to {show(part)}, not to a derivative")
    f = part[1]
    u = node_term(node, "switch", "kink-between")
    closed = (a, b, True, True)
    g_u = smooth_on(u, closed)
    s_a, s_b = certain_sign(g_u, a), certain_sign(g_u, b)
    if s_a * s_b != -1:
        raise Rejected(f"{show(u)} does not certainly change sign between x = {a} and x = {b}")
    if not enclose(differentiate(g_u), closed, strict=True).satisfies("!="):
        raise Rejected(f"the derivative of {show(u)} is not certainly nonzero on {piece_text(closed)} (u may have "
                       f"several zeros there)")
    forms = [switched_form(f, closed, g_u, s) for s in (s_a, s_b)]
    for g in forms:
        enclose(g, closed, strict=True)
    if not enclose(differentiate(sub(*forms)), closed, strict=True).satisfies("!="):
        raise Rejected(f"the slopes of {show(forms[0])} and {show(forms[1])} are not certainly different on "
                       f"{piece_text(closed)}")
    return [f"On {piece_text(closed)} (in the claim's domain) {show(u)} is continuous, changes sign and has a "
            f"derivative of one sign, so it vanishes at exactly one point c between them (intermediate value "
            f"theorem), simply; {show(f)} is {show(forms[0])} left of c and {show(forms[1])} right of c, whose "
            f"slopes differ at c (the derivative of their difference is nonzero on the interval), so {show(f)} "
            f"is not differentiable at c and the {side} side is undefined there."]

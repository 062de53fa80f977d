"""Smoothness claims: ``f is C-infinity on a neighbourhood of every point of D``.

The claim's JSON is ``{"var": "x", "smooth": TERM, "domain": [pieces]}`` (no relation, no right side).  Its one
verdict is ``proved``; a term that is not smooth somewhere is shown so by an ordinary claim instead (a
derivative of some order undefined at a point, :func:`symact.kernel.check` counterexample).

The one rule, per piece P of D, is ``{"rule": "smooth"}``: the smooth form g of the term on P
(:func:`~symact.kernel.evaluate.smooth_form` with ``strict``: Piecewise conditions, signs of |u|, max, min hold
with a margin, so the term equals g on a neighbourhood of every point of P) is certainly defined on P in the
open sense (:func:`~symact.kernel.evaluate.enclose` with ``strict``: bases of non-integer and negative powers
positive or non-zero, logarithm arguments positive, lambertw arguments above -1/e, bases of variable powers
positive).  g is built from x, constants, sums, products, integer powers, and the functions of
:mod:`symact.kernel.functions`, each of which is C-infinity (real-analytic) on that open domain; a composition of
C-infinity functions is C-infinity (chain rule, by induction on the order).  The open conditions hold on P, so
also near each of its points: the term is C-infinity on a neighbourhood of every point of P.
"""
from __future__ import annotations

from symact.kernel.evaluate import smooth_on
from symact.kernel.pieces import Rejected, node_per_piece, piece_text, read_term_claim
from symact.kernel.terms import show


def check_smooth(c: dict, verdict: str, proof) -> list[str]:
    """The steps checked, or Rejected: the certificate proves that the term is C-infinity on its domain."""
    t, domain = read_term_claim(c, "smooth", "smoothness")
    if verdict != "proved":
        raise Rejected("a smoothness claim is only proved (refute smoothness with a derivative claim)")
    log = []
    for _, p in node_per_piece(proof, domain, "smooth", "a smoothness claim is proved by smooth nodes"):
        g = smooth_on(t, p)
        log.append(f"On {piece_text(p)}: the term equals {show(g)} near every point, a composition of "
                   f"C-infinity functions defined there in the open sense, so it is C-infinity.")
    return log

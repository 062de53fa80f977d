"""Convexity claims: ``f is convex (or concave) on each interval of D``, or, negated, ``f is not``.

The claim's JSON is ``{"var": "x", "convex": TERM, "sense": "convex" or "concave", "domain": [pieces]}``: on
each piece P (an interval) f is defined and f(l a + (1 - l) b) <= l f(a) + (1 - l) f(b) for all a, b in P and
l in [0, 1] (>= for concave).  With ``"negated": true`` the claim is that this fails on some piece; its proof
is a violation node below, its refutation the proof nodes.

**Proof** of convexity: one node per piece P.

Below, P is the open interior of the piece (a piece with a closed end: see the end of this list).

``second-derivative``  ``"certificate"`` is a kernel certificate of the claim ``d/dx d/dx f >= 0`` (or
    ``> 0``; ``<= 0`` or ``< 0`` for concave) for every x in P.  A proved claim's sides are defined on all of P,
    so f'' exists at every point of the open interval P: f' is differentiable, hence
    so is f, on P, and f' is non-decreasing there (mean value theorem, f'' >= 0).  A differentiable function
    with a non-decreasing derivative on an interval is convex (for a < m < b in P the mean value theorem gives
    slope(a, m) = f'(s) <= f'(u) = slope(m, b) with s < m < u): the second-derivative test.
``kinks``  ``"at"`` rationals c_1 < ... < c_m inside P cut it into open parts S_0, ..., S_m, each
    proved by a ``second-derivative`` node of ``"parts"``; at each c_i (side condition: f continuous there) the
    exact values at c_i of f and of its formulas g on S_{i-1} and h on S_i (smooth forms, defined at c_i, so
    continuous there from their side) are equal; and ``"slopes"`` gives for each c_i certificates of
    ``f' <= K`` on S_{i-1} and ``f' >= K`` on S_i for one rational K (reversed for concave).  Then f is
    continuous on P, differentiable off the c_i with f' non-decreasing across all of P minus the c_i, hence
    convex on P.

A closed end e of the piece (either node) has the side condition that f is continuous at e from inside: on
the part q of the piece from e to the nearest c_i (or to its other end) f equals a smooth formula g defined on
a neighbourhood of e, or f equals g on q without e and f(e) = g(e) exactly.  The nodes above prove f convex on
P; with f continuous on the piece, the chord inequality for points of the piece, some of them ends, is a limit
of chord inequalities between interior points.

**Violation** (refutes convexity; proves a negated claim):

``chord``  ``"points": [a, m, b]``: rationals a < m < b in one piece P, f without d/dx (so f(a) is f with x
    replaced by a), and the kernel refutes the ordinary claim ``f(x) <= ((b - x) f(a) + (x - a) f(b))/(b - a)``
    at x = m (rule ``counterexample``: a side certainly undefined there, or the relation certainly fails;
    ``>=`` for concave).  Then f is undefined somewhere in P, or f(m) lies strictly above the chord from
    (a, f(a)) to (b, f(b)) (below, for concave), with m = l a + (1 - l) b, l = (b - m)/(b - a) in (0, 1).
``kink``  ``"at": c, "left": l, "right": r``: rationals l < c < r in one piece P; g and h are f's formulas
    on (l, c) and (c, r), both defined in the open sense at c (so smooth near c), and the exact gap
    D = g'(c) - h'(c) is > 0 (< 0 for concave).  If f is discontinuous at the interior point c it is not
    convex; else its one-sided derivatives at c are g'(c) > h'(c), which a convex function never has.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel.continuity_claim import continuous_from_inside
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import agree_at, enclose, exact_value, interior, point, smooth_form
from symact.kernel.pieces import (FORMAT, Rejected, cut, node_per_piece, ordered_points, piece_text, proved_claim,
                                   read_term_claim)
from symact.kernel.terms import (X, add, at, mul, num, number_text, occurs, parse_rational, rational_text, show, sub,
                                 to_json)

SENSES = {"convex": (">=", ">"), "concave": ("<=", "<")}
#: the keys of a convexity claim (no other: a claim is of one kind)
KEYS = {"var", "convex", "sense", "domain", "negated"}


def check_convex(c: dict, verdict: str, proof, check) -> list[str]:
    """The steps checked, or Rejected; ``check`` is the whole kernel's check of a certificate, used for the
    sub-certificates."""
    t, domain = read_term_claim(c, "convex", "convexity")
    sense = c.get("sense")
    if sense not in SENSES:
        raise Rejected("a convexity claim needs the sense convex or concave")
    if (verdict == "refuted") != bool(c.get("negated")):  # f is not convex (not concave) on some piece
        if not isinstance(proof, dict) or proof.get("rule") not in ("chord", "kink"):
            raise Rejected("a violation of convexity is a chord or a kink node")
        return _kink(t, sense, domain, proof) if proof["rule"] == "kink" else _chord(t, sense, domain, proof, check)
    log = []
    for node, p in node_per_piece(proof, domain):
        inside = interior(p)
        if p[0] is not None and p[0] == p[1]:
            raise Rejected(f"convexity is proved on intervals with an interior, not on {piece_text(p)}")
        if isinstance(node, dict) and node.get("rule") == "kinks":
            log += _kinks(t, sense, inside, node, check)
            cuts = cut(inside, node.get("at"))[0]
        else:
            log.append(_second_derivative(t, sense, inside, node, check))
            cuts = []
        log += _closed_ends(t, sense, p, cuts)
    return log


def _closed_ends(t, sense: str, p, cuts: list) -> list[str]:
    """At each closed end e of p, f is continuous from inside (:func:`continuous_from_inside`).  f being convex
    on the open interior of p and continuous on p, every chord inequality between points of p is the limit of
    chord inequalities between interior points: f is convex on p."""
    return [f"At the closed end {e}: {why}, so f is continuous there from inside, and {sense} on {piece_text(p)} "
            f"(chords to {e} are limits of chords inside)." for e, why in continuous_from_inside(t, p, cuts)]


def _second_derivative(t, sense: str, p, node, check) -> str:
    if not isinstance(node, dict) or node.get("rule") != "second-derivative":
        raise Rejected("a convexity claim is proved by second-derivative or kinks nodes")
    rel = _sub_claim(node.get("certificate"), ("deriv", ("deriv", t)), SENSES[sense], None, p, "f''", check)
    return (f"On {piece_text(p)}: f'' {rel} 0 (kernel-checked) on the open interval, so f' is "
            f"{'non-decreasing' if sense == 'convex' else 'non-increasing'} and f is {sense} there "
            f"(second-derivative test).")


def _sub_claim(cert, lhs_want, rels: tuple, rhs_want, p, what: str, check) -> str:
    """The relation of a kernel certificate proving ``lhs_want REL rhs_want`` (REL in rels; rhs_want None: 0)
    on the one piece p, checked by the whole kernel; rejected otherwise."""
    want = (lhs_want, num(0) if rhs_want is None else rhs_want, [p])
    return proved_claim(cert, check, rels, lambda *got: got == want, f"{what} on {piece_text(p)}")[0]


def _kinks(t, sense: str, p, node, check) -> list[str]:
    cuts, subs = cut(p, node.get("at"))
    parts, slopes = node.get("parts"), node.get("slopes")
    if not (cuts and isinstance(parts, list) and isinstance(slopes, list) and len(parts) == len(subs)
            and len(slopes) == len(cuts)):
        raise Rejected("kinks: increasing points inside the piece, a part per open interval, slopes per point")
    log = [_second_derivative(t, sense, q, part, check) for q, part in zip(subs, parts)]
    low, high = ("<=", ">=") if sense == "convex" else (">=", "<=")
    for c, left, right, slope in zip(cuts, subs, subs[1:], slopes):
        k = parse_rational(slope.get("K"))
        if not agree_at(c, t, smooth_form(t, left, strict=False), smooth_form(t, right, strict=False)):
            raise Rejected(f"f is not shown continuous at {c} (exact values of f and its two formulas differ)")
        for side, rel, q in (("left", low, left), ("right", high, right)):
            _sub_claim(slope.get(side), ("deriv", t), (rel,), num(k), q, f"f' ({side} of {c})", check)
        log.append(f"At {c}: f and its formulas on both sides agree exactly (continuous), and f' {low} {k} left of "
                   f"it, f' {high} {k} right of it (kernel-checked), so f' is "
                   f"{'non-decreasing' if sense == 'convex' else 'non-increasing'} across {c}.")
    log.append(f"So f is continuous on {piece_text(p)} with a monotone derivative off the kinks: {sense} there.")
    return log


def kink_gaps(terms: list, node: dict, domain: list) -> tuple:
    """(left, c, right, gaps) of a kink node: its rationals left < c < right in one piece of the domain and, for
    each term f, g'(c) - h'(c) exactly for f's formulas g on (left, c) and h on (c, right), both defined in the
    open sense at c (the rule ``kink``); Rejected where they are not."""
    left, c, right = ordered_points([node.get(k) for k in ("left", "at", "right")], domain, "a kink")
    return left, c, right, [_gap(t, c, left, right) for t in terms]


def _gap(t, c: Fraction, left: Fraction, right: Fraction) -> Fraction:
    slopes = []
    for q in ((left, c, False, False), (c, right, False, False)):
        g = smooth_form(t, q, strict=False)
        enclose(g, point(c), strict=True)
        v = exact_value(differentiate(g), c)
        if v is None:
            raise Rejected(f"the kink at {c}: no exact one-sided slope")
        slopes.append(v)
    return slopes[0] - slopes[1]


def _kink(t, sense: str, domain: list, node) -> list[str]:
    left, c, right, (gap,) = kink_gaps([t], node, domain)
    if (gap <= 0) if sense == "convex" else (gap >= 0):
        raise Rejected(f"at {c} the slope changes by {number_text(-gap)}: no violation of {sense}ity")
    return [f"At {c}: f's formulas on ({left}, {c}) and ({c}, {right}) have slopes differing by {number_text(gap)} there (exact), "
            f"so f is discontinuous at {c} or its slope {'drops' if sense == 'convex' else 'rises'}: not {sense} "
            f"on the interval that holds {left} and {right}."]


def _chord(t, sense: str, domain: list, node, check) -> list[str]:
    if not (isinstance(node.get("points"), list) and len(node["points"]) == 3):
        raise Rejected("a chord node gives three points")
    a, m, b = ordered_points(node["points"], domain, "a chord")
    if occurs(t, lambda u: u[0] == "deriv"):
        raise Rejected("a chord of a term with d/dx is not formed")
    chord = mul(add(mul(sub(num(b), X), at(t, num(a))), mul(sub(X, num(a)), at(t, num(b)))), num(1 / (b - a)))
    rel = "<=" if sense == "convex" else ">="
    claim = {"var": "x", "lhs": to_json(t), "rel": rel, "rhs": to_json(chord),
             "domain": [[rational_text(m), rational_text(m), True, True]]}
    _, steps = check({"format": FORMAT, "claim": claim, "verdict": "refuted",  # Rejected unless it is refuted
                      "proof": {"rule": "counterexample", "x": rational_text(m)}})
    return [f"The chord from x = {a} to x = {b}: at x = {m}, {show(t)} {rel} the chord fails:", *steps,
            f"so f is not {sense} on the interval that holds {a}, {m} and {b}."]

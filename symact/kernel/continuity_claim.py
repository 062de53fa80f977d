"""Continuity and smoothness claims.

Continuity claims: ``f is defined at every point of D and continuous there as a function on D`` (at a closed
end of a piece: from inside), or, negated, ``f is not`` (undefined or discontinuous somewhere in D).  With
f = d/dx g this states g in C^1 on D (g'(e) at a closed end e is still the two-sided derivative: it exists only
where the difference quotient converges from both sides).

The claim's JSON is ``{"var": "x", "continuous": TERM, "domain": [pieces]}``, with ``"negated": true`` for the
negation; the proof of one is the refutation of the other.

**Proof** of continuity: one node ``{"rule": "continuity", "at": [c_1, ..., c_m]}`` per piece P (an interval
with an interior): the rationals c_1 < ... < c_m inside P cut its interior into open parts S_j.  On each S_j,
f's smooth form g (equal to f on a neighbourhood of each point of S_j) is defined there in the open sense: a
composition of continuous functions, so f is continuous on S_j.  At each c_i, f has an exact value, and so have
its formulas on the parts left and right of c_i (defined there, hence continuous from that side), or else their
one-sided limits at c_i (:func:`~symact.kernel.evaluate.side_limit`: x log|x| and exp(-1/x) at 0) are exact; the
three are equal, so f is continuous at c_i.  At a closed end e of P, with q the part of P from e to the nearest c_i (or to
P's other end): f equals on q a smooth formula g, or f equals g on q without e and f(e) = g(e) exactly; and g is
defined on a neighbourhood of e, or on all of q (a composition of functions continuous on their closed domains:
sqrt at 0), or f(e) is g's exact limit at e from inside, so f is continuous at e from inside
(:func:`continuous_from_inside`).

**Violation** (refutes continuity; proves the negation): ``{"rule": "undefined", "at": c}``: c in D and f
certainly undefined at c (:func:`~symact.kernel.evaluate.undefined_reason`; for f = d/dx g: the one-sided
derivatives differ), so f is not continuous on D.  Over a quantified parameter (:mod:`symact.kernel.quantified`)
the violation of ``d/dx g`` is a ``kink`` of g whose gap is never 0.  ``{"rule": "jump", "at": c, "left": l,
"right": r}``: rationals l < c < r in one piece of D; f's formulas g on (l, c) and h on (c, r) are defined in the
open sense at c (so continuous there, and f tends to g(c) from the left, to h(c) from the right), and g(c) - h(c)
is certainly not 0 (an arb enclosure): f is not continuous at c, whatever its value there.  Where a formula
is not defined in the open sense at c, its one-sided limit there takes the place of its value (an infinite
one: f is unbounded next to c, so not continuous there).  With one neighbour
only (``"right": r`` or ``"left": l``, c and it in one piece of D): f's formula g between them is defined in
the open sense at c, and f(c) - g(c) is certainly not 0, so f's limit from that side inside D is not f(c) (a
jump at a closed end: Heaviside on [0, oo)).

**Smoothness claims**: ``f is C-infinity on a neighbourhood of every point of D`` (pieces open or closed).
Their JSON is ``{"var": "x", "smooth": TERM, "domain": [pieces]}`` (no relation, no right side).

The one rule, per piece P of D, is ``{"rule": "smooth"}``: the smooth form g of the term on P
(:func:`~symact.kernel.evaluate.smooth_form` with ``strict``: Piecewise conditions, signs of |u|, max, min hold
with a margin, so the term equals g on a neighbourhood of every point of P) is certainly defined on P in the
open sense (:func:`~symact.kernel.evaluate.enclose` with ``strict``: bases of non-integer and negative powers
positive or non-zero, logarithm arguments positive, lambertw arguments above -1/e, bases of variable powers
positive).  g is built from x, constants, sums, products, integer powers, and the functions of
:mod:`symact.kernel.functions`, each of which is C-infinity (real-analytic) on that open domain; a composition of
C-infinity functions is C-infinity (chain rule, by induction on the order).  The open conditions hold on P, so
also near each of its points: the term is C-infinity on a neighbourhood of every point of P.

The refutation is one node ``{"rule": "undefined", "at": c, "order": k}`` (0 <= k <= MAX_ORDER, and f's
formula on each side of c has at most MAX_DERIVATIVE_NODES nodes once differentiated k times): c in D and
the k-th derivative of the term certainly undefined at c (:func:`~symact.kernel.evaluate.undefined_reason`: the
one-sided derivatives of the (k-1)-th differ, or it is undefined on a side).  A function C-infinity on a
neighbourhood of c has every derivative at c, so the term is not (|x|^3 at 0, order 3: 6|x| has slopes -6 and 6).
"""
from __future__ import annotations

from fractions import Fraction
from itertools import islice

from symact.kernel import ivals
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import (GermUndefined, agree_at, enclose, exact_side_limit, exact_value, germ, interior,
                                    point, side_limit, smooth_form, smooth_on, undefined_reason)
from symact.kernel.ivals import Uncertain
from symact.kernel.pieces import Rejected, contains, cut, node_per_piece, ordered_points, piece_text, read_term_claim
from symact.kernel.terms import parse_rational, show, sub, subterms


#: the keys of a continuity claim (no other: a claim is of one kind)
KEYS = {"var", "continuous", "domain", "negated"}
#: the highest order of a derivative that refutes smoothness (|x|^11 at 0: order 11)
MAX_ORDER = 12
#: the most nodes f's formula on a side of the point may have once differentiated ``order`` times: derivatives
#: grow fast (the 7th of mish(x)*|x| has 1.5 million nodes and takes minutes to enclose; 20,000 take a second or
#: two), so the check's work is bounded by a count, not a clock
MAX_DERIVATIVE_NODES = 20_000


def check_smooth(c: dict, verdict: str, proof) -> list[str]:
    """The steps checked, or Rejected: the certificate proves that the term is C-infinity on its domain."""
    t, domain = read_term_claim(c, "smooth", "smoothness")
    if verdict == "refuted":
        order = proof.get("order") if isinstance(proof, dict) and proof.get("rule") == "undefined" else None
        if type(order) is not int or not 0 <= order <= MAX_ORDER:
            raise Rejected(f"smoothness is refuted by an undefined node with an order from 0 to {MAX_ORDER}")
        _derivatives_small(t, parse_rational(proof.get("at")), order)
        term = t
        for _ in range(order):
            term = ("deriv", term)
        x0, why = _undefined(term, domain, proof)
        return [f"At x = {x0} (in the domain) the derivative of order {order} of {show(t)} is undefined: {why}; so "
                f"it is not C-infinity near {x0}."]
    if verdict != "proved":
        raise Rejected("a smoothness claim is proved or refuted")
    log = []
    for _, p in node_per_piece(proof, domain, "smooth", "a smoothness claim is proved by smooth nodes"):
        g = smooth_on(t, p)
        log.append(f"On {piece_text(p)}: the term equals {show(g)} near every point, a composition of "
                   f"C-infinity functions defined there in the open sense, so it is C-infinity.")
    return log


def check_continuity(c: dict, verdict: str, proof) -> list[str]:
    """The steps checked, or Rejected."""
    t, domain = read_term_claim(c, "continuous", "continuity")
    if (verdict == "refuted") != bool(c.get("negated")):
        if not isinstance(proof, dict) or proof.get("rule") not in ("undefined", "jump"):
            raise Rejected("a violation of continuity is an undefined or a jump node")
        if proof["rule"] == "jump":
            return _jump(t, domain, proof)
        x0, why = _undefined(t, domain, proof)
        return [f"At x = {x0} (in the domain) {show(t)} is undefined: {why}; so it is not continuous there."]
    log = []
    for node, p in node_per_piece(proof, domain, "continuity", "continuity is proved by continuity nodes"):
        if p[0] is not None and p[0] == p[1]:
            raise Rejected(f"continuity is proved on intervals with an interior, not on {piece_text(p)}")
        cuts, parts = cut(interior(p), node.get("at"))
        forms = [smooth_on(t, q) for q in parts]
        for c, g, h in zip(cuts, forms, forms[1:]):
            if not agree_at(c, t, g, h) and not limits_agree(c, t, (g, -1), (h, 1)):
                raise Rejected(f"at {c}: f and its formulas on both sides have no common exact value or limit")
        log.append(f"On {piece_text(p)}: off {', '.join(map(str, cuts)) or 'no point'} f is a composition of "
                   f"continuous functions defined in the open sense; at each cut its value and both one-sided "
                   f"formulas (their values there, or their limits) agree exactly: continuous.")
        log += [f"At the closed end {e}: {why}, so f is continuous there from inside."
                for e, why in continuous_from_inside(t, p, cuts)]
    return log


def _derivatives_small(t, x0: Fraction, order: int) -> None:
    """Rejected where f's formula on a side of x0 (:func:`~symact.kernel.evaluate.germ`), differentiated up to
    ``order`` times, has more than MAX_DERIVATIVE_NODES nodes."""
    for side in (-1, 1):
        try:
            g = germ(t, x0, side)
        except (Uncertain, GermUndefined, ZeroDivisionError):
            continue  # no formula on this side: its check stops at once
        for k in range(1, order + 1):
            g = differentiate(g)
            if next(islice(subterms(g), MAX_DERIVATIVE_NODES, None), None) is not None:
                raise Rejected(f"the derivative of order {k} at {x0} has more than {MAX_DERIVATIVE_NODES} nodes")


def _undefined(t, domain: list, node: dict) -> tuple[Fraction, str]:
    """The rational point ``at`` of an undefined node, in the domain, and why t is certainly undefined there;
    Rejected otherwise."""
    x0 = parse_rational(node.get("at"))
    why = undefined_reason(t, x0) if any(contains(p, x0) for p in domain) else None
    if not why:
        raise Rejected(f"f is not certainly undefined at {x0} in the domain")
    return x0, why


def continuous_from_inside(t, p, cuts: list) -> list[tuple[Fraction, str]]:
    """(e, why) for each closed end e of the piece p, with q the part of p from e to the nearest of the
    increasing ``cuts`` inside p (or to p's other end): why f is continuous at e from inside; Rejected (a step
    not certain) otherwise."""
    ends = [p[0], *cuts, p[1]]
    sides = ([(p[0], (p[0], ends[1], True, False))] if p[2] else []) + (
        [(p[1], (ends[-2], p[1], False, True))] if p[3] else [])
    return [(e, _continuous_at_end(t, e, q)) for e, q in sides]


def _continuous_at_end(t, e: Fraction, q) -> str:
    """Why f is continuous at the end e of the piece q from inside: f equals on q a smooth formula g, or f equals g
    on q without e and f(e) = g(e) exactly (f changes formula at e); and g is defined on a neighbourhood of e, or
    on all of q (g has no switch and no derivative node, so it is a composition of x, constants, sums, products,
    powers and the kernel's functions, each continuous on its whole domain, ends included: sqrt at 0, asin at
    +-1; defined on q, it is continuous on q)."""
    try:
        g, why = smooth_form(t, q, strict=False), f"f equals on {piece_text(q)} a smooth formula"
    except (Uncertain, GermUndefined):
        g = smooth_form(t, interior(q), strict=False)
        if not agree_at(e, t, g):
            if limits_agree(e, t, (g, 1 if e == q[0] else -1)):
                return f"f({e}) is the exact limit at {e} of f's smooth formula inside"
            raise Rejected(f"f is not shown continuous at the closed end {e} (f({e}) and the formula inside "
                           f"have no one exact value or limit)") from None
        why = f"f({e}) is the exact value at {e} of f's smooth formula inside"
    return f"{why}, {_continuous_up_to(g, e, q)}"


def limits_agree(c: Fraction, t, *forms) -> bool:
    """Whether t has an exact rational value at c that is the exact limit at c of each (formula, side) of
    ``forms`` (:func:`~symact.kernel.evaluate.exact_side_limit`): f equals each formula on that side next to c,
    so f is continuous at c from there."""
    value = exact_value(t, c)
    return value is not None and all(exact_side_limit(g, c, side) == value for g, side in forms)


def _continuous_up_to(g, e: Fraction, q) -> str:
    """Why the smooth formula g (no switch, no derivative node) is continuous on the piece q, which has e as a
    closed end, at e from inside: g is defined on a neighbourhood of e, or on all of q (a composition of x,
    constants, sums, products, powers and the kernel's functions, each continuous on its whole domain, ends
    included: sqrt at 0); Rejected (a step not certain) otherwise."""
    try:
        enclose(g, point(e), strict=True)
        return f"defined on a neighbourhood of {e}"
    except Uncertain:
        enclose(g, q)
        return f"defined on all of {piece_text(q)} (continuous there: a composition of functions continuous on " \
               f"their domains)"


def _jump(t, domain: list, node: dict) -> list[str]:
    if "left" not in node or "right" not in node:
        return _one_sided_jump(t, domain, node)
    left, c, right = ordered_points([node.get(k) for k in ("left", "at", "right")], domain, "a jump")
    g, h = (smooth_form(t, q, strict=False) for q in ((left, c, False, False), (c, right, False, False)))
    try:
        gap, how = enclose(sub(g, h), point(c), strict=True), "are defined there in the open sense and differ by"
    except Uncertain:
        ends = [_limit_from(u, c, side) for u, side in ((g, -1), (h, 1))]
        if None in ends:
            return [f"At x = {c} (in the domain): f is unbounded on one side of {c} (an infinite one-sided limit "
                    f"of its formula there): not continuous."]
        gap, how = ivals.add(ends[0], ivals.neg(ends[1])), "have one-sided limits there that differ by"
    if gap.sign() == 0:
        raise Rejected(f"at {c} the limits from the left and from the right are not certainly different")
    return [f"At x = {c} (in the domain): f's formulas on ({left}, {c}) and ({c}, {right}) {how} {gap} (certain), "
            f"so the one-sided limits of f differ: not continuous."]


def _limit_from(g, c: Fraction, side: int):
    """The enclosure of the limit of the smooth formula g at c from the side (+1 right, -1 left), by one-sided
    limits (:func:`~symact.kernel.evaluate.side_limit`), or None where it is infinite; Uncertain otherwise."""
    lim, _ = side_limit(g, c, side)
    return lim.value if lim.finite else None


def _one_sided_jump(t, domain: list, node: dict) -> list[str]:
    """A jump node with one neighbour (``right`` or ``left``): c and it in one piece of D, f's formula g on the
    open interval between them continuous at c from that side (defined on a neighbourhood of c, or on the interval
    with c added: sqrt at 0), so f tends to g(c) from that side inside D, and f(c) certainly different from g(c):
    f is not continuous at c as a function on D (Heaviside on [0, oo): H(0) = 1/2, and 1 to the right)."""
    if ("left" in node) == ("right" in node):
        raise Rejected("a jump has neighbours left and right, or one of them")
    side = "right" if "right" in node else "left"
    ends = ordered_points([node.get("at"), node.get("right")] if side == "right" else
                          [node.get("left"), node.get("at")], domain, "a jump")
    c = ends[0] if side == "right" else ends[1]
    g = smooth_form(t, (ends[0], ends[1], False, False), strict=False)
    try:
        why = _continuous_up_to(g, c, (ends[0], ends[1], side == "right", side == "left"))
        limit, how = enclose(g, point(c)), f"is continuous at {c} from the {side} ({why}) and f({c}) - g({c})"
    except (Uncertain, Rejected):
        limit, how = _limit_from(g, c, 1 if side == "right" else -1), f"tends to L at {c} from the {side} and f({c}) - L"
        if limit is None:
            return [f"At x = {c} (in the domain): f's formula on ({ends[0]}, {ends[1]}) has an infinite limit at "
                    f"{c} from the {side}: not continuous."]
    gap = ivals.add(enclose(t, point(c)), ivals.neg(limit))
    if gap.sign() == 0:
        raise Rejected(f"at {c} the value and the limit from the {side} are not certainly different")
    return [f"At x = {c} (in the domain): f's formula g on ({ends[0]}, {ends[1]}) {how} = {gap} (certain), so "
            f"f's limit from the {side} is not f({c}): not continuous."]

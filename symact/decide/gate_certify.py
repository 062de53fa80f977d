"""Certificates for claims of the kernel gate (:mod:`symact.properties.kernel_gate`) and for the predicates of
the claim language (smooth, convex) that the general search (:mod:`symact.decide.certify`) does not propose:
proposed here, decided by the kernel."""
from __future__ import annotations

import math
from fractions import Fraction

from symact.kernel import Rejected, check, claim_json
from symact.kernel.check import period_multiple
from symact.kernel.continuity_claim import MAX_ORDER
from symact.kernel.pieces import FORMAT, contains, piece_json
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import GermUndefined, exact_value, interior, smooth_form
from symact.kernel.ivals import Uncertain
from symact.kernel.terms import constant_rational, num, parse_rational, rational_text, sub, to_json


#: the orders of derivatives tried to refute smoothness: at a breakpoint every order the kernel takes, elsewhere
#: 0 and 1 (f undefined at the point, or on one side of it); the kernel bounds the size of the derivatives it
#: checks (MAX_DERIVATIVE_NODES), so a high order is rejected at once where they grow fast
BREAKPOINT_ORDERS, OTHER_ORDERS = range(MAX_ORDER + 1), range(2)


def smooth_search(t, domain: list):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``t is C-infinity on the domain``: one
    ``smooth`` node per piece, which the kernel accepts or rejects; else an ``undefined`` node: a derivative
    undefined at a breakpoint (orders :data:`BREAKPOINT_ORDERS`) or at another point tried (:data:`OTHER_ORDERS`)."""
    from symact.decide.certify import breakpoints

    claim = {"var": "x", "smooth": to_json(t), "domain": [piece_json(p) for p in domain]}
    found = _checked({"format": FORMAT, "claim": claim, "verdict": "proved",
                      "proof": [{"rule": "smooth"} for _ in domain]}, "no smoothness certificate")
    if found[0] is not None:
        return found
    cuts = sorted(set(breakpoints(t)))
    for c in _probe_points(cuts, domain):
        for k in BREAKPOINT_ORDERS if c in cuts else OTHER_ORDERS:
            refuted = _checked({"format": FORMAT, "claim": claim, "verdict": "refuted",
                                "proof": {"rule": "undefined", "at": rational_text(c), "order": k}}, "")
            if refuted[0] is not None:
                return refuted
    return None, None, found[2] + f"; no derivative of order 0 to {MAX_ORDER} is shown undefined at a point tried"


#: chord midpoints and half-widths tried to refute a convexity claim
CHORD_MIDPOINTS = tuple(Fraction(k, 2) for k in (0, 1, -1, 2, -2, 3, -3, 4, -4, 6, -6))
CHORD_HALF_WIDTHS = (Fraction(1, 2), Fraction(1), Fraction(2), Fraction(1, 8))


def convex_search(t, sense: str, domain: list, work: int, negated: bool = False):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``t is convex (concave) on each interval
    of the domain`` (``negated``: is not, on some interval): per piece a ``second-derivative`` node, or
    ``kinks`` at t's rational breakpoints, their claims proved by the search; else a violation, a ``kink`` at a
    breakpoint or a ``chord`` (a few rational midpoints and widths), that the kernel accepts."""
    claim = {"var": "x", "convex": to_json(t), "sense": sense, "domain": [piece_json(p) for p in domain],
             **({"negated": True} if negated else {})}
    dips: list = []   # points where a search of f'' found it of the wrong sign
    nodes = [_convex_node(t, sense, p, work // len(domain), dips) for p in domain]
    if None not in nodes:
        found = _checked({"format": FORMAT, "claim": claim, "verdict": "refuted" if negated else "proved",
                          "proof": nodes}, "")
        if found[0] is not None:
            return found
    for node in _violations(t, domain, dips):
        found = _checked({"format": FORMAT, "claim": claim, "verdict": "proved" if negated else "refuted",
                          "proof": node}, "")
        if found[0] is not None:
            return found
    return None, None, (f"no certificate: f'' is not shown {'>= 0' if sense == 'convex' else '<= 0'} on each open "
                        f"interval of the domain (nor off its breakpoints), and no kink or chord tried has f "
                        f"{'above' if sense == 'convex' else 'below'} it")


def _convex_node(t, sense: str, p, work: int, dips: list) -> dict | None:
    """A ``second-derivative`` or ``kinks`` node proving t convex (concave) on the interior of the piece p (the
    kernel checks that t is continuous at a closed end itself), or None (appending to ``dips`` the points where a
    search of f'' refuted its sign)."""
    from symact.decide.certify import breakpoints

    if p[0] is not None and p[0] == p[1]:
        return None
    p = interior(p)
    node = _second_derivative_node(t, sense, p, work, dips)
    cuts = sorted(c for c in set(breakpoints(t)) if (p[0] is None or c > p[0]) and (p[1] is None or c < p[1]))
    if node is not None or not cuts:
        return node
    ends = [p[0], *cuts, p[1]]
    subs = [(lo, hi, False, False) for lo, hi in zip(ends, ends[1:])]
    parts = [_second_derivative_node(t, sense, q, work // len(subs), dips) for q in subs]
    if None in parts:
        return None
    low, high = ("<=", ">=") if sense == "convex" else (">=", "<=")
    slopes = []
    for c, left, right in zip(cuts, subs, subs[1:]):
        for side in (left, right):
            try:
                k = exact_value(differentiate(smooth_form(t, side, strict=False)), c)
            except (Uncertain, GermUndefined, ZeroDivisionError):
                k = None
            if k is None:
                continue
            certs = [_proved(("deriv", t), rel, num(k), q, work // 4) for rel, q in ((low, left), (high, right))]
            if None not in certs:
                slopes.append({"K": rational_text(k), "left": certs[0], "right": certs[1]})
                break
        else:
            return None
    return {"rule": "kinks", "at": [rational_text(c) for c in cuts], "parts": parts, "slopes": slopes}


def _second_derivative_node(t, sense: str, p, work: int, dips: list) -> dict | None:
    """A ``second-derivative`` node; where the search fails on f'' and f has summands with a constant factor 0
    (an end of a quantified parameter, (1 - y) at y = 1), its certificate proves f'' by the kernel's rule
    ``rewrite`` as the smooth form of the second derivative without those summands (0 times a term that no
    enclosure keeps finite on a ray is not 0 to interval arithmetic)."""
    rel = ">=" if sense == "convex" else "<="
    f2 = ("deriv", ("deriv", t))
    pruned = _without_zero_terms(t)
    cert = _pruned_second_derivative(f2, pruned, rel, p, work) if pruned != t else None
    cert = cert or _proved(f2, rel, num(0), p, work, dips)
    return None if cert is None else {"rule": "second-derivative", "certificate": cert}


def _pruned_second_derivative(f2, pruned, rel: str, p, work: int) -> dict | None:
    """A certificate of ``f2 REL 0`` on p by ``rewrite`` as the smooth form of the pruned term's f'', or None."""
    try:
        g = smooth_form(("deriv", ("deriv", pruned)), p, strict=False)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return None
    inner = _proved(g, rel, num(0), p, work)
    if inner is None:
        return None
    return {"format": FORMAT, "claim": claim_json(f2, rel, num(0), [p]), "verdict": "proved",
            "proof": [{"rule": "rewrite", "as": to_json(sub(g, num(0))), "by": inner["proof"][0]}]}


def _without_zero_terms(t):
    """t with every summand (of its top-level sums) that has a rational constant factor equal to 0 left out."""
    if t[0] == "mul" and any(constant_rational(a) == 0 for a in t[1:]):
        return num(0)
    if t[0] != "add":
        return t
    parts = [q for q in (_without_zero_terms(a) for a in t[1:]) if q != num(0)]
    return num(0) if not parts else parts[0] if len(parts) == 1 else ("add", *parts)


def _proved(lhs, rel: str, rhs, p, work: int, dips: list | None = None) -> dict | None:
    """The certificate of ``lhs REL rhs`` on p that the search finds, or None; where the search refutes it at a
    point, that point is appended to ``dips`` (when given)."""
    from symact.decide.certify import Search

    verdict, cert, _ = Search(lhs, rel, rhs, [p], work=work).run()
    if verdict == "refuted" and dips is not None and cert["proof"].get("rule") == "counterexample":
        dips.append(parse_rational(cert["proof"]["x"]))
    return cert if verdict == "proved" else None


def continuity_search(t, domain: list, negated: bool = False):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``t is continuous on the domain``
    (``negated``: is not): a ``continuity`` node per piece, cut at t's rational breakpoints; else an
    ``undefined`` node at a point tried, or a ``jump`` node at a breakpoint (or, with one neighbour, at a
    closed end)."""
    from symact.decide.certify import breakpoints

    claim = {"var": "x", "continuous": to_json(t), "domain": [piece_json(p) for p in domain],
             **({"negated": True} if negated else {})}
    cuts = sorted(set(breakpoints(t)))
    nodes = [{"rule": "continuity", "at": [rational_text(c) for c in cuts if contains(interior(p), c)]} for p in domain]
    found = _checked({"format": FORMAT, "claim": claim, "verdict": "refuted" if negated else "proved",
                      "proof": nodes}, "")
    if found[0] is not None:
        return found
    for node in [{"rule": "undefined", "at": rational_text(c)} for c in _probe_points(cuts, domain)] + [
            {**node, "rule": "jump"} for node in kink_nodes(t, domain)] + _one_sided_jumps(cuts, domain):
        found = _checked({"format": FORMAT, "claim": claim, "verdict": "proved" if negated else "refuted",
                          "proof": node}, "")
        if found[0] is not None:
            return found
    return None, None, ("no certificate: continuity is not shown at the breakpoints, nor undefinedness at a point "
                        "tried or a jump at a breakpoint or closed end")


def _one_sided_jumps(cuts: list, domain: list) -> list:
    """Candidate one-sided ``jump`` nodes: at each breakpoint or closed end c of a piece, a neighbour on each side
    of c inside that piece (1/2 from c, or halfway to the piece's other end)."""
    nodes = []
    for p in domain:
        for c in [*cuts, *(e for e, closed in ((p[0], p[2]), (p[1], p[3])) if closed)]:
            if not contains(p, c):
                continue
            right = c + Fraction(1, 2) if p[1] is None else (c + p[1]) / 2
            left = c - Fraction(1, 2) if p[0] is None else (p[0] + c) / 2
            nodes += [{"rule": "jump", "at": rational_text(c), side: rational_text(n)}
                      for side, n in (("right", right), ("left", left)) if n != c and contains(p, n)]
    return nodes


#: points tried, besides the breakpoints and the pieces' ends and midpoints, for an ``undefined`` node
PROBE_POINTS = tuple(Fraction(s * v) for v in (0, Fraction(1, 2), 1, 2, 4, 16, 256) for s in (-1, 1))


def _probe_points(cuts: list, domain: list) -> list:
    """Rational points of the domain where f may be undefined (sqrt(x) at -1 for a claim on R): the breakpoints,
    then each piece's finite ends and midpoint, then :data:`PROBE_POINTS`; each once, in that order."""
    candidates = [*cuts]
    for p in domain:
        candidates += [e for e in (p[0], p[1]) if e is not None]
        if p[0] is not None and p[1] is not None:
            candidates.append((p[0] + p[1]) / 2)
    candidates += PROBE_POINTS
    return [c for c in dict.fromkeys(candidates) if any(contains(p, c) for p in domain)]


def kink_nodes(t, domain: list):
    """Candidate ``kink`` nodes: each rational breakpoint of t inside a piece, with neighbours inside it."""
    from symact.decide.certify import breakpoints

    for c in sorted(set(breakpoints(t))):
        for p in domain:
            left = c - 1 if p[0] is None else (p[0] + c) / 2
            right = c + 1 if p[1] is None else (c + p[1]) / 2
            if contains(p, left) and contains(p, right) and left < c < right:
                yield {"rule": "kink", "at": rational_text(c), "left": rational_text(left),
                       "right": rational_text(right)}


def _violations(t, domain: list, dips: list):
    """Candidate violation nodes: a kink at each rational breakpoint inside a piece, then chords, then chords
    around the points ``dips`` where f'' has the wrong sign (:func:`_dip_chords`)."""
    yield from kink_nodes(t, domain)
    for m in CHORD_MIDPOINTS:
        for h in CHORD_HALF_WIDTHS:
            points = (m - h, m, m + h)
            if any(all(contains(p, q) for q in points) for p in domain):
                yield {"rule": "chord", "points": [rational_text(q) for q in points]}
    yield from _dip_chords(domain, dips)


#: the half-widths 2^-k s of the chords tried around a point c where f'' has the wrong sign, for each scale s:
#: max(1, |c|), |c| and the distance from c to the piece's nearest finite end
DIP_EXPONENTS = (1, 4, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 128)


def _dip_chords(domain: list, dips: list):
    """Chords centred at each point c of ``dips`` (where the search refuted ``f'' >= 0``, ``<= 0`` for concave, on
    the interior of a piece), ever shorter: where f'' is continuous and < 0 at c, f lies above every short enough
    chord around c (x^4 - 1e-30 x^2 only for half-widths below 1e-15; x^4 - 1e-60 x^3 only for c and half-widths
    below 5e-61, x^3 - 3x on x > -1e-30 only within 1e-30 of the end).  The kernel checks each chord itself; f''
    decides nothing."""
    for c in dict.fromkeys(dips):
        p = next((p for p in domain if contains(interior(p), c)), None)
        if p is None:
            continue
        scales = [max(1, abs(c)), abs(c), *(abs(c - e) for e in p[:2] if e is not None)]
        for s in dict.fromkeys(q for q in scales if q > 0):
            for k in DIP_EXPONENTS:
                h = s / Fraction(2) ** k
                points = (c - h, c, c + h)
                if all(contains(p, q) for q in points):
                    yield {"rule": "chord", "points": [rational_text(q) for q in points]}


def period_search(lhs, rel: str, rhs, domain: list, work: int):
    """The same answer for ``lhs REL rhs`` on one piece whose sides hold derivatives (f'(x)^2 + f'(x + 3)^2 of
    x + sin x): their formulas there (the smooth form of lhs - rhs, a rewrite the kernel checks by algebra)
    have x only in sin and cos of s x + c, so the claim is proved over one period (rule ``periodic``) by the
    search."""
    from symact.decide.certify import MAX_PERIOD_MULTIPLE, Search

    (p,) = domain
    try:
        h = smooth_form(sub(lhs, rhs), p, strict=False)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return None, None, "the claim has no formula on the piece"
    L = period_multiple(h)
    if L is None or L > MAX_PERIOD_MULTIPLE:
        return None, None, "the claim's formula is not periodic"
    end = Fraction(math.ceil(2 * math.pi * L * 1024) + 1, 1024)
    verdict, cert, _ = Search(h, rel, num(0), [(Fraction(0), end, True, True)], work=work).run()
    if verdict != "proved":
        return None, None, "no proof over one period"
    node = {"rule": "rewrite", "as": to_json(h),
            "by": {"rule": "periodic", "from": "0", "to": rational_text(end), "by": cert["proof"][0]}}
    return _checked({"format": FORMAT, "claim": claim_json(lhs, rel, rhs, domain), "verdict": "proved",
                     "proof": [node]}, "no periodic certificate")


def _checked(cert: dict, failure: str):
    try:
        _, log = check(cert)
    except Rejected as exc:
        return None, None, f"{failure} ({exc})"
    return cert["verdict"], cert, log

"""Certificates for claims of the kernel gate (:mod:`symact.properties.kernel_gate`) and for the predicates of
the claim language (smooth, convex) that the general search (:mod:`symact.decide.certify`) does not propose:
proposed here, decided by the kernel."""
from __future__ import annotations

import math
from fractions import Fraction

from symact.kernel import Rejected, check, claim_json
from symact.kernel.check import FORMAT, contains, period_multiple, piece_json
from symact.kernel.evaluate import GermUndefined, smooth_form
from symact.kernel.ivals import Uncertain
from symact.kernel.terms import num, rational_text, sub, to_json


def smooth_search(t, domain: list):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``t is C-infinity on the domain``: one
    ``smooth`` node per piece, which the kernel accepts or rejects."""
    claim = {"var": "x", "smooth": to_json(t), "domain": [piece_json(p) for p in domain]}
    return _checked({"format": FORMAT, "claim": claim, "verdict": "proved",
                     "proof": [{"rule": "smooth"} for _ in domain]}, "no smoothness certificate")


#: chord midpoints and half-widths tried to refute a convexity claim
CHORD_MIDPOINTS = tuple(Fraction(k, 2) for k in (0, 1, -1, 2, -2, 3, -3, 4, -4, 6, -6))
CHORD_HALF_WIDTHS = (Fraction(1, 2), Fraction(1), Fraction(2), Fraction(1, 8))


def convex_search(t, sense: str, domain: list, work: int):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``t is convex (concave) on each interval
    of the domain``: a ``second-derivative`` node per piece, its f'' claim proved by the search; else a chord
    (a few rational midpoints and widths) that the kernel refutes."""
    from symact.decide.certify import Search

    claim = {"var": "x", "convex": to_json(t), "sense": sense, "domain": [piece_json(p) for p in domain]}
    f2 = ("deriv", ("deriv", t))
    nodes = []
    for p in domain:
        if p[2] or p[3]:
            break
        verdict, cert, _ = Search(f2, ">=" if sense == "convex" else "<=", num(0), [p],
                                  work=work // len(domain)).run()
        if verdict != "proved":
            break
        nodes.append({"rule": "second-derivative", "certificate": cert})
    if len(nodes) == len(domain):
        return _checked({"format": FORMAT, "claim": claim, "verdict": "proved", "proof": nodes},
                        "no convexity certificate")
    for m in CHORD_MIDPOINTS:
        for h in CHORD_HALF_WIDTHS:
            points = (m - h, m, m + h)
            if not any(all(contains(p, q) for q in points) for p in domain):
                continue
            found = _checked({"format": FORMAT, "claim": claim, "verdict": "refuted",
                              "proof": {"rule": "chord", "points": [rational_text(q) for q in points]}}, "")
            if found[0] is not None:
                return found
    return None, None, (f"no certificate: f'' is not shown {'>= 0' if sense == 'convex' else '<= 0'} on each open "
                        f"interval of the domain, and no chord tried has f {'above' if sense == 'convex' else 'below'} it")


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

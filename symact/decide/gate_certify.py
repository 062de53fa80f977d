"""Certificates for claims of the kernel gate (:mod:`symact.properties.kernel_gate`) that the general search
(:mod:`symact.decide.certify`) does not propose: proposed here, decided by the kernel."""
from __future__ import annotations

import math
from fractions import Fraction

from symact.kernel import Rejected, check, claim_json
from symact.kernel.check import FORMAT, period_multiple, piece_json
from symact.kernel.evaluate import GermUndefined, smooth_form
from symact.kernel.ivals import Uncertain
from symact.kernel.terms import num, rational_text, sub, to_json


def smooth_search(t, domain: list):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``t is C-infinity on the domain``: one
    ``smooth`` node per piece, which the kernel accepts or rejects."""
    claim = {"var": "x", "smooth": to_json(t), "domain": [piece_json(p) for p in domain]}
    return _checked({"format": FORMAT, "claim": claim, "verdict": "proved",
                     "proof": [{"rule": "smooth"} for _ in domain]}, "no smoothness certificate")


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
    return "proved", cert, log

"""The certificate of a smoothness claim (:mod:`symact.kernel.smooth_claim`): proposed here, decided by the
kernel."""
from __future__ import annotations

from symact.kernel import Rejected, check
from symact.kernel.check import FORMAT, piece_json
from symact.kernel.terms import to_json


def smooth_search(t, domain: list):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``t is C-infinity on the domain``: one
    ``smooth`` node per piece, which the kernel accepts or rejects."""
    claim = {"var": "x", "smooth": to_json(t), "domain": [piece_json(p) for p in domain]}
    cert = {"format": FORMAT, "claim": claim, "verdict": "proved", "proof": [{"rule": "smooth"} for _ in domain]}
    try:
        _, log = check(cert)
    except Rejected as exc:
        return None, None, f"no smoothness certificate ({exc})"
    return "proved", cert, log

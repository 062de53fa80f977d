"""Proofs of the branches: each branch's claim is decided by :func:`symact.decide.checked.check_claim` (the
certificate search, then the trusted kernel), never assumed.

An ``exact`` branch claims ``LHS == FORMULA for x in RANGE``; a ``bound`` branch claims
``Abs(LHS - (FORMULA)) <= BOUND for x in RANGE``; a ``limit`` claims ``limit(LHS, x, oo) == VALUE`` (or -oo); an ``outside`` branch (NaN) claims that a part's
argument is outside its domain on the range (``x <= 0 for x <= 0`` for log(x)); a ``convention`` branch (a framework's value at a kink) has
no claim, nor has an ``undefined`` one (NaN where the kernel proved the expression undefined).  ``LHS`` is the
catalog call (``softplus(x, beta=2)``), its derivative (``diff(softplus(x), x)``) or the user's expression.  Claims are written in the language of ``symact check`` and read back with
:func:`symact.parsing.parse_claim`, so that what is proved is exactly the text the module shows; the module's
code is printed from the same SymPy formula (:mod:`symact.implement.emit`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sympy as sp

from symact import sandbox
from symact.budget import limit
from symact.decide.checked import check_claim
from symact.implement.branches import Branch
from symact.parsing import parse_claim

#: seconds of search (deterministic work units) per branch claim
BUDGET = 5.0


@dataclass(frozen=True)
class BranchProof:
    """The claim of one branch and what the kernel said about it."""

    claim: str | None
    status: str  # proved, refuted, unknown, "convention" (nothing to prove) or "undefined" (certified NaN)
    certificate: dict | None = None
    reason: str = ""

    @property
    def cert_id(self) -> str:
        """The first 16 hex digits of the SHA-256 of the certificate's canonical JSON ('' without one)."""
        return certificate_id(self.certificate) if self.certificate else ""


def certificate_id(certificate: dict) -> str:
    return hashlib.sha256(json.dumps(certificate, sort_keys=True).encode()).hexdigest()[:16]


def claim_text(lhs: str, branch: Branch) -> str | None:
    """The claim that justifies ``branch`` for the function written ``lhs`` (None for a convention, and for a
    point where the expression is undefined: the kernel certified that when the branch was made,
    :mod:`symact.implement.undefined`)."""
    if branch.kind in ("convention", "undefined"):
        return None
    formula = sp.sstr(branch.formula)
    if branch.kind == "outside":  # NaN: a part of the expression is outside its domain on the whole range
        return f"{sp.sstr(branch.bound)} for {branch.domain_text()}"
    if branch.kind == "limit":
        return f"limit({lhs}, x, {sp.sstr(branch.lo)}) == {formula}"
    body = (f"{lhs} == {formula}" if branch.kind == "exact"
            else f"Abs({lhs} - ({formula})) <= {sp.sstr(branch.bound)}")
    domain = branch.domain_text()
    return f"{body} for {domain}" if domain else body


def prove(lhs: str, branch: Branch, budget: float = BUDGET) -> BranchProof:
    """The kernel's verdict on one branch's claim, in this process."""
    text = claim_text(lhs, branch)
    if text is None:
        return BranchProof(None, branch.kind, reason=branch.why)
    with limit(budget):
        verdict = check_claim(parse_claim(text), budget, expected=True)   # a form the generator derived
    cert = verdict.certificate.to_json()["data"] if verdict.certificate is not None else None
    return BranchProof(text, verdict.status, cert, verdict.reason or "")


def prove_all(items: list[tuple[str, Branch]], budget: float = BUDGET) -> list[BranchProof]:
    """:func:`prove` for every (lhs, branch), in a child process (:mod:`symact.sandbox`) with hard limits of
    about ``budget`` CPU seconds per claim: a claim whose search overruns, or crashes SymPy, is ``unknown`` with
    the reason, and the next claim goes on in a fresh child."""
    def work(channel: sandbox.Channel, start: int) -> None:
        for i in range(start, len(items)):
            channel.begin(i, budget)
            channel.done(i, prove(*items[i], budget))

    outcomes = sandbox.run(work, len(items), lambda i: f"proving the claim of branch {i + 1}")
    return [out.value if out.ok else BranchProof(claim_text(*item), "unknown", reason=out.value)
            for item, out in zip(items, outcomes)]

"""The proof of a statement about matrices (:mod:`symact.sized`): the rule the kernel checks.

A fixed statement is an identity of non-commuting symbols (``nc-identity``); a statement over a size L is
proved by ``induction`` on L from its least value.  The kernel (:mod:`symact.kernel.sizes`) does every step;
this proposes the certificate and reports the kernel's verdict (unknown with its reason when it rejects).
"""
from __future__ import annotations

import time

from symact.kernel import Rejected
from symact.kernel import check as kernel_check
from symact.kernel.check import FORMAT
from symact.verdict import Certificate, Derivation, Verdict


def check_sized(claim) -> Verdict:
    text, tex = claim.statement()
    start = time.process_time()
    data = claim.data
    proof = ({"rule": "nc-identity"} if data["size"] is None else
             {"rule": "induction", "on": data["size"], "from": data["from"]})
    cert = {"format": FORMAT, "claim": {"sizes": data}, "verdict": "proved", "proof": proof}
    try:
        verdict, steps = kernel_check(cert)
    except Rejected as exc:
        return Verdict("unknown", text, tex, "kernel", seconds=time.process_time() - start,
                       reason=f"the kernel rejects the {proof['rule']} proof: {exc}")
    deriv = Derivation().say(f"Claim: {text}.")
    for line in steps:
        deriv.say(line)
    return Verdict(verdict, text, tex, "kernel-checked proof", Certificate("kernel", cert), deriv,
                   time.process_time() - start)

"""Claims over a quantified parameter: ``forall alpha in A: CLAIM(alpha)``.

The claim's JSON is ``{"forall": "alpha", "domain": [pieces of A], "statement": text}``.  The kernel refutes
such a claim by one instance: ``{"rule": "instance", "at": "p/q", "certificate": C}`` where p/q lies in A and
C is a kernel certificate refuting CLAIM(p/q) (the instance's claim is built by the same parser that read the
statement, as for every claim).  A proof for every alpha in A is not a rule of the kernel yet: a quantified
claim is never ``proved`` here.
"""
from __future__ import annotations

from typing import Callable

from symact.kernel.terms import TermError, parse_rational


def check_forall(claim: dict, verdict: str, node, rejected: type[Exception],
                 check_instance: Callable[[dict], tuple[str, list[str]]], pieces: Callable, contains: Callable
                 ) -> list[str]:
    """The steps checked, or ``rejected``."""
    name = claim.get("forall")
    if not isinstance(name, str) or not name.isidentifier() or name == "x":
        raise rejected("a quantified claim names one parameter other than x")
    domain = pieces(claim.get("domain"))
    if verdict != "refuted":
        raise rejected("the kernel has no rule that proves a claim for every value of a parameter")
    if not isinstance(node, dict) or node.get("rule") != "instance":
        raise rejected("a quantified claim is refuted by an instance node")
    try:
        at = parse_rational(node.get("at"))
    except TermError as exc:
        raise rejected(f"malformed instance: {exc}") from None
    if not any(contains(p, at) for p in domain):
        raise rejected(f"{name} = {at} is outside the parameter's domain")
    inner_verdict, steps = check_instance(node.get("certificate"))
    if inner_verdict != "refuted":
        raise rejected(f"the instance at {name} = {at} is not refuted")
    return [f"At {name} = {at} (in the parameter's domain) the instance is false:", *steps]

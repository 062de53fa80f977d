"""Convexity claims: ``f is convex (or concave) on each interval of D``.

The claim's JSON is ``{"var": "x", "convex": TERM, "sense": "convex" or "concave", "domain": [pieces]}``: on
each piece P (an interval) f is defined and f(l a + (1 - l) b) <= l f(a) + (1 - l) f(b) for all a, b in P and
l in [0, 1] (>= for concave).

**Proof**: one node per piece P.

``second-derivative``  P is open (no closed end) and ``"certificate"`` is a kernel certificate of the claim
    ``d/dx d/dx f >= 0`` (or ``> 0``; ``<= 0`` or ``< 0`` for concave) for every x in P.  A proved claim's sides
    are defined on all of P, so f'' exists at every point of the open interval P: f' is differentiable, hence
    so is f, on P, and f' is non-decreasing there (mean value theorem, f'' >= 0).  A differentiable function
    with a non-decreasing derivative on an interval is convex (for a < m < b in P the mean value theorem gives
    slope(a, m) = f'(s) <= f'(u) = slope(m, b) with s < m < u): the second-derivative test.

**Refutation** ``{"rule": "chord", "points": [a, m, b]}``: rationals a < m < b in one piece P, f without d/dx
(so f(a) is f with x replaced by a), and the kernel refutes the ordinary claim
``f(x) <= ((b - x) f(a) + (x - a) f(b))/(b - a)`` at x = m (rule ``counterexample``: a side certainly
undefined there, or the relation certainly fails; ``>=`` for concave).  Then f is undefined somewhere in P, or
f(m) lies strictly above the chord from (a, f(a)) to (b, f(b)) (below, for concave), with
m = l a + (1 - l) b for l = (b - m)/(b - a) in (0, 1): f is not convex on P.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel.terms import X, TermError, add, from_json, has_param, mul, num, parse_rational, rational_text, show, sub, to_json

SENSES = {"convex": (">=", ">"), "concave": ("<=", "<")}


def read_convex_claim(c: dict, rejected: type[Exception], piece) -> tuple:
    """(the term, "convex" or "concave", its domain as pieces); ``piece`` reads one piece of the JSON."""
    try:
        t = from_json(c["convex"])
        domain = [piece(p) for p in c["domain"]]
    except (KeyError, TypeError, TermError) as exc:
        raise rejected(f"malformed convexity claim: {exc}") from None
    sense = c.get("sense")
    if c.get("var", "x") != "x" or not domain or sense not in SENSES:
        raise rejected("a convexity claim needs the variable x, a domain and the sense convex or concave")
    if has_param(t):
        raise rejected("a quantified parameter occurs outside a forall claim")
    return t, sense, domain


def check_convex(c: dict, verdict: str, proof, rejected: type[Exception], piece, piece_text, contains, check,
                 fmt: str) -> list[str]:
    """The steps checked, or ``rejected``; ``check`` is the whole kernel's check of a certificate (of format
    ``fmt``), used for the sub-certificates."""
    t, sense, domain = read_convex_claim(c, rejected, piece)
    if verdict == "refuted":
        return _chord(t, sense, domain, proof, rejected, contains, check, fmt)
    if verdict != "proved":
        raise rejected(f"unknown verdict {verdict!r}")
    if not isinstance(proof, list) or len(proof) != len(domain):
        raise rejected("a proof needs one node per piece of the domain")
    log = []
    f2 = ("deriv", ("deriv", t))
    for node, p in zip(proof, domain):
        if not isinstance(node, dict) or node.get("rule") != "second-derivative":
            raise rejected("a convexity claim is proved by second-derivative nodes")
        if p[2] or p[3]:
            raise rejected(f"the second-derivative test is applied on open intervals, not on {piece_text(p)}")
        cert = node.get("certificate")
        claim = cert.get("claim") if isinstance(cert, dict) else None
        if not (isinstance(claim, dict) and set(claim) <= {"var", "lhs", "rel", "rhs", "domain"}
                and claim.get("var", "x") == "x" and claim.get("rel") in SENSES[sense]):
            raise rejected(f"the certificate is not a claim f'' {SENSES[sense][0]} 0")
        try:
            lhs, rhs = from_json(claim.get("lhs")), from_json(claim.get("rhs"))
            pieces = [piece(q) for q in claim.get("domain")]
        except (TermError, TypeError, KeyError, IndexError, ValueError) as exc:
            raise rejected(f"malformed second-derivative claim: {exc}") from None
        if lhs != f2 or rhs != num(0) or pieces != [p]:
            raise rejected(f"the certificate is not about f'' on {piece_text(p)}")
        try:
            proved = check(cert)[0] == "proved"
        except ValueError as exc:
            raise rejected(f"the second-derivative certificate: {exc}") from None
        if not proved:
            raise rejected("the second-derivative certificate does not prove its claim")
        log.append(f"On {piece_text(p)}: f'' {claim['rel']} 0 (kernel-checked) on the open interval, so f' is "
                   f"{'non-decreasing' if sense == 'convex' else 'non-increasing'} and f is {sense} there "
                   f"(second-derivative test).")
    return log


def _chord(t, sense: str, domain: list, node, rejected, contains, check, fmt: str) -> list[str]:
    if not isinstance(node, dict) or node.get("rule") != "chord" or not isinstance(node.get("points"), list):
        raise rejected("a convexity claim is refuted by a chord node")
    try:
        a, m, b = (parse_rational(q) for q in node["points"])
    except (TypeError, ValueError, ZeroDivisionError):
        raise rejected("a chord needs three rational points") from None
    if not (a < m < b and any(all(contains(p, q) for q in (a, m, b)) for p in domain)):
        raise rejected("the chord's points a < m < b must lie in one piece of the domain")
    if _has_deriv(t):
        raise rejected("a chord of a term with d/dx is not formed")
    chord = mul(add(mul(sub(num(b), X), _at(t, a)), mul(sub(X, num(a)), _at(t, b))), num(1 / (b - a)))
    rel = "<=" if sense == "convex" else ">="
    claim = {"var": "x", "lhs": to_json(t), "rel": rel, "rhs": to_json(chord),
             "domain": [[rational_text(m), rational_text(m), True, True]]}
    try:
        verdict, steps = check({"format": fmt, "claim": claim, "verdict": "refuted",
                                "proof": {"rule": "counterexample", "x": rational_text(m)}})
    except ValueError as exc:
        raise rejected(f"the chord: {exc}") from None
    if verdict != "refuted":
        raise rejected("the chord is not refuted")
    return [f"The chord from x = {a} to x = {b}: at x = {m}, {show(t)} {rel} the chord fails:", *steps,
            f"so f is not {sense} on the interval that holds {a}, {m} and {b}."]


def _has_deriv(t) -> bool:
    return t[0] == "deriv" or any(_has_deriv(a) for a in t[1:] if isinstance(a, tuple))


def _at(t, q: Fraction):
    """t with x replaced by the rational q (t has no d/dx)."""
    if t == X:
        return num(q)
    return tuple(_at(a, q) if isinstance(a, tuple) else a for a in t)

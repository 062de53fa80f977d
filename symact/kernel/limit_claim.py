"""Limit claims: ``limit(f(x), x, oo) REL c`` (or at -oo), checked with :mod:`symact.kernel.limits`.

Such a claim says that f is defined on a ray reaching the end, that f(x) has a limit L there in the extended
reals, and that ``L REL c``; c is a constant term or ``"oo"``/``"-oo"`` (then REL is ``==``).  The claim's JSON
has ``"limit": "oo"`` or ``"-oo"`` and no domain.

The one rule, for both verdicts, is ``{"rule": "limit", "from": "R"}`` (optionally ``"as": TERM``, a form equal
to f on the ray by :mod:`symact.kernel.algebra`, then used for g): f is defined on the ray (R, oo) (or
(-oo, R)) with one smooth form g there (certain enclosures, as the ``tail`` rule needs), and the asymptotic
calculus of :mod:`symact.kernel.limits` computes the limit of g - c (of g when c is infinite; exactly 0 when
its exact form is 0 by :mod:`symact.kernel.algebra`).  The claim is
proved when that limit certainly satisfies REL, refuted when it certainly violates it.  An undecided limit
(oscillation, oo - oo, ...) rejects the certificate; the verdict then stays open.
"""
from __future__ import annotations

from symact.kernel import algebra
from symact.kernel.evaluate import smooth_on
from symact.kernel.limits import limit_at, limit_value
from symact.kernel.pieces import CLAIM_RELATIONS, Rejected, by_sign
from symact.kernel.terms import TermError, from_json, has_param, has_x, parse_rational, show, sub

INFINITE = ("oo", "-oo")


def read_limit_claim(c: dict):
    """(f, REL, c, side): c a term without x, or +1/-1 for +oo/-oo; side +1 (x -> oo) or -1."""
    try:
        side = {"oo": 1, "-oo": -1}[c["limit"]]
        lhs, rel = from_json(c["lhs"]), c["rel"]
        rhs = c["rhs"]
        target = {"oo": 1, "-oo": -1}[rhs] if rhs in INFINITE else from_json(rhs)
    except (KeyError, TypeError, TermError) as exc:
        raise Rejected(f"malformed limit claim: {exc}") from None
    if rel not in CLAIM_RELATIONS:
        raise Rejected(f"unsupported claim relation {rel!r}")
    if has_param(lhs) or (not isinstance(target, int) and has_param(target)):
        raise Rejected("a quantified parameter occurs outside a forall claim")
    if isinstance(target, int) and rel != "==":
        raise Rejected("an infinite limit value is compared with ==")
    if not isinstance(target, int) and has_x(target):
        raise Rejected("the limit value must not depend on x")
    if c.get("domain"):
        raise Rejected("a limit claim has no domain")
    return lhs, rel, target, side


def check_limit(c: dict, verdict: str, node) -> list[str]:
    """The steps checked, or Rejected: the certificate's verdict on the limit claim c."""
    f, rel, target, side = read_limit_claim(c)
    if not isinstance(node, dict) or node.get("rule") != "limit":
        raise Rejected("a limit claim is settled by a limit node")
    r = parse_rational(node.get("from"))
    ray = (r, None, False, False) if side > 0 else (None, r, False, False)
    end = "+oo" if side > 0 else "-oo"
    g = smooth_on(f, ray)  # defined on the whole ray
    log = [f"On {'(' + str(r) + ', oo)' if side > 0 else '(-oo, ' + str(r) + ')'}: f = {show(g)}, defined "
           f"everywhere there."]
    if "as" in node:  # an equal form (exact algebra on the ray) whose limit the calculus resolves
        other = from_json(node["as"])
        if not algebra.is_zero(sub(g, other), ray):
            raise Rejected("the given form is not equal to f on the ray by exact algebra")
        g = other
        log.append(f"There f = {show(g)} (exact algebra).")
    if isinstance(target, int):
        lim = limit_at(g, side)
        if lim.finite:
            holds = False
            log.append(f"f tends to a finite limit in {lim.value} at {end}, not to {'oo' if target > 0 else '-oo'}.")
        else:
            holds = lim.sign == target
            log.append(f"f tends to {'oo' if lim.sign > 0 else '-oo'} at {end}.")
    else:
        lim = limit_at(sub(g, target), side)
        if lim.finite:
            value = limit_value(lim)
            if value.satisfies(rel):
                holds = True
            elif value.violates(rel):
                holds = False
            else:
                raise Rejected(f"the limit of f - c lies in {value}, not certainly {rel} 0 or not")
            log.append(f"f - ({show(target)}) tends to a limit in {value} at {end}, so the limit of f is "
                       f"{rel if holds else 'not ' + rel} {show(target)}.")
        else:  # f -> +-oo: compared with a finite c in the extended reals
            holds = by_sign(rel, lim.sign)
            log.append(f"f tends to {'oo' if lim.sign > 0 else '-oo'} at {end}.")
    if holds != (verdict == "proved"):
        raise Rejected(f"the limit {'satisfies' if holds else 'does not satisfy'} the claim")
    return log

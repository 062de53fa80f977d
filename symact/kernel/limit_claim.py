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

With ``"bound": h`` and ``"certificate": C`` instead of ``"as"`` the node argues by comparison: C is a kernel
certificate, checked by the whole kernel, of the ordinary claim ``f >= h`` (or ``f <= h``) for all x on the
open ray (R, oo) (or (-oo, R)), and the calculus shows h -> +oo (or -oo) at that end; then f -> +oo (-oo) too,
as f lies beyond h on the whole ray (x - sin(x) >= x/2 and log(1 + x) - x <= -x/2 on (8, oo): a term without a
limit, or oo - oo, that the calculus leaves open).  Side condition: a lower bound must tend to +oo, an upper
one to -oo; any other pairing (or a finite limit of h) is rejected.
"""
from __future__ import annotations

from flint import ctx

from symact.kernel import algebra
from symact.kernel.between import PRECISION
from symact.kernel.evaluate import smooth_on
from symact.kernel.functions import ball
from symact.kernel.ivals import Iv, Uncertain
from symact.kernel.limits import Lim, limit_at, limit_value
from symact.kernel.pieces import CLAIM_RELATIONS, Rejected, by_sign, piece_json, proved_claim
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


def check_limit(c: dict, verdict: str, node, check) -> list[str]:
    """The steps checked, or Rejected: the certificate's verdict on the limit claim c (``check``: the whole
    kernel, for the certificate of a ``bound``)."""
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
    if "bound" in node:
        lim = _compared(f, node, ray, side, check)
        log.append(f"f {'>=' if lim.sign > 0 else '<='} {show(from_json(node['bound']))} on the ray (kernel-checked), "
                   f"which tends to {'oo' if lim.sign > 0 else '-oo'} at {end}: so does f (comparison).")
    else:
        lim = limit_at(g if isinstance(target, int) else sub(g, target), side)
    if isinstance(target, int):
        if lim.finite:
            holds = False
            log.append(f"f tends to a finite limit in {lim.value} at {end}, not to {'oo' if target > 0 else '-oo'}.")
        else:
            holds = lim.sign == target
            log.append(f"f tends to {'oo' if lim.sign > 0 else '-oo'} at {end}.")
    else:
        if lim.finite:
            holds, value = _settled(lim, rel)
            if holds is None:
                raise Rejected(f"the limit of f - c lies in {value}, not certainly {rel} 0 or not")
            log.append(f"f - ({show(target)}) tends to a limit in {value} at {end}, so the limit of f is "
                       f"{rel if holds else 'not ' + rel} {show(target)}.")
        else:  # f -> +-oo: compared with a finite c in the extended reals
            holds = by_sign(rel, lim.sign)
            log.append(f"f tends to {'oo' if lim.sign > 0 else '-oo'} at {end}.")
    if holds != (verdict == "proved"):
        raise Rejected(f"the limit {'satisfies' if holds else 'does not satisfy'} the claim")
    return log


def _settled(lim: Lim, rel: str) -> tuple[bool | None, Iv]:
    """Whether the finite limit L (of f - c) certainly has ``L REL 0`` (True), certainly not (False) or neither
    (None), with the enclosure of L that says so: the calculus's own, else L's exact form (where every step of the
    calculus gave one: the form :func:`limit_value` reads as exactly 0) in ball arithmetic at rising precision,
    so that atan(x) -> pi/2 is told apart from the double 1.5707963267948966."""
    value = limit_value(lim)
    for bits in (None, *PRECISION):
        if bits is not None:
            if lim.term is None:
                break
            try:
                with ctx.workprec(bits):
                    value = Iv.ball(ball(lim.term))
            except (TermError, Uncertain, ValueError, ZeroDivisionError):
                break
        if value.satisfies(rel):
            return True, value
        if value.violates(rel):
            return False, value
    return None, value


def _compared(f, node, ray, side: int, check) -> Lim:
    """The infinite limit of f given by a ``bound`` node: h = the bound tends to +-oo (the calculus), and its
    certificate proves f >= h (h -> +oo) or f <= h (h -> -oo) for all x on the ray (the whole kernel)."""
    if "as" in node:
        raise Rejected("a limit node has either an equal form or a bound, not both")
    h = from_json(node["bound"])
    lim = limit_at(h, side)
    if lim.finite:
        raise Rejected("the bound tends to a finite limit: a comparison shows nothing")
    rel = ">=" if lim.sign > 0 else "<="
    want = (f, h, [ray])
    proved_claim(node.get("certificate"), check, (rel,), lambda *got: got == want,
                 f"f {rel} {show(h)} on {piece_json(ray)}")
    return lim

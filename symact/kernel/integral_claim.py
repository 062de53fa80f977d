"""Integral claims: ``integrate(f, x, lo, hi) REL c`` with rational bounds lo, hi and c a constant term.

The claim's JSON is ``{"var": "x", "integral": TERM, "lo": "p/q", "hi": "p/q", "rel": REL, "rhs": TERM}``
(the integrand f a term in x, c a term without x).  It says that f is defined and continuous on the closed
interval P between lo and hi and that its (oriented) integral from lo to hi satisfies ``REL c``.

The one rule, for both verdicts, is ``ftc`` (the fundamental theorem of calculus):
``{"rule": "ftc", "antiderivative": TERM F, "value": NODE}``.  The kernel forms g, f's smooth form on P, and G,
F's smooth form on P, each certainly defined and C-infinity on a neighbourhood of every point of P
(:func:`~symact.kernel.evaluate.smooth_on`; f = g and F = G there), and checks G' - g = 0 on P by
:mod:`symact.kernel.algebra` (G' the kernel's own derivative).  So f is continuous on P and G is an
antiderivative of it there: the integral is G(hi) - G(lo).  The node ``value`` is a proof (or, for ``refuted``,
a counterexample) of the ordinary claim ``G(hi) - G(lo) REL c for x == 0`` (a statement about constants),
checked by :func:`symact.kernel.check`; it gives the verdict.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel import algebra
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import point, smooth_on
from symact.kernel.pieces import CLAIM_RELATIONS, FORMAT, Rejected, claim_json
from symact.kernel.terms import at, from_json, has_param, has_x, num, parse_rational, rational_text, show, sub

#: the keys of an integral claim (no other: a claim is of one kind)
KEYS = {"var", "integral", "lo", "hi", "rel", "rhs"}


def ftc(f, big_f, lo, hi) -> tuple:
    """(g, G, G(hi) - G(lo)): the smooth forms of the integrand f and of F on the closed interval between lo and
    hi, each defined and C-infinity near every point of it, with G' = g there by exact algebra; else
    Rejected (or :class:`~symact.kernel.ivals.Uncertain`, :class:`~symact.kernel.evaluate.GermUndefined`)."""
    p = (min(lo, hi), max(lo, hi), True, True)
    g, big_g = smooth_on(f, p), smooth_on(big_f, p)
    if not algebra.is_zero(sub(differentiate(big_g), g), p):
        raise Rejected(f"the derivative of {show(big_f)} is not the integrand on [{p[0]}, {p[1]}] by exact algebra")
    return g, big_g, sub(at(big_g, num(hi)), at(big_g, num(lo)))


def check_integral(c: dict, verdict: str, proof, check) -> list[str]:
    """The steps checked, or Rejected; ``check`` checks the certificate of the constant claim."""
    if not isinstance(proof, dict) or proof.get("rule") != "ftc":
        raise Rejected("an integral claim is settled by an ftc node")
    f, rhs, big_f = (from_json(t) for t in (c["integral"], c["rhs"], proof.get("antiderivative")))
    lo, hi, rel = parse_rational(c["lo"]), parse_rational(c["hi"]), c["rel"]
    if rel not in CLAIM_RELATIONS:
        raise Rejected("an integral claim has a relation < <= > >= ==")
    if any(has_param(t) for t in (f, rhs, big_f)):
        raise Rejected("a quantified parameter occurs outside a forall claim")
    if has_x(rhs):
        raise Rejected("the value of an integral is a constant, not a function of x")
    g, big_g, value = ftc(f, big_f, lo, hi)
    # check returns the verdict of the certificate it accepts, here ours: Rejected unless it settles the value so
    _, steps = check({"format": FORMAT, "claim": claim_json(value, rel, rhs, [point(Fraction(0))]), "verdict": verdict,
                      "proof": proof.get("value")})
    return [f"On [{min(lo, hi)}, {max(lo, hi)}] (the variable of integration written x) the integrand equals "
            f"{show(g)} and {show(big_f)} equals {show(big_g)}, both defined and C-infinity near every point; the "
            f"derivative of the latter is the former (exact algebra), so by the fundamental theorem of calculus "
            f"the integral from {rational_text(lo)} to {rational_text(hi)} is {show(value)}:", *steps]

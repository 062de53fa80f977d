"""Claims over a quantified parameter: ``forall alpha in A: CLAIM(alpha)``.

The claim's JSON is ``{"forall": "alpha", "domain": [one piece A], "statement": text, "claim": C}`` where C is
the claim in x (ordinary, or a limit claim with a finite value) whose terms hold ``["param", "alpha"]``.

* **Refutation** ``{"rule": "instance", "at": "p/q", "certificate": R}``: p/q lies in A and R is a kernel
  certificate refuting CLAIM(p/q): R's claim is the quantified claim's C with alpha replaced by p/q in every
  term (:func:`instance_claim`; the kernel compares the two).
* **Proof** ``{"rule": "affine", "base": B, "slope": S}`` when d = lhs - rhs is *affine in alpha*: alpha
  occurs only under sums, products (degree at most 1 in all), d/dx and the values (not the conditions) of a
  Piecewise, checked on the syntax.  With a an end of A, e = +1 from a left end (-1 from a right end) and
  t = |alpha - a| >= 0 on A, each side at alpha is (1 - t) (side at a) + t (side at a + e): where both are
  defined (B and S prove claims about them, so they are, on the whole domain) so is the side at alpha
  (sums, products and Piecewise values: definedness does not depend on alpha; d/dx: a combination of two
  functions differentiable at x is differentiable there), and
  ``d(x, alpha) = d(x, a) + t (d(x, a + e) - d(x, a))``.  B proves the claim at alpha = a (with relation
  ``base_rel``) and S proves ``d(x, a + e) - d(x, a) slope_rel 0`` on the same domain (or of the same limit),
  so for ``>=``: d(a) >= 0 and slope >= 0 give d(alpha) >= 0; for ``>``: d(a) > 0 and slope >= 0, or d(a) >= 0,
  slope > 0 and a not in A (t > 0); ``==``: both 0; mirrored for ``<=``/``<``; for A = R (no end): a = 0,
  slope == 0 (t takes either sign) and d(a) as for ``>=``, ``>`` or ``==``.  The kernel builds both sub-claims itself and compares them with B's and S's.
* **Proof** ``{"rule": "ends", "low": L, "high": H}`` when d is affine in alpha (as above) and A is bounded,
  with ends a < b: for alpha in A, t = (alpha - a)/(b - a) lies in [0, 1] and
  ``d(x, alpha) = (1 - t) d(x, a) + t d(x, b)`` (definedness as above).  L proves the claim at alpha = a
  (relation ``low_rel``), H at alpha = b (``high_rel``); a convex combination of two values keeps a weak
  relation both have, so for ``>=`` both are ``>=`` (or ``>``/``==``), for ``==`` both are ``==``; for ``>``
  both are weak, at least one is strict, and an end that lies in A (t = 0 or t = 1 occurs) is strict there
  (for t strictly between, both weights are positive); mirrored for ``<=``/``<``.  This proves a bound that
  fails at an open end of A, such as ``forall 0 <= w < 4: w*diff(sigmoid(x), x) < 1`` (equality at w = 4, x = 0).
* **Convexity** (the inner claim a convexity claim of :mod:`symact.kernel.convex_claim`, its term affine in
  alpha as above): ``{"rule": "ends", "low": L, "high": H}`` over a bounded A with ends a < b, L and H proving
  f(., a) and f(., b) convex (concave) on each interval of the domain: every f(., alpha), alpha in A, is the
  convex combination (1 - t) f(., a) + t f(., b), t in [0, 1], of two convex functions, so convex.  A negated
  claim (f(., alpha) not convex) is proved by ``{"rule": "kink", "at": c, "left": l, "right": r}``: the kink
  gap D(alpha) = g'(c) - h'(c) of the convexity rule ``kink`` is affine in alpha (the branches' conditions do
  not hold alpha), so D(alpha) = D(a) + t (D(a + e) - D(a)) with a, e, t as in ``affine``; the exact D(a) and
  D(a + e) - D(a) must give D(alpha) > 0 (< 0 for concave) for every alpha in A by the ``affine`` table.  The
  same node proves ``not continuous(d/dx g)`` (:mod:`symact.kernel.continuity_claim`) from a kink of g whose gap
  is > 0 for every alpha or < 0 for every alpha: then g has no derivative at c, so d/dx g is undefined there.
* **Derivative in the parameter** ``("dparam", alpha, f)`` (d f / d alpha), in either rule: f must be affine in
  alpha (as above), so at every x where f is defined (for one alpha, then for all) f(x, alpha) =
  f(x, 0) + alpha (f(x, 1) - f(x, 0)) and d f / d alpha = f(x, 1) - f(x, 0): the kernel replaces the node by
  that difference, which does not depend on alpha (side condition: f affine in alpha, else the claim is
  rejected).
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel.convex_claim import kink_gaps
from symact.kernel.pieces import Rejected, contains, read_piece
from symact.kernel.terms import (TermError, from_json, has_param, num, number_text, parse_rational, rational_text, sub,
                                 to_json)


def check_forall(claim: dict, verdict: str, node, check_instance) -> list[str]:
    """The steps checked, or Rejected; ``check_instance`` is the whole kernel's check of a certificate."""
    name = claim.get("forall")
    if not isinstance(name, str) or not name.isidentifier() or name == "x":
        raise Rejected("a quantified claim names one parameter other than x")
    domain = [read_piece(q) for q in claim.get("domain")]
    if not domain:
        raise Rejected("a quantified claim needs the parameter's domain")
    if not isinstance(node, dict):
        raise Rejected("malformed proof node")
    if verdict == "proved":
        return _affine(claim, name, domain, node, check_instance)
    if verdict != "refuted" or node.get("rule") != "instance":
        raise Rejected("a quantified claim is refuted by an instance node")
    at = parse_rational(node.get("at"))
    if not any(contains(p, at) for p in domain):
        raise Rejected(f"{name} = {at} is outside the parameter's domain")
    want = instance_claim(claim.get("claim"), name, at)  # malformed: Rejected by check
    log = [f"At {name} = {at} (in the parameter's domain) the instance is false:"]
    _proved_relations(node, {"certificate": want}, check_instance, "refuted", log)
    return log


#: the keys of a claim (ordinary, limit, convexity, continuity) whose values are terms
TERM_KEYS = ("lhs", "rhs", "convex", "continuous")


def instance_claim(inner: dict, name: str, q: Fraction) -> dict:
    """The claim C of ``forall name in A: C`` at name = q: every term with the parameter replaced by q."""
    return {k: to_json(at_parameter(from_json(v), name, q)) if k in TERM_KEYS and v not in ("oo", "-oo") else v
            for k, v in inner.items()}


def affine_parts(inner: dict, name: str, piece) -> tuple[Fraction, int, dict, dict]:
    """(a, e, base claim without its relation, slope claim without its relation) for an inner claim affine in
    the parameter (TermError otherwise): the claims the ``affine`` rule needs certificates of."""
    d = _affine_difference(inner, name, "affine")
    a, e = _anchor(piece)
    slope = sub(at_parameter(d, name, a + (e or 1)), at_parameter(d, name, a))
    base = _at(inner, name, a)
    return a, e, base, {**base, "lhs": to_json(slope), "rhs": to_json(num(0))}


def _anchor(piece) -> tuple[Fraction, int]:
    """(a, e): the low end a of the piece and e = 1, else its high end and e = -1, else 0 and e = 0 (the whole
    line)."""
    lo, hi = piece[0], piece[1]
    return (lo, 1) if lo is not None else (hi, -1) if hi is not None else (Fraction(0), 0)


def _affine_difference(inner, name: str, rule: str) -> tuple:
    """lhs - rhs of an inner claim with a finite right side, affine in the parameter name (on the syntax);
    TermError otherwise."""
    if not isinstance(inner, dict) or inner.get("rhs") in ("oo", "-oo"):
        raise TermError(f"the {rule} rule needs a claim with a finite right side")
    d = sub(from_json(inner["lhs"]), from_json(inner["rhs"]))
    if _degree(d, name) > 1:
        raise TermError(f"the claim is not affine in {name}")
    return d


def _at(inner: dict, name: str, q: Fraction) -> dict:
    """The inner claim at name = q (:func:`instance_claim`) without its relation."""
    return {k: v for k, v in instance_claim(inner, name, q).items() if k != "rel"}


def allowed(rel: str, base_rel: str, slope_rel: str, e: int, a_in_domain: bool) -> bool:
    """Whether ``d(a) base_rel 0`` and ``slope slope_rel 0`` give ``d(alpha) rel 0`` for every alpha (above):
    d(alpha) = d(a) + t slope with t >= 0 (t = 0 only at alpha = a), so the table of :func:`ends_allowed` with
    the weight of the high end never 0 (and t of any sign, so a slope 0, for A = R: e = 0)."""
    return (e != 0 or slope_rel == "==") and ends_allowed(rel, base_rel, slope_rel, a_in_domain, False)


def ends_parts(inner: dict, name: str, piece) -> tuple[dict, dict]:
    """(claim at the low end, claim at the high end), both without their relation, for an inner claim affine
    in the parameter over a bounded piece (TermError otherwise): the claims the ``ends`` rule needs."""
    lo, hi = piece[0], piece[1]
    if lo is None or hi is None or lo == hi:
        raise TermError("the ends rule needs a bounded interval of the parameter")
    _affine_difference(inner, name, "ends")
    return tuple(_at(inner, name, q) for q in (lo, hi))


def ends_allowed(rel: str, low_rel: str, high_rel: str, low_in: bool, high_in: bool) -> bool:
    """Whether ``d(a) low_rel 0`` and ``d(b) high_rel 0`` give ``d(alpha) rel 0`` for every alpha in A, where
    ``low_in``/``high_in`` say whether the ends a, b lie in A (the ``ends`` rule above)."""
    if rel not in ("<", "<=", ">", ">="):
        return rel == low_rel == high_rel == "=="
    # each end holds weakly (rel, its strict form or '=='); a strict rel needs a strict end, strict where it is in A
    strict, ends = rel[0], ((low_rel, low_in), (high_rel, high_in))
    if not all(r in (strict, strict + "=", "==") for r, _ in ends):
        return False
    return rel != strict or (strict in (low_rel, high_rel) and all(r == strict for r, inside in ends if inside))


def _convexity(claim, name, domain, node, check_instance) -> list[str]:
    """``forall alpha in A: [not] convex(f)``: the ``ends`` rule (convex) or the ``kink`` rule (not convex)."""
    inner = claim.get("claim")
    if len(domain) != 1:
        raise Rejected("a quantified convexity claim ranges over one interval")
    if ("convex" in inner) == ("continuous" in inner):
        raise Rejected("a claim of one kind, convexity or continuity")
    t = from_json(inner["convex"] if "convex" in inner else inner["continuous"])  # malformed: Rejected by check
    if _degree(t, name) > 1:
        raise Rejected(f"not affine in {name}")
    sense, negated = inner.get("sense", "continuous"), bool(inner.get("negated"))
    if sense == "continuous":  # not continuous(d/dx g): a kink of g whose gap is never 0
        if not negated or t[0] != "deriv":
            raise Rejected("only the non-continuity of a derivative is proved for every alpha")
        t = t[1]
    pieces = [read_piece(p) for p in inner["domain"]]
    lo, hi, lc, hc = domain[0]
    bounded = lo is not None and hi is not None and lo != hi
    if not negated:
        if node.get("rule") != "ends" or not bounded:
            raise Rejected("convexity for every alpha is proved by the ends of a bounded interval")
        _proved_relations(node, {"low": _at(inner, name, lo), "high": _at(inner, name, hi)}, check_instance)
        return [f"The function is affine in {name} and {sense} at both ends {name} = {rational_text(lo)} and "
                f"{name} = {rational_text(hi)} (kernel-checked), so at every {name} in between, a convex "
                f"combination of the two, it is {sense}."]
    if node.get("rule") != "kink":
        raise Rejected("a non-convexity for every alpha is proved by a kink node")
    a, e = _anchor(domain[0])
    _, c, _, (base, other) = kink_gaps([at_parameter(t, name, q) for q in (a, hi if bounded else a + (e or 1))],
                                       node, pieces)
    rels = {"convex": (">",), "concave": ("<",), "continuous": (">", "<")}[sense]
    if bounded:  # the gap at alpha is a convex combination of the gaps at the ends (the ends table)
        rel = next((r for r in rels if ends_allowed(r, _sign(base), _sign(other), lc, hc)), None)
        how = f"{number_text(base)} at {name} = {rational_text(lo)} and {number_text(other)} at {name} = {rational_text(hi)}"
    else:  # the gap at a, and its change per unit of alpha (the affine table)
        rel = next((r for r in rels if allowed(r, _sign(base), _sign(other - base), e,
                                               any(contains(p, a) for p in domain))), None)
        how = f"{number_text(base)} at {name} = {rational_text(a)}, changing by {number_text(other - base)} per unit"
    if rel is None:
        raise Rejected(f"kink gaps {how} do not give {' or '.join(rels)} 0 for every {name}")
    what = (f"so g is not differentiable at {c} and its derivative not continuous" if sense == "continuous"
            else f"not {sense} there")
    return [f"At {c} the kink gap of the slopes is affine in {name}: {how}, so it is {rel} 0 for every {name} in "
            f"the domain: {what}."]


def _proved_relations(node, wants: dict, check_instance, verdict: str = "proved", log: list | None = None) -> dict:
    """{role: relation} of the sub-certificates ``node[role]``, each settling (with ``verdict``) the claim
    ``wants[role]``, a proved one with some relation (which the caller checks); their steps added to ``log``."""
    rels = {}
    for role, want in wants.items():
        cert = node.get(role)
        got = cert.get("claim") if isinstance(cert, dict) else None
        if not isinstance(got, dict) or {k: v for k, v in got.items() if k != "rel" or verdict != "proved"} != want:
            raise Rejected(f"the {role} certificate is not about the claim it must settle")
        rels[role], (got_verdict, steps) = got.get("rel"), check_instance(cert)
        if got_verdict != verdict:
            raise Rejected(f"the {role} certificate does not {verdict[:-1]} its claim")
        (log if log is not None else []).extend(steps)
    return rels


def _sign(v: Fraction) -> str:
    return ">" if v > 0 else "<" if v < 0 else "=="


def _affine(claim, name, domain, node, check_instance) -> list[str]:
    inner, rule = claim.get("claim"), node.get("rule")
    if isinstance(inner, dict) and ("convex" in inner or "continuous" in inner):
        return _convexity(claim, name, domain, node, check_instance)
    if rule not in ("affine", "ends") or len(domain) != 1:
        raise Rejected("a quantified claim over one interval is proved by an affine or an ends node")
    lo, hi, lc, hc = piece = domain[0]
    rel = inner["rel"]  # a claim not affine (not bounded, for ends): TermError, Rejected by check
    if rule == "ends":
        rels = _proved_relations(node, dict(zip(("low", "high"), ends_parts(inner, name, piece))), check_instance)
        ok = ends_allowed(rel, rels["low"], rels["high"], lc, hc)
        how = (f"on the bounded domain each value is a convex combination of the values at its ends: at {name} = "
               f"{rational_text(lo)} it holds with {rels['low']}, at {name} = {rational_text(hi)} with {rels['high']}")
    else:
        a, e, *parts = affine_parts(inner, name, piece)
        rels = _proved_relations(node, dict(zip(("base", "slope"), parts)), check_instance)
        ok = allowed(rel, rels["base"], rels["slope"], e, contains(piece, a))
        how = (f"at {name} = {rational_text(a)} it holds with {rels['base']}, and the change per unit of {name} is "
               f"{rels['slope']} 0")
    if not ok:
        raise Rejected(f"{how}: that does not give {rel} for every {name} in the domain")
    return [f"The claim is affine in {name} (on the syntax); {how}, so it holds for every {name} in the domain."]


def _degree(t, name: str) -> int:
    if t[0] == "param":
        if t[1] != name:
            raise TermError(f"unknown parameter {t[1]!r}")
        return 1
    if not has_param(t):
        return 0
    if t[0] == "add":
        return max(_degree(a, name) for a in t[1:])
    if t[0] == "mul":
        return sum(_degree(a, name) for a in t[1:])
    if t[0] == "pw" and not any(has_param(c) for _, c in t[1:]):
        return max(_degree(v, name) for v, _ in t[1:])
    if t[0] == "deriv":  # a combination of two functions differentiable at x is differentiable there
        return _degree(t[1], name)
    if t[0] == "dparam" and t[1] == name:  # d f/d alpha = f(1) - f(0) for f affine in alpha: free of alpha
        if _degree(t[2], name) > 1:
            raise TermError(f"d/d{name} of a term that is not affine in {name}")
        return 0
    raise TermError(f"{name} occurs inside {t[0]}")


def at_parameter(t, name: str, q: Fraction):
    """t with the parameter name at the rational q (d/dname of an affine term: its difference quotient)."""
    if t == ("param", name):
        return num(q)
    if t[0] == "dparam" and t[1] == name:  # affine in alpha (checked by _degree): f(1) - f(0)
        return sub(at_parameter(t[2], name, Fraction(1)), at_parameter(t[2], name, Fraction(0)))
    return tuple(at_parameter(a, name, q) if isinstance(a, tuple) else a for a in t)

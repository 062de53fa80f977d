"""The checker: a certificate (JSON) in, ``proved``/``refuted`` out, or :class:`Rejected` with the reason.

A **claim** is ``lhs REL rhs for all x in D``: at every x in D both sides are defined (real-line semantics, see
:mod:`symact.kernel.terms`) and the relation holds.  REL is one of ``< <= > >= ==``; D is a list of pieces
``[lo, hi, lo_closed, hi_closed]`` with rational ends or "-oo"/"oo".

A **limit claim** ``limit(f, x, oo) REL c`` has its own rules (``limit``, ``squeeze`` from a bound
that tends to 0, and ``subsequence`` and ``no-ray`` that refute it: :mod:`symact.kernel.limit_claim`), and so has an
**integral claim** ``integrate(f, x, lo, hi) REL c`` (ftc, :mod:`symact.kernel.integral_claim`); a claim
over a quantified parameter (``forall alpha > 0: ...``) is refuted by a refuted instance and proved, where
alpha enters affinely, from the claim at an end and its slope or at both ends (:mod:`symact.kernel.quantified`).  A *sized claim* (matrices of any size, induction over a
size L) has the rules of :mod:`symact.kernel.sizes` (nc-identity, induction).  A *statement of real
arithmetic* (``forall reals ...``/``exists reals ...``, connectives, rational functions, integrals of
polynomials) has the natural-deduction rules of :mod:`symact.kernel.logic_claim` (intro, witness, instance,
identity, psatz, ...).
A **smoothness claim** ``f is C-infinity on D`` has its own rule too (:mod:`symact.kernel.continuity_claim`), and
so has a **convexity claim** ``f is convex (concave) on each interval of D`` (:mod:`symact.kernel.convex_claim`)
and a **continuity claim** ``f is continuous on D`` (:mod:`symact.kernel.continuity_claim`); a claim of
**convexity in several variables** ``(v_1, ..., v_k) -> F(affine map) is convex on R^k`` has the rule
affine-composition (:mod:`symact.kernel.affine_convex`); a claim about **every function with stated axioms**
(every convex f, every norm N, every continuous midpoint-convex f) has the rule derivation, or closure over a
dyadic induction (:mod:`symact.kernel.axioms`).

A **refutation** is ``{"rule": "counterexample", "x": "p/q"}``: x is in D and either a side is certainly
undefined there, or both are defined and the relation certainly fails (exact rational arithmetic, certified
``arb`` balls, or for ``<``/``>`` a difference that is 0 by ``algebra``); or ``{"rule": "undefined-between", ...}``:
a side is undefined at an irrational point of D found by the intermediate value theorem (a denominator or a log
argument that is continuous on [a, b] in D and certainly changes sign, or that equals a factor times a cofactor
by ``algebra`` where the factor changes sign, :mod:`symact.kernel.between`); or ``{"rule": "zero-at", "at": c}``
for a strict claim: c is a term without x (perhaps irrational) certainly in D, both sides are defined at c and
lhs - rhs is 0 there by ``algebra``; or ``{"rule": "kink-between", ...}``: a derivative in a side does not exist at
an irrational point of D, where the argument of a switch (|.|, max, min, ...) has its one simple zero in [a, b] and
the forms on either side have different slopes (:mod:`symact.kernel.kink_between`).

A **proof** is a list with one node per piece of D.  Writing d = lhs - rhs, a node proves ``d REL 0`` on a
piece P by one of these rules (the only ways to conclude):

``eval``      an enclosure of d on P (interval arithmetic with arb end points; on a ray the factors x^k, exp(v) and
              erfc(w) of a product are enclosed together, :func:`symact.kernel.evaluate.decay_image`) satisfies REL; on a single point
              also the exact rational value, or (for ``<= >= ==``) d = 0 there by ``algebra``; with ``"form": "mean-value"`` on a bounded P the enclosure is
              g(m) + g'(P) (P - m) for the midpoint m (mean value theorem, g the smooth form of d on P: the Taylor
              form below of order 1 at m); with
              ``"form": "taylor"``, ``"at": a`` (a rational point of a bounded P) and ``"order": n`` (default 2) it
              is the Taylor form of order n, g(a) + g'(a) (P - a) + g''(P) (P - a)^2 / 2 for n = 2, g's
              derivatives expanded, the powers of P - a enclosed exactly (:mod:`symact.kernel.remainder`; Taylor's
              theorem with the Lagrange remainder: the remainder's point lies between a and x, so in P), which
              stays sharp around a maximum or minimum of g at a;
``cases``     the given parts cover P (checked exactly), each proved by its own node;
``monotone``  g = d's smooth form on P (defined on a neighbourhood of every point), an end e of P where g is
              also defined, the sign of g' on the interior of P proved by the sub-node (the kernel forms g'),
              and g(e) of the right sign (a ball, at ``"bits"`` of precision if given, the exact rational value,
              or 0 by ``algebra`` at e): by the mean value theorem g(x) lies on the right side of g(e);
``algebra``   (for ==, and for <= and >=, which d = 0 satisfies too) d is defined on P and its smooth form on P is 0 as
              a rational function of independent generators, with the rewriting rules of :mod:`symact.kernel.algebra`
              (their sign conditions checked on P); with ``"nonzero": [{"term": u, "rel": "<" or ">", "by": N}, ...]``
              each u is proved ``u REL 0`` on P by its node N (so u is defined and never 0 there), and d's definedness
              is checked part by part (:func:`defined_on`): an integer power of a listed u is defined where u is (any
              real power of a u listed with ">"), every other part by an enclosure.  This proves an identity whose
              denominator or root's base tends to 0 at an open end of P, which no enclosure keeps away from 0
              (sigma'/sigma'' on (0, oo), sqrt(x^2 - 2x + 1) = |x - 1| on (-oo, 1)); a listed u that is a switch
              argument of d's smooth form (of |.|, sign, Heaviside, or a difference of max/min arguments) has its sign
              from the list: max(x, x^3) = x^3 on (1, oo), where x^3 - x > 0 is proved by its node but no enclosure on
              (1, oo) settles it; with ``"factored": [F, ...]`` a polynomial under a root may be replaced by a factored
              form F that expands to it exactly (:mod:`symact.kernel.algebra`, "Factored forms": sqrt(x^2 - 2x + 1) with
              F = (x - 1)^2);
``constant``  (for ==, <=, >=) the smooth form g on P has g' = 0 by ``algebra`` and g(x0) = 0 by ``algebra`` at
              a point x0 of P; P is an interval, so g = 0 on P;
``rewrite``   d is defined on P, its smooth form on P minus the given term is 0 by ``algebra``, and the sub-node
              proves the claim for the given term (e.g. a factored form whose enclosure is sharper);
``tail``      P reaches +oo or -oo; g (d's smooth form on P) is monotone there (the sign of g' on the interior
              of P, proved by the sub-node) and its limit L at that end (:mod:`symact.kernel.limits`: an
              enclosure, or exactly 0 when its exact form is 0 by ``algebra``) has the right sign: a monotone
              function on a ray lies on one side of its limit;
``remainder`` (:mod:`symact.kernel.remainder`) ``"at": a``, a finite end of P, ``"order": n``, ``"deriv": REL'``:
              g^(k)(a) = 0 exactly for k < n, so g(x) = g^(n)(xi) (x - a)^n / n! with xi inside P (Taylor's
              theorem with the Lagrange remainder); the sub-node proves g^(n) REL' 0 on the interior of P, and
              the sign of (x - a)^n (negative when a is the right end and n odd) gives REL away from a, where
              g = 0 (|x - tanh x - P_37(x)| <= c |x|^39 near 0, which no enclosure of the difference settles);
``stationary`` ``"at": c``, a term without x (perhaps irrational: 1000 log 1000) whose enclosure lies inside P:
              g'(c) = 0 by ``algebra``, g(c) REL 0 (its ball at ``"bits"`` of precision, or for <= and >= 0 by
              ``algebra``), and the sub-node proves g'' REL' 0 on the interior of P (REL' the non-strict REL);
              Taylor's theorem gives g(x) = g(c) + g''(xi) (x - c)^2 / 2 with xi between c and x, so g REL 0 on
              P (a bound that g touches, or nearly touches, at an irrational point, which no split at rational
              points reaches: exp(-x/1000) + x/10^6 >= (1 + log 1000)/1000);
``substitute`` ``"u": u``, ``"h": h`` (a term in x, read as h(u)), ``"on": Q`` (a piece): d is defined on P, its
              smooth form on P minus h(u) is 0 by ``algebra``, u's enclosure on P lies in Q, and the sub-node proves
              h REL 0 on Q, so d(x) = h(u(x)) REL 0 for every x in P (u = e^x turns a claim about sums, products
              and logarithms of exponentials into one about a function of u on (0, oo): softplus(-x) < e^-x is
              log(1 + 1/u) - 1/u < 0 there, and a rational h is decided by ``sturm``);
``product``   the smooth form of d on P is a product f_1 ... f_k (a ``mul`` node; reach one with ``rewrite``) and
              ``"factors"`` gives for each f_i a relation f_i REL_i 0 (``<``, ``>``, ``<=``, ``>=``) and its node:
              the signs multiply (strict when every factor's is), which must give REL;
``abs``       (for < and <=) d is a sum with a term |u| (the first such term), d = |u| + r: the sub-nodes ``plus``
              and ``minus`` prove u + r REL 0 and -u + r REL 0; |u| is u or -u at each point, so d REL 0
              (|gelu_tanh'(x)| <= 10^-324 on (-oo, -30], where no enclosure gives the sign of f');
``periodic``  x occurs in d only inside arguments s x + c of sin and cos with rational slopes s (c free of x),
              so d(x + T) = d(x), definedness included, for T = 2 pi L with L the least common denominator of
              the slopes; the sub-node proves the claim on the closed interval [from, to], whose length is
              certainly at least T: every real x is some point of it shifted by a multiple of T;
``outer``     (:mod:`symact.kernel.outer`) d = f(u) - f(v) by ``algebra`` for a strictly monotone f, u and v in
              f's domain on P (or f = t^k, k rational, not 0, with u and v certainly > 0 on P); the sub-node
              proves u - v REL 0 (the converse relation for a decreasing f);
``branches``  (:mod:`symact.kernel.branches`) d = W + r with W a Piecewise whose conditions certainly cover P
              (syntactically, every comparison defined on P); one node per branch proves v_i + r REL 0 on P;
``sturm``     (:mod:`symact.kernel.sturm`) d is a rational function N/D over Q by its syntax, D has no zero in P
              and N D none inside P (Sturm's theorem, exact), its sign there and its values at P's closed ends
              satisfy REL.  As a refutation: D has a zero in a piece of D (d undefined there), or, for a strict
              claim, N has one.
"""
from __future__ import annotations

import json
from fractions import Fraction
from math import lcm
from typing import Any

from flint import arb, ctx

from symact.kernel import algebra, limits, remainder, sturm
from symact.kernel import continuity_claim, convex_claim, integral_claim
from symact.kernel.affine_convex import check_affine_convex
from symact.kernel.axioms import check_axioms
from symact.kernel.between import check_between
from symact.kernel.branches import branch_claims
from symact.kernel.continuity_claim import check_continuity, check_smooth
from symact.kernel.convex_claim import check_convex
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import (GermUndefined, certain_at, enclose, interior, maps_into, point, smooth_form,
                                    smooth_on, term_in, undefined_reason, zero_at)
from symact.kernel.integral_claim import check_integral
from symact.kernel.kink_between import check_kink_between
from symact.kernel.ivals import Uncertain, exact
from symact.kernel.limit_claim import check_limit
from symact.kernel.logic_claim import check_logic
from symact.kernel.outer import reduce_outer
from symact.kernel.pieces import (CLAIM_RELATIONS, FORMAT, NEGATION, NON_STRICT, Rejected, contains, covers, holds,
                                  holds_relation, node_per_piece, piece_text, read_piece, read_term_claim)
from symact.kernel.quantified import check_forall
from symact.kernel.sizes import check_sized
from symact.kernel.terms import (X, TermError, at, from_json, linear_split, neg, occurs, parse_rational, rational_text,
                                 show, sub)

MAX_NODES = 20000
INEQUALITIES = ("<", "<=", ">", ">=")
#: the relations each rule proves (every claim relation where not listed)
RULE_RELATIONS = {"algebra": ("==", "<=", ">="), "constant": ("==", "<=", ">="), "same": ("==", "<=", ">="),
                  "abs": ("<", "<="), "stationary": INEQUALITIES, "monotone": INEQUALITIES,
                  "remainder": INEQUALITIES, "tail": INEQUALITIES, "sturm": INEQUALITIES}
#: the refutations of a claim at an irrational point (the intermediate value theorem)
BETWEEN = {"undefined-between": check_between, "kink-between": check_kink_between}


ORDINARY_KEYS = {"var", "lhs", "rel", "rhs", "domain"}
#: each kind of claim: the key that names it -> (every key a claim of that kind may have, its rule: (claim,
#: verdict, proof) -> the steps checked).  A claim is of one kind: a key of another kind beside it is never read
#: by the kind's rule, yet `verify` would show it
KINDS = {"forall": ({"forall", "domain", "statement", "claim"}, lambda *a: check_forall(*a, check)),
         "logic": ({"logic", "statement"}, check_logic), "sizes": ({"sizes"}, lambda *a: check_sized(*a, check)),
         "axioms": ({"axioms"}, check_axioms), "several": ({"several"}, lambda *a: check_affine_convex(*a, check)),
         "continuous": (continuity_claim.KEYS, check_continuity),
         "integral": (integral_claim.KEYS, lambda *a: check_integral(*a, check)),
         "convex": (convex_claim.KEYS, lambda *a: check_convex(*a, check)),
         "limit": (ORDINARY_KEYS | {"limit"}, lambda *a: check_limit(*a, check)),
         "smooth": ({"var", "smooth", "domain"}, check_smooth)}


def claim_kind(c) -> str:
    """The kind of a claim (a key of :data:`KINDS`, or ``"ordinary"``), read off its keys; Rejected when it is
    not a JSON object or has a key its kind does not have."""
    if not isinstance(c, dict):
        raise Rejected("the claim is not a JSON object")
    kind = next((k for k in KINDS if k in c), "ordinary")
    extra = set(c) - KINDS.get(kind, (ORDINARY_KEYS,))[0]
    if extra:
        raise Rejected(f"a {kind} claim has no key {sorted(extra)[0]!r} (a claim is of one kind)")
    if c.get("var", "x") != "x":
        raise Rejected("the variable of a claim is x (the term ['x'])")
    return kind


def read_claim(c: dict):
    """(lhs, REL, rhs, pieces) of an ordinary claim (:func:`~symact.kernel.pieces.read_term_claim` reads each
    side with the domain), or Rejected."""
    if c.get("var", "x") != "x" or c.get("rel") not in CLAIM_RELATIONS:
        raise Rejected(f"unsupported claim relation {c.get('rel')!r}")
    (lhs, domain), (rhs, _) = (read_term_claim(c, side, "one-variable") for side in ("lhs", "rhs"))
    return lhs, c["rel"], rhs, domain


def check(cert: dict) -> tuple[str, list[str]]:
    """Check a certificate; returns (verdict, the steps checked as sentences) or raises Rejected."""
    try:
        choice(cert, "format", (FORMAT,))
        verdict, proof, claim = choice(cert, "verdict", ("proved", "refuted")), cert.get("proof"), cert.get("claim", {})
        kind = claim_kind(claim)
        if kind != "ordinary":
            return verdict, KINDS[kind][1](claim, verdict, proof)
        lhs, rel, rhs, domain = read_claim(claim)
        checker = _Checker()
        if verdict == "refuted":
            checker.counterexample(proof, lhs, rel, rhs, domain)
        for node, p in node_per_piece(proof, domain) if verdict == "proved" else ():
            checker.prove(node, sub(lhs, rhs), rel, p)
        return verdict, checker.log
    except Rejected:
        raise
    except (Uncertain, GermUndefined, ZeroDivisionError, TermError) as exc:
        raise Rejected(f"a step is not certain: {exc}") from None
    except RecursionError:
        raise Rejected("certificate nested too deeply") from None
    except (TypeError, KeyError, IndexError, AttributeError, ValueError) as exc:  # JSON of the wrong shape
        raise Rejected(f"malformed certificate: {type(exc).__name__}: {exc}") from None


def claim_text(c) -> str:
    """What the kernel checked, written from the claim's data (never from a label a certificate may carry): a
    one-variable claim as ``LHS REL RHS on PIECES``; every other kind as its compact JSON, without the
    ``statement`` texts some kinds carry at any depth (``{"axioms": {..., "statement": ...}}``: labels no rule
    reads, which a hand-edited certificate may make say anything)."""
    try:
        if claim_kind(c) != "ordinary":
            raise Rejected("not an ordinary claim")
        lhs, rel, rhs, domain = read_claim(c)
        return f"{show(lhs)} {rel} {show(rhs)} on {' u '.join(piece_text(p) for p in domain)}"
    except Rejected:
        return json.dumps(_unlabelled(c), separators=(",", ":"))


def _unlabelled(c):
    """The JSON c without its ``statement`` keys, at every depth."""
    if isinstance(c, dict):
        return {k: _unlabelled(v) for k, v in c.items() if k != "statement"}
    return [_unlabelled(v) for v in c] if isinstance(c, list) else c


def check_node(node, d, rel: str, p) -> list[str]:
    """Check one proof node of ``d REL 0`` on the piece p (the steps checked), or raise Rejected: for the
    search, which tries a rule before it builds the whole certificate."""
    checker = _Checker()
    checker.prove(node, d, rel, p)
    return checker.log


class _Checker:
    def __init__(self):
        self.log: list[str] = []
        self.nodes = 0

    # -- refutation ---------------------------------------------------------------------------------------------
    def counterexample(self, node: Any, lhs, rel, rhs, domain) -> None:
        rule = choice(node, "rule", ("counterexample", "sturm", "zero-at", *BETWEEN))
        if rule in BETWEEN:
            self.log += BETWEEN[rule](node, lhs, rhs, domain)
            return
        if rule == "sturm":
            self.log.append(sturm.refute(sub(lhs, rhs), rel, domain))
            return
        if rule == "zero-at":
            c = from_json(node.get("at"))
            if rel not in ("<", ">") or not any(term_in(c, p) for p in domain):
                raise Rejected("zero-at refutes a strict claim at a term without x certainly in its domain")
            if occurs(sub(lhs, rhs), lambda u: u[0] == "deriv"):  # d/dx[f] with c for x is not f'(c)
                raise Rejected("zero-at needs sides without derivatives")
            for t in (lhs, rhs):  # both sides defined at c, and lhs - rhs = 0 there
                enclose(at(t, c), point(Fraction(0)), strict=True)
            if not algebra.is_zero(at(sub(lhs, rhs), c)):
                raise Rejected(f"lhs - rhs at x = {show(c)} is not 0 by exact algebra")
            self.log.append(f"At x = {show(c)} (in the domain): both sides are defined and lhs - rhs is 0 by exact "
                            f"algebra, so lhs {rel} rhs fails.")
            return
        x0 = parse_rational(node.get("x"))
        if not any(contains(p, x0) for p in domain):
            raise Rejected(f"x = {x0} is outside the claim's domain")
        for side, t in (("left", lhs), ("right", rhs)):
            why = undefined_reason(t, x0)
            if why:
                self.log.append(f"At x = {x0} the {side} side {show(t)} is undefined: {why}.")
                return
        how = certain_at(sub(lhs, rhs), x0, NEGATION[rel])
        if how is None:
            raise Rejected(f"the claim is not certainly false at x = {x0}")
        self.log.append(f"At x = {x0}: lhs - rhs is {how}, so lhs {rel} rhs fails.")

    # -- proofs ---------------------------------------------------------------------------------------------------
    def prove(self, node: Any, d, rel: str, p) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Rejected("certificate too large")
        if not isinstance(node, dict):
            raise Rejected(f"malformed proof node {node!r}")
        rule = node.get("rule")
        method = getattr(self, f"rule_{rule}", None) if isinstance(rule, str) else None
        if method is None:
            raise Rejected(f"unknown rule {rule!r}")
        if rel not in RULE_RELATIONS.get(rule, CLAIM_RELATIONS):
            raise Rejected(f"{rule} proves only {' or '.join(RULE_RELATIONS[rule])}, not {rel}")
        method(node, d, rel, p)

    def rule_eval(self, node, d, rel, p) -> None:
        if p[0] is not None and p[0] == p[1] and not undefined_reason(d, p[0]):
            how = certain_at(d, p[0], rel, ())  # an exact value, or 0 by algebra
            if how is not None:
                self.log.append(f"At x = {p[0]}: the difference is {how}.")
                return
        bits, form = _bits(node), choice(node, "form", ("natural", "mean-value", "taylor"), "natural")
        how = {"natural": "interval arithmetic", "mean-value": "mean value form",
               "taylor": f"Taylor form of order {node.get('order', 2)} at x = {node.get('at')}"}[form]
        at, order = ((parse_rational(node.get("at")), node.get("order", 2)) if form == "taylor"
                     else remainder.mean_value_form(p) if form == "mean-value" else (None, 0))
        with ctx.workprec(bits):
            ball = enclose(d, p) if form == "natural" else remainder.taylor_form(d, p, at, order)
        if not ball.satisfies(rel):
            raise Rejected(f"on {piece_text(p)} the difference lies in {ball}, not certainly {rel} 0")
        self.log.append(f"On {piece_text(p)}: the difference lies in {ball} ({how}), so it is {rel} 0.")

    def rule_sturm(self, node, d, rel, p) -> None:
        self.log.append(sturm.prove(d, rel, p))

    def rule_cases(self, node, d, rel, p) -> None:
        parts = node.get("parts")
        if not isinstance(parts, list) or not parts:
            raise Rejected("cases needs parts")
        pieces = [read_piece(part.get("on")) for part in parts]  # a part that is no object: malformed
        if not covers(pieces, p):
            raise Rejected(f"the cases do not cover {piece_text(p)}")
        for part, q in zip(parts, pieces):
            self.prove(part.get("by"), d, rel, q)

    def rule_monotone(self, node, d, rel, p) -> None:
        side = choice(node, "from", ("left", "right"))
        e = p[0] if side == "left" else p[1]
        if e is None or p[0] == p[1]:
            raise Rejected("monotone needs a finite end of a proper interval")
        g, bits = smooth_on(d, p), _bits(node)
        with ctx.workprec(bits):
            at_end = enclose(g, point(e), strict=True)  # g defined on a neighbourhood of e
        self.monotone_from(node, g, rel, p, 1 if side == "left" else -1, p[2] if side == "left" else p[3],
                           lambda r: certain_at(g, e, r, (bits,)) is not None,
                           f"the function at x = {e} is {at_end}", "mean value theorem")

    def rule_remainder(self, node, d, rel, p) -> None:
        drel = choice(node, "deriv", INEQUALITIES)
        a, n = parse_rational(node.get("at")), node.get("order")
        got = remainder.remainder_relation(p, a, n, drel)
        if (contains(p, a) and not holds(Fraction(0), rel)) or not holds_relation(got, rel):
            raise Rejected(f"the remainder's sign gives {got} 0 away from x = {a}, not {rel} 0 on {piece_text(p)}")
        dn = remainder.zero_derivatives(d, p, a, n)
        self.log.append(f"On {piece_text(p)}: the derivatives of orders 0 to {n - 1} are 0 at x = {a}, so the "
                        f"difference is its derivative of order {n} at a point between x and {a} times (x - {a})^{n}/{n}! "
                        f"(Taylor's theorem with the Lagrange remainder), {got} 0 as that derivative is {drel} 0:")
        self.prove(node.get("by"), dn, drel, interior(p))

    def rule_stationary(self, node, d, rel, p) -> None:
        c, weak = from_json(node.get("at")), NON_STRICT[rel]
        second, how = remainder.stationary_second(d, c, p, rel, _bits(node))
        self.log.append(f"On {piece_text(p)}: the derivative of the difference is 0 at x = {show(c)} (exact algebra) "
                        f"and the difference there is {how}, so the difference is that value plus its second "
                        f"derivative at a point between x and {show(c)} times (x - {show(c)})^2/2 (Taylor's "
                        f"theorem), {rel} 0 as that derivative is {weak} 0:")
        self.prove(node.get("by"), second, weak, interior(p))

    def rule_product(self, node, d, rel, p) -> None:
        g = smooth_form(d, p, strict=False)
        factors = node.get("factors")
        if g[0] != "mul" or not isinstance(factors, list) or len(factors) != len(g) - 1:
            raise Rejected("product needs the difference's smooth form to be a product and one node per factor")
        rels = [choice(part, "rel", INEQUALITIES) for part in factors]
        for f, part, frel in zip(g[1:], factors, rels):
            self.prove(part.get("by"), f, frel, p)
        # the signs multiply (negative for an odd number of factors < 0 or <= 0), strict when every factor's is
        got = ("<" if sum(r[0] == "<" for r in rels) % 2 else ">") + ("" if all(len(r) == 1 for r in rels) else "=")
        if not holds_relation(got, rel):
            raise Rejected(f"the factors' signs give a product {got} 0, not {rel} 0")
        self.log.append(f"On {piece_text(p)}: the difference is a product of factors of certain signs, so it is {got} 0.")

    def rule_abs(self, node, d, rel, p) -> None:
        u, rest = split_abs(d)
        if u is None:
            raise Rejected("abs needs a sum with a term |u|")
        self.log.append(f"On {piece_text(p)}: |{show(u)}| is {show(u)} or its negation, so both cases are proved:")
        for key, v in (("plus", u), ("minus", neg(u))):
            self.prove(node.get(key), v if rest is None else ("add", v, *rest), rel, p)

    def rule_periodic(self, node, d, rel, p) -> None:
        L = period_multiple(d)
        if L is None:
            raise Rejected("x occurs outside the arguments s x + c of sin and cos: not periodic")
        a, b = parse_rational(node.get("from")), parse_rational(node.get("to"))
        if not exact(b - a) > 2 * L * arb.pi():
            raise Rejected(f"[{a}, {b}] is not certainly as long as the period 2 pi * {L}")
        self.log.append(f"The difference has period 2 pi * {L} (x occurs only in sin and cos of s x + c), and "
                        f"[{rational_text(a)}, {rational_text(b)}] is longer than that; on it:")
        self.prove(node.get("by"), d, rel, (a, b, True, True))

    def rule_outer(self, node, d, rel, p) -> None:
        inner, inner_rel, said = reduce_outer(node, d, rel, p)
        self.log.append(said)
        self.prove(node.get("by"), inner, inner_rel, p)

    def rule_branches(self, node, d, rel, p) -> None:
        claims = branch_claims(node, d, p)
        self.log.append(f"On {piece_text(p)}: some condition of the Piecewise holds at every point, so the claim "
                        f"holds if it does for each branch value:")
        for t, sub_node in zip(claims, node["by"]):
            self.prove(sub_node, t, rel, p)

    def rule_algebra(self, node, d, rel, p) -> None:
        known = self.nonzero(node.get("nonzero", []), p)
        defined_on(d, p, known)  # defined everywhere on the piece
        g = smooth_form(d, p, strict=False, known=known)
        if not algebra.is_zero(g, p, [from_json(f) for f in node.get("factored", [])]):
            raise Rejected(f"the difference on {piece_text(p)} is not 0 as a rational function")
        self.log.append(f"On {piece_text(p)}: both sides are defined and their difference is 0 by exact "
                        f"algebra (rational functions of exponentials and other function values)"
                        + ("." if rel == "==" else f", so it is {rel} 0."))

    def rule_same(self, node, d, rel, p) -> None:
        if d[0] != "add" or len(d) != 3 or d[2] != neg(d[1]):
            raise Rejected("same needs a claim t REL t with the same term on both sides")
        defined_on(d[1], p)
        self.log.append(f"On {piece_text(p)}: both sides are the same term {show(d[1])}, defined there, so their "
                        f"difference is 0.")

    def nonzero(self, items, p) -> list:
        """The terms of an algebra node's ``nonzero`` list, each proved < 0 or > 0 on p by its node (term -> rel)."""
        if not isinstance(items, list):
            raise Rejected("nonzero must be a list")
        known = {}
        for item in items:
            urel = choice(item, "rel", ("<", ">"))
            u = from_json(item.get("term"))
            self.log.append(f"On {piece_text(p)}: {show(u)} {urel} 0, so it is never 0 there:")
            self.prove(item.get("by"), u, urel, p)
            known[u] = urel
        return known

    def rule_substitute(self, node, d, rel, p) -> None:
        u, h, q = from_json(node.get("u")), from_json(node.get("h")), read_piece(node.get("on"))
        if occurs(h, lambda t: t[0] == "deriv"):  # d/dx[f] with u for x is not f'(u)
            raise Rejected("substitute needs an h without derivatives")
        if not maps_into(u, p, q):
            raise Rejected(f"u = {show(u)} does not certainly lie in {piece_text(q)} on {piece_text(p)}")
        enclose(d, p)  # defined everywhere on the piece
        if not algebra.is_zero(sub(smooth_form(d, p, strict=False), at(h, u)), p):
            raise Rejected(f"the difference is not h(u) on {piece_text(p)} by exact algebra")
        self.log.append(f"On {piece_text(p)}: the difference is h(u) with h(x) = {show(h)} and u = {show(u)} (exact "
                        f"algebra), and u lies in {piece_text(q)} there, so it is {rel} 0 where h is {rel} 0 on "
                        f"{piece_text(q)}:")
        self.prove(node.get("by"), h, rel, q)

    def rule_rewrite(self, node, d, rel, p) -> None:
        other = from_json(node.get("as"))
        enclose(d, p)  # defined everywhere on the piece
        if not algebra.is_zero(sub(smooth_form(d, p, strict=False), other), p):
            raise Rejected(f"the rewritten form is not equal to the difference on {piece_text(p)} by exact algebra")
        self.log.append(f"On {piece_text(p)}: the difference equals {show(other)} (exact algebra).")
        self.prove(node.get("by"), other, rel, p)

    def rule_tail(self, node, d, rel, p) -> None:
        if (p[0] is None) == (p[1] is None):
            raise Rejected("limit needs a piece with exactly one infinite end")
        side = 1 if p[1] is None else -1
        g = smooth_on(d, p)
        lim = limits.limit_at(g, side)
        if not lim.finite:
            raise Rejected("the limit at the infinite end is not finite")
        value = limits.limit_value(lim)
        self.monotone_from(node, g, rel, p, -side, False, value.satisfies,
                           f"the function tends to {value} at {'+oo' if side > 0 else '-oo'}",
                           "a monotone function on a ray lies on one side of its limit")

    def monotone_from(self, node, g, rel, p, direction: int, attained: bool, certain, said: str, why: str) -> None:
        """The shared step of ``monotone`` and ``tail``: g REL 0 on p, where g' DREL 0 (DREL the node's ``deriv``,
        proved by the sub-node on p's interior) moves g monotonically away from a value v in ``direction`` (+1: rightward from p's left end;
        -1: leftward, from the right end or from the limit at +oo); ``certain(r)``: v r 0 is certain;
        ``attained``: g takes the value v on p."""
        drel = choice(node, "deriv", INEQUALITIES)
        if (rel in (">", ">=")) != ((1 if drel in (">", ">=") else -1) * direction > 0):
            raise Rejected("the derivative sign moves the function the wrong way from its reference value")
        weak, strong = (">=", ">") if rel in (">", ">=") else ("<=", "<")
        if not (certain(weak) if rel == weak else
                certain(strong) or (drel in ("<", ">") and not attained and certain(weak))):
            raise Rejected(f"{said}: not certainly of the needed sign")
        self.log.append(f"On {piece_text(p)}: {said} and its derivative is {drel} 0 inside, so it stays {rel} 0 "
                        f"({why}):")
        self.prove(node.get("by"), differentiate(g), drel, interior(p))

    def rule_constant(self, node, d, rel, p) -> None:
        x0 = parse_rational(node.get("at"))
        if not contains(p, x0):
            raise Rejected("the anchor point is outside the piece")
        g = smooth_on(d, p)
        if not algebra.is_zero(differentiate(g), p):
            raise Rejected("the derivative of the difference is not 0 by exact algebra")
        if not zero_at(g, x0):
            raise Rejected(f"the difference at x = {x0} is not 0 by exact algebra")
        self.log.append(f"On {piece_text(p)}: the difference has derivative 0 (exact algebra) and is 0 at "
                        f"x = {x0}, so it is 0 on the whole interval" + ("." if rel == "==" else f", and {rel} 0."))


def choice(node, key: str, options: tuple, default=None):
    """The field ``key`` of a proof node (``default`` where absent), Rejected unless the node is a JSON object
    and the value is one of ``options``."""
    value = node.get(key, default) if isinstance(node, dict) else None
    if value not in options:
        raise Rejected(f"the field {key!r} must be one of {', '.join(options)}, not {value!r}")
    return value


def split_abs(d):
    """(u, the other terms or None) when d is |u| or a sum whose first term of the form |u| is that one, else
    (None, None)."""
    terms = list(d[1:]) if d[0] == "add" else [d]
    k = next((k for k, a in enumerate(terms) if a[0] == "abs"), None)
    if k is None:
        return None, None
    return terms[k][1], (terms[:k] + terms[k + 1:] if d[0] == "add" else None)


def period_multiple(d) -> int | None:
    """L such that d(x + 2 pi L) = d(x) by its syntax (see the rule ``periodic``), or None: x occurs only in
    sin and cos of s x + rest, rest of period 2 pi (so of period 2 pi L) or free of x, and L is the least common
    multiple of the slopes' denominators (1 where x does not occur)."""
    if d == X:
        return None
    if d[0] == "fn" and d[1] in ("sin", "cos"):
        slope, rest = linear_split(d[2])
        return slope.denominator if rest is None or period_multiple(rest) == 1 else None
    multiples = [period_multiple(a) for a in d if isinstance(a, tuple)]  # the branches of a Piecewise too
    return None if None in multiples else lcm(*multiples)


def defined_on(t, p, known=None) -> None:
    """Raise Uncertain unless t is certainly defined at every point of p: sums and products part by part, an
    integer power of a term in ``known`` (terms proved nonzero on p, each with its relation to 0) where its base
    is, any real power of one proved > 0 where its base is, a derivative on an open p where its function's smooth
    form with the listed signs is smooth (:func:`smooth_on`), the rest by enclosure."""
    known = known or {}
    head = t[0]
    if head in ("add", "mul"):
        for a in t[1:]:
            defined_on(a, p, known)
    elif head == "pow" and t[1] in known and (t[2].denominator == 1 or known[t[1]] == ">"):
        defined_on(t[1], p, known)
    elif head == "deriv" and known and not (p[2] or p[3]):  # f' on the open p: f's smooth form with the signs
        enclose(differentiate(smooth_on(t[1], p, known=known)), p)
    else:
        enclose(t, p)


def _bits(node) -> int:
    bits = node.get("bits", 64)
    if not isinstance(bits, int) or not 32 <= bits <= 4096:
        raise Rejected("bits must be an integer from 32 to 4096")
    return bits

"""The trusted kernel: the only code that turns a certificate into ``proved`` or ``refuted``.

LCF style: the deciders in :mod:`symact.decide` search with all of SymPy's power and *propose* a certificate
(JSON data); :func:`check` re-checks it here with value- and domain-preserving steps only.  What the kernel
trusts, in full:

1. python-flint's ``arb`` ball arithmetic (outward-rounded: a ball always contains the true value) and exact
   rational arithmetic (:mod:`fractions`), exact polynomial expansion in SymPy (``expand``), and FLINT's exact
   arithmetic of polynomials over Q (``fmpq_poly``, for the rule sturm);
2. the facts about each function in :mod:`symact.kernel.functions` (domain, monotonicity and limits,
   derivative, f(0)), each tested against its definition;
3. the rules of :mod:`symact.kernel.check` (eval, cover, cases, monotone, tail, algebra, constant, rewrite,
   counterexample), :mod:`symact.kernel.between` (undefined-between: the intermediate value theorem puts a zero
   of a continuous denominator, log argument or Piecewise gap in the domain), :mod:`symact.kernel.kink_between`
   (kink-between: the same theorem puts a corner of d/dx f, a simple zero of a switch argument where f's two
   forms have different slopes, in the domain), :mod:`symact.kernel.sturm` (sturm: Sturm's theorem counts the
   real zeros of a rational difference's numerator and denominator exactly),
   :mod:`symact.kernel.limit_claim` (limit, squeeze, subsequence, no-ray), :mod:`symact.kernel.integral_claim` (ftc: the
   fundamental theorem of calculus for an antiderivative whose kernel derivative is the integrand),
   :mod:`symact.kernel.continuity_claim` (smooth: a composition of C-infinity functions on their open domains is
   C-infinity), :mod:`symact.kernel.convex_claim`
   (second-derivative: f'' >= 0 on an open interval makes f convex there; kinks; chord; kink),
   :mod:`symact.kernel.continuity_claim` (continuity: continuous pieces joined with equal values; undefined), :mod:`symact.kernel.quantified`
   (instance, affine, ends), :mod:`symact.kernel.sizes` (nc-identity, induction, positive and counterexample,
   for matrices of any size and every depth: exact expansion without commuting matrices, plain Python fractions),
   :mod:`symact.kernel.logic_claim` (intro, assume, split, pick, suppose, witness, instance, mp, defined,
   identity, psatz: natural deduction for statements of real arithmetic over several variables, polynomials
   over Q in plain Python fractions, a Positivstellensatz/Farkas certificate for each contradiction),
   and :mod:`symact.kernel.axioms` (types, defined, sign, identity, instance, link, compose: a derivation about
   every convex function, every norm or every midpoint-convex function from instances of their axioms; dyadic,
   closure, continuous: a claim for every weight in [0, 1] from an induction over the dyadic weights and the
   continuity of both sides),
   each a textbook theorem (interval enclosure, Sturm's theorem, mean value theorem, fundamental theorem of calculus, Taylor's
   theorem with the Lagrange remainder, intermediate value theorem, identity of rational functions, induction,
   density of the dyadic rationals);
4. real-line semantics of terms (:mod:`symact.kernel.terms`): a term is defined at x only where every part
   is, and d/dx f exists only where the difference quotient converges (one-sided forms at switch points; where a
   one-sided form is not smooth at the point, its one-sided limits read at x0 +- 1/y by :mod:`symact.kernel.shift`
   and the limit calculus, with the mean value theorem).

No ``simplify``, ``nsimplify``, ``solve``, ``limit`` or ``cancel`` is called here.  ``symact verify CERT.json``
re-checks a certificate in a fresh process that imports only this package.
"""
from symact.kernel.check import check, read_claim
from symact.kernel.pieces import FORMAT, Rejected, claim_json

__all__ = ["check", "claim_json", "read_claim", "Rejected", "FORMAT"]

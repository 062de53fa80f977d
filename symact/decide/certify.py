"""Search for kernel certificates: counterexamples and proofs of ``lhs REL rhs for all x in D``.

Everything here only *proposes*; :func:`symact.kernel.check` decides.  The search uses the kernel's own
evaluators (enclosures, smooth forms, formal derivatives) to plan, floats to look for counterexamples and
critical points, and a work budget counted in enclosure evaluations (not seconds), so the same claim gets the
same verdict on an idle or a loaded machine.  The decision's CPU budget (:func:`symact.budget.left`) also ends
a search: a work unit on a large term (an enclosure of gelu nested eight deep) costs a hundred times one on a
small term, and the budget is a hard limit.
"""
from __future__ import annotations

import math
import time
from fractions import Fraction
from functools import cached_property, lru_cache

from symact.budget import left
from symact.decide.candidates import (DECADES, branch_variants, commensurate_points, reduced_phases,
                                      square_factors)
from symact.decide.conjugate import conjugate_forms
from symact.decide.dominant import bounds, dominant_forms
from symact.decide.factored import factored_forms
from symact.decide.floats import evaluator
from symact.decide.real_zeros import real_zeros
from symact.decide.squeeze import oscillation_bounds, squeeze_bounds
from symact.decide.subsequence import no_ray_refutation, subsequence_refutation
from symact.decide.terms_sympy import addends, constants_evaluated, logs_combined, signed, signed_fn
from symact.functions import REGISTRY
from symact.kernel import Rejected, algebra, check, claim_json, meter
from symact.kernel.between import STRICT, boundary
from symact.kernel.branches import branch_claims
from symact.kernel.check import check_node, period_multiple, split_abs
from symact.kernel.derivative import differentiate
from symact.kernel.evaluate import (GermUndefined, SignUnknown, enclose, exact_value, interior, maps_into, point,
                                    smooth_form, zero_at)
from symact.kernel.ivals import Uncertain
from symact.kernel.limits import limit_at
from symact.kernel.outer import reduce_outer
from symact.kernel.pieces import FORMAT, NON_STRICT, contains, holds, piece_json
from symact.kernel.remainder import (derivative, mean_value_form, remainder_relation, smooth_on_closure,
                                     stationary_second, taylor_form, vanishes, zero_derivatives)
from symact.kernel.sturm import rational_of
from symact.kernel.terms import (CONVERSE, FUNCTIONS, X, affine, at, constant_rational, fn, folded, has_x, neg, num,
                                 occurs, rational_text, sub, to_json)

#: work units (kernel enclosures) one search may spend
DEFAULT_WORK = 20000
#: highest derivative the monotonicity argument goes through
MAX_ORDER = 3
#: largest term (in nodes) whose SymPy rewrites are tried: the kernel's check of a rewrite of a larger one
#: (a third derivative of mish) can take minutes, beyond what the work count sees
MAX_REWRITE_SIZE = 120
#: products formed by the kernel's algebra (:func:`symact.kernel.algebra.raw_terms`) that cost one work unit
TERMS_PER_WORK = 5
#: work units a product's factor may spend on its sign by monotonicity (a factor 0 at the end of a piece, whose
#: strict sign there needs higher derivatives: gelu' - sup gelu' shifted to its touching point)
FACTOR_WORK = 400
#: largest denominator of a critical point tried as exact (:meth:`Search.exact_critical`)
MAX_CRITICAL_DENOMINATOR = 64
#: largest L of a period 2 pi L the search proves a periodic claim on
MAX_PERIOD_MULTIPLE = 8
#: precision (bits) at which a point is worth the kernel's check of an identity's counterexample (its highest,
#: 4096, at every sample point would slow every true identity down)
NONZERO_PRECISION = 1024
#: bisection depth of a cover of a bounded piece
COVER_DEPTH = 48
#: levels of halving for an identity with Max, Min or |.| whose switch point is irrational (:meth:`Search.switch_split`)
SWITCH_DEPTH = 16
#: switch arguments whose signs an identity's ``algebra`` node may list (:meth:`Search.identity_with_nonzero`)
MAX_SWITCH_SIGNS = 8
#: highest order of a derivative that vanishes at an end for :meth:`Search.try_remainder` (asinh(x) - x less its
#: Taylor polynomial of degree 51 vanishes to order 52)
MAX_VANISHING_ORDER = 64
#: order, precision (bits) and bisection depth of the Taylor forms that prove that derivative's sign
TAYLOR_ORDER, TAYLOR_BITS, TAYLOR_DEPTH = 6, 128, 4
#: most wall-clock seconds between two readings of the decision's CPU clock by a search (a reading takes system
#: calls, and at every work unit the readings took a tenth of the property table's time); fewer where less CPU time
#: is left (:meth:`Search.spend`), so that a search ends at its first work unit after the budget is spent
CLOCK_INTERVAL = 0.002
#: bisections of critical points kept for the searches of a process (:meth:`Search.refine`; the claims the
#: property gate checks about f', f'' and their bounds share theirs)
MAX_BISECTIONS = 4096
_BISECTIONS: dict = {}


class _OutOfWork(Exception):
    """The expansions would pass the work allowed."""


class _Budgeted(algebra.Normalizer):
    """The kernel's normalizer, each expansion's products (:func:`~symact.kernel.algebra.raw_terms`) charged to
    the work allowed before it is formed."""

    def __init__(self, t, piece, work: float):
        super().__init__(t, piece)
        self.work, self.spent = work, 0

    def expand(self, e):
        self.spent += algebra.raw_terms(e)
        if self.spent > self.work:
            raise _OutOfWork
        return super().expand(e)


def zero_test(t, piece, work: float) -> tuple[bool | None, int]:
    """The kernel's :func:`~symact.kernel.algebra.is_zero` within ``work`` products formed by its expansions
    (:func:`~symact.kernel.algebra.raw_terms`), and the work spent: (True, spent) shown 0, (False, spent) not
    shown, (None, spent) the work ran out first (for the search, which pays the kernel's algebra from its
    budget)."""
    try:
        normalizer = _Budgeted(t, piece, work)
    except Uncertain:  # slopes beyond the limits
        return False, 0
    try:
        n, _ = normalizer.run()
        return normalizer.reduce(n) == 0, normalizer.spent
    except _OutOfWork:
        return None, normalizer.spent
    except (Uncertain, ZeroDivisionError, RecursionError):
        return False, normalizer.spent



NO_CERTIFICATE = "no certificate found (neither a proof nor a counterexample)"


class _Spent(Exception):
    """The search's budget is spent; the argument says which (work units or the decision's CPU time)."""


class Search:
    """The certificate search for one claim.  It ends (no verdict) once ``work`` work units are spent, or, where
    ``metered`` is given, once the kernel's work meter (:mod:`symact.kernel.meter`, one count for the process)
    has counted that many units since the search began (the kernel's checks of proposed certificates included), or at the
    decision's CPU deadline.  Work units and the meter count what is computed, so a search that one of them
    ends stops at the same point however loaded the machine; the CPU deadline is the hard limit behind them."""

    def __init__(self, lhs, rel: str, rhs, domain: list, work: int = DEFAULT_WORK, metered: int | None = None):
        self.lhs, self.rel, self.rhs, self.domain = lhs, rel, rhs, domain
        self.d = sub(lhs, rhs)
        self.work = work
        self.meter_end = None if metered is None else meter.reading() + metered
        self.rewrite_cache: dict = {}
        self.root_cache: dict = {}
        self.refined: dict = {}
        self.bisected: set = set()   # pieces that a Taylor cover of this search had to bisect
        self.claim = claim_json(lhs, rel, rhs, domain)
        self.next_reading = 0.0  # time.monotonic() at which spend reads the CPU clock next

    @cached_property
    def rational(self):
        """(N, D) where the difference is a rational function N/D over Q (the kernel's rule sturm), else None."""
        return rational_of(self.d)

    # -- bookkeeping ------------------------------------------------------------------------------------------
    def spend(self, n: int = 1) -> None:
        """Pay ``n`` work units (0: only look at the clock); the search ends once they or the decision's CPU
        time are spent.  The CPU clock is read again once as many wall-clock seconds have passed as CPU seconds
        were left at the last reading (:data:`CLOCK_INTERVAL` at most): the decision's threads compute one at a
        time, so its CPU time grows no faster than the wall clock, and the search ends at its first work unit
        after the budget is spent, whatever the machine's load (wall-clock time only makes the readings more
        frequent, never later)."""
        self.work -= n
        if self.work < 0 or self.meter_end is not None and meter.reading() > self.meter_end:
            raise _Spent("the search's work budget was spent before a certificate was found")
        now = time.monotonic()
        if now < self.next_reading:
            return
        remaining = left()
        if remaining <= 0:
            raise _Spent("the decision's CPU-time budget was spent before a certificate was found")
        self.next_reading = now + min(CLOCK_INTERVAL, remaining)

    def within(self, units: int, attempt):
        """``attempt()`` allowed at most ``units`` of the work left (None when they run out first; the work it
        spent stays spent)."""
        cap = min(self.work, units)
        rest, self.work = self.work - cap, cap
        try:
            return attempt()
        except _Spent:
            if self.work >= 0 or rest <= 0:  # the CPU budget, or the search's own work: the search ends
                raise
            return None
        finally:
            self.work += rest

    def certificate(self, verdict: str, proof) -> dict:
        return {"format": FORMAT, "claim": self.claim, "verdict": verdict, "proof": proof}

    def accepted(self, verdict: str, proof):
        cert = self.certificate(verdict, proof)
        try:
            _, log = check(cert)
        except Rejected:
            return None
        return cert, log

    # -- the search -------------------------------------------------------------------------------------------
    def run(self, prove: bool = True, expected: bool = False):
        """(verdict, certificate, checked steps) or (None, None, reason); ``prove=False`` looks for a
        counterexample only; ``expected``: the claim is expected to hold, so the proof is tried before the
        critical points are searched for a counterexample (which costs as much as many a proof), and before the
        quick points too where the claim holds at them in floating point (:meth:`proof_first`)."""
        try:
            quick = self.candidates(self.quick_points())
            if prove and expected and self.holds_in_floats(quick):
                return self.proof_first(quick)
            found = (self.refute(quick) or self.straddle() or self.touch() or self.kink()
                     or (None if expected else self.refute(self.deep_points()) or self.tie()))
            if found or not prove:
                return found or (None, None, "no counterexample found")
            return (self.proof() or (self.refute(self.deep_points()) or self.tie() if expected else None)
                    or (None, None, NO_CERTIFICATE))
        except _Spent as spent:
            return None, None, str(spent)

    def proof_first(self, quick: list):
        """:meth:`run` for a claim expected to hold, in a cheaper order: the proof first, and the counterexample
        search at the ``quick`` points only when no proof is found (a claim the kernel proves has no
        counterexample), then at the critical points.  The quick points' work units are paid before the proof,
        as when they are tried first, so the proof has the same work and finds the same certificate; a claim
        with a counterexample among them is refuted at the same point even when the proof's work runs out."""
        if quick:
            self.spend(2 * len(quick))
        try:
            found = self.straddle() or self.proof()
        except _Spent:
            found = self.refute(quick, paid=True)
            if found is None:
                raise
        return (found or self.refute(quick, paid=True) or self.touch() or self.kink()
                or self.refute(self.deep_points()) or self.tie() or (None, None, NO_CERTIFICATE))

    def holds_in_floats(self, points: list) -> bool:
        """Whether the claim holds in floating point at each of ``points`` where lhs - rhs has a float value (its
        smooth form on the interior of the piece, or else at the point; a float 0 counts where the form's value
        is exactly 0, and not where it may be an underflow): a plan for the order of the search only, since
        floats decide nothing."""
        forms = {}
        for x0 in points:
            p = next(p for p in self.domain if contains(p, x0))
            if p not in forms:
                forms[p] = _smooth_or_none(self.d, interior(p) if p[0] is None or p[0] != p[1] else p)
            form = forms[p] or _smooth_or_none(self.d, point(x0))
            try:
                v = None if form is None else evaluator(form)(float(x0))
            except OverflowError:
                v = None
            if v == 0:
                v = exact_value(form, x0)
            if v is not None and not holds(v, self.rel):
                return False
        return True

    def proof(self):
        """("proved", certificate, checked steps) from a proof on every piece of the domain, or None."""
        proof = []
        for p in self.domain:
            node = self.prove(p)
            if node is None:
                return None
            proof.append(node)
        result = self.accepted("proved", proof)
        return ("proved", *result) if result else None

    def counterexample(self, hints=()):
        """A refutation from the given points, the quick points or the critical points (no proof is
        attempted), or None."""
        try:
            return (self.refute(hints) or self.refute(self.quick_points()) or self.straddle() or self.touch()
                    or self.kink() or self.refute(self.deep_points()) or self.tie())
        except _Spent:
            return None

    # -- counterexamples ----------------------------------------------------------------------------------------
    def candidates(self, points) -> list:
        """The distinct ``points`` in the domain, in order."""
        return list(dict.fromkeys(x0 for x0 in points if any(contains(p, x0) for p in self.domain)))

    def refute(self, points, paid: bool = False):
        """A refutation at the first of the candidates among ``points`` where the kernel accepts one, each
        candidate 2 work units (``paid``: paid already), or None."""
        for x0 in self.candidates(points):
            if not paid:
                self.spend(2)
            if not self.looks_false(x0):
                continue
            result = self.accepted("refuted", {"rule": "counterexample", "x": rational_text(x0)})
            if result:
                return ("refuted", *result)
        return None

    def straddle(self):
        """An ``undefined-between`` refutation (:mod:`symact.kernel.between`): a denominator or a log argument u
        of a side whose float sign changes at a point of the domain, bracketed by rationals around it."""
        for side, path, u, values in self.undefined_parts():
            for v, p in ((v, p) for v in values for p in self.domain):
                h = sub(u, v)
                ends = [float(e) for e in p[:2] if e is not None]  # a zero too close to an end for floats
                found = self.bracketed(h, p, _candidate_zeros(h, p, self) + ends, (30, 20, 60, 100), lambda a, b: {
                    "rule": "undefined-between", "side": side, "path": path, "a": a, "b": b})
                if found:
                    return found
        return None

    def touch(self):
        """An ``undefined-between`` refutation with a factor: a denominator or log argument u with u - v = w z and w
        of even multiplicity (:func:`~symact.decide.candidates.square_factors`), so that u touches v without
        crossing it where w's float sign changes, bracketed by rationals around it."""
        for side, path, u, values in self.undefined_parts():
            for v in values:
                self.spend(20 + _size(u))
                for (w, z), p in ((f, p) for f in square_factors(sub(u, v)) for p in self.domain):
                    found = self.bracketed(w, p, _candidate_zeros(w, p, self), (30,), lambda a, b: {
                        "rule": "undefined-between", "side": side, "path": path, "a": a, "b": b,
                        "factor": to_json(w), "cofactor": to_json(z)})
                    if found:
                        return found
        return None

    def kink(self):
        """A ``kink-between`` refutation (:mod:`symact.kernel.kink_between`): a derivative in a side whose function
        switches form where the float sign of a switch argument u changes, bracketed by rationals around it."""
        for side, t in (("left", self.lhs), ("right", self.rhs)):
            for path, f in _derivative_parts(t, []):
                for u, p in ((u, p) for u in _switch_arguments(f) for p in self.domain):
                    found = self.bracketed(u, p, _candidate_zeros(u, p, self), (30, 20), lambda a, b: {
                        "rule": "kink-between", "side": side, "path": path, "switch": to_json(u), "a": a, "b": b})
                    if found:
                        return found
        return None

    def undefined_parts(self):
        """(side, path, u, values) for each part of either side that is undefined where u takes one of the values
        (:func:`_undefined_parts`)."""
        for side, t in (("left", self.lhs), ("right", self.rhs)):
            for path, u, values in _undefined_parts(t, []):
                yield side, path, u, values

    def bracketed(self, h, p, roots, widths, node):
        """A refutation by ``node(a, b)`` (a proof node of a ``-between`` rule, a and b as rational texts) with
        [a, b] in p a bracket centre -+ scale 2^-k around a zero of h: for each of the float ``roots`` of h (scale
        max(1, |root|)), each k of ``widths`` in turn, the centre the float root itself for k <= 30 and its
        certified-sign bisection (:meth:`refine`) beyond, none when that finds no certain sign change; each
        bracket tried costs 2 work units.  None when the kernel accepts none."""
        for root in roots:
            scale = Fraction(max(1.0, abs(root)))
            for k in widths:
                self.spend(2)
                centre = Fraction(root) if k <= 30 else self.refine(h, root)
                if centre is None:
                    break
                a, b = centre - scale / 2 ** k, centre + scale / 2 ** k
                result = contains(p, a) and contains(p, b) and self.accepted(
                    "refuted", node(rational_text(a), rational_text(b)))
                if result:
                    return ("refuted", *result)
        return None

    def looks_false(self, x0: Fraction) -> bool:
        from symact.kernel.evaluate import undefined_reason

        if undefined_reason(self.lhs, x0) or undefined_reason(self.rhs, x0):
            return True
        try:
            ball = enclose(self.d, point(x0))
        except (Uncertain, GermUndefined, ZeroDivisionError):
            return self.rel == "=="  # the refutation check decides
        if self.rel == "==" and not ball.violates("=="):  # the kernel's check refutes only a certain nonzero
            return _nonzero_at(self.d, x0)
        return ball.violates(self.rel) or not ball.satisfies(self.rel)

    def quick_points(self):
        pts = [Fraction(0), Fraction(1), Fraction(-1)]
        pts += self.special_points()
        for k in range(-12, 13):
            pts += [Fraction(k, 4)]
        for e in range(2, 11):
            pts += [Fraction(2) ** e, -Fraction(2) ** e]
        for e in range(3, 7):
            pts += [Fraction(10) ** e, -Fraction(10) ** e]
        pts += [Fraction(700), Fraction(-700), Fraction(1, 10 ** 6), Fraction(-1, 10 ** 6)]
        for e in (16, 24, 32, 48, 64, 96, 128, 256, 512, 1000):  # far out: a tail that crosses a bound late
            pts += [Fraction(2) ** e, -Fraction(2) ** e]
        return pts + self.end_points()

    def end_points(self):
        """The finite ends of the domain and points near them (a claim on x >= 1.9999999999999999 about
        sqrt(x - 2) fails at its end; log(x - 1/10) on x > 1/10 drops below -1000 only within e^-1000 of it)."""
        pts = []
        for p in self.domain:
            for end in (p[0], p[1]):
                if end is not None:
                    pts += [end] + [end + s * Fraction(1, 10 ** k) for k in (3, 9, 30, 100, 500) for s in (1, -1)]
        return pts

    def deep_points(self):
        """Rationals near the critical points of d and of its variants (:meth:`smooth_parts`), each sin/cos phase
        reduced mod 2 pi for the floats that find them, then points where two incommensurate frequencies nearly
        agree (:func:`~symact.decide.candidates.commensurate_points`) and +-10^k
        (:data:`~symact.decide.candidates.DECADES`)."""
        pts: list = []
        for p in self.domain:
            for c in self.critical_points(reduced_phases(self.d), p):
                pts += c
        more: list = []  # at most a quarter of the work left: a true claim's proof comes next
        self.within(self.work // 4, lambda: self.variant_points(more))
        return pts + more + commensurate_points(self.d) + list(DECADES)

    def variant_points(self, out: list) -> None:
        """Appends to ``out`` the critical points of :meth:`smooth_parts` (those found before the work runs out)."""
        for p in self.domain:
            for q, g in self.smooth_parts(p):
                for c in self.critical_points(reduced_phases(g), q):
                    out += c

    def smooth_parts(self, p):
        """(piece, term) pairs whose critical points may be d's where d has no smooth form on p: each stretch of p
        between the rational switch points of d, with d where it has one there and otherwise with each of d's
        branch variants (:func:`~symact.decide.candidates.branch_variants`)."""
        if _smooth_on(self.d, interior(p), strict=True):
            return
        ends = [p[0], *[r for r in breakpoints(self.d) if contains(interior(p), r)], p[1]]
        for lo, hi in zip(ends, ends[1:]):
            q = (lo, hi, False, False)
            for g in [self.d] if len(ends) > 2 and _smooth_on(self.d, q, strict=True) else branch_variants(self.d):
                yield q, g

    def special_points(self):
        """Exact zeros of linear arguments of |.|, sign, Heaviside, max/min, Piecewise conditions,
        denominators, logarithms and roots: where definedness or the formula may change; and the midpoints
        of neighbouring zeros."""
        out, roots = [], set()
        for u in _switch_arguments(self.d):
            for r in _zeros(u)[0]:
                out += [r, r - Fraction(1, 1024), r + Fraction(1, 1024)]
                roots.add(r)
        ordered = sorted(roots)  # between two close switches (x > 1/3, x < 0.3333333333333333): a hole
        return out + [(a + b) / 2 for a, b in zip(ordered, ordered[1:])]

    def critical_points(self, g, p):
        """Rational approximations (at several precisions) of the zeros of g' and of g in p, found with
        floats: candidates only."""
        try:
            dg = differentiate(smooth_form(g, interior(p), strict=True))
        except (Uncertain, GermUndefined):
            dg = None
        groups = []
        for h in [t for t in (dg, g) if t is not None]:
            for root in _candidate_zeros(h, p, self):
                sharp = self.refine(h, root)
                groups.append(([sharp] if sharp is not None else []) + _rationals_near(root))
        return groups

    def refine(self, h, root: float):
        """The zero of h near a float root to about 2^-160 relative, by certified-sign bisection (None when
        no sign change is certain); each once per search (the counterexample and the proof search share them).
        A bisection that another search of this process made is not made again, but its work units (and the
        meter's units it took) are paid again, one bisection step at a time, so the search goes on with the work
        it would have left."""
        key = (h, root)
        if key not in self.refined:
            step = 1 + _size(h) // 64
            known = _BISECTIONS.get(key)
            if known is None:
                before = meter.reading()
                known = (*_bisect_root(h, root, lambda: self.spend(step)), meter.reading() - before)
                if len(_BISECTIONS) >= MAX_BISECTIONS:
                    _BISECTIONS.clear()
                _BISECTIONS[key] = known
            else:
                if self.meter_end is not None:   # the meter's units it took are paid again too
                    self.meter_end -= known[2]
                for _ in range(known[1]):
                    self.spend(step)
            self.refined[key] = known[0]
        return self.refined[key]

    # -- proofs ---------------------------------------------------------------------------------------------
    def prove(self, p):
        if self.rel != "==" and self.rational is not None:  # exact, before any cover or split
            node = self.try_eval(self.d, self.rel, p) or self.try_sturm(self.d, self.rel, p, self.rational)
            if node is not None:
                return node
        L = period_multiple(self.d) if p[0] is None or p[1] is None else None
        if L is not None:
            node = self.try_eval(self.d, self.rel, p) or self.periodic(L)   # sin(x) <= 1 needs no period
            if node is not None:
                return node
        # a switch point of |u|, Max, Min, ... inside p is a piece of its own, and so is a closed end of p where an
        # argument of theirs is 0 and the claim has no smooth form on p (|x| == x, and |tanh x| == tanh x at a zero
        # of a transcendental argument, for x >= 0: none on [0, oo)); not an end where none is 0 (|gelu(x) - x| <=
        # 1e-324 for x >= 40 is proved on all of [40, oo), not at the point 40)
        breaks = [r for r in breakpoints(self.d) if contains(interior(p), r)]
        ends = [e for e, closed in ((p[0], p[2]), (p[1], p[3])) if closed and e is not None and _switches_at(self.d, e)]
        if ends and p[0] != p[1] and not _smooth_on(self.d, p):
            breaks = sorted({*breaks, *ends})
        if not breaks:
            return self.non_strict_identity(p) or self.prove_on(self.d, self.rel, p, 6)
        parts = []
        ends = [p[0], *breaks, p[1]]
        for k in range(len(ends) - 1):
            lo, hi = ends[k], ends[k + 1]
            if k > 0:
                node = self.prove_on(self.d, self.rel, point(lo), 0)
                if node is None:
                    return None
                parts.append({"on": piece_json(point(lo)), "by": node})
            if lo == hi:  # the switch point is an end of p: nothing between it and that end
                continue
            q = (lo, hi, p[2] if k == 0 else False, p[3] if k == len(ends) - 2 else False)
            node = self.non_strict_identity(q) or self.prove_on(self.d, self.rel, q, 6)
            if node is None:
                return None
            parts.append({"on": piece_json(q), "by": node})
        return {"rule": "cases", "parts": parts}

    def try_sturm(self, g, rel, p, nd=None):
        """A ``sturm`` node (:mod:`symact.kernel.sturm`) for g REL 0 on p where g is a rational function N/D over Q
        (``nd``, or :func:`~symact.kernel.sturm.rational_of`): no zero of N or D in p, counted exactly; or None."""
        nd = nd or rational_of(g)
        if nd is None:
            return None
        self.spend(_sturm_cost(*nd))
        try:
            check_node({"rule": "sturm"}, g, rel, p)
        except (Rejected, Uncertain):
            return None
        return {"rule": "sturm"}

    def tie(self):
        """A ``sturm`` refutation of a claim whose difference is a rational function over Q: a zero of its
        denominator in the domain, or for a strict claim one of its numerator, perhaps irrational, where no
        rational point refutes it ((x^2 - 2)^2 > 0 at sqrt 2); for another strict claim a ``zero-at`` refutation
        at an irrational critical point where the difference is 0 (exp(-x/1000) + x/10^6 > (1 + log 1000)/1000
        at 1000 log 1000); or None."""
        if self.rational is None:
            return self.irrational_tie() if self.rel in ("<", ">") else None
        if self.rel not in ("<", ">") and self.rational[1].degree() == 0:
            return None
        self.spend(_sturm_cost(*self.rational))
        result = self.accepted("refuted", {"rule": "sturm"})
        return ("refuted", *result) if result else None

    def irrational_tie(self):
        """A ``zero-at`` refutation: a closed form of a critical point where the difference touches 0, or None."""
        for p in self.domain:
            for c, dg in self.touching(self.d, p, tie=True):
                for form in self.closed_forms(dg, c):
                    result = self.accepted("refuted", {"rule": "zero-at", "at": to_json(form)})
                    if result:
                        return ("refuted", *result)
        return None

    def periodic(self, L: int):
        """A proof on one period 2 pi L (a little more: the kernel wants a rational interval at least that long)
        when x occurs in the claim only inside sin and cos of s x + c (:func:`period_multiple`)."""
        if L > MAX_PERIOD_MULTIPLE:
            return None
        end = Fraction(math.ceil(2 * math.pi * L * 1024) + 1, 1024)
        node = self.prove((Fraction(0), end, True, True))
        return None if node is None else {"rule": "periodic", "from": "0", "to": rational_text(end), "by": node}

    def prove_on(self, g, rel, p, depth, order=0):
        """A proof node of ``g REL 0`` on p (g the ``order``-th derivative of the claim), or None."""
        node = self.try_eval(g, rel, p)
        if node:
            return node
        if p[0] is not None and p[0] == p[1]:
            return None
        node = self.try_branches(g, rel, p, depth, order)
        if node:
            return node
        if rel == "==":
            return self.identity(g, p) or self.switch_split(g, p, SWITCH_DEPTH)
        if depth <= 0:
            return None
        node = (self.try_outer(g, rel, p, depth, order) or self.try_tail_form(g, rel, p)
                or self.try_cleared(g, rel, p) or self.try_rewrite(g, rel, p)
                or self.try_abs(g, rel, p, depth, order) or self.try_remainder(g, rel, p)
                or self.try_scaled(g, rel, p, depth, order) or self.try_stationary(g, rel, p, depth, order)
                or self.try_substitute(g, rel, p, depth, order))
        if node:
            return node
        if not _plausible(g, rel, p):
            return None
        if order < MAX_ORDER:
            node = self.try_monotone(g, rel, p, depth, order) or self.try_tail(g, rel, p, depth, order)
            if node:
                return node
        if p[0] is not None and p[1] is not None and rel != "==":
            # first at an exact critical point inside, or tightly around one where g nearly touches 0: g is
            # monotone on each side of it, and a cover never settles a bound that g touches or nearly touches
            # there (cos x >= 1 - x^2/2 at 0; silu' <= its maximum + 1e-40)
            for c in self.critical_roots(g, p):
                if not _nearly_touches(g, c):
                    continue
                eps = _bracket(g, c)
                exact = self.exact_critical(g, c)
                cut = [exact] if exact is not None else [c - eps, c + eps]
                if all(p[0] < q < p[1] for q in cut):
                    node = self.split(g, rel, p, cut, depth, order)
                    if node:
                        return node
            node = self.cover(g, rel, p, COVER_DEPTH, self.extremum_points(g, p))
            if node:
                return node
        for cuts in self.cuts(g, p):
            node = self.split(g, rel, p, cuts, depth, order)
            if node:
                return node
        return None

    def switch_split(self, g, p, depth):
        """An identity on a piece where g has no one smooth form (the sign of an argument of Max, Min, |.| that
        changes at an irrational point outside p is not certain on all of p): cases on halves of p, an unbounded
        piece cut at a bounded core first, down to ``depth`` levels, each proved where g is smooth."""
        if depth <= 0 or p[0] == p[1] or _smooth_on(g, p):
            return None
        lo, hi = p[0], p[1]
        cut = (Fraction(0) if lo is None and hi is None else hi - 8 if lo is None else lo + 8 if hi is None
               else _simple_between(lo, hi))
        parts = []
        for q in ((lo, cut, p[2], True), (cut, hi, False, p[3])):
            node = self.identity(g, q) or self.switch_split(g, q, depth - 1)
            if node is None:
                return None
            parts.append({"on": piece_json(q), "by": node})
        return {"rule": "cases", "parts": parts}

    def split(self, g, rel, p, cuts, depth, order):
        ends = [p[0], *cuts, p[1]]
        parts = []
        for k in range(len(ends) - 1):
            q = (ends[k], ends[k + 1], p[2] if k == 0 else True, p[3] if k == len(ends) - 2 else True)
            node = self.prove_on(g, rel, q, depth - 1, order)
            if node is None:
                return None
            parts.append({"on": piece_json(q), "by": node})
        return {"rule": "cases", "parts": parts}

    def cuts(self, g, p):
        """Ways to cut p, best first: around the critical points of g (tight brackets), a bounded core of
        an unbounded piece, the middle."""
        lo, hi = p[0], p[1]
        out = []
        if lo is None or hi is None:
            radii = [Fraction(8), Fraction(64), Fraction(1024)]
            far = [c for c in self.critical_roots(g, p, beyond=8) if abs(c) > 8]
            if far:  # a critical point far out (x = 1000 log 1000): a bracket around it, inside a wider core
                c = max(far, key=abs)  # (a cut at the point itself where g' is 0 there exactly: x = 3000)
                exact, eps = self.exact_critical(g, c), _bracket(g, c)
                middle = [exact] if exact is not None else [c - eps, c + eps]
                core = [q for q in (-2 * abs(c), *middle, 2 * abs(c)) if contains(interior(p), q)]
                out.append(sorted(set(core)))
            if lo is None and hi is None:
                return out + [[-r, r] for r in radii]
            if hi is None:
                return out + [[lo + r] for r in radii]
            return out + [[hi - r] for r in radii]
        for c in self.critical_roots(g, p):
            exact = self.exact_critical(g, c)
            if exact is not None and lo < exact < hi:  # g' = 0 there exactly: monotone on each side of it
                out.append([exact])
            eps = _bracket(g, c)
            cut = [q for q in (c - eps, c + eps) if lo < q < hi]
            if cut:
                out.append(cut)
        out.append([_simple_between(lo, hi)])
        return out

    def exact_critical(self, g, c: Fraction) -> Fraction | None:
        """A rational of small denominator near the critical point c where g' is exactly 0 (kernel algebra), or
        None: cutting there lets the monotone rule meet a tight bound with equality (x exp(-x) <= exp(-1))."""
        q = c.limit_denominator(MAX_CRITICAL_DENOMINATOR)
        if abs(q - c) > Fraction(1, 2 ** 20) * max(1, abs(c)):
            return None
        try:
            dg = differentiate(smooth_form(g, point(q), strict=True))
        except (Uncertain, GermUndefined, ZeroDivisionError):
            return None
        self.spend(5 + _size(dg))
        return q if zero_at(dg, q) else None

    def critical_roots(self, g, p, beyond: float = 0):
        """The zeros of g' in p (refined where a sign change is certain); only those beyond ``beyond`` in size
        are refined and returned (float roots within 1 of it are refined, then filtered); each once per search."""
        if (g, p, beyond) not in self.root_cache:
            self.root_cache[g, p, beyond] = self.find_critical_roots(g, p, beyond)
        return self.root_cache[g, p, beyond]

    def find_critical_roots(self, g, p, beyond: float):
        try:
            dg = differentiate(smooth_form(g, interior(p), strict=True))
        except (Uncertain, GermUndefined):
            return []
        roots = []
        for r in _float_roots(dg, p, self)[:3]:
            if beyond and abs(r) < beyond - 1:
                continue
            sharp = self.refine(dg, r)
            if sharp is not None or abs(r) <= 8:  # far out, a float sign change without a certain one is noise
                roots.append(sharp if sharp is not None else Fraction(r))
        return roots

    def try_rewrite(self, g, rel, p):
        """An equal form of g whose enclosure settles the claim (proposed by SymPy; the kernel re-checks the
        equality).  The kernel's algebra, which may cost more than the rest of the proof, checks a proposal only
        once it settles the claim."""
        from symact.decide.terms_sympy import rewrites

        h = _smooth(g, p)
        if h is None:
            return None
        if h not in self.rewrite_cache:
            if _size(h) > MAX_REWRITE_SIZE:
                return None
            self.spend(20 + _size(h))
            proposals = rewrites(h)
            self.spend(sum(_size(r) for r in proposals))
            self.rewrite_cache[h] = {r: None for r in proposals}  # r: equal by the kernel's algebra (None: unknown)
        for other, equal in self.rewrite_cache[h].items():
            if equal is False:
                continue
            node = self.try_eval(other, rel, p) or self.try_product(other, rel, p)
            if node is None:
                continue
            if equal is None:
                equal = self.rewrite_cache[h][other] = self.equal_by_algebra(h, other, p)
            if equal:
                return {"rule": "rewrite", "as": to_json(other), "by": node}
        return None

    def try_branches(self, g, rel, p, depth, order):
        """A Piecewise (the difference or its first term) whose condition changes on p at points that are no cut
        (sin(x) > 0 / sin(x) <= 0), with conditions that cover p: the claim for each branch value on all of p."""
        pw = g if g[0] == "pw" else g[1] if g[0] == "add" and g[1][0] == "pw" else None
        if pw is None or depth <= 0:
            return None
        try:
            smooth_form(g, p, strict=False)
            return None  # one branch holds on all of p: the other rules see through the Piecewise
        except (Uncertain, GermUndefined, ZeroDivisionError):
            pass
        try:
            claims = branch_claims({"by": [None] * (len(pw) - 1)}, g, p)
        except (Rejected, Uncertain, ZeroDivisionError):
            return None
        nodes = []
        for t in claims:
            node = self.prove_on(t, rel, p, depth - 1, order)
            if node is None:
                return None
            nodes.append(node)
        return {"rule": "branches", "by": nodes}

    def try_outer(self, g, rel, p, depth, order):
        """g = f(u) - f(v) for a strictly monotone f (or f(u) + c with a constant c = -f(v)): the claim about
        u - v (the kernel's rule ``outer``)."""
        try:
            pair = _outer_pair(smooth_form(g, p, strict=False))
        except (Uncertain, GermUndefined, ZeroDivisionError):
            return None
        if pair is None:
            return None
        fields, u, v = pair
        node = {"rule": "outer", **fields, "u": to_json(u), "v": to_json(v)}
        self.spend(5 + _size(g))
        try:
            inner, inner_rel, _ = reduce_outer(node, g, rel, p)  # the kernel's side conditions, before the search
        except (Rejected, Uncertain, GermUndefined, ZeroDivisionError):
            return None
        sub_node = self.prove_lean(inner, _without_common(u, v), inner_rel, p, depth, order)
        return None if sub_node is None else {**node, "by": sub_node}

    def prove_lean(self, g, lean, rel, p, depth, order):
        """g REL 0 on p: first from ``lean`` (a shorter form of g, None: none), which the kernel's algebra must
        find equal to g (the rule ``rewrite``), then from g itself; each by ``sturm``, else by the search."""
        for h in (lean, g):
            node = None if h is None else self.try_sturm(h, rel, p) or self.prove_on(h, rel, p, depth - 1, order)
            if node is not None and h is g:
                return node
            if node is not None and self.equal_by_algebra(g, h, p):
                return {"rule": "rewrite", "as": to_json(h), "by": node}
        return None

    def try_tail_form(self, g, rel, p):
        """On a ray: g with every exponential decaying toward the infinite end (:func:`tail_forms`), which the
        kernel encloses with x^k e^v taken together (x sech(x)^2 on [8, oo) is not 0 * oo there)."""
        from symact.decide.terms_sympy import tail_candidate, tail_forms

        h = _ray_form(g, p)
        if h is None:
            return None
        key = ("tail", h, p[1] is None)
        if key not in self.rewrite_cache:
            if not tail_candidate(h):
                self.rewrite_cache[key] = []
            else:
                self.spend(20 + _size(h))
                self.rewrite_cache[key] = tail_forms(h, 1 if p[1] is None else -1)
        for other in self.rewrite_cache[key]:
            node = self.try_eval(other, rel, p) or self.try_product(other, rel, p)
            if node is not None and self.equal_by_algebra(h, other, p):
                return {"rule": "rewrite", "as": to_json(other), "by": node}
        return None

    def try_stationary(self, g, rel, p, depth, order):
        """A bound that g touches at an irrational critical point c inside p, where g is convex (>=) or concave
        (<=) on p: c in closed form (:func:`~symact.decide.terms_sympy.stationary_points`), the kernel's rule
        ``stationary`` (exp(-x/1000) + x/10^6 >= (1 + log 1000)/1000 at c = 1000 log 1000).  Where g is not
        convex (concave) on all of p and touches 0 at c, p is cut around c where it is (:meth:`convex_around`).
        Only for the claim's own difference (order 0): SymPy's solve is paid once per claim."""
        if rel == "==" or order > 0:  # the claim's own difference: SymPy's solve once, not once per derivative
            return None
        for c, dg in self.touching(g, p, tie=False):
            if not _plausible(second := differentiate(dg), rel, interior(p)):
                # a cut only for a tie, which nothing else settles (a bound 10^-40 off is left to the other rules,
                # which need the work: d/dx gelu(x) <= its maximum + 10^-20)
                cut = self.convex_around(second, rel, p, c) if _tie_at(g, c) else None
                return None if cut is None else self.split(g, rel, p, cut, depth, order)
            for form in self.closed_forms(dg, c):
                for bits in (64, 256, 1024):  # the kernel's side conditions, before the search
                    try:
                        second, _ = stationary_second(g, form, p, rel, bits)
                        break
                    except (Rejected, Uncertain, GermUndefined, ZeroDivisionError, RecursionError):
                        continue
                else:
                    continue
                weak = NON_STRICT[rel]  # the search for g'' gets a quarter of the work left
                sub_node = self.try_sturm(second, weak, interior(p)) or self.within(
                    self.work // 4, lambda: self.prove_on(second, weak, interior(p), depth - 1, order + 2))
                if sub_node is not None:
                    return {"rule": "stationary", "at": to_json(form), "bits": bits, "by": sub_node}
        return None

    def touching(self, g, p, tie: bool):
        """(c, g') for each critical point c of g inside p where g is within 2^-200 of 0 (``tie``,
        :func:`_tie_at`), or within about 2^-48 (a bound g nearly touches), and no rational of small denominator
        is one where g' is exactly 0 (a split there settles such a bound)."""
        for c in self.critical_roots(g, p):
            self.spend(1 + _size(g) // 4)
            near = _tie_at(g, c) if tie else _nearly_touches(g, c)
            if not near or self.exact_critical(g, c) is not None:
                continue
            try:
                yield c, differentiate(smooth_form(g, interior(p), strict=True))
            except (Uncertain, GermUndefined, ZeroDivisionError):
                return

    def closed_forms(self, dg, c: Fraction) -> list:
        """Closed forms (terms without x) of the zero c of dg (:func:`~symact.decide.terms_sympy.stationary_points`,
        SymPy's solve once per dg): proposals the kernel checks exactly."""
        from symact.decide.terms_sympy import stationary_points

        if ("stationary", dg) not in self.rewrite_cache:
            self.spend(20 + _size(dg))
            self.rewrite_cache["stationary", dg] = stationary_points(dg)
        return [form for v, form in self.rewrite_cache["stationary", dg] if abs(v - c) <= 2 ** -20 * max(1, abs(c))]

    def try_substitute(self, g, rel, p, depth, order):
        """g = h(u) for u = e^(L x), where x occurs in g only in exponentials of multiples of L x
        (:func:`~symact.decide.terms_sympy.exp_substitution`): the claim about h on the image of p under u (the
        kernel's rule ``substitute``), by ``sturm`` where h is a rational function (1 - tanh(x) >= 2 e^-2x -
        2 e^-4x), else by the search (softplus(-x) < e^-x)."""
        from symact.decide.terms_sympy import exp_substitution

        h0 = _smooth(g, p) if order == 0 else None
        if h0 is None or ("substitute", h0) in self.rewrite_cache:
            return None  # once per smooth form: h's own search does not substitute again
        self.spend(20 + _size(h0))
        found = self.rewrite_cache["substitute", h0] = exp_substitution(h0)
        if found is None:
            return None
        slope, forms = found
        u, q = fn("exp", folded("mul", [num(slope), X])), _exp_image(slope, p)
        if not maps_into(u, p, q):
            return None
        for h in forms:
            if not self.equal_by_algebra(h0, at(h, u), p):
                continue
            node = self.try_sturm(h, rel, q)
            # h's own search gets a quarter of the work left, so that a failed substitution leaves the rest to g's
            node = node or self.within(self.work // 4, lambda: self.prove_on(h, rel, q, depth - 1))
            if node is not None:
                return {"rule": "substitute", "u": to_json(u), "h": to_json(h), "on": piece_json(q), "by": node}
        return None

    def convex_around(self, second, rel, p, c: Fraction) -> list | None:
        """[a, b]: simple rationals around c inside p where ``second REL 0`` at floats, the nearest of them
        within a few halvings of the room around c; or None."""
        room = min([abs(c) + 1, *(abs(c - e) for e in p[:2] if e is not None)]) / 2
        for k in range(12):
            r = room / 2 ** k
            a, b = _simple_between(c - r, c - r / 2), _simple_between(c + r / 2, c + r)
            self.spend(2)
            if _plausible(second, rel, (a, b, False, False)):
                return [a, b]
        return None

    def try_abs(self, g, rel, p, depth, order):
        """|u| + r REL 0 as u + r REL 0 and -u + r REL 0, where the sign of u is not certain on p."""
        u, rest = split_abs(g)
        if u is None or rel not in ("<", "<="):
            return None
        try:
            smooth_form(g, p, strict=False)
            return None  # the sign of u is certain: the other rules see through |u|
        except (Uncertain, GermUndefined, ZeroDivisionError):
            pass
        nodes = {}
        for key, v in (("plus", u), ("minus", neg(u))):
            nodes[key] = self.prove_on(v if rest is None else ("add", v, *rest), rel, p, depth - 1, order)
            if nodes[key] is None:
                return None
        return {"rule": "abs", **nodes}

    def try_product(self, g, rel, p):
        """A product whose factors each keep one sign on p (seen in floats), each sign proved on its own."""
        if g[0] != "mul" or rel == "==":
            return None
        factors, sign = [], 1
        for f in g[1:]:
            s = 1 if _plausible(f, ">", p) else -1 if _plausible(f, "<", p) else 0
            if s == 0:
                return None
            sign *= s
            factors.append((f, ">" if s > 0 else "<"))
        if (sign > 0) != (rel in (">", ">=")):
            return None
        parts = []
        for f, frel in factors:
            # a weak claim needs only weak factor signs (x - sin x >= 0 on x > 0, its derivative only >= 0)
            for r in (frel, frel + "=") if rel in ("<=", ">=") else (frel,):
                self.spend(1)
                node = self.try_eval(f, r, p) or self.within(FACTOR_WORK, lambda: self.try_monotone(
                    f, r, p, 2, MAX_ORDER - 1))
                if node is not None:
                    break
            if node is None:
                return None
            parts.append({"rel": r, "by": node})
        return {"rule": "product", "factors": parts}

    def equal_by_algebra(self, h, other, p) -> bool:
        """Whether the kernel's algebra will accept ``other`` for ``h`` on p (a proposal it rejects is useless);
        its expansions are paid from the work budget."""
        equal, spent = zero_test(sub(h, other), p, work=self.work * TERMS_PER_WORK)
        self.spend(self.work + 1 if equal is None else spent // TERMS_PER_WORK)
        return equal

    def try_eval(self, g, rel, p):
        from flint import ctx

        if p[0] is not None and p[0] == p[1]:
            v = exact_value(g, p[0])
            if v is not None and holds(v, rel):
                return {"rule": "eval"}
            if v is None and holds(Fraction(0), rel):
                try:
                    check_node({"rule": "eval"}, g, rel, p)
                    return {"rule": "eval"}
                except (Rejected, Uncertain, GermUndefined, ZeroDivisionError, RecursionError):
                    pass
        bounded = p[0] is not None and p[1] is not None and p[0] != p[1]
        for bits in (64, 256):
            for form in ("natural", "mean-value") if bounded else ("natural",):
                self.spend(1 + _size(g) * bits // 2048 * (3 if form == "mean-value" else 1))
                saved, ctx.prec = ctx.prec, bits
                try:
                    ball = enclose(g, p) if form == "natural" else taylor_form(g, p, *mean_value_form(p))
                except (Uncertain, GermUndefined, ZeroDivisionError, Rejected):
                    ball = None
                finally:
                    ctx.prec = saved
                if ball is not None and ball.satisfies(rel):
                    node = {"rule": "eval"}
                    if form != "natural":
                        node["form"] = form
                    if bits != 64:
                        node["bits"] = bits
                    return node
                if ball is None and form == "natural":
                    return None
        return None

    def cover(self, g, rel, p, depth=18, centers=()):
        """Bisection of a bounded piece until every part has a certain enclosure (natural or mean value, or
        the Taylor form at the point of the part nearest to one of the ``centers``: g's maxima and minima)."""
        node = self.try_eval(g, rel, p) or self.try_taylor(g, rel, p, centers)
        if node is not None:
            return node
        if depth == 0 or p[0] is None or p[1] is None or p[0] == p[1]:
            return None
        m = _simple_between(p[0], p[1])
        left, right = (p[0], m, p[2], True), (m, p[1], False, p[3])
        a = self.cover(g, rel, left, depth - 1, centers)
        if a is None:
            return None
        b = self.cover(g, rel, right, depth - 1, centers)
        if b is None:
            return None
        return {"rule": "cases", "parts": [{"on": piece_json(left), "by": a}, {"on": piece_json(right), "by": b}]}

    def extremum_points(self, g, p) -> list[Fraction]:
        """Float zeros of g' on the bounded piece p, as rationals: centers for the Taylor form."""
        try:
            dg = differentiate(smooth_form(g, interior(p), strict=True))
        except (Uncertain, GermUndefined, ZeroDivisionError):
            return []
        return [Fraction(r) for r in _float_roots(dg, p, self)]

    def try_taylor(self, g, rel, p, centers):
        """The Taylor form at the point of p nearest to the nearest center (just inside an open end), when that
        center is within p's length of p."""
        if not centers or p[0] is None or p[1] is None or p[0] == p[1]:
            return None
        c = min(centers, key=lambda q: _gap(q, p))
        if _gap(c, p) > p[1] - p[0]:  # far from every extremum the mean value form does as well, for less
            return None
        inset = (p[1] - p[0]) / 2 ** 20
        a = max(p[0] if p[2] else p[0] + inset, min(c, p[1] if p[3] else p[1] - inset))
        self.spend(1 + _size(g) // 4)
        try:
            ball = taylor_form(g, p, a, 2)
        except (Uncertain, GermUndefined, ZeroDivisionError, Rejected):
            return None
        return {"rule": "eval", "form": "taylor", "at": rational_text(a)} if ball.satisfies(rel) else None

    def try_remainder(self, g, rel, p):
        """Taylor's theorem at an end a of the bounded p where g and its first n - 1 >= 1 derivatives are
        exactly 0 (g cancels to order n there, x - tanh x - P_37(x) at 0): the sign of g^(n) on p, by a cover of
        Taylor forms of order TAYLOR_ORDER."""
        if rel == "==" or p[0] is None or p[1] is None or p[0] == p[1]:
            return None
        node = self.remainder_at_an_end(g, rel, p)
        if node is not None:
            return node
        h = _smooth(g, p)
        if h is None:
            return None
        # the kernel's exact zeros at a point see rationals times one irrational constant: 1/sqrt(pi) written
        # as pi^(-1/2), as the derivative of erf has it, and log 2 taken into a logarithm with x
        if not occurs(h, lambda t: t[0] == "const" or t[0] == "fn" and not has_x(t[2])):
            return None  # no irrational constant: nothing to write another way (and no search time spent on it)
        other = logs_combined(constants_evaluated(h))
        if other == h:
            return None
        node = self.remainder_at_an_end(other, rel, p)
        if node is None or not self.equal_by_algebra(h, other, p):
            return None
        return {"rule": "rewrite", "as": to_json(other), "by": node}

    def remainder_at_an_end(self, g, rel, p):
        """The ``remainder`` node of :meth:`try_remainder` for g itself, or None."""
        for a in (p[0], p[1]):
            if (contains(p, a) and not holds(Fraction(0), rel)):
                continue
            try:
                h = smooth_on_closure(g, p)
                if any(enclose(t, point(a), strict=True).satisfies("!=") for t in (h, differentiate(h))):
                    continue  # g or g' is certainly not 0 at a: no high order to cancel
                n = 0
                while n <= MAX_VANISHING_ORDER and vanishes(dk := derivative(h, n), a):
                    self.spend(1 + _size(dk) // 64)
                    n += 1
                if not 2 <= n <= MAX_VANISHING_ORDER:
                    continue
                dn = zero_derivatives(g, p, a, n)
            except (Uncertain, GermUndefined, ZeroDivisionError):
                continue
            drel = remainder_relation(p, a, n, rel)  # the sign of (x - a)^n turns it or not, both ways
            node = self.taylor_cover(dn, drel, interior(p), TAYLOR_DEPTH)
            if node is not None:
                return {"rule": "remainder", "at": rational_text(a), "order": n, "deriv": drel, "by": node}
        return None

    def try_cleared(self, g, rel, p):
        """g = N/D where g's 0/0 at an open end a of the bounded p is removable (the Taylor polynomial's error
        (exp(x) - 1)/x - 1 - x/2 - C x^2 near 0): D^-1 keeps one sign on p (an enclosure), N is smooth at a and
        its sign comes from the remainder rule there (:meth:`try_remainder`); the kernel checks g = D^-1 N by
        its algebra (``rewrite``) and multiplies the signs (``product``)."""
        from symact.decide.terms_sympy import cleared

        if rel == "==" or p[0] is None or p[1] is None or p[0] == p[1] or p[2] and p[3]:
            return None
        h = _smooth(g, p)
        if h is None:
            return None
        if _smooth_on_closure(g, p):
            return None  # no 0/0 at an end: the remainder rule sees g itself
        for a in [e for e, closed in ((p[0], p[2]), (p[1], p[3])) if not closed]:  # where g may be undefined
            side = 1 if a == p[0] else -1
            key = ("cleared", h, a, side)
            if key not in self.rewrite_cache:
                self.spend(20 + _size(h))
                self.rewrite_cache[key] = cleared(h, a, side)
            parts = self.rewrite_cache[key]
            node = None if parts is None else self.cleared_node(h, rel, p, *parts)
            if node is not None:
                return node
        return None

    def cleared_node(self, h, rel, p, d, n):
        """The proof of h = d^-1 n REL 0 on p: d^-1 of one sign (an enclosure), n of the sign that gives REL (the
        remainder rule), h = d^-1 n by the kernel's algebra; or None."""
        inverse = ("pow", d, Fraction(-1))
        for sign in (">", "<"):
            first = self.try_eval(inverse, sign, p)
            if first is None:
                continue
            nrel = rel if sign == ">" else CONVERSE[rel]
            second = self.try_remainder(n, nrel, p)
            other = ("mul", inverse, n)
            if second is None or not self.equal_by_algebra(h, other, p):
                return None
            return {"rule": "rewrite", "as": to_json(other), "by": {"rule": "product", "factors": [
                {"rel": sign, "by": first}, {"rel": nrel, "by": second}]}}
        return None

    def try_scaled(self, g, rel, p, depth, order):
        """On a ray: g = m q for a factor m = x^k or exp(v) of a summand of g (:func:`scaled_forms`), m of one sign
        (an enclosure) and q of the sign that gives REL proved on its own: x (pi/2 - atan x) - 1 - x^-2 =
        x (pi/2 - atan x - x^-1 - x^-3), where the calculus resolves the limit of q for a ``tail`` argument but
        leaves that of g at 0 * oo; the kernel checks g = m q by its algebra (``rewrite``) and multiplies the
        signs (``product``)."""
        from symact.decide.terms_sympy import scaled_forms

        h = _ray_form(g, p)
        if h is None:
            return None
        key = ("scaled", h)
        if key not in self.rewrite_cache:
            self.spend(20 + _size(h))
            side = 1 if p[1] is None else -1  # only where the calculus leaves g's limit open and resolves q's
            self.rewrite_cache[key] = [(m, q) for m, q in scaled_forms(h) if _resolved(q, side)] if (
                h[0] == "add" and _size(h) <= MAX_REWRITE_SIZE and not _resolved(h, side)) else []
        for m, q in self.rewrite_cache[key]:
            for sign in (">", "<"):
                first = self.try_eval(m, sign, p)
                if first is None:
                    continue
                qrel = rel if sign == ">" else CONVERSE[rel]
                second, other = self.prove_on(q, qrel, p, depth - 1, order), ("mul", m, q)
                if second is not None and self.equal_by_algebra(h, other, p):
                    return {"rule": "rewrite", "as": to_json(other), "by": {"rule": "product", "factors": [
                        {"rel": sign, "by": first}, {"rel": qrel, "by": second}]}}
                break
        return None

    def taylor_cover(self, g, rel, p, depth):
        """Bisection of the bounded piece p until the Taylor form of order TAYLOR_ORDER at each part's midpoint
        has the sign.  A piece that an earlier cover of this search had to bisect is bisected first (|E| <= B
        takes the same cover for E <= B and -E <= B: the second skips the Taylor forms that failed in the first),
        and tried whole only where its halves fail."""
        if p in self.bisected and depth > 0:
            node = self.bisected_cover(g, rel, p, depth)
            if node is not None:
                return node
        from flint import ctx

        a = (p[0] + p[1]) / 2
        self.spend(1 + _size(g) // 16)
        saved, ctx.prec = ctx.prec, TAYLOR_BITS
        try:
            ball = taylor_form(g, p, a, TAYLOR_ORDER)
        except (Uncertain, GermUndefined, ZeroDivisionError):
            return None
        finally:
            ctx.prec = saved
        if ball.satisfies(rel):
            return {"rule": "eval", "form": "taylor", "at": rational_text(a), "order": TAYLOR_ORDER,
                    "bits": TAYLOR_BITS}
        if depth == 0 or p in self.bisected:
            return None
        self.bisected.add(p)
        return self.bisected_cover(g, rel, p, depth)

    def bisected_cover(self, g, rel, p, depth):
        """A Taylor cover of each half of p (depth - 1), as cases; or None."""
        a = (p[0] + p[1]) / 2
        parts = []
        for q in ((p[0], a, p[2], True), (a, p[1], True, p[3])):
            node = self.taylor_cover(g, rel, q, depth - 1)
            if node is None:
                return None
            parts.append({"on": piece_json(q), "by": node})
        return {"rule": "cases", "parts": parts}

    def try_monotone(self, g, rel, p, depth, order):
        try:
            h = smooth_form(g, p, strict=True)
            enclose(h, p, strict=True)
            dh = differentiate(h)
        except (Uncertain, GermUndefined, ZeroDivisionError):
            return None
        up = rel in (">", ">=")
        for side in ("left", "right"):
            e = p[0] if side == "left" else p[1]
            if e is None:
                continue
            bits = self.end_precision(h, e, ">=" if up else "<=")
            if bits is None:
                continue
            grows = up if side == "left" else not up
            if not _plausible(dh, ">=" if grows else "<=", interior(p)):
                continue
            # a strict claim from an end where h is only weakly on the right side: h must move strictly, away
            # from an end outside p (the kernel's condition)
            e_in = p[2] if side == "left" else p[3]
            weak_end = rel in ("<", ">") and self.end_precision(h, e, rel, exact_zero=False) is None
            for drel in _derivative_relations(grows, rel):
                if weak_end and (e_in or drel in ("<=", ">=")):
                    continue
                sub_node = self.prove_on(dh, drel, interior(p), depth - 1, order + 1)
                if sub_node is not None:
                    node = {"rule": "monotone", "from": side, "deriv": drel, "by": sub_node}
                    return node if bits == 64 else {**node, "bits": bits}
        return None

    def end_precision(self, h, e: Fraction, rel: str, exact_zero: bool = True) -> int | None:
        """The working precision (bits) at which h(e) REL 0 is certain (64 also when h(e) = 0 exactly, unless
        not ``exact_zero``), or None."""
        from flint import ctx

        for bits in (64, 256):
            self.spend(1 + _size(h) * bits // 2048)
            saved, ctx.prec = ctx.prec, bits
            try:
                if enclose(h, point(e), strict=True).satisfies(rel):
                    return bits
            except (Uncertain, GermUndefined, ZeroDivisionError):
                return None
            finally:
                ctx.prec = saved
            if bits == 64 and exact_zero and zero_at(h, e):
                return 64
        return None

    def try_tail(self, g, rel, p, depth, order):
        """On a ray: g monotone toward the infinite end, where its limit has the needed sign."""
        from symact.kernel.limits import limit_at

        if (p[0] is None) == (p[1] is None):
            return None
        side = 1 if p[1] is None else -1
        try:
            h = smooth_form(g, p, strict=True)
            enclose(h, p, strict=True)
            lim = limit_at(h, side)
            dh = differentiate(h)
        except (Uncertain, GermUndefined, ZeroDivisionError):
            return None
        self.spend(2)
        if not lim.finite:
            return None
        up = rel in (">", ">=")
        toward = -1 if up else 1  # g must decrease toward L (g >= L) or increase toward it (g <= L)
        grows = toward * side > 0
        if not _plausible(dh, ">=" if grows else "<=", interior(p)):
            return None
        for drel in _derivative_relations(grows, rel):
            sub_node = self.prove_on(dh, drel, interior(p), depth - 1, order + 1)
            if sub_node is not None:
                return {"rule": "tail", "deriv": drel, "by": sub_node}
        return None

    def non_strict_identity(self, p):
        """For ``<=`` or ``>=`` on p where the difference is nearly 0 in floats: a node showing it is exactly 0
        (rule same or algebra), which proves the non-strict inequality too; else None."""
        if self.rel not in ("<=", ">=") or not _nearly_zero(self.lhs, self.rhs, p):
            return None
        return self.first_identity(({"rule": "same"}, {"rule": "algebra"}), self.d, p)

    def first_identity(self, nodes, g, p):
        """The first of the identity nodes that the kernel's identity check accepts for g on p, or None."""
        for node in nodes:
            self.spend(5)
            try:
                _check_identity(node, g, p)
                return node
            except (Rejected, Uncertain, GermUndefined, ZeroDivisionError, RecursionError):
                continue
        return None

    def identity(self, g, p):
        return (self.first_identity(({"rule": "same"}, {"rule": "algebra"},
                                     {"rule": "constant", "at": rational_text(_simple_between(p[0], p[1]))}), g, p)
                or self.identity_with_nonzero(g, p) or self.identity_through_inverse(g, p))

    def identity_through_inverse(self, g, p):
        """An ``outer`` node for g = f(U) + R == 0 with f strictly monotone and undoing a function h of the
        kernel (log undoes exp): f(U) - f(h(-R)), where f(h(-R)) = -R by the kernel's algebra, so that the
        claim is U == h(-R), an identity of its own (log(1 + tanh x) == 2x + log 2 - log(1 + e^(2x)) on x < -1,
        which the normal form of log does not settle: from 1 + tanh x = 2 e^(2x)/(1 + e^(2x)); there is no
        point of (-oo, -1) where the rule ``constant`` sees the difference 0)."""
        h = _smooth(g, p)
        if h is None:
            return None
        for u, v, name in _inverse_pairs(h):
            node = {"rule": "outer", "fn": name, "u": to_json(u), "v": to_json(v)}
            self.spend(5 + _size(g))
            try:
                inner, _, _ = reduce_outer(node, g, "==", p)
            except (Rejected, Uncertain, GermUndefined, ZeroDivisionError, RecursionError):
                continue
            for sub_node in ({"rule": "algebra"}, {"rule": "same"}):
                self.spend(5)
                try:
                    _check_identity(sub_node, inner, p)
                    return {**node, "by": sub_node}
                except (Rejected, Uncertain, GermUndefined, ZeroDivisionError, RecursionError):
                    continue
        return None

    def identity_with_nonzero(self, g, p):
        """An ``algebra`` node whose ``nonzero`` list proves the sign of each denominator that no enclosure on p
        keeps away from 0, and of each switch argument (of |.|, Max, Min, ...) whose sign no enclosure on p
        settles (max(x, x^3) on (1, oo)), or None."""
        items = []
        for u in _denominators(g):
            try:
                if enclose(u, p).satisfies("!="):
                    continue
            except (Uncertain, GermUndefined, ZeroDivisionError):
                pass
            item = self.sign_item(u, p)
            if item is None:
                return None
            items.append(item)
        known: dict = {}
        for _ in range(MAX_SWITCH_SIGNS):
            try:
                smooth_form(g, p, strict=False, known=known)
                break
            except SignUnknown as exc:
                item = self.sign_item(exc.term, p)
                if item is None:
                    return None
                items.append(item)
                known[exc.term] = item["rel"]
            except (Uncertain, GermUndefined, ZeroDivisionError):
                return None
        if not items:
            return None
        node = {"rule": "algebra", "nonzero": items}
        self.spend(5)
        try:
            _check_identity(node, g, p)
            return node
        except (Rejected, Uncertain, GermUndefined, ZeroDivisionError, RecursionError):
            return None

    def sign_item(self, u, p):
        """A ``nonzero`` item of an ``algebra`` node: u < 0 or u > 0 on p with its proof node, or None."""
        for rel in ("<", ">"):
            if _plausible(u, rel, p):
                sub_node = self.prove_on(u, rel, p, 4)
                if sub_node is not None:
                    return {"term": to_json(u), "rel": rel, "by": sub_node}
        return None


def limit_search(lhs, rel: str, rhs, at: str, work: int = DEFAULT_WORK):
    """(verdict, certificate, checked steps) or (None, None, reason) for ``limit(lhs, x, at) REL rhs`` (rhs a
    term, or "oo"/"-oo"): the kernel computes the limit on a ray where lhs has one smooth form; the search only
    proposes where the ray starts, equal forms (:func:`limit_forms`, :func:`tail_forms`, a dominant term pulled
    out: :func:`dominant_forms`, a difference with a square root times its conjugate:
    :func:`conjugate_forms`), a bound (:func:`bounds`, :func:`oscillation_bounds`) with a kernel certificate
    of f >= bound (or <=) on the ray (:func:`_bound_node`), a value L and bound g -> 0 with a kernel certificate
    of |f - L| <= g (:func:`squeeze_bounds`, :func:`_squeeze_node`), rays or sequences where f is undefined
    (:func:`no_ray_refutation`) and sequences along which its limit is not the claim's
    (:func:`subsequence_refutation`)."""
    from symact.decide.terms_sympy import limit_forms, tail_candidate, tail_forms

    claim = {"var": "x", "lhs": to_json(lhs), "rel": rel, "rhs": rhs if isinstance(rhs, str) else to_json(rhs),
             "domain": [], "limit": at}
    side = 1 if at == "oo" else -1
    found = no_ray_refutation(claim, lhs, side)
    if found is not None:
        return "refuted", *found
    starts = sorted(breakpoints(lhs), key=lambda r: -side * r)
    reasons, forms, found = [], {}, {}
    for r in [*(r + side for r in starts[:1]), *(side * Fraction(k) for k in (0, 1, 8, 64, 1024))][:6]:
        work -= 50 + _size(lhs)
        if work < 0:
            break
        nodes, g = [{"rule": "limit", "from": rational_text(r)}], None
        try:
            g = smooth_form(lhs, (r, None, False, False) if side > 0 else (None, r, False, False), strict=True)
            if g not in forms:
                equal = (limit_forms(g, side) + (tail_forms(g, side) if tail_candidate(g) else [])
                         + dominant_forms(g, side))
                forms[g] = ([{"as": to_json(h)} for h in equal]
                            + [{"as": to_json(h), "factored": factored} for h, factored in conjugate_forms(g, side)])
            nodes += [{**nodes[0], **form} for form in forms[g]]
        except (Uncertain, GermUndefined, ZeroDivisionError):
            pass
        if g is not None:  # bounds: their certificates are searched for after the forms
            nodes.append(None)
        for node in nodes:
            if node is None:
                found[g] = found[g] if g in found else (
                    (bounds(g, side) if rhs in ("oo", "-oo") else []) + oscillation_bounds(g, side))
                for h in found[g]:
                    node, spent = _bound_node(lhs, h, r, side, max(0, work) // 4)
                    work -= spent
                    if node is not None:
                        break
                if node is None:
                    continue
            for verdict in ("proved", "refuted"):
                cert = {"format": FORMAT, "claim": claim, "verdict": verdict, "proof": node}
                try:
                    _, log = check(cert)
                    return verdict, cert, log
                except Rejected as exc:
                    reasons.append(str(exc))
    proposals = squeeze_bounds(lhs, side, {"oo": 1, "-oo": -1}.get(rhs, rhs))
    for r in (side * Fraction(k) for k in (1, 8, 64)) if proposals else ():
        node, spent = _squeeze_node(lhs, proposals, r, side, max(0, work) // 2)
        work -= spent
        for verdict in ("proved", "refuted") if node is not None else ():
            cert = {"format": FORMAT, "claim": claim, "verdict": verdict, "proof": node}
            try:
                return verdict, cert, check(cert)[1]
            except Rejected as exc:
                reasons.append(str(exc))
    found = subsequence_refutation(claim, lhs, side)
    if found is not None:
        return "refuted", *found
    return None, None, "no limit certificate (" + (reasons[-1] if reasons else "work budget spent") + ")"


def _bound_node(f, h, r: Fraction, side: int, work: int) -> tuple[dict | None, int]:
    """(a ``limit`` node from r by comparison, or None; the work spent): the bound h (:func:`bounds`) where the
    kernel's calculus sends it to +-oo, and a kernel certificate of f >= h (h -> +oo) or f <= h (h -> -oo) on the
    ray, searched for with at most ``work``."""
    try:
        lim = limit_at(h, side)
    except (Uncertain, ZeroDivisionError):
        return None, 0
    if lim.finite or work <= 0:
        return None, 0
    ray = (r, None, False, False) if side > 0 else (None, r, False, False)
    search = Search(f, ">=" if lim.sign > 0 else "<=", h, [ray], work=work)
    verdict, cert, _ = search.run(expected=True)
    spent = work - max(0, search.work)
    if verdict != "proved":
        return None, spent
    return {"rule": "limit", "from": rational_text(r), "bound": to_json(h), "certificate": cert}, spent


def _squeeze_node(f, proposals: list, r: Fraction, side: int, work: int) -> tuple[dict | None, int]:
    """(a ``squeeze`` node from r, or None; the work spent): a value L and bound g of ``proposals``
    (:func:`squeeze_bounds`) with a kernel certificate of |f - L| <= g on the ray, searched for with at most
    ``work``."""
    ray, spent = ((r, None, False, False) if side > 0 else (None, r, False, False)), 0
    for value, g in proposals:
        if spent >= work:
            break
        search = Search(("abs", sub(f, value)), "<=", g, [ray], work=work - spent)
        verdict, cert, _ = search.run(expected=True)
        spent += work - spent - max(0, search.work)
        if verdict == "proved":
            return {"rule": "squeeze", "from": rational_text(r), "value": to_json(value), "bound": to_json(g),
                    "certificate": cert}, spent
    return None, spent


# ------------------------------------------------------------------------------------------------------ helpers

def _derivative_relations(grows: bool, rel: str) -> tuple[str, str]:
    """The signs of g' to try for a monotone or tail argument: the strict one first for a strict claim (from an
    end where g is only 0, only a strictly monotone g stays strictly on one side)."""
    weak, strict = (">=", ">") if grows else ("<=", "<")
    return (strict, weak) if rel in ("<", ">") else (weak, strict)


def _outer_pair(h):
    """(the node's fields for f, u, v) with h = f(u) - f(v) for a strictly monotone f, read off h = f(u) - f(v) or
    f(u) + c, c free of x (c = -f(w) gives v = w; c = f(w) for an odd f gives v = -w), or f(u) alone (v = 1 for
    log, 0 for an odd f: f(v) = 0), or h = u^k - v^k (f a power, monotone where u, v > 0), or None."""
    if h[0] == "add" and len(h) == 3 and 0 in (constant_rational(h[1]), constant_rational(h[2])):
        h = h[2] if constant_rational(h[1]) == 0 else h[1]  # f(u) - 0
    if h[0] == "fn" and REGISTRY[h[1]].monotone != 0 and (h[1] == "log" or REGISTRY[h[1]].parity < 0):
        return {"fn": h[1]}, h[2], num(1 if h[1] == "log" else 0)
    if h[0] != "add" or len(h) != 3:
        return None
    for a, b in ((h[1], h[2]), (h[2], h[1])):
        (s1, ta), (s2, tb) = signed(a), signed(b)
        if (s1, s2) == (1, -1) and ta[0] == tb[0] == "pow" and ta[2] == tb[2] and has_x(ta) and has_x(tb):
            return {"fn": "pow", "power": rational_text(ta[2])}, ta[1], tb[1]  # u^k - v^k: sigmoid(a x) - sigmoid(x)
        sa, sb = signed_fn(a), signed_fn(b)
        if sa is None or sb is None or sa[0] != 1 or sa[1] != sb[1] or REGISTRY[sa[1]].monotone == 0:
            continue
        if sb[0] == -1:
            return {"fn": sa[1]}, sa[2], sb[2]
        if REGISTRY[sa[1]].parity < 0 and not has_x(b):
            return {"fn": sa[1]}, sa[2], neg(sb[2])
    return None


def _without_common(u, v):
    """u - v with the summands that u and v share taken out (1 + e^(-0.99 x) - (1 + e^-x) is e^(-0.99 x) - e^-x),
    or None where they share none."""
    a, b = addends(u), addends(v)
    common = [t for t in a if t in b]
    for t in common:
        a.remove(t)
        b.remove(t)
    return sub(folded("add", a) if a else num(0), folded("add", b) if b else num(0)) if common else None


def _inverse_pairs(h):
    """(u, v, f) for each summand s f(U) (s = +-1, U with x) of the sum h where f is strictly monotone and
    undoes a function g of the kernel: h = f(u) - f(v) with f(g(w)) = w, u = U and v = g(-R) for s = 1, u = g(R)
    and v = U for s = -1, R the other summands."""
    terms = addends(h)
    for k, a in enumerate(terms):
        signed = signed_fn(a)
        if signed is None or not has_x(signed[2]):
            continue
        s, name, arg = signed
        record = REGISTRY[name]
        if record.monotone == 0 or record.undoes not in FUNCTIONS or name not in FUNCTIONS:
            continue
        r = folded("add", terms[:k] + terms[k + 1:])
        yield (arg, fn(record.undoes, neg(r)), name) if s > 0 else (fn(record.undoes, r), arg, name)


def _denominators(t) -> list:
    """The distinct bases of negative integer powers and of roots in t, outside function arguments (the parts
    :func:`symact.kernel.check.defined_on` checks one by one)."""
    out: list = []
    if t[0] in ("add", "mul"):
        for a in t[1:]:
            out += [u for u in _denominators(a) if u not in out]
    elif t[0] == "pow" and (t[2] < 0 or t[2].denominator != 1):
        out.append(t[1])
    return out


def _undefined_parts(t, path: list):
    """(path, u, values) for each part of t reached through nodes that need all their children
    (:data:`symact.kernel.between.STRICT`) and undefined where its argument u takes one of the values."""
    try:
        yield path, *boundary(t)[:2]
    except Rejected:
        pass
    allowed = STRICT.get(t[0], ())
    for i in range(1, len(t)) if allowed is None else allowed:
        if isinstance(t[i], tuple):
            yield from _undefined_parts(t[i], path + [i])


def _derivative_parts(t, path: list):
    """(path, f) for each derivative d/dx f in t reached through nodes that need all their children
    (:data:`symact.kernel.between.STRICT`)."""
    if t[0] == "deriv":
        yield path, t[1]
        return
    allowed = STRICT.get(t[0], ())
    for i in range(1, len(t)) if allowed is None else allowed:
        if isinstance(t[i], tuple):
            yield from _derivative_parts(t[i], path + [i])


def _check_identity(node: dict, g, p) -> None:
    """The kernel's check of the node proving g == 0 on p; an ``algebra`` node it rejects is given the factored
    forms of the polynomials under roots that its check meets (:func:`~symact.decide.factored.factored_forms`),
    if any, and checked again."""
    try:
        check_node(node, g, "==", p)
    except (Rejected, Uncertain, GermUndefined, ZeroDivisionError, RecursionError):
        forms = factored_forms(node, g, p) if node["rule"] == "algebra" else []
        if not forms:
            raise
        node["factored"] = forms
        check_node(node, g, "==", p)


def _nonzero_at(d, x0: Fraction) -> bool:
    """Whether d at x0 is certainly not 0: its exact rational value, else a ball at one of the kernel's
    counterexample precisions (:data:`NONZERO_PRECISION`) that excludes 0.  A point where this fails is not
    worth the kernel's
    counterexample check of an identity (which would reject it), and an identity has many such points."""
    from flint import ctx

    value = exact_value(d, x0)
    if value is not None:
        return value != 0
    saved = ctx.prec
    try:
        ctx.prec = NONZERO_PRECISION
        return enclose(d, point(x0)).violates("==")
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return True  # the refutation check decides
    finally:
        ctx.prec = saved


def _switches_at(t, x0: Fraction) -> bool:
    """Whether an argument of |.|, sign, Heaviside, max/min, a condition, a denominator, a logarithm or a root in t
    is exactly 0 at x0 (tanh 0, x - 1 at 1): where t may change form or definedness."""
    return any(exact_value(u, x0) == 0 for u in _switch_arguments(t))


def _smooth_on(t, p, strict: bool = False) -> bool:
    """Whether t has one smooth form on all of p (:func:`smooth_form`)."""
    try:
        smooth_form(t, p, strict=strict)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return False
    return True


def _smooth_on_closure(t, p) -> bool:
    """Whether t's smooth form on p is smooth at the ends of p too (:func:`smooth_on_closure`)."""
    try:
        smooth_on_closure(t, p)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return False
    return True


def _resolved(t, side: int) -> bool:
    """Whether the kernel's calculus computes the limit of t at the end ``side``."""
    try:
        limit_at(t, side)
        return True
    except (Uncertain, ZeroDivisionError):
        return False


def _smooth(g, p):
    """g's smooth form on p (:func:`smooth_form`, not strict), or None where the kernel cannot give one."""
    try:
        return smooth_form(g, p, strict=False)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return None


def _ray_form(g, p):
    """g's smooth form on p where p is a ray (one infinite end), else None."""
    return None if (p[0] is None) == (p[1] is None) else _smooth(g, p)


def _size(t) -> int:
    return 1 + sum(_size(a) for a in t[1:] if isinstance(a, tuple))


def _gap(q: Fraction, p) -> Fraction:
    """The distance from q to the bounded piece p."""
    return max(p[0] - q, q - p[1], Fraction(0))


def _nearly_touches(g, c: Fraction) -> bool:
    """Whether g is within about 2^-48 of 0 at the critical point c (its :func:`_bracket` is at most 2^-30 |c|)."""
    return _bracket(g, c) <= Fraction(1, 2 ** 30) * max(1, abs(c))


def _tie_at(g, c: Fraction) -> bool:
    """Whether g's 512-bit enclosure at c lies within 2^-200 of 0: at a critical point c found to about 2^-160,
    a bound that g touches (a tie, worth a closed form of c), not one 10^-40 below g's minimum."""
    from flint import arb

    b = _sharp_value(g, c)
    return b is not None and all(e is not None and abs(e) < arb(2) ** -200 for e in (b.lo, b.hi))


def _exp_image(slope: Fraction, p) -> tuple:
    """A piece holding e^(slope x) for every x in p (slope > 0): exact ends at 0 and oo (from -oo and oo) and at 1
    (from 0), else open rational ends 2^-100 outside e^(slope e)."""
    import mpmath

    ends = []
    for e, closed, out in ((p[0], p[2], -1), (p[1], p[3], 1)):
        if e is None:
            ends.append((Fraction(0) if out < 0 else None, False))
        elif e == 0:
            ends.append((Fraction(1), closed))
        else:
            with mpmath.workprec(200):
                man, exp = mpmath.exp(mpmath.mpf(slope.numerator) * e.numerator / (slope.denominator * e.denominator)).man_exp
            ends.append((Fraction(man) * Fraction(2) ** exp * (1 + out * Fraction(1, 2 ** 100)), False))
    return ends[0][0], ends[1][0], ends[0][1], ends[1][1]


def _simple_between(lo, hi) -> Fraction:
    if lo is None and hi is None:
        return Fraction(0)
    if lo is None:
        return hi - 1
    if hi is None:
        return lo + 1
    if lo < 0 < hi:
        return Fraction(0)
    mid = (lo + hi) / 2
    # the simplest dyadic near the middle
    for k in range(0, 64):
        q = Fraction(round(mid * 2 ** k), 2 ** k)
        if lo < q < hi:
            return q
    return mid


def breakpoints(t) -> list[Fraction]:
    """The rational points where a part of t may switch form (rational zeros of switch arguments that are
    polynomials), sorted."""
    return sorted({r for u in _switch_arguments(t) for r in _zeros(u)[0]})


def unlocated_switches(t) -> list:
    """The arguments of |.|, sign, Heaviside, max/min and conditions in t whose real zeros are not all among
    :func:`breakpoints` (not polynomials by their syntax, or with an irrational real zero): f may change form at
    points the kernel claims built on the breakpoints leave out (``Min(1, softplus(x))`` at log(e - 1))."""
    return [u for u in _switch_arguments(t, kinks=True) if not _zeros(u)[1]]


def _zeros(u) -> tuple[list[Fraction], bool]:
    """(the rational zeros of u, whether they are all its real zeros) when u is a polynomial in x by its syntax
    (found by SymPy for degree > 1, up to 16; none, incomplete, where the syntax allows a degree above
    :data:`~symact.decide.terms_sympy.MAX_EXPANDED_DEGREE`, whose expansion may never end)."""
    r = _linear_root(u)
    if r is not None:
        return [r], True
    if not _polynomial(u) or affine(u) is not None:
        return [], affine(u) is not None  # a constant has no zeros; other terms: not located here
    import sympy as sp

    from symact.decide.terms_sympy import MAX_EXPANDED_DEGREE, degree_bound, to_sympy

    e = to_sympy(u)
    degree = degree_bound(e, *e.free_symbols) if len(e.free_symbols) == 1 else None
    if degree is None or degree > MAX_EXPANDED_DEGREE:
        return [], False
    poly = sp.Poly(e, *e.free_symbols)
    if poly.degree() > 16:
        return [], False
    roots = [Fraction(int(q.p), int(q.q)) for q in poly.ground_roots()]
    return roots, poly.sqf_part().count_roots() == len(roots)


def _polynomial(u) -> bool:
    head = u[0]
    if head in ("x", "num"):
        return True
    if head in ("add", "mul"):
        return all(_polynomial(a) for a in u[1:])
    return head == "pow" and u[2].denominator == 1 and u[2] > 0 and _polynomial(u[1])


def _switch_arguments(t, kinks: bool = False):
    """Arguments whose sign matters: of |.|, sign, Heaviside, max/min differences, conditions, denominators,
    logarithms and roots (``kinks``: only those where the formula switches, not where definedness changes)."""
    out = []
    stack = [t]
    while stack:
        s = stack.pop()
        if not isinstance(s, tuple) or not s:
            continue
        head = s[0]
        if head in ("abs", "sign", "heaviside"):
            out.append(s[1])
        elif head in ("max", "min"):
            out += [sub(a, b) for a in s[1:] for b in s[1:] if a is not b]
        elif head == "rel":
            out.append(sub(s[2], s[3]))
        elif not kinks and head == "pow" and (s[2] < 0 or s[2].denominator != 1):
            out.append(s[1])
        elif not kinks and head == "fn" and s[1] == "log":
            out.append(s[2])
        if head == "pw":
            for value, cond in s[1:]:
                stack += [value, cond]
        else:
            stack.extend(a for a in s[1:] if isinstance(a, tuple))
    return out


def _linear_root(u):
    """The root of u when u is a*x + b with rational a != 0 (read from the syntax)."""
    form = affine(u)
    if form is None or form[0] == 0:
        return None
    return -form[1] / form[0]


def _certain_sign(h, x: Fraction) -> int:
    try:
        b = enclose(h, point(x))
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return 0
    return 1 if b.positive() else -1 if b.negative() else 0


def _dyadic_mid(a: Fraction, b: Fraction) -> Fraction:
    """A short dyadic rational strictly between a and b."""
    m, d = a.numerator * b.denominator + b.numerator * a.denominator, 2 * a.denominator * b.denominator
    k = 0
    while True:  # q = floor((a + b)/2 * 2^k) / 2^k, in integers
        n = (m << k) // d
        if (a.numerator << k) < n * a.denominator and n * b.denominator < (b.numerator << k):
            return Fraction(n, 1 << k)
        k += 1


@lru_cache(maxsize=512)
def _sharp_value(g, c: Fraction):
    """g's 512-bit enclosure at c (an Iv), or None where it has none: shared by :func:`_bracket` and
    :func:`_tie_at`, which look at the same critical points again and again."""
    from flint import ctx

    saved, ctx.prec = ctx.prec, 512
    try:
        return enclose(g, point(c))
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return None
    finally:
        ctx.prec = saved


def _bracket(g, c: Fraction) -> Fraction:
    """Half-width of the piece around a critical point c that interval arithmetic can settle: about the
    square root of |g(c)| (g is flat to second order there); 2^-24 where |g(c)| is past the floats (1/(x^2 - 2)^30
    near its pole)."""
    b = _sharp_value(g, c)
    margin = abs(float(b.lo.mid())) if b is not None and b.lo is not None else 0.0
    k = 40 if margin <= 0 else 24 if math.isinf(margin) else min(200, max(24, int(-math.log2(margin) / 2) + 6))
    return Fraction(1, 2 ** k) * max(1, abs(c))


def _samples(p, n: int) -> list[float]:
    """n float points inside p, spread over about 10^6 on each unbounded side (search only); none for a point."""
    lo = min(float(p[1]), 0.0) - 1e6 if p[0] is None and p[1] is not None else -1e6 if p[0] is None else float(p[0])
    hi = max(lo, 0.0) + 1e6 if p[1] is None else float(p[1])
    if lo == hi:
        return []
    xs = []
    for k in range(1, n + 1):
        t = k / (n + 1)
        if p[0] is None or p[1] is None:
            xs.append(math.copysign(math.expm1(abs(2 * t - 1) * math.log1p(1e6)), 2 * t - 1) if p[0] is None and p[1] is None
                      else lo + math.expm1(t * math.log1p(hi - lo)) if p[1] is None else hi - math.expm1((1 - t) * math.log1p(hi - lo)))
        else:
            xs.append(lo + (hi - lo) * t)
    return xs


def _nearly_zero(lhs, rhs, p) -> bool:
    """lhs - rhs is within 10^-9 of 0, relative to the larger of 1, |lhs| and |rhs|, in floats at 9 points of p,
    where defined (search only: a hint to try an identity for a non-strict inequality, asin(sin(x)) <= x on
    [-1, 1]; (3/2 |x|^(1/2))^2 <= 9/4 |x| at x = 10^6 differs from 0 by rounding)."""
    sides = [evaluator(_smooth_or_none(t, p) or t) for t in (lhs, rhs)]  # derivative nodes by their forms on p
    values = [(a, b) for a, b in ((f(x) for f in sides) for x in _samples(p, 9))
              if a is not None and b is not None and not math.isnan(a - b)]
    return bool(values) and all(abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)) for a, b in values)


def _plausible(g, rel, p) -> bool:
    """Floats at 65 points of p do not contradict ``g REL 0`` (search only: a filter, never a verdict)."""
    xs = _samples(p, 65)
    if not xs:
        return True
    weak = NON_STRICT[rel]
    values = [v for v in map(evaluator(g), xs) if v is not None and not math.isnan(v)]
    scale = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
    tol = 1e-12 * scale  # relative to the function's size on the piece: tiny functions keep their signs
    for v in values:
        if {"<=": v > tol, ">=": v < -tol, "==": abs(v) > tol}[weak]:
            return False
    return True


def _smooth_or_none(t, p):
    """t's smooth form on the piece p, or None where it has none (search only: planning)."""
    try:
        return smooth_form(t, p, strict=p[0] is None or p[0] != p[1])
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return None


def _bisect_root(h, root: float, pay) -> tuple[Fraction | None, int]:
    """(the zero of h near the float ``root`` by certified-sign bisection, or None when no sign change is certain;
    the bisection steps taken, each paid with ``pay()`` before it is taken)."""
    from flint import ctx

    scale = Fraction(max(1.0, abs(root)))
    a, b = Fraction(root) - scale / 2 ** 30, Fraction(root) + scale / 2 ** 30
    saved = ctx.prec
    steps = 0
    try:
        ctx.prec = 256
        sa, sb = _certain_sign(h, a), _certain_sign(h, b)
        if sa == 0 or sb == 0 or sa == sb:
            return None, steps
        for _ in range(200):
            if b - a < scale / 2 ** 160:
                break
            m = _dyadic_mid(a, b)
            pay()
            steps += 1
            sm = _certain_sign(h, m)
            if sm == 0:
                return m, steps
            a, b = (m, b) if sm == sa else (a, m)
        return _dyadic_mid(a, b), steps
    finally:
        ctx.prec = saved


def _sturm_cost(n, d) -> int:
    """Work units of the kernel's rule sturm on a rational function N/D (the Sturm sequences of N D and D: about
    degree^2 remainder steps each)."""
    return 2 + (max(n.degree(), 0) ** 2 + max(d.degree(), 0) ** 2) // 32


def _candidate_zeros(h, p, search: Search):
    """For the counterexample search: the real zeros in p of N where h = N/D is a rational function over Q
    (:func:`~symact.kernel.sturm.rational_of`; :mod:`~symact.decide.real_zeros`: of any multiplicity, however close
    together or far out; the nearest 0 first), else :func:`_float_roots`.  The proof search cuts and centres its
    Taylor forms at the float roots only: a double zero, or two zeros 1e-20 apart, is no better a cut
    (x^4 + 1e-20 x^3 >= -1e-62 costs more work with them)."""
    r = rational_of(h)
    if r is None:
        return _float_roots(h, p, search)
    search.spend(8 + (r[0].degree() + 1) ** 2 // 64)
    return sorted(real_zeros(r[0], p[0], p[1]), key=abs)[:6]


def _float_roots(h, p, search: Search):
    """Sign changes of h on a grid over p (bounded to [-2^24, 2^24]), refined by bisection."""
    lo = min(float(p[1]), 0.0) - 2.0 ** 24 if p[0] is None and p[1] is not None else (
        -2.0 ** 24 if p[0] is None else float(p[0]))
    hi = max(lo, 0.0) + 2.0 ** 24 if p[1] is None else float(p[1])
    if not lo < hi:
        return []
    grid = []
    for k in range(129):
        t = k / 128
        if p[0] is None or p[1] is None:
            s = 2 * t - 1
            x = math.copysign(math.expm1(abs(s) * math.log1p(2.0 ** 24)), s) if p[0] is None and p[1] is None else (
                lo + math.expm1(t * math.log1p(hi - lo)))
        else:
            x = lo + (hi - lo) * t
        if lo < x < hi:
            grid.append(x)
    at = evaluator(h)
    values = []
    search.spend(len(grid) // 16)
    for x in grid:
        search.spend(0)
        values.append((x, at(x)))
    roots = []
    values = [(x, v) for x, v in values if v is not None and v != 0]  # exact 0: an underflow, or a root the
    for (a, fa), (b, fb) in zip(values, values[1:]):                   # neighbours bracket anyway
        if fa * fb < 0:
            for _ in range(60):
                search.spend(0)
                m = (a + b) / 2
                fm = at(m)
                if fm is None:
                    break
                if fm == 0:
                    a = b = m
                    break
                if (fm < 0) == (fa < 0):
                    a, fa = m, fm
                else:
                    b = m
            roots.append((a + b) / 2)
    return sorted(roots, key=abs)[:6]


def _rationals_near(x: float):
    q = Fraction(x)
    out = [q.limit_denominator(10 ** k) for k in (2, 4, 8)] + [q]
    ulp = Fraction(math.ulp(x)) if x != 0 else Fraction(1, 2 ** 1074)
    out += [q + 4 * ulp, q - 4 * ulp]
    return out

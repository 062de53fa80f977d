"""What the kernel must confirm before a property report may state it.

The property engine decides on the function SymPy holds; its conclusions are re-checked here with the trusted
kernel (:mod:`symact.kernel`), and withdrawn (made ``unknown``, with the reason) when the kernel does not
confirm them:

* every property is about f on all of R: if the kernel finds a point where f is certainly undefined (a
  Piecewise without a branch there, a logarithm of a non-positive number, a zero denominator), or does not
  prove ``f == f`` on R (a claim holds only where both sides are defined), no property is stated; the report
  says where f is undefined (``symact check "... for x > 0"`` decides claims on a domain);
* "not differentiable at x0" (and the smoothness class that rests on it) only where the kernel certifies that
  the difference quotient does not converge at x0 (a jump, or different one-sided derivatives), so a 0/0 in a
  derivative *formula* is not reported as a corner of the function;
* every ``proved``/``refuted`` verdict of the keys in :data:`GATED` is expressed as kernel claims
  (:mod:`symact.properties.kernel_claims`); the certificate search proposes, :func:`symact.kernel.check`
  decides, and the verdict keeps its status only when every claim gets the wanted kernel verdict.  Its
  certificate then holds the kernel certificates (``conjuncts``, re-checkable with ``symact verify``).  A
  kernel verdict that contradicts a claim the engine's verdict implies is a soundness bug of the engine: the
  verdict is withdrawn and a :class:`RuntimeWarning` says so;
* what a confirmed verdict shows beyond its value, the inflection points of a function that is neither convex
  nor concave and the image of a discontinuous f, is kernel-checked too, or not shown; that the inflection
  points shown are all of them is kernel-checked where the kernel can (:mod:`symact.properties.inflection_list`,
  ``inflections_complete``), else said to be not proved.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import replace
from fractions import Fraction

import sympy as sp

from symact import display
from symact.budget import clock, run_with_budget
from symact.catalog import X
from symact.properties import inflection_list as il
from symact.properties import kernel_claims as kc
from symact.verdict import Certificate, Verdict

_R = (None, None, False, False)
#: the keys whose proved/refuted verdicts the kernel checks
GATED = ("range", "bounded_above", "bounded_below", "extrema", "monotonic", "convex", "concave",
         "zero_at_origin", "odd", "range_has_both_signs", "derivative_max", "derivative_min", "lipschitz",
         "identity_near_origin", "non_saturating", "continuity", "differentiable", "saturation")
#: search work units per claim (see :mod:`symact.decide.checked`: about 2000 per second; mish's inf f >= m needs
#: about 2100), and a CPU cap per claim for terms whose enclosures are slow (a derivative of mish).  No claim of the
#: catalog table reaches the cap (the same JSON and CPU total with 2 s and 5 s, 2026-12-05); the slowest settled
#: ones (the inflection-list zones of silu, mish, gelu_tanh) take about 0.8 s idle and 1.5 s at load 30, where a
#: 2 s cap left silu's list unproved: CPU time per unit of work grows when cores and caches are shared.  A
#: claim's search also ends once the kernel's work meter (:mod:`symact.kernel.meter`) has counted as many units as
#: ``check`` allows for CLAIM_SECONDS (450,000), the same on any machine under any load; the heaviest claim of the
#: catalog table at defaults (mish's f'' >= 0 zone) uses about 171,000, 2.9 s of CPU
WORK = 2500
CLAIM_SECONDS = 15.0


def kernel_term(expr: sp.Expr):
    """f's kernel term; a Float constant (selu's) is read as the exact binary rational SymPy holds."""
    from symact.sympy_terms import from_sympy

    floats = {c: sp.Rational(c) for c in expr.atoms(sp.Float)}
    return from_sympy(expr.xreplace(floats) if floats else expr, X)


def gate(expr: sp.Expr, verdicts: dict[str, Verdict], seconds: float | None = None) -> dict[str, Verdict]:
    """``verdicts`` with every gated one confirmed by the kernel or withdrawn; the kernel's claims get
    ``seconds`` CPU seconds in all (None: only the per-claim cap)."""
    from symact.decide.certify import Search
    from symact.kernel.evaluate import undefined_reason
    from symact.kernel.terms import TermError

    try:
        term = kernel_term(expr)
    except TermError as exc:
        reason = f"f is outside what the kernel reads ({exc}), so no verdict is kernel-checked"
        return {k: _withdrawn(v, reason) if k in GATED and v.status != "unknown" else v for k, v in verdicts.items()}
    probe = Search(term, "==", term, [_R])
    for x0 in probe.quick_points():
        why = undefined_reason(term, x0)
        if why:
            reason = (f"f is undefined at x = {x0} ({why}); properties are stated only for functions defined on "
                      f"all of R (decide claims on a domain with symact check \"... for x > 0\")")
            return {k: _withdrawn(v, reason) for k, v in verdicts.items()}
    kernel = _Kernel(term, seconds)
    defined = kc.Claim("f is defined on R", term, "==", term, (_R,), "proved", necessary=False)
    status, cert, why = kernel.settle(defined)
    if status != "proved":  # a point where f is undefined may be irrational ((x**2 - 2)/(x**2 - 2))
        why = why or f"the kernel {status} it"
        reason = (f"the kernel did not confirm that f is defined on all of R ({why}); properties are stated only for "
                  f"functions defined on all of R")
        return {k: _withdrawn(v, reason) if k in GATED and v.status != "unknown" else v for k, v in verdicts.items()}
    kernel.defined = (defined, cert)
    out = dict(verdicts)
    diff = out.get("differentiable")
    if diff is not None and diff.status == "refuted" and isinstance(diff.value, list):
        for p in diff.value:
            x0 = _rational(p)
            why = None if x0 is None else undefined_reason(("deriv", term), x0)
            if not why:
                reason = f"the kernel could not confirm that f is not differentiable at {_label(p)}"
                out["differentiable"] = _withdrawn(diff, reason)
                if "continuity" in out and out["continuity"].status == "proved" and out["continuity"].value != "Cinf":
                    out["continuity"] = _withdrawn(out["continuity"], reason)
                break
    for key in GATED:
        v = out.get(key)
        if v is not None and v.status != "unknown":
            out[key] = kernel.confirm(key, v, out)
    for key in ("convex", "concave"):
        if key in out and out[key].status == "refuted":
            out[key] = kernel.inflections(out[key], out.get("continuity"))
    rng = out.get("range")
    if rng is not None and rng.status == "proved" and (rng.value or {}).get("image"):
        out["range"] = kernel.image(rng)
    return out


class _Kernel:
    """Settles the claims of one f (each claim once: range, bounds and extrema share theirs)."""

    def __init__(self, term, seconds: float | None = None):
        self.f = term
        self.defined = None  # (claim, certificate): f is defined on all of R, a premise of every verdict
        self.done: dict = {}
        self.until = None if seconds is None else clock() + seconds

    def settle(self, c: kc.Claim):
        """(kernel verdict or None, certificate, reason)."""
        from symact.decide.certify import Search, limit_search
        from symact.decide.checked import meter_units
        from symact.decide.gate_certify import period_search, smooth_search

        key = (c.lhs, c.rel, c.rhs, c.domain, c.limit, c.via)
        if key not in self.done:
            work = c.work or WORK
            search = (Search(c.lhs, c.rel, c.rhs, list(c.domain), work=work, metered=meter_units(CLAIM_SECONDS))
                      if c.limit is None else None)
            # a claim wanted refuted needs only a counterexample: no proof is attempted
            run = ((lambda: smooth_search(c.lhs, list(c.domain))) if c.via == "smooth"
                   else (lambda: period_search(c.lhs, c.rel, c.rhs, list(c.domain), work)) if c.via == "period"
                   else (lambda: limit_search(c.lhs, c.rel, c.rhs, c.limit, work)) if search is None
                   else (lambda: search.counterexample(c.hints)) if c.want == "refuted"
                   else (lambda: search.run(expected=True)))
            cap = CLAIM_SECONDS if self.until is None else min(CLAIM_SECONDS, self.until - clock())
            if cap <= 0:
                self.done[key] = (None, None, "the analysis budget was spent before the kernel checked this claim")
                return self.done[key]
            try:
                ok, found = run_with_budget(run, cap)
            except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:
                ok, found = True, (None, None, f"the certificate search failed ({type(exc).__name__}: {exc})")
            if ok and found is None:
                found = (None, None, "no counterexample was found")
            if not ok or (found[0] is None and "budget" in found[2]):
                found = (None, None, f"not settled within the gate's limit of {work} work units and "
                                     f"{CLAIM_SECONDS:g} CPU s per claim")
            self.done[key] = found
        return self.done[key]

    def deriv_domain(self, cuts: list[Fraction]):
        """(where f' exists, the groups certifying where it does not): see :func:`kc.deriv_domain`."""
        from symact.kernel.evaluate import undefined_reason

        return kc.deriv_domain(self.f, cuts, {c for c in cuts if undefined_reason(("deriv", self.f), c)})

    def confirm(self, key: str, v: Verdict, verdicts: dict[str, Verdict]) -> Verdict:
        try:
            attempts = self.claims(key, v, verdicts)
        except kc.Inexpressible as exc:
            return _withdrawn(v, f"the kernel has no claim for this verdict ({exc})")
        reason = ""
        for value, groups in attempts:
            done, reason = self.run(groups)
            if isinstance(done, str):  # a contradiction
                warnings.warn(f"symact soundness: {key} of f: {done}", RuntimeWarning, stacklevel=2)
                return _withdrawn(v, f"SOUNDNESS BUG, please report: {done}")
            if done is not None:
                return _confirmed(key, v, [self.defined, *done] if self.defined else done, value)
        return _withdrawn(v, f"the kernel did not confirm it: {reason}")

    def inflections(self, v: Verdict, continuity: Verdict | None) -> Verdict:
        """``v`` (a refuted convexity) with its inflection points as the kernel confirms them
        (:func:`kc.inflection_claims`, either way round, each given that f is continuous at the cuts, which the
        confirmed continuity verdict says); when one is not confirmed, none is shown and ``inflection_points_reason`` says
        why, since the list is read as all of them."""
        from symact.decide.certify import breakpoints

        extra = v.evidence.get("_extra")
        points = extra.get("inflection_points") if isinstance(extra, dict) else None
        if not points:
            return v
        shown, proofs, why = [], [], ""
        cuts = breakpoints(self.f)
        if cuts and (continuity is None or continuity.status != "proved" or continuity.value == "discontinuous"):
            why = f"f is not kernel-checked to be continuous at {', '.join(map(str, cuts))}"
        sides = {c: _sides(self.f, c) for c in cuts}
        slopes = {c: _slope(sides[c]) for c in cuts}
        wants = []
        for point in points if not why else ():
            done = None
            try:
                attempts = [(want, a) for want in (1, -1)
                            for a in kc.inflection_claims(self.f, want, point, cuts, slopes)]
            except kc.Inexpressible as exc:
                attempts, why = [], f"the kernel has no claim for this inflection point ({exc})"
            for want, (value, groups) in attempts:
                done, why = self.run(groups)
                if done:
                    shown.append(value)
                    wants.append(want)
                    proofs += done
                    break
            if not done:
                why = why or "the kernel did not confirm it"
                break
        rest = {k: e for k, e in extra.items() if k != "inflection_points"}
        if why:
            rest["inflection_points_reason"] = f"the inflection points are not shown: {why}"
            return _amended(v, [], evidence={**v.evidence, "_extra": rest})
        rest["inflection_points"] = shown
        more, why = self.complete(list(zip(wants, shown)), cuts, sides, slopes)
        rest["inflections_complete"] = more is not None
        if more is None:
            rest["inflections_complete_reason"] = f"that there are no other inflection points is not proved: {why}"
        return _amended(v, proofs + (more or []), evidence={**v.evidence, "_extra": rest})

    def complete(self, points: list, cuts: list[Fraction], sides: dict, slopes: dict):
        """(the certificates that ``points``, [(want, a confirmed inflection point)], are all the inflection
        points of f (:mod:`symact.properties.inflection_list`), or None, the reason when not)."""
        zones, proofs = [], []
        for want, point in points:
            try:
                attempts = il.zone_attempts(self.f, want, point, cuts, sides)
            except kc.Inexpressible as exc:
                return None, str(exc)
            why = "no zone to try"
            for lo, hi, groups in attempts:
                done, why = self.run(groups)
                if done:
                    zones.append((lo, hi, want))
                    proofs += done
                    break
            else:
                return None, why
        for split in (False, True):  # each ray whole first, then (the claims settled kept) cut in two
            try:
                done, why = self.run(il.gap_claims(self.f, sorted(zones), cuts, slopes, split))
            except kc.Inexpressible as exc:
                return None, str(exc)
            if done is not None:
                return proofs + done, ""
        return None, why

    def image(self, v: Verdict) -> Verdict:
        """A confirmed range ``v`` whose value names the image of a discontinuous f: kept when the kernel proves f
        affine on each piece between the cuts with the values at the cuts (:func:`kc.image_claims`) and those
        give the same set, else dropped (the range is then shown as the confirmed hull only)."""
        from symact.decide.certify import breakpoints
        from symact.kernel.evaluate import exact_value

        cuts = breakpoints(self.f)
        forms = [_affine(self.f, p) for p in kc.open_pieces(cuts)]
        values = [exact_value(self.f, c) for c in cuts]
        image = v.value["image"]
        if not cuts or None in forms or None in values:
            proofs, why = None, "f is not rational-affine between rational cuts"
        else:
            proofs, why = self.run(kc.image_claims(self.f, cuts, forms, values))
            if proofs and display.set_text(kc.affine_image(cuts, forms, values)) != image:
                proofs, why = None, "the pieces the kernel proved give another set"
        if proofs:
            return _amended(v, proofs)
        v.derivation.say(f"the image {image} is not shown: the kernel did not confirm it ({why})")
        return _amended(v, [], statement=v.statement.replace(f" (the range itself is {image})", ""),
                        value={**v.value, "image": None})

    def run(self, groups):
        """(list of (claim, certificate) or None or a contradiction text, the reason when not confirmed)."""
        proofs = []
        for group in groups:
            got, why = None, ""
            for c in group:
                status, cert, reason = self.settle(c)
                if status == c.want:
                    got = (c, cert)
                    break
                if status is not None and c.necessary:
                    return (f"the engine's verdict implies that the kernel {c.want[:-1]}s "
                            f"'{c.text}', but the kernel {status} it"), ""
                why = f"'{c.text}' was not {c.want} ({reason if status is None else 'the kernel ' + status + ' it'})"
            if got is None:
                return None, why
            proofs.append(got)
        return proofs, ""

    def attained_first(self, shown, groups, ends, deriv: bool = False, strict: int = 0) -> list:
        """[(``shown`` with each end the engine says is attained but the kernel's claims pin only to a ball
        (``shown[slot][flag]`` null; slot None: ``shown`` itself) marked attained, ``groups`` with
        :func:`kc.attained_claims`, when f has no breakpoints; and each such end the engine says is not attained
        marked so, with f strictly increasing (``strict`` 1) or decreasing (-1) on R, whose inf and sup are then
        not attained (f(x - strict) < f(x) < f(x + strict))], then (``shown``, ``groups``); ``ends``: (slot, side,
        the engine's number, whether it says attained, flag)."""
        from symact.decide.certify import breakpoints

        cuts = breakpoints(self.f)
        better, more = dict(shown), []
        for slot, side, number, attained, flag in ends:
            end = shown if slot is None else shown[slot]
            if not isinstance(end, dict) or end.get(flag, True) is not None:
                continue
            if attained and not cuts:
                marked = {k: e for k, e in end.items() if k != flag or slot is None}
                if slot is None:
                    better[flag] = True
                else:
                    better[slot] = {**marked, flag: True} if flag == "closed" else marked
                more += kc.attained_claims(self.f, side, number, deriv)
            elif not attained and strict:
                better[slot] = {**end, flag: False} if flag == "closed" else None
                more += [g for g in kc.monotone_claims(self.f, strict, True, sorted({*cuts, Fraction(0)}))
                         if g not in more]
        return ([(better, groups + more)] if more else []) + [(shown, groups)]

    def claims(self, key: str, v: Verdict, verdicts: dict[str, Verdict]):
        """[(the verdict's value when confirmed, claim groups)], tried in order."""
        from symact.decide.certify import breakpoints, unlocated_switches

        f, value, data = self.f, v.value, (v.certificate.data if v.certificate else {})
        if key in ("derivative_max", "derivative_min", "lipschitz") or (key == "monotonic" and v.status == "proved"):
            missing = unlocated_switches(f)  # these claims speak of f' between the breakpoints: all of them needed
            if missing:
                from symact.kernel.terms import show

                raise kc.Inexpressible(f"f may switch form where {show(missing[0])} = 0, at points "
                                       "that are not all rational (the claims here need every such point)")
        if key == "range":  # the extrema's points are where the ends are reached
            ext = verdicts.get("extrema")
            ext = ext.value if ext is not None and ext.status == "proved" and isinstance(ext.value, dict) else {}
            shown = {**value, "lower": kc.confirmed_end(value["lower"], -1), "upper": kc.confirmed_end(value["upper"], 1)}
            exact = {**value, "lower": kc.stated_end(value["lower"], -1), "upper": kc.stated_end(value["upper"], 1)}
            return _exact_first(value, lambda: (exact, kc.range_claims(f, value, ext, exact=True)),
                                *self.attained_first(shown, kc.range_claims(f, value, ext), [
                                    (k, side, value[k], value[k].get("closed"), "closed")
                                    for k, side in (("lower", -1), ("upper", 1))], strict=_strict(verdicts)))
        if key in ("bounded_below", "bounded_above"):
            side = 1 if key == "bounded_above" else -1
            confirmed = (kc.confirmed_end(value, side), kc.end_claims(f, side, value, None, []))
            rng, ext = verdicts.get("range"), verdicts.get("extrema")  # the range is confirmed first (GATED)
            end = rng.value["upper" if side > 0 else "lower"] if rng is not None and rng.status == "proved" else {}
            if kc.closed_form(end) is None or end.get("exact") != value.get("exact"):
                return [confirmed]
            found = ext.value.get("max" if side > 0 else "min") if ext is not None and ext.status == "proved" \
                and isinstance(ext.value, dict) else None
            # the range's exact claims for that end (the same claims, settled once)
            return _exact_first(value, lambda: (value, kc.exact_end_claims(
                f, side, end, end.get("closed"), (found or {}).get("at") or [])), confirmed)
        if key == "extrema":
            rng = verdicts.get("range")
            if rng is None or rng.status != "proved":
                raise kc.Inexpressible("the range it rests on is not confirmed")
            ends = (("min", -1, rng.value["lower"]), ("max", 1, rng.value["upper"]))
            exact = {**value, **{k: kc.confirmed_extreme(value[k], end, side, True) for k, side, end in ends}}
            return _exact_first(value, lambda: (exact, kc.extrema_claims(f, value, rng.value["lower"],
                                                                         rng.value["upper"], exact=True)),
                                *self.attained_first(
                                    {**value, **{k: kc.confirmed_extreme(value[k], end, side)
                                                 for k, side, end in ends}},
                                    kc.extrema_claims(f, value, rng.value["lower"], rng.value["upper"]),
                                    [(k, side, value[k], value[k] is not None, "attained") for k, side, _ in ends],
                                    strict=_strict(verdicts)))
        if key == "zero_at_origin":
            return [(value, kc.zero_claims(f, v.status))]
        if key == "odd":
            return [(value, kc.odd_claims(f, v.status, kc.fraction(data.get("point"))))]
        if key == "range_has_both_signs":
            return [(value, kc.both_signs_claims(f, v.status))]
        if key == "identity_near_origin":
            return [(value, kc.identity_claims(f, v.status))]
        if key == "non_saturating":
            return [(value, kc.unbounded_claims(f, v.status, _bound(verdicts.get("range"))))]
        if key in ("derivative_max", "derivative_min"):
            cuts = breakpoints(f)
            side = 1 if key == "derivative_max" else -1
            confirmed = [attempt for number in _values(value) for attempt in self.attained_first(
                             kc.confirmed_end(number, side),
                             kc.derivative_end_claims(f, side, number, *self.deriv_domain(cuts), cuts),
                             [(None, side, number, bool(number.get("attained")), "attained")], deriv=True)]
            if cuts:  # f' may not exist at a cut: the exact claims are about f' on all of R
                return confirmed
            return _exact_first(value, lambda: (value, kc.exact_derivative_claims(f, side, value)), *confirmed)
        if key == "lipschitz":
            cuts = breakpoints(f)
            infinite = value.get("float") == "oo"
            for side, k in ((1, "derivative_max"), (-1, "derivative_min")):  # the end of f' that gives L
                d = verdicts.get(k)
                if d is None or d.status != "proved":
                    continue
                if infinite and d.value.get("float") == ("oo" if side > 0 else "-oo"):  # f' unbounded
                    return [(value, kc.derivative_end_claims(f, side, d.value, *self.deriv_domain(cuts), cuts))]
                if not infinite and d.value.get("float") == side * value.get("float"):
                    extremes = _values(d.value)  # d.value is already widened when the kernel confirmed only that
                    # L = |that end of f'|: attained exactly when the confirmed end is (a null: not checked)
                    confirmed = [({**kc.confirmed_end(number, 1), "attained": d.value.get("attained")},
                                  kc.lipschitz_claims(f, number, side, extremes[min(k, len(extremes) - 1)],
                                                      *self.deriv_domain(cuts), cuts))
                                 for k, number in enumerate(_values(value))]
                    if cuts or kc.closed_form(d.value) is None:  # that end of f' was not proved exactly
                        return confirmed
                    return _exact_first(value, lambda: ({**value, "attained": d.value.get("attained")},
                                                        kc.exact_lipschitz_claims(f, side, d.value, value)),
                                        *confirmed)
            if infinite:
                return [(value, kc.jump_claims(f, cuts, _jumps(f, cuts)))]
            raise kc.Inexpressible("the end of f' that gives L is not kernel-checked")
        if key == "monotonic":
            if v.status == "refuted":
                inc, dec = data.get("increasing") or [], data.get("decreasing") or []
                pts = [kc.fraction(p) for p in inc[:2] + dec[:2]]
                if len(pts) != 4 or None in pts:
                    raise kc.Inexpressible("no counterexample pairs")
                return [(value, kc.pair_claims(f, [(pts[0], pts[1], "<"), (pts[2], pts[3], ">")]))]
            direction = {"increasing": 1, "non-decreasing": 1, "decreasing": -1, "non-increasing": -1}.get(value)
            if direction is None:
                raise kc.Inexpressible(f"monotonic value {value!r}")
            cuts = breakpoints(f)
            weak = "non-decreasing" if direction > 0 else "non-increasing"
            out = [(weak, kc.monotone_claims(f, direction, False, cuts))]
            if value in ("increasing", "decreasing"):  # f' may vanish at 0 (x - tanh x): then cut there too
                out[:0] = [(value, kc.monotone_claims(f, direction, True, cuts)),
                           (value, kc.monotone_claims(f, direction, True, sorted({*cuts, Fraction(0)})))]
            return out
        if key in ("convex", "concave"):
            want = 1 if key == "convex" else -1
            if v.status == "refuted":
                pts = [kc.fraction(p) for p in data.get("points") or []]
                if len(pts) != 3 or None in pts:
                    raise kc.Inexpressible("no chord counterexample")
                return [(value, kc.chord_claims(f, want, pts))]
            cuts = breakpoints(f)
            return [(value, kc.convex_claims(f, want, cuts, {c: _slope(_sides(f, c), want) for c in cuts}))]
        if key == "differentiable":
            points = [] if v.status == "proved" else [_rational(p) for p in value or []]
            if v.status == "refuted" and (not points or None in points):
                raise kc.Inexpressible("the points where f is not differentiable are not rational")
            return [(value, kc.differentiable_claims(f, breakpoints(f), points))]
        if key == "continuity":
            cuts = breakpoints(f)
            order = kc.class_order(value)
            moduli = {} if order is None else _moduli(f, order, cuts)
            return [(value, kc.continuity_claims(f, value, cuts, moduli,
                                                 _jumps(f, cuts) if value == "discontinuous" else {}))]
        if key == "saturation":
            cuts = breakpoints(f)
            return [(value, kc.saturation_claims(f, value, cuts, _tail_slopes(f, cuts), _swings(f, cuts)))]
        raise kc.Inexpressible(f"no claims for {key}")


def _strict(verdicts: dict[str, Verdict]) -> int:
    """1 (-1) when the engine says f is strictly increasing (decreasing) on R, else 0."""
    v = verdicts.get("monotonic")
    return {"increasing": 1, "decreasing": -1}.get(v.value, 0) if v is not None and v.status == "proved" else 0


def _exact_first(value, exact, *confirmed) -> list:
    """[``exact()``, *``confirmed``] when ``value`` holds an irrational closed form the kernel can state
    (:func:`kc.exact_end_claims`), else ``confirmed`` (the value to its enclosure); each is (the value shown,
    its claims)."""
    if not kc.has_closed_form(value):
        return list(confirmed)
    try:
        return [exact(), *confirmed]
    except kc.Inexpressible:
        return list(confirmed)


def _values(value: dict) -> list[dict]:
    """A printed end of f' (or L), then, when it is rational, the same widened to a ball (:func:`kc.widened`)."""
    wide = kc.widened(value)
    return [value] if wide is None else [value, wide]


def _sides(f, c: Fraction) -> tuple[Fraction | None, Fraction | None]:
    """About the one-sided slopes (left, right) of f at c, None where not estimated (search only)."""
    from symact.kernel.derivative import differentiate
    from symact.kernel.evaluate import GermUndefined, germ
    from symact.kernel.ivals import Uncertain

    out = []
    for side in (-1, 1):
        try:
            mid = _estimate(differentiate(germ(f, c, side)), c)
        except (Uncertain, GermUndefined, ZeroDivisionError):
            mid = None
        out.append(None if mid is None else Fraction(mid))
    return out[0], out[1]


def _slope(sides: tuple[Fraction | None, Fraction | None], want: int = 1) -> Fraction:
    """A simple rational between the one-sided slopes ``sides`` of f at a point, times want (search only: the
    kernel checks the supporting line it gives)."""
    if None in sides:
        return Fraction(0)
    return (want * (sides[0] + sides[1]) / 2).limit_denominator(10 ** 6)


def _estimate(t, x: Fraction) -> float | None:
    """t(x) as a float, the middle of its enclosure (search only), or None where that fails or is beyond a float
    (elu's slope pi^1000 for alpha = pi**1000)."""
    from symact.kernel.evaluate import GermUndefined, enclose, point
    from symact.kernel.ivals import Uncertain

    try:
        ball = enclose(t, point(x))
        mid = (float(ball.lo.mid()) + float(ball.hi.mid())) / 2
    except (Uncertain, GermUndefined, ZeroDivisionError, AttributeError, TypeError, ValueError, OverflowError):
        return None
    return mid if math.isfinite(mid) else None


def _moduli(f, k: int, cuts: list[Fraction]) -> dict:
    """{(c, side piece): L}: 1 + a bound on |f^(k+1)| on the side piece of the cut c (search only: the kernel
    checks |f^(k)(x) - f^(k)(c)| <= L |x - c| there); 1000 where no bound is found."""
    from symact.kernel.evaluate import enclose, interior
    from symact.kernel.ivals import Uncertain

    out = {}
    for c, on in kc.next_to(cuts):
        try:
            ball = enclose(kc.nth(f, k + 1), interior(on))
            top = max(abs(float(e.mid())) for e in (ball.lo, ball.hi))
        except (Uncertain, ZeroDivisionError, AttributeError, TypeError, ValueError, OverflowError):
            top = kc.RATE - 1
        # a bound beyond a float (|f''| ~ pi^1000 for elu with alpha = pi**1000) or NaN is no bound: the cap
        out[(c, on)] = Fraction(int(top) + 1 if top < kc.RATE else kc.RATE)
    return out


def _tail_slopes(f, cuts: list[Fraction]) -> dict:
    """{side: about f' at the start of the far ray of :func:`kc.saturation_claims`} (search only)."""
    out = {}
    for side in (-1, 1):
        mid = _estimate(("deriv", f), kc.outermost(cuts, side) + side * kc.RAY)
        out[side] = None if mid is None else Fraction(mid)
    return out


def _swings(f, cuts: list[Fraction]) -> dict:
    """{side: q}: half the least f'(x)^2 + f'(x + SHIFT)^2 sampled over a period on the far ray of
    :func:`kc.saturation_claims`, where the formula of f' there is periodic (search only)."""
    from symact.kernel.check import period_multiple
    from symact.kernel.evaluate import GermUndefined, enclose, point, smooth_form
    from symact.kernel.ivals import Uncertain

    out = {}
    for side in (-1, 1):
        far = kc.outermost(cuts, side) + side * kc.RAY
        ray = (far, None, True, False) if side > 0 else (None, far, False, True)
        try:
            h = smooth_form(("deriv", f), ray, strict=False)
            if period_multiple(h) is None:
                continue
            values = []
            for k in range(64):
                x = far - side * Fraction(7 * k, 64)
                ends = [enclose(h, point(x + dx)) for dx in (0, kc.SHIFT)]
                values.append(sum(((float(e.lo.mid()) + float(e.hi.mid())) / 2) ** 2 for e in ends))
        except (Uncertain, GermUndefined, ZeroDivisionError, AttributeError, TypeError, ValueError, OverflowError):
            continue
        if min(values) > 1e-9:
            out[side] = Fraction(min(values) / 2).limit_denominator(1000)
    return out


def _jumps(f, cuts: list[Fraction]) -> dict:
    """{(c, side piece): e}: half the jump of f at c seen from 10^-12 beyond c (search only: the kernel checks
    f - f(c) >= e on the whole side piece)."""
    from symact.kernel.evaluate import GermUndefined, enclose, point
    from symact.kernel.ivals import Uncertain

    out = {}
    for c, on in kc.next_to(cuts):
        near = c + (Fraction(-1) if on[1] == c else Fraction(1)) / 10 ** 12
        try:
            ball = enclose(f, point(near))
            here = enclose(f, point(c))
            jump = (float(ball.lo.mid()) - float(here.lo.mid())) / 2
        except (Uncertain, GermUndefined, ZeroDivisionError, AttributeError, TypeError, ValueError):
            continue
        if abs(jump) > 1e-6:
            out[(c, on)] = Fraction(jump).limit_denominator(10 ** 6)
    return out


def _bound(rng: Verdict | None) -> Fraction | None:
    """1 + the larger |end| of a confirmed finite range (a bound on |f| for non_saturating), or None."""
    if rng is None or rng.status != "proved":
        return None
    ends = [kc.enclosure(rng.value[k]) for k in ("lower", "upper") if rng.value[k].get("float") not in ("oo", "-oo")]
    if len(ends) < 2 or None in ends:
        return None
    return Fraction(int(max(abs(e) for box in ends for e in box)) + 1)


def _conjectures(value) -> list[dict]:
    """The numbers in ``value`` whose closed form is only a conjecture (:func:`kc.unproved_forms`)."""
    if isinstance(value, list):
        return [n for v in value for n in _conjectures(v)]
    if not isinstance(value, dict):
        return []
    inner = [n for v in value.values() for n in _conjectures(v)]
    return ([value] if (value.get("conjecture") or {}).get("text") else []) + inner


def _confirmed(key: str, v: Verdict, proofs, value) -> Verdict:
    data = dict(v.certificate.data) if v.certificate else {}
    data["conjuncts"] = [{"statement": c.text, "certificate": cert} for c, cert in proofs]
    if v.certificate is not None and v.certificate.kind != "kernel":
        data["engine"] = v.certificate.kind
    derivation = v.derivation
    for c, _ in proofs:
        derivation.say(f"kernel-checked: {c.text} ({c.want})")
    statement, latex = v.statement, v.latex
    if isinstance(value, dict) and isinstance(v.value, dict) and value.get("enclosure") and not value.get("text") \
            and v.value.get("text"):  # a widened number (kc.widened): the statement no longer claims it exactly
        statement = statement.replace(v.value["text"], f"within {value['enclosure']}")
    if value != v.value:  # a closed form the kernel did not prove: the LaTeX statement shows the decimal
        head, quad, _ = latex.partition(r":\quad ")
        if quad:
            latex = display.latex_statement(key, head.removeprefix("f(x) = "), v.status, value)
        for number in _conjectures(value):
            statement = statement.replace(number["conjecture"]["text"], f"≈ {display.decimal(number['float'])}")
    if key in ("range", "extrema") and kc.attainment_unknown(value):  # the engine's statement says more
        statement = f"{key} of f: {display.cell(key, {'status': v.status, 'value': value}, long=True)}"
    out = Verdict(v.status, statement, latex, f"{v.method}; kernel-checked", Certificate("kernel", data),
                  derivation, v.seconds, v.reason, value, dict(v.evidence))
    if key == "monotonic" and value != v.value and isinstance(out.evidence.get("_extra"), dict):
        out.evidence["_extra"] = dict(out.evidence["_extra"], strictly_monotonic={
            "status": "unknown", "value": None, "reason": "the kernel confirmed only the weak monotonicity"})
    return out


def _amended(v: Verdict, proofs, **changes) -> Verdict:
    """``v`` with its certificate holding the kernel certificates ``proofs`` of further claims too, and the fields
    ``changes`` (``evidence``, ``value``, ``statement``) replaced."""
    data = dict(v.certificate.data) if v.certificate else {}
    data["conjuncts"] = [*data.get("conjuncts", []), *({"statement": c.text, "certificate": cert}
                                                       for c, cert in proofs)]
    for c, _ in proofs:
        v.derivation.say(f"kernel-checked: {c.text} ({c.want})")
    return replace(v, certificate=Certificate("kernel", data), **changes)


def _affine(f, piece) -> tuple[Fraction, Fraction] | None:
    """(a, b) with f = a x + b through two rational points of the open ``piece`` where f is exactly rational, or
    None (search only: the kernel checks the form on the whole piece)."""
    from symact.kernel.evaluate import exact_value

    lo, hi = piece[0], piece[1]
    if lo is None or hi is None:  # a ray: there is a cut, so one end is finite
        end, step = (hi, -1) if lo is None else (lo, 1)
        points = [end + step, end + 2 * step]
    else:
        points = [lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3]
    y = [exact_value(f, q) for q in points]
    if None in y:
        return None
    a = (y[1] - y[0]) / (points[1] - points[0])
    return a, y[0] - a * points[0]


def _withdrawn(v: Verdict, reason: str) -> Verdict:
    return Verdict("unknown", v.statement, v.latex, v.method, seconds=v.seconds, reason=reason)


def _rational(p) -> Fraction | None:
    return kc.fraction(p.get("exact") if isinstance(p, dict) else p)


def _label(p) -> str:
    return str(p.get("exact") or p.get("float") or p) if isinstance(p, dict) else str(p)

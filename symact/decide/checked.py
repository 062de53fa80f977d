"""``symact check``: a claim's verdict from a kernel-checked certificate.

The claim is read as the user wrote it (:class:`symact.parsing.Claim`'s unevaluated sides and its domain);
:class:`symact.decide.certify.Search` looks for a certificate and :func:`symact.kernel.check` decides.  A
``!=`` claim ("the sides differ somewhere in the domain") is the negation of the ``==`` claim: it is proved by
the ``==`` claim's counterexample and refuted by its proof.
"""
from __future__ import annotations

import dataclasses
import time
from fractions import Fraction

import sympy as sp

from symact.catalog.registry import X
from symact.decide.certify import Search, limit_search
from symact.decide.integral import integral_search
from symact.decide.gate_certify import continuity_search, convex_search, kink_nodes, smooth_search
from symact.errors import SymactError
from symact.kernel import check as kernel_check
from symact.kernel import Rejected, claim_json, meter, read_claim
from symact.kernel.pieces import FORMAT, contains, piece_json
from symact.kernel.limit_claim import read_limit_claim
from symact.kernel.quantified import affine_parts, allowed, at_parameter, ends_allowed, ends_parts, instance_claim
from symact.kernel.terms import TermError, from_json, rational_text, to_json
from symact.sympy_terms import from_sympy
from symact.decide.induction import check_sized
from symact.decide.logic import check_logic_claim
from symact.logic import LogicClaim
from symact.parsing import domain_text
from symact.axioms import AxiomClaim
from symact.several import SeveralClaim
from symact.sized import SizedClaim
from symact.verdict import Certificate, Derivation, Verdict

#: search work units per second of --budget (a unit is one kernel enclosure of a small term)
WORK_PER_SECOND = 2000
#: units of the kernel's work meter (:mod:`symact.kernel.meter`) per search work unit: a search of ``--budget``
#: S seconds ends once the meter has counted 30000 S units (:func:`meter_units`), about half of what the kernel counts in S CPU
#: seconds on the 2-core machine this was measured on (40 to 75 thousand a second, under load), so that the
#: meter, which load does not change, ends a search before the CPU deadline does
METER_PER_WORK = 15



def meter_units(seconds: float) -> int:
    """The units of the kernel's work meter a search of ``seconds`` of budget may count."""
    return METER_PER_WORK * int(seconds * WORK_PER_SECOND)


_REL_LATEX = {"==": "=", "!=": r"\ne", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge"}
#: the convexity predicates of the claim language (no right side)
CONVEXITY = ("convex", "concave", "not convex", "not concave")


def statement(claim) -> tuple[str, str]:
    if isinstance(claim, (SizedClaim, LogicClaim)):
        return claim.statement()
    if isinstance(claim, SeveralClaim):
        return claim.statement(_domain_latex)
    if isinstance(claim, AxiomClaim):
        return claim.statement()
    if claim.params:
        (name, pieces), = claim.params
        inner_text, inner_tex = statement(_unquantified(claim))
        return (f"forall {name} in {domain_text(pieces)}: {inner_text}",
                rf"\forall {sp.latex(sp.Symbol(name))} \in {_domain_latex(pieces)}:\ {inner_tex}")
    if claim.limit is not None:
        end = r"\infty" if claim.limit == "oo" else r"-\infty"
        return (claim.body, rf"\lim_{{x \to {end}}} {_latex(claim.raw_lhs, claim.lhs)} {_REL_LATEX[claim.op]} "
                            rf"{_latex(claim.raw_rhs, claim.rhs)}")
    if claim.integral is not None:
        name, lo, hi = claim.integral
        v = sp.Symbol(name)
        integral = sp.Integral(claim.raw_lhs.xreplace({X: v}), (v, sp.Rational(lo.numerator, lo.denominator),
                                                                 sp.Rational(hi.numerator, hi.denominator)))
        return claim.body, rf"{sp.latex(integral)} {_REL_LATEX[claim.op]} {_latex(claim.raw_rhs, claim.rhs)}"
    if claim.op in ("continuous", "not continuous"):
        return (f"{claim.body} on {claim.domain_text()}",
                rf"{_latex(claim.raw_lhs, claim.lhs)}\ \text{{is {claim.op} on }} {_domain_latex(claim.domain)}")
    if claim.op in CONVEXITY:
        some = claim.op.startswith("not ")
        return (f"{claim.body} on {'some' if some else 'each'} interval of {claim.domain_text()}",
                rf"{_latex(claim.raw_lhs, claim.lhs)}\ \text{{is {claim.op} on {'some' if some else 'each'} "
                rf"interval of }} {_domain_latex(claim.domain)}")
    if claim.op == "smooth":
        return (f"{claim.body} (C-infinity) on {claim.domain_text()}",
                rf"{_latex(claim.raw_lhs, claim.lhs)} \in C^\infty\ \text{{near every }} x \in "
                rf"{_domain_latex(claim.domain)}")
    quant = "for some" if claim.op == "!=" else "for all"
    text = f"{claim.body} {quant} x in {claim.domain_text()}"
    tex_quant = r"\exists" if claim.op == "!=" else r"\forall"
    dom = _domain_latex(claim.domain)
    tex = rf"{_latex(claim.raw_lhs, claim.lhs)} {_REL_LATEX[claim.op]} {_latex(claim.raw_rhs, claim.rhs)} \quad {tex_quant} x \in {dom}"
    return text, tex


def _domain_latex(domain) -> str:
    r"""A domain (pieces) in LaTeX set notation: \mathbb{R}, (0, \infty), [-1, 1] \cup \{2\}."""
    if tuple(domain) == ((None, None, False, False),):
        return r"\mathbb{R}"
    parts = []
    for lo, hi, lc, hc in domain:
        if lo is not None and lo == hi:
            parts.append(rf"\{{{sp.latex(sp.Rational(lo.numerator, lo.denominator))}\}}")
            continue
        left = r"-\infty" if lo is None else sp.latex(sp.Rational(lo.numerator, lo.denominator))
        right = r"\infty" if hi is None else sp.latex(sp.Rational(hi.numerator, hi.denominator))
        parts.append(f"{'[' if lc else '('}{left}, {right}{']' if hc else ')'}")
    return r" \cup ".join(parts)


def _latex(raw, evaluated) -> str:
    """LaTeX of a side as written; SymPy's printer cannot print every unevaluated form (a power of a
    Piecewise), and then the evaluated side is printed."""
    try:
        return sp.latex(raw)
    except (TypeError, ValueError, AttributeError):
        return sp.latex(evaluated)


def _unquantified(claim):
    return dataclasses.replace(claim, params=(), text=claim.text.split(":", 1)[1].strip())


#: values of a quantified parameter tried for a counterexample (those in its domain), simplest first
PARAMETER_VALUES = tuple(Fraction(v) for v in ("0", "1", "-1", "1/2", "2", "-2", "1/10", "10", "-1/2", "100"))
#: distance from a finite end of the parameter's domain of the value tried just inside it
NEAR_END = Fraction(1, 10 ** 30)
#: instances tried for a counterexample, at most
MAX_INSTANCES = 8


def parameter_candidates(pieces) -> list[Fraction]:
    """The values of a quantified parameter tried for a counterexample, in order: the ends of its domain that
    belong to it, the simple values of :data:`PARAMETER_VALUES` in it, then a value just inside each finite end
    (10^-30 away): a claim that fails only on a sliver next to an open end (``forall 0 <= alpha < 1.0000000001``,
    false for alpha in (1, 1.0000000001)) or everywhere but at the one simple value inside (alpha = 1 of
    ``0.9999999999 < alpha < 1.0000000001``)."""
    inside = [p[0] + NEAR_END if k == 0 else p[1] - NEAR_END
              for p in pieces for k in (0, 1) if p[k] is not None]
    values = (*[e for pc in pieces for e in pc[:2] if e is not None], *PARAMETER_VALUES, *inside)
    return list(dict.fromkeys(v for v in values if any(contains(pc, v) for pc in pieces)))[:MAX_INSTANCES]


def check_quantified(claim, budget: float) -> Verdict:
    """``forall alpha in A: CLAIM``: refuted by an instance the kernel refutes (a counterexample search at a few
    values in A), proved by the kernel's ``affine`` or ``ends`` rule when alpha enters affinely, otherwise unknown with the
    instances tried as evidence."""
    text, tex = statement(claim)
    (name, pieces), = claim.params
    start = time.process_time()
    until = meter.reading() + meter_units(budget)   # the searches' meter, shared
    proof = None if len(pieces) != 1 else _convexity_proof(claim, budget) if claim.op in (
        *CONVEXITY, "continuous", "not continuous") else (_ends_proof(claim, budget, until)
                                                         or _affine_proof(claim, budget, until))
    if proof is not None:
        cert = {"format": FORMAT, "claim": {"forall": name, "domain": [piece_json(pieces[0])],
                                            "statement": claim.text, "claim": proof.pop("inner")},
                "verdict": "proved", "proof": proof}
        try:
            return _checked(cert, text, tex, "kernel-checked proof", start)
        except Rejected:  # a proposed kink whose gap is not of one sign over A: look for an instance instead
            pass
    tried: dict[str, str] = {}
    for value in parameter_candidates(pieces):
        try:
            claim.instance(sp.Rational(value.numerator, value.denominator))  # a catalog parameter's range
            inner = _inner(claim, name)
        except SymactError as exc:  # outside a catalog parameter's range: no instance
            tried[str(value)] = f"no instance ({exc})"
            continue
        except (TermError, TypeError):
            tried[str(value)] = "outside what the kernel reads"
            continue
        found = _refutation(instance_claim(inner, name, value), claim, int(budget / 6 * WORK_PER_SECOND), until)
        tried[str(value)] = "refuted" if found is not None else "not refuted"
        if found is not None:
            cert = {"format": FORMAT, "claim": {"forall": name, "domain": [piece_json(pc) for pc in pieces],
                                                "statement": claim.text, "claim": inner},
                    "verdict": "refuted", "proof": {"rule": "instance", "at": rational_text(value),
                                                    "certificate": found}}
            try:
                return _checked(cert, text, tex, "kernel-checked counterexample", start)
            except Rejected:
                tried[str(value)] = "not refuted"
    return Verdict("unknown", text, tex, "kernel search", seconds=time.process_time() - start,
                   reason=f"no instance refuted ({', '.join(f'{name} = {k}: {s}' for k, s in tried.items())}); "
                          f"no proof for every {name} (the kernel proves one only for a claim affine in {name}, from one end and the slope or from both ends of a bounded interval)",
                   evidence={"instances": tried})


def _refutation(c: dict, claim, work: int, until: int) -> dict | None:
    """A kernel certificate refuting the claim JSON c (an instance of a quantified claim: ordinary, limit,
    convexity or continuity), found by the search within ``work`` work units and before the kernel's work meter
    reads ``until``, or None."""
    domain = list(claim.domain)
    try:
        if "convex" in c:
            verdict, cert, _ = convex_search(from_json(c["convex"]), c["sense"], domain, work, "negated" in c)
        elif "continuous" in c:
            verdict, cert, _ = continuity_search(from_json(c["continuous"]), domain, "negated" in c)
        elif "limit" in c:
            lhs, rel, rhs, _ = read_limit_claim(c)
            verdict, cert, _ = limit_search(lhs, rel, rhs, c["limit"], work)
        else:
            lhs, rel, rhs, pieces = read_claim(c)
            verdict, cert, _ = Search(lhs, rel, rhs, pieces, work=work, metered=_left(until)).run(False)
    except (Rejected, ArithmeticError, ValueError, TypeError, RecursionError):
        return None
    return cert if verdict == "refuted" else None


def _left(until: int) -> int:
    """The units the kernel's work meter may count before it reads ``until``."""
    return max(0, until - meter.reading())


def _checked(cert: dict, text: str, tex: str, method: str, start: float) -> Verdict:
    """The verdict of a certificate the kernel accepts, with its checked steps as the derivation."""
    verdict, steps = kernel_check(cert)
    deriv = Derivation().say(f"Claim: {text}.")
    for line in steps:
        deriv.say(line)
    return Verdict(verdict, text, tex, method, Certificate("kernel", cert), deriv, time.process_time() - start)


def _inner(claim, name: str) -> dict:
    """The claim in x of ``forall NAME in A: CLAIM`` as kernel JSON (TermError outside what the kernel reads)."""
    lhs, rhs = from_sympy(claim.raw_lhs, X, (name,)), from_sympy(claim.raw_rhs, X, (name,))
    negated = {"negated": True} if claim.op.startswith("not ") else {}
    if claim.op in CONVEXITY:
        return {"var": "x", "convex": to_json(lhs), "sense": claim.op.removeprefix("not "),
                "domain": [piece_json(p) for p in claim.domain], **negated}
    if claim.op in ("continuous", "not continuous"):
        return {"var": "x", "continuous": to_json(lhs), "domain": [piece_json(p) for p in claim.domain], **negated}
    return (dict(claim_json(lhs, claim.op, rhs, []), limit=claim.limit) if claim.limit is not None
            else claim_json(lhs, claim.op, rhs, list(claim.domain)))


def _convexity_proof(claim, budget: float) -> dict | None:
    """For ``forall alpha in A: [not] convex(f)`` with f affine in alpha: an ``ends`` node (convex at both ends of
    a bounded A, by :func:`convex_search`) or a ``kink`` node (not convex: the kernel checks the kink's gap at an
    end of A and its slope in alpha; also for ``not continuous(diff(g, x))``, a kink of g), with the inner claim
    under "inner"; or None."""
    (name, (piece,)), = claim.params
    try:
        inner = _inner(claim, name)
        t = from_json(inner.get("convex") or inner["continuous"])
    except (TermError, TypeError):
        return None
    domain = [tuple(p) for p in claim.domain]
    if "continuous" in inner:  # not continuous: d/dx g with a kink of g at every alpha
        if "negated" not in inner or t[0] != "deriv":
            return None
        t = t[1]
    elif "negated" not in inner:
        if piece[0] is None or piece[1] is None:
            return None
        ends = {}
        for role, q in (("low", piece[0]), ("high", piece[1])):
            verdict, cert, _ = convex_search(at_parameter(t, name, q), inner["sense"], domain,
                                             int(budget * WORK_PER_SECOND / 2))
            if verdict != "proved":
                return None
            ends[role] = cert
        return {"rule": "ends", **ends, "inner": inner}
    a = piece[0] if piece[0] is not None else piece[1] if piece[1] is not None else Fraction(0)
    for node in kink_nodes(at_parameter(t, name, a), domain):
        return {**node, "inner": inner}
    return None


def _ends_proof(claim, budget: float, until: int) -> dict | None:
    """An ``ends`` node (with the inner claim under "inner") for a claim affine in its parameter over a bounded
    interval, or None: the claim at both ends, with the relations the kernel's rule needs."""
    (name, (piece,)), = claim.params
    try:
        inner = _inner(claim, name)
        low, high = ends_parts(inner, name, piece)
    except (TermError, TypeError):
        return None
    up = claim.op in (">", ">=")
    weak, strict = (">=", ">") if up else ("<=", "<")
    rels = ["=="] if claim.op == "==" else [strict, weak]
    found = {}
    for role, c in (("low", low), ("high", high)):
        found[role] = next(((r, cert) for r in rels
                            if (cert := _sub_certificate(dict(c, rel=r), budget / 4, until)) is not None), None)
        if found[role] is None:
            return None
    if not ends_allowed(claim.op, found["low"][0], found["high"][0], piece[2], piece[3]):
        return None
    return {"rule": "ends", "low": found["low"][1], "high": found["high"][1], "inner": inner}


def _affine_proof(claim, budget: float, until: int) -> dict | None:
    """An ``affine`` node (with the inner claim under "inner") for a claim affine in its parameter, or None."""
    (name, (piece,)), = claim.params
    try:
        inner = _inner(claim, name)
        a, e, base, slope = affine_parts(inner, name, piece)
    except (TermError, TypeError):
        return None
    a_in = contains(piece, a)
    up = claim.op in (">", ">=")
    weak, strict = (">=", ">") if up else ("<=", "<")
    combos = [(claim.op, "==")] if e == 0 else [("==", "==")] if claim.op == "==" else (
        [(claim.op, weak), (claim.op, "==")] if claim.op == weak else [(strict, weak), (weak, strict), (strict, "==")])
    proofs: dict = {}

    def proved(role: str, c: dict, rel: str):
        if (role, rel) not in proofs:
            proofs[role, rel] = _sub_certificate(dict(c, rel=rel), budget / 4, until)
        return proofs[role, rel]

    for base_rel, slope_rel in combos:
        if not allowed(claim.op, base_rel, slope_rel, e, a_in):
            continue
        b = proved("base", base, base_rel)
        sl = proved("slope", slope, slope_rel) if b is not None else None
        if b is not None and sl is not None:
            return {"rule": "affine", "base": b, "slope": sl, "inner": inner}
    return None


def _sub_certificate(c: dict, budget: float, until: int) -> dict | None:
    """A kernel certificate proving the claim JSON c (ordinary or limit), found by the search within ``budget``
    seconds' work units and before the kernel's work meter reads ``until``, or None."""
    work = int(budget * WORK_PER_SECOND)
    try:
        if "limit" in c:
            lhs, rel, rhs, _ = read_limit_claim(c)
            verdict, cert, _ = limit_search(lhs, rel, rhs, c["limit"], work)
        else:
            lhs, rel, rhs, domain = read_claim(c)
            verdict, cert, _ = Search(lhs, rel, rhs, domain, work=work, metered=_left(until)).run()
    except (Rejected, ArithmeticError, ValueError, TypeError, RecursionError):
        return None
    return cert if verdict == "proved" else None


def check_claim(claim, budget: float, prove: bool = True, expected: bool = False) -> Verdict:
    """The verdict on a parsed claim; ``budget`` (seconds) sets the search's work units, so the verdict does
    not depend on the machine's load; ``prove=False`` looks for a refutation only; ``expected``: the caller
    derived the claim and expects it to hold, so the search tries the proof before its costlier counterexample
    searches (the verdict is the kernel's either way; only the order of the search changes)."""
    if isinstance(claim, SizedClaim):
        return check_sized(claim)
    if isinstance(claim, SeveralClaim):
        return check_several(claim, budget)
    if isinstance(claim, LogicClaim):
        return check_logic_claim(claim, budget)
    if isinstance(claim, AxiomClaim):
        return check_axiomatic(claim)
    if claim.params:
        return check_quantified(claim, budget)
    text, tex = statement(claim)
    start = time.process_time()
    infinite = claim.limit is not None and claim.rhs.is_infinite
    try:
        lhs = from_sympy(claim.raw_lhs, X)
        rhs = ("oo" if claim.rhs == sp.oo else "-oo") if infinite else from_sympy(claim.raw_rhs, X)
    except TermError as exc:
        return Verdict("unknown", text, tex, "kernel", reason=f"outside what the kernel reads: {exc}")
    rel = "==" if claim.op == "!=" else claim.op
    work = int(budget * WORK_PER_SECOND)
    try:
        if claim.op == "smooth":
            verdict, cert, steps = smooth_search(lhs, list(claim.domain))
        elif claim.op in ("continuous", "not continuous"):
            verdict, cert, steps = continuity_search(lhs, list(claim.domain), negated=claim.op.startswith("not "))
        elif claim.op in CONVEXITY:
            verdict, cert, steps = convex_search(lhs, claim.op.removeprefix("not "), list(claim.domain), work,
                                                 negated=claim.op.startswith("not "))
        elif claim.limit is not None:
            verdict, cert, steps = limit_search(lhs, rel, rhs, claim.limit, work)
        elif claim.integral is not None:
            verdict, cert, steps = integral_search(claim.lhs, lhs, *claim.integral[1:], rel, rhs, work, prove)
        else:
            verdict, cert, steps = Search(lhs, rel, rhs, list(claim.domain), work=work,
                                             metered=meter_units(budget)).run(prove, expected)
    except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:  # a defect of the search, not a verdict
        return Verdict("unknown", text, tex, "kernel search", seconds=time.process_time() - start,
                       reason=f"the certificate search failed ({type(exc).__name__}: {exc}); please report it")
    seconds = time.process_time() - start
    if verdict is None:
        return Verdict("unknown", text, tex, "kernel search", seconds=seconds, reason=steps)
    if claim.op == "!=":
        verdict = {"proved": "refuted", "refuted": "proved"}[verdict]
    deriv = Derivation().say(f"Claim: {text}.")
    if claim.op == "!=":
        deriv.say(f"This is the negation of the identity for all x in {claim.domain_text()}, which the "
                  f"certificate {'refutes' if verdict == 'proved' else 'proves'}.")
    for line in steps:
        deriv.say(line)
    method = "kernel-checked counterexample" if cert["verdict"] == "refuted" else "kernel-checked proof"
    return Verdict(verdict, text, tex, method, Certificate("kernel", cert), deriv, seconds)


def check_several(claim: SeveralClaim, budget: float) -> Verdict:
    """``[forall y in A:] convex(F(A(v)), v_1, ..., v_k)``: proved by the kernel's rule ``affine-composition`` from a
    certificate that F is convex on R (for every y: the ``ends`` rule); otherwise unknown (no refutation)."""
    text, tex = statement(claim)
    start = time.process_time()
    outer = claim.outer
    if claim.params:
        proof = _convexity_proof(outer, budget) if len(claim.params[0][1]) == 1 else None
        inner = None if proof is None else {
            "format": FORMAT, "verdict": "proved", "proof": proof,
            "claim": {"forall": claim.params[0][0], "domain": [piece_json(claim.params[0][1][0])],
                      "statement": outer.text, "claim": proof.pop("inner")}}
    else:
        try:
            verdict, inner, _ = convex_search(from_sympy(outer.raw_lhs, X), outer.op, list(outer.domain),
                                              int(budget * WORK_PER_SECOND))
        except (TermError, ArithmeticError, ValueError, TypeError, RecursionError):
            verdict, inner = None, None
        inner = inner if verdict == "proved" else None
    if inner is not None:
        cert = {"format": FORMAT, "claim": claim.data, "verdict": "proved",
                "proof": {"rule": "affine-composition", "certificate": inner}}
        try:
            return _checked(cert, text, tex, "kernel-checked proof", start)
        except Rejected:
            pass
    return Verdict("unknown", text, tex, "kernel search", seconds=time.process_time() - start,
                   reason=f"F (the function of the affine map) is not shown {claim.op} on R"
                          + (" at both ends of the parameter's interval" if claim.params else "")
                          + "; convexity in several variables is never refuted here")


def check_axiomatic(claim: AxiomClaim) -> Verdict:
    """A statement about every function with stated axioms: proved when the kernel accepts its derivation (rule
    derivation, :mod:`symact.kernel.axioms`); unknown without one or when rejected (never refuted)."""
    text, tex = statement(claim)
    start = time.process_time()
    if claim.proof is None:
        return Verdict("unknown", text, tex, "kernel", seconds=0.0,
                       reason="no derivation given ('... by REL TERM from JUSTIFICATION; ...')")
    cert = {"format": FORMAT, "claim": claim.data, "verdict": "proved", "proof": claim.proof}
    try:
        return _checked(cert, text, tex, "kernel-checked proof", start)
    except Rejected as exc:
        return Verdict("unknown", text, tex, "kernel", seconds=time.process_time() - start,
                       reason=f"the kernel rejects the derivation: {exc}")

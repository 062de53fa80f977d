"""Limit claims: ``limit(f(x), x, oo) REL c`` (or at -oo), checked with :mod:`symact.kernel.limits`.

Such a claim says that f is defined on a ray reaching the end, that f(x) has a limit L there in the extended
reals, and that ``L REL c``; c is a constant term or ``"oo"``/``"-oo"`` (then REL is ``==``).  The claim's JSON
has ``"limit": "oo"`` or ``"-oo"`` and no domain.

The rule ``limit``, for both verdicts, is ``{"rule": "limit", "from": "R"}`` (optionally ``"as": TERM``, a form equal
to f on the ray by :mod:`symact.kernel.algebra`, then used for g, with ``"factored": [F, ...]`` factored forms of
polynomials under roots as for the rule ``algebra``: sqrt(x^2 + x) - x = 1/(1 + sqrt(1 + 1/x)) on (1, oo) with
F = x (x + 1), where the calculus leaves oo - oo open): f is defined on the ray (R, oo) (or
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

The rule ``squeeze``, for both verdicts, is ``{"rule": "squeeze", "from": "R", "value": L, "bound": g,
"certificate": C}`` with L a term without x: C, checked by the whole kernel, proves the ordinary claim
``abs(f - L) <= g`` (or ``<``) for all x on the open ray from R (so f is defined there), and the calculus sends g
to exactly 0 at that end; then f -> L (the squeeze theorem: sin(x)/x -> 0 as |sin(x)/x| <= 1/x on (1, oo), which
the calculus leaves open), and the claim is judged as ``limit`` judges the limit L.

The rule ``no-ray`` only refutes: ``{"rule": "no-ray", "from": "R"}`` where f is certainly undefined at every x on
the open ray from R (a part of f, outside a Piecewise, whose argument's enclosure on the ray lies
outside the domain of its function, or a negative base of a root, or a zero divisor: log(x) at -oo), or
``{"rule": "no-ray", "from": "R", "period": "t", "at": a}`` where h = f along x_k = a + t pi k (as for
``subsequence``, the same side condition on sin and cos) is so undefined for every real k > R (1/sin(x): 1/sin(0)
at a = 0; sqrt(x sin(x)): a negative root at a = -pi/2).  Either way f is undefined at points beyond every bound
toward the end, so it is defined on no ray there: the claim, which says it is, is false.  Side condition: f has
no derivative d/dx (which x_k would turn into d/dk).

The rule ``subsequence`` only refutes: ``{"rule": "subsequence", "from": "R", "period": "t", "along": [S, ...]}``
with one or two sequences S = ``{"at": a, "from": ..., "as" or "bound": ...}`` (a a term without x).  f is
defined on the ray from R with smooth form g (as above); the sequence is x_k = a + t pi k (a - t pi k at -oo)
for integers k -> oo, with a rational t > 0.  Side condition: each sin and cos in g has an argument q x + r
with rational q (read off the syntax), r free of x, and q t an even integer; then sin(q x_k + r) = sin(q a + r)
for every integer k (a shift by a multiple of 2 pi; cos alike), so g(x_k) = h(k) for the term h that has these
constants in place of the sines and cosines and a + t pi k in place of every other x.  The limit of h as the
real k -> oo, argued by S as a ``limit`` node argues for f (its ray of k, an equal form, a bound), is the
limit along the integers, so that of g(x_k).  If f had a limit L at the end (the claim says it has), every
such sequence would tend to L.  So the claim is refuted when a sequence's limit certainly violates REL c, or
when two sequences' limits certainly differ (f has no limit, so no claim about it holds): x sin(x) at
x = pi/2 + 2 pi k tends to oo, not 0; x (1 + sin(x)) is 0 at -pi/2 + 2 pi k (exact algebra) and tends to
oo at pi/2 + 2 pi k, so its limit is not >= 0.  Incommensurable frequencies (sin(x) + sin(sqrt(2) x)), an
argument not affine in x (sin(x^2)) or a shift that is no multiple of 2 pi (q t odd) reject the certificate.
"""
from __future__ import annotations

from fractions import Fraction

from flint import ctx

from symact.kernel import algebra, ivals
from symact.kernel.evaluate import PRECISION, GermUndefined, enclose, smooth_on
from symact.kernel.functions import FUNCTIONS, ball, outside
from symact.kernel.ivals import Iv, Uncertain
from symact.kernel.limits import Lim, limit_at, limit_value
from symact.kernel.pieces import CLAIM_RELATIONS, Rejected, by_sign, piece_json, piece_text, proved_claim
from symact.kernel.terms import (X, TermError, add, at, from_json, has_param, has_x, linear_split, mul, num, occurs,
                                 parse_rational, show, sub)

ENDS = {"oo": 1, "-oo": -1}
PI = ("const", "pi")


def read_limit_claim(c: dict):
    """(f, REL, c, side): c a term without x, or +1/-1 for +oo/-oo; side +1 (x -> oo) or -1."""
    try:
        side = ENDS[c["limit"]]
        lhs, rel, rhs = from_json(c["lhs"]), c["rel"], c["rhs"]
        target = ENDS[rhs] if isinstance(rhs, str) else from_json(rhs)  # a term is a list
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
    rule = node.get("rule") if isinstance(node, dict) else None
    if rule in ("subsequence", "no-ray"):
        if verdict != "refuted":
            raise Rejected(f"{rule} only refutes a limit claim")
        return _subsequence(f, rel, target, side, node, check) if rule == "subsequence" else _no_ray(f, side, node)
    if rule not in ("limit", "squeeze"):
        raise Rejected("a limit claim is settled by a limit, squeeze or subsequence node")
    lim, log = (_limit_of if rule == "limit" else _squeezed)(f, node, side, target, check)
    holds, said = _judged(lim, rel, target, "+oo" if side > 0 else "-oo")
    if holds is None:
        raise Rejected(said)
    log.append(said)
    if holds != (verdict == "proved"):
        raise Rejected(f"the limit {'satisfies' if holds else 'does not satisfy'} the claim")
    return log


def _limit_of(f, node, side: int, target, check, name: str = "f") -> tuple[Lim, list[str]]:
    """The limit of f (of f - c for a finite c) at the end ``side`` by the limit node's argument, and its steps
    (where f is called ``name``)."""
    ray = _ray(node, side)
    g = smooth_on(f, ray)  # defined on the whole ray
    log = [f"On {piece_text(ray)}: {name} = {show(g)}, defined everywhere there."]
    if "as" in node:  # an equal form (exact algebra on the ray) whose limit the calculus resolves
        other = from_json(node["as"])
        if not algebra.is_zero(sub(g, other), ray, [from_json(u) for u in node.get("factored", [])]):
            raise Rejected("the given form is not equal to f on the ray by exact algebra")
        g = other
        log.append(f"There {name} = {show(g)} (exact algebra).")
    if "bound" not in node:
        return limit_at(g if isinstance(target, int) else sub(g, target), side), log
    if "as" in node:
        raise Rejected("a limit node has either an equal form or a bound, not both")
    h = from_json(node["bound"])  # h -> +-oo, and f >= h (h -> +oo) or f <= h (h -> -oo) on the ray (the kernel)
    lim = limit_at(h, side)
    if lim.finite:
        raise Rejected("the bound tends to a finite limit: a comparison shows nothing")
    rel = ">=" if lim.sign > 0 else "<="
    proved_claim(node.get("certificate"), check, (rel,), lambda *got: got == (f, h, [ray]),
                 f"f {rel} {show(h)} on {piece_json(ray)}")
    log.append(f"{name} {rel} {show(h)} on the ray (kernel-checked), which tends to {'oo' if lim.sign > 0 else '-oo'} "
               f"at {'+oo' if side > 0 else '-oo'}: so does {name} (comparison).")
    return lim, log


def _squeezed(f, node, side: int, target, check) -> tuple[Lim, list[str]]:
    """The rule ``squeeze`` (see the module's docstring): the limit of f (of f - c for a finite c) is that of the
    constant L, as |f - L| <= g on the ray (a kernel certificate) and g -> 0 (the calculus)."""
    ray = _ray(node, side)
    value, g = from_json(node.get("value")), from_json(node.get("bound"))
    if has_x(value) or has_param(value):
        raise Rejected("the value of a squeeze is a constant")
    lim = limit_at(g, side)
    if not (lim.finite and limit_value(lim).is_zero()):
        raise Rejected("the bound of a squeeze does not tend to 0")
    proved_claim(node.get("certificate"), check, ("<=", "<"), lambda *got: got == (("abs", sub(f, value)), g, [ray]),
                 f"|f - ({show(value)})| <= {show(g)} on {piece_json(ray)}")
    return limit_at(value if isinstance(target, int) else sub(value, target), side), [
        f"|f - ({show(value)})| <= {show(g)} on {piece_text(ray)} (kernel-checked), and {show(g)} tends to 0 at "
        f"{'+oo' if side > 0 else '-oo'}: so f tends to {show(value)} (squeeze)."]


def _judged(lim: Lim, rel: str, target, end: str, name: str = "f") -> tuple[bool | None, str]:
    """Whether the limit L (``lim``: of f, or of f - c for a finite c) certainly has ``L REL c`` (True), certainly
    not (False) or neither (None), and the sentence that says so (where f is called ``name``)."""
    if isinstance(target, int):
        if lim.finite:
            return False, (f"{name} tends to a finite limit in {lim.value} at {end}, not to "
                           f"{'oo' if target > 0 else '-oo'}.")
        return lim.sign == target, f"{name} tends to {'oo' if lim.sign > 0 else '-oo'} at {end}."
    if not lim.finite:  # f -> +-oo: compared with a finite c in the extended reals
        return by_sign(rel, lim.sign), f"{name} tends to {'oo' if lim.sign > 0 else '-oo'} at {end}."
    holds, value = _settled(lim, rel)
    if holds is None:
        return None, f"the limit of {name} - c lies in {value}, not certainly {rel} 0 or not"
    return holds, (f"{name} - ({show(target)}) tends to a limit in {value} at {end}, so the limit of {name} is "
                   f"{rel if holds else 'not ' + rel} {show(target)}.")


def along(f, a, t: Fraction, side: int):
    """g(k) = f(a + side t pi k) for every integer k, by the side condition of ``subsequence`` (Rejected where it
    fails): each sin or cos of f takes an argument q x + r with rational q and r free of x, and q t is an even
    integer, so its value at a + side t pi k is its value at a (a shift by q t pi k, a multiple of 2 pi, for an
    integer k only); x elsewhere is a + side t pi k."""
    if f == X:
        return add(a, mul(num(side * t), PI, X))
    if f[0] == "fn" and f[1] in ("sin", "cos") and has_x(f[2]):
        q, r = linear_split(f[2])
        if (r is not None and has_x(r)) or (q * t / 2).denominator != 1:
            raise Rejected(f"{show(f)} does not have period {t} pi with an argument affine in x")
        return ("fn", f[1], at(f[2], a))
    return tuple(along(u, a, t, side) if isinstance(u, tuple) else u for u in f)


def _subsequence(f, rel: str, target, side: int, node, check) -> list[str]:
    """The rule ``subsequence`` (see the module's docstring): the limit along one or two sequences."""
    t, items = parse_rational(node.get("period")), node.get("along")
    if t <= 0 or not isinstance(items, list) or len(items) not in (1, 2):
        raise Rejected("subsequence needs a period t > 0 and one or two sequences")
    ray = _ray(node, side)
    g = smooth_on(f, ray)
    log, lims = [f"f = {show(g)} on {piece_text(ray)}."], []
    for item in items:
        a = from_json(item.get("at"))
        if has_x(a) or has_param(a):
            raise Rejected("the phase of a sequence is a constant")
        lim, said = _limit_of(along(g, a, t, side), item, 1, target, check, "h")
        holds, judged = _judged(lim, rel, target, "+oo", "h")
        log += [f"At x = {show(a)} {'+' if side > 0 else '-'} {t} pi k for integers k, each sin and cos of f is its "
                f"value at {show(a)} (a shift by a multiple of 2 pi): f = h(k), written with x for k:", *said, judged]
        if holds is False:
            return log + ["So f along these points tends to a limit that violates the claim: f has no such limit."]
        lims.append(lim)
    if len(lims) == 2 and _differ(*lims):
        return log + ["The two sequences tend to different limits, so f has no limit."]
    raise Rejected("no sequence's limit violates the claim and no two differ")


def _no_ray(f, side: int, node) -> list[str]:
    """The rule ``no-ray`` (see the module's docstring): f is undefined on the whole ray, or at a + t pi k for every
    integer k beyond R."""
    if occurs(f, lambda u: u[0] == "deriv"):  # along x_k, d/dx would become d/dk (and a sin or cos in it a constant)
        raise Rejected("no-ray does not read a derivative")
    h, ray = f, _ray(node, side)
    said = f"f = {show(f)} is undefined at every x in {piece_text(ray)}"
    if "period" in node:  # h(k) = f(a + side t pi k), undefined at every k > R
        t, a = parse_rational(node["period"]), from_json(node.get("at"))
        if t <= 0 or has_x(a) or has_param(a):
            raise Rejected("no-ray needs a period t > 0 and a constant phase")
        h, ray = along(f, a, t, side), _ray(node, 1)  # k from R toward +oo
        said = (f"At x = {show(a)} {'+' if side > 0 else '-'} {t} pi k for integers k, each sin and cos of f is its "
                f"value at {show(a)}: f = {show(h)}, written with x for k, is undefined for every k > {ray[0]}")
    why = _nowhere(h, ray)
    if why is None:
        raise Rejected("f is not certainly undefined on the whole ray (along the sequence, with a period)")
    return [f"{said} ({why}): f is undefined at points beyond every bound toward {'+oo' if side > 0 else '-oo'}, "
            f"so it is defined on no ray there and has no limit."]


def _ray(node: dict, side: int) -> tuple:
    """The open ray from the node's rational ``from`` toward the end ``side``."""
    r = parse_rational(node.get("from"))
    return (r, None, False, False) if side > 0 else (None, r, False, False)


def _nowhere(t, piece) -> str | None:
    """Why t (without a derivative) is certainly undefined at every point of the piece: a part of t (outside a
    Piecewise) whose argument lies certainly outside the domain of its function or power there; or None."""
    head = t[0]
    if head in ("x", "num", "const", "pw"):
        return None
    why = next(filter(None, (_nowhere(a, piece) for a in t[1:] if isinstance(a, tuple))), None)
    if why or head not in ("fn", "pow"):
        return why
    try:
        arg = enclose(t[2] if head == "fn" else t[1], piece)
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return None
    if head == "pow":
        if t[2] < 0 and arg.is_zero():
            return f"division by {show(t[1])} = 0"
        return f"a real root of {show(t[1])} < 0" if t[2].denominator != 1 and arg.negative() else None
    interval = FUNCTIONS[t[1]].interval
    return f"{t[1]} of {show(t[2])}, outside its domain" if interval is not None and outside(arg, interval) else None


def _differ(a: Lim, b: Lim) -> bool:
    """Whether two limits are certainly different (in the extended reals)."""
    if a.finite and b.finite:
        return ivals.add(limit_value(a), ivals.neg(limit_value(b))).sign() != 0
    return a.finite != b.finite or a.sign != b.sign


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


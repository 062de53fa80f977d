"""Sequences x_k = a + t pi k that refute a limit claim (the kernel's rules ``subsequence`` and ``no-ray``):
proposals only.

Where every sin and cos in f (its smooth form on a ray) has an argument q x + r with rational q, t = 2 L, L the
least common multiple of the denominators of the q, makes each shift q t pi k a multiple of 2 pi.  The phases a
tried are the points where an argument is a multiple of pi/2 (its sine and cosine 0 or +-1), then the multiples
of t pi/8.  Along each sequence the kernel rewrites f into a term h(k) (:func:`symact.kernel.limit_claim.along`);
SymPy's own evaluation of h (sin(-pi/2) = -1, so x (1 + sin x) is 0 there) is proposed as an equal form, which
the kernel re-checks by exact algebra.  One sequence whose limit violates the claim, or two whose limits differ,
refute it: the kernel decides.
"""
from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

from symact.decide.terms_sympy import to_sympy
from symact.kernel import Rejected, check
from symact.kernel.evaluate import GermUndefined, smooth_on
from symact.kernel.ivals import Uncertain
from symact.kernel.limit_claim import PI, along
from symact.kernel.limits import limit_at
from symact.kernel.pieces import FORMAT
from symact.kernel.terms import TermError, add, has_x, linear_split, mul, num, rational_text, to_json
from symact.sympy_terms import from_sympy

#: the most phases tried, and the most pairs of sequences with different limits
MAX_PHASES, MAX_PAIRS = 16, 6
_K = sp.Symbol("x", real=True)
#: the ends R of the rays tried, beyond side * R
_RAYS = (Fraction(0), Fraction(1), Fraction(8), Fraction(64))


def subsequence_refutation(claim: dict, f, side: int) -> tuple[dict, list[str]] | None:
    """(a kernel-checked certificate refuting the limit claim, its steps), or None; f is the claim's lhs and
    side +1 for x -> oo, -1 for x -> -oo."""
    found = _ray_form(f, side)
    if found is None:
        return None
    r, g = found
    args = _trig_arguments(g)
    if not args:
        return None
    t = _period(args)
    node = {"rule": "subsequence", "from": rational_text(side * r), "period": rational_text(t)}
    decided = []  # (sequence node, a coarse key of its limit): pairs with different keys are tried last
    for a in _phases(args, t)[:MAX_PHASES]:
        try:
            h = along(g, a, t, side)
        except Rejected:
            return None
        for item, form in _sequence_nodes(h, a, r, t):
            found = _refuted(claim, {**node, "along": [item]})
            if found is not None:
                return found
            key = _limit_key(form)
            if key is not None:
                decided.append((item, key))
                break
    pairs = [(u, v) for i, (u, ku) in enumerate(decided) for v, kv in decided[i + 1:] if ku != kv]
    return next(filter(None, (_refuted(claim, {**node, "along": [u, v]}) for u, v in pairs[:MAX_PAIRS])), None)


def no_ray_refutation(claim: dict, f, side: int) -> tuple[dict, list[str]] | None:
    """(a kernel-checked certificate (rule ``no-ray``) refuting the limit claim, its steps), or None: f undefined on
    the whole ray from side * R (R = 0, 1, 8, 64), or along x_k = a + t pi k at one of the phases of
    :func:`subsequence_refutation` for every k > 1."""
    args = _trig_arguments(f)
    t = _period(args) if args else None
    nodes = [{"rule": "no-ray", "from": rational_text(side * r)} for r in _RAYS]
    nodes += [{"rule": "no-ray", "from": "1", "period": rational_text(t), "at": to_json(a)}
              for a in (_phases(args, t)[:MAX_PHASES] if args else [])]
    return next(filter(None, (_refuted(claim, node) for node in nodes)), None)


def _period(args) -> int:
    """t = 2 L, L the least common multiple of the denominators of the sin/cos slopes q: each q t pi k is a
    multiple of 2 pi."""
    return 2 * math.lcm(*(q.denominator for q, _ in args))


def _refuted(claim: dict, proof: dict) -> tuple[dict, list[str]] | None:
    """(the certificate refuting ``claim`` with ``proof``, the kernel's steps) where the kernel accepts it, else None."""
    cert = {"format": FORMAT, "claim": claim, "verdict": "refuted", "proof": proof}
    try:
        return cert, check(cert)[1]
    except Rejected:
        return None


def _ray_form(f, side: int) -> tuple[Fraction, tuple] | None:
    """(r, f's smooth form on the ray beyond side * r) for the first r of 0, 1, 8, 64 where the kernel finds one."""
    for r in _RAYS:
        try:
            return r, smooth_on(f, (r, None, False, False) if side > 0 else (None, -r, False, False))
        except (Uncertain, GermUndefined, ZeroDivisionError):
            continue
    return None


def _trig_arguments(g) -> list | None:
    """The arguments (q, r) = q x + r of the sines and cosines in g that hold x, or None where one is not affine
    in x with a rational q (read off the syntax as the kernel does)."""
    out, stack = [], [g]
    while stack:
        u = stack.pop()
        if u[0] == "fn" and u[1] in ("sin", "cos") and has_x(u[2]):
            q, rest = linear_split(u[2])
            if q == 0 or (rest is not None and has_x(rest)):
                return None
            if (q, rest) not in out:
                out.append((q, rest))
            continue
        stack.extend(a for a in u[1:] if isinstance(a, tuple))
    return out


def _phases(args: list, t: Fraction) -> list:
    """Phases a: q a + r = m pi/2 (m = 0..3) for each argument, then j t pi/8 (j = 0..7); without repeats."""
    def times_pi(c: Fraction):
        return mul(num(c), PI) if c else num(0)

    out = []
    for q, rest in args:
        for m in range(4):
            a = times_pi(Fraction(m, 2) / q)
            out.append(a if rest is None else add(a, mul(num(-1 / q), rest)))
    out += [times_pi(t * j / 8) for j in range(8)]
    return list(dict.fromkeys(out))


def _sequence_nodes(h, a, r: Fraction, t: Fraction) -> list:
    """(sequence node, the form of h whose limit it argues) for phase a: h itself, then SymPy's evaluation of it,
    on the ray of k where x_k is beyond r (a numerically bounded)."""
    try:
        start = math.ceil((float(r) + abs(float(to_sympy(a)))) / (float(t) * math.pi)) + 1
        evaluated = from_sympy(to_sympy(h), _K)
    except (TermError, TypeError, ValueError, OverflowError):
        return []
    item = {"at": to_json(a), "from": str(start)}
    return [(item, h)] + ([({**item, "as": to_json(evaluated)}, evaluated)] if evaluated != h else [])


def _limit_key(h):
    """A coarse key of h's limit as k -> oo by the kernel's calculus (the sign of an infinite one, a finite one to
    9 digits), or None where the calculus leaves it open."""
    try:
        lim = limit_at(h, 1)
        return ("value", round(float(lim.value.as_ball().mid()), 9)) if lim.finite else ("oo", lim.sign)
    except (Uncertain, ZeroDivisionError, ValueError, OverflowError):
        return None

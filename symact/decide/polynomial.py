"""Exact sign patterns of polynomials with rational coefficients (in x, or in t = exp(a x) > 0)."""
from __future__ import annotations

import sympy as sp

from symact.decide import balls
from symact.decide.pattern import Pattern, Undecided, Zero, sample_point


def _side(z: Zero, end, check_zero) -> int:
    """-1 / 0 / +1: the zero lies left of, at, or right of the finite ``end``."""
    if z.hi < end:
        return -1
    if z.lo > end:
        return 1
    if z.exact is not None and z.exact == end:
        return 0
    if check_zero(end):
        return 0
    if z.exact is not None:
        ball = balls.constant(z.exact - end, 400)
        s = balls.ball_sign(ball)
        if s is not None:
            return s
    raise Undecided("a root enclosure straddles an interval end")


def _restrict(zeros: list[Zero], signs: list[int], lo, hi, check_zero) -> Pattern:
    """Keep the zeros within [lo, hi] (``check_zero(end)`` says whether the function vanishes at an end)."""
    kept, kept_signs = [], [signs[0]]
    for i, z in enumerate(zeros):
        if lo.is_finite:
            side = _side(z, lo, check_zero)
            if side < 0:
                kept_signs[-1] = signs[i + 1]
                continue
            if side == 0:
                z = Zero(lo, lo, lo)
        if hi.is_finite:
            side = _side(z, hi, check_zero)
            if side > 0:
                break
            if side == 0:
                z = Zero(hi, hi, hi)
        kept.append(z)
        kept_signs.append(signs[i + 1])
    return Pattern(lo, hi, kept, kept_signs)


def _certainly_between(r, a, b) -> bool:
    try:
        return bool(r >= a) and bool(r <= b)
    except TypeError:
        return False


def polynomial_pattern(poly: sp.Poly, lo, hi, to_x=None, describe: str = "") -> Pattern:
    """Exact pattern of a polynomial with rational coefficients (``to_x`` maps a root in t back to x)."""
    ivs = poly.intervals(eps=sp.Rational(1, 10 ** 25))
    exact_roots = sorted(set(sp.real_roots(poly)), key=lambda r: float(r))
    zeros, signs = [], []
    pts = [(a, b) for (a, b), _ in ivs]
    for k in range(len(pts) + 1):
        left = -sp.oo if k == 0 else pts[k - 1][1]
        right = sp.oo if k == len(pts) else pts[k][0]
        p = sample_point(left, right) if left != right else left
        v = poly.eval(p)
        signs.append(int(sp.sign(v)))
    for a, b in pts:
        inside = [r for r in exact_roots if _certainly_between(r, a, b)]
        zeros.append((a, b, inside[0] if len(inside) == 1 else None))
    if to_x is None:
        out = [Zero(a, b, r) if r is not None or a == b else Zero(a, b, a if a == b else None)
               for a, b, r in zeros]
        return _restrict(out, signs, lo, hi, lambda end: poly.eval(end) == 0)
    # roots in t > 0 only, mapped by the increasing or decreasing map to x
    out, osigns = [], [signs[0]]
    for i, (a, b, r) in enumerate(zeros):
        if b <= 0:
            osigns[-1] = signs[i + 1]
            continue
        if a <= 0 or r is None:
            raise Undecided("a root in t = exp(a x) too close to 0 or not known exactly")
        out.append((a, b, r))
        osigns.append(signs[i + 1])
    increasing, mapping = to_x
    mapped = [Zero.at(mapping(r)) for _, _, r in out]
    if not increasing:
        mapped, osigns = mapped[::-1], osigns[::-1]
    return _restrict(mapped, osigns, lo, hi, lambda end: False)

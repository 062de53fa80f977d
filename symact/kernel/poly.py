"""Polynomials with exact rational coefficients as ``{monomial: coefficient}`` (no zero coefficient), shared by
the rules that expand products exactly (:mod:`symact.kernel.sizes`, :mod:`symact.kernel.logic_claim`,
:mod:`symact.kernel.remainder`, :mod:`symact.kernel.axioms`).  A monomial is any hashable value; each user says
how two multiply (commuting powers: :func:`powers`; words of matrices: concatenation).  Only the ring axioms over
Q are used.  A quotient N/D of two polynomials is a pair (N, D), added and compared without cancellation."""
from __future__ import annotations

from fractions import Fraction
from typing import Callable


def _put(out: dict, m, c: Fraction) -> None:
    """Add c m to the polynomial out, in place (a coefficient that becomes 0 goes)."""
    v = out.get(m, 0) + c
    if v:
        out[m] = v
    else:
        out.pop(m, None)


def const(c) -> dict:
    """The constant polynomial c (monomial ``()``)."""
    return {(): Fraction(c)} if c else {}


def constant_of(p: dict) -> Fraction | None:
    """The value of a constant polynomial, or None."""
    if any(m for m in p):
        return None
    return p.get((), Fraction(0))


def add(p: dict, q: dict, scale: Fraction = Fraction(1)) -> dict:
    """p + scale q."""
    out = dict(p)
    for m, c in q.items():
        _put(out, m, scale * c)
    return out


def powers(m: tuple, n: tuple, key: Callable | None = None) -> tuple:
    """The product of two monomials written as sorted tuples of (generator, exponent): exponents added."""
    exps = dict(m)
    for v, e in n:
        exps[v] = exps.get(v, 0) + e
    return tuple(sorted(exps.items(), key=key))


def mul(p: dict, q: dict, times: Callable[[object, object], object] = powers) -> dict:
    """p q, with ``times(m, n)`` the product of two monomials (default: :func:`powers`)."""
    out: dict = {}
    for m, c in p.items():
        for n, d in q.items():
            _put(out, times(m, n), c * d)
    return out


def power(p: dict, n: int, times: Callable[[dict, dict], dict] = mul) -> dict:
    """p^n for an integer n >= 0, by n products ``times`` (default: :func:`mul`)."""
    out = const(1)
    for _ in range(n):
        out = times(out, p)
    return out


def quotient_add(a: tuple, b: tuple, scale: Fraction = Fraction(1), times: Callable[[dict, dict], dict] = mul) -> tuple:
    """a + scale b for quotients a = (N_a, D_a), b = (N_b, D_b): (N_a D_b + scale N_b D_a, D_a D_b)."""
    return add(times(a[0], b[1]), times(b[0], a[1]), scale), times(a[1], b[1])

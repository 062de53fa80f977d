"""Polynomials with exact rational coefficients as ``{monomial: coefficient}`` (no zero coefficient), shared by
the rules that expand products exactly (:mod:`symact.kernel.sizes`, :mod:`symact.kernel.logic_claim`,
:mod:`symact.kernel.remainder`, :mod:`symact.kernel.axioms`).  A monomial is any hashable value; each user says
how two multiply (commuting powers: :func:`powers`; words of matrices: concatenation).  Only the ring axioms over
Q are used.  A quotient N/D of two polynomials is a pair (N, D), added and compared without cancellation."""
from __future__ import annotations

from fractions import Fraction
from functools import reduce
from itertools import repeat
from typing import Callable

from symact.kernel.pieces import Rejected
from symact.kernel.terms import parse_rational

MAX_MONOMIALS = 20_000
MAX_PRODUCT_TERMS = 400_000  # pairs of terms multiplied in one product of polynomials


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
    return None if any(p) else p.get((), Fraction(0))


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
    return reduce(times, repeat(p, n), const(1))


def quotient_add(a: tuple, b: tuple, scale: Fraction = Fraction(1), times: Callable[[dict, dict], dict] = mul) -> tuple:
    """a + scale b for quotients a = (N_a, D_a), b = (N_b, D_b): (N_a D_b + scale N_b D_a, D_a D_b)."""
    return add(times(a[0], b[1]), times(b[0], a[1]), scale), times(a[1], b[1])


def capped_mul(p: dict, q: dict) -> dict:
    """p q (commuting powers), Rejected past the kernel's size limits."""
    if len(p) * len(q) > MAX_PRODUCT_TERMS:
        raise Rejected("a product of polynomials grows past the kernel's size limit")
    out = mul(p, q)
    if len(out) > MAX_MONOMIALS:
        raise Rejected("a polynomial grows past the kernel's size limit")
    return out


def quotient(t, leaf: Callable[[object], tuple]) -> tuple:
    """(N, D) of a JSON term, N/D its value: ``["num", "p/q"]``, ``["add", ...]``, ``["mul", ...]`` and ``["div",
    A, B]`` read here, every other node by ``leaf`` (which gives its own (N, D)).  A/B is (N_A D_B^2, D_A N_B D_B):
    D is the product of every divisor's numerator and the leaves' D, so the term is defined iff D != 0 (with
    the leaves' own conditions); products by :func:`capped_mul`, nothing cancelled."""
    head, args = (t[0], t[1:]) if isinstance(t, list) and t else (None, ())
    if head == "num" and len(args) == 1:
        return const(parse_rational(args[0])), const(1)
    if head in ("add", "mul") and args:
        n, d = quotient(args[0], leaf)
        for a in args[1:]:
            n2, d2 = quotient(a, leaf)
            n, d = quotient_add((n, d), (n2, d2), times=capped_mul) if head == "add" else (
                capped_mul(n, n2), capped_mul(d, d2))
        return n, d
    if head == "div" and len(args) == 2:
        (n, d), (n2, d2) = quotient(args[0], leaf), quotient(args[1], leaf)
        return capped_mul(n, capped_mul(d2, d2)), capped_mul(d, capped_mul(n2, d2))
    return leaf(t)

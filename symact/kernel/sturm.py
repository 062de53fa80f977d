"""Rule ``sturm``: a claim whose difference d = lhs - rhs is a rational function over Q by its syntax
(:func:`rational_of`: rationals and x by sums, products and integer powers; d = N/D for polynomials N, D, defined
exactly where D != 0), decided by counting real zeros exactly (Sturm's theorem), with no enclosure and no float.

Trusted: FLINT's exact arithmetic of polynomials over Q (python-flint ``fmpq_poly``: products, powers, derivative,
division with remainder, composition) and Sturm's theorem.  The Sturm sequence of a polynomial q is s_0 = q,
s_1 = q', s_(k+1) = -(s_(k-1) mod s_k) until a remainder is 0; for a < b, neither a zero of q, the number of
distinct zeros of q in (a, b) is V(a) - V(b), with V(c) the number of sign changes along s_0(c), s_1(c), ...
(zeros left out), also where q has multiple zeros (every s_k is then a multiple of gcd(q, q'), not 0 at a or b).

The kernel takes V just right of the lower end lo of a piece and just left of its upper end hi: the sign of s_k on
(c, c + e) for a small e > 0 is that of the first nonzero coefficient of s_k(c + t) in t (times (-1)^j on
(c - e, c) for the j-th coefficient), at +oo that of s_k's leading coefficient (times (-1)^deg at -oo).  No s_k has a
zero in (lo, lo + e) or (hi - e, hi) for e small enough, so V(lo+) - V(hi-) counts the distinct zeros of q in the
open interval (lo, hi).

* **proof** ``{"rule": "sturm"}`` of ``d REL 0`` (REL one of < <= > >=) on a piece P: D has no zero in P (so d is
  defined there, with the sign of N D), N D has no zero inside P, so one sign there (the intermediate value
  theorem), the sign just right of lo; it satisfies REL, and so does N D's exact value at each closed end of P.
* **refutation** ``{"rule": "sturm"}``: D is 0 somewhere in a piece of the domain (at a closed end, exactly, or
  inside), where d is undefined, so the claim fails whatever REL (1/(x^2 - 2) at sqrt 2); or, for ``<`` and ``>``
  with D != 0 on every piece, N is 0 somewhere in one, where the strict relation fails: a tie at an irrational
  point, (x^2 - 2)^2 > 0 at sqrt 2, which no rational counterexample shows.
"""
from __future__ import annotations

from fractions import Fraction

from flint import fmpq, fmpq_poly

from symact.kernel.pieces import Rejected, holds, piece_text
from symact.kernel.terms import show

#: highest degree of a polynomial the rule reads (a higher one, or a longer product: Rejected)
MAX_DEGREE = 64
#: most bits of a numerator or denominator in the Sturm sequence (its remainders' coefficients grow)
MAX_BITS = 200_000
STRICT = ("<", ">")


def rational_of(t) -> tuple[fmpq_poly, fmpq_poly] | None:
    """(N, D), polynomials over Q with t = N/D wherever t is defined and t defined exactly where D != 0, when t is
    built from rationals and x by sums, products and integer powers (of any sign), N and D of degree at most
    :data:`MAX_DEGREE`; else None.  For b = Nb/Db: b^k is Nb^k / Db^k (k > 0), b^0 is Db / Db (1 where b is
    defined), b^-k is Db^(k+1) / (Nb^k Db): undefined where b is 0 (Nb = 0) or undefined (Db = 0), as the
    kernel's terms are; a sum's and a product's D is the product of the parts' D."""
    head = t[0]
    if head == "x":
        return fmpq_poly([0, 1]), fmpq_poly([1])
    if head == "num":
        return fmpq_poly([fmpq_of(t[1])]), fmpq_poly([1])
    if head == "pow" and t[2].denominator == 1:
        base, k = rational_of(t[1]), abs(int(t[2]))
        if base is None:
            return None
        n, d = base
        degrees = (_degree(n) * k, _degree(d) * k) if t[2] >= 0 else (_degree(d) * (k + 1), _degree(n) * k + _degree(d))
        if max(degrees) > MAX_DEGREE:   # checked before the powers are formed
            return None
        if k == 0:
            return d, d   # b^0 = 1 where b is defined
        return (n ** k, d ** k) if t[2] > 0 else (d ** (k + 1), n ** k * d)
    if head in ("add", "mul") and len(t) > 1:
        out = rational_of(t[1])
        for a in t[2:]:
            other = None if out is None else rational_of(a)   # no part read after one that is not rational
            if other is None:
                return None
            (n1, d1), (n2, d2) = out, other   # each of degree <= MAX_DEGREE: the products are formed, then checked
            out = (n1 * d2 + n2 * d1, d1 * d2) if head == "add" else (n1 * n2, d1 * d2)
            if max(_degree(out[0]), _degree(out[1])) > MAX_DEGREE:
                return None
        return out
    return None


def _degree(q: fmpq_poly) -> int:
    return max(q.degree(), 0)


def fmpq_of(c: Fraction) -> fmpq:
    """The rational c as python-flint's fmpq."""
    return fmpq(c.numerator, c.denominator)


def _closed_ends(p) -> list[Fraction]:
    return [e for e, closed in ((p[0], p[2]), (p[1], p[3])) if closed and e is not None]


def _proper(p) -> bool:
    """Whether the piece p is an interval with an interior (not a single point)."""
    return p[0] is None or p[0] != p[1]


def _sequence(d: fmpq_poly) -> list[fmpq_poly]:
    """The Sturm sequence of a polynomial d of degree >= 1 (Rejected when its coefficients grow past
    :data:`MAX_BITS`)."""
    seq = [d, d.derivative()]
    while True:
        r = -(seq[-2] % seq[-1])
        if r.is_zero():
            return seq
        if max(r.numer().height_bits(), int(r.denom()).bit_length()) > MAX_BITS:
            raise Rejected("the Sturm sequence's coefficients grow past the kernel's size limit")
        seq.append(r)


def _sign(q) -> int:
    return (q > 0) - (q < 0)


def _side_sign(s: fmpq_poly, c: Fraction | None, side: int) -> int:
    """The sign of the nonzero polynomial s just right (side 1) or just left (side -1) of c; at +oo (c None, side
    -1) or -oo (c None, side 1)."""
    coeffs = s.coeffs()
    if c is None:
        return _sign(coeffs[-1]) * (1 if side < 0 or s.degree() % 2 == 0 else -1)
    shifted = s(fmpq_poly([fmpq_of(c), 1])).coeffs()   # s(c + t) in powers of t
    j = next(k for k, a in enumerate(shifted) if a != 0)
    return _sign(shifted[j]) * (-1 if side < 0 and j % 2 else 1)


def _changes(signs: list[int]) -> int:
    return sum(a != b for a, b in zip(signs, signs[1:]))


def zeros_inside(d: fmpq_poly, p) -> int:
    """The number of distinct zeros of the nonzero polynomial d in the open interval between p's ends."""
    if d.degree() < 1 or not _proper(p):
        return 0
    seq = _sequence(d)
    return (_changes([_side_sign(s, p[0], 1) for s in seq])
            - _changes([_side_sign(s, p[1], -1) for s in seq]))


def _value(d: fmpq_poly, c: Fraction) -> Fraction:
    v = d(fmpq_of(c))
    return Fraction(int(v.p), int(v.q))


def _read(d) -> tuple[fmpq_poly, fmpq_poly]:
    got = rational_of(d)
    if got is None:
        raise Rejected(f"sturm needs a rational function over Q of degree <= {MAX_DEGREE}, not {show(d)[:200]}")
    return got


def _zero_in(q: fmpq_poly, p) -> str | None:
    """Where the polynomial q is 0 in the piece p (a closed end, or inside: Sturm's count), or None."""
    for e in _closed_ends(p):
        if _value(q, e) == 0:
            return f"at x = {e}"
    if _proper(p) and (q.is_zero() or zeros_inside(q, p)):
        return f"inside {piece_text(p)} (Sturm's theorem)"
    return None


def prove(d, rel: str, p) -> str:
    """The step checked for ``d REL 0`` on the piece p, or Rejected."""
    n, den = _read(d)
    undefined = _zero_in(den, p)
    if undefined:
        raise Rejected(f"the difference is undefined {undefined}, where its denominator is 0")
    poly = n * den  # of d's sign wherever d = N/D is defined
    ends = _closed_ends(p)
    bad = next((e for e in ends if not holds(_value(poly, e), rel)), None)
    if bad is not None:
        raise Rejected(f"at the closed end x = {bad} the difference is not {rel} 0 (exact)")
    if _proper(p):
        if poly.is_zero():
            if not holds(Fraction(0), rel):
                raise Rejected(f"the difference is 0 on {piece_text(p)}, not {rel} 0")
        else:
            k = zeros_inside(poly, p)
            if k:
                raise Rejected(f"the difference has {k} zero(s) inside {piece_text(p)} (Sturm's theorem)")
            if not holds(Fraction(_side_sign(poly, p[0], 1)), rel):
                raise Rejected(f"the difference has no zero inside {piece_text(p)} but is not {rel} 0 there")
    kind = ("a polynomial with" if den.degree() == 0 else
            "N/D for polynomials N, D, where D has no zero on the piece and N D")
    inside = ("" if not _proper(p) else f"0, {rel} 0" if poly.is_zero() else
              f"{kind} no zero inside (Sturm's theorem, exact), so of one sign there, {rel} 0")
    at_ends = f"{'; ' if inside else ''}at x = {', '.join(map(str, ends))} its exact value is {rel} 0" if ends else ""
    return f"On {piece_text(p)}: the difference is {inside}{at_ends}."


def refute(d, rel: str, domain: list) -> str:
    """The step checked for the refutation of ``d REL 0`` on the domain, or Rejected: d is undefined in a piece
    (its denominator D is 0 there), or, for a strict REL with D != 0 on every piece, d = N/D is 0 in one (N is)."""
    n, den = _read(d)
    for p in domain:
        undefined = _zero_in(den, p)
        if undefined:
            return f"The difference is undefined {undefined}: its denominator is 0 there (exact)."
    if rel not in STRICT:
        raise Rejected(f"the difference is defined on the domain, and a zero refutes only a strict relation, not {rel}")
    for p in domain:
        zero = _zero_in(n, p)
        if zero:
            return f"The difference is 0 {zero}, so it is not {rel} 0 there."
    raise Rejected("the difference has no zero in the domain (Sturm's theorem)")

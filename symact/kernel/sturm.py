"""Rule ``sturm``: a claim whose difference d = lhs - rhs is a polynomial in x with rational coefficients by its
syntax (:func:`polynomial_of`: rationals and x by sums, products and natural powers, so defined at every real x),
decided by counting its real zeros exactly (Sturm's theorem), with no enclosure and no float.

Trusted: FLINT's exact arithmetic of polynomials over Q (python-flint ``fmpq_poly``: products, powers, derivative,
division with remainder, composition) and Sturm's theorem.  The Sturm sequence of d is s_0 = d, s_1 = d',
s_(k+1) = -(s_(k-1) mod s_k) until a remainder is 0; for a < b, neither a zero of d, the number of distinct zeros
of d in (a, b) is V(a) - V(b), with V(c) the number of sign changes along s_0(c), s_1(c), ... (zeros left out),
also where d has multiple zeros (every s_k is then a multiple of gcd(d, d'), which is not 0 at a or b).

The kernel takes V just right of the lower end lo of a piece and just left of its upper end hi: the sign of s_k on
(c, c + e) for a small e > 0 is that of the first nonzero coefficient of s_k(c + t) in t (times (-1)^j on
(c - e, c) for the j-th coefficient), at +oo that of s_k's leading coefficient (times (-1)^deg at -oo).  No s_k has a
zero in (lo, lo + e) or (hi - e, hi) for e small enough, so V(lo+) - V(hi-) counts the distinct zeros of d in the
open interval (lo, hi).

* **proof** ``{"rule": "sturm"}`` of ``d REL 0`` (REL one of < <= > >=) on a piece P: d has no zero inside P, so one
  sign there (the intermediate value theorem), the sign just right of lo; it satisfies REL, and so does d's exact
  value at each closed end of P.
* **refutation** ``{"rule": "sturm"}`` of ``d < 0`` or ``d > 0``: d is 0 somewhere in a piece of the domain (at a
  closed end, exactly, or at least one zero inside), where the strict relation fails: a tie at an irrational
  point, (x^2 - 2)^2 > 0 at sqrt 2, which no rational counterexample shows.
"""
from __future__ import annotations

from fractions import Fraction

from flint import fmpq, fmpq_poly

from symact.kernel.pieces import Rejected, contains, holds, piece_text
from symact.kernel.terms import show

#: highest degree of a polynomial the rule reads (a higher one, or a longer product: Rejected)
MAX_DEGREE = 64
#: most bits of a numerator or denominator in the Sturm sequence (its remainders' coefficients grow)
MAX_BITS = 200_000
STRICT = ("<", ">")


def polynomial_of(t) -> fmpq_poly | None:
    """t as a polynomial over Q, when it is built from rationals and x by sums, products and natural powers and
    its degree is at most :data:`MAX_DEGREE` (each product and power checked before it is formed); else None."""
    head = t[0]
    if head == "x":
        return fmpq_poly([0, 1])
    if head == "num":
        return fmpq_poly([fmpq(t[1].numerator, t[1].denominator)])
    if head == "pow" and t[2].denominator == 1 and t[2] >= 0:
        base = polynomial_of(t[1])
        if base is None or max(base.degree(), 0) * t[2] > MAX_DEGREE:
            return None
        return base ** int(t[2])
    if head in ("add", "mul") and len(t) > 1:
        out = polynomial_of(t[1])
        for a in t[2:]:
            other = polynomial_of(a)
            if out is None or other is None:
                return None
            if head == "add":
                out = out + other
            elif max(out.degree(), 0) + max(other.degree(), 0) > MAX_DEGREE:
                return None
            else:
                out = out * other
        return out
    return None


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
    shifted = s(fmpq_poly([fmpq(c.numerator, c.denominator), 1])).coeffs()   # s(c + t) in powers of t
    j = next(k for k, a in enumerate(shifted) if a != 0)
    return _sign(shifted[j]) * (-1 if side < 0 and j % 2 else 1)


def _changes(signs: list[int]) -> int:
    return sum(a != b for a, b in zip(signs, signs[1:]))


def zeros_inside(d: fmpq_poly, p) -> int:
    """The number of distinct zeros of the nonzero polynomial d in the open interval between p's ends."""
    if d.degree() < 1 or (p[0] is not None and p[0] == p[1]):
        return 0
    seq = _sequence(d)
    return (_changes([_side_sign(s, p[0], 1) for s in seq])
            - _changes([_side_sign(s, p[1], -1) for s in seq]))


def _value(d: fmpq_poly, c: Fraction) -> Fraction:
    v = d(fmpq(c.numerator, c.denominator))
    return Fraction(int(v.p), int(v.q))


def _read(d) -> fmpq_poly:
    poly = polynomial_of(d)
    if poly is None:
        raise Rejected(f"sturm needs a polynomial with rational coefficients of degree <= {MAX_DEGREE}, not {show(d)}")
    return poly


def prove(d, rel: str, p) -> str:
    """The step checked for ``d REL 0`` on the piece p, or Rejected."""
    poly = _read(d)
    ends = [e for e, closed in ((p[0], p[2]), (p[1], p[3])) if closed and e is not None]
    bad = next((e for e in ends if not holds(_value(poly, e), rel)), None)
    if bad is not None:
        raise Rejected(f"at the closed end x = {bad} the polynomial is {_value(poly, bad)}, not {rel} 0")
    if p[0] is None or p[0] != p[1]:
        if poly.is_zero():
            if not holds(Fraction(0), rel):
                raise Rejected(f"the difference is the zero polynomial, not {rel} 0")
        else:
            n = zeros_inside(poly, p)
            if n:
                raise Rejected(f"the polynomial has {n} zero(s) inside {piece_text(p)} (Sturm's theorem)")
            if not holds(Fraction(_side_sign(poly, p[0], 1)), rel):
                raise Rejected(f"the polynomial has no zero inside {piece_text(p)} but is not {rel} 0 there")
    inside = ("" if p[0] is not None and p[0] == p[1] else f"the zero polynomial, {rel} 0" if poly.is_zero() else
              f"a polynomial with no zero inside (Sturm's theorem, exact), so of one sign there, {rel} 0")
    at_ends = f"{'; ' if inside else ''}at x = {', '.join(map(str, ends))} its exact value is {rel} 0" if ends else ""
    return f"On {piece_text(p)}: the difference is {inside}{at_ends}."


def refute(d, rel: str, domain: list) -> str:
    """The step checked for the refutation of ``d REL 0`` on the domain (REL strict) by a zero of d in one of its
    pieces, or Rejected."""
    if rel not in STRICT:
        raise Rejected(f"sturm refutes only a strict relation, not {rel}")
    poly = _read(d)
    for p in domain:
        for e in (p[0], p[1]):
            if e is not None and contains(p, e) and _value(poly, e) == 0:
                return f"At x = {e}: the difference is 0 exactly, so it is not {rel} 0."
        if poly.is_zero() and (p[0] is None or p[0] != p[1]):
            return f"On {piece_text(p)}: the difference is the zero polynomial, not {rel} 0."
        if not poly.is_zero() and zeros_inside(poly, p):
            return (f"On {piece_text(p)}: the difference is a polynomial with a zero inside (Sturm's theorem, "
                    f"exact), where it is not {rel} 0.")
    raise Rejected("the polynomial has no zero in the domain (Sturm's theorem)")

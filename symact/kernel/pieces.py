"""What every rule reads and writes: :class:`Rejected`, the certificate format, pieces of a domain and relations,
a proof's node per piece, and the lemma certificates some rules rest on (:func:`proved_claim`).

A piece is ``(lo, hi, lo_closed, hi_closed)`` with rational ends or None for -oo/+oo; certificates write it as
``[lo, hi, lo_closed, hi_closed]`` with "-oo"/"oo" for infinite ends.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel.terms import TermError, from_json, has_param, parse_rational, rational_text, to_json

FORMAT = "symact-kernel/1"
#: the relations a claim states between its two sides
CLAIM_RELATIONS = ("<", "<=", ">", ">=", "==")
#: each relation with its negation (not v REL 0 is v NEGATION[REL] 0)
NEGATION = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
#: each relation without its strictness (x > 0 gives x >= 0)
NON_STRICT = {"<": "<=", "<=": "<=", ">": ">=", ">=": ">=", "==": "=="}


class Rejected(ValueError):
    """The certificate does not establish its verdict."""


def read_piece(p) -> tuple:
    """The piece written as ``p`` in a certificate; Rejected when malformed or empty."""
    if not (isinstance(p, list) and len(p) == 4 and isinstance(p[2], bool) and isinstance(p[3], bool)):
        raise Rejected(f"malformed piece {p!r}")
    lo = None if p[0] == "-oo" else parse_rational(p[0])
    hi = None if p[1] == "oo" else parse_rational(p[1])
    if (lo is None and p[2]) or (hi is None and p[3]):
        raise Rejected("an infinite end cannot be closed")
    if lo is not None and hi is not None and (lo > hi or (lo == hi and not (p[2] and p[3]))):
        raise Rejected(f"empty piece {p!r}")
    return (lo, hi, p[2], p[3])


def piece_json(p) -> list:
    """A piece as certificates write it."""
    return ["-oo" if p[0] is None else rational_text(p[0]), "oo" if p[1] is None else rational_text(p[1]), p[2], p[3]]


def piece_text(p) -> str:
    lo = "-oo" if p[0] is None else str(p[0])
    hi = "oo" if p[1] is None else str(p[1])
    if p[0] is not None and p[0] == p[1]:
        return f"x = {lo}"
    return f"{'[' if p[2] else '('}{lo}, {hi}{']' if p[3] else ')'}"


def contains(p, x0: Fraction) -> bool:
    """Whether the rational x0 lies in the piece p."""
    lo, hi, lc, hc = p
    return ((lo is None or x0 > lo or (lc and x0 == lo)) and (hi is None or x0 < hi or (hc and x0 == hi)))


def covers(pieces, p) -> bool:
    """Whether the union of pieces contains p.  The finite ends of p and of the pieces cut the line into those
    points and the open gaps between them; a gap holds no end, so each piece (an interval) contains all of it or
    none of it, and so does p.  Hence p is covered when each of those points in p, and one point of each gap in p
    (its midpoint, or a point beyond the first or last end), lies in some piece: an exact test in Q."""
    ends = sorted({e for q in (*pieces, p) for e in q[:2] if e is not None})
    samples = [*ends, *((a + b) / 2 for a, b in zip(ends, ends[1:]))]
    samples += [ends[0] - 1, ends[-1] + 1] if ends else [Fraction(0)]
    return all(any(contains(q, x) for q in pieces) for x in samples if contains(p, x))


def holds(v: Fraction, rel: str) -> bool:
    """Whether the exact rational v satisfies ``v REL 0``."""
    return {"<": v < 0, "<=": v <= 0, ">": v > 0, ">=": v >= 0, "==": v == 0, "!=": v != 0}[rel]


def by_sign(rel: str, sign: int) -> bool:
    """Whether u REL v holds where u - v has the strict sign ``sign`` (or u - v tends to +oo or -oo)."""
    return {"<": sign < 0, "<=": sign < 0, ">": sign > 0, ">=": sign > 0, "==": False, "!=": True}[rel]


def holds_relation(got: str, rel: str) -> bool:
    """Whether ``v got 0`` implies ``v rel 0``."""
    return got == rel or (got, rel) in ((">", ">="), ("<", "<="))


def claim_json(lhs, rel: str, rhs, domain: list) -> dict:
    """The ordinary claim ``lhs REL rhs`` for x in the pieces of ``domain``, as certificates write it."""
    return {"var": "x", "lhs": to_json(lhs), "rel": rel, "rhs": to_json(rhs),
            "domain": [piece_json(p) for p in domain]}


def read_term_claim(c: dict, key: str, what: str) -> tuple:
    """(the term ``c[key]``, ``c["domain"]`` as pieces) of a claim about one term in x without quantified
    parameters, over a non-empty domain."""
    try:
        t = from_json(c[key])
        domain = [read_piece(p) for p in c["domain"]]
    except (KeyError, TypeError, TermError) as exc:
        raise Rejected(f"malformed {what} claim: {exc}") from None
    if has_param(t):
        raise Rejected("a quantified parameter occurs outside a forall claim")
    if not domain:
        raise Rejected(f"a {what} claim needs a domain")
    return t, domain


def proved_claim(cert, check, rels: tuple, about, what: str) -> tuple:
    """(REL, rhs) of the certificate cert, which the whole kernel (``check``) proves, of an ordinary claim
    ``lhs REL rhs`` in x with REL in rels and ``about(lhs, rhs, pieces)`` true: the lemma a rule needs (Rejected
    otherwise, naming ``what``)."""
    claim = cert.get("claim") if isinstance(cert, dict) else None
    if not (isinstance(claim, dict) and set(claim) <= {"var", "lhs", "rel", "rhs", "domain"}
            and claim.get("var", "x") == "x" and claim.get("rel") in rels):
        raise Rejected(f"the certificate about {what} is not a claim with {' or '.join(rels)}")
    try:
        lhs, rhs = from_json(claim.get("lhs")), from_json(claim.get("rhs"))
        pieces = [read_piece(q) for q in claim.get("domain")]
    except (TermError, TypeError, KeyError, IndexError, ValueError) as exc:
        raise Rejected(f"malformed claim about {what}: {exc}") from None
    if not about(lhs, rhs, pieces):
        raise Rejected(f"the certificate is not about {what}")
    try:
        proved = check(cert)[0] == "proved"
    except ValueError as exc:
        raise Rejected(f"the certificate about {what}: {exc}") from None
    if not proved:
        raise Rejected(f"the certificate about {what} does not prove its claim")
    return claim["rel"], rhs


def node_per_piece(proof, domain: list, rule: str | None = None, what: str = "") -> list:
    """[(node, piece), ...] of a proof that is a list of one node per piece of the domain, each a node of
    ``rule`` when one is named (Rejected otherwise, with ``what``)."""
    if not isinstance(proof, list) or len(proof) != len(domain):
        raise Rejected("a proof needs one node per piece of the domain")
    if rule is not None and not all(isinstance(node, dict) and node.get("rule") == rule for node in proof):
        raise Rejected(what)
    return list(zip(proof, domain))


def cut(p, points) -> tuple[list, list]:
    """The rationals ``points``, increasing inside the open piece p (:func:`ordered_points`), and the open parts of
    p they cut it into; Rejected otherwise."""
    cuts = ordered_points(points, [p], "a cut")
    ends = [p[0], *cuts, p[1]]
    return cuts, [(lo, hi, False, False) for lo, hi in zip(ends, ends[1:])]


def ordered_points(values, domain, what: str) -> list[Fraction]:
    """The rationals ``values``, increasing and in one piece of the domain; Rejected otherwise."""
    try:
        points = [parse_rational(q) for q in values]
    except (TypeError, ValueError, ZeroDivisionError):
        raise Rejected(f"{what} needs rational points") from None
    if not (points == sorted(set(points)) and any(all(contains(p, q) for q in points) for p in domain)):
        raise Rejected(f"{what}'s points must increase and lie in one piece of the domain")
    return points

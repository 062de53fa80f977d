"""Kernel claims that the inflection points shown are all of them: what :mod:`symact.properties.kernel_gate`
asks the kernel to check after it confirmed each point (:func:`symact.properties.kernel_claims.inflection_claims`).

The definition (f continuous on R): a point c is an *inflection point* when, for some d > 0, f is convex on
[c - d, c] and concave on [c, c + d] or the reverse, and f is neither convex nor concave on any neighbourhood of
c (the curvature changes there, so a point inside a straight stretch is not one, and neither is a kink whose
slope jump goes against the curvature on both sides, as x^2 - |x| at 0).  A *stretch of inflection* [a, b]
(a < b; relu6's [0, 6]) is one on which f is affine, convex on [a - d, b] and concave on [a, b + d] or the
reverse, and neither convex nor concave on any neighbourhood of [a, b].

Each point shown gets a *zone* Z, a closed interval holding it, with claims that make it the only inflection in
Z, strictly (so it is not a point of a straight stretch); want = +1 when f is convex on its left, and s f'' below
means want * f'':

* an irrational point (a closed form c, or a ball) and a rational point where f has no breakpoint: Z = [A, B]
  around it, ``s f''(A) > 0``, ``s f''(B) < 0`` and ``s f''' < 0`` on Z, so f'' has one zero in Z, where it
  changes sign; that zero is the point: ``f''(c) = 0`` at a rational c, ``A < c < B`` for a closed form, and a
  ball confirmed inside (A, B) holds a zero of f'' itself;
* a rational point c (a kink, or where f''' vanishes too): Z = [c, c]; on its left ``s f'' > 0`` on (c - d, c)
  or a strict kink of s f at c (a *wedge*, ``s f(x) >= s f(c) + m (x - c) + k |x - c|`` on [c - d, c + d] with
  k > 0, so the left slope of s f is <= m - k < m + k <= its right slope), so s f is concave on no neighbourhood
  of c; on its right the same for -s f;
* a stretch [a, b]: Z = [a, b], the left condition at a and the right one at b.

Then, the zones in order with their wants alternating (the curvature after one point is the curvature before the
next), each *gap* between them (and the rays beyond the outermost) is convex or concave as the alternation says
(:func:`symact.properties.kernel_claims.convex_on_claims`, closed at the zones' ends): no point or stretch inside
a gap, or reaching into one from a zone's end, is an inflection, and each zone holds exactly its own.
"""
from __future__ import annotations

from fractions import Fraction

from symact.kernel.pieces import piece_text
from symact.kernel.terms import X, add, mul, neg, num, number_text, sub
from symact.properties import kernel_claims as kc

#: the half-widths tried for the zone of a smooth inflection point (f''' must keep its sign on it)
WIDTHS = (Fraction(1, 1000), Fraction(1, 10 ** 6))
#: the longest side interval next to a kink or stretch end on which the strict claims are made
NEAR = Fraction(1, 64)
#: where a ray between the inflection zones is cut in two (:func:`_split`)
RAY = Fraction(4)


def zone_attempts(f, want: int, point: dict, cuts: list[Fraction], slopes: dict
                  ) -> list[tuple[Fraction, Fraction, list[list[kc.Claim]]]]:
    """[(A, B, the claims that ``point``, shown as confirmed with f convex on its left for want +1, concave for
    -1, is the only inflection in [A, B])], tried in order; ``slopes[c]``: the one-sided slopes (left, right) of
    f at each cut c (search only: they give the wedge)."""
    g, name = (f, "f") if want > 0 else (neg(f), "-f")
    if point.get("interval"):
        a, b = kc.stretch_ends(point)
        if a is None or b is None:
            raise kc.Inexpressible("a stretch without rational ends")
        return [(a, b, [_side(f, want, a, -1, cuts, slopes), _side(f, -want, b, 1, cuts, slopes)])]
    c = kc.fraction(point.get("exact"))
    if c is not None:
        kink = (c, c, [_side(f, want, c, -1, cuts, slopes), _side(f, -want, c, 1, cuts, slopes)])
        if c in cuts:
            return [kink]
        zero = kc.Claim(f"f''({c}) = 0", kc.nth(f, 2), "==", num(0), (kc.pt(c),), "proved", necessary=False)
        return [(c - w, c + w, [*_ball(g, name, c - w, c + w), [zero]]) for w in WIDTHS] + [kink]
    box = kc.enclosure({"enclosure": point.get("enclosure")})
    if box is None:
        raise kc.Inexpressible("an inflection point without a rational enclosure")
    form = kc.closed_form(point)
    out = []
    for w in WIDTHS:
        mid = ((box[0] + box[1]) / 2).limit_denominator(int(10 / w))
        lo, hi = mid - w, mid + w
        if not lo < box[0] <= box[1] < hi:
            continue
        groups = _ball(g, name, lo, hi)
        if form is not None:
            where = point.get("text") or point["exact"]
            groups += [[kc.Claim(f"{where} > {number_text(lo)}", form, ">", num(lo), (kc.pt(Fraction(0)),), "proved",
                                 necessary=False)],
                       [kc.Claim(f"{where} < {number_text(hi)}", form, "<", num(hi), (kc.pt(Fraction(0)),), "proved",
                                 necessary=False)]]
        out.append((lo, hi, groups))
    return out


def _ball(g, name: str, lo: Fraction, hi: Fraction) -> list[list[kc.Claim]]:
    """g'' > 0 at lo, < 0 at hi and g''' < 0 on [lo, hi]: g'' has exactly one zero there, where it changes sign."""
    a, b = number_text(lo), number_text(hi)
    return [[kc.Claim(f"{name}''({a}) > 0", kc.nth(g, 2), ">", num(0), (kc.pt(lo),), "proved", necessary=False)],
            [kc.Claim(f"{name}''({b}) < 0", kc.nth(g, 2), "<", num(0), (kc.pt(hi),), "proved", necessary=False)],
            [kc.Claim(f"{name}''' < 0 on [{a}, {b}], so {name}'' has one zero there, where it changes sign",
                      kc.nth(g, 3), "<", num(0), (kc.piece_of(lo, hi, True, True),), "proved", necessary=False)]]


def _side(f, want: int, c: Fraction, side: int, cuts: list[Fraction], slopes: dict) -> list[kc.Claim]:
    """Claims, one of which makes want * f concave on no neighbourhood of c from the ``side`` (-1 left, +1 right)
    it is convex on: (want f)'' > 0 on the open interval of length d next to c there, or a wedge of want f at c."""
    g, name = (f, "f") if want > 0 else (neg(f), "-f")
    d = min([NEAR] + [abs(e - c) / 2 for e in cuts if e != c])
    near = kc.piece_of(c - d, c) if side < 0 else kc.piece_of(c, c + d)
    out = [kc.Claim(f"{name}'' > 0 on {piece_text(near)}", kc.nth(g, 2), ">", num(0), (near,), "proved",
                    necessary=False)]
    left, right = slopes.get(c, (None, None))
    if left is not None and right is not None and want * (right - left) > 0:
        left, right = want * left, want * right
        m = ((left + right) / 2).limit_denominator(10 ** 6)
        k = ((right - left) / 4).limit_denominator(10 ** 6)
        if k > 0:
            shift = f"x - {c}" if c >= 0 else f"x + {-c}"
            out.append(kc.Claim(f"{name}(x) >= {name}({c}) + {m}*({shift}) + {k}*|{shift}| on [{c - d}, {c + d}] "
                                f"(a kink of {name} at {c})", g, ">=",
                                add(kc.at_q(g, c), mul(num(m), sub(X, num(c))), mul(num(k), ("abs", sub(X, num(c))))),
                                (kc.piece_of(c - d, c + d, True, True),), "proved", necessary=False))
    return out


def gap_claims(f, zones: list[tuple[Fraction, Fraction, int]], cuts: list[Fraction], slopes: dict,
               split: bool = False) -> list[list[kc.Claim]]:
    """The zones (A, B, want) in order: want * f convex on (-oo, A_1], -want_k * f convex on [B_k, A_(k+1)] (which
    needs want_(k+1) = -want_k) and -want_n * f convex on [B_n, oo); ``slopes[c]``: a slope between the
    one-sided slopes of f at each cut c (for :func:`kc.convex_on_claims`); ``split``: each ray cut in two
    (:func:`_split`), for when a whole ray is not settled."""
    if not zones:
        raise kc.Inexpressible("no inflection points")
    for (_, hi, want), (lo, _, after) in zip(zones, zones[1:]):
        if not hi < lo:
            raise kc.Inexpressible("the zones of two inflection points overlap")
        if after != -want:
            raise kc.Inexpressible("the curvature does not alternate between the inflection points")
    ends = [None] + [e for lo, hi, _ in zones for e in (lo, hi)] + [None]
    wants = [zones[0][2]] + [-want for _, _, want in zones]
    return [group for k, want in enumerate(wants)
            for lo, hi in (_split(ends[2 * k], ends[2 * k + 1], cuts) if split else [(ends[2 * k], ends[2 * k + 1])])
            for group in kc.convex_on_claims(f, want, lo, hi, cuts, slopes)]


def _split(lo: Fraction | None, hi: Fraction | None, cuts: list[Fraction]) -> list:
    """[(lo, hi)], or a ray with no cut on it and its finite end inside (-RAY, RAY) as [its bounded part up to
    +-RAY, the ray beyond], each checked on its own (f'' >= 0 on both closed at +-RAY is f'' >= 0 on the ray): far
    out the tail form settles the sign (gelu_tanh'' on [4, oo)), nearer in a cover, where neither settles the
    whole ray within the gate's time per claim (mish'' on [1.4906, oo) is settled whole, faster than in two)."""
    end = hi if lo is None else lo
    if (lo is None) == (hi is None) or not -RAY < end < RAY or any(c <= end if lo is None else c >= end for c in cuts):
        return [(lo, hi)]
    far = RAY if lo is not None else -RAY
    return [(lo, far), (far, None)] if lo is not None else [(None, far), (far, hi)]

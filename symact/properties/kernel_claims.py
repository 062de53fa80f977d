"""Property verdicts as kernel claims: what :mod:`symact.properties.kernel_gate` asks the kernel to check.

Each builder takes f's kernel term and one verdict of the property engine and returns the claims
``lhs REL rhs for all x in D`` whose kernel verdicts together establish that verdict, as groups: the verdict
is confirmed when every group has one claim with the wanted kernel verdict.  A claim marked ``necessary``
follows from the engine's verdict (if the engine is right, the kernel cannot decide it the other way), so a
contradiction there is a soundness bug of the engine; the other claims are only one way to a proof.

How each property reads (S = the rational points where a part of f may switch form, and 0 for a strict
monotonicity whose f' vanishes there; the kernel's
``deriv`` is defined only where the difference quotient converges):

* inf f = m (range, bounded_below, extrema): ``f >= m_lo`` on R (``>`` for an exact end that is not attained)
  and ``f > m_hi`` refuted (a point where f <= m_hi), where [m_lo, m_hi] is the printed enclosure of m (the
  exact value when it is rational, widened by 10^-20 when it is not attained; an irrational m is confirmed
  to 10^-12 relative: m_lo is lowered by that much); an exact end attained at a
  rational point a: ``f == m`` at a.  An irrational closed form m (silu's -W(1/e)) is tried exactly first
  (:func:`exact_end_claims`): attained at a point a with a closed form, ``f(x + a) >= m`` for x != 0 and
  ``f(x + a) == m`` at x = 0; not attained, ``f > m`` on R and ``f <= m + 1000/|x|`` on a ray.  When only the
  enclosure is confirmed, the closed form is shown as a conjecture (:func:`unproved_forms`), never as proved.  inf f = -oo: ``f <= -|x|/1000`` on a ray, or ``f -> -oo`` at an end
  (the kernel's limit rule: asinh).  sup f likewise.
* monotonic (non-decreasing): ``deriv(f) >= 0`` between the points of S, and ``f <= f(c)`` left of each c in S,
  ``f >= f(c)`` right of it (strict for "increasing"); by the mean value theorem f is then non-decreasing on R.
  "neither": the engine's two certified pairs, f(a) < f(b) and f(c) > f(d).
* convex: ``deriv(deriv(f)) >= 0`` between the breakpoints, and at each breakpoint c a supporting line
  (``f >= f(c) + s (x - c)`` on R) and the chords from c to c -+ delta above f on (c, c + delta/4] and
  [c - delta/4, c) (so f is continuous at c);
  f is then convex on each closed piece with left slope <= s <= right slope at c, hence convex on R.
  Refuted: the engine's chord triple.  Concave: the same for -f.  Each inflection point shown when f is neither:
  :func:`inflection_claims` (f convex on one side of it and concave on the other; an irrational one exactly,
  ``f''(x + c) == 0`` at 0 and ``f'''(x + c)`` of one sign next to 0, or within a ball); that they are all of
  them: :mod:`symact.properties.inflection_list`.
* the image of a discontinuous f (binary_step's {0, 1}): ``f == a x + b`` on each open piece between the points
  of S and ``f == v`` at each of them (:func:`image_claims`), whose images give the set.
* zero_at_origin: ``f == 0`` at 0.  odd: ``f(-x) == -f(x)`` on R.
* range_has_both_signs: ``f >= 0`` and ``f <= 0`` on R both refuted; refuted: one of them proved.
* sup f' / inf f' (derivative_max/min): the claims of inf f / sup f for ``deriv(f)`` on D, the open pieces
  between the points of S and the points of S where f' exists; at each other point c of S ``f'(c) == f'(c)``
  refuted (f' is undefined there), so D is exactly where f is differentiable.  An end that is not attained may
  instead be approached at a point c of S: ``f' >= M - RATE |x - c|`` next to c.  A rational end the kernel
  cannot confirm is tried again as a ball (:func:`widened`), confirmed like an irrational end.
* lipschitz L (finite): the end of f' that equals L (as above), the other bound of f' by -L or L on D, and
  ``|f(x) - f(c)| <= L |x - c|`` next to each c in S: f is continuous and |f'| <= L off finitely many points,
  so f is L-Lipschitz (mean value theorem on each piece), and no smaller constant works.  L = oo: an end of f'
  is infinite, or f jumps at a c in S (``f(x) - f(c) >= e > 0`` on one side of c).
* identity_near_origin: ``f == 0`` and ``deriv(f) == 1`` at 0; refuted: one of them refuted.
* non_saturating: ``limit(|f|, x, +-oo) == oo`` at one end; refuted: at each end that limit claim refuted
  (|f| has a finite limit) or ``|f| <= B`` on a ray.
* differentiable: f is C-infinity on the open pieces between the points of S (the kernel's smoothness claim,
  :mod:`symact.kernel.continuity_claim`) and ``f'(c) == f'(c)`` at each c in S (a claim holds only where its sides
  are defined, and the kernel's f'(c) only where the difference quotient converges); refuted at the points P
  the engine names: the same with S and P, and ``f'(p) == f'(p)`` refuted at each p in P (f' does not exist
  there), so P is exactly where f is not differentiable.
* continuity C-infinity: f is C-infinity on R (S empty).  Ck: f is C-infinity between the points of S,
  ``f^(k)(c) == v`` at each c in S and ``|f^(k)(x) - v| <= L |x - c|`` next to c, so f^(k) exists and is
  continuous on R; and ``f^(k+1)(c) == f^(k+1)(c)`` refuted at one c in S, so f is not C(k+1).
  discontinuous: ``f(c) == v`` and a jump ``f(x) - v >= e > 0`` on a side of c, for a c in S.
* saturation, per side (r the outermost point of S on that side, 0 if none): hard: ``f' == 0`` on the open ray
  beyond r; soft: ``limit(f', x, -+oo) == 0`` and ``f' > 0`` (or ``< 0``) on the ray beyond r -+ 8, so f' -> 0
  and f' != 0 there; none: that limit claim refuted, ``|f'| >= s > 0`` on that ray, or
  ``f'(x)^2 + f'(x + 3)^2 >= q > 0`` there, so f' does not tend to 0 (which hard and soft both imply).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from symact.kernel.pieces import piece_text
from symact.kernel.terms import X, add, mul, neg, num, power, show, sub

R = (None, None, False, False)
#: slope of the linear growth that certifies an unbounded end, and where its ray starts
GROWTH, RAY = Fraction(1, 1000), Fraction(8)
#: how far above an exact non-attained inf the sharpness point must reach
SHARP = Fraction(1, 10 ** 20)
#: how much below a printed enclosure of an irrational end the kernel's bound may be (relative)
TOLERANCE = Fraction(1, 10 ** 12)
#: powers of ten where an end that is not attained is looked for (atan(-10^25) is within 10^-20 of -pi/2)
FAR = (22, 30, 45)
#: the rate RATE/|x| at which f must approach an end that is not attained (when no point comes within SHARP)
RATE = 1000
#: search work units for a claim about f' (its terms are larger, so a unit costs more CPU time): gelu's
#: sup f' <= 1.1289... needs about 2050, silu's inf f' >= -0.0998... about 1800 (a tight cut around the
#: critical point, then a Taylor cover); the bounds of mish and gelu_tanh, which are not found, spend it all
DERIVATIVE_WORK = 2500
#: search work units for a claim of an exact end of f' (gelu's sup f' <= its closed form beyond sqrt(2) -+ 1/8,
#: and shifted to sqrt(2) within 1/4 of it, need about 3000 each)
EXACT_DERIVATIVE_WORK = 4000
#: search work units for the sign or a bound of f' on a far ray (saturation: gelu's f' < 0 on (-oo, -8] needs about 710)
TAIL_WORK = 1000
#: the shift h of an oscillating f' that does not tend to 0: f'(x)^2 + f'(x + h)^2 >= q > 0 on a ray
SHIFT = 3
#: the half-width of the stretch around an irrational point a where an end is attained that is proved shifted
#: (f(x + a) for 0 < |x| <= NEAR); beyond rational cuts a -+ NEAR/2 the bound is proved on f itself
NEAR = Fraction(1, 4)
#: the half-width of the interval around an exact irrational inflection point c where f''' keeps its sign
EPSILON = Fraction(1, 10 ** 6)


@dataclass(frozen=True)
class Claim:
    text: str
    lhs: tuple
    rel: str
    rhs: tuple
    domain: tuple
    want: str                 # the kernel verdict that confirms the property: "proved" or "refuted"
    necessary: bool = True    # the engine's verdict implies the wanted kernel verdict
    hints: tuple = ()         # candidate counterexamples (points of the engine's certificate)
    limit: str | None = None  # "oo"/"-oo": the limit claim ``limit(lhs, x, limit) REL rhs`` (rhs a term or "oo")
    work: int | None = None   # the search's work units for this claim (None: the gate's default)
    via: str | None = None    # "smooth": the smoothness claim ``lhs is C-infinity on the domain`` (rel and rhs
    #                           unused); "period": proposed over one period of its formula (oscillating f')


class Inexpressible(Exception):
    """The verdict has no kernel claims (the reason is the message)."""


# ---------------------------------------------------------------------------------------------- terms
def at(f, point) -> tuple:
    """f with x replaced by the term ``point`` (f holds no derivative, so this is f(point))."""
    if not isinstance(f, tuple):
        return f
    if f == X:
        return point
    if f[0] == "deriv":
        raise Inexpressible("f holds a derivative")
    return tuple(at(a, point) if isinstance(a, tuple) else a for a in f)


def at_q(f, q: Fraction) -> tuple:
    """f(q) as a constant term: the exact rational when the kernel computes one, else the formula of f at q
    (its smooth form on the point, with x = q), else f with x = q."""
    from symact.kernel.evaluate import GermUndefined, exact_value, smooth_form
    from symact.kernel.ivals import Uncertain

    value = exact_value(f, q)
    if value is not None:
        return num(value)
    try:
        return at(smooth_form(f, pt(q), strict=False), num(q))
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return at(f, num(q))


def piece_of(lo, hi, lc=False, hc=False) -> tuple:
    return (lo, hi, lc, hc)


def pt(q: Fraction) -> tuple:
    return (q, q, True, True)


# ---------------------------------------------------------------------------------------------- numbers
def fraction(text: Any) -> Fraction | None:
    """The rational a printed integer or p/q stands for (None for anything else: a decimal such as a SymPy
    Float's text is a rounded value, not the number itself)."""
    if not isinstance(text, str) or not re.fullmatch(r"-?\d+(/\d+)?", text.strip()):
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None


def enclosure(number: dict) -> tuple[Fraction, Fraction] | None:
    """[lo, hi] with rational ends around a printed number: its exact value when rational, else its ball."""
    q = fraction(number.get("exact"))
    if q is not None:
        return q, q
    ball = number.get("enclosure")
    if not isinstance(ball, str):
        return None
    from flint import arb, ctx

    saved, ctx.prec = ctx.prec, 256
    try:
        b = arb(ball)
        ends = [e.man_exp() for e in (b.lower(), b.upper())]
    except (ValueError, TypeError):
        return None
    finally:
        ctx.prec = saved
    return tuple(Fraction(int(m)) * Fraction(2) ** int(e) for m, e in ends)


def point_of(p: dict) -> tuple[Fraction | None, bool]:
    """(a rational point at or next to a printed point, whether it is the point itself)."""
    q = fraction(p.get("exact"))
    if q is not None:
        return q, True
    box = enclosure({"enclosure": p.get("enclosure")})
    if box is not None:
        return (box[0] + box[1]) / 2, False
    return None, False


def _show(q: Fraction) -> str:
    """A rational for a claim's text: p/q when short, else 25 significant digits (the certificate has it
    exactly)."""
    if q.denominator <= 10 ** 6 and abs(q.numerator) <= 10 ** 12:
        return str(q)
    from mpmath import mp, mpf

    with mp.workdps(30):
        return mp.nstr(mpf(q.numerator) / q.denominator, 25) + "..."


# ---------------------------------------------------------------------------------------------- builders
def end_claims(f, side: int, number: dict, closed: bool | None, at_points: list, on: tuple = (R,),
               name: str = "f") -> list[list[Claim]]:
    """inf f (side -1) or sup f (side +1) over ``on`` (default R) equals the printed number; ``closed``:
    attained (None: not said); ``name`` names f in the claims' texts."""
    word = "sup" if side > 0 else "inf"
    if number.get("float") in ("oo", "-oo"):
        if (number["float"] == "oo") != (side > 0):
            raise Inexpressible(f"{word} f = {number['float']}")
        return [[Claim(f"{name}(x) {'>=' if side > 0 else '<='} {'' if side > 0 else '-'}{GROWTH}*|x| on "
                       f"{'[' + str(RAY) + ', oo)' if s > 0 else '(-oo, ' + str(-RAY) + ']'}, so {word} {name} = "
                       f"{number['float']}", f, ">=" if side > 0 else "<=", mul(num(side * s * GROWTH), X),
                       (piece_of(RAY, None, True) if s > 0 else piece_of(None, -RAY, False, True),), "proved",
                       necessary=False)
                 for s in (1, -1)]
                + [Claim(f"{name} -> {number['float']} as x -> {end}, so {word} {name} = {number['float']}", f, "==",
                         number["float"], (), "proved", necessary=False, limit=end)  # slower growth: asinh
                   for end in ("oo", "-oo")]]
    lo, hi, exact = _end_box(number, side, word)
    g = f if side < 0 else neg(f)
    below, above = ("<=", ">=") if side < 0 else (">=", "<=")
    groups = [[Claim(f"{word} {name} {above} {_show(lo if side < 0 else -lo)}"
                     f"{' and is not attained' if exact and closed is False else ''}", g,
                     ">" if exact and closed is False else ">=", num(lo), on, "proved")]]
    rational_at = [q for q, exact_point in map(point_of, at_points) if q is not None and exact_point]
    if exact and closed and rational_at:
        a = rational_at[0]
        groups.append([Claim(f"{name}({a}) = {_show(lo if side < 0 else -lo)}", g, "==", num(lo), (pt(a),), "proved")])
        return groups
    top = hi + SHARP if exact else hi
    hints = tuple(q for q, _ in map(point_of, at_points) if q is not None)
    if not closed:  # approached at an end, maybe slowly (1 - softsign(x) = 1/(1 + x)): far points first
        hints += tuple(sgn * Fraction(10) ** k for k in FAR for sgn in (1, -1))
    m = _show(hi if side < 0 else -hi)
    sharp = [Claim(f"{word} {name} {below} {_show(top if side < 0 else -top)} (a point where {name} reaches it)", g, ">",
                    num(top), on, "refuted", hints=hints)]
    if not closed:  # approached at an end: f - m <= 1000/|x| on a ray, so f comes arbitrarily close to m
        sharp += [Claim(f"{name}(x) {below} {m} {'+' if side < 0 else '-'} {RATE}/|x| on "
                        f"{'[1, oo)' if s > 0 else '(-oo, -1]'}, so {word} {name} {below} {m}", g, "<=",
                        add(num(hi), mul(num(s * RATE), power(X, -1))),
                        (piece_of(Fraction(1), None, True) if s > 0 else piece_of(None, Fraction(-1), False, True),),
                        "proved", necessary=False) for s in (1, -1)]
    groups.append(sharp)
    return groups


def _end_box(number: dict, side: int, word: str) -> tuple[Fraction, Fraction, bool]:
    """[lo, hi] where :func:`end_claims` confirms inf g (g = f for side -1, -f for +1) and whether it is the
    exact number: an enclosure is confirmed to TOLERANCE only (a 20-digit bound costs twice the search)."""
    box = enclosure(number)
    if box is None:
        raise Inexpressible(f"{word} f has no enclosure")
    lo, hi = box if side < 0 else (-box[1], -box[0])
    exact = box[0] == box[1]
    if not exact:
        lo -= TOLERANCE * (1 + abs(lo))
    return lo, hi, exact


def confirmed_end(number: dict, side: int) -> dict:
    """The printed inf (side -1) or sup (+1) of f as :func:`end_claims` confirms it: unchanged when it is
    rational or infinite (but for its points: :func:`end_claims` proves only a rational one exactly), else the ball of the interval the kernel's claims pin it to, an irrational closed form
    kept only as a conjecture (:func:`unproved_forms`), so the display never says more than was checked."""
    if number.get("float") in ("oo", "-oo") or fraction(number.get("exact")) is not None:
        return unproved_forms(number)  # the number as it is; an irrational point where it is reached, a conjecture
    lo, hi, _ = _end_box(number, side, "sup" if side > 0 else "inf")
    if side > 0:
        lo, hi = -hi, -lo
    # the claims pin a ball end to its ball only: whether it is attained, and where, is not kernel-checked (null)
    unknown = {k: None for k in ("closed", "attained") if k in number} | ({"at": []} if "at" in number else {})
    return {**unproved_forms(number), "enclosure": _ball(lo, hi), **unknown}


def attained_claims(f, side: int, number: dict, deriv: bool = False) -> list[list[Claim]]:
    """An end of f (of f' when ``deriv``) that :func:`end_claims` confirms only as a ball [lo, hi], and that is
    attained, for an f without breakpoints: those claims give a point a where g <= hi (g = f or f', negated for a
    sup); with ``g > hi`` on the rays beyond -+RAY and f C-infinity on R, g is continuous and attains its minimum
    on [-RAY, RAY], which is <= g(a) <= hi < g outside, so the end is attained (where is not checked)."""
    word, name = ("sup" if side > 0 else "inf"), ("f'" if deriv else "f")
    h = ("deriv", f) if deriv else f
    _, hi, _ = _end_box(number, side, word)
    g, m = (h, _show(hi)) if side < 0 else (neg(h), _show(-hi))
    rays = (("(-oo, -8]", piece_of(None, -RAY, False, True)), ("[8, oo)", piece_of(RAY, None, True)))
    return [[Claim(f"{name}(x) {'>' if side < 0 else '<'} {m} on {text}, so {word} {name} is attained in "
                   f"[-{RAY}, {RAY}]", g, ">", num(hi), (piece,), "proved", necessary=False,
                   work=DERIVATIVE_WORK if deriv else None)] for text, piece in rays] \
        + [[replace(smooth_claim(f, []), necessary=False)]]


def attainment_unknown(value: Any) -> bool:
    """Whether ``value`` (a range or extrema value) holds an end whose attainment is not kernel-checked."""
    ends = [value.get(k) for k in ("lower", "upper", "min", "max")] if isinstance(value, dict) else []
    return any(isinstance(e, dict) and None in (e.get("closed", True), e.get("attained", True)) for e in ends)


def confirmed_extreme(found: dict | None, end: dict, side: int, exact: bool = False) -> dict | None:
    """The global min (side -1) or max (+1) as :func:`extrema_claims` confirm it: ``found`` (None: not attained)
    when the end (``found``, else ``end``, the range's end as the kernel confirmed it) is rational, infinite or
    (``exact``) an irrational closed form proved exactly, else the end's ball with ``attained`` null: the claims
    bound it to the ball only, so neither "attained at a" nor "not attained" is kernel-checked."""
    number = end if found is None else found
    if exact and closed_form(number) is not None:
        return found
    if number.get("float") in ("oo", "-oo") or fraction(number.get("exact")) is not None:
        return found and confirmed_end(found, side)
    ball = end if found is None and end.get("exact") is None else confirmed_end(number, side)  # a ball already
    return {**{k: v for k, v in ball.items() if k != "closed"}, "attained": None, "at": []}


def stated_end(number: dict, side: int) -> dict:
    """The printed end as the claims of ``range_claims(..., exact=True)`` confirm it: unchanged when it has an
    irrational closed form (proved exactly then), else :func:`confirmed_end`."""
    return number if closed_form(number) is not None else confirmed_end(number, side)


def unproved_forms(value: Any) -> Any:
    """``value`` (a number, a point, or a dict or list holding them) with every irrational closed form moved
    from ``exact``/``text``/``latex`` to ``conjecture``: the kernel confirmed that number only as its
    enclosure (to TOLERANCE), or that point not at all (a point near it, within 10^-20 of the end)."""
    if isinstance(value, list):
        return [unproved_forms(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: unproved_forms(v) for k, v in value.items()}
    exact = value.get("exact")
    if isinstance(exact, str) and fraction(exact) is None and value.get("float") not in ("oo", "-oo"):
        out.update(exact=None, text=None, latex=None,
                   conjecture={"exact": exact, "text": value.get("text"), "latex": value.get("latex")})
    return out


def closed_form(number: dict) -> tuple | None:
    """The kernel term of a finite number's irrational closed form (its ``exact``), or None (rational, no
    closed form, or one the kernel does not read)."""
    text = number.get("exact")
    if not isinstance(text, str) or fraction(text) is not None or number.get("float") in ("oo", "-oo"):
        return None
    return _term(text)


def _term(text: str) -> tuple | None:
    """The kernel term of a closed form printed by SymPy (read by symact's restricted parser), or None."""
    from symact.errors import SymactError
    from symact.kernel.terms import TermError, from_sympy
    from symact.parsing import parse_expression

    try:
        return from_sympy(parse_expression(text), X)
    except (SymactError, TermError, ValueError, TypeError):
        return None


def exact_end_claims(f, side: int, number: dict, closed: bool | None, at_points: list,
                     name: str = "f") -> list[list[Claim]]:
    """inf f (side -1) or sup f (+1) over R is exactly the irrational closed form m of ``number``: attained
    (``closed``) at rational points, ``f >= m`` (``<=`` for sup) between them and ``f == m`` at each; at
    irrational points a (each printed with a closed form), ``f(x + a) >= m`` for 0 < |x| <= NEAR and
    ``f(x + a) == m`` at x = 0 (the touching point is rational there, so the kernel's exact algebra and its
    monotonicity and remainder rules see f - m vanish there), ``f >= m`` on f itself beyond rational cuts
    q < a < q' (around each point) and ``a - NEAR < q``, ``q' < a + NEAR``: every x is beyond the cuts or
    a + t with |t| < NEAR at one a.  ``f`` may be deriv(h) (an end of h', :func:`shifted`);
    not attained, ``f > m`` on R and ``f <= m + 1000/|x|`` on a ray, so f comes arbitrarily close to m."""
    m = closed_form(number)
    if m is None or closed is None:
        raise Inexpressible(f"no exact claim for {number.get('exact')!r}")
    word = "sup" if side > 0 else "inf"
    g, gm = (f, m) if side < 0 else (neg(f), neg(m))
    above, below = (">=", "<=") if side < 0 else ("<=", ">=")
    text = number.get("text") or number["exact"]
    if closed:
        points = [(p.get("text") or p["exact"], _term(p["exact"])) for p in at_points
                  if isinstance(p.get("exact"), str)]
        if not points or len(points) != len(at_points) or any(a is None for _, a in points):
            raise Inexpressible(f"{word} {name} = {text} is not attained at points with closed forms")
        rational = sorted({fraction(p["exact"]) for p in at_points if isinstance(p.get("exact"), str)} - {None})
        if len(rational) == len(points):  # no shift needed: the pieces between the points, and each point
            ends = [None, *rational, None]
            return [[Claim(f"{name}(x) {above} {text} off {', '.join(map(str, rational))}", g, ">=", gm,
                           tuple(piece_of(ends[k], ends[k + 1]) for k in range(len(ends) - 1)), "proved")]] + [
                    [Claim(f"{name}({q}) = {text}, so {word} {name} = {text} exactly", g, "==", gm, (pt(q),),
                           "proved")] for q in rational]
        work = EXACT_DERIVATIVE_WORK if name == "f'" else None
        floats = [p.get("float") for p in at_points if isinstance(p.get("exact"), str)]
        if any(not isinstance(v, (int, float)) for v in floats):
            raise Inexpressible(f"{word} {name} = {text} is attained at points without a value")
        order = sorted(range(len(points)), key=lambda k: floats[k])
        if any(floats[order[k + 1]] - floats[order[k]] < 4 * NEAR for k in range(len(order) - 1)):
            raise Inexpressible(f"the points where {word} {name} = {text} is attained are too close together")
        cuts = [(Fraction(round((floats[k] + s * float(NEAR) / 2) * 64), 64), s, k) for k in order for s in (-1, 1)]
        if any(cuts[k][0] >= cuts[k + 1][0] for k in range(len(cuts) - 1)):
            raise Inexpressible(f"the cuts around the points where {word} {name} = {text} is attained overlap")
        ends = [None, *(q for q, _, _ in cuts), None]
        far = tuple(piece_of(ends[k], ends[k + 1], k > 0, k < len(ends) - 2) for k in range(0, len(ends) - 1, 2))
        groups = [[Claim(f"{name}(x) {above} {text} for x <= {cuts[0][0]} and x >= {cuts[-1][0]}"
                         f"{' and between the points' if len(points) > 1 else ''}", g, ">=", gm, far, "proved",
                         work=work)]]
        for where, a in points:
            groups.append([Claim(f"{name}(x + ({where})) {above} {text} for 0 < |x| <= {NEAR}", shifted(g, a), ">=",
                                 gm, (piece_of(-NEAR, Fraction(0), True), piece_of(Fraction(0), NEAR, hc=True)),
                                 "proved", work=work)])
        for q, s, k in cuts:  # the stretches around the points overlap the pieces beyond them
            where, a = points[k]
            rel, edge = ("<", add(a, num(-NEAR))) if s < 0 else (">", add(a, num(NEAR)))
            groups.append([Claim(f"({where}) {'-' if s < 0 else '+'} {NEAR} {rel} {q}", edge, rel, num(q),
                                 (pt(Fraction(0)),), "proved")])
        return groups + [[Claim(f"{name}({where}) = {text}, so {word} {name} = {text} exactly", shifted(g, a), "==",
                                gm, (pt(Fraction(0)),), "proved")] for where, a in points]
    strict = ">" if side < 0 else "<"
    return [[Claim(f"{name}(x) {strict} {text} on R", g, ">", gm, (R,), "proved")],
            [Claim(f"{name}(x) {below} {text} {'+' if side < 0 else '-'} {RATE}/|x| on "
                   f"{'[1, oo)' if s > 0 else '(-oo, -1]'}, so {word} {name} = {text} exactly", g, "<=",
                   add(gm, mul(num(s * RATE), power(X, -1))),
                   (piece_of(Fraction(1), None, True) if s > 0 else piece_of(None, Fraction(-1), False, True),),
                   "proved", necessary=False) for s in (1, -1)]]


def shifted(f, a) -> tuple:
    """f(x + a) for a term f; a derivative deriv(h) becomes deriv(h(x + a)), which is h'(x + a)."""
    if not isinstance(f, tuple):
        return f
    if f == X:
        return add(X, a)
    return tuple(shifted(t, a) if isinstance(t, tuple) else t for t in f)


def _end(f, side: int, number: dict, closed: bool | None, at_points: list, exact: bool) -> list[list[Claim]]:
    """The claims of one end: exact ones (:func:`exact_end_claims`) for an irrational closed form when
    ``exact``, else :func:`end_claims`."""
    if exact and closed_form(number) is not None:
        return exact_end_claims(f, side, number, closed, at_points)
    return end_claims(f, side, number, closed, at_points)


def has_closed_form(value: Any) -> bool:
    """Whether a number in ``value`` (a number or a dict or list holding them) has an irrational closed form."""
    if isinstance(value, list):
        return any(map(has_closed_form, value))
    return isinstance(value, dict) and (closed_form(value) is not None or any(map(has_closed_form, value.values())))


def range_claims(f, value: dict, extrema: dict, exact: bool = False) -> list[list[Claim]]:
    """The range's ends; ``extrema`` (the extrema verdict's value, or {}) says where they are reached;
    ``exact``: an irrational closed form exactly (:func:`exact_end_claims`), else to its enclosure."""
    def at_points(key):
        return (extrema.get(key) or {}).get("at") or []
    return (_end(f, -1, value["lower"], value["lower"].get("closed"), at_points("min"), exact)
            + _end(f, 1, value["upper"], value["upper"].get("closed"), at_points("max"), exact))


def extrema_claims(f, value: dict, inf: dict, sup: dict, exact: bool = False) -> list[list[Claim]]:
    """The global min/max (null: not attained) agree with the range's ends ``inf``/``sup`` (``exact`` as in
    :func:`range_claims`)."""
    out = []
    for side, found, end in ((-1, value.get("min"), inf), (1, value.get("max"), sup)):
        if found is None:
            out += _end(f, side, end, False, [], exact)
        else:
            out += _end(f, side, found, True, found.get("at") or [], exact)
    return out


def monotone_claims(f, direction: int, strict: bool, cuts: list[Fraction]) -> list[list[Claim]]:
    """f non-decreasing (direction +1) or non-increasing (-1) on R, strictly when ``strict``."""
    g = f if direction > 0 else neg(f)
    name = "f" if direction > 0 else "-f"
    ends = [None, *cuts, None]
    pieces = tuple(piece_of(ends[k], ends[k + 1]) for k in range(len(ends) - 1))
    up, down = (">", "<") if strict else (">=", "<=")
    groups = [[Claim(f"{name}' {up} 0 between the points {', '.join(map(str, cuts)) or '(none)'}", ("deriv", g), up, num(0),
                     pieces, "proved", necessary=not strict)]]
    for k, c in enumerate(cuts):
        groups.append([Claim(f"{name}(x) {down} {name}({c}) on {pieces[k]}", g, down, at_q(g, c), (pieces[k],),
                             "proved", necessary=not strict)])
        groups.append([Claim(f"{name}(x) {up} {name}({c}) on {pieces[k + 1]}", g, up, at_q(g, c),
                             (pieces[k + 1],), "proved", necessary=not strict)])
    return groups


def pair_claims(f, pairs: list[tuple[Fraction, Fraction, str]]) -> list[list[Claim]]:
    """f(a) REL f(b) for each (a, b, REL): the engine's certified counterexample pairs."""
    return [[Claim(f"f({a}) {rel} f({b})", f, rel, at_q(f, b), (pt(a),), "proved")] for a, b, rel in pairs]


def convex_claims(f, want: int, cuts: list[Fraction], slopes: dict) -> list[list[Claim]]:
    """f convex (want +1) or concave (-1) on R; ``slopes[c]`` a rational between the one-sided slopes of
    want * f at the breakpoint c."""
    g = f if want > 0 else neg(f)
    name = "f" if want > 0 else "-f"
    ends = [None, *cuts, None]
    pieces = tuple(piece_of(ends[k], ends[k + 1]) for k in range(len(ends) - 1))
    groups = [[Claim(f"{name}'' >= 0 between the breakpoints", ("deriv", ("deriv", g)), ">=", num(0), pieces,
                     "proved", necessary=False)]]
    for c in cuts:
        s = slopes[c]
        groups.append([Claim(f"{name}(x) >= {name}({c}) + {s}*(x - {c}) on R (a supporting line)", g, ">=",
                             add(at_q(g, c), mul(num(s), sub(X, num(c)))), (R,), "proved", necessary=False)])
    for c, side in next_to(cuts):
        gc = at_q(g, c)
        b = side[0] if side[1] == c else side[1]
        near = c + (b - c) / 4
        chord = add(gc, mul(num(1 / (b - c)), sub(at_q(g, b), gc), sub(X, num(c))))
        on = (piece_of(c, near, False, True) if b > c else piece_of(near, c, True, False),)
        text = f"{name} lies below its chord from {c} to {b} next to {c}"
        groups.append([Claim(text + " (an affine piece: equal)", g, "==", chord, on, "proved", necessary=False),
                       Claim(text, g, "<=", chord, on, "proved")])
    return groups


def chord_claims(f, want: int, points: list[Fraction]) -> list[list[Claim]]:
    """The engine's chord triple a < b < c refuting convexity (want +1) or concavity (-1)."""
    a, b, c = points
    mid = mul(num(Fraction(1, 2)), add(at_q(f, a), at_q(f, c)))
    rel = ">" if want > 0 else "<"
    return [[Claim(f"f({b}) {rel} (f({a}) + f({c}))/2", f, rel, mid, (pt(b),), "proved")]]


def odd_claims(f, status: str, hint: Fraction | None) -> list[list[Claim]]:
    return [[Claim("f(-x) = -f(x) for all x in R", at(f, neg(X)), "==", neg(f), (R,), status,
                   hints=(hint,) if hint is not None else ())]]


def zero_claims(f, status: str) -> list[list[Claim]]:
    return [[Claim("f(0) = 0", f, "==", num(0), (pt(Fraction(0)),), status)]]


def both_signs_claims(f, status: str) -> list[list[Claim]]:
    proved = status == "proved"  # refuted: one of the two holds, so neither alone is implied
    nonneg = Claim("f >= 0 on R", f, ">=", num(0), (R,), "refuted" if proved else "proved", necessary=proved)
    nonpos = Claim("f <= 0 on R", f, "<=", num(0), (R,), nonneg.want, necessary=proved)
    return [[nonneg], [nonpos]] if status == "proved" else [[nonneg, nonpos]]


# ---------------------------------------------------------------------------------------------- derivative
def deriv_domain(f, cuts: list[Fraction], undefined: set) -> tuple[tuple, list[list[Claim]]]:
    """(D, groups): D is where f' exists according to the search (the open pieces between the points ``cuts``
    and the cuts not in ``undefined``); the groups certify that f' does not exist at the cuts left out (the
    claim f'(c) = f'(c) is refuted only where f'(c) is undefined)."""
    ends = [None, *cuts, None]
    pieces = [piece_of(ends[k], ends[k + 1]) for k in range(len(ends) - 1)]
    domain = tuple(pieces + [pt(c) for c in cuts if c not in undefined])
    return domain, [[nowhere_claim(f, 1, c)] for c in cuts if c in undefined]


def derivative_end_claims(f, side: int, value: dict, domain: tuple, gaps: list, cuts: list[Fraction]
                          ) -> list[list[Claim]]:
    """sup f' (side +1) or inf f' (side -1) over the points where f is differentiable (``domain`` and
    ``gaps`` from :func:`deriv_domain`) is the printed ``value`` (an extreme: number, attained, at).  An end
    that is not attained may be approached at a cut c (hardswish's f' -> 3/2 as x -> 3-): f' comes within
    RATE |x - c| of it next to c."""
    groups = [[replace(c, work=DERIVATIVE_WORK) for c in group] for group in
              end_claims(("deriv", f), side, value, value.get("attained"), value.get("at") or [], domain, "f'")]
    groups = gaps + groups
    box = enclosure(value)
    if not value.get("attained") and box is not None and cuts:
        g = ("deriv", f) if side < 0 else neg(("deriv", f))
        hi = box[1] if side < 0 else -box[0]
        word, below = ("sup", ">=") if side > 0 else ("inf", "<=")
        groups[-1] = groups[-1] + [
            Claim(f"f'(x) {below} {_show(side * -hi)} {'+' if side < 0 else '-'} {RATE}*|x - {c}| on {on}, so "
                  f"{word} f' {below} {_show(side * -hi)}", g, "<=", add(num(hi), mul(num(RATE), dist)), (on,),
                  "proved", necessary=False, work=DERIVATIVE_WORK)
            for c, on in next_to(cuts) for dist in [distance(c, on)]]
    return groups


def exact_derivative_claims(f, side: int, value: dict) -> list[list[Claim]]:
    """sup f' (side +1) or inf f' (-1) is exactly the irrational closed form of ``value`` (an extreme: number,
    attained, at), for an f without breakpoints: :func:`exact_end_claims` for deriv(f) on R, and f C-infinity on
    R (so f' exists everywhere: a claim holds only where its sides are defined)."""
    return exact_end_claims(("deriv", f), side, value, value.get("attained"), value.get("at") or [], "f'") + [
        [replace(smooth_claim(f, []), necessary=False)]]


def exact_lipschitz_claims(f, side: int, extreme: dict, value: dict) -> list[list[Claim]]:
    """The best Lipschitz constant of an f without breakpoints is exactly L (``value``, an irrational closed
    form) = sup f' (``side`` +1, ``extreme`` = sup f') or -inf f' (-1): that end exactly
    (:func:`exact_derivative_claims`), L equal to it (side * the end, by the kernel's algebra) and the other
    bound, ``f' >= -L`` (``f' <= L``) on R; then |f'| <= L on R, so f is L-Lipschitz (mean value theorem), and
    no smaller constant works."""
    L, end = closed_form(value), closed_form(extreme)
    if L is None or end is None:
        raise Inexpressible("L or the end of f' that gives it has no closed form")
    text, other = value.get("text") or value["exact"], extreme.get("text") or extreme["exact"]
    bound = [Claim(f"f'(x) >= -({text}) on R", ("deriv", f), ">=", neg(L), (R,), "proved", work=DERIVATIVE_WORK)
             if side > 0 else
             Claim(f"f'(x) <= {text} on R", ("deriv", f), "<=", L, (R,), "proved", work=DERIVATIVE_WORK)]
    same = [Claim(f"L = {text} = {'' if side > 0 else '-'}({other})", L, "==", end if side > 0 else neg(end),
                  (pt(Fraction(0)),), "proved")]
    return exact_derivative_claims(f, side, extreme) + [same, bound]


def negated(number: dict) -> dict:
    """The printed number -v (exact when rational, else its ball negated; infinite ends swapped)."""
    if number.get("float") in ("oo", "-oo"):
        return {"float": "-oo" if number["float"] == "oo" else "oo"}
    q = fraction(number.get("exact"))
    if q is not None:
        return {"exact": str(-q)}
    box = enclosure(number)
    if box is None:
        raise Inexpressible("a bound without an enclosure")
    from flint import arb, ctx

    saved, ctx.prec = ctx.prec, 256
    try:  # an arb ball exactly holding [-hi, -lo] (its printed text encloses it)
        lo, hi = -box[1], -box[0]
        ball = arb(str(lo.numerator)) / int(lo.denominator)
        ball = ball.union(arb(str(hi.numerator)) / int(hi.denominator))
        return {"enclosure": ball.str(60, radius=True)}
    finally:
        ctx.prec = saved


def widened(number: dict) -> dict | None:
    """A rational printed number q as the ball q +- TOLERANCE (1 + |q|) (attained/at kept), or None when it is not
    rational: the value the kernel may confirm when q itself is not (a bound it cannot pin exactly)."""
    q = fraction(number.get("exact"))
    if q is None or q == 0:
        return None
    radius = TOLERANCE * (1 + abs(q))
    out = {k: v for k, v in number.items() if k not in ("exact", "text", "latex")}
    return {**out, "exact": None, "text": None, "latex": None, "enclosure": _ball(q - radius, q + radius)}


def _ball(lo: Fraction, hi: Fraction) -> str:
    """arb's text of a ball that contains [lo, hi]."""
    from flint import arb, ctx

    saved, ctx.prec = ctx.prec, 256
    try:
        ball = (arb(str(lo.numerator)) / int(lo.denominator)).union(arb(str(hi.numerator)) / int(hi.denominator))
        return ball.str(30, radius=True)
    finally:
        ctx.prec = saved


def lipschitz_claims(f, value: dict, side: int, extreme: dict, domain: tuple, gaps: list, cuts: list[Fraction]
                     ) -> list[list[Claim]]:
    """The best Lipschitz constant is L (``value``, finite), reached by sup f' = ``extreme`` (``side`` +1) or
    by -inf f' (-1, ``extreme`` = inf f'): that end of f' (:func:`derivative_end_claims`), the other bound
    (-L <= f' or f' <= L) where f' exists, and |f(x) - f(c)| <= L |x - c| next to each cut c, so f is
    continuous, hence L-Lipschitz on R by the mean value theorem on each piece."""
    box = enclosure(value)
    if box is None:
        raise Inexpressible("L has no enclosure")
    other = [[replace(c, work=DERIVATIVE_WORK) for c in group] for group in
             end_claims(("deriv", f), -side, negated(value) if side > 0 else value, None, [], domain, "f'")[:1]]
    near = []
    for c, on in next_to(cuts):
        dist = distance(c, on)
        for rel, s in (("<=", 1), (">=", -1)):
            near.append([Claim(f"f(x) {rel} f({c}) {'+' if s > 0 else '-'} {_show(box[1])}*|x - {c}| on {on}", f,
                               rel, add(at_q(f, c), mul(num(s * box[1]), dist)), (on,), "proved")])
    return derivative_end_claims(f, side, extreme, domain, gaps, cuts) + other + near


def jump_claims(f, cuts: list[Fraction], jumps: dict) -> list[list[Claim]]:
    """L = oo: f is discontinuous at a cut c, |f(x) - f(c)| >= e > 0 on a side of c (``jumps[(c, on)]`` = the
    signed e the search proposes), so |f(x) - f(c)| / |x - c| is unbounded."""
    group = []
    for c, side in next_to(cuts):
        e = jumps.get((c, side))
        for on in (_narrowed(c, side, k) for k in (1, 8, 64)) if e else ():  # f may leave the band far from c
            group.append(Claim(f"f(x) {'>=' if e > 0 else '<='} f({c}) {'+' if e > 0 else '-'} {abs(e)} on "
                               f"{piece_text(on)} "
                               f"(a jump: f is not continuous at {c})", f, ">=" if e > 0 else "<=",
                               add(at_q(f, c), num(e)), (on,), "proved", necessary=False))
    if not group:
        raise Inexpressible("no jump of f was found")
    return [group]


def _narrowed(c: Fraction, on: tuple, k: int) -> tuple:
    """The piece ``on`` next to c (from :func:`next_to`) shrunk k times towards c."""
    if on[1] == c:
        return piece_of(c - (c - on[0]) / k, c, True, False)
    return piece_of(c, c + (on[1] - c) / k, False, True)


def next_to(cuts: list[Fraction]):
    """(c, piece) for the pieces [c - delta, c) and (c, c + delta] next to each cut c (delta <= 1, within
    half the gap to the next cut)."""
    for k, c in enumerate(cuts):
        left = c - 1 if k == 0 else c - min(Fraction(1), (c - cuts[k - 1]) / 2)
        right = c + 1 if k == len(cuts) - 1 else c + min(Fraction(1), (cuts[k + 1] - c) / 2)
        yield c, piece_of(left, c, True, False)
        yield c, piece_of(c, right, False, True)


def distance(c: Fraction, on) -> tuple:
    """|x - c| as a term on a piece ``on`` next to c (from :func:`next_to`): c - x left of c, x - c right of it."""
    return sub(num(c), X) if on[1] == c else sub(X, num(c))


def identity_claims(f, status: str) -> list[list[Claim]]:
    """f(0) = 0 and f'(0) = 1 (f' existing at 0): both proved, or one of them refuted."""
    zero = Claim("f(0) = 0", f, "==", num(0), (pt(Fraction(0)),), status, necessary=status == "proved")
    slope = Claim("f'(0) = 1 (f is differentiable at 0)", ("deriv", f), "==", num(1), (pt(Fraction(0)),), status,
                  necessary=status == "proved")
    return [[zero], [slope]] if status == "proved" else [[zero, slope]]


def unbounded_claims(f, status: str, bound: Fraction | None) -> list[list[Claim]]:
    """non_saturating: |f| -> oo at -oo or at +oo (proved: one of the two limits); refuted: at each end |f|
    has a finite limit or stays below ``bound`` (a bound on |f| the search proposes, or None) on a ray."""
    def lim(end, want, necessary):
        return Claim(f"|f| -> oo as x -> {end}", ("abs", f), "==", "oo", (), want, necessary, limit=end)
    if status == "proved":
        return [[lim(end, "proved", False) for end in ("oo", "-oo")]]
    groups = []
    for end, ray in (("oo", piece_of(Fraction(1), None, True)), ("-oo", piece_of(None, Fraction(-1), False, True))):
        group = [lim(end, "refuted", True)]
        if bound is not None:
            group.append(Claim(f"|f(x)| <= {bound} on {ray}", ("abs", f), "<=", num(bound), (ray,), "proved",
                               necessary=False))
        groups.append(group)
    return groups


# ---------------------------------------------------------------------------------------------- smoothness
def nth(f, k: int) -> tuple:
    """The k-th derivative of f as a term (f itself for k = 0)."""
    for _ in range(k):
        f = ("deriv", f)
    return f


def _name(k: int) -> str:
    return "f" + ("'" * k if k < 3 else f"^({k})")


def open_pieces(cuts: list[Fraction]) -> tuple:
    """The open pieces between the cuts (R when there are none)."""
    ends = [None, *cuts, None]
    return tuple(piece_of(ends[k], ends[k + 1]) for k in range(len(ends) - 1))


def smooth_claim(f, cuts: list[Fraction]) -> Claim:
    """f is C-infinity on the open pieces between the cuts (:mod:`symact.kernel.continuity_claim`)."""
    where = f"between the points {', '.join(map(str, cuts))}" if cuts else "on R"
    return Claim(f"f is C-infinity {where}", f, "==", f, open_pieces(cuts), "proved", via="smooth")


def nowhere_claim(f, k: int, c: Fraction) -> Claim:
    """f^(k) does not exist at c: the claim f^(k)(c) = f^(k)(c) refuted (a claim is false where a side is
    undefined; the kernel certifies it by a jump or unequal one-sided derivatives of f^(k-1) at c)."""
    d = nth(f, k)
    return Claim(f"{_name(k)} does not exist at {c}", d, "==", d, (pt(c),), "refuted", hints=(c,))


def exists_claim(f, k: int, cuts: list[Fraction]) -> Claim:
    """f^(k) exists at each cut (the claim f^(k) = f^(k) there: a claim holds only where its sides are defined)."""
    d = nth(f, k)
    return Claim(f"{_name(k)} exists at {', '.join(map(str, cuts))}", d, "==", d, tuple(pt(c) for c in cuts),
                 "proved")


def value_claim(f, k: int, c: Fraction, value) -> Claim:
    """f^(k)(c) exists and is the constant term ``value``."""
    return Claim(f"{_name(k)}({c}) = {show(value)}", nth(f, k), "==", value, (pt(c),), "proved")


def differentiable_claims(f, cuts: list[Fraction], points: list[Fraction]) -> list[list[Claim]]:
    """f' exists exactly off the rational ``points``: f is C-infinity between the cuts and the points, f' exists
    at each cut not in ``points`` and does not exist at each of the points."""
    others = [c for c in cuts if c not in points]
    return ([[smooth_claim(f, sorted({*cuts, *points}))]] + ([[exists_claim(f, 1, others)]] if others else [])
            + [[nowhere_claim(f, 1, c)] for c in points])


def class_order(value: str) -> int | None:
    """k for the smoothness class "Ck", None for "Cinf" and "discontinuous"."""
    if value in ("Cinf", "discontinuous"):
        return None
    if not re.fullmatch(r"C\d+", value):
        raise Inexpressible(f"the class {value!r}")
    return int(value[1:])


def continuity_claims(f, value: str, cuts: list[Fraction], moduli: dict, jumps: dict) -> list[list[Claim]]:
    """f's smoothness class is ``value``.  Cinf: f is C-infinity on R (no cuts).  Ck: f is C-infinity between
    the cuts, f^(k)(c) exists and equals v_c at each cut c, and |f^(k)(x) - v_c| <= L |x - c| next to c
    (L = ``moduli[(c, piece)]``, proposed by the search), so f^(k) exists and is continuous on R; and f^(k+1)
    does not exist at one cut, so f is not C(k+1).  discontinuous: a jump at a cut (:func:`jump_claims`), with
    f(c) the value it is measured from."""
    if value == "discontinuous":  # f(c) is the value the jump is measured from
        at_jumps = sorted({c for c, _ in jumps})
        return jump_claims(f, cuts, jumps) + [[value_claim(f, 0, c, at_q(f, c))] for c in at_jumps]
    if value == "Cinf":
        if cuts:
            raise Inexpressible("C-infinity across a breakpoint")
        return [[smooth_claim(f, [])]]
    k = class_order(value)
    if not cuts:
        raise Inexpressible(f"the class {value} without a breakpoint where it ends")
    d, name = nth(f, k), _name(k)
    values = {c: at_q(f, c) if k == 0 else num(_exact_value(d, c, name)) for c in cuts}
    groups = [[smooth_claim(f, cuts)]] + [[value_claim(f, k, c, values[c])] for c in cuts]
    for c, on in next_to(cuts):
        at_c = values[c]
        bound = moduli[(c, on)]
        for rel, s in (("<=", 1), (">=", -1)):
            groups.append([Claim(f"{name}(x) {rel} {name}({c}) {'+' if s > 0 else '-'} {bound}*|x - {c}| on "
                                 f"{piece_text(on)}", d,
                                 rel, add(at_c, mul(num(s * bound), distance(c, on))), (on,), "proved",
                                 necessary=False, work=DERIVATIVE_WORK)])
    groups.append([replace(nowhere_claim(f, k + 1, c), necessary=False) for c in cuts])
    return groups


def _exact_value(d, c: Fraction, name: str) -> Fraction:
    from symact.kernel.evaluate import exact_value

    value = exact_value(d, c)
    if value is None:
        raise Inexpressible(f"{name}({c}) is not a rational the kernel computes")
    return value


# ---------------------------------------------------------------------------------------------- saturation
def outermost(cuts: list[Fraction], side: int) -> Fraction:
    """The last cut toward +oo (side +1) or -oo (-1), 0 when there is none."""
    return (max(cuts) if side > 0 else min(cuts)) if cuts else Fraction(0)


def saturation_claims(f, value: dict, cuts: list[Fraction], slopes: dict, swings: dict) -> list[list[Claim]]:
    """Each side's saturation (``value["left"]``/``["right"]``), with r the outermost cut on that side (0 if
    none) and the far ray beyond r -+ RAY.  hard: ``f' == 0`` on the open ray beyond r.  soft: ``limit(f', x,
    -+oo) == 0`` and f' > 0 (or < 0) on the far ray, so f' -> 0 and f' != 0 there.  none: that limit claim
    refuted (f' has a limit other than 0), or |f'| >= s > 0 on the far ray, or (f' oscillating)
    ``f'(x)^2 + f'(x + SHIFT)^2 >= q > 0`` there (the kernel's d/dx f(x + SHIFT) is f'(x + SHIFT)): beyond any
    point one of f'(x), f'(x + SHIFT) has |.| >= sqrt(q/2); either way f' does not tend to 0, so f is neither
    hard nor soft there.  Search only: ``slopes[side]`` is about f' at the start of the far ray (it orders the
    signs tried and gives s, about |f'|/2), ``swings[side]`` the q to try (None: no such claim)."""
    d = ("deriv", f)
    groups = []
    for side, word in ((-1, "left"), (1, "right")):
        kind = value.get(word)
        end = "oo" if side > 0 else "-oo"
        r = outermost(cuts, side)
        far = r + side * RAY
        ray = piece_of(far, None, True) if side > 0 else piece_of(None, far, False, True)
        ray_text = f"[{far}, oo)" if side > 0 else f"(-oo, {far}]"

        def lim(want, necessary):
            return Claim(f"f' -> 0 as x -> {end}", d, "==", num(0), (), want, necessary, limit=end)
        slope = slopes.get(side) or Fraction(0)
        if kind == "hard":
            beyond = piece_of(r, None) if side > 0 else piece_of(None, r)
            groups.append([Claim(f"f' = 0 on {'(' + str(r) + ', oo)' if side > 0 else '(-oo, ' + str(r) + ')'}", d,
                                 "==", num(0), (beyond,), "proved", necessary=False)])
        elif kind == "soft":
            signs = ("<", ">") if slope >= 0 else (">", "<")  # the likely sign last: an unconfirmed verdict names it
            groups += [[lim("proved", True)],
                       [Claim(f"f' {rel} 0 on {ray_text}", d, rel, num(0), (ray,), "proved", necessary=False,
                              work=TAIL_WORK) for rel in signs]]
        elif kind == "none":
            group = [lim("refuted", False)]
            s = (abs(slope) / 2).limit_denominator(10 ** 4)
            if s:
                rel = ">=" if slope > 0 else "<="
                group.append(Claim(f"f' {rel} {'' if slope > 0 else '-'}{_show(s)} on {ray_text}", d, rel,
                                   num(s if slope > 0 else -s), (ray,), "proved", necessary=False,
                                   work=TAIL_WORK))
            q = swings.get(side)
            if q:
                shifted = ("deriv", at(f, add(X, num(SHIFT))))
                group.append(Claim(f"f'(x)^2 + f'(x + {SHIFT})^2 >= {_show(q)} on {ray_text}", add(power(d, 2),
                                   power(shifted, 2)), ">=", num(q), (ray,), "proved", necessary=False,
                                   via="period"))
            groups.append(group)
        else:
            raise Inexpressible(f"saturation {word} {kind!r}")
    return groups


# ---------------------------------------------------------------------------------------------- inflection
def convex_on_claims(f, want: int, lo: Fraction | None, hi: Fraction | None, cuts: list[Fraction], slopes: dict
                     ) -> list[list[Claim]]:
    """want * f is convex on [lo, hi] (None: an infinite end), given that f is continuous at the cuts there:
    (want f)'' >= 0 between lo, the cuts inside and hi (at lo and hi too where they are finite and not cuts), and
    a supporting line ``want f >= want f(c) + s (x - c)`` on [lo, hi] at each cut c inside
    (s = want ``slopes[c]``, ``slopes[c]`` between the one-sided slopes of f at c), so the left slope <= s <= the
    right slope of want f at c."""
    g, name = (f, "f") if want > 0 else (neg(f), "-f")
    inside = [c for c in cuts if (lo is None or lo < c) and (hi is None or c < hi)]
    ends = [lo, *inside, hi]
    shut = (lo is not None and lo not in cuts, hi is not None and hi not in cuts)
    pieces = tuple(piece_of(ends[k], ends[k + 1], k == 0 and shut[0], k == len(ends) - 2 and shut[1])
                   for k in range(len(ends) - 1))
    span = piece_of(lo, hi, lo is not None, hi is not None)
    groups = [[Claim(f"{name}'' >= 0 on {', '.join(piece_text(p) for p in pieces)}", nth(g, 2), ">=", num(0),
                     pieces, "proved", necessary=False)]]
    for c in inside:
        s = want * slopes[c]
        groups.append([Claim(f"{name}(x) >= {name}({c}) + {s}*(x - {c}) on {piece_text(span)} (a supporting line)",
                             g, ">=", add(at_q(g, c), mul(num(s), sub(X, num(c)))), (span,), "proved",
                             necessary=False)])
    return groups


def inflection_claims(f, want: int, point: dict, cuts: list[Fraction], slopes: dict
                      ) -> list[tuple[dict, list[list[Claim]]]]:
    """[(the point as the claims confirm it, the claims)], tried in order, that f's curvature changes there, f
    convex (want +1) or concave (-1) on its left and the other on its right, given that f is continuous at the
    cuts.
    A rational point c: :func:`convex_on_claims` on [c - d, c] and the opposite on [c, c + d] (d <= 1 and at most
    half the gap to the next cut).  A stretch [a, b] with rational ends: convex on [a - d, b] and concave on
    [a, b + d] (or the reverse).  An irrational point with a closed form c the kernel reads: ``want f''(x + c)
    == 0`` at x = 0 and ``want f'''(x + c) < 0`` for |x| <= EPSILON, so want f'' decreases through 0 at c
    exactly.  Otherwise, within its enclosure [a, b] widened by TOLERANCE (1 + |a|): ``want f''(a) > 0``,
    ``want f''(b) < 0`` and ``want f''' < 0`` on [a, b], so f'' has exactly one zero in (a, b) and changes sign
    there; the closed form of such a point is shown as a conjecture (:func:`unproved_forms`)."""
    lo, hi = stretch_ends(point) if point.get("interval") else (fraction(point.get("exact")),) * 2
    if lo is not None and hi is not None:
        others = [c for c in cuts if not lo <= c <= hi]
        gap = min([Fraction(1)] + [abs(c - e) / 2 for c in others for e in (lo, hi)])
        return [(point, convex_on_claims(f, want, lo - gap, hi, cuts, slopes)
                 + convex_on_claims(f, -want, lo, hi + gap, cuts, slopes))]
    box = enclosure({"enclosure": point.get("enclosure")})
    if point.get("interval") or box is None:
        raise Inexpressible("an inflection point without a rational enclosure")
    g, name = (f, "f") if want > 0 else (neg(f), "-f")
    out = []
    c = closed_form(point)
    if c is not None:
        h, where = at(g, add(X, c)), point.get("text") or point["exact"]
        near = piece_of(-EPSILON, EPSILON, True, True)
        out.append((point, [[Claim(f"{name}''({where}) = 0", nth(h, 2), "==", num(0), (pt(Fraction(0)),),
                                   "proved", necessary=False)],
                            [Claim(f"{name}'''(x + ({where})) < 0 for |x| <= {EPSILON}, so {name}'' changes sign at "
                                   f"{where} exactly", nth(h, 3), "<", num(0), (near,), "proved", necessary=False)]]))
    widen = TOLERANCE * (1 + abs(box[0]))
    a, b = box[0] - widen, box[1] + widen
    shown = {**unproved_forms(point), "enclosure": _ball(a, b)}
    out.append((shown, [[Claim(f"{name}''({_show(a)}) > 0", nth(g, 2), ">", num(0), (pt(a),), "proved",
                               necessary=False)],
                        [Claim(f"{name}''({_show(b)}) < 0", nth(g, 2), "<", num(0), (pt(b),), "proved",
                               necessary=False)],
                        [Claim(f"{name}''' < 0 on [{_show(a)}, {_show(b)}], so {name}'' has one zero there, where it "
                               f"changes sign", nth(g, 3), "<", num(0), (piece_of(a, b, True, True),), "proved",
                               necessary=False)]]))
    return out


def stretch_ends(point: dict) -> tuple[Fraction | None, Fraction | None]:
    """The rational ends of a printed stretch ``[a, b]`` (its ``interval`` text), or (None, None)."""
    m = re.fullmatch(r"\[(-?\d+(?:/\d+)?), (-?\d+(?:/\d+)?)\]", point["interval"].strip())
    return (fraction(m.group(1)), fraction(m.group(2))) if m else (None, None)


# ---------------------------------------------------------------------------------------------- image
def image_claims(f, cuts: list[Fraction], forms: list[tuple[Fraction, Fraction]], values: list[Fraction]
                 ) -> list[list[Claim]]:
    """f is ``a x + b`` on each open piece between the cuts (``forms``, in order) and ``values[k]`` at the k-th
    cut, so f(R) is the union of the images of the pieces and the cuts' values (:func:`affine_image`)."""
    groups = [[Claim(f"f(x) = {a}*x + {b} on {piece_text(p)}", f, "==", add(mul(num(a), X), num(b)), (p,), "proved",
                     necessary=False)] for p, (a, b) in zip(open_pieces(cuts), forms)]
    return groups + [[Claim(f"f({c}) = {v}", f, "==", num(v), (pt(c),), "proved", necessary=False)]
                     for c, v in zip(cuts, values)]


def affine_image(cuts: list[Fraction], forms: list[tuple[Fraction, Fraction]], values: list[Fraction]):
    """The SymPy set f(R) of the f that :func:`image_claims` describe: an open interval (or a point, where a = 0)
    for each piece, and the values at the cuts."""
    import sympy as sp

    def rational(q: Fraction):
        return sp.Rational(q.numerator, q.denominator)
    out = sp.FiniteSet(*map(rational, values))
    ends = [None, *cuts, None]
    for k, (a, b) in enumerate(forms):
        if a == 0:
            out = out.union(sp.FiniteSet(rational(b)))
            continue
        lo = -sp.oo * sp.sign(a) if ends[k] is None else rational(a * ends[k] + b)
        hi = sp.oo * sp.sign(a) if ends[k + 1] is None else rational(a * ends[k + 1] + b)
        out = out.union(sp.Interval.open(min(lo, hi), max(lo, hi)))
    return out

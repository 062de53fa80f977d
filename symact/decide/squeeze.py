"""Values L and bounds g for the kernel's rule ``squeeze`` (|f - L| <= g on a ray, g -> 0): proposals only.

The values tried are the claim's own c, the sum of the limits of the summands of f (expanded by SymPy) that the
kernel's calculus resolves, and 0.  For each, f - L (as written, expanded, over one denominator) is bounded term by
term: a sum by the sum of its summands' bounds, a product by the product of its factors', a positive power of a
bounded base by the power of its bound; sin, cos, tanh and sign of an argument with x by 1; a base whose bounded
summands cannot cancel the rest (x + sin(x)) from below by the rest less their bounds, for a negative power; any
other part by itself with the sign it has far out (x = +-2^20).  A bound is proposed when the calculus sends it
to 0 (g = 0 where SymPy simplifies f - L to 0); the kernel proves |f - L| <= g on the ray with a certificate of
its own, or rejects the node.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp
from flint import ctx

from symact.budget import run_with_budget
from symact.decide.asymptotics import limit_within
from symact.decide.pattern import Undecided
from symact.decide.terms_sympy import to_sympy
from symact.kernel.evaluate import GermUndefined, enclose, point
from symact.kernel import ivals
from symact.kernel.ivals import Uncertain
from symact.kernel.limits import limit_at, limit_value
from symact.kernel.terms import ZERO, X, TermError, add, has_x, mul, neg, num, sub
from symact.sympy_terms import from_sympy

_X = sp.Symbol("x", real=True)
#: functions whose value lies in [-1, 1]
_UNIT = ("sin", "cos", "tanh")
_FAR = Fraction(2) ** 20


def squeeze_bounds(f, side: int, target) -> list[tuple]:
    """[(L, g), ...]: constants L and bounds g with g -> 0 at the end ``side`` (the calculus) that may satisfy
    |f - L| <= g on a ray there; target is the claim's c (a term) or an infinite end (an int)."""
    if not _oscillates(f):
        return _decay_bounds(f, side, target)
    forms = _forms(f)
    values = [] if isinstance(target, int) else [target]
    for h in forms:
        resolved = [_limit_term(u, side) for u in _summands(h)]
        if any(t is not None for t in resolved):
            values.append(_simplified(add(*(t for t in resolved if t is not None), num(0))))
    out = []
    for value in dict.fromkeys([*values, num(0)]):
        for h in _forms(sub(f, value)):
            g = _majorant(h, side)
            for bound in dict.fromkeys([_simplified(g), g] if g is not None else []):
                if (value, bound) not in out and _tends_to_zero(bound, side):
                    out.append((value, bound))
    return out


def _decay_bounds(f, side: int, target) -> list[tuple]:
    """[(L, g), ...] for an f without a bounded function: L the claim's c or SymPy's limit of f (finite), g the
    tightest of |x|^-k and exp(-k |x|) (k = 3, 2, 1) with |f - L| <= g/2 at x = side 2^j (j = 3 to 6, in ball
    arithmetic at 512 bits), then the next looser one (x (pi/2 - atan x) - 1 ~ -x^-2/3: g = x^-2, then x^-1)."""
    try:
        found = limit_within(to_sympy(f), _X, side * sp.oo, seconds=2.0)
        values = [from_sympy(found, _X)] if found.is_finite else []
    except (Undecided, TermError, KeyError):
        values = []
    x = X if side > 0 else neg(X)
    bounds = [("pow", x, Fraction(-k)) for k in (3, 2, 1)] + [("fn", "exp", mul(num(-k), x)) for k in (3, 2, 1)]
    out = []
    for value in dict.fromkeys(([] if isinstance(target, int) else [target]) + values):
        fitting = [g for g in bounds if _below_half(sub(f, value), g, side)]
        out += [(value, g) for g in sorted(fitting, key=lambda g: _far_size(g, side))[:2]]
    return out


def _below_half(t, g, side: int) -> bool:
    """Whether |t| <= g/2 certainly at x = side 2^j for j = 3 to 6 (512-bit balls)."""
    with ctx.workprec(512):
        try:
            return all((ivals.absolute(enclose(t, point(side * Fraction(2 ** j)))).hi
                        <= enclose(g, point(side * Fraction(2 ** j))).lo / 2) for j in (3, 4, 5, 6))
        except (Uncertain, GermUndefined, ZeroDivisionError, TypeError):
            return False


def _far_size(g, side: int) -> float:
    """g at x = side 2^6 (a float)."""
    with ctx.workprec(512):
        return float(enclose(g, point(side * Fraction(2 ** 6))).lo)


def oscillation_bounds(t, side: int) -> list:
    """Bounds h <= t and h >= t far out (for the comparison of the rule ``limit``): each bounded function of an
    argument with x replaced by its worst value, -1 or 1 (x (2 + sin(x)) >= x, x - sin(x) >= x - 1), then half of
    each (t - h/2 keeps a gap where t - h touches 0, so the kernel's search proves it more easily); [] for a t
    without one."""
    if not _oscillates(t):
        return []
    found = [_simplified(h) for h in (_signed(t, side, -1), _signed(t, side, 1)) if h is not None]
    return found + [_simplified(mul(num(Fraction(1, 2)), h)) for h in found]


def _signed(t, side: int, s: int):
    """A term >= t (s = 1) or <= t (s = -1) far out: the sum of its summands' bounds, a product with one factor
    that oscillates by the others (of a certain sign far out) times that factor's bound; or None."""
    if _bounded(t):
        return num(s)
    if not _oscillates(t):
        return t
    if t[0] == "add":
        parts = [_signed(a, side, s) for a in t[1:]]
        return None if None in parts else add(*parts)
    moving = [a for a in t[1:] if _oscillates(a)] if t[0] == "mul" else []
    if len(moving) != 1:
        return None
    rest = mul(*(a for a in t[1:] if not _oscillates(a)), num(1))
    c = _far_sign(rest, side)
    inner = None if c == 0 else _signed(moving[0], side, s * c)
    return None if inner is None else mul(rest, inner)


def _bounded(t) -> bool:
    """Whether t is a bounded function (sin, cos, tanh, sign) of an argument with x: |t| <= 1."""
    return (t[0] == "sign" or (t[0] == "fn" and t[1] in _UNIT)) and has_x(t[-1])


def _oscillates(t) -> bool:
    """Whether t has a bounded function (sin, cos, tanh, sign) of an argument with x."""
    return _bounded(t) or any(_oscillates(a) for a in t[1:] if isinstance(a, tuple))


def _forms(t) -> list:
    """t, then SymPy's expanded product, single fraction and trigonometric simplification of t (where t has a
    SymPy form)."""
    out = [t]
    try:
        e = to_sympy(t)
    except (TermError, KeyError):
        return out
    for rewrite in (sp.expand_mul, sp.together, sp.trigsimp):
        ok, form = run_with_budget(lambda: rewrite(e), 1.0)
        if ok:
            try:
                out.append(from_sympy(form, _X))
            except TermError:
                pass
    return list(dict.fromkeys(out))


def _simplified(t):
    """t with SymPy's evaluation of its constants where it has a SymPy form."""
    try:
        return from_sympy(to_sympy(t), _X)
    except (TermError, KeyError):
        return t


def _summands(t) -> tuple:
    return t[1:] if t[0] == "add" else (t,)


def _finite_limit(t, side: int):
    """The finite limit of t at the end ``side`` by the calculus (a :class:`~symact.kernel.limits.Lim`), or None."""
    try:
        lim = limit_at(t, side)
    except (Uncertain, ZeroDivisionError, ValueError):
        return None
    return lim if lim.finite else None


def _limit_term(t, side: int):
    """The exact finite limit of t by the calculus, or None."""
    lim = _finite_limit(t, side)
    return None if lim is None else lim.term


def _tends_to_zero(g, side: int) -> bool:
    lim = _finite_limit(g, side)
    return lim is not None and limit_value(lim).is_zero()


def _far_sign(t, side: int) -> int:
    """The certain sign of t at x = side 2^20, or 0."""
    try:
        return enclose(t, point(side * _FAR)).sign()
    except (Uncertain, GermUndefined, ZeroDivisionError):
        return 0


def _majorant(t, side: int):
    """A term >= |t| far out toward the end (see the module's docstring), or None."""
    head = t[0]
    if t == ZERO:  # f - L = 0 by SymPy (cos(x)^2 + sin(x)^2 - 1): the kernel proves |f - L| <= 0
        return t
    if _bounded(t):
        return num(1)
    if head == "abs":
        return _majorant(t[1], side)
    if head in ("add", "mul") and _oscillates(t):
        parts = [_majorant(a, side) for a in t[1:]]
        return None if None in parts else (add if head == "add" else mul)(*parts)
    if head == "pow" and _oscillates(t[1]):
        base = _majorant(t[1], side) if t[2] > 0 else _minorant(t[1], side)
        return None if base is None else ("pow", base, t[2])
    s = _far_sign(t, side)
    return None if s == 0 else t if s > 0 else neg(t)


def _minorant(t, side: int):
    """A term <= |t| and > 0 far out: the summands of t without a bounded function, signed to be positive there,
    less the bounds of the others; or None."""
    steady = [a for a in _summands(t) if not _oscillates(a)]
    bounds = [_majorant(a, side) for a in _summands(t) if _oscillates(a)]
    s = _far_sign(add(*steady, num(0)), side)
    if s == 0 or None in bounds:
        return None
    low = sub(add(*steady, num(0)) if s > 0 else neg(add(*steady, num(0))), add(*bounds))
    return low if _far_sign(low, side) > 0 else None

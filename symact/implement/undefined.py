"""The points where a user expression is undefined although its neighbours are not (``symact implement --expr``):
a division by zero, 0/0 included ((exp(x) - 1)/x, sin(x)/x, 1/x, Abs(x)/x at 0).  Real-line semantics: the
expression has no value there, so the module returns NaN there, as ``symact audit --expr`` expects; the
continuous extension (the limit, where it is finite) is named in the module's docstring as information only.

Each such point is a branch of its own of kind ``undefined``: its claim is that the expression is undefined at
that point, which the kernel certifies (:func:`symact.kernel.evaluate.undefined_reason`) before the branch is
made; a point where that is not certain gets no branch.  Each range where a part is outside its domain (log(u)
with u <= 0, asin(u) with u > 1, u**(1/3) with u < 0, ...) is a NaN branch of kind ``outside`` whose claim (the
argument outside the domain there) the kernel decides like every branch claim (:func:`domain_gaps`).  For f',
an end of such a range where f is defined but f' does not exist (x**(3/2) at 0: no difference quotient from the
left) is an ``undefined`` point too, certified the same way (:func:`underivable_points`); a point where the
formula of f' is undefined stays NaN only where the kernel proves that f' does not exist there
(:func:`derivative_points`: sqrt(x**4 + x**6)' is 0 at 0, where its formula is 0/0).
"""
from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import sympy as sp

from symact.catalog.registry import X
from symact.implement.branches import Branch


def poles(expr: sp.Expr) -> list[sp.Rational]:
    """The rational zeros of the denominators of ``expr`` (the bases of its negative powers) in order, the
    candidates for a division by zero: a polynomial's rational roots, and the rational solutions SymPy's
    ``solveset`` finds for another base in 2 CPU seconds (exp(x) - 1 at 0)."""
    out: set = set()
    for p in expr.atoms(sp.Pow):
        if not (p.exp.is_number and p.exp.is_negative and p.base.has(X)):
            continue
        if p.base.is_polynomial(X):
            out |= {r for r in sp.Poly(p.base, X).ground_roots() if r.is_Rational}
        else:
            out |= _solutions(p.base)
    return sorted(out)


#: where the rational zeros of a base with infinitely many zeros (sin(x): k pi) are looked for: |x| <= this
SOLUTION_WINDOW = 64


def _solutions(base: sp.Expr) -> set:
    """The rational real zeros of ``base`` that SymPy's ``solveset`` finds in 2 CPU seconds: all of them where it
    finds finitely many, else those with |x| <= :data:`SOLUTION_WINDOW` (sin(x): 0 of its zeros k pi)."""
    from symact.budget import run_with_budget

    found = None
    for where in (sp.S.Reals, sp.Interval(-SOLUTION_WINDOW, SOLUTION_WINDOW)):
        try:
            done, found = run_with_budget(lambda: sp.solveset(base, X, where), 2.0)
        except Exception:  # noqa: BLE001 - SymPy raises many types: nothing proposed
            return set()
        if not done:
            return set()
        if isinstance(found, sp.FiniteSet):
            return {r for r in found if r.is_Rational}
    return set()


def undefined_points(expr: sp.Expr, branches: list[Branch]) -> list[Branch]:
    """``branches`` with each point of :func:`poles` where the kernel proves ``expr`` undefined on a branch of its
    own: NaN, of kind ``undefined`` (its reason, and the finite two-sided limit there if SymPy finds one in 5 CPU
    seconds, information only)."""
    return _nan_points(expr, False, poles(expr), branches,
                       lambda point, why: f"the expression is undefined here ({why}): NaN{_extension(expr, point)}")


def underivable_points(expr: sp.Expr, branches: list[Branch]) -> list[Branch]:
    """``branches`` (f's derivative's, ``expr`` is f) with each finite end of their NaN ranges (kind ``outside``)
    that the ranges leave out, where the kernel proves that f' does not exist although f is defined (real-line
    semantics: the difference quotient has no side where f is undefined: x**(3/2) at 0, where its formula
    3 sqrt(x)/2 is 0), on a branch of its own: NaN, of kind ``undefined``."""
    ends = sorted({end for b in branches if b.kind == "outside"
                   for end, closed in ((b.lo, b.lo_closed), (b.hi, b.hi_closed)) if end is not None and not closed})
    return _nan_points(expr, True, ends, branches,
                       lambda point, why: f"f' does not exist here ({why}): NaN")


def _nan_points(expr: sp.Expr, derivative: bool, points: list, branches: list[Branch], why) -> list[Branch]:
    """``branches`` with each of ``points`` where the kernel proves ``expr`` (``derivative``: its derivative)
    undefined, and no branch is NaN already, on a branch of its own: NaN, of kind ``undefined``, described by
    ``why(point, the kernel's reason)``."""
    from symact.kernel.evaluate import undefined_reason
    from symact.kernel.terms import TermError
    from symact.sympy_terms import from_sympy

    try:
        term = from_sympy(expr, X)
    except TermError:
        return branches
    for point in points:
        if nan_at(branches, point):
            continue
        reason = undefined_reason(("deriv", term) if derivative else term, Fraction(int(point.p), int(point.q)))
        if reason is not None:
            branches = cut(branches, Branch(point, point, True, True, sp.nan, why(point, reason), "undefined"))
    return branches


def nan_at(branches: list[Branch], point: sp.Rational) -> bool:
    """Whether a NaN branch holds ``point``."""
    return any(b.formula is sp.nan and b.contains(point) for b in branches)


def _extension(expr: sp.Expr, point: sp.Rational) -> str:
    """The continuous extension's value at ``point`` as a remark, or '' where SymPy finds no finite two-sided
    limit there."""
    value = _limit(expr, point)
    return "" if value is None else (f"; its continuous extension would be {sp.sstr(value)} here (the limit, "
                                     f"information only: not returned)")


def _limit(expr: sp.Expr, point: sp.Rational) -> sp.Expr | None:
    """The finite real two-sided limit of ``expr`` at ``point`` that SymPy finds in 5 CPU seconds, or None."""
    from symact.budget import run_with_budget

    try:
        done, sides = run_with_budget(lambda: [sp.limit(expr, X, point, d) for d in ("-", "+")], 5.0)
    except Exception:  # noqa: BLE001 - SymPy raises many types: no limit known
        return None
    if not done or sides[0] != sides[1] or not (sides[0].is_number and sides[0].is_finite and sides[0].is_real):
        return None
    return sides[0]


def derivative_points(expr: sp.Expr, branches: list[Branch]) -> list[Branch]:
    """``branches`` (f's derivative's, ``expr`` is f) with each ``undefined`` point of its formula f' (made by
    :func:`undefined_points` for the formula) decided for the derivative itself, since a formula that is 0/0
    at a point is no missing derivative (sqrt(x**4 + x**6) = x^2 sqrt(1 + x^2) has f'(0) = 0 although its
    formula (3*x**5 + 2*x**3)/sqrt(x**6 + x**4) is 0/0 there): NaN (kind ``undefined``) only where the kernel
    proves that f' does not exist there (:func:`symact.kernel.evaluate.undefined_reason` of ``diff(f, x)``: f
    undefined there or on a side, a jump, one-sided slopes that differ); else the formula's rational limit
    there (SymPy's) on a point branch of kind ``exact``, whose claim ``diff(f, x) == LIMIT for x == POINT`` the
    kernel decides like every branch claim (NOT PROVED where it cannot); else the formula itself, whose claim
    is not proved either (and whose value there is NaN)."""
    from symact.kernel.evaluate import undefined_reason
    from symact.kernel.terms import TermError
    from symact.sympy_terms import from_sympy

    try:
        term = ("deriv", from_sympy(expr, X))
    except TermError:
        return branches
    d = sp.diff(expr, X)
    for point in [b.lo for b in branches if b.kind == "undefined"]:
        if undefined_reason(term, Fraction(int(point.p), int(point.q))) is not None:
            continue  # NaN stays: f' itself is proved not to exist there
        value = _limit(d, point)
        formula, why = ((value, "the limit of the formula of f', which is 0/0 here: f' exists here if the kernel "
                                "proves the claim") if value is not None and value.is_Rational else
                        (d, "the formula of f', undefined here: whether f' exists here is not known"))
        branches = cut(branches, Branch(point, point, True, True, formula, why, "exact"))
    return branches


def domain_gaps(expr: sp.Expr, branches: list[Branch], of_f: bool = False) -> list[Branch]:
    """``branches`` with each range where a part of ``expr`` is outside its domain (:func:`_outside`: log(u) with
    u <= 0, asin(u) with u < -1 or u > 1, a real power u**(p/q) with u < 0, ...) on a branch of its own: NaN, of
    kind ``outside``.  SymPy's inequality solver only proposes the ranges (rational ends, 5 CPU seconds); the
    branch's claim is the part's argument outside its domain on the range (``x <= 0 for x <= 0``), decided by the
    kernel like every branch claim, so a range SymPy got wrong is NOT PROVED, never silently NaN.  ``of_f``:
    ``expr`` is f and ``branches`` are its derivative's, which does not exist where f is undefined (real-line
    semantics: log(x)' at x < 0, although its formula 1/x is defined there)."""
    what = "f is undefined here, so f' does not exist" if of_f else "the expression is undefined here"
    for part, relation in _outside(expr):
        for lo, hi, lo_closed, hi_closed in _ranges(relation):
            branches = cut(branches, Branch(lo, hi, lo_closed, hi_closed, sp.nan,
                                             f"{what} ({sp.sstr(part)} where {sp.sstr(relation)}): NaN", "outside",
                                             relation))
    return branches


def _outside(expr: sp.Expr) -> list[tuple[sp.Expr, sp.core.relational.Relational]]:
    """Each (part of ``expr`` with a restricted domain, a relation in x under which it is undefined): below or
    above the natural domain of its function (the record's ``domain`` in :mod:`symact.functions`: log(u) for
    u <= 0, acosh(u) for u < 1, asin(u) for u < -1 and for u > 1), and a negative base of a power whose exponent
    is a rational non-integer (real-line semantics: u**(1/3) is not taken of u < 0, as the kernel reads it)."""
    from symact.functions import BY_HEAD

    out = []
    for a in sp.preorder_traversal(expr):
        record = BY_HEAD.get(type(a))
        if record is not None and record.domain is not None and len(a.args) == 1:
            lo, hi, lo_closed, hi_closed = record.domain
            u = a.args[0]
            out += [(a, (sp.Lt if lo_closed else sp.Le)(u, lo))] if lo is not None else []
            out += [(a, (sp.Gt if hi_closed else sp.Ge)(u, hi))] if hi is not None else []
        elif isinstance(a, sp.Pow) and a.exp.is_Rational and not a.exp.is_Integer:
            out.append((a, sp.Lt(a.base, 0)))
    return [(a, r) for a, r in out if isinstance(r, sp.core.relational.Relational) and r.has(X)]


def _ranges(relation) -> list[tuple]:
    """The ranges (lo, hi, lo_closed, hi_closed) with rational or infinite ends on which ``relation`` holds, as
    SymPy's solver proposes them ([] where it fails or finds none)."""
    from symact.budget import run_with_budget

    try:
        done, found = run_with_budget(
            lambda: sp.solve_univariate_inequality(relation, X, relational=False), 5.0)
    except Exception:  # noqa: BLE001 - SymPy raises many types: nothing proposed
        return []
    if not done:
        return []
    out = []
    for piece in (found.args if isinstance(found, sp.Union) else (found,)):
        if not isinstance(piece, sp.Interval) or not all(e.is_infinite or e.is_Rational for e in piece.args[:2]):
            continue
        lo, hi = (None if e.is_infinite else e for e in piece.args[:2])
        if lo is None or hi is None or lo < hi:
            out.append((lo, hi, not piece.left_open and lo is not None, not piece.right_open and hi is not None))
    return out


def cut(branches: list[Branch], at: Branch) -> list[Branch]:
    """``branches`` less the range of ``at``, with ``at`` in its place."""
    def below(b: Branch) -> Branch | None:  # b on (-oo, at.lo)
        if at.lo is None or (b.lo is not None
                             and (b.lo > at.lo or b.lo == at.lo and not (b.lo_closed and not at.lo_closed))):
            return None
        if b.hi is not None and (b.hi < at.lo or b.hi == at.lo and not (b.hi_closed and at.lo_closed)):
            return b
        return replace(b, hi=at.lo, hi_closed=not at.lo_closed)

    def above(b: Branch) -> Branch | None:  # b on (at.hi, oo)
        if at.hi is None or (b.hi is not None
                             and (b.hi < at.hi or b.hi == at.hi and not (b.hi_closed and not at.hi_closed))):
            return None
        if b.lo is not None and (b.lo > at.hi or b.lo == at.hi and not (b.lo_closed and at.hi_closed)):
            return b
        return replace(b, lo=at.hi, lo_closed=not at.hi_closed)

    return ([p for p in map(below, branches) if p is not None] + [at]
            + [p for p in map(above, branches) if p is not None])

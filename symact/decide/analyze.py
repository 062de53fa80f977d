"""The sign-pattern engine: zeros and strict signs of a smooth expression on an interval, with proof.

``pattern(expr, lo, hi, ctx)`` returns a :class:`~symact.decide.pattern.Pattern` or raises ``Undecided``.
The expression is factorised exactly (:mod:`symact.decide.factorize`); the patterns of the factors multiply.
Each factor is settled by the first method that applies:

1. constants: exact sign (certified ``arb`` ball away from 0, or exact simplification to 0);
2. structure (:mod:`symact.decide.structure`): exp(.) > 0, t > 0, squares >= 0, sums/products of those;
3. polynomials in x with rational coefficients, and polynomials in one t = exp(a x): exact real roots
   (:mod:`symact.decide.polynomial`); other polynomials: Cauchy bound + certified isolation
   (:mod:`symact.decide.polyroots`);
4. log(A) with A > 0: the sign of A - 1;
5. A + B sqrt(C) (:mod:`symact.decide.radical`) and P exp(w) + Q (:mod:`symact.decide.two_term`);
6. on a bounded interval: certified interval arithmetic (constant sign, then isolated simple zeros,
   :mod:`symact.decide.isolate`);
7. the derivative method: the pattern of (m f)' for a positive multiplier m (recursively, bounded depth)
   cuts the interval into stretches on which f is strictly monotone; the signs of f at the cut points (exact
   values, certified enclosures) and at the ends (limits, :mod:`symact.decide.asymptotics`) fix its sign on
   each stretch, and a sign change inside a stretch is a unique zero, isolated by certified bisection and
   made exact with ``solve`` when the solution is verified.
"""
from __future__ import annotations

import sympy as sp

from symact.decide import balls
from symact.decide.asymptotics import value_at
from symact.decide.context import Context, const_sign, exact_zero, simplify_special
from symact.decide.factorize import factorize
from symact.decide.pattern import Pattern, Undecided, Zero, multiply, sample_point
from symact.decide.polynomial import polynomial_pattern
from symact.decide.structure import structural_sign

DEFAULT_DEPTH = 8

# ---------------------------------------------------------------------------------------------- engine
#: proved patterns, by (expression, variable, interval, deadline): a pattern is a proof, so the decision can
#: reuse it; how much it says (an exact zero, or only an enclosure when ``solve`` ran out of time) depends on
#: the budget it was found under, so a later decision (another deadline) finds its own
_PATTERNS: dict = {}


def pattern(expr: sp.Expr, lo, hi, ctx: Context, depth: int = DEFAULT_DEPTH) -> Pattern:
    expr = sp.sympify(expr, strict=True)
    lo, hi = sp.sympify(lo, strict=True), sp.sympify(hi, strict=True)
    key = (expr, ctx.var, lo, hi, ctx.deadline)
    if key not in _PATTERNS:
        found = _pattern(expr, lo, hi, ctx, depth)
        if len(_PATTERNS) > 5000:
            _PATTERNS.clear()
        _PATTERNS[key] = found
    found = _PATTERNS[key]
    return Pattern(found.lo, found.hi, list(found.zeros), list(found.signs), found.identically_zero,
                   list(found.why))


def _pattern(expr: sp.Expr, lo, hi, ctx: Context, depth: int) -> Pattern:
    var = ctx.var
    ctx.check_time()
    if var not in expr.free_symbols:
        s = const_sign(expr, ctx)
        return Pattern.constant(lo, hi, s, f"{sp.sstr(expr)} is a constant of sign {s:+d}")
    fz = ctx.run(lambda: factorize(expr, var), 2.5, "factorisation")
    c = const_sign(fz.constant, ctx)
    if c == 0:
        return Pattern.constant(lo, hi, 0, f"{sp.sstr(expr)} is identically 0")
    parts = [Pattern.constant(lo, hi, c)]
    for fac in fz.factors:
        p = factor_pattern(fac.expr, fac.poly_form, lo, hi, ctx, depth, fac.exp_bases)
        if fac.exponent < 0:
            inner = [z for z in p.zeros if not (z.exact is not None and z.exact in (lo, hi))]
            if inner or p.identically_zero:
                raise Undecided(f"the denominator {sp.sstr(fac.expr)} vanishes on the interval")
        parts.append(p.power(abs(fac.exponent)))
    out = multiply(parts, lo, hi)
    if len(fz.factors) > 1:
        out.why.insert(0, f"factorisation: {sp.sstr(expr)} = {sp.sstr(fz.product())}")
    return out


def factor_pattern(f: sp.Expr, poly_form: sp.Expr, lo, hi, ctx: Context, depth: int,
                   exp_bases: dict | None = None) -> Pattern:
    var = ctx.var
    s = structural_sign(f, var)
    if s == "+":
        return Pattern.constant(lo, hi, 1, f"{sp.sstr(f)} > 0 (exponentials and squares are positive)")
    tsyms = [t for t in poly_form.free_symbols if t.is_Dummy and t.is_positive]
    if not tsyms and not poly_form.atoms(sp.Function) and poly_form.is_polynomial(var):
        poly = sp.Poly(poly_form, var)
        if poly.domain.is_QQ or poly.domain.is_ZZ:
            p = polynomial_pattern(poly, lo, hi)
            p.why.append(f"{sp.sstr(f)}: exact real roots of a rational polynomial")
            return p
    if len(tsyms) == 1 and var not in poly_form.free_symbols and not poly_form.atoms(sp.Function):
        t = tsyms[0]
        base = f.atoms(sp.exp)
        bases = {b.args[0] for b in base}
        if len(bases) >= 1:
            # t = exp(a x) when every exponent is a rational multiple of x
            arg = sp.Integer(1)
            for b in bases:
                q = sp.simplify(b / var)
                if not q.is_Rational:
                    arg = None
                    break
            if arg is not None:
                poly = sp.Poly(poly_form, t)
                a_coeff = _exp_coefficient(f, poly_form, t, var)
                if a_coeff is not None and (poly.domain.is_QQ or poly.domain.is_ZZ):
                    p = polynomial_pattern(poly, lo, hi, (a_coeff > 0, lambda r: sp.log(r) / a_coeff))
                    p.why.append(f"{sp.sstr(f)}: exact roots in t = exp({sp.sstr(a_coeff * var)}) > 0")
                    return p
    if isinstance(f, sp.log):
        inner = f.args[0]
        pin = pattern(inner, lo, hi, ctx, depth)
        if pin.identically_zero or any(s != 1 for s in pin.signs) or pin.zeros:
            raise Undecided(f"the argument of {f} is not shown positive")
        p = pattern(sp.together(inner - 1), lo, hi, ctx, depth)
        p.why.append(f"sign of {sp.sstr(f)} = sign of {sp.sstr(inner)} - 1")
        return p
    errors = []
    if not tsyms and not poly_form.atoms(sp.Function) and poly_form.is_polynomial(var):
        from symact.decide.polyroots import irrational_polynomial_pattern

        try:
            return irrational_polynomial_pattern(poly_form, var, lo, hi, ctx)
        except (Undecided, balls.ArbUnsupported) as exc:
            errors.append(str(exc))
        # each derivative lowers the degree, so the recursion ends
        depth = max(depth, sp.Poly(poly_form, var).degree() + 1)
    if any(p.exp == sp.Rational(1, 2) for p in f.atoms(sp.Pow)):
        from symact.decide.radical import radical_pattern

        try:
            return radical_pattern(f, lo, hi, ctx, depth)
        except (Undecided, balls.ArbUnsupported) as exc:
            errors.append(f"radical form: {exc}")
    if exp_bases and tsyms:
        from symact.decide.two_term import two_term_pattern

        try:
            return two_term_pattern(f, poly_form, exp_bases, lo, hi, ctx, depth)
        except (Undecided, balls.ArbUnsupported) as exc:
            errors.append(f"two-term form: {exc}")
    bounded = lo.is_finite and hi.is_finite
    if bounded:
        # certified interval arithmetic first: a constant sign, or isolated simple zeros
        from symact.decide.isolate import isolation_pattern

        for method in (bisection_pattern, isolation_pattern):
            try:
                return method(f, lo, hi, ctx)
            except (Undecided, balls.ArbUnsupported) as exc:
                errors.append(str(exc))
    if depth > 0:
        try:
            return derivative_pattern(f, lo, hi, ctx, depth)
        except Undecided as exc:
            errors.append(str(exc))
    raise Undecided("; ".join(errors) or f"no method for the sign of {sp.sstr(f)} on an unbounded interval")


def _exp_coefficient(f, poly_form, t, var):
    """The a with t = exp(a x) recovered from the substitution (None when t is not such an exponential)."""
    from symact.decide.factorize import exp_substitution

    _, sub = exp_substitution(f, var)
    if len(sub) != 1:
        return None
    (tt, base), = sub.items()
    a = sp.simplify(base.args[0] / var)
    if not a.is_Rational or a == 0:
        return None
    # the factor's t is the same family: check by substitution
    if sp.simplify(poly_form.xreplace({t: base}) - f) != 0:
        return None
    return a


def derivative_pattern(f: sp.Expr, lo, hi, ctx: Context, depth: int) -> Pattern:
    var = ctx.var
    mult, df = _best_multiplier(f, ctx)
    dp = pattern(df, lo, hi, ctx, depth - 1)
    f_orig, f = f, sp.expand(f * mult) if mult != 1 else f
    if dp.identically_zero:
        s = const_sign(value_at(f, var, sample_point(lo, hi) if lo != hi else lo, ctx), ctx)
        return Pattern.constant(lo, hi, s, f"{sp.sstr(f)} is constant")
    # cut points: lo, zeros of f', hi
    cuts = [("end", lo)] + [("zero", z) for z in dp.zeros if not _at_end(z, lo, hi)] + [("end", hi)]
    cut_signs = []
    for kind, c in cuts:
        if kind == "end":
            direction = "+" if c == lo else "-"
            cut_signs.append(const_sign(value_at(f, var, c, ctx, direction), ctx))
        else:
            cut_signs.append(sign_at_zero(f, c, ctx))
    items: list = []
    for k in range(len(cuts) - 1):
        sa, sb = cut_signs[k], cut_signs[k + 1]
        (ka, a), (kb, b) = cuts[k], cuts[k + 1]
        if k == 0 and sa == 0 and a.is_finite:
            items.append(Zero.at(a))
        if sa == 0 and sb == 0:
            raise Undecided(f"{sp.sstr(f)} vanishes at both ends of a monotone stretch")
        if sa != 0 and sb != 0 and sa != sb:
            items += [sa, find_zero(f, a if ka == "end" else a.hi, b if kb == "end" else b.lo, sa, ctx,
                                       exact=depth >= DEFAULT_DEPTH - 1), sb]
        else:
            items.append(sa if sa != 0 else sb)
        if sb == 0 and (kb == "zero" or b.is_finite):
            items.append(b if kb == "zero" and b.exact is not None else Zero.at(b) if kb == "end" else _fail(b))
    zeros, signs = compress(items)
    p = Pattern(lo, hi, zeros, signs)
    scaled = "" if mult == 1 else f" ({sp.sstr(f_orig)} times the positive factor {sp.sstr(mult)})"
    p.why.append(f"{sp.sstr(f)}{scaled} is strictly monotone between the zeros of its derivative {sp.sstr(df)}; "
                 f"signs at the cut points and limits fix its sign")
    p.why.extend(dp.why)
    return p


def _mixed_cost(expr: sp.Expr, ctx: Context) -> tuple[int, int]:
    """How hard the sign of ``expr`` looks: (number of factors needing analysis, their size)."""
    var = ctx.var
    try:
        fz = ctx.run(lambda: factorize(expr, var), 1.0, "factorisation")
    except Undecided:
        return (99, sp.count_ops(expr))
    hard = [fa for fa in fz.factors if structural_sign(fa.expr, var) != "+" and not (
        fa.poly_form.is_polynomial(var) and not [t for t in fa.poly_form.free_symbols if t.is_Dummy])]
    return (len(hard), sum(sp.count_ops(fa.expr) for fa in hard))


def _best_multiplier(f: sp.Expr, ctx: Context) -> tuple[sp.Expr, sp.Expr]:
    """A positive factor m (1 or exp(-a) for an exponential exp(a) in f) making (m f)' simplest."""
    var = ctx.var
    candidates = [sp.Integer(1)]
    for e in sorted(f.atoms(sp.exp), key=sp.default_sort_key):
        if var in e.free_symbols:
            candidates.append(sp.exp(-e.args[0]))
    # f = A g + B with g = atan(x), erf(x), log(...): dividing by a positive A leaves g + B/A, whose
    # derivative no longer contains g
    expanded = sp.expand(f)
    for g in sorted(f.atoms(sp.Function), key=sp.default_sort_key):
        if var not in g.free_symbols or isinstance(g, sp.exp):
            continue
        A = expanded.coeff(g)
        if A != 0 and not A.has(g) and structural_sign(A, var) == "+" and var in A.free_symbols:
            candidates.append(1 / A)
    if len(candidates) == 1 or sp.count_ops(f) > 120:
        return sp.Integer(1), sp.diff(f, var)
    best = None
    for m in candidates[:5]:
        d = sp.diff(sp.expand(f * m), var)
        cost = _mixed_cost(d, ctx)
        if best is None or cost < best[0]:
            best = (cost, m, d)
    return best[1], best[2]


def sign_at_zero(f: sp.Expr, z: Zero, ctx: Context) -> int:
    """Sign of f at a point known exactly (exact sign) or by an enclosure (certified, nonzero only)."""
    if z.exact is not None:
        return const_sign(f.subs(ctx.var, z.exact), ctx)
    s = balls.ball_sign(balls.on_interval(f, ctx.var, z.lo, z.hi, 256))
    if s is None:
        raise Undecided(f"{sp.sstr(f)} may vanish at {z.describe()}")
    return s


def compress(items: list) -> tuple[list[Zero], list[int]]:
    """Turn a left-to-right list of signs and zeros into (zeros, one sign per gap)."""
    zeros: list[Zero] = []
    signs: list[int | None] = [None]
    for it in items:
        if isinstance(it, Zero):
            zeros.append(it)
            signs.append(None)
        elif signs[-1] is None:
            signs[-1] = it
        elif signs[-1] != it:
            raise Undecided("inconsistent signs on one stretch (internal check)")
    for i, sg in enumerate(signs):  # empty gaps at the ends take their neighbour's sign
        if sg is None:
            signs[i] = signs[i + 1] if i + 1 < len(signs) and signs[i + 1] is not None else signs[i - 1]
    return zeros, signs


def _fail(z):
    raise Undecided(f"a zero at the inexact critical point {z.describe()}")


def _at_end(z: Zero, lo, hi) -> bool:
    return z.exact is not None and (z.exact == lo or z.exact == hi)


def find_zero(f: sp.Expr, a, b, sa: int, ctx: Context, exact: bool = True) -> Zero:
    """The unique zero of a strictly monotone f between a and b (signs sa, -sa); exact when verified."""
    var = ctx.var
    # move infinite ends to finite points with the same sign as the limit there
    if a == -sp.oo:
        a = _bracket(f, b, -1, sa, ctx)
    if b == sp.oo:
        b = _bracket(f, a, 1, -sa, ctx)
    lo, hi = sp.Rational(a) if a.is_Rational else _rat(a, "hi"), sp.Rational(b) if b.is_Rational else _rat(b, "lo")
    if not lo < hi or balls.ball_sign(balls.at_point(f, var, lo, 256)) != sa \
            or balls.ball_sign(balls.at_point(f, var, hi, 256)) != -sa:
        raise Undecided("could not certify a bracket around a zero")
    for _ in range(200):
        ctx.check_time()
        if hi - lo < sp.Rational(1, 2 ** 70):
            break
        mid = sample_point(lo, hi) if hi - lo > 1 else (lo + hi) / 2
        s = balls.ball_sign(balls.at_point(f, var, mid, 256))
        if s is None:
            if exact_zero(f.subs(var, mid), ctx, 1.0):
                return Zero(mid, mid, mid)
            break
        if s == sa:
            lo = mid
        else:
            hi = mid
    return Zero(lo, hi, exact_solution(f, lo, hi, ctx) if exact else None)


def _bracket(f, other, direction: int, want: int, ctx: Context):
    """A rational beyond ``other`` (to the left for direction -1) where f has the sign ``want``."""
    anchor = sp.Integer(0) if not other.is_finite else (
        sp.floor(_rat(other, "lo")) if direction < 0 else sp.ceiling(_rat(other, "hi")))
    step = sp.Integer(1)
    for _ in range(40):
        ctx.check_time()
        cand = anchor + direction * step
        if balls.ball_sign(balls.at_point(f, ctx.var, cand, 128)) == want:
            return cand
        step *= 2
    raise Undecided("could not bracket a zero on an unbounded stretch")


def _rat(value, side):
    ball = balls.constant(value, 200)
    return balls.to_rational(ball, side)


def exact_solution(f: sp.Expr, lo, hi, ctx: Context):
    """A closed-form zero of f in [lo, hi] from ``solve``, kept only when verified exactly; else None."""
    var = ctx.var
    if len(sp.Add.make_args(sp.expand(f))) > 4:
        return None  # no closed form to hope for (and solve would spend the budget)
    try:
        sols = ctx.run(lambda: sp.solve(f, var), 1.0, "solve")
    except (Undecided, NotImplementedError, ValueError, TypeError):
        return None
    except Exception:
        return None
    return verified_solution(f, sols if isinstance(sols, list) else [], lo, hi, ctx)


def verified_solution(f: sp.Expr, sols: list, lo, hi, ctx: Context):
    """The first candidate in ``sols`` that lies in [lo, hi] (rational ends; certified) and makes f exactly 0
    (:func:`exact_zero`), in a short form; None when there is none or a check does not finish."""
    var = ctx.var
    for sol in sols:
        try:
            ball = balls.constant(sol, 200)
        except (balls.ArbUnsupported, ValueError, TypeError):
            continue
        with balls.precision(400):
            inside = ball.is_finite() and ball > balls.rational_arb(lo) and ball < balls.rational_arb(hi)
        if not inside:
            continue
        try:
            if exact_zero(f.subs(var, sol), ctx, 2.0):
                return simplify_special(sol)
        except Undecided:
            return None
    return None


def bisection_pattern(f: sp.Expr, lo, hi, ctx: Context) -> Pattern:
    """Certified strict sign of f on the bounded [lo, hi] (no zeros) by :func:`symact.interval.sign_on_interval`."""
    from symact.interval import sign_on_interval

    s = balls.ball_sign(balls.at_point(f, ctx.var, sample_point(lo, hi), 128))
    if s is None:
        raise Undecided(f"{sp.sstr(f)} may vanish inside [{lo}, {hi}]")
    result = sign_on_interval(f, ctx.var, lo, hi, want=">0" if s > 0 else "<0",
                              budget_s=max(0.1, min(3.0, ctx.remaining())))
    if not result.proved:
        raise Undecided(result.reason or f"{sp.sstr(f)} may vanish inside [{lo}, {hi}]")
    return Pattern.constant(lo, hi, s, f"certified interval arithmetic: {sp.sstr(f)} {'>' if s > 0 else '<'} 0 "
                                       f"on [{lo}, {hi}] ({result.boxes_checked} boxes, {result.method})")

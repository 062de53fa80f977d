"""Stable forms of a user expression (``symact implement --expr``), chosen by measurement, each one a claim for the
kernel.

Candidates (:func:`_candidates`): the expression as written; ``sp.cancel`` and ``sp.factor`` of it (with exp(851x/500)
a generator of its own, :func:`symact.decide.exponentials.combined`); it expanded and collected by its
exponentials (:func:`collected`: no inf - inf where exp overflows); on a side of
0, its *decaying* forms (:func:`decaying`): |x| is +-x, and exp(c x + d) with c x growing is exp(d)/T^k with
T = exp(-g|x|) <= 1 there, so that ``cancel`` (or ``factor``) brings each rational part to one fraction in T
(1 - 1/(1 + T) becomes T/(1 + T): the cancellation of 1 - sigmoid is gone) and a logarithm of T^k R is written
-k g |x| + log R (log(1 + exp(x)) becomes x + log(1 + exp(-x)): no overflow); each of those with its
cancellations near 0 written away (:func:`uncancel`); and on a side of 0 the tail forms of all of them
(:mod:`symact.implement.tails`: no intermediate that overflows where the value does not).
:func:`stable_branches` evaluates every candidate's NumPy float64 code at sample inputs of x < -1, -1 <= x < 0,
0 <= x <= 1 and x > 1 (x < -1 and x > 1 split at M, the largest float32, and where each exponential overflows,
where a part has a form twice as accurate as the best on the whole: one that fails only beyond M serves every
float32 input) against the certified reference
(:func:`symact.audit.reference.oracle.certified_expression`; a sample input where it certifies no value is left
out of the measurement, and the branch says how many: log(1 + tanh(x)) beyond x = -2^16, where mpmath's log(0)
is -inf), keeps the one with the least error on each range (the expression as written on a tie); :func:`refined`
does the same for the pieces of a piecewise expression.
Each such branch's description states the error of its form and of the expression as written (NO STABLE FORM
FOUND above half a float32 ulp) measured on the range the branch serves in the module (:func:`stated`, once the
Taylor branches, NaN points and ranges have cut the ranges short, and again for a form that takes the place of
one not proved): the sample inputs of the measurement that lie in it, and where the range is not the one
measured, the sample inputs of :func:`_samples` of it too.  For a module of a dtype below float64 every
measurement takes only the sample inputs that dtype holds, |x| at most its largest finite value (:func:`_held`):
x/(1 + x)**2, 0 from x = 1.3e154 where (1 + x)**2 overflows float64, serves every finite float32 input.
:func:`limits` adds the limits at -oo and +oo where the branch there does not give them.  Each branch's claim
(the expression equals the form on the range, or its limit) is decided by the kernel like every other.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import sympy as sp

from symact.catalog.registry import X
from symact.decide.exponentials import combined, linear_exponentials
from symact.functions import elementary
from symact.implement.branches import MEASURED, Branch, Measured
from symact.implement.tails import tail

def decaying(expr: sp.Expr, sign: int, combine=sp.cancel) -> sp.Expr | None:
    """``expr`` on the side ``sign`` (-1: x < 0, +1: x > 0) with every exponential of a linear function of x, or
    of one of x^n (exp(x^3) in tanh(x^3)), written through one that decays there, T = exp(-g) with g = r |x|^n
    (:func:`_powers`), and each rational part of it brought to one fraction by ``combine`` (``sp.cancel``:
    expanded; ``sp.factor``: factored, T(1 - T) rather than T - T^2) (None: no such exponential, or SymPy fails
    on it)."""
    # powers kept as they are: SymPy's rewrite writes x**3 as exp(3 log(x))
    frozen = {p: sp.Dummy("p") for p in expr.atoms(sp.Pow) if p.exp.is_number and p.base.is_polynomial(X)}
    e = expr.xreplace(frozen).rewrite(sp.exp).xreplace({d: p for p, d in frozen.items()}).subs(sp.Abs(X), sign * X)
    found = _powers(e)
    if not found:
        return None
    subs, back = {}, {}
    for atom, n, c, d, rate in found:
        t = back.setdefault(rate * (sign * X) ** n, sp.Dummy("t")) ** int(abs(c) / rate)
        subs[atom] = sp.exp(d) / t if c * sign ** n > 0 else sp.exp(d) * t
    try:
        f = combine(e.xreplace(subs))
        f = f.replace(lambda a: isinstance(a, sp.log), lambda a: _split_log(a.args[0], back))
        f = f.xreplace({t: sp.exp(-g) for g, t in back.items()})
    except (sp.PolynomialError, TypeError, ValueError):
        return None
    return f if not f.has(sp.Dummy) else None


def _powers(e: sp.Expr) -> list[tuple]:
    """(exp(c x^n + d), n, c, d, rate) for each exponential in ``e`` of a linear function of a power x^n, n >= 1:
    those of one n as :func:`symact.decide.exponentials.linear_exponentials` finds the linear ones (x^n in x's
    place), each exp(d) T^(+-c/rate) with T = exp(-rate |x|^n)."""
    by_degree: dict[int, dict] = {}
    for atom in e.atoms(sp.exp):
        arg = sp.expand(atom.args[0])
        terms = [t for t in sp.Add.make_args(arg) if t.has(X)]
        if len(terms) != 1:
            continue
        c, power = terms[0].as_coeff_Mul()
        n = 1 if power == X else power.exp if isinstance(power, sp.Pow) and power.base == X else None
        if isinstance(n, (int, sp.Integer)) and n >= 1:
            by_degree.setdefault(int(n), {})[sp.exp(c * X + (arg - terms[0]))] = atom
    found = []
    for n, atoms in by_degree.items():
        for fake, c, d, rate in linear_exponentials(sp.Add(*atoms)):
            found.append((atoms[fake], n, c, d, rate))
    return found


def collected(expr: sp.Expr) -> sp.Expr | None:
    """``expr`` expanded and collected by its exponentials, each coefficient brought to one fraction:
    exp(x)/x - (exp(x) - 1)/x**2 becomes (x - 1) exp(x)/x**2 + 1/x**2, which is inf where exp(x) overflows, not
    inf - inf (None: no exponential of x, or SymPy fails on it)."""
    try:
        e = sp.expand(expr)
        exps = sorted((a for a in e.atoms(sp.exp) if a.has(X)), key=sp.default_sort_key)
        if not exps:
            return None
        parts = sp.collect(e, exps, evaluate=False)
        return sp.Add(*(k * sp.cancel(v) for k, v in parts.items()))
    except (sp.PolynomialError, TypeError, ValueError):
        return None


def _split_log(arg: sp.Expr, back: dict) -> sp.Expr:
    """log(arg) with the powers of the decaying exponentials T = exp(-g) (the symbols of ``back``, keyed by g)
    taken out of ``arg``: log(T^k R) = -k g + log R."""
    num, den = sp.fraction(sp.cancel(arg))
    out = []
    for g, t in back.items():
        for part, s in ((num, 1), (den, -1)):
            p = sp.Poly(part, t) if part.has(t) else None
            if p is None:
                continue
            k = min(m[0] for m in p.monoms())
            if k:
                out.append(-s * k * g)
                part_new = sp.cancel(part / t ** k)
                num, den = (part_new, den) if s == 1 else (num, part_new)
    if num.is_number and num > 0:  # log(c/den) = log(c) - log(den): log1p(u) for den = 1 + u, not log(1/(1 + u))
        return sp.Add(*out) + sp.log(num) - sp.log(den)
    return sp.Add(*out) + sp.log(sp.cancel(num / den))


def _evaluate(formula: sp.Expr, xs: np.ndarray) -> np.ndarray:
    """``formula``'s NumPy float64 code (as the module prints it) at ``xs``."""
    from symact.implement.emit import BACKENDS, Printer, branch_value

    printer = Printer(BACKENDS["numpy"], "w")
    lines, value = branch_value(printer, formula, "w", "")
    scope: dict = {"np": np}
    for name in printer.used & set(BACKENDS["numpy"].special):
        exec(BACKENDS["numpy"].special[name][0], scope)  # noqa: S102 - the module's own import line
    with np.errstate(all="ignore"):
        exec("\n".join(lines + [f"out = {value}"]), scope, local := {"w": xs.copy()})  # noqa: S102 - printed code
    return np.broadcast_to(np.asarray(local["out"], dtype=np.float64), xs.shape)


#: CPU seconds the certified reference may take on each :data:`CHUNK` sample inputs of one range (exp(exp(x)) at
#: x = 1e300 would take minutes; sinh(x)/cosh(x), the derivative of log(cosh(x)), takes 2 CPU seconds on the 41
#: largest of x > 1): past that, the range keeps the expression as written, unmeasured, and says so
REFERENCE_SECONDS = 5.0
CHUNK = 64


def references(items: list[tuple[sp.Expr, np.ndarray]]) -> list[tuple[np.ndarray, np.ndarray] | None]:
    """The certified float64 rounding of each (expression, inputs) of ``items``
    (:func:`symact.audit.reference.oracle.certified_expression`: the values, NaN where the expression is undefined
    or no value is known, and where none is), in a child process with :data:`REFERENCE_SECONDS` per :data:`CHUNK`
    inputs (:mod:`symact.sandbox`); None for an item one of whose chunks ran past it (its later chunks are not
    computed)."""
    from symact import sandbox
    from symact.audit.reference.oracle import certified_expression

    chunks = [(k, xs[j:j + CHUNK]) for k, (_, xs) in enumerate(items) for j in range(0, max(xs.size, 1), CHUNK)]

    def work(channel: sandbox.Channel, start: int) -> None:
        lost = chunks[start - 1][0] if start else None  # a child starts after an item that failed
        for i in range(start, len(chunks)):
            k, xs = chunks[i]
            if k == lost:
                channel.done(i, None)
                continue
            channel.begin(i, REFERENCE_SECONDS)
            channel.done(i, certified_expression(items[k][0], xs, "float64"))

    outcomes = sandbox.run(work, len(chunks), lambda i: "the certified reference of a range")
    parts: list[list] = [[] for _ in items]
    for (k, _), out in zip(chunks, outcomes):
        parts[k].append(out.value if out.ok else None)
    return [None if any(p is None for p in got) else tuple(map(np.concatenate, zip(*got))) for got in parts]


def known(xs: np.ndarray, got: tuple[np.ndarray, np.ndarray] | None) -> tuple:
    """(the inputs among ``xs`` where the reference ``got`` (of :func:`references`) has a value, that value (None:
    not computed in time), the other inputs): a measurement takes only the first, never a value no precision
    certified as an error (log(1 + tanh(x)) beyond x = -2^16, where mpmath's log(0) is -inf), and states how many
    of the others it left out (:func:`stated`)."""
    if got is None:
        return xs, None, xs[:0]
    want, unknown = got
    return xs[~unknown], want[~unknown], xs[unknown]


def _best(expr: sp.Expr, sign: int | None, xs: np.ndarray, want: np.ndarray | None) -> tuple:
    """(the candidate (:func:`_candidates`) with the least measured error at ``xs`` against ``want``, on a tie
    the one that fails at the fewest of them (:func:`_scored`), then the expression as written, or a tail form
    :data:`_BETTER` times more accurate still (more is needed of the kernel to prove one, and an unproved form gives
    way to the next); its error in float64 ulps; the next :data:`_RUNNERS_UP` best candidates that measure less
    than the expression as written); (expr, None, ()) where ``want`` is None (not measured)."""
    if want is None or not xs.size:
        return expr, None, ()
    forms, far = _candidates(expr, sign)
    errors = sorted([(*_scored(form, xs, want), k, form) for k, form in enumerate(forms)], key=lambda e: e[:3])
    written = next(e for e, _, k, _ in errors if k == 0)
    tails = sorted([(*_scored(f, xs, want), len(forms) + k, f) for k, f in enumerate(far)], key=lambda e: e[:3])
    if tails and (_BETTER * tails[0][0] < errors[0][0] or tails[0][0] == errors[0][0] == np.inf and
                  tails[0][1] < errors[0][1]):  # a tail form where it is twice as accurate, or fails less often
        errors.insert(0, tails[0])
    error, _, _, form = errors[0]
    others = tuple(f for e, _, k, f in errors[1:] if k != 0 and e < written)[:_RUNNERS_UP]
    return form, error, others


def _scored(formula: sp.Expr, xs: np.ndarray, want: np.ndarray) -> tuple[float, int]:
    """(the largest error of ``formula`` at ``xs``, as :func:`measure` counts it; at how many of them it errs by
    more than :data:`_UNSTABLE`): where every form fails somewhere the one that fails least often is best
    (log(cosh(x)) - x**2/2 on x > M: x**2 overflows from 1.3e154 in each form, log(cosh(x)) from 710 as written)."""
    err = errors(formula, xs, want)
    return float(np.max(err)), int(np.count_nonzero(err > _UNSTABLE))


def _fallback(form: sp.Expr, expr: sp.Expr, why: str, others: tuple) -> tuple | None:
    """``Branch.written`` of a branch whose form is ``form`` (None where it is ``expr``): the runners-up ``others``
    in turn, each with the next as its own, and last ``expr`` itself, each described as ``why`` (which states the
    measurement, :func:`stated`)."""
    if form == expr:
        return None
    chain: tuple = (expr, why)
    for other in reversed(others):
        chain = (other, why, chain)
    return chain


def measure(formula: sp.Expr, xs: np.ndarray, want: np.ndarray) -> float:
    """The largest error of ``formula``'s NumPy float64 code at ``xs`` in float64 ulps of ``want`` (inf where one
    is NaN or infinite and the other is not; none where ``want`` is NaN and the code's value not finite: at a
    pole, where the module returns NaN whatever the form (:mod:`symact.implement.undefined`), 1/(1 + x) - 1 and
    -x/(1 + x) at -1 are alike, and the second does not cancel near 0)."""
    return float(np.max(errors(formula, xs, want)))


def errors(formula: sp.Expr, xs: np.ndarray, want: np.ndarray) -> np.ndarray:
    """The error of ``formula``'s NumPy float64 code at each of ``xs`` in float64 ulps of ``want``, as
    :func:`measure` counts it (inf where one is NaN or infinite and the other is not)."""
    return deviations(_evaluate(formula, xs), want)


def deviations(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """The error of each of the values ``got`` in float64 ulps of ``want``, as :func:`measure` counts it."""
    from symact.accuracy import ulp_error

    err = ulp_error(got, want)
    same = (got == want) | (np.isnan(want) & ~np.isfinite(got))
    err = np.where(same, 0.0, err)
    return np.where(np.isnan(err), np.inf, err)


def limits(expr: sp.Expr, branches: list[Branch]) -> list[Branch]:
    """The limits of ``expr`` at -oo and +oo (SymPy's, 5 CPU seconds each at most) where the branch that holds
    that end does not give it there (x/(1 + exp(-x)) is -inf/inf = NaN at -inf, its limit 0), as ``limit``
    branches; nothing where the branch holding that end is NaN (undefined there: log(x)' towards -oo), where
    SymPy finds no real limit, or where ``expr`` has no real value at +-10**6 (SymPy's
    limit treats x as complex: log(x) -> oo as x -> -oo; the real mpmath evaluation of
    :mod:`symact.numeric.mpcompile` is undefined where a part is, log(x) - log(x - 1) at -10**6, which complex
    arithmetic makes real)."""
    import mpmath

    from symact.numeric.mpcompile import compile_mp

    g = compile_mp(expr, [X])
    out = []
    for end, branch in ((-sp.oo, branches[0]), (sp.oo, branches[-1])):
        if branch.formula is sp.nan:  # undefined towards that end (log(x)' towards -oo): no limit to give
            continue
        try:
            with mpmath.workdps(30):
                far = g([mpmath.mpf(int(sp.sign(end)) * 10 ** 6)])
        except (ArithmeticError, ValueError, TypeError):
            continue
        if not isinstance(far, mpmath.mpf):
            continue
        value = _limit(expr, end)
        if value is None and branch.kind == "exact" and branch.formula != expr:
            value = _limit(branch.formula, end)  # equal to expr towards that end: Max(0, tanh(x) - x/4) at -oo
        if value is None:
            continue
        got = float(_evaluate(branch.formula, np.array([float(end)]))[0])
        if not (got == float(value) or value.is_finite and abs(got - float(value)) <= 1e-15 * abs(float(value))):
            out.append(Branch(end, end, True, True, value, "the limit there (the formula's value at this input is "
                                                           f"{got!r})", "limit"))
    return out


def _limit(expr: sp.Expr, end) -> sp.Expr | None:
    """SymPy's limit of ``expr`` at ``end`` (5 CPU seconds at most) where it is a real number or +-oo (None: no
    such limit found; SymPy's limit of Max(0, tanh(x) - x/4) raises TypeError)."""
    from symact.budget import run_with_budget

    try:
        done, value = run_with_budget(lambda: sp.limit(elementary(expr), X, end), 5.0)
    except Exception:  # noqa: BLE001 - SymPy raises many types: no limit known
        return None
    if not done or not isinstance(value, sp.Expr) or not value.is_extended_real or not (
            value.is_number and (value.is_infinite or value.is_finite)):
        return None
    return value


def uncancel(expr: sp.Expr, sign: int | None = None) -> sp.Expr:
    """``expr`` with seven cancellations near a zero of the difference written away, exactly: log A - log B and
    log(A/B) as log(1 + (A - B)/B) (printed log1p; log(1 + exp(x)) - log 2 becomes log1p(expm1(x)/2),
    log((1 + x)/(1 - x)) log1p(2x/(1 - x)), whose Taylor bound at 0 the search did not find within its CPU limit),
    log(A/B) as -log(1 + (B - A)/A) where A/B < 1 at x = ``sign``/2 (the search proves the identity where the
    argument of log1p is positive, log((1 + x)/(1 - x)) = -log1p(-2x/(1 + x)) on (-1, 0)), P sqrt(A) + Q as
    (P^2 A - Q^2)/(P sqrt(A) - Q) and P/sqrt(A) + Q as (P^2 - Q^2 A)/(sqrt(A) (P - Q sqrt(A))) (sqrt(1 + x**2) - x,
    and its derivative x/sqrt(1 + x**2) - 1, which lost log10(x**2) digits), 1 - tanh(u)^2 as 1/cosh(u)^2 (the
    derivative of tanh(gelu(x)) was 0 from x = 9, where tanh rounds to 1), log(cosh u) as log(1 + 2 sinh(u/2)^2),
    and acosh(1 + t) as log1p(t + sqrt(t (t + 2))) (acosh(1 + x**2) was 0 for |x| < 2**-27, where 1 + x**2 rounds
    to 1)."""
    def rewrite(e: sp.Expr) -> sp.Expr:
        if isinstance(e, sp.Add):
            logs = [t for t in e.args if isinstance(t, sp.log)]
            minus = [t for t in e.args if isinstance(-t, sp.log)]
            if logs and minus:
                a = logs[0].args[0]
                b = (-minus[0]).args[0]
                rest = [t for t in e.args if t is not logs[0] and t is not minus[0]]
                return sp.Add(sp.log(sp.Add(1, sp.cancel((a - b) / b), evaluate=False)), *rest)
            if len(e.args) == 2 and sp.S.One in e.args:  # 1 - tanh(u)**2 as 1/cosh(u)**2
                square = [t for t in e.args if t != 1][0]
                if isinstance(-square, sp.Pow) and isinstance((-square).base, sp.tanh) and (-square).exp == 2:
                    return sp.cosh((-square).base.args[0]) ** -2
            for t in e.args if len(e.args) == 2 else ():  # P sqrt(A)^s + Q, s = +-1
                found = [a for a in sp.Mul.make_args(t)
                         if isinstance(a, sp.Pow) and abs(a.exp) == sp.S.Half and (a.base.has(X) or a == t)]
                if len(found) != 1:
                    continue
                root, p, q = sp.sqrt(found[0].base), t / found[0], [a for a in e.args if a is not t][0]
                if found[0].exp > 0:  # (P^2 A - Q^2)/(P sqrt(A) - Q)
                    return sp.expand(p ** 2 * root.base - q ** 2) / (p * root - q)
                return sp.expand(p ** 2 - q ** 2 * root.base) / (root * (p - q * root))  # (P^2 - Q^2 A)/(...)
        if isinstance(e, sp.log) and isinstance(e.args[0], sp.cosh):
            return sp.log(sp.Add(1, 2 * sp.sinh(e.args[0].args[0] / 2) ** 2, evaluate=False))
        if isinstance(e, sp.log) and not sp.fraction(e.args[0])[1].is_number:
            a, b = sp.fraction(e.args[0])
            if sign is not None and (a / b).subs(X, sp.Rational(sign, 2)).is_positive is True and (
                    (a / b).subs(X, sp.Rational(sign, 2)) < 1):
                return -sp.log(sp.Add(1, sp.cancel((b - a) / a), evaluate=False))
            return sp.log(sp.Add(1, sp.cancel((a - b) / b), evaluate=False))
        if isinstance(e, sp.acosh):
            t = sp.expand(e.args[0] - 1)
            return sp.log(sp.Add(1, t + sp.sqrt(sp.factor(t * (t + 2))), evaluate=False))
        return e

    return expr.replace(lambda e: isinstance(e, (sp.Add, sp.log, sp.acosh)), rewrite)


#: M, the largest float32, a place where the far ranges x < -1 and x > 1 may be split (:func:`_measured_parts`), so
#: that a form that fails only beyond float32's range ((x - 1) exp(x)/x**2, inf/inf where x**2 overflows float64) may
#: still serve every float32 input
_WIDE = 2 ** 128 - 2 ** 104
#: the logarithm of the largest float64: exp(c x) overflows from |x| = _OVERFLOW/|c|, another place where the far
#: ranges may be split (exp(x)/x**2 as written up to there, in its tail form beyond, out to x = 723)
_OVERFLOW = 709.782712893384
#: a far range is split where its best form errs by more than this many float64 ulps somewhere, and a part has a
#: form :data:`_BETTER` times more accurate there
_SPLIT = 4.0
_BETTER = 2.0
#: the largest float64, a sample input of every module (the largest of a narrower dtype is one of its module's)
_LARGEST = float(np.finfo(np.float64).max)
#: the ranges of the branch table of an expression (lo, hi, lo closed, hi closed) and their sample inputs:
#: away from 0, magnitudes from 1 to 1e300 (and 60 from 1 to 60, where exponentials turn; five from 1e304 to the
#: largest float, where 2x overflows: x**2 + 2x log1p(exp(-x)) is inf*0 = NaN at 1.7e308; and nine from where x**n
#: overflows, 2**(1024/n), to twice that for n = 2, ..., 8: x**2/2, in log(cosh(x)) - x**2/2, is inf from
#: 1.34e154 where the value is finite out to 1.9e154, between two of the others); near 0, from 1e-300 to 1
_RANGES = [(None, -1, False, False), (-1, 0, True, False), (0, 1, True, True), (1, None, False, False)]
_FAR = np.concatenate([np.geomspace(1.0 + 2 ** -40, 1e300, 161), np.linspace(1.5, 60, 60),
                       [1e304, 1e307, 2.0 ** 1023, 1.7e308, _LARGEST],
                       *(np.geomspace(1, 2, 9) * 2.0 ** (1024 / n) for n in range(2, 9))])
_NEAR = np.concatenate([np.geomspace(1e-300, 1.0, 161), np.linspace(0.02, 0.98, 50)])
#: how many forms that measure less than the expression as written, after the best, a branch keeps to try in turn
#: where the kernel does not prove the best one's claim (-3x^2/cosh(x^3)^2, the derivative of 1 - tanh(x^3), is not
#: proved; its decaying form -12x^2 exp(-2x^3)/(1 + 2 exp(-2x^3) + exp(-4x^3)) is)
_RUNNERS_UP = 2
#: a float64 error (ulps) above which a branch says that no stable form was found for it: half a float32 ulp
_UNSTABLE = 2.0 ** 28
#: what the description of such a branch says (and ``symact implement`` on stderr)
UNSTABLE = "NO STABLE FORM FOUND"


def _candidates(expr: sp.Expr, sign: int | None) -> tuple[list[sp.Expr], list[sp.Expr]]:
    """The forms tried on a side of 0 (``sign``; None: a range across 0): the expression as written first, its
    decaying forms and each of those with its cancellations near 0 written away (:func:`uncancel`); and apart, on a
    side of 0, the tail forms of all of them (:func:`symact.implement.tails.tail`); the distinct ones that can be
    printed."""
    from symact.implement.emit import Unprintable

    forms = [expr, combined(expr, sp.cancel), combined(expr, sp.factor), collected(expr)]
    if sign is not None:
        forms += [decaying(expr, sign), decaying(expr, sign, sp.factor)]
    forms += [uncancel(f, sign) for f in forms if f is not None]
    far = [] if sign is None else [tail(f, sign, exps, half) for f in forms if f is not None
                                   for exps in (collected(f), None) for half in (True, False)]
    out: list[list[sp.Expr]] = [[], []]
    for group, found in zip(out, (forms, far)):
        for form in found:
            if form is None or form.has(sp.I) or form in out[0] or form in group:
                continue
            try:
                _evaluate(form, np.array([float(sign or 1)]))
            except Unprintable:
                continue
            group.append(form)
    return out[0], out[1]


def stable_branches(expr: sp.Expr, largest: float = np.inf) -> list[Branch]:
    """x < -1, -1 <= x < 0, 0 <= x <= 1 and x > 1 (each of x < -1 and x > 1 split where one form is not best on
    all of it, :func:`_measured_parts`), each with the candidate form (:func:`_candidates`) that
    measures the least error there (the expression as written on a tie); neighbours with the same form are one
    branch, and the expression as written on all of R is one branch.  Each branch's description states its
    measured error (:data:`MEASURED`, :func:`stated`), with its sample inputs: those of magnitude up to
    ``largest``, the largest finite input of the module's dtype, and it (:func:`_held`)."""
    _evaluate(expr, np.array([1.0]))  # an expression the printer cannot write: Unprintable (exit 2) before measuring
    cuts = _cuts(expr)
    far = _held(np.concatenate([_FAR] + [np.linspace(0.85, 1.07, 45) * float(c) for c in cuts[:-1]]), largest)
    if min(largest, _LARGEST) not in far:  # the top of a narrower dtype's range, where its overflows are nearest
        far = np.append(far, largest)
    signs = [-1 if hi is not None and hi <= 0 else 1 for _, hi, _, _ in _RANGES]
    samples = [sign * (_NEAR if lo is not None and hi is not None else far)
               for sign, (lo, hi, _, _) in zip(signs, _RANGES)]
    merged: list[list] = []
    measurable = [known(xs, got) for xs, got in zip(samples, references([(expr, xs) for xs in samples]))]
    for ends, sign, (xs, want, _) in zip(_RANGES, signs, measurable):
        for part, inside in _measured_parts(expr, ends, sign, xs, want, cuts):
            _join(merged, part, inside)
    lost = np.concatenate([m[2] for m in measurable])
    return [Branch(lo, hi, lo_closed, hi_closed, form, MEASURED, written=_fallback(form, expr, MEASURED, others),
                   measured=Measured(expr, expr, xs, want, (lo, hi, lo_closed, hi_closed), largest=largest,
                                     lost=lost))
            for lo, hi, lo_closed, hi_closed, form, error, others, xs, want in merged]


def _cuts(expr: sp.Expr) -> list:
    """Where the far ranges may be split, in |x|, increasing: where each exponential of a linear function of x
    overflows (an integer below :data:`_OVERFLOW`/|c|, above 1), and M (:data:`_WIDE`)."""
    rates = {abs(c) for _, c, _, _ in linear_exponentials(expr.rewrite(sp.exp))}
    return sorted({sp.Integer(int(_OVERFLOW / c)) for c in rates if 1 < _OVERFLOW / c < 1e30} | {sp.Integer(_WIDE)})


def _measured_parts(expr: sp.Expr, ends: tuple, sign: int, xs: np.ndarray, want: np.ndarray | None,
                    cuts: list) -> list:
    """[(ends, (form, error, runners-up, sample inputs, reference there))] of the range ``ends``: the best form on it,
    or, on x < -1 or x > 1 where that errs by more than :data:`_SPLIT` ulps, the best on each part between
    ``cuts`` (|x| in (a, b], with sample inputs on both sides of each cut; M, :data:`_WIDE`, only where that errs
    by more than :data:`_UNSTABLE`) where one of them is :data:`_BETTER` times more accurate there than the best on
    the whole range."""
    whole = [(ends, (*_best(expr, sign, xs, want), xs, want))]
    if whole[0][1][1] is None or whole[0][1][1] <= _SPLIT or ends[0] is not None and ends[1] is not None:
        return whole
    size = np.abs(xs)
    bounds = [sp.Integer(1)]
    for c in cuts:  # parts with sample inputs only; M only where no form is stable on the whole range, since the
        # kernel's enclosures of exp(c x) overflow near |x| = M (x*sigmoid(1.702*x) = x/(1 + exp(-851 x/500)) on
        # x < -M and on [-M, -417) was not proved equal to its own decaying form, nor to itself)
        if c == _WIDE and whole[0][1][1] <= _UNSTABLE:
            continue
        if np.any((size > float(bounds[-1])) & (size <= float(c))) and np.any(size > float(c)):
            bounds.append(c)
    bounds.append(None)
    parts = []
    for a, b in zip(bounds, bounds[1:]):
        keep = (size > float(a)) & (size <= (np.inf if b is None else float(b)))
        part = (None if b is None else -b, -a, b is not None, False) if sign < 0 else (a, b, False, b is not None)
        best = _best(expr, sign, xs[keep], want[keep])
        parts.append((part, (*best, xs[keep], want[keep]), measure(whole[0][1][0], xs[keep], want[keep])))
    if not any(_BETTER * got[1] < there for _, got, there in parts):
        return whole
    return [(part, got) for part, got, _ in (reversed(parts) if sign < 0 else parts)]


def _join(merged: list[list], ends: tuple, measured: tuple) -> None:
    """Append the range ``ends`` with its ``measured`` form to ``merged``, or extend the last one with the same
    form (its runners-up stay those of the first range; its sample inputs and reference are both ranges')."""
    form, error, others, xs, want = measured
    last = merged[-1] if merged else None
    if last is not None and last[4] == form and (last[5] is None) == (error is None):
        last[1], last[3] = ends[1], ends[3]
        last[7] = np.concatenate([last[7], xs])
        last[8] = None if want is None else np.concatenate([last[8], want])
    else:
        merged.append([*ends, form, error, others, xs, want])


def _samples(lo, hi) -> np.ndarray:
    """Sample inputs of the range (lo, hi) (None: an infinite end; a range that is not all of R): magnitudes of
    the distance from a finite end from 1e-12 to 1e300, and evenly spaced ones between two finite ends, with the
    magnitudes down to 1e-300 where 0 lies inside."""
    steps = np.geomspace(1e-12, 1e300, 211)
    if hi is None:
        xs = float(lo) + steps
    elif lo is None:
        xs = float(hi) - steps
    else:
        xs = np.concatenate([np.linspace(float(lo), float(hi), 213)[1:-1], float(lo) + steps, float(hi) - steps])
        if lo < 0 < hi:
            xs = np.concatenate([xs, _NEAR[:161], -_NEAR[:161]])
        xs = xs[(xs > float(lo)) & (xs < float(hi))]
    return xs


def refined(branches: list[Branch], largest: float = np.inf) -> list[Branch]:
    """The pieces of an expression (``from_pieces``), each exact one that is no number with the candidate form
    of its own formula (:func:`_candidates`) that measures the least error on its range: 1/(1 + x) - x/(1 + x)^2,
    the derivative of x/(1 + |x|) for x > 0, becomes 1/(1 + x)^2 (it cancelled to 0 from x = 1e16); measured on
    the sample inputs of magnitude up to ``largest`` (:func:`_held`; a piece with none keeps its formula)."""
    samples = {i: _held(_samples(b.lo, b.hi), largest) for i, b in enumerate(branches)
               if b.kind == "exact" and not b.formula.is_number and not (b.lo is not None and b.lo == b.hi)}
    todo = [i for i, xs in samples.items() if xs.size]
    wants = {i: known(samples[i], got) for i, got in zip(todo, references([(branches[i].formula, samples[i])
                                                                             for i in todo]))}
    out = []
    for i, b in enumerate(branches):
        if i not in wants:
            out.append(b)
            continue
        sign = 1 if b.lo is not None and b.lo >= 0 else -1 if b.hi is not None and b.hi <= 0 else None
        xs, want, lost = wants[i]
        form, _, others = _best(b.formula, sign, xs, want)
        why = f"{b.why}; {MEASURED}"
        out.append(Branch(b.lo, b.hi, b.lo_closed, b.hi_closed, form, why,
                          written=_fallback(form, b.formula, why, others),
                          measured=Measured(b.formula, b.formula, xs, want, b.ends(), largest=largest, lost=lost)))
    return out


def stated(branches: list[Branch]) -> list[Branch]:
    """``branches`` with :data:`MEASURED` in each description that holds it replaced by the measurement made on the
    range the branch serves now: on the sample inputs of its measurement (:class:`Measured`) that lie in the range,
    and, where the range is not the one they were taken for (a Taylor branch, a NaN point or a NaN range cut it
    short), on those of :func:`_samples` of it too (a point: the point), their certified reference computed for
    every such branch in one child process (:func:`references`; where it runs past its CPU limit, on the first
    ones alone).  The derivative of erf(x)/x said NO STABLE FORM FOUND on x > 1/2 from its error at x < 1e-162
    (x**2 is 0 there), inside the Taylor branch's |x| <= 1/2; on x > 1/2 it measures a few ulp."""
    todo = [i for i, b in enumerate(branches) if b.measured is not None and MEASURED in b.why]
    fresh = {i: _fresh(branches[i]) for i in todo
             if branches[i].ends() != branches[i].measured.ends and branches[i].measured.want is not None}
    wants = {i: known(fresh[i], got) for i, got in zip(fresh, references([(branches[i].measured.of, xs)
                                                                            for i, xs in fresh.items()]))}
    out = list(branches)
    for i in todo:
        b, m = branches[i], branches[i].measured
        keep = b.holds(m.xs)
        xs, want, lost = m.xs[keep], None if m.want is None else m.want[keep], m.lost[b.holds(m.lost)]
        if i in wants and wants[i][1] is not None:
            xs, want = np.concatenate([xs, wants[i][0]]), np.concatenate([want, wants[i][1]])
            lost = np.concatenate([lost, wants[i][2]])
        now = replace(m, xs=xs, want=want, ends=b.ends(), lost=lost)
        out[i] = replace(b, why=b.why.replace(MEASURED, _text(b.formula, now)), measured=now)
    return out


def _fresh(branch: Branch) -> np.ndarray:
    """The sample inputs of :func:`_samples` of the range of ``branch`` (a point: the point) that lie in it and in
    the dtype its measurement is for (:func:`_held`)."""
    xs = np.array([float(branch.lo)]) if branch.lo == branch.hi else _samples(branch.lo, branch.hi)
    return _held(xs[branch.holds(xs)], branch.measured.largest)


def _held(xs: np.ndarray, largest: float) -> np.ndarray:
    """The sample inputs ``xs`` that a dtype whose largest finite value is ``largest`` holds, |x| <= largest: a
    module for float32 (float16, bfloat16) is never given a finite input beyond it, and +-inf is the limit
    (:func:`limits`), so a form that fails only beyond it (x/(1 + x)**2 from x = 1.3e154, where (1 + x)**2
    overflows float64) serves every input there."""
    return xs[np.abs(xs) <= largest]


def _text(formula: sp.Expr, m: Measured) -> str:
    """What a description states of the error of ``formula``, and of ``m.other``'s, on ``m``'s sample inputs (and
    how many of its range's sample inputs it left out, ``m.lost``: no certified value to measure against)."""
    n, lost = m.xs.size, m.lost.size
    if m.want is None or n == 0:
        return _why(formula == m.other, None, None, n, lost)
    error, other = measure(formula, m.xs, m.want), measure(m.other, m.xs, m.want)
    if m.taylor:
        return (f"measured {error:.3g} ulp at most in float64 on {n} sample inputs{_left_out(lost)}; the formula: "
                f"{other:.3g}")
    return _why(formula == m.other, error, other, n, lost)


def _left_out(lost: int) -> str:
    return f" ({lost} more left out: the reference certified no value there)" if lost else ""


def _why(as_written: bool, error: float | None, written: float | None, n: int, lost: int = 0) -> str:
    if error is None:
        what = "the expression as written" if as_written else "the form chosen by measurement on a longer range"
        why = (f"the reference certified no value at its {lost} sample inputs" if n == 0 and lost else
               "no sample input lies in this range" if n == 0 else
               f"the certified reference took more than {REFERENCE_SECONDS:g} CPU seconds on {CHUNK} sample "
               f"inputs of this range")
        return f"{what}, not measured: {why}"
    what = ("the expression as written" if as_written else
            f"the form with the least measured error here (as written: {written:.3g} ulp)")
    found = "" if error <= _UNSTABLE else f"; {UNSTABLE} here (more than half a float32 ulp)"
    return (f"{what}; measured {error:.3g} ulp at most in float64 on {n} sample inputs of the range{_left_out(lost)}"
            f"{found}")

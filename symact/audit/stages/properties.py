"""Properties: ``range`` and ``monotonic`` as the catalog proved them, ``symmetry`` from the exact values."""
from __future__ import annotations

import math
from fractions import Fraction

import flint
import numpy as np

from symact import accuracy
from symact.decide import balls
from symact.errors import SymactError
from symact.parsing import parse_expression

from symact.audit.dtypes import Format, round_to
from symact.audit.report import FAIL, NOT_RUN, PASS, SKIP, AuditReport, CheckResult, Failure
from symact.audit.context import MAX_FAILURES, Context


def _allowed_abs(ctx: Context) -> np.ndarray:
    ulp = ctx.fmt.ulp(np.where(np.isfinite(ctx.hi), ctx.hi, ctx.fmt.max))
    a = ctx.allowed * ulp
    return a if ctx.standard.strict else np.maximum(a, ctx.fmt.tiny)


def stage_properties(ctx: Context, report: AuditReport, opts) -> None:
    """``range`` and ``monotonic`` as the catalog proved them (:func:`symact.table.properties_of`, cached;
    a property not proved is not checked, and the report says so), ``symmetry`` from the exact values."""
    if ctx.hi is None:
        if ctx.unread:
            for name in ("range", "monotonic"):
                report.checks.append(CheckResult(name, NOT_RUN, ctx.unread))
        return
    xs, r, hi = ctx.xs, ctx.r, ctx.hi
    fmt = ctx.fmt
    order = np.argsort(xs, kind="stable")
    xs_s, r_s, hi_s = xs[order], r[order], hi[order]
    keep = ~(np.isnan(r_s) | np.isnan(hi_s))
    tol = _allowed_abs(ctx)[order]
    props = proved_shape(ctx.entry, ctx.params)
    # range
    rng = props.get("range", {})
    if rng.get("status") != "proved":
        report.checks.append(CheckResult("range", SKIP, f"the range of {ctx.entry.name} is not proved "
                                                        f"({rng.get('status', 'not computed')})"))
    else:
        ra, rb = (_range_end(rng["value"][side], fmt, d, ctx.standard) for side, d in (("lower", -1), ("upper", 1)))
        out = keep & ((r_s < ra) | (r_s > rb))
        chk = CheckResult("range", PASS, f"outputs within the standard's tolerance of the proved range "
                                         f"{rng['statement'].rpartition(' is ')[2]}, in {fmt.name}: [{ra!r}, {rb!r}]",
                          points=int(keep.sum()))
        if out.any():
            chk.status = FAIL
            chk.detail = f"{int(out.sum())} outputs outside [{ra!r}, {rb!r}]"
            chk.failures = [Failure("range", input=float(xs_s[i]), returned=float(r_s[i]), exact=repr(float(hi_s[i])),
                                    message=f"outside [{ra!r}, {rb!r}]", reproduction=ctx.repro(float(xs_s[i])))
                            for i in np.flatnonzero(out)[:MAX_FAILURES]]
        report.checks.append(chk)
    # monotonicity
    mono = props.get("monotonic", {})
    way = mono.get("value") if mono.get("status") == "proved" else None
    if way not in ("increasing", "non-decreasing", "decreasing", "non-increasing"):
        why = ("proved not monotone" if mono.get("status") == "refuted" else
               f"monotonicity not proved ({mono.get('status', 'not computed')})")
        report.checks.append(CheckResult("monotonic", SKIP, f"{ctx.entry.name} is {why}" if "proved not" in why
                                         else why))
    else:
        up = way in ("increasing", "non-decreasing")
        sgn = 1.0 if up else -1.0
        idx = np.flatnonzero(keep)
        with np.errstate(invalid="ignore"):
            drops = sgn * (r_s[idx[:-1]] - r_s[idx[1:]])
        slack = np.maximum(tol[idx[:-1]], tol[idx[1:]])
        viol = drops > slack
        chk = CheckResult("monotonic", PASS, f"{ctx.entry.name} is {way} (proved): outputs non-"
                                             f"{'de' if up else 'in'}creasing beyond the standard's tolerance",
                          points=int(idx.size))
        if viol.any():
            chk.status = FAIL
            chk.detail = f"{int(viol.sum())} adjacent pairs out of order"
            chk.failures = [Failure("monotonic", input=float(xs_s[idx[j + 1]]), returned=float(r_s[idx[j + 1]]),
                                    exact=repr(float(hi_s[idx[j + 1]])),
                                    message=f"f({float(xs_s[idx[j]])!r}) = {float(r_s[idx[j]])!r} comes before",
                                    reproduction=ctx.repro(float(xs_s[idx[j + 1]])))
                            for j in np.flatnonzero(viol)[:MAX_FAILURES]]
        report.checks.append(chk)
    # symmetry: pair x with -x
    pos = xs > 0
    xp = xs[pos]
    where = {float(v): i for i, v in enumerate(xs)}
    pairs = [(i, where.get(-float(v))) for i, v in zip(np.flatnonzero(pos), xp)]
    pairs = np.array([(i, j) for i, j in pairs if j is not None], dtype=int).reshape(-1, 2)
    if pairs.size:
        hp, hn = hi[pairs[:, 0]], hi[pairs[:, 1]]
        fin = np.isfinite(hp) & np.isfinite(hn)
        scale = np.maximum(np.abs(hp), np.abs(hn)) + 1e-300
        kind = None
        if not fin.any() or not np.array_equal(np.isnan(hp), np.isnan(hn)):
            pass            # no pair to judge by, or f defined at x and not at -x (log x): no symmetry
        elif np.all(np.abs(hp[fin] + hn[fin]) <= 1e-12 * scale[fin]):
            kind, sgn = "odd", -1.0
        elif np.all(np.abs(hp[fin] - hn[fin]) <= 1e-12 * scale[fin]):
            kind, sgn = "even", 1.0
        if kind:
            rp, rn = r[pairs[:, 0]], r[pairs[:, 1]]
            gap = np.abs(rp - sgn * rn)
            slack = _allowed_abs(ctx)[pairs[:, 0]]
            viol = (gap > slack) & ~np.isnan(gap)
            chk = CheckResult("symmetry", PASS, f"f is {kind}: f(-x) = {'-' if kind == 'odd' else ''}f(x) within tolerance",
                              points=int(pairs.shape[0]))
            if viol.any():
                chk.status = FAIL
                chk.detail = f"{int(viol.sum())} pairs break the {kind} symmetry"
                chk.failures = [Failure("symmetry", input=float(xs[pairs[j, 1]]), returned=float(rn[j]),
                                        exact=repr(float(hn[j])), message=f"f({float(xs[pairs[j, 0]])!r}) = {float(rp[j])!r}",
                                        reproduction=ctx.repro(float(xs[pairs[j, 1]])))
                                for j in np.flatnonzero(viol)[:MAX_FAILURES]]
            report.checks.append(chk)


_SHAPE_CACHE: dict = {}


def proved_shape(entry, params: dict) -> dict:
    """{"range": verdict JSON, "monotonic": verdict JSON} of the exact function (a catalog entry or an
    expression's), as the catalog proves them (cached on disk by :mod:`symact.table` and here per process)."""
    from symact.audit.reference.expression import is_expression
    from symact.table import properties_of

    key = (entry.name, tuple(sorted((k, str(v)) for k, v in params.items())))
    if key not in _SHAPE_CACHE:
        # a catalog entry at its defaults: the whole cached row; else (an expression too) these two and the
        # extrema, whose points let the kernel prove an irrational end exactly (log(2)/3 for softplus(x, beta=3) -
        # x/2, attained at 0; without them only to 10^-12, kernel_claims.TOLERANCE)
        whole = not params and not is_expression(entry)
        try:
            _SHAPE_CACHE[key] = properties_of(entry, params,
                                              keys=None if whole else ("range", "monotonic", "extrema"))
        except Exception as exc:  # noqa: BLE001 - no proof: the checks say so and are not run
            _SHAPE_CACHE[key] = {k: {"status": f"analysis failed: {type(exc).__name__}"} for k in ("range", "monotonic")}
    return _SHAPE_CACHE[key]


def _range_end(end: dict, fmt: Format, direction: int, standard) -> float:
    """A proved end of the range as the outermost value of ``fmt`` that an implementation within the accuracy
    standard may return: every value within tolerance of an exact value on the range's side of the end lies
    beyond ``T = y + direction * tolerance(y)`` for the worst y there, and the end is the least ``fmt`` number
    >= T (the greatest <= T for the upper end), exactly: no rounding widens it.  The end itself
    (:func:`_outer_end`) is exact where the proof gives a rational; the worst y is the end, or (a positive lower
    end, a negative upper one) the power of two beyond it, where the ulp doubles."""
    v = end.get("float")
    if isinstance(v, str) or not math.isfinite(float(v)):
        return float(v.replace("oo", "inf")) if isinstance(v, str) else float(v)
    e = _outer_end(end, fmt, direction)
    worst = [e]
    if e != 0 and (e > 0) == (direction < 0):
        worst.append(Fraction(2) ** math.ceil(math.log2(abs(e))) * (1 if e > 0 else -1))
    tols = [Fraction(accuracy.tolerance(float(y), 1.0, fmt.numpy_dtype(), standard.budget, standard.strict))
            for y in worst]
    t = min(y - u for y, u in zip(worst, tols)) if direction < 0 else max(y + u for y, u in zip(worst, tols))
    return _inward(t, fmt, -direction)


#: an irrational end proved exactly is enclosed to this fraction of the dtype's ulp there, at most
RESOLUTION = Fraction(1, 2 ** 8)
#: the bits its enclosure starts from, doubled until it is that narrow, and the most
FIRST_BITS, MAX_BITS = 32, 1 << 14


def _outer_end(end: dict, fmt: Format, direction: int) -> Fraction:
    """A rational on the outer side of the proved end (below a lower end, above an upper one): the end where it is
    rational; where it is an irrational closed form the kernel proved exactly (``exact``: log(2)/3), the outer
    edge of its arb enclosure at doubling precision (from :data:`FIRST_BITS`) until the enclosure is narrower than
    :data:`RESOLUTION` of the dtype's ulp there; else (the kernel confirmed only an enclosure, to 10^-12 relative)
    that enclosure's outer edge, which may lie that far out."""
    value = _closed_form(end.get("exact"))
    ball = None if end.get("enclosure") is None else flint.arb(end["enclosure"])
    bits = FIRST_BITS
    while value is not None and bits <= MAX_BITS:
        try:
            ball = balls.constant(value, bits)
        except balls.ArbUnsupported:
            break
        ulp = Fraction(float(fmt.ulp(np.array([abs(float(ball.mid()))]))[0]))
        if 2 * _fraction(ball.rad()) <= RESOLUTION * ulp:
            break
        bits *= 2
    if ball is None:
        return Fraction(end["exact"])
    bound = ball.lower() if direction < 0 else ball.upper()
    return _fraction(bound.mid()) + direction * _fraction(bound.rad())


def _closed_form(text: str | None):
    """The SymPy constant of an irrational closed form ``text`` as the proof printed it (read by the restricted
    parser), or None (no closed form, a rational, or one the parser does not read)."""
    if not isinstance(text, str):
        return None
    try:
        Fraction(text)
        return None
    except ValueError:
        pass
    try:
        value = parse_expression(text, ())
    except SymactError:
        return None
    return value if value.is_number and value.is_real else None


def _fraction(x: "flint.arf | flint.arb") -> Fraction:
    m, e = x.man_exp() if isinstance(x, flint.arf) else x.mid().man_exp()
    return Fraction(int(m)) * Fraction(2) ** int(e)


def _inward(t: Fraction, fmt: Format, direction: int) -> float:
    """The ``fmt`` number nearest ``t`` on the side ``direction`` (+1: the least >= t; -1: the greatest <= t),
    ±inf beyond the format's range."""
    r = float(round_to(np.array([float(t)]), fmt)[0])
    while math.isfinite(r) and (Fraction(r) - t) * direction < 0:
        r = _next(r, fmt, direction)
    return r


def _next(r: float, fmt: Format, direction: int) -> float:
    """The ``fmt`` number after ``r`` in ``direction``."""
    if r == 0:
        return direction * fmt.subnormal_min
    away = (r > 0) == (direction > 0)
    step = float(fmt.ulp(np.array([r if away else np.nextafter(r, 0.0)]))[0])
    nxt = r + direction * step
    return nxt if abs(nxt) <= fmt.max else math.copysign(math.inf, nxt)

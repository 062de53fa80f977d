"""The audit context and what every stage shares: the :class:`Context` (target, entry, parameters, format,
standard, the values read so far), running stages, judging values against the exact ones, ULP errors, the
condition number kappa, the worst failures of a check, and the targeted Hypothesis search."""
from __future__ import annotations

import math
import signal
import threading
from contextlib import contextmanager
from typing import Any, Callable

import numpy as np

from symact.audit.adapters import Target
from symact.audit.dtypes import Format, round_to
from symact.audit.reference.oracle import oracle
from symact.audit.reference.switches import as_float, switches
from symact.progress import Progress
from symact.audit.regions import worst_by_range
from symact.audit.report import AuditReport, CheckResult, Failure
from symact.audit.standard import Standard
from symact.catalog import Activation


MAX_FAILURES = 5
#: warnings that are defects on finite inputs (NumPy's floating-point warnings); any other category
#: (UserWarning, DeprecationWarning, ...) is a library's deliberate message: a note
DEFECT_WARNINGS = ("RuntimeWarning", "FloatingPointError")
CHUNK = 1 << 16

class Context:
    """Everything the stages share."""

    def __init__(self, target: Target, entry: Activation, params: dict, fmt: Format, standard: Standard,
                 effort: float, progress: Progress, repro_hint: str | None):
        self.target, self.entry, self.params, self.fmt, self.standard = target, entry, params, fmt, standard
        self.effort, self.progress, self.repro_hint = effort, progress, repro_hint
        #: where f switches pieces (no f' is judged there), its one-sided derivatives at kinks, which of them are
        #: only the float64 nearest an irrational switch point, and why the switch points are not known ("": they
        #: are; else no f' is judged anywhere): :func:`symact.audit.reference.switches.switches`
        found = switches(entry.f(params))
        self.breakpoints, self.kink_sides, self.unlocated = found.points, found.sides, found.unlocated
        self.enclosed_kinks = found.enclosed
        self.scale = 1.0
        for p in entry.params:
            if p.name in ("beta",):
                self.scale = as_float(entry.param_values(params)[p.symbol])
        self.xs: np.ndarray | None = None
        self.r: np.ndarray | None = None
        self.hi = self.lo = self.kappa = None
        #: why the checks that read the target's values could not run ("" when they could)
        self.unread = ""

    def repro(self, x: float) -> str:
        return self.target.reproduction(x, self.fmt, self.repro_hint)



def run_stages(stages, ctx, report: AuditReport, opts, prog: Progress, what: str, setup: Callable[[], Any],
               stop: Callable[[str], bool]) -> None:
    """Run ``setup()`` then each ``(label, stage)`` of ``stages`` as ``stage(ctx, report, opts)`` with a progress
    bar, until ``stop(label)`` after a stage; Ctrl-C marks the report interrupted and keeps what was found.  A
    Ctrl-C whose ``KeyboardInterrupt`` was raised inside a callback, where Python ignores it ("Exception ignored
    in: gc_callback", Hypothesis' gc timer), still stops the audit, at the end of the stage under way."""
    with counted_sigint() as sigints:
        try:
            setup()
            for i, (label_, stage) in enumerate(stages):
                if sigints():
                    raise KeyboardInterrupt
                prog.update(f"{what}: {label_}", i, len(stages))
                with np.errstate(all="ignore"):   # the auditor's own arithmetic; target calls set their own
                    stage(ctx, report, opts)
                if sigints():
                    raise KeyboardInterrupt
                if stop(label_):
                    break
        except KeyboardInterrupt:
            if sigints():
                report.interrupted = True
            else:                               # raised by the target's code, not by a SIGINT
                report.stopped_by_target()
        finally:
            prog.close()


@contextmanager
def counted_sigint():
    """Count the SIGINTs this process receives in the block (the handler in place still runs: Ctrl-C raises
    ``KeyboardInterrupt``); yields a function returning the count.  Outside the main thread, or when SIGINT
    is ignored, no signal raises here: the count stays 0."""
    count = [0]
    previous = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    if not callable(previous):
        yield lambda: count[0]
        return

    def handler(signum, frame):
        count[0] += 1
        previous(signum, frame)

    signal.signal(signal.SIGINT, handler)
    try:
        yield lambda: count[0]
    finally:
        signal.signal(signal.SIGINT, previous)



# -- helpers ---------------------------------------------------------------------------------------------------
def judge_exact(o, xs: np.ndarray, r: np.ndarray, kappa: np.ndarray | None, fmt: Format, std: Standard):
    """Judge returned values ``r`` at ``xs`` against oracle ``o`` under ``std``, soundly.

    The fast enclosure [y-, y+] of each exact value (widened by its double-double tail) decides a point when
    the verdict cannot depend on where y lies in it: |r - y| is convex in y and the tolerance only grows with
    |y| (its binade), so "pass" is certain when max(|r - y-|, |r - y+|) <= tol at the point of the enclosure
    nearest to 0 (0 itself when the enclosure contains it) and "fail" when min(...) > tol at its end farthest
    from 0 with r on one side of the enclosure.  Everything else (and every non-finite value) is recomputed on
    the certified slow path and judged by the standard's full rules (special values).  A point whose exact
    value is not known (:meth:`~symact.audit.reference.oracle.Oracle.unknown`; hi is NaN there) is not judged:
    ok, with no error (:func:`name_unknown` names it).  Returns (ulp error, allowed ulps, ok, hi, lo) with
    hi + lo the best value known per point."""
    from symact import accuracy

    hi, lo, rad = o.enclose(xs, math.inf)      # fresh arrays, updated below where the slow path is needed
    mid = hi
    k = 1.0 if kappa is None else np.asarray(kappa, dtype=np.float64)

    def k_at(sel):
        return k if kappa is None else k[sel]

    npdt = fmt.numpy_dtype()
    with np.errstate(all="ignore"):
        # the tail and the rounding of the differences below, as an absolute slack
        slack = np.abs(lo) + (np.abs(r) + np.abs(mid) + rad) * 2.0 ** -50
        ya, yb = mid - rad, mid + rad
        da, db = np.abs(r - ya), np.abs(r - yb)
        finite = (np.isfinite(r) & np.isfinite(ya) & np.isfinite(yb) & (np.maximum(-ya, yb) <= fmt.max)
                  & (rad != 0) & ~np.isinf(xs))
        nearest = np.where(ya > 0, ya, np.where(yb < 0, yb, 0.0))
        smallest = accuracy.tolerance(nearest, k, npdt, std.budget, std.strict)
        sure_ok = finite & (np.maximum(da, db) + slack <= smallest)
        maybe_bad = np.flatnonzero(finite & ~sure_ok)
        sure_bad = np.zeros_like(sure_ok)
        if maybe_bad.size:
            m = maybe_bad
            largest = accuracy.tolerance(np.maximum(np.abs(ya[m]), np.abs(yb[m])), k_at(m), npdt, std.budget,
                                         std.strict)
            one_side = np.sign(r[m] - ya[m]) == np.sign(r[m] - yb[m])
            sure_bad[m] = one_side & (np.minimum(da[m], db[m]) - slack[m] > largest)
    sure = sure_ok | sure_bad
    redo = np.flatnonzero(~sure & (rad != 0))
    if redo.size and fmt.name != "float64":
        # both ends round to the same infinity: so does the exact value between them (rounding is monotone),
        # and the standard asks for exactly that infinity -- std.judge below decides it from the midpoint
        ra, rb = round_to(ya[redo], fmt), round_to(yb[redo], fmt)
        redo = redo[~(np.isinf(ra) & (ra == rb))]
    if redo.size:
        h2, l2 = o.exact_at(xs[redo])
        hi[redo], lo[redo] = h2, l2
    # the decided points: the raw error and the allowed error as the standard computes them (finite values,
    # no special rule applies); the others by the standard itself
    s = slice(None) if sure.all() else np.flatnonzero(sure)
    err = np.empty_like(hi)
    allowed = np.empty_like(hi)
    with np.errstate(all="ignore"):
        u = accuracy.ulp(hi[s], npdt, lo[s])
        err[s] = np.abs((r[s] - hi[s]) - lo[s]) / u
        allowed[s] = accuracy.tolerance(hi[s], k_at(s), npdt, std.budget, std.strict, lo[s], u) / u
    rest = np.flatnonzero(~sure)
    ok = sure_ok.copy()
    if rest.size:
        err[rest], allowed[rest], ok[rest] = std.judge(r[rest], hi[rest], lo[rest], k_at(rest), fmt, xs[rest])
        unknown = rest[o.unknown(xs[rest]) & np.isnan(hi[rest])]
        ok[unknown], err[unknown] = True, 0.0
    return err, allowed, ok, hi, lo


def name_unknown(o, xs: np.ndarray, hi: np.ndarray, chk: CheckResult, label: str) -> None:
    """Name in ``chk``'s notes the inputs among ``xs`` where oracle ``o`` knows no exact value
    (:meth:`~symact.audit.reference.oracle.Oracle.unknown`), which :func:`judge_exact` does not judge: one note
    per reason, each input itself where there are at most three."""
    by_reason: dict[str, list[float]] = {}
    for x in sorted({float(v) for v in xs[o.unknown(xs) & np.isnan(hi)]}):
        by_reason.setdefault(o.why_unknown(x), []).append(x)
    for why, points in by_reason.items():
        if len(points) <= 3:
            chk.notes.extend(f"{label}({x:g}) not checked: {why}" for x in points)
        else:
            listed = ", ".join(f"{x:.9g}" for x in points[:6]) + (", ..." if len(points) > 6 else "")
            chk.notes.append(f"{label}(x) not checked at {len(points)} inputs from {points[0]:g} to {points[-1]:g} "
                             f"({listed}): {why}")


def surely_within(mid: np.ndarray, lo: np.ndarray, rad: np.ndarray, r: np.ndarray, fmt: Format,
                  std: Standard) -> np.ndarray | None:
    """Where ``r`` passes the standard with kappa = 1 for certain, the exact value (in [mid + lo - rad,
    mid + lo + rad], as :meth:`~symact.audit.reference.oracle.Oracle.enclose` gives it) being either in the
    format's normal range or below it: a test of a few passes, without ULPs (None when the budget is too large
    for it).

    With e = rad + |lo| and d = |r - mid|: |r - y| <= d + e and |y| >= |mid| - e.  In the normal range
    ulp(y) > |y| 2^-p, so d + 2e <= B 2^-p |mid| passes when B 2^-p <= 1.  Below it (|mid| + e < tiny) the
    tolerance is at least the floor (tiny; strict: B times the smallest subnormal), so d + e <= floor passes.
    The constants are lowered by 2^-19 relative to absorb the rounding of the float64 operations (and of an
    exact value just above the largest finite number, whose ULP is that of the top binade)."""
    c = std.budget * 2.0 ** -fmt.precision
    if not c <= 2.0 ** -4:
        return None
    floor = std.budget * fmt.subnormal_min if std.strict else max(std.budget * fmt.subnormal_min, fmt.tiny)
    shrink = 1 - 2.0 ** -19
    with np.errstate(all="ignore"):
        amid = np.abs(mid)
        e = rad + np.abs(lo) if lo.any() else rad          # no tail: every value from the float64 tier
        d = np.abs(r - mid)
        normal = (d + 2 * e <= (c * shrink) * amid) & (amid >= 2.0 * fmt.tiny) & (amid <= fmt.max)
        below = (amid + e < fmt.tiny) & (d + e <= floor * shrink)
        return normal | below


def call_all(ctx: Context, xs: np.ndarray, label: str = "calls") -> tuple[np.ndarray, list[str], list]:
    """Call the target on ``xs`` in chunks; returns (float64 values with NaN where unusable, problems, results)."""
    out = np.full(xs.shape, np.nan)
    problems: list[str] = []
    results = []
    n = xs.size
    step = CHUNK if ctx.target.kind != "scalar" else 4096
    for s in range(0, n, step):
        chunk = xs[s:s + step]
        res = ctx.target.call(chunk, ctx.fmt)
        results.append(res)
        if res.values is not None and res.values.shape == chunk.shape:
            out[s:s + step] = res.values
        elif res.error:
            problems.append(res.error)
        else:
            problems.append(f"returned shape {res.shape} for input shape {chunk.shape}")
        if res.timed_out:
            break
        ctx.progress.update(f"{ctx.entry.name} {ctx.fmt.name}: {label}", s + step, n)
    return out, problems, results


def max_ulp(err: np.ndarray, hi: np.ndarray, fmt: Format, ok: np.ndarray | None = None,
             allowed: np.ndarray | None = None) -> float:
    """The largest raw ULP error where the exact value is in the format's normal range (below it the
    standard's absolute floor decides, and ULPs of subnormals say little); given the verdicts ``ok`` and the
    ``allowed`` ulps, the points that pass only by the floor are left out too (a raw error up to 2^52 ulps
    near tiny in float64, on a row that passes)."""
    if ok is not None and allowed is not None:
        err = np.where(ok & (err > allowed), 0.0, err)
    sel = np.abs(hi) >= fmt.tiny
    return float(np.max(err[sel])) if sel.any() else 0.0


def apply_region(opts, report: AuditReport, xs: np.ndarray, ok: np.ndarray, what: str) -> np.ndarray:
    """Points of a documented convention region do not fail; say so when they would have."""
    region = opts.get("region")
    if region is None:
        return ok
    pred, text = region
    with np.errstate(all="ignore"):
        inside = np.asarray(pred(xs), dtype=bool)
    moved = inside & ~ok
    if moved.any():
        line = f"{text} ({what}: {int(moved.sum())} points differ there)"
        report.conventions.append(line)
    return ok | inside


def kappa_of(entry, params, order: int, xs: np.ndarray, fmt: Format | None = None) -> np.ndarray:
    """|x g'(x) / g(x)| for g the ``order``-th derivative: g to a few digits, |g'| by an upper bound where its
    fast enclosure is wide (a larger kappa only makes the standard more lenient, never a false alarm)."""
    # values far below the format's normal range are judged by the standard's absolute floor, where kappa
    # plays no part: they need not be resolved
    negligible = (fmt.tiny if fmt is not None else 2.0 ** -1022) * 2.0 ** -30
    g = oracle(entry, params, order).approx(xs, negligible)
    with np.errstate(all="ignore"):
        enough = np.abs(g) / np.abs(xs)
    d = np.zeros_like(g)
    need = ~(np.abs(g) < negligible)           # NaN included
    if need.any():
        e = enough[need]
        d[need] = oracle(entry, params, order + 1).upper(xs[need], np.where(np.isfinite(e), e, 0.0), negligible)
    with np.errstate(all="ignore"):
        k = np.abs(xs * d / g)
        return np.where((g == 0) & (xs * d == 0), 1.0, k)


def worst_failures(ctx: Context, check: str, xs, r, hi, lo, err, allowed, bad_mask, message: str = "",
                   chk: CheckResult | None = None, picked: np.ndarray | None = None) -> list[Failure]:
    """The worst failing inputs as :class:`Failure` s (those at ``picked`` if given); with ``chk`` (a sampled
    check), the worst of every failing range (:mod:`symact.audit.regions`), the ranges as its notes and the
    true count as ``failing``."""
    idx = np.flatnonzero(bad_mask)
    if idx.size == 0:
        return []
    if picked is not None:
        picked = list(picked)
    elif chk is not None:
        picked, ranges = worst_by_range(xs, err, np.asarray(bad_mask, dtype=bool), ctx.fmt)
        picked = list(picked)
        chk.failing = int(idx.size)
        chk.notes += ranges
    else:
        order = idx[np.argsort(-np.nan_to_num(err[idx], nan=np.inf, posinf=np.inf), kind="stable")]
        picked = list(order[:MAX_FAILURES])
    out = []
    for i in picked:
        x = float(xs[i])
        exact = exact_text(ctx, check, x, float(hi[i]))
        o = oracle(ctx.entry, ctx.params, 1 if check == "derivative" else 0)
        h, l = o.exact_at(np.array([x]))
        e2, a2, _ = ctx.standard.judge(np.array([r[i]]), h, l, None if allowed is None else
                                       np.array([allowed[i] / ctx.standard.budget]), ctx.fmt, np.array([x]))
        err = err.copy()
        err[i] = e2[0]
        out.append(Failure(check=check, input=x, returned=float(r[i]), exact=exact,
                           ulp_error=float(err[i]), allowed_ulps=float(allowed[i]) if allowed is not None else None,
                           message=message, reproduction=ctx.repro(x)))
    return out


def exact_text(ctx: Context, check: str, x: float, hi: float) -> str:
    order = 1 if check == "derivative" else 0
    try:
        v = oracle(ctx.entry, ctx.params, order).mp(x)
        import mpmath

        return mpmath.nstr(v, 17)
    except Exception:  # noqa: BLE001
        return repr(hi)




def hypothesis_tools(n: int, chk: CheckResult):
    """(settings, given, steer) for the auditor's targeted Hypothesis searches: ``n`` examples, derandomised,
    no example database, the target phase on; ``steer(err, allowed)`` points the search at the largest ratio of
    ULP error to allowed error and returns that element's index.  None (and a note on ``chk``) without
    Hypothesis."""
    try:
        from hypothesis import HealthCheck, Phase, given, settings, target
    except ImportError:  # pragma: no cover
        chk.notes.append("Hypothesis search skipped: hypothesis is not installed")
        return None

    def steer(err: np.ndarray, allowed: np.ndarray) -> int:
        with np.errstate(all="ignore"):  # NaN allowed (an undefined point: NaN expected) steers nowhere
            e = np.nan_to_num(np.where(np.isfinite(err), err / allowed, 1e9), nan=0.0, posinf=1e9)
        i = int(np.argmax(e))
        target(float(min(e[i], 1e9)), label="ulp error / allowed")
        return i

    return (settings(max_examples=n, database=None, deadline=None, derandomize=True,
                     phases=[Phase.explicit, Phase.generate, Phase.target], suppress_health_check=list(HealthCheck)),
            given, steer)


def run_search(search: Callable[[], None], chk: CheckResult) -> None:
    """Run a Hypothesis search; a crash inside it is a note on ``chk`` (Ctrl-C still stops the audit)."""
    try:
        search()
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # noqa: BLE001 - a crash in the search is reported, not raised
        chk.notes.append(f"Hypothesis search stopped: {type(exc).__name__}: {exc}")


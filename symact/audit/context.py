"""``audit(fn, name, dtype, params, grad)``: run every check against one implementation.

Stages, in order (each adds :class:`CheckResult` entries to the report; Ctrl-C stops at the current stage and
returns what was found so far with ``interrupted=True``):

1. calls: the callable is called on the audit points; exceptions, time-outs, non-array returns are failures;
2. ``values``: every point against the exact value under the :class:`Standard`; then a Hypothesis search
   with ``target()`` on the ULP error (``hypothesis``); with ``exhaustive``, every float16/bfloat16 value,
   or for float32 the streamed ``exhaustive`` check over all 2^32 inputs (:mod:`symact.audit.exhaustive`);
3. ``special_values``: NaN -> NaN, +-inf -> the limit where it exists, +-0 (sign of zero reported);
4. properties: ``range``, ``monotonic``, ``symmetry`` (only those the exact function has);
5. hygiene: ``dtype``, ``shape``, ``mutation``, ``determinism``, ``warnings``;
6. ``derivative`` (``grad=`` callable, or autograd for torch/JAX targets), with the kink convention reported;
7. ``convention``: when values fail, which catalog entry or parameter value the implementation matches.
"""
from __future__ import annotations

import math
import time
from typing import Any, Callable, Mapping

import numpy as np

from symact.audit import inputs as gen
from symact.audit.adapters import Target
from symact.audit.dtypes import Format, get_format, round_to
from symact.audit.exact import limit_at, oracle
from symact.progress import Progress, Quiet
from symact.audit.regions import worst_by_range
from symact.audit.report import FAIL, NOT_RUN, PASS, SKIP, AuditReport, CheckResult, Failure
from symact.audit.standard import Standard
from symact.catalog import Activation, get
from symact.errors import ParameterError

MAX_FAILURES = 5
#: warnings that are defects on finite inputs (NumPy's floating-point warnings); any other category
#: (UserWarning, DeprecationWarning, ...) is a library's deliberate message: a note
DEFECT_WARNINGS = ("RuntimeWarning", "FloatingPointError")
CHUNK = 1 << 16

def _float(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


class _Ctx:
    """Everything the stages share."""

    def __init__(self, target: Target, entry: Activation, params: dict, fmt: Format, standard: Standard,
                 effort: float, progress: Progress, repro_hint: str | None):
        self.target, self.entry, self.params, self.fmt, self.standard = target, entry, params, fmt, standard
        self.effort, self.progress, self.repro_hint = effort, progress, repro_hint
        f = entry.f(params)
        from symact import calculus

        try:
            self.breakpoints = sorted({_float(b) for b in calculus.breakpoints(f)} - {math.nan})
        except Exception:  # noqa: BLE001 - a breakpoint we cannot compute only costs coverage
            self.breakpoints = []
        self.breakpoints = [b for b in self.breakpoints if math.isfinite(b)]
        self.scale = 1.0
        for p in entry.params:
            if p.name in ("beta",):
                self.scale = _float(entry.param_values(params)[p.symbol])
        self.xs: np.ndarray | None = None
        self.r: np.ndarray | None = None
        self.hi = self.lo = self.kappa = None
        #: why the checks that read the target's values could not run ("" when they could)
        self.unread = ""

    def repro(self, x: float) -> str:
        return self.target.reproduction(x, self.fmt, self.repro_hint)


def audit(fn: Callable, name: str, dtype: str = "float32", params: Mapping[str, Any] | None = None,
          grad: Callable | None = None, *, budget: float = 16.0, strict: bool = False, effort: float = 1.0,
          hypothesis: int = 100, exhaustive: bool = False, kind: str | None = None, call_seconds: float = 10.0,
          kwargs: Mapping[str, Any] | None = None, conventions: bool = True, progress: bool | Progress | None = False,
          label: str | None = None, derivative: bool | None = None, device: str | None = None,
          convention_region: tuple[Callable[[np.ndarray], np.ndarray], str] | None = None,
          isolate: bool = True, memory: int | None = None) -> AuditReport:
    """Audit ``fn`` as the catalog activation ``name`` in format ``dtype``; returns an :class:`AuditReport`.

    ``dtype`` is a name ("float16", "bfloat16", "float32", "float64") or a dtype object (``np.float32``,
    ``np.dtype("float32")``, ``torch.float32``, ``jnp.float32``).

    ``params`` are the activation's parameter values the implementation is supposed to use (defaults
    otherwise); ``kwargs`` are passed to ``fn`` on every call (e.g. ``{"approximate": "tanh"}``).  ``grad`` is
    a callable computing f' (same calling convention as ``fn``); without it torch and JAX targets are
    differentiated by autograd and other targets skip the derivative check (``derivative=False`` skips it
    always).  ``budget``/``strict`` set the accuracy :class:`Standard`; ``effort`` scales the sweep density;
    ``hypothesis`` is the number of Hypothesis examples of the targeted search (0: none); ``exhaustive``
    tests every value of float16/bfloat16 and streams all 2^32 float32 inputs (:mod:`symact.audit.exhaustive`).
    ``kind`` forces the calling convention (numpy, torch, jax,
    scalar); ``call_seconds`` is the time limit per call.  ``convention_region`` = (predicate on x, text):
    deviations where the predicate holds are a documented convention of the implementation (e.g. torch's
    softplus threshold) and are reported as such instead of failing.  ``isolate`` (the default) runs the
    audit in a child process with its address space limited to ``memory`` bytes (default: the physical
    memory; 0: no limit), so that a target that exits, crashes or exhausts memory is a failing report, not
    the caller's end (:mod:`symact.audit.target`); ``isolate=False`` runs it in this process.
    """
    if isolate:
        from symact.audit.target import audit_callable

        return audit_callable(fn, name, dict(
            dtype=dtype, params=params, grad=grad, budget=budget, strict=strict, effort=effort,
            hypothesis=hypothesis, exhaustive=exhaustive, kind=kind, call_seconds=call_seconds, kwargs=kwargs,
            conventions=conventions, progress=progress, label=label, derivative=derivative, device=device,
            convention_region=convention_region, memory=memory))
    start = time.perf_counter()
    entry = get(name)
    if not isinstance(entry, Activation):
        from symact.audit.vector import audit_vector

        return audit_vector(fn, entry, dtype=dtype, params=params, grad=grad, budget=budget, strict=strict,
                            effort=effort, hypothesis=hypothesis, exhaustive=exhaustive, kind=kind,
                            call_seconds=call_seconds, kwargs=kwargs, progress=progress, label=label,
                            derivative=derivative, device=device)
    entry.param_values(params)  # validates
    params = dict(params or {})
    fmt = get_format(dtype)
    if fmt.name == "bfloat16":
        fmt.numpy_dtype() if (kind in (None, "numpy", "scalar")) and _needs_ml_dtypes(fn, kind) else None
    std = Standard(budget, strict)
    prog = progress if isinstance(progress, Progress) else (Progress() if progress else Quiet())
    target = fn if isinstance(fn, Target) else Target(fn, kind=kind, call_seconds=call_seconds, label=label,
                                                      kwargs=dict(kwargs or {}), device=device)
    report = AuditReport(target=target.label, activation=entry.name, dtype=fmt.name, params=params,
                         standard=std.describe())
    ctx = _Ctx(target, entry, params, fmt, std, effort, prog, label)
    from symact.audit.conventions import stage_convention
    from symact.audit.exhaustive import stage_exhaustive

    if exhaustive and fmt.name == "float64":
        raise ParameterError("--exhaustive is for float16, bfloat16 (every value) and float32 (all 2^32 inputs, "
                             "streamed); float64 has 2^64 inputs")
    stages = [("values", _stage_values), ("hypothesis", _stage_hypothesis), ("exhaustive", stage_exhaustive),
              ("special values", _stage_special),
              ("properties", _stage_properties), ("hygiene", _stage_hygiene), ("derivative", _stage_derivative),
              ("convention", stage_convention)]
    opts = dict(hypothesis=hypothesis, exhaustive=exhaustive, grad=grad, conventions=conventions,
                derivative=derivative, region=convention_region)

    def setup():
        target.detect(fmt)
        report.kind = target.kind
        if device is not None and target.kind != "torch":
            raise ParameterError(f"--device {device}: devices apply to torch targets; this one is a {target.kind} "
                                 "target")

    run_stages(stages, ctx, report, opts, prog, f"{entry.name} {fmt.name}", setup,
               stop=lambda label_: target.hung and label_ == "values")
    report.kind = target.kind or ""
    report.seconds = time.perf_counter() - start
    return report


def run_stages(stages, ctx, report: AuditReport, opts, prog: Progress, what: str, setup: Callable[[], Any],
               stop: Callable[[str], bool]) -> None:
    """Run ``setup()`` then each ``(label, stage)`` of ``stages`` as ``stage(ctx, report, opts)`` with a progress
    bar, until ``stop(label)`` after a stage; Ctrl-C marks the report interrupted and keeps what was found."""
    try:
        setup()
        for i, (label_, stage) in enumerate(stages):
            prog.update(f"{what}: {label_}", i, len(stages))
            with np.errstate(all="ignore"):   # the auditor's own arithmetic; target calls set their own
                stage(ctx, report, opts)
            if stop(label_):
                break
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        prog.close()


def _needs_ml_dtypes(fn, kind) -> bool:
    mod = getattr(fn, "__module__", "") or ""
    return not mod.startswith(("torch", "jax")) and kind not in ("torch", "jax")


# -- helpers ---------------------------------------------------------------------------------------------------
def judge_exact(o, xs: np.ndarray, r: np.ndarray, kappa: np.ndarray | None, fmt: Format, std: Standard):
    """Judge returned values ``r`` at ``xs`` against oracle ``o`` under ``std``, soundly.

    The fast enclosure [y-, y+] of each exact value decides a point when the verdict cannot depend on where
    y lies in it: |r - y| is convex in y and the tolerance only grows with |y|'s binade, so "pass" is certain
    when max(|r - y-|, |r - y+|) <= min(tol(y-), tol(y+)) and "fail" when min(...) > max(tol) with r on one
    side of the enclosure.  Everything else (and every non-finite value) is recomputed on the certified slow
    path.  Returns (ulp error, allowed ulps, ok, hi, lo) with hi + lo the best value known per point."""
    from symact import accuracy

    mid, lo, rad = o.enclose(xs, math.inf)
    hi = mid.copy()
    lo = lo.copy()
    k = np.ones_like(mid) if kappa is None else np.asarray(kappa, dtype=np.float64)
    with np.errstate(all="ignore"):
        ya, yb = mid - rad, mid + rad
        npdt = fmt.numpy_dtype()
        ta = accuracy.tolerance(ya, k, npdt, std.budget, std.strict)
        tb = accuracy.tolerance(yb, k, npdt, std.budget, std.strict)
        da, db = np.abs(r - ya), np.abs(r - yb)
        finite = np.isfinite(r) & np.isfinite(ya) & np.isfinite(yb) & (np.maximum(np.abs(ya), np.abs(yb)) <= fmt.max)
        sure_ok = finite & (np.maximum(da, db) <= np.minimum(ta, tb))
        sure_bad = finite & (np.minimum(da, db) > np.maximum(ta, tb)) & (np.sign(r - ya) == np.sign(r - yb))
    decided = (rad == 0) | sure_ok | sure_bad
    redo = np.flatnonzero(~decided)
    if redo.size and fmt.name != "float64":
        # both ends round to the same infinity: so does the exact value between them (rounding is monotone),
        # and the standard asks for exactly that infinity -- std.judge below decides it from the midpoint
        ra, rb = round_to(ya[redo], fmt), round_to(yb[redo], fmt)
        decided[redo] = np.isinf(ra) & (ra == rb)
        redo = np.flatnonzero(~decided)
    if redo.size:
        h2, l2 = o.exact_at(xs[redo])
        hi[redo], lo[redo] = h2, l2
    err, allowed, ok = std.judge(r, hi, lo, kappa, fmt, xs)
    ok = np.where(rad == 0, ok, np.where(sure_ok, True, np.where(sure_bad, False, ok)))
    return err, allowed, ok, hi, lo


def _call_all(ctx: _Ctx, xs: np.ndarray, label: str = "calls") -> tuple[np.ndarray, list[str], list]:
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


def _max_ulp(err: np.ndarray, hi: np.ndarray, fmt: Format, ok: np.ndarray | None = None,
             allowed: np.ndarray | None = None) -> float:
    """The largest raw ULP error where the exact value is in the format's normal range (below it the
    standard's absolute floor decides, and ULPs of subnormals say little); given the verdicts ``ok`` and the
    ``allowed`` ulps, the points that pass only by the floor are left out too (a raw error up to 2^52 ulps
    near tiny in float64, on a row that passes)."""
    if ok is not None and allowed is not None:
        err = np.where(ok & (err > allowed), 0.0, err)
    sel = np.abs(hi) >= fmt.tiny
    return float(np.max(err[sel])) if sel.any() else 0.0


def _region(opts, report: AuditReport, xs: np.ndarray, ok: np.ndarray, what: str) -> np.ndarray:
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


def _kappa(entry, params, order: int, xs: np.ndarray, fmt: Format | None = None) -> np.ndarray:
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


def _failures(ctx: _Ctx, check: str, xs, r, hi, lo, err, allowed, bad_mask, message: str = "",
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
        exact = _exact_str(ctx, check, x, float(hi[i]))
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


def _exact_str(ctx: _Ctx, check: str, x: float, hi: float) -> str:
    order = 1 if check == "derivative" else 0
    try:
        v = oracle(ctx.entry, ctx.params, order).mp(x)
        import mpmath

        return mpmath.nstr(v, 17)
    except Exception:  # noqa: BLE001
        return repr(hi)


# -- stages ----------------------------------------------------------------------------------------------------
def _stage_values(ctx: _Ctx, report: AuditReport, opts) -> None:
    fmt = ctx.fmt
    if opts["exhaustive"] and fmt.name in ("float16", "bfloat16"):
        xs = gen.exhaustive(fmt)
    else:
        xs = gen.audit_points(fmt, ctx.breakpoints, ctx.scale, ctx.effort)
    ctx.xs = xs
    r, problems, results = _call_all(ctx, xs)
    ctx.r = r
    ctx.results = results
    calls = CheckResult("calls", PASS, "the target returns arrays for every input", points=xs.size)
    if problems:
        calls.status = FAIL
        calls.detail = "the target failed on some calls"
        calls.failures = [Failure("calls", message=p) for p in dict.fromkeys(problems)][:MAX_FAILURES]
    report.checks.append(calls)
    if ctx.target.hung:
        return
    if not any(res.values is not None for res in results):
        kinds = sorted({res.type_name for res in results if res.type_name}) or ["none: every call failed"]
        ctx.unread = f"could not read the target's output (of type {', '.join(kinds)})"
        report.checks.append(CheckResult("values", NOT_RUN, ctx.unread))
        return
    o = oracle(ctx.entry, ctx.params, 0)
    ctx.progress.update(f"{ctx.entry.name} {fmt.name}: exact values", 0, 1)
    kappa = _kappa(ctx.entry, ctx.params, 0, xs, fmt)
    err, allowed, ok, hi, lo = judge_exact(o, xs, r, kappa, fmt, ctx.standard)
    ctx.hi, ctx.lo, ctx.kappa = hi, lo, kappa
    judged = ok
    ok = _region(opts, report, xs, ok, "values")
    err = np.where(ok & ~judged, 0.0, err)        # a documented convention's points do not count
    usable = ~np.isnan(r) | np.isnan(hi)
    # NaN returned for a finite exact value is a failure (judge marks it), NaN from a failed call is not
    # counted twice: calls already failed
    if problems:
        ok = ok | ~usable
        err = np.where(usable, err, 0.0)
    ctx.err, ctx.allowed, ctx.ok = err, allowed, ok
    chk = CheckResult("values", PASS, f"within {ctx.standard.describe()}", points=int(xs.size),
                      max_ulp=_max_ulp(err, hi, fmt, ok, allowed),
                      profile={"x": xs, "ulp": err, "allowed": allowed})
    bad = ~ok
    if bad.any():
        chk.status = FAIL
        chk.detail = f"{int(bad.sum())} of {xs.size} points outside the standard"
        chk.failures = _failures(ctx, "values", xs, r, hi, lo, err, allowed, bad, chk=chk)
    report.checks.append(chk)


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
        e = np.where(np.isfinite(err), err / allowed, 1e9)
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


def _stage_hypothesis(ctx: _Ctx, report: AuditReport, opts) -> None:
    n = opts["hypothesis"]
    chk = report.check("values")
    if chk is not None and chk.status == NOT_RUN:
        return
    if not n or chk is None or ctx.target.hung or ctx.target.kind == "scalar" and n > 20:
        n = min(n, 20) if ctx.target.kind == "scalar" else n
        if not n or chk is None or ctx.target.hung:
            return
    hyp = hypothesis_tools(n, chk)
    if hyp is None:  # pragma: no cover
        return
    targeted, given, steer = hyp
    from hypothesis import strategies as st

    fmt = ctx.fmt
    o = oracle(ctx.entry, ctx.params, 0)
    worst: dict[str, Any] = {"err": -1.0}
    found: list[tuple] = []
    lim = min(fmt.max, 1e6 if fmt.name != "float16" else fmt.max)

    @targeted
    @given(st.lists(gen.floats(fmt.name, min_value=-lim, max_value=lim), min_size=1, max_size=16))
    def search(vals):
        xs = round_to(np.array(vals, dtype=np.float64), fmt)
        res = ctx.target.call(xs, fmt)
        if res.values is None or res.values.shape != xs.shape:
            return
        kappa = _kappa(ctx.entry, ctx.params, 0, xs, fmt)
        err, allowed, ok, hi, lo = judge_exact(o, xs, res.values, kappa, fmt, ctx.standard)
        if opts.get("region") is not None:
            ok = ok | np.asarray(opts["region"][0](xs), dtype=bool)
            err = np.where(ok, np.minimum(err, allowed), err)
        i = steer(err, allowed)
        if not ok[i]:
            found.append((float(xs[i]), float(res.values[i]), float(hi[i]), float(err[i]), float(allowed[i])))
        ratio = err[i] / allowed[i] if np.isfinite(err[i]) else 1e9
        if ratio > worst["err"]:
            worst.update(err=float(ratio), ulp=float(err[i]))

    run_search(search, chk)
    chk.notes.append(f"Hypothesis search: {n} examples, worst ulp error {worst.get('ulp', 0):.3g}")
    if found:
        found.sort(key=lambda t: -t[3])
        new = [Failure("values", input=x, returned=r, exact=_exact_str(ctx, "values", x, h), ulp_error=e,
                       allowed_ulps=a, message="found by Hypothesis", reproduction=ctx.repro(x))
               for x, r, h, e, a in found[:2]]
        if chk.status != FAIL:
            chk.status = FAIL
            chk.detail = "the Hypothesis search found inputs outside the standard"
        chk.failures = sorted(chk.failures + new, key=lambda f: -(f.ulp_error or 0))[:MAX_FAILURES]
        chk.max_ulp = max(chk.max_ulp or 0.0, max(t[3] for t in found))


def _stage_special(ctx: _Ctx, report: AuditReport, opts) -> None:
    fmt = ctx.fmt
    chk = CheckResult("special_values", PASS, "NaN -> NaN, +-inf -> limits, signed zeros")
    xs = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0])
    res = ctx.target.call(xs, fmt)
    if res.values is None or res.values.shape != xs.shape:
        chk.status = FAIL
        chk.failures = [Failure("special_values", message=res.error or f"returned shape {res.shape}")]
        report.checks.append(chk)
        return
    r = res.values
    fails = []
    if not math.isnan(r[0]):
        fails.append(Failure("special_values", input=math.nan, returned=float(r[0]), exact="nan",
                             message="NaN in must give NaN out", reproduction=ctx.repro(math.nan)))
    for i, direction in ((1, 1), (2, -1)):
        lim = limit_at(ctx.entry, ctx.params, direction)
        x = math.inf * direction
        if math.isnan(lim):
            chk.notes.append(f"f({x}) not checked: no limit at {x}")
            continue
        want = float(round_to(np.array([lim]), fmt)[0])
        got = float(r[i])
        if math.isinf(want):
            ok = got == want
        else:
            tol = ctx.standard.budget * float(fmt.ulp(np.array([want]))[0])
            ok = math.isfinite(got) and abs(got - want) <= max(tol, 0 if ctx.standard.strict else fmt.tiny)
        if not ok:
            fails.append(Failure("special_values", input=x, returned=got, exact=repr(lim),
                                 ulp_error=math.inf, message=f"f({x}) must be the limit {lim!r}",
                                 reproduction=ctx.repro(x)))
    # zeros
    for i, z in ((3, 0.0), (4, -0.0)):
        y = oracle(ctx.entry, ctx.params, 0).mp(z)
        got = float(r[i])
        if y == 0:
            sign = "-0.0" if math.copysign(1, got) < 0 else "0.0"
            if got == 0:
                chk.notes.append(f"f({z!r}) = {sign}")
    report.checks.append(chk)
    if fails:
        chk.status = FAIL
        chk.detail = f"{len(fails)} special input(s) mishandled"
        chk.failures = fails


def _allowed_abs(ctx: _Ctx) -> np.ndarray:
    ulp = ctx.fmt.ulp(np.where(np.isfinite(ctx.hi), ctx.hi, ctx.fmt.max))
    a = ctx.allowed * ulp
    return a if ctx.standard.strict else np.maximum(a, ctx.fmt.tiny)


def _stage_properties(ctx: _Ctx, report: AuditReport, opts) -> None:
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
        ra, rb = (_range_end(rng["value"][side], fmt, d) for side, d in (("lower", -1), ("upper", 1)))
        out = keep & ((r_s < ra) | (r_s > rb))
        chk = CheckResult("range", PASS, f"outputs within the proved range {rng['statement'].rpartition(' is ')[2]} "
                                         f"rounded to {fmt.name}: [{ra!r}, {rb!r}]", points=int(keep.sum()))
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
        if np.all(np.abs(hp[fin] + hn[fin]) <= 1e-12 * scale[fin]):
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
    """{"range": verdict JSON, "monotonic": verdict JSON} of the exact function, as the catalog proves them
    (cached on disk by :mod:`symact.table` and here per process)."""
    from symact.table import properties_of

    key = (entry.name, tuple(sorted((k, str(v)) for k, v in params.items())))
    if key not in _SHAPE_CACHE:
        try:
            _SHAPE_CACHE[key] = properties_of(entry.name, params, keys=None if not params else ("range", "monotonic"))
        except Exception as exc:  # noqa: BLE001 - no proof: the checks say so and are not run
            _SHAPE_CACHE[key] = {k: {"status": f"analysis failed: {type(exc).__name__}"} for k in ("range", "monotonic")}
    return _SHAPE_CACHE[key]


def _range_end(end: dict, fmt: Format, direction: int) -> float:
    """A proved end of the range as the outermost value an implementation may return in ``fmt``: the end
    rounded to nearest (what a correct implementation returns near it); an end known only as an enclosure
    (or a rational that float64 cannot hold) is widened by one ulp of ``fmt`` outward first."""
    import sympy as sp

    v = end.get("float")
    v = float(v.replace("oo", "inf")) if isinstance(v, str) else float(v)
    if not math.isfinite(v):
        return v
    exact = end.get("exact")
    representable = False
    if exact is not None:
        try:
            representable = sp.Rational(exact) == sp.Rational(v)
        except (TypeError, ValueError, sp.SympifyError):
            representable = False
    r = float(round_to(np.array([v]), fmt)[0])
    if not representable:
        r += direction * float(fmt.ulp(np.array([r]))[0])
    return r


def _stage_hygiene(ctx: _Ctx, report: AuditReport, opts) -> None:
    fmt = ctx.fmt
    t = ctx.target
    results = [r for r in getattr(ctx, "results", []) if r.values is not None]
    # dtype
    seen = sorted({r.dtype for r in results if r.dtype})
    chk = CheckResult("dtype", PASS, f"{fmt.name} in, {fmt.name} out")
    if not results:
        chk.status, chk.detail = NOT_RUN, ctx.unread or "no call returned readable values"
    elif t.kind == "scalar":
        chk.detail += " (scalar callable: Python floats are rounded to the format)"
    bad = [d for d in seen if d != fmt.name]
    if bad:
        chk.status = FAIL
        chk.detail = f"{fmt.name} in, {', '.join(bad)} out"
        x = float(ctx.xs[0]) if ctx.xs is not None and ctx.xs.size else 1.0
        chk.failures = [Failure("dtype", input=x, message=f"returned dtype {', '.join(bad)} for {fmt.name} input",
                                reproduction=ctx.repro(x))]
    report.checks.append(chk)
    if t.hung:
        return
    # shape (vectorised callables only)
    if t.kind != "scalar":
        chk = CheckResult("shape", PASS, "output shape equals input shape: (), (0,), (3,), (2, 3), (2, 1, 2)")
        probs = shape_problems(t, fmt, [(), (0,), (3,), (2, 3), (2, 1, 2)])
        if probs:
            chk.status = FAIL
            chk.detail = "shape not preserved"
            chk.failures = [Failure("shape", message=p) for p in probs]
        report.checks.append(chk)
    # mutation: call on a typed input we keep, compare before/after bit for bit
    chk = CheckResult("mutation", PASS, "the input is not modified")
    if t.kind != "scalar":
        xs = ctx.xs[: min(ctx.xs.size, 4096)] if ctx.xs is not None else np.linspace(-5, 5, 11)
        changed = changed_in_place(t, fmt, xs)
        if changed is not None and changed.size:
            i = int(changed[0])
            chk.status = FAIL
            chk.detail = f"the call modified {changed.size} input elements in place"
            chk.failures = [Failure("mutation", input=float(xs[i]), message="input modified in place",
                                    reproduction=ctx.repro(float(xs[i])))]
    else:
        chk.status = SKIP
        chk.detail = "scalar callable (Python numbers are immutable)"
    report.checks.append(chk)
    # determinism
    chk = CheckResult("determinism", PASS, "repeat calls return identical bits")
    if ctx.xs is not None and ctx.r is not None:
        sub = ctx.xs if t.kind != "scalar" else ctx.xs[:256]
        res = t.call(sub, fmt)
        if res.values is None or res.values.shape != sub.shape:
            chk.status, chk.detail = NOT_RUN, ctx.unread or f"could not read the second call's output ({res.error})"
        else:
            a, b = res.values, ctx.r[: sub.size]
            same = (a == b) | (np.isnan(a) & np.isnan(b))
            same &= np.signbit(a) == np.signbit(b)
            if not same.all():
                i = int(np.flatnonzero(~same)[0])
                chk.status = FAIL
                chk.detail = f"{int((~same).sum())} of {sub.size} values differ between two calls"
                chk.failures = [Failure("determinism", input=float(sub[i]), returned=float(a[i]),
                                        message=f"first call gave {float(b[i])!r}", reproduction=ctx.repro(float(sub[i])))]
    report.checks.append(chk)
    # warnings on finite inputs
    seen = sorted({w for r in getattr(ctx, "results", []) for w in r.warnings})
    warn = [w for w in seen if w.startswith(DEFECT_WARNINGS)]
    chk = CheckResult("warnings", PASS, "no floating-point warnings for finite inputs")
    chk.notes += [f"the library warns deliberately (not counted as a defect): {w}" for w in seen if w not in warn]
    if warn:
        chk.status = FAIL
        chk.detail = f"{len(warn)} kind(s) of warning for finite inputs"
        chk.failures = [Failure("warnings", message=w) for w in warn[:MAX_FAILURES]]
    report.checks.append(chk)


def shape_problems(t: Target, fmt: Format, shapes, expect: Callable[[tuple], tuple] | None = None) -> list[str]:
    """Call ``t`` on an input of each shape; one line per shape whose result does not have the shape
    ``expect(shape)`` (default: the input's shape)."""
    probs = []
    for shape in shapes:
        x = np.linspace(-2.5, 2.5, int(np.prod(shape)) or 0).reshape(shape) if shape else np.array(0.75)
        res = t.call(round_to(x, fmt), fmt)
        want = tuple(shape) if expect is None else tuple(expect(shape))
        if res.error and res.shape is None:
            probs.append(f"input shape {shape}: {res.error}")
        elif res.shape != want:
            probs.append(f"input shape {shape}: returned shape {res.shape}" + (f", expected {want}" if expect else ""))
    return probs


def changed_in_place(t: Target, fmt: Format, xs: np.ndarray) -> np.ndarray | None:
    """Call ``t`` once on a typed input made from ``xs`` (any shape) and compare that input bit for bit
    afterwards: the flat indices of the elements the call modified, or None when it cannot be read back."""
    import warnings

    from symact.audit.adapters import call_with_limit

    arg = t.make_input(xs, fmt)
    before = _as_bits(arg)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        call_with_limit(lambda: t._raw_call(arg), t.call_seconds)
    after = _as_bits(arg)
    if before is None or after is None:
        return None
    return np.flatnonzero(before.ravel() != after.ravel())


def _as_bits(arg) -> np.ndarray | None:
    try:
        if type(arg).__module__.startswith("torch"):
            import torch

            return arg.detach().cpu().clone().view(torch.int16 if arg.element_size() == 2 else
                                                 (torch.int32 if arg.element_size() == 4 else torch.int64)).numpy()
        a = np.array(arg, copy=True)
        return a.view(f"u{a.dtype.itemsize}")
    except Exception:  # noqa: BLE001
        return None


def autograd_target(target: Target) -> Target | None:
    """A :class:`Target` computing f' of a torch or JAX target by autograd (None for other kinds)."""
    fn, kw = target.fn, target.kwargs
    if target.kind == "torch":
        import torch

        def g(x):
            x = x.detach().clone().requires_grad_(True)
            y = fn(x, **kw)
            (gx,) = torch.autograd.grad(y.sum(), x)
            return gx

        t = Target(g, kind="torch", call_seconds=target.call_seconds, label=f"grad({target.label})",
                   device=target.device)
        t.grad_of = target
        return t
    if target.kind == "jax":
        import jax
        import jax.numpy as jnp

        g = jax.grad(lambda x: jnp.sum(fn(x, **kw)))
        t = Target(g, kind="jax", call_seconds=target.call_seconds, label=f"grad({target.label})")
        t.grad_of = target
        return t
    return None


def _stage_derivative(ctx: _Ctx, report: AuditReport, opts) -> None:
    if opts.get("derivative") is False or ctx.xs is None:
        return
    grad = opts["grad"]
    fmt = ctx.fmt
    if grad is not None:
        gt = grad if isinstance(grad, Target) else Target(grad, kind=ctx.target.kind if ctx.target.kind != "scalar" else None,
                                                          call_seconds=ctx.target.call_seconds,
                                                          label=getattr(grad, "__name__", "grad"))
        how = "the given gradient"
    else:
        gt = autograd_target(ctx.target)
        how = "autograd"
        if gt is None:
            report.checks.append(CheckResult("derivative", SKIP, "no gradient given (grad=, --grad) and no autograd"))
            return
    xs = ctx.xs
    bps = set(ctx.breakpoints)
    at_bp = np.array([float(v) in bps for v in xs]) if bps else np.zeros(xs.shape, bool)
    r, problems, results = _call_all(ctx if gt is ctx.target else _swap(ctx, gt), xs, "derivative")
    chk = CheckResult("derivative", PASS, f"f' by {how} within the standard", points=int((~at_bp).sum()))
    if problems:
        chk.status = FAIL
        chk.detail = f"the derivative ({how}) failed"
        chk.failures = [Failure("derivative", message=p) for p in dict.fromkeys(problems)][:MAX_FAILURES]
        report.checks.append(chk)
        return
    o1 = oracle(ctx.entry, ctx.params, 1)
    kappa = _kappa(ctx.entry, ctx.params, 1, xs, fmt)
    err, allowed, ok, hi, lo = judge_exact(o1, xs, r, kappa, fmt, ctx.standard)
    judged = ok
    ok = _region(opts, report, xs, ok, "derivative")
    err = np.where(ok & ~judged, 0.0, err)
    ok |= at_bp
    err = np.where(at_bp, 0.0, err)
    chk.max_ulp = _max_ulp(err, hi, fmt, ok, allowed)
    if not ok.all():
        chk.status = FAIL
        chk.detail = f"{int((~ok).sum())} of {int((~at_bp).sum())} points outside the standard ({how})"
        sub = _swap(ctx, gt)
        chk.failures = _failures(sub, "derivative", xs, r, hi, lo, err, allowed, ~ok, chk=chk)
    # kink convention
    sides = {}
    try:
        sides = {_float(k): (float(a), float(b)) for k, (a, b) in ctx.entry.one_sided_derivatives(ctx.params).items()}
    except Exception:  # noqa: BLE001
        sides = {}
    for k in ctx.breakpoints:
        kr = float(round_to(np.array([k]), fmt)[0])
        if kr != k:
            continue
        res = gt.call(np.array([k]), fmt)
        if res.values is None:
            continue
        v = float(res.values.ravel()[0])
        if k not in sides:
            continue                      # f' is continuous there (a breakpoint, not a kink)
        left, right = (float(u) for u in round_to(np.array(sides[k]), fmt))
        if left == right:
            continue
        which = []

        def near(a: float, b: float) -> bool:     # equal within the standard's budget (in ulps of b)
            return math.isfinite(b) and abs(a - b) <= ctx.standard.budget * float(fmt.ulp(np.array([b]))[0])

        if near(v, left):
            which.append("left derivative")
        if near(v, right):
            which.append("right derivative")
        if math.isfinite(left) and math.isfinite(right) and near(v, (left + right) / 2) and left != right:
            which.append("mean of the one-sided derivatives")
        fw = [name for name, pts in ctx.entry.kink_derivatives.items()
              if any(_kink_value(ctx, p) == k and near(v, float(round_to(np.array([_kink_value(ctx, val)]), fmt)[0]))
                     for p, val in pts.items())]
        desc = f"f'({k:g}) = {v:g} ({', '.join(which) or 'neither one-sided derivative'}" + (
            f"; as {', '.join(fw)}" if fw else "") + f"; one-sided: {left:g}, {right:g})"
        lo_side, hi_side = min(left, right), max(left, right)
        if math.isnan(v) or not (lo_side - _slack(ctx, lo_side) <= v <= hi_side + _slack(ctx, hi_side)):
            # not a convention: no subgradient-like choice lies outside [left, right]
            chk.status = FAIL
            chk.detail = f"f' at a kink outside its one-sided derivatives ({how})"
            chk.failures.append(Failure("derivative", input=k, returned=v, exact=f"[{lo_side:g}, {hi_side:g}]",
                                        message=f"f'({k:g}) = {v:g} is outside [{lo_side:g}, {hi_side:g}]",
                                        reproduction=_swap(ctx, gt).repro(k)))
        else:
            report.conventions.append(desc)
    _derivative_at_infinity(ctx, gt, chk, how)
    report.checks.append(chk)


def _slack(ctx: _Ctx, v: float) -> float:
    return ctx.standard.budget * float(ctx.fmt.ulp(np.array([v]))[0]) if math.isfinite(v) else 0.0


def _derivative_at_infinity(ctx: _Ctx, gt: Target, chk: CheckResult, how: str) -> None:
    """f'(+-inf) must be the limit of f' there, where it exists (TF's gelu' and timm's mish' give NaN)."""
    res = gt.call(np.array([math.inf, -math.inf]), ctx.fmt)
    if res.values is None or res.values.shape != (2,):
        chk.notes.append(f"f'(+-inf) not checked: {res.error or f'returned shape {res.shape}'}")
        return
    for got, direction in zip(res.values, (1, -1)):
        lim = limit_at(ctx.entry, ctx.params, direction, order=1)
        x = direction * math.inf
        if math.isnan(lim):
            chk.notes.append(f"f'({x}) not checked: f' has no limit at {x}")
            continue
        want = float(round_to(np.array([lim]), ctx.fmt)[0])
        if not (got == want or (math.isfinite(want) and abs(got - want) <= max(_slack(ctx, want), ctx.fmt.tiny))):
            chk.status = FAIL
            if "f'(+-inf)" not in chk.detail:
                chk.detail += f"; f'(+-inf) is not the limit of f' ({how})"
            chk.failures.append(Failure("derivative", input=x, returned=float(got), exact=repr(lim),
                                        message=f"f'({x}) must be the limit {lim!r}",
                                        reproduction=_swap(ctx, gt).repro(x)))


def _kink_value(ctx: _Ctx, val) -> float:
    """A catalog kink-derivative datum (a kink point or the value there): a number, a SymPy expression in the
    entry's parameter symbols (e.g. ``alpha*scale``), a parameter name, or "(lower+upper)/2"."""
    import sympy as sp

    values = ctx.entry.param_values(ctx.params)
    if isinstance(val, sp.Basic):
        return _float(val.xreplace(values))
    if isinstance(val, str):
        by_name = {p.name: values[p.symbol] for p in ctx.entry.params}
        key = val.replace(" ", "")
        if key in by_name:
            return _float(by_name[key])
        if key == "(lower+upper)/2" and "lower" in by_name:
            return _float((by_name["lower"] + by_name["upper"]) / 2)
        return math.nan
    return _float(val)


def _swap(ctx: _Ctx, t: Target) -> _Ctx:
    new = object.__new__(_Ctx)
    new.__dict__.update(ctx.__dict__)
    new.target = t
    if t.grad_of is None:
        new.repro_hint = None
    return new

"""Every float32 input: the ``exhaustive`` check of ``symact audit --dtype float32 --exhaustive``.

All 2^32 bit patterns are streamed in blocks (:data:`BLOCK` patterns per target call, judged in slices of
:data:`SLICE` points so the reference's temporaries stay in cache) and nothing but a running summary is kept:
the number of failing inputs (per binade), the largest ULP error and the worst input of every binade (the
report shows the worst of each failing range).  Blocks are audited by one worker per core, each calling the
target on its block (with the per-call time limit; warnings are not recorded here, the ``warnings`` check
covers them) and judging the values.

The workers are processes (:mod:`symact.audit.workers`: fresh interpreters that run nothing of the caller's)
when the stream is long enough to pay their start (:data:`PROCESS_MIN` patterns; a worker takes a few seconds
to import the target's framework and compile the reference) and the target, the activation and the
convention region can be sent to them: pickled by reference, which a function of an importable module or of
a ``file.py`` target allows (the worker imports that file again).  Each rebuilds the audit context and sends
back only its summary.  Otherwise (a lambda, a closure, anything defined in ``__main__``; a short stream) the
workers are threads of this process: NumPy releases the GIL inside its loops but the Python between them
holds it, so two threads reach about 1.4 times the speed of one where two processes reach twice that.

Judging is the auditor's :func:`~symact.audit.context.judge_exact` with the condition number kappa computed only
where it can matter: the tolerance max(B ulp(y) max(1, kappa), tiny) never shrinks as kappa grows, so a point
that passes with kappa = 1 passes with the true kappa, and only the points that do not pass with kappa = 1 are
judged again with the exact kappa.  The verdict on every input is therefore the one the ordinary value check
would give it.  A progress bar (with the inputs done, the rate and the time left) is shown on a terminal;
Ctrl-C stops the stream and reports the inputs judged so far.  A worker process that dies (a target that
crashes its process) ends the stream with a reported failure.
"""
from __future__ import annotations

import math
import os
import pickle
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from symact.audit.adapters import file_modules, load_file_module
from symact import accuracy
from symact.audit.context import (MAX_FAILURES, Context, judge_exact, kappa_of, max_ulp, surely_within,
                                  worst_failures)
from symact.audit.dtypes import get_format
from symact.audit.reference.oracle import oracle
from symact.audit.inputs import exhaustive_chunks
from symact.progress import Quiet
from symact.audit.regions import failing_ranges, worst_by_range
from symact.audit.target import by_reference
from symact.audit.report import FAIL, PASS, AuditReport, CheckResult, Failure
from symact.audit.workers import WorkerDied, WorkerPool

#: bit patterns per target call
BLOCK = 1 << 20
#: points per judging slice: 64k (measured against 8k to 256k: fewer Python steps than smaller slices, whose
#: fixed cost per step dominates once most points take the few-pass test; the temporaries still fit in cache)
SLICE = 1 << 16
#: streams of fewer bit patterns than this run in threads (worker processes take seconds to start)
PROCESS_MIN = 1 << 26
#: the float32 bit patterns audited (all of them; tests audit a slice)
PATTERNS = range(1 << 32)
#: what a worker process died of, as the report says it
DIED = "a worker process died while calling the target (did the target crash its process?)"


@dataclass
class _Worst:
    """The worst failing input of each binade (of a slice, or merged), as plain arrays."""

    xs: np.ndarray
    r: np.ndarray
    hi: np.ndarray
    lo: np.ndarray
    err: np.ndarray
    allowed: np.ndarray


@dataclass
class Summary:
    """What the stream has found so far."""

    points: int = 0
    failing: int = 0
    max_ulp: float = 0.0
    worst: list[_Worst] = field(default_factory=list)
    #: failing inputs per binade: index (sign << 8) | biased exponent, the top 9 bits of the float32 pattern
    by_binade: np.ndarray = field(default_factory=lambda: np.zeros(512, dtype=np.int64))
    problems: list[str] = field(default_factory=list)
    #: a call of the target timed out (the worker that made it calls it no more)
    hung: bool = False

    def merge(self, other: "Summary") -> None:
        self.add(other.points, other.failing, other.max_ulp, other.merged() if other.worst else None,
                 other.by_binade)
        self.problems += [p for p in other.problems if p not in self.problems]
        self.hung |= other.hung

    def add(self, points: int, failing: int, max_ulp: float, worst: _Worst | None, by_binade: np.ndarray) -> None:
        self.points += points
        self.failing += failing
        self.by_binade += by_binade
        self.max_ulp = max(self.max_ulp, max_ulp)
        if worst is not None:
            self.worst.append(worst)
            if len(self.worst) > 4 * MAX_FAILURES:
                self.worst = [self.merged()]

    def merged(self) -> _Worst:
        """The worst input of every binade over everything kept (largest ULP error first)."""
        cat = {k: np.concatenate([getattr(w, k) for w in self.worst]) for k in _Worst.__dataclass_fields__}
        return _Worst(**{k: v[_worst_per_binade(cat["xs"], cat["err"])] for k, v in cat.items()})


def judge_slice(ctx: Context, xs: np.ndarray, r: np.ndarray, region=None):
    """(points, failing, max ulp, worst) for one slice.  Most points pass a test of a few passes on the fast
    enclosure (:func:`~symact.audit.context.surely_within`), where only the largest ULP error is kept; the
    others are judged in full (:func:`~symact.audit.context.judge_exact`), with kappa only where it can change
    the verdict."""
    o = oracle(ctx.entry, ctx.params, 0)
    peak = 0.0
    mid, lo, rad = o.enclose(xs, math.inf)
    quick = surely_within(mid, lo, rad, r, ctx.fmt, ctx.standard)
    if quick is not None and quick.any():
        # the largest ULP error counts the exact values in the normal range only (as max_ulp does)
        normal = quick & (np.abs(mid) >= ctx.fmt.tiny)
        q = slice(None) if normal.all() else np.flatnonzero(normal)
        tail = lo[q] if lo.any() else None          # None: every value from the float64 tier (no tail)
        with np.errstate(all="ignore"):
            u = accuracy.ulp(mid[q], ctx.fmt.numpy_dtype(), tail)
            d = r[q] - mid[q] if tail is None else (r[q] - mid[q]) - tail
            peak = float(np.max(np.abs(d) / u, initial=0.0))
        if quick.all():
            return xs.size, 0, peak, None, np.zeros(512, dtype=np.int64)
        rest = np.flatnonzero(~quick)
        xs, r = xs[rest], r[rest]
    points, failing, worst_ulp, worst, by_binade = _judge_in_full(ctx, o, xs, r, region)
    return points + (0 if quick is None else int(quick.sum())), failing, max(peak, worst_ulp), worst, by_binade


def _judge_in_full(ctx: Context, o, xs: np.ndarray, r: np.ndarray, region):
    with np.errstate(all="ignore"):
        err, allowed, ok, hi, lo = judge_exact(o, xs, r, None, ctx.fmt, ctx.standard)
        again = np.flatnonzero(~ok)
        if again.size and not ctx.standard.strict:
            kappa = kappa_of(ctx.entry, ctx.params, 0, xs[again], ctx.fmt)
            e2, a2, ok2, h2, l2 = judge_exact(o, xs[again], r[again], kappa, ctx.fmt, ctx.standard)
            err[again], allowed[again], ok[again], hi[again], lo[again] = e2, a2, ok2, h2, l2
        if region is not None:
            ok |= np.asarray(region(xs), dtype=bool)
    bad = np.flatnonzero(~ok)
    worst = None
    by_binade = np.zeros(512, dtype=np.int64)
    if bad.size:
        keep = bad[_worst_per_binade(xs[bad], err[bad])]
        worst = _Worst(xs[keep], r[keep], hi[keep], lo[keep], err[keep], allowed[keep])
        by_binade = np.bincount(xs[bad].astype(np.float32).view(np.uint32) >> 23, minlength=512)
    return xs.size, int(bad.size), max_ulp(err, hi, ctx.fmt, ok, allowed), worst, by_binade


def _worst_per_binade(xs: np.ndarray, err: np.ndarray) -> np.ndarray:
    """Indices of the worst input (largest ULP error) of each float32 binade among ``xs``, worst first: the
    report shows the worst inputs of every failing range (:func:`symact.audit.regions.worst_by_range`)."""
    order = np.argsort(-np.nan_to_num(err, nan=np.inf, posinf=np.inf), kind="stable")
    _, first = np.unique(xs[order].astype(np.float32).view(np.uint32) >> 23, return_index=True)
    return order[np.sort(first)]


def audit_block(ctx: Context, patterns: range, region=None) -> Summary:
    """Call the target on the float32 values of ``patterns`` (one call) and judge them slice by slice."""
    out = Summary()
    if not ctx.target.hung:
        xs = next(exhaustive_chunks("float32", len(patterns), patterns))
        res = ctx.target.call(xs, ctx.fmt, record_warnings=False)
        if res.values is None or res.values.shape != xs.shape:
            out.problems.append(res.error or f"returned shape {res.shape} for input shape {xs.shape}")
        else:
            for s in range(0, xs.size, SLICE):
                out.add(*judge_slice(ctx, xs[s:s + SLICE], res.values[s:s + SLICE], region))
    out.hung = ctx.target.hung
    return out


def _compile_reference(ctx: Context) -> None:
    """Compile the reference (and self-check its library functions) once, before the workers start."""
    oracle(ctx.entry, ctx.params, 0).enclose(np.linspace(-4.0, 4.0, 64), np.inf)


# -- worker processes ------------------------------------------------------------------------------------------
def _job(ctx: Context, region) -> bytes | None:
    """What a worker process rebuilds its context from, pickled; None when it cannot be sent (module docs)."""
    return by_reference((ctx.target, ctx.entry, ctx.params, ctx.fmt.name, ctx.standard, region))


def start_worker(files: dict[str, str], job: bytes) -> tuple:
    """A worker process's state: import the file targets, rebuild the context, compile the reference."""
    for name, path in files.items():
        load_file_module(name, path)
    target, entry, params, fmt, standard, region = pickle.loads(job)
    target.use_one_thread()
    ctx = Context(target, entry, params, get_format(fmt), standard, 1.0, Quiet(), None)
    _compile_reference(ctx)
    return ctx, region


def process_block(state: tuple, start: int, stop: int) -> Summary:
    ctx, region = state
    return audit_block(ctx, range(start, stop), region)


def _pool(ctx: Context, region, workers: int):
    """(submit, shutdown, kind): ``submit(patterns)`` queues one block and returns its future."""
    job = _job(ctx, region) if len(PATTERNS) >= PROCESS_MIN else None
    if job is None:
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="symact-exhaustive")
        return (lambda p: pool.submit(audit_block, ctx, p, region),
                lambda: pool.shutdown(wait=True, cancel_futures=True), "thread")
    procs = WorkerPool(workers, start_worker, (file_modules(), job))
    return lambda p: procs.submit(process_block, p.start, p.stop), lambda: procs.shutdown(cancel=True), "process"


def _take(fut: Future, summary: Summary) -> bool:
    """Merge one block's summary; False when the stream must stop (a call hung, a worker process died)."""
    try:
        summary.merge(fut.result())
    except WorkerDied as exc:
        problem = f"{DIED} ({exc})"
        if problem not in summary.problems:
            summary.problems.append(problem)
        return False
    return not summary.hung


def stage_exhaustive(ctx: Context, report: AuditReport, opts) -> None:
    """The ``exhaustive`` check: every finite float32 input against the exact value."""
    if not opts["exhaustive"] or ctx.fmt.name != "float32" or ctx.target.hung:
        return
    region = opts["region"][0] if opts.get("region") is not None else None
    summary = Summary()
    start = time.monotonic()
    workers = max(1, os.cpu_count() or 1)
    _compile_reference(ctx)
    blocks = [range(a, min(a + BLOCK, PATTERNS.stop)) for a in range(PATTERNS.start, PATTERNS.stop, BLOCK)]
    submit, shutdown, kind = _pool(ctx, region, workers)
    pending: list[tuple[int, Future]] = []
    done = 0
    going = True
    try:
        for patterns in blocks:
            pending.append((len(patterns), submit(patterns)))
            # a few blocks in flight: memory stays bounded and Ctrl-C is prompt
            while going and len(pending) > 2 * workers:
                n, fut = pending.pop(0)
                going = _take(fut, summary)
                done += n
                _show(ctx, done, start)
            if not going:
                break
        for n, fut in pending:
            _take(fut, summary)
            done += n
            _show(ctx, done, start)
    except KeyboardInterrupt:
        _finish(ctx, report, summary, workers, kind, interrupted=True)
        raise
    finally:
        shutdown()          # the blocks being judged finish (a second at most)
    if summary.hung:
        ctx.target.hung = True
    _finish(ctx, report, summary, workers, kind, interrupted=False)


def _show(ctx: Context, done: int, start: float) -> None:
    elapsed = time.monotonic() - start
    rate = done / elapsed if elapsed > 0 else 0.0
    total = len(PATTERNS)
    left = (total - done) / rate if rate > 0 else float("inf")
    ctx.progress.update(f"{ctx.entry.name} f32: {done / 2 ** 30:.2f}/{total / 2 ** 30:.2f} Gi inputs, "
                        f"{rate / 1e6:.0f} M/s, {left / 60:.1f} min left", done, total)


def _finish(ctx: Context, report: AuditReport, summary: Summary, workers: int, kind: str, interrupted: bool) -> None:
    chk = CheckResult("exhaustive", PASS, "", points=summary.points, max_ulp=summary.max_ulp,
                      profile={"by_binade": summary.by_binade.copy()})
    problems = summary.problems
    scope = (f"{summary.points} float32 inputs (interrupted)" if interrupted else
             "every finite float32 input" if len(PATTERNS) == 1 << 32 else f"{summary.points} float32 inputs")
    chk.detail = f"{scope} within {ctx.standard.describe()}"
    if problems:
        chk.status = FAIL
        chk.detail = "the target failed on some calls"
        chk.failures = [Failure("exhaustive", message=p) for p in dict.fromkeys(problems)][:MAX_FAILURES]
    if summary.failing:
        w = summary.merged()
        chk.status = FAIL
        chk.failing = summary.failing
        chk.detail = f"{summary.failing} of {summary.points} float32 inputs outside the standard" + (
            " (interrupted)" if interrupted else "")
        picked, _ = worst_by_range(w.xs, w.err, np.ones(w.xs.size, dtype=bool), ctx.fmt)
        chk.failures += worst_failures(ctx, "exhaustive", w.xs, w.r, w.hi, w.lo, w.err, w.allowed,
                                       np.ones(w.xs.size, dtype=bool), picked=picked)
        chk.notes += failing_ranges(summary.by_binade)
    chk.detail += f" ({kind} workers: {workers})"
    report.checks.append(chk)

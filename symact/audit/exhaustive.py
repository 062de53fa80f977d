"""Every float32 input: the ``exhaustive`` check of ``symact audit --dtype float32 --exhaustive``.

All 2^32 bit patterns are streamed in blocks (:data:`BLOCK` patterns per target call, judged in slices of
:data:`SLICE` so the reference's temporaries stay in cache) and nothing but a running summary is kept: the
number of failing inputs, the largest ULP error and the :data:`~symact.audit.core.MAX_FAILURES` worst inputs.
Blocks are audited by a pool of worker threads, one per core: each calls the target on its block (with the
per-call time limit; warnings are not recorded here, the ``warnings`` check covers them) and judges the values
(NumPy releases the GIL inside its loops, so both run in parallel).

Judging is the auditor's :func:`~symact.audit.core.judge_exact` with the condition number kappa computed only
where it can matter: the tolerance max(B ulp(y) max(1, kappa), tiny) never shrinks as kappa grows, so a point
that passes with kappa = 1 passes with the true kappa, and only the points that do not pass with kappa = 1 are
judged again with the exact kappa.  The verdict on every input is therefore the one the ordinary value check
would give it.  A progress bar (with the inputs done, the rate and the time left) is shown on a terminal;
Ctrl-C stops the stream and reports the inputs judged so far.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from symact.audit.core import MAX_FAILURES, _Ctx, _failures, _kappa, _max_ulp, judge_exact
from symact.audit.exact import oracle
from symact.audit.inputs import exhaustive_chunks
from symact.audit.report import FAIL, PASS, AuditReport, CheckResult, Failure

#: bit patterns per target call
BLOCK = 1 << 20
#: points per judging slice (64k float64 values: the reference's temporaries stay in the CPU caches)
SLICE = 1 << 16
#: the float32 bit patterns audited (all of them; tests audit a slice)
PATTERNS = range(1 << 32)


@dataclass
class _Worst:
    """The worst failing inputs of one slice (at most MAX_FAILURES), as plain arrays."""

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
    problems: list[str] = field(default_factory=list)

    def merge(self, other: "Summary") -> None:
        self.add(other.points, other.failing, other.max_ulp, other.merged() if other.worst else None)
        self.problems += [p for p in other.problems if p not in self.problems]

    def add(self, points: int, failing: int, max_ulp: float, worst: _Worst | None) -> None:
        self.points += points
        self.failing += failing
        self.max_ulp = max(self.max_ulp, max_ulp)
        if worst is not None:
            self.worst.append(worst)
            if len(self.worst) > 4 * MAX_FAILURES:
                self.worst = [self.merged()]

    def merged(self) -> _Worst:
        """The MAX_FAILURES worst inputs over everything kept (largest ULP error first)."""
        cat = {k: np.concatenate([getattr(w, k) for w in self.worst]) for k in _Worst.__dataclass_fields__}
        order = np.argsort(-np.nan_to_num(cat["err"], nan=np.inf, posinf=np.inf), kind="stable")[:MAX_FAILURES]
        return _Worst(**{k: v[order] for k, v in cat.items()})


def judge_slice(ctx: _Ctx, xs: np.ndarray, r: np.ndarray, region=None):
    """(points, failing, max ulp, worst) for one slice; kappa only where it can change the verdict."""
    o = oracle(ctx.entry, ctx.params, 0)
    with np.errstate(all="ignore"):
        err, allowed, ok, hi, lo = judge_exact(o, xs, r, None, ctx.fmt, ctx.standard)
        again = np.flatnonzero(~ok)
        if again.size and not ctx.standard.strict:
            kappa = _kappa(ctx.entry, ctx.params, 0, xs[again], ctx.fmt)
            e2, a2, ok2, h2, l2 = judge_exact(o, xs[again], r[again], kappa, ctx.fmt, ctx.standard)
            err[again], allowed[again], ok[again], hi[again], lo[again] = e2, a2, ok2, h2, l2
        if region is not None:
            ok |= np.asarray(region(xs), dtype=bool)
    bad = np.flatnonzero(~ok)
    worst = None
    if bad.size:
        keep = bad[np.argsort(-np.nan_to_num(err[bad], nan=np.inf, posinf=np.inf), kind="stable")[:MAX_FAILURES]]
        worst = _Worst(xs[keep], r[keep], hi[keep], lo[keep], err[keep], allowed[keep])
    return xs.size, int(bad.size), _max_ulp(err, hi, ctx.fmt), worst


def audit_block(ctx: _Ctx, patterns: range, region=None) -> Summary:
    """Call the target on the float32 values of ``patterns`` (one call) and judge them slice by slice."""
    out = Summary()
    if ctx.target.hung:
        return out
    xs = next(exhaustive_chunks("float32", len(patterns), patterns))
    res = ctx.target.call(xs, ctx.fmt, record_warnings=False)
    if res.values is None or res.values.shape != xs.shape:
        out.problems.append(res.error or f"returned shape {res.shape} for input shape {xs.shape}")
        return out
    for s in range(0, xs.size, SLICE):
        out.add(*judge_slice(ctx, xs[s:s + SLICE], res.values[s:s + SLICE], region))
    return out


def stage_exhaustive(ctx: _Ctx, report: AuditReport, opts) -> None:
    """The ``exhaustive`` check: every finite float32 input against the exact value."""
    if not opts["exhaustive"] or ctx.fmt.name != "float32" or ctx.target.hung:
        return
    region = opts["region"][0] if opts.get("region") is not None else None
    summary = Summary()
    start = time.monotonic()
    workers = max(1, os.cpu_count() or 1)
    # compile the reference (and self-check its library functions) once, before the threads start
    oracle(ctx.entry, ctx.params, 0).enclose(np.linspace(-4.0, 4.0, 64), np.inf)
    blocks = [range(a, min(a + BLOCK, PATTERNS.stop)) for a in range(PATTERNS.start, PATTERNS.stop, BLOCK)]
    pending: list = []
    done = 0
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="symact-exhaustive") as pool:
            for patterns in blocks:
                pending.append((len(patterns), pool.submit(audit_block, ctx, patterns, region)))
                # a few blocks in flight: memory stays bounded and Ctrl-C is prompt
                while len(pending) > 2 * workers:
                    n, fut = pending.pop(0)
                    summary.merge(fut.result())
                    done += n
                    _show(ctx, done, start)
                if ctx.target.hung:
                    break
            for n, fut in pending:
                summary.merge(fut.result())
                done += n
                _show(ctx, done, start)
            pending = []
    except KeyboardInterrupt:
        for _, fut in pending:
            fut.cancel()
        _finish(ctx, report, summary, interrupted=True)
        raise
    _finish(ctx, report, summary, interrupted=False)


def _show(ctx: _Ctx, done: int, start: float) -> None:
    elapsed = time.monotonic() - start
    rate = done / elapsed if elapsed > 0 else 0.0
    total = len(PATTERNS)
    left = (total - done) / rate if rate > 0 else float("inf")
    ctx.progress.update(f"{ctx.entry.name} f32: {done / 2 ** 30:.2f}/{total / 2 ** 30:.2f} Gi inputs, "
                        f"{rate / 1e6:.0f} M/s, {left / 60:.1f} min left", done, total)


def _finish(ctx: _Ctx, report: AuditReport, summary: Summary, interrupted: bool) -> None:
    chk = CheckResult("exhaustive", PASS, "", points=summary.points, max_ulp=summary.max_ulp)
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
        chk.detail = f"{summary.failing} of {summary.points} float32 inputs outside the standard" + (
            " (interrupted)" if interrupted else "")
        chk.failures += _failures(ctx, "exhaustive", w.xs, w.r, w.hi, w.lo, w.err, w.allowed,
                                  np.ones(w.xs.size, dtype=bool))
    report.checks.append(chk)

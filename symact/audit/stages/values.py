"""The ``values`` check (every audit point against the exact value) and the targeted Hypothesis search."""
from __future__ import annotations

from typing import Any

import numpy as np

from symact.audit import inputs as gen
from symact.audit.dtypes import round_to
from symact.audit.reference.oracle import oracle
from symact.audit.report import FAIL, NOT_RUN, PASS, AuditReport, CheckResult, Failure
from symact.audit.context import (MAX_FAILURES, Context, apply_region, call_all, exact_text, hypothesis_tools,
                                    judge_exact, kappa_of, max_ulp, name_unknown, run_search, worst_failures)


def stage_values(ctx: Context, report: AuditReport, opts) -> None:
    fmt = ctx.fmt
    if opts["exhaustive"] and fmt.name in ("float16", "bfloat16"):
        xs = gen.exhaustive(fmt)
    else:
        xs = gen.audit_points(fmt, ctx.breakpoints, ctx.scale, ctx.effort)
    ctx.xs = xs
    r, problems, results = call_all(ctx, xs)
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
    kappa = kappa_of(ctx.entry, ctx.params, 0, xs, fmt)
    err, allowed, ok, hi, lo = judge_exact(o, xs, r, kappa, fmt, ctx.standard)
    ctx.hi, ctx.lo, ctx.kappa = hi, lo, kappa
    judged = ok
    ok = apply_region(opts, report, xs, ok, "values")
    err = np.where(ok & ~judged, 0.0, err)        # a documented convention's points do not count
    usable = ~np.isnan(r) | np.isnan(hi)
    # NaN returned for a finite exact value is a failure (judge marks it), NaN from a failed call is not
    # counted twice: calls already failed
    if problems:
        ok = ok | ~usable
        err = np.where(usable, err, 0.0)
    ctx.err, ctx.allowed, ctx.ok = err, allowed, ok
    chk = CheckResult("values", PASS, f"within {ctx.standard.describe()}", points=int(xs.size),
                      max_ulp=max_ulp(err, hi, fmt, ok, allowed),
                      profile={"x": xs, "ulp": err, "allowed": allowed})
    name_unknown(o, xs, hi, chk, "f")
    bad = ~ok
    if bad.any():
        chk.status = FAIL
        chk.detail = f"{int(bad.sum())} of {xs.size} points outside the standard"
        chk.failures = worst_failures(ctx, "values", xs, r, hi, lo, err, allowed, bad, chk=chk)
    report.checks.append(chk)



def stage_hypothesis(ctx: Context, report: AuditReport, opts) -> None:
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
        kappa = kappa_of(ctx.entry, ctx.params, 0, xs, fmt)
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
        new = [Failure("values", input=x, returned=r, exact=exact_text(ctx, "values", x, h), ulp_error=e,
                       allowed_ulps=a, message="found by Hypothesis", reproduction=ctx.repro(x))
               for x, r, h, e, a in found[:2]]
        if chk.status != FAIL:
            chk.status = FAIL
            chk.detail = "the Hypothesis search found inputs outside the standard"
        chk.failures = sorted(chk.failures + new, key=lambda f: -(f.ulp_error or 0))[:MAX_FAILURES]
        chk.max_ulp = max(chk.max_ulp or 0.0, max(t[3] for t in found))


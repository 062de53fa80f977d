"""``special_values``: NaN -> NaN, +-inf -> the limit where it exists (NaN towards an end where f is undefined),
+-0 (sign of zero reported)."""
from __future__ import annotations

import math

import numpy as np

from symact.audit.dtypes import round_to
from symact.audit.reference.oracle import limit_at, oracle, undefined_at
from symact.audit.report import FAIL, PASS, AuditReport, CheckResult, Failure
from symact.audit.context import Context


def stage_special(ctx: Context, report: AuditReport, opts) -> None:
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
        if undefined_at(ctx.entry, ctx.params, direction):
            if not math.isnan(r[i]):
                fails.append(Failure("special_values", input=x, returned=float(r[i]), exact="nan",
                                     message=f"f is undefined towards {x}: f({x}) must be NaN",
                                     reproduction=ctx.repro(x)))
            continue
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


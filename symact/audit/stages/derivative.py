"""``derivative``: f' by the given ``grad`` or the framework's autograd, with the kink convention reported."""
from __future__ import annotations

import math

import numpy as np

from symact.audit import backends
from symact.audit.adapters import Target
from symact.audit.dtypes import round_to
from symact.audit.reference.oracle import limit_at, oracle
from symact.audit.reference.switches import Unlocated, slope
from symact.audit.report import FAIL, PASS, SKIP, AuditReport, CheckResult, Failure
from symact.audit.context import (MAX_FAILURES, Context, apply_region, as_float, call_all, judge_exact, kappa_of,
                                    max_ulp, name_unknown, worst_failures)


def autograd_target(target: Target) -> Target | None:
    """A :class:`Target` computing f' of a target by its framework's autograd (None for a kind without)."""
    if target.kind not in backends.KINDS or not backends.get(target.kind).has_autograd():
        return None
    backend, fn, kw = backends.get(target.kind), target.fn, target.kwargs

    def g(x):
        return backend.grad_of_sum(lambda v: fn(v, **kw), x)

    t = Target(g, kind=target.kind, call_seconds=target.call_seconds, label=f"grad({target.label})",
               device=target.device)
    t.grad_of = target
    return t


def stage_derivative(ctx: Context, report: AuditReport, opts) -> None:
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
    if ctx.unlocated:   # a kink may lie at any input: no value of f' can be expected anywhere
        report.checks.append(CheckResult("derivative", SKIP, f"f' not checked: where f switches pieces is not "
                                                             f"known ({ctx.unlocated})"))
        return
    xs = ctx.xs
    bps = set(ctx.breakpoints)
    at_bp = np.array([float(v) in bps for v in xs]) if bps else np.zeros(xs.shape, bool)
    beside = _beside_irrational_kinks(ctx, xs)
    for _, near in beside:
        at_bp |= near
    r, problems, results = call_all(ctx if gt is ctx.target else _swap(ctx, gt), xs, "derivative")
    chk = CheckResult("derivative", PASS, f"f' by {how} within the standard", points=int((~at_bp).sum()))
    if problems:
        chk.status = FAIL
        chk.detail = f"the derivative ({how}) failed"
        chk.failures = [Failure("derivative", message=p) for p in dict.fromkeys(problems)][:MAX_FAILURES]
        report.checks.append(chk)
        return
    o1 = oracle(ctx.entry, ctx.params, 1)
    kappa = kappa_of(ctx.entry, ctx.params, 1, xs, fmt)
    err, allowed, ok, hi, lo = judge_exact(o1, xs, r, kappa, fmt, ctx.standard)
    name_unknown(o1, xs, hi, chk, "f'")     # no certain value to compare with: not judged, named
    judged = ok
    ok = apply_region(opts, report, xs, ok, "derivative")
    err = np.where(ok & ~judged, 0.0, err)
    ok |= at_bp
    err = np.where(at_bp, 0.0, err)
    chk.max_ulp = max_ulp(err, hi, fmt, ok, allowed)
    if not ok.all():
        chk.status = FAIL
        chk.detail = f"{int((~ok).sum())} of {int((~at_bp).sum())} points outside the standard ({how})"
        sub = _swap(ctx, gt)
        chk.failures = worst_failures(sub, "derivative", xs, r, hi, lo, err, allowed, ~ok, chk=chk)
    # kink convention
    sides = ctx.kink_sides
    for k in ctx.breakpoints:
        kr = float(round_to(np.array([k]), fmt)[0])
        if kr != k:
            continue
        res = gt.call(np.array([k]), fmt)
        if res.values is None:
            continue
        v = float(res.values.ravel()[0])
        if k not in sides or k in ctx.enclosed_kinks:
            continue                      # f' is continuous there (a breakpoint, not a kink), or no kink is a float
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
    for k, near in beside:
        for x, v in zip(xs[near], r[near]):
            try:
                lo_side, hi_side = sorted(slope(formula, float(x)) for formula in ctx.enclosed_kinks[k])
            except Unlocated as exc:
                chk.notes.append(f"f'({float(x):g}) not checked: {exc}")
                continue
            if lo_side - _slack(ctx, lo_side) <= v <= hi_side + _slack(ctx, hi_side):
                continue
            chk.status = FAIL
            chk.detail = f"f' beside a kink outside the derivatives of the pieces there ({how})"
            chk.failures.append(Failure("derivative", input=float(x), returned=float(v),
                                        exact=f"[{lo_side:g}, {hi_side:g}]",
                                        message=f"f'({float(x):g}) = {float(v):g} is outside [{lo_side:g}, "
                                                f"{hi_side:g}], the derivatives there of the pieces beside the kink "
                                                f"near {k:g} (within {ctx.standard.budget:g} ulps of it)",
                                        reproduction=_swap(ctx, gt).repro(float(x))))
    _derivative_at_infinity(ctx, gt, chk, how)
    report.checks.append(chk)


def _beside_irrational_kinks(ctx: Context, xs: np.ndarray) -> list[tuple[float, np.ndarray]]:
    """For each kink at an irrational switch point (which no float is), the inputs within the standard's budget
    of ulps of it: an implementation decides which side it is on from a switch expression that it rounds, so
    there f' may be the derivative of the piece on either side (or between them)."""
    out = []
    for k in sorted(ctx.enclosed_kinks):
        reach = ctx.standard.budget * float(ctx.fmt.ulp(np.array([k]))[0])
        out.append((k, np.abs(xs - k) <= reach))
    return out


def _slack(ctx: Context, v: float) -> float:
    return ctx.standard.budget * float(ctx.fmt.ulp(np.array([v]))[0]) if math.isfinite(v) else 0.0


def _derivative_at_infinity(ctx: Context, gt: Target, chk: CheckResult, how: str) -> None:
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


def _kink_value(ctx: Context, val) -> float:
    """A catalog kink-derivative datum (a kink point or the value there): a number, a SymPy expression in the
    entry's parameter symbols (e.g. ``alpha*scale``), a parameter name, or "(lower+upper)/2"."""
    import sympy as sp

    values = ctx.entry.param_values(ctx.params)
    if isinstance(val, sp.Basic):
        return as_float(val.xreplace(values))
    if isinstance(val, str):
        by_name = {p.name: values[p.symbol] for p in ctx.entry.params}
        key = val.replace(" ", "")
        if key in by_name:
            return as_float(by_name[key])
        if key == "(lower+upper)/2" and "lower" in by_name:
            return as_float((by_name["lower"] + by_name["upper"]) / 2)
        return math.nan
    return as_float(val)


def _swap(ctx: Context, t: Target) -> Context:
    new = object.__new__(Context)
    new.__dict__.update(ctx.__dict__)
    new.target = t
    if t.grad_of is None:
        new.repro_hint = None
    return new

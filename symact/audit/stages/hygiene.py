"""Hygiene: ``dtype``, ``shape``, ``mutation``, ``determinism``, ``warnings``."""
from __future__ import annotations

from typing import Callable

import numpy as np

from symact.audit import backends
from symact.audit.adapters import Target
from symact.audit.dtypes import Format, round_to
from symact.audit.report import FAIL, NOT_RUN, PASS, SKIP, AuditReport, CheckResult, Failure
from symact.audit.context import DEFECT_WARNINGS, MAX_FAILURES, Context


def stage_hygiene(ctx: Context, report: AuditReport, opts) -> None:
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
    before = as_bits(arg)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        call_with_limit(lambda: t._raw_call(arg), t.call_seconds)
    after = as_bits(arg)
    if before is None or after is None:
        return None
    return np.flatnonzero(before.ravel() != after.ravel())


def as_bits(arg) -> np.ndarray | None:
    """The bit patterns of a target's input (read by the backend whose tensor it is), None if unreadable."""
    backend = backends.get(backends.kind_of_module(type(arg).__module__) or backends.ARRAYS)
    try:
        return backend.bits(arg)
    except Exception:  # noqa: BLE001
        return None


"""Which reading does an implementation match?  When values fail, the ``convention`` check tries the other
catalog entries and the parameter values implementations commonly ship (a tanh GELU audited as ``gelu``, Keras'
hardsigmoid, a leaky slope of 0.1) and reports the one the implementation does match.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from symact.audit.core import _Ctx, _float, _kappa, judge_exact
from symact.audit.exact import oracle
from symact.audit.report import FAIL, NOTE, AuditReport, CheckResult, Failure
from symact.audit.standard import Standard
from symact.catalog import get


#: other readings of an activation that implementations commonly ship instead of the one asked for
ALTERNATIVES: dict[str, list[tuple[str, dict]]] = {
    "gelu": [("gelu_tanh", {}), ("silu", {"beta": "1.702"})],
    "gelu_tanh": [("gelu", {})],
    "hardsigmoid": [("hardsigmoid_keras", {})],
    "hardsigmoid_keras": [("hardsigmoid", {})],
    "leaky_relu": [("leaky_relu", {"alpha": a}) for a in ("0.01", "0.1", "0.2", "0.3", "0.02", "0.05", "0.001")],
    "prelu": [("prelu", {"alpha": a}) for a in ("0.25", "0.01", "0.1", "0.2")],
    "elu": [("elu", {"alpha": a}) for a in ("1", "0.5", "2")],
    "celu": [("celu", {"alpha": a}) for a in ("1", "0.5", "2")],
    "softplus": [("softplus", {"beta": b}) for b in ("1", "2", "0.5")],
    "silu": [("silu", {"beta": b}) for b in ("1", "1.702")],
    "softshrink": [("softshrink", {"lambd": v}) for v in ("0.5", "1")],
    "hardshrink": [("hardshrink", {"lambd": v}) for v in ("0.5", "1")],
    "rrelu": [("leaky_relu", {"alpha": "0.01"})],
}


def _fmt_params(params: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items())


def describe(name: str, params: Mapping[str, Any]) -> str:
    return f"{name}({_fmt_params(params)})" if params else name


def probe_points(ctx: _Ctx, n: int = 300) -> np.ndarray:
    """Indices of the audit points used to tell conventions apart: x in [-3, 8] with |x| >= 1e-3 (and 0),
    where the readings differ most and even naive formulas (1 + tanh(z) for the tanh GELU) are accurate."""
    xs, r = ctx.xs, ctx.r
    sel = np.isfinite(r) & (xs >= -3) & (xs <= 8) & ((np.abs(xs) >= 1e-3) | (xs == 0))
    idx = np.flatnonzero(sel)
    if idx.size > n:
        idx = idx[np.linspace(0, idx.size - 1, n).astype(int)]
    return idx


#: a candidate reading "matches" when this fraction of the probe points pass a 16x looser standard
MATCH_FRACTION = 0.97


def stage_convention(ctx: _Ctx, report: AuditReport, opts) -> None:
    chk = report.check("values")
    if not opts["conventions"] or chk is None or chk.status != FAIL or ctx.hi is None:
        return
    idx = probe_points(ctx)
    if idx.size == 0:
        return
    xs, r = ctx.xs[idx], ctx.r[idx]
    fmt = ctx.fmt
    cands: list[tuple[str, dict]] = list(ALTERNATIVES.get(ctx.entry.name, []))
    from symact.catalog import entries

    cands += [(e.name, {}) for e in entries(scalar_only=True) if e.name != ctx.entry.name]
    loose = Standard(ctx.standard.budget * 16, False)

    def score(name, params) -> float:
        kappa = _kappa(get(name), params, 0, xs, fmt)
        _, _, ok, _, _ = judge_exact(oracle(name, params, 0), xs, r, kappa, fmt, loose)
        return float(ok.mean())

    own = score(ctx.entry.name, ctx.params)
    matched, best = None, MATCH_FRACTION
    for name, params in cands if own < MATCH_FRACTION else []:
        if name == ctx.entry.name and params and all(
                _float(ctx.entry.param_values(ctx.params)[ctx.entry.param(k).symbol]) == _float(v) for k, v in params.items()):
            continue
        try:
            sc = score(name, params)
        except Exception:  # noqa: BLE001 - e.g. a parameter value outside an entry's domain
            continue
        if sc > best:
            matched, best = describe(name, params), sc
        if sc == 1.0:
            break
    c = CheckResult("convention", FAIL if matched else NOTE,
                    f"the implementation matches {matched}, not {describe(ctx.entry.name, ctx.params)}" if matched
                    else "matches no other catalog entry or common parameter value")
    if matched:
        report.matches = matched
        c.failures = [Failure("convention", message=c.detail)]
    report.checks.append(c)

"""``audit(fn, name, dtype, params, grad)``: run every check against one implementation.

Stages, in order (each adds :class:`CheckResult` entries to the report; Ctrl-C stops at the current stage and
returns what was found so far with ``interrupted=True``):

1. calls: the callable is called on the audit points; exceptions, time-outs, non-array returns are failures;
2. ``values``: every point against the exact value under the :class:`Standard`; then a Hypothesis search
   with ``target()`` on the ULP error (``hypothesis``); with ``exhaustive``, every float16/bfloat16 value,
   or for float32 the streamed ``exhaustive`` check over all 2^32 inputs (:mod:`symact.audit.stages.exhaustive`);
3. ``special_values``: NaN -> NaN, +-inf -> the limit where it exists, +-0 (sign of zero reported);
4. properties: ``range``, ``monotonic``, ``symmetry`` (only those the exact function has);
5. hygiene: ``dtype``, ``shape``, ``mutation``, ``determinism``, ``warnings``;
6. ``derivative`` (``grad=`` callable, or autograd for torch/JAX targets), with the kink convention reported;
7. ``convention``: when values fail, which catalog entry or parameter value the implementation matches.

Each stage is a module of :mod:`symact.audit.stages`; this module, the top layer, also runs audits isolated in
a child process (:func:`audit_spec`, :func:`audit_callable`, :func:`audit_row`, with the process mechanics of
:mod:`symact.audit.target`) and every row of a framework (:func:`audit_framework`).
"""
from __future__ import annotations

import os
import pickle
import sys
import time
from typing import Any, Callable, Mapping

import numpy as np

from symact.audit import backends, frameworks
from symact.audit.adapters import Target, load_file_module
from symact.audit.backends import Row
from symact.audit.dtypes import get_format
from symact.audit.reference.expression import is_expression
from symact.progress import Progress, Quiet
from symact.audit.report import AuditReport
from symact.audit.standard import Standard
from symact.catalog import Activation, get
from symact.errors import ParameterError
from symact.audit.context import Context, run_stages
from symact.audit.stages.convention import stage_convention
from symact.audit.stages.derivative import stage_derivative
from symact.audit.stages.exhaustive import stage_exhaustive
from symact.audit.stages.hygiene import stage_hygiene
from symact.audit.stages.properties import stage_properties
from symact.audit.stages.special import stage_special
from symact.audit.stages.values import stage_hypothesis, stage_values
from symact.audit.stages.vector import audit_vector
from symact.audit.target import (IMPORT_SECONDS, Child, audited, by_reference, default_memory, died_report,
                                 file_module_of, forked, not_asked)


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
    tests every value of float16/bfloat16 and streams all 2^32 float32 inputs (:mod:`symact.audit.stages.exhaustive`).
    ``kind`` forces the calling convention (numpy, torch, jax,
    scalar); ``call_seconds`` is the time limit per call (what counts as a hang: :mod:`symact.audit.hang`).
    ``convention_region`` = (predicate on x, text):
    deviations where the predicate holds are a documented convention of the implementation (e.g. torch's
    softplus threshold) and are reported as such instead of failing.  ``isolate`` (the default) runs the
    audit in a child process with its address space limited to ``memory`` bytes (default: the physical
    memory; 0: no limit), so that a target that exits, crashes or exhausts memory is a failing report, not
    the caller's end (:mod:`symact.audit.target`); ``isolate=False`` runs it in this process.
    """
    if isolate:
        return audit_callable(fn, name, dict(
            dtype=dtype, params=params, grad=grad, budget=budget, strict=strict, effort=effort,
            hypothesis=hypothesis, exhaustive=exhaustive, kind=kind, call_seconds=call_seconds, kwargs=kwargs,
            conventions=conventions, progress=progress, label=label, derivative=derivative, device=device,
            convention_region=convention_region, memory=memory))
    start = time.perf_counter()
    entry = get(name)
    if not isinstance(entry, Activation):
        return audit_vector(fn, entry, dtype=dtype, params=params, grad=grad, budget=budget, strict=strict,
                            effort=effort, hypothesis=hypothesis, exhaustive=exhaustive, kind=kind,
                            call_seconds=call_seconds, kwargs=kwargs, progress=progress, label=label,
                            derivative=derivative, device=device)
    entry.param_values(params)  # validates
    params = dict(params or {})
    conventions = conventions and not is_expression(entry)   # the convention stage fits catalog entries
    fmt = get_format(dtype)
    if fmt.name == "bfloat16" and kind not in backends.KINDS and _needs_ml_dtypes(fn):
        fmt.numpy_dtype()           # raises a clear error when ml_dtypes is missing
    std = Standard(budget, strict)
    prog = progress if isinstance(progress, Progress) else (Progress() if progress else Quiet())
    target = fn if isinstance(fn, Target) else Target(fn, kind=kind, call_seconds=call_seconds, label=label,
                                                      kwargs=dict(kwargs or {}), device=device)
    report = AuditReport(target=target.label, activation=entry.name, dtype=fmt.name, params=params,
                         standard=std.describe(), device=target.device)
    ctx = Context(target, entry, params, fmt, std, effort, prog, label)
    if exhaustive and fmt.name == "float64":
        raise ParameterError("--exhaustive is for float16, bfloat16 (every value) and float32 (all 2^32 inputs, "
                             "streamed); float64 has 2^64 inputs")
    stages = [("values", stage_values), ("hypothesis", stage_hypothesis), ("exhaustive", stage_exhaustive),
              ("special values", stage_special),
              ("properties", stage_properties), ("hygiene", stage_hygiene), ("derivative", stage_derivative),
              ("convention", stage_convention)]
    opts = dict(hypothesis=hypothesis, exhaustive=exhaustive, grad=grad, conventions=conventions,
                derivative=derivative, region=convention_region)

    def setup():
        target.detect(fmt)
        report.kind = target.kind
        if device is not None and target.kind not in backends.DEVICE_KINDS:
            raise ParameterError(f"--device {device}: devices apply to {' and '.join(backends.DEVICE_KINDS)} "
                                 f"targets; this one is a {target.kind} target")

    run_stages(stages, ctx, report, opts, prog, f"{entry.name} {fmt.name}", setup,
               stop=lambda label_: target.hung and label_ == "values")
    report.kind = target.kind or ""
    report.seconds = time.perf_counter() - start
    return report



def _needs_ml_dtypes(fn) -> bool:
    """Whether bfloat16 inputs of ``fn`` (of unknown or NumPy kind) are made through NumPy's bfloat16."""
    own = backends.kind_of_module(getattr(fn, "__module__", "") or "")
    return own is None or backends.get(own).numpy_bfloat16


# -- audits isolated in a child process (symact.audit.target) ---------------------------------------------------
def child_audit(state: dict, files: dict[str, str], payload: bytes | None, name: str, kwargs: dict):
    """Run one audit in the child: the callable is ``payload`` unpickled (after importing its ``file.py``
    module) or, without a payload, the targets loaded by :func:`child_load` (``kwargs["fn"]``/``["grad"]``
    name them).  Returns (report, whether this child should be retired: a call of the target hung)."""
    for mod, path in files.items():
        if mod not in sys.modules:
            load_file_module(mod, path)
    kwargs = dict(kwargs)
    if payload is not None:
        fn, grad = pickle.loads(payload)
    else:
        fn = state["targets"][kwargs.pop("fn")]
        grad = state["targets"].get(kwargs.pop("grad", None))
    return audited(state, lambda **kw: audit(fn, name, grad=grad, isolate=False, **kw), kwargs)


def child_framework(state: dict, framework: str, index: int, dtype: str, kwargs: dict):
    """Audit row ``index`` of ``framework``'s rows (built again in the child: rows hold closures)."""
    row = frameworks.rows(framework)[index]
    return audited(state, lambda **kw: audit(
        row.fn, row.activation, dtype=dtype, params=row.params, grad=row.grad, kind=row.kind, label=row.label,
        convention_region=row.convention_region, isolate=False, **kw), kwargs)


_SHARED: dict[int, Child] = {}


def _shared(memory: int) -> Child:
    """The reused child of :func:`audit_callable` for this address-space limit."""
    if memory not in _SHARED:
        _SHARED[memory] = Child(memory)
    return _SHARED[memory]


def audit_spec(spec: str | tuple, grad_spec: str | None, name: str, kwargs: dict, *, memory: int | None = None,
               import_seconds: float = IMPORT_SECONDS, child: Child | None = None) -> AuditReport:
    """Audit the target named ``spec`` (and its derivative ``grad_spec``) as ``name`` in a child process that
    imports them (``spec`` as in :func:`child_load`; a tuple needs ``kwargs["label"]``); ``kwargs`` are
    :func:`symact.audit`'s (picklable ones: dtype, params, effort, ...)."""
    memory = default_memory(kwargs.get("device")) if memory is None else memory
    own = child is None
    child = child or Child(memory, progress=bool(kwargs.pop("progress", False)))
    specs = {"fn": spec} | ({"grad": grad_spec} if grad_spec else {})
    label = kwargs.get("label") or spec
    try:
        why = child.load(specs, import_seconds)
        if why:
            return died_report(label, name, kwargs.get("dtype", "float32"), kwargs.get("params"), why,
                               getattr(child, "last_output", "")).signalled_auditor(child.watch.take())
        args = dict(kwargs, fn="fn", label=label) | ({"grad": "grad"} if grad_spec else {})
        return _report(child, (child_audit, {}, None, name, args), label, name, kwargs)
    finally:
        if own:
            child.retire()


def _report(child: Child, call: tuple, label: str, name: str, kwargs: dict) -> AuditReport:
    start = time.perf_counter()
    answer, why, output = child.run(*call)
    if answer is None:
        report = died_report(label, name, kwargs.get("dtype", "float32"), kwargs.get("params"), why, output)
        report.seconds = time.perf_counter() - start
        return report.signalled_auditor(child.watch.take())
    report, retire = answer
    if retire:
        child.retire(kill=True)
    return not_asked(report, child.forwarded).signalled_auditor(child.watch.take())


def audit_row(child: Child, framework: str, index: int, label: str, name: str, dtype: str,
              kwargs: dict) -> AuditReport:
    """Audit row ``index`` of ``framework`` in ``child`` (a failing report when the child dies)."""
    return _report(child, (child_framework, framework, index, dtype, kwargs), label, name, dict(kwargs, dtype=dtype))


def audit_callable(fn: Callable, name: str, kwargs: dict) -> AuditReport:
    """:func:`symact.audit` with ``isolate=True`` (module docs: a reused fresh interpreter, or a fork)."""
    memory = kwargs.pop("memory", None)
    memory = default_memory(kwargs.get("device")) if memory is None else memory
    grad = kwargs.pop("grad", None)
    progress = kwargs.pop("progress", False)
    label = kwargs.get("label") or _label(fn)
    sendable = {k: v for k, v in kwargs.items() if v is not None}
    payload = by_reference((fn, grad))
    if payload is not None and by_reference(sendable) is not None:
        child = Child(memory, progress=True) if progress is True else _shared(memory)
        try:
            files = file_module_of(fn) | file_module_of(grad)
            return _report(child, (child_audit, files, payload, name, sendable), label, name, kwargs)
        finally:
            if child.progress:
                child.retire()
    if not hasattr(os, "fork"):        # pragma: no cover - Windows: nothing to isolate an unpicklable callable
            return audit(fn, name, grad=grad, progress=progress, isolate=False, **kwargs)
    return forked(lambda: _audit_here(fn, name, grad, progress, kwargs), memory, label, name, kwargs)


def _label(fn) -> str:
    return fn.label if isinstance(fn, Target) else Target(fn).label


def _audit_here(fn, name, grad, progress, kwargs) -> AuditReport:
    return audit(fn, name, grad=grad, progress=progress, isolate=False, **kwargs)


# -- every row of a framework -----------------------------------------------------------------------------------
def audit_framework(framework: str, dtypes=("float32", "float64"), *, progress=None, derivative: bool = True,
                    only: list[str] | None = None, isolate: bool = True, **kw) -> list[tuple[Row, Any]]:
    """Audit every row of ``framework`` in every dtype; returns [(row, AuditReport)].  Ctrl-C stops after the
    current audit (the reports so far are returned, the interrupted one flagged).  ``isolate``: the audits
    run in one child process, reused from row to row (a new one after a row whose target killed it)."""
    out = []
    todo = frameworks.planned(framework, dtypes, only)
    child = Child(default_memory(kw.get("device"))) if isolate else None
    try:
        for n, (i, row, dt) in enumerate(todo):
            if progress is not None:
                progress.update(f"{row.label} {dt}", n, len(todo))
            try:
                if child is not None:
                    rep = audit_row(child, framework, i, row.label, row.activation, dt,
                                    dict(kw, derivative=derivative))
                else:
                    rep = audit(row.fn, row.activation, dtype=dt, params=row.params, grad=row.grad, kind=row.kind,
                                label=row.label, derivative=derivative, convention_region=row.convention_region,
                                isolate=False, **kw)
            except KeyboardInterrupt:
                break
            out.append((row, rep))
            if rep.interrupted:
                break
    finally:
        if child is not None:
            child.retire()
    return out

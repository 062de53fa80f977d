"""The auditor: check other implementations of activation functions against the catalog (issue 6).

``audit(fn, "gelu", dtype="float32", params=None, grad=None)`` returns an :class:`AuditReport`; see
:mod:`symact.audit.core` for the stages and :mod:`symact.audit.standard` for the accuracy standard.
"""
from symact.audit.adapters import Target, TargetError, load_target
from symact.audit.core import audit
from symact.audit.report import AuditReport, CheckResult, Failure
from symact.audit.standard import Standard

__all__ = ["audit", "AuditReport", "CheckResult", "Failure", "Standard", "Target", "TargetError", "load_target"]

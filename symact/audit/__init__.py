"""The auditor: check other implementations of activation functions against the catalog (issue 6).

``symact.audit(fn, "gelu", dtype="float32", params=None, grad=None)`` returns an :class:`AuditReport`; this
package is itself callable (``symact.audit(...)`` is ``symact.audit.audit(...)``), so the same name serves
as the function and as the namespace of its parts: :mod:`.core` (the stages), :mod:`.standard` (the accuracy
standard), :mod:`.exact` / :mod:`.fastref` (the reference), :mod:`.inputs`, :mod:`.adapters`,
:mod:`.frameworks`, :mod:`.report`, :mod:`.pytest_plugin`, :mod:`.target` (audits isolated in a child
process), :mod:`.regions` (where failing inputs are).
"""
import sys
import types

from symact.audit.adapters import Target, TargetError, load_target
from symact.audit.core import audit
from symact.audit.report import AuditReport, CheckResult, Failure
from symact.audit.standard import Standard

__all__ = ["audit", "AuditReport", "CheckResult", "Failure", "Standard", "Target", "TargetError", "load_target"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        return audit(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

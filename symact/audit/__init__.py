"""The auditor: check other implementations of activation functions against the catalog.

``symact.audit(fn, "gelu", dtype="float32", params=None, grad=None)`` returns an :class:`AuditReport`; this
package is itself callable (``symact.audit(...)`` is ``symact.audit.audit(...)``, with its signature, shown by
``inspect.signature(symact.audit)``, and its documentation, below), so the same name serves as the function
and as the namespace of its parts: :mod:`.core` (the stages), :mod:`.standard` (the accuracy standard),
:mod:`.exact` / :mod:`.fastref` (the reference), :mod:`.inputs`, :mod:`.adapters`, :mod:`.frameworks`,
:mod:`.report`, :mod:`.pytest_plugin`, :mod:`.target` (audits isolated in a child process), :mod:`.regions`
(where failing inputs are).
"""
import inspect
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


__signature__ = inspect.signature(audit)
__doc__ = f"{__doc__}\nCalling it\n----------\n\nsymact.audit{__signature__}\n\n    {audit.__doc__.strip()}\n"
sys.modules[__name__].__class__ = _CallableModule

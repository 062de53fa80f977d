"""The auditor: check other implementations of activation functions against the catalog.

``symact.audit(fn, "gelu", dtype="float32", params=None, grad=None)`` returns an :class:`AuditReport`; this
package is itself callable (``symact.audit(...)`` is ``symact.audit.audit(...)``, with its signature, shown by
``inspect.signature(symact.audit)``, and its documentation, below), so the same name serves as the function
and as the namespace of its parts, in layers that import only downwards (``tests/test_audit_layout.py``):

* :mod:`.api` -- :func:`audit`, the isolated audits (``audit_spec``, ``audit_callable``) and the framework sweep;
* :mod:`.stages` -- one module per stage (values, special, properties, hygiene, derivative, convention,
  exhaustive, vector);
* :mod:`.context` -- the audit context, judging against the exact values, ULP errors, kappa;
* :mod:`.reference` -- the exact values (float64 tier, double-double tier, the oracle over both);
  :mod:`.adapters` (loading and calling targets), :mod:`.target` (isolation in a child process),
  :mod:`.frameworks` (what each framework ships);
* :mod:`.dtypes`, :mod:`.standard` (the accuracy standard), :mod:`.report`, :mod:`.inputs`, :mod:`.regions`
  (where failing inputs are), :mod:`.workers`, :mod:`.backends` (one module per framework);
  :mod:`.pytest_plugin` on top.
"""
import inspect
import sys
import types

from symact.audit.adapters import Target, TargetError, load_target
from symact.audit.api import audit
from symact.audit.report import AuditReport, CheckResult, Failure
from symact.audit.standard import Standard

__all__ = ["audit", "AuditReport", "CheckResult", "Failure", "Standard", "Target", "TargetError", "load_target"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        return audit(*args, **kwargs)


__signature__ = inspect.signature(audit)
__doc__ = f"{__doc__}\nCalling it\n----------\n\nsymact.audit{__signature__}\n\n    {audit.__doc__.strip()}\n"
sys.modules[__name__].__class__ = _CallableModule

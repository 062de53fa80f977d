"""Helpers for people's own test suites: ``assert_conforms`` and the Hypothesis strategies the auditor uses.

    from symact.testing import assert_conforms, floats

    def test_my_gelu():
        assert_conforms(my_gelu, "gelu", dtype="float32")

``assert_conforms`` runs :func:`symact.audit.audit` with the same arguments and raises ``AssertionError``
with the text report (every failing check, its worst input, the value returned, the exact value, the error
in ULPs and a one-line reproduction) when the implementation does not conform.

``@conforms("gelu")`` declares a function as an implementation of a catalog activation, for the pytest plugin
(``pytest --symact-target mypkg.activations``).
"""
from __future__ import annotations

from typing import Any, Callable

from symact.audit.api import audit
from symact.audit.inputs import arrays, audit_points, binade_sweep, boundary_points, exhaustive, floats, special_points
from symact.audit.report import AuditReport

__all__ = ["assert_conforms", "conforms", "floats", "arrays", "binade_sweep", "special_points", "boundary_points",
           "exhaustive", "audit_points", "AuditReport"]


def assert_conforms(fn: Callable, name: str, dtype: str = "float32", params: dict | None = None,
                    grad: Callable | None = None, **kw: Any) -> AuditReport:
    """Audit ``fn`` as catalog activation ``name``; raise AssertionError with the report unless it conforms.
    Keyword arguments are those of :func:`symact.audit.audit` (budget, strict, effort, hypothesis, ...)."""
    kw.setdefault("hypothesis", 50)
    report = audit(fn, name, dtype=dtype, params=params, grad=grad, **kw)
    if not report.passed:
        raise AssertionError("\n" + report.text())
    return report


def conforms(activation: str, **params: Any) -> Callable[[Callable], Callable]:
    """Decorator: ``fn`` implements catalog ``activation`` with these parameter values (defaults otherwise),
    so ``pytest --symact-target`` audits it::

        @symact.testing.conforms("leaky_relu", alpha=0.1)
        def leaky(x): ...

    The function is returned unchanged, with ``fn.__symact__ = (catalog name, parameters)``.  An unknown
    activation or parameter raises at decoration time."""
    from symact.catalog import get

    entry = get(activation)
    entry.param_values(params)

    def mark(fn: Callable) -> Callable:
        fn.__symact__ = (entry.name, dict(params))
        return fn

    return mark

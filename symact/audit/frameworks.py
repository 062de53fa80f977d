"""What each framework ships, mapped explicitly onto the catalog (``symact audit --framework ...``; run by
:func:`symact.audit.api.audit_framework`).

Every row says which callable is audited, with which keyword arguments, as which catalog entry and
parameter values, and which conventions apply.  The defaults are written out, never implied, in the
docstring and rows of each framework's module in :mod:`symact.audit.backends` (numpy with SciPy, torch, jax,
tensorflow, keras, onnxruntime, tinygrad, sklearn).

Vector entries (softmax, log_softmax, maxout) are audited by :mod:`symact.audit.stages.vector`: the last axis
is the vector axis and derivatives are the full Jacobian.  Derivative conventions at kinks (ReLU'(0) = 0 in
torch and JAX, ...) are reported as conventions.
"""
from __future__ import annotations

from symact.audit.backends import BACKENDS, Row

FRAMEWORKS = tuple(BACKENDS)

__all__ = ["FRAMEWORKS", "Row", "missing_module", "planned", "rows"]


def missing_module(framework: str) -> str | None:
    """The module that ``--framework FRAMEWORK`` needs and cannot import, or None."""
    backend = BACKENDS[framework]
    return None if backend.available() else backend.module


def rows(framework: str) -> list[Row]:
    if framework not in BACKENDS:
        raise ValueError(framework)
    return BACKENDS[framework].rows()


def planned(framework: str, dtypes, only: list[str] | None = None) -> list[tuple[int, Row, str]]:
    """The (row index, row, dtype) audits of ``framework``: every row (or those named in ``only``, by
    activation or label) in every one of ``dtypes`` that the row's framework implements."""
    return [(i, r, d) for i, r in enumerate(rows(framework)) for d in dtypes
            if (not only or r.activation in only or r.label in only) and (r.formats is None or d in r.formats)]

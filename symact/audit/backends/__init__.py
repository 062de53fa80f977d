"""The framework backends: one module per framework, registered here with one line each.

``BACKENDS[name]`` is the :class:`~symact.audit.backends.base.Backend` of the framework ``name`` (the
``--framework`` value, which is also the target kind of its tensors): the ``BACKEND`` object of the module
``symact.audit.backends.<name>``.  numpy, torch and jax are still handled by :mod:`symact.audit.frameworks`
and :mod:`symact.audit.adapters`.
"""
from __future__ import annotations

import importlib

from symact.audit.backends.base import Backend, Row, read_array

#: the registry: one line per framework (the name of its module here)
REGISTRY = (
    "tensorflow",
    "keras",
    "onnxruntime",
    "tinygrad",
    "sklearn",
)

BACKENDS: dict[str, Backend] = {name: importlib.import_module(f"{__name__}.{name}").BACKEND for name in REGISTRY}

#: the kinds of tensor a target can take besides numpy, torch, jax and scalar (backends with their own tensors)
KINDS = tuple(name for name, b in BACKENDS.items() if type(b).tensor is not Backend.tensor)


def get(name: str) -> Backend:
    return BACKENDS[name]


def kind_of_module(module: str) -> str | None:
    """The backend kind whose tensors a callable from ``module`` takes (None: not a backend's)."""
    for name in KINDS:
        if module.startswith(BACKENDS[name].prefixes):
            return name
    return None


__all__ = ["BACKENDS", "KINDS", "REGISTRY", "Backend", "Row", "get", "kind_of_module", "read_array"]

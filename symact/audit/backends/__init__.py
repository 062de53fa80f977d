"""The framework backends: one module per framework, registered here with one line each.

``BACKENDS[name]`` is the :class:`~symact.audit.backends.base.Backend` of the framework ``name`` (the
``--framework`` value, which is also the target kind of its tensors).  numpy, torch and jax are still
handled by :mod:`symact.audit.frameworks` and :mod:`symact.audit.adapters`.
"""
from __future__ import annotations

from symact.audit.backends import keras, onnxruntime, sklearn, tensorflow, tinygrad
from symact.audit.backends.base import Backend, Row, read_array

BACKENDS: dict[str, Backend] = {
    "tensorflow": tensorflow.BACKEND,
    "keras": keras.BACKEND,
    "onnxruntime": onnxruntime.BACKEND,
    "tinygrad": tinygrad.BACKEND,
    "sklearn": sklearn.BACKEND,
}

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


__all__ = ["BACKENDS", "KINDS", "Backend", "Row", "get", "kind_of_module", "read_array"]

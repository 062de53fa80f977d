"""The framework backends: one module per framework, registered here with one line each.

``BACKENDS[name]`` is the :class:`~symact.audit.backends.base.Backend` of the framework ``name`` (the
``--framework`` value, which is also the target kind of its tensors): the ``BACKEND`` object of the module
``symact.audit.backends.<name>``.  Importing a backend module imports its framework only when it is used.

NumPy arrays (:data:`ARRAYS`, the ``numpy`` backend) are the tensors of any callable of no other backend's
module; ``scalar`` targets take one NumPy scalar per call.
"""
from __future__ import annotations

import importlib

from symact.audit.backends.base import Backend, Row, read_array

#: the registry: one line per framework (the name of its module here)
REGISTRY = (
    "numpy",
    "torch",
    "jax",
    "tensorflow",
    "keras",
    "onnxruntime",
    "tinygrad",
    "sklearn",
)

BACKENDS: dict[str, Backend] = {name: importlib.import_module(f"{__name__}.{name}").BACKEND for name in REGISTRY}

#: the kind of the callables of no backend with tensors of its own: NumPy arrays in and out
ARRAYS = "numpy"
#: the kinds of tensor a target can take besides NumPy arrays and scalars (backends with their own tensors)
KINDS = tuple(name for name, b in BACKENDS.items() if type(b).tensor is not Backend.tensor)

#: the kinds whose tensors live on a device chosen by ``--device``
DEVICE_KINDS = tuple(name for name in KINDS if BACKENDS[name].devices)


def get(name: str) -> Backend:
    return BACKENDS[name]


def kind_of_module(module: str) -> str | None:
    """The backend kind whose tensors a callable from ``module`` takes (None: not a backend's)."""
    for name in KINDS:
        if module.startswith(BACKENDS[name].prefixes):
            return name
    return None


def detection_order(module: str) -> list[str]:
    """The kinds to try, in order, on a callable from ``module``: its backend's tensors first, then NumPy
    arrays, the probed frameworks (torch, JAX: a callable of unknown origin may take theirs) and scalars."""
    own = kind_of_module(module)
    probed = [name for name in KINDS if BACKENDS[name].probe and name != own]
    if own is None:
        return [ARRAYS, *probed, "scalar"]
    return [own, ARRAYS, *(probed if BACKENDS[own].probe else []), "scalar"]


__all__ = ["ARRAYS", "BACKENDS", "DEVICE_KINDS", "KINDS", "REGISTRY", "Backend", "Row", "detection_order", "get",
           "kind_of_module", "read_array"]

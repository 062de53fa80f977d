"""scikit-learn: the NumPy activations of its multi-layer perceptron (``sklearn.neural_network._base``).

They work in place on a 2-D array and return None (``ACTIVATIONS[name](X)`` overwrites ``X``), and the
derivatives are applied to the backpropagated error from the activation's *output*
(``DERIVATIVES[name](Z, delta)`` multiplies ``delta`` in place).  :meth:`SklearnBackend.activation` and
:meth:`SklearnBackend.derivative` wrap them into functions of x: the input is copied (the caller's array is
left alone), reshaped to 2-D (softmax normalises along axis 1, the last axis) and the result returned; the
derivative is sklearn's own formula evaluated at Z = f(x) with delta = 1, as the MLP applies it.

Rows: identity, logistic -> sigmoid, tanh, relu, softmax (no derivative: the MLP fuses it with the loss).
``exp`` (the Poisson output) is not an activation of the catalog.
"""
from __future__ import annotations

import functools

import numpy as np

from symact.audit.backends.base import Backend, Row

TABLE = [("identity", "identity"), ("logistic", "sigmoid"), ("tanh", "tanh"), ("relu", "relu"),
         ("softmax", "softmax")]


class SklearnBackend(Backend):
    name = "sklearn"
    module = "sklearn"
    prefixes = ("sklearn",)

    def activation(self, name: str):
        """``ACTIVATIONS[name]`` as a function of x (the in-place call on a 2-D copy)."""
        return _wrapped(name, derivative=False)

    def derivative(self, name: str):
        """f'(x) as ``DERIVATIVES[name](f(x), ones)`` computes it."""
        return _wrapped(name, derivative=True)

    def rows(self) -> list[Row]:
        from sklearn.neural_network._base import DERIVATIVES

        return [Row(f"sklearn ACTIVATIONS[{name!r}] (in place)", self.activation(name), entry, kind="numpy",
                    grad=self.derivative(name) if name in DERIVATIVES else None)
                for name, entry in TABLE]


@functools.lru_cache(maxsize=None)
def _wrapped(name: str, derivative: bool):
    from sklearn.neural_network._base import ACTIVATIONS, DERIVATIVES

    act = ACTIVATIONS[name]

    def run(x):
        x = np.asarray(x)
        rows = (1, x.size) if x.ndim <= 1 else (int(np.prod(x.shape[:-1])), x.shape[-1])
        z = np.array(x, copy=True).reshape(rows)
        act(z)
        if derivative:
            delta = np.ones_like(z)
            DERIVATIVES[name](z, delta)
            z = delta
        return z.reshape(x.shape)

    run.__module__ = __name__
    run.__qualname__ = f"BACKEND.{'derivative' if derivative else 'activation'}({name!r})"
    return run


BACKEND = SklearnBackend()

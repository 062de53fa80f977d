"""Keras 3 (``keras.activations``) on the backend named by ``KERAS_BACKEND`` (numpy, jax, torch, tensorflow).

Keras picks its backend once, at import, from the ``KERAS_BACKEND`` environment variable (Keras' own default
is tensorflow), so one audit covers one backend: ``KERAS_BACKEND=jax symact audit --framework keras``.  The
target is called with that backend's tensors (the row's kind: numpy, jax, torch or tensorflow), so the
derivative comes from that backend's autograd (none for NumPy).

Conventions (Keras 3 defaults, written out): ``keras.activations.gelu(approximate=False)`` is the default
-> gelu (``keras.ops.gelu`` defaults to ``approximate=True``), ``approximate=True`` -> gelu_tanh;
``leaky_relu(negative_slope=0.2)`` -> leaky_relu(alpha=0.2) (torch and JAX use 0.01; on the TensorFlow
backend the slope is TensorFlow's 32-bit ``alpha`` attribute, float32(0.2), also in float64); ``elu(alpha=1)``,
``celu(alpha=1)``; ``hard_sigmoid`` is relu6(x + 3)/6 -> hardsigmoid (Keras 2's 0.2 x + 0.5 is
hardsigmoid_keras); ``hard_silu``/``hard_swish`` -> hardswish; ``hard_shrink(threshold=0.5)``,
``soft_shrink(threshold=0.5)``; ``linear`` -> identity; ``softmax(axis=-1)``, ``log_softmax(axis=-1)``.
On the PyTorch backend ``softplus`` is torch's ``F.softplus(threshold=20)``, which returns x for x > 20 (torch's
documented shortcut, a convention there too).  Not in the catalog, so not audited: exponential, glu, sparse_plus, sparse_sigmoid, sparsemax, squareplus,
threshold.
"""
from __future__ import annotations

from symact.audit.backends.base import Backend, Row

#: (name in keras.activations, catalog entry, params, note); the callables are called with their defaults
TABLE = [
    ("relu", "relu", {}, ""),
    ("relu6", "relu6", {}, ""),
    ("leaky_relu", "leaky_relu", {"alpha": "0.2"}, "negative_slope=0.2, Keras' default"),
    ("elu", "elu", {}, "alpha=1"),
    ("selu", "selu", {}, ""),
    ("celu", "celu", {}, "alpha=1"),
    ("gelu", "gelu", {}, "approximate=False, the default"),
    ("sigmoid", "sigmoid", {}, ""),
    ("tanh", "tanh", {}, ""),
    ("silu", "silu", {}, ""),
    ("mish", "mish", {}, ""),
    ("softplus", "softplus", {}, ""),
    ("softsign", "softsign", {}, ""),
    ("log_sigmoid", "logsigmoid", {}, ""),
    ("tanh_shrink", "tanhshrink", {}, ""),
    ("hard_tanh", "hardtanh", {}, ""),
    ("hard_sigmoid", "hardsigmoid", {}, "relu6(x + 3)/6 in Keras 3"),
    ("hard_silu", "hardswish", {}, ""),
    ("hard_shrink", "hardshrink", {}, "threshold=0.5"),
    ("soft_shrink", "softshrink", {}, "threshold=0.5"),
    ("linear", "identity", {}, ""),
    ("softmax", "softmax", {}, "axis=-1"),
    ("log_softmax", "log_softmax", {}, "axis=-1"),
]


def gelu_tanh(x):
    """keras.activations.gelu(x, approximate=True)."""
    import keras

    return keras.activations.gelu(x, approximate=True)


#: {Keras backend: {catalog entry: (predicate on x, description)}}: where a backend's documented shortcut applies
CONVENTION_REGIONS = {
    "torch": {"softplus": (lambda x: x > 20, "Keras' softplus on torch is F.softplus, which returns x for x > 20 "
                                             "(threshold=20)")},
}


def activation_rows(prefix: str, kind: str, grad_backend: Backend | None = None,
                    params: dict | None = None) -> list[Row]:
    """The rows of :data:`TABLE` (plus gelu with approximate=True), labelled ``prefix.name`` and called with
    ``kind`` tensors; ``grad_backend`` supplies the derivative (None: the kind's own autograd in the core);
    ``params`` replaces the parameters of some entries ({catalog entry: params}: the backend's conventions)."""
    import keras

    out = []
    for name, entry, entry_params, note in TABLE:
        fn = getattr(keras.activations, name)
        out.append(_row(f"{prefix}.{name}" + (f" ({note})" if note else ""), fn, entry,
                        (params or {}).get(entry, entry_params), kind, grad_backend))
    out.append(_row(f"{prefix}.gelu (approximate=True)", gelu_tanh, "gelu_tanh", {}, kind, grad_backend))
    for row in out:
        row.convention_region = CONVENTION_REGIONS.get(kind, {}).get(row.activation)
    return out


def _row(label, fn, entry, params, kind, grad_backend) -> Row:
    grad = None
    if grad_backend is not None:
        grad = grad_backend.jacobian(fn) if entry in ("softmax", "log_softmax") else grad_backend.gradient(fn)
    return Row(label, fn, entry, dict(params), kind=kind, grad=grad)


class KerasBackend(Backend):
    name = "keras"
    module = "keras"
    prefixes = ("keras",)

    def backend_name(self) -> str:
        """The Keras backend this process uses (``KERAS_BACKEND``; Keras' default: tensorflow)."""
        import keras

        return keras.backend.backend()

    def rows(self) -> list[Row]:
        from symact.audit.backends import get

        inner = self.backend_name()        # numpy, jax, torch or tensorflow: each one a target kind
        if inner == "tensorflow":
            tf = get(inner)
            return activation_rows(f"keras.activations[{inner}]", inner, tf, tf.PARAMS)
        return activation_rows(f"keras.activations[{inner}]", inner)


BACKEND = KerasBackend()

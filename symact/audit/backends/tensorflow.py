"""TensorFlow: ``tf.nn``, ``tf.math`` and ``tf.keras.activations`` (Keras 3 on TensorFlow), derivatives by
``tf.GradientTape``.

Conventions (TensorFlow's defaults, written out): ``tf.nn.gelu(approximate=False)`` is the default -> gelu;
``approximate=True`` -> gelu_tanh; ``tf.nn.leaky_relu(alpha=0.2)`` -> leaky_relu(alpha=float32(0.2)) (torch
and JAX use 0.01; the op's ``alpha`` is a 32-bit float attribute, so in float64 too the slope is
float32(0.2) = 0.20000000298..., see :data:`PARAMS`); ``tf.nn.elu`` (alpha 1), ``tf.nn.selu``; ``tf.nn.swish``/``silu`` (beta=1) -> silu;
``tf.nn.softmax``/``log_softmax`` (axis=None means the last axis) -> softmax/log_softmax;
ReLU'(0) = 0 (the catalog's ``tensorflow`` kink datum).  ``tf.keras.activations`` is Keras 3 with the
TensorFlow backend: its rows and conventions are :mod:`symact.audit.backends.keras`'s, audited only when
Keras runs on TensorFlow in this process (``KERAS_BACKEND`` unset or ``tensorflow``).
"""
from __future__ import annotations

import numpy as np

from symact.audit.backends.base import Backend, Row


def gelu_tanh(x):
    """tf.nn.gelu(x, approximate=True)."""
    import tensorflow as tf

    return tf.nn.gelu(x, approximate=True)


def softmax_last(x):
    """tf.nn.softmax(x, axis=-1)."""
    import tensorflow as tf

    return tf.nn.softmax(x, axis=-1)


def log_softmax_last(x):
    """tf.nn.log_softmax(x, axis=-1)."""
    import tensorflow as tf

    return tf.nn.log_softmax(x, axis=-1)


class TensorFlowBackend(Backend):
    name = "tensorflow"
    #: parameters as TensorFlow's ops hold them: float attributes are 32-bit floats
    PARAMS = {"leaky_relu": {"alpha": repr(float(np.float32(0.2)))}}
    module = "tensorflow"
    prefixes = ("tensorflow", "tf_keras")

    def tensor(self, x, fmt_name, device=None):
        import tensorflow as tf

        return tf.constant(np.asarray(x, dtype=np.float64).astype(fmt_name), dtype=getattr(tf, fmt_name))

    def input_text(self, values, fmt_name):
        return "import tensorflow as tf; ", f"tf.constant({values}, dtype=tf.{fmt_name})"

    def output_text(self, expr):
        return f"repr(({expr}).numpy())"

    def grad_of_sum(self, fn, x):
        import tensorflow as tf

        x = tf.identity(x)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(fn(x))
        return tape.gradient(y, x)

    def rows(self) -> list[Row]:
        import tensorflow as tf

        T = self.name
        elementwise = [
            ("tf.nn.relu", tf.nn.relu, "relu", {}),
            ("tf.nn.relu6", tf.nn.relu6, "relu6", {}),
            ("tf.nn.leaky_relu (alpha=0.2, TensorFlow's default)", tf.nn.leaky_relu, "leaky_relu",
             self.PARAMS["leaky_relu"]),
            ("tf.nn.elu", tf.nn.elu, "elu", {}),
            ("tf.nn.selu", tf.nn.selu, "selu", {}),
            ("tf.nn.gelu (approximate=False, the default)", tf.nn.gelu, "gelu", {}),
            ("tf.nn.gelu (approximate=True)", gelu_tanh, "gelu_tanh", {}),
            ("tf.nn.silu", tf.nn.silu, "silu", {}),
            ("tf.nn.softsign", tf.nn.softsign, "softsign", {}),
            ("tf.math.sigmoid", tf.math.sigmoid, "sigmoid", {}),
            ("tf.math.tanh", tf.math.tanh, "tanh", {}),
            ("tf.math.softplus", tf.math.softplus, "softplus", {}),
            ("tf.math.log_sigmoid", tf.math.log_sigmoid, "logsigmoid", {}),
        ]
        out = [Row(label, fn, entry, params, kind=T, grad=self.gradient(fn))
               for label, fn, entry, params in elementwise]
        out += [Row("tf.nn.softmax (axis=-1)", softmax_last, "softmax", kind=T, grad=self.jacobian(softmax_last)),
                Row("tf.nn.log_softmax (axis=-1)", log_softmax_last, "log_softmax", kind=T,
                    grad=self.jacobian(log_softmax_last))]
        from symact.audit.backends.keras import BACKEND as KERAS, activation_rows

        if KERAS.available() and KERAS.backend_name() == "tensorflow":
            out += activation_rows("tf.keras.activations", T, self, self.PARAMS)
        return out


BACKEND = TensorFlowBackend()

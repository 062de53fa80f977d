"""tinygrad: the activation methods of ``tinygrad.Tensor``, derivatives by tinygrad's own autograd
(``Tensor.gradient``).  Its CPU device compiles every kernel with clang (``DEV=CPU``, the default here).

Conventions (tinygrad's defaults, written out): ``gelu(approximate="tanh")`` is the default -> gelu_tanh;
``gelu(approximate="none")`` -> gelu; ``quick_gelu`` is x sigmoid(1.702 x) -> silu(beta=1.702);
``leaky_relu(neg_slope=0.01)``; ``elu``/``celu`` alpha 1; ``selu`` uses the six-digit constants
alpha = 1.67326, gamma = 1.0507 (not the paper's 1.6732632..., 1.0507009...; relative difference 1e-6, so
the row is audited against selu with tinygrad's constants and the difference named as a convention);
``hardsigmoid(alpha=1/6, beta=0.5)`` -> hardsigmoid; ``hardtanh(-1, 1)``; ``softplus(beta=1)``;
``softmax``/``log_softmax`` axis -1 (the default).
"""
from __future__ import annotations

import os

import numpy as np

from symact.audit.backends.base import Backend, Row

SELU_ALPHA, SELU_GAMMA = "1.67326", "1.0507"


def gelu_exact(x):
    """Tensor.gelu(x, approximate="none")."""
    return x.gelu(approximate="none")


class TinygradBackend(Backend):
    name = "tinygrad"
    module = "tinygrad"
    prefixes = ("tinygrad",)

    def tensor(self, x, fmt_name, device=None):
        Tensor = _tensor_class()
        return Tensor(np.asarray(x, dtype=np.float64).astype(fmt_name), device=device)

    def input_text(self, values, fmt_name):
        return ("from tinygrad import Tensor; import numpy as np; ",
                f"Tensor(np.array({values}, dtype=np.{fmt_name}))")

    def output_text(self, expr):
        return f"repr(({expr}).numpy())"

    def grad_of_sum(self, fn, x):
        return fn(x).sum().gradient(x)[0]

    def rows(self) -> list[Row]:
        T = _tensor_class()
        K = self.name
        table = [
            ("Tensor.relu", T.relu, "relu", {}),
            ("Tensor.relu6", T.relu6, "relu6", {}),
            ("Tensor.leaky_relu (neg_slope=0.01)", T.leaky_relu, "leaky_relu", {"alpha": "0.01"}),
            ("Tensor.elu (alpha=1)", T.elu, "elu", {}),
            ("Tensor.celu (alpha=1)", T.celu, "celu", {}),
            (f"Tensor.selu (alpha={SELU_ALPHA}, gamma={SELU_GAMMA}: tinygrad's constants)", T.selu, "selu",
             {"alpha": SELU_ALPHA, "scale": SELU_GAMMA}),
            ("Tensor.gelu (approximate='tanh', the default)", T.gelu, "gelu_tanh", {}),
            ("Tensor.gelu (approximate='none')", gelu_exact, "gelu", {}),
            ("Tensor.quick_gelu (x sigmoid(1.702 x))", T.quick_gelu, "silu", {"beta": "1.702"}),
            ("Tensor.silu", T.silu, "silu", {}),
            ("Tensor.mish", T.mish, "mish", {}),
            ("Tensor.softplus (beta=1)", T.softplus, "softplus", {}),
            ("Tensor.softsign", T.softsign, "softsign", {}),
            ("Tensor.sigmoid", T.sigmoid, "sigmoid", {}),
            ("Tensor.tanh", T.tanh, "tanh", {}),
            ("Tensor.logsigmoid", T.logsigmoid, "logsigmoid", {}),
            ("Tensor.hardsigmoid (alpha=1/6, beta=1/2)", T.hardsigmoid, "hardsigmoid", {}),
            ("Tensor.hardswish", T.hardswish, "hardswish", {}),
            ("Tensor.hardtanh (-1, 1)", T.hardtanh, "hardtanh", {}),
        ]
        out = [Row(label, fn, entry, params, kind=K, grad=self.gradient(fn)) for label, fn, entry, params in table]
        out += [Row("Tensor.softmax (axis=-1)", T.softmax, "softmax", kind=K, grad=self.jacobian(T.softmax)),
                Row("Tensor.log_softmax (axis=-1)", T.log_softmax, "log_softmax", kind=K,
                    grad=self.jacobian(T.log_softmax))]
        return out


def _tensor_class():
    # tinygrad's on-disk kernel cache is an SQLite connection bound to the thread that opened it; the audit
    # calls the target from other threads, so the cache is off for the audited process
    os.environ.setdefault("CACHELEVEL", "0")
    from tinygrad import Tensor

    return Tensor


BACKEND = TinygradBackend()

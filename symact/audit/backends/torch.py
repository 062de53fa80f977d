"""PyTorch: ``torch`` and ``torch.nn.functional``, derivatives by autograd, on any torch device (``--device``).

Rows (the defaults written out): leaky_relu(negative_slope=0.01) -> leaky_relu(alpha=0.01);
prelu(weight=[0.25]) -> prelu(alpha=0.25); rrelu(training=False) -> rrelu(lower=1/8, upper=1/3) (test-time
form); elu(alpha=1), celu(alpha=1), selu; gelu(approximate='none') -> gelu; gelu(approximate='tanh') ->
gelu_tanh; softplus(beta=1, threshold=20) -> softplus, where for beta x > 20 torch returns x (a documented
shortcut, reported as a convention); hardtanh(-1, 1), hardsigmoid (x/6 + 1/2), hardswish, softshrink(0.5),
hardshrink(0.5), relu, relu6, sigmoid, tanh, silu, mish, softsign, logsigmoid, tanhshrink.

Vector entries (the last axis is the vector axis; derivatives are the full Jacobian): F.softmax(dim=-1) ->
softmax, F.log_softmax(dim=-1) -> log_softmax (``dim`` has no default worth relying on: implicit dim is
deprecated), torch.amax(dim=-1) -> maxout (its gradient at tied maxima is split evenly, reported as a
convention).  Derivative conventions at kinks (ReLU'(0) = 0, ...) are the catalog's ``torch`` kink data.
"""
from __future__ import annotations

import numpy as np

from symact.audit.backends.base import Backend, Row
from symact.audit.dtypes import dtype_name


# rows with arguments: module-level functions, so that a failure's one-line reproduction can import them
def torch_softmax(x):
    import torch.nn.functional as F

    return F.softmax(x, dim=-1)


def torch_log_softmax(x):
    import torch.nn.functional as F

    return F.log_softmax(x, dim=-1)


def torch_amax(x):
    import torch

    return torch.amax(x, dim=-1)


class TorchBackend(Backend):
    name = "torch"
    module = "torch"
    prefixes = ("torch",)
    formats = ("float16", "bfloat16", "float32", "float64")
    probe = True
    devices = True
    numpy_bfloat16 = False
    autograd = "torch autograd"

    def tensor(self, x, fmt_name, device=None):
        import torch

        t = torch.from_numpy(np.array(x, dtype=np.float64, copy=True)).to(getattr(torch, fmt_name))
        return t.to(device) if device else t

    def read(self, out):
        if not type(out).__module__.startswith("torch"):
            return None
        import torch

        if not isinstance(out, torch.Tensor):
            return None
        v = out.detach().to("cpu")
        v = v.to(torch.float64).numpy() if v.is_floating_point() else v.numpy().astype(np.float64)
        return v, dtype_name(out.dtype)

    def bits(self, x):
        import torch

        ints = {2: torch.int16, 4: torch.int32}.get(x.element_size(), torch.int64)
        return x.detach().cpu().clone().view(ints).numpy()

    def input_text(self, values, fmt_name):
        return "import torch; ", f"torch.tensor({values}, dtype=torch.{fmt_name})"

    def grad_code(self, fx, arg, sel=""):
        return f"t = ({arg}).requires_grad_(); {fx('t')}.sum().backward(); print(repr(t.grad{sel}))"

    def grad_of_sum(self, fn, x):
        import torch

        x = x.detach().clone().requires_grad_(True)
        (gx,) = torch.autograd.grad(fn(x).sum(), x)
        return gx

    def jacobian_of(self, fn, single=False):
        import torch

        def jac(x):
            x = x.detach().clone().requires_grad_(True)
            y = fn(x)
            ys = [y] if single else [y[..., i] for i in range(x.shape[-1])]
            rows = [torch.autograd.grad(v.sum(), x, retain_graph=True)[0] for v in ys]
            return torch.stack(rows, dim=-2)

        return jac

    def use_one_thread(self):
        import torch

        torch.set_num_threads(1)

    def rows(self) -> list[Row]:
        import torch
        import torch.nn.functional as F

        def prelu(x):
            return F.prelu(x, torch.full((1,), 0.25, dtype=x.dtype, device=x.device))

        def gelu_tanh(x):
            return F.gelu(x, approximate="tanh")

        def rrelu_eval(x):
            return F.rrelu(x, training=False)

        def softplus(x):
            return F.softplus(x, beta=1.0, threshold=20.0)

        T = self.name
        return [
            Row("torch.sigmoid", torch.sigmoid, "sigmoid", kind=T),
            Row("torch.tanh", torch.tanh, "tanh", kind=T),
            Row("F.relu", F.relu, "relu", kind=T),
            Row("F.relu6", F.relu6, "relu6", kind=T),
            Row("F.leaky_relu (negative_slope=0.01)", F.leaky_relu, "leaky_relu", {"alpha": "0.01"}, kind=T),
            Row("F.prelu (weight=0.25)", prelu, "prelu", {"alpha": "0.25"}, kind=T),
            Row("F.rrelu (training=False)", rrelu_eval, "rrelu", kind=T),
            Row("F.elu (alpha=1)", F.elu, "elu", kind=T),
            Row("F.selu", F.selu, "selu", kind=T),
            Row("F.celu (alpha=1)", F.celu, "celu", kind=T),
            Row("F.gelu (approximate='none')", F.gelu, "gelu", kind=T),
            Row("F.gelu (approximate='tanh')", gelu_tanh, "gelu_tanh", kind=T),
            Row("F.silu", F.silu, "silu", kind=T),
            Row("F.mish", F.mish, "mish", kind=T),
            Row("F.softplus (beta=1, threshold=20)", softplus, "softplus", kind=T,
                convention_region=(lambda x: x > 20, "torch's softplus returns x for beta*x > 20 (threshold=20)")),
            Row("F.softsign", F.softsign, "softsign", kind=T),
            Row("F.logsigmoid", F.logsigmoid, "logsigmoid", kind=T),
            Row("F.tanhshrink", F.tanhshrink, "tanhshrink", kind=T),
            Row("F.softshrink (lambd=0.5)", F.softshrink, "softshrink", kind=T),
            Row("F.hardshrink (lambd=0.5)", F.hardshrink, "hardshrink", kind=T),
            Row("F.hardtanh (-1, 1)", F.hardtanh, "hardtanh", kind=T),
            Row("F.hardsigmoid", F.hardsigmoid, "hardsigmoid", kind=T),
            Row("F.hardswish", F.hardswish, "hardswish", kind=T),
            Row("F.softmax (dim=-1)", torch_softmax, "softmax", kind=T),
            Row("F.log_softmax (dim=-1)", torch_log_softmax, "log_softmax", kind=T),
            Row("torch.amax (dim=-1)", torch_amax, "maxout", kind=T),
        ]


BACKEND = TorchBackend()

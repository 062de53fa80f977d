"""What each framework ships, mapped explicitly onto the catalog (``symact audit --framework ...``; run by
:func:`symact.audit.api.audit_framework`).

Every row says which callable is audited, with which keyword arguments, as which catalog entry and
parameter values, and which conventions apply.  The defaults are written out, never implied:

numpy (``scipy.special`` and ``numpy``; no autograd, so derivatives come from symact's own twins only):
  scipy.special.expit -> sigmoid; scipy.special.log_expit -> logsigmoid; numpy.tanh -> tanh;
  numpy.logaddexp(0, x) -> softplus; scipy.special.softplus -> softplus (SciPy >= 1.15);
  and every symact twin (``symact.numeric.twins``) with its ``df`` as the gradient.
torch (``torch.nn.functional``, derivatives by autograd):
  leaky_relu(negative_slope=0.01) -> leaky_relu(alpha=0.01); prelu(weight=[0.25]) -> prelu(alpha=0.25);
  rrelu(training=False) -> rrelu(lower=1/8, upper=1/3) (test-time form); elu(alpha=1), celu(alpha=1), selu;
  gelu(approximate='none') -> gelu; gelu(approximate='tanh') -> gelu_tanh; softplus(beta=1, threshold=20) ->
  softplus, where for beta x > 20 torch returns x (a documented shortcut, reported as a convention);
  hardtanh(-1, 1), hardsigmoid (x/6 + 1/2), hardswish, softshrink(0.5), hardshrink(0.5), relu, relu6,
  sigmoid, tanh, silu, mish, softsign, logsigmoid, tanhshrink.
jax (``jax.nn``, derivatives by ``jax.grad``; 64-bit mode is switched on for float64):
  gelu(approximate=True) (JAX's default) -> gelu_tanh; gelu(approximate=False) -> gelu;
  leaky_relu(negative_slope=0.01) -> leaky_relu(alpha=0.01); elu(alpha=1), celu(alpha=1), selu, relu, relu6,
  sigmoid, tanh, silu, mish, softplus, soft_sign -> softsign, log_sigmoid -> logsigmoid,
  hard_tanh -> hardtanh, hard_sigmoid -> hardsigmoid (relu6(x + 3)/6), hard_silu -> hardswish, identity.

Vector entries (softmax, log_softmax, maxout; audited by :mod:`symact.audit.stages.vector`, the last axis is the
vector axis; derivatives are the full Jacobian):
  numpy: scipy.special.softmax(axis=-1) -> softmax and scipy.special.log_softmax(axis=-1) -> log_softmax
  (SciPy's default axis=None normalises over the whole array, so the row passes axis=-1 explicitly);
  numpy.max(axis=-1) -> maxout; the symact twins of the three with their Jacobian ``df`` as the gradient.
  torch: F.softmax(dim=-1) -> softmax, F.log_softmax(dim=-1) -> log_softmax (``dim`` has no default worth
  relying on: implicit dim is deprecated), torch.amax(dim=-1) -> maxout (its gradient at tied maxima is split
  evenly, reported as a convention).
  jax: jax.nn.softmax (axis=-1, the default) -> softmax, jax.nn.log_softmax (axis=-1, the default) ->
  log_softmax, jax.numpy.max(axis=-1) -> maxout.

tensorflow, keras, onnxruntime, tinygrad, sklearn: one module each in :mod:`symact.audit.backends`, whose
docstring lists what it ships and its conventions.

Derivative conventions at kinks (ReLU'(0) = 0 in torch and JAX, ...) are reported as conventions.
"""
from __future__ import annotations

import importlib.util

import numpy as np

from symact.audit.backends import BACKENDS, Row

FRAMEWORKS = ("numpy", "torch", "jax") + tuple(BACKENDS)

__all__ = ["FRAMEWORKS", "Row", "missing_module", "planned", "rows"]


#: the module each framework's audit imports (``--framework numpy`` audits SciPy's functions too)
MODULES = {"numpy": "scipy", "torch": "torch", "jax": "jax"}


def missing_module(framework: str) -> str | None:
    """The module that ``--framework FRAMEWORK`` needs and cannot import, or None."""
    if framework in BACKENDS:
        backend = BACKENDS[framework]
        return None if backend.available() else backend.module
    mod = MODULES[framework]
    return None if importlib.util.find_spec(mod) is not None else mod


def rows(framework: str) -> list[Row]:
    if framework == "numpy":
        return _numpy_rows()
    if framework == "torch":
        return _torch_rows()
    if framework == "jax":
        return _jax_rows()
    if framework in BACKENDS:
        return BACKENDS[framework].rows()
    raise ValueError(framework)


def _numpy_rows() -> list[Row]:
    import scipy.special as sc

    out = [Row("scipy.special.expit", sc.expit, "sigmoid"),
           Row("scipy.special.log_expit", sc.log_expit, "logsigmoid"),
           Row("numpy.tanh", np.tanh, "tanh"),
           Row("numpy.logaddexp(0, x)", _logaddexp0, "softplus")]
    if hasattr(sc, "softplus"):
        out.append(Row("scipy.special.softplus", sc.softplus, "softplus"))
    try:
        from symact.catalog import entries
        from symact.numeric.twins import twin
    except ImportError:  # pragma: no cover
        return out
    out += [Row("scipy.special.softmax (axis=-1)", scipy_softmax, "softmax", kind="numpy"),
            Row("scipy.special.log_softmax (axis=-1)", scipy_log_softmax, "log_softmax", kind="numpy"),
            Row("numpy.max (axis=-1)", numpy_max, "maxout", kind="numpy")]
    for e in entries():
        try:
            t = twin(e.name)
        except Exception:  # noqa: BLE001 - an entry without a twin is simply not audited here
            continue
        out.append(Row(f"symact twin {e.name}", t.f, e.name, grad=t.df, kind="numpy",
                       note="symact.numeric.twins (f and df; df of a vector entry is its Jacobian)"))
    return out


# vector rows: module-level functions, so that a failure's one-line reproduction can import them
def scipy_softmax(x):
    import scipy.special as sc

    return sc.softmax(x, axis=-1)


def scipy_log_softmax(x):
    import scipy.special as sc

    return sc.log_softmax(x, axis=-1)


def numpy_max(x):
    return np.max(x, axis=-1)


def torch_softmax(x):
    import torch.nn.functional as F

    return F.softmax(x, dim=-1)


def torch_log_softmax(x):
    import torch.nn.functional as F

    return F.log_softmax(x, dim=-1)


def torch_amax(x):
    import torch

    return torch.amax(x, dim=-1)


def jax_max(x):
    import jax.numpy as jnp

    return jnp.max(x, axis=-1)


def _logaddexp0(x):
    return np.logaddexp(x.dtype.type(0), x)


def _torch_rows() -> list[Row]:
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

    T = "torch"
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


def _jax_rows() -> list[Row]:
    import jax.nn as jn
    import jax.numpy as jnp

    def gelu_exact(x):
        return jn.gelu(x, approximate=False)

    J = "jax"
    rows_ = [
        Row("jax.nn.sigmoid", jn.sigmoid, "sigmoid", kind=J),
        Row("jax.numpy.tanh", jnp.tanh, "tanh", kind=J),
        Row("jax.nn.relu", jn.relu, "relu", kind=J),
        Row("jax.nn.relu6", jn.relu6, "relu6", kind=J),
        Row("jax.nn.leaky_relu (negative_slope=0.01)", jn.leaky_relu, "leaky_relu", {"alpha": "0.01"}, kind=J),
        Row("jax.nn.elu (alpha=1)", jn.elu, "elu", kind=J),
        Row("jax.nn.selu", jn.selu, "selu", kind=J),
        Row("jax.nn.celu (alpha=1)", jn.celu, "celu", kind=J),
        Row("jax.nn.gelu (approximate=True, the default)", jn.gelu, "gelu_tanh", kind=J),
        Row("jax.nn.gelu (approximate=False)", gelu_exact, "gelu", kind=J),
        Row("jax.nn.silu", jn.silu, "silu", kind=J),
        Row("jax.nn.softplus", jn.softplus, "softplus", kind=J),
        Row("jax.nn.soft_sign", jn.soft_sign, "softsign", kind=J),
        Row("jax.nn.log_sigmoid", jn.log_sigmoid, "logsigmoid", kind=J),
        Row("jax.nn.hard_tanh", jn.hard_tanh, "hardtanh", kind=J),
        Row("jax.nn.hard_sigmoid", jn.hard_sigmoid, "hardsigmoid", kind=J),
        Row("jax.nn.hard_silu", jn.hard_silu, "hardswish", kind=J),
        Row("jax.nn.identity", jn.identity, "identity", kind=J),
        Row("jax.nn.softmax (axis=-1, the default)", jn.softmax, "softmax", kind=J),
        Row("jax.nn.log_softmax (axis=-1, the default)", jn.log_softmax, "log_softmax", kind=J),
        Row("jax.numpy.max (axis=-1)", jax_max, "maxout", kind=J),
    ]
    if hasattr(jn, "mish"):
        rows_.append(Row("jax.nn.mish", jn.mish, "mish", kind=J))
    return rows_


def planned(framework: str, dtypes, only: list[str] | None = None) -> list[tuple[int, Row, str]]:
    """The (row index, row, dtype) audits of ``framework``: every row (or those named in ``only``, by
    activation or label) in every one of ``dtypes`` that the row's framework implements."""
    return [(i, r, d) for i, r in enumerate(rows(framework)) for d in dtypes
            if (not only or r.activation in only or r.label in only) and (r.formats is None or d in r.formats)]

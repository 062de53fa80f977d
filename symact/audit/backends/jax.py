"""JAX: ``jax.nn`` and ``jax.numpy``, derivatives by ``jax.grad``; 64-bit mode is switched on for float64.

Rows (the defaults written out): gelu(approximate=True) (JAX's default) -> gelu_tanh; gelu(approximate=False)
-> gelu; leaky_relu(negative_slope=0.01) -> leaky_relu(alpha=0.01); elu(alpha=1), celu(alpha=1), selu, relu,
relu6, sigmoid, tanh, silu, mish, softplus, soft_sign -> softsign, log_sigmoid -> logsigmoid, hard_tanh ->
hardtanh, hard_sigmoid -> hardsigmoid (relu6(x + 3)/6), hard_silu -> hardswish, identity.

Vector entries (the last axis is the vector axis; derivatives are the full Jacobian, all rows at once by
``jax.vmap(jax.jacrev(f))``): jax.nn.softmax (axis=-1, the default) -> softmax, jax.nn.log_softmax (axis=-1,
the default) -> log_softmax, jax.numpy.max(axis=-1) -> maxout.  Derivative conventions at kinks are the
catalog's ``jax`` kink data.
"""
from __future__ import annotations

import numpy as np

from symact.audit.backends.base import Backend, Row
from symact.audit.dtypes import dtype_name, get_format


def jax_max(x):
    """jax.numpy.max(x, axis=-1) (module level, so that a failure's reproduction can import it)."""
    import jax.numpy as jnp

    return jnp.max(x, axis=-1)


class JaxBackend(Backend):
    name = "jax"
    module = "jax"
    prefixes = ("jax", "flax")
    formats = ("float16", "bfloat16", "float32", "float64")
    probe = True
    numpy_bfloat16 = False      # JAX ships its own (ml_dtypes is its dependency)
    autograd = "jax.vmap(jax.jacrev(f))"

    def tensor(self, x, fmt_name, device=None):
        import jax
        import jax.numpy as jnp

        if fmt_name == "float64" and not jax.config.jax_enable_x64:  # the mode as it is now, not as it was
            jax.config.update("jax_enable_x64", True)
        return jnp.asarray(np.asarray(x, dtype=np.float64).astype(get_format(fmt_name).numpy_dtype()))

    def read(self, out):
        if not (hasattr(out, "__jax_array__") or type(out).__module__.startswith(("jax", "jaxlib"))):
            return None
        arr = np.asarray(out)
        return arr.astype(np.float64), dtype_name(arr.dtype)

    def input_text(self, values, fmt_name):
        head = ("import jax; jax.config.update('jax_enable_x64', True); import jax.numpy as jnp; "
                if fmt_name == "float64" else "import jax, jax.numpy as jnp; ")
        return head, f"jnp.asarray({values}, dtype=jnp.{fmt_name})"

    def grad_code(self, fx, arg, sel=""):
        return f"print(repr(jax.grad(lambda v: {fx('v')}.sum())({arg}){sel}))"

    def grad_of_sum(self, fn, x):
        import jax
        import jax.numpy as jnp

        return jax.grad(lambda v: jnp.sum(fn(v)))(x)

    def jacobian_of(self, fn, single=False):
        import jax

        per_row = jax.vmap(jax.jacrev(fn))
        jitted = jax.jit(per_row)      # one compilation per shape instead of op-by-op tracing

        def jac(x):
            try:
                J = jitted(x)
            except Exception:  # noqa: BLE001 - not traceable under jit: the eager form reports its own error
                J = per_row(x)
            return J[..., None, :] if single else J

        return jac

    def rows(self) -> list[Row]:
        import jax.nn as jn
        import jax.numpy as jnp

        def gelu_exact(x):
            return jn.gelu(x, approximate=False)

        J = self.name
        out = [
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
            out.append(Row("jax.nn.mish", jn.mish, "mish", kind=J))
        return out


BACKEND = JaxBackend()

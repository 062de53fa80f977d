"""NumPy and SciPy: ``scipy.special`` and ``numpy`` (no autograd, so derivatives come from symact's own twins
only).  NumPy arrays are also the tensors of every callable that is not another backend's, so this backend's
tensors are the :class:`~symact.audit.backends.base.Backend` defaults.

Rows (the defaults written out): scipy.special.expit -> sigmoid; scipy.special.log_expit -> logsigmoid;
numpy.tanh -> tanh; numpy.logaddexp(0, x) -> softplus; scipy.special.softplus -> softplus (SciPy >= 1.15);
and every symact twin (``symact.numeric.twins``) with its ``df`` as the gradient.

Vector entries (the last axis is the vector axis): scipy.special.softmax(axis=-1) -> softmax and
scipy.special.log_softmax(axis=-1) -> log_softmax (SciPy's default axis=None normalises over the whole array,
so the row passes axis=-1 explicitly); numpy.max(axis=-1) -> maxout; the symact twins of the three with their
Jacobian ``df`` as the gradient.
"""
from __future__ import annotations

import numpy as np

from symact.audit.backends.base import Backend, Row


# vector rows: module-level functions, so that a failure's one-line reproduction can import them
def scipy_softmax(x):
    import scipy.special as sc

    return sc.softmax(x, axis=-1)


def scipy_log_softmax(x):
    import scipy.special as sc

    return sc.log_softmax(x, axis=-1)


def numpy_max(x):
    return np.max(x, axis=-1)


def logaddexp0(x):
    """numpy.logaddexp(0, x) in the format of x."""
    return np.logaddexp(x.dtype.type(0), x)


class NumpyBackend(Backend):
    name = "numpy"
    #: ``--framework numpy`` audits SciPy's functions too
    module = "scipy"
    prefixes = ("numpy", "scipy")

    def rows(self) -> list[Row]:
        import scipy.special as sc

        from symact.catalog import entries
        from symact.numeric.twins import twin

        out = [Row("scipy.special.expit", sc.expit, "sigmoid"),
               Row("scipy.special.log_expit", sc.log_expit, "logsigmoid"),
               Row("numpy.tanh", np.tanh, "tanh"),
               Row("numpy.logaddexp(0, x)", logaddexp0, "softplus")]
        if hasattr(sc, "softplus"):
            out.append(Row("scipy.special.softplus", sc.softplus, "softplus"))
        N = self.name
        out += [Row("scipy.special.softmax (axis=-1)", scipy_softmax, "softmax", kind=N),
                Row("scipy.special.log_softmax (axis=-1)", scipy_log_softmax, "log_softmax", kind=N),
                Row("numpy.max (axis=-1)", numpy_max, "maxout", kind=N)]
        for e in entries():
            try:
                t = twin(e.name)
            except Exception:  # noqa: BLE001 - an entry without a twin is simply not audited here
                continue
            out.append(Row(f"symact twin {e.name}", t.f, e.name, grad=t.df, kind=N,
                           note="symact.numeric.twins (f and df; df of a vector entry is its Jacobian)"))
        return out


BACKEND = NumpyBackend()

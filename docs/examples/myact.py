"""Example implementations for the README's `symact audit` and `pytest --symact-target` commands.

`gelu`, `softplus` and `leaky` are written carefully and conform; `softplus_textbook` is the formula from the
textbooks, log(1 + exp(x)), which `symact audit` refutes (it returns 0 for x < -17 in float32 and inf for
x > 89).  The pytest plugin audits the functions the module declares in ``__symact__`` (at the end).
"""
import numpy as np
from scipy.special import erfc

def gelu(x):
    """x Phi(x) = x/2 erfc(-x/sqrt(2)), in double precision, rounded once to the input's dtype; 0 at -inf."""
    x = np.asarray(x)
    wide = x.astype(np.float64)
    with np.errstate(invalid="ignore"):  # -inf * 0 at x = -inf, replaced by the limit
        out = 0.5 * wide * erfc(-wide / np.sqrt(2.0))
    return np.where(wide == -np.inf, 0.0, out).astype(x.dtype)


def softplus(x):
    """log(1 + e^x) without overflow or cancellation."""
    return np.logaddexp(0, np.asarray(x))


def softplus_textbook(x):
    """log(1 + e^x) as written: overflows for large x, loses everything for negative x."""
    x = np.asarray(x)
    return np.log(1 + np.exp(x))


def leaky(x, alpha=0.1):
    """Leaky ReLU with slope alpha for x < 0."""
    x = np.asarray(x)
    return np.where(x > 0, x, x * x.dtype.type(alpha))


def leaky_grad(x, alpha=0.1):
    """Its derivative (alpha at 0, PyTorch's convention)."""
    x = np.asarray(x)
    return np.where(x > 0, x.dtype.type(1), x.dtype.type(alpha))


__symact__ = {"gelu": gelu, "softplus": softplus}

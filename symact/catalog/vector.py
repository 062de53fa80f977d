"""Vector-valued activations: softmax, log-softmax, maxout."""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import VectorActivation, register


def _softmax(n: int) -> sp.Matrix:
    xs = VectorActivation.inputs(n)
    total = sum(sp.exp(v) for v in xs)
    return sp.Matrix([sp.exp(v) / total for v in xs])


def _log_softmax(n: int) -> sp.Matrix:
    xs = VectorActivation.inputs(n)
    lse = sp.log(sum(sp.exp(v) for v in xs))
    return sp.Matrix([v - lse for v in xs])


def _maxout(k: int) -> sp.Matrix:
    return sp.Matrix([sp.Max(*VectorActivation.inputs(k))])


softmax = register(VectorActivation(
    name="softmax", family="vector", build=_softmax,
    formula_text="exp(x_i) / sum_j exp(x_j)",
    formula_latex=r"\operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_{j=1}^{n} e^{x_j}}",
    description="Normalised exponentials: R^n onto the open probability simplex; Jacobian diag(s) - s s^T.",
    jacobian_in_outputs=lambda s: sp.diag(*s) - s * s.T,
    jacobian_text="diag(s) - s s^T, s = softmax(x)",
    references=("Bridle, Probabilistic interpretation of feedforward classification network outputs (1990)",),
))

log_softmax = register(VectorActivation(
    name="log_softmax", aliases=("logsoftmax",), family="vector", build=_log_softmax,
    formula_text="x_i - log(sum_j exp(x_j))",
    formula_latex=r"\operatorname{log\,softmax}(x)_i = x_i - \log \sum_{j=1}^{n} e^{x_j}",
    description="log of softmax: x_i - logsumexp(x); Jacobian I - 1 s^T.",
    jacobian_in_outputs=lambda s: sp.eye(len(s)) - sp.ones(len(s), 1) * s.T,
    jacobian_text="I - 1 s^T, s = softmax(x) (not the log-softmax outputs)",
    references=("torch.nn.functional.log_softmax",),
))

maxout = register(VectorActivation(
    name="maxout", family="vector", build=_maxout,
    formula_text="max(z_1, ..., z_k), z_i = w_i x + b_i",
    formula_latex=r"\operatorname{maxout}(z_1,\dots,z_k) = \max_{i} z_i,\quad z_i = w_i^\top x + b_i",
    description="Max of k affine pieces z_i = w_i x + b_i; the inputs are the k pre-activations.",
    references=("Goodfellow, Warde-Farley, Mirza, Courville, Bengio, Maxout networks (2013)",),
))

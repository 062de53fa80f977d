"""Smooth gated activations: GELU, SiLU/Swish, Mish, softplus."""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import Activation, Param, X, Y, register

BETA = sp.Symbol("beta", positive=True)
_GELU_C = sp.Rational(44715, 1000000)

gelu = register(Activation(
    name="gelu", family="smooth",
    expr=X / 2 * (1 + sp.erf(X / sp.sqrt(2))),
    description="Gaussian error linear unit x * Phi(x) (exact, with erf).",
    convention="exact form: torch gelu(approximate='none'); jax.nn.gelu(approximate=False); JAX's default is the tanh form",
    references=("Hendrycks & Gimpel, Gaussian error linear units (GELUs) (2016)",),
))

gelu_tanh = register(Activation(
    name="gelu_tanh", aliases=("gelu_approx", "approximate_gelu"), family="smooth",
    expr=X / 2 * (1 + sp.tanh(sp.sqrt(2 / sp.pi) * (X + _GELU_C * X**3))),
    description="The tanh approximation of GELU: x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).",
    convention="torch gelu(approximate='tanh'); jax.nn.gelu(approximate=True) (JAX's default)",
    references=("Hendrycks & Gimpel, Gaussian error linear units (GELUs) (2016)",),
))

silu = register(Activation(
    name="silu", aliases=("swish",), family="smooth",
    params=(Param("beta", 1, "positive", "gate sharpness: x * sigmoid(beta x)"),),
    expr=X / (1 + sp.exp(-BETA * X)),
    convention="beta = 1 is SiLU (PyTorch, JAX, Elfwing et al.); Swish (Ramachandran et al.) makes beta learnable",
    description="x * sigmoid(beta x); min at x = -1 - W(1/e) for beta = 1.",
    self_derivative=BETA * Y + (1 - BETA * Y) / (1 + sp.exp(-BETA * X)),
    self_derivative_note="swish'(x) = beta f(x) + sigmoid(beta x) (1 - beta f(x))",
    references=("Elfwing, Uchibe, Doya, Sigmoid-weighted linear units (2018)",
                "Ramachandran, Zoph, Le, Searching for activation functions (2017)"),
))

mish = register(Activation(
    name="mish", family="smooth",
    expr=X * sp.tanh(sp.log(1 + sp.exp(X))),
    description="x * tanh(softplus(x)).",
    references=("Misra, Mish: a self regularized non-monotonic activation function (2019)",),
))

softplus = register(Activation(
    name="softplus", family="smooth",
    params=(Param("beta", 1, "positive", "sharpness: log(1 + e^{beta x}) / beta"),),
    expr=sp.log(1 + sp.exp(BETA * X)) / BETA,
    convention="beta = 1 follows PyTorch; torch's threshold = 20 (linear for beta x > 20) is an implementation shortcut, not part of the function",
    description="log(1 + e^{beta x}) / beta, a smooth ReLU; softplus' = sigmoid(beta x).",
    self_derivative=1 - sp.exp(-BETA * Y),
    self_derivative_note="softplus'(x) = sigmoid(beta x) = 1 - e^{-beta f(x)}",
    references=("Dugas et al., Incorporating second-order functional knowledge for better option pricing (2001)",),
))

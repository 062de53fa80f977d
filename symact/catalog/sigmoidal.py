"""Identity, step, sigmoid, tanh and their relatives."""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import Activation, X, Y, register

identity = register(Activation(
    name="identity", aliases=("linear",), family="sigmoidal",
    expr=X,
    description="The identity map f(x) = x: a network with it collapses to one affine map.",
    self_derivative=sp.Integer(1),
    references=("Goodfellow, Bengio, Courville, Deep Learning (2016), section 6.3",),
))

binary_step = register(Activation(
    name="binary_step", aliases=("heaviside", "step", "unit_step", "threshold_unit"), family="sigmoidal",
    expr=sp.Piecewise((0, X < 0), (1, True)),
    description="The Heaviside/threshold unit: 0 for x < 0, 1 for x >= 0 (value 1 at 0, as torch.heaviside(x, 1)).",
    convention="f(0) = 1 (McCulloch-Pitts / perceptron convention; torch.heaviside takes the value at 0 as an argument)",
    kink_derivatives={"torch": {0: 0}, "jax": {0: 0}},
    references=("McCulloch & Pitts, A logical calculus of the ideas immanent in nervous activity (1943)",
                "Rosenblatt, The perceptron (1958)"),
))

sigmoid = register(Activation(
    name="sigmoid", aliases=("logistic", "expit", "sigma"), family="sigmoidal",
    expr=1 / (1 + sp.exp(-X)),
    description="The logistic sigmoid 1/(1+e^{-x}), mapping R onto (0, 1).",
    self_derivative=Y * (1 - Y),
    references=("Verhulst (1845); Rumelhart, Hinton, Williams, Learning representations by back-propagating errors (1986)",),
))

tanh = register(Activation(
    name="tanh", aliases=("hyperbolic_tangent",), family="sigmoidal",
    expr=sp.tanh(X),
    description="The hyperbolic tangent, mapping R onto (-1, 1); tanh(x) = 2 sigmoid(2x) - 1.",
    self_derivative=1 - Y**2,
    references=("LeCun, Bottou, Orr, Mueller, Efficient BackProp (1998)",),
))

softsign = register(Activation(
    name="softsign", family="sigmoidal",
    expr=X / (1 + sp.Abs(X)),
    description="x/(1+|x|): a rational sigmoid-shaped map onto (-1, 1) with polynomial tails.",
    self_derivative=(1 - sp.Abs(Y))**2,
    references=("Bergstra et al., Quadratic polynomials learn better image features (2009)",),
))

logsigmoid = register(Activation(
    name="logsigmoid", aliases=("log_sigmoid",), family="sigmoidal",
    expr=-sp.log(1 + sp.exp(-X)),
    description="log(sigmoid(x)) = -softplus(-x), mapping R onto (-inf, 0).",
    self_derivative=1 - sp.exp(Y),
    self_derivative_note="logsigmoid'(x) = sigmoid(-x) = 1 - e^{f(x)}",
    references=("torch.nn.functional.logsigmoid",),
))

tanhshrink = register(Activation(
    name="tanhshrink", family="sigmoidal",
    expr=X - sp.tanh(X),
    description="x - tanh(x): flat at the origin (f'(0) = 0), asymptotically x -+ 1.",
    self_derivative=sp.tanh(X)**2,
    self_derivative_note="tanhshrink'(x) = tanh(x)^2",
    references=("torch.nn.functional.tanhshrink",),
))

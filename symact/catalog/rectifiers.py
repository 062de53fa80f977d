"""ReLU and its piecewise-linear / exponential-linear relatives."""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import Activation, Param, RandomForm, X, Y, register

ALPHA = sp.Symbol("alpha", positive=True)
ALPHA_NONNEG = sp.Symbol("alpha", nonnegative=True)


relu = register(Activation(
    name="relu", aliases=("rectifier", "rectified_linear"), family="rectifiers",
    expr=sp.Piecewise((0, X < 0), (X, True)),
    description="max(0, x): the rectified linear unit.",
    kink_derivatives={"torch": {0: 0}, "jax": {0: 0}, "tensorflow": {0: 0}, "sympy": {0: sp.Rational(1, 2)}},
    self_derivative_note="relu'(x) = 1 if relu(x) > 0 and 0 if relu(x) = 0 (away from the kink x = 0)",
    references=("Nair & Hinton, Rectified linear units improve restricted Boltzmann machines (2010)",
                "Glorot, Bordes, Bengio, Deep sparse rectifier neural networks (2011)"),
))

relu6 = register(Activation(
    name="relu6", family="rectifiers",
    expr=sp.Piecewise((0, X < 0), (X, X < 6), (6, True)),
    description="min(max(0, x), 6): ReLU capped at 6.",
    kink_derivatives={"torch": {0: 0, 6: 0}, "jax": {0: 0, 6: 0}},
    references=("Krizhevsky, Convolutional deep belief networks on CIFAR-10 (2010)",),
))

leaky_relu = register(Activation(
    name="leaky_relu", aliases=("leakyrelu", "lrelu"), family="rectifiers",
    params=(Param("alpha", sp.Rational(1, 100), "nonnegative", "slope for x < 0 (torch's negative_slope)"),),
    expr=sp.Piecewise((ALPHA_NONNEG * X, X < 0), (X, True)),
    convention="alpha = 0.01 follows PyTorch and JAX (negative_slope); Keras 3 uses 0.2, Keras 2 used 0.3",
    description="x for x >= 0 and alpha x for x < 0.",
    kink_derivatives={"torch": {0: ALPHA_NONNEG}, "jax": {0: 1}},
    references=("Maas, Hannun, Ng, Rectifier nonlinearities improve neural network acoustic models (2013)",),
))

_PRELU_ALPHA = sp.Symbol("alpha", real=True)  # learned: any real slope
prelu = register(Activation(
    name="prelu", family="rectifiers",
    params=(Param("alpha", sp.Rational(1, 4), "real", "learned slope for x < 0 (torch's PReLU init 0.25)"),),
    expr=sp.Piecewise((_PRELU_ALPHA * X, X < 0), (X, True)),
    convention="alpha = 0.25 is PyTorch's initial value of the learned slope (nn.PReLU(init=0.25))",
    description="Parametric ReLU: leaky ReLU whose slope alpha is learned; d/dalpha = x for x < 0, 0 for x > 0.",
    kink_derivatives={"torch": {0: _PRELU_ALPHA}},
    references=("He, Zhang, Ren, Sun, Delving deep into rectifiers (2015)",),
))

_RR_LOW, _RR_HIGH = sp.Symbol("lower", nonnegative=True), sp.Symbol("upper", nonnegative=True)
_RR_SLOPE = sp.Symbol("a", nonnegative=True)
rrelu = register(Activation(
    name="rrelu", aliases=("randomized_relu",), family="rectifiers",
    params=(Param("lower", sp.Rational(1, 8), "unit", "lower end of the training slope range"),
            Param("upper", sp.Rational(1, 3), "unit", "upper end of the training slope range")),
    param_order=(("lower", "<=", "upper"),),                # the training slope is drawn from U(lower, upper)
    expr=sp.Piecewise(((_RR_LOW + _RR_HIGH) / 2 * X, X < 0), (X, True)),
    convention="lower = 1/8, upper = 1/3 follow PyTorch; this expression is the deterministic test-time form",
    description="Randomized leaky ReLU at test time: slope (lower+upper)/2 for x < 0.",
    random_form=RandomForm(expr=sp.Piecewise((_RR_SLOPE * X, X < 0), (X, True)), symbol=_RR_SLOPE,
                           low="lower", high="upper",
                           description="training form: slope a ~ Uniform(lower, upper), drawn per element"),
    kink_derivatives={"torch": {0: (_RR_LOW + _RR_HIGH) / 2}},
    references=("Xu, Wang, Chen, Li, Empirical evaluation of rectified activations in convolutional network (2015)",),
))

elu = register(Activation(
    name="elu", family="rectifiers",
    params=(Param("alpha", 1, "positive", "negative saturation value is -alpha"),),
    expr=sp.Piecewise((ALPHA * (sp.exp(X) - 1), X < 0), (X, True)),
    convention="alpha = 1 follows the paper, PyTorch, JAX and Keras",
    description="Exponential linear unit: x for x >= 0, alpha (e^x - 1) for x < 0.",
    self_derivative=sp.Piecewise((Y + ALPHA, X < 0), (1, True)),
    self_derivative_note="elu'(x) = elu(x) + alpha for x < 0 and 1 for x > 0",
    kink_derivatives={"torch": {0: ALPHA}, "jax": {0: ALPHA}},
    references=("Clevert, Unterthiner, Hochreiter, Fast and accurate deep network learning by ELUs (2016)",),
))

_SCALE = sp.Symbol("scale", positive=True)
_SELU_ALPHA = sp.Rational("1.6732632423543772848170429916717")
_SELU_SCALE = sp.Rational("1.0507009873554804934193349852946")
selu = register(Activation(
    name="selu", family="rectifiers",
    params=(Param("alpha", _SELU_ALPHA, "positive", "self-normalising alpha (Klambauer et al. 2017, 32 digits)"),
            Param("scale", _SELU_SCALE, "positive", "self-normalising scale lambda (Klambauer et al. 2017, 32 digits)")),
    expr=_SCALE * sp.Piecewise((ALPHA * (sp.exp(X) - 1), X < 0), (X, True)),
    convention="constants to the 32 digits published with the paper's code; PyTorch/JAX round them to float",
    description="Scaled ELU with the self-normalising constants: scale * elu(x; alpha).",
    kink_derivatives={"torch": {0: _SCALE * ALPHA}, "jax": {0: _SCALE * ALPHA}},
    references=("Klambauer, Unterthiner, Mayr, Hochreiter, Self-normalizing neural networks (2017)",),
))

celu = register(Activation(
    name="celu", family="rectifiers",
    params=(Param("alpha", 1, "positive"),),
    expr=sp.Piecewise((ALPHA * (sp.exp(X / ALPHA) - 1), X < 0), (X, True)),
    convention="alpha = 1 follows the paper and PyTorch",
    description="Continuously differentiable ELU: max(0,x) + min(0, alpha (e^{x/alpha} - 1)); C1 for every alpha.",
    self_derivative=sp.Piecewise((Y / ALPHA + 1, X < 0), (1, True)),
    references=("Barron, Continuously differentiable exponential linear units (2017)",),
))

_THETA = sp.Symbol("theta", nonnegative=True)
thresholded_relu = register(Activation(
    name="thresholded_relu", aliases=("thresholdedrelu",), family="rectifiers",
    params=(Param("theta", 1, "nonnegative", "threshold: f(x) = x only for x > theta"),),
    expr=sp.Piecewise((X, X > _THETA), (0, True)),
    convention="theta = 1 follows ONNX's ThresholdedRelu (attribute alpha, default 1.0) and Keras 2's "
               "ThresholdedReLU (theta, default 1.0); f(theta) = 0 (x > theta is strict); theta = 0 is relu",
    description="x for x > theta, 0 otherwise: a rectifier with a jump from 0 to theta at x = theta.",
    references=("Konda, Memisevic, Krueger, Zero-bias autoencoders and the benefits of co-adapting features (2015)",
                "ONNX operator ThresholdedRelu"),
))

_MIN, _MAX = sp.Symbol("min_val", real=True), sp.Symbol("max_val", real=True)
hardtanh = register(Activation(
    name="hardtanh", aliases=("hard_tanh",), family="rectifiers",
    params=(Param("min_val", -1, "real"), Param("max_val", 1, "real")),
    expr=sp.Piecewise((_MIN, X < _MIN), (X, X < _MAX), (_MAX, True)),
    convention="min_val = -1, max_val = 1 follow PyTorch",
    param_order=(("min_val", "<", "max_val"),),             # torch.nn.Hardtanh asserts max_val > min_val
    description="clip(x, min_val, max_val).",
    kink_derivatives={"torch": {_MIN: 0, _MAX: 0}, "jax": {_MIN: 1, _MAX: 1}},
    references=("Collobert, Large scale machine learning (2004)",),
))

hardsigmoid = register(Activation(
    name="hardsigmoid", aliases=("hard_sigmoid",), family="rectifiers",
    expr=sp.Piecewise((0, X < -3), (X / 6 + sp.Rational(1, 2), X < 3), (1, True)),
    convention="PyTorch's relu6(x + 3)/6 (also JAX's hard_sigmoid and Keras 3); Keras 2's 0.2x + 0.5 is hardsigmoid_keras",
    description="Piecewise-linear sigmoid: clip(x/6 + 1/2, 0, 1).",
    kink_derivatives={"torch": {-3: 0, 3: 0}, "jax": {-3: 0, 3: 0}},
    references=("Howard et al., Searching for MobileNetV3 (2019)",),
))

hardsigmoid_keras = register(Activation(
    name="hardsigmoid_keras", aliases=("hard_sigmoid_keras",), family="rectifiers",
    expr=sp.Piecewise((0, X < -sp.Rational(5, 2)), (X / 5 + sp.Rational(1, 2), X < sp.Rational(5, 2)), (1, True)),
    convention="Keras 2 / TensorFlow 1: clip(0.2x + 0.5, 0, 1)",
    description="Keras 2's hard sigmoid: clip(0.2x + 0.5, 0, 1).",
    references=("Courbariaux, Bengio, David, BinaryConnect (2015)", "tf.keras.activations.hard_sigmoid (Keras 2)"),
))

hardswish = register(Activation(
    name="hardswish", aliases=("hard_swish",), family="rectifiers",
    expr=sp.Piecewise((0, X < -3), (X * (X + 3) / 6, X < 3), (X, True)),
    convention="PyTorch's x * relu6(x + 3)/6",
    description="x * hardsigmoid(x): a piecewise-quadratic Swish.",
    # measured on torch 2.13 (CPU, vectorised kernel) by `symact audit --framework torch`: 0 at -3 and 1 at 3;
    # ATen's scalar fallback (x < -3 ? 0 : x <= 3 ? x/3 + 1/2 : 1) would give -1/2 and 3/2
    kink_derivatives={"torch": {-3: 0, 3: 1}, "jax": {-3: 0, 3: 1}},
    references=("Howard et al., Searching for MobileNetV3 (2019)",),
))

"""ONNX Runtime: the ONNX activation operators, each run as a one-node model (built with ``onnx.helper``,
opset 20) through an ``InferenceSession`` on the CPU execution provider.  No autograd (ONNX Runtime's
training API is a separate package), so no derivative check.

Conventions (ONNX's own attribute defaults, written out).  Every float attribute is a 32-bit float, also in a
float64 model, so a parameter is audited at its float32 value: ``LeakyRelu`` alpha = float32(0.01);
``Selu`` alpha = float32(1.67326319...) and gamma = float32(1.05070102...) (the operator's documented
defaults); ``Elu``/``Celu`` alpha 1; ``PRelu`` with slope 0.25 (a scalar tensor input, in the model's format);
``HardSigmoid`` alpha 0.2, beta 0.5 = Keras 2's hard sigmoid (hardsigmoid_keras; float32 only, as its
slope float32(0.2) is not 0.2); ``HardSwish`` x relu6(x + 3)/6; ``Shrink`` bias 0, lambd 0.5 = hardshrink,
and with bias = lambd = 0.5 softshrink; ``Gelu`` approximate "none" -> gelu, "tanh" -> gelu_tanh;
``Softmax``/``LogSoftmax`` axis -1 (the default since opset 13).  ``ThresholdedRelu`` (x for x > alpha, else
0) at its default alpha = 1 is thresholded_relu (theta = 1, the catalog's default), and with alpha = 0 relu.
"""
from __future__ import annotations

import functools

import numpy as np

from symact.audit.backends.base import Backend, Row

OPSET = 20

#: (operator, attributes, catalog entry, params, formats, note)
TABLE = [
    ("Sigmoid", {}, "sigmoid", {}, None),
    ("Tanh", {}, "tanh", {}, None),
    ("Relu", {}, "relu", {}, None),
    ("LeakyRelu", {}, "leaky_relu", {"alpha": repr(float(np.float32(0.01)))}, None),
    ("PRelu", {}, "prelu", {"alpha": "0.25"}, None),
    ("Elu", {}, "elu", {}, None),
    ("Selu", {}, "selu", {"alpha": repr(float(np.float32(1.67326319217681884765625))),
                         "scale": repr(float(np.float32(1.05070102214813232421875)))}, None),
    ("Celu", {}, "celu", {}, None),
    ("Softplus", {}, "softplus", {}, None),
    ("Softsign", {}, "softsign", {}, None),
    ("HardSigmoid", {}, "hardsigmoid_keras", {}, ("float32",)),
    ("HardSwish", {}, "hardswish", {}, None),
    ("Mish", {}, "mish", {}, None),
    ("Gelu", {}, "gelu", {}, None),
    ("Gelu", {"approximate": "tanh"}, "gelu_tanh", {}, None),
    ("ThresholdedRelu", {}, "thresholded_relu", {}, None),
    ("ThresholdedRelu", {"alpha": 0.0}, "relu", {}, None),
    ("Shrink", {}, "hardshrink", {}, None),
    ("Shrink", {"bias": 0.5, "lambd": 0.5}, "softshrink", {}, None),
    ("Softmax", {}, "softmax", {}, None),
    ("LogSoftmax", {}, "log_softmax", {}, None),
]


class OnnxRuntimeBackend(Backend):
    name = "onnxruntime"
    module = "onnxruntime"
    prefixes = ("onnxruntime",)

    def available(self) -> bool:
        import importlib.util

        return super().available() and importlib.util.find_spec("onnx") is not None

    def operator(self, op_type: str, **attrs):
        """A callable running the one-node model ``op_type(x; attrs)`` on a NumPy array (one session per
        input format, built on first use)."""
        return _operator(op_type, tuple(sorted(attrs.items())))

    def rows(self) -> list[Row]:
        out = []
        for op, attrs, entry, params, formats in TABLE:
            fn = self.operator(op, **attrs)
            if formats is None and not _supports(op, tuple(sorted(attrs.items())), "float64"):
                formats = ("float32",)       # ONNX Runtime has no float64 kernel for the operator
            shown = ", ".join(f"{k}={v!r}" for k, v in attrs.items())
            out.append(Row(f"onnx {op}" + (f" ({shown})" if shown else ""), fn, entry, dict(params), kind="numpy",
                           formats=formats))
        return out


@functools.lru_cache(maxsize=None)
def _operator(op_type: str, attrs: tuple):
    sessions: dict = {}

    def run(x):
        x = np.asarray(x)
        key = x.dtype.name
        if key not in sessions:
            sessions[key] = _session(op_type, attrs, key)
        return sessions[key].run(None, {"x": x})[0]

    run.__module__ = __name__
    run.__qualname__ = f"BACKEND.operator({op_type!r}{''.join(f', {k}={v!r}' for k, v in attrs)})"
    return run


def _session(op_type: str, attrs: tuple, fmt_name: str):
    import onnxruntime as ort
    from onnx import TensorProto, helper

    elem = {"float32": TensorProto.FLOAT, "float64": TensorProto.DOUBLE, "float16": TensorProto.FLOAT16}[fmt_name]
    inputs, inits = ["x"], []
    if op_type == "PRelu":
        inputs.append("slope")
        inits.append(helper.make_tensor("slope", elem, [], [0.25]))      # a scalar: broadcast to any shape
    node = helper.make_node(op_type, inputs, ["y"], **dict(attrs))
    graph = helper.make_graph([node], op_type, [helper.make_tensor_value_info("x", elem, None)],
                              [helper.make_tensor_value_info("y", elem, None)], initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = min(model.ir_version, 10)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])


def _supports(op_type: str, attrs: tuple, fmt_name: str) -> bool:
    try:
        _session(op_type, attrs, fmt_name)
    except Exception:  # noqa: BLE001 - ONNX Runtime refuses a model it has no kernel for
        return False
    return True


BACKEND = OnnxRuntimeBackend()

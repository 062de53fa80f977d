"""symact: prove things about neural-network activation functions and audit their implementations.

    >>> import symact
    >>> symact.get("silu").derivative()                  # the catalog
    >>> symact.analyze("silu").text()                    # every property, proved or refuted
    >>> symact.analyze(expr="x*atan(x)")                 # any expression in x
    >>> symact.audit(my_gelu, "gelu", dtype=np.float32)  # audit an implementation

The catalog, verdict types and errors load with the package; the heavier parts load on first use:
``symact.analyze`` (property report, :mod:`symact.properties`), ``symact.decide`` (general deciders),
``symact.audit`` (callable: ``symact.audit(fn, "gelu", dtype="float32")``) and ``symact.testing``.
"""
from importlib import import_module

from symact.catalog import X, Y, Activation, Param, VectorActivation, entries, get, names
from symact.errors import ExpressionError, ParameterError, SymactError, UnknownActivationError
from symact.verdict import Certificate, Derivation, Step, Verdict

__version__ = "0.1.0"

#: lazily loaded public names -> (module, attribute or None for the module itself)
_LAZY = {
    "analyze": ("symact.properties", "analyze"),
    "properties": ("symact.properties", None),
    "decide": ("symact.decide", None),
    "audit": ("symact.audit", None),
    "testing": ("symact.testing", None),
}


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'symact' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = import_module(module_name)
    return module if attribute is None else getattr(module, attribute)


__all__ = ["X", "Y", "Activation", "Param", "VectorActivation", "entries", "get", "names", "ExpressionError",
           "ParameterError", "SymactError", "UnknownActivationError", "Certificate", "Derivation", "Step", "Verdict",
           *_LAZY]

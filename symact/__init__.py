"""symact: prove things about neural-network activation functions and audit their implementations."""
from symact.catalog import X, Y, Activation, Param, VectorActivation, entries, get, names
from symact.errors import ExpressionError, ParameterError, SymactError, UnknownActivationError
from symact.verdict import Certificate, Derivation, Step, Verdict

__version__ = "0.1.0"

__all__ = ["X", "Y", "Activation", "Param", "VectorActivation", "entries", "get", "names", "ExpressionError",
           "ParameterError", "SymactError", "UnknownActivationError", "Certificate", "Derivation", "Step", "Verdict"]

"""Numerics for the catalog.

* :mod:`symact.numeric.twins` - numerically stable NumPy twins ``twin(name) -> Twin`` (f, f', jvp for vectors);
* :mod:`symact.numeric.reference` - correctly rounded mpmath references compiled from the SymPy expressions
  (``reference(name, params, order)``, ``vector_reference(name, n)``);
* :mod:`symact.numeric.kinks` - derivative values at kinks from the catalog's framework conventions;
* :mod:`symact.numeric.special` - vectorised erf/erfc (Cody) and stable sigmoid pieces;
* :mod:`symact.numeric.mpcompile` - SymPy expression -> mpmath evaluator (closures, no code generation).

The accuracy standard the twins are held to is :mod:`symact.accuracy`.
"""
from symact.numeric.twins import Twin, twin

__all__ = ["Twin", "twin"]

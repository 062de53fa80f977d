"""Numerics: stable NumPy twins of the catalog (:mod:`.twins`) and mpmath references (:mod:`.reference`)."""
from symact.numeric.twins import Twin, twin

__all__ = ["Twin", "twin", "reference", "Reference"]


def __getattr__(name):  # the reference pulls in mpmath machinery; load it on first use
    if name in ("reference", "Reference", "vector_reference"):
        from symact.numeric import reference as _ref

        return getattr(_ref, name if name != "reference" else "reference")
    raise AttributeError(name)

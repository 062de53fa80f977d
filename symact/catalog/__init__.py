"""The catalog: every activation symact knows, one registry entry each (see :mod:`.registry`).

Importing the family modules registers their entries; the import order is the catalog order.
"""
from symact.catalog import sigmoidal  # noqa: F401  (registration, in catalog order)
from symact.catalog import rectifiers  # noqa: F401
from symact.catalog import smooth  # noqa: F401
from symact.catalog import shrink  # noqa: F401
from symact.catalog import vector  # noqa: F401
from symact.catalog.registry import (X, Y, Activation, Entry, Param, RandomForm, VectorActivation, all_names,
                                     entries, get, names)

__all__ = ["X", "Y", "Activation", "Entry", "Param", "RandomForm", "VectorActivation", "all_names", "entries",
           "get", "names"]

"""The kernel's work meter: a count of the work the kernel has done in this process.

One unit per node enclosed (:func:`symact.kernel.evaluate.enclose`, each call on a term or a part of it) and
:data:`PER_PRODUCT` units per product formed by the algebra's expansions
(:meth:`symact.kernel.algebra.Normalizer.expand`): the two steps that take almost all of the kernel's time.  The
count depends only on what is computed, never on the machine or its load, so a search that pays its budget
from the meter (:class:`symact.decide.certify.Search`) stops at the same point on an idle machine and under
full load, where a budget of CPU seconds stops it where the load says.  No verdict of the kernel reads it.
One count for the process, not one per thread: a search may run inside a step's worker thread
(:func:`symact.budget.run_with_budget`) and the kernel's work it asks for there is the search's too.
"""
from __future__ import annotations

#: units per product formed by an expansion (an expansion's product costs about three node enclosures)
PER_PRODUCT = 3

_count = 0


def add(units: int) -> None:
    """Count ``units`` of work done."""
    global _count
    _count += units


def reading() -> int:
    """The units counted so far."""
    return _count

"""The exact values: the vectorised float64 interval tier (:mod:`.f64`), the double-double tier
(:mod:`.dd`) and, on top, the :class:`~.oracle.Oracle` that falls back point by point to certified arb/mpmath
values.  ``f64`` imports nothing above it, ``dd`` only ``f64``, ``oracle`` both."""

"""Certified interval arithmetic (python-flint ``arb``) for the deciders.

* :func:`arb_function` / :func:`arb_constant` / :func:`compare_constants` -- enclosures of SymPy expressions;
* :func:`sign_on_interval` -- certified sign by bisection (proof, certified counterexample, or unknown);
* :func:`isolate_roots` -- certified isolation and refinement of zeros;
* :func:`enclose_extremum` -- certified enclosure of a max / min and its location.

Everything raises :class:`NotEnclosable` or returns an ``unknown`` status when it cannot certify; nothing here
ever reports a claim that the arithmetic did not certify.
"""
from symact.interval.evaluate import (DEFAULT_PREC, ArbFunction, NotEnclosable, arb_constant, arb_function,
                                      ball_from_fractions, certainly_less, compare_constants, is_smooth,
                                      working_precision)
from symact.interval.bisect import (Counterexample, Extremum, IntervalResult, RootEnclosure, enclose_extremum,
                                    isolate_roots, sign_on_interval)

__all__ = ["DEFAULT_PREC", "ArbFunction", "NotEnclosable", "arb_constant", "arb_function", "ball_from_fractions",
           "certainly_less", "compare_constants", "is_smooth", "working_precision", "Counterexample",
           "Extremum", "IntervalResult", "RootEnclosure", "enclose_extremum", "isolate_roots",
           "sign_on_interval"]

"""Certified interval arithmetic (python-flint ``arb``) for the deciders.

* :func:`arb_function` / :func:`arb_constant` / :func:`compare_constants` -- enclosures of SymPy expressions;
* :func:`arb_at` / :func:`exact_ball` / :func:`ball_text` -- one evaluation at an exact point or a ball
  (compiled functions cached), exact numbers as balls, and balls as text;
* :func:`sign_on_interval` -- certified sign by bisection (proof, certified counterexample, or unknown);
* :func:`isolate_roots` -- certified isolation and refinement of zeros;
* :func:`enclose_extremum` -- certified enclosure of a max / min and its location.

Everything raises :class:`NotEnclosable` or returns an ``unknown`` status when it cannot certify; nothing here
ever reports a claim that the arithmetic did not certify.

Limits (all make results *unknown* or wider, never wrong):

* balls are midpoint-radius with 30-bit radii, so an interval is represented exactly only when its ends are
  dyadic with a short difference (bisection boxes of integer or dyadic ends are); a domain boundary at a
  non-dyadic point (``sqrt(x - 1/10)`` at ``x = 1/10``) cannot be evaluated there;
* ranges spanning hundreds of orders of magnitude (``exp(exp(x))`` on wide balls) lose sign information;
* at a Piecewise boundary both neighbouring branches are evaluated on the closed boundary point, so a branch
  undefined there (``log(x)`` for ``x > 0``) makes boxes touching the boundary not enclosable;
* uniqueness of roots and the mean-value form need a box on which the expression is one smooth branch; roots
  at kinks, multiple roots, and intervals of zeros stay unresolved; zeros touching a bound make
  :func:`sign_on_interval` return ``unknown`` (the deciders treat them symbolically);
* :func:`enclose_extremum` reports the supremum/infimum over the closed interval (for discontinuous
  Piecewise expressions this may be a limit that is not attained).
"""
from symact.interval.evaluate import (DEFAULT_PREC, ArbFunction, NotEnclosable, arb_at, arb_constant,
                                      arb_function, ball_from_fractions, ball_text, certainly_less,
                                      compare_constants, exact_ball, is_smooth, working_precision)
from symact.interval.bisect import (Counterexample, Extremum, IntervalResult, RootEnclosure, enclose_extremum,
                                    isolate_roots, sign_on_interval)

__all__ = ["DEFAULT_PREC", "ArbFunction", "NotEnclosable", "arb_at", "arb_constant", "arb_function",
           "ball_from_fractions", "ball_text", "certainly_less", "compare_constants", "exact_ball", "is_smooth",
           "working_precision", "Counterexample", "Extremum", "IntervalResult", "RootEnclosure", "enclose_extremum",
           "isolate_roots", "sign_on_interval"]

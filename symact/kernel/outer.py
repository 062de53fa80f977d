"""The proof rule ``outer``: f(u) - f(v) REL 0 from u - v REL' 0 for a strictly monotone function f.

A claim whose two sides are the same strictly monotone function of two arguments (tanh(0.4999999999999999 x)
< tanh(x/2) on x > 0, exp(0.9999999999999999999 x) <= exp(x) on x >= 0) or that compares f(u) with a constant
f(v) (tanh(sin x) >= -tanh(1) = tanh(-1), attained at the irrational points -pi/2 + 2 pi k, where no enclosure
of the difference settles it) is decided by its arguments alone.

The node is ``{"rule": "outer", "fn": f, "u": U, "v": V, "by": N}``, or for a power t^k (k rational, not 0)
``{"rule": "outer", "fn": "pow", "power": "k", ...}`` (sigmoid(0.99 x) <= sigmoid(x) on x > 0: (1 + e^(-0.99 x))^-1
against (1 + e^-x)^-1); on the piece P what is checked:

* **f is strictly monotone on its natural domain**: the record of f (:mod:`symact.functions`) has
  ``monotone`` +1 (increasing) or -1 (decreasing); tests/test_functions.py checks that each such record is
  strictly monotone against its definition, and every natural domain is an interval.  t^k = exp(k log t) is
  strictly increasing on (0, oo) for k > 0 and decreasing for k < 0;
* **u and v lie in f's domain at every point of P, and the difference is defined on P**: the kernel's
  enclosures of f(U) and f(V) on P exist (an enclosure of f(w) raises unless w certainly lies in f's domain)
  and so does that of the difference d; for a power, the enclosures of U and V on P are certainly > 0;
* **d = f(U) - f(V) on P**: d's smooth form on P is the term f(U) - f(V) itself, or their difference is 0 by
  :mod:`symact.kernel.algebra` (both are defined on all of P, so they are equal there; the algebra knows
  f(-w) = -f(w) for odd f);
* **the sub-node N proves U - V REL' 0 on P**, with REL' = REL for an increasing f and the converse relation
  (``<`` for ``>``, ...) for a decreasing one.

Then at each x in P: for increasing f, u < v gives f(u) < f(v), u <= v gives f(u) <= f(v), u = v gives
f(u) = f(v), and likewise for > and >=; a decreasing f reverses them.  So d REL 0 on P.
"""
from __future__ import annotations

from fractions import Fraction

from symact.functions import REGISTRY
from symact.kernel import algebra
from symact.kernel.between import node_term
from symact.kernel.evaluate import enclose, smooth_form
from symact.kernel.pieces import CLAIM_RELATIONS, Rejected, piece_text
from symact.kernel.terms import CONVERSE, FUNCTIONS, TermError, fn, parse_rational, rational_text, show, sub


def reduce_outer(node: dict, d, rel: str, p) -> tuple[tuple, str, str]:
    """(U - V, REL', the step checked as a sentence) for an ``outer`` node proving d REL 0 on the piece p, once
    every side condition above holds; Rejected otherwise.  The caller proves U - V REL' 0 on p by node["by"]."""
    name = node.get("fn")
    if rel not in CLAIM_RELATIONS:
        raise Rejected(f"outer proves < <= > >= ==, not {rel!r}")
    u, v = (node_term(node, key, "outer") for key in ("u", "v"))
    if name == "pow":
        k = _power(node)
        fu, fv, up, what = ("pow", u, k), ("pow", v, k), k > 0, f"t^({rational_text(k)}) (t > 0)"
        if any(enclose(w, p).sign() <= 0 for w in (u, v)):
            raise Rejected(f"outer with a power needs both bases certainly > 0 on {piece_text(p)}")
    elif name in FUNCTIONS and REGISTRY[name].monotone in (1, -1):
        fu, fv, up, what = fn(name, u), fn(name, v), REGISTRY[name].monotone > 0, name
    else:
        raise Rejected(f"outer needs a power or a strictly monotone function of the kernel, not {name!r}")
    for t in (fu, fv, d):
        enclose(t, p)  # defined at every point of p: u and v in f's domain
    h = smooth_form(d, p, strict=False)
    if h != sub(fu, fv) and not algebra.is_zero(sub(h, sub(fu, fv)), p):
        raise Rejected(f"the difference is not {show(fu)} - {show(fv)} on {piece_text(p)} by exact algebra")
    inner = rel if up else CONVERSE[rel]
    said = (f"On {piece_text(p)}: the difference is {show(fu)} - {show(fv)} (the same term, or by exact algebra) "
            f"and {what} is strictly {'increasing' if up else 'decreasing'}, so it is {rel} 0 where "
            f"{show(u)} - {show(v)} {inner} 0:")
    return sub(u, v), inner, said


def _power(node: dict) -> Fraction:
    """The exponent k (rational, not 0) of an ``outer`` node over a power, or Rejected."""
    try:
        k = parse_rational(node.get("power"))
    except TermError as exc:
        raise Rejected(f"outer's power is not a rational: {exc}") from None
    if k == 0:
        raise Rejected("outer's power must not be 0 (t^0 is constant)")
    return k

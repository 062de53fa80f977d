"""What the kernel must confirm before a property report may state it.

The property engine decides on the function SymPy holds; two of its conclusions are re-checked here with the
trusted kernel (:mod:`symact.kernel`), and withdrawn (made ``unknown``, with the reason) when the kernel does
not confirm them:

* every property is about f on all of R: if the kernel finds a point where f is certainly undefined (a
  Piecewise without a branch there, a logarithm of a non-positive number, a zero denominator), no property is
  stated; the report says where f is undefined (``symact check "... for x > 0"`` decides claims on a domain);
* "not differentiable at x0" (and the smoothness class that rests on it) only where the kernel certifies that
  the difference quotient does not converge at x0 (a jump, or different one-sided derivatives), so a 0/0 in a
  derivative *formula* is not reported as a corner of the function.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from symact.catalog import X
from symact.verdict import Verdict

_R = (None, None, False, False)


def gate(expr: sp.Expr, verdicts: dict[str, Verdict]) -> dict[str, Verdict]:
    from symact.decide.certify import Search
    from symact.kernel.evaluate import undefined_reason
    from symact.kernel.terms import TermError, from_sympy

    try:
        term = from_sympy(expr, X)
    except TermError:
        return verdicts
    probe = Search(term, "==", term, [_R])
    for x0 in probe.quick_points():
        why = undefined_reason(term, x0)
        if why:
            reason = (f"f is undefined at x = {x0} ({why}); properties are stated only for functions defined on "
                      f"all of R (decide claims on a domain with symact check \"... for x > 0\")")
            return {k: _withdrawn(v, reason) for k, v in verdicts.items()}
    out = dict(verdicts)
    diff = out.get("differentiable")
    if diff is not None and diff.status == "refuted" and isinstance(diff.value, list):
        for p in diff.value:
            x0 = _rational(p)
            why = None if x0 is None else undefined_reason(("deriv", term), x0)
            if not why:
                reason = f"the kernel could not confirm that f is not differentiable at {_label(p)}"
                out["differentiable"] = _withdrawn(diff, reason)
                if "continuity" in out and out["continuity"].status == "proved" and out["continuity"].value != "Cinf":
                    out["continuity"] = _withdrawn(out["continuity"], reason)
                break
    return out


def _withdrawn(v: Verdict, reason: str) -> Verdict:
    return Verdict("unknown", v.statement, v.latex, v.method, seconds=v.seconds, reason=reason)


def _rational(p) -> Fraction | None:
    text = p.get("exact") if isinstance(p, dict) else p
    if not isinstance(text, str):
        return None
    try:
        return Fraction(text)
    except ValueError:
        return None


def _label(p) -> str:
    return str(p.get("exact") or p.get("float") or p) if isinstance(p, dict) else str(p)

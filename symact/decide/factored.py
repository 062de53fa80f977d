"""Factored forms of the polynomials under roots, for an ``algebra`` node's ``"factored"`` list.

Search only: the kernel does not factor (:mod:`symact.kernel.algebra`, "Factored forms"); it replaces a
polynomial p under a root by a form F the certificate gives only when F expands to exactly p.  Here the
kernel's own normalizer runs on the term the ``algebra`` rule will normalise, and at each polynomial under a
root proposes SymPy's square-free decomposition c f_1^k_1 ... f_m^k_m (when some k_i >= 2), so that the
certificate names exactly the forms the kernel's check will meet: sqrt(x^2 - 2x + 1) = |x - 1| on (-oo, 1)
with F = (x - 1)^2.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from symact.kernel import algebra
from symact.kernel.evaluate import smooth_form
from symact.kernel.functions import FUNCTIONS
from symact.kernel.ivals import Uncertain
from symact.kernel.terms import from_json, from_sympy, mul, num, to_json

#: highest degree of a polynomial under a root that is factored
MAX_FACTOR_DEGREE = 32


class _Factoring(algebra.Normalizer):
    """The kernel's normalizer, which proposes a square-free decomposition at each polynomial under a root and
    keeps those the kernel's own check (:meth:`~symact.kernel.algebra.Normalizer.factored_form`) accepts."""

    def __init__(self, t, piece):
        super().__init__(t, piece)
        self.found: list = []

    def factored_form(self, base):
        n, d = self.nd(base)
        if d != 1 or not n.free_symbols <= {self.x} or sp.degree(n, self.x) > MAX_FACTOR_DEGREE:
            return None
        c, factors = sp.Poly(n, self.x).sqf_list()
        if all(k == 1 for _, k in factors):
            return None
        parts = [from_sympy(f.as_expr(), self.x) if k == 1 else ("pow", from_sympy(f.as_expr(), self.x), Fraction(k))
                 for f, k in factors]
        form = mul(num(Fraction(int(c.p), int(c.q))), *parts) if c != 1 else mul(*parts)
        self.factored = (form,)
        if super().factored_form(base) is None:
            return None
        if form not in self.found:
            self.found.append(form)
        return form


def factored_forms(node: dict, d, p) -> list:
    """The ``"factored"`` list (JSON) for the ``algebra`` node ``node`` proving d == 0 on the piece p: the forms
    its normalisation of d's smooth form on p (with the node's ``nonzero`` signs) uses; [] when none."""
    known = {from_json(item["term"]): item["rel"] for item in node.get("nonzero", [])}
    try:
        g = smooth_form(d, p, strict=False, known=known)
        if not _may_meet_roots(g):
            return []
        normalizer = _Factoring(g, p)
        normalizer.run()
    except (Uncertain, ZeroDivisionError, RecursionError, ValueError):
        return []
    return [to_json(f) for f in normalizer.found]


def _may_meet_roots(t) -> bool:
    """Whether the normalisation of t may meet a non-integer power: one in t, or in the formula of a function of
    t that the normalizer rewrites (acosh u = log(u + sqrt(u^2 - 1)))."""
    if not isinstance(t, tuple):
        return False
    if t[0] == "pow" and t[2].denominator != 1:
        return True
    if t[0] == "fn":
        record = FUNCTIONS[t[1]]
        if any(_may_meet_roots(f) for f in (record.rewrite, record.exp_of and record.exp_of[0]) if f):
            return True
    return any(_may_meet_roots(a) for a in t[1:])

"""The certificate search for an integral claim ``integrate(f, x, lo, hi) REL c`` (:mod:`symact.kernel.integral_claim`).

SymPy's ``integrate`` *proposes* an antiderivative F; the kernel's rule ftc decides whether F' is the integrand
on the closed interval, and the value G(hi) - G(lo) is compared with c by the ordinary search (a claim about
constants at x = 0).
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from symact.budget import run_with_budget
from symact.catalog.registry import X
from symact.decide.certify import Search
from symact.kernel import Rejected, check
from symact.kernel.pieces import FORMAT
from symact.kernel.evaluate import GermUndefined, point
from symact.kernel.integral_claim import ftc
from symact.kernel.ivals import Uncertain
from symact.kernel.terms import TermError, rational_text, to_json
from symact.sympy_terms import from_sympy

#: CPU seconds SymPy may spend proposing an antiderivative
PROPOSE_SECONDS = 5.0


def integral_search(integrand: sp.Expr, f, lo: Fraction, hi: Fraction, rel: str, rhs, work: int,
                    prove: bool = True):
    """(verdict, certificate, checked steps) or (None, None, reason): ``integrand`` is f (the kernel term) as
    SymPy's evaluated expression in x, from which SymPy proposes the antiderivative."""
    try:
        done, proposed = run_with_budget(lambda: sp.integrate(integrand, X), PROPOSE_SECONDS)
    except (AttributeError, TypeError, ValueError, ArithmeticError, NotImplementedError, RecursionError,
            BasePolynomialError) as exc:  # SymPy's own failures (0**x: 'NaN' object has no attribute 'function')
        return None, None, f"SymPy proposes no antiderivative ({type(exc).__name__}: {exc})"
    if not done or proposed.has(sp.Integral):
        return None, None, "no antiderivative proposed"
    try:
        big_f = from_sympy(proposed, X)
        _, _, value = ftc(f, big_f, lo, hi)
    except (TermError, Rejected, Uncertain, GermUndefined, ZeroDivisionError) as exc:
        return None, None, f"the proposed antiderivative {proposed} is not checked on the interval: {exc}"
    verdict, value_cert, reason = Search(value, rel, rhs, [point(Fraction(0))], work=work).run(prove)
    if verdict is None:
        return None, None, reason
    cert = {"format": FORMAT, "verdict": verdict,
            "claim": {"var": "x", "integral": to_json(f), "lo": rational_text(lo), "hi": rational_text(hi),
                      "rel": rel, "rhs": to_json(rhs)},
            "proof": {"rule": "ftc", "antiderivative": to_json(big_f), "value": value_cert["proof"]}}
    try:
        _, steps = check(cert)
    except Rejected as exc:
        return None, None, f"the kernel rejects the certificate: {exc}"
    return verdict, cert, steps

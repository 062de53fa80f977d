"""Factored forms of a polynomial in sin u and cos u, using sin^2 + cos^2 = 1 (search only: proposals).

A bound of a trigonometric polynomial that is attained at irrational points (sin^6 x + cos^6 x >= 1/4 at pi/4,
sin x cos^2 x <= 2 sqrt(3)/9 where sin x = 1/sqrt 3) is settled by no enclosure of the difference; a factored
form with squares is (3/4 (sin^2 x - cos^2 x)^2 (sin^2 x + cos^2 x) >= 0 term by term).  Two ways to find one,
with S = sin u, C = cos u:

* homogenise: every monomial of degree k in S, C times (S^2 + C^2)^((n - k)/2) (n the top degree, all degrees of
  one parity), then factor (sin x cos x - 1/2 = -(S - C)^2/2 (S^2 + C^2)^0);
* eliminate: C^2 = 1 - S^2 (or S^2 = 1 - C^2) where the other one then occurs only in even powers, then factor
  the polynomial in one variable over the field of its coefficients (sqrt(3) included).

The kernel re-checks every proposal's equality (its algebra reduces modulo sin^2 + cos^2 - 1).
"""
from __future__ import annotations

import sympy as sp

_S, _C = sp.symbols("S C", real=True)


def circle_forms(e: sp.Expr) -> list[sp.Expr]:
    """Factored forms equal to e when e is a polynomial in sin u and cos u for one argument u, else []."""
    args = {f.args[0] for f in e.atoms(sp.sin, sp.cos)}
    if len(args) != 1:
        return []
    u = args.pop()
    p = e.subs({sp.sin(u): _S, sp.cos(u): _C})
    if not p.free_symbols <= {_S, _C} or not p.is_polynomial(_S, _C):
        return []
    poly = sp.Poly(sp.expand(p), _S, _C)
    forms = [_homogenised(poly), _eliminated(poly, _C, _S), _eliminated(poly, _S, _C)]
    back = {_S: sp.sin(u), _C: sp.cos(u)}
    return [f.subs(back) for f in forms if f is not None]


def _homogenised(poly: sp.Poly) -> sp.Expr | None:
    degrees = {sum(m) for m in poly.monoms()}
    top = max(degrees)
    if len({k % 2 for k in degrees}) != 1 or len(degrees) == 1:
        return None
    h = sum(c * _S ** i * _C ** j * (_S ** 2 + _C ** 2) ** ((top - i - j) // 2)
            for (i, j), c in zip(poly.monoms(), poly.coeffs()))
    return sp.factor(sp.expand(h))


def _eliminated(poly: sp.Poly, gone: sp.Symbol, kept: sp.Symbol) -> sp.Expr | None:
    """poly with gone^2 = 1 - kept^2, factored, when gone occurs only in even powers."""
    k = poly.gens.index(gone)
    if any(m[k] % 2 for m in poly.monoms()):
        return None
    one = sp.expand(sum(c * kept ** m[1 - k] * (1 - kept ** 2) ** (m[k] // 2)
                        for m, c in zip(poly.monoms(), poly.coeffs())))
    # the algebraic constants (sqrt(3)) extend the field; pi^2 is no algebraic number, and stays a symbol for factor
    constants = sorted({a for a in one.atoms(sp.Pow) if not a.free_symbols and a.is_algebraic}, key=str)
    return sp.factor(one, extension=constants or None)

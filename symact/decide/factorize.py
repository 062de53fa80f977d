"""Sign-preserving factorisation: write f = c * prod g_i^{k_i} with exponentials turned into positive symbols.

Hyperbolic functions are rewritten in ``exp``; every ``exp(a)`` is split over the terms of ``a`` and each
family ``exp(c * m)`` (same monomial m, rational c) becomes a power of one positive symbol t = exp(g m).
Other non-polynomial parts (erf, log, sqrt(pi), ...) become opaque symbols, so the whole expression is a
rational function that SymPy can factor exactly; the factors are then mapped back.  Every step is an exact
identity, so the sign of f is the product of the signs of its factors.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import sympy as sp

_HYPERBOLIC = (sp.tanh, sp.sinh, sp.cosh, sp.coth, sp.sech, sp.csch)


@dataclass(frozen=True)
class Factor:
    """``expr`` (in the variable, exponentials restored) raised to ``exponent`` (negative: a denominator).

    ``poly_form`` is the same factor with t = exp(...) symbols and opaque atoms (for structural checks);
    ``exp_bases`` maps each t symbol to the exponential it stands for.
    """

    expr: sp.Expr
    exponent: int
    poly_form: sp.Expr
    exp_bases: dict


@dataclass(frozen=True)
class Factorization:
    constant: sp.Expr
    factors: tuple[Factor, ...]
    substitution: dict  # t symbol -> exp(...)

    def product(self) -> sp.Expr:
        return self.constant * sp.Mul(*[f.expr ** f.exponent for f in self.factors])


def rewrite_hyperbolic(expr: sp.Expr) -> sp.Expr:
    heads = [a for a in expr.atoms(*_HYPERBOLIC)]
    if not heads:
        return expr
    return expr.xreplace({a: a.rewrite(sp.exp) for a in heads})


def _rational_gcd(values: list[sp.Rational]) -> sp.Rational:
    num = reduce(sp.igcd, [int(abs(v.p)) for v in values])
    den = reduce(sp.ilcm, [int(v.q) for v in values])
    return sp.Rational(num, den)


def exp_substitution(expr: sp.Expr, var: sp.Symbol) -> tuple[sp.Expr, dict]:
    """Replace exponentials by powers of positive symbols; returns (new expr, {t: exp(base)})."""
    exps = [e for e in expr.atoms(sp.exp) if var in e.free_symbols]
    if not exps:
        return expr, {}
    families: dict[sp.Expr, list[sp.Rational]] = {}
    split: dict[sp.Expr, list[tuple[sp.Rational, sp.Expr]]] = {}
    for e in exps:
        terms = []
        for term in sp.Add.make_args(sp.expand(e.args[0])):
            coeff, mono = term.as_coeff_Mul()
            if not coeff.is_Rational:
                coeff, mono = sp.Integer(1), term
            terms.append((coeff, mono))
            if var in mono.free_symbols:
                families.setdefault(mono, []).append(coeff)
        split[e] = terms
    symbols: dict[sp.Expr, tuple[sp.Symbol, sp.Rational]] = {}
    sub: dict[sp.Symbol, sp.Expr] = {}
    for i, (mono, coeffs) in enumerate(sorted(families.items(), key=lambda kv: sp.default_sort_key(kv[0]))):
        g = _rational_gcd(coeffs)
        t = sp.Dummy(f"t{i}", positive=True)
        symbols[mono] = (t, g)
        sub[t] = sp.exp(g * mono)
    repl = {}
    for e, terms in split.items():
        repl[e] = sp.Mul(*[(symbols[mono][0] ** int(coeff / symbols[mono][1])) if var in mono.free_symbols
                           else sp.exp(coeff * mono) for coeff, mono in terms])
    # replace innermost first so nested exponentials are handled consistently
    return expr.xreplace(repl), sub


def atomize(expr: sp.Expr, keep: set, roots: dict | None = None) -> tuple[sp.Expr, dict]:
    """Replace every non-polynomial part (outside ``keep`` symbols) by a fresh symbol; returns (expr, back).

    Fractional powers b^(p/q) of one base b share one symbol s = b^(1/q) (so s^q = b can be used to
    reduce); with ``roots`` given, ``roots[s] = (q, b)`` records that relation (b atomized too).
    """
    back: dict[sp.Symbol, sp.Expr] = {}
    seen: dict[sp.Expr, sp.Symbol] = {}
    denominators: dict[sp.Expr, int] = {}
    for e in expr.atoms(sp.Pow):
        if e.exp.is_Rational and not e.exp.is_Integer and e.base.free_symbols - {None}:
            denominators[e.base] = sp.ilcm(denominators.get(e.base, 1), int(e.exp.q))

    def walk(e: sp.Expr) -> sp.Expr:
        if e.is_Rational or e in keep:
            return e
        if e.is_Add or e.is_Mul:
            return e.func(*[walk(a) for a in e.args])
        if e.is_Pow and e.exp.is_Integer:
            return walk(e.base) ** e.exp
        if roots is not None and e.is_Pow and e.base in denominators and e.exp.is_Rational:
            q = denominators[e.base]
            unit = e.base ** sp.Rational(1, q)
            if unit not in seen:
                d = sp.Dummy("s", positive=True) if e.base.is_positive else sp.Dummy("s", real=True)
                seen[unit] = d
                back[d] = unit
                roots[d] = (q, walk(e.base))
            return seen[unit] ** int(e.exp * q)
        if e not in seen:
            d = sp.Dummy("a", positive=True) if e.is_positive else sp.Dummy("a", real=True)
            seen[e] = d
            back[d] = e
        return seen[e]

    return walk(expr), back


def factorize(expr: sp.Expr, var: sp.Symbol) -> Factorization:
    """Exact factorisation; may be slow on large inputs, so call it under a time budget."""
    expr = rewrite_hyperbolic(sp.sympify(expr, strict=True))
    expr, sub = exp_substitution(expr, var)
    keep = {var, *sub}
    roots: dict = {}
    atomized, back = atomize(expr, keep, roots)
    num, den = sp.fraction(sp.together(atomized))
    for s, (q, base) in roots.items():  # s^q = base
        num, den = (sp.rem(sp.expand(num), s ** q - base, s), sp.rem(sp.expand(den), s ** q - base, s))
    factors: list[Factor] = []
    constant = sp.Integer(1)
    for part, sgn in ((num, 1), (den, -1)):
        coeff, flist = sp.factor_list(sp.expand(part))
        constant *= coeff ** sgn
        for g, k in flist:
            full = g.xreplace(back)
            if var not in full.xreplace(sub).free_symbols:
                constant *= full.xreplace(sub) ** (k * sgn)
                continue
            factors.append(Factor(full.xreplace(sub), k * sgn, full, dict(sub)))
    return Factorization(constant, tuple(factors), sub)

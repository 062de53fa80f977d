"""A user expression in x with a catalog entry's interface, so that everything that takes an entry (the
auditor's :class:`~symact.audit.reference.oracle.Oracle`, limits, the reference of :mod:`symact.numeric.reference`)
takes it too: ``symact audit TARGET --expr EXPR [--param k=v]`` and ``symact implement --expr`` read the same
exact expression (:func:`with_params`).

Where the expression is undefined at a real x (log(x) for x <= 0, sqrt(x) for x < 0, 0/0), its reference value
is NaN (the kernel proves it undefined there), and an implementation must return NaN there.  An expression that
SymPy's automatic evaluation would change in its domain (``x**2/x`` becomes ``x``, ``exp(log(x))`` becomes ``x``)
is refused: the reference would be the function of the folded form, not the one written.
"""
from __future__ import annotations

from typing import Any, Mapping

import sympy as sp

from symact.catalog.registry import X, Activation
from symact.errors import ExpressionError, ParameterError

#: the ``family`` of an expression's entry (no catalog entry has it)
EXPRESSION_FAMILY = "expression"
#: functions defined on all of R: folding one away cannot change the domain
_ENTIRE = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.tanh, sp.atan, sp.asinh, sp.erf, sp.erfc, sp.Abs,
           sp.sign, sp.Heaviside, sp.Max, sp.Min)


def with_params(expr: str, params: Mapping[str, Any]) -> sp.Expr:
    """The expression ``expr`` in x (text, read by the restricted parser) with each name of ``params`` replaced
    by its value (a number: exact, a decimal as the rational it denotes); every name must occur in ``expr``.
    Refused where SymPy's evaluation changes the domain (:func:`_same_domain`)."""
    from symact.parsing import parse_expression

    parsed = parse_expression(expr, ("x", *params))
    values, by_name = {}, {}
    for name, text in params.items():
        value = parse_expression(str(text), ())
        if not (value.is_number and value.is_real and value.is_finite):
            raise ParameterError(f"--param {name}={text}: give a finite real number")
        symbols = [s for s in parsed.free_symbols if s.name == name]
        if not symbols:
            raise ParameterError(f"--param {name}: there is no {name} in {expr}")
        values[symbols[0]] = by_name[name] = value
    f = sp.sympify(parsed.xreplace(values))
    _same_domain(expr, f, by_name)
    return f


def expression_entry(expr: str, params: Mapping[str, Any] | None = None) -> Activation:
    """The scalar entry of ``expr`` at ``params`` (:func:`with_params`): named by the exact expression, no
    parameters of its own, no kink conventions."""
    f = with_params(expr, params or {})      # the parser allows no name but x and those of params
    if not f.has(X):
        raise ExpressionError(f"the expression {expr!r} does not depend on x")
    return Activation(name=sp.sstr(f), expr=f, description=f"the expression {expr}", family=EXPRESSION_FAMILY)


def is_expression(entry) -> bool:
    """Whether ``entry`` is an expression's (:func:`expression_entry`), not the catalog's."""
    return getattr(entry, "family", None) == EXPRESSION_FAMILY


def _same_domain(expr: str, f: sp.Expr, values: Mapping[str, sp.Expr]) -> None:
    """Refuse ``expr`` when SymPy's evaluation dropped a part of it that restricts the domain: a power with an
    exponent that is not a natural number, or a function not defined on all of R (a Piecewise whose conditions
    do not end in True among them), present as written but not in the evaluated ``f`` (conservative: a part
    folded into an equal one with the same domain is refused too), unless the kernel proves that part defined
    at every real x (:func:`_defined_everywhere`: sigmoid(softplus(x)), whose exp(-log(1 + exp(x))) SymPy writes
    1/(1 + exp(x)), keeps its domain, R)."""
    from symact.parsing import parse_expression

    written = parse_expression(expr, ("x", *values), as_written=True)
    at = {s: values[s.name] for s in written.free_symbols if s.name in values}
    kept = set(sp.preorder_traversal(f))
    for part in sp.preorder_traversal(written):
        covering = isinstance(part, sp.Piecewise) and part.args[-1].cond == sp.true  # its pieces are checked
        restricts = ((part.is_Pow and not (part.exp.is_Integer and part.exp >= 0))
                     or (isinstance(part, sp.Function) and not isinstance(part, _ENTIRE) and not covering))
        if restricts and any(s.name == "x" for s in part.free_symbols):
            if (_evaluated(part).xreplace(at) not in kept and not _kept_power(part, at, kept)
                    and not _defined_everywhere(part.xreplace(at))):
                raise ExpressionError(f"the expression {expr!r}: SymPy's evaluation drops {part}, which restricts "
                                      f"where it is defined (write the function in a form SymPy keeps)")


def _defined_everywhere(part: sp.Basic) -> bool:
    """Whether the kernel proves ``part`` defined at every real x (2 seconds of search per claim): a function
    with a natural domain (its record in :mod:`symact.functions`) whose argument lies inside it (``exp(x) + 1 > 0``
    for log(1 + exp(x))), or a power whose base is positive (``x**2 + 1 > 0`` for (x**2 + 1)**(-1/2))."""
    from symact.decide.checked import check_claim
    from symact.functions import BY_HEAD
    from symact.parsing import parse_claim

    record = BY_HEAD.get(type(part))
    if part.is_Pow:
        claims = [f"{sp.sstr(part.base)} > 0"]
    elif record is not None and record.domain is not None and len(part.args) == 1:
        lo, hi, lo_closed, hi_closed = record.domain
        u = sp.sstr(part.args[0])
        claims = ([f"{u} {'>=' if lo_closed else '>'} {sp.sstr(lo)}"] if lo is not None else []) + (
            [f"{u} {'<=' if hi_closed else '<'} {sp.sstr(hi)}"] if hi is not None else [])
    else:
        return False
    return all(check_claim(parse_claim(claim), 2.0).status == "proved" for claim in claims)


def _kept_power(part: sp.Basic, at: Mapping, kept: set) -> bool:
    """Whether ``part``, a power b**q with a rational q, has a kept power b**r restricting its base at least as
    much (r < 0 where q < 0: b != 0; r not an integer where q is not: b >= 0): 1/sqrt(b) keeps sqrt(b)."""
    q = part.exp if part.is_Pow else None
    if not (q is not None and q.is_Rational):
        return False
    base = _evaluated(part.base).xreplace(at)
    return any(k.is_Pow and k.base == base and k.exp.is_Rational and (k.exp < 0 or q >= 0)
               and (not k.exp.is_Integer or q.is_Integer) for k in kept)


def _evaluated(e: sp.Basic) -> sp.Basic:
    """``e`` rebuilt bottom-up with SymPy's automatic evaluation (as the ordinary parse builds it)."""
    return e.func(*[_evaluated(a) for a in e.args]) if e.args else e

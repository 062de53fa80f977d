"""Stable forms of a user expression (``symact implement --expr``): on x < 0 and on x >= 0 the expression with
every exponential of x that grows there written through one that decays, chosen where it measures better than
the expression as written.

On a side of 0, |x| is +-x, and exp(c x + d) with c x growing is exp(d)/T with T = exp(-|c| x) <= 1 there.  The
expression becomes a function of the T's; SymPy's ``cancel`` brings each rational part to one fraction (1 -
1/(1 + T) becomes T/(1 + T): the cancellation of 1 - sigmoid is gone), and a logarithm of T^k R is written
k log T + log R, log T = -|c| x (log(1 + exp(x)) becomes x + log(1 + exp(-x)): no overflow).  No exponential then
exceeds 1 on the side.  Each candidate form is only a candidate: the generator evaluates it and the expression
as written (their NumPy float64 code) at sample inputs of the side against the certified reference
(:func:`symact.audit.reference.oracle.rounded_expression`) and keeps the better one, with its measured error in
the branch's description; the branch's claim (the expression equals the form on the side) is decided by the
kernel like every other.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from symact.catalog.registry import X
from symact.implement.branches import Branch, whole

#: sample magnitudes of a side: 241 from 1e-300 to 1e300 and 80 from 0.05 to 60 (where the exponentials turn)
_SAMPLES = np.concatenate([np.geomspace(1e-300, 1e300, 241), np.linspace(0.05, 60, 80)])


def decaying(expr: sp.Expr, sign: int) -> sp.Expr | None:
    """``expr`` on the side ``sign`` (-1: x < 0, +1: x > 0) with every exponential of a linear function of x
    written through one that decays there and each rational part of it brought to one fraction (None: no such
    exponential, or SymPy fails on it)."""
    e = expr.rewrite(sp.exp).subs(sp.Abs(X), sign * X)
    subs, back = {}, {}
    for atom in e.atoms(sp.exp):
        arg = sp.expand(atom.args[0])
        c, d = arg.coeff(X, 1), arg.coeff(X, 0)
        if not (c.is_Rational and c != 0 and d.is_number and sp.expand(c * X + d - arg) == 0):
            continue
        t = back.setdefault(abs(c), sp.Dummy("t"))
        grows = (c > 0) == (sign > 0)
        subs[atom] = sp.exp(d) / t if grows else sp.exp(d) * t
    if not subs:
        return None
    try:
        f = sp.cancel(e.xreplace(subs))
        f = f.replace(lambda a: isinstance(a, sp.log), lambda a: _split_log(a.args[0], back, sign))
        f = f.xreplace({t: sp.exp(-sign * c * X) for c, t in back.items()})
    except (sp.PolynomialError, TypeError, ValueError):
        return None
    return f if not f.has(sp.Dummy) else None


def _split_log(arg: sp.Expr, back: dict, sign: int) -> sp.Expr:
    """log(arg) with the powers of the decaying exponentials (the symbols of ``back``) taken out of ``arg``:
    log(T^k R) = -k |c| sign x + log R."""
    num, den = sp.fraction(sp.cancel(arg))
    out = []
    for c, t in back.items():
        for part, s in ((num, 1), (den, -1)):
            p = sp.Poly(part, t) if part.has(t) else None
            if p is None:
                continue
            k = min(m[0] for m in p.monoms())
            if k:
                out.append(-s * k * sign * c * X)
                part_new = sp.cancel(part / t ** k)
                num, den = (part_new, den) if s == 1 else (num, part_new)
    if num.is_number and num > 0:  # log(c/den) = log(c) - log(den): log1p(u) for den = 1 + u, not log(1/(1 + u))
        return sp.Add(*out) + sp.log(num) - sp.log(den)
    return sp.Add(*out) + sp.log(sp.cancel(num / den))


def _evaluate(formula: sp.Expr, xs: np.ndarray) -> np.ndarray:
    """``formula``'s NumPy float64 code (as the module prints it) at ``xs``."""
    from symact.implement.emit import BACKENDS, Printer, branch_value

    printer = Printer(BACKENDS["numpy"], "w")
    lines, value = branch_value(printer, formula, "w", "")
    scope: dict = {"np": np}
    for name in printer.used & set(BACKENDS["numpy"].special):
        exec(BACKENDS["numpy"].special[name][0], scope)  # noqa: S102 - the module's own import line
    with np.errstate(all="ignore"):
        exec("\n".join(lines + [f"out = {value}"]), scope, local := {"w": xs.copy()})  # noqa: S102 - printed code
    return np.broadcast_to(np.asarray(local["out"], dtype=np.float64), xs.shape)


def _measure(formula: sp.Expr, xs: np.ndarray, want: np.ndarray) -> float:
    """The largest error of ``formula``'s NumPy float64 code at ``xs`` in float64 ulps of ``want`` (inf where one
    is NaN or infinite and the other is not)."""
    from symact.accuracy import ulp

    got = _evaluate(formula, xs)
    with np.errstate(all="ignore"):
        err = np.abs(got - want) / ulp(want)
    same = (got == want) | (np.isnan(got) & np.isnan(want))
    err = np.where(same, 0.0, err)
    return float(np.nanmax(np.where(np.isnan(err), np.inf, err)))


def limits(expr: sp.Expr, branches: list[Branch]) -> list[Branch]:
    """The limits of ``expr`` at -oo and +oo (SymPy's, 5 CPU seconds each at most) where the branch that holds
    that end does not give it there (x/(1 + exp(-x)) is -inf/inf = NaN at -inf, its limit 0), as ``limit``
    branches; nothing where SymPy finds no real limit."""
    from symact.budget import run_with_budget

    out = []
    for end, branch in ((-sp.oo, branches[0]), (sp.oo, branches[-1])):
        try:
            done, value = run_with_budget(lambda: sp.limit(expr, X, end), 5.0)
        except Exception:  # noqa: BLE001 - SymPy raises many types: no limit known
            continue
        if not done or not isinstance(value, sp.Expr) or not value.is_extended_real or not (
                value.is_number and (value.is_infinite or value.is_finite)):
            continue
        got = float(_evaluate(branch.formula, np.array([float(end)]))[0])
        if not (got == float(value) or value.is_finite and abs(got - float(value)) <= 1e-15 * abs(float(value))):
            out.append(Branch(end, end, True, True, value, "the limit there (the formula's value at this input is "
                                                           f"{got!r})", "limit"))
    return out


def stable_branches(expr: sp.Expr) -> list[Branch]:
    """x < 0 and x >= 0, each with the better of the expression as written and its decaying form (measured), or
    the expression as written on one branch where neither side has a decaying form that measures better; each
    branch's description says what it measured."""
    from symact.audit.reference.oracle import rounded_expression

    sides = []
    better = False
    for sign in (-1, 1):
        form = decaying(expr, sign)
        xs = sign * _SAMPLES
        want = rounded_expression(expr, xs, "float64")
        as_written = _measure(expr, xs, want)
        if form is not None and form != expr:
            mine = _measure(form, xs, want)
            if mine < as_written:
                sides.append((form, f"every exponential of x decays here ({mine:.3g} ulp at most in float64 on "
                                    f"{xs.size} sample inputs of the range; as written {as_written:.3g})", mine))
                better = True
                continue
        sides.append((expr, f"the expression as written ({as_written:.3g} ulp at most in float64 on {xs.size} "
                            f"sample inputs of the range)", as_written))
    if not better:
        return whole(expr, f"the expression as written: no stable form found for it; measured {sides[0][2]:.3g} "
                           f"ulp at most in float64 on {_SAMPLES.size} sample inputs of x < 0, {sides[1][2]:.3g} "
                           f"on as many of x > 0 (audit it for the error in its format)")
    (left, why_left, _), (right, why_right, _) = sides
    return [Branch(None, 0, False, False, left, why_left), Branch(0, None, True, False, right, why_right)]

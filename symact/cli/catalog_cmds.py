"""``symact list`` and ``symact show``: the catalog as text."""
from __future__ import annotations

import argparse
import json
import shutil
import textwrap

import sympy as sp

from symact.catalog import Activation, Y, entries, get
from symact.cli import epilog
from symact.display import latex, plain
from symact.errors import ParameterError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list every activation with its formula and aliases",
                       description="List every activation of the catalog with its formula and aliases.",
                       epilog=epilog("""
symact list
symact list --json                    # [{"name", "formula", "aliases"}, ...]
""", "0 always; 2 usage error."))
    p.add_argument("--json", action="store_true", help="print the catalog as JSON")
    p.set_defaults(run=run_list)

    p = sub.add_parser("show", help="formula, parameters, derivatives, kinks and LaTeX of one activation",
                       description="Formula, parameters, first and second derivative, self-form, kinks with "
                                   "one-sided derivatives and framework conventions, and LaTeX of one activation.",
                       epilog=epilog("""
symact show gelu
symact show leaky_relu --param alpha=0.2 --json
""", "0 shown; 2 usage error (unknown activation, bad parameter)."))
    p.add_argument("name", help="activation name or alias (see `symact list`)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter default, e.g. --param alpha=0.2 (repeatable)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run_show)


def params_from_cli(pairs: list[str]) -> dict[str, str]:
    """``["alpha=0.2"]`` -> ``{"alpha": "0.2"}``; values are validated by the entry's Param."""
    out: dict[str, str] = {}
    if not pairs:
        return out
    from symact.parsing import parse_param

    for text in pairs:
        name, value = parse_param(text)
        if name in out:
            raise ParameterError(f"parameter {name!r} given twice")
        out[name] = value
    return out


def formula_text(expr: sp.Expr) -> str:
    """A one-line formula: Piecewise branches read "x if x >= 0; 0 otherwise"."""
    if isinstance(expr, sp.Piecewise):
        parts = [f"{plain(e)} if {plain(c)}" if c is not sp.true else f"{plain(e)} otherwise"
                 for e, c in expr.args]
        return "; ".join(parts)
    if isinstance(expr, sp.Mul) and any(isinstance(a, sp.Piecewise) for a in expr.args):
        factor = sp.Mul(*[a for a in expr.args if not isinstance(a, sp.Piecewise)])
        inner = next(a for a in expr.args if isinstance(a, sp.Piecewise))
        return f"{plain(factor)} * ({formula_text(inner)})"
    return plain(expr)


def _formula(entry) -> str:
    return formula_text(entry.expr) if isinstance(entry, Activation) else entry.formula_text


def run_list(args: argparse.Namespace) -> int:
    rows = [(e.name, _formula(e), ", ".join(e.aliases)) for e in entries()]
    if args.json:
        print(json.dumps([{"name": n, "formula": f, "aliases": a.split(", ") if a else []} for n, f, a in rows],
                         indent=2))
        return 0
    width = shutil.get_terminal_size((120, 20)).columns
    name_w = max(len(r[0]) for r in rows)
    alias_w = min(max(len(r[2]) for r in rows), 36)
    formula_w = max(30, width - name_w - alias_w - 6)
    print(f"{'name':<{name_w}}  {'formula':<{formula_w}}  aliases")
    for name, formula, aliases in rows:
        formula = textwrap.shorten(formula, formula_w, placeholder="...") if len(formula) > formula_w else formula
        print(f"{name:<{name_w}}  {formula:<{formula_w}}  {aliases}")
    print(f"\n{len(rows)} activations; `symact show NAME` for derivatives, kinks and LaTeX.")
    return 0


def describe(entry, params: dict[str, str] | None = None) -> dict:
    """Everything `symact show` prints, as a JSON-ready dict."""
    info: dict = {"name": entry.name, "aliases": list(entry.aliases), "family": entry.family,
                  "description": entry.description, "convention": entry.convention,
                  "references": list(entry.references)}
    if not isinstance(entry, Activation):
        if params:
            raise ParameterError(f"{entry.name} takes no parameters")
        n = 3
        jac = entry.jacobian(n)
        info.update(inputs="n (shown for n = 3)", formula=entry.formula_text, latex=entry.formula_latex,
                    jacobian=entry.jacobian_text or None,
                    jacobian_n3=plain(sp.simplify(jac)), jacobian_latex=latex(sp.simplify(jac)))
        return info
    f = entry.f(params)
    d1 = entry.derivative(1, params)
    d2 = entry.derivative(2, params)
    self_form = entry.derivative_self_form(params)
    values = entry.param_values(params)
    info.update(
        expr=formula_text(entry.expr), expr_at_params=formula_text(f),
        params=[{"name": p.name, "value": plain(values[p.symbol]), "default": plain(p.default),
                 "assumption": p.assumption, "description": p.description} for p in entry.params],
        derivative=formula_text(d1), second_derivative=formula_text(d2),
        derivative_self_form=None if self_form is None else f"f'(x) = {formula_text(self_form.subs(Y, sp.Symbol('f(x)')))}",
        derivative_self_form_note=entry.self_derivative_note or None,
        kinks=[{"at": plain(p), "left_derivative": plain(l), "right_derivative": plain(r)}
               for p, (l, r) in entry.one_sided_derivatives(params).items()],
        kink_conventions={fw: {plain(k): plain(v) for k, v in entry.kink_convention(fw, params).items()}
                          for fw in entry.kink_derivatives},
        param_derivatives={p.name: formula_text(entry.param_derivative(p.name, params)) for p in entry.params},
        latex=latex(f), derivative_latex=latex(d1), second_derivative_latex=latex(d2),
    )
    if entry.random_form is not None:
        rf = entry.random_form
        info["training_form"] = {"expr": plain(rf.expr), "random": f"{rf.symbol} ~ Uniform({rf.low}, {rf.high})",
                                 "description": rf.description}
    return info


def _print_show(info: dict) -> None:
    print(f"{info['name']}" + (f"  (aliases: {', '.join(info['aliases'])})" if info["aliases"] else ""))
    print(f"  {info['description']}")
    print(f"  family: {info['family']}")
    if "expr" not in info:
        print(f"  formula: {info['formula']}   (LaTeX: {info['latex']})")
        if info["jacobian"]:
            print(f"  Jacobian: {info['jacobian']}")
        print(f"  Jacobian for n = 3: {info['jacobian_n3']}")
        print(f"  Jacobian (LaTeX):  {info['jacobian_latex']}")
    else:
        print(f"  f(x)   = {info['expr']}")
        if info["params"]:
            for p in info["params"]:
                print(f"  param  {p['name']} = {p['value']}  (default {p['default']}, {p['assumption']})"
                      + (f"  {p['description']}" if p["description"] else ""))
            print(f"  at these parameters: f(x) = {info['expr_at_params']}")
        print(f"  f'(x)  = {info['derivative']}")
        if info["derivative_self_form"]:
            print(f"  self-form: {info['derivative_self_form']}")
        if info["derivative_self_form_note"]:
            print(f"  note: {info['derivative_self_form_note']}")
        print(f"  f''(x) = {info['second_derivative']}")
        if info["kinks"]:
            for k in info["kinks"]:
                print(f"  kink at x = {k['at']}: left derivative {k['left_derivative']}, "
                      f"right derivative {k['right_derivative']} (f' is not defined there)")
            for fw, pts in info["kink_conventions"].items():
                print(f"    convention {fw}: " + ", ".join(f"f'({k}) := {v}" for k, v in pts.items()))
        else:
            print("  kinks: none (differentiable everywhere)")
        for name, d in info["param_derivatives"].items():
            print(f"  d f / d {name} = {d}")
        if "training_form" in info:
            tf = info["training_form"]
            print(f"  training form: {tf['expr']} with {tf['random']}")
        print(f"  LaTeX f:   {info['latex']}")
        print(f"  LaTeX f':  {info['derivative_latex']}")
    if info["convention"]:
        print(f"  convention: {info['convention']}")
    for ref in info["references"]:
        print(f"  reference: {ref}")


def run_show(args: argparse.Namespace) -> int:
    entry = get(args.name)
    info = describe(entry, params_from_cli(args.param))
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        _print_show(info)
    return 0

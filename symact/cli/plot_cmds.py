"""``symact plot NAME|--expr EXPR [--param k=v] [-o FILE]``: f and f' with the proved features marked.

The range's ends, the global extrema, the inflection points (shaded where the curvature changes on a stretch)
and the points where f is not differentiable come from ``symact analyze``'s verdicts; exit 0 when written,
2 on bad input.
"""
from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    from symact.cli import epilog

    p = sub.add_parser("plot", help="draw f and f' with the range, extrema, inflection points and kinks marked",
                       description="Draw f (solid) and f' (dashed) with what `symact analyze` proved marked: "
                                   "the range's ends, the global extrema, inflection points and kinks.",
                       epilog=epilog('''
symact plot gelu -o gelu.svg
symact plot elu --param alpha=2 -o elu2.png
symact plot --expr "x*atan(x)" -o xatan.pdf
''', "0 the picture was written; 2 usage error (unknown activation, bad parameter or expression, unknown "
     "file type)."),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", nargs="?", help="activation name or alias (see `symact list`)")
    p.add_argument("--expr", metavar="EXPR", help="plot an expression in x instead, e.g. \"x*atan(x)\"")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter default, e.g. --param alpha=0.5 (repeatable)")
    p.add_argument("-o", "--output", metavar="FILE", default=None,
                   help="the picture to write: .svg (default NAME.svg), .pdf or .png")
    p.add_argument("--budget", type=float, default=60.0, metavar="S",
                   help="CPU seconds for the analysis (default 60; see README, Budgets)")
    p.set_defaults(run=run_plot)


def run_plot(args: argparse.Namespace) -> int:
    from symact.cli.analyze_cmds import check_budget, resolve_target
    from symact.plotting import activation_plot, output_path
    from symact.properties import analyze

    budget = check_budget(args.budget)
    target, params, expr = resolve_target(args)
    out = output_path(f"{getattr(target, 'name', 'plot')}.svg" if args.output is None else args.output)
    report = analyze(target, params, budget=budget, expr=expr)
    activation_plot(report, out)
    print(f"wrote {out}")
    return 0

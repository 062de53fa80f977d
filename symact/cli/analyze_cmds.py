"""``symact analyze``, ``symact table`` and ``symact check``.

* ``analyze NAME [--param k=v ...] [--json] [--enclosures] [--budget S]`` / ``analyze --expr "EXPR"``: every
  property of one activation (exit 0 when every property was decided, 1 when some stayed unknown).
* ``table [--json | --format markdown|latex|json] [--no-cache]``: the property table of the whole catalog.
* ``check "CLAIM" [--json] [--plot FILE]``: one claim, e.g. ``"tanh(x) == 2*sigmoid(2*x) - 1"``; exit 0 proved, 1 refuted or
  unknown, 2 usage.
"""
from __future__ import annotations

import argparse
import json
import sys
import textwrap

from symact.cli import epilog
from symact.cli.style import echo
from symact.errors import ParameterError
from symact.progress import Progress


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "analyze", help="decide every property of an activation (range, monotonic, convex, ...)",
        description=textwrap.fill(
            "Decide every property of one activation: each is proved, refuted (with a re-checked counterexample) or "
            "unknown (with the reason). Numbers read as the exact form, then a decimal; --enclosures adds the "
            "certified enclosures, which --json always has.", 100),
        epilog=_definitions() + "\n\n" + epilog('''
symact analyze silu
symact analyze elu --param alpha=2 --json
symact analyze --expr "x*atan(x)"
symact analyze --expr=-x              # a value that starts with '-' needs '='
''', "0 every property proved or refuted; 1 some property stayed unknown (its reason is printed); 2 usage "
     "error (unknown activation, bad parameter, rejected expression)."), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", nargs="?", help="activation name or alias (see `symact list`)")
    p.add_argument("--expr", metavar="EXPR", help="analyse an expression in x instead, e.g. \"x*atan(x)\"")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter default, e.g. --param alpha=0.5 (repeatable)")
    p.add_argument("--json", action="store_true", help="print one JSON object (schema in the README)")
    p.add_argument("--enclosures", action="store_true",
                   help="show the certified enclosure (an arb ball) after each decimal")
    p.add_argument("--budget", type=float, default=60.0, metavar="S",
                   help="CPU seconds for the whole analysis (default 60; see README, Budgets)")
    p.set_defaults(run=run_analyze)

    p = sub.add_parser(
        "table", help="the property table of every scalar activation in the catalog",
        description="The property table of every scalar catalog activation at default parameters.  Rows are "
                    "cached on disk; the first run takes 10-60 s (a progress line shows on a terminal).",
        epilog=epilog('''
symact table                          # Markdown
symact table --json                   # {"keys": [...], "rows": [one analyze --json object per activation]}
symact table --format latex --no-cache
''', "0 the table was printed (cells that stayed unknown read 'unknown'); 2 usage error."))
    p.add_argument("--format", choices=("markdown", "latex", "json"), default="markdown")
    p.add_argument("--json", action="store_true", help="print JSON (the same as --format json)")
    p.add_argument("--no-cache", action="store_true", help="recompute every row (the cache is refreshed)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: CPU count)")
    p.set_defaults(run=run_table)

    p = sub.add_parser(
        "check", help="decide one claim, e.g. \"tanh(x) == 2*sigmoid(2*x) - 1\"",
        description="Decide one claim about real functions of a real x (for all real x unless a domain is "
                    "given): proved, refuted (with a certified counterexample) or unknown.",
        epilog=epilog('''
symact check "tanh(x) == 2*sigmoid(2*x) - 1"
symact check "diff(sigmoid(x), x) <= 1/4"
symact check "silu(x) >= -0.28" --json
symact check "log(x) <= x - 1 for x > 0"                          # a domain: for x > 0, for x != 1, ... joined with 'and'
symact check "limit(diff(sigmoid(x), x), x, -oo) == 0"
symact check "smooth(swish(x))"                                   # also convex(...), concave(...), continuous(...)
symact check "forall 0 < alpha <= 1: convex(elu(x, alpha=alpha))" # for every parameter value
symact check -- "-x<0"                # a claim that starts with '-' goes after '--'
''', "0 proved; 1 refuted or unknown; 2 usage error (rejected claim)."))
    p.add_argument("claim", help="one comparison (==, !=, <, <=, >, >=) of two expressions in x, optionally "
                                 "with a domain ('for x > 0'), a 'forall ...:' prefix, or smooth/convex/concave/"
                                 "continuous(EXPR); the README's sections on check list every form")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.add_argument("--budget", type=float, default=10.0, metavar="S",
                   help="CPU seconds for the search (default 10; see README, Budgets)")
    p.add_argument("--plot", metavar="FILE", help="when refuted, draw lhs - rhs with the counterexample "
                                                  "(.svg, .png or .pdf)")
    p.set_defaults(run=run_check)


def _definitions() -> str:
    """The ``analyze --help`` epilog: every property key with what it means."""
    from symact.definitions import DEFINITIONS, ZERO_CENTERED_NOTE

    width = max(map(len, DEFINITIONS))
    lines = ["properties:"]
    for key, meaning in DEFINITIONS.items():
        wrapped = textwrap.wrap(meaning, 110 - width - 4)
        lines.append(f"  {key:<{width}}  {wrapped[0]}")
        lines += [" " * (width + 4) + more for more in wrapped[1:]]
    lines += [""] + textwrap.wrap(f"Note: {ZERO_CENTERED_NOTE}.", 110)
    return "\n".join(lines)


#: the largest --budget in seconds (a week; more overflows the CPU-time limits of the decision's process)
MAX_BUDGET = 7 * 24 * 3600.0


def check_budget(value: float) -> float:
    if not 0 < value <= MAX_BUDGET:
        raise ParameterError(f"--budget must be a positive number of seconds, at most {MAX_BUDGET:g}, got {value!r}")
    return value


def run_analyze(args: argparse.Namespace) -> int:
    from symact import isolated

    budget = check_budget(args.budget)
    target, params, expr = resolve_target(args)
    if expr is not None:
        from symact.properties import expression_target

        target = expression_target(expr)
    with Progress(enabled=None if not args.json else False) as progress:
        report = isolated.analyze(target, params, budget=budget, progress=progress)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        echo(report.text(enclosures=args.enclosures))
    return 1 if report.unknown() else 0


def resolve_target(args: argparse.Namespace, command: str = "analyze", vectors: bool = False,
                   expr_params: bool = False):
    """(catalog entry, parameters, None) from ``NAME [--param k=v]``, or (None, {}, EXPR) from ``--expr EXPR``
    (with ``expr_params``: (None, parameters, EXPR), the names of EXPR other than x); a vector activation only
    with ``vectors``."""
    from symact.cli.catalog_cmds import params_from_cli

    if args.expr is not None and args.name:
        raise ParameterError("give an activation NAME or --expr EXPR, not both")
    if args.expr is not None and expr_params:
        return None, params_from_cli(args.param), args.expr
    if args.expr is not None and args.param:
        raise ParameterError("--param applies to catalog activations, not to --expr")
    if args.expr is None and not args.name:
        raise ParameterError("give an activation NAME (see `symact list`) or --expr EXPR")
    if args.name:
        from symact.catalog import get

        target = get(args.name)
        if not hasattr(target, "f") and not vectors:
            raise ParameterError(f"{target.name} is a vector activation; {command} covers scalar activations")
        return target, params_from_cli(args.param), None
    return None, {}, args.expr


def run_table(args: argparse.Namespace) -> int:
    from symact.table import catalog_table

    if args.jobs is not None and args.jobs < 1:
        raise ParameterError(f"--jobs must be a positive integer, got {args.jobs}")
    if args.json and args.format not in ("markdown", "json"):
        raise ParameterError(f"give --json or --format {args.format}, not both")
    fmt = "json" if args.json else args.format
    with Progress(enabled=None if fmt != "json" else False) as progress:
        text = catalog_table(fmt, use_cache=not args.no_cache, jobs=args.jobs, progress=progress)
    print(text)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from symact import isolated
    from symact.parsing import parse_claim

    budget = check_budget(args.budget)
    claim = parse_claim(args.claim)
    if args.plot is not None:
        from symact.plotting import output_path

        plot_to = output_path(args.plot)
    verdict = isolated.verdict(claim, budget, f"{claim.body} for all x in {claim.domain_text()}")
    # a claim in x (not about matrices or several real variables, nor an integral)
    drawable = hasattr(claim, "lhs") and getattr(claim, "integral", None) is None
    if args.plot is not None and verdict.status == "refuted" and drawable:
        from symact.plotting import claim_plot

        print(f"wrote {claim_plot(claim, verdict, plot_to)}", file=sys.stderr)
    elif args.plot and not drawable:
        print("symact: no plot: only a claim in x (not an integral) is drawn", file=sys.stderr)
    elif args.plot:
        print(f"symact: no plot: the claim is {verdict.status}, only a refuted claim has a counterexample to draw",
              file=sys.stderr)
    if args.json:
        out = verdict.to_json()
        out["claim"] = claim.text
        print(json.dumps(out, indent=2))
    else:
        text = verdict.derivation.text()
        echo(verdict.summary() + ("\n" + text if text else ""))
    return 0 if verdict.status == "proved" else 1

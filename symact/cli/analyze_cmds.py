"""``symact analyze``, ``symact table`` and ``symact check``.

* ``analyze NAME [--param k=v ...] [--json] [--budget S]`` / ``analyze --expr "EXPR"``: every property of one
  activation (exit 0 when every property was decided, 1 when some stayed unknown).
* ``table [--format markdown|latex|json] [--no-cache]``: the property table of the whole catalog.
* ``check "CLAIM" [--json]``: one claim, e.g. ``"tanh(x) == 2*sigmoid(2*x) - 1"``; exit 0 proved, 1 refuted or
  unknown, 2 usage.
"""
from __future__ import annotations

import argparse
import json

from symact.errors import ExpressionError, ParameterError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="decide every property of an activation (range, monotonic, convex, ...)")
    p.add_argument("name", nargs="?", help="activation name or alias (see `symact list`)")
    p.add_argument("--expr", metavar="EXPR", help="analyse an expression in x instead, e.g. \"x*atan(x)\"")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter default, e.g. --param alpha=0.5 (repeatable)")
    p.add_argument("--json", action="store_true", help="print one JSON object (schema in the README)")
    p.add_argument("--budget", type=float, default=60.0, metavar="S",
                   help="CPU seconds for the whole analysis (default 60; see README, Budgets)")
    p.set_defaults(run=run_analyze)

    p = sub.add_parser("table", help="the property table of every scalar activation in the catalog")
    p.add_argument("--format", choices=("markdown", "latex", "json"), default="markdown")
    p.add_argument("--no-cache", action="store_true", help="recompute every row (the cache is refreshed)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: CPU count)")
    p.set_defaults(run=run_table)

    p = sub.add_parser("check", help="decide one claim, e.g. \"tanh(x) == 2*sigmoid(2*x) - 1\"")
    p.add_argument("claim", help="one comparison (==, !=, <, <=, >, >=) of two expressions in x")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.add_argument("--budget", type=float, default=10.0, metavar="S",
                   help="CPU seconds for the decision (default 10; see README, Budgets)")
    p.set_defaults(run=run_check)


def _budget(value: float) -> float:
    if not (value > 0) or value != value or value == float("inf"):
        raise ParameterError(f"--budget must be a positive number of seconds, got {value!r}")
    return value


def run_analyze(args: argparse.Namespace) -> int:
    from symact import isolated
    from symact.cli.catalog_cmds import params_from_cli

    budget = _budget(args.budget)
    if args.expr is not None and args.name:
        raise ParameterError("give an activation NAME or --expr EXPR, not both")
    if args.expr is not None:
        if args.param:
            raise ParameterError("--param applies to catalog activations, not to --expr")
        from symact.parsing import parse_expression

        target = parse_expression(args.expr)
        if not target.has(_x()):
            raise ExpressionError(f"the expression {args.expr!r} does not depend on x")
    elif args.name:
        from symact.catalog import get

        target = get(args.name)
        if not hasattr(target, "f"):
            raise ParameterError(f"{target.name} is a vector activation; analyze covers scalar activations")
    else:
        raise ParameterError("give an activation NAME (see `symact list`) or --expr EXPR")
    report = isolated.analyze(target, params_from_cli(args.param), budget=budget)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        print(report.text())
    return 1 if report.unknown() else 0


def _x():
    from symact.catalog import X

    return X


def run_table(args: argparse.Namespace) -> int:
    from symact.table import catalog_table

    if args.jobs is not None and args.jobs < 1:
        raise ParameterError(f"--jobs must be a positive integer, got {args.jobs}")
    print(catalog_table(args.format, use_cache=not args.no_cache, jobs=args.jobs))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from symact import isolated
    from symact.parsing import parse_claim

    budget = _budget(args.budget)
    claim = parse_claim(args.claim)
    verdict = isolated.verdict(lambda: check_claim(claim, budget), budget, f"{claim} for all x in R")
    if args.json:
        out = verdict.to_json()
        out["claim"] = claim.text
        print(json.dumps(out, indent=2))
    else:
        print(verdict.summary())
        text = verdict.derivation.text()
        if text:
            print(text)
    return 0 if verdict.status == "proved" else 1


def check_claim(claim, budget: float):
    """The verdict on a parsed claim ``lhs OP rhs`` for all real x (constants are decided the same way)."""
    from symact import decide

    if claim.op == "==":
        return decide.identity(claim.lhs, claim.rhs, budget=budget)
    if claim.op == "!=":
        v = decide.identity(claim.lhs, claim.rhs, budget=budget)
        return v.negated(f"{claim.lhs} != {claim.rhs} for some x")
    return decide.inequality(claim.lhs, claim.op, claim.rhs, budget=budget)


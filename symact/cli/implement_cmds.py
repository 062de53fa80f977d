"""``symact implement NAME|--expr EXPR [--param k=v] --target numpy|torch|jax [--dtype float16|bfloat16|float32|float64]
[--derivative] [-o FILE.py] [--budget S]``: write a module that computes the activation branch by branch,
each branch's claim decided by the kernel (exit 0 every claim proved, 1 some claim not proved: the module is
written anyway and says so, 2 usage error)."""
from __future__ import annotations

import argparse
import sys

from symact.cli import epilog
from symact.outputs import output_file


def add_parser(sub: argparse._SubParsersAction) -> None:
    from symact.implement import DTYPES, TARGETS

    p = sub.add_parser(
        "implement", help="generate an accurate implementation, each branch proved by the kernel",
        description="Write a self-contained module with one function (named after the activation) that picks a "
                    "stable formula on each range of x (log1p/expm1, erfc, exp(-|x|) forms, Taylor near 0); "
                    "each branch's claim is decided by the kernel and listed, with its certificate, in the "
                    "module's docstring.  --derivative adds NAME_derivative and, for torch and jax, a "
                    "torch.autograd.Function / jax.custom_jvp wrapper so autograd uses it.",
        epilog=epilog('''
symact implement softplus --target numpy -o softplus_impl.py
symact audit softplus_impl.py:softplus -a softplus
symact implement gelu --target torch --derivative -o gelu_impl.py
symact implement silu --param beta=2 --target jax --dtype float32
symact implement --expr "x*tanh(x)" --target numpy
symact implement --expr "x*sigmoid(a*x)" --param a=1.702 --target torch
''', "0 the module was written and every branch claim is proved; 1 written, but some branch claim is not "
     "proved (the module's docstring and stderr name it); 2 usage error."))
    p.add_argument("name", nargs="?", help="activation name or alias (see `symact list`)")
    p.add_argument("--expr", metavar="EXPR", help="implement an expression in x instead (stable forms where they "
                                                  "measure better than the expression as written)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter value, e.g. --param beta=2 (repeatable; with --expr, a name in EXPR)")
    p.add_argument("--target", required=True, choices=TARGETS, help="the array library of the generated code")
    p.add_argument("--dtype", default="float32", choices=DTYPES,
                   help="the format it is for (default float32; float16/bfloat16: correctly rounded on every input; "
                        "softmax/log_softmax in 16 bits: without --derivative)")
    p.add_argument("--derivative", action="store_true",
                   help="add the derivative (and the autograd wrapper); softmax/log_softmax: NAME_jacobian")
    p.add_argument("-o", "--output", metavar="FILE.py", help="write the module here (default: stdout)")
    p.add_argument("--budget", type=float, default=5.0, metavar="S",
                   help="CPU seconds of search per branch claim (default 5; see README, Budgets)")
    p.set_defaults(run=run_implement)


def run_implement(args: argparse.Namespace) -> int:
    from symact.cli.analyze_cmds import check_budget, resolve_target
    from symact.implement import implement

    budget = check_budget(args.budget)
    entry, params, expr = resolve_target(args, "implement", vectors=True, expr_params=True)
    out = None if args.output is None else output_file(args.output, (".py",), "the module file (-o)")
    result = implement(entry.name if entry is not None else None, expr=expr, params=params, target=args.target,
                       dtype=args.dtype, derivative=args.derivative, budget=budget)
    if out is None:
        sys.stdout.write(result.source)
    else:
        out.write_text(result.source, encoding="utf-8")
        print(f"wrote {out}: {result.summary()}")
    for proof in result.unproved:
        print(f"symact: not proved ({proof.status}): {proof.claim}", file=sys.stderr)
    for where in getattr(result, "unstable", ()):  # softmax and log_softmax have no measured branches
        print(f"symact: no stable form found for {where}: the module computes the best form measured there, "
              f"whose error its docstring states", file=sys.stderr)
    for where in getattr(result, "cancels_outside", ()):
        print(f"symact: the formula still cancels just outside the Taylor branch of {where} (no proved ball reaches "
              f"far enough): its docstring states the measured error", file=sys.stderr)
    return 1 if result.unproved else 0

"""``symact audit``: audit one implementation, or everything a framework ships.

    symact audit TARGET (--activation NAME | --expr EXPR) [--dtype float16|bfloat16|float32|float64] [--param alpha=0.1]
                 [--kwarg approximate='tanh'] [--grad TARGET] [--json] [--ulp-budget B] [--strict]
                 [--exhaustive] [--effort E] [--plot FILE] [--in-process] [--import-timeout S] [--memory-limit GIB]
    symact audit --framework numpy|torch|jax|tensorflow|keras|onnxruntime|tinygrad|sklearn [--only NAME[,NAME...]]
                 [--dtype ...] [--json]

TARGET is ``package.module:function`` or ``path/to/file.py:function``; it is imported and called only in a
child process (``--in-process``: in a fork of this one, without a fresh interpreter or limits), so a target that
exits, crashes, hangs at import or exhausts memory is a failing report, and so is one that signals this
process (:mod:`symact.audit.senders`).  Every option is checked before anything runs.  Exit status: 0 conforms, 1 a
check failed (a target that died included), 2 usage error (one line: unknown activation, target that cannot be
imported, bad dtype, parameter or option, an expression the parser rejects), 130 interrupted.  ``--expr``
audits against the exact expression instead of a catalog entry (:mod:`symact.audit.reference.expression`).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys

from symact.cli import epilog
from symact.cli.analyze_cmds import MAX_BUDGET
from symact.cli.style import echo
from symact.audit.backends import DEVICE_KINDS
from symact.audit.frameworks import FRAMEWORKS
from symact.errors import ParameterError, SymactError


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "audit", help="audit an implementation of an activation against the catalog",
        description="Audit an implementation (values, special values, properties, hygiene, derivative) against "
                    "the exact catalog function under the accuracy standard.",
        epilog=epilog("""
symact audit mypkg.act:gelu --activation gelu --dtype float32
symact audit path/to/file.py:softplus -a softplus --json
symact audit mypkg.act:leaky -a leaky_relu --param alpha=0.1 --grad mypkg.act:leaky_grad
symact audit e.py:f --expr "log(1 + exp(x))" --strict     # e.py from symact implement --expr ... -o e.py
symact audit mypkg.act:f --expr "x*sigmoid(a*x)" --param a=1.702
symact audit numpy:tanh -a tanh --dtype float16 --exhaustive
symact audit --framework torch --dtype float32 --only gelu
""", "0 conforms; 1 a check failed (a target that died included); 2 usage error (unknown activation, target "
     "that cannot be imported, bad dtype, parameter or option, rejected expression); 130 interrupted (Ctrl-C: what was found so far "
     "is printed)."))
    p.add_argument("target", nargs="?", help="package.module:function or path/to/file.py:function")
    p.add_argument("--activation", "-a", help="catalog name the target implements (e.g. gelu)")
    p.add_argument("--expr", metavar="EXPR",
                   help="the expression in x the target implements, instead of -a (e.g. \"log(1 + exp(x))\"; "
                        "NaN expected where it is undefined, e.g. log(x) for x <= 0)")
    p.add_argument("--dtype", action="append", default=None,
                   help="float16, bfloat16, float32 (default) or float64; repeatable with --framework")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="parameter value the target is meant to use (default: the catalog default; with --expr, "
                        "the value of a name in EXPR other than x)")
    p.add_argument("--kwarg", action="append", default=[], metavar="NAME=VALUE",
                   help="keyword argument passed to the target on every call (a number, true/false/none, "
                        "a quoted string or a word), e.g. approximate='tanh'")
    p.add_argument("--grad", metavar="TARGET", help="callable computing the derivative (autograd otherwise)")
    p.add_argument("--framework", choices=FRAMEWORKS,
                   help="audit every activation the framework ships (scipy.special for numpy)")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--ulp-budget", type=float, default=16.0, help="B of the accuracy standard (default 16)")
    p.add_argument("--strict", action="store_true", help="kappa = 1 and no tiny floor (for correctly rounded libraries)")
    p.add_argument("--exhaustive", action="store_true",
                   help="every input: all float16/bfloat16 values (seconds), or all 2^32 float32 inputs streamed "
                        "with a progress bar (minutes; Ctrl-C reports what was found so far)")
    p.add_argument("--effort", type=float, default=1.0, help="scale the sweep density (default 1)")
    p.add_argument("--hypothesis", type=int, default=100, help="examples of the targeted Hypothesis search (0: none)")
    p.add_argument("--timeout", type=float, default=10.0,
                   help="time limit per call, seconds (default 10): of CPU time for a busy call, stretched by the "
                        "load for one that uses none, at most 10x (README: Hangs)")
    p.add_argument("--no-derivative", action="store_true", help="skip the derivative check")
    p.add_argument("--plot", metavar="FILE", help="draw the ULP error against x with the allowed band (with "
                                                   "--exhaustive: failing inputs per binade; with --framework: "
                                                   "the pass/fail grid; .svg, .png or .pdf)")
    p.add_argument("--only", action="append", default=None,
                   help="with --framework: only these activations (catalog names or aliases, comma-separated)")
    p.add_argument("--device", default=None, help="torch device for a torch target or --framework torch (e.g. cuda)")
    p.add_argument("--in-process", action="store_true",
                   help="import and call the target in a fork of this process, without a fresh interpreter, "
                        "memory or import time limit (default: an isolated child interpreter)")
    p.add_argument("--import-timeout", type=float, default=None,
                   help="seconds the child may take to import the target (default 60)")
    p.add_argument("--memory-limit", type=float, default=None, metavar="GIB",
                   help="address-space limit of the child in GiB (default: the physical memory; 0: none)")
    p.set_defaults(run=run)


def _kwargs(items: list[str]) -> dict:
    from symact.parsing import parse_literal

    out = {}
    for item in items:
        name, sep, value = (t.strip() for t in item.partition("="))
        if not sep or not name.isidentifier() or not value:
            raise ParameterError(f"--kwarg expects NAME=VALUE, e.g. approximate='tanh'; got {item!r}")
        if name in out:
            raise ParameterError(f"--kwarg {name} given twice")
        out[name] = parse_literal(value, f"--kwarg {name}")
    return out


#: the largest --memory-limit in GiB (2^62 bytes: an address-space limit holds less than 2^63)
MAX_MEMORY_GIB = 2 ** 32
#: the largest --hypothesis (examples of the targeted search)
MAX_EXAMPLES = 10 ** 6

#: the largest --effort (1.4 million float64 points; more only costs memory and time)
MAX_EFFORT = 100.0


def _positive(value: float | None, option: str, upper: float = math.inf) -> None:
    if value is not None and not (0 < value <= upper and math.isfinite(value)):
        bound = f" and at most {upper:g}" if math.isfinite(upper) else " (finite)"
        raise ParameterError(f"{option} must be a number above 0{bound}, got {value!r}")


def _check_options(args: argparse.Namespace) -> None:
    """Every option, before anything runs: one line and exit 2 for a bad one (cli docs)."""
    _positive(args.effort, "--effort", MAX_EFFORT)
    _positive(args.timeout, "--timeout", MAX_BUDGET)
    _positive(args.ulp_budget, "--ulp-budget")
    _positive(args.import_timeout, "--import-timeout", MAX_BUDGET)
    if not 0 <= args.hypothesis <= MAX_EXAMPLES:
        raise ParameterError(f"--hypothesis must be 0 (no search) or a number of examples up to {MAX_EXAMPLES}, "
                             f"got {args.hypothesis}")
    if args.memory_limit is not None and not (0 <= args.memory_limit <= MAX_MEMORY_GIB):
        raise ParameterError(f"--memory-limit must be a number of GiB up to {MAX_MEMORY_GIB} (0: no limit), "
                             f"got {args.memory_limit!r}")
    if args.in_process and (args.import_timeout is not None or args.memory_limit is not None):
        raise ParameterError("--import-timeout and --memory-limit limit the child process: not with --in-process")
    for option, value in (("TARGET", args.target), ("--grad", args.grad), ("--activation", args.activation),
                          ("--expr", args.expr)):
        if value is not None and not value.strip():
            raise ParameterError(f"{option} is empty")
    if args.only and not args.framework:
        raise ParameterError("--only selects activations of --framework")
    if args.device is not None and args.framework is not None and args.framework not in DEVICE_KINDS:
        raise ParameterError(f"--device applies to {' and '.join(DEVICE_KINDS)} targets; --framework "
                             f"{args.framework} runs on the CPU")


def _only(framework: str, items: list[str] | None) -> list[str] | None:
    """The catalog names --only selects (aliases resolved, comma lists split); each must be one the
    framework ships."""
    from symact.audit import frameworks
    from symact.catalog import get

    if not items:
        return None
    shipped = sorted({r.activation for r in frameworks.rows(framework)})
    out = []
    for name in (n.strip() for item in items for n in item.split(",")):
        if not name:
            continue
        entry = get(name)
        if entry.name not in shipped:
            raise ParameterError(f"--only {name}: {framework} ships no {entry.name} (it ships {', '.join(shipped)})")
        out.append(entry.name)
    if not out:
        raise ParameterError("--only needs at least one activation name")
    return out


def run(args: argparse.Namespace) -> int:
    from symact.audit.dtypes import get_format
    from symact.progress import Progress
    from symact.catalog import get

    _check_options(args)
    dtypes = [get_format(d).name for d in (args.dtype or [])]
    progress = Progress(enabled=None if not args.json else False)
    kw = dict(budget=args.ulp_budget, strict=args.strict, effort=args.effort, hypothesis=args.hypothesis,
              call_seconds=args.timeout)
    if args.framework:
        if args.target:
            raise ParameterError("give either TARGET or --framework, not both")
        if args.kwarg or args.grad or args.param or args.activation or args.expr is not None:
            raise ParameterError("--activation, --expr, --param, --kwarg and --grad are for a single TARGET, not "
                                 "--framework")
        return _run_framework(args, dtypes or ["float32", "float64"], progress, kw)
    if not args.target:
        raise ParameterError("give a TARGET (package.module:function or file.py:function) or --framework")
    if (args.activation is None) == (args.expr is None):
        raise ParameterError("give --activation NAME or --expr EXPR with a TARGET (one of them)")
    if len(dtypes) > 1:
        raise ParameterError("give one --dtype for a single target")
    plot_to = None
    if args.plot is not None:
        from symact.plotting import output_path

        plot_to = output_path(args.plot)
    from symact.cli.catalog_cmds import params_from_cli

    params = params_from_cli(args.param)
    if args.expr is not None:
        from symact.audit.reference.expression import expression_entry

        entry, params = expression_entry(args.expr, params), {}
    else:
        entry = get(args.activation)
        entry.param_values(params)
    kw.update(dtype=dtypes[0] if dtypes else "float32", params=params, exhaustive=args.exhaustive,
              label=args.target, derivative=False if args.no_derivative else None, kwargs=_kwargs(args.kwarg),
              device=args.device)
    # a catalog entry travels to the target's process by name (vector entries hold lambdas, not picklable)
    report = _audit_target(args, entry.name if args.expr is None else entry, kw, progress)
    if args.json:
        print(report.json())
    else:
        echo(report.text())
    if plot_to is not None and not report.interrupted:
        from symact.plotting import audit_plot

        try:
            print(f"wrote {audit_plot(report, plot_to)}", file=sys.stderr)
        except ParameterError as exc:  # nothing to draw: the exit status is still the audit's
            print(f"symact: no plot: {exc}", file=sys.stderr)
    if report.interrupted:
        return 130
    return 0 if report.passed else 1


def _audit_target(args: argparse.Namespace, name, kw: dict, progress):
    """The report of the single TARGET as ``name`` (a catalog entry or an expression's): audited in a fresh child
    interpreter, or with --in-process in a fork of this process (no memory or import time limit); the
    target's output captured either way."""
    from symact.audit.api import audit_spec
    from symact.audit.target import IMPORT_SECONDS

    if not args.in_process:
        memory = None if args.memory_limit is None else int(args.memory_limit * 2 ** 30)
        return audit_spec(args.target, args.grad, name, dict(kw, progress=progress.enabled), memory=memory,
                          import_seconds=args.import_timeout or IMPORT_SECONDS)
    return _in_process(args, name, kw, progress)


def _in_process(args: argparse.Namespace, name, kw: dict, progress):
    """--in-process: the target imported and called in the process that audits it, a fork of this one, which
    is left with a report whatever the target does (``os._exit(0)`` included: a failing report); the bar on
    this terminal.  Without ``fork`` (Windows), in this process."""
    from symact.audit.adapters import TargetError, load_target
    from symact.audit.api import audit
    from symact.audit.target import attach_output, captured_output, forked
    from symact.progress import Progress

    def job():
        try:
            fn = load_target(args.target)
            grad = load_target(args.grad) if args.grad else None
        except TargetError as exc:
            raise SymactError(str(exc)) from None
        return audit(fn, name, grad=grad, progress=bar, isolate=False, **kw)

    if not hasattr(os, "fork"):        # pragma: no cover - Windows
        bar = progress
        with captured_output() as output:
            report = job()
        return attach_output(report, output())
    # the fork's standard error is captured: its bar is drawn on a copy of this one
    bar = Progress(enabled=True, stream=os.fdopen(os.dup(2), "w")) if progress.enabled else progress
    try:
        return forked(job, 0, args.target, name, kw, idle=False)
    finally:
        if bar is not progress:
            bar.stream.close()


def _run_framework(args, dtypes, progress, kw) -> int:
    from symact.audit import frameworks
    from symact.audit.api import audit_framework

    missing = frameworks.missing_module(args.framework)
    if missing:
        raise SymactError(f"--framework {args.framework} needs {missing}, which is not installed "
                          f"(pip install {missing})")
    if args.exhaustive:
        raise ParameterError("--exhaustive is for a single target")
    only = _only(args.framework, args.only)
    plot_to = None
    if args.plot is not None:
        from symact.plotting import output_path

        plot_to = output_path(args.plot)
    extra = {"device": args.device} if args.device else {}
    results = audit_framework(args.framework, dtypes, progress=progress, derivative=not args.no_derivative,
                              only=only, isolate=not args.in_process, **kw, **extra)
    progress.close()
    interrupted = any(r.interrupted for _, r in results) or len(results) < len(
        frameworks.planned(args.framework, dtypes, only))
    passed = all(r.passed for _, r in results) and not interrupted
    if args.json:
        print(json.dumps({"passed": passed, "framework": args.framework, "interrupted": interrupted,
                          "failures": [dict(f.to_json(), target=r.target, activation=r.activation, dtype=r.dtype)
                                       for _, r in results for f in r.failures],
                          "reports": [r.to_json() for _, r in results]}, allow_nan=False))
    else:
        echo(framework_table(args.framework, results, interrupted))
    if plot_to is not None and results:
        from symact.plotting import framework_plot

        print(f"wrote {framework_plot(args.framework, results, plot_to)}", file=sys.stderr)
    if interrupted:
        return 130
    return 0 if passed else 1


def framework_table(framework: str, results, interrupted: bool = False) -> str:
    from symact.audit.report import FAIL

    device = next((r.device for _, r in results if r.device), None)
    lines = [f"symact audit --framework {framework}" + (f" --device {device}" if device else "")
             + ("  (INTERRUPTED: partial results)" if interrupted else "")]
    w = max([len(r.label) for r, _ in results] + [8])
    lines.append(f"{'function':<{w}}  {'as':<17} {'dtype':<8} {'values':<7} {'max ulp':>9} {'deriv':<7} {'time':>6}  result")
    for row, rep in results:
        vals = rep.check("values")
        der = rep.check("derivative")
        mu = "-" if vals is None or vals.max_ulp is None else f"{vals.max_ulp:.3g}"
        failed = ", ".join(c for c in rep.failed_checks())
        lines.append(f"{row.label:<{w}}  {rep.activation:<17} {rep.dtype:<8} "
                     f"{(vals.status if vals else '-'):<7} {mu:>9} {(der.status if der else '-'):<7} "
                     f"{rep.seconds:5.1f}s  "
                     f"{'interrupted' if rep.interrupted else ('ok' if rep.passed else 'FAIL: ' + failed)}")
    lines.append("")
    lines.append("conventions:")
    seen = set()
    for row, rep in results:
        for c in rep.conventions:
            key = (rep.activation, c)
            if key not in seen:
                seen.add(key)
                lines.append(f"  {row.label} ({rep.dtype}): {c}")
    lines.append("")
    lines.append("failures (worst input per failing check):")
    for row, rep in results:
        for c in rep.checks:
            if c.status == FAIL and c.failures:
                lines.append(f"  {row.label} {rep.dtype} {c.name}: {c.failures[0].line()}")
    n_ok = sum(1 for _, r in results if r.passed)
    lines.append("")
    lines.append("max ulp: the values check's largest ULP error over the points it judges by B ulp max(1, kappa) "
                 "(exact values in the normal range; points that pass only by the absolute floor tiny, and "
                 "documented convention regions, left out)")
    total = sum(r.seconds for _, r in results)
    lines.append(f"{n_ok} of {len(results)} audits conform ({total:.0f} s of auditing)")
    return "\n".join(lines)

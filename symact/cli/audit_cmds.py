"""``symact audit``: audit one implementation, or everything a framework ships.

    symact audit TARGET --activation NAME [--dtype float16|bfloat16|float32|float64] [--param alpha=0.1]
                 [--grad TARGET] [--json] [--ulp-budget B] [--strict] [--exhaustive] [--effort E]
    symact audit --framework numpy|torch|jax|tensorflow|keras|onnxruntime|tinygrad|sklearn [--dtype ...] [--json]

TARGET is ``package.module:function`` or ``path/to/file.py:function``.  Exit status: 0 conforms, 1 a check
failed, 2 usage error (unknown activation, target that cannot be imported, bad dtype or parameter).
"""
from __future__ import annotations

import argparse
import json

from symact.cli import epilog
from symact.cli.style import echo
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
symact audit numpy:tanh -a tanh --dtype float16 --exhaustive
symact audit --framework torch --dtype float32 --only gelu
""", "0 conforms; 1 a check failed; 2 usage error (unknown activation, target that cannot be imported, bad "
     "dtype or parameter); 130 interrupted (Ctrl-C: what was found so far is printed)."))
    p.add_argument("target", nargs="?", help="package.module:function or path/to/file.py:function")
    p.add_argument("--activation", "-a", help="catalog name the target implements (e.g. gelu)")
    p.add_argument("--dtype", action="append", default=None,
                   help="float16, bfloat16, float32 (default) or float64; repeatable with --framework")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="parameter value the target is meant to use (default: the catalog default)")
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
    p.add_argument("--timeout", type=float, default=10.0, help="time limit per call, seconds (default 10)")
    p.add_argument("--no-derivative", action="store_true", help="skip the derivative check")
    p.add_argument("--plot", metavar="FILE", help="draw the ULP error against x with the allowed band "
                                                   "(.svg, .png or .pdf; a single TARGET only)")
    p.add_argument("--only", action="append", default=None, help="with --framework: only these activations")
    p.add_argument("--device", default=None, help="torch device for --framework torch (e.g. cuda)")
    p.set_defaults(run=run)


def _params(items: list[str]) -> dict:
    out = {}
    for item in items:
        if "=" not in item:
            raise ParameterError(f"--param {item!r} must look like name=value")
        k, _, v = item.partition("=")
        out[k.strip()] = v.strip()
    return out


def run(args: argparse.Namespace) -> int:
    from symact.audit.adapters import TargetError, load_target
    from symact.audit.dtypes import get_format
    from symact.progress import Progress
    from symact.catalog import get

    dtypes = [get_format(d).name for d in (args.dtype or [])]
    progress = Progress(enabled=None if not args.json else False)
    kw = dict(budget=args.ulp_budget, strict=args.strict, effort=args.effort, hypothesis=args.hypothesis,
              call_seconds=args.timeout)
    if args.framework:
        if args.target:
            raise ParameterError("give either TARGET or --framework, not both")
        if args.plot:
            raise ParameterError("--plot draws one TARGET's audit, not a --framework run")
        return _run_framework(args, dtypes or ["float32", "float64"], progress, kw)
    if not args.target:
        raise ParameterError("give a TARGET (package.module:function or file.py:function) or --framework")
    if not args.activation:
        raise ParameterError("--activation NAME is required with a TARGET")
    if len(dtypes) > 1:
        raise ParameterError("give one --dtype for a single target")
    plot_to = None
    if args.plot:
        from symact.plotting import output_path

        plot_to = output_path(args.plot)
    entry = get(args.activation)
    params = _params(args.param)
    entry.param_values(params)
    try:
        fn = load_target(args.target)
        grad = load_target(args.grad) if args.grad else None
    except TargetError as exc:
        raise SymactError(str(exc)) from None
    from symact.audit.core import audit

    report = audit(fn, entry.name, dtype=dtypes[0] if dtypes else "float32", params=params, grad=grad,
                   exhaustive=args.exhaustive, progress=progress, label=args.target,
                   derivative=False if args.no_derivative else None, **kw)
    if args.json:
        print(report.json())
    else:
        echo(report.text())
    if plot_to is not None and not report.interrupted:
        from symact.plotting import audit_plot

        audit_plot(report, plot_to)
    if report.interrupted:
        return 130
    return 0 if report.passed else 1


def _run_framework(args, dtypes, progress, kw) -> int:
    from symact.audit import frameworks

    missing = frameworks.missing_module(args.framework)
    if missing:
        raise SymactError(f"--framework {args.framework} needs {missing}, which is not installed "
                          f"(pip install {missing})")
    if args.exhaustive:
        raise ParameterError("--exhaustive is for a single target")
    extra = {"device": args.device} if args.device else {}
    results = frameworks.audit_framework(args.framework, dtypes, progress=progress,
                                         derivative=not args.no_derivative, only=args.only, **kw, **extra)
    progress.close()
    interrupted = any(r.interrupted for _, r in results) or len(results) < len(
        frameworks.planned(args.framework, dtypes, args.only))
    passed = all(r.passed for _, r in results) and not interrupted
    if args.json:
        print(json.dumps({"passed": passed, "framework": args.framework, "interrupted": interrupted,
                          "failures": [dict(f.to_json(), target=r.target, activation=r.activation, dtype=r.dtype)
                                       for _, r in results for f in r.failures],
                          "reports": [r.to_json() for _, r in results]}, allow_nan=False))
    else:
        echo(framework_table(args.framework, results, interrupted))
    if interrupted:
        return 130
    return 0 if passed else 1


def framework_table(framework: str, results, interrupted: bool = False) -> str:
    from symact.audit.report import FAIL

    lines = [f"symact audit --framework {framework}" + ("  (INTERRUPTED: partial results)" if interrupted else "")]
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
    total = sum(r.seconds for _, r in results)
    lines.append(f"{n_ok} of {len(results)} audits conform ({total:.0f} s of auditing)")
    return "\n".join(lines)

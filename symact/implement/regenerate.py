"""``python -m symact.implement.regenerate [--check] [--measure] [NAME ...]``: the committed modules in
``docs/implementations/`` (every scalar catalog entry at its default parameters with its derivative, float32, for
numpy, torch and jax) and their index ``README.md``, written again from the generator, or with ``--check`` compared with it
(exit 1 and the names of the files that differ; the reason of an unknown verdict, which can depend on the
machine's load, is not compared).

The branches are proved once per entry at the default budget, with the torch convention at kinks of f' (the
claims do not depend on the target otherwise). The index lists each entry's branches by status and the
maximum error of the values an audit measured (``measured.json``,
rewritten only with ``--measure``: :func:`symact.audit.audit` of each module at effort 0.3 on float32, not
exhaustive), so that ``--check`` does not depend on audit timings.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from symact.implement import TARGETS, Implementation, command_line, implement
from symact.implement.module import load_source

DOCS = Path(__file__).resolve().parents[2] / "docs" / "implementations"
MEASURED = "measured.json"
DTYPE = "float32"


def generate(name: str) -> dict[str, tuple[Implementation, str]]:
    """file name -> (the Implementation whose proofs the module shows, the module's source), every target."""
    from symact.implement.module import render

    result = implement(name, target="torch", dtype=DTYPE, derivative=True)
    return {f"{name}_{target}.py": (result, result.source if target == "torch" else
                                    render(result.plan, target, DTYPE,
                                           command_line(name, None, None, target, DTYPE, True)))
            for target in TARGETS}


def statuses(result: Implementation) -> dict[str, int]:
    """How many branches of f and f' are proved identities, proved within a bound, conventions, not proved."""
    counts = {"proved": 0, "within bound": 0, "convention": 0, "unproved": 0}
    for part in result.plan.parts:
        for branch, proof in zip(part.branches, part.proofs):
            if proof.status == "convention":
                counts["convention"] += 1
            elif proof.status != "proved":
                counts["unproved"] += 1
            else:
                counts["within bound" if branch.kind == "bound" else "proved"] += 1
    return counts


def index(rows: dict[str, dict[str, int]], measured: dict) -> str:
    lines = ["# Generated implementations", "",
             "Written by `python -m symact.implement.regenerate` (do not edit: `--check` compares these files with "
             "what the generator writes today). One module per scalar catalog entry (default parameters, float32) "
             "and target, with its derivative (`--derivative`: for torch and jax the function is an autograd "
             "wrapper that uses it); each module's docstring lists its branches, their claims and the kernel's "
             "verdicts. Branches of f and f': proved identities / proved within a stated bound (a series' "
             "remainder, a tail below 1e-324) / conventions (a framework's value of f' at a kink) / not proved at "
             "the default budget. Max error: the largest error of the values in ulps that "
             "`symact audit FILE:NAME -a NAME --dtype float32 --effort 0.3` measured (a sweep with special values, "
             "not the exhaustive audit), `-` where none was measured, and the checks of that audit that failed "
             "(the derivative by autograd among them).", "",
             "| entry | proved | within bound | convention | unproved | "
             + " | ".join(f"max error {t} (ulp)" for t in TARGETS) + " |", "|---|---|---|---|---|" + "---|" * len(TARGETS)]
    for name, counts in rows.items():
        cells = []
        for target in TARGETS:
            m = measured.get(f"{name}_{target}.py")
            cells.append("-" if m is None else f"{m['values_ulp']:.3g}"
                         + (f" (FAIL: {', '.join(m['failed'])})" if m["failed"] else ""))
        lines.append(f"| [{name}]({name}_numpy.py) | {counts['proved']} | {counts['within bound']} | "
                     f"{counts['convention']} | {counts['unproved']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def measure(filename: str, source: str, name: str) -> dict:
    """The audit of one module's function at effort 0.3: the maximum error of the values in ulps, the checks
    that failed."""
    from symact.audit import audit

    module = load_source(source, filename[:-3])
    target = filename[len(name) + 1:-3]
    report = audit(getattr(module, name), name, dtype=DTYPE, isolate=False, hypothesis=0, effort=0.3, kind=target)
    values = report.check("values")
    return {"values_ulp": values.max_ulp if values is not None and values.max_ulp is not None else 0.0,
            "failed": report.failed_checks()}


def expected(names: list[str], folder: Path, remeasure: bool) -> dict[str, str]:
    """file name -> its text as the generator writes it today (the index with ``measured.json``)."""
    files, rows = {}, {}
    for name in names:
        for filename, (result, source) in generate(name).items():
            files[filename] = source
        rows[name] = statuses(result)
    path = folder / MEASURED
    measured = json.loads(path.read_text()) if path.exists() else {}
    if remeasure:  # after every proof: the proofs fork, and the audits import torch and jax
        measured.update({f: measure(f, text, f.rsplit("_", 1)[0]) for f, text in files.items()})
        files[MEASURED] = json.dumps(measured, indent=1, sort_keys=True) + "\n"
    files["README.md"] = index(rows, measured)
    return files


#: an unknown verdict's reason in a docstring: it can depend on the machine's load (the search's work budget
#: spent, or the sandbox's CPU-time limit reached first)
_UNKNOWN_REASON = re.compile(r"NOT PROVED \(unknown: .*?\)\n", re.S)


def comparable(text: str) -> str:
    return _UNKNOWN_REASON.sub("NOT PROVED (unknown)\n", text)


def differences(files: dict[str, str], folder: Path) -> list[str]:
    """The files whose committed text differs from ``files`` (or that are missing), but for the reasons of
    unknown verdicts."""
    return [f for f, text in files.items() if not (folder / f).exists()
            or comparable((folder / f).read_text(encoding="utf-8")) != comparable(text)]


def main(argv: list[str] | None = None) -> int:
    from symact.catalog import Activation, entries

    ap = argparse.ArgumentParser(prog="python -m symact.implement.regenerate", description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="catalog entries (default: every scalar entry); the index needs all")
    ap.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    ap.add_argument("--measure", action="store_true", help="audit every module again (minutes)")
    args = ap.parse_args(argv)
    names = args.names or [e.name for e in entries(scalar_only=True) if isinstance(e, Activation)]
    files = expected(names, DOCS, args.measure and not args.check)
    if args.names:  # the index covers every entry: not from a few
        files.pop("README.md")
    if args.check:
        stale = differences(files, DOCS)
        for f in stale:
            print(f"{DOCS / f}: differs from what the generator writes today", file=sys.stderr)
        return 1 if stale else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for f, text in files.items():
        (DOCS / f).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files in {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

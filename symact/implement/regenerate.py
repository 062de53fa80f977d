"""``python -m symact.implement.regenerate [--check] [--measure] [--exhaustive] [NAME ...]``: the committed modules in
``docs/implementations/`` (every scalar catalog entry at its default parameters with its derivative, float32, for
numpy, torch and jax) and their index ``README.md``, written again from the generator, or with ``--check`` compared with it
(exit 1 and the names of the files that differ; the reason of an unknown verdict, which can depend on the
machine's load, is not compared).

The branches are proved once per entry at the default budget, with the torch convention at kinks of f' (the
claims do not depend on the target otherwise). The index lists each entry's branches by status and the
maximum error of the values an audit measured (``measured.json``,
rewritten only with ``--measure``: :func:`symact.audit.audit` of each module at effort 0.3 on float32, not
exhaustive), so that ``--check`` does not depend on audit timings; and the exhaustive audit of each module
(``exhaustive.json``: ``symact audit FILE:NAME -a NAME --dtype float32 --exhaustive --strict`` on all 2^32 float32
inputs, minutes to an hour each, run only with ``--exhaustive`` for the modules without a record), each record
holding the SHA-256 of the code it audited (:func:`code_text`: the module without its docstring and its ``PROOFS``
data, which compute nothing): the index shows a record only while the module's code is that code, so a proof
written differently keeps the record, and a changed character of code loses it.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import subprocess
import sys
from typing import Any
from pathlib import Path

from symact.implement import TARGETS, Implementation, command_line, implement
from symact.implement.module import load_source

DOCS = Path(__file__).resolve().parents[2] / "docs" / "implementations"
MEASURED = "measured.json"
EXHAUSTIVE = "exhaustive.json"
DTYPE = "float32"


def generate(name: str) -> dict[str, tuple[Implementation, str]]:
    """file name -> (the Implementation whose proofs the module shows, the module's source), every target (the
    torch module's plan rendered for each, but where JAX has a table of its own: ``JAX_FAMILIES``); the torch
    Implementation last."""
    from symact.implement.branches import JAX_FAMILIES
    from symact.implement.module import render

    result = implement(name, target="torch", dtype=DTYPE, derivative=True)
    own = {"jax": implement(name, target="jax", dtype=DTYPE, derivative=True)} if name in JAX_FAMILIES else {}
    files = {f"{name}_{target}.py": (result, render(result.plan, target, DTYPE,
                                                    command_line(name, None, None, target, DTYPE, True)))
             for target in TARGETS if target not in own and target != "torch"}
    files.update({f"{name}_{target}.py": (r, r.source) for target, r in own.items()})
    files[f"{name}_torch.py"] = (result, result.source)
    return files


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


def index(rows: dict[str, dict[str, int]], measured: dict, exhaustive: dict, texts: dict[str, str]) -> str:
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
             "(the derivative by autograd among them). Exhaustive: `symact audit FILE:NAME -a NAME --dtype "
             "float32 --exhaustive --strict` on every one of the 4,278,190,080 finite float32 inputs (`exhaustive.json`, "
             "kept with the SHA-256 of the code it audited: the module without its docstring and PROOFS): `pass` "
             "and the largest error of the values in ulps, "
             "or `FAIL` and the number of failing inputs and the checks that failed; `-` where the module as it is "
             "now has not been audited exhaustively (`python -m symact.implement.regenerate --exhaustive`).", "",
             "| entry | proved | within bound | convention | unproved | "
             + " | ".join(f"max error {t} (ulp)" for t in TARGETS) + " | "
             + " | ".join(f"exhaustive {t}" for t in TARGETS) + " |",
             "|---|---|---|---|---|" + "---|" * (2 * len(TARGETS))]
    for name, counts in rows.items():
        cells = []
        for target in TARGETS:
            m = measured.get(f"{name}_{target}.py")
            cells.append("-" if m is None else f"{m['values_ulp']:.3g}"
                         + (f" (FAIL: {', '.join(m['failed'])})" if m["failed"] else ""))
        for target in TARGETS:
            filename = f"{name}_{target}.py"
            cells.append(exhaustive_cell(current(exhaustive, filename, texts.get(filename))))
        lines.append(f"| [{name}]({name}_numpy.py) | {counts['proved']} | {counts['within bound']} | "
                     f"{counts['convention']} | {counts['unproved']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def code_text(text: str) -> str:
    """The module ``text`` without its docstring and without the assignment of ``PROOFS`` (the certificates, data
    that no function reads): the lines whose behaviour an exhaustive audit measures, character for character."""
    tree = ast.parse(text)
    drop = set()
    for i, node in enumerate(tree.body):
        docstring = i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
            and isinstance(node.value.value, str)
        proofs = isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["PROOFS"]
        if docstring or proofs:
            drop.update(range(node.lineno, node.end_lineno + 1))
    return "\n".join(line for n, line in enumerate(text.splitlines(), 1) if n not in drop)


def code_sha256(text: str) -> str:
    return hashlib.sha256(code_text(text).encode("utf-8")).hexdigest()


def current(exhaustive: dict, filename: str, text: str | None) -> dict | None:
    """The exhaustive audit's record of ``filename`` if it audited the code of ``text`` (the module as it is now),
    else None."""
    record = exhaustive.get(filename)
    return record if record is not None and text is not None and record["code_sha256"] == code_sha256(text) else None


def exhaustive_cell(record: dict | None) -> str:
    if record is None:
        return "-"
    if record["passed"]:
        return f"pass {record['max_ulp']:.3g}"
    return f"FAIL {record['failing']} inputs" + (f" ({', '.join(record['failed'])})" if record["failed"] else "")


def exhaustive_record(report: dict, text: str) -> dict:
    """The summary of one exhaustive audit (``symact audit ... --json``'s report) of the module ``text``."""
    check = next((c for c in report["checks"] if c["name"] == "exhaustive"), None)
    if check is None or check.get("points") != 4278190080:  # interrupted, or no exhaustive stream: no record
        raise ValueError("the report has no complete exhaustive check")
    return {"code_sha256": code_sha256(text), "passed": bool(report["passed"]), "max_ulp": check.get("max_ulp"),
            "failing": check.get("failing", 0), "failed": [c["name"] for c in report["checks"] if c["status"] == "fail"]}


def audit_exhaustively(path: Path, name: str) -> dict | None:
    """The record of the exhaustive strict float32 audit of the module at ``path`` (the command line, in processes
    of its own), or None where it gave no complete report (interrupted, or it died: said on stderr)."""
    done = subprocess.run([sys.executable, "-m", "symact", "audit", f"{path}:{name}", "-a", name, "--dtype", DTYPE,
                           "--exhaustive", "--strict", "--json"], capture_output=True, text=True)
    try:
        return exhaustive_record(json.loads(done.stdout), path.read_text(encoding="utf-8"))
    except ValueError as exc:  # not JSON, or no complete exhaustive check
        print(f"{path.name}: no record (exit {done.returncode}: {exc})", file=sys.stderr)
        return None


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


def recorded(path: Path) -> dict[str, Any]:
    """The records a JSON file of this folder holds (none before its first run)."""
    return json.loads(path.read_text()) if path.exists() else {}


def expected(names: list[str], folder: Path, remeasure: bool) -> tuple[dict[str, str], dict[str, Any]]:
    """(file name -> its text as the generator writes it today, the index's rows per entry); the index itself
    (``README.md``, with ``measured.json`` and ``exhaustive.json``) among the files."""
    files, rows = {}, {}
    for name in names:
        for filename, (result, source) in generate(name).items():
            files[filename] = source
        rows[name] = statuses(result)
    path = folder / MEASURED
    measured = recorded(path)
    if remeasure:  # after every proof: the proofs fork, and the audits import torch and jax
        measured.update({f: measure(f, text, f.rsplit("_", 1)[0]) for f, text in files.items()})
        files[MEASURED] = json.dumps(measured, indent=1, sort_keys=True) + "\n"
    files["README.md"] = index_text(rows, measured, folder, files)
    return files, rows


def index_text(rows: dict[str, Any], measured: dict[str, Any], folder: Path, files: dict[str, str]) -> str:
    """The index, with the exhaustive audits recorded in ``folder`` now."""
    path = folder / EXHAUSTIVE
    exhaustive = recorded(path)
    return index(rows, measured, exhaustive, dict(files))


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
    ap.add_argument("--exhaustive", action="store_true",
                    help="then audit exhaustively every module without a record of its text (up to an hour each)")
    args = ap.parse_args(argv)
    names = args.names or [e.name for e in entries(scalar_only=True) if isinstance(e, Activation)]
    files, rows = expected(names, DOCS, args.measure and not args.check)
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
    if args.exhaustive:
        audit_all(names, files, rows if not args.names else None)
    return 0


def audit_all(names: list[str], files: dict[str, str], rows: dict[str, Any] | None) -> None:
    """Audit exhaustively each module of ``names`` that has no record of its text, saving ``exhaustive.json``
    after each; then the index again, from ``rows`` (None: every entry's rows are not at hand, no index)."""
    path = DOCS / EXHAUSTIVE
    exhaustive = recorded(path)
    for name in names:
        for target in TARGETS:
            filename = f"{name}_{target}.py"
            if current(exhaustive, filename, files[filename]) is not None:
                continue
            record = audit_exhaustively(DOCS / filename, name)
            if record is not None:
                exhaustive[filename] = record
                path.write_text(json.dumps(exhaustive, indent=1, sort_keys=True) + "\n", encoding="utf-8")
                print(f"{filename}: {exhaustive_cell(record)}", flush=True)
    if rows is not None:
        measured = recorded(DOCS / MEASURED)
        (DOCS / "README.md").write_text(index_text(rows, measured, DOCS, files), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

"""``symact prove [IDS...] [--json] [--latex DIR]`` and ``symact report -o report.pdf``.

Exit codes: 0 every verdict is the one its script expects; 1 any differs or is unknown (``report``: or the
build failed); 2 usage errors (an unknown claim id, with close-match suggestions; a missing LaTeX toolchain for
``report``).
"""
from __future__ import annotations

import argparse
import json
import sys

from symact.cli import epilog
from symact.cli.style import echo
from symact.progress import Progress


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "prove", help="settle the claims of the proof scripts in proofs/",
        description="Settle claims (all, or the given ids) and compare with the verdicts their scripts expect.",
        epilog=epilog('''
symact prove                                   # every claim; put it in your CI
symact prove sigmoid_deriv_le_quarter --json
symact prove --latex out/                      # one LaTeX fragment per claim
symact prove --list [--json]
SYMACT_PROOFS=my_proofs/ symact prove          # your own proof scripts
''', "0 every verdict is the expected one; 1 some verdict differs or is unknown; 2 usage error (unknown "
     "claim id)."))
    p.add_argument("ids", nargs="*", metavar="ID", help="claim ids (default: all)")
    p.add_argument("--json", action="store_true", help='print {"claims": [{id, statement, status, method, seconds}, ...]}')
    p.add_argument("--full", action="store_true", help="with --json: include certificates and derivations")
    p.add_argument("--latex", metavar="DIR", help="write one LaTeX fragment per claim into DIR")
    p.add_argument("--list", action="store_true", help="list the claim ids by family and exit")
    p.add_argument("-v", "--verbose", action="store_true", help="print each derivation as text")
    p.set_defaults(run=run_prove)

    r = subparsers.add_parser(
        "report", help="compile the PDF report of all claims (needs pdflatex)",
        description="Build a LaTeX report (claims by family, property table, plots) and compile it with "
                    "latexmk/pdflatex.",
        epilog=epilog('''
symact report -o report.pdf
symact report -o out/report.pdf --tex-only     # the .tex sources only, in out/report_tex/
''', "0 the report was built and every claim is as expected; 1 a claim is not as expected or the LaTeX build "
     "failed; 2 usage error (no pdflatex: use --tex-only)."))
    r.add_argument("-o", "--output", default="report.pdf", help="output PDF (default report.pdf)")
    r.add_argument("--tex-only", action="store_true", help="write the .tex sources next to the output, do not compile")
    r.add_argument("--keep", action="store_true", help="keep the build directory (printed)")
    r.add_argument("--no-table", action="store_true", help="leave out the catalog property table")
    r.set_defaults(run=run_report)


def run_prove(args: argparse.Namespace) -> int:
    from symact import isolated
    from symact.claims import all_claims, get_claim, load_families, report_outcomes, settle
    from symact.errors import ParameterError
    from symact.outputs import output_folder

    if args.full and not args.json:
        raise ParameterError("--full adds certificates and derivations to --json; give --json too")
    if args.list and (args.ids or args.latex is not None or args.verbose or args.full):
        raise ParameterError("--list lists every claim id (with --json: as JSON); it takes no ids or other options")
    if args.latex is not None:
        output_folder(args.latex, "--latex")
    if args.list:
        families = load_families()
        if args.json:
            print(json.dumps({"families": [{"key": f.key, "title": f.title, "claims": [
                {"id": c.id, "statement": c.statement, "formal": list(c.formal) or None, "expected": c.expected}
                for c in f.claims]}
                for f in families]}, indent=2))
            return 0
        for fam in families:
            print(f"{fam.key}: {fam.title}")
            for c in fam.claims:
                print(f"  {c.id:44s} expects {c.expected}")
        return 0
    claims = [get_claim(i) for i in args.ids] if args.ids else all_claims()  # unknown id -> SymactError -> 2
    with Progress(enabled=None if not args.json else False) as progress:
        outcomes = settle(claims, get_claim, progress, runner=isolated.claims)  # lemmas first
    return report_outcomes(outcomes, as_json=args.json, latex_dir=args.latex, verbose=args.verbose,
                           full_json=args.full, echo=echo)


def run_report(args: argparse.Namespace) -> int:
    from symact.report import ReportBuildError, build_report

    from symact.outputs import output_file

    output = output_file(args.output, (".pdf",), "the report file (-o)", make_folder=True)
    try:
        with Progress() as progress:
            result = build_report(output, compile_pdf=not args.tex_only, keep=args.keep,
                                  include_table=not args.no_table, progress=progress)
    except ReportBuildError as exc:
        print(f"symact: error: {exc}", file=sys.stderr)
        return 1
    echo(result.summary())
    if result.tex_only:
        return 0
    return 0 if result.all_ok else 1


if __name__ == "__main__":  # pragma: no cover
    from symact.cli import main

    sys.exit(main(["prove", *sys.argv[1:]]))

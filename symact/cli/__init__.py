"""The ``symact`` command line: one subcommand module each, registered here.

Exit codes: 0 success; 1 a check or claim failed (``prove``, ``audit``, ``check``); 2 usage errors (unknown
activation, bad parameter, rejected expression, bad option).  User-facing errors are one line on stderr.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from symact.errors import SymactError

#: subcommand name -> module under symact.cli that defines ``add_parser(subparsers)`` and ``run(args)``
COMMANDS = {
    "list": "catalog_cmds",
    "show": "catalog_cmds",
    "analyze": "analyze_cmds",
    "table": "analyze_cmds",
    "check": "analyze_cmds",
    "prove": "prove_cmds",
    "report": "prove_cmds",
    "audit": "audit_cmds",
    "plot": "plot_cmds",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default exits 2 with usage; keep it one line
        self.exit(2, f"symact: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="symact", description="Prove claims about activation functions and audit implementations.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    seen = set()
    for module_name in COMMANDS.values():
        if module_name in seen:
            continue
        seen.add(module_name)
        try:
            module = importlib.import_module(f"symact.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"symact.cli.{module_name}":
                raise
            continue  # a command family that is not part of this build
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except SymactError as exc:
        print(f"symact: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("symact: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``symact`` command line: one subcommand module each, registered here.

Exit codes: 0 success; 1 a check or claim failed (``prove``, ``audit``, ``check``); 2 usage errors (unknown
activation, bad parameter, rejected expression, bad option); 130 interrupted (Ctrl-C); 141 (128 + SIGPIPE) the
reader of the output went away (``symact table | head -1``), quietly.  User-facing errors are one line on stderr.
"""
from __future__ import annotations

import argparse
import importlib
import os
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
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help()
            return 2
        code = int(args.run(args) or 0)
        sys.stdout.flush()  # a reader that went away shows here, not as a message at interpreter exit
        return code
    except SymactError as exc:
        print(f"symact: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("symact: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `symact table | head -1`: the reader has all it wanted
        _discard_stdout()
        return 141  # 128 + SIGPIPE, the status a shell shows for a writer stopped by a closed pipe


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what is still buffered at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

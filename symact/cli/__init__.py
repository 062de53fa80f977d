"""The ``symact`` command line: one subcommand module each, registered here.

Conventions shared by every command: ``symact --version``; examples and exit codes at the end of each
``symact COMMAND --help``; ``--json`` for machine-readable output; PASS/FAIL/PROVED/REFUTED/UNKNOWN coloured on
a terminal only (:mod:`symact.cli.style`, ``NO_COLOR`` respected); a progress line on stderr on a terminal only
(:mod:`symact.progress`).  Exit codes: 0 success; 1 a check or claim failed or stayed undecided; 2 usage errors
(unknown activation, bad parameter, rejected expression, bad option), one line on stderr; 130 interrupted;
141 the reader of stdout went away (a broken pipe).
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import textwrap

from symact.errors import SymactError
from symact.sigmask import blocked

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
    "verify": "verify_cmds",
    "plot": "plot_cmds",
    "implement": "implement_cmds",
}

EPILOG = """\
commands:
  symact list                       every activation, its formula and aliases
  symact analyze silu               every property (range, monotonic, convex, ...), proved or refuted
  symact check "silu(x) >= -0.28"   decide one claim (kernel-checked; --json carries the certificate)
  symact verify cert.json           re-check a certificate with the kernel alone
  symact plot gelu -o gelu.svg      f and f' with the proved range, extrema, inflection points, kinks
  symact prove                      settle the claims of the proof scripts
  symact audit numpy:tanh -a tanh   audit an implementation
  symact implement gelu --target torch  generate one: a stable formula per range, each claim kernel-decided
  symact COMMAND --help             the options, examples and exit codes of one command

exit codes (every command): 0 success; 1 a check or claim failed or stayed undecided; 2 usage error
(one line on stderr); 130 interrupted; 141 the reader of the output went away (`| head`).

colour: status words are coloured on a terminal only; NO_COLOR=1 turns colour off, FORCE_COLOR=1 keeps
it when the output is piped.  Progress: a line on stderr on a terminal only.
"""


class UsageError(Exception):
    """A command line argparse rejected; :func:`main` prints it as one line, with a hint, and exits 2."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # argparse's default prints the usage too; keep it one line
        raise UsageError(message)


def epilog(examples: str, exit_codes: str) -> str:
    """The end of a subcommand's ``--help``: indented examples, then its exit codes."""
    lines = ["examples:"] + [f"  {line}" for line in examples.strip("\n").splitlines()]
    codes = textwrap.fill(f"exit codes: {exit_codes.strip()}", width=100, subsequent_indent="  ")
    return "\n".join(lines) + f"\n\n{codes}\n"


def _version() -> str:
    from symact import __version__

    return f"symact {__version__} (Python {sys.version.split()[0]})"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="symact", description="Prove claims about activation functions and audit implementations.",
                     epilog=EPILOG)
    parser.add_argument("--version", action="version", version=_version())
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


def dash_hint(message: str, argv: list[str]) -> str:
    """A hint for a value that starts with '-' and that argparse took for an option (``--expr -x``,
    ``check -x<0``), or ''."""
    option = re.match(r"argument (\S+?)(?:/\S+)?: expected one argument", message)
    if option:
        names = option.group(1).split("/")
        for i, token in enumerate(argv[:-1]):
            if token in names and argv[i + 1].startswith("-"):
                return f" (a value that starts with '-' is written {token}={argv[i + 1]})"
        return ""
    stray = next((t for t in argv if t.startswith("-") and t != "--" and not re.fullmatch(r"--?[A-Za-z][\w-]*", t)
                  and "=" not in t), None)
    if stray is None or "--" in argv:
        return ""
    command = next((t for t in argv if t in COMMANDS), "COMMAND")
    return f" (an argument that starts with '-' goes after '--': symact {command} -- \"{stray}\")"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        with blocked():   # the libraries' native threads (OpenBLAS's) never take SIGINT or SIGTERM: symact.sigmask
            parser = build_parser()
    except KeyboardInterrupt:   # a Ctrl-C while importing, delivered as the block ends
        print("symact: interrupted", file=sys.stderr)
        return 130
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(f"symact: error: {exc}{dash_hint(str(exc), argv)}", file=sys.stderr)
        return 2
    if not getattr(args, "run", None):
        print(f"symact: error: give a command: {', '.join(COMMANDS)} (`symact --help` shows what each does)",
              file=sys.stderr)
        return 2
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()  # inside the try: a reader that left is seen here, not at exit
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
    except OSError as exc:  # a file named on the command line that the system refuses (checked ones aside)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"symact: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what is still buffered at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""``symact verify CERT.json [--json]``: re-check a kernel certificate in a fresh process that imports only
:mod:`symact.kernel` and the function definitions it trusts, :mod:`symact.functions` (exit 0 accepted, 1
rejected, 2 unreadable)."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

#: run in a fresh interpreter: ``symact`` is an empty package there, so importing symact.kernel runs nothing else
_BOOTSTRAP = ("import sys, types; pkg = types.ModuleType('symact'); pkg.__path__ = [sys.argv[1]]; "
              "sys.modules['symact'] = pkg; from symact.kernel.verify import main; sys.exit(main(sys.argv[2:]))")


def add_parser(sub: argparse._SubParsersAction) -> None:
    from symact.cli import epilog

    p = sub.add_parser("verify", help="re-check a certificate with the kernel alone (from `check --json`)",
                       description="Re-check a kernel certificate in a fresh interpreter that imports only "
                                   "symact.kernel (and symact.functions, the function definitions it trusts): nobody has to "
                                   "trust the search that found it.",
                       epilog=epilog('''
symact check "log(x) <= x - 1 for x > 0" --json > cert.json
symact verify cert.json
symact verify cert.json --json
''', "0 the certificate establishes its verdict; 1 rejected (the reason is printed); 2 usage error (an unreadable file, no certificate in it)."))
    p.add_argument("certificate", help="a certificate file, or the JSON of `symact check --json`; - reads stdin")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    package = str(Path(__file__).resolve().parent.parent)
    argv = [sys.executable, "-I", "-c", _BOOTSTRAP, package, args.certificate] + (["--json"] if args.json else [])
    return subprocess.call(argv)

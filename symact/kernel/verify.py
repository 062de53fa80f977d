"""``symact verify CERT.json``: re-check a certificate with nothing but the kernel.

Run as ``python -c`` bootstrap by :mod:`symact.cli.verify_cmds` in a fresh interpreter where ``symact`` is an
empty package, so only ``symact.kernel`` (and :mod:`symact.functions`, the function definitions it trusts) is
imported: the verdict does not depend on the search code.
Accepts a certificate, or any JSON object holding one under ``certificate.data`` (``symact check --json``).
Exit status: 0 the certificate establishes its verdict, 1 rejected, 2 usage error (unreadable input).
"""
from __future__ import annotations

import json
import sys

from symact.kernel.check import check, claim_text
from symact.kernel.pieces import FORMAT, Rejected


def find_certificates(obj) -> list:
    """The kernel certificates in a JSON object: a certificate itself, ``certificate.data`` of a verdict, or
    the ``conjuncts`` of a claim made of several statements (each needs its own certificate)."""
    if isinstance(obj, dict) and obj.get("format") == FORMAT:
        return [obj]
    cert = obj.get("certificate") if isinstance(obj, dict) else None
    if not (isinstance(cert, dict) and cert.get("kind") == "kernel"):
        return []
    data = cert.get("data")
    if not (isinstance(data, dict) and isinstance(data.get("conjuncts"), list)):
        return [data]
    found = [c.get("certificate") for c in data["conjuncts"] if isinstance(c, dict)]
    return [c.get("data") if isinstance(c, dict) and "data" in c else c for c in found]


def _rejected(reason: str, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"accepted": False, "reason": reason}))
    else:
        print(f"REJECTED  {reason}")
    return 1


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    paths = [a for a in argv if a != "--json"]
    if len(paths) != 1:
        print("symact verify: error: give one certificate file (or - for standard input)", file=sys.stderr)
        return 2
    try:
        text = sys.stdin.read() if paths[0] == "-" else open(paths[0], encoding="utf-8").read()
        obj = json.loads(text)
        certs = find_certificates(obj)
    except (OSError, ValueError, RecursionError) as exc:
        why = "its JSON is nested too deeply" if isinstance(exc, RecursionError) else exc
        print(f"symact verify: error: cannot read {paths[0]}: {why}", file=sys.stderr)
        return 2
    if not certs:
        print(f"symact verify: error: {paths[0]} holds no {FORMAT} certificate", file=sys.stderr)
        return 2
    results = []
    for cert in certs:
        try:
            results.append(check(cert))
        except (Rejected, RecursionError) as exc:
            return _rejected(str(exc) if isinstance(exc, Rejected) else "the certificate is nested too deeply",
                             as_json)
    status = obj.get("status") if isinstance(obj, dict) else None
    if status in ("proved", "refuted") and any(verdict != status for verdict, _ in results):
        # the verdict a reader of the file sees must be the one the certificate establishes
        return _rejected(f"the file's status is {status!r}, but its certificate "
                         f"{'proves' if results[0][0] == 'proved' else 'refutes'} its claim", as_json)
    modules = sorted(m for m in sys.modules if m.startswith("symact"))
    if as_json:
        print(json.dumps({"accepted": True, "verdicts": [v for v, _ in results], "verdict": results[0][0],
                          "claims": [claim_text(cert.get("claim")) for cert in certs],
                          "steps": [line for _, steps in results for line in steps], "modules": modules}))
    else:
        for cert, (verdict, steps) in zip(certs, results):
            print(f"ACCEPTED  the certificate {'proves' if verdict == 'proved' else 'refutes'} its claim, as the "
                  f"kernel read it (a certificate's 'statement' text is a label it does not read):")
            print(f"  claim: {claim_text(cert.get('claim'))}")
            for line in steps:
                print("  " + line)
    return 0

"""Benchmark: what re-checking a certificate costs, against finding it.

    python benchmarks/kernel.py            # the claims below: search + kernel check vs the kernel check alone
    python benchmarks/kernel.py --json
    python benchmarks/kernel.py --analyze  # analyze of catalog entries vs re-checking its certificates

For each claim, ``search`` is the CPU time of ``symact check`` in process (the search proposes certificates and
the kernel checks each proposal) and ``recheck`` is the CPU time of :func:`symact.kernel.check` on the final
certificate alone, what ``symact verify`` does (the kernel's memos of derivatives and Taylor forms emptied
first, as in verify's fresh process).  Target: re-checking adds at most 30% to a decision (the ratio
recheck/search below 0.3).

With ``--analyze``, the same for ``analyze`` (issue 11's target: the kernel adds at most 30% to ``analyze``):
``analyze_s`` is the CPU time of :func:`symact.properties.analyze` on a catalog entry in process (search and
kernel gate together; the first entry also pays the imports, so a warm-up analysis runs first and is not
counted) and ``recheck_s`` the CPU time of :func:`symact.kernel.check` on every kernel certificate in its
``--json`` report (the conjuncts of each property), what ``symact verify`` does with them.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ENTRIES = ["sigmoid", "tanh", "relu", "softplus", "elu", "silu", "gelu", "mish", "softsign", "hardswish"]
CLAIMS = ["tanh(x) == 2*sigmoid(2*x) - 1", "diff(sigmoid(x), x) <= 1/4", "log(x) <= x - 1 for x > 0",
          "silu(x) >= -0.28", "silu(x) >= -0.27846454276107379510 - 1e-12", "exp(x) >= 1 + x",
          "softplus(x) > relu(x)", "sin(x)**2 + cos(x)**2 == 1", "sin(x) <= 0.999999999",
          "(x**2 - 1)/(x - 1) == x + 1", "diff(Abs(x), x) == sign(x)", "x*exp(x) >= -1",
          "softplus(x) - softplus(-x) == x", "diff(x*Abs(x), x) == 2*Abs(x)"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--analyze", action="store_true", help="analyze of catalog entries instead of check")
    args = parser.parse_args()
    rows = analyze_rows() if args.analyze else check_rows()
    decided = [r for r in rows if r["recheck_s"] is not None]
    total_search = sum(r["search_s"] for r in decided)
    total_check = sum(r["recheck_s"] for r in decided)
    summary = {"rows": len(rows), "decided": len(decided), "search_s": round(total_search, 3),
               "recheck_s": round(total_check, 3),
               "recheck_over_search": round(total_check / total_search, 3) if total_search else None}
    if args.json:
        print(json.dumps({"rows": rows, "summary": summary}, indent=2))
    else:
        for r in rows:
            recheck = r["recheck_s"] if r["recheck_s"] is not None else "-"
            print(f"{r['status']:8s} search {r['search_s']:7.3f} s  recheck {recheck:>7} s  {r['claim']}")
        print(f"total: {summary}")
    return 0


def check_rows() -> list[dict]:
    from symact.decide.checked import check_claim
    from symact.kernel import check, remainder
    from symact.parsing import parse_claim

    rows = []
    for text in CLAIMS:
        start = time.process_time()
        verdict = check_claim(parse_claim(text), 10.0)
        search = time.process_time() - start
        recheck = None
        if verdict.certificate is not None:
            remainder.forget()   # what the search computed in the kernel's memos is not the re-check's
            start = time.process_time()
            check(verdict.certificate.data)
            recheck = time.process_time() - start
        rows.append({"claim": text, "status": verdict.status, "search_s": round(search, 4),
                     "recheck_s": None if recheck is None else round(recheck, 4)})
    return rows


def analyze_rows() -> list[dict]:
    from symact.kernel import FORMAT, check, remainder
    from symact.properties import analyze

    analyze("identity")  # imports and first-use caches, not counted
    rows = []
    for name in ENTRIES:
        start = time.process_time()
        report = analyze(name).to_json()
        search = time.process_time() - start
        certificates = list(kernel_certificates(report, FORMAT))
        remainder.forget()
        start = time.process_time()
        for cert in certificates:
            check(cert)
        recheck = time.process_time() - start
        status = "unknown" if any(v.get("status") == "unknown" for v in report["properties"].values()) else "decided"
        rows.append({"claim": f"analyze {name} ({len(certificates)} certificates)", "status": status,
                     "search_s": round(search, 4), "recheck_s": round(recheck, 4)})
    return rows


def kernel_certificates(node, fmt: str):
    """Every kernel certificate (format ``fmt``) in an analyze report (JSON), depth first."""
    if isinstance(node, dict):
        if node.get("format") == fmt:
            yield node
            return
        for value in node.values():
            yield from kernel_certificates(value, fmt)
    elif isinstance(node, list):
        for value in node:
            yield from kernel_certificates(value, fmt)


if __name__ == "__main__":
    raise SystemExit(main())

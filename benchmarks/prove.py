"""Benchmark: how long ``symact prove`` takes, in total and per family.

    python benchmarks/prove.py            # one in-process run + one end-to-end CLI run
    python benchmarks/prove.py --repeat 3 --json

In-process timings are the claims' own ``seconds`` (each claim runs under its time budget); the end-to-end time
is the wall clock of ``python -m symact prove`` in a fresh interpreter, imports included. Target (issue 5): the
whole of ``symact prove`` under 60 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def in_process() -> dict:
    from symact.claims import load_families

    start = time.perf_counter()
    fams = load_families()
    load = time.perf_counter() - start
    per_family = {}
    slowest = []
    for fam in fams:
        outcomes = fam.run()
        per_family[fam.key] = {"claims": len(outcomes), "seconds": round(sum(o.verdict.seconds for o in outcomes), 3),
                               "as_expected": sum(o.ok for o in outcomes)}
        slowest += [(o.verdict.seconds, o.claim.id) for o in outcomes]
    total = sum(v["seconds"] for v in per_family.values())
    slowest.sort(reverse=True)
    return {"load_seconds": round(load, 3), "claims_seconds": round(total, 3), "per_family": per_family,
            "slowest": [{"id": i, "seconds": round(s, 3)} for s, i in slowest[:5]]}


def end_to_end() -> dict:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "symact", "prove", "--json"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    wall = time.perf_counter() - start
    claims = json.loads(proc.stdout)["claims"] if proc.stdout.strip().startswith("{") else []
    return {"wall_seconds": round(wall, 3), "exit_code": proc.returncode, "claims": len(claims)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="end-to-end CLI runs (the best is reported)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    inproc = in_process()
    runs = [end_to_end() for _ in range(max(1, args.repeat))]
    best = min(runs, key=lambda r: r["wall_seconds"])
    result = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
              "in_process": inproc, "cli": best, "cli_runs": [r["wall_seconds"] for r in runs]}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"symact prove benchmark ({os.cpu_count()} CPUs, Python {platform.python_version()})")
        print(f"  loading proof scripts: {inproc['load_seconds']:.2f} s")
        for key, v in inproc["per_family"].items():
            print(f"  {key:26s} {v['claims']:3d} claims {v['seconds']:7.2f} s  ({v['as_expected']} as expected)")
        print(f"  {'all claims':26s} {sum(v['claims'] for v in inproc['per_family'].values()):3d} claims "
              f"{inproc['claims_seconds']:7.2f} s")
        print("  slowest: " + ", ".join(f"{s['id']} {s['seconds']:.2f} s" for s in inproc["slowest"]))
        print(f"  end to end `python -m symact prove --json`: {best['wall_seconds']:.2f} s wall "
              f"(exit {best['exit_code']}, {best['claims']} claims; runs: {result['cli_runs']})")
    return 0 if best["exit_code"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: ``symact audit --exhaustive`` over all 2^32 float32 inputs of one activation.

    python benchmarks/audit_exhaustive.py                                  # scipy.special:expit as sigmoid
    python benchmarks/audit_exhaustive.py --target numpy:tanh --activation tanh

It measures the wall-clock time of the documented command (``python -m symact audit TARGET --activation NAME
--dtype float32 --exhaustive --json``) in a fresh interpreter, every other check included (a sample of the
bit patterns would mislead: the cost per input differs between exponent ranges, and worker processes are
started only for long streams).  Target (issue 6): under 10 minutes for one activation on a 2-core machine.
The last line reads ``exhaustive_seconds: S  inputs_per_second: R``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOTAL = 1 << 32


def full_run(target: str, activation: str) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "symact", "audit", target, "--activation", activation, "--dtype", "float32",
           "--exhaustive", "--json"]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"symact audit failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", default="scipy.special:expit")
    ap.add_argument("--activation", default="sigmoid")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    seconds, report = full_run(args.target, args.activation)
    chk = [c for c in report["checks"] if c["name"] == "exhaustive"][0]
    print(f"{args.target} as {args.activation}: {chk['status']}, {chk['points']} inputs, "
          f"max {float(chk['max_ulp']):.3g} ulp, {chk['detail']}; whole command {seconds:.0f} s")
    print(f"exhaustive_seconds: {seconds:.0f}  inputs_per_second: {TOTAL / seconds:.3g}")


if __name__ == "__main__":
    main()

"""Benchmark: ``symact audit --exhaustive`` over all 2^32 float32 inputs of one activation.

    python benchmarks/audit_exhaustive.py                                  # scipy.special:expit as sigmoid
    python benchmarks/audit_exhaustive.py --target numpy:tanh --activation tanh
    python benchmarks/audit_exhaustive.py --fraction 0.05                  # 5% of the patterns, extrapolated

The full run is the wall-clock time of the documented command (``python -m symact audit TARGET --activation
NAME --dtype float32 --exhaustive --json``) in a fresh interpreter, every other check included.  With
``--fraction F`` the stream covers the first F of the bit patterns of every sign and exponent range in one
interpreter (a contiguous slice would be unrepresentative: tiny inputs are cheaper than large ones) and the
time of the ``exhaustive`` stage alone is scaled by 1/F.  Target (issue 6): under 10 minutes for one
activation on a 2-core machine.  The last line reads ``exhaustive_seconds: S  inputs_per_second: R``.
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
sys.path.insert(0, str(ROOT))
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


def sampled_run(target: str, activation: str, fraction: float) -> tuple[float, int]:
    """Seconds of the exhaustive stage over ``fraction`` of every 2^24-pattern range, and the inputs judged."""
    from symact.audit import exhaustive as ex
    from symact.audit.adapters import Target, load_target
    from symact.audit.core import _Ctx
    from symact.audit.dtypes import get_format
    from symact.audit.progress import Quiet
    from symact.audit.report import AuditReport
    from symact.audit.standard import Standard
    from symact.catalog import get

    step = 1 << 24
    width = max(ex.SLICE, int(step * fraction) // ex.SLICE * ex.SLICE)
    target = Target(load_target(target))
    ctx = _Ctx(target, get(activation), {}, get_format("float32"), Standard(), 1.0, Quiet(), None)
    target.detect(ctx.fmt)
    report = AuditReport(target=target.label, activation=activation, dtype="float32", params={}, standard="")
    opts = {"exhaustive": True, "region": None}
    start = time.perf_counter()
    for a in range(0, TOTAL, step):
        ex.PATTERNS = range(a, a + width)
        ex.stage_exhaustive(ctx, report, opts)
    seconds = time.perf_counter() - start
    points = sum(c.points for c in report.checks)
    return seconds * step / width, points


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", default="scipy.special:expit")
    ap.add_argument("--activation", default="sigmoid")
    ap.add_argument("--fraction", type=float, default=1.0, help="share of the bit patterns (1: the full command)")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    if args.fraction >= 1.0:
        seconds, report = full_run(args.target, args.activation)
        chk = [c for c in report["checks"] if c["name"] == "exhaustive"][0]
        print(f"{args.target} as {args.activation}: {chk['status']}, {chk['points']} inputs, "
              f"max {float(chk['max_ulp']):.3g} ulp, {chk['detail']}; whole command {seconds:.0f} s")
    else:
        seconds, points = sampled_run(args.target, args.activation, args.fraction)
        print(f"{args.target} as {args.activation}: {points} inputs judged ({args.fraction:.1%} of each 2^24 "
              f"range); exhaustive stage scaled to all 2^32 inputs: {seconds:.0f} s (extrapolated)")
    print(f"exhaustive_seconds: {seconds:.0f}  inputs_per_second: {TOTAL / seconds:.3g}")


if __name__ == "__main__":
    main()

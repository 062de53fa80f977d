"""Benchmark: ``symact audit --exhaustive`` over all 2^32 float32 inputs of one activation, as a ratio to
NumPy evaluating the same target on the same inputs.

    python benchmarks/audit_exhaustive.py                                  # scipy.special:expit as sigmoid
    python benchmarks/audit_exhaustive.py --target numpy:tanh --activation tanh

It measures, in one run, (1) the time NumPy alone needs to evaluate the target on every finite float32 input
(made in blocks of 2^20 bit patterns, the target called once per block, in one process: one core) and (2)
the wall-clock time of the documented command (``python -m symact audit TARGET --activation NAME --dtype
float32 --exhaustive --json``) in a fresh interpreter, every other check included (a sample of
the bit patterns would mislead: the cost per input differs between exponent ranges, and worker processes are
started only for long streams; the audit uses one worker per core).  Target (issue 13): the audit within 3
times NumPy's time.  The last line reads ``exhaustive_seconds: S  numpy_seconds: N  ratio: R``.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOTAL = 1 << 32


def full_run(target: str, activation: str) -> tuple[float, float, dict]:
    """(wall-clock seconds, CPU seconds of the command and its worker processes, the JSON report)."""
    cmd = [sys.executable, "-m", "symact", "audit", target, "--activation", activation, "--dtype", "float32",
           "--exhaustive", "--json"]
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"symact audit failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, cpu_seconds, json.loads(done.stdout)


def numpy_run(target: str) -> tuple[float, float]:
    """(wall-clock, CPU) seconds NumPy takes to evaluate ``target`` on every finite float32 input (one process)."""
    import numpy as np

    from symact.audit.adapters import load_target

    fn = load_target(target)
    block = 1 << 20
    start, cpu = time.perf_counter(), time.process_time()
    with np.errstate(all="ignore"):
        for a in range(0, TOTAL, block):
            xs = (np.arange(block, dtype=np.uint32) + np.uint32(a)).view(np.float32)
            fn(xs[np.isfinite(xs)])
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", default="scipy.special:expit")
    ap.add_argument("--activation", default="sigmoid")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    numpy_seconds, numpy_cpu = numpy_run(args.target)
    print(f"numpy alone: {args.target} on every finite float32 input in {numpy_seconds:.1f} s "
          f"({numpy_cpu:.1f} s CPU, one process)")
    seconds, cpu_seconds, report = full_run(args.target, args.activation)
    chk = [c for c in report["checks"] if c["name"] == "exhaustive"][0]
    print(f"{args.target} as {args.activation}: {chk['status']}, {chk['points']} inputs, "
          f"max {float(chk['max_ulp']):.3g} ulp, {chk['detail']}; whole command {seconds:.0f} s "
          f"({TOTAL / seconds:.3g} inputs per second), {cpu_seconds:.0f} s CPU")
    # on a machine shared with other work the wall-clock times vary; CPU time spread over the cores (what the
    # wall-clock time would be with the cores to itself) varies less
    cores = os.cpu_count() or 1
    print(f"CPU-time ratio (audit CPU / {cores} cores over NumPy's CPU): {cpu_seconds / cores / numpy_cpu:.1f}")
    print(f"exhaustive_seconds: {seconds:.0f}  numpy_seconds: {numpy_seconds:.1f}  "
          f"ratio: {seconds / numpy_seconds:.1f}")

if __name__ == "__main__":
    main()

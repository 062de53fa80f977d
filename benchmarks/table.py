"""Benchmark: the whole-catalog property table, cold and cached, and the per-property decision times.

    python benchmarks/table.py                # cold + cached `symact table` (fresh interpreters), per property
    python benchmarks/table.py --jobs 2 --json

The cold run uses an empty cache directory (``$SYMACT_CACHE`` pointed at a temporary folder), so every row is
computed; the cached run repeats the same command and only reads the cache.  Both are wall-clock times of
``python -m symact table`` in a fresh interpreter, imports included, with the CPU time of that process and its
workers beside them and the load average at the start (on a shared machine the wall time grows with the load).  The per-property figures come from one
in-process ``analyze`` of every scalar activation: each verdict's own ``seconds`` (the first property that needs
a shared fact, e.g. the shape of f', pays for it).  Target (issue 4): cold under 60 s on a 2-core machine, cached
under 5 s.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cli_table(cache: str, jobs: int | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its worker processes) of one ``symact table``."""
    env = dict(os.environ, SYMACT_CACHE=cache)
    cmd = [sys.executable, "-m", "symact", "table"] + (["--jobs", str(jobs)] if jobs else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"symact table failed: {done.stderr.strip()}")
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def per_property() -> dict:
    from symact.catalog import entries
    from symact.properties import KEYS, analyze

    per_key = {k: 0.0 for k in KEYS}
    per_entry = {}
    unknown = []
    for e in entries(scalar_only=True):
        start = time.perf_counter()
        report = analyze(e.name)
        per_entry[e.name] = time.perf_counter() - start
        for k in KEYS:
            per_key[k] += report[k].seconds
        unknown += [f"{e.name}.{k}: {report[k].reason}" for k in report.unknown()]
    return {"per_key": per_key, "per_entry": per_entry, "unknown": unknown}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=None, help="worker processes for the table (default: CPU count)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--skip-per-property", action="store_true")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="symact-bench-") as cache:
        cold, cold_cpu = cli_table(cache, args.jobs)
        cached, _ = cli_table(cache, args.jobs)
    result = {"machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
              "load_average_1min": round(load, 2), "table_cold_s": round(cold, 2),
              "table_cold_cpu_s": round(cold_cpu, 2), "table_cached_s": round(cached, 2),
              "targets": {"cold_s": 60, "cached_s": 5}}
    if not args.skip_per_property:
        pp = per_property()
        result["per_property_s"] = {k: round(v, 3) for k, v in pp["per_key"].items()}
        result["per_activation_s"] = {k: round(v, 3) for k, v in pp["per_entry"].items()}
        result["unknown"] = pp["unknown"]
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"machine: {result['machine']}, load average {load:.2f} at the start")
    print(f"symact table, cold (empty cache): {cold:6.2f} s   (target < 60 s; {cold_cpu:.2f} s CPU)")
    print(f"symact table, cached:             {cached:6.2f} s   (target < 5 s)")
    if "per_property_s" in result:
        print("\nper property, summed over the catalog (in-process, sequential):")
        for k, v in result["per_property_s"].items():
            print(f"  {k:22s} {v:8.3f} s")
        print("\nper activation (all properties, sequential):")
        for k, v in sorted(result["per_activation_s"].items(), key=lambda kv: -kv[1]):
            print(f"  {k:22s} {v:8.3f} s")
        print(f"\nunknown cells: {len(result['unknown'])}")
        for line in result["unknown"]:
            print(f"  {line}")


if __name__ == "__main__":
    main()

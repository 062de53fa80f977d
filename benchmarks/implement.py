"""Benchmark: the modules `symact implement` writes against the framework's own function, side by side.

    python benchmarks/implement.py                         # every entry with a native function, every target
    python benchmarks/implement.py --names gelu softplus --targets torch --n 1000000 --json
    python benchmarks/implement.py --targets numpy torch --cpu --repeat 5   # CPU time: steadier under load

For each scalar catalog entry and target (numpy, torch; jax when installed) it generates the float32 module
(:func:`symact.implement.implement`, a small proof budget: the proofs do not change the code) and times, on the
same 10^7 float32 inputs (normal, standard deviation 4, plus +-0, +-inf and NaN), the generated function and
the framework's native one, each the best of ``--repeat`` calls after a warm-up (JAX: both under ``jax.jit``,
``block_until_ready``), by the wall clock or with ``--cpu`` by the process's CPU time (all its threads: torch's
native functions use several, the generated ones one).  The native function is ``torch.nn.functional``'s / ``jax.nn``'s where the framework
has one; NumPy has no activation functions, so for numpy it is SciPy's (expit, log_expit), ``np.logaddexp``
for softplus, ``np.tanh``, else the catalog formula written in NumPy (``sympy.lambdify``), what a user would
write.  Target (issue 15): every ratio generated/native at most 2.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def numpy_native(name: str):
    import scipy.special as sc
    import sympy as sp

    from symact.catalog import get
    from symact.catalog.registry import X

    special = {"sigmoid": sc.expit, "logsigmoid": sc.log_expit, "tanh": np.tanh,
               "softplus": lambda x: np.logaddexp(np.float32(0), x)}
    if name in special:
        return special[name]
    return sp.lambdify(X, get(name).f(), ["scipy", "numpy"])


def torch_native(name: str):
    import torch
    import torch.nn.functional as F

    table = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "softsign": F.softsign, "logsigmoid": F.logsigmoid,
             "tanhshrink": F.tanhshrink, "relu": F.relu, "relu6": F.relu6, "leaky_relu": F.leaky_relu,
             "elu": F.elu, "selu": F.selu, "celu": F.celu, "hardtanh": F.hardtanh, "hardsigmoid": F.hardsigmoid,
             "hardswish": F.hardswish, "gelu": F.gelu, "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
             "silu": F.silu, "mish": F.mish, "softplus": F.softplus, "softshrink": F.softshrink,
             "hardshrink": F.hardshrink, "identity": lambda x: x}
    return table.get(name)


def jax_native(name: str):
    import jax

    nn = jax.nn
    table = {"sigmoid": nn.sigmoid, "tanh": jax.numpy.tanh, "softsign": nn.soft_sign, "logsigmoid": nn.log_sigmoid,
             "relu": nn.relu, "relu6": nn.relu6, "leaky_relu": lambda x: nn.leaky_relu(x, 0.01), "elu": nn.elu,
             "selu": nn.selu, "celu": nn.celu, "hardtanh": nn.hard_tanh, "hardswish": nn.hard_swish,
             "gelu": lambda x: nn.gelu(x, approximate=False), "gelu_tanh": lambda x: nn.gelu(x, approximate=True),
             "silu": nn.silu, "mish": nn.mish, "softplus": nn.softplus, "identity": lambda x: x}
    fn = table.get(name)
    return jax.jit(fn) if fn is not None else None


NATIVE = {"numpy": numpy_native, "torch": torch_native, "jax": jax_native}


def inputs(n: int) -> np.ndarray:
    x = (np.random.default_rng(0).standard_normal(n) * 4).astype(np.float32)
    x[:6] = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-30]
    return x


def best(fn, x, repeat: int, sync, clock=time.perf_counter) -> float:
    sync(fn(x))  # warm-up (JAX compiles here)
    times = []
    for _ in range(repeat):
        start = clock()
        sync(fn(x))
        times.append(clock() - start)
    return min(times) * 1000


def row(name: str, target: str, source: str, x: np.ndarray, repeat: int, clock=time.perf_counter) -> dict | None:
    native = NATIVE[target](name)
    if native is None:
        return None
    namespace: dict = {}
    exec(compile(source, f"<{name}_{target}>", "exec"), namespace)
    generated = namespace[name]
    sync = lambda out: out  # noqa: E731 - numpy and torch (CPU) return when done
    data = x
    if target == "torch":
        import torch

        data = torch.from_numpy(x)
    elif target == "jax":
        import jax

        generated, data = jax.jit(generated), jax.numpy.asarray(x)
        sync = lambda out: out.block_until_ready()  # noqa: E731
    native_ms, generated_ms = best(native, data, repeat, sync, clock), best(generated, data, repeat, sync, clock)
    return {"name": name, "target": target, "native_ms": round(native_ms, 2), "generated_ms": round(generated_ms, 2),
            "ratio": round(generated_ms / native_ms, 2)}


def main() -> int:
    from symact.catalog import entries
    from symact.implement import implement

    targets = ["numpy", "torch"]
    try:
        import jax  # noqa: F401

        targets.append("jax")
    except ImportError:
        pass
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--names", nargs="*", help="catalog entries (default: every scalar entry)")
    ap.add_argument("--targets", nargs="*", default=targets, choices=["numpy", "torch", "jax"])
    ap.add_argument("--n", type=int, default=10 ** 7, help="float32 inputs (default 10^7)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cpu", action="store_true", help="the process's CPU time (every thread's) instead of the wall "
                                                        "clock: steadier on a machine loaded by other jobs")
    args = ap.parse_args()
    names = args.names or [e.name for e in entries(scalar_only=True) if e.name != "identity"]
    # every module first: the proofs run in forked children, and a fork after JAX has started its threads can
    # deadlock
    sources = {(name, target): implement(name, target=target, dtype="float32", budget=0.1).source
               for name in names for target in args.targets}
    warnings.simplefilter("ignore")  # the naive formulas overflow and divide inf by inf on the special inputs
    x = inputs(args.n)
    rows = []
    if not args.json:
        print(f"{'name':18s} {'target':6s} {'native ms':>10s} {'generated ms':>13s} {'ratio':>6s}")
    for (name, target), source in sources.items():
        result = row(name, target, source, x, args.repeat, time.process_time if args.cpu else time.perf_counter)
        if result is not None:
            rows.append(result)
            if not args.json:
                print(f"{name:18s} {target:6s} {result['native_ms']:10.1f} {result['generated_ms']:13.1f} "
                      f"{result['ratio']:6.2f}", flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    clock = "CPU" if args.cpu else "wall-clock"
    ratios = [r["ratio"] for r in rows]
    if args.json:
        print(json.dumps({"machine": machine, "n": args.n, "clock": clock, "rows": rows}, indent=1))
    elif ratios:
        print(f"machine: {machine}; n = {args.n} float32; {clock} time; ratio generated/native: median "
              f"{float(np.median(ratios)):.2f}, max {max(ratios):.2f} (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

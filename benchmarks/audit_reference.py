"""Throughput of symact's correctly rounded reference against a plain mpmath loop and plain NumPy.

    python benchmarks/audit_reference.py [--n N] [--mp-n M] [--activation gelu] [--dtype float32]

On the same inputs of the format (uniform in [-10, 10] plus a log-uniform spread of magnitudes) it times:

* symact: :func:`symact.audit.reference.oracle.rounded` -- vectorised float64 interval enclosures, each point
  accepted only when both ends of its enclosure round to the same number of the format, then vectorised
  double-double enclosures (:mod:`symact.audit.reference.dd`; float64 needs them), the rest from the certified
  per-point path;
* mpmath: the per-point certified loop (:meth:`symact.numeric.reference.Reference.rounded`), the same
  certainty (correct rounding), on the first M inputs (it is slow; its throughput is per point);
* numpy: the plain float64 NumPy evaluation of the same function (symact's twin), no certainty at all.

It checks that symact's values equal the mpmath loop's on the common inputs, and prints as its last line
``speedup_vs_mpmath: N  slowdown_vs_numpy: M`` (throughput ratios).
"""
from __future__ import annotations

import argparse
import time

import numpy as np


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="inputs for symact and numpy")
    ap.add_argument("--mp-n", type=int, default=3000, help="inputs for the mpmath loop")
    ap.add_argument("--activation", default="gelu")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dtype", default="float32", choices=["float16", "float32", "float64"])
    args = ap.parse_args(argv)

    from symact.audit.reference.oracle import oracle, rounded
    from symact.numeric.reference import reference
    from symact.numeric.twins import twin

    rng = np.random.default_rng(0)
    half = args.n // 2
    xs = np.concatenate([rng.uniform(-10, 10, half),
                         rng.choice([-1.0, 1.0], args.n - half) * np.exp(rng.uniform(-20, 5, args.n - half))])
    xs = xs.astype(args.dtype).astype(np.float64)
    name = args.activation
    tw = twin(name)
    oracle(name)._compiled()
    rounded(name, xs[:1000], args.dtype)   # warm up: library self-check, compilation

    def best(fn):
        ts = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            out = fn()
            ts.append(time.perf_counter() - t)
        return min(ts), out

    t_np, _ = best(lambda: tw.f(xs))
    t_sym, vals = best(lambda: rounded(name, xs, args.dtype))
    ref = reference(name)
    sub = xs[: args.mp_n]
    t = time.perf_counter()
    mp_vals = ref.rounded(sub, np.dtype(args.dtype)).astype(np.float64)
    t_mp = time.perf_counter() - t

    same = np.array_equal(vals[: args.mp_n], mp_vals, equal_nan=True)
    thr_sym = xs.size / t_sym
    thr_mp = sub.size / t_mp
    thr_np = xs.size / t_np
    print(f"activation: {name}, {args.dtype} correctly rounded, {xs.size} inputs (mpmath loop: {sub.size})")
    print(f"symact reference : {t_sym:8.3f} s  {thr_sym:12.0f} values/s")
    print(f"mpmath loop      : {t_mp:8.3f} s  {thr_mp:12.0f} values/s")
    print(f"numpy float64    : {t_np:8.3f} s  {thr_np:12.0f} values/s")
    print(f"symact == mpmath loop on the common inputs: {same}")
    print(f"speedup_vs_mpmath: {thr_sym / thr_mp:.0f}  slowdown_vs_numpy: {thr_np / thr_sym:.1f}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

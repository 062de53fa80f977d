"""The flipped sweep: the ground-truth check of every case must fail once the case's truth label is flipped.

A checker that passes a case and its negation proves nothing about either.  :func:`flipped` turns a false case
into a true one whose own points include the old witness (where the claim fails) and a true case into a false one
with a witness inside its domain (where the claim holds); :func:`soundness_mp.check_case` must reject both.

test_soundness.py flips every case (test_the_ground_truth_check_can_fail); the same sweep as a script, with one
summary line (under a minute: a flipped case stops at its first failing point)::

    cd tests/soundness && nice -n 10 python soundness_flip.py            # exit status 1 if a flip is accepted
    cd tests/soundness && python soundness_flip.py --sample 200 --seed 7  # a sample
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time

from mpmath import mp

from soundness_mp import GRID, check_case, point


def _inside(case, x) -> bool:
    if case.xmax is not None and abs(float(point(x))) > case.xmax:
        return False
    return case.domain is None or bool(case.domain(point(x)))


def flipped(case):
    """The case with its truth label flipped (a limit case keeps its evidence; its truth_check decides)."""
    if case.truth_check is not None:
        return dataclasses.replace(case, truth=not case.truth, witness=None if not case.truth else "x -> end")
    if not case.truth:
        return dataclasses.replace(case, truth=True, witness=None, points=(case.witness, *case.points))
    with mp.workdps(case.dps):
        witness = next(x for x in (*case.points, *GRID) if not callable(x) and _inside(case, x))
    return dataclasses.replace(case, truth=False, witness=witness if isinstance(witness, str) else str(witness))


def accepted(case) -> str | None:
    """None if check_case rejects the flipped case (an AssertionError), else what it accepted."""
    try:
        return check_case(flipped(case))
    except AssertionError:
        return None


def main(argv=None) -> int:
    from soundness_cases import all_cases, domain_syntax_cases

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=int, help="check this many cases drawn at random (default: all)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    cases = all_cases() + domain_syntax_cases()
    if args.sample:
        cases = random.Random(args.seed).sample(cases, min(args.sample, len(cases)))
    start, missed = time.monotonic(), []
    for case in cases:
        account = accepted(case)
        if account is not None:
            missed.append(case.id)
            print(f"ACCEPTED flipped {case.id} (truth said {not case.truth}): {account}", flush=True)
    print(f"flipped sweep: {len(cases) - len(missed)} of {len(cases)} flips detected, {len(missed)} accepted; "
          f"{time.monotonic() - start:.0f} s")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

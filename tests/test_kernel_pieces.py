"""The kernel's cover test (symact/kernel/pieces.py, covers): whether a union of pieces contains a piece, the side
condition of the rule that splits a piece into cases."""
from __future__ import annotations

import random
from fractions import Fraction as F

import pytest

from symact.kernel.pieces import covers

OO = None


@pytest.mark.parametrize("pieces, p, expected", [
    ([(F(0), F(1), True, True), (F(1), F(2), False, True)], (F(0), F(2), True, True), True),
    ([(F(0), F(1), True, False), (F(1), F(2), False, True)], (F(0), F(2), True, True), False),  # 1 is missed
    ([(F(0), F(1), True, False), (F(1), F(2), False, True)], (F(0), F(1), True, False), True),
    ([(OO, F(0), False, True), (F(0), OO, True, False)], (OO, OO, False, False), True),
    ([(OO, F(0), False, False), (F(0), OO, False, False)], (OO, OO, False, False), False),  # 0 is missed
    ([(OO, F(-5), False, True)], (OO, OO, False, False), False),  # (-5, oo) is missed
    ([(F(3), OO, True, False)], (F(4), OO, False, False), True),
    ([(F(3), F(4), True, True)], (F(4), F(5), True, True), False),  # only the end 4
    ([(F(3), F(4), True, True)], (F(4), F(4), True, True), True),
    ([], (F(0), F(1), True, True), False),
])
def test_covers_named_cases(pieces, p, expected):
    assert covers(pieces, p) is expected


def _holds(pieces, p, x) -> bool:
    """x lies in p only if it lies in one of the pieces (written out here, apart from pieces.contains)."""
    def inside(q):
        lo, hi, lc, hc = q
        above = lo is None or x > lo or (x == lo and lc)
        below = hi is None or x < hi or (x == hi and hc)
        return above and below
    return not inside(p) or any(inside(q) for q in pieces)


def test_covers_agrees_with_a_grid_finer_than_every_gap():
    # ends are halves in [-3, 3], so every gap between two ends is at least 1/2 long and the grid of quarters on
    # [-4, 4] has a point inside each gap, at each end and beyond the outermost ends: the union contains p exactly
    # when it contains every grid point of p
    grid = [F(k, 4) for k in range(-16, 17)]
    rng = random.Random(11)

    def piece():
        while True:
            lo = None if rng.random() < 0.2 else F(rng.randint(-6, 6), 2)
            hi = None if rng.random() < 0.2 else F(rng.randint(-6, 6), 2)
            lc, hc = lo is not None and rng.random() < 0.5, hi is not None and rng.random() < 0.5
            if lo is None or hi is None or lo < hi or (lo == hi and lc and hc):
                return lo, hi, lc, hc

    for _ in range(3000):
        pieces, p = [piece() for _ in range(rng.randint(1, 4))], piece()
        assert covers(pieces, p) == all(_holds(pieces, p, x) for x in grid), (pieces, p)

"""The kernel's enclosure of a linear term slope*x + intercept (symact/kernel/evaluate.py, affine_image): its
ends are computed exactly in Q, so x - 10^-40 on [10^-40, oo) is certainly >= 0 (and > 0 only on the open
piece), and no end is ever on the wrong side."""
from __future__ import annotations

from fractions import Fraction

import pytest

from symact.kernel import Rejected, check
from symact.kernel.evaluate import affine_image

TINY = Fraction(1, 10 ** 40)


def test_exact_ends_and_their_openness():
    iv = affine_image(Fraction(1), -TINY, (TINY, None, True, False))
    assert iv.nonnegative() and not iv.positive() and iv.lo == 0 and iv.hi is None
    assert affine_image(Fraction(1), -TINY, (TINY, None, False, False)).positive()
    # a negative slope swaps the ends and their openness: 2 - 3x on (-oo, 2/3] is [0, oo)
    iv = affine_image(Fraction(-3), Fraction(2), (None, Fraction(2, 3), False, True))
    assert iv.lo == 0 and not iv.lo_open and iv.hi is None
    assert affine_image(Fraction(0), Fraction(5), (None, None, False, False)).lo == 5


def claim(lo_closed, rel):
    """sqrt(x - 10^-40) REL 0 on [10^-40, oo) (closed) or (10^-40, oo)."""
    lhs = ["pow", ["add", ["x"], ["num", "-1/10000000000000000000000000000000000000000"]], "1/2"]
    return {"format": "symact-kernel/1", "verdict": "proved", "proof": [{"rule": "eval"}],
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": ["num", "0"],
                      "domain": [["1/10000000000000000000000000000000000000000", "oo", lo_closed, False]]}}


def test_the_root_of_a_shifted_x():
    """sqrt(x - 10^-40) >= 0 on [10^-40, oo) (0 at the end, by hand); > 0 only on the open piece."""
    assert check(claim(True, ">="))[0] == "proved"
    assert check(claim(False, ">"))[0] == "proved"
    with pytest.raises(Rejected):
        check(claim(True, ">"))

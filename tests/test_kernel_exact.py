"""Exact values of the kernel (symact/kernel/evaluate.py, exact_value): the value of a term's smooth form at a
rational point in exact arithmetic, its switches decided exactly where their arguments are rational there and by
enclosure where they are not."""
from __future__ import annotations

from fractions import Fraction as F

from symact.kernel.evaluate import exact_value

X = ("x",)


def num(q):
    return ("num", F(q))


def test_a_switch_of_an_irrational_argument_has_an_exact_value():
    # sqrt(2) - 1 > 0 (1.41... > 1), so heaviside(sqrt(x) - 1) at x = 2 is 1, and sign(1 - sqrt(x)) is -1
    root_minus_one = ("add", ("pow", X, F(1, 2)), num(-1))
    assert exact_value(("heaviside", root_minus_one, F(1, 2)), F(2)) == 1
    assert exact_value(("sign", ("mul", num(-1), root_minus_one)), F(2)) == -1
    # |x - (1 - 10^-25)| at x = 1 is 10^-25 exactly, though the 53-bit ball of 1 - 10^-25 is not below 1
    tiny = F(1, 10 ** 25)
    assert exact_value(("abs", ("add", X, num(tiny - 1))), F(1)) == tiny
    # the value itself stays irrational where it is: sqrt(2) - 1 has no exact rational value
    assert exact_value(("abs", root_minus_one), F(2)) is None


def test_an_undefined_point_has_no_exact_value():
    # 1/|x| at 0 and the root of a negative number are undefined, so no value
    assert exact_value(("pow", ("abs", X), F(-1)), F(0)) is None
    assert exact_value(("pow", ("add", X, num(-3)), F(1, 2)), F(2)) is None
    # Heaviside with its value at 0 given: exactly that value where the argument is exactly 0
    assert exact_value(("heaviside", ("add", X, num(-3)), F(1, 2)), F(3)) == F(1, 2)

"""One-sided forms (germs) of symact.kernel.evaluate: Piecewise conditions decided beside a point."""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from symact.kernel.evaluate import GermUndefined, germ
from symact.kernel.terms import ONE, from_sympy, num

X = sp.Symbol("x")


def test_a_condition_whose_germ_needs_a_second_rewrite_is_decided():
    # sqrt(|x|^4 + x^6) = x^2 sqrt(1 + x^2) > 0 for x != 0, so just right of 0 the first branch holds; the germ of
    # the comparison is (x^4 + x^6)^(1/2), whose root at 0 has no derivative until it is rewritten once more
    u = from_sympy(sp.sqrt(sp.Abs(X) ** 4 + X ** 6), X)
    t = ("pw", (ONE, ("rel", ">", u, num(0))), (num(2), ("true",)))
    assert germ(t, Fraction(0), 1) == ONE


def test_a_germ_outside_the_domain_names_the_failure():
    # log(x) just left of 0 and sqrt(x - 1) just left of 1 are certainly undefined (their arguments are < 0 there)
    for e, x0, words in ((sp.log(X), 0, "log of a number outside its domain"),
                         (sp.sqrt(X - 1), 1, "a real root of a negative number")):
        try:
            germ(from_sympy(e, X), Fraction(x0), -1)
        except GermUndefined as exc:
            assert words in str(exc)
        else:
            raise AssertionError(f"{e} is defined just left of {x0}?")
        assert germ(from_sympy(e, X), Fraction(x0), 1)  # and defined just right of it

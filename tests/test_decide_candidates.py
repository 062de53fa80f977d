"""Where the certificate search looks for counterexamples (symact/decide/candidates.py and the quantified
parameter's values in symact/decide/checked.py): each proposal is checked against mpmath, independently of symact,
and each false claim below, which only such a point refutes, is refuted by ``symact check`` with a certificate the
kernel accepts."""
from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest

from symact.decide.candidates import (DECADES, convergent_denominators, branch_variants, commensurate_points,
                                      reduced_phases, square_factors)
from symact.decide.checked import check_claim, parameter_candidates
from symact.kernel import check
from symact.kernel.terms import from_json
from symact.parsing import parse_claim


def mp(q: Fraction):
    return mpmath.mpf(q.numerator) / q.denominator


def test_branch_variants_choose_each_branch():
    t = from_json(["mul", ["abs", ["fn", "sin", ["x"]]], ["max", ["x"], ["num", "1"]]])
    variants = branch_variants(t)
    assert len(variants) == 4
    with mpmath.workdps(30):  # at x = 2: |sin 2| max(2, 1) = 2 sin 2 is the value of the variant sin(x) * x
        values = sorted(float(_value(v, 2)) for v in variants)
        assert min(abs(v - 2 * float(mpmath.sin(2))) for v in values) < 1e-12
        assert min(abs(v + 2 * float(mpmath.sin(2))) for v in values) < 1e-12
    assert branch_variants(from_json(["fn", "exp", ["x"]])) == [from_json(["fn", "exp", ["x"]])]


def _value(t, x):
    from symact.kernel.evaluate import enclose, point

    return enclose(t, point(Fraction(x))).as_ball().mid()


def test_reduced_phases_match_mpmath():
    """10^30 mod 2 pi = 3.2318319774878462664938... (mpmath at 120 digits: 10^30 takes 30 of them)."""
    t = from_json(["fn", "sin", ["add", ["x"], ["num", str(10 ** 30)]]])
    r = reduced_phases(t)[2][2][1]
    with mpmath.workdps(120):
        assert abs(mp(r) - mpmath.mpf(10) ** 30 % (2 * mpmath.pi)) < mpmath.mpf(10) ** -50
    small = from_json(["fn", "sin", ["add", ["x"], ["num", "1"]]])
    assert reduced_phases(small) == small


def test_convergents_of_root_2_are_pell_numbers():
    """q_k of sqrt 2: 1, 2, 5, 12, 29, ... with p_k^2 - 2 q_k^2 = +-1 for p_k = q_k + q_(k-1)."""
    with mpmath.workdps(60):
        r = Fraction(int(mpmath.sqrt(2) * 10 ** 50), 10 ** 50)
    qs = convergent_denominators(r)
    assert qs[:6] == [1, 2, 5, 12, 29, 70] and 33461 in qs and qs[-1] <= 10 ** 8
    for q0, q1 in zip(qs, qs[1:]):
        assert abs((q0 + q1) ** 2 - 2 * q1 ** 2) == 1


def test_commensurate_points_bring_two_cosines_near_minus_2():
    """At x = 33461 pi (mpmath): cos x = -1 and cos(sqrt 2 x) = -1 + 5.6e-10."""
    t = from_json(["add", ["fn", "cos", ["x"]], ["fn", "cos", ["mul", ["pow", ["num", "2"], "1/2"], ["x"]]]])
    with mpmath.workdps(60):
        best = min(mpmath.cos(mp(x)) + mpmath.cos(mpmath.sqrt(2) * mp(x)) for x in commensurate_points(t))
        assert best < -2 + mpmath.mpf("6e-10")
    assert commensurate_points(from_json(["add", ["fn", "cos", ["x"]], ["x"]])) == []  # x outside the cosines


def test_square_factors():
    versine = from_json(["add", ["num", "1"], ["mul", ["num", "-1"], ["fn", "cos", ["x"]]]])
    (w, z), = square_factors(versine)
    with mpmath.workdps(40):  # 1 - cos x = w z at a few points, w = sin(x/2)
        for x in ("1/3", "2", "7"):
            q = Fraction(x)
            assert abs(1 - mpmath.cos(mp(q)) - mp_value(w, q) * mp_value(z, q)) < 1e-30
            assert abs(mp_value(w, q) - mpmath.sin(mp(q) / 2)) < 1e-30
    assert square_factors(from_json(["add", ["pow", ["x"], "2"], ["num", "-2"]])) == []  # no repeated factor
    one_minus_sine = from_json(["add", ["num", "1"], ["mul", ["num", "-1"], ["fn", "sin", ["x"]]]])
    pairs = square_factors(one_minus_sine)
    assert pairs
    with mpmath.workdps(40):  # 1 - sin x = w z, w = +-sin(x/2 - pi/4) or +-cos(x/2 + pi/4): 0 at pi/2
        for w, z in pairs:
            for x in ("1/3", "2", "-7"):
                q = Fraction(x)
                assert abs(1 - mpmath.sin(mp(q)) - mp_value(w, q) * mp_value(z, q)) < 1e-30
                assert abs(abs(mp_value(w, q)) - abs(mpmath.sin(mp(q) / 2 - mpmath.pi / 4))) < 1e-30


def mp_value(t, q):
    from flint import ctx

    with ctx.workprec(200):
        return mpmath.mpf(_value(t, q).str(45, radius=False))


def test_decades_and_parameter_values():
    assert Fraction(-10) ** 30 in DECADES and Fraction(1, 10 ** 30) in DECADES
    near = parameter_candidates([(Fraction(0), Fraction(10000000001, 10 ** 10), True, False)])
    assert Fraction(10000000001, 10 ** 10) - Fraction(1, 10 ** 30) in near  # inside the open end, above 1
    assert Fraction(10000000001, 10 ** 10) not in near
    assert len(parameter_candidates([(None, None, False, False)])) <= 8


@pytest.mark.parametrize("text, witness, why", [
    ("x**2*exp(-Abs(x)/1000) <= 541341", "2000", "4e6 e^-2 = 541341.13 at x = 2000"),
    ("Abs(sin(x)*cos(x)) <= 0.49999999999999999999", None, "1/2 at pi/4"),
    ("log(x**2 + 1) - Abs(x)/1000 < 13.20180516908419597295282964257202028280088485", None,
     "the maximum 13.2018051690841959729528296425720202828008848... at x = 1000 + sqrt(999999)"),
    ("x**2 + 2.0000000000001e-30*x**3 + 1e-60*x**4 >= 0", "-1000000000000000000000000000000",
     "1e60 (1 - 2.0000000000001 + 1) = -1e47 at x = -10^30"),
    ("silu(x, beta=10**30) >= relu(x) - 1e-31", "-1/1000000000000000000000000000000",
     "-1e-30/(1 + e) = -2.69e-31 at x = -10^-30"),
    ("sin(x + 10**30) <= 0.99999999999999999999", None, "1 where x + 10^30 = pi/2 mod 2 pi"),
    ("cos(x) + cos(sqrt(2)*x) > -2 + 1e-9", None, "-2 + 5.6e-10 at x = 33461 pi"),
    ("forall 0.9999999999 < alpha < 1.0000000001: diff(elu(x, alpha=alpha), x) > 0", None,
     "elu' jumps at 0 for every alpha != 1"),
    ("forall 0 <= alpha < 1.0000000001: leaky_relu(x, alpha=alpha) >= x", None, "alpha x < x for alpha > 1, x < 0"),
])
def test_false_claims_that_only_these_points_refute(text, witness, why):
    if witness is not None:  # the ground truth at the named point, with mpmath
        with mpmath.workdps(80):
            x = mp(Fraction(witness))
            if text.startswith("x**2*exp"):
                assert x ** 2 * mpmath.exp(-abs(x) / 1000) > 541341
            elif text.startswith("x**2 + "):
                assert x ** 2 + mpmath.mpf("2.0000000000001e-30") * x ** 3 + mpmath.mpf("1e-60") * x ** 4 < 0
            else:
                assert x / (1 + mpmath.exp(-mpmath.mpf(10) ** 30 * x)) < -mpmath.mpf("1e-31")
    v = check_claim(parse_claim(text), 3.0)
    assert v.status == "refuted", (why, v.reason)
    assert check(v.certificate.data)[0] == "refuted"


def test_true_neighbours_are_not_refuted():
    for text in ("x**2*exp(-Abs(x)/1000) <= 541342", "Abs(sin(x)*cos(x)) <= 1/2", "cos(x) + cos(sqrt(2)*x) > -2",
                 "forall 0 <= alpha <= 1: leaky_relu(x, alpha=alpha) >= x*alpha"):
        assert check_claim(parse_claim(text), 2.0).status != "refuted", text

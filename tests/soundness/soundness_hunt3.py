"""A sixth held-out set (issue 11, s38): polynomials and rational functions whose extreme value lies within a hair
of the bound, at a point a float grid does not see (10^-20 from a double critical point, at 2^59, at 1/sqrt 2),
written before symact's answers were read, with the truth argued beside each case and checked with mpmath by the
suite (soundness_mp.py).  Same format as soundness_cases.py (which adds these to its lists); ids start ``h3-``;
every proved/refuted verdict's certificate is re-checked by the kernel's verifier.
"""
from __future__ import annotations

from mpmath import mp, mpf

from soundness_cases import dec, prefixed, verified
from soundness_mp import const, div, num


def _cases(T, F) -> list:
    E, Y = "extremum", "tiny"
    with mp.workdps(120):
        r = dec(mp.sqrt(mpf(1) / 2), 60)        # 1/sqrt 2: where x^4 - x^2 has its minimum -1/4
        q = dec(mp.sqrt(mpf(1) / 3), 60)        # 1/sqrt 3: where x^3 - x has its minimum on x > 0
    e20, e30 = num("1e-20"), num("1e-30")
    return [
        # x^4 + 1e-20 x^3 = x^3 (x + 1e-20): f' = x^2 (4x + 3e-20), minimum at -3/4 1e-20:
        # (-3/4 1e-20)^3 (1/4 1e-20) = -27/256 1e-80 = -1.0546875e-81
        F(Y, "quartic-tiny-min-below", ("x**4 + 1e-20*x**3", ">=", "-1e-81"),
          (lambda x: x ** 4 + e20 * x ** 3, const("-1e-81")), "-3/400000000000000000000",
          "the minimum -1.0546875e-81 at -7.5e-21 is below -1e-81", dps=120),
        T(Y, "quartic-tiny-min-above", ("x**4 + 1e-20*x**3", ">=", "-1.06e-81"),
          (lambda x: x ** 4 + e20 * x ** 3, const("-1.06e-81")),
          "the minimum is -1.0546875e-81 > -1.06e-81", points=("-3/400000000000000000000",), dps=120),
        T(Y, "quartic-tiny-min-far-above", ("x**4 + 1e-20*x**3", ">=", "-1e-62"),
          (lambda x: x ** 4 + e20 * x ** 3, const("-1e-62")), "the minimum is -1.05e-81 > -1e-62",
          points=("-3/400000000000000000000",), dps=120),
        # x^2 - 2^60 x = (x - 2^59)^2 - 2^118: minimum -2^118 at 2^59, past a float grid's 2^24
        F(E, "quadratic-far-min", ("x**2 - 2**60*x", ">=", "1 - 2**118"),
          (lambda x: x ** 2 - mpf(2) ** 60 * x, lambda x: 1 - mpf(2) ** 118), "576460752303423488",
          "at 2^59 the left side is -2^118 < 1 - 2^118"),
        T(E, "quadratic-far-min-exact", ("x**2 - 2**60*x", ">=", "-2**118"),
          (lambda x: x ** 2 - mpf(2) ** 60 * x, lambda x: -mpf(2) ** 118), "(x - 2^59)^2 >= 0",
          points=("576460752303423488",)),
        # (x^2 - 1)^3 + 1 = x^2 (x^4 - 3x^2 + 3) >= 0 (x^4 - 3x^2 + 3 has discriminant 9 - 12 < 0), 0 only at 0
        T(Y, "sextic-cube-above", ("x**6 - 3*x**4 + 3*x**2 - 1 + 1e-30", ">", "-1"),
          (lambda x: x ** 6 - 3 * x ** 4 + 3 * x ** 2 - 1 + e30, const("-1")),
          "the difference is x^2 (x^4 - 3x^2 + 3) + 1e-30 >= 1e-30", points=("0",)),
        F(Y, "sextic-cube-below", ("x**6 - 3*x**4 + 3*x**2 - 1 - 1e-30", ">", "-1"),
          (lambda x: x ** 6 - 3 * x ** 4 + 3 * x ** 2 - 1 - e30, const("-1")), "0",
          "at 0 the difference is -1e-30"),
        # x^4 - x^2 has its minimum -1/4 at +-1/sqrt 2 (irrational)
        F(E, "quartic-irrational-min-below", ("x**4 - x**2 + 0.2499999999", ">", "0"),
          (lambda x: x ** 4 - x ** 2 + num("0.2499999999"), const("0")), r,
          "at 1/sqrt 2 the left side is -1e-10"),
        T(E, "quartic-irrational-min-above", ("x**4 - x**2 + 0.2500000001", ">", "0"),
          (lambda x: x ** 4 - x ** 2 + num("0.2500000001"), const("0")), "(x^2 - 1/2)^2 + 1e-10 > 0",
          points=(r,)),
        # x^3 - x on [0, oo): minimum -2/(3 sqrt 3) = -0.38490017945975050967... at 1/sqrt 3
        T(E, "cubic-half-line-min-above", ("x**3 - x + 0.3849001794597506", ">", "0 for x >= 0"),
          (lambda x: x ** 3 - x + num("0.3849001794597506"), const("0")),
          "the minimum on [0, oo) is about 9e-18 > 0, at 1/sqrt 3", points=(q,), domain=lambda x: x >= 0),
        F(E, "cubic-half-line-min-below", ("x**3 - x + 0.3849001794597505", ">", "0 for x >= 0"),
          (lambda x: x ** 3 - x + num("0.3849001794597505"), const("0")), q,
          "at 1/sqrt 3 the left side is about -9.7e-19", domain=lambda x: x >= 0),
        # rational functions: x^2/(1 + x^4) <= 1/2 (1 + x^4 - 2x^2 = (x^2 - 1)^2), equal at +-1
        F(E, "rational-peak-strict", ("x**2/(1 + x**4)", "<", "1/2"),
          (lambda x: div(x ** 2, 1 + x ** 4), const("1/2")), "1", "a tie at x = 1", exact=True),
        T(E, "rational-peak-room", ("x**2/(1 + x**4)", "<=", "1/2 + 1e-30"),
          (lambda x: div(x ** 2, 1 + x ** 4), lambda x: mpf(1) / 2 + e30), "x^2/(1 + x^4) <= 1/2",
          points=("1", "-1")),
        F(E, "rational-tie-at-one", ("(x**4 - 2*x**2 + 1)/(x**2 + 1)", ">", "1e-40"),
          (lambda x: div(x ** 4 - 2 * x ** 2 + 1, x ** 2 + 1), const("1e-40")), "1", "(x^2 - 1)^2 = 0 at 1"),
        # x^8 - x^7 = x^7 (x - 1): minimum at x = 7/8, (7/8)^7 (-1/8) = -0.0490...
        F(E, "octic-min", ("x**8 - x**7 + 1e-5", ">", "0"),
          (lambda x: x ** 8 - x ** 7 + num("1e-5"), const("0")), "7/8", "at 7/8 the left side is -0.049"),
    ]


def _all(T, F) -> list:
    return verified(_cases(*prefixed("h3", T, F)))


def hunt3_cases(T, F) -> list:
    """The claims on all of R."""
    return [case for case in _all(T, F) if case.domain is None]


def hunt3_domain_cases(T, F) -> list:
    """The claims with a stated domain (``for ...``)."""
    return [case for case in _all(T, F) if case.domain is not None]

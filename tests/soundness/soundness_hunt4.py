"""A seventh held-out set (issue 11, s39): derivatives at a point where a one-sided formula is not smooth at the
point itself (|x|^(3/2), sqrt|x|, exp(-1/x), x log|x| at 0; (x - 1)^2 under a root at 1), where the derivative
exists as the limit of the formula's derivative, is infinite, or the function jumps.  Written with the truth
argued beside each case and checked with mpmath by the suite (soundness_mp.py: derivatives by hand, undefined
where the difference quotient diverges).  Same format as soundness_cases.py (which adds these to its lists); ids
start ``h4-``; every proved/refuted verdict's certificate is re-checked by the kernel's verifier.
"""
from __future__ import annotations

from mpmath import mpf

from soundness_cases import prefixed, verified
from soundness_mp import cos, exp, kink, log, num, sign, sin, sqrt, undefined

THIRD = mpf(1) / 3


def _cases(T, F) -> list:
    S, K = "smooth", "kink"
    return [
        # |x|^(5/2) = sign(x)-free C^2: f' = (5/2) x |x|^(1/2), and f'(0) = lim |h|^(5/2)/h = 0
        T(S, "abs-five-halves", ("diff(Abs(x)**2.5, x)", "==", "2.5*x*Abs(x)**0.5"),
          (lambda x: num("2.5") * x * sqrt(abs(x)), lambda x: num("2.5") * x * sqrt(abs(x))),
          "(|x|^(5/2))' = (5/2) x |x|^(1/2), 0 at 0", points=("0",)),
        # relu^(5/2): 0 on the left, (5/2) x^(3/2) on the right, f'(0) = 0
        T(S, "relu-five-halves", ("diff(relu(x)**2.5, x)", ">=", "0"),
          lambda x: num("2.5") * x * sqrt(x) if x > 0 else mpf(0), "(5/2) x^(3/2) >= 0, and 0 for x <= 0",
          points=("0",)),
        # e^(-1/x) for x > 0, 0 for x <= 0: f' = e^(-1/x)/x^2 > 0 on the right, 0 on the left, f'(0) = 0
        T(S, "half-flat", ("diff(Piecewise((exp(-1/x), x > 0), (0, True)), x)", ">=", "0"),
          lambda x: exp(-1 / x) / (x * x) if x > 0 else mpf(0), "e^(-1/x)/x^2 > 0; f'(0) = lim e^(-1/h)/h = 0",
          points=("0",)),
        # x^2 log|x| patched by 0: f' = 2x log|x| + x for x != 0 and f'(0) = lim h log|h| = 0
        T(S, "x2-log-abs", ("diff(Piecewise((x**2*log(Abs(x)), x != 0), (0, True)), x)", "==",
                            "Piecewise((2*x*log(Abs(x)) + x, x != 0), (0, True))"),
          (lambda x: 2 * x * log(abs(x)) + x if x != 0 else mpf(0),
           lambda x: 2 * x * log(abs(x)) + x if x != 0 else mpf(0)),
          "f'(0) = lim (h^2 log|h|)/h = 0, the right side's value at 0", points=("0",)),
        # x |x|^(1/3) = sign(x) |x|^(4/3): f' = (4/3) |x|^(1/3) >= 0, f'(0) = lim |h|^(1/3) = 0
        T(S, "x-cbrt-abs", ("diff(x*Abs(x)**(1/3), x)", ">=", "0"),
          lambda x: num("4/3") * abs(x) ** THIRD, "f' = (4/3)|x|^(1/3), 0 at 0", points=("0",)),
        # |x - 1|^(3/2): f' = (3/2) sign(x - 1) |x - 1|^(1/2), so f'^2 = (9/4)|x - 1|, 0 at 1: equality
        T(S, "shifted-three-halves", ("diff(Abs(x - 1)**1.5, x)**2", "<=", "2.25*Abs(x - 1)"),
          (lambda x: (num("1.5") * sign(x - 1) * sqrt(abs(x - 1))) ** 2, lambda x: num("2.25") * abs(x - 1)),
          "equality everywhere, 0 <= 0 at 1", points=("1",)),
        # (x^2 - 2x + 1)^(3/4) = |x - 1|^(3/2), the same function written as a root of a square
        T(S, "root-of-square-three-halves", ("diff((x**2 - 2*x + 1)**(3/4), x)**2", "<=", "2.25*Abs(x - 1)"),
          (lambda x: (num("1.5") * sign(x - 1) * sqrt(abs(x - 1))) ** 2, lambda x: num("2.25") * abs(x - 1)),
          "(x - 1)^2 >= 0, so the root is |x - 1|^(3/2)", points=("1",)),
        # |x|^(1/3): the difference quotient |h|^(1/3)/h is unbounded at 0
        F(S, "cbrt-abs", ("diff(Abs(x)**(1/3), x)**2", ">=", "0"),
          lambda x: undefined("vertical tangent at 0") if x == 0 else (sign(x) / (3 * abs(x) ** (2 * THIRD))) ** 2,
          "0", "no derivative at 0 (infinite one-sided derivatives)"),
        # relu(x)^(1/2): right difference quotient sqrt(h)/h -> oo
        F(S, "relu-sqrt", ("diff(relu(x)**0.5, x)", ">=", "0"),
          lambda x: undefined("vertical tangent from the right at 0") if x == 0 else (
              1 / (2 * sqrt(x)) if x > 0 else mpf(0)), "0", "no derivative at 0"),
        # x log|x| patched by 0 is continuous at 0, its difference quotient log|h| -> -oo
        F(S, "x-log-abs", ("diff(Piecewise((x*log(Abs(x)), x != 0), (0, True)), x)", "<=", "100"),
          lambda x: undefined("log|h| -> -oo") if x == 0 else log(abs(x)) + 1, "0", "no derivative at 0"),
        # |x - 1| written as a root: one-sided derivatives -1 and 1 at 1; sign(0) = 0 does not help
        F(S, "root-of-square-abs", ("diff(sqrt(x**2 - 2*x + 1), x)", "==", "sign(x - 1)"),
          (lambda x: kink(x, "1", lambda t: mpf(-1), lambda t: mpf(1)), lambda x: sign(x - 1)), "1",
          "sqrt((x - 1)^2) = |x - 1| has no derivative at 1"),
        # (x - 1)^2 to the 1/4 is |x - 1|^(1/2): infinite derivative at 1
        F(S, "root-of-square-sqrt", ("diff((x**2 - 2*x + 1)**(1/4), x)**2", ">=", "0"),
          lambda x: undefined("vertical tangent at 1") if x == 1 else 1 / (4 * abs(x - 1)), "1",
          "|x - 1|^(1/2) has no derivative at 1"),
        # |x|^(3/2) + |x - 1|^(1/2): fine at 0, infinite slope at 1
        F(S, "two-points", ("diff(Abs(x)**1.5 + Abs(x - 1)**0.5, x)", "<=", "10"),
          lambda x: undefined("vertical tangent at 1") if x == 1 else (
              num("1.5") * sign(x) * sqrt(abs(x)) + sign(x - 1) / (2 * sqrt(abs(x - 1)))), "1",
          "no derivative at 1 (the claim also fails just right of 1, where the slope exceeds 10)"),
        # e^(1/x) -> 0 as x -> 0-, but the value at 0 is 1: a jump, no derivative
        F(K, "exp-reciprocal-jump", ("diff(Piecewise((exp(1/x), x < 0), (1, True)), x)", ">=", "0"),
          lambda x: undefined("jump at 0") if x == 0 else (-exp(1 / x) / (x * x) if x < 0 else mpf(0)), "0",
          "f jumps at 0 (left limit 0, value 1)"),
        # atan(1/x) patched by 0: one-sided limits -pi/2 and pi/2, a jump at 0; elsewhere f' = -1/(1 + x^2) <= 0
        F(K, "atan-reciprocal-jump", ("diff(Piecewise((atan(1/x), x != 0), (0, True)), x)", "<=", "0"),
          lambda x: undefined("jump at 0") if x == 0 else -1 / (1 + x * x), "0",
          "f jumps at 0, so f' <= 0 fails there only"),
        # sin(x)/x patched by 1 is C-infinity: |f'| <= 1/2 < 1 ((x cos x - sin x)/x^2, whose size is at most
        # |x|/3 near 0 and 2/|x| far out, below 0.44 everywhere)
        T(S, "sinc-patched-slope", ("diff(Piecewise((sin(x)/x, x != 0), (1, True)), x)", "<=", "1"),
          lambda x: (x * cos(x) - sin(x)) / (x * x) if x != 0 else mpf(0), "|sinc'| < 0.44", points=("0",)),
    ]


def _all(T, F) -> list:
    return verified(_cases(*prefixed("h4", T, F)))


def hunt4_cases(T, F) -> list:
    """The claims on all of R."""
    return [case for case in _all(T, F) if case.domain is None]

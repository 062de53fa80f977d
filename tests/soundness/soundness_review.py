"""A second held-out reviewer's claims (issue 11): shapes the other files do not hold, written and given their
ground truth before symact's answers were looked at.

Same format and ground truth as soundness_cases.py (which adds them to its lists); each ground truth is checked by
the suite with mpmath (soundness_mp.py) at 60+ digits, and each proved/refuted verdict's certificate is re-checked
by the kernel's verifier.  What is new here:

* ties at irrational points reached through a composition (1/(2 + sin x) = 1 and log(2 + sin x) = 0 at -pi/2,
  max(sin, cos) = -sqrt(2)/2 at 5 pi/4, x^x = e^(-1/e) at 1/e, x^4 e^(-x^2) = 4/e^2 at sqrt 2);
* kinks that cancel (max(sin, cos) + min(sin, cos) = sin + cos, |x - sqrt 2|(x - sqrt 2), relu(x - pi) -
  relu(pi - x) = x - pi: differentiable although each part has a kink) and kinks where two branches cross
  with different slopes (max(x^2, x^3) at 1, max(x, x^3) at 0, |x^3 - x| at 1);
* strictly monotone outer functions against non-strict ones (relu, hardtanh, x^2) at a 1e-40 shift;
* a removable 0/0 at an irrational point ((x^2 - 2)/(x - sqrt 2)), a radicand that is a square with an
  irrational double root ((x - sqrt 2)^2 written expanded) or just misses being one (2.8284271247461903 is
  2 sqrt 2 + 2e-17), Piecewise branches that are undefined only where their condition is false;
* parity identities of activations (softplus(x) - softplus(-x) = x, gelu(x) + gelu(-x) = x erf(x/sqrt 2),
  hardswish(x) - hardswish(-x) = x, hardtanh(x) = 2 hardsigmoid(3x) - 1) and their decimal near misses;
* tiny dips of x^2 + 1e-30 erf(x) and x^2 + 1e-40 atan(x) left of 0, whose depth -e^2/pi and -e^2/4 are bounds
  by convexity (erf(x) >= 2x/sqrt(pi) and atan(x) >= x for x <= 0).

Points where an irrational zero decides the truth (cos at pi/2, x - sqrt 2 at sqrt 2) are evaluated with
soundness_heldout.vanishes: the working precision cannot hit them exactly; the reasoning beside each case says
why the zero is exact.
"""
from __future__ import annotations

import dataclasses

import mpmath
from mpmath import mp, mpf

import soundness_mp as M
from soundness_cases import dec
from soundness_heldout import INF, Analysis, safe_div, tan, vanishes
from soundness_mp import (Max, Min, Undefined, acos, acosh, asin, atan, atanh, cos, cosh, div, erf, exp, heaviside,
                          log, num, real_power, rpow, sign, sin, sinh, sqrt, tanh)

HALF_PI = lambda: mp.pi / 2  # noqa: E731  (witnesses at the working precision)
QUARTER_PI = lambda: mp.pi / 4  # noqa: E731
ROOT2 = lambda: mp.sqrt(2)  # noqa: E731
NEG_HALF_PI = lambda: -mp.pi / 2  # noqa: E731
FIVE_QUARTER_PI = lambda: 5 * mp.pi / 4  # noqa: E731


def c(text: str):
    return M.const(text)


def snap(v):
    """v, or exactly 0 where v vanishes to the working precision: for a radicand that is exactly 0 at an
    irrational point (1 - sin x at pi/2) and >= 0 everywhere, as the case's reasoning shows."""
    return mpf(0) if vanishes(v) else v


def integral(f, lo, hi):
    """The side ``integrate(f, a, lo, hi)`` of a claim, a constant: mpmath's quadrature, once per precision."""
    values = {}

    def side(x):
        if mp.dps not in values:
            values[mp.dps] = mp.quad(f, [lo, hi])
        return values[mp.dps]
    return side


def d_max(x, f, df, g, dg):
    """d/dx max(f, g) at x: the slope of the larger one; where they tie, it exists only if the slopes agree (a
    crossing with different slopes is a corner)."""
    fx, gx = f(x), g(x)
    if fx == gx or vanishes(fx - gx):
        if vanishes(df(x) - dg(x)):
            return df(x)
        raise Undefined("a corner of max: the two slopes differ")
    return df(x) if fx > gx else dg(x)


def d_abs_at(u, du):
    """d/dx |u(x)| where u is simple at its zeros: undefined where u vanishes."""
    if u == 0 or vanishes(u):
        raise Undefined("|u| has a corner where u = 0")
    return du * (1 if u > 0 else -1)


def review_cases(T, F) -> list:
    """The claims on all of R; each verdict's certificate is re-checked (``verify``)."""
    return [dataclasses.replace(case, verify=True) for case in _review_cases(T, F)]


def review_domain_cases(T, F) -> list:
    """The claims with a stated domain (``for ...``); each verdict's certificate is re-checked."""
    return [dataclasses.replace(case, verify=True) for case in _review_domain_cases(T, F)]


def _review_cases(T, F) -> list:
    P, R, N, D, K, A, C, Y, E, X = ("periodic", "tail", "near_identity", "domain", "kink", "parameter",
                                    "composition", "tiny", "removable", "extremum")
    alphas = ("1e-9", "0.5", "1", "3", "1000")
    return [
        # -- ties at irrational points, through compositions -------------------------------------------------------
        T(P, "rv-inv-two-plus-sin", ("1/(2 + sin(x))", "<=", "1"), (lambda x: div(1, 2 + sin(x)), c("1")),
          "2 + sin x >= 1", points=(NEG_HALF_PI,)),
        F(P, "rv-inv-two-plus-sin-margin", ("1/(2 + sin(x))", "<=", "1 - 1e-30"),
          (lambda x: div(1, 2 + sin(x)), lambda x: 1 - num("1e-30")), NEG_HALF_PI, "1 at -pi/2 (irrational)"),
        T(P, "rv-log-two-plus-sin", ("log(2 + sin(x))", ">=", "0"), (lambda x: log(2 + sin(x)), c("0")),
          "2 + sin x >= 1", points=(NEG_HALF_PI,)),
        F(P, "rv-log-two-plus-sin-margin", ("log(2 + sin(x))", ">=", "1e-40"),
          (lambda x: log(2 + sin(x)), c("1e-40")), NEG_HALF_PI, "log 1 = 0 at -pi/2"),
        T(K, "rv-max-sin-cos-floor", ("Max(sin(x), cos(x))", ">=", "-sqrt(2)/2"),
          (lambda x: Max(sin(x), cos(x)), lambda x: -mp.sqrt(2) / 2),
          "where sin < cos, cos > -sqrt2/2 unless both are -sqrt2/2 (x = 5pi/4 + 2k pi): max >= -sqrt(2)/2, "
          "attained at 5 pi/4", points=(FIVE_QUARTER_PI,)),
        F(K, "rv-max-sin-cos-floor-decimal", ("Max(sin(x), cos(x))", ">=", "-0.70710678118654752"),
          (lambda x: Max(sin(x), cos(x)), c("-0.70710678118654752")), FIVE_QUARTER_PI,
          "-sqrt(2)/2 = -0.7071067811865475244... < -0.70710678118654752 at 5 pi/4"),
        T(X, "rv-x-pow-x-floor", ("x**x", ">", "0.69220062755534635 for x > 0"),
          (lambda x: real_power(x, x), c("0.69220062755534635")),
          "(x^x)' = x^x (log x + 1): minimum e^(-1/e) = 0.692200627555346353865... at 1/e", points=(lambda: 1 / mp.e,),
          domain=lambda x: x > 0),
        F(X, "rv-x-pow-x-floor-decimal", ("x**x", ">=", "0.6922006275553464 for x > 0"),
          (lambda x: real_power(x, x), c("0.6922006275553464")), lambda: 1 / mp.e,
          "e^(-1/e) = 0.692200627555346353865... is 4.6e-17 below the constant, at x = 1/e",
          domain=lambda x: x > 0),
        T(X, "rv-x4-gauss", ("x**4*exp(-x**2)", "<=", "4*exp(-2)"),
          (lambda x: x ** 4 * exp(-x * x), lambda x: 4 * exp(-2)),
          "(x^4 e^(-x^2))' = 2x^3 (2 - x^2) e^(-x^2): maximum 4/e^2 at x = +-sqrt 2", points=(ROOT2,)),
        F(X, "rv-x4-gauss-margin", ("x**4*exp(-x**2)", "<=", "4*exp(-2) - 1e-35"),
          (lambda x: x ** 4 * exp(-x * x), lambda x: 4 * exp(-2) - num("1e-35")), ROOT2, "4/e^2 at sqrt 2"),
        T(R, "rv-x10-exp-abs", ("x**10*exp(-Abs(x))", "<=", "10**10*exp(-10)"),
          (lambda x: x ** 10 * exp(-abs(x)), lambda x: mpf(10) ** 10 * exp(-10)),
          "even; for x > 0 the derivative x^9 (10 - x) e^(-x) vanishes at 10: the maximum 10^10 e^-10",
          points=("10", "-10")),
        F(R, "rv-x10-exp-abs-strict", ("x**10*exp(-Abs(x))", "<", "10**10*exp(-10)"),
          (lambda x: x ** 10 * exp(-abs(x)), lambda x: mpf(10) ** 10 * exp(-10)), "10",
          "equal at x = 10 (a rational point, irrational value)", exact=True),
        # -- removable singularities, one at an irrational point ---------------------------------------------------
        F(E, "rv-sqrt-quotient", ("(sqrt(x**2 + 1) - 1)/x**2", "<=", "1/2"),
          (lambda x: div(sqrt(x * x + 1) - 1, x * x), c("1/2")), "0", "0/0 at 0"),
        T(E, "rv-sqrt-quotient-filled", ("Piecewise(((sqrt(x**2 + 1) - 1)/x**2, x != 0), (1/2, True))", "<=", "1/2"),
          (lambda x: div(sqrt(x * x + 1) - 1, x * x) if x != 0 else num("1/2"), c("1/2")),
          "(sqrt(1 + t) - 1)/t = 1/(sqrt(1 + t) + 1) < 1/2 for t > 0; 1/2 at 0"),
        F(E, "rv-x-over-sin", ("x/sin(x)", ">=", "1"), (lambda x: div(x, sin(x)), c("1")), "0", "0/0 at 0"),
        F(E, "rv-sinh-quotient", ("(exp(x) - exp(-x))/(2*x)", ">=", "1"),
          (lambda x: div(exp(x) - exp(-x), 2 * x), c("1")), "0", "0/0 at 0"),
        T(E, "rv-log-quotient-filled", ("Piecewise((log(1 + x**2)/x**2, x != 0), (1, True))", "<=", "1"),
          (lambda x: log(1 + x * x) / (x * x) if x != 0 else mpf(1), c("1")), "log(1 + t) <= t; 1 at 0"),
        F(E, "rv-log-quotient-filled-strict", ("Piecewise((log(1 + x**2)/x**2, x != 0), (1, True))", "<", "1"),
          (lambda x: log(1 + x * x) / (x * x) if x != 0 else mpf(1), c("1")), "0", "1 at 0 (the filled value)",
          exact=True),
        F(E, "rv-root2-removable", ("(x**2 - 2)/(x - sqrt(2))", "==", "x + sqrt(2)"),
          (lambda x: safe_div(x * x - 2, x - mp.sqrt(2)), lambda x: x + mp.sqrt(2)), ROOT2,
          "0/0 at sqrt 2 (an irrational point); equal elsewhere"),
        F(E, "rv-root2-decimal-removable", ("(x**2 - 2)/(x - 1.4142135623730951)", "==", "x + 1.4142135623730951"),
          (lambda x: div(x * x - 2, x - num("1.4142135623730951")), lambda x: x + num("1.4142135623730951")), "0",
          "(x^2 - 2)/(x - c) = x + c needs c^2 = 2; at 0: 2/c - c = (2 - c^2)/c = -3e-16"),
        F(E, "rv-pythagoras-over-cos2", ("(sin(x) - sin(x)**3)/cos(x)**2", "==", "sin(x)"),
          (lambda x: safe_div(sin(x) - sin(x) ** 3, cos(x) ** 2), sin), HALF_PI,
          "sin(1 - sin^2)/cos^2 = sin where cos != 0; undefined at pi/2"),
        F(E, "rv-pythagoras-over-cos", ("(1 - sin(x)**2)/cos(x)", "==", "cos(x)"),
          (lambda x: safe_div(1 - sin(x) ** 2, cos(x)), cos), HALF_PI, "undefined at pi/2"),
        F(E, "rv-exp-half-removable", ("(exp(x) - 1)/(exp(x/2) - 1)", "==", "exp(x/2) + 1"),
          (lambda x: div(exp(x) - 1, exp(x / 2) - 1), lambda x: exp(x / 2) + 1), "0", "0/0 at 0"),
        T(E, "rv-cube-quotient", ("(x**3 - 1)/(x**2 + x + 1)", "==", "x - 1"),
          (lambda x: div(x ** 3 - 1, x * x + x + 1), lambda x: x - 1), "x^2 + x + 1 >= 3/4 never vanishes"),
        F(E, "rv-self-quotient", ("(x**2 - 1)/(x**2 - 1)", "==", "1"),
          (lambda x: div(x * x - 1, x * x - 1), c("1")), "1", "0/0 at +-1"),
        F(E, "rv-square-over-abs", ("x**2/Abs(x)", "==", "Abs(x)"),
          (lambda x: div(x * x, abs(x)), abs), "0", "0/0 at 0"),
        # -- domain gaps -----------------------------------------------------------------------------------------
        T(D, "rv-sqrt-of-irrational-square", ("sqrt(x**2 - 2*sqrt(2)*x + 2)", "==", "Abs(x - sqrt(2))"),
          (lambda x: sqrt(x * x - 2 * mp.sqrt(2) * x + 2), lambda x: abs(x - mp.sqrt(2))),
          "the radicand is (x - sqrt 2)^2 >= 0, 0 only at sqrt 2 (an irrational double root)"),
        F(D, "rv-sqrt-of-near-square", ("sqrt(x**2 - 2.8284271247461903*x + 2)", ">=", "0"),
          (lambda x: sqrt(x * x - num("2.8284271247461903") * x + 2), c("0")), "1.41421356237309515",
          "2.8284271247461903 = 2 sqrt 2 + 2.0e-17: the radicand 2 - c^2/4 = -2.9e-17 < 0 at x = c/2"),
        F(D, "rv-log-of-irrational-square", ("log(x**2 - 2*sqrt(2)*x + 2)", ">=", "-100"),
          (lambda x: log(x * x - 2 * mp.sqrt(2) * x + 2), c("-100")), "1.414213562373095048801688724210",
          "(x - sqrt 2)^2 = 9.1e-62 at this 30-digit x: log = -140 (and undefined at sqrt 2 itself); the radicand "
          "cancels 62 digits, so it is evaluated at 120", dps=120),
        F(D, "rv-half-power-of-x2-minus-1", ("(x**2 - 1)**0.5", ">=", "0"),
          (lambda x: rpow(x * x - 1, "1/2"), c("0")), "0", "(-1)^0.5 is not real"),
        T(D, "rv-half-power-of-x2-plus-1", ("(x**2 + 1)**0.5", ">=", "1"),
          (lambda x: rpow(x * x + 1, "1/2"), c("1")), "x^2 + 1 >= 1"),
        F(D, "rv-half-power-sin-minus-1", ("(sin(x) - 1)**0.5", ">=", "0"),
          (lambda x: rpow(sin(x) - 1, "1/2"), c("0")), "0", "(0 - 1)^0.5 is not real"),
        T(D, "rv-half-power-1-minus-sin", ("(1 - sin(x))**0.5", ">=", "0"),
          (lambda x: rpow(snap(1 - sin(x)), "1/2"), c("0")), "1 - sin x >= 0, exactly 0 at pi/2 + 2k pi",
          points=(HALF_PI,)),
        F(D, "rv-sqrt-cos-minus-1", ("sqrt(cos(x) - 1)", ">=", "0"), (lambda x: sqrt(cos(x) - 1), c("0")), "1",
          "cos 1 - 1 < 0"),
        F(D, "rv-log-abs-sin", ("log(Abs(sin(x)))", "<=", "0"), (lambda x: log(abs(sin(x))), c("0")), "0",
          "log 0 at 0"),
        T(D, "rv-asin-tanh", ("asin(tanh(x))", "<", "pi/2"), (lambda x: asin(tanh(x)), lambda x: mp.pi / 2),
          "|tanh| < 1, asin increasing: asin(tanh x) < asin(1) = pi/2 (never attained)"),
        F(D, "rv-asin-tanh-double", ("asin(tanh(x))", "<=", "1.5707963267948966"),
          (lambda x: asin(tanh(x)), c("1.5707963267948966")), "50",
          "1.5707963267948966 = pi/2 - 1.9e-17; at 50, 1 - tanh = 7.4e-44 and asin = pi/2 - 3.9e-22"),
        T(D, "rv-atanh-sigmoid", ("atanh(sigmoid(x))", ">", "0"), (lambda x: atanh(M.sigmoid(x)), c("0")),
          "0 < sigmoid < 1", xmax=40),
        F(D, "rv-atanh-two-sigmoid", ("atanh(2*sigmoid(x))", ">", "0"), (lambda x: atanh(2 * M.sigmoid(x)), c("0")),
          "0", "atanh(1) is undefined"),
        F(D, "rv-piecewise-gap-root2", ("Piecewise((x, x < sqrt(2)), (1, x > sqrt(2)))", "<=", "x**2 + 2"),
          (lambda x: M.undefined("no branch at sqrt 2") if vanishes(x - mp.sqrt(2)) else (x if x < mp.sqrt(2) else 1),
           lambda x: x * x + 2), ROOT2, "no branch at sqrt 2"),
        F(D, "rv-piecewise-gap-1e-40", ("Piecewise((0, x < 1e-40), (1, x > 1e-40))", ">=", "0"),
          (lambda x: M.undefined("no branch") if x == num("1e-40") else (0 if x < num("1e-40") else 1), c("0")),
          "1e-40", "no branch at 1e-40"),
        T(D, "rv-piecewise-sqrt-both-sides", ("Piecewise((sqrt(x), x >= 0), (sqrt(-x), x < 0))", "==", "sqrt(Abs(x))"),
          (lambda x: sqrt(x) if x >= 0 else sqrt(-x), lambda x: sqrt(abs(x))),
          "each root is taken only where its branch holds, where its argument is >= 0"),
        T(D, "rv-piecewise-log-branch", ("Piecewise((log(x), x > 0), (0, True))", "<=", "Abs(x)"),
          (lambda x: log(x) if x > 0 else mpf(0), abs), "log x <= x - 1 < x on (0, oo); 0 <= |x| elsewhere"),
        T(D, "rv-piecewise-inverse-branch", ("Piecewise((1/x, x > 0), (0, True))", ">=", "0"),
          (lambda x: div(1, x) if x > 0 else mpf(0), c("0")), "1/x is used only for x > 0"),
        F(D, "rv-piecewise-inverse-at-0", ("Piecewise((1/x, x >= 0), (0, True))", ">=", "0"),
          (lambda x: div(1, x) if x >= 0 else mpf(0), c("0")), "0", "the first branch holds at 0, where 1/0"),
        T(D, "rv-piecewise-pole-elsewhere", ("Piecewise((1/(x**2 - 2), x > 2), (0, True))", ">=", "0"),
          (lambda x: div(1, x * x - 2) if x > 2 else mpf(0), c("0")),
          "the pole sqrt 2 lies outside the branch x > 2, where x^2 - 2 > 2"),
        T(D, "rv-piecewise-sec-window", ("Piecewise((1/cos(x), Abs(x) < 1), (1, True))", ">=", "1"),
          (lambda x: div(1, cos(x)) if abs(x) < 1 else mpf(1), c("1")), "0 < cos x <= 1 on |x| < 1 < pi/2"),
        F(D, "rv-piecewise-csc-pole", ("Piecewise((1/sin(x), x > 1), (0, True))", ">=", "-1000"),
          (lambda x: safe_div(1, sin(x)) if x > 1 else mpf(0), c("-1000")), lambda: +mp.pi,
          "sin vanishes at pi > 1, inside the branch"),
        F(D, "rv-zero-times-pole", ("0*(1/(x**2 - 2))", "==", "0"),
          (lambda x: 0 * safe_div(1, x * x - 2), c("0")), ROOT2, "0 times an undefined value is undefined"),
        F(D, "rv-cancelling-poles", ("x - x + 1/(x - 1) - 1/(x - 1)", "==", "0"),
          (lambda x: x - x + div(1, x - 1) - div(1, x - 1), c("0")), "1", "1/0 at 1"),
        F(D, "rv-zeroth-power-of-pole", ("(1/x)**0", "==", "1"), (lambda x: div(1, x) ** 0, c("1")), "0",
          "(1/0)^0 is undefined"),
        F(D, "rv-abs-pole-times-0", ("Abs(1/x)*0", "==", "0"), (lambda x: abs(div(1, x)) * 0, c("0")), "0",
          "1/0 at 0"),
        F(D, "rv-negative-base-power", ("(-2)**x", ">", "0"), (lambda x: real_power(mpf(-2), x), c("0")), "1/2",
          "(-2)^(1/2) is not real"),
        # -- powers of powers that SymPy's evaluation would fold (the claim keeps what was written) ---------------
        F(D, "rv-cube-of-cube-root", ("(x**(1/3))**3", "==", "x"), (lambda x: rpow(x, "1/3") ** 3, lambda x: x),
          "-1", "x^(1/3) is a real power: undefined for x < 0"),
        F(D, "rv-square-of-fourth-root", ("(x**(1/4))**4", "==", "x"), (lambda x: rpow(x, "1/4") ** 4, lambda x: x),
          "-1", "undefined for x < 0"),
        T(D, "rv-fourth-root-of-fourth-power", ("(x**4)**(1/4)", "==", "Abs(x)"), (lambda x: rpow(x ** 4, "1/4"), abs),
          "x^4 >= 0 and (|x|^4)^(1/4) = |x|"),
        T(D, "rv-cube-root-of-sixth-power", ("(x**6)**(1/3)", "==", "x**2"),
          (lambda x: rpow(x ** 6, "1/3"), lambda x: x * x), "x^6 = (x^2)^3 >= 0"),
        F(D, "rv-two-thirds-power", ("x**(2/3)", ">=", "0"), (lambda x: rpow(x, "2/3"), c("0")), "-1",
          "a real power of a negative base (x^(2/3) is not (x^2)^(1/3) on the real line)"),
        T(D, "rv-cube-root-of-square", ("(x**2)**(1/3)", ">=", "0"), (lambda x: rpow(x * x, "1/3"), c("0")),
          "x^2 >= 0"),
        F(D, "rv-log-times-zero", ("log(x)*0", "==", "0"), (lambda x: log(x) * 0, c("0")), "-1",
          "log(-1) is undefined"),
        F(D, "rv-exp-log-square", ("exp(log(x**2))", "==", "x**2"), (lambda x: exp(log(x * x)), lambda x: x * x), "0",
          "log 0 is undefined"),
        F(D, "rv-exp-root-at-0", ("exp(x)**(1/x)", "==", "E"), (lambda x: exp(x) ** div(1, x), lambda x: +mp.e), "0",
          "1/x is undefined at 0"),
        F(D, "rv-x-pow-x", ("x**x", ">", "0"), (lambda x: real_power(x, x), c("0")), "-1", "(-1)^(-1) = -1"),
        F(D, "rv-double-atan", ("2*atan(x)", "==", "atan(2*x/(1 - x**2))"),
          (lambda x: 2 * atan(x), lambda x: atan(div(2 * x, 1 - x * x))), "1", "1/0 at x = 1"),
        F(D, "rv-acos-plus-asin", ("acos(x) + asin(x)", "==", "pi/2"),
          (lambda x: acos(x) + asin(x), lambda x: mp.pi / 2), "2", "acos and asin undefined at 2"),
        F(D, "rv-cos-asin", ("cos(asin(x))", "==", "sqrt(1 - x**2)"),
          (lambda x: cos(asin(x)), lambda x: sqrt(1 - x * x)), "2", "undefined at 2"),
        F(D, "rv-log-product", ("log(2*x)", "==", "log(2) + log(x)"), (lambda x: log(2 * x), lambda x: log(2) + log(x)),
          "-1", "log(-2) is undefined"),
        F(D, "rv-tan-squared", ("tan(x)**2", ">=", "0"), (lambda x: tan(x) ** 2, c("0")), HALF_PI,
          "tan has a pole at pi/2"),
        F(D, "rv-cos2-floor", ("cos(x)**2", ">=", "1e-40"), (lambda x: cos(x) ** 2, c("1e-40")), HALF_PI,
          "cos(pi/2) = 0"),
        # -- kinks: crossings with different slopes, and kinks that cancel -----------------------------------------
        F(K, "rv-d-abs-minus-root2", ("diff(Abs(x - sqrt(2)), x)**2", "==", "1"),
          (lambda x: d_abs_at(x - mp.sqrt(2), 1) ** 2, c("1")), ROOT2, "a corner at sqrt 2 (irrational)"),
        F(K, "rv-d-max-sin-cos", ("diff(Max(sin(x), cos(x)), x)", "<=", "1"),
          (lambda x: d_max(x, sin, cos, cos, lambda t: -sin(t)), c("1")), QUARTER_PI,
          "sin and cos cross at pi/4 with slopes sqrt2/2 and -sqrt2/2: a corner"),
        F(K, "rv-d-max-x-x3", ("diff(Max(x, x**3), x)", ">=", "0"),
          (lambda x: d_max(x, lambda t: t, lambda t: mpf(1), lambda t: t ** 3, lambda t: 3 * t * t), c("0")), "0",
          "x and x^3 cross at 0 with slopes 1 and 0: a corner"),
        F(K, "rv-d-max-x2-x4", ("diff(Max(x**2, x**4), x)", ">=", "-100"),
          (lambda x: d_max(x, lambda t: t * t, lambda t: 2 * t, lambda t: t ** 4, lambda t: 4 * t ** 3), c("-100")),
          "1", "x^2 and x^4 cross at 1 with slopes 2 and 4 (they touch at 0 with equal slopes: no corner there)"),
        F(K, "rv-d-max-x2-x3", ("diff(Max(x**2, x**3), x)", ">=", "-100"),
          (lambda x: d_max(x, lambda t: t * t, lambda t: 2 * t, lambda t: t ** 3, lambda t: 3 * t * t), c("-100")),
          "1", "slopes 2 and 3 at the crossing 1"),
        F(K, "rv-d-abs-product", ("diff(Abs(x)*Abs(x - 1), x)", ">=", "-100"),
          (lambda x: d_abs_at(x * (x - 1), 2 * x - 1), c("-100")), "0", "|x(x - 1)|: corners at 0 and 1"),
        F(K, "rv-d-abs-cubic", ("diff(Abs(x**3 - x), x)", ">=", "-100"),
          (lambda x: d_abs_at(x ** 3 - x, 3 * x * x - 1), c("-100")), "1", "x^3 - x has simple zeros -1, 0, 1"),
        F(K, "rv-d-heaviside-shifted", ("diff(Heaviside(x - 1e-30), x)", "==", "0"),
          (lambda x: M.undefined("a jump") if x == num("1e-30") else mpf(0), c("0")), "1e-30", "a jump at 1e-30"),
        F(K, "rv-d-sign-times-x", ("diff(sign(x)*x, x)", "==", "sign(x)"),
          (lambda x: d_abs_at(x, 1), sign), "0", "sign(x) x = |x|: a corner at 0"),
        T(K, "rv-d-abs-times-sign", ("diff(Abs(x)*sign(x), x)", "==", "1"), (lambda x: mpf(1), c("1")),
          "|x| sign(x) = x for every x (0 at 0): derivative 1 everywhere"),
        T(K, "rv-d-min-plus-max", ("diff(Min(x, 0) + Max(x, 0), x)", "==", "1"), (lambda x: mpf(1), c("1")),
          "min(x, 0) + max(x, 0) = x"),
        T(K, "rv-d-relu-odd-part", ("diff(relu(x) - relu(-x), x)", "==", "1"), (lambda x: mpf(1), c("1")),
          "relu(x) - relu(-x) = x"),
        T(K, "rv-d-max-plus-min-sin-cos", ("diff(Max(sin(x), cos(x)) + Min(sin(x), cos(x)), x)", "==",
                                           "cos(x) - sin(x)"),
          (lambda x: cos(x) - sin(x), lambda x: cos(x) - sin(x)),
          "max(a, b) + min(a, b) = a + b: the corners at pi/4 + k pi cancel"),
        T(K, "rv-d-abs-times-linear-root2", ("diff(Abs(x - sqrt(2))*(x - sqrt(2)), x)", "==", "2*Abs(x - sqrt(2))"),
          (lambda x: 2 * abs(x - mp.sqrt(2)), lambda x: 2 * abs(x - mp.sqrt(2))),
          "u|u| (u = x - sqrt 2) has derivative 2|u| everywhere, also at sqrt 2"),
        T(K, "rv-d-relu-pi-odd-part", ("diff(relu(x - pi) - relu(pi - x), x)", "==", "1"),
          (lambda x: mpf(1), c("1")), "relu(u) - relu(-u) = u = x - pi"),
        T(K, "rv-heaviside-sum", ("Heaviside(x) + Heaviside(-x)", "==", "1"),
          (lambda x: heaviside(x) + heaviside(-x), c("1")), "1 + 0 off 0, 1/2 + 1/2 at 0"),
        F(K, "rv-heaviside-product", ("Heaviside(x)*Heaviside(-x)", "==", "0"),
          (lambda x: heaviside(x) * heaviside(-x), c("0")), "0", "1/4 at 0"),
        F(K, "rv-sign-squared", ("sign(x)**2", "==", "1"), (lambda x: sign(x) ** 2, c("1")), "0", "0 at 0"),
        T(K, "rv-relu-product", ("relu(x)*relu(-x)", "==", "0"), (lambda x: M.relu(x) * M.relu(-x), c("0")),
          "one factor is 0 everywhere"),
        # -- monotone outer functions at a 1e-40 shift ------------------------------------------------------------
        F(K, "rv-relu-shift", ("relu(x)", "<", "relu(x + 1e-40)"),
          (M.relu, lambda x: M.relu(x + num("1e-40"))), "-1", "0 < 0 fails: relu is flat left of 0", exact=True),
        F(K, "rv-hardtanh-shift", ("hardtanh(x)", "<", "hardtanh(x + 1e-40)"),
          (M.hardtanh, lambda x: M.hardtanh(x + num("1e-40"))), "2", "1 < 1 fails: hardtanh is flat right of 1",
          exact=True),
        F(N, "rv-square-shift", ("x**2", "<", "(x + 1e-40)**2"),
          (lambda x: x * x, lambda x: (x + num("1e-40")) ** 2), "-1", "x^2 decreases left of 0"),
        T(C, "rv-softplus-shift", ("softplus(x)", "<", "softplus(x + 1e-40)"),
          (M.softplus, lambda x: M.softplus(x + num("1e-40"))), "softplus is strictly increasing"),
        F(C, "rv-mish-shift", ("mish(x)", "<", "mish(x + 1e-40)"), (M.mish, lambda x: M.mish(x + num("1e-40"))),
          "-3", "mish decreases left of its minimum near -1.19"),
        F(C, "rv-gelu-shift", ("gelu(x)", "<", "gelu(x + 1e-40)"), (M.gelu, lambda x: M.gelu(x + num("1e-40"))),
          "-2", "gelu decreases left of its minimum near -0.75"),
        T(C, "rv-double-exp-shift", ("exp(-exp(x))", ">", "exp(-exp(x + 1e-40))"),
          (lambda x: exp(-exp(x)), lambda x: exp(-exp(x + num("1e-40")))), "exp(-exp(x)) is strictly decreasing",
          xmax=40),
        # -- parity identities of activations ----------------------------------------------------------------------
        T(C, "rv-softplus-odd-part", ("softplus(x) - softplus(-x)", "==", "x"),
          (lambda x: M.softplus(x) - M.softplus(-x), lambda x: x), "log((1 + e^x)/(1 + e^-x)) = log e^x", xmax=1e4),
        F(C, "rv-softplus-odd-part-off", ("softplus(x) - softplus(-x)", "==", "1.0000000000000000001*x"),
          (lambda x: M.softplus(x) - M.softplus(-x), lambda x: num("1.0000000000000000001") * x), "1",
          "the slope is 1, not 1 + 1e-19"),
        T(C, "rv-gelu-even-part", ("gelu(x) + gelu(-x)", "==", "x*erf(x/sqrt(2))"),
          (lambda x: M.gelu(x) + M.gelu(-x), lambda x: x * erf(x / mp.sqrt(2))),
          "x Phi(x) - x Phi(-x) = x (2 Phi(x) - 1) = x erf(x/sqrt 2)"),
        F(C, "rv-gelu-even-part-decimal", ("gelu(x) + gelu(-x)", "==", "x*erf(0.7071067811865476*x)"),
          (lambda x: M.gelu(x) + M.gelu(-x), lambda x: x * erf(num("0.7071067811865476") * x)), "1",
          "0.7071067811865476 = 1/sqrt 2 + 4.8e-17"),
        T(C, "rv-silu-odd-part", ("silu(x) - silu(-x)", "==", "x"), (lambda x: M.silu(x) - M.silu(-x), lambda x: x),
          "x sigmoid(x) + x sigmoid(-x) = x"),
        T(C, "rv-hardswish-odd-part", ("hardswish(x) - hardswish(-x)", "==", "x"),
          (lambda x: M.hardswish(x) - M.hardswish(-x), lambda x: x),
          "x (relu6(x + 3) + relu6(3 - x))/6 = x: the bracket is 6 on [-3, 3] and 6 + 0 outside"),
        F(C, "rv-hardswish-even", ("hardswish(x) + hardswish(-x)", "==", "0"),
          (lambda x: M.hardswish(x) + M.hardswish(-x), c("0")), "1", "2/3 - 1/3 = 1/3 at 1"),
        T(C, "rv-relu6-even-part", ("relu6(x) + relu6(-x)", "==", "Min(Abs(x), 6)"),
          (lambda x: M.relu6(x) + M.relu6(-x), lambda x: Min(abs(x), 6)), "one term is 0, the other min(|x|, 6)"),
        T(C, "rv-hardtanh-hardsigmoid", ("hardtanh(x)", "==", "2*hardsigmoid(3*x) - 1"),
          (M.hardtanh, lambda x: 2 * M.hardsigmoid(3 * x) - 1),
          "2 relu6(3x + 3)/6 - 1 is x on [-1, 1], 1 right of it, -1 left of it"),
        F(C, "rv-hardtanh-hardsigmoid-off", ("hardtanh(x)", "==", "2*hardsigmoid(2.9999999999999999*x) - 1"),
          (M.hardtanh, lambda x: 2 * M.hardsigmoid(num("2.9999999999999999") * x) - 1), "1/2",
          "at 1/2: 0.5 against 0.4999999999999999833"),
        T(C, "rv-exp-neg-softplus", ("exp(-softplus(x))", "==", "sigmoid(-x)"),
          (lambda x: exp(-M.softplus(x)), lambda x: M.sigmoid(-x)), "1/(1 + e^x)"),
        F(C, "rv-tanh-sigmoid-sup", ("tanh(sigmoid(x))", "<=", "0.76159415595576488811"),
          (lambda x: tanh(M.sigmoid(x)), c("0.76159415595576488811")), "60",
          "tanh 1 = 0.761594155955764888119458...; at 60, sigmoid = 1 - 8.8e-27 and tanh of it is 9.4e-21 above "
          "the constant"),
        T(C, "rv-sigmoid-tanh-sup", ("sigmoid(tanh(x))", "<", "sigmoid(1)"),
          (lambda x: M.sigmoid(tanh(x)), lambda x: M.sigmoid(mpf(1))), "tanh < 1 and sigmoid increasing"),
        T(C, "rv-log-sigmoid-pair", ("log(sigmoid(x)) + log(sigmoid(-x))", "<=", "-1.3862943611198906"),
          (lambda x: log(M.sigmoid(x)) + log(M.sigmoid(-x)), c("-1.3862943611198906")),
          "log(s (1 - s)) <= log(1/4) = -1.38629436111989061883... < -1.3862943611198906", points=("0",)),
        F(C, "rv-log-sigmoid-pair-below", ("log(sigmoid(x)) + log(sigmoid(-x))", "<=", "-1.38629436111989062"),
          (lambda x: log(M.sigmoid(x)) + log(M.sigmoid(-x)), c("-1.38629436111989062")), "0",
          "-2 log 2 = -1.38629436111989061883 at 0, above the constant"),
        # -- tiny dips left of 0 -----------------------------------------------------------------------------------
        T(Y, "rv-quadratic-dip", ("x**2 - 1e-30*x", ">=", "-2.5e-61"),
          (lambda x: x * x - num("1e-30") * x, c("-2.5e-61")), "(x - 5e-31)^2 - 2.5e-61", points=("5e-31",)),
        F(Y, "rv-quadratic-dip-decimal", ("x**2 - 1e-30*x", ">=", "-2.4999999999e-61"),
          (lambda x: x * x - num("1e-30") * x, c("-2.4999999999e-61")), "5e-31", "-2.5e-61 at 5e-31"),
        F(Y, "rv-erf-dip", ("x**2 + 1e-30*erf(x)", ">=", "-3e-61"),
          (lambda x: x * x + num("1e-30") * erf(x), c("-3e-61")), lambda: -num("1e-30") / mp.sqrt(mp.pi),
          "near 0, erf x = 2x/sqrt(pi) + O(x^3): the dip is -e^2/pi = -3.18e-61 at x = -e/sqrt(pi) (e = 1e-30)"),
        T(Y, "rv-erf-dip-bound", ("x**2 + 1e-30*erf(x)", ">=", "-3.2e-61"),
          (lambda x: x * x + num("1e-30") * erf(x), c("-3.2e-61")),
          "erf is convex on (-oo, 0], so erf x >= 2x/sqrt(pi) there: x^2 + e erf x >= -e^2/pi = -3.1831e-61",
          points=(lambda: -num("1e-30") / mp.sqrt(mp.pi),)),
        F(Y, "rv-atan-dip", ("x**2 + 1e-40*atan(x)", ">=", "0"),
          (lambda x: x * x + num("1e-40") * atan(x), c("0")), "-1e-41", "1e-82 - 1e-81 < 0"),
        T(Y, "rv-atan-dip-bound", ("x**2 + 1e-40*atan(x)", ">=", "-2.5e-81"),
          (lambda x: x * x + num("1e-40") * atan(x), c("-2.5e-81")),
          "atan x >= x for x <= 0, so x^2 + e atan x >= x^2 + e x >= -e^2/4", points=("-5e-41",)),
        F(Y, "rv-tanh-taylor-left", ("tanh(x) - x + x**3/3", ">=", "0"),
          (lambda x: tanh(x) - x + x ** 3 / 3, c("0")), "-1e-10",
          "odd, = 2x^5/15 + O(x^7): -1.3e-51 at -1e-10"),
        F(Y, "rv-sinh-minus-x", ("sinh(x) - x", ">=", "0"), (lambda x: sinh(x) - x, c("0")), "-1e-10",
          "x^3/6 + ...: -1.7e-31 at -1e-10"),
        # -- far out and very fast ---------------------------------------------------------------------------------
        F(R, "rv-log-one-plus-square", ("log(1 + x**2)", "<", "92"), (lambda x: log(1 + x * x), c("92")), "1e21",
          "log(1 + 10^42) = 96.7"),
        F(R, "rv-slow-sine", ("sin(1e-30*x)", "<=", "0.99999"), (lambda x: sin(num("1e-30") * x), c("0.99999")),
          lambda: mp.pi / 2 * mpf(10) ** 30, "1 at x = 10^30 pi/2"),
        F(P, "rv-fast-sine", ("sin(10**30*x)", "<=", "1 - 1e-40"),
          (lambda x: sin(mpf(10) ** 30 * x), lambda x: 1 - num("1e-40")), lambda: mp.pi / 2 / mpf(10) ** 30,
          "1 at x = pi/(2 10^30)"),
        F(P, "rv-tenth-sine", ("sin(0.1*x)", "<=", "0.999999"), (lambda x: sin(num("0.1") * x), c("0.999999")),
          lambda: 5 * mp.pi, "sin(pi/2) = 1 at 5 pi"),
        F(P, "rv-sine-of-square", ("sin(x**2)", "<=", "0.99999999999"), (lambda x: sin(x * x), c("0.99999999999")),
          lambda: mp.sqrt(mp.pi / 2), "1 at sqrt(pi/2)"),
        T(P, "rv-sine-product-shift", ("sin(x)*sin(x + pi)", "<=", "0"),
          (lambda x: sin(x) * sin(x + mp.pi), c("0")), "sin(x + pi) = -sin x"),
        F(P, "rv-sine-tiny-phase", ("sin(x) - sin(x + 2*pi + 1e-30)", "==", "0"),
          (lambda x: sin(x) - sin(x + 2 * mp.pi + num("1e-30")), c("0")), "0", "-sin(1e-30) at 0"),
        F(P, "rv-sin-pi-x", ("sin(pi*x)", "==", "0"), (lambda x: sin(mp.pi * x), c("0")), "1/2", "1 at 1/2"),
        T(N, "rv-cosh-sinh-pythagoras", ("cosh(x)**2 - sinh(x)**2", "==", "1"),
          (lambda x: cosh(x) ** 2 - sinh(x) ** 2, c("1")), "(e^x + e^-x)^2/4 - (e^x - e^-x)^2/4 = 1", xmax=40),
        F(N, "rv-cosh-sinh-pythagoras-off", ("cosh(x)**2 - sinh(x)**2", "==", "1 + 1e-30"),
          (lambda x: cosh(x) ** 2 - sinh(x) ** 2, lambda x: 1 + num("1e-30")), "0", "1 at 0"),
        F(N, "rv-cosh-strict", ("cosh(x)", ">", "1"), (cosh, c("1")), "0", "cosh 0 = 1", exact=True),
        T(N, "rv-exp-shift-product", ("exp(x + 1e-30)", "==", "exp(x)*exp(1e-30)"),
          (lambda x: exp(x + num("1e-30")), lambda x: exp(x) * exp(num("1e-30"))), "exp(a + b) = exp a exp b",
          xmax=40),
        # -- parameters ------------------------------------------------------------------------------------------
        T(A, "rv-forall-elu-floor", ("forall alpha > 0: elu(x, alpha=alpha)", ">=", "-alpha"),
          (lambda x: min(M.elu(x, a) + num(a) for a in alphas), c("0")), "alpha (e^x - 1) > -alpha", xmax=40),
        F(A, "rv-forall-softplus-beta-below-1", ("forall beta > 0: softplus(x, beta=beta)", "<=", "softplus(x)"),
          (lambda x: M.softplus(x, "1/2"), M.softplus), "0", "at beta = 1/2: 2 log 2 > log 2 at x = 0"),
        T(A, "rv-forall-softplus-beta-above-1", ("forall beta >= 1: softplus(x, beta=beta)", "<=", "softplus(x)"),
          (lambda x: max(M.softplus(x, b) for b in ("1", "1.0000000001", "2", "1000")), M.softplus),
          "log(1 + e^(bx))/b decreases in b: for x < 0 the numerator falls and the denominator grows; for x > 0 it is "
          "x (1 + log(1 + e^-t)/t) with t = bx, decreasing in t; log 2/b at 0", xmax=1e4),
        T(A, "rv-forall-leaky-below-relu", ("forall 0 < a < 1: leaky_relu(x, alpha=a)", "<=", "relu(x)"),
          (lambda x: max(M.leaky_relu(x, a) for a in ("1e-9", "0.5", "0.999999999")), M.relu),
          "a x < 0 for x < 0; x otherwise"),
        T(A, "rv-forall-leaky-above-1-abs", ("forall 1 <= alpha <= 2: leaky_relu(x, alpha=alpha)", "<=", "Abs(x)"),
          (lambda x: max(M.leaky_relu(x, a) for a in ("1", "1.5", "2")), abs), "alpha x <= 0 <= |x| for x < 0"),
        T(A, "rv-silu-tiny-beta", ("silu(x, beta=1e-30)", ">=", "x/2 - 1e-10"),
          (lambda x: M.silu(x, "1e-30"), lambda x: x / 2 - num("1e-10")),
          "x (sigmoid(e x) - 1/2) >= 0: both factors have the sign of x"),
        F(A, "rv-softplus-tiny-beta-floor", ("softplus(x, beta=1e-30)", ">=", "log(2)*10**30"),
          (lambda x: M.softplus(x, "1e-30"), lambda x: log(2) * mpf(10) ** 30), "-1",
          "log(1 + e^(bx))/b < log(2)/b for x < 0"),
        F(A, "rv-softplus-tiny-beta-cosh", ("softplus(x, beta=1e-30)", ">", "log(2)*10**30 + x/2"),
          (lambda x: M.softplus(x, "1e-30"), lambda x: log(2) * mpf(10) ** 30 + x / 2), "0",
          "the difference is log(cosh(bx/2))/b, 0 at x = 0", exact=True),
        F(A, "rv-hardtanh-max-decimal",
          ("Min(1, Max(-1, x))", "==", "hardtanh(x, min_val=-1, max_val=1.0000000000000001)"),
          (lambda x: Min(1, Max(-1, x)), lambda x: M.hardtanh(x, "-1", "1.0000000000000001")), "2",
          "1 against 1 + 1e-16 at 2"),
        T(K, "rv-max-three", ("Max(x, -x, 0)", "==", "Abs(x)"), (lambda x: Max(x, -x, 0), abs),
          "max(x, -x) = |x| >= 0"),
        T(K, "rv-heaviside-sign", ("Heaviside(x)", "==", "(sign(x) + 1)/2"),
          (heaviside, lambda x: (sign(x) + 1) / 2), "1, 0 off 0; 1/2 = (0 + 1)/2 at 0 (SymPy's H(0) = 1/2)"),
        F(K, "rv-heaviside-0-sign", ("Heaviside(x, 0)", "==", "(sign(x) + 1)/2"),
          (lambda x: heaviside(x, "0"), lambda x: (sign(x) + 1) / 2), "0", "0 against 1/2 at 0"),
        F(K, "rv-d-heaviside-1-times-x", ("diff(Heaviside(x, 1)*x, x)", ">=", "0"),
          (lambda x: d_abs_at(x, 1) if x == 0 else (mpf(1) if x > 0 else mpf(0)), c("0")), "0",
          "x H(x) = relu(x): slopes 0 and 1 at 0"),
        T(K, "rv-shrink-gap", ("hardshrink(x) - softshrink(x)", "<=", "0.5"),
          (lambda x: M.hardshrink(x) - M.softshrink(x), c("0.5")), "0 on [-1/2, 1/2], +-1/2 outside",
          points=("1", "-1")),
        F(K, "rv-shrink-gap-strict", ("hardshrink(x) - softshrink(x)", "<", "0.5"),
          (lambda x: M.hardshrink(x) - M.softshrink(x), c("0.5")), "1", "x - (x - 1/2) = 1/2 at 1", exact=True),
        T(C, "rv-sigmoid-squares", ("sigmoid(x)**2 + sigmoid(-x)**2", ">=", "1/2"),
          (lambda x: M.sigmoid(x) ** 2 + M.sigmoid(-x) ** 2, c("1/2")), "s^2 + (1 - s)^2 >= 1/2, equality at s = 1/2",
          points=("0",)),
        F(C, "rv-sigmoid-squares-strict", ("sigmoid(x)**2 + sigmoid(-x)**2", ">", "1/2"),
          (lambda x: M.sigmoid(x) ** 2 + M.sigmoid(-x) ** 2, c("1/2")), "0", "1/4 + 1/4 at 0", exact=True),
        F(C, "rv-sqrt-sigmoid-product-strict", ("sqrt(sigmoid(x)*sigmoid(-x))", "<", "1/2"),
          (lambda x: sqrt(M.sigmoid(x) * M.sigmoid(-x)), c("1/2")), "0", "sqrt(1/4) = 1/2 at 0", exact=True),
        F(D, "rv-odd-cube-root", ("x**(1/3)", "==", "sign(x)*Abs(x)**(1/3)"),
          (lambda x: rpow(x, "1/3"), lambda x: sign(x) * rpow(abs(x), "1/3")), "-1",
          "a real power of a negative base is undefined (the odd root is written sign(x)|x|^(1/3))"),
        T(D, "rv-signed-cube-root-bound", ("Abs(x)**(1/3)*sign(x)", "<=", "Abs(x) + 1"),
          (lambda x: rpow(abs(x), "1/3") * sign(x), lambda x: abs(x) + 1), "|x|^(1/3) <= max(1, |x|) < |x| + 1"),
        T(P, "rv-gauss-cos", ("exp(-x**2/2)*cos(x)", "<=", "1"), (lambda x: exp(-x * x / 2) * cos(x), c("1")),
          "both factors are at most 1 in absolute value", points=("0",)),
        F(P, "rv-gauss-cos-strict", ("exp(-x**2/2)*cos(x)", "<", "1"), (lambda x: exp(-x * x / 2) * cos(x), c("1")),
          "0", "1 at 0", exact=True),
        T(P, "rv-damped-cos", ("cos(x)*exp(-Abs(x))", ">=", "-0.3"), (lambda x: cos(x) * exp(-abs(x)), c("-0.3")),
          "cos x e^(-|x|) >= -e^(-|x|) > -0.3 for |x| > 1.21, and cos > 0 on |x| < pi/2"),
        F(P, "rv-damped-cos-min", ("cos(x)*exp(-Abs(x))", ">=", "-0.04"), (lambda x: cos(x) * exp(-abs(x)), c("-0.04")),
          lambda: 3 * mp.pi / 4, "(cos x e^-x)' = -(sin x + cos x) e^-x vanishes at 3 pi/4: -0.0670"),
        # -- where a float underflows: x near 700 ------------------------------------------------------------------
        F(R, "rv-softplus-underflow-304", ("softplus(-x)", ">=", "10**(-304)"),
          (lambda x: M.softplus(-x), lambda x: mpf(10) ** -304), "700",
          "log(1 + e^-700) = 9.86e-305 < 1e-304: fails only beyond x = 304 log 10 = 699.98 (a difference of "
          "1.4e-306: evaluated at 400 digits)", dps=400),
        F(R, "rv-sigmoid-underflow-304", ("sigmoid(-x)", ">=", "10**(-304)"),
          (lambda x: M.sigmoid(-x), lambda x: mpf(10) ** -304), "700", "1/(1 + e^700) = 9.86e-305 (at 400 digits)",
          dps=400),
        F(R, "rv-softplus-ratio-700", ("exp(x)*softplus(-x)", "<=", "1 - 10**(-300)"),
          (lambda x: exp(x) * M.softplus(-x), lambda x: 1 - mpf(10) ** -300), "700",
          "log(1 + t)/t = 1 - t/2 + ... with t = e^-700 = 9.9e-305: above 1 - 1e-300", dps=700),
        T(R, "rv-softplus-ratio", ("exp(x)*softplus(-x)", "<", "1"), (lambda x: exp(x) * M.softplus(-x), c("1")),
          "log(1 + t) < t for t = e^-x > 0", xmax=1e4),
        T(R, "rv-x-exp-far", ("x*exp(-x)", "<=", "10**(-300) for x > 700"),
          (lambda x: x * exp(-x), lambda x: mpf(10) ** -300), "x e^-x decreases on (1, oo): 6.9e-302 at 700",
          domain=lambda x: x > 700),
        F(R, "rv-exp-tail-tangent", ("exp(x/10000) - x", ">=", "-82103.4037197618"),
          (lambda x: exp(x / 10000) - x, c("-82103.4037197618")), lambda: 10000 * mp.log(10000),
          "the minimum 10^4 - 10^4 ln 10^4 = -82103.40371976182736... at x = 10^4 ln 10^4, 2.7e-11 below"),
        T(R, "rv-exp-tail-tangent-below", ("exp(x/10000) - x", ">=", "-82103.4037197619"),
          (lambda x: exp(x / 10000) - x, c("-82103.4037197619")), "convex, minimum -82103.40371976182736...",
          points=(lambda: 10000 * mp.log(10000),)),
        # -- integrals and parameters entering non-affinely -------------------------------------------------------
        T(N, "rv-integral-exp", ("integrate(exp(-a), a, 0, 1)", "==", "1 - exp(-1)"),
          (integral(lambda a: exp(-a), 0, 1), lambda x: 1 - exp(-1)), "an antiderivative is -e^-a"),
        F(N, "rv-integral-sigmoid-off", ("integrate(sigmoid(a), a, -1, 1)", "==", "1.0000000000000000001"),
          (integral(M.sigmoid, -1, 1), c("1.0000000000000000001")), "0",
          "sigmoid(a) + sigmoid(-a) = 1, so the integral over [-1, 1] is 1 (a constant claim: any x is a witness)"),
        T(A, "rv-forall-abs-blend", ("forall 0 <= a <= 1: a*x + (1 - a)*Abs(x)", ">=", "x"),
          (lambda x: min(num(a) * x + (1 - num(a)) * abs(x) for a in ("0", "0.5", "1")), lambda x: x),
          "(1 - a)(|x| - x) >= 0 for a <= 1"),
        F(A, "rv-forall-abs-blend-above-1", ("forall 0 <= a <= 1.0000000001: a*x + (1 - a)*Abs(x)", ">=", "x"),
          (lambda x: num("1.0000000001") * x - num("1e-10") * abs(x), lambda x: x), "-1",
          "at a = 1.0000000001, x = -1: (a - 1)(x - |x|) = -2e-10"),
        F(A, "rv-forall-gauss-any-sign", ("forall a: exp(-a*x**2)", "<=", "1"), (lambda x: exp(x * x), c("1")), "1",
          "at a = -1: e^(x^2) = e at x = 1"),
        F(A, "rv-forall-sigmoid-slope", ("forall a > 0: sigmoid(a*x)", ">", "1/2"), (lambda x: M.sigmoid(x), c("1/2")),
          "0", "1/2 at x = 0 for every a", exact=True),
        T(A, "rv-forall-tanh-slope", ("forall a > 0: tanh(a*x)*x", ">=", "0"),
          (lambda x: min(tanh(num(a) * x) * x for a in alphas), c("0")), "tanh(a x) has the sign of x for a > 0"),
        F(A, "rv-forall-abs-power-slope", ("forall a >= 1: diff(Abs(x)**a, x)", ">=", "-1000"),
          (lambda x: d_abs_at(x, 1), c("-1000")), "0", "at a = 1: |x| has a corner at 0"),
    ] + _gelu_tanh_cases(T, F)


def _gelu_tanh_cases(T, F) -> list:
    """gelu_tanh - gelu: its maximum 4.7324e-4 at x = -2.6989 (the tanh form's worst error), constants 1e-9 and
    1e-20 away; found at 120 digits by findroot on the numerical derivative."""
    f = lambda x: M.gelu_tanh(x) - M.gelu(x)  # noqa: E731
    with mp.workdps(120):
        where = mpmath.findroot(lambda t: mpmath.diff(f, t), mpf("-2.699"))
        m = f(where)
        wit = dec(where, 64)
        consts = {k: (dec(m + mpf(10) ** -k, k + 4), dec(m - mpf(10) ** -k, k + 4)) for k in (9, 20)}
    why = (f"the maximum of gelu_tanh - gelu is {mpmath.nstr(m, 25)} at x = {mpmath.nstr(where, 20)} (its derivative "
           "vanishes there; the difference -> 0 at +-oo and is below 2.4e-4 in absolute value elsewhere)")
    out = []
    for k, (above, below) in consts.items():
        out.append(T("extremum", f"rv-gelu-tanh-error-above-1e-{k}", ("gelu_tanh(x) - gelu(x)", "<=", above),
                     (f, c(above)), f"{above} is 1e-{k} above {why}", points=(wit,)))
        out.append(F("extremum", f"rv-gelu-tanh-error-below-1e-{k}", ("gelu_tanh(x) - gelu(x)", "<=", below),
                     (f, c(below)), wit, f"{below} is 1e-{k} below {why}"))
    return out


def _review_domain_cases(T, F) -> list:
    D, E, Y, R, A = "domain", "removable", "tiny", "tail", "parameter"
    pos = lambda x: x > 0  # noqa: E731
    return [
        T(E, "rv-for-sqrt-quotient", ("(sqrt(x**2 + 1) - 1)/x**2", "<=", "1/2 for x != 0"),
          (lambda x: div(sqrt(x * x + 1) - 1, x * x), c("1/2")), "1/(sqrt(1 + x^2) + 1) < 1/2",
          domain=lambda x: x != 0),
        T(Y, "rv-for-tanh-taylor-right", ("tanh(x) - x + x**3/3", ">=", "0 for x >= 0"),
          (lambda x: tanh(x) - x + x ** 3 / 3, c("0")),
          "0 at 0 and the derivative x^2 - tanh(x)^2 >= 0 (|tanh x| <= |x|)", domain=lambda x: x >= 0),
        F(R, "rv-for-log-tangent-far", ("log(x)", "<", "x/10**4 + 8.21034037197618 for x > 0"),
          (log, lambda x: x / 10 ** 4 + num("8.21034037197618")), "10000",
          "log x - x/10^4 has its maximum log(10^4) - 1 = 8.2103403719761827... at 10^4", domain=pos),
        T(R, "rv-for-log-tangent-far-exact", ("log(x)", "<=", "x/10**4 + log(10**4) - 1 for x > 0"),
          (log, lambda x: x / 10 ** 4 + log(mpf(10) ** 4) - 1), "log is concave: below its tangent at 10^4",
          domain=pos, points=("10000",)),
        T(D, "rv-for-atan-reflection", ("atan(x) + atan(1/x)", "==", "pi/2 for x > 0"),
          (lambda x: atan(x) + atan(div(1, x)), lambda x: mp.pi / 2), "the angles of a right triangle",
          domain=pos),
        F(D, "rv-for-atan-reflection-nonzero", ("atan(x) + atan(1/x)", "==", "pi/2 for x != 0"),
          (lambda x: atan(x) + atan(div(1, x)), lambda x: mp.pi / 2), "-1", "-pi/2 for x < 0",
          domain=lambda x: x != 0),
        T(D, "rv-for-acos-plus-asin", ("acos(x) + asin(x)", "==", "pi/2 for -1 <= x <= 1"),
          (lambda x: acos(x) + asin(x), lambda x: mp.pi / 2), "complementary angles",
          domain=lambda x: -1 <= x <= 1),
        T(D, "rv-for-cosh-acosh", ("cosh(acosh(x))", "==", "x for x >= 1"), (lambda x: cosh(acosh(x)), lambda x: x),
          "acosh inverts cosh on [1, oo)", domain=lambda x: x >= 1),
        F(D, "rv-for-asin-ratio", ("asin(x/2)", "<", "asin(x) for 0 < x <= 1.0000001"),
          (lambda x: asin(x / 2), asin), "1.0000001", "asin(1.0000001) is undefined",
          domain=lambda x: 0 < x <= num("1.0000001")),
        F(A, "rv-for-forall-power-below-line", ("forall a > 0: x**a", "<=", "1 + x for x >= 0"),
          (lambda x: real_power(x, mpf(2)), lambda x: 1 + x), "2", "at a = 2: 4 > 3 at x = 2",
          domain=lambda x: x >= 0),
        T(D, "rv-for-d-log-abs", ("diff(log(Abs(x)), x)", "==", "1/x for x != 0"),
          (lambda x: div(1, x), lambda x: div(1, x)), "log|x| is log x or log(-x), each with derivative 1/x",
          domain=lambda x: x != 0),
        T(D, "rv-for-d-x-pow-x", ("diff(x**x, x)", "==", "x**x*(log(x) + 1) for x > 0"),
          (lambda x: real_power(x, x) * (log(x) + 1), lambda x: real_power(x, x) * (log(x) + 1)),
          "x^x = e^(x log x): (x log x)' = log x + 1", domain=pos, xmax=1e4),
        F(D, "rv-for-d-three-halves-closed", ("diff(x**(3/2), x)", "==", "3*sqrt(x)/2 for x >= 0"),
          (lambda x: 3 * sqrt(x) / 2 if x > 0 else M.undefined("x^(3/2) is undefined left of 0"),
           lambda x: 3 * sqrt(x) / 2), "0",
          "x^(3/2) is undefined for x < 0, so its difference quotient at 0 has no two-sided limit",
          domain=lambda x: x >= 0),
        T(D, "rv-for-d-three-halves-open", ("diff(x**(3/2), x)", "==", "3*sqrt(x)/2 for x > 0"),
          (lambda x: 3 * sqrt(x) / 2, lambda x: 3 * sqrt(x) / 2), "(x^(3/2))' = (3/2) x^(1/2) on (0, oo)",
          domain=pos),
        # -- domains that end a hair inside or outside an irrational point (pi = 3.14159265358979323846...) ----------
        T(D, "rv-for-sin-inside-pi", ("sin(x)", ">", "0 for 0 < x < 3.1415926535897932"), (sin, c("0")),
          "3.1415926535897932 < pi: sin > 0 on (0, pi)", domain=lambda x: 0 < x < num("3.1415926535897932")),
        F(D, "rv-for-sin-past-pi", ("sin(x)", ">", "0 for 0 < x < 3.1415926535897933"), (sin, c("0")),
          "3.14159265358979325", "sin = -1.2e-17 just past pi, inside the domain",
          domain=lambda x: 0 < x < num("3.1415926535897933")),
        F(D, "rv-for-acos-cos-past-pi", ("acos(cos(x))", "==", "x for 0 <= x <= 3.1415926535897933"),
          (lambda x: acos(cos(x)), lambda x: x), "3.14159265358979325", "acos(cos x) = 2 pi - x past pi",
          domain=lambda x: 0 <= x <= num("3.1415926535897933")),
        F(D, "rv-for-asin-sin-past-half-pi", ("asin(sin(x))", "==",
                                              "x for -1.5707963267948967 <= x <= 1.5707963267948967"),
          (lambda x: asin(sin(x)), lambda x: x), "1.57079632679489665", "asin(sin x) = pi - x past pi/2",
          domain=lambda x: abs(x) <= num("1.5707963267948967")),
        T(D, "rv-for-cos-inside-half-pi", ("cos(x)", ">", "0 for -1.5707963267948966 < x < 1.5707963267948966"),
          (cos, c("0")), "1.5707963267948966 < pi/2", domain=lambda x: abs(x) < num("1.5707963267948966")),
        F(D, "rv-for-cos-past-half-pi", ("cos(x)", ">=", "0 for -1.5707963267948967 < x < 1.5707963267948967"),
          (cos, c("0")), "1.57079632679489665", "cos = -3.1e-17 just past pi/2",
          domain=lambda x: abs(x) < num("1.5707963267948967")),
        T(D, "rv-for-log-cos-inside", ("log(cos(x))", "<=", "0 for -1.5707963267948966 < x < 1.5707963267948966"),
          (lambda x: log(cos(x)), c("0")), "0 < cos <= 1 there", domain=lambda x: abs(x) < num("1.5707963267948966")),
        F(D, "rv-for-log-cos-past", ("log(cos(x))", "<=", "0 for -1.5707963267948967 < x < 1.5707963267948967"),
          (lambda x: log(cos(x)), c("0")), "1.57079632679489665", "log of cos < 0 is undefined",
          domain=lambda x: abs(x) < num("1.5707963267948967")),
        T(D, "rv-for-exp-root", ("exp(x)**(1/x)", "==", "E for x != 0"), (lambda x: exp(x) ** (1 / x), lambda x: +mp.e),
          "(e^x)^(1/x) = e^(x/x) = e, a positive base", domain=lambda x: x != 0, xmax=1e4),
        T(D, "rv-for-sqrt-pair", ("sqrt(x**2 - 1)", "<", "sqrt(x**2) for x >= 1"),
          (lambda x: sqrt(x * x - 1), lambda x: sqrt(x * x)), "x^2 - 1 < x^2, sqrt increasing",
          domain=lambda x: x >= 1),
    ]


def review_analyses() -> list[Analysis]:
    """``symact analyze`` cases (checked by soundness_heldout.check_analysis), at soundness_heldout.DPS digits."""
    root3 = mp.sqrt(3)
    inv_sin_slope = mp.sqrt(2 * root3 - 3) / (3 - root3) ** 2   # at sin x = 1 - sqrt 3, cos x < 0
    r2 = mp.sqrt(2)
    x2_slope = (2 * r2 - 2) * mp.exp(r2 - 2)                   # (2x - x^2) e^-x at x = 2 - sqrt 2
    return [
        Analysis("an-rv-exp-neg-abs", "exp(-Abs(x))", "e^-|x|: a corner at 0 with slopes 1 and -1, neither attained",
                 lambda x: exp(-abs(x)), range=(mpf(0), False, mpf(1), True), monotonic="neither", continuity="C0",
                 kinks=(mpf(0),), dmax=(mpf(1), False), dmin=(mpf(-1), False), lipschitz=(mpf(1), False),
                 extrema=(None, mpf(1)),
                 flags={"convex": False, "concave": False, "zero_at_origin": False, "odd": False,
                        "range_has_both_signs": False, "identity_near_origin": False}),
        Analysis("an-rv-abs-times-sign", "Abs(x)*sign(x)", "|x| sign(x) = x everywhere (0 at 0)", lambda x: x,
                 range=(-INF, False, INF, False), monotonic="increasing", continuity="Cinf", kinks=(),
                 dmax=(mpf(1), True), dmin=(mpf(1), True), lipschitz=(mpf(1), True), extrema=(None, None),
                 flags={"convex": True, "concave": True, "zero_at_origin": True, "odd": True,
                        "range_has_both_signs": True, "identity_near_origin": True}),
        Analysis("an-rv-x2-exp-abs", "x**2*exp(-Abs(x))",
                 "even; x^2 - |x|^3 + ... near 0: C2; max 4/e^2 at +-2; f' = (2x - x^2) e^-x on (0, oo) is largest "
                 "at 2 - sqrt 2", lambda x: x * x * exp(-abs(x)), range=(mpf(0), True, 4 * exp(-2), True),
                 monotonic="neither", continuity="C2", kinks=(), dmax=(x2_slope, True), dmin=(-x2_slope, True),
                 lipschitz=(x2_slope, True), extrema=(mpf(0), 4 * exp(-2)),
                 flags={"convex": False, "concave": False, "zero_at_origin": True, "odd": False,
                        "range_has_both_signs": False, "identity_near_origin": False}),
        Analysis("an-rv-inv-two-plus-sin", "1/(2 + sin(x))",
                 "range [1/3, 1]; f' = -cos/(2 + sin)^2 is extreme where sin^2 - 2 sin - 2 = 0, sin = 1 - sqrt 3: "
                 "+-sqrt(2 sqrt 3 - 3)/(3 - sqrt 3)^2", lambda x: 1 / (2 + sin(x)),
                 range=(mpf(1) / 3, True, mpf(1), True), monotonic="neither", continuity="Cinf", kinks=(),
                 dmax=(inv_sin_slope, True), dmin=(-inv_sin_slope, True), lipschitz=(inv_sin_slope, True),
                 extrema=(mpf(1) / 3, mpf(1)),
                 flags={"convex": False, "concave": False, "zero_at_origin": False, "odd": False,
                        "range_has_both_signs": False, "identity_near_origin": False}),
        Analysis("an-rv-hardswish", "hardswish",
                 "0 left of -3, x(x + 3)/6 on [-3, 3], x after: corners at -3 (slopes 0, -1/2) and 3 (3/2, 1); "
                 "minimum -3/8 at -3/2", M.hardswish, range=(mpf(-3) / 8, True, INF, False), monotonic="neither",
                 continuity="C0", kinks=(mpf(-3), mpf(3)), dmax=(mpf(3) / 2, False), dmin=(mpf(-1) / 2, False),
                 lipschitz=(mpf(3) / 2, False), extrema=(mpf(-3) / 8, None),
                 flags={"convex": False, "concave": False, "zero_at_origin": True, "odd": False,
                        "range_has_both_signs": True, "identity_near_origin": False}),
        Analysis("an-rv-celu-2", "celu", "2 (e^(x/2) - 1) left of 0, x after: C1 (f'' jumps from 1/2 to 0), convex",
                 lambda x: M.celu(x, "2"), params=("alpha=2",), range=(mpf(-2), False, INF, False),
                 monotonic="increasing", continuity="C1", kinks=(), dmax=(mpf(1), True), dmin=(mpf(0), False),
                 lipschitz=(mpf(1), True), extrema=(None, None),
                 flags={"convex": True, "concave": False, "zero_at_origin": True, "odd": False,
                        "range_has_both_signs": True, "identity_near_origin": True}),
    ]

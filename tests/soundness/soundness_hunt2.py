"""A fifth held-out hunt (issue 11, s31): new adversarial claims in the issue's classes, written before symact's
answers were read, with their truth argued beside each case and checked with mpmath by the suite (soundness_mp.py).

Same format as soundness_cases.py (which adds these to its lists); ids start ``h2-``; every proved/refuted
verdict's certificate is re-checked by the kernel's verifier.  What they add:

* extrema of functions not used elsewhere, constants 1e-9 .. 1e-40 off: a rational value at an irrational point
  (elu(x) e^x: -1/4 at -log 2), x/(1 + x^2 + x^4), sin x + sin(2x)/2, sin^2 x cos x, cos(x) e^(-x^2/2) (tan x = -x),
  tanh(x) e^(-x^2) (x sinh 2x = 1), x erfc x and log(x)/sqrt(x) on (0, oo), x^8 e^(-x^2/2) and x^3 e^(-x/100) (far
  out, large values);
* infima that are not attained: sin x + sin(sqrt(2) x) > -2 (sqrt 2 irrational), cos x + cos(pi x) < 2 off 0,
  sigmoid(tanh x) < sigmoid(1), selu > -lambda alpha, with witnesses far out (x = 625378, x = -1785506.9);
* removable singularities kept undefined, domain edges (acos(1.0000000001 x), sqrt(x^2 - 1e-40)), real powers of
  negative bases, derivatives at kinks and where |x| or Max hides no kink (a tangent line), parameters at the
  edges of their conditions (sqrt x > c log x exactly for c < e/2), compositions of activations, limits.
"""
from __future__ import annotations

import mpmath
from mpmath import mp, mpf

import soundness_mp as M
from soundness_cases import dec, prefixed, verified
from soundness_fresh import c, d_abs_of, d_max, near_extremum_cases, nonzero, pos
from soundness_heldout import tan
from soundness_hunt import Limit, limit_case, up
from soundness_mp import (acos, acosh, atanh, cos, div, erfc, exp, log, num, rpow, sin, sqrt, tanh,
                          undefined)


# -- extrema (attained at irrational points, or far out) --------------------------------------------------------

def _families():
    """(class, name, text, lambda, 'max' | 'min', extreme value, where, why, domain text, domain) at 120 digits."""
    with mp.workdps(120):
        x_quartic = mp.sqrt((mp.sqrt(13) - 1) / 6)
        x_cg = mpmath.findroot(lambda x: sin(x) + x * cos(x), mpf("2.03"))
        x_tg = mpmath.findroot(lambda x: x * mp.sinh(2 * x) - 1, mpf("0.66"))
        x_erfc = mpmath.findroot(lambda x: erfc(x) - 2 * x * exp(-x * x) / mp.sqrt(mp.pi), mpf("0.6"))
        return [
            ("extremum", "elu-exp", "elu(x)*exp(x)", lambda x: M.elu(x) * exp(x), "min", mpf(-1) / 4, -mp.log(2),
             "for x < 0 it is (u - 1) u with u = e^x in (0, 1), least -1/4 at u = 1/2 (x = -log 2); for x >= 0 it "
             "is x e^x >= 0: the minimum is the rational -1/4, at an irrational point", "", None),
            ("extremum", "quartic-ratio", "x/(1 + x**2 + x**4)", lambda x: x / (1 + x * x + x ** 4), "max",
             x_quartic / (1 + x_quartic ** 2 + x_quartic ** 4), x_quartic,
             "odd, -> 0 at +-oo; f' = (1 - x^2 - 3x^4)/(1 + x^2 + x^4)^2 vanishes only at x^2 = (sqrt(13) - 1)/6: "
             "the maximum there", "", None),
            ("periodic", "sin-half-double", "sin(x) + sin(2*x)/2", lambda x: sin(x) + sin(2 * x) / 2, "max",
             3 * mp.sqrt(3) / 4, mp.pi / 3, "f' = cos x + cos 2x = (2 cos x - 1)(cos x + 1): zeros at cos x = 1/2 "
             "(values +-3 sqrt(3)/4 at +-pi/3) and cos x = -1 (value 0): the maximum 3 sqrt(3)/4", "", None),
            ("periodic", "sin2-cos", "sin(x)**2*cos(x)", lambda x: sin(x) ** 2 * cos(x), "max",
             2 * mp.sqrt(3) / 9, mp.acos(1 / mp.sqrt(3)), "= g(c) = c - c^3 with c = cos x in [-1, 1]; g' = 1 - "
             "3c^2: the maximum 2/(3 sqrt 3) = 2 sqrt(3)/9 at c = 1/sqrt(3) (g(+-1) = 0)", "", None),
            ("extremum", "cos-gauss", "cos(x)*exp(-x**2/2)", lambda x: cos(x) * exp(-x * x / 2), "min",
             cos(x_cg) * exp(-x_cg ** 2 / 2), x_cg, "even; >= 0 on |x| <= pi/2; on (pi/2, pi) f' = -e^(-x^2/2)(sin x "
             "+ x cos x) vanishes once (tan x = -x: tan x + x increases from -oo to pi), near 2.0288, value -0.05646; "
             "for x >= 2.45, f >= -e^(-x^2/2) >= -0.0498: the minimum is at 2.0288", "", None),
            ("composition", "tanh-gauss", "tanh(x)*exp(-x**2)", lambda x: tanh(x) * exp(-x * x), "max",
             tanh(x_tg) * exp(-x_tg ** 2), x_tg, "odd, -> 0 at oo; f' = e^(-x^2)(sech^2 x - 2x tanh x) = 0 iff "
             "x sinh(2x) = 1, increasing on (0, oo): one root near 0.6585, the maximum", "", None),
            ("domain", "x-erfc", "x*erfc(x)", lambda x: x * erfc(x), "max", x_erfc * erfc(x_erfc), x_erfc,
             "on (0, oo): f' = erfc x - 2x e^(-x^2)/sqrt(pi), f'' = (4/sqrt pi)(x^2 - 1) e^(-x^2): f' falls from 1 "
             "on (0, 1) to f'(1) = -0.258, then rises toward its limit 0 (so stays < 0): one zero near 0.6120, the "
             "maximum", " for x > 0", pos),
            ("domain", "log-over-sqrt", "log(x)/sqrt(x)", lambda x: log(x) / sqrt(x), "max", 2 / mp.e, mp.e ** 2,
             "on (0, oo): f' = (1 - log(x)/2)/x^(3/2) vanishes only at e^2: the maximum 2/e", " for x > 0", pos),
            ("tail", "x8-gauss", "x**8*exp(-x**2/2)", lambda x: x ** 8 * exp(-x * x / 2), "max",
             4096 * exp(-mpf(4)), mp.sqrt(8), "even, >= 0, -> 0 at +-oo; f' = x^7 (8 - x^2) e^(-x^2/2): the "
             "maximum 8^4 e^-4 = 75.02 at sqrt(8)", "", None),
            ("tail", "x3-exp-far", "x**3*exp(-x/100)", lambda x: x ** 3 * exp(-x / 100), "max",
             mpf(300) ** 3 * exp(-mpf(3)), mpf(300), "on (0, oo): f' = x^2 (3 - x/100) e^(-x/100): the maximum "
             "2.7e7 e^-3 = 1344251.3 at x = 300, far out", " for x > 0", pos),
        ]


# -- the other claims --------------------------------------------------------------------------------------------

def _hardtanh_times_x_derivative(x):
    """(x hardtanh(x))': -1 left of -1, 2x on (-1, 1), 1 right of 1; corners at +-1 (slopes -1 | -2, 2 | 1)."""
    if x > 0:
        return M.kink(x, "1", lambda t: 2 * t, lambda t: mpf(1))
    return M.kink(x, "-1", lambda t: mpf(-1), lambda t: 2 * t)


def _constants():
    with mp.workdps(120):
        sel = num(M.SELU_SCALE) * num(M.SELU_ALPHA)
        w = mpmath.lambertw(1 / mp.e).real
        beta = mpf("0.99999999")
        return {
            "selu_below": dec(-sel - mpf(10) ** -20, 24), "selu_above": dec(-sel + mpf(10) ** -20, 24),
            "sig1_minus": M.sigmoid(mpf(1)), "tanh1": mp.tanh(1),
            "silu_wit": dec((-1 - w) / beta, 64), "c_below": dec(4 * num("1.3591409142295226") ** 2, 64),
            "c_above": dec(4 * num("1.3591409142295227") ** 2, 64),
        }


def half_pi_above(x):
    return -num("1.5707963267948967") < x < num("1.5707963267948967")


def half_pi_below(x):
    return -num("1.5707963267948966") < x < num("1.5707963267948966")


def _cases(T, F) -> list:
    P, E, D, K, A, C, R = ("periodic", "removable", "domain", "kink", "parameter", "composition", "tail")
    k = _constants()
    sqrt2_wit = lambda: -mp.pi / 2 + 2 * mp.pi * (-284172)  # noqa: E731
    betas = ("1", "2", "1000")
    alphas = ("1e-9", "0.5", "1", "2")
    return [
        # -- periodic ----------------------------------------------------------------------------------------------
        T(P, "three-phase", ("sin(x)**2 + sin(x + 2*pi/3)**2 + sin(x + 4*pi/3)**2", "==", "3/2"),
          (lambda x: sin(x) ** 2 + sin(x + 2 * mp.pi / 3) ** 2 + sin(x + 4 * mp.pi / 3) ** 2, c("3/2")),
          "sum of sin^2 = 3/2 - (cos 2x + cos(2x + 4pi/3) + cos(2x + 8pi/3))/2, and three unit vectors 120 degrees "
          "apart sum to 0"),
        F(P, "three-phase-digit", ("sin(x)**2 + sin(x + 2*pi/3)**2 + sin(x + 4*pi/3)**2", "==",
                                   "1.5000000000000000000001"),
          (lambda x: sin(x) ** 2 + sin(x + 2 * mp.pi / 3) ** 2 + sin(x + 4 * mp.pi / 3) ** 2,
           c("1.5000000000000000000001")), "0", "the sum is 3/2 everywhere, 1e-22 below the constant"),
        T(P, "cos-product-shift", ("cos(x)**2 - cos(x + 1)*cos(x - 1)", "==", "sin(1)**2"),
          (lambda x: cos(x) ** 2 - cos(x + 1) * cos(x - 1), lambda x: mp.sin(1) ** 2),
          "cos(x + 1) cos(x - 1) = cos^2 x - sin^2 1"),
        F(P, "cos-product-shift-1e-30", ("cos(x)**2 - cos(x + 1)*cos(x - 1)", "==", "sin(1)**2 + 1e-30"),
          (lambda x: cos(x) ** 2 - cos(x + 1) * cos(x - 1), lambda x: mp.sin(1) ** 2 + num("1e-30")), "0",
          "the left side is sin^2 1 everywhere, 1e-30 below the right"),
        F(P, "two-pi-float", ("sin(x + 6.283185307179586)", "==", "sin(x)"),
          (lambda x: sin(x + num("6.283185307179586")), sin), "1",
          "6.283185307179586 = 2 pi - 2.45e-16: sin(1 + 2pi - d) - sin 1 = -d cos 1 = -1.3e-16 at x = 1"),
        T(P, "cos-octave-product", ("cos(x)*cos(2*x)*cos(4*x)", "<=", "1"),
          (lambda x: cos(x) * cos(2 * x) * cos(4 * x), c("1")), "each factor has |.| <= 1", points=("0",)),
        F(P, "cos-octave-product-strict", ("cos(x)*cos(2*x)*cos(4*x)", "<", "1"),
          (lambda x: cos(x) * cos(2 * x) * cos(4 * x), c("1")), "0", "1 at x = 0: a tie", exact=True),
        T(P, "incommensurable-sines", ("sin(x) + sin(sqrt(2)*x)", ">", "-2"),
          (lambda x: sin(x) + sin(mp.sqrt(2) * x), c("-2")),
          "-2 needs sin x = -1 = sin(sqrt(2) x): x = -pi/2 + 2 pi k and sqrt(2) x = -pi/2 + 2 pi m, so sqrt 2 = "
          "(4m - 1)/(4k - 1) would be rational: the infimum -2 is not attained"),
        F(P, "incommensurable-sines-1e-10", ("sin(x) + sin(sqrt(2)*x)", ">", "-1.9999999999"),
          (lambda x: sin(x) + sin(mp.sqrt(2) * x), c("-1.9999999999")), sqrt2_wit,
          "at x = -pi/2 + 2 pi (-284172) = -1785506.9059 (a search over |k| < 3e6): the sum is -2 + 1.19e-13"),
        F(P, "incommensurable-sines-1e-12", ("sin(x) + sin(sqrt(2)*x)", ">=", "-1.999999999999"),
          (lambda x: sin(x) + sin(mp.sqrt(2) * x), c("-1.999999999999")), sqrt2_wit,
          "at x = -pi/2 + 2 pi (-284172): the sum is -2 + 1.19e-13 < -2 + 1e-12"),
        T(P, "cos-cos-pi-punctured", ("cos(x) + cos(pi*x)", "<", "2 for x != 0"),
          (lambda x: cos(x) + cos(mp.pi * x), c("2")),
          "2 needs x = 2 pi k and pi x = 2 pi m, so x = 2m = 2 pi k: pi rational unless k = m = 0", domain=nonzero),
        F(P, "cos-cos-pi-margin", ("cos(x) + cos(pi*x)", "<=", "1.9999999999 for x != 0"),
          (lambda x: cos(x) + cos(mp.pi * x), c("1.9999999999")), "625378",
          "312689/99532 is within 2.9e-11 of pi: x = 625378 is 2 pi 99532 + 5.8e-6, so cos x = 1 - 1.7e-11 and "
          "cos(pi x) = 1", domain=nonzero),
        F(P, "cos-cos-pi", ("cos(x) + cos(pi*x)", "<", "2"), (lambda x: cos(x) + cos(mp.pi * x), c("2")), "0",
          "2 at x = 0: a tie", exact=True),
        # -- removable singularities -----------------------------------------------------------------------------
        F(E, "exp-taylor-ratio", ("(exp(x) - 1 - x)/x**2", ">", "0"),
          (lambda x: div(exp(x) - 1 - x, x * x), c("0")), "0", "0/0 at 0"),
        T(E, "exp-taylor-ratio-punctured", ("(exp(x) - 1 - x)/x**2", ">", "0 for x != 0"),
          (lambda x: (exp(x) - 1 - x) / (x * x), c("0")), "e^x > 1 + x for x != 0 (strict convexity)",
          domain=nonzero, dps=150),
        F(E, "exp-taylor-ratio-margin", ("(exp(x) - 1 - x)/x**2", ">=", "0.4999999999 for x != 0"),
          (lambda x: (exp(x) - 1 - x) / (x * x), c("0.4999999999")), "-0.001",
          "= 1/2 + x/6 + ... = 0.49983 at -0.001", domain=nonzero),
        F(E, "sin-cos-over-x", ("sin(x)*cos(x)/x", "==", "sin(2*x)/(2*x)"),
          (lambda x: div(sin(x) * cos(x), x), lambda x: div(sin(2 * x), 2 * x)), "0",
          "the same function off 0, but both sides are 0/0 at 0"),
        T(E, "sin-cos-over-x-punctured", ("sin(x)*cos(x)/x", "==", "sin(2*x)/(2*x) for x != 0"),
          (lambda x: sin(x) * cos(x) / x, lambda x: sin(2 * x) / (2 * x)), "sin 2x = 2 sin x cos x",
          domain=nonzero),
        F(E, "cube-quotient", ("(x**3 - 8)/(x - 2)", ">=", "3"), (lambda x: div(x ** 3 - 8, x - 2), c("3")), "2",
          "0/0 at 2"),
        T(E, "cube-quotient-punctured", ("(x**3 - 8)/(x - 2)", ">=", "3 for x != 2"),
          (lambda x: (x ** 3 - 8) / (x - 2), c("3")), "= x^2 + 2x + 4 = (x + 1)^2 + 3 off 2",
          domain=lambda x: x != 2, points=("-1",)),
        F(E, "cube-quotient-strict", ("(x**3 - 8)/(x - 2)", ">", "3 for x != 2"),
          (lambda x: (x ** 3 - 8) / (x - 2), c("3")), "-1", "(-9)/(-3) = 3 at -1: a tie", exact=True,
          domain=lambda x: x != 2),
        F(E, "log-square-ratio", ("log(x**2)/log(Abs(x))", "==", "2"),
          (lambda x: div(log(x * x), log(abs(x))), c("2")), "1", "0/0 at x = 1 (and log 0 at 0)"),
        T(E, "log-square-ratio-right", ("log(x**2)/log(Abs(x))", "==", "2 for x > 1"),
          (lambda x: log(x * x) / log(abs(x)), c("2")), "log x^2 = 2 log |x| and log|x| > 0 for x > 1",
          domain=lambda x: x > 1),
        F(E, "log-square-ratio-positive", ("log(x**2)/log(Abs(x))", "==", "2 for x > 0"),
          (lambda x: div(log(x * x), log(abs(x))), c("2")), "1", "0/0 at x = 1, inside the domain", domain=pos),
        F(E, "x-over-sin", ("x/sin(x)", ">=", "1"), (lambda x: div(x, sin(x)), c("1")), "0", "0/0 at 0"),
        T(E, "x-over-sin-inside", ("x/sin(x)", ">=", "1 for 0 < x < 3"), (lambda x: x / sin(x), c("1")),
          "0 < sin x < x on (0, pi)", domain=lambda x: 0 < x < 3),
        F(E, "x-over-sin-past-pi", ("x/sin(x)", ">=", "1 for 0 < x < 4"), (lambda x: M.div(x, sin(x)), c("1")),
          "3.5", "sin 3.5 = -0.35 < 0: the ratio is -9.9 (and pi is a pole)", domain=lambda x: 0 < x < 4),
        F(E, "log-over-xm1", ("log(x)/(x - 1)", "<", "1 for x > 0"), (lambda x: div(log(x), x - 1), c("1")), "1",
          "0/0 at x = 1, inside the domain", domain=pos),
        T(E, "log-over-xm1-right", ("log(x)/(x - 1)", "<", "1 for x > 1"), (lambda x: log(x) / (x - 1), c("1")),
          "log x < x - 1 for x != 1", domain=lambda x: x > 1),
        # -- domains -----------------------------------------------------------------------------------------------
        F(D, "sqrt-band", ("sqrt(x**2 - 1e-40)", ">=", "0"), (lambda x: sqrt(x * x - num("1e-40")), c("0")), "0",
          "x^2 - 1e-40 < 0 on |x| < 1e-20"),
        F(D, "log-cos", ("log(cos(x))", "<=", "0"), (lambda x: log(cos(x)), c("0")), "2", "cos 2 = -0.416 < 0"),
        T(D, "log-cos-inside", ("log(cos(x))", "<=", "0 for -1.5 < x < 1.5"), (lambda x: log(cos(x)), c("0")),
          "0 < cos x <= 1 on (-pi/2, pi/2)", domain=lambda x: -num("1.5") < x < num("1.5"), points=("0",)),
        F(D, "acos-scaled-edge", ("acos(1.0000000001*x)", ">=", "0 for -1 <= x <= 1"),
          (lambda x: acos(num("1.0000000001") * x), c("0")), "1", "acos(1.0000000001) is not real",
          domain=lambda x: -1 <= x <= 1),
        T(D, "acos-scaled-inside", ("acos(0.9999999999*x)", ">=", "0 for -1 <= x <= 1"),
          (lambda x: acos(num("0.9999999999") * x), c("0")), "|0.9999999999 x| < 1 and acos >= 0",
          domain=lambda x: -1 <= x <= 1),
        F(D, "two-roots", ("sqrt(1 - x**2) + sqrt(x**2 - 1)", ">=", "0"),
          (lambda x: sqrt(1 - x * x) + sqrt(x * x - 1), c("0")), "0", "defined only at x = +-1; sqrt(-1) at 0"),
        F(D, "sqrt-product-split", ("sqrt(x - 1)*sqrt(x - 2)", "==", "sqrt((x - 1)*(x - 2))"),
          (lambda x: sqrt(x - 1) * sqrt(x - 2), lambda x: sqrt((x - 1) * (x - 2))), "0",
          "at 0 the right side is sqrt 2 but the left is undefined"),
        T(D, "sqrt-product-split-right", ("sqrt(x - 1)*sqrt(x - 2)", "==", "sqrt((x - 1)*(x - 2)) for x >= 2"),
          (lambda x: sqrt(x - 1) * sqrt(x - 2), lambda x: sqrt((x - 1) * (x - 2))),
          "sqrt(a b) = sqrt(a) sqrt(b) for a, b >= 0", domain=lambda x: x >= 2),
        F(D, "cube-root-negative-base", ("(x - 1)**(1/3)", ">=", "-1"), (lambda x: rpow(x - 1, "1/3"), c("-1")),
          "0", "(-1)^(1/3) is not real in the real-power semantics (negative base)"),
        T(D, "atanh-tanh", ("atanh(tanh(x))", "==", "x"), (lambda x: atanh(tanh(x)), lambda x: x),
          "tanh maps R into (-1, 1), where atanh inverts it", xmax=40),
        T(D, "acosh-cosh", ("acosh(cosh(x))", "==", "Abs(x)"), (lambda x: acosh(M.cosh(x)), abs),
          "cosh x >= 1, acosh inverts cosh on [0, oo), cosh is even", xmax=100),
        F(D, "acosh-cosh-signed", ("acosh(cosh(x))", "==", "x"), (lambda x: acosh(M.cosh(x)), lambda x: x), "-1",
          "acosh(cosh(-1)) = 1"),
        T(D, "log-one-minus-sigmoid", ("log(1 - sigmoid(x))", "==", "-softplus(x)"),
          (lambda x: log(1 - M.sigmoid(x)), lambda x: -M.softplus(x)),
          "1 - sigmoid x = 1/(1 + e^x) > 0", xmax=100),
        T(D, "log-shift-line", ("log(x - 1)", "<", "x - 2 for x > 2"), (lambda x: log(x - 1), lambda x: x - 2),
          "log u < u - 1 for u = x - 1 > 1", domain=lambda x: x > 2),
        F(D, "log-shift-line-closed", ("log(x - 1)", "<", "x - 2 for x >= 2"),
          (lambda x: log(x - 1), lambda x: x - 2), "2", "log 1 = 0 = 2 - 2: a tie", exact=True,
          domain=lambda x: x >= 2),
        F(D, "exp-taylor-left", ("exp(x)", ">", "1 + x + x**2/2 for x > -1e-9"),
          (exp, lambda x: 1 + x + x * x / 2), "-1e-10", "e^x - 1 - x - x^2/2 = x^3/6 + ... = -1.7e-31 at -1e-10",
          domain=lambda x: x > num("-1e-9")),
        T(D, "exp-taylor-right", ("exp(x)", ">", "1 + x + x**2/2 for x > 0"), (exp, lambda x: 1 + x + x * x / 2),
          "the remainder e^t x^3/6 > 0", domain=pos, dps=150),
        T(D, "log1p-ratio-left", ("log(1 + x)/x", ">", "1 for -1 < x < 0"), (lambda x: log(1 + x) / x, c("1")),
          "log(1 + x) < x, divided by x < 0", domain=lambda x: -1 < x < 0),
        F(D, "log1p-ratio-left-closed", ("log(1 + x)/x", ">", "1 for -1 <= x < 0"),
          (lambda x: log(1 + x) / x, c("1")), "-1", "log 0 at x = -1", domain=lambda x: -1 <= x < 0),
        # -- kinks and derivatives -----------------------------------------------------------------------------------
        F(K, "abs-cubic-kinks", ("diff(Abs(x**3 - x), x)**2", ">=", "0"),
          (lambda x: d_abs_of(lambda t: t ** 3 - t, lambda t: 3 * t * t - 1)(x) ** 2, c("0")), "1",
          "x^3 - x has simple zeros at -1, 0, 1: slopes -2 and 2 at 1"),
        T(K, "x-abs-x", ("diff(x*Abs(x), x)", "==", "2*Abs(x)"), (lambda x: 2 * abs(x), lambda x: 2 * abs(x)),
          "x|x| = sign(x) x^2: derivative 2|x|, and 0 at 0 (h|h|/h -> 0)", points=("0",)),
        F(K, "max-sin-cos", ("diff(Max(sin(x), cos(x)), x)**2", "<=", "1"),
          (lambda x: d_max(sin, cos, cos, lambda t: -sin(t))(x) ** 2, c("1")), lambda: mp.pi / 4,
          "at pi/4 sin = cos with slopes sqrt(2)/2 and -sqrt(2)/2: a corner"),
        T(K, "max-tangent-line", ("diff(Max(x**2, 2*x - 1), x)", "==", "2*x"),
          (d_max(lambda x: x * x, lambda x: 2 * x, lambda x: 2 * x - 1, lambda x: mpf(2)), lambda x: 2 * x),
          "x^2 - (2x - 1) = (x - 1)^2 >= 0: Max = x^2 (the line touches at 1 with the same slope)", points=("1",)),
        T(K, "max-below-line", ("diff(Max(x**2, 2*x - 1.0000000001), x)", "==", "2*x"),
          (d_max(lambda x: x * x, lambda x: 2 * x, lambda x: 2 * x - num("1.0000000001"), lambda x: mpf(2)),
           lambda x: 2 * x), "x^2 - 2x + 1.0000000001 = (x - 1)^2 + 1e-10 > 0: Max = x^2", points=("1",)),
        F(K, "max-crossing-line", ("diff(Max(x**2, 2*x - 0.9999999999), x)", "==", "2*x"),
          (d_max(lambda x: x * x, lambda x: 2 * x, lambda x: 2 * x - num("0.9999999999"), lambda x: mpf(2)),
           lambda x: 2 * x), "1.000001",
          "(x - 1)^2 < 1e-10 on (1 - 1e-5, 1 + 1e-5): there Max is the line, slope 2, but 2x = 2.000002 at 1.000001"),
        F(K, "x-hardtanh", ("diff(x*hardtanh(x), x)", ">=", "-2"), (_hardtanh_times_x_derivative, c("-2")), "1",
          "x hardtanh(x) is x^2 on [-1, 1] and |x| outside: slopes 2 and 1 at x = 1"),
        T(K, "softshrink-square", ("diff(softshrink(x)**2, x)", "==", "2*softshrink(x)"),
          (lambda x: 2 * M.softshrink(x), lambda x: 2 * M.softshrink(x)),
          "softshrink is continuous and 0 at +-1/2, so its square has slope 0 from both sides there",
          points=("1/2", "-1/2", "0")),
        F(K, "hardshrink-square", ("diff(hardshrink(x)**2, x)", "==", "2*hardshrink(x)"),
          (lambda x: undefined("jump") if abs(x) == num("1/2") else 2 * M.hardshrink(x),
           lambda x: 2 * M.hardshrink(x)), "1/2", "hardshrink(x)^2 jumps from 0 to 1/4 at 1/2"),
        T(K, "relu-product", ("diff(relu(x)*relu(-x), x)", "==", "0"), (lambda x: mpf(0), c("0")),
          "relu(x) relu(-x) = 0 for every x", points=("0",)),
        T(K, "abs-three-halves", ("diff(Abs(x)**(3/2), x)**2", "==", "9*Abs(x)/4"),
          (lambda x: 9 * abs(x) / 4, lambda x: 9 * abs(x) / 4),
          "|x|^(3/2) has derivative (3/2) sign(x) |x|^(1/2), and 0 at 0 (|h|^(3/2)/h -> 0)", points=("0",)),
        F(K, "abs-square-root", ("diff(Abs(x)**(1/2), x)**2", ">=", "0"),
          (lambda x: undefined("|h|^(1/2)/h is unbounded") if x == 0 else 1 / (4 * abs(x)), c("0")), "0",
          "|x|^(1/2) has no derivative at 0"),
        # -- parameters at the edges of their conditions ----------------------------------------------------------
        T(A, "softplus-1000-gap", ("softplus(x, beta=1000)", "<=", "relu(x) + 0.0006931472"),
          (lambda x: M.softplus(x, "1000"), lambda x: M.relu(x) + num("0.0006931472")),
          "softplus_b(x) - relu(x) = log(1 + e^(-b|x|))/b <= log(2)/b = 0.00069314718056 < 0.0006931472",
          points=("0",)),
        F(A, "softplus-1000-gap-below", ("softplus(x, beta=1000)", "<=", "relu(x) + 0.0006931471"),
          (lambda x: M.softplus(x, "1000"), lambda x: M.relu(x) + num("0.0006931471")), "0",
          "log(2)/1000 = 0.00069314718 > 0.0006931471 at x = 0"),
        T(A, "elu-alpha-below-1", ("elu(x, alpha=0.9999999999)", ">", "-1"),
          (lambda x: M.elu(x, "0.9999999999"), c("-1")), "elu > -alpha = -0.9999999999 > -1"),
        T(A, "celu-tiny-alpha", ("celu(x, alpha=1e-9)", ">", "-1e-9"), (lambda x: M.celu(x, "1e-9"), c("-1e-9")),
          "celu = alpha (e^(x/alpha) - 1) > -alpha (the infimum is not attained)"),
        F(A, "celu-tiny-alpha-floor", ("celu(x, alpha=1e-9)", ">", "-9.99999999e-10"),
          (lambda x: M.celu(x, "1e-9"), c("-9.99999999e-10")), "-1e-6",
          "celu(-1e-6) = 1e-9 (e^-1000 - 1) = -1e-9 (1 - 5e-435) < -9.99999999e-10"),
        T(A, "leaky-slope-one", ("leaky_relu(x, alpha=1)", "==", "x"), (lambda x: M.leaky_relu(x, "1"), lambda x: x),
          "slope 1 on both sides"),
        F(A, "leaky-slope-near-one", ("leaky_relu(x, alpha=0.9999999999999999999)", "==", "x"),
          (lambda x: M.leaky_relu(x, "0.9999999999999999999"), lambda x: x), "-1", "-0.9999999999999999999 != -1"),
        T(A, "forall-celu-floor", ("forall 0 < alpha <= 2: celu(x, alpha=alpha)", ">", "-2"),
          (lambda x: min(M.celu(x, a) for a in alphas), c("-2")), "celu > -alpha >= -2", xmax=1000),
        F(A, "forall-celu-floor-edge", ("forall 0 < alpha <= 2.0000000001: celu(x, alpha=alpha)", ">", "-2"),
          (lambda x: M.celu(x, "2.0000000001"), c("-2")), "-1000",
          "at alpha = 2.0000000001: celu(-1000) = -2.0000000001 (1 - e^-500) < -2"),
        T(A, "forall-leaky-above-x", ("forall 0 <= a <= 1: leaky_relu(x, alpha=a)", ">=", "x"),
          (lambda x: min(M.leaky_relu(x, a) for a in ("0", "0.5", "1")), lambda x: x),
          "for x < 0: a x >= x iff a <= 1; equal for x >= 0"),
        F(A, "forall-leaky-above-x-edge", ("forall 0 <= a <= 1.0000000001: leaky_relu(x, alpha=a)", ">=", "x"),
          (lambda x: M.leaky_relu(x, "1.0000000001"), lambda x: x), "-1", "at a = 1.0000000001: -1.0000000001 < -1"),
        T(A, "forall-silu-floor", ("forall beta >= 1: silu(x, beta=beta)", ">=", "-0.2784645427610738"),
          (lambda x: min(M.silu(x, b) for b in betas), c("-0.2784645427610738")),
          "x s(bx) = silu(bx)/b >= -W(1/e)/b >= -W(1/e) = -0.27846454276107379510... > -0.2784645427610738"),
        F(A, "forall-silu-floor-edge", ("forall beta >= 0.99999999: silu(x, beta=beta)", ">=", "-0.2784645427610738"),
          (lambda x: M.silu(x, "0.99999999"), c("-0.2784645427610738")), k["silu_wit"],
          "at beta = 0.99999999 the minimum is -W(1/e)/beta = -0.27846454554..., at x = (-1 - W(1/e))/beta"),
        T(A, "sqrt-log-edge-below", ("sqrt(x)", ">", "1.3591409142295226*log(x) for x > 0"),
          (sqrt, lambda x: num("1.3591409142295226") * log(x)),
          "sqrt x - c log x has its minimum 2c (1 - log 2c) at x = 4c^2; 2c = 2.7182818284590452 < e: positive",
          domain=pos, points=(k["c_below"],)),
        F(A, "sqrt-log-edge-above", ("sqrt(x)", ">", "1.3591409142295227*log(x) for x > 0"),
          (sqrt, lambda x: num("1.3591409142295227") * log(x)), k["c_above"],
          "2c = 2.7182818284590454 > e: the minimum 2c (1 - log 2c) < 0 at x = 4c^2", domain=pos),
        # -- compositions of activations ---------------------------------------------------------------------------
        T(C, "sigmoid-tanh-sup", ("sigmoid(tanh(x))", "<", "sigmoid(1)"),
          (lambda x: M.sigmoid(tanh(x)), lambda x: M.sigmoid(mpf(1))), "tanh x < 1 and sigmoid increases"),
        F(C, "sigmoid-tanh-sup-1e-30", ("sigmoid(tanh(x))", "<=", "sigmoid(1) - 1e-30"),
          (lambda x: M.sigmoid(tanh(x)), lambda x: M.sigmoid(mpf(1)) - num("1e-30")), "40",
          "1 - tanh 40 = 3.6e-35, so sigmoid(1) - sigmoid(tanh 40) = 0.197 x 3.6e-35 < 1e-30"),
        T(C, "tanh-sigmoid-sup", ("tanh(sigmoid(x))", "<", "tanh(1)"),
          (lambda x: tanh(M.sigmoid(x)), lambda x: mp.tanh(1)), "sigmoid x < 1 and tanh increases"),
        F(C, "tanh-sigmoid-sup-1e-25", ("tanh(sigmoid(x))", "<=", "tanh(1) - 1e-25"),
          (lambda x: tanh(M.sigmoid(x)), lambda x: mp.tanh(1) - num("1e-25")), "60",
          "1 - sigmoid(60) = 8.8e-27, so tanh 1 - tanh(sigmoid 60) = 0.42 x 8.8e-27 < 1e-25"),
        T(C, "gelu-relu-commute", ("gelu(relu(x))", "==", "relu(gelu(x))"),
          (lambda x: M.gelu(M.relu(x)), lambda x: M.relu(M.gelu(x))),
          "x < 0: gelu(0) = 0 and gelu x < 0; x >= 0: gelu x >= 0"),
        T(C, "mish-relu-commute", ("mish(relu(x))", "==", "relu(mish(x))"),
          (lambda x: M.mish(M.relu(x)), lambda x: M.relu(M.mish(x))), "mish has the sign of x, mish(0) = 0"),
        T(C, "silu-split", ("silu(relu(x)) + silu(-relu(-x))", "==", "silu(x)"),
          (lambda x: M.silu(M.relu(x)) + M.silu(-M.relu(-x)), M.silu), "one term is silu(x), the other silu(0) = 0"),
        T(C, "sigmoid-relu-floor", ("sigmoid(relu(x))", ">=", "1/2"), (lambda x: M.sigmoid(M.relu(x)), c("1/2")),
          "relu >= 0 and sigmoid(0) = 1/2", points=("-1",)),
        F(C, "sigmoid-relu-floor-strict", ("sigmoid(relu(x))", ">", "1/2"),
          (lambda x: M.sigmoid(M.relu(x)), c("1/2")), "-1", "sigmoid(relu(-1)) = sigmoid(0) = 1/2: a tie",
          exact=True),
        T(C, "softsign-tanh-sup", ("softsign(tanh(x))", "<", "1/2"), (lambda x: M.softsign(tanh(x)), c("1/2")),
          "|tanh x| < 1 and softsign(u) = u/(1 + |u|) < 1/2 for u < 1"),
        F(C, "softsign-tanh-sup-1e-31", ("softsign(tanh(x))", "<=", "0.4999999999999999999999999999999"),
          (lambda x: M.softsign(tanh(x)), c("0.4999999999999999999999999999999")), "40",
          "u = tanh 40 = 1 - e, e = 3.6e-35: u/(1 + u) = 1/2 - e/4 + ... > 1/2 - 1e-31"),
        T(C, "hardtanh-of-tanh", ("hardtanh(tanh(x))", "==", "tanh(x)"),
          (lambda x: M.hardtanh(tanh(x)), tanh), "tanh x in (-1, 1), where hardtanh is the identity"),
        F(C, "hardtanh-of-double-softsign", ("hardtanh(2*softsign(x))", "==", "2*softsign(x)"),
          (lambda x: M.hardtanh(2 * M.softsign(x)), lambda x: 2 * M.softsign(x)), "3",
          "2 softsign(3) = 1.5 > 1 is clipped"),
        T(C, "relu6-of-sigmoid", ("relu6(6*sigmoid(x))", "==", "6*sigmoid(x)"),
          (lambda x: M.relu6(6 * M.sigmoid(x)), lambda x: 6 * M.sigmoid(x)), "0 < 6 sigmoid x < 6"),
        T(C, "elu-of-relu", ("elu(relu(x))", "==", "relu(x)"), (lambda x: M.elu(M.relu(x)), M.relu),
          "elu is the identity on [0, oo)"),
        T(C, "selu-negative-floor", ("selu(-relu(-x))", ">", k["selu_below"]),
          (lambda x: M.selu(-M.relu(-x)), c(k["selu_below"])),
          "selu > -scale alpha = -1.75809934084737685994... (not attained), the constant is 1e-20 below"),
        F(C, "selu-negative-floor-above", ("selu(-relu(-x))", ">", k["selu_above"]),
          (lambda x: M.selu(-M.relu(-x)), c(k["selu_above"])), "-100",
          "selu(-100) = -scale alpha (1 - e^-100), within 1e-43 of the infimum, 1e-20 below the constant"),
        # -- edges at pi/2 and pi written as decimals, tiny intervals, fast oscillation ------------------------------
        F(D, "atan-tan-past-half-pi", ("atan(tan(x))", "==", "x for -1.5707963267948967 < x < 1.5707963267948967"),
          (lambda x: mp.atan(tan(x)), lambda x: x), lambda: mp.pi / 2,
          "pi/2 = 1.57079632679489661923... < 1.5707963267948967: the pole of tan lies inside", domain=half_pi_above),
        T(D, "atan-tan-below-half-pi", ("atan(tan(x))", "==", "x for -1.5707963267948966 < x < 1.5707963267948966"),
          (lambda x: mp.atan(tan(x)), lambda x: x), "1.5707963267948966 < pi/2: atan inverts tan on the interval",
          domain=half_pi_below),
        T(D, "asin-sin-below-half-pi", ("asin(sin(x))", "==", "x for -1.5707963267948966 <= x <= 1.5707963267948966"),
          (lambda x: M.asin(sin(x)), lambda x: x), "1.5707963267948966 < pi/2: asin inverts sin on [-pi/2, pi/2]",
          domain=lambda x: abs(x) <= num("1.5707963267948966"), points=("1.5707963267948966", "-1.5707963267948966")),
        F(D, "asin-sin-past-half-pi", ("asin(sin(x))", "==", "x for -1.5707963267948967 <= x <= 1.5707963267948967"),
          (lambda x: M.asin(sin(x)), lambda x: x), "1.5707963267948967",
          "past pi/2 asin(sin x) = pi - x: pi - 2 x = -1.5e-17 at x = 1.5707963267948967",
          domain=lambda x: abs(x) <= num("1.5707963267948967")),
        F(D, "sin-square-half-pi-interval", ("sin(x)**2", "<=", "1 - 1e-30 for 1.5707963267948966 < x < "
                                             "1.5707963267948967"),
          (lambda x: sin(x) ** 2, lambda x: 1 - num("1e-30")), lambda: mp.pi / 2,
          "the interval (of width 1e-16) holds pi/2, where sin^2 = 1",
          domain=lambda x: num("1.5707963267948966") < x < num("1.5707963267948967")),
        F(D, "pole-at-pi-inside", ("1/(x - pi)", "<", "1e20 for x > 3.1415926535897932"),
          (lambda x: div(1, x - mp.pi), c("1e20")), lambda: +mp.pi,
          "3.1415926535897932 < pi = 3.14159265358979323846...: the pole is in the domain",
          domain=lambda x: x > num("3.1415926535897932")),
        T(D, "pole-at-pi-outside", ("1/(x - pi)", ">", "0 for x > 3.1415926535897933"),
          (lambda x: 1 / (x - mp.pi), c("0")), "3.1415926535897933 > pi: x - pi > 0 on the domain",
          domain=lambda x: x > num("3.1415926535897933")),
        F(P, "abs-sin-far-out", ("Abs(sin(x))", "<=", "1 - 1e-40 for x > 1e15"),
          (lambda x: abs(sin(x)), lambda x: 1 - num("1e-40")), lambda: mp.pi / 2 + 2 * mp.pi * 159154943091896,
          "at x = pi/2 + 2 pi 159154943091896 = 1.0000000000000006e15, |sin x| = 1", domain=lambda x: x > num("1e15")),
        F(P, "sin-exp", ("sin(exp(x))", ">", "-0.9999999999999999"), (lambda x: sin(exp(x)), c("-0.9999999999999999")),
          lambda: mp.log(3 * mp.pi / 2), "exp(x) = 3 pi/2 at x = log(3 pi/2) = 1.5503: sin = -1"),
        F(D, "sin-square-argument", ("sin(x**2)", "<=", "0.9999999999999999999 for 0 < x < 2"),
          (lambda x: sin(x * x), c("0.9999999999999999999")), lambda: mp.sqrt(mp.pi / 2),
          "x^2 = pi/2 at sqrt(pi/2) = 1.2533 < 2: sin = 1", domain=lambda x: 0 < x < 2),
        F(P, "cos-fast-tiny-interval", ("cos(1e20*x)", "<=", "1 - 1e-30 for 0 < x < 1e-10"),
          (lambda x: cos(num("1e20") * x), lambda x: 1 - num("1e-30")), lambda: 2 * mp.pi / num("1e20"),
          "cos(1e20 x) = 1 at x = 2 pi/1e20 = 6.3e-20, inside (0, 1e-10)", domain=lambda x: 0 < x < num("1e-10")),
        F(R, "log-quadratic-far", ("log(1 + 1e-30*x**2)", ">", "1e-31*x**2 for x != 0"),
          (lambda x: log(1 + num("1e-30") * x * x), lambda x: num("1e-31") * x * x), "1e16",
          "u = 1e-30 x^2 = 100 at 1e16: log(101) = 4.6 < 10 (log(1 + u) > u/10 only for u < 35.8)", domain=nonzero),
        T(K, "smoothed-abs-slope", ("diff(sqrt(x**2 + 1e-300), x)**2", "<", "1"),
          (lambda x: x * x / (x * x + num("1e-300")), c("1")), "the derivative x/sqrt(x^2 + 1e-300) has |.| < 1",
          dps=400),
        F(K, "smoothed-abs-slope-margin", ("diff(sqrt(x**2 + 1e-300), x)**2", "<=", "0.9999999999"),
          (lambda x: x * x / (x * x + num("1e-300")), c("0.9999999999")), "1e-140",
          "x^2/(x^2 + 1e-300) = 1/(1 + 1e-20) at 1e-140", dps=400),
        F(K, "cusp-two-thirds", ("diff((x**2)**(1/3), x)", ">=", "-1e10"),
          (lambda x: undefined("cusp: |h|^(2/3)/h is unbounded") if x == 0
           else 2 * M.sign(x) * rpow(abs(x), "-1/3") / 3, c("-1e10")), "0",
          "(x^2)^(1/3) = |x|^(2/3) has a cusp at 0: no derivative"),
        # -- tails ---------------------------------------------------------------------------------------------------
        T(R, "softplus-minus-relu-tail", ("softplus(x) - relu(x)", "<=", "exp(-Abs(x))"),
          (lambda x: M.softplus(x) - M.relu(x), lambda x: exp(-abs(x))), "= log(1 + e^-|x|) <= e^-|x|",
          points=("0",), dps=100, xmax=1000),
        F(R, "softplus-minus-relu-tail-1e-300", ("softplus(x) - relu(x)", "<=", "exp(-Abs(x)) - 1e-300"),
          (lambda x: M.softplus(x) - M.relu(x), lambda x: exp(-abs(x)) - num("1e-300")), "700",
          "at 700: e^-700 = 9.9e-305, so the right side is negative while the left is positive", dps=400),
    ]


def _limits(T, F) -> list:
    Lc = lambda *a: limit_case(T, F, *a)  # noqa: E731
    two = lambda: mpf(2)  # noqa: E731
    one = lambda: mpf(1)  # noqa: E731
    zero = lambda: mpf(0)  # noqa: E731
    tanh_ratio = lambda x: (1 - tanh(x)) / (1 - M.sigmoid(2 * x))  # noqa: E731
    log_sig = lambda x: log(M.sigmoid(x)) / x  # noqa: E731
    return [
        Lc("h2-tanh-sigmoid-ratio", "(1 - tanh(x))/(1 - sigmoid(2*x))", "oo", "==", "2",
           Limit(tanh_ratio, two, ("3", "6", "9")), "1 - tanh x = 2/(1 + e^(2x)) = 2 (1 - sigmoid(2x)): the ratio "
           "is 2 everywhere"),
        Lc("h2-tanh-sigmoid-ratio-one", "(1 - tanh(x))/(1 - sigmoid(2*x))", "oo", "==", "1",
           Limit(tanh_ratio, two, ("3", "6", "9")), "the ratio is 2, not 1"),
        Lc("h2-tanh-sigmoid-ratio-1e-50", "(1 - tanh(x))/(1 - sigmoid(2*x))", "oo", "==", "2." + "0" * 49 + "1",
           Limit(tanh_ratio, two, ("3", "6", "9")), "the limit is 2, 1e-50 below the constant (a gap that a 60-digit "
           "comparison with a 10^-45 tolerance would call equal)"),
        Lc("h2-tanh-sigmoid-ratio-below-1e-50", "(1 - tanh(x))/(1 - sigmoid(2*x))", "oo", "<", "2." + "0" * 49 + "1",
           Limit(tanh_ratio, two, ("3", "6", "9")), "2 < 2 + 1e-50"),
        Lc("h2-log-sigmoid-over-x", "log(sigmoid(x))/x", "-oo", "==", "1",
           Limit(log_sig, one, up(1, 2, 3, 4, s=-1)), "log sigmoid(x) = x - log(1 + e^x), and log(1 + e^x)/x -> 0"),
        Lc("h2-log-sigmoid-over-x-zero", "log(sigmoid(x))/x", "-oo", "==", "0",
           Limit(log_sig, one, up(1, 2, 3, 4, s=-1)), "the limit is 1, not 0"),
        Lc("h2-log-sigmoid-over-x-oo", "log(sigmoid(x))/x", "oo", "==", "0",
           Limit(log_sig, zero, up(1, 2, 3, 4)), "log sigmoid(x) = -log(1 + e^-x) -> 0 faster than 1/x"),
        Lc("h2-gelu-over-x", "gelu(x)/x", "-oo", "<", "1e-30",
           Limit(lambda x: M.gelu(x) / x, zero, up(1, 2, 3, s=-1)), "gelu(x)/x = Phi(x) -> 0 < 1e-30"),
        Lc("h2-gelu-over-x-neg", "gelu(x)/x", "-oo", ">", "0",
           Limit(lambda x: M.gelu(x) / x, zero, up(1, 2, 3, s=-1)), "the limit is 0, not above 0 (Phi > 0 everywhere)"),
        Lc("h2-x-sin-inverse", "x*sin(1/x)", "oo", "==", "1",
           Limit(lambda x: x * sin(div(1, x)), one, up(1, 2, 5, 10)),
           "x sin(1/x) = sin(u)/u with u = 1/x -> 0+: 1 - u^2/6 + ... -> 1 (undefined at 0, which is not on the ray)"),
        Lc("h2-x-sin-inverse-below", "x*sin(1/x)", "oo", "<", "1",
           Limit(lambda x: x * sin(div(1, x)), one, up(1, 2, 5, 10)),
           "x sin(1/x) < 1 for every x > 0, but the limit is 1 itself: not < 1"),
        Lc("h2-softplus-relu-gap", "softplus(x) - relu(x)", "oo", "==", "0",
           Limit(lambda x: M.softplus(x) - M.relu(x), zero, ("10", "20", "40")), "log(1 + e^-x) -> 0"),
        Lc("h2-exp-beats-power-far", "x**100*exp(-x)", "oo", ">", "0",
           Limit(lambda x: x ** 100 * exp(-x), zero, up(3, 4, 5)),
           "x^100 e^-x -> 0 (after its maximum at x = 100, 100^100 e^-100 = 3.7e156): the limit is 0, not > 0"),
    ]


def _all(T, F) -> list:
    h2 = prefixed("h2", T, F)
    return verified(near_extremum_cases(*h2, _families(), "") + _cases(*h2) + _limits(T, F))


def hunt2_cases(T, F) -> list:
    """The claims on all of R and the limit claims."""
    return [case for case in _all(T, F) if case.domain is None]


def hunt2_domain_cases(T, F) -> list:
    """The claims with a stated domain (``for ...``)."""
    return [case for case in _all(T, F) if case.domain is not None]

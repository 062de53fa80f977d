"""A fourth held-out hunt (issue 11, s30): new adversarial claims in every class, written before symact's answers
were read, with their truth argued beside each case and checked with mpmath by the suite (soundness_mp.py).

Same format as soundness_cases.py (which adds these to its lists); ids start ``fr-``; every proved/refuted
verdict's certificate is re-checked by the kernel's verifier.  What they add:

* extrema at irrational points of functions not used elsewhere, with constants 1e-9 .. 1e-40 off: log(1 + x^2)/
  (1 + x^2) (max 1/e at sqrt(e - 1)), sin(x) e^(-x^2) (x tan x = 1/2), cos x (1 + sin x) (pi/6),
  sin x sin(x + 1) ((pi - 1)/2), tanh x - tanh(x - sqrt 2) (sqrt(2)/2), erf x - erf(x - 1), x^3 e^(-x^2),
  tanh x - softsign x (cosh x = 1 + x), sin x + sin(3x)/3 (pi/4), e^(sin x) (pi/2), e^-x + 1e-12 x^2 (far out,
  tiny value), and with a stated domain x log x (1/e), log(x)/x (e), x^2 log x (e^(-1/2));
* tails where the claim fails only where floats underflow or beyond 10^15 (exp(x) > x^10 past the second
  crossing -10 W_-1(-1/10), log x < x^(1/10) past 3.4e15, 1 - tanh x against 2e^(-2x) - 2e^(-4x) + 1e-300);
* periodic identities with perturbed constants, removable singularities kept undefined, domain gaps at tiny and
  irrational points, Piecewise gaps, real powers of negative bases;
* kinks as Max/Min of smooth functions (a corner where the slopes differ, none where they touch: Min(x, sin x)),
  derivatives that exist though the formula has |x| or Heaviside (x sqrt|x|, Heaviside(x) x^2, relu(x) - relu(-x));
* parameters at the edges of their quantified intervals, compositions of activations, near identities with one
  digit moved, and ``analyze`` properties of unusual expressions (:func:`fresh_analyses`).

Points where an irrational zero decides the truth are evaluated with soundness_heldout.vanishes.
"""
from __future__ import annotations

import mpmath
from mpmath import mp, mpf

import soundness_mp as M
from soundness_cases import dec, prefixed, verified
from soundness_heldout import INF, Analysis, safe_div, vanishes
from soundness_mp import (Undefined, acos, acosh, asin, cos, div, erf, erfc, exp, log, num, rpow,
                          sign, sin, sinh, cosh, sqrt, tanh, undefined)


def c(text: str):
    return M.const(text)


def pos(x):
    return x > 0


def nonzero(x):
    return x != 0


# -- the derivative of Max / Min of two differentiable functions ---------------------------------------------------

def d_max(f, df, g, dg, sense=1):
    """(max(f, g))' at x (``sense`` = -1: min): where f = g the right derivative is max(f', g') and the left one
    min(f', g') (for min the reverse), so it exists exactly where f' = g'.  ``vanishes`` decides f = g at an
    irrational crossing."""
    def d(x):
        a, b = f(x), g(x)
        if a == b or vanishes(a - b):
            da, db = df(x), dg(x)
            if da != db and not vanishes(da - db):
                raise Undefined(f"corner: slopes {mpmath.nstr(da, 8)} and {mpmath.nstr(db, 8)}")
            return da
        return df(x) if sense * (a - b) > 0 else dg(x)
    return d


def d_abs_of(u, du):
    """(|u|)' at x: sign(u) u' where u != 0; where u = 0 it exists only if u' = 0 there (then it is 0)."""
    def d(x):
        v = u(x)
        if v == 0 or vanishes(v):
            if du(x) != 0 and not vanishes(du(x)):
                raise Undefined("corner of |u| at a simple zero of u")
            return mpf(0)
        return sign(v) * du(x)
    return d


# -- extrema at irrational points -----------------------------------------------------------------------------------

def _families():
    """(class, name, text, lambda, 'max' | 'min', extreme value, where, why, domain text, domain) at 120 digits."""
    with mp.workdps(120):
        r2 = mp.sqrt(2)
        xse = mpmath.findroot(lambda x: x * mp.tan(x) - mpf(1) / 2, mpf("0.65"))
        xts = mpmath.findroot(lambda x: mp.cosh(x) - 1 - x, mpf("1.6"))
        xeq = mpmath.findroot(lambda x: -exp(-x) + 2 * mpf("1e-12") * x, mpf(24))
        xsc = mpmath.findroot(lambda x: cos(x) - sin(x / 3) / 3, mpf("10.84"))
        xcc = mpmath.findroot(lambda x: -sin(x) - 2 * sin(2 * x / 3) / 3, mpf("3.61"))
        xg = mpmath.findroot(M.d_gelu, mpf("-0.75"))
        return [
            ("extremum", "log-ratio", "log(1 + x**2)/(1 + x**2)", lambda x: log(1 + x * x) / (1 + x * x), "max",
             1 / mp.e, mp.sqrt(mp.e - 1), "log(u)/u (u = 1 + x^2 >= 1) has (1 - log u)/u^2 = 0 only at u = e: the "
             "maximum 1/e at x = +-sqrt(e - 1); it tends to 0 at +-oo", "", None),
            ("extremum", "sin-gauss", "sin(x)*exp(-x**2)", lambda x: sin(x) * exp(-x * x), "max",
             sin(xse) * exp(-xse * xse), xse, "odd; f' = e^(-x^2)(cos x - 2x sin x) vanishes where x tan x = 1/2: "
             "near 0.6533 the maximum; the other zeros lie beyond pi, where f <= e^(-x^2) < 1e-4", "", None),
            ("periodic", "cos-one-plus-sin", "cos(x)*(1 + sin(x))", lambda x: cos(x) * (1 + sin(x)), "max",
             3 * mp.sqrt(3) / 4, mp.pi / 6, "f' = -sin x - sin^2 x + cos^2 x = (1 - 2 sin x)(1 + sin x): zero at "
             "sin x = 1/2 and -1; the maximum 3 sqrt(3)/4 where sin x = 1/2 and cos x > 0 (x = pi/6)", "", None),
            ("periodic", "sin-shifted-product", "sin(x)*sin(x + 1)", lambda x: sin(x) * sin(x + 1), "max",
             (1 + mp.cos(1)) / 2, (mp.pi - 1) / 2, "sin x sin(x + 1) = (cos 1 - cos(2x + 1))/2: the maximum "
             "(1 + cos 1)/2 where 2x + 1 = pi", "", None),
            ("composition", "tanh-bump", "tanh(x) - tanh(x - sqrt(2))", lambda x: tanh(x) - tanh(x - r2), "max",
             2 * tanh(r2 / 2), r2 / 2, "f' = sech^2 x - sech^2(x - a) = 0 iff |x| = |x - a| iff x = a/2 (a = "
             "sqrt 2); f > 0 tends to 0 at +-oo: the maximum 2 tanh(sqrt(2)/2) at sqrt(2)/2", "", None),
            ("extremum", "erf-bump", "erf(x) - erf(x - 1)", lambda x: erf(x) - erf(x - 1), "max", 2 * erf(mpf(1) / 2),
             mpf(1) / 2, "f' = (2/sqrt pi)(e^(-x^2) - e^(-(x-1)^2)) = 0 iff x = 1/2; f -> 0 at +-oo: maximum "
             "2 erf(1/2) (an irrational value at a rational point)", "", None),
            ("extremum", "cube-gauss", "x**3*exp(-x**2)", lambda x: x ** 3 * exp(-x * x), "max",
             (mpf(3) / 2) ** (mpf(3) / 2) * exp(-mpf(3) / 2), mp.sqrt(mpf(3) / 2),
             "odd; f' = x^2 (3 - 2x^2) e^(-x^2): the maximum (3/2)^(3/2) e^(-3/2) at sqrt(3/2)", "", None),
            ("composition", "tanh-softsign", "tanh(x) - softsign(x)", lambda x: tanh(x) - M.softsign(x), "max",
             tanh(xts) - xts / (1 + xts), xts, "odd, > 0 on (0, oo) (x^2 + ... near 0, 1/(1 + x) > 2e^(-2x) far "
             "out); f' = sech^2 x - 1/(1 + x)^2 vanishes on (0, oo) only where cosh x = 1 + x (convex minus linear: "
             "one root, near 1.6161): the maximum there", "", None),
            ("periodic", "sin-sin3", "sin(x) + sin(3*x)/3", lambda x: sin(x) + sin(3 * x) / 3, "max",
             2 * r2 / 3, mp.pi / 4, "f' = cos x + cos 3x = 2 cos(2x) cos x: zeros where cos x = 0 (value +-2/3) "
             "and where cos 2x = 0 (value +-2 sqrt(2)/3 at pi/4, 3pi/4): the maximum 2 sqrt(2)/3", "", None),
            ("periodic", "exp-sin", "exp(sin(x))", lambda x: exp(sin(x)), "max", mp.e, mp.pi / 2,
             "exp is increasing: the maximum e where sin x = 1 (x = pi/2)", "", None),
            ("tail", "exp-quadratic", "exp(-x) + 1e-12*x**2", lambda x: exp(-x) + mpf("1e-12") * x * x, "min",
             exp(-xeq) + mpf("1e-12") * xeq * xeq, xeq, "convex (f'' = e^-x + 2e-12 > 0), one critical point where "
             "e^-x = 2e-12 x (near 24.9): the minimum, about 6.7e-10, far out", "", None),
            ("domain", "x-log-x", "x*log(x)", lambda x: x * log(x), "min", -1 / mp.e, 1 / mp.e,
             "on (0, oo): (x log x)' = log x + 1 = 0 at 1/e, (x log x)'' = 1/x > 0: the minimum -1/e", " for x > 0",
             pos),
            ("domain", "log-over-x", "log(x)/x", lambda x: log(x) / x, "max", 1 / mp.e, mp.e,
             "on (0, oo): (log x / x)' = (1 - log x)/x^2 = 0 at e: the maximum 1/e", " for x > 0", pos),
            ("domain", "x2-log-x", "x**2*log(x)", lambda x: x * x * log(x), "min", -1 / (2 * mp.e), exp(-mpf(1) / 2),
             "on (0, oo): (x^2 log x)' = x(2 log x + 1) = 0 at e^(-1/2): the minimum -1/(2e)", " for x > 0", pos),
            ("periodic", "sin-cos-third", "sin(x) + cos(x/3)", lambda x: sin(x) + cos(x / 3), "min",
             sin(xsc) + cos(xsc / 3), xsc, "period 6 pi (not 2 pi: the minimum on [-pi, pi] is only -0.149); the "
             "minimum over a period, found on a grid of 20000 points and refined by Newton, is at x = 10.8432 "
             "(sin x = 1 and cos(x/3) = -1 never meet: x = pi/2 + 2 pi k = 3 pi + 6 pi m has no solution)", "", None),
            ("periodic", "cos-cos-two-thirds", "cos(x) + cos(2*x/3)", lambda x: cos(x) + cos(2 * x / 3), "min",
             cos(xcc) + cos(2 * xcc / 3), xcc, "period 6 pi; the minimum over a period (grid of 20000 points, refined "
             "by Newton) is at x = 3.6064, below -1.5 (the minimum on [-pi, pi])", "", None),
            ("composition", "gelu-sin", "gelu(sin(x))", lambda x: M.gelu(sin(x)), "min", M.gelu(xg), mp.asin(xg),
             "sin x takes every value of [-1, 1], which holds gelu's minimum point -0.7518: the minimum of gelu "
             "itself, at x = asin(-0.7518)", "", None),
            ("domain", "x-to-x", "x**x", lambda x: exp(x * log(x)), "min", exp(-1 / mp.e), 1 / mp.e,
             "on (0, oo): x^x = e^(x log x) and x log x has its minimum -1/e at 1/e", " for x > 0", pos),
            ("tail", "log10-over-x", "log(x)**10/x", lambda x: log(x) ** 10 / x, "max", mpf(10) ** 10 * exp(-10),
             exp(10), "on [1, oo): (log^10 x / x)' = log^9 x (10 - log x)/x^2 vanishes at 1 (the minimum 0) and at "
             "e^10 = 22026.47 (the maximum 10^10 e^-10 = 453999.3), far out", " for x >= 1", lambda x: x >= 1),
        ]


def extremum_cases(T, F) -> list:
    return near_extremum_cases(T, F, _families(), "fr-", tiny={"exp-quadratic": mpf("1e-12")})


def near_extremum_cases(T, F, families, prefix: str, tiny: dict | None = None) -> list:
    """Six claims per family ``(class, name, text, lambda, 'max' | 'min', extreme value m, where, why, domain text,
    domain)``: constants 1e-9, 1e-20 and 1e-40 above and below m (times ``tiny[name]`` for a tiny m), with ``<=`` /
    ``<`` (``>=`` / ``>`` for a minimum) alternating and the sides reversed at 1e-20; ids ``PREFIX NAME-above-1e-9``."""
    out = []
    for cls, name, text, f, kind, m, where, why, dom_text, dom in families:
        with mp.workdps(120):
            wit = dec(where, 64)
        scale = (tiny or {}).get(name, mpf(1))  # a tiny extreme value: tiny offsets
        for k in (9, 20, 40):
            for side in (1, -1):   # the constant above (+1) or below (-1) the extreme value
                with mp.workdps(120):
                    const = dec(m + side * scale * mpf(10) ** -k, k + 16)
                op = ("<=", "<")[k % 2] if kind == "max" else (">=", ">")[k % 2]
                reverse = k == 20
                flipped = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}[op]
                claim = (const, flipped, text + dom_text) if reverse else (text, op, const + dom_text)
                fns = (c(const), f) if reverse else (f, c(const))
                truth = (side > 0) == (kind == "max")
                offset = f"{'1e-12 x ' if scale != 1 else ''}1e-{k}"
                cid = f"{prefix}{name}-{'above' if side > 0 else 'below'}-1e-{k}"
                account = (f"{'maximum' if kind == 'max' else 'minimum'} {mpmath.nstr(m, 25)}... at x = "
                           f"{mpmath.nstr(where, 20)}; {why}")
                what = f"{const} is {offset} {'above' if side > 0 else 'below'} the {account}"
                if truth:
                    out.append(T(cls, cid, claim, fns, what, points=(wit,), domain=dom))
                else:
                    out.append(F(cls, cid, claim, fns, wit, what, domain=dom))
    return out


# -- the other claims ---------------------------------------------------------------------------------------------

def _crossings():
    """exp(x) = x^10 at t = -10 W_-1(-1/10) (about 35.7715), and log x = x^(1/10) at e^t (about 3.43e15)."""
    with mp.workdps(120):
        t = -10 * mpmath.lambertw(-mpf(1) / 10, -1).real
        return t, dec(t - mpf(10) ** -6, 12)


def _cases(T, F) -> list:
    P, R, E, D, K, A, C, Y, N = ("periodic", "tail", "removable", "domain", "kink", "parameter",
                                 "composition", "tiny", "near_identity")
    t, t_wit = _crossings()
    with mp.workdps(120):
        sin1_below = dec(mp.sin(1) - mpf(10) ** -30, 34)
        cos1_above = dec(mp.cos(1) + mpf(10) ** -25, 29)
        s1_below = dec(M.sigmoid(mpf(1)) - mpf(10) ** -20, 24)
        t1_below = dec(mp.tanh(1) - mpf(10) ** -25, 29)
        big = mpf(50) ** 50 * exp(-50)
        big_above, big_below = dec(big * (1 + mpf(10) ** -12), 2), dec(big * (1 - mpf(10) ** -12), 2)
        q5 = dec(mpf(5) ** (mpf(1) / 3), 64)
    cube_root_5 = lambda: mpf(5) ** (mpf(1) / 3)  # noqa: E731
    ge1 = lambda x: x >= 1  # noqa: E731
    alphas = ("1e-9", "0.5", "1")
    betas = ("1", "1.5", "2", "1000")
    return [
        # -- tails ---------------------------------------------------------------------------------------------
        T(R, "one-minus-tanh-upper", ("1 - tanh(x)", "<", "2*exp(-2*x)"),
          (lambda x: 1 - tanh(x), lambda x: 2 * exp(-2 * x)),
          "1 - tanh x = 2/(1 + e^(2x)) < 2 e^(-2x) (floats give 0 < 0 beyond x = 400)", dps=100),
        T(R, "one-minus-tanh-lower", ("1 - tanh(x)", ">=", "2*exp(-2*x) - 2*exp(-4*x)"),
          (lambda x: 1 - tanh(x), lambda x: 2 * exp(-2 * x) - 2 * exp(-4 * x)),
          "with u = e^(2x): 2/(1 + u) - 2(u - 1)/u^2 = 2/(u^2 (1 + u)) > 0", dps=100, xmax=1000),
        F(R, "one-minus-tanh-lower-1e-300", ("1 - tanh(x)", ">=", "2*exp(-2*x) - 2*exp(-4*x) + 1e-300"),
          (lambda x: 1 - tanh(x), lambda x: 2 * exp(-2 * x) - 2 * exp(-4 * x) + num("1e-300")), "120",
          "the gap 2/(u^2 (1 + u)) (u = e^(2x)) is 2e^(-720)/(1 + e^(-240)) ~ 1.9e-313 < 1e-300 at x = 120",
          dps=500),
        T(R, "x-exp-decay-1e-40", ("x*exp(-x)", "<=", "1e-40 for x >= 100"), (lambda x: x * exp(-x), c("1e-40")),
          "x e^-x decreases on [1, oo); at 100 it is 3.72e-42", domain=lambda x: x >= 100, points=("100",)),
        F(R, "x-exp-decay-3.7e-42", ("x*exp(-x)", "<=", "3.7e-42 for x >= 100"),
          (lambda x: x * exp(-x), c("3.7e-42")), "100", "100 e^-100 = 3.7200759760208e-42 > 3.7e-42",
          domain=lambda x: x >= 100),
        T(R, "exp-beats-x10", ("exp(x)", ">", "x**10 for x > 35.7716"), (exp, lambda x: x ** 10),
          f"x - 10 log x is increasing on (10, oo) and 0 at t = -10 W_-1(-1/10) = {mpmath.nstr(t, 15)} < 35.7716",
          domain=lambda x: x > num("35.7716"), points=("35.7716000001", "1e5", "1e20")),
        F(R, "exp-beats-x10-early", ("exp(x)", ">", "x**10 for x > 35.7715"), (exp, lambda x: x ** 10), t_wit,
          f"the crossing t = {mpmath.nstr(t, 15)} is above 35.7715: exp(x) < x^10 just left of it",
          domain=lambda x: x > num("35.7715")),
        T(R, "log-below-root10-far", ("log(x)", "<", "x**(1/10) for x > 4e15"),
          (log, lambda x: rpow(x, "1/10")), f"with x = e^s: s < e^(s/10) for s > t = {mpmath.nstr(t, 12)}, and "
          "log(4e15) = 35.93 > t", domain=lambda x: x > num("4e15"), points=("4.0000001e15", "1e16", "1e100")),
        F(R, "log-below-root10-1e15", ("log(x)", "<", "x**(1/10) for x > 1e15"),
          (log, lambda x: rpow(x, "1/10")), "2e15", "log(2e15) = 35.23 > (2e15)^(1/10) = 33.9",
          domain=lambda x: x > num("1e15")),
        F(R, "log-below-root10-pos", ("log(x)", "<", "x**(1/10) for x > 0"), (log, lambda x: rpow(x, "1/10")),
          "1e10", "log(1e10) = 23.03 > 10", domain=pos),
        T(R, "x50-exp-peak-above", ("x**50*exp(-x)", "<=", f"{big_above} for x > 0"),
          (lambda x: x ** 50 * exp(-x), c(big_above)),
          "(x^50 e^-x)' = x^49 (50 - x) e^-x: the maximum 50^50 e^-50 ~ 1.7e63 at x = 50; the constant is larger by "
          "a factor 1 + 1e-12", domain=pos, points=("50",)),
        F(R, "x50-exp-peak-below", ("x**50*exp(-x)", "<=", f"{big_below} for x > 0"),
          (lambda x: x ** 50 * exp(-x), c(big_below)), "50", "50^50 e^-50 exceeds the constant by a factor "
          "1/(1 - 1e-12)", domain=pos),
        T(R, "softplus-gap-upper", ("log(1 + exp(x)) - x", "<=", "exp(-x)"),
          (lambda x: M.softplus(x) - x, lambda x: exp(-x)), "log(1 + u) <= u for u = e^-x > 0", dps=100),
        F(R, "softplus-gap-lower-1e-300", ("log(1 + exp(x)) - x", ">=", "exp(-x) - exp(-2*x)/2 + 1e-300 for x > 0"),
          (lambda x: M.softplus(x) - x, lambda x: exp(-x) - exp(-2 * x) / 2 + num("1e-300")), "250",
          "log(1 + u) - u + u^2/2 = u^3/3 - ... ~ 6.5e-327 < 1e-300 at u = e^-250", dps=500, domain=pos),
        T(R, "sigmoid-lower", ("sigmoid(x)", ">=", "1 - exp(-x)"), (M.sigmoid, lambda x: 1 - exp(-x)),
          "1/(1 + u) >= 1 - u for u = e^-x > 0: (1 - u)(1 + u) = 1 - u^2 <= 1", dps=100),
        F(R, "sigmoid-lower-1e-300", ("sigmoid(x)", ">=", "1 - exp(-x) + 1e-300 for x > 0"),
          (M.sigmoid, lambda x: 1 - exp(-x) + num("1e-300")), "400",
          "the gap u^2/(1 + u) is e^-800 ~ 3.6e-348 < 1e-300 at x = 400", dps=500, domain=pos),
        T(R, "far-double-root", ("x**2 - 1e20*x + 2.5e39", ">=", "0"),
          (lambda x: x * x - num("1e20") * x + num("2.5e39"), c("0")),
          "(x - 5e19)^2: the minimum 0 at 5e19", points=("5e19",)),
        F(R, "far-double-root-minus-1", ("x**2 - 1e20*x + 2499999999999999999999999999999999999999", ">=", "0"),
          (lambda x: x * x - num("1e20") * x + num("2499999999999999999999999999999999999999"), c("0")), "5e19",
          "(x - 5e19)^2 - 1: -1 at 5e19"),
        # -- periodic ------------------------------------------------------------------------------------------
        T(P, "quartic-sum", ("cos(x)**4 + sin(x)**4", ">=", "1/2"),
          (lambda x: cos(x) ** 4 + sin(x) ** 4, c("1/2")), "(c^2 + s^2)^2 - 2 c^2 s^2 = 1 - sin^2(2x)/2 >= 1/2",
          points=(lambda: mp.pi / 4,)),
        F(P, "quartic-sum-margin", ("cos(x)**4 + sin(x)**4", ">=", "0.5000000000000000000001"),
          (lambda x: cos(x) ** 4 + sin(x) ** 4, c("0.5000000000000000000001")), lambda: mp.pi / 4,
          "1/2 at pi/4, 1e-22 below the constant"),
        F(P, "double-angle-cos-digit", ("cos(2*x)", "==", "1 - 2.000000000000000000001*sin(x)**2"),
          (lambda x: cos(2 * x), lambda x: 1 - num("2.000000000000000000001") * sin(x) ** 2), "1",
          "differs by 1e-21 sin(1)^2 at x = 1"),
        T(P, "quartic-difference", ("sin(x)**4 - cos(x)**4", "==", "-cos(2*x)"),
          (lambda x: sin(x) ** 4 - cos(x) ** 4, lambda x: -cos(2 * x)), "(s^2 - c^2)(s^2 + c^2) = -cos 2x"),
        T(P, "sin-sin-le", ("sin(sin(x))", "<=", "sin(1)"), (lambda x: sin(sin(x)), lambda x: mp.sin(1)),
          "sin is increasing on [-1, 1] and sin x <= 1", points=(lambda: mp.pi / 2,)),
        F(P, "sin-sin-below", ("sin(sin(x))", "<=", sin1_below), (lambda x: sin(sin(x)), c(sin1_below)),
          lambda: mp.pi / 2, "sin(sin(pi/2)) = sin 1, 1e-30 above the constant"),
        F(P, "cos-sin-above", ("cos(sin(x))", ">=", cos1_above), (lambda x: cos(sin(x)), c(cos1_above)),
          lambda: mp.pi / 2, "cos(sin(pi/2)) = cos 1, 1e-25 below the constant"),
        F(P, "abs-sum-root2-digits-below", ("Abs(sin(x)) + Abs(cos(x))", "<=", "1.4142135623730950"),
          (lambda x: abs(sin(x)) + abs(cos(x)), c("1.4142135623730950")), lambda: 3 * mp.pi / 4,
          "sqrt 2 = 1.41421356237309504880..., 4.9e-17 above the constant; attained at 3pi/4"),
        T(P, "abs-sum-root2-digits-above", ("Abs(sin(x)) + Abs(cos(x))", "<=", "1.4142135623730951"),
          (lambda x: abs(sin(x)) + abs(cos(x)), c("1.4142135623730951")), "the maximum sqrt 2 < 1.4142135623730951",
          points=(lambda: mp.pi / 4,)),
        T(P, "cubes-le-1", ("sin(x)**3 + cos(x)**3", "<=", "1"), (lambda x: sin(x) ** 3 + cos(x) ** 3, c("1")),
          "s^3 + c^3 <= s^2 + c^2 = 1 since |s|, |c| <= 1"),
        F(P, "cubes-lt-1", ("sin(x)**3 + cos(x)**3", "<", "1"), (lambda x: sin(x) ** 3 + cos(x) ** 3, c("1")), "0",
          "exactly 1 at 0", exact=True),
        T(P, "quad-product", ("sin(x)*cos(x)*cos(2*x)", "<=", "1/4"),
          (lambda x: sin(x) * cos(x) * cos(2 * x), c("1/4")), "= sin(4x)/4", points=(lambda: mp.pi / 8,)),
        F(P, "quad-product-below", ("sin(x)*cos(x)*cos(2*x)", "<=", "0.2499999999999999999999999999999"),
          (lambda x: sin(x) * cos(x) * cos(2 * x), c("0.2499999999999999999999999999999")), lambda: mp.pi / 8,
          "sin(4x)/4 = 1/4 at pi/8, 1e-31 above the constant"),
        T(P, "sin3-vs-sin", ("Abs(sin(3*x))", "<=", "3*Abs(sin(x))"),
          (lambda x: abs(sin(3 * x)), lambda x: 3 * abs(sin(x))), "|3s - 4s^3| = |s| |3 - 4s^2| <= 3|s|"),
        F(P, "cos-taylor-quartic-off", ("cos(x)", ">=", "1 - x**2/2 + x**4/25"),
          (cos, lambda x: 1 - x * x / 2 + x ** 4 / 25), "3", "at 3: cos 3 = -0.98999 < 1 - 4.5 + 3.24 = -0.26"),
        T(P, "sin-square-vs-square", ("sin(x)**2", "<=", "x**2"), (lambda x: sin(x) ** 2, lambda x: x * x),
          "|sin x| <= |x|", points=("0",)),
        F(P, "sin-square-vs-square-strict", ("sin(x)**2", "<", "x**2"), (lambda x: sin(x) ** 2, lambda x: x * x),
          "0", "both 0 at 0", exact=True),
        T(P, "half-period", ("cos(x + pi)", "==", "-cos(x)"), (lambda x: cos(x + mp.pi), lambda x: -cos(x)),
          "cos(x + pi) = -cos x"),
        F(P, "half-period-double", ("cos(x + 3.141592653589793)", "==", "-cos(x)"),
          (lambda x: cos(x + num("3.141592653589793")), lambda x: -cos(x)), "1",
          "3.141592653589793 = pi - 1.2e-16: cos(1 + it) + cos 1 = sin(1) 1.2e-16 + ..."),
        F(P, "half-angle-forms", ("sin(x)/(1 + cos(x))", "==", "(1 - cos(x))/sin(x)"),
          (lambda x: safe_div(sin(x), 1 + cos(x)), lambda x: div(1 - cos(x), sin(x))), "0",
          "the right side is 0/0 at x = 0"),
        T(P, "half-angle-forms-inside", ("sin(x)/(1 + cos(x))", "==", "(1 - cos(x))/sin(x) for 0 < x < 3"),
          (lambda x: sin(x) / (1 + cos(x)), lambda x: (1 - cos(x)) / sin(x)),
          "both are tan(x/2) where sin x != 0 and cos x != -1: (1 - c)(1 + c) = s^2",
          domain=lambda x: 0 < x < 3),
        # -- removable singularities ---------------------------------------------------------------------------
        F(E, "two-holes", ("(x**4 - 1)/(x**2 - 1)", "==", "x**2 + 1"),
          (lambda x: div(x ** 4 - 1, x * x - 1), lambda x: x * x + 1), "-1", "0/0 at -1 (and 1)"),
        T(E, "tanh-ratio-punctured", ("tanh(x)/x", ">", "0 for x != 0"), (lambda x: tanh(x) / x, c("0")),
          "tanh x has the sign of x", domain=nonzero),
        F(E, "tanh-ratio-le-1-minus", ("tanh(x)/x", "<=", "0.99999999999 for x != 0"),
          (lambda x: tanh(x) / x, c("0.99999999999")), "1e-6", "tanh(x)/x = 1 - x^2/3 + ... = 1 - 3.3e-13 at 1e-6",
          domain=nonzero),
        T(E, "sinh-ratio", ("sinh(x)/x", ">", "1 for x != 0"), (lambda x: sinh(x) / x, c("1")),
          "sinh(x)/x = sum x^(2k)/(2k+1)! > 1 for x != 0", domain=nonzero, dps=100),
        F(E, "sinh-ratio-margin", ("sinh(x)/x", ">=", "1.0000000001 for x != 0"),
          (lambda x: sinh(x) / x, c("1.0000000001")), "1e-6", "1 + x^2/6 = 1 + 1.7e-13 at 1e-6", domain=nonzero),
        T(E, "root-ratio", ("(sqrt(x**2 + 1) - 1)/x**2", "<", "1/2 for x != 0"),
          (lambda x: (sqrt(x * x + 1) - 1) / (x * x), c("1/2")), "= 1/(sqrt(x^2 + 1) + 1) < 1/2 for x != 0",
          domain=nonzero, dps=100),
        F(E, "root-ratio-margin", ("(sqrt(x**2 + 1) - 1)/x**2", "<=", "0.4999999999 for x != 0"),
          (lambda x: (sqrt(x * x + 1) - 1) / (x * x), c("0.4999999999")), "1e-6",
          "1/(sqrt(1 + 1e-12) + 1) = 1/2 - 1.25e-13 at 1e-6", domain=nonzero),
        F(E, "root-ratio-everywhere", ("(sqrt(x**2 + 1) - 1)/x**2", "<", "1/2"),
          (lambda x: div(sqrt(x * x + 1) - 1, x * x), c("1/2")), "0", "0/0 at 0"),
        F(E, "cos-ratio-margin", ("(1 - cos(x))/x**2", "<=", "0.49999999999 for x != 0"),
          (lambda x: (1 - cos(x)) / (x * x), c("0.49999999999")), "1e-6", "1/2 - x^2/24 = 1/2 - 4e-14 at 1e-6",
          domain=nonzero),
        F(E, "bernoulli-near-zero", ("x/(exp(x) - 1)", "<=", "1 for x > -1e-30"),
          (lambda x: div(x, exp(x) - 1), c("1")), "0", "0/0 at 0, inside the domain (and 1 - x/2 > 1 left of 0)",
          domain=lambda x: x > num("-1e-30")),
        T(E, "bernoulli-coth", ("x/(exp(x) - 1) + x/2", ">", "1 for x != 0"),
          (lambda x: x / (exp(x) - 1) + x / 2, c("1")), "= (x/2) coth(x/2) > 1 for x != 0 (u coth u > 1)",
          domain=nonzero),
        T(E, "log-ratio-right", ("log(1 + x)/x", "<", "1 for x > 0"), (lambda x: log(1 + x) / x, c("1")),
          "log(1 + x) < x for x > 0", domain=pos),
        F(E, "piecewise-gap-zero", ("Piecewise((x, x > 0), (x, x < 0))**2", ">=", "0"),
          (lambda x: undefined("no branch at 0") if x == 0 else x * x, c("0")), "0", "no branch at 0"),
        T(E, "piecewise-relu", ("Piecewise((x, x > 0), (0, True))", "==", "relu(x)"), (M.relu, M.relu),
          "the same function"),
        F(E, "piecewise-tiny-gap", ("Piecewise((x, x > 1e-30), (0, x < 0))", ">=", "0"),
          (lambda x: x if x > num("1e-30") else (mpf(0) if x < 0 else undefined("gap [0, 1e-30]")), c("0")),
          "1e-31", "no branch on [0, 1e-30]"),
        F(E, "piecewise-cube-root-gap", ("Piecewise((1, x**3 < 5), (2, x**3 > 5))", ">=", "1"),
          (lambda x: undefined("gap") if vanishes(x ** 3 - 5) else (mpf(1) if x ** 3 < 5 else mpf(2)), c("1")),
          cube_root_5, f"no branch at 5^(1/3) = {q5[:20]}..."),
        # -- domains -------------------------------------------------------------------------------------------
        T(D, "exp-log-pos", ("exp(log(x))", "==", "x for x > 0"), (lambda x: exp(log(x)), lambda x: x),
          "log x defined for x > 0", domain=pos),
        F(D, "acos-cos", ("acos(cos(x))", "==", "x"), (lambda x: acos(cos(x)), lambda x: x), "-1",
          "acos(cos(-1)) = 1"),
        T(D, "acos-cos-inside", ("acos(cos(x))", "==", "x for 0 <= x <= 3"), (lambda x: acos(cos(x)), lambda x: x),
          "acos inverts cos on [0, pi], and 3 < pi", domain=lambda x: 0 <= x <= 3),
        F(D, "acos-cos-past-pi", ("acos(cos(x))", "==", "x for 0 <= x <= 3.2"),
          (lambda x: acos(cos(x)), lambda x: x), "3.2", "acos(cos 3.2) = 2 pi - 3.2 = 3.083",
          domain=lambda x: 0 <= x <= num("3.2")),
        F(D, "asin-sin-past-half-pi", ("asin(sin(x))", "==", "x for -1.6 <= x <= 1.6"),
          (lambda x: asin(sin(x)), lambda x: x), "1.6", "asin(sin 1.6) = pi - 1.6 = 1.5416",
          domain=lambda x: -num("1.6") <= x <= num("1.6")),
        T(D, "asin-sin-inside", ("asin(sin(x))", "==", "x for -1.57 <= x <= 1.57"),
          (lambda x: asin(sin(x)), lambda x: x), "asin inverts sin on [-pi/2, pi/2] and 1.57 < pi/2",
          domain=lambda x: -num("1.57") <= x <= num("1.57")),
        F(D, "asin-acos-everywhere", ("asin(x) + acos(x)", "==", "pi/2"),
          (lambda x: asin(x) + acos(x), lambda x: mp.pi / 2), "2", "undefined outside [-1, 1]"),
        T(D, "asin-acos-inside", ("asin(x) + acos(x)", "==", "pi/2 for -1 <= x <= 1"),
          (lambda x: asin(x) + acos(x), lambda x: mp.pi / 2), "acos = pi/2 - asin on [-1, 1]",
          domain=lambda x: -1 <= x <= 1),
        T(D, "acosh-log", ("acosh(x)", "==", "log(x + sqrt(x**2 - 1)) for x >= 1"),
          (acosh, lambda x: log(x + sqrt(x * x - 1))), "the standard formula on [1, oo)", domain=ge1),
        F(D, "sqrt-tiny-shift", ("sqrt(x - 1e-30)", ">=", "0 for x > 0"), (lambda x: sqrt(x - num("1e-30")), c("0")),
          "1e-31", "1e-31 - 1e-30 < 0", domain=pos),
        T(D, "sqrt-tiny-shift-inside", ("sqrt(x - 1e-30)", ">=", "0 for x >= 1e-30"),
          (lambda x: sqrt(x - num("1e-30")), c("0")), "defined on [1e-30, oo)",
          domain=lambda x: x >= num("1e-30"), points=("1e-30",)),
        F(D, "log-floor-690", ("log(x + 1e-300)", ">", "-690 for x >= 0"), (lambda x: log(x + num("1e-300")),
                                                                           c("-690")),
          "0", "log(1e-300) = -690.7755", domain=lambda x: x >= 0),
        T(D, "log-floor-691", ("log(x + 1e-300)", ">", "-691 for x >= 0"), (lambda x: log(x + num("1e-300")),
                                                                           c("-691")),
          "log is increasing: >= log(1e-300) = -690.7755 > -691", domain=lambda x: x >= 0, points=("0",)),
        F(D, "sqrt-sin", ("sqrt(sin(x))", "<=", "1"), (lambda x: sqrt(sin(x)), c("1")), "-1", "sin(-1) < 0"),
        T(D, "sqrt-sin-square", ("sqrt(sin(x)**2)", "==", "Abs(sin(x))"),
          (lambda x: sqrt(sin(x) ** 2), lambda x: abs(sin(x))), "sqrt(u^2) = |u|"),
        F(D, "cube-pole", ("1/(x**3 - 2)", ">", "-10"), (lambda x: div(1, x ** 3 - 2), c("-10")), "1.2599",
          "1.2599^3 = 1.9999..., so 1/(x^3 - 2) = -9.9e3 (a pole at 2^(1/3) = 1.259921...)"),
        F(D, "log-double-root", ("log(x**2 - 2*x + 1)", ">", "-100 for x > 1"),
          (lambda x: log(x * x - 2 * x + 1), c("-100")), "1.000000000000000000000000000001",
          "log((1e-30)^2) = -138.2", domain=lambda x: x > 1, dps=150),
        T(D, "log-double-root-right", ("log(x**2 - 2*x + 1)", "==", "2*log(x - 1) for x > 1"),
          (lambda x: log(x * x - 2 * x + 1), lambda x: 2 * log(x - 1)), "log(u^2) = 2 log u for u > 0",
          domain=lambda x: x > 1),
        F(D, "log-double-root-abs", ("log(x**2 - 2*x + 1)", "==", "2*log(Abs(x - 1))"),
          (lambda x: log(x * x - 2 * x + 1), lambda x: 2 * log(abs(x - 1))), "1", "both sides undefined at 1"),
        T(D, "cube-root-of-cube-right", ("(x**3)**(1/3)", "==", "x for x >= 0"),
          (lambda x: rpow(x ** 3, "1/3"), lambda x: x), "(x^3)^(1/3) = x for x >= 0", domain=lambda x: x >= 0),
        F(D, "three-halves", ("x**(3/2)", "==", "x*sqrt(x)"), (lambda x: rpow(x, "3/2"), lambda x: x * sqrt(x)),
          "-1", "both undefined at -1"),
        T(D, "three-halves-right", ("x**(3/2)", "==", "x*sqrt(x) for x >= 0"),
          (lambda x: rpow(x, "3/2"), lambda x: x * sqrt(x)), "x^(3/2) = x x^(1/2) for x >= 0",
          domain=lambda x: x >= 0),
        T(D, "square-half", ("(x**2)**(1/2)", "==", "Abs(x)"), (lambda x: rpow(x * x, "1/2"), abs),
          "x^2 >= 0, and its root is |x|"),
        F(D, "inv-sqrt", ("1/sqrt(x)", ">", "0"), (lambda x: div(1, sqrt(x)), c("0")), "0", "1/0 at 0"),
        T(D, "inv-sqrt-right", ("1/sqrt(x)", ">", "0 for x > 0"), (lambda x: 1 / sqrt(x), c("0")), "sqrt x > 0",
          domain=pos),
        F(D, "loglog-floor", ("log(log(x))", ">", "-1000 for x > 1"), (lambda x: log(log(x)), c("-1000")),
          "1." + "0" * 439 + "1", "log(log(1 + 1e-440)) = log(1e-440) = -1013", domain=lambda x: x > 1, dps=520),
        # -- kinks ---------------------------------------------------------------------------------------------
        F(K, "max-cube-fifth", ("diff(Max(x**3, x**5), x)", ">=", "0"),
          (d_max(lambda x: x ** 3, lambda x: 3 * x * x, lambda x: x ** 5, lambda x: 5 * x ** 4), c("0")), "1",
          "at 1: slopes 3 (left, x^3) and 5 (right, x^5); tangent at 0 (both slopes 0)"),
        F(K, "max-square-quartic", ("diff(Max(x**2, x**4), x)**2", ">=", "0"),
          (lambda x: d_max(lambda t: t * t, lambda t: 2 * t, lambda t: t ** 4, lambda t: 4 * t ** 3)(x) ** 2,
           c("0")), "-1", "at -1: slopes -4 (left, x^4) and -2 (right, x^2)"),
        T(K, "x-sqrt-abs-derivative", ("diff(x*sqrt(Abs(x)), x)", "==", "3*sqrt(Abs(x))/2"),
          (lambda x: 3 * sqrt(abs(x)) / 2, lambda x: 3 * sqrt(abs(x)) / 2),
          "x sqrt|x| = sign(x) |x|^(3/2): derivative (3/2) sqrt|x|, and 0 at 0 (h sqrt|h|/h -> 0)", points=("0",)),
        T(K, "x-relu-derivative", ("diff(x*relu(x), x)", "==", "2*relu(x)"),
          (lambda x: 2 * M.relu(x), lambda x: 2 * M.relu(x)), "x relu(x) = relu(x)^2", points=("0",)),
        T(K, "abs-minus-relus", ("diff(Abs(x) - relu(x) - relu(-x), x)", "==", "0"), (lambda x: mpf(0), c("0")),
          "|x| - relu(x) - relu(-x) = 0", points=("0",)),
        F(K, "elu-just-below-1", ("diff(elu(x, alpha=0.9999999999), x)", ">", "0"),
          (lambda x: M.d_elu(x, "0.9999999999"), c("0")), "0", "slopes 0.9999999999 and 1 at 0"),
        T(K, "elu-alpha-1", ("diff(elu(x, alpha=1), x)", ">", "0"), (lambda x: M.d_elu(x, "1"), c("0")),
          "elu with alpha = 1 is C1: e^x then 1", points=("0",)),
        T(K, "celu-alpha-3", ("diff(celu(x, alpha=3), x)", ">", "0"), (lambda x: M.d_celu(x, "3"), c("0")),
          "celu is C1 for every alpha: e^(x/3) then 1", points=("0",)),
        T(K, "min-x-sin", ("diff(Min(x, sin(x)), x)", "<=", "1"),
          (d_max(lambda x: x, lambda x: mpf(1), sin, cos, -1), c("1")),
          "sin x < x for x > 0: Min is x on (-oo, 0], sin x on [0, oo); at 0 both slopes are 1 (tangent)",
          points=("0",)),
        T(K, "max-x-sin", ("diff(Max(x, sin(x)), x)", "<=", "1"),
          (d_max(lambda x: x, lambda x: mpf(1), sin, cos), c("1")),
          "Max is sin x on (-oo, 0] and x on [0, oo), slopes 1 at 0; cos x <= 1", points=("0",)),
        F(K, "max-sin-half", ("diff(Max(sin(x), 1/2), x)**2", "<=", "1"),
          (lambda x: d_max(sin, cos, lambda t: mpf(1) / 2, lambda t: mpf(0))(x) ** 2, c("1")), lambda: mp.pi / 6,
          "at pi/6: slopes 0 (left, 1/2) and cos(pi/6) = sqrt(3)/2 (right, sin)"),
        F(K, "abs-root2-kink", ("diff(Abs(x**2 - 2), x)**2", ">=", "0"),
          (lambda x: d_abs_of(lambda t: t * t - 2, lambda t: 2 * t)(x) ** 2, c("0")), lambda: mp.sqrt(2),
          "slopes -2 sqrt 2 and 2 sqrt 2 at sqrt 2"),
        T(K, "abs-square-smooth", ("diff(Abs(x**2 - 2*x + 1), x)", "==", "2*x - 2"),
          (lambda x: 2 * x - 2, lambda x: 2 * x - 2), "|(x - 1)^2| = (x - 1)^2", points=("1",)),
        T(K, "abs-cube-shift", ("diff(Abs(x - 1)**3, x)", "==", "3*(x - 1)*Abs(x - 1)"),
          (lambda x: 3 * (x - 1) * abs(x - 1), lambda x: 3 * (x - 1) * abs(x - 1)), "|u|^3 has derivative 3u|u|",
          points=("1",)),
        F(K, "abs-expm1", ("diff(Abs(exp(x) - 1), x)", "==", "exp(x)*sign(x)"),
          (d_abs_of(lambda x: exp(x) - 1, exp), lambda x: exp(x) * sign(x)), "0", "slopes -1 and 1 at 0"),
        T(K, "sinh-abs-sinh", ("diff(sinh(x)*Abs(sinh(x)), x)", "==", "2*cosh(x)*Abs(sinh(x))"),
          (lambda x: 2 * cosh(x) * abs(sinh(x)), lambda x: 2 * cosh(x) * abs(sinh(x))),
          "s|s| has derivative 2|s| s'", points=("0",)),
        F(K, "abs-sin-cos", ("diff(Abs(sin(x))*cos(x), x)**2", "<=", "1"),
          (lambda x: undefined("corner at k pi") if vanishes(sin(x)) else (sign(sin(x)) * cos(2 * x)) ** 2, c("1")),
          "0", "(|sin x| cos x)' = sign(sin x)(cos^2 x - sin^2 x) off k pi; at 0 the slopes are -1 and 1"),
        T(K, "heaviside-square", ("diff(Heaviside(x)*x**2, x)", "==", "2*relu(x)"),
          (lambda x: 2 * M.relu(x), lambda x: 2 * M.relu(x)),
          "H(x) x^2 = relu(x)^2 (whatever H(0) is: x^2 = 0 there): derivative 2 relu(x), 0 at 0", points=("0",)),
        F(K, "heaviside-linear", ("diff(Heaviside(x)*x, x)", "==", "Heaviside(x)"),
          (M.d_relu, lambda x: M.heaviside(x)), "0", "H(x) x = relu(x): slopes 0 and 1 at 0"),
        T(K, "sign-cube", ("diff(sign(x)*x**3, x)", "==", "3*x*Abs(x)"),
          (lambda x: 3 * x * abs(x), lambda x: 3 * x * abs(x)), "sign(x) x^3 = |x|^3", points=("0",)),
        # -- near identities -----------------------------------------------------------------------------------
        T(N, "tanh-half", ("tanh(x/2)", "==", "2*sigmoid(x) - 1"), (lambda x: tanh(x / 2),
                                                                    lambda x: 2 * M.sigmoid(x) - 1),
          "(1 - e^-x)/(1 + e^-x)"),
        F(N, "tanh-half-digit", ("tanh(x/2)", "==", "2.0000000000000000001*sigmoid(x) - 1"),
          (lambda x: tanh(x / 2), lambda x: num("2.0000000000000000001") * M.sigmoid(x) - 1), "0",
          "at 0: 0 against 1e-19/2"),
        F(N, "tanh-scale-digit", ("tanh(x)", "==", "2*sigmoid(2.000000000000001*x) - 1"),
          (tanh, lambda x: 2 * M.sigmoid(num("2.000000000000001") * x) - 1), "1", "the slope moved by 1e-15"),
        F(N, "softplus-odd-part-digit", ("softplus(x) - softplus(-x)", "==", "0.99999999999999999999*x"),
          (lambda x: M.softplus(x) - M.softplus(-x), lambda x: num("0.99999999999999999999") * x), "1",
          "1e-20 apart at 1"),
        F(N, "sigmoid-sym-1e-40", ("sigmoid(x) + sigmoid(-x)", "==", "1 - 1e-40"),
          (lambda x: M.sigmoid(x) + M.sigmoid(-x), lambda x: 1 - num("1e-40")), "0", "1 everywhere"),
        F(N, "gelu-odd-part-cubic", ("gelu(x) - gelu(-x)", "==", "x + 1e-30*x**3"),
          (lambda x: M.gelu(x) - M.gelu(-x), lambda x: x + num("1e-30") * x ** 3), "1", "1e-30 apart at 1"),
        T(N, "exp-softplus", ("exp(softplus(x))", "==", "1 + exp(x)"), (lambda x: exp(M.softplus(x)),
                                                                        lambda x: 1 + exp(x)),
          "exp(log(1 + e^x))", xmax=1e4),
        F(N, "exp-softplus-digit", ("exp(softplus(x))", "==", "1.0000000000000000000000000001 + exp(x)"),
          (lambda x: exp(M.softplus(x)), lambda x: num("1.0000000000000000000000000001") + exp(x)), "0",
          "1e-28 apart"),
        T(N, "sigmoid-derivative", ("sigmoid(x)*(1 - sigmoid(x))", "==", "diff(sigmoid(x), x)"),
          (lambda x: M.sigmoid(x) * (1 - M.sigmoid(x)), M.d_sigmoid), "the logistic equation"),
        T(N, "sech-sigmoids", ("1 - tanh(x)**2", "==", "4*sigmoid(2*x)*sigmoid(-2*x)"),
          (lambda x: 1 - tanh(x) ** 2, lambda x: 4 * M.sigmoid(2 * x) * M.sigmoid(-2 * x)),
          "s(2x) s(-2x) = e^(2x)/(1 + e^(2x))^2 = 1/(4 cosh^2 x)", dps=100, xmax=40),
        F(N, "sech-sigmoids-digit", ("1 - tanh(x)**2", "==", "4*sigmoid(2*x)*sigmoid(-2.0000000000001*x)"),
          (lambda x: 1 - tanh(x) ** 2, lambda x: 4 * M.sigmoid(2 * x) * M.sigmoid(-num("2.0000000000001") * x)),
          "1", "the second slope moved by 1e-13"),
        F(N, "logsigmoid-softplus-1e-300", ("logsigmoid(x)", "==", "-softplus(-x) + 1e-300"),
          (M.logsigmoid, lambda x: -M.softplus(-x) + num("1e-300")), "0", "1e-300 apart", dps=400),
        F(N, "atan-complement-everywhere", ("atan(x) + atan(1/x)", "==", "pi/2"),
          (lambda x: mp.atan(x) + mp.atan(div(1, x)), lambda x: mp.pi / 2), "0", "1/0 at 0"),
        T(N, "sinh-cosh-exp", ("sinh(x) + cosh(x)", "==", "exp(x)"), (lambda x: sinh(x) + cosh(x), exp),
          "(e^x - e^-x)/2 + (e^x + e^-x)/2", xmax=100),
        F(N, "cosh-sinh-digit", ("cosh(x)**2 - sinh(x)**2", "==", "1.0000000000000000000000000000001"),
          (lambda x: cosh(x) ** 2 - sinh(x) ** 2, c("1.0000000000000000000000000000001")), "0", "1 everywhere"),
        T(N, "erfc-reflect", ("erfc(-x)", "==", "2 - erfc(x)"), (lambda x: erfc(-x), lambda x: 2 - erfc(x)),
          "erfc(-x) = 1 + erf x", xmax=30),
        # -- tiny values near 0 --------------------------------------------------------------------------------
        F(Y, "linear-dip-margin", ("x**2 + 1e-30*x", ">=", "-2.4999999999e-61"),
          (lambda x: x * x + num("1e-30") * x, c("-2.4999999999e-61")), "-5e-31", "-2.5e-61 at -5e-31"),
        F(Y, "tanh-below-x", ("tanh(x) - x", "<=", "0"), (lambda x: tanh(x) - x, c("0")), "-1e-20",
          "tanh x - x = -x^3/3 + ... > 0 for x < 0 (3.3e-61 at -1e-20)"),
        T(Y, "tanh-below-x-right", ("tanh(x) - x", "<=", "0 for x >= 0"), (lambda x: tanh(x) - x, c("0")),
          "tanh' <= 1, tanh 0 = 0", domain=lambda x: x >= 0),
        F(Y, "sine-taylor5", ("sin(x) - x + x**3/6", "<=", "0 for x >= 0"),
          (lambda x: sin(x) - x + x ** 3 / 6, c("0")), "1e-10", "= x^5/120 - ... = 8.3e-53 > 0 at 1e-10",
          domain=lambda x: x >= 0),
        T(Y, "tiny-sine-wobble", ("x**2 - 1e-20*x*sin(x)", ">=", "0"), (lambda x: x * x - num("1e-20") * x * sin(x),
                                                                       c("0")),
          "|x sin x| <= x^2, so x^2 - 1e-20 x sin x >= (1 - 1e-20) x^2"),
        T(Y, "sigmoid-taylor3", ("sigmoid(x) - 1/2", ">=", "x/4 - x**3/48 for x >= 0"),
          (lambda x: M.sigmoid(x) - num("1/2"), lambda x: x / 4 - x ** 3 / 48),
          "sigmoid(x) - 1/2 = tanh(x/2)/2 and tanh u >= u - u^3/3 for u >= 0", domain=lambda x: x >= 0),
        F(Y, "sigmoid-taylor5-off", ("sigmoid(x) - 1/2", ">=", "x/4 - x**3/48 + x**5/479 for x >= 0"),
          (lambda x: M.sigmoid(x) - num("1/2"), lambda x: x / 4 - x ** 3 / 48 + x ** 5 / 479), "0.001",
          "the x^5 coefficient is 1/480 < 1/479: -4.3e-21 at 0.001", domain=lambda x: x >= 0),
        T(Y, "square-of-dip", ("x**4 - 1e-30*x**2 + 2.5e-61", ">=", "0"),
          (lambda x: x ** 4 - num("1e-30") * x * x + num("2.5e-61"), c("0")),
          "(x^2 - 5e-31)^2 >= 0, zero at the irrational +-sqrt(5e-31)", points=(lambda: mp.sqrt(num("5e-31")),)),
        F(Y, "square-of-dip-short", ("x**4 - 1e-30*x**2 + 2.4999999999999e-61", ">=", "0"),
          (lambda x: x ** 4 - num("1e-30") * x * x + num("2.4999999999999e-61"), c("0")),
          lambda: mp.sqrt(num("5e-31")), "(x^2 - 5e-31)^2 - 1e-74 is -1e-74 at sqrt(5e-31)"),
        T(Y, "flat-exp-positive", ("exp(-1/x**2)", ">", "0 for x != 0"), (lambda x: exp(-1 / (x * x)), c("0")),
          "exp > 0", domain=nonzero, dps=100),
        F(Y, "flat-exp-floor", ("exp(-1/x**2)", ">", "1e-300 for x != 0"), (lambda x: exp(-1 / (x * x)), c("1e-300")),
          "0.03", "exp(-1111) ~ 1e-483 at 0.03", domain=nonzero, dps=400),
        # -- compositions --------------------------------------------------------------------------------------
        F(C, "sigmoid-tanh-below", ("sigmoid(tanh(x))", "<=", s1_below), (lambda x: M.sigmoid(tanh(x)), c(s1_below)),
          "25", "1 - tanh 25 = 3.9e-22: sigmoid(tanh 25) is within 1e-22 of sigmoid(1), above the constant"),
        T(C, "tanh-sigmoid-pos", ("tanh(sigmoid(x))", ">", "0"), (lambda x: tanh(M.sigmoid(x)), c("0")),
          "sigmoid > 0, tanh(u) > 0 for u > 0"),
        F(C, "tanh-sigmoid-1e-300", ("tanh(sigmoid(x))", ">", "1e-300"), (lambda x: tanh(M.sigmoid(x)),
                                                                          c("1e-300")),
          "-800", "sigmoid(-800) ~ e^-800 = 3.6e-348", dps=400),
        T(C, "relu-tanh-commute", ("relu(tanh(x))", "==", "tanh(relu(x))"),
          (lambda x: M.relu(tanh(x)), lambda x: tanh(M.relu(x))), "both 0 for x <= 0 and tanh x after"),
        T(C, "relu-sin-parts", ("relu(sin(x)) + relu(-sin(x))", "==", "Abs(sin(x))"),
          (lambda x: M.relu(sin(x)) + M.relu(-sin(x)), lambda x: abs(sin(x))), "relu(u) + relu(-u) = |u|"),
        F(C, "relu-sin-odd-part", ("relu(sin(x)) - relu(-sin(x))", "==", "sin(x) + 1e-50"),
          (lambda x: M.relu(sin(x)) - M.relu(-sin(x)), lambda x: sin(x) + num("1e-50")), "0",
          "relu(u) - relu(-u) = u: 1e-50 apart"),
        T(C, "softplus-relu-floor", ("softplus(relu(x))", ">=", "log(2)"),
          (lambda x: M.softplus(M.relu(x)), lambda x: mp.log(2)), "relu >= 0 and softplus increasing",
          points=("-1",)),
        F(C, "softplus-relu-floor-digits", ("softplus(relu(x))", ">=", "0.6931471805599453094172321214581766"),
          (lambda x: M.softplus(M.relu(x)), c("0.6931471805599453094172321214581766")), "-1",
          "softplus(0) = log 2 = 0.69314718055994530941723212145817656807..., 4.3e-35 below the constant"),
        T(C, "gelu-relu-commute", ("gelu(relu(x))", "==", "relu(gelu(x))"),
          (lambda x: M.gelu(M.relu(x)), lambda x: M.relu(M.gelu(x))),
          "both 0 for x <= 0 (gelu < 0 there) and gelu(x) after", xmax=1e4),
        F(C, "silu-relu-digit", ("silu(relu(x))", "==", "relu(silu(x)) + 1e-40*relu(x)"),
          (lambda x: M.silu(M.relu(x)), lambda x: M.relu(M.silu(x)) + num("1e-40") * M.relu(x)), "1",
          "silu(relu x) = relu(silu x); the extra term is 1e-40 at 1"),
        F(C, "tanh-tanh-below", ("tanh(tanh(x))", "<=", t1_below), (lambda x: tanh(tanh(x)), c(t1_below)), "40",
          "1 - tanh 40 = 3.6e-35: tanh(tanh 40) is within 1e-34 of tanh 1, above the constant", dps=100),
        T(C, "sigmoid-softplus", ("sigmoid(softplus(x))", ">", "1/2"), (lambda x: M.sigmoid(M.softplus(x)), c("1/2")),
          "softplus > 0", dps=400, xmax=800),
        F(C, "sigmoid-softplus-1e-300", ("sigmoid(softplus(x))", ">", "0.5 + 1e-300"),
          (lambda x: M.sigmoid(M.softplus(x)), lambda x: num("0.5") + num("1e-300")), "-800",
          "softplus(-800) ~ e^-800: sigmoid of it is 1/2 + 9e-349", dps=500),
        T(C, "mish-above-silu", ("mish(x)", ">=", "silu(x) for x >= 0"), (M.mish, M.silu),
          "with t = e^x: tanh(softplus x) - sigmoid x = t^2/((t^2 + 2t + 2)(1 + t)) > 0", domain=lambda x: x >= 0),
        T(C, "mish-below-silu-left", ("mish(x)", "<=", "silu(x) for x <= 0"), (M.mish, M.silu),
          "the same difference times x <= 0", domain=lambda x: x <= 0, dps=100, xmax=300),
        # -- parameters at the edges ---------------------------------------------------------------------------
        T(A, "forall-elu-floor", ("forall 0 < alpha <= 1: elu(x, alpha=alpha)", ">=", "-1"),
          (lambda x: min(M.elu(x, a) for a in alphas), c("-1")), "elu > -alpha >= -1"),
        F(A, "forall-elu-floor-edge", ("forall 0 < alpha <= 1.0000000001: elu(x, alpha=alpha)", ">=", "-1"),
          (lambda x: M.elu(x, "1.0000000001"), c("-1")), "-100",
          "alpha = 1.0000000001: elu(-100) = -1.0000000001 (1 - e^-100) < -1"),
        T(A, "forall-softplus-beta", ("forall 1 <= beta <= 1000: softplus(x, beta=beta)", "<=", "softplus(x)"),
          (lambda x: max(M.softplus(x, b) for b in betas), M.softplus),
          "log(1 + e^(bx))/b decreases in b (a log-sum-exp of 0 and x at temperature 1/b)"),
        F(A, "forall-softplus-beta-edge", ("forall 0.9999999999 <= beta <= 2: softplus(x, beta=beta)", "<=",
                                           "softplus(x)"),
          (lambda x: M.softplus(x, "0.9999999999"), M.softplus), "0",
          "beta = 0.9999999999: log(2)/beta > log 2"),
        T(A, "forall-leaky-below-relu", ("forall 0 <= alpha <= 1: leaky_relu(x, alpha=alpha)", "<=", "relu(x)"),
          (lambda x: max(M.leaky_relu(x, a) for a in ("0", "0.5", "1")), M.relu), "alpha x <= 0 for x < 0"),
        F(A, "forall-leaky-below-relu-edge", ("forall -1e-30 <= alpha <= 1: leaky_relu(x, alpha=alpha)", "<=",
                                              "relu(x)"),
          (lambda x: M.leaky_relu(x, "-1e-30"), M.relu), "-1", "alpha = -1e-30: 1e-30 > 0 at -1"),
        T(A, "forall-celu-slope-le-1", ("forall 0 < alpha < 2: diff(celu(x, alpha=alpha), x)", "<=", "1"),
          (lambda x: max(M.d_celu(x, a) for a in alphas), c("1")), "celu' = e^(x/alpha) <= 1 left of 0, 1 after",
          points=("0",)),
        F(A, "forall-elu-slope-le-1", ("forall 0 < alpha < 2: diff(elu(x, alpha=alpha), x)", "<=", "1"),
          (lambda x: M.d_elu(x, "1.5"), c("1")), "-0.01", "alpha = 1.5: 1.5 e^-0.01 = 1.485 > 1"),
    ] + _traps(T, F)


def _traps(T, F) -> list:
    """The second batch: tails of (1 + 1/x)^x, steps whose derivative is taken where they jump, terms the parser
    must not fold (0 log x), tan's poles inside a stated domain, constants with many digits, silu's beta."""
    P, R, E, D, K, A, Y, N = ("periodic", "tail", "removable", "domain", "kink", "parameter", "tiny",
                              "near_identity")
    eps_up, eps_down = "1.000000000000000000000000000001", "0.999999999999999999999999999999"
    ramanujan = lambda x: exp(mp.pi * mp.sqrt(163))  # noqa: E731
    tan = lambda x: undefined("tan at a pole") if vanishes(cos(x)) else mp.tan(x)  # noqa: E731
    with mp.workdps(120):
        w = mpmath.lambertw(1 / mp.e).real
        silu_min_099 = dec((-1 - w) / num("0.99"), 40)
        log_pi_left = dec(mp.log(mp.pi) - mpf(10) ** -7, 20)
    return [
        T(R, "compound-below-e", ("(1 + 1/x)**x", "<", "exp(1) for x > 0"),
          (lambda x: exp(x * log(1 + 1 / x)), lambda x: mp.e), "x log(1 + 1/x) < x (1/x) = 1", domain=pos),
        F(R, "compound-double-e", ("(1 + 1/x)**x", "<=", "2.718281828459045 for x > 0"),
          (lambda x: exp(x * log(1 + 1 / x)), c("2.718281828459045")), "1e17",
          "(1 + 1e-17)^(1e17) = e (1 - 5e-18), above e - 2.35e-16 (the constant)", domain=pos),
        T(R, "compound-half-above-e", ("(1 + 1/x)**(x + 1/2)", ">", "exp(1) for x > 0"),
          (lambda x: exp((x + mpf(1) / 2) * log(1 + 1 / x)), lambda x: mp.e),
          "with t = 1/(2x + 1): (x + 1/2) log(1 + 1/x) = log((1 + t)/(1 - t))/(2t) = 1 + t^2/3 + ... > 1",
          domain=pos, dps=100),
        F(R, "compound-almost-half", ("(1 + 1/x)**(x + 0.4999999)", ">", "exp(1) for x > 0"),
          (lambda x: exp((x + num("0.4999999")) * log(1 + 1 / x)), lambda x: mp.e), "1e8",
          "(x + a) log(1 + 1/x) = 1 + (a - 1/2)/x + ...: 1 - 1e-15 at 1e8", domain=pos),
        T(R, "expm1-scaled", ("x*(exp(1/x) - 1)", ">", "1 for x > 0"), (lambda x: x * (exp(1 / x) - 1), c("1")),
          "e^t - 1 > t for t = 1/x > 0", domain=pos, dps=100),
        F(R, "expm1-scaled-margin", ("x*(exp(1/x) - 1)", ">=", "1 + 1e-30 for x > 0"),
          (lambda x: x * (exp(1 / x) - 1), lambda x: 1 + num("1e-30")), "1e31", "1 + 1/(2x) = 1 + 5e-32 at 1e31",
          domain=pos, dps=120),
        T(R, "sin-scaled", ("x*sin(1/x)", "<", "1 for x > 0"), (lambda x: x * sin(1 / x), c("1")),
          "sin t < t for t = 1/x > 0", domain=pos, dps=100),
        F(R, "sin-scaled-margin", ("x*sin(1/x)", "<=", "1 - 1e-30 for x > 1"),
          (lambda x: x * sin(1 / x), lambda x: 1 - num("1e-30")), "1e16", "1 - 1/(6x^2) = 1 - 1.7e-33 at 1e16",
          domain=lambda x: x > 1, dps=120),
        T(R, "x100-exp-far", ("x**100*exp(-x)", "<", "1e-100 for x > 1000"),
          (lambda x: x ** 100 * exp(-x), c("1e-100")), "decreasing for x > 100; 10^300 e^-1000 = 5e-135 at 1000",
          domain=lambda x: x > 1000, points=("1000.000001",)),
        F(R, "x100-exp-near", ("x**100*exp(-x)", "<", "1e-100 for x > 500"),
          (lambda x: x ** 100 * exp(-x), c("1e-100")), "501", "501^100 e^-501 = 2e52", domain=lambda x: x > 500),
        # -- steps and their derivatives -----------------------------------------------------------------------
        F(K, "sign-of-square", ("diff(sign(x**2), x)", "==", "0"),
          (lambda x: M.jump(x, "0") if x == 0 else mpf(0), c("0")), "0", "sign(x^2) is 0 at 0 and 1 elsewhere"),
        T(K, "sign-of-positive", ("diff(sign(x**2 + 1), x)", "==", "0"), (lambda x: mpf(0), c("0")),
          "sign(x^2 + 1) = 1"),
        F(K, "heaviside-both", ("diff(Heaviside(x)*Heaviside(-x), x)", "==", "0"),
          (lambda x: M.jump(x, "0") if x == 0 else mpf(0), c("0")), "0",
          "H(x) H(-x) is 1/4 at 0 and 0 elsewhere: no derivative at 0"),
        T(K, "relu-heaviside-zero", ("diff(relu(x)*Heaviside(-x), x)", "==", "0"), (lambda x: mpf(0), c("0")),
          "relu(x) H(-x) = 0 for every x (relu(0) = 0)", points=("0",)),
        T(K, "relu-of-cube", ("diff(relu(x**3), x)", "==", "3*x**2*Heaviside(x)"),
          (lambda x: 3 * x * x * M.heaviside(x), lambda x: 3 * x * x * M.heaviside(x)),
          "relu(x^3) = 0 left of 0 and x^3 after: derivative 3x^2 H(x), 0 at 0", points=("0",)),
        F(K, "abs-times-cos", ("diff(Abs(x)*cos(x), x)", "==", "sign(x)*cos(x) - Abs(x)*sin(x)"),
          (lambda x: M.kink(x, "0", lambda t: -cos(t) + t * sin(t), lambda t: cos(t) - t * sin(t)),
           lambda x: sign(x) * cos(x) - abs(x) * sin(x)), "0", "|x| cos x has slopes -1 and 1 at 0"),
        F(K, "tiny-kink", ("diff(Abs(x)*(x - 1e-30), x)", "==", "2*Abs(x) - 1e-30*sign(x)"),
          (lambda x: M.kink(x, "0", lambda t: -2 * t + num("1e-30"), lambda t: 2 * t - num("1e-30")),
           lambda x: 2 * abs(x) - num("1e-30") * sign(x)), "0",
          "|x|(x - 1e-30): slopes 1e-30 (left) and -1e-30 (right) at 0"),
        F(K, "power-below-1", (f"diff(Abs(x)**{eps_down}, x)**2", ">=", "0"),
          (lambda x: undefined("|h|^(-eps) is unbounded") if x == 0 else
           (num(eps_down) * rpow(abs(x), f"{eps_down}") / x) ** 2, c("0")), "0",
          "|h|^(1 - 1e-30)/h = sign(h) |h|^(-1e-30) is unbounded as h -> 0: no derivative at 0"),
        T(K, "power-above-1", (f"diff(Abs(x)**{eps_up}, x)**2", "<=", "1.01 for -1 <= x <= 1"),
          (lambda x: mpf(0) if x == 0 else (num(eps_up) * mp.power(abs(x), num(eps_up) - 1)) ** 2, c("1.01")),
          "|x|^(1 + e) (e = 1e-30) has derivative (1 + e) sign(x) |x|^e, 0 at 0 (|h|^e -> 0, however slowly); "
          "its square is at most (1 + e)^2 on [-1, 1]", domain=lambda x: -1 <= x <= 1, points=("0", "1", "-1")),
        F(K, "power-above-1-tight", (f"diff(Abs(x)**{eps_up}, x)**2", "<=", "1 for -1 <= x <= 1"),
          (lambda x: mpf(0) if x == 0 else (num(eps_up) * mp.power(abs(x), num(eps_up) - 1)) ** 2, c("1")), "1",
          "(1 + 1e-30)^2 > 1 at x = 1", domain=lambda x: -1 <= x <= 1),
        # -- terms that must not be folded, domains inside the stated set --------------------------------------
        F(D, "zero-times-log", ("0*log(x)", "==", "0"), (lambda x: 0 * log(x), c("0")), "0", "log 0 is undefined"),
        F(D, "difference-times-log", ("(x - x)*log(x)", "==", "0"), (lambda x: (x - x) * log(x), c("0")), "-1",
          "log(-1) is undefined"),
        F(D, "root-times-root", ("sqrt(x)*sqrt(-x)", "==", "0"), (lambda x: sqrt(x) * sqrt(-x), c("0")), "1",
          "sqrt(-1) is undefined"),
        F(D, "root-times-root-tiny", ("sqrt(x)*sqrt(-x)", "==", "0 for -1e-300 < x < 1e-300"),
          (lambda x: sqrt(x) * sqrt(-x), c("0")), "-1e-301", "sqrt(-1e-301) is undefined",
          domain=lambda x: -num("1e-300") < x < num("1e-300")),
        F(D, "tan-over-tan-pole", ("tan(x)/tan(x)", "==", "1 for 0 < x < 1.6"),
          (lambda x: safe_div(tan(x), tan(x)), c("1")), lambda: mp.pi / 2, "tan has a pole at pi/2 < 1.6",
          domain=lambda x: 0 < x < num("1.6")),
        T(D, "tan-over-tan", ("tan(x)/tan(x)", "==", "1 for 0 < x < 1.5"), (lambda x: tan(x) / tan(x), c("1")),
          "tan x > 0 on (0, 1.5), 1.5 < pi/2", domain=lambda x: 0 < x < num("1.5")),
        F(D, "atan-tan-pole", ("atan(tan(x))", "==", "x for -1.6 < x < 1.6"), (lambda x: mp.atan(tan(x)),
                                                                              lambda x: x),
          lambda: mp.pi / 2, "tan is undefined at pi/2", domain=lambda x: -num("1.6") < x < num("1.6")),
        T(D, "atan-tan", ("atan(tan(x))", "==", "x for -1.5 < x < 1.5"), (lambda x: mp.atan(tan(x)), lambda x: x),
          "atan inverts tan on (-pi/2, pi/2)", domain=lambda x: -num("1.5") < x < num("1.5")),
        F(E, "abs-over-x", ("Abs(x)/x", "==", "sign(x)"), (lambda x: div(abs(x), x), sign), "0", "0/0 at 0"),
        T(E, "abs-over-x-punctured", ("Abs(x)/x", "==", "sign(x) for x != 0"), (lambda x: abs(x) / x, sign),
          "|x|/x = sign x for x != 0", domain=nonzero),
        F(E, "sinc-margin-1e-40", ("sin(x)/x", "<=", "1 - 1e-40 for x != 0"),
          (lambda x: sin(x) / x, lambda x: 1 - num("1e-40")), "1e-21", "1 - x^2/6 = 1 - 1.7e-43 at 1e-21",
          domain=nonzero, dps=100),
        T(P, "x-sin-before-pi", ("x*sin(x)", ">", "0 for 0 < x < 3.1415926"), (lambda x: x * sin(x), c("0")),
          "3.1415926 < pi", domain=lambda x: 0 < x < num("3.1415926")),
        F(P, "x-sin-past-pi", ("x*sin(x)", ">", "0 for 0 < x < 3.1416"), (lambda x: x * sin(x), c("0")),
          "3.14159266", "pi < 3.14159266 < 3.1416: sin is -6.4e-9 there", domain=lambda x: 0 < x < num("3.1416")),
        F(D, "root-monotone-outside", ("sqrt(x)", "<=", "sqrt(x + 1) for x > -1"), (sqrt, lambda x: sqrt(x + 1)),
          "-0.5", "sqrt(-0.5) is undefined", domain=lambda x: x > -1),
        T(D, "root-monotone", ("sqrt(x)", "<", "sqrt(x + 1) for x >= 0"), (sqrt, lambda x: sqrt(x + 1)),
          "sqrt is increasing", domain=lambda x: x >= 0),
        F(D, "log-monotone-outside", ("log(x)", "<", "log(x + 1e-300) for x > -1e-300"),
          (log, lambda x: log(x + num("1e-300"))), "0", "log 0 is undefined",
          domain=lambda x: x > -num("1e-300")),
        T(D, "log-monotone", ("log(x)", "<", "log(x + 1e-300) for x > 0"), (log, lambda x: log(x + num("1e-300"))),
          "log is increasing", domain=pos),
        # -- zeros at irrational points that touch without crossing (no sign change for sampling to find) -------
        F(D, "touch-cos", ("1/(cos(x) + 1)", ">=", "1/2"), (lambda x: safe_div(1, cos(x) + 1), c("1/2")),
          lambda: mp.pi, "cos(pi) + 1 = 0; elsewhere 1/(cos x + 1) >= 1/2"),
        T(D, "touch-cos-inside", ("1/(cos(x) + 1)", ">=", "1/2 for -3 < x < 3"),
          (lambda x: 1 / (cos(x) + 1), c("1/2")), "cos x + 1 in (0, 2] on (-pi, pi)",
          domain=lambda x: -3 < x < 3),
        F(D, "touch-sin", ("1/(1 - sin(x))", ">=", "1/2"), (lambda x: safe_div(1, 1 - sin(x)), c("1/2")),
          lambda: mp.pi / 2, "1 - sin(pi/2) = 0"),
        F(D, "touch-root2", ("1/(x**2 - 2*sqrt(2)*x + 2)", ">", "0"),
          (lambda x: safe_div(1, x * x - 2 * mp.sqrt(2) * x + 2), c("0")), lambda: mp.sqrt(2),
          "(x - sqrt 2)^2 vanishes at sqrt 2"),
        F(D, "touch-root2-log", ("log(x**2 - 2*sqrt(2)*x + 2)", "<", "100"),
          (lambda x: undefined("log 0") if vanishes(x * x - 2 * mp.sqrt(2) * x + 2)
           else log(x * x - 2 * mp.sqrt(2) * x + 2), c("100")), lambda: mp.sqrt(2), "log 0 at sqrt 2"),
        F(D, "touch-cos-exp", ("exp(1/(cos(x) + 1))", ">", "1"), (lambda x: exp(safe_div(1, cos(x) + 1)), c("1")),
          lambda: mp.pi, "undefined at pi"),
        F(D, "touch-cos-atan", ("atan(1/(1 + cos(x)))", ">", "0"),
          (lambda x: mp.atan(safe_div(1, 1 + cos(x))), c("0")), lambda: mp.pi,
          "undefined at pi (the limit pi/2 there is no value)"),
        F(E, "touch-cos-piecewise", ("Piecewise((1, cos(x) > -1), (2, cos(x) < -1))", ">=", "1"),
          (lambda x: undefined("no branch") if vanishes(cos(x) + 1) else mpf(1), c("1")), lambda: mp.pi,
          "cos(pi) = -1: no branch there"),
        F(E, "touch-sin-ratio", ("(sin(x) - 1)/(sin(x) - 1)", "==", "1"),
          (lambda x: safe_div(sin(x) - 1, sin(x) - 1), c("1")), lambda: mp.pi / 2, "0/0 at pi/2"),
        T(D, "quartic-sextic-root", ("sqrt(x**4 - x**6)", "<=", "0.385 for -1 <= x <= 1"),
          (lambda x: sqrt(x ** 4 - x ** 6), c("0.385")), "u sqrt(1 - u) (u = x^2) is largest at u = 2/3: "
          "2/(3 sqrt 3) = 0.38490", domain=lambda x: -1 <= x <= 1, points=(lambda: mp.sqrt(mpf(2) / 3),)),
        F(D, "quartic-sextic-root-below", ("sqrt(x**4 - x**6)", "<=", "0.3849 for -1 <= x <= 1"),
          (lambda x: sqrt(x ** 4 - x ** 6), c("0.3849")), lambda: mp.sqrt(mpf(2) / 3),
          "2/(3 sqrt 3) = 0.384900179... at sqrt(2/3)", domain=lambda x: -1 <= x <= 1),
        F(D, "quartic-sextic-root-everywhere", ("sqrt(x**4 - x**6)", ">=", "0"),
          (lambda x: sqrt(x ** 4 - x ** 6), c("0")), "2", "16 - 64 < 0"),
        F(K, "quartic-sextic-root-slope", ("diff(sqrt(x**4 - x**6), x)**2", ">=", "0 for -1 <= x <= 1"),
          (lambda x: undefined("vertical tangent at the end of the domain") if abs(x) == 1
           else ((2 * x - 3 * x ** 3) / sqrt(1 - x * x)) ** 2, c("0")), "1",
          "x^2 sqrt(1 - x^2) has slope -> -oo at 1 and no value right of it", domain=lambda x: -1 <= x <= 1),
        T(K, "quartic-sextic-root-slope-inside", ("diff(sqrt(x**4 - x**6), x)**2", ">=", "0 for -0.5 <= x <= 0.5"),
          (lambda x: ((2 * x - 3 * x ** 3) / sqrt(1 - x * x)) ** 2, c("0")),
          "x^2 sqrt(1 - x^2) is smooth on (-1, 1), also at 0 (root_factor: |x|^2 sqrt(1 - x^2))",
          domain=lambda x: -num("0.5") <= x <= num("0.5"), points=("0",)),
        F(D, "exp-pole-pi", ("1/(exp(x) - pi)", ">", "-1e6"), (lambda x: safe_div(1, exp(x) - mp.pi), c("-1e6")),
          log_pi_left, "e^x - pi = -3.1e-7 at log(pi) - 1e-7: the quotient is -3.2e6"),
        T(D, "root-one-plus-cos", ("sqrt(1 + cos(x))", ">=", "0"),
          (lambda x: mpf(0) if vanishes(1 + cos(x)) else sqrt(1 + cos(x)), c("0")), "1 + cos x >= 0"),
        F(D, "root-one-plus-cos-strict", ("sqrt(1 + cos(x))", ">", "0"),
          (lambda x: mpf(0) if vanishes(1 + cos(x)) else sqrt(1 + cos(x)), c("0")), lambda: mp.pi,
          "sqrt(1 + cos pi) = 0", exact=True),
        F(D, "log-one-plus-cos", ("log(1 + cos(x))", "<=", "log(2)"),
          (lambda x: undefined("log 0") if vanishes(1 + cos(x)) else log(1 + cos(x)), lambda x: mp.log(2)),
          lambda: mp.pi, "log 0 at pi"),
        # -- constants -----------------------------------------------------------------------------------------
        T(N, "ramanujan-below", ("exp(pi*sqrt(163))", "<", "262537412640768744"), (ramanujan, c("262537412640768744")),
          "e^(pi sqrt 163) = 640320^3 + 744 - 7.5e-13"),
        F(N, "ramanujan-above", ("exp(pi*sqrt(163))", ">", "262537412640768743.9999999999993"),
          (ramanujan, c("262537412640768743.9999999999993")), "0",
          "e^(pi sqrt 163) = 262537412640768743.99999999999925007..."),
        T(N, "ramanujan-above-less", ("exp(pi*sqrt(163))", ">", "262537412640768743.9999999999992"),
          (ramanujan, c("262537412640768743.9999999999992")),
          "e^(pi sqrt 163) = 262537412640768743.99999999999925007..."),
        T(Y, "sin-huge", ("sin(10**22)", "<", "-0.8522008497671888017727"),
          (lambda x: mp.sin(mpf(10) ** 22), c("-0.8522008497671888017727")),
          "sin(10^22) = -0.85220084976718880177270589..., below the constant by 5.9e-24"),
        F(Y, "sin-huge-above", ("sin(10**22)", ">", "-0.8522008497671888017727"),
          (lambda x: mp.sin(mpf(10) ** 22), c("-0.8522008497671888017727")), "0",
          "sin(10^22) = -0.85220084976718880177270589..."),
        # -- parameters ----------------------------------------------------------------------------------------
        T(A, "forall-silu-beta-floor", ("forall 1 <= beta <= 2: silu(x, beta=beta)", ">=", "-0.2785"),
          (lambda x: min(M.silu(x, b) for b in ("1", "1.5", "2")), c("-0.2785")),
          "x sigmoid(bx) = silu(bx)/b >= -W(1/e)/b >= -0.278465 for b >= 1"),
        F(A, "forall-silu-beta-floor-edge", ("forall 0.99 <= beta <= 2: silu(x, beta=beta)", ">=", "-0.2785"),
          (lambda x: M.silu(x, "0.99"), c("-0.2785")), silu_min_099,
          "beta = 0.99: the minimum -W(1/e)/0.99 = -0.28128 at (-1 - W(1/e))/0.99"),
        F(A, "forall-elu-tiny-floor", ("forall 0 < alpha <= 1: elu(x, alpha=alpha)", ">", "-alpha + 1e-300"),
          (lambda x: M.elu(x, "1"), lambda x: -1 + num("1e-300")), "-800",
          "alpha = 1: elu(-800) = e^-800 - 1 < -1 + 1e-300", dps=400),
    ]


def _all(T, F) -> list:
    return verified(extremum_cases(T, F) + _cases(*prefixed("fr", T, F)))


def fresh_cases(T, F) -> list:
    """The claims on all of R."""
    return [case for case in _all(T, F) if case.domain is None]


def fresh_domain_cases(T, F) -> list:
    """The claims with a stated domain (``for ...``)."""
    return [case for case in _all(T, F) if case.domain is not None]


# -- analyze -------------------------------------------------------------------------------------------------------

def fresh_analyses() -> list[Analysis]:
    """``symact analyze`` cases (checked by soundness_heldout.check_analysis), at soundness_heldout.DPS digits."""
    s = (mp.sqrt(5) - 1) / 2                           # sin x where (cos x e^(sin x))' = e^(sin x)(1 - s - s^2) = 0
    dexp = mp.sqrt(s) * mp.exp(s)                      # cos x = sqrt(1 - s^2) = sqrt(s) there
    th = 4 / (3 * mp.sqrt(3))                          # (tanh^2)' = 2t(1 - t^2), extreme at t^2 = 1/3
    u = mpmath.findroot(lambda v: 3 * v * mp.tanh(v / 2) - 2, mpf(1))   # (sigmoid(x^3))'' = 0 at x^3 = u
    dsig = 3 * mp.cbrt(u) ** 2 * M.d_sigmoid(u)
    half = mpf(1) / 2
    no = {"convex": False, "concave": False, "odd": False, "identity_near_origin": False}
    return [
        Analysis("fr-an-exp-sin", "exp(sin(x))",
                 "range [1/e, e]; f' = cos x e^(sin x), f'' = e^(sin x)(cos^2 x - sin x) = 0 at sin x = (sqrt 5 - 1)/2 "
                 "= s, where cos^2 x = s: f' extreme +-sqrt(s) e^s", lambda x: exp(sin(x)),
                 range=(1 / mp.e, True, mp.e, True), monotonic="neither", continuity="Cinf", kinks=(),
                 dmax=(dexp, True), dmin=(-dexp, True), lipschitz=(dexp, True), extrema=(1 / mp.e, mp.e),
                 flags={**no, "zero_at_origin": False, "range_has_both_signs": False}),
        Analysis("fr-an-x-sqrt-abs", "x*sqrt(Abs(x))",
                 "sign(x) |x|^(3/2): f' = (3/2) sqrt|x| is continuous, f'' = (3/4) sign(x)/sqrt|x| unbounded at 0: C1",
                 lambda x: x * sqrt(abs(x)), range=(-INF, False, INF, False), monotonic="increasing", continuity="C1",
                 kinks=(), dmax=(INF, False), dmin=(mpf(0), True), lipschitz=(INF, False), extrema=(None, None),
                 flags={**no, "zero_at_origin": True, "odd": True, "range_has_both_signs": True}),
        Analysis("fr-an-abs-minus-log", "Abs(x) - log(1 + Abs(x))",
                 "even; f' = sign(x)|x|/(1 + |x|) continuous, f'' = 1/(1 + |x|)^2 continuous (1 at 0), f''' = "
                 "-2 sign(x)/(1 + |x|)^3 jumps: C2; convex; f' in (-1, 1)", lambda x: abs(x) - log(1 + abs(x)),
                 range=(mpf(0), True, INF, False), monotonic="neither", continuity="C2", kinks=(),
                 dmax=(mpf(1), False), dmin=(mpf(-1), False), lipschitz=(mpf(1), False), extrema=(mpf(0), None),
                 flags={**no, "convex": True, "zero_at_origin": True, "range_has_both_signs": False}),
        Analysis("fr-an-tanh-square", "tanh(x)**2", "even, [0, 1); f' = 2t(1 - t^2) (t = tanh x) is extreme at "
                 "t^2 = 1/3: +-4/(3 sqrt 3)", lambda x: tanh(x) ** 2, range=(mpf(0), True, mpf(1), False),
                 monotonic="neither", continuity="Cinf", kinks=(), dmax=(th, True), dmin=(-th, True),
                 lipschitz=(th, True), extrema=(mpf(0), None),
                 flags={**no, "zero_at_origin": True, "range_has_both_signs": False}),
        Analysis("fr-an-exp-abs", "exp(-Abs(x))", "slopes 1 and -1 at 0 (a kink); f' = sign(-x) e^(-|x|) in "
                 "(-1, 1) elsewhere, approaching +-1 at 0", lambda x: exp(-abs(x)), range=(mpf(0), False, mpf(1), True),
                 monotonic="neither", continuity="C0", kinks=(mpf(0),), dmax=(mpf(1), False), dmin=(mpf(-1), False),
                 lipschitz=(mpf(1), False), extrema=(None, mpf(1)),
                 flags={**no, "zero_at_origin": False, "range_has_both_signs": False}),
        Analysis("fr-an-sigmoid-cube", "sigmoid(x**3)",
                 "f' = 3x^2 sigmoid'(x^3) >= 0, zero only at 0: strictly increasing; f'' = 0 at x = 0 and where "
                 "3u tanh(u/2) = 2 (u = x^3): the maximum of f' there", lambda x: M.sigmoid(x ** 3),
                 range=(mpf(0), False, mpf(1), False), monotonic="increasing", continuity="Cinf", kinks=(),
                 dmax=(dsig, True), dmin=(mpf(0), True), lipschitz=(dsig, True), extrema=(None, None),
                 flags={**no, "zero_at_origin": False, "range_has_both_signs": False}),
        Analysis("fr-an-cubic", "x**3 - 3*x", "f' = 3x^2 - 3 >= -3, attained at 0; unbounded both ways",
                 lambda x: x ** 3 - 3 * x, range=(-INF, False, INF, False), monotonic="neither", continuity="Cinf",
                 kinks=(), dmax=(INF, False), dmin=(mpf(-3), True), lipschitz=(INF, False), extrema=(None, None),
                 flags={**no, "zero_at_origin": True, "odd": True, "range_has_both_signs": True}),
        Analysis("fr-an-two-abs", "Abs(x - 1) + Abs(x + 1)", "2 on [-1, 1], 2|x| outside: kinks at -1 and 1; convex",
                 lambda x: abs(x - 1) + abs(x + 1), range=(mpf(2), True, INF, False), monotonic="neither",
                 continuity="C0", kinks=(mpf(-1), mpf(1)), dmax=(mpf(2), True), dmin=(mpf(-2), True),
                 lipschitz=(mpf(2), True), extrema=(mpf(2), None),
                 flags={**no, "convex": True, "zero_at_origin": False, "range_has_both_signs": False}),
        Analysis("fr-an-softplus-even", "softplus(x) - x/2", "= log(2 cosh(x/2)): even, convex, minimum log 2 at 0; "
                 "f' = sigmoid(x) - 1/2 in (-1/2, 1/2)", lambda x: M.softplus(x) - x / 2,
                 range=(mp.log(2), True, INF, False), monotonic="neither", continuity="Cinf", kinks=(),
                 dmax=(half, False), dmin=(-half, False), lipschitz=(half, False), extrema=(mp.log(2), None),
                 flags={**no, "convex": True, "zero_at_origin": False, "range_has_both_signs": False}),
        Analysis("fr-an-pw-c1", "Piecewise((x**2, x < 1), (2*x - 1, True))",
                 "value 1 and slope 2 on both sides of 1 (C1), f'' 2 then 0 (not C2); f' = 2x then 2: sup 2 attained",
                 lambda x: x * x if x < 1 else 2 * x - 1, range=(mpf(0), True, INF, False), monotonic="neither",
                 continuity="C1", kinks=(), dmax=(mpf(2), True), dmin=(-INF, False), lipschitz=(INF, False),
                 extrema=(mpf(0), None),
                 flags={**no, "convex": True, "zero_at_origin": True, "range_has_both_signs": False}),
        Analysis("fr-an-max-sin-cos", "Max(sin(x), cos(x))",
                 "kinks at pi/4 + k pi; f' = cos x on (pi/4, 5pi/4) (reaches -1 at pi), -sin x on (-3pi/4, pi/4) "
                 "(reaches 1 at -pi/2); range [-1/sqrt 2, 1]", lambda x: max(sin(x), cos(x)),
                 range=(-1 / mp.sqrt(2), True, mpf(1), True), monotonic="neither", continuity="C0", kinks=None,
                 dmax=(mpf(1), True), dmin=(mpf(-1), True), lipschitz=(mpf(1), True),
                 extrema=(-1 / mp.sqrt(2), mpf(1)),
                 flags={**no, "zero_at_origin": False, "range_has_both_signs": True}),
        Analysis("fr-an-tiny-jump-up", "x + 1e-300*sign(x)",
                 "a jump of 2e-300 upward at 0 (f(0) = 0): strictly increasing, discontinuous (so no Lipschitz "
                 "constant), f' = 1 off 0, odd", lambda x: x + mpf("1e-300") * sign(x),
                 range=(-INF, False, INF, False), monotonic="increasing", continuity="discontinuous", kinks=(mpf(0),),
                 dmax=(mpf(1), True), dmin=(mpf(1), True), lipschitz=(INF, False), extrema=(None, None),
                 flags={**no, "zero_at_origin": True, "odd": True, "range_has_both_signs": True}),
        Analysis("fr-an-tiny-jump-down", "x - 1e-30*Heaviside(x)",
                 "f(0) = -5e-31 < f(-1e-31) = -1e-31: a drop at 0, so neither increasing nor decreasing although "
                 "f' = 1 off 0; discontinuous; its values still cover R", lambda x: x - mpf("1e-30") * M.heaviside(x),
                 range=(-INF, False, INF, False), monotonic="neither", continuity="discontinuous", kinks=(mpf(0),),
                 dmax=(mpf(1), True), dmin=(mpf(1), True), lipschitz=(INF, False), extrema=(None, None),
                 flags={**no, "zero_at_origin": False, "range_has_both_signs": True}),
    ]

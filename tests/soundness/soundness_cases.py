"""The adversarial claims of the soundness suite (issue 11), with their ground truth.

Each :class:`Case` is a claim for ``symact check`` ("lhs OP rhs for all real x"), the same two sides as Python
lambdas over :mod:`soundness_mp` (mpmath, independent of symact), the truth, the witness of a false claim (a
decimal string where the claim fails or one side is undefined) and ``why``: the argument for a true claim, the
computation behind a false one.  The test verifies every ground truth with mpmath at 60+ digits before it looks at
symact's verdicts.

Semantics (issue 11): a claim is about every real x; a side undefined at some real x (0/0, log of a non-positive
number, sqrt of a negative one, a Piecewise without a branch, a derivative at a kink or jump) makes it false.
``!=`` appears only where "lhs != rhs for some x" and "for every x" agree.

The constants near irrational extrema are computed here with mpmath at 120 digits (findroot on the derivatives
written in :mod:`soundness_mp`) and written into the claim as decimals ``m +- 10^-k`` rounded to k + 4 places.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import mpmath
from mpmath import mp, mpf

import soundness_mp as M
from soundness_mp import (Abs, Max, Min, acosh, asin, atan, atanh, const, cos, cosh, div, erf, erfc, exp,
                          heaviside, ipow, log, num, rpow, sign, sin, sinh, sqrt, tanh, undefined)

CLASSES = ("extremum", "tail", "periodic", "removable", "domain", "kink", "smooth", "parameter", "composition",
           "tiny", "near_identity", "limit")


@dataclass(frozen=True)
class Case:
    id: str
    cls: str
    claim: str
    lhs: Callable
    op: str
    rhs: Callable
    truth: bool
    why: str
    witness: str | None = None     # false claims: where it fails (decimal or p/q string)
    points: tuple = ()             # true claims: critical points checked beside the grid
    exact: bool = False            # the witness is an exact tie of a strict relation (or equality for !=)
    dps: int = 60                  # working precision of the check (raised for underflow-sized differences)
    xmax: float | None = None      # true claims: grid limited to |x| <= xmax (where 60+ digits suffice)
    domain: Callable | None = None  # cases that use the "for x ..." syntax: the domain as a predicate
    verify: bool = False           # a proved/refuted verdict's certificate is re-checked by the kernel's verifier
    truth_check: Callable | None = None  # claims that are no pointwise comparison (limits): checks the truth itself

    def __post_init__(self):
        assert self.cls in CLASSES, self.cls
        assert (self.witness is None) == self.truth or self.op == "!=", f"{self.id}: a false claim needs a witness"


def _case(cls, cid, text, fns, truth, why, **kw) -> Case:
    lhs_text, op, rhs_text = text
    lhs, rhs = fns if isinstance(fns, tuple) else (fns, None)
    return Case(f"{cls}-{cid}", cls, f"{lhs_text} {op} {rhs_text}", lhs, op, rhs or const(rhs_text), truth, why,
                **kw)


def T(cls, cid, text, fns, why, **kw) -> Case:
    return _case(cls, cid, text, fns, True, why, **kw)


def F(cls, cid, text, fns, witness, why, **kw) -> Case:
    return _case(cls, cid, text, fns, False, why, witness=witness, **kw)


def prefixed(prefix: str, T, F) -> tuple:
    """T and F for a held-out set: each case id prefixed ``PREFIX-``."""
    return (lambda cls, cid, *a, **kw: T(cls, f"{prefix}-{cid}", *a, **kw),
            lambda cls, cid, *a, **kw: F(cls, f"{prefix}-{cid}", *a, **kw))


def verified(cases: list) -> list:
    """The cases, each proved/refuted verdict's certificate re-checked by the kernel's verifier."""
    return [dataclasses.replace(case, verify=True) for case in cases]


def dec(value: mpf, places: int) -> str:
    """``value`` rounded to ``places`` decimals, as an exact decimal string."""
    q = int(mpmath.nint(value * mpf(10) ** places))
    s = "-" if q < 0 else ""
    digits = str(abs(q)).rjust(places + 1, "0")
    return f"{s}{digits[:-places]}.{digits[-places:]}"


# -- extrema at irrational points: constants within 1e-9 .. 1e-40 --------------------------------------------------

def _extremum_families():
    """(name, text, lambda, 'min'|'max', extreme value, where) at 120 digits."""
    with mp.workdps(120):
        w = mpmath.lambertw(1 / mp.e).real
        xg = mpmath.findroot(M.d_gelu, mpf("-0.75"))
        xgt = mpmath.findroot(lambda x: mpmath.diff(M.gelu_tanh, x), mpf("-0.75"))
        xm = mpmath.findroot(M.d_mish, mpf("-1.19"))
        xds = mpmath.findroot(lambda x: mpmath.diff(M.d_silu, x), mpf("2.4"))
        xdm = mpmath.findroot(lambda x: mpmath.diff(M.d_mish, x), mpf("-2.26"))
        xdmx = mpmath.findroot(lambda x: mpmath.diff(M.d_mish, x), mpf("1.49"))
        xsig = mpmath.findroot(lambda x: 1 + x * (1 - 2 * M.sigmoid(x)), mpf("1.54"))  # (x s(1-s))' = 0
        xth = mpmath.findroot(lambda x: 1 - 2 * x * tanh(x), mpf("0.77"))              # (x sech^2 x)' = 0
        r2 = mp.sqrt(2)
        fams = [
            ("silu", "silu(x)", M.silu, "min", -w, -1 - w,
             "silu' = s(1 + x(1 - s)) vanishes once, where x = -1 - W(1/e); there silu = -W(1/e)"),
            ("silu2", "silu(x, beta=2)", lambda x: M.silu(x, "2"), "min", -w / 2, (-1 - w) / 2,
             "x s(2x) = silu(2x)/2: minimum -W(1/e)/2 at x = (-1 - W(1/e))/2"),
            ("gelu", "gelu(x)", M.gelu, "min", M.gelu(xg), xg,
             "gelu' = Phi(x) + x phi(x) has one zero (near -0.7518); gelu -> 0 at -oo and +oo at +oo"),
            ("gelu_tanh", "gelu_tanh(x)", M.gelu_tanh, "min", M.gelu_tanh(xgt), xgt,
             "gelu_tanh' has one zero (near -0.7525); the tanh form tends to 0 at -oo"),
            ("mish", "mish(x)", M.mish, "min", M.mish(xm), xm,
             "mish' has one zero (near -1.1924); mish -> 0 at -oo, +oo at +oo"),
            ("sincos", "sin(x) + cos(x)", lambda x: sin(x) + cos(x), "max", r2, mp.pi / 4,
             "sin + cos = sqrt(2) sin(x + pi/4), maximum sqrt(2) at pi/4"),
            ("dsilu", "diff(silu(x), x)", M.d_silu, "max", M.d_silu(xds), xds,
             "silu'' vanishes at +-2.3994; silu' -> 1 at +oo, 0 at -oo; the global maximum is at 2.3994"),
            ("dgelu-max", "diff(gelu(x), x)", M.d_gelu, "max", M.d_gelu(r2), r2,
             "gelu'' = phi(x)(2 - x^2) vanishes at +-sqrt(2); maximum Phi(sqrt2) + sqrt2 phi(sqrt2) at sqrt(2)"),
            ("dgelu-min", "diff(gelu(x), x)", M.d_gelu, "min", M.d_gelu(-r2), -r2,
             "gelu'' = phi(x)(2 - x^2): minimum of gelu' at -sqrt(2), Phi(-sqrt2) - sqrt2 phi(sqrt2)"),
            ("dmish-min", "diff(mish(x), x)", M.d_mish, "min", M.d_mish(xdm), xdm,
             "mish'' vanishes at -2.2564 and 1.4906: global minimum of mish' at -2.2564 (limits 0 and 1)"),
            ("dmish-max", "diff(mish(x), x)", M.d_mish, "max", M.d_mish(xdmx), xdmx,
             "mish'' vanishes at -2.2564 and 1.4906: global maximum of mish' at 1.4906 (limits 0 and 1)"),
            ("xdsig", "x*diff(sigmoid(x), x)", lambda x: x * M.d_sigmoid(x), "max", xsig * M.d_sigmoid(xsig), xsig,
             "(x s(1-s))' = s(1-s)(1 + x(1 - 2s)) vanishes where x tanh(x/2) = 1 (x = +-1.5434); max there"),
            ("xsech2", "x*(1 - tanh(x)**2)", lambda x: x * (1 - tanh(x) ** 2), "max", xth * (1 - tanh(xth) ** 2),
             xth, "(x sech^2 x)' = sech^2 x (1 - 2x tanh x) vanishes at x tanh x = 1/2 (x = 0.7717); max there"),
            ("xexp2", "x*exp(-x**2)", lambda x: x * exp(-x * x), "max", exp(mpf(-1) / 2) / r2, 1 / r2,
             "(x e^-x^2)' = (1 - 2x^2) e^-x^2: maximum e^(-1/2)/sqrt(2) at 1/sqrt(2)"),
            ("rational", "x/(1 + x**4)", lambda x: x / (1 + x ** 4), "max", mpf(3) / 4 * mpf(3) ** (-mpf(1) / 4),
             mpf(3) ** (-mpf(1) / 4), "(x/(1+x^4))' = (1 - 3x^4)/(1+x^4)^2: maximum (3/4) 3^(-1/4) at 3^(-1/4)"),
            ("relu-silu", "relu(x) - silu(x)", lambda x: M.relu(x) - M.silu(x), "max", w, 1 + w,
             "relu - silu = x s(-x) for x > 0 and -silu(x) for x < 0: maximum W(1/e) at +-(1 + W(1/e))"),
        ]
    return fams


def extremum_cases() -> list[Case]:
    out = []
    forms = {"min": [(">=", False), (">", False), ("<=", True)], "max": [("<=", False), ("<", False), (">=", True)]}
    for name, text, f, kind, m, where, why in _extremum_families():
        with mp.workdps(120):
            wit = dec(where, 64)
        for i, k in enumerate((9, 20, 40)):
            for side in (1, -1):  # the constant above (+1) or below (-1) the extreme value
                with mp.workdps(120):
                    c = dec(m + side * mpf(10) ** -k, k + 4)
                op, reverse = forms[kind][(i + (side > 0)) % 3]
                truth = (side < 0) if kind == "min" else (side > 0)
                what = "minimum" if kind == "min" else "maximum"
                claim = (c, op, text) if reverse else (text, op, c)
                fns = (const(c), f) if reverse else (f, const(c))
                cid = f"{name}-{'above' if side > 0 else 'below'}-1e-{k}"
                if truth:
                    out.append(T("extremum", cid, claim, fns,
                                 f"{what} {mpmath.nstr(m, 25)}...; {c} is 1e-{k} {'below' if side < 0 else 'above'} "
                                 f"it. {why}", points=(wit,)))
                else:
                    out.append(F("extremum", cid, claim, fns, wit,
                                 f"{what} {mpmath.nstr(m, 25)}... at x = {mpmath.nstr(where, 20)} is 1e-{k} "
                                 f"{'below' if side > 0 else 'above'} {c}. {why}"))
    x0 = "0"
    out += [
        F("extremum", "dsigmoid-quarter-minus-1e-30", ("diff(sigmoid(x), x)", "<=", "1/4 - 1e-30"),
          (M.d_sigmoid, lambda x: num("1/4") - num("1e-30")), x0, "sigmoid'(0) = 1/4 exactly"),
        T("extremum", "dsigmoid-quarter", ("diff(sigmoid(x), x)", "<=", "1/4"), M.d_sigmoid,
          "sigmoid' = s(1-s) <= 1/4 by AM-GM, equality at s = 1/2 (x = 0)", points=(x0,)),
        F("extremum", "dsigmoid-lt-quarter", ("diff(sigmoid(x), x)", "<", "1/4"), M.d_sigmoid, x0,
          "sigmoid'(0) = 1/4: a tie, so < fails", exact=True),
        F("extremum", "dtanh-1-minus-1e-40", ("diff(tanh(x), x)", "<=", "1 - 10**(-40)"),
          (M.d_tanh, lambda x: 1 - num("1e-40")), x0, "tanh'(0) = 1"),
        T("extremum", "dtanh-le-1", ("diff(tanh(x), x)", "<=", "1"), M.d_tanh, "tanh' = 1 - tanh^2 <= 1",
          points=(x0,)),
        F("extremum", "sigsig-quarter", ("sigmoid(x)*sigmoid(-x)", "<=", "0.2499999999999999999999999"),
          lambda x: M.sigmoid(x) * M.sigmoid(-x), x0, "s(0) s(0) = 1/4 > 0.2499999999999999999999999"),
        T("extremum", "sigsig-le-quarter", ("sigmoid(x)*sigmoid(-x)", "<=", "0.25"),
          lambda x: M.sigmoid(x) * M.sigmoid(-x), "s(x) s(-x) = s(1-s) <= 1/4", points=(x0,)),
        T("extremum", "xexp-le-inv-e", ("x*exp(-x)", "<=", "exp(-1)"), (lambda x: x * exp(-x), lambda x: exp(-1)),
          "(x e^-x)' = (1-x) e^-x: global maximum 1/e at x = 1", points=("1",)),
        F("extremum", "xexp-le-inv-e-digits", ("x*exp(-x)", "<=", "0.36787944117144232159552377016146"),
          lambda x: x * exp(-x), "1", "1/e = 0.367879441171442321595523770161460867... > the constant"),
        T("extremum", "xexp-le-inv-e-digits-up", ("x*exp(-x)", "<=", "0.36787944117144232159552377016147"),
          lambda x: x * exp(-x), "max 1/e = 0.36787944117144232159552377016146087 < the constant", points=("1",)),
        F("extremum", "gauss-1-minus-1e-30", ("exp(-x**2)", "<=", "1 - 10**(-30)"),
          (lambda x: exp(-x * x), lambda x: 1 - num("1e-30")), x0, "exp(0) = 1"),
        T("extremum", "dgelu-exact-max", ("diff(gelu(x), x)", "<=", "(1 + erf(1))/2 + exp(-1)/sqrt(pi)"),
          (M.d_gelu, lambda x: (1 + erf(1)) / 2 + exp(-1) / mp.sqrt(mp.pi)),
          "max of gelu' at sqrt(2): Phi(sqrt 2) + sqrt2 phi(sqrt2) = (1 + erf(1))/2 + e^-1/sqrt(pi)",
          points=(lambda: mp.sqrt(2),)),
        T("extremum", "silu-exact-min", ("silu(x)", ">=", "-LambertW(exp(-1))"),
          (M.silu, lambda x: -mpmath.lambertw(exp(-1)).real),
          "the minimum of silu is -W(1/e) (see the silu family)", points=(lambda: -1 - mpmath.lambertw(1 / mp.e).real,)),
    ]
    return out


# -- far out in a tail ----------------------------------------------------------------------------------------------

def tail_cases() -> list[Case]:
    out = []
    for a in (1000, 10000, 100000):
        with mp.workdps(120):
            m, xs = (1 + mp.log(a)) / a, a * mp.log(a)
        text = f"exp(-x/{a}) + x/{a * a}"
        f = (lambda a: lambda x: exp(-x / a) + x / (a * a))(a)
        why = (f"h = e^(-x/a) + x/a^2 (a = {a}): h' = (1/a)(1/a - e^(-x/a)) vanishes only at x = a ln a = "
               f"{mpmath.nstr(xs, 12)}, h'' > 0, so the global minimum is (1 + ln a)/a = {mpmath.nstr(m, 20)}; ")
        wit = dec(xs, 64)
        out.append(T("tail", f"expmin-{a}-exact", (text, ">=", f"(1 + log({a}))/{a}"),
                     (f, (lambda a: lambda x: (1 + log(a)) / a)(a)), why + "the claim is that bound", points=(wit,)))
        for k in (12, 30):
            with mp.workdps(120):
                hi, lo = dec(m + mpf(10) ** -k, k + 4), dec(m - mpf(10) ** -k, k + 4)
            out.append(F("tail", f"expmin-{a}-above-1e-{k}", (text, ">=", hi), f, wit,
                         why + f"the constant is 1e-{k} above it: fails only near x = {a} ln {a}"))
            out.append(T("tail", f"expmin-{a}-below-1e-{k}", (text, ">", lo), f, why + f"the constant is 1e-{k} below",
                         points=(wit,)))
    with mp.workdps(120):
        g = lambda x: exp(-x * x) + x * x / mpf(10) ** 12  # noqa: E731
        xg = mp.sqrt(12 * mp.log(10))
        mg = g(xg)
        big = 27 * mpf(10) ** 9 * exp(-3)
        gx, gb, gl = dec(xg, 64), dec(mg + mpf(10) ** -25, 29), dec(mg - mpf(10) ** -25, 29)
        bb = dec(big - mpf(10) ** -6, 8)
    why_g = ("e^(-x^2) + x^2/10^12: derivative 2x(10^-12 - e^(-x^2)) vanishes at 0 (local max 1) and at "
             "x^2 = 12 ln 10 (x = +-5.2565): minimum (1 + 12 ln 10)/10^12 = 2.8631e-11; ")
    sp_ = lambda x: log(1 + exp(x)) - x  # noqa: E731  (the text's own formula, evaluated with enough digits)
    out += [
        T("tail", "gauss-floor-exact", ("exp(-x**2) + x**2/10**12", ">=", "(1 + 12*log(10))/10**12"),
          (g, lambda x: (1 + 12 * log(10)) / mpf(10) ** 12), why_g + "the claim is the bound", points=(gx,)),
        F("tail", "gauss-floor-above", ("exp(-x**2) + x**2/10**12", ">=", gb), g, gx, why_g + "constant 1e-25 above"),
        T("tail", "gauss-floor-below", ("exp(-x**2) + x**2/10**12", ">=", gl), g, why_g + "constant 1e-25 below",
          points=(gx,)),
        F("tail", "softplus-minus-x-1e-310", ("log(1 + exp(x)) - x", ">", "10**(-310)"), (sp_, const("1e-310")), "800",
          "log(1+e^x) - x = log(1 + e^-x) < e^-x = e^-800 = 3.7e-348 < 1e-310 (float64 says 0 from x = 37)",
          dps=400),
        F("tail", "softplus-minus-x-1e-200", ("log(1 + exp(x)) - x", ">", "10**(-200)"), (sp_, const("1e-200")), "500",
          "log(1 + e^-500) < e^-500 = 7.1e-218 < 1e-200", dps=300),
        T("tail", "softplus-minus-x-pos", ("log(1 + exp(x)) - x", ">", "0"), sp_,
          "log(1+e^x) - x = log(1 + e^-x) > 0 since e^-x > 0", xmax=100),
        T("tail", "softplus-gt-x", ("softplus(x)", ">", "x"), (M.softplus, lambda x: x),
          "softplus(x) - x = log(1 + e^-x) > 0", xmax=100),
        F("tail", "softplus-minus-x-1e-300", ("softplus(x) - x", ">=", "10**(-300)"),
          (lambda x: M.softplus(x) - x, const("1e-300")), "700", "log(1 + e^-700) < e^-700 = 9.9e-305 < 1e-300",
          dps=400),
        F("tail", "softplus-left-1e-300", ("softplus(x)", ">=", "10**(-300)"), (M.softplus, const("1e-300")), "-700",
          "softplus(-700) = log(1 + e^-700) < e^-700 = 9.9e-305", dps=400),
        F("tail", "sigmoid-1-minus-1e-300", ("sigmoid(x)", "<=", "1 - 10**(-300)"),
          (M.sigmoid, lambda x: 1 - num("1e-300")), "800", "1 - sigmoid(800) = sigmoid(-800) < e^-800 = 3.7e-348",
          dps=400),
        T("tail", "sigmoid-lt-1", ("sigmoid(x)", "<", "1"), M.sigmoid, "1 - sigmoid(x) = 1/(1 + e^x) > 0"),
        F("tail", "tanh-1-minus-1e-400", ("tanh(x)", "<=", "1 - 10**(-400)"), (tanh, lambda x: 1 - num("1e-400")),
          "500", "1 - tanh(500) = 2/(e^1000 + 1) < 2e-434", dps=500),
        T("tail", "tanh-lt-1", ("tanh(x)", "<", "1"), tanh, "1 - tanh(x) = 2/(e^(2x) + 1) > 0"),
        F("tail", "erf-1-minus-1e-100", ("erf(x)", "<=", "1 - 10**(-100)"), (erf, lambda x: 1 - num("1e-100")), "16",
          "erfc(16) < e^-256/(16 sqrt(pi)) = 2.3e-113 < 1e-100", dps=200),
        T("tail", "erf-lt-1", ("erf(x)", "<", "1"), erf, "1 - erf(x) = erfc(x) > 0"),
        F("tail", "atan-below-half-pi", ("atan(x)", "<=", "1.5707963267948966"), atan, "1e17",
          "pi/2 - 1.5707963267948966 = 6.1e-17 while pi/2 - atan(1e17) < 1e-17"),
        T("tail", "atan-lt-half-pi", ("atan(x)", "<", "pi/2"), (atan, lambda x: mp.pi / 2), "atan maps R onto (-pi/2, pi/2)"),
        T("tail", "atan-above-half-pi", ("atan(x)", "<=", "1.5707963267948967"), atan,
          "atan(x) < pi/2 = 1.57079632679489661923... < 1.5707963267948967"),
        F("tail", "softsign-1-minus-1e-10", ("softsign(x)", "<=", "0.9999999999"), M.softsign, "1e11",
          "softsign(1e11) = 1 - 1/(1e11 + 1) > 1 - 1e-10"),
        T("tail", "softsign-lt-1", ("softsign(x)", "<", "1"), M.softsign, "|x|/(1 + |x|) < 1"),
        F("tail", "sqrt-gap-1e-20", ("sqrt(x**2 + 1) - x", ">", "10**(-20)"),
          (lambda x: sqrt(x * x + 1) - x, const("1e-20")), "1e21", "sqrt(x^2+1) - x = 1/(sqrt(x^2+1) + x) < 1/(2e21)"),
        T("tail", "sqrt-gap-pos", ("sqrt(x**2 + 1) - x", ">", "0"), lambda x: sqrt(x * x + 1) - x,
          "sqrt(x^2 + 1) > |x| >= x"),
        F("tail", "sigsig-sup", ("sigmoid(sigmoid(x))", "<=", "0.73105857863000487925"),
          lambda x: M.sigmoid(M.sigmoid(x)), "60",
          "sigmoid(sigmoid(x)) -> sigmoid(1) = 0.731058578630004879251159 (sup, not attained); at 60 it is within "
          "2e-27 of it, above the constant (1.2e-21 below sigmoid(1))"),
        T("tail", "sigsig-lt-sig1", ("sigmoid(sigmoid(x))", "<", "sigmoid(1)"),
          (lambda x: M.sigmoid(M.sigmoid(x)), lambda x: M.sigmoid(1)), "sigmoid is increasing and sigmoid(x) < 1"),
        F("tail", "softplus-far-right", ("softplus(x - 1000)", ">=", "exp(x - 1000)/2"),
          (lambda x: M.softplus(x - 1000), lambda x: exp(x - 1000) / 2), "1001",
          "with t = e^(x-1000) = e at x = 1001: log(1 + e) = 1.3133 < e/2 = 1.3591"),
        T("tail", "softplus-le-exp", ("softplus(x - 1000)", "<=", "exp(x - 1000)"),
          (lambda x: M.softplus(x - 1000), lambda x: exp(x - 1000)), "log(1 + t) <= t for t > 0"),
        F("tail", "xexp-max-1e4", ("x*exp(-x/10000)", "<=", "3678.794411714423"), lambda x: x * exp(-x / 10000),
          "10000", "max at x = 10^4: 10^4/e = 3678.79441171442321595... > 3678.794411714423"),
        T("tail", "xexp-max-1e4-up", ("x*exp(-x/10000)", "<=", "3678.7944117144233"), lambda x: x * exp(-x / 10000),
          "(x e^(-x/a))' = (1 - x/a) e^(-x/a): maximum a/e = 3678.7944117144232159... < the constant",
          points=("10000",)),
        T("tail", "rational-max-1e4", ("x/(1 + x**2/10**8)", "<=", "5000"), lambda x: x / (1 + x * x / mpf(10) ** 8),
          "1 + x^2/10^8 >= 2|x|/10^4 (AM-GM), equality at x = 10^4", points=("10000",)),
        F("tail", "rational-max-1e4-strict", ("x/(1 + x**2/10**8)", "<", "5000"), lambda x: x / (1 + x * x / mpf(10) ** 8),
          "10000", "at x = 10^4 the value is exactly 5000", exact=True),
        F("tail", "rational-max-1e4-minus", ("x/(1 + x**2/10**8)", "<=", "4999.999999999"),
          lambda x: x / (1 + x * x / mpf(10) ** 8), "10000", "the value 5000 at x = 10^4"),
        T("tail", "cubic-exp-max", ("x**3*exp(-x/1000)", "<=", "27000000000*exp(-3)"),
          (lambda x: x ** 3 * exp(-x / 1000), lambda x: 27 * mpf(10) ** 9 * exp(-3)),
          "(x^3 e^(-x/1000))' = x^2 e^(-x/1000)(3 - x/1000): global max at x = 3000 (negative for x < 0)",
          points=("3000",)),
        F("tail", "cubic-exp-max-minus", ("x**3*exp(-x/1000)", "<=", bb), lambda x: x ** 3 * exp(-x / 1000), "3000",
          "the maximum 27e9/e^3 at x = 3000 is 1e-6 above the constant"),
    ]
    return out


# -- periodic functions ---------------------------------------------------------------------------------------------

def periodic_cases() -> list[Case]:
    P = "periodic"
    with mp.workdps(120):
        half_pi, pi_, quarter_pi = dec(mp.pi / 2, 64), dec(mp.pi, 64), dec(mp.pi / 4, 64)
        far_peak, far_trough, big_peak = dec(mp.pi / 2 + 6 * mp.pi, 64), dec(3 * mp.pi, 64), dec(5000 * mp.pi, 64)
    sq = lambda x: sin(x) ** 2 + cos(x) ** 2  # noqa: E731
    return [
        F(P, "sin-le-1-minus-1e-9", ("sin(x)", "<=", "0.999999999"), sin, half_pi, "sin(pi/2) = 1"),
        T(P, "sin-le-1", ("sin(x)", "<=", "1"), sin, "|sin| <= 1", points=(half_pi,)),
        T(P, "pythagoras", ("sin(x)**2 + cos(x)**2", "==", "1"), sq, "Pythagoras"),
        F(P, "pythagoras-plus-1e-30", ("sin(x)**2 + cos(x)**2", "==", "1 + 10**(-30)"), (sq, lambda x: 1 + num("1e-30")),
          "0", "sin^2 + cos^2 = 1 everywhere"),
        T(P, "double-angle", ("sin(2*x)", "==", "2*sin(x)*cos(x)"), (lambda x: sin(2 * x), lambda x: 2 * sin(x) * cos(x)),
          "double-angle formula"),
        T(P, "period-2pi", ("sin(x + 2*pi)", "==", "sin(x)"), (lambda x: sin(x + 2 * mp.pi), sin), "2 pi-periodic"),
        F(P, "period-decimal", ("sin(x + 6.283185307179586)", "==", "sin(x)"),
          (lambda x: sin(x + num("6.283185307179586")), sin), "0",
          "6.283185307179586 = 2 pi - 2.45e-16, so sin(6.283185307179586) = -2.45e-16 != sin(0)"),
        T(P, "cos-ge-minus-1", ("cos(x)", ">=", "-1"), cos, "|cos| <= 1", points=(pi_,)),
        F(P, "cos-ge-minus-1-plus-1e-20", ("cos(x)", ">=", "-0.99999999999999999999"), cos, pi_, "cos(pi) = -1"),
        F(P, "sin-lt-x", ("sin(x)", "<", "x"), (sin, lambda x: x), "0", "sin(0) = 0: a tie", exact=True),
        F(P, "sin-le-x", ("sin(x)", "<=", "x"), (sin, lambda x: x), "-1", "sin(-1) = -0.84 > -1"),
        T(P, "abs-sin-le-abs", ("Abs(sin(x))", "<=", "Abs(x)"), (lambda x: abs(sin(x)), abs),
          "|sin x| = |int_0^x cos| <= |x|"),
        T(P, "cos-ge-taylor2", ("cos(x)", ">=", "1 - x**2/2"), (cos, lambda x: 1 - x * x / 2),
          "g = cos x - 1 + x^2/2: g(0) = 0, g' = x - sin x has the sign of x"),
        T(P, "cos-le-taylor4", ("cos(x)", "<=", "1 - x**2/2 + x**4/24"), (cos, lambda x: 1 - x * x / 2 + x ** 4 / 24),
          "the same argument one order up (the remainder of the alternating series)"),
        F(P, "sin-ge-taylor3", ("sin(x)", ">=", "x - x**3/6"), (sin, lambda x: x - x ** 3 / 6), "-1",
          "sin x >= x - x^3/6 holds for x >= 0 only; sin(-1) = -0.8415 < -5/6"),
        T(P, "sincos-le-half", ("sin(x)*cos(x)", "<=", "0.5"), lambda x: sin(x) * cos(x), "sin x cos x = sin(2x)/2",
          points=(quarter_pi,)),
        F(P, "sincos-le-half-minus", ("sin(x)*cos(x)", "<=", "0.49999999999999999999"), lambda x: sin(x) * cos(x),
          quarter_pi, "sin(pi/4) cos(pi/4) = 1/2"),
        T(P, "quartic-ge-half", ("sin(x)**4 + cos(x)**4", ">=", "0.5"), lambda x: sin(x) ** 4 + cos(x) ** 4,
          "s^4 + c^4 = 1 - sin(2x)^2/2 >= 1/2", points=(quarter_pi,)),
        F(P, "quartic-ge-half-plus", ("sin(x)**4 + cos(x)**4", ">=", "0.50000000000000000001"),
          lambda x: sin(x) ** 4 + cos(x) ** 4, quarter_pi, "equals 1/2 at pi/4"),
        T(P, "cos-double", ("cos(2*x)", "==", "1 - 2*sin(x)**2"), (lambda x: cos(2 * x), lambda x: 1 - 2 * sin(x) ** 2),
          "double-angle formula"),
        F(P, "cos-double-off", ("cos(x)**2 - sin(x)**2", "==", "cos(2.0000000000000000001*x)"),
          (lambda x: cos(x) ** 2 - sin(x) ** 2, lambda x: cos(num("2.0000000000000000001") * x)), "1",
          "cos(2) - cos(2 + 1e-19) = 9.1e-20 != 0"),
        T(P, "three-phase", ("sin(x) + sin(x + 2*pi/3) + sin(x + 4*pi/3)", "==", "0"),
          lambda x: sin(x) + sin(x + 2 * mp.pi / 3) + sin(x + 4 * mp.pi / 3), "the three unit vectors sum to 0"),
        T(P, "sin-square", ("sin(x)**2", "==", "(1 - cos(2*x))/2"), (lambda x: sin(x) ** 2, lambda x: (1 - cos(2 * x)) / 2),
          "double-angle formula"),
        T(P, "exp-sin-le-e", ("exp(sin(x))", "<=", "exp(1)"), (lambda x: exp(sin(x)), lambda x: exp(1)),
          "sin <= 1 and exp increasing", points=(half_pi,)),
        F(P, "exp-sin-le-e-digits", ("exp(sin(x))", "<=", "2.718281828"), lambda x: exp(sin(x)), half_pi,
          "exp(sin(pi/2)) = e = 2.71828182845... > 2.718281828"),
        T(P, "sin-sigmoid-lt-1", ("sin(x)*sigmoid(x)", "<", "1"), lambda x: sin(x) * M.sigmoid(x),
          "|sin| <= 1 and 0 < sigmoid < 1"),
        F(P, "sin-sigmoid-far", ("sin(x)*sigmoid(x)", "<=", "0.999999"), lambda x: sin(x) * M.sigmoid(x), far_peak,
          "at x = pi/2 + 6 pi = 20.42: sin = 1 and sigmoid = 1 - 1.35e-9"),
        F(P, "cos-sigmoid-far", ("cos(x)*sigmoid(x)", ">=", "-0.9999"), lambda x: cos(x) * M.sigmoid(x), far_trough,
          "at x = 3 pi: cos = -1 and sigmoid(3 pi) = 1 - 8.1e-5, product -0.999919"),
        T(P, "pythagoras-ge", ("sin(x)**2 + cos(x)**2", ">=", "1 - 10**(-40)"), (sq, lambda x: 1 - num("1e-40")),
          "it is 1"),
        T(P, "period-million-pi", ("sin(x)", "==", "sin(x + 1000000*pi)"), (sin, lambda x: sin(x + 1000000 * mp.pi)),
          "10^6 pi is a multiple of 2 pi"),
        T(P, "cos-le-1", ("cos(x)", "<=", "1"), cos, "|cos| <= 1", points=("0",)),
        F(P, "cos-lt-1", ("cos(x)", "<", "1"), cos, "0", "cos(0) = 1: a tie", exact=True),
        F(P, "cos-le-1-minus-1e-40", ("cos(x)", "<=", "1 - 10**(-40)"), (cos, lambda x: 1 - num("1e-40")), "0",
          "cos(0) = 1"),
        T(P, "sin-ne-2", ("sin(x)", "!=", "2"), sin, "|sin| <= 1 < 2 (true for every x, so also for some x)"),
        F(P, "slow-sine", ("sin(x/10000)", "<=", "0.999999999"), lambda x: sin(x / 10000), big_peak,
          "sin(x/10^4) = 1 at x = 5000 pi = 15707.96"),
        T(P, "cos-square-le-1", ("cos(x)**2", "<=", "1"), lambda x: cos(x) ** 2, "|cos| <= 1"),
        T(P, "abs-sum-ge-1", ("Abs(sin(x)) + Abs(cos(x))", ">=", "1"), lambda x: abs(sin(x)) + abs(cos(x)),
          "|s| + |c| >= s^2 + c^2 = 1 since |s|, |c| <= 1", points=("0",)),
        F(P, "abs-sum-gt-1", ("Abs(sin(x)) + Abs(cos(x))", ">", "1"), lambda x: abs(sin(x)) + abs(cos(x)), "0",
          "|sin 0| + |cos 0| = 1: a tie", exact=True),
        T(P, "abs-sum-le-sqrt2", ("Abs(sin(x)) + Abs(cos(x))", "<=", "sqrt(2)"),
          (lambda x: abs(sin(x)) + abs(cos(x)), lambda x: mp.sqrt(2)), "(|s| + |c|)^2 = 1 + |sin 2x| <= 2",
          points=(quarter_pi,)),
        F(P, "abs-sum-le-sqrt2-digits", ("Abs(sin(x)) + Abs(cos(x))", "<=", "1.414213562373095"),
          lambda x: abs(sin(x)) + abs(cos(x)), quarter_pi, "sqrt(2) = 1.41421356237309504880 at pi/4"),
        T(P, "sin-cubed", ("sin(x)**3", "==", "(3*sin(x) - sin(3*x))/4"),
          (lambda x: sin(x) ** 3, lambda x: (3 * sin(x) - sin(3 * x)) / 4), "triple-angle formula"),
        T(P, "tanh-sin-le", ("tanh(sin(x))", "<=", "tanh(1)"), (lambda x: tanh(sin(x)), lambda x: tanh(1)),
          "sin <= 1 and tanh increasing", points=(half_pi,)),
        F(P, "sin-cos-ge-0", ("sin(cos(x))", ">=", "0"), lambda x: sin(cos(x)), "3", "cos 3 = -0.99, sin(-0.99) < 0"),
        T(P, "cos-sin-pos", ("cos(sin(x))", ">", "0"), lambda x: cos(sin(x)), "sin x in [-1, 1] inside (-pi/2, pi/2)"),
        T(P, "cos-sin-ge-cos1", ("cos(sin(x))", ">=", "cos(1)"), (lambda x: cos(sin(x)), lambda x: cos(1)),
          "|sin x| <= 1 and cos decreasing on [0, 1]", points=(half_pi,)),
        F(P, "cos-sin-ge-cos1-digits", ("cos(sin(x))", ">=", "0.5403023058681398"), lambda x: cos(sin(x)), half_pi,
          "cos(sin(pi/2)) = cos 1 = 0.54030230586813971740 < 0.5403023058681398"),
    ]


# -- removable singularities: 0/0 is undefined, whatever the limit ---------------------------------------------------

def removable_cases() -> list[Case]:
    R = "removable"
    U = "the left side is 0/0 there (undefined); the claim is about every real x"
    return [
        F(R, "difference-of-squares", ("(x**2 - 1)/(x - 1)", "==", "x + 1"),
          (lambda x: div(x * x - 1, x - 1), lambda x: x + 1), "1", U),
        F(R, "x2-over-x", ("x**2/x", "==", "x"), (lambda x: div(x * x, x), lambda x: x), "0", U),
        F(R, "x-over-x", ("x/x", "==", "1"), lambda x: div(x, x), "0", U),
        F(R, "cubes", ("(x**3 - 8)/(x - 2)", "==", "x**2 + 2*x + 4"),
          (lambda x: div(x ** 3 - 8, x - 2), lambda x: x * x + 2 * x + 4), "2", U),
        F(R, "squares-plus", ("(x**2 - 4)/(x + 2)", "==", "x - 2"), (lambda x: div(x * x - 4, x + 2), lambda x: x - 2),
          "-2", U),
        F(R, "sinc-le-1", ("sin(x)/x", "<=", "1"), lambda x: div(sin(x), x), "0", U + "; |sin x| <= |x| elsewhere"),
        F(R, "expm1-over-x-pos", ("(exp(x) - 1)/x", ">", "0"), lambda x: div(exp(x) - 1, x), "0",
          U + "; positive everywhere else"),
        F(R, "common-factor", ("x*(x - 1)/(x - 1)", "==", "x"), (lambda x: div(x * (x - 1), x - 1), lambda x: x), "1", U),
        F(R, "factor-x", ("(x**2 + x)/x", "==", "x + 1"), (lambda x: div(x * x + x, x), lambda x: x + 1), "0", U),
        F(R, "tanh-over-x-pos", ("tanh(x)/x", ">", "0"), lambda x: div(tanh(x), x), "0", U),
        F(R, "silu-over-x", ("x*sigmoid(x)/x", "==", "sigmoid(x)"), (lambda x: div(x * M.sigmoid(x), x), M.sigmoid),
          "0", U),
        F(R, "x2-over-x2", ("x**2/x**2", "==", "1"), lambda x: div(x * x, x * x), "0", U),
        F(R, "shifted-ratio", ("(x - 1)/(x - 1)", "<=", "1"), lambda x: div(x - 1, x - 1), "1", U),
        F(R, "double-reciprocal", ("1/(1/x)", "==", "x"), (lambda x: div(1, div(1, x)), lambda x: x), "0",
          "1/x is undefined at 0"),
        T(R, "sqrt-square", ("sqrt(x**2)", "==", "Abs(x)"), (lambda x: sqrt(x * x), abs), "sqrt(x^2) = |x| for real x"),
        F(R, "sinc-square", ("(sin(x)/x)**2", "<=", "1"), lambda x: div(sin(x), x) ** 2, "0", U),
        F(R, "versine-ratio", ("(1 - cos(x))/x**2", "<=", "0.5"), lambda x: div(1 - cos(x), x * x), "0", U),
        T(R, "versine-ratio-patched", ("Piecewise(((1 - cos(x))/x**2, x != 0), (0.5, True))", "<=", "0.5"),
          lambda x: div(1 - cos(x), x * x) if x != 0 else num("0.5"),
          "1 - cos x <= x^2/2 (cos x >= 1 - x^2/2), and the value 1/2 at 0", points=("0",)),
        T(R, "sinc-patched", ("Piecewise((sin(x)/x, x != 0), (1, True))", "<=", "1"),
          lambda x: div(sin(x), x) if x != 0 else mpf(1), "|sin x| <= |x|, and 1 at 0", points=("0",)),
        F(R, "difference-of-squares-gt", ("(x**2 - 1)/(x - 1)", ">", "x"), (lambda x: div(x * x - 1, x - 1), lambda x: x),
          "1", U + "; x + 1 > x elsewhere"),
        F(R, "x-over-x3", ("x/x**3", "==", "1/x**2"), (lambda x: div(x, x ** 3), lambda x: div(1, x * x)), "0",
          "both sides are undefined at 0"),
        T(R, "no-real-pole", ("(x**4 - 1)/(x**2 + 1)", "==", "x**2 - 1"),
          (lambda x: div(x ** 4 - 1, x * x + 1), lambda x: x * x - 1), "x^2 + 1 > 0: the division is exact everywhere"),
        F(R, "exp-ratio", ("(exp(2*x) - 1)/(exp(x) - 1)", "==", "exp(x) + 1"),
          (lambda x: div(exp(2 * x) - 1, exp(x) - 1), lambda x: exp(x) + 1), "0", U),
        T(R, "exp-ratio-no-pole", ("(exp(2*x) - 1)/(exp(x) + 1)", "==", "exp(x) - 1"),
          (lambda x: div(exp(2 * x) - 1, exp(x) + 1), lambda x: exp(x) - 1), "e^x + 1 > 0 divides e^2x - 1 exactly"),
        F(R, "square-over-root", ("(x**2 + 2*x + 1)/(x + 1)", ">=", "x"),
          (lambda x: div(x * x + 2 * x + 1, x + 1), lambda x: x), "-1", U),
        F(R, "sinh-over-x", ("sinh(x)/x", ">=", "1"), lambda x: div(sinh(x), x), "0", U),
        F(R, "sine-remainder", ("(x - sin(x))/x**3", "<=", "1/6"), lambda x: div(x - sin(x), x ** 3), "0", U),
        F(R, "x3-over-x2", ("x**3/x**2", "==", "x"), (lambda x: div(x ** 3, x * x), lambda x: x), "0", U),
        F(R, "sigmoid-factor", ("(x + 1)*sigmoid(x)/(x + 1)", "<", "1"), lambda x: div((x + 1) * M.sigmoid(x), x + 1),
          "-1", U),
        F(R, "tanh-over-tanh", ("tanh(x)/tanh(x)", "==", "1"), lambda x: div(tanh(x), tanh(x)), "0", U),
        F(R, "diff-of-removable", ("diff(x**2/x, x)", "==", "1"),
          lambda x: undefined("x^2/x is undefined at 0, so is its derivative") if x == 0 else mpf(1), "0",
          "x^2/x is not defined at 0, so it has no derivative there"),
        F(R, "difference-of-squares-minus", ("(x**2 - 1)/(x - 1) - x", "==", "1"), lambda x: div(x * x - 1, x - 1) - x,
          "1", U),
        T(R, "no-pole-ratio", ("(x**2 - 1)/(x**2 + 1)", "<", "1"), lambda x: div(x * x - 1, x * x + 1),
          "x^2 - 1 < x^2 + 1"),
        F(R, "gelu-over-x", ("gelu(x)/x", ">=", "0"), lambda x: div(M.gelu(x), x), "0", U + "; Phi(x) > 0 elsewhere"),
        F(R, "silu-over-x-eq", ("silu(x)/x", "==", "sigmoid(x)"), (lambda x: div(M.silu(x), x), M.sigmoid), "0", U),
        F(R, "sigmoid-slope", ("(sigmoid(x) - 1/2)/x", "<=", "1/4"), lambda x: div(M.sigmoid(x) - num("1/2"), x), "0",
          U + "; elsewhere it is tanh(x/2)/(2x) <= 1/4"),
        F(R, "log-exp-over-x", ("log(exp(x))/x", "==", "1"), lambda x: div(log(exp(x)), x), "0", U),
        F(R, "sixth-over-square", ("(x**6 - 1)/(x**2 - 1)", ">=", "1"), lambda x: div(x ** 6 - 1, x * x - 1), "1",
          U + "; x^4 + x^2 + 1 >= 1 elsewhere"),
        F(R, "expm1-neg-over-x", ("(1 - exp(-x))/x", ">", "0"), lambda x: div(1 - exp(-x), x), "0", U),
    ]


# -- domain gaps: log, sqrt, 1/x, real powers, inverse functions, Piecewise without a branch ---------------------------

def domain_cases() -> list[Case]:
    D = "domain"
    pw_pos = lambda x: x if x > 0 else undefined("no Piecewise branch")  # noqa: E731
    return [
        F(D, "log-tangent", ("log(x)", "<=", "x - 1"), (log, lambda x: x - 1), "0", "log 0 is undefined"),
        F(D, "log-square", ("log(x**2)", "==", "2*log(x)"), (lambda x: log(x * x), lambda x: 2 * log(x)), "-1",
          "log(-1) is undefined (the left side is 0)"),
        F(D, "log-square-bound", ("log(x**2)", ">=", "-1000"), lambda x: log(x * x), "0", "log 0"),
        T(D, "log-1p-square", ("log(x**2 + 1)", ">=", "0"), lambda x: log(x * x + 1), "x^2 + 1 >= 1"),
        T(D, "log-1p-le", ("log(1 + x**2)", "<=", "x**2"), (lambda x: log(1 + x * x), lambda x: x * x),
          "log(1 + t) <= t for t >= 0"),
        F(D, "sqrt-nonneg", ("sqrt(x)", ">=", "0"), sqrt, "-1", "sqrt(-1) is not real"),
        T(D, "sqrt-square-nonneg", ("sqrt(x**2)", ">=", "0"), lambda x: sqrt(x * x), "x^2 >= 0"),
        F(D, "sqrt-squared", ("sqrt(x)**2", "==", "x"), (lambda x: sqrt(x) ** 2, lambda x: x), "-1", "sqrt(-1)"),
        F(D, "sqrt-shifted", ("sqrt(x**2 - 1)", ">=", "0"), lambda x: sqrt(x * x - 1), "0", "sqrt(-1)"),
        F(D, "reciprocal-bound", ("1/x", ">", "-10**100"), (lambda x: div(1, x), lambda x: -num("1e100")), "0",
          "1/0 is undefined"),
        F(D, "reciprocal-product", ("x*(1/x)", "==", "1"), lambda x: x * div(1, x), "0", "1/0 is undefined"),
        F(D, "piecewise-partial", ("Piecewise((x, x > 0))", ">=", "0"), pw_pos, "-1", "no branch covers x = -1"),
        F(D, "piecewise-partial-gt", ("Piecewise((x, x > 0))", ">", "-1"), pw_pos, "0", "no branch covers x = 0"),
        F(D, "piecewise-hole", ("Piecewise((x, x > 0), (0, x < 0))", ">=", "0"),
          lambda x: x if x > 0 else (mpf(0) if x < 0 else undefined("no branch at 0")), "0", "no branch covers 0"),
        T(D, "piecewise-covered", ("Piecewise((x, x >= 0), (0, x < 0))", ">=", "0"), lambda x: x if x >= 0 else mpf(0),
          "the branches cover R; both are >= 0 where they apply"),
        F(D, "piecewise-sign-square", ("Piecewise((1, x > 0), (-1, x < 0))**2", "==", "1"),
          lambda x: (mpf(1) if x > 0 else (mpf(-1) if x < 0 else undefined("no branch at 0"))) ** 2, "0",
          "no branch covers 0"),
        F(D, "piecewise-hole-at-1", ("Piecewise((x, x > 1), (1, x < 1))", ">=", "1"),
          lambda x: x if x > 1 else (mpf(1) if x < 1 else undefined("no branch at 1")), "1", "no branch covers 1"),
        T(D, "log-sigmoid-neg", ("log(sigmoid(x))", "<", "0"), lambda x: log(M.sigmoid(x)), "0 < sigmoid < 1",
          xmax=100),
        T(D, "log-sigmoid-softplus", ("log(sigmoid(x))", "==", "-softplus(-x)"),
          (lambda x: log(M.sigmoid(x)), lambda x: -M.softplus(-x)), "log(1/(1 + e^-x)) = -log(1 + e^-x)", xmax=100),
        F(D, "log-tanh", ("log(tanh(x))", "<", "0"), lambda x: log(tanh(x)), "0", "tanh 0 = 0"),
        T(D, "log-softplus", ("log(softplus(x))", "<", "x"), (lambda x: log(M.softplus(x)), lambda x: x),
          "with t = e^x: log(1 + t) < t < e^t", xmax=100),
        F(D, "log-relu", ("log(relu(x))", "<=", "x"), (lambda x: log(M.relu(x)), lambda x: x), "0", "relu(0) = 0"),
        T(D, "sqrt-relu", ("sqrt(relu(x))", ">=", "0"), lambda x: sqrt(M.relu(x)), "relu >= 0"),
        F(D, "sqrt-tanh", ("sqrt(tanh(x))", ">=", "0"), lambda x: sqrt(tanh(x)), "-1", "tanh(-1) < 0"),
        F(D, "sqrt-sigmoid-shift", ("sqrt(sigmoid(x) - 0.5)", ">=", "0"), lambda x: sqrt(M.sigmoid(x) - num("0.5")),
          "-1", "sigmoid(-1) < 1/2"),
        T(D, "sqrt-softplus", ("sqrt(softplus(x))", ">", "0"), lambda x: sqrt(M.softplus(x)), "softplus > 0"),
        F(D, "sqrt-silu", ("sqrt(silu(x))", ">=", "0"), lambda x: sqrt(M.silu(x)), "-1", "silu(-1) < 0"),
        T(D, "sqrt-perfect-square", ("sqrt(x**2 - 2*x + 1)", "==", "Abs(x - 1)"),
          (lambda x: sqrt(x * x - 2 * x + 1), lambda x: abs(x - 1)), "x^2 - 2x + 1 = (x - 1)^2"),
        F(D, "sqrt-disc", ("sqrt(1 - x**2)", "<=", "1"), lambda x: sqrt(1 - x * x), "2", "1 - 4 < 0"),
        F(D, "log-abs", ("log(x**2)", ">=", "2*log(Abs(x))"), (lambda x: log(x * x), lambda x: 2 * log(abs(x))), "0",
          "log 0 on both sides"),
        T(D, "reciprocal-sigmoid", ("1/sigmoid(x)", "==", "1 + exp(-x)"), (lambda x: div(1, M.sigmoid(x)),
                                                                            lambda x: 1 + exp(-x)),
          "sigmoid > 0 and 1/sigmoid = 1 + e^-x"),
        T(D, "reciprocal-softplus", ("1/softplus(x)", ">", "0"), lambda x: div(1, M.softplus(x)), "softplus > 0"),
        F(D, "reciprocal-relu", ("1/relu(x)", ">", "0"), lambda x: div(1, M.relu(x)), "0", "relu(0) = 0"),
        F(D, "reciprocal-silu", ("1/silu(x)", "<", "10**100"), (lambda x: div(1, M.silu(x)), const("1e100")), "0",
          "silu(0) = 0"),
        F(D, "reciprocal-expm1", ("1/(exp(x) - 1)", ">", "-1"), lambda x: div(1, exp(x) - 1), "0", "e^0 - 1 = 0"),
        T(D, "reciprocal-lifted", ("1/(x**2 + 10**(-30))", ">", "0"), lambda x: div(1, x * x + num("1e-30")),
          "x^2 + 1e-30 > 0"),
        F(D, "reciprocal-lowered", ("1/(x**2 - 10**(-30))", ">", "0"), lambda x: div(1, x * x - num("1e-30")), "0",
          "at 0 the value is -1e30 (and it is undefined at +-1e-15)"),
        F(D, "half-power", ("x**0.5", ">=", "0"), lambda x: rpow(x, "1/2"), "-1", "(-1)**(1/2) is not real"),
        F(D, "third-power", ("x**(1/3)", ">=", "0"), lambda x: rpow(x, "1/3"), "-1",
          "(-1)**(1/3): not real under the issue's rule (a real power of a negative base); the real cube root -1 "
          "would be < 0 anyway"),
        F(D, "three-halves", ("x**1.5", ">=", "0"), lambda x: rpow(x, "3/2"), "-1", "(-1)**(3/2) is not real"),
        F(D, "acosh", ("acosh(x)", ">=", "0"), acosh, "0", "acosh is defined on [1, oo)"),
        F(D, "asin", ("asin(x)", "<=", "2"), asin, "2", "asin is defined on [-1, 1]"),
        T(D, "atanh-tanh", ("atanh(tanh(x))", "==", "x"), (lambda x: atanh(tanh(x)), lambda x: x),
          "tanh maps R into (-1, 1) where atanh inverts it", xmax=30),
        F(D, "tanh-atanh", ("tanh(atanh(x))", "==", "x"), (lambda x: tanh(atanh(x)), lambda x: x), "2",
          "atanh(2) is not real"),
        F(D, "asin-sin", ("asin(sin(x))", "==", "x"), (lambda x: asin(sin(x)), lambda x: x), "2",
          "asin(sin 2) = pi - 2 != 2"),
        F(D, "sin-asin", ("sin(asin(x))", "==", "x"), (lambda x: sin(asin(x)), lambda x: x), "2", "asin(2)"),
        F(D, "exp-log", ("exp(log(x))", "==", "x"), (lambda x: exp(log(x)), lambda x: x), "0", "log 0"),
        T(D, "log-exp", ("log(exp(x))", "==", "x"), (lambda x: log(exp(x)), lambda x: x), "log inverts exp on R"),
        F(D, "log-squared", ("log(x)**2", ">=", "0"), lambda x: log(x) ** 2, "0", "log 0"),
        F(D, "log-negative", ("log(-x**2)", "<=", "0"), lambda x: log(-x * x), "1", "log(-1): defined nowhere"),
        F(D, "sqrt-negative", ("sqrt(-x**2)", "==", "0"), lambda x: sqrt(-x * x), "1",
          "sqrt(-1): defined only at 0"),
        T(D, "sqrt-quartic", ("sqrt(x**4 + 1)", ">=", "x**2"), (lambda x: sqrt(x ** 4 + 1), lambda x: x * x),
          "x^4 + 1 > x^4"),
        F(D, "log-cos", ("log(cos(x))", "<=", "0"), lambda x: log(cos(x)), "2", "cos 2 < 0"),
        F(D, "log1p", ("log(1 + x)", "<=", "x"), (lambda x: log(1 + x), lambda x: x), "-1", "log 0"),
        T(D, "log-half-square", ("log(1 + x**2/2)", "<=", "x**2/2"), (lambda x: log(1 + x * x / 2), lambda x: x * x / 2),
          "log(1 + t) <= t"),
        F(D, "sigmoid-log", ("sigmoid(log(x))", "<", "1"), lambda x: M.sigmoid(log(x)), "0",
          "log 0; x/(1 + x) < 1 holds only where it is defined"),
    ]


# -- kinks: no derivative where the one-sided ones differ (or the function jumps) -------------------------------------

def kink_cases() -> list[Case]:
    K = "kink"
    one, zero = (lambda t: mpf(1)), (lambda t: mpf(0))
    d_max_x_x2 = lambda x: (M.kink(x, "0", lambda t: 2 * t, one) if x < num("1/2")  # noqa: E731
                            else M.kink(x, "1", one, lambda t: 2 * t))
    return [
        F(K, "abs-sign", ("diff(Abs(x), x)", "==", "sign(x)"), (M.d_abs, sign), "0",
          "|x| has one-sided derivatives -1 and 1 at 0: no derivative"),
        F(K, "relu-heaviside", ("diff(relu(x), x)", "==", "Heaviside(x)"), (M.d_relu, heaviside), "0",
          "relu has one-sided derivatives 0 and 1 at 0 (Heaviside(0) = 1/2 is no derivative)"),
        F(K, "relu-heaviside-1", ("diff(relu(x), x)", "==", "Heaviside(x, 1)"),
          (M.d_relu, lambda x: heaviside(x, "1")), "0", "relu has no derivative at 0"),
        T(K, "x-abs", ("diff(x*Abs(x), x)", "==", "2*Abs(x)"), (lambda x: 2 * abs(x), lambda x: 2 * abs(x)),
          "x|x| has derivative 2|x| for x != 0, and (h|h| - 0)/h = |h| -> 0 at 0", points=("0",)),
        T(K, "relu-square", ("diff(relu(x)**2, x)", "==", "2*relu(x)"), (lambda x: 2 * M.relu(x), lambda x: 2 * M.relu(x)),
          "relu^2 is x^2 for x > 0 and 0 for x < 0; both one-sided derivatives at 0 are 0", points=("0",)),
        T(K, "abs-cube", ("diff(Abs(x)**3, x)", "==", "3*x*Abs(x)"), (lambda x: 3 * x * abs(x), lambda x: 3 * x * abs(x)),
          "|x|^3 = x^2 |x| is C^2; derivative 3x|x|", points=("0",)),
        F(K, "max-zero", ("diff(Max(x, 0), x)", ">=", "0"), M.d_relu, "0", "max(x, 0) = relu: no derivative at 0"),
        F(K, "abs-le-1", ("diff(Abs(x), x)", "<=", "1"), M.d_abs, "0", "no derivative at 0"),
        F(K, "abs-square-1", ("diff(Abs(x), x)**2", "==", "1"), lambda x: M.d_abs(x) ** 2, "0", "no derivative at 0"),
        F(K, "leaky", ("diff(leaky_relu(x), x)", ">=", "0.01"), M.d_leaky_relu, "0", "one-sided 0.01 and 1 at 0"),
        F(K, "hardtanh", ("diff(hardtanh(x), x)", "<=", "1"), M.d_hardtanh, "1", "one-sided 1 and 0 at 1"),
        F(K, "relu6", ("diff(relu6(x), x)", "<=", "1"), M.d_relu6, "6", "one-sided 1 and 0 at 6"),
        F(K, "hardsigmoid", ("diff(hardsigmoid(x), x)", "<=", "1/6"), M.d_hardsigmoid, "-3",
          "one-sided 0 and 1/6 at -3"),
        F(K, "hardswish-right", ("diff(hardswish(x), x)", "<=", "1.5"), M.d_hardswish, "3",
          "one-sided 3/2 and 1 at 3"),
        F(K, "hardswish-left", ("diff(hardswish(x), x)", ">=", "-0.5"), M.d_hardswish, "-3",
          "one-sided 0 and -1/2 at -3"),
        T(K, "elu-c1", ("diff(elu(x), x)", ">", "0"), M.d_elu,
          "alpha = 1: alpha e^0 = 1 = right derivative, so elu is C1 with derivative min(e^x, 1) > 0", points=("0",)),
        F(K, "elu-alpha-above-1", ("diff(elu(x, alpha=1.000000000001), x)", ">", "0"),
          lambda x: M.d_elu(x, "1.000000000001"), "0", "one-sided derivatives 1.000000000001 and 1 at 0"),
        F(K, "elu-alpha-below-1", ("diff(elu(x, alpha=0.999999999999), x)", ">", "0"),
          lambda x: M.d_elu(x, "0.999999999999"), "0", "one-sided derivatives 0.999999999999 and 1 at 0"),
        T(K, "celu-c1", ("diff(celu(x), x)", ">", "0"), M.d_celu, "celu' = e^(x/alpha) on the left, 1 on the right: C1",
          points=("0",)),
        T(K, "celu-alpha-2", ("diff(celu(x, alpha=2), x)", ">", "0"), lambda x: M.d_celu(x, "2"),
          "celu is C1 for every alpha > 0", points=("0",)),
        F(K, "selu", ("diff(selu(x), x)", ">", "0"), M.d_selu, "0",
          "one-sided derivatives scale*alpha = 1.7581 and scale = 1.0507 at 0"),
        F(K, "softshrink", ("diff(softshrink(x), x)", ">=", "0"), M.d_softshrink, "0.5", "one-sided 0 and 1 at 1/2"),
        F(K, "hardshrink", ("diff(hardshrink(x), x)", ">=", "0"), M.d_hardshrink, "0.5", "hardshrink jumps at 1/2"),
        F(K, "binary-step", ("diff(binary_step(x), x)", "==", "0"), M.d_step, "0", "the step jumps at 0"),
        F(K, "sign", ("diff(sign(x), x)", "==", "0"), M.d_step, "0", "sign jumps at 0"),
        F(K, "heaviside", ("diff(Heaviside(x), x)", "==", "0"), M.d_step, "0", "Heaviside jumps at 0"),
        T(K, "abs-sin", ("diff(Abs(x)*sin(x), x)", "==", "Abs(x)*cos(x) + sign(x)*sin(x)"),
          (lambda x: M.kink(x, "0", lambda t: -sin(t) - t * cos(t), lambda t: sin(t) + t * cos(t)),
           lambda x: abs(x) * cos(x) + sign(x) * sin(x)),
          "|x| sin x: one-sided derivatives at 0 are both 0 (|h| sin h / h -> 0); the formula gives 0 there",
          points=("0",)),
        T(K, "abs-x2", ("diff(Abs(x)*x**2, x)", "==", "3*x*Abs(x)"), (lambda x: 3 * x * abs(x), lambda x: 3 * x * abs(x)),
          "|x| x^2 = |x|^3", points=("0",)),
        T(K, "abs-squared", ("diff(Abs(x)**2, x)", "==", "2*x"), (lambda x: 2 * x, lambda x: 2 * x), "|x|^2 = x^2",
          points=("0",)),
        F(K, "abs-sin-kink", ("diff(Abs(sin(x)), x)", "<=", "1"),
          lambda x: M.kink(x, "0", lambda t: -cos(t), cos) if abs(x) < 1 else abs(cos(x)), "0",
          "|sin x| has one-sided derivatives -1 and 1 at 0"),
        T(K, "abs-cubic", ("diff(Abs(x**3), x)", "==", "3*x*Abs(x)"), (lambda x: 3 * x * abs(x), lambda x: 3 * x * abs(x)),
          "|x^3| = |x|^3", points=("0",)),
        F(K, "abs-shift", ("diff(Abs(x - 1), x)", "==", "sign(x - 1)"), (lambda x: M.d_abs(x - 1), lambda x: sign(x - 1)),
          "1", "no derivative at 1"),
        F(K, "max-x-x2", ("diff(Max(x, x**2), x)", ">=", "-100"), d_max_x_x2, "0",
          "max(x, x^2) is x^2 left of 0 and x on (0, 1): one-sided derivatives 0 and 1 at 0"),
        T(K, "max-cubic", ("diff(Max(x**3, 0), x)", ">=", "0"), lambda x: 3 * x * x if x > 0 else mpf(0),
          "max(x^3, 0) is C1: derivative 3x^2 on the right, 0 on the left, 0 at 0", points=("0",)),
        T(K, "relu-square-nonneg", ("diff(relu(x)**2, x)", ">=", "0"), lambda x: 2 * M.relu(x), "2 relu(x) >= 0",
          points=("0",)),
        T(K, "softplus-sigmoid", ("diff(softplus(x), x)", "==", "sigmoid(x)"), (M.d_softplus, M.sigmoid),
          "d/dx log(1 + e^x) = e^x/(1 + e^x)"),
        T(K, "piecewise-smooth-join", ("diff(Piecewise((x**2, x < 0), (x**3, True)), x)**2", ">=", "0"),
          lambda x: M.kink(x, "0", lambda t: 2 * t, lambda t: 3 * t * t) ** 2,
          "x^2 | x^3 join continuously at 0 with one-sided derivatives 0 and 0", points=("0",)),
        F(K, "piecewise-jump", ("diff(Piecewise((x**2, x < 0), (x**3 + 1, True)), x)**2", ">=", "0"),
          lambda x: (M.jump(x, "0") if x == 0 else (2 * x if x < 0 else 3 * x * x)) ** 2, "0",
          "the function jumps from 0 to 1 at 0: no derivative"),
        T(K, "piecewise-sin-join", ("diff(Piecewise((x, x < 0), (sin(x), True)), x)", "<=", "1"),
          lambda x: M.kink(x, "0", lambda t: mpf(1), cos), "one-sided derivatives 1 and cos 0 = 1 at 0; cos <= 1",
          points=("0",)),
        F(K, "piecewise-tanh-kink", ("diff(Piecewise((2*x, x < 0), (tanh(x), True)), x)", "<=", "2"),
          lambda x: M.kink(x, "0", lambda t: mpf(2), M.d_tanh), "0", "one-sided derivatives 2 and 1 at 0"),
        T(K, "abs-times-x-nonneg", ("diff(Abs(x)*x, x)", ">=", "0"), lambda x: 2 * abs(x), "derivative 2|x|",
          points=("0",)),
        F(K, "abs-exp", ("diff(Abs(x)*exp(x), x)", ">=", "-1"),
          lambda x: M.kink(x, "0", lambda t: -(1 + t) * exp(t), lambda t: (1 + t) * exp(t)), "0",
          "one-sided derivatives -1 and 1 at 0"),
        F(K, "relu-nonneg", ("diff(relu(x), x)", ">=", "0"), M.d_relu, "0", "no derivative at 0"),
        F(K, "relu-le-1", ("diff(relu(x), x)", "<=", "1"), M.d_relu, "0", "no derivative at 0"),
        F(K, "abs-over-abs", ("diff(Abs(x), x)", "==", "x/Abs(x)"), (M.d_abs, lambda x: div(x, abs(x))), "0",
          "both sides undefined at 0"),
        F(K, "hardtanh-square", ("diff(hardtanh(x)**2, x)", "<=", "2"),
          lambda x: M.kink(x, "1", lambda t: 2 * t, zero) if x > 0 else M.kink(x, "-1", zero, lambda t: 2 * t), "1",
          "hardtanh^2 has one-sided derivatives 2 and 0 at 1"),
        T(K, "x-relu", ("diff(relu(x)*x, x)", "==", "2*relu(x)"), (lambda x: 2 * M.relu(x), lambda x: 2 * M.relu(x)),
          "x relu(x) = relu(x)^2 (0 on the left, x^2 on the right)", points=("0",)),
        F(K, "leaky-formula", ("diff(leaky_relu(x, alpha=0.2), x)", "==", "Piecewise((0.2, x < 0), (1, True))"),
          (lambda x: M.d_leaky_relu(x, "0.2"), lambda x: num("0.2") if x < 0 else mpf(1)), "0",
          "the derivative does not exist at 0, whatever value the formula picks"),
        F(K, "min-zero", ("diff(Min(x, 0), x)", "<=", "1"), lambda x: M.kink(x, "0", one, zero), "0",
          "one-sided derivatives 1 and 0 at 0"),
    ]


# -- smooth functions whose formulas look singular, and singular ones that look smooth ---------------------------------

def smooth_cases() -> list[Case]:
    S = "smooth"
    d_sq46 = lambda x: 2 * x * sqrt(1 + x * x) + x ** 3 / sqrt(1 + x * x)  # noqa: E731  (x^2 sqrt(1 + x^2))'
    flat = lambda x: exp(-1 / (x * x)) if x != 0 else mpf(0)  # noqa: E731
    d_flat = lambda x: 2 * exp(-1 / (x * x)) / x ** 3 if x != 0 else mpf(0)  # noqa: E731
    wiggle_d = lambda x: 2 * x * sin(1 / x) - cos(1 / x) if x != 0 else mpf(0)  # noqa: E731
    return [
        T(S, "sqrt46-derivative", ("diff(sqrt(x**4 + x**6), x)", "==", "2*x*sqrt(1 + x**2) + x**3/sqrt(1 + x**2)"),
          (d_sq46, d_sq46), "sqrt(x^4 + x^6) = x^2 sqrt(1 + x^2) is C-infinity; its derivative is this everywhere",
          points=("0",)),
        T(S, "sqrt46-derivative-defined", ("diff(sqrt(x**4 + x**6), x)**2", ">=", "0"), lambda x: d_sq46(x) ** 2,
          "the derivative exists everywhere (0 at 0)", points=("0",)),
        F(S, "sqrt-square-derivative", ("diff(sqrt(x**2), x)", "==", "sign(x)"), (M.d_abs, sign), "0",
          "sqrt(x^2) = |x|: no derivative at 0"),
        T(S, "sqrt-quartic", ("diff(sqrt(x**4), x)", "==", "2*x"), (lambda x: 2 * x, lambda x: 2 * x),
          "sqrt(x^4) = x^2", points=("0",)),
        T(S, "sqrt-sextic", ("diff(sqrt(x**6), x)", "==", "3*x*Abs(x)"), (lambda x: 3 * x * abs(x), lambda x: 3 * x * abs(x)),
          "sqrt(x^6) = |x|^3, C^2", points=("0",)),
        F(S, "sqrt24-derivative", ("diff(sqrt(x**2 + x**4), x)**2", ">=", "1"),
          lambda x: M.kink(x, "0", lambda t: -(sqrt(1 + t * t) + t * t / sqrt(1 + t * t)),
                           lambda t: sqrt(1 + t * t) + t * t / sqrt(1 + t * t)) ** 2, "0",
          "sqrt(x^2 + x^4) = |x| sqrt(1 + x^2): one-sided derivatives -1 and 1 at 0"),
        T(S, "abs-three-halves", ("diff(Abs(x)**1.5, x)**2", "<=", "2.25*Abs(x)"),
          (lambda x: (num("1.5") * sign(x) * sqrt(abs(x))) ** 2, lambda x: num("2.25") * abs(x)),
          "|x|^(3/2) has derivative (3/2) sign(x) |x|^(1/2), and 0 at 0 (|h|^(3/2)/h -> 0): equality", points=("0",)),
        F(S, "sqrt-abs", ("diff(sqrt(Abs(x)), x)**2", ">=", "0"),
          lambda x: undefined("vertical tangent at 0") if x == 0 else (sign(x) / (2 * sqrt(abs(x)))) ** 2, "0",
          "sqrt|h|/h is unbounded: no derivative at 0"),
        F(S, "wiggle-undefined", ("diff(x**2*sin(1/x), x)", "<=", "3"),
          lambda x: undefined("1/0") if x == 0 else wiggle_d(x), "0", "x^2 sin(1/x) is undefined at 0"),
        T(S, "wiggle-patched", ("diff(Piecewise((x**2*sin(1/x), x != 0), (0, True)), x)", "<=", "2*Abs(x) + 1"),
          (wiggle_d, lambda x: 2 * abs(x) + 1),
          "f'(x) = 2x sin(1/x) - cos(1/x) for x != 0 and f'(0) = lim h sin(1/h) = 0; |f'| <= 2|x| + 1",
          points=("0",)),
        T(S, "flat-nonneg", ("Piecewise((exp(-1/x**2), x != 0), (0, True))", ">=", "0"), flat, "exp > 0, and 0 at 0",
          points=("0",)),
        T(S, "flat-derivative", ("diff(Piecewise((exp(-1/x**2), x != 0), (0, True)), x)", "==",
                                 "Piecewise((2*exp(-1/x**2)/x**3, x != 0), (0, True))"), (d_flat, d_flat),
          "the classic C-infinity flat function: f'(0) = lim e^(-1/h^2)/h = 0", points=("0",)),
        T(S, "sqrt46-factored", ("sqrt(x**4 + x**6)", "==", "x**2*sqrt(1 + x**2)"),
          (lambda x: sqrt(x ** 4 + x ** 6), lambda x: x * x * sqrt(1 + x * x)), "x^4 + x^6 = (x^2)^2 (1 + x^2)"),
        T(S, "sqrt-times-x", ("sqrt(x**2)*x", "==", "x*Abs(x)"), (lambda x: sqrt(x * x) * x, lambda x: x * abs(x)),
          "sqrt(x^2) = |x|"),
        T(S, "sqrt-lifted", ("sqrt(x**2 + 10**(-40))", ">", "Abs(x)"),
          (lambda x: sqrt(x * x + num("1e-40")), abs), "x^2 + 1e-40 > x^2 >= 0"),
        F(S, "sqrt-lifted-gap", ("sqrt(x**2 + 10**(-40))", ">=", "Abs(x) + 10**(-20)"),
          (lambda x: sqrt(x * x + num("1e-40")), lambda x: abs(x) + num("1e-20")), "1",
          "sqrt(1 + 1e-40) = 1 + 5e-41 < 1 + 1e-20"),
        T(S, "abs-cube-sqrt", ("Abs(x)**3", "==", "sqrt(x**6)"), (lambda x: abs(x) ** 3, lambda x: sqrt(x ** 6)),
          "both are |x|^3"),
        F(S, "sign-ratio", ("x/sqrt(x**2)", "==", "sign(x)"), (lambda x: div(x, sqrt(x * x)), sign), "0", "0/0 at 0"),
        F(S, "power-of-square", ("(x**2)**(1/2)", "==", "x"), (lambda x: rpow(x * x, "1/2"), lambda x: x), "-1",
          "(x^2)^(1/2) = |x| = 1 at -1"),
        F(S, "flat-unpatched", ("exp(-1/x**2)", "<", "1"), lambda x: exp(-div(1, x * x)), "0", "1/0 at 0"),
        T(S, "x3-abs", ("diff(x**3*Abs(x), x)", "==", "4*x**2*Abs(x)"),
          (lambda x: 4 * x * x * abs(x), lambda x: 4 * x * x * abs(x)), "x^3 |x| = x^4 sign(x): derivative 4 x^2 |x|",
          points=("0",)),
        T(S, "relu-three-halves", ("diff(relu(x)**1.5, x)", ">=", "0"),
          lambda x: num("1.5") * sqrt(x) if x > 0 else mpf(0), "relu^(3/2): (3/2) sqrt(x) on the right, 0 left and at 0",
          points=("0",)),
        T(S, "x-sqrt-1px2", ("diff(x*sqrt(x**2 + 1), x)", ">", "0"),
          lambda x: sqrt(x * x + 1) + x * x / sqrt(x * x + 1), "sqrt(x^2+1) + x^2/sqrt(x^2+1) > 0"),
        T(S, "x2-sign", ("diff(x**2*sign(x), x)", "==", "2*Abs(x)"), (lambda x: 2 * abs(x), lambda x: 2 * abs(x)),
          "x^2 sign(x) = x|x|, derivative 2|x| (0 at 0)", points=("0",)),
        T(S, "x2-heaviside", ("diff(x**2*Heaviside(x), x)", "==", "2*relu(x)"),
          (lambda x: 2 * M.relu(x), lambda x: 2 * M.relu(x)),
          "x^2 H(x) is 0 left of 0 and x^2 right of it (0 at 0 whatever H(0)): derivative 2 relu(x)", points=("0",)),
        F(S, "x-heaviside", ("diff(x*Heaviside(x), x)", "==", "Heaviside(x)"), (M.d_relu, heaviside), "0",
          "x H(x) = relu(x): one-sided derivatives 0 and 1 at 0"),
        T(S, "perfect-square-root", ("sqrt(x**2 + 2*x + 1)", "==", "Abs(x + 1)"),
          (lambda x: sqrt(x * x + 2 * x + 1), lambda x: abs(x + 1)), "(x + 1)^2"),
        F(S, "perfect-square-root-derivative", ("diff(sqrt(x**2 + 2*x + 1), x)", "==", "sign(x + 1)"),
          (lambda x: M.d_abs(x + 1), lambda x: sign(x + 1)), "-1", "|x + 1| has no derivative at -1"),
        T(S, "square-of-lifted", ("diff(sqrt(x**4 + 2*x**2 + 1), x)", "==", "2*x"), (lambda x: 2 * x, lambda x: 2 * x),
          "sqrt((x^2 + 1)^2) = x^2 + 1"),
        T(S, "x-sqrt-abs", ("diff(x*sqrt(Abs(x)), x)", ">=", "0"), lambda x: num("1.5") * sqrt(abs(x)),
          "x |x|^(1/2): derivative (3/2)|x|^(1/2), 0 at 0 (|h|^(1/2) -> 0); the formula's 0/0 is removable",
          points=("0",)),
        T(S, "x-sqrt-abs-formula", ("diff(x*sqrt(Abs(x)), x)", "==", "1.5*sqrt(Abs(x))"),
          (lambda x: num("1.5") * sqrt(abs(x)), lambda x: num("1.5") * sqrt(abs(x))), "as above", points=("0",)),
    ]


# -- parameters at the edges of their conditions ---------------------------------------------------------------------

def parameter_cases() -> list[Case]:
    P = "parameter"
    with mp.workdps(120):
        la = num(M.SELU_ALPHA) * num(M.SELU_SCALE)
        selu_lo, selu_hi = dec(-la - mpf(10) ** -20, 24), dec(-la + mpf(10) ** -20, 24)
    sp2 = lambda x: M.softplus(x, "2")  # noqa: E731
    sp1000 = lambda x: M.softplus(x, "1000")  # noqa: E731
    return [
        F(P, "elu-alpha-above-1-floor", ("elu(x, alpha=1.000000000001)", ">", "-1"),
          lambda x: M.elu(x, "1.000000000001"), "-40", "elu -> -alpha = -1.000000000001 < -1 at -oo; at -40 it is "
          "-1.000000000001 + 4e-18"),
        T(P, "elu-alpha-below-1-floor", ("elu(x, alpha=0.999999999999)", ">", "-1"),
          lambda x: M.elu(x, "0.999999999999"), "elu > -alpha = -0.999999999999 > -1"),
        T(P, "elu-floor", ("elu(x)", ">", "-1"), M.elu, "e^x - 1 > -1; x >= 0 on the right"),
        F(P, "elu-floor-up", ("elu(x)", ">=", "-0.999999999999"), M.elu, "-40", "e^-40 - 1 = -1 + 4.2e-18"),
        T(P, "leaky-zero-is-relu", ("leaky_relu(x, alpha=0)", "==", "relu(x)"),
          (lambda x: M.leaky_relu(x, "0"), M.relu), "slope 0 on the left is relu"),
        T(P, "leaky-one-is-identity", ("leaky_relu(x, alpha=1)", "==", "x"), (lambda x: M.leaky_relu(x, "1"),
                                                                             lambda x: x), "slope 1 on both sides"),
        F(P, "leaky-above-one", ("leaky_relu(x, alpha=1.0000000000000001)", ">=", "x"),
          (lambda x: M.leaky_relu(x, "1.0000000000000001"), lambda x: x), "-1", "-1.0000000000000001 < -1"),
        T(P, "leaky-le-relu", ("leaky_relu(x)", "<=", "relu(x)"), (M.leaky_relu, M.relu), "0.01 x < 0 for x < 0"),
        T(P, "leaky-ge-line", ("leaky_relu(x)", ">=", "0.01*x"), (M.leaky_relu, lambda x: num("0.01") * x),
          "x >= 0.01 x for x >= 0; equal for x < 0"),
        T(P, "celu-one-is-elu", ("celu(x, alpha=1)", "==", "elu(x)"), (lambda x: M.celu(x, "1"), M.elu),
          "alpha = 1: e^(x/1) = e^x"),
        F(P, "celu-elu-off-one", ("celu(x, alpha=1.000000000001)", "==", "elu(x, alpha=1.000000000001)"),
          (lambda x: M.celu(x, "1.000000000001"), lambda x: M.elu(x, "1.000000000001")), "-1",
          "e^(-1/alpha) != e^-1 for alpha != 1"),
        T(P, "softplus-beta-order", ("softplus(x, beta=2)", "<=", "softplus(x)"), (sp2, M.softplus),
          "log(1 + e^(bx))/b decreases in b: its b-derivative is (u s(u) - log(1 + e^u))/b^2 < 0 (u = bx)"),
        T(P, "softplus-beta-above-relu", ("softplus(x, beta=2)", ">=", "relu(x)"), (sp2, M.relu),
          "log(1 + e^u) > max(u, 0)"),
        T(P, "softplus-beta-1000-above-relu", ("softplus(x, beta=1000)", ">", "relu(x)"), (sp1000, M.relu),
          "log(1 + e^u) > max(u, 0)"),
        T(P, "softplus-beta-1000-gap", ("softplus(x, beta=1000) - relu(x)", "<=", "log(2)/1000"),
          (lambda x: sp1000(x) - M.relu(x), lambda x: log(2) / 1000),
          "log(1 + e^u) - max(u, 0) = log(1 + e^-|u|) <= log 2, equality at 0", points=("0",)),
        F(P, "softplus-beta-1000-gap-digits", ("softplus(x, beta=1000) - relu(x)", "<=", "0.000693147180559945"),
          lambda x: sp1000(x) - M.relu(x), "0", "log(2)/1000 = 0.000693147180559945309... at x = 0"),
        T(P, "silu-beta-1", ("silu(x, beta=1)", "==", "x*sigmoid(x)"), (lambda x: M.silu(x, "1"),
                                                                        lambda x: x * M.sigmoid(x)), "definition"),
        T(P, "silu-beta-2", ("silu(x, beta=2)", "==", "x*sigmoid(2*x)"), (lambda x: M.silu(x, "2"),
                                                                          lambda x: x * M.sigmoid(2 * x)), "definition"),
        T(P, "hardtanh-wide", ("hardtanh(x, min_val=-2, max_val=2)", "==", "Max(-2, Min(2, x))"),
          (lambda x: M.hardtanh(x, "-2", "2"), lambda x: Max(mpf(-2), Min(mpf(2), x))), "clip to [-2, 2]"),
        T(P, "relu6-le-6", ("relu6(x)", "<=", "6"), M.relu6, "clipped at 6", points=("6",)),
        F(P, "relu6-lt-6", ("relu6(x)", "<", "6"), M.relu6, "6", "relu6(6) = 6: a tie", exact=True),
        T(P, "hardsigmoid-relu6", ("hardsigmoid(x)", "==", "relu6(x + 3)/6"), (M.hardsigmoid,
                                                                              lambda x: M.relu6(x + 3) / 6),
          "PyTorch's definition"),
        F(P, "hardsigmoid-lt-1", ("hardsigmoid(x)", "<", "1"), M.hardsigmoid, "3", "hardsigmoid(3) = 1", exact=True),
        T(P, "hardswish-floor", ("hardswish(x)", ">=", "-0.375"), M.hardswish,
          "x(x + 3)/6 on [-3, 3] has its minimum -3/8 at -3/2", points=("-1.5",)),
        F(P, "hardswish-floor-strict", ("hardswish(x)", ">", "-0.375"), M.hardswish, "-1.5",
          "hardswish(-3/2) = -3/8: a tie", exact=True),
        F(P, "hardswish-floor-up", ("hardswish(x)", ">=", "-0.374999999999999999999"), M.hardswish, "-1.5",
          "hardswish(-3/2) = -3/8"),
        T(P, "softshrink-zero", ("softshrink(x, lambd=0)", "==", "x"), (lambda x: M.softshrink(x, "0"), lambda x: x),
          "threshold 0 shrinks nothing"),
        T(P, "hardshrink-zero", ("hardshrink(x, lambd=0)", "==", "x"), (lambda x: M.hardshrink(x, "0"), lambda x: x),
          "x for |x| > 0 and 0 = x at 0"),
        T(P, "selu-floor", ("selu(x)", ">", selu_lo), M.selu, "selu > -scale*alpha = -1.75809934084737685994..."),
        F(P, "selu-floor-up", ("selu(x)", ">=", selu_hi), M.selu, "-60",
          "selu(-60) = -scale*alpha (1 - e^-60), within 2e-26 of -scale*alpha"),
        T(P, "rrelu-slope", ("rrelu(x)", "==", "leaky_relu(x, alpha=11/48)"),
          (M.rrelu, lambda x: M.leaky_relu(x, "11/48")), "(1/8 + 1/3)/2 = 11/48"),
        T(P, "prelu-slope", ("prelu(x)", "==", "leaky_relu(x, alpha=0.25)"), (M.prelu, lambda x: M.leaky_relu(x, "0.25")),
          "prelu's default slope is 1/4"),
        F(P, "prelu-slope-off", ("prelu(x)", "==", "leaky_relu(x, alpha=0.2500000000000001)"),
          (M.prelu, lambda x: M.leaky_relu(x, "0.2500000000000001")), "-1", "slopes differ by 1e-16"),
        T(P, "elu-alpha-2-floor", ("elu(x, alpha=2)", ">", "-2"), lambda x: M.elu(x, "2"), "2(e^x - 1) > -2"),
        F(P, "elu-alpha-2-floor-up", ("elu(x, alpha=2)", ">=", "-1.99999999999999999999"), lambda x: M.elu(x, "2"),
          "-60", "2(e^-60 - 1) = -2 + 1.8e-26"),
        T(P, "celu-half-floor", ("celu(x, alpha=0.5)", ">", "-0.5"), lambda x: M.celu(x, "0.5"), "0.5(e^(2x) - 1) > -0.5"),
        F(P, "gelu-tanh-not-gelu", ("gelu_tanh(x)", "==", "gelu(x)"), (M.gelu_tanh, M.gelu), "1",
          "the tanh form is an approximation: they differ by 1.5e-4 at 1"),
        T(P, "softplus-beta-1", ("softplus(x, beta=1)", "==", "log(1 + exp(x))"),
          (lambda x: M.softplus(x, "1"), lambda x: log(1 + exp(x))), "definition", xmax=100),
        F(P, "softplus-beta-off", ("softplus(x, beta=1.0000000000000001)", "==", "softplus(x)"),
          (lambda x: M.softplus(x, "1.0000000000000001"), M.softplus), "1", "a beta-derivative != 0 at 1"),
        T(P, "leaky-as-max", ("leaky_relu(x, alpha=0.01)", "==", "Max(x, 0.01*x)"),
          (M.leaky_relu, lambda x: Max(x, num("0.01") * x)), "alpha < 1: alpha x > x exactly for x < 0"),
        F(P, "leaky-steep-as-max", ("leaky_relu(x, alpha=1.5)", "==", "Max(x, 1.5*x)"),
          (lambda x: M.leaky_relu(x, "1.5"), lambda x: Max(x, num("1.5") * x)), "-1",
          "alpha > 1: at -1, leaky = -1.5 but max(-1, -1.5) = -1"),
        T(P, "leaky-steep-as-min", ("leaky_relu(x, alpha=1.5)", "==", "Min(x, 1.5*x)"),
          (lambda x: M.leaky_relu(x, "1.5"), lambda x: Min(x, num("1.5") * x)), "alpha > 1: the smaller line"),
        T(P, "hardtanh-relu6", ("hardtanh(x, min_val=0, max_val=6)", "==", "relu6(x)"),
          (lambda x: M.hardtanh(x, "0", "6"), M.relu6), "clip to [0, 6]"),
        F(P, "hardtanh-relu6-off", ("hardtanh(x, min_val=0, max_val=6.000000000000001)", "==", "relu6(x)"),
          (lambda x: M.hardtanh(x, "0", "6.000000000000001"), M.relu6), "7", "the caps differ by 1e-15"),
        T(P, "celu-above-elu", ("celu(x, alpha=2)", ">=", "elu(x, alpha=2)"),
          (lambda x: M.celu(x, "2"), lambda x: M.elu(x, "2")), "x < 0: e^(x/2) > e^x; equal for x >= 0"),
        F(P, "celu-below-elu", ("celu(x, alpha=0.5)", ">=", "elu(x, alpha=0.5)"),
          (lambda x: M.celu(x, "0.5"), lambda x: M.elu(x, "0.5")), "-1", "e^-2 < e^-1"),
    ]


# -- compositions of activations ----------------------------------------------------------------------------------------

def _approximation_errors():
    """max |gelu - x sigmoid(1.702 x)| and max |gelu_tanh - gelu|, where they are attained (120 digits)."""
    out = {}
    with mp.workdps(120):
        for name, g in (("sig1702", lambda x: M.gelu(x) - M.silu(x, "1.702")),
                        ("tanhform", lambda x: M.gelu_tanh(x) - M.gelu(x))):
            best = max((abs(g(mpf(k) / 50)), mpf(k) / 50) for k in range(-400, 401))[1]
            xs = mpmath.findroot(lambda x: mpmath.diff(g, x), best)
            out[name] = (abs(g(xs)), xs, g)
    return out


def composition_cases() -> list[Case]:
    C = "composition"
    errs = _approximation_errors()
    extra = []
    for name, text in (("sig1702", "gelu(x) - x*sigmoid(1.702*x)"), ("tanhform", "gelu_tanh(x) - gelu(x)")):
        e, xs, g = errs[name]
        with mp.workdps(120):
            hi, lo, wit = dec(e + mpf(10) ** -15, 20), dec(e - mpf(10) ** -15, 20), dec(xs, 64)
        f = (lambda g: lambda x: abs(g(x)))(g)
        why = f"the largest |{text}| is {mpmath.nstr(e, 20)} at x = {mpmath.nstr(xs, 15)} (findroot on the derivative)"
        extra += [T(C, f"{name}-error-bound", (f"Abs({text})", "<=", hi), f, why + "; the constant is 1e-15 above",
                    points=(wit,)),
                  F(C, f"{name}-error-bound-tight", (f"Abs({text})", "<=", lo), f, wit,
                    why + "; the constant is 1e-15 below")]
    return extra + [
        T(C, "tanh-sigmoid", ("tanh(x)", "==", "2*sigmoid(2*x) - 1"), (tanh, lambda x: 2 * M.sigmoid(2 * x) - 1),
          "2/(1 + e^-2x) - 1 = (1 - e^-2x)/(1 + e^-2x) = tanh x"),
        F(C, "tanh-half-decimal", ("tanh(0.4999999999999999*x)", "==", "tanh(x/2)"),
          (lambda x: tanh(num("0.4999999999999999") * x), lambda x: tanh(x / 2)), "1",
          "the arguments differ by 1e-16 at x = 1 and tanh is strictly increasing"),
        T(C, "softplus-odd-part", ("softplus(x) - softplus(-x)", "==", "x"),
          (lambda x: M.softplus(x) - M.softplus(-x), lambda x: x), "log((1 + e^x)/(1 + e^-x)) = log e^x"),
        T(C, "silu-def", ("silu(x)", "==", "x*sigmoid(x)"), (M.silu, lambda x: x * M.sigmoid(x)), "definition"),
        T(C, "mish-def", ("mish(x)", "==", "x*tanh(softplus(x))"), (M.mish, lambda x: x * tanh(M.softplus(x))),
          "definition"),
        F(C, "mish-ge-silu", ("mish(x)", ">=", "silu(x)"), (M.mish, M.silu), "-1",
          "tanh(softplus x) > sigmoid x everywhere (t = e^x: (t^2 + 2t)(1 + t) - t(t^2 + 2t + 2) = t^2 > 0), "
          "so mish < silu for x < 0"),
        T(C, "mish-silu-times-x", ("mish(x)*x", ">=", "silu(x)*x"), (lambda x: M.mish(x) * x, lambda x: M.silu(x) * x),
          "x^2 (tanh(softplus x) - sigmoid x) >= 0 by the identity above"),
        T(C, "mish-silu-abs", ("Abs(mish(x))", ">=", "Abs(silu(x))"), (lambda x: abs(M.mish(x)), lambda x: abs(M.silu(x))),
          "tanh(softplus x) > sigmoid x > 0"),
        T(C, "gelu-def", ("gelu(x)", "==", "x*(1 + erf(x/sqrt(2)))/2"),
          (M.gelu, lambda x: x * (1 + erf(x / mp.sqrt(2))) / 2), "definition"),
        F(C, "gelu-decimal-root2", ("gelu(x)", "==", "x*(1 + erf(x/1.4142135623730951))/2"),
          (M.gelu, lambda x: x * (1 + erf(x / num("1.4142135623730951"))) / 2), "1",
          "1.4142135623730951 != sqrt(2) (by 1e-16)"),
        T(C, "gelu-odd-part", ("gelu(x) - gelu(-x)", "==", "x"), (lambda x: M.gelu(x) - M.gelu(-x), lambda x: x),
          "x Phi(x) + x Phi(-x) = x"),
        T(C, "silu-odd-part", ("silu(x) - silu(-x)", "==", "x"), (lambda x: M.silu(x) - M.silu(-x), lambda x: x),
          "x s(x) + x s(-x) = x"),
        F(C, "mish-odd-part", ("mish(x) - mish(-x)", "==", "x"), (lambda x: M.mish(x) - M.mish(-x), lambda x: x), "1",
          "tanh(softplus 1) + tanh(softplus -1) = 0.865 + 0.303 != 1"),
        T(C, "sigmoid-tanh", ("sigmoid(x)", "==", "(1 + tanh(x/2))/2"), (M.sigmoid, lambda x: (1 + tanh(x / 2)) / 2),
          "the tanh-sigmoid identity", xmax=1000),
        F(C, "sigmoid-tanh-decimal", ("sigmoid(x)", "==", "(1 + tanh(0.5000000000000001*x))/2"),
          (M.sigmoid, lambda x: (1 + tanh(num("0.5000000000000001") * x)) / 2), "1", "argument off by 1e-16"),
        T(C, "softplus-logsigmoid", ("softplus(x)", "==", "-logsigmoid(-x)"), (M.softplus, lambda x: -M.logsigmoid(-x)),
          "log(1 + e^x) = -(-log(1 + e^x))"),
        T(C, "logsigmoid-log", ("logsigmoid(x)", "==", "log(sigmoid(x))"), (M.logsigmoid, lambda x: log(M.sigmoid(x))),
          "definition", xmax=100),
        T(C, "tanhshrink-def", ("tanhshrink(x)", "==", "x - tanh(x)"), (M.tanhshrink, lambda x: x - tanh(x)),
          "definition"),
        T(C, "softsign-def", ("softsign(x)", "==", "x/(1 + Abs(x))"), (M.softsign, lambda x: x / (1 + abs(x))),
          "definition"),
        T(C, "relu-odd-part", ("relu(x) - relu(-x)", "==", "x"), (lambda x: M.relu(x) - M.relu(-x), lambda x: x),
          "one of the two is 0"),
        T(C, "relu-even-part", ("relu(x) + relu(-x)", "==", "Abs(x)"), (lambda x: M.relu(x) + M.relu(-x), abs),
          "one of the two is 0, the other |x|"),
        T(C, "relu-abs", ("relu(x)", "==", "(x + Abs(x))/2"), (M.relu, lambda x: (x + abs(x)) / 2), "case split at 0"),
        T(C, "relu-idempotent", ("relu(relu(x))", "==", "relu(x)"), (lambda x: M.relu(M.relu(x)), M.relu),
          "relu >= 0 is fixed by relu"),
        T(C, "tanh-tanh", ("tanh(tanh(x))", "<", "tanh(1)"), (lambda x: tanh(tanh(x)), lambda x: tanh(1)),
          "tanh x < 1 and tanh increasing"),
        T(C, "softplus-softplus", ("softplus(softplus(x))", ">", "0"), lambda x: M.softplus(M.softplus(x)),
          "softplus > 0"),
        T(C, "sigmoid-product-derivative", ("sigmoid(x)*sigmoid(-x)", "==", "diff(sigmoid(x), x)"),
          (lambda x: M.sigmoid(x) * M.sigmoid(-x), M.d_sigmoid), "s' = s(1 - s) = s(x) s(-x)", xmax=1000),
        T(C, "tanh-derivative", ("diff(tanh(x), x)", "==", "1 - tanh(x)**2"), (M.d_tanh, lambda x: 1 - tanh(x) ** 2),
          "tanh' = sech^2 = 1 - tanh^2"),
        T(C, "silu-derivative", ("diff(silu(x), x)", "==", "sigmoid(x)*(1 + x*(1 - sigmoid(x)))"),
          (M.d_silu, lambda x: M.sigmoid(x) * (1 + x * (1 - M.sigmoid(x)))), "product rule"),
        T(C, "gelu-derivative", ("diff(gelu(x), x)", "==", "(1 + erf(x/sqrt(2)))/2 + x*exp(-x**2/2)/sqrt(2*pi)"),
          (M.d_gelu, lambda x: (1 + erf(x / mp.sqrt(2))) / 2 + x * exp(-x * x / 2) / mp.sqrt(2 * mp.pi)),
          "product rule: Phi + x phi"),
        T(C, "softplus-above-relu", ("softplus(x)", ">=", "relu(x)"), (M.softplus, M.relu), "log(1 + e^x) > max(x, 0)"),
        T(C, "softplus-relu-gap", ("softplus(x) - relu(x)", "<=", "log(2)"),
          (lambda x: M.softplus(x) - M.relu(x), lambda x: log(2)), "softplus - relu = log(1 + e^-|x|) <= log 2",
          points=("0",)),
        F(C, "softplus-relu-gap-digits", ("softplus(x) - relu(x)", "<=", "0.6931471805599453"),
          lambda x: M.softplus(x) - M.relu(x), "0", "log 2 = 0.69314718055994530942 > 0.6931471805599453"),
        T(C, "silu-below-relu", ("silu(x)", "<=", "relu(x)"), (M.silu, M.relu),
          "x s(x) < x for x > 0 and < 0 for x < 0; equal at 0"),
        F(C, "silu-strictly-below-relu", ("silu(x)", "<", "relu(x)"), (M.silu, M.relu), "0", "both 0 at 0",
          exact=True),
        T(C, "gelu-below-relu", ("gelu(x)", "<=", "relu(x)"), (M.gelu, M.relu), "x Phi(x) vs max(x, 0): Phi in (0, 1)"),
        T(C, "mish-below-relu", ("mish(x)", "<=", "relu(x)"), (M.mish, M.relu), "tanh(softplus) in (0, 1)"),
        T(C, "sigmoid-reflection", ("sigmoid(-x)", "==", "1 - sigmoid(x)"), (lambda x: M.sigmoid(-x),
                                                                           lambda x: 1 - M.sigmoid(x)), "1/(1+e^x)",
          xmax=1000),
        T(C, "tanh-exp", ("tanh(x)", "==", "(exp(2*x) - 1)/(exp(2*x) + 1)"),
          (tanh, lambda x: (exp(2 * x) - 1) / (exp(2 * x) + 1)), "definition of tanh"),
        F(C, "tanh-sigmoid-decimal", ("tanh(x)", "==", "2*sigmoid(2.0000000000000001*x) - 1"),
          (tanh, lambda x: 2 * M.sigmoid(num("2.0000000000000001") * x) - 1), "1", "argument off by 1e-16"),
        T(C, "mish-rational", ("mish(x)", "==", "x*((1 + exp(x))**2 - 1)/((1 + exp(x))**2 + 1)"),
          (M.mish, lambda x: x * ((1 + exp(x)) ** 2 - 1) / ((1 + exp(x)) ** 2 + 1)),
          "tanh(log u) = (u^2 - 1)/(u^2 + 1) with u = 1 + e^x", xmax=1000),
        T(C, "gelu-above-silu", ("gelu(x)", ">=", "silu(x)"), (M.gelu, M.silu),
          "x(Phi(x) - s(x)) >= 0: Phi(x) > s(x) for x > 0 (Phi - s vanishes at 0 with slope 0.399 - 0.25 > 0, "
          "and 1 - Phi(x) <= phi(x)/x < e^-x/(1 + e^-x) beyond 2), Phi(x) < s(x) for x < 0 by symmetry"),
        T(C, "exp-log-sigmoid", ("exp(log(sigmoid(x)))", "==", "sigmoid(x)"), (lambda x: exp(log(M.sigmoid(x))),
                                                                             M.sigmoid), "sigmoid > 0", xmax=100),
        T(C, "sigmoid-double", ("sigmoid(2*x)", "==", "sigmoid(x)**2/(sigmoid(x)**2 + sigmoid(-x)**2)"),
          (lambda x: M.sigmoid(2 * x), lambda x: M.sigmoid(x) ** 2 / (M.sigmoid(x) ** 2 + M.sigmoid(-x) ** 2)),
          "divide numerator and denominator by (1 + e^x)^-2: e^2x/(e^2x + 1)"),
        T(C, "softplus-subadditive", ("softplus(2*x)", "<=", "2*softplus(x)"),
          (lambda x: M.softplus(2 * x), lambda x: 2 * M.softplus(x)), "1 + t^2 <= (1 + t)^2 for t = e^x > 0"),
        T(C, "softplus-double-gap", ("softplus(2*x)", ">=", "2*softplus(x) - log(2)"),
          (lambda x: M.softplus(2 * x), lambda x: 2 * M.softplus(x) - log(2)),
          "(1 + t)^2/(1 + t^2) <= 2 (i.e. (1 - t)^2 >= 0), equality at t = 1 (x = 0)", points=("0",)),
        F(C, "softplus-double-gap-digits", ("softplus(2*x)", ">=", "2*softplus(x) - 0.69314718055994530941"),
          (lambda x: M.softplus(2 * x), lambda x: 2 * M.softplus(x) - num("0.69314718055994530941")), "0",
          "at 0: log 2 >= 2 log 2 - 0.69314718055994530941 fails since log 2 = 0.693147180559945309417..."),
    ]


# -- tiny values near 0 -------------------------------------------------------------------------------------------------

def tiny_cases() -> list[Case]:
    Y = "tiny"
    out = []
    for eps, wit in (("1e-10", "-5e-11"), ("1e-20", "-5e-21"), ("1e-30", "-5e-31"), ("1e-40", "-5e-41")):
        for fname, f in (("tanh", tanh), ("sin", sin), ("atan", atan), ("x", lambda x: x)):
            term = "x" if fname == "x" else f"{fname}(x)"
            out.append(F(Y, f"square-plus-{eps}-{fname}", (f"x**2 + {eps}*{term}", ">=", "0"),
                         (lambda e, f: lambda x: x * x + num(e) * f(x))(eps, f), wit,
                         f"at x = {wit}: x^2 = {mpmath.nstr(num(wit) ** 2, 3)} but {eps}*{term} is about "
                         f"{mpmath.nstr(num(eps) * num(wit), 3)}", dps=150))
    out += [
        F(Y, "square-minus-x", ("x**2 - 1e-30*x", ">=", "0"), lambda x: x * x - num("1e-30") * x, "5e-31",
          "x(x - 1e-30) < 0 on (0, 1e-30)", dps=150),
        F(Y, "square-sigmoid", ("x**2 + 1e-30*(sigmoid(x) - 0.5)", ">=", "0"),
          lambda x: x * x + num("1e-30") * (M.sigmoid(x) - num("0.5")), "-1e-31",
          "sigmoid(x) - 1/2 = x/4 + O(x^3): at -1e-31 the sum is 1e-62 - 2.5e-62", dps=150),
        T(Y, "square-x-tanh", ("x**2 + 1e-30*x*tanh(x)", ">=", "0"), lambda x: x * x + num("1e-30") * x * tanh(x),
          "x tanh x >= 0", dps=150),
        T(Y, "square-minus-x-tanh", ("x**2 - 1e-30*x*tanh(x)", ">=", "0"), lambda x: x * x - num("1e-30") * x * tanh(x),
          "x tanh x <= x^2, so x^2 - 1e-30 x tanh x >= (1 - 1e-30) x^2", dps=150),
        F(Y, "quartic-cubic", ("x**4 + 1e-30*x**3", ">=", "0"), lambda x: x ** 4 + num("1e-30") * x ** 3, "-5e-31",
          "x^3 (x + 1e-30) < 0 on (-1e-30, 0)", dps=200),
        F(Y, "square-vs-abs", ("x**2", ">=", "1e-30*Abs(x)"), (lambda x: x * x, lambda x: num("1e-30") * abs(x)),
          "1e-31", "1e-62 < 1e-61", dps=150),
        T(Y, "square-lifted", ("x**2 + 1e-30", ">", "0"), lambda x: x * x + num("1e-30"), "sum of a square and 1e-30"),
        T(Y, "am-gm", ("x**2 + 1e-30", ">=", "2e-15*Abs(x)"), (lambda x: x * x + num("1e-30"),
                                                              lambda x: num("2e-15") * abs(x)),
          "(|x| - 1e-15)^2 >= 0, equality at |x| = 1e-15", points=("1e-15", "-1e-15")),
        F(Y, "am-gm-tight", ("x**2 + 1e-30", ">=", "2.000000000000001e-15*Abs(x)"),
          (lambda x: x * x + num("1e-30"), lambda x: num("2.000000000000001e-15") * abs(x)), "1e-15",
          "at 1e-15: 2e-30 < 2.000000000000001e-30"),
        F(Y, "sine-taylor-remainder", ("sin(x) - x + x**3/6", ">=", "0"), lambda x: sin(x) - x + x ** 3 / 6, "-0.001",
          "sin x - x + x^3/6 = x^5/120 - ... < 0 for small x < 0"),
        T(Y, "sine-taylor-remainder-times-x", ("x*(sin(x) - x + x**3/6)", ">=", "0"),
          lambda x: x * (sin(x) - x + x ** 3 / 6), "sin x - x + x^3/6 has the sign of x (odd, >= 0 for x >= 0)"),
        F(Y, "expm1-tangent", ("exp(x) - 1 - x", ">=", "1e-30*x"), (lambda x: exp(x) - 1 - x,
                                                                   lambda x: num("1e-30") * x), "1e-31",
          "e^x - 1 - x = x^2/2 + ... = 5e-63 < 1e-61 at 1e-31", dps=150),
        T(Y, "expm1-tangent-nonneg", ("exp(x) - 1 - x", ">=", "0"), lambda x: exp(x) - 1 - x, "convexity of exp"),
        F(Y, "tanh-cubic", ("tanh(x) - x", ">=", "-1e-40*x**2"), (lambda x: tanh(x) - x, lambda x: -num("1e-40") * x * x),
          "1e-39", "tanh x - x = -x^3/3 + ... = -3.3e-118 < -1e-118 at 1e-39", dps=200),
        T(Y, "x-tanh-gap", ("x*(x - tanh(x))", ">=", "0"), lambda x: x * (x - tanh(x)), "|tanh x| <= |x|, same sign"),
        F(Y, "x-tanh-gap-strict", ("x*(x - tanh(x))", ">", "0"), lambda x: x * (x - tanh(x)), "0", "0 at 0",
          exact=True),
        F(Y, "silu-half-line", ("silu(x) - x/2", ">=", "1e-50*x"), (lambda x: M.silu(x) - x / 2,
                                                                   lambda x: num("1e-50") * x), "1e-51",
          "silu(x) - x/2 = x^2/4 + ... = 2.5e-103 < 1e-101 at 1e-51", dps=250),
        T(Y, "silu-half-line-nonneg", ("silu(x) - x/2", ">=", "0"), lambda x: M.silu(x) - x / 2,
          "x (s(x) - 1/2) >= 0: s - 1/2 has the sign of x"),
        F(Y, "gelu-half-line", ("gelu(x) - x/2", ">=", "1e-50*x"), (lambda x: M.gelu(x) - x / 2,
                                                                   lambda x: num("1e-50") * x), "1e-51",
          "gelu(x) - x/2 = x (Phi(x) - 1/2) = 0.399 x^2 + ... = 4e-103 < 1e-101 at 1e-51", dps=250),
        T(Y, "gelu-half-line-nonneg", ("gelu(x) - x/2", ">=", "0"), lambda x: M.gelu(x) - x / 2,
          "Phi - 1/2 has the sign of x"),
        F(Y, "cube-lifted", ("x**3 + 1e-90", ">", "0"), lambda x: x ** 3 + num("1e-90"), "-2e-30",
          "-8e-90 + 1e-90 < 0", dps=150),
        T(Y, "quartic-no-root", ("x**4 - 1e-30*x**2 + 3e-61", ">", "0"),
          lambda x: x ** 4 - num("1e-30") * x * x + num("3e-61"),
          "as a quadratic in x^2: discriminant 1e-60 - 1.2e-60 < 0; minimum 5e-62 at x^2 = 5e-31",
          points=(lambda: mp.sqrt(num("5e-31")),), dps=150),
        F(Y, "quartic-two-roots", ("x**4 - 1e-30*x**2 + 2e-61", ">", "0"),
          lambda x: x ** 4 - num("1e-30") * x * x + num("2e-61"), "0.000000000000000707106781186547524400844362",
          "at x^2 = 5e-31 the value is 2.5e-61 - 5e-61 + 2e-61 = -5e-62", dps=150),
    ]
    return out


# -- near-identities: an identity, and the same identity off by a tiny amount --------------------------------------------

def near_identity_cases() -> list[Case]:
    N = "near_identity"
    ss = lambda x: M.sigmoid(x) + M.sigmoid(-x)  # noqa: E731
    return [
        T(N, "sigmoid-symmetry", ("sigmoid(x) + sigmoid(-x)", "==", "1"), ss, "1/(1 + e^-x) + 1/(1 + e^x) = 1"),
        F(N, "sigmoid-symmetry-off", ("sigmoid(x) + sigmoid(-x)", "==", "1 + 1e-20"),
          (ss, lambda x: 1 + num("1e-20")), "0", "the sum is 1"),
        T(N, "sigmoid-symmetry-le", ("sigmoid(x) + sigmoid(-x)", "<=", "1"), ss, "the sum is 1"),
        F(N, "sigmoid-symmetry-lt", ("sigmoid(x) + sigmoid(-x)", "<", "1"), ss, "0", "1/2 + 1/2 = 1: a tie",
          exact=True),
        F(N, "tanh-sigmoid-off", ("tanh(x)", "==", "2*sigmoid(2*x) - 1 + 1e-30"),
          (tanh, lambda x: 2 * M.sigmoid(2 * x) - 1 + num("1e-30")), "0", "tanh = 2 s(2x) - 1 exactly"),
        F(N, "softplus-odd-off", ("softplus(x) - softplus(-x)", "==", "x + 1e-25"),
          (lambda x: M.softplus(x) - M.softplus(-x), lambda x: x + num("1e-25")), "0", "the difference is x"),
        T(N, "exp-inverse", ("exp(x)*exp(-x)", "==", "1"), lambda x: exp(x) * exp(-x), "e^x e^-x = 1"),
        F(N, "exp-inverse-off", ("exp(x)*exp(-x)", "==", "1.0000000000000000001"), lambda x: exp(x) * exp(-x), "0",
          "the product is 1"),
        F(N, "exp-shift-off", ("exp(x + 1e-30)", "==", "exp(x)"), (lambda x: exp(x + num("1e-30")), exp), "0",
          "e^(1e-30) = 1 + 1e-30"),
        F(N, "log-exp-lifted", ("log(exp(x) + 10**(-300))", "==", "x"),
          (lambda x: log(exp(x) + num("1e-300")), lambda x: x), "-700",
          "at -700, e^x = 9.9e-305 is smaller than 1e-300: log(1.0001e-300) = -690.8 != -700"),
        T(N, "cosh-sinh", ("cosh(x)**2 - sinh(x)**2", "==", "1"), lambda x: cosh(x) ** 2 - sinh(x) ** 2,
          "hyperbolic Pythagoras", xmax=40),
        T(N, "cosh-ge-1", ("cosh(x)", ">=", "1"), cosh, "(e^x + e^-x)/2 >= 1 by AM-GM", points=("0",)),
        F(N, "cosh-gt-1", ("cosh(x)", ">", "1"), cosh, "0", "cosh 0 = 1: a tie", exact=True),
        T(N, "atan-odd", ("atan(x) + atan(-x)", "==", "0"), lambda x: atan(x) + atan(-x), "atan is odd"),
        T(N, "erf-odd", ("erf(x) + erf(-x)", "==", "0"), lambda x: erf(x) + erf(-x), "erf is odd"),
        T(N, "erf-erfc", ("erf(x) + erfc(x)", "==", "1"), lambda x: erf(x) + erfc(x), "definition of erfc"),
        F(N, "erf-erfc-off", ("erf(x) + erfc(x)", "==", "1 - 1e-40"), (lambda x: erf(x) + erfc(x),
                                                                      lambda x: 1 - num("1e-40")), "0", "the sum is 1"),
        T(N, "silu-split", ("x*sigmoid(x) + x*sigmoid(-x)", "==", "x"),
          (lambda x: x * M.sigmoid(x) + x * M.sigmoid(-x), lambda x: x), "s(x) + s(-x) = 1"),
        T(N, "tanh-half", ("tanh(x/2)", "==", "(exp(x) - 1)/(exp(x) + 1)"),
          (lambda x: tanh(x / 2), lambda x: (exp(x) - 1) / (exp(x) + 1)), "multiply by e^(x/2)/e^(x/2)"),
        T(N, "sigmoid-exp-form", ("sigmoid(x)", "==", "exp(x)/(1 + exp(x))"), (M.sigmoid, lambda x: exp(x) / (1 + exp(x))),
          "multiply by e^x/e^x"),
        F(N, "sigmoid-exp-form-off", ("sigmoid(x)", "==", "exp(x)/(1.0000000000000000000001 + exp(x))"),
          (M.sigmoid, lambda x: exp(x) / (num("1.0000000000000000000001") + exp(x))), "0", "1/2 != 1/(2 + 1e-22)"),
        F(N, "gelu-decimal-half-root2", ("gelu(x)", "==", "x*(1 + erf(0.7071067811865476*x))/2"),
          (M.gelu, lambda x: x * (1 + erf(num("0.7071067811865476") * x)) / 2), "1",
          "0.7071067811865476 - 1/sqrt(2) = 7.6e-17"),
        T(N, "softplus-shift", ("softplus(x)", "==", "x + softplus(-x)"), (M.softplus, lambda x: x + M.softplus(-x)),
          "log(1 + e^x) = x + log(e^-x + 1)", xmax=1000),
        T(N, "log1pexp-shift", ("log(1 + exp(x))", "==", "log(1 + exp(-x)) + x"),
          (lambda x: log(1 + exp(x)), lambda x: log(1 + exp(-x)) + x), "as above", xmax=100),
        T(N, "tanh-ratio", ("tanh(x)", "==", "sinh(x)/cosh(x)"), (tanh, lambda x: div(sinh(x), cosh(x))),
          "cosh > 0"),
        T(N, "sigmoid-inverse", ("sigmoid(x)*(1 + exp(-x))", "==", "1"), lambda x: M.sigmoid(x) * (1 + exp(-x)),
          "definition"),
        F(N, "sigmoid-inverse-off", ("(1 + exp(-x))*sigmoid(x)", "==", "1 + 1e-40"),
          (lambda x: (1 + exp(-x)) * M.sigmoid(x), lambda x: 1 + num("1e-40")), "0", "the product is 1"),
        T(N, "exp-double", ("exp(2*x)", "==", "exp(x)**2"), (lambda x: exp(2 * x), lambda x: exp(x) ** 2), "e^2x = (e^x)^2"),
        F(N, "exp-double-off", ("exp(2*x)", "==", "exp(x)**2.0000000000000001"),
          (lambda x: exp(2 * x), lambda x: exp(x) ** num("2.0000000000000001")), "1", "e^2 != e^2.0000000000000001"),
        T(N, "sqrt-exp", ("sqrt(exp(2*x))", "==", "exp(x)"), (lambda x: sqrt(exp(2 * x)), exp), "e^x > 0"),
        T(N, "log-exp-square", ("log(exp(x)*exp(x))", "==", "2*x"), (lambda x: log(exp(x) * exp(x)), lambda x: 2 * x),
          "log e^2x = 2x"),
        F(N, "log-exp-square-off", ("log(exp(x)*exp(x))", "==", "2.000000000000000000001*x"),
          (lambda x: log(exp(x) * exp(x)), lambda x: num("2.000000000000000000001") * x), "1", "2 != 2 + 1e-21"),
        F(N, "sigmoid-symmetry-ne", ("sigmoid(x) + sigmoid(-x)", "!=", "1"), ss, "0",
          "the sum is 1 for every x (false both as 'for all x' and as 'for some x')", exact=True),
        T(N, "exp-ne-0", ("exp(x)", "!=", "0"), exp, "e^x > 0 (true for every x, so for some x)"),
        T(N, "sigmoid-ne-1", ("sigmoid(x)", "!=", "1"), M.sigmoid, "sigmoid < 1 everywhere"),
        T(N, "square-plus-one-ne-0", ("x**2 + 1", "!=", "0"), lambda x: x * x + 1, "x^2 + 1 >= 1"),
        F(N, "tanh-sigmoid-ne", ("tanh(x) - 2*sigmoid(2*x) + 1", "!=", "0"),
          lambda x: tanh(x) - 2 * M.sigmoid(2 * x) + 1, "0", "identically 0 (0 - 1 + 1 = 0 exactly at x = 0)",
          exact=True),
        T(N, "constant-ne", ("1 + 1e-40", "!=", "1"), lambda x: 1 + num("1e-40"), "a constant claim: 1 + 1e-40 != 1"),
        T(N, "constant-e", ("exp(1)", ">", "2.718281828459045"), lambda x: exp(1), "e = 2.71828182845904523536..."),
        F(N, "constant-pi", ("pi", "<=", "3.14159265358979323846"), lambda x: +mp.pi, "0",
          "pi = 3.14159265358979323846264... (constant claim; any x is a witness)"),
        T(N, "constant-sqrt2", ("sqrt(2)", "<", "1.4142135623730951"), lambda x: mp.sqrt(2),
          "sqrt 2 = 1.41421356237309504880..."),
        F(N, "constant-sqrt2-square", ("sqrt(2)**2", "==", "2.0000000000000000000000000001"), lambda x: mp.sqrt(2) ** 2,
          "0", "sqrt(2)^2 = 2 (constant claim)"),
        T(N, "constant-exp-log", ("exp(log(2))", "==", "2"), lambda x: exp(log(2)), "exp inverts log on (0, oo)"),
    ]


# -- claims that need the domain syntax (skipped until symact parses "x > 0 for x > 0") -----------------------------------

def domain_syntax_cases() -> list[Case]:
    from soundness_adversarial import adversarial_domain_cases
    from soundness_fresh import fresh_domain_cases
    from soundness_heldout import heldout_domain_cases
    from soundness_hunt import hunt_domain_cases
    from soundness_hunt2 import hunt2_domain_cases
    from soundness_hunt3 import hunt3_domain_cases
    from soundness_review import review_domain_cases

    return (_domain_syntax_cases() + adversarial_domain_cases(T, F) + heldout_domain_cases(T, F)
            + review_domain_cases(T, F) + hunt_domain_cases(T, F) + fresh_domain_cases(T, F)
            + hunt2_domain_cases(T, F) + hunt3_domain_cases(T, F))


def _domain_syntax_cases() -> list[Case]:
    D = "domain"
    pos = lambda x: x > 0  # noqa: E731
    with mp.workdps(120):
        inv_e = dec(1 / mp.e, 64)
    return [
        T(D, "for-log-tangent", ("log(x)", "<=", "x - 1 for x > 0"), (log, lambda x: x - 1),
          "log is concave with tangent x - 1 at 1", domain=pos, points=("1",)),
        F(D, "for-log-tangent-strict", ("log(x)", "<", "x - 1 for x > 0"), (log, lambda x: x - 1), "1",
          "log 1 = 0 = 1 - 1: a tie", exact=True, domain=pos),
        T(D, "for-sqrt-squared", ("sqrt(x)**2", "==", "x for x >= 0"), (lambda x: sqrt(x) ** 2, lambda x: x),
          "sqrt(x)^2 = x on [0, oo)", domain=lambda x: x >= 0),
        T(D, "for-sinc", ("sin(x)/x", "<", "1 for x > 0"), (lambda x: div(sin(x), x), const("1")),
          "sin x < x for x > 0", domain=pos),
        T(D, "for-difference-of-squares", ("(x**2 - 1)/(x - 1)", "==", "x + 1 for x > 1"),
          (lambda x: div(x * x - 1, x - 1), lambda x: x + 1), "x != 1 on the domain", domain=lambda x: x > 1),
        F(D, "for-xlogx-digits", ("x*log(x)", ">=", "-0.36787944117144232159 for x > 0"), (lambda x: x * log(x),
                                                                                           const("-0.36787944117144232159")),
          inv_e, "x log x has its minimum -1/e = -0.367879441171442321595... at x = 1/e", domain=pos),
        T(D, "for-xlogx", ("x*log(x)", ">=", "-exp(-1) for x > 0"), (lambda x: x * log(x), lambda x: -exp(-1)),
          "(x log x)' = log x + 1 vanishes at 1/e: minimum -1/e", domain=pos, points=(inv_e,)),
        T(D, "for-am-gm", ("sqrt(x)", "<=", "(x + 1)/2 for x >= 0"), (sqrt, lambda x: (x + 1) / 2),
          "(sqrt x - 1)^2 >= 0", domain=lambda x: x >= 0, points=("1",)),
        T(D, "for-log-below-line", ("log(x)", "<", "x/2.718281828459045 for x > 0"),
          (log, lambda x: x / num("2.718281828459045")),
          "x/c - log x has its minimum 1 - log c > 0 at x = c = 2.718281828459045 < e", domain=pos,
          points=("2.718281828459045",)),
        F(D, "for-log-above-line", ("log(x)", "<=", "x/2.718281828459046 for x > 0"),
          (log, lambda x: x / num("2.718281828459046")), "2.718281828459046",
          "at x = c = 2.718281828459046 > e: log c > 1 = c/c", domain=pos),
    ]


def all_cases() -> list[Case]:
    from soundness_adversarial import adversarial_cases
    from soundness_fresh import fresh_cases
    from soundness_heldout import heldout_cases
    from soundness_hunt import hunt_cases
    from soundness_hunt2 import hunt2_cases
    from soundness_hunt3 import hunt3_cases
    from soundness_hunt4 import hunt4_cases
    from soundness_review import review_cases

    return (extremum_cases() + tail_cases() + periodic_cases() + removable_cases() + domain_cases() + kink_cases()
            + smooth_cases() + parameter_cases() + composition_cases() + tiny_cases() + near_identity_cases()
            + adversarial_cases(T, F) + heldout_cases(T, F) + review_cases(T, F) + hunt_cases(T, F)
            + fresh_cases(T, F) + hunt2_cases(T, F) + hunt3_cases(T, F) + hunt4_cases(T, F))


KNOWN_WRONG_FILE = Path(__file__).with_name("known_wrong.txt")


def known_wrong() -> dict[str, str]:
    """``{case id: what goes wrong today}`` from known_wrong.txt (``id  # note`` per line, ``#`` comments)."""
    out = {}
    for line in KNOWN_WRONG_FILE.read_text().splitlines():
        cid, _, note = line.partition("#")
        if cid.strip():
            out[cid.strip()] = note.strip()
    return out

"""A third held-out hunt (issue 11, s28): the classes the earlier files cover least, above all the newest code.

Same format and ground truth as soundness_cases.py (which adds these to its lists); every proved/refuted verdict's
certificate is re-checked by the kernel's verifier.  The claims were written, and their truth argued and checked
with mpmath, before symact's answers were read.  What is new here:

* limit claims (``limit(f, x, oo) REL c``), a class of their own: the dominant term pulled out
  (e^x - 1 - x, x - sin x, log(1 + x) - x), oscillating factors that keep a limit (x + sin x, x (2 + sin x),
  log x + sin x, e^-x sin x, sin(x)/x) and that destroy it (x sin x, e^x sin x, x (1 + sin x), which is 0 at
  3 pi/2 + 2 k pi), a side undefined on every ray (log x at -oo, 1/sin x), limits equal to a constant that a
  decimal misses by 1e-10 .. 1e-25, and relations that a positive f does not pass to its limit (1/x > 0 but
  lim 1/x = 0).  Their ground truth (:func:`limit_truth`) is not a pointwise comparison: the limit is argued in
  ``why`` and confirmed with mpmath along sequences going to the end (the error shrinking below a tolerance;
  an infinite limit growing past a bound; no limit: one sequence bounded and another staying a gap away from
  it; undefined: points going to the end where f has no value);
* quantified parameters at the edges of their intervals (an end included or not decides a strict claim);
* kinks and switches at irrational points (Max/Min/Abs/Piecewise of transcendental functions): a corner where
  two slopes differ (refuted: f' is undefined there), tangential crossings where f' exists, near misses where a
  decimal moves the break point by 1e-16 and opens a jump, and extrema of Max/Min at crossings (W(e^2), the
  omega constant, the Dottie number);
* tiny values near 0: Taylor remainders of odd order whose sign flips with x, 1e-300 scales, minima -eps^2/4.

Points where an irrational zero decides the truth are evaluated with soundness_heldout.vanishes (the working
precision cannot hit them exactly); the reasoning beside each case says why the zero is exact.
"""
from __future__ import annotations

import dataclasses

import mpmath
from mpmath import mp, mpf

import soundness_mp as M
from soundness_heldout import vanishes
from soundness_mp import (Max, Min, Undefined, acos, atan, cos, div, exp, log, num, rpow, sign, sin, sinh,
                          sqrt, tanh)

INF = mpmath.inf
NOLIM, UNDEF = "no limit", "undefined"


def c(text: str):
    return M.const(text)


# -- the ground truth of a limit claim --------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Limit:
    """What the limit of f at ``end`` is: ``value()`` a finite limit (at the working precision), INF or -INF, or
    NOLIM / UNDEF; ``evidence``: the points (going to the end) along which mpmath confirms it, or for NOLIM two
    sequences (f bounded along the first, a gap away from those values along the second; or f below -1000 along
    the first and above 1000 along the second)."""
    f: object
    value: object
    evidence: tuple
    tol: str = "1e-3"


def _at(f, x):
    return f(M.point(x))


def _confirm(lim: Limit) -> str:
    """Check the evidence with mpmath (at 60 digits); AssertionError if it does not show the stated limit."""
    with mp.workdps(60):
        if lim.value == UNDEF:
            for x in lim.evidence:
                try:
                    v = _at(lim.f, x)
                except (Undefined, ZeroDivisionError):
                    continue
                raise AssertionError(f"f is defined at {x} (= {mpmath.nstr(v, 8)}), said to be undefined there")
            return f"undefined at {len(lim.evidence)} points going to the end"
        if lim.value == NOLIM:
            first, second = lim.evidence
            low, far = [_at(lim.f, x) for x in first], [_at(lim.f, x) for x in second]
            if max(low) < -1000 and min(far) > 1000:  # f -> -oo along one sequence and +oo along the other
                return "f below -1000 on one sequence, above 1000 on another"
            lo, hi = min(low), max(low)
            gap = mpf(1) / 8
            assert all(v < lo - gap or v > hi + gap for v in far), "the two sequences do not stay apart"
            assert hi - lo < 10, "the first sequence is not bounded"
            return f"f in [{mpmath.nstr(lo, 5)}, {mpmath.nstr(hi, 5)}] on one sequence, a gap away on another"
        values = [_at(lim.f, x) for x in lim.evidence]
        if callable(lim.value):
            target = lim.value()
            errs = [abs(v - target) for v in values]
            noise = mpf(10) ** -50    # rounding at 60 digits (an identity such as cos^2 + sin^2)
            assert errs[-1] <= max(errs[0], noise) and errs[-1] < num(lim.tol) * max(1, abs(target)), \
                f"f does not approach {mpmath.nstr(target, 15)}: errors {[mpmath.nstr(e, 3) for e in errs]}"
            return f"|f - L| = {mpmath.nstr(errs[-1], 3)} at the last point"
        s = 1 if lim.value == INF else -1
        assert all(s * (b - a) > 0 for a, b in zip(values, values[1:])), "f is not growing toward the end"
        assert s * values[-1] > num(lim.tol), f"f reaches only {mpmath.nstr(values[-1], 8)}"
        return f"f = {mpmath.nstr(values[-1], 8)} at the last point"


def _difference(value, target):
    """value() - target() for two finite values given as callables (evaluated at the working precision), or 0
    where they are the same number computed two ways (pi/2, e^2, ...).  At p and 3p digits (p = 60, doubled up
    to four times): a difference stable across the two and above 10^(-2p) is real; one that changes and falls
    below 10^(-2p) at 3p digits is rounding noise; anything else raises the precision, and a difference still
    undecided at the last one is an AssertionError (never a silent equality)."""
    p = 60
    for _ in range(5):
        with mp.workdps(p):
            d1 = value() - target()
        with mp.workdps(3 * p):
            d2 = value() - target()
        stable = d1 == d2 == 0 or d1 != 0 and d2 != 0 and abs(d1 - d2) <= abs(d2) / 1000
        if stable and (d2 == 0 or abs(d2) > mpf(10) ** (-2 * p)):
            return d2
        if not stable and abs(d2) <= mpf(10) ** (-2 * p):
            return mpf(0)
        p *= 2
    raise AssertionError(f"the limit and the constant are not told apart up to {3 * p // 2} digits")


def _holds(value, rel: str, target) -> bool:
    """``L REL c`` in the extended reals (L a limit that exists); each a finite number (a callable, see
    :func:`_difference`) or INF/-INF."""
    if target in (INF, -INF) or value in (INF, -INF):
        d = (1 if value == INF else -1 if value == -INF else 0) - (1 if target == INF else -1 if target == -INF else 0)
    else:
        d = _difference(value, target)
    return {"==": d == 0, "!=": d != 0, "<": d < 0, "<=": d <= 0, ">": d > 0, ">=": d >= 0}[rel]


def limit_truth(lim: Limit, rel: str, target):
    """The ``truth_check`` of a limit case: the evidence confirms the limit, and the claim's truth follows."""
    def check(case) -> str:
        account = _confirm(lim)
        truth = lim.value not in (NOLIM, UNDEF) and _holds(lim.value, rel, target)
        assert truth == case.truth, f"{case.id}: the claim is {truth}, the case says {case.truth} ({account})"
        return account
    return check


def limit_case(T, F, cid, text, end, rel, rhs, lim: Limit, why):
    """A case ``limit(text, x, end) rel rhs`` of the class "limit"; its truth follows from ``lim``."""
    target = INF if rhs == "oo" else -INF if rhs == "-oo" else (lambda: num(rhs)) if _is_number(rhs) else rhs
    rhs_text = rhs if isinstance(rhs, str) else rhs.__doc__
    claim = (f"limit({text}, x, {end})", rel, rhs_text)
    truth = lim.value not in (NOLIM, UNDEF) and _holds(lim.value, rel, target)
    fns = (c("0"), c("0"))   # not evaluated: the truth_check decides
    check = limit_truth(lim, rel, target)
    if truth:
        return T("limit", cid, claim, fns, why, truth_check=check)
    return F("limit", cid, claim, fns, f"x -> {end}", why, truth_check=check)


def _is_number(text) -> bool:
    try:
        num(text)
    except (ValueError, TypeError):
        return False
    return True


def named(text: str, value):
    """A constant side written as a formula (``pi/2``): its value at the working precision."""
    value.__doc__ = text
    return value


def up(*ks, s=1):
    """Points s 10^k going to the end."""
    return tuple(f"{'-' if s < 0 else ''}1e{k}" for k in ks)


def multiples(base, shift, ks):
    """The points 2 pi k + shift (base(k) gives the multiple of pi), at the working precision."""
    return tuple((lambda k=k: base(k) * mp.pi + shift()) for k in ks)


# -- the cases --------------------------------------------------------------------------------------------------------

def limit_cases(T, F) -> list:
    Lc = lambda *a: limit_case(T, F, *a)  # noqa: E731
    big = up(2, 4, 8, 16)
    neg = up(2, 4, 8, 16, s=-1)
    zero = lambda: mpf(0)  # noqa: E731
    one = lambda: mpf(1)  # noqa: E731
    half_pi_k = lambda k: 2 * k  # noqa: E731
    peaks = multiples(half_pi_k, lambda: mp.pi / 2, (10, 100, 1000, 10 ** 6))       # sin = 1
    troughs = multiples(half_pi_k, lambda: -mp.pi / 2, (10, 100, 1000, 10 ** 6))    # sin = -1
    zeros = multiples(lambda k: k, lambda: mpf(0), (10, 101, 1000, 10 ** 6 + 1))   # sin = 0
    expm = lambda x: exp(x) - 1 - x  # noqa: E731
    xs = lambda x: x - sin(x)  # noqa: E731
    l1 = lambda x: log(1 + x) - x  # noqa: E731
    xsin = lambda x: x * sin(x)  # noqa: E731
    x1s = lambda x: x * (1 + sin(x))  # noqa: E731
    x2s = lambda x: x * (2 + sin(x))  # noqa: E731
    return [
        # -- the dominant term pulled out, or a comparison with x/2 --------------------------------------------------
        Lc("expm1-x-oo", "exp(x) - 1 - x", "oo", "==", "oo", Limit(expm, INF, big),
           "e^x - 1 - x = e^x (1 - e^-x - x e^-x) and the bracket -> 1"),
        Lc("expm1-x-neg", "exp(x) - 1 - x", "-oo", "==", "oo", Limit(expm, INF, neg),
           "e^x -> 0, so e^x - 1 - x = -x + O(1) -> +oo at -oo"),
        Lc("expm1-x-neg-wrong-sign", "exp(x) - 1 - x", "-oo", "==", "-oo", Limit(expm, INF, neg),
           "it tends to +oo at -oo (-x dominates), not -oo"),
        Lc("x-sin-neg", "x - sin(x)", "-oo", "==", "-oo", Limit(xs, -INF, neg), "x - sin x <= x + 1 -> -oo"),
        Lc("x-sin-neg-wrong", "x - sin(x)", "-oo", "==", "oo", Limit(xs, -INF, neg), "it tends to -oo, not +oo"),
        Lc("x-sin-gt-any", "x - sin(x)", "oo", ">", "1e30", Limit(xs, INF, big),
           "x - sin x >= x - 1 -> +oo, which is above every real number"),
        Lc("log1p-x-oo", "log(1 + x) - x", "oo", "==", "-oo", Limit(l1, -INF, big),
           "log(1 + x) <= sqrt(x) for x >= 0, so log(1 + x) - x <= sqrt(x) - x -> -oo"),
        Lc("log1p-x-neg", "log(1 + x) - x", "-oo", "==", "oo", Limit(l1, UNDEF, neg),
           "log(1 + x) is undefined for x <= -1: on no ray toward -oo is f defined"),
        Lc("expm1-x-sq", "exp(x) - 1 - x - x**2/2", "-oo", "==", "-oo",
           Limit(lambda x: exp(x) - 1 - x - x * x / 2, -INF, neg), "-x^2/2 dominates at -oo"),
        Lc("exp-minus-x1000", "exp(x) - x**1000", "oo", "==", "-oo",
           Limit(lambda x: exp(x) - x ** 1000, INF, up(5, 6, 8)),
           "e^x / x^1000 -> oo (e^x > x^1000 for x > 9119), so the limit is +oo, not -oo"),
        Lc("exp-small-coef", "1e-40*exp(x) - x**100", "oo", "==", "-oo",
           Limit(lambda x: num("1e-40") * exp(x) - x ** 100, INF, up(4, 5, 6)),
           "1e-40 e^x / x^100 -> oo: +oo, not -oo, however small the coefficient"),
        Lc("cubic-big-coef", "x**3 - 1e40*x**2", "oo", "==", "oo",
           Limit(lambda x: x ** 3 - num("1e40") * x * x, INF, up(41, 45, 60)),
           "x^2 (x - 1e40) -> +oo although it is negative up to 1e40"),
        Lc("cubic-big-coef-neg", "x**3 - 1e40*x**2", "oo", "==", "-oo",
           Limit(lambda x: x ** 3 - num("1e40") * x * x, INF, up(41, 45, 60)), "the limit is +oo"),
        Lc("tiny-linear", "x - x*(1 - 1e-40)", "oo", "==", "0",
           Limit(lambda x: x - x * (1 - num("1e-40")), INF, up(41, 50, 80)), "f = 1e-40 x -> +oo, not 0"),
        # -- oscillating factors that keep a limit ------------------------------------------------------------------
        Lc("x-plus-sin", "x + sin(x)", "oo", "==", "oo", Limit(lambda x: x + sin(x), INF, big), "x + sin x >= x - 1"),
        Lc("x-two-plus-sin", "x*(2 + sin(x))", "oo", "==", "oo", Limit(x2s, INF, big), "x (2 + sin x) >= x"),
        Lc("x-two-plus-sin-neg", "x*(2 + sin(x))", "-oo", "==", "-oo", Limit(x2s, -INF, neg),
           "x (2 + sin x) <= x for x < 0"),
        Lc("log-plus-sin", "log(x) + sin(x)", "oo", "==", "oo",
           Limit(lambda x: log(x) + sin(x), INF, up(10, 100, 1000), tol="10"), "log x - 1 -> oo"),
        Lc("sqrt-plus-sin", "sqrt(x) + sin(x)", "oo", "==", "oo",
           Limit(lambda x: sqrt(x) + sin(x), INF, big), "sqrt x - 1 -> oo"),
        Lc("exp-two-plus-sin", "exp(x)*(2 + sin(x))", "oo", "==", "oo",
           Limit(lambda x: exp(x) * (2 + sin(x)), INF, up(1, 2, 4)), ">= e^x"),
        Lc("exp-neg-sin", "exp(-x)*sin(x)", "oo", "==", "0", Limit(lambda x: exp(-x) * sin(x), zero, up(1, 2, 4)),
           "|e^-x sin x| <= e^-x -> 0"),
        Lc("sinc", "sin(x)/x", "oo", "==", "0", Limit(lambda x: sin(x) / x, zero, big), "|sin x / x| <= 1/x"),
        Lc("sinc-plus-one-strict", "sin(x)/x + 1", "oo", ">", "1", Limit(lambda x: sin(x) / x + 1, one, big),
           "the limit is 1, and 1 > 1 is false (f crosses 1 infinitely often)"),
        Lc("sinc-plus-one", "sin(x)/x + 1", "oo", ">=", "1", Limit(lambda x: sin(x) / x + 1, one, big),
           "the limit is 1 >= 1"),
        Lc("pythagoras", "cos(x)**2 + sin(x)**2", "oo", "==", "1",
           Limit(lambda x: cos(x) ** 2 + sin(x) ** 2, one, big), "identically 1"),
        Lc("x-over-x-plus-sin", "x/(x + sin(x))", "oo", "==", "1",
           Limit(lambda x: x / (x + sin(x)), one, big), "x + sin x > 0 for x > 0 and (x + sin x)/x -> 1"),
        # -- oscillating factors that destroy it --------------------------------------------------------------------
        Lc("x-sin-oo", "x*sin(x)", "oo", "==", "oo", Limit(xsin, NOLIM, (zeros, peaks)),
           "0 at x = k pi and x at 2 k pi + pi/2: no limit"),
        Lc("x-sin-zero", "x*sin(x)", "oo", "==", "0", Limit(xsin, NOLIM, (zeros, peaks)), "no limit"),
        Lc("exp-sin", "exp(x)*sin(x)", "oo", "==", "oo",
           Limit(lambda x: exp(x) * sin(x), NOLIM, (troughs[:2], peaks[:2])),
           "-e^x at 2 k pi - pi/2, e^x at 2 k pi + pi/2: no limit"),
        Lc("x-one-plus-sin", "x*(1 + sin(x))", "oo", "==", "oo", Limit(x1s, NOLIM, (troughs, peaks)),
           "0 at 2 k pi - pi/2 and 2x at 2 k pi + pi/2: no limit, though f >= 0"),
        Lc("x-one-plus-sin-nonneg", "x*(1 + sin(x))", "oo", ">=", "0", Limit(x1s, NOLIM, (troughs, peaks)),
           "no limit, so no limit >= 0"),
        Lc("x-sq-one-plus-sin", "x**2*(1 + sin(x)) + x", "oo", "==", "oo",
           Limit(lambda x: x * x * (1 + sin(x)) + x, INF, up(2, 4, 8, 16)),
           "x^2 (1 + sin x) + x >= x -> oo (at the troughs 2 k pi - pi/2 it is x)"),
        Lc("x-sq-one-plus-sin-minus", "x**2*(1 + sin(x)) - x", "oo", "==", "oo",
           Limit(lambda x: x * x * (1 + sin(x)) - x, -INF, troughs), "along 2 k pi - pi/2 it is -x -> -oo, so it "
           "does not tend to +oo (and the peaks 2 x^2 - x -> +oo: no limit at all)"),
        Lc("sin-sq", "sin(x)**2", "oo", "==", "0", Limit(lambda x: sin(x) ** 2, NOLIM, (zeros, peaks)),
           "0 at k pi, 1 at 2 k pi + pi/2"),
        Lc("exp-sin-osc", "exp(sin(x))", "oo", "==", "1", Limit(lambda x: exp(sin(x)), NOLIM, (zeros, peaks)),
           "1 at k pi, e at the peaks"),
        Lc("sin-exp", "sin(exp(x))", "oo", "==", "0",
           Limit(lambda x: sin(exp(x)), NOLIM,
                 (tuple((lambda k=k: mp.log(k * mp.pi)) for k in (10, 100, 1000)),
                  tuple((lambda k=k: mp.log(2 * k * mp.pi + mp.pi / 2)) for k in (10, 100, 1000)))),
           "0 at log(k pi), 1 at log(2 k pi + pi/2)"),
        Lc("inv-two-plus-sin", "1/(2 + sin(x))", "oo", "==", "1/2",
           Limit(lambda x: 1 / (2 + sin(x)), NOLIM, (zeros, peaks)), "1/2 at k pi, 1/3 at the peaks"),
        # -- a side undefined on every ray ----------------------------------------------------------------------------
        Lc("log-neg-end", "log(x)", "-oo", "==", "oo", Limit(log, UNDEF, neg), "log x is undefined for x <= 0"),
        Lc("sqrt-neg-x", "sqrt(-x)", "oo", "==", "0", Limit(lambda x: sqrt(-x), UNDEF, big), "undefined for x > 0"),
        Lc("inv-sin", "1/sin(x)", "oo", "==", "0",
           Limit(lambda x: div(1, mpf(0) if vanishes(sin(x)) else sin(x)), UNDEF, zeros),
           "sin(k pi) = 0 exactly: 1/sin x is undefined at every k pi, so on no ray"),
        Lc("sqrt-x-sin", "sqrt(x*sin(x))", "oo", "==", "oo", Limit(lambda x: sqrt(x * sin(x)), UNDEF, troughs),
           "x sin x = -x < 0 at 2 k pi - pi/2: undefined there, on every ray"),
        # -- finite limits against decimals ------------------------------------------------------------------------
        Lc("sqrt-sq-plus-x", "sqrt(x**2 + x) - x", "oo", "==", "1/2",
           Limit(lambda x: sqrt(x * x + x) - x, lambda: mpf(1) / 2, up(2, 4, 8)),
           "sqrt(x^2 + x) - x = x/(sqrt(x^2 + x) + x) -> 1/2"),
        Lc("sqrt-sq-plus-x-decimal", "sqrt(x**2 + x) - x", "oo", "==", "0.5000000001",
           Limit(lambda x: sqrt(x * x + x) - x, lambda: mpf(1) / 2, up(2, 4, 8)), "the limit is 1/2 exactly"),
        Lc("sqrt-sq-plus-x-neg", "sqrt(x**2 + x) - x", "-oo", "==", "oo",
           Limit(lambda x: sqrt(x * x + x) - x, INF, neg), "at -oo: sqrt(x^2 + x) ~ |x| and -x -> oo: 2|x|"),
        Lc("sqrt-sq-minus-2x-neg", "sqrt(x**2 - 2*x) + x", "-oo", "==", "1",
           Limit(lambda x: sqrt(x * x - 2 * x) + x, one, neg), "x = -t: sqrt(t^2 + 2t) - t = 2t/(sqrt(t^2 + 2t) + t)"),
        Lc("sqrt-sq-minus-2x-neg-half", "sqrt(x**2 - 2*x) + x", "-oo", "==", "1/2",
           Limit(lambda x: sqrt(x * x - 2 * x) + x, one, neg), "the limit is 1, not 1/2"),
        Lc("sqrt-sq-minus-3x-neg-lt", "sqrt(x**2 - 3*x) + x", "-oo", "<", "3/2",
           Limit(lambda x: sqrt(x * x - 3 * x) + x, lambda: mpf(3) / 2, neg), "the limit is 3/2, not below it"),
        Lc("sqrt-sq-plus-one", "sqrt(x**2 + 1) - x", "oo", "==", "0",
           Limit(lambda x: sqrt(x * x + 1) - x, zero, up(2, 4, 8)), "sqrt(x^2 + 1) - x = 1/(sqrt(x^2 + 1) + x) -> 0"),
        Lc("sqrt-sq-plus-one-pos", "sqrt(x**2 + 1) - x", "oo", ">", "0",
           Limit(lambda x: sqrt(x * x + 1) - x, zero, up(2, 4, 8)),
           "f > 0 on the whole ray, but its limit is 0, which is not > 0"),
        Lc("sqrt-sq-plus-x-near", "sqrt(x**2 + x) - x", "oo", "==", "0.5000001",
           Limit(lambda x: sqrt(x * x + x) - x, lambda: mpf(1) / 2, up(2, 4, 8)), "the limit is 1/2, 1e-7 below"),
        Lc("sqrt-sq-plus-x-below", "sqrt(x**2 + x) - x", "oo", "<", "0.5000001",
           Limit(lambda x: sqrt(x * x + x) - x, lambda: mpf(1) / 2, up(2, 4, 8)), "1/2 < 0.5000001"),
        Lc("sqrt-shift-difference", "sqrt(x + 1) - sqrt(x)", "oo", "==", "0",
           Limit(lambda x: sqrt(x + 1) - sqrt(x), zero, up(2, 4, 8)),
           "sqrt(x + 1) - sqrt(x) = 1/(sqrt(x + 1) + sqrt(x)) -> 0"),
        Lc("x-minus-sqrt-sq-minus-one", "x - sqrt(x**2 - 1)", "oo", "==", "1e-30",
           Limit(lambda x: x - sqrt(x * x - 1), zero, up(2, 4, 8)),
           "x - sqrt(x^2 - 1) = 1/(x + sqrt(x^2 - 1)) -> 0, not 1e-30"),
        Lc("tanh-exp", "(tanh(x) - 1)*exp(2*x)", "oo", "==", "-2",
           Limit(lambda x: (tanh(x) - 1) * exp(2 * x), lambda: mpf(-2), ("10", "20", "25")),
           "tanh x - 1 = -2 e^-2x/(1 + e^-2x)"),
        Lc("tanh-exp-decimal", "(tanh(x) - 1)*exp(2*x)", "oo", "==", "-1.9999999999",
           Limit(lambda x: (tanh(x) - 1) * exp(2 * x), lambda: mpf(-2), ("10", "20", "25")), "the limit is -2"),
        Lc("tanh-exp-lt", "(tanh(x) - 1)*exp(2*x)", "oo", "<", "-1.9999999999999999999999999",
           Limit(lambda x: (tanh(x) - 1) * exp(2 * x), lambda: mpf(-2), ("10", "20", "25")), "-2 < -1.99...9"),
        Lc("one-minus-tanh", "exp(2*x)*(1 - tanh(x))", "oo", "==", "2.0000000001",
           Limit(lambda x: exp(2 * x) * (1 - tanh(x)), lambda: mpf(2), ("10", "20", "25")), "the limit is 2"),
        Lc("tanh-ratio", "(tanh(x) - 1)/(tanh(x + 1) - 1)", "oo", "==", named("exp(2)", lambda: mp.e ** 2),
           Limit(lambda x: (tanh(x) - 1) / (tanh(x + 1) - 1), lambda: mp.e ** 2, ("10", "20", "25")),
           "(tanh x - 1)/(tanh(x + 1) - 1) = e^2 (1 + e^-2x-2)/(1 + e^-2x) -> e^2"),
        Lc("tanh-ratio-decimal", "(tanh(x) - 1)/(tanh(x + 1) - 1)", "oo", "==", "7.38905609893065",
           Limit(lambda x: (tanh(x) - 1) / (tanh(x + 1) - 1), lambda: mp.e ** 2, ("10", "20", "25")),
           "e^2 = 7.389056098930650227... != 7.38905609893065"),
        Lc("atan-half-pi", "atan(x)", "oo", "==", named("pi/2", lambda: mp.pi / 2),
           Limit(atan, lambda: mp.pi / 2, big), "atan -> pi/2"),
        Lc("atan-double", "atan(x)", "oo", "==", "1.5707963267948966",
           Limit(atan, lambda: mp.pi / 2, big), "pi/2 = 1.57079632679489661923... > 1.5707963267948966"),
        Lc("atan-double-gt", "atan(x)", "oo", ">", "1.5707963267948966",
           Limit(atan, lambda: mp.pi / 2, big), "pi/2 > the double below it"),
        Lc("x-pi-atan", "x*(pi/2 - atan(x))", "oo", "==", "1",
           Limit(lambda x: x * (mp.pi / 2 - atan(x)), one, big), "pi/2 - atan x = atan(1/x) = 1/x + O(x^-3)"),
        Lc("x-atan-inv", "x*atan(1/x)", "oo", "==", "1",
           Limit(lambda x: x * atan(1 / x), one, big), "atan(1/x) = 1/x - 1/(3x^3) + ..."),
        Lc("x-pi-atan-two", "x*(pi/2 - atan(x))", "oo", "==", "2",
           Limit(lambda x: x * (mp.pi / 2 - atan(x)), one, big), "the limit is 1, not 2"),
        Lc("x-pi-atan-below", "x*(pi/2 - atan(x))", "oo", "<", "1",
           Limit(lambda x: x * (mp.pi / 2 - atan(x)), one, big), "f < 1 on the whole ray, but its limit is 1"),
        Lc("x-pi-atan-neg", "x*(atan(x) + pi/2)", "-oo", "==", "-1",
           Limit(lambda x: x * (atan(x) + mp.pi / 2), lambda: mpf(-1), neg), "x = -t: -t (pi/2 - atan t) -> -1"),
        Lc("inv-x-positive", "1/x", "oo", ">", "0", Limit(lambda x: 1 / x, zero, big),
           "1/x > 0 everywhere on the ray, but its limit is 0, not > 0"),
        Lc("inv-x-nonneg", "1/x", "oo", ">=", "0", Limit(lambda x: 1 / x, zero, big), "the limit 0 >= 0"),
        Lc("exp-neg-positive", "exp(-x)", "oo", ">", "0", Limit(lambda x: exp(-x), zero, big), "limit 0"),
        Lc("inv-log-positive", "1/log(x)", "oo", ">", "0", Limit(lambda x: 1 / log(x), zero, up(10, 100, 1000)),
           "1/log x > 0 for x > 1, limit 0"),
        Lc("sigmoid-exp", "sigmoid(-x)*exp(x)", "oo", "==", "0.9999999999999999999999999",
           Limit(lambda x: M.sigmoid(-x) * exp(x), one, up(2, 3, 4)), "e^x/(1 + e^x) -> 1"),
        Lc("exp-shift-diff", "exp(x + 1e-30) - exp(x)", "oo", "==", "0",
           Limit(lambda x: exp(x + num("1e-30")) - exp(x), INF, up(2, 3, 4, 5)),
           "e^x (e^(1e-30) - 1) ~ 1e-30 e^x -> +oo, not 0"),
        Lc("softsign-tail", "x*(softsign(x) - 1)", "oo", "==", "-1",
           Limit(lambda x: x * (M.softsign(x) - 1), lambda: mpf(-1), big), "x (x/(1 + x) - 1) = -x/(1 + x)"),
        Lc("selu-floor", "selu(x)", "-oo", "==", "-1.7580993408473766",
           Limit(M.selu, lambda: -num(M.SELU_SCALE) * num(M.SELU_ALPHA), up(2, 3, 4, s=-1)),
           "selu -> -scale alpha = -1.75809934084737685... (the published 32-digit constants), not the double "
           "-1.7580993408473766"),
        Lc("mish-exp", "mish(x)*exp(-x)", "-oo", "==", "0",
           Limit(lambda x: M.mish(x) * exp(-x), -INF, up(2, 3, 4, s=-1)),
           "mish(x) = x tanh(log(1 + e^x)) ~ x e^x at -oo: mish(x) e^-x ~ x -> -oo"),
        Lc("mish-exp-neg", "mish(x)*exp(-x)", "-oo", "==", "-oo",
           Limit(lambda x: M.mish(x) * exp(-x), -INF, up(2, 3, 4, s=-1)), "~ x -> -oo"),
        Lc("logsigmoid-minus-x", "logsigmoid(x) - x", "-oo", "==", "0",
           Limit(lambda x: M.logsigmoid(x) - x, zero, up(2, 3, 4, s=-1)), "log sigmoid(x) - x = -log(1 + e^x)"),
        Lc("gelu-minus-x", "gelu(x) - x", "-oo", "==", "oo",
           Limit(lambda x: M.gelu(x) - x, INF, up(2, 3, 4, s=-1)), "gelu -> 0 at -oo, -x -> oo"),
        Lc("silu-over-x", "silu(x)/x", "-oo", "==", "0",
           Limit(lambda x: M.silu(x) / x, zero, up(2, 3, 4, s=-1)), "silu(x)/x = sigmoid(x) -> 0"),
        Lc("dsilu-x", "x*diff(silu(x), x)", "-oo", "==", "0",
           Limit(lambda x: x * M.d_silu(x), zero, up(2, 3, 4, s=-1)), "x s(x)(1 + x(1 - s)) ~ x^2 e^x -> 0"),
        Lc("elu-floor-decimal", "elu(x)", "-oo", "==", "-0.9999999999",
           Limit(M.elu, lambda: mpf(-1), up(2, 3, 4, s=-1)), "elu -> -1"),
        Lc("leaky-zero-alpha", "leaky_relu(x, alpha=0)", "-oo", "==", "0",
           Limit(lambda x: M.leaky_relu(x, "0"), zero, up(2, 3, 4, s=-1)), "0 for x < 0"),
        Lc("leaky-tiny-alpha", "leaky_relu(x, alpha=1e-30)", "-oo", "==", "0",
           Limit(lambda x: M.leaky_relu(x, "1e-30"), -INF, up(31, 40, 60, s=-1)), "1e-30 x -> -oo, not 0"),
        Lc("tanhshrink-minus-x", "tanhshrink(x) - x", "oo", "==", "-1",
           Limit(lambda x: M.tanhshrink(x) - x, lambda: mpf(-1), up(1, 2, 3)), "= -tanh x"),
        Lc("dgelu-oo", "diff(gelu(x), x)", "oo", "==", "0.99999999999999999999",
           Limit(M.d_gelu, one, up(1, 2, 3)), "gelu' = Phi(x) + x phi(x) -> 1"),
        # -- parameters at tiny values: the scale moves where the limit is reached, not the limit -----------------
        Lc("elu-tiny-alpha", "elu(x, alpha=1e-30)", "-oo", "==", "0",
           Limit(lambda x: M.elu(x, "1e-30"), lambda: -num("1e-30"), up(1, 2, 3, s=-1)),
           "alpha (e^x - 1) -> -alpha = -1e-30, not 0"),
        Lc("celu-tiny-alpha", "celu(x, alpha=1e-30)", "-oo", "==", "-1e-30",
           Limit(lambda x: M.celu(x, "1e-30"), lambda: -num("1e-30"), up(1, 2, 3, s=-1)),
           "alpha (e^(x/alpha) - 1) -> -alpha"),
        Lc("softplus-tiny-beta", "softplus(x, beta=1e-30) - x", "oo", "==", "0",
           Limit(lambda x: M.softplus(x, "1e-30") - x, zero, up(31, 32)),
           "log(1 + e^(bx))/b - x = log(1 + e^-bx)/b -> 0 (slowly: e^-100/b = 3.7e-14 at x = 1e32)"),
        Lc("saturating-ratio", "x/(1 + 1e-30*x)", "oo", "==", "1e30",
           Limit(lambda x: x / (1 + num("1e-30") * x), lambda: num("1e30"), up(33, 40, 60)),
           "x/(1 + x/10^30) -> 10^30, though it is ~x up to 10^29"),
        Lc("saturating-ratio-oo", "x/(1 + 1e-30*x)", "oo", "==", "oo",
           Limit(lambda x: x / (1 + num("1e-30") * x), lambda: num("1e30"), up(33, 40, 60)), "a finite limit"),
        Lc("slow-decay", "x**2*exp(-1e-30*x)", "oo", "==", "oo",
           Limit(lambda x: x * x * exp(-num("1e-30") * x), zero, up(33, 34)),
           "x^2 e^(-x/10^30) -> 0 (it grows up to x = 2e30 first)"),
        Lc("atan-reciprocal-left", "atan(x) + atan(1/x)", "-oo", "==", named("pi/2", lambda: mp.pi / 2),
           Limit(lambda x: atan(x) + atan(1 / x), lambda: -mp.pi / 2, neg),
           "atan x + atan(1/x) = -pi/2 for every x < 0 (pi/2 only for x > 0)"),
        Lc("acos-reciprocal-double", "acos(1/x)", "oo", "==", "1.5707963267948966",
           Limit(lambda x: acos(1 / x), lambda: mp.pi / 2, big), "acos(1/x) -> acos 0 = pi/2, not the double"),
        # -- squeezed between -g and g with g -> 0 (|sin|, |cos|, |tanh| <= 1), and near misses of such limits ------
        Lc("sin-sq-arg-over-x", "sin(x**2)/x", "oo", "==", "0", Limit(lambda x: sin(x * x) / x, zero, big),
           "|sin(x^2)/x| <= 1/x -> 0"),
        Lc("sinc-neg-end", "sin(x)/x", "-oo", "==", "0", Limit(lambda x: sin(x) / x, zero, neg),
           "|sin x / x| <= 1/|x| -> 0 at -oo too"),
        Lc("sinc-hundredth", "sin(x)/x", "oo", "==", "1/100", Limit(lambda x: sin(x) / x, zero, big),
           "the limit is 0 (|sin x / x| <= 1/x), not 1/100"),
        Lc("sinc-tiny", "sin(x)/x", "oo", "==", "1e-30", Limit(lambda x: sin(x) / x, zero, big),
           "the limit is 0, not 1e-30 (f passes 1e-30 infinitely often, but does not stay near it)"),
        Lc("cos-exp-decay", "cos(x)*exp(-x)", "oo", "==", "0", Limit(lambda x: cos(x) * exp(-x), zero, up(1, 2, 4)),
           "|cos x e^-x| <= e^-x -> 0"),
        Lc("cos-exp-decay-positive", "cos(x)*exp(-x)", "oo", ">", "0",
           Limit(lambda x: cos(x) * exp(-x), zero, up(1, 2, 4)), "the limit is 0, which is not > 0"),
        Lc("tanh-cos-over-sqrt", "tanh(x)*cos(3*x)/sqrt(x)", "oo", "==", "0",
           Limit(lambda x: tanh(x) * cos(3 * x) / sqrt(x), zero, big), "|f| <= x^(-1/2) -> 0 (|tanh|, |cos| <= 1)"),
        Lc("inv-x-plus-sin", "1/(x + sin(x))", "oo", "==", "0", Limit(lambda x: 1 / (x + sin(x)), zero, big),
           "x + sin x >= x - 1 > 0 for x > 1, so 0 < f <= 1/(x - 1) -> 0"),
        Lc("two-plus-sin-sq-arg", "2 + sin(x**2)/x", "oo", "==", "2.0000000001",
           Limit(lambda x: 2 + sin(x * x) / x, lambda: mpf(2), big), "|f - 2| <= 1/x: the limit is 2 exactly"),
        Lc("x-minus-two-cos-neg", "x - 2*cos(x)", "-oo", "==", "-oo",
           Limit(lambda x: x - 2 * cos(x), -INF, neg), "x - 2 cos x <= x + 2 -> -oo"),
        Lc("exp-neg-sin-neg-end", "exp(-x)*sin(x)", "-oo", "==", "0",
           Limit(lambda x: exp(-x) * sin(x), NOLIM,
                 (multiples(lambda k: -2 * k, lambda: -mp.pi / 2, (10, 100)),
                  multiples(lambda k: -2 * k, lambda: mp.pi / 2, (10, 100)))),
           "at -oo e^-x grows: -e^-x at -2 k pi - pi/2, e^-x at -2 k pi + pi/2: no limit"),
        Lc("pythagoras-decimal", "cos(x)**2 + sin(x)**2", "oo", "==", "1.0000000001",
           Limit(lambda x: cos(x) ** 2 + sin(x) ** 2, one, big), "identically 1, not 1 + 1e-10"),
        # -- undefined at points beyond every bound: defined on no ray ----------------------------------------------
        Lc("log-sin", "log(sin(x))", "oo", "==", "0", Limit(lambda x: log(sin(x)), UNDEF, troughs),
           "sin = -1 at 2 k pi - pi/2: log(sin x) is undefined there, so on no ray"),
        Lc("sqrt-cos-over-x", "sqrt(cos(x))/x", "oo", "==", "0",
           Limit(lambda x: sqrt(cos(x)) / x, UNDEF, multiples(half_pi_k, lambda: mp.pi, (10, 100, 1000))),
           "cos = -1 at (2 k + 1) pi: sqrt(cos x) is undefined there, although |f| <= 1/x wherever it is defined"),
        Lc("log-one-minus-x", "log(1 - x)", "oo", "==", "-oo", Limit(lambda x: log(1 - x), UNDEF, big),
           "1 - x < 0 for x > 1: undefined on the whole ray"),
    ]


def parameter_cases(T, F) -> list:
    A = "parameter"
    return [
        F(A, "leaky-above-line", ("forall alpha > 0: leaky_relu(x, alpha=alpha)", ">=", "alpha*x"),
          (lambda x: M.leaky_relu(x, "2"), lambda x: 2 * x), "1", "alpha = 2, x = 1: 1 < 2"),
        T(A, "leaky-above-line-unit", ("forall 0 <= alpha <= 1: leaky_relu(x, alpha=alpha)", ">=", "alpha*x"),
          (lambda x: min(M.leaky_relu(x, a) - num(a) * x for a in ("0", "0.5", "1")), c("0")),
          "x >= alpha x for x >= 0 when alpha <= 1; equal for x < 0"),
        F(A, "any-sign-square", ("forall alpha: alpha*x**2", ">=", "0"), (lambda x: -x * x, c("0")), "1",
          "alpha = -1"),
        F(A, "pos-square-strict", ("forall alpha > 0: alpha*x**2", ">", "0"), (lambda x: x * x, c("0")), "0",
          "0 at x = 0", exact=True),
        T(A, "tiny-alpha-positive", ("forall alpha > 1e-30: alpha*(x**2 + 1)", ">", "0"),
          (lambda x: num("1e-30") * (x * x + 1), c("0")), "alpha > 0 and x^2 + 1 > 0"),
        T(A, "open-end-minus-one", ("forall alpha > -1: (1 + alpha)*exp(x)", ">", "0"),
          (lambda x: num("1e-30") * exp(x), c("0")), "1 + alpha > 0 and e^x > 0 (the worst alpha -> -1)",
          xmax=40),
        F(A, "closed-end-minus-one", ("forall alpha >= -1: (1 + alpha)*exp(x)", ">", "0"),
          (lambda x: 0 * exp(x), c("0")), "0", "alpha = -1 gives 0 > 0", exact=True),
        F(A, "closed-end-one", ("forall alpha <= 1: (1 - alpha)*exp(x)", ">", "0"),
          (lambda x: 0 * exp(x), c("0")), "0", "alpha = 1 gives 0", exact=True),
        T(A, "sigmoid-scaled", ("forall 0 < alpha <= 1: alpha*sigmoid(x)", "<", "1"),
          (lambda x: M.sigmoid(x), c("1")), "sigmoid < 1, alpha <= 1", dps=100, xmax=200),
        F(A, "sigmoid-scaled-over", ("forall 0 < alpha <= 1.0000000001: alpha*sigmoid(x)", "<", "1"),
          (lambda x: num("1.0000000001") * M.sigmoid(x), c("1")), "40",
          "alpha = 1.0000000001, x = 40: sigmoid(40) = 1 - 4.2e-18, product 1 + 1e-10 - ..."),
        F(A, "tanh-scaled-open", ("forall 0 < alpha < 1.0000000001: alpha*tanh(x)", "<", "1"),
          (lambda x: num("1.00000000005") * tanh(x), c("1")), "20", "alpha = 1.00000000005 and tanh(20) ~ 1 - 8e-18"),
        T(A, "blend-sin-abs", ("forall 0 <= alpha <= 1: alpha*x + (1 - alpha)*sin(x)", "<=", "Abs(x)"),
          (lambda x: max(num(a) * x + (1 - num(a)) * sin(x) for a in ("0", "0.3", "1")), abs),
          "x <= |x| and sin x <= |x|; a convex combination"),
        F(A, "blend-exp-below-zero", ("forall -1e-30 <= alpha <= 1: alpha*exp(x) + (1 - alpha)*(1 + x)", ">=",
                                      "1 + x"),
          (lambda x: num("-1e-30") * exp(x) + (1 + num("1e-30")) * (1 + x), lambda x: 1 + x), "1",
          "alpha = -1e-30: alpha (e^x - 1 - x) < 0 at x = 1"),
        F(A, "elu-floor-margin", ("forall alpha > 0: elu(x, alpha=alpha)", ">=", "-alpha + 1e-40"),
          (lambda x: M.elu(x, "1"), lambda x: -1 + num("1e-40")), "-100", "alpha = 1: e^-100 - 1 < -1 + 1e-40"),
        F(A, "elu-below-identity", ("forall alpha >= 1: elu(x, alpha=alpha)", "<=", "x"),
          (lambda x: M.elu(x, "1"), lambda x: x), "-1", "e^-1 - 1 = -0.63 > -1"),
        F(A, "elu-slope", ("forall alpha > 0: diff(elu(x, alpha=alpha), x)", ">=", "0"),
          (lambda x: M.d_elu(x, "2"), c("0")), "0", "alpha = 2: slopes 2 and 1 at 0, a corner"),
        F(A, "leaky-slope-zero", ("forall alpha >= 0: diff(leaky_relu(x, alpha=alpha), x)", ">", "0"),
          (lambda x: M.d_leaky_relu(x, "0"), c("0")), "-1", "alpha = 0: slope 0 left of 0", exact=True),
        T(A, "diff-affine", ("forall alpha: diff(alpha*x**2 + sin(x), x)", "==", "2*alpha*x + cos(x)"),
          (lambda x: 2 * 3 * x + cos(x), lambda x: 2 * 3 * x + cos(x)), "the derivative, for every alpha"),
        F(A, "diff-abs-sqrt2", ("forall alpha: diff(alpha*Abs(x - sqrt(2)), x)", "==", "alpha*sign(x - sqrt(2))"),
          (lambda x: M.kink(x, mp.sqrt(2), lambda t: mpf(-1), lambda t: mpf(1)), lambda x: sign(x - mp.sqrt(2))),
          lambda: mp.sqrt(2), "alpha = 1: |x - sqrt 2| has a corner at sqrt 2"),
        T(A, "abs-sqrt2-nonneg", ("forall alpha > 0: alpha*Abs(x - sqrt(2))", ">=", "0"),
          (lambda x: abs(x - mp.sqrt(2)), c("0")), "a product of non-negatives"),
        F(A, "abs-sqrt2-pos", ("forall alpha > 0: alpha*Abs(x - sqrt(2))", ">", "0"),
          (lambda x: mpf(0) if vanishes(x - mp.sqrt(2)) else abs(x - mp.sqrt(2)), c("0")), lambda: mp.sqrt(2),
          "0 at x = sqrt 2", exact=True),
        T(A, "pythagoras-times", ("forall alpha: alpha*(sin(x)**2 + cos(x)**2 - 1)", "==", "0"),
          (lambda x: 5 * (sin(x) ** 2 + cos(x) ** 2 - 1), c("0")), "sin^2 + cos^2 = 1"),
        F(A, "cancel-x", ("forall alpha: alpha*x/x", "==", "alpha"), (lambda x: div(x, x), c("1")), "0",
          "undefined at x = 0"),
        T(A, "slope-scaled-open", ("forall 0 < w < 1: w*diff(sigmoid(x), x)", "<", "1/4"),
          (lambda x: num("0.999999999") * M.d_sigmoid(x), c("1/4")),
          "w sigmoid' < sigmoid' <= 1/4 (w < 1 and sigmoid' > 0)", points=("0",)),
        F(A, "slope-scaled-closed", ("forall 0 < w <= 1: w*diff(sigmoid(x), x)", "<", "1/4"),
          (M.d_sigmoid, c("1/4")), "0", "w = 1, x = 0: 1/4 < 1/4 fails", exact=True),
        F(A, "slope-scaled-over-4", ("forall -4 <= w <= 4.000000000001: w*diff(sigmoid(x), x)", "<=", "1"),
          (lambda x: num("4.000000000001") * M.d_sigmoid(x), c("1")), "0", "w = 4.000000000001 at 0"),
        T(A, "relu-softplus-blend", ("forall 0 <= a < 1: a*relu(x) + (1 - a)*softplus(x)", ">", "relu(x)"),
          (lambda x: num("0.999999999") * M.relu(x) + num("1e-9") * M.softplus(x), M.relu),
          "(1 - a)(softplus - relu) > 0 for a < 1", xmax=30, dps=100),
        F(A, "relu-softplus-blend-closed", ("forall 0 <= a <= 1: a*relu(x) + (1 - a)*softplus(x)", ">", "relu(x)"),
          (M.relu, M.relu), "1", "a = 1: relu > relu fails", exact=True),
    ]


def _dottie():
    return mpmath.findroot(lambda t: mp.cos(t) - t, mpf("0.739"))


def kink_cases(T, F) -> list:
    K, X = "kink", "extremum"
    with mp.workdps(120):
        w2 = mpmath.lambertw(mp.e ** 2).real        # e^x = 2 - x at x = 2 - W(e^2)
        omega = mpmath.lambertw(1).real            # e^-x = x at x = W(1)
        tanh_peak = mp.acosh(mp.sqrt(2))           # (tanh x - x/2)' = sech^2 x - 1/2 = 0
        tp_value = 1 / mp.sqrt(2) - tanh_peak / 2
        dottie = _dottie()
        dgap = mpf("0.7390851332151607") - dottie  # the double above the Dottie number
        dotsum = dgap                              # min of |cos x - x| + |x - c| (slope of cos x - x is > 1)
        w2_below, w2_above, w2_at = M_dec(w2 - mpf(10) ** -20, 24), M_dec(w2 + mpf(10) ** -25, 30), M_dec(2 - w2, 64)
        om_above, om_below, om_at = (M_dec(omega + mpf(10) ** -25, 30), M_dec(omega - mpf(10) ** -25, 30),
                                     M_dec(omega, 64))
        tp_above, tp_below, tp_at = (M_dec(tp_value + mpf(10) ** -30, 34), M_dec(tp_value - mpf(10) ** -30, 34),
                                     M_dec(tanh_peak, 64))
        dottie_at = M_dec(dottie, 64)
    cross_e = lambda: 2 - mpmath.lambertw(mp.e ** 2).real  # noqa: E731
    return [
        # -- extrema of Max/Min at irrational crossings -------------------------------------------------------------
        T(X, "max-exp-line-floor", ("Max(exp(x), 2 - x)", ">=", w2_below),
          (lambda x: Max(exp(x), 2 - x), c(w2_below)),
          f"e^x increases, 2 - x decreases: the minimum of the max is at their crossing 2 - W(e^2), value W(e^2) = "
          f"{mpmath.nstr(w2, 25)}; the constant is W(e^2) - 1e-20 rounded to 24 places", points=(cross_e,)),
        F(X, "max-exp-line-floor-up", ("Max(exp(x), 2 - x)", ">=", w2_above),
          (lambda x: Max(exp(x), 2 - x), c(w2_above)), w2_at,
          "the minimum W(e^2) at x = 2 - W(e^2) is 1e-25 below the constant"),
        T(X, "min-exp-line-ceiling", ("Min(exp(-x), x)", "<=", om_above),
          (lambda x: Min(exp(-x), x), c(om_above)),
          "x increases, e^-x decreases: the max of the min is at e^-x = x, x = W(1) = omega = 0.5671432904..., "
          "1e-25 below the constant", points=(om_at,)),
        F(X, "min-exp-line-ceiling-down", ("Min(exp(-x), x)", "<=", om_below),
          (lambda x: Min(exp(-x), x), c(om_below)), om_at,
          "omega is 1e-25 above the constant, reached at x = omega"),
        F(X, "min-exp-line-double", ("Min(exp(-x), x)", "<=", "0.56714329040978387"),
          (lambda x: Min(exp(-x), x), c("0.56714329040978387")), om_at,
          "omega = 0.567143290409783872999968662... > 0.56714329040978387"),
        T(X, "dottie-sum", ("Abs(cos(x) - x) + Abs(x - 0.7390851332151607)", ">", "1e-17"),
          (lambda x: abs(cos(x) - x) + abs(x - num("0.7390851332151607")), c("1e-17")),
          f"|cos x - x| >= |x - d| (the slope of x - cos x is 1 + sin x >= 1 on [0, 1], and |cos x - x| >= 0.26 "
          f"outside it) so the sum is >= |x - d| + |x - c| >= c - d = {mpmath.nstr(dgap, 6)} > 1e-17 "
          f"(d the Dottie number, c the double)", points=(dottie_at, "0.7390851332151607")),
        F(X, "dottie-sum-margin", ("Abs(cos(x) - x) + Abs(x - 0.7390851332151607)", ">", "1e-16"),
          (lambda x: abs(cos(x) - x) + abs(x - num("0.7390851332151607")), c("1e-16")), dottie_at,
          f"at the Dottie number d the sum is c - d = {mpmath.nstr(dotsum, 6)} < 1e-16"),
        T(X, "tanh-line-peak", ("Max(tanh(x) - x/2, 0)", "<=", tp_above + " + x**2"),
          (lambda x: Max(tanh(x) - x / 2, 0), lambda x: num(tp_above) + x * x),
          f"tanh x - x/2 peaks at acosh(sqrt 2) with value 1/sqrt2 - acosh(sqrt2)/2 = {mpmath.nstr(tp_value, 20)}, "
          f"below the constant c, for x >= 0; for x < 0 it is < -x/2 <= x^2 + 1/16 < x^2 + c (as (x + 1/4)^2 >= 0)",
          points=(tp_at,)),
        F(X, "tanh-line-peak-left", ("Max(tanh(x) - x/2, 0)", "<=", "0.3"),
          (lambda x: Max(tanh(x) - x / 2, 0), c("0.3")), "-10", "-x/2 grows at -oo: 4.0000000041 at -10"),
        F(X, "tanh-line-peak-down", ("tanh(x) - x/2", "<=", tp_below + " for x > 0"),
          (lambda x: tanh(x) - x / 2, c(tp_below)), tp_at,
          "the peak is 1e-30 above the constant", domain=lambda x: x > 0),
        # -- corners where two slopes differ: f' undefined there ------------------------------------------------------
        F(K, "d-max-exp-line", ("diff(Max(exp(x), 2 - x), x)", ">=", "-1"),
          (lambda x: d_max(x, exp, exp, lambda t: 2 - t, lambda t: mpf(-1)), c("-1")), cross_e,
          "slopes W(e^2) = 1.557 and -1 at the crossing 2 - W(e^2): a corner"),
        F(K, "d-max-exp-line-piecewise", ("diff(Max(exp(x), 2 - x), x)", "==",
                                          "Piecewise((-1, x < 0.4428544010023886), (exp(x), True))"),
          (lambda x: d_max(x, exp, exp, lambda t: 2 - t, lambda t: mpf(-1)),
           lambda x: mpf(-1) if x < num("0.4428544010023886") else exp(x)), cross_e, "undefined at the corner"),
        F(K, "d-abs-cos-x", ("diff(Abs(cos(x) - x), x)", "==", "sign(cos(x) - x)*(-sin(x) - 1)"),
          (lambda x: d_abs(cos(x) - x, -sin(x) - 1), lambda x: sign(cos(x) - x) * (-sin(x) - 1)),
          lambda: _dottie(), "cos x - x has a simple zero at the Dottie number (slope -1.67): a corner of |.|"),
        F(K, "d-abs-exp-two", ("diff(Abs(exp(x) - 2), x)", "==", "sign(exp(x) - 2)*exp(x)"),
          (lambda x: d_abs(exp(x) - 2, exp(x)), lambda x: sign(exp(x) - 2) * exp(x)), lambda: mp.log(2),
          "a corner at log 2"),
        T(K, "d-abs-exp-two-sq", ("diff(Abs(exp(x) - 2)**2, x)", "==", "2*(exp(x) - 2)*exp(x)"),
          (lambda x: 2 * (exp(x) - 2) * exp(x), lambda x: 2 * (exp(x) - 2) * exp(x)),
          "|u|^2 = u^2 is smooth", xmax=40),
        F(K, "d-max-sin-x", ("diff(Max(sin(x), x), x)", ">=", "0"),
          (lambda x: cos(x) if x < 0 else mpf(1), c("0")), "-2",
          "max(sin x, x) = sin x for x < 0 (tangent at 0, derivative 1 there), and cos(-2) < 0"),
        F(K, "d-max-x-sinx", ("diff(Max(x, sin(x) + x), x)", ">", "0"),
          (lambda x: d_max(x, lambda t: t, lambda t: mpf(1), lambda t: sin(t) + t, lambda t: cos(t) + 1), c("0")),
          lambda: mp.pi, "x + max(0, sin x): a corner at pi (slopes 1 and 0)"),
        F(K, "d-max-atan-half", ("diff(Max(atan(x), x/2), x)", ">", "0"),
          (lambda x: d_max(x, atan, lambda t: 1 / (1 + t * t), lambda t: t / 2, lambda t: mpf(1) / 2), c("0")), "0",
          "atan x = x/2 at 0 with slopes 1 and 1/2: a corner"),
        F(K, "d-max-tanh-third", ("diff(Max(tanh(x), x/3), x)", ">=", "0"),
          (lambda x: d_max(x, tanh, lambda t: 1 - tanh(t) ** 2, lambda t: t / 3, lambda t: mpf(1) / 3), c("0")),
          "0", "slopes 1 and 1/3 at 0"),
        F(K, "d-abs-sin-sq", ("diff(Abs(sin(x)), x)**2", "==", "cos(x)**2"),
          (lambda x: d_abs(sin(x), cos(x)) ** 2, lambda x: cos(x) ** 2), lambda: mp.pi, "a corner at pi"),
        F(K, "d-abs-cube-root2", ("diff(Abs(x**3 - 2), x)", "==", "3*x**2*sign(x**3 - 2)"),
          (lambda x: d_abs(x ** 3 - 2, 3 * x * x), lambda x: 3 * x * x * sign(x ** 3 - 2)), lambda: mp.cbrt(2),
          "a corner at 2^(1/3)"),
        T(K, "d-abs-cube", ("diff(Abs(x**3), x)", "==", "3*x*Abs(x)"), (lambda x: 3 * x * abs(x),
                                                                      lambda x: 3 * x * abs(x)),
          "|x|^3 is C2: derivative 3 x |x|"),
        F(K, "d-abs-log-one", ("diff(Abs(log(1 + x**2) - 1), x)", "==", "sign(log(1 + x**2) - 1)*2*x/(1 + x**2)"),
          (lambda x: d_abs(log(1 + x * x) - 1, 2 * x / (1 + x * x)),
           lambda x: sign(log(1 + x * x) - 1) * 2 * x / (1 + x * x)), lambda: mp.sqrt(mp.e - 1),
          "a corner at sqrt(e - 1)"),
        F(K, "d-abs-tanh-half", ("diff(Abs(tanh(x) - 0.5), x)", ">=", "-1"),
          (lambda x: d_abs(tanh(x) - num("0.5"), 1 - tanh(x) ** 2), c("-1")), lambda: mp.atanh(mpf(1) / 2),
          "a corner at atanh(1/2)"),
        F(K, "d-min-log-one", ("diff(Min(log(1 + x**2), 1), x)", "<=", "1"),
          (lambda x: -d_max(x, lambda t: -log(1 + t * t), lambda t: -2 * t / (1 + t * t), lambda t: mpf(-1),
                            lambda t: mpf(0)), c("1")), lambda: mp.sqrt(mp.e - 1), "a corner at sqrt(e - 1)"),
        F(K, "d-max-exp-tilt-up", ("diff(Max(exp(x), 1 + 1.0000000001*x), x)", ">", "0"),
          (lambda x: d_max(x, exp, exp, lambda t: 1 + num("1.0000000001") * t, lambda t: num("1.0000000001")),
           c("0")), "0", "e^0 = 1 = 1 + 0: they cross at 0 with slopes 1 and 1.0000000001"),
        F(K, "d-max-exp-tilt-down", ("diff(Max(exp(x), 1 + 0.9999999999*x), x)", ">", "0"),
          (lambda x: d_max(x, exp, exp, lambda t: 1 + num("0.9999999999") * t, lambda t: num("0.9999999999")),
           c("0")), "0", "a corner at 0 (slopes 1 and 0.9999999999)"),
        T(K, "d-max-exp-tangent-below", ("diff(Max(exp(x), 1 + x - 1e-40), x)", "==", "exp(x)"),
          (exp, exp), "e^x >= 1 + x > 1 + x - 1e-40: the max is e^x everywhere", xmax=40),
        T(K, "d-max-tangent-square", ("diff(Max(x**2, 2*x - 1), x)", "==", "2*x"),
          (lambda x: 2 * x, lambda x: 2 * x), "x^2 - (2x - 1) = (x - 1)^2 >= 0: the max is x^2"),
        F(K, "d-max-tanh-half-corner", ("diff(Max(tanh(x), 0.5), x)", ">=", "0"),
          (lambda x: d_max(x, tanh, lambda t: 1 - tanh(t) ** 2, lambda t: num("0.5"), lambda t: mpf(0)), c("0")),
          lambda: mp.atanh(mpf(1) / 2), "a corner at atanh(1/2) (slopes 3/4 and 0)"),
        F(K, "d-pw-sqrt2-decimal-jump", ("diff(Piecewise((x**2, x < sqrt(2)), (2.8284271247461903*x - 2, True)), x)",
                                         "==", "2*Min(x, sqrt(2))"),
          (lambda x: M.undefined("a jump at sqrt 2") if vanishes(x - mp.sqrt(2)) else
           (2 * x if x < mp.sqrt(2) else num("2.8284271247461903")), lambda x: 2 * Min(x, mp.sqrt(2))),
          lambda: mp.sqrt(2), "2.8284271247461903 sqrt 2 - 2 = 2 + 2.8e-17 != 2: a jump at sqrt 2, no derivative"),
        F(K, "pw-decimal-slope-dip", ("Piecewise((x**2, x < sqrt(2)), (2.8284271247461903*x - 2, True))", ">=",
                                      "2.8284271247461903*x - 2"),
          (lambda x: x * x if x < mp.sqrt(2) else num("2.8284271247461903") * x - 2,
           lambda x: num("2.8284271247461903") * x - 2), "1.41421355",
          "c = 2.8284271247461903 > 2 sqrt 2: x^2 - c x + 2 < 0 between its roots c/2 +- 5.3e-9, left of sqrt 2"),
        F(K, "d-max-sin-half", ("diff(Max(sin(x), 1/2), x)", "==", "cos(x)*Heaviside(sin(x) - 1/2)"),
          (lambda x: d_max(x, sin, cos, lambda t: mpf(1) / 2, lambda t: mpf(0)),
           lambda x: cos(x) * M.heaviside(sin(x) - mpf(1) / 2)), lambda: mp.pi / 6, "a corner at pi/6"),
        F(K, "d-abs-pi-double", ("diff(Abs(x - pi)*(x - 3.141592653589793), x)", "==", "2*Abs(x - pi)"),
          (lambda x: M.undefined("corner: one-sided slopes +-(pi - c)") if vanishes(x - mp.pi) else
           sign(x - mp.pi) * (2 * x - mp.pi - num("3.141592653589793")), lambda x: 2 * abs(x - mp.pi)),
          lambda: mp.pi, "|h| (h + pi - c)/h -> +-(pi - c) = +-1.2e-16 at x = pi: a corner"),
        F(K, "max-sqrt2-double", ("Max(x, sqrt(2)) + Min(x, 1.4142135623730951)", "==", "x + sqrt(2)"),
          (lambda x: Max(x, mp.sqrt(2)) + Min(x, num("1.4142135623730951")), lambda x: x + mp.sqrt(2)), "10",
          "x + 1.4142135623730951 != x + sqrt 2 for x > 1.5"),
        F(K, "relu-pi-double", ("Max(x - pi, 0) - Max(3.141592653589793 - x, 0)", "==", "x - pi"),
          (lambda x: Max(x - mp.pi, 0) - Max(num("3.141592653589793") - x, 0), lambda x: x - mp.pi), "0",
          "x - 3.141592653589793 != x - pi for x < 3"),
        F(K, "relu-e-double", ("Max(x - E, 0)", ">=", "x - 2.718281828459045"),
          (lambda x: Max(x - mp.e, 0), lambda x: x - num("2.718281828459045")), "10",
          "2.718281828459045 < e: x - e < x - 2.718281828459045 for x > e"),
        T(K, "relu-e-double-up", ("Max(x - E, 0)", ">=", "x - 2.718281828459046"),
          (lambda x: Max(x - mp.e, 0), lambda x: x - num("2.718281828459046")),
          "2.718281828459046 > e: x - e > x - 2.718281828459046, and 0 > it for x < e"),
        T(K, "d-pw-c2", ("diff(Piecewise((exp(x), x < 0), (1 + x + x**2/2, True)), x, 2)", ">", "0"),
          (lambda x: exp(x) if x < 0 else mpf(1), c("0")),
          "f' = e^x | 1 + x agree at 0 (both 1) with slopes 1 and 1: f'' = e^x | 1 > 0, existing at 0", xmax=40),
        F(K, "d-pw-c2-third", ("diff(Piecewise((exp(x), x < 0), (1 + x + x**2/2, True)), x, 3)", ">=", "0"),
          (lambda x: M.kink(x, "0", exp, lambda t: mpf(0)), c("0")), "0", "f'' = e^x | 1: slopes 1 and 0 at 0"),
        T(K, "d-pw-log-c2", ("diff(Piecewise((log(x), x > 1), (x - 1 - (x - 1)**2/2, True)), x, 2)", "<", "0"),
          (lambda x: -1 / (x * x) if x > 1 else mpf(-1), c("0")),
          "f' = 1/x | 2 - x (both 1 at 1), f'' = -1/x^2 | -1 (both -1 at 1): f'' < 0 and exists at 1"),
        F(K, "d-pw-log-c1-second", ("diff(Piecewise((log(x), x > 1), (x - 1, True)), x, 2)", "<=", "0"),
          (lambda x: M.kink(x, "1", lambda t: mpf(0), lambda t: -1 / (t * t)), c("0")), "1",
          "f' = 1 | 1/x: slopes 0 and -1 at 1, f'' undefined there"),
        T(K, "max-sin-cos-le-one", ("Max(sin(x), cos(x))", "<=", "1"), (lambda x: Max(sin(x), cos(x)), c("1")),
          "both are <= 1", points=(lambda: mp.pi / 2,)),
    ]


def M_dec(value, places: int) -> str:
    from soundness_cases import dec
    return dec(value, places)


def d_max(x, f, df, g, dg):
    from soundness_review import d_max as review_d_max
    return review_d_max(x, f, df, g, dg)


def d_abs(u, du):
    from soundness_review import d_abs_at
    return d_abs_at(u, du)


def tiny_cases(T, F) -> list:
    Y, D = "tiny", "domain"
    return [
        F(Y, "sin-tiny-scale-x", ("x*sin(1e-300*x)", ">=", "0"), (lambda x: x * sin(num("1e-300") * x), c("0")),
          "4.7e300", "1e-300 x = 4.7 in (pi, 2 pi): sin < 0 while x > 0 (dps 400 resolves x)", dps=400),
        T(Y, "tanh-tiny-scale-x", ("x*tanh(1e-200*x)", ">=", "0"), (lambda x: x * tanh(num("1e-200") * x), c("0")),
          "tanh has the sign of its argument", dps=300),
        F(Y, "atan-tiny-strict", ("x*atan(1e-300*x)", ">", "0"), (lambda x: x * atan(num("1e-300") * x), c("0")),
          "0", "0 at x = 0", exact=True),
        T(Y, "atan-tiny-plus", ("x*atan(1e-300*x) + 1e-1000", ">", "0"),
          (lambda x: x * atan(num("1e-300") * x) + num("1e-1000"), c("0")),
          "x atan(ax) >= 0, plus 1e-1000", dps=1100),
        F(Y, "expm1-tiny-strict", ("exp(1e-300*x) - 1", ">", "1e-300*x"),
          (lambda x: exp(num("1e-300") * x) - 1, lambda x: num("1e-300") * x), "0", "tie at 0", exact=True),
        F(Y, "log1p-tiny-strict", ("log(1 + 1e-300*x**2)", "<", "1e-300*x**2"),
          (lambda x: log(1 + num("1e-300") * x * x), lambda x: num("1e-300") * x * x), "0", "tie at 0",
          exact=True),
        T(Y, "log1p-tiny", ("log(1 + 1e-300*x**2)", ">=", "0"), (lambda x: log(1 + num("1e-300") * x * x), c("0")),
          "1 + t >= 1", dps=400),
        F(Y, "x-minus-sin", ("x - sin(x)", ">=", "0"), (lambda x: x - sin(x), c("0")), "-1", "odd: -0.159 at -1"),
        F(Y, "sin-taylor3-odd", ("x - sin(x) - x**3/6", "<=", "0"),
          (lambda x: x - sin(x) - x ** 3 / 6, c("0")), "-1",
          "sin x >= x - x^3/6 for x >= 0 only; the difference is odd: +0.0081 at x = -1"),
        F(Y, "sin-taylor3-odd-sq", ("x**2*(x - sin(x) - x**3/6)", "<=", "0"),
          (lambda x: x * x * (x - sin(x) - x ** 3 / 6), c("0")), "-0.001",
          "x^2 times an odd remainder x^5/120 - ...: positive at small negative x (8.3e-21 at -0.001)"),
        F(Y, "sin-taylor5-strict", ("x*(x - sin(x) - x**3/6 + x**5/120)", ">", "0"),
          (lambda x: x * (x - sin(x) - x ** 3 / 6 + x ** 5 / 120), c("0")), "0", "0 at 0", exact=True),
        T(Y, "sin-taylor5", ("x*(x - sin(x) - x**3/6 + x**5/120)", ">=", "0"),
          (lambda x: x * (x - sin(x) - x ** 3 / 6 + x ** 5 / 120), c("0")),
          "for x >= 0, sin x <= x - x^3/6 + x^5/120 (alternating Taylor bounds); the bracket is odd, so x times "
          "it is even and >= 0"),
        F(Y, "cos-taylor4-strict", ("1 - cos(x) - x**2/2 + x**4/24", ">", "0"),
          (lambda x: 1 - cos(x) - x * x / 2 + x ** 4 / 24, c("0")), "0", "0 at 0", exact=True),
        T(Y, "cos-taylor4", ("1 - cos(x) - x**2/2 + x**4/24", ">=", "0"),
          (lambda x: 1 - cos(x) - x * x / 2 + x ** 4 / 24, c("0")),
          "cos x <= 1 - x^2/2 + x^4/24 for all x (the next term -x^6/720 is a remainder of the right sign)"),
        T(Y, "exp-taylor3", ("exp(x) - 1 - x - x**2/2 - x**3/6", ">=", "0"),
          (lambda x: exp(x) - 1 - x - x * x / 2 - x ** 3 / 6, c("0")),
          "Lagrange: the remainder e^t x^4/24 >= 0 for every x (an even power)"),
        F(Y, "exp-taylor3-times-x", ("x*(exp(x) - 1 - x - x**2/2 - x**3/6)", ">=", "0"),
          (lambda x: x * (exp(x) - 1 - x - x * x / 2 - x ** 3 / 6), c("0")), "-1",
          "the bracket is > 0 at x = -1 (e^-1 - 1/3 = 0.0345), times -1"),
        T(Y, "log1p-taylor3", ("log(1 + x**2) - x**2 + x**4/2 - x**6/3", "<=", "0"),
          (lambda x: log(1 + x * x) - x * x + x ** 4 / 2 - x ** 6 / 3, c("0")),
          "log(1 + t) <= t - t^2/2 + t^3/3 for t >= 0 (derivative -t^3/(1 + t) <= 0 of the difference)"),
        F(Y, "tanh-taylor-odd", ("tanh(x) - x + x**3/3", ">=", "0"), (lambda x: tanh(x) - x + x ** 3 / 3, c("0")),
          "-1", "odd: -0.0950 at -1"),
        T(Y, "tanh-taylor-times-x", ("x*(tanh(x) - x + x**3/3)", ">=", "0"),
          (lambda x: x * (tanh(x) - x + x ** 3 / 3), c("0")),
          "for x >= 0: tanh x >= x - x^3/3 (equal at 0; derivatives sech^2 x >= 1 - x^2 as sech^2 x = 1 - tanh^2 x "
          "and tanh x <= x); odd bracket, so even product"),
        F(Y, "atan-taylor-strict", ("x*(atan(x) - x + x**3/3)", ">", "0"),
          (lambda x: x * (atan(x) - x + x ** 3 / 3), c("0")), "0", "0 at 0", exact=True),
        T(Y, "sinh-taylor", ("x*(sinh(x) - x) - x**4/6", ">=", "0"),
          (lambda x: x * (sinh(x) - x) - x ** 4 / 6, c("0")), "x (sinh x - x - x^3/6) = x sum x^(2k+1)/(2k+1)! "
          "over k >= 2: every term even", xmax=40),
        T(Y, "sigmoid-taylor-times-x", ("x*(sigmoid(x) - 1/2 - x/4)", "<=", "0"),
          (lambda x: x * (M.sigmoid(x) - mpf(1) / 2 - x / 4), c("0")),
          "sigmoid(x) - 1/2 = tanh(x/2)/2 <= x/4 for x >= 0 (tanh t <= t); odd bracket"),
        F(Y, "sigmoid-taylor3-odd", ("sigmoid(x) - 1/2 - x/4 + x**3/48", ">=", "0"),
          (lambda x: M.sigmoid(x) - mpf(1) / 2 - x / 4 + x ** 3 / 48, c("0")), "-1",
          "odd; at x = 1 it is tanh(1/2)/2 - 1/4 + 1/48 > 0, so at -1 it is < 0"),
        T(Y, "sqrt-taylor2", ("sqrt(1 + x**2) - 1 - x**2/2 + x**4/8", ">=", "0"),
          (lambda x: sqrt(1 + x * x) - 1 - x * x / 2 + x ** 4 / 8, c("0")),
          "sqrt(1 + t) >= 1 + t/2 - t^2/8 for t >= 0 (the next Taylor term t^3/16 is positive, and the difference's "
          "derivative 1/(2 sqrt(1 + t)) - 1/2 + t/4 >= 0)"),
        T(Y, "dip-line-exact", ("x**2 + 1e-30*x", ">=", "-2.5e-61"), (lambda x: x * x + num("1e-30") * x,
                                                                    c("-2.5e-61")),
          "(x + 5e-31)^2 - 2.5e-61: minimum -2.5e-61 at -5e-31", points=("-5e-31",), dps=100),
        F(Y, "dip-line-exact-strict", ("x**2 + x/2**100", ">", "-1/2**202"),
          (lambda x: x * x + x / mpf(2) ** 100, lambda x: -1 / mpf(2) ** 202), f"-1/{2 ** 101}",
          "(x + 2^-101)^2 - 2^-202: the minimum -2^-202 is attained at x = -2^-101, a tie", exact=True, dps=100),
        F(Y, "dip-line-above", ("x**2 + 1e-30*x", ">=", "-2.4999999e-61"),
          (lambda x: x * x + num("1e-30") * x, c("-2.4999999e-61")), "-5e-31", "the minimum is below it", dps=100),
        T(Y, "dip-sin", ("x**2 + 1e-30*sin(x)", ">=", "-2.5e-61"),
          (lambda x: x * x + num("1e-30") * sin(x), c("-2.5e-61")),
          "for x <= 0, sin x >= x (so x^2 + e sin x >= x^2 + e x >= -e^2/4); for x >= 0 both terms are >= -e... "
          "x^2 + e sin x >= x^2 - e x... >= 0 where sin x >= 0 (x in [0, pi]) and x^2 >= 9 > e beyond",
          points=("-5e-31",), dps=100),
        T(Y, "dip-quartic", ("x**4 - 1e-30*x**2", ">=", "-2.5e-61"),
          (lambda x: x ** 4 - num("1e-30") * x * x, c("-2.5e-61")), "(x^2 - 5e-31)^2 - 2.5e-61",
          points=(lambda: mp.sqrt(num("5e-31")),), dps=100),
        F(Y, "exp-tiny-linear", ("exp(x) + 1e-40*x", ">=", "0"), (lambda x: exp(x) + num("1e-40") * x, c("0")),
          "-100", "e^-100 = 3.7e-44 < 1e-38"),
        F(Y, "exp-tiny-square", ("exp(x) - 1e-40*x**2", ">", "0"), (lambda x: exp(x) - num("1e-40") * x * x, c("0")),
          "-100", "e^-100 = 3.7e-44 < 1e-36"),
        F(Y, "gauss-floor", ("exp(-x**2)", ">=", "1e-300"), (lambda x: exp(-x * x), c("1e-300")), "27",
          "e^-729 = 2.5e-317", dps=200),   # lhs - rhs ~ -1e-300 must stand above the 10^(-2 dps) rounding floor
        T(Y, "gauss-plus", ("exp(-x**2) + 1e-300", ">", "1e-300"), (lambda x: exp(-x * x) + num("1e-300"),
                                                                    c("1e-300")),
          "e^-x^2 > 0", xmax=30, dps=500),
        T(Y, "xsq-gauss-max", ("x**2*exp(-x**2)", "<=", "0.36787944117144233"),
          (lambda x: x * x * exp(-x * x), c("0.36787944117144233")),
          "t e^-t <= 1/e = 0.3678794411714423215955... (t = x^2)", points=("1",)),
        F(Y, "xsq-gauss-max-down", ("x**2*exp(-x**2)", "<=", "0.36787944117144232159552377016146"),
          (lambda x: x * x * exp(-x * x), c("0.36787944117144232159552377016146")), "1",
          "1/e = 0.367879441171442321595523770161460867... is above it"),
        F(D, "log-sin", ("log(sin(x))", "<=", "0"), (lambda x: log(sin(x)), c("0")), "-1", "sin(-1) < 0"),
        F(D, "sqrt-cos-tiny", ("sqrt(cos(x) - 1 + 1e-300)", ">=", "0"),
          (lambda x: sqrt(cos(x) - 1 + num("1e-300")), c("0")), "1", "cos 1 - 1 = -0.46"),
        T(D, "sqrt-one-plus-sin", ("sqrt(1 + sin(x))", "<=", "sqrt(2)"),
          (lambda x: sqrt(max(mpf(0), 1 + sin(x)) if vanishes(1 + sin(x)) else 1 + sin(x)), lambda x: mp.sqrt(2)),
          "1 + sin x in [0, 2] (0 exactly at -pi/2)"),
        F(D, "log-expm1", ("log(exp(x) - 1)", "<=", "x"), (lambda x: log(exp(x) - 1), lambda x: x), "0",
          "undefined for x <= 0"),
        T(D, "log-expm1-floor", ("log(exp(x) - 1)", ">=", "x - 1 for x > 1"),
          (lambda x: log(exp(x) - 1), lambda x: x - 1),
          "log(e^x - 1) - x + 1 = 1 + log(1 - e^-x) >= 1 + log(1 - 1/e) = 0.54", domain=lambda x: x > 1),
        F(D, "log-one-minus-gauss", ("log(1 - exp(-x**2))", "<=", "0"), (lambda x: log(1 - exp(-x * x)), c("0")),
          "0", "log 0 at x = 0"),
        T(D, "log-one-minus-gauss-punctured", ("log(1 - exp(-x**2))", "<", "0 for x != 0"),
          (lambda x: log(1 - exp(-x * x)), c("0")), "0 < 1 - e^-x^2 < 1 for x != 0", domain=lambda x: x != 0,
          xmax=10),
        F(D, "log-square-split", ("log(x**2)", "==", "2*log(x)"), (lambda x: log(x * x), lambda x: 2 * log(x)), "-1",
          "log x undefined at -1"),
        T(D, "log-square-abs", ("log(x**2)", "==", "2*log(Abs(x)) for x != 0"),
          (lambda x: log(x * x), lambda x: 2 * log(abs(x))), "x^2 = |x|^2", domain=lambda x: x != 0),
        F(D, "cube-root-cube", ("(x**3)**(1/3)", "==", "x"), (lambda x: rpow(x ** 3, "1/3"), lambda x: x), "-1",
          "a real power with exponent 1/3 of -1 is undefined"),
        F(D, "acos-cos-past-pi", ("acos(cos(x))", "==", "Abs(x) for -3.2 <= x <= 3.2"),
          (lambda x: acos(cos(x)), abs), "3.2", "acos(cos 3.2) = 2 pi - 3.2",
          domain=lambda x: -num("3.2") <= x <= num("3.2")),
        F(D, "logsigmoid-floor", ("log(sigmoid(x))", "<=", "-1e-300"), (lambda x: log(M.sigmoid(x)), c("-1e-300")),
          "800", "log sigmoid(800) = -e^-800 ~ -3.6e-348 > -1e-300", dps=400),
        T(D, "log-one-minus-sigmoid", ("log(1 - sigmoid(x))", "==", "-softplus(x)"),
          (lambda x: log(1 - M.sigmoid(x)), lambda x: -M.softplus(x)), "1 - s(x) = 1/(1 + e^x)", xmax=40,
          dps=100),
        T(D, "bernoulli-bound", ("1/(exp(x) - 1)", ">=", "1/x - 1/2 for x > 0"),
          (lambda x: 1 / (exp(x) - 1), lambda x: 1 / x - mpf(1) / 2),
          "x/(e^x - 1) >= 1 - x/2 for x > 0: e^x (2 - x) <= 2 + x, true at 0 with derivative e^x (1 - x) - 1 <= 0",
          domain=lambda x: x > 0, xmax=100),
        F(D, "x-over-expm1-left", ("x/(exp(x) - 1)", "<=", "1 for x != 0"), (lambda x: x / (exp(x) - 1), c("1")),
          "-1", "x/(e^x - 1) = 1.58 at -1", domain=lambda x: x != 0),
        F(D, "x-over-sin-pi", ("x/sin(x)", ">=", "1 for -3.2 <= x <= 3.2 and x != 0"),
          (lambda x: div(x, mpf(0) if vanishes(sin(x)) else sin(x)), c("1")), lambda: mp.pi,
          "sin(pi) = 0 inside the domain: undefined", domain=lambda x: -num("3.2") <= x <= num("3.2") and x != 0),
        F(D, "inv-log-vs-inv", ("1/log(x)", "<", "1/(x - 1) for x > 1"),
          (lambda x: 1 / log(x), lambda x: 1 / (x - 1)), "2", "log x < x - 1, so 1/log x > 1/(x - 1)",
          domain=lambda x: x > 1),
        T(D, "loglog-below", ("log(log(x))", "<", "x for x > 1"), (lambda x: log(log(x)), lambda x: x),
          "log log x < log x < x", domain=lambda x: x > 1),
        F(D, "sqrt-log-everywhere", ("sqrt(log(x))", "<=", "x"), (lambda x: sqrt(log(x)), lambda x: x), "0.5",
          "log 0.5 < 0"),
    ]


def _all(T, F) -> list:
    """Every case, its id prefixed ``hu-``; each verdict's certificate is re-checked by the kernel's verifier."""
    def named_t(cls, cid, *a, **kw):
        return T(cls, f"hu-{cid}", *a, **kw)

    def named_f(cls, cid, *a, **kw):
        return F(cls, f"hu-{cid}", *a, **kw)

    cases = (limit_cases(named_t, named_f) + parameter_cases(named_t, named_f) + kink_cases(named_t, named_f)
             + tiny_cases(named_t, named_f))
    return [dataclasses.replace(case, verify=True) for case in cases]


def hunt_cases(T, F) -> list:
    """The claims on all of R and the limit claims."""
    return [c for c in _all(T, F) if c.domain is None]


def hunt_domain_cases(T, F) -> list:
    """The claims with a stated domain (``for ...``)."""
    return [c for c in _all(T, F) if c.domain is not None]

"""Softmax, Swish (SiLU) and softplus.

Run ``python proofs/softmax_swish_softplus.py [-v] [--json] [--latex DIR]``.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # fresh clone without installation: make `symact` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy as sp

from symact.catalog import X, get
from symact.claims import Family, arb_of, check, check_zero, cross_check, decider, extremum_matches, proved, refuted, tex
from symact.report.tex import ball

FAMILY = Family("softmax_swish_softplus", "Softmax, Swish, softplus",
                "The probability simplex, Swish's dip below zero and softplus as a smooth ReLU.")

t = sp.Symbol("t", positive=True)
SIG = get("sigmoid").f()
SWISH = get("silu").f()          # x / (1 + exp(-x)), beta = 1
SOFTPLUS = get("softplus").f()   # log(1 + exp(x)), beta = 1
Wc = sp.LambertW(sp.exp(-1))     # W(1/e) ~ 0.2785
XSTAR = -1 - Wc


@FAMILY.claim(
    "softmax_simplex",
    "For n >= 2 inputs, every softmax output lies in (0, 1) and the outputs sum to 1.",
    r"$n\ge2$: $\operatorname{softmax}(x)_i\in(0,1)$ and $\sum_i\operatorname{softmax}(x)_i=1$.",
    formal=("forall n >= 2, scalars x[k]: sum(exp(x[i])/sum(exp(x[k]), k, 1, n), i, 1, n) == 1",
            "forall n >= 2, 1 <= i <= n, scalars x[k]: exp(x[i])/sum(exp(x[k]), k, 1, n) > 0",
            "forall n >= 2, 1 <= i <= n, scalars x[k]: exp(x[i])/sum(exp(x[k]), k, 1, n) < 1"))
def _(d):
    E = sp.IndexedBase("E", positive=True)
    i, j, n = sp.symbols("i j n", integer=True, positive=True)
    for k in (2, 3, 4):
        s = get("softmax").expr(k)
        check_zero(sp.simplify(sum(s) - 1), f"sum = 1 for n = {k}")
        check(all(v.is_positive for v in s), f"positive for n = {k}")
    d.say(r"Write $E_i=e^{x_i}>0$ and $S=\sum_{j=1}^{n}E_j>0$, so $\operatorname{softmax}(x)_i=E_i/S$.")
    d.show(tex(r"\operatorname{softmax}(x)_i"), "=", tex(r"E_i/S"), "")
    d.then(">", 0, "quotient of positive numbers")
    d.show(tex(r"\sum_{i=1}^{n}\operatorname{softmax}(x)_i"), "=", tex(r"\frac{1}{S}\sum_{i=1}^{n}E_i"), "")
    d.then("=", 1, r"definition of $S$")
    d.show(tex(r"1-\operatorname{softmax}(x)_i"), "=", tex(r"\frac{1}{S}\sum_{j\ne i}E_j"),
           "the sum is 1")
    d.then(">", 0, r"$n\ge2$: a non-empty sum of positive terms")
    d.say(r"Hence each output lies in $(0,1)$ and the outputs form a point of the open probability simplex. "
          r"(SymPy re-checks positivity and $\sum=1$ on the catalog expression for $n=2,3,4$. For $n=1$ the "
          r"single output is identically $1$.)")
    del E, i, j, n
    return proved(d, "exact algebra for general n")


@FAMILY.claim(
    "softmax_shift_invariant",
    "softmax(x + c 1) = softmax(x) for every real c.",
    r"$\operatorname{softmax}(x+c\mathbf{1})=\operatorname{softmax}(x)$ for all $c\in\mathbb{R}$.",
    formal="forall n >= 1, 1 <= i <= n, scalars x[k], c: "
           "exp(x[i] + c)/sum(exp(x[k] + c), k, 1, n) == exp(x[i])/sum(exp(x[k]), k, 1, n)")
def _(d):
    c = sp.Symbol("c", real=True)
    for k in (2, 3, 4):
        xs = get("softmax").inputs(k)
        s = get("softmax").expr(k)
        shifted = s.xreplace({v: v + c for v in xs})
        check(all(sp.simplify(a - b) == 0 for a, b in zip(shifted, s)), f"n = {k}")
    d.say(r"For any $c$, with $e^{x_i+c}=e^ce^{x_i}$:")
    d.show(tex(r"\operatorname{softmax}(x+c\mathbf 1)_i"), "=",
           tex(r"\frac{e^{x_i+c}}{\sum_je^{x_j+c}}"), "")
    d.then("=", tex(r"\frac{e^c\,e^{x_i}}{e^c\sum_je^{x_j}}"), r"$e^{a+b}=e^ae^b$, factor $e^c$")
    d.then("=", tex(r"\operatorname{softmax}(x)_i"), r"cancel $e^c>0$")
    d.say(r"(SymPy re-checks the identity for $n=2,3,4$.) This is why implementations subtract $\max_ix_i$ "
          r"before exponentiating: the result is unchanged and no exponential overflows.")
    return proved(d, "exact algebra for general n")


@FAMILY.claim(
    "softmax_jacobian",
    "The Jacobian of softmax is J = diag(s) - s s^T, i.e. ds_i/dx_j = s_i (delta_ij - s_j) (formally: entry by "
    "entry, for every n >= 1 and all 1 <= i, j <= n).",
    r"$\frac{\partial s_i}{\partial x_j}=s_i(\delta_{ij}-s_j)$, i.e.\ $J=\operatorname{diag}(s)-ss^\top$.",
    formal="forall n >= 1, 1 <= i <= n, 1 <= j <= n, scalars x[k]: diff(exp(x[i])/sum(exp(x[k]), k, 1, n), x[j]) "
           "== exp(x[i])/sum(exp(x[k]), k, 1, n)*(delta(i, j) - exp(x[j])/sum(exp(x[k]), k, 1, n))")
def _(d):
    Ei, Ej, S, delta = sp.symbols("E_i E_j S delta_ij", positive=True)
    dEi = delta * Ei          # dE_i/dx_j
    dS = Ej                   # dS/dx_j
    quotient = (dEi * S - Ei * dS) / S**2
    si, sj = Ei / S, Ej / S
    check_zero(sp.simplify(quotient - si * (delta - sj)), "quotient rule")
    for k in (2, 3, 4):
        sm = get("softmax")
        s = sm.expr(k)
        J = sm.jacobian(k)
        target = sp.diag(*s) - s * s.T
        check(all(sp.simplify(a - b) == 0 for a, b in zip(J, target)), f"n = {k}")
    d.say(r"Let $E_i=e^{x_i}$, $S=\sum_kE_k$, $s_i=E_i/S$. Then $\partial E_i/\partial x_j=\delta_{ij}E_i$ "
          r"and $\partial S/\partial x_j=E_j$. By the quotient rule, for any $n$, $i$, $j$:")
    d.show(tex(r"\frac{\partial s_i}{\partial x_j}"), "=",
           tex(r"\frac{\delta_{ij}E_i\,S-E_i\,E_j}{S^2}"), "quotient rule")
    d.then("=", tex(r"\frac{E_i}{S}\Big(\delta_{ij}-\frac{E_j}{S}\Big)"), "SymPy simplification")
    d.then("=", tex(r"s_i(\delta_{ij}-s_j)"), "")
    d.say(r"In matrix form $J=\operatorname{diag}(s)-ss^\top$. (Re-checked against SymPy's Jacobian of the catalog "
          r"expression for $n=2,3,4$.) $J$ is symmetric, $J\mathbf 1=s-s(s^\top\mathbf1)=0$, and its diagonal "
          r"entries $s_i(1-s_i)$ are positive.")
    return proved(d, "quotient rule for general n (exact) + check n = 2, 3, 4")


@FAMILY.claim(
    "softmax_source_claim",
    "Softmax 'is not differentiable at zero and has zero gradient for negative inputs'. Formally the instance "
    "n = 2 with x_2 = -2 fixed: the partial derivative of softmax_1 = e^x1/(e^x1 + e^x2) in x_1 (written x) is 0 "
    "at every negative x_1 (refuted, so the claim is).",
    r"Softmax is not differentiable at $0$ and $\nabla\operatorname{softmax}=0$ for negative inputs.",
    expected="refuted",
    source=r"``softmax is not differentiable at zero and has zero gradient for negative inputs'' "
           r"(a description of ReLU misattributed to softmax).",
    formal="diff(exp(x)/(exp(x) + exp(-2)), x) == 0 for x < 0")
def _(d):
    sm = get("softmax")
    x1, x2 = sm.inputs(2)
    J = sm.jacobian(2)
    J0 = J.subs({x1: 0, x2: 0}).applyfunc(sp.simplify)
    check(J0 == sp.Matrix([[sp.Rational(1, 4), -sp.Rational(1, 4)], [-sp.Rational(1, 4), sp.Rational(1, 4)]]), "J(0)")
    point = {x1: -1, x2: -2}
    j11 = sp.simplify(J[0, 0].subs(point))
    check_zero(j11 - sp.exp(-1) / (1 + sp.exp(-1)) ** 2, "J11 at (-1,-2)")
    check((sp.exp(-1) / (1 + sp.exp(-1)) ** 2).is_positive is True, "positive")
    enc = arb_of(sp.exp(-1) / (1 + sp.exp(-1)) ** 2)
    check(bool(enc > 0), "arb: positive")
    d.say(r"Both halves are false. \emph{Smoothness:} each output $e^{x_i}/\sum_je^{x_j}$ is a quotient of "
          r"$C^\infty$ functions whose denominator is $>0$ everywhere, so softmax is $C^\infty$ on "
          r"$\mathbb{R}^n$, in particular differentiable at $0$. For $n=2$, by \texttt{softmax\_jacobian}:")
    d.show(tex(r"J(0,0)"), "=", J0, r"$s=(\tfrac12,\tfrac12)$")
    d.say(r"\emph{Counterexample to `zero gradient for negative inputs'.} At the negative input $x=(-1,-2)$, "
          r"$s_1=\frac{e^{-1}}{e^{-1}+e^{-2}}=\frac{1}{1+e^{-1}}$ and")
    d.show(tex(r"\frac{\partial s_1}{\partial x_1}(-1,-2)"), "=", tex(r"s_1(1-s_1)"), "")
    d.then("=", sp.exp(-1) / (1 + sp.exp(-1)) ** 2, "exact")
    d.then(">", 0, r"$e^{-1}>0$")
    enc_tex = ball(enc, 8)
    d.say(rf"(certified: ${enc_tex}$). \emph{{Correct statement:}} softmax is $C^\infty$ and its Jacobian "
          r"$\operatorname{diag}(s)-ss^\top$ has positive diagonal and negative off-diagonal entries at every "
          r"input, negative or not; it is never the zero matrix for $n\ge2$.")
    return refuted(d, "exact Jacobian at 0 and at a negative input", point=[-1, -2],
                   entry="exp(-1)/(1 + exp(-1))**2", enclosure=enc.str(12),
                   value={"corrected": "softmax is C-infinity; J = diag(s) - s s^T, never 0"})


def _swish_numerator() -> sp.Expr:
    """swish'(x) = sigma(x) * (1 + x + e^x) / (1 + e^x)."""
    return 1 + X + sp.exp(X)


@FAMILY.claim(
    "swish_deriv_positive_source",
    "Swish's derivative is always > 0 (Swish is increasing).",
    r"$\operatorname{swish}'(x)>0$ for all $x\in\mathbb{R}$.",
    expected="refuted",
    source=r"``Swish is smooth and its derivative is always positive''.",
    formal='diff(swish(x), x) > 0')
def _(d):
    ds = sp.diff(SWISH, X)
    form = SIG * _swish_numerator() / (1 + sp.exp(X))
    check_zero(ds - form, "swish' = sigma (1 + x + e^x)/(1 + e^x)")
    at = ds.subs(X, -2)
    check_zero(at - SIG.subs(X, -2) * (sp.exp(-2) - 1) / (1 + sp.exp(-2)), "swish'(-2)")
    check((sp.exp(-2) - 1).is_negative is True, "e^-2 < 1")
    enc = arb_of(at)
    check(bool(enc < 0), "arb: swish'(-2) < 0")
    d.say(r"With $\operatorname{swish}(x)=x\sigma(x)$ and $\sigma'=\sigma(1-\sigma)$, $1-\sigma(x)=\frac1{1+e^x}$:")
    d.show(tex(r"\operatorname{swish}'(x)"), "=", tex(r"\sigma(x)+x\,\sigma(x)(1-\sigma(x))"),
           "product rule")
    d.then("=", tex(r"\sigma(x)\,\frac{1+x+e^x}{1+e^x}"), "SymPy simplification")
    d.say(r"\emph{Counterexample} $x=-2$:")
    d.show(tex(r"\operatorname{swish}'(-2)"), "=", tex(r"\sigma(-2)\,\frac{e^{-2}-1}{1+e^{-2}}"), "")
    d.then("<", 0, r"$\sigma(-2)>0$, $1+e^{-2}>0$, $e^{-2}<1$")
    enc_tex = ball(enc, 8)
    d.say(rf"(certified value ${enc_tex}$). \emph{{Correct statement}} (proved in \texttt{{swish\_minimum}}): "
          r"the sign of $\operatorname{swish}'$ is the sign of $g(x)=1+x+e^x$, which is strictly increasing, so "
          r"$\operatorname{swish}'<0$ on $(-\infty,x^*)$, $=0$ at $x^*=-1-W(1/e)\approx-1.2785$ and $>0$ on "
          r"$(x^*,\infty)$. Swish is not monotonic.")
    return refuted(d, "exact sign at x = -2 (+ arb)", x=-2, derivative=str(at), enclosure=enc.str(12),
                   value={"corrected": "swish'(x) > 0 iff x > -1 - W(1/e)"})


@FAMILY.claim(
    "swish_minimum",
    "min Swish = -W(1/e) ~ -0.2785, attained only at x = -1 - W(1/e) ~ -1.2785 (W = Lambert W); swish' < 0 "
    "left of that point and > 0 right of it. Formally, at the offset x from that point: swish there is -W(1/e) at "
    "offset 0 and greater at every other offset, and swish' < 0 at negative, > 0 at positive offsets.",
    r"$\min_{x\in\mathbb{R}}x\sigma(x)=-W(1/e)\approx-0.2785$, attained only at $x^*=-1-W(1/e)$.",
    formal=("swish(x - 1 - LambertW(exp(-1))) == -LambertW(exp(-1)) for x == 0",
            "swish(x - 1 - LambertW(exp(-1))) > -LambertW(exp(-1)) for x != 0",
            "diff(swish(x - 1 - LambertW(exp(-1))), x) < 0 for x < 0",
            "diff(swish(x - 1 - LambertW(exp(-1))), x) > 0 for 0 < x < 1",  # x > 0 in two parts: a quicker search
            "diff(swish(x - 1 - LambertW(exp(-1))), x) > 0 for x >= 1"))
def _(d):
    g = _swish_numerator()
    check(sp.diff(g, X) == sp.exp(X) + 1, "g' = e^x + 1 > 0")
    check(sp.limit(g, X, -sp.oo) == -sp.oo and sp.limit(g, X, sp.oo) == sp.oo, "g limits")
    W = sp.Symbol("W", positive=True)
    EW = sp.Symbol("E_W", positive=True)  # stands for e^W, with W e^W = 1/e
    ex_star = sp.exp(-1) / EW               # e^{x*} = e^{-1 - W} = e^{-1} / e^W
    ex_star = ex_star.subs(EW, sp.exp(-1) / W)
    check_zero(ex_star - W, "e^{x*} = W")
    xs = -1 - W
    check_zero(1 + xs + W, "g(x*) = 0")
    fmin = xs / (1 + 1 / W)   # x* sigma(x*) with e^{-x*} = 1/W
    check_zero(sp.simplify(fmin + W), "swish(x*) = -W")
    encW = arb_of(Wc)
    check(bool(abs(arb_of(Wc * sp.exp(Wc) - sp.exp(-1))) < arb_of(sp.Rational(1, 10**30))), "W e^W = 1/e")
    check(bool(abs(encW - arb_of(sp.Rational(2785, 10000))) < arb_of(sp.Rational(1, 20000))), "~ 0.2785")
    d.say(r"By \texttt{swish\_deriv\_positive\_source}, $\operatorname{swish}'(x)=\sigma(x)\frac{g(x)}{1+e^x}$ with "
          r"$g(x)=1+x+e^x$; the other factors are positive, so $\operatorname{sign}\operatorname{swish}'="
          r"\operatorname{sign}g$.")
    d.show(tex("g'(x)"), "=", sp.exp(X) + 1, r"$>0$: $g$ strictly increasing")
    d.say(r"and $g\to-\infty$ as $x\to-\infty$, $g\to+\infty$ as $x\to+\infty$, so $g$ has exactly one zero $x^*$; "
          r"swish strictly decreases on $(-\infty,x^*]$ and strictly increases on $[x^*,\infty)$, so $x^*$ is the "
          r"unique global minimiser. Let $W=W(1/e)>0$ be the Lambert-$W$ value, defined by $We^W=e^{-1}$ "
          r"($w\mapsto we^w$ is strictly increasing on $[0,\infty)$, so $W$ is unique). Then $e^{-W}=eW$ and, "
          r"for $x^*=-1-W$:")
    d.show(tex(r"e^{x^*}"), "=", tex(r"e^{-1}e^{-W}"), "")
    d.then("=", W, r"$e^{-W}=eW$")
    d.show(tex(r"g(x^*)"), "=", tex(r"1+(-1-W)+W"), "")
    d.then("=", 0, "")
    d.show(tex(r"\operatorname{swish}(x^*)"), "=", tex(r"\frac{x^*}{1+e^{-x^*}}"), "")
    d.then("=", tex(r"\frac{-1-W}{1+1/W}"), r"$e^{-x^*}=1/W$")
    d.then("=", -W, "cancel $1+W$")
    encW_tex = ball((-encW), 12)
    xs_tex = ball(arb_of(XSTAR), 12)
    d.say(rf"Certified: $-W(1/e)\in{encW_tex}$ and $x^*\in{xs_tex}$ (\texttt{{arb}}), so the minimum is "
          r"$\approx-0.2785$ at $x^*\approx-1.2785$.")
    cross_check(d, r"$\inf_{\mathbb{R}}\operatorname{swish}=-W(1/e)$, attained only at $-1-W(1/e)$",
                lambda: decider("extremum")(SWISH, "inf", budget=3.0),
                accept=lambda v: extremum_matches(v, -Wc, [XSTAR]))
    return proved(d, "sign analysis of the factored derivative + Lambert W identity (exact)",
                  value={"min": "-LambertW(exp(-1))", "argmin": "-1 - LambertW(exp(-1))",
                         "min_enclosure": (-encW).str(15)})


@FAMILY.claim(
    "swish_bounded_below_unbounded_above",
    "Swish is bounded below (swish(x) > -0.2784645427610738, just below its minimum -W(1/e) = "
    "-0.27846454276107379...; that the minimum is exactly -W(1/e) is swish_minimum) and unbounded above.",
    r"$\operatorname{swish}(x)>-0.2784645427610738$ for all $x$ and $\sup\operatorname{swish}=+\infty$.",
    formal=("swish(x) > -0.2784645427610738", "limit(swish(x), x, oo) == oo"))
def _(d):
    check(sp.limit(SWISH, X, sp.oo) == sp.oo, "limit +oo")
    check((SIG.subs(X, t) - sp.Rational(1, 2)).is_positive is True or
          sp.simplify(SIG.subs(X, t) - sp.Rational(1, 2) - (1 - sp.exp(-t)) / (2 * (1 + sp.exp(-t)))) == 0,
          "sigma(t) >= 1/2")
    d.say(r"Bounded below: by \texttt{swish\_minimum}, $\operatorname{swish}(x)\ge-W(1/e)$ for all $x$, with equality "
          r"at $x^*$. Unbounded above: for $x\ge0$, $\sigma(x)\ge\sigma(0)=\frac12$ ($\sigma$ increasing), so")
    d.show(tex(r"\operatorname{swish}(x)"), "=", tex(r"x\,\sigma(x)"), "")
    d.then(">=", X / 2, r"$x\ge0$")
    d.say(r"which exceeds any bound $M$ once $x>2M$. (SymPy: $\lim_{x\to\infty}x\sigma(x)=\infty$.) So the range "
          r"is $[-W(1/e),\infty)$.")
    return proved(d, "global minimum + linear lower bound", kind="limit", range="[-LambertW(exp(-1)), oo)")


@FAMILY.claim(
    "swish_smooth",
    "Swish x sigmoid(x) is infinitely differentiable (C-infinity) on R.",
    r"$x\mapsto x\sigma(x)$ is $C^\infty$ on $\mathbb{R}$.",
    formal="smooth(swish(x))")
def _(d):
    u = sp.Symbol("u", positive=True)
    # every derivative is a polynomial in x and sigma: d/dx sigma = sigma (1 - sigma)
    s = sp.Symbol("s")
    expr, x = X * s, X
    for k in range(1, 5):
        expr = sp.expand(sp.diff(expr, x) + sp.diff(expr, s) * s * (1 - s))
        check(expr.is_polynomial(X, s), f"derivative {k} is a polynomial in x and sigma")
    check((1 + u).is_positive is True, "1 + e^{-x} > 0")
    d.say(r"$e^{-x}$ is $C^\infty$ and $1+e^{-x}\ge1>0$, so $\sigma=1/(1+e^{-x})$ is $C^\infty$ (quotient with a "
          r"non-vanishing denominator), and so is the product $x\sigma(x)$. Concretely, since "
          r"$\sigma'=\sigma(1-\sigma)$, the $k$-th derivative of $x\sigma(x)$ is a polynomial in $x$ and $\sigma(x)$ "
          r"(induction on $k$: differentiating a polynomial $P(x,\sigma)$ gives $P_x+P_\sigma\,\sigma(1-\sigma)$), "
          r"hence exists and is continuous everywhere; e.g.")
    d.show(tex(r"\operatorname{swish}''"), "=",
           sp.factor(sp.expand(sp.diff(sp.diff(X * s, X) + sp.diff(X * s, s) * s * (1 - s), X)
                               + sp.diff(sp.diff(X * s, X) + sp.diff(X * s, s) * s * (1 - s), s) * s * (1 - s))),
           r"$s=\sigma(x)$")
    d.say(r"So Swish is $C^\infty$ (indeed real-analytic), unlike ReLU which is not even $C^1$.")
    return proved(d, "closure of C-infinity under products and quotients (exact)")


@FAMILY.claim(
    "softplus_deriv_is_sigmoid",
    "softplus'(x) = sigmoid(x), for softplus(x) = ln(1 + e^x).",
    r"$\frac{d}{dx}\ln(1+e^x)=\sigma(x)$.",
    formal='diff(log(1 + exp(x)), x) == sigmoid(x)')
def _(d):
    dsp = sp.diff(SOFTPLUS, X)
    check_zero(dsp - SIG, "softplus' - sigmoid")
    d.show(tex(r"\frac{d}{dx}\ln(1+e^x)"), "=", sp.exp(X) / (1 + sp.exp(X)), "chain rule")
    d.then("=", 1 / (1 + sp.exp(-X)), r"divide by $e^x$")
    d.then("=", tex(r"\sigma(x)"), "")
    d.say(r"So softplus is an antiderivative of the sigmoid; since $0<\sigma<1$, softplus is strictly increasing "
          r"and 1-Lipschitz, and since $\sigma'>0$ it is strictly convex.")
    return proved(d, "exact symbolic identity")


@FAMILY.claim(
    "softplus_minus_relu_le_log2",
    "0 < softplus(x) - relu(x) <= ln 2 for all x, with equality only at x = 0.",
    r"$0<\ln(1+e^x)-\operatorname{relu}(x)\le\ln2$, with equality iff $x=0$.",
    formal=('0 < log(1 + exp(x)) - relu(x)',
            'log(1 + exp(x)) - relu(x) <= log(2)',
            'log(1 + exp(x)) - relu(x) < log(2) for x != 0',
            'log(1 + exp(x)) - relu(x) == log(2) for x == 0'))
def _(d):
    relu = get("relu").f()
    diff = SOFTPLUS - relu
    right, left = diff.subs(X, t), diff.subs(X, -t)
    check_zero(sp.expand_log(sp.simplify(right - sp.log(1 + sp.exp(-t))), force=True), "x > 0 branch")
    check_zero(left - sp.log(1 + sp.exp(-t)), "x < 0 branch")
    check(diff.subs(X, 0) == sp.log(2), "x = 0")
    check(sp.diff(sp.log(1 + sp.exp(-t)), t).is_negative is True, "decreasing in t")
    d.say(r"Write $x=t>0$, $x=-t<0$ or $x=0$:")
    d.show(tex(r"\ln(1+e^t)-t"), "=", tex(r"\ln\big(e^{-t}(1+e^t)\big)"), r"$t=\ln e^t$")
    d.then("=", sp.log(1 + sp.exp(-t)), "")
    d.show(tex(r"\ln(1+e^{-t})-0"), "=", sp.log(1 + sp.exp(-t)), r"$\operatorname{relu}(-t)=0$")
    d.show(tex(r"\ln(1+e^0)-0"), "=", sp.log(2), "")
    d.say(r"So in all cases $\operatorname{softplus}(x)-\operatorname{relu}(x)=\ln(1+e^{-|x|})$. Since "
          r"$0<e^{-|x|}\le1$ with equality iff $x=0$, and $\ln$ is strictly increasing:")
    d.show(0, "<", tex(r"\ln(1+e^{-|x|})"), r"$1+e^{-|x|}>1$")
    d.then("<=", sp.log(2), r"$1+e^{-|x|}\le2$, equality iff $x=0$")
    d.say(r"and the gap tends to $0$ as $|x|\to\infty$: softplus is a smooth ReLU that is never more than "
          r"$\ln2\approx0.693$ above it.")
    cross_check(d, r"$\operatorname{softplus}-\operatorname{relu}\le\ln2$ on $\mathbb{R}$",
                lambda: decider("inequality")(diff, "<=", sp.log(2), budget=3.0))
    cross_check(d, r"$\operatorname{softplus}-\operatorname{relu}>0$ on $\mathbb{R}$",
                lambda: decider("inequality")(diff, ">", 0, budget=3.0))
    return proved(d, "exact case analysis + monotonicity of log", max="log(2)", argmax=0)


if __name__ == "__main__":
    raise SystemExit(FAMILY.main())

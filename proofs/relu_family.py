"""The ReLU family: leaky/parametric/randomised ReLU, ELU, dead units and maxout.

Run ``python proofs/relu_family.py [-v] [--json] [--latex DIR]``.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # fresh clone without installation: make `symact` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy as sp

from symact.catalog import X, get
from symact.claims import Family, arb_of, check, check_zero, proved, tex, one_sided_derivatives_at_zero
from symact.report.tex import ball

FAMILY = Family("relu_family", "The ReLU family",
                "Leaky, parametric and randomised ReLU, ELU, dead units and maxout.")

t = sp.Symbol("t", positive=True)
h = sp.Symbol("h", positive=True)


@FAMILY.claim(
    "leaky_relu_alpha_zero_is_relu",
    "Leaky ReLU with slope alpha = 0 is ReLU.",
    r"$\operatorname{leaky\_relu}_{\alpha=0}=\operatorname{relu}$.",
    formal='leaky_relu(x, alpha=0) == relu(x)')
def _(d):
    lr, relu = get("leaky_relu"), get("relu")
    f0 = lr.f({"alpha": 0})
    check(f0.subs(X, t) == relu.f().subs(X, t) and f0.subs(X, -t) == relu.f().subs(X, -t), "both half-lines")
    check(f0.subs(X, 0) == relu.f().subs(X, 0), "at 0")
    d.show(tex(r"\operatorname{leaky\_relu}_\alpha(x)"), "=", lr.f(symbolic=True), "definition")
    d.show(tex(r"\operatorname{leaky\_relu}_0(x)"), "=", sp.Piecewise((0, X < 0), (X, True)),
           r"$\alpha=0$: $0\cdot x=0$")
    d.then("=", tex(r"\operatorname{relu}(x)"), "definition of relu")
    d.say(r"The two piecewise expressions have the same branches on $x<0$ and on $x\ge0$ "
          r"(checked on $x=t>0$, $x=-t<0$ and $x=0$), so the functions are equal.")
    return proved(d, "exact substitution, branch by branch")


@FAMILY.claim(
    "leaky_relu_deriv",
    "Leaky ReLU's derivative is 1 for x > 0 and alpha for x < 0 (at 0 the one-sided derivatives are alpha "
    "and 1).",
    r"$\operatorname{leaky\_relu}_\alpha'(x)=1$ for $x>0$, $=\alpha$ for $x<0$.",
    formal=('forall alpha >= 0: diff(leaky_relu(x, alpha=alpha), x) == alpha for x < 0',
            'forall alpha >= 0: diff(leaky_relu(x, alpha=alpha), x) == 1 for x > 0'))
def _(d):
    lr = get("leaky_relu")
    f = lr.f(symbolic=True)
    alpha = lr.param("alpha").symbol
    right, left = f.subs(X, t), f.subs(X, -t)
    check(sp.diff(right, t) == 1, "x > 0")
    check(sp.diff(left, t) == -alpha, "x < 0: d/dx = -d/dt")
    lder, rder = one_sided_derivatives_at_zero(f, X)
    check(lder == alpha and rder == 1, "one-sided at 0")
    d.say(r"On the open half-lines the function coincides with one linear branch:")
    d.show(tex(r"\frac{d}{dx}\,x"), "=", 1, r"$x>0$")
    d.show(tex(r"\frac{d}{dx}\,\alpha x"), "=", alpha, r"$x<0$")
    d.show(tex(r"f'_-(0),\ f'_+(0)"), "=", sp.Tuple(lder, rder), "difference quotients $\\pm h$, $h\\to0^+$")
    d.say(r"So $f'=1$ on $x>0$ and $f'=\alpha$ on $x<0$; at $0$ the derivative exists only when $\alpha=1$ "
          r"(the identity).")
    return proved(d, "branch derivatives + one-sided limits (symbolic alpha)", kind="limit")


@FAMILY.claim(
    "prelu_grad_alpha",
    "dPReLU/dalpha = x for x < 0 and 0 for x > 0 (and 0 at x = 0).",
    r"$\frac{\partial}{\partial\alpha}\operatorname{prelu}_\alpha(x)=x$ for $x<0$, $0$ for $x\ge0$.",
    formal=("forall alpha: diff(prelu(x, alpha=alpha), alpha) == x for x < 0",
            "forall alpha: diff(prelu(x, alpha=alpha), alpha) == 0 for x >= 0"))
def _(d):
    pr = get("prelu")
    alpha = pr.param("alpha").symbol
    f = pr.f(symbolic=True)
    g = sp.diff(f, alpha)
    check(g.subs(X, -t) == -t and g.subs(X, t) == 0 and g.subs(X, 0) == 0, "branches")
    d.show(tex(r"\operatorname{prelu}_\alpha(x)"), "=", f, "definition")
    d.show(tex(r"\frac{\partial}{\partial\alpha}\operatorname{prelu}_\alpha(x)"), "=", g,
           r"differentiate each branch in $\alpha$ (the branch conditions do not involve $\alpha$)")
    d.say(r"For fixed $x<0$ the output $\alpha x$ is linear in $\alpha$ with slope $x$; for fixed $x\ge0$ the "
          r"output $x$ does not depend on $\alpha$. So the slope is learned only from negative inputs, and the "
          r"gradient step on $\alpha$ is $\delta\cdot x$ summed over the negative inputs.")
    return proved(d, "exact differentiation in the parameter")


@FAMILY.claim(
    "rrelu_test_time_mean",
    "RReLU: for y = a x on x < 0 with a ~ U(l, u) (l < u), E[y] = ((l + u)/2) x, so using the mean slope at test "
    "time is exact in expectation.",
    r"$a\sim U(l,u)$, $x<0$: $\mathbb{E}[ax]=\frac{l+u}{2}\,x$.",
    formal="forall reals l, u, x with l < u and x < 0: integrate(a*x, a, l, u)/(u - l) == (l + u)/2*x")
def _(d):
    rr = get("rrelu")
    rf = rr.random_form
    a = sp.Symbol("a", real=True)
    l, u = sp.symbols("l u", real=True)
    x = sp.Symbol("x", negative=True)
    y = rf.expr.xreplace({rf.symbol: a, X: x})
    check(y == a * x, "training branch for x < 0")
    ey = sp.integrate(y / (u - l), (a, l, u))
    check_zero(sp.simplify(ey - (l + u) / 2 * x), "E[a x] = (l+u)/2 x")
    test = rr.f(symbolic=True).subs(X, x)
    check_zero(test.xreplace({rr.param("lower").symbol: l, rr.param("upper").symbol: u}) - (l + u) / 2 * x,
               "catalog test-time form")
    d.say(r"For fixed $x<0$ the training output is $y=ax$ with $a$ uniform on $[l,u]$ (density $\frac1{u-l}$):")
    d.show(tex(r"\mathbb{E}[y]"), "=", sp.Integral(a * x / (u - l), (a, l, u)), "definition of expectation")
    d.then("=", tex(r"\frac{x}{u-l}\cdot\frac{u^2-l^2}{2}"), "")
    d.then("=", (l + u) / 2 * x, r"$u^2-l^2=(u-l)(u+l)$")
    d.say(r"which is the catalog's test-time form $\frac{l+u}{2}x$ (for $x\ge0$ the output is $x$ with no "
          r"randomness). Expectation is linear, and $y$ is linear in $a$, so replacing $a$ by its mean is exact. "
          r"This fails when the output is not linear in the random parameter (\texttt{rrelu\_ndsb\_parameterisation}).")
    return proved(d, "exact integration")


@FAMILY.claim(
    "rrelu_ndsb_parameterisation",
    "In the NDSB-competition form y = x/a (x < 0) with a ~ U(3, 8), E[y] = (ln(8/3)/5) x ~ 0.19617 x, which is "
    "not x/5.5 ~ 0.18182 x: dividing by the mean of a is not the expectation (the general 'average the "
    "alphas' rule is refuted in this form; the exact test-time slope is ln(8/3)/5).",
    r"$a\sim U(3,8)$: $\mathbb{E}[x/a]=\frac{\ln(8/3)}{5}\,x\approx0.19617\,x\ne\frac{x}{5.5}$.",
    source=r"``at test time use the average of the random parameter''.",
    formal=("integrate(1/(5*a), a, 3, 8) == log(8/3)/5", "integrate(a/5, a, 3, 8) == 11/2",
            "integrate(1/(5*a), a, 3, 8) > 2/11"))
def _(d):
    a = sp.Symbol("a", positive=True)
    e_inv = sp.integrate(1 / a / 5, (a, 3, 8))
    check_zero(e_inv - sp.log(sp.Rational(8, 3)) / 5, "E[1/a] = ln(8/3)/5")
    mean = sp.integrate(a / 5, (a, 3, 8))
    check(mean == sp.Rational(11, 2), "E[a] = 11/2")
    enc = arb_of(e_inv)
    gap = arb_of(e_inv - sp.Rational(2, 11))
    check(bool(gap > 0), "certified: ln(8/3)/5 > 2/11")
    check(bool(abs(enc - arb_of(sp.Rational(19617, 100000))) < arb_of(sp.Rational(1, 200000))), "~ 0.19617")
    d.say(r"For fixed $x<0$, $y=x/a$ with $a$ uniform on $[3,8]$ (density $\frac15$). By linearity of expectation "
          r"in $y$, $\mathbb{E}[y]=x\,\mathbb{E}[1/a]$ and")
    d.show(tex(r"\mathbb{E}[1/a]"), "=", sp.Integral(1 / (5 * a), (a, 3, 8)), "")
    d.then("=", sp.log(sp.Rational(8, 3)) / 5, r"$\int\frac{da}{a}=\ln a$")
    d.show(tex(r"\mathbb{E}[a]"), "=", sp.Integral(a / 5, (a, 3, 8)), "")
    d.then("=", mean, "")
    enc_tex = ball(enc, 10)
    d.say(rf"In certified ball arithmetic $\frac{{\ln(8/3)}}{{5}}\in{enc_tex}$, and "
          r"$\frac{\ln(8/3)}5-\frac{2}{11}>0$ (its \texttt{arb} enclosure lies in $(0,\infty)$). So the rule "
          r"``divide by the mean $5.5$'' gives slope $\frac1{5.5}=\frac{2}{11}\approx0.18182$, which is "
          r"\emph{not} the expected slope $\frac{\ln(8/3)}{5}\approx0.19617$: the averaging rule is refuted in "
          r"this parameterisation. The reason is Jensen's inequality: $a\mapsto1/a$ is strictly convex on "
          r"$(0,\infty)$, so $\mathbb{E}[1/a]>1/\mathbb{E}[a]$ for any non-degenerate $a$.")
    d.say(r"\emph{Correct statement:} the test-time output that equals the training expectation is "
          r"$y=\frac{\ln(8/3)}{5}\,x$ for $x<0$ (and $y=x$ for $x\ge0$).")
    return proved(d, "exact integration + certified comparison (arb)", kind="interval",
                  e_inv_a=enc.str(12), one_over_mean="2/11",
                  value={"exact_slope": "log(8/3)/5", "mean_rule_slope": "2/11", "averaging_rule": "refuted"})


def _elu(alpha):
    return sp.Piecewise((alpha * (sp.exp(X) - 1), X < 0), (X, True))


@FAMILY.claim(
    "elu_convex_iff_alpha_le_1",
    "ELU with parameter alpha > 0 is convex on R if and only if alpha <= 1 (formally: convex for every "
    "0 < alpha <= 1, not convex for every alpha > 1).",
    r"$\operatorname{elu}_\alpha$ ($\alpha>0$) is convex on $\mathbb{R}$ $\iff$ $\alpha\le1$.",
    formal=("forall 0 < alpha <= 1: convex(elu(x, alpha=alpha))",
            "forall alpha > 1: not convex(elu(x, alpha=alpha))"))
def _(d):
    alpha = sp.Symbol("alpha", positive=True)
    left_d1 = sp.diff(alpha * (sp.exp(X) - 1), X)
    check(sp.diff(left_d1, X) == alpha * sp.exp(X), "left branch f'' = alpha e^x")
    check(sp.limit(left_d1, X, 0, "-") == alpha, "left derivative tends to alpha")
    # (=>) counterexample for alpha > 1: h = 1 - 1/alpha, midpoint of -h and h
    hh = 1 - 1 / alpha
    q = sp.Symbol("q", nonnegative=True)
    taylor = 1 - sp.exp(-q) - q + q**2 / 2
    check(taylor.subs(q, 0) == 0, "g(0) = 0")
    check_zero(sp.diff(taylor, q) - (sp.exp(-q) - 1 + q), "g'")
    check_zero(sp.diff(taylor, q, 2) - (1 - sp.exp(-q)), "g''")
    margin = sp.simplify(alpha * hh * (1 - hh / 2) - hh)
    check_zero(margin - (alpha - 1) ** 2 / (2 * alpha), "alpha h (1 - h/2) - h = (alpha-1)^2/(2 alpha)")
    # concrete instance alpha = 2 re-checked in arb
    f2 = _elu(2)
    gap2 = f2.subs(X, 0) - (f2.subs(X, -sp.Rational(1, 2)) + f2.subs(X, sp.Rational(1, 2))) / 2
    check_zero(gap2 - (sp.Rational(3, 4) - sp.exp(-sp.Rational(1, 2))), "alpha = 2 gap")
    check(bool(arb_of(gap2) > 0), "certified: midpoint inequality fails for alpha = 2")
    d.say(r"$\operatorname{elu}_\alpha(x)=\alpha(e^x-1)$ for $x<0$ and $x$ for $x\ge0$; it is continuous "
          r"(both branches vanish at $0$) and smooth on each open half-line, with")
    d.show(tex("f'(x)"), "=", left_d1, r"$x<0$; increasing, since $f''=\alpha e^x>0$")
    d.show(tex("f'(x)"), "=", 1, r"$x>0$")
    d.show(tex(r"\lim_{x\to0^-}f'(x)"), "=", alpha, "")
    d.say(r"($\Leftarrow$) Let $\alpha\le1$. Then on $x<0$, $f'(x)=\alpha e^x<\alpha\le1=f'(y)$ for every $y>0$, so "
          r"$f'$ is non-decreasing on $\mathbb{R}\setminus\{0\}$. A continuous function on an interval that is "
          r"differentiable except at finitely many points, with non-decreasing derivative where it exists, is "
          r"convex (for $a<c<b$ the mean value theorem on $[a,c]$ and $[c,b]$, pieced at $0$ if needed, gives "
          r"slope$(a,c)\le$ slope$(c,b)$). Hence $\operatorname{elu}_\alpha$ is convex.")
    d.say(r"($\Rightarrow$) Let $\alpha>1$ and put $h=1-\frac1\alpha\in(0,1)$. Midpoint convexity at $\pm h$ would "
          r"require $f(0)\le\frac{f(-h)+f(h)}2$, i.e. $\alpha(1-e^{-h})\le h$. But for $q\ge0$, "
          r"$g(q)=1-e^{-q}-q+\frac{q^2}{2}$ has $g(0)=0$, $g'(q)=e^{-q}-1+q\ge0$ ($g'(0)=0$, $g''=1-e^{-q}\ge0$), so "
          r"$1-e^{-q}\ge q-\frac{q^2}2$ and")
    d.show(tex(r"\alpha(1-e^{-h})-h"), ">=", tex(r"\alpha h\,(1-\tfrac h2)-h"), r"$1-e^{-h}\ge h-\frac{h^2}{2}$")
    d.then("=", (alpha - 1) ** 2 / (2 * alpha), r"$h=1-\frac1\alpha$ (SymPy simplification)")
    d.then(">", 0, r"$\alpha>1$")
    d.say(r"So $f(0)>\frac{f(-h)+f(h)}{2}$ and ELU is not convex. Example $\alpha=2$, $h=\frac12$: "
          r"$f(0)-\frac{f(-1/2)+f(1/2)}2=\frac34-e^{-1/2}>0$ (certified with \texttt{arb}). Together: convex iff "
          r"$\alpha\le1$; the kink at $0$ bends the wrong way exactly when the left slope $\alpha$ exceeds the "
          r"right slope $1$.")
    return proved(d, "monotone derivative (<=) + exact parametric counterexample (=>)",
                  counterexample={"alpha": "2", "points": ["-1/2", "1/2"], "gap": "3/4 - exp(-1/2)"})


@FAMILY.claim(
    "elu_c1_iff_alpha_eq_1",
    "ELU with parameter alpha > 0 is continuously differentiable (C1) on R if and only if alpha = 1 (formally: "
    "its derivative is defined and continuous on R at alpha = 1, and is not for every other alpha > 0).",
    r"$\operatorname{elu}_\alpha\in C^1(\mathbb{R})\iff\alpha=1$.",
    formal=("continuous(diff(elu(x, alpha=1), x))",
            "forall 0 < alpha < 1: not continuous(diff(elu(x, alpha=alpha), x))",
            "forall alpha > 1: not continuous(diff(elu(x, alpha=alpha), x))"))
def _(d):
    alpha = sp.Symbol("alpha", positive=True)
    f = _elu(alpha)
    check(sp.limit(f.subs(X, -h), h, 0, "+") == 0 and f.subs(X, 0) == 0, "continuous at 0")
    lder, rder = one_sided_derivatives_at_zero(f, X)
    check(lder == alpha and rder == 1, "one-sided derivatives")
    f1 = _elu(1)
    check(sp.limit(sp.diff(f1.subs(X, -h), h) * -1, h, 0, "+") == 1, "f' continuous at 0 for alpha = 1")
    check(sp.solve(sp.Eq(lder, rder), alpha) == [1], "alpha = 1")
    d.say(r"Away from $0$ each branch is $C^\infty$. At $0$ both branches give $0$, so $f$ is continuous. "
          r"The one-sided derivatives at $0$ are")
    d.show(tex("f'_-(0)"), "=", tex(r"\lim_{h\to0^+}\frac{\alpha(e^{-h}-1)}{-h}"), "")
    d.then("=", lder, r"$e^{-h}=1-h+O(h^2)$")
    d.show(tex("f'_+(0)"), "=", rder, "")
    d.say(r"If $\alpha\ne1$ they differ, $f'(0)$ does not exist and $f\notin C^1$. If $\alpha=1$, $f'(0)=1$ and "
          r"$f'(x)=e^x\to1$ as $x\to0^-$, $f'(x)=1$ for $x>0$, so $f'$ is continuous: $f\in C^1$. (It is not "
          r"$C^2$: $f''$ jumps from $1$ to $0$.) Hence $C^1$ iff $\alpha=1$.")
    return proved(d, "one-sided derivatives (exact limits)", kind="limit")


@FAMILY.claim(
    "elu_negative_outputs",
    "ELU (alpha > 0) takes negative values: elu(x) in (-alpha, 0) for every x < 0, elu(x) = x for x >= 0, and "
    "elu(x) -> -alpha as x -> -oo; so its values lie in (-alpha, oo), the bound -alpha is approached but not "
    "attained, and there is no upper bound. (That the negative branch fills all of (-alpha, 0) is the "
    "intermediate value theorem on the continuous branch alpha(e^x - 1); the kernel does not check it.)",
    r"$\operatorname{elu}_\alpha(x)\in(-\alpha,0)$ for $x<0$, $=x$ for $x\ge0$, $\to-\alpha$ as $x\to-\infty$.",
    formal=("forall alpha > 0: elu(x, alpha=alpha) > -alpha for x < 0",
            "forall alpha > 0: elu(x, alpha=alpha) < 0 for x < 0",
            "forall alpha > 0: elu(x, alpha=alpha) == x for x >= 0",
            "forall alpha > 0: limit(elu(x, alpha=alpha), x, -oo) == -alpha"))
def _(d):
    alpha = sp.Symbol("alpha", positive=True)
    left = alpha * (sp.exp(-t) - 1)
    check(sp.simplify(left + alpha - alpha * sp.exp(-t)) == 0, "left + alpha = alpha e^{-t}")
    check((alpha * sp.exp(-t)).is_positive is True, "> -alpha")
    check(sp.limit(left, t, 0, "+") == 0 and sp.limit(left, t, sp.oo) == -alpha, "limits")
    check(sp.diff(left, t).is_negative is True, "strictly decreasing in t")
    d.say(r"For $x=-t<0$:")
    d.show(tex(r"\operatorname{elu}(-t)"), "=", left, "")
    d.say(r"Since $0<e^{-t}<1$, $-\alpha<\alpha(e^{-t}-1)<0$. As $t$ runs over $(0,\infty)$ the value decreases "
          r"strictly and continuously from $0$ (limit) to $-\alpha$ (limit), so the negative branch fills "
          r"$(-\alpha,0)$; the branch $x\ge0$ fills $[0,\infty)$. Range: $(-\alpha,\infty)$, with $-\alpha$ not "
          r"attained. Negative outputs push the mean activation towards zero, unlike ReLU.")
    return proved(d, "exact bounds + monotonicity + limits", kind="limit", range="(-alpha, oo)")


@FAMILY.claim(
    "dead_relu_zero_grad",
    "If a ReLU unit's pre-activation z = w.x + b is negative for every input x_n of the data, the gradient of "
    "the loss with respect to its incoming weights and bias is identically 0 (and stays 0: the unit is dead).",
    r"$w^\top x_n+b<0\ \forall n\ \Rightarrow\ \nabla_{w,b}L=0$ for $a=\operatorname{relu}(w^\top x+b)$.",
    formal=("forall S >= 1, 1 <= N <= S, 1 <= m <= S, 1 <= j <= m, scalars w[k], b, x[n, k], "
            "functions r = relu(x), differentiable ell[n]: diff(sum(ell[n](r(sum(w[k]*x[n, k], k, 1, m) + b)), n, 1, "
            "N), w[j]) == 0 whenever sum(w[k]*x[n, k], k, 1, m) + b < 0 for 1 <= n <= N",
            "forall S >= 1, 1 <= N <= S, 1 <= m <= S, scalars w[k], b, x[n, k], functions r = relu(x), "
            "differentiable ell[n]: diff(sum(ell[n](r(sum(w[k]*x[n, k], k, 1, m) + b)), n, 1, N), b) == 0 "
            "whenever sum(w[k]*x[n, k], k, 1, m) + b < 0 for 1 <= n <= N"),
    uses=('relu_hard_saturation_left',))
def _(d):
    w1, w2, b, x1, x2 = sp.symbols("w1 w2 b x1 x2", real=True)
    relu = get("relu").f()
    z = sp.Symbol("z", negative=True)
    branch = relu.subs(X, z)
    check(branch == 0, "relu = 0 for z < 0")
    ell = sp.Function("ell")
    L_local = ell(branch)   # on the open set {z < 0} the unit outputs the constant 0
    check(all(sp.diff(L_local.subs(z, w1 * x1 + w2 * x2 + b), v) == 0 for v in (w1, w2, b)), "gradient 0")
    d.say(r"Let $a_n=\operatorname{relu}(z_n)$ with $z_n=w^\top x_n+b$, and let $L=\sum_n\ell_n(a_n)$ where "
          r"$\ell_n$ is whatever the rest of the network and the loss do with $a_n$. By the chain rule")
    d.show(tex(r"\frac{\partial L}{\partial w_j}"), "=",
           r"\sum_n \ell_n'(a_n)\,\operatorname{relu}'(z_n)\,x_{n,j}", "chain rule")
    d.show(tex(r"\frac{\partial L}{\partial b}"), "=", r"\sum_n \ell_n'(a_n)\,\operatorname{relu}'(z_n)", "")
    d.say(r"Each $z_n<0$ lies in the open half-line where relu is the constant $0$, so relu is differentiable at "
          r"$z_n$ with $\operatorname{relu}'(z_n)=0$ (\texttt{relu\_hard\_saturation\_left}); every term vanishes:")
    d.show(tex(r"\nabla_{w,b}L"), "=", 0, r"$\operatorname{relu}'(z_n)=0$ for all $n$")
    d.say(r"Moreover the finitely many strict inequalities $w^\top x_n+b<0$ still hold for all $(w',b')$ near "
          r"$(w,b)$ (continuity), where $L$ does not depend on $(w',b')$ at all; so gradient descent does not move "
          r"$(w,b)$ and the unit stays dead. (The kernel checks the formal statement for every data set and every "
          r"differentiable $\ell_n$: the chain rule, and relu$'=0$ on $(-\infty,0)$ where the hypothesis puts each "
          r"$z_n$; SymPy re-checks that the loss through the dead branch has zero partial derivatives in "
          r"$w_1,w_2,b$ for an arbitrary $\ell$.)")
    return proved(d, "chain rule + exact zero derivative on the open negative half-line")


@FAMILY.claim(
    "maxout_generalises_relu",
    "ReLU, leaky ReLU (0 <= alpha <= 1) and |x| are maxout units with two affine pieces: max(0, x), "
    "max(x, alpha x), max(x, -x); and every maxout unit max_i (a_i x + b_i) is convex. Formally: the two "
    "pieces of leaky ReLU and which piece is the larger on each half-line (so the max is leaky ReLU), and for one "
    "affine piece a x + b and any bounds mu >= a u + b, mv >= a v + b (such as the maxima of all pieces at u and "
    "v), the piece at l u + (1 - l) v is at most l mu + (1 - l) mv: taking mu, mv the maxima and then the "
    "maximum over the pieces gives convexity, for any number of pieces.",
    r"$\operatorname{relu}=\max(0,x)$, $\operatorname{leaky}_\alpha=\max(x,\alpha x)$ $(0\le\alpha\le1)$, "
    r"$|x|=\max(x,-x)$; $x\mapsto\max_i(a_i^\top x+b_i)$ is convex.",
    formal=("Max(0, x) == relu(x)", "Max(x, -x) == Abs(x)",
            "forall 0 <= alpha <= 1: leaky_relu(x, alpha=alpha) == alpha*x for x < 0",
            "forall 0 <= alpha <= 1: leaky_relu(x, alpha=alpha) == x for x >= 0",
            "forall reals alpha, x with 0 <= alpha <= 1: (x < 0 => x <= alpha*x) and (x >= 0 => alpha*x <= x)",
            "forall reals a, b, u, v, l, mu, mv with 0 <= l <= 1 and a*u + b <= mu and a*v + b <= mv: "
            "a*(l*u + (1 - l)*v) + b <= l*mu + (1 - l)*mv"))
def _(d):
    alpha = sp.Symbol("alpha", nonnegative=True)
    relu, leaky = get("relu").f(), get("leaky_relu").f(symbolic=True)
    leaky_alpha = get("leaky_relu").param("alpha").symbol
    for v in (t, -t, sp.Integer(0)):
        check(sp.Max(0, v) == relu.subs(X, v), f"relu at {v}")
        check(sp.Max(v, -v) == sp.Abs(v), f"abs at {v}")
    # leaky: for x = t > 0, x - alpha x = (1 - alpha) t >= 0; for x = -t, alpha x - x = (1 - alpha) t >= 0
    beta = sp.Symbol("beta", nonnegative=True)  # beta = 1 - alpha >= 0
    check((beta * t).is_nonnegative is True, "(1 - alpha) t >= 0")
    check(leaky.subs(X, t) == t and leaky.subs(X, -t) == -leaky_alpha * t, "leaky branches")
    lam = sp.Symbol("lambda", nonnegative=True)
    a, b, u, v = sp.symbols("a b u v", real=True)
    check_zero(a * (lam * u + (1 - lam) * v) + b - (lam * (a * u + b) + (1 - lam) * (a * v + b)), "affine")
    d.say(r"\emph{The three units.} Compare the two pieces on each half-line ($x=t>0$, $x=-t<0$, and $x=0$):")
    d.show(tex(r"\max(0,x)"), "=", relu, r"$0\ge x$ iff $x\le0$")
    d.show(tex(r"\max(x,-x)"), "=", sp.Abs(X), r"$x\ge-x$ iff $x\ge0$")
    d.show(tex(r"\max(x,\alpha x)"), "=", leaky, r"$x-\alpha x=(1-\alpha)x$ has the sign of $x$ when $\alpha\le1$")
    d.say(r"So each is $\max(a_1x+b_1,a_2x+b_2)$ with two affine pieces: $(0,0),(1,0)$; $(1,0),(\alpha,0)$; "
          r"$(1,0),(-1,0)$. (For $\alpha>1$, $\max(x,\alpha x)$ is $\alpha x$ for $x>0$ instead, i.e. leaky ReLU "
          r"with the roles swapped, and no longer the catalog function.)")
    d.say(r"\emph{Convexity.} Each affine $g_i(x)=a_i^\top x+b_i$ satisfies "
          r"$g_i(\lambda u+(1-\lambda)v)=\lambda g_i(u)+(1-\lambda)g_i(v)$ (exact identity). For $\lambda\in[0,1]$ "
          r"and $m(x)=\max_ig_i(x)$:")
    d.show(tex(r"m(\lambda u+(1-\lambda)v)"), "=", r"\max_i\big(\lambda g_i(u)+(1-\lambda)g_i(v)\big)",
           "affine pieces")
    d.then("<=", r"\lambda\max_i g_i(u)+(1-\lambda)\max_i g_i(v)", r"$g_i\le\max_j g_j$, $\lambda,1-\lambda\ge0$")
    d.then("=", r"\lambda m(u)+(1-\lambda)m(v)", "")
    d.say(r"so every maxout unit is convex, and in particular relu, leaky relu ($\alpha\le1$) and $|x|$ are.")
    del alpha
    return proved(d, "case analysis + max of affine functions (exact)")


if __name__ == "__main__":
    raise SystemExit(FAMILY.main())

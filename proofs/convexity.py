"""Convexity, monotonicity and single layers.

Run ``python proofs/convexity.py [-v] [--json] [--latex DIR]``.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # fresh clone without installation: make `symact` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy as sp

from symact.catalog import X, entries, get
from symact.claims import Family, ProofFailed, arb_of, check, check_zero, proved, refuted, tex, one_sided_derivatives_at_zero
from symact.display import DECIMAL_DENOMINATOR
from symact.report.tex import ball

FAMILY = Family("convexity", "Convexity, monotonicity and single layers",
                "Definitions and conventions, closure rules, and what one layer with a monotone activation "
                "does (not) give.")

lam = sp.Symbol("lambda", nonnegative=True)
a, b = sp.symbols("a b", real=True)
SIG = get("sigmoid").f()


def sig(z):
    return SIG.xreplace({X: z})


#: the perspective t f(x/t) at the convex combination of (x1, t1) and (x2, t2), t = l t1 + (1 - l) t2 > 0
_T = "(l*t1 + (1 - l)*t2)"
PERSPECTIVE = (
    f"forall vectors x1, x2, scalars t1, t2, l, convex f: {_T}*f((l*x1 + (1 - l)*x2)/{_T}) "
    f"<= l*(t1*f(x1/t1)) + (1 - l)*(t2*f(x2/t2)) whenever t1 > 0, t2 > 0, 0 <= l <= 1 "
    f"by <= {_T}*(l*t1/{_T}*f(x1/t1) + (1 - l)*t2/{_T}*f(x2/t2)) "
    f"from {_T}*f.chord(a=x1/t1, b=x2/t2, l=l*t1/{_T}, m=(1 - l)*t2/{_T}); "
    f"== l*(t1*f(x1/t1)) + (1 - l)*(t2*f(x2/t2)) from algebra")
#: every norm is convex: the triangle inequality, homogeneity, and |c| = c for c >= 0
NORM_CONVEX = (
    "forall vectors u, v, scalars l, norm N: N(l*u + (1 - l)*v) <= l*N(u) + (1 - l)*N(v) whenever 0 <= l <= 1 "
    "by <= N(l*u) + N((1 - l)*v) from N.triangle(u=l*u, v=(1 - l)*v); "
    "== abs(l)*N(u) + abs(1 - l)*N(v) from N.homogeneity(c=l, u=u) + N.homogeneity(c=1 - l, u=v); "
    "== l*N(u) + (1 - l)*N(v) from N(u)*nonneg_abs(c=l) + N(v)*nonneg_abs(c=1 - l)")


#: (C) => (M): the chord inequality of a convex f at weights 1/2, 1/2
CONVEX_MIDPOINT = ("forall vectors a, b, convex f: f((a + b)/2) <= (f(a) + f(b))/2 "
                   "by <= 1/2*f(a) + 1/2*f(b) from f.chord(a=a, b=b, l=1/2, m=1/2); == (f(a) + f(b))/2 from algebra")
#: (M) => (C) for continuous f: a dyadic induction on the weight l, then the limit to every l in [0, 1]
_P = {k: f"f({k}*a + (1 - {k})*b)" for k in ("l1", "l2")}
MIDPOINT_CONVEX = (
    "forall scalars a, b, l, continuous midpoint_convex f: f(l*a + (1 - l)*b) <= l*f(a) + (1 - l)*f(b) "
    "whenever 0 <= l <= 1 by limit of dyadic induction on l: "
    "at l = 0: == f(b) from algebra; "
    "at l = 1: == f(a) from algebra; "
    f"at l = (l1 + l2)/2: <= ({_P['l1']} + {_P['l2']})/2 from f.midpoint(x=l1*a + (1 - l1)*b, y=l2*a + (1 - l2)*b); "
    "<= (l1*f(a) + (1 - l1)*f(b) + l2*f(a) + (1 - l2)*f(b))/2 from 1/2*ih(l=l1) + 1/2*ih(l=l2); "
    "== (l1 + l2)/2*f(a) + (1 - (l1 + l2)/2)*f(b) from algebra")


@FAMILY.claim(
    "convexity_convention",
    "For every continuous f: R -> R, the lambda-definition (C) f(l a + (1 - l) b) <= l f(a) + (1 - l) f(b) for "
    "all a, b and l in [0, 1] holds iff the midpoint definition (M) f((a + b)/2) <= (f(a) + f(b))/2 for all a, b "
    "does. Formally, two kernel-checked statements: every convex f (on any real vector space, R included) "
    "satisfies (M) (its chord axiom at weights 1/2, 1/2), and every continuous midpoint-convex f: R -> R "
    "satisfies (C) (a dyadic induction on l, then the limit rule: both sides are continuous in l). "
    "Words (prose, not a statement): the source's optimisation sections call these U-shaped functions "
    "凸 (tu, 'convex'), while its calculus sections, following Chinese calculus textbooks, call the same graphs "
    "凹 (ao, 'concave up'): opposite words for the same inequality. symact says 'convex' for the U shape.",
    r"For continuous $f:\mathbb{R}\to\mathbb{R}$: $f(\lambda a+(1-\lambda)b)\le\lambda f(a)+(1-\lambda)f(b)\ "
    r"\forall a,b,\ \lambda\in[0,1]$ $\iff$ $f(\frac{a+b}2)\le\frac{f(a)+f(b)}2\ \forall a,b$. "
    r"\emph{Words (prose):} optimisation texts call such $f$ \emph{tu} (convex), Chinese calculus texts call the "
    r"same graphs \emph{ao} (concave up).",
    source=r"One section defines the U shape as \emph{tu} (convex), another as \emph{ao} (concave); the words are "
           r"swapped between the sections.",
    formal=(CONVEX_MIDPOINT, MIDPOINT_CONVEX))
def _(d):
    # x^2 is convex: the gap is lam (1 - lam) (a - b)^2
    gap = lam * a**2 + (1 - lam) * b**2 - (lam * a + (1 - lam) * b) ** 2
    check_zero(sp.factor(gap) - lam * (1 - lam) * (a - b) ** 2, "x^2 gap")
    d.say(r"\emph{Definitions.} (C) $f(\lambda a+(1-\lambda)b)\le\lambda f(a)+(1-\lambda)f(b)$ for all $a,b$ and "
          r"$\lambda\in[0,1]$; (M) the same with $\lambda=\frac12$ only. Both say that chords lie above the graph "
          r"(the U shape, e.g.\ $x^2$, where the gap is exactly")
    d.show(tex(r"\lambda a^2+(1-\lambda)b^2-(\lambda a+(1-\lambda)b)^2"), "=", lam * (1 - lam) * (a - b) ** 2,
           r"$\ge0$ for $\lambda\in[0,1]$)")
    d.say(r"The kernel's chains above are the proof: (C)$\Rightarrow$(M) is the chord at $\lambda=\frac12$; "
          r"(M)$\Rightarrow$(C) holds at $\lambda=0,1$, and at the midpoint of $\lambda_1,\lambda_2$ where it "
          r"holds: the point of the midpoint weight is the midpoint of the two points, so (M), then the two "
          r"induction hypotheses, and the weights average. So it holds at every dyadic $\lambda=k/2^m$, and, both "
          r"sides being continuous in $\lambda$, at every $\lambda\in[0,1]$ (non-strict inequalities survive "
          r"limits). Without continuity, pathological midpoint-convex functions exist: the limit rule takes "
          r"$f(\lambda a+(1-\lambda)b)$ only for $f$ declared continuous.")
    d.say(r"\emph{Words.} The inequality is the same everywhere; only the name differs. In optimisation "
          r"(Boyd--Vandenberghe and its Chinese translation) functions satisfying (C) are \emph{tu} (convex); in "
          r"the calculus tradition of Chinese textbooks a curve satisfying (M) is called \emph{ao} (concave, "
          r"i.e.\ `concave up'). A text whose optimisation section uses the first convention and whose calculus "
          r"section uses the second calls $x^2$ \emph{tu} in one place and \emph{ao} in the other: opposite "
          r"words, same functions. symact's \texttt{convex} always means (C), the U shape.")
    return proved(d, "chord axiom + dyadic induction + limit (kernel)")


@FAMILY.claim(
    "affine_convex_and_concave",
    "Every affine function f(x) = a^T x + b is both convex and concave (equality in the convexity inequality). "
    "Formally: with a^T x = sum_k a_k x_k, f(l u + (1 - l) v) = l f(u) + (1 - l) f(v) for every n, all real "
    "a, u, v, b and every real l (so for l in [0, 1]: the inequalities of convexity and concavity hold, with "
    "equality).",
    r"$f(x)=a^\top x+b$: $f(\lambda u+(1-\lambda)v)=\lambda f(u)+(1-\lambda)f(v)$, so $f$ is convex and concave.",
    formal="forall n >= 1, scalars a[k], u[k], v[k], b, l: sum(a[k]*(l*u[k] + (1 - l)*v[k]), k, 1, n) + b == "
           "l*(sum(a[k]*u[k], k, 1, n) + b) + (1 - l)*(sum(a[k]*v[k], k, 1, n) + b)")
def _(d):
    n = sp.Symbol("n", integer=True, positive=True)
    A = sp.MatrixSymbol("a", n, 1)
    U, V = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("v", n, 1)
    linear_part = (A.T * (lam * U + (1 - lam) * V) - lam * (A.T * U) - (1 - lam) * (A.T * V)).expand()
    check_zero(linear_part, "a^T(lam u + (1-lam) v) = lam a^T u + (1-lam) a^T v")
    check_zero(b - lam * b - (1 - lam) * b, "b = lam b + (1 - lam) b")
    d.say(r"For $a,u,v\in\mathbb{R}^n$, $b\in\mathbb{R}$, $\lambda\in[0,1]$, by linearity of "
          r"$z\mapsto a^\top z$:")
    d.show(tex(r"f(\lambda u+(1-\lambda)v)"), "=", tex(r"\lambda a^\top u+(1-\lambda)a^\top v+b"), "")
    d.then("=", tex(r"\lambda(a^\top u+b)+(1-\lambda)(a^\top v+b)"), r"$b=\lambda b+(1-\lambda)b$")
    d.then("=", tex(r"\lambda f(u)+(1-\lambda)f(v)"), "")
    d.say(r"Equality implies both $\le$ (convex) and $\ge$ (concave). (SymPy re-checks the identity with symbolic "
          r"$n$-vectors.) Conversely a function that is both convex and concave is affine.")
    return proved(d, "exact linear-algebra identity")


@FAMILY.claim(
    "inv_square_convex_on_halflines_not_on_R",
    "1/x^2 is convex on (0, oo) and on (-oo, 0) but not convex on R \\ {0}. Formally: it is convex on each "
    "half-line (the kernel's second-derivative test on the open half-line), and at 1/2, the midpoint of -1 and 2, "
    "it lies above that chord.",
    r"$x^{-2}$ is convex on $(0,\infty)$ and on $(-\infty,0)$, not on $\mathbb{R}\setminus\{0\}$.",
    formal=("convex(x**-2) for x > 0", "convex(x**-2) for x < 0",
            "x**-2 > ((x - 3/2)**-2 + (x + 3/2)**-2)/2 for x == 1/2"))
def _(d):
    f = 1 / X**2
    f2 = sp.diff(f, X, 2)
    check(f2 == 6 / X**4, "f'' = 6/x^4")
    tpos = sp.Symbol("t", positive=True)
    check(f2.subs(X, tpos).is_positive and f2.subs(X, -tpos).is_positive, "f'' > 0 on both half-lines")
    lhs = f.subs(X, sp.Rational(1, 2))
    rhs = (f.subs(X, -1) + f.subs(X, 2)) / 2
    check(lhs == 4 and rhs == sp.Rational(5, 8) and lhs > rhs, "counterexample")
    d.show(tex(r"\frac{d^2}{dx^2}x^{-2}"), "=", f2, r"$>0$ for $x\ne0$")
    d.say(r"On each of the intervals $(0,\infty)$ and $(-\infty,0)$, $f$ is twice differentiable with $f''>0$, "
          r"hence convex there (second-derivative test: $f'$ is increasing, so chords lie above the graph).")
    d.say(r"On $\mathbb{R}\setminus\{0\}$ it is not: that set is not even convex (the segment from $-1$ to $1$ "
          r"contains $0$), and the inequality fails even at a point that lies in the domain. Take $a=-1$, $b=2$, "
          r"$\lambda=\frac12$, so $\lambda a+(1-\lambda)b=\frac12\ne0$:")
    d.show(tex(r"f(\tfrac12)"), "=", lhs, "")
    d.then(">", rhs, r"$=\frac{f(-1)+f(2)}{2}=\frac{1+1/4}{2}$")
    d.say(r"The pole at $0$ separates two convex branches; gluing them does not give a convex function.")
    return proved(d, "second-derivative test + exact counterexample", kind="counterexample",
                  counterexample={"a": -1, "b": 2, "lambda": "1/2", "f(mid)": 4, "chord": "5/8"})


@FAMILY.claim(
    "perspective_preserves_convexity",
    "If f is convex then its perspective g(x, t) = t f(x/t) is convex on t > 0. Formally, for every convex f on "
    "a real vector space V (R^n, ...), points (x1, t1), (x2, t2) with t1, t2 > 0 and l in [0, 1], with "
    "t = l t1 + (1 - l) t2: g(l x1 + (1 - l) x2, t) <= l g(x1, t1) + (1 - l) g(x2, t2). The kernel checks the "
    "derivation: the chord inequality of f with weights mu = l t1/t and 1 - mu = (1 - l) t2/t (both >= 0, sum 1) "
    "at x1/t1 and x2/t2, whose convex combination is x/t, multiplied by t > 0.",
    r"$f$ convex $\Rightarrow$ $g(x,t)=t\,f(x/t)$ is convex on $\{t>0\}$.",
    formal=PERSPECTIVE)
def _(d):
    x1, x2 = sp.symbols("x_1 x_2", real=True)
    t1, t2 = sp.symbols("t_1 t_2", positive=True)
    th = sp.Symbol("theta", nonnegative=True)
    tt = th * t1 + (1 - th) * t2
    mu = th * t1 / tt
    check_zero(sp.simplify((th * x1 + (1 - th) * x2) / tt - (mu * x1 / t1 + (1 - mu) * x2 / t2)), "x/t = mu x1/t1 + ...")
    check_zero(sp.simplify(1 - mu - (1 - th) * t2 / tt), "1 - mu")
    # Hessian form for twice-differentiable scalar f
    xs, ts = sp.Symbol("x", real=True), sp.Symbol("t", positive=True)
    f = sp.Function("f")
    g = ts * f(xs / ts)
    H = sp.hessian(g, (xs, ts))
    u = xs / ts
    fpp = sp.Subs(sp.Derivative(f(sp.Symbol("_u")), sp.Symbol("_u"), 2), sp.Symbol("_u"), u).doit()
    target = fpp / ts * sp.Matrix([[1, -u], [-u, u**2]])
    check(all(sp.simplify(p - q) == 0 for p, q in zip(H.doit(), target.doit())), "Hessian")
    d.say(r"\emph{General proof} ($f:\mathbb{R}^n\to\mathbb{R}$ convex, no differentiability needed). Let "
          r"$t_1,t_2>0$, $\theta\in[0,1]$, $t=\theta t_1+(1-\theta)t_2>0$, $x=\theta x_1+(1-\theta)x_2$, and "
          r"$\mu=\theta t_1/t\in[0,1]$, so $1-\mu=(1-\theta)t_2/t$. Then")
    d.show(tex(r"\frac{x}{t}"), "=", tex(r"\mu\frac{x_1}{t_1}+(1-\mu)\frac{x_2}{t_2}"), "SymPy check")
    d.show(tex(r"g(x,t)=t\,f\big(\tfrac xt\big)"), "<=",
           tex(r"t\Big(\mu f\big(\tfrac{x_1}{t_1}\big)+(1-\mu)f\big(\tfrac{x_2}{t_2}\big)\Big)"),
           r"$f$ convex, $t>0$")
    d.then("=", tex(r"\theta t_1f\big(\tfrac{x_1}{t_1}\big)+(1-\theta)t_2f\big(\tfrac{x_2}{t_2}\big)"),
           r"$t\mu=\theta t_1$, $t(1-\mu)=(1-\theta)t_2$")
    d.then("=", tex(r"\theta g(x_1,t_1)+(1-\theta)g(x_2,t_2)"), "")
    d.say(r"\emph{Check via the Hessian} (scalar $f\in C^2$): with $u=x/t$, SymPy computes")
    d.show(tex(r"\nabla^2 g(x,t)"), "=", tex(r"\frac{f''(u)}{t}\begin{pmatrix}1&-u\\-u&u^2\end{pmatrix}"),
           r"$=\frac{f''(u)}t\,vv^\top$, $v=(1,-u)$")
    d.say(r"which is positive semidefinite when $f''\ge0$ and $t>0$, in agreement with the general proof.")
    return proved(d, "convex-combination identity (exact) + Hessian check")


@FAMILY.claim(
    "log_increasing_not_convex",
    "ln x is increasing on (0, oo) but not convex (it is concave). Formally: ln' > 0 on (0, oo) (strictly "
    "increasing by the mean value theorem, a textbook step the kernel does not check), ln is concave on (0, oo) "
    "(the kernel's second-derivative test), and at 5, the midpoint of 1 and 9, ln lies above that chord.",
    r"$\ln$ is strictly increasing on $(0,\infty)$ and not convex.",
    formal=("diff(log(x), x) > 0 for x > 0", "concave(log(x)) for x > 0",
            "log(x) > (log(x - 4) + log(x + 4))/2 for x == 5"))
def _(d):
    f = sp.log(X)
    tpos = sp.Symbol("t", positive=True)
    check(sp.diff(f, X).subs(X, tpos).is_positive and sp.diff(f, X, 2).subs(X, tpos).is_negative, "signs")
    gap = sp.log(5) - (sp.log(1) + sp.log(9)) / 2
    check_zero(sp.expand_log(gap - sp.log(sp.Rational(5, 3)), force=True), "gap = ln(5/3)")
    check(bool(arb_of(sp.log(sp.Rational(5, 3))) > 0), "ln(5/3) > 0")
    d.show(tex(r"(\ln x)'"), "=", 1 / X, r"$>0$ on $(0,\infty)$: strictly increasing")
    d.show(tex(r"(\ln x)''"), "=", -1 / X**2, r"$<0$: strictly concave")
    d.say(r"Counterexample to convexity: $a=1$, $b=9$, $\lambda=\frac12$:")
    d.show(tex(r"\ln5-\frac{\ln1+\ln9}{2}"), "=", tex(r"\ln5-\ln3"), r"$\ln 9=2\ln3$")
    d.then("=", sp.log(sp.Rational(5, 3)), "")
    d.then(">", 0, r"$\frac53>1$")
    d.say(r"so the midpoint lies above the chord. Monotonicity and convexity are independent properties.")
    return proved(d, "derivative signs + exact counterexample", kind="counterexample")


@FAMILY.claim(
    "square_and_neg_x_convex_not_increasing",
    "x^2 and -x are convex but not increasing. Formally: both are convex on R (the kernel's second-derivative "
    "test), and f(x - 1) > f(x) for some x (every x < 1/2 for x^2, every x for -x), so neither is increasing.",
    r"$x^2$ and $-x$ are convex on $\mathbb{R}$ but not increasing.",
    formal=("convex(x**2)", "convex(-x)", "(x - 1)**2 > x**2 for x < 1/2", "-(x - 1) > -x"))
def _(d):
    gap = lam * a**2 + (1 - lam) * b**2 - (lam * a + (1 - lam) * b) ** 2
    check_zero(gap - lam * (1 - lam) * (a - b) ** 2, "x^2 gap")
    check(((-1) ** 2 > 0 ** 2) and (-(0) > -(1)), "decreasing pairs")
    d.show(tex(r"\lambda a^2+(1-\lambda)b^2-(\lambda a+(1-\lambda)b)^2"), "=", lam * (1 - lam) * (a - b) ** 2,
           r"expand (SymPy); $\ge0$ for $\lambda\in[0,1]$")
    d.say(r"so $x^2$ is convex, and $-x$ is affine hence convex (\texttt{affine\_convex\_and\_concave}). Neither is "
          r"increasing: $(-1)^2=1>0=0^2$ with $-1<0$, and $-0=0>-1=-(1)$ with $0<1$. This is why the composition "
          r"rule `convex increasing $\circ$ convex is convex' needs the outer function to be increasing: "
          r"$-x\circ x^2=-x^2$ is not convex.")
    return proved(d, "exact identity + exact counterexamples to monotonicity")


@FAMILY.claim(
    "abs_convex",
    "|x| is convex on R, and so is every norm. Formally: convex(abs(x)) (the kernel's rule on R), and for every "
    "norm N on a real vector space V, N(l u + (1 - l) v) <= l N(u) + (1 - l) N(v) for u, v in V and l in [0, 1], "
    "derived from the norm axioms (triangle inequality, N(c u) = |c| N(u)) and |c| = c for c >= 0.",
    r"$|\lambda u+(1-\lambda)v|\le\lambda|u|+(1-\lambda)|v|$; likewise for any norm $\|\cdot\|$.",
    formal=("convex(abs(x))", NORM_CONVEX))
def _(d):
    u, v = sp.symbols("u v", real=True)
    tri = (sp.Abs(u) + sp.Abs(v)) ** 2 - (u + v) ** 2
    check_zero(sp.expand(tri) - 2 * (sp.Abs(u) * sp.Abs(v) - u * v), "triangle-inequality gap")
    check(sp.Abs(lam * u) == lam * sp.Abs(u), "homogeneity for lam >= 0")
    d.say(r"\emph{Triangle inequality on $\mathbb{R}$.} Both sides of $|u+v|\le|u|+|v|$ are $\ge0$ and")
    d.show(tex(r"(|u|+|v|)^2-(u+v)^2"), "=", 2 * (sp.Abs(u) * sp.Abs(v) - u * v), r"$|u|^2=u^2$")
    d.then(">=", 0, r"$uv\le|uv|=|u||v|$")
    d.say(r"\emph{Convexity.} For $\lambda\in[0,1]$, using the triangle inequality and $|cz|=c|z|$ for $c\ge0$:")
    d.show(tex(r"|\lambda u+(1-\lambda)v|"), "<=", tex(r"|\lambda u|+|(1-\lambda)v|"), "triangle inequality")
    d.then("=", tex(r"\lambda|u|+(1-\lambda)|v|"), r"$\lambda,1-\lambda\ge0$")
    d.say(r"The same two lines hold verbatim for any norm on $\mathbb{R}^n$, whose axioms are exactly the triangle "
          r"inequality and absolute homogeneity. (Also $|x|=\max(x,-x)$ is a maxout unit, "
          r"\texttt{maxout\_generalises\_relu}.)")
    return proved(d, "triangle inequality + homogeneity (exact)")


@FAMILY.claim(
    "monotone_activation_single_layer_convex_source",
    "A monotonic activation makes a single-layer network convex (in its weights, with squared loss). Formally "
    "the instance phi = sigmoid, input 1, bias 0, target 0, weight written x: the loss sigmoid(x)^2 is convex "
    "on R (refuted by a chord, so the general claim is refuted).",
    r"$\phi$ monotone $\Rightarrow$ $w\mapsto(\phi(wx+b)-y)^2$ convex.",
    expected="refuted",
    source=r"``with a monotonic activation a single-layer network is convex, so training finds the global "
           r"optimum''.",
    formal="convex(sigmoid(x)**2)")
def _(d):
    w = sp.Symbol("w", real=True)
    L = sig(w) ** 2    # x = 1, b = 0, y = 0
    s = sp.Symbol("s")
    L2 = sp.diff(L, w, 2)
    check_zero(L2 - (2 * SIG * (1 - SIG) * SIG * (2 - 3 * SIG)).subs(X, w), "L'' = 2 s s'(2 - 3s)")
    gap = L.subs(w, 2) - (L.subs(w, 1) + L.subs(w, 3)) / 2
    enc = arb_of(gap)
    check(bool(enc > 0), "certified: L(2) > (L(1) + L(3))/2")
    enc_tex = ball(enc, 8)
    d.say(r"Take one sigmoid neuron (monotone activation) with input $x=1$, bias $0$, target $y=0$ and squared loss: "
          r"$L(w)=\sigma(w)^2$. Convexity in $w$ would require $L(2)\le\frac{L(1)+L(3)}{2}$. But")
    d.show(tex(r"L(2)-\frac{L(1)+L(3)}2"), "=", gap, "")
    d.then("in", sp.Symbol(enc_tex), "arb, certified")
    d.then(">", 0, "")
    d.say(r"so $L$ is not convex: refuted. The reason is visible in the second derivative "
          r"(with $s=\sigma(w)$, $s'=s(1-s)$):")
    d.show(tex("L''(w)"), "=", tex(r"2s\,s'\,(2-3s)"), "SymPy")
    d.say(r"which is negative wherever $\sigma(w)>\frac23$, i.e.\ $w>\ln2$: the squared loss of a saturating output "
          r"flattens out and bends down. \emph{Correct statement} (\texttt{logistic\_loss\_convex}): with the "
          r"cross-entropy loss, a sigmoid neuron's loss is convex in $(w,b)$.")
    del s
    return refuted(d, "certified counterexample to midpoint convexity (arb)", w=[1, 2, 3], gap=str(gap),
                   enclosure=enc.str(12), value={"corrected": "logistic_loss_convex"})


@FAMILY.claim(
    "logistic_loss_convex",
    "The cross-entropy of a sigmoid output, L(w, b) = -y ln sigmoid(w x + b) - (1 - y) ln(1 - sigmoid(w x + b)), "
    "is convex in (w, b) for every x and every y in [0, 1] (and so is its sum over samples).",
    r"$L(w,b)=-y\ln\sigma(wx+b)-(1-y)\ln(1-\sigma(wx+b))$ is convex in $(w,b)$ for $y\in[0,1]$.",
    formal="forall 0 <= y <= 1: convex(-y*log(sigmoid(w*x + b)) - (1 - y)*log(1 - sigmoid(w*x + b)), w, b)")
def _(d):
    w, bb, x = sp.symbols("w b x", real=True)
    y = sp.Symbol("y", nonnegative=True)
    z = w * x + bb
    L = -y * sp.log(sig(z)) - (1 - y) * sp.log(1 - sig(z))
    H = sp.hessian(L, (w, bb))
    sp_ = sig(z) * (1 - sig(z))
    target = sp_ * sp.Matrix([[x**2, x], [x, 1]])
    check(all(sp.simplify((p - q).rewrite(sp.exp)) == 0 for p, q in zip(H, target)), "Hessian = s' v v^T")
    h1, h2 = sp.symbols("h1 h2", real=True)
    quad = sp.expand((sp.Matrix([[h1, h2]]) * sp.Matrix([[x**2, x], [x, 1]]) * sp.Matrix([h1, h2]))[0])
    check_zero(quad - (x * h1 + h2) ** 2, "quadratic form is a square")
    d.say(r"Let $z=wx+b$. SymPy computes the Hessian in $(w,b)$; the terms with $y$ cancel (since "
          r"$-\ln\sigma(z)=\ln(1+e^{-z})$ and $-\ln(1-\sigma(z))=\ln(1+e^{z})$ differ by the linear function "
          r"$z$), leaving")
    d.show(tex(r"\nabla^2_{(w,b)}L"), "=", tex(r"\sigma'(z)\begin{pmatrix}x^2&x\\x&1\end{pmatrix}"),
           "SymPy")
    d.say(r"For any direction $h=(h_1,h_2)$ the quadratic form is")
    d.show(tex(r"h^\top\nabla^2L\,h"), "=", tex(r"\sigma'(z)\,(xh_1+h_2)^2"), "SymPy")
    d.then(">=", 0, r"$\sigma'>0$")
    d.say(r"(The kernel's proof is shorter: $L$ is $F(wx+b)$ with $F(z)=-y\ln\sigma(z)-(1-y)\ln(1-\sigma(z))$ "
          r"convex on $\mathbb{R}$ at $y=0$ and $y=1$, hence for every $y\in[0,1]$, and a convex function of an "
          r"affine map is convex: rule \texttt{affine-composition}.) "
          r"So the Hessian is positive semidefinite everywhere and $L$, a $C^2$ function on the convex set "
          r"$\mathbb{R}^2$, is convex. A sum over samples of convex functions is convex. This is the correct "
          r"version of \texttt{monotone\_activation\_single\_layer\_convex\_source}: convexity comes from pairing "
          r"the sigmoid with its matching loss, not from monotonicity.")
    return proved(d, "Hessian is sigma' v v^T (exact) => PSD")


def _local_branch(expr: sp.Expr, side: str):
    from symact import calculus

    for piece in calculus.pieces(expr):
        iv = piece.interval
        if iv.measure == 0:
            continue
        if side == "+" and iv.inf <= 0 < iv.sup:
            return piece.expr
        if side == "-" and iv.inf < 0 <= iv.sup:
            return piece.expr
    raise AssertionError("no branch next to 0")


#: the activations the claim names, with the answer it asserts; every other catalog entry is tabulated too
NAMED = {"identity": True, "tanh": True, "softsign": True, "elu": True, "celu": True, "hardtanh": True,
         "sigmoid": False, "relu": False, "silu": False, "gelu": False}


def _origin_row(entry):
    f = entry.f()
    f0 = sp.simplify(f.subs(X, 0))
    right, left = _local_branch(f, "+"), _local_branch(f, "-")
    ld, rd = one_sided_derivatives_at_zero(f, X, left=left, right=right)
    if not (f0.is_number and rd.is_number and ld.is_number):
        raise ProofFailed(f"{entry.name}: values not decided")
    diffable = bool(sp.simplify(rd - ld) == 0) if rd.is_finite and ld.is_finite else False
    ok = bool(f0 == 0) and diffable and bool(sp.simplify(rd - 1) == 0)
    return f0, ld, rd, diffable, ok


@FAMILY.claim(
    "identity_near_origin_table",
    "Which catalog activations satisfy f(0) = 0, f differentiable at 0 and f'(0) = 1 (default parameters): "
    "identity, tanh, softsign, elu, celu and hardtanh do; sigmoid (f(0) = 1/2), relu (not differentiable at 0), "
    "silu and gelu (f'(0) = 1/2) do not. The derivation tabulates every scalar catalog activation.",
    r"$f(0)=0$, $f'(0)=1$ holds for identity, $\tanh$, softsign, ELU, CELU, hardtanh; not for $\sigma$ "
    r"($f(0)=\frac12$), relu (no $f'(0)$), SiLU, GELU ($f'(0)=\frac12$); table for the whole catalog.",
    budget=40.0,
    formal=('identity(x) == 0 for x == 0',
            'diff(identity(x), x) == 1 for x == 0',
            'tanh(x) == 0 for x == 0',
            'diff(tanh(x), x) == 1 for x == 0',
            'softsign(x) == 0 for x == 0',
            'diff(softsign(x), x) == 1 for x == 0',
            'elu(x) == 0 for x == 0',
            'diff(elu(x), x) == 1 for x == 0',
            'celu(x) == 0 for x == 0',
            'diff(celu(x), x) == 1 for x == 0',
            'hardtanh(x) == 0 for x == 0',
            'diff(hardtanh(x), x) == 1 for x == 0',
            'sigmoid(x) != 0 for x == 0',
            'diff(relu(x), x) != diff(relu(x), x) for x == 0',
            'diff(silu(x), x) == 1/2 for x == 0',
            'diff(gelu(x), x) == 1/2 for x == 0'))
def _(d):
    rows, yes, undecided = [], [], []
    for entry in entries(scalar_only=True):
        try:
            row = _origin_row(entry)
        except Exception as exc:  # a row we cannot settle is shown as such, never guessed
            if entry.name in NAMED:
                raise ProofFailed(f"{entry.name}: {exc}") from exc
            undecided.append(entry.name)
            continue
        rows.append((entry.name, *row))
        if row[-1]:
            yes.append(entry.name)
    for name, holds in NAMED.items():
        got = [r for r in rows if r[0] == name]
        check(len(got) == 1 and got[0][-1] == holds, f"{name}: expected {holds}")
    d.say(r"For each scalar activation (defaults) we compute $f(0)$ exactly and the one-sided derivatives "
          r"$f'_\pm(0)=\lim_{h\to0^+}\frac{f(\pm h)-f(0)}{\pm h}$ from the smooth branch adjacent to $0$ on each "
          r"side (SymPy limits). $f$ is differentiable at $0$ iff they are finite and equal. Each row lists "
          r"$(f(0),\,f'_-(0),\,f'_+(0))$ (decimals: products of parameters that are long decimal constants, "
          r"shown to 8 digits).")
    for name, f0, ld, rd, diffable, ok in rows:
        nm = name.replace("_", r"\_")
        why = ("yes" if ok else "no: " + ("$f(0)\\ne0$" if f0 != 0 else
                                           ("not differentiable at 0" if not diffable else "$f'(0)\\ne1$")))
        short = [sp.Float(v, 8) if isinstance(v, sp.Float) or (v.is_Rational and v.q >= DECIMAL_DENOMINATOR) else v
                 for v in (f0, ld, rd)]
        d.show(tex(rf"\texttt{{{nm}}}"), ":", sp.Tuple(*short), why)
    names_tex = ", ".join(rf"\texttt{{{n.replace('_', chr(92) + '_')}}}" for n in yes)
    d.say(rf"In the catalog the property holds exactly for {names_tex}"
          + (r" (undecided rows: " + ", ".join(n.replace("_", chr(92) + "_") for n in undecided) + ")"
             if undecided else "")
          + r". These behave like the identity for small inputs, which initialisation schemes that assume a "
          r"linear regime near $0$ rely on.")
    return proved(d, "exact values + one-sided limits for every catalog entry",
                  value={r[0]: {"f0": str(r[1]), "left": str(r[2]), "right": str(r[3]), "holds": r[5]} for r in rows})


if __name__ == "__main__":
    raise SystemExit(FAMILY.main())

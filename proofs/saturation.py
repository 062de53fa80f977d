"""Saturation: which activations flatten out, and how (hard: f' = 0 exactly; soft: f' -> 0 but never 0).

Run ``python proofs/saturation.py [-v] [--json] [--latex DIR]``.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # fresh clone without installation: make `symact` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy as sp

from symact.catalog import X, get
from symact.claims import Family, check, check_zero, proved, tex, one_sided_derivatives_at_zero

FAMILY = Family("saturation", "Saturation",
                "The course-notes definition of non-saturating, and hard versus soft saturation.")

t = sp.Symbol("t", positive=True)


def _tail_limits(name: str) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """(expression for x = t > 0, for x = -t < 0, limit at -oo, limit at +oo), default parameters.

    Every listed activation has its breakpoints at 0 (or none), so substituting x = +-t with t > 0 selects
    the branch valid on each whole half-line and the limits are ordinary one-variable limits t -> oo.
    """
    f = get(name).f()
    right, left = f.subs(X, t), f.subs(X, -t)
    check(not right.has(sp.Piecewise) and not left.has(sp.Piecewise), f"{name}: branches resolved on half-lines")
    return right, left, sp.limit(left, t, sp.oo), sp.limit(right, t, sp.oo)


SATURATING = ("sigmoid", "tanh")
NON_SATURATING = ("relu", "leaky_relu", "elu", "softplus", "silu")


@FAMILY.claim(
    "non_saturating_definition",
    "With 'f is non-saturating iff |lim_{z->-oo} f(z)| = +oo or |lim_{z->+oo} f(z)| = +oo': sigmoid and tanh "
    "are saturating; relu, leaky_relu, elu, softplus and silu are non-saturating.",
    r"Under ``$f$ non-saturating $\iff|\lim_{z\to-\infty}f(z)|=\infty$ or $|\lim_{z\to+\infty}f(z)|=\infty$'': "
    r"$\sigma$, $\tanh$ saturate; relu, leaky relu, ELU, softplus, SiLU do not.",
    formal=('limit(sigmoid(x), x, -oo) == 0', 'limit(sigmoid(x), x, oo) == 1',
            'limit(tanh(x), x, -oo) == -1', 'limit(tanh(x), x, oo) == 1',
            'limit(relu(x), x, oo) == oo', 'limit(leaky_relu(x), x, oo) == oo', 'limit(elu(x), x, oo) == oo',
            'limit(softplus(x), x, oo) == oo', 'limit(silu(x), x, oo) == oo'))
def _(d):
    rows = {}
    for name in SATURATING + NON_SATURATING:
        right, left, lm, lp = _tail_limits(name)
        rows[name] = (left, right, lm, lp)
    for name in SATURATING:
        lm, lp = rows[name][2:]
        check(lm.is_finite is True and lp.is_finite is True, f"{name}: both limits finite")
    for name in NON_SATURATING:
        lm, lp = rows[name][2:]
        check(lp == sp.oo, f"{name}: +oo at +oo")
    d.say(r"For each activation (default parameters: leaky slope $\alpha=\frac1{100}$, ELU $\alpha=1$, softplus "
          r"and SiLU $\beta=1$) substitute $z=t$ and $z=-t$ with $t>0$; every breakpoint is at $0$, so each "
          r"substitution selects one closed-form branch on a whole half-line, and the limits are one-variable "
          r"limits as $t\to\infty$ (computed by SymPy):")
    for name in SATURATING + NON_SATURATING:
        left, right, lm, lp = rows[name]
        verdict = "saturating" if name in SATURATING else "non-saturating"
        op = name.replace("_", "\\_")
        d.show(tex(rf"\lim_{{z\to-\infty}}\operatorname{{{op}}}(z)"), "=", lm,
               rf"$f(-t)={sp.latex(left)}$")
        d.show(tex(rf"\lim_{{z\to+\infty}}\operatorname{{{op}}}(z)"), "=", lp,
               rf"$f(t)={sp.latex(right)}$; {verdict}")
    d.say(r"Sigmoid and tanh have finite limits at both ends, so neither condition holds: saturating. The other "
          r"five tend to $+\infty$ as $z\to+\infty$ (they equal or exceed a positive multiple of $z$ there), so "
          r"they are non-saturating in this sense, although relu, ELU, softplus and SiLU do saturate on the left "
          r"(\texttt{relu\_hard\_saturation\_left}, \texttt{elu\_soft\_saturation\_left}). The definition only "
          r"looks at the values, not at the gradient.")
    return proved(d, "limits at +-oo (exact)", kind="limit",
                  limits={n: [str(r[2]), str(r[3])] for n, r in rows.items()})


@FAMILY.claim(
    "relu_hard_saturation_left",
    "ReLU's derivative is exactly 0 for every x < 0 (hard saturation on the left).",
    r"$\operatorname{relu}'(x)=0$ for all $x<0$.",
    formal='diff(relu(x), x) == 0 for x < 0')
def _(d):
    f = get("relu").f()
    left = f.subs(X, -t)
    check(left == 0, "relu(-t) = 0")
    check(sp.diff(f.subs(X, -t), t) == 0, "derivative of the branch")
    d.say(r"On the open half-line $(-\infty,0)$, $\operatorname{relu}(x)=\max(0,x)=0$. A function that is "
          r"constant on an open interval has derivative $0$ at each of its points:")
    d.show(tex(r"\operatorname{relu}'(x)"), "=", r"\frac{d}{dx}\,0", r"$x<0$")
    d.then("=", 0, "")
    d.say(r"So the gradient is exactly $0$ (not merely small) for every negative input: hard saturation. A unit "
          r"whose inputs all fall there receives no gradient at all (\texttt{dead\_relu\_zero\_grad}).")
    return proved(d, "derivative of the constant branch (exact)")


@FAMILY.claim(
    "elu_soft_saturation_left",
    "ELU (alpha > 0) tends to -alpha as x -> -oo and its derivative is positive at every x != 0 (alpha e^x on "
    "x < 0, 1 on x > 0), and at every x for the default alpha = 1: soft saturation on the left. (At 0 the "
    "one-sided derivatives alpha and 1 are positive too; that is elu_c1_iff_alpha_eq_1, not checked here.)",
    r"$\lim_{x\to-\infty}\operatorname{elu}_\alpha(x)=-\alpha$ and $\operatorname{elu}_\alpha'(x)>0$ for $x\ne0$ "
    r"(every $x$ when $\alpha=1$): soft saturation.",
    formal=("forall alpha > 0: limit(elu(x, alpha=alpha), x, -oo) == -alpha",
            "forall alpha > 0: diff(elu(x, alpha=alpha), x) > 0 for x < 0",
            "forall alpha > 0: diff(elu(x, alpha=alpha), x) > 0 for x > 0",
            "diff(elu(x), x) > 0"))
def _(d):
    elu = get("elu")
    alpha = elu.param("alpha").symbol
    f = elu.f(symbolic=True)
    left, right = f.subs(X, -t), f.subs(X, t)
    check(sp.limit(left, t, sp.oo) == -alpha, "limit -alpha")
    dl = sp.diff(left, t) * -1   # d/dx at x = -t
    check_zero(dl - alpha * sp.exp(-t), "left derivative alpha e^x")
    check(dl.is_positive is True, "alpha e^x > 0")
    check(sp.diff(right, t) == 1, "right derivative 1")
    lder, rder = one_sided_derivatives_at_zero(f, X)
    check(lder == alpha and rder == 1, "one-sided derivatives at 0")
    d.say(r"For $x<0$, $\operatorname{elu}(x)=\alpha(e^x-1)$ with $\alpha>0$; for $x\ge0$ it is $x$.")
    d.show(tex(r"\lim_{x\to-\infty}\operatorname{elu}(x)"), "=", tex(r"\alpha(0-1)"), r"$e^x\to0$")
    d.then("=", -alpha, "")
    d.show(tex(r"\operatorname{elu}'(x)"), "=", alpha * sp.exp(X), r"$x<0$; $>0$ since $\alpha>0$, $e^x>0$")
    d.show(tex(r"\operatorname{elu}'(x)"), "=", 1, r"$x>0$")
    d.show(tex(r"\operatorname{elu}'_-(0)"), "=", lder, r"$\lim_{h\to0^+}\frac{\alpha(e^{-h}-1)}{-h}$")
    d.show(tex(r"\operatorname{elu}'_+(0)"), "=", rder, r"$\lim_{h\to0^+}\frac{h}{h}$")
    d.say(r"So the derivative is positive at every $x\ne0$, and at $0$ both one-sided derivatives are positive; "
          r"for the default $\alpha=1$ they agree and $\operatorname{elu}'(0)=1>0$. The derivative $\alpha e^x$ "
          r"tends to $0$ as $x\to-\infty$ but never vanishes: \emph{soft} saturation towards $-\alpha$, in "
          r"contrast with ReLU's hard zero.")
    return proved(d, "branch derivatives + limits (exact, symbolic alpha > 0)", kind="limit")


if __name__ == "__main__":
    raise SystemExit(FAMILY.main())

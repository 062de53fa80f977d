"""Layers and linearity: identity activations collapse a network to one affine map; ReLU does not.

Run ``python proofs/affine_collapse.py [-v] [--json] [--latex DIR]``.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # fresh clone without installation: make `symact` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy as sp

from symact.catalog import X, get
from symact.claims import Family, check, check_zero, proved, refuted, tex, one_sided_derivatives_at_zero

FAMILY = Family("affine_collapse", "Layers and linearity",
                "Identity activations make depth useless: any stack of affine layers is one affine layer.")


def _mat(name: str, rows: int, cols: int) -> sp.Matrix:
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{{{i + 1}{j + 1}}}", real=True))


@FAMILY.claim(
    "affine_collapse_2_4_2",
    "A 2-4-2 network with identity activation, f(x) = W2(W1 x + b1) + b2, equals W'x + b' with W' = W2 W1 "
    "and b' = W2 b1 + b2.",
    r"For $W_1\in\mathbb{R}^{4\times2}$, $b_1\in\mathbb{R}^4$, $W_2\in\mathbb{R}^{2\times4}$, $b_2\in\mathbb{R}^2$: "
    r"$W_2(W_1x+b_1)+b_2 = W'x+b'$ with $W'=W_2W_1$, $b'=W_2b_1+b_2$.",
    formal="forall matrices W1[4, 2], W2[2, 4], vectors b1[4], b2[2], x[2]: "
           "W2*(W1*x + b1) + b2 == (W2*W1)*x + (W2*b1 + b2)")
def _(d):
    W1, b1, W2, b2, x = _mat("a", 4, 2), _mat("c", 4, 1), _mat("b", 2, 4), _mat("e", 2, 1), _mat("x", 2, 1)
    f = W2 * (W1 * x + b1) + b2
    Wp, bp = W2 * W1, W2 * b1 + b2
    diff = (f - (Wp * x + bp)).applyfunc(sp.expand)
    check(diff == sp.zeros(2, 1), "W2(W1 x + b1) + b2 - (W2 W1 x + W2 b1 + b2) = 0 entrywise")
    d.say(r"Write $W_1=(a_{ij})\in\mathbb{R}^{4\times 2}$, $b_1=(c_{i1})\in\mathbb{R}^{4}$, "
          r"$W_2=(b_{ij})\in\mathbb{R}^{2\times 4}$, $b_2=(e_{i1})\in\mathbb{R}^2$ and $x\in\mathbb{R}^2$, "
          r"all entries independent real symbols. With the identity activation the hidden layer is "
          r"$h = W_1x+b_1$ and the output is $f(x)=W_2h+b_2$.")
    d.show(r"f(x)", "=", r"W_2(W_1x+b_1)+b_2", "identity activation")
    d.then("=", r"(W_2W_1)x + (W_2b_1+b_2)", "distributivity and associativity of matrix products")
    d.say(r"Expanding both sides as polynomials in the 22 symbols, entry by entry, the difference is the zero "
          r"polynomial in both entries (SymPy). For instance the first entry of $W'x+b'$ is")
    d.show(tex("f_1"), "=", tex(r"\sum_{k=1}^{4}b_{1k}\big(a_{k1}x_1+a_{k2}x_2+c_{k1}\big)+e_{11}"),
           "expanded")
    d.say(r"So $f(x)=W'x+b'$ for all values of the parameters and of $x$, with the $2\times2$ matrix "
          r"$W'=W_2W_1$, $W'_{ij}=\sum_{k=1}^4 b_{ik}a_{kj}$, and the vector $b'=W_2b_1+b_2$, "
          r"$b'_i=\sum_{k=1}^4 b_{ik}c_{k1}+e_{i1}$.")
    d.show(tex("W'_{11}"), "=", Wp[0, 0], "")
    d.show(tex("b'_{1}"), "=", bp[0], "")
    return proved(d, "exact polynomial identity (entrywise expansion)", W_prime=str(Wp), b_prime=str(bp))


@FAMILY.claim(
    "affine_collapse_any_depth",
    "For any depth L >= 1 and any widths, a composition of L affine maps x -> W_k x + b_k is the single affine "
    "map x -> W'x + b' with W' = W_L ... W_1 and b' = sum_k W_L ... W_{k+1} b_k.",
    r"$A_L\circ\dots\circ A_1(x) = W'x+b'$ where $A_k(x)=W_kx+b_k$, "
    r"$W'=W_L\cdots W_1$ and $b'=\sum_{k=1}^{L} W_L\cdots W_{k+1}\,b_k$ (empty product $=I$).",
    formal="forall L >= 1, matrices W[k], vectors b[k], x: "
           "f(L) == rprod(W[j], j, 1, L)*x + sum(rprod(W[j], j, k + 1, L)*b[k], k, 1, L) "
           "where f(1) = W[1]*x + b[1], f(k + 1) = W[k + 1]*f(k) + b[k + 1]")
def _(d):
    n, m, p = sp.symbols("n m p", integer=True, positive=True)
    W = sp.MatrixSymbol("W_{L+1}", m, n)
    b = sp.MatrixSymbol("b_{L+1}", m, 1)
    P = sp.MatrixSymbol("W'_L", n, p)
    c = sp.MatrixSymbol("b'_L", n, 1)
    x = sp.MatrixSymbol("x", p, 1)
    lhs = W * (P * x + c) + b
    rhs = (W * P) * x + (W * c + b)
    check_zero((lhs - rhs).expand(), "W(P x + c) + b - (W P x + W c + b)")
    d.say(r"We argue by induction on $L$, for arbitrary widths $n_0,\dots,n_L$ "
          r"($W_k\in\mathbb{R}^{n_k\times n_{k-1}}$, $b_k\in\mathbb{R}^{n_k}$). Let "
          r"$W'_L = W_L\cdots W_1$ and $b'_L=\sum_{k=1}^{L}W_L\cdots W_{k+1}b_k$.")
    d.say(r"\emph{Base case} $L=1$: $W'_1=W_1$ and $b'_1=b_1$ (the product $W_1\cdots W_2$ is empty, "
          r"i.e. the identity), so $A_1(x)=W'_1x+b'_1$.")
    d.say(r"\emph{Induction step.} Assume $A_L\circ\dots\circ A_1(x)=W'_Lx+b'_L$. With symbolic matrices "
          r"$W_{L+1}\in\mathbb{R}^{m\times n}$, $W'_L\in\mathbb{R}^{n\times p}$, $b'_L\in\mathbb{R}^n$, "
          r"$b_{L+1}\in\mathbb{R}^m$ and $x\in\mathbb{R}^p$ of symbolic sizes:")
    d.show(r"A_{L+1}\circ\dots\circ A_1(x)", "=", lhs, "hypothesis")
    d.then("=", rhs, "distributivity (SymPy)")
    d.say(r"So the composition is affine with $W'_{L+1}=W_{L+1}W'_L = W_{L+1}W_L\cdots W_1$ and "
          r"$b'_{L+1}=W_{L+1}b'_L+b_{L+1}$. Distributing $W_{L+1}$ over the sum defining $b'_L$:")
    d.show(r"b'_{L+1}", "=", r"\sum_{k=1}^{L} W_{L+1}W_L\cdots W_{k+1}\,b_k + b_{L+1}",
           r"$W_{L+1}\sum_k M_k=\sum_k W_{L+1}M_k$")
    d.then("=", r"\sum_{k=1}^{L+1} W_{L+1}\cdots W_{k+1}\,b_k",
           r"the $k=L+1$ term has the empty product $I$")
    d.say(r"This completes the induction: for every $L\ge1$ the network equals the single affine map "
          r"$x\mapsto W'x+b'$.")
    return proved(d, "induction with a symbolic MatrixSymbol step", W_prime="W_L ... W_1",
                  b_prime="sum_k W_L ... W_{k+1} b_k")


@FAMILY.claim(
    "linear_chain_product",
    "An L-layer chain of single neurons with identity activation and zero biases outputs (w1 w2 ... wL) x.",
    r"$a_0=x$, $a_k=w_ka_{k-1}$ $(k=1,\dots,L)$ $\Rightarrow$ $a_L=\Big(\prod_{k=1}^{L}w_k\Big)x$.",
    formal="forall L >= 0, scalars w[k], x: a(L) == prod(w[k], k, 1, L)*x where a(0) = x, a(k + 1) = w[k + 1]*a(k)")
def _(d):
    w = sp.IndexedBase("w", real=True)
    k, L = sp.symbols("k L", integer=True, positive=True)
    P_L = sp.Symbol("P_L", real=True)  # stands for prod_{k<=L} w_k
    wL1 = sp.Symbol("w_{L+1}", real=True)
    check_zero(wL1 * (P_L * X) - (P_L * wL1) * X, "w_{L+1} (P_L x) = (P_L w_{L+1}) x")
    d.say(r"Let $P_L=\prod_{k=1}^{L}w_k$, so that $P_1=w_1$ and $P_{L+1}=P_Lw_{L+1}$ by definition of the "
          r"product. We prove $a_L=P_Lx$ by induction on $L$.")
    d.show(tex("a_1"), "=", sp.Symbol("w_1") * X, r"base case: $a_1=w_1a_0$, $a_0=x$")
    d.show(tex("a_{L+1}"), "=", wL1 * sp.Symbol("a_L"), "identity activation, zero bias")
    d.then("=", sp.Mul(wL1, sp.Mul(P_L, X, evaluate=False), evaluate=False), "induction hypothesis")
    d.then("=", sp.Mul(sp.Mul(P_L, wL1, evaluate=False), X, evaluate=False),
           "associativity and commutativity of real multiplication")
    d.then("=", sp.Symbol("P_{L+1}") * X, r"$P_{L+1}=P_Lw_{L+1}$")
    for depth in range(1, 6):  # sanity re-check of the unrolled recursion
        a = X
        for i in range(1, depth + 1):
            a = w[i] * a
        check_zero(a - sp.prod([w[i] for i in range(1, depth + 1)]) * X, f"depth {depth}")
    d.say(r"Hence $a_L=(w_1w_2\cdots w_L)\,x$ for every $L\ge1$. The gradient $\partial a_L/\partial x=\prod_k w_k$ "
          r"is the same product, which is why deep linear chains shrink or blow up signals geometrically.")
    del k, L
    return proved(d, "induction (exact algebra)")


@FAMILY.claim(
    "relu_not_linear",
    "ReLU is not linear: relu(1) + relu(-1) != relu(1 + (-1)).",
    r"$\exists\, a,b:\ \operatorname{relu}(a+b)\ne\operatorname{relu}(a)+\operatorname{relu}(b)$; "
    r"e.g.\ $a=1$, $b=-1$.",
    formal='relu(1) + relu(-1) != relu(1 + (-1))')
def _(d):
    relu = get("relu")
    a, b = sp.Integer(1), sp.Integer(-1)
    left, right = relu(a + b), relu(a) + relu(b)
    check(left == 0 and right == 1, "relu(0) = 0 and relu(1) + relu(-1) = 1")
    d.say(r"A linear map $g$ satisfies $g(a+b)=g(a)+g(b)$ for all $a,b$. Take $a=1$, $b=-1$ "
          r"and evaluate exactly with $\operatorname{relu}(x)=\max(0,x)$:")
    d.show(r"\operatorname{relu}(1)+\operatorname{relu}(-1)", "=", r"1+0", r"$\max(0,1)=1$, $\max(0,-1)=0$")
    d.then("=", 1)
    d.then("!=", left, r"$=\operatorname{relu}(0)=\operatorname{relu}(1+(-1))$")
    d.say(r"Additivity fails, so ReLU is not linear. (It is positively homogeneous, "
          r"$\operatorname{relu}(cx)=c\operatorname{relu}(x)$ for $c\ge0$, but that is not linearity.)")
    return proved(d, "exact counterexample to additivity", kind="counterexample", a=1, b=-1,
                  relu_sum=str(right), relu_of_sum=str(left))



# ------------------------------------------------------------------------------------------- ReLU algebra
def g(z):
    """ReLU as max(0, z) (exact; SymPy keeps Max(0, z) symbolic until z's sign is known)."""
    return sp.Max(0, z)


def _restrict(expr: sp.Expr, lo: sp.Rational, hi: sp.Rational) -> sp.Expr:
    """``expr`` (built from Max(0, affine)) on the open interval (lo, hi) containing no breakpoint.

    An affine z(x) with no zero inside (lo, hi) has one sign there, the sign of z at the midpoint; so each
    Max(0, z) is z or 0 on the whole interval.  This is exact reasoning, not sampling.
    """
    mid = (lo + hi) / 2
    reps = {}
    for m in expr.atoms(sp.Max):
        z = m.args[1] if m.args[0] == 0 else m.args[0]
        zmid = z.subs(X, mid)
        check(zmid != 0, "no breakpoint inside the interval")
        reps[m] = z if zmid > 0 else sp.Integer(0)
    return sp.expand(expr.xreplace(reps))


def _breakpoints(expr: sp.Expr) -> list[sp.Rational]:
    pts = set()
    for m in expr.atoms(sp.Max):
        z = m.args[1] if m.args[0] == 0 else m.args[0]
        pts.update(sp.solve(sp.Eq(z, 0), X))
    return sorted(pts)


def _max_abs_quadratic(q: sp.Expr, lo, hi) -> tuple[sp.Expr, list]:
    """Exact max of |q| over [lo, hi] for a polynomial q of degree <= 2: endpoints and the vertex."""
    cands = [lo, hi]
    dq = sp.diff(q, X)
    if dq.free_symbols:
        for r in sp.solve(dq, X):
            if lo < r < hi:
                cands.append(r)
    vals = [(abs(q.subs(X, c)), c) for c in cands]
    best = max(v for v, _ in vals)
    return best, [c for v, c in vals if v == best]


def _error_table(h: sp.Expr, lo: int, hi: int):
    knots = sorted(set([sp.Integer(lo), sp.Integer(hi)] + [b for b in _breakpoints(h) if lo < b < hi]))
    rows = []
    for a, b in zip(knots, knots[1:]):
        lin = _restrict(h, a, b)
        err = sp.factor(lin - X**2)
        m, where = _max_abs_quadratic(sp.expand(lin - X**2), a, b)
        rows.append((a, b, lin, err, m, where))
    return rows


@FAMILY.claim(
    "relu_abs",
    "|x| = relu(x) + relu(-x) for all real x.",
    r"$|x| = \operatorname{relu}(x)+\operatorname{relu}(-x)$ for all $x\in\mathbb{R}$.",
    formal='Abs(x) == relu(x) + relu(-x)')
def _(d):
    relu = get("relu")
    t = sp.Symbol("t", positive=True)
    diff = relu(X) + relu(-X) - sp.Abs(X)
    pos, neg = diff.subs(X, t), diff.subs(X, -t)
    check(pos == 0 and neg == 0, "both cases reduce to 0")
    check(relu(0) + relu(0) == sp.Abs(0), "x = 0")
    d.say(r"Split into the three cases $x=t>0$, $x=-t<0$ and $x=0$, where $\operatorname{relu}(x)=x$ for "
          r"$x\ge0$ and $0$ for $x<0$:")
    d.show(r"x=t>0:\quad \operatorname{relu}(t)+\operatorname{relu}(-t)", "=", r"t+0=|t|", r"$-t<0$")
    d.show(r"x=-t<0:\quad \operatorname{relu}(-t)+\operatorname{relu}(t)", "=", r"0+t=|-t|", r"$-t<0<t$")
    d.show(r"x=0:\quad \operatorname{relu}(0)+\operatorname{relu}(0)", "=", r"0=|0|", "")
    d.say(r"The identity holds in every case, hence for all real $x$. (This is also the maxout form "
          r"$|x|=\max(x,-x)$.)")
    return proved(d, "exact case analysis on the sign of x", cases=["x>0", "x<0", "x=0"])


SOURCE_H = g(X) + g(-X) + g(2 * X - 2) + g(2 * X + 2)
FIXED_H = g(X) + g(-X) + g(2 * X - 2) + g(-2 * X - 2)


@FAMILY.claim(
    "relu_square_approx_source",
    "The source's h(x) = g(x) + g(-x) + g(2x-2) + g(2x+2), g = ReLU, approximates x^2 (on [-2, 2]).",
    r"$h(x)=g(x)+g(-x)+g(2x-2)+g(2x+2)\approx x^2$ on $[-2,2]$, $g=\operatorname{relu}$.",
    expected="refuted",
    source=r"The source builds $x^2$ from four ReLUs with the last term $g(2x+2)$.",
    formal='Abs(relu(x) + relu(-x) + relu(2*x - 2) + relu(2*x + 2) - x**2) <= 1/4 for -2 <= x <= 2')
def _(d):
    h = SOURCE_H
    h2 = h.subs(X, 2)
    check(h2 == 10, "h(2) = 10")
    rows = _error_table(h, -2, 2)
    worst = max(r[4] for r in rows)
    check(worst == 6, "max error 6 on [-2,2]")
    d.say(r"On each interval between consecutive breakpoints $\{-2,-1,0,1,2\}$ every ReLU term has a fixed "
          r"sign (its argument is affine and vanishes only at a breakpoint), so $h$ is linear there and "
          r"$h(x)-x^2$ is a quadratic whose maximum modulus is attained at an endpoint or at its vertex:")
    for a, b, lin, err, m, where in rows:
        d.show(tex(rf"h(x)\big|_{{[{a},{b}]}}"), "=", lin, rf"error $h-x^2={sp.latex(err)}$, max $|\cdot|={sp.latex(m)}$ at $x={sp.latex(where[0])}$")
    d.say(r"\emph{Counterexample.} At the knot $x=2$:")
    d.show(r"h(2)", "=", r"g(2)+g(-2)+g(2)+g(6)", "definition")
    d.then("=", r"2+0+2+6", "")
    d.then("=", 10)
    d.then("!=", 4, r"$=2^2$")
    d.say(r"So $h$ does not even interpolate $x^2$ at the knots: its maximum error on $[-2,2]$ is $6$ "
          r"(at $x=2$), larger than the largest value $4$ of $x^2$ there, and $h$ is not even symmetric "
          r"($h(-2)=2$, $h(2)=10$). The sign of the last hinge is wrong: with $g(-2x-2)$ instead of $g(2x+2)$ "
          r"the formula interpolates $x^2$ at $-2,\dots,2$ with error at most $1/4$ "
          r"(claim \texttt{relu\_square\_approx}).")
    return refuted(d, "exact evaluation at a knot + exact piecewise error analysis", x=2, h=10, x_squared=4,
                   max_error_on_minus2_2=6, corrected="g(x)+g(-x)+g(2x-2)+g(-2x-2)",
                   value={"max_error": "6", "corrected": "g(x)+g(-x)+g(2x-2)+g(-2x-2)"})


@FAMILY.claim(
    "relu_square_approx",
    "h(x) = g(x) + g(-x) + g(2x-2) + g(-2x-2) interpolates x^2 at -2, -1, 0, 1, 2 and |h(x) - x^2| <= 1/4 on "
    "[-2, 2], with equality at the midpoints +-1/2, +-3/2.",
    r"$h(x)=g(x)+g(-x)+g(2x-2)+g(-2x-2)$ satisfies $h(k)=k^2$ for $k\in\{-2,\dots,2\}$ and "
    r"$\max_{[-2,2]}|h(x)-x^2|=\tfrac14$.",
    formal=('relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) - x**2 >= 0 for -2 <= x <= 2',
            'relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) - x**2 <= 1/4 for -2 <= x <= 2',
            'relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) == x**2 for x == -2',
            'relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) == x**2 for x == -1',
            'relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) == x**2 for x == 0',
            'relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) == x**2 for x == 1',
            'relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) == x**2 for x == 2',
            'Abs(relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) - x**2) == 1/4 for x == -3/2',
            'Abs(relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) - x**2) == 1/4 for x == -1/2',
            'Abs(relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) - x**2) == 1/4 for x == 1/2',
            'Abs(relu(x) + relu(-x) + relu(2*x - 2) + relu(-2*x - 2) - x**2) == 1/4 for x == 3/2'))
def _(d):
    h = FIXED_H
    for k in range(-2, 3):
        check(h.subs(X, k) == k * k, f"h({k}) = {k * k}")
    rows = _error_table(h, -2, 2)
    worst = max(r[4] for r in rows)
    check(worst == sp.Rational(1, 4), "max error 1/4")
    d.say(r"At the knots, exactly: " + ", ".join(
        rf"$h({k})={sp.latex(h.subs(X, k))}$" for k in range(-2, 3)) + r", which are the squares $k^2$.")
    d.say(r"Between consecutive knots every hinge has a fixed sign (its affine argument vanishes only at a "
          r"knot), so $h$ is the chord of $x^2$ on that interval and the error factors:")
    for a, b, lin, err, m, where in rows:
        d.show(tex(rf"h(x)-x^2\big|_{{[{a},{b}]}}"), "=", err,
               rf"$h={sp.latex(lin)}$ there; $\max={sp.latex(m)}$ at $x={sp.latex(where[0])}$")
    d.say(r"On $[k,k+1]$ the error is $(x-k)(k+1-x)\ge0$, a downward parabola vanishing at both knots, with "
          r"maximum $\tfrac12\cdot\tfrac12=\tfrac14$ at the midpoint. Hence $0\le h(x)-x^2\le\tfrac14$ on "
          r"$[-2,2]$, with equality on the right exactly at $x=\pm\tfrac12,\pm\tfrac32$.")
    return proved(d, "exact piecewise analysis (chords of a parabola)", max_error="1/4",
                  argmax=["-3/2", "-1/2", "1/2", "3/2"])


@FAMILY.claim(
    "relu_square_approx_general",
    "With ReLU hinges at knots x_k = a + k h (k = 0..n, h > 0), the piecewise-linear interpolant of x^2 is "
    "I(x) = x_0^2 + (2a + h)(x - x_0) + 2h sum_{j=1}^{n-1} relu(x - x_j) on [x_0, x_n], and its maximum error "
    "there is h^2/4. Formally, on the cell x = x_k + t (0 <= t <= h) the hinges j <= k are active (x - x_j >= 0, "
    "where relu is the identity) and those with j >= k + 1 vanish (x - x_j <= 0, where relu is 0); the sum I(k) of "
    "the active hinges (I(k + 1) = I(k) + 2h(x - x_{k+1})) is, by induction on k, the chord "
    "x_k^2 + (2 x_k + h)(x - x_k) of x^2 on the cell; the chord minus x^2 lies in [0, h^2/4], is 0 at the knots "
    "and h^2/4 at the midpoint; so with h = S/n on a fixed span S the error S^2 * 1/(4 n^2) decreases strictly in "
    "n, with limit 0.",
    r"$I(x)=x_0^2+(2a+h)(x-x_0)+2h\sum_{j=1}^{n-1}\operatorname{relu}(x-x_j)$, $x_k=a+kh$: "
    r"$\max_{[x_0,x_n]}|I(x)-x^2|=h^2/4$.",
    formal=('relu(x) == x for x >= 0',
            'relu(x) == 0 for x < 0',
            'relu(x) == 0 for x == 0',
            'forall reals a, h, t, k, j with h > 0 and 0 <= t <= h and j <= k: a + k*h + t - (a + j*h) >= 0',
            'forall reals a, h, t, k, j with h > 0 and 0 <= t <= h and j >= k + 1: a + k*h + t - (a + j*h) <= 0',
            'forall L >= 0, scalars a, h, x: I(L) == X(L)*X(L) + (2*X(L) + h)*(x - X(L)) '
            'where I(0) = a*a + (2*a + h)*(x - a), I(k + 1) = I(k) + 2*h*(x - (X(k) + h)), '
            'X(0) = a, X(k + 1) = X(k) + h',
            'forall reals c, h, t with 0 <= t <= h: 0 <= c**2 + (2*c + h)*t - (c + t)**2 <= h**2/4',
            'forall reals c, h: c**2 + (2*c + h)*h == (c + h)**2',
            'forall reals c, h: c**2 + (2*c + h)*(h/2) - (c + h/2)**2 == h**2/4',
            'diff(1/(4*x**2), x) < 0 for x >= 1',
            'limit(1/(4*x**2), x, oo) == 0'))
def _(d):
    a, x = sp.symbols("a x", real=True)
    h = sp.Symbol("h", positive=True)
    t = sp.Symbol("t", nonnegative=True)
    j, k = sp.symbols("j k", integer=True, nonnegative=True)
    xk = a + k * h
    # chord of x^2 on [x_k, x_k + h] minus x^2 at x = x_k + t
    chord = xk**2 + ((xk + h) ** 2 - xk**2) / h * t
    err = sp.factor(sp.expand(chord - (xk + t) ** 2))
    check_zero(err - t * (h - t), "chord - square = t (h - t)")
    # the ReLU sum equals the chord: for x = x_k + t, 0 <= t <= h, hinges j <= k are active (x - x_j >= 0)
    xv = xk + t
    relu_sum = sp.summation(xv - (a + j * h), (j, 1, k))
    I_val = a**2 + (2 * a + h) * (xv - a) + 2 * h * relu_sum
    check_zero(sp.expand(I_val - chord), "ReLU sum = chord on [x_k, x_{k+1}]")
    # maximum of t (h - t) on [0, h]
    q = t * (h - t)
    crit = sp.solve(sp.diff(q, t), t)
    check(crit == [h / 2], "unique critical point h/2")
    check(sp.diff(q, t, 2) == -2, "concave")
    qmax = sp.simplify(q.subs(t, h / 2))
    check_zero(qmax - h**2 / 4, "max = h^2/4")
    n = sp.Symbol("n", integer=True, positive=True)
    S = sp.Symbol("S", positive=True)
    e_n = (S / n) ** 2 / 4
    check(sp.limit(e_n, n, sp.oo) == 0, "error -> 0")
    d.say(r"Let $x_k=a+kh$ $(k=0,\dots,n)$ with spacing $h>0$. Fix $k\in\{0,\dots,n-1\}$ and write "
          r"$x=x_k+t$ with $0\le t\le h$. The hinges $\operatorname{relu}(x-x_j)$ with $1\le j\le k$ are active "
          r"($x-x_j=(k-j)h+t\ge0$) and those with $j>k$ vanish ($x-x_j=t-(j-k)h\le0$), so")
    d.show(tex("I(x_k+t)"), "=", sp.Symbol("a")**2 + (2 * a + h) * (xv - a) + 2 * h * sp.Sum(xv - (a + j * h), (j, 1, k)),
           "active hinges only")
    d.then("=", sp.expand(chord), "the arithmetic sum (SymPy summation)")
    d.say(r"which is the chord of $x^2$ through $(x_k,x_k^2)$ and $(x_{k+1},x_{k+1}^2)$, i.e. the linear "
          r"interpolant. Its error is")
    d.show(tex("I(x_k+t)-(x_k+t)^2"), "=", err, "expand and factor")
    d.say(r"The quadratic $q(t)=t(h-t)$ has $q''=-2<0$ and its only critical point is $t=h/2$, so on $[0,h]$")
    d.show(tex(r"\max_{0\le t\le h} q(t)"), "=", q.subs(t, h / 2), r"$q'(h/2)=0$, $q$ concave, $q(0)=q(h)=0$")
    d.then("=", h**2 / 4)
    d.say(r"This holds on every interval $[x_k,x_{k+1}]$, so $\max_{[x_0,x_n]}|I-x^2|=h^2/4$. On a fixed span "
          r"$S=x_n-x_0$ with $n$ pieces, $h=S/n$ and the error is $S^2/(4n^2)$, strictly decreasing in $n$ with "
          r"limit $0$: more ReLU terms approximate $x^2$ better. (With $a=-2$, $h=1$, $n=4$ this is the "
          r"$1/4$ of \texttt{relu\_square\_approx}.)")
    return proved(d, "exact symbolic summation and one-variable optimisation", max_error="h**2/4")


@FAMILY.claim(
    "relu_grad_values",
    "ReLU's derivative is 0 for x < 0 and 1 for x > 0; at 0 it is not differentiable (left derivative 0, "
    "right derivative 1).",
    r"$\operatorname{relu}'(x)=0$ for $x<0$, $=1$ for $x>0$; $\operatorname{relu}'_-(0)=0\ne1=\operatorname{relu}'_+(0)$.",
    formal=('diff(relu(x), x) == 0 for x < 0',
            'diff(relu(x), x) == 1 for x > 0',
            'diff(relu(x), x) != diff(relu(x), x) for x == 0'))
def _(d):
    relu = get("relu")
    f = relu.f()
    t = sp.Symbol("t", positive=True)
    right_piece, left_piece = f.subs(X, t), f.subs(X, -t)
    check(sp.diff(right_piece, t) == 1 and sp.diff(left_piece, t) == 0, "piece derivatives")
    left, right = one_sided_derivatives_at_zero(f, X)
    check(left == 0 and right == 1, "one-sided derivatives")
    d.say(r"On the open half-line $x<0$ ReLU coincides with the constant $0$ and on $x>0$ with $x$; "
          r"derivatives of these pieces are the derivatives of ReLU there (open sets):")
    d.show(tex(r"\operatorname{relu}'(x)"), "=", 0, r"$x<0$: $\frac{d}{dx}0$")
    d.show(tex(r"\operatorname{relu}'(x)"), "=", 1, r"$x>0$: $\frac{d}{dx}x$")
    d.say(r"At $0$ the one-sided difference quotients are, for $h>0$,")
    d.show(tex(r"\operatorname{relu}'_-(0)"), "=", r"\lim_{h\to0^+}\frac{\operatorname{relu}(-h)-\operatorname{relu}(0)}{-h}=\lim_{h\to0^+}\frac{0}{-h}",
           r"$\operatorname{relu}(-h)=0$")
    d.then("=", left)
    d.show(tex(r"\operatorname{relu}'_+(0)"), "=", r"\lim_{h\to0^+}\frac{\operatorname{relu}(h)-\operatorname{relu}(0)}{h}=\lim_{h\to0^+}\frac{h}{h}",
           r"$\operatorname{relu}(h)=h$")
    d.then("=", right)
    d.say(r"The one-sided derivatives differ, so ReLU is not differentiable at $0$; frameworks use the "
          r"subgradient $0$ there by convention.")
    return proved(d, "piecewise derivatives and one-sided limits", kind="limit", left=0, right=1)


if __name__ == "__main__":
    raise SystemExit(FAMILY.main())

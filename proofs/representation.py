"""Representation: what one linear threshold unit cannot do, and what a hidden layer or a feature map fixes.

Run ``python proofs/representation.py [-v] [--json] [--latex DIR]``.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

if __name__ == "__main__":  # fresh clone without installation: make `symact` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy as sp

from symact.catalog import get
from symact.claims import Family, check, check_zero, proved, tex

FAMILY = Family("representation", "Representation",
                "XOR and the circle: linear separability before and after a hidden layer or a feature map.")

XOR = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}


@FAMILY.claim(
    "xor_not_linearly_separable",
    "No (w1, w2, b) separates XOR: there is no line with w.x + b > 0 on {(0,1), (1,0)} and w.x + b <= 0 on "
    "{(0,0), (1,1)} (nor with the roles of the strict and non-strict sides swapped).",
    r"$\nexists(w_1,w_2,b)$: $w^\top x+b>0$ on $\{(0,1),(1,0)\}$ and $\le0$ on $\{(0,0),(1,1)\}$.",
    formal=("not exists reals w1, w2, b: w1*0 + w2*1 + b > 0 and w1*1 + w2*0 + b > 0 and w1*0 + w2*0 + b <= 0 "
            "and w1*1 + w2*1 + b <= 0",
            "not exists reals w1, w2, b: w1*0 + w2*1 + b >= 0 and w1*1 + w2*0 + b >= 0 and w1*0 + w2*0 + b < 0 "
            "and w1*1 + w2*1 + b < 0"))
def _(d):
    w1, w2, b = sp.symbols("w1 w2 b", real=True)
    g = lambda p: w1 * p[0] + w2 * p[1] + b  # noqa: E731
    pos = g((0, 1)) + g((1, 0))
    neg = g((0, 0)) + g((1, 1))
    check_zero(pos - neg, "multipliers (1,1,1,1): both sums equal w1 + w2 + 2b")
    d.say(r"Let $g(x)=w_1x_1+w_2x_2+b$ and suppose $g>0$ at the two points labelled $1$ and $g\le0$ at the two "
          r"points labelled $0$. Add the inequalities with multipliers $(1,1)$ on each side:")
    d.show(tex(r"g(0,1)+g(1,0)"), "=", pos, r"$>0$ (sum of two positive numbers)")
    d.show(tex(r"g(0,0)+g(1,1)"), "=", neg, r"$\le0$ (sum of two non-positive numbers)")
    d.say(r"The two left sides are the same linear expression $w_1+w_2+2b$ (identically, for all parameters), "
          r"which cannot be both $>0$ and $\le0$. No $(w_1,w_2,b)$ exists. The same certificate refutes the "
          r"swapped convention ($\ge0$ vs.\ $<0$) and the reversed labelling. Geometrically: the midpoint "
          r"$(\frac12,\frac12)$ of each pair is the same point, so the two segments cross.")
    return proved(d, "Farkas-type certificate: equal sums of the constraint rows (exact)",
                  multipliers=[1, 1, 1, 1])


@FAMILY.claim(
    "xor_threshold_network",
    "The two-layer threshold network hidden = step(x1 + x2 - 1.5), out = step(x1 + x2 - 2 hidden - 0.5) computes "
    "XOR on {0,1}^2. Both units read the inputs only through s = x1 + x2, so the formal statement is the output "
    "at s = 0, 1, 2 (written x): 0, 1, 0, i.e. XOR.",
    r"$h=H(x_1+x_2-\tfrac32)$, $y=H(x_1+x_2-2h-\tfrac12)$ gives $y=x_1\oplus x_2$ on $\{0,1\}^2$.",
    formal=("binary_step(x - 2*binary_step(x - 1.5) - 0.5) == 0 for x == 0",
            "binary_step(x - 2*binary_step(x - 1.5) - 0.5) == 1 for x == 1",
            "binary_step(x - 2*binary_step(x - 1.5) - 0.5) == 0 for x == 2"))
def _(d):
    step = get("binary_step")
    rows = []
    for x1, x2 in itertools.product((0, 1), repeat=2):
        zh = sp.Integer(x1 + x2) - sp.Rational(3, 2)
        hid = step(zh)
        zo = sp.Integer(x1 + x2) - 2 * hid - sp.Rational(1, 2)
        out = step(zo)
        check(out == XOR[(x1, x2)], f"XOR({x1},{x2})")
        check(zh != 0 and zo != 0, "no pre-activation is exactly 0 (the step's value at 0 does not matter)")
        rows.append((x1, x2, zh, hid, zo, out))
    d.say(r"Evaluate exactly on all four inputs, with $H(z)=1$ for $z\ge0$ and $0$ for $z<0$ (the catalog's "
          r"\texttt{binary\_step}). No pre-activation is $0$, so the convention for $H(0)$ is irrelevant:")
    for x1, x2, zh, hid, zo, out in rows:
        d.show(tex(rf"(x_1,x_2)=({x1},{x2}):\ (z_h,h,z_y,y)"), "=", sp.Tuple(zh, hid, zo, out),
               rf"$x_1\oplus x_2={XOR[(x1, x2)]}$")
    d.say(r"The hidden unit is AND ($x_1+x_2\ge1.5$ only at $(1,1)$); the output is OR ($x_1+x_2\ge0.5$) with AND "
          r"subtracted twice. All four outputs equal XOR.")
    return proved(d, "exhaustive exact evaluation on the 4 inputs")


@FAMILY.claim(
    "circle_separable_after_square_features",
    "Points strictly inside the circle x^2 + y^2 = r^2 and points strictly outside it are not linearly separable "
    "in the plane (for any r > 0), but become linearly separable under (x, y) -> (x^2, y^2), by the line u + v = r^2.",
    r"Under $\phi(x,y)=(x^2,y^2)$, $\{x^2+y^2<r^2\}$ and $\{x^2+y^2>r^2\}$ are separated by $u+v=r^2$.",
    formal=("forall reals r with r > 0: exists reals w1, w2, c: forall reals x, y: "
            "(x**2 + y**2 < r**2 => w1*x**2 + w2*y**2 + c < 0) and (x**2 + y**2 > r**2 => w1*x**2 + w2*y**2 + c > 0)",
            "forall reals r with r > 0: not exists reals w1, w2, c: forall reals x, y: "
            "(x**2 + y**2 < r**2 => w1*x + w2*y + c < 0) and (x**2 + y**2 > r**2 => w1*x + w2*y + c > 0)"))
def _(d):
    x, y = sp.symbols("x y", real=True)
    r = sp.Symbol("r", positive=True)
    u, v = sp.symbols("u v", real=True)
    score = (u + v - r**2).subs({u: x**2, v: y**2})
    check_zero(score - (x**2 + y**2 - r**2), "score after the feature map")
    # not separable before: the inside point (0,0) is the midpoint of the outside points (+-2r, 0)
    w1, w2, c = sp.symbols("w1 w2 c", real=True)
    g = lambda p: w1 * p[0] + w2 * p[1] + c  # noqa: E731
    check_zero(g((0, 0)) - (g((2 * r, 0)) + g((-2 * r, 0))) / 2, "affine at the midpoint")
    d.say(r"\emph{After the map.} With $(u,v)=\phi(x,y)=(x^2,y^2)$ the affine function $s(u,v)=u+v-r^2$ satisfies")
    d.show(tex(r"s(\phi(x,y))"), "=", x**2 + y**2 - r**2, "")
    d.say(r"which is $<0$ exactly for points inside the circle and $>0$ exactly for points outside: the line "
          r"$u+v=r^2$ separates the two classes in feature space (with margin, for any finite samples).")
    d.say(r"\emph{Before the map.} Suppose an affine $g(x,y)=w_1x+w_2y+c$ had $g<0$ inside and $g>0$ outside. The "
          r"inside point $(0,0)$ is the midpoint of the outside points $(\pm2r,0)$, and affine functions preserve "
          r"midpoints:")
    d.show(tex("g(0,0)"), "=", tex(r"\tfrac12\big(g(2r,0)+g(-2r,0)\big)"), "SymPy identity")
    d.then(">", 0, "both outside")
    d.say(r"contradicting $g(0,0)<0$ (the same argument works with the classes swapped). So the classes are not "
          r"linearly separable in the plane, but are after the quadratic feature map.")
    return proved(d, "exact identity + midpoint certificate")


if __name__ == "__main__":
    raise SystemExit(FAMILY.main())

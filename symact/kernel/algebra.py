"""Exact identities: a smooth term written as N/D, polynomials over Q in independent generators.

Rules used, each value-preserving wherever the term is defined:

* field arithmetic, with no cancellation: (a/b) + (c/d) = (ad + cb)/(bd), (a/b)(c/d) = ac/(bd),
  (a/b)^-k = b^k/a^k (the term's own domain has a != 0 there); every denominator is a product of the term's
  denominators, so it is non-zero wherever the term is defined;
* exp(a + b) = exp(a) exp(b), exp(k u) = exp(u)^k, exp(q x) = E^(q L) with E = exp(x/L) (L the common
  denominator of the rational slopes of x in exponents), exp(-u) = 1/exp(u);
* tanh u = (e^{2u} - 1)/(e^{2u} + 1), sinh u = (e^u - e^{-u})/2, cosh u = (e^u + e^{-u})/2; log(exp(u)) = u;
* any other function value f(u) is an independent generator, shared with every f(v) where v = u identically
  (checked by this same procedure).

If N expands to the zero polynomial, the term is 0 wherever it is defined.  Treating generators as
independent never proves a false identity (a polynomial that vanishes for independent values vanishes for the
actual ones); it may fail to prove a true one, which leaves the verdict open.
"""
from __future__ import annotations

from fractions import Fraction
from math import lcm

import sympy as sp

from symact.kernel.ivals import Uncertain
from symact.kernel.terms import ONE, add, fn, linear_split, mul, neg, num

#: limits that keep the polynomials small (beyond them the rule gives no answer)
MAX_EXP_POWER = 256
MAX_TERMS = 4000


def is_zero(t) -> bool:
    """Whether the smooth term t is identically 0 wherever it is defined (False: not shown)."""
    n, _ = Normalizer(t).run()
    return sp.expand(n) == 0


class Normalizer:
    def __init__(self, t):
        self.t = t
        self.x = sp.Dummy("x")
        self.atoms: list[tuple[str, Fraction | None, tuple, sp.Dummy]] = []
        slopes = _exp_slopes(t)
        self.L = lcm(*(q.denominator for q in slopes)) if slopes else 1
        self.E = sp.Dummy("E")
        if any(abs(q * self.L) > MAX_EXP_POWER for q in slopes):
            raise Uncertain("exponentials of incommensurable slopes")

    def run(self):
        return self.nd(self.t)

    def nd(self, t):
        head = t[0]
        if head == "x":
            return self.x, sp.Integer(1)
        if head == "num":
            return sp.Rational(t[1].numerator, t[1].denominator), sp.Integer(1)
        if head == "const":
            return (self.atom("exp", None, ONE) if t[1] == "E" else self.atom("pi", None, ONE)), sp.Integer(1)
        if head == "add":
            n, d = self.nd(t[1])
            for a in t[2:]:
                n2, d2 = self.nd(a)
                n, d = _expand(n * d2 + n2 * d), _expand(d * d2)
            return n, d
        if head == "mul":
            n, d = sp.Integer(1), sp.Integer(1)
            for a in t[1:]:
                n2, d2 = self.nd(a)
                n, d = _expand(n * n2), _expand(d * d2)
            return n, d
        if head == "pow" and t[2].denominator == 1:
            n, d = self.nd(t[1])
            k = t[2].numerator
            if abs(k) > 64:
                raise Uncertain("power too large")
            return (_expand(n ** k), _expand(d ** k)) if k >= 0 else (_expand(d ** -k), _expand(n ** -k))
        if head == "pow":
            return self.atom("root", t[2], t[1]), sp.Integer(1)
        if head == "powt":
            return self.nd(fn("exp", mul(t[2], fn("log", t[1]))))
        if head == "fn":
            return self.function(t[1], t[2])
        raise Uncertain(f"no algebraic normal form for {head}")

    def function(self, name: str, u):
        if name == "exp":
            return self.exponential(u)
        if name == "log" and u[0] == "fn" and u[1] == "exp":
            return self.nd(u[2])
        if name == "tanh":
            e2 = fn("exp", mul(num(2), u))
            return self.nd(mul(add(e2, num(-1)), ("pow", add(e2, ONE), Fraction(-1))))
        if name in ("sinh", "cosh"):
            sign = -1 if name == "sinh" else 1
            return self.nd(mul(num(Fraction(1, 2)), add(fn("exp", u), mul(num(sign), fn("exp", neg(u))))))
        return self.atom(name, None, u), sp.Integer(1)

    def exponential(self, u):
        """exp(u) for u = q x + rest: E^(q L) times exp(rest) (rest an independent generator unless 0)."""
        slope, rest = linear_split(u)
        k = slope * self.L
        if k.denominator != 1:
            raise Uncertain("exponent slope outside the common denominator")
        k = int(k)
        n, d = (self.E ** k, sp.Integer(1)) if k >= 0 else (sp.Integer(1), self.E ** -k)
        if rest is not None:
            n = n * self.atom("exp", None, rest)
        return n, d

    def atom(self, name: str, extra, u) -> sp.Dummy:
        for other_name, other_extra, v, symbol in self.atoms:
            if other_name == name and other_extra == extra and self.same(u, v):
                return symbol
        symbol = sp.Dummy(name)
        self.atoms.append((name, extra, u, symbol))
        return symbol

    def same(self, u, v) -> bool:
        n1, d1 = self.nd(u)
        n2, d2 = self.nd(v)
        return _expand(n1 * d2 - n2 * d1) == 0


def _expand(e):
    e = sp.expand(e)
    if isinstance(e, sp.Add) and len(e.args) > MAX_TERMS:
        raise Uncertain("expression too large")
    return e


def _exp_slopes(t) -> set:
    out = set()
    stack = [t]
    while stack:
        s = stack.pop()
        if not isinstance(s, tuple):
            continue
        if s[0] == "fn" and s[1] in ("exp", "tanh", "sinh", "cosh"):
            slope, _ = linear_split(s[2])
            out.add(slope * (2 if s[1] == "tanh" else 1))
        stack.extend(a for a in s[1:] if isinstance(a, tuple))
        if s[0] == "pw":
            for pair in s[1:]:
                stack.extend(pair)
    return {q for q in out if q != 0}

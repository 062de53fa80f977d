"""Exact identities: a smooth term written as N/D, polynomials over Q in independent generators.

Rules used, each value-preserving wherever the term is defined on the piece P it is normalised on:

* field arithmetic, with no cancellation: (a/b) + (c/d) = (ad + cb)/(bd), (a/b)(c/d) = ac/(bd),
  (a/b)^-k = b^k/a^k (the term's own domain has a != 0 there); every denominator is a product of the term's
  denominators, so it is non-zero wherever the term is defined;
* exp(a + b) = exp(a) exp(b), exp(k u) = exp(u)^k (also for an exponent k u met as u before: exp(-2u) =
  exp(u)^-2), exp(q x) = E^(q L) with E = exp(x/L) (L the common denominator of the rational slopes of x in
  exponents, or where some q L would exceed MAX_EXP_POWER, L = 1/g with g the greatest common divisor of the
  slopes: q L is an integer either way; where both exceed it, each exp(q x) is a generator of its own, as for an
  exponent that is not linear in x, below), exp(-u) = 1/exp(u), exp(k) = exp(1)^k for integers k (also for a k
  written without x whose normal form, by these rules, is that integer: exp(-(sqrt(2) sqrt(2)/2)^2) = exp(1)^-1);
  exp(j f(v)) = g(v)^j for integers j where
  f's record says exp(f(U)) = g(U) (:mod:`symact.kernel.functions`, ``exp_of``: exp(log v) = v, where log v is
  defined; exp(W(v)) = v/W(v) only where v is certainly non-zero on P, so that the new denominator is non-zero
  wherever the term is defined);
* each function's rewrite in its record (:mod:`symact.functions`), e.g. tanh u = (e^{2u} - 1)/(e^{2u} + 1);
* log(a b) = log a + log b and log(a^k) = k log a where a, b are certainly positive on P
  (checked with the kernel's enclosures); log of a positive rational (or of a u whose normal form is one) = sum
  of multiples of logs of primes;
  log(u) = log c + j x/L + log(u E^-j/c) where E^j divides the normal form N/D of u and c > 0 is the ratio of
  the contents (gcds of the rational coefficients) of N and D (u > 0 where log u is defined, so u E^-j/c > 0
  exactly there: log((e^x + 1)/2) = -log 2 + log(e^x + 1)); likewise log(u) = m v + log(u exp(-m v)) where
  exp(v)^m (m an integer, v without x: e = exp(1) or another generator) divides N/D (log(1 + e^(x - 7)) =
  -7 + log(e^7 + e^x)); and, where x has one sign on P (checked with the
  kernel's enclosures), log(u) = k log|x| + log(u |x|^-k) where x^k divides N/D (the lowest power of x in N less
  that in D; |x| is x or -x, so |x|^k > 0 and u |x|^-k > 0 exactly where u > 0: log(1 + x^-2 + sqrt(1 + 2x^-2))
  = -2 log x + log(x^2 + 1 + x sqrt(x^2 + 2)) for x > 0, the tail form of acosh(1 + x^2)); not where u = c x^k;
* sin, cos of k x/L + c pi (integer k with |k| <= MAX_TRIG_MULTIPLE, L chosen from the slopes of x in sin and cos as
  for exponentials, c in Z/12): the angle-sum and multiple-angle formulas in
  S = sin(x/L), C = cos(x/L), then reduction modulo S^2 + C^2 - 1; cos and sin of c pi exactly (cos(pi/3) =
  1/2, sin(pi/3) = sqrt(3)/2, cos(pi/4) = sqrt(2)/2, pi/12 by the angle-sum formulas);
* exp(u)^r = exp(r u); (v^m)^r = v^(m r) where v >= 0 on P, = (-v)^(m r) where v <= 0 and m is even, and everywhere when m and
  m r are even integers (both sides are |v|^(m r)); (a b)^r = a^r b^r where a, b >= 0 on P; a sum p under a
  root whose normal form is a polynomial in x is replaced by a factored form F of it that the certificate gives
  (below), so that repeated factors leave the root by the rules before; (N/D)^r = N^r D^-r for a sum whose
  normal form is N/D, N and D polynomials in x certainly positive on P ((1 + x^-2)^r = (x^2 + 1)^r (x^2)^-r),
  and (N/D)^r = (-N)^r (-D)^-r where both are certainly negative ((1 + x^-1)^r = (-x - 1)^r (-x)^-r for x < -1);
  exact roots of rationals;
  q^(p/n) = G^p for a positive rational q with G = q^(1/n) > 0, and reduction modulo G^n - q; any other
  u^(1/n) is a generator G with G^n = u where it is defined (u's normal form a polynomial: reduction modulo
  G^n - u), and u^(p/n) = G^p for that G;
* odd and even functions (the records' ``parity``): f(-u) = -f(u) (sin, tanh, ...), f(-u) = f(u) (cos, cosh);
* inverse functions (the records' ``undoes``): f(g(u)) = u (atanh(tanh u), log(exp u), ...) wherever the left
  side is defined; and on a window (``undoes_on``): f(g(u)) = u where u's enclosure on P lies certainly in the
  window's closed interval (asin(sin u) = u for u in [-pi/2, pi/2]), and for an even g, f(g(u)) = f(g(-u)) = -u
  where -u's does (acos(cos u) = -u for u in [-pi, 0], acosh(cosh u) = -u for u <= 0);
* any other function value f(u) is an independent generator, shared with every f(v) where v = u identically
  (checked by this same procedure).

**Factored forms.**  The kernel does not factor polynomials.  A certificate's ``algebra`` node may carry
``"factored": [F, ...]`` (terms as JSON, :func:`symact.kernel.terms.to_json`), each F a product or power of
polynomials in x (built from x, rational numbers, sums, products and powers with integer exponents >= 0, so
defined everywhere): e.g. ``["pow", ["add", ["x"], ["num", "-1"]], "2"]`` for x^2 - 2x + 1.  A sum p under a
non-integer power whose normal form is a polynomial in x is replaced by the first F whose normal form expands to
exactly that polynomial; then F = p wherever p is defined, and p^r = F^r.  No other property of F is needed (the
rules for powers of products and powers check their own sign conditions); a wrong F is never used, and the
root stays an independent generator.  The search (:func:`symact.decide.factored.factored_forms`) proposes
SymPy's square-free decomposition c f_1^k_1 ... f_m^k_m.

If N expands to the zero polynomial (after the trigonometric reduction), the term is 0 wherever it is
defined.  Treating generators as independent never proves a false identity (a polynomial that vanishes for
independent values vanishes for the actual ones); it may fail to prove a true one, which leaves the verdict
open.
"""
from __future__ import annotations

import math
from fractions import Fraction
from math import lcm

import sympy as sp
from flint import ctx

from symact.functions import REGISTRY
from symact.kernel import meter
from symact.kernel.functions import FUNCTIONS, inside
from symact.kernel.ivals import Uncertain
from symact.kernel.terms import (ONE, add, as_exp, at, constant_rational, fn, from_sympy, has_x, linear_split, mul, neg,
                                 num, polynomial, power, rational_power, scaled, subterms)

#: limits that keep the polynomials small (beyond them the rule gives no answer)
MAX_EXP_POWER = 256
MAX_TRIG_MULTIPLE = 12
MAX_TERMS = 4000
MAX_RAW_TERMS = 40000
MAX_REBASES = 8
#: largest rational power of a rational (in bits of its numerator or denominator) formed exactly
MAX_RATIONAL_BITS = 1 << 16

#: the parities of the kernel's functions (:mod:`symact.functions`)
_ODD = tuple(f.name for f in REGISTRY.values() if f.kernel and f.parity < 0)
_EVEN = tuple(f.name for f in REGISTRY.values() if f.kernel and f.parity > 0)
#: (f, g) with f(g(u)) = u wherever f(g(u)) is defined
_INVERSES = {(f.name, f.undoes) for f in REGISTRY.values() if f.kernel and f.undoes}


def is_zero(t, piece=None, factored=()) -> bool:
    """Whether the smooth term t is identically 0 wherever it is defined on the piece (False: not shown), with
    the factored forms ``factored`` of polynomials under roots (see the module's docstring)."""
    normalizer = Normalizer(t, piece, factored)
    n, _ = normalizer.run()
    return normalizer.reduce(n) == 0


class _Rebase(Exception):
    """An exponent u (its one argument) met after an exponent k u (|k| >= 2): normalise again with exp(u) as the
    generator."""


class Normalizer:
    def __init__(self, t, piece=None, factored=()):
        self.t = t
        self.factored = tuple(factored)
        self.piece = piece if piece is not None else (None, None, False, False)
        self.x = sp.Dummy("x")
        self.atoms: list[tuple[str, object, tuple, sp.Dummy]] = []
        try:
            self.L = _scale(_slopes(t, _EXP_SLOPES), MAX_EXP_POWER)
        except Uncertain:  # slopes 1 and 0.9999999999: each exp(q x) a generator of its own (:meth:`exp_atom`)
            self.L = None
        self.T = _scale(_slopes(t, {"sin": {1}, "cos": {1}}), MAX_TRIG_MULTIPLE)
        # E = exp(x/L), S = sin(x/T), C = cos(x/T) and Euler's number e = exp(1) (exp(k) = e^k for integers k)
        self.E, self.S, self.C, self.e = (sp.Dummy(name) for name in "ESCe")
        self.root_powers: dict[sp.Dummy, tuple] = {}  # G = p^(1/n) for a polynomial p (or rational): G -> (n, p)
        self.bases: list = []  # exponents whose exponentials are generators from the start (see exp_atom)

    def run(self):
        for _ in range(MAX_REBASES):
            try:
                return self.nd(self.t)
            except _Rebase as found:
                self.bases.append(found.args[0])
                self.atoms, self.root_powers = [], {}
                for u in self.bases:
                    self.atom("exp", None, u)
        raise Uncertain("too many exponents that are multiples of each other")

    def expand(self, e):
        """e multiplied out (Uncertain when it would form more than MAX_RAW_TERMS products)."""
        products = raw_terms(e)
        if products > MAX_RAW_TERMS:
            raise Uncertain("expression too large")
        meter.add(meter.PER_PRODUCT * products)
        e = sp.expand(e)
        if isinstance(e, sp.Add) and len(e.args) > MAX_TERMS:
            raise Uncertain("expression too large")
        return e

    def reduce(self, n):
        """n multiplied out (:meth:`expand`) modulo S^2 + C^2 - 1 (sin^2 + cos^2 = 1) and G^n - p (G = p^(1/n) for
        a rational p or a polynomial p in x and the other generators)."""
        n = self.expand(n)
        for G, (k, base) in self.root_powers.items():
            if n.has(G) and sp.degree(n, G) >= k:
                n = self.expand(sp.rem(n, G ** k - base, G))
        if not (n.has(self.S) and n.has(self.C)):
            return n
        return self.expand(sp.rem(n, self.C ** 2 + self.S ** 2 - 1, self.C))

    def sign(self, t, strict: bool = False) -> int:
        """The certain sign of t on the piece by its enclosure: 1 for >= 0 (> 0 when ``strict``), -1 for <= 0
        (< 0), 0 when not certain."""
        from symact.kernel.evaluate import enclose

        try:
            box = enclose(t, self.piece)
        except (Uncertain, ZeroDivisionError):
            return 0
        return box.sign() if strict else 1 if box.nonnegative() else -1 if box.nonpositive() else 0

    def undone_on(self, window, u):
        """w with f(u) = w on the piece, for u = g(v) and the window (g, interval) of f: w = v where v certainly
        lies inside the interval on the piece, or w = -v where -v does and g is even (g(v) = g(-v)); enclosures
        at 53 bits, then at 256 (x <= 1.5707963267948966 is 6e-17 below pi/2); None otherwise."""
        from symact.kernel.evaluate import enclose

        if window is None or window[0] != u[1]:
            return None
        for w in (u[2], neg(u[2])) if REGISTRY[u[1]].parity > 0 else (u[2],):
            for bits in (53, 256):
                try:
                    with ctx.workprec(bits):
                        if inside(enclose(w, self.piece), window[1]):
                            return w
                except (Uncertain, ZeroDivisionError):
                    break
        return None

    def nd(self, t):
        head = t[0]
        if head == "x":
            return self.x, sp.Integer(1)
        if head == "num":
            return sp.Rational(t[1].numerator, t[1].denominator), sp.Integer(1)
        if head == "const":
            return (self.exponential(ONE) if t[1] == "E" else (self.atom("pi", None, ONE), sp.Integer(1)))
        if head in ("add", "mul"):  # n/d + n2/d2 = (n d2 + n2 d)/(d d2), (n/d)(n2/d2) = (n n2)/(d d2)
            n, d = sp.Integer(0 if head == "add" else 1), sp.Integer(1)
            for a in t[1:]:
                n2, d2 = self.nd(a)
                n, d = self.expand(n * d2 + n2 * d if head == "add" else n * n2), self.expand(d * d2)
            return n, d
        if head == "pow" and t[2].denominator == 1:
            n, d = self.nd(t[1])
            k = t[2].numerator
            if n.is_Rational and d == 1 and abs(k) * max(abs(n.p), n.q).bit_length() <= MAX_RATIONAL_BITS:
                return sp.Rational(n) ** k, sp.Integer(1)  # 10**(-324): exact rational arithmetic
            if abs(k) > 64:
                raise Uncertain("power too large")
            return (self.expand(n ** k), self.expand(d ** k)) if k >= 0 else (self.expand(d ** -k), self.expand(n ** -k))
        if head == "pow":
            return self.root(t[1], t[2])
        if head == "powt":
            return self.nd(as_exp(t))
        if head == "fn":
            return self.function(t[1], t[2])
        raise Uncertain(f"no algebraic normal form for {head}")

    # -- roots ----------------------------------------------------------------------------------------------
    def root(self, base, r: Fraction):
        if base[0] == "fn" and base[1] == "exp":  # exp(u)^r = exp(r u): exp(u) > 0
            return self.exponential(mul(num(r), base[2]))
        scale = Fraction(1)
        if base[0] == "num" and base[1] > 0:
            exact = rational_power(base[1], r)
            if exact is not None:
                return sp.Rational(exact.numerator, exact.denominator), sp.Integer(1)
            # q = outside^n inside, inside free of n-th powers (8^(1/2), 2 * 2^(1/2) share it): q^r = outside^(n r) inside^r
            outside = math.prod((Fraction(p) ** (e // r.denominator) for p, e in _prime_powers(base[1])), start=Fraction(1))
            scale, base = outside ** r.numerator, num(base[1] / outside ** r.denominator)
        if base[0] == "pow" and base[2].denominator == 1 and (base[2] * r).denominator == 1:
            v, m = base[1], base[2]
            if m.numerator % 2 == 0 and (m * r).numerator % 2 == 0:  # (v^m)^r = |v|^(m r) = v^(m r)
                return self.nd(("pow", v, m * r))
            s = self.sign(v)
            if s > 0:
                return self.nd(("pow", v, m * r))
            if s < 0 and m.numerator % 2 == 0:
                return self.nd(("pow", neg(v), m * r))
        if base[0] == "mul" and all(self.sign(a) > 0 for a in base[1:]):
            return self.nd(mul(*(("pow", a, r) for a in base[1:])))
        if base[0] == "add":
            factored = self.factored_form(base)
            if factored is not None:
                return self.nd(("pow", factored, r))
            n, d = self.nd(base)  # N/D, D != 1, polynomials in x, both certainly > 0 (or < 0: N/D = (-N)/(-D))
            if d != 1 and (n.free_symbols | d.free_symbols) <= {self.x}:  # on P: (N/D)^r = N^r D^-r there
                parts = (from_sympy(n, self.x), from_sympy(d, self.x))  # (1 + x^-2 = (x^2 + 1)/x^2)
                s = self.sign(parts[0], True)
                if s != 0 and self.sign(parts[1], True) == s:
                    parts = parts if s > 0 else tuple(map(neg, parts))
                    return self.nd(mul(("pow", parts[0], r), ("pow", parts[1], -r)))
        # u^(p/n) = G^p with G = u^(1/n) (u >= 0 where u^(p/n) is defined, u > 0 when p < 0), times the scale
        G = self.atom("root", Fraction(1, r.denominator), base)
        if G not in self.root_powers:  # G^n = base where G = base^(1/n) is defined
            n, d = self.nd(base)
            if d == 1:
                self.root_powers[G] = (r.denominator, n)
        c = sp.Rational(scale.numerator, scale.denominator)
        n, d = _over(G, r.numerator)
        return c * n, d

    def factored_form(self, base):
        """The first of the certificate's factored forms F (a product or power,
        :func:`~symact.kernel.terms.polynomial`) whose normal form is exactly that of base, or None."""
        forms = (f for f in self.factored if f[0] in ("mul", "pow") and polynomial(f))
        return next((f for f in forms if self.same(f, base)), None)

    # -- functions --------------------------------------------------------------------------------------------
    def function(self, name: str, u):
        if u[0] == "fn" and (name, u[1]) in _INVERSES:
            return self.nd(u[2])
        undone = self.undone_on(FUNCTIONS[name].undoes_on, u) if u[0] == "fn" else None
        if undone is not None:
            return self.nd(undone)
        if FUNCTIONS[name].rewrite is not None:  # tanh, sinh, cosh, erfc, acos: the record's formula
            return self.nd(at(FUNCTIONS[name].rewrite, u))
        if name == "exp":
            return self.exponential(u)
        if name == "log":
            return self.logarithm(u)
        found = self.trigonometric(name, u) if name in ("sin", "cos") else None
        return found if found is not None else (self.atom(name, None, u), sp.Integer(1))

    def exponential(self, u):
        """exp(u) for u = q x + rest: E^(q L) times exp(rest) (rest an independent generator unless 0), where
        the terms k log(v) of rest (k an integer) leave it as v^k."""
        slope, rest = linear_split(u)
        if self.L is None:
            n, d = self.exp_atom(mul(num(slope), ("x",))) if slope else (sp.Integer(1), sp.Integer(1))
        elif (slope * self.L).denominator != 1:
            raise Uncertain("exponent slope outside the common denominator")
        else:
            n, d = _over(self.E, int(slope * self.L))
        others = []
        for a in _summands(rest) if rest is not None else []:
            j, f = scaled(a)  # a = j f(v), j a non-zero integer
            rule = FUNCTIONS[f[1]].exp_of if f[0] == "fn" and j.denominator == 1 and j != 0 else None
            if rule is not None and (not rule[1] or self.sign(f[2], True) > 0 or self.sign(neg(f[2]), True) > 0):
                n2, d2 = self.nd(("pow", at(rule[0], f[2]), j))  # exp(j f(v)) = g(v)^j (the record)
            elif (logs := self.integer_logs(a)) is not None:  # exp(k + sum j log v) = e^k prod v^j
                n2, d2 = _over(self.e, logs[0])  # (exp(-(sqrt(2)/2 sqrt(2))^2) = e^-1, exp(-sqrt(12 log 10)^2) = 10^-12)
                for v, j in logs[1:]:
                    n3, d3 = self.nd(("pow", v, Fraction(j)))
                    n2, d2 = self.expand(n2 * n3), self.expand(d2 * d3)
            else:
                others.append(a)
                continue
            n, d = self.expand(n * n2), self.expand(d * d2)
        if others:
            n2, d2 = self.exp_atom(others[0] if len(others) == 1 else add(*others))
            n, d = n * n2, d * d2
        return n, d

    def integer_logs(self, a) -> list | None:
        """[k, (v_1, j_1), ...] where the term a without x is k + j_1 log v_1 + ... by exact algebra (its normal
        form, radicals reduced, with log v_i generators), k and j_i integers, |k|, |j_i| <= MAX_EXP_POWER; or
        None."""
        if has_x(a):
            return None
        n, d = (self.reduce(e) for e in self.nd(a))
        logs = {a[3]: a[2] for a in self.atoms if a[0] == "log"}
        if not d.is_Rational or not (n.free_symbols <= set(logs)):
            return None
        q = sp.Poly(n / d, *logs) if logs else None
        if q is not None and q.total_degree() > 1:
            return None
        coefficients = q.as_dict() if q is not None else {(): n / d}
        if not all(c.is_Integer and abs(c) <= MAX_EXP_POWER for c in coefficients.values()):
            return None
        k = next((int(c) for m, c in coefficients.items() if not any(m)), 0)
        return [k, *((logs[s], int(c)) for m, c in coefficients.items() for s, e in zip(logs, m) if e)]

    def exp_atom(self, u):
        """exp(u) for a u that is not linear in x (or any u, where the slopes of x share no small scale): G^k (G^-k
        as a denominator) when u = k v identically for an integer k, |k| <= MAX_EXP_POWER, and an exponent v met
        before (G = exp(v)), else a new generator; when an exponent met before is k u with 2 <= |k| <=
        MAX_EXP_POWER, the normalisation starts again with exp(u) as a generator from the start."""
        nu, du = self.nd(u)
        for _, _, v, symbol in (a for a in self.atoms if a[0] == "exp"):  # the list as it grows
            nv, dv = self.nd(v)
            # the cross products reduced like any polynomial (:meth:`reduce`: (x sqrt(2)/2)^2 is x^2/2)
            a, b = self.reduce(nu * dv), self.reduce(nv * du)
            k = _ratio(a, b)
            if k is not None and k.denominator == 1 and 0 < abs(k) <= MAX_EXP_POWER:
                return _over(symbol, int(k))
            k = _ratio(b, a)
            if k is not None and k.denominator == 1 and 2 <= abs(k) <= MAX_EXP_POWER:
                raise _Rebase(u)
        return self.atom("exp", None, u), sp.Integer(1)

    def logarithm(self, u):
        if u[0] == "mul" and all(self.sign(a, True) > 0 for a in u[1:]):
            return self.nd(add(*(fn("log", a) for a in u[1:])))
        if u[0] == "pow" and u[2].denominator == 1 and self.sign(u[1], True) > 0:
            return self.nd(mul(num(u[2]), fn("log", u[1])))
        n, d = self.nd(u)
        q = _rational(n, d)
        if q is not None and q > 0:  # log 2, log(1 + exp(0)) = log 2
            return self.log_rational(q), sp.Integer(1)
        j = _lowest_power(n, self.E) - _lowest_power(d, self.E)
        powers = []  # (m, v, V): G^m divides N/D for G = exp(v) > 0, v without x (e = exp(1) or a generator)
        for G, v in [(self.e, ONE)] + [(a[3], a[2]) for a in self.atoms if a[0] == "exp" and not has_x(a[2])]:
            m = _lowest_power(n, G) - _lowest_power(d, G)
            nv, dv = self.nd(v)
            if m and dv == 1:
                powers.append((m, v, nv))
        c = _content(n) / _content(d) if n != 0 else Fraction(1)
        a, b = _lowest_power(n, self.x), _lowest_power(d, self.x)
        side = self.sign(("x",), True) if a != b else 0
        if side and self.expand(n / self.x ** a).is_number and self.expand(d / self.x ** b).is_number:
            side = 0  # u = c x^k: log x itself (below, c and k give no simpler form)
        if j == 0 and not powers and c == 1 and not side:
            return self.atom("log", None, u), sp.Integer(1)
        # u = c exp(m v) E^j |x|^k w with c > 0 rational (the ratio of the contents of u's numerator and
        # denominator), exp(v)^m and x^k dividing the normal form N/D of u (x taken out only where x has one sign on
        # P) and w > 0 (u > 0 where log u is defined): log u = log c + m v + j x/L + k log|x| + log w
        size = ("x",) if side > 0 else neg(("x",))
        k = a - b if side else 0
        w = mul(num(1 / c), u, *([fn("exp", neg(mul(num(j / self.L), ("x",))))] if j else []),
                *(fn("exp", neg(mul(num(m), v))) for m, v, _ in powers), *([power(size, -k)] if k else []))
        total = self.log_rational(c) + sum((m * nv for m, _, nv in powers), sp.Integer(0))
        return self.expand(self.atom("log", None, w) + sp.Rational(j / self.L) * self.x + total
                           + k * (self.atom("log", None, size) if k else 0)), sp.Integer(1)

    def log_rational(self, q: Fraction):
        return sum((e * self.atom("log", None, num(prime)) for prime, e in _prime_powers(q)), sp.Integer(0))

    def trigonometric(self, name: str, u):
        """sin/cos(k x/T + c pi) with integer k and c in Z/2, as a polynomial in S = sin(x/T), C = cos(x/T)."""
        slope, rest = linear_split(u)
        k = slope * self.T
        if k.denominator != 1 or abs(k) > MAX_TRIG_MULTIPLE:
            return None
        shift = Fraction(0) if rest is None else _pi_multiple(rest)
        if shift is None or 12 % shift.denominator:
            return None
        c, s = self.at_pi_multiple(shift)
        step = -self.S if k < 0 else self.S
        for _ in range(abs(int(k))):  # the angle-sum formulas: c pi plus |k| times x/T (or -x/T)
            s, c = self.expand(s * self.C + c * step), self.expand(c * self.C - s * step)
        return (s if name == "sin" else c), sp.Integer(1)

    def at_pi_multiple(self, shift: Fraction):
        """(cos, sin) of shift * pi for shift in Z/12, exactly: rationals and multiples of sqrt(2), sqrt(3) and
        their product (G = q^(1/2) with its reduction G^2 = q), from cos(k pi/12) for k = 0..6 (cos(pi/12) =
        sqrt(2)(sqrt(3) + 1)/4, cos(5 pi/12) = sqrt(2)(sqrt(3) - 1)/4) by cos(a) = cos(-a) = cos(a + 2 pi) =
        -cos(pi - a) and sin(a) = cos(a - pi/2)."""
        r2, r3 = (self.root(num(q), Fraction(1, 2))[0] for q in (2, 3))
        quadrant = [sp.Integer(1), r2 * (r3 + 1) / 4, r3 / 2, r2 / 2, sp.Rational(1, 2), r2 * (r3 - 1) / 4, 0]

        def cos(k):  # cos(k pi/12)
            k = min(k % 24, -k % 24)
            return quadrant[k] if k <= 6 else -quadrant[12 - k]
        k = int(shift * 12)
        return self.expand(cos(k)), self.expand(cos(k - 6))

    # -- generators ---------------------------------------------------------------------------------------------
    def atom(self, name: str, extra, u):
        for _, _, v, symbol in (a for a in self.atoms if a[:2] == (name, extra)):  # the list as it grows
            if self.same(u, v):
                return symbol
            if extra is None and name in _ODD + _EVEN and self.same(neg(u), v):
                return -symbol if name in _ODD else symbol
        symbol = sp.Dummy(name)
        self.atoms.append((name, extra, u, symbol))
        return symbol

    def same(self, u, v) -> bool:
        n1, d1 = self.nd(u)
        n2, d2 = self.nd(v)
        return self.reduce(n1 * d2 - n2 * d1) == 0


def _over(g, k: int) -> tuple:
    """g^k as a quotient (N, D): (g^k, 1) for k >= 0, (1, g^-k) for k < 0."""
    return (g ** k, sp.Integer(1)) if k >= 0 else (sp.Integer(1), g ** -k)


def _rational(n, d) -> Fraction | None:
    """n/d as a Fraction when both are rational numbers (d != 0), else None."""
    q = n / d if n.is_Rational and d.is_Rational and d != 0 else None
    return None if q is None else Fraction(int(q.p), int(q.q))


def _ratio(a, b) -> Fraction | None:
    """The rational q with a = q b for polynomials a, b != 0 (checked by expansion), or None."""
    coeff_b, mono = sp.Add.make_args(b)[0].as_coeff_Mul()  # b = 0: coeff_b = 0, no ratio
    coeff_a = next((c for c, m in (t.as_coeff_Mul() for t in sp.Add.make_args(a)) if m == mono), sp.nan)
    q = _rational(coeff_a, coeff_b)
    return q if q is not None and sp.expand(a - sp.Rational(q.numerator, q.denominator) * b) == 0 else None


def _pi_multiple(t) -> Fraction | None:
    """c when t is c * pi (pi times rational constants, read off the syntax), else None."""
    if t == ("const", "pi"):
        return Fraction(1)
    c, u = scaled(t)
    q = None if u is t else _pi_multiple(u)
    return None if q is None else c * q


def _summands(t, scale: Fraction = Fraction(1)) -> list:
    """The terms of t as a sum, rational factors distributed over sums (-(a + b) is -a, -b); rational constants
    evaluated."""
    if t[0] == "add":
        return [s for a in t[1:] for s in _summands(a, scale)]
    q = constant_rational(t)
    if q is not None:
        return [num(scale * q)] if q else []
    c, u = scaled(t)
    return _summands(u, scale * c) if u is not t else [t if scale == 1 else mul(num(scale), t)]


def _content(p) -> Fraction:
    """The positive rational c with p/c a polynomial whose rational coefficients are coprime integers (p != 0)."""
    c = sp.expand(p).as_content_primitive()[0]
    return Fraction(int(c.p), int(c.q))


def _lowest_power(p, E) -> int:
    """The largest j with E^j dividing every monomial of the polynomial p (0 when E does not occur)."""
    p = sp.expand(p)
    return min(sp.degree(term, E) for term in sp.Add.make_args(p)) if p.has(E) else 0


def _prime_powers(q: Fraction):
    """(p, e) with q = prod p^e for a positive rational q (e < 0 for the denominator's factors): trial division
    by the small primes, the rest of a numerator or denominator counted as one factor p."""
    out = []
    for n, sign in ((q.numerator, 1), (q.denominator, -1)):
        p = 2
        while p * p <= n and p < 10 ** 4:
            count = 0
            while n % p == 0:
                n //= p
                count += 1
            if count:
                out.append((p, sign * count))
            p += 1
        if n > 1:
            out.append((n, sign))
    return out


def raw_terms(e) -> int:
    """The number of products expanding e forms (an upper bound on its terms before they are collected): the
    work of :meth:`Normalizer.expand`, counted so that it does not depend on the machine (the search's budget
    counts it too)."""
    if isinstance(e, sp.Add):
        return sum(raw_terms(a) for a in e.args)
    if isinstance(e, sp.Mul):
        return math.prod(raw_terms(a) for a in e.args)
    if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp > 0:
        t = raw_terms(e.base)
        return t if t == 1 else min(t ** int(e.exp), MAX_RAW_TERMS + 1)
    return 1


def _scale(slopes: set, limit: int) -> Fraction:
    """L with E = exp(x/L) (or S = sin(x/L), C = cos(x/L)) such that every slope times L is an integer of at most
    ``limit``: the common denominator of the slopes, or where a multiple of it would exceed ``limit``, L =
    lcm(denominators)/gcd(numerators) (1/L their greatest common divisor: exp(-851 x/500) is E^-1 with E =
    exp(851 x/500)); else Uncertain."""
    scale = Fraction(lcm(*(q.denominator for q in slopes)))
    if any(abs(q * scale) > limit for q in slopes):
        scale /= math.gcd(*(q.numerator for q in slopes))
        if any(abs(q * scale) > limit for q in slopes):
            raise Uncertain("functions of incommensurable or too large slopes")
    return scale


def _slopes(t, scales: dict) -> set:
    """The slopes of x in the arguments of the functions named in ``scales``, each times its scales."""
    return {linear_split(s[2])[0] * k for s in subterms(t) if s[0] == "fn" and s[1] in scales
            for k in scales[s[1]]} - {0}


#: the exponentials a function becomes: exp(u) itself, exp(k u) for each k in the rewrite of tanh, sinh, cosh
_EXP_SLOPES = {"exp": {1}} | {f.name: _slopes(f.rewrite, {"exp": {1}})
               for f in FUNCTIONS.values() if f.rewrite is not None}

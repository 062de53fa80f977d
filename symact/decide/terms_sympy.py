"""Kernel terms to SymPy and back, for the search side (factoring proposals the kernel re-checks)."""
from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from symact.budget import run_with_budget
from symact.decide.circle import circle_forms
from symact.decide.exponentials import combined
from symact.functions import REGISTRY
from symact.kernel.terms import TermError, has_x, to_json
from symact.sympy_terms import from_sympy

_X = sp.Symbol("x", real=True)

_FUNCTIONS = {f.name: f.head for f in REGISTRY.values() if f.kernel}
#: where one of these is in a denominator that vanishes at the point (tanh(x)**2 at 0), :func:`cleared` writes the
#: fraction in exponentials: the remainder rule differentiates its numerator n + k + 1 times, and a power of tanh
#: grows by one with each derivative where x^j e^(2 m x) keeps its size
_HYPERBOLIC = (sp.tanh, sp.sinh, sp.cosh)

#: largest degree (read from the syntax, :func:`degree_bound`) of a polynomial that the search hands to SymPy's
#: polynomial arithmetic: expanding (x^1000 + 1)^1000, or a product of ten high powers, takes minutes or more
MAX_EXPANDED_DEGREE = 64


def to_sympy(t) -> sp.Expr:
    head = t[0]
    if head == "x":
        return _X
    if head == "num":
        return sp.Rational(t[1].numerator, t[1].denominator)
    if head == "const":
        return sp.pi if t[1] == "pi" else sp.E
    if head == "add":
        return sp.Add(*(to_sympy(a) for a in t[1:]))
    if head == "mul":
        return sp.Mul(*(to_sympy(a) for a in t[1:]))
    if head == "pow":
        return sp.Pow(to_sympy(t[1]), sp.Rational(t[2].numerator, t[2].denominator))
    if head == "powt":
        return sp.Pow(to_sympy(t[1]), to_sympy(t[2]))
    if head == "fn":
        return _FUNCTIONS[t[1]](to_sympy(t[2]))
    raise TermError(f"no SymPy form for {head}")


def constants_evaluated(t) -> tuple:
    """t with every part free of x that is no number written as SymPy evaluates it: 1/sqrt(pi), which the
    parser keeps as written, (pi^(1/2))^-1, is pi^(-1/2) as in the kernel's derivative of erf, so that the
    remainder rule's exact zeros at a point, grouped by their irrational constants, see one constant, not two."""
    head = t[0]
    if head in ("add", "mul", "pow", "powt") and not has_x(t):
        try:
            return from_sympy(to_sympy(t), _X)
        except TermError:
            return t
    if head in ("add", "mul", "powt"):
        return (head, *map(constants_evaluated, t[1:]))
    if head == "pow":
        return (head, constants_evaluated(t[1]), t[2])
    return (head, t[1], constants_evaluated(t[2])) if head == "fn" else t


def addends(t) -> list:
    """The terms of t as a sum, nested sums opened, also under a factor -1 (whose terms are negated)."""
    if t[0] == "mul" and len(t) == 3 and t[1] == ("num", Fraction(-1)) and t[2][0] == "add":
        return [("mul", t[1], a) for a in addends(t[2])]
    return [b for a in t[1:] for b in addends(a)] if t[0] == "add" else [t]


def logs_combined(t) -> tuple:
    """The sum t with its logarithms of constants taken into its first logarithm of a term with x (a sign
    s = +-1 before each): s log(A) + k log(c) = s log(A c^(k s)); log(1 + e^x) - log(2) - x/2 is
    log((1 + e^x)/2) - x/2, whose value and derivatives at 0 are rational (log 2 is no rational, so the
    remainder rule saw no exact zero there); t itself where there is nothing to combine."""
    terms = addends(t)
    logs = {k: f for k, a in enumerate(terms) if (f := signed_fn(a)) is not None and f[1] == "log"}
    constant = {k: f for k, f in logs.items() if not has_x(f[2])}
    first = next((k for k, f in logs.items() if has_x(f[2])), None)
    if first is None or not constant:
        return t
    s0 = logs[first][0]
    merged = ("fn", "log", ("mul", logs[first][2], *(("pow", u, Fraction(s * s0)) for s, _, u in constant.values())))
    rest = [(merged if s0 > 0 else ("mul", ("num", Fraction(-1)), merged)) if k == first else a
            for k, a in enumerate(terms) if k not in constant]
    return rest[0] if len(rest) == 1 else ("add", *rest)


def signed(t) -> tuple:
    """(s, u) with t = s u, s = +-1: u is t with its factors (-1) taken off ((-1)*f(w) gives (-1, f(w)))."""
    if t[0] == "mul" and len(t) == 3 and t[1] == ("num", Fraction(-1)):
        s, u = signed(t[2])
        return -s, u
    return 1, t


def signed_fn(t):
    """(sign, name, argument) when t is f(w) or -f(w) for a function f of the kernel, else None."""
    s, u = signed(t)
    return (s, u[1], u[2]) if u[0] == "fn" else None


def degree_bound(e: sp.Expr, var: sp.Symbol) -> int | None:
    """An upper bound of the degree of e as a polynomial in ``var``, read from its syntax without expanding it
    (a sum: the largest of its terms', a product: the sum of its factors', a natural power: the power times its
    base's; anything free of ``var``: 0); None where the syntax is no polynomial in ``var``."""
    if not e.has(var):
        return 0
    if e == var:
        return 1
    if isinstance(e, (sp.Add, sp.Mul)):
        parts = [degree_bound(a, var) for a in e.args]
        return None if None in parts else (max(parts) if isinstance(e, sp.Add) else sum(parts))
    if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp >= 0:
        base = degree_bound(e.base, var)
        return None if base is None else base * int(e.exp)
    return None


def rewrites(t) -> list:
    """Equal forms of a smooth term that interval arithmetic may bound better (proposals: the kernel checks
    each equality): SymPy's factorisation, and log(... + e^a + ...) = a + log(... e^-a + ... + 1) with a the
    largest or the smallest exponent inside a logarithm (a tail form of softplus-like terms), and factored forms of
    a polynomial in sin u and cos u (:func:`symact.decide.circle.circle_forms`)."""
    try:
        e = to_sympy(t)
    except TermError:
        return []
    out = []
    ok, f = run_with_budget(lambda: sp.factor(sp.together(e)), 1.0)
    if ok:
        out.append(f)
    for pick in (max, min):
        ok, g = run_with_budget(lambda: sp.expand(_pull_exponent(e, pick)), 1.0)
        if ok:
            out.append(g)
    ok, forms = run_with_budget(lambda: circle_forms(e), 1.0)
    if ok:
        out.extend(forms)
    conjugate = _conjugate(e)
    if conjugate is not None:
        out.append(conjugate)
    forms = []
    for f in out:
        if f == e:
            continue
        try:
            forms.append(from_sympy(f, _X))
        except TermError:
            continue
    return forms


def scaled_forms(t) -> list:
    """[(m, q), ...]: for the first two factors m = x^k (k > 0) or exp(v) (v with x) of the summands of t expanded
    by SymPy, the expanded t/m as the term q, so that t = m q wherever t is defined (proposals: the kernel checks
    each equality): x (pi/2 - atan x) - 1 - x^-2 = x (pi/2 - atan x - x^-1 - x^-3)."""
    try:
        e = to_sympy(t)
    except TermError:
        return []
    ok, e = run_with_budget(lambda: sp.expand(e), 1.0)
    factors = [] if not ok else list(dict.fromkeys(
        f for a in sp.Add.make_args(e) for f in sp.Mul.make_args(a)
        if (f.is_Pow and f.base == _X and f.exp.is_positive and f.exp.is_Rational) or f == _X
        or (isinstance(f, sp.exp) and f.has(_X))))
    out = []
    for m in factors[:2]:
        ok, q = run_with_budget(lambda: sp.expand(sp.powsimp(e / m)), 1.0)
        try:
            out += [(from_sympy(m, _X), from_sympy(q, _X))] if ok else []
        except TermError:
            continue
    return out


def cleared(t, a, side: int = 1) -> tuple | None:
    """(D, N) with t = N/D on t's domain, both as terms (SymPy's ``together`` proposes them; the kernel's algebra
    checks the equality), None where t has no denominator or SymPy fails: D = (x - a)^k and N the rest of the
    fraction where the denominator's only factor that vanishes at a is a polynomial's (:func:`split_denominator`),
    else D the whole denominator.  Where t's 0/0 at a is removable ((exp(x) - 1)/x - 1 - x/2 at 0), N is smooth
    at a and cancels there to a higher order than D (:meth:`symact.decide.certify.Search.try_cleared`).  Where
    that factor is no polynomial and holds tanh, sinh or cosh, the fraction is written in exponentials of
    ``side`` x (``side``: the side of a the piece lies on), whose derivatives keep their size."""
    try:
        e = to_sympy(t)
    except TermError:
        return None
    at = sp.Rational(a.numerator, a.denominator)
    ok, parts = run_with_budget(lambda: split_denominator(e, _X, at), 2.0)
    if ok and parts is not None and parts[2] is None and e.has(*_HYPERBOLIC):
        done, exponential = run_with_budget(lambda: _exponential_split(e, at, side), 2.0)
        parts = exponential if done and exponential is not None else parts
    if not ok or parts is None:
        return None
    n, d, k, rest = parts
    try:
        if k:
            return from_sympy((_X - a) ** k, _X), from_sympy(n / rest, _X)
        return from_sympy(d, _X), from_sympy(n, _X)
    except TermError:
        return None


def _exponential_split(e: sp.Expr, a, side: int) -> tuple | None:
    """:func:`split_denominator` of ``e`` written in exponentials of ``side`` x, which grow away from a on that
    side of it: the kernel's Taylor forms of the remainder rule's derivative lose less to cancellation there (the
    bound of (x/tanh(x))' of degree 23 on [-1/2, 0) is proved in exp(-2x), not in exp(2x)); None unless the
    factor that vanishes at a stays no polynomial (only D is used then, whole)."""
    y = sp.Dummy("y", real=True)
    parts = split_denominator(e.subs(_X, side * y).rewrite(sp.exp), y, side * a)
    return None if parts is None or parts[2] is not None else (parts[0].subs(y, side * _X),
                                                               parts[1].subs(y, side * _X), None, None)


def split_denominator(e: sp.Expr, x: sp.Symbol, a) -> tuple | None:
    """(N, D, k, E) with e = N/D over one fraction (SymPy's ``together``; D without a factor free of x, a number
    or a constant like sqrt(pi), which N takes) and D = (x - a)^k E, E the product of D's factors that are not 0
    at a; k is None where a factor that is no polynomial is 0 at a (exp(x) - 1 at 0); None where e has no
    denominator in x."""
    num, den = sp.fraction(sp.together(e))
    if not den.has(x):
        return None
    c, den = den.as_independent(x, as_Add=False)
    k, rest = 0, sp.Integer(1)
    for factor in sp.Mul.make_args(den):
        base, power = factor.as_base_exp()
        whole = power.is_Integer and power > 0
        if whole and base.is_polynomial(x):
            poly, root = sp.Poly(base, x), sp.Poly(x - a, x)
            while poly.degree() > 0 and poly.eval(a) == 0:
                poly, k = sp.quo(poly, root), k + int(power)
            rest *= poly.as_expr() ** power
        elif sp.simplify(factor.subs(x, a)) == 0:
            if not whole:
                return None
            return sp.expand(num / c, power_exp=False), den, None, None
        else:   # not 0 at a (exp(x**2), which ``together`` puts there for exp(-x**2) above)
            rest *= factor
    return sp.expand(num / c, power_exp=False), den, k, rest


def _conjugate(e):
    """sqrt(A) + B = (A - B^2)/(sqrt(A) - B) for a sum with one square root (sqrt(x^2 + 1) - x = 1/(sqrt(x^2 + 1)
    + x): the cancellation leaves the numerator, or None."""
    if not isinstance(e, sp.Add):
        return None
    roots = [a for a in e.args if any(isinstance(f, sp.Pow) and f.exp == sp.Rational(1, 2) and f.has(_X)
                                      for f in sp.Mul.make_args(a))]
    if len(roots) != 1:
        return None
    S, B = roots[0], e - roots[0]
    ok, top = run_with_budget(lambda: sp.factor(sp.expand(S ** 2 - B ** 2)), 1.0)
    return top / (S - B) if ok else None


def _pull_exponent(e, pick):
    def pull(arg):
        exps = [a for a in sp.Add.make_args(arg) if isinstance(a, sp.exp)]
        if not exps:
            return sp.log(arg)
        lead = pick(exps, key=lambda a: float(sp.Poly(a.args[0], _X).LC()) if a.args[0].is_polynomial(_X) else 0)
        return lead.args[0] + sp.log(sp.expand(arg * sp.exp(-lead.args[0])))

    return e.xreplace({n: pull(n.args[0]) for n in e.atoms(sp.log) if isinstance(n.args[0], sp.Add)})


def limit_forms(t, side: int) -> list:
    """Equal forms of a smooth term whose limit at side * oo the kernel's calculus may resolve (proposals: the
    kernel checks each equality): a rational function of x in powers of 1/x that tend to 0 (x^2/(x^2 + 1) =
    1/(1 + x^-2), where oo/oo was 0 * oo to the kernel); exponentials that grow toward that end written as
    1/exp(-u), and the quotient put over one denominator and factored (e^-x/(1 + e^-x)^2 = e^x/(e^x + 1)^2)."""
    try:
        e = to_sympy(t)
    except TermError:
        return []
    if e.is_rational_function(_X) and not e.is_polynomial(_X) or _roots_of_polynomials(e):
        return proposed_form(lambda: _reciprocal_form(_root_form(e, side)), e)

    def grows(a) -> bool:
        slope = a.args[0].as_coefficient(_X) if isinstance(a, sp.exp) else None
        return slope is not None and slope.is_number and bool(slope * side > 0)

    return proposed_form(lambda: combined(e.replace(grows, lambda a: 1 / sp.exp(-a.args[0])),
                                          lambda u: sp.factor(sp.together(u))), e)


def stationary_points(dg) -> list:
    """[(value, form), ...]: closed forms (terms without x) of the real zeros of the term dg and their float
    values, from SymPy's solve within 1 CPU second, each also with its logarithms expanded (proposals: the
    kernel checks g(c) = g'(c) = 0 exactly): log(10^3000) and 3000 log 10 for dg = -exp(-x/1000)/1000 + 1/10^6."""
    try:
        e = to_sympy(dg)
    except TermError:
        return []
    try:
        ok, found = run_with_budget(lambda: sp.solve(e, _X), 1.0)  # 0.4 s cold for the forms it finds:
        # a cap near that made the verdict depend on the load (a CPU second of a busy core is less work)
    except (NotImplementedError, ArithmeticError, ValueError, TypeError, RecursionError, BasePolynomialError):
        return []  # "no algorithms are implemented to solve equation ..."
    out = []
    for s in found if ok and isinstance(found, list) else []:
        try:
            ok, v = run_with_budget(lambda: complex(sp.N(s, 30)), 0.2)
        except (ArithmeticError, ValueError, TypeError, AttributeError, RecursionError):
            continue
        if not ok or v.imag != 0:
            continue
        for form in dict.fromkeys((sp.expand_log(s, force=True), s)):
            try:
                t = from_sympy(form, _X)
                to_json(t)  # ValueError: log(10^40000), past Python's digits for str()
            except (TermError, ValueError):
                continue
            out.append((v.real, t))
    return [(v, t) for v, t in out if not has_x(t)]


def exp_substitution(t) -> tuple | None:
    """(L, [h, ...]): t = h(e^(L x)) with L > 0 the greatest common divisor of the rational slopes of x in t's
    exponentials (hyperbolic functions written in exp; x elsewhere only in a summand c x) and each h a term in x
    (read as u = e^(L x)) whose exponentials and hyperbolic functions, if any, are free of x: with its logarithms
    joined (:func:`_logs_joined`, multiplied out, then not), then as SymPy writes it; None where t has no
    exponential of x or another one (within a CPU second; proposals: the kernel checks t = h(u) by its
    algebra).  softplus(-x) - e^-x = log(1 + 1/u) - 1/u."""
    try:
        e = to_sympy(t)
    except TermError:
        return None
    y = sp.Dummy("u", positive=True)

    def build():
        f = e.rewrite(sp.exp) if e.has(*_HYPERBOLIC) else e
        if not f.xreplace({a: sp.Dummy() for a in f.atoms(sp.exp)}).diff(_X).is_number:
            return None  # x outside exponentials, other than in a summand c x (= c log(u)/L): x^50 e^-x stays
        slopes = []
        for a in f.atoms(sp.exp):
            k = a.args[0].diff(_X)
            if not k.is_Rational:
                return None
            if k != 0:
                slopes.append(Fraction(int(k.p), int(k.q)))
        if not slopes:
            return None
        L = Fraction(math.gcd(*(q.numerator for q in slopes)), math.lcm(*(q.denominator for q in slopes)))
        if max(abs(q / L) for q in slopes) > MAX_EXPANDED_DEGREE:
            return None  # e^(0.9999999999 x) = u^9999999999 with u = e^(x/10^10)
        h = sp.powsimp(sp.expand(f.subs(_X, sp.log(y) / sp.Rational(L.numerator, L.denominator)), deep=True,
                                 mul=False, multinomial=False, log=False, power_exp=True))
        return L, [f.subs(y, _X) for f in dict.fromkeys((_logs_joined(h, True), _logs_joined(h, False), h))]

    try:
        ok, found = run_with_budget(build, 1.0)
    except (ArithmeticError, ValueError, TypeError, RecursionError, BasePolynomialError):
        return None
    if not ok or found is None:
        return None
    forms = []
    for h in found[1]:
        try:
            forms += [] if any(a.has(_X) for a in h.atoms(sp.exp, *_HYPERBOLIC)) else [from_sympy(h, _X)]
        except (TermError, ValueError):
            continue
    return (found[0], forms) if forms else None


def _logs_joined(h: sp.Expr, expand: bool) -> sp.Expr:
    """The sum h with its terms k log(a) (k a non-zero integer) joined into one log of the product of the a^k
    (for a > 0), multiplied out where ``expand``: log(1 + u) - log(u) - 1/u is log(1 + 1/u) - 1/u, whose limit at
    oo the kernel's calculus resolves; log(1 + u^2) - 2 log(1 + u) is log((1 + u^2) (1 + u)^-2), a product the
    kernel's algebra takes apart again, and < 0 where (1 + u^2) (1 + u)^-2 < 1."""
    logs, rest = [], []
    for a in sp.Add.make_args(h):
        k, f = a.as_coeff_Mul()
        if isinstance(f, sp.log) and k.is_Integer:
            logs.append((k, f))
        else:
            rest.append(a)
    if len(logs) < 2:
        return h
    product = sp.Mul(*(f.args[0] ** k for k, f in logs), evaluate=not expand)
    return sp.Add(*rest, sp.log(sp.expand(product) if expand else product))


def proposed_form(build, e: sp.Expr) -> list:
    """[build()'s SymPy form as a kernel term] (a proposal: the kernel checks that it equals e), or [] where
    building it does not finish within a CPU second, gives e again or gives no kernel term."""
    ok, f = run_with_budget(build, 1.0)
    if not ok or f == e:
        return []
    try:
        return [from_sympy(f, _X)]
    except TermError:
        return []


def _roots_of_polynomials(e: sp.Expr) -> list:
    """The powers p^r in e of a polynomial p of x of degree >= 1 with r not an integer."""
    return [a for a in e.atoms(sp.Pow) if a.exp.is_Rational and not a.exp.is_Integer and a.base.is_polynomial(_X)
            and sp.degree(a.base, _X) >= 1]


def _root_form(e: sp.Expr, side: int) -> sp.Expr:
    """e with each p^r of :func:`_roots_of_polynomials` written (side x)^(k r) (p/x^k)^r, k the degree of p (x/sqrt(x^2
    + 1) at +oo is 1/sqrt(1 + x^-2): (p/x^k)^r tends to a constant); the rest of e is then a rational function
    of x, which :func:`_reciprocal_form` writes in powers of 1/x."""
    roots = _roots_of_polynomials(e)
    if not roots:
        return e
    held = {a: sp.Dummy("r") for a in roots}
    subs = {a: (side * _X) ** (sp.degree(a.base, _X) * a.exp) * held[a] for a in roots}
    rest = sp.cancel(e.xreplace(subs))
    return rest.xreplace({held[a]: sp.Pow(sp.expand(a.base / _X ** sp.degree(a.base, _X)), a.exp) for a in roots})


def _reciprocal_form(e: sp.Expr) -> sp.Expr:
    """A rational function of x as its polynomial part plus the rest in powers of 1/x ((x^3 + 1)/(x^2 + 1) =
    x + (1/x^2 - 1/x)/(1 + 1/x^2)); anything else unchanged."""
    if not e.is_rational_function(_X) or e.is_polynomial(_X):
        return e
    n, d = sp.fraction(sp.cancel(e))
    q, r = sp.div(n, d, _X)
    t = sp.Dummy("t")
    return q + sp.cancel((r / d).subs(_X, 1 / t)).subs(t, 1 / _X)


#: where a tail form looks at a term to tell which way it goes (search only)
_FAR = 64
#: erfc of an argument that tends to +oo, kept apart from SymPy's erfc(-u) = 2 - erfc(u) while a tail form is built
_SMALL_ERFC = sp.Function("small_erfc")


def tail_forms(t, side: int) -> list:
    """Equal forms of a smooth term on a ray toward side * oo in which every exponential decays there, so that
    interval arithmetic (with the kernel's joint enclosure of x^k exp(v), :func:`symact.kernel.evaluate.
    decay_image`) bounds it (proposals: the kernel checks the equality): log(... + e^a + ...) = a + log(... e^-a
    + ...) for the term that dominates there, tanh(u) = s (1 - e^(-2 s u))/(1 + e^(-2 s u)) and erf(u) =
    s (1 - erfc(s u)) with s the sign of u there, each e^(c v) written as Y^(-c s) with Y = e^(-s v) (s the sign
    of v there), then one quotient whose numerator and denominator are expanded, their common monomial factor
    pulled out (mish' on [8, oo): (4 x e^-2x + ... + 1)/(1 + 2 e^-x + 2 e^-2x)^2, not x (1 - tanh(log(e^x +
    1))^2) ... whose enclosure is [0, oo)); then the same with the top power of x pulled out of its sums
    (:func:`_leading`)."""
    try:
        e = to_sympy(t)
    except TermError:
        return []
    try:
        ok, f = run_with_budget(lambda: _tail_form(e, side), 1.0)
    except (ArithmeticError, ValueError, TypeError, RecursionError, BasePolynomialError):
        return []
    if not ok or f is None or f == e:
        return []
    out = []
    for g in (f, _leading(f)):  # the second, with x^k pulled out of the sums, only after the plain one
        try:
            out += [] if g is None else [from_sympy(g, _X)]
        except TermError:
            pass
    return out


def tail_candidate(t) -> bool:
    """Whether t holds what :func:`tail_forms` rewrites: a tanh, or a logarithm or a power of a sum with an
    exponential (softplus, 1/(1 + e^-x))."""
    if not isinstance(t, tuple):
        return False
    if t[0] == "fn" and t[1] in ("tanh", "erf", "erfc"):
        return True
    inside = t[2] if t[0] == "fn" and t[1] == "log" else t[1] if t[0] == "pow" else None
    if inside is not None and inside[0] == "add" and any(a[0] == "fn" and a[1] == "exp" for a in inside[1:]):
        return True
    return any(tail_candidate(a) for a in t[1:])


def _far_sign(v, side: int) -> int:
    """The sign of v far out toward side * oo (0: small there or not a real number)."""
    try:
        value = complex(v.subs(_X, side * _FAR).evalf(20))
    except (TypeError, ValueError, ArithmeticError):
        return 0
    return 1 if value.real > 1 else -1 if value.real < -1 else 0


def _tail_form(e, side: int):
    def pull(arg):
        terms = sp.Add.make_args(arg)
        try:
            lead = max(terms, key=lambda a: float(sp.log(abs(a.subs(_X, side * _FAR))).evalf()))
        except (TypeError, ValueError, ArithmeticError):
            return sp.log(arg)
        if not isinstance(lead, sp.exp):
            return sp.log(arg)
        return lead.args[0] + sp.log(sp.expand(arg * sp.exp(-lead.args[0])))

    def tanh(u):
        s = -1 if _far_sign(u, side) < 0 else 1
        w = sp.exp(-2 * s * u)
        return s * (1 - w) / (1 + w)

    def erf(u):  # erf(u) = 1 - erfc(u), or erfc(-u) - 1 where u -> -oo: the small erfc left (as _SMALL_ERFC,
        # which SymPy does not turn back into 2 - erfc(u))
        return _SMALL_ERFC(-u) - 1 if _far_sign(u, side) < 0 else 1 - _SMALL_ERFC(u)

    e = e.xreplace({n: pull(n.args[0]) for n in e.atoms(sp.log) if isinstance(n.args[0], sp.Add)})
    e = sp.expand_power_exp(e.replace(sp.tanh, tanh).replace(sp.erf, erf))
    e = e.replace(sp.erfc, lambda u: _SMALL_ERFC(u) if _far_sign(u, side) > 0 else 2 - _SMALL_ERFC(-u))
    bases, decaying = {}, {}
    for a in e.atoms(sp.exp):
        c, v = a.args[0].as_coeff_Mul()
        s = _far_sign(v, side)
        if s and c.is_Rational:
            y = bases.setdefault(s * v, sp.Dummy("Y", positive=True))
            decaying[a] = y ** (-c * s)  # e^(c v) = (e^(-s v))^(-c s)
    if not decaying and not e.has(_SMALL_ERFC):
        return None
    if _generator_degree(decaying.values()) > MAX_EXPANDED_DEGREE:
        return None  # cancel would write Y^(9999999999/10^10) as a polynomial of degree 10^10 in Y^(1/10^10)
    n, d = sp.fraction(sp.cancel(sp.together(e.xreplace(decaying))))
    out = (_expanded_factors(n) / _expanded_factors(d)).xreplace({y: sp.exp(-v) for v, y in bases.items()})
    return out.replace(_SMALL_ERFC, lambda u: sp.erfc(u, evaluate=False))


def _generator_degree(powers) -> int:
    """The degree that SymPy's polynomial arithmetic gives the powers Y^c (c rational) of each base Y, written
    in one generator Y^(1/q) with q the least common denominator of the c."""
    exponents = {}
    for p in powers:
        base, c = p.as_base_exp()
        exponents.setdefault(base, []).append(c)
    return max((math.lcm(*(int(c.q) for c in cs)) * max(abs(c) for c in cs) for cs in exponents.values()),
               default=0)


def _leading(f):
    """f with the top power of x pulled out of each sum among the factors of its numerator and denominator,
    x^k (c_k + c_(k-1) x^-1 + ...), or None when none has x to a positive power: far out the bracket tends to
    c_k (gelu_tanh'' on [8, oo): x^5 e^-2u times a bracket near 7.2e8 sqrt(pi), where the expanded numerator
    7.2e8 sqrt(pi) x^5 - 1.4e10 pi x^2 + ... is (-oo, oo) to interval arithmetic)."""
    def pull(p):
        if not p.is_Add:
            return p
        k = max(_x_power(t) for t in p.args)
        return _X ** k * sp.expand(p * _X ** -k, power_exp=False) if k > 0 else p

    out = f.func(*(pull(a) for a in f.args)) if f.is_Mul else pull(f)
    return None if out == f else out


def _x_power(t) -> int:
    """The power of x among the factors of a term (x^5 e^u: 5)."""
    return sum(int(a.exp) if a.is_Pow and a.base == _X and a.exp.is_Integer else 1 if a == _X else 0
               for a in sp.Mul.make_args(t))


def _expanded_factors(p):
    """p expanded, with the monomial and numeric factor common to its terms pulled out (Y e^x (...), not a full
    factorisation: factoring polynomials with coefficients like 10^324 takes seconds)."""
    return sp.factor_terms(sp.expand(p))

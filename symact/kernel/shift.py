"""A term read next to a rational point: h(y) = g(x0 + s/y) for y > 0, as a term in y (written x).

s = +1 reads g just right of x0, s = -1 just left of it: y -> +oo is x -> x0 from that side, so the limit calculus
at +oo (:mod:`symact.kernel.limits`) gives g's one-sided limits at x0, and an enclosure of h on a ray y >= R is one
of g on x0 + s (0, 1/R].  Every rewrite keeps the value and the domain at every y > 0 (one narrows the domain):

* a polynomial part P of g (rationals and x by sums, products and natural powers) becomes P(x0 + s z), z = 1/y,
  expanded exactly over Q (python-flint's ``fmpq_poly``) and written y^-m (a_m + a_(m+1) y^-1 + ...), a_m != 0,
  m the order of x0 as a zero of P: x^2 + 2x + 1 just left of -1 is y^-2;
* a product's powers of y are joined (y^a y^b = y^(a+b), as y > 0) and its rational constants multiplied;
* a power (y^k u)^q is y^(kq) u^q: y^k > 0, so u and y^k u have one sign and (y^k u)^q and u^q are defined for the
  same y, with that value; likewise log(y^k u) is k log(y) + log(u), both defined where u > 0;
* a real power b^e (``powt``) is exp(e log b): the same value where b > 0, and undefined where b <= 0, a domain no
  larger than the power's (a negative b with an integer e), so the reading concludes less there, never more.

So x sqrt(x) just right of 0 is y^-1 y^(-1/2) = y^(-3/2), where the calculus alone meets 0 * oo.
"""
from __future__ import annotations

from fractions import Fraction

from flint import fmpq_poly

from symact.kernel.sturm import fmpq_of, rational_of
from symact.kernel.terms import X, as_exp, constant_rational, exact_power, folded, has_x, num

#: the largest power (bits) of a rational constant that a power of a product folds
MAX_BITS = 10_000


def shifted(g, x0: Fraction, side: int):
    """h(y) = g(x0 + side/y) for y > 0 (see the module docstring)."""
    if not has_x(g):  # a constant: its exact value where rational (0^(3/2) is 0, smooth as a function of y)
        value = constant_rational(g)
        return g if value is None else num(value)
    polynomial = rational_of(g)
    if polynomial is not None and polynomial[1].degree() == 0:
        n, d = polynomial
        return _expanded(n(fmpq_poly([fmpq_of(x0), side])) / d)
    head = g[0]
    if head == "mul":
        return _product([shifted(a, x0, side) for a in g[1:]])
    if head == "pow":
        return _power(shifted(g[1], x0, side), g[2])
    if head == "fn" and g[1] == "log":
        return _log(shifted(g[2], x0, side))
    if head == "powt":
        return shifted(as_exp(g), x0, side)
    return tuple(shifted(a, x0, side) if isinstance(a, tuple) else a for a in g)


def _expanded(p: fmpq_poly):
    """The polynomial p in z = 1/y as y^-m (a_m + a_(m+1) y^-1 + ...)."""
    coefficients = [Fraction(int(c.p), int(c.q)) for c in p.coeffs()]
    if not any(coefficients):
        return num(0)
    m = next(k for k, c in enumerate(coefficients) if c)
    rest = folded("add", [_monomial(c, k - m) for k, c in enumerate(coefficients) if c and k >= m])
    return _product([_y(-m), rest])


def _monomial(c: Fraction, k: int):
    return folded("mul", [num(c), _y(-k)])


def _y(k) -> tuple:
    return num(1) if k == 0 else X if k == 1 else ("pow", X, Fraction(k))


def _y_exponent(a) -> Fraction | None:
    """k where the factor a is a power y^k of y (y itself: 1), else None."""
    return Fraction(1) if a == X else a[2] if a[0] == "pow" and a[1] == X else None


def _factors(t) -> list:
    return [b for a in t[1:] for b in _factors(a)] if t[0] == "mul" else [t]


def _product(parts: list):
    """The product of parts with its powers of y joined and its rational constants multiplied."""
    c, k, others = Fraction(1), Fraction(0), []
    for a in (b for p in parts for b in _factors(p)):
        e = _y_exponent(a)
        value = constant_rational(a) if e is None else None
        if e is not None:
            k += e
        elif value is not None:
            c *= value
        else:
            others.append(a)
    return _mul([num(c), _y(k), *others])


def _mul(factors: list):
    """The product of factors, the literal 1s left out; a literal 0 is kept with the others (their domain)."""
    factors = [a for a in factors if a != num(1)]
    return factors[0] if len(factors) == 1 else ("mul", *factors) if factors else num(1)


def _split(t) -> tuple:
    """(k, u) with t = y^k u, u the factors of the product t other than powers of y."""
    exponents = [(a, _y_exponent(a)) for a in _factors(t)]
    k = sum((e for _, e in exponents if e is not None), Fraction(0))
    return k, _mul([a for a, e in exponents if e is None])


def _log(arg):
    """log(arg) with arg's power of y taken out: log(y^k u) = k log(y) + log(u)."""
    k, rest = _split(arg)
    if not k:
        return ("fn", "log", arg)
    return folded("add", [_mul([num(k), ("fn", "log", X)]), *([] if rest == num(1) else [("fn", "log", rest)])])


def _power(base, q: Fraction):
    """base^q with base's power of y taken out: (y^k u)^q = y^(kq) u^q."""
    k, rest = _split(base)
    if not k:
        return ("pow", base, q)
    value = constant_rational(rest)
    folded_rest = None if value is None or value <= 0 else exact_power(value, q, MAX_BITS)
    return _product([_y(k * q), num(folded_rest) if folded_rest is not None else ("pow", rest, q)])

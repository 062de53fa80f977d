"""Terms: the kernel's own representation of real expressions in one variable x.

A term is a tuple whose first entry names its node; JSON certificates hold the same nodes as lists.

=============================  ==========================================================
``("x",)``                      the variable
``("num", Fraction)``           an exact rational
``("const", "pi" | "E")``       pi, Euler's number
``("add", t, ...)``             sum; ``("mul", t, ...)`` product
``("pow", t, Fraction)``        t ** q for a rational q (real-line semantics, see below)
``("powt", b, e)``              b ** e for an exponent that is not a rational number: exp(e log b) for b > 0
``("fn", name, t)``             one of :data:`FUNCTIONS` (exp, log, tanh, erf, ...)
``("abs", t)``, ``("sign", t)``  |t|, sign(t) (sign(0) = 0)
``("heaviside", t, Fraction)``  H(t), with H(0) the given value (SymPy's default 1/2)
``("max", t, ...)``, ``("min", t, ...)``
``("pw", (t, c), ...)``         the first branch whose condition c holds; undefined where none holds
``("deriv", t)``                d t / dx: defined only where the difference quotient converges
``("param", name)``             a quantified parameter: only in the claim of a ``forall`` certificate
                                (:mod:`symact.kernel.quantified`), never evaluated
``("dparam", name, t)``         d t / d name for a quantified parameter: as ``param``, only under ``forall``
=============================  ==========================================================

Conditions: ``("rel", op, a, b)`` with op in ``< <= > >= == !=``, ``("and", c, ...)``, ``("or", c, ...)``,
``("not", c)``, ``("true",)``, ``("false",)``.

Real-line semantics: a term is defined at x only where every part is: log needs a positive argument, t ** q
with a non-integer q needs t >= 0 (t > 0 when q < 0; odd roots of negative numbers are not taken), a negative
integer power needs t != 0, ``powt`` is proved defined only where b > 0 and called undefined only where b = 0
and e < 0 (0 to a negative power) or b < 0 and e is certainly not an integer (its value is that of ``pow`` where
e is rational), a Piecewise needs a true condition.

:func:`from_sympy` reads a SymPy formula *structurally*: it never simplifies, so ``x**2/x`` built without
evaluation stays a quotient whose denominator must be non-zero (claims: :mod:`symact.sympy_terms`).
"""
from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from symact.functions import REGISTRY

#: the one-argument functions the kernel knows (defined in :mod:`symact.functions`; the kernel's facts about
#: them live in :mod:`symact.kernel.functions`)
FUNCTIONS = tuple(f.name for f in REGISTRY.values() if f.kernel)
RELATIONS = ("<", "<=", ">", ">=", "==", "!=")
#: each relation with its sides swapped (a < b is b > a)
CONVERSE = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}

X = ("x",)
ZERO = ("num", Fraction(0))
ONE = ("num", Fraction(1))


class TermError(ValueError):
    """A malformed term, or a SymPy expression outside what the kernel reads."""


def num(q) -> tuple:
    return ("num", Fraction(q))


def add(*ts) -> tuple:
    return ("add", *ts)


def mul(*ts) -> tuple:
    return ("mul", *ts)


def neg(t) -> tuple:
    return ("mul", num(-1), t)


def sub(a, b) -> tuple:
    return ("add", a, neg(b))


def folded(head: str, args: list) -> tuple:
    """The sum (``head`` "add") or product ("mul") of args, the literal units (0, 1) left out, a product with a
    literal 0 folded to 0."""
    unit = ZERO if head == "add" else ONE
    if head == "mul" and ZERO in args:
        return ZERO
    args = [a for a in args if a != unit]
    return unit if not args else args[0] if len(args) == 1 else (head, *args)


def fn(name: str, t) -> tuple:
    return ("fn", name, t)


def power(t, q) -> tuple:
    return ("pow", t, Fraction(q))


def as_exp(t) -> tuple:
    """A real power ``("powt", b, e)`` as exp(e log b): the same value, defined where b > 0 (as the power is)."""
    return fn("exp", mul(t[2], fn("log", t[1])))


# -- JSON ---------------------------------------------------------------------------------------------------------

def to_json(t) -> Any:
    """The JSON of a term or a condition: the same node as a list, rationals written as :func:`rational_text`
    writes them, the (value, condition) branches of a Piecewise as pairs."""
    return [t[0], *(_json_argument(a) for a in t[1:])]


def _json_argument(a) -> Any:
    if isinstance(a, (int, Fraction)):
        return rational_text(Fraction(a))
    if isinstance(a, str):  # a function, constant or parameter name, a relation
        return a
    return [to_json(b) for b in a] if isinstance(a[0], tuple) else to_json(a)


def from_json(j: Any) -> tuple:
    """The term of its JSON (:data:`_TERMS`); a condition (``rel``, ``and``, ...) is no term
    (:func:`condition_from_json`)."""
    return _read(j, _TERMS, "term")


def condition_from_json(j: Any) -> tuple:
    """The condition of a Piecewise branch from its JSON: a relation between two terms, ``and``/``or``/``not``
    of conditions, ``true``, ``false`` (never a term: a term in a condition's place has no truth value)."""
    return _read(j, _CONDITIONS, "condition")


def _read(j: Any, shapes: dict, what: str) -> tuple:
    """The node of the JSON list j = [head, argument, ...] by ``shapes[head]``: a tuple with the reader of each
    argument, or one reader for one or more arguments read alike; TermError for any other JSON."""
    if not isinstance(j, list) or not j or not isinstance(j[0], str) or j[0] not in shapes:
        raise TermError(f"not a {what}: {j!r}")
    head, rest, shape = j[0], j[1:], shapes[j[0]]
    if callable(shape):
        shape = (shape,) * max(len(rest), 1)
    if len(shape) != len(rest):
        raise TermError(f"not a {what}: {j!r}")
    return (head, *(read(a) for read, a in zip(shape, rest)))


def _name(s: Any) -> str:
    """A parameter's name (an identifier)."""
    if not (isinstance(s, str) and s.isidentifier()):
        raise TermError(f"not a name: {s!r}")
    return s


def _one_of(options: tuple):
    """The reader of a string that is one of ``options`` (a function, a constant, a relation)."""
    def read(s: Any) -> str:
        if not (isinstance(s, str) and s in options):
            raise TermError(f"unknown name {s!r}")
        return s
    return read


def _branch(b: Any) -> tuple:
    """A Piecewise branch [value, condition]."""
    if not (isinstance(b, list) and len(b) == 2):
        raise TermError(f"not a Piecewise branch: {b!r}")
    return from_json(b[0]), condition_from_json(b[1])


def subterms(t):
    """The nodes of the term t (tuples, or the lists of JSON terms), t first."""
    yield t
    for a in t:
        if isinstance(a, (tuple, list)):
            yield from subterms(a)


def occurs(t, test) -> bool:
    """Whether a node of the term t passes the test."""
    return any(map(test, subterms(t)))


def has_param(t) -> bool:
    """Whether a quantified parameter occurs in t (no rule but ``forall``'s reads such a term)."""
    return occurs(t, lambda u: u[0] in ("param", "dparam"))


def has_x(t) -> bool:
    """Whether the variable x occurs in t."""
    return occurs(t, lambda u: u == X)


def polynomial(t) -> bool:
    """Whether the term t is a polynomial in x by its syntax (rationals and x by +, * and powers with natural
    exponents): defined at every real x."""
    if t[0] in ("x", "num"):
        return True
    if t[0] == "pow":
        return t[2].denominator == 1 and t[2] >= 0 and polynomial(t[1])
    return t[0] in ("add", "mul") and all(polynomial(a) for a in t[1:])


def rational_text(q: Fraction) -> str:
    """'p' or 'p/q': how certificates write a rational."""
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


#: the most digits of the numerator or the denominator of a rational in a certificate (Python writes no integer
#: of more than 4300 digits, and a number written with an exponent, '1e100000000', takes minutes to build)
MAX_DIGITS = 4000
_RATIONAL = re.compile(r"-?(\d+)(?:/(0*[1-9]\d*))?")  # no denominator 0


def parse_rational(s: Any) -> Fraction:
    """An exact rational from a string 'p' or 'p/q', as :func:`rational_text` writes it (no floats: they would be
    rounded; no exponents; at most :data:`MAX_DIGITS` digits each)."""
    if not isinstance(s, str):
        raise TermError(f"a rational must be written as a string 'p/q', got {s!r}")
    found = _RATIONAL.fullmatch(s)
    if found is None or any(len(part or "") > MAX_DIGITS for part in found.groups()):
        raise TermError(f"not a rational p/q (q != 0) of at most {MAX_DIGITS} digits each: {s[:40]!r}")
    return Fraction(s)


#: each node of a term: how its arguments are read (see :func:`_read`)
_TERMS = {"x": (), "num": (parse_rational,), "const": (_one_of(("pi", "E")),), "param": (_name,),
          "dparam": (_name, from_json), "pow": (from_json, parse_rational), "heaviside": (from_json, parse_rational),
          "fn": (_one_of(FUNCTIONS), from_json), "powt": (from_json, from_json), "abs": (from_json,),
          "sign": (from_json,), "deriv": (from_json,), "add": from_json, "mul": from_json, "max": from_json,
          "min": from_json, "pw": _branch}
#: each node of a condition: how its arguments are read
_CONDITIONS = {"true": (), "false": (), "rel": (_one_of(RELATIONS), from_json, from_json), "not": (condition_from_json,),
               "and": condition_from_json, "or": condition_from_json}


def number_text(q: Fraction) -> str:
    """A rational the kernel computed, for a message: exact ('p/q') when it is short, else a decimal enclosure
    (an exact power such as 123456789**1000 has more digits than Python writes)."""
    if max(abs(q.numerator), q.denominator).bit_length() <= 256:
        return rational_text(q)
    from flint import arb

    digits = max(abs(q.numerator), q.denominator).bit_length() * 30103 // 100000 + 1
    return f"{(arb(q.numerator) / q.denominator).str(17, radius=False)} (written rounded: an exact rational of ~{digits} digits)"


# -- SymPy, read structurally ----------------------------------------------------------------------------------------

def from_sympy(e, var, extra=None) -> tuple:
    """The term of a SymPy formula in the symbol ``var`` (a function record's formula, a polynomial factor), node
    for node (no simplification).  ``extra(e, read)`` reads the nodes the kernel's own formulas never hold (None
    for the others; ``read`` reads a sub-expression): claims use :func:`symact.sympy_terms.from_sympy`."""
    import sympy as sp

    def read(a):
        return from_sympy(a, var, extra)

    if e == var:
        return X
    t = None if extra is None else extra(e, read)
    if t is not None:
        return t
    if e.is_Rational:
        return ("num", Fraction(int(e.p), int(e.q)))
    if e is sp.pi or e is sp.E:
        return ("const", "pi" if e is sp.pi else "E")
    if isinstance(e, (sp.Add, sp.Mul)):
        return ("add" if isinstance(e, sp.Add) else "mul",) + tuple(read(a) for a in e.args)
    if isinstance(e, sp.Pow):
        base, exp = e.args
        if exp.is_Rational:
            return ("pow", read(base), Fraction(int(exp.p), int(exp.q)))
        if base is sp.E:
            return ("fn", "exp", read(exp))
        exponent = read(exp)
        q = constant_rational(exponent)
        if q is not None and max(abs(q.numerator), q.denominator) <= MAX_FOLDED_EXPONENT:
            # an exponent written as a rational computation: x**(4/2) is x**2, not a real power
            return ("pow", read(base), q)
        return ("powt", read(base), exponent)
    if isinstance(e, sp.Abs):
        return ("abs", read(e.args[0]))
    name = _SYMPY_FUNCTIONS.get(type(e).__name__)
    if name is not None and len(e.args) == 1:
        return ("fn", name, read(e.args[0]))
    raise TermError(f"the kernel does not know {type(e).__name__}")


_SYMPY_FUNCTIONS = {f.head.__name__: f.name for f in REGISTRY.values() if f.kernel}


def show(t) -> str:
    """A plain-text rendering (for messages and derivations)."""
    head = t[0]
    if head in ("x", "true", "false"):
        return head
    if head == "num":
        return rational_text(t[1]) if t[1] >= 0 else f"({rational_text(t[1])})"
    if head in ("const", "param"):
        return t[1]
    if head in ("add", "mul"):
        return "(" + " + ".join(map(show, t[1:])) + ")" if head == "add" else "*".join(map(show, t[1:]))
    if head in ("pow", "powt"):
        base = f"({show(t[1])})" if t[1][0] in ("mul", "pow", "powt") else show(t[1])
        return f"{base}**({rational_text(t[2])})" if head == "pow" else f"{base}**{show(t[2])}"
    if head == "fn":
        return f"{t[1]}({show(t[2])})"
    if head == "heaviside":
        return f"Heaviside({show(t[1])}, {rational_text(t[2])})"
    if head == "rel":
        return f"{show(t[2])} {t[1]} {show(t[3])}"
    if head == "pw":
        return "Piecewise(" + ", ".join(f"({show(e)}, {show(c)})" for e, c in t[1:]) + ")"
    if head in ("deriv", "dparam"):
        return f"d/dx[{show(t[1])}]" if head == "deriv" else f"d/d{t[1]}[{show(t[2])}]"
    return f"{head}(" + ", ".join(show(a) for a in t[1:]) + ")"


def at(t, u):
    """t with the term u in place of x."""
    if t == X:
        return u
    return tuple(at(a, u) if isinstance(a, tuple) else a for a in t)


def linear_split(u):
    """``u = slope*x + rest``, read off the syntax (rational constants such as ``2**-1`` are evaluated): (slope,
    rest) with rest None when it is 0."""
    if u == X:
        return Fraction(1), None
    q = constant_rational(u)
    if q is not None:
        return Fraction(0), None if q == 0 else u
    scale, v = scaled(u)
    if v is not u:
        slope, rest = linear_split(v)
        return slope * scale, None if rest is None or scale == 0 else rest if scale == 1 else mul(num(scale), rest)
    if u[0] == "add":
        parts = [linear_split(a) for a in u[1:]]
        rests = [r for _, r in parts if r is not None]  # never the literal 0, which folded would leave out
        return sum((s for s, _ in parts), Fraction(0)), folded("add", rests) if rests else None
    return Fraction(0), u


def scaled(t) -> tuple:
    """(c, u) when t is a product of rational constants and one other factor u, c the constants' product (read off
    the syntax, as :func:`constant_rational` evaluates them); else (1, t)."""
    if t[0] == "mul":
        consts = [constant_rational(a) for a in t[1:]]
        others = [a for a, c in zip(t[1:], consts) if c is None]
        if len(others) == 1:
            return math.prod(c for c in consts if c is not None), others[0]
    return Fraction(1), t


def affine(u):
    """(slope, intercept) when u is slope*x + intercept with rational coefficients (read off the syntax)."""
    slope, rest = linear_split(u)
    if rest is None:
        return slope, Fraction(0)
    intercept = constant_rational(rest)
    return None if intercept is None else (slope, intercept)


#: the largest exponent (numerator and denominator) a power is folded into, and the largest power (bits of numerator
#: and denominator) :func:`constant_rational` computes
MAX_FOLDED_EXPONENT = 1000
MAX_FOLDED_BITS = 10_000


def constant_rational(t) -> Fraction | None:
    """The exact value of a constant term built from rationals by +, *, integer powers and exact rational roots
    (``2*1/2 + 1``, ``2**2``, ``sqrt(4)``), or None (another node, a division by 0, a result too large to
    compute, or an irrational root)."""
    head = t[0]
    if head == "num":
        return t[1]
    if head in ("add", "mul"):
        values = []
        for a in t[1:]:  # the first part that is not a rational constant settles it
            values.append(constant_rational(a))
            if values[-1] is None:
                return None
        return (sum if head == "add" else math.prod)(values, start=Fraction(head == "mul"))
    if head == "pow":
        base, q = constant_rational(t[1]), t[2]
        if base is None or max(abs(q.numerator), q.denominator) > MAX_FOLDED_EXPONENT:
            return None
        return exact_power(base, q, MAX_FOLDED_BITS)
    return None


def exact_power(base: Fraction, q: Fraction, max_bits: int) -> Fraction | None:
    """base^q exactly, or None: where it is undefined (0 to a negative power, a non-integer power of a negative
    number), irrational, or would take more than ``max_bits`` bits (those of base times |numerator of q|)."""
    if (base.numerator.bit_length() + base.denominator.bit_length()) * abs(q.numerator) > max_bits \
            or (base == 0 and q < 0):
        return None
    if q.denominator == 1:
        return base ** q.numerator
    return rational_power(base, q) if base >= 0 else None


def rational_power(q: Fraction, r: Fraction) -> Fraction | None:
    """q^r for a rational q >= 0 when it is rational, else None: r = p/n, and q^(1/n) is rational exactly when the
    numerator and the denominator of q have exact integer n-th roots (SymPy's ``integer_nthroot``)."""
    from sympy import integer_nthroot

    (a, exact_a), (b, exact_b) = (integer_nthroot(k, r.denominator) for k in (q.numerator, q.denominator))
    return Fraction(int(a), int(b)) ** r.numerator if exact_a and exact_b else None

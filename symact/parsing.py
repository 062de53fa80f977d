"""The one restricted parser for user text: ``--expr``, ``symact check "..."`` and ``--param`` values.

User text is never evaluated as Python.  It is parsed with :func:`ast.parse` (mode ``'eval'``) and the tree is
walked against a whitelist of node types; SymPy objects are built directly from the nodes.  Anything outside
the whitelist is rejected with a one-line :class:`~symact.errors.ExpressionError` that names the problem and
its column.

Public API
----------
``parse_number(text, what)``
    An exact real constant ("0.2" -> 1/5, "1/3", "-sqrt(2)/2", "log(2)", "1e-3").  Errors:
    :class:`~symact.errors.ParameterError`.
``parse_expression(text, variables=("x",))``
    An expression in the given real variables (``x`` is :data:`symact.catalog.X`): arithmetic, ``pi``, ``E``,
    ``oo``/``inf``, whitelisted functions, ``Piecewise``, ``diff`` and every scalar catalog activation as a
    function, e.g. ``leaky_relu(x, alpha=0.1)``.
``parse_claim(text, variables=("x",))``
    Exactly one comparison (``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``) between two expressions: a
    :class:`Claim`; or a limit claim ``limit(EXPR, x, oo) == 1`` (at ``oo`` or ``-oo``, compared with a number,
    or with ``oo``/``-oo`` by ``==``).
``parse_param(text)``
    ``"alpha=0.2"`` -> ``("alpha", "0.2")`` (the value is validated later by ``Param.validate``).

Decimal literals are converted exactly from their source text (``0.28`` is 7/25, never the nearest double).
Name resolution for calls: the SymPy function names below first (exact spelling), then the catalog
(case-insensitive, aliases included).  Note that ``Heaviside(x)`` is SymPy's step with H(0) = 1/2 (or
``Heaviside(x, h0)``), while ``heaviside(x)`` is the catalog's ``binary_step`` with value 1 at 0.

Resource limits (so that no input can hang the parser): text of at most 2000 characters, nesting of at most
60 levels, integer literals of at most 10**100, decimal literals of at most 100 significant digits times
10**-1000 .. 10**1000 (``1e-300`` is 10**-300 exactly, as ``10**(-300)`` is), numeric exponents of absolute value
at most 1000, exact numbers of at most 10000 bits, derivative order at most 10 per ``diff`` and 20 in all (and no
further derivative of an expression of more than 2500 nodes), and at most 32 arguments to ``Max``/``Min`` in all.
"""
from __future__ import annotations

import ast
import difflib
import re
import warnings
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Callable, Sequence

import sympy as sp

from symact.errors import ExpressionError, ParameterError
from symact.functions import REGISTRY
from symact.kernel.terms import CONVERSE
from symact.logic import parse_logic, states_logic
from symact.sized import declares, parse_sized

#: CPU seconds SymPy may take to build a piecewise activation of a piecewise argument
NESTING_SECONDS = 5.0

__all__ = ["Claim", "ExpressionTypeError", "as_expression", "parse_claim", "parse_expression", "parse_number",
           "parse_param",
           "MAX_LENGTH", "MAX_DEPTH"]

MAX_LENGTH = 2000
MAX_DEPTH = 60
MAX_LITERAL = 10**100
MAX_EXPONENT = 1000
MAX_BITS = 10_000          # exact numbers larger than this are refused (Python prints at most 4300 digits)
MAX_ROOT_BITS = 2_000      # non-integer powers of numbers larger than this are slow to simplify
MAX_DIFF_ORDER = 10
MAX_TOTAL_DIFF_ORDER = 20
MAX_DIFF_NODES = 2_500     # no further derivative of an expression larger than this (each step grows it ~5x)
MAX_MINMAX_ARGS = 32


class ExpressionTypeError(ExpressionError, TypeError):
    """The parser was given something that is not text."""


# -- what is allowed -------------------------------------------------------------------------------------------

#: name -> (SymPy callable, minimum arguments, maximum arguments or None for any): the special functions of
#: :mod:`symact.functions` under each of their parser names, and the structural ones
_FUNCTIONS: dict[str, tuple[Callable[..., Any], int, int | None]] = {
    **{name: (f.build, 1, 1) for f in REGISTRY.values() for name in f.parse},
    "Abs": (sp.Abs, 1, 1),
    "abs": (sp.Abs, 1, 1),
    "Max": (sp.Max, 1, None),
    "max": (sp.Max, 1, None),
    "Min": (sp.Min, 1, None),
    "min": (sp.Min, 1, None),
    "sign": (sp.sign, 1, 1),
    "Heaviside": (sp.Heaviside, 1, 2),
}
#: the functions :func:`parse_number` accepts
_NUMBER_FUNCTIONS = frozenset({"sqrt", "exp", "log"})
_CONDITION_FUNCTIONS = {"And": sp.And, "Or": sp.Or, "Not": sp.Not}
_SPECIAL_FUNCTIONS = ("Piecewise", "diff")
_CONSTANTS: dict[str, sp.Expr] = {"pi": sp.pi, "E": sp.E, "oo": sp.oo, "inf": sp.oo}
_FINITE_CONSTANTS = ("pi", "E")

_COMPARE_OPS: dict[type, str] = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
                                 ast.GtE: ">="}
_NOT_COMPARISONS: dict[type, str] = {ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
_RELATIONS: dict[str, Callable[[Any, Any], Any]] = {"==": sp.Eq, "!=": sp.Ne, "<": sp.Lt, "<=": sp.Le,
                                                     ">": sp.Gt, ">=": sp.Ge}

#: why a node type is refused (anything not listed here or handled below is refused generically)
_REFUSED: dict[type, str] = {
    ast.Attribute: "attribute access ('.name') is not allowed",
    ast.Subscript: "subscripts ('[...]') are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "generator expressions are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.Starred: "starred arguments ('*args') are not allowed",
    ast.NamedExpr: "':=' is not allowed",
    ast.IfExp: "'a if c else b' is not allowed; write Piecewise((a, c), (b, True))",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.Set: "sets are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are only allowed as Piecewise((value, condition), ...) pairs",
    ast.Slice: "slices are not allowed",
}

_BINARY_REFUSED: dict[type, str] = {
    ast.BitXor: "'^' is not a power here; write x**2",
    ast.BitAnd: "'&' combines conditions (inside Piecewise) and binds tighter than comparisons: "
                "write (x > 0) & (x < 1)",
    ast.BitOr: "'|' combines conditions (inside Piecewise) and binds tighter than comparisons: "
               "write (x < 0) | (x > 1)",
    ast.Mod: "'%' is not allowed",
    ast.FloorDiv: "'//' (floor division) is not allowed; use '/'",
    ast.MatMult: "'@' is not allowed",
    ast.LShift: "'<<' is not allowed",
    ast.RShift: "'>>' is not allowed",
}

_DECIMAL = re.compile(r"^(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d+))?$")


# -- small helpers -----------------------------------------------------------------------------------------------

def _suggest(name: str, candidates: Sequence[str]) -> str:
    lower: dict[str, str] = {}
    for c in candidates:
        lower.setdefault(c.lower(), c)
    close = difflib.get_close_matches(name.lower(), list(lower), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(lower[c] for c in close)}?" if close else ""


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise ExpressionTypeError(f"expected text (str), got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"input is too long ({len(text)} characters; at most {MAX_LENGTH})")
    if not text.strip():
        raise ExpressionError("empty input")
    if "#" in text:   # Python would drop the rest as a comment, while a domain after it ('for x > 0') was read
        raise ExpressionError(f"'#' is not allowed (a comment is not read) (column {text.index('#') + 1})")
    lookalike = _lookalike(text)
    if lookalike:
        raise ExpressionError(lookalike)
    return text


#: characters of other scripts drawn like an ASCII one (fullwidth and mathematical letters and digits are found
#: by their Unicode decomposition instead)
_CONFUSABLE = dict(zip(
    "авеіјкмнорстухѕԁԛԝ"
    "АВЕІЈКМНОРСТХЅ"
    "ονικρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"
    "‐‑‒–—∗∕ ",
    "aBeijkMHopcTyxsdqw"
    "ABEIJKMHOPCTXS"
    "ovikpABEZHIKMNOPTYX"
    "-----*/ "))


def _lookalike(text: str) -> str | None:
    """The message naming the first character of ``text`` that looks like an ASCII one but is not (a Cyrillic
    'е', a Greek omicron, a fullwidth digit, an en dash), or None.  The minus sign U+2212 is read as '-'."""
    import unicodedata

    for column, ch in enumerate(text, start=1):
        if ch.isascii() or ch == "\u2212":
            continue
        ascii_form = _CONFUSABLE.get(ch)
        if ascii_form is None and unicodedata.decomposition(ch).startswith(("<wide>", "<font>")):
            ascii_form = unicodedata.normalize("NFKC", ch)
        if ascii_form is None or len(ascii_form) != 1 or not ascii_form.isascii():
            continue
        kind = "Latin " if ascii_form.isalpha() else ""
        name = unicodedata.name(ch, "unnamed character")
        return (f"{ch!r} (U+{ord(ch):04X} {name}) looks like {kind}{ascii_form!r} but is not ASCII (column "
                f"{column}); type {ascii_form!r} instead")
    return None


def _bits(value: sp.Expr) -> int:
    """The size in bits of the largest exact rational inside ``value``."""
    if isinstance(value, sp.Rational):
        return max(int(value.p).bit_length(), int(value.q).bit_length())
    best = 0
    for atom in value.atoms(sp.Rational):
        best = max(best, int(atom.p).bit_length(), int(atom.q).bit_length())
    return best


def _decimal(text: str) -> sp.Rational | None:
    """The exact value of a decimal literal's source text (``"0.28"`` -> 7/25, ``"1e-300"`` -> 10**-300).

    None if the text is not a decimal literal, or it has more than 100 significant digits (its significand, the
    digits without leading and trailing zeros, above 10**100), or its value is that significand times a power
    of ten beyond 10**+-1000 (the bound of a numeric exponent): checked before any power of ten is built.
    """
    match = _DECIMAL.match(text.replace("_", "").strip())
    if not match or not (match.group("int") or match.group("frac")):
        return None
    digits = ((match.group("int") or "") + (match.group("frac") or "")).lstrip("0")
    if not digits:
        return sp.Integer(0)
    significand = digits.rstrip("0")
    exp_text = match.group("exp") or "0"
    if len(exp_text.lstrip("+-0")) > 6:  # a huge exponent, not converted to an int at all
        return None
    exponent = int(exp_text) - len(match.group("frac") or "") + len(digits) - len(significand)
    if int(significand) > MAX_LITERAL or abs(exponent) > MAX_EXPONENT:
        return None
    return sp.Integer(int(significand)) * sp.Integer(10) ** exponent


# -- the tree walker -----------------------------------------------------------------------------------------------

class _Builder:
    """Build a SymPy object from a whitelisted :mod:`ast` tree of ``source``."""

    def __init__(self, source: str, variables: Sequence[str] = (), number_only: bool = False, lead: int = 0,
                 structural: bool = False, values: dict[str, sp.Expr] | None = None):
        self.source = source
        self.structural = structural  # keep derivatives unevaluated (build under sympy.evaluate(False))
        self.lead = lead  # characters of leading whitespace stripped off the user's text
        self.lines = source.splitlines(keepends=True) or [source]
        self.number_only = number_only
        self.variables = self._variables(variables)
        self.variables.update(values or {})  # a quantified parameter at one value (an instance of the claim)
        self.diff_order = 0
        self.minmax_args = 0

    # where and what ----------------------------------------------------------------------------------
    def where(self, node: ast.AST) -> str:
        lineno = getattr(node, "lineno", None)
        col = getattr(node, "col_offset", None)
        if lineno is None or col is None:
            return ""
        line = self.lines[lineno - 1] if 0 < lineno <= len(self.lines) else ""
        char_col = len(line.encode("utf-8")[:col].decode("utf-8", "replace")) + 1
        return _location(lineno, char_col, self.lead, len(self.lines) > 1)

    def fail(self, node: ast.AST, message: str) -> ExpressionError:
        return ExpressionError(message + self.where(node))

    def segment(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or ""

    def _variables(self, variables: Sequence[str]) -> dict[str, sp.Symbol]:
        from symact.catalog.registry import X

        if isinstance(variables, str):
            variables = (variables,)
        out: dict[str, sp.Symbol] = {}
        for name in variables:
            if not isinstance(name, str) or not name.isidentifier():
                raise ExpressionError(f"invalid variable name {name!r}")
            if name in _CONSTANTS or name in _FUNCTIONS or name in _CONDITION_FUNCTIONS or name in (
                    "True", "False", *_SPECIAL_FUNCTIONS):
                raise ExpressionError(f"variable name {name!r} is reserved")
            out[name] = X if name == "x" else sp.Symbol(name, real=True)
        return out

    def allowed_names(self) -> list[str]:
        constants = _FINITE_CONSTANTS if self.number_only else tuple(_CONSTANTS)
        return [*self.variables, *constants]

    def allowed_functions(self) -> list[str]:
        if self.number_only:
            return sorted(_NUMBER_FUNCTIONS)
        from symact import catalog

        return [*_FUNCTIONS, *_SPECIAL_FUNCTIONS, *catalog.all_names()]

    def sympy(self, node: ast.AST, build: Callable[[], Any]) -> Any:
        """Run a SymPy constructor, turning its exceptions into a located ExpressionError."""
        try:
            if self.structural:
                with sp.evaluate(False):
                    return build()
            return build()
        except (ExpressionError, ParameterError):
            raise
        except RecursionError:
            raise self.fail(node, "expression is too deeply nested") from None
        except (TypeError, ValueError, ArithmeticError, AttributeError, NotImplementedError, LookupError) as exc:
            # LookupError: SymPy's Piecewise fails so on a condition without symbols (binary_step(binary_step(0)))
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise self.fail(node, f"cannot build {self.segment(node)[:60]!r}: {detail}") from None

    # expressions ---------------------------------------------------------------------------------------
    def expr(self, node: ast.AST, depth: int = 0) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression is nested too deeply (more than {MAX_DEPTH} levels)")
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                operand = self.expr(node.operand, depth + 1)
                return self.sympy(node, lambda: -operand)
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand, depth + 1)
            raise self.fail(node, "'~' and 'not' apply to conditions, which are only allowed inside Piecewise")
        if isinstance(node, ast.BinOp):
            return self.binary_chain(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Compare):
            raise self.fail(node, "a comparison is not a value here (claims take exactly one comparison; "
                                  "conditions belong inside Piecewise)")
        if isinstance(node, ast.BoolOp):
            raise self.fail(node, "'and'/'or' combine conditions, which are only allowed inside Piecewise")
        raise self.fail(node, _REFUSED.get(type(node), f"{type(node).__name__} is not allowed"))

    def constant(self, node: ast.Constant) -> sp.Expr:
        value = node.value
        if isinstance(value, bool):
            raise self.fail(node, f"{value} is only allowed as a Piecewise condition")
        if isinstance(value, int):
            if abs(value) > MAX_LITERAL:
                raise self.fail(node, "integer literal is too large (at most 10**100)")
            return sp.Integer(value)
        if isinstance(value, float):
            exact = _decimal(self.segment(node))
            if exact is None:
                raise self.fail(node, f"number literal {self.segment(node)[:40]!r} is too large, too small or has "
                                      f"too many digits (at most 100 significant digits, times a power of ten "
                                      f"of at most {MAX_EXPONENT} in absolute value)")
            return exact
        if isinstance(value, complex):
            raise self.fail(node, "complex numbers are not allowed")
        if isinstance(value, (str, bytes)):
            raise self.fail(node, "strings are not allowed")
        raise self.fail(node, f"{value!r} is not allowed")

    def name(self, node: ast.Name) -> sp.Expr:
        ident = node.id
        if ident in self.variables:
            return self.variables[ident]
        if ident in _CONSTANTS:
            if not self.number_only or ident in _FINITE_CONSTANTS:
                return _CONSTANTS[ident]
            raise self.fail(node, f"{ident!r} (infinity) is not allowed; a finite number is needed")
        if ident in _FUNCTIONS or ident in _CONDITION_FUNCTIONS or ident in _SPECIAL_FUNCTIONS or (
                not self.number_only and self.is_activation(ident)):
            raise self.fail(node, f"{ident!r} is a function; call it, e.g. {ident}(x)")
        if ident.lower() == "nan":
            raise self.fail(node, f"{ident!r} (not a number) is not allowed; a real number is needed")
        allowed = self.allowed_names()
        hint = _suggest(ident, allowed) or f"; allowed names: {', '.join(allowed)}"
        raise self.fail(node, f"unknown name {ident!r}{hint}")

    @staticmethod
    def is_activation(ident: str) -> bool:
        from symact import catalog

        try:
            catalog.get(ident)
        except KeyError:
            return False
        return True

    def binary_chain(self, node: ast.BinOp, depth: int) -> sp.Expr:
        # Left-associative chains (a + b - c + ...) count as one level, so long sums are not "deep".
        spine: list[ast.BinOp] = []
        current: ast.AST = node
        while isinstance(current, ast.BinOp) and not isinstance(current.op, ast.Pow):
            spine.append(current)
            current = current.left
        if isinstance(current, ast.BinOp):  # a power at the bottom of the chain (or the node itself)
            result = self.power(current, depth + 1)
        else:
            result = self.expr(current, depth + 1)
        for link in reversed(spine):
            if type(link.op) in _BINARY_REFUSED:
                raise self.fail(link, _BINARY_REFUSED[type(link.op)])
            right = self.expr(link.right, depth + 1)
            result = self.arithmetic(link, result, right)
        return result

    def arithmetic(self, node: ast.BinOp, left: sp.Expr, right: sp.Expr) -> sp.Expr:
        op = node.op
        if isinstance(op, ast.Add):
            result = self.sympy(node, lambda: left + right)
        elif isinstance(op, ast.Sub):
            result = self.sympy(node, lambda: left - right)
        elif isinstance(op, ast.Mult):
            result = self.sympy(node, lambda: left * right)
        elif isinstance(op, ast.Div):
            result = self.sympy(node, lambda: left / right)
        else:  # pragma: no cover - the chain only holds the operators above
            raise self.fail(node, f"{type(op).__name__} is not allowed")
        self.check_size(node, result.args[0] if isinstance(result, (sp.Add, sp.Mul)) else result)
        return result

    def check_size(self, node: ast.AST, value: sp.Expr) -> None:
        if _bits(value) > MAX_BITS:
            raise self.fail(node, f"number is too large (more than {MAX_BITS} bits)")

    def power(self, node: ast.BinOp, depth: int) -> sp.Expr:
        base = self.expr(node.left, depth + 1)
        exponent = self.expr(node.right, depth + 1)
        return self.checked_power(node, base, exponent)

    def checked_power(self, node: ast.AST, base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
        if isinstance(exponent, sp.Rational):
            if abs(exponent) > MAX_EXPONENT:
                raise self.fail(node, f"exponent {exponent} is too large (at most {MAX_EXPONENT} in absolute value)")
            size = _bits(base)
            if size * max(1, abs(exponent)) > MAX_BITS:
                raise self.fail(node, f"power is too large (more than {MAX_BITS} bits)")
            if not exponent.is_integer and size > MAX_ROOT_BITS:
                raise self.fail(node, f"root of a number with more than {MAX_ROOT_BITS} bits is not allowed")
        return self.sympy(node, lambda: base ** exponent)

    # calls -------------------------------------------------------------------------------------------
    def call(self, node: ast.Call, depth: int) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            if isinstance(node.func, ast.Attribute):
                raise self.fail(node.func, _REFUSED[ast.Attribute])
            raise self.fail(node, "only named functions can be called, e.g. exp(x)")
        fname = node.func.id
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, _REFUSED[ast.Starred])
        seen: set[str] = set()
        for kw in node.keywords:
            if kw.arg is None:
                raise self.fail(kw.value, "'**' arguments are not allowed")
            if kw.arg in seen:
                raise self.fail(kw.value, f"keyword {kw.arg!r} given twice")
            seen.add(kw.arg)
        if self.number_only:
            if fname not in _NUMBER_FUNCTIONS:
                raise self.fail(node, f"function {fname!r} is not allowed in a number"
                                      f"{_suggest(fname, sorted(_NUMBER_FUNCTIONS))}")
            return self.function(node, fname, depth)
        if fname == "Piecewise":
            return self.piecewise(node, depth)
        if fname == "diff":
            return self.derivative(node, depth)
        if fname in _FUNCTIONS:
            return self.function(node, fname, depth)
        if fname in _CONDITION_FUNCTIONS:
            raise self.fail(node, f"{fname}(...) builds a condition, which is only allowed inside Piecewise")
        return self.activation(node, fname, depth)

    def no_keywords(self, node: ast.Call, fname: str) -> None:
        if node.keywords:
            raise self.fail(node.keywords[0].value, f"{fname}() takes no keyword arguments "
                                                    f"(got {node.keywords[0].arg!r})")

    def arity(self, node: ast.Call, fname: str, low: int, high: int | None) -> None:
        count = len(node.args)
        if count < low or (high is not None and count > high):
            want = str(low) if high == low else (f"{low} or more" if high is None else f"{low} to {high}")
            raise self.fail(node, f"{fname}() takes {want} argument{'s' if want != '1' else ''}, got {count}")

    def function(self, node: ast.Call, fname: str, depth: int) -> sp.Expr:
        func, low, high = _FUNCTIONS[fname]
        self.no_keywords(node, fname)
        self.arity(node, fname, low, high)
        if func in (sp.Max, sp.Min):
            self.minmax_args += len(node.args)
            if self.minmax_args > MAX_MINMAX_ARGS:
                raise self.fail(node, f"too many Max/Min arguments (at most {MAX_MINMAX_ARGS} in all)")
        args = [self.expr(arg, depth + 1) for arg in node.args]
        if func is sp.sqrt:
            return self.checked_power(node, args[0], sp.Rational(1, 2))
        if func is sp.Heaviside and len(args) == 2 and args[1].free_symbols:
            raise self.fail(node.args[1], "the value of Heaviside at 0 must be a number")
        return self.sympy(node, lambda: func(*args))

    def activation(self, node: ast.Call, fname: str, depth: int) -> sp.Expr:
        from symact import catalog

        try:
            entry = catalog.get(fname)
        except KeyError:
            raise self.fail(node.func, f"unknown function {fname!r}"
                                       f"{_suggest(fname, self.allowed_functions())}") from None
        if not isinstance(entry, catalog.Activation):
            raise self.fail(node, f"{entry.name} is a vector activation (it needs n inputs) and cannot be "
                                  f"used in a scalar expression")
        if len(node.args) != 1:
            example = f"{fname}(x, {entry.params[0].name}=...)" if entry.params else f"{fname}(x)"
            raise self.fail(node, f"{fname}() takes one argument (parameters go as keywords: {example}), "
                                  f"got {len(node.args)}")
        arg = self.expr(node.args[0], depth + 1)
        params = {kw.arg: self.segment(kw.value) for kw in node.keywords}
        for key in params:
            entry.param(key)  # ParameterError for an unknown keyword, naming the known ones
        symbolic = {key: self.variables[kw.value.id] for kw in node.keywords for key in [kw.arg]
                    if isinstance(kw.value, ast.Name) and kw.value.id in self.variables and kw.value.id != "x"}
        if symbolic:  # a quantified parameter (forall alpha > 0: ...): its symbol, or its value in an instance
            from symact.catalog.registry import X

            # an instance (numbers only) is validated as any call is: ranges and the parameters' order
            numbers = {k: v for k, v in params.items() if k not in symbolic} | {
                k: v for k, v in symbolic.items() if not v.free_symbols}
            values = entry.param_values(numbers, {k: v for k, v in symbolic.items() if v.free_symbols})
            body = self.sympy(node, lambda: _evaluated(lambda: entry.expr.xreplace(values)))
            return self.sympy(node, lambda: body.xreplace({X: arg}))
        if not self.structural:
            return self.sympy(node, lambda: entry(arg, params))
        # the entry's own expression is built as usual; the user's argument goes in unevaluated
        hole = sp.Dummy("arg", real=True)
        body = self.sympy(node, lambda: _evaluated(lambda: entry(hole, params)))
        try:
            return self.bounded(node, lambda: self.sympy(node, lambda: body.xreplace({hole: arg})))
        except ExpressionError:
            # SymPy cannot build some unevaluated forms (a Piecewise of an unevaluated Piecewise): the argument
            # is then evaluated as in the ordinary parse
            return self.bounded(node, lambda: self.sympy(node, lambda: _evaluated(lambda: entry(arg, params))))

    def bounded(self, node: ast.AST, build: Callable[[], Any]) -> Any:
        """``build()`` within :data:`NESTING_SECONDS` CPU seconds: a piecewise activation of a piecewise
        argument puts a Piecewise into a condition, and SymPy then rewrites it to sets, which can take hours."""
        from symact.budget import run_with_budget

        ok, value = run_with_budget(build, NESTING_SECONDS)
        if not ok:
            raise self.fail(node, f"SymPy could not build {self.segment(node)[:60]!r} within {NESTING_SECONDS:g} "
                                  "CPU seconds (a piecewise function of a piecewise argument)")
        return value

    def derivative(self, node: ast.Call, depth: int) -> sp.Expr:
        self.no_keywords(node, "diff")
        self.arity(node, "diff", 2, 3)
        wrt = node.args[1]
        if not (isinstance(wrt, ast.Name) and wrt.id in self.variables):
            raise self.fail(wrt, f"diff() differentiates with respect to a variable "
                                 f"({', '.join(self.variables) or 'none given'}), e.g. diff(f, x)")
        order = 1
        if len(node.args) == 3:
            value = self.expr(node.args[2], depth + 1)
            if not (isinstance(value, sp.Integer) and 0 <= value <= MAX_DIFF_ORDER):
                raise self.fail(node.args[2], f"derivative order must be an integer from 0 to {MAX_DIFF_ORDER}")
            order = int(value)
        self.diff_order += order
        if self.diff_order > MAX_TOTAL_DIFF_ORDER:
            raise self.fail(node, f"too many derivatives (total order at most {MAX_TOTAL_DIFF_ORDER})")
        result = self.expr(node.args[0], depth + 1)
        symbol = self.variables[wrt.id]
        if self.structural:
            return self.sympy(node, lambda: sp.Derivative(result, (symbol, order)) if order else result)
        for _ in range(order):  # one order at a time, so that expression swell is caught before it hangs
            if sum(1 for _ in sp.preorder_traversal(result)) > MAX_DIFF_NODES:
                raise self.fail(node, f"derivative grows too large (over {MAX_DIFF_NODES} nodes); "
                                      f"ask for a lower order")
            result = self.sympy(node, lambda: sp.diff(result, symbol))
        return result

    def piecewise(self, node: ast.Call, depth: int) -> sp.Expr:
        self.no_keywords(node, "Piecewise")
        if not node.args:
            raise self.fail(node, "Piecewise() needs at least one (value, condition) pair")
        pairs = []
        for arg in node.args:
            if not (isinstance(arg, ast.Tuple) and len(arg.elts) == 2):
                raise self.fail(arg, "Piecewise arguments must be (value, condition) pairs, e.g. (x, x > 0)")
            pairs.append((self.expr(arg.elts[0], depth + 2), self.cond(arg.elts[1], depth + 2)))
        return self.sympy(node, lambda: sp.Piecewise(*pairs))

    # conditions ----------------------------------------------------------------------------------------
    def cond(self, node: ast.AST, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression is nested too deeply (more than {MAX_DEPTH} levels)")
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return sp.true if node.value else sp.false
        if isinstance(node, ast.Compare):
            parts = []
            left = self.expr(node.left, depth + 1)
            for op, comparator in zip(node.ops, node.comparators):
                if type(op) not in _COMPARE_OPS:
                    raise self.fail(node, f"{_NOT_COMPARISONS.get(type(op), '?')!r} is not a comparison; "
                                          f"use ==, !=, <, <=, >, >=")
                right = self.expr(comparator, depth + 1)
                relation = _RELATIONS[_COMPARE_OPS[type(op)]]
                parts.append(self.sympy(node, lambda a=left, b=right: relation(a, b)))
                left = right
            return parts[0] if len(parts) == 1 else self.sympy(node, lambda: sp.And(*parts))
        if isinstance(node, ast.BoolOp):
            parts = [self.cond(value, depth + 1) for value in node.values]
            combine = sp.And if isinstance(node.op, ast.And) else sp.Or
            return self.sympy(node, lambda: combine(*parts))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert)):
            inner = self.cond(node.operand, depth + 1)
            return self.sympy(node, lambda: sp.Not(inner))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
            left, right = self.cond(node.left, depth + 1), self.cond(node.right, depth + 1)
            combine = sp.And if isinstance(node.op, ast.BitAnd) else sp.Or
            return self.sympy(node, lambda: combine(left, right))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CONDITION_FUNCTIONS:
            fname = node.func.id
            self.no_keywords(node, fname)
            self.arity(node, fname, 1, 1 if fname == "Not" else None)
            parts = [self.cond(arg, depth + 1) for arg in node.args]
            return self.sympy(node, lambda: _CONDITION_FUNCTIONS[fname](*parts))
        raise self.fail(node, "expected a condition such as x > 0 (note that '&' binds tighter than '<': "
                              "write (x > 0) & (x < 1))")


def _evaluated(build: Callable[[], Any]) -> Any:
    """Run a SymPy constructor with automatic evaluation on (inside a structural build)."""
    with sp.evaluate(True):
        return build()


# -- parsing entry points ------------------------------------------------------------------------------------------

def _top_level(text: str):
    """The indices of the characters of ``text`` outside brackets (the brackets themselves excluded)."""
    level = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            level += 1
        elif ch in ")]}":
            level -= 1
        elif level == 0:
            yield i


def _lone_equals(text: str) -> int | None:
    """Column (1-based) of a top-level '=' that is not part of ==, <=, >=, != (a likely typo for ==)."""
    for i in _top_level(text):
        if text[i] == "=":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if before not in "=<>!:" and after != "=":
                return i + 1
    return None


def _location(lineno: int, column: int, lead: int, multiline: bool) -> str:
    """' (column C)' in the user's text (``column`` counts in the stripped text, from 1)."""
    if lineno == 1:
        column += lead
    return f" (line {lineno}, column {column})" if multiline else f" (column {column})"


def _start(text: str, variables: Sequence[str] = (), number_only: bool = False) -> tuple[_Builder, ast.expr]:
    """Parse ``text`` into an expression AST and a builder for it; ExpressionError on any failure."""
    text = _check_text(text).replace("\u2212", "-")  # a typographic minus sign is read as '-'
    source = text.strip()
    lead = len(text) - len(text.lstrip())
    multiline = "\n" in source or "\r" in source
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning "'int' object is not callable"
            tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        column = _lone_equals(source)
        if column is not None:
            raise ExpressionError(f"'=' is not a comparison; write '==' for equality"
                                  f"{_location(1, column, lead, multiline)}") from None
        message = exc.msg or "invalid syntax"
        if "decimal literal" in message:
            message += " (write 2*x, not 2x)"
        where = (_location(exc.lineno or 1, exc.offset, lead, multiline) if exc.offset
                 else " (at the end of the input)")
        raise ExpressionError(f"syntax error: {message}{where}") from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ExpressionError(f"cannot parse the input: {detail}") from None
    return _Builder(source, variables, number_only, lead), tree.body


def _finish(builder: _Builder, node: ast.AST, value: sp.Expr) -> sp.Expr:
    builder.check_size(node, value)
    if value.has(sp.nan, sp.zoo):
        raise builder.fail(node, "expression is undefined (division by zero or oo - oo?)")
    return value


def as_expression(obj: object, variables: Sequence[str] = ("x",)) -> sp.Expr:
    """Any public API's door for an expression argument: text goes through :func:`parse_expression` (never
    ``sympify``, which would ``eval`` it); SymPy objects and numbers are taken as they are; anything else is an
    :class:`ExpressionError`."""
    if isinstance(obj, str):
        return parse_expression(obj, variables)
    try:
        return sp.sympify(obj, strict=True)
    except sp.SympifyError:
        raise ExpressionError(f"expected an expression or a number, not {type(obj).__name__}") from None


def parse_expression(text: str, variables: Sequence[str] = ("x",), as_written: bool = False) -> sp.Expr:
    """Parse ``text`` into a SymPy expression in the real ``variables`` (``"x"`` is :data:`symact.catalog.X`);
    ``as_written`` builds it without evaluation (``x**2/x`` stays a quotient, undefined at 0), as the kernel reads
    the sides of a claim.

    >>> parse_expression("x*tanh(x)")
    x*tanh(x)
    >>> parse_expression("leaky_relu(x, alpha=0.1)")
    Piecewise((x/10, x < 0), (x, True))
    """
    builder, node = _start(text, variables)
    if as_written:
        builder = _Builder(builder.source, variables, lead=builder.lead, structural=True)
    return _finish(builder, node, builder.expr(node))


@dataclass(frozen=True)
class Claim:
    """One comparison between two expressions, as written by the user, on a domain of x.

    ``lhs``/``rhs`` are evaluated SymPy expressions (for the search); ``raw_lhs``/``raw_rhs`` are built
    without evaluation (``x**2/x`` stays a quotient, ``diff(f, x)`` a Derivative), for the kernel, whose
    verdict is about what the user wrote.  ``domain`` is a list of pieces ``(lo, hi, lo_closed, hi_closed)``
    with rational ends (None for an infinite end); all of R by default.
    """

    lhs: sp.Expr
    op: str
    rhs: sp.Expr
    text: str
    raw_lhs: Any = field(default=None, compare=False)
    raw_rhs: Any = field(default=None, compare=False)
    domain: tuple = ((None, None, False, False),)
    limit: str | None = None  # "oo"/"-oo": the claim is limit(lhs, x, limit) op rhs (no domain)
    params: tuple = ()  # ((name, pieces),): 'forall name in pieces: ...' (the sides keep the name's symbol)
    integral: tuple | None = None  # (name, lo, hi): the claim is integrate(lhs, name, lo, hi) op rhs, lhs in x

    def instance(self, value) -> "Claim":
        """The claim at one value of its quantified parameter (read again by this parser, so catalog parameters
        are validated at that value: ParameterError outside their range)."""
        (name, _), = self.params
        return parse_claim(_split_forall(self.text)[1], values={name: sp.sympify(value, strict=True)})

    def as_relational(self) -> Any:
        """The SymPy relational (it may evaluate to ``true``/``false`` straight away)."""
        return _RELATIONS[self.op](self.lhs, self.rhs)

    def domain_text(self) -> str:
        return domain_text(self.domain)

    @property
    def body(self) -> str:
        """The comparison as the user wrote it (without the domain)."""
        return _split_domain(self.text)[0].strip()

    def __str__(self) -> str:
        return f"{self.lhs} {self.op} {self.rhs}"


def parse_claim(text: str, variables: Sequence[str] = ("x",), values: dict[str, sp.Expr] | None = None) -> Claim:
    """Parse a claim: exactly one comparison (``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``) of two expressions,
    or ``smooth(EXPR)`` (EXPR is C-infinity there), ``convex(EXPR)`` or ``concave(EXPR)`` (on each interval of
    the domain; ``not convex(EXPR)``: on some interval it is not), ``continuous(EXPR)`` (defined and continuous
    at every point; ``not continuous(EXPR)``), optionally followed by ``for CONDITION`` on x (``for x > 0``,
    ``for -1 <= x <= 1``, ``for x != 0``, conditions joined with ``and``; rational bounds).  The left side may be
    ``integrate(EXPR, a, lo, hi)`` (rational lo, hi; then the right side is a number and there is no domain).

    >>> parse_claim("sigmoid(-x) == 1 - sigmoid(x)").op
    '=='
    >>> parse_claim("log(x) <= x - 1 for x > 0").domain
    ((Fraction(0, 1), None, False, False),)

    A claim may start with one quantified parameter, ``forall alpha > 0: elu(x, alpha=alpha) >= -alpha``
    (``forall NAME: ...`` for all real values, or comparisons of NAME with rational numbers joined by ``and``).
    A ``forall`` that declares matrices, vectors or scalars states an identity of any size or for every depth
    (:mod:`symact.sized`; the result is a :class:`symact.sized.SizedClaim`).  A statement that starts with
    ``forall reals``/``exists reals`` (or ``not`` and one of them) quantifies several real variables
    (:mod:`symact.logic`; the result is a :class:`symact.logic.LogicClaim`).
    """
    if states_logic(_check_text(text)):  # quantifiers over several reals (symact.logic)
        return parse_logic(text, parse_number)
    header, rest = _split_forall(_check_text(text))
    several = _several(text, header, rest if header is not None else text, variables)
    if several is not None:
        return several
    axiomatic = _axiomatic(text, header)
    if axiomatic is not None:
        return axiomatic
    negation = re.match(r"\s*not\s+(?=(convex|concave|continuous)\s*\()", rest if header is not None else text)
    if negation and header is None:  # 'not convex(EXPR) [for ...]': f is not convex on some interval
        claim = parse_claim(text[negation.end():], variables, values)
        return replace(claim, op="not " + claim.op, text=text.strip())
    if header is not None and declares(header):  # matrices, vectors, scalars of any size (symact.sized)
        return parse_sized(text, _function_term)
    if header is not None:
        return _quantified(text, header, rest, variables, values)
    body, condition = _split_domain(_check_text(text))
    builder, node = _start(body, variables)
    if values:
        builder.variables.update(values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in PREDICATES:
        return _predicate(text, builder, node, condition, variables, values)
    if not isinstance(node, ast.Compare):
        raise ExpressionError("a claim needs one comparison (==, !=, <, <=, >, >=), "
                              "e.g. 'sigmoid(-x) == 1 - sigmoid(x)'")
    if len(node.ops) != 1:
        raise builder.fail(node, "chained comparisons (a < b < c) are not supported; check one comparison at a time")
    op = _COMPARE_OPS.get(type(node.ops[0]))
    if op is None:
        raise builder.fail(node, f"{_NOT_COMPARISONS.get(type(node.ops[0]), '?')!r} is not a comparison; "
                                 f"use ==, !=, <, <=, >, >=")
    if isinstance(node.left, ast.Call) and isinstance(node.left.func, ast.Name) and node.left.func.id == "integrate":
        return _integral(text, builder, node, op, condition)
    left, limit = _limit_of(builder, node.left, variables)
    if limit is not None and (condition is not None or op == "!="):
        raise builder.fail(node, "a limit claim takes no domain and no '!='; write e.g. "
                                 "'limit(sigmoid(x), x, oo) == 1'")
    raw = _Builder(builder.source, variables, lead=builder.lead, structural=True, values=values)
    raw_lhs, raw_rhs = raw.expr(left), raw.expr(node.comparators[0])
    lhs = _evaluated_side(builder, left, raw_lhs)
    rhs = _evaluated_side(builder, node.comparators[0], raw_rhs)
    if limit is not None and any(str(sym) == "x" for sym in rhs.free_symbols):
        raise builder.fail(node.comparators[0], "the value of a limit is a number (or oo, -oo), not a function of x")
    if limit is not None and rhs.is_infinite and op != "==":
        raise builder.fail(node, "compare a limit with oo or -oo using ==")
    domain = _parse_domain(condition, variables) if condition is not None else ((None, None, False, False),)
    return Claim(lhs=lhs, op=op, rhs=rhs, text=text.strip(), raw_lhs=raw_lhs, raw_rhs=raw_rhs, domain=domain,
                 limit=limit)


def _integral(text: str, builder: _Builder, node: ast.Compare, op: str, condition: str | None) -> Claim:
    """``integrate(EXPR, v, lo, hi) REL c``: the integral of EXPR (in the bound variable v, read as x) from the
    rational lo to the rational hi compared with the number c (no domain)."""
    from symact.catalog.registry import X

    call = node.left
    if call.keywords or len(call.args) != 4 or not isinstance(call.args[1], ast.Name) or condition is not None:
        raise builder.fail(call, "write an integral claim as 'integrate(EXPR, a, lo, hi) REL c' with rational "
                                 "bounds lo, hi, a number c and no domain, e.g. 'integrate(1/a, a, 3, 8) == log(8/3)'")
    bounds = []
    for end in call.args[2:]:
        value = parse_number(builder.segment(end), "an integration bound")
        if not value.is_Rational:
            raise builder.fail(end, f"integration bounds are rational numbers, got {builder.segment(end)!r}")
        bounds.append(Fraction(int(value.p), int(value.q)))
    name = call.args[1].id
    raw_f = _Builder(builder.source, (name,), lead=builder.lead, structural=True, values={name: X}).expr(call.args[0])
    inner = _Builder(builder.source, (name,), lead=builder.lead, values={name: X})
    f = _finish(inner, call.args[0], inner.expr(call.args[0]))
    right = node.comparators[0]
    raw_rhs = _Builder(builder.source, (), lead=builder.lead, structural=True).expr(right)
    rhs = _finish(builder, right, _Builder(builder.source, (), lead=builder.lead).expr(right))
    return Claim(lhs=f, op=op, rhs=rhs, text=text.strip(), raw_lhs=raw_f, raw_rhs=raw_rhs, integral=(name, *bounds))


def _function_term(text: str) -> tuple[Any, str]:
    """A function declared in a statement over a size (``functions s = EXPR``): EXPR in x read as written
    (structural, as the sides of a claim), as the kernel's term (JSON) and its LaTeX."""
    from symact.catalog.registry import X
    from symact.kernel.terms import TermError, to_json
    from symact.sympy_terms import from_sympy

    raw = parse_expression(text, ("x",), as_written=True)
    try:
        return to_json(from_sympy(raw, X)), sp.latex(raw)
    except TermError as exc:
        raise ExpressionError(f"the function {text.strip()!r} is outside what the kernel reads: {exc}") from None


#: claims about one expression (no right side): C-infinity near every point of the domain, convex or concave on
#: each interval of the domain, continuous at every point of the domain
PREDICATES = ("smooth", "convex", "concave", "continuous")


def _predicate(text: str, builder: _Builder, node: ast.Call, condition: str | None, variables: Sequence[str],
               values: dict[str, sp.Expr] | None) -> Claim:
    """``smooth(EXPR) [for CONDITION]``: EXPR is C-infinity on a neighbourhood of every point of the domain;
    ``convex(EXPR)``/``concave(EXPR)``: convex (concave) on each interval of the domain (op the predicate's
    name, no right side; ``not convex(EXPR)``: op ``not convex``, not convex on some interval)."""
    op = node.func.id
    if node.keywords or len(node.args) != 1:
        raise builder.fail(node, f"write the claim as {op}(EXPR), e.g. '{op}(swish(x))'")
    raw = _Builder(builder.source, variables, lead=builder.lead, structural=True, values=values)
    raw_lhs = raw.expr(node.args[0])
    lhs = _evaluated_side(builder, node.args[0], raw_lhs)
    domain = _parse_domain(condition, variables) if condition is not None else ((None, None, False, False),)
    return Claim(lhs=lhs, op=op, rhs=sp.S.Zero, text=text.strip(), raw_lhs=raw_lhs, raw_rhs=sp.S.Zero,
                 domain=domain)


def _several(text: str, header: str | None, body: str, variables: Sequence[str]):
    """``[forall PARAM ...:] convex(EXPR, v1, ..., vk)`` (or concave): (v1, ..., vk) -> EXPR on R^k for every real
    x (:mod:`symact.several`), as a :class:`symact.several.SeveralClaim`; None for any other claim."""
    from symact.several import SeveralClaim, decompose

    match = re.match(r"\s*(convex|concave)\s*\(", body)
    if match is None or (header is not None and declares(header)):
        return None
    try:
        call = ast.parse(body.strip(), mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(call, ast.Call) and len(call.args) >= 2 and not call.keywords):
        return None
    names = tuple(a.id if isinstance(a, ast.Name) else "" for a in call.args[1:])
    param = None
    if header is not None:
        tree, found = _quantifier(header, "forall 0 <= y <= 1: convex(EXPR, w, b)")
        if len(found) != 1:
            raise ExpressionError("a claim quantifies one parameter: 'forall 0 <= y <= 1: convex(EXPR, w, b)'")
        param = (found[0], (_FULL,) if isinstance(tree, ast.Name) else _parse_domain(header, (found[0],)))
    reserved = {*variables, *([param[0]] if param else [])}
    if not all(n.isidentifier() for n in names) or len(set(names)) != len(names) or reserved & set(names):
        raise ExpressionError(f"write {match.group(1)}(EXPR, w, b): the variables after the expression are distinct "
                              f"names other than {', '.join(sorted(reserved))}")
    source = ast.get_source_segment(body.strip(), call.args[0])
    everything = (*variables, *names, *([param[0]] if param else []))
    builder, node = _start(source, everything)
    raw = _Builder(builder.source, everything, lead=builder.lead, structural=True).expr(node)
    written, outer, coefficients = decompose(raw, names, builder.variables[variables[0]])
    return SeveralClaim.build(text.strip(), match.group(1), source, raw, names, written, coefficients, param,
                              domain_text(param[1]) if param else "",
                              Claim(lhs=outer, op=match.group(1), rhs=sp.S.Zero, text=text.strip(), raw_lhs=written,
                                    raw_rhs=sp.S.Zero, params=(param,) if param else ()))


def _axiomatic(text: str, header: str | None):
    """``forall ..., convex f: CLAIM [whenever ...] [by DERIVATION]`` (or ``norm N``): a statement about every
    function with those axioms (:mod:`symact.axioms`), as a :class:`symact.axioms.AxiomClaim`; None otherwise."""
    from symact.axioms import declares_axioms, parse_axioms

    return parse_axioms(text) if header is not None and declares_axioms(header) else None


def _split_forall(text: str) -> tuple[str | None, str]:
    """'forall HEADER: CLAIM' -> (HEADER, CLAIM); (None, text) without a quantifier."""
    stripped = text.strip()
    if not stripped.startswith("forall "):
        return None, text
    for i in _top_level(stripped):
        if stripped[i] == ":":
            return stripped[len("forall "):i], stripped[i + 1:]
    raise ExpressionError("write a quantified parameter as 'forall alpha > 0: CLAIM' (a ':' after the condition)")


def _quantifier(header: str, example: str) -> tuple[ast.expr, list[str]]:
    """The tree of a quantifier's condition 'forall HEADER' and the names in it (sorted); a syntax error names
    ``example``, the form to write."""
    try:
        tree = ast.parse(header.strip(), mode="eval").body
    except SyntaxError:
        raise ExpressionError(f"cannot read the quantifier 'forall {header.strip()}'; write e.g. "
                              f"'{example}'") from None
    return tree, sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})


def _quantified(text: str, header: str, rest: str, variables: Sequence[str],
                values: dict[str, sp.Expr] | None) -> Claim:
    tree, names = _quantifier(header, "forall alpha > 0: ...")
    if len(names) != 1 or names[0] in variables or _split_forall(rest)[0] is not None:
        raise ExpressionError("a claim quantifies one parameter other than x: 'forall alpha > 0: ...'")
    name = names[0]
    pieces = (_FULL,) if isinstance(tree, ast.Name) else _parse_domain(header, (name,))
    claim = parse_claim(rest, (*variables, name), values)
    if claim.integral is not None:
        raise ExpressionError("an integral claim takes no 'forall'; state it for numbers, "
                              "e.g. 'integrate(1/a, a, 3, 8) == log(8/3)'")
    if claim.op in ("!=", "smooth"):
        raise ExpressionError(f"{'smooth(...)' if claim.op == 'smooth' else repr('!=')} under 'forall' is not "
                              f"supported; state the claim with ==, <, <=, > or >=")
    return Claim(claim.lhs, claim.op, claim.rhs, text.strip(), claim.raw_lhs, claim.raw_rhs, claim.domain,
                 claim.limit, ((name, pieces),))


def _limit_of(builder: _Builder, node: ast.AST, variables: Sequence[str]) -> tuple[ast.AST, str | None]:
    """``limit(EXPR, x, oo)`` (or ``-oo``) as the whole left side: (EXPR's node, "oo"/"-oo"); else (node, None)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "limit"):
        return node, None
    var = variables[0] if variables else "x"
    if node.keywords or len(node.args) != 3 or not (isinstance(node.args[1], ast.Name) and node.args[1].id == var):
        raise builder.fail(node, f"write a limit as limit(EXPR, {var}, oo) or limit(EXPR, {var}, -oo)")
    end = node.args[2]
    negative = isinstance(end, ast.UnaryOp) and isinstance(end.op, ast.USub)
    inner = end.operand if negative else end
    if not (isinstance(inner, ast.Name) and inner.id in ("oo", "inf")):
        raise builder.fail(end, "limits are taken at oo or -oo")
    return node.args[0], "-oo" if negative else "oo"


def _evaluated_side(builder: _Builder, node: ast.AST, raw: sp.Expr) -> sp.Expr:
    """The evaluated side, or the structural one where SymPy's evaluation produces an undefined value (the
    kernel then finds where the side is undefined, e.g. 1/relu(x) for x <= 0)."""
    value = builder.expr(node)
    if value.has(sp.nan, sp.zoo) and raw.free_symbols:
        return raw
    return _finish(builder, node, value)


def _split_domain(text: str) -> tuple[str, str | None]:
    """'CLAIM for CONDITION' -> (CLAIM, CONDITION); the ' for ' must be outside brackets."""
    cut = None
    for i in _top_level(text):
        if text.startswith(" for ", i):
            cut = i
    if cut is None:
        return text, None
    return text[:cut], text[cut + 5:]


_FULL = (None, None, False, False)


def _parse_domain(text: str, variables: Sequence[str]) -> tuple:
    """Pieces of the real line where the condition on x holds (comparisons of x with rational numbers)."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        raise ExpressionError(f"cannot read the domain {text.strip()!r}; write e.g. 'for x > 0' or "
                              f"'for -1 <= x <= 1'") from None
    var = variables[0] if variables else "x"
    parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    pieces = [_FULL]
    for part in parts:
        if not isinstance(part, ast.Compare):
            raise ExpressionError(f"the domain is comparisons of {var} with numbers joined by 'and', "
                                  f"e.g. 'for {var} > 0'")
        terms = [part.left, *part.comparators]
        for op, left, right in zip(part.ops, terms, terms[1:]):
            pieces = _intersect(pieces, _condition_pieces(op, left, right, var, text))
    if not pieces:
        raise ExpressionError(f"the domain {text.strip()!r} is empty")
    return tuple(pieces)


def _bound(node: ast.AST, text: str):
    from fractions import Fraction

    segment = ast.get_source_segment(text.strip(), node) or ""
    value = parse_number(segment, "a domain bound")
    if not value.is_Rational:
        raise ExpressionError(f"domain bounds must be rational numbers, got {segment!r}")
    return Fraction(int(value.p), int(value.q))


def _condition_pieces(op: ast.cmpop, left: ast.AST, right: ast.AST, var: str, text: str) -> list:
    is_var = [isinstance(n, ast.Name) and n.id == var for n in (left, right)]
    if is_var[0] == is_var[1]:
        raise ExpressionError(f"each domain comparison needs {var} on one side and a number on the other")
    name = _COMPARE_OPS.get(type(op))
    if name is None:
        raise ExpressionError("domain conditions use <, <=, >, >=, ==, !=")
    if not is_var[0]:  # c OP x  ->  x OP' c
        name = CONVERSE[name]
    c = _bound(right if is_var[0] else left, text)
    return {"<": [(None, c, False, False)], "<=": [(None, c, False, True)], ">": [(c, None, False, False)],
            ">=": [(c, None, True, False)], "==": [(c, c, True, True)],
            "!=": [(None, c, False, False), (c, None, False, False)]}[name]


def _intersect(a: list, b: list) -> list:
    out = []
    for p in a:
        for q in b:
            lo, lc = _later(p[0], p[2], q[0], q[2])
            hi, hc = _earlier(p[1], p[3], q[1], q[3])
            if lo is not None and hi is not None and (lo > hi or (lo == hi and not (lc and hc))):
                continue
            out.append((lo, hi, lc, hc))
    return sorted(out, key=lambda r: (r[0] is not None, r[0] or 0))


def _later(a, ac, b, bc):
    if a is None:
        return b, bc
    if b is None or a > b:
        return a, ac
    return (b, bc) if b > a else (a, ac and bc)


def _earlier(a, ac, b, bc):
    if a is None:
        return b, bc
    if b is None or a < b:
        return a, ac
    return (b, bc) if b < a else (a, ac and bc)


def domain_text(domain) -> str:
    """Pieces in set notation: R, (0, oo), [-1, 1] U {2}."""
    if tuple(domain) == (_FULL,):
        return "R"
    out = []
    for lo, hi, lc, hc in domain:
        if lo is not None and lo == hi:
            out.append(f"{{{lo}}}")
        else:
            out.append(f"{'[' if lc else '('}{'-oo' if lo is None else lo}, {'oo' if hi is None else hi}"
                       f"{']' if hc else ')'}")
    return " U ".join(out)


def parse_number(text: str, what: str = "value") -> sp.Expr:
    """An exact, finite real constant from text: ``"0.2"`` -> 1/5, ``"1/3"``, ``"-sqrt(2)/2"``, ``"log(2)"``.

    Allowed: numbers, ``+ - * / **``, ``pi``, ``E``, ``sqrt``, ``exp``, ``log``.  Anything else, and any
    result that is not a finite real number, raises :class:`ParameterError` mentioning ``what``.
    """
    if not isinstance(text, str):
        raise ParameterError(f"{what} must be given as text, got {type(text).__name__}")
    try:
        builder, node = _start(text, number_only=True)
        value = builder.expr(node)
    except ExpressionError as exc:
        raise ParameterError(f"{what}: {exc}") from None
    if value.has(sp.nan, sp.zoo) or not value.is_finite:
        raise ParameterError(f"{what} must be finite, got {text.strip()!r}")
    if value.is_real is not True:
        raise ParameterError(f"{what} must be a real number, got {text.strip()!r}")
    return value


_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_param(text: str) -> tuple[str, str]:
    """Split a CLI ``--param NAME=VALUE`` into ``(NAME, VALUE)``; the value is checked later (Param.validate)."""
    if not isinstance(text, str):
        raise ParameterError(f"--param expects NAME=VALUE text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParameterError(f"--param value is too long ({len(text)} characters; at most {MAX_LENGTH})")
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep:
        raise ParameterError(f"--param expects NAME=VALUE, e.g. alpha=0.2; got {text!r}")
    if not name or not _PARAM_NAME.match(name):
        raise ParameterError(f"--param {text!r}: {name!r} is not a parameter name (expected NAME=VALUE)")
    if not value:
        raise ParameterError(f"--param {text!r}: missing value after '=' (expected NAME=VALUE)")
    return name, value


_WORDS = {"true": True, "false": False, "none": None}


def parse_literal(text: str, what: str = "value") -> bool | int | float | str | None:
    """A plain value from text, never evaluated: a number (``2``, ``-0.5``, ``1e-3``), ``true``/``false``/
    ``none`` (any case), a quoted string (``'tanh'``) or a bare word (``tanh``, taken as that string).
    Anything else (calls, names with operators, containers) raises :class:`ParameterError`."""
    if not isinstance(text, str):
        raise ParameterError(f"{what} must be given as text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParameterError(f"{what} is too long ({len(text)} characters; at most {MAX_LENGTH})")
    s = text.strip()
    if s.lower() in _WORDS:
        return _WORDS[s.lower()]
    if _PARAM_NAME.match(s):
        return s
    try:
        node = ast.parse(s, mode="eval").body
    except SyntaxError:
        node = None
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign, node = (-1 if isinstance(node.op, ast.USub) else 1), node.operand
        if not (isinstance(node, ast.Constant) and type(node.value) in (int, float)):
            node = None
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, str):
        return sign * node.value if type(node.value) is not str else node.value
    raise ParameterError(f"{what} {text!r} is not a number, true/false/none, a quoted string or a word")

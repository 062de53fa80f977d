"""The activation registry: one :class:`Activation` (or :class:`VectorActivation`) entry per function.

An entry holds everything about an activation in one place: canonical name (``torch.nn.functional``'s where
one exists), aliases, the SymPy expression in the real variable ``x`` with its parameters as SymPy symbols,
each parameter's assumption and default (and whose convention that default follows), a description,
references, the classic "derivative in terms of the function itself" form, and the derivative values that
each framework uses at the kinks.  Calculus on entries (derivatives, pieces, kinks, one-sided derivatives)
lives in :mod:`symact.calculus`; the methods here are thin, documented doors to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Mapping

import sympy as sp

from symact.display import latex
from symact.errors import ParameterError, UnknownActivationError

if TYPE_CHECKING:  # pragma: no cover
    from symact.calculus import Piece

#: The real variable every scalar activation is written in.
X = sp.Symbol("x", real=True)
#: Stands for the activation's own value f(x) in derivative "self-forms" such as sigmoid' = y (1 - y).
Y = sp.Symbol("y", real=True)

_ASSUMPTIONS: dict[str, tuple[dict[str, bool], Callable[[sp.Expr], bool], str]] = {
    "real": ({"real": True}, lambda v: bool(v.is_real), "a real number"),
    "positive": ({"positive": True}, lambda v: bool(v.is_positive), "a positive real number (> 0)"),
    "nonnegative": ({"nonnegative": True}, lambda v: bool(v.is_nonnegative), "a real number >= 0"),
    "unit": ({"nonnegative": True}, lambda v: bool(v.is_nonnegative) and bool(v <= 1),
             "a real number in [0, 1]"),
}


@dataclass(frozen=True)
class Param:
    """A parameter of an activation: a SymPy symbol with an assumption and a default value."""

    name: str
    default: sp.Expr
    assumption: str = "real"
    description: str = ""

    def __post_init__(self) -> None:
        if self.assumption not in _ASSUMPTIONS:
            raise ValueError(f"unknown assumption {self.assumption!r}")
        object.__setattr__(self, "default", sp.sympify(self.default, strict=True))

    @property
    def symbol(self) -> sp.Symbol:
        return sp.Symbol(self.name, **_ASSUMPTIONS[self.assumption][0])

    def validate(self, value: Any) -> sp.Expr:
        """Return ``value`` as an exact SymPy number, or raise :class:`ParameterError`.

        Floats are taken at their decimal value (``0.1`` means 1/10), so claims about ``alpha=0.1`` are about
        one tenth, not about the nearest double.
        """
        if isinstance(value, bool) or not isinstance(value, (int, float, Fraction, sp.Expr, str)):
            raise ParameterError(f"parameter {self.name!r} must be a number, not {type(value).__name__}")
        if isinstance(value, str):
            from symact.parsing import parse_number  # local: parsing imports the catalog

            number = parse_number(value, what=f"parameter {self.name!r}")
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise ParameterError(f"parameter {self.name!r} must be finite, got {value!r}")
            number = sp.Rational(repr(value))
        else:  # int, Fraction or a SymPy number
            number = sp.sympify(value, strict=True)
        if not (number.is_number and number.is_real and number.is_finite):
            raise ParameterError(f"parameter {self.name!r} must be a finite real number, got {value!r}")
        ok = _ASSUMPTIONS[self.assumption][1]
        if not ok(number):
            raise ParameterError(
                f"parameter {self.name!r} must be {_ASSUMPTIONS[self.assumption][2]}, got {value!r}")
        return number

    def describe(self) -> str:
        return f"{self.name} = {self.default} ({_ASSUMPTIONS[self.assumption][2]}){': ' + self.description if self.description else ''}"

    def __repr__(self) -> str:
        return f"Param({self.name}={self.default})"


@dataclass(frozen=True)
class Activation:
    """A scalar activation f: R -> R written in :data:`X`.

    ``expr`` keeps the parameters as symbols; every method takes ``params`` (overrides of the defaults) and
    substitutes the defaults for the rest, or keeps the symbols with ``symbolic=True``.

    ``self_derivative`` expresses f' through :data:`Y` = f(x) (and possibly ``x``), e.g. ``Y*(1 - Y)`` for
    the sigmoid.  ``kink_derivatives`` maps a framework name to ``{kink point: derivative value used there}``,
    both SymPy expressions in the parameter symbols (softshrink's kinks are at ``-lambd`` and ``lambd``);
    mathematically f' does not exist at a kink, so the value is a convention and is kept here as data.  Use
    :meth:`kink_convention` to read it at given parameter values.
    """

    name: str
    expr: sp.Expr
    description: str
    family: str
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    convention: str = ""
    references: tuple[str, ...] = ()
    self_derivative: sp.Expr | None = None
    self_derivative_note: str = ""
    kink_derivatives: Mapping[str, Mapping[Any, Any]] = field(default_factory=dict)
    notes: str = ""
    random_form: "RandomForm | None" = None
    #: (a, "<" or "<=", b): the values of parameters a and b must be so ordered (hardtanh's min_val < max_val)
    param_order: tuple[tuple[str, str, str], ...] = ()

    arity = 1

    # -- parameters -------------------------------------------------------------------------------------
    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise ParameterError(f"{self.name} has no parameter {name!r} (parameters: {known})")

    def param_values(self, params: Mapping[str, Any] | None = None,
                     symbolic: Mapping[str, sp.Expr] | None = None) -> dict[sp.Symbol, sp.Expr]:
        """Validated ``{symbol: value}`` for every parameter: the defaults, overridden by ``params``.
        ``symbolic``: parameters given a quantified parameter's symbol (``forall w: hardtanh(x, max_val=w)``),
        taken as they are: ranges and :attr:`param_order` are checked between numbers only (each instance of
        the claim is checked again with numbers)."""
        values = {p.symbol: p.default for p in self.params}
        for key, value in (params or {}).items():
            p = self.param(key)
            values[p.symbol] = p.validate(value)
        for key, value in (symbolic or {}).items():
            values[self.param(key).symbol] = value
        for lo, rel, hi in self.param_order:
            a, b = values[self.param(lo).symbol], values[self.param(hi).symbol]
            if a.is_number and b.is_number and not bool(a < b if rel == "<" else a <= b):
                raise ParameterError(f"{self.name} needs {lo} {rel} {hi}, got {lo} = {a} and {hi} = {b}")
        return values

    def bind(self, expr: sp.Expr, params: Mapping[str, Any] | None = None, symbolic: bool = False) -> sp.Expr:
        """Substitute parameter values into any expression derived from this entry."""
        if symbolic:
            if params:
                raise ParameterError("give either params or symbolic=True, not both")
            return expr
        return expr.xreplace(self.param_values(params))

    def f(self, params: Mapping[str, Any] | None = None, symbolic: bool = False) -> sp.Expr:
        """The expression with parameter values substituted (defaults unless overridden)."""
        return self.bind(self.expr, params, symbolic)

    def __call__(self, arg: Any, params: Mapping[str, Any] | None = None) -> sp.Expr:
        """f(arg) as a SymPy expression, e.g. ``get('sigmoid')(2*x)``; text is parsed by the restricted parser."""
        from symact.parsing import as_expression  # local: parsing imports the catalog

        return self.f(params).xreplace({X: as_expression(arg)})

    # -- calculus (see symact.calculus) -------------------------------------------------------------------
    def derivative(self, order: int = 1, params: Mapping[str, Any] | None = None,
                   symbolic: bool = False) -> sp.Expr:
        from symact import calculus

        return calculus.derivative(self.f(params, symbolic), order)

    def derivative_self_form(self, params: Mapping[str, Any] | None = None,
                             symbolic: bool = False) -> sp.Expr | None:
        return None if self.self_derivative is None else self.bind(self.self_derivative, params, symbolic)

    def pieces(self, params: Mapping[str, Any] | None = None) -> list["Piece"]:
        from symact import calculus

        return calculus.pieces(self.f(params))

    def kinks(self, params: Mapping[str, Any] | None = None) -> list[sp.Expr]:
        from symact import calculus

        return calculus.kinks(self.f(params))

    def one_sided_derivatives(self, params: Mapping[str, Any] | None = None) -> dict[sp.Expr, tuple[sp.Expr, sp.Expr]]:
        from symact import calculus

        return calculus.one_sided_derivatives(self.f(params))

    def param_derivative(self, name: str, params: Mapping[str, Any] | None = None) -> sp.Expr:
        """d f / d (parameter ``name``), with parameter values substituted afterwards."""
        from symact import calculus

        sym = self.param(name).symbol
        return calculus.simplify_piecewise(self.bind(sp.diff(self.expr, sym), params))

    def kink_convention(self, framework: str, params: Mapping[str, Any] | None = None) -> dict[sp.Expr, sp.Expr]:
        """``{kink point: f' value}`` that ``framework`` uses, at the given parameter values ({} if unrecorded)."""
        values = self.param_values(params)
        return {sp.sympify(point, strict=True).xreplace(values): sp.sympify(value, strict=True).xreplace(values)
                for point, value in self.kink_derivatives.get(framework, {}).items()}

    def latex(self, params: Mapping[str, Any] | None = None, symbolic: bool = True) -> str:
        return latex(self.f(params, symbolic=symbolic and not params))

    @property
    def numpy(self):
        """The numerically stable NumPy twin ``(f, f')`` (see :mod:`symact.numeric.twins`)."""
        from symact.numeric.twins import twin

        return twin(self.name)

    def __repr__(self) -> str:
        return f"Activation({self.name}: {self.expr})"

    def __hash__(self) -> int:
        # entries key the reference caches (an expression's entry as well as the catalog's); the generated hash
        # would fail on the dict kink_derivatives, and equal entries have equal name and expression
        return hash((self.name, self.expr))

    def _repr_latex_(self) -> str:
        name = self.name.replace("_", r"\_")
        return rf"$\operatorname{{{name}}}(x) = {self.latex()}$"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from symact.display import formula

        printer.text(f"{self.name}(x) = {formula(self.expr)}")


@dataclass(frozen=True)
class RandomForm:
    """A training-time form with a random coefficient ``symbol`` ~ Uniform(low, high) (e.g. RReLU's slope)."""

    expr: sp.Expr
    symbol: sp.Symbol
    low: str
    high: str
    description: str


@dataclass(frozen=True)
class VectorActivation:
    """A vector activation R^n -> R^n (or R^k -> R for maxout) built for a given number of inputs."""

    name: str
    build: Callable[[int], sp.Matrix]
    description: str
    formula_text: str
    family: str
    aliases: tuple[str, ...] = ()
    convention: str = ""
    references: tuple[str, ...] = ()
    formula_latex: str = ""
    notes: str = ""
    params: tuple[Param, ...] = ()
    #: the Jacobian written in the outputs s_1..s_n (e.g. diag(s) - s s^T for softmax), or None
    jacobian_in_outputs: Callable[[sp.Matrix], sp.Matrix] | None = None
    jacobian_text: str = ""

    arity = "n"

    @staticmethod
    def inputs(n: int) -> list[sp.Symbol]:
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ParameterError(f"the number of inputs must be a positive integer, got {n!r}")
        return list(sp.symbols(f"x1:{n + 1}", real=True))

    def expr(self, n: int) -> sp.Matrix:
        return self.build(n)

    def jacobian(self, n: int) -> sp.Matrix:
        out = self.build(n)
        return out.jacobian(self.inputs(n))

    def param_values(self, params: Mapping[str, Any] | None = None) -> dict:
        """Vector entries have no parameters: ``{}``, or ParameterError when some are given."""
        if params:
            raise ParameterError(f"{self.name} has no parameters (got {', '.join(map(str, params))})")
        return {}

    def jacobian_self_form(self, n: int) -> sp.Matrix | None:
        """The Jacobian in terms of the outputs: substitute ``expr(n)`` for the symbols s1..sn to compare."""
        if self.jacobian_in_outputs is None:
            return None
        self.inputs(n)  # validates n
        return self.jacobian_in_outputs(sp.Matrix(sp.symbols(f"s1:{n + 1}", real=True)))

    def latex(self, params: Mapping[str, Any] | None = None, symbolic: bool = True) -> str:
        return self.formula_latex

    @property
    def numpy(self):
        from symact.numeric.twins import twin

        return twin(self.name)

    def __repr__(self) -> str:
        return f"VectorActivation({self.name})"


Entry = Activation | VectorActivation

_REGISTRY: dict[str, Entry] = {}
_ALIASES: dict[str, str] = {}


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def register(entry: Entry) -> Entry:
    if isinstance(entry, Activation):
        allowed = {X} | {p.symbol for p in entry.params}
        stray = entry.expr.free_symbols - allowed
        if stray:
            raise ValueError(f"{entry.name}: symbols {stray} are neither x nor a declared parameter")
    for label in (entry.name, *entry.aliases):
        key = _key(label)
        if key in _REGISTRY or key in _ALIASES:
            raise ValueError(f"duplicate catalog name {label!r}")
        _ALIASES[key] = entry.name
    _REGISTRY[entry.name] = entry
    return entry


def names() -> list[str]:
    """Canonical names in catalog order."""
    return list(_REGISTRY)


def all_names() -> list[str]:
    """Canonical names and aliases."""
    return list(_ALIASES)


def get(name: str) -> Entry:
    """Look up an activation by canonical name or alias (case-insensitive, '-' and '_' alike); a scalar entry
    (one of the catalog's, or an expression's: :func:`symact.audit.reference.expression.expression_entry`) is
    its own lookup."""
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise UnknownActivationError(repr(name), all_names())
    canonical = _ALIASES.get(_key(name))
    if canonical is None:
        raise UnknownActivationError(name, all_names())
    return _REGISTRY[canonical]


def entries(scalar_only: bool = False) -> list[Entry]:
    return [e for e in _REGISTRY.values() if not scalar_only or isinstance(e, Activation)]

"""How results read: formulas, numbers, sets, property cells and the text of a property report.

A number is shown as its exact form, then a decimal to six significant digits (``-W(1/e) ≈ -0.278465``); the
certified enclosure only on request (``enclosures=True``, ``symact analyze --enclosures``; the JSON always has
it).  Sets use mathematical notation: ``(-∞, 0]``, ``{0, 1}``, ``∪``.  Formulas use ``W`` for Lambert's W,
``e`` and ``1/e``, ``√2`` and ``π``.

Everything below the formula printer reads the JSON of a property report (the same data ``--json`` prints),
so the text, the table cells and the JSON cannot disagree.
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

DIGITS = 6
#: the longest exact form shown next to its decimal in the text report; in a table cell only rationals this
#: short are shown exactly, everything else as a decimal
LONG_FORM, SHORT_FORM = 60, 14


#: a rational with a denominator 2^a 5^b at least this large is printed as its exact decimal
DECIMAL_DENOMINATOR = 10 ** 6


def exact_decimal(r: sp.Rational) -> str | None:
    """The terminating decimal equal to ``r`` (``3/8`` is ``0.375``, an integer its digits) when its denominator
    is 2^a 5^b; None otherwise (``1/3``)."""
    q = int(r.q)
    twos, fives = sp.multiplicity(2, q), sp.multiplicity(5, q)
    if 2 ** twos * 5 ** fives != q:
        return None
    places = max(twos, fives)
    if places == 0:
        return str(int(r.p))
    digits = str(abs(int(r.p)) * 10 ** places // q).rjust(places + 1, "0")
    return ("-" if r < 0 else "") + digits[:-places] + "." + digits[-places:]


def _long_decimal(r: sp.Rational) -> str | None:
    """:func:`exact_decimal` for a rational with a large denominator (SELU's 32-digit constants print as
    ``1.6732632423543772848170429916717``, not as a fraction of 32-digit numbers; ``1/2`` stays ``1/2``)."""
    return exact_decimal(r) if r.q >= DECIMAL_DENOMINATOR else None


class _Decimals:
    """A printer mixin: long decimal constants written as decimals (exactly: see :func:`_long_decimal`), also as
    a product's coefficient (``_times`` joins it to the rest)."""

    def _print_Rational(self, expr: sp.Rational) -> str:
        return _long_decimal(expr) or super()._print_Rational(expr)

    def _print_Mul(self, expr: sp.Expr) -> str:
        head, rest = _decimal_coefficient(expr)
        return super()._print_Mul(expr) if head is None else head + self._times(rest)


class _DecimalStr(_Decimals, StrPrinter):
    """SymPy's ``str`` with long decimal constants written as decimals."""

    def _times(self, rest: sp.Expr) -> str:
        return "*" + self.parenthesize(rest, PRECEDENCE["Mul"], strict=True)


class _DecimalLatex(_Decimals, LatexPrinter):
    """SymPy's LaTeX with long decimal constants written as decimals."""

    def _times(self, rest: sp.Expr) -> str:
        inner = self._print(rest)
        return " " + (rf"\left({inner}\right)" if rest.is_Piecewise or self._needs_mul_brackets(rest) else inner)


def _decimal_coefficient(expr: sp.Expr) -> tuple[str | None, sp.Expr]:
    """A product's rational coefficient as an exact decimal and the rest, or (None, expr) (the printers would
    otherwise move its numerator and denominator into the product's fraction)."""
    coeff, rest = expr.as_coeff_Mul()
    head = _long_decimal(coeff) if coeff.is_Rational and rest != 1 else None
    return (head, rest) if head else (None, expr)


def plain(expr: Any) -> str:
    """SymPy's ``str`` of ``expr``, long decimal constants as decimals."""
    return _DecimalStr().doprint(expr)


def latex(expr: Any, **settings: Any) -> str:
    """SymPy's ``latex`` of ``expr`` (same settings), long decimal constants as decimals."""
    return _DecimalLatex(settings).doprint(expr)


class _Printer(_DecimalStr):
    """SymPy's ``str`` with the spellings a reader expects: W, e, 1/e, √2, π, ∞."""

    def _print_LambertW(self, expr: sp.Expr) -> str:
        args = [self._print(a) for a in expr.args]
        return f"W({args[0]})" if len(args) == 1 else f"W_{args[1]}({args[0]})"

    def _print_Exp1(self, expr: sp.Expr) -> str:
        return "e"

    def _print_Pi(self, expr: sp.Expr) -> str:
        return "π"

    def _print_Infinity(self, expr: sp.Expr) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr: sp.Expr) -> str:
        return "-∞"

    def _print_Pow(self, expr: sp.Expr, rational: bool = False) -> str:
        base, exp = expr.args
        if exp == sp.S.Half and (base.is_Atom):
            return "√" + self._print(base)
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Piecewise(self, expr: sp.Expr) -> str:
        parts = [f"{self._print(e)} otherwise" if c is sp.true else f"{self._print(e)} if {self._print(c)}"
                 for e, c in expr.args]
        return "(" + "; ".join(parts) + ")"


def formula(expr: Any) -> str:
    """A SymPy object as a person reads it: ``-W(1/e)``, ``exp(-1)/√π + erf(1)/2``."""
    if isinstance(expr, sp.Set):
        return set_text(expr)
    if isinstance(expr, sp.Basic):  # exp(-1) reads 1/e, also inside products: exp(-1)/sqrt(pi) is 1/(e*√π)
        expr = expr.xreplace({sp.exp(-1): sp.Pow(sp.Symbol("e"), -1, evaluate=False)})
    text = _Printer().doprint(expr)
    return text[1:-1] if isinstance(expr, sp.Piecewise) else text  # a whole piecewise formula needs no brackets


def decimal(x: float) -> str:
    """Six significant digits, no exponent for ordinary magnitudes."""
    return f"{x:.{DIGITS}g}"


def set_text(s: sp.Set) -> str:
    """A union of intervals and points in reading order: ``(-∞, -1/2) ∪ {0} ∪ (1/2, ∞)``."""
    parts = s.args if isinstance(s, sp.Union) else (s,)

    def text(part: sp.Set) -> str:
        if isinstance(part, sp.FiniteSet):
            return "{" + ", ".join(formula(p) for p in part) + "}"
        if isinstance(part, sp.Interval):
            left = "(" if part.left_open or part.start == -sp.oo else "["
            right = ")" if part.right_open or part.end == sp.oo else "]"
            return f"{left}{formula(part.start)}, {formula(part.end)}{right}"
        if part == sp.S.Reals:
            return "(-∞, ∞)"
        return formula(part)

    return " ∪ ".join(text(p) for p in sorted(parts, key=lambda p: float(p.inf)))


def set_latex(s: sp.Set) -> str:
    """The LaTeX of a set, with open ends at ±∞ written as parentheses."""
    parts = s.args if isinstance(s, sp.Union) else (s,)
    out = []
    for part in sorted(parts, key=lambda p: float(p.inf)):
        if isinstance(part, sp.Interval):
            left = "(" if part.left_open or part.start == -sp.oo else "["
            right = ")" if part.right_open or part.end == sp.oo else "]"
            out.append(rf"\left{left}{sp.latex(part.start)}, {sp.latex(part.end)}\right{right}")
        else:
            out.append(sp.latex(part))
    return r" \cup ".join(out)


# ============================================================================ numbers and points (JSON)
def _unbounded(n: dict[str, Any] | None) -> str | None:
    """"?" for a missing number, "∞"/"-∞" for an infinite one, else None."""
    if not n:
        return "?"
    f = n.get("float")
    if isinstance(f, str):
        return "∞" if f == "oo" else "-∞"
    return None


_BALL = re.compile(r"^\[(?:(?P<mid>\S+) )?\+/- (?P<rad>\S+)\]$")


def loose(n: dict[str, Any]) -> tuple[float, float] | None:
    """(middle, radius) of a number's certified enclosure when it does not pin the decimal's DIGITS digits (an end
    that the kernel confirmed only to its TOLERANCE, say [+/- 1.01e-12] around a search estimate 1.5e-39 of a true
    -2.5e-61): then the decimal is not shown, the ball is (``0 ± 1.01e-12``).  None for a tight enclosure."""
    match = _BALL.match(str(n.get("enclosure") or "").strip())
    if not match:
        return None
    mid, rad = float(match.group("mid") or 0), float(match.group("rad"))
    return (mid, rad) if rad > abs(mid) * 10.0 ** -DIGITS else None


def number(n: dict[str, Any] | None, enclosures: bool = False) -> str:
    """A number of the report JSON: exact form, then ``≈ decimal``, then (on request) the enclosure; a number known
    only as a wide ball (:func:`loose`) as ``middle ± radius``."""
    special = _unbounded(n)
    if special is not None:
        return special
    ball = loose(n) if n.get("exact") is None else None
    if ball is not None:
        return f"{decimal(ball[0])} ± {decimal(ball[1])}"
    f = n.get("float")
    text = n.get("text") or n.get("exact")
    guess = (n.get("conjecture") or {}).get("text")
    if text is None and guess is not None and len(guess) <= LONG_FORM:  # a closed form the kernel did not prove
        shown = f"≈ {decimal(f)} (≈ {guess}, closed form not proved)"
    elif text is None or len(text) > LONG_FORM:
        shown = f"≈ {decimal(f)}"
    elif not n.get("enclosure"):  # exact and rational
        shown = text
    else:
        shown = f"{text} ≈ {decimal(f)}"
    if enclosures and n.get("enclosure"):
        shown += f" (certified: {n['enclosure']})"
    return shown


def short_number(n: dict[str, Any] | None) -> str:
    """A table cell's number: a short rational exactly, anything else as a decimal (a wide ball as ``m ± r``)."""
    special = _unbounded(n)
    if special is not None:
        return special
    ball = loose(n) if n.get("exact") is None else None
    if ball is not None:
        return f"{decimal(ball[0])} ± {decimal(ball[1])}"
    f = n.get("float")
    text = n.get("text") or n.get("exact")
    if text is not None and not n.get("enclosure") and len(text) <= SHORT_FORM:
        return text
    return decimal(f)


def point(p: dict[str, Any], long: bool = True, enclosures: bool = False) -> str:
    """A point (a number) or a stretch (``{"interval": "[0, 6]"}``) of the report JSON."""
    if p.get("interval"):
        return p["interval"]
    return number(p, enclosures) if long else short_number(p)


def points_text(pts: list[dict[str, Any]], long: bool = True, enclosures: bool = False) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return _and([point(p, long, enclosures) for p in pts])


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


#: what an end confirmed only as a ball shows of its attainment (the kernel bounds it to the ball only)
UNPROVED = "attainment not proved"


#: what the list of inflection points is: each is kernel-checked, the list is not proved complete
INFLECTIONS_FOUND = "the points found, that there are no others is not proved"
#: the same, short (table cells, plot legends)
NOT_COMPLETE = "list not proved complete"
#: what the list of inflection points is when the kernel proved that there are no others
INFLECTIONS_ALL = "there are no others (kernel-checked)"


def bracket(closed: bool | None, pair: str) -> str:
    """An interval's bracket at an end: ``pair`` is (closed, open), e.g. "[("; "?" when whether the end is
    attained is not kernel-checked (``closed`` null)."""
    return "?" if closed is None else pair[0] if closed else pair[1]


def equals(name: str, n: dict[str, Any] | None, enclosures: bool = False) -> str:
    """``name = exact ≈ decimal``, or ``name ≈ decimal`` when there is no exact form."""
    shown = number(n, enclosures)
    return f"{name} {shown}" if shown.startswith("≈") else f"{name} = {shown}"


def where_text(pts: list[dict[str, Any]], enclosures: bool = False) -> str:
    """Where something happens: ``x = √2 ≈ 1.41421``, ``x ≈ 2.39936``, ``x in (-∞, 0]``."""
    return _and([f"x in {p['interval']}" if p.get("interval") else equals("x", p, enclosures) for p in pts])


# ============================================================================ property cells
def _curvature(prop: dict[str, Any], long: bool, enclosures: bool) -> str:
    """Where a function that is neither convex nor concave changes curvature, unambiguously."""
    pts = prop.get("inflection_points") or []
    single = [p for p in pts if not p.get("interval")]
    stretches = [p for p in pts if p.get("interval")]
    parts = []
    if single:
        parts.append("inflection at " + (where_text(single, enclosures) if long else points_text(single, False)))
    if stretches:
        parts.append("curvature changes on " + points_text(stretches, long, enclosures))
    complete = prop.get("inflections_complete")  # each point is kernel-checked, the list only where this says so
    if parts and (long or not complete):
        parts.append(INFLECTIONS_ALL if complete else INFLECTIONS_FOUND if long else NOT_COMPLETE)
    return "; ".join(parts)


def cell(key: str, prop: dict[str, Any], long: bool = False, enclosures: bool = False) -> str:
    """The value of one property (``long``: exact forms with decimals, as in ``symact analyze``)."""
    status, value = prop.get("status"), prop.get("value")
    if status == "unknown":
        return "unknown"

    def num(n: dict[str, Any] | None) -> str:
        return number(n, enclosures) if long else short_number(n)

    if key == "range":
        lo, hi = value["lower"], value["upper"]
        hull = f"{bracket(lo['closed'], '[(')}{num(lo)}, {num(hi)}{bracket(hi['closed'], '])')}"
        if value.get("hull"):  # discontinuous: the image need not be an interval
            return value["image"] or f"within {hull}"
        return hull
    if key == "monotonic":
        if status == "refuted":
            return "no"
        strict = (prop.get("strictly_monotonic") or {}).get("value")
        if value in ("increasing", "decreasing"):
            return f"strictly {value}"
        return f"{'strictly ' if strict else ''}{value}"
    if key in ("convex", "concave"):
        base = "yes" if status == "proved" else "no"
        where = _curvature(prop, long, enclosures) if key == "convex" else ""
        return f"{base} ({where})" if where else base
    if key == "continuity":
        return "C∞" if value == "Cinf" else str(value)
    if key == "differentiable":
        if status == "proved":
            return "everywhere"
        if value and isinstance(value[0], dict):
            return "not at " + points_text(value, long, enclosures)
        return "no"
    if key in ("derivative_max", "derivative_min", "lipschitz"):
        txt = num(value)
        if value.get("float") not in ("oo", "-oo") and not value.get("attained"):
            txt += " (not attained)" if value.get("attained") is False else f" ({UNPROVED})"
        elif long and value.get("at") and key != "lipschitz":
            txt += " at " + where_text(value["at"], enclosures)
        return txt
    if key == "saturation":
        return f"{value['left']}/{value['right']}" if not long else f"left {value['left']}, right {value['right']}"
    if key == "extrema":
        def one(word: str, e: dict[str, Any] | None) -> str:
            if e is None:
                return f"no {word}"
            if e.get("attained", True) is None:
                return f"{'inf' if word == 'min' else 'sup'} {num(e)} ({UNPROVED})"
            at = f" at {where_text(e['at'], enclosures)}" if long and e.get("at") else ""
            return f"{word} {num(e)}{at}"
        return f"{one('min', value['min'])}; {one('max', value['max'])}"
    return "yes" if status == "proved" else "no"


def report_text(report: dict[str, Any], expr: str, enclosures: bool = False,
                notes: tuple[str, ...] = ()) -> str:
    """The text of ``symact analyze``: one line per property (an unknown one with its reason)."""
    params = report.get("params") or {}
    head = f"{report['name']}: f(x) = {expr}" + (f"  ({', '.join(f'{k}={v}' for k, v in params.items())})"
                                                   if params else "")
    props = report["properties"]
    width = max(len(k) for k in props)
    lines = [head]
    for key, prop in props.items():
        text = cell(key, prop, long=True, enclosures=enclosures)
        if prop["status"] == "unknown":
            text = prop.get("reason") or ""
        lines.append(f"  {key:<{width}}  {prop['status']:<8} {text}")
    lines += [f"  ({note})" for note in notes]
    return "\n".join(lines)


def report_summary(report: dict[str, Any]) -> str:
    """One line: name, counts of proved / refuted / unknown."""
    counts = {s: 0 for s in ("proved", "refuted", "unknown")}
    for prop in report["properties"].values():
        counts[prop["status"]] += 1
    return (f"<PropertyReport {report['name']}: {len(report['properties'])} properties, "
            + ", ".join(f"{n} {s}" for s, n in counts.items()) + ">")


# ============================================================================ LaTeX statements of properties
_CLAIMS = {
    "bounded_above": r"\exists M \in \mathbb{R}\ \forall x \in \mathbb{R}:\ f(x) \le M",
    "bounded_below": r"\exists m \in \mathbb{R}\ \forall x \in \mathbb{R}:\ f(x) \ge m",
    "monotonic": r"(\forall x \le y:\ f(x) \le f(y)) \lor (\forall x \le y:\ f(x) \ge f(y))",
    "convex": r"\forall a, b \in \mathbb{R},\ t \in [0, 1]:\ f(ta + (1-t)b) \le t f(a) + (1-t) f(b)",
    "concave": r"\forall a, b \in \mathbb{R},\ t \in [0, 1]:\ f(ta + (1-t)b) \ge t f(a) + (1-t) f(b)",
    "differentiable": r"f'(x) \text{ exists for every } x \in \mathbb{R}",
    "non_saturating": r"\lim_{x \to -\infty} |f(x)| = \infty \lor \lim_{x \to +\infty} |f(x)| = \infty",
    "zero_at_origin": r"f(0) = 0",
    "odd": r"\forall x \in \mathbb{R}:\ f(-x) = -f(x)",
    "range_has_both_signs": r"\exists x, y \in \mathbb{R}:\ f(x) < 0 < f(y)",
    "identity_near_origin": r"f(0) = 0 \land f'(0) = 1",
}


def _num_latex(n: dict[str, Any] | None) -> str:
    if not n:
        return "?"
    if isinstance(n.get("float"), str):
        return r"\infty" if n["float"] == "oo" else r"-\infty"
    if n.get("latex"):
        return n["latex"]
    guess = (n.get("conjecture") or {}).get("latex")
    if guess:  # a closed form the kernel did not prove
        return rf"\approx {decimal(n['float'])}\ (\approx {guess},\ \text{{closed form not proved}})"
    return rf"\approx {decimal(n['float'])}"


def _eq_latex(n: dict[str, Any] | None) -> str:
    """``= value``, or ``\\approx decimal`` for a number without an exact form (never ``= \\approx``)."""
    text = _num_latex(n)
    return text if text.startswith(r"\approx") else f"= {text}"


def latex_statement(key: str, f_latex: str, status: str, value: Any) -> str:
    """The claim a property verdict decides, in LaTeX, with the decided value where the property has one."""
    head = rf"f(x) = {f_latex}:\quad "
    if key in _CLAIMS:
        return head + _CLAIMS[key]
    known = status != "unknown" and value is not None
    if key == "range":
        if not known or value.get("hull"):
            return head + r"f(\mathbb{R}) \subseteq " + (_hull_latex(value) if known else r"\mathbb{R}")
        return head + r"f(\mathbb{R}) = " + _hull_latex(value)
    if key == "continuity":
        cls = {"Cinf": r"C^{\infty}", "discontinuous": None}.get(value, rf"C^{{{str(value)[1:]}}}") if known else "C^k"
        return head + (r"f \notin C^0(\mathbb{R})" if known and cls is None else rf"f \in {cls}(\mathbb{{R}})")
    if key in ("derivative_max", "derivative_min", "lipschitz"):
        lhs = {"derivative_max": r"\sup_{x} f'(x)", "derivative_min": r"\inf_{x} f'(x)",
               "lipschitz": r"\sup_{x \ne y} \frac{|f(x) - f(y)|}{|x - y|}"}[key]
        return head + lhs + (f" {_eq_latex(value)}" if known else "")
    if key == "saturation":
        tail = rf"\text{{left {value['left']}, right {value['right']}}}" if known else r"\text{hard, soft or none}"
        return head + r"\text{saturation: }" + tail
    if key == "extrema":
        if not known:
            return head + r"\min_{x} f(x),\ \max_{x} f(x)"
        parts = [rf"\text{{no global {word}imum}}" if not value[word] else
                 rf"\{'inf' if word == 'min' else 'sup'}_{{x}} f(x) {_eq_latex(value[word])}\ \text{{({UNPROVED})}}"
                 if value[word].get("attained", True) is None else rf"\{word}_{{x}} f(x) {_eq_latex(value[word])}"
                 for word in ("min", "max")]
        return head + r",\quad ".join(parts)
    raise KeyError(key)


def _hull_latex(value: dict[str, Any]) -> str:
    lo, hi = value["lower"], value["upper"]
    left = r"\left.?" if lo["closed"] is None else rf"\left{'[' if lo['closed'] else '('}"
    right = r"?\right." if hi["closed"] is None else rf"\right{']' if hi['closed'] else ')'}"
    return rf"{left}{_num_latex(lo)}, {_num_latex(hi)}{right}"

"""The catalog property table as LaTeX: the report JSON rows of :func:`symact.table.rows` typeset as two
landscape ``longtable``\\ s (shape; derivative and saturation).

Exact values are re-read with the restricted parser and typeset with SymPy's LaTeX (``\\sqrt{2}``,
``-W(e^{-1})``); an irrational value gets a 4-digit decimal next to it, and a value with no short closed form
(none known, or a rational with long digits such as SELU's constants) is shown as a 6-digit decimal.  A cell
that was not decided says ``unknown``.  Every string goes through :mod:`symact.report.tex`.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from symact import display
from symact.report.tex import expr, math_text, number, text

#: column headers that read better than the key
HEADERS = {"derivative_max": r"$\sup f'$", "derivative_min": r"$\inf f'$", "lipschitz": "Lipschitz constant",
           "saturation": "saturation (left / right)", "zero_centered": "zero-centred",
           "identity_near_origin": "identity near 0", "continuity": "smoothness"}
#: relative column widths (0.8, a yes/no column, when not listed)
WIDTHS = {"range": 2.0, "convex": 1.9, "concave": 1.6, "extrema": 2.4, "differentiable": 1.1, "monotonic": 1.3,
          "continuity": 1.15, "derivative_max": 1.1, "derivative_min": 1.1, "lipschitz": 1.1, "saturation": 1.1}
NAME_WIDTH = 1.6
NOT_ATTAINED = r"$^\dagger$"
#: an undecided cell (it may hyphenate: a yes/no column is narrower than the word)
UNKNOWN = r"un\-known"
_LONGEST_EXACT = 28  # characters of LaTeX above which a closed form is replaced by its decimal


def _exact(source: str | None) -> Any:
    """The SymPy value of an exact string from the report JSON, or None when it is not a short closed form."""
    if not source:
        return None
    from symact.errors import SymactError
    from symact.parsing import parse_expression

    try:
        value = parse_expression(source, variables=())
    except SymactError:
        return None
    if any(abs(r.p) > 10**6 or r.q > 10**4 for r in value.atoms() if getattr(r, "is_Rational", False)):
        return None
    return value if len(expr(value)) <= _LONGEST_EXACT else None


def value_math(n: dict[str, Any] | None, approx_digits: int | None = 4) -> str:
    """A number of the report JSON (``exact``/``float``/``enclosure``) as LaTeX math, without ``$``; an
    irrational closed form gets its decimal to ``approx_digits`` digits (none when None)."""
    if not n:
        return "?"
    f = n.get("float")
    if isinstance(f, str):
        return number(f)
    value = _exact(n.get("exact"))
    if value is None:
        return number(f) if isinstance(f, float) else "?"
    out = expr(value)
    if approx_digits and not value.is_Rational and isinstance(f, float):
        out += r" \approx " + number(f, approx_digits)
    return out


_INTERVAL_RE = re.compile(r"Interval(?:\.(open|Lopen|Ropen))?\((.*), (.*)\)")


def _interval(lo: str, hi: str, lo_closed: bool, hi_closed: bool) -> str:
    return f"{display.bracket(lo_closed, '[(')}{lo}, {hi}{display.bracket(hi_closed, '])')}"


def point_math(p: dict[str, Any]) -> str:
    """A point (``exact``/``float``) or a set of points (``interval``: SymPy's ``Interval(...)``) as math."""
    m = _INTERVAL_RE.fullmatch(p.get("interval") or "")
    if not m:
        return value_math(p, approx_digits=None)
    kind, lo, hi = m.groups()
    ends = [_endpoint(lo), _endpoint(hi)]
    return _interval(*ends, kind in (None, "Ropen") and "oo" not in lo, kind in (None, "Lopen") and "oo" not in hi)


def _endpoint(source: str) -> str:
    source = source.strip().replace("∞", "oo")
    if source in ("oo", "-oo"):
        return number(source)
    value = _exact(source)
    return expr(value) if value is not None else math_text(source)


_PIECE_RE = re.compile(r"([\[(])([^,]+), ([^\])]+)([\])])|\{(.*)\}")


def image_math(image: str) -> str:
    """A union of intervals and finite sets (``(-∞, -1/2) ∪ {0} ∪ (1/2, ∞)``) as math."""
    pieces = []
    for piece in image.split("∪"):
        m = _PIECE_RE.fullmatch(piece.strip())
        if not m:
            return math_text(image)
        if m.group(5) is not None:
            pieces.append(r"\{" + ", ".join(_endpoint(s) for s in m.group(5).split(",")) + r"\}")
        else:
            pieces.append(_interval(_endpoint(m.group(2)), _endpoint(m.group(3)), m.group(1) == "[",
                                    m.group(4) == "]"))
    return r" \cup ".join(pieces)


def _math(s: str) -> str:
    return f"${s}$"


def _range(prop: dict[str, Any]) -> str:
    value = prop["value"]
    if value.get("hull") and value.get("image"):
        return _math(image_math(value["image"]))
    lo, hi = value["lower"], value["upper"]
    return _math(_interval(value_math(lo), value_math(hi), lo["closed"], hi["closed"]))


def _monotonic(prop: dict[str, Any]) -> str:
    if prop["status"] == "refuted":
        return "no"
    value = prop["value"]
    strict = value in ("increasing", "decreasing") or (prop.get("strictly_monotonic") or {}).get("value")
    return text(f"{'strictly ' if strict and not str(value).startswith('strictly') else ''}{value}")


def _points(points: Sequence[dict[str, Any]]) -> str:
    return _math(", ".join(point_math(p) for p in points))


def _convexity(prop: dict[str, Any]) -> str:
    out = "yes" if prop["status"] == "proved" else "no"
    points = prop.get("inflection_points") or []
    if points:
        where = "on" if all(p.get("interval") for p in points) else "at"
        out += f"; inflection {where} {_points(points)}"
        if not prop.get("inflections_complete"):
            out += f" ({text(display.NOT_COMPLETE)})"
    return out


def _smoothness(prop: dict[str, Any]) -> str:
    m = re.fullmatch(r"C(\d+|inf)", str(prop["value"]))
    if not m:
        return text(str(prop["value"]))
    return _math("C^" + (r"\infty" if m.group(1) == "inf" else m.group(1)))


def _differentiable(prop: dict[str, Any]) -> str:
    if prop["status"] == "proved":
        return "everywhere"
    value = prop["value"]
    return "not at " + _points(value) if value and isinstance(value[0], dict) else "no"


def _bound(prop: dict[str, Any]) -> str:
    value = prop["value"]
    out = _math(value_math(value))
    if not isinstance(value.get("float"), str) and value.get("attained", True) is False:
        out += NOT_ATTAINED
    elif not isinstance(value.get("float"), str) and value.get("attained", True) is None:
        out += f" ({display.UNPROVED})"
    return out


def _saturation(prop: dict[str, Any]) -> str:
    return text(f"{prop['value']['left']} / {prop['value']['right']}")


def _extrema(prop: dict[str, Any]) -> str:
    value = prop["value"]

    def one(word: str, bound: str, e: dict[str, Any] | None) -> str:
        if e is not None and e.get("attained", True) is None:
            return f"{bound} {_math(value_math(e))} ({display.UNPROVED})"
        return f"{word} {'none' if e is None else _math(value_math(e))}"
    return f"{one('min', 'inf', value['min'])}, {one('max', 'sup', value['max'])}"


def _yes_no(prop: dict[str, Any]) -> str:
    return "yes" if prop["status"] == "proved" else "no"


CELLS: dict[str, Callable[[dict[str, Any]], str]] = {
    "range": _range, "monotonic": _monotonic, "convex": _convexity, "concave": _convexity,
    "continuity": _smoothness, "differentiable": _differentiable, "derivative_max": _bound,
    "derivative_min": _bound, "lipschitz": _bound, "saturation": _saturation, "extrema": _extrema,
}


def cell(key: str, prop: dict[str, Any] | None) -> str:
    """One table cell in LaTeX text mode; a key without its own layout shows yes/no (a yes/no property, see
    :data:`symact.properties.YES_NO`) or its value."""
    if not prop or prop.get("status") == "unknown":
        return UNKNOWN
    if key in CELLS:
        return CELLS[key](prop)
    from symact.properties import YES_NO

    value = prop.get("value")
    if key in YES_NO or isinstance(value, bool) or value is None:
        return _yes_no(prop)
    return text(str(value))


def header(key: str) -> str:
    return HEADERS.get(key) or text(key.replace("_", " "))


def _longtable(keys: Sequence[str], rows: Sequence[dict[str, Any]], caption: str) -> list[str]:
    weights = [NAME_WIDTH] + [WIDTHS.get(k, 0.8) for k in keys]
    total = sum(weights)
    spec = "".join(rf">{{\raggedright\arraybackslash}}p{{\dimexpr {w / total:.4f}\linewidth-2\tabcolsep\relax}}"
                   for w in weights)
    head = " & ".join(["activation"] + [header(k) for k in keys]) + r"\\"
    lines = [r"\begin{longtable}{@{}" + spec + "@{}}",
             rf"\caption{{{caption}}}\\", r"\toprule", head, r"\midrule", r"\endfirsthead",
             r"\toprule", head, r"\midrule", r"\endhead", r"\bottomrule", r"\endfoot"]
    for row in rows:
        cells = [rf"\texttt{{{text(row['name'])}}}"] + [cell(k, row["properties"].get(k)) for k in keys]
        lines.append(" & ".join(cells) + r"\\")
    lines.append(r"\end{longtable}")
    return lines


def property_table(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> str:
    """The LaTeX of the catalog property table (two ``longtable``\\ s; the document provides booktabs/array;
    the caller puts it in a group, which keeps its ``\\arraystretch`` local)."""
    half = (len(keys) + 1) // 2
    lines = [r"\renewcommand{\arraystretch}{1.3}"]  # room for fractions; local to the enclosing group
    for number_, part in enumerate((keys[:half], keys[half:]), 1):
        caption = f"The catalog property table, part {number_} of 2."
        if any(CELLS.get(k) is _bound for k in part):
            caption += r" $^\dagger$: the supremum or infimum is not attained."
        lines += _longtable(part, rows, caption)
    return "\n".join(lines)


__all__ = ["CELLS", "HEADERS", "UNKNOWN", "cell", "header", "image_math", "point_math", "property_table", "value_math"]

"""The one place where text, numbers and formulas become LaTeX.

* :func:`text` -- a plain-text string (a method, a reason, a title, a table cell) for LaTeX text mode: the
  specials ``\\ & % $ # _ { } ~ ^ < > |`` are escaped, long numbers may break across lines, Unicode mathematics (``∪ ∞ ± ≤ ≥ ≈ × → ⇒ π σ`` ...)
  and the ASCII spellings ``<=``, ``>=``, ``=>``, ``<=>``, ``+-``, ``oo``, ``Cinf`` are set as mathematics,
  arb balls ``[m +/- r]`` as :func:`ball` and numbers with an exponent as :func:`number`.
* :func:`number` -- a decimal with exponent as ``1.2\\cdot 10^{-10}``.
* :func:`ball` -- a certified ball ``[m \\pm r]`` (an arb, or its string ``"[m +/- r]"``).
* :func:`expr` -- a SymPy expression in SymPy's LaTeX (``\\ln`` for the natural logarithm).

Every string the report writes goes through one of these; nothing is escaped by hand elsewhere.
"""
from __future__ import annotations

import re
from typing import Any

#: text-mode specials and their escapes
_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
             "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}

#: symbols set in math mode (Unicode and ASCII spellings)
MATH_SYMBOLS = {
    "∪": r"\cup", "∩": r"\cap", "∞": r"\infty", "±": r"\pm", "≤": r"\le", "≥": r"\ge", "≠": r"\ne",
    "≈": r"\approx", "×": r"\times", "·": r"\cdot", "−": "-", "→": r"\to", "⇒": r"\Rightarrow",
    "⇔": r"\Leftrightarrow", "∈": r"\in", "∉": r"\notin", "⊂": r"\subset", "⊆": r"\subseteq", "√": r"\surd",
    "∀": r"\forall", "∃": r"\exists", "ℝ": r"\mathbb{R}", "′": "'", "″": "''", "²": "^2", "³": "^3",
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon", "κ": r"\kappa",
    "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "σ": r"\sigma", "τ": r"\tau", "φ": r"\varphi",
    "<=>": r"\Leftrightarrow", "=>": r"\Rightarrow", "<=": r"\le", ">=": r"\ge", "!=": r"\ne",
    "<": "<", ">": ">", "+/-": r"\pm", "+-oo": r"\pm\infty", "+-": r"\pm", "-oo": r"-\infty", "oo": r"\infty", "Cinf": r"C^\infty",
    "C-infinity": r"C^\infty", "sigma'": r"\sigma'", "sigma": r"\sigma",
}
_OTHER_TEXT = {"…": r"\ldots{}", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "\u00a0": "~"}

_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_BALL_RE = re.compile(rf"\[\s*({_NUM})\s*\+/-\s*({_NUM})\s*\]")
_SCI_RE = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+(?![\w.])")
_WORD_SYMBOLS = ("-oo", "oo", "Cinf", "C-infinity", "sigma'", "sigma")
_TOKEN_RE = re.compile("|".join(
    [_BALL_RE.pattern, _SCI_RE.pattern]
    + [rf"(?<!\w){re.escape(w)}(?!\w)" for w in _WORD_SYMBOLS]
    + [re.escape(s) for s in sorted(MATH_SYMBOLS, key=len, reverse=True) if s not in _WORD_SYMBOLS]))


def number(value: float | str, digits: int = 6) -> str:
    """A decimal in LaTeX math: ``1.2e-10`` -> ``1.2\\cdot 10^{-10}``, ``inf`` -> ``\\infty`` (no ``$``)."""
    if isinstance(value, str):
        s = value.strip()
        if s in ("oo", "inf", "+inf", "-oo", "-inf"):
            return r"-\infty" if s.startswith("-") else r"\infty"
    else:
        if value != value:
            return r"\mathrm{NaN}"
        if value in (float("inf"), float("-inf")):
            return r"\infty" if value > 0 else r"-\infty"
        s = f"{value:.{digits}g}"
    mantissa, _, exponent = s.lower().partition("e")
    if not exponent:
        return mantissa
    exp = int(exponent)
    if mantissa.lstrip("+-") == "1":
        return f"{'-' if mantissa.startswith('-') else ''}10^{{{exp}}}"
    return rf"{mantissa}\cdot 10^{{{exp}}}"


def ball(value: Any, digits: int | None = None) -> str:
    """A certified ball ``[m \\pm r]`` in LaTeX math (no ``$``) from an arb or its ``"[m +/- r]"`` string.

    ``digits``: significant digits of the midpoint for an arb (arb's own choice, all correct digits, when None).
    """
    s = value if isinstance(value, str) else (value.str(digits, radius=True) if digits else value.str(radius=True))
    m = _BALL_RE.fullmatch(s.strip())
    if not m:  # an exact arb prints without a radius
        return number(s.strip())
    return rf"[{number(m.group(1))} \pm {number(m.group(2))}]"


def expr(e: Any) -> str:
    """SymPy's LaTeX of ``e`` (no ``$``), with ``\\ln`` for the natural logarithm."""
    from symact.display import latex

    return latex(e, ln_notation=True)


def _math_token(tok: str) -> str:
    if _BALL_RE.fullmatch(tok):
        return ball(tok)
    if _SCI_RE.fullmatch(tok):
        return number(tok)
    return MATH_SYMBOLS[tok]


def text(s: str) -> str:
    """Plain text for LaTeX text mode (see the module docstring); the result never leaves a brace open."""
    out, pos, math = [], 0, []
    for m in _TOKEN_RE.finditer(s):
        gap = s[pos:m.start()]
        if gap and math:
            out.append("$" + " ".join(math) + "$")
            math = []
        out.append(_escape(gap))
        math.append(_math_token(m.group(0)))
        pos = m.end()
    if math:
        out.append("$" + " ".join(math) + "$")
    out.append(_escape(s[pos:]))
    return "".join(out)


def _escape(s: str) -> str:
    out = "".join(_SPECIALS.get(ch) or _OTHER_TEXT.get(ch) or ch for ch in s)
    return _LONG_NUMBER_RE.sub(_breakable, out)


#: a fraction or a run of digits too long for one line of a certificate's step (a cut at p/q with 60-digit p, q)
_LONG_NUMBER_RE = re.compile(r"\d{24,}(?:/\d+)?|\d+/\d{24,}")


def _breakable(m: re.Match) -> str:
    """A long number with a permitted line break after its "/" and after every 24th digit."""
    return "/\\allowbreak{}".join(re.sub(r"(\d{24})(?=\d)", r"\1\\allowbreak{}", part)
                                   for part in m.group(0).split("/"))


def math_text(s: str) -> str:
    """A short plain-text formula (``(-∞, -1/2) ∪ {0}``) as LaTeX math (no ``$``): braces become set braces."""
    return "".join(_escape_math(part) for part in re.split(r"(\s+)", s.strip()))


def _escape_math(s: str) -> str:
    if s.isspace():
        return " "
    out, pos = [], 0
    for m in _TOKEN_RE.finditer(s):
        out.append(_escape_math_chars(s[pos:m.start()]))
        out.append(_math_token(m.group(0)) + " ")
        pos = m.end()
    out.append(_escape_math_chars(s[pos:]))
    return "".join(out)


def _escape_math_chars(s: str) -> str:
    table = {"{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$",
             "\\": r"\backslash ", "~": r"\sim ", "|": r"\vert "}
    return "".join(table.get(ch, ch) for ch in s)


__all__ = ["MATH_SYMBOLS", "ball", "expr", "math_text", "number", "text"]

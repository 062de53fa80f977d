"""Rich displays for Jupyter and IPython: HTML tables, typeset LaTeX and the pretty printer's text.

The classes (:class:`~symact.verdict.Verdict`, :class:`~symact.properties.PropertyReport`,
:class:`~symact.catalog.registry.Activation`, :class:`~symact.claims.Outcome`,
:class:`~symact.audit.report.AuditReport`) define ``_repr_html_``/``_repr_latex_``/``_repr_pretty_`` by calling
the functions here, so every display is a rendering of the same data as the text and JSON.
"""
from __future__ import annotations

from html import escape
from typing import Any

from symact import display

_STATUS_COLOURS = {"proved": "#1a7f37", "refuted": "#cf222e", "unknown": "#9a6700",
                   "pass": "#1a7f37", "fail": "#cf222e", "skip": "#6e7781", "note": "#6e7781"}


def _status(s: str) -> str:
    colour = _STATUS_COLOURS.get(s, "inherit")
    return f'<span style="color:{colour};font-weight:bold">{escape(s)}</span>'


def _table(head: list[str], rows: list[list[str]], caption: str = "") -> str:
    """An HTML table; cells are HTML already (escape text before)."""
    out = ["<table>"]
    if caption:
        out.append(f"<caption style='text-align:left'>{caption}</caption>")
    out.append("<tr>" + "".join(f"<th style='text-align:left'>{escape(h)}</th>" for h in head) + "</tr>")
    out += ["<tr>" + "".join(f"<td style='text-align:left'>{c}</td>" for c in row) + "</tr>" for row in rows]
    out.append("</table>")
    return "\n".join(out)


def report_html(report: Any) -> str:
    """A property report as a table: property, verdict, value (unknowns with their reason)."""
    data = report.to_json()
    rows = []
    for key, prop in data["properties"].items():
        value = prop.get("reason") or "" if prop["status"] == "unknown" else display.cell(key, prop, long=True)
        rows.append([f"<code>{escape(key)}</code>", _status(prop["status"]), escape(value)])
    caption = f"<b>{escape(data['name'])}</b>: f(x) = {escape(display.formula(report.expr))}"
    return _table(["property", "verdict", "value"], rows, caption)


def verdict_latex(verdict: Any) -> str:
    """The statement typeset, with the verdict and the derivation's formula steps."""
    statement = verdict.latex or rf"\text{{{_tex_text(verdict.statement)}}}"
    body = rf"\textbf{{{verdict.status.upper()}}}\quad {statement}"
    steps = [s.latex_line().replace("&&", r"\quad").replace("&", "") for s in verdict.derivation.steps
             if not s.is_prose()]
    if steps:
        body += r" \\ " + r" \\ ".join(steps)
    return "$$\\begin{gathered}" + body + "\\end{gathered}$$"


def _tex_text(s: str) -> str:
    for ch in "\\&%#_{}$^~":
        s = s.replace(ch, " " if ch in "\\^~" else "\\" + ch)
    return s


def verdict_text(verdict: Any) -> str:
    """The summary line and the derivation, as ``symact check`` prints them."""
    text = verdict.derivation.text()
    return verdict.summary() + ("\n" + text if text else "")


def claim_html(claim: Any, verdict: Any = None) -> str:
    """A claim (and, once settled, its verdict) as a one-row table; the statement typeset by MathJax."""
    head = ["claim", "statement", "expected"]
    row = [f"<code>{escape(claim.id)}</code>", f"${escape(claim.latex)}$" if claim.latex else escape(claim.statement),
           escape(claim.expected)]
    if verdict is not None:
        head += ["verdict", "method", "as expected"]
        row += [_status(verdict.status), escape(verdict.method),
                "yes" if verdict.status == claim.expected else "<b>no</b>"]
    return _table(head, [row])


def audit_html(report: Any, max_failures: int = 5) -> str:
    """An audit report: one row per check, then the first failures of each failed check."""
    rows = [[f"<code>{escape(c.name)}</code>", _status(c.status), escape(c.detail),
             "" if c.max_ulp is None else f"{c.max_ulp:.3g}"] for c in report.checks]
    title = f"<b>{escape(report.target)}</b> against <b>{escape(report.activation)}</b>: " + (
        _status("pass") if report.passed else _status("fail"))
    out = [_table(["check", "result", "detail", "max ulp"], rows, title)]
    for c in report.checks:
        if c.failures:
            frows = [[escape(f.line()), f"<code>{escape(f.reproduction)}</code>"] for f in c.failures[:max_failures]]
            more = len(c.failures) - max_failures
            cap = f"failures of <code>{escape(c.name)}</code>" + (f" (first {max_failures} of {len(c.failures)})"
                                                                    if more > 0 else "")
            out.append(_table(["failure", "reproduction"], frows, cap))
    picture = _audit_svg(report)
    if picture:
        out.append(picture)
    return "\n".join(out)


def _audit_svg(report: Any) -> str:
    """The audit's picture (:func:`symact.plotting.audit_plot`) as inline SVG, or "" when it has none."""
    import tempfile
    from pathlib import Path

    from symact.errors import SymactError
    from symact.plotting import audit_plot

    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = audit_plot(report, Path(tmp) / "audit.svg")
        except SymactError:
            return ""
        text = path.read_text(encoding="utf-8")
    return text[text.index("<svg"):] if "<svg" in text else ""

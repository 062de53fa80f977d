"""The compiled report: the real document (every claim, the whole catalog property table, the plots) compiles
with a real pdflatex, without overfull lines, and LaTeX errors fail loudly.

CI installs TeX Live (texlive-latex-base, texlive-latex-recommended, texlive-latex-extra, latexmk) and sets
SYMACT_REQUIRE_TOOLS=1, so the compile tests must run there; locally they skip when pdflatex is missing.
The property table is computed by :func:`symact.table.rows` (or read from its cache, which is keyed by the
property engine's source, so it is the real table).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from symact.cli import main
from symact.report import ReportBuildError, compile_tex, build_report, preamble
from symact.report.property_table import cell, property_table
from symact.report.tex import MATH_SYMBOLS, ball, number, text

HAVE_TEX = shutil.which("pdflatex") is not None
needs_tex = pytest.mark.skipif(not HAVE_TEX, reason="pdflatex not installed (CI installs TeX Live)")
#: an overfull line up to this wide is invisible in print; anything wider is a layout defect
OVERFULL_PT = 1.0


def test_text_escapes_every_special_and_sets_mathematics():
    assert text("a_b & 50% #1 {x} ~ ^") == r"a\_b \& 50\% \#1 \{x\} \textasciitilde{} \textasciicircum{}"
    assert text("x <= 1/4") == r"x $\le$ 1/4"
    assert text("limits at +-oo") == r"limits at $\pm\infty$"
    assert text("(-∞, -1/2) ∪ {0}") == r"(-$\infty$, -1/2) $\cup$ \{0\}"
    assert text("C-infinity, too") == r"$C^\infty$, too"  # "oo" inside a word is a word
    assert text("a ball [0.054881436 +/- 3.35e-10]") == r"a ball $[0.054881436 \pm 3.35\cdot 10^{-10}]$"
    assert number(5.96e-8) == r"5.96\cdot 10^{-8}" and number(1e-10) == "10^{-10}" and number("-oo") == r"-\infty"
    # a certificate's cut at a 30-digit fraction may break after its "/" and after 24 digits (no overfull line)
    cut = "123456789012345678901234567890/98765432109876543210987654321"
    assert text(f"On [-8, {cut}]") == ("On [-8, 123456789012345678901234\\allowbreak{}567890/\\allowbreak{}"
                                       "987654321098765432109876\\allowbreak{}54321]")


def test_ball_from_arb():
    flint = pytest.importorskip("flint")
    m = re.fullmatch(r"\[1\.4142136 \\pm (\d\.\d+)\\cdot 10\^\{-(\d+)\}\]", ball(flint.arb(2).sqrt(), 8))
    assert m and 1e-9 < float(m.group(1)) * 10 ** -int(m.group(2)) < 1e-7


def _row(name):
    from symact.table import rows

    return rows([name])[0]["properties"]


def test_table_cells_in_sympy_latex():
    hardshrink, gelu, silu, selu = (_row(n) for n in ("hardshrink", "gelu", "silu", "selu"))
    # hardshrink(x) = x for |x| > 1/2, else 0: its image is the union, typeset as sets (the raw ∪ broke LaTeX)
    assert cell("range", hardshrink["range"]) == (r"$(-\infty, - \frac{1}{2}) \cup \{0\} \cup "
                                                  r"(\frac{1}{2}, \infty)$")
    # gelu'' = (2 - x^2) phi(x): inflection points at -sqrt(2) and sqrt(2), exact
    assert cell("convex", gelu["convex"]) == r"no; inflection at $- \sqrt{2}, \sqrt{2}$"
    # silu's minimum is -W(1/e) = -0.27846...: the closed form, then a decimal
    assert cell("range", silu["range"]) == r"$[- W\left(e^{-1}\right) \approx -0.2785, \infty)$"
    # selu's lower bound -scale*alpha from the 31-digit constants: a decimal, not a 31-digit fraction
    assert cell("range", selu["range"]) == r"$(-1.7581, \infty)$"
    assert cell("continuity", gelu["continuity"]) == r"$C^\infty$"


def test_property_table_of_the_whole_catalog_has_a_row_per_activation():
    from symact.catalog import entries
    from symact.properties import KEYS
    from symact.table import rows

    data = rows()
    latex = property_table(data, KEYS)
    names = [e.name for e in entries(scalar_only=True)]
    for name in names:
        assert latex.count(rf"\texttt{{{text(name)}}} &") == 2, name  # one row in each half
    assert not re.search(r"[^\x00-\x7f]", latex), "raw Unicode reached the table"
    # no undecided cell: every activation is fully decided
    assert "unknown" not in latex and r"un\-known" not in latex


def test_plots_are_vector_pdfs(tmp_path):
    pytest.importorskip("matplotlib")
    from symact.report.plots import explosion_figure, relu_square_figure

    for fig in (relu_square_figure(tmp_path), explosion_figure(tmp_path)):
        data = (tmp_path / fig.filename).read_bytes()
        assert data.startswith(b"%PDF") and fig.caption and fig.label


@needs_tex
def test_latex_errors_fail_loudly(tmp_path):
    (tmp_path / "report.tex").write_text("\\documentclass{article}\\begin{document}$x^\\end{document}\n")
    with pytest.raises(ReportBuildError) as info:
        compile_tex(tmp_path)
    assert "LaTeX failed" in str(info.value)


@needs_tex
def test_every_symbol_typesets(tmp_path):
    body = "\n\n".join(text(f"a {s} b [1.5 +/- 2e-9] {{c}} 50% x_1") for s in MATH_SYMBOLS)
    raw = "".join(ch for ch in MATH_SYMBOLS if len(ch) == 1 and ord(ch) > 127)  # the preamble declares these
    (tmp_path / "report.tex").write_text(preamble() + "\\begin{document}\n" + body + "\n\n" + raw
                                         + "\n\\end{document}\n", encoding="utf-8")
    compile_tex(tmp_path)
    log = (tmp_path / "report.log").read_text(errors="replace")
    assert "Missing character" not in log


def test_tex_only_sources(tmp_path):
    result = build_report(tmp_path / "r.pdf", compile_pdf=False, ids=["relu_abs", "swish_minimum"], plots=False,
                          include_table=False)
    tex = (result.tex_dir / "report.tex").read_text()
    assert r"\begin{document}" in tex and r"\end{document}" in tex
    assert r"\input{claims/relu_abs}" in tex and r"\input{claims/swish_minimum}" in tex
    assert (result.tex_dir / "claims" / "swish_minimum.tex").exists()
    assert r"\includegraphics" not in tex
    assert result.all_ok and result.tex_only


@needs_tex
def test_the_report_a_user_builds(tmp_path, capsys):
    """``symact report -o report.pdf`` (with ``--keep`` to read the log): all claims, the whole table, plots."""
    out = tmp_path / "report.pdf"
    code = main(["report", "-o", str(out), "--keep"])
    summary = capsys.readouterr().out
    assert code == 0, summary
    assert "58 claims (58 as expected)" in summary and "with the catalog property table" in summary
    tex_dir = Path(re.search(r"LaTeX sources kept in (\S+)\)", summary).group(1))
    try:
        tex = (tex_dir / "report.tex").read_text(encoding="utf-8")
        log = (tex_dir / "report.log").read_text(errors="replace")
        assert r"\section{Catalog property table}" in tex and tex.count(r"\includegraphics") >= 6
        overfull = [(float(m.group(1)), m.group(0)) for m in re.finditer(r"Overfull \\hbox \((\d+\.?\d*)pt too wide\)"
                                                                        r"[^\n]*", log)]
        assert not [o for o in overfull if o[0] > OVERFULL_PT], overfull
        assert "Missing character" not in log
    finally:
        shutil.rmtree(tex_dir, ignore_errors=True)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "hardshrink" in words and "Catalog property table" in words

"""The compiled report: assembles, compiles with a real pdflatex, and fails loudly on LaTeX errors.

CI installs TeX Live (texlive-latex-base, texlive-latex-recommended, texlive-latex-extra, latexmk) and sets
SYMACT_REQUIRE_TOOLS=1, so the compile tests must run there; locally they skip when pdflatex is missing.
"""
from __future__ import annotations

import shutil
import pytest

from symact.cli import main
from symact.report import ReportBuildError, _compile, build_report, property_table_latex

HAVE_TEX = shutil.which("pdflatex") is not None
needs_tex = pytest.mark.skipif(not HAVE_TEX, reason="pdflatex not installed (CI installs TeX Live)")


def test_property_table_lookup(monkeypatch):
    import symact.report as report

    table_mod = pytest.importorskip("symact.table")
    monkeypatch.setattr(table_mod, "catalog_table", lambda fmt: "\\begin{tabular}{l}x\\end{tabular}")
    body, note = report.property_table_latex()
    assert body.startswith("\\begin{tabular}") and "symact.table.catalog_table" in note

    def broken(fmt):
        raise RuntimeError("boom")
    monkeypatch.setattr(table_mod, "catalog_table", broken)
    body, note = report.property_table_latex()
    assert body is None and "failed" in note and "boom" in note


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
        _compile(tmp_path)
    assert "LaTeX failed" in str(info.value)


def _small_real_table():
    """The real catalog_table LaTeX for three activations (the whole catalog takes ~30-60 s cold)."""
    table_mod = pytest.importorskip("symact.table")
    return table_mod.catalog_table("latex", names=["relu", "sigmoid", "silu"]), "test: three rows"


@needs_tex
def test_report_compiles_to_pdf(tmp_path, capsys, monkeypatch):
    pytest.importorskip("matplotlib")
    import symact.report as report

    monkeypatch.setattr(report, "property_table_latex", _small_real_table)
    out = tmp_path / "report.pdf"
    code = main(["report", "-o", str(out)])
    summary = capsys.readouterr().out
    assert code == 0, summary
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
    assert "58 claims (58 as expected)" in summary and "with the catalog property table" in summary


def test_tex_only_sources(tmp_path):
    pytest.importorskip("matplotlib")
    result = build_report(tmp_path / "r.pdf", compile_pdf=False, ids=["relu_abs", "swish_minimum"], plots=False)
    tex = (result.tex_dir / "report.tex").read_text()
    assert r"\begin{document}" in tex and r"\end{document}" in tex
    assert r"\input{claims/relu_abs}" in tex and r"\input{claims/swish_minimum}" in tex
    assert (result.tex_dir / "claims" / "swish_minimum.tex").exists()
    assert r"\includegraphics" not in tex
    assert result.all_ok and result.tex_only


@needs_tex
def test_property_table_section_compiles(tmp_path, monkeypatch):
    import symact.report as report

    table = ("\\begin{tabular}{lll}\\toprule name & range & monotonic\\\\ \\midrule "
             "sigmoid & (0, 1) & proved\\\\ tanh & (−1, 1) & proved\\\\ relu & [0, ∞) & unknown\\\\ "
             "\\bottomrule\\end{tabular}")
    monkeypatch.setattr(report, "property_table_latex", lambda: (table, "test table"))
    out = tmp_path / "r.pdf"
    result = build_report(out, ids=["relu_abs"], plots=False)
    assert result.table_included and out.read_bytes().startswith(b"%PDF")

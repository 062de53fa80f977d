"""The compiled report: every claim grouped by family, the catalog property table, and plots.

``build_report(Path("report.pdf"))`` settles all claims (:mod:`symact.claims`), writes one LaTeX fragment per
claim, draws the figures as PDF vector graphics (:mod:`symact.report.plots`), assembles ``report.tex`` and
compiles it with ``latexmk -pdf`` (or ``pdflatex`` twice when latexmk is missing) in ``-halt-on-error`` mode.
A LaTeX error raises :class:`ReportBuildError` with the relevant part of the log: a broken document never
produces a PDF quietly.

The catalog property table comes from :func:`symact.properties.catalog_table` when that function exists; the
section is left out (and the summary says so) when it does not, never filled with placeholders.
"""
from __future__ import annotations

import datetime as _dt
import importlib
import importlib.util
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from symact.errors import SymactError
from symact.progress import Progress, Quiet


class ReportBuildError(RuntimeError):
    """LaTeX failed: the message carries the first error lines of the log."""


class ToolMissingError(SymactError):
    """pdflatex (and latexmk) are not installed."""


@dataclass
class ReportResult:
    output: Path
    tex_dir: Path | None
    claims: int
    as_expected: int
    table_included: bool
    table_note: str
    tex_only: bool = False
    seconds: float = 0.0
    not_expected: list[str] = field(default_factory=list)

    @property
    def all_ok(self) -> bool:
        return self.claims == self.as_expected

    def summary(self) -> str:
        what = f"wrote LaTeX sources to {self.tex_dir}" if self.tex_only else f"wrote {self.output}"
        if not self.tex_only and self.tex_dir is not None:
            what += f" (LaTeX sources kept in {self.tex_dir})"
        table = "with the catalog property table" if self.table_included else f"without the property table ({self.table_note})"
        bad = f"; not as expected: {', '.join(self.not_expected)}" if self.not_expected else ""
        return (f"{what}: {self.claims} claims ({self.as_expected} as expected), {table}, "
                f"{self.seconds:.1f} s{bad}")


PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage[utf8]{inputenc}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\usepackage{booktabs,longtable,array}
\usepackage{pdflscape}
\usepackage[hidelinks]{hyperref}
\DeclareUnicodeCharacter{221E}{\ensuremath{\infty}}
\DeclareUnicodeCharacter{2212}{\ensuremath{-}}
\DeclareUnicodeCharacter{2264}{\ensuremath{\le}}
\DeclareUnicodeCharacter{2265}{\ensuremath{\ge}}
\DeclareUnicodeCharacter{00B1}{\ensuremath{\pm}}
\DeclareUnicodeCharacter{00D7}{\ensuremath{\times}}
\DeclareUnicodeCharacter{2248}{\ensuremath{\approx}}
\DeclareUnicodeCharacter{221A}{\ensuremath{\surd}}
\DeclareUnicodeCharacter{2026}{\ldots}
\DeclareUnicodeCharacter{2013}{--}
\DeclareUnicodeCharacter{2014}{---}
\DeclareUnicodeCharacter{03C0}{\ensuremath{\pi}}
\DeclareUnicodeCharacter{03B1}{\ensuremath{\alpha}}
\DeclareUnicodeCharacter{03B2}{\ensuremath{\beta}}
\DeclareUnicodeCharacter{03BB}{\ensuremath{\lambda}}
\DeclareUnicodeCharacter{03C3}{\ensuremath{\sigma}}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.4em}
\newcommand{\status}[1]{\textsf{#1}}
"""


def _tex(s: str) -> str:
    from symact.claims import tex_escape

    return tex_escape(s)


#: time allowed for the catalog property table (the whole catalog; the target is under 60 s)
TABLE_SECONDS = 300.0


def property_table_latex() -> tuple[str | None, str]:
    """(LaTeX of the catalog property table, note). ``None`` when no ``catalog_table`` exists.

    The table function is looked up as ``symact.table.catalog_table`` or ``symact.properties.catalog_table``.
    """
    table, where = None, ""
    for module_name in ("symact.table", "symact.properties"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        if callable(getattr(module, "catalog_table", None)):
            table, where = module.catalog_table, f"{module_name}.catalog_table"
            break
    if table is None:
        return None, "no catalog_table in symact.table or symact.properties yet"
    from symact.budget import run_with_budget

    try:
        finished, body = run_with_budget(lambda: table("latex"), TABLE_SECONDS)
    except Exception as exc:  # the table is someone else's code: report, do not hide, do not fake
        return None, f"{where}('latex') failed: {type(exc).__name__}: {exc}"
    if not finished:
        return None, f"{where}('latex') did not finish in {TABLE_SECONDS:g} s"
    if not isinstance(body, str) or not body.strip():
        return None, f"{where}('latex') returned no LaTeX"
    return body, f"from {where}('latex')"


def assemble(outcomes, figures, table: str | None, table_note: str, seconds: float) -> str:
    from symact.claims import load_families

    fams = load_families()
    by_family: dict[str, list] = {}
    for o in outcomes:
        by_family.setdefault(o.claim.family, []).append(o)
    ok = sum(o.ok for o in outcomes)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    from symact import __version__

    lines = [PREAMBLE,
             r"\title{symact: claims about activation functions, settled\\[0.3em]"
             r"\large proofs, refutations and certified enclosures}",
             rf"\author{{generated by \texttt{{symact report}} (symact {__version__})}}",
             rf"\date{{{stamp}}}",
             r"\begin{document}", r"\sloppy", r"\maketitle",
             r"\begin{abstract}",
             rf"Course notes and blog posts about activation functions make many claims. This report settles "
             rf"{len(outcomes)} of them: {sum(o.verdict.status == 'proved' for o in outcomes)} are proved and "
             rf"{sum(o.verdict.status == 'refuted' for o in outcomes)} refuted ({ok} of {len(outcomes)} as the "
             rf"proof scripts expect), in {seconds:.1f}\,s. A claim is \emph{{proved}} only from a complete "
             r"argument (exact symbolic algebra, exact solving, sign analysis of factored expressions, limits, or "
             r"certified \texttt{arb} ball arithmetic); it is \emph{refuted} only by a counterexample re-checked "
             r"exactly or in certified arithmetic, and where the source was nearly right the corrected statement "
             r"is proved as well. Numerical plots are illustrations, never evidence.",
             r"\end{abstract}", r"\tableofcontents", r"\clearpage"]
    # summary table
    lines += [r"\section{Summary of the claims}",
              r"Status \status{proved}/\status{refuted} is the verdict; a mark (!) flags a verdict that differs "
              r"from the one the proof script expects.",
              r"{\footnotesize",
              r"\begin{longtable}{>{\raggedright\arraybackslash}p{7.4cm}lr>{\raggedright\arraybackslash}p{6.2cm}}",
              r"\toprule claim & status & time & method\\ \midrule \endhead"]
    for fam in fams:
        items = by_family.get(fam.key, [])
        if not items:
            continue
        lines.append(rf"\multicolumn{{4}}{{l}}{{\textbf{{{_tex(fam.title)}}}}}\\")
        for o in items:
            mark = "" if o.ok else r" \textbf{(!)}"
            lines.append(rf"\hyperref[claim:{o.claim.id}]{{\texttt{{{_tex(o.claim.id)}}}}} & "
                         rf"\status{{{o.verdict.status}}}{mark} & "
                         rf"{o.verdict.seconds:.2f}\,s & {_tex(o.verdict.method)}\\")
    lines += [r"\bottomrule", r"\end{longtable}", r"}"]
    # figures
    if figures:
        lines += [r"\section{Plots}",
                  r"The figures are drawn numerically (matplotlib, vector graphics) and only illustrate the claims; "
                  r"the proofs are in Section~\ref{sec:claims}."]
    for fig in figures:
        lines += [r"\begin{figure}[htbp]", r"\centering",
                  rf"\includegraphics[width=\textwidth]{{figures/{fig.filename}}}",
                  rf"\caption{{{fig.caption}}}", rf"\label{{{fig.label}}}", r"\end{figure}"]
    if figures:
        lines.append(r"\clearpage")
    # property table
    if table is not None:
        if r"\begin{tabular" in table and "longtable" not in table:
            table = r"\resizebox{\linewidth}{!}{" + table.strip() + "}"
        lines += [r"\begin{landscape}", r"\section{Catalog property table}",
                  r"Properties of every scalar activation in the catalog at default parameters, as decided by "
                  r"\texttt{symact table} (cells that could not be decided are shown as unknown).",
                  r"{\footnotesize", table, r"}", r"\end{landscape}"]
    # claims
    lines += [r"\section{The claims, by family}", r"\label{sec:claims}"]
    for fam in fams:
        items = by_family.get(fam.key, [])
        if not items:
            continue
        lines += [rf"\subsection{{{_tex(fam.title)}}}",
                  rf"{_tex(fam.description)} (Proof script: \texttt{{proofs/{_tex(fam.key)}.py}}.)"]
        for o in items:
            lines.append(rf"\input{{claims/{o.claim.id}}}")
    lines += [r"\end{document}", ""]
    return "\n".join(lines)


def _compile(tex_dir: Path, main: str = "report.tex") -> Path:
    latexmk, pdflatex = shutil.which("latexmk"), shutil.which("pdflatex")
    if not pdflatex:
        raise ToolMissingError("pdflatex is not installed (Debian: apt-get install texlive-latex-base "
                               "texlive-latex-recommended texlive-latex-extra latexmk)")
    flags = ["-interaction=nonstopmode", "-halt-on-error", "-file-line-error"]
    if latexmk:
        cmds = [[latexmk, "-pdf", "-quiet", *(f"-pdflatex=pdflatex {' '.join(flags)} %O %S",), main]]
    else:
        cmds = [[pdflatex, *flags, main]] * 3
    for cmd in cmds:
        proc = subprocess.run(cmd, cwd=tex_dir, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise ReportBuildError(f"LaTeX failed ({' '.join(cmd[:2])}, exit {proc.returncode}):\n"
                                   + _log_errors(tex_dir / main.replace(".tex", ".log"), proc.stdout + proc.stderr))
    pdf = tex_dir / main.replace(".tex", ".pdf")
    if not pdf.exists():
        raise ReportBuildError("LaTeX finished without producing a PDF")
    return pdf


def _log_errors(log: Path, fallback: str) -> str:
    text = log.read_text(errors="replace") if log.exists() else fallback
    lines = text.splitlines()
    hits = [i for i, ln in enumerate(lines) if ln.startswith("!") or ":" in ln and " Error" in ln
            or ".tex:" in ln and ": " in ln and "Warning" not in ln]
    if not hits:
        return "\n".join(lines[-30:])
    out = []
    for i in hits[:5]:
        out.extend(lines[max(0, i - 2): i + 6])
        out.append("...")
    return "\n".join(out)


def build_report(output: Path, compile_pdf: bool = True, keep: bool = False, include_table: bool = True,
                 ids: list[str] | None = None, plots: bool = True, progress: Progress | None = None) -> ReportResult:
    """Settle the claims, draw the figures, build the property table and compile them into ``output``;
    ``progress`` (a :class:`symact.progress.Progress`) shows the four stages."""
    import time

    from symact.claims import run_claims, write_latex
    from symact.report.plots import all_figures

    if compile_pdf and not shutil.which("pdflatex"):
        raise ToolMissingError("pdflatex is not installed (Debian: apt-get install texlive-latex-base "
                               "texlive-latex-recommended texlive-latex-extra latexmk); use --tex-only for sources")
    if plots and importlib.util.find_spec("matplotlib") is None:
        raise ToolMissingError("matplotlib is required for the report's plots: pip install 'symact[plots]'")
    start = time.perf_counter()
    output = Path(output)
    if compile_pdf:
        tex_dir = Path(tempfile.mkdtemp(prefix="symact-report-"))
    else:
        tex_dir = output.with_suffix("").parent / (output.stem + "_tex")
        tex_dir.mkdir(parents=True, exist_ok=True)
    stages = progress or Quiet()
    outcomes = run_claims(ids, progress=stages.part(0, 4, "report: "))
    write_latex(outcomes, tex_dir / "claims")
    stages.update("report: figures", 1, 4)
    figures = all_figures(tex_dir / "figures") if plots else []
    stages.update("report: property table", 2, 4)
    table, note = property_table_latex() if include_table else (None, "left out with --no-table")
    stages.update("report: LaTeX" if compile_pdf else "report: LaTeX sources", 3, 4)
    seconds = sum(o.verdict.seconds for o in outcomes)
    (tex_dir / "report.tex").write_text(assemble(outcomes, figures, table, note, seconds), encoding="utf-8")
    result = ReportResult(output, tex_dir, len(outcomes), sum(o.ok for o in outcomes), table is not None, note,
                          tex_only=not compile_pdf, not_expected=[o.claim.id for o in outcomes if not o.ok])
    if compile_pdf:
        try:
            pdf = _compile(tex_dir)
            output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, output)
        finally:
            if not keep:
                shutil.rmtree(tex_dir, ignore_errors=True)
                result.tex_dir = None
    result.seconds = time.perf_counter() - start
    return result

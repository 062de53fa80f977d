"""Figures for the report, written as PDF vector graphics with matplotlib (Agg backend, no display needed).

Numerical plotting is illustration only: nothing here decides a claim.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy as sp

from symact.catalog import X, entries


@dataclass
class Figure:
    filename: str
    caption: str
    label: str


def _save(fig, outdir: Path, name: str, caption: str, label: str) -> Figure:
    """Lay out, write as vector PDF, release the figure, and describe it for the document."""
    plt = pyplot()
    fig.tight_layout()
    fig.savefig(outdir / name)
    plt.close(fig)
    return Figure(name, caption, label)


def numeric_function(expr: sp.Expr):
    erf = np.vectorize(math.erf, otypes=[float])
    fn = sp.lambdify(X, expr, modules=[{"erf": erf}, "numpy"])

    def call(xs: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            ys = fn(xs)
        return np.broadcast_to(np.asarray(ys, dtype=float), xs.shape)

    return call


def pyplot():
    import logging

    import matplotlib

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # font-subsetting chatter about font timestamps

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 8, "axes.titlesize": 9, "lines.linewidth": 1.2, "pdf.fonttype": 42,
                         "svg.hashsalt": "symact", "svg.fonttype": "none"})  # stable ids, text as text
    return plt


FAMILY_TITLES = {"sigmoidal": "Identity, step and sigmoid-shaped activations",
                 "rectifiers": "ReLU and its relatives", "smooth": "Smooth gated activations",
                 "shrink": "Shrinkage functions"}


def activation_figures(outdir: Path) -> list[Figure]:
    """One grid per catalog family: each scalar activation (solid) with its derivative (dashed)."""
    plt = pyplot()
    by_family: dict[str, list] = {}
    for e in entries(scalar_only=True):
        by_family.setdefault(e.family, []).append(e)
    xs = np.linspace(-5, 5, 801)
    figs = []
    for family, items in by_family.items():
        ncols = 4
        nrows = math.ceil(len(items) / ncols)
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 1.85 * nrows), squeeze=False)
        for ax in axes.flat[len(items):]:
            ax.axis("off")
        for ax, e in zip(axes.flat, items):
            f = e.f()
            ax.axhline(0, color="0.8", lw=0.6)
            ax.axvline(0, color="0.8", lw=0.6)
            ax.plot(xs, numeric_function(f)(xs), color="C0", label="$f$")
            try:
                ax.plot(xs, numeric_function(sp.diff(f, X))(xs), color="C3", ls="--", label="$f'$")
            except Exception:  # pragma: no cover - a derivative that does not lambdify is left out of the plot
                pass
            ax.set_title(e.name)
            ax.set_xlim(-5, 5)
            lo, hi = ax.get_ylim()
            ax.set_ylim(max(lo, -6), min(hi, 6))
        axes.flat[0].legend(loc="upper left", fontsize=7, frameon=False)
        title = FAMILY_TITLES.get(family, family)
        figs.append(_save(fig, outdir, f"activations_{family}.pdf", f"{title}: each activation $f$ (solid) with its derivative $f'$ (dashed), "
                                 r"default parameters, on $[-5,5]$.", f"fig:act-{family}"))
    return figs


def relu_square_figure(outdir: Path) -> Figure:
    plt = pyplot()
    g = lambda z: np.maximum(z, 0)  # noqa: E731
    xs = np.linspace(-2.5, 2.5, 1001)
    source = g(xs) + g(-xs) + g(2 * xs - 2) + g(2 * xs + 2)
    fixed = g(xs) + g(-xs) + g(2 * xs - 2) + g(-2 * xs - 2)
    h = 0.5
    knots = np.arange(-2, 2 + h / 2, h)
    interp = np.interp(xs, knots, knots**2)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(7.2, 2.6))
    a1.plot(xs, xs**2, color="k", label="$x^2$")
    a1.plot(xs, source, color="C3", ls="--", label="source: $g(2x+2)$")
    a1.plot(xs, fixed, color="C0", label="corrected: $g(-2x-2)$")
    a1.plot(knots[::2], knots[::2] ** 2, "o", color="C0", ms=3)
    a1.set_ylim(-0.5, 10.5)
    a1.set_title(r"Four ReLU hinges ($g=\mathrm{relu}$)")
    a1.legend(fontsize=7, frameon=False)
    inside = np.abs(xs) <= 2
    a2.plot(xs[inside], (fixed - xs**2)[inside], color="C0", label="spacing $h=1$: max $1/4$")
    a2.plot(xs[inside], (interp - xs**2)[inside], color="C2", label="spacing $h=1/2$: max $1/16$")
    a2.axhline(0.25, color="C0", lw=0.6, ls=":")
    a2.axhline(1 / 16, color="C2", lw=0.6, ls=":")
    a2.set_title(r"Interpolation error on $[-2,2]$: $h^2/4$")
    a2.legend(fontsize=7, frameon=False)
    return _save(fig, outdir, "relu_square.pdf", r"Left: the source's formula (dashed) misses $x^2$; with the last hinge "
                  r"mirrored it interpolates $x^2$ at $-2,\dots,2$ (claims \texttt{relu\_square\_approx\_source}, "
                  r"\texttt{relu\_square\_approx}). Right: the error of the ReLU interpolant is $h^2/4$ "
                  r"(\texttt{relu\_square\_approx\_general}).", "fig:relu-square")


def explosion_figure(outdir: Path) -> Figure:
    plt = pyplot()
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    xs = np.linspace(-0.6, 0.6, 801)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(7.2, 2.6))
    for w, c in ((4.0, "C1"), (6.894, "C0"), (12.0, "C2")):
        s = sig(w * xs)
        a1.plot(xs, w * s * (1 - s), color=c, label=f"$|w|={w:g}$")
    a1.axhline(1, color="k", lw=0.7, ls=":")
    a1.set_title(r"$|w\,\sigma'(wx)|$: above 1 only in a window")
    a1.legend(fontsize=7, frameon=False)
    ws = np.linspace(4, 40, 2000)
    width = 2 / ws * np.log(ws * (1 + np.sqrt(1 - 4 / ws)) / 2 - 1)
    a2.plot(ws, width, color="C0")
    a2.plot([6.894151], [0.447743], "o", color="C3", ms=3)
    a2.annotate(r"max $\approx0.4477$ at $|w|\approx6.894$", (6.894, 0.4477), xytext=(12, 0.38), fontsize=7,
                arrowprops={"arrowstyle": "->", "lw": 0.6})
    a2.set_xlabel("$|w|$")
    a2.set_title("width of the window")
    return _save(fig, outdir, "explosion_window.pdf", r"The gradient-explosion window of a sigmoid unit "
                  r"(\texttt{sigmoid\_explosion\_window}): the set where $|w\sigma'(wx+b)|\ge1$ is an interval whose "
                  r"width is largest, $\approx0.4477$, at $|w|\approx6.894$; the enclosure in the text is certified, "
                  r"the plot is illustration.", "fig:explosion")


def lemma_levels(claims) -> dict[str, int]:
    """Each claim that uses or is used as a lemma (``uses=``), with its level: 0 for a claim that uses no
    lemma, else one more than the highest level of its lemmas."""
    by_id = {c.id: c for c in claims}
    involved = {c.id for c in claims if c.uses} | {u for c in claims for u in c.uses}
    levels: dict[str, int] = {}

    def level(cid: str) -> int:
        if cid not in levels:
            levels[cid] = 1 + max((level(u) for u in by_id[cid].uses), default=-1)
        return levels[cid]

    return {cid: level(cid) for cid in sorted(involved)}


def lemma_graph_figure(outdir: Path, claims) -> Figure | None:
    """The lemma graph drawn from the claims' ``uses=`` data: an arrow from a lemma to each claim using it."""
    levels = lemma_levels(claims)
    if not levels:
        return None
    plt = pyplot()
    by_id = {c.id: c for c in claims}
    columns: dict[int, list[str]] = {}
    pos: dict[str, tuple[int, float]] = {}
    for lv in sorted(set(levels.values())):  # a claim next to its lemmas: order a column by their rows
        ids = sorted((cid for cid, v in levels.items() if v == lv),
                     key=lambda cid: (np.mean([-pos[u][1] for u in by_id[cid].uses] or [0]), cid))
        columns[lv] = ids
        pos.update({cid: (lv, -float(row)) for row, cid in enumerate(ids)})
    height = max(len(ids) for ids in columns.values())
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * height + 0.6))
    for c in claims:
        for u in c.uses:
            (x0, y0), (x1, y1) = pos[u], pos[c.id]
            ax.annotate("", (x1, y1), xytext=(x0, y0), arrowprops={
                "arrowstyle": "->", "lw": 0.6, "color": "0.4", "shrinkA": 1.8 * len(u) + 4,
                "shrinkB": 1.8 * len(c.id) + 4})
    for cid, (x, y) in pos.items():
        formal = bool(by_id[cid].formal)
        ax.text(x, y, cid, ha="center", va="center", fontsize=6,
                bbox={"boxstyle": "round,pad=0.25", "fc": "#d9ecd0" if formal else "#f3f3f3",
                      "ec": "#3b7d23" if formal else "0.5", "lw": 0.6})
    ax.set_xlim(-0.6, max(columns) + 0.6)
    ax.set_ylim(-height + 0.5, 0.5)
    ax.axis("off")
    return _save(fig, outdir, "lemma_graph.pdf", r"The lemma graph, drawn from the \texttt{uses=} declarations: an "
                 r"arrow runs from a lemma to each claim that uses it (a claim is proved only if its lemmas are "
                 r"proved in the same run). Green: a formal statement checked by the kernel; grey: settled by its "
                 r"proof script (not kernel-checked).", "fig:lemma-graph")


def all_figures(outdir: Path, claims=()) -> list[Figure]:
    outdir.mkdir(parents=True, exist_ok=True)
    graph = lemma_graph_figure(outdir, list(claims))
    return [*activation_figures(outdir), relu_square_figure(outdir), explosion_figure(outdir),
            *([graph] if graph else [])]

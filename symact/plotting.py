"""Pictures of decided facts: an activation with the points its proved properties name, and a refuted claim.

``activation_plot`` draws f and f' and marks what :func:`symact.properties.analyze` proved: the ends of the
range, the global extrema, the inflection points (stretches where the curvature changes are shaded) and the
points where f is not differentiable.  ``claim_plot`` draws lhs - rhs of a refuted claim with its certified
counterexample.  Every mark comes from a verdict; the curves themselves are floating-point illustration.  ``audit_plot``
draws an audit's ULP errors against x with the allowed band.
Same style as the report's figures (:mod:`symact.report.plots`); SVG output is deterministic (fixed hash salt,
no date) so committed pictures can be compared with what the command draws today.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

from symact import display
from symact.catalog import X
from symact.errors import ParameterError
from symact.outputs import output_file
from symact.report.plots import numeric_function, pyplot

FORMATS = (".svg", ".png", ".pdf")
#: the window always contains [-5, 5] and every marked point with a margin, within [-LIMIT, LIMIT]
LIMIT = 60.0


def output_path(path: str | Path) -> Path:
    """The output file, checked before any work (:func:`symact.outputs.output_file`: a known vector or raster
    suffix in an existing folder), and matplotlib installed."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise ParameterError("plots need matplotlib: pip install 'symact[plots]'")
    return output_file(path, FORMATS, "the plot file")


def _floats(pts: list[dict[str, Any]]) -> list[float]:
    return [p["float"] for p in pts if isinstance(p.get("float"), float)]


def _end(v: float | str) -> float:
    return {"oo": LIMIT, "-oo": -LIMIT}.get(v, v) if isinstance(v, str) else v


def _window(marks: list[float]) -> tuple[float, float]:
    lo = min([-5.0] + [m - 1.5 for m in marks])
    hi = max([5.0] + [m + 1.5 for m in marks])
    return max(lo, -LIMIT), min(hi, LIMIT)


def activation_plot(report: Any, out: Path) -> Path:
    """Draw f (solid) and f' (dashed) of an analysed activation with its proved features marked."""
    plt = pyplot()
    data = report.to_json()
    props = data["properties"]
    f = report.expr
    fn, dfn = numeric_function(f), numeric_function(sp.diff(f, X))

    def proved(key: str) -> Any:
        return props[key]["value"] if props[key]["status"] != "unknown" else None

    extrema = proved("extrema") or {"min": None, "max": None}
    inflections = (props["convex"].get("inflection_points") or []) if props["convex"]["status"] == "refuted" else []
    kinks = proved("differentiable") or []
    kinks = [p for p in kinks if isinstance(p, dict)]
    dext = [proved("derivative_max"), proved("derivative_min")]
    marks = (_floats(inflections) + _floats(kinks) + [e for ex in extrema.values() if ex for e in _floats(ex["at"])]
             + [e for d in dext if d for e in _floats(d.get("at") or [])])
    x0, x1 = _window(marks)
    xs = np.linspace(x0, x1, 1201)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.axhline(0, color="0.8", lw=0.6)
    ax.axvline(0, color="0.8", lw=0.6)
    ax.plot(xs, fn(xs), color="C0", label="$f$")
    ax.plot(xs, dfn(xs), color="C3", ls="--", label="$f'$")
    rng = proved("range")
    if rng is not None:
        for end, word in ((rng["lower"], "inf"), (rng["upper"], "sup")):
            if isinstance(end.get("float"), float):
                ax.axhline(end["float"], color="C0", lw=0.7, ls=":",
                           label=display.equals(f"{word} f", end)
                           + {True: "", False: " (not attained)"}.get(end["closed"], f" ({display.UNPROVED})"))
    for word, marker in (("min", "v"), ("max", "^")):
        e = extrema.get(word)
        if e is None or not e["at"]:  # not attained, or not proved to be
            continue
        xs_at = _floats(e["at"])
        ax.plot(xs_at, [e["float"]] * len(xs_at), marker, color="C2", ms=6, ls="none",
                label=f"global {word} {display.number(e)} at {display.where_text(e['at'])}")
        for p in e["at"]:
            if p.get("interval"):
                a, b = (_end(v) for v in p["ends"])
                ax.plot([max(x0, a), min(x1, b)], [e["float"]] * 2, color="C2", lw=4, alpha=0.5)
    unproved = "" if props["convex"].get("inflections_complete") else f" ({display.NOT_COMPLETE})"
    single = [p for p in inflections if isinstance(p.get("float"), float)]
    if single:
        px = np.array(_floats(single))
        ax.plot(px, fn(px), "o", mfc="white", color="C1", ms=5, ls="none",
                label="inflection at " + display.where_text(single) + unproved)
    spans = [p for p in inflections if p.get("interval")]
    for p in spans:
        a, b = (_end(v) for v in p["ends"])
        ax.axvspan(max(x0, a), min(x1, b), color="C1", alpha=0.12, lw=0)
    if spans:
        ax.plot([], [], "s", color="C1", alpha=0.3, ls="none",
                label="curvature changes on " + display.points_text(spans) + unproved)
    if kinks:
        kx = np.array(_floats(kinks))
        ax.plot(kx, fn(kx), "x", color="k", ms=6, ls="none", label="not differentiable at " + display.where_text(kinks))
    for d, word in zip(dext, ("max", "min")):
        if d and d.get("attained") and _floats(d.get("at") or []):
            dx = np.array(_floats(d["at"]))
            ax.plot(dx, [d["float"]] * len(dx), "D", color="C3", ms=4, ls="none", label=display.equals(f"{word} f'", d))
    ax.set_xlim(x0, x1)
    lo, hi = ax.get_ylim()
    ax.set_ylim(max(lo, -8), min(hi, 8))
    ax.set_xlabel("$x$")
    params = ", ".join(f"{k}={v}" for k, v in data["params"].items())
    ax.set_title(f"{data['name']}" + (f" ({params})" if params else "") + f": f(x) = {display.formula(f)}"[:110])
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7, frameon=False)
    return _save(fig, out)


def claim_plot(claim: Any, verdict: Any, out: Path) -> Path:
    """lhs - rhs of a claim ``lhs OP rhs`` with the certified counterexample of a refutation marked."""
    plt = pyplot()
    data = verdict.certificate.data if verdict.certificate is not None else {}
    proof = data.get("proof") if isinstance(data.get("proof"), dict) else {}
    if proof.get("rule") == "instance" and claim.params:  # forall alpha: draw the refuted instance
        claim = claim.instance(sp.Rational(proof["at"]))
        inner = proof.get("certificate") if isinstance(proof.get("certificate"), dict) else {}
        proof = inner.get("proof") if isinstance(inner.get("proof"), dict) else {}
    point = proof.get("x") if proof.get("rule") == "counterexample" else None
    px = float(sp.Rational(point)) if isinstance(point, str) else None
    x0, x1 = _window([px] if px is not None else [])
    diff = claim.lhs - claim.rhs
    xs = np.linspace(x0, x1, 1201)
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.axhline(0, color="0.6", lw=0.8)
    ax.plot(xs, numeric_function(diff)(xs), color="C0", label=f"lhs - rhs = {display.formula(diff)}"[:90])
    if px is not None:
        value = float(numeric_function(diff)(np.array([px]))[0])
        label = (f"counterexample: at x = {point}, lhs - rhs ≈ {display.decimal(value)} (certified)"
                 if np.isfinite(value) else f"counterexample: at x = {point} a side is undefined (certified)")
        ax.plot([px], [value], "o", color="C3", ms=6, ls="none", label=label)
        zoom = ax.inset_axes([0.36, 0.52, 0.3, 0.4])
        near = np.linspace(px - 0.5, px + 0.5, 401)
        zoom.axhline(0, color="0.6", lw=0.8)
        zoom.plot(near, numeric_function(diff)(near), color="C0")
        zoom.plot([px], [value], "o", color="C3", ms=5)
        zoom.set_title("near the counterexample", fontsize=7)
        zoom.tick_params(labelsize=6)
    ax.set_xlim(x0, x1)
    ax.set_xlabel("$x$")
    ax.set_title(f"{verdict.status.upper()}: {claim.text}"[:110])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), fontsize=7, frameon=False)
    return _save(fig, out)


def audit_plot(report: Any, out: Path) -> Path:
    """The values check of an audit: ULP error against x (symmetric log scales), the allowed error as a band,
    points outside it in red; the thousands of points inside the band are drawn as an embedded image.  An
    ``--exhaustive`` audit draws its failing inputs per binade instead (:func:`binade_plot`)."""
    chk = report.check("values")
    exhaustive = report.check("exhaustive")
    if exhaustive is not None and exhaustive.profile is not None:
        return binade_plot(report, exhaustive.profile["by_binade"], out)
    if chk is None or chk.profile is None:
        raise ParameterError("the audit has no values check to draw (the target failed before it)")
    plt = pyplot()
    x, ulp, allowed = (np.asarray(chk.profile[k], dtype=float) for k in ("x", "ulp", "allowed"))
    keep = np.isfinite(x)
    x, ulp, allowed = x[keep], ulp[keep], allowed[keep]
    shown = np.where(np.isfinite(ulp), ulp, np.nanmax(np.where(np.isfinite(ulp), ulp, 0)) * 10 + 1)
    order = np.argsort(x)
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.fill_between(x[order], 0, allowed[order], color="C2", alpha=0.18, lw=0, step="mid", rasterized=True,
                    label=f"allowed: {report.standard}"[:100])
    good = ulp <= allowed
    ax.plot(x[good], shown[good], ".", color="C0", ms=2, rasterized=True, label=f"error of {report.target} ({good.sum()} points)"[:100])
    if (~good).any():
        top = "; infinite errors drawn on top" if not np.isfinite(ulp[~good]).all() else ""
        ax.plot(x[~good], shown[~good], ".", color="C3", ms=4, label=f"outside the standard ({(~good).sum()} points{top})")
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_yscale("symlog", linthresh=1.0)
    ax.set_xlabel("$x$")
    ax.set_ylabel("error (ulp)")
    params = ", ".join(f"{k}={v}" for k, v in report.params.items())
    ax.set_title(f"{report.target} as {report.activation}" + (f"({params})" if params else "")
                 + f", {report.dtype}: {'conforms' if report.passed else 'fails'}"[:110])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=7, frameon=False)
    return _save(fig, out)


def binade_plot(report: Any, by_binade: Any, out: Path) -> Path:
    """Failing inputs of an exhaustive float32 audit per binade [2^e, 2^(e+1)), negative and positive inputs
    in two panels (a binade holds 2^23 inputs)."""
    plt = pyplot()
    counts = np.asarray(by_binade, dtype=float)
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.2), sharey=True)
    for ax, sign, name in ((axes[0], 1, "x < 0"), (axes[1], 0, "x > 0")):
        part = counts[sign * 256:(sign + 1) * 256]
        exps = np.arange(256) - 127
        hit = part > 0
        ax.bar(exps[hit], part[hit] / 2 ** 23, width=1.0, color="C3")
        ax.set_xlim(-127, 128)
        ax.set_xlabel(f"binade exponent e ({name}: |x| in [2^e, 2^(e+1)))")
        ax.axhline(0, color="0.6", lw=0.8)
    axes[0].invert_xaxis()  # along the real line: the most negative binades on the left
    axes[0].set_ylabel("failing share of the binade")
    total = int(counts.sum())
    fig.suptitle(f"failing inputs per binade: {total} for {report.target} as {report.activation}, "
                 f"{report.dtype}"[:110], fontsize=9)
    return _save(fig, out)


#: the framework grid's cells: fail, skipped or not run, pass
GRID_COLOURS = ("#cf222e", "#d0d7de", "#1a7f37")


def framework_plot(framework: str, results: list, out: Path) -> Path:
    """The pass/fail grid of a ``--framework`` audit: one row per audited function and format, one column per
    check (green pass, red fail, grey skipped or not run)."""
    plt = pyplot()
    from matplotlib.colors import ListedColormap

    checks: list[str] = []
    for _, rep in results:
        for c in rep.checks:
            if c.name not in checks:
                checks.append(c.name)
    cells = {"fail": 0, "pass": 2}          # anything else (skip, note, not run) is 1: grey
    grid = np.ones((len(results), len(checks)))
    for i, (_, rep) in enumerate(results):
        for c in rep.checks:
            grid[i, checks.index(c.name)] = cells.get(c.status.lower(), 1)
    fig, ax = plt.subplots(figsize=(1.2 + 0.45 * len(checks), 0.8 + 0.22 * len(results)))
    ax.imshow(grid, cmap=ListedColormap(GRID_COLOURS), vmin=0, vmax=2, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(checks)), checks, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(results)), [f"{rep.target} ({rep.dtype})" for _, rep in results], fontsize=6)
    passed = sum(rep.passed for _, rep in results)
    ax.set_title(f"--framework {framework}: {passed} of {len(results)} conform (green pass, red fail, "
                 f"grey skipped)", fontsize=8)
    return _save(fig, out)


def _save(fig: Any, out: Path) -> Path:
    plt = pyplot()
    fig.tight_layout()
    metadata = {"Date": None} if out.suffix.lower() in (".svg", ".pdf") else {}
    fig.savefig(out, metadata=metadata, bbox_inches="tight")
    plt.close(fig)
    return out

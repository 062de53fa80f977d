"""The property table of the whole catalog: one row per scalar activation, one column per property key.

``catalog_table(format)`` renders Markdown, LaTeX or JSON.  Rows are computed in worker processes (one per
CPU by default) and cached on disk, keyed by (symact version, entry name, parameters, expression string), so a
second run only reads the cache.  The cache lives in ``$SYMACT_CACHE`` or ``$XDG_CACHE_HOME/symact`` or
``~/.cache/symact`` (never inside the repository); delete it or pass ``use_cache=False`` to recompute.  Cells
that are ``unknown`` are shown as ``unknown``, never as a guess.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Iterable

from symact.errors import ParameterError

FORMATS = ("markdown", "latex", "json")
#: rows computed first (the slowest), so that the worker processes finish together
_SLOW_FIRST = ("mish", "gelu", "gelu_tanh", "silu", "softsign", "hardswish")


def cache_dir() -> Path:
    env = os.environ.get("SYMACT_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "symact"


def _version() -> str:
    """symact's version plus a digest of the source that decides a row (the property engine, the deciders, the
    kernel that gates them, the catalog), so a changed one never reads rows computed by an older one."""
    from symact import __version__

    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for part in ("properties", "decide", "kernel", "catalog"):
        for path in sorted((root / part).glob("*.py")):
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def cache_key(name: str, params: dict[str, str], expr_text: str) -> str:
    raw = json.dumps([_version(), name, sorted(params.items()), expr_text], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def _cache_path(key: str) -> Path:
    return cache_dir() / "properties" / f"{key}.json"


def _read(key: str) -> dict[str, Any] | None:
    try:
        with open(_cache_path(key), encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def _write(key: str, row: dict[str, Any]) -> None:
    path = _cache_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(row, fh)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: the table still works, only slower next time


def _row(name: str, budget: float) -> dict[str, Any]:
    from symact import isolated

    return isolated.analyze(name, budget=budget).to_json()


def properties_of(name, params: dict[str, str] | None = None, keys: tuple[str, ...] | None = None,
                  budget: float = 20.0) -> dict[str, Any]:
    """{key: verdict JSON} of one catalog entry (name or entry) with ``params``, through the same cache as :func:`rows`
    (the auditor takes the range and monotonicity of the exact function from here).  ``keys`` limits what
    is computed when the cache has no row (a partial row is not cached)."""
    from symact.catalog import get
    from symact.properties import KEYS, analyze

    entry = get(name)
    params = {k: str(v) for k, v in (params or {}).items()}
    key = cache_key(entry.name, params, str(entry.f(params)))
    cached = _read(key)
    if cached is not None:
        return cached["properties"]
    report = analyze(entry, params, budget=budget, keys=tuple(keys or KEYS))
    if keys is not None:
        return {k: report.property_json(k) for k in keys}
    row = report.to_json()
    if not any(p["status"] == "unknown" and "budget" in (p.get("reason") or "") for p in row["properties"].values()):
        _write(key, row)
    return row["properties"]


def rows(names: Iterable[str] | None = None, use_cache: bool = True, jobs: int | None = None,
         budget: float = 60.0, progress: Any = None) -> list[dict[str, Any]]:
    """The report JSON of every scalar catalog activation (catalog order), from the cache where possible.

    ``progress`` (an object with ``update(label, done, total)``) hears of each row computed."""
    from symact.catalog import entries, get

    if names is None:
        names = [e.name for e in entries(scalar_only=True)]
    names = [get(n).name for n in names]
    keys = {n: cache_key(n, {}, str(get(n).f())) for n in names}
    out: dict[str, dict[str, Any]] = {}
    todo = []
    for n in names:
        cached = _read(keys[n]) if use_cache else None
        if cached is not None:
            out[n] = cached
        else:
            todo.append(n)
    todo.sort(key=lambda n: (_SLOW_FIRST.index(n) if n in _SLOW_FIRST else len(_SLOW_FIRST)))
    if todo:
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))

        def tell(done: int, last: str) -> None:
            if progress is not None:
                progress.update(f"property table: {last} ({done}/{len(todo)} rows)", done, len(todo))

        tell(0, "computing")
        computed = {}
        if workers == 1:
            for n in todo:
                computed[n] = _row(n, budget)
                tell(len(computed), n)
        else:
            # Ctrl-C reaches the workers too (the terminal's process group): they end at once, quietly (or
            # ignore it, as this process does when it was started with SIGINT ignored)
            ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=signal.signal,
                                     initargs=(signal.SIGINT, signal.SIG_IGN if ignored else signal.SIG_DFL)) as pool:
                futures = {pool.submit(_row, n, budget): n for n in todo}
                for future in as_completed(futures):
                    computed[futures[future]] = future.result()
                    tell(len(computed), futures[future])
        for n, row in computed.items():
            out[n] = row
            if not any(p["status"] == "unknown" and "budget" in (p.get("reason") or "")
                       for p in row["properties"].values()):
                _write(keys[n], row)
    return [out[n] for n in names]


def catalog_table(format: str = "markdown", use_cache: bool = True, jobs: int | None = None,
                  names: Iterable[str] | None = None, progress: Any = None) -> str:
    """The whole-catalog property table as Markdown, LaTeX or JSON text (``progress`` as for :func:`rows`)."""
    if format not in FORMATS:
        raise ParameterError(f"unknown table format {format!r}; choose one of {', '.join(FORMATS)}")
    from symact.display import cell
    from symact.properties import KEYS

    data = rows(names, use_cache=use_cache, jobs=jobs, progress=progress)
    if format == "json":
        return json.dumps({"keys": list(KEYS), "rows": data}, indent=2)
    cells = [[row["name"]] + [cell(k, row["properties"][k]) for k in KEYS] for row in data]
    header = ["activation"] + list(KEYS)
    if format == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        lines.append("")
        lines.append("Convex means f(ta + (1-t)b) <= t f(a) + (1-t) f(b) (the U shape); every property is defined "
                     "in `symact analyze --help`. Cells marked unknown were not decided; nothing is guessed.")
        return "\n".join(lines)
    return _latex(header, cells)


def _latex(header: list[str], cells: list[list[str]]) -> str:
    from symact.report.tex import text

    cols = "l" * len(header)
    lines = [r"\begin{tabular}{" + cols + "}", r"\hline",
             " & ".join(text(h) for h in header) + r" \\", r"\hline"]
    lines += [" & ".join(text(c) for c in row) + r" \\" for row in cells]
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines)


__all__ = ["catalog_table", "rows", "properties_of", "cache_dir", "cache_key", "FORMATS"]

"""Which reading does an implementation match?  When values fail, the ``convention`` check looks for the reading
the implementation does compute and reports it ("matches leaky_relu(alpha=0.15), not leaky_relu(alpha=0.01)").

The evidence is the implementation's outputs at the probe points: up to 300 audit points in [-3, 8] plus a
uniform grid over [-3, 8] with step 0.005 (one more call of the target; a call that fails adds nothing).
Readings are tried in this order, the first that reproduces every probe point ending the search:

1. the audited entry with *fitted* parameter values (a leaky slope of 0.15, an ELU alpha of 1.3, a hardtanh
   clipping to [-2, 2]);
2. every other catalog entry at its defaults (a tanh GELU audited as ``gelu``, Keras' hardsigmoid);
3. the other entries with parameters, same family first, with fitted values (``silu(beta=1.702)`` audited as
   ``gelu``, a fixed-slope rrelu that is ``leaky_relu(alpha=0.2)``);
4. for entries with several parameters that the outputs cannot all pin down (rrelu's lower and upper only enter
   through their mean), one parameter fitted with the others at the values asked for.

Fitting is generic: for each entry the SymPy expression and its derivatives in x and in every parameter are
compiled once (NumPy, cached per entry, under a time budget).  A coarse grid over each parameter's domain (its
assumption: positive, nonnegative, unit, real) finds starting points; damped Gauss-Newton on all probe points
refines parameters that enter smoothly, a scan refines those that only move a threshold (hardshrink's lambda);
each fitted value is rounded to the shortest decimal that reproduces as many probe points, taken as written or
as the implementation stores it in its format (torch compares |x| > float32(2.2)).  A fitted reading counts
only when every parameter is pinned down by the outputs (the Jacobian has full rank and moving a parameter by
20% loses a probe point) and when the exact oracle confirms it under the 16x looser standard (capped near 3%
relative for float16).  When the asked reading fails on fewer than 3% of the points (an accuracy defect, or a
threshold near the asked one) another reading must reproduce every point, and nothing is reported otherwise.
Any failure (a fit that does not converge, a parameter outside its assumption, a SymPy step over its budget, a
target that raises or returns NaN) only means "no reading found", never a crash of the audit; the whole search
stops after SEARCH_SECONDS.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Mapping

import numpy as np
import sympy as sp

from symact.audit.context import Context, as_float, judge_exact, kappa_of
from symact.audit.dtypes import Format
from symact.audit.reference.oracle import oracle
from symact.audit.report import FAIL, NOTE, AuditReport, CheckResult, Failure
from symact.audit.standard import Standard
from symact.catalog import Activation, X, entries, get
from symact.display import exact_decimal
from symact.functions import REGISTRY

#: a candidate reading "matches" when this fraction of the probe points pass a 16x looser standard
MATCH_FRACTION = 0.97
#: budget of the whole search in CPU seconds of the auditing thread (the stage stops trying further readings
#: after it; CPU time, so that what is found does not depend on how busy the machine is)
SEARCH_SECONDS = 2.5
_clock = time.thread_time
#: budget of the SymPy work (derivatives, compilation) for one entry
PREPARE_SECONDS = 2.0
#: the cheap float64 screen is this much looser than the confirming standard (naive float64 formulas) ...
SCREEN_SLACK = 4.0
#: ... and never tighter than this relative error (float64 audits: a naive formula loses a few digits)
SCREEN_FLOOR = 1e-6
#: the loose standard and the fit count a point as reproduced within at most this relative error (in float16
#: 16 x 16 ulps are 25%, too loose to tell prelu(alpha=0.27) from alpha=0.25), unless the audit's own standard
#: is looser still (bfloat16) ...
FIT_CAP = 2.0 ** -5
#: ... and at least this one (float64: naive formulas lose a few digits; the exact confirmation is tighter)
FIT_FLOOR = 2.0 ** -33
#: a fit reproducing less than this fraction of what it needs is not refined further
SCAN_FROM = 0.5
#: how many short decimals per parameter the exact confirmation may try (a threshold between two probe points)
ALTERNATIVE_SPELLINGS = 3
#: relative move of a fitted parameter that must lose a probe point (else the outputs do not pin it down)
PERTURB = 0.2


# -- describing readings ---------------------------------------------------------------------------------------
def _fmt_number(v: Any) -> str:
    """A parameter value as text: short decimals as decimals, other rationals as p/q, floats by repr."""
    if isinstance(v, str):
        return v
    try:
        e = sp.sympify(v, strict=True)
    except (sp.SympifyError, TypeError):
        return str(v)
    if e.is_Rational:
        return exact_decimal(e) or f"{e.p}/{e.q}"
    if e.is_Float:
        return repr(float(e))
    return str(e)


def _fmt_params(params: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={_fmt_number(v)}" for k, v in params.items())


def _plain(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return "0" if s in ("-0", "0") else s


def describe(name: str, params: Mapping[str, Any]) -> str:
    return f"{name}({_fmt_params(params)})" if params else name


def _full_params(entry: Activation, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every parameter of ``entry`` by name: the defaults overridden by ``params`` (exact values)."""
    values = entry.param_values(params)
    return {p.name: values[p.symbol] for p in entry.params}


def probe_points(ctx: Context, n: int = 300) -> np.ndarray:
    """Indices of the audit points used to tell conventions apart: x in [-3, 8] with |x| >= 1e-3 (and 0),
    where the readings differ most and even naive formulas (1 + tanh(z) for the tanh GELU) are accurate."""
    xs, r = ctx.xs, ctx.r
    sel = np.isfinite(r) & (xs >= -3) & (xs <= 8) & ((np.abs(xs) >= 1e-3) | (xs == 0))
    idx = np.flatnonzero(sel)
    if idx.size > n:
        idx = idx[np.linspace(0, idx.size - 1, n).astype(int)]
    return idx


#: spacing of the uniform grid added to the probe points (thresholds are resolved to about this)
GRID_STEP = 0.005


def _with_grid(ctx: Context, xs: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The probe points plus a uniform grid over [-3, 8] (the audit points crowd around the audited entry's own
    kinks; a threshold elsewhere, hardshrink's lambda = 0.31, needs points near it), by one more call of the
    target.  A call that fails, hangs or returns the wrong shape adds nothing."""
    from symact.audit.dtypes import round_to

    try:
        grid = np.unique(round_to(np.linspace(-3.0, 8.0, int(round(11 / GRID_STEP)) + 1), ctx.fmt))
        grid = grid[~np.isin(grid, xs)]
        res = ctx.target.call(grid, ctx.fmt, seconds=min(ctx.target.call_seconds, 5.0), record_warnings=False)
        vals = res.values
        if vals is None or vals.shape != grid.shape:
            return xs, r
        vals = np.asarray(vals, dtype=np.float64)
        keep = np.isfinite(vals)
        xs2, r2 = np.concatenate([xs, grid[keep]]), np.concatenate([r, vals[keep]])
        order = np.argsort(xs2, kind="stable")
        return xs2[order], r2[order]
    except Exception:  # noqa: BLE001 - the grid is a refinement, never a reason to fail
        return xs, r


# -- compiled models (one per entry, cached) -------------------------------------------------------------------
def _select(condlist, choicelist, default=np.nan):
    """np.select that broadcasts scalar and array branches (lambdify prints Piecewise as select)."""
    arrs = np.broadcast_arrays(*condlist, *choicelist)
    n = len(condlist)
    return np.select([np.asarray(a, dtype=bool) for a in arrs[:n]],
                     [np.asarray(a, dtype=np.float64) for a in arrs[n:]], default=default)


class _Reduce:
    """``logical_or.reduce((a, b))`` for operands of different shapes."""

    def __init__(self, op):
        self.op = op

    def reduce(self, args, axis=0):
        out = args[0]
        for a in args[1:]:
            out = self.op(out, a)
        return out

    def __call__(self, *args, **kwargs):
        return self.op(*args, **kwargs)


def _special(name: str):
    """A special function NumPy lacks (erf, erfc) for arrays: SciPy's when installed (a test extra, not a dependency), else math's, vectorised."""
    try:
        import scipy.special as sc

        return getattr(sc, name)
    except ImportError:  # pragma: no cover - depends on the environment
        return np.vectorize(getattr(math, name), otypes=[np.float64])


def _modules() -> list:
    """The namespace lambdify compiles against (built on first use: SciPy is imported only then)."""
    global _MODULES
    if _MODULES is None:
        _MODULES = [{"select": _select, "logical_or": _Reduce(np.logical_or), "logical_and": _Reduce(np.logical_and),
                     **{f.array: _special(f.array) for f in REGISTRY.values() if f.scipy}}, "numpy"]
    return _MODULES


_MODULES: list | None = None


@dataclass
class _Model:
    """f(x; p), df/dx and df/dp_j of one catalog entry as float64 NumPy functions of (x, *p)."""

    name: str
    params: tuple
    f: Callable
    dfdx: Callable
    dfdp: tuple

    def _call(self, fn, xs, pv) -> np.ndarray:
        args = np.broadcast_arrays(np.asarray(xs, dtype=np.float64), *[np.asarray(v, dtype=np.float64) for v in pv])
        with np.errstate(all="ignore"):
            out = fn(*args)
        return np.array(np.broadcast_to(np.asarray(out, dtype=np.float64), args[0].shape))

    def value(self, xs, pv) -> np.ndarray:
        return self._call(self.f, xs, pv)

    def slope(self, xs, pv) -> np.ndarray:
        return self._call(self.dfdx, xs, pv)

    def jacobian(self, xs, pv) -> np.ndarray:
        """(N, k): df/dp_j at the points ``xs`` for the parameter vector ``pv``."""
        return np.stack([self._call(d, xs, pv) for d in self.dfdp], axis=-1)


_MODELS: dict[str, _Model | None] = {}


def _model(name: str) -> _Model | None:
    """The compiled model of ``name`` (cached; None when SymPy cannot produce it within its budget)."""
    if name in _MODELS:
        return _MODELS[name]
    from symact.budget import run_with_budget

    entry = get(name)
    syms = [p.symbol for p in entry.params]

    def build() -> _Model:
        mods = _modules()
        args = (X, *syms)
        f = sp.lambdify(args, entry.expr, mods)
        dfdx = sp.lambdify(args, sp.diff(entry.expr, X), mods)
        dfdp = tuple(sp.lambdify(args, sp.diff(entry.expr, s), mods) for s in syms)
        return _Model(entry.name, tuple(entry.params), f, dfdx, dfdp)

    try:
        finished, value = run_with_budget(build, PREPARE_SECONDS)
    except Exception:  # noqa: BLE001 - an entry we cannot compile is an entry we cannot fit
        finished, value = True, None
    if not finished:
        return None                      # over budget (maybe a busy machine): not cached, tried again later
    _MODELS[name] = value
    return value


# -- the cheap float64 screen ------------------------------------------------------------------------------------
@dataclass
class _Data:
    xs: np.ndarray
    r: np.ndarray
    fmt: Format
    budget: float                     # ulps of the format (times max(1, kappa)) ...
    floor: float = 0.0                # ... but at least this relative error
    scale: np.ndarray = field(init=False)
    tol_r: np.ndarray = field(init=False)

    def __post_init__(self):
        a = np.abs(self.r)
        self.scale = a + 0.01 * (float(np.mean(a)) if a.size else 1.0) + 1e-300
        self.tol_r = _tolerance(self.r, np.ones_like(self.r), self.fmt, self.budget, self.floor)


def _tolerance(y: np.ndarray, kappa: np.ndarray, fmt: Format, budget: float, floor: float = 0.0) -> np.ndarray:
    with np.errstate(all="ignore"):
        k = np.where(np.isfinite(kappa), np.maximum(kappa, 1.0), 1.0)
        yy = np.where(np.isfinite(y), y, 0.0)
        return np.maximum(np.maximum(budget * fmt.ulp(yy), floor * np.abs(yy)) * k, fmt.tiny)


def _passes(model: _Model, data: _Data, pv) -> np.ndarray:
    """Per probe point (broadcast over parameter arrays): does the reading f(.; pv) reproduce r?"""
    y = model.value(data.xs, pv)
    d = model.slope(data.xs, pv)
    with np.errstate(all="ignore"):
        kappa = np.abs(data.xs * d / y)
        kappa = np.where((y == 0) & (data.xs * d == 0), 1.0, kappa)
        ok = np.abs(data.r - y) <= _tolerance(y, kappa, data.fmt, data.budget, data.floor)
    return ok & np.isfinite(y)


def _loss(model: _Model, data: _Data, pv, coarse: bool = False) -> np.ndarray:
    """Robust misfit per parameter vector of a broadcast grid: the mean log of the error in screen tolerances
    (fine: ranks readings that nearly match), or with ``coarse`` the mean relative error capped at 1 (ranks
    grid points far from the answer, where every error is many tolerances, e.g. at exact zeros)."""
    y = model.value(data.xs, pv)
    with np.errstate(all="ignore"):
        if coarse:
            rel = np.abs(y - data.r) / data.scale
            return np.mean(np.where(np.isfinite(rel), np.minimum(rel, 1.0), 1.0), axis=-1)
        ratio = np.abs(y - data.r) / data.tol_r
        ratio = np.where(np.isfinite(ratio), np.minimum(ratio, 1e30), 1e30)
        return np.mean(np.log1p(ratio), axis=-1)


# -- fitting -------------------------------------------------------------------------------------------------------
def _grid(assumption: str, dense: int = 1) -> np.ndarray:
    """Values of a parameter to try: log-spaced over its domain (10 per decade, ``dense`` times more)."""
    if assumption == "positive":
        return np.geomspace(1e-3, 1e3, 60 * dense + 1)
    if assumption == "nonnegative":
        return np.concatenate([[0.0], np.geomspace(1e-3, 1e3, 60 * dense + 1)])
    if assumption == "unit":
        return np.concatenate([[0.0], np.geomspace(1e-3, 1.0, 30 * dense + 1)])
    g = np.geomspace(1e-2, 1e2, 40 * dense + 1)
    return np.concatenate([-g[::-1], [0.0], g])


def _clip(p: np.ndarray, params) -> np.ndarray:
    p = p.copy()
    for j, prm in enumerate(params):
        if prm.assumption == "positive":
            p[j] = max(p[j], 1e-12)
        elif prm.assumption == "nonnegative":
            p[j] = max(p[j], 0.0)
        elif prm.assumption == "unit":
            p[j] = min(max(p[j], 0.0), 1.0)
    return p


def _in_domain(v: float, prm) -> bool:
    return math.isfinite(v) and {"positive": v > 0, "nonnegative": v >= 0, "unit": 0 <= v <= 1}.get(prm.assumption, True)


def _start_points(model: _Model, data: _Data, free: list[int], base: np.ndarray, extra: list[np.ndarray],
                  keep: int = 3) -> list[np.ndarray]:
    """The ``keep`` best points of a coarse grid over the free parameters (the others at ``base``)."""
    k = len(free)
    grids = []
    for j in free:
        g = _grid(model.params[j].assumption)
        if k >= 2:
            g = np.union1d(g[::2], g[g == 0])
        vals = [g] + [np.array([e[j]]) for e in extra if _in_domain(float(e[j]), model.params[j])]
        grids.append(np.unique(np.concatenate(vals)))
    if k <= 2:
        mesh = np.meshgrid(*grids, indexing="ij")
        combos = np.stack([m.ravel() for m in mesh], axis=-1)
    else:                                 # no catalog entry has three parameters today; keep it bounded
        rng = np.random.default_rng(0)
        combos = np.stack([rng.choice(g, 3000) for g in grids], axis=-1)
    pv = [np.full((combos.shape[0], 1), base[j]) for j in range(len(base))]
    for c, j in enumerate(free):
        pv[j] = combos[:, c:c + 1]
    loss = _loss(model, data, pv, coarse=True)
    order = np.argsort(np.where(np.isfinite(loss), loss, np.inf), kind="stable")[:keep]
    out = []
    for i in order:
        p = base.copy()
        p[free] = combos[i]
        out.append(p)
    return out


def _gauss_newton(model: _Model, data: _Data, p: np.ndarray, free: list[int], iters: int = 40) -> np.ndarray:
    """Damped Gauss-Newton (Levenberg-Marquardt) on the relative residuals at every probe point."""

    def resid(q):
        return (model.value(data.xs, list(q)) - data.r) / data.scale

    e = resid(p)
    fin = np.isfinite(e)
    cost = float(np.sum(e[fin] ** 2)) if fin.any() else math.inf
    lam = 1e-3
    for _ in range(iters):
        J = model.jacobian(data.xs, list(p))[:, free] / data.scale[:, None]
        rows = np.isfinite(e) & np.all(np.isfinite(J), axis=1)
        if not rows.any():
            break
        Jr, er = J[rows], e[rows]
        A = Jr.T @ Jr
        g = Jr.T @ er
        if not np.any(np.diag(A) > 0):
            break
        improved = False
        while lam < 1e10:
            try:
                step = np.linalg.solve(A + lam * np.diag(np.diag(A) + 1e-300), -g)
            except np.linalg.LinAlgError:
                lam *= 10
                continue
            q = p.copy()
            q[free] = q[free] + step
            q = _clip(q, model.params)
            en = resid(q)
            fn = np.isfinite(en)
            cn = float(np.sum(en[fn] ** 2)) if fn.sum() >= rows.sum() else math.inf
            if cn < cost:
                moved = float(np.max(np.abs(q - p) / (np.abs(p) + 1e-12)))
                p, e, cost, lam = q, en, cn, max(lam / 10, 1e-12)
                improved = True
                break
            lam *= 10
        if not improved or moved < 1e-13:
            break
    return p


def _count(model: _Model, data: _Data, pv) -> np.ndarray:
    return np.sum(_passes(model, data, pv), axis=-1)


def _scan(model: _Model, data: _Data, p: np.ndarray, free: list[int]) -> np.ndarray:
    """Zoom in on each free parameter in turn by the number of probe points reproduced (then the misfit): the
    refinement for parameters that only move a threshold, where Gauss-Newton sees no slope."""
    best = p.copy()
    for _ in range(2):
        for j in free:
            for width in (None, 0.3, 0.02, 0.001):
                c = best[j]
                if width is None:         # the whole coarse grid first: a threshold far from the start
                    vals = np.unique(np.concatenate([_grid(model.params[j].assumption, 5), [c]]))
                else:
                    span = width * abs(c) if abs(c) > 1e-3 else width * 0.1
                    vals = np.unique(np.concatenate([c + np.linspace(-span, span, 61), [c]]))
                vals = np.array([v for v in vals if _in_domain(float(v), model.params[j])])
                if vals.size == 0:
                    continue
                pv = [np.full((vals.size, 1), best[i]) for i in range(len(best))]
                pv[j] = vals[:, None]
                cnt = _count(model, data, pv)
                loss = _loss(model, data, pv)
                loss = np.where(np.isfinite(loss), loss, np.inf)
                key = np.lexsort((loss, -cnt))
                # ties (a threshold anywhere between two probe points): the middle of the tied run
                tied = np.flatnonzero((cnt == cnt[key[0]]) & (loss <= loss[key[0]] * (1 + 1e-12) + 1e-300))
                run = tied[_run(tied, int(key[0]))]
                best[j] = vals[run[len(run) // 2]]
    return best


def _run(idx: np.ndarray, at: int) -> np.ndarray:
    """Mask of the consecutive run of the sorted indices ``idx`` that contains ``at``."""
    pos = int(np.searchsorted(idx, at))
    lo = pos
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    hi = pos
    while hi + 1 < idx.size and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    mask = np.zeros(idx.size, dtype=bool)
    mask[lo:hi + 1] = True
    return mask


def _decimals(v: float, prm) -> list[str]:
    """Short decimal spellings of ``v``, shortest first: 0, then 1, 2, ... significant digits (each digit count
    with its two neighbours in the last place)."""
    out = ["0"] if abs(v) < 1e-3 or prm.assumption == "nonnegative" or prm.assumption == "unit" else []
    if v == 0 or not math.isfinite(v):
        return out + ["0"]
    try:
        dv = Decimal(repr(float(v)))
    except InvalidOperation:
        return out
    top = math.floor(math.log10(abs(v)))
    for digits in range(1, 13):
        q = Decimal(1).scaleb(top - digits + 1)
        c = dv.quantize(q)
        for s in sorted({c, c - q, c + q}, key=lambda t: abs(t - dv)):
            txt = _plain(s)
            if txt not in out:
                out.append(txt)
    out.append(repr(float(v)))
    return out


@dataclass
class _Fit:
    name: str
    params: dict[str, str]                # parameter name -> short decimal
    raw: dict[str, float]
    count: int
    free: list[str]
    stored: dict[str, str] = field(default_factory=dict)   # parameters that match as rounded to the format
    others: list = field(default_factory=list)              # further (params, stored) spellings, in order

    def describe(self) -> str:
        return describe(self.name, self.params)


def _identified(model: _Model, data: _Data, p: np.ndarray, free: list[int], count: int) -> bool:
    """Do the outputs pin every free parameter down?  The Jacobian's nonzero columns must be independent, and
    moving each parameter by 20% (or 0.05 near zero) must lose a probe point."""
    J = model.jacobian(data.xs, list(p))[:, free] / data.scale[:, None]
    J = np.where(np.isfinite(J), J, 0.0)
    norms = np.linalg.norm(J, axis=0)
    nz = norms > 1e-12 * (np.max(norms) if norms.size else 1.0)
    if nz.sum() >= 2:
        s = np.linalg.svd(J[:, nz] / norms[nz], compute_uv=False)
        if s[-1] < 1e-6 * s[0]:
            return False
    for j in free:
        moved = False
        tried = False
        for sign in (1.0, -1.0):
            q = p.copy()
            q[j] = p[j] * (1 + sign * PERTURB) if abs(p[j]) > 0.25 else p[j] + sign * 0.05
            if not _in_domain(float(q[j]), model.params[j]):
                continue
            tried = True
            if int(_count(model, data, list(q))) < count:
                moved = True
        if tried and not moved:
            return False
    return True


def fit(entry: Activation, data: _Data, hold: Mapping[str, Any] | None = None, free: list[str] | None = None,
        deadline: float = math.inf, need: float = MATCH_FRACTION) -> _Fit | None:
    """Fit the parameters named in ``free`` (all by default; the others held at ``hold``, defaults otherwise)
    to the outputs; returns the rounded fit when it reproduces at least the fraction ``need`` of the probe
    points in the float64 screen, else None.  Never raises."""
    try:
        return _fit(entry, data, hold, free, deadline, need)
    except Exception:  # noqa: BLE001 - a fit that fails is a reading we could not find
        return None


def _fit(entry, data, hold, free_names, deadline, need) -> _Fit | None:
    model = _model(entry.name)
    if model is None or not model.params:
        return None
    names = [p.name for p in model.params]
    base_vals = entry.param_values(hold)
    base = np.array([as_float(base_vals[p.symbol]) for p in model.params])
    defaults = np.array([as_float(p.default) for p in model.params])
    free = [names.index(n) for n in (free_names or names)]
    n = data.xs.size
    best: tuple[int, float, np.ndarray] | None = None
    for p0 in _start_points(model, data, free, base, [base, defaults]):
        if _clock() > deadline:
            break
        p = _gauss_newton(model, data, p0, free)
        cnt = int(_count(model, data, list(p)))
        loss = float(_loss(model, data, list(p)))
        if best is None or (cnt, -loss) > (best[0], -best[1]):
            best = (cnt, loss, p)
        if cnt == n:
            break
    if best is None or best[0] < SCAN_FROM * need * n:
        return None                       # nowhere near: not worth scanning (garbage, another function)
    count, _, p = best
    ok = count >= need * n and _identified(model, data, p, free, count)
    if not ok or count < n:
        # a threshold Gauss-Newton cannot move (no slope), or one the outputs do not pin down where it stands
        # (hardtanh's min_val at -100 reproduces bfloat16 outputs clipped at -2.8 within 16 ulps)
        p2 = _scan(model, data, p, free)
        c2 = int(_count(model, data, list(p2)))
        if c2 >= count and c2 >= need * n and _identified(model, data, p2, free, c2):
            p, count, ok = p2, c2, True
    if not ok:
        return None
    # round each free parameter to the shortest decimal that reproduces as many probe points and is nowhere
    # much worse than the fitted value (twice its error or 4 ulps: in float16 the loose count alone cannot
    # tell celu(alpha=2.9) from alpha=3), either as the decimal itself or as the implementation stores it
    # (the decimal rounded to the target format: torch compares |x| > float32(2.2) in hardshrink)
    from symact.audit.dtypes import round_to

    def error(pv) -> np.ndarray:
        with np.errstate(all="ignore"):
            e = np.abs(model.value(data.xs, pv) - data.r)
        return np.where(np.isfinite(e), e, np.inf)

    allowed = np.maximum(np.maximum(2 * error(list(p)), 4 * data.fmt.ulp(data.r)),
                         np.maximum(data.floor * np.abs(data.r), data.fmt.tiny))
    held = {names[i]: _fmt_number(base_vals[model.params[i].symbol]) for i in range(len(names))}
    choices: dict[str, list[tuple[str, str | None]]] = {}
    q = p.copy()
    for j in free:
        accepted: list[tuple[str, str | None]] = []
        for txt in _decimals(float(p[j]), model.params[j]):
            v = float(Decimal(txt))
            w = float(round_to(np.array([v]), data.fmt)[0])
            # the decimal is (in general) not a double: at an input equal to its double a threshold compares as
            # the double just below or above it would (the exact confirmation tells which spelling is right)
            for u in dict.fromkeys([v, w, float(np.nextafter(v, -np.inf)), float(np.nextafter(v, np.inf))]):
                if not _in_domain(u, model.params[j]):
                    continue
                trial = q.copy()
                trial[j] = u
                if int(_count(model, data, list(trial))) >= count and np.all(error(list(trial)) <= allowed):
                    if not accepted:
                        q = trial
                    keep = Decimal(w) != Decimal(txt) and _in_domain(w, model.params[j])
                    accepted.append((txt, str(Decimal(w)) if keep else None))   # the stored binary value
                    break
            if len(accepted) >= ALTERNATIVE_SPELLINGS:
                break
        choices[names[j]] = accepted or [(repr(float(p[j])), None)]
    # the preferred spelling, then one parameter at a time at its next spellings
    first = {k: v[0] for k, v in choices.items()}
    combos = [first] + [dict(first, **{k: alt}) for k, v in choices.items() for alt in v[1:]]
    spellings = []
    for combo in combos:
        texts = dict(held, **{k: t for k, (t, _) in combo.items()})
        stored = {k: st for k, (_, st) in combo.items() if st is not None}
        try:
            entry.param_values(texts)     # the assumption (positive, unit, ...) holds
        except Exception:  # noqa: BLE001
            continue
        spellings.append((texts, stored))
    if not spellings:
        return None
    return _Fit(entry.name, spellings[0][0], {names[j]: float(p[j]) for j in free},
                int(_count(model, data, list(q))), [names[j] for j in free], spellings[0][1], spellings[1:])


# -- the stage ----------------------------------------------------------------------------------------------------
def _same_reading(entry: Activation, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    try:
        return entry.param_values(a) == entry.param_values(b)
    except Exception:  # noqa: BLE001
        return False


def stage_convention(ctx: Context, report: AuditReport, opts) -> None:
    chk = report.check("values")
    if not opts["conventions"] or chk is None or chk.status != FAIL or ctx.hi is None:
        return
    try:
        idx = probe_points(ctx)
    except Exception:  # noqa: BLE001
        return
    if idx.size == 0:
        return
    fmt = ctx.fmt
    xs, r = _with_grid(ctx, ctx.xs[idx], ctx.r[idx])
    # 16x looser than the audit's standard, but in float16 (256 ulps = 25%) capped at FIT_CAP: never tighter
    # than the audit's own standard (bfloat16's 16 ulps are 12.5% already)
    loose = Standard(max(min(ctx.standard.budget * 16, FIT_CAP / fmt.eps), ctx.standard.budget), False)
    asked = describe(ctx.entry.name, _full_params(ctx.entry, ctx.params))

    def exact_score(name: str, params: Mapping[str, Any], model_kappa: bool = True) -> float:
        """Fraction of the probe points within the loose standard of the exact reading (the confirmation)."""
        entry = get(name)
        kappa = None
        model = _model(name) if model_kappa else None
        if model is not None:
            pv = [as_float(v) for v in _full_params(entry, params).values()]
            y, d = model.value(xs, pv), model.slope(xs, pv)
            with np.errstate(all="ignore"):
                kappa = np.abs(xs * d / y)
                kappa = np.where((y == 0) & (xs * d == 0), 1.0, kappa)
                kappa = np.where(np.isfinite(kappa), kappa, np.inf)
        if kappa is None:
            kappa = kappa_of(entry, params, 0, xs, fmt)
        _, _, ok, _, _ = judge_exact(oracle(name, params, 0), xs, r, kappa, fmt, loose)
        return float(ok.mean())

    try:
        own = exact_score(ctx.entry.name, ctx.params, model_kappa=False)
    except Exception:  # noqa: BLE001
        own = 0.0
    if own >= 1.0:
        return
    # the asked reading fails on a few points only (an accuracy defect, or a threshold parameter near the asked
    # one): another reading must then reproduce every probe point
    need = MATCH_FRACTION if own < MATCH_FRACTION else 1.0
    start = _clock()
    deadline = start + SEARCH_SECONDS
    data = _Data(xs, r, fmt, max(min(loose.budget * SCREEN_SLACK, FIT_CAP / fmt.eps), loose.budget), FIT_FLOOR)
    screen = _Data(xs, r, fmt, loose.budget * SCREEN_SLACK, SCREEN_FLOOR)
    matched: str | None = None
    best = MATCH_FRACTION if need < 1.0 else 1.0 - 1e-12      # a score must beat it
    notes: list[str] = []
    stopped = False

    def consider(name: str, params: dict, label: str, note: str = "") -> bool:
        """Confirm a screened reading with the exact oracle; True when it reproduces every probe point."""
        nonlocal matched, best
        try:
            sc = exact_score(name, params)
        except Exception:  # noqa: BLE001 - e.g. a parameter value outside an entry's domain
            return False
        if sc > best:
            matched, best = label, sc
            notes[:] = [note] if note else []
        return sc == 1.0

    def try_fit(entry: Activation, hold=None, free=None) -> bool:
        f = fit(entry, data, hold, free, deadline, need)
        if f is None:
            return False
        raw = ", ".join(f"{k} = {v:.10g}" for k, v in f.raw.items())
        for params, stored in [(f.params, f.stored)] + f.others:
            if entry.name == ctx.entry.name and _same_reading(entry, params, ctx.params):
                return False              # the asked reading itself (its failures are accuracy, not convention)
            label = describe(f.name, params)
            note = f"fitted {f.name} at {xs.size} probe points: {raw}; {label} reproduces them"
            if consider(f.name, params, label, note):
                return True
            if stored:
                how = "; as the implementation stores it: " + ", ".join(
                    f"{k} = {params[k]} rounded to {fmt.name} ({v})" for k, v in stored.items())
                if consider(f.name, dict(params, **stored), label, note + how):
                    return True
        # the short decimals may be too short for the exact standard (float64): the fitted value itself
        full = dict(f.params, **{k: repr(v) for k, v in f.raw.items()})
        return full != f.params and consider(f.name, full, describe(f.name, full),
                                             f"fitted {f.name} at {xs.size} probe points: {raw}")

    scalar = [e for e in entries(scalar_only=True) if isinstance(e, Activation)]
    others = [e for e in scalar if e.name != ctx.entry.name]
    family = [e for e in others if e.params and e.family == ctx.entry.family]
    rest = [e for e in others if e.params and e.family != ctx.entry.family]

    def search() -> None:
        nonlocal stopped
        # 1. the audited entry, parameters fitted
        if ctx.entry.params and try_fit(ctx.entry, ctx.params):
            return
        # 2. every other entry at its defaults: screened in float64, confirmed exactly
        screened = []
        for e in others:
            model = _model(e.name)
            if model is None:
                continue
            pv = [as_float(p.default) for p in e.params]
            try:
                frac = float(np.mean(_passes(model, screen, pv)))
            except Exception:  # noqa: BLE001
                continue
            if frac >= need:
                screened.append(e)
        for e in screened:
            label = describe(e.name, _full_params(e, {}))
            if consider(e.name, {}, label):
                return
        # 3. other entries with parameters, same family first, parameters fitted
        for e in family + rest:
            if _clock() > deadline:
                stopped = True
                return
            if try_fit(e):
                return
        # 4. entries whose parameters the outputs cannot all pin down: one parameter free at a time
        if len(ctx.entry.params) >= 2 and matched is None:
            for p in ctx.entry.params:
                if _clock() > deadline:
                    stopped = True
                    return
                if try_fit(ctx.entry, ctx.params, [p.name]):
                    return

    constant = bool(np.all(r == r[0]))
    try:
        if constant:                      # hardtanh(min_val=c, max_val=c) would "match": not a convention
            notes.append(f"the implementation returns {float(r[0])!r} at every probe point in [-3, 8]")
        else:
            search()
    except Exception as exc:  # noqa: BLE001 - the search never crashes the audit
        notes.append(f"convention search stopped: {type(exc).__name__}: {exc}")
    if matched is None and need == 1.0:
        return                            # the asked reading is the best there is: its values failures say it all
    c = CheckResult("convention", FAIL if matched else NOTE,
                    f"the implementation matches {matched}, not {asked}" if matched
                    else "matches no other catalog entry or parameter value we could fit", points=int(xs.size))
    c.notes.extend(notes)
    if stopped and not matched:
        c.notes.append(f"search stopped after {_clock() - start:.1f} s of CPU time (time limit)")
    if matched:
        report.matches = matched
        c.failures = [Failure("convention", message=c.detail)]
    report.checks.append(c)

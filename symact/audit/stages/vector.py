"""Auditing vector activations (softmax, log_softmax, maxout): ``audit_vector``, reached through
:func:`symact.audit.api.audit` when the catalog entry is a :class:`~symact.catalog.registry.VectorActivation`.

The target is a callable taking an array whose **last axis** is the vector axis (a 1-D vector, or a batch of
them) in the audited dtype; softmax and log_softmax return an array of the same shape, maxout (the max of the
k pre-activations z_1..z_k, catalog entry ``maxout``) returns the input's shape without the last axis.
Calling, kind detection (NumPy arrays or a backend's tensors), time limits and dtypes are :class:`symact.audit.adapters.Target`'s.

Exact values (:func:`exact_row`) are computed in mpmath at 160 bits from closed forms that never cancel:
with m = max(x), z_j = x_j - m (an exact subtraction), e_j = exp(z_j), rest = sum_{j != top} e_j and
S = 1 + rest, softmax_i = e_i / S and log_softmax_i = z_i - log1p(rest), where z_i <= 0 <= log1p(rest), so
both are sums of terms of one sign: every component has relative error below 2^-150, far below anything
the standard can resolve (exponents are unbounded in mpmath, so nothing underflows; e_j with z_j < -1500,
below 2^-2100, is taken as 0 in the sums).  Tests compare them with
:func:`symact.numeric.reference.vector_reference`, which is exact but too slow for audits.

**Condition numbers.** The componentwise standard of :mod:`symact.accuracy` is applied to every component
F_i, with

    kappa_i(x) = sum_j |x_j dF_i/dx_j| / |F_i|

from the exact Jacobian (the relative change of F_i when every input moves by a relative rounding error).
For softmax dF_i/dx_j = s_i (delta_ij - s_j), so kappa_i = |x_i| (1 - s_i) + sum_{j != i} |x_j| s_j; for
log_softmax dF_i/dx_j = delta_ij - s_j gives the same numerator divided by |F_i|; maxout's kappa is 1.  The
derivative check uses the same definition for the Jacobian entries J_ij (their x-derivatives in closed form:
d/dx_k [s_i (delta_ij - s_j)] = s_i (delta_ik - s_k)(delta_ij - s_j) - s_i s_j (delta_jk - s_k), and
d/dx_k [delta_ij - s_j] = -s_j (delta_jk - s_k)).

Checks (each a :class:`CheckResult`; a failure shows the whole input vector and a one-line reproduction):

* ``calls``, ``values``: 1-D vectors of lengths 1 to 64 from families that break naive code (large equal
  entries: exp overflows without max-subtraction; very negative entries: exp underflows; one dominant entry:
  log(1 + tiny) needs log1p; entries spread over many binades; ties; length 1; mixed signs; entries around
  log(max), log(tiny) of the dtype; zeros and subnormals; pseudo-random rows), then a Hypothesis search over
  vectors of length 1..8 with ``target()`` on the error / allowed ratio;
* ``batch``: the same rows stacked as 2-D and 3-D batches must give the 1-D values (catches the wrong axis);
* ``special_values``: a NaN anywhere makes the whole row NaN (and only that row of a batch); +-inf entries
  give the limit where it exists: softmax([inf, 0]) = [1, 0], softmax([-inf, 0]) = [0, 1],
  log_softmax([inf, 0]) = [0, -inf], a length-1 row is [1] (log_softmax [0]) whatever it holds, maxout is
  the max on the extended reals.  Where the limit does not exist (two or more +inf, or every entry -inf)
  the auditor accepts NaN, or any value that is a limit along some path: a probability vector (log_softmax:
  its log) that is 0 (-inf) at the entries below the row's maximum;
* ``range``: softmax outputs in [0, 1], log_softmax outputs <= 0 (exactly: the rounded range);
* ``sum``: softmax sums to 1 within n B u (u = half the spacing at 1, eps/2, of the dtype): a
  backward-stable softmax returns softmax(x') (1 + theta_i) for some x' near x, softmax(x') sums to 1
  exactly, and |theta_i| <= (n + 2) u from the exp, the n-term normalising sum and the division, so kappa
  plays no part here; log_softmax: |sum_i exp(r_i) - 1| <= B (n u + sum_i exp(r_i) ulp(r_i)) (the
  logsumexp of the output is 0: the absolute error of r_i is about ulp(r_i) since |z_i| and log1p(rest) are
  at most |F_i|, plus n u from the sum inside the log);
* ``shift``: F(x + c) = F(x) (maxout: F(x) + c) for constants c with x + c exact in the dtype, within the
  sum of the standard's tolerances at both inputs; ``permutation``: F(Px) = P F(x) (maxout: F(x));
  ``selects`` (maxout): the result is the row's largest entry exactly (the max of floats is one of them, so
  every format represents it; XLA's flush of subnormals to zero fails here);
* hygiene: ``dtype``, ``shape`` ((1,), (5,), (2, 3), (2, 1, 4), (0, 3)), ``mutation``, ``determinism``,
  ``warnings`` (for finite inputs);
* ``derivative``: the full Jacobian, row by row, as the gradient of sum(w * F) for the unit weight vectors
  w = e_i (one backward pass each: ``torch.autograd.grad`` for torch targets; for JAX targets all rows are
  computed once per batch by ``jax.jit(jax.vmap(jax.jacrev(f)))``),
  or from ``grad=``: a callable returning the full Jacobian, shape ``x.shape + (n,)`` with
  ``J[..., i, j] = dF_i/dx_j`` (maxout: the gradient, shape ``x.shape``), as symact's twins' ``df``.  Every
  entry is judged against the exact Jacobian with the kappa above; maxout rows with tied maxima
  (no derivative) are skipped and the tie convention is reported.
"""
from __future__ import annotations

import math
import time
from typing import Any, Callable, Mapping

import mpmath
import numpy as np

from symact.audit import backends
from symact.audit import inputs as gen
from symact.audit.adapters import Target, module_of
from symact.audit.context import MAX_FAILURES, hypothesis_tools, max_ulp, run_search, run_stages
from symact.audit.stages.hygiene import as_bits, changed_in_place, shape_problems
from symact.audit.dtypes import Format, get_format, round_to
from symact.progress import Progress, Quiet
from symact.audit.report import FAIL, PASS, SKIP, AuditReport, CheckResult, Failure
from symact.audit.standard import Standard
from symact.errors import ParameterError
from symact.numeric.fp import split_dd

PREC = 160
#: e^z for z below this is < 2^-2100: far below every format's smallest subnormal and the working precision
NEGLIGIBLE_Z = -1500
#: longest rows the derivative check uses (the exact Jacobian costs n^3 per row)
DERIV_MAX_N = 6
#: longest vectors of the Hypothesis search (lengths the deterministic rows have: no new JAX compilations)
HYPOTHESIS_MAX_N = 8
SHAPES = [(1,), (5,), (2, 3), (2, 1, 4), (0, 3)]


# -- exact values ----------------------------------------------------------------------------------------------
def _excl(vals: list) -> list:
    """[sum_{j != i} v_j for each i] from prefix and suffix sums (no subtraction, no cancellation)."""
    n = len(vals)
    pre = [mpmath.mpf(0)] * (n + 1)
    suf = [mpmath.mpf(0)] * (n + 1)
    for i in range(n):
        pre[i + 1] = pre[i] + vals[i]
        suf[n - 1 - i] = suf[n - i] + vals[n - 1 - i]
    return [pre[i] + suf[i + 1] for i in range(n)]


class _Parts:
    """s_i, 1 - s_i, z_i, log1p(rest) and the kappa numerators N_i of one finite row, in mpmath."""

    def __init__(self, x):
        xs = [float(v) for v in x]
        self.x = [mpmath.mpf(v) for v in xs]
        self.n = n = len(xs)
        self.top = top = int(np.argmax(xs))
        m = self.x[top]
        self.z = [mpmath.fsub(v, m, exact=True) for v in self.x]
        e = [mpmath.mpf(0) if zj < NEGLIGIBLE_Z else mpmath.exp(zj) for zj in self.z]
        e[top] = mpmath.mpf(1)
        self.rest = mpmath.fsum(e[j] for j in range(n) if j != top)
        S = 1 + self.rest
        self.s = [ej / S for ej in e]
        self.o = [v / S for v in _excl(e)]               # 1 - s_i
        self.a = [abs(v) for v in self.x]
        w = _excl([self.a[j] * self.s[j] for j in range(n)])
        self.N = [self.a[i] * self.o[i] + w[i] for i in range(n)]


def _ratio(num, den) -> float:
    if den == 0:
        return 1.0 if num == 0 else math.inf
    return float(num / abs(den))


def exact_row(name: str, x) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """Exact outputs of the finite row ``x``: (hi, lo, kappa, mpmath values); maxout has one output."""
    if name == "maxout":
        m = max(float(v) for v in x)
        return np.array([m]), np.zeros(1), np.ones(1), [mpmath.mpf(m)]
    with mpmath.workprec(PREC):
        p = _Parts(x)
        if name == "softmax":
            vals = p.s
            kappa = [float(v) for v in p.N]
        else:
            L = mpmath.log1p(p.rest)
            vals = [zi - L for zi in p.z]
            kappa = [_ratio(p.N[i], vals[i]) for i in range(p.n)]
        pairs = [split_dd(v) for v in vals]
    return (np.array([q[0] for q in pairs]), np.array([q[1] for q in pairs]), np.array(kappa), vals)


def exact_jacobian(name: str, x) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The exact Jacobian J[i, j] = dF_i/dx_j of the finite row ``x`` as (hi, lo, kappa), each (outputs, n);
    None for maxout at tied maxima (no derivative there)."""
    xs = [float(v) for v in x]
    n = len(xs)
    if name == "maxout":
        top = int(np.argmax(xs))
        if sum(v == xs[top] for v in xs) > 1:
            return None
        J = (np.arange(n) == top).astype(np.float64)[None, :]
        return J, np.zeros_like(J), np.ones_like(J)
    hi, lo, kap = (np.empty((n, n)) for _ in range(3))
    with mpmath.workprec(PREC):
        p = _Parts(xs)
        s, o, a = p.s, p.o, p.a
        for i in range(n):
            for j in range(n):
                if name == "softmax":
                    if i == j:
                        v = s[i] * o[i]
                        num = s[i] * abs(o[i] - s[i]) * p.N[i]
                    else:
                        v = -s[i] * s[j]
                        num = s[i] * s[j] * (a[i] * abs(o[i] - s[i]) + a[j] * abs(o[j] - s[j]) +
                                             2 * mpmath.fsum(a[k] * s[k] for k in range(n) if k not in (i, j)))
                else:
                    v = (o[j] if n > 1 else mpmath.mpf(0)) if i == j else -s[j]
                    num = s[j] * p.N[j]
                hi[i, j], lo[i, j] = split_dd(v)
                kap[i, j] = _ratio(num, v)
    return hi, lo, kap


def limit_row(name: str, x) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """F at a row with NaN/inf entries, the limit there, as (hi, lo, kappa) like :func:`exact_row`; None where
    the limit does not exist (module docs); a row with a NaN gives all-NaN."""
    x = np.asarray(x, dtype=np.float64)
    n = 1 if name == "maxout" else x.size
    ones, zeros = np.ones(n), np.zeros(n)
    if np.isnan(x).any():
        return np.full(n, np.nan), zeros, ones
    if name == "maxout":
        return np.array([np.max(x)]), zeros, ones
    if n == 1:
        return np.array([1.0 if name == "softmax" else 0.0]), zeros, ones
    pos = x == np.inf
    if pos.sum() == 1:
        return (pos.astype(np.float64) if name == "softmax" else np.where(pos, 0.0, -np.inf)), zeros, ones
    if pos.sum() > 1 or np.all(x == -np.inf):
        return None
    # -inf entries contribute exp(-inf) = 0: the finite entries' own softmax, 0 (log: -inf) at the others
    fin = np.isfinite(x)
    hi, lo, kappa = np.full(n, 0.0 if name == "softmax" else -np.inf), zeros.copy(), ones.copy()
    hi[fin], lo[fin], kappa[fin], _ = exact_row(name, x[fin])
    return hi, lo, kappa


# -- input rows ------------------------------------------------------------------------------------------------
def vector_rows(fmt: Format, effort: float = 1.0) -> list[tuple[str, np.ndarray]]:
    """The deterministic rows of a value audit: (family, row), finite and representable in ``fmt``."""
    L, T, Ls, M = math.log(fmt.max), math.log(fmt.tiny), math.log(fmt.subnormal_min), fmt.max
    out: list[tuple[str, list]] = []

    def add(fam, *rows):
        out.extend((fam, list(r)) for r in rows)

    for c in (1000.0, 1e4, 2 * L, L, M / 2, M):
        add("large equal entries", [c, c], [c] * 3, [c] * 5, [c, c, c - 1], [c, -c])
    for c in (-1000.0, -1e4, -2 * L, -M / 2, -M):
        add("very negative entries", [c, c], [c] * 4, [c, c - 1], [c, c, c + 1])
    add("one dominant entry", [50, 0, 0, 0], [0, -30], [0, -20, -30], [30, 0], [20, 0], [17, 0], [10, 0, 0],
        [0, -17], [0, -40], [100, 0], [0, -60, -60], [L, 0], [0, T], [0, Ls], [0, -M], [M, 0], [1, 0] + [-25] * 6)
    bins = [2.0 ** k for k in range(fmt.emin - fmt.precision + 1, fmt.emax + 1, max(1, (fmt.emax - fmt.emin) // 40))]
    for i in range(0, len(bins), 7):
        chunk = bins[i:i + 7]
        add("entries over many binades", chunk, [-v for v in chunk], [v if k % 2 else -v for k, v in enumerate(chunk)])
    add("entries over many binades", [1e-30, 1e-10, 1e-3, 0.5, 3.0, 40.0, 300.0, 5e4])
    add("ties", [1, 1, 1], [0, 0], [5, 5, -5], [-2, -2, 3, 3], [0.5] * 7, [L, L, 0], [0] * 63 + [1])
    add("length 1", [0], [1], [-1], [1000], [-M], [M], [fmt.tiny], [T], [-0.0])
    add("mixed signs", [-3, 2.5, 0, 1e-3, -0.5], [1, -1], [0.1, -0.2, 0.3, -0.4], [-40, 40], [-L, L],
        [-1e4, 3, 1e4, -7], [2, -1, 0.25, -8, 16, -32])
    for v in gen.neighbours(L, fmt, 2):
        add("entries near log(max)", [v, 0], [v, v], [v, -v], [0, -v])
    for v in np.concatenate([gen.neighbours(T, fmt, 1), gen.neighbours(Ls, fmt, 1)]):
        add("entries near log(tiny)", [0, v], [1, v, v])
    add("zeros and subnormals", [0.0, -0.0], [0] * 4, [fmt.tiny, 0], [fmt.subnormal_min, -fmt.subnormal_min],
        [fmt.subnormal_min] * 3)
    rng = np.random.default_rng(20261123)
    k = max(1, int(round(2 * effort)))
    for n in (2, 3, 4, 7, 8, 16, 33, 64):
        for scale in (1.0, 10.0, 100.0, L):
            for _ in range(k):
                add("pseudo-random", rng.normal(size=n) * scale)
    rows, seen = [], set()
    for fam, r in out:
        v = round_to(np.array(r, dtype=np.float64), fmt)
        key = v.tobytes()
        if v.size and np.all(np.isfinite(v)) and key not in seen:
            seen.add(key)
            rows.append((fam, v))
    return rows


# -- text ------------------------------------------------------------------------------------------------------
def _num_text(v: float, fmt: Format) -> str:
    """Shortest decimal that gives ``v`` back in ``fmt`` (float64 when v is not a ``fmt`` value)."""
    if math.isnan(v):
        return "float('nan')"
    if math.isinf(v):
        return "float('inf')" if v > 0 else "-float('inf')"
    if float(round_to(np.array([v]), fmt)[0]) != v:
        fmt = get_format("float64")
    for d in range(1, 18):
        s = repr(float(f"{v:.{d}g}"))
        if float(round_to(np.array([float(s)]), fmt)[0]) == v:
            return s
    return repr(v)


def vec_text(row, fmt: Format) -> str:
    """A row as a Python list expression, runs of 3 or more equal values as ``[v]*k``."""
    vals = [_num_text(float(v), fmt) for v in np.asarray(row, dtype=np.float64).ravel()]
    parts, i = [], 0
    while i < len(vals):
        j = i
        while j < len(vals) and vals[j] == vals[i]:
            j += 1
        parts.append((vals[i], j - i))
        i = j
    if all(k < 3 for _, k in parts):
        return "[" + ", ".join(vals) + "]"
    chunks, plain = [], []
    for v, k in parts:
        if k >= 3:
            if plain:
                chunks.append("[" + ", ".join(plain) + "]")
                plain = []
            chunks.append(f"[{v}]*{k}")
        else:
            plain += [v] * k
    if plain:
        chunks.append("[" + ", ".join(plain) + "]")
    return " + ".join(chunks)


def _show(row, fmt: Format, focus: int | None = None) -> str:
    """A row for reading: :func:`vec_text` when short, else its first and last entries, the length and the
    entry ``focus`` (the reproduction always has the whole row)."""
    full = vec_text(row, fmt)
    vals = np.asarray(row, dtype=np.float64).ravel()
    if len(full) <= 120 or vals.size <= 6:
        return full
    t = [_num_text(float(v), fmt) for v in vals]
    at = f"; [{focus}] = {t[focus]}" if focus is not None else ""
    return f"[{', '.join(t[:3])}, ..., {', '.join(t[-2:])}] ({vals.size} entries{at})"


class _Vec(str):
    """A vector shown as text: in reports (``x = [..]``, abbreviated when long) and in JSON (a string, since
    JSON has no inf/NaN), where ``full`` (every entry) is written."""

    full: str = ""

    def __repr__(self) -> str:
        return str(self)


def _vec(row, fmt: Format, focus: int | None = None) -> _Vec:
    v = _Vec(_show(row, fmt, focus))
    v.full = vec_text(row, fmt)
    return v


# -- the audit -------------------------------------------------------------------------------------------------
class _VectorCtx:
    def __init__(self, target: Target, name: str, fmt: Format, std: Standard, effort: float, progress: Progress,
                 hint: str | None):
        self.target, self.name, self.fmt, self.std = target, name, fmt, std
        self.effort, self.progress, self.hint = effort, progress, hint
        self.caller = target if name != "maxout" else _spreading(target)
        self.rows: list[tuple[str, np.ndarray]] = []
        self.out: list[np.ndarray | None] = []       # returned row (maxout: 1 value), None if unusable
        self.exact: list[tuple] = []
        self.row_ok: list[bool] = []                # the 1-D call of row k passed ``values``
        self.results: list = []            # (input, Result) of calls on finite inputs

    def call(self, X: np.ndarray):
        """(values with the output shape or None, Result) of one call on ``X`` (..., n)."""
        res = self.caller.call(X, self.fmt)
        if np.all(np.isfinite(X)):              # hygiene (dtype, warnings) looks at finite inputs only
            self.results.append((X, res))
        if res.values is None or res.values.shape != X.shape:
            return None, res
        v = res.values
        return (v[..., :1] if self.name == "maxout" else v), res

    def repro(self, X) -> str:
        return self.target.reproduction(0.0, self.fmt, self.hint, literal=_arg_text(X, self.fmt))

    def judge(self, r: np.ndarray, hi, lo, kappa):
        return self.std.judge(r, hi, lo, kappa, self.fmt, np.zeros_like(hi))


def _arg_text(X, fmt: Format, show: bool = False) -> str:
    """An array as nested Python lists (``show``: rows abbreviated for reading)."""
    X = np.asarray(X)
    if X.ndim <= 1:
        return _show(X, fmt) if show else vec_text(X, fmt)
    return "[" + ", ".join(_arg_text(r, fmt, show) for r in X) + "]"


def _spreading(target: Target) -> Target:
    """maxout's target with its result repeated along a new last axis, so that it has the input's shape
    (what :class:`Target` expects); the values then sit in ``[..., 0]``."""
    fn, kw = target.fn, target.kwargs

    def spread(x, **_):
        y = fn(x, **kw)
        if getattr(y, "ndim", None) != x.ndim - 1:
            return y
        return y[..., None][..., np.zeros(x.shape[-1], dtype=np.int64)]

    spread.__module__ = module_of(fn)
    spread.__qualname__ = getattr(fn, "__qualname__", "maxout")
    t = Target(spread, kind=target.kind, call_seconds=target.call_seconds, label=target.label,
               device=target.device)
    return t


def audit_vector(fn: Callable, entry, *, dtype: str = "float32", params: Mapping[str, Any] | None = None,
                 grad: Callable | None = None, budget: float = 16.0, strict: bool = False, effort: float = 1.0,
                 hypothesis: int = 100, exhaustive: bool = False, kind: str | None = None,
                 call_seconds: float = 10.0, kwargs: Mapping[str, Any] | None = None,
                 progress: bool | Progress | None = False, label: str | None = None,
                 derivative: bool | None = None, device: str | None = None) -> AuditReport:
    """Audit ``fn`` as the vector catalog entry ``entry`` (softmax, log_softmax, maxout) in ``dtype``; the
    arguments mean what they mean for :func:`symact.audit.api.audit` (module docs for the checks)."""
    start = time.perf_counter()
    if params:
        raise ParameterError(f"{entry.name} has no parameters (got {', '.join(map(str, params))})")
    if exhaustive:
        raise ParameterError("--exhaustive is for scalar activations (a vector function has no finite input set)")
    if kind == "scalar":
        raise ParameterError(f"{entry.name} acts on arrays: kind 'scalar' does not apply")
    fmt = get_format(dtype)
    std = Standard(budget, strict)
    prog = progress if isinstance(progress, Progress) else (Progress() if progress else Quiet())
    target = fn if isinstance(fn, Target) else Target(fn, kind=kind, call_seconds=call_seconds, label=label,
                                                      kwargs=dict(kwargs or {}), device=device)
    report = AuditReport(target=target.label, activation=entry.name, dtype=fmt.name, params={},
                         device=target.device, standard=std.describe() + ", componentwise; kappa_i = sum_j |x_j dF_i/dx_j| / |F_i|")
    ctx = _VectorCtx(target, entry.name, fmt, std, effort, prog, label)
    stages = [("values", _stage_values), ("hypothesis", _stage_hypothesis), ("batch", _stage_batch),
              ("special values", _stage_special), ("properties", _stage_properties), ("hygiene", _stage_hygiene),
              ("derivative", _stage_derivative)]
    opts = dict(hypothesis=hypothesis, grad=grad, derivative=derivative)

    def setup():
        ctx.caller.detect(fmt)
        if ctx.caller.kind == "scalar":      # nothing array-like worked: report the array calls' failures
            mod = module_of(target.fn)
            ctx.caller.kind = backends.kind_of_module(mod) or backends.ARRAYS
        target.kind = report.kind = ctx.caller.kind

    run_stages(stages, ctx, report, opts, prog, f"{entry.name} {fmt.name}", setup,
               stop=lambda _: target.hung or ctx.caller.hung)
    report.kind = target.kind or ""
    report.seconds = time.perf_counter() - start
    return report


def _row_failure(ctx: _VectorCtx, check: str, x, r, hi, lo, mpv, err, allowed, i: int, message: str = "") -> Failure:
    exact = mpmath.nstr(mpv[i], 17) if mpv is not None else repr(float(hi[i] + lo[i]))
    n_out = len(hi)
    what = f"component {i} of {n_out}: returned {_num_text(float(r[i]), ctx.fmt)}, exact {exact}"
    fx = i if len(x) == n_out else None          # maxout: output 0 is not about input 0
    return Failure(check=check, input=_vec(x, ctx.fmt, fx), returned=_vec(r, ctx.fmt, i),
                   exact=_vec(hi + lo, get_format("float64"), i), ulp_error=float(err[i]),
                   allowed_ulps=float(allowed[i]), message=(message + "; " if message else "") + what,
                   reproduction=ctx.repro(x))


def _worst(err, allowed, ok) -> int:
    e = np.where(ok, -1.0, np.where(np.isfinite(err), err / np.maximum(allowed, 1e-300), np.inf))
    return int(np.argmax(e))


def _stage_values(ctx: _VectorCtx, report: AuditReport, opts) -> None:
    ctx.rows = vector_rows(ctx.fmt, ctx.effort)
    ctx.row_ok = [False] * len(ctx.rows)
    problems: list[str] = []
    bad: list[tuple[float, Failure]] = []
    errs, his = [], []
    n_rows = len(ctx.rows)
    for k, (fam, x) in enumerate(ctx.rows):
        ctx.progress.update(f"{ctx.name} {ctx.fmt.name}: values", k, n_rows)
        r, res = ctx.call(x)
        hi, lo, kappa, mpv = exact_row(ctx.name, x)
        ctx.exact.append((hi, lo, kappa, mpv))
        ctx.out.append(r)
        if r is None:
            if res.timed_out and not problems:     # the detection call hung: say so, not "skipped"
                problems.append(f"the first call did not return within {ctx.target.call_seconds} s")
            else:
                problems.append(res.error or f"returned shape {res.shape} for input shape {x.shape}")
            if ctx.target.hung or ctx.caller.hung:
                break
            continue
        err, allowed, ok = ctx.judge(r, hi, lo, kappa)
        errs.append(err)
        his.append(hi)
        ctx.row_ok[k] = bool(ok.all())
        if not ok.all():
            i = _worst(err, allowed, ok)
            f = _row_failure(ctx, "values", x, r, hi, lo, mpv, err, allowed, i, fam)
            bad.append((float(err[i]) if np.isfinite(err[i]) else math.inf, f))
    calls = CheckResult("calls", PASS, "the target returns arrays for every input row", points=len(ctx.rows))
    if problems:
        calls.status = FAIL
        calls.detail = f"the target failed on {len(problems)} of {len(ctx.rows)} rows"
        calls.failures = [Failure("calls", message=p) for p in dict.fromkeys(problems)][:MAX_FAILURES]
    report.checks.append(calls)
    if not errs:
        return
    err, hi = np.concatenate(errs), np.concatenate(his)
    fams = sorted({f for f, _ in ctx.rows})
    chk = CheckResult("values", PASS, f"every component within the standard ({len(fams)} families of rows)",
                      points=int(err.size), max_ulp=max_ulp(err, hi, ctx.fmt))
    if bad:
        chk.status = FAIL
        chk.detail = f"{len(bad)} of {len(errs)} rows have components outside the standard"
        chk.failures = [f for _, f in sorted(bad, key=lambda t: -t[0])][:MAX_FAILURES]
    report.checks.append(chk)


def _stage_hypothesis(ctx: _VectorCtx, report: AuditReport, opts) -> None:
    chk, n = report.check("values"), opts["hypothesis"]
    hyp = hypothesis_tools(n, chk) if n and chk is not None else None
    if hyp is None:
        return
    targeted, given, steer = hyp

    fmt = ctx.fmt
    found: list[tuple[float, Failure]] = []
    worst = {"ulp": 0.0}

    @targeted
    @given(gen.arrays(fmt.name, min_size=1, max_size=HYPOTHESIS_MAX_N))
    def search(vals):
        x = round_to(vals, fmt)
        if not np.all(np.isfinite(x)):
            return
        r, _ = ctx.call(x)
        if r is None:
            return
        hi, lo, kappa, mpv = exact_row(ctx.name, x)
        err, allowed, ok = ctx.judge(r, hi, lo, kappa)
        i = steer(err, allowed)
        if np.isfinite(err[i]) and (np.abs(hi) >= fmt.tiny)[i]:
            worst["ulp"] = max(worst["ulp"], float(err[i]))
        if not ok.all():
            j = _worst(err, allowed, ok)
            found.append((float(err[j]) if np.isfinite(err[j]) else math.inf,
                          _row_failure(ctx, "values", x, r, hi, lo, mpv, err, allowed, j, "found by Hypothesis")))

    run_search(search, chk)
    chk.notes.append(f"Hypothesis search: {n} vectors of length 1-{HYPOTHESIS_MAX_N}, worst ulp error "
                     f"{worst['ulp']:.3g}")
    if found:
        found.sort(key=lambda t: -t[0])
        if chk.status != FAIL:
            chk.status = FAIL
            chk.detail = "the Hypothesis search found vectors outside the standard"
        chk.failures = (chk.failures + [f for _, f in found[:2]])[:MAX_FAILURES + 2]
        chk.max_ulp = max(chk.max_ulp or 0.0, found[0][0])


def _stage_batch(ctx: _VectorCtx, report: AuditReport, opts) -> None:
    """Rows of one length stacked into (m, n) and (2, m/2, n) batches must give the rows' exact values."""
    groups: dict[int, list[int]] = {}
    for k, (_, x) in enumerate(ctx.rows):
        if k < len(ctx.out):
            groups.setdefault(x.size, []).append(k)
    chk = CheckResult("batch", PASS, "2-D and 3-D batches act along the last axis, row by row")
    fails: list[tuple[float, Failure]] = []
    problems: list[str] = []
    points = 0
    # the lengths with the most rows (each new shape may cost a compilation in JAX), 3-D for the first two
    chosen = sorted((kv for kv in groups.items() if len(kv[1]) >= 2), key=lambda kv: (-len(kv[1]), kv[0]))[:6]
    for g, (n, idx) in enumerate(sorted(chosen, key=lambda kv: kv[0])):
        idx = idx[: 2 * (min(len(idx), 12) // 2)] if len(idx) >= 4 else idx
        if len(idx) == n:                      # a square batch would hide a transposed axis in the shape only
            idx = idx[:-1]
        X = np.stack([ctx.rows[k][1] for k in idx])
        shapes = [X]
        if X.shape[0] % 2 == 0 and g < 2:
            shapes.append(X.reshape(2, X.shape[0] // 2, n))
        for B in shapes:
            r, res = ctx.call(B)
            if r is None:
                problems.append(f"input shape {B.shape}: " + (res.error or f"returned shape {res.shape}"))
                continue
            r2 = r.reshape(len(idx), -1)
            for row, k in enumerate(idx):
                hi, lo, kappa, mpv = ctx.exact[k]
                err, allowed, ok = ctx.judge(r2[row], hi, lo, kappa)
                points += err.size
                if not ok.all() and ctx.row_ok[k]:     # rows failing as 1-D vectors are ``values`` failures
                    i = _worst(err, allowed, ok)
                    f = _row_failure(ctx, "batch", ctx.rows[k][1], r2[row], hi, lo, mpv, err, allowed, i,
                                     f"row {row} of a batch of shape {B.shape}")
                    f.reproduction = ctx.repro(B)
                    fails.append((float(err[i]) if np.isfinite(err[i]) else math.inf, f))
    chk.points = points
    if problems or fails:
        chk.status = FAIL
        chk.detail = (f"{len(fails)} batch rows outside the standard" if fails else "batches fail") + (
            f"; {len(problems)} batch calls failed" if problems else "")
        chk.failures = ([Failure("batch", message=p) for p in dict.fromkeys(problems)] +
                        [f for _, f in sorted(fails, key=lambda t: -t[0])])[:MAX_FAILURES]
    report.checks.append(chk)


_INF, _NAN = math.inf, math.nan


def _special_rows(name: str) -> list[list[float]]:
    rows = [[_NAN, 0, 1], [0, _NAN], [_NAN, _NAN], [_NAN, _INF], [_NAN, -_INF], [_NAN],
            [_INF, 0], [0, _INF, -1], [_INF, -_INF], [_INF, 0, -_INF], [_INF], [-_INF],
            [-_INF, 0], [-_INF, -_INF, 1], [-_INF, 2, 2], [1, -_INF, 3],
            [_INF, _INF], [_INF, _INF, 0], [-_INF, -_INF], [-_INF, -_INF, -_INF]]
    return rows


def _no_limit_ok(name: str, x: np.ndarray, r: np.ndarray, ctx: _VectorCtx) -> bool:
    """Where the limit does not exist: NaN, or a limit along some path (module docs)."""
    if np.all(np.isnan(r)):
        return True
    if np.isnan(r).any():
        return False
    p = r if name == "softmax" else np.exp(r)
    below = x < np.max(x)
    tol = x.size * ctx.std.budget * ctx.fmt.eps / 2
    return bool(np.all((p >= 0) & (p <= 1)) and np.all(p[below] == 0) and abs(math.fsum(p) - 1) <= tol)


def _stage_special(ctx: _VectorCtx, report: AuditReport, opts) -> None:
    chk = CheckResult("special_values", PASS, "NaN -> NaN row, +-inf -> the limit where it exists")
    fails: list[Failure] = []
    no_limit = []
    rows = [np.array(r, dtype=np.float64) for r in _special_rows(ctx.name)]
    for x in rows:
        r, res = ctx.call(x)
        limit = limit_row(ctx.name, x)
        xt = vec_text(x, ctx.fmt)
        if r is None:
            fails.append(Failure("special_values", input=_Vec(xt), message=res.error or f"returned shape {res.shape}",
                                 reproduction=ctx.repro(x)))
            continue
        if limit is None:
            no_limit.append(xt)
            if not _no_limit_ok(ctx.name, x, r, ctx):
                fails.append(Failure("special_values", input=_Vec(xt), returned=_vec(r, ctx.fmt),
                                     exact="no limit", message="no limit exists here: NaN or a limit along some "
                                     "path is accepted", reproduction=ctx.repro(x)))
            continue
        err, allowed, ok = ctx.judge(r, *limit)
        if not ok.all():
            i = _worst(err, allowed, ok)
            what = "NaN in must give a NaN row" if np.isnan(x).any() else "must be the limit"
            fails.append(Failure("special_values", input=_Vec(xt), returned=_vec(r, ctx.fmt),
                                 exact=_vec(limit[0] + limit[1], get_format("float64")),
                                 ulp_error=float(err[i]), allowed_ulps=float(allowed[i]),
                                 message=f"{what}; component {i}: returned {_num_text(float(r[i]), ctx.fmt)}",
                                 reproduction=ctx.repro(x)))
    # a NaN row must not reach the other rows of a batch
    X = np.array([[_NAN, 0.0, 1.0], [0.0, 1.0, 2.0], [-1.0, 0.5, _INF]])
    r, res = ctx.call(X)
    if r is not None:
        hi, lo, kappa, mpv = exact_row(ctx.name, X[1])
        err, allowed, ok = ctx.judge(r[1], hi, lo, kappa)
        ok_nan = bool(np.all(np.isnan(r[0])))
        ok_inf = bool(ctx.judge(r[2], *limit_row(ctx.name, X[2]))[2].all())
        if not (ok.all() and ok_nan):
            fails.append(Failure("special_values", input=_Vec(_arg_text(X, ctx.fmt, True)),
                                 returned=_Vec(_arg_text(r, ctx.fmt, True)),
                                 message="a NaN in row 0 of a batch must make row 0 NaN and leave row 1 alone",
                                 reproduction=ctx.repro(X)))
        elif not ok_inf and not any("float('inf')" in (f.input or "") for f in fails):
            fails.append(Failure("special_values", input=_Vec(_arg_text(X, ctx.fmt, True)),
                                 returned=_Vec(_arg_text(r, ctx.fmt, True)),
                                 message="row 2 of a batch must be the limit", reproduction=ctx.repro(X)))
    if no_limit:
        chk.notes.append(f"no limit at {', '.join(no_limit[:4])}: NaN or a path limit accepted")
    if fails:
        chk.status = FAIL
        chk.detail = f"{len(fails)} special input(s) mishandled"
        chk.failures = fails[:MAX_FAILURES]
    report.checks.append(chk)


def _tol_abs(ctx: _VectorCtx, hi, lo, kappa) -> np.ndarray:
    """The standard's allowed absolute error per component (hi + lo exact values)."""
    from symact import accuracy

    return accuracy.tolerance(hi, kappa, ctx.fmt.numpy_dtype(), ctx.std.budget, ctx.std.strict, lo)


def _stage_properties(ctx: _VectorCtx, report: AuditReport, opts) -> None:
    fmt, name = ctx.fmt, ctx.name
    # rows whose output has a NaN already fail ``values``; the properties look at the others
    usable = [k for k in range(len(ctx.out)) if ctx.out[k] is not None and not np.isnan(ctx.out[k]).any()]
    if not usable:
        return
    u = fmt.eps / 2
    # range
    if name == "softmax":
        rng_desc, inside = "outputs in [0, 1]", lambda x, r: (r >= 0) & (r <= 1)
    elif name == "log_softmax":
        rng_desc, inside = "outputs <= 0", lambda x, r: r <= 0
    else:
        rng_desc = inside = None              # maxout: ``selects`` below says more
    if rng_desc:
        chk = CheckResult("range", PASS, rng_desc, points=len(usable))
        bad = [k for k in usable if not np.all(inside(ctx.rows[k][1], ctx.out[k]))]
        if bad:
            chk.status = FAIL
            chk.detail = f"{len(bad)} rows outside: {rng_desc} fails"
            chk.failures = [_prop_failure(ctx, "range", k, rng_desc) for k in bad[:MAX_FAILURES]]
        report.checks.append(chk)
    # normalisation
    if name in ("softmax", "log_softmax"):
        bad = []
        worst = 0.0
        for k in usable:
            r, n = ctx.out[k], ctx.rows[k][1].size
            if name == "softmax":
                dev, tol = abs(math.fsum(r) - 1.0), n * ctx.std.budget * u
            else:
                p = np.exp(r)
                dev = abs(math.fsum(p) - 1.0)
                tol = ctx.std.budget * (n * u + math.fsum(np.where(p > 0, p * fmt.ulp(r), 0.0)))
            if not dev <= tol:
                bad.append((k, dev, tol))
            elif tol > 0:
                worst = max(worst, dev / tol)
        desc = ("sum_i r_i = 1 within n B u" if name == "softmax" else
                "sum_i exp(r_i) = 1 within B (n u + sum_i exp(r_i) ulp(r_i)) (logsumexp = 0)")
        chk = CheckResult("sum", PASS, desc, points=len(usable))
        chk.notes.append(f"largest deviation {worst:.3g} of the allowed")
        if bad:
            chk.status = FAIL
            chk.detail = f"{len(bad)} rows not normalised: {desc} fails"
            chk.failures = [_prop_failure(ctx, "sum", k, f"deviation {dev:.3g}, allowed {tol:.3g}")
                            for k, dev, tol in sorted(bad, key=lambda t: -t[1] / max(t[2], 1e-300))[:MAX_FAILURES]]
        report.checks.append(chk)
    _shift_check(ctx, report, usable)
    _permutation_check(ctx, report, usable)
    if name == "maxout":
        # the max of floats is one of them: exact in every format (+-0 compare equal)
        bad = [k for k in usable if not ctx.out[k][0] == np.max(ctx.rows[k][1])]
        chk = CheckResult("selects", PASS, "the output is the largest entry of the row, exactly", points=len(usable))
        if bad:
            chk.status = FAIL
            chk.detail = f"{len(bad)} rows return a value other than their largest entry"
            chk.failures = [_prop_failure(ctx, "selects", k, "not the largest entry") for k in bad[:MAX_FAILURES]]
        report.checks.append(chk)


def _prop_failure(ctx: _VectorCtx, check: str, k: int, message: str) -> Failure:
    x = ctx.rows[k][1]
    hi, lo = ctx.exact[k][0], ctx.exact[k][1]
    return Failure(check, input=_vec(x, ctx.fmt), returned=_vec(ctx.out[k], ctx.fmt),
                   exact=_vec(hi + lo, get_format("float64")), message=message, reproduction=ctx.repro(x))


def _exact_sum(a: np.ndarray, c: float) -> bool:
    s = a + c
    bb = s - a
    err = (a - (s - bb)) + (c - bb)
    return bool(np.all(np.isfinite(s)) and np.all(err == 0))


def _shift_check(ctx: _VectorCtx, report: AuditReport, usable: list[int]) -> None:
    fmt = ctx.fmt
    L = float(round_to(np.array([math.log(fmt.max)]), fmt)[0])
    cands = [1.0, -2.0, 0.5, 64.0, -1000.0, 1000.0, L, -L]
    chosen = []
    for j, k in enumerate(u for u in usable if ctx.rows[u][1].size >= 2):
        x = ctx.rows[k][1]
        for c in cands[j % len(cands):] + cands[:j % len(cands)]:
            if _exact_sum(x, c) and np.array_equal(round_to(x + c, fmt), x + c):
                chosen.append((k, c))
                break
        if len(chosen) >= 40:
            break
    bad = []
    for k, c in chosen:
        x = ctx.rows[k][1]
        r2, _ = ctx.call(x + c)
        if r2 is None:
            continue
        hi, lo, kappa, _ = ctx.exact[k]
        hi2, lo2, kappa2, _ = exact_row(ctx.name, x + c)
        base = ctx.out[k] + (c if ctx.name == "maxout" else 0.0)
        tol = _tol_abs(ctx, hi, lo, kappa) + _tol_abs(ctx, hi2, lo2, kappa2)
        gap = np.abs(r2 - base)
        if not np.all((gap <= tol) | (r2 == base)):
            bad.append((k, c, r2))
    chk = CheckResult("shift", PASS, "F(x + c) = F(x)" + (" + c" if ctx.name == "maxout" else "") +
                      " where x + c is exact, within the standard at both inputs", points=len(chosen))
    if bad:
        chk.status = FAIL
        chk.detail = f"{len(bad)} of {len(chosen)} shifted rows differ"
        out = []
        for k, c, r2 in bad[:MAX_FAILURES]:
            f = _prop_failure(ctx, "shift", k, f"shifted by c = {_num_text(c, ctx.fmt)}: F(x + c) = "
                              f"{_show(r2, ctx.fmt)}")
            f.reproduction = ctx.repro(ctx.rows[k][1] + c)
            out.append(f)
        chk.failures = out
    report.checks.append(chk)


def _permutation_check(ctx: _VectorCtx, report: AuditReport, usable: list[int]) -> None:
    bad, count = [], 0
    for k in usable:
        x = ctx.rows[k][1]
        if x.size < 2 or count >= 60:
            continue
        hi, lo, kappa, _ = ctx.exact[k]
        tol = 2 * _tol_abs(ctx, hi, lo, kappa)
        for perm in (np.arange(x.size)[::-1], np.roll(np.arange(x.size), 1)):
            count += 1
            r2, _ = ctx.call(x[perm])
            if r2 is None:
                continue
            base = ctx.out[k] if ctx.name == "maxout" else ctx.out[k][perm]
            t = tol if ctx.name == "maxout" else tol[perm]
            if not np.all((np.abs(r2 - base) <= t) | (r2 == base)):
                bad.append((k, perm, r2))
                break
    chk = CheckResult("permutation", PASS, "F(Px) = " + ("F(x)" if ctx.name == "maxout" else "P F(x)") +
                      " within the standard", points=count)
    if bad:
        chk.status = FAIL
        chk.detail = f"{len(bad)} rows change beyond the standard when permuted"
        chk.failures = []
        for k, perm, r2 in bad[:MAX_FAILURES]:
            f = _prop_failure(ctx, "permutation", k, f"permuted {_show(ctx.rows[k][1][perm], ctx.fmt)} "
                              f"gives {_show(r2, ctx.fmt)}")
            f.reproduction = ctx.repro(ctx.rows[k][1][perm])
            chk.failures.append(f)
    report.checks.append(chk)


def _stage_hygiene(ctx: _VectorCtx, report: AuditReport, opts) -> None:
    fmt, t = ctx.fmt, ctx.target
    sample = next((x for _, x in ctx.rows if x.size == 3), np.array([-1.0, 0.5, 2.0]))
    # dtype
    seen = sorted({r.dtype for _, r in ctx.results if r.values is not None and r.dtype})
    chk = CheckResult("dtype", PASS, f"{fmt.name} in, {fmt.name} out")
    wrong = [d for d in seen if d != fmt.name]
    if wrong:
        chk.status = FAIL
        chk.detail = f"{fmt.name} in, {', '.join(wrong)} out"
        chk.failures = [Failure("dtype", input=_vec(sample, fmt),
                                message=f"returned dtype {', '.join(wrong)} for {fmt.name} input",
                                reproduction=ctx.repro(sample))]
    report.checks.append(chk)
    # shape
    drop = ctx.name == "maxout"
    chk = CheckResult("shape", PASS, "output shape = input shape" + (" without the last axis" if drop else "") +
                      ": " + ", ".join(map(str, SHAPES)))
    probs = shape_problems(t, fmt, SHAPES, (lambda s: s[:-1]) if drop else None)
    if probs:
        chk.status = FAIL
        chk.detail = "shape not as expected"
        chk.failures = [Failure("shape", message=p) for p in probs]
    report.checks.append(chk)
    # mutation
    X = np.stack([x for _, x in ctx.rows if x.size == 3][:3] or [sample])
    changed = changed_in_place(t, fmt, X)
    chk = CheckResult("mutation", PASS, "the input is not modified")
    if changed is not None and changed.size:
        chk.status = FAIL
        chk.detail = f"the call modified {changed.size} input elements in place"
        chk.failures = [Failure("mutation", input=_Vec(_arg_text(X, fmt, True)), message="input modified in place",
                                reproduction=ctx.repro(X))]
    report.checks.append(chk)
    # determinism
    chk = CheckResult("determinism", PASS, "repeat calls return identical bits")
    a, _ = ctx.call(X)
    b, _ = ctx.call(X)
    if a is not None and b is not None:
        same = ((a == b) | (np.isnan(a) & np.isnan(b))) & (np.signbit(a) == np.signbit(b))
        if not same.all():
            chk.status = FAIL
            chk.detail = f"{int((~same).sum())} of {same.size} values differ between two calls"
            chk.failures = [Failure("determinism", input=_Vec(_arg_text(X, fmt, True)), reproduction=ctx.repro(X))]
    report.checks.append(chk)
    # warnings (every call recorded had finite input; the special-values stage's are not recorded)
    first: dict[str, np.ndarray] = {}
    for x, r in ctx.results:
        for w in r.warnings:
            first.setdefault(w, x)
    chk = CheckResult("warnings", PASS, "no warnings for finite inputs")
    if first:
        chk.status = FAIL
        chk.detail = f"{len(first)} kind(s) of warning for finite inputs"
        chk.failures = [Failure("warnings", input=_Vec(_arg_text(x, fmt, True)), message=w, reproduction=ctx.repro(x))
                        for w, x in list(first.items())[:MAX_FAILURES]]
    report.checks.append(chk)


# -- derivative ------------------------------------------------------------------------------------------------
def _jacobian(ctx: _VectorCtx, grad) -> tuple[Callable, str] | None:
    """A callable x (..., n) -> the Jacobian (..., outputs, n) in the target's framework, and how it is
    obtained: ``grad=``, or autograd as the gradients of sum(e_i * F) for the unit weight vectors e_i."""
    t = ctx.target
    fn, kw = t.fn, t.kwargs
    maxout = ctx.name == "maxout"
    if grad is not None:
        g = grad.fn if isinstance(grad, Target) else grad
        return (lambda x: g(x)[..., None, :]) if maxout else g, "the given Jacobian (grad=)"
    if t.kind not in backends.KINDS or not backends.get(t.kind).has_autograd():
        return None
    backend = backends.get(t.kind)
    jac = backend.jacobian_of(lambda v: fn(v, **kw), single=maxout)
    return jac, f"{backend.autograd or t.kind + ' autograd'}: row i is the gradient of sum(e_i * F)"


def _row_targets(ctx: _VectorCtx, jac: Callable, rows: int) -> list[Target]:
    """One :class:`Target` per Jacobian row (its output has the input's shape, as Target expects); the
    Jacobian is computed once per input and shared by the rows."""
    cache: dict = {}

    def row(i):
        def f(x):
            key = (tuple(x.shape), as_bits(x).tobytes())
            if key not in cache:
                cache.clear()
                cache[key] = jac(x)
            return cache[key][..., i, :]

        f.__module__ = module_of(ctx.target.fn)
        return Target(f, kind=ctx.target.kind, call_seconds=ctx.target.call_seconds, label=f"d{ctx.target.label}",
                      device=ctx.target.device)

    return [row(i) for i in range(rows)]


def _deriv_repro(ctx: _VectorCtx, X, i: int, how: str) -> str:
    if ctx.target.kind not in backends.KINDS or not backends.get(ctx.target.kind).has_autograd():
        return ctx.repro(X) + f"  # then the Jacobian row {i} from the grad callable"
    imp, arg, kw, _ = ctx.target.reproduction_parts(0.0, ctx.fmt, ctx.hint, literal=_arg_text(X, ctx.fmt))
    sel = "" if ctx.name == "maxout" else f"[..., {i}]"
    return f'python -c "{imp}; {backends.get(ctx.target.kind).grad_code(lambda v: f"f({v}{kw}){sel}", arg)}"'


def _stage_derivative(ctx: _VectorCtx, report: AuditReport, opts) -> None:
    if opts.get("derivative") is False:
        return
    grad = opts.get("grad")
    got = _jacobian(ctx, grad)
    if got is None:
        report.checks.append(CheckResult("derivative", SKIP, "no gradient given (grad=, --grad) and no autograd"))
        return
    jac, how = got
    groups: dict[int, list[int]] = {}
    for k, (_, x) in enumerate(ctx.rows):
        if x.size <= DERIV_MAX_N:
            groups.setdefault(x.size, []).append(k)
    fails: list[tuple[float, Failure]] = []
    problems: list[str] = []
    errs, his = [], []
    ties = []
    for n, idx in sorted(groups.items()):
        exact = [exact_jacobian(ctx.name, ctx.rows[k][1]) for k in idx]
        X = np.stack([ctx.rows[k][1] for k in idx])
        for i, jt in enumerate(_row_targets(ctx, jac, 1 if ctx.name == "maxout" else n)):
            res = jt.call(X, ctx.fmt)
            if res.values is None or res.values.shape != X.shape:
                problems.append(f"input shape {X.shape}: " + (res.error or f"returned shape {res.shape}"))
                continue
            G = res.values
            for row, k in enumerate(idx):
                ex = exact[row]
                if ex is None:
                    ties.append((ctx.rows[k][1], G[row]))
                    continue
                hi, lo, kap = ex[0][i], ex[1][i], ex[2][i]
                err, allowed, ok = ctx.judge(G[row], hi, lo, kap)
                errs.append(err)
                his.append(hi)
                if not ok.all():
                    j = _worst(err, allowed, ok)
                    x = ctx.rows[k][1]
                    what = (f"dF/dx_{j}" if ctx.name == "maxout" else f"J[{i}, {j}] = dF_{i}/dx_{j}")
                    f = Failure("derivative", input=_vec(x, ctx.fmt, j),
                                returned=_vec(G[row], ctx.fmt, j),
                                exact=_vec(hi + lo, get_format("float64"), j), ulp_error=float(err[j]),
                                allowed_ulps=float(allowed[j]),
                                message=f"{what}: returned {_num_text(float(G[row][j]), ctx.fmt)}, exact "
                                        f"{float(hi[j] + lo[j])!r}",
                                reproduction=_deriv_repro(ctx, x, i, how))
                    fails.append((float(err[j]) if np.isfinite(err[j]) else math.inf, f))
            if jt.hung:
                break
    err = np.concatenate(errs) if errs else np.zeros(0)
    hi = np.concatenate(his) if his else np.zeros(0)
    chk = CheckResult("derivative", PASS, f"the full Jacobian by {how}, every entry within the standard",
                      points=int(err.size), max_ulp=max_ulp(err, hi, ctx.fmt) if err.size else None)
    if problems or fails:
        chk.status = FAIL
        chk.detail = (f"{len(fails)} Jacobian rows outside the standard ({how})" if fails else
                      f"the derivative ({how}) failed")
        chk.failures = ([Failure("derivative", message=p) for p in dict.fromkeys(problems)] +
                        [f for _, f in sorted(fails, key=lambda t: -t[0])])[:MAX_FAILURES]
    if ties:
        x, g = ties[0]
        top = x == x.max()
        if np.allclose(g[top], 1.0 / top.sum()) and np.all(g[~top] == 0):
            conv = "split evenly among the tied maxima"
        elif np.sum(g) == 1 and g[int(np.argmax(x))] == 1:
            conv = "all to the first maximum"
        elif np.sum(g) == 1 and g[len(x) - 1 - int(np.argmax(x[::-1]))] == 1:
            conv = "all to the last maximum"
        else:
            conv = "neither one-hot nor split evenly"
        report.conventions.append(f"maxout gradient at tied maxima, e.g. {_show(x, ctx.fmt)} -> "
                                  f"{_show(g, ctx.fmt)}: {conv} (no derivative exists there)")
    report.checks.append(chk)

"""Every scalar catalog activation at its defaults: every property decided, and the decided values checked
against independent mpmath computations (dense sampling + high-precision root refinement), plus the expected
table cells for the well-known facts."""
from __future__ import annotations


import mpmath
import pytest
import sympy as sp

from symact.catalog import X, entries, get
from symact.display import cell as cell_text
from symact.properties import KEYS
from symact.table import rows

MP_DPS = 25  # tests here run at this many digits (tests/conftest.py)
NAMES = [e.name for e in entries(scalar_only=True)]


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    import os

    old = os.environ.get("SYMACT_CACHE")
    os.environ["SYMACT_CACHE"] = str(tmp_path_factory.mktemp("symact-cache"))
    try:
        data = rows(use_cache=False, jobs=2)
    finally:
        if old is None:
            os.environ.pop("SYMACT_CACHE", None)
        else:
            os.environ["SYMACT_CACHE"] = old
    yield {r["name"]: r for r in data}


def _fn(name):
    f = get(name).f()
    return sp.lambdify(X, f, modules="mpmath")


def _fd(name, order=1):
    """f' from SymPy's derivative of each piece, evaluated in mpmath (independent of symact's analysis)."""
    f = get(name).f()
    d = sp.diff(f, X, order)
    fn = sp.lambdify(X, d, modules="mpmath")
    return lambda t: fn(mpmath.mpf(t))


def test_every_property_decided_at_defaults(table):
    missing = {n: [k for k in KEYS if r["properties"][k]["status"] == "unknown"] for n, r in table.items()}
    missing = {n: ks for n, ks in missing.items() if ks}
    assert not missing, missing   # every verdict kernel-confirmed (mish and gelu_tanh's f' through the decay rule)
    assert set(table) == set(NAMES)
    for row in table.values():
        assert list(row["properties"]) == list(KEYS)


def _grid(lo=-12, hi=12, n=2401):
    return [mpmath.mpf(lo) + (mpmath.mpf(hi) - lo) * k / (n - 1) for k in range(n)]


_BREAKS: dict[str, list[float]] = {}


def _smooth_at(name, t):
    """True when t is not within 1e-3 of a breakpoint of the entry."""
    from symact.calculus import breakpoints

    if name not in _BREAKS:
        _BREAKS[name] = [float(b) for b in breakpoints(get(name).f())]
    return all(abs(float(t) - b) > 1e-3 for b in _BREAKS[name])


@pytest.mark.parametrize("name", NAMES)
def test_range_and_extrema_against_mpmath(table, name):
    """Every stated range."""
    props = table[name]["properties"]
    fn = _fn(name)
    values = [fn(t) for t in _grid(-12, 12, 1201)]
    lo, hi = props["range"]["value"]["lower"], props["range"]["value"]["upper"]
    sample_min, sample_max = min(values), max(values)
    for end, sample, side in ((lo, sample_min, -1), (hi, sample_max, 1)):
        if end["float"] in ("oo", "-oo"):
            # unbounded: the function goes past +-1e3 somewhere far out
            far = max(abs(fn(mpmath.mpf(s) * 2000)) for s in (-1, 1))
            assert far > 500
            continue
        bound = mpmath.mpf(end["float"])
        # the bound is never crossed by the samples
        assert side * (sample - bound) <= 1e-12
        if end["closed"]:
            # attained: at the stated point, or (a ball end: where is not stated) at the critical point that
            # mpmath refines from the sample optimum (f' = 0 there); compare to 1e-12
            points = props["extrema"]["value"]["min" if side < 0 else "max"]["at"]
            if points and "interval" in points[0]:
                continue
            t0 = (mpmath.mpf(points[0]["float"]) if points else
                  mpmath.findroot(_fd(name), _grid(-12, 12, 1201)[values.index(sample)]))
            assert abs(fn(t0) - bound) < 1e-12
            assert abs(sample - bound) < 1e-4
        elif end["closed"] is False:
            # not attained: approached at -oo or +oo
            approach = min(abs(fn(mpmath.mpf(s)) - bound) for s in (-10**7, 10**7))
            assert approach < 1e-5


@pytest.mark.parametrize("name", NAMES)
def test_derivative_extremes_against_mpmath(table, name):
    props = table[name]["properties"]
    d = _fd(name)
    pts = [t for t in _grid(-10, 10, 1001) if _smooth_at(name, t)]
    vals = [d(t) for t in pts]
    for key, sample, side in (("derivative_max", max(vals), 1), ("derivative_min", min(vals), -1)):
        v = props[key]["value"]
        if v["float"] in ("oo", "-oo"):
            continue
        bound = mpmath.mpf(v["float"])
        assert side * (sample - bound) <= 1e-9, (key, sample, bound)
        near = True
        if v["attained"] and v["at"] and "interval" not in v["at"][0]:
            t0 = mpmath.mpf(v["at"][0]["float"])
            near = _smooth_at(name, t0)
            if near:
                assert abs(d(t0) - bound) < 1e-9
        assert abs(sample - bound) < 2e-3 or not v["attained"] or not near
    lip = props["lipschitz"]["value"]
    if lip["float"] != "oo":
        at_kinkless = not (lip["at"] and "interval" not in lip["at"][0] and not _smooth_at(name, lip["at"][0]["float"]))
        assert abs(mpmath.mpf(lip["float"]) - max(abs(v) for v in vals)) < 2e-3 or not lip["attained"] or not at_kinkless


@pytest.mark.parametrize("name", NAMES)
def test_shape_claims_against_sampling(table, name):
    props = table[name]["properties"]
    fn = _fn(name)
    pts = _grid(-8, 8, 401)
    vals = [fn(t) for t in pts]
    diffs = [b - a for a, b in zip(vals, vals[1:])]
    if props["monotonic"]["status"] == "proved":
        assert all(dv >= -1e-20 for dv in diffs) or all(dv <= 1e-20 for dv in diffs)
    else:
        assert any(dv > 1e-12 for dv in diffs) and any(dv < -1e-12 for dv in diffs)
    h = mpmath.mpf(1) / 50
    second = [fn(t - h) - 2 * fn(t) + fn(t + h) for t in pts]
    if props["convex"]["status"] == "proved":
        assert all(s >= -1e-20 for s in second)
    else:
        a, b, c = (sp.Rational(p) for p in props["convex"]["certificate"]["data"]["points"])
        # independent re-check of the chord counterexample
        assert fn(mpmath.mpf(b.p) / b.q) > (fn(mpmath.mpf(a.p) / a.q) + fn(mpmath.mpf(c.p) / c.q)) / 2
    if props["concave"]["status"] == "proved":
        assert all(s <= 1e-20 for s in second)
    f0 = fn(mpmath.mpf(0))
    ident = props["identity_near_origin"]["status"] == "proved"
    if ident:
        assert abs(f0) < 1e-25 and abs(mpmath.diff(fn, 0) - 1) < 1e-20
    sat = props["saturation"]["value"]
    for side, key in ((-1, "left"), (1, "right")):
        slope = abs(_fd(name)(side * 10**4))
        if sat[key] == "none":
            assert slope > 1e-3
        else:
            assert slope < 1e-6
    assert (props["range_has_both_signs"]["status"] == "proved") == (min(vals) < 0 < max(vals))
    assert (props["zero_at_origin"]["status"] == "proved") == (abs(f0) < 1e-25)
    if props["zero_at_origin"]["status"] == "refuted":
        assert abs(f0) > 1e-6
    asym = max(abs(fn(t) + fn(-t)) for t in _grid(0, 12, 97))
    if props["odd"]["status"] == "proved":
        assert asym < 1e-20
    else:
        assert asym > 1e-6


EXPECTED = {
    # name: {key: table cell}
    "relu": {"range": "[0, ∞)", "convex": "yes", "continuity": "C0", "differentiable": "not at 0",
             "saturation": "hard/none", "monotonic": "non-decreasing", "identity_near_origin": "no"},
    "sigmoid": {"range": "(0, 1)", "derivative_max": "1/4", "saturation": "soft/soft", "continuity": "C∞",
                "convex": "no (inflection at 0)", "monotonic": "strictly increasing",
                "range_has_both_signs": "no", "zero_at_origin": "no", "odd": "no"},
    "tanh": {"range": "(-1, 1)", "identity_near_origin": "yes", "range_has_both_signs": "yes", "odd": "yes",
             "lipschitz": "1"},
    "binary_step": {"continuity": "discontinuous", "derivative_max": "0", "derivative_min": "0",
                    "lipschitz": "∞", "range": "{0, 1}"},
    "hardshrink": {"continuity": "discontinuous", "monotonic": "non-decreasing", "lipschitz": "∞",
                   "range": "(-∞, -1/2) ∪ {0} ∪ (1/2, ∞)"},
    "elu": {"continuity": "C1", "convex": "yes", "identity_near_origin": "yes", "range": "(-1, ∞)"},
    "selu": {"continuity": "C0", "convex": "no (inflection at 0)"},
    "softsign": {"continuity": "C1", "saturation": "soft/soft"},
    "hardswish": {"range": "[-3/8, ∞)", "derivative_max": "3/2 (not attained)", "monotonic": "no"},
    "gelu": {"convex": "no (inflection at -1.41421 and 1.41421)", "monotonic": "no", "zero_at_origin": "yes",
             "odd": "no", "range_has_both_signs": "yes", "range": "[-0.169971, ∞)"},
    "silu": {"range": "[-0.278465, ∞)", "odd": "no", "zero_at_origin": "yes"},
    "hardtanh": {"odd": "yes", "convex": "no (curvature changes on [-1, 1])"},
    "softplus": {"convex": "yes", "range": "(0, ∞)", "derivative_max": "1 (not attained)"},
    "logsigmoid": {"concave": "yes", "saturation": "none/soft"},
    "relu6": {"range": "[0, 6]", "saturation": "hard/hard", "extrema": "min 0; max 6",
              "convex": "no (curvature changes on [0, 6])", "differentiable": "not at 0 and 6"},
    "leaky_relu": {"derivative_min": "1/100", "convex": "yes", "range_has_both_signs": "yes", "odd": "no"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_cells(table, name):
    props = table[name]["properties"]
    for key, cell in EXPECTED[name].items():
        assert cell_text(key, props[key]) == cell, (name, key)


def _numbers(value):
    """The numbers and points (dicts with a "float") in a property's value."""
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if not isinstance(value, dict):
        return []
    return ([value] if "float" in value else []) + [n for v in value.values() for n in _numbers(v)]


def test_an_irrational_closed_form_is_shown_only_when_the_kernel_proved_it(table):
    # silu's inf f = -W(1/e) used to be confirmed to 10^-12 of its enclosure and printed as exact: every
    # irrational closed form left in "exact" must come with kernel claims that state it exactly
    from symact.kernel import check

    shown = 0
    for name, row in table.items():
        for key in ("range", "bounded_below", "bounded_above", "extrema", "derivative_max", "derivative_min",
                    "lipschitz"):
            prop = row["properties"][key]
            for n in _numbers(prop["value"]) if prop["status"] == "proved" else []:
                exact = n.get("exact")
                if exact is None or n["float"] in ("oo", "-oo") or sp.sympify(exact).is_Rational:
                    assert "conjecture" not in n or exact is None, (name, key, n)
                    continue
                shown += 1
                claims = [c for c in prop["certificate"]["data"]["conjuncts"]
                          if "exactly" in c["statement"] and n["text"] in c["statement"]]
                assert claims, (name, key, exact)
                for c in claims:   # the kernel itself re-checks them
                    check(c["certificate"])
    assert shown >= 3   # silu: inf f = -W(1/e) (range, extrema) at x = -1 - W(1/e) (extrema)


def test_closed_forms(table):
    from symact.kernel import check

    silu = table["silu"]["properties"]
    assert silu["extrema"]["value"]["min"]["exact"] == "-LambertW(exp(-1))"
    assert silu["extrema"]["value"]["min"]["at"][0]["exact"] == "-1 - LambertW(exp(-1))"
    # gelu's sup f' = 1/2 + erf(1)/2 + 1/(sqrt(pi) e) at sqrt(2) and inf f' = 1/2 - erf(1)/2 - 1/(sqrt(pi) e) at
    # -sqrt(2) (gelu'' = phi(x) (2 - x^2)), and L = sup f', proved exactly: shifted to the point within 1/4 of it,
    # gelu' itself beyond rational cuts around it; the values and points against mpmath's own derivative of
    # x Phi(x) at 50 digits, and every conjunct re-checked by the kernel
    phi = lambda t: t * (1 + mpmath.erf(t / mpmath.sqrt(2))) / 2  # noqa: E731
    jump = sp.erf(1) / 2 + 1 / (sp.sqrt(sp.pi) * sp.E)
    with mpmath.workdps(50):
        for key, point, form in (("derivative_max", sp.sqrt(2), sp.Rational(1, 2) + jump),
                                 ("derivative_min", -sp.sqrt(2), sp.Rational(1, 2) - jump)):
            end = table["gelu"]["properties"][key]
            assert end["status"] == "proved" and "conjecture" not in end["value"], key
            assert sp.simplify(sp.sympify(end["value"]["exact"]) - form) == 0
            assert end["value"]["attained"] is True and [sp.sympify(p["exact"]) for p in end["value"]["at"]] == [point]
            x0 = mpmath.sqrt(2) * (1 if point > 0 else -1)
            true = mpmath.diff(phi, x0)
            assert abs(true - mpmath.mpf(sp.N(form, 60))) < mpmath.mpf(10) ** -40
            assert abs(mpmath.diff(phi, x0, 2)) < mpmath.mpf(10) ** -40   # a critical point of f'
            side = 1 if key == "derivative_max" else -1
            assert all(side * (true - mpmath.diff(phi, t)) >= 0 for t in mpmath.linspace(-10, 10, 401))
            assert any("exactly" in c["statement"] for c in end["certificate"]["data"]["conjuncts"])
            for c in end["certificate"]["data"]["conjuncts"]:
                check(c["certificate"])
    lip = table["gelu"]["properties"]["lipschitz"]
    assert lip["status"] == "proved" and sp.simplify(sp.sympify(lip["value"]["exact"]) - (
        sp.Rational(1, 2) + sp.erf(1) / 2 + 1 / (sp.sqrt(sp.pi) * sp.E))) == 0 and lip["value"]["attained"] is True
    # selu's constants are the 32-digit decimals published with the paper (typed here from Klambauer et al.'s
    # code, not read from the catalog), taken exactly: sup f' = lambda alpha (f' = lambda alpha e^x < lambda alpha
    # for x < 0, lambda < lambda alpha for x > 0, none at 0) is their rational product, exactly and not attained
    lam, alpha = sp.Rational("1.0507009873554804934193349852946"), sp.Rational("1.6732632423543772848170429916717")
    sup = table["selu"]["properties"]["derivative_max"]
    assert sup["status"] == "proved" and sp.Rational(sup["value"]["exact"]) == lam * alpha
    assert sup["value"]["attained"] is False and "conjecture" not in sup["value"]
    assert abs(mpmath.mpf(sup["value"]["float"]) - mpmath.mpf(lam.p) / lam.q * alpha.p / alpha.q) < 1e-15
    # its inf f = -lambda alpha (lambda alpha (e^x - 1) > -lambda alpha, f >= 0 for x >= 0), not attained
    lower = table["selu"]["properties"]["range"]["value"]["lower"]
    assert sp.Rational(lower["exact"]) == -lam * alpha and lower["closed"] is False
    # mish's inf (no closed form, an enclosure of 12+ digits) is kernel-confirmed to 10^-12
    lower = table["mish"]["properties"]["range"]["value"]["lower"]
    assert table["mish"]["properties"]["range"]["status"] == "proved" and lower["exact"] is None
    mish = _fn("mish")
    x0 = mpmath.findroot(lambda t: mpmath.diff(mish, t), -1.2)
    assert abs(lower["float"] - mish(x0)) < 1e-12

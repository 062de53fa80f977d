"""Parametric claims, user expressions outside the catalog, and false claims that must come out refuted."""
from __future__ import annotations

import json

import mpmath
import pytest
import sympy as sp

from symact.catalog import X, get
from symact.errors import ExpressionError, ParameterError, UnknownActivationError
from symact.parsing import parse_expression
from symact.display import cell as cell_text
from symact.properties import (KEYS, analyze, continuity, convex, decide, differentiable, extrema,
                               identity_near_origin, lipschitz, monotonic, range_)

MP_DPS = 30  # tests here run at this many digits (tests/conftest.py)


def _check_chord(expr, verdict, want=1):
    """Re-check a chord counterexample independently with mpmath."""
    assert verdict.status == "refuted"
    assert verdict.certificate.kind == "counterexample"
    a, b, c = (sp.Rational(p) for p in verdict.certificate.data["points"])
    fn = sp.lambdify(X, expr, modules="mpmath")
    q = lambda r: mpmath.mpf(r.p) / r.q  # noqa: E731
    chord = (fn(q(a)) + fn(q(c))) / 2
    assert (fn(q(b)) > chord) if want > 0 else (fn(q(b)) < chord)


# ----------------------------------------------------------------------------------------- parametric
@pytest.mark.parametrize("alpha, is_convex", [("1/2", True), ("1", True), ("2", False), ("3/2", False)])
def test_elu_convex_exactly_when_alpha_at_most_1(alpha, is_convex):
    from symact.catalog import get

    v = convex("elu", {"alpha": alpha})
    assert v.status == ("proved" if is_convex else "refuted")
    if not is_convex:
        _check_chord(get("elu").f({"alpha": alpha}), v)


@pytest.mark.parametrize("alpha, is_convex", [("0", True), ("1/2", True), ("1", True), ("2", False), ("10", False)])
def test_leaky_relu_convex_exactly_when_alpha_at_most_1(alpha, is_convex):
    from symact.catalog import get

    v = convex("leaky_relu", {"alpha": alpha})
    assert v.status == ("proved" if is_convex else "refuted")
    if not is_convex:
        _check_chord(get("leaky_relu").f({"alpha": alpha}), v)


@pytest.mark.parametrize("alpha, cls", [("1", "C1"), ("2", "C0"), ("1/2", "C0"), ("0.999", "C0")])
def test_elu_c1_exactly_when_alpha_is_1(alpha, cls):
    assert continuity("elu", {"alpha": alpha}).value == cls


def test_celu_c1_for_every_alpha():
    for alpha in ("1/2", "2", "3"):
        assert continuity("celu", {"alpha": alpha}).value == "C1"


def test_elu_alpha_2_report():
    r = analyze("elu", params={"alpha": 2})
    assert r.status("convex") == "refuted"
    assert r.status("concave") == "refuted"
    assert r.verdicts["range"].value["lower"]["exact"] == "-2"
    assert r.to_json()["params"] == {"alpha": "2"}


# ----------------------------------------------------------------------------------------- user expressions
USER = {
    # expr: {key: cell}
    # sup f' = pi/2 is approached at +oo: the kernel's tail argument needs the limit of f' = atan(x) + x/(1 + x^2),
    # and its limit calculus does not resolve the 0 * oo of x/(1 + x^2), so the gate withdraws it
    "x*atan(x)": {"convex": "yes", "monotonic": "no", "range": "[0, ∞)", "derivative_max": "unknown"},
    "x/(1+x**2)": {"range": "[-1/2, 1/2]", "monotonic": "no", "identity_near_origin": "yes",
                   "convex": "no (inflection at -1.73205, 0 and 1.73205)", "derivative_min": "-1/8"},
    "exp(-Abs(x))": {"range": "(0, 1]", "continuity": "C0", "differentiable": "not at 0", "extrema": "no min; max 1",
                     "saturation": "soft/soft"},
    # the kernel gate confirms only f' = 1 + cos x >= 0 (f' vanishes at the irrational points (2k+1) pi, so the
    # strict claim f' > 0 fails): the engine's "strictly increasing" is reported as non-decreasing
    "x + sin(x)": {"monotonic": "non-decreasing", "convex": "no", "range": "(-∞, ∞)", "saturation": "none/none"},
    "Max(x, x/3)": {"convex": "yes", "derivative_min": "1/3", "continuity": "C0", "monotonic": "strictly increasing"},
    "Piecewise((0, x < 0), (x**2/2, x < 1), (x - 1/2, True))": {"continuity": "C1", "convex": "yes",
                                                               "differentiable": "everywhere", "saturation": "hard/none"},
    "Piecewise((0, x < 0), (x**3, True))": {"continuity": "C2", "convex": "yes"},
    "atan(x)": {"range": "(-1.5708, 1.5708)", "bounded_above": "yes", "extrema": "no min; no max",
                "odd": "yes", "zero_at_origin": "yes"},
    # convex: f'' = (x^2+1)^(-1/2) - x^2 (x^2+1)^(-3/2) >= 0 is proved (the kernel's algebra writes both powers
    # with one generator G = (x^2+1)^(1/2)); the kernel search does not prove the growth sqrt(x^2+1) >= |x|/1000
    # (interval dependency), but its limit rule proves sqrt(x^2+1) -> oo, so "sup = oo" is confirmed; the tail of
    # f' = x (x^2+1)^(-1/2) -> 1 is not (0 * oo for its limit calculus), so sup f' and L = 1 are withdrawn
    "sqrt(x**2 + 1)": {"convex": "yes", "range": "[1, ∞)", "lipschitz": "unknown", "derivative_max": "unknown"},
    # asinh grows like log|x|, slower than the |x|/1000 growth claim: the kernel's limit rule confirms sup = oo
    "asinh(x)": {"range": "(-∞, ∞)", "bounded_above": "no", "bounded_below": "no", "odd": "yes"},
    # a downward jump: f = x + 1 falls back to f(0) = 0 at x = -1, so the jump f >= f(0) + 1/2 holds only
    # near 0 (the kernel's claim is tried on narrower pieces next to the cut)
    "Piecewise((x + 1, x < 0), (x, True))": {"continuity": "discontinuous", "lipschitz": "∞", "monotonic": "no"},
    "x**3": {"monotonic": "strictly increasing", "lipschitz": "∞", "convex": "no (inflection at 0)", "odd": "yes"},
    "x*erf(x)": {"range": "[0, ∞)", "monotonic": "no", "odd": "no", "range_has_both_signs": "no"},
    "x*Abs(x)": {"continuity": "C1", "monotonic": "strictly increasing", "differentiable": "everywhere",
                 "convex": "no (inflection at 0)", "odd": "yes"},
    # C0 is not confirmed: the gate's continuity claim at 0 is a Lipschitz bound, false for sqrt|x|
    "sqrt(Abs(x)) + x": {"continuity": "unknown", "differentiable": "not at 0"},  # see the next test
    # doubly exponential (TanhExp): the range comes from the general extremum decider, its lower bound
    # (min -0.3532857778... at x = -1.0788600584..., mpmath) confirmed by the kernel gate (a Taylor cover at it)
    "x*tanh(exp(x))": {"range": "[-0.353286, ∞)", "monotonic": "no", "continuity": "C∞"},
}


@pytest.mark.parametrize("text", sorted(USER))
def test_user_expressions(text):
    r = analyze(parse_expression(text), budget=30)
    for key, cell in USER[text].items():
        assert r.cell(key) == cell, (text, key, r.verdicts[key].reason)


def test_user_expression_bounded_with_open_ends_is_checked_by_mpmath():
    expr = parse_expression("x/(1+Abs(x)) + x/10")
    r = analyze(expr)
    assert r.cell("range") == "(-∞, ∞)"
    assert r.cell("derivative_min") == "1/10 (not attained)"
    r = analyze(parse_expression("tanh(x) + 1/2*sigmoid(x)"))
    lo, hi = r.verdicts["range"].value["lower"], r.verdicts["range"].value["upper"]
    assert not lo["closed"] and not hi["closed"]
    assert lo["float"] == pytest.approx(-1) and hi["float"] == pytest.approx(1.5)


def test_non_monotonic_counterexample_is_real():
    v = monotonic("silu")
    assert v.status == "refuted"
    data = v.certificate.data
    fn = sp.lambdify(X, sp.sympify("x/(1+exp(-x))"), modules="mpmath")
    x1, x2 = (mpmath.mpf(sp.Rational(t).p) / sp.Rational(t).q for t in data["decreasing"][:2])
    assert x1 < x2 and fn(x1) > fn(x2)
    x3, x4 = (mpmath.mpf(sp.Rational(t).p) / sp.Rational(t).q for t in data["increasing"][:2])
    assert x3 < x4 and fn(x3) < fn(x4)
    assert v.evidence["_extra"]["strictly_monotonic"]["status"] == "refuted"


# ----------------------------------------------------------------------------------------- false claims
@pytest.mark.parametrize("key, name", [
    ("convex", "sigmoid"), ("convex", "tanh"), ("convex", "silu"), ("convex", "hardswish"), ("convex", "selu"),
    ("concave", "relu"), ("monotonic", "gelu"), ("monotonic", "mish"), ("differentiable", "relu"),
    ("differentiable", "hardshrink"), ("identity_near_origin", "relu"), ("identity_near_origin", "sigmoid"),
    ("identity_near_origin", "silu"), ("bounded_above", "softplus"), ("bounded_below", "identity"),
    ("range_has_both_signs", "relu"), ("range_has_both_signs", "sigmoid"), ("non_saturating", "tanh"),
    ("zero_at_origin", "sigmoid"), ("odd", "silu"), ("odd", "relu"), ("odd", "binary_step"),
])
def test_false_claims_are_refuted(key, name):
    v = decide(key, name)
    assert v.status == "refuted", v.reason
    assert v.certificate is not None and v.certificate.kind != "evidence"


@pytest.mark.parametrize("key, name", [
    ("convex", "relu"), ("convex", "softplus"), ("concave", "logsigmoid"), ("monotonic", "sigmoid"),
    ("monotonic", "hardshrink"), ("identity_near_origin", "tanh"), ("identity_near_origin", "elu"),
    ("range_has_both_signs", "silu"), ("non_saturating", "relu"), ("differentiable", "softsign"),
    ("zero_at_origin", "silu"), ("odd", "tanh"), ("odd", "hardtanh"), ("odd", "softshrink"),
])
def test_true_claims_are_proved(key, name):
    assert decide(key, name).status == "proved"


def test_valued_properties():
    assert lipschitz("hardshrink").value["float"] == "oo"
    assert lipschitz("sigmoid").value["exact"] == "1/4"
    assert range_("tanh").value == {"lower": {"exact": "-1", "text": "-1", "latex": "-1", "float": -1.0, "closed": False},
                                    "upper": {"exact": "1", "text": "1", "latex": "1", "float": 1.0, "closed": False}}
    e = extrema("hardtanh").value
    assert e["min"]["exact"] == "-1" and e["min"]["at"][0]["interval"] == "(-∞, -1]", e
    assert differentiable("relu6").value[1]["exact"] == "6"
    assert identity_near_origin("softsign").status == "proved"


def test_json_schema_of_a_report():
    out = analyze("hardswish").to_json()
    assert set(out) >= {"name", "expr", "properties"}
    assert list(out["properties"]) == list(KEYS)
    json.dumps(out)
    for key, prop in out["properties"].items():
        assert prop["status"] in ("proved", "refuted", "unknown")
        assert "value" in prop and "method" in prop
    rng = out["properties"]["range"]["value"]
    assert rng["lower"] == {"exact": "-3/8", "text": "-3/8", "latex": "- \\frac{3}{8}", "float": -0.375, "closed": True}
    assert rng["upper"] == {"exact": "oo", "text": "∞", "latex": "\\infty", "float": "oo", "closed": False}
    dmax = out["properties"]["derivative_max"]["value"]
    assert dmax["exact"] == "3/2" and dmax["attained"] is False and dmax["at"] == []
    assert out["properties"]["continuity"]["value"] == "C0"
    assert out["properties"]["saturation"]["value"] == {"left": "hard", "right": "none"}
    assert out["properties"]["extrema"]["value"]["max"] is None
    assert "inflection_points" in out["properties"]["convex"]
    assert "U shape" in out["properties"]["convex"]["note"]
    assert "strictly_monotonic" in out["properties"]["monotonic"]
    assert cell_text("range", out["properties"]["range"]) == "[-3/8, ∞)"


# ----------------------------------------------------------------------------------------- bad input
def test_bad_targets():
    with pytest.raises(UnknownActivationError):
        analyze("relux")
    with pytest.raises(ParameterError):
        analyze("elu", params={"alpha": "-1"})
    with pytest.raises(ParameterError):
        analyze("elu", params={"beta": "1"})
    with pytest.raises(ParameterError):
        analyze("softmax")
    with pytest.raises(ExpressionError):
        analyze(sp.Symbol("y") * X)
    with pytest.raises(ParameterError):
        decide("nonsense", "relu")


def test_undefined_points_are_not_guessed():
    # a property report is about f on all of R: the kernel finds that 1/x is undefined at 0, so nothing is stated
    r = analyze(parse_expression("1/x"))
    for key in r.verdicts:
        assert r.status(key) == "unknown"
        assert "undefined at x = 0" in r.verdicts[key].reason


# text that SymPy's evaluation folds into a function defined on all of R: the report is about f as written
AS_WRITTEN = {"x**2/x": "undefined at x = 0 (division by zero", "exp(log(x))": "undefined at x = 0 (log of",
              "x*(tanh(x)/tanh(x))": "undefined at x = 0 (division by zero",
              "diff(Abs(x), x)": "undefined at x = 0 (the left derivative"}  # SymPy's sign(x) is 0 there


@pytest.mark.parametrize("text", sorted(AS_WRITTEN))
def test_the_domain_is_that_of_the_expression_as_written(text):
    r = analyze(expr=text, keys=("range", "monotonic", "odd"), budget=10)
    for key in r.verdicts:
        assert r.status(key) == "unknown" and AS_WRITTEN[text] in r.verdicts[key].reason, (text, key)
    # folded by SymPy too (to tanh(x)), but defined on all of R as written: still decided, on the written form
    assert analyze(expr="exp(x)/exp(x)*tanh(x)", keys=("range",), budget=10).cell("range") == "(-1, 1)"


def test_an_infinite_slope_is_certified_as_no_derivative():
    # sqrt|x| has an infinite one-sided slope at 0: f is continuous there and f' = 1 +- 1/(2 sqrt|x|) tends to
    # +-oo, so by the mean value theorem the difference quotient does too (the kernel's one-sided limits)
    r = analyze(parse_expression("sqrt(Abs(x)) + x"), budget=30)
    assert r.status("differentiable") == "refuted"
    assert "f' does not exist at 0" in str(r.verdicts["differentiable"].derivation)


# ----------------------------------------------------------------------------------------- random parameters
from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=12, deadline=None)
@given(st.fractions(min_value=0, max_value=4, max_denominator=20))
def test_leaky_relu_convexity_matches_alpha(alpha):
    v = convex("leaky_relu", {"alpha": f"{alpha.numerator}/{alpha.denominator}"})
    assert v.status == ("proved" if alpha <= 1 else "refuted")


@settings(max_examples=8, deadline=None)
@given(st.fractions(min_value=0, max_value=3, max_denominator=10).filter(lambda a: a > 0))
def test_elu_convexity_and_class_match_alpha(alpha):
    params = {"alpha": f"{alpha.numerator}/{alpha.denominator}"}
    assert convex("elu", params).status == ("proved" if alpha <= 1 else "refuted")
    assert continuity("elu", params).value == ("C1" if alpha == 1 else "C0")


def test_range_of_a_discontinuous_function_is_not_claimed_to_be_an_interval():
    """binary_step takes only the values 0 and 1: [0, 1] is the hull of its range, not its range."""
    step = analyze("binary_step").to_json()["properties"]["range"]
    assert step["status"] == "proved" and step["value"]["hull"] is True
    assert step["value"]["image"] == "{0, 1}"
    assert "smallest interval" in step["statement"]
    values = {float(get("binary_step").f().subs(X, t)) for t in (-3, -0.5, 0, 0.25, 7)}
    assert values == {0.0, 1.0}
    shrink = analyze("hardshrink").to_json()["properties"]["range"]["value"]
    assert shrink["image"] == "(-∞, -1/2) ∪ {0} ∪ (1/2, ∞)"
    assert "hull" not in analyze("relu").to_json()["properties"]["range"]["value"]

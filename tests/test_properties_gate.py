"""The kernel gate of the property engine: every proved/refuted verdict of the gated keys carries kernel
certificates that re-check, and a verdict the kernel does not confirm is withdrawn (a contradicted one loudly)."""
from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from symact import display
from symact.catalog import X, get
from symact.kernel import check
from symact.kernel.verify import find_certificates
from symact.properties import KEYS, analyze, number_json
from symact.properties.kernel_gate import GATED, gate
from symact.verdict import Certificate, Verdict


def _verdict(status, value, data=None):
    return Verdict(status, "a claim the engine made", value=value, certificate=Certificate("symbolic", data or {}))


@pytest.mark.parametrize("name", ["relu", "tanh", "elu"])
def test_gated_verdicts_carry_kernel_certificates_that_recheck(name):
    report = analyze(name, keys=GATED)
    out = report.to_json()["properties"]
    for key in GATED:
        p = out[key]
        assert p["status"] in ("proved", "refuted"), (key, p["reason"])
        certs = find_certificates(p)
        assert certs and p["certificate"]["kind"] == "kernel", key
        for cert in certs:  # each conjunct is a kernel claim the kernel itself accepts
            verdict, steps = check(cert)
            assert verdict in ("proved", "refuted") and steps


def test_relu_facts_come_from_the_kernel():
    out = analyze("relu", keys=GATED).to_json()["properties"]
    texts = {k: [c["statement"] for c in out[k]["certificate"]["data"]["conjuncts"]] for k in GATED}
    assert "inf f >= 0" in texts["bounded_below"] and "inf f >= 0" in texts["range"]
    assert any(t.startswith("f(x) >= 1/1000*|x| on [8, oo)") for t in texts["bounded_above"])
    assert texts["zero_at_origin"] == ["f is defined on R", "f(0) = 0"]  # the premise of every verdict
    assert any("supporting line" in t for t in texts["convex"])
    assert out["monotonic"]["value"] == "non-decreasing"


def test_the_gate_reads_the_expression_as_written():
    """SymPy evaluates x**2/x to x and 0*log(x) + x to x; the functions written are undefined at 0, so no
    property is stated (zero_at_origin was proved of x**2/x)."""
    for text in ("x**2/x", "0*log(x) + x"):
        out = analyze(expr=text, keys=("range", "zero_at_origin", "monotonic"))
        for key in ("range", "zero_at_origin", "monotonic"):
            assert out[key].status == "unknown" and "undefined at x = 0" in out[key].reason, (text, key)


def test_f_must_be_proved_defined_on_the_whole_line():
    """(x**2 - 2)/(x**2 - 2) + x is undefined only at the irrational points +-sqrt(2), where no quick point
    falls; its image misses 1 +- sqrt(2), so the engine's range (-oo, oo) of x + 1 must not stand."""
    out = analyze(expr="(x**2 - 2)/(x**2 - 2) + x", keys=("range", "zero_at_origin"))
    for key in ("range", "zero_at_origin"):
        assert out[key].status == "unknown" and "defined on all of R" in out[key].reason, key


def test_a_corrupted_bound_is_withdrawn_as_a_soundness_bug():
    relu = get("relu").f()
    wrong = {"bounded_below": _verdict("proved", number_json(sp.Integer(1)))}  # inf relu is 0, not 1
    with pytest.warns(RuntimeWarning, match="soundness"):
        out = gate(relu, wrong)
    assert out["bounded_below"].status == "unknown" and "SOUNDNESS" in out["bounded_below"].reason
    # a bound that holds but is not the inf: no point comes within 1e-20 of -1/2, so the value is not confirmed
    low = gate(relu, {"bounded_below": _verdict("proved", number_json(sp.Rational(-1, 2)))})["bounded_below"]
    assert low.status == "unknown" and "inf f <= -1/2" in low.reason and "refuted" in low.reason


def test_wrong_shape_verdicts_are_caught():
    silu = get("silu").f()
    with pytest.warns(RuntimeWarning, match="soundness"):  # silu decreases left of its minimum
        assert gate(silu, {"monotonic": _verdict("proved", "increasing")})["monotonic"].status == "unknown"
    sigmoid = get("sigmoid").f()
    with pytest.warns(RuntimeWarning, match="soundness"):  # sigmoid(0) = 1/2
        assert gate(sigmoid, {"zero_at_origin": _verdict("proved", {"f(0)": "0"})})["zero_at_origin"].status == "unknown"
    with pytest.warns(RuntimeWarning, match="soundness"):  # sigmoid(-x) = 1 - sigmoid(x), not -sigmoid(x)
        assert gate(sigmoid, {"odd": _verdict("proved", True)})["odd"].status == "unknown"
    # tanh is not convex; the kernel cannot prove tanh'' >= 0, so the verdict is withdrawn with the reason
    out = gate(sp.tanh(X), {"convex": _verdict("proved", True)})["convex"]
    assert out.status == "unknown" and "kernel" in out.reason


def test_a_refutation_needs_its_counterexample_checked():
    relu = get("relu").f()
    # the engine's certificate claims relu(1) < relu(2) and relu(-1) > relu(-2): the second is false
    bogus = _verdict("refuted", "neither", {"increasing": ["1", "2"], "decreasing": ["-1", "-2"]})
    with pytest.warns(RuntimeWarning, match="soundness"):
        assert gate(relu, {"monotonic": bogus})["monotonic"].status == "unknown"


def test_unbounded_and_unreadable():
    out = gate(X ** 3, {"bounded_above": _verdict("refuted", number_json(sp.oo))})
    assert out["bounded_above"].status == "refuted" and out["bounded_above"].certificate.kind == "kernel"
    # a function the kernel does not read: nothing gated is stated
    out = gate(sp.gamma(X ** 2 + 1), {"zero_at_origin": _verdict("refuted", {"f(0)": "1"})})
    assert out["zero_at_origin"].status == "unknown" and "kernel" in out["zero_at_origin"].reason


def _extreme(v, attained, at=()):
    return dict(number_json(v), attained=attained, at=[number_json(a) for a in at])


DERIVED = ("derivative_max", "derivative_min", "lipschitz", "identity_near_origin", "non_saturating")


def test_derivative_keys_are_confirmed_by_the_kernel():
    """sup f' approached at a kink (hardswish' -> 3/2 as x -> 3-), L from a jump (binary_step), f'(0) = 1
    (softsign) and the limits of |f| at the ends: each with kernel certificates that re-check."""
    want = {"hardswish": {"derivative_max": "proved", "lipschitz": "proved", "identity_near_origin": "refuted",
                          "non_saturating": "proved"},
            "softsign": {"derivative_min": "proved", "identity_near_origin": "proved", "non_saturating": "refuted"},
            "binary_step": {"lipschitz": "proved"}}
    for name, statuses in want.items():
        out = analyze(name, keys=(*DERIVED, "range")).to_json()["properties"]
        for key, status in statuses.items():
            p = out[key]
            assert p["status"] == status and p["certificate"]["kind"] == "kernel", (name, key, p["reason"])
            for cert in find_certificates(p):
                assert check(cert)[0] in ("proved", "refuted")
        texts = [c["statement"] for c in out["lipschitz"]["certificate"]["data"]["conjuncts"]]
        assert name != "binary_step" or any("a jump" in t for t in texts)
        assert name != "hardswish" or any("|x - 3|" in t for t in texts)
    assert out["lipschitz"]["value"]["float"] == "oo"


def test_wrong_derivative_verdicts_are_withdrawn():
    relu, tanh = get("relu").f(), sp.tanh(X)
    with pytest.warns(RuntimeWarning, match="soundness"):  # relu' = 1 on (0, oo): sup f' is not 1/2
        out = gate(relu, {"derivative_max": _verdict("proved", _extreme(sp.Rational(1, 2), True, [1]))})
    assert out["derivative_max"].status == "unknown"
    with pytest.warns(RuntimeWarning, match="soundness"):  # relu'(2) = 1, not 2
        out = gate(relu, {"derivative_max": _verdict("proved", _extreme(sp.Integer(2), True, [2]))})
    assert out["derivative_max"].status == "unknown"
    # tanh' <= 1 holds, but sup tanh' = 1: a claimed 2 that is not attained has no point reaching it
    out = gate(tanh, {"derivative_max": _verdict("proved", _extreme(sp.Integer(2), False))})["derivative_max"]
    assert out.status == "unknown" and "kernel" in out.reason
    step = get("binary_step").f()
    zero = _extreme(sp.Integer(0), True, [1])
    with pytest.warns(RuntimeWarning, match="soundness"):  # f' = 0 where it exists, but f jumps at 0
        out = gate(step, {"derivative_max": _verdict("proved", zero), "derivative_min": _verdict("proved", zero),
                          "lipschitz": _verdict("proved", zero)})
    assert out["derivative_max"].status == "proved" and out["lipschitz"].status == "unknown"
    # L = 1/2 for tanh rests on a derivative bound of 1/2 that was never stated
    out = gate(tanh, {"lipschitz": _verdict("proved", _extreme(sp.Rational(1, 2), True, [0]))})["lipschitz"]
    assert out.status == "unknown"
    with pytest.warns(RuntimeWarning, match="soundness"):  # relu has no derivative at 0
        assert gate(relu, {"identity_near_origin": _verdict("proved", {})})["identity_near_origin"].status == "unknown"
    with pytest.warns(RuntimeWarning, match="soundness"):  # |relu| -> oo at +oo
        assert gate(relu, {"non_saturating": _verdict("refuted", {})})["non_saturating"].status == "unknown"
    assert gate(tanh, {"non_saturating": _verdict("proved", {})})["non_saturating"].status == "unknown"


def test_a_kink_at_an_irrational_point_leaves_the_derivative_claims_unknown_not_a_soundness_alarm():
    """min(1, softplus x) is non-decreasing with 0 <= f' < (e - 1)/e where f' exists, but it has a kink at
    log(e - 1) (irrational), where f' does not exist; claims about f' on pieces between rational breakpoints
    cannot leave that point out, so these true verdicts stay unknown with the reason, and no alarm is raised."""
    import warnings

    f = sp.Min(1, sp.log(1 + sp.exp(X)))
    sup = _extreme(1 - 1 / sp.E, False)  # sigmoid(x) just left of log(e - 1)
    true = {"monotonic": _verdict("proved", "non-decreasing"), "derivative_max": _verdict("proved", sup),
            "derivative_min": _verdict("proved", _extreme(sp.Integer(0), True)),
            "lipschitz": _verdict("proved", sup)}
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        out = gate(f, true)
    for key in true:
        assert out[key].status == "unknown" and "not all rational" in out[key].reason, key
    located = gate(sp.Min(1, 2 * X), {"monotonic": true["monotonic"]})["monotonic"]  # its kink at 1/2
    assert located.status == "proved"

def test_every_property_is_gated():
    assert sorted(GATED) == sorted(KEYS)


SMOOTHNESS = ("continuity", "differentiable", "saturation")


def test_smoothness_and_saturation_are_confirmed_by_the_kernel():
    """The class (C-infinity, C1 with f'' missing at 0, C0, a jump), differentiability and each side's
    saturation carry kernel certificates that re-check, with the claims that pin the exact class."""
    want = {"softsign": ("C1", "proved", {"left": "soft", "right": "soft"}),
            "relu": ("C0", "refuted", {"left": "hard", "right": "none"}),
            "binary_step": ("discontinuous", "refuted", {"left": "hard", "right": "hard"}),
            "gelu": ("Cinf", "proved", {"left": "soft", "right": "none"})}
    for name, (cls, diff, sat) in want.items():
        out = analyze(name, keys=SMOOTHNESS).to_json()["properties"]
        assert (out["continuity"]["value"], out["differentiable"]["status"], out["saturation"]["value"]) == \
            (cls, diff, sat), name
        for key in SMOOTHNESS:
            p = out[key]
            assert p["certificate"]["kind"] == "kernel", (name, key, p["reason"])
            for cert in find_certificates(p):
                assert check(cert)[0] in ("proved", "refuted")
        texts = {k: [c["statement"] for c in out[k]["certificate"]["data"]["conjuncts"]] for k in SMOOTHNESS}
        if name == "softsign":
            assert "f'' does not exist at 0" in texts["continuity"] and "f'(0) = 1" in texts["continuity"]
            assert any(t.startswith("f' -> 0 as x -> oo") for t in texts["saturation"])
        if name == "gelu":
            assert texts["continuity"] == ["f is defined on R", "f is C-infinity on R"]
        if name == "relu":
            assert "f' does not exist at 0" in texts["differentiable"] and "f' = 0 on (-oo, 0)" in texts["saturation"]
    text = analyze("relu", keys=SMOOTHNESS).text()
    assert "kernel-checked" not in text and "unknown" not in text


def test_wrong_smoothness_verdicts_are_withdrawn():
    elu, relu, tanh = get("elu").f(), get("relu").f(), sp.tanh(X)
    assert gate(elu, {"continuity": _verdict("proved", "C2")})["continuity"].status == "unknown"  # no elu''(0)
    # elu is C1: no claim shows that elu' fails to exist at 0, so C0 is not confirmed
    assert gate(elu, {"continuity": _verdict("proved", "C0")})["continuity"].status == "unknown"
    assert gate(relu, {"continuity": _verdict("proved", "Cinf")})["continuity"].status == "unknown"
    assert gate(tanh, {"continuity": _verdict("proved", "discontinuous")})["continuity"].status == "unknown"
    with pytest.warns(RuntimeWarning, match="soundness"):  # relu'(0) does not exist
        assert gate(relu, {"differentiable": _verdict("proved", [])})["differentiable"].status == "unknown"
    out = gate(tanh, {"differentiable": _verdict("refuted", [number_json(sp.Integer(0))])})["differentiable"]
    assert out.status == "unknown" and "could not confirm" in out.reason
    logsigmoid = get("logsigmoid").f()
    with pytest.warns(RuntimeWarning, match="soundness"):  # logsigmoid' -> 1 at -oo: not soft
        out = gate(logsigmoid, {"saturation": _verdict("proved", {"left": "soft", "right": "soft"})})
    assert out["saturation"].status == "unknown"
    for wrong in ("none", "none"), ("hard", "hard"), ("soft", "none"):  # relu: left hard, right none
        wrong = dict(zip(("left", "right"), wrong))
        assert gate(relu, {"saturation": _verdict("proved", wrong)})["saturation"].status == "unknown"
    assert gate(tanh, {"saturation": _verdict("proved", {"left": "none", "right": "soft"})})["saturation"].status \
        == "unknown"


def _ball(text):
    import mpmath

    mid, rad = (sp.Rational(t) for t in text.strip("[]").split(" +/- "))
    return mpmath.mpf(mid.p) / mid.q, mpmath.mpf(rad.p) / rad.q


def test_a_closed_form_the_kernel_confirms_only_as_a_ball_is_not_shown_as_proved():
    """inf silu = -W(1/e); -W(1/e) + 10^-15 lies within the 10^-12 to which the kernel confirms an enclosure (f
    comes below it near the minimum, and f >= it - 10^-12 everywhere), so the gate used to confirm the range
    [-W(1/e) + 10^-15, oo) and print that wrong closed form as proved; it is now a conjecture next to the
    confirmed ball (the kernel's exact claim f(a) == m fails: no point a is given)."""
    import mpmath

    wrong = -sp.LambertW(sp.exp(-1)) + sp.Rational(1, 10 ** 15)
    value = {"lower": {**number_json(wrong), "closed": True}, "upper": {**number_json(sp.oo), "closed": False}}
    text = value["lower"]["text"]
    engine = Verdict("proved", f"the range of silu is [{text}, ∞)", r"f(x) = x \sigma(x):\quad f(\mathbb{R}) = ?",
                     value=value, certificate=Certificate("symbolic", {}))
    out = gate(get("silu").f(), {"range": engine})["range"]
    assert out.status == "proved", out.reason
    lower = out.value["lower"]
    assert lower["exact"] is None and lower["text"] is None and lower["conjecture"]["exact"] == str(wrong)
    mid, rad = _ball(lower["enclosure"])   # the ball the kernel confirmed holds the true inf
    with mpmath.workdps(40):
        assert abs(mid + mpmath.lambertw(mpmath.exp(-1))) <= rad < 1e-11
    assert "closed form not proved" in out.latex and text not in out.statement


def test_a_wrong_closed_form_of_an_end_of_f_prime_or_a_wrong_point_is_never_proved():
    """gelu's sup f' = 1/2 + erf(1)/2 + 1/(sqrt(pi) e) at sqrt(2) is proved exactly through f'(x + sqrt(2)) near
    0 and f' beyond cuts around sqrt(2); an engine verdict with the form moved by 10^-15 (inside the ball the
    kernel confirms to 10^-12), or with the point moved to 1 + sqrt(2)/2 (f' there is 0.93), is never shown as
    proved: at most its ball, the form a conjecture, with no point (or withdrawn when the kernel refutes the
    planted value)."""
    import warnings

    import mpmath

    raw = analyze("gelu", keys=("derivative_max",), kernel_checked=False)["derivative_max"]
    assert raw.value["exact"] is not None
    true = sp.Rational(1, 2) + sp.erf(1) / 2 + 1 / (sp.sqrt(sp.pi) * sp.E)
    wrong_form = {**number_json(true + sp.Rational(1, 10 ** 15)), "attained": True, "at": raw.value["at"]}
    moved = {**raw.value, "at": [number_json(1 + sp.sqrt(2) / 2)]}
    for value in (wrong_form, moved):
        engine = Verdict("proved", "sup of f'", "f'", value=value, certificate=Certificate("symbolic", {}))
        with warnings.catch_warnings(record=True) as seen:  # the kernel refuting the planted value: a warning
            warnings.simplefilter("always")
            out = gate(get("gelu").f(), {"derivative_max": engine})["derivative_max"]
        assert all("but the kernel refuted it" in str(w.message) for w in seen)
        assert out.status in ("proved", "unknown") and (not seen or out.status == "unknown")
        if out.status == "proved":   # within the gate's CPU caps: the ball, with no point
            assert out.value["exact"] is None and out.value["at"] == [], out.value
            mid, rad = _ball(out.value["enclosure"])
            with mpmath.workdps(40):
                top = mpmath.mpf(1) / 2 + mpmath.erf(1) / 2 + 1 / (mpmath.sqrt(mpmath.pi) * mpmath.e)
                assert abs(mid - top) <= rad < 1e-11


def test_closed_forms_of_expressions_are_proved_or_labelled():
    """atan: sup = pi/2, not attained (atan x < pi/2, and pi/2 - atan x = atan(1/x) < 1/x for x > 0), proved
    exactly; x exp(-x^2): f' = (1 - 2x^2) exp(-x^2) vanishes at +-1/sqrt(2), so max f = exp(-1/2)/sqrt(2)
    there, proved exactly (f(x + sqrt(2)/2) within 1/4 of the point, f beyond rational cuts around it), checked
    against mpmath at 50 digits."""
    import mpmath

    upper = analyze(expr="atan(x)", keys=("range",))["range"]
    assert upper.status == "proved" and upper.value["upper"]["exact"] == "pi/2"
    assert any("sup f = π/2 exactly" in c["statement"] for c in upper.certificate.data["conjuncts"])
    top = analyze(expr="x*exp(-x**2)", keys=("range", "extrema"))
    assert top["range"].status == "proved" and top["extrema"].status == "proved"
    hi = top["extrema"].value["max"]
    assert sp.simplify(sp.sympify(hi["exact"]) - sp.exp(sp.Rational(-1, 2)) / sp.sqrt(2)) == 0
    assert [sp.sympify(p["exact"]) for p in hi["at"]] == [sp.sqrt(2) / 2]
    with mpmath.workdps(50):
        f = lambda t: t * mpmath.exp(-t ** 2)  # noqa: E731
        top_value = mpmath.findroot(lambda t: mpmath.diff(f, t), 0.7)
        assert abs(f(top_value) - mpmath.exp(-0.5) / mpmath.sqrt(2)) < 1e-40
    assert sp.simplify(sp.sympify(top["range"].value["upper"]["exact"]) - sp.exp(sp.Rational(-1, 2)) / sp.sqrt(2)) == 0
    for verdict in (top["range"], top["extrema"]):
        assert any("exactly" in c["statement"] for c in verdict.certificate.data["conjuncts"])


def test_inflection_points_are_kernel_checked():
    """gelu'' = phi(x) (2 - x^2) (d/dx of Phi(x) + x phi(x), phi' = -x phi): zero at +-sqrt(2), where it changes
    sign, so the kernel proves those closed forms exactly; each certificate re-checks."""
    out = analyze("gelu", keys=("convex", "concave", "continuity")).to_json()["properties"]
    for key in ("convex", "concave"):
        p = out[key]
        assert [q["exact"] for q in p["inflection_points"]] == ["-sqrt(2)", "sqrt(2)"], key
        texts = [c["statement"] for c in p["certificate"]["data"]["conjuncts"]]
        assert any("changes sign at √2 exactly" in t for t in texts), texts
        for cert in find_certificates(p):
            assert check(cert)[0] in ("proved", "refuted")
    # relu6 = min(max(x, 0), 6): a convex kink at 0 and a concave one at 6, linear in between
    relu6 = analyze("relu6", keys=("convex", "continuity")).to_json()["properties"]["convex"]
    assert [q["interval"] for q in relu6["inflection_points"]] == ["[0, 6]"]
    assert any("supporting line" in c["statement"] for c in relu6["certificate"]["data"]["conjuncts"])


def test_a_planted_wrong_inflection_point_is_not_shown():
    """The engine's inflection points of gelu replaced by wrong ones: gelu'' = phi(x) (2 - x^2) does not change
    sign at 141/100 (it is > 0 on (1, sqrt(2))) nor at sqrt(3) (< 0 on both sides), so the gate shows none and
    says why.  Before the gate checked them, the engine's points were shown as they came."""
    from symact.properties.piece_shape import Pt
    from symact.properties import point_json

    gelu = get("gelu")
    for planted in ([point_json(sp.Rational(141, 100))], [point_json(Pt.of(sp.sqrt(3)))],
                    [point_json(Pt.of(-sp.sqrt(2))), point_json(sp.Rational(141, 100))]):
        verdicts = dict(analyze(gelu, keys=("convex", "continuity"), kernel_checked=False).verdicts)
        extra = verdicts["convex"].evidence["_extra"]
        assert len(extra["inflection_points"]) == 2  # the engine's own: +-sqrt(2)
        extra["inflection_points"] = planted
        p = gate(gelu.f(), verdicts)["convex"]
        shown = p.evidence["_extra"]
        assert p.status == "refuted" and "inflection_points" not in shown, planted
        assert "not shown" in shown["inflection_points_reason"]


def test_an_inflection_point_without_a_closed_form_is_its_certified_ball():
    """silu'' = s(1 - s)(2 + x(1 - 2s)) with s = sigmoid(x), so its inflection points solve x tanh(x/2) = 2
    (1 - 2s = -tanh(x/2)); mpmath finds them at 50 digits, inside the balls the kernel's claims pin them to."""
    import mpmath
    from flint import arb

    mpmath.mp.dps = 50
    root = mpmath.findroot(lambda x: x * mpmath.tanh(x / 2) - 2, 2.4)
    points = analyze("silu", keys=("convex", "continuity")).to_json()["properties"]["convex"]["inflection_points"]
    assert len(points) == 2
    for p, truth in zip(points, (-root, root)):
        assert p["exact"] is None and arb(p["enclosure"]).contains(arb(mpmath.nstr(truth, 40)))
        assert arb(p["enclosure"]).rad() < 1e-10


def test_the_image_of_a_discontinuous_f_is_kernel_checked():
    """hardshrink(x) = x for |x| > 1/2, else 0: affine on each piece, 0 at the cuts, so its image is
    (-oo, -1/2) U {0} U (1/2, oo); a planted wrong image of binary_step (0 for x < 0, else 1: the image is
    {0, 1}) is not shown, only the confirmed hull [0, 1]."""
    p = analyze("hardshrink", keys=("range",)).to_json()["properties"]["range"]
    assert p["status"] == "proved" and p["value"]["image"] == "(-∞, -1/2) ∪ {0} ∪ (1/2, ∞)"
    texts = [c["statement"] for c in p["certificate"]["data"]["conjuncts"]]
    assert "f(x) = 1*x + 0 on (1/2, oo)" in texts and "f(1/2) = 0" in texts, texts
    step = get("binary_step")
    verdicts = dict(analyze(step, keys=("range",), kernel_checked=False).verdicts)
    assert verdicts["range"].value["image"] == "{0, 1}"  # the engine's own
    verdicts["range"].value["image"] = "{0, 1/2, 1}"
    out = gate(step.f(), verdicts)["range"]
    assert out.status == "proved" and out.value["image"] is None and "1/2" not in out.statement
    assert display.cell("range", {"status": "proved", "value": out.value}) == "within [0, 1]"


def test_the_attainment_of_an_end_confirmed_only_as_a_ball_is_kernel_checked_or_not_stated():
    """selu's inf f = -lambda*alpha ~ -1.7581 (f = lambda*alpha*(e^x - 1) > -lambda*alpha for x < 0, f >= 0 for
    x >= 0) and sup f' = lambda*alpha (f' = lambda*alpha*e^x < lambda*alpha for x < 0, lambda < lambda*alpha for
    x > 0) are confirmed only as balls when its constants are Floats (a SymPy expression holding them, as the
    catalog's selu did before it took them as exact decimals, see the next test): the claims bounding an end
    to its ball decide neither "attained" nor "not attained", and the gate used to pass on the engine's word
    for both (an engine verdict wrongly saying the inf is attained was shown with the closed bracket [).  Now
    "not attained" needs f strictly monotone (kernel-checked: then f(x - 1) < f(x), so no x reaches the inf),
    "attained" needs f C-infinity with f beyond -+8 above the ball and a point below it, and otherwise
    attainment is null ("?")."""
    floats = get("selu").f({"alpha": sp.Float("1.6732632423543772848170429916717", 32),
                            "scale": sp.Float("1.0507009873554804934193349852946", 32)})
    assert floats.atoms(sp.Float)
    out = analyze(floats, keys=("range", "extrema", "derivative_max", "monotonic")).to_json()["properties"]
    lower = out["range"]["value"]["lower"]
    assert out["range"]["status"] == "proved" and lower["exact"] is None and lower["closed"] is False
    assert abs(lower["float"] + 1.0507009873554804934 * 1.6732632423543772848) < 1e-12
    assert any("f' > 0" in c["statement"] for c in out["range"]["certificate"]["data"]["conjuncts"])
    assert out["extrema"]["value"] == {"min": None, "max": None}
    assert out["derivative_max"]["value"]["attained"] is None and out["derivative_max"]["value"]["at"] == []
    assert display.cell("derivative_max", out["derivative_max"]) == "1.7581 (attainment not proved)"
    # an engine that wrongly says the inf is attained: the kernel checks no attainment of a ball end at a kink
    wrong = {**out["range"]["value"], "lower": {**lower, "closed": True}}
    engine = Verdict("proved", "the range of selu is [-1.7581, oo)", "f(x) = f:\\quad f(\\mathbb{R}) = ?",
                     value=wrong, certificate=Certificate("symbolic", {}))
    gated = gate(floats, {"range": engine})["range"]
    assert gated.status == "proved" and gated.value["lower"]["closed"] is None
    assert display.cell("range", {"status": "proved", "value": gated.value}).startswith("?")
    assert r"\left.?" in display.latex_statement("range", "f", "proved", gated.value)
    # gelu's min ~ -0.169971 near x = -0.7518 (gelu -> 0 at -oo, -> oo at oo): attained, kernel-checked
    gelu = analyze("gelu", keys=("range", "extrema")).to_json()["properties"]
    assert gelu["range"]["value"]["lower"]["closed"] is True and gelu["extrema"]["value"]["min"]["at"] == []
    assert any("is attained in [-8, 8]" in c["statement"] for c in gelu["range"]["certificate"]["data"]["conjuncts"])


def test_selu_ends_are_exact_products_of_its_decimal_constants_and_not_attained():
    """The catalog's selu is defined by the 32 digits of alpha and scale published with the paper, read as exact
    decimals (typed here, not read from the catalog): inf f = -scale*alpha and sup f' = L = scale*alpha exactly.
    sup f' is not attained: f' = scale*alpha*e^x < scale*alpha on x < 0, f' = scale < scale*alpha on x > 0, and
    f' does not exist at the kink 0 (left slope scale*alpha, right slope scale): the kernel proves the strict bound
    where f' exists and refutes f'(0) = f'(0), and refutes f' > scale*alpha - 10^-20 (f' comes that close)."""
    lam, alpha = sp.Rational("1.0507009873554804934193349852946"), sp.Rational("1.6732632423543772848170429916717")
    out = analyze("selu", keys=("range", "extrema", "derivative_max", "lipschitz")).to_json()["properties"]
    assert out["derivative_max"]["status"] == "proved"
    top = out["derivative_max"]["value"]
    assert sp.Rational(top["exact"]) == lam * alpha and top["attained"] is False and top["at"] == []
    conjuncts = {c["statement"]: c["certificate"]["verdict"] for c in out["derivative_max"]["certificate"]["data"]
                 ["conjuncts"]}
    assert conjuncts["f' does not exist at 0"] == "refuted"
    assert any(s.startswith("sup f' <= 1.7580993408") and s.endswith("and is not attained") and v == "proved"
               for s, v in conjuncts.items())
    assert display.cell("derivative_max", out["derivative_max"]) == "1.7581 (not attained)"
    lip = out["lipschitz"]["value"]
    assert sp.Rational(lip["exact"]) == lam * alpha and lip["attained"] is False
    lower = out["range"]["value"]["lower"]
    assert sp.Rational(lower["exact"]) == -lam * alpha and lower["closed"] is False
    assert out["extrema"]["value"] == {"min": None, "max": None}
    # independent check at 50 digits: scale*alpha*e^x approaches the product from below as x -> 0-
    with mpmath.workdps(50):
        product = mpmath.mpf(lam.p) / lam.q * mpmath.mpf(alpha.p) / alpha.q
        near = product * mpmath.exp(-mpmath.mpf(10) ** -30)   # f'(-10^-30)
        num, den = top["exact"].split("/")
        assert abs(mpmath.mpf(num) / mpmath.mpf(den) - product) < mpmath.mpf(10) ** -45
        assert 0 < product - near < 1e-29


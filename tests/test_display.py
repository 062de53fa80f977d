"""How results read: exact forms with decimals, sets in mathematical notation, reasons in words, property
definitions, LaTeX statements and the rich displays of Jupyter/IPython."""
from __future__ import annotations

import json
import re

import mpmath
import pytest
import sympy as sp

from symact import display
from symact.catalog import X, get
from symact.cli import main
from symact.definitions import DEFINITIONS
from symact.parsing import parse_expression
from symact.properties import KEYS, analyze, decide

W1E = -mpmath.lambertw(1 / mpmath.e).real  # silu's minimum, computed independently of symact


@pytest.fixture(scope="module")
def silu():
    return analyze("silu")


@pytest.mark.parametrize("r, text", [
    (sp.Rational(3, 8), "0.375"), (sp.Rational(-7, 1000), "-0.007"), (sp.Rational(5), "5"), (sp.Rational(0), "0"),
    (sp.Rational(1, 3), None), (sp.Rational(1, 6), None),
    (sp.Rational(16732632423543772848170429916717, 10 ** 31), "1.6732632423543772848170429916717"),
])
def test_exact_decimals(r, text):
    """A rational with a denominator 2^a 5^b is a terminating decimal, written out exactly (no rounding: the
    digits read back as the same rational); any other has none."""
    got = display.exact_decimal(r)
    assert got == text
    if got is not None:
        assert sp.Rational(got) == r


def test_long_decimal_constants_print_as_decimals_and_short_ones_as_fractions():
    """SELU's exact 32-digit constants print as the digits published with the paper (in sums, products, quotients
    and LaTeX), short fractions as before."""
    alpha, scale = sp.Rational("1.6732632423543772848170429916717"), sp.Rational("1.0507009873554804934193349852946")
    assert display.plain(alpha * sp.exp(X) - alpha) == ("1.6732632423543772848170429916717*exp(x) - "
                                                        "1.6732632423543772848170429916717")
    assert display.plain(-alpha * sp.exp(X) / (X + 1)) == "-1.6732632423543772848170429916717*exp(x)/(x + 1)"
    product = display.plain(alpha * scale)
    assert sp.Rational(product) == alpha * scale and "/" not in product
    assert display.latex(scale * sp.Piecewise((X, X < 0), (0, True))).startswith(
        r"1.0507009873554804934193349852946 \left(\begin{cases}")
    assert display.plain(X / 2 + sp.Rational(44, 25)) == "x/2 + 44/25"
    assert display.formula(alpha * X) == "1.6732632423543772848170429916717*x"


def test_show_selu_gives_its_published_digits(capsys):
    assert main(["show", "selu"]) == 0
    out = capsys.readouterr().out
    assert "param  alpha = 1.6732632423543772848170429916717" in out
    assert "param  scale = 1.0507009873554804934193349852946" in out


def test_formula_spellings():
    assert display.formula(-sp.LambertW(sp.exp(-1))) == "-W(1/e)"
    assert display.formula(sp.exp(-1) / sp.sqrt(sp.pi)) == "1/(√π*e)"
    assert display.formula(sp.sqrt(2) * X) == "√2*x"
    assert display.formula(X**2 + sp.E) == "x^2 + e"
    assert display.formula(sp.Interval(-sp.oo, 0)) == "(-∞, 0]"
    assert display.formula(sp.Union(sp.Interval.open(-sp.oo, -1), sp.FiniteSet(0), sp.Interval(1, sp.oo))) \
        == "(-∞, -1) ∪ {0} ∪ [1, ∞)"


def test_numbers_read_exact_then_decimal():
    n = {"exact": "-LambertW(exp(-1))", "text": "-W(1/e)", "float": float(W1E), "enclosure": "[-0.27 +/- 0.01]"}
    assert display.number(n) == f"-W(1/e) ≈ {float(W1E):.6g}" == "-W(1/e) ≈ -0.278465"
    assert display.number(n, enclosures=True).endswith("(certified: [-0.27 +/- 0.01])")
    assert display.number({"exact": None, "float": -0.30884343, "enclosure": "[x]"}) == "≈ -0.308843"
    assert display.number({"exact": "1/4", "text": "1/4", "float": 0.25}) == "1/4"
    assert display.short_number(n) == "-0.278465"


def test_a_wide_ball_is_shown_as_a_ball_not_as_its_search_estimate():
    """x^2 + 1e-30 tanh(x) has its minimum -2.5e-61 (just left of 0); the kernel confirms the range's lower end
    only to [+/- 1.01e-12], around a search estimate 1.47e-39 (the wrong sign): the decimal must not be shown as
    if it were the value (it read 'range [≈ 1.46937e-39, ∞)')."""
    wide = {"exact": None, "text": None, "float": 1.4693679385007544e-39, "enclosure": "[+/- 1.01e-12]"}
    assert display.number(wide) == display.short_number(wide) == "0 ± 1.01e-12"
    off = {"exact": None, "text": None, "float": 0.25, "enclosure": "[0.2500 +/- 3.00e-5]"}
    assert display.number(off) == "0.25 ± 3e-05"
    tight = {"exact": None, "text": None, "float": 0.5872090310617, "enclosure": "[0.58720903106 +/- 4.26e-12]"}
    assert display.number(tight) == "≈ 0.587209"
    exact = {"exact": "exp(-1)", "text": "1/e", "float": 0.36787944117144233,
             "enclosure": "[0.3678794411714 +/- 1e-14]"}
    assert display.number(exact) == "1/e ≈ 0.367879"


def test_analyze_text_is_readable(silu, capsys):
    text = silu.text()
    assert f"[-W(1/e) ≈ {float(W1E):.6g}, ∞)" in text
    for internal in ("Interval(", "LambertW", "+/-", r"\boo\b", "Piecewise"):
        assert not re.search(internal if internal.startswith("\\") else re.escape(internal), text), internal
    assert "+/-" in silu.text(enclosures=True)
    code = main(["analyze", "relu6", "--enclosures"])
    out, _ = capsys.readouterr()
    assert code == 0 and "curvature changes on [0, 6]" in out and "inflection [0, 6]" not in out
    assert out.startswith("relu6: f(x) = 0 if x < 0; x if x < 6; 6 otherwise\n")   # not SymPy's Piecewise((...))
    assert "min 0 at x in (-∞, 0]; max 6 at x in [6, ∞)" in out


def test_inflection_points_are_named_as_points():
    text = analyze("gelu").text()
    assert "inflection at x = -√2 ≈ -1.41421 and x = √2 ≈ 1.41421" in text


def test_reasons_use_words_not_stage_names():
    r = analyze("mish", budget=1e-6)
    reasons = [v.reason for v in r.verdicts.values() if v.status == "unknown"]
    assert reasons, "a budget of a microsecond must leave something unknown"
    for reason in reasons:
        assert not re.search(r"before (jumps|sides|shapes|dshapes|f_range|d_range|tail_limits|pieces)\b", reason), reason
    assert any("time budget" in reason for reason in reasons)


def test_repr_is_one_short_line(silu):
    text = repr(silu)
    assert "\n" not in text and len(text) < 120
    counts = {s: sum(v.status == s for v in silu.verdicts.values()) for s in ("proved", "refuted", "unknown")}
    assert f"{counts['proved']} proved" in text and f"{counts['unknown']} unknown" in text
    assert list(silu) == list(KEYS)                                   # iterates over its keys, like a dict
    # a verdict's repr leaves out its certificate (thousands of characters of kernel proof for silu's range)
    assert repr(silu["range"]) == "<Verdict proved: the range of silu is [-W(1/e), ∞)>"


def test_every_verdict_has_its_statement_in_latex(silu):
    for key, v in silu.verdicts.items():
        assert v.latex.startswith(r"f(x) = \frac{x}{1 + e^{- x}}"), key
        assert v.latex.count("{") == v.latex.count("}"), key
    assert silu["range"].latex.endswith(r"f(\mathbb{R}) = \left[- W\left(e^{-1}\right), \infty\right)")
    assert silu["odd"].latex.endswith(r"f(-x) = -f(x)")
    # a value without an exact form reads "≈ 1.09984", never "= ≈ 1.09984"
    assert silu["derivative_max"].latex.endswith(r"\sup_{x} f'(x) \approx 1.09984") and "= \\approx" not in "".join(
        v.latex for v in silu.verdicts.values())


def test_definitions_in_help_and_readme(capsys):
    assert tuple(DEFINITIONS) == KEYS
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    readme = open("README.md", encoding="utf-8").read()
    for key, meaning in DEFINITIONS.items():
        assert f"{key} {' '.join(meaning.split())[:40]}" in out, key
        assert f"| `{key}` | {meaning.replace('|', chr(92) + '|')} |" in readme, key
    assert "zero_centered" in out  # the note saying why it is gone


# ----------------------------------------------------------------------------------------- new properties
@pytest.mark.parametrize("text, odd, zero", [
    ("x**3 + x", "proved", "proved"), ("x**3 + 1", "refuted", "refuted"), ("x*Abs(x) + sin(x)", "proved", "proved"),
    ("x + x**2", "refuted", "proved"), ("Piecewise((x - 1, x < 0), (x + 1, True))", "refuted", "refuted"),
])
def test_odd_and_zero_at_origin(text, odd, zero):
    expr = parse_expression(text)
    v = decide("odd", expr)
    assert v.status == odd, v.reason
    if odd == "refuted":  # re-check the counterexample independently
        q = sp.Rational(v.certificate.data["point"])
        fn = sp.lambdify(X, expr, modules="mpmath")
        t = mpmath.mpf(q.p) / q.q
        assert abs(fn(-t) + fn(t)) > 1e-10
    assert decide("zero_at_origin", expr).status == zero


def test_silu_gelu_mish_are_not_called_zero_centred():
    for name in ("silu", "gelu"):
        r = analyze(name)
        assert r.status("odd") == "refuted" and r.status("range_has_both_signs") == "proved"
        assert "zero_centered" not in r.verdicts


# ----------------------------------------------------------------------------------------- rich displays
def test_rich_displays(silu):
    html = silu._repr_html_()
    assert html.startswith("<table>") and all(f"<code>{k}</code>" in html for k in KEYS)
    assert "-W(1/e) ≈ -0.278465" in html
    act = get("gelu")
    assert act._repr_latex_().startswith(r"$\operatorname{gelu}(x) = ")
    assert silu["convex"]._repr_latex_().startswith("$$") and r"\textbf{REFUTED}" in silu["convex"]._repr_latex_()
    from IPython.lib.pretty import pretty

    assert pretty(silu) == silu.text()
    assert pretty(act) == "gelu(x) = x*(erf(√2*x/2) + 1)/2"
    assert pretty(silu["odd"]).startswith("REFUTED")


def test_audit_report_html_lists_its_failures():
    import numpy as np

    from symact.audit import audit

    def naive_sigmoid(x):
        return 1 / (1 + np.exp(-x)) + (x > 3) * 1e-3  # off by 1e-3 above 3

    r = audit(naive_sigmoid, "sigmoid", dtype="float64", hypothesis=0, effort=0.2, derivative=False)
    assert not r.passed
    html = r._repr_html_()
    assert "failures of <code>values</code>" in html
    worst = r.check("values").failures[0]
    assert repr(worst.input) in html and worst.input > 3
    assert "<svg" in html and "outside the standard" in html  # the ULP-error picture, inline
    assert re.fullmatch(r"<AuditReport \S+naive_sigmoid as sigmoid, float64: failed values(, \w+)*>", repr(r)), repr(r)


def test_claim_and_outcome_displays():
    from IPython.lib.pretty import pretty

    from symact import decide as deciders
    from symact.claims import Family

    family = Family("display_test", "Display test")

    @family.claim("tanh_odd", "tanh is odd", r"\tanh(-x) = -\tanh(x)", formal="tanh(-x) == -tanh(x)")
    def _(d):
        return deciders.identity("tanh(-x)", "-tanh(x)")

    outcome = family.run()[0]
    html = outcome._repr_html_()
    # a formal claim shows the statement the kernel checked, typeset from the parsed claim
    assert "<code>tanh_odd</code>" in html and r"\tanh{\left(- x \right)} = - \tanh{\left(x \right)}" in html
    assert ">proved<" in html
    assert "<th style='text-align:left'>verdict</th>" not in outcome.claim._repr_html_()
    assert pretty(outcome).startswith("claim tanh_odd (expected proved): PROVED")
    assert repr(outcome) == "<Outcome tanh_odd: proved (expected proved)>"
    assert repr(outcome.claim) == "<Claim tanh_odd (expected proved): tanh(-x) == -tanh(x) for all x in R>"


def test_json_keeps_exact_float_enclosure(capsys):
    # exit 0: every property of silu is decided and kernel-confirmed
    assert main(["analyze", "silu", "--json"]) == 0
    lower = json.loads(capsys.readouterr().out)["properties"]["range"]["value"]["lower"]
    assert lower["exact"] == "-LambertW(exp(-1))" and lower["text"] == "-W(1/e)"
    assert abs(lower["float"] - float(W1E)) < 1e-15 and lower["enclosure"].startswith("[-0.2784645427610")


def test_a_closed_form_the_kernel_did_not_prove_reads_as_a_conjecture():
    # gelu's sup f' = 1/2 + erf(1)/2 + 1/(sqrt(pi) e) = 1.128904145...: confirmed as a ball only, so the text
    # and the LaTeX give the decimal, and the closed form only as a conjecture
    value = float(sp.Rational(1, 2) + sp.erf(1) / 2 + 1 / (sp.sqrt(sp.pi) * sp.E))
    n = {"exact": None, "text": None, "latex": None, "float": value, "enclosure": "[1.1289041 +/- 1e-7]",
         "conjecture": {"exact": "exp(-1)/sqrt(pi) + erf(1)/2 + 1/2", "text": "erf(1)/2 + 1/2 + 1/(√π*e)",
                        "latex": r"\frac{1}{2} + \frac{\operatorname{erf}{\left(1 \right)}}{2}"}}
    assert display.number(n) == "≈ 1.1289 (≈ erf(1)/2 + 1/2 + 1/(√π*e), closed form not proved)"
    assert display.short_number(n) == "1.1289"
    tex = display.latex_statement("derivative_max", "f", "proved", {**n, "attained": True, "at": []})
    assert tex.endswith(r"\sup_{x} f'(x) \approx 1.1289\ (\approx \frac{1}{2} + \frac{\operatorname{erf}{\left(1 "
                        r"\right)}}{2},\ \text{closed form not proved})")

"""``symact analyze``, ``symact table`` and ``symact check``: output, JSON schema, exit codes, bad input."""
from __future__ import annotations

import json

import pytest

from symact import table as table_mod
from symact.cli import main
from symact.properties import KEYS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_text(capsys):
    code, out, err = run(capsys, "analyze", "relu")
    assert code == 0 and not err
    assert "convex" in out and "C0" in out and "[0, ∞)" in out


def test_analyze_json_schema(capsys):
    code, out, _ = run(capsys, "analyze", "sigmoid", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "sigmoid" and data["expr"] == "1/(1 + exp(-x))"
    assert list(data["properties"]) == list(KEYS)
    assert data["properties"]["range"]["value"]["lower"] == {"exact": "0", "text": "0", "latex": "0", "float": 0.0,
                                                             "closed": False}
    assert data["properties"]["derivative_max"]["value"]["exact"] == "1/4"
    assert data["properties"]["derivative_max"]["value"]["at"][0]["exact"] == "0"
    assert data["properties"]["continuity"]["value"] == "Cinf"
    assert data["properties"]["saturation"]["value"] == {"left": "soft", "right": "soft"}
    assert data["properties"]["convex"]["status"] == "refuted"
    assert data["properties"]["convex"]["inflection_points"][0]["exact"] == "0"


def test_analyze_param_and_expr(capsys):
    code, out, _ = run(capsys, "analyze", "elu", "--param", "alpha=2", "--json")
    data = json.loads(out)
    assert code == 0 and data["params"] == {"alpha": "2"}
    assert data["properties"]["convex"]["status"] == "refuted"
    assert data["properties"]["continuity"]["value"] == "C0"
    code, out, _ = run(capsys, "analyze", "--expr", "x*atan(x)", "--json")
    data = json.loads(out)
    assert data["properties"]["convex"]["status"] == "proved"
    unknown = [k for k, v in data["properties"].items() if v["status"] == "unknown"]
    assert code == (1 if unknown else 0)   # exit 1 when a property stays unknown (the kernel's gate)


@pytest.mark.parametrize("argv, fragment", [
    (("analyze", "relux"), "did you mean relu"),
    (("analyze", "elu", "--param", "alpha=-1"), "alpha"),
    (("analyze", "elu", "--param", "alpha"), "NAME=VALUE"),
    (("analyze", "elu", "--param", "beta=2"), "no parameter 'beta'"),
    (("analyze", "--expr", "__import__('os')"), ""),
    (("analyze", "--expr", "x +"), ""),
    (("analyze", "--expr", "3"), "does not depend on x"),
    (("analyze", "--expr", "x", "--param", "a=1"), "--param"),
    (("analyze",), "NAME"),
    (("analyze", "relu", "--expr", "x"), "not both"),
    (("analyze", "softmax"), "vector"),
    (("analyze", "relu", "--budget", "-1"), "budget"),
    (("check", "x +"), ""),
    (("check", "x"), "comparison"),
])
def test_bad_input_is_one_line_exit_2(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith("symact: error:") and err.count("\n") == 1
    assert "Traceback" not in err and fragment in err


def test_argparse_errors_exit_2(capsys):
    code, _, err = run(capsys, "table", "--format", "html")
    assert code == 2 and err.startswith("symact: error: argument --format: invalid choice: 'html'")
    assert err.count("\n") == 1 and "latex" in err


@pytest.mark.parametrize("claim, code", [
    ("tanh(x) == 2*sigmoid(2*x) - 1", 0),
    ("diff(sigmoid(x), x) <= 1/4", 0),
    ("silu(x) >= -0.28", 0),
    ("silu(x) >= -0.27", 1),
    ("sigmoid(x) < 1/2", 1),
])
def test_check_exit_codes(capsys, claim, code):
    got, out, err = run(capsys, "check", claim)
    assert got == code, out + err
    assert ("PROVED" if code == 0 else "REFUTED") in out or (code == 1 and "UNKNOWN" in out)


def test_check_json(capsys):
    code, out, _ = run(capsys, "check", "silu(x) >= -0.28", "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "proved" and data["claim"] == "silu(x) >= -0.28"
    code, out, _ = run(capsys, "check", "silu(x) >= -0.27", "--json")
    data = json.loads(out)
    assert code == 1 and data["status"] == "refuted" and data["certificate"]["kind"] == "kernel"
    assert data["certificate"]["data"]["proof"]["rule"] == "counterexample"


@pytest.fixture
def small_catalog(monkeypatch, tmp_path):
    monkeypatch.setenv("SYMACT_CACHE", str(tmp_path / "cache"))
    original = table_mod.rows

    def rows(names=None, **kwargs):
        return original(["relu", "sigmoid", "hardshrink"] if names is None else names, **kwargs)
    monkeypatch.setattr(table_mod, "rows", rows)
    return tmp_path / "cache"


def test_table_formats_and_cache(capsys, small_catalog):
    code, out, _ = run(capsys, "table", "--jobs", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("| activation | range |") and len(lines[0].split("|")) == len(KEYS) + 3
    assert any(line.startswith("| hardshrink |") and "discontinuous" in line for line in lines)
    cached = list((small_catalog / "properties").glob("*.json"))
    assert len(cached) == 3
    code, out, _ = run(capsys, "table", "--format", "latex", "--jobs", "1")
    assert code == 0 and out.startswith("\\begin{tabular}") and "relu" in out
    code, out, _ = run(capsys, "table", "--format", "json")
    data = json.loads(out)
    assert data["keys"] == list(KEYS) and [r["name"] for r in data["rows"]] == ["relu", "sigmoid", "hardshrink"]
    code, out, _ = run(capsys, "table", "--json")            # --json, as every other command spells it
    assert code == 0 and json.loads(out) == data
    code, _, err = run(capsys, "table", "--json", "--format", "latex")
    assert code == 2 and "not both" in err


def test_cache_is_outside_the_repo(monkeypatch, tmp_path):
    monkeypatch.delenv("SYMACT_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert table_mod.cache_dir() == tmp_path / "symact"
    key1 = table_mod.cache_key("elu", {}, "x")
    assert key1 != table_mod.cache_key("elu", {"alpha": "2"}, "x") != table_mod.cache_key("elu", {}, "2*x")


def test_unknown_table_format():
    from symact.errors import ParameterError

    with pytest.raises(ParameterError):
        table_mod.catalog_table("html")


@pytest.mark.parametrize("text, shown, folded", [
    ("sqrt(-x**2)", "sqrt(-x^2)", "I*Abs(x)"),  # SymPy folds it into an imaginary multiple of |x|
    ("x**2/x", "x^2/x", "f(x) = x\n"),  # SymPy cancels it to x, defined at 0
])
def test_analyze_expr_shows_the_function_as_written(capsys, text, shown, folded):
    """The report's head names the function the user wrote, whose domain the verdicts are about, not the form
    SymPy's automatic evaluation folds it into."""
    code, out, _ = run(capsys, "analyze", "--expr", text)
    assert code == 1  # undefined on part of R: the properties are unknown
    assert out.splitlines()[0] == f"{text}: f(x) = {shown}"
    assert folded not in out
    code, out, _ = run(capsys, "analyze", "--expr", text, "--json")
    assert json.loads(out)["expr"] == text


def test_an_expression_that_folds_to_a_constant_is_analysed_as_written(capsys):
    """``0*log(x)`` folds to 0 in SymPy, but the function written is defined only for x > 0: no property over R
    is decided of it (each is unknown, saying where f is undefined), where it used to be refused as "does not
    depend on x".  ``x - x`` is the constant 0 on all of R: its range is [0, 0], it is convex and concave, odd,
    0 at 0, and its limits are finite (so non_saturating is refuted)."""
    code, out, _ = run(capsys, "analyze", "--expr", "0*log(x)", "--json", "--budget", "20")
    props = json.loads(out)["properties"]
    assert code == 1 and {p["status"] for p in props.values()} == {"unknown"}
    assert all("undefined at x = 0" in p["reason"] for p in props.values())
    code, out, _ = run(capsys, "analyze", "--expr", "x - x", "--json", "--budget", "20")
    props = json.loads(out)["properties"]
    assert props["range"]["status"] == "proved"
    assert props["range"]["value"]["lower"]["exact"] == props["range"]["value"]["upper"]["exact"] == "0"
    for key in ("convex", "concave", "odd", "zero_at_origin"):
        assert props[key]["status"] == "proved" and props[key]["value"] not in (False, None), key
    for key in ("non_saturating", "range_has_both_signs"):
        assert props[key]["status"] == "refuted", key
    assert not [k for k, p in props.items() if p["status"] == "refuted" and k not in (
        "non_saturating", "range_has_both_signs", "identity_near_origin")]


def test_a_parameter_beyond_a_float_is_analysed_without_a_traceback(capsys):
    """elu with alpha = pi**1000 (~1.4e497, beyond a float): the gate's float estimates of slopes were inf and
    crashed the analysis (OverflowError); now they are no estimates.  What is decided is true of
    f = alpha (e^x - 1) | x: bounded below by -alpha, unbounded above, strictly increasing (alpha > 0), not
    differentiable at 0 (slopes alpha and 1), 0 at 0, not odd."""
    code, out, err = run(capsys, "analyze", "elu", "--param", "alpha=pi**1000", "--json", "--budget", "30")
    assert code in (0, 1) and "Traceback" not in err
    props = json.loads(out)["properties"]
    want = {"bounded_below": "proved", "bounded_above": "refuted", "differentiable": "refuted",
            "zero_at_origin": "proved", "odd": "refuted", "monotonic": "proved"}
    for key, status in want.items():
        assert props[key]["status"] in (status, "unknown"), key
    assert props["monotonic"]["status"] == "unknown" or "increasing" in str(props["monotonic"]["value"])

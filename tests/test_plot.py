"""``symact plot`` and ``symact check --plot``: the marks come from the proved properties, the committed
pictures in docs/plots are what the command draws today, bad input is one line with exit 2."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from symact.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plots"


def _normalised(svg: str) -> str:
    """The SVG without what legitimately varies between matplotlib installs: the metadata block."""
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)


def _texts(svg: str) -> list[str]:
    return [html.unescape(re.sub(r"\s+", " ", t).strip()) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize("name", ["gelu", "silu", "relu6"])
def test_committed_pictures_are_current(tmp_path, capsys, name):
    out = tmp_path / f"{name}.svg"
    assert main(["plot", name, "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    committed = (DOCS / f"{name}.svg").read_text(encoding="utf-8")
    assert _normalised(out.read_text(encoding="utf-8")) == _normalised(committed), (
        f"docs/plots/{name}.svg is stale: run `symact plot {name} -o docs/plots/{name}.svg`")


def test_marks_come_from_the_proved_properties(tmp_path):
    out = tmp_path / "gelu.svg"
    assert main(["plot", "gelu", "-o", str(out)]) == 0
    texts = _texts(out.read_text(encoding="utf-8"))
    # GELU's inflection points are ±√2 (f'' = (2 - x²) φ(x)), its minimum is near x = -0.7518, f ≈ -0.169971
    # there: the kernel confirms that min as a ball and that it is attained, but not where (no point is marked)
    assert "inflection at x = -√2 ≈ -1.41421 and x = √2 ≈ 1.41421" in texts
    assert "inf f ≈ -0.169971" in texts, texts
    assert not any(t.startswith("global min") for t in texts), texts
    out = tmp_path / "relu6.svg"
    assert main(["plot", "relu6", "-o", str(out)]) == 0
    texts = _texts(out.read_text(encoding="utf-8"))
    assert "curvature changes on [0, 6]" in texts and "not differentiable at x = 0 and x = 6" in texts


def test_expr_param_and_formats(tmp_path):
    assert main(["plot", "--expr", "x*atan(x)", "-o", str(tmp_path / "a.pdf")]) == 0
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert main(["plot", "elu", "--param", "alpha=2", "-o", str(tmp_path / "e.png")]) == 0
    assert (tmp_path / "e.png").read_bytes().startswith(b"\x89PNG")
    assert main(["plot", "elu", "--param", "alpha=2", "-o", str(tmp_path / "e.svg")]) == 0
    assert "elu (alpha=2)" in " ".join(_texts((tmp_path / "e.svg").read_text(encoding="utf-8")))


def test_refuted_check_plots_the_counterexample(tmp_path, capsys):
    out = tmp_path / "c.svg"
    assert main(["check", "silu(x) >= -0.27", "--plot", str(out)]) == 1
    texts = " ".join(_texts(out.read_text(encoding="utf-8")))
    # silu(-3/2) + 27/100 = -0.0036382857... (the kernel's counterexample)
    assert "counterexample: at x = -3/2, lhs - rhs ≈ -0.00363829 (certified)" in texts
    assert capsys.readouterr().err == f"wrote {out}\n"
    out2 = tmp_path / "p.svg"
    assert main(["check", "tanh(x) == 2*sigmoid(2*x) - 1", "--plot", str(out2)]) == 0
    assert not out2.exists() and "no plot" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["plot", "relux"], "did you mean relu"),
    (["plot", "gelu", "-o", "gelu.txt"], ".svg"),
    (["plot", "gelu", "-o", "/no/such/folder/g.svg"], "no folder"),
    (["plot"], "NAME"),
    (["plot", "--expr", "__import__('os')"], ""),
    (["plot", "softmax", "-o", "s.svg"], "vector"),
    (["check", "x >= 0", "--plot", "out.gif"], ".svg"),
])
def test_bad_input_is_one_line_exit_2(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("symact: error:") and message in err


def test_audit_plot_marks_the_points_outside_the_standard(tmp_path, capsys):
    target = tmp_path / "naive.py"
    target.write_text("import numpy as np\n\n\ndef silu(x):\n    return x / (1 + np.exp(-x))\n", encoding="utf-8")
    out = tmp_path / "audit.svg"
    code = main(["audit", f"{target}:silu", "-a", "silu", "--hypothesis", "0", "--no-derivative", "--plot", str(out)])
    captured = capsys.readouterr()
    text = captured.out
    assert code == 1 and f"wrote {out}" in captured.err
    bad = int(re.search(r"FAIL\s+values\s+(\d+) of \d+ points outside", text).group(1))
    texts = " ".join(_texts(out.read_text(encoding="utf-8")))
    assert f"outside the standard ({bad} points)" in texts and "allowed: |r - f(x)| <=" in texts


def test_framework_audit_draws_its_pass_fail_grid(tmp_path, capsys):
    out = tmp_path / "grid.svg"
    code = main(["audit", "--framework", "numpy", "--only", "logistic", "--dtype", "float32", "--plot", str(out)])
    assert code in (0, 1) and f"wrote {out}" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "--framework numpy" in text and "conform" in text and "expit" in text


def test_framework_grid_colours_match_its_legend(tmp_path):
    """Green pass, red fail, grey skipped: each cell in its colour (not a colormap's yellow for skipped)."""
    import matplotlib.image
    from matplotlib.colors import to_rgb

    from symact.audit.report import AuditReport, CheckResult
    from symact.plotting import framework_plot

    def colours(status: str) -> set:
        report = AuditReport("t", "tanh", "float32", checks=[CheckResult("values", status)])
        out = framework_plot("numpy", [("t", report)], tmp_path / f"{status}.png")
        pixels = (matplotlib.image.imread(out)[..., :3] * 255).round().astype(int).reshape(-1, 3)
        return {tuple(p) for p in pixels}

    rgb = {name: tuple(round(255 * v) for v in to_rgb(c))
           for name, c in (("red", "#cf222e"), ("grey", "#d0d7de"), ("green", "#1a7f37"))}
    for status, colour in (("fail", "red"), ("skip", "grey"), ("pass", "green")):
        shown = colours(status)
        assert rgb[colour] in shown and not ({rgb[c] for c in rgb if c != colour} & shown), status

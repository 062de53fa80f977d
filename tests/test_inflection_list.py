"""That the inflection points shown are all of them is kernel-checked (symact.properties.inflection_list), or said
to be not proved: in the text, the table cell and the plot legend.  Truths come from mpmath (sign changes of f''
at 50 digits) or from the pieces of f worked out by hand, never from symact's output."""
from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from symact import display
from symact.catalog import get
from symact.kernel import check
from symact.kernel.verify import find_certificates
from symact.properties import analyze, point_json
from symact.properties.piece_shape import Pt
from symact.properties.kernel_gate import gate
from symact.report.property_table import cell

MP_DPS = 30  # tests here run at this many digits (tests/conftest.py)
with mpmath.workdps(MP_DPS):
    SQRT2 = mpmath.sqrt(2)

#: f for mpmath, written from the definitions (gelu = x Phi(x), silu = x sigmoid(x), mish = x tanh(softplus x))
SMOOTH = {
    "gelu": lambda x: x * (1 + mpmath.erf(x / SQRT2)) / 2,
    "gelu_tanh": lambda x: x * (1 + mpmath.tanh(mpmath.sqrt(2 / mpmath.pi) * (x + mpmath.mpf("0.044715") * x ** 3))) / 2,
    "silu": lambda x: x / (1 + mpmath.exp(-x)),
    "sigmoid": lambda x: 1 / (1 + mpmath.exp(-x)),
    "tanh": mpmath.tanh,
    "mish": lambda x: x * mpmath.tanh(mpmath.log(1 + mpmath.exp(x))),
    "x*exp(-x**2)": lambda x: x * mpmath.exp(-x ** 2),
    "x**3 - x": lambda x: x ** 3 - x,
}


def _convex(name: str) -> dict:
    target = {"expr": name} if "x" in name else {"target": name}
    return analyze(keys=("convex", "continuity"), **target).to_json()["properties"]["convex"]


def _sign_changes(f) -> list:
    """The zeros of f'' where it changes sign on [-12, 12]: a grid of step 1/16 (offset so no grid point is a
    zero), each sign change refined by bisection.  Beyond 12 each f'' here keeps one sign: gelu'' = (2 - x^2)
    phi(x), silu'' = s(1 - s)(2 + x(1 - 2s)), sigmoid'' = s(1 - s)(1 - 2s), tanh'' = -2 tanh sech^2, and the
    two polynomials' are polynomials with smaller roots; mish'' -> 0 from one side at each end; gelu_tanh'' =
    sech(u)^2 (u' + x u''/2 - x tanh(u) u'^2) with u = sqrt(2/pi) (x + 0.044715 x^3), where x tanh(u) u'^2 > 0
    grows as x^5 against u' + x u''/2 ~ x^2, so f'' < 0 for |x| >= 12."""
    def d2(x):
        return mpmath.diff(f, x, 2)
    with mpmath.workdps(50):
        xs = [mpmath.mpf(k) / 16 + mpmath.mpf(1) / 97 for k in range(-192, 193)]
        signs = [mpmath.sign(d2(x)) for x in xs]
        return [mpmath.findroot(d2, (a, b), solver="bisect", tol=1e-20)
                for a, b, sa, sb in zip(xs, xs[1:], signs, signs[1:]) if sa * sb < 0]


@pytest.mark.parametrize("name", sorted(SMOOTH))
def test_a_smooth_f_has_all_its_inflection_points_proved(name):
    """The points shown are the sign changes of f'' that mpmath finds, and the kernel proved that there are no
    others: the certificates (zones around each point, f'' of one sign between them) re-check."""
    p = _convex(name)
    truths = _sign_changes(SMOOTH[name])
    points = p["inflection_points"]
    assert len(points) == len(truths) and p["inflections_complete"] is True, (points, truths)
    for q, truth in zip(points, truths):
        assert abs(q["float"] - float(truth)) < 1e-9, (q, truth)
    texts = [c["statement"] for c in p["certificate"]["data"]["conjuncts"]]
    assert any("has one zero there" in t for t in texts) and any("'' >= 0 on" in t for t in texts), texts
    assert display.INFLECTIONS_ALL in display.cell("convex", p, long=True)
    assert display.NOT_COMPLETE not in display.cell("convex", p)


def test_the_certificates_of_completeness_recheck():
    p = _convex("gelu")
    certs = find_certificates(p)
    assert len(certs) > 6
    for cert in certs:
        assert check(cert)[0] in ("proved", "refuted")


@pytest.mark.parametrize("name, where", [
    # hardswish = x relu6(x + 3)/6: 0 left of -3 (straight), x(x + 3)/6 on [-3, 3] (f'' = 1/3), x right of 3;
    # slopes 0 | -1/2 at -3 and 3/2 | 1 at 3: concave kinks, so straight, concave kink, convex, concave kink,
    # straight: the curvature changes at -3 and at 3
    ("hardswish", ["-3", "3"]),
    # selu = lambda alpha (e^x - 1) left of 0 (f'' > 0), lambda x right of it; lambda alpha ~ 1.758 > lambda ~
    # 1.051: a concave kink at 0 after a convex piece, then straight
    ("selu", ["0"]),
    # softsign = x/(1 + |x|): f'' = 2/(1 - x)^3 > 0 left of 0, -2/(1 + x)^3 < 0 right of it
    ("softsign", ["0"]),
])
def test_piecewise_inflection_points_are_proved_complete(name, where):
    p = _convex(name)
    assert [q["exact"] for q in p["inflection_points"]] == where and p["inflections_complete"] is True


def test_relu6s_stretch_is_the_only_change_of_curvature():
    """relu6 = min(max(x, 0), 6): straight, convex kink at 0 (slopes 0 | 1), straight, concave kink at 6
    (1 | 0), straight: no inflection point, the curvature changes on the stretch [0, 6]."""
    p = _convex("relu6")
    assert [q["interval"] for q in p["inflection_points"]] == ["[0, 6]"] and p["inflections_complete"] is True


def _planted(name: str, points: list) -> dict:
    """The convexity verdict of ``name`` gated with ``points`` as the engine's inflection list."""
    entry = get(name)
    verdicts = dict(analyze(entry, keys=("convex", "continuity"), kernel_checked=False).verdicts)
    verdicts["convex"].evidence["_extra"]["inflection_points"] = points
    return gate(entry.f(), verdicts)["convex"].evidence["_extra"]


def test_a_list_missing_a_point_is_not_called_complete():
    """gelu'' = phi(x) (2 - x^2) changes sign at -sqrt(2) and sqrt(2): with sqrt(2) dropped the point left is
    still confirmed, but f'' < 0 right of sqrt(2) contradicts 'convex from -sqrt(2) on', so no completeness.
    Likewise x*exp(-x^2) (f'' = 2x(2x^2 - 3) e^(-x^2), sign changes at -sqrt(6)/2, 0, sqrt(6)/2) without 0."""
    shown = _planted("gelu", [point_json(Pt.of(-sp.sqrt(2)))])
    assert [q["exact"] for q in shown["inflection_points"]] == ["-sqrt(2)"]
    assert shown["inflections_complete"] is False and "not proved" in shown["inflections_complete_reason"]
    cell = display.cell("convex", {"status": "refuted", **shown})
    assert cell.endswith(f"; {display.NOT_COMPLETE})"), cell
    assert display.INFLECTIONS_FOUND in display.cell("convex", {"status": "refuted", **shown}, long=True)

    expr = sp.sympify("x*exp(-x**2)", locals={"x": sp.Symbol("x", real=True)})
    verdicts = dict(analyze(expr=expr, keys=("convex", "continuity"), kernel_checked=False).verdicts)
    extra = verdicts["convex"].evidence["_extra"]
    extra["inflection_points"] = [point_json(Pt.of(-sp.sqrt(6) / 2)), point_json(Pt.of(sp.sqrt(6) / 2))]
    out = gate(expr, verdicts)["convex"].evidence["_extra"]
    assert len(out["inflection_points"]) == 2 and out["inflections_complete"] is False


def test_a_point_inside_a_straight_stretch_is_not_an_inflection_point():
    """hardswish is straight (0) left of -3: a planted -4 passes the non-strict check (f'' = 0 on both sides),
    but it is no inflection point (f is both convex and concave near it), so the list is not proved complete."""
    shown = _planted("hardswish", [point_json(sp.Integer(k)) for k in (-4, -3, 3)])
    assert shown["inflections_complete"] is False


#: gelu_tanh's shape with x^5/20 for 0.044715 x^3 (and no sqrt(2/pi)): the kernel does not settle its f'' on the
#: rays within the gate's per-claim limit, neither whole nor cut at -4 (x^9 e^-2u against terms down to x^0)
HARD = "x*(1 + tanh(x + x**5/20))/2"


def test_an_unproved_list_says_so_in_cells_and_plot_legends(tmp_path):
    """HARD's f'' on the left ray is beyond the gate's per-claim limit: its points are shown (each
    kernel-checked) with the list marked not proved complete, in the table cell and the plot's legend."""
    import re

    from symact.cli import main

    p = _convex(HARD)
    assert len(p["inflection_points"]) == 2 and p["inflections_complete"] is False
    assert display.cell("convex", p).endswith(f"; {display.NOT_COMPLETE})")
    assert cell("convex", p).endswith(f"({display.NOT_COMPLETE})")  # the report's LaTeX table
    assert display.NOT_COMPLETE not in cell("convex", _convex("gelu"))
    out = tmp_path / "g.svg"
    assert main(["plot", "--expr", HARD, "-o", str(out)]) == 0
    texts = " ".join(re.sub(r"\s+", " ", t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", out.read_text()))
    assert f"({display.NOT_COMPLETE})" in texts


def test_sin_is_never_said_to_have_all_its_inflection_points():
    """sin has infinitely many inflection points (k pi): no finite list is complete."""
    p = _convex("sin(x)")
    assert p["status"] == "refuted" and not p.get("inflections_complete")

"""``symact implement --expr`` on held-out expressions that needed the kernel to see more: Max of arguments that
cross at three rational points (the signs of x**3 - x on each piece, proved by the kernel and listed in the
``algebra`` node), acosh(1 + x**2) near 0 (1 + x**2 rounds to 1 for |x| < 2**-27, so acosh gave 0; the kernel
now knows acosh(u) = log(u + sqrt(u**2 - 1))) and x/sin(x) (undefined at 0: NaN there, and at the irrational
k pi, which the module's docstring reports as refuted claims, never silently).

Ground truths: mpmath at 50 digits.  Max(x, x**3): x**3 - x = x (x - 1)(x + 1) is > 0 on (-1, 0) and (1, oo),
< 0 on (-oo, -1) and (0, 1), so Max is x**3 there and x elsewhere; f' is 3 x**2 or 1 on those open pieces.
acosh(1 + x**2) ~ sqrt(2) |x| near 0 (mpmath at 700 digits there: its acosh cancels in u**2 - 1).  x/sin(x): mpmath's x/sin(x) at the float x, finite for every nonzero float (no float is
a multiple of pi)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import mpmath
import numpy as np
import pytest
import sympy as sp

from symact.decide.checked import check_claim
from symact.implement import implement
from symact.implement.module import load_source
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

MP_DPS = 50  # tests here run at this many digits (tests/conftest.py)
BUDGET = 5.0


def _ulps(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    return np.abs(got - want) / np.spacing(np.abs(want))


@pytest.mark.parametrize("claim", [
    "Max(x, x**3) == x for x <= -1", "Max(x, x**3) == x**3 for -1 < x < 0", "Max(x, x**3) == x for 0 <= x <= 1",
    "Max(x, x**3) == x**3 for x > 1", "diff(Max(x, x**3), x) == 3*x**2 for x > 1",
    "diff(Max(x, x**3), x) == 1 for 0 < x < 1", "Abs(x**3 - x) == x**3 - x for x > 1"])
def test_a_switch_argument_whose_sign_no_enclosure_settles_is_proved_by_its_listed_sign(claim):
    verdict = check_claim(parse_claim(claim), BUDGET)
    assert verdict.status == "proved", verdict.reason
    check(verdict.certificate.to_json()["data"])


@pytest.mark.parametrize("claim", ["Max(x, x**3) == x**3 for x > 0", "diff(Max(x, x**3), x) == 3*x**2 for -1 < x <= 0",
                                   "Max(x, x**3) == x for -1 <= x <= 0"])
def test_a_false_piece_is_not_proved(claim):
    # x = 1/2: Max = 1/2 > 1/8; f' does not exist at 0 (one-sided slopes 0 and 1); x = -1/2: Max = -1/8 > -1/2
    assert check_claim(parse_claim(claim), BUDGET).status == "refuted"


def test_a_listed_sign_with_the_wrong_relation_is_rejected():
    """The certificate of Max(x, x**3) == x**3 on (1, oo) lists x**3 - x > 0; claiming < 0 instead (or the
    piece (0, 1) where it is < 0) is rejected: the listed sign is itself checked."""
    cert = check_claim(parse_claim("Max(x, x**3) == x**3 for x > 1"), BUDGET).certificate.to_json()["data"]
    text = json.dumps(cert)
    assert '"nonzero"' in text and '"rel": ">"' in text
    with pytest.raises(Rejected):
        check(json.loads(text.replace('"rel": ">"', '"rel": "<"', 1)))
    with pytest.raises(Rejected):
        check(json.loads(text.replace('["1", "oo", false, false]', '["0", "1", false, false]')))


def test_a_listed_sign_gives_no_derivative_at_a_closed_end():
    """f' = 3 x**2 on (1, oo) is proved with x**3 - x > 0 listed; the same certificate on [1, oo) is rejected: at
    1 the one-sided slopes of Max(x, x**3) are 1 and 3, and a sign on the piece says nothing left of 1."""
    cert = check_claim(parse_claim("diff(Max(x, x**3), x) == 3*x**2 for x > 1"),
                       BUDGET).certificate.to_json()["data"]
    text = json.dumps(cert)
    check(cert)
    assert '"nonzero"' in text and '["1", "oo", false, false]' in text
    with pytest.raises(Rejected):
        check(json.loads(text.replace('["1", "oo", false, false]', '["1", "oo", true, false]')))


def test_max_of_arguments_crossing_at_three_rational_points_is_proved_and_accurate():
    result = implement(expr="Max(x, x**3)", target="numpy", dtype="float64", derivative=True, budget=BUDGET)
    assert not result.unproved, [(p.claim, p.reason) for p in result.unproved]
    module = load_source(result.source, "heldout_max")
    xs = np.concatenate([np.linspace(-3, 3, 601), [-1e100, -1.0000001, -0.9999999, 0.9999999, 1.0000001, 1e100]])
    xs = xs[(xs != -1) & (xs != 0) & (xs != 1)]  # the switch points, where f' is a convention
    with mpmath.workdps(MP_DPS):
        want = np.array([float(max(mpmath.mpf(x), mpmath.mpf(x) ** 3)) for x in xs])
        dwant = np.array([float(3 * mpmath.mpf(x) ** 2 if mpmath.mpf(x) ** 3 > x else 1) for x in xs])
    assert np.all(_ulps(module.f(xs), want) <= 1)
    assert np.all(_ulps(module.f_derivative(xs), dwant) <= 1)


def test_acosh_of_one_plus_x_squared_keeps_its_digits_near_0():
    result = implement(expr="acosh(1 + x**2)", target="numpy", dtype="float64", budget=BUDGET)
    assert not result.unproved, [(p.claim, p.reason) for p in result.unproved]
    module = load_source(result.source, "heldout_acosh")
    xs = np.array([s * m for m in (1e-300, 1e-20, 1e-9, 1e-5, 0.01, 0.5, 1.0, 10.0, 1e10, 1e30) for s in (-1, 1)])
    # mpmath's acosh(u) forms u**2 - 1, which loses about 2 log10(1/|x|) digits for u = 1 + x**2: 700 digits
    # keep 50 of them at |x| = 1e-300 (1 + x**2 itself is exact at that precision)
    with mpmath.workdps(700):
        want = np.array([float(mpmath.acosh(1 + mpmath.mpf(x) ** 2)) for x in xs])
    got = module.f(xs)
    assert np.all(_ulps(got, want) <= 2), (xs, got, want)
    assert module.f(np.array([0.0]))[0] == 0.0


def test_x_over_sin_is_nan_at_0_and_reports_the_irrational_undefined_points():
    result = implement(expr="x/sin(x)", target="numpy", dtype="float64", budget=BUDGET)
    module = load_source(result.source, "heldout_xsin")
    assert np.isnan(module.f(np.array([0.0, -0.0]))).all()
    xs = np.array([1e-300, -1e-8, 0.5, 3.0, 3.141592653589793, -6.283185307179586, 100.0, 1e5])
    with mpmath.workdps(MP_DPS):
        want = np.array([float(mpmath.mpf(x) / mpmath.sin(mpmath.mpf(x))) for x in xs])
    assert np.all(_ulps(module.f(xs), want) <= 2)
    # the ranges around 0 hold k pi: their claims are refuted, and the docstring says where and why
    assert {p.status for p in result.unproved} == {"refuted"}
    assert " ".join(result.source.split()).count("is undefined at a point between") == len(result.unproved) == 2


def test_the_taylor_bounds_of_the_derivative_of_x_over_sin_are_proved_and_accurate():
    """f' = 1/sin(x) - x cos(x)/sin(x)**2 cancels near 0; its Taylor branches on 0 < |x| <= 1/32 have their bound
    proved (1/sin(x) on (0, 1/32] is bounded: sin increases on [-3/2, 3/2]); truth: mpmath's own f' from the
    quotient rule at 200 digits (the quotient loses about 2 log10(1/|x|) digits, 60 at 1e-30)."""
    result = implement(expr="x/sin(x)", target="numpy", dtype="float64", derivative=True, budget=BUDGET)
    bounds = [p for b, p in zip(result.plan.parts[1].claims(), result.plan.parts[1].proofs) if b.kind == "bound"]
    assert len(bounds) == 2 and all(p.status == "proved" for p in bounds), [(p.claim, p.reason) for p in bounds]
    module = load_source(result.source, "heldout_xsin_d")
    xs = np.array([s * m for m in (1e-30, 1e-13, 1e-6, 1e-3, 0.02, 0.03) for s in (-1, 1)])
    with mpmath.workdps(200):
        want = np.array([float((mpmath.sin(t) - t * mpmath.cos(t)) / mpmath.sin(t) ** 2)
                         for t in (mpmath.mpf(float(x)) for x in xs)])
    assert np.all(_ulps(module.f_derivative(xs), want) <= 2)
    assert np.isnan(module.f_derivative(np.array([0.0, -0.0]))).all()


def test_sin_bounds_its_image_on_its_rising_window_only():
    # sin(x) > 0 on (0, 3/2] by its ends (sin(0) = 0, an open end); on [0, 1] it is 0 at 0; sin(x)**(-2) is
    # bounded on (0, 1/32]
    for claim, status in (("sin(x) > 0 for 0 < x <= 3/2", "proved"), ("sin(x) > 0 for 0 <= x <= 1", "refuted"),
                          ("sin(x)**(-2) > 0 for 0 < x <= 1/32", "proved"),
                          ("sin(x) < 1 for 0 < x < 3/2", "proved"), ("sin(x) < 99/100 for 0 < x < 3/2", "refuted")):
        assert check_claim(parse_claim(claim), BUDGET).status == status, claim


#: Max, Min and |.| whose arguments cross at irrational points (the crossings, by hand): x**2 = 1 - x**2 at
#: +-1/sqrt(2); x**2 - 1/2 = 0 at +-1/sqrt(2); sin(x) = x/2 at 0 and +-1.8955 (mpmath's root below); each with the
#: dtype and standard of the issue's acceptance (float64: the default, float32: --strict)
IRRATIONAL = [("Max(x**2, 1 - x**2)", "float64"), ("Min(x**2, 1 - x**2)", "float32"),
              ("Abs(x**2 - 1/2)", "float64"), ("Max(sin(x), x/2)", "float32")]


def _symact(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "symact", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": os.getcwd()}, timeout=900)


@pytest.mark.parametrize("text,dtype", IRRATIONAL)
def test_max_min_and_abs_crossing_at_irrational_points_pass_their_audit(tmp_path, text, dtype):
    """Refused before (two or more crossings, or |u| with irrational zeros); now a window of width 1/1000 (2/1000
    around a crossing at a rational point, 0 for sin(x) = x/2) holds each crossing, Max/Min/|u| computed at run
    time there, and every other piece's claim is proved by the kernel."""
    made = _symact("implement", "--expr", text, "--target", "numpy", "--dtype", dtype, "--derivative", "-o",
                   str(tmp_path / "m.py"))
    assert made.returncode == 0, made.stdout + made.stderr
    audit = _symact("audit", "m.py:f", "--expr", text, "--dtype", dtype, *(["--strict"] if dtype == "float32" else []),
                    "--grad", "m.py:f_derivative", cwd=tmp_path)
    assert audit.returncode == 0 and "CONFORMS" in audit.stdout, audit.stdout + audit.stderr
    assert "PASS     derivative" in audit.stdout


def test_max_of_two_parabolas_holds_each_crossing_in_a_window_and_matches_mpmath():
    result = implement(expr="Max(x**2, 1 - x**2)", target="numpy", dtype="float64", derivative=True, budget=BUDGET)
    assert not result.unproved, [(p.claim, p.reason) for p in result.unproved]
    f = result.plan.parts[0]
    with mpmath.workdps(MP_DPS):
        r = 1 / mpmath.sqrt(2)  # 0.70710678...: inside (707/1000, 708/1000)
        windows = [(b.lo, b.hi) for b in f.branches if b.formula.has(sp.Max)]
        assert len(windows) == 2 and all(lo < c < hi for (lo, hi), c in zip(windows, (-r, r)))
        xs = np.concatenate([np.linspace(-3, 3, 601), float(r) + np.arange(-64, 65) * 2.0 ** -50,
                             -float(r) + np.arange(-64, 65) * 2.0 ** -50, [1e-300, 1e150, -1e150]])
        # Max is x**2 where x**2 >= 1/2, else 1 - x**2; f' is 2x or -2x on those sides (not at +-r: no float)
        want = np.array([float(max(mpmath.mpf(x) ** 2, 1 - mpmath.mpf(x) ** 2)) for x in xs])
        dwant = np.array([float(2 * x if mpmath.mpf(x) ** 2 > mpmath.mpf(1) / 2 else -2 * x) for x in xs])
    module = load_source(result.source, "heldout_max_parabolas")
    assert np.all(_ulps(module.f(xs), want) <= 1)
    assert np.all(module.f_derivative(xs) == dwant)

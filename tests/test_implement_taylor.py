"""``symact implement --expr`` at a removable 0/0: the expression and its derivative stay NaN at the point itself
(real-line semantics), and near it a Taylor branch replaces a formula that cancels (the derivative of
(exp(x) - 1)/x, exp(x)/x - (exp(x) - 1)/x**2, returned 4.0 for 0.5 at x = -4.5e-17), with the bound
|f - T_n| <= C |x|^(n + 1) proved by the kernel through the search's ``try_cleared`` (the error over one
denominator, the remainder rule on its numerator).  Truths: mpmath at 200 digits from closed forms written out
by hand beside each case (the quotients cancel about 2 log10(1/|x|) digits at x, 60 at x = 1e-30)."""
from __future__ import annotations

import json
import subprocess
import sys

import mpmath
import numpy as np
import pytest

from symact.decide.checked import check_claim
from symact.implement import implement
from symact.implement.module import load_source
from symact.kernel import Rejected, check
from symact.parsing import parse_claim

E, SIN, COS, LOG1P = mpmath.exp, mpmath.sin, mpmath.cos, mpmath.log1p

CASES = [  # (expression, f, f' by the quotient rule)
    ("(exp(x) - 1)/x", lambda x: (E(x) - 1) / x, lambda x: (x * E(x) - E(x) + 1) / x ** 2),
    ("sin(x)/x", lambda x: SIN(x) / x, lambda x: (x * COS(x) - SIN(x)) / x ** 2),
    ("(1 - cos(x))/x**2", lambda x: (1 - COS(x)) / x ** 2, lambda x: (x * SIN(x) - 2 * (1 - COS(x))) / x ** 3),
    ("log1p(x)/x", lambda x: LOG1P(x) / x, lambda x: (x / (1 + x) - LOG1P(x)) / x ** 2),
    ("x/(exp(x) - 1)", lambda x: x / (E(x) - 1), lambda x: (E(x) - 1 - x * E(x)) / (E(x) - 1) ** 2),
]
#: inputs inside every Taylor ball (the least radius is 1/32)
XS = np.array([s * m for m in (1e-30, 1e-13, 1e-6, 1e-3, 0.02) for s in (-1, 1)])


@pytest.mark.parametrize("text,f,df", CASES)
def test_removable_quotient_and_its_derivative_are_accurate_near_the_point_and_nan_at_it(text, f, df):
    result = implement(expr=text, target="numpy", dtype="float64", derivative=True, budget=5.0)
    module = load_source(result.source, f"taylor_{abs(hash(text))}")
    bounds = [(b, p) for part in result.plan.parts for b, p in zip(part.claims(), part.proofs) if b.kind == "bound"]
    assert bounds and all(p.status == "proved" for _, p in bounds), [(p.claim, p.reason) for _, p in bounds]
    assert any(b.formula.is_polynomial() and "Taylor" in b.why for b, _ in bounds)
    for fn, truth in ((module.f, f), (module.f_derivative, df)):
        assert np.isnan(fn(np.array([0.0, -0.0]))).all(), text  # undefined at 0 itself
        with mpmath.workdps(200):
            want = np.array([float(truth(mpmath.mpf(float(x)))) for x in XS])
        got = fn(XS)
        assert np.all(np.abs(got - want) <= 2 * np.spacing(np.abs(want))), (text, XS, got, want)


def test_the_commands_of_the_issue_pass_the_strict_audit_of_the_derivative(tmp_path):
    """The user's commands, as run: the derivative of (exp(x) - 1)/x failed the strict audit at 3234 of 9720
    points (all |x| < 1.1e-13) before its Taylor branches."""
    path = tmp_path / "e.py"
    made = subprocess.run([sys.executable, "-m", "symact", "implement", "--expr", "(exp(x) - 1)/x", "--target",
                           "numpy", "--derivative", "-o", str(path)], capture_output=True, text=True, timeout=600)
    assert path.exists(), made.stderr
    audit = subprocess.run([sys.executable, "-m", "symact", "audit", f"{path}:f", "--expr", "(exp(x) - 1)/x",
                            "--strict", "--grad", f"{path}:f_derivative"], capture_output=True, text=True,
                           timeout=600)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "PASS     derivative" in audit.stdout


# |f'(x) - (1/2 + x/3 + x^2/8 + x^3/30)| for f = (e^x - 1)/x is sum_{m >= 4} (m + 1)/(m + 2)! x^m: 5/720 x^4 + ...,
# below x^4/64 on 0 < |x| <= 1/8 and above x^4/1000 at x = 1/8 (5/720 > 1/1000)
TAYLOR = "Abs(diff((exp(x) - 1)/x, x) - (1/2 + x/3 + x**2/8 + x**3/30))"


@pytest.mark.parametrize("domain", ["0 < x <= 1/8", "-1/8 <= x < 0"])
def test_a_taylor_bound_across_a_removable_point_is_proved_and_a_too_small_one_is_not(domain):
    assert check_claim(parse_claim(f"{TAYLOR} <= x**4/64 for {domain}"), 5.0).status == "proved"
    assert check_claim(parse_claim(f"{TAYLOR} <= x**4/1000 for {domain}"), 5.0).status != "proved"


def test_a_corrupted_cleared_certificate_is_rejected():
    """The certificate divides the error by x^2 (``rewrite`` to x^-2 N, ``product``, ``remainder`` on N): with
    one coefficient of N changed, or the remainder's order lowered, the kernel rejects it."""
    verdict = check_claim(parse_claim(f"{TAYLOR} <= x**4/64 for 0 < x <= 1/8"), 5.0)
    cert = verdict.certificate.to_json()["data"]
    check(cert)
    text = json.dumps(cert)
    assert '"rule": "rewrite"' in text and '"rule": "remainder"' in text
    for old, new in (('"-1/30"', '"-1/31"'), ('"order": 6', '"order": 5')):
        assert old in text, old
        with pytest.raises(Rejected):
            check(json.loads(text.replace(old, new, 1)))


def test_a_taylor_bound_at_a_removable_point_other_than_0_is_proved():
    """(e^(x - 1) - 1)/(x - 1) is the case above shifted to x = 1: the denominator (x - 1)^2 of its derivative is
    divided out, and e^(x - 1) is exactly 1 at 1 (kept whole, not e^-1 e^x), so the remainder rule applies."""
    shifted = TAYLOR.replace("(exp(x) - 1)/x", "(exp(x - 1) - 1)/(x - 1)").replace("x/3", "(x - 1)/3")
    shifted = shifted.replace("x**2/8", "(x - 1)**2/8").replace("x**3/30", "(x - 1)**3/30")
    assert check_claim(parse_claim(f"{shifted} <= (x - 1)**4/64 for 1 < x <= 9/8"), 5.0).status == "proved"
    assert check_claim(parse_claim(f"{shifted} <= (x - 1)**4/1000 for 1 < x <= 9/8"), 5.0).status != "proved"

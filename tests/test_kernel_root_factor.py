"""The kernel's smooth-form rewrite of a power of a polynomial with a factor x^m (symact/kernel/root_factor.py):
(x^m B)^r = |x|^(m r) B^r only where B > 0 is certain, so sqrt(x^4 + x^6)' at 0 is proved 0 (C-infinity) while
sqrt(x^2 + x^4) (a kink: |x| sqrt(1 + x^2)) and sqrt(x^4 - x^2) (undefined beside 0) get no such proof, and a
certificate that claims one is rejected by ``check`` and by ``symact verify``."""
from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import mpmath
import pytest

from symact.kernel import Rejected, check
from symact.kernel.ivals import Uncertain
from symact.kernel.root_factor import factor_root

X = ("x",)
HALF = Fraction(1, 2)


def xp(k):
    return ("pow", X, Fraction(k))


def root(*powers, r=HALF):
    return ("pow", ("add", *(xp(k) for k in powers)), r)


def at_zero(lhs, rhs, rel="=="):
    """The claim ``lhs REL rhs for x == 0`` with the kernel's ``eval`` at the point (its exact value there)."""
    return {"format": "symact-kernel/1", "verdict": "proved", "proof": [{"rule": "eval"}],
            "claim": {"var": "x", "lhs": lhs, "rel": rel, "rhs": rhs, "domain": [["0", "0", True, True]]}}


def test_ground_truths_by_mpmath():
    """f = sqrt(x^4 + x^6): f'(0) = 0 (f = x^2 sqrt(1 + x^2)); (x^4 + x^6)^(3/4) = |x|^3 (1 + x^2)^(3/4):
    f'(0) = 0; sqrt(x^2 + x^4) = |x| sqrt(1 + x^2): one-sided slopes -1 and 1 at 0 (no derivative)."""
    with mpmath.workdps(40):
        h = mpmath.mpf(10) ** -12
        for f in (lambda x: mpmath.sqrt(x ** 4 + x ** 6), lambda x: (x ** 4 + x ** 6) ** mpmath.mpf(0.75)):
            assert abs(f(h) - f(-h)) / (2 * h) < mpmath.mpf(10) ** -10 and abs(f(h) / h) < mpmath.mpf(10) ** -10
        g = lambda x: mpmath.sqrt(x ** 2 + x ** 4)  # noqa: E731
        assert abs(g(h) / h - 1) < mpmath.mpf(10) ** -10 and abs(g(-h) / -h + 1) < mpmath.mpf(10) ** -10


def test_the_rewrite_and_its_side_condition():
    t = root(4, 6)
    rest = ("add", ("num", Fraction(1)), xp(2))
    assert factor_root(t, lambda b: 1) == ("mul", xp(2), ("pow", rest, HALF))
    assert factor_root(root(4, 6, r=Fraction(3, 4)), lambda b: 1)[1] == ("pow", ("abs", X), Fraction(3))
    assert factor_root(root(2, 4), lambda b: 1)[1] == ("pow", ("abs", X), Fraction(1))

    def uncertain(b):
        raise Uncertain("a sign changes")

    for sign in (lambda b: -1, lambda b: 0, uncertain):  # B not certainly > 0: no rewrite
        assert factor_root(t, sign) is t
    for t in (root(1, 2), root(4, 6, r=Fraction(2)), ("pow", xp(4), HALF),  # x^1: m < 2; integer power; one term
              ("pow", ("add", xp(4), ("fn", "sin", X)), HALF)):          # a term that is no monomial
        assert factor_root(t, lambda b: 1) is t


def test_the_derivative_at_the_zero_of_the_factor():
    d46 = ["deriv", ["pow", ["add", ["pow", ["x"], "4"], ["pow", ["x"], "6"]], "1/2"]]
    assert check(at_zero(d46, ["num", "0"]))[0] == "proved"
    for wrong in ("1/1000000", "-1"):
        with pytest.raises(Rejected):
            check(at_zero(d46, ["num", wrong]))


@pytest.mark.parametrize("base, why", [
    (["add", ["pow", ["x"], "2"], ["pow", ["x"], "4"]], "|x| sqrt(1 + x^2): a kink at 0"),
    (["add", ["pow", ["x"], "4"], ["mul", ["num", "-1"], ["pow", ["x"], "2"]]], "x^2 (x^2 - 1): undefined beside 0"),
])
def test_no_derivative_where_the_rest_is_not_positive_or_the_power_is_odd(base, why):
    with pytest.raises(Rejected):
        check(at_zero(["deriv", ["pow", base, "1/2"]], ["num", "0"]))


def test_symact_verify_accepts_the_proof_and_rejects_a_corrupted_one(tmp_path):
    d46 = ["deriv", ["pow", ["add", ["pow", ["x"], "4"], ["pow", ["x"], "6"]], "1/2"]]
    path = tmp_path / "c.json"
    path.write_text(json.dumps(at_zero(d46, ["num", "0"])))
    ok = subprocess.run([sys.executable, "-m", "symact", "verify", str(path)], capture_output=True, text=True,
                        timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    kink = ["deriv", ["pow", ["add", ["pow", ["x"], "2"], ["pow", ["x"], "6"]], "1/2"]]
    path.write_text(json.dumps(at_zero(kink, ["num", "0"])))
    bad = subprocess.run([sys.executable, "-m", "symact", "verify", str(path)], capture_output=True, text=True,
                         timeout=300)
    assert bad.returncode == 1 and bad.stdout.startswith("REJECTED"), bad.stdout + bad.stderr

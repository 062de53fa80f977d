"""Integral claims ``integrate(f, a, lo, hi) REL c`` and the kernel's rule ftc (the fundamental theorem of
calculus): verdicts against mpmath's quadrature, corrupted certificates rejected, the classic fallacy
(an antiderivative across a pole) never accepted, malformed statements one line with exit 2."""
from __future__ import annotations

import copy

import mpmath as mp
import pytest
import sympy as sp

from symact.catalog.registry import X
from symact.decide.checked import check_claim
from symact.kernel import Rejected
from symact.kernel import check as kernel_check
from symact.kernel.terms import to_json
from symact.sympy_terms import from_sympy
from symact.parsing import parse_claim

#: (claim, the integrand and bounds and value for mpmath, expected verdict)
ROWS = [
    ("integrate(1/a, a, 3, 8) == log(8/3)", (lambda a: 1 / a, 3, 8, mp.log(mp.mpf(8) / 3)), "proved"),
    ("integrate(a/5, a, 3, 8) == 11/2", (lambda a: a / 5, 3, 8, mp.mpf(11) / 2), "proved"),
    ("integrate(1/(5*a), a, 3, 8) > 2/11", (lambda a: 1 / (5 * a), 3, 8, mp.mpf(2) / 11), "proved"),
    ("integrate(1/a, a, 8, 3) == -log(8/3)", (lambda a: 1 / a, 8, 3, -mp.log(mp.mpf(8) / 3)), "proved"),
    ("integrate(exp(-x), x, 0, 1) < 1", (lambda t: mp.exp(-t), 0, 1, 1), "proved"),
    ("integrate(cos(t), t, 0, 1) > 5/6", (lambda t: mp.cos(t), 0, 1, mp.mpf(5) / 6), "proved"),
    ("integrate(1/a, a, 3, 8) == log(3)", (lambda a: 1 / a, 3, 8, mp.log(3)), "refuted"),
    ("integrate(1/a, a, 3, 8) != log(3)", (lambda a: 1 / a, 3, 8, mp.log(3)), "proved"),
    ("integrate(a**2, a, 0, 1) >= 1/2", (lambda a: a**2, 0, 1, mp.mpf(1) / 2), "refuted"),
]
OPS = {"==": lambda v: abs(v) < 1e-10, "!=": lambda v: abs(v) > 1e-10, "<": lambda v: v < 0,
       "<=": lambda v: v <= 0, ">": lambda v: v > 0, ">=": lambda v: v >= 0}


def test_integral_claims_agree_with_quadrature():
    for text, (f, lo, hi, value), expected in ROWS:
        claim = parse_claim(text)
        v = check_claim(claim, 2.0)
        assert v.status == expected, (text, v.reason)
        truth = OPS[claim.op](mp.quad(f, [lo, hi]) - value)  # 15 digits; the strict gaps here exceed 0.01
        assert truth == (expected == "proved"), text
        assert v.certificate.data["proof"]["rule"] == "ftc" or claim.op == "!="


def test_an_integrand_undefined_inside_the_interval_is_never_settled():
    """1/a has a pole at 0 in [-1, 8]: the integral does not exist, so no value of it is proved or refuted."""
    for text in ("integrate(1/a, a, -1, 8) == log(8)", "integrate(1/a, a, -1, 8) > 0",
                 "integrate(1/a**2, a, -1, 1) == -2", "integrate(sqrt(a), a, -1, 1) < 1"):
        assert check_claim(parse_claim(text), 1.0).status == "unknown", text


def test_sympy_failing_to_propose_an_antiderivative_leaves_the_claim_open():
    """SymPy's integrate raises AttributeError on 0**a (a NaN inside risch): no antiderivative, unknown, no
    traceback."""
    v = check_claim(parse_claim("integrate(0**a, a, 0, 1) == 0"), 1.0)
    assert v.status == "unknown" and "SymPy proposes no antiderivative" in v.reason


def _term(e):
    return to_json(from_sympy(e, X))


def _proof(text: str) -> dict:
    v = check_claim(parse_claim(text), 2.0)
    assert v.status in ("proved", "refuted"), v.reason
    return v.certificate.data


def test_corrupted_ftc_certificates_are_rejected():
    good = _proof("integrate(1/a, a, 3, 8) == log(8/3)")
    assert kernel_check(good)[0] == "proved"

    def corrupt(change):
        c = copy.deepcopy(good)
        change(c)
        return c

    bad = [
        corrupt(lambda c: c["proof"].update(antiderivative=_term(X**2 / 2))),  # wrong antiderivative
        corrupt(lambda c: c["proof"].update(antiderivative=_term(sp.log(X) + X))),
        corrupt(lambda c: c["claim"].update(lo="-1")),  # a pole inside the interval
        corrupt(lambda c: c["claim"].update(lo="8", hi="3")),  # swapped bounds: the value is -log(8/3)
        corrupt(lambda c: c["claim"].update(rhs=_term(sp.log(3)))),
        corrupt(lambda c: c["claim"].update(rel="<")),
        corrupt(lambda c: c.update(verdict="refuted")),
        corrupt(lambda c: c["claim"].update(domain=[["3", "8", True, True]])),  # no other keys
        corrupt(lambda c: c["claim"].update(rhs=_term(X))),  # a value is a constant
        corrupt(lambda c: c["claim"].update(hi="x")),
        corrupt(lambda c: c.update(proof={"rule": "eval"})),
        corrupt(lambda c: c["proof"].update(antiderivative=["param", "alpha"])),
    ]
    for c in bad:
        with pytest.raises(Rejected):
            kernel_check(c)


def test_the_fallacy_across_a_pole_is_rejected():
    """d/da log|a| = 1/a on each side of 0, yet 1/a has no integral over [-1, 8]: 'log 8 - log 1' is not one."""
    cert = {"format": "symact-kernel/1", "verdict": "proved",
            "claim": {"var": "x", "integral": _term(1 / X), "lo": "-1", "hi": "8", "rel": "==",
                      "rhs": _term(sp.log(8))},
            "proof": {"rule": "ftc", "antiderivative": _term(sp.log(sp.Abs(X))), "value": [{"rule": "eval"}]}}
    with pytest.raises(Rejected):
        kernel_check(cert)
    cert["claim"]["lo"] = "1"  # on [1, 8] the same certificate is sound
    assert kernel_check(cert)[0] == "proved"


def test_check_command_reads_integral_claims(tmp_path, capsys):
    from symact.cli import main

    assert main(["check", "integrate(1/a, a, 3, 8) == log(8/3)"]) == 0
    assert capsys.readouterr().out.startswith("PROVED   integrate(1/a, a, 3, 8) == log(8/3)  [kernel-checked proof")
    out = tmp_path / "p.svg"  # a refuted integral claim has no curve in x to draw
    assert main(["check", "integrate(1/a, a, 3, 8) == log(3)", "--plot", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("REFUTED") and "no plot" in captured.err and not out.exists()
    for text in ("integrate(1/a, a, 3, x) == 1", "integrate(1/a, a, 3, 8) == x", "integrate(1/a, a, 3) == 1",
                 "integrate(1/a, a, 3, 8) == 1 for x > 0", "forall b > 0: integrate(1/a, a, 3, 8) == b",
                 "integrate(1/a, 2, 3, 8) == 1", "integrate(1/a, a, 3, sqrt(2)) == 1"):
        assert main(["check", text]) == 2, text
        err = capsys.readouterr().err
        assert err.startswith("symact: error: ") and err.count("\n") == 1, (text, err)


def test_statement_and_latex_of_an_integral_claim():
    from symact.decide.checked import statement

    text, tex = statement(parse_claim("integrate(1/(5*a), a, 3, 8) > 2/11"))
    assert text == "integrate(1/(5*a), a, 3, 8) > 2/11"
    assert tex.startswith(r"\int\limits_{3}^{8} \frac{1}{5 a}\, da >")

"""Proof scripts: every claim id of issue 5 is declared, settles with the expected verdict, and renders."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symact.cli import main
from symact.claims import (Claim, Family, Outcome, UnknownClaimError, all_claims, claim_latex, get_claim,
                           load_families, proofs_dir, report_outcomes, run_claims)
from symact.verdict import Certificate, Derivation, Verdict

ROOT = Path(__file__).resolve().parents[1]

SOURCE_IDS = {"relu_square_approx_source", "softmax_source_claim", "swish_deriv_positive_source",
              "monotone_activation_single_layer_convex_source"}
ISSUE_IDS = """
affine_collapse_2_4_2 affine_collapse_any_depth linear_chain_product relu_not_linear relu_abs
relu_square_approx_source relu_square_approx relu_square_approx_general relu_grad_values
sigmoid_range tanh_range sigmoid_deriv_self_form sigmoid_deriv_le_quarter sigmoid_chain_bound
sigmoid_explosion_needs_w_gt_4 sigmoid_explosion_window tanh_sigmoid_identity tanh_deriv_self_form
tanh_deriv_peak tanh_vanishing sigmoid_same_sign_updates sigmoid_newton_ratio
non_saturating_definition relu_hard_saturation_left elu_soft_saturation_left
leaky_relu_alpha_zero_is_relu leaky_relu_deriv prelu_grad_alpha rrelu_test_time_mean rrelu_ndsb_parameterisation
elu_convex_iff_alpha_le_1 elu_c1_iff_alpha_eq_1 elu_negative_outputs dead_relu_zero_grad maxout_generalises_relu
softmax_simplex softmax_shift_invariant softmax_jacobian softmax_source_claim swish_deriv_positive_source
swish_minimum swish_bounded_below_unbounded_above swish_smooth softplus_deriv_is_sigmoid softplus_minus_relu_le_log2
convexity_convention affine_convex_and_concave inv_square_convex_on_halflines_not_on_R
perspective_preserves_convexity log_increasing_not_convex square_and_neg_x_convex_not_increasing abs_convex
monotone_activation_single_layer_convex_source logistic_loss_convex identity_near_origin_table
xor_not_linearly_separable xor_threshold_network circle_separable_after_square_features
""".split()
EXPECTED = {i: ("refuted" if i in SOURCE_IDS else "proved") for i in ISSUE_IDS}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    return {o.claim.id: o for o in run_claims()}


def test_every_issue_id_is_declared_once():
    ids = [c.id for c in all_claims()]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(ISSUE_IDS), (set(ISSUE_IDS) - set(ids), set(ids) - set(ISSUE_IDS))


def test_declared_expectations_match_the_issue():
    for c in all_claims():
        assert c.expected == EXPECTED[c.id], c.id
        assert c.statement and c.latex and c.family


@pytest.mark.parametrize("claim_id", ISSUE_IDS)
def test_verdict_is_the_expected_one(outcomes, claim_id):
    o = outcomes[claim_id]
    v = o.verdict
    assert v.status == EXPECTED[claim_id], f"{claim_id}: {v.status} ({v.reason})"
    assert v.certificate is not None and v.certificate.kind != "evidence"
    assert v.method and v.method != "none"
    assert v.statement == o.claim.statement


def test_refutations_carry_the_counterexample_or_the_correction(outcomes):
    from symact.kernel import check as kernel_check

    for cid in SOURCE_IDS:
        v = outcomes[cid].verdict
        if outcomes[cid].claim.formal:  # the kernel's counterexample, re-checked here
            assert v.certificate.kind == "kernel" and kernel_check(v.certificate.data)[0] == "refuted", cid
        else:
            assert v.certificate.kind in ("counterexample", "interval", "symbolic")
        assert v.certificate.data, cid
        assert isinstance(v.value, dict) and ("corrected" in v.value or "max_error" in v.value), cid


@pytest.mark.parametrize("claim_id", ISSUE_IDS)
def test_derivation_renders_as_text_latex_json(outcomes, claim_id):
    o = outcomes[claim_id]
    d = o.verdict.derivation
    assert len(d.steps) >= 2, "a derivation has several steps"
    assert d.text().strip()
    tex = claim_latex(o)
    assert r"\paragraph{Derivation.}" in tex and r"\paragraph{Conclusion.}" in tex
    if o.claim.formal:  # the statements as the kernel reads them, then the prose as a gloss
        assert r"\paragraph{Claim (formal).}" in tex and tex.count(r"\item \texttt{") == len(o.claim.formal)
        assert r"\paragraph{Gloss (prose, not checked).}" in tex
    else:
        assert r"\paragraph{Claim.}" in tex and r"\paragraph{Not kernel-checked.}" in tex
    assert tex.count(r"\begin{align*}") == tex.count(r"\end{align*}")
    json.dumps(d.to_json())
    json.dumps(o.to_json(full=True))
    assert any(not s.is_prose() for s in d.steps), "at least one displayed formula step"


def test_prove_json_shape_and_exit_code(capsys):
    code = main(["prove", "--json", "relu_abs", "dead_relu_zero_grad", "softmax_source_claim",
                 "convexity_convention"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(out) == ["claims"]
    # dead_relu_zero_grad uses the lemma relu_hard_saturation_left, which runs first
    assert [c["id"] for c in out["claims"]] == ["relu_abs", "relu_hard_saturation_left", "dead_relu_zero_grad",
                                                "softmax_source_claim", "convexity_convention"]
    for c in out["claims"]:
        assert {"id", "statement", "formal", "status", "method", "seconds"} <= set(c)
        assert c["status"] in ("proved", "refuted", "unknown")
        assert isinstance(c["seconds"], float)
    assert out["claims"][0]["formal"] == ["Abs(x) == relu(x) + relu(-x)"]
    assert out["claims"][1]["formal"] == ["diff(relu(x), x) == 0 for x < 0"] and out["claims"][1]["kernel_checked"]
    assert len(out["claims"][2]["formal"]) == 2 and out["claims"][2]["kernel_checked"]
    assert out["claims"][2]["uses"] == ["relu_hard_saturation_left"]
    assert out["claims"][3]["status"] == "refuted" and out["claims"][3]["kernel_checked"]
    # (C) => (M) for every convex f, (M) => (C) for every continuous midpoint-convex f (dyadic induction, limit)
    assert len(out["claims"][4]["formal"]) == 2 and "continuous midpoint_convex f" in out["claims"][4]["formal"][1]
    assert out["claims"][4]["kernel_checked"] and out["claims"][4]["status"] == "proved"
    assert "why_not_formal" not in out["claims"][4]


def test_unknown_id_exits_2_with_suggestion(capsys):
    code = main(["prove", "sigmoid_rnage"])
    err = capsys.readouterr().err
    assert code == 2
    assert "unknown claim id 'sigmoid_rnage'" in err and "sigmoid_range" in err
    with pytest.raises(UnknownClaimError):
        get_claim("no_such_claim")


def test_prove_latex_writes_one_fragment_per_claim(tmp_path, capsys):
    code = main(["prove", "relu_abs", "tanh_range", "--latex", str(tmp_path)])
    capsys.readouterr()
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["relu_abs.tex", "tanh_range.tex"]
    assert r"\begin{align*}" in (tmp_path / "relu_abs.tex").read_text()


def test_list_shows_families(capsys):
    assert main(["prove", "--list"]) == 0
    out = capsys.readouterr().out
    assert "sigmoid_gradient" in out and "relu_square_approx_source" in out
    assert main(["prove", "--list", "--json"]) == 0
    families = json.loads(capsys.readouterr().out)["families"]
    listed = {c["id"]: c["expected"] for f in families for c in f["claims"]}
    assert listed["relu_square_approx_source"] == "refuted" and listed["sigmoid_deriv_le_quarter"] == "proved"
    assert "sigmoid_gradient" in [f["key"] for f in families]


def _fake_claim(status: str, expected: str = "proved") -> Claim:
    def prove(d: Derivation) -> Verdict:
        d.say("stub step").say("second step")
        cert = Certificate("counterexample" if status == "refuted" else "symbolic", {"x": 1})
        return Verdict(status, "", method="test", certificate=cert if status != "unknown" else None,
                       derivation=d)
    return Claim("fake", "fake_family", "a fake claim", "a fake claim", expected, prove)


def test_exit_1_when_a_verdict_differs_or_is_unknown(capsys):
    ok = Outcome(_fake_claim("proved"), _fake_claim("proved").run())
    differs = Outcome(_fake_claim("refuted"), _fake_claim("refuted").run())
    unknown = Outcome(_fake_claim("unknown"), _fake_claim("unknown").run())
    assert report_outcomes([ok]) == 0
    assert report_outcomes([ok, differs]) == 1
    assert report_outcomes([ok, unknown]) == 1
    capsys.readouterr()


def test_cli_exit_1_through_the_loader(monkeypatch, capsys):
    import symact.claims as claims_mod

    fam = Family("fake_family", "Fake")
    fam.claims.append(_fake_claim("refuted", expected="proved"))
    monkeypatch.setattr(claims_mod, "_FAMILIES", [fam])
    assert main(["prove"]) == 1
    assert main(["prove", "--json"]) == 1
    out = capsys.readouterr().out
    assert '"status": "refuted"' in out


def test_budget_and_errors_end_as_unknown():
    def spin(d):  # budgets count CPU time: a proof that computes, not one that sleeps, runs out of it
        end = time.process_time() + 5
        while time.process_time() < end:
            pass

    slow = Claim("slow", "f", "s", "s", "proved", spin, budget=0.2)
    cpu = time.process_time()
    v = slow.run()
    # stopped long before the spin's 5 s: counted in CPU seconds (wall seconds grow with the machine's load)
    assert v.status == "unknown" and "budget" in v.reason and time.process_time() - cpu < 2

    def boom(d):
        raise ZeroDivisionError("x")
    v = Claim("boom", "f", "s", "s", "proved", boom).run()
    assert v.status == "unknown" and "ZeroDivisionError" in v.reason

    v = Claim("none", "f", "s", "s", "proved", lambda d: None).run()
    assert v.status == "unknown"


def test_failed_step_is_unknown_not_proved():
    from symact.claims import check_zero

    def wrong(d):
        import sympy as sp
        x = sp.Symbol("x")
        check_zero(sp.sin(x) ** 2 + sp.cos(x) ** 2 - 2, "false identity")
        return Verdict("proved", "", method="m", derivation=d)
    assert Claim("w", "f", "s", "s", "proved", wrong).run().status == "unknown"


def test_loader_finds_the_repo_proofs_and_accepts_a_directory():
    assert proofs_dir().resolve() == (ROOT / "proofs").resolve()
    fams = load_families(directory=ROOT / "proofs")
    assert [f.key for f in fams][:2] == ["affine_collapse", "sigmoid_gradient"]
    assert sum(len(f.claims) for f in fams) == len(ISSUE_IDS)


def test_script_runs_standalone_without_installation(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, str(ROOT / "proofs" / "representation.py"), "--json"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {c["id"] for c in data["claims"]} == {"xor_not_linearly_separable", "xor_threshold_network",
                                                 "circle_separable_after_square_features"}
    proc = subprocess.run([sys.executable, str(ROOT / "proofs" / "representation.py"), "nope"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 2


def test_key_values(outcomes):
    window = outcomes["sigmoid_explosion_window"].verdict.value
    lo, hi = (float(v) for v in window["max_width"])
    assert 0.44765 < lo <= hi < 0.44775
    alo, ahi = (float(v) for v in window["abs_w"])
    assert 6.8935 < alo <= ahi < 6.8945
    assert outcomes["swish_minimum"].verdict.value["min"] == "-LambertW(exp(-1))"
    table = outcomes["identity_near_origin_table"].verdict.value
    assert table["tanh"]["holds"] and not table["sigmoid"]["holds"] and not table["relu"]["holds"]


def test_cross_check_agrees_notes_or_contradicts():
    import sympy as sp

    from symact.claims import ProofFailed, cross_check, extremum_matches
    from types import SimpleNamespace

    def Extremum(kind, exact, enclosure, flt, attained, at):  # the fields symact.decide.Extremum carries
        return SimpleNamespace(kind=kind, exact=exact, enclosure=enclosure, float=flt, attained=attained, at=at)

    def verdict(status, value=None):
        cert = Certificate("symbolic", {}) if status != "unknown" else None
        return Verdict(status, "s", method="m", certificate=cert, value=value)

    d = Derivation()
    assert cross_check(d, "x", lambda: verdict("proved")) is not None
    assert cross_check(d, "x", lambda: verdict("unknown")) is None
    assert cross_check(d, "x", lambda: 1 / 0) is None
    with pytest.raises(ProofFailed):
        cross_check(d, "x", lambda: verdict("refuted"))
    quarter = Extremum("sup", sp.Rational(1, 4), None, 0.25, True, [sp.Integer(0)])
    assert extremum_matches(verdict("proved", quarter), sp.Rational(1, 4), [sp.Integer(0)]) is True
    assert extremum_matches(verdict("proved", quarter), sp.Rational(1, 3), [sp.Integer(0)]) is False
    ball = Extremum("inf", None, "[-0.27846454276107379511 +/- 7.80e-22]", -0.2785, True,
                    ["[-1.278464542761073795109 +/- 5.32e-22]"])
    W = sp.LambertW(sp.exp(-1))
    assert extremum_matches(verdict("proved", ball), -W, [-1 - W]) is True
    assert extremum_matches(verdict("proved", ball), -W + sp.Rational(1, 10**6), [-1 - W]) is False
    with pytest.raises(ProofFailed):
        cross_check(d, "x", lambda: verdict("proved", ball), accept=lambda v: extremum_matches(v, -2 * W, [-1 - W]))


def test_each_script_declares_its_claims_once():
    """A script that (accidentally) defines FAMILY twice would silently drop the first definitions."""
    for fam in load_families(directory=ROOT / "proofs"):
        source = Path(fam.path).read_text()
        assert source.count("\nFAMILY = ") == 1, fam.path
        assert source.count("@FAMILY.claim(") == len(fam.claims), fam.path

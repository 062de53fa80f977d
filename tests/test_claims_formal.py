"""Formal claims: the verdict comes from the kernel, `symact check` agrees, lemmas gate verdicts."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from symact.claims import KERNEL_BUDGET, Family, all_claims, run_claims
from symact.decide.checked import check_claim
from symact.kernel import check as kernel_check
from symact.parsing import parse_claim
from symact.verdict import Certificate, Verdict

FORMAL = [c for c in all_claims() if c.formal]


def _settled(status: str):
    def prove(d):
        d.say("prose only")
        return Verdict(status, "", method="script", certificate=Certificate("symbolic", {}), derivation=d)
    return prove


def test_every_claim_is_formal_or_says_why_not():
    for c in all_claims():
        assert bool(c.formal) != bool(c.why_not_formal.strip()), c.id
        if c.formal:  # displayed sentence generated from the parsed statements, prose kept as gloss
            # the comparison (after a 'forall alpha ...: ', before a derivation's ' by ...')
            body = c.formal[0].partition(" by ")[0].split(" for ")[0].split(": ")[-1]
            assert c.gloss and c.statement != c.gloss and body in c.statement
    # the README says so: every claim of the proof scripts is formal (convexity_convention was the last)
    assert all(c.formal for c in all_claims())


STATEMENTS = sorted({(t, c.expected if len(c.formal) == 1 or c.expected == "proved" else None)
                     for c in FORMAL for t in c.formal})


@pytest.mark.parametrize("text,status", STATEMENTS)
def test_symact_check_settles_each_formal_statement_with_the_same_verdict(text, status):
    """What `symact check` does (the restricted parser, then the kernel search and check), in process, at the
    budget `symact prove` gives a formal statement."""
    verdict = check_claim(parse_claim(text), KERNEL_BUDGET)
    if status is not None:
        assert verdict.status == status, text
    assert verdict.status != "unknown", text


def test_the_symact_check_command_accepts_formal_statements():
    # the command line itself on a sample (each run is a new interpreter); 30 CPU s, a cap: the in-process test
    # above decides each within KERNEL_BUDGET, and a claim near that ended unknown through the CLI in the project CI
    for text, status in STATEMENTS[::12]:
        out = subprocess.run([sys.executable, "-m", "symact", "check", "--json", "--budget", "30", "--", text],
                             capture_output=True, text=True, timeout=300)
        assert out.returncode in (0, 1), out.stderr
        assert json.loads(out.stdout)["status"] == (status or json.loads(out.stdout)["status"]) != "unknown", text


def test_formal_verdicts_are_kernel_certificates():
    outcomes = {o.claim.id: o for o in run_claims([c.id for c in FORMAL])}
    for c in FORMAL:
        v = outcomes[c.id].verdict
        assert v.status == c.expected and v.certificate.kind == "kernel", c.id
        data = v.certificate.data
        pairs = ([(item["statement"], item["certificate"]) for item in data["conjuncts"]] if "conjuncts" in data
                 else [(c.formal[0], data)])
        for text, cert in pairs:  # an '!=' statement is proved by the kernel's refutation of the '=='
            flip = parse_claim(text).op == "!="
            want = {"proved": "refuted", "refuted": "proved"}[v.status] if flip else v.status
            assert kernel_check(cert)[0] == want, (c.id, text)


def test_a_script_cannot_prove_a_false_formal_statement():
    fam = Family("t", "T")
    fam.claim("false_bound", "sigmoid' <= 0.24", "x", formal="diff(sigmoid(x), x) <= 6/25")(_settled("proved"))
    fam.claim("open_bound", "softplus - relu <= log 2", "x",
              formal="log(1 + exp(x)) - relu(x) <= log(2)")(_settled("proved"))
    v = {o.claim.id: o.verdict for o in fam.run()}
    assert v["false_bound"].status == "refuted"
    assert v["open_bound"].status in ("unknown", "proved") and v["open_bound"].method != "script"
    assert fam.claims[0].statement.startswith("diff(sigmoid(x), x) <= 6/25 for all x")


def test_a_claim_is_not_proved_when_a_lemma_it_uses_is_not():
    fam = Family("t", "T")
    fam.claim("lemma", "a false lemma", "x", formal="sigmoid(x) < 1/2")(_settled("proved"))
    fam.claim("user", "rests on the lemma", "x", formal=None, why_not_formal="test",
              uses=("lemma",))(_settled("proved"))
    fam.claim("good", "rests on a proved lemma", "x", formal=None, why_not_formal="test",
              uses=("ok",))(_settled("proved"))
    fam.claim("ok", "a true lemma", "x", formal="sigmoid(x) < 1")(_settled("proved"))
    out = {o.claim.id: o.verdict for o in fam.run(["user", "good"])}
    assert list(out) == ["lemma", "user", "ok", "good"]  # lemmas run first
    assert out["lemma"].status == "refuted"
    assert out["user"].status == "unknown" and "lemma" in out["user"].reason
    assert out["good"].status == "proved"


def test_declaration_errors():
    fam = Family("t", "T")
    with pytest.raises(ValueError, match="why_not_formal"):
        fam.claim("a", "s", "l", formal=None)(_settled("proved"))
    with pytest.raises(ValueError, match="claim language"):
        fam.claim("b", "s", "l", formal="__import__('os')")(_settled("proved"))


def test_lemma_graph_levels_and_figure(tmp_path):
    from symact.report.plots import lemma_graph_figure, lemma_levels

    claims = all_claims()
    levels = lemma_levels(claims)
    assert levels["sigmoid_deriv_self_form"] == 0 and levels["sigmoid_deriv_le_quarter"] == 1
    assert levels["sigmoid_chain_bound"] == 2
    assert set(levels) == {c.id for c in claims if c.uses} | {u for c in claims for u in c.uses}
    fig = lemma_graph_figure(tmp_path, claims)
    assert (tmp_path / fig.filename).read_bytes().startswith(b"%PDF") and "uses=" in fig.caption


def test_a_script_verdict_is_visibly_not_kernel_checked(capsys):
    from symact.claims import claim_latex, report_outcomes

    fam = Family("t", "T")
    fam.claim("legacy", "a script's claim", "x", formal=None, why_not_formal="test")(_settled("proved"))
    fam.claim("formal", "a kernel claim", "x", formal="sigmoid(x) < 1")(_settled("proved"))
    legacy, formal = fam.run()
    assert legacy.verdict.status == "proved" and "not kernel-checked" in legacy.verdict.method
    assert "not kernel-checked" not in formal.verdict.method
    assert legacy.to_json()["kernel_checked"] is False and formal.to_json()["kernel_checked"] is True
    report_outcomes([legacy, formal])
    lines = capsys.readouterr().out.splitlines()
    assert "not kernel-checked" in lines[0] and "not kernel-checked" not in lines[1]
    assert "1 kernel-checked, 1 not kernel-checked" in lines[-1]
    assert r"\textbf{Proved}" not in claim_latex(legacy) and r"\textbf{Proved}" in claim_latex(formal)

"""The engine never dies and never depends on load: a crash of SymPy is an `unknown` verdict, budgets are CPU
seconds with hard limits, a closed pipe is quiet, Ctrl-C is reported, and verdicts do not change under load."""
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import mpmath
import pytest

from cpuload import hog
from symact import isolated
from symact.budget import clock, limit
from symact.catalog.registry import X
from symact.decide.certify import Search
from symact.parsing import parse_claim
from symact.properties import KEYS
from symact.sympy_terms import from_sympy

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def symact(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "symact", *args], cwd=ROOT, env=ENV, capture_output=True,
                          text=True, timeout=300, **kwargs)


def test_a_claim_that_crashes_sympy_still_gets_a_verdict_line():
    # SIGFPE inside SymPy's heuristic gcd used to end the process with status 136 and no output
    done = symact("check", "tanh(0.4999999999999999*x) == tanh(x/2)")
    assert done.returncode == 1, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.split()[0] in ("REFUTED", "UNKNOWN")
    if first.startswith("UNKNOWN"):
        assert "crashed" in first and "SIGFPE" in first
    assert "Traceback" not in done.stderr and "Fatal Python error" not in done.stderr
    as_json = symact("check", "tanh(0.4999999999999999*x) == tanh(x/2)", "--json")
    out = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and out["status"] == first.split()[0].lower()
    if out["status"] == "unknown":
        assert "SIGFPE" in out["reason"]


def test_isolated_decisions_are_the_decisions_of_this_process():
    from symact.claims import all_claims
    from symact.properties import analyze

    here, there = analyze("relu", budget=30), isolated.analyze("relu", budget=30)
    assert [(k, v.status, v.value) for k, v in there.verdicts.items()] == \
        [(k, v.status, v.value) for k, v in here.verdicts.items()]
    some = all_claims()[:3]
    assert [v.status for v in isolated.claims(some)] == [c.run().status for c in some]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_of(*args) -> tuple[subprocess.CompletedProcess, float]:
    """``symact *args`` and the CPU seconds it and its children used."""
    before = children_cpu()
    done = symact(*args)
    return done, children_cpu() - before


def test_the_analysis_budget_is_a_hard_limit():
    # used to run 14 s (idle machine) on a 5 s budget: every step had a floor of its own
    done, cpu = cpu_of("analyze", "--expr", "(x+1)**1000", "--budget", "5")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    rows = {line.split()[0]: line.split()[1] for line in done.stdout.splitlines()[1:] if len(line.split()) > 1}
    assert all(rows[key] in ("proved", "refuted", "unknown") for key in KEYS)   # a verdict for every property
    # 5 s of decision and its hard slack (1 s), past what the same command costs this machine with nothing to
    # decide: its imports and start (a fixed 3 s failed in the project CI), plus up to that run's own
    # hard slack; + 0.5 for the children's forks and exits
    _, start = cpu_of("analyze", "--expr", "(x+1)**1000", "--budget", "0.001")
    assert cpu < start + 5 + 1 + 0.5, (cpu, start)


def test_a_decision_that_never_looks_at_the_clock_is_stopped_at_its_hard_limit():
    # H = S + max(1, S/10) = 2 CPU seconds for S = 1; RLIMIT_CPU counts whole seconds, and the limit used to be
    # rounded up (ceil(S + slack + the child's CPU before it) = 3): such a decision ran 3 s
    from symact import sandbox

    def spin(channel, start):
        channel.begin(0, 1.0)
        while True:
            pass

    before = children_cpu()
    [out] = sandbox.run(spin, 1, lambda i: "spinning")
    cpu = children_cpu() - before
    assert not out.ok and "hard CPU-time limit" in out.value
    assert 1.0 <= cpu <= 2.0 + 0.1, cpu   # + 0.1: the kernel looks at the limit once per scheduler tick


NESTED = "gelu(gelu(gelu(gelu(gelu(gelu(gelu(gelu(x)))))))) >= -0.2"


def test_a_claims_search_ends_within_its_budget():
    # gelu nested eight deep: one of the search's work units (2000 per second of budget) costs about a hundred
    # times as much as on a small term, and the search counted only work units: it ran until the hard limit
    # stopped it (3 s of CPU for --budget 1, > H = 2); the kernel's work meter counts each node enclosed, and
    # ends it (unknown) within its budget
    claim = parse_claim(NESTED)
    before = children_cpu()
    v = isolated.verdict(claim, 1.0, NESTED)
    cpu = children_cpu() - before
    assert v.status == "unknown" and "work budget was spent" in v.reason, v.reason
    assert cpu <= 1.0 + 0.3, cpu   # + 0.3: the search looks at the meter between steps, not within one


def test_a_search_without_a_meter_ends_with_the_decisions_cpu_budget():
    # the CPU deadline behind the meter (a search of the property gate has no meter): the same search, with
    # work units only, ends at the decision's CPU budget
    claim = parse_claim(NESTED)
    parts = from_sympy(claim.raw_lhs, X), claim.op, from_sympy(claim.raw_rhs, X), list(claim.domain)
    before = clock()
    with limit(1.0):
        verdict, _, reason = Search(*parts, work=2000).run()
    assert verdict is None and "CPU-time budget was spent" in reason, reason
    assert clock() - before <= 1.0 + 0.3


def test_a_claims_budget_does_not_pay_for_loading_the_engine():
    # silu(x) = x/(1 + e^-x) has its minimum where silu' = 0, i.e. 1 + x + e^x = 0 (silu' = sigmoid(x) (1 + x (1 -
    # sigmoid(x))) and 1 - sigmoid(x) = 1/(1 + e^x)): x0 = -1.27846..., silu(x0) = -0.27846... < -0.27, so the claim is
    # false; its counterexample takes milliseconds.  Loading the claim engine took 0.35 s of CPU (more under load)
    # and was charged to the claim when the caller had loaded only the parser: at budget 0.1 it ended unknown
    mpmath.mp.dps = 50
    x0 = mpmath.findroot(lambda t: 1 + t + mpmath.exp(t), -1.28)
    assert x0 / (1 + mpmath.exp(-x0)) < mpmath.mpf("-0.278")
    code = ("import json; from symact import isolated; from symact.parsing import parse_claim\n"
            "text = 'silu(x) >= -0.27'\n"
            "print(json.dumps(isolated.verdict(parse_claim(text), 0.1, text).status))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == "refuted"


def test_an_analysis_whose_child_is_stopped_stays_within_the_hard_limit_in_all():
    # deciding the range of mish(mish(x))*sin(x) runs past the budget in a step that does not look at the
    # clock, so the child is stopped at the hard limit H = S + max(1, S/10) = 3 s (S = 2); it used to be stopped
    # only at ceil(S + slack + its CPU before begin) = 4 s, and the next child, with nothing left, ran the rest
    # of the analysis under a limit of its own (1 s more)
    from symact import sandbox
    from symact.properties import expression_target

    def nothing(channel, start):
        channel.begin(0, 1.0)
        channel.done(0, None)

    before = children_cpu()
    sandbox.run(nothing, 1, lambda i: "nothing")
    fork = children_cpu() - before   # what a child costs outside its timer: the fork of this (large) process, exit
    before = children_cpu()
    report = isolated.analyze(expression_target("mish(mish(x))*sin(x)"), budget=2.0)
    cpu = children_cpu() - before
    assert all(v.status in ("proved", "refuted", "unknown") for v in report.verdicts.values())
    # + 0.1: the kernel looks at the CPU timer once per scheduler tick; two children's forks and exits (a fixed
    # 0.1 for all of it failed in the project CI, late in the suite, where pytest's process is large)
    assert cpu <= 3.0 + 0.1 + 2 * fork, (cpu, fork)


@pytest.mark.parametrize("args", [("list",), ("check", "tanh(x) == 2*sigmoid(2*x) - 1"),
                                  ("show", "gelu")])
def test_a_closed_pipe_is_quiet(args):
    proc = subprocess.Popen([sys.executable, "-m", "symact", *args], cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line (like `| head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_a_reader_that_leaves_after_one_line_ends_the_command_quietly():
    done = subprocess.run(f"{sys.executable} -m symact list | head -1", shell=True, cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("name") and len(done.stdout.splitlines()) == 1
    assert done.stderr == ""


def child_pids(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the decision process")
def test_ctrl_c_is_reported_and_stops_the_decision_process():
    # SIGINT as at a terminal: a test runner started in the background ignores it, and the command inherits that
    proc = subprocess.Popen([sys.executable, "-m", "symact", "analyze", "--expr", "(x+1)**1000"], cwd=ROOT,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not child_pids(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    children = child_pids(proc.pid)
    assert children, "the decision process did not start"
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode() == "symact: interrupted\n"
    for pid in children:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


# ------------------------------------------------------------------------------------------ load
#: (budget in CPU seconds, claim): each decided claim needs at most half of its budget, each claim left unknown
#: at least twice its budget (CPU seconds of the decision's child at a large budget, 2026-12-07, idle 2-core
#: machine: the gelu claims 0.4-0.5, mish 0.55-0.65, softplus(x) > x 0.3-0.35, log(1 + exp(x)) - x 0.43,
#: softplus >= relu 0.35-0.45, exp 0.26, the tanh identity 0.31; unknown: diff(mish) 2.4, diff(gelu, x, 2) more
#: than 2.4, x*tanh(softplus) 2.0, diff(silu) 1.5, gelu_tanh more than 4; sin(x) <= 1 stops on its work units),
#: since the CPU time a piece of work takes grows on a loaded machine (shared caches, memory bandwidth: the
#: project's CI once saw mish(x) >= -0.31, 0.55 s of its 0.7, end unknown next to the busy processes below and
#: the other test worker). A budget that counted wall time, three times the CPU time or more next to those
#: processes, would still change the verdicts of the first kind; the engine's imports are not charged to a claim
#: (they were: 0.35 s of CPU, and five claims ended unknown at load 12 on the imports alone). Two claims are
#: near their budgets and are ended by the kernel's work meter, not by CPU time: the bound on d/dx gelu 10^-40
#: above its maximum needs about 200,000 units (3.1 to 3.5 s of CPU) and gets 90,000 at budget 3 (about 1.5 s);
#: sigmoid' <= 1/4 needs about 39,000 (0.6 to 0.8 s) and gets 60,000 at budget 2. Before the meter, the first
#: was proved at budget 3 on an idle machine and unknown under load.
CLAIMS = [
    (1.2, "gelu(x) >= -0.17"),
    (2.0, "diff(sigmoid(x), x) <= 1/4"),              # near its budget's meter units: proved
    (1.0, "diff(mish(x), x) <= 1.1"),                 # needs 2.4 s: unknown
    (1.5, "mish(x) >= -0.31"),
    (0.6, "diff(gelu(x), x, 2) <= 0.8"),              # unknown
    (0.9, "softplus(x) > x"),
    (0.5, "x*tanh(softplus(x)) >= x*sigmoid(x) - 1"),  # unknown
    (1.0, "log(1 + exp(x)) - x > 0"),
    (0.5, "sin(x) <= 1"),                             # unknown: the search's work units (0.5 x 2000) run out
    (1.0, "softplus(x) >= relu(x)"),
    (0.4, "diff(silu(x), x) <= 1.1"),                 # unknown
    (0.4, "x*atan(x) >= 0"),
    (0.7, "exp(x) >= 1 + x"),
    (0.8, "tanh(x) == 2*sigmoid(2*x) - 1"),
    (0.3, "silu(x) >= -0.27"),
    (3.0, "diff(gelu(x), x) <= 1.12890414518515478634074444226197331233258701"),  # the meter: unknown
    (0.3, "elu(x) > relu(x)"),
    (0.15, "gelu(x) >= -0.17"),                       # far too little budget: unknown
    (1.0, "gelu_tanh(x) <= gelu(x) + 0.001"),         # unknown
    (1.0, "tanh(0.4999999999999999*x) == tanh(x/2)"),
]


def verdicts() -> list[tuple[str, str]]:
    out = []
    for budget, text in CLAIMS:
        claim = parse_claim(text)
        v = isolated.verdict(claim, budget, text)
        out.append((v.status, v.method))   # (the reason of an unknown may name the step the budget cut)
    return out


def test_verdicts_are_the_same_under_load():
    idle = verdicts()
    with hog(count=6):   # six processes spinning: three per core of the machine it was written on
        loaded = verdicts()
    assert {status for status, _ in idle} == {"proved", "refuted", "unknown"}
    assert [status for status, _ in loaded] == [status for status, _ in idle]
    assert loaded == idle


# ------------------------------------------------------------------------------------------ bad input
#: (argv, words the one line must hold); {d} is an existing folder, {f} an existing file; every row is refused
#: before any work, so the table runs in-process in about a second
BAD_INPUT = [
    ([], "give a command"),                                                # used to print the whole help
    (["check", "silu(x) >= -0.27", "--plot", ""], "empty name"),          # used to be ignored (no plot, exit 1)
    (["plot", "gelu", "-o", ""], "empty name"),                            # used to write gelu.svg
    (["plot", "gelu", "-o", "{f}/g.svg"], "no folder"),
    (["implement", "gelu", "--target", "numpy", "-o", ""], "empty name"),  # used to print the module
    (["implement", "gelu", "--target", "numpy", "-o", "{d}"], "is a folder"),
    (["prove", "--latex", "{f}", "sigmoid_range"], "is a file, not a folder"),   # used to be a traceback
    (["prove", "--latex", "{f}/sub", "sigmoid_range"], "is a file, not a folder"),
    (["prove", "--latex", "", "sigmoid_range"], "empty name"),
    (["prove", "--full"], "--json"),                                       # used to be ignored
    (["prove", "--list", "sigmoid_range"], "--list"),                      # the id used to be ignored
    (["report", "-o", ""], "empty name"),                                  # used to be a traceback
    (["report", "-o", "{d}", "--tex-only"], "is a folder"),                # used to write {d}_tex
    (["report", "-o", "r.txt", "--tex-only"], ".pdf"),
    (["audit", "numpy:tanh", "-a", "tanh", "--timeout", "inf"], "--timeout"),     # used to fail in the child
    (["audit", "numpy:tanh", "-a", "tanh", "--import-timeout", "inf"], "--import-timeout"),
    (["audit", "numpy:tanh", "-a", "tanh", "--kwarg", "a=1", "--kwarg", "a=2"], "given twice"),  # was the last
    (["audit", "numpy:tanh", "-a", "tanh", "--grad", ""], "--grad is empty"),     # was audited without --grad
    (["audit", "numpy:tanh", "-a", "tanh", "--plot", ""], "empty name"),
    (["audit", "numpy:tanh", "-a", "elu", "--param", "alpha=1", "--param", "alpha=2"], "given twice"),  # ditto
    (["show", "leaky_relu", "--param", "alpha=nan"], "not a number"),
    (["check", "nan < x"], "not a number"),
    (["check", "x >= 0 # for x > 0"], "'#' is not allowed"),              # used to be proved on x > 0
    (["show", "ｇｅｌｕ"], "did you mean gelu"),                            # fullwidth letters
    (["check", "hardtanh(x, min_val=2, max_val=-2) <= 2"], "min_val < max_val"),  # was proved of no clip
    (["show", "rrelu", "--param", "lower=0.5", "--param", "upper=0.1"], "lower <= upper"),
]


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    from symact.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "f").write_text("")
    for argv, words in BAD_INPUT:
        argv = [a.format(d=tmp_path / "d", f=tmp_path / "f") for a in argv]
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("symact: error:") and words in err, (argv, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "f"]   # nothing written


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc, where no file can be created")
def test_a_file_the_system_refuses_is_one_line_and_exit_2(capsys):
    from symact.cli import main

    assert main(["implement", "--expr", "x", "--target", "numpy", "-o", "/proc/symact-x.py"]) == 2
    err = capsys.readouterr().err
    # root passes any permission check on the bits; the system refuses the file itself, and that is found out
    # before the work (it used to be said after it, and before that it was a traceback)
    assert err == "symact: error: the module file (-o) '/proc/symact-x.py' cannot be written (No such file or " \
                  "directory)\n", err


@pytest.fixture
def locked(tmp_path):
    """A folder in which no file can be made, holding a file that cannot be written (immutable for root, whom
    permission bits do not stop; read-only for anyone else)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "old.svg").write_text("old")
    if os.geteuid() == 0:
        for path in (folder / "old.svg", folder):
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                pytest.skip("chattr +i is not available here (file system or capability)")
        yield folder
        subprocess.run(["chattr", "-i", str(folder), str(folder / "old.svg")], check=True)
    else:
        (folder / "old.svg").chmod(0o444)
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_an_output_the_system_refuses_is_refused_before_any_work(locked, tmp_path, capsys):
    from symact.cli import main

    mark = tmp_path / "imported"
    target = tmp_path / "t.py"
    target.write_text(f"open({str(mark)!r}, 'w').close()\nimport numpy as np\ndef f(x):\n    return np.tanh(x)\n")
    for argv, what in [(["plot", "relu", "-o", "{d}/new.svg"], "the plot file"),
                       (["plot", "relu", "-o", "{d}/old.svg"], "the plot file"),
                       (["check", "x >= 1", "--plot", "{d}/new.svg"], "the plot file"),
                       (["implement", "relu", "--target", "numpy", "-o", "{d}/new.py"], "the module file (-o)"),
                       (["audit", f"{target}:f", "-a", "tanh", "--plot", "{d}/new.svg"], "the plot file"),
                       (["audit", f"{target}:f", "-a", "tanh", "--in-process", "--plot", "{d}/old.svg"],
                        "the plot file"),
                       (["report", "-o", "{d}/sub/r.pdf", "--tex-only"], "the folder of the report file (-o)"),
                       (["prove", "--latex", "{d}", "sigmoid_range"], "--latex"),
                       (["prove", "--latex", "{d}/sub", "sigmoid_range"], "--latex")]:
        argv = [a.format(d=locked) for a in argv]
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith(f"symact: error: {what} '{locked}") and "cannot be written (" in err, (argv, err)
        assert err.count("\n") == 1, err
    assert not mark.exists()                                         # the audits never started
    assert sorted(p.name for p in locked.iterdir()) == ["old.svg"] and (locked / "old.svg").read_text() == "old"


def test_verify_rejects_a_file_whose_status_is_not_what_its_certificate_establishes(tmp_path, capsys):
    from symact.cli import main
    from symact.kernel.verify import main as verify

    assert main(["check", "silu(x) >= -0.27", "--json"]) == 1
    refuted = json.loads(capsys.readouterr().out)
    path = tmp_path / "c.json"
    path.write_text(json.dumps(refuted))
    assert verify([str(path)]) == 0 and capsys.readouterr().out.startswith("ACCEPTED  the certificate refutes")
    path.write_text(json.dumps(dict(refuted, status="proved")))     # used to be ACCEPTED, exit 0
    assert verify([str(path)]) == 1
    assert capsys.readouterr().out == "REJECTED  the file's status is 'proved', but its certificate refutes its claim\n"
    path.write_text("[" * 100_000 + "]" * 100_000)                  # used to be a RecursionError traceback
    assert verify([str(path)]) == 2
    assert capsys.readouterr().err == f"symact verify: error: cannot read {path}: its JSON is nested too deeply\n"

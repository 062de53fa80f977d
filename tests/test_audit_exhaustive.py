"""The streamed float32 ``exhaustive`` check (symact.audit.stages.exhaustive), run here on slices of the 2^32 bit
patterns (the whole range is what ``symact audit --exhaustive --dtype float32`` does; its time is measured by
benchmarks/audit_exhaustive.py, not here)."""
from __future__ import annotations

import io
import json
import math
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import scipy.special as sc

from symact.audit import audit
from symact.audit.stages import exhaustive as ex
from symact.audit.adapters import load_target
from symact.audit.context import judge_exact, kappa_of
from symact.audit.dtypes import get_format
from symact.audit.reference.oracle import oracle
from symact.progress import Progress
from symact.audit.standard import Standard
from symact.cli import main
from symact.errors import ParameterError

# float32 bit patterns of [0.5, 0.5 + 2^-4) (2^20 inputs) and of the negative numbers below -8
HALF = range(0x3F000000, 0x3F000000 + (1 << 20))
BELOW_MINUS_8 = range(0xC1000000, 0xC1000000 + (1 << 21))
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def patterns(monkeypatch):
    def use(r: range, block: int = 1 << 18):
        monkeypatch.setattr(ex, "PATTERNS", r)
        monkeypatch.setattr(ex, "BLOCK", block)
    return use


def _audit(fn, name, **kw):
    """In this process: the tests below shrink the stream (monkeypatch), which a child would not see."""
    kw.setdefault("hypothesis", 0)
    kw.setdefault("derivative", False)
    return audit(fn, name, dtype="float32", exhaustive=True, isolate=False, **kw)


def test_correct_sigmoid_passes_every_input_of_a_slice(patterns):
    patterns(HALF)
    r = _audit(sc.expit, "sigmoid")
    chk = r.check("exhaustive")
    assert r.passed, r.text()
    assert chk.points == len(HALF) and chk.status == "pass"
    assert 0 < chk.max_ulp <= 2.0          # expit is accurate to about one float32 ulp


def test_a_defect_at_one_input_is_found_only_by_the_exhaustive_check(patterns):
    bad_x = np.float32(np.frombuffer(np.uint32(0x3F000000 + 777_777).tobytes(), dtype=np.float32)[0])

    def sigmoid_with_one_wrong_input(x):
        y = sc.expit(x)
        return np.where(x == bad_x, np.float32(0.25), y).astype(x.dtype)

    plain = audit(sigmoid_with_one_wrong_input, "sigmoid", dtype="float32", hypothesis=0, derivative=False,
                  isolate=False)
    assert plain.check("values").status == "pass"        # the ordinary sweep does not hit that input
    patterns(HALF)
    r = _audit(sigmoid_with_one_wrong_input, "sigmoid")
    chk = r.check("exhaustive")
    assert chk.status == "fail" and "1 of 1048576" in chk.detail
    [f] = chk.failures
    assert f.input == float(bad_x) and f.returned == 0.25
    assert math.isclose(float(f.exact), 1 / (1 + math.exp(-float(bad_x))), rel_tol=1e-12)
    assert "0x" in f.reproduction or repr(float(bad_x)) in f.reproduction


def test_stream_verdicts_equal_the_ordinary_judge(patterns):
    """Threads, slices and the lazy condition number change nothing: the failing count equals the one the
    ordinary value check gives every point with kappa computed up front."""
    patterns(BELOW_MINUS_8, block=1 << 17)
    r = _audit(naive_softplus, "softplus")
    chk = r.check("exhaustive")
    fmt = get_format("float32")
    xs = next(iter(ex.exhaustive_chunks("float32", len(BELOW_MINUS_8), BELOW_MINUS_8)))
    with np.errstate(all="ignore"):
        vals = naive_softplus(xs.astype(np.float32)).astype(np.float64)
    kappa = kappa_of(oracle("softplus").entry, {}, 0, xs, fmt)
    _, _, ok, _, _ = judge_exact(oracle("softplus"), xs, vals, kappa, fmt, Standard())
    assert chk.status == "fail"
    assert chk.points == xs.size and f"{int((~ok).sum())} of {xs.size}" in chk.detail
    assert int((~ok).sum()) > 1000
    # the worst inputs come back with the largest error first
    errs = [f.ulp_error for f in chk.failures]
    assert errs == sorted(errs, reverse=True)
    # and the report says where the failing inputs are: all of them in the binade of -8 (-16, -8]
    assert chk.notes == [f"failing inputs in (-16, -8]: {int((~ok).sum())} of {1 << 23} "
                         f"({100 * int((~ok).sum()) / (1 << 23):.3g}%)"]


def test_failing_ranges_follow_the_real_line():
    counts = np.zeros(512, dtype=np.int64)
    counts[[256 | 130, 256 | 129, 256 | 0, 0, 127, 254]] = [5, 7, 2, 3, 1, 100]
    two, one = 2 << 23, 1 << 23                                            # inputs in two binades, in one
    assert ex.failing_ranges(counts) == [
        f"failing inputs in (-16, -4]: 12 of {two} ({100 * 12 / two:.3g}%)",   # binades -8 and -4 are adjacent
        f"failing inputs in (-{2.0 ** -126:.6g}, {2.0 ** -126:.6g}): 5 of {two} ({100 * 5 / two:.3g}%)",  # zeros, subnormals
        f"failing inputs in [1, 2): 1 of {one} ({100 / one:.3g}%)",
        f"failing inputs in [{2.0 ** 127:.6g}, {2.0 ** 128:.6g}): 100 of {one} ({100 * 100 / one:.3g}%)"]
    counts[1:200:2] = 1
    assert ex.failing_ranges(counts)[-1].startswith("... and ")


def test_interrupt_reports_what_was_found(patterns):
    calls = {"n": 0}
    auditor = os.getpid()

    def tanh_then_ctrl_c(x):
        if x.size > 64:                                    # not the kind probe
            calls["n"] += 1
            if calls["n"] == 8 and x.size >= 1 << 16:
                # the auditor judges returned blocks in its main thread while the workers call: give it a
                # moment to judge the first ones (a busy machine starved it: 0 points judged), then Ctrl-C
                time.sleep(1.0)
                os.kill(auditor, signal.SIGINT)            # what Ctrl-C does (a KeyboardInterrupt raised by the
        return np.tanh(x)                                  # target is its failure, not an interruption)

    patterns(range(0x3F000000, 0x3F000000 + (1 << 22)), block=1 << 16)
    # SIGINT as at a terminal (a test runner started in the background ignores it)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        r = _audit(tanh_then_ctrl_c, "tanh")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert r.interrupted
    chk = r.check("exhaustive")
    assert chk is not None and "interrupted" in chk.detail
    assert 0 < chk.points < 1 << 22


def test_a_target_that_raises_on_a_block_is_a_failure_not_a_crash(patterns):
    def breaks_above_one(x):
        if np.any(x > 1):
            raise ValueError("no")
        return np.tanh(x)

    patterns(range(0x3F700000, 0x3F800000 + (1 << 18)), block=1 << 18)   # ends past 1.0
    r = _audit(breaks_above_one, "tanh")
    chk = r.check("exhaustive")
    assert chk.status == "fail" and any("ValueError: no" in f.message for f in chk.failures)
    assert chk.points == 1 << 20                           # the blocks below 1 were still judged


def test_progress_shows_inputs_rate_and_time_left(patterns):
    patterns(HALF)
    buf = io.StringIO()
    audit(np.tanh, "tanh", dtype="float32", exhaustive=True, hypothesis=0, derivative=False,
          progress=Progress(enabled=True, stream=buf), isolate=False)
    assert "Gi inputs" in buf.getvalue() and "M/s" in buf.getvalue() and "min left" in buf.getvalue()


def test_float64_exhaustive_is_a_usage_error(capsys):
    with pytest.raises(ParameterError, match="2\\^64"):
        audit(np.tanh, "tanh", dtype="float64", exhaustive=True)
    assert main(["audit", "numpy:tanh", "-a", "tanh", "--dtype", "float64", "--exhaustive"]) == 2
    assert "2^64" in capsys.readouterr().err


def test_json_report_carries_the_exhaustive_check(patterns):
    patterns(HALF)
    r = _audit(np.tanh, "tanh")
    d = json.loads(r.json())
    assert d["passed"] is True
    assert [c for c in d["checks"] if c["name"] == "exhaustive"][0]["points"] == len(HALF)


# -- worker processes ---------------------------------------------------------------------------------------------
def naive_softplus(x):
    # 0 for x < -104 in float32: wrong there.  At module level, so it can be sent to a worker process
    return np.log(1 + np.exp(x))


def dies_in_a_worker(x):
    if os.getpid() != int(os.environ["SYMACT_TEST_PARENT_PID"]):
        os._exit(3)                                        # a target that crashes the process calling it
    return np.tanh(x)


def hangs_in_a_worker(x):
    if os.getpid() != int(os.environ["SYMACT_TEST_PARENT_PID"]):
        time.sleep(3600)
    return np.tanh(x)


@pytest.fixture
def processes(monkeypatch, patterns):
    monkeypatch.setattr(ex, "PROCESS_MIN", 0)              # worker processes even for a slice
    return patterns


def test_worker_processes_give_the_verdicts_of_threads(processes):
    processes(BELOW_MINUS_8, block=1 << 18)
    by_process = _audit(naive_softplus, "softplus").check("exhaustive")
    by_thread = _audit(lambda x: naive_softplus(x), "softplus").check("exhaustive")   # a lambda stays here
    assert "process workers" in by_process.detail and "thread workers" in by_thread.detail
    assert by_process.status == by_thread.status == "fail"
    assert by_process.detail.split(" (")[0] == by_thread.detail.split(" (")[0]       # the same failing count
    assert by_process.points == by_thread.points == len(BELOW_MINUS_8)
    assert [(f.input, f.returned, f.ulp_error) for f in by_process.failures] == \
        [(f.input, f.returned, f.ulp_error) for f in by_thread.failures]


def test_a_file_target_is_imported_again_by_the_workers(processes, tmp_path):
    src = tmp_path / "acts.py"
    src.write_text("import numpy as np\n\ndef softplus(x):\n    return np.log(1 + np.exp(x))\n")
    processes(BELOW_MINUS_8, block=1 << 18)
    chk = _audit(load_target(f"{src}:softplus"), "softplus").check("exhaustive")
    assert chk.status == "fail" and "process workers" in chk.detail
    assert str(src) in chk.failures[0].reproduction         # the reproduction loads the file, not a module name


def test_a_target_that_kills_its_worker_is_a_failure_not_a_hang(processes, monkeypatch):
    monkeypatch.setenv("SYMACT_TEST_PARENT_PID", str(os.getpid()))
    processes(HALF, block=1 << 18)
    chk = _audit(dies_in_a_worker, "tanh").check("exhaustive")
    assert chk.status == "fail"
    assert any("worker process died" in f.message and "exit status 3" in f.message for f in chk.failures)


def test_a_target_that_hangs_in_a_worker_is_reported_and_the_stream_stops(processes, monkeypatch):
    monkeypatch.setenv("SYMACT_TEST_PARENT_PID", str(os.getpid()))
    processes(range(0x3F000000, 0x3F000000 + (1 << 24)), block=1 << 18)
    start = time.monotonic()
    r = _audit(hangs_in_a_worker, "tanh", call_seconds=1.0)
    chk = r.check("exhaustive")
    assert chk.status == "fail" and any("did not return within 1 s" in f.message for f in chk.failures)
    assert chk.points < 1 << 24 and time.monotonic() - start < 60


def test_a_script_without_a_main_guard_is_not_run_again(tmp_path):
    """multiprocessing's spawn would run the calling script again in each worker; symact's workers do not."""
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import scipy.special
        from symact.audit import audit
        from symact.audit.stages import exhaustive as ex
        ex.PATTERNS, ex.BLOCK, ex.PROCESS_MIN = range({HALF.start}, {HALF.stop}), 1 << 18, 0
        print("script ran")
        r = audit(scipy.special.expit, "sigmoid", dtype="float32", exhaustive=True, hypothesis=0, derivative=False,
                  isolate=False)
        print(r.check("exhaustive").detail)
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.count("script ran") == 1
    assert lines[-1].startswith(f"{len(HALF)} float32 inputs") and "process workers: " in lines[-1]


def test_the_exhaustive_plot_counts_failures_per_binade(patterns, tmp_path):
    from symact.plotting import audit_plot

    patterns(BELOW_MINUS_8)  # [-32, -8): binades e = 3 and 4 of the negative numbers

    def textbook_softplus(x):  # log(1 + exp(x)) loses everything below about -17 in float32
        return np.log1p(np.exp(x)).astype(x.dtype) * np.float32(0) + np.float32(1e-30)

    r = _audit(textbook_softplus, "softplus")
    counts = r.check("exhaustive").profile["by_binade"]
    assert counts.sum() == r.check("exhaustive").failing > 0
    negative_binades = {int(i) - 256 - 127 for i in np.nonzero(counts)[0]}
    assert negative_binades <= {3, 4}                      # the failures sit where the inputs were
    out = audit_plot(r, tmp_path / "binades.svg")
    assert "failing inputs per binade" in out.read_text(encoding="utf-8")

"""Hostile targets and bad options, run through the real `symact audit` command in a subprocess: a target
that exits, crashes, hangs at import or exhausts memory is a failing report (exit 1, the reason said); a bad
option is one line and exit 2; the target's output never reaches --json; reproductions run."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QUICK = ["--hypothesis", "0", "--effort", "0.1", "--no-derivative"]


def symact(*argv: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "symact", "audit", *argv], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture
def hostile(tmp_path):
    p = tmp_path / "hostile.py"
    p.write_text(textwrap.dedent("""
        import ctypes, os, sys
        import numpy as np

        def exits(x):
            os._exit(0)

        def segfaults(x):
            return ctypes.string_at(0)

        def hogs_memory(x):
            chunks = []
            while True:
                chunks.append(np.ones(1 << 24))

        def chatty(x):
            print("hello from the target")
            print("and its stderr", file=sys.stderr)
            return np.tanh(x)

        def returns_list(x):
            return [float(v) for v in np.tanh(x)]

        def drops_one(x):                                # takes arrays, answers one element short
            return np.tanh(x)[:-1] if x.size > 1 else np.tanh(x).reshape(1, -1)

        def column(x):                                   # the right values as a column
            return np.tanh(x).reshape(-1, 1)

        def forks(x):                                    # starts a process that outlives the call
            if os.fork() == 0:
                import time
                time.sleep(3600)
                os._exit(0)
            return np.tanh(x)

        def floods(x):                                   # prints a lot on every call
            print("x" * 2000)
            return np.tanh(x)

        def leaky(x, slope=0.5):
            return np.where(x < 0, x * x.dtype.type(slope), x)

        def bad_softplus(x):
            return np.log(1 + np.exp(x))

        class Wrapped:                                   # a tensor library's array: __array__ only
            def __init__(self, a):
                self.a = a

            def __array__(self, dtype=None, copy=None):
                return np.asarray(self.a)

        class OnlyNumpy:                                 # ... or only .numpy()
            def __init__(self, a):
                self.a = a

            def numpy(self):
                return self.a

        def via_array(x):
            return Wrapped(np.tanh(x))

        def via_numpy(x):
            return OnlyNumpy(np.tanh(x))

        def warns(x):
            import warnings
            warnings.warn("this library warns on purpose", UserWarning)
            return np.tanh(x)

        def gelu(x):
            from scipy.special import ndtr
            return (x * ndtr(x)).astype(x.dtype)

        def gelu_grad(x):                                # Phi(x) + x phi(x): NaN at +inf (inf * 0)
            from scipy.special import ndtr
            with np.errstate(all="ignore"):
                return (ndtr(x) + x * np.exp(-x * x / 2) / np.sqrt(2 * np.pi)).astype(x.dtype)

        def leaky_grad(x):                               # 0 at the kink: outside [0.01, 1]
            return np.where(x > 0, 1.0, np.where(x < 0, 0.01, 0.0)).astype(x.dtype)

        import threading
        CALLERS = set()

        def thread_bound(x):                              # like tinygrad's SQLite cache: one thread only
            CALLERS.add(threading.get_ident())
            if len(CALLERS) > 1:
                raise RuntimeError("called from a second thread")
            return np.tanh(x)

        def softmax_wrong_when_long(x):                  # right on short rows, 1% off on rows of 20 or more
            from scipy.special import softmax
            y = softmax(x, axis=-1)
            return y * y.dtype.type(1.01) if x.shape[-1] >= 20 else y
    """))
    return p


def module(tmp_path, name: str, top: str) -> Path:
    p = tmp_path / f"{name}.py"
    p.write_text(textwrap.dedent(top) + "\nimport numpy as np\ndef tanh(x):\n    return np.tanh(x)\n")
    return p


MODES = {"plain": [], "json": ["--json"], "float16-exhaustive": ["--dtype", "float16", "--exhaustive"],
         "float32-exhaustive": ["--dtype", "float32", "--exhaustive"],
         "in-process": ["--in-process"]}   # in a fork of the command: its end is the fork's, not the command's


@pytest.mark.parametrize("fn, reason", [("exits", "exit status 0"), ("segfaults", "SIGSEGV")])
@pytest.mark.parametrize("mode", MODES)
def test_a_target_that_kills_its_process_is_a_reported_failure(hostile, fn, reason, mode):
    res = symact(f"{hostile}:{fn}", "-a", "tanh", *QUICK, *MODES[mode])
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    if mode == "json":
        d = json.loads(res.stdout)
        assert d["passed"] is False and reason in d["failures"][0]["message"]
    else:
        assert "FAILS" in res.stdout and reason in res.stdout


@pytest.mark.parametrize("top, reason", [("import os\nos._exit(0)\n", "ended while importing it (exit status 0)"),
                                         ("import time\ntime.sleep(600)\n", "did not finish within 3 s")])
def test_a_module_that_exits_or_hangs_at_import_is_a_reported_failure(tmp_path, top, reason):
    p = module(tmp_path, "bad_import", top)
    res = symact(f"{p}:tanh", "-a", "tanh", "--import-timeout", "3", "--json", *QUICK, timeout=120)
    assert res.returncode == 1, res.stderr
    assert reason in json.loads(res.stdout)["failures"][0]["message"]


def test_a_target_that_exhausts_memory_fails_in_its_child(hostile):
    res = symact(f"{hostile}:hogs_memory", "-a", "tanh", "--memory-limit", "1", *QUICK)
    assert res.returncode == 1
    assert "MemoryError" in res.stdout


def test_the_targets_output_is_captured_and_kept_out_of_json(hostile):
    res = symact(f"{hostile}:chatty", "-a", "tanh", "--json", *QUICK)
    assert res.returncode == 0, res.stdout[-2000:]
    d = json.loads(res.stdout)                          # nothing but the JSON on standard output
    assert "hello from the target" in d["output"] and "and its stderr" in d["output"]
    text = symact(f"{hostile}:chatty", "-a", "tanh", *QUICK).stdout
    assert "| hello from the target" in text


@pytest.mark.parametrize("top, reason", [("import sys\nsys.exit(0)\n", "SystemExit"),
                                         ("raise KeyboardInterrupt\n", "KeyboardInterrupt")])
def test_in_process_a_module_that_exits_or_interrupts_at_import_is_a_reported_failure(tmp_path, top, reason):
    p = module(tmp_path, "bad_import", top)             # it used to end the command: exit 0 or 130, no report
    res = symact(f"{p}:tanh", "-a", "tanh", "--in-process", "--json", *QUICK)
    assert res.returncode == 1, res.stdout + res.stderr
    d = json.loads(res.stdout)
    assert d["interrupted"] is False and reason in d["failures"][0]["message"]


def test_in_process_keeps_json_clean_too(hostile):
    res = symact(f"{hostile}:chatty", "-a", "tanh", "--json", "--in-process", *QUICK)
    assert res.returncode == 0
    assert "hello from the target" in json.loads(res.stdout)["output"]


def test_the_api_is_not_killed_by_a_lambda_that_exits():
    code = textwrap.dedent("""
        import os, symact
        r = symact.audit(lambda x: os._exit(0), "tanh", hypothesis=0, effort=0.1)
        print("still here", r.passed, r.failures[0].message)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert res.returncode == 0, res.stderr
    assert "still here False the target's process ended during the audit (exit status 0)" in res.stdout


def test_a_forked_audit_that_stops_using_the_cpu_is_a_failure_not_a_hang(monkeypatch):
    """A lambda is audited in a fork of the caller; a fork of a process that runs JAX or PyTorch threads can
    deadlock (their pools are gone in the child): a child that uses no CPU time is stopped and reported."""
    import time

    import symact
    from symact.audit import target

    monkeypatch.setattr(target, "IDLE_SECONDS", 2.0)
    start = time.monotonic()
    r = symact.audit(lambda x: time.sleep(3600), "tanh", hypothesis=0, effort=0.1, derivative=False)
    assert time.monotonic() - start < 60
    assert not r.passed and "used no CPU time for 2 s" in r.failures[0].message


def test_a_jax_function_goes_to_a_fresh_interpreter_by_name():
    """jax.nn.relu (a custom_jvp) and jax.numpy.tanh do not pickle; they are sent by name, so they are audited
    in the reused fresh interpreter rather than in a fork of a caller that has JAX's threads."""
    jax = pytest.importorskip("jax")
    from symact.audit.target import by_reference

    for fn in (jax.nn.relu, jax.numpy.tanh):
        assert by_reference(fn) is not None
    assert by_reference(lambda x: x) is None


def test_under_the_pytest_plugin_a_module_that_exits_at_import_fails(tmp_path):
    p = module(tmp_path, "exits_at_import", "import os\nos._exit(0)\n")
    q = tmp_path / "kills.py"
    q.write_text("import os\ndef tanh(x):\n    os._exit(0)\n__symact__ = {\"tanh\": tanh}\n")
    from importlib.metadata import entry_points

    registered = any(ep.value == "symact.audit.pytest_plugin" for ep in entry_points(group="pytest11"))
    load = [] if registered else ["-p", "symact.audit.pytest_plugin"]   # the pytest11 entry point loads it
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-m", "pytest", *load, "-q", "--symact-target", str(p), "--symact-target", str(q), "--symact-effort", "0.1",
                          "-p", "no:cacheprovider"], capture_output=True, text=True, timeout=600, env=env,
                         cwd=tmp_path)
    assert res.returncode == 1, res.stdout[-3000:]
    assert re.search(r"FAILED .*exits_at_import\.py::import", res.stdout)
    assert re.search(r"FAILED .*kills\.py::tanh\[float32-calls\]", res.stdout)
    assert "exit status 0" in res.stdout


@pytest.mark.parametrize("argv, words", [
    (["--framework", "numpy", "--only", "gleu"], "did you mean gelu"),
    (["{t}:chatty", "-a", "tanh", "--effort", "nan"], "--effort"),
    (["{t}:chatty", "-a", "tanh", "--effort", "1e9"], "--effort"),
    (["{t}:chatty", "-a", "tanh", "--timeout", "nan"], "--timeout"),
    (["{t}:chatty", "-a", "tanh", "--timeout", "0"], "--timeout"),
    (["{t}:chatty", "-a", "tanh", "--hypothesis", "-5"], "--hypothesis"),
    (["{t}:chatty", "-a", "tanh", "--ulp-budget", "-1"], "--ulp-budget"),
    (["{t}:chatty", "-a", "tanh", "--ulp-budget", "nan"], "--ulp-budget"),
    (["{t}:chatty", "-a", "tanh", "--device", "cuda"], "devices apply to torch targets"),
    (["--framework", "numpy", "--device", "cuda"], "--device"),
    (["{t}:leaky", "-a", "leaky_relu", "--kwarg", "slope=__import__('os')"], "--kwarg slope"),
    (["{t}:leaky", "-a", "leaky_relu", "--kwarg", "slope"], "--kwarg"),
])
def test_bad_options_are_one_line_and_exit_2(hostile, argv, words):
    res = symact(*QUICK, *[a.replace("{t}", str(hostile)) for a in argv])
    assert res.returncode == 2, (res.stdout[-1000:], res.stderr)
    assert res.stderr.count("\n") == 1 and words in res.stderr and "Traceback" not in res.stderr


def test_only_takes_aliases_and_comma_lists():
    res = symact("--framework", "numpy", "--only", "tanh,logistic", "--dtype", "float32", "--json", *QUICK)
    assert res.returncode in (0, 1), res.stderr
    assert {r["activation"] for r in json.loads(res.stdout)["reports"]} == {"tanh", "sigmoid"}


def test_kwarg_reaches_every_call(hostile):
    assert symact(f"{hostile}:leaky", "-a", "leaky_relu", "--param", "alpha=0.1", *QUICK).returncode == 1
    assert symact(f"{hostile}:leaky", "-a", "leaky_relu", "--param", "alpha=0.1", "--kwarg", "slope=0.1",
                  *QUICK).returncode == 0


def test_a_list_for_an_array_input_is_a_failure_and_unread_checks_are_not_run(hostile):
    res = symact(f"{hostile}:returns_list", "-a", "tanh", "--json", *QUICK)
    assert res.returncode == 1
    checks = {c["name"]: c for c in json.loads(res.stdout)["checks"]}
    assert "Python list" in checks["calls"]["failures"][0]["message"]
    for name in ("values", "range", "monotonic", "dtype", "determinism"):
        assert checks[name]["status"] == "not run", name


def test_true_counts_every_failing_range_and_runnable_reproductions(hostile):
    """log(1 + exp(x)) overflows near 88.7 and underflows below about -16.6: both ranges are listed with
    their worst inputs, the count is the true one, and every printed reproduction runs."""
    res = symact(f"{hostile}:bad_softplus", "-a", "softplus", *QUICK)
    assert res.returncode == 1
    count = int(re.search(r"FAIL +values +(\d+) of", res.stdout).group(1))
    assert f"({count} in all" in res.stdout
    shown = [float(v) for v in re.findall(r"- x = (-?[\d.e+-]+);", res.stdout.split("special_values")[0])]
    assert any(x > 80 for x in shown) and any(x < -16 for x in shown)
    repros = re.findall(r'repro: (python -c ".*")$', res.stdout, flags=re.M)
    assert repros
    for line in repros:
        code = line[len('python -c "'):-1]
        assert subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120).returncode == 0, line


def test_range_and_monotonicity_come_from_the_proved_properties(hostile):
    res = symact(f"{hostile}:bad_softplus", "-a", "softplus", "--json", *QUICK)
    checks = {c["name"]: c for c in json.loads(res.stdout)["checks"]}
    assert checks["range"]["status"] == "pass" and "(0, ∞)" in checks["range"]["detail"]
    assert checks["monotonic"]["status"] == "pass" and "increasing (proved)" in checks["monotonic"]["detail"]
    res = symact("numpy:tanh", "-a", "gelu", "--json", *QUICK)          # not monotone: range still checked
    checks = {c["name"]: c for c in json.loads(res.stdout)["checks"]}
    assert checks["monotonic"]["status"] == "skip" and "proved not monotone" in checks["monotonic"]["detail"]
    assert checks["range"]["status"] == "fail"          # tanh goes below gelu's minimum -0.17


@pytest.mark.parametrize("fn", ["via_array", "via_numpy"])
def test_outputs_are_read_through_the_array_protocols(hostile, fn):
    res = symact(f"{hostile}:{fn}", "-a", "tanh", "--json", *QUICK)
    d = json.loads(res.stdout)
    assert res.returncode == 0, [c for c in d["checks"] if c["status"] != "pass"]
    assert {c["name"]: c["status"] for c in d["checks"]}["values"] == "pass"


def test_a_deliberate_user_warning_is_a_note_not_a_defect(hostile):
    res = symact(f"{hostile}:warns", "-a", "tanh", "--json", *QUICK)
    assert res.returncode == 0
    warn = {c["name"]: c for c in json.loads(res.stdout)["checks"]}["warnings"]
    assert warn["status"] == "pass" and any("this library warns on purpose" in n for n in warn["notes"])


def test_derivative_at_infinity_and_at_a_kink(hostile):
    res = symact(f"{hostile}:gelu", "-a", "gelu", "--grad", f"{hostile}:gelu_grad", "--json", "--hypothesis", "0",
                 "--effort", "0.1")
    der = {c["name"]: c for c in json.loads(res.stdout)["checks"]}["derivative"]
    assert res.returncode == 1 and der["status"] == "fail"
    assert any(f["message"] == "f'(inf) must be the limit 1.0" and f["returned"] == "nan" for f in der["failures"])
    res = symact(f"{hostile}:leaky", "-a", "leaky_relu", "--param", "alpha=0.01", "--kwarg", "slope=0.01", "--grad",
                 f"{hostile}:leaky_grad", "--json", "--hypothesis", "0", "--effort", "0.1")
    der = {c["name"]: c for c in json.loads(res.stdout)["checks"]}["derivative"]
    assert res.returncode == 1 and der["status"] == "fail"
    assert any("f'(0) = 0 is outside [0.01, 1]" in f["message"] for f in der["failures"])


def test_json_holds_long_vector_inputs_in_full(hostile):
    res = symact(f"{hostile}:softmax_wrong_when_long", "-a", "softmax", "--json", *QUICK)
    assert res.returncode == 1
    inputs = [f["input"] for f in json.loads(res.stdout)["failures"] if isinstance(f["input"], str)]
    assert inputs and not any("..." in v for v in inputs)
    assert max(len(v) for v in inputs) > 120


def test_the_reproduction_of_a_lambda_says_so_and_its_code_runs():
    import numpy as np

    from symact.audit import audit

    r = audit(lambda x: (np.tanh(x) * 1.001).astype(x.dtype), "tanh", hypothesis=0, effort=0.1, derivative=False,
              isolate=False)
    line = r.failures[0].reproduction
    assert line.startswith("not reproducible by import (it is a lambda); ")
    code = "import numpy as np; f = lambda x: (np.tanh(x) * 1.001).astype(x.dtype); " + line.split(" is: ", 1)[1]
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert np.float32(re.search(r"[-\d.e]+(?=\)?$)", run.stdout.strip()).group()) == r.failures[0].returned


def test_every_call_comes_from_one_thread(hostile):
    res = symact(f"{hostile}:thread_bound", "-a", "tanh", "--json", "--hypothesis", "20", "--effort", "0.1",
                 "--no-derivative")
    d = json.loads(res.stdout)
    assert res.returncode == 0, [c for c in d["checks"] if c["status"] != "pass"]


def _exhausts_memory(state):
    """Run in the auditor's child process: what JAX did on a GPU under the address-space limit (its
    std::bad_alloc arrived as a MemoryError outside the target's call)."""
    return bytearray(1 << 62)


def _usage_error(state):
    from symact.errors import ParameterError

    raise ParameterError("--device cuda: devices apply to torch targets")


def test_an_exception_of_the_audit_in_the_child_is_a_reported_failure_not_a_traceback():
    from symact.audit.target import Child
    from symact.errors import ParameterError

    child = Child(memory=0)
    value, why, _ = child.run(_exhausts_memory)
    assert value is None and "MemoryError" in why and "during the audit" in why
    with pytest.raises(ParameterError):  # a usage error still reaches the command line (exit 2)
        child.run(_usage_error)
    child.retire()


def test_a_target_that_misbehaves_quietly_fails_with_the_reason(hostile):
    """Each used to conform: an array answered with another shape made the target a scalar callable, a fork
    went unnoticed (its copy ran on), and any amount of printing was only shown."""
    from symact.audit.api import audit_spec
    from symact.audit.target import Child, default_memory

    expected = {"drops_one": ("shape", "returned shape (2,)"), "column": ("shape", "returned shape (3, 1)"),
                "forks": ("calls", "forked the process"), "floods": ("quiet", "characters to its standard output")}
    child = Child(default_memory())
    try:
        for fn, (check, words) in expected.items():
            rep = audit_spec(f"{hostile}:{fn}", None, "tanh", dict(hypothesis=0, effort=0.1, derivative=False),
                             child=child)
            assert not rep.passed and check in rep.failed_checks(), (fn, rep.text())
            assert any(words in f.line() for f in rep.check(check).failures), (fn, rep.text())
    finally:
        child.retire(kill=True)


def test_a_dead_target_with_plot_is_still_exit_1(hostile, tmp_path):
    res = symact(f"{hostile}:exits", "-a", "tanh", *QUICK, "--plot", str(tmp_path / "p.svg"))
    assert res.returncode == 1, res.stderr          # was 2: the missing values check was taken for a usage error
    assert res.stderr.startswith("symact: no plot: ") and not (tmp_path / "p.svg").exists()


def test_a_call_that_cannot_be_sent_to_a_worker_fails_instead_of_waiting_forever():
    """An unpicklable call (a catalog vector entry holds lambdas) used to kill the feeding thread and leave its
    Future pending: the audit hung.  It fails now, and the worker stays usable."""
    import pickle

    from symact.audit.workers import WorkerPool

    pool = WorkerPool(1, int, ())      # the worker's state is int() = 0; a call is fn(state, *args)
    try:
        with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
            pool.submit(max, lambda: 1, 2).result(timeout=60)
        assert pool.submit(max, 1, 2).result(timeout=60) == 2
    finally:
        pool.shutdown(cancel=True)

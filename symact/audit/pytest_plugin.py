"""pytest plugin: ``pytest --symact-target mypkg.activations`` runs the conformance suite against a module.

Registered through the ``pytest11`` entry point (``symact = "symact.audit.pytest_plugin"``).  Every public
callable of the module whose name (or a ``__symact__ = "catalog_name"`` attribute, or the module-level dict
``SYMACT_ACTIVATIONS = {"function_name": "catalog_name", ...}``) names a catalog activation becomes one test
per (function, check), in the style of data-apis/array-api-tests (vector activations such as ``softmax``
get the checks of :mod:`symact.audit.vector`):

    test_symact[gelu-float32-values]  test_symact[gelu-float32-special_values]  test_symact[gelu-float32-dtype] ...

Options: ``--symact-target MODULE`` (repeatable; ``path/to/file.py`` works too), ``--symact-dtype`` (repeatable,
default float32), ``--symact-effort`` (sweep density, default 0.5), ``--symact-ulp-budget`` (16),
``--symact-import-timeout`` (60 s).  The module is imported, and its functions audited, only in child
processes (:mod:`symact.audit.target`): a module that exits, crashes or hangs at import gives one failing
``import`` test, a function that kills its process a failing ``calls`` test; pytest itself goes on.  Audits run
once per (function, dtype) and are shared by that function's check tests.  Checks an audit skipped (no
derivative without a gradient, no symmetry for a function that has none) are reported as skipped.
"""
from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

import pytest

CHECKS = ("calls", "values", "special_values", "range", "monotonic", "symmetry", "dtype", "shape", "mutation",
          "determinism", "warnings", "derivative", "convention")
#: the checks of a vector activation (softmax, log_softmax, maxout; symact.audit.vector)
VECTOR_CHECKS = ("calls", "values", "batch", "special_values", "range", "sum", "shift", "permutation", "selects",
                 "dtype", "shape", "mutation", "determinism", "warnings", "derivative")


def pytest_addoption(parser):
    group = parser.getgroup("symact", "symact conformance suite for activation functions")
    group.addoption("--symact-target", action="append", default=[], metavar="MODULE",
                    help="module (dotted name or file.py) whose activation functions to audit")
    group.addoption("--symact-dtype", action="append", default=[], metavar="DTYPE",
                    help="float16, bfloat16, float32 (default), float64; repeatable")
    group.addoption("--symact-effort", type=float, default=0.5, help="sweep density (default 0.5)")
    group.addoption("--symact-ulp-budget", type=float, default=16.0, help="ULP budget B (default 16)")
    group.addoption("--symact-import-timeout", type=float, default=60.0,
                    help="seconds the child process may take to import the target module (default 60)")


def _importable(spec: str) -> None:
    """The `pytest` command does not put the working directory on sys.path (`python -m pytest` does): a
    dotted module name is looked up there too (the child processes get this sys.path)."""
    import os

    if not (spec.endswith(".py") or "/" in spec) and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())


def child_discover(state: dict, spec: str) -> list[tuple[str, str, bool]]:
    """In the child: (function name, catalog name, scalar?) of every activation of module ``spec``."""
    from symact.audit.adapters import FILE_MODULE_PREFIX, load_file_module
    from symact.catalog import Activation, get

    if spec.endswith(".py") or "/" in spec:
        path = Path(spec)
        mod = load_file_module(f"{FILE_MODULE_PREFIX}{abs(hash(str(path.resolve())))}", path)
    else:
        mod = importlib.import_module(spec)
    return [(fname, act, isinstance(get(act), Activation)) for fname, _, act in discover(mod)]


def discover(module) -> list[tuple[str, object, str]]:
    """(function name, callable, catalog name) for every activation found in ``module``."""
    from symact.catalog import get
    from symact.errors import UnknownActivationError

    explicit = getattr(module, "SYMACT_ACTIVATIONS", None)
    out = []
    for name, obj in vars(module).items():
        if name.startswith("_") or not callable(obj) or inspect.isclass(obj) or inspect.ismodule(obj):
            continue
        if getattr(obj, "__module__", module.__name__) != module.__name__ and not explicit:
            continue
        target = None
        if explicit is not None:
            target = explicit.get(name)
        else:
            target = getattr(obj, "__symact__", None) or name
        if not target:
            continue
        try:
            entry = get(target)
        except UnknownActivationError:
            continue
        out.append((name, obj, entry.name))
    return out


def pytest_generate_tests(metafunc):
    """One case per (function, dtype, check); the target module is imported only in a child process (a
    module that exits, crashes or hangs when imported gives one failing ``import`` case)."""
    if "symact_case" not in metafunc.fixturenames:
        return
    from symact.audit.target import Child, default_memory

    cfg = metafunc.config
    targets = cfg.getoption("--symact-target") or []
    dtypes = cfg.getoption("--symact-dtype") or ["float32"]
    cases, ids = [], []
    for spec in targets:
        _importable(spec)
        child = Child(default_memory())
        try:
            found, why, output = child.run(child_discover, spec, during="while importing it",
                                           seconds=cfg.getoption("--symact-import-timeout"))
        finally:
            child.retire()
        if found is None:
            cases.append((spec, "<import>", (f"importing {spec}: {why}", output), None, "float32", "import"))
            ids.append(f"{Path(spec).stem}-import")
            continue
        for fname, act, scalar in found:
            checks = CHECKS if scalar else VECTOR_CHECKS
            for dt in dtypes:
                for check in checks:
                    cases.append((spec, fname, None, act, dt, check))
                    ids.append(f"{fname}-{dt}-{check}")
    metafunc.parametrize("symact_case", cases, ids=ids)


_CACHE: dict = {}


@pytest.fixture
def symact_report(symact_case, request):
    spec, fname, why, act, dt, _ = symact_case
    if fname == "<import>":                  # the module could not be imported in a child: a failing report
        from symact.audit.target import died_report

        return died_report(spec, "(module)", dt, None, why[0], why[1], check="import")
    key = (spec, fname, dt)
    if key not in _CACHE:
        from symact.audit.target import audit_spec

        cfg = request.config
        _CACHE[key] = audit_spec(f"{spec}:{fname}", None, act, dict(
            dtype=dt, effort=cfg.getoption("--symact-effort"), budget=cfg.getoption("--symact-ulp-budget"),
            hypothesis=30, label=f"{spec}:{fname}"))
    return _CACHE[key]


SUITE = Path(__file__).with_name("conformance_suite.py")


def pytest_configure(config):
    config.addinivalue_line("markers", "symact: conformance test generated by --symact-target")
    if not config.getoption("--symact-target", default=None):
        return
    # run the packaged suite: alone when no paths were given on the command line, else alongside them
    explicit = getattr(config, "args_source", None) == getattr(getattr(pytest, "Config", None), "ArgsSource",
                                                                type("A", (), {"ARGS": object()})).ARGS
    if explicit:
        config.args.append(str(SUITE))
    else:
        config.args[:] = [str(SUITE)]


def run_check(report, check: str) -> None:
    c = report.check(check)
    if c is None:
        pytest.skip(f"{check}: not applicable to this function")
    if c.status == "skip":
        pytest.skip(f"{check}: {c.detail}")
    if c.status == "not run":       # the check applies but could not read the target's output
        pytest.fail(f"{report.target} as {report.activation} ({report.dtype}): {check} NOT RUN: {c.detail}",
                    pytrace=False)
    if c.status == "fail":
        lines = [f"{report.target} as {report.activation} ({report.dtype}): {check} FAILS: {c.detail}"]
        for f in c.failures[:3]:
            lines.append("  " + f.line())
            if f.reproduction:
                lines.append("  repro: " + f.reproduction)
        if report.matches and check in ("values", "convention"):
            lines.append(f"  matches: {report.matches}")
        pytest.fail("\n".join(lines), pytrace=False)

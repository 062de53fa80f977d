"""pytest plugin: ``pytest --symact-target mypkg.activations`` runs the conformance suite against a module.

Registered through the ``pytest11`` entry point (``symact = "symact.audit.pytest_plugin"``).  Every public
callable of the module whose name (or a ``__symact__ = "catalog_name"`` attribute, or the module-level dict
``SYMACT_ACTIVATIONS = {"function_name": "catalog_name", ...}``) names a catalog activation becomes one test
per (function, check), in the style of data-apis/array-api-tests (vector activations such as ``softmax``
get the checks of :mod:`symact.audit.vector`):

    test_symact[gelu-float32-values]  test_symact[gelu-float32-special_values]  test_symact[gelu-float32-dtype] ...

Options: ``--symact-target MODULE`` (repeatable; ``path/to/file.py`` works too), ``--symact-dtype`` (repeatable,
default float32), ``--symact-effort`` (sweep density, default 0.5), ``--symact-ulp-budget`` (16).  Audits run
once per (function, dtype) and are shared by that function's check tests.  Checks an audit skipped (no
derivative without a gradient, no symmetry for a function that has none) are reported as skipped.
"""
from __future__ import annotations

import importlib
import importlib.util
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


def _load(spec: str):
    if spec.endswith(".py") or "/" in spec:
        path = Path(spec)
        name = f"_symact_plugin_{path.stem}"
        s = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(s)
        sys.modules[name] = mod
        s.loader.exec_module(mod)
        return mod
    try:
        return importlib.import_module(spec)
    except ModuleNotFoundError:
        # the `pytest` command does not put the working directory on sys.path (`python -m pytest` does)
        import os

        if os.getcwd() in sys.path:
            raise
        sys.path.insert(0, os.getcwd())
        return importlib.import_module(spec)


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
    if "symact_case" not in metafunc.fixturenames:
        return
    cfg = metafunc.config
    targets = cfg.getoption("--symact-target") or []
    dtypes = cfg.getoption("--symact-dtype") or ["float32"]
    from symact.catalog import Activation, get

    cases, ids = [], []
    for spec in targets:
        mod = _load(spec)
        for fname, fn, act in discover(mod):
            checks = CHECKS if isinstance(get(act), Activation) else VECTOR_CHECKS
            for dt in dtypes:
                for check in checks:
                    cases.append((spec, fname, fn, act, dt, check))
                    ids.append(f"{fname}-{dt}-{check}")
    metafunc.parametrize("symact_case", cases, ids=ids)


_CACHE: dict = {}


@pytest.fixture
def symact_report(symact_case, request):
    spec, fname, fn, act, dt, _ = symact_case
    key = (spec, fname, dt)
    if key not in _CACHE:
        from symact.audit.core import audit

        cfg = request.config
        _CACHE[key] = audit(fn, act, dtype=dt, effort=cfg.getoption("--symact-effort"),
                            budget=cfg.getoption("--symact-ulp-budget"), hypothesis=30,
                            label=f"{spec}:{fname}")
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

"""pytest plugin: ``pytest --symact-target mypkg.activations`` runs the conformance suite against a module.

Registered through the ``pytest11`` entry point (``symact = "symact.audit.pytest_plugin"``).  What is audited
is declared by the target module, never guessed:

* a module-level mapping ``__symact__ = {"gelu": gelu_impl, "leaky_relu": (leaky, {"alpha": 0.1})}`` from
  catalog name to the callable (or to ``(callable, parameters)``), and/or
* functions decorated with ``@symact.testing.conforms("gelu")`` (``conforms("leaky_relu", alpha=0.1)``).

``--symact-match-names`` also audits every public function defined in the module whose name is a catalog name
or alias (``def gelu(x)``); off by default, since a helper called ``linear`` or ``step`` would otherwise be
audited as ``identity`` or ``binary_step``.  Each (function, dtype, check) is one test, with the id
``TARGET::NAME[DTYPE-CHECK]``, in the style of data-apis/array-api-tests (vector activations such as
``softmax`` get the checks of :mod:`symact.audit.stages.vector`):

    mypkg/activations.py::gelu[float32-values]  mypkg/activations.py::gelu[float32-special_values]  ...

Options: ``--symact-target MODULE`` (repeatable; ``path/to/file.py`` works too), ``--symact-dtype`` (repeatable,
default float32), ``--symact-effort`` (sweep density, default 0.5), ``--symact-ulp-budget`` (16),
``--symact-match-names``, ``--symact-import-timeout`` (60 s).  A bad option, a target that cannot be imported
(an exception at import, no such module) or declares nothing is one pytest usage error (exit status 4).

The module is imported, and its functions audited, only in child processes (:mod:`symact.audit.target`):
pytest never runs the module's code.  A module that exits, crashes or hangs at import gives one failing test,
``TARGET::import``; a function that kills its process a failing ``calls`` test; pytest itself goes on.  Audits
run once per (function, dtype) and are shared by that function's check tests.  Checks an audit skipped (no
derivative without a gradient, no symmetry for a function that has none) are reported as skipped.
"""
from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

CHECKS = ("calls", "values", "special_values", "range", "monotonic", "symmetry", "dtype", "shape", "mutation",
          "determinism", "warnings", "quiet", "derivative", "convention")
#: the checks of a vector activation (softmax, log_softmax, maxout; symact.audit.stages.vector)
VECTOR_CHECKS = ("calls", "values", "batch", "special_values", "range", "sum", "shift", "permutation", "selects",
                 "dtype", "shape", "mutation", "determinism", "warnings", "quiet", "derivative")
#: the file whose collection the plugin takes over (see pytest_pycollect_makemodule)
SUITE = Path(__file__).with_name("conformance_suite.py")


@dataclass
class Case:
    """One implementation to audit: ``name`` (the test name), the callable (in the child that found it; None
    in pytest's process), its catalog name and parameters, and ``attribute``, the callable's name in its
    module (None when it has none, e.g. a lambda: it is then ``__symact__[name]``)."""
    name: str
    fn: object
    activation: str
    params: dict = field(default_factory=dict)
    attribute: str | None = None


@dataclass
class Target:
    spec: str          # as given to --symact-target
    path: Path | None  # the module's file
    cases: list[Case]
    #: (why, output) when the module's process died or hung while importing it: one failing ``import`` test
    died: tuple[str, str] | None = None


def pytest_addoption(parser):
    group = parser.getgroup("symact", "symact conformance suite for activation functions")
    group.addoption("--symact-target", action="append", default=[], metavar="MODULE",
                    help="module (dotted name or file.py) whose declared activations to audit (__symact__ "
                         "mapping or @symact.testing.conforms)")
    group.addoption("--symact-dtype", action="append", default=[], metavar="DTYPE",
                    help="float16, bfloat16, float32 (default), float64; repeatable")
    group.addoption("--symact-effort", type=float, default=0.5, help="sweep density (default 0.5)")
    group.addoption("--symact-ulp-budget", type=float, default=16.0, help="ULP budget B (default 16)")
    group.addoption("--symact-match-names", action="store_true",
                    help="also audit public functions whose name is a catalog name or alias (def gelu(x): ...)")
    group.addoption("--symact-import-timeout", type=float, default=60.0,
                    help="seconds the child process may take to import the target module (default 60)")


def _importable(spec: str) -> None:
    """The `pytest` command does not put the working directory on sys.path (`python -m pytest` does): a
    dotted module name is looked up there too (the child processes get this sys.path)."""
    if not (spec.endswith(".py") or "/" in spec) and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())


def child_discover(state: dict, spec: str, match_names: bool) -> tuple[list[Case], str | None, str]:
    """In the child: (the cases module ``spec`` declares, without their callables; its file; "") or, when
    importing it or reading its declarations raises, ([], None, the usage error)."""
    from symact.audit.adapters import TargetError, load_module
    from symact.errors import SymactError

    try:
        module = load_module(spec)
    except TargetError as exc:
        return [], None, str(exc)
    except Exception as exc:  # noqa: BLE001 - the user's module: any error while importing it is reported
        return [], None, f"cannot import it: {type(exc).__name__}: {exc}"
    try:
        cases = discover(module, match_names)
    except (SymactError, TypeError) as exc:
        return [], None, str(exc)
    return [replace(c, fn=None) for c in cases], getattr(module, "__file__", None), ""


def declared(spec: str, key: str):
    """In an audit's child: the callable of the module's ``__symact__[key]``."""
    from symact.audit.adapters import load_module

    return _declared(load_module(spec).__symact__[key], key)[0]


def _declared(value, where: str) -> tuple[object, dict]:
    """(callable, parameters) from ``fn`` or ``(fn, {params})``."""
    fn, params = value if isinstance(value, tuple) and len(value) == 2 else (value, {})
    if not callable(fn) or not isinstance(params, Mapping):
        raise TypeError(f"{where} must be a callable or (callable, {{parameters}}), got {value!r}")
    return fn, dict(params)


def discover(module, match_names: bool = False) -> list[Case]:
    """The implementations ``module`` declares (its ``__symact__`` mapping, then the functions marked by
    :func:`symact.testing.conforms`), plus, with ``match_names``, its public functions named like a catalog
    activation.  Raises :class:`~symact.errors.SymactError` or TypeError for a bad declaration."""
    from symact.catalog import get
    from symact.errors import UnknownActivationError

    cases: list[Case] = []
    names = {}
    for name, obj in vars(module).items():
        names.setdefault(id(obj), name)
    declared = vars(module).get("__symact__")
    if declared is not None:
        if not isinstance(declared, Mapping):
            raise TypeError(f"__symact__ must map catalog names to callables, got {type(declared).__name__}")
        for act, value in declared.items():
            fn, params = _declared(value, f"__symact__[{act!r}]")
            entry = get(act)
            entry.param_values(params)
            cases.append(Case(str(act), fn, entry.name, params, names.get(id(fn))))
    seen = {id(c.fn) for c in cases}
    for name, obj in vars(module).items():
        if id(obj) in seen or not callable(obj) or inspect.isclass(obj) or inspect.ismodule(obj):
            continue
        mark = getattr(obj, "__symact__", None) if inspect.isfunction(obj) or inspect.isbuiltin(obj) else None
        if mark is not None:
            act, params = mark if isinstance(mark, tuple) else (mark, {})
            entry = get(act)
            entry.param_values(params)
            cases.append(Case(name, obj, entry.name, dict(params), name))
        elif match_names and not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__:
            try:
                cases.append(Case(name, obj, get(name).name, attribute=name))
            except UnknownActivationError:
                continue
        seen.add(id(obj))
    return cases


_TARGETS = pytest.StashKey[list]()


def pytest_configure(config):
    config.addinivalue_line("markers", "symact: conformance test generated by --symact-target")
    specs = config.getoption("--symact-target", default=None)
    if not specs:
        return
    config.stash[_TARGETS] = _targets(config, specs)
    # run the packaged suite: alone when no paths were given on the command line, else alongside them
    if config.args_source == pytest.Config.ArgsSource.ARGS:
        config.args.append(str(SUITE))
    else:
        config.args[:] = [str(SUITE)]


def _targets(config, specs: list[str]) -> list[Target]:
    """The targets and what they declare; every problem with the options is one pytest usage error."""
    from symact.audit.dtypes import get_format
    from symact.errors import SymactError

    try:
        dtypes = [get_format(d).name for d in config.getoption("--symact-dtype")]
    except SymactError as exc:
        raise pytest.UsageError(f"--symact-dtype: {exc}") from None
    config.symact_dtypes = list(dict.fromkeys(dtypes)) or ["float32"]
    for option in ("--symact-effort", "--symact-ulp-budget", "--symact-import-timeout"):
        value = config.getoption(option)
        if not (0 < value < float("inf")):
            raise pytest.UsageError(f"{option} must be a positive number, got {value}")
    targets = []
    for spec in specs:
        _importable(spec)
        target = _discovered(spec, config.getoption("--symact-match-names"), config.getoption("--symact-import-timeout"))
        if target.died is None and not target.cases:
            raise pytest.UsageError(
                f"--symact-target {spec} declares no activation to audit: add __symact__ = {{\"gelu\": my_gelu}} "
                f"to the module, decorate functions with @symact.testing.conforms(\"gelu\"), or pass "
                f"--symact-match-names to audit functions named like catalog activations")
        targets.append(target)
    return targets


def _discovered(spec: str, match_names: bool, seconds: float) -> Target:
    """What module ``spec`` declares, found by a child process that imports it (within ``seconds``)."""
    from symact.audit.senders import describe
    from symact.audit.target import Child, child_ready, default_memory

    child = Child(default_memory())
    try:
        found, why, output = child.run(child_ready, during="while starting")   # the time limit starts once it runs
        if not why:
            found, why, output = child.run(child_discover, spec, match_names, seconds=seconds,
                                           during="while importing it")
        sent = child.watch.take()
        if sent:           # signals the module sent pytest's process while it was imported: it fails
            why = f"{why}; {describe(sent)}" if why else describe(sent)
    finally:
        child.retire()
    if why:
        return Target(spec, Path(spec) if spec.endswith(".py") else None, [], died=(why, output))
    cases, file, error = found
    if error:
        raise pytest.UsageError(f"--symact-target {spec}: {error}")
    return Target(spec, Path(file) if file else None, cases)


def pytest_pycollect_makemodule(module_path, parent):
    """The packaged suite file collects as the targets' tests (not as a Python test module)."""
    if module_path == SUITE and _TARGETS in parent.config.stash:
        return Suite.from_parent(parent, path=module_path, nodeid="symact")
    return None


class Suite(pytest.File):
    def collect(self):
        for target in self.config.stash[_TARGETS]:
            yield TargetCollector.from_parent(self, name=target.spec, nodeid=_label(target, self.config.rootpath),
                                              target=target)


def _label(target: Target, root: Path) -> str:
    """``path/relative/to/rootdir.py`` for a file inside the rootdir, else the dotted name or path given."""
    path = target.path
    if path is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return target.spec


class TargetCollector(pytest.Collector):
    def __init__(self, *, target: Target, **kw):
        super().__init__(**kw)
        self.target = target

    def collect(self):
        from symact.catalog import Activation, get

        if self.target.died is not None:
            yield ImportItem.from_parent(self, name="import")
        for case in self.target.cases:
            checks = CHECKS if isinstance(get(case.activation), Activation) else VECTOR_CHECKS
            for dt in self.config.symact_dtypes:
                for check in checks:
                    yield CheckItem.from_parent(self, name=f"{case.name}[{dt}-{check}]", case=case, dtype=dt,
                                                check=check)


_CACHE: dict = {}


class CheckItem(pytest.Item):
    def __init__(self, *, case: Case, dtype: str, check: str, **kw):
        super().__init__(**kw)
        self.case, self.dtype, self.check = case, dtype, check
        self.add_marker("symact")

    def runtest(self) -> None:
        run_check(self._report(), self.check)

    def _report(self):
        spec = self.parent.target.spec
        key = (spec, self.case.name, self.dtype)
        if key not in _CACHE:
            from symact.audit.api import audit_spec

            cfg = self.config
            if self.case.attribute:                          # the reproduction imports this
                target, label = f"{spec}:{self.case.attribute}", f"{spec}:{self.case.attribute}"
            else:
                target, label = (declared, spec, self.case.name), f"{spec}:__symact__[{self.case.name!r}]"
            _CACHE[key] = audit_spec(target, None, self.case.activation, dict(
                dtype=self.dtype, params=self.case.params, effort=cfg.getoption("--symact-effort"),
                budget=cfg.getoption("--symact-ulp-budget"), hypothesis=30, label=label),
                import_seconds=cfg.getoption("--symact-import-timeout"))
        return _CACHE[key]

    def reportinfo(self):
        return self.parent.target.path or self.parent.target.spec, None, self.name


class ImportItem(pytest.Item):
    """The one test of a module whose process died or hung while importing it: a failure saying why."""

    def runtest(self) -> None:
        from symact.audit.target import died_report

        why, output = self.parent.target.died
        run_check(died_report(self.parent.target.spec, "(module)", "float32", None, why, output,
                              check="import"), "import")

    def reportinfo(self):
        return self.parent.target.path or self.parent.target.spec, None, self.name


def run_check(report, check: str) -> None:
    c = report.check(check)
    if c is None and check == "quiet":  # the check is there only when the target printed too much
        return
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

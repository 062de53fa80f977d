"""Shared test configuration.

CI sets SYMACT_REQUIRE_TOOLS=1 after installing every optional tool (TeX Live, PyTorch, JAX): there a test that
would skip for a missing tool fails instead, so a green CI run means every test really ran.
"""
import os

import mpmath
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("symact", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("symact")

REQUIRE_TOOLS = os.environ.get("SYMACT_REQUIRE_TOOLS") == "1"
#: lines for pytest's terminal summary, by section: {section: [line, ...]} (:func:`summary`)
SUMMARY = pytest.StashKey[dict]()


def pytest_configure(config):
    config.stash[SUMMARY] = {}


@pytest.fixture(scope="session")
def summary(request):
    """``add(section, line)``: a line for the terminal summary's ``section``.  Under pytest-xdist (``.ci/run``
    runs the suite with ``-n``) a worker prints no summary of its own: its lines travel to the controller
    (:func:`pytest_sessionfinish`, :func:`pytest_testnodedown`), which prints them."""
    sections = request.config.stash[SUMMARY]
    return lambda section, line: sections.setdefault(section, []).append(line)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):   # an xdist worker: the lines go back to the controller
        session.config.workeroutput["symact_summary"] = session.config.stash[SUMMARY]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """(pytest-xdist, in the controller) a worker ended: keep its summary lines."""
    for section, lines in getattr(node, "workeroutput", {}).get("symact_summary", {}).items():
        node.config.stash[SUMMARY].setdefault(section, []).extend(lines)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for section, lines in config.stash[SUMMARY].items():
        terminalreporter.section(section)
        for line in lines:
            terminalreporter.write_line(line)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_TOOLS and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (SYMACT_REQUIRE_TOOLS=1), which must not happen: {report.longrepr}"


@pytest.fixture(autouse=True)
def mpmath_digits(request):
    """Each test runs at its module's ``MP_DPS`` digits (mpmath's default 15 where a module names none), never at
    the precision that another module's import or test left in mpmath's global context."""
    with mpmath.workdps(getattr(request.module, "MP_DPS", 15)):
        yield


@pytest.fixture
def jax_snippet():
    """``load(text, name)``: the function ``name`` that a generated JAX module's helper text defines (the text
    run with ``jax`` and ``jnp`` in scope, as the module runs it)."""
    jax = pytest.importorskip("jax")

    def load(text: str, name: str):
        scope = {"jax": jax, "jnp": jax.numpy}
        exec(compile(text, f"<{name}>", "exec"), scope)
        return scope[name]
    return load

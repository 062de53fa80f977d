"""The conformance suite the pytest plugin runs (``pytest --symact-target MODULE``): one test per
(function, dtype, check); the cases come from :func:`symact.audit.pytest_plugin.pytest_generate_tests`."""
from symact.audit.pytest_plugin import run_check


def test_symact(symact_case, symact_report):
    run_check(symact_report, symact_case[5])

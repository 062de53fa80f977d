"""The anchor of the conformance suite (``pytest --symact-target MODULE``): the pytest plugin puts this file on
the command line and collects it as the targets' tests (:func:`symact.audit.pytest_plugin.pytest_pycollect_makemodule`),
one per (function, dtype, check)."""

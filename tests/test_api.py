"""The top-level API documented in the README."""
import numpy as np
import pytest

import symact


def test_issue_example_silu():
    a = symact.get("silu")
    assert str(a.expr) == "x/(1 + exp(-beta*x))"
    assert a.params[0].name == "beta" and a.params[0].default == 1


def test_lazy_entry_points():
    report = symact.analyze("tanh").to_json()
    assert report["properties"]["zero_centered"]["status"] == "proved"
    assert symact.decide.sign(symact.X**2 + 1, ">0").status == "proved"
    audit = symact.audit(np.tanh, "tanh", dtype="float64")
    assert audit.passed


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        symact.no_such_thing  # noqa: B018

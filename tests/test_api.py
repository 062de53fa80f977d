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
    assert report["properties"]["odd"]["status"] == "proved"
    assert symact.decide.sign(symact.X**2 + 1, ">0").status == "proved"
    audit = symact.audit(np.tanh, "tanh", dtype="float64")
    assert audit.passed


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        symact.no_such_thing  # noqa: B018


def test_text_given_to_the_python_api_goes_through_the_restricted_parser(tmp_path):
    marker = tmp_path / "pwned"
    attack = f"__import__('os').system('touch {marker}')"
    assert symact.decide.sign("x**2 + 1", ">0").status == "proved"
    assert symact.get("sigmoid")("2*x") == symact.get("sigmoid")(2 * symact.X)
    for call in (lambda: symact.decide.sign(attack, ">0"), lambda: symact.decide.identity(attack, "x"),
                 lambda: symact.get("relu")(attack)):
        with pytest.raises(symact.ExpressionError):
            call()
    assert not marker.exists()
    with pytest.raises(symact.ExpressionError):
        symact.get("relu")(None)

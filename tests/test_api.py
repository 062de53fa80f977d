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


def test_public_names_are_listed_and_documented():
    import inspect
    import pydoc

    for name in ("analyze", "audit", "decide", "testing", "get", "names"):
        assert name in dir(symact)
    assert list(inspect.signature(symact.analyze).parameters)[:3] == ["target", "params", "budget"]
    assert "expr" in inspect.signature(symact.analyze).parameters
    assert list(inspect.signature(symact.audit).parameters)[:5] == ["fn", "name", "dtype", "params", "grad"]
    assert "symact.audit(fn: 'Callable', name: 'str'" in pydoc.render_doc(symact.audit, renderer=pydoc.plaintext)
    assert "analyze(expr=" in pydoc.render_doc(symact.analyze, renderer=pydoc.plaintext)


def test_an_expression_given_as_a_name_points_to_expr():
    with pytest.raises(symact.UnknownActivationError,
                       match=r"unknown activation 'x\*atan\(x\)'; to analyse an expression use "
                             r"symact.analyze\(expr='x\*atan\(x\)'\)"):
        symact.analyze("x*atan(x)")
    with pytest.raises(symact.UnknownActivationError, match="did you mean gelu"):
        symact.analyze("gleu")
    report = symact.analyze(expr="x*atan(x)", keys=("convex", "bounded_below"))
    assert report.verdicts["convex"].status == "proved" and report.verdicts["bounded_below"].status == "proved"
    with pytest.raises(symact.ExpressionError, match="does not depend on x"):
        symact.analyze(expr="3")
    with pytest.raises(symact.ParameterError, match="not both"):
        symact.analyze("relu", expr="x")


@pytest.mark.parametrize("make", [lambda: np.float32, lambda: np.dtype("float32"), lambda: "float32",
                                  lambda: __import__("torch").float32, lambda: __import__("jax.numpy").numpy.float32])
def test_dtype_objects_are_accepted_wherever_a_dtype_name_is(make):
    from symact.audit.dtypes import get_format
    from symact.testing import floats

    try:
        dtype = make()
    except ImportError:
        pytest.skip("framework not installed")
    assert get_format(dtype).name == "float32"
    from hypothesis import given, settings

    @settings(max_examples=20, database=None)
    @given(floats(dtype))
    def representable(v):
        assert float(np.float32(v)) == v

    representable()
    report = symact.audit(np.tanh, "tanh", dtype=dtype, hypothesis=0, effort=0.1, derivative=False)
    assert report.dtype == "float32" and report.passed


def test_dtype_objects_of_other_formats_and_bad_ones():
    import ml_dtypes

    from symact.audit.dtypes import get_format

    assert get_format(np.float16).name == "float16" and get_format(ml_dtypes.bfloat16).name == "bfloat16"
    assert get_format(float).name == "float64"                      # Python's float is a double
    with pytest.raises(symact.ParameterError, match="unknown dtype"):
        get_format(np.int32)


def test_docstrings_do_not_cite_internal_issue_numbers():
    import re
    from pathlib import Path

    root = Path(symact.__file__).parent
    cited = [f"{p.relative_to(root)}:{i}" for p in root.rglob("*.py")
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\bissues? #?\d+", line, re.IGNORECASE)]
    assert cited == []

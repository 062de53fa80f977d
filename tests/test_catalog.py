"""The catalog: entries, parameters, derivatives and self-forms, checked against independent mpmath values."""
import mpmath
import pytest
import sympy as sp

import symact
from symact.catalog import X, Y, Activation, VectorActivation
from symact.errors import ParameterError, UnknownActivationError

SCALAR = [e.name for e in symact.entries(scalar_only=True)]
REQUIRED = ["identity", "binary_step", "sigmoid", "tanh", "relu", "relu6", "leaky_relu", "prelu", "rrelu", "elu",
            "selu", "celu", "gelu", "gelu_tanh", "silu", "mish", "softplus", "softsign", "hardtanh", "hardsigmoid",
            "hardsigmoid_keras", "hardswish", "logsigmoid", "tanhshrink", "softshrink", "hardshrink", "softmax",
            "log_softmax", "maxout"]
POINTS = ["-7.3", "-2.5", "-0.6", "0.35", "1.9", "8.2"]


def test_every_required_activation_is_registered():
    assert set(REQUIRED) <= set(symact.names())


@pytest.mark.parametrize("alias,name", [("swish", "silu"), ("logistic", "sigmoid"), ("Leaky-ReLU", "leaky_relu"),
                                        ("HEAVISIDE", "binary_step"), ("gelu_approx", "gelu_tanh")])
def test_aliases_resolve_case_insensitively(alias, name):
    assert symact.get(alias).name == name


def test_unknown_name_suggests_close_matches():
    with pytest.raises(UnknownActivationError, match="did you mean.*sigmoid"):
        symact.get("sigmod")
    with pytest.raises(UnknownActivationError):
        symact.get(42)


def _mp(expr, at, dps=40):
    with mpmath.workdps(dps):
        return mpmath.mpf(sp.N(expr.subs(X, sp.Rational(at)), dps))


@pytest.mark.parametrize("name", SCALAR)
def test_first_and_second_derivative_match_numerical_differentiation(name):
    entry = symact.get(name)
    f = sp.lambdify(X, entry.f(), modules="mpmath")
    kinks = {float(k) for k in entry.kinks()}
    for at in POINTS:
        if any(abs(float(at) - k) < 1e-3 for k in kinks):
            continue
        with mpmath.workdps(40):
            d1 = mpmath.diff(f, mpmath.mpf(at))
            d2 = mpmath.diff(f, mpmath.mpf(at), 2)
        assert abs(_mp(entry.derivative(), at) - d1) < mpmath.mpf(10) ** -20
        assert abs(_mp(entry.derivative(2), at) - d2) < mpmath.mpf(10) ** -15


@pytest.mark.parametrize("name", [n for n in SCALAR if symact.get(n).self_derivative is not None])
def test_self_form_equals_the_derivative(name):
    entry = symact.get(name)
    via_self = entry.derivative_self_form().subs(Y, entry.f())
    for at in POINTS:
        assert abs(_mp(via_self, at) - _mp(entry.derivative(), at)) < mpmath.mpf(10) ** -30


def test_classic_self_forms_are_exact_identities():
    from symact.calculus import normal_form

    for name in ("sigmoid", "tanh", "softplus", "logsigmoid"):
        entry = symact.get(name)
        assert normal_form(entry.derivative_self_form().subs(Y, entry.f()) - entry.derivative()) == 0, name


@pytest.mark.parametrize("name,expected", [
    ("relu", [0]), ("relu6", [0, 6]), ("leaky_relu", [0]), ("prelu", [0]), ("rrelu", [0]), ("selu", [0]),
    ("binary_step", [0]), ("hardtanh", [-1, 1]), ("hardsigmoid", [-3, 3]), ("hardswish", [-3, 3]),
    ("hardsigmoid_keras", [sp.Rational(-5, 2), sp.Rational(5, 2)]), ("softshrink", [sp.Rational(-1, 2), sp.Rational(1, 2)]),
    ("hardshrink", [sp.Rational(-1, 2), sp.Rational(1, 2)]), ("elu", []), ("celu", []), ("softsign", []),
    ("sigmoid", []), ("gelu", []),
])
def test_kinks_at_defaults(name, expected):
    assert symact.get(name).kinks() == expected


def test_elu_has_a_kink_unless_alpha_is_one_and_celu_never():
    assert symact.get("elu").kinks({"alpha": 2}) == [0]
    assert symact.get("elu").one_sided_derivatives({"alpha": 2}) == {0: (2, 1)}
    assert symact.get("celu").kinks({"alpha": 3}) == []


@pytest.mark.parametrize("name", ["relu", "relu6", "leaky_relu", "hardtanh", "hardswish", "softshrink", "selu"])
def test_one_sided_derivatives_match_numerical_one_sided_differences(name):
    entry = symact.get(name)
    f = sp.lambdify(X, entry.f(), modules="mpmath")
    for point, (left, right) in entry.one_sided_derivatives().items():
        with mpmath.workdps(40):
            p, h = mpmath.mpf(sp.N(point, 40)), mpmath.mpf(10) ** -12
            num_left = (f(p) - f(p - h)) / h
            num_right = (f(p + h) - f(p)) / h
        assert abs(num_left - mpmath.mpf(sp.N(left, 40))) < 1e-9
        assert abs(num_right - mpmath.mpf(sp.N(right, 40))) < 1e-9


def test_prelu_derivative_with_respect_to_alpha():
    d = symact.get("prelu").param_derivative("alpha")
    assert d.subs(X, -3) == -3 and d.subs(X, 2) == 0


def test_selu_constants_are_exact_decimals_so_the_kernel_decides_selu_claims():
    """alpha and scale are the published 32-digit decimals as exact rationals (a Float's binary value is not the
    decimal it prints, and the kernel refuses inexact numbers).  inf selu = -scale*alpha = -1.7580993408...
    (selu(x) -> -scale*alpha as x -> -oo, decreasing toward it), so selu >= -1.76 holds and selu >= -1.758 fails
    far left (by hand: 1.0507009873554805 * 1.6732632423543772 = 1.75809934...)."""
    from symact.decide.checked import check_claim
    from symact.parsing import parse_claim

    selu = symact.get("selu")
    assert [p.default for p in selu.params] == [sp.Rational(16732632423543772848170429916717, 10 ** 31),
                                                sp.Rational(10507009873554804934193349852946, 10 ** 31)]
    assert not selu.f().atoms(sp.Float)
    assert check_claim(parse_claim("selu(x) >= -1.76"), 10.0).status == "proved"
    assert check_claim(parse_claim("selu(x) >= -1.758"), 10.0).status == "refuted"


def test_selu_constants_give_the_self_normalising_fixed_point():
    """E[selu(z)] = 0 and E[selu(z)^2] = 1 for z ~ N(0, 1): the defining property of the published constants."""
    f = sp.lambdify(X, symact.get("selu").f(), modules="mpmath")
    with mpmath.workdps(30):
        pdf = lambda z: mpmath.npdf(z)  # noqa: E731
        mean = mpmath.quad(lambda z: f(z) * pdf(z), [-mpmath.inf, 0, mpmath.inf])
        second = mpmath.quad(lambda z: f(z) ** 2 * pdf(z), [-mpmath.inf, 0, mpmath.inf])
    assert abs(mean) < 1e-25 and abs(second - 1) < 1e-25


def test_gelu_tanh_uses_the_published_coefficient():
    expr = symact.get("gelu_tanh").f()
    assert sp.Rational(44715, 10**6) in expr.atoms(sp.Rational) or expr.has(sp.Rational(8943, 200000))


def test_softmax_jacobian_is_diag_s_minus_s_st():
    sm = symact.get("softmax")
    for n in (1, 2, 3):
        s = sm.expr(n)
        closed = sm.jacobian_self_form(n).xreplace(dict(zip(sp.symbols(f"s1:{n + 1}", real=True), s)))
        assert sp.simplify(sm.jacobian(n) - closed) == sp.zeros(n, n)


def test_log_softmax_jacobian_is_identity_minus_ones_st():
    ls, sm = symact.get("log_softmax"), symact.get("softmax")
    n = 3
    closed = ls.jacobian_self_form(n).xreplace(dict(zip(sp.symbols(f"s1:{n + 1}", real=True), sm.expr(n))))
    assert sp.simplify(ls.jacobian(n) - closed) == sp.zeros(n, n)


def test_maxout_of_two_affine_pieces_is_relu():
    z = VectorActivation.inputs(2)
    expr = symact.get("maxout").expr(2)[0].xreplace({z[0]: 0 * X, z[1]: X})
    for at in (-3, 0, 2):
        assert expr.subs(X, at) == symact.get("relu").f().subs(X, at)


def test_vector_inputs_must_be_a_positive_integer():
    with pytest.raises(ParameterError):
        symact.get("softmax").expr(0)


def test_every_scalar_entry_has_documentation_fields():
    for entry in symact.entries(scalar_only=True):
        assert isinstance(entry, Activation)
        assert entry.description and entry.references and entry.family
        for p in entry.params:
            assert p.symbol in entry.expr.free_symbols


@pytest.mark.parametrize("name,params,message", [
    ("elu", {"alpha": -1}, "positive"),
    ("elu", {"alpha": 0}, "positive"),
    ("elu", {"beta": 1}, "no parameter 'beta'"),
    ("leaky_relu", {"alpha": "abc"}, "alpha"),
    ("leaky_relu", {"alpha": [1]}, "must be a number"),
    ("leaky_relu", {"alpha": float("nan")}, "finite"),
    ("rrelu", {"upper": 2}, r"\[0, 1\]"),
])
def test_bad_parameters_give_clear_errors(name, params, message):
    with pytest.raises(ParameterError, match=message):
        symact.get(name).f(params)


def test_float_parameters_are_taken_at_their_decimal_value():
    assert symact.get("leaky_relu").f({"alpha": 0.1}).subs(X, -1) == sp.Rational(-1, 10)


@pytest.mark.parametrize("name", [e.name for e in symact.entries(scalar_only=True) if e.kink_derivatives])
def test_recorded_kink_conventions_sit_at_breakpoints(name):
    """Every recorded convention point is a breakpoint of f; where f is smooth there it must equal f'."""
    from symact.calculus import breakpoints

    entry = symact.get(name)
    points = breakpoints(entry.f())
    sides = entry.one_sided_derivatives()
    for framework in entry.kink_derivatives:
        for point, value in entry.kink_convention(framework).items():
            assert point in points, (framework, point)
            if point not in sides:
                assert entry.derivative().subs(X, point) == value


def test_pytorch_kink_conventions_at_non_default_parameters():
    # read from ATen's backward formulas: leaky_relu x > 0 ? 1 : slope; elu/selu take the x <= 0 branch
    assert symact.get("leaky_relu").kink_convention("torch", {"alpha": 0.2}) == {0: sp.Rational(1, 5)}
    assert symact.get("elu").kink_convention("torch", {"alpha": 3}) == {0: 3}
    assert symact.get("softshrink").kink_convention("torch", {"lambd": 1}) == {-1: 0, 1: 0}

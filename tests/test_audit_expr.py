"""``symact audit TARGET --expr EXPR``: a module that ``symact implement --expr`` writes conforms to the exact
expression; the naive formula fails with its failing input printed; NaN is expected where the expression is
undefined; bad input is one line and exit 2."""
from __future__ import annotations

import re
import textwrap

import mpmath
import numpy as np
import pytest

from symact.cli import main

SOFTPLUS = "log(1 + exp(x))"
ARGS = ["--in-process", "--hypothesis", "0", "--effort", "0.3"]


@pytest.fixture(scope="module")
def modules(tmp_path_factory):
    """The module ``symact implement --expr`` writes for SOFTPLUS (with its derivative), and hand-written ones."""
    from symact.implement import implement

    d = tmp_path_factory.mktemp("expr")
    (d / "gen.py").write_text(implement(expr=SOFTPLUS, target="numpy", derivative=True).source)
    (d / "hand.py").write_text(textwrap.dedent("""
        import numpy as np

        def naive(x):
            return np.log(1 + np.exp(x))

        def log_nan(x):                 # NaN where log is undefined: x <= 0 (log(0) is no value either)
            with np.errstate(all="ignore"):
                return np.where(x > 0, np.log(x), x.dtype.type("nan")).astype(x.dtype)

        def log_zero(x):                # 0 where log is undefined
            with np.errstate(all="ignore"):
                return np.where(x < 0, x.dtype.type(0), np.log(x)).astype(x.dtype)

        def log_squared_complex(x):     # log(x)**2 in complex arithmetic: -pi^2 at x = -1, where it is undefined
            return (np.log(x.astype(np.complex128)) ** 2).real.astype(x.dtype)
    """))
    (d / "log.py").write_text(implement(expr="log(x)", target="numpy").source)
    return d


def test_generated_module_conforms_strictly_with_its_derivative(modules, capsys):
    assert main(["audit", f"{modules / 'gen.py'}:f", "--expr", SOFTPLUS, "--strict",
                 "--grad", f"{modules / 'gen.py'}:f_derivative", *ARGS]) == 0
    out = capsys.readouterr().out
    assert "CONFORMS" in out and re.search(r"PASS\s+derivative", out)


def test_naive_formula_fails_with_the_failing_input_printed(modules, capsys):
    assert main(["audit", f"{modules / 'hand.py'}:naive", "--expr", SOFTPLUS, *ARGS]) == 1
    out = capsys.readouterr().out
    assert re.search(r"FAIL\s+values", out)
    x = float(re.search(r"- x = (\S+); returned inf;", out).group(1))
    # the printed input is a real failure: exp overflows float32 there, while log(1 + e^x) ~ x is finite
    with np.errstate(over="ignore"):
        assert np.isinf(np.log(1 + np.exp(np.float32(x)))) and x < 1e38


def test_undefined_inputs_must_be_nan(modules, capsys):
    assert main(["audit", f"{modules / 'hand.py'}:log_nan", "--expr", "log(x)", "--no-derivative", *ARGS]) == 0
    capsys.readouterr()
    assert main(["audit", f"{modules / 'hand.py'}:log_zero", "--expr", "log(x)", "--no-derivative", *ARGS]) == 1
    out = capsys.readouterr().out
    x = float(re.search(r"- x = (\S+); returned 0\.0; exact nan", out).group(1))
    assert x < 0
    # NumPy's log(+-0) = -inf (IEEE's pole value) is no value of log on the real line: those two inputs fail
    assert main(["audit", "numpy:log", "--expr", "log(x)", "--no-derivative", *ARGS]) == 1
    out = capsys.readouterr().out
    assert set(re.findall(r"- x = (\S+); returned -inf; exact nan", out)) == {"0.0", "-0.0"}, out


@pytest.mark.parametrize("extra, message", [
    (["--expr", "log(1 +"], "syntax error"),
    (["--expr", "__import__('os')"], "unknown function"),
    # not parsed: the real cube root would be defined for x < 0, where x**(1/3) is not (real-line semantics)
    (["--expr", "cbrt(x)"], "unknown function 'cbrt'"),
    (["--expr", "x", "-a", "softplus"], "one of them"),
    ([], "one of them"),
    (["--expr", "3"], "does not depend on x"),
    (["--expr", "x", "--param", "a=1"], "no a in x"),
    (["--framework", "numpy", "--expr", "x"], "--expr"),
    # SymPy would fold these into functions defined at 0 (x, 1 + x): the reference would not be the one written
    (["--expr", "x**2/x"], "drops 1/x"),
    (["--expr", "x/x + x"], "drops 1/x"),
    (["--expr", "exp(log(x))"], "drops log(x)"),
])
def test_bad_input_is_one_line_and_exit_2(modules, capsys, extra, message):
    target = [] if "--framework" in extra else [f"{modules / 'hand.py'}:naive"]
    assert main(["audit", *target, *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err


def test_a_failed_evaluation_is_not_undefined_unless_the_kernel_proves_it():
    """1/(1 - tanh(x)**2) divides by zero at x = 300 below ~870 bits, yet it is cosh(300)**2 there; log(x) at
    x = -2 is undefined (the kernel's exact domain check)."""
    import mpmath

    from symact.audit.reference.expression import expression_entry
    from symact.numeric.reference import reference

    r = reference(expression_entry("1/(1 - tanh(x)**2)"))
    with mpmath.workdps(40):
        assert abs(r.relative(300.0) / mpmath.cosh(300) ** 2 - 1) < mpmath.mpf(2) ** -70
    assert not r.undefined(300.0)
    log = reference(expression_entry("log(x)"))
    assert log.undefined(-2.0) and mpmath.isnan(log.relative(-2.0)) and not log.undefined(2.0)


def test_a_real_value_through_complex_intermediates_is_undefined(modules, capsys):
    """mpmath computes log(x)**2 at x = -1 as (i pi)^2 = -pi^2, cos(sqrt(x)) at x = -4 as cosh(2): real numbers
    where a part of the expression has no real value; the reference is NaN there, so a target that returns them
    fails.  An infinite part stays a value (log(0) = -inf, so max(log(0), 0) = 0)."""
    import mpmath

    from symact.audit.reference.expression import expression_entry
    from symact.numeric.reference import reference

    for expr, x in [("log(x)**2", -1.0), ("cos(sqrt(x))", -4.0), ("Abs(log(x))", -1.0), ("Max(sqrt(x), 1)", -4.0),
                    ("sqrt(x)*sqrt(x - 1)", -1.0)]:
        assert mpmath.isnan(reference(expression_entry(expr)).relative(x)), expr
    assert reference(expression_entry("Max(log(x), 0)")).relative(0.0) == 0
    assert reference(expression_entry("log(x)**2")).relative(1.0) == 0
    with mpmath.workdps(30):
        assert abs(reference(expression_entry("log(x)**2")).relative(0.5) - mpmath.log(0.5) ** 2) < 1e-25
    assert main(["audit", f"{modules / 'hand.py'}:log_squared_complex", "--expr", "log(x)**2", "--no-derivative",
                 *ARGS]) == 1
    assert re.search(r"- x = -\S+; returned \S+; exact nan", capsys.readouterr().out)


def test_generated_module_of_an_expression_undefined_somewhere(modules, capsys):
    """The module of log(x) returns NaN for x < 0 without a floating-point warning (the audit's warnings check);
    the module of sqrt(x)*sqrt(x - 1) has no limit at -inf (SymPy's, in complex arithmetic, is -oo: i*i = -1)."""
    from symact.implement import implement

    assert main(["audit", f"{modules / 'log.py'}:f", "--expr", "log(x)", "--no-derivative", *ARGS]) == 0
    namespace = {}
    exec(compile(implement(expr="sqrt(x)*sqrt(x - 1)", target="numpy", dtype="float64").source, "m", "exec"),
         namespace)
    out = namespace["f"](np.array([-np.inf, -2.0, 2.0, np.inf]))
    assert np.isnan(out[:2]).all() and out[2] == np.sqrt(2.0) and out[3] == np.inf


def test_implement_a_piece_at_a_single_point():
    """Heaviside(x) has a piece at the point 0 (SymPy's Interval(0, 0) is FiniteSet(0)): the module gives 1/2
    there; f' of log(x)*Heaviside(x) at its switch point is 1/0, refused as a ParameterError (exit 2)."""
    from symact.errors import ParameterError
    from symact.implement import implement

    namespace = {}
    exec(compile(implement(expr="x*Heaviside(x) + Heaviside(x)", target="numpy", dtype="float64").source, "m",
                 "exec"), namespace)
    assert namespace["f"](np.array([-1.0, 0.0, 2.0])).tolist() == [0.0, 0.5, 3.0]
    with pytest.raises(ParameterError):
        implement(expr="log(x)*Heaviside(x)", target="numpy", derivative=True)


def test_the_derivative_reference_is_nan_where_the_expression_is_undefined():
    """Real-line semantics: f' exists only where the difference quotient converges, so log(x)'s derivative is NaN
    at x < 0 although its formula 1/x is defined there (the kernel proves log(x) undefined there), in every
    tier of the oracle: float64 and double-double enclosures (200 points: the double-double tier runs from 64),
    the per-point slow path, the approximations and bounds; at x > 0 it is 1/x (mpmath at 50 digits, to the
    oracle's 2^-80).  f' has no limit at -oo (log(x) has no value there); at +oo it is 0.  A failed float64
    enclosure of f alone proves nothing: exp(exp(x)) overflows float64 at x = 10, its derivative
    exp(x + exp(x)) is a real number there."""
    import mpmath

    from symact.audit.reference.expression import expression_entry
    from symact.audit.reference.oracle import limit_at, oracle

    entry = expression_entry("log(x)")
    o = oracle(entry, None, 1)
    # (1/x far from float64's underflow, where a double-double tail would lose its 2^-80 relative)
    neg = -np.geomspace(1e-200, 1e200, 100)
    pos = np.geomspace(1e-200, 1e200, 100)
    xs = np.concatenate([neg, pos])
    mid, tail, rad = o.enclose(xs, np.inf)           # the float64 tier's enclosures, as they are
    assert np.isnan(mid[:100]).all() and np.isfinite(mid[100:]).all()
    with mpmath.workdps(50):
        for x, m, t, r in zip(pos, mid[100:], tail[100:], rad[100:]):
            assert abs(mpmath.mpf(m) + mpmath.mpf(t) - 1 / mpmath.mpf(float(x))) <= mpmath.mpf(r)
    for hi, lo in [o.dd(xs), o.exact_at(xs), o.slow_at(xs[::20])]:
        n = hi.size // 2
        assert np.isnan(hi[:n]).all() and np.isfinite(hi[n:]).all()
        step = 1 if hi.size == xs.size else 20
        with mpmath.workdps(50):
            for x, h, l in zip(xs[::step][n:], hi[n:], lo[n:]):
                want = 1 / mpmath.mpf(float(x))
                assert abs((mpmath.mpf(h) + mpmath.mpf(l)) / want - 1) < mpmath.mpf(2) ** -80
    assert np.isnan(o.approx(neg)).all() and np.isnan(o.upper(neg)).all()
    assert np.allclose(o.approx(pos), 1 / pos, rtol=1e-3) and (o.upper(pos) >= 1 / pos * (1 - 1e-15)).all()
    assert mpmath.isnan(o.mp(-2.0)) and o.mp(2.0) == mpmath.mpf(0.5)
    assert np.isnan(limit_at(entry, None, -1, 1)) and limit_at(entry, None, 1, 1) == 0.0
    big = oracle(expression_entry("exp(exp(x))"), None, 1).mp(10.0)
    with mpmath.workdps(50):
        assert abs(big / mpmath.exp(10 + mpmath.exp(10)) - 1) < mpmath.mpf(2) ** -70


def test_catalog_derivatives_keep_their_values_left_of_0():
    """A catalog entry is defined on all of R: its derivative's reference is not masked (softplus' = logistic,
    mpmath at 50 digits; relu' = 0 at x < 0)."""
    import mpmath

    from symact.audit.reference.oracle import oracle

    xs = -np.geomspace(1e-3, 700, 100)
    hi, _ = oracle("softplus", None, 1).exact_at(xs)
    with mpmath.workdps(50):
        want = np.array([float(1 / (1 + mpmath.exp(-mpmath.mpf(float(x))))) for x in xs])
    assert (hi == want).all()
    assert (oracle("relu", None, 1).exact_at(xs)[0] == 0).all()


@pytest.mark.parametrize("text,inside,outside,mp_value", [
    # asin's domain is [-1, 1]: x/2 in it for |x| <= 2
    ("asin(x/2)", [-2.0, -1.5, 0.5, 2.0], [-2.0000000000000004, 2.0000000000000004, 3.0, 1e300],
     lambda x: mpmath.asin(x / 2)),
    ("acos(x)", [-1.0, 0.0, 0.75, 1.0], [-1.0000000000000002, 1.0000000000000002, -5.0, 1e10],
     lambda x: mpmath.acos(x)),
    ("atanh(x)", [-0.9999999999999999, 0.0, 0.5], [-1.0, 1.0, 2.0, -1e300], lambda x: mpmath.atanh(x)),
    ("acosh(x)", [1.0, 1.5, 1e300], [0.9999999999999999, 0.0, -1.0, -1e300], lambda x: mpmath.acosh(x)),
    # a real power with a non-integer exponent is not taken of a negative number (README: real-line semantics)
    ("x**(1/3)", [0.0, 1e-300, 8.0, 1e300], [-5e-324, -1.0, -8.0, -1e300], lambda x: mpmath.cbrt(x)),
])
def test_the_reference_is_nan_outside_the_domain_in_every_tier(text, inside, outside, mp_value):
    """asin, acos, atanh, acosh and x**(1/3) outside their domains have no real value: the oracle is NaN there in
    every tier (enclosures, double-double, exact, slow path, approximations, bounds, one point) for f and for f'
    (which does not exist where f is undefined); inside, f is the function itself (mpmath at 50 digits, whose
    asin, acos, atanh, acosh and cbrt are independent of the reference's SymPy expression), to 2^-80."""
    from symact.audit.reference.expression import expression_entry
    from symact.audit.reference.oracle import oracle

    entry = expression_entry(text)
    # 200 points, so that the double-double tier runs (from 64)
    xs = np.array((inside + outside) * 25, dtype=np.float64)
    bad = np.array(([False] * len(inside) + [True] * len(outside)) * 25)
    for order in (0, 1):
        o = oracle(entry, None, order)
        tiers = [o.enclose(xs, np.inf)[0], o.dd(xs)[0], o.exact_at(xs)[0], o.slow_at(xs)[0], o.approx(xs),
                 o.upper(xs)]
        for got in tiers:
            assert np.isnan(got[bad]).all(), (text, order, got)
        assert all(mpmath.isnan(o.mp(float(x))) for x in outside), (text, order)
    hi, lo = oracle(entry, None, 0).exact_at(np.array(inside))
    with mpmath.workdps(50):
        for x, h, l in zip(inside, hi, lo):
            want = mp_value(mpmath.mpf(x))
            assert abs(mpmath.mpf(h) + mpmath.mpf(l) - want) <= abs(want) * mpmath.mpf(2) ** -80, (text, x)


@pytest.mark.parametrize("text,ends,derivative", [
    # defined at 0, undefined left of it: no left difference quotient at 0 although the formula is finite there
    # (d/dx x^(3/2) = 3 sqrt(x)/2; d/dx x^2 e^sqrt(x) = 2x e^sqrt(x) + x^(3/2) e^sqrt(x)/2); x**(3/2) has no float64
    # tier of its own (every point is asked), x**2*exp(sqrt(x)) has one (0's neighbour -5e-324 proposes 0)
    ("x**(3/2)", [0.0, -0.0], lambda x: 3 * mpmath.sqrt(x) / 2),
    ("x**2*exp(sqrt(x))", [0.0, -0.0],
     lambda x: 2 * x * mpmath.exp(mpmath.sqrt(x)) + x ** 1.5 * mpmath.exp(mpmath.sqrt(x)) / 2),
    # (1 - x^2)^(3/2) at +-1: d/dx = -3x sqrt(1 - x^2), 0 at +-1, where the right (left) side is undefined
    ("(1 - x**2)**(3/2)", [1.0, -1.0], lambda x: -3 * x * mpmath.sqrt(1 - x ** 2)),
])
def test_the_derivative_reference_is_nan_at_an_end_of_the_domain(text, ends, derivative):
    """Real-line semantics: f' exists only where the difference quotient converges, which needs f on both sides;
    at an end of f's domain where f is defined (x**(3/2) at 0) the kernel proves f' undefined (the function is
    undefined just beside the point), so the derivative's reference is NaN there in every tier, although its
    formula has a value there (it gave that value before); beside it, inside the domain, it is the derivative
    (mpmath at 50 digits, from the hand-derived formula), to 2^-80."""
    from symact.audit.reference.expression import expression_entry
    from symact.audit.reference.oracle import oracle

    o = oracle(expression_entry(text), None, 1)
    near = [0.25, 1e-10, 3.0] if ends[0] == 0 else [0.5, -0.999, 0.999999]
    xs = np.array((ends + near) * 40, dtype=np.float64)
    bad = np.array(([True] * len(ends) + [False] * len(near)) * 40)
    for got in [o.enclose(xs, np.inf)[0], o.dd(xs)[0], o.exact_at(xs)[0], o.slow_at(xs)[0], o.approx(xs),
                o.upper(xs)]:
        assert np.isnan(got[bad]).all() and not np.isnan(got[~bad]).any(), (text, got)
    assert all(mpmath.isnan(o.mp(x)) for x in ends)
    hi, lo = o.exact_at(np.array(near))
    with mpmath.workdps(50):
        for x, h, l in zip(near, hi, lo):
            want = derivative(mpmath.mpf(x))
            assert abs(mpmath.mpf(h) + mpmath.mpf(l) - want) <= abs(want) * mpmath.mpf(2) ** -80, (text, x)


def test_a_derivative_formula_that_is_0_over_0_is_not_a_missing_derivative(tmp_path, capsys):
    """sqrt(x**4 + x**6) = x^2 sqrt(1 + x^2) is smooth: f'(x) = 2x sqrt(1 + x^2) + x^3/sqrt(1 + x^2), 0 at 0
    (by hand), although SymPy's formula (3x^5 + 2x^3)/sqrt(x^6 + x^4) is 0/0 there.  The kernel proves the
    formula undefined at 0 and not f' absent (the reference does not ask it for the value f'(0) = 0, which the
    claim diff(f, x) == 0 for x == 0 proves), so the derivative's reference is neither NaN nor a value there:
    unknown, and the audit does not judge that input (it names it);
    sqrt(x)' at 0, where the kernel proves that no difference quotient converges (sqrt is undefined left of
    0), stays undefined, as does ((exp(x) - 1)/x)' at 0 (f is undefined there)."""
    from symact.audit.reference.expression import expression_entry
    from symact.audit.reference.oracle import oracle
    from symact.implement import implement
    from symact.numeric.reference import reference

    ref = reference(expression_entry("sqrt(x**4 + x**6)"), None, 1)
    assert not ref.undefined(0.0) and ref.unknown(0.0) and not ref.unknown(0.5)
    for text in ("sqrt(x)", "(exp(x) - 1)/x"):
        ref = reference(expression_entry(text), None, 1)
        assert ref.undefined(0.0) and not ref.unknown(0.0), text
    o = oracle(expression_entry("sqrt(x**4 + x**6)"), None, 1)
    xs = np.array([0.0, -0.0, 0.5])
    hi, _ = o.exact_at(xs)
    assert o.unknown(xs).tolist() == [True, True, False] and np.isnan(hi[:2]).all() and hi[2] > 0
    path = tmp_path / "quartic.py"
    path.write_text(implement(expr="sqrt(x**4 + x**6)", target="numpy", derivative=True, budget=2).source)
    code = main(["audit", f"{path}:f", "--expr", "sqrt(x**4 + x**6)", "--grad", f"{path}:f_derivative", *ARGS])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"PASS +derivative", out) and "f'(0) not checked: its formula is undefined there" in out

"""``symact implement --expr`` and ``symact audit --expr`` agree where an expression is undefined (real-line
semantics: NaN there): the generated NumPy module of each held-out expression passes the real audit of the same
expression at default settings, run as a user runs it (the CLI, in a child process)."""
from __future__ import annotations

import subprocess
import sys

import mpmath
import numpy as np
import pytest

from symact.implement.module import load_source

CASES = [  # (expression, inputs where it is undefined: NaN expected, by real-line semantics)
    ("(exp(x) - 1)/x", [0.0, -0.0]),  # 0/0: removable, the extension 1 is no value of the expression
    ("sin(x)/x", [0.0, -0.0]),        # 0/0: removable
    ("1/x", [0.0, -0.0]),             # a pole: no value (not +-inf)
    ("1/(x - 1)", [1.0]),             # a pole away from 0
    ("Abs(x)/x", [0.0, -0.0]),        # -1 for x < 0, 1 for x > 0, 0/0 at 0
    ("Max(x, 0)/x", [0.0, -0.0]),     # 0 for x < 0, 1 for x > 0, 0/0 at 0
    ("log(x)", [-1.0, -1e-30, 0.0, -0.0]),  # log's domain is x > 0: log(0) is no value (not -inf)
    ("sqrt(x)", [-1.0, -1e-30]),      # sqrt's domain is x >= 0
    ("log1p(x)", [-1.0, -1.5, -2.0]),  # log1p's domain is x > -1: log1p(-1) is no value (not -inf)
    ("log(1 - x**2)", [1.0, -1.0, 2.0, -3.0]),  # defined for -1 < x < 1 only
    ("asin(x/2)", [-2.5, 3.0, 1e30]),  # asin's domain is [-1, 1]: x/2 outside it for |x| > 2
    ("acosh(x)", [0.5, 0.0, -1.0]),    # acosh's domain is [1, oo)
    ("x**(1/3)", [-1.0, -8.0, -1e-30]),  # a real power with a non-integer exponent is not taken of x < 0
]


def _symact(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "symact", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("text,undefined", CASES)
def test_generated_module_passes_its_own_audit(tmp_path, text, undefined):
    path = tmp_path / "m.py"
    made = _symact("implement", "--expr", text, "--target", "numpy", "--budget", "2", "-o", str(path))
    assert path.exists(), made.stderr
    module = load_source(path.read_text(), f"undefined_{abs(hash(text))}")
    got = module.f(np.array(undefined, dtype=np.float32))
    assert np.isnan(got).all(), (text, got)
    audit = _symact("audit", f"{path}:f", "--expr", text)
    assert audit.returncode == 0, audit.stdout + audit.stderr


@pytest.mark.parametrize("text,branches", [
    ("Abs(x)/x", ["Abs(x)/x == -1 for x < 0", "Abs(x)/x == 1 for x > 0"]),
    ("Max(x, 0)/x", ["Max(0, x)/x == 0 for x < 0", "Max(0, x)/x == 1 for x > 0"]),
])
def test_sign_like_quotients_are_nan_at_0_and_proved_on_each_side(text, branches):
    from symact.implement import implement

    result = implement(expr=text, target="numpy", budget=2.0)
    proofs = {p.claim: p.status for part in result.plan.parts for p in part.proofs}
    assert all(proofs.get(claim) == "proved" for claim in branches), proofs
    assert "undefined" in proofs.values() and not result.unproved


@pytest.mark.parametrize("text,claims", [
    # the part outside its domain, as a claim the kernel proves on the NaN range, and the identity on the rest
    ("log(x)", ["x <= 0 for x <= 0", "log(x) == log(x) for x > 0"]),
    ("sqrt(x)", ["x < 0 for x < 0", "sqrt(x) == sqrt(x) for x >= 0"]),
    ("log1p(x)", ["x <= -1 for x <= -1", "log1p(x) == log1p(x) for x > -1"]),
    ("log(1 - x**2)", ["1 - x**2 <= 0 for x <= -1", "1 - x**2 <= 0 for x >= 1"]),
    ("asin(x/2)", ["x/2 < -1 for x < -2", "x/2 > 1 for x > 2", "asin(x/2) == asin(x/2) for -2 <= x <= 2"]),
    ("acos(x)", ["x < -1 for x < -1", "x > 1 for x > 1"]),
    ("atanh(x)", ["x <= -1 for x <= -1", "x >= 1 for x >= 1", "atanh(x) == atanh(x) for -1 < x < 1"]),
    ("acosh(x)", ["x < 1 for x < 1", "acosh(x) == acosh(x) for x >= 1"]),
    ("x**(1/3)", ["x < 0 for x < 0", "x**(1/3) == x**(1/3) for x >= 0"]),
    ("log(x) + asin(x)", ["x <= 0 for x <= 0", "x > 1 for x > 1",
                          "log(x) + asin(x) == log(x) + asin(x) for 0 < x <= 1"]),
])
def test_domain_gaps_are_proved_nan_ranges(text, claims):
    """An expression undefined on a whole range (log(x) for x <= 0; asin(u) for u < -1 and for u > 1, atanh(u) for
    |u| >= 1, acosh(u) for u < 1, a power u**(1/3) for u < 0) gets a NaN branch there whose claim (the part's
    argument outside its domain) the kernel proves, and its other branches are claimed only where it is defined:
    every claim proved (before, one claim on all of R, refuted: NOT PROVED, exit 1; asin, acosh and x**(1/3) were
    refused: the printer knew neither the functions nor the power)."""
    from symact.implement import implement

    result = implement(expr=text, target="numpy", budget=2.0)
    proofs = {p.claim: p.status for part in result.plan.parts for p in part.proofs}
    assert all(proofs.get(claim) == "proved" for claim in claims), proofs
    assert not result.unproved, proofs


def test_a_wrong_domain_proposal_is_not_proved():
    """The NaN range's claim is checked, not trusted: a range where the argument is inside the domain is refuted
    by the kernel (so a wrong proposal of SymPy's solver could never make a module return NaN silently)."""
    from symact.implement.branches import Branch
    from symact.implement.proving import prove

    import sympy as sp

    x = sp.Symbol("x")
    wrong = Branch(None, 1, False, True, sp.nan, "a wrong range", "outside", sp.Le(x, 0))
    assert prove("log(x)", wrong, 2.0).status == "refuted"


def _call(fn, xs: np.ndarray, target: str) -> np.ndarray:
    """``fn`` of a module for ``target`` at the NumPy array ``xs``, as a NumPy array."""
    if target == "torch":
        import torch

        return fn(torch.from_numpy(xs)).numpy()
    if target == "jax":
        import jax.numpy as jnp

        return np.asarray(fn(jnp.asarray(xs)))
    return fn(xs)


@pytest.mark.parametrize("target", ["numpy", "torch", "jax"])
def test_signed_zeros_and_nan_in_piecewise_modules(target):
    """IEEE's signs at +-0: |-0| = +0 (fabs), sqrt(+0) = +0 and sqrt is undefined left of 0, so Min(sqrt(x), 1)
    is +0 at both zeros (it gave -0 at -0: the piece sqrt(x) evaluated at -0); x*|x| has the sign of x on both
    sides (an odd function: -0 stays -0), -x*|x| the opposite one; NaN in gives NaN out."""
    from symact.implement import implement

    xs = np.array([0.0, -0.0, np.nan], dtype=np.float32)
    for text, want in [("Abs(x)", [0.0, 0.0]), ("Min(sqrt(x), 1)", [0.0, 0.0]), ("x*Abs(x)", [0.0, -0.0]),
                       ("-x*Abs(x)", [-0.0, 0.0]), ("Max(x, 0)", [0.0, 0.0])]:
        module = load_source(implement(expr=text, target=target, budget=2.0).source,
                             f"zeros_{target}_{abs(hash(text))}")
        got = _call(module.f, xs, target)
        assert list(np.signbit(got[:2])) == list(np.signbit(want)) and (got[:2] == 0).all(), (text, target, got)
        assert np.isnan(got[2]), (text, target)


#: (expression, its derivative for mpmath, points where it is undefined, points where it is defined)
GRADIENTS = [
    ("(exp(x) - 1)/x", lambda x: (x * mpmath.exp(x) - mpmath.exp(x) + 1) / x ** 2, [0.0, -0.0], [-2.0, 0.5, 3.0]),
    ("1/x", lambda x: -1 / x ** 2, [0.0, -0.0], [-3.0, 0.25, 2.0]),
    ("log(x)", lambda x: 1 / x, [-1.0, 0.0, -0.0], [0.5, 2.0, 1e3]),
]


@pytest.mark.parametrize("target", ["torch", "jax"])
@pytest.mark.parametrize("text,derivative,undefined,defined", GRADIENTS)
def test_autograd_is_nan_where_the_expression_is_undefined(tmp_path, target, text, derivative, undefined, defined):
    """A module made without --derivative is differentiated by autograd through its where chain: where the
    expression is undefined (a NaN branch) its derivative does not exist, so the gradient is NaN there (a
    constant NaN gave 0: where passes a zero gradient), and the NaN branch leaves the gradient elsewhere alone
    (the derivative, mpmath at 50 digits)."""
    pytest.importorskip(target)
    path = tmp_path / "m.py"
    made = _symact("implement", "--expr", text, "--target", target, "--budget", "2", "-o", str(path))
    assert path.exists(), made.stderr
    module = load_source(path.read_text(), f"grad_{target}_{abs(hash(text))}")
    xs = np.array(undefined + defined, dtype=np.float32)
    if target == "torch":
        import torch

        t = torch.tensor(xs, requires_grad=True)
        module.f(t).sum().backward()
        grad = t.grad.numpy()
    else:
        import jax

        grad = np.asarray(jax.vmap(jax.grad(module.f))(xs))
    assert np.isnan(grad[:len(undefined)]).all(), (text, grad)
    with mpmath.workdps(50):
        want = [float(derivative(mpmath.mpf(float(x)))) for x in defined]
    np.testing.assert_allclose(grad[len(undefined):], want, rtol=2e-6)


def test_torch_autograd_of_1_over_x_passes_the_audit(tmp_path):
    """The real audit's autograd check of a torch module of 1/x (without --derivative): NaN at +-0, where 1/x
    has no derivative, and -1/x^2 elsewhere (it failed at +-0 before: the gradient there was 0)."""
    pytest.importorskip("torch")
    path = tmp_path / "m.py"
    made = _symact("implement", "--expr", "1/x", "--target", "torch", "--budget", "2", "-o", str(path))
    assert path.exists(), made.stderr
    audit = _symact("audit", f"{path}:f", "--expr", "1/x")
    assert audit.returncode == 0 and "PASS     derivative" in audit.stdout, audit.stdout + audit.stderr


@pytest.mark.parametrize("target,text", [(target, text) for target in ("torch", "numpy")
                                         for text in ("log(x)", "sqrt(x)", "log1p(x)")]
                         + [("numpy", "asin(x/2)"), ("numpy", "x**(3/2)")])
def test_derivative_where_the_expression_is_undefined_passes_the_audit(tmp_path, target, text):
    """f' does not exist where f is undefined (log(x)' at x < 0, although its formula 1/x is defined there; asin(x/2)'
    for |x| > 2), nor at an end of f's domain (x**(3/2)' at 0): the generated torch module (autograd: NaN there)
    and NumPy module with --derivative (a NaN branch whose claim, the part's argument outside its domain, the
    kernel proves; before, 1/x there, refuted) pass the real audit of their derivative, which expects NaN there
    (it expected 1/x before, failing every x < 0; 3 sqrt(x)/2 = 0 at x = 0)."""
    if target == "torch":
        pytest.importorskip("torch")
    path = tmp_path / "m.py"
    extra = ["--derivative"] if target == "numpy" else []
    made = _symact("implement", "--expr", text, "--target", target, *extra, "--budget", "2", "-o", str(path))
    assert made.returncode == 0, made.stdout + made.stderr
    grad = ["--grad", f"{path}:f_derivative"] if target == "numpy" else []
    audit = _symact("audit", f"{path}:f", "--expr", text, *grad)
    assert audit.returncode == 0 and "PASS     derivative" in audit.stdout, audit.stdout + audit.stderr


@pytest.mark.parametrize("target", ["numpy", "torch", "jax"])
def test_no_derivative_at_an_end_of_the_domain(target):
    """x**(3/2) is defined at 0 and undefined left of it, so its difference quotient at 0 has no left side and f'(0)
    does not exist (real-line semantics; the kernel refutes diff(x**(3/2), x) == 3*sqrt(x)/2 for x >= 0 at 0),
    although the formula 3 sqrt(x)/2 is 0 there: the module's derivative is NaN at +-0 (it returned 0 before, a
    claim the kernel refuted), NaN for x < 0 (f undefined) and 3 sqrt(x)/2 for x > 0 (mpmath at 50 digits:
    d/dx x^(3/2) = (3/2) x^(1/2)); every claim is proved."""
    pytest.importorskip(target)
    from symact.implement import implement

    result = implement(expr="x**(3/2)", target=target, derivative=True, budget=2.0)
    assert not result.unproved
    [point] = [b for b in result.plan.parts[1].branches if b.kind == "undefined"]
    assert point.lo == point.hi == 0 and "undefined just left of the point" in point.why
    module = load_source(result.source, f"end_{target}")
    xs = np.array([0.0, -0.0, -1.0, 0.25, 2.0, 1e10], dtype=np.float32)
    got = _call(module.f_derivative, xs, target)
    assert np.isnan(got[:3]).all(), got
    with mpmath.workdps(50):
        want = [float(mpmath.mpf(3) / 2 * mpmath.sqrt(mpmath.mpf(float(x)))) for x in xs[3:]]
    np.testing.assert_allclose(got[3:], want, rtol=2 ** -23)


def test_torch_in_place_powers_equal_the_where_chain_bit_for_bit():
    """torch's in-place code prints u**(p/q) as the where chain does, bit for bit (float32 and float64 inputs, NaN
    ranges included; a NaN's sign and payload are not part of the contract, "NaN in gives NaN out": torch.pow of a
    NaN gives -NaN with a full payload on some CPUs where the chain passes the input's NaN through): a power with q > 2 (x**(1/3)), and sqrt(u)**k with k < 0 (1/sqrt(4 - x**2): its 1.0/sqrt(u)
    was taken for a number before, new_tensor of a tensor expression, an AttributeError in every call)."""
    torch = pytest.importorskip("torch")
    from symact.implement import implement

    x = np.concatenate([np.linspace(-3, 3, 2001), [0.0, -0.0, 2.0, -2.0, np.nan, np.inf, -np.inf, 1e-30, 3e38]])
    for text, undefined in [("x**(1/3)", [-1.0, -1e-30]), ("1/sqrt(4 - x**2)", [2.0, -2.0, 3.0]),
                            ("(1 - x**2)**(-3/2)", [1.0, -1.5]), ("x**(-2/3)", [0.0, -1.0])]:
        module = load_source(implement(expr=text, target="torch", budget=2.0).source, f"pow_{abs(hash(text))}")
        for dtype, bits in ((torch.float32, torch.int32), (torch.float64, torch.int64)):
            xs = torch.tensor(np.concatenate([x, undefined]), dtype=dtype)
            graph, fast = (torch.where(torch.isnan(v), float("nan"), v)   # one NaN: the same bits in both
                           for v in (module._f_graph(xs), module._f_inplace(xs)))
            assert torch.equal(graph.view(bits), fast.view(bits)), (text, dtype)
            assert torch.isnan(graph[-len(undefined):]).all(), (text, graph[-len(undefined):])


def test_a_function_the_printer_does_not_know_is_one_line_and_exit_2(tmp_path):
    """tan has no array function in its record: refused in one line naming it, exit 2 (it was refused as 'cannot
    split tan(x) into pieces with rational switch points', which it has none of)."""
    made = _symact("implement", "--expr", "tan(x)", "--target", "numpy", "-o", str(tmp_path / "m.py"))
    assert made.returncode == 2 and not (tmp_path / "m.py").exists()
    assert made.stderr.strip().splitlines() == ["symact: error: cannot write tan(x) as numpy code (no such function "
                                                "in the printer)"], made.stderr


def test_a_derivative_formula_that_is_0_over_0_gets_the_limit_and_a_claim_not_nan():
    """sqrt(x**4 + x**6) = x^2 sqrt(1 + x^2): f'(x) = 2x sqrt(1 + x^2) + x^3/sqrt(1 + x^2) (by hand), 0 at 0,
    where SymPy's formula (3x^5 + 2x^3)/sqrt(x^6 + x^4) is 0/0.  The kernel does not prove f' absent there
    (f is defined around 0), so the module returns the formula's limit 0 on a point branch whose claim
    diff(f, x) == 0 at 0 the kernel proves (not the certified-NaN kind ``undefined``: its smooth form of the root
    is x^2 sqrt(1 + x^2), kernel.root_factor, whose derivative at 0 is 0); beside 0 the values are
    f' (mpmath at 50 digits, rounded to float32).  1/x's derivative stays NaN at 0, where f is undefined."""
    from symact.implement import implement

    result = implement(expr="sqrt(x**4 + x**6)", target="numpy", derivative=True, budget=2)
    module = load_source(result.source, "quartic_root")
    point = [p for p in result.plan.parts[1].proofs if p.claim and p.claim.endswith("for x == 0")]
    assert [p.claim for p in point] == ["diff(sqrt(x**6 + x**4), x) == 0 for x == 0"]
    assert point[0].status == "proved", point[0].reason
    xs = np.array([0.0, -0.0, 1e-20, -0.5, 3.0], dtype=np.float32)
    got = module.f_derivative(xs)
    with mpmath.workdps(50):
        want = [float(np.float32(2 * x * mpmath.sqrt(1 + x ** 2) + x ** 3 / mpmath.sqrt(1 + x ** 2)))
                for x in map(mpmath.mpf, xs.astype(np.float64))]
    np.testing.assert_array_equal(got, np.float32(want))
    pole = implement(expr="1/x", target="numpy", derivative=True, budget=2)
    assert np.isnan(load_source(pole.source, "pole").f_derivative(np.float32([0.0]))).all()

"""The certificate search's own limits (symact/decide/certify.py): where it reads the decision's CPU clock, and
how it passes over polynomials too large for SymPy to expand.  The verdicts are the truths reasoned out beside
each claim; the kernel checks every certificate the search finds."""
from __future__ import annotations

import pytest
import sympy as sp

from symact.budget import left, limit, run_with_budget
from symact.decide.certify import CLOCK_INTERVAL, Search
from symact.decide.checked import check_claim
from symact.decide.terms_sympy import degree_bound
from symact.kernel import check
from symact.kernel.terms import X
from symact.parsing import parse_claim

BUDGET = 3.0


def test_the_search_ends_at_its_first_work_unit_after_the_cpu_budget():
    """A search ends at its first work unit after the decision's CPU budget is spent, also when that comes sooner
    than CLOCK_INTERVAL wall-clock seconds after its last reading of the CPU clock: where it ends depends on CPU
    time, not on how much wall-clock time the machine's load adds (the reading before was made with less CPU time
    left than CLOCK_INTERVAL)."""
    search = Search(X, ">=", X, [(None, None, False, False)])
    with limit(CLOCK_INTERVAL / 20):
        search.spend(0)  # reads the CPU clock: time is left
        while left() > 0:  # the budget is spent by CPU work, within about CLOCK_INTERVAL / 20 seconds
            pass
        with pytest.raises(Exception, match="CPU-time budget was spent"):
            search.spend(0)


def test_cpu_time_left_lets_the_search_go_on():
    search = Search(X, ">=", X, [(None, None, False, False)])
    with limit(60.0):
        for _ in range(1000):
            search.spend(0)


HUGE_PRODUCT = "*".join(f"(x**{k} + 1)**50" for k in range(990, 1000))  # degree 49,725: SymPy expands it for hours


@pytest.mark.parametrize("text", [
    # (x^1000 + 1)^1000 >= 1 > 0 for every real x, so its reciprocal is positive: true; the search's factor form
    # (symact.decide.candidates.square_factors) would expand the denominator to degree 10^6 and never end
    "1/((x**1000 + 1)**1000) > 0",
    # |u| >= 0 for every real u: true; the search's switch points (the rational zeros of u) would expand u
    f"Abs({HUGE_PRODUCT} - 2) >= 0",
])
def test_a_huge_polynomial_is_decided_within_the_budget(text):
    with limit(BUDGET):
        ok, v = run_with_budget(lambda: check_claim(parse_claim(text), BUDGET), BUDGET)
    assert ok, v
    assert v.status == "proved", v.reason
    assert check(v.certificate.data)[0] == "proved"


x = sp.Symbol("x", real=True)


@pytest.mark.parametrize("e, truth", [
    # no cancellation: the bound is the degree itself (SymPy's expansion, sp.degree, gives it independently)
    ((x ** 3 + 2) ** 4 * (x - 1), 13), (x ** 2 + 3 * x, 2), (sp.Rational(5, 2), 0), ((2 * x + 1) ** 10 + x ** 11, 11),
    (sp.sqrt(2) * x ** 4 + x, 4),
])
def test_degree_bound_of_a_polynomial(e, truth):
    assert sp.degree(e, x) == truth
    assert degree_bound(e, x) == truth


def test_degree_bound_is_an_upper_bound_and_reads_no_expansion():
    e = (x ** 2 + 1) ** 2 - x ** 4  # 2 x^2 + 1 after expansion
    assert degree_bound(e, x) == 4 >= sp.degree(e, x) == 2
    assert degree_bound((x ** 1000 + 1) ** 1000, x) == 10 ** 6
    for no_polynomial in (1 / (x + 1), sp.sqrt(x), sp.exp(x), x ** 2 * sp.sin(x)):
        assert degree_bound(no_polynomial, x) is None


def test_a_trigonometric_polynomial_with_a_transcendental_coefficient_is_decided():
    """pi^2 sin^2 x + cos^2 x >= sin^2 x + cos^2 x = 1 since pi^2 > 1 (equality where sin x = 0): true.  The
    search's factored forms (symact/decide/circle.py) once asked SymPy to factor over Q(pi^2), which raised
    NotAlgebraic out of the decision as a traceback."""
    with limit(BUDGET):
        v = check_claim(parse_claim("pi**2*sin(x)**2 + cos(x)**2 >= 1"), BUDGET)
    assert v.status == "proved", v.reason
    assert check(v.certificate.data)[0] == "proved"


def test_circle_forms_are_equal_to_the_term():
    """Each factored form equals the term at sample points (mpmath at 50 digits), pi^2 kept as a coefficient."""
    import mpmath

    from symact.decide.circle import circle_forms

    e = sp.pi ** 2 * sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1
    forms = circle_forms(e)
    assert forms
    with mpmath.workdps(50):
        for t in ("0.3", "1.7", "-2.9"):
            truth = mpmath.pi ** 2 * mpmath.sin(mpmath.mpf(t)) ** 2 + mpmath.cos(mpmath.mpf(t)) ** 2 - 1
            for f in forms:
                assert abs(sp.N(f.subs(x, sp.Rational(t)), 50) - sp.Float(str(truth), 50)) < sp.Float(10) ** -40

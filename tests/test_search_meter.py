"""The kernel's work meter (symact.kernel.meter) and the searches that pay their budgets from it: the count
depends only on what is computed, so a search that the meter ends stops at the same point on an idle machine and
under load (a budget of CPU seconds stopped claims near it where the load said: issue #11, part 4)."""
import json
import subprocess
import sys
from fractions import Fraction

import sympy as sp

from cpuload import hog
from symact.budget import limit
from symact.catalog.registry import X
from symact.decide.certify import Search
from symact.decide.checked import METER_PER_WORK, WORK_PER_SECOND, check_claim
from symact.kernel import algebra, meter
from symact.kernel.evaluate import enclose, point
from symact.parsing import parse_claim, parse_expression
from symact.sympy_terms import from_sympy


def term(text: str):
    return from_sympy(parse_expression(text), X)


def test_an_enclosure_counts_one_unit_per_node_it_encloses():
    # exp(sin(x)): the nodes exp, sin and x; x e^(sin x) + x^2 cos x: add, two products, x three times, x^2,
    # exp, sin, cos (11 nodes)
    for text, nodes in (("exp(sin(x))", 3), ("x*exp(sin(x)) + x**2*cos(x)", 11)):
        before = meter.reading()
        enclose(term(text), point(Fraction(1)))
        assert meter.reading() - before == nodes


def test_an_expansion_counts_its_products():
    # (x + 1)(x + 1)(x + 2) multiplied out forms 2 * 2 * 2 = 8 products before they are collected
    x = sp.Symbol("x")
    before = meter.reading()
    algebra.Normalizer(term("x")).expand((x + 1) ** 2 * (x + 2))
    assert meter.reading() - before == 8 * meter.PER_PRODUCT


def test_a_search_ends_once_the_meter_has_counted_its_allowance():
    c = parse_claim("diff(sigmoid(x), x) <= 1/4")
    parts = from_sympy(c.raw_lhs, X), c.op, from_sympy(c.raw_rhs, X), list(c.domain)
    with limit(600):   # a CPU deadline far away: only the meter can end the second search
        before = meter.reading()
        verdict, _, _ = Search(*parts, work=10 ** 6).run()
        needed = meter.reading() - before
        cut = Search(*parts, work=10 ** 6, metered=needed // 4).run()
    assert verdict == "proved"
    assert cut[0] is None and cut[2] == "the search's work budget was spent before a certificate was found"


def test_check_pays_its_budget_from_the_meter():
    # the proof of sigmoid' <= 1/4 needs about 40,000 units: more than a budget of 0.5 s allows (7,500 units),
    # less than one of 4 s (60,000); the CPU deadline of 0.5 s is not what ends the first (it needs about 0.2 s
    # of CPU to use its units)
    claim = parse_claim("diff(sigmoid(x), x) <= 1/4")
    with limit(60):
        small = check_claim(claim, 0.5)
        large = check_claim(claim, 4.0)
    assert 0.5 * WORK_PER_SECOND * METER_PER_WORK == 15000
    assert small.status == "unknown" and "work budget" in small.reason
    assert large.status == "proved"


COUNT = """
import json
from symact.budget import limit
from symact.decide.checked import check_claim
from symact.kernel import meter
from symact.parsing import parse_claim
claim = parse_claim({text!r})
before = meter.reading()
with limit(600):
    v = check_claim(claim, {budget})
print(json.dumps([v.status, meter.reading() - before]))
"""


def counted(text: str, budget: float) -> list:
    done = subprocess.run([sys.executable, "-c", COUNT.format(text=text, budget=budget)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_search_counts_the_same_units_under_load():
    # the proof of d/dx gelu(x) <= its maximum + 10^-40 (1.1289...): about 200,000 units, some 3 s of CPU;
    # at budget 3 (90,000 units) it ends on the meter after about 1.5 s of CPU
    text = "diff(gelu(x), x) <= 1.12890414518515478634074444226197331233258701"
    idle = counted(text, 3.0), counted(text, 10.0)
    with hog(count=4):
        loaded = counted(text, 3.0), counted(text, 10.0)
    assert idle[0][0] == "unknown" and idle[1][0] == "proved"
    assert loaded == idle

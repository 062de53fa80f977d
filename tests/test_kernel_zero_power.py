"""0 to a real power (symact/kernel/evaluate.py, ``_off_domain``): b**e with b = 0 and e < 0 is 1/0^|e|, a
division by zero, so undefined; with e > 0 it is 0, and 0**0 = 1 (SymPy's convention).  A claim about 0**x on a
domain that reaches x < 0 is refuted at such a point; a certificate that names a point where the exponent is not
negative is rejected.  The truth is this reasoning, checked below with mpmath's own power."""
from __future__ import annotations

import mpmath
import pytest

from kernel_rules import assert_decided, assert_rejected
from symact.decide.checked import check_claim
from symact.parsing import parse_claim


def test_the_ground_truth():
    assert mpmath.power(0, mpmath.mpf("0.5")) == 0 and mpmath.power(0, 0) == 1
    with pytest.raises(ZeroDivisionError):  # mpmath refuses 0 to a negative power
        mpmath.power(mpmath.mpf(0), mpmath.mpf(-1) / 2)


@pytest.mark.parametrize("text", ["0**x == 0", "0**x >= 0 for x < 0", "continuous(0**x)",
                                  "(x - 1)**(x - 2) >= 0 for 1 <= x <= 3/2"])
def test_zero_to_a_negative_power_refutes(text):
    assert_decided(text, "refuted")


@pytest.mark.parametrize("text", ["0**x == 0 for x > 0", "0**x >= 0 for x >= 0"])
def test_a_claim_where_the_exponent_is_not_negative_is_never_refuted(text):
    assert check_claim(parse_claim(text), 3.0).status != "refuted"


@pytest.mark.parametrize("text, point", [("0**x == 0", "1/2"), ("continuous(0**x)", "1/2"),
                                         ("continuous(0**x)", "0")])  # 0**(1/2) = 0 = 0, 0**0 = 1 is defined
def test_a_point_with_a_non_negative_exponent_is_rejected(text, point, tmp_path):
    cert = check_claim(parse_claim(text), 3.0).certificate.data
    cert["proof"]["x" if "x" in cert["proof"] else "at"] = point
    assert_rejected(cert, tmp_path)

"""Shared checks of the tests of a kernel rule (tests/test_kernel_squeeze.py, tests/test_kernel_limit_conjugate.py,
tests/test_kernel_horner.py, ...): a claim decided through ``check`` with a certificate the kernel accepts again, and
a corrupted certificate rejected twice, by :func:`symact.kernel.check` in this process and by ``symact verify``
reading it from a file."""
import copy
import json

import pytest

from symact.decide.checked import check_claim
from symact.kernel import Rejected, check
from symact.kernel.verify import main as verify_main
from symact.parsing import parse_claim


def assert_decided(text: str, verdict: str) -> None:
    got = check_claim(parse_claim(text), 3.0)
    assert got.status == verdict, (text, got.reason)
    assert check(got.certificate.data)[0] == verdict


def assert_rejected(cert: dict, tmp_path) -> None:
    with pytest.raises(Rejected):
        check(cert)
    path = tmp_path / "cert.json"
    path.write_text(json.dumps({"status": cert["verdict"], "certificate": {"kind": "kernel", "data": cert}}))
    assert verify_main([str(path)]) == 1


def proved_certificate(text: str) -> dict:
    """The kernel certificate of a claim that ``check`` proves."""
    got = check_claim(parse_claim(text), 3.0)
    assert got.status == "proved", (text, got.reason)
    return got.certificate.data


def rejects_each(text: str, corruptions: dict):
    """A test that every corruption (name: a function that changes a certificate in place) of the certificate of
    the proved claim ``text`` is rejected, and so is the certificate with the other verdict."""
    cases = {**corruptions, "the other verdict": lambda c: c.update(verdict="refuted")}

    @pytest.mark.parametrize("name", cases)
    def test(name, tmp_path):
        cert = copy.deepcopy(proved_certificate(text))
        cases[name](cert)
        assert_rejected(cert, tmp_path)
    return test

"""Shared checks of the tests of a kernel rule (tests/test_kernel_squeeze.py, tests/test_kernel_limit_conjugate.py):
a claim decided through ``check`` with a certificate the kernel accepts again, and a corrupted certificate rejected
twice, by :func:`symact.kernel.check` in this process and by ``symact verify`` reading it from a file."""
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

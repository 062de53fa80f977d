"""The README smoke test: every command of the README's ```sh blocks runs for real and exits as documented.

Each command runs with ``bash -c`` in its own temporary directory (the repository's ``docs/`` and ``proofs/``
linked in, so the README's relative paths work and its outputs, ``out/`` and ``report.pdf``, land there), with
this interpreter's ``bin/`` first on PATH (``symact``, ``python``, ``pytest``).  The expected exit status is 0
unless the command's comment says ``# exit N: why`` (a refuted check, an audit that finds a defect).
In CI (``.ci/run``) this test runs right after ``pip install -e .`` and before any extra is installed, so it
shows that the quick start's first command alone is enough for every command shown.

Commands not run here are listed in :data:`SKIPPED` with the reason; a listed command that is no longer in the
README fails the test, so the list cannot go stale.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: seconds allowed per command (the slowest run, `symact audit --framework numpy`, takes 45-150 s)
TIMEOUT = 600

#: commands of the README that this test does not run, and why
SKIPPED = {
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && symact prove":
        ".ci/run performs exactly this install (python3 -m venv .venv, pip install -e .) before running this "
        "test; `symact prove` itself is run below",
    "bash .ci/run": "this test is part of .ci/run (it would run itself)",
    "symact audit scipy.special:expit -a sigmoid --exhaustive":
        "all 2^32 float32 inputs: 317 s on two cores (README, Benchmarks); benchmarks/audit_exhaustive.py",
}
#: files a command must leave behind (relative to its directory)
PRODUCES = {"symact report -o report.pdf": "report.pdf", "symact prove --latex out/": "out/sigmoid_range.tex"}


def readme_commands(text: str) -> list[tuple[str, int]]:
    """(command line, expected exit status) for every non-empty line of every ```sh block."""
    out = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            status = re.search(r"#\s*exit (\d+)", line)
            out.append((line, int(status.group(1)) if status else 0))
    return out


def command_part(line: str) -> str:
    """The command without its trailing ``# comment``."""
    return re.split(r"\s+#\s", line, maxsplit=1)[0].strip()


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))
TO_RUN = [(line, status) for line, status in COMMANDS if command_part(line) not in SKIPPED]


def test_the_readme_shows_commands_and_the_skip_list_is_current():
    shown = {command_part(line) for line, _ in COMMANDS}
    assert len(TO_RUN) >= 10
    assert not set(SKIPPED) - shown, f"skipped commands no longer in the README: {set(SKIPPED) - shown}"
    assert not set(PRODUCES) - shown, f"commands no longer in the README: {set(PRODUCES) - shown}"
    assert all(reason.strip() for reason in SKIPPED.values())


@pytest.mark.parametrize("line, status", TO_RUN, ids=[command_part(c)[:70] for c, _ in TO_RUN])
def test_readme_command(line, status, tmp_path):
    for name in ("docs", "proofs"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH", "")] if p)
    proc = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)
    tail = f"\n--- stdout ---\n{proc.stdout[-3000:]}\n--- stderr ---\n{proc.stderr[-3000:]}"
    assert proc.returncode == status, f"`{line}` exited {proc.returncode}, the README says {status}{tail}"
    assert "Traceback (most recent call last)" not in proc.stderr + proc.stdout, tail
    produced = PRODUCES.get(command_part(line))
    if produced:
        assert (tmp_path / produced).is_file(), f"`{line}` did not write {produced}{tail}"

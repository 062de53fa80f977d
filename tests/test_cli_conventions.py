"""The conventions every ``symact`` command follows, on the real command line (subprocesses): ``--version``,
examples and exit codes in ``--help``, colour and progress on a terminal only, hints for values that start
with '-', Unicode look-alikes named."""
from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

import symact
from symact.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
ESC = "\033["


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def symact_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    """The command line with stdout and stderr piped."""
    return subprocess.run([sys.executable, "-m", "symact", *args], capture_output=True, text=True, env=_env(**env),
                          timeout=300)


def on_terminal(*args: str, stream: str, **env: str) -> tuple[int, str, str]:
    """Run the command line with ``stream`` ("stdout" or "stderr") on a pseudo-terminal and the other piped:
    (exit status, what the terminal received, what the pipe received)."""
    leader, follower = pty.openpty()
    pipe = subprocess.PIPE
    proc = subprocess.Popen([sys.executable, "-m", "symact", *args], env=_env(**env),
                            stdout=follower if stream == "stdout" else pipe,
                            stderr=follower if stream == "stderr" else pipe)
    os.close(follower)
    received = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            raise AssertionError("no output from the command for 120 s")
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    piped = (proc.stderr if stream == "stdout" else proc.stdout).read()
    code = proc.wait(timeout=60)
    return code, received.decode(), piped.decode()


def test_version():
    res = symact_cli("--version")
    assert res.returncode == 0 and res.stdout.startswith(f"symact {symact.__version__} (Python ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_help_has_examples_and_exit_codes(command):
    res = symact_cli(command, "--help")
    assert res.returncode == 0
    text = res.stdout
    examples = text[text.index("\nexamples:\n"):text.index("\nexit codes: ")]
    assert f"  symact {command}" in examples          # runnable examples of this very command
    assert re.search(r"exit codes: 0 [^\n]+", text) and "2 usage error" in " ".join(text.split())
    assert text.count("exit codes:") == 1 and "exit status:" not in text    # documented once


def test_top_level_help_documents_exit_codes_and_colour():
    text = " ".join(symact_cli("--help").stdout.split())
    assert "exit codes (every command): 0 success; 1 a check or claim failed" in text
    assert "NO_COLOR=1" in text and "symact COMMAND --help" in text


def test_analyze_exit_code_is_one_when_a_property_stays_unknown():
    # a budget far too small for any proof leaves properties unknown whatever the deciders learn
    res = symact_cli("analyze", "--expr", "x + sin(x)", "--budget", "0.01")
    assert res.returncode == 1 and re.search(r"\bunknown\b", res.stdout)
    res = symact_cli("analyze", "relu")
    assert res.returncode == 0 and "unknown" not in res.stdout


# -- colour -------------------------------------------------------------------------------------------------------
REFUTED = ("check", "silu(x) >= -0.27")


def test_no_colour_when_piped():
    res = symact_cli(*REFUTED)
    assert res.returncode == 1 and res.stdout.startswith("REFUTED ") and ESC not in res.stdout


def test_colour_on_a_terminal_and_no_color_turns_it_off():
    code, out, _ = on_terminal(*REFUTED, stream="stdout")
    assert code == 1 and f"{ESC}31mREFUTED{ESC}0m" in out
    code, out, _ = on_terminal(*REFUTED, stream="stdout", NO_COLOR="1")
    assert code == 1 and "REFUTED" in out and ESC not in out


def test_force_color_colours_a_pipe_but_never_json():
    res = symact_cli("prove", "sigmoid_deriv_le_quarter", "swish_deriv_positive_source", FORCE_COLOR="1")
    assert res.returncode == 0
    assert f"{ESC}32mproved{ESC}0m" in res.stdout and f"{ESC}31mrefuted{ESC}0m" in res.stdout
    assert ESC not in symact_cli("check", "silu(x) >= -0.27", "--json", FORCE_COLOR="1").stdout
    assert ESC not in symact_cli(*REFUTED, FORCE_COLOR="1", NO_COLOR="1").stdout


def test_paint_leaves_prose_alone():
    from symact.cli.style import paint

    assert paint("unknown activation 'gleu'") == "unknown activation 'gleu'"
    assert paint("  range   unknown  budget spent") == f"  range   {ESC}33munknown{ESC}0m  budget spent"
    assert paint("PASS  values", enabled=False) == "PASS  values"


# -- progress -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args, label", [(("analyze", "relu"), "relu: "),
                                         (("prove", "sigmoid_deriv_le_quarter"), "claim 2/2: sigmoid_deriv_le_quarter")])
def test_progress_on_a_terminal_only(args, label):
    code, err, out = on_terminal(*args, stream="stderr")
    assert code == 0 and "\r[" in err and label in err and "%" in err
    assert err.endswith("\r")                               # the line is erased before the result is printed
    assert "\r" not in out and "%" not in out                 # stdout carries the result only
    res = symact_cli(*args)

    def untimed(text: str) -> str:
        return re.sub(r"\d+\.\d+ ?s\b", "", text)
    assert res.returncode == 0 and res.stderr == "" and untimed(res.stdout) == untimed(out)


def test_progress_of_the_table_rows_and_the_report(tmp_path, monkeypatch):
    from symact.progress import Progress
    from symact.report import build_report
    from symact.table import rows

    monkeypatch.setenv("SYMACT_CACHE", str(tmp_path / "cache"))
    buf = io.StringIO()
    rows(["relu", "sigmoid"], use_cache=False, jobs=1, progress=Progress(enabled=True, stream=buf))
    assert "property table: computing (0/2 rows)" in buf.getvalue()
    assert "100.0% property table: sigmoid (2/2 rows)" in buf.getvalue()
    buf = io.StringIO()
    build_report(tmp_path / "r.pdf", compile_pdf=False, include_table=False, plots=False,
                 ids=["sigmoid_deriv_le_quarter"], progress=Progress(enabled=True, stream=buf))
    shown = buf.getvalue()
    assert "report: claim 2/2: sigmoid_deriv_le_quarter" in shown and "report: LaTeX sources" in shown
    assert shown.index("report: figures") < shown.index("report: property table")


# -- values that start with '-' and look-alike characters ----------------------------------------------------------
def test_a_value_starting_with_a_dash_gets_a_hint_that_works():
    res = symact_cli("analyze", "--expr", "-x")
    assert res.returncode == 2 and res.stderr.count("\n") == 1
    assert "write --expr=-x" in res.stderr or "written --expr=-x" in res.stderr
    assert symact_cli("analyze", "--expr=-x").returncode == 0
    res = symact_cli("check", "-x<0")
    assert res.returncode == 2 and "symact check -- \"-x<0\"" in res.stderr and res.stderr.count("\n") == 1
    res = symact_cli("check", "--", "-x<0")
    assert res.returncode == 1 and res.stdout.startswith("REFUTED")


def test_unicode_look_alike_is_named():
    res = symact_cli("check", "\u0435xp(x) > 0")            # a Cyrillic 'е'
    assert res.returncode == 2 and res.stderr.count("\n") == 1
    assert "'\u0435' (U+0435 CYRILLIC SMALL LETTER IE) looks like Latin 'e'" in res.stderr
    res = symact_cli("analyze", "--expr", "x*tanh(\u03bfx)")  # a Greek omicron... inside a name
    assert res.returncode == 2 and "U+03BF GREEK SMALL LETTER OMICRON" in res.stderr


def test_a_reader_that_left_ends_the_command_quietly():
    read_end, write_end = os.pipe()
    os.close(read_end)                                     # like `symact list | head -0`
    proc = subprocess.run([sys.executable, "-m", "symact", "list"], stdout=write_end, stderr=subprocess.PIPE,
                          env=_env(), timeout=120)
    os.close(write_end)
    assert proc.returncode == 141 and proc.stderr == b""


def test_outputs_the_readme_writes_are_ignored_by_git():
    """Every file or folder a README command writes (-o, --plot, --latex, > FILE) is in .gitignore."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for block in re.findall(r"^```sh\n(.*?)^```", readme, flags=re.S | re.M)
                for line in block.splitlines()]
    written = {m.group(2) for line in commands
               for m in re.finditer(r"(\s-o|--plot|--latex|--output|>)\s+([\w./-]+)",
                                    re.sub(r'"[^"]*"', "", line.split(" # ")[0]))}   # claims' '>' are not files
    assert {"report.pdf", "out/", "gelu.svg", "cert.json"} <= written      # the pattern sees the README's outputs
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert [w for w in sorted(written) if f"/{w}" not in ignored] == []

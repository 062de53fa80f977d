"""A child process that decides claims with the real CLI: ``symact check --json --budget B -- CLAIM``.

Reads one JSON request per line on stdin (``{"id": ..., "claim": ..., "budget": ...}``) and answers one JSON line
per request on the stdout it was started with: ``{"id", "exit", "status", "detail", "seconds", "cpu"}`` (wall and
CPU seconds: the CPU time says what the claim costs on an idle machine).  Whatever symact
itself prints goes to the captured JSON (stdout of ``main``) or to stderr.  If symact kills the interpreter (a
SIGFPE inside SymPy, a RecursionError that escapes, running out of memory) the parent sees the pipe close and
records a crash for that claim; see soundness_runner.py.

Two optional request keys (the held-out cases, soundness_heldout.py): ``"verify": true`` re-checks the
certificate of a proved/refuted verdict with the kernel's verifier (``symact.kernel.verify.main``, what
``symact verify`` runs) and adds ``"verified"`` (its exit status, 0 = accepted) and ``"verify_detail"``;
``"analyze": [EXPR or NAME, --param values...]`` runs ``symact analyze --json`` instead of ``check`` and answers
``"status": "analyzed"`` with ``"properties"``: ``{name: {"status", "value", "strictly_monotonic"?,
"verified"?}}`` (each decided property's kernel certificate re-checked when ``verify`` is set).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import time


def _verify(obj: dict) -> tuple[int, str]:
    """The kernel verifier's exit status and output on one JSON object (a check verdict or a property)."""
    from symact.kernel.verify import main as verify_main

    out = io.StringIO()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(obj, f)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = verify_main([f.name])
    finally:
        os.unlink(f.name)
    return code, out.getvalue().strip()[-300:]


def _argv(request: dict) -> list[str]:
    budget = str(request["budget"])
    if "analyze" not in request:
        return ["check", "--json", "--budget", budget, "--", request["claim"]]
    what, *params = request["analyze"]
    target = [f"--expr={what}"] if "x" in what else [what]
    return ["analyze", "--json", "--budget", budget, *target, *(a for p in params for a in ("--param", p))]


def _properties(parsed: dict, verify: bool) -> dict:
    props = {}
    for name, p in parsed["properties"].items():
        props[name] = {"status": p["status"], "value": p.get("value")}
        if "strictly_monotonic" in p:
            props[name]["strictly_monotonic"] = p["strictly_monotonic"]
        cert = p.get("certificate") or {}
        if verify and p["status"] in ("proved", "refuted") and cert.get("kind") == "kernel":
            props[name]["verified"], props[name]["verify_detail"] = _verify({"certificate": cert})
    return props


def main() -> None:
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints from symact cannot corrupt the protocol
    from symact.cli import main as symact_main

    answers.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        out, err = io.StringIO(), io.StringIO()
        start, cpu = time.monotonic(), time.process_time()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = symact_main(_argv(request))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException as exc:  # noqa: BLE001  a traceback out of the CLI is a defect of this claim
                code = None
                err.write(f"{type(exc).__name__}: {exc}")
        answer = {"id": request["id"], "exit": code, "seconds": round(time.monotonic() - start, 3),
                  "cpu": round(time.process_time() - cpu, 3)}
        try:
            parsed = json.loads(out.getvalue())
            if "analyze" in request:
                answer["properties"] = _properties(parsed, request.get("verify", False))
                answer["status"] = "analyzed"
            else:
                answer["status"] = parsed["status"]
                if request.get("verify") and answer["status"] in ("proved", "refuted"):
                    answer["verified"], answer["verify_detail"] = _verify(parsed)
            answer["detail"] = ""
        except (ValueError, KeyError, TypeError):
            answer["status"] = "no-verdict"
            answer["detail"] = (err.getvalue().strip() or out.getvalue().strip())[-400:]
        answers.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()

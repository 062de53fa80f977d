"""A child process that decides claims with the real CLI: ``symact check --json --budget B -- CLAIM``.

Reads one JSON request per line on stdin (``{"id": ..., "claim": ..., "budget": ...}``) and answers one JSON line
per request on the stdout it was started with: ``{"id", "exit", "status", "detail", "seconds", "cpu"}`` (wall and
CPU seconds: the CPU time says what the claim costs on an idle machine).  Whatever symact
itself prints goes to the captured JSON (stdout of ``main``) or to stderr.  If symact kills the interpreter (a
SIGFPE inside SymPy, a RecursionError that escapes, running out of memory) the parent sees the pipe close and
records a crash for that claim; see soundness_runner.py.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time


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
                code = symact_main(["check", "--json", "--budget", str(request["budget"]), "--", request["claim"]])
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException as exc:  # noqa: BLE001  a traceback out of the CLI is a defect of this claim
                code = None
                err.write(f"{type(exc).__name__}: {exc}")
        answer = {"id": request["id"], "exit": code, "seconds": round(time.monotonic() - start, 3),
                  "cpu": round(time.process_time() - cpu, 3)}
        try:
            answer["status"] = json.loads(out.getvalue())["status"]
            answer["detail"] = ""
        except (ValueError, KeyError, TypeError):
            answer["status"] = "no-verdict"
            answer["detail"] = (err.getvalue().strip() or out.getvalue().strip())[-400:]
        answers.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()

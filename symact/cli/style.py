"""Colour for the command line's human-readable output: the status words, on a terminal only.

``echo(text)`` prints ``text`` with PASS/FAIL/PROVED/REFUTED/UNKNOWN (and the lower-case status columns of
``analyze`` and ``prove``) coloured when the stream is a terminal, and unchanged when it is piped or redirected.
``NO_COLOR`` (any non-empty value, https://no-color.org) turns colour off; ``FORCE_COLOR`` (non-empty, not
``0``) turns it on even when piped.  JSON output is never coloured: print it with :func:`print`.
"""
from __future__ import annotations

import os
import re
import sys
from typing import TextIO

GREEN, RED, YELLOW, DIM, RESET = "\033[32m", "\033[31m", "\033[33m", "\033[2m", "\033[0m"

#: status word -> colour.  Upper-case words anywhere; lower-case ones only as a column (two spaces
#: after them), so that prose such as "unknown activation" stays plain.
_COLOURS = {"PROVED": GREEN, "PASS": GREEN, "CONFORMS": GREEN, "OK": GREEN, "ok": GREEN, "proved": GREEN,
            "REFUTED": RED, "FAIL": RED, "FAILS": RED, "BAD": RED, "refuted": RED,
            "UNKNOWN": YELLOW, "INTERRUPTED": YELLOW, "unknown": YELLOW, "SKIP": DIM}
_UPPER = re.compile(r"\b(PROVED|REFUTED|UNKNOWN|PASS|FAILS|FAIL|CONFORMS|INTERRUPTED|SKIP|BAD|OK)\b")
_COLUMN = re.compile(r"(?:^|(?<=\s))(proved|refuted|unknown|ok)(?=\s\s)", re.MULTILINE)


def colour_enabled(stream: TextIO | None = None) -> bool:
    """Whether to colour text written to ``stream`` (default stdout)."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    stream = sys.stdout if stream is None else stream
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, enabled: bool = True) -> str:
    """``text`` with its status words coloured (unchanged when not ``enabled``)."""
    if not enabled:
        return text

    def colour(match: re.Match) -> str:
        word = match.group(1)
        return f"{_COLOURS[word]}{word}{RESET}"

    return _COLUMN.sub(colour, _UPPER.sub(colour, text))


def echo(text: str, stream: TextIO | None = None) -> None:
    """Print human-readable ``text`` to ``stream`` (default stdout), coloured on a terminal."""
    stream = sys.stdout if stream is None else stream
    print(paint(text, colour_enabled(stream)), file=stream)

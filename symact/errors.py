"""Exceptions for bad user input.

Every public entry point that takes text, names, parameters or callables from a user raises one of these
with a one-line message; the CLI prints the message and exits with status 2.  "Could not decide" is never an
exception: deciders return an ``unknown`` verdict instead.
"""
from __future__ import annotations

import difflib
import unicodedata


class SymactError(Exception):
    """Base class: a user-facing error with a one-line message."""


class UnknownActivationError(SymactError, KeyError):
    """A name that is not in the catalog (the message suggests close matches)."""

    def __init__(self, name: str, known: list[str], hint: str | None = None):
        close = difflib.get_close_matches(unicodedata.normalize("NFKC", str(name)).lower(), known, n=3, cutoff=0.6)
        if hint is None:
            hint = f"did you mean {', '.join(close)}?" if close else "run `symact list` to see the catalog"
        super().__init__(f"unknown activation {name!r}; {hint}")
        self.name = name
        self.suggestions = close

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.args[0]


class ParameterError(SymactError, ValueError):
    """A parameter that is unknown, of the wrong type, or violates its assumption."""


class ExpressionError(SymactError, ValueError):
    """User text that the restricted parser rejects."""

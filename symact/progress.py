"""A one-line progress bar on stderr, shown only on a terminal: nothing when stderr is piped or redirected.

Long work (the audit's stages and exhaustive streams, the cold property table, ``prove``, ``report``, a slow
``analyze``) reports ``update(label, done, total)``; the CLI passes a :class:`Progress` (``--json`` output
passes a disabled one) and the library takes ``None`` for silence.  ``close()`` (or leaving a ``with`` block)
erases the line, so stdout and stderr read as if no bar had been shown.
"""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, enabled: bool | None = None, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.width = width
        self._last = 0.0
        self._label = None
        self._shown = False

    def update(self, label: str, done: float, total: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total and label == self._label:
            return  # at most ten redraws a second, but a new stage or item shows at once
        self._last, self._label = now, label
        frac = 0.0 if total <= 0 else min(1.0, done / total)
        n = int(frac * self.width)
        self.stream.write(f"\r[{'#' * n}{' ' * (self.width - n)}] {frac * 100:5.1f}% {label[:60]:<60}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * (self.width + 70) + "\r")
            self.stream.flush()
            self._shown = False

    def part(self, index: int, count: int, prefix: str = "") -> "Part":
        """The progress of part ``index`` (from 0) of ``count`` equal parts of this work."""
        return Part(self, index, count, prefix)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Part:
    """One of ``count`` equal parts of a :class:`Progress`: ``update(label, done, total)`` moves the whole bar
    within the part's share, with ``prefix`` before the label."""

    def __init__(self, whole: Progress, index: int, count: int, prefix: str = ""):
        self.whole, self.index, self.count, self.prefix = whole, index, count, prefix

    def update(self, label: str, done: float, total: float) -> None:
        frac = 0.0 if total <= 0 else min(1.0, done / total)
        self.whole.update(self.prefix + label, self.index + frac, self.count)


class Quiet(Progress):
    def __init__(self):
        super().__init__(enabled=False)

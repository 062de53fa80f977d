"""A minimal progress bar on stderr: shown only on a terminal and when not quiet (e.g. under --json)."""
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
        self._shown = False

    def update(self, label: str, done: float, total: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
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


class Quiet(Progress):
    def __init__(self):
        super().__init__(enabled=False)

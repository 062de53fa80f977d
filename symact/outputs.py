"""Where a command writes: a file or folder named on the command line, checked before any work is done, so a
name that cannot be written is one line and exit 2 (:class:`ParameterError`), never a traceback at the end.

Whether the system lets this process write there is found out by trying, not from the permission bits (which
say nothing for root, a read-only or immutable file system, /proc or /sys): an existing file is opened for
writing (not truncated); a new file is created and removed at once; a folder gets a file (or a new folder, in
the folder above it) made and removed.  Nothing is left behind."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from symact.errors import ParameterError


def output_file(path: str | Path, suffixes: tuple[str, ...], what: str, make_folder: bool = False) -> Path:
    """``path`` as a file to (over)write: not empty, ending in one of ``suffixes``, not a folder, in an
    existing folder this process may write into (``make_folder``: in a folder :func:`output_folder` accepts,
    which the command creates).  ``what`` names it in the message (``the plot file``)."""
    text = str(path)
    if not text.strip():
        raise ParameterError(f"{what} is an empty name; give a file ending in {', '.join(suffixes)}")
    out = Path(text)
    if out.is_dir():
        raise ParameterError(f"{what} {text!r} is a folder; give a file ending in {', '.join(suffixes)}")
    if out.suffix.lower() not in suffixes:
        raise ParameterError(f"{what} must end in {', '.join(suffixes)}, not {out.name!r}")
    if make_folder:
        output_folder(out.parent, f"the folder of {what}")
    elif not out.parent.is_dir():
        raise ParameterError(f"no folder {str(out.parent)!r} to write {out.name!r} into")
    if out.parent.is_dir():
        _tried(lambda: _open_file(out), what, text)
    return out


def output_folder(path: str | Path, what: str) -> Path:
    """``path`` as a folder to write into (created with its parents when missing): not empty, not a file, and
    under a folder this process may write into."""
    text = str(path)
    if not text.strip():
        raise ParameterError(f"{what} is an empty name; give a folder")
    out = Path(text)
    if out.exists() and not out.is_dir():
        raise ParameterError(f"{what} {text!r} is a file, not a folder")
    existing = next(p for p in (out, *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise ParameterError(f"{what} {text!r} cannot be made: {str(existing)!r} is a file, not a folder")
    if existing == out.absolute():
        _tried(lambda: _remove(*tempfile.mkstemp(dir=out, prefix=".symact-")), what, text)
    else:
        _tried(lambda: os.rmdir(tempfile.mkdtemp(dir=existing, prefix=".symact-")), what, text)
    return out


def _tried(attempt: Callable[[], None], what: str, text: str) -> None:
    try:
        attempt()
    except OSError as exc:
        raise ParameterError(f"{what} {text!r} cannot be written ({exc.strerror or exc})") from None


def _open_file(out: Path) -> None:
    """Open ``out`` for writing as the command will, leaving it as it was (a file made here is removed)."""
    if out.exists() or out.is_symlink():
        if out.is_file():           # a device or a pipe named on purpose is the user's business
            os.close(os.open(out, os.O_WRONLY | os.O_NONBLOCK))
        return
    _remove(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), out)


def _remove(fd: int, path: str | Path) -> None:
    os.close(fd)
    os.unlink(path)

"""Where a command writes: a file or folder named on the command line, checked before any work is done, so a
name that cannot be written is one line and exit 2 (:class:`ParameterError`), never a traceback at the end."""
from __future__ import annotations

import os
from pathlib import Path

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
    if (out.parent.is_dir() and not os.access(out.parent, os.W_OK)) or (out.exists() and not os.access(out, os.W_OK)):
        raise ParameterError(f"{what} {text!r} cannot be written (permission denied)")
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
    if not os.access(existing, os.W_OK):
        raise ParameterError(f"{what} {text!r} cannot be written (permission denied)")
    return out

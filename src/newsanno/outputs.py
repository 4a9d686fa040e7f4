"""Where a command may write. Every output a user names (a file or a folder) is checked here
before anything is written, and a location the system will not let us create is reported
here too, always as one ``bad-output`` problem naming the path and the reason.

An output is refused when it is the wrong kind of thing (a folder where a file is wanted, a
file where a folder is wanted, a path below a file, a symbolic link to nothing), and when it
is, lies inside, or holds an input that the same command reads: writing there would overwrite
that input or leave files in it. Paths are compared resolved, symbolic links included.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import NewsannoError, fail


def output_file(path: Path, inputs: Iterable[Path | None] = ()) -> Path:
    """``path`` when a file can be written there, apart from ``inputs``."""
    _check_kind(path, folder=False)
    check_apart(path, inputs)
    return path


def output_folder(path: Path, inputs: Iterable[Path | None] = ()) -> Path:
    """``path`` when it is a folder or can become one, apart from ``inputs``."""
    _check_kind(path, folder=True)
    check_apart(path, inputs)
    return path


def check_apart(target: Path, inputs: Iterable[Path | None]) -> None:
    """Refuse ``target`` when it is, lies inside or holds one of the existing ``inputs``."""
    where = _resolved(target)
    for given in inputs:
        if given is None or not given.exists():
            continue
        source = _resolved(given)
        if where == source:
            reason = f"it is the input {given}, which this command reads"
        elif source in where.parents:
            reason = f"it lies inside the input {given}, which this command reads"
        elif where in source.parents:
            reason = f"it holds the input {given}, which this command reads; choose a place apart"
        else:
            continue
        raise fail("bad-output", path=str(target), reason=reason)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a link loop: Python < 3.13 raises RuntimeError
        raise fail(
            "bad-output", path=str(path), reason="it goes through a symbolic link loop"
        ) from None


@contextmanager
def creating(path: Path) -> Iterator[None]:
    """Turn a refusal of the system to create or replace ``path`` (no such folder, no
    permission, a read-only file system) into a ``bad-output`` problem."""
    try:
        yield
    except OSError as e:
        raise cannot_write(path, e) from None


@contextmanager
def new_folders_undone(folder: Path) -> Iterator[None]:
    """``folder`` and those of its parents that do not exist yet are removed again (when empty)
    if the block fails, so that a refused run leaves no folder it made."""
    missing = []
    for path in (folder, *folder.parents):
        if os.path.lexists(path):
            break
        missing.append(path)
    try:
        yield
    except BaseException:
        for path in missing:  # the deepest first
            try:
                path.rmdir()
            except OSError:
                break  # not empty (another process wrote there) or not ours to remove
        raise


def cannot_write(path: Path, error: OSError) -> NewsannoError:
    reason = error.strerror or str(error)
    if error.filename is not None and str(error.filename) != str(path):
        reason = f"{reason}: {error.filename}"
    return fail("bad-output", path=str(path), reason=reason)


def _check_kind(path: Path, *, folder: bool) -> None:
    if path.is_symlink() and not path.exists():
        raise fail("bad-output", path=str(path), reason="it is a symbolic link to nothing")
    if folder and path.exists() and not path.is_dir():
        raise fail("bad-output", path=str(path), reason="it is a file, and a folder is wanted")
    if not folder and path.is_dir():
        raise fail("bad-output", path=str(path), reason="it is a folder, and a file is wanted")
    if not folder and path.exists() and not path.is_file():
        reason = "it is a device or another special file, and a regular file is wanted"
        raise fail("bad-output", path=str(path), reason=reason)
    for parent in path.absolute().parents:
        if parent.exists() and not parent.is_dir():
            reason = f"it is below {parent}, which is a file"
            raise fail("bad-output", path=str(path), reason=reason)
    existing = path if folder and path.is_dir() else path.absolute().parent
    while not existing.exists():
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise fail("bad-output", path=str(path), reason=f"{existing} is not writable")

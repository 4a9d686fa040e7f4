"""The one place where a name that comes from data becomes a path.

Corpora, releases and prediction files come from other people, and the names they carry (split
names in a manifest, document ids, versions, config names) end up in file names. A name is used
only when it matches the safe pattern in full (``re.fullmatch``: ``$`` would let a trailing
newline through), and a path built from it, or met on disk, is used only when it resolves inside
its root: no ``..``, no absolute path, no symbolic link leads out of a corpus or a release.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import fail

# Letters, digits, '-' and '_', starting with a letter or digit: the document-id alphabet.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
# X.Y.Z, each part at most nine digits: a version names release folders
VERSION = re.compile(r"(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})")
NAME_RULE = "use letters, digits, '-' and '_' only (at most 128), starting with a letter or digit"


def is_safe_name(value: object) -> bool:
    return isinstance(value, str) and SAFE_NAME.fullmatch(value) is not None


def is_version(value: object) -> bool:
    return isinstance(value, str) and VERSION.fullmatch(value) is not None


def check_name(value: object, what: str, *, file: str = "") -> str:
    """``value`` when it is a safe name, else an ``unsafe-name`` problem naming ``what``."""
    if not is_safe_name(value):
        raise fail("unsafe-name", file=file, what=what, value=value, reason=NAME_RULE)
    return value  # type: ignore[return-value]


def check_version(value: object, *, file: str = "") -> str:
    if not is_version(value):
        raise fail("bad-version", file=file, value=value)
    return value  # type: ignore[return-value]


def escapes(root: Path, path: Path) -> bool:
    """True when ``path`` resolves outside ``root`` (through '..', an absolute part or a link);
    a link loop is an ``unreadable-file`` problem.

    Cheap for the common case: a path whose file and folder are no links, below ``root``
    lexically, stays inside it."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = None
    if (
        rel is not None
        and ".." not in rel.parts
        and not os.path.islink(path)
        and not os.path.islink(path.parent)
    ):
        return False
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (RuntimeError, OSError):  # a link loop: Python < 3.13 raises RuntimeError
        raise fail("unreadable-file", file=str(path), reason="a symbolic link loop") from None


def inside(root: Path, path: Path, *, file: str = "") -> Path:
    """``path`` when it stays inside ``root``, else an ``outside-root`` problem."""
    if escapes(root, path):
        raise fail("outside-root", file=file or str(path), path=str(path), root=str(root))
    return path


def read_inside(root: Path, path: Path) -> bytes:
    """The bytes of a regular file inside ``root``; a link out of it is refused (``outside-root``),
    and so is anything that is not a regular file, such as a FIFO that would block."""
    inside(root, path)
    return read_regular(path)


def read_regular(path: Path) -> bytes:
    """The bytes of ``path`` when it is a regular file; a FIFO, a device or a folder is an
    ``OSError`` ("not a regular file") at once: opened without blocking, checked before read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(21, "not a regular file", str(path))
        return f.read()


def no_link(path: Path) -> Path:
    """``path`` when it is not a symbolic link: a file or folder newsanno writes is never
    written through a link someone left in its place."""
    if path.is_symlink():
        raise fail("outside-root", file=str(path), path=str(path), root=str(path.parent))
    return path


def write_no_follow(path: Path, data: bytes) -> None:
    """Write ``path`` (created or truncated), refusing a symbolic link in its place."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    except OSError as e:
        if os.path.islink(path):
            raise fail("outside-root", path=str(path), root=str(path.parent)) from None
        raise e
    with os.fdopen(fd, "wb") as f:
        f.write(data)

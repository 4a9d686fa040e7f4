"""Files replaced atomically: a temporary file beside the target replaces it only when the
whole content was written, so an interrupted run never leaves a truncated file or loses the
previous version. Every writer in the package goes through here."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .outputs import creating


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_output(path) as f:
        f.write(data)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path`` through: a temporary file beside it that replaces ``path`` only
    when the block ends without an exception. An existing ``path`` is never truncated by a
    failed run (a typo in an input, an invalid document, Ctrl-C)."""
    with creating(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes files private; corpus files are meant to be shared
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        with creating(path):
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A hidden folder to write a folder's files into: they reach ``out`` only when the block
    ends without an exception, so a run that fails partway (an invalid document in the middle
    of a corpus, a full disk) leaves no folder it made and no file it replaced. A new ``out``
    is staged beside where it will be and appears whole (one rename); an existing one is
    staged inside itself and gets the files one by one."""
    target = Path(os.path.abspath(out))
    fresh = not target.exists()
    home = target.parent if fresh else target
    with creating(out):
        home.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(dir=home, prefix=f".{target.name}."))
    try:
        os.chmod(stage, 0o755)  # mkdtemp makes folders private, as mkstemp does files
        yield stage
        with creating(out):
            if fresh:
                os.rename(stage, target)
                return
            for entry in sorted(stage.iterdir()):
                os.replace(entry, target / entry.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)

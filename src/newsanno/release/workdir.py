"""The hidden directory a release is built in, and its lock.

Each build holds an exclusive ``flock`` on ``<workdir>.lock`` while it works. The kernel drops
the lock when the process dies, even by SIGKILL, so the next build can tell an abandoned
directory (lock free) from one that a concurrent build is still filling (lock held) and remove
only the former. The lock file appears under its final name already locked (locked under a
temporary name, then renamed), so no build ever sees a live directory's lock free.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

LOCK_SUFFIX = ".lock"


class Workdir:
    def __init__(self, out: Path, name: str) -> None:
        out.mkdir(parents=True, exist_ok=True)
        remove_abandoned(out, name)
        self.path = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out))
        self.lock = self.path.with_name(self.path.name + LOCK_SUFFIX)
        pending = self.path.with_name(self.path.name + ".locking")
        self._fd = os.open(pending, os.O_CREAT | os.O_WRONLY, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        os.rename(pending, self.lock)

    def close(self) -> None:
        """Remove the directory (if it was not published) and its lock."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.lock.unlink(missing_ok=True)
        os.close(self._fd)


def remove_abandoned(out: Path, name: str) -> list[Path]:
    """Work directories of builds of ``name`` that died; those of live builds stay."""
    removed = []
    for lock in sorted(out.glob(f".{name}.*{LOCK_SUFFIX}")):
        try:
            fd = os.open(lock, os.O_WRONLY)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        workdir = lock.with_name(lock.name.removesuffix(LOCK_SUFFIX))
        shutil.rmtree(workdir, ignore_errors=True)
        lock.unlink(missing_ok=True)
        os.close(fd)
        removed.append(workdir)
    return removed

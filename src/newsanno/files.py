"""Files replaced atomically: a temporary file beside the target replaces it only when the
whole content was written, so an interrupted run never leaves a truncated file or loses the
previous version. Every writer in the package goes through here."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import fail
from .outputs import creating, new_folders_undone


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file's bytes, read a megabyte at a time."""
    with path.open("rb") as f:
        return sha256_stream(f)


def sha256_stream(f: BinaryIO) -> str:
    """The hex sha256 of what is left to read in ``f``, a megabyte at a time."""
    h = hashlib.sha256()
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
    return h.hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_output(path) as f:
        f.write(data)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path`` through: a temporary file beside it that replaces ``path`` only
    when the block ends without an exception. An existing ``path`` is never truncated by a
    failed run (a typo in an input, an invalid document, Ctrl-C)."""
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        with creating(path):
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _temporary_beside(path: Path) -> tuple[int, str]:
    """An open temporary file in ``path``'s folder (made when missing), to be renamed over it."""
    with creating(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(fd, 0o644)  # mkstemp makes files private; corpus files are meant to be shared
    return fd, tmp


def write_together(files: Iterable[tuple[Path, bytes]]) -> None:
    """Write every file or none: each goes to a temporary file beside its target, and the
    targets are replaced only once all of them were written, so a run that fails or is
    interrupted while writing (a folder in a file's place, a full disk, Ctrl-C) changes no
    target. ``files`` may be a generator: a check it raises before yielding a path (that the
    path stays inside a corpus) stops the run before anything is replaced."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            if os.path.isdir(path) and not os.path.islink(path):  # no file could replace it
                raise fail("bad-output", path=str(path), reason=_FOLDER_IN_PLACE)
            fd, tmp = _temporary_beside(path)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        with _uninterrupted():
            for tmp, path in staged:
                with creating(path):
                    os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def _moves(stage: Path, target: Path) -> list[tuple[Path, Path]]:
    """(staged entry, its place) for each file of the staged tree, and each folder not at its
    place yet; refused when a file would replace a folder, or a folder a file or a link."""
    moves = []
    for entry in sorted(stage.iterdir()):
        place = target / entry.name
        folder_there = os.path.isdir(place) and not os.path.islink(place)
        if entry.is_dir() and folder_there:
            moves += _moves(entry, place)
        elif folder_there:
            raise fail("bad-output", path=str(place), reason=_FOLDER_IN_PLACE)
        elif entry.is_dir() and os.path.lexists(place):
            raise fail("bad-output", path=str(place), reason=_FILE_IN_PLACE)
        else:
            moves.append((entry, place))
    return moves


_FOLDER_IN_PLACE = "it is a folder, and a file is wanted"
_FILE_IN_PLACE = "it is a file or a link, and a folder is wanted"
_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends (the renames that make a change whole take
    milliseconds), then reach the handler in force as usual. Python runs signal handlers in
    the main thread whichever thread the system chose, so swapping the handlers is enough."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {stop: signal.signal(stop, lambda n, _: caught.append(n)) for stop in _STOPS}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, signal.SIG_DFL if handler is None else handler)
        if caught:
            signal.raise_signal(caught[0])


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A hidden folder to write a folder's files into: they reach ``out`` only when the block
    ends without an exception, so a run that fails partway (an invalid document in the middle
    of a corpus, a full disk) leaves no folder it made and no file it replaced. A new ``out``
    is staged beside where it will be and appears whole (one rename); an existing one is
    staged inside itself and gets the files one by one, into the folders already there: a
    file of another name stays, whoever wrote it."""
    target = Path(os.path.abspath(out))
    fresh = not target.exists()
    home = target.parent if fresh else target
    with new_folders_undone(home):
        with creating(out):
            home.mkdir(parents=True, exist_ok=True)
            if not fresh:  # a run killed while ``out`` was still to be made staged beside it
                remove_abandoned(target.parent, target.name)
            folder = LockedFolder(home, target.name)
        stage = folder.path
        try:
            os.chmod(stage, 0o755)  # LockedFolder makes it private, as mkstemp does files
            yield stage
            # found before any file is replaced: no mix of new and old
            moves = _moves(stage, target)
            with creating(out), _uninterrupted():
                if fresh:
                    os.rename(stage, target)
                    return
                for entry, place in moves:
                    os.replace(entry, place)
        finally:
            folder.close()


LOCK_SUFFIX = ".lock"
_PENDING = ".locking"  # a lock file's name until it is locked and marked
_MARK = b"newsanno work folder\n"  # what a lock file of ours holds: no other file is taken for one


class LockedFolder:
    """A hidden folder ``.<name>.<random>`` in ``home`` to work in, and its lock.

    The process holds an exclusive ``flock`` on ``<folder>.lock`` while it works. The kernel
    drops the lock when the process dies, even by SIGKILL, so the next one working on ``name``
    there can tell an abandoned folder (lock free) from one that a live process is still
    filling (lock held), and removes only the former. The lock file appears under its final
    name already locked (locked under a temporary name, then renamed), so no process ever sees
    a live folder's lock free."""

    def __init__(self, home: Path, name: str) -> None:
        remove_abandoned(home, name)
        # the lock first, the folder after: a process killed in between leaves a lock that
        # the next one removes, never a folder without one
        self._fd, pending = tempfile.mkstemp(prefix=f".{name}.", suffix=_PENDING, dir=home)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            os.write(self._fd, _MARK)
            os.fchmod(self._fd, 0o644)
            self.path = Path(pending.removesuffix(_PENDING))
            self.lock = self.path.with_name(self.path.name + LOCK_SUFFIX)
            os.rename(pending, self.lock)
            os.mkdir(self.path, 0o700)
        except BaseException:
            os.close(self._fd)
            raise

    def close(self) -> None:
        """Remove the folder (what is still in it) and its lock."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.lock.unlink(missing_ok=True)
        os.close(self._fd)


def remove_abandoned(home: Path, name: str) -> list[Path]:
    """The work folders of ``name`` in ``home`` whose process died, removed; those of live
    processes stay, and so does anything whose lock file is not one of ours."""
    removed = []
    prefix = f".{name}."
    for entry in sorted(os.listdir(home)):
        suffix = next((s for s in (LOCK_SUFFIX, _PENDING) if entry.endswith(s)), None)
        if suffix is None or not entry.startswith(prefix):
            continue
        lock = home / entry
        try:
            fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue  # gone, a link, not ours to open
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                continue  # a FIFO, a device: no lock of ours
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.pread(fd, len(_MARK) + 1, 0) != _MARK:
                continue  # a file of that name that no work folder wrote
            if suffix == LOCK_SUFFIX:  # a pending lock has no folder yet
                folder = lock.with_name(entry.removesuffix(suffix))
                if not folder.is_symlink():
                    shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            lock.unlink(missing_ok=True)
        except OSError:
            continue  # held by a live process (BlockingIOError), or unreadable
        finally:
            os.close(fd)
    return removed

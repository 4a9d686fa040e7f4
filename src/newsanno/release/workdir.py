"""The hidden directory a release is built in and the publishing stage: the finished
directory renamed into place, so a failed or interrupted build leaves no release. The directory
is a :class:`~newsanno.files.LockedFolder`: a build that died, even by SIGKILL, leaves one that
the next build removes.
"""

from __future__ import annotations

import filecmp
import os
from pathlib import Path
from types import TracebackType

from ..errors import fail
from ..files import LockedFolder
from ..outputs import creating


class Workdir:
    def __init__(self, out: Path, name: str) -> None:
        with creating(out):
            out.mkdir(parents=True, exist_ok=True)
            self._folder = LockedFolder(out, name)
        self.path = self._folder.path
        self.lock = self._folder.lock

    def __enter__(self) -> Workdir:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Remove the directory (if it was not published) and its lock."""
        self._folder.close()

    def publish(self, final: Path, version: str) -> bool:
        """Rename the finished build into place; False when the same release already exists.

        ``rename`` refuses to replace a non-empty directory, so of two builds finishing at once
        one publishes and the other finds the release there and compares it."""
        for path in self.path.rglob("*"):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.chmod(self.path, 0o755)
        if final.is_symlink():
            raise fail("outside-root", path=str(final), root=str(final.parent))
        if final.exists() and not final.is_dir():
            raise fail("bad-output", path=str(final), reason="a file is there, not a release")
        if _vacant(final):
            try:
                os.rename(self.path, final)  # an empty directory is replaced
                return True
            except OSError:
                if _vacant(final):
                    raise
        if same_tree(self.path, final):
            return False
        if not (final / "SHA256SUMS").is_file():
            reason = "the folder holds files that are not a release: move them or choose --out"
            raise fail("bad-output", path=str(final), reason=reason)
        raise fail("release-exists", path=str(final), version=version)


def _vacant(path: Path) -> bool:
    """Nothing there, or an empty directory: a place the release can be renamed into."""
    return not path.exists() or (path.is_dir() and next(path.iterdir(), None) is None)


def same_tree(a: Path, b: Path) -> bool:
    """True when ``b`` holds exactly the regular files of ``a``, byte for byte: an existing
    release counts as unchanged only by its content, never by its checksum file alone."""

    def files(root: Path) -> dict[str, Path] | None:
        found = {}
        for dirpath, dirnames, filenames in os.walk(root):
            for name in [*dirnames, *filenames]:
                path = Path(dirpath, name)
                if path.is_symlink() or not (path.is_dir() or path.is_file()):
                    return None
                if path.is_file():
                    found[path.relative_to(root).as_posix()] = path
        return found

    if b.is_symlink() or not b.is_dir():
        return False
    mine, theirs = files(a), files(b)
    if mine is None or theirs is None or mine.keys() != theirs.keys():
        return False
    return all(filecmp.cmp(mine[k], theirs[k], shallow=False) for k in mine)

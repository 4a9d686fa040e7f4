"""What an export wrote, recorded beside it, so that exporting again into the same folder tells
a file an annotator changed since (work to keep) from one the corpus changed (to refresh), and
drops the files of documents no longer in the corpus."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson

from ..errors import NewsannoError, Problem, problem
from ..files import sha256_file, sha256_stream

RECORD = ".newsanno-export"  # JSON; no suffix, so that no importer reads it as a source
_MAX_RECORD = 256 << 20  # bytes: a line of about a hundred per file exported
_MAX_STALE = 1 << 30  # bytes: a larger file named by the record is never read, nor removed


def keep_edits(out: Path, stage: Path, replace: bool, source: dict[str, str]) -> list[Problem]:
    """Refuse (``export-edited``) or, with ``replace``, report (``export-replaced``) each file
    of ``out`` the export in ``stage`` would change and that differs from what the last export
    wrote there; then record the staged files and ``source`` (format and corpus). A folder
    without a record (another program's files, an export made before the record) counts every
    such file as changed.

    Then the files the last export of the same format and corpus wrote and this one does not
    (a document since removed from the corpus) go, if unchanged since; one changed since stays
    (``export-kept``), with the other files of its document. This runs before the export's
    files are moved in: a removal that fails stops the export with the old record in place."""
    root = Path(os.path.abspath(out))  # where ``staged_folder`` moves the files
    written = {
        path.relative_to(stage).as_posix(): sha256_file(path)
        for path in sorted(stage.rglob("*"))
        if path.is_file()
    }
    before, made_by = _record(root)
    edited = []
    for name, digest in written.items():
        place = root / name
        if place.is_file() and not place.is_symlink():
            now = sha256_file(place)
            if now != digest and now != before.get(name):
                edited.append(place)
    code = "export-replaced" if replace else "export-edited"
    problems = [problem(code, file=str(place)) for place in edited]
    if problems and not replace:
        raise NewsannoError(problems)
    record = {**source, "files": written}
    (stage / RECORD).write_bytes(orjson.dumps(record, option=orjson.OPT_INDENT_2) + b"\n")
    if made_by == source:
        gone = {name: digest for name, digest in before.items() if name not in written}
        problems += _remove_unchanged(root, gone)
    return problems


def _remove_unchanged(root: Path, gone: dict[str, str]) -> list[Problem]:
    """Remove the files ``gone`` names that still hold what was recorded. Every step is taken
    relative to the folder opened once, on names without a slash, never through a link: the
    record lies in a folder others may write to, and what they put there must never reach a
    file elsewhere."""
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        now = {name: _digest(folder, name) for name in gone}
        edited = {_stem(name) for name, d in now.items() if d is not None and d != gone[name]}
        problems = []
        for name in sorted(gone):
            if now[name] is None:
                continue  # removed already, or nothing an export wrote
            if _stem(name) in edited:
                problems.append(problem("export-kept", file=str(root / name)))
            elif _digest(folder, name) == gone[name]:  # read again: an edit saved since stays
                os.unlink(name, dir_fd=folder)  # a link put in its place is removed, not followed
    finally:
        os.close(folder)
    return problems


def _digest(folder: int, name: str) -> str | None:
    """The sha256 of the regular file ``name`` in ``folder``; None for anything else (missing,
    a link, a FIFO, larger than a file an export writes)."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size > _MAX_STALE:
            return None
        return sha256_stream(f)


def _stem(name: str) -> str:
    """What the files of one document share: brat's ``a.ann`` and ``a.txt`` go together."""
    return name.rsplit(".", 1)[0]


def _plain_name(name: str) -> bool:
    """A file name an export writes: no folder part, no dot file, nothing a system refuses."""
    return 0 < len(name) <= 255 and "/" not in name and "\0" not in name and name[0] != "."


def _record(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The last export's files and what made them (format and corpus); nothing when there is
    no record or it is not one. Only a regular file of a bounded size is read: a FIFO would
    block, a link to ``/dev/zero`` never end."""
    path = root / RECORD
    try:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size > _MAX_RECORD:
            return {}, {}
        record = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}, {}
    if not isinstance(record, dict):
        return {}, {}
    files = record.get("files")
    if not isinstance(files, dict):  # the first records held the files alone: edits are kept,
        return {k: v for k, v in record.items() if isinstance(v, str)}, {}  # nothing removed
    made_by = {k: v for k, v in record.items() if k != "files" and isinstance(v, str)}
    return {k: v for k, v in files.items() if isinstance(v, str) and _plain_name(k)}, made_by

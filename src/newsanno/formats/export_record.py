"""What an export wrote, recorded beside it, so that exporting again into the same folder tells
a file an annotator changed since (work to keep) from one the corpus changed (to refresh)."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

import orjson

from ..errors import NewsannoError, Problem, problem
from ..files import sha256_file

RECORD = ".newsanno-export"  # JSON; no suffix, so that no importer reads it as a source
_MAX_RECORD = 256 << 20  # bytes: a line of about a hundred per file exported


def keep_edits(out: Path, stage: Path, replace: bool) -> tuple[list[Problem], list[Path]]:
    """Refuse (``export-edited``) or, with ``replace``, report (``export-replaced``) each file
    of ``out`` the export in ``stage`` would change and that differs from what the last export
    wrote there; then record the staged files. A folder without a record (another program's
    files, an export made before the record) counts every such file as changed.

    Also returns the files the last export wrote that this one does not (a document since
    removed from the corpus), unchanged since: the caller removes them once the export is in
    place, so the folder mirrors the corpus. One changed since stays (``export-kept``), with
    the other files of its document."""
    written = {
        path.relative_to(stage).as_posix(): sha256_file(path)
        for path in sorted(stage.rglob("*"))
        if path.is_file()
    }
    before = _record(out)
    edited = []
    for name, digest in written.items():
        place = out / name
        if place.is_file() and not place.is_symlink():
            now = sha256_file(place)
            if now != digest and now != before.get(name):
                edited.append(place)
    code = "export-replaced" if replace else "export-edited"
    problems = [problem(code, file=str(place)) for place in edited]
    if problems and not replace:
        raise NewsannoError(problems)
    gone = {name: _inside(out, name) for name in sorted(set(before) - set(written))}
    kept = set()  # a document's files go together: brat's .ann needs its .txt
    for name, place in gone.items():
        if place is not None and sha256_file(place) != before[name]:
            problems.append(problem("export-kept", file=str(place)))
            kept.add(_stem(name))
    stale = [p for name, p in gone.items() if p is not None and _stem(name) not in kept]
    (stage / RECORD).write_bytes(orjson.dumps(written, option=orjson.OPT_INDENT_2) + b"\n")
    return problems, stale


def remove_stale(out: Path, stale: list[Path]) -> None:
    """Remove ``stale`` files (see :func:`keep_edits`) and the folders they leave empty."""
    root = Path(os.path.abspath(out))
    for place in stale:
        place.unlink(missing_ok=True)
        folder = place.parent
        while folder != root and folder.is_relative_to(root):
            try:
                folder.rmdir()  # only an empty folder goes
            except OSError:
                break
            folder = folder.parent


def _stem(name: str) -> str:
    return PurePosixPath(name).with_suffix("").as_posix()


def _inside(out: Path, name: str) -> Path | None:
    """The regular file ``name`` (a path the record gives, relative to ``out``) names inside
    ``out``; None for anything else. The record lies in a folder others write to: a name that
    climbs out (``..``, an absolute path, a link on the way) must never reach a file there."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts:
        return None
    root = os.path.realpath(out)
    place = Path(root, *relative.parts)
    if os.path.realpath(place) != str(place):
        return None  # a link on the way, or in the file's place
    try:
        if not stat.S_ISREG(os.lstat(place).st_mode):
            return None
    except OSError:
        return None
    return place


def _record(out: Path) -> dict[str, str]:
    """The last export's record; nothing when there is none or it is not one. Only a regular
    file of a bounded size is read: a FIFO would block, a link to ``/dev/zero`` never end."""
    path = out / RECORD
    try:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size > _MAX_RECORD:
            return {}
        record = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {k: v for k, v in record.items() if isinstance(v, str)}

"""What an export wrote, recorded beside it, so that exporting again into the same folder tells
a file an annotator changed since (work to keep) from one the corpus changed (to refresh)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson

from ..errors import NewsannoError, Problem, problem
from ..files import sha256_file

RECORD = ".newsanno-export"  # JSON; no suffix, so that no importer reads it as a source
_MAX_RECORD = 256 << 20  # bytes: a line of about a hundred per file exported


def keep_edits(out: Path, stage: Path, replace: bool) -> list[Problem]:
    """Refuse (``export-edited``) or, with ``replace``, report (``export-replaced``) each file
    of ``out`` the export in ``stage`` would change and that differs from what the last export
    wrote there; then record the staged files. A folder without a record (another program's
    files, an export made before the record) counts every such file as changed."""
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
    (stage / RECORD).write_bytes(orjson.dumps(written, option=orjson.OPT_INDENT_2) + b"\n")
    return problems


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

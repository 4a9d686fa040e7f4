"""Public release + the user's own copies of the withheld texts -> the full release.

Every text is checked against the ``text_sha256`` the annotations were made on; a text that
differs is refused, naming the document. The documents are written to a corpus in a work
folder and built again with the card of the public release, so the result equals the full
build byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import orjson
from pydantic import ValidationError

from ..corpus import read_manifest, sha256_text, write_document
from ..corpus.layout import MANIFEST, SPLITS, is_safe_id
from ..corpus.reader import decode_utf8
from ..errors import NewsannoError, Problem, fail, problem
from ..files import remove_abandoned, write_atomic
from ..model.document import Document
from ..outputs import check_apart, new_folders_undone, output_folder
from ..paths import NAME_RULE, check_name, check_version
from .builder import README, BuildReport, build
from .card import split_front_matter
from .metadata import CROISSANT, verify_release
from .rows import Row, document_from_row
from .shards import iter_rows
from .workdir import Workdir

TEXT_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def rehydrate(
    release: Path, texts: Path, out: Path | None = None, *, workers: int = 2, quiet: bool = True
) -> BuildReport:
    """Write the full release next to ``release`` (or into ``out``) from the user's copies of
    the withheld texts: any file under ``texts``, whatever its name, matched by the sha256 of
    its text (as it is, or as ``newsanno add`` normalises it; HTML extracted as ``add`` does).
    Every document still without its text is reported at once. The release is checked against
    its ``SHA256SUMS`` first, and only the files listed there are read."""
    listed = verify_release(release)
    manifest = read_manifest(release)  # its split names become file names: checked first
    if not texts.is_dir():
        raise fail("file-not-found", file=str(texts), path=str(texts))
    version = _version(release)
    out = output_folder(out or release.parent)
    target = f"{check_name(manifest.name, 'corpus name')}-{version}"
    check_apart(out / target, [release, texts])
    try:
        _, card = split_front_matter((release / README).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise fail("not-a-release", path=str(release), reason=f"{README} has no card") from None
    shards = sorted(rel for rel in listed if rel.startswith("documents/"))
    wanted = {
        row["text_sha256"]: row["id"]
        for row in _document_rows(release, shards)
        if row.get("text_withheld") and isinstance(row.get("text_sha256"), str)
    }
    found = find_texts(texts, wanted)
    problems: list[Problem] = []
    # the documents are put together in a private work folder (the texts were withheld), in
    # ``out`` or, while there is none, beside it, so that a refused text leaves no new folder;
    # the next rehydrate there removes the folder of a process that was killed
    work_name = f"{target}-texts"
    home = out if out.is_dir() else out.parent
    if home == out:
        with suppress(OSError):  # only tidying: what cannot be listed is left
            remove_abandoned(out.parent, work_name)
    with new_folders_undone(home), Workdir(home, work_name) as work:
        corpus = work.path / "corpus"
        corpus.mkdir()
        shutil.copyfile(release / MANIFEST, corpus / MANIFEST)
        assigned: dict[str, str] = {}
        for rel in shards:
            for row in _document_rows(release, [rel]):
                doc = _document(row, texts, found, problems, str(release / rel))
                if doc is not None and doc.id in assigned:  # the later row would replace it
                    reason = f"document {doc.id!r} has more than one row"
                    problems.append(
                        problem("not-a-release", file=rel, path=str(release), reason=reason)
                    )
                elif doc is not None and not problems:
                    write_document(corpus, doc)
                    assigned[doc.id] = _split_of(rel)
        if problems:
            raise NewsannoError(problems)
        # every document stays in the split it was released in, whatever the hash of its id
        # says: the manifest of a release does not carry the recorded assignment
        body = {"assigned": dict(sorted(assigned.items()))}
        write_atomic(corpus / SPLITS, orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n")
        report = build(
            corpus,
            out,
            version=version,
            allow_synthetic=True,
            workers=workers,
            quiet=quiet,
            card=card,
        )
    return _in_release(report, release)


def _in_release(report: BuildReport, release: Path) -> BuildReport:
    """The build's warnings named the files of the work corpus, which is gone: the documents
    they concern are in ``release``."""
    report.warnings = [replace(p, file=str(release)) for p in report.warnings]
    return report


def _version(release: Path) -> str:
    file = str(release / CROISSANT)
    try:
        meta = orjson.loads((release / CROISSANT).read_bytes())
    except orjson.JSONDecodeError as e:
        raise fail("not-a-release", file=file, path=str(release), reason=str(e)) from None
    if not isinstance(meta, dict) or "version" not in meta:
        raise fail("not-a-release", file=file, path=str(release), reason="no version") from None
    return check_version(meta["version"], file=file)


def _split_of(shard: str) -> str:
    """The split a shard holds, from its name (``documents/<split>-00000.parquet``)."""
    return Path(shard).name.rpartition("-")[0]


def _document_rows(release: Path, shards: list[str]) -> Iterator[Row]:
    """Rows of the listed ``documents`` shards, read in bounded batches."""
    for rel in shards:
        path = release / rel
        try:
            yield from iter_rows(path)
        except (OSError, ValueError) as e:
            reason = f"unreadable documents shard {rel}: {str(e).splitlines()[0] if str(e) else e}"
            raise fail("not-a-release", file=str(path), path=str(release), reason=reason) from None


def find_texts(texts: Path, wanted: dict[str, str]) -> dict[str, str]:
    """sha256 -> text for the ``wanted`` checksums, from every file under ``texts``: only
    matching texts are kept, so memory holds the texts needed and no more. Files that cannot
    be read as text are skipped (they may be anything a user keeps beside their copies)."""
    found: dict[str, str] = {}
    for path in sorted(p for p in texts.rglob("*") if p.is_file()):
        if len(found) == len(wanted):
            break
        for text in _candidates(path):
            sha = sha256_text(text)
            if sha in wanted:
                found.setdefault(sha, text)
                break
    return found


def _document(
    row: Row, texts: Path, found: dict[str, str], problems: list[Problem], shard: str
) -> Document | None:
    """The row's document, its text filled from the user's copies when withheld; the id is
    checked before it names a file, and a row that is no document, or one that fails the
    checks, is a coded problem naming the shard it came from."""
    doc_id = row.get("id")
    if not is_safe_id(doc_id):  # type: ignore[arg-type]
        problems.append(problem("bad-document-id", file=shard, value=doc_id, reason=NAME_RULE))
        return None
    try:
        return _filled(row, doc_id, texts, found, problems, shard)  # type: ignore[arg-type]
    except NewsannoError as e:
        problems.extend(e.problems)
    except (KeyError, TypeError, ValueError, ValidationError) as e:
        reason = f"the row is not a document: {str(e).splitlines()[0] if str(e) else repr(e)}"
        problems.append(
            problem("not-a-release", file=shard, doc_id=doc_id, path=shard, reason=reason)
        )
    return None


def _filled(
    row: Row, doc_id: str, texts: Path, found: dict[str, str], problems: list[Problem], shard: str
) -> Document | None:
    if not row["text_withheld"]:
        return document_from_row(row, file=shard)
    expected = row["text_sha256"]
    text = found.get(expected)
    if text is not None:
        return document_from_row(row, text, file=shard)
    named = next((p for s in TEXT_SUFFIXES if (p := texts / f"{doc_id}{s}").is_file()), None)
    candidates = list(_candidates(named)) if named is not None else []
    if candidates:  # a copy under the document's name, but another version of the article
        problems.append(
            problem(
                "rehydrate-text-mismatch",
                file=str(named),
                doc_id=doc_id,
                actual=sha256_text(candidates[0]),
                expected=expected,
            )
        )
    else:
        problems.append(
            problem("rehydrate-missing-text", doc_id=doc_id, path=str(texts), sha256=expected)
        )
    return None


def _candidates(path: Path) -> Iterator[str]:
    """The file's text as it is, then as ``newsanno add`` would normalise it; an HTML page's
    main text as ``add`` extracts it. Nothing for a file that is not text."""
    from ..ingest import normalize

    if path.suffix.lower() in HTML_SUFFIXES:
        from ..ingest.add import read_article

        try:
            raw, _, _ = read_article(path, "html")
        except NewsannoError:
            return
        yield normalize(raw)[0]
        return
    text, _ = decode_utf8(path.read_bytes().removeprefix(b"\xef\xbb\xbf"), file=str(path))
    if text is None:
        return
    yield text
    normalized = normalize(text)[0]
    if normalized != text:
        yield normalized

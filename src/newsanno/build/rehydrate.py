"""Public release + the user's own copies of the withheld texts -> the full release.

Every text is checked against the ``text_sha256`` the annotations were made on; a text that
differs is refused, naming the document. The documents are written to a temporary corpus and
built again with the card of the public release, so the result equals the full build byte for
byte."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import orjson
import pyarrow.parquet as pq

from ..corpus import sha256_text, write_document
from ..corpus.layout import MANIFEST
from ..corpus.reader import decode_utf8
from ..errors import NewsannoError, Problem, fail, problem
from ..model.document import Document
from .card import split_front_matter
from .integrity import CHECKSUMS, CROISSANT, verify_checksums
from .release import README, BuildReport, build
from .rows import Row, document_from_row

TEXT_SUFFIXES = (".txt", ".html", ".htm")


def rehydrate(
    release: Path, texts: Path, out: Path | None = None, *, workers: int = 2, quiet: bool = True
) -> BuildReport:
    """Write the full release next to ``release`` (or into ``out``) from ``texts/<id>.txt``
    (or ``.html``, extracted as ``newsanno add`` does)."""
    for name in (README, MANIFEST, CROISSANT, CHECKSUMS, "documents"):
        if not (release / name).exists():
            raise fail("not-a-release", path=str(release), reason=f"no {name}")
    changed = verify_checksums(release)
    if changed:
        reason = f"{', '.join(changed[:5])} differ from {CHECKSUMS}: a damaged or edited copy"
        raise fail("not-a-release", path=str(release), reason=reason)
    version = orjson.loads((release / CROISSANT).read_bytes())["version"]
    _, card = split_front_matter((release / README).read_text(encoding="utf-8"))
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="newsanno-rehydrate-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        shutil.copyfile(release / MANIFEST, corpus / MANIFEST)
        for row in _document_rows(release):
            doc = _document(row, texts, problems)
            if doc is not None and not problems:
                write_document(corpus, doc)
        if problems:
            raise NewsannoError(problems)
        return build(
            corpus,
            out or release.parent,
            version=version,
            allow_synthetic=True,
            workers=workers,
            quiet=quiet,
            card=card,
        )


def _document_rows(release: Path) -> Iterator[Row]:
    for path in sorted((release / "documents").glob("*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            yield from batch.to_pylist()


def _document(row: Row, texts: Path, problems: list[Problem]) -> Document | None:
    if not row["text_withheld"]:
        return document_from_row(row)
    doc_id, expected = row["id"], row["text_sha256"]
    path = next((p for s in TEXT_SUFFIXES if (p := texts / f"{doc_id}{s}").is_file()), None)
    if path is None:
        problems.append(
            problem(
                "rehydrate-missing-text",
                doc_id=doc_id,
                path=str(texts / f"{doc_id}.txt"),
            )
        )
        return None
    candidates = list(_candidates(path, doc_id, problems))
    text = next((t for t in candidates if sha256_text(t) == expected), None)
    if text is None:
        if candidates:
            problems.append(
                problem(
                    "rehydrate-text-mismatch",
                    file=str(path),
                    doc_id=doc_id,
                    actual=sha256_text(candidates[0]),
                    expected=expected,
                )
            )
        return None
    return document_from_row(row, text)


def _candidates(path: Path, doc_id: str, problems: list[Problem]) -> Iterator[str]:
    """The file's text as it is, then as ``newsanno add`` would normalise (and, for HTML,
    extract) it: either may be what the corpus holds."""
    if path.suffix == ".txt":
        text, found = decode_utf8(path.read_bytes(), file=str(path), doc_id=doc_id)
        problems += found
        if text is None:
            return
        yield text
    from ..ingest import normalize
    from ..ingest.add import read_article

    raw, _, _ = read_article(path)
    yield normalize(raw)[0]

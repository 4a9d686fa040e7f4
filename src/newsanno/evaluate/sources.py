"""Where gold and predictions come from, read one document at a time.

Gold is a corpus directory (random access by id) or a release directory (the ``documents``
Parquet config, read row group by row group). Predictions are JSON lines
(docs/predictions.md, ``schema/prediction.schema.json``): ``id``, ``text_sha256`` (or
``text``), the layer lists, and optionally ``annotation.layers``, one document per line. A
prediction for a text other than the gold's is refused: its offsets would point at different
characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from ..corpus import SplitPolicy, load_document, read_manifest, sha256_text
from ..corpus.layout import ANNOTATIONS, MANIFEST, annotation_path, text_path
from ..corpus.reader import corpus_ids
from ..corpus.splits import TEST_SPLIT, assign_split
from ..corpus.writer import atomic_output
from ..errors import NewsannoError, fail
from .records import DocRecords, records_of


def gold_records(doc: Any, include_silver: bool = False) -> DocRecords:
    """Records of a gold :class:`~newsanno.model.document.Document`: its gold regions only,
    unless ``include_silver``."""
    return records_of(doc.model_dump(), sha256_text(doc.text), doc.text, include_silver)


class Gold:
    """Gold documents by id, and every gold id (sorted) for the ones no prediction covers.
    ``split`` (when not None) restricts both to one split; ``include_silver`` also scores the
    regions that nobody checked."""

    split: str | None = None
    include_silver: bool = False

    def all_ids(self) -> list[str]:
        raise NotImplementedError

    def split_of(self, doc_id: str) -> str:
        raise NotImplementedError

    def splits(self) -> set[str]:
        return {self.split_of(d) for d in self.all_ids()}

    def ids(self) -> list[str]:
        ids = self.all_ids()
        return ids if self.split is None else [d for d in ids if self.split_of(d) == self.split]

    def in_split(self, doc_id: str) -> bool:
        return self.split is None or self.split_of(doc_id) == self.split

    def get(self, doc_id: str) -> DocRecords | None:
        raise NotImplementedError


class CorpusGold(Gold):
    """Gold from a corpus directory. ``validate`` False skips the schema and integrity checks
    (for large corpora already checked by ``newsanno validate``): the annotation JSON is read
    as is and only its text's sha256 is checked; a file that does not parse or lacks a field
    falls back to the full loader, which reports what is wrong."""

    def __init__(self, corpus: Path, validate: bool = True) -> None:
        self.corpus = corpus
        self.validate = validate
        self._policy: SplitPolicy | None = None

    def all_ids(self) -> list[str]:
        return corpus_ids(self.corpus)[0]

    def split_of(self, doc_id: str) -> str:
        if self._policy is None:
            self._policy = read_manifest(self.corpus).splits
        return assign_split(doc_id, self._policy)

    def splits(self) -> set[str]:
        """A corpus without a manifest (a gold folder written by a script) has no splits."""
        return super().splits() if (self.corpus / MANIFEST).is_file() else set()

    def get(self, doc_id: str) -> DocRecords | None:
        path = annotation_path(self.corpus, doc_id)
        if not path.is_file():
            return None
        if not self.validate:
            fast = _read_trusted(path, text_path(self.corpus, doc_id), self.include_silver)
            if fast is not None:
                return fast
        loaded = load_document(path)
        if loaded.document is None or not loaded.ok:
            raise NewsannoError(loaded.problems)
        return gold_records(loaded.document, self.include_silver)


def _read_trusted(ann: Path, txt: Path, include_silver: bool) -> DocRecords | None:
    try:
        raw = orjson.loads(ann.read_bytes())
        text = txt.read_bytes().decode("utf-8")
        if raw["id"] != ann.stem or sha256_text(text) != raw["text_sha256"]:
            return None
        return records_of(raw, raw["text_sha256"], text, include_silver)
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ReleaseGold(Gold):
    """The ``documents`` config of a release built by ``newsanno build``. Rows are found through
    an id -> (file, row group) index and one decoded row group is kept at a time, so reading in
    release order (as ``newsanno predict`` writes) touches each group once."""

    def __init__(self, release: Path) -> None:
        import pyarrow.parquet as pq

        self.files = sorted(p for p in release.rglob("*.parquet") if "documents" in p.parts)
        if not self.files:
            raise fail("gold-not-found", file=str(release), reason="no documents/*.parquet")
        self.index: dict[str, tuple[int, int]] = {}
        self.shard_split: dict[str, str] = {}
        for f, path in enumerate(self.files):
            with _readable(path):
                pf = pq.ParquetFile(path)
                for g in range(pf.num_row_groups):
                    for doc_id in pf.read_row_group(g, columns=["id"]).column("id").to_pylist():
                        self.index[doc_id] = (f, g)
                        self.shard_split[doc_id] = path.name.rsplit("-", 1)[0]
        self._cached: tuple[tuple[int, int], dict[str, dict[str, Any]]] | None = None

    def all_ids(self) -> list[str]:
        return sorted(self.index)

    def split_of(self, doc_id: str) -> str:
        return self.shard_split[doc_id]

    def get(self, doc_id: str) -> DocRecords | None:
        import pyarrow.parquet as pq

        from ..build.rows import document_from_row

        where = self.index.get(doc_id)
        if where is None:
            return None
        if self._cached is None or self._cached[0] != where:
            with _readable(self.files[where[0]]):
                table = pq.ParquetFile(self.files[where[0]]).read_row_group(where[1])
                self._cached = (where, {r["id"]: r for r in table.to_pylist()})
        row = self._cached[1][doc_id]
        if row.get("text") is None:
            raise fail(
                "gold-not-found",
                file=str(self.files[where[0]]),
                doc_id=doc_id,
                reason="the release withholds this text: rehydrate it (newsanno rehydrate) or "
                "evaluate against the corpus",
            )
        with _readable(self.files[where[0]]):
            return gold_records(document_from_row(row), self.include_silver)


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """A damaged or foreign Parquet file (or row) is a coded problem, not a traceback."""
    try:
        yield
    except (OSError, ValueError, KeyError, TypeError) as e:
        reason = f"unreadable documents shard: {str(e).splitlines()[0] if str(e) else type(e)}"
        raise fail("not-a-release", file=str(path), path=str(path), reason=reason) from None


def open_gold(
    path: Path, validate: bool = True, split: str | None = "auto", include_silver: bool = False
) -> Gold:
    """A corpus or release as gold. ``split`` "auto" takes the test split when the gold has
    one and every document otherwise; None (or "all") every document; a name that split, which
    must exist."""
    gold: Gold
    if (path / ANNOTATIONS).is_dir():
        gold = CorpusGold(path, validate)
    elif (path / "documents").is_dir():
        gold = ReleaseGold(path)
    else:
        raise fail(
            "gold-not-found", file=str(path), reason="neither a corpus nor a release directory"
        )
    gold.include_silver = include_silver
    if split in (None, "all"):
        return gold
    names = gold.splits()
    if split == "auto":
        gold.split = TEST_SPLIT if TEST_SPLIT in names else None
    elif split in names:
        gold.split = split
    else:
        raise fail(
            "gold-not-found",
            file=str(path),
            reason=f"no split {split!r} (splits: {', '.join(sorted(names)) or 'none'})",
        )
    return gold


def read_predictions(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, parsed object) for every non-blank line."""
    try:
        f = path.open("rb")
    except FileNotFoundError:
        raise fail("file-not-found", file=str(path), path=str(path)) from None
    with f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as e:
                raise fail("malformed-json", file=f"{path}:{n}", reason=str(e)) from None
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                raise fail(
                    "pred-malformed", file=f"{path}:{n}", reason="not an object with a string id"
                )
            yield n, obj


PREDICTED_LAYERS = ("entities", "quotes", "claims", "dates")


def prediction_records(obj: dict[str, Any], gold: DocRecords, file: str) -> DocRecords:
    """Records of one prediction line (docs/predictions.md), refused when its text is not the
    gold's or when it predicts no layer. Its layers are those ``annotation.layers`` lists, else
    the layer lists present in the line."""
    sha = obj.get("text_sha256")
    if sha is None and isinstance(obj.get("text"), str):
        sha = sha256_text(obj["text"])
    if sha is None:
        raise fail(
            "pred-malformed",
            file=file,
            doc_id=gold.id,
            reason="no text_sha256 (the sha256 of the UTF-8 text predicted on) and no text",
        )
    if sha != gold.text_sha256:
        raise fail(
            "pred-text-mismatch",
            file=file,
            doc_id=gold.id,
            actual=sha,
            expected=gold.text_sha256,
        )
    annotation = obj.get("annotation")
    if annotation is not None and not (
        isinstance(annotation, dict) and isinstance(annotation.get("layers"), list)
    ):
        raise fail(
            "pred-malformed",
            file=file,
            doc_id=gold.id,
            reason="annotation must be an object with a list 'layers'",
        )
    if annotation is None:
        present = [x for x in PREDICTED_LAYERS if isinstance(obj.get(x), list)]
        if not present:
            raise fail("pred-no-layers", file=file, doc_id=gold.id)
        obj = {**obj, "annotation": {"layers": [{"layer": x} for x in present]}}
    try:
        return records_of(obj, gold.text_sha256, gold.text)
    except (KeyError, TypeError) as e:
        raise fail(
            "pred-malformed", file=file, doc_id=gold.id, reason=f"missing field {e}"
        ) from None


def write_predictions(docs: Iterator[Any], out: Path) -> int:
    """JSON lines of documents (id, text_sha256, the layers they declare; no text): what
    ``evaluate`` reads. Layers a document holds without declaring them (an extractor's inputs)
    are left out. Written to a temporary file that replaces ``out`` only when every document
    was written, so a failure leaves an existing ``out`` as it was."""
    from ..extractors.base import predicted_body

    n = 0
    with atomic_output(out) as f:
        for doc in docs:
            body = predicted_body(doc)
            f.write(orjson.dumps({"id": doc.id, "text_sha256": sha256_text(doc.text), **body}))
            f.write(b"\n")
            n += 1
    return n

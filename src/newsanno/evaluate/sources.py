"""Where gold and predictions come from, read one document at a time.

Gold is a corpus directory (random access by id) or a release directory (the ``documents``
Parquet config, read row group by row group). Predictions are JSON lines
(docs/predictions.md, ``schema/prediction.schema.json``): ``id``, ``text_sha256`` (or
``text``), the layer lists, and optionally ``annotation.layers``, one document per line. A
prediction for a text other than the gold's is refused: its offsets would point at different
characters.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from ..corpus import SplitPolicy, load_document, read_manifest, sha256_text
from ..corpus.json_keys import repeated_key_problems
from ..corpus.layout import (
    ANNOTATIONS,
    MANIFEST,
    RELEASE_DOCUMENTS,
    annotation_path,
    is_safe_id,
    text_path,
)
from ..corpus.reader import corpus_ids, json_problem
from ..corpus.splits import TEST_SPLIT, assign_split
from ..errors import NewsannoError, Problem, fail
from ..paths import read_inside
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
        self._ids = corpus_ids(corpus)[0]
        self._known = set(self._ids)

    def all_ids(self) -> list[str]:
        return self._ids

    def split_of(self, doc_id: str) -> str:
        if self._policy is None:
            self._policy = read_manifest(self.corpus).splits
        return assign_split(doc_id, self._policy)

    def splits(self) -> set[str]:
        """A corpus without a manifest (a gold folder written by a script) has no splits."""
        return super().splits() if (self.corpus / MANIFEST).is_file() else set()

    def get(self, doc_id: str) -> DocRecords | None:
        """The gold document ``doc_id``; None unless it is an id of the corpus (an id from a
        prediction file never becomes a path by itself)."""
        if doc_id not in self._known or not is_safe_id(doc_id):
            return None
        path = annotation_path(self.corpus, doc_id)
        if not self.validate:
            fast = _read_trusted(
                self.corpus, path, text_path(self.corpus, doc_id), self.include_silver
            )
            if fast is not None:
                return fast
        loaded = load_document(path)
        if loaded.document is None or not loaded.ok:
            raise NewsannoError(loaded.problems)
        return gold_records(loaded.document, self.include_silver)


def _read_trusted(corpus: Path, ann: Path, txt: Path, include_silver: bool) -> DocRecords | None:
    try:
        raw = orjson.loads(read_inside(corpus, ann))
        text = read_inside(corpus, txt).decode("utf-8")
        if raw["id"] != ann.stem or sha256_text(text) != raw["text_sha256"]:
            return None
        return records_of(raw, raw["text_sha256"], text, include_silver)
    except (OSError, ValueError, KeyError, TypeError, NewsannoError):
        return None


class ReleaseGold(Gold):
    """The ``documents`` config of a release built by ``newsanno build``, checked against its
    ``SHA256SUMS`` first (only listed shards are read). Rows are found through an id -> (file,
    row group, batch) index and one decoded batch is kept at a time, so reading in release order
    (as ``newsanno predict`` writes) decodes each batch once; every shard decodes within its
    :class:`~newsanno.release.shards.Budget`."""

    def __init__(self, release: Path) -> None:
        import pyarrow.parquet as pq

        from ..release.metadata import verify_release
        from ..release.shards import BATCH_ROWS, budget

        listed = verify_release(release)
        self.files = [release / rel for rel in sorted(listed) if rel.startswith("documents/")]
        self.budgets = [budget(path) for path in self.files]
        self.index: dict[str, tuple[int, int, int]] = {}
        self.shard_split: dict[str, str] = {}
        for f, path in enumerate(self.files):
            with _readable(path):
                pf = pq.ParquetFile(path)
                for g in range(pf.num_row_groups):
                    rows = 0
                    for batch in pf.iter_batches(BATCH_ROWS, row_groups=[g], columns=["id"]):
                        self.budgets[f].spend(batch.nbytes)
                        for doc_id in batch.column("id").to_pylist():
                            reason = _id_problem(doc_id, self.index, rows, g)
                            if reason:
                                raise fail(
                                    "not-a-release",
                                    file=str(path),
                                    path=str(release),
                                    reason=reason,
                                )
                            self.index[doc_id] = (f, g, rows // BATCH_ROWS)
                            self.shard_split[doc_id] = path.name.rsplit("-", 1)[0]
                            rows += 1
        self._cached: tuple[tuple[int, int, int], dict[str, dict[str, Any]]] | None = None
        self._cursor: tuple[tuple[int, int], int, Iterator[list[dict[str, Any]]]] | None = None

    def all_ids(self) -> list[str]:
        return sorted(self.index)

    def split_of(self, doc_id: str) -> str:
        return self.shard_split[doc_id]

    def get(self, doc_id: str) -> DocRecords | None:

        from ..release.rows import document_from_row

        where = self.index.get(doc_id)
        if where is None:
            return None
        if self._cached is None or self._cached[0] != where:
            with _readable(self.files[where[0]]):
                self._cached = (where, {r["id"]: r for r in self._batch(*where)})
        row = self._cached[1][doc_id]
        if row.get("text") is None:
            raise fail(
                "gold-not-found",
                file=str(self.files[where[0]]),
                doc_id=doc_id,
                reason="the release withholds this text: rehydrate it (newsanno rehydrate) or "
                "evaluate against the corpus",
            )
        path = self.files[where[0]]
        with _readable(path):
            return gold_records(document_from_row(row, file=str(path)), self.include_silver)

    def _batch(self, f: int, g: int, b: int) -> list[dict[str, Any]]:
        """Batch ``b`` of row group ``g`` of file ``f``: the open cursor moves on when it can,
        else the group is read again from its start."""
        from ..release.shards import iter_group

        if self._cursor is None or self._cursor[0] != (f, g) or self._cursor[1] > b:
            self._cursor = ((f, g), 0, iter_group(self.files[f], g, self.budgets[f]))
        key, at, batches = self._cursor
        while True:
            rows = next(batches)
            self._cursor = (key, at + 1, batches)
            if at == b:
                return rows
            at += 1


def _id_problem(doc_id: object, index: dict[str, Any], row: int, group: int) -> str:
    """Why a row's id cannot key the index ("" when it can)."""
    if not isinstance(doc_id, str):
        return f"row {row} of row group {group} has no id"
    if doc_id in index:  # the later row would silently win
        return f"document {doc_id!r} has more than one row"
    return ""


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
    elif (path / RELEASE_DOCUMENTS).is_dir():
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


# A prediction line holds one document's annotations: far below this even for the longest
# articles, and reading stops here on an endless input (a stream without a newline).
MAX_LINE_BYTES = 128 * 2**20


# What a prediction file holds, said whenever a line is not one document's object.
JSON_LINES = "JSON lines, one document's JSON object per line"


def _not_json(line: bytes, error: ValueError, file: str) -> Problem:
    """A line that does not parse, said with what a line must be: a pretty-printed object (a
    corpus annotation file as it is) fails at its first line, which alone is no JSON."""
    p = json_problem(line, error, file=file)
    if p.code != "malformed-json":  # bytes that are not UTF-8: said as for any file
        return p
    note = f"predictions are {JSON_LINES}: write each object on one line, as jq -c does"
    return replace(p, note=note)


def read_predictions(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, parsed object) for every non-blank line; a file without any is refused
    (an extractor that finds nothing still writes a line per document)."""
    try:
        f = path.open("rb")
    except FileNotFoundError:
        raise fail("file-not-found", file=str(path), path=str(path)) from None
    seen = False
    with f:
        kind = os.fstat(f.fileno()).st_mode
        if stat.S_ISCHR(kind) or stat.S_ISBLK(kind):  # /dev/zero would be read forever
            raise fail("unreadable-file", file=str(path), reason="it is a device")
        for n, line in enumerate(iter(lambda: f.readline(MAX_LINE_BYTES + 1), b""), 1):
            if len(line) > MAX_LINE_BYTES:
                reason = f"line {n} is longer than {MAX_LINE_BYTES:,} bytes (one line per document)"
                raise fail("pred-malformed", file=f"{path}:{n}", reason=reason)
            if not line.strip():
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as e:
                raise NewsannoError([_not_json(line, e, f"{path}:{n}")]) from None
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                reason = "not an object with a string id"
                if isinstance(obj, list):
                    reason += f" but a JSON array: the file holds {JSON_LINES}"
                raise fail("pred-malformed", file=f"{path}:{n}", reason=reason)
            # a repeated key would lose a prediction without a word: refused like a corpus's
            if repeated := repeated_key_problems(line, obj, file=f"{path}:{n}", doc_id=obj["id"]):
                raise NewsannoError(repeated)
            seen = True
            yield n, obj
    if not seen:
        raise fail("pred-empty", file=str(path), path=str(path))


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
        isinstance(annotation, dict)
        and isinstance(annotation.get("layers"), list)
        and all(
            isinstance(scope, dict) and isinstance(scope.get("layer"), str)
            for scope in annotation["layers"]
        )
    ):
        raise fail(
            "pred-malformed",
            file=file,
            doc_id=gold.id,
            reason="annotation must be an object with a list 'layers' of objects, "
            'one per layer predicted: {"layer": "dates"}',
        )
    for layer in PREDICTED_LAYERS:  # null: the layer is not predicted (prediction schema)
        if obj.get(layer) is not None and not isinstance(obj[layer], list):
            reason = f"{layer!r} must be a list of annotations (an empty list predicts none)"
            raise fail("pred-malformed", file=file, doc_id=gold.id, reason=reason)
    if annotation is None:
        present = [x for x in PREDICTED_LAYERS if obj.get(x) is not None]
        if not present:
            raise fail("pred-no-layers", file=file, doc_id=gold.id)
        obj = {**obj, "annotation": {"layers": [{"layer": x} for x in present]}}
    try:
        return records_of(obj, gold.text_sha256, gold.text)
    except KeyError as e:
        raise fail(
            "pred-malformed", file=file, doc_id=gold.id, reason=f"missing field {e}"
        ) from None
    except (TypeError, AttributeError) as e:  # a string or a list where an object belongs
        reason = f"an annotation or one of its values has the wrong type ({e})"
        raise fail("pred-malformed", file=file, doc_id=gold.id, reason=reason) from None

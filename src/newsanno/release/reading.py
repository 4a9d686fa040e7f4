"""The reading stage of a build: what the corpus says about the release (manifest, version, ids,
card), checked before any work starts, and the documents of one shard, a batch at a time.

:func:`read_batches` (the columnar fast path) and :func:`model_batches` (every document through
the models) are readers for :class:`~newsanno.release.sharding.ShardStages`: both give the same
documents and problems, so both write the same release."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..corpus import read_manifest
from ..corpus.batch import Batch, read_batch
from ..corpus.layout import MANIFEST, annotation_path, text_path
from ..corpus.manifest import Manifest, check_split_names
from ..corpus.reader import corpus_ids, load_document
from ..errors import NewsannoError, fail, problem
from ..generated import markdown_text
from ..paths import check_name, check_version, no_link
from .card import DEFAULT_TEMPLATE

CARD = "DATASET_CARD.md"
BATCH_DOCS = 100  # documents read, checked and turned into rows at once (memory: ~1 MB each)


@dataclass(frozen=True)
class ReleaseSource:
    corpus: Path
    manifest: Manifest
    version: str
    ids: list[str]  # sorted
    card: str  # the dataset card template

    def release_name(self, public: bool) -> str:
        """The release folder's name, from names checked here (they come from the manifest)."""
        name = check_name(self.manifest.name, "corpus name")
        return f"{name}-{self.version}{'-public' if public else ''}"


def read_source(corpus: Path, version: str | None = None, card: str | None = None) -> ReleaseSource:
    """The manifest, the version (default: the manifest's), the ids and the card template
    (default: ``DATASET_CARD.md`` next to the corpus directory, else a generic card)."""
    manifest = read_manifest(corpus)
    version = check_version(version or manifest.version)
    check_split_names(manifest.splits, str(corpus / MANIFEST))
    ids = release_ids(corpus)
    return ReleaseSource(corpus, manifest, version, ids, card_template(corpus, manifest, card))


def release_ids(corpus: Path) -> list[str]:
    """Ids of the documents to release, sorted; a text without annotations or an empty corpus
    is refused before any work starts."""
    ann_ids, txt_ids = corpus_ids(corpus)
    orphans = sorted(set(txt_ids).difference(ann_ids))
    if orphans:
        raise NewsannoError(
            [
                problem(
                    "missing-annotations",
                    file=str(text_path(corpus, i)),
                    doc_id=i,
                    path=str(annotation_path(corpus, i)),
                )
                for i in orphans
            ]
        )
    if not ann_ids:
        raise fail("empty-corpus", path=str(corpus))
    return ann_ids


def card_template(corpus: Path, manifest: Manifest, card: str | None) -> str:
    if card is not None:
        return card
    path = no_link(corpus.resolve().parent / CARD)
    if path.is_file():
        try:
            return path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as e:
            raise fail("not-utf8", file=str(path), offset=e.start, reason=e.reason) from None
    description = markdown_text(manifest.description, line_start=True)
    return DEFAULT_TEMPLATE.format(name=manifest.name, description=description)


def read_batches(corpus: Path, ids: Sequence[str]) -> Iterator[Batch]:
    """The documents in batches of ``BATCH_DOCS``, in order, checked on the columnar path."""
    for lo in range(0, len(ids), BATCH_DOCS):
        yield read_batch(corpus, list(ids[lo : lo + BATCH_DOCS]))


def model_batches(corpus: Path, ids: Sequence[str]) -> Iterator[Batch]:
    """The documents in batches of ``BATCH_DOCS``, each loaded and checked by the models (text
    against its sha256, model, offsets): slower, and the reference of the fast path."""
    for lo in range(0, len(ids), BATCH_DOCS):
        yield Batch.of_loaded(
            [load_document(annotation_path(corpus, i)) for i in ids[lo : lo + BATCH_DOCS]]
        )

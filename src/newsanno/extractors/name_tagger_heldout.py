"""Held-out gold for scoring a trained model with ``newsanno evaluate``: the documents of one
release split, written as a corpus directory, with the entity layer reduced to names (what NER
predicts; nominal and pronoun mentions are coreference and would count as misses)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..corpus import write_document
from ..corpus.manifest import Manifest
from ..formats.pipeline import ensure_manifest
from ..model.checks import checked_document
from ..model.document import Document
from ..release.rows import document_from_row


def split_documents(release: Path, split: str, cache_dir: Path | None = None) -> list[Document]:
    """The documents of ``split`` in a release, read with ``datasets``."""
    from datasets import load_dataset

    kwargs = {"cache_dir": str(cache_dir)} if cache_dir else {}
    rows = load_dataset(str(release), "documents", split=split, **kwargs)
    return [document_from_row(row) for row in rows]


def names_only(doc: Document) -> Document:
    """``doc`` as entity-name gold: only the name mentions in its entity layer, and without
    the quotes and claims whose speakers and claimants may be nominals or pronouns."""
    data = doc.model_dump()
    data["entities"] = [m for m in data["entities"] if m["mention_type"] == "name"]
    data["quotes"], data["claims"] = [], []
    data["annotation"]["layers"] = [
        s for s in data["annotation"]["layers"] if s["layer"] not in ("quotes", "claims")
    ]
    return checked_document(data)


def write_corpus(docs: Iterable[Document], corpus: Path, manifest: Manifest) -> int:
    """Write ``docs`` as a corpus directory that ``newsanno evaluate --gold`` reads."""
    ensure_manifest(corpus, manifest)
    n = 0
    for doc in docs:
        write_document(corpus, doc)
        n += 1
    return n

"""Where things live in a corpus directory. One text file and one annotation file per article,
paired by the document id as file stem."""

from __future__ import annotations

from pathlib import Path

from ..paths import is_safe_name

MANIFEST = "manifest.json"
SPLITS = "splits.json"
CHANGELOG = "CHANGELOG.md"
ARTICLES = "articles"
ANNOTATIONS = "annotations"
TEXT_SUFFIX = ".txt"
ANNOTATION_SUFFIX = ".json"


def is_safe_id(doc_id: str) -> bool:
    """A full match of the id pattern (``"evil\\n"`` is not an id)."""
    return is_safe_name(doc_id)


def text_path(corpus: Path, doc_id: str) -> Path:
    return corpus / ARTICLES / f"{doc_id}{TEXT_SUFFIX}"


def annotation_path(corpus: Path, doc_id: str) -> Path:
    return corpus / ANNOTATIONS / f"{doc_id}{ANNOTATION_SUFFIX}"


def corpus_root_of(path: Path) -> Path:
    """The corpus directory holding ``path`` (an annotation or text file)."""
    return path.resolve().parent.parent

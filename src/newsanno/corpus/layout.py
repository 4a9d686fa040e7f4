"""Where things live in a corpus directory. One text file and one annotation file per article,
paired by the document id as file stem; and what tells a release directory apart from one."""

from __future__ import annotations

from pathlib import Path

from ..errors import fail
from ..paths import is_safe_name

MANIFEST = "manifest.json"
SPLITS = "splits.json"
CHANGELOG = "CHANGELOG.md"
ARTICLES = "articles"
ANNOTATIONS = "annotations"
TEXT_SUFFIX = ".txt"
ANNOTATION_SUFFIX = ".json"
# What `newsanno build` writes into every release and a corpus never holds: the checksums of its
# files and the Parquet of its documents config.
CHECKSUMS = "SHA256SUMS"
RELEASE_DOCUMENTS = "documents"


def is_safe_id(doc_id: str) -> bool:
    """A full match of the id pattern (``"evil\\n"`` is not an id)."""
    return is_safe_name(doc_id)


def text_path(corpus: Path, doc_id: str) -> Path:
    return corpus / ARTICLES / f"{doc_id}{TEXT_SUFFIX}"


def annotation_path(corpus: Path, doc_id: str) -> Path:
    return corpus / ANNOTATIONS / f"{doc_id}{ANNOTATION_SUFFIX}"


def is_release(folder: Path) -> bool:
    """Whether ``folder`` is a release directory: it has the checksums and the documents
    config every build writes (a release also has a manifest, so that alone tells nothing)."""
    return (folder / CHECKSUMS).is_file() and (folder / RELEASE_DOCUMENTS).is_dir()


_RELEASE = (
    "it is a release, which newsanno build writes; pass the corpus it was built from (only "
    "evaluate --gold and rehydrate take a release)"
)
_NOTHING = "it holds none of them; pass a corpus directory, or start one with newsanno init"


def check_corpus(folder: Path, *, new: bool = False) -> None:
    """Refuse ``folder`` as a corpus when it is a release, or (unless a corpus may be started
    there: ``new``) a folder with none of a corpus's files. Read as a corpus, either would be
    one without documents, and a release written into would no longer match its checksums."""
    if is_release(folder):
        raise fail("not-a-corpus", file=str(folder), path=str(folder), reason=_RELEASE)
    if new or not folder.is_dir():
        return
    if not any((folder / name).exists() for name in (MANIFEST, ARTICLES, ANNOTATIONS)):
        raise fail("not-a-corpus", file=str(folder), path=str(folder), reason=_NOTHING)

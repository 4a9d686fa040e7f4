"""The on-disk corpus: text and annotation files, the manifest."""

from .manifest import Manifest, SplitPolicy, read_manifest
from .reader import Loaded, iter_corpus, load_document, read_documents, sha256_text
from .writer import write_document

__all__ = [
    "Loaded",
    "Manifest",
    "SplitPolicy",
    "iter_corpus",
    "load_document",
    "read_documents",
    "read_manifest",
    "sha256_text",
    "write_document",
]

"""Releases: corpus -> Parquet configs, dataset card, checksums, Croissant (``newsanno build``).

The per-document row functions (:mod:`.rows`) and the Arrow schemas (:mod:`.arrow`) are public:
another pipeline reusing them produces the same rows."""

from ..corpus.splits import assign_split
from .arrow import CONFIGS, NER_TAGS, SCHEMAS, features
from .builder import BuildReport, build, build_release
from .rows import config_rows, document_from_row, document_row
from .stats import Stats, corpus_stats

__all__ = [
    "CONFIGS",
    "NER_TAGS",
    "SCHEMAS",
    "BuildReport",
    "Stats",
    "assign_split",
    "build",
    "build_release",
    "config_rows",
    "corpus_stats",
    "document_from_row",
    "document_row",
    "features",
]

"""Baseline extractors and the interface for plugging in others.

Built-in extractors are registered by name as ``"module:Class"`` strings, so that an extractor's
heavy dependencies load only when it is used. A user's own extractor needs no registration: any
object with ``name``, ``version``, ``layers`` and ``predict(doc) -> Document`` works with
:func:`newsanno.extractors.run.predict_corpus`, and ``newsanno predict --extractor`` also takes
``module:attr``, an entry point of the group ``newsanno.extractors`` and ``spacy:PIPELINE``
(docs/predictions.md).
"""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import fail
from .base import Extractor, silver

EXTRACTORS: dict[str, str] = {
    "quotes": ".quotes:QuoteExtractor",
    "dates": ".dates:DateExtractor",
    "gazetteer": ".gazetteer:GazetteerExtractor",
    "baseline": ".pipeline:baseline_pipeline",
}


def get_extractor(name: str, **options: Any) -> Extractor:
    """The registered extractor ``name``, built with ``options`` (the gazetteer needs
    ``train``: documents to learn names from)."""
    if name not in EXTRACTORS:
        raise fail("unknown-extractor", name=name, known=", ".join(sorted(EXTRACTORS)))
    module, attr = EXTRACTORS[name].split(":")
    return getattr(importlib.import_module(module, __name__), attr)(**options)


__all__ = ["EXTRACTORS", "Extractor", "get_extractor", "silver"]

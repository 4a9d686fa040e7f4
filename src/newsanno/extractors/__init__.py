"""Baseline extractors and the interface for plugging in others.

Every extractor that can be named is an :class:`~.registry.ExtractorSpec` (name, ``module:attr``
factory, layers, whether it trains), so that an extractor's heavy dependencies load only when it
is used: the baselines are listed in :data:`~.registry.BUILTINS`, and a package adds its own
through an entry point of the group ``newsanno.extractors``. A user's own extractor needs no
registration: any object with ``name``, ``version``, ``layers`` and ``predict(doc) -> Document``
works with :func:`newsanno.extractors.run.predict_corpus`, and ``newsanno predict --extractor``
also takes ``module:attr`` and ``spacy:PIPELINE`` (docs/predictions.md).
"""

from __future__ import annotations

from typing import Any

from .base import Extractor, silver
from .registry import BUILTINS, ExtractorSpec


def get_extractor(name: str, **options: Any) -> Extractor:
    """The extractor ``name`` names (:mod:`.run`: a built-in, an entry point, ``module:attr``,
    ``spacy:PIPELINE``), built with ``options`` (a trained one needs ``train``: documents to
    learn from)."""
    from .run import load_extractor

    return load_extractor(name, **options)


__all__ = ["BUILTINS", "Extractor", "ExtractorSpec", "get_extractor", "silver"]

"""Extractors run one after another, each seeing the layers the earlier ones produced (the
quote extractor links speakers to the entity extractor's mentions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..model.document import Document
from .base import Extractor, silver


class Pipeline:
    def __init__(self, name: str, steps: Sequence[Extractor]) -> None:
        self.name = name
        self.steps = list(steps)
        self.version = "+".join(f"{s.name}-{s.version}" for s in self.steps)
        self.layers = tuple(dict.fromkeys(x for s in self.steps for x in s.layers))

    def predict(self, doc: Document) -> Document:
        layers: dict[str, list[Any]] = {}
        current = doc
        for step in self.steps:
            out = step.predict(current)
            for layer in step.layers:
                layers[layer] = list(getattr(out, layer))
            current = silver(doc, self, **layers)
        return current


def baseline_pipeline(train: Iterable[Document]) -> Pipeline:
    """Gazetteer entities, then quotes whose speakers are those entities, then dates."""
    from .dates import DateExtractor
    from .gazetteer import GazetteerExtractor
    from .quotes import QuoteExtractor

    return Pipeline("baseline", [GazetteerExtractor(train), QuoteExtractor(), DateExtractor()])

"""The extractor interface: anything that reads a document's text (and metadata, for the
publication date) and proposes annotations for some layers. Plug in a spaCy pipeline, GLiNER or
an LLM by writing one class with ``name``, ``version``, ``layers`` and ``predict``."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..model.document import Document, LayerScope, Provenance
from ..model.labels import Layer


@runtime_checkable
class Extractor(Protocol):
    name: str
    version: str
    layers: tuple[Layer, ...]

    def predict(self, doc: Document) -> Document:
        """The same document (id, text, metadata) with this extractor's layers filled in."""
        ...


def silver(doc: Document, extractor: Extractor, **layers: list) -> Document:  # type: ignore[type-arg]
    """``doc`` with ``layers`` replaced and provenance saying which extractor made them.

    Declared layers are the extractor's plus any other layer passed (an extractor that links
    quotes to the entity mentions it was given passes those mentions along)."""
    provenance = Provenance(
        annotators=[extractor.name],
        status="silver",
        guideline_version=doc.annotation.guideline_version,
        tool=f"{extractor.name} {extractor.version}",
        layers=[LayerScope(layer=name) for name in dict.fromkeys([*extractor.layers, *layers])],
    )
    empty = {name: [] for name in ("zones", "entities", "quotes", "claims", "dates")}
    return Document.model_validate(
        {**doc.model_dump(), **empty, **layers, "annotation": provenance.model_dump()}
    )

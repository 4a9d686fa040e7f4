"""The extractor interface: anything that reads a document's text (and metadata, for the
publication date) and proposes annotations for some layers. Plug in a spaCy pipeline, GLiNER or
an LLM by writing one class with ``name``, ``version``, ``layers`` and ``predict``."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..model.checks import checked_document
from ..model.document import Document, LayerScope, Provenance
from ..model.labels import LAYERS, Layer

_KEPT = tuple(name for name in Document.model_fields if name not in {*LAYERS, "annotation"})


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

    Only the extractor's own layers are declared: they are what it predicted. Another layer
    passed along is an input it was given (the quote extractor keeps the entity mentions its
    speakers point at): it stays in the document for the next step but is not declared, so it
    is never scored as a prediction nor written as one
    (:func:`newsanno.formats.predictions.predicted_body`)."""

    def provenance(names: list[str]) -> Provenance:
        return Provenance(
            annotators=[extractor.name],
            status="silver",
            guideline_version=doc.annotation.guideline_version,
            tool=f"{extractor.name} {extractor.version}",
            layers=[LayerScope(layer=name) for name in names],  # type: ignore[arg-type]
        )

    inputs = [name for name in layers if name not in extractor.layers]
    own = provenance(list(extractor.layers))
    # the document's own records go in as models, which pydantic takes without validating them
    # again (about a fifth of the time of this step); the layers are replaced, not copied
    kept = {name: getattr(doc, name) for name in _KEPT}
    # checked with the inputs declared, so that references into them (speakers) resolve
    checked = checked_document(
        {
            **kept,
            **{name: [] for name in LAYERS},
            **layers,
            "annotation": provenance([*extractor.layers, *inputs]) if inputs else own,
        }
    )
    return checked.model_copy(update={"annotation": own}) if inputs else checked

"""Prediction files (docs/predictions.md, ``schema/prediction.schema.json``): JSON lines of
documents without their text, each carrying only the layers its producer declares. Written
here by extractors and scripts alike, read by ``evaluate``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from ..corpus import sha256_text
from ..files import atomic_output
from ..model.document import Document
from ..model.labels import LAYERS


def predicted_body(doc: Document) -> dict[str, Any]:
    """The document without its text and without the layers it does not declare: an
    extractor's inputs are not its predictions."""
    declared = {s.layer for s in doc.annotation.layers}
    undeclared = {name for name in LAYERS if name not in declared}
    return doc.model_dump(exclude={"text", *undeclared}, mode="json")


def write_predictions(docs: Iterator[Any], out: Path) -> int:
    """JSON lines of documents (id, text_sha256, the layers they declare; no text): what
    ``evaluate`` reads. Layers a document holds without declaring them (an extractor's inputs)
    are left out. Written to a temporary file that replaces ``out`` only when every document
    was written, so a failure leaves an existing ``out`` as it was."""
    n = 0
    with atomic_output(out) as f:
        for doc in docs:
            body = predicted_body(doc)
            f.write(orjson.dumps({"id": doc.id, "text_sha256": sha256_text(doc.text), **body}))
            f.write(b"\n")
            n += 1
    return n

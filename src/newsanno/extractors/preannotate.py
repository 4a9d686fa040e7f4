"""Silver annotations for new articles, ready to be corrected in an annotation tool.

An extractor runs over the documents nothing has been annotated in yet (no layer declared), or
over the documents named; its layers are written with status ``silver`` and provenance naming
the extractor and its version (:func:`newsanno.extractors.silver`). Gold documents are never
touched; silver ones only when asked, so a tool's corrected import is not overwritten by
accident."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import read_documents, write_document
from ..corpus.reader import corpus_ids
from ..errors import fail
from ..model.document import Document
from .base import Extractor, silver


@dataclass
class Preannotated:
    documents: int = 0
    annotations: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def render(self) -> str:
        made = ", ".join(f"{n} {k}" for k, n in sorted(self.annotations.items())) or "nothing"
        lines = [f"pre-annotated {self.documents} documents: {made}"]
        lines += [f"skipped {n}: {why}" for why, n in sorted(self.skipped.items())]
        return "\n".join(lines)


def _skip_reason(doc: Document, named: bool, overwrite_silver: bool) -> str | None:
    if doc.annotation.status == "gold" and doc.annotation.layers:
        return "gold documents (never overwritten)"
    if doc.annotation.layers and not overwrite_silver:
        return "already annotated (pass overwrite_silver to redo)" if named else "already annotated"
    return None


def preannotate(
    corpus: Path,
    extractor: Extractor,
    *,
    ids: Iterable[str] | None = None,
    overwrite_silver: bool = False,
) -> Preannotated:
    """Run ``extractor`` over the corpus documents selected and write its silver layers."""
    wanted = set(ids) if ids is not None else None
    missing = sorted(wanted.difference(corpus_ids(corpus)[0])) if wanted else []
    if missing:  # refused before anything is written
        raise fail("unknown-document", file=str(corpus), doc_id=missing[0], path=str(corpus))
    result = Preannotated()
    for doc in read_documents(corpus):
        if wanted is not None and doc.id not in wanted:
            continue
        reason = _skip_reason(doc, wanted is not None, overwrite_silver)
        if reason is not None:
            result.skipped[reason] += 1
            continue
        predicted = extractor.predict(doc)
        layers = {name: list(getattr(predicted, name)) for name in extractor.layers}
        out = silver(doc, extractor, **layers)
        write_document(corpus, out)
        result.documents += 1
        for name, records in layers.items():
            result.annotations[name] += len(records)
    return result

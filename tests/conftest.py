from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsanno.model import Document

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
SEED_ID = "2022-04-06-russia-peace-talks-dragging"

SMALL_TEXT = (
    'Moscow denies it.\n\nOn\u00a0Wednesday Dmitry Peskov said "talks are dragging". \U0001f600'
)


def span(text: str, needle: str, nth: int = 0) -> dict[str, Any]:
    """Offsets of the nth occurrence of ``needle``: tests never type offsets by hand."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def small_doc_dict(text: str = SMALL_TEXT) -> dict[str, Any]:
    return {
        "id": "small-doc",
        "text": text,
        "meta": {
            "title": "Moscow denies it",
            "published": "2022-04-06",
            "published_source": "stated",
            "language": "en",
            "license": "CC-BY-4.0",
            "redistribution": "full",
        },
        "annotation": {
            "annotators": ["test"],
            "status": "gold",
            "guideline_version": "1.0",
            "layers": [{"layer": x} for x in ("zones", "entities", "quotes", "claims", "dates")],
        },
        "zones": [{"id": "z1", "start": 0, "end": 17, "kind": "headline"}],
        "entities": [
            {
                "id": "m1",
                **span(text, "Moscow"),
                "label": "GPE",
                "entity": "russia",
                "metonymy": True,
            },
            {"id": "m2", **span(text, "Dmitry Peskov"), "label": "PERSON", "entity": "peskov"},
        ],
        "quotes": [
            {
                "id": "q1",
                **span(text, "talks are dragging"),
                "type": "direct",
                "cue": span(text, "said"),
                "speaker": "peskov",
                "speaker_explicit": True,
            },
        ],
        "claims": [
            {
                "id": "c1",
                **span(text, "talks are dragging"),
                "claimant": "peskov",
                "reported_by": "q1",
            },
            {
                "id": "c2",
                **span(text, "Moscow denies it"),
                "claimant": "russia",
                "relations": [{"type": "denies", "target": "c1"}],
            },
        ],
        "dates": [
            {
                "id": "t1",
                **span(text, "Wednesday"),
                "type": "DATE",
                "value": "2022-04-06",
                "anchor": "document",
            },
        ],
    }


@pytest.fixture
def small_doc() -> Document:
    return Document.model_validate(small_doc_dict())


@pytest.fixture
def small_corpus(tmp_path: Path, small_doc: Document) -> Path:
    from newsanno.corpus import write_document
    from newsanno.corpus.writer import init_corpus

    corpus = tmp_path / "corpus"
    init_corpus(corpus, "small")
    write_document(corpus, small_doc)
    return corpus


def through(name: str, doc: Document, root: Path) -> Document:
    """``doc`` written to a corpus, exported in the format ``name`` and imported back over it
    (the import must succeed)."""
    from newsanno.corpus import load_document, write_document
    from newsanno.corpus.layout import annotation_path
    from newsanno.corpus.writer import init_corpus
    from newsanno.formats import exporter, importer

    corpus, out = root / "corpus", root / name
    init_corpus(corpus, "round-trip")
    write_document(corpus, doc)
    export = exporter(name)(corpus, out)
    assert not [p for p in export.problems if p.severity == "error"]
    report = importer(name)(out, corpus)
    assert not [p for p in report.problems if p.severity == "error"], report.problems
    loaded = load_document(annotation_path(corpus, doc.id))
    assert loaded.document is not None
    return loaded.document

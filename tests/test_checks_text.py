"""Checks on the text itself, before any span."""

from __future__ import annotations

from typing import Any

from newsanno.model.checks import validate_document


def _document(text: str, layers: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": "d",
        "text": text,
        "meta": {
            "title": "t",
            "published_source": "unknown",
            "language": "en",
            "license": "unknown",
            "redistribution": "annotations-only",
        },
        "annotation": {
            "annotators": ["x"],
            "status": "gold",
            "guideline_version": "1",
            "layers": layers or [],
        },
    }


def test_a_text_starting_with_u_feff_is_refused_with_the_bom_code() -> None:
    """Written to a file, the text would start with a byte order mark, which readers drop."""
    data = _document("\ufeffMoscow")
    doc, problems = validate_document(data)
    assert doc is None
    assert [p.code for p in problems] == ["bom"]
    data["text"] = "Moscow\ufeff"  # inside the text it is an ordinary (zero-width) character
    doc, problems = validate_document(data)
    assert doc is not None and problems == []


def test_a_mismatched_span_keeps_an_excerpt_of_the_text_not_the_text() -> None:
    """Regression: each span-text-mismatch held the whole slice of the text, so 10,000 long
    mismatched mentions of a 100,000-character text made validate hold a gigabyte."""
    text = "word " * 2000
    data = _document(text, [{"layer": "entities"}])
    data["entities"] = [{"id": "m1", "start": 0, "end": 9999, "text": "x", "label": "ORG"}]
    doc, problems = validate_document(data)
    assert doc is None
    (found,) = [p for p in problems if p.code == "span-text-mismatch"]
    assert len(found.fields["expected"]) < 600
    assert found.fields["expected"].startswith("word word")
    assert "9,999 characters" in found.fields["expected"]

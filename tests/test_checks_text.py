"""Checks on the text itself, before any span."""

from __future__ import annotations

from newsanno.model.checks import validate_document


def test_a_text_starting_with_u_feff_is_refused_with_the_bom_code() -> None:
    """Written to a file, the text would start with a byte order mark, which readers drop."""
    data = {
        "id": "d",
        "text": "\ufeffMoscow",
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
            "layers": [],
        },
    }
    doc, problems = validate_document(data)
    assert doc is None
    assert [p.code for p in problems] == ["bom"]
    data["text"] = "Moscow\ufeff"  # inside the text it is an ordinary (zero-width) character
    doc, problems = validate_document(data)
    assert doc is not None and problems == []

from __future__ import annotations

import json

from conftest import REPO
from newsanno.model.jsonschema import drifted, schemas


def test_committed_json_schema_matches_models() -> None:
    assert drifted(REPO / "schema") == [], "run `newsanno schema` and commit schema/"


def test_schema_documents_offsets_and_forbids_extra_fields() -> None:
    schema = json.loads((REPO / "schema" / "document.schema.json").read_text())
    assert "Unicode code points" in schema["$comment"]
    assert schema["additionalProperties"] is False
    assert all(
        d.get("additionalProperties") is False
        for d in schema["$defs"].values()
        if d.get("type") == "object"
    )
    assert set(schemas()) == {
        "document.schema.json",
        "annotation-file.schema.json",
        "prediction.schema.json",
    }

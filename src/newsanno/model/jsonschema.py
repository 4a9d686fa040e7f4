"""The JSON Schema files in ``schema/`` are generated from the models here; a test fails when the
committed files drift from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from .document import AnnotationFile, Document
from .prediction import Prediction

OFFSETS_NOTE = (
    "All offsets are half-open [start, end) indices in Unicode code points (Python str indices) "
    "over the exact document text."
)


def schemas() -> dict[str, dict[str, Any]]:
    out = {}
    for name, model in (
        ("document", Document),
        ("annotation-file", AnnotationFile),
        ("prediction", Prediction),
    ):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$comment"] = OFFSETS_NOTE
        out[f"{name}.schema.json"] = schema
    return out


def render(schema: dict[str, Any]) -> bytes:
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def write_schemas(folder: Path) -> list[Path]:
    from ..files import write_atomic
    from ..outputs import creating, output_folder

    with creating(output_folder(folder)):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        write_atomic(path, render(schema))
        written.append(path)
    return written


def drifted(folder: Path) -> list[str]:
    """Names of schema files that differ from what the models generate."""
    return [
        name
        for name, schema in schemas().items()
        if not (folder / name).is_file() or (folder / name).read_bytes() != render(schema)
    ]

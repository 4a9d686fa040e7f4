"""Turn pydantic's validation errors into coded problems that name the annotation id."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import Problem, problem

_CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "literal_error": "unknown-label",
    "empty_span": "empty-span",
    "timex_value": "bad-date-value",
    "iso_date": "bad-date-value",
}


def schema_problems(
    exc: ValidationError, raw: Any, *, file: str = "", doc_id: str = ""
) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        location = render_location(loc)
        ann_id = _annotation_id(raw, loc)
        code = _CODES.get(err["type"], "schema")
        common = {"file": file, "doc_id": doc_id, "annotation_id": ann_id, "location": location}
        if code == "unknown-field":
            p = problem(code, field=str(loc[-1]) if loc else "", **common)
        elif code == "missing-field":
            p = problem(code, **common)
        elif code == "unknown-label":
            p = problem(
                code, value=err.get("input"), allowed=err.get("ctx", {}).get("expected"), **common
            )
        elif code == "empty-span":
            ctx = err.get("ctx", {})
            p = problem(code, start=ctx.get("start"), end=ctx.get("end"), **common)
        else:
            p = problem(code, reason=err["msg"], **common)
        out.append(p)
    return out


def render_location(loc: tuple[Any, ...]) -> str:
    """A path into a document as problems name it: ``entities[3].label``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


def _annotation_id(raw: Any, loc: tuple[Any, ...]) -> str:
    """The id of the innermost record on the error's path that has one."""
    found = ""
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str) and len(loc) > 1:
            found = node["id"]
    return found

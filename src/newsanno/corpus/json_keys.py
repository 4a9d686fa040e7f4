"""Keys given twice in one JSON object. orjson, pydantic and the standard library all keep the
last value of a repeated key, so an annotator's first value would be lost without a word.

The check costs one ``orjson.dumps`` and two byte counts per file. Every colon of a JSON text
separates a key from its value or lies inside a string, and a serializer writes colons in
strings as they are; so the parsed value, written again, holds as many colons as the text
exactly when no key was repeated (a repeated key takes its colon, and those of the values it
replaced, with it). Only a file where the counts differ is parsed again, slowly, to name each
repeated key with its path."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

import orjson

from ..errors import Problem, problem
from ..model.schema_errors import render_location


@dataclass(frozen=True)
class RepeatedKey:
    location: str  # the path of the key, as schema problems write it: entities[3].label
    key: str
    annotation_id: str  # the id of the innermost record around it that has one
    path: tuple[str | int, ...]  # the path as keys and indices: the task of an export list


class _Members(list[tuple[str, Any]]):
    """The members of one JSON object in file order, repeated keys included."""


def repeated_keys(data: bytes, parsed: Any) -> list[RepeatedKey]:
    """Every key of ``data`` (JSON that parsed into ``parsed``) given again in its object."""
    try:
        if colons(data) == orjson.dumps(parsed).count(b":"):
            return []
    except orjson.JSONEncodeError:  # nested deeper than orjson writes: read slowly
        pass
    found: list[RepeatedKey] = []
    # orjson parsed ``data``, so it nests at most 1024 deep; the standard library's reader and
    # the walk take a frame per level, which the default limit (1000 in all) does not cover
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + 2 * _ORJSON_DEPTH)
    try:
        _walk(json.loads(data, object_pairs_hook=_Members), (), "", found)
    finally:
        sys.setrecursionlimit(limit)
    return found


_ORJSON_DEPTH = 1024  # the deepest nesting orjson parses


def colons(data: bytes, literal: int | None = None) -> int:
    """The colons of the JSON text ``data``, those written as an escape included (after an
    escaped backslash, 'u003a' is text: an overcount, which only costs the slow reading).
    ``literal``: the number of colon bytes, when the caller counted them faster."""
    n = data.count(b":") if literal is None else literal
    if b"\\" in data and b"\\u003" in data:
        n += data.count(b"\\u003a") + data.count(b"\\u003A")
    return n


def repeated_key_problems(data: bytes, parsed: Any, *, file: str, doc_id: str) -> list[Problem]:
    """A ``duplicate-key`` problem for each key :func:`repeated_keys` finds."""
    return [
        problem(
            "duplicate-key",
            file=file,
            doc_id=doc_id,
            annotation_id=r.annotation_id,
            location=r.location,
            key=r.key,
        )
        for r in repeated_keys(data, parsed)
    ]


def _walk(node: Any, loc: tuple[str | int, ...], ann_id: str, found: list[RepeatedKey]) -> None:
    if isinstance(node, list) and not isinstance(node, _Members):
        for i, item in enumerate(node):
            _walk(item, (*loc, i), ann_id, found)
        return
    if not isinstance(node, _Members):
        return
    if loc:  # the document's own id is no annotation id; a repeated id counts as read
        ann_id = next((v for k, v in reversed(node) if k == "id" and isinstance(v, str)), ann_id)
    seen: set[str] = set()
    for key, value in node:
        if key in seen:
            found.append(RepeatedKey(render_location((*loc, key)), key, ann_id, (*loc, key)))
        seen.add(key)
        _walk(value, (*loc, key), ann_id, found)

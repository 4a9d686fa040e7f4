"""The shape of a parsed annotation file, checked on plain Python values before it becomes Arrow:
records are objects with their required fields and no others, lists are lists, integers are
ints (Arrow would take 1.0 for 1, the models do not), defaulted fields are not null (Arrow reads
a missing field and a null alike). Generated from the models' fields, as straight-line code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, get_args, get_origin

import orjson
from pydantic import BaseModel

from .columns import model_of, nullable, unwrap

_SETTING_TYPES = (str, int, float, bool)
# orjson reads an integer beyond 64 bits as a float of that size: a number outside the range
# (or -2**63 itself) goes to the model path, which refuses an integer there and keeps a float
_NUMBERS = (int, float)
_LOW, _HIGH = -(2**63), 2**63


@dataclass(frozen=True)
class Shape:
    """What a record of one model may hold, generated from its fields."""

    allowed: frozenset[str]
    required: frozenset[str]
    not_null: tuple[str, ...]  # fields with a default that a null would not satisfy
    ints: tuple[str, ...]  # strict ints: Arrow would take 1.0 for 1, the models do not
    lists: tuple[str, ...]  # lists of scalars
    records: tuple[tuple[str, Shape], ...]
    record_lists: tuple[tuple[str, Shape], ...]
    dicts: tuple[str, ...]  # free-form settings, stored as JSON text


@cache
def shape(model: type[BaseModel]) -> Shape:
    fields = model.model_fields
    not_null, ints, lists, records, record_lists, dicts = [], [], [], [], [], []
    for name, info in fields.items():
        inner = unwrap(info.annotation)
        if not info.is_required() and not nullable(info.annotation):
            not_null.append(name)
        if inner is int:
            ints.append(name)
        elif model_of(inner):
            records.append((name, shape(inner)))
        elif get_origin(inner) is list:
            item = model_of(unwrap(get_args(inner)[0]))
            if item:
                record_lists.append((name, shape(item)))
            else:
                lists.append(name)
        elif get_origin(inner) is dict:
            dicts.append(name)
    return Shape(
        frozenset(fields),
        frozenset(n for n, f in fields.items() if f.is_required()),
        tuple(not_null),
        tuple(ints),
        tuple(lists),
        tuple(records),
        tuple(record_lists),
        tuple(dicts),
    )


def plain_check(model: type[BaseModel]) -> Any:
    """A function ``ok(data)``: True when ``data`` has the shape of ``model``: records are
    objects with the required fields and no other, lists are lists, integers are ints,
    defaulted fields are not null. Free-form settings are checked and replaced by their JSON
    text (the form Arrow and the release hold)."""
    return _compiled(shape(model))


@cache
def _compiled(s: Shape) -> Any:
    """:func:`plain_check` for one shape as straight-line Python, generated from the shape: it
    runs once per record of every document read, the reader's hottest loop."""
    env: dict[str, Any] = {"R": s.required, "A": s.allowed, "TYPES": _SETTING_TYPES}
    env.update(NUMBERS=_NUMBERS, LOW=_LOW, HIGH=_HIGH)
    env["dumps"], env["SORT"] = orjson.dumps, orjson.OPT_SORT_KEYS
    code = [
        "def ok(d):",
        "    if type(d) is not dict:",
        "        return False",
        "    k = d.keys()",
        "    if not (k >= R and k <= A):",
        "        return False",
    ]
    for name in s.not_null:
        code += [f"    if d.get({name!r}, 0) is None:", "        return False"]
    for name, kind in [*((n, "int") for n in s.ints), *((n, "list") for n in s.lists)]:
        code += [
            f"    v = d.get({name!r})",
            f"    if v is not None and type(v) is not {kind}:",
            "        return False",
        ]
    for i, (name, child) in enumerate(s.records):
        env[f"record{i}"] = _compiled(child)
        code += [
            f"    v = d.get({name!r})",
            f"    if v is not None and not record{i}(v):",
            "        return False",
        ]
    for i, (name, child) in enumerate(s.record_lists):
        env[f"item{i}"] = _compiled(child)
        code += [
            f"    v = d.get({name!r})",
            "    if v is not None:",
            "        if type(v) is not list:",
            "            return False",
            "        for x in v:",
            f"            if not item{i}(x):",
            "                return False",
        ]
    for name in s.dicts:
        code += [
            f"    v = d.get({name!r})",
            "    if v is not None:",
            "        if type(v) is not dict or any(type(x) not in TYPES for x in v.values()):",
            "            return False",
            "        if any(type(x) in NUMBERS and not LOW < x < HIGH for x in v.values()):",
            "            return False",
            f"        d[{name!r}] = dumps(v, option=SORT).decode()",
        ]
    code.append("    return True")
    exec("\n".join(code), env)
    return env["ok"]

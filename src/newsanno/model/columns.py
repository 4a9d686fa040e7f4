"""The models as Arrow types: one mapping, used by the release's ``documents`` schema and by the
columnar reader, so a field added to a model appears in both without a second definition."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    bool: pa.bool_(),
    float: pa.float64(),
}


def arrow_type(annotation: Any) -> pa.DataType:
    """Arrow type of a pydantic field annotation. ``dict`` fields (free-form settings) are
    stored as JSON strings with sorted keys: Arrow maps cannot hold mixed value types."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return arrow_type(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no Arrow type for the union {annotation}")
        return arrow_type(args[0])
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(get_args(annotation)[0]))
    if origin is dict:
        return pa.string()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(model_fields(annotation))
    return SCALARS[annotation]


def model_fields(model: type[BaseModel], exclude: tuple[str, ...] = ()) -> list[pa.Field]:
    return [
        pa.field(name, arrow_type(info.annotation))
        for name, info in model.model_fields.items()
        if name not in exclude
    ]


def json_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths of the ``dict`` fields stored as JSON strings (only through nested models)."""
    paths: list[tuple[str, ...]] = []
    for name, info in model.model_fields.items():
        inner = unwrap(info.annotation)
        if get_origin(inner) is dict:
            paths.append((*prefix, name))
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            paths += json_paths(inner, (*prefix, name))
    return paths


def unwrap(annotation: Any) -> Any:
    """The annotation without ``Annotated`` and without ``| None``."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return unwrap(args[0]) if len(args) == 1 else annotation
    return annotation

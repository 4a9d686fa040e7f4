"""The models as Arrow types: one mapping, used by the release's ``documents`` schema and by the
columnar reader (annotation files as one Arrow array per batch), so a field added to a model
appears in both without a second definition."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

from .document import AnnotationFile

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


def nullable(annotation: Any) -> bool:
    """True when the annotation admits None (``X | None``, through ``Annotated``)."""
    while get_origin(annotation) is not None and hasattr(annotation, "__metadata__"):
        annotation = get_args(annotation)[0]
    return type(None) in get_args(annotation)


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The annotation when it is a model class, else None."""
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


# annotation files as Arrow: the type of the columnar reader's batches
ANNOTATION_TYPE: pa.StructType = arrow_type(AnnotationFile)


def to_arrow(records: list[dict[str, Any]]) -> tuple[pa.StructArray, list[int]]:
    """The records (shape already checked) as one struct array, and the positions of those
    whose values Arrow refused (a string for a number, a number out of range): one conversion
    for the batch, and one per record only when the batch fails."""
    try:
        return pa.array(records, type=ANNOTATION_TYPE), []
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        pass
    kept, refused = [], []
    for i, record in enumerate(records):
        try:
            pa.array([record], type=ANNOTATION_TYPE)
            kept.append(record)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            kept.append({})  # a placeholder row, flagged below
            refused.append(i)
    return pa.array(kept, type=ANNOTATION_TYPE), refused

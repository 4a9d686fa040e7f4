"""One mapping from the schema to storage: pydantic models -> pyarrow schemas -> datasets.Features.

The ``documents`` schema is generated from :class:`~newsanno.model.document.DocumentBody`, so a
field added to the model appears in the release without a second definition. The derived
configs (``ner``, ``quotes``, ``claims``, ``dates``) are flat rows made for training; their
columns are listed here, next to the generated one, and reuse the label tuples of the model.
Every column is nullable: a public release withholds text as null (the columns that carry text
are named in the layer table, :mod:`newsanno.model.layers`).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from ..model.columns import model_fields
from ..model.document import DocumentBody
from ..model.labels import ENTITY_LABELS
from ..model.layers import layer_table

# documents, then the config each layer feeds, in the layer table's order
CONFIGS: tuple[str, ...] = ("documents", *(s.config for s in layer_table() if s.config))
DEFAULT_CONFIG = "documents"
# BIO names in ClassLabel id order: O, then B-/I- per entity label in the schema's order.
NER_TAGS: tuple[str, ...] = ("O", *(f"{p}-{label}" for label in ENTITY_LABELS for p in "BI"))

_S, _I, _B = pa.string(), pa.int32(), pa.bool_()

DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("id", _S),
        pa.field("text", _S),
        pa.field("text_sha256", _S),
        pa.field("text_length", _I),
        pa.field("text_withheld", _B),
        *model_fields(DocumentBody, exclude=("id",)),
    ]
)
NER_SCHEMA = pa.schema(
    [
        ("id", _S),
        ("document_id", _S),
        ("tokens", pa.list_(_S)),
        ("ner_tags", pa.list_(pa.int64())),
        ("token_starts", pa.list_(_I)),
        ("token_ends", pa.list_(_I)),
        ("status", _S),
    ]
)
_CONTEXT = [
    ("id", _S),
    ("document_id", _S),
    ("annotation_id", _S),
    ("context", _S),
    ("context_start", _I),
    ("start", _I),
    ("end", _I),
    ("text", _S),
    ("status", _S),
]
QUOTE_SCHEMA = pa.schema(
    [
        *_CONTEXT,
        ("type", _S),
        ("cue_start", _I),
        ("cue_end", _I),
        ("cue_text", _S),
        ("speaker", _S),
        ("speaker_name", _S),
        ("speaker_label", _S),
        ("speaker_reason", _S),
        ("speaker_explicit", _B),
    ]
)
CLAIM_SCHEMA = pa.schema(
    [
        *_CONTEXT,
        ("claimant", _S),
        ("claimant_name", _S),
        ("claimant_label", _S),
        ("reported_by", _S),
        ("relations", pa.list_(pa.struct([("type", _S), ("target", _S)]))),
    ]
)
DATE_SCHEMA = pa.schema(
    [
        *_CONTEXT,
        ("type", _S),
        ("value", _S),
        ("mod", _S),
        ("anchor", _S),
        ("anchor_value", _S),
        ("published", _S),
    ]
)
SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENT_SCHEMA,
    "ner": NER_SCHEMA,
    "quotes": QUOTE_SCHEMA,
    "claims": CLAIM_SCHEMA,
    "dates": DATE_SCHEMA,
}


def features(config: str) -> Any:
    """``datasets.Features`` of a config: the Arrow schema, with ``ner_tags`` as ClassLabel.
    Imports ``datasets`` (slow), so only the card writer and tests call it."""
    import datasets

    feats = datasets.Features.from_arrow_schema(SCHEMAS[config])
    if config == "ner":
        feats["ner_tags"] = datasets.List(datasets.ClassLabel(names=list(NER_TAGS)))
    return feats

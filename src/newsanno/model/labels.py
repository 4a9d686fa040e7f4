"""Closed label sets. Each is a ``Literal`` (so strict validation accepts JSON strings) plus the
ordered tuple of its values (so ClassLabel ids, tables and docs all share one order)."""

from typing import Literal, get_args

EntityLabel = Literal[
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
]
ENTITY_LABELS: tuple[str, ...] = get_args(EntityLabel)

# Names (and numeric expressions) are what NER tags; nominals ("its southern neighbour") and
# pronouns ("we") are mentions too, for coreference, speakers and claimants.
MentionType = Literal["name", "nominal", "pronoun"]

ZoneKind = Literal["headline", "standfirst", "byline", "dateline", "caption", "body", "boilerplate"]
ZONE_KINDS: tuple[str, ...] = get_args(ZoneKind)

QuoteType = Literal["direct", "indirect", "mixed"]
QUOTE_TYPES: tuple[str, ...] = get_args(QuoteType)

# Why a quote has no speaker link: the speaker is never named, named only outside the
# document, or a collective/anonymous source that is not an entity mention.
SpeakerReason = Literal["unnamed", "not-in-text", "anonymous", "unknown"]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TIMEX_TYPES: tuple[str, ...] = get_args(TimexType)

ClaimRelationType = Literal["denies", "supports"]

# Each layer has an entry, in this order, in the layer table (layers.py).
Layer = Literal["zones", "entities", "quotes", "claims", "dates"]
LAYERS: tuple[str, ...] = get_args(Layer)

Status = Literal["gold", "silver"]
# How a layer's annotations in a region were made. ``automatic`` output is silver until a person
# has checked every item (then ``corrected``); ``adjudicated`` merges independent annotations.
Method = Literal["imported", "manual", "corrected", "adjudicated", "automatic"]
PublishedSource = Literal["stated", "inferred", "unknown"]
Redistribution = Literal["full", "annotations-only"]

# Claimant values that are not entity clusters; cluster ids may not use them.
AUTHOR = "author"
UNATTRIBUTED = "unattributed"
RESERVED_CLAIMANTS: frozenset[str] = frozenset({AUTHOR, UNATTRIBUTED})
# Anchor of a relative date resolved against the publication date.
DOCUMENT_ANCHOR = "document"

"""The annotation schema: one pydantic model per record, the single source of truth.

Every span is half-open ``[start, end)`` in **Unicode code points** (Python ``str`` indices)
over the document's exact text; ``text`` repeats the covered characters so that a shifted
offset is caught. Exporters needing UTF-16 or byte offsets convert explicitly.

Models check the shape of each record; cross-record rules (bounds, text equality, references,
duplicates) live in :mod:`newsanno.model.checks` so that every problem gets its own code. They
are an explicit call (``check_document``, or ``checked_document`` to refuse), never a side effect
of building a model: a reader reports every problem of a document instead of the first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .labels import (
    ClaimRelationType,
    EntityLabel,
    Layer,
    MentionType,
    Method,
    PublishedSource,
    QuoteType,
    Redistribution,
    SpeakerReason,
    Status,
    TimexType,
    ZoneKind,
)
from .timex import TYPE_KINDS, value_kind

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"
Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Letters, digits, '-' and '_', starting with a letter or digit: safe as a "
        "file name, never a path.",
    ),
]
Offset = Annotated[int, Field(ge=0, description="Unicode code point index into the text.")]
SHA256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


def _iso_date_or_datetime(value: str) -> str:
    try:
        (datetime if "T" in value else date).fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "iso_date", "not an ISO 8601 date or datetime: '{value}'", {"value": value}
        ) from None
    return value


IsoDate = Annotated[str, AfterValidator(_iso_date_or_datetime)]


class Record(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Extent(Record):
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _non_empty(self) -> Extent:
        if self.end <= self.start:
            raise PydanticCustomError(
                "empty_span", "end {end} <= start {start}", {"start": self.start, "end": self.end}
            )
        return self


class Span(Extent):
    text: str = Field(description="Exactly text[start:end] of the document.")


class Zone(Extent):
    """A structural region: scraped pages mix the article with headlines, captions, widgets."""

    id: Id
    kind: ZoneKind


class EntityMention(Span):
    id: Id
    label: EntityLabel
    mention_type: MentionType = Field(
        default="name",
        description="How the entity is referred to. Names include numeric expressions; "
        "token-classification exports (OntoNotes/CoNLL style) take names only.",
    )
    entity: Id | None = Field(
        default=None, description="Coreference cluster id shared by mentions of one entity."
    )
    kb_id: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$", description="Wikidata QID.")
    links: list[str] = Field(
        default_factory=list,
        description="Other knowledge-base references as URIs (DBpedia, Wikipedia), kept verbatim.",
    )
    metonymy: bool = Field(
        default=False, description="The name stands for something else ('Moscow denies')."
    )
    source_span: Extent | None = Field(
        default=None,
        description="The source corpus's extent when the conversion changed it (an imported "
        "name without its determiner, possessive or apposition).",
    )


class Cue(Span):
    """The reporting expression (said, told, called)."""


class Quote(Span):
    """``start``/``end``/``text`` cover the quoted content, without the quotation marks."""

    id: Id
    type: QuoteType
    cue: Cue | None = None
    speaker: Id | None = Field(description="Entity cluster id of the speaker, or null.")
    speaker_reason: SpeakerReason | None = Field(
        default=None, description="Required exactly when speaker is null."
    )
    speaker_explicit: bool = Field(
        description="The speaker is named or referred to in the quote's own sentence."
    )

    @model_validator(mode="after")
    def _speaker_or_reason(self) -> Quote:
        if (self.speaker is None) == (self.speaker_reason is None):
            raise ValueError("give either a speaker or a speaker_reason, not both or neither")
        return self


class ClaimRelation(Record):
    type: ClaimRelationType
    target: Id = Field(description="Id of the claim this one denies or supports.")


class Claim(Span):
    id: Id
    claimant: Id = Field(
        description="Entity cluster id, or 'author', or 'unattributed'.",
    )
    reported_by: Id | None = Field(
        default=None, description="Id of the quote the claim is made in, if any."
    )
    relations: list[ClaimRelation] = Field(default_factory=list)


class Timex(Span):
    id: Id
    type: TimexType
    value: str = Field(description="TIMEX3 value: 2022-04-06, XXXX-02-24, P3D, PRESENT_REF, ...")
    anchor: Id | None = Field(
        default=None,
        description="'document' when resolved against the publication date, the id of another "
        "date when resolved against it, null when the expression is absolute.",
    )
    mod: str | None = Field(default=None, pattern=r"^[A-Z_]+$", description="TIMEX3 mod.")

    @model_validator(mode="after")
    def _value_grammar(self) -> Timex:
        kind = value_kind(self.value)
        if kind is None:
            raise PydanticCustomError(
                "timex_value", "value '{value}' is not a TIMEX3 value", {"value": self.value}
            )
        if kind not in TYPE_KINDS[self.type]:
            raise PydanticCustomError(
                "timex_value",
                "value '{value}' does not fit type {type}",
                {"value": self.value, "type": self.type},
            )
        return self


class Source(Record):
    """Where the text came from and how it was turned into plain text."""

    format: str = Field(description="text, html, meantime, gum, timeml, synthetic, ...")
    name: str | None = Field(default=None, description="Original file or corpus document name.")
    sha256: SHA256 | None = Field(default=None, description="Checksum of the original file.")
    extractor: str | None = Field(default=None, description="Tool and version that made the text.")
    settings: dict[str, str | int | float | bool] = Field(
        default_factory=dict,
        description="Free-form options of the conversion; integers within signed 64 bits.",
    )
    rule: str | None = Field(default=None, description="How the text was rebuilt, when it was.")

    @model_validator(mode="before")
    @classmethod
    def _settings_in_64_bits(cls, data: Any) -> Any:
        # JSON readers, orjson and Arrow hold integers in 64 bits: a larger one would become an
        # approximate float on the way to the release (the union takes it as a float too)
        settings = data.get("settings") if isinstance(data, dict) else None
        if isinstance(settings, dict):
            for key, v in settings.items():
                if type(v) is int and not -(2**63) <= v < 2**63:
                    raise PydanticCustomError(
                        "int_64_bits",
                        "setting '{key}' is an integer beyond 64 bits: {value}",
                        {"key": key, "value": v},
                    )
        return data


class Metadata(Record):
    title: str
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    publisher: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: IsoDate | None = None
    published_source: PublishedSource
    published_note: str | None = Field(default=None, description="How the date was inferred.")
    language: str = Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", description="BCP-47.")
    license: str = Field(description="SPDX id, or 'proprietary' / 'unknown'.")
    rights_holder: str | None = None
    attribution: str | None = None
    redistribution: Redistribution
    synthetic: bool = False
    source: Source | None = None

    @model_validator(mode="after")
    def _date_and_source_agree(self) -> Metadata:
        if (self.published is None) != (self.published_source == "unknown"):
            raise ValueError("published must be null exactly when published_source is 'unknown'")
        return self


class Region(Extent):
    """A part of the text, such as the sentences a layer was annotated in."""


class LayerScope(Record):
    """A layer that was annotated, where, by whom and how. Regions null: the whole text.

    A layer may be listed several times with disjoint regions when parts of the text were
    annotated differently (a source corpus's gold in the first sentences, the maintainers' own
    annotation in the rest). Unset provenance fields take the document's values."""

    layer: Layer
    regions: list[Region] | None = None
    annotators: list[str] | None = Field(
        default=None, min_length=1, description="Who annotated these regions; null: the document's."
    )
    status: Status | None = Field(default=None, description="Null: the document's status.")
    method: Method | None = Field(
        default=None,
        description="imported (a source corpus's annotation, converted; annotators listed "
        "after the source's added to it), manual, corrected "
        "(extractor output that a person checked item by item), adjudicated (independent "
        "annotations merged), automatic (extractor output nobody checked: never gold).",
    )
    source: str | None = Field(
        default=None,
        description="Where the annotation comes from: a corpus and version, or a tool.",
    )
    guideline_version: str | None = Field(
        default=None, description="Null: the document's guideline version."
    )


# The version of docs/annotation_guidelines.md that annotation done now follows: what a new
# document or an annotation imported without one records (a test keeps the two equal)
GUIDELINES_VERSION = "2.1"


class Provenance(Record):
    annotators: list[str] = Field(min_length=1)
    status: Status
    guideline_version: str
    tool: str | None = Field(default=None, description="Extractor and version, for silver data.")
    layers: list[LayerScope] = Field(
        description="The layers annotated; a layer not listed was not annotated at all, so "
        "evaluation neither rewards nor penalises predictions for it."
    )

    def effective(self, scope: LayerScope) -> LayerScope:
        """The scope with every unset provenance field taken from the document."""
        return scope.model_copy(
            update={
                "annotators": scope.annotators or self.annotators,
                "status": scope.status or self.status,
                "guideline_version": scope.guideline_version or self.guideline_version,
            }
        )


class DocumentBody(Record):
    """Everything about a document except its text: what an annotation file holds."""

    id: Id
    meta: Metadata
    annotation: Provenance
    zones: list[Zone] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    dates: list[Timex] = Field(default_factory=list)


class AnnotationFile(DocumentBody):
    """On-disk form: the text lives in its own file; its checksum pins the offsets to it."""

    schema_version: int = Field(ge=1, le=1)
    text_sha256: SHA256


class Document(DocumentBody):
    text: str

    def body(self) -> dict[str, Any]:
        return self.model_dump(exclude={"text"})

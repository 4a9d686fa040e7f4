"""The prediction format that ``newsanno evaluate`` reads: one JSON object per line, one line per
document. It is the annotation-file form with most fields optional, so a corpus document, an
extractor's output or a hand-written line all qualify.

Which layers a line predicts: the layers ``annotation.layers`` lists when it is given, else the
layer lists present in the line (``"entities": []`` predicts that the document has no mentions).
A line that predicts no layer is refused, and so is scoring a layer a line does not predict:
neither may silently score as an empty prediction.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .document import SHA256, Id, Offset
from .labels import EntityLabel, Layer, QuoteType, TimexType


class _Loose(BaseModel):
    """Further fields (``text``, ``mention_type``, ``meta`` ...) are allowed and ignored."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)


class PredictedSpan(_Loose):
    start: Offset
    end: Offset = Field(description="Exclusive; greater than start.")
    id: str | None = Field(default=None, description="Named in --errors output.")


class PredictedMention(PredictedSpan):
    label: EntityLabel
    entity: str | None = Field(
        default=None, description="Cluster id; quotes' speakers and claims' claimants use it."
    )


class PredictedCue(_Loose):
    start: Offset
    end: Offset


class PredictedQuote(PredictedSpan):
    type: QuoteType | None = None
    cue: PredictedCue | None = None
    speaker: str | None = Field(
        default=None,
        description="A cluster id of this line's entities, or a gold cluster id when the line "
        "predicts no entities (an extractor given the gold mentions).",
    )


class PredictedClaim(PredictedSpan):
    claimant: str


class PredictedTimex(PredictedSpan):
    type: TimexType
    value: str


class PredictedLayer(_Loose):
    layer: Layer
    regions: list[PredictedCue] | None = Field(
        default=None, description="Where the layer was predicted; null: the whole text."
    )


class PredictedLayers(_Loose):
    layers: list[PredictedLayer] = Field(description="The layers this line predicts.")


class Prediction(_Loose):
    """One line of a predictions file."""

    id: Id
    text_sha256: SHA256 | None = Field(
        default=None,
        description="sha256 of the UTF-8 text predicted on; required unless 'text' is given.",
    )
    text: str | None = Field(default=None, description="The text itself, instead of its sha256.")
    annotation: PredictedLayers | None = Field(
        default=None, description="Null: the layers are the lists present in the line."
    )
    entities: list[PredictedMention] | None = None
    quotes: list[PredictedQuote] | None = None
    claims: list[PredictedClaim] | None = None
    dates: list[PredictedTimex] | None = None

"""The slice of a document that scoring needs, as plain tuples: gold and predictions stream in
as dicts (JSON lines, Parquet rows, ``Document.model_dump()``) and are scored without building
pydantic models, which would cost more than the scoring itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

Regions = tuple[tuple[int, int], ...] | None


class Mention(NamedTuple):
    start: int
    end: int
    label: str
    cluster: str | None
    id: str


class QuoteRec(NamedTuple):
    start: int
    end: int
    type: str
    cue: tuple[int, int] | None
    speaker: str | None
    id: str


class ClaimRec(NamedTuple):
    start: int
    end: int
    claimant: str
    id: str


class TimexRec(NamedTuple):
    start: int
    end: int
    type: str
    value: str
    id: str


@dataclass(slots=True)
class DocRecords:
    """One document's annotations; ``scopes`` maps each declared layer to its regions."""

    id: str
    text_sha256: str
    scopes: dict[str, Regions]
    entities: list[Mention] = field(default_factory=list)
    quotes: list[QuoteRec] = field(default_factory=list)
    claims: list[ClaimRec] = field(default_factory=list)
    dates: list[TimexRec] = field(default_factory=list)
    text: str | None = None


def _regions(scope: dict[str, Any]) -> Regions:
    regions = scope.get("regions")
    return None if regions is None else tuple((r["start"], r["end"]) for r in regions)


def records_of(d: dict[str, Any], text_sha256: str, text: str | None = None) -> DocRecords:
    """Build from the schema's dict form (an annotation file, a prediction line, a dump)."""
    annotation = d.get("annotation") or {}
    scopes = {s["layer"]: _regions(s) for s in annotation.get("layers", ())}
    quotes = []
    for q in d.get("quotes", ()):
        cue = q.get("cue")
        quotes.append(
            QuoteRec(
                q["start"],
                q["end"],
                q.get("type", ""),
                None if cue is None else (cue["start"], cue["end"]),
                q.get("speaker"),
                q.get("id", ""),
            )
        )
    return DocRecords(
        id=d["id"],
        text_sha256=text_sha256,
        scopes=scopes,
        entities=[
            Mention(m["start"], m["end"], m["label"], m.get("entity"), m.get("id", ""))
            for m in d.get("entities", ())
        ],
        quotes=quotes,
        claims=[
            ClaimRec(c["start"], c["end"], c["claimant"], c.get("id", ""))
            for c in d.get("claims", ())
        ],
        dates=[
            TimexRec(t["start"], t["end"], t["type"], t["value"], t.get("id", ""))
            for t in d.get("dates", ())
        ],
        text=text,
    )

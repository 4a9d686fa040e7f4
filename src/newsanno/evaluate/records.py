"""The slice of a document that scoring needs, as plain tuples: gold and predictions stream in
as dicts (JSON lines, Parquet rows, ``Document.model_dump()``) and are scored without building
pydantic models, which would cost more than the scoring itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, get_args

from ..model.labels import ENTITY_LABELS, QUOTE_TYPES, TIMEX_TYPES, MentionType

Regions = tuple[tuple[int, int], ...] | None
MENTION_TYPES: tuple[str, ...] = get_args(MentionType)


class Mention(NamedTuple):
    start: int
    end: int
    label: str
    cluster: str | None
    id: str
    mention_type: str = "name"


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


def gold_scopes(annotation: dict[str, Any], include_silver: bool = False) -> dict[str, Regions]:
    """Layer -> regions that count as gold: a scope's own status, else the document's. Silver
    regions are left out unless asked for, so unchecked output never scores as truth; a layer
    with only silver regions is then not scored at all."""
    doc_status = annotation.get("status", "gold")
    out: dict[str, Regions] = {}
    whole: dict[str, None] = {}  # in the order declared, so messages listing them are stable
    for s in annotation.get("layers", ()):
        if not include_silver and (s.get("status") or doc_status) != "gold":
            continue
        layer, regions = s["layer"], s.get("regions")
        if regions is None:
            whole[layer] = None
            continue
        out[layer] = (*(out.get(layer) or ()), *((r["start"], r["end"]) for r in regions))
    return {**out, **whole}


def records_of(
    d: dict[str, Any], text_sha256: str, text: str | None = None, include_silver: bool = True
) -> DocRecords:
    """Build from the schema's dict form (an annotation file, a prediction line, a dump).
    Gold sources pass ``include_silver=False`` to score only what people annotated."""
    scopes = gold_scopes(d.get("annotation") or {}, include_silver)
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
            Mention(
                m["start"],
                m["end"],
                m["label"],
                m.get("entity"),
                m.get("id", ""),
                m.get("mention_type", "name"),
            )
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


# the label each layer's records carry at index 2, and the values it may take ("" for a quote
# without a type: the type is then simply not scored as right)
_LABELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "entities": ("label", ENTITY_LABELS),
    "quotes": ("type", ("", *QUOTE_TYPES)),
    "dates": ("type", TIMEX_TYPES),
}


def _int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _span_problem(
    layer: str, start: object, end: object, ident: object, length: int | None
) -> str | None:
    if not (_int(start) and _int(end)):
        # a JSON number past 64 bits is parsed as a float: 10**30 shows as 1e+30
        return f"{layer} {ident!r}: offsets {start!r}, {end!r} are not 64-bit integers"
    if not 0 <= start < end:  # type: ignore[operator]
        return f"{layer} {ident!r}: [{start}, {end}) is not a non-empty span"
    if length is not None and end > length:  # type: ignore[operator]
        return f"{layer} {ident!r}: [{start}, {end}) ends after the text (length {length})"
    return None


def problem_in(rec: DocRecords) -> str | None:
    """What makes records read from an untrusted prediction unscorable, if anything: spans that
    are not integer offsets into the text, labels and ids that are not strings."""
    length = None if rec.text is None else len(rec.text)
    optional = (str, type(None))
    checks: list[tuple[str, list, tuple[tuple[int, type | tuple[type, ...]], ...]]] = [  # type: ignore[type-arg]
        ("entities", rec.entities, ((2, str), (3, optional), (4, str), (5, str))),
        ("quotes", rec.quotes, ((2, str), (4, optional))),
        ("claims", rec.claims, ((2, str),)),
        ("dates", rec.dates, ((2, str), (3, str))),
    ]
    for layer, items, fields in checks:
        for item in items:
            reason = _span_problem(layer, item.start, item.end, item.id, length)
            if reason:
                return reason
            for index, kind in fields:
                if not isinstance(item[index], kind):
                    return f"{layer} {item.id!r}: {item._fields[index]} {item[index]!r} is invalid"
        name, allowed = _LABELS.get(layer, ("", ()))
        for item in items if allowed else ():
            if item[2] not in allowed:
                listed = ", ".join(allowed)
                return f"{layer} {item.id!r}: {name} {item[2]!r} is not one of {listed}"
        if layer == "entities":
            for m in items:
                if m.mention_type not in MENTION_TYPES:
                    listed = ", ".join(MENTION_TYPES)
                    return (
                        f"entities {m.id!r}: mention_type {m.mention_type!r} is not one of {listed}"
                    )
        if layer == "quotes":
            for q in items:
                if q.cue is not None and _span_problem("quotes", *q.cue, q.id, length):
                    return f"quotes {q.id!r}: the cue is not a span of the text"
    return None

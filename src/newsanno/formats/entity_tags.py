"""What the token-tagging formats (CoNLL, spaCy ``doc.ents``) can hold of the entity layer:
names only (the guidelines keep nominal and pronoun mentions out of NER), without overlaps.
Shared by the exporters (which mentions to tag, what is dropped) and the importers (which
corpus mentions to keep because the format never carried them)."""

from __future__ import annotations

from typing import Any

from ..model.document import EntityMention
from ..model.spans import longest_disjoint
from . import Report
from .pipeline import not_carried


def taggable(
    mentions: list[EntityMention],
    report: Report | None = None,
    *,
    no_space_edges: bool = False,
    fmt: str = "",
) -> list[EntityMention]:
    """Name mentions in text order, the longest kept where two overlap (the outermost of a
    nested pair); what is left out is counted in ``report``. ``no_space_edges``: the format
    keeps no whitespace (CoNLL), so a mention starting or ending with a space cannot be tagged.
    ``fmt`` names the format in the counts."""
    names = [m for m in mentions if m.mention_type == "name"]
    if no_space_edges:
        edged = [m for m in names if m.text != m.text.strip()]
        names = [m for m in names if m.text == m.text.strip()]
        if report is not None:
            not_carried(report, fmt, "mentions starting or ending with whitespace", len(edged))
    kept = longest_disjoint(names, lambda m: (m.start, m.end))
    if report is not None:
        others = sum(m.mention_type != "name" for m in mentions)
        not_carried(report, fmt, "nominal and pronoun mentions", others)
        not_carried(report, fmt, "nested or overlapping mentions", len(names) - len(kept))
        attributes = sum(bool(m.entity or m.kb_id or m.links or m.metonymy) for m in kept)
        not_carried(report, fmt, "mention ids, clusters, KB ids and metonymy flags", attributes)
    return kept


def merge_tagged(
    old: list[EntityMention],
    spans: list[tuple[int, int, str]],
    text: str,
    *,
    no_space_edges: bool = False,
) -> list[dict[str, Any]]:
    """The entity layer after importing tagged ``spans`` over the corpus mentions ``old``:
    a mention the format could not carry stays; a carried one stays whole (id, cluster, KB ids)
    when a span with its offsets and label comes back, and is gone otherwise; other spans are
    new mentions."""
    carried = {m.id for m in taggable(old, no_space_edges=no_space_edges)}
    by_key = {(m.start, m.end, m.label): m for m in old if m.id in carried}
    back = {by_key[s].id for s in spans if s in by_key}
    out = [m.model_dump() for m in old if m.id not in carried or m.id in back]
    for start, end, label in spans:
        if (start, end, label) not in by_key:  # a new mention: the import gives it an id
            out.append({"start": start, "end": end, "text": text[start:end], "label": label})
    return out

"""Corrections of a source corpus's own mistakes, applied when it is imported.

An imported layer is what its source says, converted by named rules. Where the source
contradicts its own article (a year typed wrong), an erratum corrects that one value and says
why, so the correction is made again on every import and listed in ``docs/import_mappings.md``
rather than edited into the corpus by hand. Each erratum names the value it expects: a source
fixed upstream, or changed, no longer matches, and the import warns that the erratum went
unused instead of overwriting anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import problem
from .mapping import Rule

if TYPE_CHECKING:
    from .pipeline import Incoming

RULE = "source-erratum"
RULES: tuple[Rule, ...] = (
    Rule(
        RULE,
        "any",
        "A value the source gives that its own article contradicts, corrected; every "
        "correction is listed with its reason under Errata below.",
    ),
)


@dataclass(frozen=True)
class Erratum:
    """One field of one source record: ``src`` is the importer's key for the record (what its
    problems name) and ``text`` the record's text, which must both still match, as must
    ``found``, the value the source gives."""

    doc_id: str
    layer: str
    src: str
    text: str
    field: str
    found: str
    corrected: str
    reason: str


def apply_errata(inc: Incoming, errata: Iterable[Erratum]) -> None:
    """Correct ``inc``'s records that the errata name; an erratum of this document that
    matches no record is an ``erratum-unused`` warning."""
    for e in errata:
        if e.doc_id != inc.doc_id:
            continue
        record = next(
            (
                r
                for r in inc.layers.get(e.layer, ())
                if str(r.get("_src")) == e.src and r.get("text") == e.text
            ),
            None,
        )
        if record is None or record.get(e.field) != e.found:
            inc.problems.append(
                problem(
                    "erratum-unused",
                    file=inc.file,
                    doc_id=inc.doc_id,
                    annotation_id=e.src,
                    layer=e.layer,
                    text=e.text,
                    field=e.field,
                    found=e.found,
                )
            )
            continue
        record[e.field] = e.corrected
        record["_rules"] = [*record.get("_rules", ()), RULE]


def errata_markdown(errata: dict[str, tuple[Erratum, ...]]) -> str:
    """Every erratum of every source (``{source: errata}``), one row each."""
    from ..generated import markdown_code, markdown_text

    lines = [
        "| source | document | record | field | source value | corrected | why |",
        "|---|---|---|---|---|---|---|",
    ]
    for source, found in errata.items():
        for e in found:
            cells = (
                markdown_text(source),
                markdown_code(e.doc_id),
                f"{markdown_code(e.layer)} {markdown_code(e.src)}: {markdown_text(e.text)}",
                markdown_code(e.field),
                markdown_code(e.found),
                markdown_code(e.corrected),
                markdown_text(e.reason),
            )
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"

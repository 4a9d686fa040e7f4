"""The layer table: one entry per annotation layer, read by everything that treats layers alike.

The cross-record checks (ids, duplicates, spans, layer scopes), the release rows and what a
public release withholds, the stats, the corpus writer and the viewer iterate this table rather
than lists of their own, so a layer cannot be validated but left out of the stats, or released
with its text when the text must be withheld. Adding a layer (its model, an entry here, the
guidelines) is described in ``docs/architecture.md``.

Code that does something particular to one layer (reference checks, the rows of a derived
config, a viewer card) names that layer itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, get_args

from .document import Claim, EntityMention, Extent, Quote, Span, Timex, Zone

FieldPath = tuple[str, ...]


@dataclass(frozen=True)
class LayerSpec:
    """What the package needs to know about one layer.

    ``name`` is both the document field holding the layer's records and the layer's name in
    ``annotation.layers``. ``label`` is the field holding each record's label, ``None`` for an
    unlabelled layer, whose records all count under the layer's name in the singular;
    ``relations`` the field holding a record's typed links to others (counted by type).
    ``text_columns`` are the columns of ``config`` (the release config the layer feeds besides
    ``documents``) that hold or are derived from the text. The text-carrying spans of a record
    are found from its model: the record itself when it is a ``Span``, and every field holding
    one (a quote's cue)."""

    name: str
    model: type[Extent]
    id_prefix: str
    label: str | None
    relations: str | None = None
    config: str | None = None
    text_columns: tuple[str, ...] = ()

    @cached_property
    def span_paths(self) -> tuple[FieldPath, ...]:
        """Where a record's spans are: () the record itself, ("cue",) its cue."""
        paths: list[FieldPath] = [()] if issubclass(self.model, Span) else []
        for name, info in self.model.model_fields.items():
            kinds = get_args(info.annotation) or (info.annotation,)
            if any(isinstance(k, type) and issubclass(k, Span) for k in kinds):
                paths.append((name,))
        return tuple(paths)

    def records(self, doc: Any) -> list[Any]:
        """This layer's records in a document."""
        return getattr(doc, self.name)  # type: ignore[no-any-return]

    def spans(self, record: Any) -> Iterator[Any]:
        """The text-carrying spans of one record, as models or as the dicts they dump to."""
        for path in self.span_paths:
            span = record
            for key in path:
                span = span.get(key) if isinstance(span, dict) else getattr(span, key)
                if span is None:
                    break
            else:
                yield span

    def labels(self, record: Any) -> list[str]:
        """What one record counts under in the stats: its label, then its relations' types."""
        label = self.name.removesuffix("s") if self.label is None else getattr(record, self.label)
        links = getattr(record, self.relations) if self.relations else ()
        return [label, *(link.type for link in links)]


TABLE: tuple[LayerSpec, ...] = (
    LayerSpec("zones", Zone, id_prefix="z", label="kind"),
    LayerSpec(
        "entities",
        EntityMention,
        id_prefix="m",
        label="label",
        config="ner",
        text_columns=("tokens",),
    ),
    LayerSpec(
        "quotes",
        Quote,
        id_prefix="q",
        label="type",
        config="quotes",
        text_columns=("context", "text", "cue_text", "speaker_name"),
    ),
    LayerSpec(
        "claims",
        Claim,
        id_prefix="c",
        label=None,
        relations="relations",
        config="claims",
        text_columns=("context", "text", "claimant_name"),
    ),
    LayerSpec(
        "dates",
        Timex,
        id_prefix="t",
        label="type",
        config="dates",
        text_columns=("context", "text"),
    ),
)


def layer_table() -> tuple[LayerSpec, ...]:
    """The table, looked up at call time: readers never keep a copy, so a table extended at run
    time (a plugin's layer) reaches all of them."""
    return TABLE


def layer_names() -> tuple[str, ...]:
    return tuple(spec.name for spec in layer_table())

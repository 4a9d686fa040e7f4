"""Which figure a count belongs to: a layer, one of its figures (an entity scheme, a span match,
an attribute) and, for the per-label entity figures, a label.

Reports and JSON spell a key ``layer/figure[/label]``. A key is equal to that spelling and hashes
as it does, so a table keyed by :class:`FigureKey` also answers a lookup written the way the
reports print it (``ev.counts["entities/strict"]``); the code itself never parses one."""

from __future__ import annotations

from typing import Literal, NamedTuple

Metric = Literal["f1", "accuracy"]


class FigureKey(NamedTuple):
    layer: str
    figure: str
    label: str = ""  # "": the figure over every label

    def __str__(self) -> str:
        if self.label:
            return f"{self.layer}/{self.figure}/{self.label}"
        return f"{self.layer}/{self.figure}"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self) == other
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(str(self))

    @classmethod
    def parse(cls, text: str) -> FigureKey:
        """The key a report's spelling names (a label keeps any further ``/``)."""
        layer, _, rest = text.partition("/")
        figure, _, label = rest.partition("/")
        return cls(layer, figure, label)

    @property
    def overall(self) -> FigureKey:
        """The same figure over every label."""
        return self._replace(label="")

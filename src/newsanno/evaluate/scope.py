"""Annotation scope: corpora such as MEANTIME annotate only some sentences of a document, and
evaluation must neither reward nor penalise what falls outside them.

The rule, for a layer whose gold scope lists regions:

- a gold span is scored when it overlaps a region (the validator already requires gold spans to
  lie inside one, so in valid gold this keeps them all);
- a predicted span is scored when it overlaps a region, even if it straddles the region's
  boundary: it claims text that was annotated, so it can match a gold span there, and when it
  matches nothing it is spurious. A predicted span lying wholly outside every region is dropped
  (nobody annotated that text, so it is neither right nor wrong).

A layer the gold does not declare is not scored at all; regions ``None`` mean the whole text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ..model.regions import RegionIndex
from .records import Regions

S = TypeVar("S", bound=Sequence[int])


def in_scope(items: list[S], regions: Regions) -> list[S]:
    """The items (start, end, ...) that overlap a region; all of them when regions is None."""
    if regions is None:
        return items
    index = RegionIndex(regions)
    return [x for x in items if index.touches(x[0], x[1])]

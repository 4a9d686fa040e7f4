"""The ``quotes``, ``claims`` and ``dates`` configs of a batch as columns: each annotation's
context (the lines or sentences it touches, trimmed) found with numpy searches over the whole
batch, every other column taken from the batch's values list by list. ``rows.quote_rows``,
``rows.claim_rows`` and ``rows.date_rows`` define the same rows one document at a time, and
``tests/test_build_columnar.py`` holds both to the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from ..model.tokens import Joined, spaces
from .rows import CONTEXT_MARGIN, status_of, whole_status
from .tokens import TextUnits, trim

Regions = list[tuple[int, int, str]]

# trimming steps over whitespace taken for all annotations at once; longer runs one by one
_TRIM_STEPS = 4


@dataclass
class Items:
    """One layer's annotations in a batch: the document of each, its extent and id, and where
    each document's annotations are (``off[d]:off[d + 1]``)."""

    off: list[int]
    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    id: list[str]
    text: list[str]

    @classmethod
    def of(cls, off: list[int], col: dict[str, list[Any]]) -> Items:
        return cls(
            off,
            np.repeat(np.arange(len(off) - 1), np.diff(off)),
            np.asarray(col["start"], dtype=np.int64),
            np.asarray(col["end"], dtype=np.int64),
            col["id"],
            col["text"],
        )


def context_columns(
    ids: Sequence[str],
    joined: Joined,
    items: Items,
    units: TextUnits,
    regions: list[Regions],
    extent: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[dict[str, pa.Array | list[Any]], np.ndarray]:
    """The columns every context row has, and each row's context start (into its text).
    ``extent`` (into each text) is what each context must hold, as in ``rows._context``: every
    span the row gives offsets for, the annotation alone by default."""
    base = units.bases[items.doc]
    start, end = (items.start, items.end) if extent is None else extent
    start, end = start + base, end + base
    first = np.maximum(
        np.searchsorted(units.starts, start, side="right") - 1, units.first[items.doc]
    )
    last = np.maximum(first, np.searchsorted(units.starts, end) - 1)
    lo, hi = _trimmed(joined, units.starts[first], units.ends[last])
    lo = np.maximum(np.minimum(lo, start), start - CONTEXT_MARGIN)
    hi = np.minimum(np.maximum(hi, end), end + CONTEXT_MARGIN)
    text = joined.text
    context = [text[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True)]
    lo -= base
    doc_ids = [ids[d] for d in items.doc.tolist()]
    columns: dict[str, pa.Array | list[Any]] = {
        "id": [f"{d}:{a}" for d, a in zip(doc_ids, items.id, strict=True)],
        "document_id": doc_ids,
        "annotation_id": items.id,
        "context": context,
        "context_start": pa.array(lo, pa.int32()),
        "start": pa.array(items.start - lo, pa.int32()),
        "end": pa.array(items.end - lo, pa.int32()),
        "text": items.text,
        "status": _status(items, regions, (joined.ends - joined.bases[:-1]).tolist()),
    }
    return columns, lo


def _trimmed(joined: Joined, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``[lo, hi)`` (offsets over the batch) without leading and trailing whitespace, as
    :func:`newsanno.release.tokens.trim` gives it."""
    if not len(lo):
        return lo, hi
    codes = joined.codes
    start, end = lo.copy(), hi.copy()
    front = np.arange(len(lo))
    for _ in range(_TRIM_STEPS):
        front = front[start[front] < end[front]]
        front = front[spaces(codes[start[front]])]
        start[front] += 1
    back = np.arange(len(lo))
    for _ in range(_TRIM_STEPS):
        back = back[end[back] > start[back]]
        back = back[spaces(codes[end[back] - 1])]
        end[back] -= 1
    # a longer run of whitespace at an edge: trimmed from the start, as trim does
    for k in np.union1d(front, back).tolist():
        start[k], end[k] = trim(joined.text, int(lo[k]), int(hi[k]))
    return start, end


def _status(items: Items, regions: list[Regions], lengths: list[int]) -> list[str | None]:
    """The status of the region holding each annotation: one per document when a single
    region covers its text, else looked up annotation by annotation."""
    out: list[str | None] = []
    for d, found in enumerate(regions):
        lo, hi = items.off[d], items.off[d + 1]
        whole = whole_status(found, lengths[d])
        if whole is not None:
            out += [whole] * (hi - lo)
        else:
            out += [
                status_of(found, s, e)
                for s, e in zip(items.start[lo:hi].tolist(), items.end[lo:hi].tolist(), strict=True)
            ]
    return out

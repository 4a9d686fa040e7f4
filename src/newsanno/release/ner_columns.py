"""The ``ner`` config of a batch of documents, as arrays: every text tokenized at once
(:func:`newsanno.model.tokens.batch_tokens`), BIO tags and the sentence rows found with numpy
searches over the token offsets, the token strings sliced from one buffer. Python runs once per
document and per mention, never per token: ``rows.ner_rows`` defines the same rows one
document at a time, and ``tests/test_build_columnar.py`` holds both to the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from ..errors import Problem, problem
from ..model.tokens import Joined, TokenBatch, batch_tokens
from .arrow import NER_SCHEMA
from .bio import TAG_ID, select_mentions, split_words
from .rows import status_of, whole_status
from .tokens import TextUnits


class Mention(NamedTuple):
    """The fields of an entity mention that NER tagging reads."""

    id: str
    start: int
    end: int
    label: str


@dataclass
class Names:
    """The name mentions of a batch, in document order: the only ones BIO tags are made of."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: list[str]
    id: list[str]

    def of(self, d: int, rows: np.ndarray) -> list[Mention]:
        return [
            Mention(self.id[k], int(self.start[k]), int(self.end[k]), self.label[k])
            for k in rows
            if self.doc[k] == d
        ]


@dataclass
class NerDocs:
    """What the ``ner`` rows of a batch are made of, one entry per document (``cut_doc`` and
    ``cut_at``: every annotation boundary, where tokens are cut)."""

    ids: Sequence[str]
    texts: Sequence[str]
    joined: Joined
    cut_doc: np.ndarray
    cut_at: np.ndarray
    names: Names
    regions: list[list[tuple[int, int, str]]]  # the entity layer's regions, with their status
    sentences: TextUnits
    withhold: np.ndarray
    clean: Sequence[bool]  # no span cuts a word: nothing to report


class NerRows(NamedTuple):
    batch: pa.RecordBatch
    counts: list[int]
    problems: list[Problem]


def ner_rows(docs: NerDocs) -> NerRows:
    """One row per sentence that has tokens: tokens, BIO tag ids and code-point offsets."""
    tok = batch_tokens(docs.joined, docs.cut_doc, docs.cut_at)
    tags = np.zeros(len(tok.starts), dtype=np.int64)
    found = _tag(docs, tok, tags)
    problems: list[Problem] = []
    counts: list[int] = []
    row_ids: list[str] = []
    row_docs: list[str] = []
    status: list[str] = []
    lo: list[np.ndarray] = []
    hi: list[np.ndarray] = []
    for d, doc_id in enumerate(docs.ids):
        base = tok.joined.bases[d]
        problems += found.get(d, [])
        units = slice(docs.sentences.first[d], docs.sentences.first[d + 1])
        i = np.searchsorted(tok.starts, docs.sentences.starts[units])
        j = np.searchsorted(tok.starts, docs.sentences.ends[units])
        i, j = i[j > i], j[j > i]
        regions = docs.regions[d]
        whole = whole_status(regions, len(docs.texts[d]))
        if whole is not None:
            status += [whole] * len(i)
        else:
            keep = np.zeros(len(i), dtype=bool)
            for k, (a, b) in enumerate(
                zip((tok.starts[i] - base).tolist(), (tok.ends[j - 1] - base).tolist(), strict=True)
            ):
                found_status = status_of(regions, a, b)
                if found_status is None:
                    problems.append(problem("ner-outside-scope", doc_id=doc_id, start=a, end=b))
                else:
                    keep[k] = True
                    status.append(found_status)
            i, j = i[keep], j[keep]
        n = len(i)
        row_ids += [f"{doc_id}:{k}" for k in range(n)]
        row_docs += [doc_id] * n
        counts.append(n)
        lo.append(i)
        hi.append(j)
    first = np.concatenate(lo) if lo else np.zeros(0, dtype=np.int64)
    last = np.concatenate(hi) if hi else np.zeros(0, dtype=np.int64)
    withheld = np.repeat(np.asarray(docs.withhold, dtype=bool), counts)
    tokens = _ranges(first, last)
    shown = _ranges(first[~withheld], last[~withheld])
    columns = {
        "id": pa.array(row_ids, pa.string()),
        "document_id": pa.array(row_docs, pa.string()),
        "tokens": _lists(
            np.where(withheld, 0, last - first),
            tok.words(shown),
            pa.array(withheld) if withheld.any() else None,
        ),
        "ner_tags": _lists(last - first, pa.array(tags[tokens], pa.int64())),
        "token_starts": _lists(last - first, pa.array(tok.local(tok.starts)[tokens], pa.int32())),
        "token_ends": _lists(last - first, pa.array(tok.local(tok.ends)[tokens], pa.int32())),
        "status": pa.array(status, pa.string()),
    }
    batch = pa.RecordBatch.from_arrays([columns[f.name] for f in NER_SCHEMA], schema=NER_SCHEMA)
    return NerRows(batch, counts, problems)


def _tag(docs: NerDocs, tok: TokenBatch, tags: np.ndarray) -> dict[int, list[Problem]]:
    """Set the BIO tags of the batch's name mentions; per document, what it warns of, in the
    order the one-document path gives: overlapping mentions left out, mentions that cover no
    token, mentions that cut a word."""
    names = docs.names
    start, end = names.start + tok.joined.bases[names.doc], names.end + tok.joined.bases[names.doc]
    kept = np.ones(len(start), dtype=bool)
    problems: dict[int, list[Problem]] = {}
    order = np.lexsort((end, start))  # offsets over the batch: no two documents overlap
    reach = np.maximum.accumulate(end[order]) if len(order) else end
    crowded = np.unique(names.doc[order][1:][start[order][1:] < reach[:-1]])
    for d in crowded.tolist():
        rows = np.flatnonzero(names.doc == d)
        chosen, problems[d] = select_mentions(docs.ids[d], names.of(d, rows))  # type: ignore[arg-type]
        chosen_ids = {m.id for m in chosen}
        kept[rows] = [names.id[k] in chosen_ids for k in rows]
    i = np.searchsorted(tok.starts, start)
    j = np.maximum(i, np.searchsorted(tok.ends, end, side="right"))
    for k in order[kept[order] & (i[order] == j[order])].tolist():
        d = int(names.doc[k])
        problems.setdefault(d, []).append(
            problem(
                "ner-unaligned-mention",
                doc_id=docs.ids[d],
                annotation_id=names.id[k],
                start=int(names.start[k]),
                end=int(names.end[k]),
            )
        )
    for d in np.flatnonzero(~np.asarray(docs.clean, dtype=bool)).tolist():
        mentions = names.of(d, order[kept[order]])
        found = split_words(docs.ids[d], docs.texts[d], mentions)  # type: ignore[arg-type]
        if found:
            problems.setdefault(d, []).extend(found)
    tagged = np.flatnonzero(kept & (j > i))
    begin = np.array([TAG_ID[f"B-{names.label[k]}"] for k in tagged.tolist()], dtype=np.int64)
    tags[i[tagged]] = begin
    inner = j[tagged] - i[tagged] - 1
    # every label's I- tag follows its B- tag
    tags[_ranges(i[tagged] + 1, j[tagged])] = np.repeat(begin + 1, inner)
    return problems


def _ranges(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``lo[k]:hi[k]`` for every k, one after the other."""
    sizes = hi - lo
    steps = np.ones(int(sizes.sum()), dtype=np.int64)
    if len(steps):
        heads = np.cumsum(sizes) - sizes
        nonempty = sizes > 0
        steps[heads[nonempty]] = lo[nonempty] - np.concatenate(([0], (hi - 1)[nonempty][:-1]))
        steps[0] = lo[nonempty][0]
    return np.cumsum(steps)


def _lists(sizes: np.ndarray, values: pa.Array, mask: pa.Array | None = None) -> pa.ListArray:
    offsets = np.zeros(len(sizes) + 1, dtype=np.int32)
    np.cumsum(sizes, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values, mask=mask)

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
from ..model.tokens import batch_tokens
from .arrow import NER_SCHEMA
from .bio import TAG_ID, select_mentions, split_words
from .rows import status_of
from .tokens import SentenceBatch


class Mention(NamedTuple):
    """The fields of an entity mention that NER tagging reads."""

    id: str
    start: int
    end: int
    label: str


@dataclass
class NerDocs:
    """What the ``ner`` rows of a batch are made of, one entry per document (``cut_doc`` and
    ``cut_at``: every annotation boundary, where tokens are cut)."""

    ids: Sequence[str]
    texts: Sequence[str]
    cut_doc: np.ndarray
    cut_at: np.ndarray
    names: list[list[Mention]]  # the name mentions
    regions: list[list[tuple[int, int, str]]]  # the entity layer's regions, with their status
    sentences: SentenceBatch
    withhold: np.ndarray
    clean: Sequence[bool]  # no span cuts a word: nothing to report


class NerRows(NamedTuple):
    batch: pa.RecordBatch
    counts: list[int]
    problems: list[Problem]


def ner_rows(docs: NerDocs) -> NerRows:
    """One row per sentence that has tokens: tokens, BIO tag ids and code-point offsets."""
    tok = batch_tokens(docs.texts, docs.cut_doc, docs.cut_at)
    tags = np.zeros(len(tok.starts), dtype=np.int64)
    problems: list[Problem] = []
    counts: list[int] = []
    row_ids: list[str] = []
    row_docs: list[str] = []
    status: list[str] = []
    lo: list[np.ndarray] = []
    hi: list[np.ndarray] = []
    for d, doc_id in enumerate(docs.ids):
        base = tok.bases[d]
        kept, found = select_mentions(doc_id, docs.names[d])  # type: ignore[arg-type]
        problems += found
        problems += _tag(doc_id, tok.starts, tok.ends, base, kept, tags)
        if not docs.clean[d]:
            problems += split_words(doc_id, docs.texts[d], kept)  # type: ignore[arg-type]
        units = slice(docs.sentences.first[d], docs.sentences.first[d + 1])
        i = np.searchsorted(tok.starts, docs.sentences.starts[units])
        j = np.searchsorted(tok.starts, docs.sentences.ends[units])
        i, j = i[j > i], j[j > i]
        regions = docs.regions[d]
        if len(regions) == 1 and regions[0][:2] == (0, len(docs.texts[d])):
            keep = np.ones(len(i), dtype=bool)
            status += [regions[0][2]] * len(i)
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


def _tag(
    doc_id: str,
    starts: np.ndarray,
    ends: np.ndarray,
    base: int,
    mentions: list[Mention],
    tags: np.ndarray,
) -> list[Problem]:
    """Set the BIO tags of ``mentions`` (not overlapping; tokens are cut at their edges); the
    mentions that cover no token, as problems."""
    if not mentions:
        return []
    at = np.array([(m.start, m.end) for m in mentions], dtype=np.int64) + base
    i = np.searchsorted(starts, at[:, 0])
    j = np.maximum(i, np.searchsorted(ends, at[:, 1], side="right"))
    problems = []
    for m, a, b in zip(mentions, i.tolist(), j.tolist(), strict=True):
        if a == b:
            problems.append(
                problem(
                    "ner-unaligned-mention",
                    doc_id=doc_id,
                    annotation_id=m.id,
                    start=m.start,
                    end=m.end,
                )
            )
            continue
        tags[a] = TAG_ID[f"B-{m.label}"]
        tags[a + 1 : b] = TAG_ID[f"I-{m.label}"]
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

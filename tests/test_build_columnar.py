"""The columnar build against the definition of the rows: ``release.rows.config_rows`` on each
document's model, the stats of ``Stats.add``, and Parquet written row by row the way the build
wrote it before (a row group ends after the document that fills the buffer). Same rows, same
warnings, same stats, same bytes: on synthetic documents, the repository's corpus, and
synthetic documents edited into the cases the rows treat apart (withheld texts, nested and
overlapping names, regions, silver scopes, no cue, no speaker, dates anchored on dates)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from newsanno.corpus import read_manifest
from newsanno.corpus.batch import read_batch
from newsanno.corpus.layout import annotation_path, text_path
from newsanno.corpus.reader import corpus_ids, load_document
from newsanno.corpus.splits import split_ids
from newsanno.model.layers import layer_table
from newsanno.model.tokens import join_texts
from newsanno.release import build
from newsanno.release.arrow import SCHEMAS
from newsanno.release.columnar import (
    batch_stats,
    derived_rows,
    documents_batch,
    valid_documents,
)
from newsanno.release.context_columns import Items, context_columns
from newsanno.release.rows import CONTEXT_MARGIN, config_rows, withheld
from newsanno.release.stats import Stats
from newsanno.release.tokens import batch_lines, enclosing, lines, trim
from newsanno.release.writer import ROW_GROUP, shard_name
from newsanno.synth import write_synthetic_corpus


def to_batch(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.RecordBatch:
    """Rows as the record batch of ``schema`` a Parquet file holds."""
    return pa.RecordBatch.from_struct_array(pa.array(rows, type=pa.struct(schema)))


def model_rows(corpus: Path, ids: list[str], public: bool) -> tuple[dict, list, Stats]:
    rows: dict[str, list[dict[str, Any]]] = {c: [] for c in SCHEMAS}
    problems: list[Any] = []
    stats = Stats()
    for doc_id in ids:
        doc = load_document(annotation_path(corpus, doc_id)).document
        assert doc is not None
        got, warnings = config_rows(doc, withheld(doc, public))
        for config, r in got.items():
            rows[config] += r
        problems += warnings
        stats.add(doc, "train")
    return rows, problems, stats


def columnar_rows(corpus: Path, ids: list[str], public: bool) -> tuple[dict, list, Stats]:
    valid = valid_documents(read_batch(corpus, ids))
    assert valid is not None and len(valid.array) == len(ids)
    redistribution = valid.array.field("meta").field("redistribution").to_pylist()
    withhold = np.array([public and r == "annotations-only" for r in redistribution])
    derived = derived_rows(valid, withhold)
    rows = {
        "documents": documents_batch(valid, withhold).to_pylist(),
        "ner": derived.ner.batch.to_pylist(),
        **{config: batch.to_pylist() for config, batch in derived.batches.items()},
    }
    return rows, derived.ner.problems, batch_stats(valid, "train")


def assert_same(corpus: Path, public: bool) -> set[str]:
    ids = corpus_ids(corpus)[0]
    expected_rows, expected_problems, expected_stats = model_rows(corpus, ids, public)
    rows, problems, stats = columnar_rows(corpus, ids, public)
    for config in SCHEMAS:
        # the model's rows through the config's Arrow schema: what the Parquet file holds
        expected = to_batch(expected_rows[config], SCHEMAS[config]).to_pylist()
        got = to_batch(rows[config], SCHEMAS[config]).to_pylist()
        assert len(got) == len(expected), config
        for a, b in zip(got, expected, strict=True):
            assert a == b, config
    assert problems == expected_problems
    assert stats == expected_stats
    return {p.code for p in problems}


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("synth") / "c", 40, seed=7, workers=1)


@pytest.mark.parametrize("public", [False, True])
def test_synthetic_rows_agree(synth: Path, public: bool) -> None:
    assert_same(synth, public)


@pytest.mark.parametrize("public", [False, True])
def test_repository_corpus_rows_agree(public: bool) -> None:
    assert "ner-split-word" in assert_same(CORPUS, public)


def offset_columns(schema: pa.Schema) -> list[tuple[str, str, str]]:
    """The (start, end, text) columns of a context config: ``start``/``end``/``text`` and each
    ``<x>_start``/``<x>_end``/``<x>_text`` (a cue); ``context_start`` counts in the document."""
    starts = [n for n in schema.names if n.endswith("start") and n != "context_start"]
    found = [(n, n.removesuffix("start") + "end", n.removesuffix("start") + "text") for n in starts]
    assert all(set(triple) <= set(schema.names) for triple in found)
    return found


def cuts(text: str, start: int, end: int, expected: str) -> bool:
    """Whether ``[start, end)`` lies in ``text`` and cuts ``expected`` out of it (a negative
    offset would slice from the end)."""
    return 0 <= start <= end <= len(text) and text[start:end] == expected


Misplaced = list[tuple[str, str, int, int]]


def misplaced_offsets(rows: dict[str, list[dict[str, Any]]]) -> Misplaced:
    """(row id, column, start, end) of every offset of every config that does not cut its text
    out of what it counts in: the document's text (spans of ``documents``, tokens of ``ner``,
    ``context_start``) or the row's context (the other offsets of a config with one)."""
    texts = {row["id"]: row["text"] for row in rows["documents"]}
    wrong = [w for row in rows["documents"] for w in _span_offsets(row)]
    wrong += [w for row in rows["ner"] for w in _token_offsets(row, texts[row["document_id"]])]
    for config, schema in SCHEMAS.items():
        for row in rows[config] if "context" in schema.names else ():
            wrong += _context_offsets(row, texts[row["document_id"]], offset_columns(schema))
    return wrong


def _span_offsets(row: dict[str, Any]) -> Misplaced:
    spans = [
        (spec.name, s) for spec in layer_table() for r in row[spec.name] for s in spec.spans(r)
    ]
    return [
        (row["id"], name, s["start"], s["end"])
        for name, s in spans
        if not cuts(row["text"], s["start"], s["end"], s["text"])
    ]


def _token_offsets(row: dict[str, Any], text: str) -> Misplaced:
    found = zip(row["token_starts"], row["token_ends"], row["tokens"], strict=True)
    return [(row["id"], "token_starts", s, e) for s, e, t in found if not cuts(text, s, e, t)]


def _context_offsets(
    row: dict[str, Any], text: str, columns: list[tuple[str, str, str]]
) -> Misplaced:
    context, at = row["context"], row["context_start"]
    wrong = []
    if not cuts(text, at, at + len(context), context):
        wrong.append((row["id"], "context_start", at, at + len(context)))
    for start, end, column in columns:
        s, e = row[start], row[end]
        if s is not None and not cuts(context, s, e, row[column]):
            wrong.append((row["id"], start, s, e))
    return wrong


@pytest.mark.parametrize("rows_of", [model_rows, columnar_rows], ids=["model", "columnar"])
def test_every_offset_of_the_repository_corpus_rows_cuts_its_text(rows_of: Any) -> None:
    """Regression: a quote's context held the lines of the quote only, so a cue on the line
    before or after it fell outside: 8 of the corpus's 804 quote rows had cue offsets that cut
    other text out of their context (gum-clock q8: cue_start -35, cue_end -28)."""
    rows = rows_of(CORPUS, corpus_ids(CORPUS)[0], False)[0]
    assert len(rows["quotes"]) > 800 and any(r["cue_start"] is not None for r in rows["quotes"])
    assert misplaced_offsets(rows) == []


def _edited(source: Path, out: Path, seed: int) -> Path:
    """Valid edits that reach every branch of the rows."""
    shutil.copytree(source, out)
    rng = random.Random(seed)
    for i, doc_id in enumerate(corpus_ids(out)[0]):
        path = annotation_path(out, doc_id)
        doc = orjson.loads(path.read_bytes())
        text = text_path(out, doc_id).read_text(encoding="utf-8")
        n = len(text)
        kind = i % 8
        if kind == 0:
            doc["meta"]["redistribution"] = "annotations-only"
        elif kind == 1:  # a name nested in another: one is left out of the BIO tags
            m = next(m for m in doc["entities"] if m["end"] - m["start"] > 3 and " " in m["text"])
            inner = m["text"].split(" ")[0]
            doc["entities"].append(
                {
                    "id": "nested1",
                    "start": m["start"],
                    "end": m["start"] + len(inner),
                    "text": inner,
                    "label": "ORG",
                }
            )
        elif kind == 2:  # entities in two silver and gold halves, then only the first half
            cut = text.index("\n", n // 2) + 1
            for s in doc["annotation"]["layers"]:
                if s["layer"] == "entities":
                    s["regions"] = [{"start": 0, "end": cut}]
                    s["status"] = "silver"
            doc["entities"] = [m for m in doc["entities"] if m["end"] <= cut]
        elif kind == 3:  # no cues, no speakers
            for q in doc["quotes"]:
                q["cue"] = None
                q["speaker"] = None
                q["speaker_reason"] = "unknown"
            for c in doc["claims"]:
                c["claimant"] = rng.choice(["author", "unattributed"])
        elif kind == 4:  # dates anchored on dates, no publication date
            dates = doc["dates"]
            for a, b in zip(dates[1:], dates, strict=False):
                if a["type"] == b["type"] == "DATE":
                    a["anchor"] = b["id"]
            doc["meta"]["published"] = None
            doc["meta"]["published_source"] = "unknown"
        elif kind == 5:  # a span cutting a word: read by the model path, released all the same
            m = next(m for m in doc["entities"] if m["end"] - m["start"] > 3)
            m["start"] += 1
            m["text"] = text[m["start"] : m["end"]]
        elif kind == 6:  # mention types, links, extents, provenance of its own per layer
            for m in doc["entities"][::3]:
                m["mention_type"] = "nominal"
                m["links"] = ["http://dbpedia.org/resource/X"]
                m["source_span"] = {"start": m["start"], "end": m["end"]}
            doc["annotation"]["layers"][1].update(annotators=["ana"], method="corrected")
            doc["meta"].pop("source", None)
            doc["meta"]["url"] = "https://news.example.com/a"
            doc["meta"].pop("publisher", None)
        else:  # layers not annotated at all
            doc["annotation"]["layers"] = [
                s for s in doc["annotation"]["layers"] if s["layer"] != "claims"
            ]
            doc["claims"] = []
            for q in doc["quotes"]:
                q["speaker_explicit"] = False
        path.write_bytes(orjson.dumps(doc))
    return out


@pytest.mark.parametrize("public", [False, True])
def test_edited_rows_agree(synth: Path, tmp_path: Path, public: bool) -> None:
    corpus = _edited(synth, tmp_path / "c", 1)
    codes = assert_same(corpus, public)
    assert codes >= {"ner-overlapping-mention", "ner-split-word", "ner-outside-scope"}
    flagged = sum(slot < 0 for slot in read_batch(corpus, corpus_ids(corpus)[0]).slots)
    assert flagged == 5  # the edited words (kind 5); the rest on the columnar path


# --- the files -------------------------------------------------------------------------------


def write_like_before(corpus: Path, ids: list[str], public: bool, out: Path) -> None:
    """Each config's Parquet file as the row-by-row writer made it: rows buffered document by
    document, a row group of the buffer once it reaches ROW_GROUP rows."""
    per_doc: dict[str, list[list[dict[str, Any]]]] = {c: [] for c in SCHEMAS}
    for doc_id in ids:
        doc = load_document(annotation_path(corpus, doc_id)).document
        got, _ = config_rows(doc, withheld(doc, public))
        for config, r in got.items():
            per_doc[config].append(r)
    for config, docs in per_doc.items():
        writer = None
        buffer: list[dict[str, Any]] = []
        for r in [*docs, None]:
            if r is not None:
                buffer += r
            if buffer and (r is None or len(buffer) >= ROW_GROUP):
                if writer is None:
                    path = out / f"{config}.parquet"
                    writer = pq.ParquetWriter(path, SCHEMAS[config], compression="zstd")
                writer.write_batch(to_batch(buffer, SCHEMAS[config]), row_group_size=ROW_GROUP)
                buffer = []
        if writer is not None:
            writer.close()


@pytest.mark.parametrize("public", [False, True])
def test_the_build_writes_the_same_bytes(synth: Path, tmp_path: Path, public: bool) -> None:
    corpus = _edited(synth, tmp_path / "c", 2)
    report = build(corpus, tmp_path / "dist", public=public, allow_synthetic=True, workers=1)
    splits = split_ids(corpus_ids(corpus)[0], read_manifest(corpus).splits)
    for split, ids in splits.items():
        out = tmp_path / f"before-{split}"
        out.mkdir()
        write_like_before(corpus, ids, public, out)
        for config in SCHEMAS:
            before = out / f"{config}.parquet"
            now = report.path / shard_name(config, split, 0)
            assert before.exists() == now.exists(), (config, split)
            if now.exists():
                assert now.read_bytes() == before.read_bytes(), (config, split)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from("ab. \n\t\u00a0\u3000!"), min_size=1),
            st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=4),
        ),
        max_size=5,
    )
)
@example([("ab\n \t     ab ab \u00a0      \nab", [(10, 2), (3, 1)]), ("\n\n", [])])
def test_contexts_of_a_batch_are_the_one_document_contexts(
    docs: list[tuple[str, list[tuple[int, int]]]],
) -> None:
    """Lines around each span, trimmed (whitespace runs of any length at either edge), and
    extended to the span, as rows._context gives them one document at a time."""
    texts = [text for text, _ in docs]
    spans = [
        [(s, min(s + n, len(text))) for s, n in found if s < len(text)] for text, found in docs
    ]
    off = [0, *np.cumsum([len(found) for found in spans]).tolist()]
    flat = [span for found in spans for span in found]
    col = {
        "start": [s for s, _ in flat],
        "end": [e for _, e in flat],
        "id": [f"x{k}" for k in range(len(flat))],
        "text": ["" for _ in flat],
    }
    regions = [[(0, len(text), "gold")] for text in texts]
    ids = [f"d{d}" for d in range(len(texts))]
    joined = join_texts(texts)
    columns, _ = context_columns(ids, joined, Items.of(off, col), batch_lines(joined), regions)
    expected = []
    for text, found in zip(texts, spans, strict=True):
        units = lines(text)
        starts = [s for s, _ in units]
        for s, e in found:
            a, b = trim(text, *enclosing(units, s, e, starts))
            a, b = max(min(a, s), s - CONTEXT_MARGIN), min(max(b, e), e + CONTEXT_MARGIN)
            expected.append(text[a:b])
    assert columns["context"] == expected


def test_a_context_in_a_line_without_end_is_cut_at_the_margin(tmp_path: Path) -> None:
    """Regression: each row copied its whole line, so a 500,000-character document in one line
    with 4,000 dates took 5.5 GB to build. Both definitions cut it the same way."""
    from conftest import small_doc_dict
    from newsanno.corpus import write_document
    from newsanno.corpus.writer import init_corpus
    from newsanno.model import Document

    doc = small_doc_dict()
    head = doc["text"]
    text = head + " " + "word " * 3_000 + "until Monday " + "word " * 3_000
    monday = text.index("Monday")
    doc["text"] = text
    doc["dates"] = [
        *doc["dates"],
        {
            "id": "t9",
            "start": monday,
            "end": monday + 6,
            "text": "Monday",
            "type": "DATE",
            "value": "2022-04-11",
            "anchor": "document",
        },
    ]
    corpus = tmp_path / "corpus"
    init_corpus(corpus, "long")
    write_document(corpus, Document.model_validate(doc))
    assert_same(corpus, public=False)
    rows = columnar_rows(corpus, ["small-doc"], public=False)[0]
    for config in ("quotes", "claims", "dates"):
        for row in rows[config]:
            start = row["context_start"]
            assert row["context"] == text[start : start + len(row["context"])]
            assert row["context"][row["start"] : row["end"]] == row["text"]
            assert len(row["context"]) <= 2 * CONTEXT_MARGIN + len(row["text"])
    [date] = [r for r in rows["dates"] if r["annotation_id"] == "t9"]
    assert (date["start"], len(date["context"])) == (CONTEXT_MARGIN, 2 * CONTEXT_MARGIN + 6)

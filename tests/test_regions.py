"""Layer regions: whether a span lies inside them, or overlaps them, is found by bisection, the
same answer as trying every region, so a document that declares thousands of regions is checked,
counted and scored in time n log n in its size (20,000 regions once took 50 s to validate and
25 s to build)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conftest import small_doc_dict
from newsanno.corpus import write_document
from newsanno.corpus.batch import read_batch
from newsanno.evaluate.scope import in_scope
from newsanno.model import Document
from newsanno.model.checks import check_document
from newsanno.model.regions import RegionIndex
from newsanno.release.columnar import batch_stats, valid_documents
from newsanno.release.stats import Stats

N = 10_000  # regions: trying each span against each region took 8 to 15 s per test below

extents = st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted).map(tuple)


@given(st.lists(extents, max_size=8), st.lists(extents, max_size=8))
def test_the_index_agrees_with_trying_every_region(
    regions: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> None:
    index = RegionIndex(regions)
    for start, end in spans:
        assert index.holds(start, end) == any(a <= start and end <= b for a, b in regions)
        assert index.touches(start, end) == any(start < b and a < end for a, b in regions)


def _many_regions(outside: bool) -> dict[str, Any]:
    """N one-character entity regions, a mention in each, and one past them when ``outside``."""
    d = small_doc_dict()
    d["text"] = "a " * N + "b"
    regions = [{"start": 2 * i, "end": 2 * i + 1} for i in range(N)]
    d["annotation"]["layers"] = [{"layer": "entities", "regions": regions}]
    mention = {"text": "a", "label": "PERSON", "mention_type": "name", "entity": "e1"}
    d["entities"] = [{**mention, "id": f"m{i}", "start": 2 * i, "end": 2 * i + 1} for i in range(N)]
    if outside:
        d["entities"].append({**mention, "id": "mx", "start": 2 * N, "end": 2 * N + 1, "text": "b"})
    d["zones"], d["quotes"], d["claims"], d["dates"] = [], [], [], []
    return d


def test_a_mention_outside_many_regions_is_found_in_time() -> None:
    doc = Document.model_validate(_many_regions(outside=True))
    started = time.process_time()
    found = [(p.code, p.annotation_id) for p in check_document(doc)]
    assert time.process_time() - started < 2
    assert found == [("outside-scope", "mx")]


def test_the_annotations_in_many_regions_are_counted_in_time(tmp_path: Path) -> None:
    doc = Document.model_validate(_many_regions(outside=False))
    write_document(tmp_path, doc)
    valid = valid_documents(read_batch(tmp_path, [doc.id]))
    assert valid is not None
    started = time.process_time()
    stats = Stats()
    stats.add(doc, "train")
    columnar = batch_stats(valid, "train")
    assert time.process_time() - started < 2
    assert columnar == stats
    key = ("text", "entities", "test", "gold", "", "")
    assert stats.provenance[(key, "annotations")] == N


def test_the_spans_scored_in_many_regions_are_found_in_time() -> None:
    regions = tuple((2 * i, 2 * i + 1) for i in range(N))
    spans = [(i, i + 1) for i in range(2 * N + 1)]  # every other one between two regions
    started = time.process_time()
    scored = in_scope(spans, regions)
    assert time.process_time() - started < 2
    assert scored == list(regions)

"""The date baseline on real news: MEANTIME's Wikinews articles, scored only in the sentences
MEANTIME annotates (the regions its importer declares for the dates layer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED
from newsanno.corpus import read_documents
from newsanno.evaluate import evaluate, write_predictions
from newsanno.extractors import get_extractor
from newsanno.formats import importer

MEANTIME = SHARED / "data" / "meantime"


@pytest.mark.slow
def test_dates_value_f1_on_meantime(tmp_path: Path) -> None:
    if not MEANTIME.is_dir():
        pytest.skip(f"MEANTIME is not at {MEANTIME} (shared data is absent in a fresh clone)")
    corpus = tmp_path / "meantime"
    importer("meantime")(MEANTIME, corpus)
    docs = list(read_documents(corpus))
    assert all(
        s.regions is not None for d in docs for s in d.annotation.layers if s.layer == "dates"
    )
    pred = tmp_path / "dates.jsonl"
    extractor = get_extractor("dates")
    write_predictions((extractor.predict(d) for d in docs), pred)
    ev = evaluate(corpus, pred, ["dates"], bootstrap=0, split=None)
    value = ev.figure("dates/value")
    relaxed = ev.figure("dates/relaxed")
    print(f"\nMEANTIME dates: value F1 {value['f1']:.3f}, relaxed F1 {relaxed['f1']:.3f}")
    assert ev.documents == 90
    assert value["f1"] >= 0.80

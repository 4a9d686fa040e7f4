"""Figure keys, the report order the span scorers declare, and the one P/R/F formula over
numbers and over the bootstrap's arrays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsanno.evaluate.bootstrap import _metric
from newsanno.evaluate.counts import Counts
from newsanno.evaluate.evaluator import headline_keys
from newsanno.evaluate.keys import FigureKey
from newsanno.evaluate.records import gold_scopes
from newsanno.evaluate.scorers import SCORERS


def test_a_key_is_written_and_looked_up_as_reports_spell_it() -> None:
    overall, by_label = FigureKey("entities", "strict"), FigureKey("entities", "strict", "PERSON")
    assert (str(overall), str(by_label)) == ("entities/strict", "entities/strict/PERSON")
    assert FigureKey.parse("entities/strict/PERSON") == by_label
    assert FigureKey.parse("quotes/speaker") == ("quotes", "speaker", "")
    assert by_label.overall == overall
    table = {overall: 1, by_label: 2}
    assert (table["entities/strict"], table["entities/strict/PERSON"]) == (1, 2)
    assert "entities/exact" not in table and FigureKey("entities", "exact") not in table
    assert sorted([by_label, FigureKey("dates", "value"), overall]) == [
        ("dates", "value", ""),
        overall,
        by_label,
    ]


def test_each_layer_reports_its_figures_in_order() -> None:
    assert {layer: s.figures for layer, s in SCORERS.items()} == {
        "entities": ("strict", "exact", "partial", "type"),
        "quotes": ("exact", "overlap", "tokens", "cue", "speaker", "type"),
        "claims": ("exact", "overlap", "claimant"),
        "dates": ("strict", "relaxed", "type", "value"),
    }
    assert [(str(k), m) for k, m in headline_keys(list(SCORERS))] == [
        ("entities/strict", "f1"),
        ("entities/partial", "f1"),
        ("quotes/exact", "f1"),
        ("quotes/tokens", "f1"),
        ("quotes/speaker", "accuracy"),
        ("claims/overlap", "f1"),
        ("claims/claimant", "accuracy"),
        ("dates/relaxed", "f1"),
        ("dates/value", "f1"),
    ]


_COUNTS = st.tuples(*[st.integers(0, 50)] * 5)


@given(st.lists(_COUNTS, min_size=1, max_size=6))
def test_bootstrap_metrics_equal_the_figures_of_the_same_counts(rows: list) -> None:  # type: ignore[type-arg]
    """The bootstrap derives each resample's figure with the same formula on arrays: equal to
    the digit, including the empty denominators."""
    sums = np.array([rows], dtype=np.float64)  # one resample, one key per row
    for metric in ("f1", "accuracy"):
        got = _metric(sums, [metric] * len(rows))[0]
        want = [Counts.of(list(r)).figures()[metric] for r in rows]
        assert got.tolist() == want


def test_declared_layers_keep_their_order() -> None:
    """Regression: whole-text layers came back in set order, so the layers an error message
    listed changed from run to run."""
    declared = ["quotes", "entities", "dates", "claims"]
    annotation = {"status": "gold", "layers": [{"layer": x} for x in declared]}
    assert list(gold_scopes(annotation)) == declared
    regions = [{"layer": "dates", "regions": [{"start": 0, "end": 4}]}, {"layer": "quotes"}]
    assert gold_scopes({"layers": regions}) == {"dates": ((0, 4),), "quotes": None}


@pytest.mark.parametrize("spelling", ["entities/strict", "dates/value"])
def test_figures_are_read_by_key_or_spelling(spelling: str) -> None:
    from newsanno.evaluate import DocRecords, evaluate_pairs

    gold = DocRecords("d", "0" * 64, {"entities": None, "dates": None}, text="x")
    ev = evaluate_pairs([(gold, None)], ["entities", "dates"], bootstrap=0)
    assert ev.figure(spelling) == ev.figure(FigureKey.parse(spelling))
    assert ev.counts[spelling] is ev.counts[FigureKey.parse(spelling)]

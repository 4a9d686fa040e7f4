"""Scorers against hand-computed counts, and entity figures against nervaluate itself."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsanno.evaluate.counts import Counts
from newsanno.evaluate.entities import score_entities
from newsanno.evaluate.evaluator import evaluate_pairs
from newsanno.evaluate.records import (
    ClaimRec,
    DocRecords,
    Mention,
    QuoteRec,
    TimexRec,
    records_of,
)
from newsanno.model import Document
from strategies import documents

ALL = {"entities": None, "quotes": None, "claims": None, "dates": None}


def doc(text: str = "", scopes=None, **layers) -> DocRecords:  # type: ignore[no-untyped-def]
    return DocRecords("d", "0" * 64, dict(ALL if scopes is None else scopes), text=text, **layers)


def counts(ev, key: str) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    c = ev.counts[key]
    return (c.cor, c.inc, c.par, c.mis, c.spu)


# gold A B C D; predictions: exact, right span wrong label, partial same label, spurious
GOLD = [
    Mention(0, 5, "PERSON", None, "A"),
    Mention(10, 15, "ORG", None, "B"),
    Mention(20, 25, "LOC", None, "C"),
    Mention(30, 35, "PERSON", None, "D"),
]
PRED = [
    Mention(0, 5, "PERSON", None, "a"),
    Mention(10, 15, "LOC", None, "b"),
    Mention(20, 23, "LOC", None, "c"),
    Mention(40, 45, "ORG", None, "d"),
]


def test_semeval_schemes_hand_computed() -> None:
    tally: dict[str, list[int]] = {}
    score_entities(GOLD, PRED, tally)
    assert tally["entities/strict"] == [1, 2, 0, 1, 1]
    assert tally["entities/exact"] == [2, 1, 0, 1, 1]
    assert tally["entities/partial"] == [2, 0, 1, 1, 1]
    assert tally["entities/type"] == [2, 1, 0, 1, 1]
    assert tally["entities/strict/PERSON"] == [1, 0, 0, 1, 0]
    assert tally["entities/strict/LOC"] == [0, 1, 0, 0, 1]
    partial = Counts.of(tally["entities/partial"]).figures()
    assert partial["precision"] == pytest.approx(2.5 / 4)
    assert partial["recall"] == pytest.approx(2.5 / 4)
    strict = Counts.of(tally["entities/strict"]).figures()
    assert strict["f1"] == pytest.approx(0.25)


@pytest.mark.parametrize("reverse", [False, True], ids=["text order", "reversed"])
@pytest.mark.parametrize("batched", [False, True], ids=["per document", "batched"])
def test_an_exact_prediction_keeps_its_gold_mention_from_a_shorter_one(
    reverse: bool, batched: bool
) -> None:
    """Gold "Alice Smith"; predicted "Alice Smith" and "Alice": one correct, one spurious
    under every scheme, whichever comes first in the file."""
    from newsanno.evaluate.evaluator import Accumulator

    gold = [Mention(0, 11, "PERSON", None, "m1")]
    pred = [Mention(0, 11, "PERSON", None, "p1"), Mention(0, 5, "PERSON", None, "p2")]
    pred = pred[::-1] if reverse else pred
    if batched:
        acc = Accumulator(["entities"], bootstrap=0)
        acc.add(doc(entities=gold), doc(entities=pred))
        tally = {
            str(k): [c.cor, c.inc, c.par, c.mis, c.spu] for k, c in acc.result().counts.items()
        }
    else:
        tally = {}
        score_entities(gold, pred, tally)
    for scheme in ("strict", "exact", "partial", "type"):
        assert tally[f"entities/{scheme}"] == [1, 0, 0, 0, 1]
        assert tally[f"entities/{scheme}/PERSON"] == [1, 0, 0, 0, 1]


def test_memory_stays_that_of_the_mentions_when_every_prediction_overlaps_every_gold() -> None:
    """300 one-word gold names and 900 predictions spanning the whole text: each prediction
    overlaps every gold mention (270,000 pairs), yet scoring keeps no list of them. Counts by
    hand: no prediction has a gold mention's boundaries, so the first 300 predictions each
    take a gold mention (incorrect, or partial) and the rest are spurious; claim order puts
    the ORG predictions first, so under "type" ORG takes every gold name."""
    import tracemalloc

    gold = [Mention(6 * k, 6 * k + 5, "PERSON", None, f"m{k}") for k in range(300)]
    pred = [Mention(0, 1800, "PERSON" if k % 2 else "ORG", None, f"p{k}") for k in range(900)]
    tally: dict[str, list[int]] = {}
    tracemalloc.start()
    try:
        score_entities(gold, pred, tally)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_500_000, peak  # a list of candidates per prediction took 4.7 MB
    assert tally["entities/strict"] == [0, 300, 0, 0, 600]
    assert tally["entities/exact"] == [0, 300, 0, 0, 600]
    assert tally["entities/partial"] == [0, 0, 300, 0, 600]
    assert tally["entities/type"] == [0, 300, 0, 0, 600]
    assert tally["entities/strict/PERSON"] == [0, 300, 0, 0, 150]
    assert tally["entities/type/PERSON"] == [300, 0, 0, 0, 150]
    assert tally["entities/strict/ORG"] == [0, 0, 0, 0, 450]


def test_order_of_annotations_does_not_matter() -> None:
    a: dict[str, list[int]] = {}
    b: dict[str, list[int]] = {}
    score_entities(GOLD, PRED, a)
    score_entities(GOLD[::-1], PRED[::-1], b)
    assert a == b


_LABELS = ("PERSON", "ORG", "GPE")


@st.composite
def _mentions(draw: st.DrawFn) -> list[Mention]:
    out = set()
    for k in range(draw(st.integers(0, 7))):
        start = draw(st.integers(0, 150))
        end = draw(st.integers(start + 1, start + draw(st.sampled_from([2, 8, 130]))))
        out.add(Mention(start, end, draw(st.sampled_from(_LABELS)), None, f"m{k}"))
    return sorted(out)


def _exact_first(gold: list[Mention], pred: list[Mention]) -> list[Mention]:
    """The predictions in the order evaluate takes them: equal to a gold mention in boundaries
    and label, then in boundaries, then the others, each in (start, end, label) order."""

    def rank(p: Mention) -> int:
        if any((g.start, g.end, g.label) == (p.start, p.end, p.label) for g in gold):
            return 0
        return 1 if any((g.start, g.end) == (p.start, p.end) for g in gold) else 2

    return sorted(pred, key=lambda p: (rank(p), p))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_mentions(), _mentions()), min_size=1, max_size=4))
def test_same_figures_as_nervaluate(docs: list[tuple[list[Mention], list[Mention]]]) -> None:
    from nervaluate import Evaluator

    tally: dict[str, list[int]] = {}
    for gold, pred in docs:
        score_entities(gold, pred, tally)

    def dicts(mentions: list[Mention]) -> list[dict[str, object]]:
        # nervaluate's ends are inclusive
        return [{"label": m.label, "start": m.start, "end": m.end - 1} for m in mentions]

    result = Evaluator(
        [dicts(g) for g, _ in docs],
        [dicts(_exact_first(g, p)) for g, p in docs],
        tags=list(_LABELS),
        loader="dict",
    ).evaluate()
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    for ours, theirs in names.items():
        expected = [("", result["overall"][theirs])]
        expected += [(f"/{label}", r[theirs]) for label, r in result["entities"].items()]
        for suffix, r in expected:
            got = Counts.of(tally.get(f"entities/{ours}{suffix}", [0] * 5))
            assert (got.cor, got.inc, got.par, got.mis, got.spu) == (
                r.correct,
                r.incorrect,
                r.partial,
                r.missed,
                r.spurious,
            )
            f = got.figures()
            assert f["precision"] == pytest.approx(r.precision, abs=1e-12)
            assert f["recall"] == pytest.approx(r.recall, abs=1e-12)
            assert f["f1"] == pytest.approx(r.f1, abs=1e-12)


def _nervaluate_counts(
    docs: list[tuple[list[Mention], list[Mention]]],
) -> dict[str, tuple[int, ...]]:
    """nervaluate's counts for every figure, keyed as our reports spell them."""
    from nervaluate import Evaluator

    def dicts(mentions: list[Mention]) -> list[dict[str, object]]:
        # nervaluate's ends are inclusive; it matches predictions in list order
        return [{"label": m.label, "start": m.start, "end": m.end - 1} for m in mentions]

    result = Evaluator(
        [dicts(sorted(g)) for g, _ in docs],
        [dicts(_exact_first(g, p)) for g, p in docs],
        tags=list(_LABELS),
        loader="dict",
    ).evaluate()
    out = {}
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    for ours, theirs in names.items():
        expected = [("", result["overall"][theirs])]
        expected += [(f"/{label}", r[theirs]) for label, r in result["entities"].items()]
        for suffix, r in expected:
            counted = (r.correct, r.incorrect, r.partial, r.missed, r.spurious)
            if any(counted) or not suffix:
                out[f"entities/{ours}{suffix}"] = counted
    return out


@st.composite
def _scored_pair(draw: st.DrawFn) -> tuple[list[Mention], list[Mention]]:
    """Gold mentions and a prediction made from them as systems err: kept, one boundary moved,
    relabelled, dropped, plus spurious mentions (some long, nested or straddling two)."""
    gold, pred, at = set(), set(), 0
    for k in range(draw(st.integers(0, 8))):
        start = at + draw(st.integers(0, 6))
        end = start + draw(st.sampled_from([1, 2, 5, 150]))
        label = draw(st.sampled_from(_LABELS))
        gold.add(Mention(start, end, label, None, f"g{k}"))
        at = draw(st.sampled_from([end, start + 1]))  # next one after, or nested/overlapping
        change = draw(st.sampled_from(["keep", "keep", "start", "end", "label", "drop"]))
        if change == "start":
            start = max(0, start + draw(st.sampled_from([-2, -1, 1])))
        elif change == "end":
            end += draw(st.sampled_from([-1, 1, 2]))
        elif change == "label":
            label = draw(st.sampled_from(_LABELS))
        if change != "drop" and start < end:
            pred.add(Mention(start, end, label, None, f"p{k}"))
    for k in range(draw(st.integers(0, 3))):
        # anywhere, over the last characters of a gold mention (1-2% of a long one), or on
        # a gold mention's start or whole span
        tails = [(g.end - d, None) for g in sorted(gold) for d in (1, 2)]
        spans = [x for g in sorted(gold) for x in ((g.start, g.end), (g.start, None))]
        start, end = draw(
            st.tuples(st.integers(0, at + 5), st.none())
            | st.sampled_from(tails or [(0, None)])
            | st.sampled_from(spans or [(0, None)])
        )
        end = end or start + draw(st.sampled_from([1, 3, 20, 200]))
        pred.add(Mention(start, end, draw(st.sampled_from(_LABELS)), None, f"s{k}"))
    return sorted(gold), sorted(pred)


@settings(max_examples=200, deadline=None)
@given(st.lists(_scored_pair(), min_size=1, max_size=12), st.sampled_from([1, 3, 4096]))
def test_batched_counts_equal_nervaluate_and_per_document_scoring(
    docs: list[tuple[list[Mention], list[Mention]]], batch: int
) -> None:
    """evaluate counts entities a batch of documents at a time, from columns; whatever the
    batch size, every figure equals nervaluate's, and each document's bootstrap row equals
    what scoring that document alone gives."""
    import newsanno.evaluate.evaluator as evaluator
    from newsanno.evaluate.evaluator import Accumulator

    pairs = [
        (
            DocRecords(f"d{k}", "0" * 64, {"entities": None}, entities=g[::-1]),
            DocRecords(f"d{k}", "0" * 64, {"entities": None}, entities=p[::-1]),
        )
        for k, (g, p) in enumerate(docs)
    ]
    default, evaluator.BATCH = evaluator.BATCH, batch
    try:
        acc = Accumulator(["entities"], bootstrap=10)
        for gold, pred in pairs:
            acc.add(gold, pred)
        ev = acc.result()
    finally:
        evaluator.BATCH = default
    got = {str(key): (c.cor, c.inc, c.par, c.mis, c.spu) for key, c in ev.counts.items()}
    assert got == _nervaluate_counts(docs)
    assert acc.rows is not None
    rows = list(acc.rows)
    for k, (gold, pred) in enumerate(docs):
        alone: dict[str, list[int]] = {}
        score_entities(gold, pred, alone)
        assert rows[k * 10 : k * 10 + 5] == alone["entities/strict"]
        assert rows[k * 10 + 5 : k * 10 + 10] == alone["entities/partial"]


QUOTE_TEXT = 'He said "talks are dragging" today.'


def test_quotes_hand_computed() -> None:
    start = QUOTE_TEXT.index("talks")
    said = (QUOTE_TEXT.index("said"), QUOTE_TEXT.index("said") + 4)
    gold = doc(
        QUOTE_TEXT,
        entities=[Mention(0, 2, "PERSON", "peskov", "m1")],
        quotes=[QuoteRec(start, start + len("talks are dragging"), "direct", said, "peskov", "q1")],
    )
    pred = doc(
        QUOTE_TEXT,
        entities=[Mention(0, 2, "PERSON", "p1", "x")],  # another cluster id, same mention
        quotes=[QuoteRec(start, start + len("talks are"), "mixed", said, "p1", "y")],
    )
    ev = evaluate_pairs([(gold, pred)], ["quotes"], bootstrap=0)
    assert counts(ev, "quotes/exact") == (0, 0, 0, 1, 1)
    assert counts(ev, "quotes/overlap") == (1, 0, 0, 0, 0)
    assert counts(ev, "quotes/tokens") == (2, 0, 0, 1, 0)  # 2 of 3 gold tokens
    assert ev.figure("quotes/tokens")["f1"] == pytest.approx(0.8)
    assert counts(ev, "quotes/speaker") == (1, 0, 0, 0, 0)
    assert counts(ev, "quotes/cue") == (1, 0, 0, 0, 0)
    assert counts(ev, "quotes/type") == (0, 1, 0, 0, 0)


def test_token_figure_of_many_wide_quotes_is_fast() -> None:
    """Regression: each span's tokens were counted by a regex pass over it, so 2,000 predicted
    quotes over a text of 20,000 words took 10 s here (20,000 over a 5,000-word text: 50 s)."""
    text = " ".join(f"w{k}" for k in range(20_000))
    start = text.index("w100 ")
    end = text.index(" w110 ")
    gold = doc(text, quotes=[QuoteRec(start, end, "direct", None, None, "q1")])
    pred = doc(text, quotes=[QuoteRec(0, len(text), "direct", None, None, "") for _ in range(2000)])
    started = time.process_time()
    ev = evaluate_pairs([(gold, pred)], ["quotes"], bootstrap=0)
    assert time.process_time() - started < 1
    # the 10 gold words are shared; every prediction holds all 20,000
    assert counts(ev, "quotes/tokens") == (10, 0, 0, 0, 2000 * 20_000 - 10)


def test_speaker_in_another_cluster_is_wrong() -> None:
    gold = doc(
        QUOTE_TEXT,
        entities=[Mention(0, 2, "PERSON", "peskov", "m1"), Mention(30, 34, "ORG", "tass", "m2")],
        quotes=[QuoteRec(9, 27, "direct", None, "peskov", "q1")],
    )
    pred = doc(
        QUOTE_TEXT,
        entities=[Mention(30, 34, "ORG", "c9", "x")],
        quotes=[QuoteRec(9, 27, "direct", None, "c9", "y")],
    )
    ev = evaluate_pairs([(gold, pred)], ["quotes"], bootstrap=0)
    assert counts(ev, "quotes/speaker") == (0, 1, 0, 0, 0)
    assert ev.figure("quotes/speaker")["accuracy"] == 0.0


def test_claims_hand_computed() -> None:
    gold = doc(
        "x" * 60,
        entities=[Mention(0, 3, "GPE", "russia", "m1")],
        claims=[ClaimRec(0, 20, "russia", "c1"), ClaimRec(30, 50, "author", "c2")],
    )
    pred = doc(
        "x" * 60,
        entities=[Mention(0, 3, "GPE", "e1", "m1")],
        claims=[ClaimRec(0, 20, "e1", "a"), ClaimRec(35, 55, "unattributed", "b")],
    )
    ev = evaluate_pairs([(gold, pred)], ["claims"], bootstrap=0)
    assert counts(ev, "claims/exact") == (1, 0, 0, 1, 1)
    assert counts(ev, "claims/overlap") == (2, 0, 0, 0, 0)
    assert counts(ev, "claims/claimant") == (1, 1, 0, 0, 0)


def test_dates_hand_computed() -> None:
    text = "On Wednesday, three days after the vote, today."
    w, d, t = text.index("Wednesday"), text.index("three days"), text.index("today")
    gold = doc(
        text,
        dates=[
            TimexRec(w, w + 9, "DATE", "2022-04-06", "t1"),
            TimexRec(d, d + 10, "DURATION", "P3D", "t2"),
        ],
    )
    pred = doc(
        text,
        dates=[
            TimexRec(0, w + 9, "DATE", "2022-04-06", "a"),  # "On Wednesday": relaxed only
            TimexRec(t, t + 5, "DATE", "2022-04-06", "b"),  # spurious
        ],
    )
    ev = evaluate_pairs([(gold, pred)], ["dates"], bootstrap=0)
    assert counts(ev, "dates/strict") == (0, 0, 0, 2, 2)
    assert counts(ev, "dates/relaxed") == (1, 0, 0, 1, 1)
    assert ev.figure("dates/relaxed")["f1"] == pytest.approx(0.5)
    assert counts(ev, "dates/value") == (1, 0, 0, 1, 1)
    assert ev.figure("dates/value")["accuracy"] == 1.0


def test_scope_regions_and_undeclared_layers() -> None:
    """Gold annotates dates in [0, 20) only and no entities: a prediction wholly outside the
    region is dropped, one straddling its boundary is scored (spurious here)."""
    text = "x" * 100
    gold = doc(
        text,
        scopes={"dates": ((0, 20),)},
        dates=[TimexRec(2, 6, "DATE", "2022", "t1")],
    )
    pred = doc(
        text,
        dates=[
            TimexRec(2, 6, "DATE", "2022", "a"),
            TimexRec(18, 25, "DATE", "2023", "straddles"),
            TimexRec(50, 54, "DATE", "2024", "outside"),
        ],
        entities=[Mention(0, 5, "PERSON", None, "m")],
    )
    ev = evaluate_pairs([(gold, pred)], ["entities", "dates"], bootstrap=0)
    assert counts(ev, "dates/relaxed") == (1, 0, 0, 0, 1)
    assert ev.unscored == {"entities": 1}
    assert "entities/strict" not in ev.counts  # no gold annotates it: no row of zeros


def test_bootstrap_is_seeded_and_paired() -> None:
    pairs = []
    for k in range(6):
        g = doc(dates=[TimexRec(0, 4, "DATE", "2022", "t"), TimexRec(10, 14, "DATE", "2021", "u")])
        p = doc(dates=[TimexRec(0, 4, "DATE", "2022", "t")] if k % 2 else [])
        pairs.append((g, p))
    a = evaluate_pairs(pairs, ["dates"], bootstrap=200, seed=3)
    b = evaluate_pairs(pairs, ["dates"], bootstrap=200, seed=3)
    assert a.intervals == b.intervals
    low, high = a.intervals["dates/relaxed"]
    assert 0.0 <= low < a.figure("dates/relaxed")["f1"] < high <= 1.0


def test_the_order_documents_come_in_changes_no_interval() -> None:
    """The lines of a predictions file in another order: the same resamples of the same
    documents, so the same intervals."""
    pairs = []
    for k in range(9):  # documents that differ from each other in size and in their scores
        dates = [TimexRec(10 * i, 10 * i + 4, "DATE", "2022", f"t{i}") for i in range(k + 1)]
        names = [Mention(10 * i, 10 * i + 4, "ORG", None, f"m{i}") for i in range(9 - k)]
        gold = DocRecords(f"d{k}", "0" * 64, dict(ALL), dates=dates, entities=names)
        pred = DocRecords(
            f"d{k}", "0" * 64, dict(ALL), dates=dates[: k // 2], entities=names[: k // 3 + 1]
        )
        pairs.append((gold, pred))
    layers = ["entities", "dates"]
    a = evaluate_pairs(pairs, layers, bootstrap=200, seed=3)
    b = evaluate_pairs(pairs[::-1], layers, bootstrap=200, seed=3)
    assert a.intervals == b.intervals and len(a.intervals) > 2


@settings(max_examples=60, deadline=None)
@given(documents())
def test_gold_as_prediction_is_perfect_on_any_valid_document(gold_doc: Document) -> None:
    """Nested, overlapping and repeated spans included: every figure with anything to count is
    1.0 (a figure with nothing in gold or prediction is 0, nervaluate's convention)."""
    gold = records_of(gold_doc.model_dump(), "0" * 64, gold_doc.text)
    pred = records_of(gold_doc.model_dump(), "0" * 64, gold_doc.text)
    ev = evaluate_pairs([(gold, pred)], bootstrap=0)
    for key, c in ev.counts.items():
        assert c.inc == c.par == c.mis == c.spu == 0, key
        if c.cor:
            assert c.figures()["f1"] == 1.0, key


def test_same_span_twice_pairs_by_attributes() -> None:
    """One quote, two speakers (the seed's "Kyiv and the West say ..."), predicted in the
    other order: both speakers are right."""
    entities = [Mention(0, 4, "GPE", "kyiv", "m1"), Mention(9, 13, "LOC", "west", "m2")]
    gold = doc(
        "x" * 40,
        entities=entities,
        quotes=[
            QuoteRec(20, 30, "indirect", None, "kyiv", "q1"),
            QuoteRec(20, 30, "indirect", None, "west", "q2"),
        ],
    )
    pred = doc(
        "x" * 40,
        entities=entities,
        quotes=[
            QuoteRec(20, 30, "indirect", None, "west", "a"),
            QuoteRec(20, 30, "indirect", None, "kyiv", "b"),
        ],
    )
    ev = evaluate_pairs([(gold, pred)], ["quotes"], bootstrap=0)
    assert counts(ev, "quotes/speaker") == (2, 0, 0, 0, 0)


def test_spans_that_are_not_offsets_score_as_the_document_alone() -> None:
    """Records built by hand may hold empty or negative spans (read predictions are refused
    first, see problem_in); such a document is counted as score_entities counts it alone."""
    gold = [Mention(0, 5, "PERSON", None, "a"), Mention(10, 10, "ORG", None, "b")]
    pred = [Mention(-3, 5, "PERSON", None, "x"), Mention(10, 12, "ORG", None, "y")]
    fine = [Mention(0, 5, "GPE", None, "c")]
    alone: dict[str, list[int]] = {}
    score_entities(gold, pred, alone)
    score_entities(fine, fine, alone)
    ev = evaluate_pairs(
        [(doc(entities=gold), doc(entities=pred)), (doc(entities=fine), doc(entities=fine))],
        ["entities"],
        bootstrap=0,
    )
    assert {str(k): [c.cor, c.inc, c.par, c.mis, c.spu] for k, c in ev.counts.items()} == alone


def test_a_perfect_name_tagger_scores_100_by_default() -> None:
    """Gold holds a name, a nominal and a pronoun mention of one entity; a tagger that finds
    the name scores 100 under every scheme by default (names only, as the ner config), and
    misses the other two under ``mentions="all"``. A predicted nominal is left out of the
    names-only figures rather than counted spurious."""
    gold = [
        Mention(0, 11, "PERSON", "e1", "m1", "name"),
        Mention(20, 30, "PERSON", "e1", "m2", "nominal"),
        Mention(40, 42, "PERSON", "e1", "m3", "pronoun"),
    ]
    pred = [Mention(0, 11, "PERSON", None, "p1"), Mention(20, 30, "PERSON", None, "p2", "nominal")]
    pairs = [(doc(entities=gold), doc(entities=pred))]
    names = evaluate_pairs(pairs, ["entities"], bootstrap=0)
    every = evaluate_pairs(pairs, ["entities"], bootstrap=0, mentions="all")
    assert counts(names, "entities/strict") == (1, 0, 0, 0, 0)
    assert names.figure("entities/strict")["f1"] == 1.0
    assert counts(every, "entities/strict") == (2, 0, 0, 1, 0)


def test_an_error_row_shows_a_long_span_by_its_ends() -> None:
    """Regression: every spurious whole-text span was written out in full, so 200,000 of them
    over a 5,000-character article made a report of gigabytes."""
    from newsanno.evaluate import render_errors
    from newsanno.evaluate.scorers import ErrorItem

    text = "word " * 1000
    row = render_errors(doc(text), [ErrorItem("dates", "spurious", 0, 4999, "DATE")])
    assert len(row) < 1000
    assert "4,999 characters" in row

"""The baseline extractors: dates rules, quotes, gazetteer, registry, predict command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import CORPUS, small_doc_dict
from newsanno.cli import main
from newsanno.errors import NewsannoError
from newsanno.extractors import BUILTINS, Extractor, ExtractorSpec, get_extractor
from newsanno.extractors.dates import find_timexes
from newsanno.extractors.quotes import find_quotes
from newsanno.model import Document

WEDNESDAY = date(2022, 4, 6)


def _bare(text: str, **layers: list) -> Document:  # type: ignore[type-arg]
    """A document with ``text`` and only the given layers."""
    data = small_doc_dict()
    data.update(text=text, zones=[], entities=[], quotes=[], claims=[], dates=[])
    data.update(layers)
    data["annotation"]["layers"] = [{"layer": x} for x in layers]
    return Document.model_validate(data)


def _values(text: str, pub: date | None = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(text[s:e], t, v) for s, e, t, v in find_timexes(text, pub)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia claimed on Wednesday that", ("Wednesday", "DATE", "2022-04-06")),
        ("Lavrov said on Tuesday that", ("Tuesday", "DATE", "2022-04-05")),
        ("The minister spoke on Thursday.", ("Thursday", "DATE", "2022-03-31")),
        ("They will meet on Friday.", ("Friday", "DATE", "2022-04-08")),
        ("troops entered on February 24 in", ("February 24", "DATE", "2022-02-24")),
        ("It began on March 3, 2009.", ("March 3, 2009", "DATE", "2009-03-03")),
        ("PTB text: March 3 , 2009 .", ("March 3 , 2009", "DATE", "2009-03-03")),
        ("It was built in 2008.", ("2008", "DATE", "2008")),
        ("Sales fell in March 2009.", ("March 2009", "DATE", "2009-03")),
        ("He left yesterday.", ("yesterday", "DATE", "2022-04-05")),
        ("It happened last week.", ("last week", "DATE", "2022-W13")),
        ("It opens next month.", ("next month", "DATE", "2022-05")),
        ("Profits rose last year.", ("last year", "DATE", "2021")),
        ("The talks took three days.", ("three days", "DURATION", "P3D")),
        ("It lasted two years.", ("two years", "DURATION", "P2Y")),
        ("a 10-year contract", ("10-year", "DURATION", "P10Y")),
        ("2 min read", ("2 min", "DURATION", "PT2M")),
        ("The vote is at 10 a.m. sharp.", ("10 a.m.", "TIME", "2022-04-06T10:00")),
        ("in the third quarter results", ("the third quarter", "DATE", "2022-Q3")),
        ("It is published annually.", ("annually", "SET", "P1Y")),
        ("Two years ago it rained.", ("Two years ago", "DATE", "2020")),
    ],
)
def test_dates_rules(text: str, expected: tuple[str, str, str]) -> None:
    assert _values(text) == [expected]


def test_month_without_year_far_after_publication_is_last_year() -> None:
    # published in January: a past-tense "December 11" is the previous December
    assert _values("It was signed on 11 December.", date(2010, 1, 25)) == [
        ("11 December", "DATE", "2009-12-11")
    ]


def test_may_the_verb_is_not_a_month() -> None:
    assert _values("This may take a while.") == []


def test_without_publication_date_relative_values_stay_unknown() -> None:
    assert _values("Russia claimed on Wednesday that", None) == [
        ("Wednesday", "DATE", "XXXX-XX-XX")
    ]


@pytest.mark.parametrize("spec", BUILTINS, ids=lambda s: s.name)
def test_every_registered_extractor_predicts_what_its_spec_declares(
    spec: ExtractorSpec, tmp_path: Path, small_corpus: Path
) -> None:
    from newsanno.corpus import read_documents

    doc = next(read_documents(CORPUS))
    options = {"train": [doc]} if spec.trains else {}
    extractor = get_extractor(spec.name, **options)
    assert isinstance(extractor, Extractor)
    assert tuple(extractor.layers) == spec.layers
    pred = extractor.predict(doc)
    assert (pred.id, pred.text) == (doc.id, doc.text)
    assert pred.annotation.status == "silver"
    assert tuple(s.layer for s in pred.annotation.layers) == spec.layers
    assert any(getattr(pred, layer) for layer in spec.layers)
    assert extractor.predict(doc) == pred  # same input, same output
    out = tmp_path / "p.jsonl"
    args = ["predict", "--extractor", spec.name, "--corpus", str(small_corpus), "--out", str(out)]
    assert main([*args, "--train", str(CORPUS)] if spec.trains else args) == 0
    assert out.read_text().count("\n") == 1


def test_date_extractor_on_the_seed_finds_the_gold_values() -> None:
    from newsanno.corpus import read_documents

    doc = next(read_documents(CORPUS))
    pred = get_extractor("dates").predict(doc)
    got = {(t.start, t.end, t.value) for t in pred.dates}
    assert {(t.start, t.end, t.value) for t in doc.dates} <= got
    assert {t.anchor for t in pred.dates if t.text == "Wednesday"} == {"document"}


def test_quote_marks_and_apostrophes() -> None:
    text = "Ukraine's army said talks were 'dragging'. \u201cWe don't know,\u201d he said."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["dragging", "We don't know,"]
    assert find_quotes("Russia's and Ukraine's talks don't move.") == []
    ptb = "He said `` no way '' ."
    assert [ptb[q.start : q.end] for q in find_quotes(ptb)] == ["no way"]


def test_quote_extractor_speaker_cue_type_and_continuation() -> None:
    text = (
        'Peskov told reporters: "The talks go on."\n\n'
        '"It is slow."\n\n'
        "Moscow called it a 'forgery'."
    )
    entities = [
        {"id": "m1", "start": 0, "end": 6, "text": "Peskov", "label": "PERSON", "entity": "peskov"},
        {
            "id": "m2",
            "start": text.index("Moscow"),
            "end": text.index("Moscow") + 6,
            "text": "Moscow",
            "label": "GPE",
            "entity": "moscow",
        },
    ]
    pred = get_extractor("quotes").predict(_bare(text, entities=entities))
    got = [
        (q.text, q.type, q.cue.text if q.cue else None, q.speaker, q.speaker_explicit)
        for q in pred.quotes
    ]
    assert got == [
        ("The talks go on.", "direct", "told", "peskov", True),
        ("It is slow.", "direct", None, "peskov", False),
        ("forgery", "mixed", "called", "moscow", True),
    ]
    assert len(pred.entities) == 2  # speakers point at the mentions passed through


def test_gazetteer_learns_names_not_pronouns() -> None:
    from newsanno.corpus import read_documents

    seed = next(read_documents(CORPUS))
    gazetteer = get_extractor("gazetteer", train=[seed])
    text = "Vladimir Putin met Dmitry Peskov in Moscow; it was late and I left."
    pred = gazetteer.predict(_bare(text))
    assert [(m.text, m.label, m.entity) for m in pred.entities] == [
        ("Vladimir Putin", "PERSON", "putin"),
        ("Dmitry Peskov", "PERSON", "peskov"),
        ("Moscow", "GPE", "moscow"),
    ]


def test_unknown_extractor_is_a_coded_problem() -> None:
    with pytest.raises(NewsannoError) as e:
        get_extractor("nope")
    assert e.value.problems[0].code == "unknown-extractor"


def test_a_user_extractor_is_a_few_lines() -> None:
    from newsanno.extractors import silver
    from newsanno.model.document import Timex

    class EveryYear:
        name, version, layers = "years", "0", ("dates",)

        def predict(self, doc: Document) -> Document:
            import re

            dates = [
                Timex(id=f"y{k}", start=m.start(), end=m.end(), text=m[0], type="DATE", value=m[0])
                for k, m in enumerate(re.finditer(r"\b\d{4}\b", doc.text))
            ]
            return silver(doc, self, dates=dates)

    assert isinstance(EveryYear(), Extractor)
    doc = _bare("It was 2009.")
    assert [t.value for t in EveryYear().predict(doc).dates] == ["2009"]


def test_predict_gazetteer_needs_training_documents(
    tmp_path: Path, small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.jsonl"
    args = ["predict", "--extractor", "gazetteer", "--corpus", str(small_corpus), "--out", str(out)]
    assert main([*args, "--train", str(CORPUS)]) == 0
    assert out.read_text().count("\n") == 1
    empty = tmp_path / "empty"
    (empty / "annotations").mkdir(parents=True)
    assert main([*args, "--train", str(empty)]) == 1
    assert "no-training-data" in capsys.readouterr().err


def test_predict_names_the_splits_when_asked_for_one_the_corpus_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.jsonl"
    args = ["predict", "--extractor", "dates", "--corpus", str(CORPUS), "--out", str(out)]
    assert main([*args, "--split", "tset"]) == 1
    err = capsys.readouterr().err
    assert "unknown-split: " in err and "no split 'tset' (splits: test, train, validation)" in err
    assert not out.exists()

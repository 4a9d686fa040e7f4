"""`newsanno evaluate` scores dates as TempEval-3 Task A does (UzZaman et al. 2013): strict match
= same extent, relaxed match = overlapping extents, and attribute F1 (type, value) = attribute
accuracy over the relaxed matches times relaxed F1 (equivalently: P = right attributes / system
TIMEX3, R = right attributes / gold TIMEX3).

The snippets are short texts written for this test, marked up TimeML-style, gold and system
output side by side; the expected figures are counted by hand below, not computed by the code
under test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import small_doc_dict
from newsanno.cli import main
from newsanno.corpus import read_documents
from newsanno.evaluate import write_predictions
from newsanno.model import Document

_TIMEX = re.compile(r'<TIMEX3 type="(?P<type>\w+)" value="(?P<value>[^"]+)">(?P<text>.*?)</TIMEX3>')

# (publication date, gold markup, system markup): the same text, tagged twice.
SNIPPETS = [
    (
        "2022-04-06",
        'Talks began <TIMEX3 type="DATE" value="2022-04-04">Monday</TIMEX3> and ran for '
        '<TIMEX3 type="DURATION" value="P3D">three days</TIMEX3>. A vote follows '
        '<TIMEX3 type="DATE" value="2022-05">next month</TIMEX3>, as in '
        '<TIMEX3 type="DATE" value="199">the 1990s</TIMEX3>, said May Smith.',
        'Talks began <TIMEX3 type="DATE" value="2022-04-04">Monday</TIMEX3> and ran '
        '<TIMEX3 type="DURATION" value="P2D">for three days</TIMEX3>. A vote follows '
        '<TIMEX3 type="DURATION" value="P1M">next month</TIMEX3>, as in the 1990s, said '
        '<TIMEX3 type="DATE" value="2022-05">May</TIMEX3> Smith.',
    ),
    (
        "2021-11-30",
        'Prices fell <TIMEX3 type="DATE" value="2021-11-29">yesterday</TIMEX3> morning, the '
        'lowest since <TIMEX3 type="DATE" value="2021">2021</TIMEX3> began; traders meet every '
        "day.",
        'Prices fell <TIMEX3 type="TIME" value="2021-11-29TMO">yesterday morning</TIMEX3>, the '
        'lowest since <TIMEX3 type="DATE" value="2021">2021</TIMEX3> began; traders meet '
        '<TIMEX3 type="SET" value="P1D">every day</TIMEX3>.',
    ),
]
# By hand, per gold TIMEX3 (6 gold, 7 system):
#   Monday            same extent       type right  value right
#   three days        overlap only      type right  value wrong (P2D)
#   next month        same extent       type wrong  value wrong
#   the 1990s         missed
#   yesterday         overlap only      type wrong  value wrong
#   2021              same extent       type right  value right
# spurious: "May" (a name), "every day" (not in the gold)
# strict:  3 matches: P 3/7, R 3/6, F1 = 2*3/(7+6) = 6/13
# relaxed: 5 matches: P 5/7, R 5/6, F1 = 2*5/(7+6) = 10/13
# type:  3 right of 5 matched: accuracy 3/5, F1 = 3/5 * 10/13 = 6/13
# value: 2 right of 5 matched: accuracy 2/5, F1 = 2/5 * 10/13 = 4/13
EXPECTED = {
    "dates/strict": {"precision": 3 / 7, "recall": 3 / 6, "f1": 6 / 13},
    "dates/relaxed": {"precision": 5 / 7, "recall": 5 / 6, "f1": 10 / 13},
    "dates/type": {"precision": 3 / 7, "recall": 3 / 6, "f1": 6 / 13, "accuracy": 3 / 5},
    "dates/value": {"precision": 2 / 7, "recall": 2 / 6, "f1": 4 / 13, "accuracy": 2 / 5},
}


def _parse(markup: str) -> tuple[str, list[dict[str, object]]]:
    """Plain text and its TIMEX3 as stand-off dates."""
    text, dates, last = [], [], 0
    length = 0
    for m in _TIMEX.finditer(markup):
        before = markup[last : m.start()]
        text.append(before)
        length += len(before)
        dates.append(
            {
                "id": f"t{len(dates) + 1}",
                "start": length,
                "end": length + len(m["text"]),
                "text": m["text"],
                "type": m["type"],
                "value": m["value"],
            }
        )
        text.append(m["text"])
        length += len(m["text"])
        last = m.end()
    text.append(markup[last:])
    return "".join(text), dates


def _document(k: int, published: str, markup: str) -> Document:
    text, dates = _parse(markup)
    data = small_doc_dict()
    data.update(
        id=f"snippet-{k}", text=text, zones=[], entities=[], quotes=[], claims=[], dates=dates
    )
    data["meta"]["published"] = published
    data["annotation"]["layers"] = [{"layer": "dates"}]
    return Document.model_validate(data)


def test_snippets_parse_to_the_same_text() -> None:
    for _, gold, system in SNIPPETS:
        assert _parse(gold)[0] == _parse(system)[0]


def test_evaluate_gives_the_tempeval3_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsanno.corpus import write_document

    gold_dir, pred = tmp_path / "gold", tmp_path / "pred.jsonl"
    for k, (published, gold, _) in enumerate(SNIPPETS):
        write_document(gold_dir, _document(k, published, gold))
    assert len(list(read_documents(gold_dir))) == len(SNIPPETS)
    write_predictions(
        (_document(k, published, system) for k, (published, _, system) in enumerate(SNIPPETS)),
        pred,
    )
    capsys.readouterr()
    argv = ["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--format", "json"]
    assert main([*argv, "--bootstrap", "0"]) == 0
    figures = json.loads(capsys.readouterr().out)["figures"]
    for key, expected in EXPECTED.items():
        for metric, value in expected.items():
            assert figures[key][metric] == pytest.approx(value), (key, metric)

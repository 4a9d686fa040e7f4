"""Name extents of imported mentions (formats/names.py and the MEANTIME name finder)."""

from __future__ import annotations

import pytest

from newsanno.formats.meantime import _name_core
from newsanno.formats.names import Word, place_label


def _words(phrase: str) -> list[Word]:
    out, pos = [], 0
    for form in phrase.split(" "):
        out.append(Word(pos, pos + len(form), form))
        pos += len(form) + 1
    return out


@pytest.mark.parametrize(
    ("phrase", "own", "person", "name", "rules"),
    [
        (
            "The United States 's largest car manufacturer General Motors",
            "general motors",
            False,
            "General Motors",
            ["name-strip-determiner", "name-from-phrase"],
        ),
        (
            "the United States",
            "united states of america",
            False,
            "United States",
            ["name-strip-determiner"],
        ),
        ("Boeing 's 787", "787 dreamliner boeing", False, "787", ["name-from-phrase"]),
        ("Mobile , Alabama", "mobile alabama", False, "Mobile", ["name-from-phrase"]),
        ("aircraft manufacturer Boeing", "boeing", False, "Boeing", ["name-from-phrase"]),
        ("Senator John McCain", "john mccain", True, "John McCain", ["name-strip-title"]),
        ("Apple Inc.,", "apple inc.", False, "Apple Inc.", ["name-strip-punctuation"]),
        ("People 's Republic of China", "china", False, "People 's Republic of China", []),
        ("China Eastern 's board of directors", "board of directors", True, None, []),
        ("Prime Minister of Canada", "stephen harper", True, None, []),
        ("European aircraft manufacturer", "airbus", False, None, []),
    ],
)
def test_meantime_name_core(
    phrase: str, own: str, person: bool, name: str | None, rules: list[str]
) -> None:
    applied: list[str] = []
    core = _name_core(_words(phrase), set(own.split()), person, applied)
    if name is None:
        assert core is None
        return
    assert core is not None
    assert phrase[core[0].start : core[-1].end] == name
    assert applied == rules


@pytest.mark.parametrize(
    ("head", "name", "label"),
    [
        ("Airport", "Washington Dulles International Airport", "FAC"),
        ("Museum", "the Museum of Flight", "FAC"),
        ("Ocean", "the Atlantic Ocean", "LOC"),
        ("", "North America", "LOC"),
        ("Texas", "Texas", "GPE"),
    ],
)
def test_place_labels(head: str, name: str, label: str) -> None:
    assert place_label(head, name)[0] == label

"""The trigger finder of the dates tagger against the plain regular expression that says what
a trigger is, on any text; and the triggers that only it finds."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsanno.extractors.dates import find_timexes
from newsanno.extractors.triggers import Triggers

WORDS: dict[str, str | None] = {
    "year": None,
    "Year": None,
    "year-ago": None,
    "year-on-year": r"\s[a-z]",
    "a": r"\s(?:year|day)",
    "an": None,
    "may": r"\s\d{4}",
    "May": None,
    "1st": r"\s(?:half|quarter)",
    "Q3": None,
    "ago": None,
    "Christmas": r"(?<=Christmas)",  # a guard may look back at the word itself
    "FY#": None,  # "FY" only right before a digit
}
NUMERALS: dict[int, tuple[str, str | None]] = {
    1: ("#12", r"\s(?:May|year)"),
    2: ("#12", r"\s(?:May|year)"),
    4: ("#4", None),
    0: ("#n", r"\s(?:year|a\s)"),
}
PIECES = [
    *WORDS,
    "years",
    "yearly",
    "YEAR",
    "agony",
    "Q",
    "1",
    "12",
    "123",
    "2011",
    "12345",
    "3,000",
    "1990s",
    "2nd",
    "half",
    "day",
    "on",
    "FY",
    "FY2022",
    "FY22",
]
SEPARATORS = [" ", " ", "  ", "-", ",", ".", "\n", "_", "é", "\u00a0", "’", "(", "٣", "/"]


def _reference(text: str) -> list[tuple[int, int, str]]:
    """What a trigger is, said as one regular expression: a word (longest first) or a number
    of ASCII digits after no ASCII letter or digit, the word whole and before its guard, the
    number by its length before its own, never the thousands of "3,000"; leftmost first and
    never overlapping, as ``finditer`` goes."""
    ordered = sorted(WORDS.items(), key=lambda item: -len(item[0]))
    words = [
        rf"(?P<w{k}>{re.escape(w[:-1])})(?=[0-9])"
        if w.endswith("#")
        else rf"(?P<w{k}>{re.escape(w)})\b" + (f"(?={g})" if g else "")
        for k, (w, g) in enumerate(ordered)
    ]
    lengths = {1: "[0-9]", 2: "[0-9]{2}", 4: "[0-9]{4}", 0: r"(?:(?<!\d,)[0-9]{3}|[0-9]{5,})"}
    numerals = [
        rf"(?P<n{n}>{lengths[n]})(?!\d)" + (f"(?={g})" if g else "")
        for n, (_, g) in NUMERALS.items()
    ]
    pattern = re.compile(r"(?<![0-9A-Za-z])(?:" + "|".join(words + numerals) + ")")
    found = []
    for m in pattern.finditer(text):
        group = m.lastgroup
        assert group is not None
        key = ordered[int(group[1:])][0] if group[0] == "w" else NUMERALS[int(group[1:])][0]
        found.append((m.start(), m.end(), key))
    return found


TRIGGERS = Triggers(WORDS, NUMERALS)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=14
    )
)
def test_triggers_are_what_the_regular_expression_finds(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in pieces)
    assert TRIGGERS(text) == _reference(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a year-ago figure", [(0, 1, "a"), (2, 10, "year-ago")]),
        ("the year-on-year rise", [(4, 16, "year-on-year")]),
        ("the year-on-Year rise", [(4, 8, "year"), (12, 16, "Year")]),  # words as written
        # the longer word's guard fails: the words in it are found
        ("the year-on-year Rise", [(4, 8, "year"), (12, 16, "year")]),
        ("1st half of 2011", [(0, 3, "1st"), (12, 16, "#4")]),
        ("1st place, 3,000 year", [(17, 21, "year")]),
        ("éyear _year year_ year", [(1, 5, "year"), (7, 11, "year"), (18, 22, "year")]),
        ("12 May", [(0, 2, "#12"), (3, 6, "May")]),
        ("12٣ year", [(4, 8, "year")]),
        ("FY2022, FY 22, FYI2", [(0, 2, "FY#")]),
    ],
)
def test_triggers_on_chosen_text(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert TRIGGERS(text) == expected
    assert _reference(text) == expected


def test_a_trigger_word_starts_and_ends_with_a_letter_or_digit() -> None:
    with pytest.raises(ValueError, match="a\\.m\\."):
        Triggers({"a.m.": None}, {})


@pytest.mark.parametrize("word", ["F-Y#", "FY1#"])
def test_a_trigger_before_a_number_is_letters_alone(word: str) -> None:
    with pytest.raises(ValueError, match="letters alone"):
        Triggers({word: None}, {})


def test_ordinals_written_in_figures_start_their_rules() -> None:
    """ "4th" and "3rd" start with a digit: they were taken for numbers of three characters, so
    the rules they trigger were never tried."""
    text = "Profit fell in the 4th quarter; sales rose in the 3rd quarter of 2011."
    assert [text[s:e] for s, e, _, _ in find_timexes(text, date(2012, 2, 1))] == [
        "the 4th quarter",
        "the 3rd quarter of 2011",
    ]

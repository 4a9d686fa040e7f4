"""The MEANTIME text rule on token sequences of the shapes found in the corpus."""

from __future__ import annotations

import pytest

from newsanno.formats.detokenize import rebuild_text


def _text(*sentences: str) -> str:
    tokens = [
        (f"{n}-{i}", n, tok)
        for n, sentence in enumerate(sentences)
        for i, tok in enumerate(sentence.split(" "))
    ]
    return rebuild_text(tokens)[0]


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("I' m honored", "I'm honored"),
        ("we ' re launching", "we're launching"),
        ("Michael O' Leary said", "Michael O'Leary said"),
        ("Charles O 'Reilly said", "Charles O'Reilly said"),
        ("Wayne ’ s World", "Wayne’s World"),
        ("ca n't go", "can't go"),
        ('said , " Stop me . "', 'said, "Stop me."'),
        ("as `` the best '' phone", 'as "the best" phone'),
        ("order for Airbus ' A380", "order for Airbus' A380"),
        (
            "TV movie , ' High School Musical ' from Disney",
            "TV movie, 'High School Musical' from Disney",
        ),
        ("This 'switch ' , he said", "This 'switch', he said"),
        ("audio ` pingers ' , the", "audio `pingers', the"),
        ("a US$ 40 billion ( GB # 20.1 billion ) deal", "a US$40 billion (GB £20.1 billion) deal"),
        ("for $ 199 and € 2.73", "for $199 and €2.73"),
        ("for medium - and short-haul routes", "for medium- and short-haul routes"),
        ("passed Wal - Mart", "passed Wal-Mart"),
        ("tankers - more often known - are", "tankers - more often known - are"),
        ("dealers in the U.S. .", "dealers in the U.S."),
        ("called “ Wayne ’ s World ” .", "called “Wayne’s World”."),
    ],
)
def test_tokens_become_running_text(tokens: str, text: str) -> None:
    assert _text(tokens) == text


def test_quotes_alternate_across_sentences_and_offsets_stay_exact() -> None:
    tokens = [("1", 0, '"'), ("2", 0, "Yes"), ("3", 0, "."), ("4", 1, "No"), ("5", 1, '"')]
    text, offsets, sentences = rebuild_text(tokens)
    assert text == '"Yes.\nNo"'
    assert all(text[a:b] in ('"', "Yes", ".", "No") for a, b in offsets.values())
    assert sentences == [(0, 5), (6, 9)]


def test_an_omitted_period_keeps_an_empty_extent_at_the_abbreviation_end() -> None:
    text, offsets, _ = rebuild_text([("1", 0, "U.S."), ("2", 0, ".")])
    assert text == "U.S." and offsets["2"] == (4, 4)

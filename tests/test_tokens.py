"""One tokenizer: the ``ner`` config, the CoNLL export and the spaCy export give a text the
same tokens, and the pieces the exports write tile the text exactly."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import small_doc_dict, span
from newsanno.formats.conll import document_to_conll
from newsanno.model import Document
from newsanno.model.tokens import pieces, tokenize
from newsanno.release.rows import config_rows

TEXT = "O'Neill met U.S. officials in Kyiv.\nThe well-known talks go on\u00a0today."


def test_words_keep_inner_apostrophes_hyphens_and_dots() -> None:
    assert [TEXT[s:e] for s, e in tokenize(TEXT)] == [
        "O'Neill",
        "met",
        "U.S",
        ".",
        "officials",
        "in",
        "Kyiv",
        ".",
        "The",
        "well-known",
        "talks",
        "go",
        "on",
        "today",
        ".",
    ]


def _doc() -> Document:
    d: dict[str, Any] = small_doc_dict()
    d.update(
        text=TEXT,
        zones=[],
        quotes=[],
        claims=[],
        dates=[],
        entities=[
            {"id": "m1", **span(TEXT, "O'Neill"), "label": "PERSON"},
            {"id": "m2", **span(TEXT, "U.S"), "label": "GPE"},
            {"id": "m3", **span(TEXT, "Kyiv"), "label": "GPE"},
        ],
    )
    return Document.model_validate(d)


def test_the_ner_config_and_the_exports_share_the_tokens() -> None:
    doc = _doc()
    rows, _ = config_rows(doc, withhold=False)
    ner = [t for row in rows["ner"] for t in row["tokens"]]
    lines = document_to_conll(doc).splitlines()[1:]
    conll = [line.split()[0] for line in lines if line]
    assert ner == conll == [TEXT[s:e] for s, e in tokenize(TEXT)]
    spacy = pytest.importorskip("spacy")
    from newsanno.formats.spacy_docbin import document_to_doc

    sdoc = document_to_doc(doc, spacy.blank("en").vocab)
    assert [t.text for t in sdoc if not t.is_space] == ner
    assert sdoc.text == TEXT


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab1 .'-\u2019\n\u00a0\u00e9\u4e2d!\"")),
    st.lists(st.integers(0, 40)),
)
def test_pieces_tile_the_text_with_the_tokens_and_every_cut_an_edge(
    text: str, cuts: list[int]
) -> None:
    cuts = [c for c in cuts if c <= len(text)]
    got = pieces(text, cuts)
    assert "".join(text[s:e] for s, e in got) == text
    assert all(s < e for s, e in got)
    assert all(e == s2 for (_, e), (s2, _) in zip(got, got[1:], strict=False))
    edges = {0, len(text)} | {e for _, e in got}
    assert set(cuts) <= edges
    words = [(s, e) for s, e in got if not text[s:e].isspace()]
    assert words == tokenize(text, cuts)
    assert all(text[s:e].isspace() for s, e in got if (s, e) not in set(words))

"""One tokenizer: the ``ner`` config, the CoNLL export and the spaCy export give a text the
same tokens, and the pieces the exports write tile the text exactly; the batch forms the build
uses cut and split many texts exactly as the one-text forms do."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import small_doc_dict, span
from newsanno.formats.conll import document_to_conll
from newsanno.model import Document
from newsanno.model.tokens import batch_tokens, join_texts, pieces, token_columns, tokenize
from newsanno.release.rows import config_rows
from newsanno.release.tokens import batch_sentences, sentences

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


def test_a_combining_mark_joins_the_word_before_it() -> None:
    """Regression: in decomposed text (NFD) every combining mark was a token of its own."""
    nfd = unicodedata.normalize("NFD", "Jos\u00e9 Mart\u00ed met Nguy\u1ec5n in Qu\u00e9bec.")
    assert [nfd[s:e] for s, e in tokenize(nfd)] == [
        "Jose\u0301",
        "Marti\u0301",
        "met",
        "Nguye\u0302\u0303n",
        "in",
        "Que\u0301bec",
        ".",
    ]
    # a mark after no word character stays a token of its own, as any other symbol
    text = "\u0301a -\u0301 \u20dd"
    assert [text[s:e] for s, e in tokenize(text)] == ["\u0301", "a", "-", "\u0301", "\u20dd"]


def test_the_marks_are_listed_from_every_plane_that_has_them() -> None:
    from newsanno.model.tokens import _MARK_PLANES, is_mark

    listed = {c for plane in _MARK_PLANES for c in plane if is_mark(chr(c))}
    assert listed == {c for c in range(sys.maxunicode + 1) if is_mark(chr(c))}


ACCENTED = (
    "aeinouc AEIC\u00e9\u00e8\u00ea\u00eb\u00ed\u00f1\u00e7\u00e5\u00c5\u1ec7\u01d8\u03ac\u1ff7"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ACCENTED + " .,'-\u2019!?1\n")))
def test_decomposed_and_composed_text_give_the_same_tokens(text: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    composed = [nfc[s:e] for s, e in tokenize(nfc)]
    assert [unicodedata.normalize("NFC", nfd[s:e]) for s, e in tokenize(nfd)] == composed


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


# characters of every class the tokenizer and the sentence splitter tell apart, with some
# outside the Basic Multilingual Plane, Unicode spaces and digits, and combining marks of each
# category (Mn, Mc, Me; one beyond the BMP)
MIXED = (
    "ab1_ .'-\u2019\n\t\r\u00a0\u2028\u3000\u00e9\u0300\u0663\u4e2d!?\u2026\"\u201d)]"
    "\U0001f600\U0001d400\u0903\u20dd\U0001d165"
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(alphabet=st.sampled_from(MIXED)), st.lists(st.integers(0, 40))),
        max_size=6,
    )
)
def test_batch_tokens_cut_each_text_as_token_columns_does(
    docs: list[tuple[str, list[int]]],
) -> None:
    texts = [text for text, _ in docs]
    cuts = [[c for c in cut if c <= len(text)] for text, cut in docs]
    owner = np.array([d for d, cut in enumerate(cuts) for _ in cut], dtype=np.int64)
    tok = batch_tokens(
        join_texts(texts), owner, np.array([c for cut in cuts for c in cut], dtype=np.int64)
    )
    words = tok.words(np.arange(len(tok.starts))).to_pylist()
    starts, ends = tok.local(tok.starts).tolist(), tok.local(tok.ends).tolist()
    for d, (text, cut) in enumerate(zip(texts, cuts, strict=True)):
        a, b = tok.first[d], tok.first[d + 1]
        assert (starts[a:b], ends[a:b], words[a:b]) == token_columns(text, cut)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from(MIXED)),
            st.lists(st.tuples(st.integers(0, 40), st.integers(1, 10))),
        ),
        max_size=6,
    )
)
def test_batch_sentences_split_each_text_as_sentences_does(
    docs: list[tuple[str, list[tuple[int, int]]]],
) -> None:
    texts = [text for text, _ in docs]
    keep = [[(s, min(s + n, len(text))) for s, n in spans if s < len(text)] for text, spans in docs]
    owner = np.array([d for d, spans in enumerate(keep) for _ in spans], dtype=np.int64)
    starts = np.array([s for spans in keep for s, _ in spans], dtype=np.int64)
    ends = np.array([e for spans in keep for _, e in spans], dtype=np.int64)
    got = batch_sentences(join_texts(texts), owner, starts, ends)
    for d, (text, spans) in enumerate(zip(texts, keep, strict=True)):
        assert got.of(d) == sentences(text, spans)

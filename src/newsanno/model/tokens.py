"""The one tokenizer of newsanno: the ``ner`` config's tokens, the CoNLL and spaCy exports and
the name tagger all split text here, so a token means the same everywhere.

A token is a run of word characters with inner apostrophes, hyphens and dots (``O'Neill``,
``U.S``, ``well-known``) or one other non-space character; every whitespace character, NBSP
included, separates tokens. A combining mark belongs to the word character it follows: 'é'
written as 'e' and U+0301 (decomposed, NFD) is one token, as the composed 'é' is. Tokens are
cut at every boundary asked for (an annotation's start or end), so a span of any layer always
covers whole tokens. Offsets are half-open code-point offsets into the exact text. One
``re.split`` in C per text: no match object per token.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import numpy as np
import pyarrow as pa

Interval = tuple[int, int]

_JOINERS = "'\u2019.-"
# planes that hold combining marks (the BMP, the SMP, and variation selectors in plane 14): the
# others hold ideographs, private use or nothing
_MARK_PLANES = (range(0, 0x20000), range(0xE0000, 0xF0000))


def is_mark(ch: str) -> bool:
    """A combining mark (Unicode categories Mn, Mc, Me): no word character for ``\\w``."""
    return unicodedata.category(ch)[0] == "M"


@lru_cache(maxsize=1)
def _token_split() -> re.Pattern[str]:
    """Words (a word character, then word characters and combining marks, joined by inner
    apostrophes, hyphens and dots) or one other non-space character: a split on it alternates
    gaps and tokens. Made on first use: listing the marks takes a few hundredths of a second."""
    marks = "".join(chr(c) for plane in _MARK_PLANES for c in plane if is_mark(chr(c)))
    word = rf"\w[\w{re.escape(marks)}]*"
    return re.compile(rf"({word}(?:[{re.escape(_JOINERS)}]{word})*|[^\w\s])")


def token_columns(
    text: str, boundaries: Iterable[int] = ()
) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and words, cut at each of ``boundaries`` that falls inside a token.
    Gaps and tokens alternate in the split, and running lengths give the offsets."""
    parts = _token_split().split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    starts, ends, words = offsets[1:-1:2], offsets[2::2], parts[1::2]
    for cut in sorted(set(boundaries), reverse=True):
        i = bisect_right(starts, cut) - 1
        if i >= 0 and starts[i] < cut < ends[i]:
            starts.insert(i + 1, cut)
            ends.insert(i, cut)
            words[i : i + 1] = [text[starts[i] : cut], text[cut : ends[i + 1]]]
    return starts, ends, words


def tokenize(text: str, boundaries: Iterable[int] = ()) -> list[Interval]:
    """Token offsets, cut at each of ``boundaries`` that falls inside a token."""
    starts, ends, _ = token_columns(text, boundaries)
    return list(zip(starts, ends, strict=True))


def pieces(text: str, cuts: Iterable[int] = ()) -> list[Interval]:
    """The tokens and the whitespace between them, tiling ``text``: what a format that writes
    whitespace (spaCy's ``spaces``, CoNLL's blank lines) needs. A whitespace run is cut at
    ``cuts`` too, so every cut is a piece edge."""
    cuts = sorted(set(cuts))
    out: list[Interval] = []
    at = 0
    for start, end in tokenize(text, cuts):
        if at < start:
            out += _cut(at, start, cuts)
        out.append((start, end))
        at = end
    if at < len(text):
        out += _cut(at, len(text), cuts)
    return out


def is_space(text: str, piece: Interval) -> bool:
    return text[piece[0] : piece[1]].isspace()


def _cut(start: int, end: int, cuts: list[int]) -> list[Interval]:
    inner = cuts[bisect_right(cuts, start) : bisect_right(cuts, end - 1)]
    edges = [start, *inner, end]
    return list(zip(edges, edges[1:], strict=False))


# --- many texts at once ----------------------------------------------------------------------

_SPACE, _WORD, _OTHER, _JOINER, _MARK = 0, 1, 2, 3, 4
_TABLE_SIZE = 0x10000  # the Basic Multilingual Plane by table, rarer code points one by one


@lru_cache(maxsize=4096)
def _class_of(ch: str) -> int:
    """The class of one character as :func:`_token_split` sees it (Unicode ``\\w`` and
    ``\\s``, combining marks)."""
    if ch in _JOINERS:
        return _JOINER
    if _WORD_CHAR.match(ch):
        return _WORD
    if is_mark(ch):
        return _MARK
    return _SPACE if _SPACE_CHAR.match(ch) else _OTHER


_WORD_CHAR, _SPACE_CHAR = re.compile(r"\w"), re.compile(r"\s")


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    table = np.empty(_TABLE_SIZE, dtype=np.uint8)
    for code in range(_TABLE_SIZE):
        table[code] = _class_of(chr(code))
    return table


@dataclass
class Joined:
    """The texts of a batch joined into one, with their code points: made once per batch and
    read by the tokenizer, the sentence and line splitters and the context rows."""

    text: str
    codes: np.ndarray
    ends: np.ndarray  # where each text ends in ``text``
    bases: np.ndarray  # where each text starts in ``text``, and (last) its length plus one


def join_texts(texts: Sequence[str]) -> Joined:
    """``texts`` joined with a lowercase letter between them: the sentence splitter ends no
    sentence before it, as at the end of a text; it is no line break; the tokenizer reads it
    as a space, so no token runs from one text into the next."""
    bases = np.zeros(len(texts) + 1, dtype=np.int64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    np.cumsum(lengths + 1, out=bases[1:])
    text = "a".join(texts)
    return Joined(text, code_points(text), bases[:-1] + lengths, bases)


@dataclass
class TokenBatch:
    """The tokens of many texts, as :func:`token_columns` cuts each of them, in numpy arrays
    over the joined texts (``first[d]:first[d + 1]``: the tokens of text ``d``)."""

    joined: Joined
    starts: np.ndarray
    ends: np.ndarray
    first: np.ndarray

    def local(self, offsets: np.ndarray) -> np.ndarray:
        """Offsets of tokens (``starts`` or ``ends``) into their own text."""
        return offsets - np.repeat(self.joined.bases[:-1], np.diff(self.first))

    def words(self, tokens: np.ndarray) -> pa.StringArray:
        """The text of the tokens at ``tokens`` (indexes), sliced from one UTF-8 buffer."""
        data = self.joined.text.encode("utf-8", "surrogatepass")
        # where each code point starts: every byte but a continuation byte starts one
        byte_at = np.flatnonzero((np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80)
        byte_at = np.append(byte_at, len(data))
        # tokens do not overlap: their starts and ends, interleaved, are the offsets of an
        # array of strings that alternate token, gap (maybe empty), token ...
        edges = byte_at[np.column_stack((self.starts, self.ends)).ravel()]
        if len(data) < 2**31:
            offsets, kind = edges.astype(np.int32), pa.StringArray
        else:
            offsets, kind = edges, pa.LargeStringArray
        pieces = kind.from_buffers(
            max(len(edges) - 1, 0), pa.py_buffer(offsets), pa.py_buffer(data)
        )
        return pieces.take(2 * np.asarray(tokens, dtype=np.int64)).cast(pa.string())


def batch_tokens(joined: Joined, cut_doc: np.ndarray, cut_at: np.ndarray) -> TokenBatch:
    """The tokens of the joined texts, each cut at its boundaries (``cut_at[k]`` in text
    ``cut_doc[k]``): :func:`token_columns` for every text, with array operations over all of
    them instead of Python per token."""
    bases = joined.bases
    kind = _classes(joined.codes)
    kind[joined.ends[:-1]] = _SPACE  # the separators
    word = kind == _WORD
    # a mark joins the word when the last character before it that is no mark is a word's
    mark = kind == _MARK
    last = np.maximum.accumulate(np.where(mark, -1, np.arange(len(kind))))
    word_or_mark = word | (mark & (last >= 0) & word[np.maximum(last, 0)])
    after_word = np.concatenate(([False], word_or_mark[:-1]))
    before_word = np.concatenate((word[1:], [False]))
    in_word = word_or_mark | ((kind == _JOINER) & after_word & before_word)
    single = (kind != _SPACE) & ~in_word
    starts = np.flatnonzero((in_word & ~np.concatenate(([False], in_word[:-1]))) | single)
    ends = np.flatnonzero((in_word & ~np.concatenate((in_word[1:], [False]))) | single) + 1
    cut_doc = np.asarray(cut_doc, dtype=np.int64)
    cuts = distinct(np.sort(np.asarray(cut_at, dtype=np.int64) + bases[cut_doc]))
    if len(starts):
        at = np.searchsorted(starts, cuts, side="right") - 1
        j = np.maximum(at, 0)
        inside = cuts[(at >= 0) & (starts[j] < cuts) & (cuts < ends[j])]
        starts = np.sort(np.concatenate((starts, inside)))
        ends = np.sort(np.concatenate((ends, inside)))
    return TokenBatch(joined, starts, ends, np.searchsorted(starts, bases))


def distinct(ordered: np.ndarray) -> np.ndarray:
    """The values of a sorted array, once each (``np.unique`` hashes: slower here)."""
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def spaces(codes: np.ndarray) -> np.ndarray:
    """Which code points are whitespace (Unicode ``\\s``, as the tokenizer's)."""
    return _classes(codes) == _SPACE


def _classes(codes: np.ndarray) -> np.ndarray:
    rare = np.flatnonzero(codes >= _TABLE_SIZE)
    kind = _class_table()[np.minimum(codes, _TABLE_SIZE - 1)]
    for i in rare:
        kind[i] = _class_of(chr(codes[i]))
    return kind

"""Where the date rules may start in a text: each trigger word (a month or weekday name, a
unit, "ago", ...) and each number, found in one pass.

A trigger is a whole word: after a character that is not an ASCII letter or digit (or at the
start) and before one that is no word character (``\\b``), and, when it has a guard, before
what its guard matches ("may" only before a year). A number is a run of ASCII digits after
such a character, but not the thousands of "3,000". A word listed with a final ``#`` ("FY#") is
a trigger only when a digit follows it ("FY2022"). Triggers never overlap: of two that start at
the same place the longer is taken ("year-ago", not "year"), and one inside another is none.

The words are found by an Aho-Corasick automaton (``ahocorasick_rs``, a compiled DFA) over a
copy of the text in which every character but an ASCII letter or digit is a space, one byte per
character so that its offsets are the text's; each word is looked for with a space on either
side, which makes it whole. What the copy cannot show (a guard, a hyphenated trigger, a word
character outside ASCII after the word) is then checked on the text itself, at the few places
found. The automaton takes about a fifth of the time the regular-expression engine took to try
a trie of the words after every space."""

from __future__ import annotations

import re
from collections.abc import Callable

from ahocorasick_rs import BytesAhoCorasick, Implementation

Guard = Callable[[str, int], "re.Match[str] | None"]

# every byte but an ASCII letter or digit becomes a space (the text is encoded with one "?"
# per character outside ASCII, so offsets stay those of the text)
_WORDS = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256))
_DIGITS = re.compile(rb"[0-9]+")
_HEAD = re.compile(r"[0-9A-Za-z]+")


class Triggers:
    """The trigger finder for a set of words and of numerals by length."""

    def __init__(
        self, words: dict[str, str | None], numerals: dict[int, tuple[str, str | None]]
    ) -> None:
        """``words`` maps each trigger word, as written, to its guard (a regular expression
        that must match right after it) or None; ``numerals`` maps a number of digits to the
        key that numbers of that length are reported as, and its guard (0 stands for any
        other length; a length with neither is no trigger)."""
        # a word is looked for by its first run of letters and digits ("year" for
        # "year-ago"); longer words sharing it are tried first, longest first
        heads: dict[str, tuple[tuple[str, Guard | None], ...]] = {}
        glued: dict[str, str] = {}  # a word written right before a number -> its key
        for word, guard in sorted(words.items(), key=lambda item: -len(item[0])):
            stem = word.removesuffix("#")
            head = _HEAD.match(stem)
            if head is None or not (stem[-1].isascii() and stem[-1].isalnum()):
                raise ValueError(f"a trigger begins and ends with an ASCII alphanumeric: {word!r}")
            if stem != word:
                if not (stem.isascii() and stem.isalpha()) or guard is not None:
                    raise ValueError(f"a trigger before a number is letters alone: {word!r}")
                glued[stem] = word
                continue
            check = None if guard is None else re.compile(guard).match
            heads[head[0]] = (*heads.get(head[0], ()), (word, check))
        # words that start with a digit ("1st") are found as numbers, then looked up
        self._after_digit = {h.encode(): v for h, v in heads.items() if h[0].isdigit()}
        lettered = {h: v for h, v in heads.items() if not h[0].isdigit()}
        # per needle: the words to try there, None for a digit, none for a word before a number
        self._words: list[tuple[tuple[str, Guard | None], ...] | None] = list(lettered.values())
        needles = [f" {h} ".encode() for h in lettered]
        for digit in "0123456789":
            needles.append(f" {digit}".encode())
            self._words.append(None)
        # per needle of a word before a number (found before any character): its length, key
        self._glued: dict[int, tuple[int, str]] = {}
        for stem, key in glued.items():
            self._glued[len(needles)] = (len(stem), key)
            needles.append(f" {stem}".encode())
            self._words.append(())
        self._automaton = BytesAhoCorasick(needles, implementation=Implementation.DFA)
        self._numerals = {
            n: (key, None if guard is None else re.compile(guard).match)
            for n, (key, guard) in numerals.items()
        }

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        """Each trigger of ``text`` in order: where it starts and ends, and the word as written
        or the numeral key."""
        words = text.encode("ascii", "replace").translate(_WORDS) + b" "
        found: list[tuple[int, int, str]] = []
        n = len(text)
        last = 0  # where the trigger found last ends
        for index, start, _ in self._automaton.find_matches_as_indexes(
            b" " + words, overlapping=True
        ):
            if start < last:
                continue  # inside the trigger before ("ago" in "year-ago")
            candidates = self._words[index]
            number = None  # where the digits that start here end, if they do
            if candidates is None:  # a digit after a space: a number, or a word like "1st"
                number = words.find(b" ", start)  # the padding ends ``words`` in a space
                token = words[start:number]
                candidates = ()
                if not token.isdigit():
                    candidates = self._after_digit.get(token, ())
                    number = _DIGITS.match(words, start).end()  # type: ignore[union-attr]
            elif not candidates:  # "FY2022": a word before a number's digits
                length, key = self._glued[index]
                if words[start + length : start + length + 1].isdigit():
                    last = start + length
                    found.append((start, last, key))
                continue
            hit = None
            for word, guard in candidates:  # longest first, each a whole word
                end = start + len(word)
                if (
                    text.startswith(word, start)
                    and (end == n or not (text[end].isalnum() or text[end] == "_"))
                    and (guard is None or guard(text, end) is not None)
                ):
                    hit = start, end, word
                    break
            if hit is None and number is not None:
                hit = self._numeral(text, start, number)
            if hit is not None:
                last = hit[1]
                found.append(hit)
        return found

    def _numeral(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """The number ``text[start:end]`` as a trigger, if it is one."""
        if end < len(text) and text[end].isdecimal():
            return None  # digits of another script go on: not a number of ASCII digits
        if end - start == 3 and start > 1 and text[start - 1] == "," and text[start - 2].isdigit():
            return None  # the thousands of "3,000": the number starts before
        numeral = self._numerals.get(end - start) or self._numerals.get(0)
        if numeral is None:
            return None
        key, guard = numeral
        if guard is not None and guard(text, end) is None:
            return None
        return start, end, key

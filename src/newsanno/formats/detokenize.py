"""Running text from Penn-Treebank-style tokens (MEANTIME keeps tokens, not the article's spacing).

The rule is fixed once texts are published: annotations by other people point into the rebuilt
texts, so any change here changes offsets. :data:`RULE` states it in words and is stored in each
rebuilt document's ``meta.source.rule``.
"""

from __future__ import annotations

RULE = (
    "MEANTIME tokens joined by one space within a sentence, one newline between sentences, "
    "except: no space before , . ; : ! ? % ) ] } and the clitics 's n't 're 've 'll 'd 'm; none "
    "after ( [ { # or a currency sign (£, €, any token ending in $); `` '' and \" are double "
    'quotes, written ", opening (no space after) and closing (no space before) in turn; ` and '
    "a lone ' open a single quote, a lone ' closes an open one, and after a word in s, z or x a "
    "lone ' is a possessive; ' or \u2019 before s m ll d re ve t and a word ending in ' (I', "
    "O') join their neighbours; O 'Reilly is O'Reilly; a - token between a word and "
    "'and'/'or'/'to' followed by a hyphenated word is a suspended hyphen (medium- and "
    "short-haul), and Wal - Mart, iTunes - compatible, Macintosh - curious, 's - largest are "
    "written joined; a . token after a token ending in . is not written (U.S. .); # is written "
    "\u00a3 and -LRB- -RRB- -LSB- -RSB- as ( ) [ ]."
)

_REPLACE = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "#": "\u00a3"}
_NO_SPACE_BEFORE = frozenset(
    [",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "-RRB-", "-RSB-", "\u201d"]
    + ["'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "'RE", "'VE", "'LL", "'D", "'M"]
)
_NO_SPACE_AFTER = frozenset(["(", "[", "{", "#", "-LRB-", "-LSB-", "\u00a3", "\u20ac", "\u201c"])
_CLITIC_REST = frozenset(["s", "m", "ll", "d", "re", "ve", "t"])
_SUSPENDING = frozenset(["and", "or", "to"])
_JOINED_BY_HYPHEN = frozenset(
    [("Wal", "Mart"), ("iTunes", "compatible"), ("Macintosh", "curious"), ("'s", "largest")]
)

Token = tuple[str, int, str]  # (token id, sentence number, token as in the source)


def rebuild_text(
    tokens: list[Token],
) -> tuple[str, dict[str, tuple[int, int]], list[tuple[int, int]]]:
    """The text by :data:`RULE`, each token's ``[start, end)``, and each sentence's extent."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentences: list[tuple[int, int]] = []
    pos = 0
    double_open = False
    single_open = False
    glue_next = True  # no space before the next token
    for i, (t_id, sentence, raw) in enumerate(tokens):
        prev = tokens[i - 1][2] if i and tokens[i - 1][1] == sentence else None
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) and tokens[i + 1][1] == sentence else None
        after = tokens[i + 2][2] if nxt is not None and i + 2 < len(tokens) else ""
        if prev is None:
            if sentences:
                parts.append("\n")
                pos += 1
            sentences.append((pos, pos))
            single_open, glue_next = False, True
        surface = _REPLACE.get(raw, raw)
        glue_before, glue_after = raw in _NO_SPACE_BEFORE, raw in _NO_SPACE_AFTER
        glue_after |= raw.endswith("$")
        if raw in ("``", "''", '"') or raw[:2] in ("``", "''") and len(raw) > 2:
            surface = '"' + (raw[2:] if raw != '"' else "")
            opening = raw.startswith("``") or (raw == '"' and not double_open) or len(raw) > 2
            double_open = opening
            glue_before |= not opening
            glue_after |= opening and len(raw) <= 2
        elif raw in ("'", "\u2019") and nxt is not None and nxt.lower() in _CLITIC_REST:
            glue_before = glue_after = True
        elif raw == "'":
            if single_open:
                glue_before, single_open = True, False
            elif prev is not None and prev[-1:].lower() in ("s", "z", "x"):
                glue_before = True
            else:
                glue_after, single_open = True, True
        elif raw == "`":
            glue_after, single_open = True, True
        elif raw.startswith("'") and raw[1:2].isalpha() and raw not in _NO_SPACE_BEFORE:
            if prev == "O" and raw[1].isupper():
                glue_before = True
            else:
                single_open = True
        elif raw == "-" and prev is not None and nxt is not None:
            if (prev, nxt) in _JOINED_BY_HYPHEN:
                glue_before = glue_after = True
            elif nxt in _SUSPENDING and "-" in after and prev[-1:].isalnum():
                glue_before = True
        elif raw == "." and prev is not None and prev.endswith("."):
            surface = ""
        if len(raw) > 1 and raw.endswith("'") and raw[-2].isalpha() and nxt is not None:
            glue_after = True
        if not glue_next and not glue_before and surface:
            parts.append(" ")
            pos += 1
        parts.append(surface)
        offsets[t_id] = (pos, pos + len(surface))
        pos += len(surface)
        sentences[-1] = (sentences[-1][0], pos)
        if surface:
            glue_next = glue_after
    return "".join(parts), offsets, sentences

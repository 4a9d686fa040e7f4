"""The only changes ``newsanno add`` makes to an article's text, so that offsets taken on the
corpus text are reproducible from the source file: a leading byte order mark is removed, CRLF
and lone CR become LF, and the text is put in Unicode NFC. Nothing else (no whitespace
trimming, no quote or dash folding)."""

from __future__ import annotations

import unicodedata

BOM = "\ufeff"


def normalize(text: str) -> tuple[str, list[str]]:
    """The normalised text and the names of the rules that changed it."""
    changed = []
    if text.startswith(BOM):
        text, changed = text[1:], ["bom"]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changed.append("newlines")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        text = nfc
        changed.append("nfc")
    return text, changed

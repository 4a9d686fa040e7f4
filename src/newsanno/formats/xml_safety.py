"""XML from other people's files, without a DTD.

A document type declaration can declare entities, and entities expand: a few hundred kilobytes
grow into gigabytes (expat's amplification guard allows a hundredfold). No format newsanno reads
needs a DTD, so any XML that declares one is refused before it is parsed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from contextlib import suppress
from xml.parsers import expat

from ..errors import fail


class _Stop(Exception):
    pass


def declares_dtd(data: bytes) -> bool:
    """True when the prolog holds ``<!DOCTYPE``; reads only up to the root element's start."""
    found = False

    def doctype(*_: object) -> None:
        nonlocal found
        found = True
        raise _Stop

    def root(*_: object) -> None:
        raise _Stop

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    with suppress(_Stop, expat.ExpatError):  # malformed XML: the parser that reads it says so
        parser.Parse(data, True)
    return found


def refuse_dtd(data: bytes, file: str) -> None:
    if declares_dtd(data):
        raise fail("xml-dtd", file=file)


def parse_untrusted(data: bytes, file: str) -> ET.Element:
    """The root element; ``xml-dtd`` or ``import-malformed`` when the bytes are not acceptable."""
    refuse_dtd(data, file)
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise fail("import-malformed", file=file, reason=str(e)) from None

"""XML from other people's files, without a DTD; XML newsanno writes, of characters XML can carry.

A document type declaration can declare entities, and entities expand: a few hundred kilobytes
grow into gigabytes (expat's amplification guard allows a hundredfold). No format newsanno reads
needs a DTD, so any XML that declares one is refused before it is parsed.

A corpus text may hold code points XML 1.0 has no way to write (a form feed from a PDF, ESC,
U+FFFE), and settings kept from a source may name attributes with what no XML name holds (a
space, a namespace in braces): an exporter asks :func:`unwritable` and :func:`unnamable` before
it writes a document, and leaves out a document that holds one rather than writing XML nobody
can parse."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from ..corpus.layout import annotation_path, text_path
from ..errors import Problem, fail, problem
from ..model.document import Document

# The complement of XML 1.0's Char production (section 2.2): C0 controls but tab, LF and CR,
# surrogates, U+FFFE and U+FFFF. No escape helps, a character reference to one is ill-formed too.
_NOT_XML_CHAR = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def not_xml_char(value: str) -> tuple[int, str] | None:
    """The offset and code point of the first character of ``value`` that XML 1.0 cannot carry;
    None when it can carry them all."""
    found = _NOT_XML_CHAR.search(value)
    return None if found is None else (found.start(), found.group())


def unwritable(corpus: Path, doc: Document, written: Iterable[tuple[str, str]]) -> Problem | None:
    """``xml-unsafe-character`` for the first code point XML 1.0 cannot carry in the document's
    text (named by its text file) or in another string an exporter writes (``written``: where
    it is, its value; named by the annotation file); None when there is none."""
    found = not_xml_char(doc.text)
    if found is not None:
        return _unsafe(text_path(corpus, doc.id), doc.id, "the text", *found)
    for where, value in written:
        found = not_xml_char(value)
        if found is not None:
            return _unsafe(annotation_path(corpus, doc.id), doc.id, where, *found)
    return None


def unnamable(corpus: Path, doc: Document, names: Iterable[tuple[str, str, str]]) -> Problem | None:
    """``xml-unsafe-name`` for the first attribute name an exporter would take from the data
    (``names``: the annotation it belongs to, where the name is, the name) that is no attribute
    name (:func:`is_attribute_name`); None when they all are."""
    for annotation_id, where, name in names:
        if not is_attribute_name(name):
            file = str(annotation_path(corpus, doc.id))
            return problem(
                "xml-unsafe-name",
                file=file,
                doc_id=doc.id,
                annotation_id=annotation_id,
                where=where,
                name=name,
            )
    return None


@lru_cache(maxsize=1024)  # names repeat from document to document
def is_attribute_name(name: str) -> bool:
    """True when every XML parser reads ``name`` back as the name of one attribute: an XML name
    without a namespace prefix (an unbound prefix is an error, a bound one renames it), and not
    ``xmlns`` (a namespace declaration, which would rename the element). Asked of expat, whose
    names are those of XML 1.0's fourth edition: the strictest any parser holds (the fifth
    edition's are more), and Python's import reads with it."""
    try:
        element = ET.fromstring(f"<x {name}=''/>")
    except ET.ParseError:  # also what would close the tag or add markup: '/>', '=', quotes
        return False
    return list(element.attrib) == [name]


def _unsafe(file: Path, doc_id: str, where: str, offset: int, char: str) -> Problem:
    code_point = f"U+{ord(char):04X}"
    return problem(
        "xml-unsafe-character",
        file=str(file),
        doc_id=doc_id,
        where=where,
        code_point=code_point,
        offset=offset,
    )

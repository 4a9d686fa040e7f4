"""TimeML (``.tml``, inline TIMEX3) <-> newsanno corpus, so existing temporal tools can read and
write the dates layer.

Import: the text is the character content of ``<TEXT>`` (of the root element when there is no
``<TEXT>``); each inline TIMEX3 becomes a date with its ``tid`` as id. TIMEX3 attributes the
schema has no field for (``temporalFunction``, ``functionInDocument``, ``anchorTimeID``, ...) and
the document creation time (``<DCT>``, outside the text) are kept verbatim in
``meta.source.settings`` (keys ``timex.<tid>.<attribute>``, ``dct.<attribute>``, ``dct.text``),
so that exporting writes every attribute back. EVENT, SIGNAL and links have no layer here: they
are counted as ``not-carried``.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..corpus import iter_corpus
from ..corpus.layout import is_safe_id
from ..corpus.manifest import Manifest
from ..errors import NewsannoError
from ..files import write_atomic
from ..model.document import Document
from ..model.labels import DOCUMENT_ANCHOR
from ..model.timex import TYPE_KINDS, value_kind
from . import Report
from .ids import slug
from .mapping import Mapping
from .pipeline import ImportRun, Incoming, layers_not_carried, not_carried, parse_xml, span_budget
from .registry import FormatSpec
from .xml_safety import unnamable, unwritable

FORMAT = "timeml"
MAPPING: tuple[Mapping, ...] = (
    Mapping("dates", "TIMEX3 tid", "id", "kept when it is a safe id"),
    Mapping("dates", "TIMEX3 type, value, mod", "type, value, mod"),
    Mapping(
        "dates",
        "TIMEX3 anchorTimeID",
        "anchor",
        "'document' for the DCT's tid, else the anchor's id; also kept verbatim",
    ),
    Mapping(
        "dates",
        "other TIMEX3 attributes",
        "meta.source.settings timex.<tid>.<attribute>",
        "verbatim, written back on export",
    ),
    Mapping(
        "dates",
        "TIMEX3 with an invalid type or value",
        None,
        "not a valid date annotation",
        code="invalid-timex",
    ),
    Mapping("dates", "empty TIMEX3", None, "no text to span", code="unanchored-timex"),
    Mapping(
        "meta",
        "DCT TIMEX3",
        "published (stated); meta.source.settings dct.*",
        "outside the text, kept verbatim",
    ),
    Mapping("meta", "TITLE, DOCID", "title; meta.source.settings docid"),
    Mapping(
        "meta",
        "EVENT, SIGNAL, MAKEINSTANCE, TLINK, SLINK, ALINK",
        None,
        "no such layer in the schema",
        code="not-carried",
    ),
)
_CARRIED = {"TimeML", "TEXT", "TIMEX3", "DCT", "DOCID", "TITLE"}
_OWN_FIELDS = ("tid", "type", "value", "mod")
_ANNOTATED = frozenset(("tid", "type", "value", "mod", "anchorTimeID"))  # a date's own fields
_CR = {"\r": "&#13;"}


def read_document(path: Path, run: ImportRun) -> list[Incoming]:
    """One TimeML file as a document; elements without a layer here are counted in
    ``run.carried``."""
    data = run.read(path)
    root = parse_xml(data, path, run.report.problems)
    if root is None:
        return []
    body = root.find("TEXT")
    container = body if body is not None else root
    skip = set() if body is not None else {"DCT", "DOCID", "TITLE"}
    text, timexes = _flatten(container, skip)
    settings: dict[str, str | int | float | bool] = {}
    dct = root.find("DCT/TIMEX3")
    published = None
    if dct is not None:
        settings.update({f"dct.{k}": v for k, v in dct.attrib.items()})
        settings["dct.text"] = "".join(dct.itertext())
        published = _iso_day(dct.get("value", ""))
    docid = (root.findtext("DOCID") or "").strip()
    if docid:
        settings["docid"] = docid
    title = (root.findtext("TITLE") or "").strip() or docid or path.stem
    draft = Incoming(
        format=FORMAT,
        file=str(path),
        doc_id=slug(docid or path.stem, fallback="timeml-doc"),
        text=text,
        meta={
            "title": title,
            "published": published,
            "published_source": "stated" if published else "unknown",
            "language": "en",
            "license": "unknown",
            "redistribution": "annotations-only",
            "source": {
                "format": "timeml",
                "name": path.name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "settings": settings,
                "rule": "the character content of <TEXT> (of the root without <TEXT>)",
            },
        },
        annotation={
            "annotators": ["TimeML source"],
            "status": "gold",
            "guideline_version": "TimeML 1.2.1",
            "layers": [{"layer": "dates"}],
        },
        whole=True,
    )
    dct_tid = dct.get("tid") if dct is not None else None
    taken: set[str] = set()
    budget = span_budget(path, len(data))  # nested TIMEX3s each keep the text they share
    for n, (el, start, end) in enumerate(timexes, 1):
        tid = el.get("tid") or f"t{n}"
        ttype, value = el.get("type", ""), el.get("value", "")
        if end <= start:
            draft.drop("unanchored-timex", tid, value=value)
            continue
        if ttype not in TYPE_KINDS or value_kind(value) not in TYPE_KINDS[ttype]:
            draft.drop("invalid-timex", tid, type=ttype, value=value)
            continue
        anchor = el.get("anchorTimeID")
        own = _OWN_FIELDS
        if not is_safe_id(tid) or tid in taken:
            tid, own = f"timex{n}", tuple(f for f in _OWN_FIELDS if f != "tid")
        taken.add(tid)
        settings.update({f"timex.{tid}.{k}": v for k, v in el.attrib.items() if k not in own})
        draft.dates.append(
            {
                "_src": tid,
                "id": tid,
                **draft.span(start, end, budget),
                "type": ttype,
                "value": value,
                **({"mod": el.get("mod")} if el.get("mod") else {}),
                "anchor": DOCUMENT_ANCHOR if anchor and anchor == dct_tid else anchor,
            }
        )
    run.carried.update(e.tag for e in root.iter() if e.tag not in _CARRIED)
    return [draft]


def _flatten(
    container: ET.Element, skip: set[str]
) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The character content of ``container`` (elements tagged ``skip`` left out, their tails
    kept) and where each TIMEX3 inside it starts and ends, innermost first. A walk with its own
    stack: a source may nest elements deeper than Python's recursion limit."""
    parts = [container.text or ""]
    length = len(parts[0])
    timexes: list[tuple[ET.Element, int, int]] = []
    # per open element: its children still to walk and where its content starts
    stack: list[tuple[ET.Element, Iterator[ET.Element], int]] = [(container, iter(container), 0)]
    while stack:
        el, children, start = stack[-1]
        child = next(children, None)
        if child is not None and child.tag not in skip:
            stack.append((child, iter(child), length))
            parts.append(child.text or "")
            length += len(parts[-1])
            continue
        if child is None:
            stack.pop()
            if not stack:
                break
            if el.tag == "TIMEX3":
                timexes.append((el, start, length))
            child = el
        parts.append(child.tail or "")
        length += len(parts[-1])
    return "".join(parts), timexes


def _iso_day(value: str) -> str | None:
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def export_timeml(corpus: Path, out: Path) -> Report:
    """Write one ``<id>.tml`` per valid document of ``corpus`` into the folder ``out``."""
    report = Report()
    out.mkdir(parents=True, exist_ok=True)
    invalid = False
    for loaded in iter_corpus(corpus):
        if loaded.document is None or not loaded.ok:
            report.problems.extend(loaded.problems)
            invalid = True
            continue
        doc = loaded.document
        unsafe = unwritable(corpus, doc, _written(doc)) or unnamable(corpus, doc, _names(doc))
        if unsafe is not None:
            report.problems.append(unsafe)
            continue
        skipped: list[str] = []
        write_atomic(out / f"{doc.id}.tml", to_timeml(doc, skipped).encode("utf-8"))
        report.documents += 1
        report.kept["dates"] += len(doc.dates) - len(skipped)
        layers_not_carried(report, SPEC, doc)
        not_carried(report, SPEC.name, "dates nested in other dates", len(skipped))
    if invalid:  # every invalid document reported, and nothing exported (as by the others)
        raise NewsannoError(report.problems)
    return report


SPEC = FormatSpec(
    name=FORMAT,
    description="TimeML with inline TIMEX3 (dates only)",
    carries=frozenset({"dates"}),
    read=read_document,
    glob="**/*.tml",
    write=export_timeml,
    tool=False,
    manifest=Manifest(
        name="timeml",
        version="0.1.0",
        description="Documents imported from TimeML.",
        license="unknown",
    ),
)


def _written(doc: Document) -> Iterator[tuple[str, str]]:
    """The strings besides the text that :func:`to_timeml` writes, and where each is."""
    yield "meta.title", doc.meta.title
    settings = doc.meta.source.settings if doc.meta.source else {}
    for key, value in settings.items():
        yield f"meta.source.settings[{key!r}]", str(value)


def _names(doc: Document) -> Iterator[tuple[str, str, str]]:
    """The attribute names :func:`to_timeml` takes from the settings: the date each belongs to
    (none for the DCT), where it is, the name."""
    settings = doc.meta.source.settings if doc.meta.source else {}
    for name in _dct_attributes(settings):
        yield "", f"meta.source.settings[{'dct.' + name!r}]", name
    for t in doc.dates:
        for name in _timex_attributes(settings, t.id):
            yield t.id, f"meta.source.settings[{f'timex.{t.id}.{name}'!r}]", name


def _dct_attributes(settings: dict[str, Any]) -> dict[str, str]:
    return {k[4:]: str(v) for k, v in settings.items() if k.startswith("dct.") and k != "dct.text"}


def _timex_attributes(settings: dict[str, Any], tid: str) -> dict[str, str]:
    prefix = f"timex.{tid}."
    return {k[len(prefix) :]: str(v) for k, v in settings.items() if k.startswith(prefix)}


def to_timeml(doc: Document, skipped: list[str] | None = None) -> str:
    """The document as TimeML: DOCID, DCT, TITLE and TEXT with inline TIMEX3. TimeML cannot
    nest TIMEX3: a date inside another is left out and its id appended to ``skipped``. A CR is
    written as ``&#13;``: a parser turns a literal CR LF into LF, and the text would change."""
    settings = doc.meta.source.settings if doc.meta.source else {}
    dct_attrs = _dct_attributes(settings)
    dct_text = str(settings.get("dct.text", doc.meta.published or ""))
    if not dct_attrs and doc.meta.published:
        dct_attrs = {
            "tid": "t0",
            "type": "DATE",
            "value": doc.meta.published,
            "temporalFunction": "false",
            "functionInDocument": "CREATION_TIME",
        }
    dct_tid = dct_attrs.get("tid")
    lines = ['<?xml version="1.0" ?>', "<TimeML>"]
    lines.append(f"<DOCID>{_escape(str(settings.get('docid', doc.id)))}</DOCID>")
    if dct_attrs:
        lines.append(f"<DCT>{_element(dct_attrs, dct_text)}</DCT>")
    lines.append(f"<TITLE>{_escape(doc.meta.title)}</TITLE>")
    inline = "".join(_inline(doc, settings, dct_tid, [] if skipped is None else skipped))
    lines.append(f"<TEXT>{inline}</TEXT>")
    lines.append("</TimeML>")
    return "\n".join(lines) + "\n"


def _inline(
    doc: Document, settings: dict[str, Any], dct_tid: str | None, skipped: list[str]
) -> Iterator[str]:
    pos = 0
    tids = {t.id: str(settings.get(f"timex.{t.id}.tid", t.id)) for t in doc.dates}
    for t in sorted(doc.dates, key=lambda d: (d.start, -d.end)):
        if t.start < pos:
            skipped.append(t.id)
            continue
        # the date's own fields win over a setting of the same name: a setting left from the
        # import (or written by hand) must not undo an annotator's correction
        attrs = {"tid": tids[t.id]}  # the source's own tid, when import had to replace it
        attrs |= {k: v for k, v in _timex_attributes(settings, t.id).items() if k not in _ANNOTATED}
        attrs |= {"type": t.type, "value": t.value}
        if t.mod:
            attrs["mod"] = t.mod
        if t.anchor == DOCUMENT_ANCHOR and dct_tid:
            attrs["anchorTimeID"] = dct_tid
        elif t.anchor:
            attrs["anchorTimeID"] = tids.get(t.anchor, t.anchor)
        yield _escape(doc.text[pos : t.start])
        yield _element(attrs, t.text)
        pos = t.end
    yield _escape(doc.text[pos:])


def _element(attrs: dict[str, str], text: str) -> str:
    rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
    return f"<TIMEX3 {rendered}>{_escape(text)}</TIMEX3>"


def _escape(text: str) -> str:
    return escape(text, _CR)

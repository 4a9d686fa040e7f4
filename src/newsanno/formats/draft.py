"""Finishing an imported document: what the MEANTIME, GUM and TimeML importers share.

An importer collects annotations as plain dicts in source order, with the source's own ids
(``_src``); :func:`finish` puts each layer in text order, gives project ids (``m1``, ``t1``,
``q1``, ``z1``), maps date anchors from source ids to project ids, drops exact duplicates with a
counted code, and validates. A document that does not validate, whose id is already in the
corpus with another text, or whose corpus version holds annotations in layers the format does
not carry (they would be deleted), is reported. An import is all or nothing: documents are
written only when every source file became a valid document, so a failed run leaves the
corpus as it was.
A run also writes ``imports/<source>.json`` into the corpus: what it kept, converted (per
named rule) and dropped (per problem code), for the release card.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..corpus import write_document
from ..corpus.layout import MANIFEST
from ..corpus.manifest import Manifest
from ..errors import NewsannoError, Problem, problem
from ..files import write_atomic
from ..model.checks import validate_document
from ..model.document import Document
from ..model.labels import LAYERS
from . import Report
from .corpus_io import corpus_document, text_mismatch
from .xml_safety import parse_untrusted

IMPORTS = "imports"  # corpus/imports/<source>.json: the counts of the last import of a source
# Project id prefix per layer, as in the annotation guidelines.
_PREFIX = {"zones": "z", "entities": "m", "quotes": "q", "dates": "t"}
# Fields that do not make two items different: source ids, the rules that converted them and
# the extent before conversion.
_NOT_COMPARED = ("_src", "_rules", "id", "source_span")


@dataclass
class Draft:
    """One document being imported; layer items are dicts in the schema's shape plus ``_src``
    (the source's id) and ``_rules`` (the conversion rules that changed the item)."""

    doc_id: str
    text: str
    meta: dict[str, Any]
    annotation: dict[str, Any]
    file: str
    zones: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    keep_ids: bool = False

    def span(self, start: int, end: int) -> dict[str, Any]:
        return {"start": start, "end": end, "text": self.text[start:end]}


def drop(report: Report, code: str, draft: Draft, ann_id: str = "", **fields: object) -> None:
    """Count one source item that cannot be carried over, and say which and why."""
    report.dropped[code] += 1
    report.problems.append(
        problem(code, file=draft.file, doc_id=draft.doc_id, annotation_id=ann_id, **fields)
    )


def finish(draft: Draft, report: Report, corpus: Path) -> Document | None:
    """Validate the draft as a document; None (with problems) when invalid."""
    ids: dict[str, str] = {}
    layers: dict[str, list[dict[str, Any]]] = {}
    for layer, prefix in _PREFIX.items():
        # An item a rule converted sorts after an unconverted equal one, which is kept.
        items = sorted(
            getattr(draft, layer), key=lambda a: (a["start"], -a["end"], "source_span" in a)
        )
        kept: list[dict[str, Any]] = []
        seen: set[str] = set()
        for item in items:
            key = repr(sorted((k, v) for k, v in item.items() if k not in _NOT_COMPARED))
            if key in seen:
                drop(report, "duplicate-import", draft, str(item.get("_src", "")), layer=layer)
                continue
            seen.add(key)
            kept.append(item)
        for n, item in enumerate(kept, 1):
            new_id = item["id"] if draft.keep_ids and "id" in item else f"{prefix}{n}"
            if "_src" in item:
                ids[str(item["_src"])] = new_id
            item["id"] = new_id
        layers[layer] = kept
    for item in layers["dates"]:
        anchor = item.get("anchor")
        if anchor not in (None, "document"):
            item["anchor"] = ids.get(str(anchor))
            if item["anchor"] is None:
                drop(report, "anchor-not-imported", draft, item["id"], target=anchor)
    raw = {
        "id": draft.doc_id,
        "text": draft.text,
        "meta": draft.meta,
        "annotation": draft.annotation,
        **{
            k: [{f: v for f, v in a.items() if not f.startswith("_")} for a in vs]
            for k, vs in layers.items()
        },
    }
    doc, problems = validate_document(raw, draft.file)
    if doc is not None:
        problems += _replaces(corpus, doc, draft.file)
    report.problems.extend(problems)
    if doc is None or any(p.severity == "error" for p in problems):
        return None
    for items in layers.values():  # rules count the items they changed that are kept
        for item in items:
            report.converted.update(item.get("_rules", ()))
    return doc


def _replaces(corpus: Path, doc: Document, file: str) -> list[Problem]:
    """Why ``doc`` may not replace the corpus document of its id: another text, or annotations
    in layers the import does not carry (they would be deleted)."""
    fmt = doc.meta.source.format if doc.meta.source else "source"
    try:
        old = corpus_document(corpus, doc.id)
    except NewsannoError as e:
        return e.problems
    if old is None:
        return []
    if old.text != doc.text:
        return [text_mismatch(fmt, file, doc.id, doc.text, old.text)]
    carried = {scope.layer for scope in doc.annotation.layers}
    lost = [f"{len(getattr(old, x))} {x}" for x in LAYERS if x not in carried and getattr(old, x)]
    if not lost:
        return []
    return [
        problem("import-would-drop", file=file, doc_id=doc.id, what=", ".join(lost), format=fmt)
    ]


Reader = Callable[[Path, Report, Counter[str]], "Draft | None"]


def import_files(
    src: Path,
    corpus: Path,
    suffix: str,
    manifest: Manifest,
    read: Reader,
    about: dict[str, str] | None = None,
) -> Report:
    """Import every ``*{suffix}`` under ``src`` (or the file ``src``) into ``corpus``: each file
    becomes a draft through ``read`` and is finished; the documents are written only when all
    of them are valid. Markup the schema has no layer for is counted over the whole import.
    With ``about`` (``source``: the summary's name, and what to say of the source corpus), the
    counts are written to ``imports/<source>.json``."""
    report = Report()
    files = [src] if src.is_file() else sorted(src.rglob(f"*{suffix}"))
    if not files:
        report.problems.append(nothing_to_import(src, suffix))
        return report
    carried: Counter[str] = Counter()
    docs: list[Document] = []
    failed = 0
    for path in files:
        draft = guarded(partial(read, carried=carried), path, report)
        doc = finish(draft, report, corpus) if draft is not None else None
        if doc is None:
            failed += 1
        else:
            docs.append(doc)
    report_not_carried(report, carried, str(src))
    if failed:
        report.problems.append(
            problem("import-incomplete", file=str(src), failed=failed, total=len(files))
        )
        return report
    ensure_manifest(corpus, manifest)
    for doc in docs:
        write_document(corpus, doc)
        report.documents += 1
        for layer in _PREFIX:
            report.kept[layer] += len(getattr(doc, layer))
        report.kept["clusters"] += len({m.entity for m in doc.entities if m.entity})
    if about is not None:
        write_summary(corpus, report, files, about)
    return report


def write_summary(corpus: Path, report: Report, files: list[Path], about: dict[str, str]) -> None:
    """``imports/<source>.json``: the counts of this import, and a checksum over the source
    files (name and content) that says which release of the source they come from. No date:
    the same input gives the same bytes."""
    digest = hashlib.sha256()
    for path in files:
        content = hashlib.sha256(path.read_bytes()).digest()
        digest.update(path.name.encode("utf-8") + b"\0" + content)
    summary = {
        **about,
        "source_files": len(files),
        "source_sha256": digest.hexdigest(),
        "documents": report.documents,
        "kept": dict(sorted(report.kept.items())),
        "converted": dict(sorted(report.converted.items())),
        "dropped": dict(sorted(report.dropped.items())),
    }
    data = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    write_atomic(corpus / IMPORTS / f"{about['source']}.json", data.encode("utf-8"))


# what a folder of files with this suffix most likely is, to name the importer to try
LIKELY_FORMAT = {
    ".conllu": "gum",
    ".xml": "meantime (or timeml)",
    ".tml": "timeml",
    ".ann": "brat",
    ".conll": "conll",
    ".json": "label-studio",
    ".spacy": "spacy",
    ".xmi": "inception",
}


def nothing_to_import(src: Path, suffix: str) -> Problem:
    """No ``*{suffix}`` file: say whether ``src`` is missing, or what it holds instead."""
    if not src.exists():
        return problem("file-not-found", file=str(src), path=str(src))
    found = Counter(p.suffix.lower() or p.name for p in src.rglob("*") if p.is_file())
    listed = ", ".join(f"{n} {ext}" for ext, n in found.most_common(5)) or "no files"
    likely = next((LIKELY_FORMAT[e] for e, _ in found.most_common() if e in LIKELY_FORMAT), None)
    hint = f"; a {likely} source? try `newsanno import {likely.split()[0]}`" if likely else ""
    return problem("import-nothing-found", file=str(src), suffix=suffix, found=listed + hint)


def report_not_carried(report: Report, counts: Counter[str], file: str) -> None:
    """Source markup the schema has no layer for (events, syntax), counted per kind over a
    whole import and reported once per kind rather than once per document."""
    for what, n in sorted(counts.items()):
        report.dropped["not-carried"] += n
        report.problems.append(
            problem("not-carried", file=file, format="the newsanno schema", count=n, what=what)
        )


def guarded(
    read: Callable[[Path, Report], Draft | None], path: Path, report: Report
) -> Draft | None:
    """Run a reader on one source file; a file that breaks the format's structure (a number
    that is not one, a bracket never opened) becomes an ``import-malformed`` problem."""
    try:
        return read(path, report)
    except (ValueError, KeyError, IndexError, UnicodeDecodeError) as e:
        reason = f"{type(e).__name__}: {e}"[:300]
        report.problems.append(problem("import-malformed", file=str(path), reason=reason))
        return None


def parse_xml(data: bytes, path: Path, report: Report) -> ET.Element | None:
    """The root element of an XML source file; None, with the reason reported, when it is not
    well-formed XML or declares a DTD."""
    try:
        return parse_untrusted(data, str(path))
    except NewsannoError as e:
        report.problems.extend(e.problems)
        return None


def ensure_manifest(corpus: Path, manifest: Manifest) -> None:
    """Give a new corpus directory a manifest; an existing one is the user's and stays."""
    path = corpus / MANIFEST
    if not path.exists():
        data = manifest.model_dump_json(indent=2) + "\n"
        write_atomic(path, data.encode("utf-8"))

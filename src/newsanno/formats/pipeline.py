"""The one import pipeline: a format's reader turns each source file into documents
(:class:`Incoming`) holding plain record dicts; :func:`finish` makes each a corpus document and
:func:`run_import` writes them.

Rules every format gets alike (docs/formats.md, "How an import is finished"):

- **Reading** is guarded: a source file that breaks its format's structure is one
  ``import-malformed`` problem, never a traceback. Files are read through :meth:`ImportRun.read`:
  a file found in the source folder stays inside it (``outside-root``: no link leads out) and is
  a regular file (``unreadable-file``: a FIFO would block, a folder cannot be read).
- **Documents**: each document id comes from one source document; a second one is
  ``import-duplicate-document``, naming both files (one of them would be lost).
- **Defaults**: a quote without a speaker gets ``speaker_reason: unknown`` and
  ``speaker_explicit: false``; a claim without claimant is ``unattributed``. A date without a
  TIMEX value cannot be a record: it is left out, ``import-dropped``, in every format.
- **Duplicates**: a record that repeats another of its layer exactly (ids, source extent and
  conversion rules aside) is left out, ``duplicate-import``; references to it follow the kept one.
- **Ids**: a record keeps the id it comes with when that is a safe name no other record took;
  the others get their layer's prefix (:data:`PREFIX`) and the next free number (``m3``).
  References between records (date anchors, claims' ``reported_by`` and relations) are given in
  the source's keys (``_src``) and follow the records to their ids; an anchor to a date that was
  not imported is left empty, ``anchor-not-imported``.
- **Atomicity**: one import run writes all its documents or none. Any error, in any source file
  or document, refuses the run (``import-incomplete`` says how many files failed) and the corpus
  stays as it was. A new corpus folder gets a manifest (the format's, else the one ``newsanno
  init`` would write), so that it validates.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpus.layout import MANIFEST
from ..corpus.manifest import Manifest, new_manifest
from ..corpus.writer import CorpusFile, document_files, write_into
from ..errors import NewsannoError, Problem, problem
from ..limits import Budget
from ..model.checks import validate_document
from ..model.document import Document
from ..model.labels import LAYERS
from ..model.layers import layer_table
from ..paths import is_safe_name
from . import Report, dropped_problem
from .corpus_io import (
    ImportOptions,
    conflict,
    corpus_document,
    declare,
    fingerprints,
    keep_exported,
    keep_unchanged,
    read_export,
    read_source,
    source_text,
    stamp,
    text_mismatch,
    waiting_text,
)
from .errata import apply_errata
from .xml_safety import parse_untrusted

if TYPE_CHECKING:
    from .registry import FormatSpec

IMPORTS = "imports"  # corpus/imports/<source>.json: the counts of the last import of a source
# Annotation id prefix per layer, as in the annotation guidelines (the layer table's).
PREFIX = {spec.name: spec.id_prefix for spec in layer_table()}
# Fields that do not make two records different: ids, the conversion rules that changed them
# and the extent before conversion.
_NOT_COMPARED = frozenset({"_src", "_rules", "_cluster_from_id", "id", "source_span"})


@dataclass
class Incoming:
    """One document as a source gives it: its text and per layer its records, dicts in the
    schema's shape plus ``_src`` (the source's key for the record, which references use and
    problems name), ``_rules`` (conversion rules that changed it) and ``_cluster_from_id`` (a
    mention whose cluster is named after its own id). ``whole``: the source gives the whole
    document (a source corpus: metadata, provenance and every layer, records put in text
    order); otherwise it gives the layers it carries for the corpus document of that id."""

    format: str
    file: str
    doc_id: str
    text: str
    layers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    meta: dict[str, Any] | None = None
    annotation: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    # per layer, the fingerprint of the corpus annotations the source was exported from, and
    # the provenance exported with them
    base: dict[str, str] | None = None
    exported: Any = None
    whole: bool = False

    def span(self, start: int, end: int, budget: Budget) -> dict[str, Any]:
        """``[start, end)`` with its text, charged to the budget of the source file
        (:func:`span_text`)."""
        return {"start": start, "end": end, "text": span_text(self.text, start, end, budget)}

    def drop(self, code: str, src: object = "", **fields: object) -> None:
        """Leave out one source item, saying which (by the source's key) and why."""
        self.problems.append(
            dropped_problem(
                code, file=self.file, doc_id=self.doc_id, annotation_id=str(src), **fields
            )
        )

    def left_out(self, src: object, what: str, reason: str) -> None:
        """An item the source holds that the schema cannot take (``import-dropped``)."""
        self.problems.append(dropped(self.file, self.doc_id, str(src), what, reason))

    def _layer(self, name: str) -> list[dict[str, Any]]:
        return self.layers.setdefault(name, [])

    zones = property(lambda self: self._layer("zones"), lambda self, v: self.layers.update(zones=v))
    entities = property(
        lambda self: self._layer("entities"), lambda self, v: self.layers.update(entities=v)
    )
    quotes = property(
        lambda self: self._layer("quotes"), lambda self, v: self.layers.update(quotes=v)
    )
    claims = property(
        lambda self: self._layer("claims"), lambda self, v: self.layers.update(claims=v)
    )
    dates = property(lambda self: self._layer("dates"), lambda self, v: self.layers.update(dates=v))


@dataclass
class ImportRun:
    """One run of an importer: where from and to, the options, the report, per-run state a
    format's setup prepares (``state``), and source markup the schema has no layer for,
    counted per kind over the run (``carried``)."""

    spec: FormatSpec
    src: Path
    corpus: Path
    options: ImportOptions
    report: Report
    state: dict[str, Any] = field(default_factory=dict)
    carried: Counter[str] = field(default_factory=Counter)
    digests: dict[Path, bytes] = field(default_factory=dict)  # sha256 of each file read

    @property
    def folder(self) -> Path:
        """The folder the user named, or the one holding the file they named."""
        return self.src if self.src.is_dir() else self.src.parent

    def read(self, path: Path, doc_id: str = "") -> bytes:
        """The bytes of a source file (:func:`.corpus_io.read_source`): the file the user named,
        or one found in :attr:`folder`, which must stay inside it."""
        data = read_source(path, None if path == self.src else self.folder, doc_id)
        self.digests[path] = hashlib.sha256(data).digest()
        return data

    def read_text(self, path: Path, doc_id: str = "") -> str:
        """A source file as text: UTF-8 without a byte order mark, as article texts are."""
        return source_text(self.read(path, doc_id), path, doc_id)


def dropped(file: str, doc_id: str, src: str, what: str, reason: str) -> Problem:
    """An item of the source that the import leaves out, named by the source's id."""
    return dropped_problem(
        "import-dropped", file=file, doc_id=doc_id, annotation_id=src, what=what, reason=reason
    )


def span_budget(path: Path, size: int) -> Budget:
    """The characters the span texts made from one source file of ``size`` bytes may add up to
    (:mod:`newsanno.limits`). Every record keeps the text of its span, so spans that overlap
    repeat it: without a bound, a few kilobytes of offsets over one long text write gigabytes."""
    return Budget(str(path), f"the text of the spans in {path.name}", size)


def span_text(text: str, start: int, end: int, budget: Budget) -> str:
    """``text[start:end]``, charged to the budget of the file that asked for it."""
    piece = text[start:end]
    budget.spend(len(piece))
    return piece


def span_record(
    text: str,
    layer: str,
    src: str,
    start: int,
    end: int,
    proposed: str | None,
    budget: Budget,
    **fields: Any,
) -> dict[str, Any]:
    """A record of ``layer`` over ``text[start:end]``, keyed ``src`` in its source, with the id
    the source proposes (when any) and ``fields``; its text is charged to ``budget``."""
    rec: dict[str, Any] = {"_src": src, "start": start, "end": end}
    if proposed:
        rec["id"] = proposed
    if layer != "zones":
        rec["text"] = span_text(text, start, end, budget)
    return rec | fields


# --- one document -------------------------------------------------------------------------


def _key(rec: dict[str, Any]) -> str:
    return repr(sorted((k, v) for k, v in rec.items() if k not in _NOT_COMPARED))


def _defaults(inc: Incoming, layer: str, rec: dict[str, Any]) -> bool:
    """Fill what a tool record may lack; False for a record that cannot exist."""
    if layer == "quotes":
        rec.setdefault("speaker", None)
        rec.setdefault("speaker_explicit", False)
        if rec["speaker"] is None:
            rec.setdefault("speaker_reason", "unknown")
    elif layer == "claims":
        rec.setdefault("claimant", "unattributed")
    elif layer == "dates" and not rec.get("value"):
        src = rec.get("_src", rec.get("id", ""))
        inc.left_out(src, f"date {src}", "it has no TIMEX value")
        return False
    return True


def assign_ids(proposed: list[tuple[str, Any]]) -> list[str]:
    """Ids for ``(layer, proposed id)`` pairs: the proposal when it is a safe name not taken
    before, else the layer's prefix and the next free number."""
    ids: list[str | None] = []
    used: set[str] = set()
    for _, given in proposed:
        ok = isinstance(given, str) and is_safe_name(given) and given not in used
        ids.append(given if ok else None)
        if ok:
            used.add(given)
    counters: dict[str, int] = {}
    out = []
    for (layer, _), given in zip(proposed, ids, strict=True):
        if given is None:
            prefix = PREFIX.get(layer, "x")
            n = counters.get(prefix, 0) + 1
            while f"{prefix}{n}" in used:
                n += 1
            counters[prefix] = n
            given = f"{prefix}{n}"
            used.add(given)
        out.append(given)
    return out


def _records(inc: Incoming) -> dict[str, list[dict[str, Any]]]:
    """Defaults, duplicates, ids and references, as the module says; returns the layers."""
    layers: dict[str, list[dict[str, Any]]] = {}
    follow: dict[str, str] = {}  # source key of a left-out duplicate -> the kept one's
    for layer in (x for x in LAYERS if x in inc.layers):
        items = [r for r in inc.layers[layer] if _defaults(inc, layer, r)]
        if inc.whole:  # a converted record sorts after an unconverted equal one, which is kept
            items.sort(key=lambda a: (a["start"], -a["end"], "source_span" in a))
        kept: dict[str, dict[str, Any]] = {}
        for rec in items:
            rec.setdefault("_src", rec.get("id", ""))
            first = kept.setdefault(_key(rec), rec)
            if first is not rec:
                inc.drop("duplicate-import", rec["_src"], layer=layer)
                follow[str(rec["_src"])] = str(first["_src"])
        layers[layer] = list(kept.values())
    flat = [(layer, rec) for layer, recs in layers.items() for rec in recs]
    ids: dict[str, str] = {}
    clusters: dict[str, str] = {}
    for (_, rec), new in zip(flat, assign_ids([(x, r.get("id")) for x, r in flat]), strict=True):
        ids.setdefault(str(rec["_src"]), new)
        if rec.pop("_cluster_from_id", False) and rec.get("entity") is not None:
            clusters[rec["entity"]] = new
        rec["id"] = new
    ids |= {dup: ids[kept] for dup, kept in follow.items() if kept in ids}
    for rec in layers.get("entities", []):
        if rec.get("entity") in clusters:
            rec["entity"] = clusters[rec["entity"]]
    for rec in layers.get("quotes", []):
        rec["speaker"] = clusters.get(rec["speaker"], rec["speaker"])
    for rec in layers.get("claims", []):
        rec["claimant"] = clusters.get(rec["claimant"], rec["claimant"])
        if rec.get("reported_by") is not None:
            rec["reported_by"] = ids.get(str(rec["reported_by"]), rec["reported_by"])
        for r in rec.get("relations", []):
            r["target"] = ids.get(str(r["target"]), r["target"])
    for rec in layers.get("dates", []):
        anchor = rec.get("anchor")
        if anchor not in (None, "document"):
            rec["anchor"] = ids.get(str(anchor))
            if rec["anchor"] is None:
                inc.drop("anchor-not-imported", rec["id"], target=anchor)
    return layers


def finish(inc: Incoming, run: ImportRun) -> Document | None:
    """The corpus document ``inc`` makes, validated and checked against the corpus; None
    (with the problems in the report) when it is refused."""
    report = run.report
    apply_errata(inc, run.spec.errata)
    layers = _records(inc)
    report.problems += inc.problems
    if any(p.severity == "error" for p in inc.problems):
        return None
    source_ids = {
        r["id"]: str(r["_src"])
        for recs in layers.values()
        for r in recs
        if str(r["_src"]) != r["id"]
    }
    plain = {
        k: [{f: v for f, v in r.items() if not f.startswith("_")} for r in rs]
        for k, rs in layers.items()
    }
    doc, problems = _resolve(run, inc, plain)
    report.problems += [_in_source_ids(p, source_ids) for p in problems]
    if doc is None or any(p.severity == "error" for p in problems):
        return None
    for recs in layers.values():  # rules count the records they changed that are kept
        for rec in recs:
            report.converted.update(rec.get("_rules", ()))
    return doc


def _in_source_ids(p: Problem, source_ids: dict[str, str]) -> Problem:
    """``p`` naming the annotation by the source's id (brat ``T1``), ours in the message."""
    src = source_ids.get(p.annotation_id)
    if src is None:
        return p
    return replace(p, annotation_id=src, note=f"{p.annotation_id} once imported")


def _resolve(
    run: ImportRun, inc: Incoming, layers: dict[str, list[dict[str, Any]]]
) -> tuple[Document | None, list[Problem]]:
    """Validate the document, and check it may take the place of the corpus document of its
    id: the same text; for a whole document, no corpus layer it would delete; for layers, no
    annotations made since the export (or ``--replace``)."""
    try:
        old = corpus_document(run.corpus, inc.doc_id)
    except NewsannoError as e:
        return None, e.problems
    if old is not None and old.text != inc.text:
        return None, [text_mismatch(inc.format, inc.file, inc.doc_id, inc.text, old.text)]
    there = waiting_text(run.corpus, inc.doc_id, inc.text) if old is None else None
    if there is not None:  # another article, waiting for its annotations
        return None, [text_mismatch(inc.format, inc.file, inc.doc_id, inc.text, there)]
    if old is None and (inc.meta is None or inc.annotation is None):
        missing = "the metadata needed to create a new document"
        return None, [
            problem(
                "import-unknown-document",
                file=inc.file,
                doc_id=inc.doc_id,
                format=inc.format,
                missing=missing,
            )
        ]
    if inc.whole or old is None:
        base: dict[str, Any] = {"id": inc.doc_id, "meta": inc.meta}
        annotation = inc.annotation
    else:
        base = old.model_dump()
        annotation = inc.annotation or declare(base["annotation"], layers)
    if not inc.whole:
        annotation = stamp(annotation, layers, run.options, old)
    doc, problems = validate_document(
        {**base, "text": inc.text, **layers, "annotation": annotation}, inc.file
    )
    if doc is not None and old is None and not inc.whole and inc.base is not None:
        kept = keep_exported(annotation, doc, inc.base, inc.exported, run.options)
        if kept != annotation:
            doc, problems = validate_document({**doc.model_dump(), "annotation": kept}, inc.file)
    if doc is None or old is None:
        return doc, problems
    if not inc.whole:
        kept = keep_unchanged(annotation, old, doc, run.options)
        if kept != annotation:
            doc, problems = validate_document({**doc.model_dump(), "annotation": kept}, inc.file)
            if doc is None:
                return doc, problems
    if inc.whole:
        problems += _would_drop(old, doc, inc)
        found = _edited_since(old, doc, inc, run.options)
        if found is not None:
            problems.append(found)
            if found.severity == "error":
                return None, problems
        return doc, problems
    found = conflict(inc.file, inc.doc_id, list(layers), inc.base, old, doc, run.options)
    if found is not None:
        problems.append(found)
        if found.severity == "error":
            return None, problems
    return doc, problems


def _would_drop(old: Document, doc: Document, inc: Incoming) -> list[Problem]:
    """A whole document may not delete corpus annotations in layers its source does not carry."""
    carried = {scope.layer for scope in doc.annotation.layers}
    lost = [f"{len(getattr(old, x))} {x}" for x in LAYERS if x not in carried and getattr(old, x)]
    if not lost:
        return []
    what = ", ".join(lost)
    return [
        problem("import-would-drop", file=inc.file, doc_id=doc.id, what=what, format=inc.format)
    ]


def _edited_since(
    old: Document, doc: Document, inc: Incoming, options: ImportOptions
) -> Problem | None:
    """A whole document takes the place of the corpus one where they agree, or with
    ``--replace``: a difference in a layer it carries or in the metadata is an edit made in the
    corpus since the source was imported (a corrected value), which importing again would undo
    without a word."""
    now, new = fingerprints(old), fingerprints(doc)
    carried = {scope.layer for scope in doc.annotation.layers}
    changed = [x for x in LAYERS if x in carried and now[x] != new[x]]
    if old.meta != doc.meta:
        changed.append("metadata")
    if not changed:
        return None
    return problem(
        "import-replaced" if options.replace else "import-conflict",
        file=inc.file,
        doc_id=doc.id,
        layers=", ".join(changed),
        reason="the corpus document differs from this source (edited since it was imported)",
    )


# --- one run ------------------------------------------------------------------------------


def source_files(spec: FormatSpec, src: Path) -> list[Path]:
    """The file the user named, or the files of the folder they named that match the format's
    pattern (links and folders among them too: reading them says what is wrong)."""
    return sorted(src.glob(spec.glob)) if src.is_dir() else [src]


# what a reader or a converter raises on a value of the wrong shape or type in a source file
# (a list where an object belongs, a missing field, a number that is not one)
_MALFORMED = (ValueError, KeyError, IndexError, TypeError, AttributeError)


def malformed(error: Exception, file: str, doc_id: str = "") -> Problem:
    reason = f"{type(error).__name__}: {error}"[:300]
    return problem("import-malformed", file=file, doc_id=doc_id, reason=reason)


def guarded(run: ImportRun, path: Path) -> list[Incoming] | None:
    """The documents of one source file; a file that breaks the format's structure (a number
    that is not one, a bracket never opened) becomes an ``import-malformed`` problem."""
    assert run.spec.read is not None
    try:
        return list(run.spec.read(path, run))
    except NewsannoError as e:
        run.report.problems += e.problems
    except _MALFORMED as e:
        run.report.problems.append(malformed(e, str(path)))
    except OSError as e:  # a reader of a plug-in format that reads files itself
        reason = e.strerror or str(e)
        run.report.problems.append(problem("unreadable-file", file=str(path), reason=reason))
    return None


def _errors(report: Report) -> int:
    return sum(p.severity == "error" for p in report.problems)


def run_import(
    spec: FormatSpec, src: Path, corpus: Path, options: ImportOptions | None = None
) -> Report:
    """Import ``src`` (a file, or every source file in the folder) into ``corpus`` with the
    format ``spec``: all documents or none (the module says how each is finished)."""
    report = Report()
    run = ImportRun(spec, src, corpus, options or ImportOptions(), report)
    if not src.exists():
        report.problems.append(problem("file-not-found", file=str(src), path=str(src)))
        return report
    files = source_files(spec, src)
    if not files:
        report.problems.append(nothing_to_import(src, spec.glob))
        return report
    try:
        if spec.setup is not None:
            spec.setup(run)
        exported = read_export(run.folder)
    except NewsannoError as e:
        report.problems += e.problems
    if _errors(report):
        return report
    docs: list[Document] = []
    first_file: dict[str, str] = {}  # document id -> the source file that gave it
    failed = 0
    for path in files:
        before = _errors(report)
        for inc in guarded(run, path) or []:
            if inc.doc_id in first_file:
                other = first_file[inc.doc_id]
                report.problems.append(
                    problem(
                        "import-duplicate-document", file=inc.file, doc_id=inc.doc_id, other=other
                    )
                )
                continue
            first_file[inc.doc_id] = inc.file
            if inc.base is None and exported and not inc.whole:
                inc.base = exported.get(inc.doc_id)
            try:
                doc = finish(inc, run)
            except _MALFORMED as e:  # a field of the wrong type the reader passed along
                report.problems.append(malformed(e, inc.file, inc.doc_id))
                doc = None
            if doc is not None:
                docs.append(doc)
        failed += _errors(report) > before
    for what, n in sorted(run.carried.items()):
        report.problems.append(
            dropped_problem(
                "not-carried",
                count=n,
                left_out=n,
                what=what,
                file=str(src),
                format="the newsanno schema",
            )
        )
    if failed:
        report.problems.append(
            problem("import-incomplete", file=str(src), failed=failed, total=len(files))
        )
        return report
    for doc in docs:
        count_kept(report, doc, [x for x in LAYERS if x in spec.carries])
        report.kept["clusters"] += len({m.entity for m in doc.entities if m.entity})
    # one change: the manifest of a new corpus, the documents and the summary, all or none
    writes = chain(
        manifest_files(corpus, spec.manifest or new_manifest(corpus)),
        (file for doc in docs for file in document_files(corpus, doc)),
        [summary_file(run, files, spec.summary(run))] if spec.summary is not None else [],
    )
    write_into(corpus, writes)
    return report


def count_kept(report: Report, doc: Document, layers: Iterable[str] = LAYERS) -> None:
    report.documents += 1
    for name in layers:
        report.kept[name] += len(getattr(doc, name))


def not_carried(report: Report, fmt: str, what: str, count: int = 1, doc_id: str = "") -> None:
    """Count items an export cannot carry under ``not-carried``, one problem per kind (not one
    per document: exports can be large)."""
    if not count:
        return
    for i, p in enumerate(report.problems):
        if p.code == "not-carried" and "left_out" in p.added and p.what == what:
            count += p.left_out
            del report.problems[i]
            break
    report.problems.append(
        dropped_problem(
            "not-carried", count=count, left_out=count, what=what, format=fmt, doc_id=doc_id
        )
    )


def layers_not_carried(report: Report, spec: FormatSpec, doc: Document) -> None:
    """Count the records of the layers ``spec`` does not carry."""
    for layer in layer_table():
        if layer.name not in spec.carries:
            not_carried(report, spec.name, layer.name, len(layer.records(doc)))


def summary_file(run: ImportRun, files: list[Path], about: dict[str, str]) -> CorpusFile:
    """``imports/<source>.json``: the counts of this import, and a checksum over the source
    files (name and content, as they were read) that says which release of the source they come
    from. No date: the same input gives the same bytes."""
    corpus, report = run.corpus, run.report
    digest = hashlib.sha256()
    for path in files:
        if path not in run.digests:  # a file the format's reader did not read itself
            run.read(path)
        digest.update(path.name.encode("utf-8") + b"\0" + run.digests[path])
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
    return corpus / IMPORTS / f"{about['source']}.json", data.encode("utf-8")


def nothing_to_import(src: Path, pattern: str) -> Problem:
    """No source file in ``src``: say what it holds instead, and which format that may be."""
    from .registry import formats

    suffix = pattern.rsplit("*", 1)[-1]
    found = Counter(p.suffix.lower() or p.name for p in src.rglob("*") if p.is_file())
    listed = ", ".join(f"{n} {ext}" for ext, n in found.most_common(5)) or "no files"
    by_suffix: dict[str, list[str]] = {}
    for spec in formats().values():
        if spec.read is not None:
            by_suffix.setdefault(spec.glob.rsplit("*", 1)[-1], []).append(spec.name)
    likely = next((by_suffix[e] for e, _ in found.most_common() if e in by_suffix), None)
    hint = ""
    if likely:
        hint = f"; a {' or '.join(likely)} source? try `newsanno import {likely[0]}`"
    return problem(
        "import-nothing-found",
        file=str(src),
        what=f"*{suffix} file",
        place="folder",
        found=listed + hint,
    )


def parse_xml(data: bytes, path: Path, problems: list[Problem]) -> ET.Element | None:
    """The root element of an XML source file; None, with the reason reported, when it is not
    well-formed XML or declares a DTD."""
    try:
        return parse_untrusted(data, str(path))
    except NewsannoError as e:
        problems.extend(e.problems)
        return None


def manifest_files(corpus: Path, manifest: Manifest) -> list[CorpusFile]:
    """The manifest a new corpus directory needs; none for one that has its own (the user's,
    which stays)."""
    path = corpus / MANIFEST
    if path.exists():
        return []
    return [(path, (manifest.model_dump_json(indent=2) + "\n").encode("utf-8"))]


def ensure_manifest(corpus: Path, manifest: Manifest) -> None:
    """Give a new corpus directory a manifest; an existing one is the user's and stays."""
    write_into(corpus, manifest_files(corpus, manifest))


# One source file -> the documents it holds.
Reader = Callable[[Path, ImportRun], Iterable[Incoming]]

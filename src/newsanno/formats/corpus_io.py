"""What every importer and exporter shares: checking imported text against the corpus text,
building and validating the imported document, writing all documents or none, and counting
what an export could not carry."""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

from ..corpus import load_document, sha256_text, write_document
from ..corpus.layout import annotation_path, is_safe_id
from ..errors import NewsannoError, Problem, fail, problem
from ..files import write_atomic
from ..model.checks import validate_document
from ..model.document import Document
from ..model.labels import LAYERS, Status
from ..paths import NAME_RULE, is_safe_name
from . import Report


@dataclass
class Incoming:
    """One document as a format gives it: its text, the layers the format carries (as model
    dicts) and, when the format carries them, metadata and provenance."""

    format: str
    file: str
    doc_id: str
    text: str
    layers: dict[str, list[dict[str, Any]]]
    meta: dict[str, Any] | None = None
    annotation: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    # per layer, the fingerprint of the corpus annotations the source was exported from
    base: dict[str, str] | None = None
    # our annotation id -> the tool's own (brat T1, a Label Studio region id), so that
    # problems name what the user sees in the tool
    source_ids: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportOptions:
    """How an annotation-tool import treats the corpus.

    ``replace``: import over annotations that changed in the corpus since the export (or, for
    a source that records no export, over different annotations already there); each such
    document is reported. ``status``/``annotator``: the provenance of the imported layers
    (``status="gold"`` turns corrected pre-annotations into gold, with method ``corrected``)."""

    replace: bool = False
    status: Status | None = None
    annotator: str | None = None


def fingerprints(doc: Document) -> dict[str, str]:
    """Per layer, the sha256 of a document's records: exports record them, imports compare
    them with the corpus to notice annotations made since the export."""
    body = doc.model_dump(include=set(LAYERS), mode="json")
    return {
        name: hashlib.sha256(orjson.dumps(body[name], option=orjson.OPT_SORT_KEYS)).hexdigest()
        for name in LAYERS
    }


# Written beside an export (annotation tools list only their own files): the fingerprints of
# each document's layers when exported.
EXPORTED = "newsanno-export.json"


def record_export(out: Path, exported: dict[str, dict[str, str]]) -> None:
    body = {"layers_sha256": dict(sorted(exported.items()))}
    write_atomic(out / EXPORTED, orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n")


def read_export(folder: Path) -> dict[str, dict[str, str]]:
    """The fingerprints an export recorded in ``folder`` ({} when there is none)."""
    try:
        found = orjson.loads((folder / EXPORTED).read_bytes()).get("layers_sha256")
    except (OSError, ValueError, AttributeError):
        return {}
    return found if isinstance(found, dict) else {}


def require(module: str, extra: str) -> ModuleType:
    """Import an optional dependency, or fail naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise fail("missing-extra", package=module.split(".")[0], extra=extra) from None


def first_difference(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def text_mismatch(fmt: str, file: str, doc_id: str, text: str, corpus_text: str) -> Problem:
    return problem(
        "import-text-mismatch",
        file=file,
        doc_id=doc_id,
        format=fmt,
        actual=sha256_text(text),
        expected=sha256_text(corpus_text),
        offset=first_difference(text, corpus_text),
    )


def corpus_document(corpus: Path, doc_id: str) -> Document | None:
    """The valid corpus document ``doc_id``, None when absent; an invalid one is refused, and
    so is an id from an import file that is no safe id (it would name a file elsewhere)."""
    if not is_safe_id(doc_id):
        raise fail("bad-document-id", value=doc_id, reason=NAME_RULE)
    path = annotation_path(corpus, doc_id)
    if not path.exists():
        return None
    loaded = load_document(path)
    if loaded.document is None or not loaded.ok:
        raise NewsannoError(loaded.problems)
    return loaded.document


def resolve(
    corpus: Path, inc: Incoming, options: ImportOptions | None = None
) -> tuple[Document | None, list[Problem]]:
    """The corpus document with the imported layers in place of its own; refused (or, with
    ``options.replace``, reported) when it would overwrite annotations made since the export."""
    options = options or ImportOptions()
    try:
        old = corpus_document(corpus, inc.doc_id)
    except NewsannoError as e:
        return None, e.problems
    if old is not None and old.text != inc.text:
        return None, [text_mismatch(inc.format, inc.file, inc.doc_id, inc.text, old.text)]
    if old is None and (inc.meta is None or inc.annotation is None):
        missing = problem(
            "import-unknown-document",
            file=inc.file,
            doc_id=inc.doc_id,
            format=inc.format,
            missing="the metadata needed to create a new document",
        )
        return None, [missing]
    if old is not None:
        base = old.model_dump()
        annotation = inc.annotation or declare(base["annotation"], inc.layers)
    else:
        base = {"id": inc.doc_id, "meta": inc.meta}
        annotation = inc.annotation
    annotation = stamp(annotation, inc.layers, options, old)
    doc, problems = validate_document(
        {**base, "text": inc.text, **inc.layers, "annotation": annotation}, inc.file
    )
    problems = [in_tool_ids(p, inc) for p in problems]
    if doc is None or old is None:
        return doc, problems
    conflict = _conflict(inc, old, doc, options)
    if conflict is not None:
        problems.append(conflict)
        if conflict.severity == "error":
            return None, problems
    return doc, problems


def in_tool_ids(p: Problem, inc: Incoming) -> Problem:
    """``p`` naming the annotation by the tool's id (``T1``), ours in the message."""
    tool_id = inc.source_ids.get(p.annotation_id)
    if tool_id is None:
        return p
    return replace(p, annotation_id=tool_id, note=f"{p.annotation_id} once imported")


def _conflict(
    inc: Incoming, old: Document, new: Document, options: ImportOptions
) -> Problem | None:
    """Whether importing would overwrite annotations that the export did not carry: the corpus
    changed since the export (its fingerprint differs from the one recorded), or the source
    records no export and the corpus holds other annotations in these layers."""
    now, new_prints = fingerprints(old), fingerprints(new)
    changed = [name for name in inc.layers if new_prints[name] != now[name]]
    if not changed:
        return None
    base = inc.base if isinstance(inc.base, dict) else None
    if base is not None and all(base.get(name) == now[name] for name in changed):
        return None  # the corpus is as exported: the import carries the only edits
    if base is None and not any(getattr(old, name) for name in changed):
        return None  # nothing there to overwrite
    why = (
        "the corpus annotations changed after this file was exported"
        if base is not None
        else "the corpus holds other annotations and no export of it is recorded to compare"
    )
    code = "import-replaced" if options.replace else "import-conflict"
    layers = ", ".join(x for x in LAYERS if x in changed)
    return problem(code, file=inc.file, doc_id=inc.doc_id, layers=layers, reason=why)


def stamp(
    annotation: dict[str, Any],
    layers: Iterable[str],
    options: ImportOptions,
    old: Document | None,
) -> dict[str, Any]:
    """Provenance of the imported layers as ``options`` say: who annotated them and their
    status; layers made gold from an extractor's output become method ``corrected``."""
    if options.status is None and options.annotator is None:
        return annotation
    imported = set(layers)
    before = {s.layer: old.annotation.effective(s) for s in old.annotation.layers} if old else {}
    scopes = []
    for scope in annotation["layers"]:
        scope = dict(scope)
        if scope["layer"] in imported:
            if options.annotator is not None:
                scope["annotators"] = [options.annotator]
            if options.status is not None:
                scope["status"] = options.status
            if options.status == "gold":
                prior = before.get(scope["layer"])
                automatic = prior is not None and (
                    prior.method == "automatic" or prior.status == "silver"
                )
                scope["method"] = "corrected" if automatic else scope.get("method") or "manual"
        scopes.append(scope)
    return {**annotation, "layers": scopes}


def declare(annotation: dict[str, Any], layers: Iterable[str]) -> dict[str, Any]:
    """Provenance that also declares ``layers`` (whole text) where it did not yet."""
    declared = {s["layer"] for s in annotation["layers"]}
    extra = [{"layer": name, "regions": None} for name in LAYERS if name in set(layers) - declared]
    return {**annotation, "layers": [*annotation["layers"], *extra]}


def import_documents(
    corpus: Path,
    incoming: Iterable[Incoming],
    report: Report | None = None,
    options: ImportOptions | None = None,
    exported: dict[str, dict[str, str]] | None = None,
) -> Report:
    """Write every imported document, or none when any is refused (problems already in
    ``report``, such as a malformed file, refuse them all too). ``exported``: the fingerprints
    the export recorded (:func:`read_export`), for sources that do not carry their own."""
    report = report if report is not None else Report()
    docs: list[Document] = []
    for inc in incoming:
        if inc.base is None and exported:
            inc.base = exported.get(inc.doc_id)
        report.problems += inc.problems
        drops = sum(p.code == "import-dropped" for p in inc.problems)
        if drops:
            report.dropped["import-dropped"] += drops
        if any(p.severity == "error" for p in inc.problems):
            continue
        doc, problems = resolve(corpus, inc, options)
        report.problems += problems
        if doc is not None:
            docs.append(doc)
    if any(p.severity == "error" for p in report.problems):
        return report
    for doc in docs:
        write_document(corpus, doc)
        count_kept(report, doc)
    return report


def dropped(file: str, doc_id: str, tool_id: str, what: str, reason: str) -> Problem:
    """An item of the source that the import leaves out, named by the tool's id."""
    return problem(
        "import-dropped", file=file, doc_id=doc_id, annotation_id=tool_id, what=what, reason=reason
    )


def read_source_text(path: Path, problems: list[Problem], doc_id: str = "") -> str | None:
    """A UTF-8 text file of the source; None, with ``not-utf8`` or ``unreadable-file``
    reported, when it cannot be read."""
    from ..corpus.reader import decode_utf8

    try:
        raw = path.read_bytes()
    except OSError as e:
        problems.append(
            problem("unreadable-file", file=str(path), doc_id=doc_id, reason=e.strerror or str(e))
        )
        return None
    text, found = decode_utf8(raw, file=str(path), doc_id=doc_id)
    problems += found
    return text


def count_kept(report: Report, doc: Document, layers: Iterable[str] = LAYERS) -> None:
    report.documents += 1
    for name in layers:
        report.kept[name] += len(getattr(doc, name))


def drop(report: Report, what: str, count: int = 1) -> None:
    """Count items a conversion cannot carry, under the ``not-carried`` code and what they are
    (one counter per kind, not one message per document: exports can be large)."""
    if count:
        report.dropped[f"not-carried: {what}"] += count


PREFIX = {"zones": "z", "entities": "m", "quotes": "q", "claims": "c", "dates": "t"}


def assign_ids(proposed: list[tuple[str, Any]]) -> list[str]:
    """Annotation ids for ``(layer, id the tool gave)`` pairs: the tool's id when it is a valid,
    unused id (ours, after a round trip), else the layer's prefix and the next free number
    (``m3``), as the guidelines name them."""
    ids: list[str | None] = []
    used: set[str] = set()
    for _, given in proposed:
        ok = is_safe_name(given) and given not in used
        ids.append(given if ok else None)
        used.update([given] if ok else [])
    counters: dict[str, int] = {}
    for i, (layer, _) in enumerate(proposed):
        if ids[i] is None:
            prefix = PREFIX.get(layer, "x")
            n = counters.get(prefix, 0) + 1
            while f"{prefix}{n}" in used:
                n += 1
            counters[prefix] = n
            ids[i] = f"{prefix}{n}"
            used.add(f"{prefix}{n}")
    return [i for i in ids if i is not None]

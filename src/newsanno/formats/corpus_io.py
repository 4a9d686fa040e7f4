"""What every importer and exporter shares: checking imported text against the corpus text,
building and validating the imported document, writing all documents or none, and counting
what an export could not carry."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import ValidationError

from ..corpus import load_document, sha256_text, write_document
from ..corpus.layout import annotation_path
from ..errors import NewsannoError, Problem, fail, problem
from ..model.document import ID_PATTERN, Document
from ..model.labels import LAYERS
from ..validate.checks import check_document
from ..validate.schema_errors import schema_problems
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
    """The valid corpus document ``doc_id``, None when absent; an invalid one is refused."""
    path = annotation_path(corpus, doc_id)
    if not path.exists():
        return None
    loaded = load_document(path)
    if loaded.document is None or not loaded.ok:
        raise NewsannoError(loaded.problems)
    return loaded.document


def build(data: dict[str, Any], file: str) -> tuple[Document | None, list[Problem]]:
    """A validated document, or None and every coded problem (schema and integrity)."""
    doc_id = str(data.get("id", ""))
    try:
        doc = Document.model_validate(data, context={"integrity": False})
    except ValidationError as e:
        return None, schema_problems(e, data, file=file, doc_id=doc_id)
    problems = list(check_document(doc, file))
    return (None if any(p.severity == "error" for p in problems) else doc), problems


def resolve(corpus: Path, inc: Incoming) -> tuple[Document | None, list[Problem]]:
    """The corpus document with the imported layers in place of its own."""
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
    return build({**base, "text": inc.text, **inc.layers, "annotation": annotation}, inc.file)


def declare(annotation: dict[str, Any], layers: Iterable[str]) -> dict[str, Any]:
    """Provenance that also declares ``layers`` (whole text) where it did not yet."""
    declared = {s["layer"] for s in annotation["layers"]}
    extra = [{"layer": name, "regions": None} for name in LAYERS if name in set(layers) - declared]
    return {**annotation, "layers": [*annotation["layers"], *extra]}


def import_documents(
    corpus: Path, incoming: Iterable[Incoming], report: Report | None = None
) -> Report:
    """Write every imported document, or none when any is refused (problems already in
    ``report``, such as a malformed file, refuse them all too)."""
    report = report if report is not None else Report()
    docs: list[Document] = []
    for inc in incoming:
        report.problems += inc.problems
        if any(p.severity == "error" for p in inc.problems):
            continue
        doc, problems = resolve(corpus, inc)
        report.problems += problems
        if doc is not None:
            docs.append(doc)
    if any(p.severity == "error" for p in report.problems):
        return report
    for doc in docs:
        write_document(corpus, doc)
        count_kept(report, doc)
    return report


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
_ID_RE = re.compile(ID_PATTERN)


def assign_ids(proposed: list[tuple[str, Any]]) -> list[str]:
    """Annotation ids for ``(layer, id the tool gave)`` pairs: the tool's id when it is a valid,
    unused id (ours, after a round trip), else the layer's prefix and the next free number
    (``m3``), as the guidelines name them."""
    ids: list[str | None] = []
    used: set[str] = set()
    for _, given in proposed:
        ok = isinstance(given, str) and _ID_RE.match(given) and given not in used
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

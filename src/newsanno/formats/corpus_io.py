"""What importers and exporters share besides the pipeline: the fingerprints an export records
and an import compares, the corpus document an import writes to, its text check, and the
provenance an import stamps on the layers it brings."""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
from pydantic import ValidationError

from ..corpus import load_document, sha256_text
from ..corpus.layout import annotation_path, is_safe_id, text_path
from ..errors import NewsannoError, Problem, fail, problem
from ..files import write_atomic
from ..model.document import Document, Provenance
from ..model.labels import LAYERS, Status
from ..paths import NAME_RULE, read_inside, read_regular


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
    """The fingerprints an export recorded in ``folder`` ({} when there is none); a record
    that is a link out of ``folder`` or no regular file is refused (``read_source``)."""
    path = folder / EXPORTED
    if not os.path.lexists(path):
        return {}
    data = read_source(path, folder)
    try:
        found = orjson.loads(data).get("layers_sha256")
    except (ValueError, AttributeError):
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


def waiting_text(corpus: Path, doc_id: str, text: str) -> str | None:
    """The text of the article ``doc_id`` when the corpus holds it without an annotation file
    (an article waiting to be annotated) and it is not ``text``: what an import or an add of
    that id must not replace. None when there is no such file, it holds ``text``, or it
    cannot be read (the write reports that)."""
    try:
        data = read_inside(corpus, text_path(corpus, doc_id))
    except OSError:
        return None
    return None if data == text.encode("utf-8") else data.decode("utf-8", errors="replace")


def conflict(
    file: str,
    doc_id: str,
    layers: list[str],
    base: dict[str, str] | None,
    old: Document,
    new: Document,
    options: ImportOptions,
) -> Problem | None:
    """Whether importing ``layers`` would overwrite annotations that the export did not carry:
    the corpus changed since the export (its fingerprint differs from the one recorded in
    ``base``), or the source records no export and the corpus holds other annotations in these
    layers."""
    now, new_prints = fingerprints(old), fingerprints(new)
    changed = [name for name in layers if new_prints[name] != now[name]]
    if not changed:
        return None
    base = base if isinstance(base, dict) else None
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
    names = ", ".join(x for x in LAYERS if x in changed)
    return problem(code, file=file, doc_id=doc_id, layers=names, reason=why)


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


def keep_unchanged(
    annotation: dict[str, Any], old: Document, new: Document, options: ImportOptions
) -> dict[str, Any]:
    """``annotation`` with the corpus document's provenance back on every layer whose records
    the import left as they were: a round trip through a tool asserts nothing about work that
    nobody changed there (silver stays silver, an undeclared layer stays undeclared, per-layer
    annotators and regions stay), unless ``--status`` or ``--annotator`` say otherwise."""
    if options.status is not None or options.annotator is not None:
        return annotation
    before, after = fingerprints(old), fingerprints(new)
    return _restore(annotation, old.annotation, {x for x in LAYERS if before[x] == after[x]})


def keep_exported(
    annotation: dict[str, Any],
    new: Document,
    base: dict[str, str],
    exported: Any,
    options: ImportOptions,
) -> dict[str, Any]:
    """As :func:`keep_unchanged` for a document new to the corpus: the layers whose records
    are those the export recorded (their fingerprints in ``base``) take back the provenance
    written with them (``exported``), so that silver exported and imported unchanged into
    another corpus stays silver. Provenance that is not valid is not taken."""
    if options.status is not None or options.annotator is not None:
        return annotation
    try:
        previous = Provenance.model_validate(exported)
    except ValidationError:
        return annotation
    after = fingerprints(new)
    return _restore(annotation, previous, {x for x in LAYERS if base.get(x) == after[x]})


def _restore(annotation: dict[str, Any], previous: Provenance, same: set[str]) -> dict[str, Any]:
    """``annotation`` with ``previous``'s provenance on the layers of ``same``."""
    if not same:
        return annotation
    dumped = previous.model_dump(mode="json", exclude_defaults=True)
    if same == set(LAYERS):
        return dumped
    top = {k: v for k, v in annotation.items() if k != "layers"}
    inherited = Provenance.model_validate({**top, "layers": []}) == previous.model_copy(
        update={"layers": []}
    )
    kept = [  # made explicit where the document's own fields (which unset ones take) changed
        s if inherited else previous.effective(scope).model_dump(mode="json", exclude_defaults=True)
        for scope, s in zip(previous.layers, dumped["layers"], strict=True)
        if scope.layer in same
    ]
    changed = [s for s in annotation["layers"] if s["layer"] not in same]
    order = {name: k for k, name in enumerate(LAYERS)}
    return {**top, "layers": sorted([*kept, *changed], key=lambda s: order[s["layer"]])}


def declare(annotation: dict[str, Any], layers: Iterable[str]) -> dict[str, Any]:
    """Provenance that also declares ``layers`` (whole text) where it did not yet."""
    declared = {s["layer"] for s in annotation["layers"]}
    extra = [{"layer": name, "regions": None} for name in LAYERS if name in set(layers) - declared]
    return {**annotation, "layers": [*annotation["layers"], *extra]}


def read_source(path: Path, root: Path | None, doc_id: str = "") -> bytes:
    """The bytes of a file of an import source, read as the corpus reader reads its own: a file
    found in the source folder ``root`` must stay inside it (``outside-root``: no link leads
    out; ``root`` None for a file the user named), and anything but a regular file (a FIFO
    would block the read, a folder cannot be read) is ``unreadable-file``."""
    file = str(path)
    try:
        return read_regular(path) if root is None else read_inside(root, path)
    except FileNotFoundError:
        raise fail("file-not-found", file=file, doc_id=doc_id, path=file) from None
    except OSError as e:
        reason = e.strerror or str(e)
        raise fail("unreadable-file", file=file, doc_id=doc_id, reason=reason) from None


def source_text(data: bytes, path: Path, doc_id: str = "") -> str:
    """``data`` as text, held to the rule of article texts: UTF-8 (``not-utf8``) without a
    byte order mark (``bom``)."""
    from ..corpus.reader import decode_utf8

    text, problems = decode_utf8(data, file=str(path), doc_id=doc_id)
    if text is None:
        raise NewsannoError(problems)
    return text

"""Reading the on-disk corpus, one document at a time, turning every user mistake into a coded
problem. Nothing here holds more than one document."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from ..errors import NewsannoError, Problem, problem
from ..model.checks import check_document
from ..model.document import AnnotationFile, Document, DocumentBody
from ..model.schema_errors import schema_problems
from ..paths import NAME_RULE, read_inside
from .json_keys import repeated_key_problems, repeated_keys
from .layout import (
    ANNOTATION_SUFFIX,
    ANNOTATIONS,
    ARTICLES,
    TEXT_SUFFIX,
    annotation_path,
    check_corpus,
    is_safe_id,
    text_path,
)

BOM = b"\xef\xbb\xbf"
_BODY_FIELDS = tuple(DocumentBody.model_fields)


@dataclass
class Loaded:
    """One document as read: the document when it is valid, and every problem found."""

    file: str
    doc_id: str
    document: Document | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def decode_utf8(data: bytes, *, file: str, doc_id: str = "") -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 without BOM: offsets count code points of exactly this text."""
    if data.startswith(BOM):
        return None, [problem("bom", file=file, doc_id=doc_id)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        return None, [
            problem("not-utf8", file=file, doc_id=doc_id, offset=e.start, reason=e.reason)
        ]


def parse_json(data: bytes, *, file: str, doc_id: str = "") -> tuple[Any, list[Problem]]:
    """The parsed value (None when ``data`` is no JSON) and what is wrong with it: a key given
    twice in one object is a problem, though the value parsed (its last value won)."""
    if data.startswith(BOM):
        return None, [problem("bom", file=file, doc_id=doc_id)]
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        return None, [json_problem(data, e, file=file, doc_id=doc_id)]
    return raw, repeated_key_problems(data, raw, file=file, doc_id=doc_id)


def json_problem(data: bytes, error: ValueError, *, file: str, doc_id: str = "") -> Problem:
    """What is wrong with JSON ``data`` that did not parse: bytes that are not UTF-8 (with their
    offset, as for texts), else the parser's reason."""
    text, problems = decode_utf8(data, file=file, doc_id=doc_id)
    if text is None:
        return problems[0]
    return problem("malformed-json", file=file, doc_id=doc_id, reason=str(error))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_document(ann_file: Path) -> Loaded:
    """Read an annotation file and its text file (found by the file stem, never by the id).

    A valid file is parsed and validated in one pass by pydantic's JSON parser; only a file that
    fails is parsed again, slowly, to name every problem with its annotation id.
    """
    stem = ann_file.name.removesuffix(ANNOTATION_SUFFIX)
    file = str(ann_file)
    if not is_safe_id(stem):
        return Loaded(file, stem, None, [_unsafe(stem, file)])
    try:
        ann_bytes = read_inside(ann_file.parent.parent, ann_file)
    except OSError as e:
        return Loaded(file, stem, None, [_unreadable(e, file, stem)])
    except NewsannoError as e:
        return Loaded(file, stem, None, e.problems)
    txt_file = text_path(ann_file.parent.parent, stem)
    try:
        if ann_bytes.startswith(BOM):
            raise ValueError("BOM")
        ann = AnnotationFile.model_validate_json(ann_bytes)
    except (ValueError, ValidationError):
        return _diagnose(file, stem, ann_bytes, txt_file)
    try:
        # pydantic's parser takes NaN, Infinity and 1e400 for a float, which JSON has not
        parsed = orjson.loads(ann_bytes)
    except orjson.JSONDecodeError:
        return _diagnose(file, stem, ann_bytes, txt_file)
    if repeated_keys(ann_bytes, parsed):
        return _diagnose(file, stem, ann_bytes, txt_file)
    problems: list[Problem] = []
    if ann.id != stem:
        problems.append(problem("id-filename-mismatch", file=file, doc_id=ann.id, stem=stem))
    text = _read_text(txt_file, file, ann.id, problems)
    if text is None:
        return Loaded(file, ann.id, None, problems)
    changed = _text_checksum(text, ann.text_sha256, str(txt_file), ann.id)
    problems += changed
    doc = Document.model_construct(text=text, **{f: getattr(ann, f) for f in _BODY_FIELDS})
    found = check_document(doc, file)
    # on another text every span is off: one text-crlf or text-changed says it all
    problems += [p for p in found if p.code not in TEXT_DEPENDENT] if changed else found
    loaded = Loaded(file, ann.id, doc, problems)
    if not loaded.ok:
        loaded.document = None
    return loaded


# checks that compare spans with the text: knock-on problems once the text itself has changed
TEXT_DEPENDENT = frozenset(
    {"span-text-mismatch", "span-out-of-bounds", "span-cuts-word", "span-edge-whitespace"}
)


def _diagnose(file: str, stem: str, ann_bytes: bytes, txt_file: Path) -> Loaded:
    """Every problem of an annotation file that failed validation, each with its location."""
    raw, problems = parse_json(ann_bytes, file=file, doc_id=stem)
    if any(p.code != "duplicate-key" for p in problems):  # no JSON at all
        return Loaded(file, stem, None, problems)
    doc_id = raw.get("id", stem) if isinstance(raw, dict) else stem
    doc_id = doc_id if isinstance(doc_id, str) else stem
    if not is_safe_id(doc_id):
        return Loaded(file, stem, None, [_unsafe(doc_id, file)])
    problems = [replace(p, doc_id=doc_id) for p in problems]  # keys given twice
    if doc_id != stem:
        problems.append(problem("id-filename-mismatch", file=file, doc_id=doc_id, stem=stem))
    _read_text(txt_file, file, doc_id, problems)
    try:
        AnnotationFile.model_validate(raw)
        # orjson reads an integer beyond 64 bits as a float, pydantic's parser exactly
        AnnotationFile.model_validate_json(ann_bytes)
    except ValidationError as e:
        problems += schema_problems(e, raw, file=file, doc_id=doc_id)
    return Loaded(file, doc_id, None, problems)


def _read_text(txt_file: Path, file: str, doc_id: str, problems: list[Problem]) -> str | None:
    try:
        text_bytes = read_inside(txt_file.parent.parent, txt_file)
    except FileNotFoundError:
        problems.append(problem("missing-text", file=file, doc_id=doc_id, path=str(txt_file)))
        return None
    except OSError as e:
        problems.append(_unreadable(e, str(txt_file), doc_id))
        return None
    except NewsannoError as e:
        problems += [replace(p, doc_id=doc_id) for p in e.problems]
        return None
    text, text_problems = decode_utf8(text_bytes, file=str(txt_file), doc_id=doc_id)
    problems += text_problems
    return text


def _text_checksum(text: str, expected: str, file: str, doc_id: str) -> list[Problem]:
    actual = sha256_text(text)
    if actual == expected:
        return []
    if "\r\n" in text and sha256_text(text.replace("\r\n", "\n")) == expected:
        return [problem("text-crlf", file=file, doc_id=doc_id)]
    return [problem("text-changed", file=file, doc_id=doc_id, actual=actual, expected=expected)]


def _unreadable(e: OSError, file: str, doc_id: str) -> Problem:
    if isinstance(e, FileNotFoundError):
        return problem("file-not-found", file=file, doc_id=doc_id, path=file)
    return problem("unreadable-file", file=file, doc_id=doc_id, reason=e.strerror or str(e))


def _unsafe(doc_id: str, file: str) -> Problem:
    return problem("bad-document-id", file=file, value=doc_id, reason=NAME_RULE)


def corpus_ids(corpus: Path) -> tuple[list[str], list[str]]:
    """Sorted stems of annotation files and of text files (names only: cheap at any size).
    Whatever reads a whole corpus lists it here first, so a folder that is no corpus (a release,
    an empty folder) is refused here, before a command reads nothing from it and goes on."""
    check_corpus(corpus)

    def stems(folder: Path, suffix: str) -> list[str]:
        if not folder.is_dir():
            return []
        with os.scandir(folder) as it:
            return sorted(_printable(e.name[: -len(suffix)]) for e in it if e.name.endswith(suffix))

    return stems(corpus / ANNOTATIONS, ANNOTATION_SUFFIX), stems(corpus / ARTICLES, TEXT_SUFFIX)


def _printable(name: str) -> str:
    """A file name as text that can be printed and written: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) as ``\\xff``. Such a name is never a safe id, so the
    document is reported as ``bad-document-id`` and its file is never opened under it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def iter_corpus(corpus: Path) -> Iterator[Loaded]:
    """Every document of a corpus in id order, valid or not, plus orphan text files."""
    if not corpus.is_dir():
        file = str(corpus)
        yield Loaded(file, "", None, [problem("file-not-found", file=file, path=file)])
        return
    ann_ids, txt_ids = corpus_ids(corpus)
    orphans = set(txt_ids).difference(ann_ids)
    for doc_id in sorted(orphans.union(ann_ids)):
        yield load_entry(corpus, doc_id, orphan=doc_id in orphans)


def load_entry(corpus: Path, doc_id: str, *, orphan: bool) -> Loaded:
    """One entry of ``iter_corpus``: a document, or a text file without annotations."""
    if not orphan:
        return load_document(annotation_path(corpus, doc_id))
    path = text_path(corpus, doc_id)
    missing = annotation_path(corpus, doc_id)
    return Loaded(
        str(path),
        doc_id,
        None,
        [problem("missing-annotations", file=str(path), doc_id=doc_id, path=str(missing))],
    )


def read_documents(corpus: Path) -> Iterator[Document]:
    """Valid documents in id order; the first invalid one stops the stream with its problems."""
    for loaded in iter_corpus(corpus):
        if loaded.document is None or not loaded.ok:
            raise NewsannoError(loaded.problems)
        yield loaded.document

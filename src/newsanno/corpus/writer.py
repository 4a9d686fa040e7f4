"""Writing documents into a corpus directory in the git-friendly on-disk form: the text byte-exact
in its own file, annotations as JSON with one annotation per line (a changed span is a one-line
diff), files replaced atomically so an interrupted write never loses the previous version."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from ..files import write_atomic, write_together
from ..model.document import Document
from ..model.layers import layer_names
from ..paths import inside
from .layout import annotation_path, check_corpus, text_path
from .reader import sha256_text

SCHEMA_VERSION = 1


def annotation_json(doc: Document) -> bytes:
    body = doc.model_dump(exclude={"text"}, exclude_defaults=True, mode="json")
    head: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": body.pop("id"),
        "text_sha256": sha256_text(doc.text),
    }
    layers = layer_names()
    lines = ["{"]
    items = [*head.items(), *((k, body[k]) for k in body if k not in layers)]
    for key, value in items:
        if isinstance(value, dict) and value:
            lines.append(f"  {_key(key)}: {{")
            inner = [f"    {_key(k)}: {orjson.dumps(v).decode()}" for k, v in value.items()]
            lines.append(",\n".join(inner))
            lines.append("  },")
        else:
            lines.append(f"  {_key(key)}: {orjson.dumps(value).decode()},")
    for layer in layers:
        records = body.get(layer, [])
        if not records:
            lines.append(f"  {_key(layer)}: [],")
            continue
        lines.append(f"  {_key(layer)}: [")
        rows = [orjson.dumps(_id_first(r)).decode() for r in records]
        lines.extend(f"    {row}," for row in rows[:-1])
        lines.append(f"    {rows[-1]}")
        lines.append("  ],")
    lines[-1] = lines[-1].removesuffix(",")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _key(name: str) -> str:
    return orjson.dumps(name).decode()


def _id_first(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], **record} if "id" in record else record


CorpusFile = tuple[Path, bytes]


def document_files(corpus: Path, doc: Document) -> list[CorpusFile]:
    """The text and annotation files of ``doc`` in ``corpus``, as :func:`write_into` takes them."""
    return [
        (text_path(corpus, doc.id), doc.text.encode("utf-8")),
        (annotation_path(corpus, doc.id), annotation_json(doc)),
    ]


def write_into(corpus: Path, files: Iterable[CorpusFile]) -> None:
    """Write ``files`` into ``corpus``, all or none (:func:`~newsanno.files.write_together`).
    A path that leads out of the corpus (an ``articles/`` folder that is a link elsewhere) is
    an ``outside-root`` problem, and a release given as the corpus a ``not-a-corpus`` one,
    before anything is written."""
    check_corpus(corpus, new=True)
    write_together((inside(corpus, path), data) for path, data in files)


def write_document(corpus: Path, doc: Document) -> None:
    write_into(corpus, document_files(corpus, doc))


GITATTRIBUTES = """\
# Article texts are kept byte-exact and annotations point into them by code point: Git must
# never convert their line endings (core.autocrlf), or every offset after a line break moves.
articles/*.txt -text
annotations/*.json -text
"""


def init_corpus(corpus: Path, name: str | None = None, **fields: str) -> Path:
    """Start a corpus in ``corpus`` (new or holding files already): ``manifest.json``, the
    ``articles/`` and ``annotations/`` folders, a CHANGELOG and a ``.gitattributes`` that keeps
    Git from converting line endings. A folder that has a manifest is refused."""
    from ..errors import fail
    from ..outputs import creating, output_folder
    from .layout import ANNOTATIONS, ARTICLES, CHANGELOG, MANIFEST
    from .manifest import new_manifest

    path = output_folder(corpus) / MANIFEST
    if path.exists():
        raise fail("corpus-exists", file=str(path), path=str(corpus))
    manifest = new_manifest(corpus, name, **fields)
    for folder in (ARTICLES, ANNOTATIONS):
        with creating(corpus / folder):
            (corpus / folder).mkdir(parents=True, exist_ok=True)
    body = manifest.model_dump(mode="json")
    write_atomic(path, orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n")
    if not (corpus / CHANGELOG).exists():
        log = f"# Changelog\n\n## {manifest.version}\n\n- Corpus started.\n"
        write_atomic(corpus / CHANGELOG, log.encode("utf-8"))
    if not (corpus / ".gitattributes").exists():
        write_atomic(corpus / ".gitattributes", GITATTRIBUTES.encode("utf-8"))
    return path

"""Checksums and Croissant metadata of a release: what lets a user check what they downloaded,
and lets tools discover the record sets without reading the card."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from ..corpus.layout import CHECKSUMS
from ..corpus.manifest import Manifest
from ..errors import fail
from ..files import sha256_file
from .arrow import SCHEMAS

CROISSANT = "croissant.json"
_CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
_DATA_TYPES = {
    pa.string(): "sc:Text",
    pa.int32(): "sc:Integer",
    pa.int64(): "sc:Integer",
    pa.bool_(): "sc:Boolean",
    pa.float64(): "sc:Float",
}


def write_checksums(root: Path) -> str:
    """``SHA256SUMS`` (``sha256sum -c`` format) over every other file, sorted by path."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != CHECKSUMS)
    text = "".join(f"{sha256_file(p)}  {p.relative_to(root).as_posix()}\n" for p in files)
    (root / CHECKSUMS).write_text(text, encoding="utf-8")
    return text


_PART = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_SUM_LINE = re.compile(rf"([0-9a-f]{{64}})  ((?:{_PART}/)*{_PART})")
# What every release holds; a SHA256SUMS that lists less is not one.
REQUIRED = ("README.md", "manifest.json", CROISSANT)


def read_checksums(root: Path) -> dict[str, str]:
    """``SHA256SUMS`` as path -> digest; a line that is not ``<sha256>  <relative path>`` (or
    names a path with '..' or an absolute one) is refused."""
    file = root / CHECKSUMS
    if file.is_symlink() or not file.is_file():
        raise fail("not-a-release", file=str(file), path=str(root), reason=f"no {CHECKSUMS}")
    try:
        lines = file.read_bytes().decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise fail("not-a-release", file=str(file), path=str(root), reason="not UTF-8") from None
    if lines[-1] == "":
        lines.pop()
    sums: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        m = _SUM_LINE.fullmatch(line)
        if m is None or ".." in m.group(2).split("/") or m.group(2) in sums:
            reason = f"line {n} is not '<sha256>  <path inside the release>': {line[:80]!r}"
            raise fail("not-a-release", file=f"{file}:{n}", path=str(root), reason=reason)
        sums[m.group(2)] = m.group(1)
    missing = [name for name in REQUIRED if name not in sums]
    if missing or not any(p.startswith("documents/") for p in sums):
        reason = f"{CHECKSUMS} does not list {', '.join(missing) or 'documents/*.parquet'}"
        raise fail("not-a-release", file=str(file), path=str(root), reason=reason)
    return sums


def verify_release(root: Path) -> dict[str, str]:
    """Check a release before anything in it is used: every file listed in ``SHA256SUMS``, every
    listed file present with its digest, no symbolic link, nothing else. Returns the listing;
    readers then open only listed files."""
    if root.is_symlink() or not root.is_dir():
        raise fail("not-a-release", path=str(root), reason="not a folder")
    sums = read_checksums(root)
    on_disk: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                raise fail("outside-root", path=str(path), root=str(root))
            if path.is_file() and rel != CHECKSUMS:
                on_disk.add(rel)
            elif not path.is_dir() and rel != CHECKSUMS:
                raise fail("not-a-release", path=str(root), reason=f"{rel} is not a regular file")
    unlisted = sorted(on_disk - sums.keys())
    absent = sorted(sums.keys() - on_disk)
    changed = sorted(rel for rel in on_disk & sums.keys() if sha256_file(root / rel) != sums[rel])
    for what, paths in (
        (f"not listed in {CHECKSUMS}", unlisted),
        (f"listed in {CHECKSUMS} but missing", absent),
        (f"differ from {CHECKSUMS}", changed),
    ):
        if paths:
            reason = f"{', '.join(paths[:5])} {what}: a damaged or edited copy"
            raise fail("not-a-release", path=str(root), reason=reason)
    return sums


def _field(config: str, prefix: str, f: pa.Field, source: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "cr:Field", "@id": f"{prefix}/{f.name}", "name": f.name}
    t = f.type
    if pa.types.is_list(t):
        out["repeated"] = True
        t = t.value_type
    if pa.types.is_struct(t):
        out["subField"] = [
            _field(config, out["@id"], t.field(i), source) for i in range(t.num_fields)
        ]
    else:
        out["dataType"] = _DATA_TYPES[t]
    if prefix == config:
        out["source"] = {**source, "extract": {"column": f.name}}
    return out


def croissant(root: Path, manifest: Manifest, version: str, files: dict[str, list[str]]) -> bytes:
    """Croissant 1.0 JSON-LD: one FileObject per Parquet file, one FileSet and RecordSet per
    config. ``files``: config -> its Parquet paths relative to the release root."""
    distribution: list[dict[str, Any]] = []
    record_sets = []
    for config, paths in files.items():
        for rel in paths:
            distribution.append(
                {
                    "@type": "cr:FileObject",
                    "@id": rel,
                    "name": rel,
                    "contentUrl": rel,
                    "encodingFormat": "application/x-parquet",
                    "sha256": sha256_file(root / rel),
                }
            )
        distribution.append(
            {
                "@type": "cr:FileSet",
                "@id": f"{config}-files",
                "name": f"{config}-files",
                "encodingFormat": "application/x-parquet",
                "includes": f"{config}/*.parquet",
            }
        )
        source = {"fileSet": {"@id": f"{config}-files"}}
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": config,
                "name": config,
                "field": [_field(config, config, f, source) for f in SCHEMAS[config]],
            }
        )
    doc = {
        "@context": _CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": manifest.name,
        "description": manifest.description,
        "license": manifest.license,
        **({"url": manifest.homepage} if manifest.homepage else {}),
        "version": version,
        **({"citeAs": manifest.citation} if manifest.citation else {}),
        "distribution": distribution,
        "recordSet": record_sets,
    }
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"

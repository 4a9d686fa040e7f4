"""Checksums and Croissant metadata of a release: what lets a user check what they downloaded,
and lets tools discover the record sets without reading the card."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from ..corpus.manifest import Manifest
from .arrow import SCHEMAS

CHECKSUMS = "SHA256SUMS"
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


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_checksums(root: Path) -> str:
    """``SHA256SUMS`` (``sha256sum -c`` format) over every other file, sorted by path."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != CHECKSUMS)
    text = "".join(f"{sha256_file(p)}  {p.relative_to(root).as_posix()}\n" for p in files)
    (root / CHECKSUMS).write_text(text, encoding="utf-8")
    return text


def verify_checksums(root: Path) -> list[str]:
    """Paths whose content no longer matches ``SHA256SUMS`` (empty when all match)."""
    bad = []
    for line in (root / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        digest, rel = line.split("  ", 1)
        path = root / rel
        if not path.is_file() or sha256_file(path) != digest:
            bad.append(rel)
    return bad


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

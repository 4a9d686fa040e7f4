"""From per-token predictions on a release's ``ner`` config back to a predictions file.

A token classifier trained on the ``ner`` config (``datasets``, a transformers pipeline, CRF...)
predicts one BIO tag per token of each row. :func:`write_tag_predictions` turns those tags into
entity mentions at the rows' character offsets and writes them as ``newsanno evaluate`` reads
them (docs/predictions.md), so a token model is scored with the same SemEval schemes and
per-document bootstrap as any extractor. Tags follow IOB2 as ``seqeval`` reads it leniently: ``B-X``
starts a mention, ``I-X`` continues a mention of type X and starts one after anything else."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from ..errors import fail
from ..model.labels import ENTITY_LABELS
from ..release.arrow import NER_TAGS


def spans_from_tags(
    tags: Sequence[str | int], starts: Sequence[int], ends: Sequence[int]
) -> list[tuple[int, int, str]]:
    """(start, end, label) of the mentions a BIO tag sequence marks over token offsets."""
    out: list[tuple[int, int, str]] = []
    current: list[Any] | None = None
    for tag, start, end in zip(tags, starts, ends, strict=True):
        name = NER_TAGS[tag] if isinstance(tag, int) else tag
        kind, _, label = name.partition("-")
        if kind == "I" and current is not None and current[2] == label:
            current[1] = end
            continue
        if current is not None:
            out.append((current[0], current[1], current[2]))
            current = None
        if kind in ("B", "I"):
            current = [start, end, label]
        elif name != "O":
            raise ValueError(f"tag {name!r} is not O, B-LABEL or I-LABEL")
    if current is not None:
        out.append((current[0], current[1], current[2]))
    return out


def write_tag_predictions(
    release: Path,
    tags: Mapping[str, Sequence[str | int]] | Iterable[tuple[str, Sequence[Any]]],
    out: Path,
) -> int:
    """Write one prediction line per document of ``release`` that has a row in ``tags``.

    ``tags`` maps a ``ner`` row id (its ``id`` column, ``<document id>:<n>``) to that row's
    predicted tags: names (``B-PERSON``) or ClassLabel ids. A document's rows without tags
    predict no mention there. Returns the number of documents written."""
    import pyarrow.parquet as pq

    from ..files import atomic_output

    wanted = dict(tags.items() if isinstance(tags, Mapping) else tags)
    ner = sorted(p for p in release.rglob("*.parquet") if "ner" in p.parts)
    docs = sorted(p for p in release.rglob("*.parquet") if "documents" in p.parts)
    if not ner or not docs:
        raise fail("not-a-release", file=str(release), path=str(release), reason="no ner config")
    mentions: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    columns = ["id", "document_id", "token_starts", "token_ends"]
    for path in ner:
        for row in pq.read_table(path, columns=columns).to_pylist():
            if row["id"] not in wanted:
                continue
            seen.add(row["id"])
            row_tags = wanted[row["id"]]
            if len(row_tags) != len(row["token_starts"]):
                reason = (
                    f"row {row['id']}: {len(row_tags)} tags for {len(row['token_starts'])} tokens"
                )
                raise fail(
                    "pred-malformed", file=str(path), doc_id=row["document_id"], reason=reason
                )
            try:
                found = spans_from_tags(row_tags, row["token_starts"], row["token_ends"])
            except (ValueError, IndexError) as e:
                reason = f"row {row['id']}: {e}"
                raise fail(
                    "pred-malformed", file=str(path), doc_id=row["document_id"], reason=reason
                ) from None
            mine = mentions.setdefault(row["document_id"], [])
            for start, end, label in found:
                if label not in ENTITY_LABELS:
                    reason = f"row {row['id']}: label {label!r} is not in the label set"
                    raise fail(
                        "pred-malformed", file=str(path), doc_id=row["document_id"], reason=reason
                    )
                mine.append({"id": f"m{len(mine) + 1}", "start": start, "end": end, "label": label})
    unknown = sorted(set(wanted) - seen)
    if unknown:
        raise fail("pred-unknown-document", file=str(release), doc_id=unknown[0].rsplit(":", 1)[0])
    n = 0
    with atomic_output(out) as f:
        for path in docs:
            for row in pq.read_table(path, columns=["id", "text_sha256"]).to_pylist():
                if row["id"] in mentions:
                    line = {
                        "id": row["id"],
                        "text_sha256": row["text_sha256"],
                        "annotation": {"layers": [{"layer": "entities"}]},
                        "entities": mentions[row["id"]],
                    }
                    f.write(orjson.dumps(line) + b"\n")
                    n += 1
    return n

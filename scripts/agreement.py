"""Agreement of the annotators with each other and with the source corpora's human annotation.

    python scripts/agreement.py [--agreement agreement] [--corpus corpus]

``agreement/<annotator>/<id>.json`` holds each annotator's own annotation file of a document,
made from the guidelines and the text alone, over the whole text (the corpus holds the merged
or adjudicated version). Two tables go into the generated section ``agreement`` of
DATASET_CARD.md, both computed with ``newsanno evaluate`` (one annotation as gold, the other as
predictions; span F1 is symmetric, attributes take the first as the reference):

- every pair of annotators on the documents both annotated independently;
- every annotator against the human annotation imported from MEANTIME and GUM, in the regions
  that source annotated and for the labels it annotates (entity names, dates).

Entity figures take names only.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# (layer, figure key, metric, what it measures)
FIGURES = [
    ("entities", "entities/strict", "f1", "names: same span and label"),
    ("entities", "entities/partial", "f1", "names: overlapping span"),
    ("quotes", "quotes/overlap", "f1", "content spans overlap"),
    ("quotes", "quotes/speaker", "f1", "overlapping content, same speaker"),
    ("quotes", "quotes/cue", "accuracy", "same cue, among overlapping quotes"),
    ("claims", "claims/overlap", "f1", "claim spans overlap"),
    ("claims", "claims/exact", "f1", "same claim span"),
    ("claims", "claims/claimant", "f1", "overlapping claims, same claimant"),
    ("dates", "dates/strict", "f1", "same span"),
    ("dates", "dates/value", "f1", "overlapping span, same value"),
]


def corpus_of(annotator: Path, ids: list[str], texts: Path, root: Path) -> Path:
    """A corpus folder holding the annotator's files of ``ids`` beside the corpus texts."""
    from newsanno.corpus.layout import ANNOTATIONS, ARTICLES

    out = root / annotator.name
    (out / ANNOTATIONS).mkdir(parents=True)
    (out / ARTICLES).mkdir()
    for doc_id in ids:
        shutil.copy(annotator / f"{doc_id}.json", out / ANNOTATIONS / f"{doc_id}.json")
        shutil.copy(texts / ARTICLES / f"{doc_id}.txt", out / ARTICLES / f"{doc_id}.txt")
    return out


def shared(a: Path, b: Path) -> list[str]:
    """The documents both annotators annotated."""
    return sorted({p.stem for p in a.glob("*.json")} & {p.stem for p in b.glob("*.json")})


def agreement(
    pairs: list[tuple[Path, Path, list[str]]], corpus: Path, bootstrap: int
) -> dict[str, Any]:
    """Figures of the first annotator of each pair as gold against the second, over the
    documents given for each pair (a document counts once, for its first pair)."""
    from newsanno.corpus import read_documents, read_manifest
    from newsanno.evaluate import as_dict, evaluate, write_predictions
    from newsanno.extractors.name_tagger_heldout import names_only, write_corpus

    figures: dict[str, Any] = {}
    headline: list[dict[str, str]] = []
    seen: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        gold_docs, pred_docs = [], []
        for n, (a, b, ids) in enumerate(pairs):
            ids = [d for d in ids if d not in seen]
            seen.update(ids)
            gold_docs += read_documents(corpus_of(a, ids, corpus, root / f"{n}-a"))
            pred_docs += read_documents(corpus_of(b, ids, corpus, root / f"{n}-b"))
        manifest = read_manifest(corpus)
        for layer in sorted({f[0] for f in FIGURES}):
            entities = layer == "entities"
            gold = [names_only(d) for d in gold_docs] if entities else gold_docs
            pred = [names_only(d) for d in pred_docs] if entities else pred_docs
            write_corpus(gold, root / layer / "gold", manifest)
            write_predictions(iter(pred), root / layer / "pred.jsonl")
            ev = evaluate(
                root / layer / "gold",
                root / layer / "pred.jsonl",
                [layer],
                bootstrap=bootstrap,
                split=None,
            )
            result = as_dict(ev)
            figures.update(result["figures"])
            headline += result["headline"]
    return {"figures": figures, "headline": headline}


def against_sources(annotator: Path, corpus: Path, bootstrap: int) -> list[tuple[str, int, Any]]:
    """(source, documents, result) of one annotator against the imported human annotation."""
    from newsanno.corpus import read_documents, read_manifest
    from newsanno.corpus.splits import source_name
    from newsanno.evaluate import as_dict, evaluate, write_predictions
    from newsanno.extractors.name_tagger_heldout import write_corpus
    from newsanno.ingest.merge import labels_not_annotated

    ids = sorted(p.stem for p in annotator.glob("*.json"))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        mine = {d.id: d for d in read_documents(corpus_of(annotator, ids, corpus, root / "mine"))}
        theirs = {d.id: d for d in read_documents(corpus_of_corpus(corpus, ids, root / "src"))}
        manifest = read_manifest(corpus)
        for source in sorted({source_name(d) for d in theirs.values()}):
            gold, pred = [], []
            for doc_id, doc in sorted(theirs.items()):
                if source_name(doc) != source:
                    continue
                missing = labels_not_annotated(doc)
                scopes = [s.model_dump() for s in doc.annotation.layers if s.method == "imported"]
                keep = {s["layer"] for s in scopes} & {"entities", "dates"}
                if not keep:
                    continue

                gold.append(restrict(doc, scopes, keep, missing))
                pred.append(restrict(mine[doc_id], scopes, keep, missing))
            if not gold:
                continue
            work = root / source
            write_corpus(gold, work / "gold", manifest)
            write_predictions(iter(pred), work / "pred.jsonl")
            ev = evaluate(
                work / "gold",
                work / "pred.jsonl",
                ["entities", "dates"],
                bootstrap=bootstrap,
                split=None,
            )
            out.append((source, len(gold), as_dict(ev)))
    return out


def restrict(doc: Any, scopes: list[Any], keep: set[str], missing: frozenset[str]) -> Any:
    """``doc`` cut to the imported scopes of the ``keep`` layers and the source's name labels."""
    from newsanno.model import Document

    data = doc.model_dump()
    data["annotation"]["layers"] = [s for s in scopes if s["layer"] in keep]
    for layer in ("zones", "quotes", "claims", "entities", "dates"):
        if layer not in keep:
            data[layer] = []
    data["entities"] = [
        m for m in data["entities"] if m["mention_type"] == "name" and m["label"] not in missing
    ]
    for layer in keep:
        regions = [
            (r["start"], r["end"]) if s["regions"] else (0, len(data["text"]))
            for s in scopes
            if s["layer"] == layer
            for r in (s["regions"] or [{"start": 0, "end": 0}])
        ]
        data[layer] = [
            a for a in data[layer] if any(x <= a["start"] and a["end"] <= y for x, y in regions)
        ]
        if layer == "dates":  # anchors to dates left out fall back to the publication date
            ids = {t["id"] for t in data["dates"]}
            for t in data["dates"]:
                if t.get("anchor") not in (None, "document") and t["anchor"] not in ids:
                    t["anchor"] = "document"
    return Document.model_validate(data)


def corpus_of_corpus(corpus: Path, ids: list[str], root: Path) -> Path:
    """A corpus folder holding the corpus's own files of ``ids``."""
    from newsanno.corpus.layout import ANNOTATIONS

    return corpus_of(corpus / ANNOTATIONS, ids, corpus, root)


def table(rows: list[tuple[str, str, int, dict[str, Any]]]) -> str:
    out = [
        "| annotators | documents | layer | figure | measures | value | 95% CI |",
        "|---|---:|---|---|---|---:|---|",
    ]
    for a, b, n, result in rows:
        a, b = (b, a) if b.endswith("(imported)") else (a, b)
        who = f"{a} / {b}" if b else a
        for layer, key, metric, what in FIGURES:
            fig = result["figures"].get(key)
            if fig is None:
                continue
            # intervals are computed for the headline figure of each layer, in its metric
            ci = (
                fig.get("ci95") if {"figure": key, "metric": metric} in result["headline"] else None
            )
            interval = f"{100 * ci[0]:.1f}-{100 * ci[1]:.1f}" if ci else ""
            value = f"{100 * fig[metric]:.1f}"
            out.append(
                f"| {who} | {n} | {layer} | {key} ({metric}) | {what} | {value} | {interval} |"
            )
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agreement", type=Path, default=ROOT / "agreement")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--no-card", action="store_true", help="print, do not write the card")
    args = parser.parse_args()

    from newsanno.errors import NewsannoError
    from newsanno.generated import update_file

    annotators = sorted(p for p in args.agreement.iterdir() if p.is_dir())
    pairs = [(a, b, shared(a, b)) for a, b in itertools.combinations(annotators, 2)]
    pairs = [p for p in pairs if p[2]]
    try:
        rows = [
            (a.name, b.name, len(ids), agreement([(a, b, ids)], args.corpus, args.bootstrap))
            for a, b, ids in pairs
        ]
        pooled = agreement(pairs, args.corpus, args.bootstrap)
    except NewsannoError as e:
        for p in e.problems:
            print(p.render(), file=sys.stderr)
        return 1
    n = len({d for _, _, ids in pairs for d in ids})
    body = (
        "All double-annotated documents pooled (first annotator of each pair as the "
        "reference):\n\n" + table([("all pairs", "", n, pooled)]) + "\nPer pair:\n\n" + table(rows)
    )
    source_rows = []
    for annotator in annotators:
        for source, n, result in against_sources(annotator, args.corpus, args.bootstrap):
            source_rows.append((annotator.name, f"{source} (imported)", n, result))
    body += (
        "\nAgainst the human annotation imported from the source corpora (their regions and "
        "labels only; the first column names the reference):\n\n" + table(source_rows)
    )
    print(body, end="")
    if not args.no_card:
        update_file(ROOT / "DATASET_CARD.md", "agreement", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())

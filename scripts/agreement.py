"""Inter-annotator agreement on the independently double-annotated documents.

    python scripts/agreement.py [--agreement agreement] [--corpus corpus]

``agreement/<annotator>/<id>.json`` holds each annotator's own annotation file of a document,
made without seeing the other's (the corpus holds the adjudicated version). For every pair of
annotators, the documents both annotated are scored with ``newsanno evaluate``, one annotation
as gold and the other as predictions (span F1 is symmetric; for attributes the first annotator
is the reference). Entity figures take names only. The table goes into the generated section
``agreement`` of DATASET_CARD.md.
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


def agreement(a: Path, b: Path, corpus: Path, bootstrap: int) -> tuple[int, dict[str, Any]]:
    from newsanno.corpus import read_documents, read_manifest
    from newsanno.evaluate import as_dict, evaluate, write_predictions
    from newsanno.ner.heldout import names_only, write_corpus

    ids = sorted({p.stem for p in a.glob("*.json")} & {p.stem for p in b.glob("*.json")})
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        gold_docs = list(read_documents(corpus_of(a, ids, corpus, root / "a")))
        pred_docs = list(read_documents(corpus_of(b, ids, corpus, root / "b")))
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
            figures.update(as_dict(ev)["figures"])
    return len(ids), figures


def table(rows: list[tuple[str, str, int, dict[str, Any]]]) -> str:
    out = [
        "| annotators | documents | layer | figure | measures | value | 95% CI |",
        "|---|---:|---|---|---|---:|---|",
    ]
    for a, b, n, figures in rows:
        for layer, key, metric, what in FIGURES:
            fig = figures.get(key)
            if fig is None:
                continue
            ci = fig.get("ci95") if metric == "f1" else None
            interval = f"{100 * ci[0]:.1f}-{100 * ci[1]:.1f}" if ci else ""
            value = f"{100 * fig[metric]:.1f}"
            out.append(
                f"| {a} / {b} | {n} | {layer} | {key} ({metric}) | {what} | {value} | {interval} |"
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
    rows = []
    try:
        for a, b in itertools.combinations(annotators, 2):
            n, figures = agreement(a, b, args.corpus, args.bootstrap)
            if n:
                rows.append((a.name, b.name, n, figures))
    except NewsannoError as e:
        for p in e.problems:
            print(p.render(), file=sys.stderr)
        return 1
    body = table(rows)
    print(body, end="")
    if not args.no_card:
        update_file(ROOT / "DATASET_CARD.md", "agreement", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())

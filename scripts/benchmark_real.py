"""Benchmark every baseline and the trained NER model on the release's own test split.

    python scripts/benchmark_real.py [--corpus corpus] [--work build/benchmark-real]

Builds the release from the corpus, trains what learns (the gazetteer, a spaCy NER) on its
train split (model selection on validation), predicts the test split with every system, and
scores each system per source corpus and over the whole test split. Writes the tables into the
generated section ``benchmarks-real`` of docs/benchmarks.md and ``leaderboard-real`` of
DATASET_CARD.md.

Entity figures use the gold *names* only (nominal and pronoun mentions serve coreference, which
no baseline here predicts). Only gold regions are scored: where a layer was annotated by nobody,
or only automatically, predictions are neither right nor wrong.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import train_and_score  # noqa: E402

# (figure key, metric) columns per layer: strict, relaxed, and the attribute figures.
COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "entities": [
        ("strict F1", "entities/strict", "f1"),
        ("relaxed F1 (overlap)", "entities/partial", "f1"),
    ],
    "dates": [
        ("strict F1", "dates/strict", "f1"),
        ("relaxed F1", "dates/relaxed", "f1"),
        ("value F1", "dates/value", "f1"),
        ("value accuracy", "dates/value", "accuracy"),
    ],
    "quotes": [
        ("strict F1 (exact span)", "quotes/exact", "f1"),
        ("relaxed F1 (tokens)", "quotes/tokens", "f1"),
        ("speaker accuracy", "quotes/speaker", "accuracy"),
    ],
}


@dataclass
class Row:
    source: str
    system: str
    layer: str
    documents: int
    result: dict[str, Any]


def run(corpus: Path, work: Path, args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    from newsanno.corpus.splits import source_name
    from newsanno.extractors import get_extractor
    from newsanno.extractors.name_tagger import NameTagger
    from newsanno.extractors.name_tagger_heldout import split_documents
    from newsanno.release import build

    say = lambda line: print(line, file=sys.stderr)  # noqa: E731
    release = build(corpus, work / "dist", quiet=True, workers=1).path
    say(f"built {release}")
    cache = work / "hf-cache"
    test = split_documents(release, "test", cache)
    train = split_documents(release, "train", cache)
    groups: dict[str, list[Any]] = {"all": test}
    for doc in test:
        groups.setdefault(source_name(doc), []).append(doc)
    started = time.perf_counter()
    _, info = train_and_score(
        release, work / "spacy-ner", epochs=args.epochs, seed=0, bootstrap=0, split="test"
    )
    say(f"spacy-ner: {info['train_sentences']} sentences, {time.perf_counter() - started:.0f} s")
    systems: list[tuple[str, str, Callable[[Any], Any]]] = [
        ("dates", "dates", get_extractor("dates").predict),
        ("quotes", "quotes", get_extractor("quotes").predict),
        ("gazetteer", "entities", get_extractor("gazetteer", train=train).predict),
        ("spacy-ner", "entities", NameTagger.load(work / "spacy-ner" / "model").predict),
    ]
    rows: list[Row] = []
    for system, layer, predict in systems:
        predictions = [predict(d) for d in test]
        for source, docs in groups.items():
            ids = {d.id for d in docs}
            chosen = [p for p in predictions if p.id in ids]
            result = score(work / system / source, docs, chosen, layer, args.bootstrap)
            if result is not None:
                rows.append(Row(source, system, layer, len(docs), result))
    return rows, {"release": release.name, "train_seconds": info["train_seconds"]}


def score(
    work: Path, gold: list[Any], predictions: Iterable[Any], layer: str, bootstrap: int
) -> dict[str, Any] | None:
    """Figures of one system on one group of test documents; None when no document of the
    group annotates the layer."""
    from newsanno.corpus import read_manifest
    from newsanno.evaluate import as_dict, evaluate, write_predictions
    from newsanno.extractors.name_tagger_heldout import names_only, write_corpus

    if not any(s.layer == layer for d in gold for s in d.annotation.layers):
        return None
    docs = [names_only(d) for d in gold] if layer == "entities" else gold
    manifest = read_manifest(ROOT / "corpus")
    write_corpus(docs, work / "gold", manifest.model_copy(update={"name": "gold"}))
    write_predictions(iter(predictions), work / "pred.jsonl")
    ev = evaluate(work / "gold", work / "pred.jsonl", [layer], bootstrap=bootstrap, split=None)
    return as_dict(ev)


def _cell(result: dict[str, Any], key: str, metric: str) -> str:
    fig = result["figures"].get(key)
    if fig is None or fig.get(metric) is None:
        return "-"
    text = f"{100 * fig[metric]:.1f}"
    ci = fig.get("ci95")
    if ci and metric == "f1":
        text += f" [{100 * ci[0]:.1f}-{100 * ci[1]:.1f}]"
    return text


def tables(rows: list[Row]) -> str:
    out: list[str] = []
    for layer, columns in COLUMNS.items():
        chosen = [r for r in rows if r.layer == layer]
        if not chosen:
            continue
        out += [f"#### {layer}", ""]
        out.append("| test documents | system | n | " + " | ".join(c[0] for c in columns) + " |")
        out.append("|---|---|---:|" + "---:|" * len(columns))
        for r in chosen:
            cells = [_cell(r.result, key, metric) for _, key, metric in columns]
            out.append(f"| {r.source} | {r.system} | {r.documents} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def conditions(args: argparse.Namespace, info: dict[str, Any], seconds: float) -> str:
    import spacy

    return (
        f"Generated by `python scripts/benchmark_real.py` from {info['release']} in "
        f"{seconds:.0f} s on a shared 2-core machine (Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}); bootstrap: {args.bootstrap} paired resamples of "
        f"documents, seed 0, 95% intervals in brackets (headline figures). Learned systems "
        f"saw only the train split (spacy-ner: blank English pipeline, {args.epochs} epochs, "
        f"best epoch on validation, {info['train_seconds']} s of training). The rule-based "
        f"systems (dates, quotes) were written while looking at MEANTIME and GUM articles, "
        f"these test documents included, so their rows may flatter them.\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "benchmark-real")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--no-docs", action="store_true", help="print, do not write the docs")
    args = parser.parse_args()

    from newsanno.errors import NewsannoError
    from newsanno.generated import update_file

    started = time.perf_counter()
    if args.work.exists():
        shutil.rmtree(args.work)
    try:
        rows, info = run(args.corpus, args.work, args)
    except NewsannoError as e:
        for p in e.problems:
            print(p.render(), file=sys.stderr)
        return 1
    body = tables(rows) + "\n" + conditions(args, info, time.perf_counter() - started)
    print(body)
    if not args.no_docs:
        update_file(ROOT / "docs" / "benchmarks.md", "benchmarks-real", body)
        update_file(ROOT / "DATASET_CARD.md", "leaderboard-real", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())

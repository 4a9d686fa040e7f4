"""Benchmark every baseline and the trained NER model on real annotated news (MEANTIME, GUM).

    python scripts/benchmark_real.py [--data ../shared/data] [--work build/benchmark-real]

For each corpus: import, build a release, predict with each baseline and with a spaCy NER
trained on the release's train split, evaluate, then write the tables into the generated
section ``benchmarks-real`` of docs/benchmarks.md and ``leaderboard-real`` of DATASET_CARD.md.

Which documents each system is scored on:
- rule-based systems (dates, quotes) learn nothing: every document, and the test split;
- learned systems (gazetteer, spacy-ner) only on the test split, never seen in training, and,
  learnt on MEANTIME, on every GUM article (transfer to other topics and annotators).
Entity figures use the gold *names* only (nominal and pronoun mentions are coreference, which
no baseline here predicts). MEANTIME annotates only its first sentences: predictions elsewhere
are not scored (the layers' regions).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import train_and_score  # noqa: E402

CORPORA = {"meantime": "meantime", "gum": "gum/news"}
# (figure key, metric) columns per layer: strict, relaxed, and the value of a date.
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
    ],
}


@dataclass
class Row:
    corpus: str
    system: str
    layer: str
    documents: str
    result: dict[str, Any]


def run_corpus(name: str, src: Path, work: Path, args: argparse.Namespace) -> list[Row]:
    from newsanno.build import build
    from newsanno.corpus import read_documents, read_manifest
    from newsanno.evaluate import as_dict, evaluate, write_predictions
    from newsanno.extractors import get_extractor
    from newsanno.extractors.training import training_documents
    from newsanno.formats import importer
    from newsanno.ner.heldout import names_only, split_documents, write_corpus

    say = lambda line: print(f"[{name}] {line}", file=sys.stderr)  # noqa: E731
    corpus = work / "corpus"
    report = importer(name)(src, corpus)
    say(report.render().replace("\n", "; "))
    release = build(corpus, work / "dist", quiet=True, workers=1).path
    say(f"built {release}")
    docs = list(read_documents(corpus))
    test = split_documents(release, "test", work / "hf-cache")
    manifest = read_manifest(corpus)
    gold_test = work / "gold-test-names"
    write_corpus(
        (names_only(d) for d in test),
        gold_test,
        manifest.model_copy(update={"name": f"{manifest.name}-test-names"}),
    )
    declared = {s.layer for d in docs for s in d.annotation.layers}
    rows: list[Row] = []

    def score(system: str, layer: str, gold: Path, pred: Path, n: int, which: str) -> None:
        ev = evaluate(gold, pred, [layer], bootstrap=args.bootstrap, seed=0)
        rows.append(Row(name, system, layer, f"{which} ({n})", as_dict(ev)))

    for system, layer in (("dates", "dates"), ("quotes", "quotes")):
        if layer not in declared:
            say(f"{layer}: not annotated in this corpus, not scored")
            continue
        extractor = get_extractor(system)
        pred = work / f"{system}.jsonl"
        write_predictions((extractor.predict(d) for d in docs), pred)
        score(system, layer, corpus, pred, len(docs), "all")
        pred_test = work / f"{system}-test.jsonl"
        write_predictions((extractor.predict(d) for d in test), pred_test)
        score(system, layer, gold_test, pred_test, len(test), "test")
    gazetteer = get_extractor("gazetteer", train=training_documents(corpus, None))
    pred = work / "gazetteer-test.jsonl"
    write_predictions((gazetteer.predict(d) for d in test), pred)
    score("gazetteer", "entities", gold_test, pred, len(test), "test")
    started = time.perf_counter()
    ev, info = train_and_score(
        release, work / "spacy-ner", epochs=args.epochs, seed=0, bootstrap=args.bootstrap
    )
    say(f"spacy-ner: {info['train_sentences']} sentences, {time.perf_counter() - started:.0f} s")
    rows.append(Row(name, "spacy-ner", "entities", f"test ({len(test)})", as_dict(ev)))
    rows[-1].result["train_seconds"] = info["train_seconds"]
    return rows


def cross_corpus(work: Path, args: argparse.Namespace) -> list[Row]:
    """Models learnt on MEANTIME, scored on every GUM article: a larger test set than GUM's own
    split, and a measure of transfer to other topics and another annotation scheme."""
    from newsanno.corpus import read_documents, read_manifest
    from newsanno.evaluate import as_dict, evaluate, write_predictions
    from newsanno.extractors import get_extractor
    from newsanno.extractors.training import training_documents
    from newsanno.ner import NameTagger
    from newsanno.ner.heldout import names_only, write_corpus

    source, target = work / "meantime", work / "gum"
    docs = list(read_documents(target / "corpus"))
    manifest = read_manifest(target / "corpus")
    gold = target / "gold-all-names"
    write_corpus(
        (names_only(d) for d in docs),
        gold,
        manifest.model_copy(update={"name": f"{manifest.name}-names"}),
    )
    systems = {
        "gazetteer (learnt on meantime)": get_extractor(
            "gazetteer", train=training_documents(source / "corpus", None)
        ),
        "spacy-ner (trained on meantime)": NameTagger.load(source / "spacy-ner" / "model"),
    }
    rows = []
    for n, (system, extractor) in enumerate(systems.items()):
        pred = target / f"cross-{n}.jsonl"
        write_predictions((extractor.predict(d) for d in docs), pred)
        ev = evaluate(gold, pred, ["entities"], bootstrap=args.bootstrap, seed=0)
        rows.append(Row("gum", system, "entities", f"all ({len(docs)})", as_dict(ev)))
    return rows


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
        out.append("| corpus | system | documents | " + " | ".join(c[0] for c in columns) + " |")
        out.append("|---|---|---|" + "---:|" * len(columns))
        for r in chosen:
            cells = [_cell(r.result, key, metric) for _, key, metric in columns]
            out.append(f"| {r.corpus} | {r.system} | {r.documents} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def conditions(args: argparse.Namespace, rows: list[Row], seconds: float) -> str:
    import spacy

    trained = ", ".join(
        f"{r.corpus} {r.result['train_seconds']} s" for r in rows if "train_seconds" in r.result
    )
    return (
        f"Generated by `python scripts/benchmark_real.py` in {seconds:.0f} s on a shared, loaded "
        f"2-core machine (Python {platform.python_version()}, spaCy {spacy.__version__}); "
        f"bootstrap: {args.bootstrap} paired resamples of documents, seed 0, 95% intervals in "
        f"brackets where the evaluator reports them (headline figures). spacy-ner: blank "
        f"English pipeline, {args.epochs} epochs, best epoch on the validation split; "
        f"training time {trained}.\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "benchmark-real")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--no-docs", action="store_true", help="print, do not write the docs")
    args = parser.parse_args()

    from newsanno.generated import update_file

    started = time.perf_counter()
    rows: list[Row] = []
    for name, sub in CORPORA.items():
        src = args.data / sub
        if not src.exists():
            print(f"[{name}] skipped: {src} does not exist", file=sys.stderr)
            continue
        work = args.work / name
        if work.exists():
            shutil.rmtree(work)
        rows += run_corpus(name, src, work, args)
    if {r.corpus for r in rows} == set(CORPORA):
        rows += cross_corpus(args.work, args)
    body = tables(rows) + "\n" + conditions(args, rows, time.perf_counter() - started)
    print(body)
    if not args.no_docs:
        update_file(ROOT / "docs" / "benchmarks.md", "benchmarks-real", body)
        update_file(ROOT / "DATASET_CARD.md", "leaderboard-real", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Train a small NER model on a release and score it on the held-out test split.

    python scripts/train_ner.py dist/meantime-1.0.0 --out runs/meantime-ner

writes the model (``model/``, loadable with ``spacy.load``), the test split's gold with entity
names only (``gold-test/``, a corpus directory), the model's predictions on it
(``predictions.jsonl``), and prints the scores, which equal

    newsanno evaluate --gold runs/meantime-ner/gold-test --pred runs/meantime-ner/predictions.jsonl

Needs the ``spacy`` extra (pip install 'newsanno[spacy]'); CPU only, a few minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def train_and_score(
    release: Path, out: Path, *, epochs: int, seed: int, bootstrap: int, split: str = "test"
) -> tuple[object, dict[str, object]]:
    """Train on ``train`` (model selection on ``validation``), predict ``split``, evaluate."""
    from newsanno.corpus import read_manifest
    from newsanno.evaluate import evaluate, write_predictions
    from newsanno.extractors.name_tagger import load_release, train
    from newsanno.extractors.name_tagger_heldout import names_only, split_documents, write_corpus

    cache = out / "hf-cache"
    data = load_release(release, cache)
    started = time.perf_counter()
    model = train(
        data["train"],
        data.get("validation", []),
        epochs=epochs,
        seed=seed,
        log=lambda line: print(line, file=sys.stderr),
    )
    seconds = time.perf_counter() - started
    model.save(out / "model")
    test = split_documents(release, split, cache)
    manifest = read_manifest(release)
    gold = out / f"gold-{split}"
    write_corpus(
        (names_only(d) for d in test),
        gold,
        manifest.model_copy(update={"name": f"{manifest.name}-test-names"}),
    )
    pred = out / "predictions.jsonl"
    write_predictions((model.predict(d) for d in test), pred)
    ev = evaluate(gold, pred, ["entities"], bootstrap=bootstrap, seed=seed, split=None)
    info = {
        "train_sentences": len(data["train"]),
        "test_documents": len(test),
        "epochs": epochs,
        "train_seconds": round(seconds, 1),
        "gold": gold,
        "predictions": pred,
    }
    return ev, info


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("release", type=Path, help="a release folder built by newsanno build")
    parser.add_argument("--out", type=Path, required=True, help="folder for model and scores")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--split", default="test", help="split to score (default: test)")
    args = parser.parse_args()

    from newsanno.errors import NewsannoError
    from newsanno.evaluate import as_markdown

    try:
        ev, info = train_and_score(
            args.release,
            args.out,
            epochs=args.epochs,
            seed=args.seed,
            bootstrap=args.bootstrap,
            split=args.split,
        )
    except NewsannoError as e:
        for p in e.problems:
            print(p.render(), file=sys.stderr)
        return 1
    print(as_markdown(ev), end="")
    print(f"trained {info['epochs']} epochs in {info['train_seconds']} s", end=" ")
    print(
        f"on {info['train_sentences']} sentences; {args.split}: {info['test_documents']} documents"
    )
    print(f"same figures: newsanno evaluate --gold {info['gold']} --pred {info['predictions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The leaderboard of the dataset card: every baseline scored on the gold corpus's test split,
with paired bootstrap intervals (one seed, so every system sees the same resamples and the
table is reproducible to the digit).

The gazetteer learns names from the train split's gold documents (a corpus without a test split
is scored by leave-one-out instead: each document predicted by a gazetteer built from all the
others) and, separately and marked as such, also from the very document it is scored on: that
row is an upper bound, not a benchmark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..corpus import read_documents, read_manifest, sha256_text
from ..corpus.splits import TEST_SPLIT, assign_split
from ..model.document import Document
from .evaluator import Evaluation, evaluate_pairs, headline_keys
from .records import DocRecords, records_of
from .sources import gold_records

Predict = Callable[[Document, list[Document]], Document]  # (doc, training docs) -> prediction


@dataclass(frozen=True)
class Entry:
    system: str
    layers: tuple[str, ...]
    predict: Predict
    note: str


def _extractor(name: str) -> Predict:
    from ..extractors import get_extractor

    extractor = get_extractor(name)
    return lambda doc, others: extractor.predict(doc)


def _trained(name: str, on_test: bool) -> Predict:
    from ..extractors import get_extractor

    def predict(doc: Document, others: list[Document]) -> Document:
        return get_extractor(name, train=[*others, doc] if on_test else others).predict(doc)

    return predict


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "gazetteer",
        ("entities",),
        _trained("gazetteer", on_test=False),
        "names learnt from the train split",
    ),
    Entry(
        "gazetteer (trained on test)",
        ("entities",),
        _trained("gazetteer", on_test=True),
        "learnt from the documents it is scored on: an upper bound, not a benchmark",
    ),
    Entry("quotes", ("quotes",), _extractor("quotes"), "speakers linked to the gold mentions"),
    Entry(
        "baseline",
        ("quotes",),
        _trained("baseline", on_test=False),
        "quotes whose speakers come from the gazetteer",
    ),
    Entry("dates", ("dates",), _extractor("dates"), "rules anchored to the publication date"),
)


def _pairs(
    scored: list[Document], train: list[Document] | None, entry: Entry
) -> Iterator[tuple[DocRecords, DocRecords]]:
    """(gold, prediction) of every scored document; ``train`` None: leave-one-out."""
    for doc in scored:
        others = [d for d in scored if d.id != doc.id] if train is None else train
        pred = entry.predict(doc, others)
        yield gold_records(doc), records_of(pred.model_dump(), sha256_text(pred.text), pred.text)


def run_leaderboard(
    gold: Path, *, bootstrap: int = 1000, seed: int = 0
) -> list[tuple[Entry, Evaluation]]:
    policy = read_manifest(gold).splits
    docs = list(read_documents(gold))
    split = {d.id: assign_split(d.id, policy) for d in docs}
    scored = [d for d in docs if split[d.id] == TEST_SPLIT]
    train: list[Document] | None = [d for d in docs if split[d.id] == "train"]
    if not scored:
        scored, train = docs, None
    return [
        (e, evaluate_pairs(_pairs(scored, train, e), e.layers, bootstrap=bootstrap, seed=seed))
        for e in ENTRIES
    ]


def leaderboard_markdown(results: list[tuple[Entry, Evaluation]]) -> str:
    if not results:
        return ""
    first = results[0][1]
    lines = [
        f"Baselines on the gold corpus's test split ({first.documents} documents; learned "
        "systems trained on the train split; entities scored on their name mentions, as "
        "`newsanno evaluate` does by default). Figures in percent; "
        f"95% intervals from {first.bootstrap} paired bootstrap resamples of documents "
        f"(seed {first.seed}). Regenerate with `newsanno leaderboard`.",
        "",
        "| system | figure | P | R | F1 | accuracy | 95% CI | note |",
        "|---|---|--:|--:|--:|--:|---|---|",
    ]
    for entry, ev in results:
        for key, metric in headline_keys(ev.layers):
            f = ev.figure(key)
            ci = ev.intervals.get(key)
            interval = f"{100 * ci.low:.1f}-{100 * ci.high:.1f}" if ci else ""
            lines.append(
                f"| {entry.system} | {key} ({metric}) | {100 * f['precision']:.1f} | "
                f"{100 * f['recall']:.1f} | {100 * f['f1']:.1f} | {100 * f['accuracy']:.1f} | "
                f"{interval} | {entry.note} |"
            )
    if first.documents < 30:
        lines += [
            "",
            f"With {first.documents} gold document(s) the intervals say little: resampling "
            "documents cannot show variation the corpus does not contain.",
        ]
    return "\n".join(lines) + "\n"

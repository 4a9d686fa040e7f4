"""Entity scoring speed: newsanno's scorer against nervaluate on the same synthetic documents,
with a check that both give the same counts. Prints documents per second (median of repeats).

    python benchmarks/bench_evaluate.py [--docs 3000] [--repeats 3]

Predictions are the gold mentions perturbed with a fixed seed: some dropped, some boundaries
moved, some labels changed, some spurious mentions added, so every SemEval category occurs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from newsanno.evaluate.counts import Counts
from newsanno.evaluate.entities import claim_order
from newsanno.evaluate.evaluator import evaluate_pairs
from newsanno.evaluate.records import DocRecords, Mention, records_of
from newsanno.synth import synth_document

LABELS = ["PERSON", "ORG", "GPE", "NORP", "LOC", "DATE", "CARDINAL"]


def perturb(mentions: list[Mention], rng: random.Random, length: int) -> list[Mention]:
    out = []
    for m in mentions:
        r = rng.random()
        if r < 0.1:
            continue  # missed
        if r < 0.2:
            m = m._replace(end=max(m.start + 1, m.end - 2))  # boundary error
        elif r < 0.3:
            m = m._replace(label=rng.choice(LABELS))  # label error
        out.append(m)
    for k in range(rng.randint(0, 3)):  # spurious
        start = rng.randrange(max(1, length - 10))
        out.append(Mention(start, start + rng.randint(2, 9), rng.choice(LABELS), None, f"s{k}"))
    return sorted(set(out))


def make(n: int) -> list[tuple[DocRecords, DocRecords]]:
    rng = random.Random(0)
    pairs = []
    for i in range(n):
        d = synth_document(0, i)
        gold = records_of(d, "0" * 64, d["text"])
        pred = DocRecords(gold.id, gold.text_sha256, {"entities": None})
        pred.entities = perturb(gold.entities, rng, len(d["text"]))
        pairs.append((gold, pred))
    return pairs


def nervaluate_input(pairs: list[tuple[DocRecords, DocRecords]]) -> tuple[Any, Any, list[str]]:
    """nervaluate matches predictions in list order: they go in the order evaluate takes them."""

    def dicts(ms: list[Mention]) -> list[dict[str, Any]]:
        return [{"label": m.label, "start": m.start, "end": m.end - 1} for m in ms]

    labels = sorted({m.label for g, p in pairs for m in (*g.entities, *p.entities)})
    true = [dicts(sorted(g.entities)) for g, _ in pairs]
    return true, [dicts(claim_order(g.entities, p.entities)) for g, p in pairs], labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from nervaluate import Evaluator

    pairs = make(args.docs)
    true, pred, labels = nervaluate_input(pairs)
    mentions = sum(len(g.entities) for g, _ in pairs) / len(pairs)
    print(f"{args.docs} synthetic documents, {mentions:.1f} gold mentions each")

    ours, theirs, result, reference = [], [], None, None
    for _ in range(args.repeats):
        t = time.perf_counter()
        result = evaluate_pairs(pairs, ["entities"], bootstrap=0)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        reference = Evaluator(true, pred, tags=labels, loader="dict").evaluate()
        theirs.append(time.perf_counter() - t)
    assert result is not None and reference is not None
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    for scheme, name in names.items():
        r = reference["overall"][name]
        c: Counts = result.counts[f"entities/{scheme}"]
        assert (c.cor, c.inc, c.par, c.mis, c.spu) == (
            r.correct,
            r.incorrect,
            r.partial,
            r.missed,
            r.spurious,
        ), scheme
        for label, per in reference["entities"].items():
            r = per[name]
            c = result.counts[f"entities/{scheme}/{label}"]
            assert (c.cor, c.inc, c.par, c.mis, c.spu) == (
                r.correct,
                r.incorrect,
                r.partial,
                r.missed,
                r.spurious,
            ), (scheme, label)
    ours_rate = args.docs / statistics.median(ours)
    theirs_rate = args.docs / statistics.median(theirs)
    print("identical counts for all four schemes, overall and per label")
    print(f"newsanno evaluate (entities): {ours_rate:,.0f} docs/s")
    print(f"nervaluate 1.x:               {theirs_rate:,.0f} docs/s")
    print(f"ratio: {ours_rate / theirs_rate:.1f}x")


if __name__ == "__main__":
    main()

"""Scoring a stream of (gold, prediction) document pairs: per-document counts go into one tally;
the headline figures also keep one small row of counts per document for the bootstrap, and its
id. Memory is bounded by the tally plus ``documents x headline figures x 5`` integers and the
document ids (none with ``bootstrap=0``) plus the mentions of one batch of documents (entities
are counted a batch at a time, :mod:`.entity_batch`), never by the whole stream of documents."""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import fail
from ..model.labels import LAYERS
from .bootstrap import Interval, intervals
from .counts import Counts, Tally
from .entities import LAYER as ENTITIES
from .entity_batch import BATCH, HEADS, EntityBatch
from .keys import FigureKey, Metric
from .records import DocRecords, problem_in
from .scorers import ENTITY_SCORER, SCORERS, SPAN_SCORERS, ErrorItem
from .sources import Gold, open_gold, prediction_records, read_predictions

_ZERO = (0, 0, 0, 0, 0)
SCORED_LAYERS: tuple[str, ...] = tuple(layer for layer in LAYERS if layer in SCORERS)
ErrorSink = Callable[[DocRecords, list[ErrorItem]], None]
MENTIONS = ("names", "all")
"""Which entity mentions are scored. ``names`` (the default): name mentions on both sides, as
a named-entity tagger and the release's ``ner`` config have them; nominal and pronoun mentions
(there for coreference, speakers and claimants) are left out of gold and predictions alike, so
a perfect name tagger scores 100. ``all``: every mention, for mention detection."""


@dataclass
class Evaluation:
    """Everything measured: summed counts per figure, intervals for the headline figures."""

    layers: list[str]
    counts: dict[FigureKey, Counts] = field(default_factory=dict)
    documents: int = 0
    unpredicted: list[str] = field(default_factory=list)
    unscored: dict[str, int] = field(default_factory=dict)  # layer -> gold docs not declaring it
    intervals: dict[FigureKey, Interval] = field(default_factory=dict)
    bootstrap: int = 0
    seed: int = 0
    split: str | None = None  # None: every document
    outside_split: int = 0  # predictions for gold documents of other splits, not scored
    mentions: str = "names"  # the entity mentions scored: names, or all (see MENTIONS)

    def figure(self, key: FigureKey | str) -> dict[str, float]:
        """Precision, recall, F1 and accuracy of one figure (a key or its spelling in reports)."""
        found = self.counts.get(FigureKey.parse(key) if isinstance(key, str) else key)
        return (Counts() if found is None else found).figures()


def headline_keys(layers: Sequence[str]) -> list[tuple[FigureKey, Metric]]:
    """(figure key, metric) pairs that get confidence intervals, in report order."""
    return [
        (FigureKey(layer, figure), metric)
        for layer in layers
        for figure, metric in SCORERS[layer].headline
    ]


class Accumulator:
    """Adds documents one by one; ``result()`` derives the figures."""

    def __init__(
        self,
        layers: Sequence[str],
        *,
        bootstrap: int = 1000,
        seed: int = 0,
        errors: ErrorSink | None = None,
        mentions: str = "names",
    ) -> None:
        unknown = [x for x in layers if x not in SCORERS]
        if unknown:
            raise fail("eval-bad-layer", layer=", ".join(unknown), allowed=", ".join(SCORERS))
        if mentions not in MENTIONS:
            raise ValueError(f"mentions must be one of {MENTIONS}, not {mentions!r}")
        self.evaluation = Evaluation(
            list(layers), bootstrap=bootstrap, seed=seed, mentions=mentions
        )
        self.tally: Tally = {}
        self.heads = [key for key, _ in headline_keys(layers)]
        self.rows: array[int] | None = array("i") if bootstrap else None
        self.ids: list[str] = []  # of the documents in ``rows``, in order
        self.errors = errors
        self.entities = EntityBatch()
        # where each figure of a batch's per-document counts goes in a document's row
        self.entity_heads = [
            self.heads.index(FigureKey(ENTITIES, h)) for h in HEADS if ENTITIES in layers
        ]

    def add(self, gold: DocRecords, pred: DocRecords | None) -> None:
        ev = self.evaluation
        ev.documents += 1
        if pred is None:
            ev.unpredicted.append(gold.id)
            pred = DocRecords(gold.id, gold.text_sha256, {})
        tally = self.tally
        before = (
            [tuple(tally.get(key, _ZERO)) for key in self.heads] if self.rows is not None else None
        )
        errors: list[ErrorItem] | None = [] if self.errors is not None else None
        for layer in ev.layers:
            if layer not in gold.scopes:
                ev.unscored[layer] = ev.unscored.get(layer, 0) + 1
                continue
            regions = gold.scopes[layer]
            predicted = layer in pred.scopes
            if layer == ENTITIES:
                doc = ev.documents - 1
                ENTITY_SCORER.collect(
                    gold,
                    pred if predicted else None,
                    regions,
                    self.entities,
                    doc,
                    errors,
                    names_only=ev.mentions == "names",
                )
            elif predicted:
                SPAN_SCORERS[layer].score(gold, pred, regions, tally, errors)
            else:
                empty = DocRecords(pred.id, pred.text_sha256, pred.scopes, text=pred.text)
                SPAN_SCORERS[layer].score(gold, empty, regions, tally, errors)
        if before is not None:
            # this document's headline counts: the tally's growth while scoring it (the
            # entities' are written in when their batch is scored)
            self.ids.append(gold.id)
            rows = self.rows
            for key, old in zip(self.heads, before, strict=True):
                new = tally.get(key, _ZERO)
                rows.extend([new[k] - old[k] for k in range(5)])  # type: ignore[union-attr]
        if errors:
            self.errors(gold, errors)  # type: ignore[misc]
        if len(self.entities) >= BATCH:
            self._score_entities()

    def _score_entities(self) -> None:
        docs, heads = self.entities.flush(self.tally)
        if self.rows is None or not docs:
            return
        table = np.frombuffer(self.rows, dtype=np.intc).reshape(-1, len(self.heads), 5)
        table[np.asarray(docs)[:, None], self.entity_heads] += heads.astype(np.intc)
        del table  # the array may grow again only once no view of it remains

    def result(self) -> Evaluation:
        ev = self.evaluation
        self._score_entities()
        # a layer no gold document annotates gets no figures at all, not a row of zeros
        unscored = {x for x in ev.layers if ev.unscored.get(x, 0) == ev.documents}
        for key in self.heads:
            if key.layer not in unscored:
                self.tally.setdefault(key, [0, 0, 0, 0, 0])
        ev.counts = {key: Counts.of(row) for key, row in sorted(self.tally.items())}
        if self.rows is not None and ev.documents:
            # resampled in document-id order, so that the order of the lines of a predictions
            # file changes no interval and every system sees the same resamples (paired)
            table = np.frombuffer(self.rows, dtype=np.intc).reshape(ev.documents, -1)
            order = sorted(range(ev.documents), key=self.ids.__getitem__)
            ordered = table[np.asarray(order)].tobytes()
            del table
            found = intervals(
                ordered, headline_keys(ev.layers), ev.documents, ev.bootstrap, ev.seed
            )
            ev.intervals = {k: v for k, v in found.items() if k in ev.counts}
        return ev


def evaluate_pairs(
    pairs: Iterable[tuple[DocRecords, DocRecords | None]],
    layers: Sequence[str] = SCORED_LAYERS,
    *,
    bootstrap: int = 1000,
    seed: int = 0,
    errors: ErrorSink | None = None,
    mentions: str = "names",
) -> Evaluation:
    """Score (gold, prediction or None) pairs; None scores as an empty prediction."""
    acc = Accumulator(layers, bootstrap=bootstrap, seed=seed, errors=errors, mentions=mentions)
    for gold, pred in pairs:
        acc.add(gold, pred)
    return acc.result()


def evaluate(
    gold: Path | Gold,
    predictions: Path,
    layers: Sequence[str] | None = None,
    *,
    bootstrap: int = 1000,
    seed: int = 0,
    errors: ErrorSink | None = None,
    validate_gold: bool = True,
    split: str | None = "auto",
    include_silver: bool = False,
    mentions: str = "names",
) -> Evaluation:
    """Score a predictions file against a corpus or release.

    ``split``: "auto" scores the test split when the gold has one (else every document), None
    or "all" every document, a name that split; predictions for documents of other splits are
    counted in ``outside_split`` and not scored. Only gold regions are scored unless
    ``include_silver``. ``mentions``: the entity mentions scored (:data:`MENTIONS`).

    ``layers`` defaults to the layers the first prediction predicts (docs/predictions.md); a
    prediction that does not predict every layer scored is refused.
    Gold documents without a prediction score as empty predictions and are listed in
    ``unpredicted``. A prediction for an unknown document, a second prediction for the same
    document, or one made on another text is refused. ``validate_gold`` False skips the schema
    checks of a corpus's gold files (see :class:`~newsanno.evaluate.sources.CorpusGold`)."""
    source = (
        gold
        if isinstance(gold, Gold)
        else open_gold(gold, validate_gold, split=split, include_silver=include_silver)
    )
    outside: list[str] = []
    stream = iter(_pairs(source, predictions, outside))
    first = next(stream, None)
    if layers is None:
        declared = first[1].scopes if first is not None and first[1] is not None else {}
        layers = [x for x in SCORED_LAYERS if x in declared] or list(SCORED_LAYERS)
    acc = Accumulator(layers, bootstrap=bootstrap, seed=seed, errors=errors, mentions=mentions)
    for gold_doc, pred, file in itertools.chain([first] if first else [], stream):
        if pred is not None:
            _check_predicted(gold_doc, pred, acc.evaluation.layers, file)
        acc.add(gold_doc, pred)
    result = acc.result()
    result.split = source.split
    result.outside_split = len(outside)
    return result


def _check_predicted(gold: DocRecords, pred: DocRecords, layers: Sequence[str], file: str) -> None:
    """A layer to score that a line does not predict would score as an empty prediction, all
    misses, wherever the gold document annotates it."""
    for layer in layers:
        if layer not in pred.scopes and layer in gold.scopes:
            raise fail(
                "pred-layer-not-predicted",
                file=file,
                doc_id=pred.id,
                layer=layer,
                declared=", ".join(pred.scopes) or "nothing",
            )


def _pairs(
    source: Gold, predictions: Path, outside: list[str]
) -> Iterable[tuple[DocRecords, DocRecords | None, str]]:
    seen: set[str] = set()
    for n, obj in read_predictions(predictions):
        file = f"{predictions}:{n}"
        doc_id = obj["id"]
        if doc_id in seen:
            raise fail("pred-duplicate-document", file=file, doc_id=doc_id)
        seen.add(doc_id)
        gold = source.get(doc_id)
        if gold is None:
            raise fail("pred-unknown-document", file=file, doc_id=doc_id)
        if not source.in_split(doc_id):
            outside.append(doc_id)
            continue
        pred = prediction_records(obj, gold, file)
        reason = problem_in(pred)
        if reason is not None:
            raise fail("pred-malformed", file=file, doc_id=doc_id, reason=reason)
        yield gold, pred, file
    for doc_id in source.ids():
        if doc_id not in seen:
            gold = source.get(doc_id)
            if gold is not None:
                yield gold, None, str(predictions)

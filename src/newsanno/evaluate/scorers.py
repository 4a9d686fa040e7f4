"""One scorer per layer: it compares one document's gold and predicted items (already cut to the
gold's annotated regions) and adds raw counts to a tally under :class:`~.keys.FigureKey` keys.
Optional error items say what was missed or wrong, for ``--errors``.

Entities have their own scorer (the SemEval-2013 schemes, :mod:`.entities`). Quotes, claims and
dates are long spans scored by one :class:`SpanScorer`, configured by what it compares. How
their figures map onto COR/INC/PAR/MIS/SPU (see :mod:`.counts`):

- span figures (``exact`` and ``overlap``; for dates TempEval-3's ``strict`` and ``relaxed``):
  aligned pairs are COR, unaligned gold MIS, unaligned predictions SPU;
- ``tokens``: word tokens shared by aligned pairs are COR, other gold tokens MIS, other predicted
  tokens SPU (token-overlap precision, recall, F1);
- attributes of overlap-aligned pairs (cue, speaker, claimant, type, value): right COR, wrong
  INC, unaligned MIS/SPU, so ``accuracy`` is accuracy on matched items and ``f1`` is
  TempEval-3's attribute F1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..model.labels import RESERVED_CLAIMANTS
from .align import Tokens, align, cluster_map
from .counts import Tally, add
from .entities import LAYER as ENTITIES
from .entities import SCHEMES
from .entity_batch import EntityBatch
from .keys import FigureKey, Metric
from .records import DocRecords, Mention, Regions
from .scope import in_scope


@dataclass(frozen=True, slots=True)
class ErrorItem:
    layer: str
    kind: str  # missed, spurious, incorrect
    start: int
    end: int
    detail: str


class LayerScorer(Protocol):
    """What reports need to know of a layer's figures (the scoring itself is
    :meth:`EntityScorer.collect` or :meth:`SpanScorer.score`)."""

    @property
    def layer(self) -> str: ...

    @property
    def figures(self) -> tuple[str, ...]:
        """The overall figures, in report order."""
        ...

    @property
    def headline(self) -> tuple[tuple[str, Metric], ...]:
        """The figures (and the metric of each) that get confidence intervals."""
        ...

    @property
    def by_label(self) -> bool:
        """Whether the figures are also counted per label (then averaged: macro F1)."""
        ...


def _unmatched_errors(
    layer: str,
    gold: Sequence[Any],
    pred: Sequence[Any],
    pairs: list[tuple[int, int, bool]],
    errors: list[ErrorItem] | None,
) -> None:
    if errors is None:
        return
    gold_hit = {j for j, _, _ in pairs}
    pred_hit = {i for _, i, _ in pairs}
    errors += [
        ErrorItem(layer, "missed", g[0], g[1], f"gold {g[2]}")
        for j, g in enumerate(gold)
        if j not in gold_hit
    ]
    errors += [
        ErrorItem(layer, "spurious", p[0], p[1], f"predicted {p[2]}")
        for i, p in enumerate(pred)
        if i not in pred_hit
    ]


class _Resolver:
    """Says whether a predicted cluster id names the same entity as a gold one."""

    def __init__(self, gold: DocRecords, pred: DocRecords) -> None:
        self.gold, self.pred = gold, pred
        self.map: dict[str, str] | None = None

    def same(self, gold_id: str | None, pred_id: str | None) -> bool:
        if gold_id is None or pred_id is None:
            return gold_id == pred_id
        if gold_id in RESERVED_CLAIMANTS or pred_id in RESERVED_CLAIMANTS:
            return gold_id == pred_id
        if self.map is None:  # built on first use: most documents never need it
            self.map = cluster_map(self.gold.entities, self.pred.entities)
            self.pred_clusters = {m.cluster for m in self.pred.entities}
        if pred_id in self.map:
            return self.map[pred_id] == gold_id
        # A cluster the prediction never mentions: taken to be a gold cluster id, as when an
        # extractor links speakers to the gold mentions it was given.
        return pred_id not in self.pred_clusters and pred_id == gold_id


class EntityScorer:
    """Entities are counted in batches of documents (:class:`.entity_batch.EntityBatch`):
    :meth:`collect` holds a document's mentions for the batch and reports its errors now."""

    layer = ENTITIES
    figures = SCHEMES
    headline: tuple[tuple[str, Metric], ...] = (("strict", "f1"), ("partial", "f1"))
    by_label = True

    def collect(
        self,
        gold: DocRecords,
        pred: DocRecords | None,
        regions: Regions,
        batch: EntityBatch,
        doc: int,
        errors: list[ErrorItem] | None,
        names_only: bool = True,
    ) -> None:
        """``pred`` None: the prediction does not predict entities (all missed).
        ``names_only``: only name mentions count, on both sides."""
        g = in_scope(_names(gold.entities) if names_only else gold.entities, regions)
        p = [] if pred is None else in_scope(pred.entities, regions)
        if names_only:
            p = _names(p)
        batch.add(doc, g, p)
        if errors is not None:
            pairs = align(g, p)
            _unmatched_errors(self.layer, g, p, pairs, errors)
            for j, i, exact in pairs:
                if not exact or g[j].label != p[i].label:
                    errors.append(
                        ErrorItem(
                            self.layer,
                            "incorrect",
                            g[j].start,
                            g[j].end,
                            f"gold {g[j].label} [{g[j].start}, {g[j].end}), predicted "
                            f"{p[i].label} [{p[i].start}, {p[i].end})",
                        )
                    )


def _names(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.mention_type == "name"]


def _matched(tally: Tally, key: FigureKey, matched: int, n_gold: int, n_pred: int) -> None:
    """Matched items COR, the other gold items MIS, the other predicted ones SPU."""
    add(tally, key, matched, 0, 0, n_gold - matched, n_pred - matched)


@dataclass(frozen=True, slots=True)
class Attribute:
    """A field of the layer's records compared on aligned pairs; it names its figure."""

    name: str
    entity: bool = False  # an entity cluster id: compared through the clusters' alignment
    reported: bool = False  # a wrong value is an ``incorrect`` error item (with the others)


@dataclass(frozen=True, slots=True)
class SpanScorer:
    """Quotes, claims, dates: spans aligned one to one (:func:`.align.align`), counted by
    boundaries, by overlap, optionally by shared word tokens, then by each attribute of the
    aligned pairs."""

    layer: str  # also the field of DocRecords holding the items
    exact: str  # figure of aligned pairs with the same boundaries
    overlap: str  # figure of all aligned pairs
    attributes: tuple[Attribute, ...]
    headline: tuple[tuple[str, Metric], ...]
    tokens: str | None = None  # figure of the word tokens aligned pairs share
    by_label = False

    @property
    def figures(self) -> tuple[str, ...]:
        spans = (self.exact, self.overlap, *((self.tokens,) if self.tokens else ()))
        return (*spans, *(a.name for a in self.attributes))

    def score(
        self,
        gold: DocRecords,
        pred: DocRecords,
        regions: Regions,
        tally: Tally,
        errors: list[ErrorItem] | None,
    ) -> None:
        layer = self.layer
        g = in_scope(getattr(gold, layer), regions)
        p = in_scope(getattr(pred, layer), regions)
        pairs = align(g, p)
        n_gold, n_pred, n_pairs = len(g), len(p), len(pairs)
        n_exact = sum(exact for _, _, exact in pairs)
        _matched(tally, FigureKey(layer, self.exact), n_exact, n_gold, n_pred)
        _matched(tally, FigureKey(layer, self.overlap), n_pairs, n_gold, n_pred)
        if self.tokens:
            tokens = Tokens(gold.text or "", ((x.start, x.end) for x in (*g, *p)))
            shared = sum(
                tokens.count(max(g[j].start, p[i].start), min(g[j].end, p[i].end))
                for j, i, _ in pairs
            )
            in_gold = sum(tokens.count(x.start, x.end) for x in g)
            in_pred = sum(tokens.count(x.start, x.end) for x in p)
            _matched(tally, FigureKey(layer, self.tokens), shared, in_gold, in_pred)
        resolver = _Resolver(gold, pred)
        reported = [a.name for a in self.attributes if a.reported]
        right = dict.fromkeys((a.name for a in self.attributes), 0)
        for j, i, _ in pairs:
            gx, px = g[j], p[i]
            wrong = False
            for a in self.attributes:
                want, got = getattr(gx, a.name), getattr(px, a.name)
                ok = resolver.same(want, got) if a.entity else want == got
                right[a.name] += ok
                wrong |= a.reported and not ok
            if errors is not None and wrong:
                detail = "; ".join(
                    f"{name} gold {getattr(gx, name)} predicted {getattr(px, name)}"
                    for name in reported
                )
                errors.append(ErrorItem(layer, "incorrect", gx.start, gx.end, detail))
        for name, n_right in right.items():
            add(
                tally,
                FigureKey(layer, name),
                n_right,
                n_pairs - n_right,
                0,
                n_gold - n_pairs,
                n_pred - n_pairs,
            )
        _unmatched_errors(layer, g, p, pairs, errors)


QUOTES = SpanScorer(
    "quotes",
    exact="exact",
    overlap="overlap",
    tokens="tokens",
    attributes=(
        Attribute("cue", reported=True),
        Attribute("speaker", entity=True, reported=True),
        Attribute("type"),
    ),
    headline=(("exact", "f1"), ("tokens", "f1"), ("speaker", "accuracy")),
)
CLAIMS = SpanScorer(
    "claims",
    exact="exact",
    overlap="overlap",
    attributes=(Attribute("claimant", entity=True, reported=True),),
    headline=(("overlap", "f1"), ("claimant", "accuracy")),
)
# TempEval-3: strict and relaxed match, then type and value of the relaxed matches
DATES = SpanScorer(
    "dates",
    exact="strict",
    overlap="relaxed",
    attributes=(Attribute("type"), Attribute("value", reported=True)),
    headline=(("relaxed", "f1"), ("value", "f1")),
)

ENTITY_SCORER = EntityScorer()
SPAN_SCORERS: dict[str, SpanScorer] = {s.layer: s for s in (QUOTES, CLAIMS, DATES)}
SCORERS: dict[str, LayerScorer] = {ENTITIES: ENTITY_SCORER, **SPAN_SCORERS}

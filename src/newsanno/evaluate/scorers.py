"""One scorer per layer, each a small strategy: it compares one document's gold and predicted
items (already cut to the gold's annotated regions) and adds raw counts to a tally under
``<layer>/<figure>`` keys. Optional error items say what was missed or wrong, for ``--errors``.

How the non-NER figures map onto COR/INC/PAR/MIS/SPU (see :mod:`.counts`):

- span figures (``exact``, ``overlap``, dates ``strict``/``relaxed``): aligned pairs are COR,
  unaligned gold MIS, unaligned predictions SPU;
- ``tokens``: word tokens shared by aligned pairs are COR, other gold tokens MIS, other predicted
  tokens SPU (token-overlap precision, recall, F1);
- attributes of overlap-aligned pairs (cue, speaker, claimant, type, value): right COR, wrong
  INC, unaligned MIS/SPU, so ``accuracy`` is accuracy on matched items and ``f1`` is
  TempEval-3's attribute F1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from ..model.labels import RESERVED_CLAIMANTS
from .align import align, cluster_map, count_tokens
from .counts import COR, INC, MIS, SPU
from .entities import SCHEMES, Tally, score_entities
from .records import DocRecords, Regions
from .scope import in_scope


@dataclass(frozen=True, slots=True)
class ErrorItem:
    layer: str
    kind: str  # missed, spurious, incorrect
    start: int
    end: int
    detail: str


class LayerScorer(Protocol):
    layer: ClassVar[str]
    figures: ClassVar[tuple[str, ...]]
    headline: ClassVar[tuple[str, ...]]

    def score(
        self,
        gold: DocRecords,
        pred: DocRecords,
        regions: Regions,
        tally: Tally,
        errors: list[ErrorItem] | None,
    ) -> None: ...


def _row(tally: Tally, key: str) -> list[int]:
    row = tally.get(key)
    if row is None:
        row = tally[key] = [0, 0, 0, 0, 0]
    return row


def _spans(tally: Tally, key: str, n_gold: int, n_pred: int, matched: int) -> None:
    row = _row(tally, key)
    row[COR] += matched
    row[MIS] += n_gold - matched
    row[SPU] += n_pred - matched


def _attribute(tally: Tally, key: str, n_gold: int, n_pred: int, right: int, matched: int) -> None:
    row = _row(tally, key)
    row[COR] += right
    row[INC] += matched - right
    row[MIS] += n_gold - matched
    row[SPU] += n_pred - matched


def _unmatched_errors(
    layer: str, gold: list, pred: list, pairs: list, errors: list[ErrorItem] | None
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
    layer: ClassVar[str] = "entities"
    figures: ClassVar[tuple[str, ...]] = SCHEMES
    headline: ClassVar[tuple[str, ...]] = ("strict", "partial")

    def score(self, gold, pred, regions, tally, errors) -> None:  # type: ignore[no-untyped-def]
        g = in_scope(gold.entities, regions)
        p = in_scope(pred.entities, regions)
        score_entities(g, p, tally)
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


class QuoteScorer:
    layer: ClassVar[str] = "quotes"
    figures: ClassVar[tuple[str, ...]] = ("exact", "overlap", "tokens", "cue", "speaker", "type")
    headline: ClassVar[tuple[str, ...]] = ("exact", "tokens", "speaker")

    def score(self, gold, pred, regions, tally, errors) -> None:  # type: ignore[no-untyped-def]
        g = in_scope(gold.quotes, regions)
        p = in_scope(pred.quotes, regions)
        pairs = align(g, p)
        n_exact = sum(exact for _, _, exact in pairs)
        _spans(tally, "quotes/exact", len(g), len(p), n_exact)
        _spans(tally, "quotes/overlap", len(g), len(p), len(pairs))
        text = gold.text or ""
        shared = sum(
            count_tokens(text, max(g[j].start, p[i].start), min(g[j].end, p[i].end))
            for j, i, _ in pairs
        )
        row = _row(tally, "quotes/tokens")
        row[COR] += shared
        row[MIS] += sum(count_tokens(text, q.start, q.end) for q in g) - shared
        row[SPU] += sum(count_tokens(text, q.start, q.end) for q in p) - shared
        resolver = _Resolver(gold, pred)
        cue = speaker = qtype = 0
        for j, i, _ in pairs:
            gq, pq = g[j], p[i]
            cue_ok = gq.cue == pq.cue
            speaker_ok = resolver.same(gq.speaker, pq.speaker)
            cue += cue_ok
            speaker += speaker_ok
            qtype += gq.type == pq.type
            if errors is not None and not (cue_ok and speaker_ok):
                errors.append(
                    ErrorItem(
                        self.layer,
                        "incorrect",
                        gq.start,
                        gq.end,
                        f"cue gold {gq.cue} predicted {pq.cue}; speaker gold {gq.speaker} "
                        f"predicted {pq.speaker}",
                    )
                )
        _attribute(tally, "quotes/cue", len(g), len(p), cue, len(pairs))
        _attribute(tally, "quotes/speaker", len(g), len(p), speaker, len(pairs))
        _attribute(tally, "quotes/type", len(g), len(p), qtype, len(pairs))
        _unmatched_errors(self.layer, g, p, pairs, errors)


class ClaimScorer:
    layer: ClassVar[str] = "claims"
    figures: ClassVar[tuple[str, ...]] = ("exact", "overlap", "claimant")
    headline: ClassVar[tuple[str, ...]] = ("overlap", "claimant")

    def score(self, gold, pred, regions, tally, errors) -> None:  # type: ignore[no-untyped-def]
        g = in_scope(gold.claims, regions)
        p = in_scope(pred.claims, regions)
        pairs = align(g, p)
        _spans(tally, "claims/exact", len(g), len(p), sum(e for _, _, e in pairs))
        _spans(tally, "claims/overlap", len(g), len(p), len(pairs))
        resolver = _Resolver(gold, pred)
        right = 0
        for j, i, _ in pairs:
            ok = resolver.same(g[j].claimant, p[i].claimant)
            right += ok
            if errors is not None and not ok:
                errors.append(
                    ErrorItem(
                        self.layer,
                        "incorrect",
                        g[j].start,
                        g[j].end,
                        f"claimant gold {g[j].claimant} predicted {p[i].claimant}",
                    )
                )
        _attribute(tally, "claims/claimant", len(g), len(p), right, len(pairs))
        _unmatched_errors(self.layer, g, p, pairs, errors)


class DateScorer:
    layer: ClassVar[str] = "dates"
    figures: ClassVar[tuple[str, ...]] = ("strict", "relaxed", "type", "value")
    headline: ClassVar[tuple[str, ...]] = ("relaxed", "value")

    def score(self, gold, pred, regions, tally, errors) -> None:  # type: ignore[no-untyped-def]
        g = in_scope(gold.dates, regions)
        p = in_scope(pred.dates, regions)
        pairs = align(g, p)
        _spans(tally, "dates/strict", len(g), len(p), sum(e for _, _, e in pairs))
        _spans(tally, "dates/relaxed", len(g), len(p), len(pairs))
        types = values = 0
        for j, i, _ in pairs:
            types += g[j].type == p[i].type
            value_ok = g[j].value == p[i].value
            values += value_ok
            if errors is not None and not value_ok:
                errors.append(
                    ErrorItem(
                        self.layer,
                        "incorrect",
                        g[j].start,
                        g[j].end,
                        f"value gold {g[j].value} predicted {p[i].value}",
                    )
                )
        _attribute(tally, "dates/type", len(g), len(p), types, len(pairs))
        _attribute(tally, "dates/value", len(g), len(p), values, len(pairs))
        _unmatched_errors(self.layer, g, p, pairs, errors)


SCORERS: dict[str, LayerScorer] = {
    s.layer: s for s in (EntityScorer(), QuoteScorer(), ClaimScorer(), DateScorer())
}

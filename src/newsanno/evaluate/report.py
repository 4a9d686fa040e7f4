"""An evaluation as data (JSON) or as Markdown tables; nothing here computes a figure."""

from __future__ import annotations

from typing import Any

from ..errors import excerpt, printable
from .counts import FIELDS
from .evaluator import Evaluation, headline_keys
from .keys import FigureKey
from .records import DocRecords
from .scorers import SCORERS, ErrorItem

CONTEXT = 40


def macro(ev: Evaluation, key: FigureKey) -> float | None:
    """Mean F1 of an overall figure over the labels seen in the gold or the predictions."""
    f1s = [ev.figure(k)["f1"] for k in ev.counts if k.label and k.overall == key]
    return sum(f1s) / len(f1s) if f1s else None


def _ordered(ev: Evaluation) -> list[FigureKey]:
    """Overall figure keys in layer order, each layer's figures in its scorer's order."""
    keys = [FigureKey(layer, fig) for layer in ev.layers for fig in SCORERS[layer].figures]
    return [k for k in keys if k in ev.counts]


def as_dict(ev: Evaluation) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for key, counts in ev.counts.items():
        entry: dict[str, Any] = {**counts.as_dict(), **counts.figures()}
        if key in ev.intervals:
            entry["ci95"] = list(ev.intervals[key])
        figures[str(key)] = entry
    labelled = sorted(k for k in ev.counts if not k.label and SCORERS[k.layer].by_label)
    return {
        "documents": ev.documents,
        "split": ev.split,
        "predictions_outside_split": ev.outside_split,
        "layers": ev.layers,
        "entity_mentions": ev.mentions,
        "unpredicted_documents": len(ev.unpredicted),
        "unscored_documents": ev.unscored,
        "bootstrap": {"resamples": ev.bootstrap, "seed": ev.seed},
        "headline": [{"figure": str(k), "metric": m} for k, m in headline_keys(ev.layers)],
        "macro_f1": {str(k): macro(ev, k) for k in labelled},
        "figures": figures,
    }


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}"


def _split(ev: Evaluation) -> str:
    return "every split" if ev.split is None else f"split {ev.split}"


def as_markdown(ev: Evaluation) -> str:
    lines = [
        f"{ev.documents} documents ({_split(ev)}); layers: {', '.join(ev.layers)}; "
        f"{len(ev.unpredicted)} without a prediction (scored as empty)",
    ]
    if ev.outside_split:
        lines.append(f"{ev.outside_split} predictions for documents of other splits: not scored")
    if "entities" in ev.layers:
        lines.append(
            "entity mentions scored: names only (nominals and pronouns left out; --mentions all "
            "scores them)"
            if ev.mentions == "names"
            else "entity mentions scored: all (names, nominals and pronouns)"
        )
    for layer, n in sorted(ev.unscored.items()):
        if n == ev.documents:
            lines.append(f"no gold document annotates {layer}: {layer} is not scored")
        else:
            lines.append(f"{n} documents do not annotate {layer}: not scored there")
    lines += [
        "",
        "| figure | P | R | F1 | accuracy | 95% CI | "
        + " | ".join(f.upper() for f in FIELDS)
        + " |",
        "|---|--:|--:|--:|--:|---|" + "--:|" * len(FIELDS),
    ]
    for key in _ordered(ev):
        counts = ev.counts[key]
        f = counts.figures()
        ci = ev.intervals.get(key)
        cells = [
            str(key),
            _pct(f["precision"]),
            _pct(f["recall"]),
            _pct(f["f1"]),
            _pct(f["accuracy"]),
            f"{_pct(ci.low)}-{_pct(ci.high)}" if ci else "",
            *(str(getattr(counts, x)) for x in FIELDS),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    for layer in ev.layers:
        lines += _by_label(ev, layer)
    lines.append(f"\nbootstrap: {ev.bootstrap} paired resamples of documents, seed {ev.seed}")
    return "\n".join(lines) + "\n"


def _by_label(ev: Evaluation, layer: str) -> list[str]:
    """Per-label rows of the layer's first figure, and each figure's macro F1."""
    scorer = SCORERS[layer]
    first = FigureKey(layer, scorer.figures[0])
    labels = [k for k in ev.counts if k.label and k.overall == first] if scorer.by_label else []
    if not labels:
        return []
    lines = ["", f"| {layer} ({first.figure}) by label | P | R | F1 | COR | INC | MIS | SPU |"]
    lines.append("|---|--:|--:|--:|--:|--:|--:|--:|")
    for key in labels:
        c, f = ev.counts[key], ev.figure(key)
        lines.append(
            f"| {key.label} | {_pct(f['precision'])} | {_pct(f['recall'])} | "
            f"{_pct(f['f1'])} | {c.cor} | {c.inc} | {c.mis} | {c.spu} |"
        )
    macros = [(s, macro(ev, FigureKey(layer, s))) for s in scorer.figures]
    lines.append("")
    lines.append(
        "macro F1 over labels: " + ", ".join(f"{s} {_pct(m)}" for s, m in macros if m is not None)
    )
    return lines


ERRORS_HEADER = "id\tlayer\tkind\tspan\tcontext\tdetail\n"


def render_errors(gold: DocRecords, items: list[ErrorItem]) -> str:
    """Each miss, spurious or wrong item of one document, shown in its context, one per line
    under :data:`ERRORS_HEADER` (tab-separated): the detail names the gold label of a miss, the
    predicted label of a spurious item, both for an incorrect one. In the context a tab or a
    newline is a space, and any other character that is not printable (CR, ESC, U+2028, U+202E)
    is escaped as in problem lines (in the detail as well, a predicted value among it): a row
    stays one row, and the text cannot drive a terminal."""
    text = gold.text or ""
    out = []
    for e in sorted(items, key=lambda e: (e.layer, e.start, e.kind)):
        left = text[max(0, e.start - CONTEXT) : e.start].replace("\n", " ")
        mid = excerpt(text[e.start : e.end]).replace("\n", " ")
        right = text[e.end : e.end + CONTEXT].replace("\n", " ")
        where = f"[{e.start}, {e.end})"
        context = printable(f"...{left}[[{mid}]]{right}...".replace("\t", " "))
        out.append(f"{gold.id}\t{e.layer}\t{e.kind}\t{where}\t{context}\t{printable(e.detail)}")
    return "\n".join(out) + "\n"

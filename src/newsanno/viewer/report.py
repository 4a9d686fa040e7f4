"""The corpus report page: documents per split, label distributions per layer (charts and
tables), sources and licences, evaluation results when given, and the documents that failed.

Counts come from :class:`newsanno.release.stats.Stats`, the same numbers ``newsanno stats`` prints
and the dataset card carries; evaluation results are the JSON that ``newsanno evaluate --format
json`` writes (:func:`newsanno.evaluate.report.as_dict`). Keys the page does not know are shown
as JSON rather than dropped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..corpus.reader import parse_json
from ..errors import NewsannoError, Problem, fail
from ..evaluate.keys import FigureKey
from ..model.layers import layer_names
from ..release.stats import Stats
from .charts import bar_chart
from .page import esc, page
from .palette import ENTITY_COLOURS, LAYER_COLOURS, OTHER_COLOUR

EVAL_KNOWN = (
    "documents",
    "layers",
    "unpredicted_documents",
    "unscored_documents",
    "bootstrap",
    "headline",
    "macro_f1",
    "figures",
)
COUNT_FIELDS = ("cor", "inc", "par", "mis", "spu")


def _table(head: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int = 1) -> str:
    """A table; cells from column ``numeric_from`` on are right-aligned. Cells are escaped."""
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    th = f"<tr>{th}</tr>" if head else ""
    body = []
    for row in rows:
        cells = [
            f'<td class="n">{esc(c)}</td>' if i >= numeric_from else f"<td>{esc(c)}</td>"
            for i, c in enumerate(row)
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f'<div class="scroll"><table>{th}{"".join(body)}</table></div>'


def counts_section(stats: Stats) -> str:
    splits = list(stats.documents.items())
    parts = ["<h2>Documents</h2>"]
    parts.append(_table(["split", "documents"], [*splits, ("total", sum(n for _, n in splits))]))
    parts.append("<h2>Annotations per layer and label</h2><div class='charts'>")
    tables = []
    for layer in layer_names():
        items = sorted(((k[1], n) for k, n in stats.labels.items() if k[0] == layer), key=_order)
        if not items:
            continue
        colour = (lambda label: ENTITY_COLOURS.get(label, "#ccc")) if layer == "entities" else None
        colour = colour or LAYER_COLOURS.get(layer, OTHER_COLOUR)
        parts.append(bar_chart(items, title=layer, colour=colour))
        tables += [(layer, k, n) for k, n in items]
    parts.append("</div>")
    parts.append(_table(["layer", "label", "annotations"], tables, numeric_from=2))
    licences = [(*k, n) for k, n in sorted(stats.licenses.items())]
    if licences:
        head = ["source", "licence", "rights holder", "attribution", "redistribution", "documents"]
        parts.append("<h2>Sources and licences</h2>")
        parts.append(_table(head, licences, numeric_from=5))
    return "\n".join(parts)


def _order(item: tuple[str, int]) -> tuple[int, str]:
    """Most frequent first, then by name, so charts read as distributions."""
    return (-item[1], item[0])


# --- evaluation ---------------------------------------------------------------------------------


def read_evaluation(path: Path) -> dict[str, Any]:
    """The JSON object ``newsanno evaluate --format json`` writes; anything else is refused."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("file-not-found", file=str(path), path=str(path)) from None
    raw, problems = parse_json(data, file=str(path))
    if problems:
        raise NewsannoError(problems)
    if not isinstance(raw, dict):
        raise fail("bad-evaluation", file=str(path), reason="the top level is not a JSON object")
    reason = _shape_problem(raw)
    if reason is not None:
        raise fail("bad-evaluation", file=str(path), reason=reason)
    return raw


def _shape_problem(raw: dict[str, Any]) -> str | None:
    """What in ``raw`` has another shape than ``evaluate`` writes (the page reads it as such)."""
    figures = raw.get("figures", {})
    if not isinstance(figures, dict) or not all(isinstance(v, dict) for v in figures.values()):
        return "'figures' is not an object of objects"
    for key in ("macro_f1", "unscored_documents", "bootstrap"):
        if not isinstance(raw.get(key) or {}, dict):
            return f"{key!r} is not an object"
    for key in ("layers", "headline"):
        if not isinstance(raw.get(key, []), list):
            return f"{key!r} is not a list"
    for h in raw.get("headline", []):
        if not isinstance(h, dict) or not all(
            isinstance(h.get(k), str) for k in ("figure", "metric")
        ):
            return "a 'headline' entry is not an object with a figure and a metric"
        value = figures.get(h["figure"], {}).get(h["metric"], 0.0)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return f"figure {h['figure']!r} {h['metric']} is {value!r}, not a number"
    return None


def _pct(value: object) -> str:
    return f"{100 * value:.1f}" if isinstance(value, int | float) else ""


def _ci(entry: dict[str, Any]) -> str:
    ci = entry.get("ci95")
    if isinstance(ci, list) and len(ci) == 2:
        return f"{_pct(ci[0])}–{_pct(ci[1])}"
    return ""


def evaluation_section(ev: dict[str, Any]) -> str:
    figures: dict[str, dict[str, Any]] = ev.get("figures", {})
    parts = ["<h2>Evaluation</h2>"]
    summary = [
        ("documents", ev.get("documents", "")),
        ("layers", ", ".join(map(str, ev.get("layers", [])))),
        ("documents without a prediction", ev.get("unpredicted_documents", "")),
    ]
    for layer, n in (ev.get("unscored_documents") or {}).items():
        summary.append((f"documents not annotating {layer}", n))
    boot = ev.get("bootstrap") or {}
    if boot:
        summary.append(("bootstrap", f"{boot.get('resamples')} resamples, seed {boot.get('seed')}"))
    parts.append(_table([], summary, numeric_from=2))
    headline = [
        (h["figure"], h["metric"]) for h in ev.get("headline", []) if h.get("figure") in figures
    ]
    if headline:
        items = [(f"{k} ({m})", float(figures[k].get(m, 0.0))) for k, m in headline]
        parts.append(
            bar_chart(items, title="headline figures", scale=1.0, fmt=lambda v: f"{100 * v:.1f}%")
        )
    macro = {k: v for k, v in (ev.get("macro_f1") or {}).items() if v is not None}
    if macro:
        parts.append(_table(["scheme", "macro F1"], [(k, _pct(v)) for k, v in macro.items()]))
    head = ["figure", "P", "R", "F1", "accuracy", "95% CI", *(f.upper() for f in COUNT_FIELDS)]

    def row(key: str, e: dict[str, Any]) -> list[object]:
        pct = [_pct(e.get(m)) for m in ("precision", "recall", "f1", "accuracy")]
        return [key, *pct, _ci(e), *(e.get(f, "") for f in COUNT_FIELDS)]

    overall = [row(k, e) for k, e in figures.items() if not FigureKey.parse(k).label]
    by_label = [row(k, e) for k, e in figures.items() if FigureKey.parse(k).label]
    if overall:
        parts.append(_table(head, overall))
    if by_label:
        parts.append("<h3>By label</h3>" + _table(head, by_label))
    rest = {k: v for k, v in ev.items() if k not in EVAL_KNOWN}
    if rest:
        dump = json.dumps(rest, indent=2, ensure_ascii=False)
        parts.append(f"<h3>Other results</h3><pre>{esc(dump)}</pre>")
    return "\n".join(parts)


def problems_section(problems: Sequence[Problem]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li><code>{esc(p.render())}</code></li>" for p in problems)
    return f'<h2>Documents not shown</h2><ul class="problems">{items}</ul>'


def render_report(
    stats: Stats,
    *,
    title: str,
    evaluation: dict[str, Any] | None = None,
    problems: Sequence[Problem] = (),
    nav: str = "",
) -> str:
    body = [f'<div class="page"><header>{nav}<h1>{esc(title)}</h1></header>']
    body.append(counts_section(stats))
    if evaluation is not None:
        body.append(evaluation_section(evaluation))
    body.append(problems_section(problems))
    body.append("</div>")
    return page(title, "\n".join(body), script=False)

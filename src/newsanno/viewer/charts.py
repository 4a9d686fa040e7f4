"""Hand-written SVG bar charts, inline in the page: a chart library (or one from a CDN) would
break the no-network rule or add a large dependency for a few rectangles."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

ROW = 22
CHAR_WIDTH = 8.5  # a generous advance of a 12px sans-serif capital
BAR_WIDTH = 300
VALUE_WIDTH = 70


def _count(value: float) -> str:
    return f"{value:,.0f}"


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    colour: str | Callable[[str], str] = "#3a7bd5",
    scale: float | None = None,
    fmt: Callable[[float], str] = _count,
) -> str:
    """Horizontal bars, one per (label, value); ``scale`` fixes the full-width value (1.0 for
    ratios), else the largest value fills the width. Labels and title are escaped."""
    top = scale if scale is not None else max((v for _, v in items), default=0) or 1
    label_width = round(8 + CHAR_WIDTH * max((len(label) for label, _ in items), default=4))
    width = label_width + BAR_WIDTH + VALUE_WIDTH
    height = ROW * len(items) + 28
    out = [
        f'<svg class="chart" role="img" width="{width}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="sans-serif">',
        f"<title>{html.escape(title)}</title>",
        f'<text x="0" y="14" font-weight="600">{html.escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 24 + i * ROW
        length = max(0.0, min(1.0, value / top)) * BAR_WIDTH
        fill = colour(label) if callable(colour) else colour
        text_y = y + 14
        out += [
            f'<text x="{label_width - 6}" y="{text_y}" text-anchor="end">'
            f"{html.escape(label)}</text>",
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{ROW - 6}" '
            f'fill="{html.escape(fill)}" stroke="rgba(0,0,0,.25)"/>',
            f'<text x="{label_width + length + 4:.1f}" y="{text_y}">'
            f"{html.escape(fmt(value))}</text>",
        ]
    out.append("</svg>")
    return "".join(out)

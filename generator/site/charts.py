"""Small, static, accessible SVG bar charts, drawn at build time (no script, nothing loaded).

Each chart is inline SVG with role="img", a <title> and a <desc> naming every value, so a screen
reader reads the figures; templates put the same data in a table beside it. No charting library
fits "static, offline, accessible, a few bars" better than these few lines: the ones on PyPI
render to canvas in the browser or pull in a plotting stack to write an image.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..thai.text import display_width, format_number
from ..thai.words import segment_with_spaces

ROW = 28  # px per bar
LABEL_WIDTH = 0.42  # share of the width for labels
LABEL_COLUMNS = 30  # longer labels are shortened in the chart (the table and <desc> keep them whole)
_ID = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str = ""  # the value as shown; default: the number itself
    css: str = ""  # extra class for the bar (e.g. rer-routine), so colours come from the stylesheet


def short_label(label: str, columns: int = LABEL_COLUMNS) -> str:
    """label cut at a word boundary to fit columns (Thai marks take no column), with an ellipsis."""
    if display_width(label) <= columns:
        return label
    kept = ""
    for word in segment_with_spaces(label):
        if display_width(kept + word) > columns - 1:
            break
        kept += word
    return (kept.rstrip() or label[: columns - 1]) + "…"


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, width: int = 640, unit: str = "") -> str:
    """A horizontal bar chart as an SVG string; bars scale to the largest value."""
    chart_id = _ID.sub("-", chart_id.lower()).strip("-")
    top = max((b.value for b in bars), default=0) or 1
    label_width = int(width * LABEL_WIDTH)
    value_width = 70
    bar_room = width - label_width - value_width
    height = max(1, len(bars)) * ROW + 8
    described = "; ".join(
        f"{b.label}: {b.display or format_number(b.value)}{(' ' + unit) if unit else ''}" for b in bars
    )
    parts = [
        f'<svg class="moi-chart" id="{chart_id}" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{html.escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{html.escape(described)}</desc>',
    ]
    for row, bar in enumerate(bars):
        y = 4 + row * ROW
        length = 0 if bar.value <= 0 else max(2, round(bar_room * bar.value / top))
        css = f"moi-chart__bar {bar.css}".strip()
        parts.append(
            f'<text class="moi-chart__label" x="{label_width - 8}" y="{y + ROW / 2 + 5:.0f}" '
            f'text-anchor="end"><title>{html.escape(bar.label)}</title>{html.escape(short_label(bar.label))}</text>'
            f'<rect class="{css}" x="{label_width}" y="{y + 4}" width="{length}" height="{ROW - 10}" rx="3"/>'
            f'<text class="moi-chart__value" x="{label_width + length + 6}" y="{y + ROW / 2 + 5:.0f}">'
            f"{html.escape(bar.display or format_number(bar.value))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)

"""Small, static, accessible bar charts, drawn at build time (no script, nothing loaded).

A chart is HTML: a <figure> whose rows are a label, a bar and the value. Only the bar is SVG
(a rectangle stretched to its share of the row), so the words stay real text at the page's own
size: an SVG chart scales its text with its width, and a chart drawn for a desktop had 6–8 px
labels on a phone and cut long PMQA names off. A screen reader reads each row as written; the
overview puts the same figures in a table beside it too. No charting library fits "static,
offline, accessible, a few bars" better than these few lines: the ones on PyPI render to canvas
in the browser or pull in a plotting stack to write an image.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..thai.text import display_width, format_number

SHORT_LABEL = 12  # columns: a label this short shares its row with the bar on a phone
_ID = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str = ""  # the value as shown; default: the number itself
    css: str = ""  # extra class for the bar (e.g. moi-chart__bar--routine): colours come from the stylesheet


def chart_id(name: str) -> str:
    """name as an HTML id: lower case letters, digits and hyphens."""
    return _ID.sub("-", name.lower()).strip("-")


def bar_chart(name: str, title: str, bars: Sequence[Bar], *, unit: str = "", caption: bool = True) -> str:
    """A horizontal bar chart as an HTML <figure>; bars scale to the largest value.

    With caption the title is the figure's visible caption; without, it only names the figure
    for screen readers (the page shows it as the section's heading already)."""
    figure_id = chart_id(name)
    top = max((b.value for b in bars), default=0) or 1
    escaped = html.escape(title)
    # On a phone, labels longer than a short column (PMQA names) take a line of their own.
    long = any(display_width(b.label) > SHORT_LABEL for b in bars)
    css = "moi-chart moi-chart--long-labels" if long else "moi-chart"
    if caption:
        parts = [
            f'<figure class="{css}" id="{figure_id}" aria-labelledby="{figure_id}-title">',
            f'<figcaption class="moi-chart__title" id="{figure_id}-title">{escaped}</figcaption>',
        ]
    else:
        parts = [f'<figure class="{css}" id="{figure_id}" aria-label="{escaped}">']
    parts.append('<ul class="moi-chart__rows">')
    for bar in bars:
        share = 0.0 if bar.value <= 0 else max(0.5, 100 * bar.value / top)
        css = f"moi-chart__bar {bar.css}".strip()
        value = html.escape(bar.display or format_number(bar.value)) + (f" {html.escape(unit)}" if unit else "")
        parts.append(
            f'<li class="moi-chart__row"><span class="moi-chart__label">{html.escape(bar.label)}</span>'
            f'<svg class="moi-chart__track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect class="{css}" width="{share:.2f}" height="10"/></svg>'
            f'<span class="moi-chart__value">{value}</span></li>'
        )
    parts.append("</ul></figure>")
    return "".join(parts)

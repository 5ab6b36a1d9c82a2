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


def target_chart(
    title: str,
    years: Sequence[tuple[str, float | None, float | None]],
    *,
    unit: str = "",
    higher_is_better: bool = True,
) -> str:
    """An indicator over several years as a small SVG <figure>: a bar for each year's result, its
    value above it, and the targets as a dashed line with a mark on each year. A result that met
    its target (by the indicator's direction) is solid, one that missed it an outline, so the chart
    reads the same printed in black and white. years: (label, target, result), oldest first."""
    width, height, top, bottom, side = 240, 120, 16, 20, 6
    values = [v for _, target, result in years for v in (target, result) if v is not None]
    highest = max(values, default=0) * 1.15 or 1
    slot = (width - 2 * side) / max(len(years), 1)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - max(value, 0) / highest)

    parts = [
        f'<svg class="moi-target-chart__plot" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{html.escape(_chart_summary(title, years, unit))}">',
        f'<line class="moi-target-chart__axis" x1="{side}" x2="{width - side}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>',
    ]
    targets = []
    for index, (label, target, result) in enumerate(years):
        centre = side + slot * (index + 0.5)
        if result is not None:
            met = target is None or (result >= target if higher_is_better else result <= target)
            css = "moi-target-chart__bar" + ("" if met else " moi-target-chart__bar--missed")
            bar = slot * 0.5
            # The value at the foot of its bar, where no target mark can cover it; above a bar
            # too short to hold it.
            inside = y(0) - y(result) >= 14
            label_y, label_css = (
                (y(0) - 4, " moi-target-chart__value--inside" if met else "") if inside else (y(result) - 3, "")
            )
            parts.append(
                f'<rect class="{css}" x="{centre - bar / 2:.1f}" y="{y(result):.1f}" width="{bar:.1f}" '
                f'height="{y(0) - y(result):.1f}"/>'
                f'<text class="moi-target-chart__value{label_css}" x="{centre:.1f}" y="{label_y:.1f}">'
                f"{html.escape(format_number(result))}</text>"
            )
        if target is not None:
            targets.append((centre, y(target)))
        parts.append(
            f'<text class="moi-target-chart__year" x="{centre:.1f}" y="{height - 6}">{html.escape(label)}</text>'
        )
    if targets:
        points = " ".join(f"{x:.1f},{ty:.1f}" for x, ty in targets)
        parts.append(f'<polyline class="moi-target-chart__target" points="{points}"/>')
        mark = slot * 0.6
        parts += [
            f'<rect class="moi-target-chart__mark" x="{x - mark / 2:.1f}" y="{ty - 1:.1f}" '
            f'width="{mark:.1f}" height="2"/>'
            for x, ty in targets
        ]
    parts.append("</svg>")
    direction = "↑ ยิ่งมากยิ่งดี" if higher_is_better else "↓ ยิ่งน้อยยิ่งดี"
    legend = (
        '<figcaption class="moi-target-chart__legend"><span class="moi-target-chart__key">▮ ผล</span> '
        '<span class="moi-target-chart__key moi-target-chart__key--missed">▯ ผลที่ไม่ถึงเป้าหมาย</span> '
        '<span class="moi-target-chart__key moi-target-chart__key--target">– – เป้าหมาย</span> '
        f"<span>{html.escape(direction)}</span>{f' · หน่วย: {html.escape(unit)}' if unit else ''}</figcaption>"
    )
    return f'<figure class="moi-target-chart">{"".join(parts)}{legend}</figure>'


def _chart_summary(title: str, years: Sequence[tuple[str, float | None, float | None]], unit: str) -> str:
    told = []
    for label, target, result in years:
        said = f"ปี {label}: ผล {format_number(result) if result is not None else 'ไม่มีข้อมูล'}"
        told.append(said + (f" เป้าหมาย {format_number(target)}" if target is not None else ""))
    return f"{title}{f' ({unit})' if unit else ''} — " + "; ".join(told)

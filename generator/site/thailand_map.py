"""A map of Thailand coloured by stories per province, drawn at build time as inline SVG.

The outlines are packaged with moinext (generator/data/thailand-map.json, made by
scripts/make_map.py from @svg-maps/thailand, CC BY 4.0, based on MapSVG); the credit is printed
under the map. Nothing is loaded and no script runs: each province is a link to its page, named
for screen readers and keyboard users ("เชียงใหม่: 3 เรื่อง"), and the legend says what each
shade means in words, so the colour is never the only sign.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..places import province_name
from ..thai.text import format_number

MAP_FILE = Path(__file__).resolve().parent.parent / "data" / "thailand-map.json"
SHADES = 4  # shades for provinces with stories; a fifth, lightest, for none


@dataclass(frozen=True)
class Shade:
    level: int  # 0 (no stories) to SHADES
    low: int
    high: int

    @property
    def label(self) -> str:
        if self.high == 0:
            return "ยังไม่มีเรื่อง"
        if self.low == self.high:
            return f"{format_number(self.low)} เรื่อง"
        return f"{format_number(self.low)}–{format_number(self.high)} เรื่อง"


@cache
def _outlines() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return data


def shades(most: int) -> tuple[Shade, ...]:
    """The legend: none, then up to SHADES equal ranges from 1 to the largest count."""
    step = max(1, math.ceil(most / SHADES))
    found = [Shade(0, 0, 0)]
    low = 1
    while low <= most:
        found.append(Shade(len(found), low, min(most, low + step - 1)))
        low += step
    return tuple(found)


def _shade_of(count: int, legend: tuple[Shade, ...]) -> Shade:
    return next((s for s in legend if s.low <= count <= s.high), legend[0])


def province_map(name: str, title: str, counts: Mapping[str, int], links: Mapping[str, str]) -> str:
    """The map as an HTML <figure>: counts and links (page-relative addresses) by ISO code."""
    data = _outlines()
    legend = shades(max(counts.values(), default=0))
    parts = [
        f'<figure class="moi-map" id="{name}" aria-labelledby="{name}-title">',
        f'<figcaption class="moi-map__title" id="{name}-title">{html.escape(title)}</figcaption>',
        f'<svg class="moi-map__svg" viewBox="{data["view_box"]}" role="group" aria-labelledby="{name}-title">',
    ]
    for code, outline in data["provinces"].items():
        count = counts.get(code, 0)
        label = html.escape(f"{province_name(code)}: {format_number(count)} เรื่อง")
        shape = f'<path class="moi-map__province moi-map__province--{_shade_of(count, legend).level}" d="{outline}"/>'
        if code in links:
            parts.append(f'<a href="{html.escape(links[code])}" aria-label="{label}"><title>{label}</title>{shape}</a>')
        else:
            parts.append(f'<g role="img" aria-label="{label}"><title>{label}</title>{shape}</g>')
    parts += [f'<path class="moi-map__water" d="{outline}"/>' for outline in data["water"]]
    parts.append("</svg>")
    parts.append('<ul class="moi-map__legend">')
    for shade in legend:
        parts.append(
            f'<li><svg class="moi-map__swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
            f'<rect class="moi-map__province moi-map__province--{shade.level}" width="10" height="10"/></svg>'
            f"{html.escape(shade.label)}</li>"
        )
    credit = data["credit"]
    parts.append(
        '</ul><p class="moi-map__credit">แผนที่: svg-maps ดัดแปลงจาก MapSVG, '
        f'สัญญาอนุญาต <a href="{html.escape(credit["licence_url"])}" rel="license">{html.escape(credit["licence"])}</a>'
        "</p></figure>"
    )
    return "".join(parts)

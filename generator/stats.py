"""Coverage figures for the PR team: who has written, about what, and who has not yet.

Computed from validated write-ups and the registry; the CLI prints them (table, JSON, CSV) and the
site's overview page shows the same figures.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .frameworks import PMQA, PMQA_ITEMS, RER
from .model import Registry, Story
from .thai import display_width, pad


@dataclass(frozen=True)
class Coverage:
    stories: int
    by_office: dict[str, int]  # office id -> stories, every registered office (zeros included)
    by_province: dict[str, int]  # ISO code -> stories, for offices that have a province
    by_rer: dict[str, int]
    by_pmqa_category: dict[str, int]  # a story filed under an item counts under its category
    by_pmqa_item: dict[str, int]  # stories that name the item itself
    by_year_be: dict[str, int]
    offices_without_stories: list[str]
    pmqa_items_without_stories: list[str]


def coverage(stories: Iterable[Story], registry: Registry) -> Coverage:
    stories = list(stories)
    offices = Counter(s.office_id for s in stories)
    provinces: Counter[str] = Counter()
    for story in stories:
        office = registry.offices.get(story.office_id)
        if office and office.province:
            provinces[office.province] += 1
    rer = Counter(s.meta.rer for s in stories)
    categories = Counter(c for s in stories for c in s.pmqa_categories)
    items = Counter(code for s in stories for code in set(s.meta.pmqa) if code in PMQA_ITEMS)
    years = Counter(str(s.meta.date.year + 543) for s in stories)
    return Coverage(
        stories=len(stories),
        by_office={office_id: offices.get(office_id, 0) for office_id in registry.offices},
        by_province=dict(sorted(provinces.items())),
        by_rer={c.key: rer.get(c.key, 0) for c in RER},
        by_pmqa_category={c.code: categories.get(c.code, 0) for c in PMQA},
        by_pmqa_item={code: items.get(code, 0) for code in PMQA_ITEMS},
        by_year_be=dict(sorted(years.items())),
        offices_without_stories=[o for o in registry.offices if not offices.get(o)],
        pmqa_items_without_stories=[code for code in PMQA_ITEMS if not items.get(code)],
    )


def to_json(figures: Coverage) -> str:
    return json.dumps(asdict(figures), ensure_ascii=False, indent=2)


def to_csv(figures: Coverage, registry: Registry) -> str:
    """One row per figure: group, key, label, stories. Opens as a sheet in any spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["group", "key", "label", "stories"])
    for office_id, count in figures.by_office.items():
        writer.writerow(["office", office_id, registry.offices[office_id].name_th, count])
    for code, count in figures.by_province.items():
        writer.writerow(["province", code, _province_name(registry, code), count])
    for component in RER:
        writer.writerow(["rer", component.key, component.name_th, figures.by_rer[component.key]])
    for category in PMQA:
        writer.writerow(["pmqa_category", category.code, category.name_th, figures.by_pmqa_category[category.code]])
    for code, count in figures.by_pmqa_item.items():
        writer.writerow(["pmqa_item", code, PMQA_ITEMS[code].name_th, count])
    for year, count in figures.by_year_be.items():
        writer.writerow(["year_be", year, year, count])
    return out.getvalue()


def _province_name(registry: Registry, code: str) -> str:
    for office in registry.offices.values():
        if office.province == code and office.kind == "province":
            return office.name_th
    return code


def to_table(figures: Coverage, registry: Registry) -> str:
    """The figures as plain-text tables for a terminal."""
    lines = [f"เรื่องเล่าทั้งหมด (stories): {figures.stories}", ""]

    def table(title: str, rows: list[tuple[str, str, int]]) -> None:
        lines.append(title)
        width = max((display_width(label) for _, label, _ in rows), default=10)
        for key, label, count in rows:
            lines.append(f"  {key:<22} {pad(label, width)}  {count:>5}")
        lines.append("")

    table("RER", [(c.key, c.name_th, figures.by_rer[c.key]) for c in RER])
    table("PMQA 4.0 (หมวด / category)", [(c.code, c.name_th, figures.by_pmqa_category[c.code]) for c in PMQA])
    table("PMQA 4.0 (หัวข้อ / item)", [(code, PMQA_ITEMS[code].name_th, n) for code, n in figures.by_pmqa_item.items()])
    table("จังหวัด (province)", [(code, _province_name(registry, code), n) for code, n in figures.by_province.items()])
    table("หน่วยงานที่มีเรื่อง (offices with stories)",
          [(o, registry.offices[o].name_th, n) for o, n in figures.by_office.items() if n])
    lines.append(f"หน่วยงานที่ยังไม่มีเรื่อง (offices without stories): {len(figures.offices_without_stories)}")
    lines.extend(f"  {o:<22} {registry.offices[o].name_th}" for o in figures.offices_without_stories)
    lines.append("")
    lines.append("หัวข้อ PMQA ที่ยังไม่มีเรื่อง (PMQA items without stories): "
                 + (", ".join(figures.pmqa_items_without_stories) or "-"))
    return "\n".join(lines)

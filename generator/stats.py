"""`moinext stats`: the coverage figures as a terminal table, JSON or CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from .content.coverage import Coverage
from .content.registry import Registry
from .frameworks import PMQA, PMQA_ITEMS, RER
from .places import province_name
from .plaintext import printable, replaced
from .thai.calendar import fiscal_quarter_label
from .thai.text import display_width, pad


def to_json(figures: Coverage) -> str:
    return json.dumps(asdict(figures), ensure_ascii=False, indent=2)


# A cell starting with one of these is a formula to Excel and LibreOffice (=HYPERLINK(…) would be
# live in the PR team's sheet); a leading apostrophe makes it text, as the spreadsheets do.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> object:
    """A cell value a spreadsheet shows as text, never runs as a formula, and can hold (openpyxl
    refuses a control character with a traceback: plaintext.replaced)."""
    if isinstance(value, str):
        value = replaced(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def to_csv(figures: Coverage, registry: Registry) -> str:
    """One row per figure: group, key, label, stories. Opens as a sheet in any spreadsheet: it
    starts with a byte-order mark, which Excel on Thai Windows needs to read UTF-8 (without it
    the Thai is garbled)."""
    rows: list[list[object]] = [["group", "key", "label", "stories"]]
    rows += [["office", o, registry.offices[o].name_th, n] for o, n in figures.by_office.items()]
    rows += [["province", code, province_name(code), n] for code, n in figures.by_province.items()]
    rows += [["rer", c.key, c.name_th, figures.by_rer[c.key]] for c in RER]
    rows += [["pmqa_category", c.code, c.name_th, figures.by_pmqa_category[c.code]] for c in PMQA]
    rows += [["pmqa_item", code, PMQA_ITEMS[code].name_th, n] for code, n in figures.by_pmqa_item.items()]
    rows += [["year_be", year, year, n] for year, n in figures.by_year_be.items()]
    rows += [["fiscal_year", year, f"ปีงบประมาณ {year}", n] for year, n in figures.by_fiscal_year.items()]
    rows += [["fiscal_quarter", key, fiscal_quarter_label(key), n] for key, n in figures.by_fiscal_quarter.items()]
    # Thai beside each group's code, for the PR team's sheet (the codes stay for formulas).
    header, *figures_rows = rows
    rows = [[header[0], "กลุ่ม", *header[1:]], *([row[0], GROUPS_TH[str(row[0])], *row[1:]] for row in figures_rows)]
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out).writerows([spreadsheet_text(value) for value in row] for row in rows)
    return out.getvalue()


GROUPS_TH = {
    "office": "หน่วยงาน",
    "province": "จังหวัด",
    "rer": "องค์ประกอบ RER",
    "pmqa_category": "หมวด PMQA",
    "pmqa_item": "หัวข้อ PMQA",
    "year_be": "ปี พ.ศ.",
    "fiscal_year": "ปีงบประมาณ",
    "fiscal_quarter": "ไตรมาส",
}


def to_table(figures: Coverage, registry: Registry) -> str:
    """The figures as plain-text tables for a terminal (every name printable: plaintext)."""
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
    table("จังหวัด (province)", [(code, province_name(code), n) for code, n in figures.by_province.items()])
    table("ปี พ.ศ. (year, Buddhist Era)", [(str(year), f"พ.ศ. {year}", n) for year, n in figures.by_year_be.items()])
    table("ปีงบประมาณ (fiscal year)", [(y, f"ปีงบประมาณ {y}", n) for y, n in figures.by_fiscal_year.items()])
    table("ไตรมาส (fiscal quarter)", [(q, fiscal_quarter_label(q), n) for q, n in figures.by_fiscal_quarter.items()])
    table(
        "หน่วยงานที่มีเรื่อง (offices with stories)",
        [(o, registry.offices[o].name_th, n) for o, n in figures.by_office.items() if n],
    )
    lines.append(f"หน่วยงานที่ยังไม่มีเรื่อง (offices without stories): {len(figures.offices_without_stories)}")
    lines.extend(f"  {o:<22} {registry.offices[o].name_th}" for o in figures.offices_without_stories)
    lines.append("")
    lines.append(
        "หัวข้อ PMQA ที่ยังไม่มีเรื่อง (PMQA items without stories): " + (", ".join(figures.pmqa_items_without_stories) or "-")
    )
    return printable("\n".join(lines))

"""ภาพรวม (overview): stories per PMQA category, RER component, province, month and fiscal quarter, as
charts and tables."""

from __future__ import annotations

from collections import Counter

from ..content.coverage import StoryGroups, coverage
from ..content.registry import Registry
from ..frameworks import PMQA, RER
from ..places import province_codes, province_name
from ..thai.calendar import fiscal_quarter_label, fiscal_quarters, thai_month
from ..thai.text import format_number
from . import urls
from .charts import Bar, bar_chart
from .thailand_map import province_map
from .views import Chart, Link, OverviewPage, Page


def _chart(chart_id: str, heading: str, bars: list[Bar], note: str = "", map_html: str = "") -> Chart:
    return Chart(
        chart_id,
        heading,
        bar_chart(chart_id, heading, bars, unit="เรื่อง", caption=False),  # the section's heading names it
        tuple((b.label, b.display or format_number(b.value)) for b in bars),
        note,
        map_html,
    )


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (year, month) from first to last: a month without stories is a bar of zero, not a gap."""
    year, month = first
    found = []
    while (year, month) <= last:
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def overview_page(groups: StoryGroups, registry: Registry, *, show_without: bool = False) -> Page:
    figures = coverage(groups, registry)
    charts = [
        _chart(
            "by-pmqa",
            "จำนวนเรื่องตามหมวด PMQA 4.0",
            [Bar(f"หมวด {c.code} {c.name_th}", figures.by_pmqa_category[c.code]) for c in PMQA],
            "เรื่องที่ระบุหัวข้อ (เช่น 6.2) นับในหมวดของหัวข้อนั้น",
        ),
        _chart(
            "by-rer",
            "จำนวนเรื่องตามองค์ประกอบ RER",
            [Bar(c.name_th, figures.by_rer[c.key], css=f"moi-chart__bar--{c.key}") for c in RER],
        ),
    ]
    provinces = sorted(figures.by_province.items(), key=lambda item: (-item[1], province_name(item[0])))
    pages = {
        code: urls.relative(urls.OVERVIEW, urls.province(code))
        for code in province_codes()
        if code.lower() in registry.offices
    }
    charts.append(
        _chart(
            "by-province",
            "จำนวนเรื่องตามจังหวัด",
            [Bar(province_name(code), n) for code, n in provinces],
            "นับเรื่องของสำนักงานจังหวัดและหน่วยงานในจังหวัดนั้น",
            province_map("province-map", "แผนที่จำนวนเรื่องตามจังหวัด", figures.by_province, pages),
        )
    )
    months = Counter((s.meta.date.year, s.meta.date.month) for s in groups.stories)
    span = _months(min(months), max(months)) if months else []
    charts.append(_chart("by-month", "จำนวนเรื่องตามเดือน", [Bar(thai_month(y, m), months[y, m]) for y, m in span]))
    # The ministry reports by fiscal year (October to September) and its quarters.
    quarters = figures.by_fiscal_quarter
    shown = fiscal_quarters(min(quarters), max(quarters)) if quarters else []
    charts.append(
        _chart(
            "by-fiscal-quarter",
            "จำนวนเรื่องตามไตรมาสของปีงบประมาณ",
            [Bar(fiscal_quarter_label(q, short=True), quarters.get(q, 0)) for q in shown],
            "ปีงบประมาณเริ่ม 1 ตุลาคม ไตรมาส 1 คือ ต.ค.–ธ.ค.",
        )
    )
    without = tuple(Link(urls.office(o), registry.offices[o].name_th) for o in figures.offices_without_stories)
    listed = without if show_without else ()  # naming them in public is the PR team's decision
    view = OverviewPage(
        title="ภาพรวม",
        description="ภาพรวมเรื่องเล่าตามหมวด PMQA องค์ประกอบ RER จังหวัด เดือน และไตรมาสของปีงบประมาณ",
        charts=tuple(charts),
        without_stories=listed,
        stories=figures.stories,
        offices=len(registry.offices),
        with_stories=len(registry.offices) - len(without),
    )
    return Page(urls.OVERVIEW, "", view)

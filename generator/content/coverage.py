"""Who has written, about what, and who has not yet: stories grouped once, and counted from that.

The site (listings, feeds, the overview page) and `moinext stats` read the same groups and figures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..frameworks import PMQA, PMQA_ITEMS, RER
from ..thai.calendar import be_year, fiscal_quarter, fiscal_year
from .registry import Registry
from .story import Story


@dataclass(frozen=True)
class StoryGroups:
    """The stories by office, RER component and PMQA category, each list in the order given."""

    stories: tuple[Story, ...]
    by_office: dict[str, list[Story]]
    by_rer: dict[str, list[Story]]
    by_pmqa_category: dict[str, list[Story]]  # a story filed under an item counts under its category

    @property
    def offices_with_stories(self) -> int:
        return len(self.by_office)  # an office is a key only once it has a story

    def count(self, groups: dict[str, list[Story]], key: str) -> int:
        return len(groups.get(key, ()))


def group_stories(stories: Iterable[Story]) -> StoryGroups:
    ordered = tuple(stories)
    by_office: dict[str, list[Story]] = defaultdict(list)
    by_rer: dict[str, list[Story]] = defaultdict(list)
    by_pmqa: dict[str, list[Story]] = defaultdict(list)
    for story in ordered:
        by_office[story.office_id].append(story)
        by_rer[story.meta.rer].append(story)
        for category in story.pmqa_categories:
            by_pmqa[category].append(story)
    return StoryGroups(ordered, dict(by_office), dict(by_rer), dict(by_pmqa))


@dataclass(frozen=True)
class Coverage:
    stories: int
    by_office: dict[str, int]  # office id -> stories, every registered office (zeros included)
    by_province: dict[str, int]  # ISO code -> stories, for offices that have a province
    by_rer: dict[str, int]
    by_pmqa_category: dict[str, int]  # a story filed under an item counts under its category
    by_pmqa_item: dict[str, int]  # stories that name the item itself
    by_year_be: dict[str, int]
    by_fiscal_year: dict[str, int]  # the government's fiscal year (Oct-Sep), Buddhist Era: "2569"
    by_fiscal_quarter: dict[str, int]  # "2569/1" = October-December 2025
    offices_without_stories: list[str]
    pmqa_items_without_stories: list[str]


def coverage(groups: StoryGroups, registry: Registry) -> Coverage:
    provinces: Counter[str] = Counter()
    for office_id, own in groups.by_office.items():
        office = registry.offices.get(office_id)
        if office and office.province:
            provinces[office.province] += len(own)
    items = Counter(code for s in groups.stories for code in set(s.meta.pmqa) if code in PMQA_ITEMS)
    years = Counter(str(be_year(s.meta.date)) for s in groups.stories)
    fiscal = Counter(str(fiscal_year(s.meta.date)) for s in groups.stories)
    quarters = Counter(fiscal_quarter(s.meta.date) for s in groups.stories)
    return Coverage(
        stories=len(groups.stories),
        by_office={o: groups.count(groups.by_office, o) for o in registry.offices},
        by_province=dict(sorted(provinces.items())),
        by_rer={c.key: groups.count(groups.by_rer, c.key) for c in RER},
        by_pmqa_category={c.code: groups.count(groups.by_pmqa_category, c.code) for c in PMQA},
        by_pmqa_item={code: items.get(code, 0) for code in PMQA_ITEMS},
        by_year_be=dict(sorted(years.items())),
        by_fiscal_year=dict(sorted(fiscal.items())),
        by_fiscal_quarter=dict(sorted(quarters.items())),
        offices_without_stories=[o for o in registry.offices if not groups.by_office.get(o)],
        pmqa_items_without_stories=[code for code in PMQA_ITEMS if not items.get(code)],
    )

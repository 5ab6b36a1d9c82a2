"""The plan of the site: every page, what it shows, the menu and the feeds, as plain data.

Story pages carry the office's own Markdown; listing pages carry cards. Every listing is
paginated, so no page grows with the size of the site, and the work is linear in the number of
stories. Nothing here knows mkdocs: render.py turns the plan into a site.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.coverage import StoryGroups, group_stories
from ..content.registry import Office, Registry
from ..content.schema import SiteConfig
from ..content.story import Story
from ..content.synonyms import Synonyms
from ..frameworks import PMQA, RER
from ..photos.process import PhotoReport
from ..places import REGION_ORDER, region_of
from . import urls
from .cards import make_card, story_page, story_url, tag_slug
from .feeds import feeds
from .overview import overview_page
from .views import (
    Card,
    DirectoryEntry,
    FrameworksPage,
    HomePage,
    Link,
    ListingPage,
    OfficesPage,
    Page,
    Pager,
    Relation,
    Tile,
)

PAGE_SIZE = 24


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    children: tuple[str, ...] = ()  # addresses of the pages under it


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[Page, ...]
    menu: tuple[MenuEntry, ...]
    stories: tuple[Story, ...]  # newest first
    files: tuple[tuple[str, bytes], ...] = ()  # other files of the site: feeds


def newest_first(stories: Sequence[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.meta.date, s.meta.title, story_url(s)), reverse=True)


PAGER_GAP = Link("", "…")  # pages left out of the pager between two shown numbers
_PAGER_AROUND = 2  # pages shown on each side of the current one


def pager_numbers(number: int, total: int) -> list[int]:
    """The page numbers a listing's pager shows: the first, the last, and two on each side of the
    current page, 0 where pages are left out ("1 … 8 9 10 11 12 … 410"). Every page of the
    archive once listed all the others: at 10,000 stories, 410 links on each of 410 pages."""
    shown = sorted({1, total, *range(max(1, number - _PAGER_AROUND), min(total, number + _PAGER_AROUND) + 1)})
    numbers: list[int] = []
    for n in shown:
        if numbers and n - numbers[-1] == 2:
            numbers.append(n - 1)  # one page left out: show it rather than "…"
        elif numbers and n - numbers[-1] > 2:
            numbers.append(0)
        numbers.append(n)
    return numbers


def _paginate(
    first: str,
    title: str,
    description: str,
    cards: Sequence[Card],
    intro: str,
    *,
    relations: tuple[Relation, ...] = (),
    feed: str | None = None,
) -> list[Page]:
    """One page per PAGE_SIZE cards: first, first/page/2/, …"""
    total = max(1, -(-len(cards) // PAGE_SIZE))
    addresses = [urls.listing_page(first, n) for n in range(1, total + 1)]
    links = [Link(url, str(n + 1)) for n, url in enumerate(addresses)]
    pages = []
    for number in range(1, total + 1):
        chunk = tuple(cards[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
        pager = Pager(
            number,
            total,
            addresses[number - 2] if number > 1 else None,
            addresses[number] if number < total else None,
            tuple(links[n - 1] if n else PAGER_GAP for n in pager_numbers(number, total)) if total > 1 else (),
        )
        view = ListingPage(
            title=title if number == 1 else f"{title} (หน้า {number})",
            description=description,
            cards=chunk,
            pager=pager,
            stories=len(cards),
            relations=relations,
            feed=feed if number == 1 else None,
        )
        pages.append(Page(addresses[number - 1], intro if number == 1 else "", view))
    return pages


RELATED = 3


def _link(story: Story) -> Link:
    return Link(story_url(story), story.meta.title)


def _related_stories(
    ordered: Sequence[Story], groups: StoryGroups, only: Container[Path] | None = None
) -> dict[Path, list[Story]]:
    """Up to RELATED stories for each (each of only, if given): shared tags count 3, the same
    office 2, each shared PMQA item 1; the newer first on a tie. Candidates come from each group's
    newest 50, so the work stays linear in the number of stories. Stories are numbered newest
    first (their rank), and the work is done on those numbers: hashing paths took half the time
    of planning a site."""
    rank = {s.source: n for n, s in enumerate(ordered)}
    by_tag: dict[str, list[int]] = {}
    by_item: dict[str, list[int]] = {}
    for n, s in enumerate(ordered):
        for tag in set(s.meta.tags):
            by_tag.setdefault(tag, []).append(n)
        for code in set(s.meta.pmqa):
            by_item.setdefault(code, []).append(n)
    by_office = {
        office: [rank[s.source] for s in stories[:50] if s.source in rank]
        for office, stories in groups.by_office.items()
    }
    found: dict[Path, list[Story]] = {}
    for n, s in enumerate(ordered):
        if only is not None and s.source not in only:
            continue
        scores: dict[int, int] = {}
        sources = [(by_tag.get(t, []), 3) for t in set(s.meta.tags)]
        sources += [(by_office.get(s.office_id, []), 2)]
        sources += [(by_item.get(c, []), 1) for c in set(s.meta.pmqa)]
        for candidates, weight in sources:
            for other in candidates[:50]:
                if other != n:
                    scores[other] = scores.get(other, 0) + weight
        best = sorted(scores, key=lambda other: (-scores[other], other))[:RELATED]
        found[s.source] = [ordered[other] for other in best]
    return found


class _Cards(dict[Path, Card]):
    """Each story's card by its source, made when first asked for: a rebuild of a few stories'
    pages needs only theirs and their related stories' cards."""

    def __init__(self, stories: Sequence[Story], registry: Registry, photos: PhotoReport) -> None:
        super().__init__()
        self.stories = {s.source: s for s in stories}
        self.registry = registry
        self.photos = photos

    def __missing__(self, source: Path) -> Card:
        card = self[source] = make_card(self.stories[source], self.registry, self.photos)
        return card


def _story_pages(
    ordered: Sequence[Story],
    groups: StoryGroups,
    cards: _Cards,
    config: SiteConfig,
    synonyms: Synonyms | None,
    only: Container[Path] | None = None,
) -> list[Page]:
    """The page of each story (each of only, if given), newest first."""
    related = _related_stories(ordered, groups, only)
    place = {s.source: n for stories_of in groups.by_office.values() for n, s in enumerate(stories_of)}
    pages: list[Page] = []
    for s in ordered:
        if only is not None and s.source not in only:
            continue
        # The page's content is the story's body, rendered and cleaned once by content/body.py.
        view = story_page(s, cards[s.source], cards.registry, cards.photos, config, synonyms)
        siblings = groups.by_office[s.office_id]  # newest first
        at = place[s.source]
        view = replace(
            view,
            related=tuple(cards[r.source] for r in related[s.source]),
            older=_link(siblings[at + 1]) if at + 1 < len(siblings) else None,
            newer=_link(siblings[at - 1]) if at > 0 else None,
        )
        pages.append(Page(story_url(s), "", view))
    return pages


def site_menu() -> tuple[MenuEntry, ...]:
    """The site's menu: the same on every site."""
    return (
        MenuEntry("หน้าแรก", urls.HOME),
        MenuEntry("เรื่องทั้งหมด", urls.ARCHIVE),
        MenuEntry("ภาพรวม", urls.OVERVIEW),
        MenuEntry("หน่วยงาน", urls.OFFICES),
        MenuEntry("RER", urls.RER_INDEX, tuple(urls.rer(c.key) for c in RER)),
        MenuEntry("PMQA 4.0", urls.PMQA_INDEX, tuple(urls.pmqa(c.code) for c in PMQA)),
    )


def plan_story_pages(
    stories: Sequence[Story],
    only: Container[Path],
    registry: Registry,
    config: SiteConfig,
    photos: PhotoReport,
    synonyms: Synonyms | None = None,
) -> SitePlan:
    """A part of the site's plan: the pages of the stories whose source is in only, exactly as
    plan_site plans them, and the menu (for a rebuild after only these stories' bodies changed:
    every other page is the same)."""
    ordered = newest_first(stories)
    groups = group_stories(ordered)
    pages = _story_pages(ordered, groups, _Cards(ordered, registry, photos), config, synonyms, only)
    return SitePlan(tuple(pages), site_menu(), tuple(ordered))


def plan_site(
    stories: Sequence[Story],
    registry: Registry,
    config: SiteConfig,
    photos: PhotoReport,
    synonyms: Synonyms | None = None,
) -> SitePlan:
    ordered = newest_first(stories)
    groups = group_stories(ordered)
    cards = _Cards(ordered, registry, photos)

    def cards_of(own: Sequence[Story] | None) -> list[Card]:
        return [cards[s.source] for s in own or ()]

    pages = _story_pages(ordered, groups, cards, config, synonyms)
    pages += _paginate(urls.ARCHIVE, "เรื่องเล่าทั้งหมด", "ทุกเรื่องเล่า ใหม่สุดก่อน", [cards[s.source] for s in ordered], "")
    by_tag: dict[str, list[Story]] = {}
    tag_names: dict[str, str] = {}
    for s in ordered:
        for tag in dict.fromkeys(s.meta.tags):
            slug = tag_slug(tag)
            if slug:
                by_tag.setdefault(slug, []).append(s)
                tag_names.setdefault(slug, tag.lstrip("#"))
    for slug, tagged in sorted(by_tag.items()):
        pages += _paginate(
            urls.tag(slug), f"#{tag_names[slug]}", f"เรื่องเล่าที่ติดแท็ก {tag_names[slug]}", cards_of(tagged), ""
        )

    for office in registry.offices.values():
        relations = []
        parent = registry.parent_of(office)
        if parent:
            relations.append(Relation("สังกัด", Link(urls.office(parent.id), parent.name_th)))
        if office.province and office.kind != "province":
            relations.append(Relation("จังหวัด", Link(urls.province(office.province), str(office.province_name))))
        own = groups.by_office.get(office.id)
        if office.kind == "province":
            # A province's page shows its districts' stories too, newest first.
            below = registry.subtree(office.id)
            own = [s for s in ordered if s.office_id in below] or None
        pages += _paginate(
            urls.office(office.id),
            office.name_th,
            office.name_en or office.name_th,
            cards_of(own),
            "",
            relations=tuple(relations),
            feed=urls.office_feed(office.id) if own else None,
        )

    for component in RER:
        intro = f"{component.description_th}\n\n*{component.name_en}: {component.description_en}*\n"
        pages += _paginate(
            urls.rer(component.key),
            component.name_th,
            component.description_th,
            cards_of(groups.by_rer.get(component.key)),
            intro,
        )
    for category in PMQA:
        items = "\n".join(f"- **{i.code}** {i.name_th} <small>({i.name_en})</small>" for i in category.items)
        # The English name is the page's description line already (listing.html): not twice.
        intro = f"หัวข้อในหมวดนี้\n\n{items}\n"
        evidence = Link(urls.pmqa_evidence(category.code), "ชุดหลักฐาน PMQA ของหมวดนี้ (พิมพ์ได้)")
        pages += _paginate(
            urls.pmqa(category.code),
            f"หมวด {category.code} {category.name_th}",
            category.name_en,
            cards_of(groups.by_pmqa_category.get(category.code)),
            intro,
            relations=(Relation("หลักฐานประกอบ", evidence),),
        )

    rer_tiles = tuple(Tile(urls.rer(c.key), c.name_th, c.name_en, groups.count(groups.by_rer, c.key)) for c in RER)
    pmqa_tiles = tuple(
        Tile(urls.pmqa(c.code), c.name_th, c.name_en, groups.count(groups.by_pmqa_category, c.code), c.code)
        for c in PMQA
    )
    pages.append(
        Page(
            urls.RER_INDEX,
            "",
            FrameworksPage("RER: องค์ประกอบการทำงาน", "งานประจำ ภารกิจพิเศษ และการสื่อสาร/รายงาน", rer_tiles),
        )
    )
    numbered = tuple(Tile(t.url, f"หมวด {t.code} {t.label}", t.label_en, t.count, t.code) for t in pmqa_tiles)
    pages.append(Page(urls.PMQA_INDEX, "", FrameworksPage("PMQA 4.0", "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ 7 หมวด", numbered)))
    pages.append(_offices_page(registry, groups))
    pages.append(_home_page(groups, cards, registry, config, rer_tiles, pmqa_tiles))
    pages.append(overview_page(groups, registry, show_without=config.overview.show_offices_without_stories))

    site_feeds = tuple((f.site_path, f.xml) for f in feeds(groups, registry, config))
    return SitePlan(tuple(pages), site_menu(), tuple(ordered), site_feeds)


_KIND_GROUPS = (
    ("ส่วนกลาง", ("ministry", "office", "bureau", "division", "centre", "group")),
    ("กรม", ("department",)),
    ("จังหวัด", ("province",)),
    ("อำเภอ", ("district",)),
)


def _offices_page(registry: Registry, groups: StoryGroups) -> Page:
    """The offices by kind, provinces by region; the template folds away those without stories."""

    def entry(o: Office) -> DirectoryEntry:
        return DirectoryEntry(urls.office(o.id), o.name_th, o.name_en or "", groups.count(groups.by_office, o.id))

    directory = []
    for heading, kinds in _KIND_GROUPS:
        chosen = [o for o in registry.offices.values() if o.kind in kinds]
        if heading == "จังหวัด":
            for region in REGION_ORDER:
                here = sorted((o for o in chosen if region_of(o.province or "") == region), key=lambda o: o.name_th)
                if here:
                    directory.append((f"จังหวัด · {region}", tuple(entry(o) for o in here)))
        elif chosen:
            directory.append((heading, tuple(entry(o) for o in chosen)))
    view = OfficesPage(
        "หน่วยงาน",
        "หน่วยงานในสังกัดกระทรวงมหาดไทยและเรื่องเล่าของแต่ละแห่ง",
        tuple(directory),
        offices=len(registry.offices),
        with_stories=groups.offices_with_stories,
    )
    return Page(urls.OFFICES, "", view)


def _home_page(
    groups: StoryGroups,
    cards: dict[Path, Card],
    registry: Registry,
    config: SiteConfig,
    rer_tiles: tuple[Tile, ...],
    pmqa_tiles: tuple[Tile, ...],
) -> Page:
    ordered = groups.stories
    featured = tuple(cards[s.source] for s in ordered if s.meta.featured)[: config.home.featured]
    shown = {c.url for c in featured}
    latest = tuple(c for c in (cards[s.source] for s in ordered) if c.url not in shown)[: config.home.latest]
    provinces = {
        office.province
        for office_id, own in groups.by_office.items()
        if own and (office := registry.offices.get(office_id)) is not None and office.province
    }
    view = HomePage(
        title=config.site_name,
        description=config.site_description,
        featured=featured,
        latest=latest,
        stories=len(ordered),
        offices=groups.offices_with_stories,
        provinces=len(provinces),
        photos=sum(len(s.meta.photos) for s in ordered),
        rer=rer_tiles,
        pmqa=pmqa_tiles,
        feed=urls.SITE_FEED,
    )
    return Page(urls.HOME, "", view)

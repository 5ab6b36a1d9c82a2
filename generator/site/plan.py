"""The plan of the site: every page, what it shows, the menu and the feeds, as plain data.

Story pages carry the office's own Markdown; listing pages carry cards. Every listing is
paginated, so no page grows with the size of the site, and the work is linear in the number of
stories. Nothing here knows mkdocs: render.py turns the plan into a site.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.coverage import StoryGroups, group_stories
from ..content.registry import Office, Registry
from ..content.schema import SiteConfig
from ..content.story import Story
from ..content.synonyms import Synonyms
from ..frameworks import MATURITY_LEVELS, PMQA, PMQA_EDITION_TH, RER
from ..photos.process import PhotoReport
from ..places import BANGKOK, province_groups, region_of
from ..thai.text import lang_of, thai_sort_key
from . import urls
from .about import about_pages
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
    TagsPage,
    Tile,
)

PAGE_SIZE = 24


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    children: tuple[str, ...] = ()  # addresses of the pages under it


@dataclass(frozen=True)
class SiteFile:
    """A file of the site made from the plan (a feed, the sitemap, the logo)."""

    path: str  # its site path
    data: bytes | Path  # its bytes, or a file (a cache entry) to link
    shows: tuple[str, ...] = ()  # the addresses of the stories it shows (build record: stale outputs)


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[Page, ...]  # every page, or those a build asked for (plan_site's wanted)
    menu: tuple[MenuEntry, ...]
    stories: tuple[Story, ...]  # newest first
    files: tuple[SiteFile, ...] = ()  # other files of the site: feeds


Wanted = Callable[[str], bool]  # a page's address or a file's site path -> whether to plan it


def _everything(_: str) -> bool:
    return True


def newest_first(stories: Sequence[Story]) -> list[Story]:
    """Newest first; on the same date, by address. Not by title: where a story stands in any list
    then depends only on its placement (site/record.placement_key), so a title edit moves no
    story from one page to another and only the pages showing it are made again."""
    return sorted(stories, key=lambda s: (s.meta.date, story_url(s)), reverse=True)


PAGER_GAP = Link("", "…")  # pages left out of the pager between two shown numbers
_PAGER_AROUND = 2  # pages shown on each side of the current one
# Marks a PMQA item name that is our short description, not the criteria's wording (Markdown-escaped).
UNCHECKED_MARK = " \\*"


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
    stories: Sequence[Story],
    cards: _Cards,
    intro: str,
    wanted: Wanted,
    *,
    relations: tuple[Relation, ...] = (),
    feed: str | None = None,
) -> list[Page]:
    """One page per PAGE_SIZE stories: first, first/page/2/, … (those wanted; a card is made only
    for a page that shows it)."""
    total = max(1, -(-len(stories) // PAGE_SIZE))
    addresses = [urls.listing_page(first, n) for n in range(1, total + 1)]
    links = [Link(url, str(n + 1)) for n, url in enumerate(addresses)]
    pages = []
    for number in range(1, total + 1):
        if not wanted(addresses[number - 1]):
            continue
        chunk = tuple(cards[s.source] for s in stories[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
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
            stories=len(stories),
            relations=relations,
            feed=feed if number == 1 else None,
            description_lang=lang_of(description),
        )
        shows = tuple(card.url for card in chunk)
        pages.append(Page(addresses[number - 1], intro if number == 1 else "", view, shows))
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
    wanted: Wanted,
) -> list[Page]:
    """The page of each story that is wanted, newest first."""
    only = {s.source for s in ordered if wanted(story_url(s))}
    related = _related_stories(ordered, groups, only)
    place = {s.source: n for stories_of in groups.by_office.values() for n, s in enumerate(stories_of)}
    pages: list[Page] = []
    for s in ordered:
        if s.source not in only:
            continue
        # The page's content is the story's body, rendered and cleaned once by content/body.py.
        view = story_page(s, cards[s.source], cards.registry, cards.photos, config, synonyms)
        siblings = groups.by_office[s.office_id]  # newest first
        at = place[s.source]
        older = siblings[at + 1] if at + 1 < len(siblings) else None
        newer = siblings[at - 1] if at > 0 else None
        view = replace(
            view,
            related=tuple(cards[r.source] for r in related[s.source]),
            older=_link(older) if older else None,
            newer=_link(newer) if newer else None,
        )
        shows = (story_url(s), *(story_url(r) for r in related[s.source]))
        shows += tuple(story_url(n) for n in (older, newer) if n is not None)
        pages.append(Page(story_url(s), "", view, shows))
    return pages


def site_menu() -> tuple[MenuEntry, ...]:
    """The site's menu: the same on every site."""
    return (
        MenuEntry("หน้าแรก", urls.HOME),
        MenuEntry("เรื่องทั้งหมด", urls.ARCHIVE),
        MenuEntry("ภาพรวม", urls.OVERVIEW),
        MenuEntry("หน่วยงาน", urls.OFFICES),
        MenuEntry("องค์ประกอบงาน RER", urls.RER_INDEX, tuple(urls.rer(c.key) for c in RER)),
        MenuEntry("เกณฑ์ PMQA 4.0", urls.PMQA_INDEX, tuple(urls.pmqa(c.code) for c in PMQA)),
    )


def plan_site(
    stories: Sequence[Story],
    registry: Registry,
    config: SiteConfig,
    photos: PhotoReport,
    synonyms: Synonyms | None = None,
    wanted: Wanted = _everything,
) -> SitePlan:
    """The site's pages and files, each only if wanted (its address or site path): a rebuild asks
    for the few a change made stale (site/stale.py), a clean build for all. Each is planned the
    same either way, from every story."""
    ordered = newest_first(stories)
    groups = group_stories(ordered)
    cards = _Cards(ordered, registry, photos)

    pages = _story_pages(ordered, groups, cards, config, synonyms, wanted)
    pages += _paginate(urls.ARCHIVE, "เรื่องเล่าทั้งหมด", "ทุกเรื่องเล่า ใหม่สุดก่อน", ordered, cards, "", wanted)
    by_tag: dict[str, list[Story]] = {}
    tag_names: dict[str, str] = {}
    for s in ordered:
        for tag in dict.fromkeys(s.meta.tags):
            slug = tag_slug(tag)
            if slug:
                by_tag.setdefault(slug, []).append(s)
                tag_names.setdefault(slug, tag.lstrip("#"))
    for slug, tagged in sorted(by_tag.items()):
        title, description = f"#{tag_names[slug]}", f"เรื่องเล่าที่ติดแท็ก {tag_names[slug]}"
        pages += _paginate(urls.tag(slug), title, description, tagged, cards, "", wanted)
    for url, text, info in about_pages(config):
        if wanted(url):
            pages.append(Page(url, text, info))
    if wanted(urls.TAGS_INDEX):
        tags = tuple(
            (Link(urls.tag(slug), tag_names[slug]), len(by_tag[slug]))
            for slug in sorted(by_tag, key=lambda slug: thai_sort_key(tag_names[slug]))
        )
        view = TagsPage("แท็ก", f"แท็กของเรื่องเล่า {len(tags)} แท็ก เรียงตามพจนานุกรม", tags)
        pages.append(Page(urls.TAGS_INDEX, "", view))

    # Each province's stories and its districts', newest first, in one pass over the stories (a
    # pass for each of 77 provinces was half a second at 10,000 stories).
    province_of = {
        below: office.id
        for office in registry.offices.values()
        if office.is_place
        for below in registry.subtree(office.id)
    }
    provinces_stories: dict[str, list[Story]] = {}
    for s in ordered:
        if s.office_id in province_of:
            provinces_stories.setdefault(province_of[s.office_id], []).append(s)
    for office in registry.offices.values():
        relations = []
        parent = registry.parent_of(office)
        if parent:
            # Bangkok is a local government the ministry supervises, not one of its offices.
            label = "อยู่ในการกำกับดูแลของ" if office.kind == "local_government" else "สังกัด"
            relations.append(Relation(label, Link(urls.office(parent.id), parent.name_th)))
        line = registry.offices.get(office.line) if office.line else None
        if line is not None and line is not parent:
            relations.append(Relation("สายงาน", Link(urls.office(line.id), line.name_th)))
        if office.province and not office.is_place and (parent is None or parent.province != office.province):
            relations.append(Relation("จังหวัด", Link(urls.province(office.province), str(office.province_name))))
        own = groups.by_office.get(office.id, [])
        if office.is_place:
            # A province's page shows its districts' stories too, newest first.
            own = provinces_stories.get(office.id, [])
        pages += _paginate(
            urls.office(office.id),
            office.name_th,
            office.name_en or office.name_th,
            own,
            cards,
            "",
            wanted,
            relations=tuple(relations),
            feed=urls.office_feed(office.id) if own else None,
        )

    for component in RER:
        # The description line under the title is the English name; the Thai description and its
        # English once each below it (it was shown twice in Thai and once in English).
        intro = f'{component.description_th}\n\n<p class="moi-muted" lang="en">{component.description_en}</p>\n'
        pages += _paginate(
            urls.rer(component.key),
            component.name_th,
            component.name_en,
            groups.by_rer.get(component.key, []),
            cards,
            intro,
            wanted,
        )
    for category in PMQA:
        # An item's Thai name not yet checked against the criteria's wording carries a mark and a note.
        items = "\n".join(
            f'- **{i.code}** {i.name_th}{"" if i.published else UNCHECKED_MARK} <small lang="en">({i.name_en})</small>'
            for i in category.items
        )
        note = (
            "\n\n<small>\\* คำอธิบายหัวข้อโดยย่อ ไม่ใช่ถ้อยคำในเกณฑ์</small>"
            if not all(i.published for i in category.items)
            else ""
        )
        # The English name is the page's description line already (listing.html): not twice.
        intro = f"หัวข้อในหมวดนี้ ({PMQA_EDITION_TH})\n\n{items}{note}\n"
        evidence = Link(urls.pmqa_evidence(category.code), "ชุดหลักฐาน PMQA ของหมวดนี้ (พิมพ์ได้)")
        pages += _paginate(
            urls.pmqa(category.code),
            f"หมวด {category.code} {category.name_th}",
            category.name_en,
            groups.by_pmqa_category.get(category.code, []),
            cards,
            intro,
            wanted,
            relations=(Relation("หลักฐานประกอบ", evidence),),
        )

    rer_tiles = tuple(Tile(urls.rer(c.key), c.name_th, c.name_en, groups.count(groups.by_rer, c.key)) for c in RER)
    pmqa_tiles = tuple(
        Tile(urls.pmqa(c.code), c.name_th, c.name_en, groups.count(groups.by_pmqa_category, c.code), c.code)
        for c in PMQA
    )
    if wanted(urls.RER_INDEX):
        rer_view = FrameworksPage("RER: องค์ประกอบการทำงาน", "งานประจำ ภารกิจพิเศษ และการสื่อสาร/รายงาน", rer_tiles)
        pages.append(Page(urls.RER_INDEX, "", rer_view))
    if wanted(urls.PMQA_INDEX):
        numbered = tuple(Tile(t.url, f"หมวด {t.code} {t.label}", t.label_en, t.count, t.code) for t in pmqa_tiles)
        levels = " · ".join(level.name_th for level in MATURITY_LEVELS)
        pmqa_view = FrameworksPage("PMQA 4.0", f"{PMQA_EDITION_TH} 7 หมวด แต่ละหัวข้อประเมินเป็น 3 ระดับ: {levels}", numbered)
        pages.append(Page(urls.PMQA_INDEX, "", pmqa_view))
    if wanted(urls.OFFICES):
        pages.append(_offices_page(registry, groups, show_without=config.overview.show_offices_without_stories))
    if wanted(urls.HOME):
        pages.append(_home_page(groups, cards, registry, config, rer_tiles, pmqa_tiles))
    if wanted(urls.OVERVIEW):
        pages.append(overview_page(groups, registry, show_without=config.overview.show_offices_without_stories))

    site_feeds = tuple(SiteFile(f.site_path, f.xml, f.shows) for f in feeds(groups, registry, config, wanted))
    redirects = tuple(
        SiteFile(urls.page_file(former), redirect_page(former, story), (story_url(story),))
        for former, story in former_addresses(ordered).items()
        if wanted(urls.page_file(former))
    )
    return SitePlan(tuple(pages), site_menu(), tuple(ordered), (*site_feeds, *redirects))


def former_addresses(stories: Sequence[Story]) -> dict[str, Story]:
    """Each former address (aliases) of the stories, and the story now there."""
    return {urls.story(*place): story for story in stories for place in story.former_places()}


def redirect_page(former: str, story: Story) -> bytes:
    """The page at a story's former address (aliases): it sends the reader on to the story, as
    every host serves it (a bucket's website, a CDN, nginx), without script, and tells search
    engines where the story now is."""
    target = urls.relative(former, story_url(story))
    href, title = html.escape(target, quote=True), html.escape(story.meta.title)
    return (
        '<!doctype html>\n<html lang="th">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{href}">\n<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n</head>\n'
        f'<body>\n<p>เรื่องนี้ย้ายไปที่ <a href="{href}">{title}</a></p>\n</body>\n</html>\n'
    ).encode()


_KIND_GROUPS = (
    ("ส่วนกลาง", ("ministry", "office", "bureau", "division", "centre", "group")),
    ("กรม", ("department",)),
    ("จังหวัด", ("province",)),
    ("สำนักงานจังหวัด", ("provincial_office",)),
    ("อำเภอ", ("district",)),
    ("ท้องถิ่นในการกำกับดูแล", ("local_government",)),
)


def _offices_page(registry: Registry, groups: StoryGroups, *, show_without: bool) -> Page:
    """The offices by kind; provinces, their offices and districts by region of the site's one
    scheme (places.province_groups), in Thai dictionary order; Bangkok and its เขต on their own.
    Offices without stories are listed only when the PR team chose to show them (site_config)."""

    def entry(o: Office) -> DirectoryEntry:
        return DirectoryEntry(urls.office(o.id), o.name_th, o.name_en or "", groups.count(groups.by_office, o.id))

    def listed(offices: Sequence[Office]) -> tuple[DirectoryEntry, ...]:
        return tuple(e for e in map(entry, offices) if show_without or e.count)

    def by_name(offices: Sequence[Office]) -> list[Office]:
        return sorted(offices, key=lambda o: thai_sort_key(o.name_th))

    directory: list[tuple[str, tuple[DirectoryEntry, ...]]] = []
    regions = province_groups().regions
    for heading, kinds in _KIND_GROUPS:
        chosen = [o for o in registry.offices.values() if o.kind in kinds]
        bangkok = [o for o in chosen if o.province == BANGKOK and o.kind == "district"]
        chosen = [o for o in chosen if o not in bangkok]
        if heading in ("จังหวัด", "สำนักงานจังหวัด", "อำเภอ"):
            for region in regions:
                here = listed(by_name([o for o in chosen if region_of(o.province or "") == region.name]))
                if here:
                    directory.append((f"{heading} · {region.name}", here))
            elsewhere = listed(by_name([o for o in chosen if region_of(o.province or "") is None]))
            if elsewhere:
                directory.append((heading, elsewhere))
        elif heading == "ท้องถิ่นในการกำกับดูแล":
            city = listed([*chosen, *by_name(bangkok)])
            if city:
                directory.append((heading, city))
        elif entries := listed(chosen):
            directory.append((heading, entries))
    view = OfficesPage(
        "หน่วยงาน",
        "หน่วยงานในสังกัดกระทรวงมหาดไทยและเรื่องเล่าของแต่ละแห่ง",
        tuple(directory),
        offices=len(registry.offices),
        with_stories=groups.offices_with_stories,
        show_without=show_without,
        scheme=province_groups().scheme,
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
    shows = tuple(card.url for card in (*featured, *latest))
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
    return Page(urls.HOME, "", view, shows)

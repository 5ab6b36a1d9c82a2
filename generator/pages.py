"""Stage 4, pages: decide every page of the site and what each one shows.

The output is plain data: for each page, the Markdown mkdocs renders and a view object its
template reads. Story pages carry the office's own Markdown; listing pages carry cards. Every
listing is paginated, so no page grows with the size of the site, and the work is linear in the
number of stories.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .charts import Bar, bar_chart
from .feeds import feeds
from .frameworks import PMQA, PMQA_CATEGORIES, PMQA_ITEMS, RER, RER_BY_KEY
from .model import Office, Registry, SiteConfig, Story
from .photos import PhotoReport, ProcessedPhoto
from .stats import coverage
from .thai import MONTHS_TH_SHORT, be_year, thai_date

PAGE_SIZE = 24


@dataclass(frozen=True)
class Link:
    url: str  # site-relative, e.g. "th-50/" (templates pass it through mkdocs' `url` filter)
    label: str
    count: int = 0
    extra: str = ""


@dataclass(frozen=True)
class PhotoView:
    alt: str
    caption: str | None
    width: int
    height: int
    src: str  # fallback (JPEG or PNG) large variant
    webp_srcset: tuple[tuple[str, int], ...]
    fallback_srcset: tuple[tuple[str, int], ...]
    thumb_src: str
    thumb_width: int
    thumb_height: int
    thumb_webp_srcset: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, photo: ProcessedPhoto) -> PhotoView:
        def srcset(fmt: str, names: Sequence[str]) -> tuple[tuple[str, int], ...]:
            seen: dict[int, str] = {}
            for v in photo.variants:
                if v.format == fmt and v.name in names:
                    seen.setdefault(v.width, photo.site_path(v))
            return tuple((seen[w], w) for w in sorted(seen))

        fallback_format = next(v.format for v in photo.variants if v.format != "webp")
        large = photo.pick("large", fallback_format)
        thumb = photo.pick("thumb", fallback_format)
        return cls(
            photo.alt, photo.caption, large.width, large.height, photo.site_path(large),
            srcset("webp", ("large", "medium", "thumb")), srcset(fallback_format, ("large", "medium", "thumb")),
            photo.site_path(thumb), thumb.width, thumb.height, srcset("webp", ("thumb", "medium")),
        )


@dataclass(frozen=True)
class Card:
    url: str
    title: str
    summary: str
    date_iso: str
    date_th: str
    office: Link
    rer: Link
    rer_key: str
    pmqa: tuple[str, ...]
    thumb: PhotoView | None
    featured: bool
    lang: str  # "th", or "en" for a story written in English


@dataclass(frozen=True)
class ResultRow:
    indicator: str
    before: str
    after: str
    unit: str
    change: str  # e.g. "−70%" or ""


@dataclass(frozen=True)
class StoryView:
    card: Card
    office_parent: Link | None
    pmqa: tuple[Link, ...]
    photos: tuple[PhotoView, ...]
    results: tuple[ResultRow, ...]
    tags: tuple[str, ...]
    # For the search index: words the story should be found by besides its own text, and the
    # values it is filtered by (office, province, RER component, PMQA categories).
    search_extra: str
    filters: tuple[tuple[str, str], ...]
    result_charts: tuple[str, ...]  # SVG before/after charts, one per result that has a "before"


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    previous: str | None
    next: str | None
    pages: tuple[Link, ...]


@dataclass(frozen=True)
class PageView:
    kind: str  # home | story | listing | offices | frameworks
    title: str
    description: str
    story: StoryView | None = None
    cards: tuple[Card, ...] = ()
    pager: Pager | None = None
    heading_extra: tuple[Link, ...] = ()  # e.g. the office's parent, province
    groups: tuple[tuple[str, tuple[Link, ...]], ...] = ()  # directory pages
    featured: tuple[Card, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    charts: tuple[Chart, ...] = ()
    feed: str | None = None  # site path of this page's Atom feed


@dataclass(frozen=True)
class Chart:
    """A chart and the table of the same figures beside it (for screen readers and printing)."""

    chart_id: str
    heading: str
    svg: str
    rows: tuple[tuple[str, str], ...]  # (label, value)
    note: str = ""


@dataclass(frozen=True)
class Page:
    src_uri: str  # path of the generated Markdown file in the docs folder
    template: str
    markdown: str  # rendered by mkdocs; the office's own text on story pages
    view: PageView
    hide: tuple[str, ...] = ()
    is_story: bool = False


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[Page, ...]
    nav: list
    stories: tuple[Story, ...]
    files: tuple[tuple[str, bytes], ...] = ()  # other files of the site: feeds


def story_lang(story: Story) -> str:
    """"en" for a story written in English (few Thai letters in its title and summary), else "th"."""
    text = story.meta.title + story.meta.summary
    thai = sum(1 for c in text if "\u0e00" <= c <= "\u0e7f")
    letters = sum(1 for c in text if c.isalpha())
    return "en" if letters and thai / letters < 0.2 else "th"


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _change(before: float | None, after: float) -> str:
    if before in (None, 0):
        return ""
    percent = (after - before) / abs(before) * 100
    sign = "+" if percent > 0 else "−" if percent < 0 else "±"
    return f"{sign}{abs(percent):.0f}%"


def office_label(office: Office | None, office_id: str) -> str:
    return office.name_th if office else office_id


def make_card(story: Story, registry: Registry, photos: PhotoReport) -> Card:
    office = registry.offices.get(story.office_id)
    rer = RER_BY_KEY[story.meta.rer]
    first = story.meta.photos[0] if story.meta.photos else None
    processed = photos.photos.get((story.url, first.file)) if first else None
    return Card(
        url=story.url,
        title=story.meta.title,
        summary=story.meta.summary,
        date_iso=story.meta.date.isoformat(),
        date_th=thai_date(story.meta.date),
        office=Link(f"{story.office_id}/", office_label(office, story.office_id)),
        rer=Link(f"rer/{rer.key}/", rer.name_th, extra=rer.name_en),
        rer_key=rer.key,
        pmqa=tuple(story.meta.pmqa),
        thumb=PhotoView.of(processed) if processed else None,
        featured=story.meta.featured,
        lang=story_lang(story),
    )


def _story_view(story: Story, card: Card, registry: Registry, photos: PhotoReport) -> StoryView:
    office = registry.offices.get(story.office_id)
    parent = registry.offices.get(office.parent) if office and office.parent else None
    chips = []
    for code in story.meta.pmqa:
        category = code.split(".", 1)[0]
        label = PMQA_ITEMS[code].name_th if code in PMQA_ITEMS else PMQA_CATEGORIES[code].name_th
        chips.append(Link(f"pmqa/{category}/", label, extra=code))
    views = tuple(
        PhotoView.of(photos.photos[(story.url, ref.file)])
        for ref in story.meta.photos
        if (story.url, ref.file) in photos.photos
    )
    results = tuple(
        ResultRow(r.indicator, _number(r.before), _number(r.after), r.unit or "", _change(r.before, r.after))
        for r in story.meta.results
    )
    names = [office.name_th, office.name_en or "", office.abbr_th or ""] if office else [story.office_id]
    province = office.province_name_th if office else None
    extra = " ".join([
        *story.meta.tags, *names, province or "",
        *(text for ref in story.meta.photos for text in (ref.caption or "", ref.alt)),
        *(r.indicator for r in story.meta.results),
    ])
    filters = [
        ("office", card.office.label),
        ("province", province or "ส่วนกลาง"),
        ("rer", card.rer.label),
        *(("pmqa", f"หมวด {c} {PMQA_CATEGORIES[c].name_th}") for c in story.pmqa_categories),
    ]
    charts = tuple(
        bar_chart(
            f"result-{index}", f"{r.indicator}: ก่อน {_number(r.before)} หลัง {_number(r.after)} {r.unit or ''}".strip(),
            [Bar("ก่อน", r.before, _number(r.before), "moi-chart__bar--before"),
             Bar("หลัง", r.after, _number(r.after), "moi-chart__bar--after")],
            width=480, unit=r.unit or "",
        )
        for index, r in enumerate(story.meta.results)
        if r.before is not None
    )
    return StoryView(
        card=card,
        office_parent=Link(f"{parent.id}/", parent.name_th) if parent else None,
        pmqa=tuple(chips),
        photos=views,
        results=results,
        tags=tuple(story.meta.tags),
        search_extra=" ".join(extra.split()),
        filters=tuple(filters),
        result_charts=charts,
    )


def _story_markdown(story: Story) -> str:
    return story.body.strip() + "\n"


def _paginate(
    base: str, title: str, description: str, cards: Sequence[Card], intro: str, *,
    heading_extra: tuple[Link, ...] = (), template: str = "listing.html",
) -> list[Page]:
    """One page per PAGE_SIZE cards: base/index.md, base/page/2/index.md, …"""
    total = max(1, -(-len(cards) // PAGE_SIZE))
    urls = [f"{base}/" if n == 1 else f"{base}/page/{n}/" for n in range(1, total + 1)]
    pages = []
    for number in range(1, total + 1):
        chunk = tuple(cards[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
        pager = Pager(
            number, total,
            urls[number - 2] if number > 1 else None,
            urls[number] if number < total else None,
            tuple(Link(url, str(n + 1)) for n, url in enumerate(urls)) if total > 1 else (),
        )
        page_title = title if number == 1 else f"{title} (หน้า {number})"
        pages.append(
            Page(
                f"{urls[number - 1]}index.md", template, intro if number == 1 else "",
                PageView("listing", page_title, description, cards=chunk, pager=pager,
                         heading_extra=heading_extra, counts={"stories": len(cards)}),
            )
        )
    return pages


def _newest_first(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.meta.date, s.meta.title, s.url), reverse=True)


def is_published(story: Story, today: dt.date, *, drafts: bool) -> bool:
    """Drafts and write-ups dated after today stay out of the public site unless drafts=True."""
    return drafts or (not story.meta.draft and story.meta.date <= today)


def plan_site(
    stories: Sequence[Story], registry: Registry, config: SiteConfig, photos: PhotoReport
) -> SitePlan:
    ordered = _newest_first(stories)
    cards = {s.url: make_card(s, registry, photos) for s in ordered}
    pages: list[Page] = []

    by_office: dict[str, list[Card]] = defaultdict(list)
    by_rer: dict[str, list[Card]] = defaultdict(list)
    by_pmqa: dict[str, list[Card]] = defaultdict(list)
    for story in ordered:
        card = cards[story.url]
        by_office[story.office_id].append(card)
        by_rer[story.meta.rer].append(card)
        for category in story.pmqa_categories:
            by_pmqa[category].append(card)
        pages.append(
            Page(
                f"{story.office_id}/{story.slug}/index.md", "story.html", _story_markdown(story),
                PageView("story", story.meta.title, story.meta.summary,
                         story=_story_view(story, card, registry, photos)),
                is_story=True,
            )
        )

    for office in registry.offices.values():
        extra = []
        parent = registry.offices.get(office.parent) if office.parent else None
        if parent:
            extra.append(Link(f"{parent.id}/", parent.name_th, extra="สังกัด"))
        if office.province_name_th and office.kind != "province":
            extra.append(Link(f"th-{office.province[3:]}/", office.province_name_th, extra="จังหวัด"))
        description = office.name_en or office.name_th
        office_pages = _paginate(office.id, office.name_th, description, by_office.get(office.id, []),
                                 "", heading_extra=tuple(extra))
        if by_office.get(office.id):
            first = office_pages[0]
            office_pages[0] = Page(first.src_uri, first.template, first.markdown,
                                   replace(first.view, feed=f"{office.id}/feed.xml"))
        pages += office_pages

    for component in RER:
        intro = f"{component.description_th}\n\n*{component.name_en}: {component.description_en}*\n"
        pages += _paginate(f"rer/{component.key}", component.name_th, component.description_th,
                           by_rer.get(component.key, []), intro)
    for category in PMQA:
        items = "\n".join(f"- **{i.code}** {i.name_th} <small>({i.name_en})</small>" for i in category.items)
        intro = f"*{category.name_en}*\n\nหัวข้อในหมวดนี้\n\n{items}\n"
        pages += _paginate(f"pmqa/{category.code}", f"หมวด {category.code} {category.name_th}",
                           category.name_en, by_pmqa.get(category.code, []), intro)

    pages.append(_frameworks_page("rer", "RER: องค์ประกอบการทำงาน",
                                  "งานประจำ ภารกิจพิเศษ และการสื่อสาร/รายงาน",
                                  tuple(Link(f"rer/{c.key}/", c.name_th, len(by_rer.get(c.key, [])), c.name_en)
                                        for c in RER)))
    pages.append(_frameworks_page("pmqa", "PMQA 4.0", "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ 7 หมวด",
                                  tuple(Link(f"pmqa/{c.code}/", f"หมวด {c.code} {c.name_th}",
                                             len(by_pmqa.get(c.code, [])), c.name_en) for c in PMQA)))
    pages.append(_offices_page(registry, by_office))
    pages.append(_home_page(ordered, cards, registry, config, by_rer, by_pmqa, by_office))
    pages.append(_overview_page(ordered, registry))

    nav = [
        {"หน้าแรก": "index.md"},
        {"ภาพรวม": "overview/index.md"},
        {"หน่วยงาน": "offices/index.md"},
        {"RER": ["rer/index.md", *(f"rer/{c.key}/index.md" for c in RER)]},
        {"PMQA 4.0": ["pmqa/index.md", *(f"pmqa/{c.code}/index.md" for c in PMQA)]},
    ]
    site_feeds = tuple((f.site_path, f.xml) for f in feeds(ordered, registry, config))
    return SitePlan(tuple(pages), nav, tuple(ordered), site_feeds)


def _frameworks_page(base: str, title: str, description: str, links: tuple[Link, ...]) -> Page:
    return Page(f"{base}/index.md", "frameworks.html", "",
                PageView("frameworks", title, description, groups=(("", links),)))


_KIND_GROUPS = (
    ("ส่วนกลาง", ("ministry", "office", "bureau", "division", "centre", "group")),
    ("กรม", ("department",)),
    ("จังหวัด", ("province",)),
    ("อำเภอ", ("district",)),
)


def _offices_page(registry: Registry, by_office: dict[str, list[Card]]) -> Page:
    groups = []
    for heading, kinds in _KIND_GROUPS:
        links = tuple(
            Link(f"{o.id}/", o.name_th, len(by_office.get(o.id, [])), o.name_en or "")
            for o in registry.offices.values()
            if o.kind in kinds
        )
        if heading == "จังหวัด":
            links = tuple(sorted(links, key=lambda link: link.label))
        if links:
            groups.append((heading, links))
    with_stories = sum(1 for cards in by_office.values() if cards)
    return Page(
        "offices/index.md", "offices.html", "",
        PageView("offices", "หน่วยงาน", "หน่วยงานในสังกัดกระทรวงมหาดไทยและเรื่องเล่าของแต่ละแห่ง",
                 groups=tuple(groups), counts={"offices": len(registry.offices), "with_stories": with_stories}),
    )


def _home_page(
    ordered: list[Story], cards: dict[str, Card], registry: Registry, config: SiteConfig,
    by_rer: dict[str, list[Card]], by_pmqa: dict[str, list[Card]], by_office: dict[str, list[Card]],
) -> Page:
    featured = tuple(cards[s.url] for s in ordered if s.meta.featured)[: config.home.featured]
    shown = {c.url for c in featured}
    latest = tuple(c for c in (cards[s.url] for s in ordered) if c.url not in shown)[: config.home.latest]
    provinces = {registry.offices[o].province for o, c in by_office.items()
                 if c and o in registry.offices and registry.offices[o].province}
    counts = {"stories": len(ordered), "offices": sum(1 for c in by_office.values() if c),
              "provinces": len(provinces), "photos": sum(len(s.meta.photos) for s in ordered)}
    groups = (
        ("rer", tuple(Link(f"rer/{c.key}/", c.name_th, len(by_rer.get(c.key, [])), c.name_en) for c in RER)),
        ("pmqa", tuple(Link(f"pmqa/{c.code}/", c.name_th, len(by_pmqa.get(c.code, [])), c.code) for c in PMQA)),
    )
    return Page(
        "index.md", "home.html", "",
        PageView("home", config.site_name, config.site_description, cards=latest, featured=featured,
                 groups=groups, counts=counts, feed="feed.xml"),
        hide=("navigation", "toc"),
    )


def _chart(chart_id: str, heading: str, bars: list[Bar], note: str = "") -> Chart:
    return Chart(chart_id, heading, bar_chart(chart_id, heading, bars, unit="เรื่อง"),
                 tuple((b.label, b.display or f"{b.value:g}") for b in bars), note)


def _overview_page(ordered: list[Story], registry: Registry) -> Page:
    """ภาพรวม: stories per PMQA category, RER component, province and month, as charts and tables."""
    figures = coverage(ordered, registry)
    charts = [
        _chart("by-pmqa", "จำนวนเรื่องตามหมวด PMQA 4.0",
               [Bar(f"หมวด {c.code} {c.name_th}", figures.by_pmqa_category[c.code]) for c in PMQA],
               "เรื่องที่ระบุหัวข้อ (เช่น 6.2) นับในหมวดของหัวข้อนั้น"),
        _chart("by-rer", "จำนวนเรื่องตามองค์ประกอบ RER",
               [Bar(c.name_th, figures.by_rer[c.key], css=f"moi-chart__bar--{c.key}") for c in RER]),
    ]
    province_names = {o.province: o.name_th for o in registry.offices.values() if o.kind == "province"}
    provinces = sorted(figures.by_province.items(), key=lambda item: (-item[1], province_names.get(item[0], "")))
    charts.append(_chart("by-province", "จำนวนเรื่องตามจังหวัด",
                         [Bar(province_names.get(code, code), n) for code, n in provinces],
                         "นับเรื่องของสำนักงานจังหวัดและหน่วยงานในจังหวัดนั้น"))
    months: dict[tuple[int, int], int] = {}
    for story in ordered:
        key = (story.meta.date.year, story.meta.date.month)
        months[key] = months.get(key, 0) + 1
    charts.append(_chart("by-month", "จำนวนเรื่องตามเดือน",
                         [Bar(f"{MONTHS_TH_SHORT[m - 1]} {be_year(dt.date(y, m, 1))}", n)
                          for (y, m), n in sorted(months.items())]))
    without = tuple(Link(f"{o}/", registry.offices[o].name_th) for o in figures.offices_without_stories)
    return Page(
        "overview/index.md", "overview.html", "",
        PageView("overview", "ภาพรวม", "ภาพรวมเรื่องเล่าตามหมวด PMQA องค์ประกอบ RER จังหวัด และช่วงเวลา",
                 charts=tuple(charts), groups=(("without", without),),
                 counts={"stories": figures.stories, "offices": len(registry.offices),
                         "with_stories": len(registry.offices) - len(without)}),
        hide=("toc",),
    )

"""What each template reads: one view type per page template, plain data and nothing else.

A view knows nothing of mkdocs: the render module hands it to the template as `moi`. `kind` names
the template (story -> story.html). Every text from a write-up is escaped by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from ..keys import digest


@dataclass(frozen=True)
class Link:
    url: str  # site-relative, e.g. "th-50/" (templates pass it through mkdocs' `url` filter)
    label: str


@dataclass(frozen=True)
class Relation:
    """How a page relates to another: "สังกัด" (belongs to) its parent, "จังหวัด" its province."""

    relation: str
    link: Link


@dataclass(frozen=True)
class Tile:
    """A framework component or category with its number of stories."""

    url: str
    label: str
    label_en: str
    count: int
    code: str = ""  # the PMQA category's number; empty for RER


@dataclass(frozen=True)
class DirectoryEntry:
    """An office in the directory of offices."""

    url: str
    label: str
    label_en: str
    count: int


@dataclass(frozen=True)
class PmqaChip:
    url: str
    label: str
    code: str  # "6.2" or "6"


@dataclass(frozen=True)
class PhotoView:
    alt: str
    caption: str | None
    width: int
    height: int
    src: str  # fallback (JPEG or PNG) large variant
    avif_srcset: tuple[tuple[str, int], ...]  # the same widths as webp_srcset (photos.encode)
    webp_srcset: tuple[tuple[str, int], ...]
    fallback_srcset: tuple[tuple[str, int], ...]
    thumb_src: str
    thumb_width: int
    thumb_height: int
    thumb_avif_srcset: tuple[tuple[str, int], ...]
    thumb_webp_srcset: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Card:
    url: str
    title: str
    summary: str
    date_iso: str
    date_th: str
    office: Link
    rer: Link
    rer_label_en: str
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
    change: str  # as shown: "−70%", "−9 จุด", "−6 ชม." or ""
    # The same as numbers, for a workbook: the values, the change and what it is measured in.
    before_value: float | None = None
    after_value: float | None = None
    change_value: float | None = None
    change_kind: str = ""  # figures.ChangeKind's value, or "" with no change


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    previous: str | None
    next: str | None
    pages: tuple[Link, ...]  # the page numbers shown (plan.pager_numbers); plan.PAGER_GAP between


@dataclass(frozen=True)
class Chart:
    """A chart and the table of the same figures beside it (for screen readers and printing)."""

    chart_id: str
    heading: str
    figure: str  # the chart's HTML (charts.bar_chart)
    rows: tuple[tuple[str, str], ...]  # (label, value)
    note: str = ""
    map: str = ""  # a map of the same figures (thailand_map.province_map), shown before the chart


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class StoryPage:
    kind: ClassVar[str] = "story"
    title: str
    description: str
    card: Card
    office_parent: Link | None
    pmqa: tuple[PmqaChip, ...]
    photos: tuple[PhotoView, ...]
    results: tuple[ResultRow, ...]
    tags: tuple[Link, ...]  # each tag's page
    # For the search index: words the story should be found by besides its own text, and the
    # values it is filtered by (office, province, RER component, PMQA categories).
    search_tags: str
    search_extra: str
    filters: tuple[tuple[str, str], ...]
    result_charts: tuple[str, ...]  # before/after charts (HTML), one per result that has a "before"
    share_image: str | None  # absolute URL of the first photo, for Open Graph (needs site_url)
    related: tuple[Card, ...] = ()  # up to three stories that share its tags, office or PMQA items
    older: Link | None = None  # the office's previous story
    newer: Link | None = None  # the office's next story
    share: tuple[Link, ...] = ()  # LINE, Facebook, X (needs site_url; the page's script fills them in otherwise)
    search_office: str = ""  # the office's own names: weigh most after the title
    search_related: str = ""  # its parent offices' names and synonyms of its body's words: weigh least
    search_synonyms: str = ""  # synonyms of its title's, summary's and tags' words: weigh as its tags
    # Each synonym above and the story's own words it was found by (marked in an excerpt).
    search_synonym_sources: tuple[tuple[str, tuple[str, ...]], ...] = ()
    body_html: str = ""  # the office's text, cleaned (content/body.py), its photos' addresses filled in
    headings: tuple[TocEntry, ...] = ()  # the body's headings, for the table of contents
    # Who reported what, as a government news item names its source: "name, position" or "".
    reported_by: str = ""
    approved_by: str = ""
    contact: str = ""
    partners: tuple[Link, ...] = ()  # the offices it was done with (ร่วมกับ)


@dataclass(frozen=True)
class ListingPage:
    kind: ClassVar[str] = "listing"
    title: str
    description: str
    cards: tuple[Card, ...]
    pager: Pager
    stories: int  # in the whole listing, all pages
    relations: tuple[Relation, ...] = ()
    feed: str | None = None  # site path of this listing's Atom feed
    description_lang: str = "th"  # the description's language (an English office name, a Thai text)


@dataclass(frozen=True)
class OfficesPage:
    kind: ClassVar[str] = "offices"
    title: str
    description: str
    groups: tuple[tuple[str, tuple[DirectoryEntry, ...]], ...]  # (heading, offices)
    offices: int
    with_stories: int
    show_without: bool = False  # whether offices without stories are listed (site_config's overview)
    scheme: str = ""  # the regional scheme the provinces are grouped by, said on the page


@dataclass(frozen=True)
class FrameworksPage:
    kind: ClassVar[str] = "frameworks"
    title: str
    description: str
    tiles: tuple[Tile, ...]


@dataclass(frozen=True)
class HomePage:
    kind: ClassVar[str] = "home"
    title: str
    description: str
    featured: tuple[Card, ...]
    latest: tuple[Card, ...]
    stories: int
    offices: int  # with stories
    provinces: int  # with stories
    photos: int
    rer: tuple[Tile, ...]
    pmqa: tuple[Tile, ...]
    feed: str


@dataclass(frozen=True)
class OverviewPage:
    kind: ClassVar[str] = "overview"
    title: str
    description: str
    charts: tuple[Chart, ...]
    without_stories: tuple[Link, ...]
    stories: int
    offices: int
    with_stories: int


@dataclass(frozen=True)
class TagsPage:
    """Every tag the stories carry, in Thai dictionary order, with how many stories carry it."""

    kind: ClassVar[str] = "tags"
    title: str
    description: str
    tags: tuple[tuple[Link, int], ...]


@dataclass(frozen=True)
class InfoPage:
    """A page of the site about itself (contact, privacy, policies, sitemap): its text is the
    page's Markdown, written from site_config by site/about.py."""

    kind: ClassVar[str] = "info"
    title: str
    description: str


PageView = StoryPage | ListingPage | OfficesPage | FrameworksPage | HomePage | OverviewPage | TagsPage | InfoPage


@dataclass(frozen=True)
class Page:
    url: str  # site-relative address, e.g. "th-50/pha-thai/"
    markdown: str  # rendered as the page's content: the office's own text on story pages
    view: PageView
    # The addresses of the stories the page shows (its own, cards, related, older and newer):
    # kept in the build record, so a change to a story remakes the pages that show it.
    shows: tuple[str, ...] = ()

    @cached_property
    def view_digest(self) -> str:
        """A hash of everything in the view (its repr, nested fields and all), made once: the
        page's render key and its story's search-document key both start from it (at 10,000
        stories, each repr of every view cost most of a second)."""
        return digest(repr(self.view))

"""A story as the site shows it: its card on listings and its own page's view."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache

from ..content.body import html_to_text
from ..content.registry import Registry
from ..content.schema import Person, SiteConfig
from ..content.story import Story
from ..content.synonyms import Expansions, Synonyms
from ..frameworks import PMQA_CATEGORIES, RER_BY_KEY, pmqa_label
from ..photos.process import PhotoReport, ProcessedPhoto
from ..places import english_place_names
from ..thai.calendar import thai_date, years_in
from ..thai.text import format_number, lang_of, slugify
from . import urls
from .charts import Bar, bar_chart
from .figures import change_of
from .views import Card, Link, PhotoView, PmqaChip, ResultRow, StoryPage, TocEntry


def story_lang(story: Story) -> str:
    """ "en" for a story written in English (few Thai letters in its title and summary), else "th"."""
    return lang_of(story.meta.title + story.meta.summary)


@lru_cache(maxsize=65_536)  # the same few hundred tags on thousands of stories
def tag_slug(tag: str) -> str:
    """A tag's address part: its words, Thai kept (#ผ้าไทย -> tags/ผ้าไทย/)."""
    return slugify(tag.lstrip("#"))


def story_url(story: Story) -> str:
    return urls.story(story.office_id, story.slug)


def photo_view(photo: ProcessedPhoto) -> PhotoView:
    base = urls.story(photo.office_id, photo.slug)

    def path(filename: str) -> str:
        return urls.photo(base, photo.stem, filename)

    def srcset(fmt: str, names: Sequence[str]) -> tuple[tuple[str, int], ...]:
        seen: dict[int, str] = {}
        for v in photo.variants:
            if v.format == fmt and v.name in names:
                seen.setdefault(v.width, path(v.filename))
        return tuple((seen[w], w) for w in sorted(seen))

    large = photo.pick("large")
    thumb = photo.pick("thumb")
    # A story's photos are shown at least 300 px wide; a card's as small as 120 (the mini size).
    story_sizes = ("large", "medium", "small", "thumb")
    card_sizes = ("mini", "thumb", "small", "medium")
    return PhotoView(
        photo.alt,
        photo.caption,
        large.width,
        large.height,
        path(large.filename),
        srcset("avif", story_sizes),
        srcset("webp", story_sizes),
        srcset(large.format, story_sizes),
        path(thumb.filename),
        thumb.width,
        thumb.height,
        srcset("avif", card_sizes),
        srcset("webp", card_sizes),
    )


def result_rows(story: Story) -> tuple[ResultRow, ...]:
    """A story's results as the page and the evidence pack show them: numbers formatted, and the
    change told the way its unit needs (per cent, percentage points, hours, or a difference)."""
    rows = []
    for r in story.meta.results:
        change = change_of(r.before, r.after, r.unit)
        rows.append(
            ResultRow(
                r.indicator,
                format_number(r.before),
                format_number(r.after),
                r.unit or "",
                change.text if change else "",
                r.before,
                r.after,
                change.value if change else None,
                change.kind.value if change else "",
            )
        )
    return tuple(rows)


def person_line(person: Person | None) -> str:
    """ "name, position" of a reporter or approver, or ""."""
    if person is None:
        return ""
    return f"{person.name} {person.position}".strip() if person.position else person.name


def make_card(story: Story, registry: Registry, photos: PhotoReport) -> Card:
    rer = RER_BY_KEY[story.meta.rer]
    first = story.meta.photos[0] if story.meta.photos else None
    processed = photos.of(story, first.file) if first else None
    return Card(
        url=story_url(story),
        title=story.meta.title,
        summary=story.meta.summary,
        date_iso=story.meta.date.isoformat(),
        date_th=thai_date(story.meta.date),
        office=Link(urls.office(story.office_id), registry.name_of(story.office_id)),
        rer=Link(urls.rer(rer.key), rer.name_th),
        rer_label_en=rer.name_en,
        rer_key=rer.key,
        pmqa=tuple(story.meta.pmqa),
        thumb=photo_view(processed) if processed else None,
        featured=story.meta.featured,
        lang=story_lang(story),
    )


def story_page(
    story: Story,
    card: Card,
    registry: Registry,
    photos: PhotoReport,
    config: SiteConfig,
    synonyms: Synonyms | None = None,
) -> StoryPage:
    office = registry.offices.get(story.office_id)
    parent = registry.parent_of(office) if office else None
    chips = tuple(PmqaChip(urls.pmqa(code), pmqa_label(code), code) for code in story.meta.pmqa)
    views = tuple(
        photo_view(processed) for ref in story.meta.photos if (processed := photos.of(story, ref.file)) is not None
    )
    results = result_rows(story)
    names = [office.name_th, office.name_en or "", office.abbr_th or ""] if office else [story.office_id]
    province = office.province_name if office else None
    # The offices above this one: a search for a department's name also finds its divisions'
    # stories, ranked below its own (these words weigh least in the index).
    ancestors: list[str] = []
    above = parent
    while above is not None and len(ancestors) < 8:
        ancestors += [above.name_th, above.name_en or "", above.abbr_th or ""]
        above = registry.parent_of(above)
    captions = [text for ref in story.meta.photos for text in (ref.caption or "", ref.alt)]
    written = " ".join(
        [story.meta.title, story.meta.summary, html_to_text(story.body.html), *story.meta.tags, *captions]
    )
    extra = " ".join(
        [
            province or "",
            *captions,
            *(r.indicator for r in story.meta.results),
            # Found in the other script and the other era: Khon Kaen for ขอนแก่น, 2025 for 2568.
            *english_place_names(written, office.province if office else None),
            *years_in(written),
        ]
    )
    filters = [
        ("office", card.office.label),
        ("province", province or "ส่วนกลาง"),
        ("rer", card.rer.label),
        *(("pmqa", f"หมวด {c} {PMQA_CATEGORIES[c].name_th}") for c in story.pmqa_categories),
    ]
    charts = tuple(
        bar_chart(
            f"result-{index}",
            f"{r.indicator} ({r.unit})" if r.unit else r.indicator,
            [
                Bar("ก่อน", r.before, format_number(r.before), "moi-chart__bar--before"),
                Bar("หลัง", r.after, format_number(r.after), "moi-chart__bar--after"),
            ],
            unit=r.unit or "",
        )
        for index, r in enumerate(story.meta.results)
        if r.before is not None
    )
    share_image = urls.absolute(config.site_url, views[0].src) if views and config.site_url else None
    page_address = urls.absolute(config.site_url, story_url(story))
    expanded = _synonyms_of(story, names, captions, synonyms or Synonyms())
    return StoryPage(
        title=story.meta.title,
        description=story.meta.summary,
        card=card,
        office_parent=Link(urls.office(parent.id), parent.name_th) if parent else None,
        pmqa=chips,
        photos=views,
        results=results,
        tags=tuple(Link(urls.tag(tag_slug(t)), t) for t in story.meta.tags if tag_slug(t)),
        share=tuple(Link(address, network) for network, address in urls.share_links(page_address, story.meta.title))
        if config.site_url
        else (),
        search_tags=" ".join(" ".join(story.meta.tags).split()),
        search_extra=" ".join(extra.split()),
        filters=tuple(filters),
        result_charts=charts,
        share_image=share_image,
        body_html=_with_photo_addresses(story, photos),
        search_office=" ".join(name for name in names if name),
        search_related=" ".join([*(name for name in ancestors if name), *expanded.rest]),
        search_synonyms=" ".join(expanded.about),
        search_synonym_sources=expanded.sources,
        headings=tuple(TocEntry(h.level, h.anchor, h.text) for h in story.body.headings),
        reported_by=person_line(story.meta.reported_by),
        approved_by=person_line(story.meta.approved_by),
        contact=story.meta.contact or "",
        partners=tuple(Link(urls.office(p), registry.name_of(p)) for p in story.meta.partners),
    )


def _synonyms_of(story: Story, names: list[str], captions: list[str], synonyms: Synonyms) -> Expansions:
    """The other spellings (content/synonyms.yml) of what the story and its office's names say:
    those of its title, summary and tags (what it is about), and those of the rest only."""
    about = " ".join([story.meta.title, story.meta.summary, *story.meta.tags])
    return synonyms.expansions_by_place(about, " ".join([story.body.html, *names, *captions]))


_IMG_TAG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\bsrc="([^"]*)"')


def _with_photo_addresses(story: Story, photos: PhotoReport) -> str:
    """The body's HTML with each of the story's own photos pointing at its published variant
    (the body reader allowed no other image)."""
    if not story.body.images:
        return story.body.html
    page = story_url(story)

    def address(src: re.Match[str]) -> str:
        processed = photos.of(story, html.unescape(src.group(1)))
        if processed is None:  # the photo could not be processed; the build reports it
            return 'src=""'
        return f'src="{html.escape(urls.relative(page, photo_view(processed).src))}"'

    return _IMG_TAG.sub(lambda tag: _SRC.sub(address, tag.group(0), count=1), story.body.html)

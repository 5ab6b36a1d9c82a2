"""Atom feeds of the latest stories: one for the site (feed.xml) and one per office (<id>/feed.xml).

Dates come from the stories, never from the clock, so the same content gives the same bytes.
Human text (the summary line) carries the date in the Buddhist Era with Thai month names.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..content.coverage import StoryGroups
from ..content.registry import Registry
from ..content.schema import SiteConfig
from ..content.story import Story
from ..frameworks import RER_BY_KEY
from ..plaintext import replaced
from ..thai.calendar import thai_date
from . import urls

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
LATEST = 50
THAILAND = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Feed:
    site_path: str  # "feed.xml" or "th-50/feed.xml"
    xml: bytes
    shows: tuple[str, ...]  # the addresses of the stories it lists


def _text(parent: ET.Element, tag: str, text: str) -> None:
    # XML 1.0 cannot hold a control character at all (not even escaped): one that reached a feed
    # would make it ill-formed for every reader. check refuses them; this keeps the rule here too.
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = replaced(text)


def _stamp(day: dt.date) -> str:
    return dt.datetime(day.year, day.month, day.day, tzinfo=THAILAND).isoformat()


def _feed(
    config: SiteConfig, registry: Registry, stories: Sequence[Story], site_path: str, title: str, page: str
) -> Feed:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": config.language})
    _text(root, "title", title)
    _text(root, "subtitle", config.site_description)
    feed_id = urls.absolute(config.site_url, site_path) if config.site_url else f"tag:moinext,2024:{site_path}"
    ET.SubElement(root, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": urls.absolute(config.site_url, site_path)})
    ET.SubElement(
        root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": urls.absolute(config.site_url, page)}
    )
    newest = max((s.meta.date for s in stories), default=dt.date(2024, 1, 1))
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(root, f"{{{ATOM}}}generator").text = "moinext"
    for story in stories[:LATEST]:
        office_name = registry.name_of(story.office_id)
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "title", story.meta.title)
        path = urls.story(story.office_id, story.slug)
        url = urls.absolute(config.site_url, path)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url if config.site_url else f"tag:moinext,2024:{path}"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(story.meta.date)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(story.meta.date)
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", office_name)
        rer = RER_BY_KEY[story.meta.rer]
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": rer.key, "label": rer.name_th})
        for code in story.meta.pmqa:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": f"pmqa-{code}", "label": f"PMQA {code}"})
        summary = f"{thai_date(story.meta.date)} · {office_name} · {rer.name_th}\n{story.meta.summary}"
        _text(entry, "summary", summary)
    ET.indent(root)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    return Feed(site_path, xml, tuple(urls.story(s.office_id, s.slug) for s in stories[:LATEST]))


def feeds(
    groups: StoryGroups, registry: Registry, config: SiteConfig, wanted: Callable[[str], bool] | None = None
) -> list[Feed]:
    """The site feed and one per office with stories (those wanted, by site path); groups hold
    the stories newest first."""
    out = []
    if wanted is None or wanted(urls.SITE_FEED):
        out.append(_feed(config, registry, groups.stories, urls.SITE_FEED, config.site_name, urls.HOME))
    for office_id, own in sorted(groups.by_office.items()):
        if wanted is None or wanted(urls.office_feed(office_id)):
            title = f"{registry.name_of(office_id)} — {config.site_name}"
            out.append(_feed(config, registry, own, urls.office_feed(office_id), title, urls.office(office_id)))
    return out


def sitemap(pages: Sequence[tuple[str, str | None]], config: SiteConfig) -> bytes:
    """sitemap.xml: every page's absolute address (pages: (address, its date as YYYY-MM-DD or
    None)), in the order of their addresses' parts; no address at all without site_url, which a
    sitemap needs. A story's date is its lastmod, never the build's: two builds of the same
    content are the same bytes."""
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    if config.site_url:
        for url, date in sorted(pages, key=lambda page: tuple(part for part in page[0].split("/") if part)):
            entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = urls.absolute(config.site_url, url)
            if date:
                ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = date
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"

"""Cleaning the HTML rendered from an office's Markdown: nothing that could run script survives.

nh3 (the Rust ammonia sanitiser) keeps an allow-list of tags, attributes and URL schemes.
"""

from __future__ import annotations

import nh3

_ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {
    "figure",
    "figcaption",
    "details",
    "summary",
    "mark",
    "del",
    "ins",
    "sup",
    "sub",
    "section",
    "aside",
}
_ALLOWED_TAGS -= {"script", "style", "iframe"}
_ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    # Heading anchors, admonitions and footnotes need id and class; none of these can run script.
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "width", "height", "loading", "title"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start", "type"},
}


def sanitise(html: str) -> str:
    """Remove anything from rendered office HTML that could run script or load from elsewhere."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )

"""Cleaning the HTML rendered from an office's Markdown: nothing that could run script survives.

nh3 (the Rust ammonia sanitiser) keeps an allow-list of tags, attributes and URL schemes. The
body reader (body.py) reports everything this removes, so nothing disappears without a word.
"""

from __future__ import annotations

import re

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
    # style only for a column's alignment (what a Markdown table writes); _attribute_filter
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "td": {"colspan", "rowspan", "align", "style"},
    "ol": {"start", "type"},
}


# Classes the Markdown plugins give meaning to. Any other class is dropped: the site's own
# scripts and Material's give meaning to theirs (a "glightbox" link has its title written into the
# page as HTML; Material's dialog classes would let a body draw a fake log-in box).
ALLOWED_CLASSES = frozenset(
    {
        "admonition", "admonition-title", "footnote-ref", "footnote-backref", "footnotes", "footnotes-sep",
        "footnotes-list", "footnote-item",
        # the admonition kinds Material styles
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
        "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
        "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
    }
)  # fmt: skip
# Ids the page's own elements and scripts use: an office element with one of them would replace
# it for the scripts (DOM clobbering; "__config" holds Material's configuration).
# GLightbox finds its own box by id (glightbox-body, glightbox-slider): a body element with one
# made opening a photo throw, and the lightbox never opened.
RESERVED_ID_PREFIXES = ("__", "md-", "moi-", "glightbox")
# A fenced code block's language ("```python" -> class="language-python"); nothing reads it.
_CODE_LANGUAGE = re.compile(r"language-[a-z0-9_+#-]{1,30}")
_ALIGNMENT = frozenset({"text-align:left", "text-align:right", "text-align:center"})


def is_allowed_class(name: str) -> bool:
    return name in ALLOWED_CLASSES or _CODE_LANGUAGE.fullmatch(name) is not None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [name for name in value.split() if is_allowed_class(name)]
        return " ".join(kept) or None
    if attribute == "style":
        return value if "".join(value.split()).rstrip(";").lower() in _ALIGNMENT else None
    if attribute == "id" and value.lower().startswith(RESERVED_ID_PREFIXES):
        return None
    return value


def sanitise(html: str) -> str:
    """Remove anything from rendered office HTML that could run script or load from elsewhere."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )

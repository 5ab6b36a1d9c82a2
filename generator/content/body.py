"""The Markdown body of a write-up: it must not be empty, and must not carry HTML that runs script.

Code blocks and spans are blanked out first (offsets kept) so an office may show HTML as code.
"""

from __future__ import annotations

import re

from ..problems import Fragment, Problem

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?\n.*?(?:^\1?\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_UNSAFE_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet)\b", re.I)
_TAG_OR_ATTRS = re.compile(r"<[a-zA-Z][^<>]*>|\{[^{}\n]*\}")
_EVENT_ATTR = re.compile(r"(?<=[\s\"'/])(on[a-z]+)\s*=", re.I)
_SCRIPT_URL = re.compile(r"(?:javascript|vbscript)\s*:", re.I)


def _mask_code(text: str) -> str:
    """Blank out code blocks and spans (keeping offsets) so code that shows HTML is allowed."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _offset_position(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return first_line + line, column


def check_body(body: str, first_line: int, path: str) -> list[Problem]:
    if not body.strip():
        return [Problem(path, first_line, 1, "", "body.empty")]
    text = _mask_code(body)
    found: list[tuple[int, Fragment]] = []
    for match in _UNSAFE_TAG.finditer(text):
        found.append((match.start(), Fragment("what.tag", {"tag": match.group(1).lower()})))
    for tag in _TAG_OR_ATTRS.finditer(text):
        for attr in _EVENT_ATTR.finditer(tag.group(0)):
            name = attr.group(1).lower()
            found.append((tag.start() + attr.start(1), Fragment("what.event_attribute", {"name": name})))
    for match in _SCRIPT_URL.finditer(text):
        scheme = match.group(0).rstrip(": ").lower()
        found.append((match.start(), Fragment("what.scheme_link", {"scheme": scheme})))
    found.sort(key=lambda item: item[0])
    return [
        Problem(
            path,
            *_offset_position(body, offset, first_line),
            "",
            "body.unsafe_html",
            {"what": what, "hint": Fragment("hint.code_block")},
        )
        for offset, what in found
    ]

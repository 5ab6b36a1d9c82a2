"""The Markdown body of a write-up, read once: rendered, cleaned and judged.

`check` and `build` share this one reading. The body is rendered by markdown-it (CommonMark, in
time linear in the text: Python-Markdown took minutes on a few kilobytes of "[" or of list
items), cleaned by the sanitiser, and the two are compared: anything the cleaning would remove
(a tag, an attribute, a class, an id, text) is an error at its line, so an office's text never
disappears from the page without a word. The build publishes exactly the HTML judged here.

Images may show only the story's own photos (listed under `photos:`); the site never makes a
visitor's browser fetch from another host.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Collection, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from ..keys import KEEP_UNUSED_S, code_fingerprint, digest, forget_unused, read_sealed, write_sealed
from ..plaintext import UNSAFE, describe
from ..problems import Fragment, Problem, Severity, has_errors
from ..thai.text import slugify
from .sanitise import RESERVED_ID_PREFIXES, sanitise

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Tags and attributes that run script or embed another page: these are "unsafe", not just removed.
_SCRIPT_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet", "noscript"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# A Markdown link or image to one of these schemes is not made a link (markdown-it refuses it)
# and shows as its source text: inert, but not what the writer meant, so they hear of it.
_REFUSED_LINK = re.compile(r"(?:\]\(\s*<?|<)\s*(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
# The unsafe characters reported per body: one is enough to find the pasted passage.
_UNSAFE_REPORTED = 5
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "background", "poster"})


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str  # the heading's id
    text: str


@dataclass(frozen=True)
class Body:
    html: str  # cleaned: what the story page shows
    headings: tuple[Heading, ...]  # for the page's table of contents
    images: tuple[str, ...]  # the story's own photos the body shows (file names)


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(fragment: str) -> str:
    """Visible text of rendered Markdown: tags dropped, entities decoded, white space folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def heading_anchor(text: str) -> str:
    """A heading's id: its words, Thai marks kept; never one of the ids the page's own scripts use."""
    anchor = slugify(text, "-")
    if not anchor or anchor.startswith(RESERVED_ID_PREFIXES):
        anchor = f"h-{anchor}".rstrip("-")
    return anchor


# The anchors already given in the body being read (read_body sets it): the anchors plugin makes
# an id unique by trying "-1", "-2" … against all of them, quadratic in repeated headings (50,000
# "# a" took 315 s); numbering them here hands it ids that are unique already.
_ANCHORS_GIVEN: ContextVar[dict[str, int]] = ContextVar("anchors_given")


def _numbered_anchor(text: str) -> str:
    anchor = heading_anchor(text)
    given = _ANCHORS_GIVEN.get()
    times = given.get(anchor, 0)
    given[anchor] = times + 1
    return anchor if times == 0 else f"{anchor}-{times}"


@cache
def _markdown() -> MarkdownIt:
    # Imported when a body is first read: a build whose bodies are all kept (a title edit) never
    # reads one, and the parser's import was 20 ms of every command's start.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.anchors import anchors_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    # CommonMark with tables, ~~strikethrough~~, footnotes, "!!! note" boxes, definition lists and
    # heading anchors. Raw HTML is rendered (offices use <u>, <br>, tables) and then cleaned.
    # maxNesting bounds the depth of lists and quotes.
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 20})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(admon_plugin).use(deflist_plugin)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=_numbered_anchor)
    return md


def _headings(tokens: list[Token]) -> tuple[Heading, ...]:
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            inline = tokens[index + 1]
            text = "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))
            found.append(Heading(int(token.tag[1:]), str(token.attrGet("id") or ""), text))
    return tuple(found)


def _has_text(tokens: list[Token]) -> bool:
    """Whether the body says anything besides its headings (text, a photo, a table, code)."""
    for index, token in enumerate(tokens):
        if token.type in ("fence", "code_block") and token.content.strip():
            return True
        heading = index > 0 and tokens[index - 1].type == "heading_open"
        if token.type == "inline" and token.content.strip() and not heading:
            return True
        if token.type == "html_block" and without_comments(token.content)[0].strip():
            return True
    return False


Fact = tuple[str, ...]  # ("tag", name) | ("attr", tag, name, value) | ("class", tag, name)


_DOCUMENT_TAGS = frozenset({"html", "head", "body"})  # the parser's own, around any fragment


@dataclass(frozen=True)
class _Facts:
    """The elements, attributes and classes (facts) and the text of a fragment of HTML, in
    document order, as a browser parses it (the HTML standard's parser, Lexbor: linear in the
    text, whatever it holds; the standard library's parser crashed on marked sections such as
    "<![" and took minutes on 200 KB of unclosed tags)."""

    facts: list[Fact]
    text: list[str]

    @classmethod
    def of(cls, html: str) -> _Facts:
        facts: list[Fact] = []
        text: list[str] = []
        root = LexborHTMLParser(html).root
        for node in root.traverse(include_text=True) if root is not None else ():
            tag = node.tag or ""
            if tag == "-text":
                data = node.text_content or ""
                if data.strip():
                    text.append(data)
                continue
            if tag.startswith("-") or tag in _DOCUMENT_TAGS:
                continue  # comments, and the document the parser puts around a fragment
            facts.append(("tag", tag))
            for name, value in node.attributes.items():
                if name == "class":
                    facts.extend(("class", tag, c) for c in (value or "").split())
                else:
                    facts.append(("attr", tag, name, value or ""))
        return cls(facts, text)


def without_comments(html: str) -> tuple[str, bool]:
    """HTML without its comments (and "<?…>" bogus comments), and whether one is never closed.

    The cleaning drops comments anyway; removing them first, in one linear pass, also spares the
    standard library's HTML parser, which is quadratic on unclosed comments (15 s for 200 KB).
    """
    parts: list[str] = []
    position = 0
    while True:
        comment, bogus = html.find("<!--", position), html.find("<?", position)
        starts = [at for at in (comment, bogus) if at >= 0]
        if not starts:
            parts.append(html[position:])
            return "".join(parts), False
        start = min(starts)
        parts.append(html[position:start])
        if start == comment:
            # "<!-->" and "<!--->" close at once (HTML's abrupt closing of an empty comment).
            if html.startswith(">", start + 4) or html.startswith("->", start + 4):
                position = html.find(">", start + 4) + 1
                continue
            end = html.find("-->", start + 4)
            close = 3
        else:
            end = html.find(">", start + 2)
            close = 1
        if end < 0:
            return "".join(parts), True
        position = end + close


def _removed(before: list[Fact], after: list[Fact]) -> Iterator[Fact]:
    """Facts of `before` missing from `after`, in document order (additions such as rel= are fine)."""
    missing = Counter(before) - Counter(after)
    for fact in before:
        if missing[fact] > 0:
            missing[fact] -= 1
            yield fact


class _Locator:
    """Finds where a construct was written: the n-th search for the same words finds their n-th
    occurrence (the rendered HTML has lost the source's lines, but not its words)."""

    def __init__(self, source: str, first_line: int) -> None:
        self.source = source
        self.lowered = source.lower()
        self.first_line = first_line
        self.cursors: dict[str, int] = {}

    def find(self, *keys: str) -> tuple[int, int]:
        for key in keys:
            key = key.lower()
            if not key:
                continue
            offset = self.lowered.find(key, self.cursors.get(key, 0))
            if offset < 0:
                offset = self.lowered.find(key)
            if offset >= 0:
                self.cursors[key] = offset + 1
                line = self.source.count("\n", 0, offset)
                column = offset - (self.source.rfind("\n", 0, offset) + 1) + 1
                return self.first_line + line, column
        return self.first_line, 1


def _judge(fact: Fact, tag_removed: set[str]) -> tuple[str, Fragment, tuple[str, ...]] | None:
    """(message code, what was removed, words to find it by) for a removed fact."""
    if fact[0] == "tag":
        tag = fact[1]
        code = "body.unsafe_html" if tag in _SCRIPT_TAGS else "body.removed"
        return code, Fragment("what.tag", {"tag": tag}), (f"<{tag}",)
    if fact[0] == "class":
        return "body.removed", Fragment("what.class", {"name": fact[2]}), (fact[2],)
    tag, name, value = fact[1], fact[2], fact[3]
    if name.startswith("on"):
        return "body.unsafe_html", Fragment("what.event_attribute", {"name": name}), (name,)
    if name in _URL_ATTRIBUTES and "".join(value.split()).lower().startswith(_SCRIPT_SCHEMES):
        scheme = "".join(value.split()).lower().split(":", 1)[0]
        return "body.unsafe_html", Fragment("what.scheme_link", {"scheme": scheme}), (value, name)
    if tag in tag_removed:
        return None  # reported with its element
    if name == "id":
        return "body.removed", Fragment("what.reserved_id", {"value": value}), (value,)
    return "body.removed", Fragment("what.attribute", {"name": name, "tag": tag}), (name, f"<{tag}")


def _hint(code: str, what: Fragment) -> Fragment:
    if code == "body.unsafe_html":
        return Fragment("hint.code_block")
    if what.code == "what.reserved_id":
        return Fragment("hint.reserved_id", {"prefixes": ", ".join(f"'{p}'" for p in RESERVED_ID_PREFIXES)})
    return Fragment("hint.allowed_classes" if what.code == "what.class" else "hint.allowed_html")


def read_body(
    source: str, first_line: int, path: str, photos: Collection[str] = ()
) -> tuple[Body | None, list[Problem]]:
    """Render, clean and judge a body; `photos` are the file names listed under `photos:`.

    Returns the Body the site will publish, or None when there are errors."""
    if not source.strip():
        return None, [Problem(path, first_line, 1, "", "body.empty")]
    problems: list[Problem] = []
    for found in list(UNSAFE.finditer(source))[:_UNSAFE_REPORTED]:
        line, column = _position(source, found.start(), first_line)
        problems.append(
            Problem(path, line, column, "", "body.unsafe_char", {"char": describe(found.group(0)), "position": column})
        )
    for found in _REFUSED_LINK.finditer(source):
        line, column = _position(source, found.start(), first_line)
        scheme = {"scheme": found.group(1).lower()}
        problems.append(Problem(path, line, column, "", "body.refused_link", scheme, Severity.WARNING))
    md = _markdown()
    env: dict[str, object] = {}
    given = _ANCHORS_GIVEN.set({})
    try:
        tokens = md.parse(source, env)
    finally:
        _ANCHORS_GIVEN.reset(given)
    rendered = md.renderer.render(tokens, md.options, env)
    cleaned = sanitise(rendered)
    uncommented, unclosed = without_comments(rendered)
    before, after = _Facts.of(uncommented), _Facts.of(cleaned)
    locate = _Locator(source, first_line)
    if unclosed:
        # Browsers hide everything after an unclosed "<!--": the rest of the story would vanish.
        problems.append(Problem(path, *locate.find("<!--"), "", "body.unclosed_comment"))
    images: list[str] = []
    for fact in before.facts:
        if fact[:3] == ("attr", "img", "src"):
            if fact[3] in photos:
                images.append(fact[3])
            else:
                where = locate.find(fact[3], "<img", "![")
                listed = (
                    Fragment("hint.listed_photos", {"photos": ", ".join(sorted(photos))})
                    if photos
                    else Fragment("hint.no_photos_listed")
                )
                params: dict[str, object] = {"src": fact[3] or '""', "listed": listed}
                problems.append(Problem(path, *where, "", "body.image_elsewhere", params))
    removed = list(_removed(before.facts, after.facts))
    tag_removed = {fact[1] for fact in removed if fact[0] == "tag"}
    for fact in removed:
        if fact[:3] == ("attr", "img", "src"):
            continue  # reported above, with what to do instead
        judged = _judge(fact, tag_removed)
        if judged is None:
            continue
        code, what, keys = judged
        problems.append(Problem(path, *locate.find(*keys), "", code, {"what": what, "hint": _hint(code, what)}))
    if not unclosed and not has_errors(problems):
        lost = Counter("".join("".join(before.text).split())) - Counter("".join("".join(after.text).split()))
        if lost:
            # Text the cleaning dropped without removing a tag we could name (never seen; a guard).
            sample = next((t.strip() for t in before.text if any(ch in lost for ch in t)), "")
            problems.append(Problem(path, *locate.find(sample[:20]), "", "body.text_lost", {"text": sample[:60]}))
    if not unclosed and not _has_text(tokens):
        # Only comments, or only headings: a template from `moinext new` never filled in.
        code = "body.unfilled" if any(t.type == "heading_open" for t in tokens) else "body.empty"
        problems.append(Problem(path, first_line, 1, "", code))
    # An image of data: is already an error (not one of the story's photos): one word for it.
    shown_elsewhere = {(p.line, p.column) for p in problems if p.code == "body.image_elsewhere"}
    problems = [
        p
        for p in problems
        if p.code != "body.refused_link" or not any((p.line, p.column + n) in shown_elsewhere for n in range(1, 6))
    ]
    problems.sort(key=lambda p: (p.line, p.column))
    if has_errors(problems):
        return None, problems
    return Body(cleaned, _headings(tokens), tuple(images)), problems


def _position(source: str, offset: int, first_line: int) -> tuple[int, int]:
    """The line (in the file) and column (1-based) of offset in the body's source."""
    line_start = source.rfind("\n", 0, offset) + 1
    return first_line + source.count("\n", 0, offset), offset - line_start + 1


class BodyCache:
    """Bodies that passed with no problem at all, by everything read_body reads (and this program's
    code): kept in memory while a run lasts and in a folder for the next run, so an
    unchanged story is not rendered and judged again. A body with any problem is never kept:
    it is judged afresh each time, with its messages."""

    _MEMORY_LIMIT = 50_000

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memory: dict[str, Body] = {}
        self.used: set[str] = set()

    def read(
        self, source: str, first_line: int, path: str, photos: Collection[str] = ()
    ) -> tuple[Body | None, list[Problem]]:
        key = digest(code_fingerprint(), source, str(first_line), path, *sorted(photos))
        self.used.add(key)
        known = self.memory.get(key) or self._load(key)
        if known is not None:
            return known, []
        body, problems = read_body(source, first_line, path, photos)
        if body is not None and not problems:
            self._keep(key, body)
        return body, problems

    def _file(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder else None

    def _load(self, key: str) -> Body | None:
        file = self._file(key)
        if file is None:
            return None
        sealed = read_sealed(file)
        if sealed is None:
            return None  # absent, damaged or planted (an edited html): render and judge it again
        try:
            data = json.loads(sealed)
            body = Body(
                str(data["html"]),
                tuple(Heading(int(level), str(anchor), str(text)) for level, anchor, text in data["headings"]),
                tuple(str(name) for name in data["images"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: render it again
        self._remember(key, body)
        return body

    def _keep(self, key: str, body: Body) -> None:
        self._remember(key, body)
        file = self._file(key)
        if file is None:
            return
        data = {
            "html": body.html,
            "headings": [[h.level, h.anchor, h.text] for h in body.headings],
            "images": body.images,
        }
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            write_sealed(file, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # an unwritable cache only costs time; the build reports its own cache problems

    def _remember(self, key: str, body: Body) -> None:
        if len(self.memory) >= self._MEMORY_LIMIT:
            self.memory.clear()
        self.memory[key] = body

    def forget_unused(self, older_than_s: float = KEEP_UNUSED_S) -> None:
        """Remove kept bodies no write-up used in this run and that are older than a day (another
        build may be reading them), so the folder does not grow with every edit."""
        if self.folder is not None:
            forget_unused(self.folder, "*/*", self.used, older_than_s)

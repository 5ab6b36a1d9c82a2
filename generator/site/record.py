"""The build record: what each output of the last build was made from, kept inside the built
site (urls.BUILD_RECORD, never published). The next build compares it with the content to find
the stale outputs (site/stale.py); nothing else of a previous build is trusted.

Every output is here with its key (keys.py: a hash of all it is made from) and, where it shows
stories, the addresses of those stories: each page, each file made from the plan (feeds, the
sitemap, the PMQA evidence packs), each part of the search index, and the theme's files. Each
story is here with four keys: where it stands (placement), what other pages show of it (shown),
that and its body (whole), and its search document.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.story import Story
from ..keys import digest
from ..photos.process import PhotoReport
from . import urls
from .cards import story_url

FORMAT = 2  # a record of another format is no record: everything is made again


@dataclass(frozen=True)
class StoryKeys:
    placement: str  # on which pages and where it stands (placement_key)
    shown: str  # what other pages show of it: its folder, front-matter and processed photos
    whole: str  # shown, and its body: its own page
    document: str = ""  # its search document (search.document_key); "" until planned


@dataclass(frozen=True)
class Output:
    """A page or a file of the site: its key, and the addresses of the stories it shows."""

    key: str
    shows: tuple[str, ...] = ()


# A page of the menu as the renderer reads it (its Markdown and front-matter): a rebuild that
# plans only some pages still gives every page the site navigation (render.py).
MenuPage = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class BuildRecord:
    inputs: dict[str, str] = field(default_factory=dict)  # everything but the stories (stale.inputs_key)
    site: str = ""  # what every page's rendering depends on (render.site_key)
    stories: dict[str, StoryKeys] = field(default_factory=dict)  # story address -> its keys
    pages: dict[str, Output] = field(default_factory=dict)  # page address -> its output
    files: dict[str, Output] = field(default_factory=dict)  # site path -> a file made from the plan
    search: dict[str, str] = field(default_factory=dict)  # search index part's folder -> its key
    assets: tuple[str, ...] = ()  # the theme's files the renderer wrote (site paths), made with `site`
    menu: dict[str, MenuPage] = field(default_factory=dict)  # menu page address -> as rendered

    @classmethod
    def read(cls, site_dir: Path | None) -> BuildRecord:
        """The record of the site in site_dir; empty (everything stale) if absent or damaged."""
        if site_dir is None:
            return cls()
        try:
            kept = json.loads((site_dir / urls.BUILD_RECORD).read_text(encoding="utf-8"))
            if kept["format"] != FORMAT:
                return cls()
            stories = {_text(url): StoryKeys(*map(_text, keys)) for url, keys in kept["stories"].items()}
            numbered = sorted(stories)  # what the numbers in each output's shows stand for
            return cls(
                inputs={_text(name): _text(key) for name, key in kept["inputs"].items()},
                site=_text(kept["site"]),
                stories=stories,
                pages={_text(url): _output(entry, numbered) for url, entry in kept["pages"].items()},
                files={_text(path): _output(entry, numbered) for path, entry in kept["files"].items()},
                search={_text(folder): _text(key) for folder, key in kept["search"].items()},
                assets=tuple(_text(path) for path in kept["assets"]),
                menu={_text(url): (_text(md), dict(meta)) for url, (md, meta) in kept["menu"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return cls()

    def write(self, site_dir: Path) -> None:
        # Each output's stories by their number in the sorted list of the record's stories: at
        # 10,000 stories, 76,000 addresses made the record slow to read (0.55 s).
        number = {url: n for n, url in enumerate(sorted(self.stories))}

        def shown(output: Output) -> list[int | str]:
            return [number.get(url, url) for url in output.shows]

        kept = {
            "format": FORMAT,
            "inputs": dict(sorted(self.inputs.items())),
            "site": self.site,
            "menu": dict(sorted(self.menu.items())),
            "search": dict(sorted(self.search.items())),
            "assets": sorted(self.assets),
            "stories": {url: [k.placement, k.shown, k.whole, k.document] for url, k in sorted(self.stories.items())},
            "pages": {url: [o.key, shown(o)] for url, o in sorted(self.pages.items())},
            "files": {path: [o.key, shown(o)] for path, o in sorted(self.files.items())},
        }
        # One line: an indented dump takes json's Python encoder, five times slower at 10,000.
        text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
        (site_dir / urls.BUILD_RECORD).write_text(text + "\n", encoding="utf-8")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _output(entry: object, numbered: Sequence[str]) -> Output:
    """An output as written: its key and its stories, each by its number in numbered (or, for a
    story the record does not list, its address)."""
    if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[1], list):
        raise TypeError("not an output")
    shows = tuple(numbered[n] if type(n) is int and n >= 0 else _text(n) for n in entry[1])
    return Output(_text(entry[0]), shows)


def placement_key(story: Story) -> str:
    """Everything that decides on which pages a story stands and where: its address, date,
    office, draft and featured flags, tags, RER and PMQA, and how many photos it has (the home
    page counts them); its former addresses too (a redirect page no longer wanted is then left
    out of the site, which only a whole build does). Lists are ordered by date and address
    (plan.newest_first), so nothing else a story says moves it, or another story, from one page
    to another."""
    meta = story.meta
    placed = [story.office_id, story.slug, meta.date.isoformat(), str(meta.draft), str(meta.featured)]
    return digest(*placed, repr(meta.tags), meta.rer, repr(meta.pmqa), str(len(meta.photos)), repr(meta.aliases))


def story_keys(stories: Sequence[Story], photos: PhotoReport) -> dict[str, StoryKeys]:
    """Each story's keys by its address (the document's key comes with its view, when planned)."""
    keys: dict[str, StoryKeys] = {}
    for story in stories:
        stems = [processed.stem if (processed := photos.of(story, ref.file)) else "" for ref in story.meta.photos]
        shown = digest(story.front_key, *stems)
        keys[story_url(story)] = StoryKeys(placement_key(story), shown, digest(shown, story.body_key))
    return keys


def with_documents(keys: Mapping[str, StoryKeys], documents: Mapping[str, str]) -> dict[str, StoryKeys]:
    """keys with each story's search document key."""
    return {url: StoryKeys(k.placement, k.shown, k.whole, documents[url]) for url, k in keys.items()}

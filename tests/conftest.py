"""Shared fixtures: a small content tree to break on purpose, and one build of the example site."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from generator import pipeline
from generator.site.links import link_or_copy

# The example site's search index in parts of a few stories each (search.py), so every test of the
# search searches a merged index, as a site of a thousand stories does.
os.environ.setdefault("MOINEXT_SEARCH_PART_SIZE", "6")
# The commands speak Thai unless told otherwise; the tests read their English (each test of the
# Thai passes --lang th, and test_cli checks the default without this).
os.environ["MOINEXT_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONTENT = ROOT / "content"
EXAMPLE_CONFIG = ROOT / "site_config.yml"


@pytest.hookimpl(trylast=True)  # after pytest-randomly's shuffle, whose order it keeps otherwise
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked slow (ten seconds to a minute of building or publishing each) start first:
    started last, one of them was still running alone when every other test had finished. With
    `make test`'s --dist worksteal the long ones run side by side from the start and the short
    ones, stolen from the end of a worker's queue, fill the gaps."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


REGISTRY = """\
offices:
  - id: moi
    name_th: กระทรวงมหาดไทย
    name_en: Ministry of Interior
    kind: ministry
  - id: th-50
    name_th: จังหวัดเชียงใหม่
    name_en: Chiang Mai Province
    kind: province
    parent: moi
    province: TH-50
  - id: ops-ict
    name_th: ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร
    kind: centre
    parent: moi
"""

GOOD_FRONT = """\
title: ทอผ้าไทย
date: 2024-06-22
rer: extra
pmqa: [6.2]
summary: สรุปสั้น ๆ
"""


class ContentTree:
    """A temporary content/ folder with helpers to add write-ups and photos."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.content.mkdir()
        (self.content / "offices.yml").write_text(REGISTRY, encoding="utf-8")
        self.config = root / "site_config.yml"
        self.config.write_text(f"cache_dir: {root / 'cache'}\n", encoding="utf-8")
        self.seeded = False

    def story(
        self,
        path: str,
        front: str = GOOD_FRONT,
        body: str = "เนื้อเรื่อง\n",
        *,
        raw: str | None = None,
        data: bytes | None = None,
    ) -> Path:
        """Write content/<path>/index.md from front-matter and body (or raw text, or raw bytes)."""
        target = self.content / path / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            target.write_bytes(data)
        else:
            text = raw if raw is not None else f"---\n{textwrap.dedent(front)}---\n{body}"
            target.write_text(text, encoding="utf-8")
        return target

    def photo(self, path: str, size: tuple[int, int] = (800, 600), mode: str = "RGB", **save: object) -> Path:
        target = self.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        colour = (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)
        Image.new(mode, size, colour).save(target, **save)
        return target

    def check(self) -> pipeline.CheckResult:
        return pipeline.check(self.content, self.config)

    def build(self, out: Path | None = None, **options: object) -> pipeline.BuildResult:
        if not self.seeded:  # the theme's fonts and compressed files (not the tree's own photos)
            seed_cache(self.root / "cache")
            self.seeded = True
        return pipeline.build(self.content, self.config, out or self.root / "site", **options)


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path)


# A site small enough to publish again and again, with every kind of file the whole example has:
# pages in Thai and English, photos in every size and format, tags, feeds, assets, fonts, search
# index parts. A publish sends and reads each file, and a real server answers a request in tens of
# milliseconds: the publishing tests published the whole example (430 files) 60 times, 40% of the
# suite's time, and nothing they check grows with the number of stories.
PUBLISHING_STORIES = ("th-50/pha-thai-jomthong", "th-50/damrongdham-15-days", "dol/same-day-transfer")


def copy_example(
    root: Path, extra_config: str = "", *, seeded: bool = True, stories: tuple[str, ...] | None = None
) -> tuple[Path, Path]:
    """The example content and configuration copied into root, to change at will: returns
    (root/content, root/site_config.yml), the configuration with a cache of its own in root and
    extra_config appended. seeded: that cache starts with the example's processed photos, fonts
    and compressed copies (seed_cache); False for a test of those caches themselves. stories:
    only these write-ups ("office/slug") and the files beside them, offices.yml and the rest."""

    def left_out(folder: str, names: list[str]) -> set[str]:
        if stories is None:
            return set()
        # The offices' folders at the top, the stories' in them: those not kept, and no other file.
        at = Path(folder).relative_to(EXAMPLE_CONTENT).as_posix()
        kept = {story.split("/")[0] for story in stories} if at == "." else set(stories)
        return {
            name
            for name in names
            if Path(folder, name).is_dir() and (name if at == "." else f"{at}/{name}") not in kept
        }

    content = root / "content"
    shutil.copytree(EXAMPLE_CONTENT, content, ignore=left_out)
    if stories is not None:
        missing = [story for story in stories if not (content / story / "index.md").is_file()]
        assert not missing, f"not in the example content: {missing}"
    config = root / "site_config.yml"
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8") + f"cache_dir: {root / 'cache'}\n" + extra_config
    config.write_text(text, encoding="utf-8")
    if seeded:
        seed_cache(root / "cache")
    return content, config


# The caches whose entries are named by the bytes they were made from: processed photos (by the
# photo's hash and the settings), the site's fonts, compressed copies (by the file's hash). Any
# build that makes an entry makes the same bytes, and a build checks each entry it takes from them
# as it would any (sealed, or unpacked and compared). A test's build, "clean" ones included,
# still judges, renders and indexes everything itself; starting its cache with these spares it
# re-encoding the same photos and fonts: 1.9 s -> 1.1 s a build of the example, which the suite
# makes about 170 times from an empty cache. Names as in generator/photos/process.py,
# site/fonts.py and site/assemble.py.
CONTENT_ADDRESSED_CACHES = ("photos", "fonts", "compressed")

_session_tmp: list[pytest.TempPathFactory] = []


@pytest.fixture(scope="session", autouse=True)
def _remember_session_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    _session_tmp.append(tmp_path_factory)


@functools.cache
def _example_build() -> Path:
    """The shipped example content built once per test process: root/content, site and cache."""
    root = _session_tmp[0].mktemp("example")
    content = root / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    result = pipeline.build(content, EXAMPLE_CONFIG, root / "site", cache_dir=root / "cache")
    assert result.ok, result.problems
    return root


def seed_cache(cache: Path, source: Path | None = None) -> None:
    """Start the cache folder with hard links to the content-addressed caches of source, by
    default of the example's build. The prune stamp is left out, so pruning is due as in a new
    cache. Links, not copies (0.05 s rather than 0.3 s for the example's 670 files, about 170
    times a run): a build never writes into an entry in place (keys.write_whole and the photo
    cache write a new file and rename it), and a test that damages an entry must replace it the
    same way (damage_entry), so the example's own cache stays whole for the next test."""
    source = source if source is not None else _example_build() / "cache"
    for name in CONTENT_ADDRESSED_CACHES:
        if (source / name).is_dir():
            shutil.copytree(
                source / name,
                cache / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns(".pruned"),
                copy_function=lambda from_, to: link_or_copy(Path(from_), Path(to)),
            )


def damage_entry(entry: Path, data: bytes) -> None:
    """Give a cache entry other bytes in a new file of its own: written in place, they would
    reach every cache that links the same file (seed_cache)."""
    entry.unlink()
    entry.write_bytes(data)


@pytest.fixture(scope="session")
def example_site() -> Path:
    """The shipped example content, built once for all tests that read the HTML."""
    return _example_build() / "site"


def indexed_stories(site: Path, part: str | None = None) -> dict[str, dict[str, object]]:
    """What the search index holds for each story, by address ("/th-50/…/"): what a result shows
    (meta, content) and its filters ({name: [values]}), read from the index's own files
    (generator/site/search/engine.py). In every part listed in search/parts.json, or in one (its
    folder's name, "0/")."""
    import json

    index = site / "search"
    folders = json.loads((index / "parts.json").read_text(encoding="utf-8"))["parts"] if part is None else [part]
    found: dict[str, dict[str, object]] = {}
    for folder in folders:
        filters: dict[int, dict[str, list[str]]] = {}
        listed = json.loads((index / folder / "filters.json").read_text(encoding="utf-8"))
        for name, values in listed["filters"].items():
            for value, gaps in values.items():
                doc = -1
                for gap in gaps:
                    doc += gap
                    filters.setdefault(doc, {}).setdefault(name, []).append(value)
        for path in (index / folder / "f").glob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            data["filters"] = filters.get(int(path.stem), {})
            found["/" + data["url"]] = data
    return found


def indexed_words(site: Path) -> dict[str, set[str]]:
    """Each story's words in the search index (every part's t/ groups and their postings), by
    address ("/th-50/…/")."""
    import json

    index = site / "search"
    found: dict[str, set[str]] = {}
    for folder in json.loads((index / "parts.json").read_text(encoding="utf-8"))["parts"]:
        urls = {
            int(p.stem): "/" + json.loads(p.read_text(encoding="utf-8"))["url"]
            for p in (index / folder / "f").glob("*.json")
        }
        for bucket in (index / folder / "t").glob("*.json"):
            for word, (_, held) in json.loads(bucket.read_text(encoding="utf-8")).items():
                flat = (
                    held if isinstance(held, list) else json.loads((index / folder / "p" / f"{held}.json").read_text())
                )
                doc = -1
                for gap in flat[::2]:
                    doc += gap
                    found.setdefault(urls[doc], set()).add(word)
    return found


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (for a server a test starts)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(port: int, server: subprocess.Popen[bytes], why: Callable[[], str]) -> None:
    """Wait until a server the test started answers on port; fail with why() if it exits first."""
    import socket
    import time

    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            assert server.poll() is None, why()
            time.sleep(0.05)

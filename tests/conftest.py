"""Shared fixtures: a small content tree to break on purpose, and one build of the example site."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from generator import pipeline

# The example site's search index in parts of a few stories each (search.py), so every test of the
# search searches a merged index, as a site of a thousand stories does.
os.environ.setdefault("MOINEXT_SEARCH_PART_SIZE", "6")
# The commands speak Thai unless told otherwise; the tests read their English (each test of the
# Thai passes --lang th, and test_cli checks the default without this).
os.environ["MOINEXT_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONTENT = ROOT / "content"
EXAMPLE_CONFIG = ROOT / "site_config.yml"

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
        return pipeline.build(self.content, self.config, out or self.root / "site", **options)


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path)


def copy_example(root: Path, extra_config: str = "") -> tuple[Path, Path]:
    """The example content and configuration copied into root, to change at will: returns
    (root/content, root/site_config.yml), the configuration with a cache of its own in root and
    extra_config appended."""
    content = root / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    config = root / "site_config.yml"
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8") + f"cache_dir: {root / 'cache'}\n" + extra_config
    config.write_text(text, encoding="utf-8")
    return content, config


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped example content, built once for all tests that read the HTML."""
    root = tmp_path_factory.mktemp("example")
    content = root / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    out = root / "site"
    result = pipeline.build(content, EXAMPLE_CONFIG, out, cache_dir=root / "cache")
    assert result.ok, result.problems
    return out


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

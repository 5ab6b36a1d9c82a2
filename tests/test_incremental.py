"""A rebuild after edits makes only the stale outputs, and its output is the clean build's, byte
for byte (site/stale.py, site/assemble.py: one build, whatever changed).

Each step edits a copy of the example content the way offices and the PR team do (a story's text,
title, summary, tags or date changed; a story added, renamed, deleted, made a draft and public
again; a photo added and removed; an office renamed; the configuration and a template changed; a
story's date arriving), rebuilds the same output folder, and compares it file by file with a
clean build of the same content into a new folder with a new cache.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_example, indexed_stories, seed_cache
from generator import pipeline
from generator.content.judged import StoryCache
from generator.site import urls

TODAY = dt.date(2026, 11, 24)


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(rebuilt: Path, clean: Path) -> None:
    """The same files with the same bytes, the search index's included (none is left over from
    before), and no empty folder."""
    ours, theirs = site_files(rebuilt), site_files(clean)
    outside = sorted(set(ours) ^ set(theirs))
    assert not outside, f"files in one build only: {outside[:10]}"
    differ = [p for p in ours if ours[p] != theirs[p]]
    assert not differ, f"files that differ from a clean build: {differ[:10]}"
    assert indexed_stories(clean) and indexed_stories(rebuilt) == indexed_stories(clean)
    # Nor is an empty folder left.
    assert not [d for d, subs, files in os.walk(rebuilt) if not subs and not files]


class Project:
    def __init__(self, root: Path, *, seeded: bool = True) -> None:
        self.root = root
        self.content, self.config = copy_example(root, seeded=seeded)
        self.out = root / "site"
        self.builds = 0
        self.today = TODAY

    def rebuild(self) -> pipeline.BuildResult:
        result = pipeline.build(self.content, self.config, self.out, today=self.today, cache_dir=self.root / "cache")
        assert result.ok, result.problems[:3]
        return result

    def clean_build(self) -> Path:
        self.builds += 1
        out, cache = self.root / f"clean-{self.builds}", self.root / f"clean-cache-{self.builds}"
        seed_cache(cache)  # photos, fonts, compressed copies: by their bytes, whoever made them
        result = pipeline.build(self.content, self.config, out, today=self.today, cache_dir=cache)
        assert result.ok, result.problems[:3]
        return out

    def edit(self, path: str, change: Callable[[str], str]) -> None:
        file = self.content / path
        file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")


STORY = "th-50/pha-thai-jomthong"


def change_body(p: Project) -> None:
    p.edit(f"{STORY}/index.md", lambda t: t.replace("กลุ่มทอผ้าบ้านแม่กลาง อำเภอจอมทอง", "กลุ่มทอผ้าแม่กลาง อ.จอมทอง", 1))


def change_title(p: Project) -> None:
    # The title shows on listings, the office, province, RER, PMQA and tag pages, feeds, related.
    p.edit(f"{STORY}/index.md", lambda t: t.replace("ผ้าทอมือจอมทองสู่ตลาดออนไลน์", "ผ้าทอจอมทองขายออนไลน์", 1))


def add_story(p: Project) -> None:
    shutil.copytree(p.content / STORY, p.content / "th-50/pha-thai-second")
    p.edit("th-50/pha-thai-second/index.md", lambda t: t.replace("title: ผ้าทอ", "title: เรื่องที่สอง ผ้าทอ", 1))


def rename_story(p: Project) -> None:
    (p.content / "th-50/pha-thai-second").rename(p.content / "th-50/pha-thai-renamed")


def delete_story(p: Project) -> None:
    shutil.rmtree(p.content / "th-50/pha-thai-renamed")


def add_photo(p: Project) -> None:
    shutil.copyfile(p.content / STORY / "market-stall.jpg", p.content / STORY / "market-stall-2.jpg")
    p.edit(
        f"{STORY}/index.md",
        lambda t: t.replace("tags:", "  - file: market-stall-2.jpg\n    alt: ร้านของกลุ่มอีกมุมหนึ่ง\ntags:", 1),
    )


def remove_photo(p: Project) -> None:
    p.edit(f"{STORY}/index.md", lambda t: t.replace("  - file: market-stall-2.jpg\n    alt: ร้านของกลุ่มอีกมุมหนึ่ง\n", ""))
    (p.content / STORY / "market-stall-2.jpg").unlink()


def rename_office(p: Project) -> None:
    p.edit("offices.yml", lambda t: re.sub(r"name_th: จังหวัดเชียงใหม่\n", "name_th: จังหวัดเชียงใหม่ (ทดสอบ)\n", t, count=1))


def change_config(p: Project) -> None:
    p.edit("../site_config.yml", lambda t: t.replace("latest: 9", "latest: 6", 1))


def draft_story(p: Project) -> None:
    p.edit(f"{STORY}/index.md", lambda t: t.replace("featured: true\n", "featured: true\ndraft: true\n", 1))


def publish_draft(p: Project) -> None:
    p.edit(f"{STORY}/index.md", lambda t: t.replace("draft: true\n", "", 1))


def change_summary(p: Project) -> None:
    p.edit(f"{STORY}/index.md", lambda t: re.sub(r"(?m)^summary: (.*)$", r"summary: \1 (ปรับปรุง)", t, count=1))


def change_tags(p: Project) -> None:
    p.edit(f"{STORY}/index.md", lambda t: t.replace("tags: [ผ้าไทย,", "tags: [ผ้าทอใหม่, ผ้าไทย,", 1))


def change_date(p: Project) -> None:
    p.edit(f"{STORY}/index.md", lambda t: re.sub(r"(?m)^date: .*$", "date: 2026-10-02", t, count=1))


def date_to_come(p: Project) -> None:
    """A story dated tomorrow: not published today."""
    p.edit(f"{STORY}/index.md", lambda t: re.sub(r"(?m)^date: .*$", "date: 2026-11-25", t, count=1))


def day_comes(p: Project) -> None:
    p.today = TODAY + dt.timedelta(days=1)


def add_aliases(p: Project) -> None:
    """Former addresses: a page at each that sends readers on."""
    p.edit(f"{STORY}/index.md", lambda t: t.replace("\nrer:", "\naliases: [old-name, th-10/moved-here]\nrer:", 1))


def remove_alias(p: Project) -> None:
    """The page at the former address no longer wanted must leave the site."""
    p.edit(f"{STORY}/index.md", lambda t: t.replace("aliases: [old-name, th-10/moved-here]", "aliases: [old-name]", 1))


# Edit -> whether every output is stale after it (site/stale.py) rather than those showing the story.
EDITS: list[tuple[Callable[[Project], None], bool]] = [
    (change_body, False),
    (change_title, False),
    (change_summary, False),
    (change_tags, True),
    (change_date, True),
    (add_story, True),
    (rename_story, True),
    (delete_story, True),
    (add_photo, True),
    (remove_photo, True),
    (rename_office, True),
    (change_config, True),
    (draft_story, True),
    (publish_draft, True),
    (date_to_come, True),
    (day_comes, True),
    (add_aliases, True),
    (remove_alias, True),
]


@pytest.mark.slow
def test_every_edit_rebuilds_to_the_clean_build(tmp_path: Path) -> None:
    project = Project(tmp_path)
    first = project.rebuild()
    assert first.pages_reused == 0
    again = project.rebuild()
    assert again.pages_rendered == 0 and again.pages_reused == first.pages_rendered, "nothing changed"
    assert not again.everything_stale
    assert_same_site(project.out, project.clean_build())
    for edit, everything in EDITS:
        edit(project)
        result = project.rebuild()
        assert result.everything_stale == everything, edit.__name__
        if edit is change_body:
            # Only the story's own page shows its body (listings show title and summary).
            assert result.pages_rendered == 1, result.pages_rendered
        elif not everything:
            # The pages that show the story: its own, listings, related stories, the home page.
            assert 1 < result.pages_rendered < first.pages_rendered / 2, (edit.__name__, result.pages_rendered)
        try:
            assert_same_site(project.out, project.clean_build())
        except AssertionError as failure:
            raise AssertionError(f"after {edit.__name__}: {failure}") from None


def test_a_changed_story_re_indexes_only_its_part_of_the_search_index(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.rebuild()
    index = project.out / urls.SEARCH_INDEX
    parts = json.loads((project.out / urls.SEARCH_PARTS).read_text(encoding="utf-8"))["parts"]
    assert len(parts) >= 3  # tests/conftest.py: parts of a few stories
    holder = next(part for part in parts if f"/{STORY}/" in indexed_stories(project.out, part))

    def files_by_part() -> dict[str, dict[str, int]]:
        return {
            part: {p.relative_to(index).as_posix(): p.stat().st_ino for p in (index / part).rglob("*") if p.is_file()}
            for part in parts
        }

    before = files_by_part()
    change_body(project)
    project.rebuild()
    after = files_by_part()
    for part in parts:
        if part != holder:
            assert after[part] == before[part], part  # linked from the previous site, not indexed again
    assert after[holder] != before[holder]
    # In the part indexed again, a file with the same bytes is the previous site's, and so are
    # its compressed copies (taken, not compressed again).
    kept = [name for name, inode in after[holder].items() if before[holder].get(name) == inode]
    assert any(name.endswith(".json") for name in kept) and any(name.endswith(".json.br") for name in kept)
    for name in kept:
        for copy in (f"{name}.gz", f"{name}.br"):
            assert after[holder].get(copy, 0) == before[holder].get(copy, 0), copy


def test_a_title_edit_re_indexes_only_the_part_that_holds_the_story(tmp_path: Path) -> None:
    """The pages that show the story (its neighbours, the stories it is related to) are made
    again with its new title, but their search documents are the same: their parts are not
    indexed again (at 10,000 stories a title edit re-indexed three parts of four)."""
    project = Project(tmp_path)
    project.rebuild()
    holder = next(
        part
        for part in json.loads((project.out / urls.SEARCH_PARTS).read_text(encoding="utf-8"))["parts"]
        if f"/{STORY}/" in indexed_stories(project.out, part)
    )

    def record() -> dict[str, Any]:
        return dict(json.loads((project.out / urls.BUILD_RECORD).read_text(encoding="utf-8")))

    before = record()
    change_title(project)
    project.rebuild()
    after = record()
    others = {url for url in after["stories"] if url != f"{STORY}/" and after["pages"][url] != before["pages"][url]}
    assert others, "other stories' pages show the title (related stories, neighbours): made again"
    changed = {part for part, key in after["search"].items() if before["search"][part] != key}
    assert changed == {f"{urls.SEARCH_INDEX}{holder}"}


def _one_story_of_each_part(project: Project) -> dict[str, Path]:
    """A write-up of each part of the built site's search index: part's folder -> its index.md."""
    from generator.site.search import part_count, part_of

    folders = json.loads((project.out / urls.SEARCH_PARTS).read_text(encoding="utf-8"))["parts"]
    stories = json.loads((project.out / urls.BUILD_RECORD).read_text(encoding="utf-8"))["stories"]
    by_number: dict[int, Path] = {}
    for url in sorted(stories):
        by_number.setdefault(part_of(url, part_count(len(stories))), project.content / url / "index.md")
    chosen = {folder: by_number[int(folder.rstrip("/"))] for folder in folders}
    assert len(chosen) == len(by_number)
    return chosen


def _add_paragraph(story: Path, words: str) -> None:
    story.write_text(story.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")


@pytest.mark.slow
def test_body_edits_in_every_part_of_the_index_rebuild_only_their_pages(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.rebuild()
    chosen = _one_story_of_each_part(project)
    for story in chosen.values():
        _add_paragraph(story, "ย่อหน้าที่เพิ่มเข้ามาใหม่ เพื่อทดสอบการค้นหา")
    result = project.rebuild()
    assert not result.everything_stale and result.pages_rendered == len(chosen)
    assert_same_site(project.out, project.clean_build())
    first = next(iter(chosen.values()))
    _add_paragraph(first, "แก้ไขอีกครั้ง")
    result = project.rebuild()
    assert not result.everything_stale and result.pages_rendered == 1
    assert_same_site(project.out, project.clean_build())


@pytest.mark.slow
def test_a_rebuild_makes_everything_when_the_previous_site_or_cache_lacks_a_file(tmp_path: Path) -> None:
    project = Project(tmp_path)
    first = project.rebuild()
    chosen = _one_story_of_each_part(project)
    stories = list(chosen.values())
    # A page of the previous site removed by hand: nothing is guessed, every output is made.
    other = project.out / stories[1].parent.relative_to(project.content) / "index.html"
    other.unlink()
    _add_paragraph(stories[0], "ย่อหน้าใหม่")
    result = project.rebuild()
    assert result.everything_stale and result.pages_rendered == first.pages_rendered
    assert_same_site(project.out, project.clean_build())
    # The search documents kept in the cache are gone: the same.
    shutil.rmtree(tmp_path / "cache" / "search-documents")
    _add_paragraph(stories[0], "อีกย่อหน้าหนึ่ง")
    result = project.rebuild()
    assert result.everything_stale and result.pages_rendered == first.pages_rendered
    assert_same_site(project.out, project.clean_build())


def test_a_changed_template_renders_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site.render import config

    theme = tmp_path / "theme"
    shutil.copytree(config.theme_dir(), theme)
    monkeypatch.setattr(config, "theme_dir", lambda: theme)
    project = Project(tmp_path)
    first = project.rebuild()
    story = theme / "story.html"
    story.write_text(story.read_text(encoding="utf-8").replace("</article>", "</article><!-- edited -->"), "utf-8")
    again = project.rebuild()
    assert again.pages_reused == 0 and again.pages_rendered == first.pages_rendered
    assert "<!-- edited -->" in (project.out / urls.story("th-50", "pha-thai-jomthong") / "index.html").read_text()


def test_full_build_renders_everything_and_a_damaged_key_file_is_ignored(tmp_path: Path) -> None:
    project = Project(tmp_path)
    first = project.rebuild()
    full = pipeline.build(
        project.content, project.config, project.out, today=TODAY, cache_dir=tmp_path / "cache", full=True
    )
    assert full.ok and full.pages_reused == 0 and full.pages_rendered == first.pages_rendered
    keys = project.out / urls.BUILD_RECORD
    # A hand-edited output: the rebuild must not trust it (the site is replaced, never edited).
    keys.chmod(0o644)
    keys.write_text("{not json", encoding="utf-8")
    again = project.rebuild()
    assert again.pages_reused == 0


def test_a_full_build_makes_a_damaged_search_index_whole_again(tmp_path: Path) -> None:
    """A rebuild takes the files of the index a change does not reach from the live site; --full
    takes nothing from it, so a damaged index file is made again."""
    project = Project(tmp_path)
    project.rebuild()
    bucket = next((project.out / urls.SEARCH_INDEX).glob("*/t/0.json"))
    clean = bucket.read_bytes()
    bucket.unlink()  # the site's files are shared with caches: replaced, never written in place
    bucket.write_bytes(b"{}")
    for copy in (bucket.with_name("0.json.gz"), bucket.with_name("0.json.br")):
        copy.unlink(missing_ok=True)
    pipeline.build(project.content, project.config, project.out, today=TODAY, cache_dir=tmp_path / "cache", full=True)
    assert bucket.read_bytes() == clean
    assert_same_site(project.out, project.clean_build())


def _build_in_a_fresh_process(
    project: Project, out: Path, parallel_from: int, *, fail: bool = False
) -> dict[str, object]:
    """pipeline.build in a new interpreter (this one may run a browser's threads, and a build
    with other threads alive renders in one process)."""
    script = (
        "import json, sys, datetime\n"
        "from pathlib import Path\n"
        "from generator import pipeline\n"
        "from generator.site.render import plugin\n"
        + ("plugin.escape_for_innerhtml = lambda text: 1 / 0\n" if fail else "")
        + "r = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), "
        "today=datetime.date(2026, 11, 24), cache_dir=Path(sys.argv[4]), full=True)\n"
        "print(json.dumps({'ok': r.ok, 'processes': r.render_processes, 'rendered': r.pages_rendered, "
        "'problems': [p.message() for p in r.problems]}))\n"
    )
    cache = Path(f"{out}-cache")
    seed_cache(cache)  # the photos and fonts by their bytes: the pages are rendered and compared
    command = [sys.executable, "-c", script, str(project.content), str(project.config), str(out), str(cache)]
    env = {**os.environ, "MOINEXT_PARALLEL_FROM": str(parallel_from)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
def test_two_rendering_processes_build_the_same_site_as_one(tmp_path: Path) -> None:
    project = Project(tmp_path)
    both = _build_in_a_fresh_process(project, tmp_path / "both", 1)
    assert both["ok"] and both["processes"] == 2 and int(both["rendered"]) > 100  # type: ignore[call-overload]
    alone = _build_in_a_fresh_process(project, tmp_path / "alone", 10**9)
    assert alone["ok"] and alone["processes"] == 1
    assert_same_site(tmp_path / "both", tmp_path / "alone")
    # An error while rendering is the build's error, with its words; the previous site stays.
    failed = _build_in_a_fresh_process(project, tmp_path / "both", 1, fail=True)
    assert not failed["ok"] and "division by zero" in str(failed["problems"])
    assert_same_site(tmp_path / "both", tmp_path / "alone")


def test_compressed_copies_no_site_links_are_forgotten_after_a_day(tmp_path: Path) -> None:
    from generator.site.compress import forget_unlinked

    project = Project(tmp_path, seeded=False)  # every copy in the cache is this build's
    project.rebuild()
    cache = tmp_path / "cache" / "compressed"
    story = project.out / "th-50" / "pha-thai-jomthong" / "index.html.br"
    kept_for_site = {p for p in cache.glob("*/*") if p.stat().st_ino == story.stat().st_ino}
    assert kept_for_site, "the site's copy is the cache's file (a hard link)"
    orphan = cache / "00" / "orphan.br"
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"a copy of a page no site has any more")
    assert forget_unlinked(cache) == 0  # younger than a day: another build may be using it
    assert forget_unlinked(cache, older_than_s=-1) == 1 and not orphan.exists()
    assert all(p.exists() for p in kept_for_site)  # copies the built site links stay


class _Planted:
    """A cache entry someone wrote to run code when it is read back."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_write_up_that_names_its_reporter_and_keeps_a_note_is_kept_judged_too(tmp_path: Path) -> None:
    """Every model a front-matter holds is read back from the cache (Person was refused by the
    reader's list of classes, and every write-up naming its reporter was judged on every build)."""
    project = Project(tmp_path)
    people = (
        "reported_by:\n  name: สมศรี ใจดี\n  position: นักประชาสัมพันธ์\n"
        "approved_by:\n  name: สมชาย รักงาน\n"
        "internal:\n  went_wrong: คิวยาวในช่วงเช้า\n  changed: เปิดจุดบริการเพิ่ม\n"
    )
    project.edit(f"{STORY}/index.md", lambda t: t.replace("\nrer:", f"\n{people}rer:", 1))
    assert project.rebuild().ok
    cache = StoryCache(tmp_path / "cache" / "write-ups")
    assert pipeline.check(project.content, project.config, cache=cache).ok
    assert cache.together is not None
    assert len(cache.together) == len(list(project.content.glob("*/*/index.md")))
    cache.close()


def test_write_ups_judged_clean_are_kept_and_a_planted_entry_is_never_run(tmp_path: Path) -> None:
    import pickle

    project = Project(tmp_path)
    first = project.rebuild()
    kept = sorted((tmp_path / "cache" / "write-ups").glob("*/*"))
    assert first.ok and first.problems == ()
    assert len(kept) == len(list(project.content.glob("*/*/index.md")))  # every write-up is clean
    # A warning is judged afresh on every build, never kept: it is reported each time.
    shutil.copyfile(project.content / STORY / "market-stall.jpg", project.content / STORY / "unused.jpg")
    for _ in range(2):
        warned = project.rebuild()
        assert [p.code for p in warned.problems] == ["photo.unreferenced"]
    (project.content / STORY / "unused.jpg").unlink()
    # The next build reads them all from one file, even with each write-up's own file gone.
    together = tmp_path / "cache" / "write-ups" / "together.pickle"
    for entry in (tmp_path / "cache" / "write-ups").glob("*/*"):
        entry.rename(entry.with_name(entry.name + ".away"))
    cache = StoryCache(tmp_path / "cache" / "write-ups")
    assert pipeline.check(project.content, project.config, cache=cache).ok
    assert cache.together is not None and len(cache.together) == len(kept)
    cache.close()
    # What the cache froze out of the collector's sight is collectable again after each build.
    assert gc.get_freeze_count() == 0
    project.rebuild()
    assert gc.get_freeze_count() == 0
    for entry in (tmp_path / "cache" / "write-ups").glob("*/*.away"):
        entry.rename(entry.with_name(entry.name.removesuffix(".away")))
    # Entries that name other code (a damaged or planted cache) are judged again, and nothing runs.
    marker = tmp_path / "ran"
    for entry in [*(tmp_path / "cache" / "write-ups").glob("*/*"), together]:
        entry.write_bytes(pickle.dumps(_Planted(marker)))
    again = project.rebuild()
    assert again.ok and again.problems == () and not marker.exists()
    assert_same_site(project.out, project.clean_build())


def test_a_cache_is_pruned_at_most_once_an_hour(tmp_path: Path) -> None:
    import time

    from generator.keys import prune_due

    folder = tmp_path / "cache"
    assert prune_due(folder) and not prune_due(folder)
    hour_ago = time.time() - 3601
    os.utime(folder / ".pruned", (hour_ago, hour_ago))
    assert prune_due(folder) and not prune_due(folder)


def test_the_search_documents_kept_between_builds_are_made_whole_when_damaged(tmp_path: Path) -> None:
    from generator.site.publish import kept_folder

    project = Project(tmp_path)
    project.rebuild()
    kept = kept_folder(project.out) / "search-documents"
    documents = sorted(kept.rglob("document.json"))
    assert len(documents) == len(json.loads((project.out / urls.BUILD_RECORD).read_text())["stories"])
    documents[0].unlink()  # lost (a disk tidied up by hand), and a stray one beside it
    stray = documents[0].parent.parent / "not-a-story" / "document.json"
    stray.parent.mkdir(parents=True)
    stray.write_text(
        documents[1].read_text(encoding="utf-8").replace('"url":"', '"url":"not-a-story/'), encoding="utf-8"
    )
    for story in _one_story_of_each_part(project).values():
        _add_paragraph(story, "ย่อหน้าใหม่")
    assert not project.rebuild().everything_stale
    assert_same_site(project.out, project.clean_build())
    assert not [url for url in indexed_stories(project.out) if "not-a-story" in url]


def test_a_story_body_shows_on_its_own_page_alone(tmp_path: Path) -> None:
    """What the build record relies on (site/stale.py): no listing, feed, evidence pack, sitemap or
    other page shows a word of a story's body, so a body edit makes only the story's own page."""
    project = Project(tmp_path)
    marker = "bodyonlymarker7319"
    _add_paragraph(project.content / STORY / "index.md", f"ผลที่ได้ {marker} ต่อเนื่อง")
    project.rebuild()
    found = [
        path.relative_to(project.out).as_posix()
        for path in project.out.rglob("*")
        if path.is_file() and marker.encode() in path.read_bytes()
    ]
    # Besides the page, only the part of the search index that holds the story (its own output).
    holder = next(
        p
        for p in json.loads((project.out / urls.SEARCH_PARTS).read_text())["parts"]
        if f"/{STORY}/" in indexed_stories(project.out, p)
    )
    assert [f for f in found if not f.startswith(urls.SEARCH_INDEX + holder)] == [f"{STORY}/index.html"]


def test_a_write_up_is_read_again_when_its_status_changed_and_only_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """StoryCache trusts an unchanged file status (git's index does the same): a write keeps
    the size and the modification time it is given back, never the change time."""
    import time

    import generator.content.story as story_module

    monkeypatch.setattr("generator.filestatus.RACY_NS", 20_000_000)  # the example was copied just now
    project = Project(tmp_path)
    time.sleep(0.05)
    project.rebuild()
    read: list[str] = []
    real_read = story_module.read_text_file

    def counted(path: Path, shown: str, limit: int):  # type: ignore[no-untyped-def]
        read.append(path.relative_to(project.content).as_posix())
        return real_read(path, shown, limit)

    monkeypatch.setattr(story_module, "read_text_file", counted)
    project.rebuild()
    assert read == []
    # The same number of bytes, the modification time set back: the change time still moved.
    source = project.content / STORY / "index.md"
    before = source.stat()
    text = source.read_text(encoding="utf-8")
    assert "ตลาด" in text
    time.sleep(0.05)
    front, body = text.split("\n---\n", 1)
    source.write_text(f"{front}\n---\n{body.replace('ตลาด', 'ตลอด', 1)}", encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert source.stat().st_size == before.st_size
    assert not project.rebuild().everything_stale
    assert set(read) == {f"{STORY}/index.md"}
    assert_same_site(project.out, project.clean_build())
    # A damaged record of what was seen only means every write-up is read.
    read.clear()
    (tmp_path / "cache" / "write-ups" / "seen.json").write_text('{"x": [1, 2]}', encoding="utf-8")
    project.rebuild()
    assert len(read) == len(list(project.content.glob("*/*/index.md")))


_BUILD_SCRIPT = (
    "import datetime, sys\n"
    "from pathlib import Path\n"
    "from generator import pipeline\n"
    "r = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), "
    "today=datetime.date(2026, 11, 24), cache_dir=Path(sys.argv[4]))\n"
    "sys.exit(0 if r.ok else [p.message() for p in r.problems])\n"
)


@pytest.mark.slow
def test_two_builds_of_different_content_at_once_leave_a_whole_site_of_one(tmp_path: Path) -> None:
    first, second = Project(tmp_path / "a"), Project(tmp_path / "b")
    change_title(second)
    shutil.rmtree(second.content / "th-50" / "pha-thai-jomthong")  # and one story fewer
    out, cache = tmp_path / "site", tmp_path / "cache"
    for attempt in ("into no site", "over a site"):
        started = [
            subprocess.Popen([sys.executable, "-c", _BUILD_SCRIPT, str(p.content), str(p.config), str(out), str(cache)])
            for p in (first, second)
        ]
        assert [process.wait(timeout=300) for process in started] == [0, 0]
        clean = {"first": first.clean_build(), "second": second.clean_build()}
        matches, why = [], []
        for name, site in clean.items():
            try:
                assert_same_site(out, site)
                matches.append(name)
            except AssertionError as failure:
                why.append(f"{name}: {failure}")
        assert len(matches) == 1, f"{attempt}, the site is neither build's whole site: {why}"
    # Its record is the site's own: the next build of either content is its clean build.
    first.out = out
    first.rebuild()
    assert_same_site(out, first.clean_build())


@pytest.mark.slow
def test_builds_while_a_replaced_site_is_removed_in_the_background(tmp_path: Path) -> None:
    """The background removal (site/publish.py) runs without the output's lock: no build may
    read what it removes, even when the replaced site shares its files with the live one."""
    project = Project(tmp_path)
    project.rebuild()
    replaced = tmp_path / ".site.replaced-old"
    for copy in range(20):  # tens of thousands of links: its removal lasts through the next builds
        shutil.copytree(project.out, replaced / str(copy), copy_function=os.link)
    (replaced / ".moinext-replaced").touch()
    # Every file of the live site, held by a link of its own: no build may write into one.
    held = tmp_path / "held"
    shutil.copytree(project.out, held, copy_function=os.link)
    before = site_files(held)
    change_body(project)
    project.rebuild()
    assert (tmp_path / ".site.removing-old").exists(), "the removal is under way"
    for edit in (change_title, change_summary):
        edit(project)
        result = project.rebuild()
        assert not result.everything_stale
        assert_same_site(project.out, project.clean_build())
    assert site_files(held) == before


@pytest.mark.slow
def test_six_rounds_of_full_build_edit_and_rebuild_on_400_stories(tmp_path: Path) -> None:
    """Issue 24's measure: a full build, one edit, a rebuild; six times, each compared with a
    clean build of the same content."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synth", Path(__file__).parent.parent / "benchmarks" / "synth.py")
    assert spec and spec.loader
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    content = synth.make_content(tmp_path, 400)
    config = tmp_path / "site_config.yml"
    config.write_text("site_url: https://moinext.example/\n", encoding="utf-8")
    out, today = tmp_path / "site", dt.date(2026, 12, 4)

    def published(story: Path) -> bool:
        text = story.read_text(encoding="utf-8")
        day = re.search(r"(?m)^date: (\S+)", text)
        return "draft: true" not in text and day is not None and dt.date.fromisoformat(day.group(1)) <= today

    stories = [story for story in sorted(content.glob("*/*/index.md")) if published(story)]

    def build(target: Path, cache: str, *, full: bool = False) -> pipeline.BuildResult:
        result = pipeline.build(content, config, target, today=today, cache_dir=tmp_path / cache, full=full)
        assert result.ok, result.problems[:3]
        return result

    edits: list[tuple[str, Callable[[str], str]]] = [
        ("body", lambda t: t + "\nย่อหน้าที่แก้ไขแล้ว\n"),
        ("title", lambda t: re.sub(r"(?m)^title: ", "title: ปรับชื่อ ", t, count=1)),
        ("tag", lambda t: re.sub(r"(?m)^tags:\n", "tags:\n- แท็กใหม่\n", t, count=1)),
    ]
    tagged = [story for story in stories if "\ntags:\n" in story.read_text(encoding="utf-8")]
    for round_ in range(6):
        build(out, "cache", full=True)
        name, change = edits[round_ % 3]
        chosen = tagged if name == "tag" else stories
        story = chosen[(round_ * 67) % len(chosen)]
        story.write_text(change(story.read_text(encoding="utf-8")), encoding="utf-8")
        result = build(out, "cache")
        assert result.everything_stale == (name == "tag"), name
        clean = tmp_path / f"clean-{round_}"
        # Compressed copies are named by the bytes they compress (and unpacked to check):
        # the clean build renders and indexes everything itself, and compresses only what differs.
        seed_cache(tmp_path / f"clean-cache-{round_}", tmp_path / "cache")
        build(clean, f"clean-cache-{round_}")
        try:
            assert_same_site(out, clean)
        except AssertionError as failure:
            raise AssertionError(f"round {round_}, a {name} edit: {failure}") from None


def test_a_build_run_from_another_folder_finds_the_same_caches_and_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No key holds a path relative to the working folder: the PR team's build from the project
    and a preview started inside content/th-50 judge nothing again and make nothing again."""
    from generator.content import story as story_module

    project = Project(tmp_path)
    monkeypatch.chdir(tmp_path)
    relative = Project.__new__(Project)
    relative.__dict__.update(project.__dict__)
    relative.content, relative.config, relative.out = Path("content"), Path("site_config.yml"), Path("site")
    relative.rebuild()
    judged: list[str] = []
    real = story_module.parse_front_matter

    def counted(text):  # type: ignore[no-untyped-def]
        judged.append(text.path if hasattr(text, "path") else "?")
        return real(text)

    monkeypatch.setattr(story_module, "parse_front_matter", counted)
    monkeypatch.chdir(tmp_path / "content" / "th-50")
    relative.content, relative.config, relative.out = (
        Path("../../content"),
        Path("../../site_config.yml"),
        Path("../../site"),
    )
    again = relative.rebuild()
    assert judged == [] and again.pages_rendered == 0 and not again.everything_stale
    # Messages still name the files as seen from here.
    change_body(project)
    (tmp_path / "content" / STORY / "unused.jpg").write_bytes(
        (tmp_path / "content" / STORY / "market-stall.jpg").read_bytes()
    )
    warned = relative.rebuild()
    assert [p.file for p in warned.problems] == ["pha-thai-jomthong/unused.jpg"]


def test_a_planted_compiled_template_is_never_run(tmp_path: Path) -> None:
    """Jinja's compiled templates are kept between builds; an entry this user's runs did not write
    (a restored CI cache, a copied project) is compiled again, its code never run."""
    import io
    import marshal
    import pickle

    from jinja2.bccache import bc_magic

    from generator.keys import unseal

    project = Project(tmp_path)
    project.rebuild()
    kept = [p for p in (tmp_path / "cache" / "templates").iterdir() if p.is_file()]
    assert kept, "the build keeps its compiled templates"
    marker = tmp_path / "ran"
    planted = compile(f"open({str(marker)!r}, 'w').close()", "<planted>", "exec")
    for entry in kept:
        # The entry as Jinja writes it (magic, the template's checksum, code), with other code:
        # what a planted file at the same name holds, its checksum right so Jinja would run it.
        data = entry.read_bytes()
        data = unseal(data) or data
        stream = io.BytesIO(data[len(bc_magic) :])
        checksum = pickle.load(stream)
        entry.write_bytes(bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(planted))
    project.edit(f"{STORY}/index.md", lambda t: t + "\nอีกย่อหน้า\n")
    assert project.rebuild().ok and not marker.exists()
    assert_same_site(project.out, project.clean_build())

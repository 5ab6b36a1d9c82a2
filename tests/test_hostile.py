"""Hostile and careless input: what one office's account must never be able to do to the site,
the build machine or everyone else's build."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import GOOD_FRONT, damage_entry


def codes(result) -> list[tuple[str, str]]:
    return [(p.file.rsplit("content/", 1)[-1], p.code) for p in result.problems]


# --- nothing outside content/ is read -------------------------------------------------------------


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "index.md").write_text(f"---\n{GOOD_FRONT}---\nSECRET FROM THE BUILD MACHINE\n", encoding="utf-8")
    (secret / "private.jpg").write_bytes(b"\xff\xd8 not really a photo")
    return secret


def test_a_symlinked_write_up_is_refused_and_never_read(tree, outside):
    (tree.content / "th-50/a").mkdir(parents=True)
    os.symlink(outside / "index.md", tree.content / "th-50/a/index.md")
    result = tree.check()
    assert not result.ok
    assert ("th-50/a/index.md", "content.symlink") in codes(result)
    assert result.validated.stories == ()
    assert not tree.build().ok


@pytest.mark.parametrize("level", ["office", "story"])
def test_symlinked_folders_are_refused(tree, outside, level):
    if level == "office":
        (tree.content / "th-50").mkdir()
        os.symlink(outside.parent, tree.content / "th-50" / "leak")
        where = "th-50/leak"
    else:
        os.symlink(outside, tree.content / "th-50")
        where = "th-50"
    result = tree.check()
    assert (where, "content.symlink") in codes(result)
    assert result.validated.stories == ()
    assert not result.ok


def test_a_symlinked_photo_is_refused(tree, outside):
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: p.jpg\n    alt: ภาพ\n")
    os.symlink(outside / "private.jpg", tree.content / "th-50/a/p.jpg")
    found = codes(tree.check())
    assert ("th-50/a/p.jpg", "content.symlink") in found
    assert ("th-50/a/index.md", "photo.not_found") in found


def test_a_symlink_loop_is_an_error_not_a_crash(tree):
    (tree.content / "th-50").mkdir()
    os.symlink(tree.content / "th-50" / "loop", tree.content / "th-50" / "loop")
    os.symlink(tree.content, tree.content / "th-50" / "up")
    found = codes(tree.check())
    assert ("th-50/loop", "content.symlink") in found and ("th-50/up", "content.symlink") in found


def test_a_pipe_named_index_md_does_not_hang_the_check(tree):
    (tree.content / "th-50/a").mkdir(parents=True)
    os.mkfifo(tree.content / "th-50/a/index.md")
    assert ("th-50/a/index.md", "content.not_regular") in codes(tree.check())


def test_a_symlinked_output_folder_is_refused(tree, tmp_path):
    tree.story("th-50/a")
    real = tmp_path / "real-site"
    real.mkdir()
    link = tmp_path / "linked-site"
    os.symlink(real, link)
    result = tree.build(link)
    assert not result.ok and "symbolic link" in result.problems[-1].message()
    assert link.is_symlink() and list(real.iterdir()) == []


# --- output that can be trusted ---------------------------------------------------------------------


def test_control_characters_in_a_value_never_reach_the_terminal_or_the_workflow_log(tree):
    from generator.problems.formats import format_github, format_json, format_text

    # An ANSI "erase line" and a newline that would start a forged workflow command.
    tree.story("th-50/a", GOOD_FRONT.replace("rer: extra", 'rer: "x\\e[2K\\rok\\n::error::forged"'))
    problems = tree.check().problems
    assert problems
    for output in (format_text(problems), format_github(problems), format_json(problems)):
        assert "\x1b" not in output and "\r" not in output
    assert "\\x1b[2K" in format_text(problems)
    assert all(line.startswith("::error ") for line in format_github(problems).splitlines())
    assert len(format_text(problems).splitlines()) == len(problems)


def test_stats_csv_neutralises_spreadsheet_formulas(tree):
    from generator import pipeline
    from generator.stats import to_csv

    registry = (tree.content / "offices.yml").read_text(encoding="utf-8")
    registry = registry.replace("name_th: ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", 'name_th: "=HYPERLINK(\\"http://x\\")"')
    (tree.content / "offices.yml").write_text(registry, encoding="utf-8")
    checked, figures = pipeline.stats(tree.content, tree.config)
    assert figures is not None and checked.validated.registry is not None
    text = to_csv(figures, checked.validated.registry)
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


# --- no script from a write-up ---------------------------------------------------------------------


def test_office_html_cannot_borrow_the_sites_classes_or_ids():
    from generator.content.sanitise import sanitise

    lightbox = '<a class="glightbox" href="x.jpg" title="&lt;img src=x onerror=alert(1)&gt;">ดูภาพ</a>'
    assert "glightbox" not in sanitise(lightbox)
    for clobber in ('<p id="__config">{"base": "//evil"}</p>', '<p id="__search">x</p>', '<p id="moi-x">x</p>'):
        assert "id=" not in sanitise(clobber)
    dialog = '<div class="md-dialog md-dialog--active note">เข้าสู่ระบบอีกครั้ง</div>'
    assert sanitise(dialog) == '<div class="note">เข้าสู่ระบบอีกครั้ง</div>'
    # What Markdown's own extensions write is kept: admonitions, footnotes, heading anchors.
    kept = '<div class="admonition warning"><p class="admonition-title">x</p></div><h2 id="ผลลัพธ์">ผลลัพธ์</h2>'
    assert sanitise(kept) == kept


def test_attribute_lists_cannot_clobber_the_config_on_the_built_page(tree):
    from bs4 import BeautifulSoup

    tree.story("th-50/a", body='ย่อหน้า\n{: #__config .glightbox }\n\n!!! note "หมายเหตุ"\n    ข้อความ\n')
    assert tree.build().ok
    html = (tree.root / "site/th-50/a/index.html").read_text(encoding="utf-8")
    assert html.count('id="__config"') == 1  # Material's own, and no other
    body = BeautifulSoup(html, "html.parser").select_one(".moi-story__body")
    assert body.select(".admonition.note")
    assert not body.select(".glightbox") and not body.select("#__config")  # the braces are just text


def test_raw_html_cannot_clobber_the_config_either(tree):
    tree.story("th-50/a", body='<p id="__config">{"base": "//evil.example"}</p>\n')
    result = tree.check()
    assert codes(result) == [("th-50/a/index.md", "body.removed")]
    assert "'__config'" in result.problems[0].message()


# --- bounded work ------------------------------------------------------------------------------------


def test_a_yaml_alias_bomb_is_refused_at_once(tree):
    import time

    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    tree.story("th-50/a", raw=f"---\n{bomb}---\nเนื้อเรื่อง\n")
    started = time.perf_counter()
    result = tree.check()
    assert time.perf_counter() - started < 5  # ~9^9 values if expanded; refused before that
    assert ("th-50/a/index.md", "yaml.alias") in codes(result)


DEEP = [
    "[" * 50_000,  # flow style: crashed the process
    "\n" + "".join("  " * i + "y:\n" for i in range(1, 300)),  # block mappings: a traceback at 1,000
    "\n" + "- " * 5000 + "x",  # compact block sequences
]


@pytest.mark.parametrize("nesting", DEEP, ids=["flow", "block", "dashes"])
def test_deep_nesting_is_an_error_not_a_crash(tree, nesting):
    tree.story("th-50/a", raw=f"---\ntitle: t\nextra: {nesting}\n---\nเนื้อเรื่อง\n")
    assert ("th-50/a/index.md", "yaml.too_deep") in codes(tree.check())


def test_the_usual_nesting_is_not_too_deep(tree):
    front = GOOD_FRONT + "results:\n  - indicator: a\n    before: 1\n    after: 2\ntags: [ผ้า, '[x]', \"{y}\"]\n"
    tree.story("th-50/a", front)
    assert tree.check().ok


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_numbers_must_be_finite(tree, value):
    tree.story("th-50/a", GOOD_FRONT + f"results:\n  - indicator: a\n    before: 1\n    after: {value}\n")
    result = tree.check()
    assert [(p.code, p.line, p.field) for p in result.problems] == [("field.not_finite", 10, "results[0].after")]
    assert "ตัวเลขปกติ" in result.problems[0].message("th")


def test_a_huge_index_md_is_refused_without_being_read_whole(tree):
    tree.story("th-50/a", body="ก" * 100_000)  # 300 KB of Thai
    result = tree.check()
    assert codes(result) == [("th-50/a/index.md", "file.too_large")]
    assert "200 KB" in result.problems[0].message()


@pytest.mark.parametrize(
    ("front", "field", "code"),
    [
        (GOOD_FRONT.replace("title: ทอผ้าไทย", "title: " + "ก" * 201), "title", "field.too_long"),
        (GOOD_FRONT + "tags: [" + ", ".join(["ผ้า"] * 31) + "]\n", "tags", "field.too_many"),
        (GOOD_FRONT + "tags: [" + "ก" * 61 + "]\n", "tags[0]", "field.too_long"),
    ],
)
def test_front_matter_text_and_lists_are_bounded(tree, front, field, code):
    tree.story("th-50/a", front)
    problems = tree.check().problems
    assert [(p.field, p.code) for p in problems] == [(field, code)]
    assert problems[0].message("th") and problems[0].message("en")


def test_a_name_too_long_for_the_file_system_is_an_error_not_a_crash(tree):
    name = "ภาพกิจกรรม" * 8 + ".jpg"  # 80 Thai letters: 244 bytes, and the variants add more
    tree.photo(f"th-50/a/{name}")
    tree.story("th-50/a", GOOD_FRONT + f"photos:\n  - file: {name}\n    alt: ภาพ\n")
    result = tree.build()
    assert not result.ok
    assert "content.name_too_long" in {p.code for p in result.problems}


def test_the_readme_quotes_every_limit():
    from conftest import ROOT
    from generator.content import limits

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Limits", 1)[1].split("\n## ", 1)[0]
    for name in dir(limits):
        if name.isupper():
            value = getattr(limits, name)
            shown = f"{value // 1000:,} KB" if name.endswith("FILE_BYTES") else str(value)
            assert shown in section, (name, shown)


@pytest.mark.parametrize(
    "body",
    [
        "`" * 1 + "".join("`" * n + "x" for n in range(1, 400)),  # backtick runs: 35 s in a regex
        "[" * 30_000,  # quadratic in Python-Markdown: 114 s
        "[a](" * 10_000,
        "<a " * 10_000,
        "\n- " * 10_000,
        "".join("  " * i + "- a\n" for i in range(300)),
        "> " * 10_000,
        '!!! note "' + " " * 50_000 + "x\n",
        "<!--" * 10_000,
        "*a " * 20_000,
        "<div>\n" + "<a " * 66_000,  # the standard library's HTML parser: 472 s
        "# a\n\n" * 50_000,  # heading anchors made unique one try at a time: 315 s
        "# ก\n\n" * 50_000,
    ],
    ids=[
        "backticks",
        "brackets",
        "links",
        "tags",
        "list",
        "nested-list",
        "quotes",
        "admonition",
        "comments",
        "emphasis",
        "unclosed-tags",
        "headings",
        "thai-headings",
    ],
)
def test_pathological_bodies_take_bounded_time(tree, body):
    import time

    from generator.content.body import read_body

    started = time.perf_counter()
    read_body(body, 1, "f.md")
    # A hang guard, not a performance figure (benchmarks/bench_hostile.py prints those): each
    # took under a second here, against minutes before.
    assert time.perf_counter() - started < 60


@pytest.mark.parametrize(
    "body",
    ["<![CDATA[\n<![\n", "<div>\n<![x\n", "<p>a</p>\n<![if !supportLists]>\n", "<div>\n<![CDATA[x]]>y\n"],
)
def test_a_marked_section_in_a_body_is_judged_not_a_crash(tree, body):
    """The standard library's HTML parser raised AssertionError on "<![" in a raw HTML block:
    every command failed with a traceback naming no file."""
    from generator import pipeline

    tree.story("th-50/a", body="ย่อหน้าแรก\n\n" + body)
    result = pipeline.check(tree.content, tree.config)
    assert all(p.file.endswith("index.md") for p in result.problems)
    built = tree.build()
    assert built.ok or all(p.code != "build.failed" for p in built.problems)


# --- output you can trust ----------------------------------------------------------------------------


def test_the_swap_is_one_atomic_exchange(tmp_path):
    import sys

    from generator.site.publish import _exchange

    old, new = tmp_path / "site", tmp_path / "new"
    old.mkdir()
    (old / "a").write_text("old")
    new.mkdir()
    (new / "a").write_text("new")
    if not _exchange(new, old):
        assert not sys.platform.startswith("linux"), "renameat2 RENAME_EXCHANGE should work on Linux"
        pytest.skip("no atomic exchange on this system (two renames are used)")
    assert (old / "a").read_text() == "new" and (new / "a").read_text() == "old"


def test_leftovers_of_killed_builds_are_cleaned(tree):
    first = tree.build()
    assert first.ok, [p.message() for p in first.problems]
    stranded = tree.root / ".site.building-killed"
    (stranded / "site").mkdir(parents=True)
    (stranded / "site" / "index.html").write_text("half a site")
    rebuilt = tree.build()
    assert rebuilt.ok, [p.message() for p in rebuilt.problems]
    assert not stranded.exists()
    # The site the rebuild replaced is kept as the output's spare (site/publish.py: spare_folder)
    # and the rest of the build's folder removed in the background; beside the output stay its
    # lock and spare (and, once there are stories, the search documents the next build reuses).
    assert _names_once_removed(tree.root) == [".site.lock", ".site.spare"]
    # A removal that was stopped half way (its folder still marked, ten minutes old) is finished
    # by the next build; one under way is left to its own process; a folder publish did not
    # leave (no marker) is never touched.
    stopped, under_way, foreign = (tree.root / f".site.{kind}" for kind in ("removing-1", "removing-2", "replaced-3"))
    for folder in (stopped, under_way, foreign):
        (folder / "assets").mkdir(parents=True)
    for folder in (stopped, under_way):
        (folder / ".moinext-replaced").touch()
    os.utime(stopped / ".moinext-replaced", (time.time() - 3600, time.time() - 3600))
    assert tree.build().ok
    names = _names_once_removed(tree.root, also_left=(".site.removing-2", ".site.replaced-3"))
    assert names == [".site.lock", ".site.removing-2", ".site.replaced-3", ".site.spare"]


@pytest.mark.parametrize("full", [True, False])
def test_a_folder_planted_beside_the_output_is_never_built_on(tree, full):
    """No build reads a folder beside the output but its own new one and the live site: a
    replaced site an older moinext kept (.site.skeleton-*), or one planted to look like it, is
    only ever removed."""
    tree.story("th-50/a")
    assert tree.build().ok
    _names_once_removed(tree.root)
    planted = tree.root / ".site.skeleton-0"
    for folder in ("th-50", "search/1-0123456789abcdef", "empty/folder"):
        (planted / folder).mkdir(parents=True)
    for folder in ("th-50", "search/1-0123456789abcdef"):
        (planted / folder / "planted.html").write_text("<script>alert(1)</script>")
    (planted / "index.html").write_text("<script>alert(1)</script>")  # where the site has a page
    (planted / ".moinext-replaced").touch()
    tree.story("th-50/a", body="เนื้อเรื่องที่แก้แล้ว\n")
    result = tree.build(full=full)
    assert result.ok and result.everything_stale == full
    _names_once_removed(tree.root)
    assert not planted.exists()
    site = tree.root / "site"
    assert not list(site.rglob("planted.html")) and b"alert(1)" not in (site / "index.html").read_bytes()
    assert not [d for d, subs, files in os.walk(site) if not subs and not files]  # no empty folder


def _names_once_removed(root: Path, also_left: tuple[str, ...] = ()) -> list[str]:
    """The .site* names beside the output once the background removals are over (at most 30 s):
    none is .removing-* or .replaced-* but those in also_left."""
    deadline = time.monotonic() + 30
    while True:
        names = sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))
        busy = [n for n in names if n.split("-")[0] in (".site.removing", ".site.replaced") and n not in also_left]
        if not busy or time.monotonic() > deadline:
            return names
        time.sleep(0.05)


def test_an_output_that_cannot_be_written_is_a_message_not_a_traceback(tree):
    (tree.root / "a-file").write_text("not a folder")
    result = tree.build(tree.root / "a-file" / "site")
    assert not result.ok
    assert [p.code for p in result.problems] == ["build.failed"]
    assert "cannot write" in result.problems[0].message()


def test_an_unclosed_html_comment_is_an_error_and_fast(tree):
    from generator.content.body import read_body

    _, problems = read_body("ข้อความ\n\n<!-- หมายเหตุถึงตัวเอง\n\nเนื้อเรื่องที่เหลือ\n", 1, "f.md")
    assert [(p.line, p.code) for p in problems] == [(3, "body.unclosed_comment")]
    body, problems = read_body("ข้อความ <!-- หมายเหตุ --> ต่อ\n", 1, "f.md")
    assert problems == [] and "หมายเหตุ" not in body.html  # a closed comment is a note to oneself
    _, problems = read_body("<!--" * 49_000, 1, "f.md")  # 15 s in the standard parser before
    assert [p.code for p in problems] == ["body.unclosed_comment"]


def test_a_cache_folder_that_cannot_be_written_is_one_message_not_blamed_on_the_photos(tree):
    (tree.root / "a-file").write_text("not a folder")
    tree.config.write_text(f"cache_dir: {tree.root / 'a-file' / 'cache'}\n", encoding="utf-8")
    tree.photo("th-50/a/p.jpg")
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: p.jpg\n    alt: ภาพ\n")
    result = tree.build()
    assert [p.code for p in result.problems] == ["build.failed"]
    assert "cannot write the cache folder" in result.problems[0].message()


def test_the_write_up_cache_resolves_no_name_but_the_classes_it_keeps():
    """A planted cache entry naming "generator.content.story" / "pickle.FunctionType" (pickle
    resolves dotted names) could build and call a function: only the exact classes StoryCache
    writes are ever resolved."""
    import io
    import pickle

    from generator.content.judged import _JudgedUnpickler
    from generator.content.story import Story

    reader = _JudgedUnpickler(io.BytesIO(b""))
    assert reader.find_class("generator.content.story", "Story") is Story
    for module, name in [
        ("generator.content.story", "pickle.FunctionType"),
        ("generator.content.errors", "typing.types.CodeType"),
        ("generator.content.story", "os.system"),
        ("generator.content.story", "StoryCache"),
        ("builtins", "eval"),
    ]:
        with pytest.raises(pickle.UnpicklingError):
            reader.find_class(module, name)


@pytest.mark.parametrize(
    "kept", [b"[]", b'{"format": 1, "files": []}', b'{"format": 1, "files": {"a.html": "x"}}', b'"text"']
)
def test_a_damaged_release_manifest_is_a_message_not_a_traceback(kept):
    """read_manifest raised AttributeError on these: publish and rollback ended in a traceback.
    The publishing code turns a ValueError into "the manifest of release … is damaged"."""
    from generator.release.files import read_manifest

    with pytest.raises(ValueError):
        read_manifest(kept)


# --- issue 25, second round ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "front, field, line",
    [
        (GOOD_FRONT.replace("title: ทอผ้าไทย", 'title: "ทอผ้า\\x07\\e[31m\\0"'), "title", 2),
        (GOOD_FRONT.replace("summary: สรุปสั้น ๆ", 'summary: "สรุป\\uFFFE"'), "summary", 6),
        (GOOD_FRONT.replace("summary: สรุปสั้น ๆ", 'summary: "สรุป\\u202Eกลับด้าน"'), "summary", 6),
        (GOOD_FRONT + 'tags: ["ผ้า\\x1b]0;title\\x07"]\n', "tags[0]", 7),
        (GOOD_FRONT + 'results:\n  - indicator: ราย\n    after: 5\n    unit: "\\x00"\n', "results[0].unit", 10),
    ],
    ids=["title-escape", "non-character", "bidi-override", "tag-osc", "unit-nul"],
)
def test_control_characters_in_front_matter_are_refused_at_their_line(tree, front, field, line):
    """They passed check, made feed.xml ill-formed XML and crashed the workbook (issue 25, 6-7)."""
    tree.story("th-50/a", front)
    problems = tree.check().problems
    assert [(p.code, p.field, p.line) for p in problems] == [("field.unsafe_char", field, line)]
    assert "U+" in problems[0].message("th") and "\x1b" not in problems[0].message("th")
    assert not tree.build().ok


def test_control_characters_in_a_body_and_in_office_names_are_refused(tree):
    tree.story("th-50/a", body="ย่อหน้าแรก\n\nข้อความ\x1b[2Jที่วางมา\n")
    registry = tree.content / "offices.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("name_th: จังหวัดเชียงใหม่", 'name_th: "เชียงใหม่\\e]0;x\\a"')
    )
    problems = tree.check().problems
    found = {(p.file.rsplit("content/", 1)[-1], p.code, p.line, p.column) for p in problems}
    assert ("th-50/a/index.md", "body.unsafe_char", 10, 8) in found
    assert any(p.code == "field.unsafe_char" and p.file.endswith("offices.yml") for p in problems)


def test_every_output_replaces_or_escapes_what_check_would_refuse(tree):
    """One rule (plaintext.py) for text leaving the program, decided once: the feed stays
    well-formed XML and the workbook is written even if such a character reaches them."""
    import dataclasses
    import xml.etree.ElementTree as ET

    from openpyxl import load_workbook

    from generator import evidence, pipeline
    from generator.site.feeds import feeds

    tree.story("th-50/a", GOOD_FRONT + "results:\n  - indicator: ราย\n    before: 1\n    after: 5\n    unit: คน\n")
    checked, pack = pipeline.evidence(tree.content, tree.config, today=None)
    assert pack is not None and checked.ok
    entry = pack.stories[0]
    bad = dataclasses.replace(entry, title="=ชื่อ\x07\x1b[31m", summary="\ufffe")
    out = tree.root / "pack.xlsx"
    evidence.to_xlsx(dataclasses.replace(pack, stories=(bad,)), out)
    sheet = load_workbook(out)["เรื่องเล่า (stories)"]
    assert sheet["A2"].value == "'=ชื่อ\ufffd\ufffd[31m"

    story = checked.validated.stories[0]
    meta = story.meta.model_copy(update={"title": "ทอผ้า\x00\x1b"})
    from generator.content.coverage import group_stories

    groups = group_stories([dataclasses.replace(story, meta=meta)])
    for feed in feeds(groups, checked.validated.registry, checked.validated.config):
        ET.fromstring(feed.xml)  # well-formed


@pytest.mark.parametrize("value", ["1e308", "-1.797e308", "1e16"])
def test_numbers_too_large_for_any_result_are_refused(tree, value):
    """1e308 is finite, but its change overflowed into "-inf%" and a chart bar of width inf."""
    tree.story("th-50/a", GOOD_FRONT + f"results:\n  - indicator: ราย\n    before: 1\n    after: {value}\n")
    assert [(p.code, p.field) for p in tree.check().problems] == [("field.number_too_large", "results[0].after")]


def _progressive_with_repeated_scan(path: Path, repeats: int) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buffer, "JPEG", progressive=True)
    data = buffer.getvalue()
    last, end = data.rindex(b"\xff\xda"), data.rindex(b"\xff\xd9")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[:end] + data[last:end] * repeats + data[end:])


def test_a_progressive_jpeg_with_thousands_of_scans_is_refused_by_check(tree):
    """check read headers only and passed it; build took 57 s a megabyte to decode it."""
    from generator.photos.inspect import jpeg_scans

    _progressive_with_repeated_scan(tree.content / "th-50/a/slow.jpg", 3000)
    tree.photo("th-50/a/ok.jpg", progressive=True)
    front = GOOD_FRONT + "photos:\n  - file: ok.jpg\n    alt: ภาพ\n  - file: slow.jpg\n    alt: ภาพช้า\n"
    tree.story("th-50/a", front)
    started = time.perf_counter()
    problems = tree.check().problems
    assert time.perf_counter() - started < 30
    assert [(p.code, p.field, p.line) for p in problems] == [("photo.too_many_scans", "photos[1].file", 10)]
    assert jpeg_scans(tree.content / "th-50/a/ok.jpg") < 20
    assert not tree.build().ok


def test_evidence_never_decodes_a_photo_check_refused(tree):
    from generator import pipeline

    tree.config.write_text(f"cache_dir: {tree.root / 'cache'}\nphotos:\n  max_megapixels: 0.1\n", encoding="utf-8")
    tree.photo("th-50/a/big.jpg", size=(800, 600))
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: big.jpg\n    alt: ภาพ\n")
    tree.story("th-50/b")
    checked, pack = pipeline.evidence(tree.content, tree.config)
    assert "photo.too_many_pixels" in {p.code for p in checked.problems}
    assert pack is not None and [e.title for e in pack.stories] == ["ทอผ้าไทย"]
    assert not (tree.root / "cache" / "photos").exists() or not any((tree.root / "cache" / "photos").rglob("*.jpg"))


def test_a_planted_or_edited_cache_entry_is_made_again_never_published(tree):
    """An edited html in a body cache entry appeared verbatim on the story page, even with --full:
    every entry is sealed by a secret outside the cache, and one that does not verify is made
    again (issue 25, 4 and 9)."""
    tree.story("th-50/a", body="ย่อหน้าแรก\n")
    tree.story("th-50/b", body="ย่อหน้าที่สอง\n")
    assert tree.build().ok
    cache = tree.root / "cache"
    planted = 0
    for entry in (cache / "bodies").glob("*/*.json"):
        data = entry.read_bytes()
        entry.write_bytes(data.replace("ย่อหน้า".encode(), b"<script>alert(1)</script>"))
        planted += 1
    for entry in [*(cache / "write-ups").glob("*/*"), cache / "write-ups" / "together.pickle"]:
        if entry.is_file():
            entry.write_bytes(b"\x80\x05planted")
    for entry in (cache / "compressed").glob("*/*.br"):  # linked from the example's (seed_cache)
        damage_entry(entry, __import__("brotli").compress(b"<script>alert(1)</script>"))
    for entry in (cache / "search-documents").glob("*.html"):
        entry.write_text("<script>alert(1)</script>", encoding="utf-8")
    assert planted == 2
    assert tree.build(full=True).ok
    site = tree.root / "site"
    for page in ("th-50/a/index.html", "th-50/b/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "alert(1)" not in html and "ย่อหน้า" in html
        assert b"alert(1)" not in __import__("brotli").decompress((site / (page + ".br")).read_bytes())
    assert not any(b"alert(1)" in f.read_bytes() for f in site.rglob("*") if f.is_file())


def test_a_cache_seal_is_the_secret_s_and_no_other(tmp_path, monkeypatch):
    from generator import keys

    monkeypatch.setenv("MOINEXT_CACHE_SECRET", "one")
    keys.cache_secret.cache_clear()
    try:
        sealed = keys.seal(b"data")
        assert keys.unseal(sealed) == b"data"
        assert keys.unseal(sealed[:-1] + b"x") is None and keys.unseal(b"data") is None
        monkeypatch.setenv("MOINEXT_CACHE_SECRET", "two")
        keys.cache_secret.cache_clear()
        assert keys.unseal(sealed) is None
        monkeypatch.delenv("MOINEXT_CACHE_SECRET")
        monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
        keys.cache_secret.cache_clear()
        first = keys.cache_secret()
        secret = tmp_path / "state" / "moinext" / "cache-secret"
        assert secret.stat().st_mode & 0o077 == 0 and secret.read_bytes() == first
        keys.cache_secret.cache_clear()
        assert keys.cache_secret() == first  # kept for the next run
    finally:
        keys.cache_secret.cache_clear()


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/>'
        '<rect width="9" height="9"/></a></svg>',
        '<?xml version="1.0"?><?xml-stylesheet href="https://e.example/a.css"?>'
        '<svg xmlns="http://www.w3.org/2000/svg"/>',
        '<svg xmlns="http://www.w3.org/2000/svg"><style>a{fill:red}<x/>@import "https://e.example/a.css";</style></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\\72l(https://e.example/a)}</style></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:image-set(\'https://e.example/a.png\' 1x)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml">1</h:script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="fill" to="red"/></svg>',
    ],
    ids=["set-href", "stylesheet-instruction", "import-after-child", "css-escape", "image-set", "xhtml", "animate"],
)
def test_an_svg_logo_is_judged_by_what_a_drawing_needs(tree, svg):
    """Four of these passed the deny-list; Chromium fetched the outside address in three."""
    (tree.content / "logo.svg").write_text(svg, encoding="utf-8")
    tree.config.write_text(tree.config.read_text(encoding="utf-8") + "appearance:\n  logo: logo.svg\n")
    assert [p.code for p in tree.check().problems] == ["config.logo_file"]


def test_logos_as_editors_export_them_are_accepted(tree):
    inkscape = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
        ' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<sodipodi:namedview id="n" pagecolor="#fff"/><metadata><rdf:RDF><dc:title>x</dc:title></rdf:RDF>'
        '</metadata><g inkscape:label="Layer 1"><circle cx="5" cy="5" r="4" style="fill:#f00;stroke:none"/></g></svg>'
    )
    illustrator = (
        '<?xml version="1.0" encoding="UTF-8"?><!-- Generator: Adobe Illustrator -->'
        '<svg xmlns="http://www.w3.org/2000/svg" id="Layer_1" data-name="Layer 1" viewBox="0 0 10 10"><defs>'
        "<style>.cls-1{fill:#1a3c6e;}.cls-2{fill:url(#g);}</style>"
        '<linearGradient id="g" x1="0" y1="0" x2="1" y2="1" gradientUnits="userSpaceOnUse">'
        '<stop offset="0" stop-color="#fff"/></linearGradient></defs><title>ตรา</title>'
        '<path class="cls-2" d="M0 0h10v10z"/><text x="1" y="9" font-family="\'Sarabun\'">มท</text></svg>'
    )
    tree.config.write_text(tree.config.read_text(encoding="utf-8") + "appearance:\n  logo: logo.svg\n")
    for svg in (inkscape, illustrator):
        (tree.content / "logo.svg").write_text(svg, encoding="utf-8")
        assert tree.check().problems == ()


def test_the_photo_viewer_s_ids_are_reserved_and_a_caption_is_never_a_selector(tree):
    """An element with id glightbox-body made opening a photo throw; a caption starting with "."
    was read by GLightbox as a CSS selector and copied the site header into the box."""
    from bs4 import BeautifulSoup

    tree.story("th-50/b", body='ย่อหน้า\n\n<div id="glightbox-slider">x</div>\n')
    assert [p.code for p in tree.check().problems] == ["body.removed"]
    (tree.content / "th-50/b/index.md").unlink()
    tree.photo("th-50/a/p.jpg")
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: p.jpg\n    alt: ภาพ\n    caption: '.md-header'\n")
    assert tree.build().ok
    html = (tree.root / "site/th-50/a/index.html").read_text(encoding="utf-8")
    link = BeautifulSoup(html, "html.parser").select_one("a.glightbox")
    assert not link["data-description"].startswith(".")
    assert BeautifulSoup(link["data-description"], "html.parser").get_text() == ".md-header"


def test_two_names_that_are_the_same_text_are_refused_both(tree):
    """Tone mark then vowel, and vowel then tone mark: one word to a reader, two addresses."""
    composed, reordered = "น\u0e38\u0e49ง", "น\u0e49\u0e38ง"
    assert composed != reordered
    tree.story(f"th-50/{composed}")
    tree.story(f"th-50/{reordered}")
    tree.story("th-50/other")
    result = tree.check()
    assert sorted(p.code for p in result.problems) == ["content.same_name", "content.same_name"]
    assert [s.slug for s in result.validated.stories] == ["other"]


def test_a_script_link_in_a_body_is_a_warning_at_its_line(tree):
    tree.story("th-50/a", body="ย่อหน้า\n\n[คลิกที่นี่](javascript:alert(1))\n")
    result = tree.check()
    assert result.ok
    assert [(p.code, p.line, str(p.severity)) for p in result.problems] == [("body.refused_link", 10, "warning")]


def test_the_evidence_pages_carry_a_content_security_policy(tree):
    from bs4 import BeautifulSoup

    from generator import evidence, pipeline
    from generator.site.policy import meta_policy

    tree.story("th-50/a")
    assert tree.build().ok
    page = BeautifulSoup((tree.root / "site/pmqa/6/evidence.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"] == meta_policy()
    _, pack = pipeline.evidence(tree.content, tree.config)
    assert pack is not None
    alone = BeautifulSoup(evidence.to_html(pack), "html.parser")
    assert "default-src 'none'" in alone.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]

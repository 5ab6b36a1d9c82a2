"""Hostile and careless input: what one office's account must never be able to do to the site,
the build machine or everyone else's build."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import GOOD_FRONT


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
    for folder in ("th-50", "pagefind/part-1", "empty/folder"):
        (planted / folder).mkdir(parents=True)
    for folder in ("th-50", "pagefind/part-1"):
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

"""The planner of stale outputs (site/stale.py) on its own: which edit makes which outputs stale.

Each row is a build record, the content's keys after an edit, and what must be made again. The
byte-for-byte comparison of rebuilds with clean builds after each kind of edit is in
tests/test_incremental.py.
"""

from __future__ import annotations

import pytest

from generator.site.record import BuildRecord, Output, StoryKeys
from generator.site.stale import Stale, find_stale

A, B, C = "th-50/a/", "th-50/b/", "th-10/c/"
INPUTS = {"site_config.yml": "k1", "content/offices.yml": "k2", "theme and code": "k3", "day": "2026-11-24"}


def keys(placement: str = "p", shown: str = "s", whole: str = "w") -> StoryKeys:
    return StoryKeys(placement, shown, whole, "d")


RECORD = BuildRecord(
    inputs=INPUTS,
    site="site",
    stories={A: keys("pa", "sa", "wa"), B: keys("pb", "sb", "wb"), C: keys("pc", "sc", "wc")},
    pages={
        A: Output("1", (A, B)),  # A's page, with B as a related story
        B: Output("2", (B,)),
        C: Output("3", (C,)),
        "th-50/": Output("4", (A, B)),  # the office's listing
        "stories/": Output("5", (A, B, C)),
        "stories/page/2/": Output("6", ()),
        "overview/": Output("7", ()),  # counts only: placement
    },
    files={"feed.xml": Output("8", (A, B, C)), "th-10/feed.xml": Output("9", (C,)), "sitemap.xml": Output("10")},
)
FEEDS = ("feed.xml", "th-10/feed.xml")
NOW = {A: keys("pa", "sa", "wa"), B: keys("pb", "sb", "wb"), C: keys("pc", "sc", "wc")}


def stale_outputs(stale: Stale, record: BuildRecord = RECORD) -> set[str]:
    wanted = stale.wanted(record)
    return {path for path in (*record.pages, *record.files) if wanted(path)}


@pytest.mark.parametrize(
    ("edit", "now", "inputs", "made_again"),
    [
        ("nothing", NOW, INPUTS, set()),
        ("a body (A's text)", {**NOW, A: keys("pa", "sa", "wa2")}, INPUTS, {A}),
        ("another body (C's)", {**NOW, C: keys("pc", "sc", "wc2")}, INPUTS, {C}),
        # B's title: its page, A's page (B is related), the listings and the feed showing it.
        ("a title (B's)", {**NOW, B: keys("pb", "sb2", "wb2")}, INPUTS, {A, B, "th-50/", "stories/", "feed.xml"}),
        (
            "a summary (C's)",
            {**NOW, C: keys("pc", "sc2", "wc2")},
            INPUTS,
            {C, "stories/", "feed.xml", "th-10/feed.xml"},
        ),
        ("two bodies", {**NOW, A: keys("pa", "sa", "x"), B: keys("pb", "sb", "y")}, INPUTS, {A, B}),
    ],
)
def test_a_story_edit_makes_its_own_page_and_what_shows_it_stale(
    edit: str, now: dict[str, StoryKeys], inputs: dict[str, str], made_again: set[str]
) -> None:
    stale = find_stale(RECORD, inputs, now)
    assert not stale.everything, stale.reason
    assert stale_outputs(stale) == made_again, edit


@pytest.mark.parametrize(
    ("edit", "record", "now", "inputs", "reason"),
    [
        ("no previous build", BuildRecord(), NOW, INPUTS, "no record"),
        ("the configuration", RECORD, NOW, {**INPUTS, "site_config.yml": "k1b"}, "site_config.yml"),
        ("the offices", RECORD, NOW, {**INPUTS, "content/offices.yml": "k2b"}, "content/offices.yml"),
        ("a new file in content/", RECORD, NOW, {**INPUTS, "content/banners.yml": "k9"}, "content/banners.yml"),
        ("a file gone from content/", RECORD, NOW, {k: v for k, v in INPUTS.items() if k != "day"}, "day"),
        ("the theme or the code", RECORD, NOW, {**INPUTS, "theme and code": "k3b"}, "theme and code"),
        ("a new day", RECORD, NOW, {**INPUTS, "day": "2026-11-25"}, "day"),
        ("a story added", RECORD, {**NOW, "th-10/d/": keys()}, INPUTS, "added: th-10/d/"),
        ("a story removed", RECORD, {A: NOW[A], B: NOW[B]}, INPUTS, "removed: th-10/c/"),
        ("a story moved (date, tags …)", RECORD, {**NOW, C: keys("pc2", "sc2", "wc2")}, INPUTS, "moved"),
    ],
)
def test_anything_but_a_story_s_text_makes_everything_stale(
    edit: str, record: BuildRecord, now: dict[str, StoryKeys], inputs: dict[str, str], reason: str
) -> None:
    stale = find_stale(record, inputs, now)
    assert stale.everything, edit
    assert reason in stale.reason, (edit, stale.reason)
    assert stale_outputs(stale, record) == {*record.pages, *record.files}


def test_an_output_the_record_does_not_know_is_always_made() -> None:
    stale = find_stale(RECORD, INPUTS, NOW)
    wanted = stale.wanted(RECORD)
    assert not wanted(A) and wanted("th-50/page/2/") and wanted("pmqa/1/evidence.html")


def test_the_record_reads_back_as_it_was_written_and_a_damaged_one_is_no_record(tmp_path) -> None:
    shown_elsewhere = BuildRecord(
        inputs=INPUTS,
        site="site",
        stories=RECORD.stories,
        pages={**RECORD.pages, "pmqa/1/": Output("11", (A, "th-99/not-a-story/"))},
        files=RECORD.files,
        search={"search/0-0123456789abcdef/": "k"},
        assets=("assets/a.css",),
        menu={"": ("", {"title": "หน้าแรก"})},
    )
    shown_elsewhere.write(tmp_path)
    assert BuildRecord.read(tmp_path) == shown_elsewhere
    kept = tmp_path / ".moinext-build.json"
    for damaged in (
        '{"format": 2}',
        kept.read_text(encoding="utf-8").replace('"pages":{', '"pages":{"x/":["k",[99999]],'),
        "[]",
        "{not json",
    ):
        kept.write_text(damaged, encoding="utf-8")
        assert BuildRecord.read(tmp_path) == BuildRecord()

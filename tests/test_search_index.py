"""Build-time side of search: Thai words cut like the browser cuts queries, and the index block."""

from __future__ import annotations

from conftest import indexed_stories, indexed_words
from generator.content.body import html_to_text
from generator.thai.words import ORIGINAL_SPACE, SPACE_MARK, compound_parts, decompound, index_text, segment


def test_segment_cuts_thai_words_like_the_browser():
    words = segment("ประชาชนสามารถยื่นคำร้องขอใบอนุญาตก่อสร้างอาคาร ได้ที่สำนักงานเขต")
    for word in ("ประชาชน", "สามารถ", "อาคาร", "ก่อสร้าง", "เขต"):
        assert word in words
    assert " " not in words
    assert segment("Chiang Mai 2567") == ["Chiang", "Mai", "2567"]


def test_compounds_are_split_only_into_common_long_words():
    assert decompound("สำนักงานเขต") == ("สำนักงาน", "เขต")
    assert decompound("กรุงเทพมหานคร") == ("กรุงเทพ", "มหานคร")
    assert decompound("สามารถ") == ("สามารถ",)  # not สา + มา + รถ
    assert decompound("กระทรวง") == ("กระทรวง",)  # ทรวง is not a common word
    assert decompound("เขต") == ("เขต",)


def test_index_text_marks_word_boundaries_and_compound_parts_stand_apart():
    text = index_text("ได้ที่สำนักงานเขต (Bangkok) กรุงเทพมหานคร")
    assert text.startswith("ได้ที่ สำนักงาน เขต")
    # A story's own space: a no-break space, and U+2063 on the word before it for the excerpts.
    assert f" เขต{SPACE_MARK}{ORIGINAL_SPACE}(Bangkok){SPACE_MARK}{ORIGINAL_SPACE}กรุงเทพมหานคร" in text
    assert compound_parts(index_text("ได้ที่สำนักงานเขต กรุงเทพมหานคร")) == "สำนัก งาน กรุงเทพ มหานคร"


def test_html_to_text_drops_tags():
    html = '<h2 id="a">ผล</h2><p>ลด&amp;เพิ่ม <b>มาก</b></p>'
    assert html_to_text(html) == "ผล ลด&เพิ่ม มาก"


def test_each_story_is_indexed_from_its_own_document_and_no_page_carries_a_copy(example_site):
    fragment = indexed_stories(example_site)["/th-10/online-appointment/"]
    filters = fragment["filters"]
    assert filters["office"] == ["กรุงเทพมหานคร"] and filters["province"] == ["กรุงเทพมหานคร"]
    assert filters["rer"] == ["งานประจำ"]
    assert set(filters["pmqa"]) == {
        "หมวด 3 การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
        "หมวด 4 การวัด การวิเคราะห์ และการจัดการความรู้",
    }
    # The title as written, its words that a line must not break inside marked for the results.
    title = fragment["meta"]["title"]
    assert title.replace("\ue000", "").replace("\ue001", "") == "นัดหมายล่วงหน้าออนไลน์ที่สำนักงานเขต ไม่ต้องลางานมารอคิว"
    assert "\ue000สำนักงานเขต\ue001" in title
    from generator.thai.normalise import display_spelling, index_spelling

    text = display_spelling(fragment["content"])  # the index spells Thai marks as letters
    assert "ออนไลน์ ที่" in text  # what a result shows: the title, summary and body
    assert "ออนไลน์" not in fragment["content"]  # ...so no character of a Thai word is dropped
    words = indexed_words(example_site)["/th-10/online-appointment/"]
    assert {"bangkok", index_spelling("ออนไลน์")} <= words  # the office's English name is found too
    # Only stories are indexed, and pages carry no hidden copy of their words (smaller pages).
    assert all(url.count("/") == 3 for url in indexed_stories(example_site))
    for page in ("index.html", "th-10/online-appointment/index.html"):
        assert index_spelling("ออนไลน์") not in (example_site / page).read_text(encoding="utf-8")
    assert not (example_site / "search" / "search_index.json").exists()  # no lunr index
    # ...nor Material's search worker and lunr's languages, which no page asks for.
    scripts = {p.relative_to(example_site).as_posix() for p in (example_site / "assets" / "javascripts").rglob("*")}
    assert "assets/javascripts/moinext-search.js" in scripts
    assert not [name for name in scripts if "lunr" in name or "workers" in name]

"""Build-time side of search: Thai words cut like the browser cuts queries, and the index block."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.site.search import html_to_text
from generator.thai.words import ORIGINAL_SPACE, compound_parts, decompound, index_text, segment


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
    assert f" เขต{ORIGINAL_SPACE}(Bangkok){ORIGINAL_SPACE}กรุงเทพมหานคร" in text
    assert compound_parts(index_text("ได้ที่สำนักงานเขต กรุงเทพมหานคร")) == "สำนัก งาน กรุงเทพ มหานคร"


def test_html_to_text_drops_tags():
    html = '<h2 id="a">ผล</h2><p>ลด&amp;เพิ่ม <b>มาก</b></p>'
    assert html_to_text(html) == "ผล ลด&เพิ่ม มาก"


def test_story_pages_carry_the_index_block_and_others_do_not(example_site):
    soup = BeautifulSoup(
        (example_site / "th-10/online-appointment/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    block = soup.select_one("[data-pagefind-body]")
    assert block is not None and block.has_attr("hidden")
    filters = {(s["data-pagefind-filter"], s.get_text()) for s in block.select("[data-pagefind-filter]")}
    assert ("office", "กรุงเทพมหานคร") in filters and ("province", "กรุงเทพมหานคร") in filters
    assert ("rer", "งานประจำ") in filters
    assert {v for k, v in filters if k == "pmqa"} == {
        "หมวด 3 การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
        "หมวด 4 การวัด การวิเคราะห์ และการจัดการความรู้",
    }
    assert block.select_one('[data-pagefind-meta="title"]').get_text() == (
        "นัดหมายล่วงหน้าออนไลน์ที่สำนักงานเขต ไม่ต้องลางานมารอคิว"
    )
    from generator.thai.normalise import display_spelling

    text = display_spelling(block.get_text())  # the index spells Thai marks as letters
    assert "Bangkok" in text and "ออนไลน์ ที่" in text
    assert "ออนไลน์" not in block.select_one("h1").get_text()  # ...so Pagefind cannot fold them away
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home
    assert (example_site / "pagefind" / "pagefind.js").is_file()
    assert not (example_site / "search" / "search_index.json").exists()  # no lunr index

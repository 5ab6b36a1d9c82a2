import datetime as dt

import pytest

from generator import frameworks
from generator.thai.calendar import be_year, thai_date
from generator.thai.text import slugify


def test_rer_has_the_three_components_with_thai_and_english_labels():
    assert [c.key for c in frameworks.RER] == ["routine", "extra", "report"]
    assert frameworks.RER_BY_KEY["extra"].name_th == "ภารกิจพิเศษ"
    assert frameworks.RER_BY_KEY["report"].name_en == "Report"


def test_pmqa_has_seven_categories_and_their_items():
    assert [c.code for c in frameworks.PMQA] == ["1", "2", "3", "4", "5", "6", "7"]
    counts = {c.code: len(c.items) for c in frameworks.PMQA}
    assert counts == {"1": 4, "2": 4, "3": 4, "4": 4, "5": 4, "6": 4, "7": 6}
    assert frameworks.pmqa_label("6") == "การมุ่งเน้นระบบปฏิบัติการ"
    assert frameworks.pmqa_label("1.2") == "การป้องกันทุจริตและสร้างความโปร่งใส"
    assert frameworks.pmqa_label("7.1", "en") == "Mission results"
    for item in frameworks.PMQA_ITEMS.values():
        assert item.name_th and item.name_en
    assert frameworks.pmqa_category_of("6.2") == "6"
    assert "7.6" in frameworks.PMQA_CODES and "7.7" not in frameworks.PMQA_CODES


def test_buddhist_era_dates():
    assert be_year(dt.date(2022, 6, 22)) == 2565
    assert thai_date(dt.date(2022, 6, 22)) == "22 มิถุนายน 2565"
    assert thai_date(dt.date(2024, 1, 5), short=True) == "5 ม.ค. 2567"


def test_slugify_keeps_thai_marks_so_words_do_not_collide():
    slugs = {slugify(word) for word in ("ข่าว", "ข้าว", "ขาว")}
    assert slugs == {"ข่าว", "ข้าว", "ขาว"}
    assert slugify("ผลที่ได้ (Results)") == "ผลที่ได้-results"
    assert slugify("Café  Weaving_Project!") == "cafe-weaving-project"
    assert slugify("การทำงาน") == "การทำงาน"


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("น\u0e4d\u0e32", "นำ"),  # sara am as nikhahit + sara aa
        ("น\u0e49\u0e4d\u0e32", "น้ำ"),
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),
        ("ก\u0e48\u0e34", "กิ่"),  # tone mark typed before the vowel
        ("ก\u0e48\u0e48า", "ก่า"),  # a tone mark typed twice
        ("๒๕๖๗", "2567"),
        ("ครัว\u2060เรือน\u200b", "ครัวเรือน"),
        ("น้ำ", "น้ำ"),
    ],
)
def test_one_spelling_for_text_typed_several_ways(typed, spelled):
    from generator.thai.normalise import normalise

    assert normalise(typed) == spelled
    assert normalise(normalise(typed)) == normalise(typed)


def test_the_index_spelling_of_thai_words_goes_both_ways():
    from generator.thai.normalise import display_spelling, index_spelling

    for word in ("ข่าว", "ข้าว", "ขาว", "กิ่ง", "ออนไลน์", "Chiang Mai"):
        assert display_spelling(index_spelling(word)) == word
    assert len({index_spelling(w) for w in ("ข่าว", "ข้าว", "ขาว")}) == 3
    assert index_spelling("ข้าวกิ่ง").isascii()  # nothing for the indexer to fold, drop or stem

"""The words search forgives: misspellings corrected on both sides, the words a query need not find,
years in the other era, places in English, and the synonyms moinext ships."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.synonyms import SHIPPED, Synonyms, _read_synonyms, shipped_synonyms, validate_synonyms
from generator.places import english_place_names
from generator.thai.calendar import years_in
from generator.thai.normalise import normalise
from generator.thai.query import ASKING, OPTIONAL_WORDS
from generator.thai.spellings import SPELLINGS
from generator.thai.words import segment


@pytest.mark.parametrize(("wrong", "right", "after", "before"), SPELLINGS)
def test_each_misspelling_is_corrected_and_no_correct_spelling_is_touched(wrong, right, after, before):
    assert normalise(f"ข{wrong}ค") == f"ข{right}ค" or after or before
    assert normalise(right) == right, "a correct spelling contains a misspelling"
    assert normalise(normalise(wrong)) == normalise(wrong)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("กฏหมาย", "กฎหมาย"),
        ("ปรากฏ", "ปรากฏ"),  # the guarded one: กฏ is right after ปรา
        ("ปรากฎ", "ปรากฏ"),
        ("เปอร์เซ็น", "เปอร์เซ็นต์"),
        ("เปอร์เซ็นต์", "เปอร์เซ็นต์"),  # not เปอร์เซ็นต์ต์
        ("แอพพลิเคชั่นและแอพ", "แอปพลิเคชันและแอป"),  # the longest misspelling first
        ("\u0e40\u0e40ผนที่", "แผนที่"),
        ("ค่าฝุ่น PM 2.5 สูง", "ค่าฝุ่น PM2.5 สูง"),
        ("COVID 19", "COVID 19"),  # only a short name joins its number
    ],
)
def test_spellings_in_context(text, expected):
    assert normalise(text) == expected


def test_the_words_a_query_need_not_find_are_words_as_icu_cuts_them():
    for word in OPTIONAL_WORDS + tuple(w for pair in ASKING for words in pair for w in words):
        assert segment(word) == [word], word


def test_years_are_found_in_both_eras_and_short_after_pi():
    assert years_in("ในปีงบประมาณ พ.ศ. 2568") == ("2568", "2025")
    assert years_in("เมื่อปี 67 และ พ.ศ.66") == ("2567", "2024", "2566", "2023")
    assert years_in("ร้อยละ 40 จำนวน 12345 บาท") == ()


def test_places_are_named_in_english_and_districts_only_of_the_own_province():
    named = english_place_names("อำเภอสุไหงโก-ลก จังหวัดนราธิวาส", "TH-96")
    assert named == ("Narathiwat", "Su-ngai Kolok", "SungaiKolok")
    # Every province has a district named เมือง...; another province's district names are ambiguous.
    assert english_place_names("ชาวเชียงใหม่ไปเที่ยวสุไหงโก-ลก", None) == ("Chiang Mai", "ChiangMai")


def test_places_are_named_as_readers_spell_them_too():
    # geothai writes the Royal Institute's spelling; readers write Chonburi and Koh Samui.
    named = english_place_names("เรือข้ามไปเกาะสมุยจากชลบุรี", "TH-84")
    assert {"Ko Samui", "Koh Samui", "Chon Buri", "ChonBuri"} <= set(named)
    # Not "Ko Phangan": "Phang Nga" would find it, every word being a possible beginning.
    assert set(english_place_names("เกาะพะงัน", "TH-84")) == {"Surat Thani", "Ko Pha-ngan", "Koh Pha-ngan"}


def test_synonyms_of_what_a_story_is_about_are_told_from_those_of_its_body():
    synonyms = Synonyms(groups=(("สงกรานต์", "Songkran"), ("อบต.", "องค์การบริหารส่วนตำบล")))
    found = synonyms.expansions_by_place("ด่านชุมชนช่วงสงกรานต์", "อบต. ร่วมตั้งด่านช่วงสงกรานต์")
    # In the title too: it weighs as the title's word. After the groups' spellings come the
    # English words of the nouns of what the story is about (ด่าน, ชุมชน: thai/english.py), and of
    # the body's loanwords only (none here).
    assert found.about == ("Songkran", "barricade", "community")
    assert found.rest == ("องค์การบริหารส่วนตำบล",)
    # The story's own words each is found by: marked in an excerpt when the other was searched.
    assert found.sources == (
        ("Songkran", ("สงกรานต์",)),
        ("องค์การบริหารส่วนตำบล", ("อบต.",)),
        ("barricade", ("ด่าน",)),
        ("community", ("ชุมชน",)),
    )
    assert synonyms.expansions("อบต. ร่วมตั้งด่านช่วงสงกรานต์") == ("Songkran", "องค์การบริหารส่วนตำบล", "barricade")


def test_the_shipped_synonyms_have_no_problem():
    found, problems = _read_synonyms(SHIPPED)
    assert problems == []
    assert len(found.groups) > 50 and found.broader


def test_a_sites_synonyms_extend_the_shipped_ones(tmp_path: Path):
    own = tmp_path / "synonyms.yml"
    own.write_text(
        "groups:\n  - [โคราช, นครราชสีมา]\n  - [ซิตี้บัส, city bus]\nbroader:\n  ผ้าไทย: [ผ้าขิด]\n", encoding="utf-8"
    )
    merged, problems = validate_synonyms(own)
    assert problems == []
    korat = next(group for group in merged.groups if "โคราช" in group)
    assert "Korat" in korat  # the shipped group's spellings joined the site's
    assert sum("โคราช" in group for group in merged.groups) == 1
    assert ("ซิตี้บัส", "city bus") in merged.groups
    assert dict(merged.broader)["ผ้าไทย"] == ("ผ้าขิด",)  # the site's narrower terms replace the shipped ones
    assert validate_synonyms(None)[0] == shipped_synonyms()


def test_a_broader_term_finds_a_story_that_names_a_narrower_one_and_not_the_reverse():
    synonyms = Synonyms((), (("ผ้าไทย", ("ผ้าไหม", "ผ้ามัดย้อม")),))
    # (Then the English words of its nouns, ผ้า and ผ้าไหม and ไหม: thai/english.py.)
    english = ("drapery", "fabric", "grosgrain", "shantung", "silk", "silkworm")
    assert synonyms.expansions("กลุ่มทอผ้าไหมลายโบราณ") == ("ผ้าไทย", *english)
    assert synonyms.expansions("ตลาดผ้าไทย") == ("drapery", "fabric")


def test_a_readers_everyday_word_finds_the_formal_one_and_not_its_other_senses():
    shipped = shipped_synonyms()
    assert "ตาย" in shipped.expansions("สงกรานต์ปีนี้ไม่มีผู้เสียชีวิต")
    assert "ลูก" in shipped.expansions("เด็กหลุดจากระบบการศึกษากลับมาเรียน")
    # ICU cuts ลูกหนี้ into ลูก|หนี้: the debtors' story is not about children.
    assert "เด็ก" not in shipped.expansions("ลูกหนี้นอกระบบได้ไกล่เกลี่ย")


def test_a_name_with_a_hyphen_is_also_indexed_as_typed_without_it():
    from generator.thai.words import joined_names, segment

    assert joined_names("ตลาด อ.สุไหงโก-ลก จ.นราธิวาส") == " ".join(segment("สุไหงโกลก"))
    assert joined_names("จ.นราธิวาส e-Payment") == ""  # an abbreviation's full stop joins nothing


def test_thai_words_are_found_by_their_english_words() -> None:
    from generator.thai.english import english_in
    from generator.thai.normalise import normalise
    from generator.thai.words import segment

    def origins(text: str) -> tuple[str, ...]:
        return tuple(english_in(segment(normalise(text).lower())))

    assert "homestay" in origins("ชาวบ้านเปิดโฮมสเตย์ริมโขง")  # ICU cuts it โฮม|สเตย์
    assert "chlorine" in origins("เติมคลอรีนทุกเช้า")
    assert "line" not in origins("ขายของออนไลน์")  # a whole word only: ไลน์ is not in ออนไลน์
    # Nouns by their English word (thai-english.tsv): what the story names, not every sense.
    assert {"salt", "teak", "dugong", "crocodile"} <= set(origins("เกลือจากไม้สักพะยูนและจระเข้"))
    assert "semen" not in origins("น้ำดื่ม") and "juice" not in origins("น้ำดื่ม")  # น้ำ: too many senses
    assert origins("เขาจะไปเมื่อไร") == ()


def test_the_thai_english_words_are_listed_as_the_index_spells_them():
    """Normalised as the index and the query are: made again (scripts/make_thai_english.py) when
    the rules of thai.normalise change."""
    from generator.thai.english import _TRANSLATIONS
    from generator.thai.normalise import normalise

    lines = [line for line in _TRANSLATIONS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) > 30_000
    words = [line.partition("\t")[0] for line in lines]
    assert [word for word in words if normalise(word).lower() != word] == []
    assert all(english.isascii() and english.islower() for line in lines for english in line.split("\t")[1].split())

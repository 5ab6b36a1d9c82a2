"""Build-time side of search: Thai words cut like the browser cuts queries, and the index block."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from random import Random

from conftest import indexed_stories, indexed_words
from generator.content.body import html_to_text
from generator.places import district_names
from generator.site.search import engine
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


def test_a_district_s_name_is_not_cut_into_parts_but_a_province_s_is():
    # ทอง (gold) must not find อำเภอจอมทอง, nor หาด (beach) หาดใหญ่; กรุงเทพ still finds กรุงเทพมหานคร.
    text = index_text("อำเภอจอมทองและหาดใหญ่ กรุงเทพมหานคร")
    assert compound_parts(text) == "จอม ทอง หาด ใหญ่ กรุงเทพ มหานคร"
    assert compound_parts(text, district_names()) == "กรุงเทพ มหานคร"


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


def _engine_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _Documents:
    """A part's folder of documents as search/parts.py keeps it (a document per address, the
    listing of their keys), and the documents' cache by key."""

    def __init__(self, root: Path) -> None:
        self.docs, self.cache = root / "docs", root / "cache"
        self.docs.mkdir()
        self.cache.mkdir()
        self.listed: dict[str, str] = {}

    def put(self, url: str, document: dict[str, object]) -> None:
        data = (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")
        key = hashlib.sha256(data).hexdigest()
        (self.cache / f"{key}.json").write_bytes(data)
        (self.docs / url).mkdir(parents=True, exist_ok=True)
        (self.docs / url / engine.DOCUMENT_FILE).write_bytes(data)
        self.listed[url] = key
        self.record_listing()

    def drop(self, url: str) -> None:
        shutil.rmtree(self.docs / url)
        del self.listed[url]
        self.record_listing()

    def record_listing(self) -> None:
        (self.docs / engine.DOCUMENTS_LISTING).write_text(json.dumps(self.listed), encoding="utf-8")


def _document(url: str, random: Random, vocabulary: list[str]) -> dict[str, object]:
    body = " ".join(random.choice(vocabulary) for _ in range(random.randint(5, 60)))
    title = " ".join(random.choice(vocabulary[:40]) for _ in range(random.randint(2, 6)))
    office = random.choice(["สำนักงาน เขต บางรัก", "อำเภอ เมือง", "e-Payment ศูนย์"])
    return {
        "url": url,
        "date": f"2026-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}",
        "meta": {"title": title},
        "content": f"{title} {body}",
        "filters": [["rer", random.choice(["routine", "extra", "report"])], ["office", url.split("/")[0]]],
        "fields": [[8, title, False], [1, body, False], [6, office, True], [0.5, "ทั่วไป ทุก เรื่อง", False]],
    }


def test_an_index_made_from_the_last_one_equals_an_index_made_whole(tmp_path: Path) -> None:
    """The indexer takes what did not change from the previous index (engine.write_index with a
    record): after edits, new and removed documents, a change in the number of buckets, a
    damaged record and a previous index it did not write, every file is the one a whole index
    of the same documents has, and most files of a small edit are linked, not written."""
    random = Random(2569)
    vocabulary = [f"คำ{n}" for n in range(300)] + ["การ", "ประชาชน", "บริการ", "PM2.5", "e-Service"]
    part = _Documents(tmp_path)
    for n in range(60):
        part.put(f"office-{n % 7}/story-{n:03d}/", _document(f"office-{n % 7}/story-{n:03d}/", random, vocabulary))
    record = tmp_path / "part.index.json"
    previous: Path | None = None
    counter = iter(range(1000))

    def index() -> Path:
        nonlocal previous
        out = tmp_path / f"index-{next(counter)}"
        if previous is not None:  # the site keeps compressed copies beside the index's files
            for file in list(previous.rglob("*.json")):
                file.with_name(file.name + ".gz").write_bytes(b"")
        engine.write_index(part.docs, out, previous, record, part.cache)
        whole = tmp_path / f"whole-{out.name}"
        engine.write_index(part.docs, whole)
        ours, theirs = _engine_files(out), _engine_files(whole)
        assert sorted(ours) == sorted(theirs)
        assert [name for name in ours if ours[name] != theirs[name]] == []
        previous = out
        return out

    def linked(out: Path) -> float:
        names = list(_engine_files(out))
        assert previous is not None
        return sum((out / n).stat().st_nlink > 1 for n in names) / len(names)

    index()
    urls = sorted(part.listed)
    edits = [
        lambda: part.put(urls[3], _document(urls[3], random, vocabulary)),  # a story edited
        lambda: part.put("office-9/new-story/", _document("office-9/new-story/", random, vocabulary)),
        lambda: part.drop(urls[10]),
    ]
    for edit in edits:
        before = previous
        edit()
        out = index()
        assert before is not None and linked(out) > 0.5  # the rest is the previous index's
    # Many new documents at once: more buckets, every word in another one.
    for n in range(200):
        url = f"office-{n % 5}/more-{n:03d}/"
        part.put(url, _document(url, random, vocabulary))
    index()
    # A damaged record, then one that names an index the site never published: indexed whole.
    record.write_text("{", encoding="utf-8")
    part.put(urls[5], _document(urls[5], random, vocabulary))
    index()
    good = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**good, "documents": {url: [1, "x"] for url in good["documents"]}}), encoding="utf-8")
    part.put(urls[5], _document(urls[5], random, vocabulary))
    index()
    # A record that says another thing of a story than the previous index was made from (its
    # filters): not used.
    good = json.loads(record.read_text(encoding="utf-8"))
    good["documents"][urls[9]][4] = [["rer", "elsewhere"]]
    record.write_text(json.dumps(good), encoding="utf-8")
    part.put(urls[2], _document(urls[2], random, vocabulary))
    index()
    assert previous is not None
    # A previous bucket a changed word is in, damaged (the record is good): read, found so, and
    # the part made whole. (Files the change does not reach are taken unread, as the build takes
    # every output that is not stale.)
    (previous / "t" / "0.json").unlink()
    (previous / "t" / "0.json").write_text("[1, 2]", encoding="utf-8")
    part.put(urls[4], _document(urls[4], random, vocabulary))
    index()
    stale = previous
    part.put(urls[6], _document(urls[6], random, vocabulary))
    index()
    previous = stale  # the last run's index was never swapped in
    part.put(urls[7], _document(urls[7], random, vocabulary))
    index()
    # A document the record names that the cache no longer has, or has with other bytes.
    for entry in part.cache.iterdir():
        entry.write_bytes(entry.read_bytes().replace(b"\n", b" \n"))
    part.put(urls[8], _document(urls[8], random, vocabulary))
    index()

"""The PMQA submission (issue 30): an applicant's profile, levels, documents, category 7 and plan,
judged like a write-up, and the pack made from it and the applicant's stories."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import brotli
import pytest

from conftest import EXAMPLE_CONFIG, EXAMPLE_CONTENT
from generator import evidence, pipeline
from generator.site import urls

SAMPLE = Path(__file__).parent / "fixtures" / "pmqa-sample"
TODAY = dt.date(2026, 9, 30)


@pytest.fixture
def applicant_content(tmp_path: Path) -> Path:
    """The example content with สป.มท.'s sample submission, and two stories of field units: one of
    a สำนักงานจังหวัด (สป.มท.'s) and one of a district office (กรมการปกครอง's)."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    shutil.copytree(SAMPLE, content / "pmqa")
    front = "---\ntitle: {title}\ndate: 2026-02-10\nrer: routine\npmqa: [3.4]\nsummary: สรุป\n---\nเนื้อเรื่อง\n"
    for office, title in (("th-50-provincial-office", "ศูนย์ดำรงธรรมจังหวัดเชียงใหม่"), ("th-5002", "ไกล่เกลี่ยที่อำเภอจอมทอง")):
        (content / office / "a").mkdir(parents=True)
        (content / office / "a" / "index.md").write_text(front.format(title=title), encoding="utf-8")
    return content


def test_the_sample_submission_is_valid(applicant_content):
    checked = pipeline.check(applicant_content, EXAMPLE_CONFIG)
    assert not [p for p in checked.problems if "pmqa/" in p.file]
    submission = checked.validated.submissions["ops"].submission
    assert submission.fiscal_year == 2569 and set(submission.items) == {"2.1", "3.4", "4.3"}


@pytest.mark.parametrize(
    ("change", "code", "line"),
    [
        (('  "2.1":', '  "7.1":'), "submission.item", 11),
        (("file: km-minutes.pdf", "file: km-minutes.docx"), "submission.not_pdf", 32),
        (("file: km-minutes.pdf", "file: minutes.pdf"), "submission.document_missing", 32),
        (('    item: "7.2"', '    item: "6.2"'), "submission.indicator_item", 37),
        (("    level: basic", "    level: basics"), "field.choice", 21),
    ],
)
def test_a_submission_is_judged_at_its_lines(applicant_content, change, code, line):
    path = applicant_content / "pmqa" / "ops.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    problems = [p for p in pipeline.check(applicant_content, EXAMPLE_CONFIG).problems if "pmqa/" in p.file]
    assert [(p.code, p.line) for p in problems] == [(code, line)], problems
    assert problems[0].message("th")


def test_a_submission_is_named_after_an_applicant(applicant_content):
    shutil.copy(applicant_content / "pmqa" / "ops.yml", applicant_content / "pmqa" / "opss.yml")
    problems = [p for p in pipeline.check(applicant_content, EXAMPLE_CONFIG).problems if "opss" in p.file]
    assert [p.code for p in problems] == ["submission.applicant"] and "'ops'" in problems[0].message()


def test_the_applicants_pack_has_its_submission_and_its_field_units_stories(applicant_content, tmp_path):
    _, pack = pipeline.evidence(
        applicant_content, EXAMPLE_CONFIG, applicant="ops", today=TODAY, cache_dir=tmp_path / "cache"
    )
    assert pack is not None and pack.submission is not None
    assert pack.period.startswith("ปีงบประมาณ 2569")  # the submission's year
    titles = {s.title for s in pack.stories}
    assert "ศูนย์ดำรงธรรมจังหวัดเชียงใหม่" in titles  # a สำนักงานจังหวัด is สป.มท.'s
    assert "ไกล่เกลี่ยที่อำเภอจอมทอง" not in titles  # a district office is กรมการปกครอง's
    item = next(i for i in pack.submission.items if i.code == "3.4")
    assert item.level == "ระดับพื้นฐาน" and "ศูนย์ดำรงธรรมจังหวัดเชียงใหม่" in {s.title for s in item.stories}
    lower = next(i for i in pack.submission.indicators if i.direction == "ยิ่งน้อยยิ่งดี")
    assert lower.years[-1] == (2569, "10", "8", "125%")  # 8 days against a target of 10
    page = evidence.to_html(pack)
    parts = ["ลักษณะสำคัญขององค์การ", "ระดับก้าวหน้า", "มท 0211/ว1234", "ร้อยละเรื่องร้องเรียนที่ได้ข้อยุติ",
             "แผนพัฒนาองค์การ", "หมวด 1 การนำองค์การ"]  # fmt: skip
    places = [page.index(part, page.index('<section class="category"')) for part in parts]
    assert places == sorted(places), parts
    assert "ปลัดกระทรวงมหาดไทย" in page[: page.index("<nav")]  # the approval block on the cover
    _, dopa = pipeline.evidence(applicant_content, EXAMPLE_CONFIG, applicant="ปค.", today=TODAY)
    assert dopa is not None and "ไกล่เกลี่ยที่อำเภอจอมทอง" in {s.title for s in dopa.stories}
    assert dopa.submission is None


def test_the_workbook_carries_the_levels_and_category_7(applicant_content, tmp_path):
    from openpyxl import load_workbook

    _, pack = pipeline.evidence(applicant_content, EXAMPLE_CONFIG, applicant="ops", today=TODAY)
    assert pack is not None
    evidence.to_xlsx(pack, tmp_path / "pack.xlsx")
    book = load_workbook(tmp_path / "pack.xlsx")
    items = book["ระดับรายหัวข้อ (items)"]
    assert [row[0] for row in items.iter_rows(min_row=2, values_only=True)] == ["2.1", "3.4", "4.3"]
    rows = list(book["ตัวชี้วัดหมวด 7 (indicators)"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 6 and rows[-1][4:] == (2569, 10, 8, 125.0)
    # A chart of each indicator, as in the PDF: results as columns, targets as a line, its rows.
    with zipfile.ZipFile(tmp_path / "pack.xlsx") as saved:
        charts = sorted(n for n in saved.namelist() if n.startswith("xl/charts/chart"))
        second = saved.read(charts[1]).decode("utf-8")
    assert len(charts) == 2 and "<barChart>" in second and "<lineChart>" in second
    assert "$G$5:$G$7" in second and "$F$5:$F$7" in second and "เป้าหมาย" in second


def test_only_applicants_have_packs_by_applicant(applicant_content):
    with pytest.raises(evidence.EvidenceError, match="not an applicant"):
        pipeline.evidence(applicant_content, EXAMPLE_CONFIG, applicant="ops-ict", today=TODAY)


@pytest.mark.skipif(
    evidence.chromium_path() is None and os.environ.get("MOINEXT_REQUIRE_BROWSER") != "1",
    reason="the PDF is printed by Chromium (make test installs it)",
)
def test_the_applicants_pdf_reads_cover_profile_items_category_7_and_plan_in_order(applicant_content, tmp_path):
    import zxingcpp
    from click.testing import CliRunner
    from PIL import Image
    from pypdf import PdfReader

    from generator.cli import main
    from generator.thai.normalise import normalise

    out = tmp_path / "ops.pdf"
    config = tmp_path / "site_config.yml"  # with the site's address: QR codes of the stories
    config.write_text(
        EXAMPLE_CONFIG.read_text(encoding="utf-8") + "site_url: https://moinext.example.go.th/\n", encoding="utf-8"
    )
    arguments = ["evidence", "--content", str(applicant_content), "--config", str(config)]
    result = CliRunner().invoke(main, [*arguments, "--applicant", "ops", "--fiscal-year", "2569", "--out", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    pages = [normalise(page.extract_text()) for page in reader.pages]
    text = "\n".join(pages)
    parts = ["หลักฐานประกอบการประเมิน PMQA 4.0", "ผู้สมัคร", "กลุ่มพัฒนาระบบบริหาร", "สารบัญ", "ลักษณะสำคัญขององค์การ",
             "ระดับก้าวหน้า", "มท 0211/ว1234", "ตัวชี้วัดหมวด 7", "125%", "แผนพัฒนาองค์การ", "หมวด 1 การนำองค์การ"]  # fmt: skip
    places = []
    for part in parts:
        places.append(text.index(normalise(part), places[-1] if places else 0))
    assert places == sorted(places)
    # The contents give the page each part begins on.
    contents = dict(re.findall(r"^(.+?) (\d+)$", pages[1], re.M))
    for heading in ("ลักษณะสำคัญขององค์การ", "ตัวชี้วัดหมวด 7", "แผนพัฒนาองค์การ", "หัวข้อที่ยังไม่มีหลักฐาน"):
        number = int(contents[normalise(heading)])
        assert normalise(heading) in pages[number - 1] and f"หน้า {number} /" in pages[number - 1]
        assert not any(normalise(heading) in page for page in pages[2 : number - 1])  # not earlier
    # Category 7's charts: a bar and a target for each of the three fiscal years, as drawn.
    assert text.count("ผลที่ไม่ถึงเป้าหมาย") == 2
    # Each story's QR code, as a phone's camera would read it off the page, opens its address.
    codes = set()
    for page in reader.pages:
        for image in page.images:
            if image.image is not None and image.image.size[0] == image.image.size[1] and image.image.size[0] < 100:
                big = image.image.convert("L").resize((image.image.size[0] * 6,) * 2, Image.Resampling.NEAREST)
                codes |= {found.text for found in zxingcpp.read_barcodes(big)}
    _, pack = pipeline.evidence(applicant_content, config, applicant="ops", today=TODAY)
    assert pack is not None and len(pack.stories) >= 3
    expected = {urls.as_uri(s.address) for s in pack.stories}
    assert codes == expected and all(c.startswith("https://moinext.example.go.th/") for c in codes)
    # The site's logo on the cover (drawn as vector paths in the PDF: seen in the page itself).
    assert pack.logo is not None and pack.logo.startswith("data:image/svg+xml;base64,")
    cover = evidence.to_html(pack).split("<nav", 1)[0]
    assert f'<img class="emblem" src="{pack.logo}"' in cover


# --- who reported what, and what went wrong (never published) ----------------------------------

SECRET = "ลืมแจ้งผลให้ผู้ร้องทราบภายในกำหนด"  # an internal note's words: never on the public site
REPORTED = (
    "reported_by: {name: นางสาวสมใจ ใจดี, position: นักวิเคราะห์นโยบายและแผน}\n"
    "approved_by: {name: นายสมชาย รักงาน, position: ผู้อำนวยการกอง}\n"
    "contact: 0 2222 1141\n"
    "partners: [ops-ict, th-5002]\n"
    f"internal: {{went_wrong: {SECRET}, changed: เพิ่มขั้นตอนโทรแจ้งผลภายในสามวัน}}\n"
)


def test_who_reported_what_is_shown_and_the_internal_note_is_never_published(tree, tmp_path):
    from conftest import GOOD_FRONT, indexed_stories
    from generator.thai.normalise import index_spelling
    from generator.thai.words import index_text

    tree.story("th-50/a", GOOD_FRONT + REPORTED)
    result = tree.build()
    assert result.ok, [p.message() for p in result.problems]
    site = tree.root / "site"
    page = (site / "th-50" / "a" / "index.html").read_text(encoding="utf-8")
    assert "นางสาวสมใจ ใจดี นักวิเคราะห์นโยบายและแผน" in page and "ผู้อำนวยการกอง" in page
    assert "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร" in page and "อำเภอจอมทอง" in page  # ร่วมกับ
    # Not in any file of the site (pages, feeds, sitemap, packs, compressed copies) nor its index.
    secret = SECRET.encode("utf-8")
    # The search index holds Thai words in its spelling (thai.normalise.index_spelling).
    spelled = " ".join(index_spelling(index_text(SECRET)).split()[:2]).encode("utf-8")
    for path in (p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix == ".br":
            data = brotli.decompress(data)
        assert secret not in data and spelled not in data, path
    assert all(SECRET not in json.dumps(f, ensure_ascii=False) for f in indexed_stories(site).values())
    # In the ministry's own review only, when asked for.
    _, pack = pipeline.evidence(tree.content, tree.config, today=TODAY)
    assert pack is not None and pack.lessons == () and SECRET not in evidence.to_html(pack)
    _, review = pipeline.evidence(tree.content, tree.config, today=TODAY, internal=True)
    assert review is not None and SECRET in evidence.to_html(review)
    assert "รายงานโดย นางสาวสมใจ ใจดี" in evidence.to_html(review)


def test_partners_are_offices_and_a_reporter_is_required_from_the_date_set(tree):
    from conftest import GOOD_FRONT

    tree.story("th-50/a", GOOD_FRONT + "partners: [ops-itc]\n")
    problems = tree.check().problems
    assert [(p.code, p.line) for p in problems] == [("story.unknown_partner", 7)]
    assert "did you mean 'ops-ict'" in problems[0].message()
    tree.story("th-50/a", GOOD_FRONT)
    tree.config.write_text(
        tree.config.read_text(encoding="utf-8") + "reporting:\n  required_from: 2024-01-01\n", encoding="utf-8"
    )
    assert [p.code for p in tree.check().problems] == ["story.reporter_required"]


# --- the pack's shape: each story once, category 7 drawn against its targets -------------------


def test_a_story_is_printed_once_and_referred_to_under_its_other_items(tree):
    from bs4 import BeautifulSoup

    from conftest import GOOD_FRONT

    tree.story("th-50/both", GOOD_FRONT.replace("pmqa: [6.2]", "pmqa: [6.2, 1.1]").replace("ทอผ้าไทย", "สองหัวข้อ"))
    tree.story("th-50/one", GOOD_FRONT.replace("ทอผ้าไทย", "หัวข้อเดียว"))
    _, pack = pipeline.evidence(tree.content, tree.config, today=TODAY)
    assert pack is not None
    page = BeautifulSoup(evidence.to_html(pack), "html.parser")
    printed = [a.select_one("h4").get_text(" ", strip=True) for a in page.select("article.story")]
    assert printed == ["1. สองหัวข้อ", "2. หัวข้อเดียว"]  # numbered in the order they are printed
    both = next(s for s in pack.stories if s.title == "สองหัวข้อ")
    assert both.section == "1.1" and page.select_one("#c1 article.story#s1")  # under its first item
    reference = page.select_one('#c6 .refs a[href="#s1"]')  # and referred to under 6.2
    assert reference is not None and "หัวข้อ 1.1" in reference.parent.get_text()
    assert not page.select('#c1 .refs a[href="#s2"]')


def test_an_indicator_chart_draws_results_against_targets_by_direction():
    from bs4 import BeautifulSoup

    from generator.site.charts import target_chart

    years = [("2567", 15.0, 18.0), ("2568", 12.0, 11.0), ("2569", 10.0, None)]
    figure = BeautifulSoup(target_chart("เวลาตอบเรื่อง", years, unit="วัน", higher_is_better=False), "html.parser")
    bars = figure.select("rect.moi-target-chart__bar")
    assert len(bars) == 2  # no result in 2569: no bar, the target still drawn
    assert "moi-target-chart__bar--missed" in bars[0]["class"]  # 18 days against 15: missed
    assert "moi-target-chart__bar--missed" not in bars[1]["class"]  # 11 against 12: met
    assert len(figure.select_one("polyline")["points"].split()) == 3
    assert [t.get_text() for t in figure.select("text.moi-target-chart__year")] == ["2567", "2568", "2569"]
    label = figure.select_one("svg")["aria-label"]
    assert "ปี 2567: ผล 18 เป้าหมาย 15" in label and "ปี 2569: ผล ไม่มีข้อมูล" in label
    assert "ยิ่งน้อยยิ่งดี" in figure.get_text()
    higher = BeautifulSoup(target_chart("ร้อยละ", years, higher_is_better=True), "html.parser")
    assert "moi-target-chart__bar--missed" in higher.select("rect.moi-target-chart__bar")[1]["class"]

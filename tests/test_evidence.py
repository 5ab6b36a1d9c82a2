"""The PMQA evidence pack: the right stories, and the same content in PDF, HTML and XLSX."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_CONFIG, EXAMPLE_CONTENT, GOOD_FRONT
from generator import evidence, pipeline
from generator.cli import main
from generator.thai.calendar import fiscal_year, fiscal_year_bounds, thai_date
from generator.thai.normalise import normalise

TODAY = dt.date(2026, 11, 24)
REGISTRY_UNITS = """\
  - id: th-5001
    name_th: อำเภอเมืองเชียงใหม่
    kind: district
    parent: th-50
    province: TH-50
"""


def test_a_fiscal_year_runs_from_october_to_september():
    assert fiscal_year(dt.date(2025, 9, 30)) == 2568
    assert fiscal_year(dt.date(2025, 10, 1)) == 2569
    assert fiscal_year_bounds(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))


@pytest.fixture
def evidence_tree(tree):
    registry = tree.content / "offices.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + REGISTRY_UNITS, encoding="utf-8")
    results = "results:\n  - indicator: เวลารอคิว\n    before: 45\n    after: 12\n    unit: นาที\n"

    def story(path, title, date, pmqa):
        front = GOOD_FRONT.replace("title: ทอผ้าไทย", f"title: {title}").replace("date: 2024-06-22", f"date: {date}")
        tree.story(path, front.replace("pmqa: [6.2]", f"pmqa: [{pmqa}]") + results)

    story("th-50/september", "ลดเวลารอคิวงานทะเบียน", "2025-09-30", "6.2")
    story("th-5001/october", "ศูนย์ไกล่เกลี่ยประจำอำเภอ", "2025-10-01", "3")
    story("ops-ict/cloud", "ระบบคลาวด์กลาง", "2026-01-15", "4.2")
    return tree


def test_fiscal_year_and_office_subtree_select_exactly(evidence_tree):
    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, year_be=2569, today=TODAY)
    assert [s.title for s in pack.stories] == ["ศูนย์ไกล่เกลี่ยประจำอำเภอ", "ระบบคลาวด์กลาง"]
    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, year_be=2568, today=TODAY)
    assert [s.title for s in pack.stories] == ["ลดเวลารอคิวงานทะเบียน"]
    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, office="th-50", today=TODAY)
    assert {s.title for s in pack.stories} == {"ลดเวลารอคิวงานทะเบียน", "ศูนย์ไกล่เกลี่ยประจำอำเภอ"}  # with its district
    assert pack.scope.startswith("จังหวัดเชียงใหม่")
    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, pmqa="6", today=TODAY)
    assert [s.title for s in pack.stories] == ["ลดเวลารอคิวงานทะเบียน"]
    with pytest.raises(evidence.EvidenceError):
        pipeline.evidence(evidence_tree.content, evidence_tree.config, office="nowhere", today=TODAY)


@pytest.mark.parametrize("asked", ["th-50", "เชียงใหม่", "จ.เชียงใหม่", "Chiang Mai"])
def test_an_office_is_found_by_name_as_new_finds_it(evidence_tree, asked):
    """One office finder for every command (issue 29): evidence --office เชียงใหม่ was 'unknown'."""
    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, office=asked, today=TODAY)
    assert pack.scope.startswith("จังหวัดเชียงใหม่")
    assert {s.title for s in pack.stories} == {"ลดเวลารอคิวงานทะเบียน", "ศูนย์ไกล่เกลี่ยประจำอำเภอ"}


def test_an_office_name_that_matches_several_names_them(evidence_tree):
    with pytest.raises(evidence.EvidenceError, match="several offices"):
        pipeline.evidence(evidence_tree.content, evidence_tree.config, office="ก", today=TODAY)


def test_the_pack_names_items_without_evidence_and_counts_by_office_and_rer(evidence_tree):
    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, today=TODAY)
    missing = [code for code, _ in pack.missing_items]
    assert "6.2" not in missing and "4.2" not in missing and "1.1" in missing
    matrix = dict(pack.matrix_offices)
    assert matrix["จังหวัดเชียงใหม่"][5] == 1 and matrix["อำเภอเมืองเชียงใหม่"][2] == 1
    assert dict(pack.rer_totals)["ภารกิจพิเศษ"] == 3


def test_html_and_xlsx_carry_the_stories_and_their_results(evidence_tree, tmp_path):
    from openpyxl import load_workbook

    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, today=TODAY)
    page = evidence.to_html(pack)
    for text in ("หมวด 6 การมุ่งเน้นระบบปฏิบัติการ", "ลดเวลารอคิวงานทะเบียน", "30 กันยายน 2568", "45", "−73%"):
        assert text in page, text
    assert "<script" not in page
    evidence.to_xlsx(pack, tmp_path / "pack.xlsx")
    book = load_workbook(tmp_path / "pack.xlsx")
    stories, results, coverage = book.worksheets
    # In the order the pack prints them (by the first item each claims), numbered as it does.
    rows = [(row[0], row[8]) for row in stories.iter_rows(min_row=2, values_only=True)]
    assert rows == [(e.title, e.number) for e in pack.stories] and [n for _, n in rows] == [1, 2, 3]
    assert sorted(t for t, _ in rows) == sorted(["ลดเวลารอคิวงานทะเบียน", "ศูนย์ไกล่เกลี่ยประจำอำเภอ", "ระบบคลาวด์กลาง"])
    # Numbers a spreadsheet can sum: the values and the change as numbers, the change's measure beside.
    first = next(results.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[2:8] == ("เวลารอคิว", 45, 12, "นาที", pytest.approx(-73.33, abs=0.01), "ร้อยละของค่าก่อน")
    assert coverage.cell(1, 2).value == "หมวด 1"
    # Shaped for reading (issue 29): a header in view with a filter, dates in the Buddhist Era,
    # columns wide enough for the titles, grouped numbers, addresses one click away.
    for sheet in (stories, results):
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert stories.cell(2, 3).is_date and "107041E" in stories.cell(2, 3).number_format
    assert stories.column_dimensions["A"].width >= len("ศูนย์ไกล่เกลี่ยประจำอำเภอ") - 5
    assert results.cell(2, 4).number_format == "#,##0.##"


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return normalise("\n".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.skipif(
    evidence.chromium_path() is None and os.environ.get("MOINEXT_REQUIRE_BROWSER") != "1",
    reason="the PDF is printed by Chromium (make test installs it)",
)
def test_the_pdf_of_the_example_content_has_whole_thai_text_in_reading_order(tmp_path):
    out = tmp_path / "pack.pdf"
    result = CliRunner().invoke(
        main, ["evidence", "--content", str(EXAMPLE_CONTENT), "--config", str(EXAMPLE_CONFIG), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = _pdf_text(out)
    titles = [
        "เปิดเผยข้อมูลสาธารณะครบทุกตัวชี้วัด ITA",  # 1.2 comes before 3.x and 6.x
        "ทำบัตรประชาชนถึงบ้าน ให้ผู้สูงอายุติดเตียงและผู้พิการ",
    ]
    flat = " ".join(text.split())
    positions = [flat.find(t) for t in titles]
    assert all(p >= 0 for p in positions), (titles, flat[:2000])
    assert positions == sorted(positions)
    for words in ("หมวด 1 การนำองค์การ", "22 ธันวาคม 2568", "95.2", "หน้า 2"):
        assert words in flat, words


def test_the_command_says_which_write_ups_are_not_counted(evidence_tree, tmp_path):
    evidence_tree.story("th-50/broken", GOOD_FRONT.replace("rer: extra", "rer: extras"))
    out = tmp_path / "pack.html"
    args = ["evidence", "--content", str(evidence_tree.content), "--config", str(evidence_tree.config)]
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 1
    assert "th-50/broken/index.md" in result.output and "not counted" in result.output
    assert out.is_file()
    unknown = CliRunner().invoke(main, [*args, "--office", "nowhere", "--out", str(out)])
    assert unknown.exit_code == 2 and "unknown office" in unknown.output


@pytest.mark.skipif(
    shutil.which("soffice") is None and os.environ.get("MOINEXT_REQUIRE_BROWSER") != "1",
    reason="LibreOffice Calc opens the workbook (make test installs it)",
)
def test_the_workbook_opens_in_libreoffice_calc_with_be_dates_and_summable_numbers(evidence_tree, tmp_path):
    """As the PR team opens it (issue 29): Calc shows the dates in the Buddhist Era and sums the
    figures, because they are dates and numbers, not text that looks like them."""
    import subprocess

    from openpyxl import load_workbook

    _, pack = pipeline.evidence(evidence_tree.content, evidence_tree.config, today=TODAY)
    assert pack is not None
    evidence.to_xlsx(pack, tmp_path / "pack.xlsx")
    book = load_workbook(tmp_path / "pack.xlsx")
    sums = book.create_sheet("sums")  # formulas Calc computes on the pack's own cells
    sums["A1"] = "=SUM('ผลลัพธ์ (results)'!D2:D100)"
    sums["B1"] = "=SUM('ผลลัพธ์ (results)'!G2:G100)"
    sums["C1"] = "=YEAR('เรื่องเล่า (stories)'!C2)"
    book.save(tmp_path / "sums.xlsx")
    # Every sheet to a CSV in UTF-8, cells as shown (tokens 9 and 12 of Calc's CSV filter).
    csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1054,false,true,true,false,false,-1"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"  # runs beside any other soffice
    command = [
        "soffice",
        profile,
        "--headless",
        "--convert-to",
        csv,
        "--outdir",
        str(tmp_path),
        str(tmp_path / "sums.xlsx"),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    computed = (tmp_path / "sums-sums.csv").read_text(encoding="utf-8").strip().split(",")
    befores = sum(r.before_value or 0 for s in pack.stories for r in s.results)
    changes = sum(r.change_value or 0 for s in pack.stories for r in s.results)
    assert float(computed[0]) == pytest.approx(befores) and float(computed[1]) == pytest.approx(changes, abs=0.01)
    first = pack.stories[0].date
    assert int(computed[2]) == first.year  # a real date, whatever it shows
    shown = (tmp_path / "sums-เรื่องเล่า (stories).csv").read_text(encoding="utf-8")
    assert thai_date(first, short=True) in shown  # shown in the Buddhist Era, e.g. 30 ก.ย. 2568

"""The office and PR-team workflow: new, schema, stats, serve."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_CONFIG, EXAMPLE_CONTENT, GOOD_FRONT
from generator.cli import main
from generator.scaffold import default_slug


def run(tree, *args: str, input: str | None = None):
    return CliRunner().invoke(main, [*args, "--content", str(tree.content), "--config", str(tree.config)], input=input)


# --- new -----------------------------------------------------------------------------------------


def test_new_with_every_option_asks_nothing_and_passes_check_once_written(tree):
    result = run(
        tree,
        "new",
        "--office",
        "th-50",
        "--title",
        "ผ้าทอจอมทอง",
        "--date",
        "2024-06-22",
        "--rer",
        "extra",
        "--pmqa",
        "6.2",
        "--pmqa",
        "3",
        "--summary",
        "สรุปเรื่อง",
        "--slug",
        "weaving",
    )
    assert result.exit_code == 0, result.output
    target = tree.content / "th-50" / "weaving" / "index.md"
    text = target.read_text(encoding="utf-8")
    assert "title: ผ้าทอจอมทอง\ndate: 2024-06-22\nrer: extra\n" in text
    assert "## ที่มาและปัญหา" in text
    assert [p.code for p in tree.check().problems] == ["body.unfilled"]  # the template alone
    target.write_text(text.replace("## สิ่งที่ทำ\n", "## สิ่งที่ทำ\n\nกลุ่มทอผ้าขายออนไลน์\n"), encoding="utf-8")
    checked = tree.check()
    assert checked.ok, checked.problems
    story = checked.validated.stories[0]
    assert story.meta.pmqa == ["6.2", "3"] and (story.office_id, story.slug) == ("th-50", "weaving")


def test_new_through_prompts_with_office_search(tree):
    answers = (
        "\n".join(
            [
                "เชียง",  # office search: one match -> th-50
                "ลดเวลารอคิว",  # title
                "2024-02-30",  # a date that does not exist is asked again
                "1/3/2567",  # as clerks write it: day first, Buddhist Era
                "4",  # not a component: asked again
                "งานประจำ",  # the Thai label the site shows: routine
                "8",  # not PMQA: asked again
                "6.2, 3.3",
                "สรุป",  # summary
                "",  # accept the proposed slug
            ]
        )
        + "\n"
    )
    result = run(tree, "new", input=answers)
    assert result.exit_code == 0, result.output
    assert "งานประจำ (Routine)" in result.output and "หมวด 6 การมุ่งเน้นระบบปฏิบัติการ" in result.output
    assert "กุมภาพันธ์ 2567 มี 29 วัน" in result.output and "February 2567 BE has 29 days" in result.output
    assert "ไม่ใช่หมวด" in result.output  # the PMQA answer judged in Thai too
    created = tree.content / "th-50" / "ลดเวลารอคิว" / "index.md"  # the title's own words as the address
    assert created.is_file()
    assert "title: ลดเวลารอคิว" in created.read_text(encoding="utf-8")
    created.write_text(created.read_text(encoding="utf-8") + "\nเนื้อเรื่อง\n", encoding="utf-8")
    story = tree.check().validated.stories[0]
    assert (story.meta.rer, story.meta.pmqa, str(story.meta.date)) == ("routine", ["6.2", "3.3"], "2024-03-01")


def test_new_office_search_lists_several_matches(tree):
    answers = "จังหวัด\n1\nเรื่อง\n2024-01-01\n2\n7\nสรุป\nmy-story\n"
    result = run(tree, "new", input=answers)
    assert result.exit_code == 0, result.output
    assert "th-50" in result.output and (tree.content / "th-50" / "my-story" / "index.md").is_file()


def test_new_refuses_to_overwrite(tree):
    original = tree.story("th-50/weaving")
    before = original.read_bytes()
    result = run(
        tree,
        "new",
        "--office",
        "th-50",
        "--title",
        "x",
        "--date",
        "2024-06-22",
        "--rer",
        "extra",
        "--pmqa",
        "6",
        "--summary",
        "s",
        "--slug",
        "weaving",
    )
    assert result.exit_code == 1 and "already exists" in result.output
    assert original.read_bytes() == before


def test_new_rejects_bad_options(tree):
    result = run(
        tree,
        "new",
        "--office",
        "th-50",
        "--title",
        "x",
        "--date",
        "2024-06-22",
        "--rer",
        "extra",
        "--pmqa",
        "9",
        "--summary",
        "s",
        "--slug",
        "x",
    )
    assert result.exit_code == 1 and "is not a PMQA 4.0 category" in result.output and "ไม่ใช่หมวด" in result.output
    result = run(
        tree,
        "new",
        "--office",
        "th-50",
        "--title",
        "x",
        "--date",
        "2024-06-22",
        "--rer",
        "extra",
        "--pmqa",
        "6",
        "--summary",
        "s",
        "--slug",
        "Bad Slug",
    )
    assert result.exit_code == 1 and "'bad-slug'" in result.output
    assert not any(tree.content.glob("th-50/*/index.md"))


def test_default_slug_survives_thai_titles():
    import datetime as dt

    day = dt.date(2024, 6, 22)
    assert default_slug("ข่าวดี! ลดเวลารอคิว 45 นาที", day) == "ข่าวดี-ลดเวลารอคิว-45-นาที"
    assert default_slug("!!!", day) == "story-20240622"
    from generator.content import limits

    assert len(default_slug("ก" * 200, day).encode()) <= limits.NAME_BYTES  # check refuses longer names
    long = default_slug("ลดเวลารอคิวงานทะเบียนราษฎรจาก 45 นาทีเหลือ 12 นาที ด้วยระบบนัดหมายออนไลน์", day)
    # Cut at a word's end, not mid-word, within the bytes a folder name may take (a Thai letter is 3).
    assert long == "ลดเวลารอคิวงานทะเบียนราษฎรจาก-45-นาทีเหลือ" and len(long.encode()) <= limits.NAME_BYTES
    latin = default_slug("A long English title about the digital transformation of district services", day)
    assert latin == "a-long-english-title-about-the-digital-transformation-of" and len(latin) <= limits.SLUG_CHARS


@pytest.mark.parametrize(
    "title",
    ["ใหม่", "เชียงใหม่", "โครงการ", "ประชาชน", "ทดสอบ", "ขอนแก่น", "นครราชสีมา", "สุราษฎร์ธานี", "ศูนย์ดำรงธรรม"],
)
def test_a_proposed_address_reads_as_the_title_does(title):
    """An address is public and permanent: the romanisation proposed before wrote ใหม่ as 'aim',
    ประชาชน as 'prachatn' (issue 29). The title's own words, Thai kept, read right."""
    import datetime as dt

    from generator.content.schema import SLUG_PATTERN

    slug = default_slug(title, dt.date(2024, 6, 22))
    assert slug == title and re.fullmatch(SLUG_PATTERN, slug)


def test_every_province_and_district_name_is_its_own_address():
    import datetime as dt

    from generator.places import districts, province_codes, province_name

    day = dt.date(2024, 6, 22)
    names = [province_name(code) for code in province_codes()] + [d.name_th for d in districts().values()]
    assert len(names) == 77 + 928
    for name in names:
        assert default_slug(name, day) == name.replace(" ", "-"), name


# --- schema --------------------------------------------------------------------------------------


def test_schema_is_the_model_that_check_uses():
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "date", "rer", "pmqa", "summary"}
    assert schema["properties"]["rer"]["enum"] == ["routine", "extra", "report"]
    assert "6.2" in schema["properties"]["pmqa"]["items"]["enum"]
    assert schema["properties"]["summary"]["description"].startswith("สรุปไม่เกิน 300")


def test_schema_validates_the_example_front_matter():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(CliRunner().invoke(main, ["schema"]).output)
    for path in EXAMPLE_CONTENT.glob("*/*/index.md"):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        data["date"] = str(data["date"])
        jsonschema.validate(data, schema)


def test_frontmatter_cms_config_lists_rer_and_pmqa_choices():
    config = json.loads(CliRunner().invoke(main, ["schema", "--format", "frontmatter-cms"]).output)
    fields = {f["name"]: f for f in config["frontMatter.taxonomy.contentTypes"][0]["fields"]}
    assert [c["id"] for c in fields["rer"]["choices"]] == ["routine", "extra", "report"]
    assert "7.6" in fields["pmqa"]["choices"]


# --- stats ---------------------------------------------------------------------------------------


def example_stats(*args: str):
    return CliRunner().invoke(
        main, ["stats", "--content", str(EXAMPLE_CONTENT), "--config", str(EXAMPLE_CONFIG), *args]
    )


def test_stats_json_on_the_example_content():
    result = example_stats("--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stories"] == 16  # the draft is not counted
    assert data["by_rer"] == {"routine": 8, "extra": 5, "report": 3}
    assert data["by_office"]["th-50"] == 2 and data["by_office"]["th-40"] == 2
    assert data["by_province"]["TH-50"] == 3  # th-50 and the district th-5001
    assert data["by_pmqa_category"]["6"] == 5 and data["by_pmqa_category"]["5"] == 1
    assert data["by_pmqa_item"]["6.2"] == 2
    assert "th-11" in data["offices_without_stories"] and "th-50" not in data["offices_without_stories"]
    assert len(data["offices_without_stories"]) == 103 - 14
    assert "1.1" in data["pmqa_items_without_stories"] and "6.2" not in data["pmqa_items_without_stories"]
    with_drafts = json.loads(example_stats("--format", "json", "--drafts").stdout)
    assert with_drafts["stories"] == 17 and with_drafts["by_rer"]["report"] == 4


def test_stats_csv_and_table():
    text = example_stats("--format", "csv").stdout
    assert text.startswith("\ufeff")  # the byte-order mark Excel on Thai Windows needs
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert {"group": "rer", "กลุ่ม": "องค์ประกอบ RER", "key": "extra", "label": "ภารกิจพิเศษ", "stories": "5"} in rows
    # A province is named as everywhere else on the site (places.province_name), not by its office.
    assert {"group": "province", "กลุ่ม": "จังหวัด", "key": "TH-50", "label": "เชียงใหม่", "stories": "3"} in rows
    # The ministry reports by fiscal year (October-September) and quarter (issue 29).
    fiscal = {r["key"]: int(r["stories"]) for r in rows if r["group"] == "fiscal_year"}
    quarters = {r["key"]: r for r in rows if r["group"] == "fiscal_quarter"}
    assert sum(fiscal.values()) == 16 and sum(int(r["stories"]) for r in quarters.values()) == 16
    assert all(r["label"].startswith("ไตรมาส ") for r in quarters.values())
    table = example_stats().stdout
    assert "หน่วยงานที่ยังไม่มีเรื่อง (offices without stories): 89" in table
    assert "ปีงบประมาณ (fiscal year)" in table and "ไตรมาส (fiscal quarter)" in table


def test_stats_counts_one_fiscal_year(tree):
    tree.story("th-50/september", GOOD_FRONT.replace("2024-06-22", "2025-09-30"))
    tree.story("th-50/october", GOOD_FRONT.replace("2024-06-22", "2025-10-01"))
    data = json.loads(run(tree, "stats", "--format", "json", "--fiscal-year", "2569").stdout)
    assert data["stories"] == 1 and data["by_fiscal_year"] == {"2569": 1} and data["by_fiscal_quarter"] == {"2569/1": 1}


def test_fiscal_quarters_run_from_october():
    import datetime as dt

    from generator.thai.calendar import fiscal_quarter

    days = [dt.date(2025, 10, 1), dt.date(2025, 12, 31), *(dt.date(2026, m, 1) for m in (1, 3, 4, 6, 7, 9))]
    assert [fiscal_quarter(day) for day in days] == [
        "2569/1", "2569/1", "2569/2", "2569/2", "2569/3", "2569/3", "2569/4", "2569/4",
    ]  # fmt: skip


def test_stats_counts_valid_write_ups_and_exits_1_on_errors(tree):
    tree.story("th-50/a")
    tree.story("th-50/b", GOOD_FRONT.replace("rer: extra", "rer: extras"))
    result = run(tree, "stats", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["stories"] == 1
    assert "not counted" in result.stderr


# --- serve ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 15.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if condition():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError("timed out")


class _NoNotices:
    """A system without change notices (inotify's watch limit reached, a network file system)."""

    def schedule(self, *args: object, **kwargs: object) -> None:
        raise OSError(28, "inotify watch limit reached")


@pytest.mark.parametrize("notices", [True, False], ids=["change notices", "polling"])
def test_serve_rebuilds_after_a_change_and_keeps_the_last_good_site(tree, monkeypatch, notices):
    from generator import serve
    from generator.serve import PreviewServer

    if not notices:
        monkeypatch.setattr(serve, "Observer", _NoNotices)
    story = tree.story("th-50/a", GOOD_FRONT.replace("ทอผ้าไทย", "ชื่อเดิม"))
    server = PreviewServer(tree.content, tree.config, port=free_port())
    expected = "PollingObserver" if not notices else "InotifyObserver" if sys.platform == "linux" else None
    assert expected is None or type(server.server.observer).__name__ == expected
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = f"{server.url}th-50/a/"
        wait_for(lambda: "ชื่อเดิม" in fetch(page))
        assert "livereload" in fetch(page)  # the reload script is injected
        story.write_text(story.read_text(encoding="utf-8").replace("ชื่อเดิม", "ชื่อใหม่"), encoding="utf-8")
        wait_for(lambda: "ชื่อใหม่" in fetch(page))
        # A broken write-up: the errors are reported and the last good page stays.
        story.write_text(story.read_text(encoding="utf-8").replace("rer: extra", "rer: extras"), encoding="utf-8")
        wait_for(lambda: len(server.builds) >= 3 and not server.builds[-1].ok)
        assert "ชื่อใหม่" in fetch(page)
        assert "สร้างเว็บไซต์ไม่สำเร็จ" in fetch(page) and "ไม่ใช่ค่าที่ใช้ได้" in fetch(page)  # shown in the browser
        assert any(p.code == "field.choice" for p in server.builds[-1].problems)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.mark.parametrize("native", [True, False], ids=["watchdog's filter", "our filter"])
def test_serve_builds_once_a_save_and_not_when_files_are_only_read(tree, monkeypatch, native):
    from generator import serve
    from generator.serve import PreviewServer

    monkeypatch.setattr(serve, "_FILTERS", native)  # False: as with a watchdog without event_filter

    story = tree.story("th-50/a", GOOD_FRONT.replace("ทอผ้าไทย", "ชื่อเดิม"))
    server = PreviewServer(tree.content, tree.config, port=free_port())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        wait_for(lambda: len(server.builds) == 1)
        time.sleep(1)  # a build reads every write-up: that is not a change
        assert len(server.builds) == 1
        for path in tree.content.rglob("*"):
            if path.is_file():
                path.read_bytes()
        time.sleep(1)
        assert len(server.builds) == 1
        story.write_text(story.read_text(encoding="utf-8").replace("ชื่อเดิม", "ชื่อใหม่"), encoding="utf-8")
        wait_for(lambda: len(server.builds) == 2)
        time.sleep(1)
        assert len(server.builds) == 2 and server.builds[-1].ok
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_serve_answers_only_its_own_host_and_sends_the_sites_policy(tree):
    from generator.serve import RELOAD_SCRIPT, PreviewServer

    tree.story("th-50/a")
    port = free_port()
    server = PreviewServer(tree.content, tree.config, port=port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = f"{server.url}th-50/a/"
        wait_for(lambda: "ทอผ้าไทย" in fetch(page))
        with urllib.request.urlopen(page, timeout=5) as response:
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]
            html = response.read().decode("utf-8")
        assert f'<script src="{RELOAD_SCRIPT}?epoch=' in html and "<script>" not in html
        for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
            request = urllib.request.Request(page, headers={"Host": host})
            with urllib.request.urlopen(request, timeout=5) as response:
                assert response.status == 200
        # DNS rebinding: another site's name resolving to 127.0.0.1 must not read the preview.
        for host in (f"attacker.example:{port}", "attacker.example", f"localhost:{port + 1}"):
            request = urllib.request.Request(page, headers={"Host": host})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=5)
            assert refused.value.code == 421
        script = fetch(f"http://127.0.0.1:{port}{RELOAD_SCRIPT}?epoch=5")
        assert "location.reload()" in script and "/.moinext/wait" in script
        # The script waits past its page's build: answered at once for an older one.
        import json as json_module

        assert json_module.loads(fetch(f"http://127.0.0.1:{port}/.moinext/wait?epoch=0"))["epoch"] >= 1
        # Nothing outside the built site is served.
        for outside in ("/../site_config.yml", "/%2e%2e/site_config.yml", "/.moinext-build.json"):
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{outside}", timeout=5)
            assert missing.value.code == 404
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_a_write_up_straight_from_new_does_not_pass_check(tree):
    args = ["new", "--office", "th-50", "--title", "เรื่องใหม่", "--date", "2024-03-01", "--rer", "ภารกิจพิเศษ"]
    result = run(tree, *args, "--pmqa", "6.2", "--summary", "สรุป", "--slug", "new-story")
    assert result.exit_code == 0, result.output
    assert [p.code for p in tree.check().problems] == ["body.unfilled"]


def test_check_takes_a_thai_rer_label_as_its_key_as_new_does(tree):
    tree.story("th-50/a", GOOD_FRONT.replace("rer: extra", "rer: ภารกิจพิเศษ"))
    checked = tree.check()
    assert not checked.problems and checked.validated.stories[0].meta.rer == "extra"


def test_commands_find_the_content_folder_from_inside_it_as_git_does(tree, monkeypatch):
    tree.story("th-50/a")
    (tree.root / "site_config.yml").write_text(tree.config.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tree.content / "th-50" / "a")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "1 valid write-up" in result.output


def test_the_stats_table_has_a_year_section(tree):
    tree.story("th-50/a")
    result = run(tree, "stats")
    assert "ปี พ.ศ. (year, Buddhist Era)" in result.output and "พ.ศ. 2567" in result.output


def test_serve_takes_the_next_free_port_when_its_port_is_in_use():
    from generator.serve import first_free_port

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert first_free_port("127.0.0.1", port) not in (None, port)


@pytest.mark.parametrize(
    ("typed", "office"),
    [
        ("อำเภอจอมทอง", "th-5002"),
        ("จ.เชียงใหม่", "th-50"),
        ("Chiangmai", "th-50"),
        ("โคราช", "th-30"),
        ("Chom Thong", "th-5002"),
    ],
)
def test_new_finds_an_office_however_it_is_typed(typed, office):
    from generator import pipeline
    from generator.scaffold import find_offices

    registry, _ = pipeline.registry(EXAMPLE_CONTENT)
    found = [o.id for o in find_offices(registry, typed, pipeline.synonyms(EXAMPLE_CONTENT))]
    assert office in found


def test_every_district_may_publish_without_an_entry_in_offices_yml(tree):
    tree.story("th-5002/weaving-group")  # อำเภอจอมทอง, not in the test registry
    checked = tree.check()
    assert checked.ok, checked.problems
    office = checked.validated.registry.offices["th-5002"]
    assert (office.name_th, office.parent, office.province) == ("อำเภอจอมทอง", "th-50", "TH-50")
    assert tree.build().ok
    assert (tree.root / "site" / "th-5002" / "weaving-group" / "index.html").is_file()


def test_new_lists_pmqa_items_by_name_and_takes_codes_as_clerks_say_them(tree):
    answers = "\n".join(["th-50", "ทอผ้า", "2024-06-22", "extra", "หมวด 7 และ หัวข้อ 6.2", "สรุป", ""]) + "\n"
    result = run(tree, "new", input=answers)
    assert result.exit_code == 0, result.output
    assert "7.4 ด้านการเป็นต้นแบบ" in result.output  # each item with its name, not codes alone
    story = tree.content / "th-50" / "ทอผ้า" / "index.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nเนื้อเรื่อง\n", encoding="utf-8")
    assert tree.check().validated.stories[0].meta.pmqa == ["7", "6.2"]

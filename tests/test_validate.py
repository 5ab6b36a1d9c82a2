"""Every field rule and every kind of bad input, with the exact line and column reported."""

from __future__ import annotations

import re

import pytest

from generator.content.body import read_body
from generator.problems import Severity


def found(tree, *, severity: Severity | None = Severity.ERROR):
    """(file relative to content/, line, column, field, code) of each problem."""
    rows = []
    for p in tree.check().problems:
        if severity is None or p.severity is severity:
            rows.append((p.file.split("content/", 1)[-1], p.line, p.column, p.field, p.code))
    return rows


def messages(tree, lang="en"):
    return [p.message(lang) for p in tree.check().problems]


def test_a_good_write_up_has_no_problems(tree):
    tree.story("th-50/weaving")
    result = tree.check()
    assert result.ok, result.problems
    assert len(result.validated.stories) == 1
    story = result.validated.stories[0]
    assert story.meta.pmqa == ["6.2"] and (story.office_id, story.slug) == ("th-50", "weaving")


def test_rer_typo_points_at_the_value_with_a_suggestion(tree):
    tree.story("th-50/weaving", "title: ทอผ้า\ndate: 2024-06-22\nrer: extras\npmqa: [6]\nsummary: ส\n")
    assert found(tree) == [("th-50/weaving/index.md", 4, 6, "rer", "field.choice")]
    assert messages(tree) == ["'extras' is not one of routine, extra, report (did you mean 'extra'?)"]


def test_text_output_matches_the_documented_form(tree, monkeypatch):
    from generator.problems.formats import format_text

    tree.story("th-50/weaving", "title: ทอผ้า\ndate: 2024-06-22\nrer: extras\npmqa: [6]\nsummary: ส\n")
    monkeypatch.chdir(tree.root)
    line = format_text(tree.check().problems)
    assert line == (
        "content/th-50/weaving/index.md:4:6: error: rer: 'extras' is not one of routine, "
        "extra, report (did you mean 'extra'?)"
    )


def test_missing_fields_point_at_the_front_matter_start(tree):
    tree.story("th-50/weaving", "title: ทอผ้า\n")
    rows = found(tree)
    assert {r[3] for r in rows} == {"date", "rer", "pmqa", "summary"}
    assert all((r[1], r[2], r[4]) == (1, 1, "field.missing") for r in rows)
    assert any("for example: rer: routine" in m for m in messages(tree))


def test_unknown_key_is_an_error_with_did_you_mean(tree):
    tree.story("th-50/weaving", GOOD + "tag: [ผ้า]\n")
    assert found(tree) == [("th-50/weaving/index.md", 7, 1, "tag", "field.unknown")]
    assert "did you mean 'tags'?" in messages(tree)[0]


GOOD = "title: ทอผ้า\ndate: 2024-06-22\nrer: extra\npmqa: [6.2]\nsummary: สรุป\n"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("title: ''", "field.empty"),
        ("title: '   '", "field.empty"),
        ("date: 22-มิย-2024", "date.format"),
        ("date: 2024/13/40", "date.format"),
        ("date: 2024-02-30", "date.invalid"),
        ("date: 2569-02-29", "date.invalid"),  # no 29 February in 2569 (2026): no such date to suggest
        ("rer: routin", "field.choice"),
        ("pmqa: []", "field.empty"),
        ("pmqa: 6", "field.type"),
        ("pmqa: [8]", "pmqa.invalid"),
        ("pmqa: [6.5]", "pmqa.invalid"),
        ("pmqa: [6.10]", "pmqa.invalid"),
        ("pmqa: ['หมวด 9']", "pmqa.invalid"),
        ("summary: " + "ก" * 301, "field.too_long"),
        ("draft: maybe", "field.type"),
        ("featured: [yes]", "field.type"),
        ("tags: ผ้าไทย", "field.type"),
        ("tags: ['']", "field.empty"),
    ],
)
def test_each_field_rule(tree, line, code):
    key = line.split(":", 1)[0]
    front = "".join(f"{row}\n" for row in GOOD.splitlines() if not row.startswith(key + ":")) + line + "\n"
    tree.story("th-50/weaving", front)
    rows = found(tree)
    assert [r[4] for r in rows] == [code], rows
    assert rows[0][3].startswith(key)
    assert rows[0][1] == front.splitlines().index(line) + 2  # +1 for the opening ---, +1 for 1-based


def test_pmqa_quoted_and_unquoted_are_the_same_item(tree):
    tree.story("th-50/a", GOOD.replace("[6.2]", "['6.2', 7, \"1.1\"]"))
    tree.story("th-50/b", GOOD.replace("[6.2]", "\n  - 6.2\n  - 7\n  - 1.1"))
    stories = {s.slug: s for s in tree.check().validated.stories}
    assert stories["a"].meta.pmqa == stories["b"].meta.pmqa == ["6.2", "7", "1.1"]
    assert stories["a"].pmqa_categories == ("1", "6", "7")


def test_summary_at_the_limit_is_fine(tree):
    tree.story("th-50/a", GOOD.replace("summary: สรุป", "summary: " + "ก" * 300))
    assert found(tree) == []


def test_pmqa_hint_names_the_items_of_the_category(tree):
    tree.story("th-50/a", GOOD.replace("[6.2]", "[6.5]"))
    assert "category 6 has items 6.1–6.4" in messages(tree)[0]
    assert "หมวด 6 มีหัวข้อ 6.1–6.4" in messages(tree, "th")[0]


def test_photo_rules(tree):
    tree.photo("th-50/a/ok.jpg")
    tree.photo("th-50/a/IMG_01.JPG")
    tree.story(
        "th-50/a",
        GOOD
        + (
            "photos:\n"
            "  - file: ok.jpg\n"
            "    alt: ภาพ\n"
            "  - file: ../b/x.jpg\n"
            "    alt: ภาพ\n"
            "  - file: missing.jpg\n"
            "    alt: ภาพ\n"
            "  - file: img_01.jpg\n"
            "    alt: ภาพ\n"
            "  - file: notes.txt\n"
            "    alt: ภาพ\n"
            "  - file: ok.jpg\n"
        ),
    )
    rows = found(tree)
    assert rows == [
        ("th-50/a/index.md", 10, 11, "photos[1].file", "photo.path"),
        ("th-50/a/index.md", 12, 11, "photos[2].file", "photo.not_found"),
        ("th-50/a/index.md", 14, 11, "photos[3].file", "photo.not_found"),
        ("th-50/a/index.md", 16, 11, "photos[4].file", "photo.extension"),
        ("th-50/a/index.md", 18, 5, "photos[5].alt", "field.missing"),
    ]
    assert "did you mean 'IMG_01.JPG'? names are case-sensitive" in " ".join(messages(tree))


def test_photos_of_people_say_on_which_basis_they_are_published(tree):
    """PDPA: identifiable people need a basis; minors and sensitive situations (s.26) consent."""
    for name in ("a", "b", "c", "d", "e"):
        tree.photo(f"th-50/a/{name}.jpg")
    tree.story(
        "th-50/a",
        GOOD
        + (
            "photos:\n"
            "  - file: a.jpg\n    alt: ภาพ\n    people: crowd\n"
            "  - file: b.jpg\n    alt: ภาพ\n    people: identifiable\n"
            "  - file: c.jpg\n    alt: ภาพ\n    people: minors\n    basis: public_task\n"
            "  - file: d.jpg\n    alt: ภาพ\n    people: sensitive\n    basis: consent\n"
            "  - file: e.jpg\n    alt: ภาพ\n    people: identifiable\n    basis: public_task\n"
        ),
    )
    rows = found(tree)
    assert [r[1:] for r in rows] == [
        (13, 13, "photos[1].people", "photo.basis_missing"),  # the line of what to change
        (17, 12, "photos[2].basis", "photo.consent_needed"),
    ]
    thai = messages(tree, "th")
    assert "basis: public_task" in thai[0] and "ผู้เยาว์" in thai[1] and "basis: consent" in thai[1]


def test_a_missing_photo_is_matched_only_with_photos_no_entry_lists(tree):
    for name in ("photo-2.jpg", "weaving-loom-1.jpg"):
        tree.photo(f"th-50/a/{name}")
    photos = "".join(f"  - file: {name}\n    alt: ภาพ\n" for name in ("photo-1.jpg", "photo-2.jpg", "weaving-loom.jpg"))
    tree.story("th-50/a", GOOD + "photos:\n" + photos)
    said = [m for m in messages(tree) if "is not in the folder" in m]
    assert len(said) == 2
    # photo-2.jpg is already the story's second photo: not what photo-1.jpg meant.
    assert "did you mean" not in said[0]
    assert "did you mean 'weaving-loom-1.jpg'?" in said[1]


def test_unreferenced_photo_is_a_warning(tree):
    tree.photo("th-50/a/extra.png", format="PNG")
    tree.story("th-50/a")
    assert found(tree) == []
    assert found(tree, severity=Severity.WARNING) == [("th-50/a/extra.png", 0, 0, "", "photo.unreferenced")]


def test_results_rules(tree):
    tree.story(
        "th-50/a",
        GOOD
        + (
            "results:\n"
            "  - indicator: เวลารอ\n"
            "    before: 45\n"
            "    after: 12\n"
            "    unit: นาที\n"
            "  - indicator: ค่าใช้จ่าย\n"
            "    before: สี่สิบ\n"
            "    after: 12.5\n"
            "  - before: 1\n"
            "    after: 2\n"
            "  - indicator: x\n"
        ),
    )
    rows = found(tree)
    assert rows == [
        ("th-50/a/index.md", 13, 13, "results[1].before", "field.type"),
        ("th-50/a/index.md", 15, 5, "results[2].indicator", "field.missing"),
        ("th-50/a/index.md", 17, 5, "results[3].after", "field.missing"),
    ]


def test_a_number_typed_as_a_title_is_text(tree):
    tree.story("th-50/a", GOOD.replace("title: ทอผ้า", "title: 2567") + "tags: [2567, ผ้า]\n")
    story = tree.check().validated.stories[0]
    assert story.meta.title == "2567" and story.meta.tags == ["2567", "ผ้า"]


# --- bad files -----------------------------------------------------------------------------------


def test_bom_and_crlf_are_accepted(tree):
    text = "---\r\n" + GOOD.replace("\n", "\r\n") + "---\r\nเนื้อเรื่อง\r\n"
    tree.story("th-50/a", data=b"\xef\xbb\xbf" + text.encode("utf-8"))
    tree.story("th-50/b", data=("---\r\n" + GOOD.replace("\n", "\r\n") + "rer: extras\r\n---\r\nx\r\n").encode())
    rows = found(tree)
    assert rows[0][:2] == ("th-50/b/index.md", 7) and rows[0][4] == "yaml.duplicate_key"


def test_windows_874_file_says_how_to_resave(tree):
    text = "---\n" + GOOD + "---\nเนื้อเรื่อง\n"
    tree.story("th-50/a", data=text.encode("cp874"))
    assert found(tree) == [("th-50/a/index.md", 2, 8, "", "file.not_utf8")]
    message = messages(tree)[0]
    assert "Windows-874/TIS-620" in message and "Save with Encoding" in message


@pytest.mark.parametrize(
    ("raw", "line", "column", "code"),
    [
        ("", 1, 1, "file.empty"),
        ("   \n\n", 1, 1, "file.empty"),
        ("title: ไม่มีส่วนหัว\n", 1, 1, "frontmatter.missing"),
        ("---\ntitle: ปิดไม่ครบ\nrer: extra\n", 1, 1, "frontmatter.unclosed"),
        ("---\n- a\n- b\n---\nx\n", 2, 1, "yaml.not_mapping"),
        ("---\nเพียงข้อความ\n---\nx\n", 2, 1, "yaml.not_mapping"),
        ("---\n---\nx\n", 1, 1, "yaml.not_mapping"),
        ("---\ntitle: a\nrer: [extra\ndate: x\n---\nx\n", 4, 5, "yaml.syntax"),
        ('---\ntitle: "เปิดคำพูด" ต่อท้าย\n---\nx\n', 2, 20, "yaml.syntax"),
        ("---\ntitle: a\nphotos:\n\t- file: a.jpg\n---\nx\n", 4, 1, "yaml.tab"),
        ("---\ntitle: a\ntitle: b\n---\nx\n", 3, 1, "yaml.duplicate_key"),
    ],
)
def test_bad_files_get_a_clear_error_at_the_right_line(tree, raw, line, column, code):
    tree.story("th-50/a", raw=raw)
    rows = [r for r in found(tree) if r[4] == code]
    assert rows and rows[0][1:3] == (line, column), found(tree)


@pytest.mark.parametrize(
    ("front", "spaces"),
    [
        ("photos:\n  - file: a.jpg\n\talt: ภาพ\n", 4),  # a photo's fields line up after "- "
        ("photos:\n\t- file: a.jpg\n\t  alt: ภาพ\n", 2),  # a list under a key: two deeper (then 4)
        ("tags:\n\t\t- ผ้าไทย\n", 2),
        ("summary: ส\n\tfeatured: true\n", 0),  # a top-level key: no indentation at all
    ],
)
def test_a_tab_gets_the_number_of_spaces_that_makes_the_file_valid(tree, front, spaces):
    header = "title: a\ndate: 2024-06-22\nrer: extra\npmqa: [6.2]\n"
    if "summary:" not in front:
        header += "summary: ส\n"
    tree.photo("th-50/a/a.jpg")
    tree.story("th-50/a", raw=f"---\n{header}{front}---\nเนื้อเรื่อง\n")
    said = [p for p in tree.check().problems if p.code == "yaml.tab"]
    hint = f"start this line with {spaces} spaces" if spaces else "remove the tab"
    assert said and hint in said[0].message() and "ช่องว่าง" in said[0].message("th")
    # Doing what each message says leaves no YAML problem (the old "two spaces" did, for photos).
    lines = front.split("\n")
    for problem in said:
        wanted = int(problem.params["fix"].params.get("spaces", 0))  # type: ignore[attr-defined]
        index = problem.line - 2 - header.count("\n")
        lines[index] = " " * wanted + lines[index].lstrip(" \t")
    fixed = "\n".join(lines)
    tree.story("th-50/a", raw=f"---\n{header}{fixed}---\nเนื้อเรื่อง\n")
    assert not [p.code for p in tree.check().problems if p.code.startswith(("yaml.", "field."))]


def test_every_problem_of_every_file_is_reported_in_one_run(tree):
    tree.story("th-50/a", GOOD.replace("rer: extra", "rer: extras"))
    tree.story("th-50/b", raw="no front matter")
    tree.story("th-50/c", GOOD.replace("pmqa: [6.2]", "pmqa: [9]") + "colour: red\n", body="")
    tree.story("unknown-office/d")
    (tree.content / "offices.yml").write_text(
        (tree.content / "offices.yml").read_text() + "  - id: BAD ID\n    name_th: x\n", encoding="utf-8"
    )
    codes = sorted(r[4] for r in found(tree))
    assert codes == sorted(
        [
            "field.choice",
            "frontmatter.missing",
            "pmqa.invalid",
            "field.unknown",
            "body.empty",
            "content.unknown_office",
            "registry.bad_id",
        ]
    )


def test_body_must_not_be_empty(tree):
    tree.story("th-50/a", body="\n   \n")
    assert found(tree) == [("th-50/a/index.md", 8, 1, "", "body.empty")]


def check_body(body, photos=()):
    return read_body(body, 1, "f.md", photos)[1]


@pytest.mark.parametrize(
    ("body", "line", "column", "what"),
    [
        ("สวัสดี\n<script>alert(1)</script>\n", 2, 1, "<script>"),
        ("ดูคลิป <iframe src='https://x'></iframe>\n", 1, 8, "<iframe>"),
        ('<a href="x" onclick="alert(1)">x</a>\n', 1, 13, "onclick="),
        ('<a href="JavaScript:void(0)">x</a>\n', 1, 10, "'javascript:'"),
        ('<a href="&#106;avascript:alert(1)">x</a>\n', 1, 4, "'javascript:'"),
        ("ข้อความ\n\n~~~\n<script>x</script>\n", 3, 1, "<script>"),  # an unclosed fence is code...
    ],
)
def test_html_that_can_run_script_is_an_error(body, line, column, what):
    problems = check_body(body)
    if "~~~" in body:  # ...and code is shown, never run: no problem at all
        assert problems == []
        return
    assert [(p.line, p.column, p.code) for p in problems] == [(line, column, "body.unsafe_html")]
    assert what in problems[0].message()


def test_code_that_shows_html_is_allowed():
    body = "ตัวอย่าง `<script>` ในบรรทัด\n\n```html\n<script>alert(1)</script>\n```\n\nจบ\n"
    assert check_body(body) == []


@pytest.mark.parametrize(
    ("body", "line", "code", "words"),
    [
        ('<form action="/x">ชื่อ <input name="a"></form>\n', 1, "body.removed", "<form>"),
        ('ข้อความ\n\n<div class="glightbox">x</div>\n', 3, "body.removed", "'glightbox'"),
        ('<p id="__config">x</p>\n', 1, "body.removed", "'__config'"),
        ('<span style="color:red">แดง</span>\n', 1, "body.removed", "'style'"),
        ("![ภาพ](https://elsewhere.example/x.png)\n", 1, "body.image_elsewhere", "elsewhere.example"),
        ("![ภาพ](//elsewhere.example/x.png)\n", 1, "body.image_elsewhere", "//elsewhere"),
        ('a\n\n<img src="data:image/png;base64,AAAA">\n', 3, "body.image_elsewhere", "data:"),
        ('<video src="a.mp4"></video>\n', 1, "body.removed", "<video>"),
    ],
)
def test_what_the_cleaning_would_remove_is_an_error_at_its_line(body, line, code, words):
    problems = check_body(body)
    assert problems, body
    assert (problems[0].line, problems[0].code) == (line, code)
    assert words in problems[0].message()
    assert all(p.message("th") for p in problems)


def test_what_markdown_makes_passes_unchanged():
    body = (
        "# หัวเรื่อง\n\nย่อหน้า **หนา** _เอียง_ ~~ขีด~~ `code` [ลิงก์](https://www.moi.go.th/) "
        "และเชิงอรรถ[^1]\n\n- ก\n- ข\n\n1. หนึ่ง\n\n| ก | ข |\n|:--|--:|\n| 1 | 2 |\n\n"
        '!!! note "หมายเหตุ"\n    ข้อความในกล่อง\n\nคำ\n:   ความหมาย\n\n> อ้างอิง\n\n'
        "```python\nprint(1)\n```\n\n<u>ขีดเส้นใต้</u><br>\n\n![ภาพ](a.jpg)\n\n[^1]: ที่มา\n"
    )
    body_read, problems = read_body(body, 1, "f.md", {"a.jpg"})
    assert problems == []
    assert body_read.images == ("a.jpg",)
    assert [h.anchor for h in body_read.headings] == ["หัวเรื่อง"]
    assert 'rel="noopener noreferrer"' in body_read.html  # links to other hosts stay plain links


def test_a_heading_never_takes_an_id_the_page_uses():
    body_read, _ = read_body("# md-tabs\n\nก\n\n## __config\n\nข\n", 1, "f.md")
    assert all(not h.anchor.startswith(("md-", "__")) for h in body_read.headings)


# --- the registry --------------------------------------------------------------------------------


def test_shipped_registry_is_valid_and_complete():
    import geothai

    from conftest import EXAMPLE_CONTENT
    from generator.content.registry import validate_registry

    registry, problems = validate_registry(EXAMPLE_CONTENT / "offices.yml", EXAMPLE_CONTENT)
    assert problems == []
    provinces = {o.province for o in registry.offices.values() if o.kind == "province"}
    assert provinces == {f"TH-{p.code}" for p in geothai.provinces()} - {"TH-10"}
    assert len(provinces) == 76
    # Bangkok is a local government the ministry supervises, not one of its provinces.
    assert registry.offices["th-10"].name_th == "กรุงเทพมหานคร"
    assert registry.offices["th-10"].kind == "local_government"
    assert registry.offices["ops-local-personnel-standards"].abbr_th == "สำนักงาน ก.ถ."
    assert registry.offices["th-50"].name_en == "Chiang Mai Province"
    departments = {"dopa": "ปค.", "cdd": "พช.", "dla": "สถ.", "dpt": "ยผ.", "dol": "ทด.", "ddpm": "ปภ."}
    for office_id, abbr in departments.items():
        assert registry.offices[office_id].kind == "department" and registry.offices[office_id].abbr_th == abbr
    assert registry.offices["ops"].abbr_th == "สป.มท."
    assert sum(1 for o in registry.offices.values() if o.parent == "ops") >= 16


def test_field_offices_count_in_their_line_offices_subtree():
    """A district office is กรมการปกครอง's field unit, a สำนักงานจังหวัด สป.มท.'s regional unit: their
    packs take their work in, while each still sits in its province. Bangkok's เขต are the city's."""
    from conftest import EXAMPLE_CONTENT
    from generator.content.registry import validate_registry

    registry, problems = validate_registry(EXAMPLE_CONTENT / "offices.yml", EXAMPLE_CONTENT)
    assert registry is not None and problems == []
    registry = registry.with_districts(["th-5002", "th-50-provincial-office", "th-1001", "th-9999"])
    assert registry.offices["th-5002"].line == "dopa" and registry.offices["th-5002"].parent == "th-50"
    assert registry.offices["th-4001"].line == "dopa"  # a district listed in offices.yml too
    office = registry.offices["th-50-provincial-office"]
    assert (office.name_th, office.kind, office.line, office.parent) == (
        "สำนักงานจังหวัดเชียงใหม่",
        "provincial_office",
        "ops",
        "th-50",
    )
    assert registry.offices["th-1001"].line is None and registry.offices["th-1001"].parent == "th-10"
    assert "th-9999" not in registry.offices
    assert {"th-5002", "th-4001"} <= registry.subtree("dopa") and "th-1001" not in registry.subtree("dopa")
    assert "th-50-provincial-office" in registry.subtree("ops") and "th-5002" not in registry.subtree("ops")
    assert {"th-5002", "th-50-provincial-office"} <= registry.subtree("th-50")
    assert "th-10-provincial-office" not in registry.with_districts(["th-10-provincial-office"]).offices


@pytest.mark.parametrize(
    ("entries", "code", "line"),
    [
        ("  - id: th-50\n    name_th: a\n    province: TH-99\n", "registry.bad_province", 4),
        ("  - id: Bad_Id\n    name_th: a\n", "registry.bad_id", 2),
        ("  - id: rer\n    name_th: a\n", "registry.reserved_id", 2),
        ("  - id: a\n    name_th: a\n  - id: a\n    name_th: b\n", "registry.duplicate_id", 4),
        ("  - id: a\n    name_th: a\n    parent: mio\n", "registry.unknown_parent", 4),
        (
            "  - id: a\n    name_th: a\n    parent: b\n  - id: b\n    name_th: b\n    parent: a\n",
            "registry.parent_cycle",
            4,
        ),
        ("  - id: a\n    name_th: a\n    kind: ministy\n", "field.choice", 4),
        ("  - id: a\n", "field.missing", 2),
        ("  - id: th-51\n    name_th: a\n    kind: province\n    province: TH-50\n", "registry.province_id", 2),
        ("  - id: a\n    name_th: a\n    nmae_en: b\n", "field.unknown", 4),
        ("  - id: a\n    name_th: a\n    line: dpoa\n", "registry.unknown_line", 4),
        ("  - id: a\n    name_th: a\nfield_units:\n  district: dpoa\n", "registry.unknown_line", 5),
        ("  - id: a\n    name_th: a\nfield_units:\n  distrct: a\n", "field.unknown", 5),
    ],
)
def test_registry_rules(tree, entries, code, line):
    (tree.content / "offices.yml").write_text("offices:\n" + entries, encoding="utf-8")
    rows = [r for r in found(tree) if r[0] == "offices.yml"]
    assert [(r[4], r[1]) for r in rows][:1] == [(code, line)], rows


def test_missing_registry_is_an_error(tree):
    (tree.content / "offices.yml").unlink()
    assert [r[4] for r in found(tree)] == ["content.registry_missing"]


def test_story_folder_must_be_a_registered_office(tree):
    tree.story("th-05/a")
    rows = found(tree)
    assert [r[4] for r in rows] == ["content.unknown_office"]
    assert "did you mean 'th-50'?" in messages(tree)[0]


def test_slug_with_spaces_gets_a_suggestion(tree):
    tree.story("th-50/Weaving Project")
    assert [r[4] for r in found(tree)] == ["content.bad_slug"]
    assert "weaving-project" in messages(tree)[0]
    tree.story("th-50/ทอผ้าไทย")  # Thai slugs are fine
    assert len(found(tree)) == 1


def test_misplaced_files_are_warnings(tree):
    (tree.content / "th-50").mkdir()
    (tree.content / "th-50" / "index.md").write_text("x", encoding="utf-8")
    (tree.content / "th-50" / "no-index").mkdir()
    (tree.content / "th-50" / "no-index" / "notes.txt").write_text("x", encoding="utf-8")
    rows = found(tree, severity=Severity.WARNING)
    assert [r[4] for r in rows] == ["content.misplaced", "content.no_index"]


# --- site_config.yml -----------------------------------------------------------------------------


def test_config_unknown_key_with_suggestion(tree):
    tree.config.write_text("site_nmae: x\nphotos:\n  larg: 1200\n", encoding="utf-8")
    rows = [r for r in found(tree) if r[0].endswith("site_config.yml")]
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        (1, 1, "site_nmae", "field.unknown"),
        (3, 3, "photos.larg", "field.unknown"),
    ]
    assert "did you mean 'site_name'?" in messages(tree)[0]
    assert "did you mean 'large'?" in messages(tree)[1]


def test_publishing_targets_are_judged_where_they_are_written(tree):
    tree.config.write_text(
        "publish:\n  targets:\n    production:\n      kind: s3\n      bucket: moinext-site\n"
        "      secret_access_key: abc\n    web:\n      kind: rsynk\n      destination: /srv/x\n",
        encoding="utf-8",
    )
    rows = [r for r in found(tree) if r[0].endswith("site_config.yml")]
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (6, "publish.targets.production.secret_access_key", "field.unknown"),  # no secrets in the file
        (8, "publish.targets.web.kind", "field.choice"),
    ]
    assert "allowed fields: kind, bucket, prefix, endpoint_url, region" in messages(tree)[0]
    assert "did you mean 'rsync'?" in messages(tree)[1]


def test_config_value_rules(tree):
    tree.config.write_text("language: jp\nphotos:\n  max_megapixels: -1\n", encoding="utf-8")
    rows = [r for r in found(tree) if r[0].endswith("site_config.yml")]
    assert [(r[1], r[4]) for r in rows] == [(1, "field.choice"), (3, "field.invalid")]


def test_every_message_has_a_thai_translation(tree):
    from generator.problems import FRAGMENTS, MESSAGES, placeholders

    for code, (english, thai) in {**MESSAGES, **FRAGMENTS}.items():
        assert english and thai, code
        # The same parameters in both languages: a hint given in one is never lost in the other.
        assert placeholders(english) == placeholders(thai), code
    for code, (_, thai) in MESSAGES.items():
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai) or thai == "{reason}", code


def test_hints_are_rendered_in_the_language_of_the_message(tree):
    tree.story("th-50/weaving", front="title: t\ndate: 2024-06-22\nrer: extras\npmqa: [6.5]\nsummary: s\n")
    problems = [p for p in tree.check().problems if p.code in ("field.choice", "pmqa.invalid")]
    assert [p.message("en") for p in problems] == [
        "'extras' is not one of routine, extra, report (did you mean 'extra'?)",
        "'6.5' is not a PMQA 4.0 category (1–7) or item (1.1–1.4, 2.1–2.4, 3.1–3.4, 4.1–4.4, 5.1–5.4, "
        "6.1–6.4, 7.1–7.6) (category 6 has items 6.1–6.4)",
    ]
    thai = [p.message("th") for p in problems]
    assert "(หมายถึง 'extra' หรือไม่)" in thai[0] and "(หมวด 6 มีหัวข้อ 6.1–6.4)" in thai[1]
    assert "did you mean" not in thai[0] and "category" not in thai[1]


# --- synonyms ------------------------------------------------------------------------------------


def test_the_shipped_synonyms_are_valid():
    from conftest import EXAMPLE_CONTENT
    from generator.content.synonyms import validate_synonyms

    synonyms, problems = validate_synonyms(EXAMPLE_CONTENT / "synonyms.yml")
    assert problems == [] and len(synonyms.groups) >= 30


def test_synonyms_are_validated_with_lines(tree):
    (tree.content / "synonyms.yml").write_text(
        "groups:\n  - [อบต., องค์การบริหารส่วนตำบล]\n  - [เดี่ยว]\n  - [ไลน์, อบต.]\ngruops: []\n", encoding="utf-8"
    )
    found = [(p.line, p.field, p.code) for p in tree.check().problems]
    assert found == [(3, "groups[1]", "field.too_few"), (5, "gruops", "field.unknown")]
    (tree.content / "synonyms.yml").write_text(
        "groups:\n  - [อบต., องค์การบริหารส่วนตำบล]\n  - [ไลน์, อบต.]\n", encoding="utf-8"
    )
    found = [(p.line, p.field, p.code) for p in tree.check().problems]
    assert found == [(3, "groups[1][1]", "synonyms.repeated")]


def test_a_story_is_found_by_its_words_other_spellings():
    from generator.content.synonyms import Synonyms

    synonyms = Synonyms((("อบต.", "องค์การบริหารส่วนตำบล"), ("LINE", "ไลน์")))
    assert synonyms.expansions("อบต. ซ่อมถนน") == ("องค์การบริหารส่วนตำบล",)
    assert synonyms.expansions("แจ้งผ่าน line ได้") == ("ไลน์",)
    assert synonyms.expansions("ขายออนไลน์ online") == ()  # "line" inside "online" is not LINE


def test_thai_messages_name_fields_in_words_a_writer_reads():
    from generator.problems import Problem
    from generator.problems.formats import format_text

    problem = Problem("f.md", 9, 11, "photos[0].file", "photo.not_found", {"value": "a.jpg", "folder": "x"})
    line = format_text([problem], "th")
    assert "ภาพที่ 1 › ไฟล์ (photos[0].file): ไม่พบรูป" in line
    assert "photos[0].file: photo 'a.jpg'" in format_text([problem], "en")


def test_a_folder_named_after_the_place_gets_the_office_id(tree):
    tree.story("chiangmai/a")
    problem = next(p for p in tree.check().problems if p.code == "content.unknown_office")
    assert "th-50" in problem.message("en") and "จังหวัดเชียงใหม่" in problem.message("th")


def test_a_publishing_target_cannot_leave_its_prefix_or_pass_an_option_to_ssh(tree):
    """An S3 prefix "../" wrote keys "../index.html"; an rsync destination "-Jhost:/srv" reached
    ssh as an option (a jump through another host). Both are refused at their line."""
    tree.config.write_text(
        "publish:\n  targets:\n    production:\n      kind: s3\n      bucket: moinext-site\n"
        '      prefix: "../"\n    web:\n      kind: rsync\n      destination: "-Jattacker.example:/srv/moinext"\n',
        encoding="utf-8",
    )
    rows = [r for r in found(tree) if r[0].endswith("site_config.yml")]
    assert [(r[1], r[3]) for r in rows] == [
        (6, "publish.targets.production.prefix"),
        (9, "publish.targets.web.destination"),
    ]


def test_records_that_overlap_the_site_are_refused_at_their_line(tree):
    """Records inside the site's folder would be taken for site files (publish --verify removes
    files no release has); a site inside the records' folder likewise."""
    tree.config.write_text(
        "publish:\n  targets:\n    production:\n      kind: s3\n      bucket: moinext-site\n"
        "      prefix: www/\n      records:\n        prefix: www/records/\n"
        "    apart:\n      kind: s3\n      bucket: moinext-site\n      prefix: www/\n"
        "      records:\n        prefix: moinext-records/\n",
        encoding="utf-8",
    )
    rows = [r for r in found(tree) if r[0].endswith("site_config.yml")]
    assert [(r[1], r[3]) for r in rows] == [(4, "publish.targets.production")]
    problem = next(p for p in tree.check().problems if p.code == "publish.records_overlap")
    assert "www/records/" in problem.message("en") and "ซ้อน" in problem.message("th")


def test_a_setting_of_the_wrong_shape_is_described_in_words_not_as_a_regular_expression(tree):
    """A destination with a space got the raw pattern as its message."""
    tree.config.write_text(
        'publish:\n  targets:\n    web:\n      kind: rsync\n      destination: "deploy@web1:/srv/moi next"\n'
        '    production:\n      kind: s3\n      bucket: "My_Bucket"\n',
        encoding="utf-8",
    )
    problems = [p for p in tree.check().problems if p.code == "field.shape"]
    assert [p.line for p in problems] == [5, 8]
    for problem in problems:
        for lang in ("en", "th"):
            assert "^" not in problem.message(lang) and "[" not in problem.message(lang)
    assert "no spaces" in problems[0].message("en") and "ห้ามมีช่องว่าง" in problems[0].message("th")


# --- the mistakes clerks make most, in Thai with the line as it should be (issue 29) ---------------


@pytest.mark.parametrize(
    ("front", "line", "code", "fix"),
    [
        (GOOD.replace("rer: extra", "rer:extra"), 4, "yaml.colon_space", "rer: extra"),
        (GOOD.replace("title: ทอผ้า", "title: ผ้าทอ: จอมทอง"), 2, "yaml.colon_in_value", 'title: "ผ้าทอ: จอมทอง"'),
        (GOOD.replace("title: ทอผ้า", "title: “ผ้าทอ: จอมทอง”"), 2, "yaml.colon_in_value", 'title: "ผ้าทอ: จอมทอง"'),
        (GOOD.replace("title: ทอผ้า", 'title: "ผ้าทอ'), 2, "yaml.unclosed_quote", ""),
        (GOOD + "photos:\n  - file: a.jpg\n  alt: ภาพ\n", 9, "yaml.list_field_indent", "    alt: ภาพ"),
        (GOOD + "photos:\n  - file: a.jpg\nalt: ภาพ\n", 9, "yaml.field_not_indented", ""),
    ],
)
def test_common_yaml_mistakes_are_named_at_their_line_in_thai(tree, front, line, code, fix):
    tree.photo("th-50/a/a.jpg")
    tree.story("th-50/a", front=front)
    rows = found(tree)
    assert [(r[1], r[4]) for r in rows] == [(line, code)], rows
    thai = messages(tree, "th")[0]
    assert fix in thai
    # No parser English (mapping values, could not find, …) inside the Thai message.
    assert not re.search(r"mapping|could not|expected|scanning|while", thai), thai


def test_values_are_described_in_the_messages_language(tree):
    tree.story("th-50/a", front=GOOD.replace("summary: สรุป", "summary: [ก, ข]"))
    thai = messages(tree, "th")[0]
    assert "รายการ" in thai and "a list" not in thai
    assert "a list" in messages(tree, "en")[0]


@pytest.mark.parametrize(
    "written",
    ["2026-11-15", "15/11/2569", "15/11/2026", "15-11-2569", "15.11.2569", "15 พ.ย. 2569", "15 พฤศจิกายน 2569",
     "๑๕/๑๑/๒๕๖๙", "๒๐๒๖-๑๑-๑๕", "2569-11-15", "15 พ.ย. พ.ศ. 2569"],
)  # fmt: skip
def test_dates_are_read_as_clerks_type_them(tree, written):
    tree.story("th-50/a", front=GOOD.replace("date: 2024-06-22", f"date: {written}"))
    result = tree.check()
    assert not result.problems and result.validated.stories[0].meta.date.isoformat() == "2026-11-15"


def test_a_date_that_does_not_exist_says_why_in_thai(tree):
    tree.story("th-50/a", front=GOOD.replace("date: 2024-06-22", "date: 29/02/2569"))
    thai = messages(tree, "th")[0]
    assert "กุมภาพันธ์ 2569 มี 28 วัน" in thai and "out of range" not in thai


def test_what_new_accepts_the_file_accepts_too(tree):
    """rer by its Thai or English name, PMQA as 'หมวด 7' or in Thai digits, 1,200 in a result."""
    front = GOOD.replace("rer: extra", "rer: ภารกิจพิเศษ").replace("[6.2]", "[หมวด 7, หัวข้อ ๖.๒]")
    tree.story("th-50/a", front=front + "results:\n  - indicator: ราย\n    before: '1,200'\n    after: ๑,๕๐๐\n")
    result = tree.check()
    assert not result.problems
    meta = result.validated.stories[0].meta
    assert (meta.rer, meta.pmqa, meta.results[0].before, meta.results[0].after) == ("extra", ["7", "6.2"], 1200, 1500)


def test_a_misspelt_thai_rer_name_gets_its_key_and_no_code_gets_a_wrong_hint(tree):
    tree.story("th-50/a", front=GOOD.replace("rer: extra", "rer: ภารกิจพิเศส").replace("[6.2]", "[8.1]"))
    thai = messages(tree, "th")
    assert "(หมายถึง 'extra' หรือไม่)" in thai[0]
    assert "เพียง" not in thai[1] and "'1'" not in thai[1]  # 8.1 is not "write just 1"


# Latin words a Thai message may hold: names of files, formats, programs, settings and commands
# (what the writer types or sees on screen), never English prose.
_CODE_NAMES = frozenset(
    [
        "As",
        "Code:",
        "Encoding:",
        "Excel",
        "Facebook",
        "File",
        "HEIC",
        "HTML",
        "ISO",
        "JPEG",
        "KB",
        "LINE",
        "MB",
        "Markdown",
        "Notepad:",
        "Office",
        "PDF",
        "PMQA",
        "PNG",
        "Publishing",
        "README",
        "S3",
        "SVG",
        "Save",
        "TH",
        "TH-10",
        "TH-96",
        "UTF-8",
        "VS",
        "WebP",
        "Windows-874/TIS-620",
        "YAML",
        "YAML:",
        "ZIP",
        "a-z",
        "alias",
        "anchor",
        "ap-southeast-1",
        "bucket",
        "bucket:",
        "build",
        "content/",
        "deploy@web1.example.go.th:/srv/moinext",
        "device",
        "drafts",
        "false",
        "folder",
        "front-matter",
        "heic",
        "https://",
        "https://moinext.moi.go.th/",
        "id",
        "index.md",
        "jpeg",
        "jpg",
        "link",
        "moinext",
        "name",
        "offices.yml",
        "old-name",
        "people:",
        "pipe",
        "png",
        "prefix",
        "production",
        "progressive",
        "publish",
        "publish.targets.",
        "publish:",
        "records",
        "records.prefix",
        "region",
        "site_config.yml",
        "site_url:",
        "svg",
        "symbolic",
        "targets:",
        "th-50/my-story/",
        "th-50/old-name",
        "true",
        "user@host:/folder",
        "webp",
        "www/",
    ]
)


def test_no_english_prose_in_a_thai_message():
    """Issue 29: 'ไม่ใช่ a list', 'เป็น not an image file', the parser's 'mapping values are not
    allowed…': a Thai message holds Thai, and only code names in Latin letters."""
    from generator.problems import FRAGMENTS, MESSAGES

    for code, (_, thai) in {**MESSAGES, **FRAGMENTS}.items():
        text = re.sub(r"\{[^}]*\}", "", thai)
        text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "", text)  # quoted: what the writer wrote or types
        latin = set(re.findall(r"[A-Za-z][A-Za-z0-9_.\-@/:]*", text)) - _CODE_NAMES
        assert not latin, (code, latin)


def test_a_broken_photo_is_described_in_thai(tree):
    tree.story("th-50/a", front=GOOD + "photos:\n  - file: a.jpg\n    alt: ภาพ\n")
    (tree.content / "th-50" / "a" / "a.jpg").write_bytes(b"\0\0\0\x18ftypheic" + b"\0" * 64)
    thai = messages(tree, "th")[0]
    assert "รูป HEIC ที่อ่านไม่ได้" in thai and "not an image" not in thai and "HEIC photo" not in thai

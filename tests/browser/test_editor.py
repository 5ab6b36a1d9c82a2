"""The web editor for offices (issue 31), for real: `moinext editor`'s Decap CMS in Chromium, saving
through decap-server (Decap's own proxy) to a real git repository in its editorial workflow, and
what lands there judged by `moinext check` and built by `moinext build`, as the PR team would."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_CONFIG, EXAMPLE_CONTENT, seed_cache
from generator import pipeline
from generator.content import limits
from generator.content.schema import SLUG_PATTERN
from generator.editor import editor_policy

from .conftest import serve_site

NODE_MODULES = Path(__file__).parent / "node_modules"
DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
OFFICE = "th-50-provincial-office"
# Long, with Latin capitals and punctuation: the address proposed from it must still be one
# check accepts (lower case, at most limits.SLUG_BYTES).
TITLE = "ศูนย์ดำรงธรรมเคลื่อนที่ (Mobile) ถึงหมู่บ้าน ลดระยะทางยื่นเรื่องร้องเรียนของชาวบ้านอำเภอจอมทอง"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="session")
def editor_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the session's editors: Decap's tarball is downloaded once (and checked
    against its pinned hash at every use), Sarabun cut once."""
    return tmp_path_factory.mktemp("editor-cache")


@pytest.fixture
def editor(tmp_path: Path, browser, editor_cache: Path) -> Iterator[tuple[str, Path]]:
    """(the editor's address, the content repository): the example content in a git repository,
    decap-server in git mode on it, and `moinext editor` built for it and served."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.exists():
        if os.environ.get("MOINEXT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"node and {DECAP_SERVER} are required: `make test` installs them")
        pytest.skip("node or decap-server missing (make test installs them)")
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE_CONTENT, repo / "content")
    port = _free_port()
    config = EXAMPLE_CONFIG.read_text(encoding="utf-8") + (
        f"cache_dir: {editor_cache}\n"
        "editor:\n  backend: github\n  repo: moi-go-th/moinext-content\n"
        f"  local_backend: http://127.0.0.1:{port}/api/v1\n"
    )
    (repo / "site_config.yml").write_text(config, encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    # decap-server reads `git diff --name-only`: Thai file names must come back as they are.
    _git(repo, "config", "core.quotepath", "false")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=pr@moi.go.th", "-c", "user.name=PR", "commit", "-q", "-m", "content")
    made = pipeline.editor(tmp_path / "editor", repo / "content", repo / "site_config.yml")
    assert made.written and not made.problems, made.problems
    environment = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(repo),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_AUTHOR_NAME": "Office",
        "GIT_AUTHOR_EMAIL": "office@moi.go.th",
        "GIT_COMMITTER_NAME": "Office",
        "GIT_COMMITTER_EMAIL": "office@moi.go.th",
    }
    server = subprocess.Popen(
        [node, str(DECAP_SERVER)], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            assert server.poll() is None and time.monotonic() < deadline, "decap-server did not start"
            time.sleep(0.2)
        # Served as the README says: with the editor's own policy as a header too.
        config, _ = pipeline.judge_config(repo / "site_config.yml")
        assert config is not None
        with serve_site(tmp_path / "editor", (("Content-Security-Policy", editor_policy(config)),)) as url:
            yield url, repo
    finally:
        server.terminate()
        server.wait(timeout=10)


def _open_new_story(browser, url: str, *, bypass_csp: bool = False):
    context = browser.new_context(locale="th-TH", viewport={"width": 1300, "height": 1000}, bypass_csp=bypass_csp)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: page.errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()  # the local backend: no account needed
    page.wait_for_selector("text=เรื่องเล่า")
    page.goto(url + "#/collections/stories/new")
    page.wait_for_selector("input[id^=title-field-]")
    return page


def _choose(page, field: str, typed: str) -> None:
    page.locator(f"[id^={field}-field-]").first.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def _add_photo(page, index: int, photo: Path, alt: str) -> None:
    page.get_by_role("button", name="เพิ่ม ภาพ").click()
    page.get_by_role("button", name="เลือกรูปภาพ").last.click()
    page.set_input_files("input[type=file]", str(photo))
    page.get_by_role("button", name="เลือกข้อมูลที่ถูกเลือก").click()
    page.locator("input[id^=alt-field-]").nth(index).fill(alt)


def _photo(path: Path, colour: tuple[int, int, int]) -> Path:
    from PIL import Image

    Image.new("RGB", (1200, 800), colour).save(path, quality=85)
    return path


@pytest.mark.slow
def test_a_clerk_writes_a_story_with_two_photos_and_sends_it_for_review(editor, browser, tmp_path):
    url, repo = editor
    page = _open_new_story(browser, url)
    _choose(page, "office", "สำนักงานจังหวัดเชียงใหม่")
    page.fill("input[id^=title-field-]", TITLE)
    # The story's address is proposed from the title as it is typed (lower case, cut to fit).
    page.wait_for_function("() => document.querySelector('output.moinext-address').textContent.includes('-mobile-')")
    page.fill("input[id^=date-field-]", "2026-11-20")
    # The date is shown in the Buddhist Era beside the picker.
    assert "20 พฤศจิกายน พ.ศ. 2569" in page.locator("output.moinext-date-be").inner_text()
    _choose(page, "rer", "ภารกิจพิเศษ")
    _choose(page, "pmqa", "3.4")
    _choose(page, "pmqa", "หมวด 6")
    page.keyboard.press("Escape")
    page.fill("textarea[id^=summary-field-]", "ทีมศูนย์ดำรงธรรมออกรับเรื่องร้องเรียนถึงหมู่บ้าน ลดการเดินทางของชาวบ้าน")
    _add_photo(page, 0, _photo(tmp_path / "sala.jpg", (30, 120, 200)), "เจ้าหน้าที่รับเรื่องจากชาวบ้านที่ศาลาหมู่บ้าน")
    _add_photo(page, 1, _photo(tmp_path / "van.jpg", (200, 120, 30)), "รถศูนย์ดำรงธรรมเคลื่อนที่จอดหน้าวัด")
    # A group opened and left empty is not written (check would refuse a reporter without a name).
    page.locator("[id^=reported_by-field-] [data-testid=expand-button]").click()
    reporter = page.locator("input[id^=name-field-]").first
    reporter.fill("ชั่วคราว")
    reporter.fill("")
    page.get_by_role("button", name="เพิ่ม ตัวชี้วัด").click()
    page.locator("input[id^=indicator-field-]").fill("ระยะทางที่ชาวบ้านเดินทางมายื่นเรื่อง")
    page.locator("input[id^=before-field-]").fill("42")
    page.locator("input[id^=after-field-]").fill("3.5")
    page.locator("input[id^=unit-field-]").fill("กิโลเมตร")
    # The body starts with the template's headings; the clerk writes under the last one (typed
    # as Markdown text, the editor's second mode).
    page.locator("button[role=switch]").click()
    last = page.locator("[data-slate-editor]").get_by_text("## บทเรียนและก้าวต่อไป")
    last.click()
    # The caret at the end of that line, set as the browser's own selection (a click's place in
    # the line depended on timing, and Decap's editor follows the selection).
    last.evaluate(
        """line => {
             const text = document.createTreeWalker(line, NodeFilter.SHOW_TEXT).lastChild() || line;
             const range = document.createRange();
             range.setStart(text, text.length || 0);
             range.collapse(true);
             const selection = window.getSelection();
             selection.removeAllRanges();
             selection.addRange(range);
           }"""
    )
    page.wait_for_timeout(200)  # Decap's editor takes the new selection on the next selectionchange
    page.keyboard.press("Enter")
    page.keyboard.type("ทีมงานจะขยายหน่วยเคลื่อนที่ไปทุกอำเภอในปีหน้า")
    # The preview beside the form reads as the story's page: Thai names, not the stored codes.
    preview = page.frame_locator("iframe#preview-pane").locator("article.moinext-story")
    assert "ภารกิจพิเศษ" in preview.inner_text() and "3.4 การแก้ไขข้อร้องเรียน" in preview.inner_text()
    assert preview.locator("img").count() == 2 and "สำนักงานจังหวัดเชียงใหม่" in preview.inner_text()
    page.get_by_role("button", name="บันทึก").first.click()
    page.wait_for_url(re.compile(r"#/collections/stories/entries/"))
    # Sent for review: the story's pull request (a branch of its own) moves to "in review".
    status = page.get_by_role("button", name=re.compile("สถานะ"))
    status.click()
    assert [m.inner_text() for m in page.get_by_role("menuitem").all()] == ["ร่าง", "อยู่ระหว่างการตรวจสอบ", "พร้อม"]
    page.get_by_role("menuitem", name="อยู่ระหว่างการตรวจสอบ").click()
    page.wait_for_function("() => document.body.innerText.includes('สถานะ: อยู่ระหว่างการตรวจสอบ')")
    assert page.errors == []

    slug = page.locator("input[id^=slug-field-]").input_value()  # proposed from the title
    assert re.fullmatch(SLUG_PATTERN, slug) and len(slug.encode()) <= limits.SLUG_BYTES and "mobile" in slug
    story = f"content/{OFFICE}/{slug}/index.md"
    branches = _git(repo, "branch", "--list", "cms/*", "--format=%(refname:short)").split()
    assert branches == [f"cms/stories/{OFFICE}/{slug}/index"]  # the story's pull request
    with pytest.raises(subprocess.CalledProcessError):  # main is untouched until the PR team merges
        _git(repo, "cat-file", "-e", f"main:{story}")
    landed = tmp_path / "landed"
    _git(repo, "worktree", "add", "-q", str(landed), branches[0])
    text = (landed / story).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["office"] == OFFICE and front["title"] == TITLE and front["slug"] == slug
    assert (str(front["date"]), front["rer"], front["pmqa"]) == ("2026-11-20", "extra", ["3.4", "6"])
    assert "reported_by" not in front
    body = text.split("---\n", 2)[2]
    assert body.count("\n## ") + body.startswith("## ") == 4 and "ทีมงานจะขยายหน่วยเคลื่อนที่" in body
    assert [p["alt"] for p in front["photos"]] == [
        "เจ้าหน้าที่รับเรื่องจากชาวบ้านที่ศาลาหมู่บ้าน",
        "รถศูนย์ดำรงธรรมเคลื่อนที่จอดหน้าวัด",
    ]
    assert sorted(p.name for p in (landed / story).parent.iterdir()) == ["index.md", "sala.jpg", "van.jpg"]
    # The file that lands passes check unchanged, and the build shows the story with its photos.
    checked = pipeline.check(landed / "content", landed / "site_config.yml")
    assert [p.message() for p in checked.problems if p.file.endswith("index.md")] == []
    seed_cache(tmp_path / "c")  # the example's photos and fonts; the story's two are made here
    built = pipeline.build(landed / "content", landed / "site_config.yml", tmp_path / "site", cache_dir=tmp_path / "c")
    assert built.ok, [p.message() for p in built.problems]
    story_page = (tmp_path / "site" / OFFICE / slug / "index.html").read_text(encoding="utf-8")
    assert TITLE in story_page and "รถศูนย์ดำรงธรรมเคลื่อนที่จอดหน้าวัด" in story_page
    assert "ทีมงานจะขยายหน่วยเคลื่อนที่ไปทุกอำเภอในปีหน้า" in story_page


def test_the_form_refuses_a_story_without_its_required_fields(editor, browser):
    url, repo = editor
    page = _open_new_story(browser, url)
    _choose(page, "office", "สำนักงานจังหวัดเชียงใหม่")
    page.fill("textarea[id^=summary-field-]", "สรุป")  # no title, date, RER, PMQA; the body only headings
    page.get_by_role("button", name="บันทึก").first.click()
    assert page.get_by_text("คุณไม่ได้ใส่ข้อมูลในช่องที่จำเป็น").is_visible()
    assert page.get_by_text("กรุณาเล่าเรื่องใต้หัวข้อ").first.is_visible()
    time.sleep(1)
    assert _git(repo, "branch", "--list", "cms/*").strip() == ""  # nothing was sent


def test_axe_finds_no_accessibility_violations_in_the_form(editor, browser):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from the npm registry")
    url, _ = editor
    page = _open_new_story(browser, url, bypass_csp=True)  # axe is injected as a script
    page.add_script_tag(path=str(AXE))
    page.wait_for_timeout(300)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    # Named in Thai, as the rest of the form (Decap's locale leaves these in English).
    assert page.locator("button[aria-label=Expand]").count() == 0
    assert page.locator("button[aria-label='แสดงหรือซ่อนรายละเอียด']").count() >= 3
    print(f"\naxe-core on the editor's form: {len(result['passes'])} rules passed, {json.dumps(violations)}")
    assert violations == []

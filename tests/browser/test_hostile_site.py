"""A hostile corpus, built and browsed as the public would: nothing runs, nothing leaves the site.

Every write-up here passes `check` (what does not pass is refused before it can be published;
tests/test_hostile.py covers those). The site is served with the Content-Security-Policy header,
every page is opened, every gallery photo is opened in the lightbox, and hostile words are typed
into the search. Any dialog, CSP violation, script error or request to another host fails.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import GOOD_FRONT, ContentTree

from .conftest import serve_site

SCRIPT = '<img src=x onerror=alert(1)><script>alert(2)</script>"><svg onload=alert(3)>'


def _hostile_content(tree: ContentTree) -> None:
    registry = (tree.content / "offices.yml").read_text(encoding="utf-8")
    registry = registry.replace("name_th: ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", f"name_th: '{SCRIPT}'")
    (tree.content / "offices.yml").write_text(registry, encoding="utf-8")
    for name in ("a.jpg", "b.jpg"):
        tree.photo(f"th-50/gallery/{name}")
    front = (
        GOOD_FRONT.replace("title: ทอผ้าไทย", f"title: '{SCRIPT} ทอผ้า'").replace(
            "summary: สรุปสั้น ๆ", f"summary: '{SCRIPT}'"
        )
        + f"photos:\n  - file: a.jpg\n    alt: '{SCRIPT}'\n    caption: '{SCRIPT}'\n"
        + f"  - file: b.jpg\n    alt: ภาพที่สอง\n    caption: '</div>{SCRIPT}'\n"
        + "tags: ['<img src=x onerror=alert(1)>']\n"
        + f"results:\n  - indicator: '{SCRIPT}'\n    before: 1\n    after: 2\n    unit: '<b>x</b>'\n"
    )
    body = (
        "ย่อหน้า\n{: #__config .glightbox data-type=external }\n\n"
        "[ลิงก์ไปที่อื่น](https://elsewhere.example/page) และ <a href='//elsewhere.example/x'>อีกลิงก์</a>\n\n"
        "[สคริปต์](javascript:alert(4)) และ [ข้อมูล](data:text/html,hi)\n\n"
        "`<script>alert(6)</script>` และ\n\n```html\n<iframe src=https://elsewhere.example></iframe>\n```\n\n"
        '!!! note "กล่อง <b>หนา</b>"\n    ข้อความในกล่อง\n\n'
        "![ภาพ](a.jpg)\n\n## {{ config }} ${alert(8)}\n\nค้นหา ทอผ้า\n"
    )
    tree.story("th-50/gallery", front, body=body)
    tree.story("ops-ict/plain", body="เรื่องธรรมดา ทอผ้า <u>ขีดเส้นใต้</u>\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = ContentTree(tmp_path_factory.mktemp("hostile"))
    _hostile_content(tree)
    result = tree.build()
    assert result.ok, [p.message() for p in result.problems]
    return tree.root / "site"


def _watch(page, origin: str) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"dialogs": [], "violations": [], "elsewhere": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on(
        "console",
        lambda m: seen["violations"].append(m.text) if "Content Security Policy" in m.text else None,
    )

    def request(req) -> None:
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}/" != origin:
            seen["elsewhere"].append(req.url)

    page.on("request", request)
    # Any other host is unreachable anyway; aborting keeps the test off the network.
    page.route(lambda url: not url.startswith(origin) and url.startswith("http"), lambda route: route.abort())
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


@pytest.mark.slow
def test_nothing_hostile_runs_or_leaves_the_site(browser, hostile_site):
    with serve_site(hostile_site) as origin:
        context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        seen = _watch(page, origin)
        pages = sorted(p.relative_to(hostile_site).parent.as_posix() for p in hostile_site.rglob("index.html"))
        assert "th-50/gallery" in pages
        for path in pages:
            page.goto(origin + ("" if path == "." else path + "/"))
            page.wait_for_load_state("load")
        # The story: every gallery photo opens in the lightbox, and its caption stays text.
        page.goto(origin + "th-50/gallery/")
        links = page.locator(".moi-story a.glightbox")
        assert links.count() == 2
        for index in range(links.count()):
            links.nth(index).click()
            page.wait_for_selector(".glightbox-container .gslide-image img")
            assert SCRIPT.split("<script>")[0] in page.inner_text(".glightbox-container")
            page.keyboard.press("Escape")
            page.wait_for_selector(".glightbox-container", state="detached")
        body = page.locator(".moi-story__body")
        assert body.locator("[id='__config'], .glightbox, script, iframe").count() == 0
        for link in body.locator("a[href*='elsewhere.example']").all():
            assert link.get_attribute("rel") == "noopener noreferrer"
        # The search, with hostile words in the query and in the results' excerpts.
        for query in ("ทอผ้า", SCRIPT, "<img src=x onerror=alert(9)>"):
            page.goto(origin + "?q=" + query.replace("#", "%23").replace("&", "%26"))
            page.wait_for_function("q => document.querySelector('.moi-search')?.dataset.shownQuery === q", arg=query)
        context.close()
    assert seen == {"dialogs": [], "violations": [], "elsewhere": [], "errors": []}


def test_the_example_site_runs_under_the_policy(browser, site_url):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    seen = _watch(page, site_url)
    for path in ("", "th-50/pha-thai-jomthong/", "overview/", "offices/", "?q=ทอผ้า"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(site_url + "th-50/pha-thai-jomthong/")
    page.locator(".moi-story a.glightbox").first.click()
    page.wait_for_selector(".glightbox-container .gslide-image img")
    context.close()
    assert seen == {"dialogs": [], "violations": [], "elsewhere": [], "errors": []}

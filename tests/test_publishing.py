"""What the public site publishes besides pages: feeds, sharing cards, sitemap, 404, charts, fonts,
and the same bytes for the same content."""

from __future__ import annotations

import hashlib
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE_CONFIG, EXAMPLE_CONTENT, GOOD_FRONT, indexed_stories, seed_cache
from generator import pipeline
from generator.keys import digest
from generator.site.charts import Bar, bar_chart
from generator.site.policy import IMMUTABLE, cache_control
from generator.site.thailand_map import shades

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://moinext.example.org/stories/"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The example content built with a site_url, as a deployment would."""
    root = tmp_path_factory.mktemp("published")
    config = root / "site_config.yml"
    config.write_text(EXAMPLE_CONFIG.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n", encoding="utf-8")
    result = pipeline.build(EXAMPLE_CONTENT, config, root / "site", cache_dir=root / "cache")
    assert result.ok, result.problems
    return root / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_site_feed_lists_the_latest_stories_newest_first(published):
    feed = ET.parse(published / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 16
    dates = [e.find(f"{ATOM}published").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == SITE_URL + "dol/same-day-transfer/"
    assert feed.find(f"{ATOM}updated").text == "2026-10-12T00:00:00+07:00"  # newest story, not the clock
    weaving = next(e for e in entries if "จอมทอง" in e.find(f"{ATOM}title").text)
    assert weaving.find(f"{ATOM}summary").text.startswith("15 สิงหาคม 2569 · จังหวัดเชียงใหม่ · ภารกิจพิเศษ")
    assert {c.get("term") for c in weaving.findall(f"{ATOM}category")} == {"extra", "pmqa-1.3", "pmqa-7.5"}


def test_office_feeds_exist_for_offices_with_stories(published):
    office = ET.parse(published / "th-50" / "feed.xml").getroot()
    assert len(office.findall(f"{ATOM}entry")) == 2
    assert not (published / "th-11" / "feed.xml").exists()
    page = soup(published, "th-50/index.html")
    # Linked in the page's text; not as link[rel=alternate], which Material takes for a language
    # version and fetches a sitemap.xml beside (a 404 on every office page).
    assert page.select_one(".moi-count a")["href"] == "feed.xml"
    assert page.find("link", rel="alternate", href="feed.xml") is None


def test_story_has_canonical_url_and_sharing_cards(published):
    page = soup(published, "th-50/pha-thai-jomthong/index.html")
    assert page.find("link", rel="canonical")["href"] == SITE_URL + "th-50/pha-thai-jomthong/"

    def meta(key: str) -> str:
        found = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
        return found["content"]

    assert meta("og:title") == "ผ้าทอมือจอมทองสู่ตลาดออนไลน์ รายได้กลุ่มทอผ้าเพิ่มขึ้นเกือบสามเท่า"
    assert meta("og:type") == "article"
    assert meta("og:description").startswith("จังหวัดเชียงใหม่ร่วมกับพัฒนาการอำเภอจอมทอง")
    image = meta("og:image")
    assert image.startswith(SITE_URL + "th-50/pha-thai-jomthong/weaving-loom-") and image.endswith("-1600.jpg")
    assert (published / image[len(SITE_URL) :]).is_file()
    assert meta("og:image:alt").startswith("ผืนผ้าทอมือ")
    assert meta("twitter:card") == "summary_large_image"
    assert meta("og:url") == SITE_URL + "th-50/pha-thai-jomthong/"


def test_sitemap_uses_story_dates(published):
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}th-50/pha-thai-jomthong/</loc>" in sitemap
    assert "<lastmod>2026-08-15</lastmod>" in sitemap
    assert sitemap.count("<lastmod>") == 16


def test_404_page_is_in_thai(published):
    page = soup(published, "404.html")
    assert page.find("h1").get_text() == "ไม่พบหน้านี้"


def test_font_is_shipped_with_its_licence(published):
    for weight in (400, 700):
        font = published / "assets" / "fonts" / f"sarabun-{weight}.woff2"
        assert font.read_bytes()[:4] == b"wOF2" and font.stat().st_size < 40_000
    # Semi-bold is bold: each weight is one more file before a phone shows the lead photo.
    assert not (published / "assets" / "fonts" / "sarabun-600.woff2").exists()
    assert "SIL Open Font License" in (published / "assets" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    home = (published / "index.html").read_text(encoding="utf-8")
    (linked,) = re.findall(r'<link rel="stylesheet" href="(assets/stylesheets/[^"]+)"', home)
    css = (published / linked).read_text(encoding="utf-8")
    assert 'url("../fonts/sarabun-400.woff2")' in css
    assert "fonts.googleapis" not in home


def test_one_stylesheet_holds_materials_and_the_themes_and_is_named_by_its_content(published):
    """Three render-blocking stylesheets were three requests before the first paint (and over
    HTTP/1.1 three connections); moinext.css was revalidated at every page."""
    home = (published / "index.html").read_text(encoding="utf-8")
    head = home.split("</head>")[0]
    assert len(re.findall(r'rel="stylesheet"', head)) == 1
    (linked,) = re.findall(r'<link rel="stylesheet" href="(assets/stylesheets/site\.([0-9a-f]{10})\.css)"', head)
    css = (published / linked[0]).read_bytes()
    assert linked[1] == digest(css)[:10]
    assert b".md-header" in css and b".moi-card" in css and b"--md-primary-fg-color" in css
    assert b"sourceMappingURL" not in css
    assert sorted(p.name for p in (published / "assets" / "stylesheets").iterdir()) == sorted(
        f"site.{linked[1]}.css{suffix}" for suffix in ("", ".gz", ".br")
    )
    assert cache_control(linked[0]) == IMMUTABLE


def test_english_story_is_marked_english_and_the_site_around_it_thai(published):
    page = soup(published, "dol/same-day-transfer/index.html")
    assert page.html["lang"] == "th"
    article = page.find("article", class_="moi-story")
    for own in (article.h1, article.select_one(".moi-story__summary"), article.select_one(".moi-story__body")):
        assert own["lang"] == "en"
    # The office's Thai name, the Buddhist Era date and the RER badge are the site's Thai (WCAG 3.1.2).
    for thai in (".moi-story__office a", ".moi-story__meta time", ".moi-story__meta .moi-badge"):
        element = article.select_one(thai)
        assert element.find_parent(attrs={"lang": "en"}) is None, thai
    assert soup(published, "th-50/pha-thai-jomthong/index.html").select_one(".moi-story h1")["lang"] == "th"


def test_no_thai_text_is_marked_english_on_any_page(published):
    for path in published.rglob("*.html"):
        for element in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select('[lang="en"]'):
            letters = [c for c in element.get_text() if c.isalpha()]
            thai = sum("\u0e00" <= c <= "\u0e7f" for c in letters)
            assert not letters or thai / len(letters) < 0.2, (path, str(element)[:200])


def test_results_have_a_before_after_chart(published):
    page = soup(published, "th-40/queue-registration/index.html")
    charts = page.select(".moi-results figure.moi-chart")
    assert len(charts) == 2
    first = charts[0]
    # The chart says which indicator it shows, and every row is text a screen reader reads.
    assert first.figcaption.get_text() == "เวลารอคิวเฉลี่ย (นาที)"
    assert first["aria-labelledby"] == first.figcaption["id"]
    rows = [" ".join(s.get_text() for s in li.find_all("span")) for li in first.select("li")]
    assert rows == ["ก่อน 45 นาที", "หลัง 12 นาที"]
    widths = [float(r["width"]) for r in first.find_all("rect")]
    assert widths[0] / widths[1] == pytest.approx(45 / 12, rel=0.02)
    assert all(svg["aria-hidden"] == "true" for svg in first.find_all("svg"))


def test_overview_page_has_charts_with_tables(published):
    page = soup(published, "overview/index.html")
    sections = page.select("section.moi-overview")
    assert [s.h2.get_text() for s in sections] == [
        "จำนวนเรื่องตามหมวด PMQA 4.0",
        "จำนวนเรื่องตามองค์ประกอบ RER",
        "จำนวนเรื่องตามจังหวัด",
        "จำนวนเรื่องตามเดือน",
        "จำนวนเรื่องตามไตรมาสของปีงบประมาณ",
    ]
    rer = sections[1]
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in rer.select("tbody tr")] == [
        ["งานประจำ", "8"],
        ["ภารกิจพิเศษ", "5"],
        ["การสื่อสาร/รายงาน", "3"],
    ]
    assert rer.select_one("figure.moi-chart li").get_text(" ") == "งานประจำ 8 เรื่อง"
    assert rer.figure["aria-label"] == "จำนวนเรื่องตามองค์ประกอบ RER"
    # Provinces have one name across the site: the search filter's, the overview's and stats'.
    provinces = [tr.th.get_text() for tr in sections[2].select("tbody tr")]
    assert provinces[0] == "เชียงใหม่" and not any(p.startswith("จังหวัด") for p in provinces)
    assert indexed_stories(published)["/th-50/pha-thai-jomthong/"]["filters"]["province"] == ["เชียงใหม่"]
    assert "หน่วยงานที่ยังไม่มีเรื่องเล่า" not in page.get_text()  # off unless the PR team turns it on


def test_the_overview_lists_offices_without_stories_only_when_configured(tree):
    tree.story("th-50/a")
    tree.config.write_text(
        tree.config.read_text(encoding="utf-8") + "overview:\n  show_offices_without_stories: true\n", encoding="utf-8"
    )
    assert tree.build().ok
    text = (tree.root / "site" / "overview" / "index.html").read_text(encoding="utf-8")
    assert "หน่วยงานที่ยังไม่มีเรื่องเล่า (2)" in text


def test_bar_chart_scales_and_labels():
    html = bar_chart("Test Chart!", "ชื่อ <กราฟ>", [Bar("ก", 10), Bar("ข", 5), Bar("ค", 0)], unit="ครั้ง")
    chart = BeautifulSoup(html, "html.parser").figure
    assert chart["id"] == "test-chart"
    assert chart.figcaption.get_text() == "ชื่อ <กราฟ>"
    widths = [float(r["width"]) for r in chart.find_all("rect")]
    assert widths == [100, 50, 0]
    assert [li.select_one(".moi-chart__value").get_text() for li in chart.select("li")] == ["10 ครั้ง", "5 ครั้ง", "0 ครั้ง"]
    # A label is never shortened: the row wraps it (PMQA names were cut off in the old SVG chart).
    long_name = "หมวด 3 การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"
    assert long_name in bar_chart("x", "x", [Bar(long_name, 1)])
    unnamed = BeautifulSoup(bar_chart("x", "ชื่อ", [Bar("ก", 1)], caption=False), "html.parser").figure
    assert unnamed.figcaption is None and unnamed["aria-label"] == "ชื่อ"


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_the_same_content_builds_byte_identical_files(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    first = pipeline.build(content, EXAMPLE_CONFIG, tmp_path / "a", cache_dir=tmp_path / "cache-a")
    # The second takes its photos and fonts from the example's build (seed_cache): encoded by
    # another build than the first's, so they too are compared, without encoding them a third time.
    seed_cache(tmp_path / "cache-b")
    second = pipeline.build(content, EXAMPLE_CONFIG, tmp_path / "b", cache_dir=tmp_path / "cache-b")
    assert first.ok and second.ok
    a, b = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert a.keys() == b.keys()  # the search index's included
    changed = sorted(k for k in a if a[k] != b[k])
    assert changed == []
    assert len(a) > 250


def test_overview_map_colours_provinces_by_stories_and_links_their_pages(published):
    page = soup(published, "overview/index.html")
    figure = page.select_one("section.moi-overview figure.moi-map")
    svg = figure.svg
    assert svg["role"] == "group" and svg["aria-labelledby"] == figure.figcaption["id"]
    # All 77 provinces are drawn; each is named with its count, in Thai, for screen readers.
    shapes = svg.select(".moi-map__province")
    assert len(shapes) == 77
    chiang_mai = svg.find("a", attrs={"aria-label": re.compile("^เชียงใหม่: ")})
    assert chiang_mai["href"] == "../th-50/"
    assert (published / "th-50" / "index.html").exists()
    counted = int(chiang_mai["aria-label"].split(": ")[1].split()[0])
    table = {tr.th.get_text(): tr.td.get_text() for tr in page.select("#by-province-heading ~ details tbody tr")}
    assert counted == int(table["เชียงใหม่"]) > 0
    # The darkest shade is the province with most stories; a province without any is the lightest.
    levels = {a["aria-label"].split(":")[0]: a.path["class"][1] for a in svg.find_all("a")}
    top = max(table, key=lambda name: int(table[name]))
    legend = [li.get_text() for li in figure.select(".moi-map__legend li")]
    assert levels[top] == f"moi-map__province--{len(legend) - 1}"
    assert levels["ยะลา"] == "moi-map__province--0" and "ยะลา" not in table
    # The legend says in words what each shade means; the outlines' licence is credited.
    assert legend[0] == "ยังไม่มีเรื่อง" and legend[-1].endswith(f"{table[top]} เรื่อง")
    assert figure.select_one(".moi-map__credit a[rel=license]").get_text() == "CC BY 4.0"


def test_map_shades_split_the_counts_evenly():
    assert [(s.low, s.high) for s in shades(0)] == [(0, 0)]
    assert [(s.low, s.high) for s in shades(3)] == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert [(s.low, s.high) for s in shades(10)] == [(0, 0), (1, 3), (4, 6), (7, 9), (10, 10)]
    assert shades(10)[1].label == "1–3 เรื่อง"


def test_month_chart_shows_months_without_stories(tree):
    tree.story("th-50/a", GOOD_FRONT.replace("2024-06-22", "2024-01-10"))
    tree.story("th-50/b", GOOD_FRONT.replace("2024-06-22", "2024-04-02"))
    assert tree.build().ok
    page = BeautifulSoup((tree.root / "site" / "overview" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = [li.get_text(" ") for li in page.select("#by-month li")]
    assert rows == ["ม.ค. 2567 1 เรื่อง", "ก.พ. 2567 0 เรื่อง", "มี.ค. 2567 0 เรื่อง", "เม.ย. 2567 1 เรื่อง"]
    # And by the fiscal year's quarters, as the ministry reports (Jan is Q2, Apr Q3 of 2567).
    quarters = [li.get_text(" ") for li in page.select("#by-fiscal-quarter li")]
    assert quarters == ["ไตรมาส 2/2567 1 เรื่อง", "ไตรมาส 3/2567 1 เรื่อง"]
    tree.story("th-50/c", GOOD_FRONT.replace("2024-06-22", "2024-10-01"))  # fiscal 2568 begins
    assert tree.build().ok
    page = BeautifulSoup((tree.root / "site" / "overview" / "index.html").read_text(encoding="utf-8"), "html.parser")
    quarters = [li.get_text(" ") for li in page.select("#by-fiscal-quarter li")]
    assert quarters[-2:] == ["ไตรมาส 4/2567 0 เรื่อง", "ไตรมาส 1/2568 1 เรื่อง"]


def test_a_long_listing_shows_a_window_of_page_numbers(tmp_path):
    # 130 more stories: the archive has seven pages of 24. The pager shows the first, the last and two on
    # each side of the current page; at 10,000 stories every archive page once listed all 410.
    from generator.site.plan import pager_numbers

    assert pager_numbers(200, 410) == [1, 0, 198, 199, 200, 201, 202, 0, 410]
    assert pager_numbers(1, 7) == [1, 2, 3, 0, 7] and pager_numbers(4, 7) == [1, 2, 3, 4, 5, 6, 7]
    assert pager_numbers(5, 10) == [1, 2, 3, 4, 5, 6, 7, 0, 10]  # one page left out is shown, not "…"
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    for n in range(130):
        folder = content / "th-50" / f"extra-{n:03d}"
        folder.mkdir()
        day = f"2024-01-{n % 28 + 1:02d}"
        (folder / "index.md").write_text(
            f"---\n{GOOD_FRONT.replace('ทอผ้าไทย', f'เรื่องที่ {n}').replace('2024-06-22', day)}---\n\nเนื้อหา\n",
            encoding="utf-8",
        )
    seed_cache(tmp_path / "cache")
    result = pipeline.build(content, EXAMPLE_CONFIG, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert result.ok, result.problems[:3]
    archive = tmp_path / "site" / "stories"
    assert len(list(archive.glob("page/*/index.html"))) == 6
    first = (archive / "index.html").read_text(encoding="utf-8")
    pager = re.search(r'<nav class="moi-pager".*?</nav>', first, re.S).group(0)
    shown = re.findall(r">(\d+|…)</", pager)
    assert shown == ["1", "2", "3", "…", "7"] and '<span aria-current="page">1</span>' in pager
    assert 'href="page/7/"' in pager


def test_the_pages_a_thai_government_site_must_carry_are_there_in_thai(published):
    """DGA's website standard: contact and address, privacy notice, website policy, accessibility
    statement, a sitemap page, and ศูนย์ดำรงธรรม 1567; all from site_config, all in Thai."""
    expected = {
        "about/contact/": "ติดต่อเรา",
        "about/privacy/": "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
        "about/website-policy/": "นโยบายเว็บไซต์",
        "about/accessibility/": "การเข้าถึงเว็บไซต์",
        "about/sitemap/": "แผนผังเว็บไซต์",
    }
    for path, title in expected.items():
        page = soup(published, path + "index.html")
        assert page.h1.get_text() == title
        assert page.html["lang"] == "th"
    contact = soup(published, "about/contact/index.html").get_text()
    assert "กองสารนิเทศ" in contact and "10200" in contact and "1567" in contact
    sitemap = soup(published, "about/sitemap/index.html")
    targets = {a["href"] for a in sitemap.select(".md-content a")}
    assert {"../../offices/", "../../tags/", "../../about/privacy/", "../../pmqa/7/"} <= targets
    for target in targets:
        if not target.startswith(("http", "#")):
            assert (published / "about/sitemap" / target).resolve().exists(), target
    # Every page's footer names the unit, its address, the complaint channel and the pages above.
    for path in ("index.html", "th-50/pha-thai-jomthong/index.html", "tags/index.html"):
        footer = soup(published, path).select_one(".moi-footer")
        assert "ถนนอัษฎางค์" in footer.get_text() and "1567" in footer.get_text(), path
        assert len(footer.select(".moi-footer__links a")) == 5
    # A takedown contact on every story page.
    story = soup(published, "th-50/pha-thai-jomthong/index.html")
    assert story.select_one(".moi-story__takedown a")["href"] == "../../about/contact/"


def test_the_home_page_title_is_thai_and_the_main_tabs_say_what_they_are_in_thai(published):
    home = soup(published, "index.html")
    assert home.select_one(".moi-hero h1").get_text() == "ก้าวต่อไป มท. เปลี่ยนแปลงสู่สิ่งที่ดีขึ้น"
    assert home.select_one(".moi-hero__kicker span")["lang"] == "en"
    tabs = [a.get_text(" ", strip=True) for a in home.select(".md-tabs__link")]
    assert "องค์ประกอบงาน RER" in tabs and "เกณฑ์ PMQA 4.0" in tabs

"""The built site: what each page shows, and a build that never loses anything."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE_CONTENT, GOOD_FRONT, copy_example
from generator import pipeline
from generator.content.coverage import group_stories
from generator.content.registry import validate_registry
from generator.content.sanitise import sanitise
from generator.site.plan import _offices_page
from generator.thai.words import WORD_JOINER


def page(site: Path, url: str) -> BeautifulSoup:
    """The page's HTML without word joiners (they keep Thai words whole at line ends)."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html.replace(WORD_JOINER, ""), "html.parser")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- the example site ----------------------------------------------------------------------------


def test_example_content_meets_the_contract():
    import yaml

    stories = [p for p in EXAMPLE_CONTENT.glob("*/*/index.md")]
    metas = [yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1]) for p in stories]
    published = [m for m in metas if not m.get("draft")]
    assert len(published) >= 15
    assert len({p.parent.parent.name for p in stories}) >= 6
    assert {m["rer"] for m in published} == {"routine", "extra", "report"}
    assert {str(c).split(".")[0] for m in published for c in m["pmqa"]} == set("1234567")
    assert any(m.get("results") for m in published) and any(m.get("photos") for m in published)
    offices = {p.parent.parent.name for p in stories}
    assert any(o.startswith("th-") for o in offices) and any(o.startswith("ops-") for o in offices)


def test_story_page_shows_everything(example_site):
    soup = page(example_site, "th-40/queue-registration")
    article = soup.select_one("article.moi-story")
    assert article.h1.get_text() == "ลดเวลารอคิวงานทะเบียนราษฎรจาก 45 นาทีเหลือ 12 นาที"
    office = article.select_one(".moi-story__office a")
    assert office.get_text() == "จังหวัดขอนแก่น" and office["href"] == "../"
    time = article.select_one(".moi-story__meta time")
    assert time.get_text() == "20 มีนาคม 2569" and time["datetime"] == "2026-03-20"
    badge = article.select_one(".moi-badge--routine")
    assert badge.get_text() == "งานประจำ" and badge["href"] == "../../rer/routine/"
    chips = [(a["href"], a.strong.get_text()) for a in article.select(".moi-chips a")]
    assert chips == [("../../pmqa/6/", "PMQA 6.2"), ("../../pmqa/3/", "PMQA 3.3")]
    assert article.select_one(".moi-story__summary").get_text().startswith("สำนักทะเบียนอำเภอเมืองขอนแก่น")
    assert "LINE Official Account" in article.select_one(".moi-story__body").get_text()
    groups = [[c.get_text() for c in body.find_all(["th", "td"])] for body in article.select(".moi-results tbody")]
    assert groups[0] == ["เวลารอคิวเฉลี่ย", "45 นาที", "12 นาที", "−73%"]
    tags = [t.get_text() for t in article.select(".moi-tag")]
    assert tags == ["#งานทะเบียน", "#บัตรประจำตัวประชาชน", "#ลดขั้นตอน"]
    figure = article.select_one(".moi-story__lead")
    assert "ช่องที่ 1" in figure.figcaption.get_text()
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("สำนักทะเบียน")
    assert soup.html["lang"] == "th"


def test_every_img_has_alt_width_and_height_and_its_file_exists(example_site):
    for html in example_site.rglob("index.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select("article img, .moi-grid img"):
            assert img.get("alt"), html
            assert img.get("width") and img.get("height"), html
            assert (html.parent / img["src"]).resolve().is_file(), (html, img["src"])


def test_listing_pages_newest_first(example_site):
    soup = page(example_site, "rer/routine")
    dates = [t["datetime"] for t in soup.select(".moi-card time")]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 5
    assert all(a.get_text() == "งานประจำ" for a in soup.select(".moi-card .moi-badge"))
    pmqa6 = page(example_site, "pmqa/6")
    titles = [a.get_text() for a in pmqa6.select(".moi-card__title a")]
    # 6.2 counts under category 6
    assert "ลดเวลารอคิวงานทะเบียนราษฎรจาก 45 นาทีเหลือ 12 นาที" in titles
    office = page(example_site, "th-50")
    assert office.h1.get_text() == "จังหวัดเชียงใหม่"
    assert len(office.select(".moi-card")) == 3  # its two, and its district th-5001's
    empty = page(example_site, "th-11")
    assert "ยังไม่มีเรื่องเล่า" in empty.get_text()


def test_home_page_has_featured_latest_and_counts(example_site):
    soup = page(example_site, ".")
    featured = soup.select("section[aria-labelledby=moi-featured] .moi-card")
    assert len(featured) == 3 and all("moi-card--featured" in c["class"] for c in featured)
    stats = {li.get_text(" ", strip=True).split()[1]: li.strong.get_text() for li in soup.select(".moi-stats li")}
    assert stats["เรื่องเล่า"] == "16"
    assert "RER" in soup.get_text() and "PMQA 4.0" in soup.get_text()


def test_nav_holds_sections_only(example_site):
    soup = page(example_site, "th-40/queue-registration")
    links = {a["href"] for a in soup.select("nav.md-nav--primary a")}
    assert not any("queue-registration" in href for href in links)
    assert any(href.endswith("rer/routine/") for href in links)


def test_drafts_stay_out_unless_asked(example_site, tree):
    assert not (example_site / "th-40" / "new-budget-dashboard").exists()
    tree.story("th-50/draft", GOOD_FRONT + "draft: true\n")
    tree.story("th-50/future", GOOD_FRONT.replace("2024-06-22", "2099-01-01"))
    tree.story("th-50/today", GOOD_FRONT)
    result = tree.build(today=dt.date(2024, 6, 22))
    assert result.ok and result.stories == 1
    site = tree.root / "site"
    assert not (site / "th-50" / "draft").exists() and not (site / "th-50" / "future").exists()
    result = tree.build(drafts=True, today=dt.date(2024, 6, 22))
    assert result.stories == 3 and (site / "th-50" / "future" / "index.html").is_file()


def test_thai_heading_anchors_survive(tree):
    tree.story("th-50/a", body="## ข่าว\n\nก\n\n## ข้าว\n\nข\n\n## ขาว\n\nค\n")
    assert tree.build().ok
    soup = page(tree.root / "site", "th-50/a")
    ids = [h["id"] for h in soup.select(".moi-story__body h2")]
    assert ids == ["ข่าว", "ข้าว", "ขาว"]


def test_a_body_shows_its_own_photo_and_its_headings_make_the_table_of_contents(tree):
    tree.photo("th-50/a/p.jpg")
    front = GOOD_FRONT + "photos:\n  - file: p.jpg\n    alt: ภาพ\n"
    tree.story("th-50/a", front, body="## ที่มา\n\nก\n\n![กี่ทอผ้า](p.jpg)\n\n### รายละเอียด\n\nข\n")
    assert tree.build().ok
    soup = page(tree.root / "site", "th-50/a")
    image = soup.select_one(".moi-story__body img")
    assert image["alt"] == "กี่ทอผ้า"
    assert (tree.root / "site/th-50/a" / image["src"]).is_file()  # a published variant, beside the page
    toc = [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary .md-nav__link")]
    assert toc[:2] == ["ที่มา", "รายละเอียด"]


def test_office_html_the_cleaning_would_change_stops_the_build(tree):
    tree.story("th-50/a", body='ข้อความ <form action="/x"><input></form> <u>ok</u>\n')
    result = tree.build()
    assert not result.ok
    assert {p.code for p in result.problems} == {"body.removed"}
    assert not (tree.root / "site").exists()


def test_office_text_is_escaped_and_sanitised(tree):
    front = GOOD_FRONT.replace("title: ทอผ้าไทย", "title: '<b>ตัวหนา</b> & <script>x</script>'")
    tree.story("th-50/a", front, body="[ลิงก์](data:text/html,hi) <u>ok</u> <b>หนา</b>\n")
    result = tree.build()
    assert result.ok, result.problems
    html = (tree.root / "site" / "th-50" / "a" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x</script>" not in html
    head = BeautifulSoup(html, "html.parser")
    assert head.title.get_text().startswith("<b>ตัวหนา</b> & <script>x</script>")
    body = BeautifulSoup(html, "html.parser").select_one(".moi-story__body")
    assert body.find("a") is None  # markdown-it refuses a data: link: it stays visible text
    assert "[ลิงก์](data:text/html,hi)" in body.get_text()
    assert body.find("u").get_text() == "ok"


@pytest.mark.parametrize(
    "html",
    [
        '<img src="x" onerror="alert(1)">',
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="https://example.org"></iframe>',
        '<svg onload="alert(1)"></svg>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_sanitiser_removes_anything_that_runs_script(html):
    cleaned = sanitise(html).lower()
    for needle in ("onerror", "<script", "javascript:", "<iframe", "onload", "style="):
        assert needle not in cleaned


def test_sanitiser_keeps_what_markdown_makes():
    html = (
        '<h2 id="ผล">ผล</h2>'
        '<div class="admonition note"><p class="admonition-title">Note</p></div>'
        '<table><thead><tr><th style="text-align:left">a</th></tr></thead></table>'
        '<p>x<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup></p>'
        '<pre><code class="language-python">print(1)</code></pre>'
    )
    assert sanitise(html) == html.replace('id="fnref1"', 'id="fnref1" rel="noopener noreferrer"')


# --- nothing is lost -----------------------------------------------------------------------------


def test_a_failed_build_leaves_the_previous_site_byte_identical(tree):
    tree.story("th-50/a")
    assert tree.build().ok
    site = tree.root / "site"
    before = tree_digest(site)
    tree.story("th-50/b", GOOD_FRONT.replace("rer: extra", "rer: extras"))
    result = tree.build()
    assert not result.ok
    assert tree_digest(site) == before
    assert not list(tree.root.glob(".site.building-*"))


def test_a_failure_inside_mkdocs_also_keeps_the_previous_site(tree, monkeypatch):
    tree.story("th-50/a")
    assert tree.build().ok
    site = tree.root / "site"
    before = tree_digest(site)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("generator.site.render.run.mkdocs_build", explode)
    tree.story("th-50/a", body="เนื้อเรื่องที่แก้แล้ว\n")  # a page to render (site/stale.py)
    result = tree.build()
    assert not result.ok
    assert [p.code for p in result.problems] == ["build.failed"]
    assert "disk full" in result.problems[0].message()
    assert tree_digest(site) == before
    whole = tree.build(full=True)  # the same in a build that renders every page
    assert [p.code for p in whole.problems] == ["build.failed"] and tree_digest(site) == before


def test_build_never_writes_inside_content(tree):
    tree.photo("th-50/a/p.jpg")
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: p.jpg\n    alt: ภาพ\n")
    before = tree_digest(tree.content)
    assert tree.build().ok
    assert tree_digest(tree.content) == before


def test_build_refuses_to_replace_a_folder_it_did_not_build(tree):
    tree.story("th-50/a")
    precious = tree.root / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    result = tree.build(out=precious)
    assert not result.ok and "was not built by moinext" in result.problems[-1].message()
    assert (precious / "thesis.docx").read_text() == "years of work"
    result = tree.build(out=tree.content / "site")
    assert not result.ok and "overlaps the content folder" in result.problems[-1].message()


def test_thai_headings_and_cards_keep_words_whole_at_line_ends(example_site):
    html = (example_site / "th-50/pha-thai-jomthong/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    summary = soup.select_one(".moi-story__summary")
    # ICU would allow a line break inside ครัวเรือน and รายได้: each is kept on one line by an
    # element, and nothing invisible is copied with the text (the word joiner was).
    assert "ครัวเรือน" in [w.get_text() for w in summary.select(".moi-w")]
    assert "รายได้" in [w.get_text() for w in soup.select("article.moi-story h1 .moi-w")]
    assert WORD_JOINER not in html
    card = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert card.select(".moi-card__title a .moi-w")


def test_build_writes_nothing_into_the_working_directory(tree, tmp_path, monkeypatch):
    tree.story("th-50/a")
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    assert tree.build().ok
    assert list(cwd.iterdir()) == []  # the indexer once also wrote ./pagefind here
    assert (tree.root / "site" / "search" / "parts.json").is_file()


def test_photo_captions_cannot_inject_html_into_the_lightbox(tree):
    tree.photo("th-50/a/p.jpg")
    tree.photo("th-50/a/q.jpg")
    caption = "<img src=x onerror=alert(1)> & ผ้า"
    tree.story(
        "th-50/a",
        GOOD_FRONT + f"photos:\n  - file: p.jpg\n    alt: ภาพ\n    caption: '{caption}'\n"
        f"  - file: q.jpg\n    alt: ภาพสอง\n    caption: '{caption}'\n",
    )
    assert tree.build().ok
    html = (tree.root / "site/th-50/a/index.html").read_text(encoding="utf-8")
    links = BeautifulSoup(html, "html.parser").select("a.glightbox")
    assert len(links) == 2
    for link in links:
        # What GLightbox reads from the DOM (and puts into innerHTML) is still escaped text.
        assert link["data-description"] == "&lt;img src=x onerror=alert(1)&gt; &amp; ผ้า"
    assert "<img src=x" not in html


def test_archive_tags_province_related_and_sequence(tree):
    registry = tree.content / "offices.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "  - id: th-5002\n    name_th: อำเภอจอมทอง\n    kind: district\n    parent: th-50\n    province: TH-50\n",
        encoding="utf-8",
    )
    for n, (path, day) in enumerate(
        [("th-50/a", "2024-01-01"), ("th-50/b", "2024-02-01"), ("th-5002/c", "2024-03-01")]
    ):
        front = GOOD_FRONT.replace("date: 2024-06-22", f"date: {day}").replace("ทอผ้าไทย", f"เรื่อง {n}")
        tree.story(path, front + "tags: [ผ้าไทย]\n")
    assert tree.build().ok
    site = tree.root / "site"
    archive = [a.get_text() for a in page(site, "stories").select(".moi-card__title a")]
    assert len(archive) == 3
    tagged = page(site, "tags/ผ้าไทย").select(".moi-card__title a")
    assert len(tagged) == 3
    province = [a.get_text() for a in page(site, "th-50").select(".moi-card__title a")]
    assert any("เรื่อง 2" in t for t in province)  # its district's story too
    story = page(site, "th-50/b")
    assert story.select_one(".moi-tags a")["href"].endswith("tags/ผ้าไทย/")
    assert story.select_one("a[rel=prev]").get_text().strip().startswith("←")
    assert len(story.select(".moi-related__list li")) == 2
    assert [a["data-share"] for a in story.select(".moi-share a")] == ["LINE", "Facebook", "X"]


def test_home_title_is_the_site_name_once_and_the_toc_names_the_pages_own_sections(example_site):
    home = page(example_site, "")
    assert home.title.get_text() == "MOI Next – Change for Good"
    story = page(example_site, "th-50/pha-thai-jomthong")
    toc = [a["href"] for a in story.select(".md-sidebar--secondary a.md-nav__link")]
    assert "#moi-results-heading" in toc and "#moi-gallery-heading" in toc
    assert story.select_one(".moi-results table th[scope=rowgroup]") is not None


def test_the_offices_page_groups_provinces_by_the_named_scheme_and_hides_offices_without_stories(example_site):
    offices = page(example_site, "offices")
    headings = [h.get_text() for h in offices.select("h2")]
    assert "จังหวัด · ภาคเหนือ" in headings and "จังหวัด · ภาคใต้ชายแดน" in headings
    north = offices.find("h2", string="จังหวัด · ภาคเหนือ")
    shown = [a.get_text() for a in north.find_next_sibling("ul").select("a")]
    assert shown == ["จังหวัดเชียงใหม่"]  # the only northern province with a story
    # The public is not shown who has not written (site_config's overview setting, off by default).
    assert offices.select("details.moi-directory__empty") == []
    assert "ราชกิจจานุเบกษา 17 พฤศจิกายน 2560" in offices.get_text()


def test_the_directory_lists_provinces_in_thai_dictionary_order_and_bangkok_apart():
    registry, problems = validate_registry(EXAMPLE_CONTENT / "offices.yml", EXAMPLE_CONTENT)
    assert registry is not None and not problems
    view = _offices_page(registry, group_stories([]), show_without=True).view
    groups = dict(view.groups)
    north = [e.label for e in groups["จังหวัด · ภาคเหนือ"]]
    assert north[:3] == ["จังหวัดกำแพงเพชร", "จังหวัดเชียงราย", "จังหวัดเชียงใหม่"]
    assert north[-3:] == ["จังหวัดสุโขทัย", "จังหวัดอุตรดิตถ์", "จังหวัดอุทัยธานี"]
    assert north.index("จังหวัดแพร่") < north.index("จังหวัดลำปาง")  # แพร่ under พ, not after ฮ
    # นครปฐม and สมุทรสาคร are central, not western (no grouping follows the code's first digit).
    central = [e.label for e in groups["จังหวัด · ภาคกลาง"]]
    assert "จังหวัดนครปฐม" in central and "จังหวัดสมุทรสาคร" in central
    assert [e.label for e in groups["ท้องถิ่นในการกำกับดูแล"]] == ["กรุงเทพมหานคร"]
    assert all("กรุงเทพมหานคร" not in [e.label for e in entries] for h, entries in view.groups if h.startswith("จังหวัด"))


@pytest.mark.parametrize(
    "svg, what",
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'onload="…"'),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            '<image x:href="https://evil.example/t.png"/></svg>',
            "<image>",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://e.example/a)"/></svg>', "style="),
        ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "<!DOCTYPE>"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "<foreignObject>"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://e.example/a.css";</style></svg>', "<style>"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><style>a{fill:url( https://e.example/a)}</style></svg>', "<style>"),
        ("<svg", "broken XML"),
    ],
)
def test_an_svg_logo_that_could_run_or_fetch_anything_is_refused(tree, svg, what):
    # The logo is published as it is and can be opened by its address, where a script runs as the site.
    (tree.content / "logo.svg").write_text(svg, encoding="utf-8")
    tree.config.write_text(tree.config.read_text(encoding="utf-8") + "appearance:\n  logo: logo.svg\n")
    problems = tree.check().problems
    assert [p.code for p in problems] == ["config.logo_file"]
    assert what in problems[0].message()
    assert not tree.build().ok


def test_the_shipped_example_logo_is_accepted_and_decorative(example_site):
    home = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    logo = home.select_one(".md-logo img")
    assert logo["alt"] == ""  # inside the link named after the site; Material's alt was the English "logo"


def test_logo_and_colours_come_from_site_config(tree):
    tree.story("th-50/a")
    (tree.content / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    config = tree.config.read_text(encoding="utf-8")
    tree.config.write_text(config + "appearance:\n  primary: teal\n  accent: orange\n  logo: logo.svg\n")
    assert tree.build().ok
    home = page(tree.root / "site", "")
    assert home.body["data-md-color-primary"] == "teal"
    logo = home.select_one(".md-header__button.md-logo img")
    assert logo["src"].endswith("assets/logo.svg") and (tree.root / "site/assets/logo.svg").is_file()
    tree.config.write_text(config + "appearance:\n  logo: missing.png\n  primary: tael\n")
    codes = {p.code for p in tree.check().problems}
    assert codes == {"field.choice"}  # a colour not in Material's list, with a suggestion
    tree.config.write_text(config + "appearance:\n  logo: missing.png\n")
    assert [p.code for p in tree.check().problems] == ["config.logo_file"]


def test_a_former_address_sends_readers_on_to_the_story(tmp_path: Path) -> None:
    """aliases: a story renamed or moved keeps its old links (shared on LINE and Facebook) working:
    a page at each former address, with no script, that leads to the story."""
    content, config = copy_example(tmp_path)
    story = content / "th-50/damrongdham-15-days/index.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(
        text.replace("\nrer:", "\naliases: [/th-50/old-name/, th-10/moved-here]\nrer:", 1), encoding="utf-8"
    )
    out = tmp_path / "site"
    assert pipeline.build(content, config, out, today=dt.date(2026, 11, 24)).ok
    target = "../../th-50/damrongdham-15-days/"
    for former in ("th-50/old-name", "th-10/moved-here"):
        page = BeautifulSoup((out / former / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
        assert page.find("link", rel="canonical")["href"] == target and page.find("script") is None
        assert (out / former / target / "index.html").resolve().is_file()
    assert "old-name" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    # And a permanent redirect for nginx (tests/browser/test_nginx.py runs the rules).
    rules = (out / ".moinext-nginx.conf").read_text(encoding="utf-8")
    assert 'location = "/th-50/old-name/"' in rules and "return 301 /th-50/damrongdham-15-days/;" in rules


def test_former_addresses_that_are_taken_or_nowhere_are_refused_at_their_line(tmp_path: Path) -> None:
    content, config = copy_example(tmp_path)
    story = content / "th-50/damrongdham-15-days/index.md"
    text = story.read_text(encoding="utf-8")
    line = text.split("\nrer:")[0].count("\n") + 2  # the aliases line
    other = next(p.parent.name for p in sorted((content / "th-50").glob("*/index.md")) if p != story)

    def found(aliases: str) -> list[tuple[str, int]]:
        story.write_text(text.replace("\nrer:", f"\naliases: [{aliases}]\nrer:", 1), encoding="utf-8")
        return sorted(
            (p.code, p.line) for p in pipeline.check(content, config).problems if p.field.startswith("aliases")
        )

    assert found(f"{other}, nowhere-office/x, damrongdham-15-days") == [
        ("story.alias_office", line),
        ("story.alias_own", line),
        ("story.alias_taken", line),
    ]
    assert found("Bad Name") == [("story.alias_shape", line)]
    assert found("old-name") == []


def test_files_with_the_same_bytes_are_compressed_at_once(tmp_path: Path) -> None:
    """Two redirect pages of one story are byte for byte the same: both threads wrote the cache
    entry through one temporary name (named by the process only), and the second rename failed."""
    from generator.site.compress import precompress

    site = tmp_path / "site"
    names = [f"old-{n}/index.html" for n in range(64)]
    for name in names:
        (site / name).parent.mkdir(parents=True)
        (site / name).write_text("<p>เรื่องนี้ย้ายไปที่</p>" * 40, encoding="utf-8")
    for _ in range(3):
        cache = tmp_path / f"cache-{_}"
        assert precompress(site, cache, None, names) == len(names)
        assert all((site / f"{name}.br").is_file() and (site / f"{name}.gz").is_file() for name in names)
        for name in names:
            for suffix in (".br", ".gz"):
                (site / f"{name}{suffix}").unlink()

"""End to end: the built example site loads nothing from elsewhere and passes axe-core."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "story": "th-50/pha-thai-jomthong/",
    "office": "th-40/",
    "overview": "overview/",
    "listing": "pmqa/6/",
    "english story": "dol/same-day-transfer/",
    "search open": "?q=ผ้าไทย",
}


def test_no_request_leaves_the_site(page, site_url):
    """Every request of the home page, a story, an office page, the overview and a search."""
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for path in PAGES.values():
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(site_url + "?q=ผ้าไทย")
    page.wait_for_selector(".moi-search .md-search-result__item")
    page.wait_for_load_state("networkidle")
    local = urlsplit(site_url).netloc
    print(f"\nnetwork log: {len(requests)} requests")
    for url in requests:
        print("  ", url)
    outside = [
        url for url in requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != local
    ]
    assert outside == []
    assert failed == []  # nothing the pages ask for is missing (an office page asked for th-40/sitemap.xml)
    assert any(url.endswith(".woff2") for url in requests)  # the shipped Thai font is used
    assert any("/search/" in url for url in requests)
    assert page.errors == []


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_accessibility_violations(browser, site_url, name):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from the npm registry")
    # axe is injected as an inline script, which the site's policy (rightly) blocks.
    page = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    if "q=" in PAGES[name]:
        page.wait_for_selector(".moi-search .md-search-result__item")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', "
        "'best-practice']}})"
    )
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    print(
        f"\naxe-core {result['testEngine']['version']} on {name}: {len(result['passes'])} rules passed, "
        f"{len(violations)} violated"
    )
    for violation in violations:
        print("  ", json.dumps(violation, ensure_ascii=False))
    assert violations == []


def test_headings_are_in_order_and_images_have_alt(page, site_url):
    for path in PAGES.values():
        page.goto(site_url + path)
        levels = page.evaluate(
            "() => Array.from(document.querySelectorAll('article h1, article h2, article h3, article h4, "
            ".md-content h1, .md-content h2, .md-content h3, .md-content h4'))"
            ".filter(h => h.offsetParent !== null).map(h => +h.tagName[1])"
        )
        assert levels and levels[0] == 1, path
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)
        missing = page.evaluate("() => Array.from(document.images).filter(i => !i.hasAttribute('alt')).length")
        assert missing == 0, path


def test_the_site_is_usable_by_keyboard(page, site_url):
    page.goto(site_url)
    page.keyboard.press("Tab")  # Material's skip link comes first
    assert (
        "ข้าม" in page.evaluate("document.activeElement.textContent")
        or page.evaluate("document.activeElement.tagName") == "A"
    )
    for _ in range(40):  # tab through to a story card's link and follow it
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.count("/") >= 2 and page.evaluate("!!document.activeElement.closest('.moi-card__title')"):
            break
    else:
        pytest.fail("no story link reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("article.moi-story")
    assert page.locator("article.moi-story h1").is_visible()


def test_phone_layout_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    for path in PAGES.values():
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
    context.close()


def test_every_results_value_is_on_a_phone_screen_and_each_change_in_its_own_measure(browser, site_url):
    """A rate, a clock time and a six-digit count (ddpm/drought-daily-report) on a 360 px phone:
    every value and change is on screen without a sideways scroll (issue 28)."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + "ddpm/drought-daily-report/")
    cells = page.evaluate(
        """() => [...document.querySelectorAll('.moi-results tbody td, .moi-results tbody th')].map(e => {
            const box = e.getBoundingClientRect();
            return {text: e.innerText.trim(), left: box.left, right: box.right,
                    clipped: e.scrollWidth > e.clientWidth + 1};
        })"""
    )
    assert len(cells) == 4 * 4
    for cell in cells:
        assert cell["left"] >= 0 and cell["right"] <= 360 and not cell["clipped"], cell
    texts = [cell["text"] for cell in cells]
    clock = texts[texts.index("เวลาที่รายงานภาพรวมพร้อม") + 3]
    rate = texts[texts.index("อำเภอที่รายงานทันเวลา") + 3]
    count = texts[texts.index("ประชาชนที่ได้รับน้ำอุปโภคบริโภค") + 1 : texts.index("ประชาชนที่ได้รับน้ำอุปโภคบริโภค") + 4]
    assert clock == "−6 ชม." and "%" not in clock
    assert rate == "+35.5 จุด"
    assert count == ["85,000 คน", "214,500 คน", "+152%"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.parametrize("name", ["home", "story", "overview"])
def test_axe_finds_no_contrast_failure_in_the_dark_palette(browser, site_url, name):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from the npm registry")
    for width in (360, 1280):
        context = browser.new_context(
            locale="th-TH", viewport={"width": width, "height": 900}, color_scheme="dark", bypass_csp=True
        )
        page = context.new_page()
        page.goto(site_url + PAGES[name])
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {runOnly: ['color-contrast']})")
        failures = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
        context.close()
        assert failures == [], (width, failures)


def test_chart_and_map_text_is_readable_on_a_phone(browser, site_url):
    # The old charts were SVG drawn 640 wide: on a phone their labels shrank to 6-8 px and long
    # PMQA names were cut off. Every label and value is now text at least 12 px tall, whole, on screen.
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    for path in ("overview/", "th-40/queue-registration/"):
        page.goto(site_url + path)
        texts = page.evaluate(
            """() => [...document.querySelectorAll(
                '.moi-chart__title, .moi-chart__label, .moi-chart__value, .moi-map__legend li')].map(e => {
                const box = e.getBoundingClientRect();
                return {text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize),
                        left: box.left, right: box.right, clipped: e.scrollWidth > e.clientWidth + 1};
            })"""
        )
        assert texts, path
        for text in texts:
            assert text["size"] >= 12, (path, text)
            assert text["left"] >= 0 and text["right"] <= 360 and not text["clipped"], (path, text)
    page.goto(site_url + "overview/")
    assert any("การให้ความสำคัญกับผู้รับบริการ" in t for t in page.locator(".moi-chart__label").all_inner_texts())
    width = page.evaluate("document.querySelector('.moi-map__svg').getBoundingClientRect().width")
    assert 250 <= width <= 360
    context.close()


def test_share_links_carry_this_pages_address_without_loading_anything_else(page, site_url):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "th-50/pha-thai-jomthong/")
    page.wait_for_load_state("networkidle")
    line = page.get_attribute(".moi-share a[data-share=LINE]", "href")
    assert line.startswith("https://social-plugins.line.me/lineit/share?url=")
    assert "th-50%2Fpha-thai-jomthong" in line
    assert all(r.startswith(site_url) for r in requests)  # no share script of LINE or Facebook


def test_the_palette_follows_the_readers_dark_setting(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_url)
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert errors == []
    context.close()


def test_the_palette_follows_the_setting_after_a_visit_in_the_other(browser, site_url):
    # A phone that turns dark at night: the browser remembers the palette of the first visit,
    # and that must be "as the system is set", not "light".
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "overview/")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # The reader's own choice still wins: the switch goes to light, then dark, then back to automatic.
    page.click("form[data-md-component=palette] label[for]:visible")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    context.close()


def test_the_lead_photo_keeps_its_place_before_it_arrives(browser, site_url):
    """Nothing below the lead photo moves when it loads (Lighthouse's layout shift, issue 28): its
    box has the photo's proportions from the first paint, photo or no photo."""
    context = browser.new_context(locale="th-TH", viewport={"width": 360, "height": 780})
    page = context.new_page()
    held = []  # photo requests left pending: the page as it is while the photo is on its way
    page.route(re.compile(r"\.(webp|jpg|jpeg|png|avif)$"), lambda route: held.append(route))
    page.goto(site_url + PAGES["story"], wait_until="domcontentloaded")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    lead = page.locator("figure.moi-story__lead img")
    box = lead.bounding_box()
    width, height = int(lead.get_attribute("width")), int(lead.get_attribute("height"))
    assert box is not None and box["width"] > 300
    assert abs(box["height"] - box["width"] * height / width) < 2, box
    context.close()


def test_on_a_phone_the_home_page_opens_on_a_photo_and_a_list_is_a_list(browser, site_url):
    """At 360 x 780 (issue 28): the first screen of the home page reaches the first story's photo,
    and a card of the archive is a line of the list (it was a 540 px poster)."""
    context = browser.new_context(locale="th-TH", viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(site_url)
    first_photo = page.locator(".moi-card__media img").first.bounding_box()
    assert first_photo is not None and first_photo["y"] + 120 < 780, first_photo  # a good part of it
    page.goto(site_url + "stories/")
    cards = page.locator(".moi-card:not(.moi-card--featured)")
    heights = [cards.nth(i).bounding_box()["height"] for i in range(min(cards.count(), 6))]
    assert heights and max(heights) <= 320, heights
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    context.close()


@pytest.mark.parametrize("page_kind", ["story", "home"])
def test_a_phone_asks_once_for_the_largest_photo_at_its_size_with_the_stylesheets(browser, site_url, page_kind):
    """The page's largest photo (its LCP, issue 28) is preloaded from <head> with the srcset and
    sizes of its picture: a phone of 412 px at 1.75 device pixels a px takes the 720 px AVIF (it
    took the 960 WebP, then the 720 WebP at twice the bytes), asked for once (a preload that does
    not match the picture is a second download) and before the page's scripts."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site_url + ("" if page_kind == "home" else PAGES["story"]))
    page.wait_for_load_state("networkidle")
    selector = "figure.moi-story__lead img" if page_kind == "story" else ".moi-card--featured .moi-card__media img"
    shown = page.locator(selector).first.evaluate("img => img.currentSrc")
    assert shown.endswith("-720.avif"), shown
    stem = shown.rsplit("-", 1)[0]
    assert [url for url in asked if url.startswith(stem + "-")] == [shown]
    preloaded = page.evaluate("Array.from(document.querySelectorAll('head link[rel=preload][as=image]')).length")
    assert preloaded == 1
    bundle = next(i for i, url in enumerate(asked) if "/bundle." in url)  # Material's script
    assert asked.index(shown) < bundle
    context.close()


def test_a_phone_takes_the_smallest_avif_for_a_list_s_photos(browser, site_url):
    """A list's card shows its photo 120 px wide on a phone: at 2 device pixels a px the browser
    takes the 240 px AVIF (it took the 480 px WebP, three times the bytes), never a larger file."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "stories/")
    images = page.locator(".moi-card:not(.moi-card--featured) .moi-card__media img")
    assert images.count() >= 3
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.currentSrc", arg=images.nth(i).element_handle())
        shown = images.nth(i).evaluate("img => img.currentSrc")
        assert shown.endswith("-240.avif"), shown
    context.close()

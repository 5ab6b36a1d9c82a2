"""End to end: Thai search in a real browser on the built example site."""

from __future__ import annotations

import pytest

from .conftest import new_page

RESULT_TITLES = ".moi-search .md-search-result__list h1"
COUNT = ".moi-search .md-search-result__meta"

STORY_BANGKOK = "นัดหมายล่วงหน้าออนไลน์ที่สำนักงานเขต ไม่ต้องลางานมารอคิว"
STORY_WEAVING = "ผ้าทอมือจอมทองสู่ตลาดออนไลน์ รายได้กลุ่มทอผ้าเพิ่มขึ้นเกือบสามเท่า"
STORY_LAND = "Same-day land title transfers at provincial land offices"
STORY_CLOUD = "ย้ายระบบงานของกระทรวงขึ้นคลาวด์กลาง ลดค่าใช้จ่ายปีละ 31 ล้านบาท"


def search(page, query: str) -> list[str]:
    page.fill(".moi-search input[name=q]", query)
    # The search script marks which query its list shows once every result of it is drawn.
    page.wait_for_function("q => document.querySelector('.moi-search').dataset.shownQuery === q", arg=query)
    return page.locator(RESULT_TITLES).all_inner_texts()


@pytest.fixture(scope="module")
def reader(browser):
    """One page for the searches below, one after another as a reader searches in one visit (as
    test_search_quality.py searches): an answer must not depend on the searches before it."""
    with new_page(browser) as page:
        yield page


@pytest.mark.parametrize(
    ("query", "expected", "unrelated"),
    [
        # Words from the middle of "ประชาชนสามารถยื่นคำร้องขอใบอนุญาตก่อสร้างอาคาร ได้ที่สำนักงานเขต"
        ("อาคาร", STORY_BANGKOK, STORY_WEAVING),
        ("ใบอนุญาต", STORY_BANGKOK, STORY_WEAVING),
        ("ก่อสร้าง", STORY_BANGKOK, STORY_WEAVING),
        ("เขต", STORY_BANGKOK, STORY_CLOUD),
        # Two words typed as one run, without a space
        ("ใบอนุญาตก่อสร้าง", STORY_BANGKOK, STORY_WEAVING),
        ("ทอผ้าฝ้าย", STORY_WEAVING, STORY_BANGKOK),
        # An office name in Thai and in English, and an English word
        ("กองการเจ้าหน้าที่", "พี่เลี้ยงข้าราชการบรรจุใหม่ ปรับตัวได้เร็ว ลาออกน้อยลง", STORY_WEAVING),
        ("Chiang Mai", STORY_WEAVING, STORY_CLOUD),
        ("transfer", STORY_LAND, STORY_WEAVING),
        # A photo caption and a tag
        ("นักออกแบบ", STORY_WEAVING, STORY_BANGKOK),
        ("คลาวด์", STORY_CLOUD, STORY_WEAVING),
        ("ลดต้นทุน", STORY_CLOUD, STORY_WEAVING),
    ],
)
def test_thai_and_english_queries_find_the_right_story(reader, site_url, query, expected, unrelated):
    if reader.url != site_url:
        reader.goto(site_url)
    titles = search(reader, query)
    assert expected in titles, (query, titles)
    assert unrelated not in titles, (query, titles)
    assert reader.errors == []


def test_matched_words_are_highlighted_and_results_link_to_the_story(page, site_url):
    page.goto(site_url)
    search(page, "เขต")
    first = page.locator(".moi-search .md-search-result__item").first
    assert "เขต" in first.locator("mark").first.inner_text()
    excerpt = first.locator("article p").last.inner_text()
    assert not any(mark in excerpt for mark in "\u2062\u2063\u2064\u00a0")
    assert "สำนักงานเขต" in excerpt  # shown as written: no spaces inside Thai runs
    first.locator("a").click()
    page.wait_for_url("**/th-10/online-appointment/")
    assert page.locator("article.moi-story h1").inner_text().replace("\u2060", "") == STORY_BANGKOK


def test_filter_in_the_address_applies(page, site_url):
    page.goto(site_url + "?rer=ภารกิจพิเศษ")
    page.wait_for_function("() => document.querySelectorAll('.moi-search .md-search-result__item').length > 0")
    assert page.locator(".moi-search select[data-filter=rer]").input_value() == "ภารกิจพิเศษ"
    assert page.locator(".moi-search .md-search-result__meta").inner_text() == "พบ 5 เรื่อง"


def test_long_result_lists_show_ten_then_more(page, site_url):
    page.goto(site_url)
    search(page, "ที่")
    count = int(page.locator(COUNT).inner_text().split()[1])
    assert count > 10
    assert page.locator(".moi-search .md-search-result__item").count() == 10
    page.click(".moi-search .moi-more button")
    page.wait_for_function(f"() => document.querySelectorAll('.moi-search .md-search-result__item').length === {count}")


def test_query_parameter_opens_the_search_on_any_page(page, site_url):
    page.goto(site_url + "pmqa/3/?q=ไกล่เกลี่ย")
    page.wait_for_function("() => document.querySelectorAll('.moi-search .md-search-result__item').length > 0")
    titles = page.locator(RESULT_TITLES).all_inner_texts()
    assert "ศูนย์ไกล่เกลี่ยข้อพิพาทหมู่บ้าน ยุติความขัดแย้งโดยไม่ต้องขึ้นศาล" in titles
    assert page.locator("#__search").is_checked()


def titles_when(page, condition: str) -> list[str]:
    """The result titles once condition (JS over `titles`, an array of strings) holds."""
    page.wait_for_function(
        f"() => {{ const titles = Array.from(document.querySelectorAll('{RESULT_TITLES}'))"
        f".map(h => h.textContent.trim()); return {condition}; }}"
    )
    return page.locator(RESULT_TITLES).all_inner_texts()


def test_filters_narrow_the_results(page, site_url):
    otop = "ตลาด OTOP ออนไลน์ ขายผ้าไทยและของดีชุมชนได้ทั้งปี"
    drought = "รายงานสถานการณ์ภัยแล้งรายวัน จากอำเภอถึงผู้บริหารภายในเก้าโมงเช้า"
    page.goto(site_url)
    everything = search(page, "ผ้า")
    assert STORY_WEAVING in everything and otop in everything
    page.focus(".moi-search select[data-filter=province]")  # filter lists load when reached for
    page.select_option(".moi-search select[data-filter=province]", "เชียงใหม่")
    narrowed = titles_when(page, f"!titles.includes('{otop}')")
    assert STORY_WEAVING in narrowed and otop not in narrowed
    page.select_option(".moi-search select[data-filter=province]", "")
    page.select_option(".moi-search select[data-filter=rer]", "การสื่อสาร/รายงาน")
    page.fill(".moi-search input[name=q]", "")
    reports = titles_when(page, f"titles.includes('{drought}')")
    assert STORY_WEAVING not in reports
    assert all(title in reports for title in (drought,))


def test_keyboard_shortcut_and_escape(page, site_url):
    page.goto(site_url + "rer/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    assert page.locator("#__search").is_checked()
    page.keyboard.type("ผ้าไทย")
    page.wait_for_function("() => document.querySelectorAll('.moi-search .md-search-result__item').length > 0")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_a_query_downloads_only_part_of_the_index(page, site_url, example_site):
    files = [p for p in (example_site / "search").rglob("*.json") if p.name != "parts.json"]
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(site_url)
    assert not any("/search/" in url for url in fetched)  # nothing until the reader searches
    search(page, "ผ้าไทย")
    index = {url for url in fetched if "/search/" in url and not url.endswith("/parts.json")}
    assert any("/t/" in url for url in index) and any("/f/" in url for url in index)
    assert len([url for url in index if "/f/" in url]) <= 10  # the results shown, not every match
    assert len(index) < len(files) / 2  # words' groups, postings and results: not the index (a small
    # site: at 10,000 stories a query fetches a few dozen of 18,000 files, benchmarks/bench_search.py)
    assert not any(url.endswith("/filters.json") for url in index)  # only to filter


def test_every_part_of_the_index_is_searched(page, site_url, example_site):
    # The tests build the example's index in parts of a few stories (tests/conftest.py): a filter
    # alone lists every story it holds, whichever part each story is in, and its count is theirs.
    import json
    from urllib.parse import quote

    from conftest import indexed_stories

    parts = json.loads((example_site / "search" / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert len(parts) >= 2
    stories = indexed_stories(example_site)
    routine = sorted(url for url, data in stories.items() if data["filters"]["rer"] == ["งานประจำ"])
    in_first = set(indexed_stories(example_site, parts[0]))
    assert set(routine) & in_first and set(routine) - in_first  # in the first part and in others
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(site_url + "?rer=" + quote("งานประจำ"))
    page.wait_for_function("() => document.querySelector('.moi-search').dataset.shownQuery === ''")
    links = page.locator(".moi-search .md-search-result__item a").evaluate_all("links => links.map(a => a.pathname)")
    assert sorted(links) == routine
    assert page.locator(COUNT).inner_text() == f"พบ {len(routine)} เรื่อง"
    option = page.locator(".moi-search select[data-filter=rer] option", has_text="งานประจำ").inner_text()
    assert option == f"งานประจำ ({len(routine)})"
    assert all(any(f"/search/{part}" in url for url in fetched) for part in parts)
    assert page.errors == []


def test_a_result_title_keeps_its_words_whole_as_the_cards_do(page, site_url):
    """ติด/เตียง and ผู้/พิการ broke at line ends in the results (issue 28): the title's words are
    marked in the index (thai.words.mark_words_kept_whole) and drawn as the cards' spans."""
    page.goto(site_url)
    search(page, "ติดเตียง")
    title = page.locator(RESULT_TITLES).first
    assert title.inner_text() == "ทำบัตรประชาชนถึงบ้าน ให้ผู้สูงอายุติดเตียงและผู้พิการ"  # no marks shown
    kept = title.locator("span.moi-w").all_inner_texts()
    assert {"ติดเตียง", "ผู้พิการ"} <= set(kept), kept
    assert title.locator("span.moi-w").first.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
